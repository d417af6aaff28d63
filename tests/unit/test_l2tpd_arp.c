/* host/l2tpd/arp.c: the RFC 826 codec, the responder, the resolver (queue,
 * retries on the virtual clock, failure, merge), next-hop choice. */
#include <string.h>

#include "arp.h"
#include "unit.h"

#define OUR_IP 0x0A010002u     /* 10.1.0.2/24 */
#define GW_IP 0x0A010001u      /* 10.1.0.1 */
#define PEER_IP 0x0A020002u    /* 10.2.0.2: off the subnet, via the gateway */

static const uint8_t our_mac[6] = {0x02, 0x00, 0x0A, 0x01, 0x00, 0x02};
static const uint8_t gw_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
static const uint8_t bcast[6] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* What the ARP code sent, and what it reported resolved. */
struct sink {
    uint8_t frame[16][128];
    size_t len[16];
    size_t n;
    uint32_t resolved_ip[8];
    uint8_t resolved_mac[8][6];
    size_t n_resolved;
};

static void sink_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct sink *s = ctx;
    if (s->n < 16 && len <= sizeof s->frame[0]) {
        memcpy(s->frame[s->n], frame, len);
        s->len[s->n] = len;
    }
    s->n++;
}

static void sink_resolved(void *ctx, uint32_t ip, const uint8_t mac[6])
{
    struct sink *s = ctx;
    if (s->n_resolved < 8) {
        s->resolved_ip[s->n_resolved] = ip;
        memcpy(s->resolved_mac[s->n_resolved], mac, 6);
    }
    s->n_resolved++;
}

struct fixture {
    struct timer_queue tq;
    struct debug_log log;
    struct sink sink;
    struct arp arp;
};

static void lines_drop(void *ctx, const char *line) { (void)ctx; (void)line; }

static void setup(struct fixture *f, uint32_t gateway)
{
    memset(f, 0, sizeof *f);
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&f->tq, CLOCK_VIRTUAL), 0);
    debug_log_init(&f->log, &f->tq, lines_drop, NULL);
    debug_enable(&f->log, DBG_CARD, true);
    struct arp_config c = {.ip = OUR_IP, .prefix_len = 24, .gateway = gateway};
    memcpy(c.mac, our_mac, 6);
    struct arp_ops ops = {.ctx = &f->sink, .send = sink_send, .resolved = sink_resolved};
    CU_ASSERT_EQUAL_FATAL(arp_init(&f->arp, &c, &f->tq, &f->log, &ops, NULL), PROTO_OK);
}

static void teardown(struct fixture *f)
{
    arp_free(&f->arp);
    timer_queue_free(&f->tq);
}

static size_t frame_of(uint16_t op, const uint8_t *sha, uint32_t spa, const uint8_t *tha,
                       uint32_t tpa, const uint8_t *eth_dst, uint8_t *out)
{
    struct arp_packet p = {.op = op, .spa = spa, .tpa = tpa};
    memcpy(p.sha, sha, 6);
    memcpy(p.tha, tha, 6);
    size_t n = 0;
    CU_ASSERT_EQUAL(arp_encode(&p, eth_dst, sha, out, 64, &n, NULL), PROTO_OK);
    return n;
}

/* An IPv4 frame skeleton to `dst` (the ARP code only sets octets 0..5). */
static size_t ip_frame(uint8_t *f, uint8_t tag)
{
    memset(f, 0, 60);
    memcpy(f + 6, our_mac, 6);
    f[12] = 0x08;
    f[20] = tag;
    return 60;
}

static void test_codec(void)
{
    /* A request as tcpdump shows Linux's, octet for octet (RFC 826 layout). */
    static const uint8_t want[42] = {
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x06,
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
        0x0A, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x01, 0x00, 0x02};
    uint8_t f[64];
    size_t n = frame_of(ARES_OP_REQUEST, gw_mac, GW_IP, (const uint8_t[6]){0}, OUR_IP, bcast, f);
    CU_ASSERT_EQUAL(n, ETH_MIN_FRAME);
    CU_ASSERT_EQUAL(memcmp(f, want, sizeof want), 0);
    CU_ASSERT_EQUAL(f[59], 0);   /* padding */
    struct arp_packet p;
    CU_ASSERT_EQUAL(arp_decode(want, sizeof want, &p, NULL), PROTO_OK);   /* unpadded, as a TAP gives it */
    CU_ASSERT_EQUAL(p.op, ARES_OP_REQUEST);
    CU_ASSERT_EQUAL(p.spa, GW_IP);
    CU_ASSERT_EQUAL(p.tpa, OUR_IP);
    CU_ASSERT_EQUAL(memcmp(p.sha, gw_mac, 6), 0);
    uint8_t small[59];
    CU_ASSERT_EQUAL(arp_encode(&p, bcast, gw_mac, small, sizeof small, &n, NULL), PROTO_ENOSPC);
}

