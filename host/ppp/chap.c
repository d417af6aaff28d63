/* CHAP-MD5, RFC 1994 §4. */
#include "chap.h"

#include <string.h>

#include "auth_log.h"
#include "ppp_const.h"

static void chap_timeout(void *ctx);
static void peer_timeout(void *ctx);

void chap_init(struct chap *c, const struct chap_config *cfg, const struct chap_hooks *hooks,
               const struct ppp_aaa *aaa, struct timer_queue *timers, ppp_fsm_send_fn send,
               void *send_ctx, struct debug_log *log, const char *ifname)
{
    memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    if (!c->cfg.name)
        c->cfg.name = "";
    if (!c->cfg.timeout_us)
        c->cfg.timeout_us = PPP_FSM_DEFAULT_RESTART_US;
    if (!c->cfg.max_challenges)
        c->cfg.max_challenges = PPP_FSM_DEFAULT_MAX_CONFIGURE;
    if (!c->cfg.challenge_len || c->cfg.challenge_len > CHAP_MAX_VALUE)
        c->cfg.challenge_len = CHAP_DEFAULT_CHALLENGE_LEN;
    if (hooks)
        c->hooks = *hooks;
    c->aaa = aaa;
    c->timers = timers;
    c->send = send;
    c->send_ctx = send_ctx;
    c->log = log;
    c->ifname = ifname;
    c->next_id = cfg->first_id;
    timer_init(&c->timer, "chap challenge", chap_timeout, c);
    timer_init(&c->peer_timer, "chap response", peer_timeout, c);
}

void chap_stop(struct chap *c)
{
    if (c->auth_state == CHAP_AUTH_PENDING) {
        /* The link goes away while the server is asked: no late verdict. */
        c->auth_state = CHAP_AUTH_FAILED;
        if (c->aaa && c->aaa->cancel)
            c->aaa->cancel(c->aaa->ctx, c);
    }
    if (!c->timers)
        return;
    timer_cancel(c->timers, &c->timer);
    timer_cancel(c->timers, &c->peer_timer);
}

static void transmit(struct chap *c, const struct chap_packet *p)
{
    uint8_t pkt[sizeof c->resp_pkt];
    size_t n = 0;
    if (chap_encode(p, pkt, sizeof pkt, &n, NULL) != PROTO_OK)
        return;
    ppp_auth_log(c->log, c->ifname, PPP_PROTO_CHAP, "O", pkt, n);
    if (c->send)
        c->send(c->send_ctx, PPP_PROTO_CHAP, pkt, n);
}

static void send_challenge(struct chap *c)
{
    /* §4.1: the Identifier changes with each Challenge sent. */
    c->id = c->next_id++;
    struct chap_packet p = {
        .code = CHAP_CHALLENGE,
        .id = c->id,
        .value = c->challenge,
        .value_len = (uint8_t)c->challenge_len,
        .name = (const uint8_t *)c->cfg.name,
        .name_len = strlen(c->cfg.name),
    };
    c->challenges_sent++;
    c->stats.challenges_sent++;
    c->auth_state = CHAP_AUTH_SENT;
    transmit(c, &p);
    if (c->timers)
        timer_arm(c->timers, &c->timer, c->cfg.timeout_us);
}

void chap_auth_start(struct chap *c)
{
    /* §2.3: a new, unpredictable challenge value each time. */
    c->challenge_len = c->cfg.challenge_len;
    memset(c->challenge, 0, sizeof c->challenge);
    if (c->hooks.random)
        c->hooks.random(c->hooks.ctx, c->challenge, c->challenge_len);
    c->challenges_sent = 0;
    memset(&c->attrs, 0, sizeof c->attrs);
    send_challenge(c);
}

void chap_peer_start(struct chap *c)
{
    c->peer_state = CHAP_PEER_WAIT;
}

static void finish(struct chap *c, bool as_authenticator, bool ok)
{
    if (as_authenticator) {
        chap_stop(c);
        c->auth_state = ok ? CHAP_AUTH_OK : CHAP_AUTH_FAILED;
    } else {
        c->peer_state = ok ? CHAP_PEER_OK : CHAP_PEER_FAILED;
        if (c->timers)
            timer_cancel(c->timers, &c->peer_timer);
    }
    if (ok)
        c->stats.successes++;
    else
        c->stats.failures++;
    if (c->hooks.done)
        c->hooks.done(c->hooks.ctx, as_authenticator, ok, &c->attrs);
}

static void send_verdict(struct chap *c, uint8_t id, bool ok)
{
    static const char fail_msg[] = "Authentication failure";
    struct chap_packet p = {.code = ok ? CHAP_SUCCESS : CHAP_FAILURE, .id = id};
    if (!ok) {
        p.name = (const uint8_t *)fail_msg;
        p.name_len = sizeof fail_msg - 1;
    }
    transmit(c, &p);
}

static void chap_timeout(void *ctx)
{
    struct chap *c = ctx;
    if (c->auth_state != CHAP_AUTH_SENT)
        return;
    if (c->challenges_sent >= c->cfg.max_challenges) {
        finish(c, true, false);
        return;
    }
    send_challenge(c);
}

