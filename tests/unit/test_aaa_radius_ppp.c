/* PENDING verdicts in host/ppp (what the RADIUS backend relies on): a CHAP
 * or PAP authenticator whose AAA answers later waits in its state, sends
 * nothing, discards repeats, then answers with the delivered verdict;
 * a rejected proxy authentication re-challenges; a stopped authenticator
 * cancels its request and ignores a late verdict. */
#include <string.h>

#include "chap.h"
#include "pap.h"
#include "ppp_const.h"
#include "unit.h"

struct fake {
    /* the AAA side */
    int asked, cancelled;
    void *requester;
    ppp_aaa_result_fn result;
    enum ppp_aaa_verdict answer_now;   /* PENDING: answer later */
    /* the wire and the hooks */
    int sent;
    uint8_t last_code, last_id;
    int done_calls;
    bool done_ok;
    struct ppp_aaa_attrs done_attrs;
};

/* The AAA side of both protocols: the request is kept for the verdict. */
static enum ppp_aaa_verdict ask(struct fake *f, void *requester, ppp_aaa_result_fn result)
{
    f->asked++;
    f->requester = requester;
    f->result = result;
    return f->answer_now;
}

static enum ppp_aaa_verdict chap_async(void *ctx, void *requester, ppp_aaa_result_fn result,
                                       const uint8_t *name, size_t name_len, uint8_t id,
                                       const uint8_t *challenge, size_t challenge_len,
                                       const uint8_t *response, size_t response_len,
                                       struct ppp_aaa_attrs *attrs)
{
    struct fake *f = ctx;
    (void)name, (void)name_len, (void)id, (void)challenge, (void)challenge_len, (void)response,
        (void)response_len, (void)attrs;
    return ask(f, requester, result);
}

static enum ppp_aaa_verdict pap_async(void *ctx, void *requester, ppp_aaa_result_fn result,
                                      const uint8_t *name, size_t name_len,
                                      const uint8_t *password, size_t password_len,
                                      struct ppp_aaa_attrs *attrs)
{
    struct fake *f = ctx;
    (void)name, (void)name_len, (void)password, (void)password_len, (void)attrs;
    return ask(f, requester, result);
}

static void cancel(void *ctx, void *requester)
{
    struct fake *f = ctx;
    if (requester == f->requester)
        f->cancelled++;
}

static void send_pkt(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    struct fake *f = ctx;
    (void)protocol;
    f->sent++;
    if (len >= 2) {
        f->last_code = pkt[0];
        f->last_id = pkt[1];
    }
}

static void done(void *ctx, bool as_authenticator, bool ok, const struct ppp_aaa_attrs *attrs)
{
    struct fake *f = ctx;
    CU_ASSERT_TRUE(as_authenticator);
    f->done_calls++;
    f->done_ok = ok;
    f->done_attrs = *attrs;
}

static struct ppp_aaa fake_aaa(struct fake *f)
{
    return (struct ppp_aaa){.ctx = f, .chap_check_async = chap_async,
                            .pap_check_async = pap_async, .cancel = cancel};
}

static void chap_setup(struct chap *c, struct fake *f, struct ppp_aaa *aaa)
{
    memset(f, 0, sizeof *f);
    f->answer_now = PPP_AAA_PENDING;
    *aaa = fake_aaa(f);
    struct chap_config cfg = {.name = "1600-3", .first_id = 3};
    struct chap_hooks hooks = {.ctx = f, .done = done};
    chap_init(c, &cfg, &hooks, aaa, NULL, send_pkt, f, NULL, "Vi4");
}

