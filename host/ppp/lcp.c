/* LCP options and extended codes (RFC 1661 §5.5-§5.8, §6; RFC 1570 §2;
 * RFC 1990 §5.1) on the generic automaton. */
#include "lcp.h"

#include <string.h>

#include "cp_reply.h"
#include "ppp_const.h"

static struct lcp *lcp_of(struct ppp_fsm *f)
{
    return f->owner;
}

static uint32_t draw_magic(struct lcp *l, uint32_t avoid)
{
    uint32_t m = 0;
    for (int tries = 0; tries < 8 && (m == 0 || m == avoid); tries++) {
        uint8_t b[4] = {0};
        if (l->hooks.random)
            l->hooks.random(l->hooks.ctx, b, sizeof b);
        m = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    }
    if (m == 0 || m == avoid)
        m = avoid ^ 0x5A5A5A5Au;  /* a broken random source still gets a new value */
    return m;
}

static void want_from_config(struct lcp *l)
{
    struct lcp_options *w = &l->want;
    const struct lcp_config *c = &l->cfg;
    memset(w, 0, sizeof *w);
    if (c->mru) {
        w->has_mru = true;
        w->mru = c->mru;
    }
    if (c->request_accm) {
        w->has_accm = true;
        w->accm = c->accm;
    }
    if (c->auth_protocol == PPP_PROTO_CHAP) {
        w->has_auth = true;
        w->auth_protocol = PPP_PROTO_CHAP;
        w->auth_data[0] = CHAP_ALG_MD5;
        w->auth_data_len = 1;
    } else if (c->auth_protocol == PPP_PROTO_PAP) {
        w->has_auth = true;
        w->auth_protocol = PPP_PROTO_PAP;
    }
    if (c->magic) {
        w->has_magic = true;
        w->magic = c->magic_number ? c->magic_number : draw_magic(l, 0);
    }
    w->has_pfc = c->request_pfc;
    w->has_acfc = c->request_acfc;
    if (c->request_mrru) {
        w->has_mrru = true;
        w->mrru = c->mrru;
    }
    if (c->request_endpoint) {
        w->has_endpoint = true;
        w->endpoint_class = c->endpoint_class;
        w->endpoint_len = c->endpoint_len;
        memcpy(w->endpoint_addr, c->endpoint_addr, c->endpoint_len);
    }
}

