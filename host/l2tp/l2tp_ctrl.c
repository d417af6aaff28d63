/* The instance: configuration, ID tables, tunnel and session life cycle,
 * the entry points the owner calls. */
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

void l2tp_ctrl_config_default(struct l2tp_ctrl_config *cfg, const char *hostname, bool is_lns)
{
    *cfg = (struct l2tp_ctrl_config){
        .hostname = hostname,
        .framing_cap = L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC,
        .bearer_cap = L2TP_BEARER_DIGITAL | L2TP_BEARER_ANALOG,
        .is_lns = is_lns,
        .hello_interval_us = L2TP_CTRL_HELLO_US,
        .shutdown_delay_us = is_lns ? L2TP_CTRL_SHUTDOWN_LNS_US : L2TP_CTRL_SHUTDOWN_LAC_US,
        .hold_us = L2TP_CTRL_HOLD_US,
        .tunnel_table_size = 65536,
        .session_table_size = 65536,
        .accept_tunnels = true,
    };
    l2tp_rel_config_default(&cfg->rel);
}

static void reap(struct l2tp_ctrl *c)
{
    while (c->dead) {
        struct l2tp_tunnel *t = c->dead;
        c->dead = t->next_dead;
        timer_cancel(c->tq, &t->hello_timer);
        timer_cancel(c->tq, &t->shutdown_timer);
        timer_cancel(c->tq, &t->hold_timer);
        l2tp_rel_free(&t->rel);
        if (t->prev_all)
            t->prev_all->next_all = t->next_all;
        else
            c->all = t->next_all;
        if (t->next_all)
            t->next_all->prev_all = t->prev_all;
        c->tunnels[t->local_id] = NULL;
        l2tp_id_put(&c->tunnel_ids, t->local_id);
        c->cnt.tunnels_freed++;
        free(t);
    }
}

static void reap_fired(void *ctx)
{
    reap(ctx);
}

proto_status l2tp_ctrl_init(struct l2tp_ctrl *c, const struct l2tp_ctrl_config *cfg,
                            const struct l2tp_ctrl_ops *ops, void *ops_ctx,
                            struct timer_queue *tq, struct debug_log *log,
                            struct proto_error *err)
{
    if (!cfg || !ops || !ops->send) {
        *c = (struct l2tp_ctrl){0};
        return proto_fail(err, PROTO_EINVAL, 0, cfg ? "ops" : "config",
                          cfg ? "a send callback is needed" : "missing");
    }
    *c = (struct l2tp_ctrl){.cfg = *cfg, .ops = *ops, .ops_ctx = ops_ctx, .tq = tq, .log = log};
    if (!cfg->hostname || !cfg->hostname[0] || strlen(cfg->hostname) >= L2TP_CTRL_NAME_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "hostname", "a host name of 1..%d octets is needed",
                          L2TP_CTRL_NAME_MAX - 1);
    if (!tq)
        return proto_fail(err, PROTO_EINVAL, 0, "timer_queue", "a timer queue is needed");
    if (cfg->rel.rx_window == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "Receive Window Size",
                          "0 is not allowed (§4.4.3)");
    if (l2tp_id_alloc_init(&c->tunnel_ids, cfg->tunnel_table_size, cfg->tunnel_id_start) ||
        l2tp_id_alloc_init(&c->session_ids, cfg->session_table_size, cfg->session_id_start)) {
        l2tp_id_alloc_free_all(&c->tunnel_ids);
        return proto_fail(err, PROTO_EINVAL, 0, "table size",
                          "tunnel and session table sizes must be 2..65536");
    }
    c->tunnels = calloc(cfg->tunnel_table_size, sizeof *c->tunnels);
    c->sessions = calloc(cfg->session_table_size, sizeof *c->sessions);
    c->rx_msg = malloc(sizeof *c->rx_msg);
    if (!c->tunnels || !c->sessions || !c->rx_msg) {
        l2tp_ctrl_free(c);
        return proto_fail(err, PROTO_ENOSPC, 0, "memory", "out of memory");
    }
    timer_init(&c->reap_timer, "l2tp reap", reap_fired, c);
    if (cfg->send_tie_breaker && l2tp_ctrl_random(c, c->tie_breaker, sizeof c->tie_breaker)) {
        l2tp_ctrl_free(c);
        return proto_fail(err, PROTO_ECRYPTO, 0, "Tie Breaker", "no random octets");
    }
    return PROTO_OK;
}

