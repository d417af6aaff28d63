/* The L2TP control connection (RFC 2661 §5, §7) as a library: one
 * l2tp_ctrl instance per LAC or LNS, holding its tunnels and sessions.
 *
 * The owner (l2tpd, or a test) supplies a timer queue, a debug log and a
 * table of callbacks: it puts control frames on the wire, programs the
 * card's session table when a session comes up and removes it when it goes
 * down, and hands call events to PPP. Nothing here is global: two
 * instances (a LAC and an LNS) can run in one process over an in-memory
 * wire. Incoming frames go to l2tp_ctrl_input(); timers fire through the
 * timer queue.
 *
 * Tunnel and session state machines are tables (l2tp_tunnel_fsm.c,
 * l2tp_session_fsm.c) with the RFC's state names; the no-sessions-left and
 * shutting-down states are Cisco's, as the seed shows them. */
#ifndef L2TP_CTRL_H
#define L2TP_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "l2tp_const.h"
#include "l2tp_id_alloc.h"
#include "l2tp_reliable.h"
#include "proto_error.h"
#include "timer.h"

#define L2TP_CTRL_NAME_MAX 64      /* host names, numbers, NAS port */
#define L2TP_CTRL_SECRET_MAX 64
#define L2TP_CTRL_BLOB_MAX 128     /* LCP CONFREQs, proxy challenge/response */
#define L2TP_CTRL_CHALLENGE_LEN 16 /* our Challenge: §4.4.3 allows any length */
/* Largest control message we build: an ICCN with every proxy AVP at its
 * maximum, hidden, fits. */
#define L2TP_CTRL_MSG_MAX 2048

/* Cisco's defaults, as the seed says: "10 seconds for the LNS and 15
 * seconds for the LAC". */
#define L2TP_CTRL_SHUTDOWN_LNS_US (10 * USEC_PER_SEC)
#define L2TP_CTRL_SHUTDOWN_LAC_US (15 * USEC_PER_SEC)
/* After a StopCCN is received, state is kept this long to acknowledge its
 * retransmissions (§5.7): one full retransmission cycle (1+2+4+8+8+8 s). */
#define L2TP_CTRL_HOLD_US (31 * USEC_PER_SEC)
#define L2TP_CTRL_HELLO_US (60 * USEC_PER_SEC)

struct l2tp_peer_addr {
    uint32_t ip;    /* IPv4, host order */
    uint16_t port;  /* UDP */
};

/* A tunnel secret for one peer host name; hostname NULL matches any peer. */
struct l2tp_peer_secret {
    const char *hostname;
    const uint8_t *secret;
    size_t secret_len;
};

struct l2tp_ctrl_config {
    /* Strings and the peers table are borrowed: they must outlive the instance. */
    const char *hostname;            /* Host Name AVP (§4.4.3), required */
    const char *vendor_name;         /* NULL: not sent */
    uint16_t firmware_revision;      /* 0: not sent */
    uint32_t framing_cap, bearer_cap;
    bool is_lns;                     /* selects the shutdown default, nothing else */
    struct l2tp_rel_config rel;      /* rel.rx_window is our Receive Window Size AVP */
    uint64_t hello_interval_us;      /* HELLO on an idle tunnel; 0: never */
    uint64_t shutdown_delay_us;      /* no-sessions-left -> StopCCN */
    uint64_t hold_us;                /* after StopCCN received */
    bool hide_avps;                  /* hide sensitive AVPs (§4.3) when a secret is known */
    bool send_tie_breaker;           /* §4.4.3 Tie Breaker in our SCCRQ */
    uint32_t tunnel_table_size;      /* local tunnel IDs in [1, size) */
    uint32_t session_table_size;     /* local session IDs in [1, size): the card's table */
    uint32_t tunnel_id_start, session_id_start;
    uint16_t max_sessions_per_tunnel; /* 0: no limit */
    bool accept_tunnels;             /* answer SCCRQs */
    const struct l2tp_peer_secret *peers; /* borrowed: must outlive the instance */
    size_t n_peers;
};

enum l2tp_tunnel_state {
    L2TP_TS_IDLE,
    L2TP_TS_WAIT_CTL_REPLY,
    L2TP_TS_WAIT_CTL_CONN,
    L2TP_TS_ESTABLISHED,
    L2TP_TS_NO_SESSIONS_LEFT,
    L2TP_TS_SHUTTING_DOWN,
    L2TP_TS_COUNT,
};

