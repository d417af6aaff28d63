/* hex_parse / hex_format and proto_error formatting. */
#include <string.h>

#include "hexbytes.h"
#include "unit.h"

static void test_parse_seed_style(void)
{
    uint8_t out[16];
    size_t n = 0;
    CU_ASSERT_EQUAL(hex_parse("C8 02 00 0C\n 45 18 00 00", out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n, 8);
    CU_ASSERT_EQUAL(out[0], 0xC8);
    CU_ASSERT_EQUAL(out[7], 0x00);
    CU_ASSERT_EQUAL(hex_parse("0x05066EE4E865", out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_EQUAL(out[5], 0x65);
}

static void test_parse_errors(void)
{
    uint8_t out[2];
    size_t n = 0;
    struct proto_error err = {0};
    char line[200];
    CU_ASSERT_EQUAL(hex_parse("C8 0", out, sizeof out, &n, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(err.offset, 3);
    CU_ASSERT_EQUAL(hex_parse("C8 zz", out, sizeof out, &n, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(err.offset, 3);
    CU_ASSERT_STRING_EQUAL(proto_error_format(&err, line, sizeof line),
                           "offset 3: hex: 'z' is not a hex digit");
    CU_ASSERT_EQUAL(hex_parse("01 02 03", out, sizeof out, &n, &err), PROTO_ENOSPC);
}

static void test_format(void)
{
    const uint8_t d[] = {0xC8, 0x02, 0x00, 0x0C};
    char buf[32];
    CU_ASSERT_STRING_EQUAL(hex_format(d, 4, ' ', buf, sizeof buf), "C8 02 00 0C");
    CU_ASSERT_STRING_EQUAL(hex_format(d, 4, 0, buf, sizeof buf), "C802000C");
    CU_ASSERT_STRING_EQUAL(hex_format(d, 4, 0, buf, 5), "C802");
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"parse seed-style hex", test_parse_seed_style},
        {"parse errors name their offset", test_parse_errors},
        {"format", test_format},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("hexbytes", tests);
}
