/* PAP (RFC 1334 §2): the authenticator (verdict through AAA, or, at a LAC,
 * capture of Peer-ID and Password for L2TP proxy authentication) and the
 * peer (sends Authenticate-Request until acked, Nak'd or out of tries). */
#ifndef PPP_PAP_H
#define PPP_PAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "ppp_aaa.h"
#include "ppp_auth.h"
#include "ppp_fsm.h"
#include "timer.h"

struct pap_config {
    const char *name;            /* peer: our Peer-ID */
    uint64_t timeout_us;         /* peer: request retransmission; authenticator: wait */
    unsigned max_requests;       /* peer: requests before giving up (default 10) */
    uint8_t first_id;
    bool capture_only;           /* LAC */
};

struct pap_hooks {
    void *ctx;
    void (*done)(void *ctx, bool as_authenticator, bool success,
                 const struct ppp_aaa_attrs *attrs);
    void (*captured)(void *ctx, uint8_t id, const uint8_t *name, size_t name_len,
                     const uint8_t *password, size_t password_len);
};

enum pap_state { PAP_IDLE, PAP_WAIT, PAP_DONE_OK, PAP_DONE_FAIL, PAP_CAPTURED,
                 PAP_PENDING };   /* authenticator: AAA asked (RADIUS), verdict not yet known */

struct pap_counters {
    uint64_t requests_sent, requests_rcvd, acks, naks, discarded;
};

struct pap {
    struct pap_config cfg;
    struct pap_hooks hooks;
    const struct ppp_aaa *aaa;
    struct timer_queue *timers;
    ppp_fsm_send_fn send;
    void *send_ctx;
    struct debug_log *log;
    const char *ifname;

    enum pap_state auth_state, peer_state;
    uint8_t last_req_id;         /* authenticator: the request we answered */
    uint8_t req_id, next_id;     /* peer */
    uint8_t req_pkt[4 + 2 + 255 + 255];
    size_t req_len;
    unsigned requests_sent;
    struct timer auth_timer, peer_timer;
    struct ppp_aaa_attrs attrs;
    struct pap_counters stats;
};

void pap_init(struct pap *p, const struct pap_config *cfg, const struct pap_hooks *hooks,
              const struct ppp_aaa *aaa, struct timer_queue *timers, ppp_fsm_send_fn send,
              void *send_ctx, struct debug_log *log, const char *ifname);
void pap_stop(struct pap *p);
/* Authenticator: wait for the peer's request (fails after timeout x max). */
void pap_auth_start(struct pap *p);
/* Peer: send our request (secret from AAA). */
void pap_peer_start(struct pap *p);
/* LNS: check the LAC's proxy PAP credentials (RFC 2661 §4.4.5). Accepted:
 * Authenticate-Ack with the proxy id; else Nak. */
void pap_auth_proxy(struct pap *p, uint8_t id, const uint8_t *name, size_t name_len,
                    const uint8_t *password, size_t password_len);
proto_status pap_input(struct pap *p, const uint8_t *pkt, size_t len, struct proto_error *err);
/* A PENDING verdict arrives (struct ppp_aaa's async forms): Ack or Nak for
 * the request that was asked about. Ignored unless a verdict is pending. */
void pap_auth_result(struct pap *p, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs);

#endif