void l2tp_ctrl_free(struct l2tp_ctrl *c)
{
    if (c->tunnels) {
        for (struct l2tp_tunnel *t = c->all; t; t = t->next_all) {
            if (t->dead)
                continue;
            t->clearing = true; /* no no-sessions-left on the way out */
            while (t->sessions)
                l2tp_session_free(t->sessions);
            l2tp_tunnel_kill(t);
        }
        reap(c);
    }
    if (c->tq)
        timer_cancel(c->tq, &c->reap_timer);
    free(c->tunnels);
    free(c->sessions);
    free(c->rx_msg);
    l2tp_id_alloc_free_all(&c->tunnel_ids);
    l2tp_id_alloc_free_all(&c->session_ids);
    c->tunnels = NULL;
    c->sessions = NULL;
    c->rx_msg = NULL;
}

int l2tp_ctrl_random(struct l2tp_ctrl *c, uint8_t *buf, size_t len)
{
    if (c->ops.random)
        return c->ops.random(c->ops_ctx, buf, len);
    return RAND_bytes(buf, (int)len) == 1 ? 0 : -1;
}

void l2tp_ctrl_note_state(struct l2tp_ctrl *c, uint16_t tid, uint16_t sid, const char *from,
                          const char *to)
{
    if (c->ops.state_change)
        c->ops.state_change(c->ops_ctx, tid, sid, from, to);
}

const uint8_t *l2tp_ctrl_secret_for(const struct l2tp_ctrl *c, const char *hostname, size_t *len)
{
    const struct l2tp_peer_secret *wild = NULL;
    for (size_t i = 0; i < c->cfg.n_peers; i++) {
        const struct l2tp_peer_secret *p = &c->cfg.peers[i];
        if (!p->hostname)
            wild = wild ? wild : p;
        else if (hostname && strcmp(p->hostname, hostname) == 0) {
            *len = p->secret_len;
            return p->secret;
        }
    }
    *len = wild ? wild->secret_len : 0;
    return wild ? wild->secret : NULL;
}

/* reliable-layer callbacks */
static void tunnel_acked(void *ctx, const uint8_t *buf, size_t len)
{
    struct l2tp_tunnel *t = ctx;
    if (l2tp_ctrl_msg_type_of(buf, len) == L2TP_MSG_STOPCCN)
        l2tp_tunnel_event(t, L2TP_TE_STOPCCN_ACKED);
}

static void tunnel_give_up(void *ctx)
{
    struct l2tp_tunnel *t = ctx;
    l2tp_tlog(t, DBG_L2TP_EVENTS,
              "No acknowledgement from %s after %u retransmissions (Ns %u), tearing down tunnel",
              l2tp_peer_name(t), t->rel.retries, t->rel.una);
    l2tp_tunnel_event(t, L2TP_TE_PEER_DEAD);
}

struct l2tp_tunnel *l2tp_tunnel_new(struct l2tp_ctrl *c, const struct l2tp_peer_addr *peer,
                                    uint16_t requested_id, bool originator)
{
    uint16_t id = requested_id ? l2tp_id_take(&c->tunnel_ids, requested_id)
                               : l2tp_id_get(&c->tunnel_ids);
    if (!id)
        return NULL;
    struct l2tp_tunnel *t = calloc(1, sizeof *t);
    if (!t) {
        l2tp_id_put(&c->tunnel_ids, id);
        return NULL;
    }
    t->ctrl = c;
    t->local_id = id;
    t->peer = *peer;
    t->originator = originator;
    t->state = L2TP_TS_IDLE;
    static const struct l2tp_rel_ops rel_ops = {
        .xmit = l2tp_tunnel_xmit,
        .deliver = l2tp_tunnel_deliver,
        .acked = tunnel_acked,
        .give_up = tunnel_give_up,
    };
    l2tp_rel_init(&t->rel, &c->cfg.rel, &rel_ops, t, c->tq);
    l2tp_tunnel_timers_init(t);
    c->tunnels[id] = t;
    t->next_all = c->all;
    if (c->all)
        c->all->prev_all = t;
    c->all = t;
    c->cnt.tunnels_created++;
    return t;
}

