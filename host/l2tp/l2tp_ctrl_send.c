/* Building the control messages we send (§6), in the AVP order the seed's
 * Cisco peers use, and handing them to the reliable layer. */
#include <stdio.h>
#include <string.h>

#include "l2tp_auth.h"
#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

struct out {
    struct l2tp_builder b;
    uint8_t buf[L2TP_CTRL_MSG_MAX];
    bool hide;    /* hide sensitive AVPs: secret known and hiding configured */
    bool rv_sent;
};

static void begin(struct out *o, struct l2tp_tunnel *t, uint16_t peer_session, uint16_t type)
{
    /* Ns and Nr are stamped by the reliable layer when the message leaves. */
    l2tp_build_begin(&o->b, o->buf, sizeof o->buf, t->peer_id, peer_session, 0, 0, type);
    o->hide = t->ctrl->cfg.hide_avps && t->secret_len > 0;
    o->rv_sent = false;
    if (o->hide) {
        struct l2tp_secret sec = {t->secret, t->secret_len};
        l2tp_build_set_secret(&o->b, &sec);
    }
}

/* A sensitive value: hidden (§4.3) when configured, behind one fresh Random
 * Vector per message. */
static void sensitive(struct out *o, struct l2tp_tunnel *t, bool m, uint16_t type,
                      const void *v, size_t len)
{
    if (!o->hide) {
        l2tp_build_avp(&o->b, m, L2TP_VENDOR_IETF, type, v, len);
        return;
    }
    if (!o->rv_sent) {
        uint8_t rv[16];
        if (l2tp_ctrl_random(t->ctrl, rv, sizeof rv) == 0) {
            l2tp_build_random_vector(&o->b, rv, sizeof rv);
            o->rv_sent = true;
        }
    }
    if (o->rv_sent)
        l2tp_build_hidden(&o->b, m, L2TP_VENDOR_IETF, type, v, len, NULL, 0);
    else
        l2tp_build_avp(&o->b, m, L2TP_VENDOR_IETF, type, v, len);
}

static void sensitive_str(struct out *o, struct l2tp_tunnel *t, bool m, uint16_t type,
                          const char *s)
{
    sensitive(o, t, m, type, s, strlen(s));
}

static int finish(struct out *o, struct l2tp_tunnel *t)
{
    size_t len = 0;
    struct proto_error err = {0};
    if (l2tp_build_end(&o->b, &len, &err) != PROTO_OK) {
        char line[200];
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Cannot build message: %s",
                  proto_error_format(&err, line, sizeof line));
        return -1;
    }
    if (l2tp_rel_send(&t->rel, o->buf, len)) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Cannot queue message (%zu octets)", len);
        return -1;
    }
    return 0;
}

/* For the debug line only: the session a message we built belongs to. Its
 * header carries the peer's session ID, or 0 in ICRQ/OCRQ, whose second
 * AVP is our Assigned Session ID (as l2tp_send_icrq/ocrq build them). */
static struct l2tp_session *sender_session(struct l2tp_tunnel *t, const uint8_t *buf,
                                           size_t len, uint16_t peer_sid, uint16_t type)
{
    if (peer_sid) {
        for (struct l2tp_session *s = t->sessions; s; s = s->next)
            if (s->peer_id == peer_sid)
                return s;
        return NULL;
    }
    size_t at = L2TP_CTRL_HDR_LEN + 2 * L2TP_AVP_HDR_LEN + 2;
    if ((type != L2TP_MSG_ICRQ && type != L2TP_MSG_OCRQ) || len < at + 2)
        return NULL;
    struct l2tp_session *s = l2tp_ctrl_session(t->ctrl, (uint16_t)((buf[at] << 8) | buf[at + 1]));
    return s && s->tunnel == t ? s : NULL;
}

