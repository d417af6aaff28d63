/* config_format: the config written back parses to the same config, for
 * every example file and for a config with unusual values. */
#include <glob.h>
#include <string.h>

#include "config.h"
#include "unit.h"

static bool same_vpdn(const struct config_vpdn *a, const struct config_vpdn *b)
{
    if (a->match != b->match || strcmp(a->key, b->key) || strcmp(a->tunnel_id, b->tunnel_id) ||
        a->n_lns != b->n_lns || a->password_len != b->password_len ||
        memcmp(a->password, b->password, a->password_len) ||
        a->busy_disconnect != b->busy_disconnect)
        return false;
    for (size_t i = 0; i < a->n_lns; i++)
        if (a->lns[i].ip != b->lns[i].ip || a->lns[i].priority != b->lns[i].priority)
            return false;
    return true;
}

static bool same_user(const struct config_user *a, const struct config_user *b)
{
    return !strcmp(a->name, b->name) && a->secret_len == b->secret_len &&
           !memcmp(a->secret, b->secret, a->secret_len) && a->allow_chap == b->allow_chap &&
           a->allow_pap == b->allow_pap && a->framed_ip == b->framed_ip &&
           a->allow_negotiated_address == b->allow_negotiated_address &&
           !strcmp(a->pool, b->pool) && a->primary_dns == b->primary_dns &&
           a->secondary_dns == b->secondary_dns;
}

/* Field by field (struct padding makes memcmp unreliable); source lines
 * are allowed to differ. */
static void expect_same(const struct l2tpd_config *a, const struct l2tpd_config *b)
{
    CU_ASSERT_EQUAL(a->role, b->role);
    CU_ASSERT_STRING_EQUAL(a->hostname, b->hostname);
    CU_ASSERT_STRING_EQUAL(a->ppp_name, b->ppp_name);
    CU_ASSERT_STRING_EQUAL(a->card, b->card);
    CU_ASSERT_EQUAL(a->wire.kind, b->wire.kind);
    CU_ASSERT_EQUAL(a->wire.ip, b->wire.ip);
    CU_ASSERT_EQUAL(a->wire.port, b->wire.port);
    CU_ASSERT_STRING_EQUAL(a->wire.tap_name, b->wire.tap_name);
    CU_ASSERT_EQUAL(a->clock, b->clock);
    CU_ASSERT_EQUAL(a->debug, b->debug);
    const struct config_tunnel_opts *x = &a->tunnel, *y = &b->tunnel;
    CU_ASSERT_EQUAL(x->hidden_avps, y->hidden_avps);
    CU_ASSERT_EQUAL(x->receive_window, y->receive_window);
    CU_ASSERT_EQUAL(x->hello_interval_us, y->hello_interval_us);
    CU_ASSERT_EQUAL(x->retransmit_initial_us, y->retransmit_initial_us);
    CU_ASSERT_EQUAL(x->retransmit_max_us, y->retransmit_max_us);
    CU_ASSERT_EQUAL(x->retransmit_retries, y->retransmit_retries);
    CU_ASSERT_EQUAL(x->shutdown_lns_us, y->shutdown_lns_us);
    CU_ASSERT_EQUAL(x->shutdown_lac_us, y->shutdown_lac_us);
    CU_ASSERT_EQUAL(x->session_limit, y->session_limit);
    CU_ASSERT_EQUAL_FATAL(a->n_methods, b->n_methods);
    for (size_t i = 0; i < a->n_methods; i++)
        CU_ASSERT_EQUAL(a->methods[i], b->methods[i]);
    CU_ASSERT_STRING_EQUAL(a->default_pool, b->default_pool);
    CU_ASSERT_EQUAL_FATAL(a->n_peers, b->n_peers);
    for (size_t i = 0; i < a->n_peers; i++) {
        CU_ASSERT_STRING_EQUAL(a->peers[i].hostname, b->peers[i].hostname);
        CU_ASSERT_EQUAL(a->peers[i].secret_len, b->peers[i].secret_len);
        CU_ASSERT_EQUAL(memcmp(a->peers[i].secret, b->peers[i].secret, a->peers[i].secret_len),
                        0);
    }
    CU_ASSERT_EQUAL_FATAL(a->n_vpdns, b->n_vpdns);
    for (size_t i = 0; i < a->n_vpdns; i++)
        CU_ASSERT_TRUE(same_vpdn(&a->vpdns[i], &b->vpdns[i]));
    CU_ASSERT_EQUAL_FATAL(a->n_pools, b->n_pools);
    for (size_t i = 0; i < a->n_pools; i++) {
        CU_ASSERT_STRING_EQUAL(a->pools[i].name, b->pools[i].name);
        CU_ASSERT_EQUAL(a->pools[i].first, b->pools[i].first);
        CU_ASSERT_EQUAL(a->pools[i].last, b->pools[i].last);
    }
    CU_ASSERT_EQUAL_FATAL(a->n_users, b->n_users);
    for (size_t i = 0; i < a->n_users; i++)
        CU_ASSERT_TRUE(same_user(&a->users[i], &b->users[i]));
}

