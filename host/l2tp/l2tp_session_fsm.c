/* The session state machines of RFC 2661 §7.4.1 (LAC incoming), §7.4.2
 * (LNS incoming), §7.5.1 (LAC outgoing) and §7.5.2 (LNS outgoing) in one
 * table; each row names the call types it applies to. State names are the
 * seed's ("wait-for-tunnel" for the RFC's wait-tunnel). A session that
 * reaches idle is destroyed: its local ID goes back to the allocator and
 * the owner is told (session_down) so the card's entry is removed. */
#include "l2tp_ctrl_int.h"


#define LI (1u << L2TP_CALL_LAC_INCOMING)
#define NI (1u << L2TP_CALL_LNS_INCOMING)
#define LO (1u << L2TP_CALL_LAC_OUTGOING)
#define NO (1u << L2TP_CALL_LNS_OUTGOING)
#define ANY (LI | NI | LO | NO)
#define ROW(st, ev, types, act, nx) {L2TP_SS_##st, L2TP_SE_##ev, types, act, L2TP_SS_##nx}

static const struct l2tp_fsm_row session_fsm[] = {
    /* §7.4.1 LAC incoming call */
    ROW(IDLE, LOCAL_OPEN, LI | NO, SA_NONE, WAIT_TUNNEL),
    ROW(WAIT_TUNNEL, TUNNEL_OPEN, LI, SA_SEND_ICRQ, WAIT_REPLY),
    ROW(WAIT_TUNNEL, LOCAL_CLOSE, LI | NO, SA_CLEANUP, IDLE),
    ROW(WAIT_REPLY, RX_ICRP_OK, LI, SA_SEND_ICCN_UP, ESTABLISHED),
    ROW(WAIT_REPLY, RX_ICRP_BAD, LI, SA_SEND_CDN, IDLE),
    ROW(WAIT_REPLY, RX_ICRQ, LI, SA_SEND_CDN, IDLE),
    ROW(WAIT_REPLY, RX_ICCN, LI, SA_CLEANUP, IDLE),
    ROW(ESTABLISHED, RX_ICRQ, LI | NI, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_ICRP, LI | NI, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_ICCN, LI | NI, SA_SEND_CDN, IDLE),
    /* §7.4.2 LNS incoming call */
    ROW(IDLE, RX_ICRQ_OK, NI, SA_SEND_ICRP, WAIT_CONNECT),
    ROW(IDLE, RX_ICRQ_BAD, NI, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_ICCN_OK, NI, SA_UP, ESTABLISHED),
    ROW(WAIT_CONNECT, RX_ICCN_BAD, NI, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_ICRQ, NI, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_ICRP, NI, SA_SEND_CDN, IDLE),
    /* §7.5.1 LAC outgoing call */
    ROW(IDLE, RX_OCRQ_OK, LO, SA_SEND_OCRP_DIAL, WAIT_CS_ANSWER),
    ROW(IDLE, RX_OCRQ_BAD, LO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CS_ANSWER, BEARER_ANSWER, LO, SA_SEND_OCCN_UP, ESTABLISHED),
    ROW(WAIT_CS_ANSWER, RX_OCRQ, LO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CS_ANSWER, RX_OCRP, LO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CS_ANSWER, RX_OCCN, LO, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_OCRQ, LO | NO, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_OCRP, LO | NO, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_OCCN, LO | NO, SA_SEND_CDN, IDLE),
    /* §7.5.2 LNS outgoing call */
    ROW(WAIT_TUNNEL, TUNNEL_OPEN, NO, SA_SEND_OCRQ, WAIT_REPLY),
    ROW(WAIT_REPLY, RX_OCRP_OK, NO, SA_NONE, WAIT_CONNECT),
    ROW(WAIT_REPLY, RX_OCRP_BAD, NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_REPLY, RX_OCCN, NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_REPLY, RX_OCRQ, NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_OCCN, NO, SA_UP, ESTABLISHED),
    ROW(WAIT_CONNECT, RX_OCRQ, NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_OCRP, NO, SA_SEND_CDN, IDLE),
    /* every call type: CDN received, local close, tunnel gone, §4.1 */
    ROW(WAIT_REPLY, RX_CDN, LI | NO, SA_CLEANUP, IDLE),
    ROW(WAIT_CONNECT, RX_CDN, NI | NO, SA_CLEANUP, IDLE),
    ROW(WAIT_CS_ANSWER, RX_CDN, LO, SA_CLEANUP, IDLE),
    ROW(ESTABLISHED, RX_CDN, ANY, SA_CLEANUP, IDLE),
    ROW(WAIT_REPLY, LOCAL_CLOSE, LI | NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, LOCAL_CLOSE, NI | NO, SA_SEND_CDN, IDLE),
    ROW(WAIT_CS_ANSWER, LOCAL_CLOSE, LO, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, LOCAL_CLOSE, ANY, SA_SEND_CDN, IDLE),
    ROW(WAIT_TUNNEL, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(WAIT_REPLY, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(WAIT_CONNECT, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(WAIT_CS_ANSWER, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(ESTABLISHED, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(IDLE, TUNNEL_DOWN, ANY, SA_CLEANUP, IDLE),
    ROW(WAIT_REPLY, RX_UNKNOWN_M, ANY, SA_SEND_CDN, IDLE),
    ROW(WAIT_CONNECT, RX_UNKNOWN_M, ANY, SA_SEND_CDN, IDLE),
    ROW(WAIT_CS_ANSWER, RX_UNKNOWN_M, ANY, SA_SEND_CDN, IDLE),
    ROW(ESTABLISHED, RX_UNKNOWN_M, ANY, SA_SEND_CDN, IDLE),
    /* §6.14 WEN goes LAC -> LNS, §6.15 SLI LNS -> LAC, on a live call */
    ROW(ESTABLISHED, RX_WEN, NI | NO, SA_NOTIFY, ESTABLISHED),
    ROW(ESTABLISHED, RX_SLI, LI | LO, SA_NOTIFY, ESTABLISHED),
};

const struct l2tp_fsm_row *l2tp_session_fsm_table(size_t *n)
{
    *n = sizeof session_fsm / sizeof session_fsm[0];
    return session_fsm;
}

static const char *const state_names[L2TP_SS_COUNT] = {
    [L2TP_SS_IDLE] = "idle",
    [L2TP_SS_WAIT_TUNNEL] = "wait-for-tunnel",
    [L2TP_SS_WAIT_REPLY] = "wait-reply",
    [L2TP_SS_WAIT_CONNECT] = "wait-connect",
    [L2TP_SS_WAIT_CS_ANSWER] = "wait-cs-answer",
    [L2TP_SS_ESTABLISHED] = "established",
};

const char *l2tp_session_state_name(enum l2tp_session_state s)
{
    return (unsigned)s < L2TP_SS_COUNT ? state_names[s] : "unknown";
}

static const char *const event_names[L2TP_SE_COUNT] = {
    [L2TP_SE_LOCAL_OPEN] = "local open",
    [L2TP_SE_TUNNEL_OPEN] = "tunnel open",
    [L2TP_SE_RX_ICRQ_OK] = "ICRQ acceptable",
    [L2TP_SE_RX_ICRQ_BAD] = "ICRQ not acceptable",
    [L2TP_SE_RX_ICRP_OK] = "ICRP acceptable",
    [L2TP_SE_RX_ICRP_BAD] = "ICRP not acceptable",
    [L2TP_SE_RX_ICCN_OK] = "ICCN acceptable",
    [L2TP_SE_RX_ICCN_BAD] = "ICCN not acceptable",
    [L2TP_SE_RX_OCRQ_OK] = "OCRQ acceptable",
    [L2TP_SE_RX_OCRQ_BAD] = "OCRQ not acceptable",
    [L2TP_SE_RX_OCRP_OK] = "OCRP acceptable",
    [L2TP_SE_RX_OCRP_BAD] = "OCRP not acceptable",
    [L2TP_SE_RX_OCCN] = "OCCN",
    [L2TP_SE_RX_ICRQ] = "ICRQ",
    [L2TP_SE_RX_ICRP] = "ICRP",
    [L2TP_SE_RX_ICCN] = "ICCN",
    [L2TP_SE_RX_OCRQ] = "OCRQ",
    [L2TP_SE_RX_OCRP] = "OCRP",
    [L2TP_SE_RX_CDN] = "CDN",
    [L2TP_SE_RX_WEN] = "WEN",
    [L2TP_SE_RX_SLI] = "SLI",
    [L2TP_SE_RX_UNKNOWN_M] = "unknown mandatory AVP",
    [L2TP_SE_BEARER_ANSWER] = "bearer answer",
    [L2TP_SE_LOCAL_CLOSE] = "local close",
    [L2TP_SE_TUNNEL_DOWN] = "tunnel down",
};

const char *l2tp_session_event_name(enum l2tp_session_event e)
{
    return (unsigned)e < L2TP_SE_COUNT ? event_names[e] : "unknown";
}

static void session_up(struct l2tp_session *s)
{
    struct l2tp_ctrl *c = s->tunnel->ctrl;
    struct l2tp_session_info info;
    l2tp_session_info_of(s, &info);
    s->up = true;
    if (c->ops.session_up)
        c->ops.session_up(c->ops_ctx, &info);
}

static void notify(struct l2tp_session *s, enum l2tp_call_event_kind kind)
{
    struct l2tp_ctrl *c = s->tunnel->ctrl;
    struct l2tp_session_info info;
    l2tp_session_info_of(s, &info);
    struct l2tp_call_event ev = {.kind = kind, .session = &info};
    if (kind == L2TP_EV_WEN) {
        ev.errors = &s->wen;
    } else if (kind == L2TP_EV_SLI) {
        ev.send_accm = s->sli_send_accm;
        ev.recv_accm = s->sli_recv_accm;
    } else {
        ev.params = &s->params;
    }
    if (c->ops.call_event)
        c->ops.call_event(c->ops_ctx, &ev);
}

static void run_action(struct l2tp_session *s, enum session_action a,
                       enum l2tp_session_event ev)
{
    switch (a) {
    case SA_NONE:
        break;
    case SA_NOTIFY:
        notify(s, ev == L2TP_SE_RX_WEN ? L2TP_EV_WEN : L2TP_EV_SLI);
        break;
    case SA_SEND_ICRQ:
        l2tp_send_icrq(s);
        break;
    case SA_SEND_ICRP:
        l2tp_send_icrp(s);
        break;
    case SA_SEND_ICCN_UP:
        l2tp_send_iccn(s);
        session_up(s);
        break;
    case SA_UP:
        session_up(s);
        notify(s, L2TP_EV_CALL_CONNECTED);
        break;
    case SA_SEND_OCRQ:
        l2tp_send_ocrq(s);
        break;
    case SA_SEND_OCRP_DIAL:
        l2tp_send_ocrp(s);
        notify(s, L2TP_EV_OUTGOING_REQUEST);
        break;
    case SA_SEND_OCCN_UP:
        l2tp_send_occn(s);
        session_up(s);
        break;
    case SA_SEND_CDN:
        s->cdn.by_peer = false;
        l2tp_send_cdn(s);
        l2tp_slog(s, DBG_L2TP_EVENTS, "Destroying session");
        break;
    case SA_CLEANUP:
        l2tp_slog(s, DBG_L2TP_EVENTS, "Destroying session");
        break;
    }
}

void l2tp_session_event(struct l2tp_session *s, enum l2tp_session_event ev)
{
    size_t n;
    const struct l2tp_fsm_row *tab = l2tp_session_fsm_table(&n);
    const struct l2tp_fsm_row *row = l2tp_fsm_find(tab, n, (int)s->state, (int)ev, (int)s->type);
    if (!row) {
        l2tp_slog(s, DBG_L2TP_EVENTS, "Ignoring %s in session state %s",
                  l2tp_session_event_name(ev), l2tp_session_state_name(s->state));
        return;
    }
    enum l2tp_session_state from = s->state;
    run_action(s, (enum session_action)row->action, ev);
    s->state = (enum l2tp_session_state)row->next;
    if (s->state != from) {
        l2tp_slog(s, DBG_L2TP_EVENTS, "Session state change from %s to %s",
                  l2tp_session_state_name(from), l2tp_session_state_name(s->state));
        l2tp_ctrl_note_state(s->tunnel->ctrl, s->tunnel->local_id, s->local_id,
                             l2tp_session_state_name(from), l2tp_session_state_name(s->state));
    }
    if (s->state == L2TP_SS_IDLE && row->next == L2TP_SS_IDLE &&
        (row->action == SA_SEND_CDN || row->action == SA_CLEANUP))
        l2tp_session_free(s);
}
