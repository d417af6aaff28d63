/* What l2tpctl's "show vpdn session" / "show vpdn tunnel" print: calls with
 * their state, user, line, IDs, peer, address, uptime and frame counts;
 * tunnels with their control message counts and their calls' frames. */
#include <stdio.h>
#include <string.h>

#include "vpdn_int.h"

static void call_info(const struct vpdn *v, const struct vpdn_call *c, struct vpdn_call_info *o)
{
    memset(o, 0, sizeof *o);
    o->role = c->role;
    o->state = c->state;
    snprintf(o->ifname, sizeof o->ifname, "%s", c->ifname);
    snprintf(o->user, sizeof o->user, "%s", c->user);
    o->channel = c->role == VPDN_CALL_LAC ? (int)c->channel : -1;
    const struct l2tp_session *s = c->session_id ? l2tp_ctrl_session(&v->ctrl, c->session_id)
                                                 : NULL;
    if (s) {
        o->local_tunnel_id = s->tunnel->local_id;
        o->peer_tunnel_id = s->tunnel->peer_id;
        o->local_session_id = s->local_id;
        o->peer_session_id = s->peer_id;
        o->peer_ip = s->tunnel->peer.ip;
    }
    o->address = c->address;
    /* timer_now is logically const: it reads the clock. */
    uint64_t now = timer_now((struct timer_queue *)v->tq);
    o->uptime_us = c->state == VPDN_CS_UP ? now - c->up_us : 0;
    o->cnt = c->cnt;
}

size_t vpdn_show_calls(const struct vpdn *v, struct vpdn_call_info *out, size_t cap)
{
    size_t n = 0;
    for (const struct vpdn_call *c = v->calls; c; c = c->next) {
        if (c->dead)
            continue;
        if (n < cap)
            call_info(v, c, &out[n]);
        n++;
    }
    return n;
}

static uint64_t sum(const uint64_t *a, size_t n)
{
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

size_t vpdn_show_tunnels(const struct vpdn *v, struct vpdn_tunnel_info *out, size_t cap)
{
    size_t n = 0;
    for (const struct l2tp_tunnel *t = v->ctrl.all; t; t = t->next_all) {
        if (t->dead)
            continue;
        if (n < cap) {
            struct vpdn_tunnel_info *o = &out[n];
            memset(o, 0, sizeof *o);
            o->local_id = t->local_id;
            o->peer_id = t->peer_id;
            o->peer_ip = t->peer.ip;
            o->peer_port = t->peer.port;
            o->state = l2tp_tunnel_state_name(t->state);
            snprintf(o->peer_hostname, sizeof o->peer_hostname, "%s", t->peer_hostname);
            o->sessions = t->n_sessions;
            o->ctrl_rx = sum(t->cnt.rx_by_type, L2TP_MSG_TYPE_MAX + 1);
            o->ctrl_tx = sum(t->cnt.tx_by_type, L2TP_MSG_TYPE_MAX + 1);
            for (const struct vpdn_call *c = v->calls; c; c = c->next) {
                if (!c->dead && c->tunnel_id == t->local_id && c->session_id) {
                    o->ppp_in += c->cnt.ppp_in;
                    o->ppp_out += c->cnt.ppp_out;
                }
            }
        }
        n++;
    }
    return n;
}
