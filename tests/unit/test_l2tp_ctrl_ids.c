/* Local tunnel/session ID allocation: within [1, size) (the card indexes
 * its session table by local session ID), a start value or an exact
 * requested ID (the seed's 17688/7, 55270/45), freed IDs reused last. */
#include "l2tp_id_alloc.h"
#include "unit.h"

static void test_range_and_exhaustion(void)
{
    struct l2tp_id_alloc a;
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 8, 0), 0);
    for (uint16_t want = 1; want < 8; want++)
        CU_ASSERT_EQUAL(l2tp_id_get(&a), want);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 0); /* 0 is never handed out, 8 is outside */
    CU_ASSERT_EQUAL(a.used, 7);
    l2tp_id_alloc_free_all(&a);
    CU_ASSERT_EQUAL(l2tp_id_alloc_init(&a, 1, 0), -1);
    CU_ASSERT_EQUAL(l2tp_id_alloc_init(&a, 65537, 0), -1);
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 65536, 0), 0);
    CU_ASSERT_EQUAL(l2tp_id_take(&a, 65535), 65535);
    l2tp_id_alloc_free_all(&a);
}

static void test_start_value_wraps(void)
{
    struct l2tp_id_alloc a;
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 65536, 55270), 0);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 55270);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 55271);
    l2tp_id_alloc_free_all(&a);
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 5, 3), 0);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 3);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 4);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 1);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 2);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 0);
    l2tp_id_alloc_free_all(&a);
}

static void test_requested(void)
{
    struct l2tp_id_alloc a;
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 16, 0), 0);
    CU_ASSERT_EQUAL(l2tp_id_take(&a, 7), 7);
    CU_ASSERT_EQUAL(l2tp_id_take(&a, 7), 0);  /* in use */
    CU_ASSERT_EQUAL(l2tp_id_take(&a, 0), 0);  /* 0 means unassigned (§3.1) */
    CU_ASSERT_EQUAL(l2tp_id_take(&a, 16), 0); /* outside the table */
    CU_ASSERT_TRUE(l2tp_id_in_use(&a, 7));
    for (int i = 0; i < 14; i++)
        CU_ASSERT_NOT_EQUAL(l2tp_id_get(&a), 7);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 0);
    l2tp_id_alloc_free_all(&a);
}

/* A freed ID goes to the back: every never-used ID comes first, then the
 * freed ones in the order they were freed. */
static void test_freed_reused_last(void)
{
    struct l2tp_id_alloc a;
    CU_ASSERT_EQUAL_FATAL(l2tp_id_alloc_init(&a, 6, 0), 0);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 1);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 2);
    CU_ASSERT_EQUAL(l2tp_id_put(&a, 2), 0);
    CU_ASSERT_EQUAL(l2tp_id_put(&a, 1), 0);
    CU_ASSERT_EQUAL(l2tp_id_put(&a, 1), -1); /* not in use */
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 3);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 4);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 5);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 2);
    CU_ASSERT_EQUAL(l2tp_id_get(&a), 1);
    CU_ASSERT_EQUAL(a.used, 5);
    l2tp_id_alloc_free_all(&a);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"IDs within [1, size), exhaustion", test_range_and_exhaustion},
        {"start value, wrapping to 1", test_start_value_wraps},
        {"requested IDs", test_requested},
        {"freed IDs reused last", test_freed_reused_last},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp ID allocator", tests);
}