static void aaa_answer(void *requester, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs)
{
    chap_auth_result(requester, v, attrs);
}

/* Asks AAA about a Response to c->challenge; PENDING: the verdict comes
 * through chap_auth_result() and the Response's id is kept in c->id. */
static enum ppp_aaa_verdict verify(struct chap *c, uint8_t id, const uint8_t *name,
                                   size_t name_len, const uint8_t *value, size_t value_len)
{
    memset(&c->attrs, 0, sizeof c->attrs);
    if (c->aaa && c->aaa->chap_check_async) {
        enum ppp_aaa_verdict v = c->aaa->chap_check_async(c->aaa->ctx, c, aaa_answer, name,
                                                          name_len, id, c->challenge,
                                                          c->challenge_len, value, value_len,
                                                          &c->attrs);
        if (v == PPP_AAA_PENDING) {
            /* §4.1 leaves the authenticator's wait open; the Challenge
             * timer stops, the AAA bounds the wait with its own timeouts. */
            if (c->timers)
                timer_cancel(c->timers, &c->timer);
            c->auth_state = CHAP_AUTH_PENDING;
            c->id = id;
        }
        return v;
    }
    if (!c->aaa || !c->aaa->chap_check)
        return PPP_AAA_REJECT;
    return c->aaa->chap_check(c->aaa->ctx, name, name_len, id, c->challenge, c->challenge_len,
                              value, value_len, &c->attrs);
}

static void keep_name(struct chap *c, const uint8_t *name, size_t len)
{
    if (len > sizeof c->peer_name)
        len = sizeof c->peer_name;
    memcpy(c->peer_name, name, len);
    c->peer_name_len = len;
}

void chap_auth_proxy(struct chap *c, uint8_t id, const uint8_t *challenge, size_t challenge_len,
                     const uint8_t *name, size_t name_len, const uint8_t *response,
                     size_t response_len, bool rechallenge)
{
    bool have = challenge_len > 0 && challenge_len <= CHAP_MAX_VALUE && response_len > 0 &&
                response_len <= CHAP_MAX_VALUE && name_len <= CHAP_MAX_NAME;
    if (have) {
        /* Shown as the seed shows it: the replayed Response as if received. */
        struct chap_packet p = {.code = CHAP_RESPONSE, .id = id, .value = response,
                                .value_len = (uint8_t)response_len, .name = name,
                                .name_len = name_len};
        uint8_t pkt[sizeof c->resp_pkt];
        size_t n = 0;
        if (chap_encode(&p, pkt, sizeof pkt, &n, NULL) == PROTO_OK)
            ppp_auth_log(c->log, c->ifname, PPP_PROTO_CHAP, "I", pkt, n);
        memcpy(c->challenge, challenge, challenge_len);
        c->challenge_len = challenge_len;
        c->id = id;
        c->stats.responses_rcvd++;
        keep_name(c, name, name_len);
        c->pending_rechallenge = rechallenge;
        enum ppp_aaa_verdict v = verify(c, id, name, name_len, response, response_len);
        if (v == PPP_AAA_PENDING)
            return;
        if (v == PPP_AAA_ACCEPT) {
            send_verdict(c, id, true);
            finish(c, true, true);
            return;
        }
    }
    if (rechallenge) {
        if (c->next_id == id)
            c->next_id++;   /* the peer must not take the new challenge for the old one */
        chap_auth_start(c);
        return;
    }
    send_verdict(c, id, false);
    finish(c, true, false);
}

static void resend_response(struct chap *c)
{
    c->responses_sent++;
    c->stats.responses_sent++;
    ppp_auth_log(c->log, c->ifname, PPP_PROTO_CHAP, "O", c->resp_pkt, c->resp_len);
    if (c->send)
        c->send(c->send_ctx, PPP_PROTO_CHAP, c->resp_pkt, c->resp_len);
    if (c->timers)
        timer_arm(c->timers, &c->peer_timer, c->cfg.timeout_us);
}

/* RFC 1994 §4.2 has the authenticator answer a repeated Response with its
 * verdict again; so when a Success or Failure is lost, the peer repeats its
 * Response rather than wait for a Challenge that will not come (the
 * authenticator has decided). */
static void peer_timeout(void *ctx)
{
    struct chap *c = ctx;
    if (c->peer_state != CHAP_PEER_RESPONDED)
        return;
    if (c->responses_sent >= c->cfg.max_challenges) {
        finish(c, false, false);
        return;
    }
    resend_response(c);
}

