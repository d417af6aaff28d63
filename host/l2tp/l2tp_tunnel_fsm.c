/* The tunnel state machine of RFC 2661 §7.2 (originator and receiver in one
 * table), with Cisco's no-sessions-left and shutting-down states as the seed
 * shows them:
 *   established --last session gone--> no-sessions-left --10/15 s--> StopCCN
 *   sent --> shutting-down --StopCCN acked--> idle.
 * Where §7.2 says "Send StopCCN, Clean up -> idle" we go through
 * shutting-down, so the StopCCN is retransmitted until acknowledged (§5.7).
 * A (state, event) pair not in the table is ignored (logged). */
#include <stdio.h>

#include "l2tp_ctrl_int.h"


#define S(x) L2TP_TS_##x
#define E(x) L2TP_TE_##x
#define ROW(st, ev, act, nx) {S(st), E(ev), 0, act, S(nx)}

static const struct l2tp_fsm_row tunnel_fsm[] = {
    /* §7.2 originator */
    ROW(IDLE, LOCAL_OPEN, TA_SEND_SCCRQ, WAIT_CTL_REPLY),
    ROW(WAIT_CTL_REPLY, RX_SCCRP_OK, TA_SEND_SCCCN_OPEN, ESTABLISHED),
    ROW(WAIT_CTL_REPLY, RX_SCCRP_BAD, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_REPLY, LOSE_TIE, TA_CLEANUP_FREE, IDLE),
    ROW(WAIT_CTL_REPLY, RX_SCCRQ, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_REPLY, RX_SCCCN, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_REPLY, RX_STOPCCN, TA_CLEANUP, IDLE),
    ROW(WAIT_CTL_REPLY, RX_UNKNOWN_M, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_REPLY, LOCAL_CLOSE, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_REPLY, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
    /* §7.2 receiver */
    ROW(IDLE, RX_SCCRQ_OK, TA_SEND_SCCRP, WAIT_CTL_CONN),
    ROW(IDLE, RX_SCCRQ_BAD, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(IDLE, RX_UNKNOWN_M, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, RX_SCCCN_OK, TA_OPEN, ESTABLISHED),
    ROW(WAIT_CTL_CONN, RX_SCCCN_BAD, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, RX_SCCRQ, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, RX_SCCRP, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, RX_STOPCCN, TA_CLEANUP, IDLE),
    ROW(WAIT_CTL_CONN, RX_UNKNOWN_M, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, LOCAL_CLOSE, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(WAIT_CTL_CONN, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
    /* §7.2 both */
    ROW(ESTABLISHED, RX_SCCRQ, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(ESTABLISHED, RX_SCCRP, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(ESTABLISHED, RX_SCCCN, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(ESTABLISHED, RX_STOPCCN, TA_CLEANUP, IDLE),
    ROW(ESTABLISHED, RX_UNKNOWN_M, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(ESTABLISHED, LOCAL_CLOSE, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(ESTABLISHED, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
    /* Cisco: the last session gone, the tunnel lingers, then closes. */
    ROW(ESTABLISHED, LAST_SESSION_GONE, TA_START_SHUTDOWN, NO_SESSIONS_LEFT),
    ROW(NO_SESSIONS_LEFT, SESSION_ADDED, TA_CANCEL_SHUTDOWN, ESTABLISHED),
    ROW(NO_SESSIONS_LEFT, SHUTDOWN_TIMER, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, RX_SCCRQ, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, RX_SCCRP, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, RX_SCCCN, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, RX_STOPCCN, TA_CLEANUP, IDLE),
    ROW(NO_SESSIONS_LEFT, RX_UNKNOWN_M, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, LOCAL_CLOSE, TA_SEND_STOPCCN, SHUTTING_DOWN),
    ROW(NO_SESSIONS_LEFT, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
    /* §5.7: StopCCN sent; wait for its ack (or for the peer's own StopCCN). */
    ROW(SHUTTING_DOWN, STOPCCN_ACKED, TA_CLEANUP_FREE, IDLE),
    ROW(SHUTTING_DOWN, RX_STOPCCN, TA_CLEANUP, IDLE),
    ROW(SHUTTING_DOWN, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
    /* idle after a StopCCN received: the hold time is over */
    ROW(IDLE, HOLD_EXPIRED, TA_CLEANUP_FREE, IDLE),
    ROW(IDLE, PEER_DEAD, TA_CLEANUP_FREE, IDLE),
};

const struct l2tp_fsm_row *l2tp_tunnel_fsm_table(size_t *n)
{
    *n = sizeof tunnel_fsm / sizeof tunnel_fsm[0];
    return tunnel_fsm;
}

const struct l2tp_fsm_row *l2tp_fsm_find(const struct l2tp_fsm_row *t, size_t n, int state,
                                         int event, int type)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].state == state && t[i].event == event &&
            (t[i].types == 0 || (type >= 0 && (t[i].types & (1u << type)))))
            return &t[i];
    return NULL;
}

static const char *const state_names[L2TP_TS_COUNT] = {
    [L2TP_TS_IDLE] = "idle",
    [L2TP_TS_WAIT_CTL_REPLY] = "wait-ctl-reply",
    [L2TP_TS_WAIT_CTL_CONN] = "wait-ctl-conn",
    [L2TP_TS_ESTABLISHED] = "established",
    [L2TP_TS_NO_SESSIONS_LEFT] = "no-sessions-left",
    [L2TP_TS_SHUTTING_DOWN] = "shutting-down",
};

const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state s)
{
    return (unsigned)s < L2TP_TS_COUNT ? state_names[s] : "unknown";
}

static const char *const event_names[L2TP_TE_COUNT] = {
    [L2TP_TE_LOCAL_OPEN] = "local open",
    [L2TP_TE_RX_SCCRQ_OK] = "SCCRQ acceptable",
    [L2TP_TE_RX_SCCRQ_BAD] = "SCCRQ not acceptable",
    [L2TP_TE_RX_SCCRP_OK] = "SCCRP acceptable",
    [L2TP_TE_RX_SCCRP_BAD] = "SCCRP not acceptable",
    [L2TP_TE_RX_SCCCN_OK] = "SCCCN acceptable",
    [L2TP_TE_RX_SCCCN_BAD] = "SCCCN not acceptable",
    [L2TP_TE_RX_SCCRQ] = "SCCRQ",
    [L2TP_TE_RX_SCCRP] = "SCCRP",
    [L2TP_TE_RX_SCCCN] = "SCCCN",
    [L2TP_TE_RX_STOPCCN] = "StopCCN",
    [L2TP_TE_RX_UNKNOWN_M] = "unknown mandatory AVP",
    [L2TP_TE_LOCAL_CLOSE] = "local close",
    [L2TP_TE_LOSE_TIE] = "tie breaker lost",
    [L2TP_TE_SESSION_ADDED] = "session added",
    [L2TP_TE_LAST_SESSION_GONE] = "last session gone",
    [L2TP_TE_SHUTDOWN_TIMER] = "shutdown timer",
    [L2TP_TE_STOPCCN_ACKED] = "StopCCN acked",
    [L2TP_TE_PEER_DEAD] = "peer dead",
    [L2TP_TE_HOLD_EXPIRED] = "hold expired",
};

const char *l2tp_tunnel_event_name(enum l2tp_tunnel_event e)
{
    return (unsigned)e < L2TP_TE_COUNT ? event_names[e] : "unknown";
}

/* Every session goes down with the tunnel (issue 5: "StopCCN removes all
 * of a tunnel's sessions"). */
static void clear_sessions(struct l2tp_tunnel *t)
{
    t->clearing = true;
    while (t->sessions) {
        struct l2tp_session *s = t->sessions;
        s->cdn = (struct l2tp_disconnect){.result = L2TP_CDN_ERROR_CODE,
                                          .error = L2TP_ERR_NO_CONTROL_CONNECTION,
                                          .by_peer = t->peer_stop_result != 0};
        l2tp_session_event(s, L2TP_SE_TUNNEL_DOWN);
    }
    t->clearing = false;
}

static void open_sessions(struct l2tp_tunnel *t)
{
    /* A session may be freed by its event (ICRQ failed to go out): walk
     * with the successor saved. */
    for (struct l2tp_session *s = t->sessions, *n; s; s = n) {
        n = s->next;
        if (s->state == L2TP_SS_WAIT_TUNNEL)
            l2tp_session_event(s, L2TP_SE_TUNNEL_OPEN);
    }
}


/* §7.2 "send tunnel-open event to waiting sessions": the seed's LAC sends
 * its ICRQ right after "established". HELLOs start (§6.5). */
static void tunnel_open(struct l2tp_tunnel *t)
{
    if (t->ctrl->cfg.hello_interval_us)
        timer_arm(t->ctrl->tq, &t->hello_timer, t->ctrl->cfg.hello_interval_us);
}

static void run_action(struct l2tp_tunnel *t, enum tunnel_action a)
{
    struct l2tp_ctrl *c = t->ctrl;
    switch (a) {
    case TA_NONE:
        break;
    case TA_SEND_SCCRQ:
        l2tp_send_sccrq(t);
        break;
    case TA_SEND_SCCRP:
        l2tp_send_sccrp(t);
        break;
    case TA_SEND_SCCCN_OPEN:
        l2tp_send_scccn(t);
        tunnel_open(t);
        break;
    case TA_OPEN:
        tunnel_open(t);
        break;
    case TA_SEND_STOPCCN:
        timer_cancel(c->tq, &t->shutdown_timer);
        timer_cancel(c->tq, &t->hello_timer);
        l2tp_send_stopccn(t);
        clear_sessions(t);
        break;
    case TA_CLEANUP:
        timer_cancel(c->tq, &t->shutdown_timer);
        timer_cancel(c->tq, &t->hello_timer);
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Shutdown tunnel");
        clear_sessions(t);
        l2tp_rel_stop(&t->rel);
        timer_arm(c->tq, &t->hold_timer, c->cfg.hold_us);
        break;
    case TA_CLEANUP_FREE:
        timer_cancel(c->tq, &t->shutdown_timer);
        timer_cancel(c->tq, &t->hello_timer);
        if (t->state != L2TP_TS_IDLE)
            l2tp_tlog(t, DBG_L2TP_EVENTS, "Shutdown tunnel");
        clear_sessions(t);
        l2tp_rel_stop(&t->rel);
        l2tp_tunnel_kill(t);
        break;
    case TA_START_SHUTDOWN:
        l2tp_tlog(t, DBG_L2TP_EVENTS, "No more sessions in tunnel, shutdown (likely) in %u seconds",
                  (unsigned)(c->cfg.shutdown_delay_us / USEC_PER_SEC));
        timer_arm(c->tq, &t->shutdown_timer, c->cfg.shutdown_delay_us);
        break;
    case TA_CANCEL_SHUTDOWN:
        timer_cancel(c->tq, &t->shutdown_timer);
        break;
    }
}

/* HELLO (§6.5) on an established tunnel with nothing in flight: keeps a
 * silent peer's death from going unnoticed (its loss ends in PEER_DEAD). */
static void hello_fired(void *ctx)
{
    struct l2tp_tunnel *t = ctx;
    struct l2tp_ctrl *c = t->ctrl;
    if (t->state != L2TP_TS_ESTABLISHED && t->state != L2TP_TS_NO_SESSIONS_LEFT)
        return;
    if (l2tp_rel_queued(&t->rel) == 0)
        l2tp_send_hello(t);
    timer_arm(c->tq, &t->hello_timer, c->cfg.hello_interval_us);
}

static void shutdown_fired(void *ctx)
{
    struct l2tp_tunnel *t = ctx;
    /* the seed's StopCCN: "Request to clear control connection" */
    t->stop_result = L2TP_STOPCCN_GENERAL_REQUEST_TO_CLEAR;
    t->stop_error = L2TP_ERR_NO_ERROR;
    t->stop_text = NULL;
    l2tp_tunnel_event(t, L2TP_TE_SHUTDOWN_TIMER);
}

static void hold_fired(void *ctx)
{
    struct l2tp_tunnel *t = ctx;
    l2tp_tunnel_event(t, L2TP_TE_HOLD_EXPIRED);
}

void l2tp_tunnel_timers_init(struct l2tp_tunnel *t)
{
    timer_init(&t->hello_timer, "l2tp hello", hello_fired, t);
    timer_init(&t->shutdown_timer, "l2tp shutdown", shutdown_fired, t);
    timer_init(&t->hold_timer, "l2tp hold", hold_fired, t);
}

void l2tp_tunnel_event(struct l2tp_tunnel *t, enum l2tp_tunnel_event ev)
{
    size_t n;
    const struct l2tp_fsm_row *tab = l2tp_tunnel_fsm_table(&n);
    const struct l2tp_fsm_row *row = l2tp_fsm_find(tab, n, (int)t->state, (int)ev, -1);
    if (t->dead)
        return;
    if (!row) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Ignoring %s in state %s", l2tp_tunnel_event_name(ev),
                  l2tp_tunnel_state_name(t->state));
        return;
    }
    enum l2tp_tunnel_state from = t->state;
    /* Actions run before the state change is logged ("O SCCRQ" comes
     * first in the seed), except the shutdown notice, printed after. The
     * tunnel-open event reaches the sessions once the tunnel is
     * established, so their ICRQs follow the state change as in the seed. */
    bool after = row->action == TA_START_SHUTDOWN;
    bool opens = row->action == TA_SEND_SCCCN_OPEN || row->action == TA_OPEN;
    if (!after)
        run_action(t, (enum tunnel_action)row->action);
    t->state = (enum l2tp_tunnel_state)row->next;
    if (t->state != from) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Tunnel state change from %s to %s",
                  l2tp_tunnel_state_name(from), l2tp_tunnel_state_name(t->state));
        l2tp_ctrl_note_state(t->ctrl, t->local_id, 0, l2tp_tunnel_state_name(from),
                             l2tp_tunnel_state_name(t->state));
    }
    if (after)
        run_action(t, (enum tunnel_action)row->action);
    if (opens)
        open_sessions(t);
}
