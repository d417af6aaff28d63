/* host/config: the example files under tests/config/ parse to the seed's
 * routers, every key is read, defaults hold. */
#include <glob.h>
#include <string.h>

#include "config.h"
#include "config_int.h"
#include "unit.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))
#define S(us) ((uint64_t)(us) * 1000000u)

static proto_status load(const char *path, struct l2tpd_config *c)
{
    struct config_error e;
    char line[400];
    proto_status st = config_load(path, c, &e);
    if (st != PROTO_OK)
        fprintf(stderr, "%s\n", config_error_format(&e, line, sizeof line));
    return st;
}

static void test_lac_hgw(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(load("tests/config/lac-hgw.conf", &c) == PROTO_OK);
    CU_ASSERT_EQUAL(c.role, CONFIG_ROLE_LAC);
    CU_ASSERT_STRING_EQUAL(c.hostname, "hgw");
    CU_ASSERT_STRING_EQUAL(c.ppp_name, "5300-1");
    CU_ASSERT_STRING_EQUAL(c.card, "rtl");
    CU_ASSERT_EQUAL(c.wire.kind, CONFIG_WIRE_MEMORY);
    CU_ASSERT_EQUAL(c.clock, CONFIG_CLOCK_VIRTUAL);
    CU_ASSERT_EQUAL(c.debug, (1u << DBG_L2TP_EVENTS) | (1u << DBG_L2TP_PACKETS) |
                                 (1u << DBG_PPP_NEGOTIATION) | (1u << DBG_PPP_AUTH) |
                                 (1u << DBG_AAA) | (1u << DBG_VPDN));
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lac_us, S(15));
    CU_ASSERT_EQUAL(c.n_vpdns, 1);
    const struct config_vpdn *v = config_find_vpdn(&c, CONFIG_VPDN_DNIS, "614629");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_STRING_EQUAL(v->tunnel_id, "hgw");
    CU_ASSERT_EQUAL(v->n_lns, 1);
    CU_ASSERT_EQUAL(v->lns[0].ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(v->lns[0].priority, 1);
    CU_ASSERT_EQUAL(v->password_len, 5);
    CU_ASSERT_EQUAL(memcmp(v->password, "hello", 5), 0);
    CU_ASSERT_PTR_NULL(config_find_vpdn(&c, CONFIG_VPDN_DNIS, "614630"));
    config_free(&c);
}

static void test_lns_l2tp_gw(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(load("tests/config/lns-l2tp-gw.conf", &c) == PROTO_OK);
    CU_ASSERT_EQUAL(c.role, CONFIG_ROLE_LNS);
    CU_ASSERT_STRING_EQUAL(c.hostname, "l2tp-gw");
    CU_ASSERT_STRING_EQUAL(c.ppp_name, "1600-3");
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lns_us, S(10));
    CU_ASSERT_EQUAL(c.tunnel.session_limit, 1000);
    const struct config_peer *p = config_find_peer(&c, "hgw");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->secret_len, 5);
    CU_ASSERT_EQUAL(memcmp(p->secret, "hello", 5), 0);
    CU_ASSERT_PTR_NULL(config_find_peer(&c, "other-lac"));
    const struct config_user *u = config_find_user(&c, "2500-1", 6);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    CU_ASSERT_TRUE(u->allow_chap);
    CU_ASSERT_FALSE(u->allow_pap);
    CU_ASSERT_TRUE(u->allow_negotiated_address);
    CU_ASSERT_EQUAL(u->framed_ip, 0);
    CU_ASSERT_STRING_EQUAL(c.default_pool, "default");
    const struct config_pool *pool = config_find_pool(&c, "default");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    CU_ASSERT_EQUAL(pool->first, IP(10, 10, 53, 10));
    CU_ASSERT_EQUAL(pool->last, IP(10, 10, 53, 250));
    config_free(&c);
}

