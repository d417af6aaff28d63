/* The LNS side of a call, as the seed's 1600-3 runs it: on the established
 * incoming call a virtual-access interface ("Vi4") whose PPP starts from the
 * LAC's proxy data (forced LCP, proxy CHAP checked by AAA), IPCP with the
 * AAA's address decision, a host route while IPCP is open; the card's
 * session is bound to the host so PPP reaches us through punt/inject. */
#include <stdio.h>
#include <string.h>

#include "radius_const.h"
#include "vpdn_int.h"

static void lns_start(void *ctx);
static void lns_lower_down(void *ctx);

/* ---- PPP callbacks ---- */

static void lns_ppp_send(void *ctx, const uint8_t *frame, size_t len)
{
    vpdn_card_send_session(ctx, frame, len);
}

static void lns_route(void *ctx, uint32_t addr, bool install)
{
    struct vpdn_call *c = ctx;
    struct vpdn *v = c->v;
    if (install) {
        c->address = addr;
        if (vpdn_route_add(v, addr, c->session_id) != 0)
            vpdn_log(v, DBG_VPDN, "%s VPDN: no memory for the route", c->ifname);
        if (c->state != VPDN_CS_UP) {
            c->state = VPDN_CS_UP;
            c->up_us = timer_now(v->tq);
            v->cnt.calls_up++;
            vpdn_acct_start(c);
        }
    } else {
        vpdn_route_del(v, addr);
    }
}

static int lns_pool(void *ctx, uint32_t requested, uint32_t *addr)
{
    struct vpdn_call *c = ctx;
    struct vpdn *v = c->v;
    if (c->pool_addr) {
        *addr = c->pool_addr;
        return 0;
    }
    const struct config_user *u = config_find_user(v->cfg, c->user, strlen(c->user));
    const char *pool = u && u->pool[0] ? u->pool : NULL;
    if (aaa_pool_alloc(&v->aaa, pool, requested, addr, NULL) != PROTO_OK)
        return -1;
    c->pool_addr = *addr;
    return 0;
}

static void lns_ip_input(void *ctx, const uint8_t *packet, size_t len)
{
    struct vpdn_call *c = ctx;
    struct vpdn *v = c->v;
    c->cnt.ip_in++;
    if (v->dp.ip_input)
        v->dp.ip_input(v->dp.ctx, c->session_id, packet, len);
}

/* PPP ended here (the user's Terminate, failed authentication, admin clear,
 * keepalive): the LAC is told with a CDN (RFC 2661 §6.11). */
static void send_cdn(struct vpdn_call *c, uint16_t result)
{
    struct vpdn *v = c->v;
    c->closing = true;
    if (c->session_id) {
        struct l2tp_disconnect why = {.result = result};
        (void)l2tp_ctrl_call_disconnect(&v->ctrl, c->session_id, &why, NULL);
    }
    vpdn_card_clear(c);
    vpdn_call_release(c);
}

static void lns_phase(void *ctx, enum ppp_phase phase)
{
    struct vpdn_call *c = ctx;
    if (phase == PPP_PHASE_NETWORK && !c->user[0] && c->link.chap.peer_name_len)
        /* Authenticated here, not by proxy (a LAC without proxy AVPs, such
         * as xl2tpd): the user is the name of its accepted CHAP Response
         * (RFC 1994 §4.1), for its pool, accounting and show session. */
        snprintf(c->user, sizeof c->user, "%.*s", (int)c->link.chap.peer_name_len,
                 (const char *)c->link.chap.peer_name);
    if (phase == PPP_PHASE_DEAD && !c->closing) {
        /* §4.4.2 CDN result 3, "Call disconnected for administrative
         * reasons": the LNS itself ended the PPP session. */
        if (!c->acct_cause)
            c->acct_cause = RADIUS_TERM_USER_REQUEST;
        send_cdn(c, L2TP_CDN_ADMINISTRATIVE);
    }
}

/* ---- L2TP events ---- */

