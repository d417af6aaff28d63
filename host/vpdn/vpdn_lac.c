/* The LAC side of a call, as the seed's 5300-1 runs it: PPP on the ACCESS
 * channel up to FORWARDING, the AAA's tunnel for the DNIS (or domain), the
 * tunnel found or opened to the LNS by priority, the session with proxy
 * LCP/auth (RFC 2661 §4.4.5), the card bound to the channel once the
 * session is established; line down -> CDN "Loss of carrier". */
#include <stdio.h>
#include <string.h>

#include "vpdn_int.h"

/* IOS's multilink MRRU, which the seed's 5300-1 offers (the user rejects it). */
#define VPDN_LAC_MRRU 1524u

/* An ISDN B channel (the seed's ICCN: Connect Speed 64000, Rx Speed 64000). */
#define VPDN_B_CHANNEL_BPS 64000u

static void hang_up(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    if (v->dp.hangup)
        v->dp.hangup(v->dp.ctx, c->channel);
}

/* The call cannot go anywhere: the user's line is dropped. */
static void refuse(struct vpdn_call *c, const char *why)
{
    struct vpdn *v = c->v;
    v->cnt.calls_refused++;
    vpdn_log(v, DBG_VPDN, "%s VPDN: %s, call refused", c->ifname, why);
    c->closing = true;
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    hang_up(c);
    vpdn_call_release(c);
}

/* ---- PPP callbacks ---- */

static void lac_ppp_send(void *ctx, const uint8_t *frame, size_t len)
{
    vpdn_card_send_channel(ctx, frame, len);
}

static void copy_blob(uint8_t *dst, size_t *dst_len, size_t cap, const uint8_t *src, size_t len)
{
    *dst_len = len <= cap ? len : 0;
    memcpy(dst, src, *dst_len);
}

/* The ICRQ (§6.6) and ICCN (§6.8) values of this call. */
static void call_params(struct vpdn_call *c, struct l2tp_call_params *p)
{
    const struct ppp_proxy *x = &c->proxy;
    memset(p, 0, sizeof *p);
    p->call_serial = ++c->v->call_serial;
    p->has_bearer_type = true;
    p->bearer_type = L2TP_BEARER_DIGITAL;
    p->has_framing_type = true;
    p->framing_type = L2TP_FRAMING_ASYNC; /* as the seed's ICCN says (Framing Type 2) */
    p->tx_connect_speed = VPDN_B_CHANNEL_BPS;
    p->rx_connect_speed = VPDN_B_CHANNEL_BPS;
    snprintf(p->calling_number, sizeof p->calling_number, "%s", c->calling);
    snprintf(p->called_number, sizeof p->called_number, "%s", c->dnis);
    snprintf(p->nas_port, sizeof p->nas_port, "%s", c->port);
    /* §4.4.6: ICCN's Sequencing Required AVP makes both ends put Ns on
     * every data message of the session (§5.4). */
    p->sequencing_required = c->v->cfg->tunnel.sequencing;
    /* Proxy LCP: l2tp_ctrl carries up to L2TP_CTRL_BLOB_MAX octets; a longer
     * request is left out and the LNS renegotiates (§4.4.5 makes them
     * optional). */
    copy_blob(p->initial_rx_lcp, &p->initial_rx_lcp_len, sizeof p->initial_rx_lcp,
              x->initial_rcvd, x->initial_rcvd_len);
    copy_blob(p->last_sent_lcp, &p->last_sent_lcp_len, sizeof p->last_sent_lcp, x->last_sent,
              x->last_sent_len);
    copy_blob(p->last_rx_lcp, &p->last_rx_lcp_len, sizeof p->last_rx_lcp, x->last_rcvd,
              x->last_rcvd_len);
    /* Proxy authentication: PPP says CHAP, PAP or NONE (4: "No
     * Authentication" is sent as such); l2tp_ctrl's 0 would mean "absent". */
    p->proxy_authen_type = x->authen_type;
    size_t n = x->authen_name_len < sizeof p->proxy_authen_name - 1
                   ? x->authen_name_len
                   : sizeof p->proxy_authen_name - 1;
    memcpy(p->proxy_authen_name, x->authen_name, n);
    copy_blob(p->proxy_authen_challenge, &p->proxy_authen_challenge_len,
              sizeof p->proxy_authen_challenge, x->challenge, x->challenge_len);
    p->has_proxy_authen_id = x->authen_type == L2TP_PROXY_AUTHEN_CHAP ||
                             x->authen_type == L2TP_PROXY_AUTHEN_PAP;
    p->proxy_authen_id = x->authen_id;
    copy_blob(p->proxy_authen_response, &p->proxy_authen_response_len,
              sizeof p->proxy_authen_response, x->response, x->response_len);
}

