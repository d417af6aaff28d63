/* The lockstep framework itself (tests/cosim/cosim.c), on a toy block with
 * hand-written engines: agreeing engines run clean, and every kind of
 * disagreement stops the run at the right cycle with the right message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "unit.h"

#define COSIM_BLOCK cosim_selftest
#define COSIM_PORTS_DEF "cosim_selftest_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

/* A counter; out_sum = in_a + count, out_w = in_w with count XORed into its
 * low word. `fault` picks a way to get it wrong from cycle 5 on. */
enum fault { FAULT_NONE, FAULT_SUM, FAULT_WIDE_TOP, FAULT_UNDRIVEN, FAULT_HIGH_BITS };

struct toy {
    enum fault fault;
    uint16_t count, count_next;
};

static void *toy_create(enum fault f)
{
    struct toy *t = calloc(1, sizeof *t);
    if (t)
        t->fault = f;
    return t;
}
static void *create_good(void) { return toy_create(FAULT_NONE); }
static void *create_sum(void) { return toy_create(FAULT_SUM); }
static void *create_wide(void) { return toy_create(FAULT_WIDE_TOP); }
static void *create_undriven(void) { return toy_create(FAULT_UNDRIVEN); }
static void *create_high(void) { return toy_create(FAULT_HIGH_BITS); }

static void toy_destroy(void *impl)
{
    free(impl);
}

static void toy_eval(void *impl, void *iov)
{
    struct toy *t = impl;
    struct cosim_selftest_io *io = iov;
    bool late = t->count >= 5;
    io->out_sum = io->in_a + t->count;
    if (t->fault == FAULT_SUM && late)
        io->out_sum ^= 1;
    if (t->fault == FAULT_HIGH_BITS)
        io->out_sum |= 0xF000;  /* above the 9-bit port: must not count */
    memcpy(io->out_w, io->in_w, sizeof io->out_w);
    io->out_w[0] ^= t->count;
    if (t->fault == FAULT_WIDE_TOP && late)
        io->out_w[2] ^= 0x80;   /* bit 71, the port's top bit */
    if (!(t->fault == FAULT_UNDRIVEN && late))
        io->out_count = t->count;
    t->count_next = io->rst ? 0 : (uint16_t)(t->count + 1);
}

static void toy_tick(void *impl)
{
    struct toy *t = impl;
    t->count = t->count_next;
}

#define TOY_OPS(var, label, create) \
    static const struct cosim_engine_ops var = {label, create, toy_destroy, toy_eval, toy_tick}
TOY_OPS(good_ops, "good", create_good);
TOY_OPS(sum_ops, "bad", create_sum);
TOY_OPS(wide_ops, "bad", create_wide);
TOY_OPS(undriven_ops, "bad", create_undriven);
TOY_OPS(high_ops, "bad", create_high);

/* Runs up to 20 cycles; returns the cycle of the first mismatch (or 20) and
 * leaves what the framework printed in *log (caller frees). */
static uint64_t run(const struct cosim_engine_ops *other, char **log)
{
    size_t log_len = 0;
    FILE *f = open_memstream(log, &log_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    const struct cosim_engine_ops *ops[2] = {&good_ops, other};
    struct cosim c;
    CU_ASSERT_TRUE_FATAL(cosim_init(&c, &cosim_selftest_block, ops, 2, f));
    struct cosim_selftest_io *in = cosim_inputs(&c);
    uint64_t stop = 20;
    for (uint64_t cy = 0; cy < 20; cy++) {
        in->rst = cy == 0;
        in->in_a = 0x100 | cy;  /* bit 8 is above the 8-bit port: masked */
        in->in_w[0] = (uint32_t)(cy * 0x01010101u);
        in->in_w[1] = ~(uint32_t)cy;
        in->in_w[2] = 0xFFFFFFFFu; /* only 8 of these bits exist */
        if (!cosim_eval(&c)) {
            stop = cy;
            break;
        }
        const struct cosim_selftest_io *o = cosim_outputs(&c);
        CU_ASSERT_EQUAL(o->in_a, cy);           /* the engines saw it masked */
        CU_ASSERT_EQUAL(o->in_w[2], 0xFF);
        CU_ASSERT_EQUAL(o->out_sum, (cy + (cy ? cy - 1 : 0)) & 0x1FF);
        cosim_tick(&c);
    }
    CU_ASSERT_EQUAL(c.failed, stop < 20);
    cosim_free(&c);
    fclose(f);
    return stop;
}

static void test_agreeing_engines(void)
{
    char *log = NULL;
    CU_ASSERT_EQUAL(run(&good_ops, &log), 20);
    CU_ASSERT_STRING_EQUAL(log, "");
    free(log);
}

static void test_narrow_mismatch(void)
{
    char *log = NULL;
    /* count is 5 at cycle 6 (reset holds it at 0 through cycle 1) */
    CU_ASSERT_EQUAL(run(&sum_ops, &log), 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "cycle 6: out_sum good=0x00b bad=0x00a\n"));
    /* context: the previous cycles, inputs and both engines' outputs */
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "cosim_selftest: last 7 cycles:\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "  cycle 0 in: rst=0x1 in_a=0x00 in_w=0x"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, " bad: out_sum=0x00a"));
    CU_ASSERT_PTR_NULL(strstr(log, "out_count good"));
    free(log);
}

