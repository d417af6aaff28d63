/* The seed's PPP negotiation reproduced: the client (2500-1) and the LAC
 * (5300-1) exchange the seed's LCP and CHAP packets (ids, lengths, options)
 * in the seed's order, the LAC hands over with the proxy data of the seed's
 * ICCN (AVPs 27/28), and the LNS started from it completes CHAP and IPCP
 * with 10.10.53.2; then the seed's disconnect. Also under frame loss. */
#include "test_ppp_harness.h"

static void configs(struct ppp_link_config c[EP_COUNT])
{
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
}

static bool ipcp_both_open(struct harness *h)
{
    return ppp_link_ipcp_open(&h->link[EP_CLIENT]) && ppp_link_ipcp_open(&h->link[EP_LNS]);
}

static bool lac_forwarding(struct harness *h)
{
    return h->forwarded;
}

static void start(struct harness *h)
{
    struct ppp_link_config c[EP_COUNT];
    configs(c);
    h_init(h, c);
    h_seed_challenge(&h->ep[EP_LAC]);
    /* The LAC answers the call first ("Passive Open", "State is Listen"). */
    ppp_link_start(&h->link[EP_LAC]);
    h->started[EP_LAC] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

/* The LAC's debug, as the seed prints it (timestamps and IOS's
 * "[0 sess, 0 load]" and "Using alternate hostname" lines aside). One
 * difference: the seed prints the client's Configure-Reject of MRRU and
 * Endpoint-Disc (id 11, len 17: exactly those two options) as "I CONFREQ";
 * it can only be a CONFREJ, since it answers id 11 and the LAC's next
 * request drops both options. */
static const char *const lac_seed[] = {
    "Se0:0 PPP: Phase is ESTABLISHING, Passive Open",
    "Se0:0 LCP: State is Listen",
    "Se0:0 LCP: I CONFREQ [Listen] id 118 len 10",
    "Se0:0 LCP:   MagicNumber 0x6EE4E865 (0x05066EE4E865)",
    "Se0:0 LCP: O CONFREQ [Listen] id 11 len 28",
    "Se0:0 LCP:   AuthProto CHAP (0x0305C22305)",
    "Se0:0 LCP:   MagicNumber 0x109D08F2 (0x0506109D08F2)",
    "Se0:0 LCP:   MRRU 1524 (0x110405F4)",
    "Se0:0 LCP:   EndpointDisc 1 Local (0x130901353330302D31)",
    "Se0:0 LCP: O CONFACK [Listen] id 118 len 10",
    "Se0:0 LCP:   MagicNumber 0x6EE4E865 (0x05066EE4E865)",
    "Se0:0 LCP: I CONFREJ [ACKsent] id 11 len 17",
    "Se0:0 LCP:   MRRU 1524 (0x110405F4)",
    "Se0:0 LCP:   EndpointDisc 1 Local (0x130901353330302D31)",
    "Se0:0 LCP: O CONFREQ [ACKsent] id 12 len 15",
    "Se0:0 LCP:   AuthProto CHAP (0x0305C22305)",
    "Se0:0 LCP:   MagicNumber 0x109D08F2 (0x0506109D08F2)",
    "Se0:0 LCP: I CONFACK [ACKsent] id 12 len 15",
    "Se0:0 LCP:   AuthProto CHAP (0x0305C22305)",
    "Se0:0 LCP:   MagicNumber 0x109D08F2 (0x0506109D08F2)",
    "Se0:0 LCP: State is Open",
    "Se0:0 PPP: Phase is AUTHENTICATING, by this end",
    "Se0:0 CHAP: O CHALLENGE id 6 len 27 from \"5300-1\"",
    "Se0:0 CHAP: I RESPONSE id 6 len 27 from \"2500-1\"",
    "Se0:0 PPP: Phase is FORWARDING",
};

/* The LNS's debug (the seed's Vi4). Differences, each deliberate: the seed's
 * "O CHALLENGE id 3" before the replayed response is not sent here (with a
 * usable proxy response there is nothing to challenge, and the client must
 * not see a second challenge: it answers the LNS's "SUCCESS id 6"); the
 * seed's "O CONFREQ [REQsent] id 187 len 10 CompressType VJ" answers the
 * client's id 187 with exactly the VJ option, so it is the CONFREJ it is
 * printed as here; RADIUS and AAA/AUTHOR/LCP|FSM lines belong to AAA. */
static const char *const lns_seed[] = {
    "Vi4 PPP: Phase is ESTABLISHING, Passive Open",
    "Vi4 LCP: State is Listen",
    "Vi4 LCP: I FORCED CONFREQ len 11",
    "Vi4 LCP:   AuthProto CHAP (0x0305C22305)",
    "Vi4 LCP:   MagicNumber 0x109D08F2 (0x0506109D08F2)",
    "Vi4 VPDN: PPP LCP accepted rcv CONFACK",
    "Vi4 VPDN: PPP LCP accepted sent CONFACK",
    "Vi4 PPP: Phase is AUTHENTICATING, by this end",
    "Vi4 CHAP: I RESPONSE id 6 len 27 from \"2500-1\"",
    "Vi4 CHAP: O SUCCESS id 6 len 4",
    "Vi4 PPP: Phase is UP",
    "Vi4 IPCP: O CONFREQ [Closed] id 1 len 10",
    "Vi4 IPCP:   Address 10.51.6.82 (0x03060A330652)",
    "Vi4 IPCP: I CONFREQ [REQsent] id 187 len 16",
    "Vi4 IPCP:   CompressType VJ 15 slots (0x0206002D0F00)",
    "Vi4 IPCP:   Address 10.10.53.2 (0x03060A0A3502)",
    "Vi4 AAA/AUTHOR/IPCP: Start. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 AAA/AUTHOR/IPCP: Done. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 IPCP: O CONFREJ [REQsent] id 187 len 10",
    "Vi4 IPCP:   CompressType VJ 15 slots (0x0206002D0F00)",
    "Vi4 IPCP: I CONFACK [REQsent] id 1 len 10",
    "Vi4 IPCP:   Address 10.51.6.82 (0x03060A330652)",
    "Vi4 IPCP: I CONFREQ [ACKrcvd] id 188 len 10",
    "Vi4 IPCP:   Address 10.10.53.2 (0x03060A0A3502)",
    "Vi4 AAA/AUTHOR/IPCP: Start. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 AAA/AUTHOR/IPCP: Done. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 IPCP: O CONFACK [ACKrcvd] id 188 len 10",
    "Vi4 IPCP:   Address 10.10.53.2 (0x03060A0A3502)",
    "Vi4 IPCP: State is Open",
    "Vi4 IPCP: Install route to 10.10.53.2",
};

static void expect_exact(const struct h_endpoint *e, const char *const *want, size_t n)
{
    bool same = e->nlines == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(e->lines[i], want[i]) == 0;
    CU_ASSERT(same);
    if (!same) {
        fprintf(stderr, "\nexpected %zu lines, got %zu:\n", n, e->nlines);
        h_dump_lines(e);
    }
}

static void expect_hex(const uint8_t *got, size_t got_len, const char *hex)
{
    uint8_t want[64];
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse(hex, want, sizeof want, &n, NULL) == PROTO_OK);
    CU_ASSERT_EQUAL(got_len, n);
    if (got_len == n)
        CU_ASSERT_EQUAL(memcmp(got, want, n), 0);
}

