/* The option-negotiation automaton of RFC 1661 §4, shared by LCP and every
 * NCP (IPCP). The state transition table of §4.1 is transcribed as data in
 * ppp_fsm_table.c; this file runs it. What differs per protocol (which
 * options we ask for, what we accept from the peer, what a layer-up means)
 * comes through struct ppp_fsm_ops. One struct ppp_fsm per protocol per link:
 * no global state. */
#ifndef PPP_FSM_H
#define PPP_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "ppp_cp.h"
#include "proto_error.h"
#include "timer.h"

/* RFC 1661 §4.2 states, numbered as the RFC numbers them. */
enum ppp_fsm_state {
    PPP_FSM_INITIAL = 0,
    PPP_FSM_STARTING = 1,
    PPP_FSM_CLOSED = 2,
    PPP_FSM_STOPPED = 3,
    PPP_FSM_CLOSING = 4,
    PPP_FSM_STOPPING = 5,
    PPP_FSM_REQ_SENT = 6,
    PPP_FSM_ACK_RCVD = 7,
    PPP_FSM_ACK_SENT = 8,
    PPP_FSM_OPENED = 9,
    PPP_FSM_STATE_COUNT
};

/* RFC 1661 §4.3 events, in the table's row order. */
enum ppp_fsm_event {
    PPP_EV_UP,        /* lower layer is Up */
    PPP_EV_DOWN,      /* lower layer is Down */
    PPP_EV_OPEN,      /* administrative Open */
    PPP_EV_CLOSE,     /* administrative Close */
    PPP_EV_TO_PLUS,   /* Timeout with counter > 0 */
    PPP_EV_TO_MINUS,  /* Timeout with counter expired */
    PPP_EV_RCR_PLUS,  /* Receive-Configure-Request (Good) */
    PPP_EV_RCR_MINUS, /* Receive-Configure-Request (Bad) */
    PPP_EV_RCA,       /* Receive-Configure-Ack */
    PPP_EV_RCN,       /* Receive-Configure-Nak/Rej */
    PPP_EV_RTR,       /* Receive-Terminate-Request */
    PPP_EV_RTA,       /* Receive-Terminate-Ack */
    PPP_EV_RUC,       /* Receive-Unknown-Code */
    PPP_EV_RXJ_PLUS,  /* Receive-Code-Reject (permitted) or Receive-Protocol-Reject */
    PPP_EV_RXJ_MINUS, /* Receive-Code-Reject (catastrophic) or Receive-Protocol-Reject */
    PPP_EV_RXR,       /* Receive-Echo-Request, -Echo-Reply or -Discard-Request */
    PPP_FSM_EVENT_COUNT
};

/* RFC 1661 §4.4 actions, one bit each. */
enum ppp_fsm_action {
    PPP_ACT_TLU = 1u << 0,  /* This-Layer-Up */
    PPP_ACT_TLD = 1u << 1,  /* This-Layer-Down */
    PPP_ACT_TLS = 1u << 2,  /* This-Layer-Started */
    PPP_ACT_TLF = 1u << 3,  /* This-Layer-Finished */
    PPP_ACT_IRC = 1u << 4,  /* Initialize-Restart-Count */
    PPP_ACT_ZRC = 1u << 5,  /* Zero-Restart-Count */
    PPP_ACT_SCR = 1u << 6,  /* Send-Configure-Request */
    PPP_ACT_SCA = 1u << 7,  /* Send-Configure-Ack */
    PPP_ACT_SCN = 1u << 8,  /* Send-Configure-Nak/Rej */
    PPP_ACT_STR = 1u << 9,  /* Send-Terminate-Request */
    PPP_ACT_STA = 1u << 10, /* Send-Terminate-Ack */
    PPP_ACT_SCJ = 1u << 11, /* Send-Code-Reject */
    PPP_ACT_SER = 1u << 12, /* Send-Echo-Reply */
};

/* One cell of the §4.1 table. legal false: the RFC's "-" (the event cannot
 * happen in that state; it is counted and ignored). */
struct ppp_fsm_cell {
    bool legal;
    uint16_t actions;
    uint8_t next;
};

