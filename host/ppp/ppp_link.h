/* One PPP link: the RFC 1661 §3 phases around LCP, CHAP/PAP and IPCP, in one
 * of three roles, with the seed's debug wording ("Se0:0 PPP: Phase is
 * ESTABLISHING, Passive Open", "PPP: Phase is FORWARDING", "Vi4 PPP: Phase
 * is UP"):
 *  - LAC: LCP with the remote user, then partial authentication (Challenge
 *    sent, Response kept), then FORWARDING; the proxy data the ICCN carries
 *    (RFC 2661 §4.4.5, AVPs 26-33) goes to the owner's forward callback.
 *  - LNS: from the LAC's proxy LCP (forced open, "I FORCED CONFREQ") or a
 *    normal negotiation; proxy authentication checked through AAA (or a new
 *    Challenge), then IPCP with the peer's address decided by AAA or a pool.
 *  - client: the remote user (the seed's 2500-1), an ordinary PPP peer.
 * Frames are protocol (2 octets) + information: the owner adds HDLC or L2TP.
 * Everything is per instance; nothing global. */
#ifndef PPP_LINK_H
#define PPP_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chap.h"
#include "debug_log.h"
#include "ipcp.h"
#include "lcp.h"
#include "pap.h"
#include "ppp_aaa.h"
#include "timer.h"

enum ppp_role { PPP_ROLE_LAC, PPP_ROLE_LNS, PPP_ROLE_CLIENT };

/* RFC 1661 §3.2-§3.7 phases, plus the LAC's hand-over to L2TP. */
enum ppp_phase {
    PPP_PHASE_DEAD,
    PPP_PHASE_ESTABLISH,
    PPP_PHASE_AUTHENTICATE,
    PPP_PHASE_FORWARDING,
    PPP_PHASE_NETWORK,
    PPP_PHASE_TERMINATE,
};

/* IOS's words: "DOWN", "ESTABLISHING", "AUTHENTICATING", "FORWARDING",
 * "UP", "TERMINATING". */
const char *ppp_phase_name(enum ppp_phase p);

#define PPP_PROXY_MAX 256u

/* What the ICCN's proxy AVPs carry (RFC 2661 §4.4.5). */
struct ppp_proxy {
    uint8_t initial_rcvd[PPP_PROXY_MAX];   /* AVP 26 Initial Received LCP CONFREQ */
    size_t initial_rcvd_len;
    uint8_t last_sent[PPP_PROXY_MAX];      /* AVP 27 Last Sent LCP CONFREQ */
    size_t last_sent_len;
    uint8_t last_rcvd[PPP_PROXY_MAX];      /* AVP 28 Last Received LCP CONFREQ */
    size_t last_rcvd_len;
    uint16_t authen_type;                  /* AVP 29, L2TP_PROXY_AUTHEN_* */
    uint8_t authen_name[CHAP_MAX_NAME];    /* AVP 30 */
    size_t authen_name_len;
    uint8_t challenge[CHAP_MAX_VALUE];     /* AVP 31 */
    size_t challenge_len;
    uint8_t authen_id;                     /* AVP 32 */
    uint8_t response[255];                 /* AVP 33: CHAP response or PAP password */
    size_t response_len;
};

struct ppp_link_config {
    enum ppp_role role;
    const char *ifname;          /* debug prefix: "Se0:0", "Vi4" */
    const char *hostname;        /* our CHAP name / PAP Peer-ID */
    struct lcp_config lcp;
    struct ppp_fsm_config lcp_fsm;   /* .passive for "Passive Open" */
    struct ipcp_config ipcp;
    struct ppp_fsm_config ipcp_fsm;
    uint8_t chap_first_id, pap_first_id;
    uint64_t auth_timeout_us;    /* 0: the restart timer's default */
    unsigned auth_max_tries;     /* 0: Max-Configure */
    bool rechallenge;            /* LNS: new Challenge when proxy auth is absent or refused */
};