static void test_seed_lac_negotiation(void)
{
    struct harness h;
    start(&h);
    h.lns_autostart = false;
    h_run(&h, lac_forwarding, 60 * USEC_PER_SEC);
    CU_ASSERT(h.forwarded);
    CU_ASSERT_EQUAL(h.link[EP_LAC].phase, PPP_PHASE_FORWARDING);
    expect_exact(&h.ep[EP_LAC], lac_seed, sizeof lac_seed / sizeof lac_seed[0]);
    /* No time passed: nothing was retransmitted. */
    CU_ASSERT_EQUAL(h.tq.now, 0);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.fsm.stats.confreq_sent, 2);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.stats.confreq_sent, 1);
    h_free(&h);
}

static void test_seed_proxy_avps(void)
{
    struct harness h;
    start(&h);
    h.lns_autostart = false;
    h_run(&h, lac_forwarding, 60 * USEC_PER_SEC);
    CU_ASSERT_FATAL(h.forwarded);
    const struct ppp_proxy *p = &h.proxy;
    expect_hex(p->last_sent, p->last_sent_len, "0305C223050506109D08F2");      /* AVP 27 */
    expect_hex(p->last_rcvd, p->last_rcvd_len, "05066EE4E865");                /* AVP 28 */
    expect_hex(p->initial_rcvd, p->initial_rcvd_len, "05066EE4E865");          /* AVP 26 */
    CU_ASSERT_EQUAL(p->authen_type, 2);                                        /* AVP 29 */
    CU_ASSERT_EQUAL(p->authen_name_len, 6);                                    /* AVP 30 */
    CU_ASSERT_EQUAL(memcmp(p->authen_name, "2500-1", 6), 0);
    expect_hex(p->challenge, p->challenge_len, "5D0D008CB1677CF8BC354556321A7A74"); /* AVP 31 */
    CU_ASSERT_EQUAL(p->authen_id, 6);                                          /* AVP 32 */
    /* AVP 33: the client's MD5 over id 6, its secret and the seed's
     * challenge (the seed's own secret is not in the seed). */
    uint8_t md[MD5_DIGEST_LEN];
    CU_ASSERT_FATAL(chap_md5_response(6, (const uint8_t *)"cisco", 5, p->challenge,
                                      p->challenge_len, md) == PROTO_OK);
    CU_ASSERT_EQUAL(p->response_len, MD5_DIGEST_LEN);
    CU_ASSERT_EQUAL(memcmp(p->response, md, MD5_DIGEST_LEN), 0);
    h_free(&h);
}

