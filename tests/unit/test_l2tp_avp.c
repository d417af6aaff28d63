/* AVPs (RFC 2661 §4.1, §4.4): the table, the iterator, value checks, the
 * debug lines, and a random build -> iterate -> build round trip. */
#include <stdio.h>
#include <string.h>

#include "../vectors/seed_packets.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "l2tp_msg.h"
#include "unit.h"

struct prng {
    uint64_t s;
};

static uint32_t prng_next(struct prng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static void test_table_complete(void)
{
    for (uint16_t t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
        const struct l2tp_avp_def *d = l2tp_avp_lookup(0, t);
        if (t == 20) { /* reserved: no AVP */
            CU_ASSERT_PTR_NULL(d);
            continue;
        }
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        CU_ASSERT_EQUAL(d->type, t);
        CU_ASSERT(d->name && *d->name && d->label && *d->label);
        CU_ASSERT(d->min_value_len <= d->max_value_len);
        CU_ASSERT(d->max_value_len <= L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN);
    }
    CU_ASSERT_PTR_NULL(l2tp_avp_lookup(0, 40));
    CU_ASSERT_PTR_NULL(l2tp_avp_lookup(9, 0));
    const struct l2tp_avp_def *c = l2tp_avp_lookup(L2TP_VENDOR_CISCO, 100);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->label, "Client NAS Port");
    /* A few RFC facts: names, hiding, M. */
    CU_ASSERT_STRING_EQUAL(l2tp_avp_lookup(0, 14)->name, "Assigned Session ID");
    CU_ASSERT_STRING_EQUAL(l2tp_avp_lookup(0, 14)->label, "Assigned Call ID");
    CU_ASSERT_STRING_EQUAL(l2tp_avp_lookup(0, 11)->label, "Chlng");
    CU_ASSERT_FALSE(l2tp_avp_lookup(0, L2TP_AVP_RANDOM_VECTOR)->may_hide);
    CU_ASSERT_FALSE(l2tp_avp_lookup(0, L2TP_AVP_MESSAGE_TYPE)->may_hide);
    CU_ASSERT_TRUE(l2tp_avp_lookup(0, L2TP_AVP_ASSIGNED_TUNNEL_ID)->may_hide);
    CU_ASSERT_TRUE(l2tp_avp_lookup(0, L2TP_AVP_PROXY_AUTHEN_RESPONSE)->may_hide);
    CU_ASSERT_TRUE(l2tp_avp_lookup(0, L2TP_AVP_MESSAGE_TYPE)->must_be_mandatory);
    CU_ASSERT_FALSE(l2tp_avp_lookup(0, L2TP_AVP_FIRMWARE_REVISION)->must_be_mandatory);
    CU_ASSERT_EQUAL(l2tp_avp_lookup(0, L2TP_AVP_CHALLENGE_RESPONSE)->min_value_len, 16);
    CU_ASSERT_EQUAL(l2tp_avp_lookup(0, L2TP_AVP_CALL_ERRORS)->min_value_len, 26);
    CU_ASSERT_EQUAL(l2tp_avp_lookup(0, L2TP_AVP_ACCM)->max_value_len, 10);
}