static void test_wide_top_bit(void)
{
    char *log = NULL;
    CU_ASSERT_EQUAL(run(&wide_ops, &log), 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "cycle 6: out_w good=0x000000ff"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, " bad=0x0000007f"));
    free(log);
}

static void test_undriven_output(void)
{
    char *log = NULL;
    CU_ASSERT_EQUAL(run(&undriven_ops, &log), 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "cycle 6: out_count good=0x0005 bad=0x"));
    free(log);
}

static void test_bits_above_width_ignored(void)
{
    char *log = NULL;
    CU_ASSERT_EQUAL(run(&high_ops, &log), 20);
    free(log);
}

static void test_bad_port_table(void)
{
    static const struct cosim_port ports[] = {{"too_wide", 65, COSIM_OUT, 0, false}};
    static const struct cosim_block block = {"bad", ports, 1, 16};
    const struct cosim_engine_ops *ops[1] = {&good_ops};
    char *log = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&log, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    struct cosim c;
    CU_ASSERT_FALSE(cosim_init(&c, &block, ops, 1, f));
    CU_ASSERT_FALSE(cosim_init(&c, &block, ops, 0, f));
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "port too_wide: width 65 needs COSIM_WIDE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "0 engines"));
    free(log);
}

static void test_chaos(void)
{
    char *log = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&log, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint64_t rng = 42;
    const struct cosim_engine_ops *same[2] = {&good_ops, &good_ops};
    const struct cosim_engine_ops *faulty[2] = {&good_ops, &sum_ops};
    struct cosim c;
    CU_ASSERT_TRUE_FATAL(cosim_init(&c, &cosim_selftest_block, same, 2, f));
    CU_ASSERT_TRUE(cosim_chaos(&c, 5000, &rng, 10));
    CU_ASSERT_EQUAL(c.cycle, 5000);
    cosim_free(&c);
    /* the fault shows once the counter passes 5, which random resets (1%)
     * allow within a few cycles */
    CU_ASSERT_TRUE_FATAL(cosim_init(&c, &cosim_selftest_block, faulty, 2, f));
    CU_ASSERT_FALSE(cosim_chaos(&c, 5000, &rng, 10));
    CU_ASSERT_TRUE(c.failed);
    CU_ASSERT_TRUE(c.cycle < 5000);
    cosim_free(&c);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, ": out_sum good=0x"));
    free(log);
}

static void test_port_value(void)
{
    struct cosim_selftest_io io = {0};
    io.out_w[0] = 0x89ABCDEF;
    io.out_w[1] = 0x01234567;
    io.out_w[2] = 0xFF;
    io.out_sum = 0xFFFF;
    const struct cosim_port *w = NULL, *s = NULL;
    for (size_t i = 0; i < cosim_selftest_block.n_ports; i++) {
        if (!strcmp(cosim_selftest_block.ports[i].name, "out_w"))
            w = &cosim_selftest_block.ports[i];
        if (!strcmp(cosim_selftest_block.ports[i].name, "out_sum"))
            s = &cosim_selftest_block.ports[i];
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_TRUE(w->wide);
    CU_ASSERT_EQUAL(w->width, 72);
    CU_ASSERT_EQUAL(cosim_port_value(w, &io), 0x0123456789ABCDEFull);
    CU_ASSERT_EQUAL(cosim_port_value(s, &io), 0x1FF);
    CU_ASSERT_EQUAL(cosim_selftest_block.n_ports, 6);
}

void register_suites(void)
{
    static CU_TestInfo tests[] = {
        {"agreeing engines run clean", test_agreeing_engines},
        {"narrow output mismatch: cycle, port, values, context", test_narrow_mismatch},
        {"wide output: top bit mismatch", test_wide_top_bit},
        {"an output the engine does not drive is caught", test_undriven_output},
        {"bits above a port's width do not count", test_bits_above_width_ignored},
        {"bad port table and engine count rejected", test_bad_port_table},
        {"port values, narrow and wide", test_port_value},
        {"chaos: random inputs, agreement and a fault", test_chaos},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("cosim framework", tests);
}
