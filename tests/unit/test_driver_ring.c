/* driver/ring.h: free-running indices, one wrap helper. */
#include "ring.h"
#include "unit.h"

static void test_slot_wraps(void)
{
    CU_ASSERT_EQUAL(ring_slot(0, 8), 0);
    CU_ASSERT_EQUAL(ring_slot(255, 8), 255);
    CU_ASSERT_EQUAL(ring_slot(256, 8), 0);
    CU_ASSERT_EQUAL(ring_slot(257, 8), 1);
    CU_ASSERT_EQUAL(ring_slot(0xFFFFFFFFu, 8), 255);
    CU_ASSERT_EQUAL(ring_slot(0xFFFFFFFFu + 1u, 8), 0); /* the 2^32 wrap lands on slot 0 */
    CU_ASSERT_EQUAL(ring_slot(5, 1), 1);
    CU_ASSERT_EQUAL(ring_size(RING_MAX_LOG2), 32768u);
    /* every index maps into the ring, consecutive indices to consecutive slots */
    for (uint32_t i = 0xFFFFFF00u; i != 0x100u; i++)
        CU_ASSERT_EQUAL(ring_slot(i + 1, 4), (ring_slot(i, 4) + 1) % 16);
}

static void test_fill_and_space(void)
{
    CU_ASSERT_EQUAL(ring_fill(10, 10), 0);
    CU_ASSERT_EQUAL(ring_space(10, 10, 4), 16);
    CU_ASSERT_EQUAL(ring_fill(10, 26), 16);
    CU_ASSERT_EQUAL(ring_space(10, 26, 4), 0); /* full without a spare slot */
    /* across the 32-bit wrap */
    CU_ASSERT_EQUAL(ring_fill(0xFFFFFFF8u, 8), 16);
    CU_ASSERT_EQUAL(ring_space(0xFFFFFFF8u, 8, 4), 0);
    CU_ASSERT_EQUAL(ring_space(0xFFFFFFF8u, 0, 4), 8);
}

static void test_head_plausible(void)
{
    CU_ASSERT(ring_head_ok(100, 100, 110));
    CU_ASSERT(ring_head_ok(100, 110, 110));
    CU_ASSERT(!ring_head_ok(100, 111, 110)); /* past what was posted */
    CU_ASSERT(!ring_head_ok(100, 99, 110));  /* backwards */
    CU_ASSERT(ring_head_ok(0xFFFFFFF0u, 4, 8));
    CU_ASSERT(!ring_head_ok(0xFFFFFFF0u, 9, 8));
}

static void test_log2_bounds(void)
{
    CU_ASSERT(!ring_log2_ok(0));
    CU_ASSERT(ring_log2_ok(1));
    CU_ASSERT(ring_log2_ok(RING_MAX_LOG2));
    CU_ASSERT(!ring_log2_ok(RING_MAX_LOG2 + 1));
    CU_ASSERT(!ring_log2_ok(32));
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"slot of a free-running index, across 2^32", test_slot_wraps},
        {"fill and space, full and empty", test_fill_and_space},
        {"plausible card HEAD", test_head_plausible},
        {"ring sizes", test_log2_bounds},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver ring", tests);
}
