/* The PPP link: RFC 1661 §3 phase diagram around LCP, authentication and
 * IPCP, in the LAC, LNS and client roles (see ppp_link.h). */
#include "ppp_link.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "l2tp_const.h"
#include "ppp_const.h"
#include "ppp_frame.h"

const char *ppp_phase_name(enum ppp_phase p)
{
    switch (p) {
    case PPP_PHASE_DEAD: return "DOWN";
    case PPP_PHASE_ESTABLISH: return "ESTABLISHING";
    case PPP_PHASE_AUTHENTICATE: return "AUTHENTICATING";
    case PPP_PHASE_FORWARDING: return "FORWARDING";
    case PPP_PHASE_NETWORK: return "UP";
    case PPP_PHASE_TERMINATE: return "TERMINATING";
    }
    return "?";
}

static void link_log(struct ppp_link *l, enum debug_cat cat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void link_log(struct ppp_link *l, enum debug_cat cat, const char *fmt, ...)
{
    if (!l->log || !debug_on(l->log, cat))
        return;
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    debug_printf(l->log, cat, "%s%s%s", l->cfg.ifname ? l->cfg.ifname : "",
                 l->cfg.ifname ? " " : "", text);
}

static void set_phase(struct ppp_link *l, enum ppp_phase p, const char *detail)
{
    l->phase = p;
    link_log(l, DBG_PPP_NEGOTIATION, "PPP: Phase is %s%s%s", ppp_phase_name(p),
             detail ? ", " : "", detail ? detail : "");
    if (l->cb.phase_changed)
        l->cb.phase_changed(l->cb.ctx, p);
}

static enum ppp_link_proto proto_index(uint16_t protocol)
{
    switch (protocol) {
    case PPP_PROTO_LCP: return PPP_LP_LCP;
    case PPP_PROTO_IPCP: return PPP_LP_IPCP;
    case PPP_PROTO_CHAP: return PPP_LP_CHAP;
    case PPP_PROTO_PAP: return PPP_LP_PAP;
    case PPP_PROTO_IP: return PPP_LP_IP;
    default: return PPP_LP_OTHER;
    }
}

/* Every sub-protocol sends through here: the two-octet protocol field and
 * the packet, counted. Address/Control and HDLC (or the L2TP header) are the
 * owner's, which knows the framing of its line. */
static void link_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    struct ppp_link *l = ctx;
    uint8_t frame[2 + 1500 + 64];
    if (len > sizeof frame - 2)
        return;
    frame[0] = (uint8_t)(protocol >> 8);
    frame[1] = (uint8_t)protocol;
    memcpy(frame + 2, pkt, len);
    l->stats.frames_out[proto_index(protocol)]++;
    l->cb.send(l->cb.ctx, frame, len + 2);
}

static void fill_proxy_lcp(struct ppp_link *l)
{
    const struct ppp_fsm *f = &l->lcp.fsm;
    struct ppp_proxy *p = &l->proxy;
    memcpy(p->initial_rcvd, f->first_rcvd, f->first_rcvd_len);
    p->initial_rcvd_len = f->first_rcvd_len;
    memcpy(p->last_sent, f->req_opts, f->req_len);
    p->last_sent_len = f->req_len;
    memcpy(p->last_rcvd, f->last_rcvd, f->last_rcvd_len);
    p->last_rcvd_len = f->last_rcvd_len;
}

static void forward(struct ppp_link *l)
{
    /* From here the LNS speaks PPP with the user; our LCP keeps its state
     * (for the seed's teardown lines) but sends nothing more: no echoes. */
    lcp_stop(&l->lcp);
    fill_proxy_lcp(l);
    set_phase(l, PPP_PHASE_FORWARDING, NULL);
    if (l->cb.forward)
        l->cb.forward(l->cb.ctx, &l->proxy);
}

static void network_phase(struct ppp_link *l)
{
    set_phase(l, PPP_PHASE_NETWORK, NULL);
    /* Up before Open: IOS sends its first IPCP request from Closed
     * ("IPCP: O CONFREQ [Closed] id 1"). */
    if (l->ipcp.fsm.state == PPP_FSM_INITIAL)
        ppp_fsm_up(&l->ipcp.fsm);
    ppp_fsm_open(&l->ipcp.fsm);
}

