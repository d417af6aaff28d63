/* CHAP-MD5: the LNS's own challenge, wrong passwords (normal and proxied),
 * re-challenge when the proxy response is refused or missing, challenge
 * retransmission and give-up, repeated verdicts, malformed packets, a
 * client without a secret. */
#include "test_ppp_harness.h"

static void configs(struct ppp_link_config c[EP_COUNT])
{
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
}

static void start_direct(struct harness *h, const char *client_secret)
{
    struct ppp_link_config c[EP_COUNT];
    configs(c);
    h_init(h, c);
    h->users.client_secret = client_secret;
    h->client_peer = EP_LNS;
    ppp_link_start(&h->link[EP_LNS]);
    h->started[EP_LNS] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

/* The seed's path: client and LAC, then the LNS from the proxy data. */
static void start_seed(struct harness *h, const char *client_secret, bool rechallenge,
                       bool autostart)
{
    struct ppp_link_config c[EP_COUNT];
    configs(c);
    c[EP_LNS].rechallenge = rechallenge;
    h_init(h, c);
    h->users.client_secret = client_secret;
    h->lns_autostart = autostart;
    h_seed_challenge(&h->ep[EP_LAC]);
    ppp_link_start(&h->link[EP_LAC]);
    h->started[EP_LAC] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

static bool ipcp_both_open(struct harness *h)
{
    return ppp_link_ipcp_open(&h->link[EP_CLIENT]) && ppp_link_ipcp_open(&h->link[EP_LNS]);
}

static bool both_dead(struct harness *h)
{
    return h->link[EP_CLIENT].phase == PPP_PHASE_DEAD && h->link[EP_LNS].phase == PPP_PHASE_DEAD;
}

static void test_lns_challenge(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    static const char *const lns[] = {
        "Vi4 PPP: Phase is AUTHENTICATING, by this end",
        "Vi4 CHAP: O CHALLENGE id 3 len 27 from \"1600-3\"",
        "Vi4 CHAP: I RESPONSE id 3 len 27 from \"2500-1\"",
        "Vi4 CHAP: O SUCCESS id 3 len 4",
        "Vi4 PPP: Phase is UP",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_LNS], lns, 5), 5);
    static const char *const cli[] = {
        "BRI0 PPP: Phase is AUTHENTICATING, by the peer",
        "BRI0 CHAP: I CHALLENGE id 3 len 27 from \"1600-3\"",
        "BRI0 CHAP: O RESPONSE id 3 len 27 from \"2500-1\"",
        "BRI0 CHAP: I SUCCESS id 3 len 4",
        "BRI0 PPP: Phase is UP",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_CLIENT], cli, 5), 5);
    CU_ASSERT_EQUAL(h.link[EP_LNS].chap.stats.successes, 1);
    h_free(&h);
}

static void test_wrong_password(void)
{
    struct harness h;
    start_direct(&h, "wrong");
    CU_ASSERT(h_run(&h, both_dead, 60 * USEC_PER_SEC));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O FAILURE id 3 len 26 msg is \"Authentication failure\""));
    CU_ASSERT(h_line_present(&h.ep[EP_CLIENT], "BRI0 CHAP: I FAILURE id 3 len 26 msg is \"Authentication failure\""));
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.stats.confreq_sent, 0);   /* never reached IPCP */
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 PPP: Phase is TERMINATING"));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 PPP: Phase is DOWN"));
    h_free(&h);
}

static void test_proxy_wrong_password(void)
{
    struct harness h;
    start_seed(&h, "wrong", false, true);
    CU_ASSERT(h_run(&h, both_dead, 60 * USEC_PER_SEC));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: I RESPONSE id 6 len 27 from \"2500-1\""));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O FAILURE id 6 len 26 msg is \"Authentication failure\""));
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.users.chap_checks, 1);
    h_free(&h);
}

static bool lac_forwarding(struct harness *h)
{
    return h->forwarded;
}

static void test_proxy_refused_rechallenge(void)
{
    struct harness h;
    start_seed(&h, "cisco", true, false);
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    struct ppp_proxy p = h.proxy;
    p.response[0] ^= 0x01;          /* spoiled on the way */
    CU_ASSERT_EQUAL_FATAL(ppp_link_start_proxy(&h.link[EP_LNS], &p, NULL), PROTO_OK);
    h.started[EP_LNS] = true;
    h.client_peer = EP_LNS;
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    /* The seed's LNS line, now for real: a challenge of its own. */
    static const char *const lns[] = {
        "Vi4 CHAP: I RESPONSE id 6 len 27 from \"2500-1\"",
        "Vi4 CHAP: O CHALLENGE id 3 len 27 from \"1600-3\"",
        "Vi4 CHAP: I RESPONSE id 3 len 27 from \"2500-1\"",
        "Vi4 CHAP: O SUCCESS id 3 len 4",
        "Vi4 PPP: Phase is UP",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_LNS], lns, 5), 5);
    CU_ASSERT_EQUAL(h.users.chap_checks, 2);
    h_free(&h);
}

