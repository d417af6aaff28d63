/* Tunnel authentication (RFC 2661 §4.2, §5.1.1) against the seed's two
 * challenge/response pairs, secret "hello". */
#include <string.h>

#include "hexbytes.h"
#include "l2tp_auth.h"
#include "l2tp_const.h"
#include "unit.h"

static const uint8_t hello[] = {'h', 'e', 'l', 'l', 'o'};

static void check_pair(uint8_t msg_type, const char *challenge_hex, const char *response_hex)
{
    uint8_t challenge[16], want[16], got[MD5_DIGEST_LEN];
    size_t n = 0, m = 0;
    CU_ASSERT_EQUAL_FATAL(hex_parse(challenge_hex, challenge, sizeof challenge, &n, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(hex_parse(response_hex, want, sizeof want, &m, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(l2tp_challenge_response(msg_type, hello, sizeof hello, challenge, n, got),
                    PROTO_OK);
    CU_ASSERT_EQUAL(memcmp(got, want, MD5_DIGEST_LEN), 0);
    /* Any other type octet, secret or challenge gives another response. */
    CU_ASSERT_EQUAL(l2tp_challenge_response((uint8_t)(msg_type + 1), hello, sizeof hello,
                                            challenge, n, got),
                    PROTO_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(got, want, MD5_DIGEST_LEN), 0);
    CU_ASSERT_EQUAL(l2tp_challenge_response(msg_type, hello, sizeof hello - 1, challenge, n, got),
                    PROTO_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(got, want, MD5_DIGEST_LEN), 0);
    challenge[15] ^= 1;
    CU_ASSERT_EQUAL(l2tp_challenge_response(msg_type, hello, sizeof hello, challenge, n, got),
                    PROTO_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(got, want, MD5_DIGEST_LEN), 0);
}

/* The LAC's SCCRQ challenge, answered in the LNS's SCCRP (type 2). */
static void test_sccrp_response(void)
{
    check_pair(L2TP_MSG_SCCRP, "545A2343FBE20EA08BCA7B56E4A7D29E",
               "7C358F7A7BA21957C07801195DCADFA6");
}

/* The LNS's SCCRP challenge, answered in the LAC's SCCCN (type 3). */
static void test_scccn_response(void)
{
    check_pair(L2TP_MSG_SCCCN, "98B296C28429E7ADC767237A45F31040",
               "9639531841AC22E3103E208EF7D90989");
}

static void test_bad_arguments(void)
{
    uint8_t out[MD5_DIGEST_LEN];
    const uint8_t c[1] = {0};
    CU_ASSERT_EQUAL(l2tp_challenge_response(2, hello, sizeof hello, c, 0, out), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_challenge_response(2, hello, sizeof hello, NULL, 4, out), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_challenge_response(2, NULL, 3, c, 1, out), PROTO_EINVAL);
    /* An empty secret is allowed by the formula (and by the RFC). */
    CU_ASSERT_EQUAL(l2tp_challenge_response(2, NULL, 0, c, 1, out), PROTO_OK);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed SCCRQ challenge -> SCCRP response", test_sccrp_response},
        {"seed SCCRP challenge -> SCCCN response", test_scccn_response},
        {"bad arguments", test_bad_arguments},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp_auth", tests);
}
