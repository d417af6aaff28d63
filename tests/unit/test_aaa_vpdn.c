/* VPDN tunnel authorization: the seed's DNIS lookup (dnis:614629 ->
 * tunnel-id hgw, 10.51.6.82 priority 1, password hello) with its debug
 * lines, domain lookups, failover order by priority. */
#include "test_aaa_util.h"

struct vpdn_result {
    int calls;
    enum aaa_result r;
    struct aaa_tunnel_info info;
    bool had_info;
};

static void vpdn_done(void *ctx, enum aaa_result r, const struct aaa_tunnel_info *info)
{
    struct vpdn_result *v = ctx;
    v->calls++;
    v->r = r;
    v->had_info = info != NULL;
    if (info)
        v->info = *info;
}

static void test_seed_dnis(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lac-hgw.conf");
    struct vpdn_result v = {0};
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:0", "614629", "2500-1", vpdn_done, &v),
                    AAA_PASS);
    CU_ASSERT_EQUAL(v.calls, 1);
    CU_ASSERT_EQUAL(v.r, AAA_PASS);
    CU_ASSERT_FATAL(v.had_info);
    CU_ASSERT_STRING_EQUAL(v.info.user, "dnis:614629");
    CU_ASSERT_STRING_EQUAL(v.info.tunnel_type, "l2tp");
    CU_ASSERT_STRING_EQUAL(v.info.tunnel_id, "hgw");
    CU_ASSERT_EQUAL(v.info.n_lns, 1);
    CU_ASSERT_EQUAL(v.info.lns[0].ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(v.info.lns[0].priority, 1);
    CU_ASSERT_EQUAL(v.info.password_len, 5);
    CU_ASSERT_EQUAL(memcmp(v.info.password, "hello", 5), 0);
    CU_ASSERT_TRUE(v.info.busy_disconnect);

    struct aaa_lns lns;
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &v.info, 0, &lns, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(lns.ip, IP(10, 51, 6, 82));
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &v.info, 1, &lns, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "LNS");

    /* The seed's lines, in the seed's order (IOS's request number is ours). */
    static const char *const seed[] = {
        "Se0:0 VPDN: Got DNIS string 614629",
        "Se0:0 VPDN: Looking for tunnel -- dnis:614629 --",
        "Serial0:0 AAA/AUTHOR/VPDN (1): Port='Serial0:0' list='default' service=NET",
        "AAA/AUTHOR/VPDN: Serial0:0 (1) user='dnis:614629'",
        "Serial0:0 AAA/AUTHOR/VPDN (1): send AV service=ppp",
        "Serial0:0 AAA/AUTHOR/VPDN (1): send AV protocol=vpdn",
        "Serial0:0 AAA/AUTHOR/VPDN (1): found list \"default\"",
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=LOCAL",
        "AAA/AUTHOR (1): Post authorization status = PASS_ADD",
        "AAA/AUTHOR/VPDN: Processing AV service=ppp",
        "AAA/AUTHOR/VPDN: Processing AV protocol=vpdn",
        "AAA/AUTHOR/VPDN: Processing AV tunnel-type=l2tp",
        "AAA/AUTHOR/VPDN: Processing AV tunnel-id=hgw",
        "AAA/AUTHOR/VPDN: Processing AV ip-addresses=10.51.6.82",
        "AAA/AUTHOR/VPDN: Processing AV l2tp-tunnel-password=hello",
        "Se0:0 VPDN/RPMS/: Got tunnel info for dnis:614629",
        "Se0:0 VPDN/RPMS/: LAC hgw",
        "Se0:0 VPDN/RPMS/: l2tp-busy-disconnect yes",
        "Se0:0 VPDN/RPMS/: l2tp-tunnel-password xxxxxx",
        "Se0:0 VPDN/RPMS/: IP 10.51.6.82",
        "Se0:0 VPDN/: curlvl 1 Address 0: 10.51.6.82, priority 1",
        "Se0:0 VPDN/: Select non-active address 10.51.6.82, priority 1",
    };
    expect_in_order(&f.out, seed, sizeof seed / sizeof seed[0]);
    fixture_free(&f);
}