void l2tp_tunnel_xmit(void *ctx, const uint8_t *buf, size_t len, bool retransmit)
{
    struct l2tp_tunnel *t = ctx;
    struct l2tp_ctrl *c = t->ctrl;
    uint16_t type = l2tp_ctrl_msg_type_of(buf, len);
    if (type <= L2TP_MSG_TYPE_MAX && !retransmit)
        t->cnt.tx_by_type[type]++; /* retransmissions: rel.cnt.retransmits */
    if (debug_on(c->log, DBG_L2TP_PACKETS)) {
        struct l2tp_header h;
        char flags[8];
        if (l2tp_header_decode(buf, len, 0, &h, NULL) == PROTO_OK) {
            char text[160];
            l2tp_header_flags_str(&h, flags, sizeof flags);
            snprintf(text, sizeof text,
                     "%s %s%s, flg %s, ver %u, len %zu, tnl %u, cl %u, ns %u, nr %u",
                     retransmit ? "O (retransmit)" : "O", l2tp_msg_type_name(type),
                     type == L2TP_MSG_ZLB ? " ctrl ack" : "", flags, h.version, len,
                     h.tunnel_id, h.session_id, h.ns, h.nr);
            struct l2tp_session *s = sender_session(t, buf, len, h.session_id, type);
            if (s)
                l2tp_slog(s, DBG_L2TP_PACKETS, "%s", text);
            else
                l2tp_tlog(t, DBG_L2TP_PACKETS, "%s", text);
            debug_hex(c->log, DBG_L2TP_PACKETS, buf, len);
        }
    }
    if (retransmit)
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Retransmit %s to %s, Ns %u, attempt %u",
                  l2tp_msg_type_name(type), l2tp_peer_name(t), (buf[8] << 8) | buf[9],
                  t->rel.retries);
    c->ops.send(c->ops_ctx, &t->peer, buf, len);
}

static void common_sccr(struct out *o, struct l2tp_tunnel *t)
{
    const struct l2tp_ctrl_config *cfg = &t->ctrl->cfg;
    l2tp_build_u16(&o->b, true, L2TP_AVP_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION);
    l2tp_build_u32(&o->b, true, L2TP_AVP_FRAMING_CAPABILITIES, cfg->framing_cap);
    if (cfg->bearer_cap)
        l2tp_build_u32(&o->b, true, L2TP_AVP_BEARER_CAPABILITIES, cfg->bearer_cap);
    if (cfg->firmware_revision)
        l2tp_build_u16(&o->b, false, L2TP_AVP_FIRMWARE_REVISION, cfg->firmware_revision);
    l2tp_build_str(&o->b, true, L2TP_AVP_HOST_NAME, cfg->hostname);
    if (cfg->vendor_name)
        l2tp_build_str(&o->b, false, L2TP_AVP_VENDOR_NAME, cfg->vendor_name);
    l2tp_build_u16(&o->b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, t->local_id);
    l2tp_build_u16(&o->b, true, L2TP_AVP_RECEIVE_WINDOW_SIZE, cfg->rel.rx_window);
}

/* Our Challenge (§4.4.3) when we hold a secret for this peer. */
static int add_challenge(struct out *o, struct l2tp_tunnel *t)
{
    if (!t->secret_len)
        return 0;
    if (l2tp_ctrl_random(t->ctrl, t->our_challenge, sizeof t->our_challenge))
        return -1;
    t->challenged = true;
    l2tp_build_avp(&o->b, true, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE, t->our_challenge,
                   sizeof t->our_challenge);
    return 0;
}

/* Our answer to the peer's Challenge (§4.2): MD5(type || secret || challenge). */
static int add_response(struct out *o, struct l2tp_tunnel *t, uint8_t msg_type)
{
    if (!t->peer_challenge_len)
        return 0;
    uint8_t resp[MD5_DIGEST_LEN];
    if (l2tp_challenge_response(msg_type, t->secret, t->secret_len, t->peer_challenge,
                                t->peer_challenge_len, resp) != PROTO_OK)
        return -1;
    l2tp_build_avp(&o->b, true, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE_RESPONSE, resp,
                   sizeof resp);
    return 0;
}

int l2tp_send_sccrq(struct l2tp_tunnel *t)
{
    struct out o;
    begin(&o, t, 0, L2TP_MSG_SCCRQ);
    common_sccr(&o, t);
    if (t->ctrl->cfg.send_tie_breaker) {
        memcpy(t->tie_breaker, t->ctrl->tie_breaker, sizeof t->tie_breaker);
        t->has_tie_breaker = true;
        l2tp_build_avp(&o.b, true, L2TP_VENDOR_IETF, L2TP_AVP_TIE_BREAKER, t->tie_breaker,
                       sizeof t->tie_breaker);
    }
    if (add_challenge(&o, t))
        return -1;
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O SCCRQ");
    return finish(&o, t);
}

