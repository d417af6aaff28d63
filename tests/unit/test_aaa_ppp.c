/* The local AAA behind real PPP links: the seed's call (client 2500-1,
 * LAC 5300-1, LNS 1600-3, tests/unit/test_ppp_harness.h) with
 * tests/config/lns-l2tp-gw.conf answering every AAA question: the client's
 * secret, the LNS's check of the proxied CHAP response, and IPCP ending
 * with the negotiated 10.10.53.2. A client with the wrong secret is
 * refused. */
#include "test_aaa_util.h"
#include "test_ppp_harness.h"

static bool ipcp_both_open(struct harness *h)
{
    return ppp_link_ipcp_open(&h->link[EP_CLIENT]) && ppp_link_ipcp_open(&h->link[EP_LNS]);
}

static void start(struct harness *h, struct aaa *a)
{
    struct ppp_link_config c[EP_COUNT];
    h_client_config(&c[EP_CLIENT]);
    h_lac_config(&c[EP_LAC]);
    h_lns_config(&c[EP_LNS]);
    h_init(h, c);
    /* Every link asks through h->aaa (a pointer they keep): ours now. */
    aaa_ppp_interface(a, &h->aaa);
    h_seed_challenge(&h->ep[EP_LAC]);
    ppp_link_start(&h->link[EP_LAC]);
    h->started[EP_LAC] = true;
    ppp_link_start(&h->link[EP_CLIENT]);
    h->started[EP_CLIENT] = true;
}

static void test_seed_call(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lns-l2tp-gw.conf");
    static struct harness h;
    start(&h, &f.aaa);
    CU_ASSERT_FATAL(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    /* The proxied response is the seed's own (secret "cisco"). */
    uint8_t want[16];
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("CA1CC2E4FA6899E8DF1B695C0A80883E", want, sizeof want, &n, NULL) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(h.proxy.response_len, 16);
    CU_ASSERT_EQUAL(memcmp(h.proxy.response, want, 16), 0);
    CU_ASSERT_EQUAL(h.link[EP_LNS].ipcp.his.address, IP(10, 10, 53, 2));
    CU_ASSERT_EQUAL(h.link[EP_CLIENT].ipcp.got.address, IP(10, 10, 53, 2));
    CU_ASSERT_EQUAL(h.pool_calls, 0);    /* allowed as negotiated, no pool */
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (1): status = PASS"), -1);
    CU_ASSERT_TRUE(h_line_present(&h.ep[EP_LNS], "Vi4 CHAP: O SUCCESS id 6 len 4"));
    CU_ASSERT_TRUE(h_line_present(&h.ep[EP_LNS],
                                  "Vi4 AAA/AUTHOR/IPCP: Done. Her address 10.10.53.2, we want "
                                  "10.10.53.2"));
    h_free(&h);
    fixture_free(&f);
}

static void test_wrong_client_secret(void)
{
    struct aaa_fixture f, client;
    fixture_file(&f, "tests/config/lns-l2tp-gw.conf");
    fixture_text(&client, "[global]\nrole = lac\nhostname = remote\n"
                          "[user 2500-1]\nsecret = not-cisco\n");
    static struct harness h;
    start(&h, &f.aaa);
    /* The client alone believes another secret. */
    static struct ppp_aaa client_if;
    aaa_ppp_interface(&client.aaa, &client_if);
    h.link[EP_CLIENT].aaa = &client_if;
    h.link[EP_CLIENT].chap.aaa = &client_if;
    h.link[EP_CLIENT].pap.aaa = &client_if;
    CU_ASSERT_FALSE(h_run(&h, ipcp_both_open, 60 * USEC_PER_SEC));
    CU_ASSERT_FALSE(ppp_link_ipcp_open(&h.link[EP_LNS]));
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (1): status = FAIL"), -1);
    CU_ASSERT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (1): status = PASS"), -1);
    CU_ASSERT_TRUE(h.link[EP_LNS].stats.auth_failures > 0);
    h_free(&h);
    fixture_free(&client);
    fixture_free(&f);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed call: local AAA at client and LNS, 10.10.53.2", test_seed_call},
        {"wrong client secret refused at the LNS", test_wrong_client_secret},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("aaa with ppp links", tests);
}
