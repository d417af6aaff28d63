/* LCP on live links: Magic-Number loop-back detection, Echo keepalive,
 * Protocol-Reject both ways, Discard/Identification/Time-Remaining, Nak
 * and Reject convergence, a peer that will not authenticate, Terminate in
 * both directions. The client talks to an LNS-role link started normally. */
#include "test_ppp_harness.h"

static void lcp_pair(struct harness *h, void (*tweak)(struct ppp_link_config *c))
{
    struct ppp_link_config c[EP_COUNT];
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    c[EP_LNS].lcp.auth_protocol = 0;
    if (tweak)
        tweak(c);
    h_init(h, c);
    h->client_peer = EP_LNS;
    h->pool_next = h_ip(10, 9, 9, 9);
    ppp_link_start(&h->link[EP_LNS]);
    h->started[EP_LNS] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

static bool both_lcp_open(struct harness *h)
{
    return h->link[EP_CLIENT].lcp.fsm.state == PPP_FSM_OPENED &&
           h->link[EP_LNS].lcp.fsm.state == PPP_FSM_OPENED;
}

static bool both_network(struct harness *h)
{
    return h->link[EP_CLIENT].phase == PPP_PHASE_NETWORK &&
           h->link[EP_LNS].phase == PPP_PHASE_NETWORK;
}

static void test_loopback_detected(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    h_init(&h, c);
    h.client_peer = EP_CLIENT;    /* the line is looped back: we hear ourselves */
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    h_advance(&h, 60 * USEC_PER_SEC);
    const struct ppp_link *l = &h.link[EP_CLIENT];
    CU_ASSERT_EQUAL(l->stats.loopbacks, 1);
    CU_ASSERT_EQUAL(l->lcp.stats.loopbacks, 1);
    CU_ASSERT(l->lcp.stats.magic_collisions >= PPP_FSM_DEFAULT_MAX_FAILURE);
    CU_ASSERT_EQUAL(l->phase, PPP_PHASE_DEAD);
    CU_ASSERT(h_line_present(&h.ep[EP_CLIENT], "BRI0 LCP: Loopback detected"));
    CU_ASSERT_NOT_EQUAL(l->lcp.fsm.state, PPP_FSM_OPENED);
    h_free(&h);
}

static void test_no_false_loopback(void)
{
    struct harness h;
    lcp_pair(&h, NULL);
    CU_ASSERT(h_run(&h, both_network, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.stats.magic_collisions, 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].lcp.stats.loopbacks, 0);
    h_free(&h);
}

static void echo_on(struct ppp_link_config *c)
{
    for (int i = 0; i < EP_COUNT; i++) {
        c[i].lcp.echo_interval_us = 10 * USEC_PER_SEC;
        c[i].lcp.echo_max_failures = 3;
    }
}

static void test_echo_keepalive(void)
{
    struct harness h;
    lcp_pair(&h, echo_on);
    CU_ASSERT_FATAL(h_run(&h, both_network, 60 * USEC_PER_SEC));
    uint64_t t0 = h.tq.now;
    h_advance(&h, t0 + 35 * USEC_PER_SEC);
    const struct lcp *lns = &h.link[EP_LNS].lcp, *cli = &h.link[EP_CLIENT].lcp;
    CU_ASSERT_EQUAL(lns->stats.echo_req_sent, 3);
    CU_ASSERT_EQUAL(lns->stats.echo_rep_rcvd, 3);
    CU_ASSERT_EQUAL(cli->stats.echo_rep_sent, 3);
    CU_ASSERT_EQUAL(lns->stats.echo_failures, 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_NETWORK);
    /* The wire dies: three unanswered requests, the fourth tick gives up
     * and the link terminates (Terminate-Requests unanswered too). */
    h_cut(&h);
    h_advance(&h, t0 + 120 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.echo_failures, 1);
    CU_ASSERT_EQUAL(lns->stats.echo_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_DEAD);
    h_free(&h);
}

static void inject(struct harness *h, int ep, uint16_t protocol, const uint8_t *info, size_t n)
{
    uint8_t frame[300];
    frame[0] = (uint8_t)(protocol >> 8);
    frame[1] = (uint8_t)protocol;
    memcpy(frame + 2, info, n);
    ppp_link_input(&h->link[ep], frame, n + 2, NULL);
}

static void test_protocol_reject(void)
{
    struct harness h;
    lcp_pair(&h, NULL);
    CU_ASSERT_FATAL(h_run(&h, both_network, 60 * USEC_PER_SEC));
    /* A protocol the LNS does not run (IPV6CP): Protocol-Reject with it. */
    static const uint8_t v6cp[] = {1, 1, 0, 4};
    inject(&h, EP_LNS, PPP_PROTO_IPV6CP, v6cp, sizeof v6cp);
    const struct h_frame *f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(f->data[0], 0xC0);
    CU_ASSERT_EQUAL(f->data[1], 0x21);
    CU_ASSERT_EQUAL(f->data[2], PPP_PROTOCOL_REJECT);
    CU_ASSERT_EQUAL(f->data[6], 0x80);      /* Rejected-Protocol */
    CU_ASSERT_EQUAL(f->data[7], 0x57);
    CU_ASSERT_EQUAL(memcmp(f->data + 8, v6cp, sizeof v6cp), 0);   /* Rejected-Information */
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.protocol_rejects_sent, 1);
    h_pump(&h);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.stats.protrej_rcvd, 1);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.state, PPP_FSM_OPENED);   /* RXJ+ */
    /* The peer rejects IPCP: IPCP stops, LCP stays. */
    static const uint8_t rej_ipcp[] = {PPP_PROTOCOL_REJECT, 9, 0, 6, 0x80, 0x21};
    inject(&h, EP_CLIENT, PPP_PROTO_LCP, rej_ipcp, sizeof rej_ipcp);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.fsm.state, PPP_FSM_STOPPING);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.state, PPP_FSM_OPENED);
    /* Protocol-Reject of LCP itself is catastrophic (RXJ-). */
    static const uint8_t rej_lcp[] = {PPP_PROTOCOL_REJECT, 10, 0, 6, 0xC0, 0x21};
    inject(&h, EP_CLIENT, PPP_PROTO_LCP, rej_lcp, sizeof rej_lcp);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.state, PPP_FSM_STOPPING);
    h_free(&h);
}