/* Every example under tests/config/ parses. */
static void test_all_examples_parse(void)
{
    glob_t g;
    CU_ASSERT_EQUAL_FATAL(glob("tests/config/*.conf", 0, NULL, &g), 0);
    CU_ASSERT_TRUE(g.gl_pathc >= 4);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct l2tpd_config c;
        CU_ASSERT_EQUAL(load(g.gl_pathv[i], &c), PROTO_OK);
        config_free(&c);
    }
    globfree(&g);
}

static void test_lac_failover(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(load("tests/config/lac-failover.conf", &c) == PROTO_OK);
    const struct config_vpdn *v = config_find_vpdn(&c, CONFIG_VPDN_DNIS, "614629");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(v->n_lns, 2);
    CU_ASSERT_EQUAL(v->lns[0].ip, IP(10, 51, 6, 81));
    CU_ASSERT_EQUAL(v->lns[1].priority, 2);
    CU_ASSERT_FALSE(v->busy_disconnect);
    CU_ASSERT_EQUAL(c.tunnel.retransmit_retries, 2);
    config_free(&c);
}

/* both.conf sets every key of every section. */
static void test_both_every_key(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(load("tests/config/both.conf", &c) == PROTO_OK);
    CU_ASSERT_EQUAL(c.role, CONFIG_ROLE_BOTH);
    CU_ASSERT_STRING_EQUAL(c.hostname, "edge-1");
    CU_ASSERT_STRING_EQUAL(c.ppp_name, "edge-1-ppp");
    CU_ASSERT_STRING_EQUAL(c.card, "model");
    CU_ASSERT_EQUAL(c.wire.kind, CONFIG_WIRE_UDP);
    CU_ASSERT_EQUAL(c.wire.ip, IP(127, 0, 0, 2));
    CU_ASSERT_EQUAL(c.wire.port, 1701);
    CU_ASSERT_EQUAL(c.clock, CONFIG_CLOCK_WALL);
    CU_ASSERT_EQUAL(c.debug, (1u << DBG_L2TP_EVENTS) | (1u << DBG_VPDN) | (1u << DBG_CARD));
    CU_ASSERT_TRUE(c.tunnel.hidden_avps);
    CU_ASSERT_EQUAL(c.tunnel.receive_window, 8);
    CU_ASSERT_EQUAL(c.tunnel.hello_interval_us, S(30));
    CU_ASSERT_EQUAL(c.tunnel.retransmit_initial_us, 500000);
    CU_ASSERT_EQUAL(c.tunnel.retransmit_max_us, S(4));
    CU_ASSERT_EQUAL(c.tunnel.retransmit_retries, 8);
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lns_us, S(10));
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lac_us, S(15));
    CU_ASSERT_EQUAL(c.tunnel.session_limit, 500);
    CU_ASSERT_EQUAL(c.n_methods, 1);
    CU_ASSERT_EQUAL(c.methods[0], CONFIG_AAA_LOCAL);
    CU_ASSERT_STRING_EQUAL(c.default_pool, "users");

    const struct config_vpdn *d = config_find_vpdn(&c, CONFIG_VPDN_DNIS, "614629");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(d->tunnel_id, "edge-1");   /* defaults to the hostname */
    CU_ASSERT_EQUAL(d->n_lns, 2);
    CU_ASSERT_EQUAL(d->lns[1].ip, IP(10, 51, 6, 83));
    CU_ASSERT_EQUAL(d->lns[1].priority, 2);
    const struct config_vpdn *m = config_find_vpdn(&c, CONFIG_VPDN_DOMAIN, "EXAMPLE.net");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->tunnel_id, "edge-1-lac");
    CU_ASSERT_EQUAL(m->n_lns, 3);
    CU_ASSERT_FALSE(m->busy_disconnect);
    CU_ASSERT_TRUE(d->busy_disconnect);   /* IOS's default */
    CU_ASSERT_EQUAL(m->lns[2].priority, 5);
    /* Everything after the first '=' is the value, inner blanks kept. */
    CU_ASSERT_EQUAL(m->password_len, strlen("s3cret = with equals"));
    CU_ASSERT_EQUAL(memcmp(m->password, "s3cret = with equals", m->password_len), 0);

    CU_ASSERT_EQUAL(c.n_peers, 2);
    const struct config_peer *any = config_find_peer(&c, "unknown-lac");
    CU_ASSERT_PTR_NOT_NULL_FATAL(any);
    CU_ASSERT_STRING_EQUAL(any->hostname, "*");
    CU_ASSERT_STRING_EQUAL(config_find_peer(&c, "hgw")->hostname, "hgw");

    CU_ASSERT_EQUAL(c.n_pools, 2);
    CU_ASSERT_EQUAL(config_find_pool(&c, "staff")->last, IP(10, 30, 0, 2));
    const struct config_user *a = config_find_user(&c, "alice@example.net", 17);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_TRUE(a->allow_chap && a->allow_pap);
    CU_ASSERT_STRING_EQUAL(a->pool, "staff");
    CU_ASSERT_EQUAL(a->primary_dns, IP(192, 0, 2, 53));
    CU_ASSERT_EQUAL(a->secondary_dns, IP(192, 0, 2, 54));
    const struct config_user *b = config_find_user(&c, "bob", 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_FALSE(b->allow_chap);
    CU_ASSERT_TRUE(b->allow_pap);
    CU_ASSERT_EQUAL(b->framed_ip, IP(10, 40, 0, 7));
    CU_ASSERT_FALSE(b->allow_negotiated_address);
    CU_ASSERT_PTR_NULL(config_find_user(&c, "bo", 2));
    config_free(&c);
}