int l2tp_send_sccrp(struct l2tp_tunnel *t)
{
    struct out o;
    begin(&o, t, 0, L2TP_MSG_SCCRP);
    common_sccr(&o, t);
    if (add_challenge(&o, t) || add_response(&o, t, L2TP_MSG_SCCRP))
        return -1;
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O SCCRP to %s tnlid %u", l2tp_peer_name(t), t->peer_id);
    return finish(&o, t);
}

int l2tp_send_scccn(struct l2tp_tunnel *t)
{
    struct out o;
    begin(&o, t, 0, L2TP_MSG_SCCCN);
    if (add_response(&o, t, L2TP_MSG_SCCCN))
        return -1;
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O SCCCN to %s tnlid %u", l2tp_peer_name(t), t->peer_id);
    return finish(&o, t);
}

int l2tp_send_stopccn(struct l2tp_tunnel *t)
{
    struct out o;
    begin(&o, t, 0, L2TP_MSG_STOPCCN);
    l2tp_build_u16(&o.b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, t->local_id);
    /* The seed's StopCCN carries the Result Code alone when all is well. */
    if (t->stop_error == L2TP_ERR_NO_ERROR && !t->stop_text)
        l2tp_build_result_only(&o.b, t->stop_result);
    else
        l2tp_build_result(&o.b, t->stop_result, t->stop_error, t->stop_text);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O StopCCN to %s tnlid %u", l2tp_peer_name(t), t->peer_id);
    if (t->stop_result != L2TP_STOPCCN_GENERAL_REQUEST_TO_CLEAR || t->stop_error)
        l2tp_tlog(t, DBG_L2TP_EVENTS, "StopCCN result %u (%s), error %u (%s)", t->stop_result,
                  l2tp_result_code_text(L2TP_MSG_STOPCCN, t->stop_result), t->stop_error,
                  l2tp_error_code_text(t->stop_error));
    return finish(&o, t);
}

int l2tp_send_hello(struct l2tp_tunnel *t)
{
    struct out o;
    begin(&o, t, 0, L2TP_MSG_HELLO);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O HELLO to %s tnlid %u", l2tp_peer_name(t), t->peer_id);
    return finish(&o, t);
}

static void count_tx(struct l2tp_session *s, uint16_t type)
{
    s->cnt.tx_by_type[type]++;
}

int l2tp_send_icrq(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    const struct l2tp_call_params *p = &s->params;
    struct out o;
    begin(&o, t, 0, L2TP_MSG_ICRQ);
    l2tp_build_u16(&o.b, true, L2TP_AVP_ASSIGNED_SESSION_ID, s->local_id);
    l2tp_build_u32(&o.b, true, L2TP_AVP_CALL_SERIAL_NUMBER, p->call_serial);
    if (p->has_bearer_type)
        l2tp_build_u32(&o.b, true, L2TP_AVP_BEARER_TYPE, p->bearer_type);
    if (p->has_phys_channel)
        l2tp_build_u32(&o.b, false, L2TP_AVP_PHYSICAL_CHANNEL_ID, p->phys_channel);
    if (p->calling_number[0])
        sensitive_str(&o, t, true, L2TP_AVP_CALLING_NUMBER, p->calling_number);
    if (p->called_number[0])
        sensitive_str(&o, t, true, L2TP_AVP_CALLED_NUMBER, p->called_number);
    if (p->sub_address[0])
        sensitive_str(&o, t, true, L2TP_AVP_SUB_ADDRESS, p->sub_address);
    if (p->nas_port[0])
        l2tp_build_avp(&o.b, false, L2TP_VENDOR_CISCO, L2TP_CISCO_AVP_CLIENT_NAS_PORT,
                       p->nas_port, strlen(p->nas_port));
    l2tp_slog(s, DBG_L2TP_EVENTS, "O ICRQ to %s %u/0", l2tp_peer_name(t), t->peer_id);
    count_tx(s, L2TP_MSG_ICRQ);
    return finish(&o, t);
}

