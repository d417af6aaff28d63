/* IPCP between the client and an LNS-role link (normal LCP and CHAP, no
 * proxy): the peer's address from AAA (framed address, or the negotiated
 * one when allowed) or the pool, VJ compression rejected or accepted,
 * RFC 1877 DNS offered with a Nak or rejected, malformed requests. */
#include "test_ppp_harness.h"

static void pair(struct harness *h, void (*tweak)(struct ppp_link_config *c, struct harness *h))
{
    struct ppp_link_config c[EP_COUNT];
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    h_init(h, c);
    if (tweak) {
        tweak(c, h);
        for (int i = 0; i < EP_COUNT; i++) {
            struct ppp_link_callbacks cb = h->link[i].cb;
            ppp_link_stop(&h->link[i]);
            CU_ASSERT_FATAL(ppp_link_init(&h->link[i], &c[i], &cb, &h->aaa, &h->tq, &h->log[i],
                                          NULL) == PROTO_OK);
        }
    }
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

static void ask_for_address(struct ppp_link_config *c, struct harness *h)
{
    c[EP_CLIENT].ipcp.address = 0;          /* 0.0.0.0: "give me one" */
    c[EP_CLIENT].ipcp.request_vj = false;
    h->users.allow_negotiated = false;
    h->pool_next = h_ip(10, 9, 9, 9);
}

static void test_address_from_pool(void)
{
    struct harness h;
    pair(&h, ask_for_address);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.address, h_ip(10, 9, 9, 9));
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.address, h_ip(10, 9, 9, 9));
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.stats.confnak_sent, 1);
    CU_ASSERT_EQUAL(h.pool_calls, 1);     /* one address per negotiation */
    CU_ASSERT_EQUAL(h.routes_installed, 1);
    CU_ASSERT_EQUAL(h.route_addr, h_ip(10, 9, 9, 9));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS],
                             "Vi4 AAA/AUTHOR/IPCP: Start. Her address 0.0.0.0, we want 10.9.9.9"));
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 IPCP: Install route to 10.9.9.9"));
    h_free(&h);
}

static void framed_address(struct ppp_link_config *c, struct harness *h)
{
    (void)c;
    h->users.framed_ip = h_ip(10, 2, 2, 2);   /* AAA says which address */
}

static void test_framed_address_overrides(void)
{
    struct harness h;
    pair(&h, framed_address);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.address, h_ip(10, 2, 2, 2));
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.address, h_ip(10, 2, 2, 2));
    CU_ASSERT_EQUAL(h.pool_calls, 0);
    h_free(&h);
}

static void test_negotiated_address_allowed(void)
{
    struct harness h;
    pair(&h, NULL);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.address, h_ip(10, 10, 53, 2));
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.stats.confnak_sent, 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.stats.confrej_sent, 1);   /* VJ */
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_compression);
    CU_ASSERT_EQUAL(h.pool_calls, 0);
    h_free(&h);
}

static void no_address(struct ppp_link_config *c, struct harness *h)
{
    ask_for_address(c, h);
    h->pool_next = 0;                          /* pool empty */
}

static void test_no_address_rejects_option(void)
{
    struct harness h;
    pair(&h, no_address);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_address);
    CU_ASSERT_FALSE(h.link[EP_LNS].ipcp.his.has_address);
    CU_ASSERT_EQUAL(h.routes_installed, 0);
    CU_ASSERT(h_line_present(&h.ep[EP_LNS], "Vi4 AAA/AUTHOR/IPCP: no address for her"));
    h_free(&h);
}

static void vj_ok(struct ppp_link_config *c, struct harness *h)
{
    (void)h;
    c[EP_LNS].ipcp.accept_vj = true;
}

static void test_vj_accepted_when_allowed(void)
{
    struct harness h;
    pair(&h, vj_ok);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT(h.link[EP_CLIENT].ipcp.got.has_compression);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.vj_max_slot_id, 15);
    h_free(&h);
}

static void dns_offered(struct ppp_link_config *c, struct harness *h)
{
    (void)h;
    c[EP_CLIENT].ipcp.request_dns = true;
    c[EP_LNS].ipcp.primary_dns = h_ip(192, 0, 2, 53);
    c[EP_LNS].ipcp.secondary_dns = h_ip(192, 0, 2, 54);
}