static void test_defaults(void)
{
    static const char text[] = "# minimal\n[global]\nrole = lns\nhostname = gw\n";
    struct l2tpd_config c;
    CU_ASSERT_FATAL(config_parse("min.conf", text, sizeof text - 1, &c, NULL) == PROTO_OK);
    CU_ASSERT_STRING_EQUAL(c.ppp_name, "gw");
    CU_ASSERT_STRING_EQUAL(c.card, "rtl");
    CU_ASSERT_EQUAL(c.wire.kind, CONFIG_WIRE_MEMORY);
    CU_ASSERT_EQUAL(c.clock, CONFIG_CLOCK_VIRTUAL);
    CU_ASSERT_EQUAL(c.debug, 0);
    CU_ASSERT_FALSE(c.tunnel.hidden_avps);
    CU_ASSERT_EQUAL(c.tunnel.receive_window, 16);
    CU_ASSERT_EQUAL(c.tunnel.hello_interval_us, S(60));
    CU_ASSERT_EQUAL(c.tunnel.retransmit_initial_us, S(1));
    CU_ASSERT_EQUAL(c.tunnel.retransmit_max_us, S(8));
    CU_ASSERT_EQUAL(c.tunnel.retransmit_retries, 5);
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lns_us, S(10));   /* the seed's LNS default */
    CU_ASSERT_EQUAL(c.tunnel.shutdown_lac_us, S(15));   /* the seed's LAC default */
    CU_ASSERT_EQUAL(c.tunnel.session_limit, 0);
    CU_ASSERT_EQUAL(c.n_methods, 1);
    CU_ASSERT_EQUAL(c.methods[0], CONFIG_AAA_LOCAL);
    CU_ASSERT_EQUAL(c.n_peers + c.n_vpdns + c.n_pools + c.n_users, 0);
    config_free(&c);
}