enum l2tp_session_state {
    L2TP_SS_IDLE,
    L2TP_SS_WAIT_TUNNEL,
    L2TP_SS_WAIT_REPLY,
    L2TP_SS_WAIT_CONNECT,
    L2TP_SS_WAIT_CS_ANSWER,
    L2TP_SS_ESTABLISHED,
    L2TP_SS_COUNT,
};

/* §7.4 / §7.5: who starts the call and on which side we are. */
enum l2tp_call_type {
    L2TP_CALL_LAC_INCOMING,  /* we send ICRQ, ICCN */
    L2TP_CALL_LNS_INCOMING,  /* we answer ICRP */
    L2TP_CALL_LAC_OUTGOING,  /* we answer OCRP, dial, send OCCN */
    L2TP_CALL_LNS_OUTGOING,  /* we send OCRQ */
};

/* The call's parameters: what ICRQ/ICCN/OCRQ/OCCN carry (§6.7-§6.12).
 * Values are copied in; a zero length or a has_ flag off means absent. */
struct l2tp_call_params {
    uint32_t call_serial;
    bool has_bearer_type, has_framing_type, has_min_bps, has_max_bps, has_phys_channel;
    uint32_t bearer_type, framing_type, min_bps, max_bps, phys_channel;
    uint32_t tx_connect_speed, rx_connect_speed; /* 0: absent */
    char calling_number[L2TP_CTRL_NAME_MAX];
    char called_number[L2TP_CTRL_NAME_MAX];
    char sub_address[L2TP_CTRL_NAME_MAX];
    char nas_port[L2TP_CTRL_NAME_MAX];           /* Cisco AVP 100, "Serial0:0" */
    bool sequencing_required;                    /* AVP 39 */
    /* Proxy LCP and authentication (§4.4.5, AVPs 26-33), sent in ICCN. */
    uint8_t initial_rx_lcp[L2TP_CTRL_BLOB_MAX];
    size_t initial_rx_lcp_len;
    uint8_t last_sent_lcp[L2TP_CTRL_BLOB_MAX];
    size_t last_sent_lcp_len;
    uint8_t last_rx_lcp[L2TP_CTRL_BLOB_MAX];
    size_t last_rx_lcp_len;
    uint16_t proxy_authen_type;                  /* 0: no proxy authentication */
    char proxy_authen_name[L2TP_CTRL_NAME_MAX];
    uint8_t proxy_authen_challenge[L2TP_CTRL_BLOB_MAX];
    size_t proxy_authen_challenge_len;
    bool has_proxy_authen_id;
    uint8_t proxy_authen_id;
    uint8_t proxy_authen_response[L2TP_CTRL_BLOB_MAX];
    size_t proxy_authen_response_len;
};

/* What the card needs to carry the session's data (issue 3's table). */
struct l2tp_session_info {
    uint16_t local_tunnel_id, peer_tunnel_id;
    uint16_t local_session_id, peer_session_id;
    struct l2tp_peer_addr peer;
    bool sequencing_required;  /* data messages carry Ns/Nr (§5.4) */
    enum l2tp_call_type type;
    void *call_ctx;            /* the owner's handle given when the call was made */
};

/* §4.4.6 Call Errors AVP, carried by WEN. */
struct l2tp_call_errors {
    uint32_t crc_errors, framing_errors, hardware_overruns, buffer_overruns, timeout_errors,
        alignment_errors;
};

enum l2tp_call_event_kind {
    L2TP_EV_CALL_CONNECTED,   /* ICCN/OCCN received: params hold proxy LCP/auth */
    L2TP_EV_OUTGOING_REQUEST, /* LAC: OCRQ accepted, dial params->called_number */
    L2TP_EV_WEN,              /* WAN-Error-Notify received */
    L2TP_EV_SLI,              /* Set-Link-Info received */
};

struct l2tp_call_event {
    enum l2tp_call_event_kind kind;
    const struct l2tp_session_info *session;
    const struct l2tp_call_params *params;   /* CONNECTED, OUTGOING_REQUEST */
    const struct l2tp_call_errors *errors;   /* WEN */
    uint32_t send_accm, recv_accm;           /* SLI */
};

/* Why a session went down: the CDN's Result Code AVP (§4.4.2) and its Q.931
 * cause when one was given. */
struct l2tp_disconnect {
    uint16_t result, error;
    bool has_q931;
    uint16_t q931_cause;
    uint8_t q931_msg;
    bool by_peer;             /* the peer sent the CDN (or StopCCN) */
    /* false: the call failed before it came up, so nothing was programmed
     * into the card; told only for calls the owner placed. */
    bool was_up;
};

