/* CHAP with MD5 (RFC 1994): the authenticator (challenge, verdict through
 * AAA, or, at a LAC, capture of the response for L2TP proxy authentication)
 * and the peer (answers challenges with the secret AAA gives it). */
#ifndef PPP_CHAP_H
#define PPP_CHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "ppp_aaa.h"
#include "ppp_auth.h"
#include "ppp_fsm.h"
#include "timer.h"

#define CHAP_MAX_NAME 64u
#define CHAP_MAX_VALUE 64u
#define CHAP_DEFAULT_CHALLENGE_LEN 16u   /* the seed's challenges are 16 octets */

struct chap_config {
    const char *name;            /* our name in Challenge/Response ("5300-1") */
    uint64_t timeout_us;         /* Challenge retransmission (default 3 s) */
    unsigned max_challenges;     /* Challenges sent before giving up (default 10) */
    uint8_t first_id;
    uint8_t challenge_len;       /* default 16 */
    bool capture_only;           /* LAC: keep the Response for the LNS, send no verdict */
};

struct chap_hooks {
    void *ctx;
    /* Authentication finished: as_authenticator tells which side of it. */
    void (*done)(void *ctx, bool as_authenticator, bool success,
                 const struct ppp_aaa_attrs *attrs);
    /* capture_only: the peer's Response to our Challenge. */
    void (*captured)(void *ctx, uint8_t id, const uint8_t *challenge, size_t challenge_len,
                     const uint8_t *name, size_t name_len, const uint8_t *response,
                     size_t response_len);
    void (*random)(void *ctx, uint8_t *buf, size_t len);
};

enum chap_auth_state { CHAP_AUTH_IDLE, CHAP_AUTH_SENT, CHAP_AUTH_CAPTURED, CHAP_AUTH_OK,
                       CHAP_AUTH_FAILED,
                       CHAP_AUTH_PENDING };  /* AAA asked (RADIUS); verdict not yet known */
enum chap_peer_state { CHAP_PEER_IDLE, CHAP_PEER_WAIT, CHAP_PEER_RESPONDED, CHAP_PEER_OK,
                       CHAP_PEER_FAILED };

struct chap_counters {
    uint64_t challenges_sent, responses_rcvd, successes, failures, responses_sent,
        discarded;
};

struct chap {
    struct chap_config cfg;
    struct chap_hooks hooks;
    const struct ppp_aaa *aaa;
    struct timer_queue *timers;
    ppp_fsm_send_fn send;
    void *send_ctx;
    struct debug_log *log;
    const char *ifname;

    enum chap_auth_state auth_state;
    uint8_t id, next_id;
    uint8_t challenge[CHAP_MAX_VALUE];
    size_t challenge_len;
    unsigned challenges_sent;
    struct timer timer;
    struct ppp_aaa_attrs attrs;
    uint8_t peer_name[CHAP_MAX_NAME];
    size_t peer_name_len;
    bool pending_rechallenge;    /* PENDING from proxy auth: a reject sends a new Challenge */

    enum chap_peer_state peer_state;
    uint8_t resp_pkt[4 + 1 + CHAP_MAX_VALUE + CHAP_MAX_NAME];
    size_t resp_len;
    uint8_t resp_id;
    unsigned responses_sent;
    struct timer peer_timer;     /* Success/Failure lost: send the Response again */
    struct chap_counters stats;
};

void chap_init(struct chap *c, const struct chap_config *cfg, const struct chap_hooks *hooks,
               const struct ppp_aaa *aaa, struct timer_queue *timers, ppp_fsm_send_fn send,
               void *send_ctx, struct debug_log *log, const char *ifname);
void chap_stop(struct chap *c);

/* Authenticator: send a (new) Challenge. */
void chap_auth_start(struct chap *c);
/* Peer: expect a Challenge. */
void chap_peer_start(struct chap *c);

/* L2TP proxy authentication at the LNS (RFC 2661 §4.4.5, AVPs 29-33): the
 * LAC's challenge and the user's response are checked as if the response
 * had come in now; accepted: Success with the proxy id. Rejected or absent:
 * a fresh Challenge when rechallenge is set, else Failure. */
void chap_auth_proxy(struct chap *c, uint8_t id, const uint8_t *challenge, size_t challenge_len,
                     const uint8_t *name, size_t name_len, const uint8_t *response,
                     size_t response_len, bool rechallenge);

proto_status chap_input(struct chap *c, const uint8_t *pkt, size_t len, struct proto_error *err);

/* A PENDING verdict arrives (struct ppp_aaa's async forms): Success or
 * Failure for the Response that was asked about (or, for rejected proxy
 * authentication with rechallenge, a new Challenge). Ignored unless a
 * verdict is pending. */
void chap_auth_result(struct chap *c, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs);

#endif
