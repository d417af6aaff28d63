/* Messages the reliable layer delivers in order: decoded with the tunnel's
 * secret (hidden AVPs revealed), logged in the seed's wording, checked for
 * acceptability (§7.2's "acceptable" / "not acceptable", tunnel
 * authentication §5.1.1) and turned into state machine events. */
#include <stdio.h>
#include <string.h>

#include "l2tp_auth.h"
#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

/* Parse lines go under the session's prefix when the message is for a
 * known session ("Tnl/Cl 55270/45 L2TP: Parse ICCN"), as in the seed. */
struct dump_ctx {
    struct l2tp_tunnel *t;
    struct l2tp_session *s;
};

static void dump_line(void *ctx, const char *line)
{
    struct dump_ctx *d = ctx;
    if (d->s)
        l2tp_slog(d->s, DBG_L2TP_PACKETS, "%s", line);
    else
        l2tp_tlog(d->t, DBG_L2TP_PACKETS, "%s", line);
}

static bool get_u16(const struct l2tp_msg *m, uint16_t type, uint16_t *v)
{
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, type);
    return a && !a->hidden && l2tp_avp_value_u16(a, v, NULL) == PROTO_OK;
}

static void set_stop(struct l2tp_tunnel *t, uint16_t result, uint16_t error, const char *text)
{
    t->stop_result = result;
    t->stop_error = error;
    t->stop_text = text;
}

/* Fields every SCCRQ/SCCRP carries (§6.1, §6.2): false with the StopCCN
 * reason set when one is unusable. */
static bool take_sccr_fields(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
    uint16_t v;
    if (!get_u16(m, L2TP_AVP_PROTOCOL_VERSION, &v) || v != L2TP_PROTOCOL_VERSION) {
        /* §4.4.2: result 5, the error field holds our version. */
        set_stop(t, L2TP_STOPCCN_BAD_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION, NULL);
        return false;
    }
    if (!get_u16(m, L2TP_AVP_ASSIGNED_TUNNEL_ID, &v) || v == 0) {
        set_stop(t, L2TP_STOPCCN_GENERAL_ERROR, L2TP_ERR_FIELD_OUT_OF_RANGE,
                 "Assigned Tunnel ID missing or 0");
        return false;
    }
    t->peer_id = v;
    t->rel.peer_tunnel_id = v;
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_HOST_NAME);
    if (a && !a->hidden) {
        size_t n = a->value_len < sizeof t->peer_hostname - 1 ? a->value_len
                                                              : sizeof t->peer_hostname - 1;
        memcpy(t->peer_hostname, a->value, n);
        t->peer_hostname[n] = 0;
    }
    if (!t->secret_len) {
        /* the receiver learns who is calling from Host Name: its secret */
        size_t len = 0;
        const uint8_t *sec = l2tp_ctrl_secret_for(t->ctrl, t->peer_hostname, &len);
        if (sec && len <= sizeof t->secret) {
            memcpy(t->secret, sec, len);
            t->secret_len = len;
        }
    }
    if (get_u16(m, L2TP_AVP_RECEIVE_WINDOW_SIZE, &v))
        l2tp_rel_set_peer_window(&t->rel, v);
    a = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE);
    t->peer_challenge_len = 0;
    if (a && !a->hidden && a->value_len > 0) {
        size_t n = a->value_len < sizeof t->peer_challenge ? a->value_len
                                                           : sizeof t->peer_challenge;
        memcpy(t->peer_challenge, a->value, n);
        t->peer_challenge_len = n;
        if (!t->secret_len) {
            l2tp_tlog(t, DBG_L2TP_EVENTS,
                      "Tunnel Authentication failed: %s sent a challenge but no secret is "
                      "configured for it",
                      l2tp_peer_name(t));
            t->ctrl->cnt.auth_failures++;
            set_stop(t, L2TP_STOPCCN_NOT_AUTHORIZED, L2TP_ERR_NO_ERROR, NULL);
            return false;
        }
    }
    return true;
}

/* §5.1.1: the peer's Challenge Response must be MD5(type || secret || our
 * challenge). */
