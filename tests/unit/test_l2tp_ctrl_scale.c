/* Many calls over one tunnel, and several tunnels: every call comes up and
 * goes down, the LNS's small receive window bounds the LAC's flight the
 * whole time (Appendix A: min(CWND, peer window)), IDs stay within the
 * card's table and all come back. */
#include <stdio.h>
#include <string.h>

#include "l2tp_ctrl_test_util.h"

static void small_window(struct l2tp_ctrl_config *c, bool lns)
{
    if (lns)
        c->rel.rx_window = 4;
    c->session_table_size = 1024;
}

static void test_many_calls_one_tunnel(void)
{
    enum { CALLS = 600 };
    struct pair p;
    pair_setup(&p, util_hello, util_hello, small_window);
    pair_open(&p, USEC_PER_SEC);
    static uint16_t sids[CALLS];
    for (int i = 0; i < CALLS; i++)
        CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &sids[i],
                                                      NULL),
                              PROTO_OK);
    uint64_t t0 = timer_now(&p.w.tq);
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
    CU_ASSERT_EQUAL(ta->n_sessions, CALLS);
    CU_ASSERT_EQUAL(p.b.ctrl.session_ids.used, CALLS);
    CU_ASSERT(ta->rel.max_outstanding_seen <= 4);
    CU_ASSERT_EQUAL(ta->rel.peer_window, 4);
    size_t up = 0;
    for (int i = 0; i < CALLS; i++) {
        struct l2tp_session *s = l2tp_ctrl_session(&p.a.ctrl, sids[i]);
        up += s && s->state == L2TP_SS_ESTABLISHED;
        CU_ASSERT(sids[i] >= 1 && sids[i] < 1024);
    }
    CU_ASSERT_EQUAL(up, CALLS);
    (void)t0;
    for (int i = 0; i < CALLS; i++) {
        struct l2tp_disconnect why = {.result = L2TP_CDN_LOSS_OF_CARRIER};
        CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.a.ctrl, sids[i], &why, NULL), PROTO_OK);
    }
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.a.ctrl.session_ids.used, 0);
    CU_ASSERT_EQUAL(p.b.ctrl.session_ids.used, 0);
    CU_ASSERT_EQUAL(p.b.total_up, CALLS);
    CU_ASSERT_EQUAL(p.b.total_down, CALLS);
    CU_ASSERT_EQUAL(p.a.total_down, CALLS);
    /* the last call gone, the LNS's 10 s timer closed the tunnel */
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    wire_free(&p.w);
}

/* Several LACs' worth of tunnels from one node to another, all up at once. */
static void test_many_tunnels(void)
{
    enum { TUNNELS = 200 };
    struct pair p;
    pair_setup(&p, util_hello, util_hello, NULL);
    struct l2tp_peer_addr to = {B_IP, 1701};
    static uint16_t tids[TUNNELS];
    for (int i = 0; i < TUNNELS; i++)
        CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&p.a.ctrl, &to, util_hello, 5, 0, &tids[i],
                                                    NULL),
                              PROTO_OK);
    for (int i = 0; i < TUNNELS; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, tids[i], 0, NULL, NULL, NULL, NULL),
                        PROTO_OK);
    wire_run_for(&p.w, 5 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.a.total_up, TUNNELS);
    CU_ASSERT_EQUAL(p.b.total_up, TUNNELS);
    CU_ASSERT_EQUAL(p.b.ctrl.cnt.tunnels_created, TUNNELS);
    CU_ASSERT_EQUAL(p.b.ctrl.session_ids.used, TUNNELS);
    for (int i = 0; i < TUNNELS; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, tids[i])->state, L2TP_TS_ESTABLISHED);
    for (int i = 0; i < TUNNELS; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_close(&p.a.ctrl, tids[i], 1, 0, NULL), PROTO_OK);
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.a.ctrl.tunnel_ids.used, 0);
    CU_ASSERT_EQUAL(p.b.ctrl.tunnel_ids.used, 0);
    CU_ASSERT_EQUAL(p.b.ctrl.session_ids.used, 0);
    wire_free(&p.w);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"600 calls over one tunnel with a window of 4", test_many_calls_one_tunnel},
        {"200 tunnels at once", test_many_tunnels},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp ctrl scale", tests);
}