void l2tp_tunnel_kill(struct l2tp_tunnel *t)
{
    struct l2tp_ctrl *c = t->ctrl;
    if (t->dead)
        return;
    t->dead = true;
    timer_cancel(c->tq, &t->hello_timer);
    timer_cancel(c->tq, &t->shutdown_timer);
    timer_cancel(c->tq, &t->hold_timer);
    t->next_dead = c->dead;
    c->dead = t;
    /* Freed from a fresh stack: we may be deep inside its own callbacks. */
    timer_arm(c->tq, &c->reap_timer, 0);
}

struct l2tp_session *l2tp_session_new(struct l2tp_tunnel *t, enum l2tp_call_type type,
                                      uint16_t requested_id)
{
    struct l2tp_ctrl *c = t->ctrl;
    if (c->cfg.max_sessions_per_tunnel && t->n_sessions >= c->cfg.max_sessions_per_tunnel)
        return NULL;
    uint16_t id = requested_id ? l2tp_id_take(&c->session_ids, requested_id)
                               : l2tp_id_get(&c->session_ids);
    if (!id)
        return NULL;
    struct l2tp_session *s = calloc(1, sizeof *s);
    if (!s) {
        l2tp_id_put(&c->session_ids, id);
        return NULL;
    }
    s->tunnel = t;
    s->local_id = id;
    s->type = type;
    s->state = L2TP_SS_IDLE;
    s->next = t->sessions;
    t->sessions = s;
    t->n_sessions++;
    c->sessions[id] = s;
    c->cnt.sessions_created++;
    if (t->state == L2TP_TS_NO_SESSIONS_LEFT)
        l2tp_tunnel_event(t, L2TP_TE_SESSION_ADDED);
    return s;
}

void l2tp_session_free(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct l2tp_ctrl *c = t->ctrl;
    for (struct l2tp_session **pp = &t->sessions; *pp; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    t->n_sessions--;
    c->sessions[s->local_id] = NULL;
    l2tp_id_put(&c->session_ids, s->local_id);
    c->cnt.sessions_freed++;
    bool ours = s->type == L2TP_CALL_LAC_INCOMING || s->type == L2TP_CALL_LNS_OUTGOING;
    if ((s->up || ours) && c->ops.session_down) {
        struct l2tp_session_info info;
        l2tp_session_info_of(s, &info);
        s->cdn.was_up = s->up;
        c->ops.session_down(c->ops_ctx, &info, &s->cdn);
    }
    free(s);
    if (t->n_sessions == 0 && !t->clearing && !t->dead && t->state == L2TP_TS_ESTABLISHED)
        l2tp_tunnel_event(t, L2TP_TE_LAST_SESSION_GONE);
}

void l2tp_session_info_of(const struct l2tp_session *s, struct l2tp_session_info *info)
{
    *info = (struct l2tp_session_info){
        .local_tunnel_id = s->tunnel->local_id,
        .peer_tunnel_id = s->tunnel->peer_id,
        .local_session_id = s->local_id,
        .peer_session_id = s->peer_id,
        .peer = s->tunnel->peer,
        .sequencing_required = s->params.sequencing_required,
        .type = s->type,
        .call_ctx = s->call_ctx,
    };
}

struct l2tp_tunnel *l2tp_ctrl_tunnel(const struct l2tp_ctrl *c, uint16_t tunnel_id)
{
    if (tunnel_id == 0 || tunnel_id >= c->cfg.tunnel_table_size)
        return NULL;
    struct l2tp_tunnel *t = c->tunnels[tunnel_id];
    return t && !t->dead ? t : NULL;
}

struct l2tp_session *l2tp_ctrl_session(const struct l2tp_ctrl *c, uint16_t session_id)
{
    if (session_id == 0 || session_id >= c->cfg.session_table_size)
        return NULL;
    return c->sessions[session_id];
}