static void test_dns_nak_with_ours(void)
{
    struct harness h;
    pair(&h, dns_offered);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    const struct ipcp *c = &h.link[EP_CLIENT].ipcp;
    CU_ASSERT(c->got.has_primary_dns);
    CU_ASSERT_EQUAL(c->got.primary_dns, h_ip(192, 0, 2, 53));
    CU_ASSERT_EQUAL(c->got.secondary_dns, h_ip(192, 0, 2, 54));
    CU_ASSERT(h.link[EP_LNS].ipcp.his.has_primary_dns);
    h_free(&h);
}

static void dns_not_configured(struct ppp_link_config *c, struct harness *h)
{
    (void)h;
    c[EP_CLIENT].ipcp.request_dns = true;
}

static void test_dns_rejected_without_servers(void)
{
    struct harness h;
    pair(&h, dns_not_configured);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_primary_dns);
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_secondary_dns);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.address, h_ip(10, 10, 53, 2));
    h_free(&h);
}

static void dns_from_aaa(struct ppp_link_config *c, struct harness *h)
{
    c[EP_CLIENT].ipcp.request_dns = true;
    h->users.primary_dns = h_ip(198, 51, 100, 1);   /* per user, from AAA */
}

static void test_dns_from_aaa(void)
{
    struct harness h;
    pair(&h, dns_from_aaa);
    CU_ASSERT(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT(h.link[EP_CLIENT].ipcp.got.has_primary_dns);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.primary_dns, h_ip(198, 51, 100, 1));
    CU_ASSERT_FALSE(h.link[EP_CLIENT].ipcp.got.has_secondary_dns);   /* none configured */
    h_free(&h);
}

static void test_malformed_request(void)
{
    struct harness h;
    pair(&h, NULL);
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    /* Option length 1 overruns nothing but is below 2: dropped, state kept. */
    static const uint8_t bad[] = {0x80, 0x21, PPP_CONFIGURE_REQUEST, 50, 0, 7, 3, 1, 0};
    struct proto_error err = {0};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], bad, sizeof bad, &err), PROTO_OK);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.fsm.state, PPP_FSM_OPENED);
    /* Truncated IPCP header. */
    static const uint8_t cut[] = {0x80, 0x21, 1, 2};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], cut, sizeof cut, &err), PROTO_OK);
    CU_ASSERT(h.link[EP_LNS].stats.rx_malformed >= 2);
    /* An IP packet flows once IPCP is open, and not before. */
    static const uint8_t ip[] = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 10, 53, 2,
                                 10, 51, 6, 82};
    CU_ASSERT_EQUAL(ppp_link_send_ip(&h.link[EP_CLIENT], ip, sizeof ip, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].stats.frames_out[PPP_LP_IP], 1);
    h_pump(&h);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.frames_in[PPP_LP_IP], 1);
    h_free(&h);
}

static void test_ip_before_ipcp_refused(void)
{
    struct harness h;
    pair(&h, NULL);
    static const uint8_t ip[] = {0x45, 0};
    CU_ASSERT_NOT_EQUAL(ppp_link_send_ip(&h.link[EP_CLIENT], ip, sizeof ip, NULL), PROTO_OK);
    static const uint8_t frame[] = {0x00, 0x21, 0x45, 0};
    CU_ASSERT_NOT_EQUAL(ppp_link_input(&h.link[EP_LNS], frame, sizeof frame, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(h.link[EP_LNS].stats.rx_discarded, 1);
    h_free(&h);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"0.0.0.0 gets a pool address by Nak", test_address_from_pool},
        {"AAA framed address overrides the request", test_framed_address_overrides},
        {"negotiated address allowed by AAA; VJ rejected", test_negotiated_address_allowed},
        {"no address to give: IP-Address rejected", test_no_address_rejects_option},
        {"VJ accepted when configured", test_vj_accepted_when_allowed},
        {"RFC 1877 DNS: Nak with ours", test_dns_nak_with_ours},
        {"RFC 1877 DNS: rejected without servers", test_dns_rejected_without_servers},
        {"RFC 1877 DNS from the AAA accept", test_dns_from_aaa},
        {"malformed requests; IP after open", test_malformed_request},
        {"no IP before IPCP is open", test_ip_before_ipcp_refused},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp ipcp", tests);
}
