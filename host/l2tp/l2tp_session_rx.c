/* Session messages (§6.6-§6.15) received on a tunnel: find or create the
 * session, check the message is acceptable, run the session table. */
#include <stdio.h>
#include <string.h>

#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const struct l2tp_avp *find(const struct l2tp_msg *m, uint16_t type)
{
    const struct l2tp_avp *a = l2tp_msg_find(m, L2TP_VENDOR_IETF, type);
    return a && !a->hidden ? a : NULL;
}

static bool get_u32(const struct l2tp_msg *m, uint16_t type, uint32_t *v)
{
    const struct l2tp_avp *a = find(m, type);
    return a && l2tp_avp_value_u32(a, v, NULL) == PROTO_OK;
}

static void copy_str(char *dst, size_t cap, const struct l2tp_avp *a)
{
    size_t n = a->value_len < cap - 1 ? a->value_len : cap - 1;
    memcpy(dst, a->value, n);
    dst[n] = 0;
}

static size_t copy_blob(uint8_t *dst, size_t cap, const struct l2tp_avp *a)
{
    size_t n = a->value_len < cap ? a->value_len : cap;
    memcpy(dst, a->value, n);
    return n;
}

void l2tp_params_from_msg(const struct l2tp_msg *m, struct l2tp_call_params *p)
{
    const struct l2tp_avp *a;
    uint32_t v;
    if (get_u32(m, L2TP_AVP_CALL_SERIAL_NUMBER, &v))
        p->call_serial = v;
    if ((p->has_bearer_type = get_u32(m, L2TP_AVP_BEARER_TYPE, &v)))
        p->bearer_type = v;
    if (get_u32(m, L2TP_AVP_FRAMING_TYPE, &v)) {
        p->has_framing_type = true;
        p->framing_type = v;
    }
    if ((p->has_min_bps = get_u32(m, L2TP_AVP_MINIMUM_BPS, &v)))
        p->min_bps = v;
    if ((p->has_max_bps = get_u32(m, L2TP_AVP_MAXIMUM_BPS, &v)))
        p->max_bps = v;
    if ((p->has_phys_channel = get_u32(m, L2TP_AVP_PHYSICAL_CHANNEL_ID, &v)))
        p->phys_channel = v;
    if (get_u32(m, L2TP_AVP_TX_CONNECT_SPEED, &v))
        p->tx_connect_speed = v;
    if (get_u32(m, L2TP_AVP_RX_CONNECT_SPEED, &v))
        p->rx_connect_speed = v;
    if ((a = find(m, L2TP_AVP_CALLING_NUMBER)))
        copy_str(p->calling_number, sizeof p->calling_number, a);
    if ((a = find(m, L2TP_AVP_CALLED_NUMBER)))
        copy_str(p->called_number, sizeof p->called_number, a);
    if ((a = find(m, L2TP_AVP_SUB_ADDRESS)))
        copy_str(p->sub_address, sizeof p->sub_address, a);
    if ((a = l2tp_msg_find(m, L2TP_VENDOR_CISCO, L2TP_CISCO_AVP_CLIENT_NAS_PORT)) && !a->hidden)
        copy_str(p->nas_port, sizeof p->nas_port, a);
    if (find(m, L2TP_AVP_SEQUENCING_REQUIRED))
        p->sequencing_required = true;
    if ((a = find(m, L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ)))
        p->initial_rx_lcp_len = copy_blob(p->initial_rx_lcp, sizeof p->initial_rx_lcp, a);
    if ((a = find(m, L2TP_AVP_LAST_SENT_LCP_CONFREQ)))
        p->last_sent_lcp_len = copy_blob(p->last_sent_lcp, sizeof p->last_sent_lcp, a);
    if ((a = find(m, L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ)))
        p->last_rx_lcp_len = copy_blob(p->last_rx_lcp, sizeof p->last_rx_lcp, a);
    if ((a = find(m, L2TP_AVP_PROXY_AUTHEN_TYPE)) && a->value_len == 2)
        p->proxy_authen_type = (uint16_t)((a->value[0] << 8) | a->value[1]);
    if ((a = find(m, L2TP_AVP_PROXY_AUTHEN_NAME)))
        copy_str(p->proxy_authen_name, sizeof p->proxy_authen_name, a);
    if ((a = find(m, L2TP_AVP_PROXY_AUTHEN_CHALLENGE)))
        p->proxy_authen_challenge_len =
            copy_blob(p->proxy_authen_challenge, sizeof p->proxy_authen_challenge, a);
    if ((a = find(m, L2TP_AVP_PROXY_AUTHEN_ID)) && a->value_len == 2) {
        p->has_proxy_authen_id = true;
        p->proxy_authen_id = a->value[1];
    }
    if ((a = find(m, L2TP_AVP_PROXY_AUTHEN_RESPONSE)))
        p->proxy_authen_response_len =
            copy_blob(p->proxy_authen_response, sizeof p->proxy_authen_response, a);
}