static bool check_response(struct l2tp_tunnel *t, const struct l2tp_msg *m, uint8_t type)
{
    if (!t->challenged)
        return true;
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE_RESPONSE);
    uint8_t want[MD5_DIGEST_LEN];
    const char *why = NULL;
    if (!a)
        why = "no Challenge Response";
    else if (l2tp_challenge_response(type, t->secret, t->secret_len, t->our_challenge,
                                     sizeof t->our_challenge, want) != PROTO_OK)
        why = "cannot compute the response";
    else if (a->hidden || a->value_len != MD5_DIGEST_LEN || memcmp(a->value, want, sizeof want))
        why = "wrong Challenge Response (secrets differ)";
    if (!why) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Tunnel Authentication success");
        return true;
    }
    l2tp_tlog(t, DBG_L2TP_EVENTS, "Tunnel Authentication failed: %s from %s", why,
              l2tp_peer_name(t));
    t->ctrl->cnt.auth_failures++;
    set_stop(t, L2TP_STOPCCN_NOT_AUTHORIZED, L2TP_ERR_NO_ERROR, NULL);
    return false;
}

static void rx_sccrq(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
    if (t->state != L2TP_TS_IDLE || t->originator) {
        set_stop(t, L2TP_STOPCCN_FSM_ERROR, L2TP_ERR_NO_ERROR, NULL);
        l2tp_tunnel_event(t, L2TP_TE_RX_SCCRQ);
        return;
    }
    bool ok = take_sccr_fields(t, m);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "I SCCRQ from %s tnl %u", l2tp_peer_name(t), t->peer_id);
    t->announced = true; /* the seed's LNS: "L2X:" until here, "Tnl 55270" after */
    if (ok) {
        if (t->peer_challenge_len)
            l2tp_tlog(t, DBG_L2TP_EVENTS, "Got a challenge in SCCRQ, %s", l2tp_peer_name(t));
        l2tp_tlog(t, DBG_L2TP_EVENTS, "New tunnel created for remote %s, address %u.%u.%u.%u",
                  l2tp_peer_name(t), t->peer.ip >> 24, (t->peer.ip >> 16) & 0xFF,
                  (t->peer.ip >> 8) & 0xFF, t->peer.ip & 0xFF);
    }
    l2tp_tunnel_event(t, ok ? L2TP_TE_RX_SCCRQ_OK : L2TP_TE_RX_SCCRQ_BAD);
}

static void rx_sccrp(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
    if (t->state != L2TP_TS_WAIT_CTL_REPLY) {
        set_stop(t, L2TP_STOPCCN_FSM_ERROR, L2TP_ERR_NO_ERROR, NULL);
        l2tp_tunnel_event(t, L2TP_TE_RX_SCCRP);
        return;
    }
    bool ok = take_sccr_fields(t, m);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "I SCCRP from %s", l2tp_peer_name(t));
    if (ok && t->peer_challenge_len)
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Got a challenge from remote peer, %s", l2tp_peer_name(t));
    if (ok && l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE_RESPONSE))
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Got a response from remote peer, %s", l2tp_peer_name(t));
    if (ok)
        ok = check_response(t, m, L2TP_MSG_SCCRP);
    l2tp_tunnel_event(t, ok ? L2TP_TE_RX_SCCRP_OK : L2TP_TE_RX_SCCRP_BAD);
}

static void rx_scccn(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
    if (t->state != L2TP_TS_WAIT_CTL_CONN) {
        set_stop(t, L2TP_STOPCCN_FSM_ERROR, L2TP_ERR_NO_ERROR, NULL);
        l2tp_tunnel_event(t, L2TP_TE_RX_SCCCN);
        return;
    }
    l2tp_tlog(t, DBG_L2TP_EVENTS, "I SCCCN from %s tnl %u", l2tp_peer_name(t), t->peer_id);
    if (l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE_RESPONSE))
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Got a Challenge Response in SCCCN from %s",
                  l2tp_peer_name(t));
    bool ok = check_response(t, m, L2TP_MSG_SCCCN);
    l2tp_tunnel_event(t, ok ? L2TP_TE_RX_SCCCN_OK : L2TP_TE_RX_SCCCN_BAD);
}

static void rx_stopccn(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_RESULT_CODE);
    t->peer_stop_result = t->peer_stop_error = 0;
    if (a && !a->hidden && a->value_len >= 2) {
        t->peer_stop_result = (uint16_t)((a->value[0] << 8) | a->value[1]);
        if (a->value_len >= 4)
            t->peer_stop_error = (uint16_t)((a->value[2] << 8) | a->value[3]);
    }
    l2tp_tlog(t, DBG_L2TP_EVENTS, "I StopCCN from %s tnl %u", l2tp_peer_name(t), t->peer_id);
    l2tp_tunnel_event(t, L2TP_TE_RX_STOPCCN);
}

