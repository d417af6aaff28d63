/* l2tpd's wire_seq.c: what the NET wire sees of data sequencing (RFC 2661
 * §5.4): data with and without S, Ns consecutive per sender and session,
 * a session's first Ns 0, control messages and non-L2TP frames ignored. */
#include <string.h>

#include "l2tp_header.h"
#include "l2tpd.h"
#include "net_headers.h"
#include "unit.h"

#define LAC_IP 0x0A330644u   /* 10.51.6.68 */
#define LNS_IP 0x0A330652u   /* 10.51.6.82 */

/* An Ethernet/IPv4/UDP frame around an L2TP header and a short PPP payload. */
static size_t frame(const struct l2tp_header *h0, uint8_t *out, size_t cap)
{
    static const uint8_t ppp[] = {0xFF, 0x03, 0x00, 0x21, 0x45, 0x00};
    struct l2tp_header h = *h0;
    uint8_t l2tp[64];
    size_t hl = 0;
    CU_ASSERT_FATAL(l2tp_header_encode(&h, sizeof ppp, l2tp, sizeof l2tp, &hl, NULL) ==
                    PROTO_OK);
    memcpy(l2tp + hl, ppp, sizeof ppp);
    struct net_udp_packet p = {.ip_ttl = 64, .ip_src = LAC_IP, .ip_dst = LNS_IP,
                               .udp_src = 1701, .udp_dst = 1701};
    size_t n = 0;
    CU_ASSERT_FATAL(net_udp_encode(&p, l2tp, hl + sizeof ppp, out, cap, &n, NULL) == PROTO_OK);
    return n;
}

static void send_data(struct wire_seq *s, int sender, uint16_t sid, bool seq, uint16_t ns)
{
    struct l2tp_header h = {.version = 2, .has_length = true, .has_sequence = seq,
                            .tunnel_id = 55270, .session_id = sid, .ns = ns};
    uint8_t f[256];
    size_t n = frame(&h, f, sizeof f);
    wire_seq_observe(s, sender, f, n);
}

static void test_consecutive_ns(void)
{
    struct wire_seq s = {0};
    for (uint16_t ns = 0; ns < 5; ns++)
        send_data(&s, 0, 45, true, ns);
    CU_ASSERT_EQUAL(s.sequenced, 5);
    CU_ASSERT_EQUAL(s.unsequenced, 0);
    CU_ASSERT_EQUAL(s.starts, 1);
    CU_ASSERT_EQUAL(s.gaps, 0);
    wire_seq_free(&s);
}

static void test_gaps_per_sender_and_session(void)
{
    struct wire_seq s = {0};
    send_data(&s, 0, 45, true, 0);
    send_data(&s, 0, 46, true, 0);   /* another session starts at 0 too */
    send_data(&s, 1, 45, true, 0);   /* the other sender's session 45 */
    send_data(&s, 0, 45, true, 1);
    send_data(&s, 0, 45, true, 3);   /* 2 skipped */
    send_data(&s, 1, 45, true, 1);
    send_data(&s, 0, 46, true, 2);   /* 1 skipped */
    CU_ASSERT_EQUAL(s.starts, 3);
    CU_ASSERT_EQUAL(s.gaps, 2);
    /* A session's first message with Ns other than 0 is a gap (§5.4). */
    send_data(&s, 1, 7, true, 9);
    CU_ASSERT_EQUAL(s.gaps, 3);
    wire_seq_free(&s);
}

static void test_wrap_and_restart(void)
{
    struct wire_seq s = {0};
    send_data(&s, 0, 45, true, 0);
    for (uint32_t ns = 1; ns <= 65536; ns++)
        send_data(&s, 0, 45, true, (uint16_t)ns);   /* 65535 then 0: modulo 2^16 */
    CU_ASSERT_EQUAL(s.gaps, 0);
    CU_ASSERT_EQUAL(s.starts, 1);
    send_data(&s, 0, 45, true, 0);   /* a new session reusing the ID */
    CU_ASSERT_EQUAL(s.starts, 2);
    CU_ASSERT_EQUAL(s.gaps, 0);
    wire_seq_free(&s);
}

static void test_unsequenced_control_and_junk(void)
{
    struct wire_seq s = {0};
    send_data(&s, 0, 45, false, 0);
    CU_ASSERT_EQUAL(s.unsequenced, 1);
    CU_ASSERT_PTR_NULL(s.next_ns);   /* no table until a sequenced message */
    struct l2tp_header ctl = {.version = 2, .is_control = true, .has_length = true,
                              .has_sequence = true, .tunnel_id = 55270, .ns = 4};
    uint8_t f[256];
    size_t n = frame(&ctl, f, sizeof f);
    wire_seq_observe(&s, 0, f, n);
    f[12] = 0x86;   /* EtherType 0x86DD: not IPv4 */
    wire_seq_observe(&s, 0, f, n);
    wire_seq_observe(&s, 0, f, 10);   /* runt */
    send_data(&s, 2, 45, true, 0);    /* no such sender */
    CU_ASSERT_EQUAL(s.sequenced, 0);
    CU_ASSERT_EQUAL(s.unsequenced, 1);
    CU_ASSERT_EQUAL(s.gaps + s.starts, 0);
    wire_seq_free(&s);
}

void register_suites(void)
{
    static CU_TestInfo tests[] = {
        {"consecutive Ns", test_consecutive_ns},
        {"gaps per sender and session", test_gaps_per_sender_and_session},
        {"wrap modulo 2^16, restart at 0", test_wrap_and_restart},
        {"unsequenced, control, not L2TP", test_unsequenced_control_and_junk},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tpd wire_seq", tests);
}