static void auth_progress(struct ppp_link *l)
{
    if ((l->we_auth && !l->we_auth_ok) || (l->peer_auth && !l->peer_auth_ok))
        return;
    if (l->cfg.role == PPP_ROLE_LAC)
        forward(l);
    else
        network_phase(l);
}

/* ---- LCP hooks ---- */

static void lcp_up(void *ctx)
{
    struct ppp_link *l = ctx;
    const struct lcp *lcp = &l->lcp;
    l->we_auth = lcp->got.has_auth;
    l->peer_auth = lcp->his.has_auth;
    l->we_auth_ok = l->peer_auth_ok = false;
    if (l->cfg.lcp.auth_protocol && !l->we_auth) {
        /* We require authentication and the peer refused it (RFC 1661
         * §6.3 leaves the link useless): terminate. */
        l->stats.auth_failures++;
        link_log(l, DBG_PPP_AUTH, "PPP: peer refused to authenticate");
        ppp_link_close(l);
        return;
    }
    if (!l->we_auth && !l->peer_auth) {
        if (l->cfg.role == PPP_ROLE_LAC)
            l->proxy.authen_type = L2TP_PROXY_AUTHEN_NONE;
        auth_progress(l);
        return;
    }
    set_phase(l, PPP_PHASE_AUTHENTICATE,
              l->we_auth && l->peer_auth ? "by both" : l->we_auth ? "by this end" : "by the peer");
    if (l->peer_auth) {
        if (lcp->his.auth_protocol == PPP_PROTO_CHAP)
            chap_peer_start(&l->chap);
        else
            pap_peer_start(&l->pap);
    }
    if (!l->we_auth)
        return;
    if (l->proxy_start) {
        const struct ppp_proxy *p = &l->proxy;
        if (p->authen_type == L2TP_PROXY_AUTHEN_CHAP && lcp->got.auth_protocol == PPP_PROTO_CHAP) {
            chap_auth_proxy(&l->chap, p->authen_id, p->challenge, p->challenge_len,
                            p->authen_name, p->authen_name_len, p->response, p->response_len,
                            l->cfg.rechallenge);
            return;
        }
        if (p->authen_type == L2TP_PROXY_AUTHEN_PAP && lcp->got.auth_protocol == PPP_PROTO_PAP) {
            pap_auth_proxy(&l->pap, p->authen_id, p->authen_name, p->authen_name_len,
                           p->response, p->response_len);
            return;
        }
        if (!l->cfg.rechallenge) {
            link_log(l, DBG_PPP_AUTH, "PPP: no usable proxy authentication");
            l->stats.auth_failures++;
            ppp_link_close(l);
            return;
        }
    }
    if (lcp->got.auth_protocol == PPP_PROTO_CHAP)
        chap_auth_start(&l->chap);
    else
        pap_auth_start(&l->pap);
}

static void lcp_down(void *ctx)
{
    struct ppp_link *l = ctx;
    chap_stop(&l->chap);
    pap_stop(&l->pap);
    /* NCPs go down with LCP (RFC 1661 §3.7); IOS shows "IPCP: State is
     * Closed" before "PPP: Phase is TERMINATING". */
    if (l->ipcp.fsm.state != PPP_FSM_INITIAL) {
        if (l->ipcp.fsm.state != PPP_FSM_STARTING)
            ppp_fsm_down(&l->ipcp.fsm);
        ppp_fsm_close(&l->ipcp.fsm);
    }
    set_phase(l, PPP_PHASE_TERMINATE, NULL);
}

static void lcp_finished(void *ctx)
{
    struct ppp_link *l = ctx;
    set_phase(l, PPP_PHASE_DEAD, NULL);
    if (l->route_installed) {
        char a[16];
        l->route_installed = false;
        link_log(l, DBG_PPP_NEGOTIATION, "IPCP: Remove route to %s",
                 ipcp_addr_str(l->route_addr, a, sizeof a));
        if (l->cb.route)
            l->cb.route(l->cb.ctx, l->route_addr, false);
    }
    l->pool_addr = 0;
    l->proxy_start = false;
    l->we_auth_ok = l->peer_auth_ok = false;
}

static void lcp_protocol_rejected(void *ctx, uint16_t protocol)
{
    struct ppp_link *l = ctx;
    /* RFC 1661 §5.7: the peer does not run that protocol; an NCP stops. */
    if (protocol == PPP_PROTO_IPCP)
        ppp_fsm_run(&l->ipcp.fsm, PPP_EV_RXJ_MINUS, NULL);
}

