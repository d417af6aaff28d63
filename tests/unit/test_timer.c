/* Timers on the virtual clock: order, re-arming, cancelling from callbacks. */
#include <string.h>

#include "debug_log.h"
#include "timer.h"
#include "unit.h"

struct fire_log {
    char order[64];
    size_t n;
    uint64_t at[16];
    struct timer_queue *q;
    struct timer *cancel_me;
    struct timer *rearm_me;
};

struct probe {
    struct fire_log *log;
    char id;
    struct timer t;
};

static void probe_fire(void *ctx)
{
    struct probe *p = ctx;
    struct fire_log *log = p->log;
    log->at[log->n] = timer_now(log->q);
    log->order[log->n++] = p->id;
    if (log->cancel_me) {
        timer_cancel(log->q, log->cancel_me);
        log->cancel_me = NULL;
    }
    if (log->rearm_me == &p->t) {
        log->rearm_me = NULL;
        timer_arm(log->q, &p->t, 5);
    }
}

static void test_order_and_time(void)
{
    struct timer_queue q;
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&q, CLOCK_VIRTUAL), 0);
    struct fire_log log = {.q = &q};
    struct probe p[6];
    const uint64_t delays[6] = {50, 10, 30, 10, 70, 20};
    for (int i = 0; i < 6; i++) {
        p[i] = (struct probe){.log = &log, .id = (char)('a' + i)};
        timer_init(&p[i].t, "probe", probe_fire, &p[i]);
        CU_ASSERT_EQUAL(timer_arm(&q, &p[i].t, delays[i]), 0);
    }
    CU_ASSERT_EQUAL(timer_queue_next(&q), 10);
    CU_ASSERT_EQUAL(timer_queue_advance(&q, 35), 4);
    CU_ASSERT_EQUAL(timer_now(&q), 35);
    CU_ASSERT_EQUAL(log.n, 4);
    /* b and d share a deadline; either order is allowed. */
    CU_ASSERT(strncmp(log.order, "bdfc", 4) == 0 || strncmp(log.order, "dbfc", 4) == 0);
    CU_ASSERT_EQUAL(log.at[2], 20);
    CU_ASSERT_EQUAL(log.at[3], 30);
    CU_ASSERT_EQUAL(timer_queue_advance(&q, 1000), 2);
    CU_ASSERT_STRING_EQUAL(log.order + 4, "ae");
    CU_ASSERT_EQUAL(timer_queue_next(&q), TIMER_NEVER);
    timer_queue_free(&q);
}

static void test_cancel_and_rearm(void)
{
    struct timer_queue q;
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&q, CLOCK_VIRTUAL), 0);
    struct fire_log log = {.q = &q};
    struct probe p[3];
    for (int i = 0; i < 3; i++) {
        p[i] = (struct probe){.log = &log, .id = (char)('x' + i)};
        timer_init(&p[i].t, "probe", probe_fire, &p[i]);
        timer_arm(&q, &p[i].t, (uint64_t)(10 * (i + 1)));
    }
    /* x fires at 10 and cancels z; y is re-armed by its own callback. */
    log.cancel_me = &p[2].t;
    log.rearm_me = &p[1].t;
    timer_cancel(&q, &p[1].t);
    timer_arm(&q, &p[1].t, 15);
    timer_queue_advance(&q, 100);
    CU_ASSERT_STRING_EQUAL(log.order, "xyy");
    CU_ASSERT_EQUAL(log.at[1], 15);
    CU_ASSERT_EQUAL(log.at[2], 20);
    CU_ASSERT_FALSE(p[2].t.armed);
    timer_queue_free(&q);
}

static void test_many_random(void)
{
    struct timer_queue q;
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&q, CLOCK_VIRTUAL), 0);
    enum { N = 500 };
    static struct probe p[N];
    struct fire_log log = {.q = &q};
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        p[i] = (struct probe){.log = &log, .id = 'r'};
        timer_init(&p[i].t, "probe", probe_fire, &p[i]);
        timer_arm(&q, &p[i].t, x % 10000);
    }
    for (int i = 0; i < N; i += 3)
        timer_cancel(&q, &p[i].t);
    /* Fire one at a time and check deadlines never go backwards. */
    uint64_t last = 0;
    size_t fired = 0;
    while (timer_queue_next(&q) != TIMER_NEVER) {
        uint64_t next = timer_queue_next(&q);
        CU_ASSERT(next >= last);
        last = next;
        log.n = 0;
        fired += timer_queue_advance(&q, next);
    }
    CU_ASSERT_EQUAL(fired, N - (N + 2) / 3);
    timer_queue_free(&q);
}

static void collect(void *ctx, const char *line)
{
    char *buf = ctx;
    strcat(buf, line);
    strcat(buf, "\n");
}

static void test_debug_log(void)
{
    struct timer_queue q;
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&q, CLOCK_VIRTUAL), 0);
    char out[512] = "";
    struct debug_log log;
    debug_log_init(&log, &q, collect, out);
    log.day_offset_us = (4 * 60 + 10) * USEC_PER_SEC + 455 * USEC_PER_MSEC;
    debug_printf(&log, DBG_L2TP_EVENTS, "off");
    CU_ASSERT_STRING_EQUAL(out, "");
    enum debug_cat cat;
    CU_ASSERT_EQUAL(debug_cat_parse("l2tp event", &cat), 0);
    CU_ASSERT_EQUAL(debug_cat_parse("l2tp nonsense", &cat), -1);
    debug_enable(&log, DBG_L2TP_EVENTS, true);
    debug_printf(&log, DBG_L2TP_EVENTS, "Tnl %u L2TP: SM State idle", 17688u);
    const uint8_t zlb[12] = {0xC8, 0x02, 0x00, 0x0C, 0x45, 0x18, 0, 0, 0, 1, 0, 2};
    debug_hex(&log, DBG_L2TP_EVENTS, zlb, sizeof zlb);
    CU_ASSERT_STRING_EQUAL(out, "Jan  1 00:04:10.455: Tnl 17688 L2TP: SM State idle\n"
                                "      C8 02 00 0C 45 18 00 00 00 01 00 02\n");
    timer_queue_free(&q);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"fire in deadline order at their own time", test_order_and_time},
        {"cancel and re-arm, also from callbacks", test_cancel_and_rearm},
        {"many random timers", test_many_random},
        {"debug log timestamps, switches, hex", test_debug_log},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("timer", tests);
}
