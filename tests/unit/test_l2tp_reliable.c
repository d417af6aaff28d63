/* Reliable delivery (RFC 2661 §5.8, Appendix A) on its own, under the
 * virtual clock: retransmission timing and give-up, window and congestion
 * control, duplicates, reordering, ZLB acks and piggybacking, sequence
 * numbers wrapping modulo 2^16. */
#include <string.h>

#include "l2tp_const.h"
#include "l2tp_reliable.h"
#include "unit.h"

struct sent {
    uint64_t at;
    uint16_t ns, nr;
    bool zlb, retransmit;
    uint8_t tag;
};

struct harness {
    struct timer_queue tq;
    struct l2tp_rel r;
    struct sent sent[256];
    size_t n_sent;
    uint8_t delivered[256];
    size_t n_delivered;
    size_t n_acked;
    uint64_t gave_up_at;
    bool gave_up;
    bool reply_on_deliver; /* piggyback: answer each delivered message */
};

static void h_xmit(void *ctx, const uint8_t *buf, size_t len, bool retransmit)
{
    struct harness *h = ctx;
    if (h->n_sent >= 256)
        return;
    struct sent *s = &h->sent[h->n_sent++];
    s->at = timer_now(&h->tq);
    s->ns = (uint16_t)((buf[8] << 8) | buf[9]);
    s->nr = (uint16_t)((buf[10] << 8) | buf[11]);
    s->zlb = len == 12;
    s->retransmit = retransmit;
    s->tag = len > 12 ? buf[12] : 0;
}

static void send_tagged(struct harness *h, uint8_t tag);

static void h_deliver(void *ctx, const uint8_t *buf, size_t len)
{
    struct harness *h = ctx;
    if (h->n_delivered < 256)
        h->delivered[h->n_delivered++] = len > 12 ? buf[12] : 0;
    if (h->reply_on_deliver)
        send_tagged(h, 0xEE);
}

static void h_acked(void *ctx, const uint8_t *buf, size_t len)
{
    struct harness *h = ctx;
    (void)buf;
    (void)len;
    h->n_acked++;
}

static void h_give_up(void *ctx)
{
    struct harness *h = ctx;
    h->gave_up = true;
    h->gave_up_at = timer_now(&h->tq);
}

static void setup(struct harness *h, const struct l2tp_rel_config *cfg)
{
    static const struct l2tp_rel_ops ops = {h_xmit, h_deliver, h_acked, h_give_up};
    memset(h, 0, sizeof *h);
    timer_queue_init(&h->tq, CLOCK_VIRTUAL);
    struct l2tp_rel_config c;
    if (cfg)
        c = *cfg;
    else
        l2tp_rel_config_default(&c);
    l2tp_rel_init(&h->r, &c, &ops, h, &h->tq);
    h->r.peer_tunnel_id = 0x4518;
}

static void teardown(struct harness *h)
{
    l2tp_rel_free(&h->r);
    timer_queue_free(&h->tq);
}

/* A control message with one octet of payload (the tag) after the header. */
static void send_tagged(struct harness *h, uint8_t tag)
{
    uint8_t m[13] = {0xC8, 0x02, 0x00, 0x0D, 0xD7, 0xE6, 0, 0, 0, 0, 0, 0, tag};
    CU_ASSERT_EQUAL(l2tp_rel_send(&h->r, m, sizeof m), 0);
}

static void input(struct harness *h, uint16_t ns, uint16_t nr, uint8_t tag)
{
    uint8_t m[13] = {0xC8, 0x02, 0x00, 0x0D, 0x45, 0x18, 0, 0,
                     (uint8_t)(ns >> 8), (uint8_t)ns, (uint8_t)(nr >> 8), (uint8_t)nr, tag};
    l2tp_rel_input(&h->r, ns, nr, false, m, sizeof m);
}

static void input_zlb(struct harness *h, uint16_t ns, uint16_t nr)
{
    uint8_t m[12] = {0xC8, 0x02, 0x00, 0x0C, 0x45, 0x18, 0, 0,
                     (uint8_t)(ns >> 8), (uint8_t)ns, (uint8_t)(nr >> 8), (uint8_t)nr};
    l2tp_rel_input(&h->r, ns, nr, true, m, sizeof m);
}

/* §5.8 with the defaults: resent at 1, 2, 4, 8, 8 s intervals, then the
 * peer is given up on at the next timeout (5 retries). */