static void test_decode_errors_name_fields(void)
{
    uint8_t f[64];
    struct arp_packet p;
    struct proto_error e = {0};
    size_t n = frame_of(ARES_OP_REQUEST, gw_mac, GW_IP, (const uint8_t[6]){0}, OUR_IP, bcast, f);
    CU_ASSERT_EQUAL(arp_decode(f, 41, &p, &e), PROTO_ETRUNC);
    CU_ASSERT_STRING_EQUAL(e.field, "ar$tpa");
    CU_ASSERT_EQUAL(arp_decode(f, 10, &p, &e), PROTO_ETRUNC);
    struct { size_t off; uint8_t val; const char *field; size_t err_off; } bad[] = {
        {13, 0x00, "EtherType", 12}, {15, 0x06, "ar$hrd", 14}, {17, 0xDD, "ar$pro", 16},
        {18, 8, "ar$hln", 18}, {19, 16, "ar$pln", 19}, {21, 3, "ar$op", 20},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t g[64];
        memcpy(g, f, n);
        g[bad[i].off] = bad[i].val;
        CU_ASSERT_EQUAL(arp_decode(g, n, &p, &e), PROTO_EINVAL);
        CU_ASSERT_STRING_EQUAL(e.field, bad[i].field);
        CU_ASSERT_EQUAL(e.offset, bad[i].err_off);
    }
}