static void test_names_and_codes(void)
{
    static const char *const names[] = {"ZLB",    "SCCRQ", "SCCRP", "SCCCN", "StopCCN", "type-5",
                                        "HELLO",  "OCRQ",  "OCRP",  "OCCN",  "ICRQ",    "ICRP",
                                        "ICCN",   "type-13", "CDN", "WEN",   "SLI"};
    for (uint16_t t = 0; t <= 16; t++)
        CU_ASSERT_STRING_EQUAL(l2tp_msg_type_name(t), names[t]);
    CU_ASSERT_STRING_EQUAL(l2tp_msg_type_name(17), "type-unknown");
    CU_ASSERT_FALSE(l2tp_msg_type_known(0));
    CU_ASSERT_FALSE(l2tp_msg_type_known(5));
    CU_ASSERT_FALSE(l2tp_msg_type_known(13));
    CU_ASSERT_FALSE(l2tp_msg_type_known(17));
    CU_ASSERT_TRUE(l2tp_msg_type_known(16));
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_STOPCCN, 1),
                           "Request to clear control connection");
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_CDN, 1), "Loss of carrier");
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_STOPCCN, 7),
                           "Finite State Machine error");
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_CDN, 11),
                           "Call was connected but no appropriate framing was detected");
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_CDN, 12), "Unknown code");
    CU_ASSERT_STRING_EQUAL(l2tp_result_code_text(L2TP_MSG_STOPCCN, 8), "Unknown code");
    CU_ASSERT_STRING_EQUAL(l2tp_error_code_text(0), "No error");
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tp_error_code_text(8), "M bit"));
    CU_ASSERT_STRING_EQUAL(l2tp_error_code_text(9), "Unknown code");
    size_t n = 0;
    const uint16_t *req = l2tp_msg_required_avps(L2TP_MSG_STOPCCN, &n);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(req[2], L2TP_AVP_RESULT_CODE);
    CU_ASSERT_PTR_NULL(l2tp_msg_required_avps(L2TP_MSG_ZLB, &n));
    CU_ASSERT_EQUAL(n, 0);
}

static void test_iterate_seed(void)
{
    struct l2tp_avp_iter it;
    struct l2tp_avp a;
    struct proto_error err = {0};
    l2tp_avp_iter_init(&it, seed_scccn + 12, sizeof seed_scccn - 12, 12);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), 1);
    CU_ASSERT_EQUAL(a.offset, 12);
    CU_ASSERT_EQUAL(a.type, 0);
    CU_ASSERT_EQUAL(a.length, 8);
    CU_ASSERT_EQUAL(a.flags, 0x8000);
    CU_ASSERT_TRUE(a.mandatory);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), 1);
    CU_ASSERT_EQUAL(a.offset, 20);
    CU_ASSERT_EQUAL(a.type, 13);
    CU_ASSERT_EQUAL(a.value_len, 16);
    CU_ASSERT_EQUAL(a.value[0], 0x96);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), 0);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), 0);
}

static void test_iterate_malformed(void)
{
    struct l2tp_avp_iter it;
    struct l2tp_avp a;
    struct proto_error err = {0};
    uint8_t b[16] = {0x80, 0x08, 0, 0, 0, 9, 0x45, 0x18};
    /* header cut short at every length */
    for (size_t k = 1; k < 6; k++) {
        l2tp_avp_iter_init(&it, b, k, 100);
        CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), PROTO_ETRUNC);
        CU_ASSERT_EQUAL(err.offset, 100);
        CU_ASSERT_STRING_EQUAL(err.field, "AVP header");
    }
    /* value cut short */
    for (size_t k = 6; k < 8; k++) {
        l2tp_avp_iter_init(&it, b, k, 0);
        CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), PROTO_ELENGTH);
        CU_ASSERT_STRING_EQUAL(err.field, "AVP Length");
    }
    /* Length below 6, including 0 (which would loop forever if accepted) */
    for (uint8_t l = 0; l < 6; l++) {
        b[1] = l;
        l2tp_avp_iter_init(&it, b, 8, 0);
        CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), PROTO_ELENGTH);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "below"));
    }
    /* Length up to 1023 past the data */
    b[0] = 0x83;
    b[1] = 0xFF;
    l2tp_avp_iter_init(&it, b, sizeof b, 0);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), PROTO_ELENGTH);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "1023"));
    /* reserved bits: returned as they are by default, refused when strict */
    b[0] = 0x80 | 0x04;
    b[1] = 8;
    l2tp_avp_iter_init(&it, b, 8, 0);
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), 1);
    CU_ASSERT_EQUAL(a.flags, 0x8400);
    l2tp_avp_iter_init(&it, b, 8, 0);
    it.flags = L2TP_DECODE_STRICT;
    CU_ASSERT_EQUAL(l2tp_avp_next(&it, &a, &err), PROTO_ERESERVED);
    CU_ASSERT_STRING_EQUAL(err.field, "AVP Reserved");
}

