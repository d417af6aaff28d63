/* PAP, RFC 1334 §2. */
#include "pap.h"

#include <string.h>

#include "auth_log.h"
#include "ppp_const.h"

static void auth_timeout(void *ctx);
static void peer_timeout(void *ctx);

void pap_init(struct pap *p, const struct pap_config *cfg, const struct pap_hooks *hooks,
              const struct ppp_aaa *aaa, struct timer_queue *timers, ppp_fsm_send_fn send,
              void *send_ctx, struct debug_log *log, const char *ifname)
{
    memset(p, 0, sizeof *p);
    p->cfg = *cfg;
    if (!p->cfg.name)
        p->cfg.name = "";
    if (!p->cfg.timeout_us)
        p->cfg.timeout_us = PPP_FSM_DEFAULT_RESTART_US;
    if (!p->cfg.max_requests)
        p->cfg.max_requests = PPP_FSM_DEFAULT_MAX_CONFIGURE;
    if (hooks)
        p->hooks = *hooks;
    p->aaa = aaa;
    p->timers = timers;
    p->send = send;
    p->send_ctx = send_ctx;
    p->log = log;
    p->ifname = ifname;
    p->next_id = cfg->first_id;
    timer_init(&p->auth_timer, "pap wait", auth_timeout, p);
    timer_init(&p->peer_timer, "pap request", peer_timeout, p);
}

void pap_stop(struct pap *p)
{
    if (p->auth_state == PAP_PENDING) {
        /* The link goes away while the server is asked: no late verdict. */
        p->auth_state = PAP_DONE_FAIL;
        if (p->aaa && p->aaa->cancel)
            p->aaa->cancel(p->aaa->ctx, p);
    }
    if (!p->timers)
        return;
    timer_cancel(p->timers, &p->auth_timer);
    timer_cancel(p->timers, &p->peer_timer);
}

static void transmit(struct pap *p, const uint8_t *pkt, size_t n)
{
    ppp_auth_log(p->log, p->ifname, PPP_PROTO_PAP, "O", pkt, n);
    if (p->send)
        p->send(p->send_ctx, PPP_PROTO_PAP, pkt, n);
}

static void finish(struct pap *p, bool as_authenticator, bool ok)
{
    if (as_authenticator) {
        if (p->timers)
            timer_cancel(p->timers, &p->auth_timer);
        p->auth_state = ok ? PAP_DONE_OK : PAP_DONE_FAIL;
    } else {
        if (p->timers)
            timer_cancel(p->timers, &p->peer_timer);
        p->peer_state = ok ? PAP_DONE_OK : PAP_DONE_FAIL;
    }
    if (p->hooks.done)
        p->hooks.done(p->hooks.ctx, as_authenticator, ok, &p->attrs);
}

void pap_auth_start(struct pap *p)
{
    p->auth_state = PAP_WAIT;
    memset(&p->attrs, 0, sizeof p->attrs);
    /* The peer retransmits; we only bound the wait (RFC 1334 §2.1). */
    if (p->timers)
        timer_arm(p->timers, &p->auth_timer, p->cfg.timeout_us * p->cfg.max_requests);
}

static void auth_timeout(void *ctx)
{
    struct pap *p = ctx;
    if (p->auth_state == PAP_WAIT)
        finish(p, true, false);
}

static void send_request(struct pap *p)
{
    p->requests_sent++;
    p->stats.requests_sent++;
    transmit(p, p->req_pkt, p->req_len);
    if (p->timers)
        timer_arm(p->timers, &p->peer_timer, p->cfg.timeout_us);
}

void pap_peer_start(struct pap *p)
{
    uint8_t secret[255];
    size_t slen = 0;
    if (!p->aaa || !p->aaa->get_secret ||
        p->aaa->get_secret(p->aaa->ctx, p->cfg.name, NULL, 0, secret, sizeof secret, &slen) != 0) {
        finish(p, false, false);
        return;
    }
    size_t nlen = strlen(p->cfg.name);
    struct pap_packet r = {.code = PAP_AUTHENTICATE_REQUEST, .id = p->next_id++,
                           .peer_id = (const uint8_t *)p->cfg.name,
                           .peer_id_len = (uint8_t)(nlen > 255 ? 255 : nlen),
                           .password = secret, .password_len = (uint8_t)slen};
    if (pap_encode(&r, p->req_pkt, sizeof p->req_pkt, &p->req_len, NULL) != PROTO_OK) {
        finish(p, false, false);
        return;
    }
    p->req_id = r.id;
    p->requests_sent = 0;
    p->peer_state = PAP_WAIT;
    send_request(p);
}

static void peer_timeout(void *ctx)
{
    struct pap *p = ctx;
    if (p->peer_state != PAP_WAIT)
        return;
    if (p->requests_sent >= p->cfg.max_requests) {
        finish(p, false, false);
        return;
    }
    send_request(p);   /* RFC 1334 §2.2.1: same Identifier for a retransmission */
}

