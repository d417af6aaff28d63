/* The decode path of l2tpdump: one L2TP message (a UDP payload) into lines
 * in the seed's debug wording. Shared by the tool and the fuzz target. */
#ifndef L2TPDUMP_DECODE_H
#define L2TPDUMP_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct l2tpdump_opts {
    const uint8_t *secret;   /* tunnel secret for hidden AVPs (RFC 2661 §4.3), or NULL */
    size_t secret_len;
    bool strict;             /* reject reserved header bits (L2TP_DECODE_STRICT) */
    const char *dir;         /* "I" or "O", as the seed's debug prints it */
    uint32_t lac_ip, lns_ip; /* pcap mode: label packets between them LAC->LNS / LNS->LAC */
};

typedef void (*l2tpdump_line_fn)(void *ctx, const char *line);

/* Emits the decode of msg[0..len) through line_fn. A control message gives
 * the lines of l2tp_msg_dump(); a data message a header line then its PPP
 * frame through ppp_frame_dump(). On malformed input returns the error with
 * err->offset counted from the start of msg; nothing is emitted for the bad
 * message (the whole message is checked before anything is printed). */
proto_status l2tpdump_decode(const uint8_t *msg, size_t len, const struct l2tpdump_opts *o,
                             l2tpdump_line_fn line_fn, void *ctx, struct proto_error *err);

#endif