struct ppp_link_callbacks {
    void *ctx;
    void (*send)(void *ctx, const uint8_t *frame, size_t len);            /* required */
    void (*random)(void *ctx, uint8_t *buf, size_t len);                  /* magic, challenges */
    void (*forward)(void *ctx, const struct ppp_proxy *proxy);            /* LAC */
    void (*route)(void *ctx, uint32_t peer_addr, bool install);           /* LNS host route */
    int (*address_pool)(void *ctx, uint32_t requested, uint32_t *addr);   /* LNS */
    void (*ip_input)(void *ctx, const uint8_t *packet, size_t len);       /* IP after IPCP */
    void (*phase_changed)(void *ctx, enum ppp_phase phase);
};

enum ppp_link_proto { PPP_LP_LCP, PPP_LP_IPCP, PPP_LP_CHAP, PPP_LP_PAP, PPP_LP_IP,
                      PPP_LP_OTHER, PPP_LP_COUNT };

struct ppp_link_counters {
    uint64_t frames_in[PPP_LP_COUNT], frames_out[PPP_LP_COUNT];
    uint64_t rx_malformed;       /* frames or packets that did not decode */
    uint64_t rx_discarded;       /* valid frames not allowed in the current phase */
    uint64_t forwarded;          /* LAC FORWARDING: frames left to the owner */
    uint64_t protocol_rejects_sent;
    uint64_t auth_failures;
    uint64_t echo_failures;
    uint64_t loopbacks;
};

struct ppp_link {
    struct ppp_link_config cfg;
    struct ppp_link_callbacks cb;
    const struct ppp_aaa *aaa;
    struct timer_queue *timers;
    struct debug_log *log;

    enum ppp_phase phase;
    struct lcp lcp;
    struct ipcp ipcp;
    struct chap chap;
    struct pap pap;
    struct ppp_proxy proxy;      /* LAC: being filled; LNS: as received */
    bool proxy_start;            /* LNS started from proxy LCP */
    bool we_auth, peer_auth;     /* who authenticates whom on this link */
    bool we_auth_ok, peer_auth_ok;
    struct ppp_aaa_attrs attrs;  /* from the accepted authentication */
    uint32_t pool_addr;          /* from address_pool, once per negotiation */
    uint32_t route_addr;
    bool route_installed;
    struct ppp_link_counters stats;
};

/* Checks the configuration (a role, a hostname when one is needed, a send
 * callback). */
proto_status ppp_link_init(struct ppp_link *l, const struct ppp_link_config *cfg,
                           const struct ppp_link_callbacks *cb, const struct ppp_aaa *aaa,
                           struct timer_queue *timers, struct debug_log *log,
                           struct proto_error *err);
/* Cancels every timer of the link (call before freeing it). */
void ppp_link_stop(struct ppp_link *l);

/* The line is up: Establish phase, LCP Open and Up. */
void ppp_link_start(struct ppp_link *l);
/* LNS: start from the LAC's proxy data: LCP forced open with AVPs 27/28,
 * then proxy authentication (AVPs 29-33). */
proto_status ppp_link_start_proxy(struct ppp_link *l, const struct ppp_proxy *proxy,
                                  struct proto_error *err);
/* A received frame (protocol + information; FF 03 and PFC accepted). */
proto_status ppp_link_input(struct ppp_link *l, const uint8_t *frame, size_t len,
                            struct proto_error *err);
/* Administrative close: LCP Terminate-Request (RFC 1661 §3.7). */
void ppp_link_close(struct ppp_link *l);
/* The line dropped (carrier loss, L2TP session gone). */
void ppp_link_lower_down(struct ppp_link *l);

/* Sends an IP packet once IPCP is Opened. */
proto_status ppp_link_send_ip(struct ppp_link *l, const uint8_t *packet, size_t len,
                              struct proto_error *err);

/* A PENDING verdict of the peer's CHAP or PAP credentials (struct
 * ppp_aaa's async forms; host/aaa's RADIUS backend) delivered later:
 * Success/Ack and on to IPCP, or Failure/Nak and LCP terminated. Ignored
 * when no verdict is pending (the link was stopped, or it came twice). */
void ppp_link_auth_result(struct ppp_link *l, enum ppp_aaa_verdict v,
                          const struct ppp_aaa_attrs *attrs);
/* True while the link waits for such a verdict. */
bool ppp_link_auth_pending(const struct ppp_link *l);

bool ppp_link_forwarding(const struct ppp_link *l);
bool ppp_link_ipcp_open(const struct ppp_link *l);

#endif
