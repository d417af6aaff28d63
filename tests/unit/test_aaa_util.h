/* Shared by the AAA tests: a debug log that keeps its lines, and loading
 * a config from tests/config/ or from text. */
#ifndef TEST_AAA_UTIL_H
#define TEST_AAA_UTIL_H

#include <stdio.h>
#include <string.h>

#include "aaa.h"
#include "unit.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))

struct captured {
    char lines[128][200];
    size_t n;
};

static inline void capture_line(void *ctx, const char *line)
{
    struct captured *c = ctx;
    if (c->n < sizeof c->lines / sizeof c->lines[0])
        snprintf(c->lines[c->n++], sizeof c->lines[0], "%s", line);
}

/* Index of the first line equal to `want` at or after `from`, or -1. */
static inline int find_line(const struct captured *c, size_t from, const char *want)
{
    for (size_t i = from; i < c->n; i++)
        if (strcmp(c->lines[i], want) == 0)
            return (int)i;
    return -1;
}

/* The lines must appear in this order (others may come between). */
static inline void expect_in_order(const struct captured *c, const char *const *want, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        int at = find_line(c, from, want[i]);
        if (at < 0) {
            fprintf(stderr, "missing (in order): %s\n", want[i]);
            for (size_t k = 0; k < c->n; k++)
                fprintf(stderr, "  | %s\n", c->lines[k]);
        }
        CU_ASSERT_TRUE(at >= 0);
        if (at >= 0)
            from = (size_t)at + 1;
    }
}

struct aaa_fixture {
    struct l2tpd_config cfg;
    struct debug_log log;
    struct captured out;
    struct aaa aaa;
};

/* Every debug switch on, no timestamps. */
static inline void fixture_init(struct aaa_fixture *f, proto_status st)
{
    CU_ASSERT_EQUAL_FATAL(st, PROTO_OK);
    f->out.n = 0;
    debug_log_init(&f->log, NULL, capture_line, &f->out);
    f->log.enabled = (1u << DBG_CAT_COUNT) - 1;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(aaa_init(&f->aaa, &f->cfg, &f->log, &err), PROTO_OK);
}

static inline void fixture_file(struct aaa_fixture *f, const char *path)
{
    struct config_error e;
    char line[400];
    proto_status st = config_load(path, &f->cfg, &e);
    if (st != PROTO_OK)
        fprintf(stderr, "%s\n", config_error_format(&e, line, sizeof line));
    fixture_init(f, st);
}

static inline void fixture_text(struct aaa_fixture *f, const char *text)
{
    struct config_error e;
    char line[400];
    proto_status st = config_parse("test.conf", text, strlen(text), &f->cfg, &e);
    if (st != PROTO_OK)
        fprintf(stderr, "%s\n", config_error_format(&e, line, sizeof line));
    fixture_init(f, st);
}

static inline void fixture_free(struct aaa_fixture *f)
{
    aaa_free(&f->aaa);
    config_free(&f->cfg);
}

#endif