static void respond(struct chap *c, uint8_t id)
{
    uint8_t md[16] = {1, 2, 3};
    struct chap_packet p = {.code = CHAP_RESPONSE, .id = id, .value = md, .value_len = 16,
                            .name = (const uint8_t *)"2500-1", .name_len = 6};
    uint8_t pkt[128];
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(chap_encode(&p, pkt, sizeof pkt, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(chap_input(c, pkt, n, NULL), PROTO_OK);
}

static void test_chap_pending_accept(void)
{
    struct chap c;
    struct fake f;
    struct ppp_aaa aaa;
    chap_setup(&c, &f, &aaa);
    chap_auth_start(&c);
    CU_ASSERT_EQUAL(f.last_code, CHAP_CHALLENGE);
    uint8_t id = f.last_id;
    respond(&c, id);
    CU_ASSERT_EQUAL(f.asked, 1);
    CU_ASSERT_EQUAL(c.auth_state, CHAP_AUTH_PENDING);
    CU_ASSERT_EQUAL(f.sent, 1);          /* no verdict yet */
    respond(&c, id);                     /* a repeat while AAA decides */
    CU_ASSERT_EQUAL(f.asked, 1);
    CU_ASSERT_EQUAL(f.sent, 1);
    CU_ASSERT_EQUAL(c.stats.discarded, 1);
    struct ppp_aaa_attrs a = {.framed_ip = 0x0A0A3528};
    f.result(f.requester, PPP_AAA_ACCEPT, &a);
    CU_ASSERT_EQUAL(f.sent, 2);
    CU_ASSERT_EQUAL(f.last_code, CHAP_SUCCESS);
    CU_ASSERT_EQUAL(f.last_id, id);
    CU_ASSERT_EQUAL(f.done_calls, 1);
    CU_ASSERT_TRUE(f.done_ok);
    CU_ASSERT_EQUAL(f.done_attrs.framed_ip, 0x0A0A3528);
    /* Delivered twice: ignored. */
    f.result(f.requester, PPP_AAA_REJECT, NULL);
    CU_ASSERT_EQUAL(f.sent, 2);
    CU_ASSERT_EQUAL(f.done_calls, 1);
    CU_ASSERT_EQUAL(f.cancelled, 0);
}

static void test_chap_pending_reject(void)
{
    struct chap c;
    struct fake f;
    struct ppp_aaa aaa;
    chap_setup(&c, &f, &aaa);
    chap_auth_start(&c);
    respond(&c, f.last_id);
    f.result(f.requester, PPP_AAA_REJECT, NULL);
    CU_ASSERT_EQUAL(f.last_code, CHAP_FAILURE);
    CU_ASSERT_EQUAL(f.done_calls, 1);
    CU_ASSERT_FALSE(f.done_ok);
}

static void test_chap_answer_at_once(void)
{
    struct chap c;
    struct fake f;
    struct ppp_aaa aaa;
    chap_setup(&c, &f, &aaa);
    f.answer_now = PPP_AAA_ACCEPT;
    chap_auth_start(&c);
    respond(&c, f.last_id);
    CU_ASSERT_EQUAL(f.last_code, CHAP_SUCCESS);
    CU_ASSERT_EQUAL(f.done_calls, 1);
}

static void test_chap_proxy_reject_rechallenges(void)
{
    struct chap c;
    struct fake f;
    struct ppp_aaa aaa;
    chap_setup(&c, &f, &aaa);
    uint8_t ch[16] = {9}, resp[16] = {8};
    chap_auth_proxy(&c, 6, ch, sizeof ch, (const uint8_t *)"2500-1", 6, resp, sizeof resp, true);
    CU_ASSERT_EQUAL(c.auth_state, CHAP_AUTH_PENDING);
    CU_ASSERT_EQUAL(f.sent, 0);
    f.result(f.requester, PPP_AAA_REJECT, NULL);
    /* RFC 1994 §4.1: a new Challenge, with an identifier the peer cannot
     * take for the proxied one. */
    CU_ASSERT_EQUAL(f.sent, 1);
    CU_ASSERT_EQUAL(f.last_code, CHAP_CHALLENGE);
    CU_ASSERT_NOT_EQUAL(f.last_id, 6);
    CU_ASSERT_EQUAL(f.done_calls, 0);
    CU_ASSERT_EQUAL(c.auth_state, CHAP_AUTH_SENT);
}

static void test_chap_stop_cancels(void)
{
    struct chap c;
    struct fake f;
    struct ppp_aaa aaa;
    chap_setup(&c, &f, &aaa);
    chap_auth_start(&c);
    respond(&c, f.last_id);
    chap_stop(&c);
    CU_ASSERT_EQUAL(f.cancelled, 1);
    f.result(f.requester, PPP_AAA_ACCEPT, NULL);   /* too late: ignored */
    CU_ASSERT_EQUAL(f.sent, 1);
    CU_ASSERT_EQUAL(f.done_calls, 0);
}

static void pap_request(struct pap *p, uint8_t id)
{
    struct pap_packet r = {.code = PAP_AUTHENTICATE_REQUEST, .id = id,
                           .peer_id = (const uint8_t *)"pap-user", .peer_id_len = 8,
                           .password = (const uint8_t *)"papsecret", .password_len = 9};
    uint8_t pkt[64];
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(pap_encode(&r, pkt, sizeof pkt, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(pap_input(p, pkt, n, NULL), PROTO_OK);
}

/* A PAP authenticator (its AAA answering later), started. */
static void pap_setup(struct pap *p, struct fake *f, struct ppp_aaa *aaa)
{
    memset(f, 0, sizeof *f);
    f->answer_now = PPP_AAA_PENDING;
    *aaa = fake_aaa(f);
    struct pap_config cfg = {.first_id = 1};
    struct pap_hooks hooks = {.ctx = f, .done = done};
    pap_init(p, &cfg, &hooks, aaa, NULL, send_pkt, f, NULL, "Vi4");
    pap_auth_start(p);
}

static void test_pap_pending(void)
{
    struct pap p;
    struct fake f;
    struct ppp_aaa aaa;
    pap_setup(&p, &f, &aaa);
    pap_request(&p, 7);
    CU_ASSERT_EQUAL(p.auth_state, PAP_PENDING);
    CU_ASSERT_EQUAL(f.sent, 0);
    pap_request(&p, 7);   /* retransmission while AAA decides */
    CU_ASSERT_EQUAL(f.asked, 1);
    CU_ASSERT_EQUAL(f.sent, 0);
    f.result(f.requester, PPP_AAA_ACCEPT, &(struct ppp_aaa_attrs){.framed_ip = 5});
    CU_ASSERT_EQUAL(f.sent, 1);
    CU_ASSERT_EQUAL(f.last_code, PAP_AUTHENTICATE_ACK);
    CU_ASSERT_EQUAL(f.last_id, 7);
    CU_ASSERT_TRUE(f.done_ok);
    CU_ASSERT_EQUAL(f.done_attrs.framed_ip, 5);
    /* A new authenticator, rejected; then one stopped while pending. */
    pap_setup(&p, &f, &aaa);
    pap_request(&p, 8);
    f.result(f.requester, PPP_AAA_REJECT, NULL);
    CU_ASSERT_EQUAL(f.last_code, PAP_AUTHENTICATE_NAK);
    CU_ASSERT_FALSE(f.done_ok);
    pap_setup(&p, &f, &aaa);
    pap_request(&p, 9);
    pap_stop(&p);
    CU_ASSERT_EQUAL(f.cancelled, 1);
    f.result(f.requester, PPP_AAA_ACCEPT, NULL);
    CU_ASSERT_EQUAL(f.sent, 0);
    CU_ASSERT_EQUAL(f.done_calls, 0);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"CHAP: pending, repeat discarded, accepted later", test_chap_pending_accept},
        {"CHAP: pending, rejected later", test_chap_pending_reject},
        {"CHAP: async AAA answering at once", test_chap_answer_at_once},
        {"CHAP: proxy auth rejected later -> new Challenge", test_chap_proxy_reject_rechallenges},
        {"CHAP: stopped while pending -> cancelled, late verdict ignored", test_chap_stop_cancels},
        {"PAP: pending, accept/reject later, cancel", test_pap_pending},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp pending verdicts", tests);
}
