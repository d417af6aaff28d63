/* Frames from the wire: validated, matched to a tunnel by our Tunnel ID (or,
 * for a new SCCRQ with Tunnel ID 0, by peer and Assigned Tunnel ID), tie
 * breakers settled (§4.4.3), then handed to the tunnel's reliable layer. */
#include <string.h>

#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

static struct l2tp_tunnel *find_by_peer(struct l2tp_ctrl *c, const struct l2tp_peer_addr *from,
                                        uint16_t peer_tid, bool originator,
                                        enum l2tp_tunnel_state state, bool any_state)
{
    for (struct l2tp_tunnel *t = c->all; t; t = t->next_all) {
        if (t->dead || t->originator != originator || t->peer.ip != from->ip)
            continue;
        if (peer_tid && t->peer_id != peer_tid)
            continue;
        if (any_state || t->state == state)
            return t;
    }
    return NULL;
}

/* §4.4.3: two SCCRQs crossed. Returns true when the received one is to be
 * discarded. The lower Tie Breaker value wins; equal values: both give up.
 * When ours loses, the calls waiting on it are handed to *moved so they
 * can wait on theirs, the tunnel the peer opens, instead (§7.2 "re-queue"). */
static bool settle_tie(struct l2tp_ctrl *c, const struct l2tp_peer_addr *from,
                       const struct l2tp_msg *m, struct l2tp_tunnel *theirs,
                       struct l2tp_session **moved)
{
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_TIE_BREAKER);
    if (!a || a->hidden || a->value_len != L2TP_TIE_BREAKER_LEN)
        return false;
    struct l2tp_tunnel *ours = find_by_peer(c, from, 0, true, L2TP_TS_WAIT_CTL_REPLY, false);
    if (!ours || !ours->has_tie_breaker)
        return false;
    c->cnt.tie_breaks++;
    int cmp = memcmp(ours->tie_breaker, a->value, L2TP_TIE_BREAKER_LEN);
    if (cmp < 0) {
        l2tp_tlog(ours, DBG_L2TP_EVENTS, "Tie breaker: ours is lower, discarding SCCRQ from peer");
        return true;
    }
    if (cmp == 0) {
        /* both give up: the calls waiting on ours fail with it */
        l2tp_tlog(ours, DBG_L2TP_EVENTS, "Tie breaker: equal values, both tunnels give up");
    } else {
        l2tp_tlog(ours, DBG_L2TP_EVENTS, "Tie breaker: peer's is lower, our SCCRQ gives way");
        *moved = ours->sessions;
        ours->sessions = NULL;
        ours->n_sessions = 0;
        /* the secret the owner gave for this peer */
        memcpy(theirs->secret, ours->secret, ours->secret_len);
        theirs->secret_len = ours->secret_len;
    }
    l2tp_tunnel_event(ours, L2TP_TE_LOSE_TIE);
    return cmp == 0;
}

/* The calls of a tunnel that lost the tie now wait on the peer's. */
static void adopt_sessions(struct l2tp_tunnel *t, struct l2tp_session *list)
{
    while (list) {
        struct l2tp_session *s = list;
        list = s->next;
        s->tunnel = t;
        s->next = t->sessions;
        t->sessions = s;
        t->n_sessions++;
        l2tp_slog(s, DBG_L2TP_EVENTS, "Call now waits for tunnel %u", t->local_id);
    }
}

