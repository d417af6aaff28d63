/* Bad input never crashes the control plane: the seed's frames truncated at
 * every length, mutated at random (seeded), and random octets, fed to a
 * fresh LNS and to both ends of an established call. Every refusal is a
 * proto_status with a named field; the instances stay usable (a call still
 * comes up afterwards). Run under ASan+UBSan by make test. */
#include <string.h>

#include "../vectors/seed_packets.h"
#include "l2tp_ctrl_test_util.h"

static uint64_t rng = 0x243F6A8885A308D3ull;

static uint64_t next_rand(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

static void feed_everywhere(struct pair *p, const uint8_t *buf, size_t len)
{
    struct proto_error err = {0};
    struct l2tp_peer_addr from_a = {A_IP, 1701}, from_b = {B_IP, 1701};
    proto_status st = l2tp_ctrl_input(&p->b.ctrl, &from_a, buf, len, &err);
    CU_ASSERT(st == PROTO_OK || (st < 0 && err.field != NULL));
    memset(&err, 0, sizeof err);
    st = l2tp_ctrl_input(&p->a.ctrl, &from_b, buf, len, &err);
    CU_ASSERT(st == PROTO_OK || (st < 0 && err.field != NULL));
}

static void still_works(struct pair *p)
{
    /* whatever happened, a new tunnel and call come up */
    struct l2tp_peer_addr to = {B_IP, 1701};
    uint16_t tid;
    uint64_t ups = p->a.n_up;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&p->a.ctrl, &to, util_hello, 5, 0, &tid, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p->a.ctrl, tid, 0, NULL, NULL, NULL, NULL), PROTO_OK);
    wire_run_for(&p->w, 5 * USEC_PER_SEC);
    CU_ASSERT(p->a.n_up > ups);
}

static void test_truncations(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_hello, NULL);
    pair_open(&p, USEC_PER_SEC);
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++)
        for (size_t n = 0; n <= seed_packets[i].len; n++)
            feed_everywhere(&p, seed_packets[i].bytes, n);
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    still_works(&p);
    wire_free(&p.w);
}

static void test_mutations(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_hello, NULL);
    pair_open(&p, USEC_PER_SEC);
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, NULL, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    uint8_t buf[512];
    for (int round = 0; round < 20000; round++) {
        const struct seed_packet *sp = &seed_packets[next_rand() % SEED_PACKET_COUNT];
        size_t len = sp->len;
        memcpy(buf, sp->bytes, len);
        /* aim at the live tunnels' IDs half the time */
        if (next_rand() % 2) {
            uint16_t tid = (uint16_t)(1 + next_rand() % 2);
            buf[4] = (uint8_t)(tid >> 8);
            buf[5] = (uint8_t)tid;
        }
        int flips = 1 + (int)(next_rand() % 4);
        for (int f = 0; f < flips; f++)
            buf[next_rand() % len] ^= (uint8_t)(1u << (next_rand() % 8));
        if (next_rand() % 8 == 0)
            len = next_rand() % (len + 1);
        feed_everywhere(&p, buf, len);
        if (round % 500 == 0)
            wire_run_for(&p.w, 3 * USEC_PER_SEC);
    }
    for (int round = 0; round < 5000; round++) {
        size_t len = next_rand() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)next_rand();
        if (len >= 2 && next_rand() % 2) {
            buf[0] = 0xC8; /* get past the first header checks */
            buf[1] = 0x02;
        }
        feed_everywhere(&p, buf, len);
    }
    wire_run_for(&p.w, 120 * USEC_PER_SEC);
    still_works(&p);
    wire_free(&p.w);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed frames truncated at every length", test_truncations},
        {"mutated seed frames and random octets", test_mutations},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp ctrl robustness", tests);
}