int l2tp_send_icrp(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    begin(&o, t, s->peer_id, L2TP_MSG_ICRP);
    l2tp_build_u16(&o.b, true, L2TP_AVP_ASSIGNED_SESSION_ID, s->local_id);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O ICRP to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_ICRP);
    return finish(&o, t);
}

/* ICCN and OCCN: the connected line, and for ICCN the proxy LCP and
 * authentication the LAC did with the caller (§4.4.5), in the seed's order. */
static void connect_avps(struct out *o, struct l2tp_session *s, bool proxy)
{
    struct l2tp_tunnel *t = s->tunnel;
    const struct l2tp_call_params *p = &s->params;
    l2tp_build_u32(&o->b, true, L2TP_AVP_TX_CONNECT_SPEED, p->tx_connect_speed);
    if (p->rx_connect_speed)
        l2tp_build_u32(&o->b, false, L2TP_AVP_RX_CONNECT_SPEED, p->rx_connect_speed);
    l2tp_build_u32(&o->b, true, L2TP_AVP_FRAMING_TYPE,
                   p->has_framing_type ? p->framing_type : L2TP_FRAMING_SYNC);
    if (p->sequencing_required)
        l2tp_build_avp(&o->b, true, L2TP_VENDOR_IETF, L2TP_AVP_SEQUENCING_REQUIRED, NULL, 0);
    if (!proxy)
        return;
    if (p->initial_rx_lcp_len)
        l2tp_build_avp(&o->b, false, L2TP_VENDOR_IETF, L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ,
                       p->initial_rx_lcp, p->initial_rx_lcp_len);
    if (p->last_sent_lcp_len)
        l2tp_build_avp(&o->b, false, L2TP_VENDOR_IETF, L2TP_AVP_LAST_SENT_LCP_CONFREQ,
                       p->last_sent_lcp, p->last_sent_lcp_len);
    if (p->last_rx_lcp_len)
        l2tp_build_avp(&o->b, false, L2TP_VENDOR_IETF, L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ,
                       p->last_rx_lcp, p->last_rx_lcp_len);
    if (!p->proxy_authen_type)
        return;
    if (p->proxy_authen_challenge_len)
        sensitive(o, t, false, L2TP_AVP_PROXY_AUTHEN_CHALLENGE, p->proxy_authen_challenge,
                  p->proxy_authen_challenge_len);
    if (p->has_proxy_authen_id)
        l2tp_build_u16(&o->b, false, L2TP_AVP_PROXY_AUTHEN_ID, p->proxy_authen_id);
    if (p->proxy_authen_name[0])
        sensitive_str(o, t, false, L2TP_AVP_PROXY_AUTHEN_NAME, p->proxy_authen_name);
    if (p->proxy_authen_response_len)
        sensitive(o, t, true, L2TP_AVP_PROXY_AUTHEN_RESPONSE, p->proxy_authen_response,
                  p->proxy_authen_response_len);
    l2tp_build_u16(&o->b, false, L2TP_AVP_PROXY_AUTHEN_TYPE, p->proxy_authen_type);
}

int l2tp_send_iccn(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    begin(&o, t, s->peer_id, L2TP_MSG_ICCN);
    connect_avps(&o, s, true);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O ICCN to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_ICCN);
    return finish(&o, t);
}

int l2tp_send_ocrq(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    const struct l2tp_call_params *p = &s->params;
    struct out o;
    begin(&o, t, 0, L2TP_MSG_OCRQ);
    l2tp_build_u16(&o.b, true, L2TP_AVP_ASSIGNED_SESSION_ID, s->local_id);
    l2tp_build_u32(&o.b, true, L2TP_AVP_CALL_SERIAL_NUMBER, p->call_serial);
    l2tp_build_u32(&o.b, true, L2TP_AVP_MINIMUM_BPS, p->has_min_bps ? p->min_bps : 0);
    l2tp_build_u32(&o.b, true, L2TP_AVP_MAXIMUM_BPS, p->has_max_bps ? p->max_bps : 0xFFFFFFFFu);
    l2tp_build_u32(&o.b, true, L2TP_AVP_BEARER_TYPE,
                   p->has_bearer_type ? p->bearer_type : L2TP_BEARER_DIGITAL);
    l2tp_build_u32(&o.b, true, L2TP_AVP_FRAMING_TYPE,
                   p->has_framing_type ? p->framing_type : L2TP_FRAMING_SYNC);
    sensitive_str(&o, t, true, L2TP_AVP_CALLED_NUMBER, p->called_number);
    if (p->sub_address[0])
        sensitive_str(&o, t, true, L2TP_AVP_SUB_ADDRESS, p->sub_address);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O OCRQ to %s %u/0", l2tp_peer_name(t), t->peer_id);
    count_tx(s, L2TP_MSG_OCRQ);
    return finish(&o, t);
}

