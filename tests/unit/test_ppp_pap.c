/* PAP: the LNS checks the client's request through AAA; wrong password;
 * the LAC captures Peer-ID/Password for proxy authentication and the LNS
 * acks the proxied request; retransmission and give-up on both sides. */
#include "test_ppp_harness.h"

static void pap_configs(struct ppp_link_config c[EP_COUNT])
{
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    c[EP_CLIENT].lcp.allow_chap = false;
    c[EP_CLIENT].pap_first_id = 1;
    c[EP_LAC].lcp.auth_protocol = PPP_PROTO_PAP;
    c[EP_LNS].lcp.auth_protocol = PPP_PROTO_PAP;
}

static void start_direct(struct harness *h, const char *client_secret)
{
    struct ppp_link_config c[EP_COUNT];
    pap_configs(c);
    h_init(h, c);
    h->users.client_secret = client_secret;
    h->client_peer = EP_LNS;
    ppp_link_start(&h->link[EP_LNS]);
    h->started[EP_LNS] = true;
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

static void test_pap_success(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    static const char *const lns[] = {
        "Vi4 PPP: Phase is AUTHENTICATING, by this end",
        "Vi4 PAP: I AUTH-REQ id 1 len 17 from \"2500-1\"",
        "Vi4 PAP: O AUTH-ACK id 1 len 5",
        "Vi4 PPP: Phase is UP",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_LNS], lns, 4), 4);
    CU_ASSERT_EQUAL(h.users.pap_checks, 1);
    /* The password never appears in the debug output. */
    for (size_t i = 0; i < h.ep[EP_CLIENT].nlines; i++)
        CU_ASSERT_PTR_NULL(strstr(h.ep[EP_CLIENT].lines[i], "cisco"));
    h_free(&h);
}

static void test_pap_wrong_password(void)
{
    struct harness h;
    start_direct(&h, "wrong");
    CU_ASSERT(h_run(&h, both_dead, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_LNS].pap.auth_state, PAP_DONE_FAIL);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].pap.stats.naks, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].stats.auth_failures, 1);
    h_free(&h);
}

static bool lac_forwarding(struct harness *h)
{
    return h->forwarded;
}

static void test_lac_captures_pap_and_lns_acks(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    pap_configs(c);
    h_init(&h, c);
    h.lns_autostart = false;
    ppp_link_start(&h.link[EP_LAC]);
    h.started[EP_LAC] = true;
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    const struct ppp_proxy *p = &h.proxy;
    CU_ASSERT_EQUAL(p->authen_type, 3);          /* RFC 2661 §4.4.5 PAP */
    CU_ASSERT_EQUAL(p->authen_id, 1);
    CU_ASSERT_EQUAL(p->authen_name_len, 6);
    CU_ASSERT_EQUAL(memcmp(p->authen_name, "2500-1", 6), 0);
    CU_ASSERT_EQUAL(p->response_len, 5);
    CU_ASSERT_EQUAL(memcmp(p->response, "cisco", 5), 0);
    CU_ASSERT_EQUAL(p->challenge_len, 0);
    CU_ASSERT_EQUAL(p->last_sent[2], 0xC0);       /* Auth-Protocol PAP in AVP 27 */
    CU_ASSERT_EQUAL(p->last_sent[3], 0x23);
    CU_ASSERT_EQUAL(h.users.pap_checks, 0);       /* the LAC decides nothing */
    CU_ASSERT_EQUAL_FATAL(ppp_link_start_proxy(&h.link[EP_LNS], p, NULL), PROTO_OK);
    h.started[EP_LNS] = true;
    h.client_peer = EP_LNS;
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 PAP: O AUTH-ACK id 1 len 5"));
    CU_ASSERT_EQUAL(h.users.pap_checks, 1);
    h_free(&h);
}

static bool client_requested(struct harness *h)
{
    return h->link[EP_CLIENT].pap.peer_state == PAP_WAIT;
}

/* Stops right after the client sent its Authenticate-Request and takes it
 * off the wire. */
static void lose_first_request(struct harness *h)
{
    CU_ASSERT_FATAL(h_pump_until(h, client_requested));
    CU_ASSERT_FATAL(h->qh != h->qt);
    h->qt = (h->qt + H_QUEUE - 1) % H_QUEUE;
    const struct h_frame *f = &h->q[h->qt];
    CU_ASSERT_EQUAL(f->data[0], 0xC0);
    CU_ASSERT_EQUAL(f->data[1], 0x23);
    CU_ASSERT_EQUAL(f->data[2], PAP_AUTHENTICATE_REQUEST);
}

static void test_lost_request_retransmitted(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    lose_first_request(&h);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].pap.stats.requests_sent, 2);
    CU_ASSERT(h.tq.now >= PPP_FSM_DEFAULT_RESTART_US);
    /* RFC 1334 §2.2.1: the retransmission keeps its Identifier. */
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 PAP: I AUTH-REQ id 1 len 17 from \"2500-1\""));
    h_free(&h);
}

static void test_both_give_up(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    lose_first_request(&h);
    h_pump(&h);
    h_cut(&h);
    h_advance(&h, 200 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].pap.stats.requests_sent, PPP_FSM_DEFAULT_MAX_CONFIGURE);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].pap.peer_state, PAP_DONE_FAIL);
    CU_ASSERT_EQUAL(h.link[EP_LNS].pap.auth_state, PAP_DONE_FAIL);   /* waited, then gave up */
    CU_ASSERT_EQUAL(h.link[EP_LNS].pap.stats.requests_rcvd, 0);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_DEAD);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    h_free(&h);
}

static void test_repeated_request_same_answer(void)
{
    struct harness h;
    start_direct(&h, "cisco");
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    const struct pap *cp = &h.link[EP_CLIENT].pap;
    uint8_t frame[64] = {0xC0, 0x23};
    memcpy(frame + 2, cp->req_pkt, cp->req_len);
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LNS], frame, cp->req_len + 2, NULL), PROTO_OK);
    const struct h_frame *f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(f->data[2], PAP_AUTHENTICATE_ACK);
    CU_ASSERT_EQUAL(h.users.pap_checks, 1);
    static const uint8_t bad[] = {0xC0, 0x23, 1, 1, 0, 9, 5, 'a'};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], bad, sizeof bad, NULL), PROTO_OK);
    h_free(&h);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"PAP accepted, network phase", test_pap_success},
        {"PAP wrong password: Nak, link down", test_pap_wrong_password},
        {"LAC captures PAP; LNS acks the proxied request", test_lac_captures_pap_and_lns_acks},
        {"lost request retransmitted", test_lost_request_retransmitted},
        {"nothing heard: both sides give up", test_both_give_up},
        {"repeated request gets the same answer; malformed", test_repeated_request_same_answer},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp pap", tests);
}