static void test_informational_codes(void)
{
    struct harness h;
    lcp_pair(&h, NULL);
    CU_ASSERT_FATAL(h_run(&h, both_network, 60 * USEC_PER_SEC));
    unsigned seq = h.wire_seq;
    static const uint8_t discard[] = {PPP_DISCARD_REQUEST, 1, 0, 8, 0x6E, 0xE4, 0xE8, 0x66};
    static const uint8_t ident[] = {PPP_IDENTIFICATION, 2, 0, 11, 0, 0, 0, 0, 'h', 'i', '!'};
    static const uint8_t timerem[] = {PPP_TIME_REMAINING, 3, 0, 12, 0, 0, 0, 0, 0, 0, 0x0E, 0x10};
    inject(&h, EP_LNS, PPP_PROTO_LCP, discard, sizeof discard);
    inject(&h, EP_LNS, PPP_PROTO_LCP, ident, sizeof ident);
    inject(&h, EP_LNS, PPP_PROTO_LCP, timerem, sizeof timerem);
    const struct lcp *l = &h.link[EP_LNS].lcp;
    CU_ASSERT_EQUAL(l->stats.discard_rcvd, 1);
    CU_ASSERT_EQUAL(l->stats.ident_rcvd, 1);
    CU_ASSERT_EQUAL(l->stats.time_remaining_rcvd, 1);
    CU_ASSERT_EQUAL(h.wire_seq, seq);     /* none of them is answered */
    CU_ASSERT_EQUAL(l->fsm.state, PPP_FSM_OPENED);
    /* Echo-Request: our magic and the request's data come back, same id. */
    static const uint8_t echo[] = {PPP_ECHO_REQUEST, 77, 0, 11, 0x6E, 0xE4, 0xE8, 0x65, 'a', 'b',
                                   'c'};
    inject(&h, EP_LNS, PPP_PROTO_LCP, echo, sizeof echo);
    const struct h_frame *f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL && f->len == 2 + 11);
    uint32_t m = lcp_our_magic(l);
    const uint8_t want[] = {0xC0, 0x21, PPP_ECHO_REPLY, 77, 0, 11, (uint8_t)(m >> 24),
                            (uint8_t)(m >> 16), (uint8_t)(m >> 8), (uint8_t)m, 'a', 'b', 'c'};
    CU_ASSERT_EQUAL(memcmp(f->data, want, sizeof want), 0);
    /* An unknown LCP code gets a Code-Reject. */
    static const uint8_t odd[] = {99, 5, 0, 4};
    inject(&h, EP_LNS, PPP_PROTO_LCP, odd, sizeof odd);
    f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(f->data[2], PPP_CODE_REJECT);
    CU_ASSERT_EQUAL(f->data[6], 99);
    h_free(&h);
}

