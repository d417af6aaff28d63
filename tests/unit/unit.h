/* Shared by the CUnit test programs. */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

/* Defined by each test_*.c: adds its suites to the registry. */
void register_suites(void);

/* Adds a suite with the given tests; NULL-terminated CU_TestInfo array. */
#define UNIT_SUITE(name, tests)                                                                   \
    do {                                                                                          \
        CU_pSuite s_ = CU_add_suite((name), NULL, NULL);                                          \
        for (const CU_TestInfo *t_ = (tests); s_ && t_->pName; t_++)                              \
            CU_add_test(s_, t_->pName, t_->pTestFunc);                                            \
    } while (0)

#endif
