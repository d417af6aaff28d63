/* LCP (RFC 1661 §5-§6, RFC 1570, RFC 1990 options) on the generic automaton:
 * what we ask for, what we accept, Magic-Number loop-back detection (§6.4),
 * Echo keepalive, Protocol-Reject, Discard, Identification/Time-Remaining. */
#ifndef PPP_LCP_H
#define PPP_LCP_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp_const.h"
#include "ppp_cp.h"
#include "ppp_fsm.h"

#define LCP_MIN_MRU 128u     /* smaller MRUs are Nak'd with the default (as pppd) */

struct lcp_config {
    uint16_t mru;               /* ask for this MRU; 0: do not ask (1500 assumed) */
    bool request_accm;
    uint32_t accm;
    uint16_t auth_protocol;     /* require the peer to authenticate: PPP_PROTO_CHAP (MD5),
                                 * PPP_PROTO_PAP, 0 none */
    bool auth_pap_fallback;     /* a Nak suggesting PAP is taken when we asked CHAP */
    bool magic;                 /* negotiate a Magic-Number */
    uint32_t magic_number;      /* our first one; 0: drawn at random */
    bool request_pfc, request_acfc;
    bool accept_pfc, accept_acfc;
    bool request_mrru;          /* RFC 1990 multilink, as the seed's LAC sends */
    uint16_t mrru;
    bool request_endpoint;
    uint8_t endpoint_class;
    uint8_t endpoint_addr[LCP_ED_MAX_ADDR_LEN];
    uint8_t endpoint_len;
    bool accept_multilink;      /* ack the peer's MRRU/Endpoint-Discriminator; else reject */
    bool allow_chap, allow_pap; /* protocols we authenticate ourselves with */
    uint64_t echo_interval_us;  /* Echo-Request keepalive period; 0: off */
    unsigned echo_max_failures; /* unanswered Echo-Requests before the link is declared dead */
    unsigned loopback_max;      /* consecutive own-Magic-Number requests meaning loop-back
                                 * (0: Max-Failure) */
};

struct lcp_hooks {
    void *ctx;
    void (*up)(void *ctx);
    void (*down)(void *ctx);
    void (*started)(void *ctx);
    void (*finished)(void *ctx);
    void (*protocol_rejected)(void *ctx, uint16_t protocol);
    void (*keepalive_failed)(void *ctx);
    void (*loopback)(void *ctx);
    void (*random)(void *ctx, uint8_t *buf, size_t len);
};

struct lcp_counters {
    uint64_t echo_req_sent, echo_req_rcvd, echo_rep_sent, echo_rep_rcvd, echo_failures;
    uint64_t discard_rcvd, ident_rcvd, time_remaining_rcvd;
    uint64_t protrej_sent, protrej_rcvd;
    uint64_t magic_collisions, loopbacks;
};

struct lcp {
    struct ppp_fsm fsm;
    struct lcp_config cfg;
    struct lcp_hooks hooks;
    struct lcp_options want;    /* what our next Configure-Request asks */
    struct lcp_options got;     /* what the peer acked of ours */
    struct lcp_options his;     /* what we acked of the peer's */
    bool auth_refused;          /* the peer rejected our Authentication-Protocol */
    unsigned collisions_in_row;
    bool loopback;
    struct timer echo_timer;
    unsigned echo_outstanding;
    uint8_t echo_id;
    struct lcp_counters stats;
};

void lcp_init(struct lcp *l, const struct lcp_config *cfg, const struct ppp_fsm_config *fsm_cfg,
              const struct lcp_hooks *hooks, struct timer_queue *timers, ppp_fsm_send_fn send,
              void *send_ctx, struct debug_log *log, const char *ifname);
/* Cancels LCP's timers (restart, echo); call before freeing. */
void lcp_stop(struct lcp *l);

proto_status lcp_input(struct lcp *l, const uint8_t *pkt, size_t len, struct proto_error *err);

/* RFC 1661 §5.7: rejects a frame of an unsupported protocol (Opened only). */
proto_status lcp_send_protocol_reject(struct lcp *l, uint16_t protocol, const uint8_t *info,
                                      size_t len, struct proto_error *err);

/* L2TP proxy LCP (RFC 2661 §4.4.5): take `sent` (the LAC's last sent
 * Configure-Request options, AVP 27) as our acked request and `rcvd` (the
 * last received, AVP 28) as the peer's, and open. */
proto_status lcp_force_open(struct lcp *l, const uint8_t *sent, size_t sent_len,
                            const uint8_t *rcvd, size_t rcvd_len, struct proto_error *err);

/* Our current Magic-Number (0 when not negotiated). */
uint32_t lcp_our_magic(const struct lcp *l);

#endif
