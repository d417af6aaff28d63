/* Internal to libl2tpctrl: the pieces the tunnel, session, message and
 * instance files share. Not for the library's users. */
#ifndef L2TP_CTRL_INT_H
#define L2TP_CTRL_INT_H

#include "l2tp_ctrl.h"
#include "l2tp_msg.h"

/* §7.2 tunnel events. RX_*_OK / RX_*_BAD: the message was (not)
 * "acceptable" in the RFC's words: checked before the table is consulted. */
enum l2tp_tunnel_event {
    L2TP_TE_LOCAL_OPEN,
    L2TP_TE_RX_SCCRQ_OK,
    L2TP_TE_RX_SCCRQ_BAD,
    L2TP_TE_RX_SCCRP_OK,
    L2TP_TE_RX_SCCRP_BAD,
    L2TP_TE_RX_SCCCN_OK,
    L2TP_TE_RX_SCCCN_BAD,
    L2TP_TE_RX_SCCRQ,          /* on an existing tunnel: out of sequence */
    L2TP_TE_RX_SCCRP,          /* out of sequence */
    L2TP_TE_RX_SCCCN,          /* out of sequence */
    L2TP_TE_RX_STOPCCN,
    L2TP_TE_RX_UNKNOWN_M,      /* unknown mandatory AVP in a tunnel message (§4.1) */
    L2TP_TE_LOCAL_CLOSE,
    L2TP_TE_LOSE_TIE,          /* §4.4.3: the peer's SCCRQ wins, or a tie */
    L2TP_TE_SESSION_ADDED,
    L2TP_TE_LAST_SESSION_GONE,
    L2TP_TE_SHUTDOWN_TIMER,
    L2TP_TE_STOPCCN_ACKED,
    L2TP_TE_PEER_DEAD,         /* retransmissions exhausted */
    L2TP_TE_HOLD_EXPIRED,
    L2TP_TE_COUNT,
};

/* §7.4 / §7.5 session events. */
enum l2tp_session_event {
    L2TP_SE_LOCAL_OPEN,
    L2TP_SE_TUNNEL_OPEN,
    L2TP_SE_RX_ICRQ_OK,
    L2TP_SE_RX_ICRQ_BAD,
    L2TP_SE_RX_ICRP_OK,
    L2TP_SE_RX_ICRP_BAD,
    L2TP_SE_RX_ICCN_OK,
    L2TP_SE_RX_ICCN_BAD,
    L2TP_SE_RX_OCRQ_OK,
    L2TP_SE_RX_OCRQ_BAD,
    L2TP_SE_RX_OCRP_OK,
    L2TP_SE_RX_OCRP_BAD,
    L2TP_SE_RX_OCCN,
    L2TP_SE_RX_ICRQ,           /* out of sequence */
    L2TP_SE_RX_ICRP,
    L2TP_SE_RX_ICCN,
    L2TP_SE_RX_OCRQ,
    L2TP_SE_RX_OCRP,
    L2TP_SE_RX_CDN,
    L2TP_SE_RX_WEN,
    L2TP_SE_RX_SLI,
    L2TP_SE_RX_UNKNOWN_M,
    L2TP_SE_BEARER_ANSWER,
    L2TP_SE_LOCAL_CLOSE,       /* local close or bearer drop/failure */
    L2TP_SE_TUNNEL_DOWN,
    L2TP_SE_COUNT,
};

/* Actions of the tables' rows. */
enum tunnel_action {
    TA_NONE,
    TA_SEND_SCCRQ,          /* originator: open */
    TA_SEND_SCCRP,          /* receiver: accept SCCRQ */
    TA_SEND_SCCCN_OPEN,     /* originator: SCCCN, then tunnel-open to waiting sessions */
    TA_OPEN,                /* receiver: tunnel-open to waiting sessions */
    TA_SEND_STOPCCN,        /* StopCCN with t->stop_result; sessions cleared */
    TA_CLEANUP,             /* sessions cleared; hold state to ack retransmits */
    TA_CLEANUP_FREE,        /* sessions cleared; nothing left to wait for */
    TA_START_SHUTDOWN,      /* no-sessions-left: arm the shutdown timer */
    TA_CANCEL_SHUTDOWN,
};

enum session_action {
    SA_NONE,
    SA_SEND_ICRQ,
    SA_SEND_ICRP,
    SA_SEND_ICCN_UP,        /* LAC: ICCN, then the session is up */
    SA_UP,                  /* LNS: ICCN/OCCN received: up, PPP told */
    SA_SEND_OCRQ,
    SA_SEND_OCRP_DIAL,      /* LAC: OCRP, then ask the owner to dial */
    SA_SEND_OCCN_UP,
    SA_SEND_CDN,            /* CDN with s->cdn, then clean up */
    SA_CLEANUP,
    SA_NOTIFY,              /* WEN / SLI: hand to the owner, no state change */
};