static void test_seed_lns_completes(void)
{
    struct harness h;
    start(&h);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    expect_exact(&h.ep[EP_LNS], lns_seed, sizeof lns_seed / sizeof lns_seed[0]);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_NETWORK);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_NETWORK);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.address, h_ip(10, 10, 53, 2));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.address, h_ip(10, 10, 53, 2));
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_compression);   /* VJ was rejected */
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.his.address, h_ip(10, 51, 6, 82));
    CU_ASSERT_EQUAL(h.routes_installed, 1);
    CU_ASSERT_EQUAL(h.route_addr, h_ip(10, 10, 53, 2));
    CU_ASSERT_EQUAL(h.users.chap_checks, 1);
    CU_ASSERT_EQUAL(h.pool_calls, 0);   /* AAA allowed the negotiated address */
    /* The LNS speaks with the client's LCP values (magic 0x6EE4E865). */
    CU_ASSERT_EQUAL(h.link[EP_LNS].lcp.his.magic, 0x6EE4E865u);
    CU_ASSERT_EQUAL(lcp_our_magic(&h.link[EP_LNS].lcp), 0x109D08F2u);
    CU_ASSERT_EQUAL(h.tq.now, 0);
    h_free(&h);
}

static void test_seed_lns_keepalive(void)
{
    /* The LNS's Echo-Requests carry the magic the LAC negotiated for it
     * (0x109D08F2); the client answers with its own. */
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    configs(c);
    c[EP_LNS].lcp.echo_interval_us = 10 * USEC_PER_SEC;
    h_init(&h, c);
    h_seed_challenge(&h.ep[EP_LAC]);
    ppp_link_start(&h.link[EP_LAC]);
    h.started[EP_LAC] = true;
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    h_advance(&h, h.tq.now + 25 * USEC_PER_SEC);
    const struct lcp *l = &h.link[EP_LNS].lcp;
    CU_ASSERT_EQUAL(l->stats.echo_req_sent, 2);
    CU_ASSERT_EQUAL(l->stats.echo_rep_rcvd, 2);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.stats.loopbacks, 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_NETWORK);
    h_free(&h);
}

static void test_seed_disconnect(void)
{
    static const char *const lac_down[] = {
        "Se0:0 PPP: Phase is TERMINATING",
        "Se0:0 LCP: State is Closed",
        "Se0:0 PPP: Phase is DOWN",
    };
    static const char *const lns_down[] = {
        "Vi4 IPCP: State is Closed",
        "Vi4 PPP: Phase is TERMINATING",
        "Vi4 LCP: State is Closed",
        "Vi4 PPP: Phase is DOWN",
        "Vi4 IPCP: Remove route to 10.10.53.2",
    };
    struct harness h;
    start(&h);
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    size_t lac_mark = h.ep[EP_LAC].nlines, lns_mark = h.ep[EP_LNS].nlines;
    /* The user hangs up: the LAC's line drops, then the L2TP session (CDN)
     * takes the LNS's virtual interface down. */
    ppp_link_lower_down(&h.link[EP_LAC]);
    ppp_link_lower_down(&h.link[EP_LNS]);
    if (h.ep[EP_LAC].nlines - lac_mark != 3 || h.ep[EP_LNS].nlines - lns_mark != 5) {
        h_dump_lines(&h.ep[EP_LAC]);
        h_dump_lines(&h.ep[EP_LNS]);
    }
    CU_ASSERT_EQUAL(h.ep[EP_LAC].nlines - lac_mark, 3);
    for (size_t i = 0; i < 3 && lac_mark + i < h.ep[EP_LAC].nlines; i++)
        CU_ASSERT_STRING_EQUAL(h.ep[EP_LAC].lines[lac_mark + i], lac_down[i]);
    CU_ASSERT_EQUAL(h.ep[EP_LNS].nlines - lns_mark, 5);
    for (size_t i = 0; i < 5 && lns_mark + i < h.ep[EP_LNS].nlines; i++)
        CU_ASSERT_STRING_EQUAL(h.ep[EP_LNS].lines[lns_mark + i], lns_down[i]);
    CU_ASSERT_EQUAL(h.routes_removed, 1);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.fsm.state, PPP_FSM_INITIAL);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.state, PPP_FSM_INITIAL);
    h_free(&h);
}