static struct vpdn_call *lns_call(struct vpdn *v, const struct l2tp_session_info *s)
{
    struct vpdn_call *c = vpdn_call_by_session(v, s->local_session_id);
    if (c)
        return c;
    c = vpdn_call_new(v, VPDN_CALL_LNS);
    if (!c)
        return NULL;
    c->sinfo = *s;
    c->session_id = s->local_session_id;
    c->tunnel_id = s->local_tunnel_id;
    c->state = VPDN_CS_PPP;
    timer_init(&c->start_timer, "vpdn lns start", lns_start, c);
    timer_init(&c->down_timer, "vpdn lns down", lns_lower_down, c);
    snprintf(c->ifname, sizeof c->ifname, "Vi%u", v->next_vaccess++);
    snprintf(c->port, sizeof c->port, "Virtual-Access%s", c->ifname + 2);
    return c;
}

void vpdn_lns_session_up(struct vpdn *v, const struct l2tp_session_info *s)
{
    struct vpdn_call *c = lns_call(v, s);
    if (!c) {
        struct l2tp_disconnect why = {.result = L2TP_CDN_TEMP_NO_FACILITIES};
        (void)l2tp_ctrl_call_disconnect(&v->ctrl, s->local_session_id, &why, NULL);
        return;
    }
    c->sinfo = *s;
    c->session_up = true;
    /* Bound to the host: the user's PPP comes to us through punts. */
    if (vpdn_card_program(c) != 0)
        vpdn_call_abort(c);
}

static void copy_blob(uint8_t *dst, size_t *dst_len, size_t cap, const uint8_t *src, size_t len)
{
    *dst_len = len <= cap ? len : 0;
    memcpy(dst, src, *dst_len);
}

/* The ICCN's AVPs 26-33 as PPP takes them. */
static void proxy_of(const struct l2tp_call_params *p, struct ppp_proxy *x)
{
    memset(x, 0, sizeof *x);
    copy_blob(x->initial_rcvd, &x->initial_rcvd_len, sizeof x->initial_rcvd, p->initial_rx_lcp,
              p->initial_rx_lcp_len);
    copy_blob(x->last_sent, &x->last_sent_len, sizeof x->last_sent, p->last_sent_lcp,
              p->last_sent_lcp_len);
    copy_blob(x->last_rcvd, &x->last_rcvd_len, sizeof x->last_rcvd, p->last_rx_lcp,
              p->last_rx_lcp_len);
    /* Absent AVP 29 (l2tp_ctrl's 0) means no proxy authentication (4). */
    x->authen_type = p->proxy_authen_type ? p->proxy_authen_type : L2TP_PROXY_AUTHEN_NONE;
    size_t n = strnlen(p->proxy_authen_name, sizeof p->proxy_authen_name);
    x->authen_name_len = n < sizeof x->authen_name ? n : sizeof x->authen_name;
    memcpy(x->authen_name, p->proxy_authen_name, x->authen_name_len);
    copy_blob(x->challenge, &x->challenge_len, sizeof x->challenge, p->proxy_authen_challenge,
              p->proxy_authen_challenge_len);
    x->authen_id = p->proxy_authen_id;
    copy_blob(x->response, &x->response_len, sizeof x->response, p->proxy_authen_response,
              p->proxy_authen_response_len);
}

static void lns_link_config(const struct vpdn *v, const struct vpdn_call *c,
                            struct ppp_link_config *pc)
{
    memset(pc, 0, sizeof *pc);
    pc->role = PPP_ROLE_LNS;
    pc->ifname = c->ifname;
    pc->hostname = v->cfg->ppp_name[0] ? v->cfg->ppp_name : v->cfg->hostname;
    /* The seed's Virtual-Template: "ppp authentication chap", IP unnumbered
     * (our address in IPCP), addresses by AAA or the default pool. */
    pc->lcp.auth_protocol = PPP_PROTO_CHAP;
    pc->lcp.magic = true;
    pc->lcp_fsm.passive = true;
    pc->ipcp.request_address = v->vc.lns_address != 0;
    pc->ipcp.address = v->vc.lns_address;
    pc->ipcp.server = true;
    pc->ipcp_fsm.first_id = v->vc.lns_ipcp_first_id ? v->vc.lns_ipcp_first_id : 1;
    pc->chap_first_id = v->vc.lns_chap_first_id ? v->vc.lns_chap_first_id : 1;
    pc->rechallenge = true;
}

