/* libFuzzer target over l2tpdump's decode path. The first input octet picks
 * what the rest is, so one corpus covers every entry point:
 *   0: an L2TP message (UDP payload), decoded with and without the secret,
 *      strict and not, and through the tunnel-authentication check;
 *   1: an Ethernet frame (net_udp_decode), its UDP payload then as in 0;
 *   2: a raw IPv4 datagram (net_ipv4_udp_decode), likewise;
 *   3: a frame of each supported linktype (pcap_link_header_len).
 * Every line the decoders emit must be a short NUL-terminated string. */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_msg.h"
#include "l2tpdump_auth.h"
#include "l2tpdump_decode.h"
#include "net_headers.h"
#include "pcap_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, const char *line)
{
    size_t *total = ctx;
    size_t n = strlen(line);
    if (n > 4096) /* a runaway line means a formatting bug */
        abort();
    *total += n;
}

static void decode_message(const uint8_t *msg, size_t len)
{
    static const uint8_t secret[] = "hello";
    struct l2tpdump_opts o = {secret, sizeof secret - 1, false, "I", 0, 0};
    size_t total = 0;
    struct proto_error err;
    for (int pass = 0; pass < 3; pass++) {
        o.secret = pass == 1 ? NULL : secret;
        o.strict = pass == 2;
        memset(&err, 0, sizeof err);
        if (l2tpdump_decode(msg, len, &o, sink, &total, &err) != PROTO_OK) {
            char line[256];
            proto_error_format(&err, line, sizeof line);
            /* The error must point into the message, or just past it. */
            if (err.offset > len)
                abort();
        }
    }
    struct l2tp_msg *m = malloc(sizeof *m);
    struct l2tpdump_auth *auth = malloc(sizeof *auth);
    if (m && auth) {
        struct l2tp_secret s = {secret, sizeof secret - 1};
        l2tpdump_auth_init(auth);
        if (l2tp_msg_decode(msg, len, &s, 0, m, NULL) == PROTO_OK) {
            char line[160];
            /* Twice, from both ends, so a challenge meets its response. */
            l2tpdump_auth_check(auth, m, 1, 2, secret, sizeof secret - 1, line, sizeof line);
            l2tpdump_auth_check(auth, m, 2, 1, secret, sizeof secret - 1, line, sizeof line);
        }
    }
    free(m);
    free(auth);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    /* A heap copy of exactly the rest, so ASan sees any overread. */
    size_t len = size - 1;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, len);
    struct net_udp_packet p;
    struct proto_error err;
    switch (data[0] & 3) {
    case 0:
        decode_message(buf, len);
        break;
    case 1:
        if (net_udp_decode(buf, len, &p, &err) == PROTO_OK) {
            if (p.payload_offset + p.payload_len > len)
                abort();
            decode_message(p.payload, p.payload_len);
        } else if (err.offset > len) {
            abort();
        }
        break;
    case 2:
        if (net_ipv4_udp_decode(buf, len, 0, &p, &err) == PROTO_OK)
            decode_message(p.payload, p.payload_len);
        else if (err.offset > len)
            abort();
        break;
    default: {
        static const int types[] = {DLT_EN10MB, DLT_RAW,  DLT_LINUX_SLL, DLT_LINUX_SLL2,
                                    DLT_NULL,   DLT_LOOP, DLT_IPV4};
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            int off = pcap_link_header_len(types[i], buf, len);
            if (off > (int)len)
                abort();
            if (off >= 0 && net_ipv4_udp_decode(buf + off, len - (size_t)off, (size_t)off, &p,
                                                &err) == PROTO_OK)
                decode_message(p.payload, p.payload_len);
        }
    }
    }
    free(buf);
    return 0;
}