static uint16_t assigned_session(const struct l2tp_msg *m)
{
    const struct l2tp_avp *a = find(m, L2TP_AVP_ASSIGNED_SESSION_ID);
    uint16_t v = 0;
    if (a && l2tp_avp_value_u16(a, &v, NULL) != PROTO_OK)
        v = 0;
    return v;
}

static void take_cdn(struct l2tp_session *s, const struct l2tp_msg *m)
{
    const struct l2tp_avp *a = find(m, L2TP_AVP_RESULT_CODE);
    s->cdn = (struct l2tp_disconnect){.by_peer = true};
    if (a && a->value_len >= 2) {
        s->cdn.result = (uint16_t)((a->value[0] << 8) | a->value[1]);
        if (a->value_len >= 4)
            s->cdn.error = (uint16_t)((a->value[2] << 8) | a->value[3]);
    }
    a = find(m, L2TP_AVP_Q931_CAUSE_CODE);
    if (a && a->value_len >= 3) {
        s->cdn.has_q931 = true;
        s->cdn.q931_cause = (uint16_t)((a->value[0] << 8) | a->value[1]);
        s->cdn.q931_msg = a->value[2];
    }
}

static void set_cdn(struct l2tp_session *s, uint16_t result, uint16_t error)
{
    s->cdn = (struct l2tp_disconnect){.result = result, .error = error};
}

