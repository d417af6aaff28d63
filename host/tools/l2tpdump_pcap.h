/* l2tpdump over a capture: every UDP datagram to or from port 1701. */
#ifndef L2TPDUMP_PCAP_H
#define L2TPDUMP_PCAP_H

#include <stdio.h>

#include "l2tpdump_decode.h"

struct l2tpdump_pcap_stats {
    unsigned long records;   /* records in the file */
    unsigned long l2tp;      /* UDP/1701 datagrams decoded */
    unsigned long bad;       /* records reported on errf */
};

/* Prints, for each L2TP datagram, a line with its number, time and
 * addresses, then its decode on out; each bad one gets one line on errf
 * ("packet N: offset X: FIELD: DETAIL") and the rest still decode. Frames
 * that are not IPv4/UDP/1701 are skipped. Fails only when the file cannot be
 * opened or read (err names the path or record). */
proto_status l2tpdump_pcap(const char *path, const struct l2tpdump_opts *o, FILE *out,
                           FILE *errf, struct l2tpdump_pcap_stats *stats,
                           struct proto_error *err);

#endif