int l2tp_send_ocrp(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    begin(&o, t, s->peer_id, L2TP_MSG_OCRP);
    l2tp_build_u16(&o.b, true, L2TP_AVP_ASSIGNED_SESSION_ID, s->local_id);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O OCRP to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_OCRP);
    return finish(&o, t);
}

int l2tp_send_occn(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    begin(&o, t, s->peer_id, L2TP_MSG_OCCN);
    connect_avps(&o, s, false);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O OCCN to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_OCCN);
    return finish(&o, t);
}

static void cdn_avps(struct out *o, uint16_t local_sid, const struct l2tp_disconnect *d)
{
    l2tp_build_u16(&o->b, true, L2TP_AVP_ASSIGNED_SESSION_ID, local_sid);
    l2tp_build_result(&o->b, d->result, d->error, NULL);
    if (d->has_q931) {
        /* §4.4.5 Q.931 Cause Code: cause (16), message (8). */
        uint8_t v[3] = {(uint8_t)(d->q931_cause >> 8), (uint8_t)d->q931_cause, d->q931_msg};
        l2tp_build_avp(&o->b, true, L2TP_VENDOR_IETF, L2TP_AVP_Q931_CAUSE_CODE, v, sizeof v);
    }
}

int l2tp_send_cdn(struct l2tp_session *s)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    begin(&o, t, s->peer_id, L2TP_MSG_CDN);
    cdn_avps(&o, s->local_id, &s->cdn);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O CDN to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_CDN);
    return finish(&o, t);
}

int l2tp_send_cdn_raw(struct l2tp_tunnel *t, uint16_t peer_session_id, uint16_t result,
                      uint16_t error)
{
    struct out o;
    struct l2tp_disconnect d = {.result = result, .error = error};
    begin(&o, t, peer_session_id, L2TP_MSG_CDN);
    cdn_avps(&o, 0, &d);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "O CDN to %s %u/%u, result %u, error %u", l2tp_peer_name(t),
              t->peer_id, peer_session_id, result, error);
    return finish(&o, t);
}

int l2tp_send_wen(struct l2tp_session *s, const struct l2tp_call_errors *e)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    uint8_t v[26] = {0};
    const uint32_t f[6] = {e->crc_errors, e->framing_errors, e->hardware_overruns,
                           e->buffer_overruns, e->timeout_errors, e->alignment_errors};
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 4; j++)
            v[2 + 4 * i + j] = (uint8_t)(f[i] >> (24 - 8 * j));
    begin(&o, t, s->peer_id, L2TP_MSG_WEN);
    l2tp_build_avp(&o.b, true, L2TP_VENDOR_IETF, L2TP_AVP_CALL_ERRORS, v, sizeof v);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O WEN to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_WEN);
    return finish(&o, t);
}

int l2tp_send_sli(struct l2tp_session *s, uint32_t send_accm, uint32_t recv_accm)
{
    struct l2tp_tunnel *t = s->tunnel;
    struct out o;
    uint8_t v[10] = {0};
    for (int j = 0; j < 4; j++) {
        v[2 + j] = (uint8_t)(send_accm >> (24 - 8 * j));
        v[6 + j] = (uint8_t)(recv_accm >> (24 - 8 * j));
    }
    begin(&o, t, s->peer_id, L2TP_MSG_SLI);
    l2tp_build_avp(&o.b, true, L2TP_VENDOR_IETF, L2TP_AVP_ACCM, v, sizeof v);
    l2tp_slog(s, DBG_L2TP_EVENTS, "O SLI to %s %u/%u", l2tp_peer_name(t), t->peer_id,
              s->peer_id);
    count_tx(s, L2TP_MSG_SLI);
    return finish(&o, t);
}