/* Every table entry: value lengths just inside and just outside bounds. */
static void test_value_bounds(void)
{
    static const uint8_t zeros[1100];
    for (uint16_t t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
        const struct l2tp_avp_def *d = l2tp_avp_lookup(0, t);
        if (!d)
            continue;
        struct l2tp_avp a = {.type = t, .value = zeros, .offset = 40};
        struct proto_error err = {0};
        a.value_len = d->min_value_len;
        CU_ASSERT_EQUAL(l2tp_avp_check(&a, &err), PROTO_OK);
        a.value_len = d->max_value_len;
        /* Result Code of 3 octets is the only hole inside its bounds. */
        CU_ASSERT_EQUAL(l2tp_avp_check(&a, &err), PROTO_OK);
        if (d->min_value_len > 0) {
            a.value_len = d->min_value_len - 1u;
            CU_ASSERT_EQUAL(l2tp_avp_check(&a, &err), PROTO_ELENGTH);
            CU_ASSERT_STRING_EQUAL(err.field, d->name);
            CU_ASSERT_EQUAL(err.offset, 40);
        }
        a.value_len = d->max_value_len + 1u;
        CU_ASSERT_EQUAL(l2tp_avp_check(&a, &err), PROTO_ELENGTH);
        /* H on an AVP that MUST NOT be hidden */
        a.value_len = d->min_value_len;
        a.flags = L2TP_AVP_H;
        a.hidden = true;
        CU_ASSERT_EQUAL(l2tp_avp_check(&a, &err), d->may_hide ? PROTO_OK : PROTO_EINVAL);
        a.flags = 0;
        a.hidden = false;
    }
    struct l2tp_avp r = {.type = L2TP_AVP_RESULT_CODE, .value = zeros, .value_len = 3};
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(l2tp_avp_check(&r, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Error Code");
    /* Integer accessors check the length they read. */
    const uint8_t v[4] = {0x12, 0x34, 0x56, 0x78};
    struct l2tp_avp a = {.type = L2TP_AVP_ASSIGNED_TUNNEL_ID, .value = v, .value_len = 2};
    uint16_t u16 = 0;
    uint32_t u32 = 0;
    CU_ASSERT_EQUAL(l2tp_avp_value_u16(&a, &u16, &err), PROTO_OK);
    CU_ASSERT_EQUAL(u16, 0x1234);
    CU_ASSERT_EQUAL(l2tp_avp_value_u32(&a, &u32, &err), PROTO_ELENGTH);
    a.type = L2TP_AVP_BEARER_TYPE;
    a.value_len = 4;
    CU_ASSERT_EQUAL(l2tp_avp_value_u32(&a, &u32, &err), PROTO_OK);
    CU_ASSERT_EQUAL(u32, 0x12345678);
    a.value_len = 3;
    CU_ASSERT_EQUAL(l2tp_avp_value_u32(&a, &u32, &err), PROTO_ELENGTH);
}

static void check_value(uint16_t vendor, uint16_t type, const void *v, size_t n,
                        uint16_t msg_type, const char *want)
{
    struct l2tp_avp a = {.vendor = vendor, .type = type, .value = v, .value_len = n};
    char line[256];
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_value(&a, msg_type, line, sizeof line), want);
}

static void test_format_lines(void)
{
    struct l2tp_avp a = {.flags = 0x8000, .length = 8, .type = 0};
    char line[256];
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_parse(&a, line, sizeof line),
                           "Parse AVP 0, len 8, flag 0x8000 (M)");
    struct l2tp_avp c = {.flags = 0, .length = 15, .vendor = 9, .type = 100};
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_parse(&c, line, sizeof line),
                           "Parse Cisco AVP 100, len 15, flag 0x0");
    struct l2tp_avp o = {.flags = 0x4000, .length = 6, .vendor = 311, .type = 1};
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_parse(&o, line, sizeof line),
                           "Parse vendor 311 AVP 1, len 6, flag 0x4000 (hidden)");

    const uint8_t q931[] = {0x00, 0x10, 0x05, 'b', 'y', 'e'};
    check_value(0, L2TP_AVP_Q931_CAUSE_CODE, q931, sizeof q931, 14,
                "Q.931 Cause Code cause 16, msg 5, advisory bye");
    const uint8_t accm[] = {0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF};
    check_value(0, L2TP_AVP_ACCM, accm, sizeof accm, 16,
                "ACCM send 0x00000000, recv 0xFFFFFFFF");
    uint8_t ce[26] = {0};
    ce[5] = 1;
    ce[25] = 6;
    check_value(0, L2TP_AVP_CALL_ERRORS, ce, sizeof ce, 15,
                "Call Errors CRC 1, Framing 0, HW overruns 0, Buffer overruns 0, Time-out 0, "
                "Alignment 6");
    const uint8_t tb[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};
    check_value(0, L2TP_AVP_TIE_BREAKER, tb, 8, 1, "Tie Breaker 0123456789ABCDEF");
    check_value(0, L2TP_AVP_SEQUENCING_REQUIRED, NULL, 0, 12, "Sequencing Required");
    check_value(0, L2TP_AVP_HOST_NAME, "a\nb\\", 4, 1, "Hostname a\\x0Ab\\x5C");
    const uint8_t rc[] = {0, 2, 0, 6, 'o', 'o', 'p', 's'};
    check_value(0, L2TP_AVP_RESULT_CODE, rc, sizeof rc, 4,
                "Result code(2): 2: General error, Error Code indicates the problem\n"
                "Error code(6): A generic vendor-specific error occurred\nError message oops");
    const uint8_t pid[] = {0, 6};
    check_value(0, L2TP_AVP_PROXY_AUTHEN_ID, pid, 2, 12, "Proxy Auth ID 6");
    const uint8_t mt[] = {0, 77};
    check_value(0, L2TP_AVP_MESSAGE_TYPE, mt, 2, 0, "Parse type-77");
    const uint8_t three[] = {1, 2, 3};
    check_value(0, L2TP_AVP_ASSIGNED_TUNNEL_ID, three, 3, 1,
                "Assigned Tunnel ID (bad length 3) 010203");
    check_value(0, 20, three, 3, 1, "Unknown AVP 20 010203");
    check_value(0, L2TP_AVP_FIRMWARE_REVISION, "\x11\x30", 2, 1, "Firmware Ver 0x1130");
    /* A small buffer truncates, never overflows. */
    struct l2tp_avp big = {.type = L2TP_AVP_CHALLENGE, .value = ce, .value_len = 26};
    char small[12];
    CU_ASSERT(strlen(l2tp_avp_format_value(&big, 1, small, sizeof small)) < sizeof small);
    CU_ASSERT_EQUAL(strncmp(small, "Chlng 00", 8), 0);
    CU_ASSERT_EQUAL(strlen(l2tp_avp_format_parse(&big, small, sizeof small)), 11);
}