static void send_verdict(struct pap *p, uint8_t id, bool ok)
{
    static const char fail_msg[] = "Authentication failure";
    struct pap_packet v = {.code = ok ? PAP_AUTHENTICATE_ACK : PAP_AUTHENTICATE_NAK, .id = id};
    if (!ok) {
        v.message = (const uint8_t *)fail_msg;
        v.message_len = sizeof fail_msg - 1;
    }
    uint8_t pkt[64];
    size_t n = 0;
    if (pap_encode(&v, pkt, sizeof pkt, &n, NULL) == PROTO_OK)
        transmit(p, pkt, n);
}

static void aaa_answer(void *requester, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs)
{
    pap_auth_result(requester, v, attrs);
}

/* Asks AAA about Peer-ID and Password of request `id`; PENDING: the
 * verdict comes through pap_auth_result(). */
static enum ppp_aaa_verdict verify(struct pap *p, uint8_t id, const uint8_t *name,
                                   size_t name_len, const uint8_t *pw, size_t pw_len)
{
    memset(&p->attrs, 0, sizeof p->attrs);
    p->last_req_id = id;
    if (p->aaa && p->aaa->pap_check_async) {
        enum ppp_aaa_verdict v = p->aaa->pap_check_async(p->aaa->ctx, p, aaa_answer, name,
                                                         name_len, pw, pw_len, &p->attrs);
        if (v == PPP_AAA_PENDING) {
            if (p->timers)
                timer_cancel(p->timers, &p->auth_timer);
            p->auth_state = PAP_PENDING;
        }
        return v;
    }
    if (!p->aaa || !p->aaa->pap_check)
        return PPP_AAA_REJECT;
    return p->aaa->pap_check(p->aaa->ctx, name, name_len, pw, pw_len, &p->attrs);
}

void pap_auth_result(struct pap *p, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs)
{
    if (p->auth_state != PAP_PENDING || v == PPP_AAA_PENDING)
        return;
    bool ok = v == PPP_AAA_ACCEPT;
    p->auth_state = PAP_WAIT;
    if (ok && attrs)
        p->attrs = *attrs;
    send_verdict(p, p->last_req_id, ok);
    finish(p, true, ok);
}

void pap_auth_proxy(struct pap *p, uint8_t id, const uint8_t *name, size_t name_len,
                    const uint8_t *password, size_t password_len)
{
    enum ppp_aaa_verdict v = verify(p, id, name, name_len, password, password_len);
    if (v == PPP_AAA_PENDING)
        return;
    send_verdict(p, id, v == PPP_AAA_ACCEPT);
    finish(p, true, v == PPP_AAA_ACCEPT);
}

proto_status pap_input(struct pap *p, const uint8_t *pkt, size_t len, struct proto_error *err)
{
    struct pap_packet v;
    proto_status st = pap_decode(pkt, len, &v, err);
    if (st != PROTO_OK) {
        p->stats.discarded++;
        return st;
    }
    ppp_auth_log(p->log, p->ifname, PPP_PROTO_PAP, "I", pkt, len);
    if (v.code == PAP_AUTHENTICATE_REQUEST) {
        p->stats.requests_rcvd++;
        if (p->auth_state == PAP_DONE_OK || p->auth_state == PAP_DONE_FAIL) {
            /* §2.2.2: a repeated request gets the same answer. */
            send_verdict(p, v.id, p->auth_state == PAP_DONE_OK);
            return PROTO_OK;
        }
        if (p->auth_state == PAP_PENDING) {
            /* A retransmission while AAA decides: the verdict will answer. */
            p->stats.discarded++;
            return PROTO_OK;
        }
        if (p->auth_state != PAP_WAIT) {
            p->stats.discarded++;
            return proto_fail(err, PROTO_EINVAL, 0, "Code", "Authenticate-Request unasked");
        }
        p->last_req_id = v.id;
        if (p->cfg.capture_only) {
            if (p->timers)
                timer_cancel(p->timers, &p->auth_timer);
            p->auth_state = PAP_CAPTURED;
            if (p->hooks.captured)
                p->hooks.captured(p->hooks.ctx, v.id, v.peer_id, v.peer_id_len, v.password,
                                  v.password_len);
            return PROTO_OK;
        }
        enum ppp_aaa_verdict r = verify(p, v.id, v.peer_id, v.peer_id_len, v.password,
                                        v.password_len);
        if (r == PPP_AAA_PENDING)
            return PROTO_OK;
        send_verdict(p, v.id, r == PPP_AAA_ACCEPT);
        finish(p, true, r == PPP_AAA_ACCEPT);
        return PROTO_OK;
    }
    if (p->peer_state != PAP_WAIT || v.id != p->req_id) {
        p->stats.discarded++;
        return proto_fail(err, PROTO_EINVAL, 1, "Identifier",
                          "Authenticate-%s id %u answers no request of ours",
                          v.code == PAP_AUTHENTICATE_ACK ? "Ack" : "Nak", v.id);
    }
    if (v.code == PAP_AUTHENTICATE_ACK)
        p->stats.acks++;
    else
        p->stats.naks++;
    finish(p, false, v.code == PAP_AUTHENTICATE_ACK);
    return PROTO_OK;
}
