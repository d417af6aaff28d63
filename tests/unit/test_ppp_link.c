/* The PPP link as a unit: the seed's frames byte for byte on the wire,
 * configuration and proxy-data errors, phases and per-protocol counters,
 * and random or mutated frames in every phase (never a crash). */
#include <stdlib.h>

#include "test_ppp_harness.h"

static void seed_configs(struct ppp_link_config c[EP_COUNT])
{
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
}

static bool lac_forwarding(struct harness *h)
{
    return h->forwarded;
}

static bool ipcp_both_open(struct harness *h)
{
    return ppp_link_ipcp_open(&h->link[EP_CLIENT]) && ppp_link_ipcp_open(&h->link[EP_LNS]);
}

static void start_seed(struct harness *h)
{
    struct ppp_link_config c[EP_COUNT];
    seed_configs(c);
    h_init(h, c);
    h_seed_challenge(&h->ep[EP_LAC]);
    ppp_link_start(&h->link[EP_LAC]);
    h->started[EP_LAC] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

static void test_seed_frames_byte_exact(void)
{
    /* Protocol + information of each frame, from the seed's option bytes
     * and lengths (the CHAP response value is the client's MD5). */
    static const struct {
        int src;
        const char *hex;
    } want[] = {
        {EP_CLIENT, "C021 01 76 000A 05066EE4E865"},
        {EP_LAC, "C021 01 0B 001C 0305C22305 0506109D08F2 110405F4 130901353330302D31"},
        {EP_LAC, "C021 02 76 000A 05066EE4E865"},
        {EP_CLIENT, "C021 04 0B 0011 110405F4 130901353330302D31"},
        {EP_LAC, "C021 01 0C 000F 0305C22305 0506109D08F2"},
        {EP_CLIENT, "C021 02 0C 000F 0305C22305 0506109D08F2"},
        {EP_LAC, "C223 01 06 001B 10 5D0D008CB1677CF8BC354556321A7A74 353330302D31"},
    };
    struct harness h;
    start_seed(&h);
    h.lns_autostart = false;
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL_FATAL(h.ntrace, 8);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        uint8_t b[64];
        size_t n = 0;
        CU_ASSERT_FATAL(hex_parse(want[i].hex, b, sizeof b, &n, NULL) == PROTO_OK);
        CU_ASSERT_EQUAL(h.trace[i].src, want[i].src);
        CU_ASSERT_EQUAL(h.trace[i].len, n);
        CU_ASSERT(h.trace[i].len == n && memcmp(h.trace[i].data, b, n) == 0);
    }
    /* The Response: id 6, 16-octet MD5, name 2500-1, 27 octets. */
    uint8_t md[MD5_DIGEST_LEN];
    uint8_t chal[16];
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("5D0D008CB1677CF8BC354556321A7A74", chal, 16, &n, NULL) == 0);
    CU_ASSERT_FATAL(chap_md5_response(6, (const uint8_t *)"cisco", 5, chal, 16, md) == 0);
    const struct h_frame *r = &h.trace[7];
    CU_ASSERT_EQUAL(r->len, 2 + 27);
    static const uint8_t head[] = {0xC2, 0x23, 2, 6, 0, 27, 16};
    CU_ASSERT_EQUAL(memcmp(r->data, head, sizeof head), 0);
    CU_ASSERT_EQUAL(memcmp(r->data + 7, md, 16), 0);
    CU_ASSERT_EQUAL(memcmp(r->data + 23, "2500-1", 6), 0);
    h_free(&h);
}

