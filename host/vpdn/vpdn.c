/* The vpdn instance: life cycle, the l2tp_ctrl callbacks sent to the LAC or
 * LNS side of a call, frames from the owner, and call bookkeeping. Calls
 * are freed from a zero-delay timer (or the next input), never inside the
 * PPP or L2TP callback that ended them. */
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "config_l2tp.h"
#include "vpdn_int.h"

const char *vpdn_call_state_name(enum vpdn_call_state s)
{
    static const char *const names[] = {"ppp", "authorizing", "session", "up", "closing"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

void vpdn_random(void *ctx, uint8_t *buf, size_t len)
{
    struct vpdn *v = ctx;
    if (v->vc.random && v->vc.random(v->vc.random_ctx, buf, len) == 0)
        return;
    if (RAND_bytes(buf, (int)len) != 1)
        memset(buf, 0x5A, len); /* only without entropy: still well-formed */
}

void vpdn_call_random(void *ctx, uint8_t *buf, size_t len)
{
    struct vpdn_call *c = ctx;
    vpdn_random(c->v, buf, len);
}

static int ctrl_random(void *ctx, uint8_t *buf, size_t len)
{
    vpdn_random(ctx, buf, len);
    return 0;
}

/* ---- calls ---- */

static void abort_fired(void *ctx)
{
    struct vpdn_call *c = ctx;
    struct vpdn *v = c->v;
    if (c->dead)
        return;
    c->closing = true;
    if (c->session_id) {
        struct l2tp_disconnect why = {.result = L2TP_CDN_ERROR_CODE,
                                      .error = L2TP_ERR_INSUFFICIENT_RESOURCES};
        (void)l2tp_ctrl_call_disconnect(&v->ctrl, c->session_id, &why, NULL);
    }
    vpdn_card_clear(c);
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    if (c->role == VPDN_CALL_LAC && v->dp.hangup)
        v->dp.hangup(v->dp.ctx, c->channel);
    vpdn_call_release(c);
}

void vpdn_call_abort(struct vpdn_call *c)
{
    if (timer_arm(c->v->tq, &c->abort_timer, 0) != 0)
        c->v->cnt.card_errors++;
}

struct vpdn_call *vpdn_call_new(struct vpdn *v, enum vpdn_call_role role)
{
    struct vpdn_call *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->v = v;
    c->role = role;
    c->created_us = timer_now(v->tq);
    timer_init(&c->abort_timer, "vpdn abort", abort_fired, c);
    c->next = v->calls;
    v->calls = c;
    v->cnt.calls++;
    return c;
}

static void call_free(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    /* No AAA answer (VPDN lookup, RADIUS verdict) may reach a freed call. */
    aaa_cancel(&v->aaa, c);
    vpdn_card_clear(c);
    timer_cancel(v->tq, &c->start_timer);
    timer_cancel(v->tq, &c->down_timer);
    timer_cancel(v->tq, &c->abort_timer);
    if (c->link_ready)
        ppp_link_stop(&c->link);
    if (c->address)
        vpdn_route_del(v, c->address);
    if (c->pool_addr)
        (void)aaa_pool_release(&v->aaa, c->pool_addr, NULL);
    free(c);
}

static void reap(struct vpdn *v)
{
    for (struct vpdn_call **pp = &v->calls; *pp;) {
        struct vpdn_call *c = *pp;
        if (c->dead) {
            *pp = c->next;
            call_free(c);
        } else {
            pp = &c->next;
        }
    }
}

static void reap_timer_fired(void *ctx)
{
    reap(ctx);
}

void vpdn_call_release(struct vpdn_call *c)
{
    c->dead = true;
    c->closing = true;
    c->state = VPDN_CS_CLOSING;
    (void)timer_arm(c->v->tq, &c->v->reap_timer, 0);
}

struct vpdn_call *vpdn_call_by_session(const struct vpdn *v, uint16_t local_session_id)
{
    if (!local_session_id)
        return NULL;
    for (struct vpdn_call *c = v->calls; c; c = c->next)
        if (!c->dead && c->session_id == local_session_id)
            return c;
    return NULL;
}

struct vpdn_call *vpdn_call_by_channel(const struct vpdn *v, uint16_t channel)
{
    for (struct vpdn_call *c = v->calls; c; c = c->next)
        if (!c->dead && c->role == VPDN_CALL_LAC && c->channel == channel)
            return c;
    return NULL;
}

/* ---- l2tp_ctrl callbacks ---- */

static void ctrl_send(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf,
                      size_t len)
{
    struct vpdn *v = ctx;
    v->dp.send_control(v->dp.ctx, peer, buf, len);
}

static void ctrl_session_up(void *ctx, const struct l2tp_session_info *s)
{
    struct vpdn *v = ctx;
    if (s->type == L2TP_CALL_LAC_INCOMING && s->call_ctx)
        vpdn_lac_session_up(s->call_ctx, s);
    else if (s->type == L2TP_CALL_LNS_INCOMING)
        vpdn_lns_session_up(v, s);
}

static void ctrl_session_down(void *ctx, const struct l2tp_session_info *s,
                              const struct l2tp_disconnect *why)
{
    struct vpdn *v = ctx;
    struct vpdn_call *c = s->call_ctx;
    if (!c)
        c = vpdn_call_by_session(v, s->local_session_id);
    if (!c || c->dead)
        return;
    if (c->role == VPDN_CALL_LAC)
        vpdn_lac_session_down(c, why);
    else
        vpdn_lns_session_down(c, why);
}

static void ctrl_call_event(void *ctx, const struct l2tp_call_event *ev)
{
    struct vpdn *v = ctx;
    switch (ev->kind) {
    case L2TP_EV_CALL_CONNECTED:
        if (ev->session->type == L2TP_CALL_LNS_INCOMING)
            vpdn_lns_connected(v, ev);
        break;
    case L2TP_EV_SLI: {
        struct vpdn_call *c = vpdn_call_by_session(v, ev->session->local_session_id);
        if (c && c->role == VPDN_CALL_LAC)
            vpdn_lac_sli(c, ev->send_accm, ev->recv_accm);
        break;
    }
    case L2TP_EV_OUTGOING_REQUEST:
    case L2TP_EV_WEN:
        /* Outgoing calls (§7.5) need a dialer this appliance does not have;
         * l2tp_ctrl keeps WEN in the session for show. */
        break;
    }
}

/* ---- life cycle ---- */

proto_status vpdn_init(struct vpdn *v, const struct vpdn_config *vc,
                       const struct vpdn_dataplane_ops *dp, struct timer_queue *tq,
                       struct debug_log *log, struct proto_error *err)
{
    memset(v, 0, sizeof *v);
    if (!vc || !vc->cfg || !dp || !tq || !log)
        return proto_fail(err, PROTO_EINVAL, 0, "vpdn_init", "config, ops, timers and log needed");
    if (!dp->session_program || !dp->session_clear || !dp->send_control ||
        !dp->send_channel_ppp || !dp->send_session_ppp)
        return proto_fail(err, PROTO_EINVAL, 0, "dataplane ops",
                          "program, clear and the three send ops are required");
    v->vc = *vc;
    if (!v->vc.local_port)
        v->vc.local_port = VPDN_L2TP_PORT;
    if (!v->vc.ttl)
        v->vc.ttl = VPDN_DEFAULT_TTL;
    if (!v->vc.mru)
        v->vc.mru = VPDN_DEFAULT_MRU;
    v->cfg = vc->cfg;
    v->dp = *dp;
    v->tq = tq;
    v->log = log;
    v->next_vaccess = vc->first_vaccess ? vc->first_vaccess : 1;
    timer_init(&v->reap_timer, "vpdn reap", reap_timer_fired, v);

    bool is_lns = (v->cfg->role & CONFIG_ROLE_LNS) != 0;
    proto_status st = config_l2tp_ctrl(v->cfg, is_lns, &v->ctrl_cfg, v->peers, VPDN_PEERS_MAX, err);
    if (st != PROTO_OK)
        return st;
    if (vc->tunnel_id_start)
        v->ctrl_cfg.tunnel_id_start = vc->tunnel_id_start;
    if (vc->session_id_start)
        v->ctrl_cfg.session_id_start = vc->session_id_start;
    if (vc->session_table_size)
        v->ctrl_cfg.session_table_size = vc->session_table_size;
    /* A router in both roles answers SCCRQs as an LNS. */
    v->ctrl_cfg.accept_tunnels = is_lns || v->ctrl_cfg.accept_tunnels;
    st = aaa_init(&v->aaa, v->cfg, log, err);
    if (st != PROTO_OK)
        return st;
    aaa_ppp_interface(&v->aaa, &v->ppp_aaa);
    struct l2tp_ctrl_ops ops = {.send = ctrl_send, .session_up = ctrl_session_up,
                                .session_down = ctrl_session_down, .call_event = ctrl_call_event,
                                .random = ctrl_random};
    st = l2tp_ctrl_init(&v->ctrl, &v->ctrl_cfg, &ops, v, tq, log, err);
    if (st != PROTO_OK) {
        aaa_free(&v->aaa);
        return st;
    }
    return PROTO_OK;
}

void vpdn_free(struct vpdn *v)
{
    /* session_down still comes for live sessions: the calls close quietly. */
    for (struct vpdn_call *c = v->calls; c; c = c->next)
        c->closing = true;
    l2tp_ctrl_free(&v->ctrl);
    while (v->calls) {
        struct vpdn_call *c = v->calls;
        v->calls = c->next;
        call_free(c);
    }
    timer_cancel(v->tq, &v->reap_timer);
    free(v->routes);
    v->routes = NULL;
    aaa_free(&v->aaa);
}

/* ---- inputs ---- */

proto_status vpdn_control_input(struct vpdn *v, const struct l2tp_peer_addr *from,
                                const uint8_t *buf, size_t len, struct proto_error *err)
{
    reap(v);
    return l2tp_ctrl_input(&v->ctrl, from, buf, len, err);
}

proto_status vpdn_channel_ppp_input(struct vpdn *v, uint16_t channel, const uint8_t *frame,
                                    size_t len, struct proto_error *err)
{
    reap(v);
    struct vpdn_call *c = vpdn_call_by_channel(v, channel);
    if (!c || !c->link_ready || c->closing) {
        v->cnt.rx_no_call++;
        return proto_fail(err, PROTO_EINVAL, 0, "channel", "no call on channel %u",
                          (unsigned)channel);
    }
    c->cnt.ppp_in++;
    return ppp_link_input(&c->link, frame, len, err);
}

proto_status vpdn_session_ppp_input(struct vpdn *v, uint16_t local_session_id,
                                    const uint8_t *frame, size_t len, struct proto_error *err)
{
    reap(v);
    struct vpdn_call *c = vpdn_call_by_session(v, local_session_id);
    if (!c || c->role != VPDN_CALL_LNS || !c->link_ready || c->closing) {
        v->cnt.rx_no_call++;
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no LNS call on session %u",
                          (unsigned)local_session_id);
    }
    c->cnt.ppp_in++;
    return ppp_link_input(&c->link, frame, len, err);
}

proto_status vpdn_call_clear(struct vpdn *v, uint16_t local_session_id, struct proto_error *err)
{
    reap(v);
    struct vpdn_call *c = vpdn_call_by_session(v, local_session_id);
    if (!c || c->closing)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no call on session %u",
                          (unsigned)local_session_id);
    return c->role == VPDN_CALL_LAC ? vpdn_lac_clear(c, err) : vpdn_lns_clear(c, err);
}

proto_status vpdn_send_ip(struct vpdn *v, uint16_t local_session_id, const uint8_t *packet,
                          size_t len, struct proto_error *err)
{
    reap(v);
    struct vpdn_call *c = vpdn_call_by_session(v, local_session_id);
    if (!c || c->role != VPDN_CALL_LNS || !c->link_ready)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no LNS call on session %u",
                          (unsigned)local_session_id);
    proto_status st = ppp_link_send_ip(&c->link, packet, len, err);
    if (st == PROTO_OK)
        c->cnt.ip_out++;
    return st;
}
