/* RFC 1662 Appendix C FCS-16 and FCS-32: check values, good residues, tables. */
#include <string.h>

#include "fcs.h"
#include "ppp_const.h"
#include "unit.h"

static const uint8_t check_input[] = "123456789";
#define CHECK_LEN 9

/* Standard catalogue check values: CRC-16/X-25 (init FFFF, reflected,
 * final complement) and CRC-32 (ISO-HDLC), over "123456789". */
static void test_check_values(void)
{
    CU_ASSERT_EQUAL((uint16_t)~fcs16_update(PPP_FCS16_INIT, check_input, CHECK_LEN), 0x906E);
    CU_ASSERT_EQUAL(~fcs32_update(PPP_FCS32_INIT, check_input, CHECK_LEN), 0xCBF43926u);
}

/* §C.2/§C.3: the FCS goes out complemented, least significant octet first,
 * and the FCS over data plus FCS is then the good residue. */
static void test_good_residue(void)
{
    uint8_t buf[CHECK_LEN + 4];
    memcpy(buf, check_input, CHECK_LEN);
    uint16_t f16 = (uint16_t)~fcs16_update(PPP_FCS16_INIT, buf, CHECK_LEN);
    buf[CHECK_LEN] = (uint8_t)f16;
    buf[CHECK_LEN + 1] = (uint8_t)(f16 >> 8);
    CU_ASSERT_EQUAL(buf[CHECK_LEN], 0x6E);
    CU_ASSERT_EQUAL(buf[CHECK_LEN + 1], 0x90);
    CU_ASSERT_EQUAL(fcs16_update(PPP_FCS16_INIT, buf, CHECK_LEN + 2), PPP_FCS16_GOOD);

    uint32_t f32 = ~fcs32_update(PPP_FCS32_INIT, buf, CHECK_LEN);
    for (int i = 0; i < 4; i++)
        buf[CHECK_LEN + i] = (uint8_t)(f32 >> (8 * i));
    CU_ASSERT_EQUAL(buf[CHECK_LEN], 0x26);
    CU_ASSERT_EQUAL(buf[CHECK_LEN + 3], 0xCB);
    CU_ASSERT_EQUAL(fcs32_update(PPP_FCS32_INIT, buf, CHECK_LEN + 4), PPP_FCS32_GOOD);

    /* one flipped bit anywhere breaks the residue */
    for (size_t bit = 0; bit < (CHECK_LEN + 4) * 8; bit++) {
        buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CU_ASSERT_NOT_EQUAL(fcs32_update(PPP_FCS32_INIT, buf, CHECK_LEN + 4), PPP_FCS32_GOOD);
        buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
}

/* Every table entry against a bit-at-a-time computation from the polynomial. */
static void test_tables_match_polynomial(void)
{
    for (unsigned b = 0; b < 256; b++) {
        uint16_t r16 = (uint16_t)b;
        uint32_t r32 = b;
        for (int k = 0; k < 8; k++) {
            r16 = (uint16_t)((r16 & 1u) ? (r16 >> 1) ^ PPP_FCS16_POLY_REVERSED : r16 >> 1);
            r32 = (r32 & 1u) ? (r32 >> 1) ^ PPP_FCS32_POLY_REVERSED : r32 >> 1;
        }
        uint8_t octet = (uint8_t)b;
        /* from a zero register, one octet leaves exactly the table entry */
        CU_ASSERT_EQUAL(fcs16_update(0, &octet, 1), r16);
        CU_ASSERT_EQUAL(fcs32_update(0, &octet, 1), r32);
    }
}

static void test_incremental_equals_whole(void)
{
    for (size_t split = 0; split <= CHECK_LEN; split++) {
        uint16_t a = fcs16_update(PPP_FCS16_INIT, check_input, split);
        a = fcs16_update(a, check_input + split, CHECK_LEN - split);
        CU_ASSERT_EQUAL(a, fcs16_update(PPP_FCS16_INIT, check_input, CHECK_LEN));
        uint32_t b = fcs32_update(PPP_FCS32_INIT, check_input, split);
        b = fcs32_update(b, check_input + split, CHECK_LEN - split);
        CU_ASSERT_EQUAL(b, fcs32_update(PPP_FCS32_INIT, check_input, CHECK_LEN));
    }
    /* no octets: the register is unchanged */
    CU_ASSERT_EQUAL(fcs16_update(0x1234, NULL, 0), 0x1234);
    CU_ASSERT_EQUAL(fcs32_update(0x12345678u, NULL, 0), 0x12345678u);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"check values over 123456789", test_check_values},
        {"good residues over data + FCS", test_good_residue},
        {"tables match the polynomials", test_tables_match_polynomial},
        {"incremental update equals one pass", test_incremental_equals_whole},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("fcs", tests);
}