/* Frame loss anywhere in the exchange: the restart timer (and CHAP's
 * challenge timer) retransmit, and the call still comes up. */
static void test_seed_with_loss(void)
{
    unsigned converged = 0, cases = 0;
    for (unsigned lost = 0; lost < 24; lost++) {
        struct harness h;
        start(&h);
        h.drop[h.ndrop++] = lost;
        h.drop[h.ndrop++] = lost + 5;
        bool ok = h_run(&h, ipcp_both_open, 120 * USEC_PER_SEC);
        cases++;
        if (ok && h.link[EP_LNS].ipcp.his.address == h_ip(10, 10, 53, 2) &&
            h.link[EP_CLIENT].ipcp.got.address == h_ip(10, 10, 53, 2))
            converged++;
        else
            fprintf(stderr, "\nloss of frames %u and %u: no convergence\n", lost, lost + 5);
        h_free(&h);
    }
    CU_ASSERT_EQUAL(converged, cases);
}

/* 20% of all frames lost at random, 200 runs: every run still reaches
 * IPCP Open on both ends with 10.10.53.2. */
static void test_seed_random_loss(void)
{
    unsigned ok = 0, runs = 200, lost = 0;
    uint64_t worst = 0;
    for (unsigned r = 0; r < runs; r++) {
        struct harness h;
        start(&h);
        h.loss_pct = 20;
        h.loss_rng = 0x9E3779B9u ^ (r * 2654435761u);
        if (!h.loss_rng)
            h.loss_rng = 1;
        if (h_run(&h, ipcp_both_open, 600 * USEC_PER_SEC) &&
            h.link[EP_LNS].ipcp.his.address == h_ip(10, 10, 53, 2))
            ok++;
        else
            fprintf(stderr, "\nrandom loss run %u: no convergence\n", r);
        lost += h.dropped;
        if (h.tq.now > worst)
            worst = h.tq.now;
        h_free(&h);
    }
    CU_ASSERT_EQUAL(ok, runs);
    CU_ASSERT(lost > runs);   /* the loss did happen */
    fprintf(stderr, "\n20%% loss: %u/%u converged, %u frames lost, slowest %.1f s virtual\n", ok,
            runs, lost, (double)worst / USEC_PER_SEC);
}

static void test_seed_loss_retransmits(void)
{
    /* Lose the LAC's first Configure-Request (wire frame 1): the client
     * stays in Req-Sent until the LAC's restart timer sends it again with
     * the same id 11 three seconds later. */
    struct harness h;
    start(&h);
    h.lns_autostart = false;
    h.drop[h.ndrop++] = 1;
    CU_ASSERT(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    CU_ASSERT(h.forwarded);
    CU_ASSERT_EQUAL(h.dropped, 1);
    CU_ASSERT(h.tq.now >= PPP_FSM_DEFAULT_RESTART_US);
    static const char *const order[] = {
        "Se0:0 LCP: O CONFREQ [Listen] id 11 len 28",
        "Se0:0 LCP: O CONFREQ [ACKsent] id 11 len 28",
        "Se0:0 PPP: Phase is FORWARDING",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_LAC], order, 3), 3);
    h_free(&h);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"client/LAC LCP and partial CHAP as in the seed", test_seed_lac_negotiation},
        {"LAC proxy data equals the seed's ICCN AVPs", test_seed_proxy_avps},
        {"LNS from proxy LCP: CHAP and IPCP as in the seed", test_seed_lns_completes},
        {"LNS echo keepalive with the proxied magic", test_seed_lns_keepalive},
        {"disconnect in the seed's order", test_seed_disconnect},
        {"frame loss: still converges", test_seed_with_loss},
        {"lost request retransmitted with the same id", test_seed_loss_retransmits},
        {"20% random frame loss: still converges", test_seed_random_loss},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp link: the seed", tests);
}
