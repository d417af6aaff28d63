/* What the owner asks for: open and close tunnels, place and clear calls,
 * WEN and SLI. Each request checks its arguments and the state it needs,
 * then runs the state tables. */
#include <string.h>

#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"

proto_status l2tp_ctrl_tunnel_open(struct l2tp_ctrl *c, const struct l2tp_peer_addr *peer,
                                   const uint8_t *secret, size_t secret_len,
                                   uint16_t requested_id, uint16_t *tunnel_id,
                                   struct proto_error *err)
{
    if (!peer)
        return proto_fail(err, PROTO_EINVAL, 0, "peer address", "missing");
    if (secret_len > L2TP_CTRL_SECRET_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "secret", "longer than %d octets",
                          L2TP_CTRL_SECRET_MAX);
    if (secret_len && !secret)
        return proto_fail(err, PROTO_EINVAL, 0, "secret", "NULL with a length");
    if (requested_id && requested_id >= c->cfg.tunnel_table_size)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel ID", "%u is outside [1, %u)",
                          requested_id, c->cfg.tunnel_table_size);
    struct l2tp_tunnel *t = l2tp_tunnel_new(c, peer, requested_id, true);
    if (!t && requested_id)
        return proto_fail(err, PROTO_ENOSPC, 0, "Tunnel ID", "%u is in use", requested_id);
    if (!t)
        return proto_fail(err, PROTO_ENOSPC, 0, "Tunnel ID", "no free tunnel ID");
    if (secret_len)
        memcpy(t->secret, secret, secret_len);
    t->secret_len = secret_len;
    if (tunnel_id)
        *tunnel_id = t->local_id;
    l2tp_tlog(t, DBG_L2TP_EVENTS, "SM State idle");
    l2tp_tunnel_event(t, L2TP_TE_LOCAL_OPEN);
    return PROTO_OK;
}

proto_status l2tp_ctrl_tunnel_close(struct l2tp_ctrl *c, uint16_t tunnel_id, uint16_t result,
                                    uint16_t error, struct proto_error *err)
{
    struct l2tp_tunnel *t = l2tp_ctrl_tunnel(c, tunnel_id);
    if (!t)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel ID", "no tunnel %u", tunnel_id);
    if (t->state == L2TP_TS_IDLE || t->state == L2TP_TS_SHUTTING_DOWN)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel ID", "tunnel %u is already %s",
                          tunnel_id, l2tp_tunnel_state_name(t->state));
    t->stop_result = result;
    t->stop_error = error;
    t->stop_text = NULL;
    l2tp_tunnel_event(t, L2TP_TE_LOCAL_CLOSE);
    return PROTO_OK;
}

static proto_status new_call(struct l2tp_ctrl *c, uint16_t tunnel_id, uint16_t requested_id,
                             const struct l2tp_call_params *params, void *call_ctx,
                             enum l2tp_call_type type, uint16_t *session_id,
                             struct proto_error *err)
{
    struct l2tp_tunnel *t = l2tp_ctrl_tunnel(c, tunnel_id);
    if (!t)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel ID", "no tunnel %u", tunnel_id);
    if (t->state == L2TP_TS_IDLE || t->state == L2TP_TS_SHUTTING_DOWN)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel ID", "tunnel %u is %s", tunnel_id,
                          l2tp_tunnel_state_name(t->state));
    if (requested_id && requested_id >= c->cfg.session_table_size)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "%u is outside [1, %u)",
                          requested_id, c->cfg.session_table_size);
    if (c->cfg.max_sessions_per_tunnel && t->n_sessions >= c->cfg.max_sessions_per_tunnel)
        return proto_fail(err, PROTO_ENOSPC, 0, "Session ID",
                          "tunnel %u has its limit of %u sessions", tunnel_id,
                          c->cfg.max_sessions_per_tunnel);
    struct l2tp_session *s = l2tp_session_new(t, type, requested_id);
    if (!s && requested_id)
        return proto_fail(err, PROTO_ENOSPC, 0, "Session ID", "%u is in use", requested_id);
    if (!s)
        return proto_fail(err, PROTO_ENOSPC, 0, "Session ID", "no free session ID");
    if (params)
        s->params = *params;
    s->call_ctx = call_ctx;
    if (session_id)
        *session_id = s->local_id;
    l2tp_session_event(s, L2TP_SE_LOCAL_OPEN);
    /* The seed's LAC: a session on an established tunnel sends its ICRQ
     * at once. */
    if (t->state == L2TP_TS_ESTABLISHED || t->state == L2TP_TS_NO_SESSIONS_LEFT)
        l2tp_session_event(s, L2TP_SE_TUNNEL_OPEN);
    return PROTO_OK;
}

