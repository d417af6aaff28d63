/* IPCP address authorization and pools: the seed's negotiated address
 * 10.10.53.2 allowed, framed addresses, pool allocation, release and
 * exhaustion. */
#include "test_aaa_util.h"

static void test_seed_negotiated_address(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lns-l2tp-gw.conf");
    uint32_t addr = 0;
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi4", "2500-1", IP(10, 10, 53, 2), &addr),
                    AAA_PASS);
    CU_ASSERT_EQUAL(addr, IP(10, 10, 53, 2));
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, NULL), 0);   /* not taken from the pool */
    static const char *const want[] = {
        "Vi4 AAA/AUTHOR/IPCP (1): Port='Virtual-Access4' list='default' service=NET",
        "AAA/AUTHOR/IPCP: Vi4 (1) user='2500-1'",
        "Vi4 AAA/AUTHOR/IPCP (1): send AV service=ppp",
        "Vi4 AAA/AUTHOR/IPCP (1): send AV protocol=ip",
        "Vi4 AAA/AUTHOR/IPCP (1): send AV addr*10.10.53.2",
        "Vi4 AAA/AUTHOR/IPCP (1): Method=LOCAL",
        "LOCAL: allowing negotiated framed address 10.10.53.2",
        "Vi4 AAA/AUTHOR (1): Post authorization status = PASS_REPL",
        "Vi4 AAA/AUTHOR/IPCP: Processing AV service=ppp",
        "Vi4 AAA/AUTHOR/IPCP: Processing AV addr=10.10.53.2",
        "Vi4 AAA/AUTHOR/IPCP: Authorization succeeded",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);

    /* Asking for nothing: the pool's first address, held until released. */
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi5", "2500-1", 0, &addr), AAA_PASS);
    CU_ASSERT_EQUAL(addr, IP(10, 10, 53, 10));
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "default"), 1);
    CU_ASSERT_EQUAL(aaa_pool_release(&f.aaa, addr, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "default"), 0);
    /* Unknown user: no authorization. */
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi6", "mallory", IP(10, 10, 53, 3), &addr),
                    AAA_FAIL);
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "Vi6 AAA/AUTHOR/IPCP: Authorization failed"), -1);
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi6", NULL, 0, &addr), AAA_FAIL);
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, NULL, "2500-1", 0, NULL), AAA_FAIL);
    fixture_free(&f);
}

static void test_framed_and_user_pool(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/both.conf");
    uint32_t addr = 0;
    /* bob's framed address wins over what he asks for. */
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi1", "bob", IP(1, 2, 3, 4), &addr), AAA_PASS);
    CU_ASSERT_EQUAL(addr, IP(10, 40, 0, 7));
    /* alice draws from "staff" (two addresses): her wish when it is in
     * the pool, then the other one, then exhaustion. */
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi2", "alice@example.net", IP(10, 30, 0, 2),
                                       &addr), AAA_PASS);
    CU_ASSERT_EQUAL(addr, IP(10, 30, 0, 2));
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi3", "alice@example.net", IP(10, 30, 0, 2),
                                       &addr), AAA_PASS);
    CU_ASSERT_EQUAL(addr, IP(10, 30, 0, 1));
    addr = 0;
    CU_ASSERT_EQUAL(aaa_ipcp_authorize(&f.aaa, "Vi4", "alice@example.net", 0, &addr), AAA_FAIL);
    CU_ASSERT_EQUAL(addr, 0);
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "Vi4 AAA/AUTHOR/IPCP: offset 0: pool: pool staff "
                                             "exhausted (2 addresses in use)"), -1);
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "staff"), 2);
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "users"), 0);
    /* By user: alice's pool is full; bob has none of his own (default "users"). */
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(aaa_pool_alloc_user(&f.aaa, "alice@example.net", 0, &addr, &err),
                    PROTO_ENOSPC);
    CU_ASSERT_EQUAL(aaa_pool_alloc_user(&f.aaa, "bob", 0, &addr, &err), PROTO_OK);
    CU_ASSERT_EQUAL(addr, IP(10, 20, 0, 1));
    CU_ASSERT_EQUAL(aaa_pool_alloc_user(&f.aaa, "stranger", IP(10, 20, 0, 9), &addr, &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(addr, IP(10, 20, 0, 9));
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "users"), 2);
    CU_ASSERT_EQUAL(aaa_pool_alloc_user(&f.aaa, NULL, 0, &addr, &err), PROTO_EINVAL);
    fixture_free(&f);
}

static void test_pool_alloc_release(void)
{
    struct aaa_fixture f;
    fixture_text(&f, "[global]\nrole = lns\nhostname = g\n[aaa]\ndefault-pool = p\n"
                     "[pool p]\nrange = 192.168.0.254 192.168.1.2\n"
                     "[pool q]\nrange = 172.16.0.1 172.16.0.1\n");
    uint32_t a[6];
    struct proto_error err = {0};
    /* Lowest free first, across the octet boundary. */
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "", 0, &a[0], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[0], IP(192, 168, 0, 254));
    /* A wish inside the pool is honoured; outside it is not. */
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "p", IP(192, 168, 1, 1), &a[1], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[1], IP(192, 168, 1, 1));
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, NULL, IP(10, 0, 0, 1), &a[2], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[2], IP(192, 168, 0, 255));
    /* A wish already taken: the lowest free instead. */
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "p", IP(192, 168, 1, 1), &a[3], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[3], IP(192, 168, 1, 0));
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "p", 0, &a[4], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[4], IP(192, 168, 1, 2));
    CU_ASSERT_EQUAL(aaa_pool_in_use(&f.aaa, "p"), 5);
    /* Exhausted. */
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "p", 0, &a[5], &err), PROTO_ENOSPC);
    CU_ASSERT_STRING_EQUAL(err.field, "pool");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "exhausted"));
    /* Release one, and the next allocation gets exactly it. */
    CU_ASSERT_EQUAL(aaa_pool_release(&f.aaa, a[2], &err), PROTO_OK);
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "p", 0, &a[5], &err), PROTO_OK);
    CU_ASSERT_EQUAL(a[5], a[2]);
    /* Double release, an address of no pool, an unknown pool. */
    CU_ASSERT_EQUAL(aaa_pool_release(&f.aaa, a[0], &err), PROTO_OK);
    CU_ASSERT_EQUAL(aaa_pool_release(&f.aaa, a[0], &err), PROTO_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "not handed out"));
    CU_ASSERT_EQUAL(aaa_pool_release(&f.aaa, IP(8, 8, 8, 8), &err), PROTO_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "in no pool"));
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "nope", 0, &a[0], &err), PROTO_EINVAL);
    /* A one-address pool. */
    uint32_t q;
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "q", 0, &q, &err), PROTO_OK);
    CU_ASSERT_EQUAL(q, IP(172, 16, 0, 1));
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, "q", 0, &q, &err), PROTO_ENOSPC);
    fixture_free(&f);
}

/* No pools at all: allocation is a clear error. */
static void test_no_pool(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lac-hgw.conf");
    uint32_t a;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(aaa_pool_alloc(&f.aaa, NULL, 0, &a, &err), PROTO_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "no pool"));
    fixture_free(&f);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed: negotiated 10.10.53.2 allowed", test_seed_negotiated_address},
        {"framed address, user pool, exhaustion", test_framed_and_user_pool},
        {"pool allocation, release, errors", test_pool_alloc_release},
        {"no pool configured", test_no_pool},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("aaa pool", tests);
}
