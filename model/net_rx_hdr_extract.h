/* Model of hw/net_rx_hdr_extract.sv: the first decode stage of the NET
 * receive parser (Ethernet II / 802.1Q, IPv4 fields and checksum, and the
 * octets where UDP and L2TP sit). Combinational, so a single eval function. */
#ifndef MODEL_NET_RX_HDR_EXTRACT_H
#define MODEL_NET_RX_HDR_EXTRACT_H

#include <stdbool.h>
#include <stdint.h>

/* Farthest octet the parser reads, plus one: IPv4 at 18 (802.1Q), a 60-octet
 * IPv4 header, 8 octets of UDP and a 14-octet L2TP header (T L S O). */
#define NET_RX_HDR_NEEDED 100
#define NET_RX_UDP_L2TP_LEN 22   /* UDP header + the longest L2TP header */

/* The stage's outputs: the RTL registers them as ext_*_reg. */
struct net_rx_hdr_fields {
    bool vlan_present;
    uint16_t vlan_tci;           /* 0 without a tag */
    uint64_t src_mac;            /* 48 bits, first octet most significant */
    uint16_t ethertype;          /* after the tag */
    uint8_t ip_version, ihl;
    uint16_t ip_total_len, ip_frag;
    uint8_t ip_protocol;
    uint32_t ip_src, ip_dst;
    bool ip_checksum_ok;
    uint8_t udp_l2tp[NET_RX_UDP_L2TP_LEN];  /* from ip_base + 4 * IHL on */
};

/* hdr: the frame's first NET_RX_HDR_NEEDED octets, octets past its end zero. */
void net_rx_hdr_extract_eval(const uint8_t hdr[NET_RX_HDR_NEEDED], struct net_rx_hdr_fields *f);

#endif