/* ICRQ / OCRQ: a new call from the peer (§7.4.2, §7.5.1). */
static void rx_new_call(struct l2tp_tunnel *t, const struct l2tp_msg *m, bool unknown_m)
{
    struct l2tp_ctrl *c = t->ctrl;
    bool icrq = m->type == L2TP_MSG_ICRQ;
    uint16_t peer_sid = assigned_session(m);
    l2tp_tlog(t, DBG_L2TP_EVENTS, "I %s from %s tnl %u", l2tp_msg_type_name(m->type),
              l2tp_peer_name(t), t->peer_id);
    if (peer_sid == 0)
        return; /* no one to answer: §6.6 requires the AVP */
    for (struct l2tp_session *s = t->sessions; s; s = s->next)
        if (s->peer_id == peer_sid && (s->type == L2TP_CALL_LNS_INCOMING ||
                                       s->type == L2TP_CALL_LAC_OUTGOING))
            return; /* the same call asked twice: already handled */
    enum l2tp_call_type type = icrq ? L2TP_CALL_LNS_INCOMING : L2TP_CALL_LAC_OUTGOING;
    struct l2tp_session *s = l2tp_session_new(t, type, 0);
    if (!s) {
        /* §4.4.2 CDN result 4: no facilities (session limit or no ID). */
        l2tp_tlog(t, DBG_L2TP_EVENTS, "No session available for %s from %s (%u in tunnel)",
                  l2tp_msg_type_name(m->type), l2tp_peer_name(t), t->n_sessions);
        l2tp_send_cdn_raw(t, peer_sid, L2TP_CDN_TEMP_NO_FACILITIES, L2TP_ERR_NO_ERROR);
        t->ctrl->cnt.sessions_refused++;
        return;
    }
    s->peer_id = peer_sid;
    s->cnt.rx_by_type[m->type]++;
    l2tp_params_from_msg(m, &s->params);
    l2tp_slog(s, DBG_L2TP_EVENTS, "New session created");
    if (unknown_m) {
        set_cdn(s, L2TP_CDN_ERROR_CODE, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
        l2tp_session_event(s, icrq ? L2TP_SE_RX_ICRQ_BAD : L2TP_SE_RX_OCRQ_BAD);
        return;
    }
    if (!icrq && !c->ops.call_event) {
        /* nobody to dial the call */
        set_cdn(s, L2TP_CDN_PERM_NO_FACILITIES, L2TP_ERR_NO_ERROR);
        l2tp_session_event(s, L2TP_SE_RX_OCRQ_BAD);
        return;
    }
    l2tp_session_event(s, icrq ? L2TP_SE_RX_ICRQ_OK : L2TP_SE_RX_OCRQ_OK);
}

static enum l2tp_session_event event_for(const struct l2tp_session *s, uint16_t type)
{
    switch (type) {
    case L2TP_MSG_ICRQ:
        return L2TP_SE_RX_ICRQ;
    case L2TP_MSG_OCRQ:
        return L2TP_SE_RX_OCRQ;
    case L2TP_MSG_ICRP:
        if (s->state == L2TP_SS_WAIT_REPLY && s->type == L2TP_CALL_LAC_INCOMING)
            return s->peer_id ? L2TP_SE_RX_ICRP_OK : L2TP_SE_RX_ICRP_BAD;
        return L2TP_SE_RX_ICRP;
    case L2TP_MSG_ICCN:
        if (s->state == L2TP_SS_WAIT_CONNECT && s->type == L2TP_CALL_LNS_INCOMING)
            return L2TP_SE_RX_ICCN_OK;
        return L2TP_SE_RX_ICCN;
    case L2TP_MSG_OCRP:
        if (s->state == L2TP_SS_WAIT_REPLY && s->type == L2TP_CALL_LNS_OUTGOING)
            return s->peer_id ? L2TP_SE_RX_OCRP_OK : L2TP_SE_RX_OCRP_BAD;
        return L2TP_SE_RX_OCRP;
    case L2TP_MSG_OCCN:
        return L2TP_SE_RX_OCCN;
    case L2TP_MSG_CDN:
        return L2TP_SE_RX_CDN;
    case L2TP_MSG_WEN:
        return L2TP_SE_RX_WEN;
    default:
        return L2TP_SE_RX_SLI;
    }
}

/* WEN's Call Errors (§4.4.6) and SLI's ACCM (§4.4.6), kept for the owner. */
static void take_wen_sli(struct l2tp_session *s, const struct l2tp_msg *m)
{
    const struct l2tp_avp *a;
    if (m->type == L2TP_MSG_WEN) {
        if ((a = find(m, L2TP_AVP_CALL_ERRORS)) && a->value_len == 26) {
            s->wen.crc_errors = be32(a->value + 2);
            s->wen.framing_errors = be32(a->value + 6);
            s->wen.hardware_overruns = be32(a->value + 10);
            s->wen.buffer_overruns = be32(a->value + 14);
            s->wen.timeout_errors = be32(a->value + 18);
            s->wen.alignment_errors = be32(a->value + 22);
        }
    } else if ((a = find(m, L2TP_AVP_ACCM)) && a->value_len == 10) {
        s->sli_send_accm = be32(a->value + 2);
        s->sli_recv_accm = be32(a->value + 6);
    }
}

void l2tp_session_rx(struct l2tp_tunnel *t, const struct l2tp_msg *m, bool unknown_m)
{
    struct l2tp_ctrl *c = t->ctrl;
    if (t->state != L2TP_TS_ESTABLISHED && t->state != L2TP_TS_NO_SESSIONS_LEFT) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "Ignoring %s: tunnel is %s", l2tp_msg_type_name(m->type),
                  l2tp_tunnel_state_name(t->state));
        return;
    }
    if ((m->type == L2TP_MSG_ICRQ || m->type == L2TP_MSG_OCRQ) && m->hdr.session_id == 0) {
        rx_new_call(t, m, unknown_m);
        return;
    }
    struct l2tp_session *s = l2tp_ctrl_session(c, m->hdr.session_id);
    if (!s || s->tunnel != t) {
        l2tp_tlog(t, DBG_L2TP_EVENTS, "I %s for unknown session %u: ignored",
                  l2tp_msg_type_name(m->type), m->hdr.session_id);
        return;
    }
    s->cnt.rx_by_type[m->type]++;
    l2tp_slog(s, DBG_L2TP_EVENTS, "I %s from %s tnl %u, cl %u", l2tp_msg_type_name(m->type),
              l2tp_peer_name(t), t->peer_id, assigned_session(m) ? assigned_session(m)
                                                                   : s->peer_id);
    if (unknown_m && m->type != L2TP_MSG_CDN) {
        /* §4.1: an unrecognised M=1 AVP in a session message ends the call. */
        set_cdn(s, L2TP_CDN_ERROR_CODE, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
        l2tp_session_event(s, L2TP_SE_RX_UNKNOWN_M);
        return;
    }
    switch (m->type) {
    case L2TP_MSG_ICRP:
    case L2TP_MSG_OCRP:
        if (s->peer_id == 0)
            s->peer_id = assigned_session(m);
        if (s->peer_id == 0)
            set_cdn(s, L2TP_CDN_ERROR_CODE, L2TP_ERR_FIELD_OUT_OF_RANGE);
        break;
    case L2TP_MSG_ICCN:
    case L2TP_MSG_OCCN:
        if ((s->type == L2TP_CALL_LNS_INCOMING && s->state == L2TP_SS_WAIT_CONNECT) ||
            (s->type == L2TP_CALL_LNS_OUTGOING && s->state == L2TP_SS_WAIT_CONNECT))
            l2tp_params_from_msg(m, &s->params);
        break;
    case L2TP_MSG_CDN:
        take_cdn(s, m);
        break;
    case L2TP_MSG_WEN:
    case L2TP_MSG_SLI:
        take_wen_sli(s, m);
        break;
    default:
        break;
    }
    enum l2tp_session_event ev = event_for(s, m->type);
    bool out_of_sequence = ev == L2TP_SE_RX_ICRQ || ev == L2TP_SE_RX_ICRP ||
                           ev == L2TP_SE_RX_ICCN || ev == L2TP_SE_RX_OCRQ ||
                           ev == L2TP_SE_RX_OCRP ||
                           (ev == L2TP_SE_RX_OCCN && !(s->type == L2TP_CALL_LNS_OUTGOING &&
                                                       s->state == L2TP_SS_WAIT_CONNECT));
    if (out_of_sequence)
        set_cdn(s, L2TP_CDN_ERROR_CODE, L2TP_ERR_NO_ERROR);
    l2tp_session_event(s, ev);
}
