/* PPP frame header (RFC 1661 §2, RFC 1662 §3.1): ACFC, PFC, protocol validity. */
#include <string.h>

#include "ppp_const.h"
#include "ppp_frame.h"
#include "unit.h"

static void test_decode_forms(void)
{
    struct ppp_frame f;
    const uint8_t full[] = {0xFF, 0x03, 0xC0, 0x21, 0x09};
    CU_ASSERT_EQUAL_FATAL(ppp_frame_decode(full, sizeof full, &f, NULL), PROTO_OK);
    CU_ASSERT_TRUE(f.has_address_control);
    CU_ASSERT_FALSE(f.protocol_compressed);
    CU_ASSERT_EQUAL(f.protocol, PPP_PROTO_LCP);
    CU_ASSERT_EQUAL(f.info_len, 1);
    CU_ASSERT_EQUAL(f.info, full + 4);

    /* without FF 03, as some clients send inside L2TP */
    const uint8_t no_ac[] = {0x80, 0x21, 0x01};
    CU_ASSERT_EQUAL_FATAL(ppp_frame_decode(no_ac, sizeof no_ac, &f, NULL), PROTO_OK);
    CU_ASSERT_FALSE(f.has_address_control);
    CU_ASSERT_EQUAL(f.protocol, PPP_PROTO_IPCP);
    CU_ASSERT_EQUAL(f.info_len, 1);

    /* PFC: one odd octet */
    const uint8_t pfc[] = {0x21, 0x45, 0x00};
    CU_ASSERT_EQUAL_FATAL(ppp_frame_decode(pfc, sizeof pfc, &f, NULL), PROTO_OK);
    CU_ASSERT_TRUE(f.protocol_compressed);
    CU_ASSERT_EQUAL(f.protocol, PPP_PROTO_IP);
    CU_ASSERT_EQUAL(f.info_len, 2);
    const uint8_t ac_pfc[] = {0xFF, 0x03, 0x21};
    CU_ASSERT_EQUAL_FATAL(ppp_frame_decode(ac_pfc, sizeof ac_pfc, &f, NULL), PROTO_OK);
    CU_ASSERT_TRUE(f.has_address_control && f.protocol_compressed);
    CU_ASSERT_EQUAL(f.info_len, 0);
}