static void test_unknown_options_rejected(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    h_init(&h, c);
    ppp_link_start(&h.link[EP_LAC]);   /* Listen */
    h.started[EP_LAC] = true;
    /* Magic, then a Callback (RFC 1570) and an unknown type 99: both are
     * rejected verbatim, the Magic-Number is not in the Reject. */
    static const uint8_t req[] = {0xC0, 0x21, PPP_CONFIGURE_REQUEST, 5, 0, 17,
                                  5, 6, 1, 2, 3, 4,
                                  13, 3, 6,
                                  99, 4, 0xAB, 0xCD};
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LAC], req, sizeof req, NULL), PROTO_OK);
    const struct h_frame *f = h_last_queued(&h);
    CU_ASSERT_FATAL(f != NULL);
    static const uint8_t rej[] = {0xC0, 0x21, PPP_CONFIGURE_REJECT, 5, 0, 11,
                                  13, 3, 6, 99, 4, 0xAB, 0xCD};
    CU_ASSERT_EQUAL(f->len, sizeof rej);
    CU_ASSERT(f->len == sizeof rej && memcmp(f->data, rej, sizeof rej) == 0);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.fsm.state, PPP_FSM_REQ_SENT);   /* Stopped: RCR- */
    h_free(&h);
}

static void small_mru(struct ppp_link_config *c)
{
    c[EP_CLIENT].lcp.mru = 64;   /* below what the LNS takes: it Naks with 1500 */
}

static void test_mru_nak_converges(void)
{
    struct harness h;
    lcp_pair(&h, small_mru);
    CU_ASSERT(h_run(&h, both_lcp_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.got.mru, 1500);
    CU_ASSERT_EQUAL(h.link[EP_LNS].lcp.his.mru, 1500);
    CU_ASSERT_EQUAL(h.link[EP_LNS].lcp.fsm.stats.confnak_sent, 1);
    h_free(&h);
}

static void chap_wanted_pap_only(struct ppp_link_config *c)
{
    c[EP_LNS].lcp.auth_protocol = PPP_PROTO_CHAP;
    c[EP_LNS].lcp.auth_pap_fallback = true;
    c[EP_CLIENT].lcp.allow_chap = false;   /* the client Naks CHAP, suggesting PAP */
}

static void test_auth_nak_to_pap(void)
{
    struct harness h;
    lcp_pair(&h, chap_wanted_pap_only);
    CU_ASSERT(h_run(&h, both_network, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_LNS].lcp.got.auth_protocol, PPP_PROTO_PAP);
    CU_ASSERT_EQUAL(h.users.pap_checks, 1);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.stats.confnak_sent, 1);
    h_free(&h);
}

static void no_auth_at_all(struct ppp_link_config *c)
{
    c[EP_LNS].lcp.auth_protocol = PPP_PROTO_CHAP;
    c[EP_CLIENT].lcp.allow_chap = false;
    c[EP_CLIENT].lcp.allow_pap = false;   /* the client rejects Authentication-Protocol */
}

static void test_peer_refuses_auth(void)
{
    struct harness h;
    lcp_pair(&h, no_auth_at_all);
    h_advance(&h, 60 * USEC_PER_SEC);
    CU_ASSERT(h.link[EP_LNS].lcp.auth_refused || h.link[EP_LNS].stats.auth_failures == 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.auth_failures, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    CU_ASSERT_NOT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_NETWORK);
    h_free(&h);
}

static void test_terminate_both_ways(void)
{
    for (int closer = 0; closer < 2; closer++) {
        struct harness h;
        lcp_pair(&h, NULL);
        CU_ASSERT_FATAL(h_run(&h, both_network, 60 * USEC_PER_SEC));
        int a = closer ? EP_LNS : EP_CLIENT, b = closer ? EP_CLIENT : EP_LNS;
        ppp_link_close(&h.link[a]);
        h_advance(&h, h.tq.now + 30 * USEC_PER_SEC);
        CU_ASSERT_EQUAL(h.link[a].phase, PPP_PHASE_DEAD);
        CU_ASSERT_EQUAL(h.link[b].phase, PPP_PHASE_DEAD);
        CU_ASSERT_EQUAL(h.link[a].lcp.fsm.state, PPP_FSM_CLOSED);
        CU_ASSERT_EQUAL(h.link[b].lcp.fsm.state, PPP_FSM_STOPPED);
        CU_ASSERT_EQUAL(h.link[a].lcp.fsm.stats.timeouts, 0);   /* the Ack came */
        CU_ASSERT_EQUAL(h.link[b].ipcp.fsm.state, PPP_FSM_INITIAL);
        h_free(&h);
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"Magic-Number loop-back detected", test_loopback_detected},
        {"no loop-back between two peers", test_no_false_loopback},
        {"Echo keepalive, and its failure", test_echo_keepalive},
        {"Protocol-Reject sent and received", test_protocol_reject},
        {"Discard, Identification, Time-Remaining, Echo, unknown code",
         test_informational_codes},
        {"unknown and unsupported options rejected", test_unknown_options_rejected},
        {"MRU Nak converges", test_mru_nak_converges},
        {"Authentication-Protocol Nak: CHAP to PAP", test_auth_nak_to_pap},
        {"peer refuses to authenticate: link down", test_peer_refuses_auth},
        {"Terminate from either end", test_terminate_both_ways},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp lcp", tests);
}