/* Debug switches off: the same answer, no lines. */
static void test_quiet(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lac-hgw.conf");
    f.log.enabled = 0;
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:0", "614629", NULL, NULL, NULL), AAA_PASS);
    CU_ASSERT_EQUAL(f.out.n, 0);
    fixture_free(&f);
}

static void test_unknown_dnis(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lac-hgw.conf");
    struct vpdn_result v = {0};
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:1", "555000", "2500-1", vpdn_done, &v),
                    AAA_FAIL);
    CU_ASSERT_EQUAL(v.calls, 1);
    CU_ASSERT_EQUAL(v.r, AAA_FAIL);
    CU_ASSERT_FALSE(v.had_info);
    static const char *const want[] = {
        "Se0:1 VPDN: Looking for tunnel -- dnis:555000 --",
        "AAA/AUTHOR (1): Post authorization status = FAIL",
        "Se0:1 VPDN/RPMS/: No tunnel info for dnis:555000",
    };
    expect_in_order(&f.out, want, 3);
    /* Neither a number nor a domain. */
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:1", NULL, "plainuser", vpdn_done, &v),
                    AAA_FAIL);
    CU_ASSERT_EQUAL(v.calls, 2);
    /* No interface name, no tunnel info: errors, not crashes. */
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, NULL, "614629", NULL, NULL, NULL), AAA_PASS);
    struct aaa_lns l;
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:1", NULL, 0, &l, NULL), PROTO_EINVAL);
    fixture_free(&f);
}

/* No tunnel for the number: the user's domain decides (both.conf). */
static void test_domain(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/both.conf");
    struct vpdn_result v = {0};
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:2", "999", "alice@Example.NET", vpdn_done,
                                       &v), AAA_PASS);
    CU_ASSERT_STRING_EQUAL(v.info.user, "domain:Example.NET");
    CU_ASSERT_STRING_EQUAL(v.info.tunnel_id, "edge-1-lac");
    CU_ASSERT_EQUAL(v.info.n_lns, 3);
    static const char *const want[] = {
        "Se0:2 VPDN: Got DNIS string 999",
        "Se0:2 VPDN/RPMS/: No tunnel info for dnis:999",
        "Se0:2 VPDN: Got domain string Example.NET",
        "Se0:2 VPDN: Looking for tunnel -- domain:Example.NET --",
        "AAA/AUTHOR/VPDN: Processing AV ip-addresses=192.0.2.10 192.0.2.11/192.0.2.12",
        "Se0:2 VPDN/RPMS/: Got tunnel info for domain:Example.NET",
        "Se0:2 VPDN/RPMS/: LAC edge-1-lac",
        "Se0:2 VPDN/RPMS/: l2tp-busy-disconnect no",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);
    /* A DNIS entry wins over the domain. */
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:2", "614629", "alice@example.net", vpdn_done,
                                       &v), AAA_PASS);
    CU_ASSERT_STRING_EQUAL(v.info.user, "dnis:614629");
    CU_ASSERT_STRING_EQUAL(v.info.tunnel_id, "edge-1");
    fixture_free(&f);
}