/* Random AVPs (known ones within the table's bounds, unknown vendors with
 * M=0) built into a message, iterated back, and built again identically. */
static void test_roundtrip_random(void)
{
    struct prng r = {0xA0761D6478BD642FULL};
    static uint8_t buf[4096], again[4096], value[1100];
    static struct l2tp_msg msg;
    for (unsigned iter = 0; iter < 400; iter++) {
        struct l2tp_builder b;
        struct proto_error err = {0};
        l2tp_build_begin(&b, buf, sizeof buf, (uint16_t)prng_next(&r), (uint16_t)prng_next(&r),
                         (uint16_t)prng_next(&r), (uint16_t)prng_next(&r), L2TP_MSG_HELLO);
        unsigned n_avps = 1 + prng_next(&r) % 8;
        struct {
            bool m;
            uint16_t vendor, type;
            size_t len;
            size_t at;
        } spec[8];
        size_t vpos = 0;
        for (unsigned k = 0; k < n_avps; k++) {
            uint16_t vendor = 0, type;
            const struct l2tp_avp_def *d;
            if (prng_next(&r) % 5 == 0) {
                vendor = (uint16_t)(10 + prng_next(&r) % 1000);
                type = (uint16_t)prng_next(&r);
                d = NULL;
            } else {
                do
                    type = (uint16_t)(1 + prng_next(&r) % 39);
                while (!(d = l2tp_avp_lookup(0, type)));
            }
            size_t min = d ? d->min_value_len : 0, max = d ? d->max_value_len : 120;
            if (max > min + 120)
                max = min + 120;
            size_t len = min + prng_next(&r) % (max - min + 1);
            if (d && d->kind == L2TP_AVK_RESULT_CODE && len == 3)
                len = 4;
            for (size_t i = 0; i < len; i++)
                value[vpos + i] = (uint8_t)prng_next(&r);
            /* strict decoding insists on M where the RFC requires it */
            bool m = d ? (d->must_be_mandatory || (prng_next(&r) & 1)) : false;
            l2tp_build_avp(&b, m, vendor, type, value + vpos, len);
            spec[k].m = m;
            spec[k].vendor = vendor;
            spec[k].type = type;
            spec[k].len = len;
            spec[k].at = vpos;
            vpos += len;
        }
        size_t n = 0;
        CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &n, &err), PROTO_OK);
        CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(buf, n, NULL, L2TP_DECODE_STRICT, &msg, &err),
                              PROTO_OK);
        CU_ASSERT_EQUAL_FATAL(msg.n_avps, n_avps + 1u);
        CU_ASSERT_EQUAL(msg.type, L2TP_MSG_HELLO);
        l2tp_build_begin(&b, again, sizeof again, msg.hdr.tunnel_id, msg.hdr.session_id,
                         msg.hdr.ns, msg.hdr.nr, msg.type);
        for (unsigned k = 0; k < n_avps; k++) {
            const struct l2tp_avp *a = &msg.avps[k + 1];
            CU_ASSERT_EQUAL(a->mandatory, spec[k].m);
            CU_ASSERT_EQUAL(a->vendor, spec[k].vendor);
            CU_ASSERT_EQUAL(a->type, spec[k].type);
            CU_ASSERT_EQUAL_FATAL(a->value_len, spec[k].len);
            CU_ASSERT_EQUAL(memcmp(a->value, value + spec[k].at, a->value_len), 0);
            l2tp_build_avp(&b, a->mandatory, a->vendor, a->type, a->value, a->value_len);
        }
        size_t n2 = 0;
        CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &n2, &err), PROTO_OK);
        CU_ASSERT_EQUAL(n2, n);
        CU_ASSERT_EQUAL(memcmp(buf, again, n), 0);
    }
}