struct l2tp_ctrl_ops {
    /* A control frame (the UDP payload) for peer. */
    void (*send)(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf, size_t len);
    void (*session_up)(void *ctx, const struct l2tp_session_info *s);
    /* After session_up, or for a call the owner placed that failed. A
     * session cleared with its tunnel has result 2, error 1 (§4.4.2 "no
     * control connection"). */
    void (*session_down)(void *ctx, const struct l2tp_session_info *s,
                         const struct l2tp_disconnect *why);
    void (*call_event)(void *ctx, const struct l2tp_call_event *ev);
    /* Optional: every state change, for tests and l2tpctl. session_id 0 for
     * a tunnel. */
    void (*state_change)(void *ctx, uint16_t tunnel_id, uint16_t session_id, const char *from,
                         const char *to);
    /* Optional: random octets for challenges, tie breakers and Random
     * Vectors; NULL uses OpenSSL's RAND_bytes. Returns 0 on success. */
    int (*random)(void *ctx, uint8_t *buf, size_t len);
};

/* Per-tunnel counters: messages by type (index = Message Type, 0 = ZLB). */
struct l2tp_tunnel_counters {
    uint64_t rx_by_type[L2TP_MSG_TYPE_MAX + 1];
    uint64_t tx_by_type[L2TP_MSG_TYPE_MAX + 1];
    uint64_t bad_msgs;        /* failed to decode: dropped */
};

struct l2tp_session;

struct l2tp_tunnel {
    struct l2tp_ctrl *ctrl;
    uint16_t local_id, peer_id;
    struct l2tp_peer_addr peer;
    enum l2tp_tunnel_state state;
    bool originator;
    char peer_hostname[L2TP_CTRL_NAME_MAX];
    uint8_t secret[L2TP_CTRL_SECRET_MAX];
    size_t secret_len;
    uint8_t our_challenge[L2TP_CTRL_CHALLENGE_LEN];
    bool challenged;                         /* we sent a Challenge */
    uint8_t peer_challenge[L2TP_CTRL_BLOB_MAX];
    size_t peer_challenge_len;               /* 0: the peer sent none */
    uint8_t tie_breaker[L2TP_TIE_BREAKER_LEN];
    bool has_tie_breaker;
    struct l2tp_rel rel;
    struct timer hello_timer, shutdown_timer, hold_timer;
    struct l2tp_session *sessions;
    unsigned n_sessions;
    /* StopCCN to send, or received. */
    uint16_t stop_result, stop_error;
    const char *stop_text;
    uint16_t peer_stop_result, peer_stop_error;
    bool announced;                          /* receiver: past "I SCCRQ from" */
    bool clearing;                           /* tearing its sessions down */
    uint64_t last_rx_us;
    bool dead;                               /* freed by the instance soon */
    struct l2tp_tunnel *next_dead;
    struct l2tp_tunnel *prev_all, *next_all; /* every tunnel of the instance */
    struct l2tp_tunnel_counters cnt;
};

struct l2tp_session_counters {
    uint64_t rx_by_type[L2TP_MSG_TYPE_MAX + 1];
    uint64_t tx_by_type[L2TP_MSG_TYPE_MAX + 1];
};

struct l2tp_session {
    struct l2tp_tunnel *tunnel;
    struct l2tp_session *next;               /* in the tunnel's list */
    uint16_t local_id, peer_id;
    enum l2tp_session_state state;
    enum l2tp_call_type type;
    void *call_ctx;
    struct l2tp_call_params params;          /* ours (LAC) or the peer's (LNS) */
    bool up;                                 /* session_up was called */
    struct l2tp_disconnect cdn;              /* to send, or received */
    struct l2tp_call_errors wen;             /* last WEN received */
    uint32_t sli_send_accm, sli_recv_accm;   /* last SLI received */
    struct l2tp_session_counters cnt;
};

struct l2tp_ctrl_counters {
    uint64_t rx_frames, rx_bad, rx_no_tunnel;
    uint64_t tunnels_created, tunnels_freed, sessions_created, sessions_freed;
    uint64_t auth_failures, tie_breaks;
    uint64_t sessions_refused;  /* ICRQ/OCRQ answered with CDN 4: no session ID or limit */
};

struct l2tp_msg;

struct l2tp_ctrl {
    struct l2tp_ctrl_config cfg;
    struct l2tp_ctrl_ops ops;
    void *ops_ctx;
    struct timer_queue *tq;
    struct debug_log *log;
    struct l2tp_id_alloc tunnel_ids, session_ids;
    struct l2tp_tunnel **tunnels;            /* by local tunnel ID */
    struct l2tp_session **sessions;          /* by local session ID */
    struct l2tp_tunnel *all;                 /* every tunnel, for lookups by peer */
    struct l2tp_tunnel *dead;                /* to free once out of their callbacks */
    struct timer reap_timer;
    struct l2tp_msg *rx_msg;                 /* decode scratch */
    uint8_t tie_breaker[L2TP_TIE_BREAKER_LEN];
    struct l2tp_ctrl_counters cnt;
};

