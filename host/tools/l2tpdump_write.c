/* l2tpdump --write-pcap: hex messages -> Ethernet/IPv4/UDP frames -> pcap. */
#include "l2tpdump_write.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "hexbytes.h"
#include "l2tp_const.h"
#include "net_headers.h"
#include "pcap_io.h"

/* The seed's first L2TP line is at 00:04:10 (uptime, no date): start there. */
#define WRITE_START_USEC (250ull * 1000000u)
#define WRITE_GAP_USEC 1000u
#define WRITE_TTL 255

/* A locally administered unicast MAC (IEEE 802: second bit of the first
 * octet set) carrying the IPv4 address, so frames are self-describing. */
static void mac_for(uint32_t ip, uint8_t mac[ETH_ADDR_LEN])
{
    mac[0] = 0x02;
    mac[1] = 0x00;
    for (int i = 0; i < 4; i++)
        mac[2 + i] = (uint8_t)(ip >> (24 - 8 * i));
}

proto_status l2tpdump_write_pcap(const char *path, const struct l2tpdump_wmsg *msgs, size_t n,
                                 uint32_t lac_ip, uint32_t lns_ip, size_t *bad,
                                 struct proto_error *err)
{
    /* Parse everything first, so a typo leaves no half-written file. */
    size_t cap = IPV4_MAX_TOTAL_LEN;
    uint8_t *payload = malloc(cap);
    uint8_t *frame = malloc(cap + ETH_HDR_LEN + VLAN_TAG_LEN);
    if (!payload || !frame) {
        free(payload);
        free(frame);
        return proto_fail(err, PROTO_ENOSPC, 0, "memory", "out of memory");
    }
    proto_status st = PROTO_OK;
    for (size_t i = 0; i < n && st == PROTO_OK; i++) {
        size_t len;
        st = hex_parse(msgs[i].hex, payload, cap, &len, err);
        if (st != PROTO_OK)
            *bad = i;
    }
    struct pcap_writer *w = NULL;
    if (st == PROTO_OK)
        st = pcap_writer_open(path, DLT_EN10MB, &w, err);
    for (size_t i = 0; i < n && st == PROTO_OK; i++) {
        size_t len, flen;
        hex_parse(msgs[i].hex, payload, cap, &len, NULL);
        struct net_udp_packet p;
        memset(&p, 0, sizeof p);
        p.ip_src = msgs[i].from_lns ? lns_ip : lac_ip;
        p.ip_dst = msgs[i].from_lns ? lac_ip : lns_ip;
        mac_for(p.ip_src, p.src_mac);
        mac_for(p.ip_dst, p.dst_mac);
        p.ip_ttl = WRITE_TTL;
        p.ip_frag = IPV4_FLAG_DF;
        p.ip_id = (uint16_t)(i + 1);
        p.udp_src = L2TP_UDP_PORT;
        p.udp_dst = L2TP_UDP_PORT;
        st = net_udp_encode(&p, payload, len, frame, cap + ETH_HDR_LEN + VLAN_TAG_LEN, &flen, err);
        if (st != PROTO_OK) {
            *bad = i;
            break;
        }
        st = pcap_writer_write(w, frame, flen, WRITE_START_USEC + i * WRITE_GAP_USEC, err);
    }
    if (w) {
        proto_status fst = pcap_writer_finish(w, st == PROTO_OK ? err : NULL);
        if (st == PROTO_OK)
            st = fst;
    }
    free(payload);
    free(frame);
    return st;
}
