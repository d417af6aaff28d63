/* Ethernet II (+ one 802.1Q tag), IPv4 and UDP headers: enough to find and to
 * build the L2TP datagrams the card carries. */
#ifndef NET_HEADERS_H
#define NET_HEADERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_const.h"
#include "proto_error.h"

struct net_udp_packet {
    uint8_t dst_mac[ETH_ADDR_LEN], src_mac[ETH_ADDR_LEN];
    bool has_vlan;
    uint16_t vlan_tci;
    uint16_t ethertype;
    uint8_t ip_ihl;            /* in 32-bit words */
    uint8_t ip_tos, ip_ttl, ip_protocol;
    uint16_t ip_total_len, ip_id, ip_frag;  /* ip_frag: flags + offset */
    uint32_t ip_src, ip_dst;   /* host order */
    bool ip_checksum_ok;
    uint16_t udp_src, udp_dst, udp_len, udp_checksum;
    const uint8_t *payload;    /* UDP payload */
    size_t payload_len;
    size_t payload_offset;     /* offset of the UDP payload in the frame */
    /* Added after the first version: */
    const uint8_t *ip_options; /* decode: the (ip_ihl - 5) * 4 option octets; encode: copied */
    size_t ip_options_len;
    bool udp_checksum_ok;      /* true when the UDP checksum is 0 (not computed) or verifies */
};

/* RFC 1071 Internet checksum over len octets (returns the one's-complement sum, complemented). */
uint16_t inet_checksum(const uint8_t *data, size_t len);

/* Parses Ethernet II [802.1Q] IPv4 UDP. Fails (with the field) on anything
 * else: non-IPv4, fragments, bad IHL, total length, UDP length. A bad IPv4
 * header checksum is reported in ip_checksum_ok, not as an error. */
proto_status net_udp_decode(const uint8_t *frame, size_t len, struct net_udp_packet *p,
                            struct proto_error *err);

/* Same checks, for a datagram that starts at the IPv4 header (raw-IP and
 * cooked captures); dst_mac, src_mac, has_vlan and ethertype are zeroed.
 * base_offset is added to every offset (payload_offset, error offsets). */
proto_status net_ipv4_udp_decode(const uint8_t *pkt, size_t len, size_t base_offset,
                                 struct net_udp_packet *p, struct proto_error *err);

/* Builds Ethernet/IPv4/UDP around payload (UDP checksum 0, RFC 768 allows it
 * for IPv4; IPv4 header checksum computed). Uses dst_mac, src_mac, has_vlan,
 * vlan_tci, ip_tos, ip_ttl, ip_id, ip_frag (DF only: fragments are refused),
 * ip_src, ip_dst, udp_src, udp_dst and ip_options; ip_ihl 0 means "as small as
 * the options allow", otherwise the header is that long and unused option
 * space is End of Option List. Frames below the Ethernet minimum (60 octets
 * without FCS, IEEE 802.3) are zero-padded as a NIC would. */
proto_status net_udp_encode(const struct net_udp_packet *p, const uint8_t *payload,
                            size_t payload_len, uint8_t *out, size_t cap, size_t *out_len,
                            struct proto_error *err);

#endif
