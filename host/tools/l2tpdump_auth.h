/* l2tpdump over a capture: checks tunnel authentication (RFC 2661 §4.2,
 * §5.1.1) across messages, as the seed's LAC and LNS report it ("Tunnel
 * Authentication success"): a Challenge AVP sent by one endpoint is answered
 * by the other's Challenge Response = MD5(type || secret || challenge). */
#ifndef L2TPDUMP_AUTH_H
#define L2TPDUMP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp_const.h"
#include "l2tp_msg.h"

#define L2TPDUMP_AUTH_PEERS 16

/* The last Challenge each endpoint (IPv4 address) sent. */
struct l2tpdump_auth {
    struct {
        uint32_t ip;
        uint8_t challenge[L2TP_AVP_MAX_LEN];
        size_t len;
    } sent[L2TPDUMP_AUTH_PEERS];
    size_t n;
    size_t next;             /* slot reused when the table is full */
};

void l2tpdump_auth_init(struct l2tpdump_auth *a);

/* Records m's Challenge (sent by src) and, when m carries a Challenge
 * Response to a challenge dst sent, writes the verdict line into buf and
 * returns true. Needs the secret. */
bool l2tpdump_auth_check(struct l2tpdump_auth *a, const struct l2tp_msg *m, uint32_t src,
                         uint32_t dst, const uint8_t *secret, size_t secret_len, char *buf,
                         size_t cap);

#endif