/* A tunnel to ip that a new session may join: coming up or up. */
static struct l2tp_tunnel *usable_tunnel(struct vpdn *v, uint32_t ip)
{
    for (struct l2tp_tunnel *t = v->ctrl.all; t; t = t->next_all) {
        if (t->dead || t->clearing || t->peer.ip != ip)
            continue;
        if (t->state == L2TP_TS_WAIT_CTL_REPLY || t->state == L2TP_TS_WAIT_CTL_CONN ||
            t->state == L2TP_TS_ESTABLISHED || t->state == L2TP_TS_NO_SESSIONS_LEFT)
            return t;
    }
    return NULL;
}

static void try_lns(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    struct aaa_lns lns;
    struct proto_error err = {0};
    if (aaa_vpdn_select(&v->aaa, c->ifname, &c->tinfo, c->attempt, &lns, &err) != PROTO_OK) {
        refuse(c, "no LNS left to try");
        return;
    }
    c->cnt.lns_attempts++;
    char a[16];
    ipcp_addr_str(lns.ip, a, sizeof a);
    struct l2tp_tunnel *t = usable_tunnel(v, lns.ip);
    uint16_t tid = 0;
    if (t) {
        tid = t->local_id;
    } else {
        struct l2tp_peer_addr peer = {.ip = lns.ip, .port = VPDN_L2TP_PORT};
        if (l2tp_ctrl_tunnel_open(&v->ctrl, &peer, c->tinfo.password_len ? c->tinfo.password : NULL,
                                  c->tinfo.password_len, 0, &tid, &err) != PROTO_OK) {
            refuse(c, "cannot open a tunnel");
            return;
        }
        vpdn_log(v, DBG_VPDN, "%s VPDN: Find LNS process created", c->ifname);
    }
    vpdn_log(v, DBG_VPDN, "%s VPDN: Forward to address %s", c->ifname, a);
    struct l2tp_call_params p;
    call_params(c, &p);
    c->state = VPDN_CS_SESSION;
    c->tunnel_id = tid;
    uint16_t sid = 0;
    if (l2tp_ctrl_call_incoming(&v->ctrl, tid, 0, &p, c, &sid, &err) != PROTO_OK) {
        refuse(c, "cannot place the call in the tunnel");
        return;
    }
    c->session_id = sid;
    if (!t) {
        vpdn_log(v, DBG_VPDN, "%s VPDN: Pending", c->ifname);
        vpdn_log(v, DBG_VPDN, "%s VPDN: Process created", c->ifname);
    }
}

static void lac_authorized(void *ctx, enum aaa_result result, const struct aaa_tunnel_info *info)
{
    struct vpdn_call *c = ctx;
    if (c->dead || c->closing)
        return;
    if (result != AAA_PASS || !info) {
        char why[L2TP_CTRL_NAME_MAX + 40];
        snprintf(why, sizeof why, "No tunnel for dnis:%s", c->dnis);
        refuse(c, why);
        return;
    }
    c->tinfo = *info;
    c->attempt = 0;
    try_lns(c);
}