static void lcp_keepalive_failed(void *ctx)
{
    struct ppp_link *l = ctx;
    l->stats.echo_failures++;
    link_log(l, DBG_PPP_NEGOTIATION, "LCP: keepalive: %u Echo-Requests unanswered",
             l->lcp.cfg.echo_max_failures);
    ppp_link_close(l);
}

static void lcp_loopback(void *ctx)
{
    struct ppp_link *l = ctx;
    l->stats.loopbacks++;
    link_log(l, DBG_PPP_NEGOTIATION, "LCP: Loopback detected");
    ppp_link_close(l);
}

static void link_random(void *ctx, uint8_t *buf, size_t len)
{
    struct ppp_link *l = ctx;
    if (l->cb.random)
        l->cb.random(l->cb.ctx, buf, len);
}

/* ---- authentication hooks ---- */

static void auth_done(void *ctx, bool as_authenticator, bool ok, const struct ppp_aaa_attrs *a)
{
    struct ppp_link *l = ctx;
    if (!ok) {
        l->stats.auth_failures++;
        ppp_link_close(l);
        return;
    }
    if (as_authenticator) {
        l->we_auth_ok = true;
        l->attrs = *a;
        if (a->primary_dns)
            l->ipcp.cfg.primary_dns = a->primary_dns;
        if (a->secondary_dns)
            l->ipcp.cfg.secondary_dns = a->secondary_dns;
    } else {
        l->peer_auth_ok = true;
    }
    if (l->phase == PPP_PHASE_AUTHENTICATE)
        auth_progress(l);
}

static void copy_capped(uint8_t *dst, size_t *dst_len, size_t cap, const uint8_t *src,
                        size_t len)
{
    if (len > cap)
        len = cap;
    if (len)
        memcpy(dst, src, len);
    *dst_len = len;
}

static void chap_captured(void *ctx, uint8_t id, const uint8_t *challenge, size_t challenge_len,
                          const uint8_t *name, size_t name_len, const uint8_t *response,
                          size_t response_len)
{
    struct ppp_link *l = ctx;
    struct ppp_proxy *p = &l->proxy;
    p->authen_type = L2TP_PROXY_AUTHEN_CHAP;
    p->authen_id = id;
    copy_capped(p->challenge, &p->challenge_len, sizeof p->challenge, challenge, challenge_len);
    copy_capped(p->authen_name, &p->authen_name_len, sizeof p->authen_name, name, name_len);
    copy_capped(p->response, &p->response_len, sizeof p->response, response, response_len);
    l->we_auth_ok = true;   /* decided by the LNS; our part is done */
    auth_progress(l);
}

static void pap_captured(void *ctx, uint8_t id, const uint8_t *name, size_t name_len,
                         const uint8_t *password, size_t password_len)
{
    struct ppp_link *l = ctx;
    struct ppp_proxy *p = &l->proxy;
    p->authen_type = L2TP_PROXY_AUTHEN_PAP;
    p->authen_id = id;
    p->challenge_len = 0;
    copy_capped(p->authen_name, &p->authen_name_len, sizeof p->authen_name, name, name_len);
    copy_capped(p->response, &p->response_len, sizeof p->response, password, password_len);
    l->we_auth_ok = true;
    auth_progress(l);
}

/* ---- IPCP hooks ---- */

static int ipcp_peer_address(void *ctx, uint32_t requested, uint32_t *addr)
{
    struct ppp_link *l = ctx;
    char her[16], want[16];
    uint32_t w = 0;
    if (l->attrs.framed_ip) {
        w = l->attrs.framed_ip;
    } else if (l->attrs.allow_negotiated_address && requested) {
        w = requested;
    } else {
        if (!l->pool_addr && l->cb.address_pool &&
            l->cb.address_pool(l->cb.ctx, requested, &l->pool_addr) != 0)
            l->pool_addr = 0;
        w = l->pool_addr;
    }
    link_log(l, DBG_AAA, "AAA/AUTHOR/IPCP: Start. Her address %s, we want %s",
             ipcp_addr_str(requested, her, sizeof her), ipcp_addr_str(w, want, sizeof want));
    if (!w) {
        link_log(l, DBG_AAA, "AAA/AUTHOR/IPCP: no address for her");
        return -1;
    }
    link_log(l, DBG_AAA, "AAA/AUTHOR/IPCP: Done. Her address %s, we want %s", her, want);
    *addr = w;
    return 0;
}