proto_status l2tp_ctrl_input(struct l2tp_ctrl *c, const struct l2tp_peer_addr *from,
                             const uint8_t *buf, size_t len, struct proto_error *err)
{
    struct l2tp_msg *m = c->rx_msg;
    c->cnt.rx_frames++;
    if (!from || (!buf && len)) {
        c->cnt.rx_bad++;
        return proto_fail(err, PROTO_EINVAL, 0, from ? "frame" : "peer address", "missing");
    }
    /* Framing first, without a secret: the tunnel decodes again with it. */
    proto_status st = l2tp_msg_decode(buf, len, NULL, 0, m, err);
    if (st != PROTO_OK && st != PROTO_EUNKNOWN_M) {
        c->cnt.rx_bad++;
        return st;
    }
    if (!m->hdr.is_control) {
        c->cnt.rx_bad++;
        return proto_fail(err, PROTO_EINVAL, 0, "T", "a data message is not for the control plane");
    }
    bool zlb = m->type == L2TP_MSG_ZLB;
    uint16_t ns = m->hdr.ns, nr = m->hdr.nr;
    struct l2tp_tunnel *t = NULL;
    if (m->hdr.tunnel_id != 0) {
        t = l2tp_ctrl_tunnel(c, m->hdr.tunnel_id);
    } else if (m->type == L2TP_MSG_SCCRQ) {
        uint16_t peer_tid = 0;
        const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF,
                                                 L2TP_AVP_ASSIGNED_TUNNEL_ID);
        if (!a || a->hidden || l2tp_avp_value_u16(a, &peer_tid, err) != PROTO_OK ||
            peer_tid == 0) {
            c->cnt.rx_bad++;
            return proto_fail(err, PROTO_EINVAL, a ? a->offset : 0, "Assigned Tunnel ID",
                              "an SCCRQ needs a non-zero Assigned Tunnel ID (§6.1)");
        }
        /* A retransmitted SCCRQ (our SCCRP or StopCCN answering it was lost)
         * goes to its tunnel, to be acknowledged as a duplicate. Any other
         * SCCRQ is a new tunnel, even with an Assigned Tunnel ID we knew
         * (a restarted peer). */
        t = find_by_peer(c, from, peer_tid, false, L2TP_TS_WAIT_CTL_CONN, false);
        if (!t) {
            t = find_by_peer(c, from, peer_tid, false, L2TP_TS_SHUTTING_DOWN, false);
            if (t && t->rel.nr != 1)
                t = NULL;
        }
        if (!t) {
            if (!c->cfg.accept_tunnels) {
                c->cnt.rx_no_tunnel++;
                return PROTO_OK;
            }
            t = l2tp_tunnel_new(c, from, 0, false);
            if (!t) {
                c->cnt.rx_no_tunnel++;
                return proto_fail(err, PROTO_ENOSPC, 4, "Tunnel ID", "no free tunnel ID");
            }
            struct l2tp_session *moved = NULL;
            if (settle_tie(c, from, m, t, &moved)) {
                l2tp_tunnel_kill(t);
                return PROTO_OK;
            }
            adopt_sessions(t, moved);
            t->peer_id = peer_tid;
            t->rel.peer_tunnel_id = peer_tid;
        }
    }
    if (!t) {
        c->cnt.rx_no_tunnel++;
        if (debug_on(c->log, DBG_L2TP_EVENTS))
            debug_printf(c->log, DBG_L2TP_EVENTS, "L2TP: %s for unknown tunnel %u: dropped",
                         l2tp_msg_type_name(m->type), m->hdr.tunnel_id);
        return PROTO_OK;
    }
    if (from->ip != t->peer.ip) {
        /* only the peer may speak for its tunnel */
        c->cnt.rx_bad++;
        l2tp_tlog(t, DBG_L2TP_EVENTS, "%s from %u.%u.%u.%u, not the tunnel's peer: dropped",
                  l2tp_msg_type_name(m->type), from->ip >> 24, (from->ip >> 16) & 0xFF,
                  (from->ip >> 8) & 0xFF, from->ip & 0xFF);
        return PROTO_OK;
    }
    if (from->port != t->peer.port && t->originator && t->state == L2TP_TS_WAIT_CTL_REPLY) {
        /* §8.1: the receiver may answer from another port; we follow it */
        t->peer.port = from->port;
    }
    if (zlb && debug_on(c->log, DBG_L2TP_PACKETS)) {
        char flags[8];
        l2tp_header_flags_str(&m->hdr, flags, sizeof flags);
        l2tp_tlog(t, DBG_L2TP_PACKETS,
                  "I ZLB ctrl ack, flg %s, ver %u, len %u, tnl %u, cl %u, ns %u, nr %u", flags,
                  m->hdr.version, m->hdr.length, m->hdr.tunnel_id, m->hdr.session_id, ns, nr);
    }
    if (zlb)
        t->cnt.rx_by_type[L2TP_MSG_ZLB]++;
    l2tp_rel_input(&t->rel, ns, nr, zlb, buf, len);
    return PROTO_OK;
}