static void test_builder_errors(void)
{
    uint8_t buf[64];
    struct l2tp_builder b;
    struct proto_error err = {0};
    size_t n = 0;
    /* Out of room: sticky, the first error is the one reported */
    l2tp_build_begin(&b, buf, 20, 1, 2, 3, 4, L2TP_MSG_HELLO);
    l2tp_build_u16(&b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, 5);
    l2tp_build_u16(&b, true, 999, 5);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_ENOSPC);
    CU_ASSERT_EQUAL(err.offset, 20);
    /* A value the table forbids */
    l2tp_build_begin(&b, buf, sizeof buf, 1, 2, 3, 4, L2TP_MSG_SCCCN);
    l2tp_build_avp(&b, true, 0, L2TP_AVP_CHALLENGE_RESPONSE, buf, 15);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Challenge Response");
    /* Too long for one AVP */
    static uint8_t big[2048], src[1018];
    l2tp_build_begin(&b, big, sizeof big, 1, 2, 3, 4, L2TP_MSG_HELLO);
    l2tp_build_avp(&b, false, 77, 1, src, 1018);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_ELENGTH);
    l2tp_build_begin(&b, big, sizeof big, 1, 2, 3, 4, L2TP_MSG_HELLO);
    l2tp_build_avp(&b, false, 77, 1, src, 1017);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_OK);
    CU_ASSERT_EQUAL(n, 12 + 8 + 1023);
    /* No buffer at all */
    l2tp_build_begin(&b, NULL, 100, 1, 2, 3, 4, L2TP_MSG_HELLO);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_ENOSPC);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"table: types 0-39 and Cisco 100", test_table_complete},
        {"message names, result and error texts, required AVPs", test_names_and_codes},
        {"iterate the seed SCCCN", test_iterate_seed},
        {"iterator: truncation, bad lengths, reserved bits", test_iterate_malformed},
        {"value length bounds of every AVP", test_value_bounds},
        {"debug lines of every value kind", test_format_lines},
        {"random AVPs: build -> decode -> build", test_roundtrip_random},
        {"builder errors", test_builder_errors},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp_avp", tests);
}