static void ipcp_up(void *ctx)
{
    struct ppp_link *l = ctx;
    if (l->cfg.role != PPP_ROLE_LNS || !l->ipcp.his.has_address)
        return;
    char a[16];
    l->route_addr = l->ipcp.his.address;
    l->route_installed = true;
    link_log(l, DBG_PPP_NEGOTIATION, "IPCP: Install route to %s",
             ipcp_addr_str(l->route_addr, a, sizeof a));
    if (l->cb.route)
        l->cb.route(l->cb.ctx, l->route_addr, true);
}

/* ---- API ---- */

proto_status ppp_link_init(struct ppp_link *l, const struct ppp_link_config *cfg,
                           const struct ppp_link_callbacks *cb, const struct ppp_aaa *aaa,
                           struct timer_queue *timers, struct debug_log *log,
                           struct proto_error *err)
{
    if (!l || !cfg || !cb || !cb->send)
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_link_init", "link, config and send "
                                                                 "callback are required");
    if (cfg->role != PPP_ROLE_LAC && cfg->role != PPP_ROLE_LNS && cfg->role != PPP_ROLE_CLIENT)
        return proto_fail(err, PROTO_EINVAL, 0, "role", "%d is not LAC, LNS or client",
                          (int)cfg->role);
    if (!cfg->hostname || !cfg->hostname[0])
        return proto_fail(err, PROTO_EINVAL, 0, "hostname", "a CHAP/PAP name is required");
    if (strlen(cfg->hostname) >= CHAP_MAX_NAME)
        return proto_fail(err, PROTO_EINVAL, 0, "hostname", "longer than %u octets",
                          CHAP_MAX_NAME - 1);
    if (cfg->lcp.auth_protocol && cfg->lcp.auth_protocol != PPP_PROTO_CHAP &&
        cfg->lcp.auth_protocol != PPP_PROTO_PAP)
        return proto_fail(err, PROTO_EINVAL, 0, "auth_protocol",
                          "0x%04X is neither CHAP nor PAP", cfg->lcp.auth_protocol);
    memset(l, 0, sizeof *l);
    l->cfg = *cfg;
    l->cb = *cb;
    l->aaa = aaa;
    l->timers = timers;
    l->log = log;
    l->phase = PPP_PHASE_DEAD;
    const char *ifn = cfg->ifname;

    struct lcp_hooks lh = {.ctx = l, .up = lcp_up, .down = lcp_down, .finished = lcp_finished,
                           .protocol_rejected = lcp_protocol_rejected,
                           .keepalive_failed = lcp_keepalive_failed, .loopback = lcp_loopback,
                           .random = link_random};
    lcp_init(&l->lcp, &cfg->lcp, &cfg->lcp_fsm, &lh, timers, link_send, l, log, ifn);

    struct ipcp_config ic = cfg->ipcp;
    ic.server = cfg->role == PPP_ROLE_LNS;
    struct ipcp_hooks ih = {.ctx = l, .peer_address = ipcp_peer_address, .up = ipcp_up};
    ipcp_init(&l->ipcp, &ic, &cfg->ipcp_fsm, &ih, timers, link_send, l, log, ifn);

    struct chap_config cc = {.name = cfg->hostname, .timeout_us = cfg->auth_timeout_us,
                             .max_challenges = cfg->auth_max_tries,
                             .first_id = cfg->chap_first_id,
                             .capture_only = cfg->role == PPP_ROLE_LAC};
    struct chap_hooks ch = {.ctx = l, .done = auth_done, .captured = chap_captured,
                            .random = link_random};
    chap_init(&l->chap, &cc, &ch, aaa, timers, link_send, l, log, ifn);

    struct pap_config pc = {.name = cfg->hostname, .timeout_us = cfg->auth_timeout_us,
                            .max_requests = cfg->auth_max_tries, .first_id = cfg->pap_first_id,
                            .capture_only = cfg->role == PPP_ROLE_LAC};
    struct pap_hooks ph = {.ctx = l, .done = auth_done, .captured = pap_captured};
    pap_init(&l->pap, &pc, &ph, aaa, timers, link_send, l, log, ifn);
    return PROTO_OK;
}