static void test_backoff_default(void)
{
    struct harness h;
    setup(&h, NULL);
    send_tagged(&h, 1);
    timer_queue_advance(&h.tq, 100 * USEC_PER_SEC);
    static const uint64_t at_s[] = {0, 1, 3, 7, 15, 23};
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 6);
    for (size_t i = 0; i < 6; i++) {
        CU_ASSERT_EQUAL(h.sent[i].at, at_s[i] * USEC_PER_SEC);
        CU_ASSERT_EQUAL(h.sent[i].ns, 0);
        CU_ASSERT_EQUAL(h.sent[i].retransmit, i > 0);
    }
    CU_ASSERT_TRUE(h.gave_up);
    CU_ASSERT_EQUAL(h.gave_up_at, 31 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.r.cnt.retransmits, 5);
    teardown(&h);
}

/* Configurable: 0.5 s doubling to 2 s, 3 retries. */
static void test_backoff_configured(void)
{
    struct harness h;
    struct l2tp_rel_config c;
    l2tp_rel_config_default(&c);
    c.rto_initial_us = 500 * USEC_PER_MSEC;
    c.rto_max_us = 2 * USEC_PER_SEC;
    c.max_retries = 3;
    setup(&h, &c);
    send_tagged(&h, 1);
    timer_queue_advance(&h.tq, 100 * USEC_PER_SEC);
    static const uint64_t at_ms[] = {0, 500, 1500, 3500};
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 4);
    for (size_t i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(h.sent[i].at, at_ms[i] * USEC_PER_MSEC);
    CU_ASSERT_EQUAL(h.gave_up_at, 5500 * USEC_PER_MSEC);
    teardown(&h);
}

/* An ack resets the backoff: the next message starts again at 1 s. */
static void test_ack_resets_backoff(void)
{
    struct harness h;
    setup(&h, NULL);
    send_tagged(&h, 1);
    timer_queue_advance(&h.tq, 3500 * USEC_PER_MSEC); /* resent at 1 and 3 s */
    CU_ASSERT_EQUAL(h.n_sent, 3);
    input_zlb(&h, 0, 1);
    CU_ASSERT_EQUAL(h.n_acked, 1);
    CU_ASSERT_EQUAL(l2tp_rel_outstanding(&h.r), 0);
    send_tagged(&h, 2);
    timer_queue_advance(&h.tq, 4600 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 5);
    CU_ASSERT_EQUAL(h.sent[4].at, 4500 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL(h.sent[4].ns, 1);
    CU_ASSERT_FALSE(h.gave_up);
    teardown(&h);
}

/* Appendix A: never more than min(CWND, peer window) outstanding; slow
 * start (+1 per ack) up to SSTHRESH, then congestion avoidance (+1 per
 * CWND acks); a timeout halves SSTHRESH and closes CWND to 1. */
static void test_window_and_congestion(void)
{
    struct harness h;
    setup(&h, NULL);
    l2tp_rel_set_peer_window(&h.r, 8);
    CU_ASSERT_EQUAL(h.r.cwnd, 1);
    CU_ASSERT_EQUAL(h.r.ssthresh, 8);
    for (int i = 0; i < 100; i++)
        send_tagged(&h, (uint8_t)i);
    CU_ASSERT_EQUAL(h.n_sent, 1); /* CWND 1 */
    uint16_t acked = 0;
    uint32_t expect_cwnd = 1;
    unsigned ca = 0;
    for (int round = 0; round < 12; round++) {
        uint16_t out = l2tp_rel_outstanding(&h.r);
        uint32_t win = h.r.cwnd < 8 ? h.r.cwnd : 8;
        CU_ASSERT(out <= win);
        CU_ASSERT_EQUAL(h.r.cwnd, expect_cwnd);
        /* ack the whole flight one message at a time */
        for (uint16_t k = 0; k < out; k++) {
            acked++;
            input_zlb(&h, 0, acked);
            if (expect_cwnd < 8) {
                expect_cwnd++;
            } else if (++ca >= expect_cwnd) {
                ca = 0;
            }
            CU_ASSERT(l2tp_rel_outstanding(&h.r) <= (h.r.cwnd < 8 ? h.r.cwnd : 8));
        }
    }
    CU_ASSERT_EQUAL(h.r.cwnd, 8); /* capped at the peer's window */
    CU_ASSERT(h.r.max_outstanding_seen <= 8);
    /* a timeout: SSTHRESH = CWND/2, CWND = 1, one message resent */
    size_t before = h.n_sent;
    uint16_t out = l2tp_rel_outstanding(&h.r);
    CU_ASSERT(out > 1);
    timer_queue_advance(&h.tq, timer_now(&h.tq) + USEC_PER_SEC);
    CU_ASSERT_EQUAL(h.r.cwnd, 1);
    CU_ASSERT_EQUAL(h.r.ssthresh, 4);
    CU_ASSERT_EQUAL(h.n_sent, before + 1);
    CU_ASSERT_TRUE(h.sent[h.n_sent - 1].retransmit);
    CU_ASSERT_EQUAL(h.sent[h.n_sent - 1].ns, acked);
    teardown(&h);
}

/* Congestion avoidance above SSTHRESH: CWND grows by one per CWND acks. */
static void test_congestion_avoidance(void)
{
    struct harness h;
    setup(&h, NULL);
    l2tp_rel_set_peer_window(&h.r, 100);
    h.r.ssthresh = 2;
    for (int i = 0; i < 60; i++)
        send_tagged(&h, (uint8_t)i);
    uint16_t nr = 0;
    /* slow start: 1 -> 2 after one ack */
    input_zlb(&h, 0, ++nr);
    CU_ASSERT_EQUAL(h.r.cwnd, 2);
    /* now at SSTHRESH: two acks for +1, then three for +1, then four */
    static const uint32_t after[] = {2, 3, 3, 3, 4, 4, 4, 4, 5};
    for (size_t i = 0; i < sizeof after / sizeof after[0]; i++) {
        input_zlb(&h, 0, ++nr);
        CU_ASSERT_EQUAL(h.r.cwnd, after[i]);
        CU_ASSERT(l2tp_rel_outstanding(&h.r) <= h.r.cwnd);
    }
    teardown(&h);
}

/* The peer's window of 4 (or any) bounds the flight even with CWND larger. */
static void test_peer_window_bounds(void)
{
    struct harness h;
    setup(&h, NULL);
    l2tp_rel_set_peer_window(&h.r, 2);
    for (int i = 0; i < 10; i++)
        send_tagged(&h, (uint8_t)i);
    for (uint16_t nr = 1; nr <= 10; nr++) {
        CU_ASSERT(l2tp_rel_outstanding(&h.r) <= 2);
        input_zlb(&h, 0, nr);
    }
    CU_ASSERT_EQUAL(h.n_sent, 10);
    CU_ASSERT(h.r.max_outstanding_seen <= 2);
    CU_ASSERT_EQUAL(l2tp_rel_queued(&h.r), 0);
    /* a window of 0 is illegal (§4.4.3) and ignored */
    l2tp_rel_set_peer_window(&h.r, 0);
    CU_ASSERT_EQUAL(h.r.peer_window, 2);
    teardown(&h);
}

/* A duplicate (Ns behind Nr) is dropped and acknowledged at once with a ZLB. */
static void test_duplicates(void)
{
    struct harness h;
    setup(&h, NULL);
    input(&h, 0, 0, 10);
    CU_ASSERT_EQUAL(h.n_delivered, 1);
    CU_ASSERT_EQUAL(h.n_sent, 1); /* ZLB ack (delay 0) */
    CU_ASSERT_TRUE(h.sent[0].zlb);
    CU_ASSERT_EQUAL(h.sent[0].nr, 1);
    input(&h, 0, 0, 10);
    CU_ASSERT_EQUAL(h.n_delivered, 1);
    CU_ASSERT_EQUAL(h.r.cnt.duplicates, 1);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 2);
    CU_ASSERT_TRUE(h.sent[1].zlb);
    CU_ASSERT_EQUAL(h.sent[1].nr, 1);
    teardown(&h);
}