static bool is_session_msg(uint16_t type)
{
    switch (type) {
    case L2TP_MSG_OCRQ:
    case L2TP_MSG_OCRP:
    case L2TP_MSG_OCCN:
    case L2TP_MSG_ICRQ:
    case L2TP_MSG_ICRP:
    case L2TP_MSG_ICCN:
    case L2TP_MSG_CDN:
    case L2TP_MSG_WEN:
    case L2TP_MSG_SLI:
        return true;
    default:
        return false;
    }
}

/* Messages that never get a reply: acknowledged at once, before they are
 * acted on, as the seed's routers do ("O ZLB ctrl ack" precedes "I SCCCN
 * from hgw"). The others are answered, and the answer carries the ack. */
static bool needs_no_reply(uint16_t type)
{
    switch (type) {
    case L2TP_MSG_SCCCN:
    case L2TP_MSG_STOPCCN:
    case L2TP_MSG_HELLO:
    case L2TP_MSG_ICCN:
    case L2TP_MSG_OCCN:
    case L2TP_MSG_CDN:
    case L2TP_MSG_WEN:
    case L2TP_MSG_SLI:
        return true;
    default:
        return false;
    }
}

void l2tp_tunnel_deliver(void *ctx, const uint8_t *buf, size_t len)
{
    struct l2tp_tunnel *t = ctx;
    struct l2tp_ctrl *c = t->ctrl;
    struct l2tp_msg *m = c->rx_msg;
    struct l2tp_secret sec = {t->secret, t->secret_len};
    struct proto_error err = {0};
    if (t->dead)
        return;
    t->last_rx_us = timer_now(c->tq);
    proto_status st = l2tp_msg_decode(buf, len, t->secret_len ? &sec : NULL, 0, m, &err);
    if (st != PROTO_OK && st != PROTO_EUNKNOWN_M) {
        char line[200];
        t->cnt.bad_msgs++;
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Dropping malformed message: %s",
                  proto_error_format(&err, line, sizeof line));
        return;
    }
    if (m->type <= L2TP_MSG_TYPE_MAX)
        t->cnt.rx_by_type[m->type]++;
    if (debug_on(c->log, DBG_L2TP_PACKETS)) {
        struct dump_ctx d = {t, l2tp_ctrl_session(c, m->hdr.session_id)};
        if (d.s && d.s->tunnel != t)
            d.s = NULL;
        l2tp_msg_dump(m, NULL, len, "I", dump_line, &d);
        debug_hex(c->log, DBG_L2TP_PACKETS, buf, len);
    }
    if (m->type == L2TP_MSG_STOPCCN && t->peer_id == 0) {
        /* StopCCN answering our SCCRQ: its Assigned Tunnel ID addresses the ack */
        uint16_t v;
        if (get_u16(m, L2TP_AVP_ASSIGNED_TUNNEL_ID, &v)) {
            t->peer_id = v;
            t->rel.peer_tunnel_id = v;
        }
    }
    if (needs_no_reply(m->type))
        l2tp_rel_ack_now(&t->rel);
    bool unknown_m = st == PROTO_EUNKNOWN_M;
    if (unknown_m)
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Unknown mandatory AVP (vendor %u, type %u) in %s (§4.1)",
                  m->avps[m->unknown_mandatory].vendor, m->avps[m->unknown_mandatory].type,
                  l2tp_msg_type_name(m->type));
    if (is_session_msg(m->type)) {
        l2tp_session_rx(t, m, unknown_m);
        return;
    }
    if (unknown_m) {
        /* §4.1: an unrecognised M=1 AVP in a tunnel message ends the tunnel. */
        set_stop(t, L2TP_STOPCCN_GENERAL_ERROR, L2TP_ERR_UNKNOWN_MANDATORY_AVP, NULL);
        l2tp_tunnel_event(t, L2TP_TE_RX_UNKNOWN_M);
        return;
    }
    switch (m->type) {
    case L2TP_MSG_SCCRQ:
        rx_sccrq(t, m);
        break;
    case L2TP_MSG_SCCRP:
        rx_sccrp(t, m);
        break;
    case L2TP_MSG_SCCCN:
        rx_scccn(t, m);
        break;
    case L2TP_MSG_STOPCCN:
        rx_stopccn(t, m);
        break;
    case L2TP_MSG_HELLO:
        l2tp_tlog(t, DBG_L2TP_EVENTS, "I HELLO from %s", l2tp_peer_name(t));
        break;
    default:
        /* Defensive: the decoder reports an unknown Message Type as an
         * unknown mandatory AVP (§4.4.1 requires M=1), handled above. */
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Ignoring message type %u", m->type);
        break;
    }
}