static void lac_forward(void *ctx, const struct ppp_proxy *proxy)
{
    struct vpdn_call *c = ctx;
    c->proxy = *proxy;
    size_t n = proxy->authen_name_len < sizeof c->user - 1 ? proxy->authen_name_len
                                                             : sizeof c->user - 1;
    memcpy(c->user, proxy->authen_name, n);
    c->user[n] = '\0';
    c->state = VPDN_CS_AUTHOR;
    /* The AAA logs "Got DNIS string" and the lookup (the seed's lines);
     * a network backend answers later through lac_authorized. */
    (void)aaa_vpdn_authorize_call(&c->v->aaa, c->ifname, c->dnis[0] ? c->dnis : NULL,
                                  c->calling[0] ? c->calling : NULL,
                                  c->user[0] ? c->user : NULL, lac_authorized, c);
}

static void lac_phase(void *ctx, enum ppp_phase phase)
{
    struct vpdn_call *c = ctx;
    /* The user ended LCP before the call was forwarded (or failed CHAP
     * capture): nothing to keep. */
    if (phase == PPP_PHASE_DEAD && !c->closing && c->state == VPDN_CS_PPP) {
        c->closing = true;
        hang_up(c);
        vpdn_call_release(c);
    }
}

/* ---- line events ---- */

static void lac_link_config(const struct vpdn *v, const struct vpdn_call *c,
                            struct ppp_link_config *pc)
{
    const char *name = v->cfg->ppp_name[0] ? v->cfg->ppp_name : v->cfg->hostname;
    size_t n = strlen(name) < LCP_ED_MAX_ADDR_LEN ? strlen(name) : LCP_ED_MAX_ADDR_LEN;
    memset(pc, 0, sizeof *pc);
    pc->role = PPP_ROLE_LAC;
    pc->ifname = c->ifname;
    pc->hostname = name;
    /* The seed's 5300-1: CHAP, a Magic-Number, MRRU 1524 and a local
     * Endpoint Discriminator (its name); passive open ("State is Listen"). */
    pc->lcp.auth_protocol = PPP_PROTO_CHAP;
    pc->lcp.magic = true;
    pc->lcp.magic_number = v->vc.lac_magic;
    pc->lcp.request_mrru = true;
    pc->lcp.mrru = VPDN_LAC_MRRU;
    pc->lcp.request_endpoint = true;
    pc->lcp.endpoint_class = LCP_ED_LOCAL;
    pc->lcp.endpoint_len = (uint8_t)n;
    memcpy(pc->lcp.endpoint_addr, name, n);
    pc->lcp_fsm.passive = true;
    pc->lcp_fsm.first_id = v->vc.lac_lcp_first_id ? v->vc.lac_lcp_first_id : 1;
    pc->chap_first_id = v->vc.lac_chap_first_id ? v->vc.lac_chap_first_id : 1;
}

proto_status vpdn_line_up(struct vpdn *v, uint16_t channel, const char *dnis,
                          const char *calling, struct proto_error *err)
{
    if (!(v->cfg->role & CONFIG_ROLE_LAC))
        return proto_fail(err, PROTO_EINVAL, 0, "role", "%s is not a LAC", v->cfg->file);
    if (vpdn_call_by_channel(v, channel))
        return proto_fail(err, PROTO_EINVAL, 0, "channel", "channel %u already has a call",
                          (unsigned)channel);
    struct vpdn_call *c = vpdn_call_new(v, VPDN_CALL_LAC);
    if (!c)
        return proto_fail(err, PROTO_ENOSPC, 0, "call", "out of memory");
    c->channel = channel;
    snprintf(c->ifname, sizeof c->ifname, "Se0:%u", (unsigned)channel);
    snprintf(c->port, sizeof c->port, "Serial0:%u", (unsigned)channel);
    snprintf(c->dnis, sizeof c->dnis, "%s", dnis ? dnis : "");
    snprintf(c->calling, sizeof c->calling, "%s", calling ? calling : "");
    vpdn_log(v, DBG_VPDN, "%%LINK-3-UPDOWN: Interface %s, changed state to up", c->port);
    struct ppp_link_config pc;
    lac_link_config(v, c, &pc);
    struct ppp_link_callbacks cb = {.ctx = c, .send = lac_ppp_send, .random = vpdn_call_random,
                                    .forward = lac_forward, .phase_changed = lac_phase};
    proto_status st = ppp_link_init(&c->link, &pc, &cb, &v->ppp_aaa, v->tq, v->log, err);
    if (st != PROTO_OK) {
        vpdn_call_release(c);
        return st;
    }
    c->link_ready = true;
    c->state = VPDN_CS_PPP;
    ppp_link_start(&c->link);
    return PROTO_OK;
}