/* Values in their other accepted spellings. */
static void test_value_forms(void)
{
    static const char text[] =
        "[global]\r\n"
        "  role=both  \r\n"
        "hostname =h\n"
        "card = pci:0000:03:00.0\n"
        "wire = udp 127.0.0.5:1702\n"
        "debug = all\n"
        "\t# indented comment\n"
        "[tunnel]\n"
        "hidden-avps = yes\n"
        "hello-interval = 0\n"
        "retransmit-initial = 250ms\n"
        "retransmit-max = 250ms\n"
        "[aaa]\n"
        "method = local, radius\n"
        "[user u]\n"
        "secret = a b\n"
        "auth = pap chap\n"
        "dns = 1.1.1.1\n"
        "[vpdn domain:x.org]\n"
        "lns = 1.2.3.4\n";
    struct l2tpd_config c;
    struct config_error e;
    CU_ASSERT_FATAL(config_parse("forms.conf", text, sizeof text - 1, &c, &e) == PROTO_OK);
    CU_ASSERT_EQUAL(c.role, CONFIG_ROLE_BOTH);
    CU_ASSERT_STRING_EQUAL(c.hostname, "h");
    CU_ASSERT_STRING_EQUAL(c.card, "pci:0000:03:00.0");   /* checked by the driver's parser */
    CU_ASSERT_EQUAL(c.wire.port, 1702);
    CU_ASSERT_EQUAL(c.debug, (1u << DBG_CAT_COUNT) - 1);
    CU_ASSERT_EQUAL(c.tunnel.hello_interval_us, 0);
    CU_ASSERT_EQUAL(c.tunnel.retransmit_initial_us, 250000);
    CU_ASSERT_EQUAL(c.n_methods, 2);
    CU_ASSERT_EQUAL(c.methods[1], CONFIG_AAA_RADIUS);
    CU_ASSERT_EQUAL(c.users[0].secret_len, 3);
    CU_ASSERT_EQUAL(c.users[0].secondary_dns, 0);
    CU_ASSERT_EQUAL(c.vpdns[0].lns[0].priority, 1);  /* priority defaults to 1 */
    config_free(&c);

    static const char tap[] = "[global]\nrole = lac\nhostname = h\nwire = tap l2tp0\n";
    CU_ASSERT_FATAL(config_parse("tap.conf", tap, sizeof tap - 1, &c, &e) == PROTO_OK);
    CU_ASSERT_EQUAL(c.wire.kind, CONFIG_WIRE_TAP);
    CU_ASSERT_STRING_EQUAL(c.wire.tap_name, "l2tp0");
    config_free(&c);
}

static char *slurp(const char *path)
{
    static char buf[32768];
    FILE *f = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Every key the parser knows is documented in CONFIG.md and used in
 * both.conf, so the three cannot drift apart. */
static void test_keys_documented_and_used(void)
{
    char md[32768], both[32768];
    snprintf(md, sizeof md, "%s", slurp("host/config/CONFIG.md"));
    snprintf(both, sizeof both, "%s", slurp("tests/config/both.conf"));
    for (int s = CFG_SEC_GLOBAL; s < CFG_SEC_COUNT; s++) {
        char want[96];
        snprintf(want, sizeof want, "## [%s", cfg_section_name(s));
        CU_ASSERT_PTR_NOT_NULL(strstr(md, want));
        size_t n;
        const struct cfg_key *keys = cfg_section_keys(s, &n);
        for (size_t i = 0; i < n; i++) {
            snprintf(want, sizeof want, "| `%s` |", keys[i].name);
            if (!strstr(md, want))
                fprintf(stderr, "CONFIG.md lacks %s\n", want);
            CU_ASSERT_PTR_NOT_NULL(strstr(md, want));
            snprintf(want, sizeof want, "\n%s = ", keys[i].name);
            if (!strstr(both, want))
                fprintf(stderr, "both.conf lacks %s\n", keys[i].name);
            CU_ASSERT_PTR_NOT_NULL(strstr(both, want));
        }
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed LAC hgw (tests/config/lac-hgw.conf)", test_lac_hgw},
        {"seed LNS l2tp-gw (tests/config/lns-l2tp-gw.conf)", test_lns_l2tp_gw},
        {"both roles: every key (tests/config/both.conf)", test_both_every_key},
        {"every tests/config/*.conf parses", test_all_examples_parse},
        {"LAC with failover (tests/config/lac-failover.conf)", test_lac_failover},
        {"defaults", test_defaults},
        {"value spellings", test_value_forms},
        {"every key in CONFIG.md and both.conf", test_keys_documented_and_used},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("config", tests);
}