static void test_config_errors(void)
{
    struct ppp_link l;
    struct ppp_link_config c;
    struct timer_queue tq;
    CU_ASSERT_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL) == 0);
    struct ppp_link_callbacks cb = {.send = h_send};
    struct proto_error err = {0};
    h_client_config(&c);
    CU_ASSERT_EQUAL(ppp_link_init(&l, &c, NULL, NULL, &tq, NULL, &err), PROTO_EINVAL);
    struct ppp_link_callbacks nosend = {0};
    CU_ASSERT_EQUAL(ppp_link_init(&l, &c, &nosend, NULL, &tq, NULL, &err), PROTO_EINVAL);
    c.hostname = "";
    CU_ASSERT_EQUAL(ppp_link_init(&l, &c, &cb, NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "hostname");
    h_client_config(&c);
    c.role = (enum ppp_role)7;
    CU_ASSERT_EQUAL(ppp_link_init(&l, &c, &cb, NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "role");
    h_client_config(&c);
    c.lcp.auth_protocol = 0xC025;
    CU_ASSERT_EQUAL(ppp_link_init(&l, &c, &cb, NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "auth_protocol");
    timer_queue_free(&tq);
}

static void test_proxy_errors(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    seed_configs(c);
    h_init(&h, c);
    struct ppp_proxy p;
    memset(&p, 0, sizeof p);
    struct proto_error err = {0};
    /* Only an LNS takes proxy LCP; it needs the LAC's last sent request. */
    CU_ASSERT_EQUAL(ppp_link_start_proxy(&h.link[EP_LAC], &p, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(ppp_link_start_proxy(&h.link[EP_LNS], &p, &err), PROTO_EINVAL);
    /* A malformed AVP 27 (option length past the end). */
    static const uint8_t bad[] = {0x03, 0x09, 0xC2, 0x23};
    memcpy(p.last_sent, bad, sizeof bad);
    p.last_sent_len = sizeof bad;
    CU_ASSERT_NOT_EQUAL(ppp_link_start_proxy(&h.link[EP_LNS], &p, &err), PROTO_OK);
    CU_ASSERT_EQUAL(h.link[EP_LNS].phase, PPP_PHASE_DEAD);
    h_free(&h);
}

static void test_phases_and_counters(void)
{
    struct harness h;
    start_seed(&h);
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    static const enum ppp_phase want[] = {PPP_PHASE_ESTABLISH, PPP_PHASE_AUTHENTICATE,
                                          PPP_PHASE_NETWORK};
    CU_ASSERT_EQUAL(h.nphases, 3);
    for (size_t i = 0; i < 3 && i < h.nphases; i++)
        CU_ASSERT_EQUAL(h.phases[i], want[i]);
    const struct ppp_link_counters *cs = &h.link[EP_CLIENT].stats;
    CU_ASSERT_EQUAL(cs->frames_out[PPP_LP_LCP], 3);    /* CONFREQ, CONFREJ, CONFACK */
    CU_ASSERT_EQUAL(cs->frames_in[PPP_LP_LCP], 3);
    CU_ASSERT_EQUAL(cs->frames_out[PPP_LP_CHAP], 1);
    CU_ASSERT_EQUAL(cs->frames_in[PPP_LP_CHAP], 2);     /* LAC's challenge, LNS's success */
    CU_ASSERT_EQUAL(cs->frames_out[PPP_LP_IPCP], 3);
    CU_ASSERT_EQUAL(cs->frames_in[PPP_LP_IPCP], 3);
    CU_ASSERT_EQUAL(cs->rx_malformed + cs->rx_discarded, 0);
    CU_ASSERT_EQUAL(h.link[EP_LAC].stats.frames_in[PPP_LP_LCP], 3);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.frames_out[PPP_LP_LCP], 0);   /* all by proxy */
    CU_ASSERT_STRING_EQUAL(ppp_phase_name(PPP_PHASE_FORWARDING), "FORWARDING");
    CU_ASSERT_STRING_EQUAL(ppp_phase_name(PPP_PHASE_NETWORK), "UP");
    /* Frames reaching the LAC after the hand-over are the LNS's. */
    static const uint8_t lcp_echo[] = {0xC0, 0x21, 9, 1, 0, 8, 0, 0, 0, 0};
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LAC], lcp_echo, sizeof lcp_echo, NULL), PROTO_OK);
    CU_ASSERT(h.link[EP_LAC].stats.forwarded >= 1);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.stats.echo_req_rcvd, 0);
    h_free(&h);
}