/* Out of order within the window: queued, then delivered in order. */
static void test_reordering(void)
{
    struct harness h;
    setup(&h, NULL);
    input(&h, 2, 0, 12);
    input(&h, 1, 0, 11);
    input(&h, 2, 0, 12); /* the same early message twice */
    CU_ASSERT_EQUAL(h.n_delivered, 0);
    CU_ASSERT_EQUAL(h.r.cnt.out_of_order, 2);
    input(&h, 0, 0, 10);
    CU_ASSERT_EQUAL_FATAL(h.n_delivered, 3);
    CU_ASSERT_EQUAL(h.delivered[0], 10);
    CU_ASSERT_EQUAL(h.delivered[1], 11);
    CU_ASSERT_EQUAL(h.delivered[2], 12);
    CU_ASSERT_EQUAL(h.r.nr, 3);
    CU_ASSERT_EQUAL(h.sent[h.n_sent - 1].nr, 3);
    /* beyond our window (16): dropped, not queued */
    input(&h, 3 + 16, 0, 99);
    CU_ASSERT_EQUAL(h.r.cnt.outside_window, 1);
    CU_ASSERT_EQUAL(h.r.n_rxq, 0);
    teardown(&h);
}

/* §5.8: modulo 2^16, 65535 is followed by 0. */
static void test_wraparound(void)
{
    struct harness h;
    setup(&h, NULL);
    h.r.nr = 65534;
    h.r.ns_next = h.r.una = 65535;
    input(&h, 0, 65535, 3);
    input(&h, 65535, 65535, 2);
    input(&h, 65534, 65535, 1);
    CU_ASSERT_EQUAL_FATAL(h.n_delivered, 3);
    CU_ASSERT_EQUAL(h.delivered[0], 1);
    CU_ASSERT_EQUAL(h.delivered[2], 3);
    CU_ASSERT_EQUAL(h.r.nr, 1);
    input(&h, 65535, 65535, 2); /* behind, across the wrap: a duplicate */
    CU_ASSERT_EQUAL(h.r.cnt.duplicates, 1);
    send_tagged(&h, 7);
    send_tagged(&h, 8);
    CU_ASSERT_EQUAL(h.sent[h.n_sent - 1].ns, 65535);
    l2tp_rel_set_peer_window(&h.r, 4);
    input_zlb(&h, 1, 0); /* acks 65535 */
    CU_ASSERT_EQUAL(h.n_acked, 1);
    CU_ASSERT_EQUAL(h.sent[h.n_sent - 1].ns, 0);
    input_zlb(&h, 1, 1);
    CU_ASSERT_EQUAL(h.n_acked, 2);
    CU_ASSERT_EQUAL(l2tp_rel_queued(&h.r), 0);
    /* an Nr acknowledging what was never sent is ignored */
    input_zlb(&h, 1, 40);
    CU_ASSERT_EQUAL(h.r.cnt.bad_nr, 1);
    teardown(&h);
}