/* The §4.1 table, [event][state]. */
const struct ppp_fsm_cell *ppp_fsm_cell(enum ppp_fsm_state state, enum ppp_fsm_event event);

/* Names: the RFC's ("Req-Sent", "RCR+", "scr") and Cisco's debug wording for
 * states ("REQsent", "ACKrcvd", "Open", "Listen" for a passive Stopped). */
const char *ppp_fsm_state_name(enum ppp_fsm_state s);
const char *ppp_fsm_event_name(enum ppp_fsm_event e);
const char *ppp_fsm_action_name(enum ppp_fsm_action a);
const char *ppp_fsm_state_cisco(enum ppp_fsm_state s, bool passive);

/* RFC 1661 §4.6 counters and timer defaults. */
#define PPP_FSM_DEFAULT_RESTART_US (3u * 1000000u)
#define PPP_FSM_DEFAULT_MAX_CONFIGURE 10u
#define PPP_FSM_DEFAULT_MAX_TERMINATE 2u
#define PPP_FSM_DEFAULT_MAX_FAILURE 5u

#define PPP_FSM_MAX_OPTS 256u   /* options we keep per packet (requests are short) */

struct ppp_fsm;

/* Reply to a peer's Configure-Request, decided by the protocol. */
struct ppp_fsm_reply {
    uint8_t code;                      /* PPP_CONFIGURE_ACK, _NAK or _REJECT */
    uint8_t opts[PPP_FSM_MAX_OPTS];    /* Nak/Reject options (Ack: copy of the request) */
    size_t len;
};

struct ppp_fsm_ops {
    /* Our Configure-Request options. */
    proto_status (*build_request)(struct ppp_fsm *f, uint8_t *out, size_t cap, size_t *len);
    /* The peer's Configure-Request: fill *reply (ACK: nothing to add). When
     * reject_only, Max-Failure is reached: RFC 1661 §4.6 says turn Naks into
     * Rejects. Bad option syntax is a PROTO_* error (the request is dropped). */
    proto_status (*check_request)(struct ppp_fsm *f, const uint8_t *opts, size_t len,
                                  bool reject_only, struct ppp_fsm_reply *reply);
    /* The peer's Ack (already checked equal to our request), Nak, Reject. */
    void (*got_ack)(struct ppp_fsm *f, const uint8_t *opts, size_t len);
    proto_status (*got_nak)(struct ppp_fsm *f, const uint8_t *opts, size_t len);
    proto_status (*got_reject)(struct ppp_fsm *f, const uint8_t *opts, size_t len);
    /* tlu, tld, tls, tlf (§4.4); any may be NULL. */
    void (*layer_up)(struct ppp_fsm *f);
    void (*layer_down)(struct ppp_fsm *f);
    void (*layer_started)(struct ppp_fsm *f);
    void (*layer_finished)(struct ppp_fsm *f);
    /* Codes above Code-Reject (LCP: Protocol-Reject, Echo, Discard,
     * Identification, Time-Remaining). Returns the event the packet is
     * (PPP_EV_RXR, PPP_EV_RXJ_PLUS/MINUS) or PPP_EV_RUC. NULL: every such
     * code is RUC (NCPs, RFC 1661 §5.7). */
    enum ppp_fsm_event (*extended_code)(struct ppp_fsm *f, const struct ppp_cp_packet *p);
    /* ser in the Opened state for an Echo-Request (LCP only). */
    void (*send_echo_reply)(struct ppp_fsm *f, const struct ppp_cp_packet *p);
};

/* Transmits one PPP frame: protocol (2 octets) then the packet. */
typedef void (*ppp_fsm_send_fn)(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len);

struct ppp_fsm_config {
    uint64_t restart_us;
    unsigned max_configure, max_terminate, max_failure;
    bool passive;         /* §4.2 Stopped-state passive open: wait for the peer */
    uint8_t first_id;     /* Identifier of our first request */
};

struct ppp_fsm_counters {
    uint64_t rx_packets, tx_packets;
    uint64_t rx_discarded;       /* bad syntax, wrong Identifier, not legal in the state */
    uint64_t confreq_sent, confack_sent, confnak_sent, confrej_sent;
    uint64_t timeouts, illegal_events;
};