proto_status l2tp_ctrl_call_incoming(struct l2tp_ctrl *c, uint16_t tunnel_id,
                                     uint16_t requested_session_id,
                                     const struct l2tp_call_params *params, void *call_ctx,
                                     uint16_t *session_id, struct proto_error *err)
{
    return new_call(c, tunnel_id, requested_session_id, params, call_ctx,
                    L2TP_CALL_LAC_INCOMING, session_id, err);
}

proto_status l2tp_ctrl_call_outgoing(struct l2tp_ctrl *c, uint16_t tunnel_id,
                                     uint16_t requested_session_id,
                                     const struct l2tp_call_params *params, void *call_ctx,
                                     uint16_t *session_id, struct proto_error *err)
{
    return new_call(c, tunnel_id, requested_session_id, params, call_ctx,
                    L2TP_CALL_LNS_OUTGOING, session_id, err);
}

proto_status l2tp_ctrl_call_answered(struct l2tp_ctrl *c, uint16_t session_id,
                                     const struct l2tp_call_params *params,
                                     struct proto_error *err)
{
    struct l2tp_session *s = l2tp_ctrl_session(c, session_id);
    if (!s)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no session %u", session_id);
    if (s->type != L2TP_CALL_LAC_OUTGOING || s->state != L2TP_SS_WAIT_CS_ANSWER)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID",
                          "session %u is not an outgoing call waiting for its answer",
                          session_id);
    if (params) {
        /* OCCN reports the connected line; the OCRQ's numbers stay. */
        s->params.tx_connect_speed = params->tx_connect_speed;
        s->params.rx_connect_speed = params->rx_connect_speed;
        s->params.has_framing_type = params->has_framing_type;
        s->params.framing_type = params->framing_type;
        s->params.sequencing_required |= params->sequencing_required;
    }
    l2tp_session_event(s, L2TP_SE_BEARER_ANSWER);
    return PROTO_OK;
}

proto_status l2tp_ctrl_call_disconnect(struct l2tp_ctrl *c, uint16_t session_id,
                                       const struct l2tp_disconnect *why,
                                       struct proto_error *err)
{
    struct l2tp_session *s = l2tp_ctrl_session(c, session_id);
    if (!s)
        return proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no session %u", session_id);
    if (!why || why->result == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "Result Code",
                          "a CDN needs a result code (0 is reserved, §4.4.2)");
    s->cdn = *why;
    s->cdn.by_peer = false;
    l2tp_session_event(s, L2TP_SE_LOCAL_CLOSE);
    return PROTO_OK;
}

static struct l2tp_session *live_session(struct l2tp_ctrl *c, uint16_t session_id,
                                         struct proto_error *err)
{
    struct l2tp_session *s = l2tp_ctrl_session(c, session_id);
    if (!s) {
        proto_fail(err, PROTO_EINVAL, 0, "Session ID", "no session %u", session_id);
        return NULL;
    }
    if (s->state != L2TP_SS_ESTABLISHED) {
        proto_fail(err, PROTO_EINVAL, 0, "Session ID", "session %u is %s, not established",
                   session_id, l2tp_session_state_name(s->state));
        return NULL;
    }
    return s;
}

proto_status l2tp_ctrl_send_wen(struct l2tp_ctrl *c, uint16_t session_id,
                                const struct l2tp_call_errors *errors, struct proto_error *err)
{
    struct l2tp_session *s = live_session(c, session_id, err);
    if (!s)
        return err ? err->status : PROTO_EINVAL;
    if (s->type != L2TP_CALL_LAC_INCOMING && s->type != L2TP_CALL_LAC_OUTGOING)
        return proto_fail(err, PROTO_EINVAL, 0, "Message Type",
                          "WEN is sent by the LAC only (§6.14)");
    if (l2tp_send_wen(s, errors))
        return proto_fail(err, PROTO_ENOSPC, 0, "WEN", "could not queue the message");
    return PROTO_OK;
}

proto_status l2tp_ctrl_send_sli(struct l2tp_ctrl *c, uint16_t session_id, uint32_t send_accm,
                                uint32_t recv_accm, struct proto_error *err)
{
    struct l2tp_session *s = live_session(c, session_id, err);
    if (!s)
        return err ? err->status : PROTO_EINVAL;
    if (s->type != L2TP_CALL_LNS_INCOMING && s->type != L2TP_CALL_LNS_OUTGOING)
        return proto_fail(err, PROTO_EINVAL, 0, "Message Type",
                          "SLI is sent by the LNS only (§6.15)");
    if (l2tp_send_sli(s, send_accm, recv_accm))
        return proto_fail(err, PROTO_ENOSPC, 0, "SLI", "could not queue the message");
    return PROTO_OK;
}