/* Message type of a control message we built: the Message Type AVP comes
 * first (§4.4.1), its value right after its header. A ZLB has none. */
static inline uint16_t l2tp_ctrl_msg_type_of(const uint8_t *buf, size_t len)
{
    size_t at = L2TP_CTRL_HDR_LEN + L2TP_AVP_HDR_LEN;
    return len >= at + 2 ? (uint16_t)((buf[at] << 8) | buf[at + 1]) : L2TP_MSG_ZLB;
}

const char *l2tp_tunnel_event_name(enum l2tp_tunnel_event e);
const char *l2tp_session_event_name(enum l2tp_session_event e);

/* One row of a state table. For sessions, types is a bit mask of
 * (1u << enum l2tp_call_type) the row applies to; tunnels ignore it. */
struct l2tp_fsm_row {
    int state;
    int event;
    unsigned types;
    int action;
    int next;
};
const struct l2tp_fsm_row *l2tp_tunnel_fsm_table(size_t *n);
const struct l2tp_fsm_row *l2tp_session_fsm_table(size_t *n);
/* The row for (state, event[, type]), or NULL: the event is ignored there. */
const struct l2tp_fsm_row *l2tp_fsm_find(const struct l2tp_fsm_row *t, size_t n, int state,
                                         int event, int type);

/* Runs the tables. May mark the tunnel dead or free the session: callers
 * must not touch s after l2tp_session_event. */
void l2tp_tunnel_event(struct l2tp_tunnel *t, enum l2tp_tunnel_event ev);
void l2tp_session_event(struct l2tp_session *s, enum l2tp_session_event ev);
void l2tp_tunnel_timers_init(struct l2tp_tunnel *t);

/* Instance services (l2tp_ctrl.c). */
struct l2tp_tunnel *l2tp_tunnel_new(struct l2tp_ctrl *c, const struct l2tp_peer_addr *peer,
                                    uint16_t requested_id, bool originator);
void l2tp_tunnel_kill(struct l2tp_tunnel *t); /* freed once out of callbacks */
struct l2tp_session *l2tp_session_new(struct l2tp_tunnel *t, enum l2tp_call_type type,
                                      uint16_t requested_id);
void l2tp_session_free(struct l2tp_session *s);
int l2tp_ctrl_random(struct l2tp_ctrl *c, uint8_t *buf, size_t len);
void l2tp_ctrl_note_state(struct l2tp_ctrl *c, uint16_t tid, uint16_t sid, const char *from,
                          const char *to);
const uint8_t *l2tp_ctrl_secret_for(const struct l2tp_ctrl *c, const char *hostname,
                                    size_t *len);

/* Message building and sending (l2tp_ctrl_send.c). */
int l2tp_send_sccrq(struct l2tp_tunnel *t);
int l2tp_send_sccrp(struct l2tp_tunnel *t);
int l2tp_send_scccn(struct l2tp_tunnel *t);
int l2tp_send_stopccn(struct l2tp_tunnel *t);
int l2tp_send_hello(struct l2tp_tunnel *t);
int l2tp_send_icrq(struct l2tp_session *s);
int l2tp_send_icrp(struct l2tp_session *s);
int l2tp_send_iccn(struct l2tp_session *s);
int l2tp_send_ocrq(struct l2tp_session *s);
int l2tp_send_ocrp(struct l2tp_session *s);
int l2tp_send_occn(struct l2tp_session *s);
int l2tp_send_cdn(struct l2tp_session *s);
/* CDN for a call we could not even give a session (no ID left). */
int l2tp_send_cdn_raw(struct l2tp_tunnel *t, uint16_t peer_session_id, uint16_t result,
                      uint16_t error);
int l2tp_send_wen(struct l2tp_session *s, const struct l2tp_call_errors *e);
int l2tp_send_sli(struct l2tp_session *s, uint32_t send_accm, uint32_t recv_accm);
/* reliable-layer callback: log "O ..." and put the frame on the wire */
void l2tp_tunnel_xmit(void *ctx, const uint8_t *buf, size_t len, bool retransmit);

/* Received messages (l2tp_tunnel_rx.c, l2tp_session_rx.c). */
void l2tp_tunnel_deliver(void *ctx, const uint8_t *buf, size_t len);
void l2tp_session_rx(struct l2tp_tunnel *t, const struct l2tp_msg *m, bool unknown_m);
/* Fills params from ICRQ/ICCN/OCRQ/OCCN AVPs. */
void l2tp_params_from_msg(const struct l2tp_msg *m, struct l2tp_call_params *p);

/* Debug lines with the seed's prefixes: "Tnl 17688 L2TP: ...",
 * "Tnl/Cl 17688/7 L2TP: ...". */
void l2tp_tlog(struct l2tp_tunnel *t, enum debug_cat cat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void l2tp_slog(struct l2tp_session *s, enum debug_cat cat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *l2tp_peer_name(const struct l2tp_tunnel *t);

#endif