static void lns_start(void *ctx)
{
    struct vpdn_call *c = ctx;
    struct vpdn *v = c->v;
    if (c->dead || c->closing || c->link_ready)
        return;
    vpdn_log(v, DBG_VPDN, "%s VPDN: Virtual interface created for %s", c->ifname,
             c->user[0] ? c->user : "(unknown)");
    struct ppp_link_config pc;
    lns_link_config(v, c, &pc);
    struct ppp_link_callbacks cb = {.ctx = c, .send = lns_ppp_send, .random = vpdn_call_random,
                                    .route = lns_route, .address_pool = lns_pool,
                                    .ip_input = lns_ip_input, .phase_changed = lns_phase};
    struct proto_error err = {0};
    if (ppp_link_init(&c->link, &pc, &cb, &v->ppp_aaa, v->tq, v->log, &err) != PROTO_OK) {
        send_cdn(c, L2TP_CDN_TEMP_NO_FACILITIES);
        return;
    }
    c->link_ready = true;
    if (c->proxy.last_sent_len &&
        ppp_link_start_proxy(&c->link, &c->proxy, &err) == PROTO_OK)
        return;
    /* No usable proxy LCP: negotiate LCP afresh with the user (§4.4.5
     * makes the proxy AVPs optional). */
    char e[160];
    if (c->proxy.last_sent_len)
        vpdn_log(v, DBG_VPDN, "%s VPDN: proxy LCP refused: %s", c->ifname,
                 proto_error_format(&err, e, sizeof e));
    c->link.lcp.fsm.cfg.passive = false;
    ppp_link_start(&c->link);
}

void vpdn_lns_connected(struct vpdn *v, const struct l2tp_call_event *ev)
{
    struct vpdn_call *c = lns_call(v, ev->session);
    if (!c || c->link_ready || c->closing)
        return;
    proxy_of(ev->params, &c->proxy);
    snprintf(c->user, sizeof c->user, "%.*s", (int)c->proxy.authen_name_len,
             (const char *)c->proxy.authen_name);
    snprintf(c->calling, sizeof c->calling, "%s", ev->params->calling_number);
    snprintf(c->dnis, sizeof c->dnis, "%s", ev->params->called_number);
    /* The virtual-access interface comes up after the session is
     * established (the seed's order), out of l2tp_ctrl's callback. */
    if (timer_arm(v->tq, &c->start_timer, 0) != 0)
        send_cdn(c, L2TP_CDN_TEMP_NO_FACILITIES);
}

/* The seed's Vi4 teardown: IPCP Closed, TERMINATING, LCP Closed, DOWN,
 * "Remove route to 10.10.53.2". */
static void lns_lower_down(void *ctx)
{
    struct vpdn_call *c = ctx;
    if (c->link_ready)
        ppp_link_lower_down(&c->link);
    vpdn_call_release(c);
}

void vpdn_lns_session_down(struct vpdn_call *c, const struct l2tp_disconnect *why)
{
    struct vpdn *v = c->v;
    (void)why;
    /* The LAC ended the call (the seed's CDN "Loss of carrier"). */
    if (!c->acct_cause)
        c->acct_cause = RADIUS_TERM_LOST_CARRIER;
    vpdn_card_clear(c);
    c->session_id = 0;
    c->session_up = false;
    if (c->closing) {
        vpdn_call_release(c);
        return;
    }
    c->closing = true;
    c->state = VPDN_CS_CLOSING;
    vpdn_log(v, DBG_VPDN, "%s VPDN: Reset", c->ifname);
    if (timer_arm(v->tq, &c->down_timer, 0) != 0)
        lns_lower_down(c);
}

proto_status vpdn_lns_clear(struct vpdn_call *c, struct proto_error *err)
{
    (void)err;
    c->acct_cause = RADIUS_TERM_ADMIN_RESET;
    if (c->link_ready && c->link.phase != PPP_PHASE_DEAD) {
        /* LCP Terminate-Request to the user first (RFC 1661 §3.7); the CDN
         * follows when LCP finishes (lns_phase). */
        ppp_link_close(&c->link);
        return PROTO_OK;
    }
    send_cdn(c, L2TP_CDN_ADMINISTRATIVE);
    return PROTO_OK;
}