static proto_status build_request(struct ppp_fsm *f, uint8_t *out, size_t cap, size_t *len)
{
    return lcp_options_encode(&lcp_of(f)->want, out, cap, len, NULL);
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void nak_auth(struct lcp *l, struct ppp_fsm_reply *r, bool reject_only,
                     const struct ppp_option *o, const uint8_t *raw)
{
    /* RFC 1661 §6.3: Nak with the protocol we would rather use. */
    static const uint8_t chap[] = {LCP_OPT_AUTH_PROTOCOL, LCP_OPT_AUTH_CHAP_LEN, 0xC2, 0x23,
                                   CHAP_ALG_MD5};
    static const uint8_t pap[] = {LCP_OPT_AUTH_PROTOCOL, LCP_OPT_AUTH_PAP_LEN, 0xC0, 0x23};
    if (l->cfg.allow_chap)
        cp_reply_nak(r, reject_only, raw, o->length, chap, sizeof chap);
    else if (l->cfg.allow_pap)
        cp_reply_nak(r, reject_only, raw, o->length, pap, sizeof pap);
    else
        cp_reply_reject(r, raw, o->length);
}

static proto_status check_request(struct ppp_fsm *f, const uint8_t *opts, size_t len,
                                  bool reject_only, struct ppp_fsm_reply *r)
{
    struct lcp *l = lcp_of(f);
    struct ppp_option_iter it;
    struct ppp_option o;
    struct proto_error err = {0};
    struct lcp_options his;
    memset(&his, 0, sizeof his);
    bool collided = false;
    int k;
    ppp_option_iter_init(&it, opts, len, 4);
    while ((k = ppp_option_next(&it, &o, &err)) == 1) {
        const uint8_t *raw = o.data - 2;   /* the option from its Type octet */
        struct lcp_options one;
        unsigned unknown = 0;
        if (lcp_options_decode(raw, o.length, &one, &unknown, NULL) != PROTO_OK || unknown) {
            cp_reply_reject(r, raw, o.length);   /* unknown type or bad length */
            continue;
        }
        switch (o.type) {
        case LCP_OPT_MRU:
            if (one.mru < LCP_MIN_MRU) {
                uint8_t s[] = {LCP_OPT_MRU, LCP_OPT_MRU_LEN, PPP_DEFAULT_MRU >> 8,
                               PPP_DEFAULT_MRU & 0xFF};
                cp_reply_nak(r, reject_only, raw, o.length, s, sizeof s);
            } else {
                his.has_mru = true;
                his.mru = one.mru;
            }
            break;
        case LCP_OPT_ACCM:
            his.has_accm = true;
            his.accm = one.accm;
            break;
        case LCP_OPT_AUTH_PROTOCOL:
            if ((one.auth_protocol == PPP_PROTO_CHAP && l->cfg.allow_chap &&
                 one.auth_data_len == 1 && one.auth_data[0] == CHAP_ALG_MD5) ||
                (one.auth_protocol == PPP_PROTO_PAP && l->cfg.allow_pap)) {
                his.has_auth = true;
                his.auth_protocol = one.auth_protocol;
                memcpy(his.auth_data, one.auth_data, one.auth_data_len);
                his.auth_data_len = one.auth_data_len;
            } else {
                nak_auth(l, r, reject_only, &o, raw);
            }
            break;
        case LCP_OPT_MAGIC_NUMBER:
            /* §6.4: a zero Magic-Number, or one equal to ours (the link may
             * be looped back), is Nak'd with a new value; ours changes too. */
            if (one.magic == 0 || (l->want.has_magic && one.magic == l->want.magic)) {
                if (one.magic != 0) {
                    collided = true;
                    l->stats.magic_collisions++;
                    l->want.magic = draw_magic(l, l->want.magic);
                }
                uint8_t s[LCP_OPT_MAGIC_NUMBER_LEN] = {LCP_OPT_MAGIC_NUMBER,
                                                       LCP_OPT_MAGIC_NUMBER_LEN};
                put32(s + 2, draw_magic(l, l->want.magic));
                cp_reply_nak(r, reject_only, raw, o.length, s, sizeof s);
            } else {
                his.has_magic = true;
                his.magic = one.magic;
            }
            break;
        case LCP_OPT_PFC:
            if (l->cfg.accept_pfc)
                his.has_pfc = true;
            else
                cp_reply_reject(r, raw, o.length);
            break;
        case LCP_OPT_ACFC:
            if (l->cfg.accept_acfc)
                his.has_acfc = true;
            else
                cp_reply_reject(r, raw, o.length);
            break;
        case LCP_OPT_MRRU:
        case LCP_OPT_SHORT_SEQ:
        case LCP_OPT_ENDPOINT_DISC:
            /* RFC 1990 §5.1: without multilink these are rejected, as the
             * seed's 2500-1 rejects the LAC's MRRU and Endpoint-Disc. */
            if (!l->cfg.accept_multilink) {
                cp_reply_reject(r, raw, o.length);
            } else if (o.type == LCP_OPT_MRRU) {
                his.has_mrru = true;
                his.mrru = one.mrru;
            } else if (o.type == LCP_OPT_SHORT_SEQ) {
                his.has_short_seq = true;
            } else {
                his.has_endpoint = true;
                his.endpoint_class = one.endpoint_class;
                his.endpoint_len = one.endpoint_len;
                memcpy(his.endpoint_addr, one.endpoint_addr, one.endpoint_len);
            }
            break;
        default:
            /* Quality-Protocol, Callback: not offered by this implementation. */
            cp_reply_reject(r, raw, o.length);
            break;
        }
    }
    if (k < 0)
        return err.status ? err.status : PROTO_ELENGTH;
    if (collided) {
        unsigned max = l->cfg.loopback_max ? l->cfg.loopback_max : f->cfg.max_failure;
        if (++l->collisions_in_row >= max && !l->loopback) {
            l->loopback = true;
            l->stats.loopbacks++;
            if (l->hooks.loopback)
                l->hooks.loopback(l->hooks.ctx);
        }
    } else {
        l->collisions_in_row = 0;
    }
    if (r->code == PPP_CONFIGURE_ACK)
        l->his = his;
    return PROTO_OK;
}

static void got_ack(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    (void)opts;
    (void)len;
    lcp_of(f)->got = lcp_of(f)->want;
}

static proto_status got_nak(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    struct lcp *l = lcp_of(f);
    struct lcp_options n;
    proto_status st = lcp_options_decode(opts, len, &n, NULL, NULL);
    if (st != PROTO_OK)
        return st;
    /* §5.3: each Nak'd option tells us a value the peer would accept. */
    if (n.has_mru && n.mru >= LCP_MIN_MRU) {
        l->want.has_mru = true;
        l->want.mru = n.mru;
    }
    if (n.has_accm) {
        l->want.has_accm = true;
        l->want.accm |= n.accm;  /* escaping more is always safe */
    }
    if (n.has_auth && l->want.has_auth && n.auth_protocol == PPP_PROTO_PAP &&
        l->cfg.auth_pap_fallback) {
        l->want.auth_protocol = PPP_PROTO_PAP;
        l->want.auth_data_len = 0;
    }
    if (n.has_magic && l->want.has_magic)
        l->want.magic = draw_magic(l, l->want.magic);  /* §6.4: choose a new one */
    return PROTO_OK;
}

static proto_status got_reject(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    struct lcp *l = lcp_of(f);
    struct lcp_options j;
    unsigned unknown = 0;
    proto_status st = lcp_options_decode(opts, len, &j, &unknown, NULL);
    if (st != PROTO_OK)
        return st;
    struct lcp_options *w = &l->want;
    /* §5.4: a Reject lists only options we sent. */
    if (unknown || (j.has_mru && !w->has_mru) || (j.has_accm && !w->has_accm) ||
        (j.has_auth && !w->has_auth) || (j.has_magic && !w->has_magic) ||
        (j.has_pfc && !w->has_pfc) || (j.has_acfc && !w->has_acfc) ||
        (j.has_mrru && !w->has_mrru) || (j.has_endpoint && !w->has_endpoint) ||
        j.has_quality || j.has_callback || j.has_short_seq)
        return PROTO_EINVAL;
    if (j.has_auth)
        l->auth_refused = true;
    w->has_mru &= !j.has_mru;
    w->has_accm &= !j.has_accm;
    w->has_auth &= !j.has_auth;
    w->has_magic &= !j.has_magic;
    w->has_pfc &= !j.has_pfc;
    w->has_acfc &= !j.has_acfc;
    w->has_mrru &= !j.has_mrru;
    w->has_endpoint &= !j.has_endpoint;
    return PROTO_OK;
}

static void echo_tick(void *ctx)
{
    struct lcp *l = ctx;
    if (l->fsm.state != PPP_FSM_OPENED)
        return;
    if (l->echo_outstanding >= l->cfg.echo_max_failures) {
        l->stats.echo_failures++;
        if (l->hooks.keepalive_failed)
            l->hooks.keepalive_failed(l->hooks.ctx);
        return;
    }
    uint8_t magic[4];
    put32(magic, lcp_our_magic(l));
    l->echo_id = ppp_fsm_new_id(&l->fsm);
    l->echo_outstanding++;
    l->stats.echo_req_sent++;
    ppp_fsm_send_packet(&l->fsm, PPP_ECHO_REQUEST, l->echo_id, magic, sizeof magic);
    timer_arm(l->fsm.timers, &l->echo_timer, l->cfg.echo_interval_us);
}

static void layer_up(struct ppp_fsm *f)
{
    struct lcp *l = lcp_of(f);
    l->echo_outstanding = 0;
    if (l->cfg.echo_interval_us && l->fsm.timers)
        timer_arm(l->fsm.timers, &l->echo_timer, l->cfg.echo_interval_us);
    if (l->hooks.up)
        l->hooks.up(l->hooks.ctx);
}

static void layer_down(struct ppp_fsm *f)
{
    struct lcp *l = lcp_of(f);
    if (l->fsm.timers)
        timer_cancel(l->fsm.timers, &l->echo_timer);
    if (l->hooks.down)
        l->hooks.down(l->hooks.ctx);
}

static void layer_started(struct ppp_fsm *f)
{
    struct lcp *l = lcp_of(f);
    if (l->hooks.started)
        l->hooks.started(l->hooks.ctx);
}

static void layer_finished(struct ppp_fsm *f)
{
    struct lcp *l = lcp_of(f);
    /* A fresh negotiation starts from the configuration again. */
    want_from_config(l);
    l->auth_refused = false;
    if (l->hooks.finished)
        l->hooks.finished(l->hooks.ctx);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static enum ppp_fsm_event extended_code(struct ppp_fsm *f, const struct ppp_cp_packet *p)
{
    struct lcp *l = lcp_of(f);
    bool opened = f->state == PPP_FSM_OPENED;
    switch (p->code) {
    case PPP_PROTOCOL_REJECT: {
        if (p->data_len < 2)
            return PPP_EV_RXJ_PLUS;   /* nothing to act on; not catastrophic */
        uint16_t proto = (uint16_t)(p->data[0] << 8 | p->data[1]);
        l->stats.protrej_rcvd++;
        /* §5.7: only meaningful in Opened; LCP itself rejected is fatal. */
        if (proto == PPP_PROTO_LCP)
            return PPP_EV_RXJ_MINUS;
        if (opened && l->hooks.protocol_rejected)
            l->hooks.protocol_rejected(l->hooks.ctx, proto);
        return PPP_EV_RXJ_PLUS;
    }
    case PPP_ECHO_REQUEST:
        l->stats.echo_req_rcvd++;
        /* §6.4: our own magic in the peer's Echo means loop-back. */
        if (opened && p->data_len >= 4 && l->got.has_magic && get32(p->data) == l->got.magic &&
            get32(p->data) != 0) {
            l->stats.magic_collisions++;
            if (!l->loopback) {
                l->loopback = true;
                l->stats.loopbacks++;
                if (l->hooks.loopback)
                    l->hooks.loopback(l->hooks.ctx);
            }
        }
        return PPP_EV_RXR;
    case PPP_ECHO_REPLY:
        l->stats.echo_rep_rcvd++;
        if (opened && p->id == l->echo_id)
            l->echo_outstanding = 0;
        return PPP_EV_RXR;
    case PPP_DISCARD_REQUEST:
        l->stats.discard_rcvd++;
        return PPP_EV_RXR;
    case PPP_IDENTIFICATION:
        l->stats.ident_rcvd++;       /* RFC 1570 §2.1: informational, no reply */
        return PPP_EV_RXR;
    case PPP_TIME_REMAINING:
        l->stats.time_remaining_rcvd++;  /* RFC 1570 §2.2 */
        return PPP_EV_RXR;
    default:
        return PPP_EV_RUC;
    }
}

static void send_echo_reply(struct ppp_fsm *f, const struct ppp_cp_packet *p)
{
    struct lcp *l = lcp_of(f);
    uint8_t data[1500];
    /* §5.8: our Magic-Number, then the request's Data echoed. */
    size_t extra = p->data_len > 4 ? p->data_len - 4 : 0;
    if (extra > sizeof data - 4)
        extra = sizeof data - 4;
    put32(data, lcp_our_magic(l));
    if (extra)
        memcpy(data + 4, p->data + 4, extra);
    l->stats.echo_rep_sent++;
    ppp_fsm_send_packet(f, PPP_ECHO_REPLY, p->id, data, 4 + extra);
}

static const struct ppp_fsm_ops lcp_ops = {
    .build_request = build_request,
    .check_request = check_request,
    .got_ack = got_ack,
    .got_nak = got_nak,
    .got_reject = got_reject,
    .layer_up = layer_up,
    .layer_down = layer_down,
    .layer_started = layer_started,
    .layer_finished = layer_finished,
    .extended_code = extended_code,
    .send_echo_reply = send_echo_reply,
};

void lcp_init(struct lcp *l, const struct lcp_config *cfg, const struct ppp_fsm_config *fsm_cfg,
              const struct lcp_hooks *hooks, struct timer_queue *timers, ppp_fsm_send_fn send,
              void *send_ctx, struct debug_log *log, const char *ifname)
{
    memset(l, 0, sizeof *l);
    l->cfg = *cfg;
    if (!l->cfg.echo_max_failures)
        l->cfg.echo_max_failures = 5;
    if (hooks)
        l->hooks = *hooks;
    ppp_fsm_init(&l->fsm, "LCP", PPP_PROTO_LCP, &lcp_ops, l, fsm_cfg, timers, send, send_ctx,
                 log, ifname);
    timer_init(&l->echo_timer, "lcp echo", echo_tick, l);
    want_from_config(l);
}

void lcp_stop(struct lcp *l)
{
    ppp_fsm_stop_timer(&l->fsm);
    if (l->fsm.timers)
        timer_cancel(l->fsm.timers, &l->echo_timer);
}

proto_status lcp_input(struct lcp *l, const uint8_t *pkt, size_t len, struct proto_error *err)
{
    return ppp_fsm_input(&l->fsm, pkt, len, err);
}

proto_status lcp_send_protocol_reject(struct lcp *l, uint16_t protocol, const uint8_t *info,
                                      size_t len, struct proto_error *err)
{
    if (l->fsm.state != PPP_FSM_OPENED)
        return proto_fail(err, PROTO_EINVAL, 0, "state",
                          "Protocol-Reject is sent in the Opened state only (RFC 1661 §5.7)");
    uint8_t data[1500];
    /* §5.7: truncated to the peer's MRU (4 octets header, 2 protocol). */
    size_t mru = l->his.has_mru ? l->his.mru : PPP_DEFAULT_MRU;
    size_t room = (mru < sizeof data ? mru : sizeof data) - 6;
    if (len > room)
        len = room;
    data[0] = (uint8_t)(protocol >> 8);
    data[1] = (uint8_t)protocol;
    if (len)
        memcpy(data + 2, info, len);
    l->stats.protrej_sent++;
    ppp_fsm_send_packet(&l->fsm, PPP_PROTOCOL_REJECT, ppp_fsm_new_id(&l->fsm), data, 2 + len);
    return PROTO_OK;
}

proto_status lcp_force_open(struct lcp *l, const uint8_t *sent, size_t sent_len,
                            const uint8_t *rcvd, size_t rcvd_len, struct proto_error *err)
{
    struct lcp_options ours, his;
    proto_status st = lcp_options_decode(sent, sent_len, &ours, NULL, err);
    if (st != PROTO_OK)
        return st;
    st = lcp_options_decode(rcvd, rcvd_len, &his, NULL, err);
    if (st != PROTO_OK)
        return st;
    l->want = ours;
    l->got = ours;
    l->his = his;
    if (sent_len <= sizeof l->fsm.req_opts) {
        memcpy(l->fsm.req_opts, sent, sent_len);
        l->fsm.req_len = sent_len;
    }
    if (rcvd_len <= sizeof l->fsm.last_rcvd) {
        memcpy(l->fsm.last_rcvd, rcvd, rcvd_len);
        l->fsm.last_rcvd_len = rcvd_len;
    }
    return ppp_fsm_force_open(&l->fsm, err);
}

uint32_t lcp_our_magic(const struct lcp *l)
{
    return l->got.has_magic ? l->got.magic : 0;
}