void ppp_link_stop(struct ppp_link *l)
{
    lcp_stop(&l->lcp);
    ppp_fsm_stop_timer(&l->ipcp.fsm);
    chap_stop(&l->chap);
    pap_stop(&l->pap);
}

void ppp_link_start(struct ppp_link *l)
{
    /* After a Terminate LCP rests in Closed or Stopped with the line still
     * up: Open alone starts it again (Up is for a line that was down). */
    bool line_was_down = l->lcp.fsm.state == PPP_FSM_INITIAL || l->lcp.fsm.state == PPP_FSM_STARTING;
    set_phase(l, PPP_PHASE_ESTABLISH, l->lcp.fsm.cfg.passive ? "Passive Open" : "Active Open");
    ppp_fsm_open(&l->lcp.fsm);
    if (line_was_down)
        ppp_fsm_up(&l->lcp.fsm);
}

proto_status ppp_link_start_proxy(struct ppp_link *l, const struct ppp_proxy *proxy,
                                  struct proto_error *err)
{
    if (l->cfg.role != PPP_ROLE_LNS)
        return proto_fail(err, PROTO_EINVAL, 0, "role", "proxy LCP is for an LNS link");
    if (!proxy || !proxy->last_sent_len || proxy->last_sent_len > PPP_PROXY_MAX ||
        proxy->last_rcvd_len > PPP_PROXY_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "Last Sent LCP CONFREQ",
                          "proxy LCP needs the LAC's last sent request");
    struct lcp_options check;
    proto_status st = lcp_options_decode(proxy->last_sent, proxy->last_sent_len, &check, NULL, err);
    if (st == PROTO_OK)
        st = lcp_options_decode(proxy->last_rcvd, proxy->last_rcvd_len, &check, NULL, err);
    if (st != PROTO_OK)
        return st;
    l->proxy = *proxy;
    l->proxy_start = true;
    /* Passive: the peer already negotiated with the LAC; we send nothing
     * until the forced options are in place. */
    bool passive = l->lcp.fsm.cfg.passive;
    l->lcp.fsm.cfg.passive = true;
    ppp_link_start(l);
    /* IOS's lines for it (the seed's Vi4): the LAC's request shown as if
     * received, then both Acks taken as given. */
    link_log(l, DBG_PPP_NEGOTIATION, "LCP: I FORCED CONFREQ len %zu", proxy->last_sent_len);
    struct ppp_option_iter it;
    struct ppp_option o;
    ppp_option_iter_init(&it, proxy->last_sent, proxy->last_sent_len, 0);
    while (ppp_option_next(&it, &o, NULL) == 1) {
        char line[200];
        link_log(l, DBG_PPP_NEGOTIATION, "LCP:   %s",
                 ppp_option_format(PPP_PROTO_LCP, &o, line, sizeof line));
    }
    link_log(l, DBG_VPDN, "VPDN: PPP LCP accepted rcv CONFACK");
    link_log(l, DBG_VPDN, "VPDN: PPP LCP accepted sent CONFACK");
    st = lcp_force_open(&l->lcp, proxy->last_sent, proxy->last_sent_len, proxy->last_rcvd,
                        proxy->last_rcvd_len, err);
    l->lcp.fsm.cfg.passive = passive;
    return st;
}

static proto_status discard(struct ppp_link *l, struct proto_error *err, uint16_t protocol)
{
    l->stats.rx_discarded++;
    return proto_fail(err, PROTO_EINVAL, 0, "Protocol",
                      "0x%04X not accepted in phase %s", protocol, ppp_phase_name(l->phase));
}