static void test_init_refuses_bad_config(void)
{
    struct timer_queue tq;
    CU_ASSERT_EQUAL_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL), 0);
    struct sink s = {0};
    struct arp_ops ops = {.ctx = &s, .send = sink_send};
    struct arp a;
    struct proto_error e = {0};
    struct arp_config c = {.ip = OUR_IP, .prefix_len = 24, .gateway = PEER_IP};
    memcpy(c.mac, our_mac, 6);
    CU_ASSERT_EQUAL(arp_init(&a, &c, &tq, NULL, &ops, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.field, "gateway");   /* off the subnet */
    c.gateway = OUR_IP;
    CU_ASSERT_EQUAL(arp_init(&a, &c, &tq, NULL, &ops, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.field, "gateway");
    c.gateway = GW_IP;
    c.prefix_len = 0;
    CU_ASSERT_EQUAL(arp_init(&a, &c, &tq, NULL, &ops, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.field, "prefix-len");
    c.prefix_len = 24;
    c.mac[0] = 0x01;   /* group bit */
    CU_ASSERT_EQUAL(arp_init(&a, &c, &tq, NULL, &ops, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.field, "mac");
    memcpy(c.mac, our_mac, 6);
    c.ip = 0;
    CU_ASSERT_EQUAL(arp_init(&a, &c, &tq, NULL, &ops, &e), PROTO_EINVAL);
    timer_queue_free(&tq);
}

static void test_next_hop(void)
{
    struct fixture f;
    setup(&f, GW_IP);
    CU_ASSERT_EQUAL(arp_next_hop(&f.arp, 0x0A0100FEu), 0x0A0100FEu);   /* on the link */
    CU_ASSERT_EQUAL(arp_next_hop(&f.arp, PEER_IP), GW_IP);
    teardown(&f);
    setup(&f, 0);   /* no gateway: everything is asked for on the link */
    CU_ASSERT_EQUAL(arp_next_hop(&f.arp, PEER_IP), PEER_IP);
    teardown(&f);
}

static void test_answers_request_for_us(void)
{
    struct fixture f;
    setup(&f, GW_IP);
    uint8_t q[64];
    size_t n = frame_of(ARES_OP_REQUEST, gw_mac, GW_IP, (const uint8_t[6]){0}, OUR_IP, bcast, q);
    CU_ASSERT_EQUAL(arp_input(&f.arp, q, n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(f.sink.n, 1);
    struct arp_packet r;
    CU_ASSERT_EQUAL_FATAL(arp_decode(f.sink.frame[0], f.sink.len[0], &r, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(r.op, ARES_OP_REPLY);
    CU_ASSERT_EQUAL(memcmp(f.sink.frame[0], gw_mac, 6), 0);       /* unicast to the asker */
    CU_ASSERT_EQUAL(memcmp(f.sink.frame[0] + 6, our_mac, 6), 0);
    CU_ASSERT_EQUAL(memcmp(r.sha, our_mac, 6), 0);
    CU_ASSERT_EQUAL(r.spa, OUR_IP);
    CU_ASSERT_EQUAL(memcmp(r.tha, gw_mac, 6), 0);
    CU_ASSERT_EQUAL(r.tpa, GW_IP);
    CU_ASSERT_EQUAL(f.arp.cnt.requests_in, 1);
    CU_ASSERT_EQUAL(f.arp.cnt.replies_out, 1);
    /* We were the target: the asker is learnt (RFC 826), no request needed. */
    uint8_t mac[6];
    CU_ASSERT_TRUE(arp_lookup(&f.arp, GW_IP, mac));
    CU_ASSERT_EQUAL(memcmp(mac, gw_mac, 6), 0);
    /* A request for another address: no answer, not learnt, counted. */
    n = frame_of(ARES_OP_REQUEST, gw_mac, 0x0A010009u, (const uint8_t[6]){0}, 0x0A010003u,
                 bcast, q);
    CU_ASSERT_EQUAL(arp_input(&f.arp, q, n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(f.sink.n, 1);
    CU_ASSERT_FALSE(arp_lookup(&f.arp, 0x0A010009u, mac));
    CU_ASSERT_EQUAL(f.arp.cnt.other_target, 1);
    /* Garbage is counted and reported, never answered. */
    struct proto_error e = {0};
    q[21] = 9;
    CU_ASSERT_EQUAL(arp_input(&f.arp, q, n, &e), PROTO_EINVAL);
    CU_ASSERT_EQUAL(f.arp.cnt.bad, 1);
    CU_ASSERT_EQUAL(f.sink.n, 1);
    teardown(&f);
}

static void test_resolves_then_sends_waiting(void)
{
    struct fixture f;
    setup(&f, GW_IP);
    uint8_t d1[60], d2[60];
    ip_frame(d1, 1);
    ip_frame(d2, 2);
    CU_ASSERT_EQUAL(arp_output(&f.arp, d1, 60, PEER_IP, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(arp_output(&f.arp, d2, 60, PEER_IP, NULL), PROTO_OK);
    /* One request, for the gateway (the peer is off the subnet), broadcast. */
    CU_ASSERT_EQUAL_FATAL(f.sink.n, 1);
    struct arp_packet p;
    CU_ASSERT_EQUAL_FATAL(arp_decode(f.sink.frame[0], f.sink.len[0], &p, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(p.op, ARES_OP_REQUEST);
    CU_ASSERT_EQUAL(p.tpa, GW_IP);
    CU_ASSERT_EQUAL(p.spa, OUR_IP);
    CU_ASSERT_EQUAL(memcmp(f.sink.frame[0], bcast, 6), 0);
    CU_ASSERT_EQUAL(f.arp.cnt.queued, 2);
    /* The reply: both frames leave in order with the gateway's MAC. */
    uint8_t r[64];
    size_t n = frame_of(ARES_OP_REPLY, gw_mac, GW_IP, our_mac, OUR_IP, our_mac, r);
    CU_ASSERT_EQUAL(arp_input(&f.arp, r, n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(f.sink.n, 3);
    CU_ASSERT_EQUAL(memcmp(f.sink.frame[1], gw_mac, 6), 0);
    CU_ASSERT_EQUAL(f.sink.frame[1][20], 1);
    CU_ASSERT_EQUAL(memcmp(f.sink.frame[2], gw_mac, 6), 0);
    CU_ASSERT_EQUAL(f.sink.frame[2][20], 2);
    CU_ASSERT_EQUAL(f.sink.n_resolved, 1);
    CU_ASSERT_EQUAL(f.sink.resolved_ip[0], GW_IP);
    /* Resolved: no retry fires, the next frame goes at once. */
    timer_queue_advance(&f.tq, 10 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(f.sink.n, 3);
    CU_ASSERT_EQUAL(arp_output(&f.arp, d1, 60, PEER_IP, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(f.sink.n, 4);
    CU_ASSERT_EQUAL(f.arp.cnt.requests_out, 1);
    CU_ASSERT_EQUAL(f.arp.cnt.sent, 3);
    /* The gateway's MAC changes (a gratuitous ARP): merged, reported. */
    const uint8_t new_mac[6] = {0x52, 0x54, 0x00, 0xAA, 0xBB, 0xCC};
    n = frame_of(ARES_OP_REQUEST, new_mac, GW_IP, (const uint8_t[6]){0}, GW_IP, bcast, r);
    CU_ASSERT_EQUAL(arp_input(&f.arp, r, n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(f.sink.n_resolved, 2);
    uint8_t mac[6];
    CU_ASSERT_TRUE(arp_lookup(&f.arp, GW_IP, mac));
    CU_ASSERT_EQUAL(memcmp(mac, new_mac, 6), 0);
    teardown(&f);
}

static void test_retries_then_fails(void)
{
    struct fixture f;
    setup(&f, GW_IP);
    uint8_t d[60];
    ip_frame(d, 7);
    CU_ASSERT_EQUAL(arp_output(&f.arp, d, 60, 0x0A010005u, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(f.sink.n, 1);
    timer_queue_advance(&f.tq, ARP_RETRY_US - 1);
    CU_ASSERT_EQUAL(f.sink.n, 1);
    timer_queue_advance(&f.tq, ARP_RETRY_US);
    CU_ASSERT_EQUAL(f.sink.n, 2);
    timer_queue_advance(&f.tq, 2 * ARP_RETRY_US);
    CU_ASSERT_EQUAL(f.sink.n, ARP_TRIES);
    timer_queue_advance(&f.tq, 3 * ARP_RETRY_US);   /* no answer to the last: given up */
    CU_ASSERT_EQUAL(f.sink.n, ARP_TRIES);
    CU_ASSERT_EQUAL(f.arp.cnt.failed, 1);
    CU_ASSERT_EQUAL(f.arp.cnt.queue_dropped, 1);
    CU_ASSERT_EQUAL(f.arp.cnt.sent, 0);
    CU_ASSERT_EQUAL(timer_queue_next(&f.tq), TIMER_NEVER);
    /* The next frame starts over. */
    CU_ASSERT_EQUAL(arp_output(&f.arp, d, 60, 0x0A010005u, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(f.sink.n, ARP_TRIES + 1);
    CU_ASSERT_EQUAL(f.arp.cnt.requests_out, ARP_TRIES + 1);
    teardown(&f);
}

static void test_queue_keeps_newest(void)
{
    struct fixture f;
    setup(&f, GW_IP);
    uint8_t d[60];
    for (int i = 0; i < ARP_QUEUE_MAX + 3; i++) {
        ip_frame(d, (uint8_t)i);
        CU_ASSERT_EQUAL(arp_output(&f.arp, d, 60, GW_IP, NULL), PROTO_OK);
    }
    CU_ASSERT_EQUAL(f.arp.cnt.queue_dropped, 3);
    uint8_t r[64];
    size_t n = frame_of(ARES_OP_REPLY, gw_mac, GW_IP, our_mac, OUR_IP, our_mac, r);
    CU_ASSERT_EQUAL(arp_input(&f.arp, r, n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(f.sink.n, 1 + ARP_QUEUE_MAX);
    CU_ASSERT_EQUAL(f.sink.frame[1][20], 3);                    /* 0..2 were dropped */
    CU_ASSERT_EQUAL(f.sink.frame[ARP_QUEUE_MAX][20], ARP_QUEUE_MAX + 2);
    teardown(&f);
}

static void test_cache_full_of_pending(void)
{
    struct fixture f;
    setup(&f, 0);
    struct proto_error e = {0};
    for (uint32_t i = 0; i < ARP_CACHE_MAX; i++)
        CU_ASSERT_EQUAL(arp_resolve(&f.arp, 0x0A010100u + i, &e), PROTO_OK);
    CU_ASSERT_EQUAL(arp_resolve(&f.arp, 0x0A010200u, &e), PROTO_ENOSPC);
    CU_ASSERT_STRING_EQUAL(e.field, "arp cache");
    /* Once they fail, their entries are reused. */
    timer_queue_advance(&f.tq, (ARP_TRIES + 1) * ARP_RETRY_US);
    CU_ASSERT_EQUAL(f.arp.cnt.failed, ARP_CACHE_MAX);
    CU_ASSERT_EQUAL(arp_resolve(&f.arp, 0x0A010200u, &e), PROTO_OK);
    teardown(&f);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"codec: Linux's request octet for octet, padding", test_codec},
        {"decode errors name the field and offset", test_decode_errors_name_fields},
        {"init refuses a bad config", test_init_refuses_bad_config},
        {"next hop: on the link or the gateway", test_next_hop},
        {"answers requests for our address only", test_answers_request_for_us},
        {"resolves, then sends what waited; merge", test_resolves_then_sends_waiting},
        {"retries, then fails and drops", test_retries_then_fails},
        {"queue keeps the newest frames", test_queue_keeps_newest},
        {"cache full of pending entries", test_cache_full_of_pending},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tpd arp", tests);
}