static void test_phase_rules(void)
{
    struct harness h;
    start_seed(&h);
    h.lns_autostart = false;
    /* Before LCP is open only LCP counts (RFC 1661 §3.4). */
    static const uint8_t ipcp[] = {0x80, 0x21, 1, 1, 0, 4};
    static const uint8_t chap[] = {0xC2, 0x23, 1, 1, 0, 7, 1, 0xAA, 'x'};
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LAC], ipcp, sizeof ipcp, NULL), PROTO_EINVAL);
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LAC], chap, sizeof chap, NULL), PROTO_EINVAL);
    CU_ASSERT_EQUAL(h.link[EP_LAC].stats.rx_discarded, 2);
    /* An empty or one-octet frame is malformed, not a crash. */
    static const uint8_t one[] = {0xC0};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LAC], one, sizeof one, NULL), PROTO_OK);
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LAC], one, 0, NULL), PROTO_OK);
    /* FF 03 in front is accepted too (RFC 1662 §3.1). */
    h_free(&h);
    start_seed(&h);
    h.lns_autostart = false;
    static const uint8_t req[] = {0xFF, 0x03, 0xC0, 0x21, 1, 118, 0, 10, 5, 6, 0x6E, 0xE4, 0xE8,
                                  0x65};
    CU_ASSERT_EQUAL(ppp_link_input(&h.link[EP_LAC], req, sizeof req, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.fsm.state, PPP_FSM_ACK_SENT);
    h_free(&h);
}

static void test_lac_without_auth(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    seed_configs(c);
    c[EP_LAC].lcp.auth_protocol = 0;
    h_init(&h, c);
    h.lns_autostart = false;
    ppp_link_start(&h.link[EP_LAC]);
    h.started[EP_LAC] = true;
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.proxy.authen_type, 4);   /* RFC 2661 §4.4.5 No Authentication */
    CU_ASSERT_EQUAL(h.link[EP_LAC].chap.stats.challenges_sent, 0);
    CU_ASSERT(h_line_present(&h.ep[EP_LAC], "Se0:0 PPP: Phase is FORWARDING"));
    CU_ASSERT_FALSE(h_line_present(&h.ep[EP_LAC], "Se0:0 PPP: Phase is AUTHENTICATING, by this end"));
    h_free(&h);
}

static void test_lac_silent_after_forwarding(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    seed_configs(c);
    c[EP_LAC].lcp.echo_interval_us = 5 * USEC_PER_SEC;
    h_init(&h, c);
    h_seed_challenge(&h.ep[EP_LAC]);
    h.lns_autostart = false;
    ppp_link_start(&h.link[EP_LAC]);
    h.started[EP_LAC] = true;
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    uint64_t out = h.link[EP_LAC].stats.frames_out[PPP_LP_LCP];
    h_advance(&h, h.tq.now + 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.link[EP_LAC].stats.frames_out[PPP_LP_LCP], out);
    CU_ASSERT_EQUAL(h.link[EP_LAC].lcp.stats.echo_req_sent, 0);
    CU_ASSERT_EQUAL(h.link[EP_LAC].phase, PPP_PHASE_FORWARDING);
    h_free(&h);
}

static void test_restart_after_close(void)
{
    struct harness h;
    struct ppp_link_config c[EP_COUNT];
    seed_configs(c);
    h_init(&h, c);
    h.client_peer = EP_LNS;
    ppp_link_start(&h.link[EP_LNS]);
    h.started[EP_LNS] = true;
    ppp_link_start(&h.link[EP_CLIENT]);
    h.started[EP_CLIENT] = true;
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    ppp_link_close(&h.link[EP_CLIENT]);
    h_advance(&h, h.tq.now + 30 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].phase, PPP_PHASE_DEAD);
    /* The client dials again on the same line: a whole new negotiation. */
    ppp_link_start(&h.link[EP_CLIENT]);
    CU_ASSERT(h_run(&h, ipcp_both_open, h.tq.now + 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].lcp.fsm.stats.illegal_events, 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].chap.stats.successes, 2);
    /* The LNS, left in Stopped by the peer's Terminate, shows the new start. */
    static const char *const lns[] = {
        "Vi4 PPP: Phase is DOWN",
        "Vi4 PPP: Phase is ESTABLISHING, Passive Open",
        "Vi4 PPP: Phase is AUTHENTICATING, by this end",
    };
    CU_ASSERT_EQUAL(h_lines_in_order(&h.ep[EP_LNS], lns, 3), 3);
    h_free(&h);
}

