/* Hidden AVPs (RFC 2661 §4.3): known answers computed independently
 * (Python hashlib), round trips over every length and byte value,
 * message-level reveal with the most recent Random Vector, and failures. */
#include <string.h>

#include "hexbytes.h"
#include "l2tp_const.h"
#include "l2tp_hidden.h"
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

static const uint8_t hello[] = "hello";
#define HELLO_LEN 5
static const uint8_t rv16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

static void expect_hex(const uint8_t *d, size_t n, const char *hex)
{
    char buf[256];
    CU_ASSERT_STRING_EQUAL(hex_format(d, n, 0, buf, sizeof buf), hex);
}

/* Vectors computed with Python's hashlib from the §4.3 formulas. */
static void test_known_answers(void)
{
    uint8_t out[128], back[128];
    size_t n = 0, m = 0;
    struct proto_error err = {0};
    const uint8_t tid[] = {0x45, 0x18}; /* Assigned Tunnel ID 17688 */
    CU_ASSERT_EQUAL(l2tp_hide(L2TP_AVP_ASSIGNED_TUNNEL_ID, hello, HELLO_LEN, rv16, 16, tid, 2,
                              NULL, 0, out, sizeof out, &n, &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(n, 4);
    expect_hex(out, n, "E5C0DE9A");
    CU_ASSERT_EQUAL(l2tp_reveal(L2TP_AVP_ASSIGNED_TUNNEL_ID, hello, HELLO_LEN, rv16, 16, out, n,
                                back, sizeof back, &m, &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(m, 2);
    CU_ASSERT_EQUAL(memcmp(back, tid, 2), 0);

    /* 44 octets + 5 pad: four blocks, the last one cut to 3 octets. */
    const char *v = "Cisco Systems, Inc. L2TP Access Concentrator";
    const uint8_t pad[] = {1, 2, 3, 4, 5};
    CU_ASSERT_EQUAL(l2tp_hide(L2TP_AVP_VENDOR_NAME, hello, HELLO_LEN, rv16, 16,
                              (const uint8_t *)v, strlen(v), pad, sizeof pad, out, sizeof out, &n,
                              &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(n, 51);
    expect_hex(out, n,
               "F5E2DFD3AE230A4F852466568C3671FA3625C539EFE5A4D0CEA834EAD3AC73F9A890E24E17A086CE"
               "559FA723A3123AF843D150");
    CU_ASSERT_EQUAL(l2tp_reveal(L2TP_AVP_VENDOR_NAME, hello, HELLO_LEN, rv16, 16, out, n, back,
                                sizeof back, &m, &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(m, strlen(v));
    CU_ASSERT_EQUAL(memcmp(back, v, m), 0);

    /* Wrong secret "hellp": Original Length decodes to 35129 > 49. */
    CU_ASSERT_EQUAL(l2tp_reveal(L2TP_AVP_VENDOR_NAME, (const uint8_t *)"hellp", 5, rv16, 16, out,
                                n, back, sizeof back, &m, &err),
                    PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "Original Length");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "35129"));
    /* The attribute type is part of the key: another type fails too. */
    CU_ASSERT_NOT_EQUAL(l2tp_reveal(L2TP_AVP_HOST_NAME, hello, HELLO_LEN, rv16, 16, out, n, back,
                                    sizeof back, &m, &err),
                        PROTO_OK);
}

/* hide -> reveal over value lengths 0..1017, all byte values, random pad,
 * secrets and Random Vectors; hiding is deterministic. */
static void test_roundtrip_lengths(void)
{
    struct prng r = {0xFEEDFACECAFEBEEFULL};
    uint8_t value[1100], pad[64], secret[40], rv[40];
    uint8_t out[1200], out2[1200], back[1100];
    for (size_t len = 0; len <= 1017; len++) {
        for (size_t i = 0; i < len; i++)
            value[i] = (uint8_t)(i * 7 + len); /* every byte value occurs */
        size_t pad_len = prng_next(&r) % 40;
        for (size_t i = 0; i < pad_len; i++)
            pad[i] = (uint8_t)prng_next(&r);
        size_t slen = 1 + prng_next(&r) % 32, rvlen = 1 + prng_next(&r) % 32;
        for (size_t i = 0; i < slen; i++)
            secret[i] = (uint8_t)prng_next(&r);
        for (size_t i = 0; i < rvlen; i++)
            rv[i] = (uint8_t)prng_next(&r);
        uint16_t type = (uint16_t)prng_next(&r);
        size_t n = 0, n2 = 0, m = 0;
        struct proto_error err = {0};
        CU_ASSERT_EQUAL_FATAL(l2tp_hide(type, secret, slen, rv, rvlen, value, len, pad, pad_len,
                                        out, sizeof out, &n, &err),
                              PROTO_OK);
        CU_ASSERT_EQUAL(n, 2 + len + pad_len);
        CU_ASSERT_EQUAL(l2tp_hide(type, secret, slen, rv, rvlen, value, len, pad, pad_len, out2,
                                  sizeof out2, &n2, &err),
                        PROTO_OK);
        CU_ASSERT_EQUAL(memcmp(out, out2, n), 0);
        CU_ASSERT_EQUAL_FATAL(
            l2tp_reveal(type, secret, slen, rv, rvlen, out, n, back, sizeof back, &m, &err),
            PROTO_OK);
        CU_ASSERT_EQUAL(m, len);
        CU_ASSERT_EQUAL(memcmp(back, value, len), 0);
    }
}

static void test_bad_inputs(void)
{
    uint8_t out[64], back[64];
    size_t n = 0, m = 0;
    struct proto_error err = {0};
    const uint8_t v[] = {1, 2, 3};
    CU_ASSERT_EQUAL(l2tp_hide(9, NULL, 0, rv16, 16, v, 3, NULL, 0, out, sizeof out, &n, &err),
                    PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "secret");
    CU_ASSERT_EQUAL(l2tp_hide(9, hello, HELLO_LEN, NULL, 0, v, 3, NULL, 0, out, sizeof out, &n,
                              &err),
                    PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "Random Vector");
    CU_ASSERT_EQUAL(l2tp_hide(9, hello, HELLO_LEN, rv16, 16, v, 3, NULL, 0, out, 4, &n, &err),
                    PROTO_ENOSPC);
    CU_ASSERT_EQUAL(l2tp_hide(9, hello, HELLO_LEN, rv16, 16, v, 3, NULL, 0, out, 5, &n, &err),
                    PROTO_OK);
    /* Truncated hidden data at every length must fail or give a short value,
     * never read or write out of bounds. */
    for (size_t k = 0; k < n; k++) {
        proto_status st =
            l2tp_reveal(9, hello, HELLO_LEN, rv16, 16, out, k, back, sizeof back, &m, &err);
        CU_ASSERT_EQUAL(st, PROTO_EHIDDEN);
    }
    CU_ASSERT_EQUAL(l2tp_reveal(9, hello, HELLO_LEN, rv16, 16, out, n, back, 2, &m, &err),
                    PROTO_ENOSPC);
    CU_ASSERT_EQUAL(l2tp_reveal(9, NULL, 0, rv16, 16, out, n, back, sizeof back, &m, &err),
                    PROTO_EHIDDEN);
}

static const struct l2tp_secret secret_hello = {hello, HELLO_LEN};

/* Builds an SCCRQ-like message with hidden AVPs around two Random Vectors. */
static size_t build_hidden_msg(uint8_t *buf, size_t cap, const char *vendor_name)
{
    struct l2tp_builder b;
    static const uint8_t rv2[] = {0xA5, 0x5A, 0x00, 0xFF};
    static const uint8_t pad[] = {0xDE, 0xAD};
    const uint8_t tid[] = {0x45, 0x18};
    l2tp_build_begin(&b, buf, cap, 0, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_set_secret(&b, &secret_hello);
    l2tp_build_u16(&b, true, L2TP_AVP_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION);
    l2tp_build_str(&b, true, L2TP_AVP_HOST_NAME, "hgw");
    l2tp_build_u32(&b, true, L2TP_AVP_FRAMING_CAPABILITIES, 3);
    l2tp_build_random_vector(&b, rv16, sizeof rv16);
    l2tp_build_hidden(&b, true, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID, tid, 2, NULL, 0);
    l2tp_build_random_vector(&b, rv2, sizeof rv2);
    l2tp_build_hidden(&b, false, 0, L2TP_AVP_VENDOR_NAME, vendor_name, strlen(vendor_name), pad,
                      sizeof pad);
    size_t n = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_OK);
    return n;
}

static void test_message_reveal(void)
{
    uint8_t buf[512];
    const char *vn = "Cisco Systems, Inc. -- a vendor name longer than one MD5 block";
    size_t n = build_hidden_msg(buf, sizeof buf, vn);
    CU_ASSERT_FATAL(n > 0);
    static struct l2tp_msg msg;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(buf, n, &secret_hello, L2TP_DECODE_STRICT, &msg, &err),
                          PROTO_OK);
    const struct l2tp_avp *a = l2tp_msg_find(&msg, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    uint16_t tid = 0;
    CU_ASSERT_EQUAL(l2tp_avp_value_u16(a, &tid, &err), PROTO_OK);
    CU_ASSERT_EQUAL(tid, 17688);
    CU_ASSERT_TRUE(msg.revealed[a - msg.avps]);
    CU_ASSERT_FALSE(a->hidden);
    CU_ASSERT(a->flags & L2TP_AVP_H);
    const struct l2tp_avp *v = l2tp_msg_find(&msg, 0, L2TP_AVP_VENDOR_NAME);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_EQUAL(v->value_len, strlen(vn));
    CU_ASSERT_EQUAL(memcmp(v->value, vn, v->value_len), 0);
    char line[300];
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_parse(a, line, sizeof line),
                           "Parse AVP 9, len 10, flag 0xC000 (M) (hidden)");
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_value(a, msg.type, line, sizeof line),
                           "Assigned Tunnel ID 17688");

    /* No secret: left hidden, flagged, the message still decodes. */
    CU_ASSERT_EQUAL(l2tp_msg_decode(buf, n, NULL, 0, &msg, &err), PROTO_OK);
    a = l2tp_msg_find(&msg, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID);
    CU_ASSERT_TRUE(a->hidden);
    CU_ASSERT_FALSE(msg.revealed[a - msg.avps]);
    CU_ASSERT_EQUAL(a->value_len, 4);
    CU_ASSERT_EQUAL(l2tp_avp_value_u16(a, &tid, &err), PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(l2tp_avp_format_value(a, msg.type, line, sizeof line),
                           "Assigned Tunnel ID (hidden) E5C0DE9A");
    /* ... unless asked to fail */
    CU_ASSERT_EQUAL(l2tp_msg_decode(buf, n, NULL, L2TP_DECODE_REQUIRE_REVEAL, &msg, &err),
                    PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "Assigned Tunnel ID");

    /* Wrong secret: the hidden Assigned Tunnel ID cannot be revealed. */
    const struct l2tp_secret wrong = {(const uint8_t *)"hellp", 5};
    CU_ASSERT_EQUAL(l2tp_msg_decode(buf, n, &wrong, 0, &msg, &err), PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "Assigned Tunnel ID");
}

/* A hidden AVP before any Random Vector stays hidden (§4.3 needs one). */
static void test_hidden_before_rv(void)
{
    uint8_t buf[128];
    size_t n = build_hidden_msg(buf, sizeof buf, "x");
    /* Move the first Random Vector's type to 37 (Private Group ID): the
     * hidden AVP after it has no Random Vector any more. */
    static struct l2tp_msg msg;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(buf, n, &secret_hello, 0, &msg, &err), PROTO_OK);
    const struct l2tp_avp *rv = l2tp_msg_find(&msg, 0, L2TP_AVP_RANDOM_VECTOR);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rv);
    buf[rv->offset + 5] = L2TP_AVP_PRIVATE_GROUP_ID;
    CU_ASSERT_EQUAL(l2tp_msg_decode(buf, n, &secret_hello, 0, &msg, &err), PROTO_OK);
    const struct l2tp_avp *a = l2tp_msg_find(&msg, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID);
    CU_ASSERT_TRUE(a->hidden);
    /* The Vendor Name after the second Random Vector is still revealed. */
    const struct l2tp_avp *v = l2tp_msg_find(&msg, 0, L2TP_AVP_VENDOR_NAME);
    CU_ASSERT_FALSE(v->hidden);
    CU_ASSERT_EQUAL(v->value_len, 1);
    CU_ASSERT_EQUAL(l2tp_msg_decode(buf, n, &secret_hello, L2TP_DECODE_REQUIRE_REVEAL, &msg, &err),
                    PROTO_EHIDDEN);
}

/* Builder refusals: no secret, no Random Vector, an AVP that MUST NOT be
 * hidden, an AVP too long once hidden. */
static void test_builder_refusals(void)
{
    uint8_t buf[2048];
    struct l2tp_builder b;
    struct proto_error err = {0};
    size_t n = 0;
    const uint8_t v[2] = {0, 1};
    l2tp_build_begin(&b, buf, sizeof buf, 1, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_random_vector(&b, rv16, 16);
    l2tp_build_hidden(&b, true, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID, v, 2, NULL, 0);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_EHIDDEN);

    l2tp_build_begin(&b, buf, sizeof buf, 1, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_set_secret(&b, &secret_hello);
    l2tp_build_hidden(&b, true, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID, v, 2, NULL, 0);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_EHIDDEN);
    CU_ASSERT_STRING_EQUAL(err.field, "hidden AVP");

    l2tp_build_begin(&b, buf, sizeof buf, 1, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_set_secret(&b, &secret_hello);
    l2tp_build_random_vector(&b, rv16, 16);
    l2tp_build_hidden(&b, true, 0, L2TP_AVP_RECEIVE_WINDOW_SIZE, v, 2, NULL, 0);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Receive Window Size");

    uint8_t big[1016];
    memset(big, 'a', sizeof big);
    l2tp_build_begin(&b, buf, sizeof buf, 1, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_set_secret(&b, &secret_hello);
    l2tp_build_random_vector(&b, rv16, 16);
    l2tp_build_hidden(&b, false, 0, L2TP_AVP_VENDOR_NAME, big, 1015, NULL, 0);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_OK);
    l2tp_build_begin(&b, buf, sizeof buf, 1, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_set_secret(&b, &secret_hello);
    l2tp_build_random_vector(&b, rv16, 16);
    l2tp_build_hidden(&b, false, 0, L2TP_AVP_VENDOR_NAME, big, 1016, NULL, 0);
    CU_ASSERT_EQUAL(l2tp_build_end(&b, &n, &err), PROTO_ELENGTH);
}

/* encode -> decode -> encode of hidden AVPs in messages, value lengths
 * 0..1015 (the most one AVP holds with the 2-octet length), all bytes. */
static void test_message_roundtrip(void)
{
    struct prng r = {0x0123456789ABCDEFULL};
    static uint8_t buf[1200], again[1200];
    static struct l2tp_msg msg;
    uint8_t value[1024], pad[16], rv[20];
    for (size_t len = 0; len <= 1015; len++) {
        for (size_t i = 0; i < len; i++)
            value[i] = (uint8_t)(prng_next(&r) ^ i);
        size_t pad_len = prng_next(&r) % 16;
        if (len + pad_len > 1015)
            pad_len = 1015 - len;
        for (size_t i = 0; i < pad_len; i++)
            pad[i] = (uint8_t)prng_next(&r);
        for (size_t i = 0; i < sizeof rv; i++)
            rv[i] = (uint8_t)prng_next(&r);
        struct l2tp_builder b;
        struct proto_error err = {0};
        size_t n = 0, n2 = 0;
        l2tp_build_begin(&b, buf, sizeof buf, 7, 9, 1, 2, L2TP_MSG_HELLO);
        l2tp_build_set_secret(&b, &secret_hello);
        l2tp_build_random_vector(&b, rv, sizeof rv);
        l2tp_build_hidden(&b, false, 0, L2TP_AVP_PRIVATE_GROUP_ID, value, len, pad, pad_len);
        CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &n, &err), PROTO_OK);
        CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(buf, n, &secret_hello, L2TP_DECODE_STRICT, &msg,
                                              &err),
                              PROTO_OK);
        CU_ASSERT_EQUAL_FATAL(msg.n_avps, 3);
        const struct l2tp_avp *a = &msg.avps[2];
        CU_ASSERT_TRUE(msg.revealed[2]);
        CU_ASSERT_EQUAL_FATAL(a->value_len, len);
        CU_ASSERT_EQUAL(memcmp(a->value, value, len), 0);
        l2tp_build_begin(&b, again, sizeof again, 7, 9, 1, 2, L2TP_MSG_HELLO);
        l2tp_build_set_secret(&b, &secret_hello);
        l2tp_build_random_vector(&b, msg.avps[1].value, msg.avps[1].value_len);
        l2tp_build_hidden(&b, false, 0, L2TP_AVP_PRIVATE_GROUP_ID, a->value, a->value_len, pad,
                          pad_len);
        CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &n2, &err), PROTO_OK);
        CU_ASSERT_EQUAL(n2, n);
        CU_ASSERT_EQUAL(memcmp(again, buf, n), 0);
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"known answers (hashlib), wrong secret", test_known_answers},
        {"hide/reveal round trip, lengths 0..1017", test_roundtrip_lengths},
        {"bad inputs and truncations", test_bad_inputs},
        {"message decode reveals with the latest Random Vector", test_message_reveal},
        {"hidden AVP without a Random Vector stays hidden", test_hidden_before_rv},
        {"builder refusals", test_builder_refusals},
        {"message round trip of hidden AVPs, lengths 0..1015", test_message_roundtrip},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp_hidden", tests);
}