static char text1[32768], text2[32768];

/* parse -> format -> parse gives the same config, and formatting that
 * again gives the same text. */
static void round_trip(const struct l2tpd_config *orig)
{
    size_t n1 = 0, n2 = 0;
    CU_ASSERT_EQUAL_FATAL(config_format(orig, text1, sizeof text1, &n1, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(strlen(text1), n1);
    struct l2tpd_config again;
    struct config_error e;
    char line[400];
    proto_status st = config_parse(orig->file, text1, n1, &again, &e);
    if (st != PROTO_OK)
        fprintf(stderr, "%s\n%s", config_error_format(&e, line, sizeof line), text1);
    CU_ASSERT_EQUAL_FATAL(st, PROTO_OK);
    expect_same(orig, &again);
    CU_ASSERT_EQUAL(config_format(&again, text2, sizeof text2, &n2, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n1, n2);
    CU_ASSERT_STRING_EQUAL(text1, text2);
    config_free(&again);
}

static void test_examples(void)
{
    glob_t g;
    CU_ASSERT_EQUAL_FATAL(glob("tests/config/*.conf", 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct l2tpd_config c;
        CU_ASSERT_EQUAL_FATAL(config_load(g.gl_pathv[i], &c, NULL), PROTO_OK);
        round_trip(&c);
        config_free(&c);
    }
    globfree(&g);
}

static void test_unusual_values(void)
{
    static const char text[] =
        "[global]\nrole = both\nhostname = h\nwire = tap l2tp9\nclock = wall\n"
        "[tunnel]\nhello-interval = 0\nretransmit-initial = 10ms\nretransmit-max = 1500ms\n"
        "shutdown-lns = 0\n"
        "[aaa]\nmethod = radius local\n"
        "[peer *]\nsecret = # not a comment = still the secret\n"
        "[vpdn domain:a.b]\nlns = 1.1.1.1 priority 65535\nlns = 2.2.2.2\n"
        "[user only-pap]\nsecret = x\nauth = pap\nframed-ip = 9.9.9.9\ndns = 8.8.8.8\n";
    struct l2tpd_config c;
    CU_ASSERT_EQUAL_FATAL(config_parse("u.conf", text, sizeof text - 1, &c, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(c.peers[0].secret_len, strlen("# not a comment = still the secret"));
    round_trip(&c);
    config_free(&c);
}

static void test_errors(void)
{
    struct l2tpd_config c;
    CU_ASSERT_EQUAL_FATAL(config_load("tests/config/both.conf", &c, NULL), PROTO_OK);
    size_t need = 0, n = 0;
    CU_ASSERT_EQUAL(config_format(&c, text1, sizeof text1, &need, NULL), PROTO_OK);
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(config_format(&c, text1, 100, &n, &err), PROTO_ENOSPC);
    CU_ASSERT_EQUAL(n, need);
    CU_ASSERT_EQUAL(strlen(text1), 99);   /* cut, still terminated */
    CU_ASSERT_EQUAL(config_format(&c, text1, need, &n, &err), PROTO_ENOSPC);
    CU_ASSERT_EQUAL(config_format(&c, text1, need + 1, &n, &err), PROTO_OK);
    config_free(&c);
    struct l2tpd_config blank;
    config_defaults(&blank);
    CU_ASSERT_EQUAL(config_format(&blank, text1, sizeof text1, &n, &err), PROTO_EINVAL);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"examples round-trip", test_examples},
        {"unusual values round-trip", test_unusual_values},
        {"small buffer, unparsed config", test_errors},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("config format", tests);
}