static void test_decode_errors(void)
{
    struct ppp_frame f;
    struct proto_error err = {0};
    const uint8_t bad_ctl[] = {0xFF, 0x13, 0xC0, 0x21};
    CU_ASSERT_EQUAL(ppp_frame_decode(bad_ctl, sizeof bad_ctl, &f, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Control");
    CU_ASSERT_EQUAL(err.offset, 1);

    /* 0xC0 0x20: last octet even */
    const uint8_t bad_proto[] = {0xFF, 0x03, 0xC0, 0x20};
    CU_ASSERT_EQUAL(ppp_frame_decode(bad_proto, sizeof bad_proto, &f, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Protocol");
    CU_ASSERT_EQUAL(err.offset, 3);

    /* truncation at every offset of a full header */
    const uint8_t full[] = {0xFF, 0x03, 0xC0, 0x21};
    for (size_t cut = 0; cut < sizeof full; cut++) {
        CU_ASSERT_EQUAL(ppp_frame_decode(full, cut, &f, &err), PROTO_ETRUNC);
        CU_ASSERT_EQUAL(err.offset, cut < 2 ? (cut == 0 ? 0 : 1) : 2);
    }
    CU_ASSERT_EQUAL(ppp_frame_decode(NULL, 0, &f, &err), PROTO_ETRUNC);
    CU_ASSERT_EQUAL(ppp_frame_decode(full, sizeof full, NULL, &err), PROTO_EINVAL);
}

static void test_encode(void)
{
    uint8_t out[16];
    size_t n = 0;
    const uint8_t info[] = {0x01, 0x02};
    CU_ASSERT_EQUAL(ppp_frame_encode(PPP_PROTO_IPCP, info, 2, false, false, out, sizeof out, &n,
                                     NULL), PROTO_OK);
    CU_ASSERT(n == 6 && memcmp(out, "\xFF\x03\x80\x21\x01\x02", 6) == 0);
    CU_ASSERT_EQUAL(ppp_frame_encode(PPP_PROTO_IP, info, 2, true, true, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT(n == 3 && memcmp(out, "\x21\x01\x02", 3) == 0);
    /* PFC does not apply to a protocol above 0xFF */
    CU_ASSERT_EQUAL(ppp_frame_encode(PPP_PROTO_CHAP, info, 2, true, true, out, sizeof out, &n,
                                     NULL), PROTO_OK);
    CU_ASSERT(n == 4 && memcmp(out, "\xC2\x23\x01\x02", 4) == 0);
    /* 0x00FF stays two octets: one octet 0xFF would read as an Address */
    CU_ASSERT_EQUAL(ppp_frame_encode(0x00FF, info, 2, true, true, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT(n == 4 && memcmp(out, "\x00\xFF\x01\x02", 4) == 0);
    /* LCP is never compressed, whatever was negotiated (RFC 1661 §6.5, §6.6) */
    CU_ASSERT_EQUAL(ppp_frame_encode(PPP_PROTO_LCP, info, 2, true, true, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT(n == 6 && memcmp(out, "\xFF\x03\xC0\x21\x01\x02", 6) == 0);

    struct proto_error err = {0};
    CU_ASSERT_EQUAL(ppp_frame_encode(0xC020, info, 2, false, false, out, sizeof out, &n, &err),
                    PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Protocol");
    CU_ASSERT_EQUAL(ppp_frame_encode(0x0121, info, 2, false, false, out, sizeof out, &n, &err),
                    PROTO_EINVAL); /* first octet odd */
    for (size_t cap = 0; cap < 6; cap++)
        CU_ASSERT_EQUAL(ppp_frame_encode(PPP_PROTO_IPCP, info, 2, false, false, out, cap, &n, &err),
                        PROTO_ENOSPC);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_round_trip(void)
{
    uint32_t seed = 1661;
    uint8_t info[64], out[80];
    for (int i = 0; i < 5000; i++) {
        uint16_t proto = (uint16_t)((rnd(&seed) & 0xFEFFu) | 1u);
        bool acfc = rnd(&seed) & 1, pfc = rnd(&seed) & 1;
        size_t len = rnd(&seed) % sizeof info;
        for (size_t k = 0; k < len; k++)
            info[k] = (uint8_t)rnd(&seed);
        size_t n = 0;
        CU_ASSERT_FATAL(ppp_frame_encode(proto, info, len, acfc, pfc, out, sizeof out, &n, NULL) ==
                        PROTO_OK);
        struct ppp_frame f;
        CU_ASSERT_FATAL(ppp_frame_decode(out, n, &f, NULL) == PROTO_OK);
        CU_ASSERT_EQUAL(f.protocol, proto);
        CU_ASSERT_EQUAL(f.has_address_control, !acfc || proto == PPP_PROTO_LCP);
        CU_ASSERT_EQUAL(f.protocol_compressed, pfc && proto < 0xFF);
        CU_ASSERT(f.info_len == len && memcmp(f.info, info, len) == 0);
    }
}

static void test_names(void)
{
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(PPP_PROTO_LCP), "LCP");
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(PPP_PROTO_IPCP), "IPCP");
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(PPP_PROTO_CHAP), "CHAP");
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(PPP_PROTO_PAP), "PAP");
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(PPP_PROTO_IP), "IP");
    CU_ASSERT_STRING_EQUAL(ppp_protocol_name(0x8207), "unknown");
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"decode: with/without FF 03, PFC", test_decode_forms},
        {"decode: errors name the field", test_decode_errors},
        {"encode: ACFC, PFC, never for LCP", test_encode},
        {"round trip: random protocols and flags", test_round_trip},
        {"protocol names", test_names},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp_frame", tests);
}