/* Failover: by priority, equal priorities in file order, then the end. */
static void test_failover_order(void)
{
    struct aaa_fixture f;
    fixture_text(&f, "[global]\nrole = lac\nhostname = lac1\n"
                     "[vpdn dnis:100]\n"
                     "lns = 10.0.0.3 priority 3\n"
                     "lns = 10.0.0.1 priority 1\n"
                     "lns = 10.0.0.2 priority 2\n"
                     "lns = 10.0.0.4 priority 1\n"
                     "lns = 10.0.0.5 priority 2\n"
                     "lns = 10.0.0.6 priority 1\n");
    struct vpdn_result v = {0};
    CU_ASSERT_EQUAL_FATAL(aaa_vpdn_authorize(&f.aaa, "Se0:3", "100", NULL, vpdn_done, &v),
                          AAA_PASS);
    static const uint32_t order[] = {IP(10, 0, 0, 1), IP(10, 0, 0, 4), IP(10, 0, 0, 6),
                                     IP(10, 0, 0, 2), IP(10, 0, 0, 5), IP(10, 0, 0, 3)};
    static const unsigned prio[] = {1, 1, 1, 2, 2, 3};
    CU_ASSERT_EQUAL_FATAL(v.info.n_lns, 6);
    CU_ASSERT_EQUAL(v.info.password_len, 0);   /* no tunnel authentication */
    for (size_t i = 0; i < 6; i++) {
        struct aaa_lns l;
        CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:3", &v.info, i, &l, NULL), PROTO_OK);
        CU_ASSERT_EQUAL(l.ip, order[i]);
        CU_ASSERT_EQUAL(l.priority, prio[i]);
    }
    struct aaa_lns l;
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:3", &v.info, 6, &l, NULL), PROTO_EINVAL);
    static const char *const want[] = {
        "AAA/AUTHOR/VPDN: Processing AV ip-addresses=10.0.0.1 10.0.0.4 10.0.0.6/10.0.0.2 "
        "10.0.0.5/10.0.0.3",
        /* attempt 0: level 1 lists the three priority-1 addresses */
        "Se0:3 VPDN/: curlvl 1 Address 0: 10.0.0.1, priority 1",
        "Se0:3 VPDN/: curlvl 1 Address 1: 10.0.0.4, priority 1",
        "Se0:3 VPDN/: curlvl 1 Address 2: 10.0.0.6, priority 1",
        "Se0:3 VPDN/: Select non-active address 10.0.0.1, priority 1",
        "Se0:3 VPDN/: Select non-active address 10.0.0.4, priority 1",
        "Se0:3 VPDN/: Select non-active address 10.0.0.6, priority 1",
        "Se0:3 VPDN/: curlvl 2 Address 3: 10.0.0.2, priority 2",
        "Se0:3 VPDN/: Select non-active address 10.0.0.2, priority 2",
        "Se0:3 VPDN/: Select non-active address 10.0.0.5, priority 2",
        "Se0:3 VPDN/: curlvl 3 Address 5: 10.0.0.3, priority 3",
        "Se0:3 VPDN/: Select non-active address 10.0.0.3, priority 3",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);
    fixture_free(&f);
}

/* tests/config/lac-failover.conf: the first LNS does not answer, the
 * seed's 10.51.6.82 is next. */
static void test_failover_file(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lac-failover.conf");
    struct vpdn_result v = {0};
    CU_ASSERT_EQUAL_FATAL(aaa_vpdn_authorize(&f.aaa, "Se0:0", "614629", NULL, vpdn_done, &v),
                          AAA_PASS);
    CU_ASSERT_FALSE(v.info.busy_disconnect);
    struct aaa_lns l;
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &v.info, 0, &l, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(l.ip, IP(10, 51, 6, 81));
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &v.info, 1, &l, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(l.ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(l.priority, 2);
    static const char *const want[] = {
        "AAA/AUTHOR/VPDN: Processing AV ip-addresses=10.51.6.81/10.51.6.82",
        "Se0:0 VPDN/: curlvl 1 Address 0: 10.51.6.81, priority 1",
        "Se0:0 VPDN/: Select non-active address 10.51.6.81, priority 1",
        "Se0:0 VPDN/: curlvl 2 Address 1: 10.51.6.82, priority 2",
        "Se0:0 VPDN/: Select non-active address 10.51.6.82, priority 2",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);
    /* Domain entry with equal priorities: file order. */
    CU_ASSERT_EQUAL_FATAL(aaa_vpdn_authorize(&f.aaa, "Se0:1", NULL, "u@example.com", vpdn_done,
                                             &v), AAA_PASS);
    CU_ASSERT_EQUAL(v.info.lns[0].ip, IP(10, 51, 6, 90));
    CU_ASSERT_EQUAL(v.info.lns[1].ip, IP(10, 51, 6, 91));
    fixture_free(&f);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed: dnis:614629 -> hgw, 10.51.6.82 priority 1, hello", test_seed_dnis},
        {"debug off: no lines", test_quiet},
        {"unknown DNIS fails", test_unknown_dnis},
        {"domain lookup, DNIS first", test_domain},
        {"failover by priority, ties in file order", test_failover_order},
        {"failover example file", test_failover_file},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("aaa vpdn", tests);
}