/* Defaults: Cisco's timers (shutdown 10 s LNS, 15 s LAC), §5.8 backoff 1 s
 * doubling to 8 s, 5 retries, Receive Window 16, tables of 65536. */
void l2tp_ctrl_config_default(struct l2tp_ctrl_config *cfg, const char *hostname, bool is_lns);

proto_status l2tp_ctrl_init(struct l2tp_ctrl *c, const struct l2tp_ctrl_config *cfg,
                            const struct l2tp_ctrl_ops *ops, void *ops_ctx,
                            struct timer_queue *tq, struct debug_log *log,
                            struct proto_error *err);
/* Frees everything without sending anything; session_down is still
 * called for sessions that were up, so the card's entries can go too. */
void l2tp_ctrl_free(struct l2tp_ctrl *c);

/* A control frame (UDP payload) from peer. Returns PROTO_OK when it was
 * taken (even if the state machine refused it), or the decode error. */
proto_status l2tp_ctrl_input(struct l2tp_ctrl *c, const struct l2tp_peer_addr *from,
                             const uint8_t *buf, size_t len, struct proto_error *err);

/* Opens a tunnel to peer (we are the originator, §7.2): SCCRQ goes out at
 * once. secret may be NULL (no tunnel authentication). requested_id 0 takes
 * the allocator's next ID. *tunnel_id receives the local ID. */
proto_status l2tp_ctrl_tunnel_open(struct l2tp_ctrl *c, const struct l2tp_peer_addr *peer,
                                   const uint8_t *secret, size_t secret_len,
                                   uint16_t requested_id, uint16_t *tunnel_id,
                                   struct proto_error *err);
/* StopCCN with result (1 = general request to clear) and error. */
proto_status l2tp_ctrl_tunnel_close(struct l2tp_ctrl *c, uint16_t tunnel_id, uint16_t result,
                                    uint16_t error, struct proto_error *err);

/* LAC incoming call (§7.4.1): ICRQ now or when the tunnel comes up, ICCN
 * (with params' proxy AVPs) when ICRP arrives. */
proto_status l2tp_ctrl_call_incoming(struct l2tp_ctrl *c, uint16_t tunnel_id,
                                     uint16_t requested_session_id,
                                     const struct l2tp_call_params *params, void *call_ctx,
                                     uint16_t *session_id, struct proto_error *err);
/* LNS outgoing call (§7.5.2): OCRQ asking the LAC to dial. */
proto_status l2tp_ctrl_call_outgoing(struct l2tp_ctrl *c, uint16_t tunnel_id,
                                     uint16_t requested_session_id,
                                     const struct l2tp_call_params *params, void *call_ctx,
                                     uint16_t *session_id, struct proto_error *err);
/* LAC outgoing call: the bearer answered (OCCN) or failed (CDN). */
proto_status l2tp_ctrl_call_answered(struct l2tp_ctrl *c, uint16_t session_id,
                                     const struct l2tp_call_params *params,
                                     struct proto_error *err);
/* Local close / bearer drop: CDN with this reason (§7.4, §7.5). */
proto_status l2tp_ctrl_call_disconnect(struct l2tp_ctrl *c, uint16_t session_id,
                                       const struct l2tp_disconnect *why,
                                       struct proto_error *err);
/* WAN-Error-Notify (LAC to LNS) and Set-Link-Info (LNS to LAC), §6.14-6.15. */
proto_status l2tp_ctrl_send_wen(struct l2tp_ctrl *c, uint16_t session_id,
                                const struct l2tp_call_errors *errors, struct proto_error *err);
proto_status l2tp_ctrl_send_sli(struct l2tp_ctrl *c, uint16_t session_id, uint32_t send_accm,
                                uint32_t recv_accm, struct proto_error *err);

struct l2tp_tunnel *l2tp_ctrl_tunnel(const struct l2tp_ctrl *c, uint16_t tunnel_id);
struct l2tp_session *l2tp_ctrl_session(const struct l2tp_ctrl *c, uint16_t session_id);
/* Fills the card-facing description of a session. */
void l2tp_session_info_of(const struct l2tp_session *s, struct l2tp_session_info *info);

const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state s);
const char *l2tp_session_state_name(enum l2tp_session_state s);

#endif