proto_status vpdn_line_down(struct vpdn *v, uint16_t channel, struct proto_error *err)
{
    struct vpdn_call *c = vpdn_call_by_channel(v, channel);
    if (!c)
        return proto_fail(err, PROTO_EINVAL, 0, "channel", "no call on channel %u",
                          (unsigned)channel);
    vpdn_log(v, DBG_VPDN, "%%LINK-3-UPDOWN: Interface %s, changed state to down", c->port);
    c->closing = true;
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    vpdn_log(v, DBG_VPDN, "%s VPDN: Cleanup", c->ifname);
    vpdn_log(v, DBG_VPDN, "%s VPDN: Reset", c->ifname);
    if (c->session_id) {
        struct l2tp_disconnect why = {.result = L2TP_CDN_LOSS_OF_CARRIER};
        (void)l2tp_ctrl_call_disconnect(&v->ctrl, c->session_id, &why, NULL);
    }
    vpdn_card_clear(c);
    vpdn_call_release(c);
    return PROTO_OK;
}

proto_status vpdn_lac_clear(struct vpdn_call *c, struct proto_error *err)
{
    struct vpdn *v = c->v;
    c->closing = true;
    proto_status st = PROTO_OK;
    if (c->session_id) {
        struct l2tp_disconnect why = {.result = L2TP_CDN_ADMINISTRATIVE};
        st = l2tp_ctrl_call_disconnect(&v->ctrl, c->session_id, &why, err);
    }
    vpdn_card_clear(c);
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    hang_up(c);
    vpdn_call_release(c);
    return st;
}

/* ---- L2TP session events ---- */

void vpdn_lac_session_up(struct vpdn_call *c, const struct l2tp_session_info *s)
{
    struct vpdn *v = c->v;
    if (c->dead)
        return;
    c->sinfo = *s;
    c->session_id = s->local_session_id;
    c->tunnel_id = s->local_tunnel_id;
    c->session_up = true;
    c->state = VPDN_CS_UP;
    c->up_us = timer_now(v->tq);
    v->cnt.calls_up++;
    /* From here the card carries the user's frames; none reach the host. */
    if (vpdn_card_program(c) != 0)
        vpdn_call_abort(c);
}

void vpdn_lac_session_down(struct vpdn_call *c, const struct l2tp_disconnect *why)
{
    struct vpdn *v = c->v;
    vpdn_card_clear(c);
    c->session_id = 0;
    c->session_up = false;
    if (c->closing) {
        vpdn_call_release(c);
        return;
    }
    if (!why->was_up) {
        /* The call never came up. The LNS refusing it ends it when the AAA
         * says so (IOS's l2tp-busy-disconnect); a tunnel that did not come
         * up moves to the next LNS by priority. */
        if (why->by_peer && c->tinfo.busy_disconnect) {
            refuse(c, "LNS refused the call");
            return;
        }
        v->cnt.failovers++;
        vpdn_log(v, DBG_VPDN, "%s VPDN: LNS did not take the call (result %u, error %u), "
                              "trying the next",
                 c->ifname, (unsigned)why->result, (unsigned)why->error);
        c->attempt++;
        try_lns(c);
        return;
    }
    /* Cleared by the LNS (CDN or StopCCN): the user's line goes too. */
    if (why->by_peer)
        v->cnt.calls_cleared_by_lns++;
    c->closing = true;
    vpdn_log(v, DBG_VPDN, "%s VPDN: Reset", c->ifname);
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    hang_up(c);
    vpdn_call_release(c);
}