/* Delayed ack: a ZLB only when nothing else goes out within the delay;
 * a reply sent first carries the ack (piggyback). */
static void test_delayed_ack_and_piggyback(void)
{
    struct harness h;
    struct l2tp_rel_config c;
    l2tp_rel_config_default(&c);
    c.ack_delay_us = 200 * USEC_PER_MSEC;
    setup(&h, &c);
    input(&h, 0, 0, 1);
    CU_ASSERT_EQUAL(h.n_sent, 0);
    timer_queue_advance(&h.tq, 199 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL(h.n_sent, 0);
    timer_queue_advance(&h.tq, 200 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 1);
    CU_ASSERT_TRUE(h.sent[0].zlb);
    CU_ASSERT_EQUAL(h.sent[0].nr, 1);
    CU_ASSERT_EQUAL(h.r.cnt.zlb_tx, 1);
    /* now a message goes out within the delay: it carries Nr, no ZLB */
    input(&h, 1, 0, 2);
    send_tagged(&h, 5);
    timer_queue_advance(&h.tq, 900 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 2);
    CU_ASSERT_FALSE(h.sent[1].zlb);
    CU_ASSERT_EQUAL(h.sent[1].nr, 2);
    CU_ASSERT_EQUAL(h.r.cnt.zlb_tx, 1);
    /* a reply from inside deliver piggybacks too, with the default delay 0 */
    teardown(&h);
    setup(&h, NULL);
    h.reply_on_deliver = true;
    input(&h, 0, 0, 1);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 1);
    CU_ASSERT_FALSE(h.sent[0].zlb);
    CU_ASSERT_EQUAL(h.sent[0].nr, 1);
    teardown(&h);
}

/* After l2tp_rel_stop (StopCCN received), new messages are acked, not
 * delivered, and nothing new can be queued. */
static void test_stopped(void)
{
    struct harness h;
    setup(&h, NULL);
    send_tagged(&h, 9);
    l2tp_rel_stop(&h.r);
    h.n_sent = 0;
    timer_queue_advance(&h.tq, 60 * USEC_PER_SEC); /* nothing resent */
    CU_ASSERT_EQUAL(h.n_sent, 0);
    CU_ASSERT_FALSE(h.gave_up);
    CU_ASSERT_EQUAL(l2tp_rel_queued(&h.r), 0);
    input(&h, 0, 0, 1);
    CU_ASSERT_EQUAL(h.n_delivered, 0);
    CU_ASSERT_EQUAL_FATAL(h.n_sent, 1);
    CU_ASSERT_TRUE(h.sent[0].zlb);
    uint8_t m[13] = {0xC8, 0x02, 0, 13};
    CU_ASSERT_EQUAL(l2tp_rel_send(&h.r, m, sizeof m), -1);
    CU_ASSERT_EQUAL(l2tp_rel_send(&h.r, m, 5), -1);
    teardown(&h);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"backoff 1, 2, 4, 8, 8 s then give up", test_backoff_default},
        {"backoff configurable", test_backoff_configured},
        {"an ack resets the backoff", test_ack_resets_backoff},
        {"window, slow start, congestion avoidance, timeout", test_window_and_congestion},
        {"congestion avoidance above SSTHRESH", test_congestion_avoidance},
        {"peer receive window bounds the flight", test_peer_window_bounds},
        {"duplicates acked and dropped", test_duplicates},
        {"reordering queued and delivered in order", test_reordering},
        {"sequence numbers wrap modulo 2^16", test_wraparound},
        {"delayed ack and piggyback", test_delayed_ack_and_piggyback},
        {"stopped: ack only", test_stopped},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp reliable delivery", tests);
}