static void test_debug_switches(void)
{
    struct harness h;
    start_seed(&h);
    debug_enable(&h.log[EP_LAC], DBG_PPP_NEGOTIATION, false);   /* only "debug ppp auth" */
    const struct h_endpoint *e = &h.ep[EP_LAC];
    size_t mark = e->nlines;    /* "Passive Open" and "Listen" came before the switch */
    h.lns_autostart = false;
    CU_ASSERT_FATAL(h_run(&h, lac_forwarding, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(e->nlines - mark, 2);
    CU_ASSERT(h_line_present(e, "Se0:0 CHAP: O CHALLENGE id 6 len 27 from \"5300-1\""));
    CU_ASSERT(h_line_present(e, "Se0:0 CHAP: I RESPONSE id 6 len 27 from \"2500-1\""));
    h_free(&h);
}

static uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random and mutated frames into a link in each phase: whatever happens,
 * no crash (ASan/UBSan run this too) and the link stays consistent. */
static void test_random_frames(void)
{
    static const uint16_t protos[] = {PPP_PROTO_LCP, PPP_PROTO_IPCP, PPP_PROTO_CHAP, PPP_PROTO_PAP,
                                      PPP_PROTO_IP, 0x8057, 0x0000, 0xFFFF};
    uint32_t seed = 0xC0FFEEu;
    unsigned frames = 0;
    for (int stage = 0; stage < 3; stage++) {
        struct harness h;
        start_seed(&h);
        if (stage >= 1)
            h_run(&h, lac_forwarding, 60 * USEC_PER_SEC);
        if (stage >= 2)
            h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC);
        int targets[] = {EP_CLIENT, EP_LAC, EP_LNS};
        for (int k = 0; k < 3000; k++) {
            int t = targets[rng_next(&seed) % 3];
            if (!h.started[t])
                continue;
            uint8_t f[80];
            size_t len;
            if (k % 2 && h.ntrace) {
                /* A frame from the seed exchange with a few octets changed. */
                const struct h_frame *src = &h.trace[rng_next(&seed) % h.ntrace];
                len = src->len < sizeof f ? src->len : sizeof f;
                memcpy(f, src->data, len);
                for (int m = 0; m < 3; m++)
                    f[rng_next(&seed) % len] = (uint8_t)rng_next(&seed);
                if (rng_next(&seed) % 4 == 0)
                    len = rng_next(&seed) % (len + 1);
            } else {
                uint16_t p = protos[rng_next(&seed) % 8];
                len = 2 + rng_next(&seed) % (sizeof f - 2);
                f[0] = (uint8_t)(p >> 8);
                f[1] = (uint8_t)p;
                for (size_t i = 2; i < len; i++)
                    f[i] = (uint8_t)rng_next(&seed);
                if (len > 5) {
                    f[2] = (uint8_t)(1 + rng_next(&seed) % 14);   /* plausible codes */
                    f[4] = 0;
                    f[5] = (uint8_t)(len - 2 - rng_next(&seed) % 3);
                }
            }
            ppp_link_input(&h.link[t], f, len, NULL);
            frames++;
            if (k % 50 == 0)
                h_advance(&h, h.tq.now + USEC_PER_SEC);
        }
        h_advance(&h, h.tq.now + 120 * USEC_PER_SEC);
        for (int i = 0; i < EP_COUNT; i++) {
            CU_ASSERT((unsigned)h.link[i].lcp.fsm.state < PPP_FSM_STATE_COUNT);
            CU_ASSERT((unsigned)h.link[i].ipcp.fsm.state < PPP_FSM_STATE_COUNT);
        }
        h_free(&h);
    }
    CU_ASSERT(frames > 5000);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"the seed's frames byte for byte", test_seed_frames_byte_exact},
        {"configuration errors name the field", test_config_errors},
        {"proxy data errors", test_proxy_errors},
        {"phases and per-protocol counters", test_phases_and_counters},
        {"what each phase accepts", test_phase_rules},
        {"LAC without authentication forwards at once", test_lac_without_auth},
        {"LAC sends nothing of its own once forwarding", test_lac_silent_after_forwarding},
        {"a closed link starts again", test_restart_after_close},
        {"debug switches select the lines", test_debug_switches},
        {"random and mutated frames: no crash", test_random_frames},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp link", tests);
}
