/* host/config/config_l2tp: the parsed config becomes the L2TP control
 * connection's config, debug switches and clock mode. */
#include <string.h>

#include "config_l2tp.h"
#include "unit.h"

static void no_send(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf, size_t len)
{
    (void)ctx, (void)peer, (void)buf, (void)len;
}

static void test_lns_seed(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(config_load("tests/config/lns-l2tp-gw.conf", &c, NULL) == PROTO_OK);
    struct l2tp_ctrl_config lc;
    struct l2tp_peer_secret peers[4];
    CU_ASSERT_EQUAL_FATAL(config_l2tp_ctrl(&c, true, &lc, peers, 4, NULL), PROTO_OK);
    CU_ASSERT_STRING_EQUAL(lc.hostname, "l2tp-gw");
    CU_ASSERT_TRUE(lc.is_lns);
    CU_ASSERT_TRUE(lc.accept_tunnels);
    CU_ASSERT_EQUAL(lc.shutdown_delay_us, 10 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(lc.max_sessions_per_tunnel, 1000);
    CU_ASSERT_EQUAL(lc.rel.rx_window, 16);
    CU_ASSERT_EQUAL(lc.rel.rto_initial_us, L2TP_REL_DEFAULT_RTO_INITIAL_US);
    CU_ASSERT_EQUAL(lc.n_peers, 1);
    CU_ASSERT_STRING_EQUAL(lc.peers[0].hostname, "hgw");
    CU_ASSERT_EQUAL(lc.peers[0].secret_len, 5);
    CU_ASSERT_EQUAL(memcmp(lc.peers[0].secret, "hello", 5), 0);
    /* The instance accepts what config_l2tp_ctrl produced. */
    struct timer_queue tq;
    CU_ASSERT_FATAL(timer_queue_init(&tq, config_clock_mode(&c)) == 0);
    CU_ASSERT_EQUAL(tq.mode, CLOCK_VIRTUAL);
    struct debug_log log;
    debug_log_init(&log, &tq, NULL, NULL);
    config_debug_apply(&c, &log);
    CU_ASSERT_TRUE(debug_on(&log, DBG_AAA));
    CU_ASSERT_TRUE(debug_on(&log, DBG_L2TP_EVENTS));
    CU_ASSERT_FALSE(debug_on(&log, DBG_VPDN));
    CU_ASSERT_FALSE(debug_on(&log, DBG_L2TP_PACKETS));
    static struct l2tp_ctrl ctrl;
    static const struct l2tp_ctrl_ops ops = {.send = no_send};
    struct proto_error err = {0};
    proto_status st = l2tp_ctrl_init(&ctrl, &lc, &ops, NULL, &tq, &log, &err);
    CU_ASSERT_EQUAL(st, PROTO_OK);
    if (st == PROTO_OK)
        l2tp_ctrl_free(&ctrl);
    timer_queue_free(&tq);
    /* This LNS is no LAC. */
    CU_ASSERT_EQUAL(config_l2tp_ctrl(&c, false, &lc, peers, 4, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "role");
    /* No room for the peers. */
    CU_ASSERT_EQUAL(config_l2tp_ctrl(&c, true, &lc, peers, 0, &err), PROTO_ENOSPC);
    config_free(&c);
}

static void test_both_options(void)
{
    struct l2tpd_config c;
    CU_ASSERT_FATAL(config_load("tests/config/both.conf", &c, NULL) == PROTO_OK);
    struct l2tp_ctrl_config lac, lns;
    struct l2tp_peer_secret p1[2], p2[2];
    CU_ASSERT_EQUAL_FATAL(config_l2tp_ctrl(&c, false, &lac, p1, 2, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(config_l2tp_ctrl(&c, true, &lns, p2, 2, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(lac.shutdown_delay_us, 15 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(lns.shutdown_delay_us, 10 * USEC_PER_SEC);
    CU_ASSERT_FALSE(lac.is_lns);
    CU_ASSERT_TRUE(lac.accept_tunnels);     /* it has [peer] entries */
    CU_ASSERT_TRUE(lac.hide_avps);
    CU_ASSERT_EQUAL(lac.rel.rx_window, 8);
    CU_ASSERT_EQUAL(lac.hello_interval_us, 30 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(lac.rel.rto_initial_us, 500 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL(lac.rel.rto_max_us, 4 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(lac.rel.max_retries, 8);
    CU_ASSERT_EQUAL(lac.max_sessions_per_tunnel, 500);
    CU_ASSERT_EQUAL(lac.n_peers, 2);
    CU_ASSERT_PTR_NULL(lac.peers[1].hostname);   /* [peer *]: any peer */
    CU_ASSERT_EQUAL(config_clock_mode(&c), CLOCK_WALL);
    config_free(&c);

    static const char lac_only[] = "[global]\nrole = lac\nhostname = l\n";
    CU_ASSERT_FATAL(config_parse("l.conf", lac_only, sizeof lac_only - 1, &c, NULL) == PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(config_l2tp_ctrl(&c, false, &lac, p1, 2, NULL), PROTO_OK);
    CU_ASSERT_FALSE(lac.accept_tunnels);
    CU_ASSERT_EQUAL(lac.n_peers, 0);
    config_free(&c);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed LNS: l2tp_ctrl config, debug, clock", test_lns_seed},
        {"both roles: every tunnel option", test_both_options},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("config to l2tp", tests);
}