static void test_proxy_absent_rechallenge(void)
{
    struct harness h;
    start_seed(&h, "cisco", true, false);
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    struct ppp_proxy p = h.proxy;
    p.authen_type = 4;   /* RFC 2661 §4.4.5 "No Authentication": nothing to replay */
    p.response_len = p.challenge_len = p.authen_name_len = 0;
    CU_ASSERT_EQUAL_FATAL(ppp_link_start_proxy(&h.link[EP_LNS], &p, NULL), PROTO_OK);
    h.started[EP_LNS] = true;
    h.client_peer = EP_LNS;
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O CHALLENGE id 3 len 27 from \"1600-3\""));
    CU_ASSERT_EQUAL(h.users.chap_checks, 1);
    h_free(&h);
}

static void test_proxy_absent_no_rechallenge(void)
{
    struct harness h;
    start_seed(&h, "cisco", false, false);
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    struct ppp_proxy p = h.proxy;
    p.authen_type = 4;
    CU_ASSERT_EQUAL_FATAL(ppp_link_start_proxy(&h.link[EP_LNS], &p, NULL), PROTO_OK);
    h.started[EP_LNS] = true;
    h.client_peer = EP_LNS;
    h_advance(&h, h.tq.now + 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    h_free(&h);
}

static bool lns_authenticating(struct harness *h)
{
    return h->link[EP_LNS].phase == PPP_PHASE_AUTHENTICATE;
}

static void test_challenge_retransmit_and_give_up(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT_FATAL(h_pump_until(&h, lns_authenticating));
    h_cut(&h);     /* from here every frame is lost, the queued challenge aside */
    h_advance(&h, 120 * USEC_PER_SEC);
    const struct chap *c = &h.link[EP_LNS].chap;
    CU_ASSERT_EQUAL(c->stats.challenges_sent, PPP_FSM_DEFAULT_MAX_CONFIGURE);
    CU_ASSERT_EQUAL(c->auth_state, CHAP_AUTH_FAILED);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    /* Each Challenge had its own Identifier (RFC 1994 §4.1). */
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O CHALLENGE id 4 len 27 from \"1600-3\""));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O CHALLENGE id 12 len 27 from \"1600-3\""));
    h_free(&h);
}

static void test_lost_challenge_retransmitted(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT_FATAL(h_pump_until(&h, lns_authenticating));
    /* Lose the challenge already on the wire. */
    h.qh = h.qt;
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_LNS].chap.stats.challenges_sent, 2);
    CU_ASSERT(h.tq.now >= PPP_FSM_DEFAULT_RESTART_US);
    h_free(&h);
}

static void test_repeated_response_repeats_verdict(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    const struct chap *cc = &h.link[EP_CLIENT].chap;
    uint8_t frame[200] = {0xC2, 0x23};
    memcpy(frame + 2, cc->resp_pkt, cc->resp_len);
    unsigned checks = h.users.chap_checks;
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LNS], frame, cc->resp_len + 2, NULL), PROTO_OK);
    const struct h_frame *f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(f->data[2], CHAP_SUCCESS);
    CU_ASSERT_EQUAL(f->data[3], 3);
    CU_ASSERT_EQUAL(h.users.chap_checks, checks);   /* decided once */
    h_pump(&h);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_NETWORK);
    /* A Response with another id answers nothing. */
    frame[3] ^= 0x40;
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LNS], frame, cc->resp_len + 2, NULL), PROTO_EINVAL);
    h_free(&h);
}

static void test_malformed_chap(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT_FATAL(h_pump_until(&h, lns_authenticating));
    h_pump(&h);
    struct proto_error err = {0};
    static const uint8_t short_hdr[] = {0xC2, 0x23, 2, 3, 0};
    static const uint8_t bad_size[] = {0xC2, 0x23, 2, 3, 0, 8, 40, 1, 2, 3};
    static const uint8_t bad_code[] = {0xC2, 0x23, 9, 3, 0, 4};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], short_hdr, sizeof short_hdr, &err),
                        PROTO_OK);
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], bad_size, sizeof bad_size, &err),
                        PROTO_OK);
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], bad_code, sizeof bad_code, &err),
                        PROTO_OK);
    /* An unasked Success to the client is ignored. */
    static const uint8_t success[] = {0xC2, 0x23, 3, 99, 0, 4};
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_CLIENT], success, sizeof success, &err),
                    PROTO_EINVAL);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_NETWORK);
    h_free(&h);
}

static void test_client_without_secret(void)
{
    struct harness h;
    start_direct(&h, NULL);
    CU_ASSERT(h_run(&h, both_dead, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].stats.auth_failures, 1);
    CU_ASSERT(h_line_present(&h.ep[EP_CLIENT], "BRI0 CHAP: No secret for 1600-3"));
    h_free(&h);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"LNS challenges, client answers, success", test_lns_challenge},
        {"wrong password: Failure, link down", test_wrong_password},
        {"proxied wrong password: Failure with the proxy id", test_proxy_wrong_password},
        {"proxy response refused: re-challenge", test_proxy_refused_rechallenge},
        {"proxy auth absent: challenge", test_proxy_absent_rechallenge},
        {"proxy auth absent, no re-challenge: down", test_proxy_absent_no_rechallenge},
        {"challenge retransmitted, then give up", test_challenge_retransmit_and_give_up},
        {"lost challenge retransmitted", test_lost_challenge_retransmitted},
        {"repeated Response gets the same verdict", test_repeated_response_repeats_verdict},
        {"malformed CHAP packets", test_malformed_chap},
        {"client without a secret gives up", test_client_without_secret},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp chap", tests);
}
