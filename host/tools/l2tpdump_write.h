/* l2tpdump --write-pcap: wraps L2TP messages given as hex in
 * Ethernet/IPv4/UDP 1701 and writes them to a pcap file, so tests can build
 * captures (bad messages included: nothing is decoded on the way). */
#ifndef L2TPDUMP_WRITE_H
#define L2TPDUMP_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct l2tpdump_wmsg {
    const char *hex;         /* the UDP payload, hex_parse syntax */
    bool from_lns;           /* LNS->LAC; otherwise LAC->LNS */
};

/* Writes msgs[0..n) with the LAC and LNS at lac_ip and lns_ip (host order),
 * both on port 1701 as Cisco IOS does, 1 ms apart from the seed's 00:04:10.
 * On a hex error *bad is the index of the message and err->offset is in
 * its text. */
proto_status l2tpdump_write_pcap(const char *path, const struct l2tpdump_wmsg *msgs, size_t n,
                                 uint32_t lac_ip, uint32_t lns_ip, size_t *bad,
                                 struct proto_error *err);

#endif