static void answer_challenge(struct chap *c, const struct chap_packet *p)
{
    uint8_t secret[256];
    size_t slen = 0;
    if (c->peer_state == CHAP_PEER_RESPONDED && p->id == c->resp_id && c->resp_len) {
        /* A retransmitted Challenge: same answer. */
        resend_response(c);
        return;
    }
    if (!c->aaa || !c->aaa->get_secret ||
        c->aaa->get_secret(c->aaa->ctx, c->cfg.name, p->name, p->name_len, secret, sizeof secret,
                           &slen) != 0) {
        if (c->log)
            debug_printf(c->log, DBG_PPP_AUTH, "%s%sCHAP: No secret for %.*s", c->ifname ? c->ifname : "",
                         c->ifname ? " " : "", (int)p->name_len, (const char *)p->name);
        finish(c, false, false);
        return;
    }
    uint8_t md[MD5_DIGEST_LEN];
    if (chap_md5_response(p->id, secret, slen, p->value, p->value_len, md) != PROTO_OK) {
        finish(c, false, false);
        return;
    }
    struct chap_packet r = {.code = CHAP_RESPONSE, .id = p->id, .value = md,
                            .value_len = MD5_DIGEST_LEN, .name = (const uint8_t *)c->cfg.name,
                            .name_len = strlen(c->cfg.name)};
    if (chap_encode(&r, c->resp_pkt, sizeof c->resp_pkt, &c->resp_len, NULL) != PROTO_OK)
        return;
    c->resp_id = p->id;
    c->peer_state = CHAP_PEER_RESPONDED;
    c->responses_sent = 0;
    resend_response(c);
}

static proto_status on_response(struct chap *c, const struct chap_packet *p,
                                struct proto_error *err)
{
    c->stats.responses_rcvd++;
    if (p->id != c->id || c->auth_state == CHAP_AUTH_IDLE) {
        c->stats.discarded++;
        return proto_fail(err, PROTO_EINVAL, 1, "Identifier",
                          "Response id %u does not answer Challenge id %u", p->id, c->id);
    }
    if (c->auth_state == CHAP_AUTH_OK || c->auth_state == CHAP_AUTH_FAILED) {
        /* §4.2: the verdict was lost; send it again, decide nothing new. */
        send_verdict(c, p->id, c->auth_state == CHAP_AUTH_OK);
        return PROTO_OK;
    }
    if (c->auth_state == CHAP_AUTH_CAPTURED)
        return PROTO_OK;
    if (c->auth_state == CHAP_AUTH_PENDING) {
        /* A repeated Response while AAA decides: the verdict will answer it. */
        c->stats.discarded++;
        return PROTO_OK;
    }
    keep_name(c, p->name, p->name_len);
    if (c->cfg.capture_only) {
        chap_stop(c);
        c->auth_state = CHAP_AUTH_CAPTURED;
        if (c->hooks.captured)
            c->hooks.captured(c->hooks.ctx, p->id, c->challenge, c->challenge_len, p->name,
                              p->name_len, p->value, p->value_len);
        return PROTO_OK;
    }
    c->pending_rechallenge = false;
    enum ppp_aaa_verdict v = verify(c, p->id, p->name, p->name_len, p->value, p->value_len);
    if (v == PPP_AAA_PENDING)
        return PROTO_OK;
    send_verdict(c, p->id, v == PPP_AAA_ACCEPT);
    finish(c, true, v == PPP_AAA_ACCEPT);
    return PROTO_OK;
}

void chap_auth_result(struct chap *c, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs)
{
    if (c->auth_state != CHAP_AUTH_PENDING || v == PPP_AAA_PENDING)
        return;
    bool ok = v == PPP_AAA_ACCEPT;
    c->auth_state = CHAP_AUTH_SENT;
    if (ok && attrs)
        c->attrs = *attrs;
    if (!ok && c->pending_rechallenge) {
        if (c->next_id == c->id)
            c->next_id++;
        chap_auth_start(c);
        return;
    }
    send_verdict(c, c->id, ok);
    finish(c, true, ok);
}

proto_status chap_input(struct chap *c, const uint8_t *pkt, size_t len, struct proto_error *err)
{
    struct chap_packet p;
    proto_status st = chap_decode(pkt, len, &p, err);
    if (st != PROTO_OK) {
        c->stats.discarded++;
        return st;
    }
    ppp_auth_log(c->log, c->ifname, PPP_PROTO_CHAP, "I", pkt, len);
    switch (p.code) {
    case CHAP_CHALLENGE:
        if (c->peer_state == CHAP_PEER_IDLE) {
            c->stats.discarded++;
            return proto_fail(err, PROTO_EINVAL, 0, "Code", "Challenge, but we were not asked "
                                                            "to authenticate");
        }
        answer_challenge(c, &p);
        return PROTO_OK;
    case CHAP_RESPONSE:
        return on_response(c, &p, err);
    case CHAP_SUCCESS:
    case CHAP_FAILURE:
        if (c->peer_state != CHAP_PEER_RESPONDED || p.id != c->resp_id) {
            c->stats.discarded++;
            return proto_fail(err, PROTO_EINVAL, 1, "Identifier",
                              "%s id %u answers no Response of ours",
                              p.code == CHAP_SUCCESS ? "Success" : "Failure", p.id);
        }
        finish(c, false, p.code == CHAP_SUCCESS);
        return PROTO_OK;
    default:
        c->stats.discarded++;
        return proto_fail(err, PROTO_EINVAL, 0, "Code", "%u is not a CHAP code", p.code);
    }
}