struct ppp_fsm {
    const char *name;            /* "LCP", "IPCP" */
    uint16_t protocol;
    const struct ppp_fsm_ops *ops;
    void *owner;                 /* the protocol's own state (struct lcp, struct ipcp) */
    struct ppp_fsm_config cfg;

    enum ppp_fsm_state state;
    unsigned restart_count;      /* Restart counter (§4.6) */
    unsigned nak_count;          /* Naks sent without an Ack sent (Max-Failure) */
    uint8_t next_id;
    uint8_t req_id;              /* Identifier of our outstanding Configure-Request */
    bool req_pending;            /* a Configure-Request awaits its reply */
    uint8_t term_id;
    uint8_t req_opts[PPP_FSM_MAX_OPTS];  /* last sent Configure-Request options */
    size_t req_len;
    bool retransmit;             /* the next scr is a TO+ retransmission: same id */

    /* L2TP proxy LCP (RFC 2661 §4.4.5): the request octets seen so far. */
    uint8_t first_rcvd[PPP_FSM_MAX_OPTS];
    size_t first_rcvd_len;
    bool have_first_rcvd;
    uint8_t last_rcvd[PPP_FSM_MAX_OPTS];
    size_t last_rcvd_len;

    struct ppp_fsm_reply reply;  /* decision on the packet being processed */
    const struct ppp_cp_packet *rx;  /* the packet being processed, or NULL */

    struct timer restart_timer;
    struct timer_queue *timers;
    ppp_fsm_send_fn send;
    void *send_ctx;
    struct debug_log *log;       /* may be NULL */
    const char *ifname;          /* debug prefix: "Se0:0", "Vi4" */
    struct ppp_fsm_counters stats;
};

/* Zeroed config fields take the RFC defaults. */
void ppp_fsm_init(struct ppp_fsm *f, const char *name, uint16_t protocol,
                  const struct ppp_fsm_ops *ops, void *owner, const struct ppp_fsm_config *cfg,
                  struct timer_queue *timers, ppp_fsm_send_fn send, void *send_ctx,
                  struct debug_log *log, const char *ifname);
void ppp_fsm_stop_timer(struct ppp_fsm *f);

/* The administrative and lower-layer events. */
void ppp_fsm_up(struct ppp_fsm *f);
void ppp_fsm_down(struct ppp_fsm *f);
void ppp_fsm_open(struct ppp_fsm *f);
void ppp_fsm_close(struct ppp_fsm *f);

/* A received packet of this protocol (after the protocol field): classified
 * into its §4.3 event and run through the table. A malformed packet or a
 * reply that does not answer our request is discarded (counted) and reported
 * as an error; it never changes state. */
proto_status ppp_fsm_input(struct ppp_fsm *f, const uint8_t *pkt, size_t len,
                           struct proto_error *err);

/* Runs one event through the table with the given packet as its context
 * (NULL for non-receive events). Exposed for the table tests. Returns false
 * when the event is not legal in the current state. */
bool ppp_fsm_run(struct ppp_fsm *f, enum ppp_fsm_event ev, const struct ppp_cp_packet *rx);

/* Sends one control packet of this protocol (code, id, data), with the
 * seed-style debug line. Used by the protocols for their extended codes. */
void ppp_fsm_send_packet(struct ppp_fsm *f, uint8_t code, uint8_t id, const uint8_t *data,
                         size_t len);
uint8_t ppp_fsm_new_id(struct ppp_fsm *f);

/* Logs a packet in the seed's form: "LCP: O CONFREQ [Listen] id 11 len 28"
 * then one line per option. */
void ppp_fsm_log_packet(struct ppp_fsm *f, const char *dir, const uint8_t *pkt, size_t len);

/* L2TP proxy LCP at the LNS (RFC 2661 §4.4.5; the seed's "I FORCED CONFREQ"):
 * the LAC's negotiation is taken as done, and the automaton goes straight to
 * Opened with those options; tlu runs. Only from Stopped/Req-Sent/Ack-Sent/
 * Ack-Rcvd/Starting/Closed (not Opened). */
proto_status ppp_fsm_force_open(struct ppp_fsm *f, struct proto_error *err);

#endif