proto_status ppp_link_input(struct ppp_link *l, const uint8_t *frame, size_t len,
                            struct proto_error *err)
{
    struct ppp_frame f;
    proto_status st = ppp_frame_decode(frame, len, &f, err);
    if (st != PROTO_OK) {
        l->stats.rx_malformed++;
        return st;
    }
    l->stats.frames_in[proto_index(f.protocol)]++;
    if (l->phase == PPP_PHASE_FORWARDING) {
        /* LAC: from here the frames belong to the LNS (the owner sends them
         * into the session); PPP here only counts them. */
        l->stats.forwarded++;
        return PROTO_OK;
    }
    if (f.protocol == PPP_PROTO_LCP) {
        /* A peer starting over while we wait in Stopped (RFC 1661 §4.2):
         * the link is establishing again. */
        if (l->phase == PPP_PHASE_DEAD && l->lcp.fsm.state == PPP_FSM_STOPPED &&
            f.info_len > 0 && f.info[0] == PPP_CONFIGURE_REQUEST)
            set_phase(l, PPP_PHASE_ESTABLISH, "Passive Open");
        st = lcp_input(&l->lcp, f.info, f.info_len, err);
        if (st != PROTO_OK)
            l->stats.rx_malformed++;
        return st;
    }
    /* RFC 1661 §3.4: before Authenticate only LCP; §3.5: during it only
     * LCP, authentication and link quality. */
    bool auth = f.protocol == PPP_PROTO_CHAP || f.protocol == PPP_PROTO_PAP;
    if (l->phase != PPP_PHASE_AUTHENTICATE && l->phase != PPP_PHASE_NETWORK)
        return discard(l, err, f.protocol);
    if (auth) {
        st = f.protocol == PPP_PROTO_CHAP ? chap_input(&l->chap, f.info, f.info_len, err)
                                          : pap_input(&l->pap, f.info, f.info_len, err);
        if (st != PROTO_OK)
            l->stats.rx_malformed++;
        return st;
    }
    if (l->phase != PPP_PHASE_NETWORK)
        return discard(l, err, f.protocol);
    if (f.protocol == PPP_PROTO_IPCP) {
        st = ipcp_input(&l->ipcp, f.info, f.info_len, err);
        if (st != PROTO_OK)
            l->stats.rx_malformed++;
        return st;
    }
    if (f.protocol == PPP_PROTO_IP) {
        if (l->ipcp.fsm.state != PPP_FSM_OPENED)
            return discard(l, err, f.protocol);
        if (l->cb.ip_input)
            l->cb.ip_input(l->cb.ctx, f.info, f.info_len);
        return PROTO_OK;
    }
    /* RFC 1661 §5.7: a protocol we do not run. */
    st = lcp_send_protocol_reject(&l->lcp, f.protocol, f.info, f.info_len, err);
    if (st == PROTO_OK)
        l->stats.protocol_rejects_sent++;
    return st;
}

void ppp_link_close(struct ppp_link *l)
{
    ppp_fsm_close(&l->lcp.fsm);
}

void ppp_link_lower_down(struct ppp_link *l)
{
    /* IOS's order in the seed: NCPs closed, TERMINATING, LCP Closed, DOWN. */
    if (l->lcp.fsm.state != PPP_FSM_INITIAL && l->lcp.fsm.state != PPP_FSM_STARTING)
        ppp_fsm_down(&l->lcp.fsm);
    if (l->lcp.fsm.state == PPP_FSM_STARTING)
        ppp_fsm_close(&l->lcp.fsm);
    chap_stop(&l->chap);
    pap_stop(&l->pap);
}

proto_status ppp_link_send_ip(struct ppp_link *l, const uint8_t *packet, size_t len,
                              struct proto_error *err)
{
    if (l->phase != PPP_PHASE_NETWORK || l->ipcp.fsm.state != PPP_FSM_OPENED)
        return proto_fail(err, PROTO_EINVAL, 0, "IPCP", "not Opened: no IP yet");
    if (len > 1500)
        return proto_fail(err, PROTO_ELENGTH, 0, "Information", "%zu octets exceed the MRU",
                          len);
    link_send(l, PPP_PROTO_IP, packet, len);
    return PROTO_OK;
}

void ppp_link_auth_result(struct ppp_link *l, enum ppp_aaa_verdict v,
                          const struct ppp_aaa_attrs *attrs)
{
    if (l->chap.auth_state == CHAP_AUTH_PENDING)
        chap_auth_result(&l->chap, v, attrs);
    else if (l->pap.auth_state == PAP_PENDING)
        pap_auth_result(&l->pap, v, attrs);
}

bool ppp_link_auth_pending(const struct ppp_link *l)
{
    return l->chap.auth_state == CHAP_AUTH_PENDING || l->pap.auth_state == PAP_PENDING;
}

bool ppp_link_forwarding(const struct ppp_link *l)
{
    return l->phase == PPP_PHASE_FORWARDING;
}

bool ppp_link_ipcp_open(const struct ppp_link *l)
{
    return l->ipcp.fsm.state == PPP_FSM_OPENED;
}
