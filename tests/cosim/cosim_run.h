/* Steps that every lockstep test's main() runs the same way: which engines
 * run (the command line and the build decide), the reset, and the closing
 * chaos phase.
 *
 *   struct cosim c;
 *   if (!cosim_init_engines(&c, &B_block, COSIM_RTL_OPS(B), &B_model_ops, &args, stderr))
 *       return 2;
 *   ... checked traffic ...
 *   ok = ok && cosim_run_chaos(&c, args.cycles / 10, &t.rng, 10); */
#ifndef COSIM_RUN_H
#define COSIM_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_macros.h"

/* The RTL engine of block B, or NULL in a model-only build
 * (-DCOSIM_MODEL_ONLY), which has no Verilated code to link. */
#ifdef COSIM_MODEL_ONLY
#define COSIM_RTL_OPS(B) NULL
#else
#define COSIM_RTL_OPS(B) (&COSIM_CAT(B, _rtl_ops))
#endif

/* cosim_init with the RTL and the model, or the model alone when
 * args->model_only (--model-only) or rtl is NULL; in the latter case
 * args->model_only is set, so that the test reports what ran. */
bool cosim_init_engines(struct cosim *c, const struct cosim_block *block,
                        const struct cosim_engine_ops *rtl,
                        const struct cosim_engine_ops *model, struct cosim_args *args, FILE *log);

/* The block's synchronous reset: every input zero and the port named "rst"
 * high for `cycles` cycles (each evaluated and ticked), then rst low in the
 * inputs. False on a mismatch, or when the block has no 64-bit-or-narrower
 * port rst. */
bool cosim_run_reset(struct cosim *c, unsigned cycles);

/* cosim_chaos for `cycles` cycles when two engines run (the model alone has
 * nothing to agree with: then nothing runs and the result is true); prints
 * the chaos line when they agreed. */
bool cosim_run_chaos(struct cosim *c, uint64_t cycles, uint64_t *rng, unsigned rst_per_mille);

/* A test made of directed cases, then random traffic, then chaos, as the
 * hdlc_framer, hdlc_deframer, session_table and session_lookup tests are. */
struct cosim_run_test {
    const struct cosim_block *block;
    const struct cosim_engine_ops *rtl, *model;   /* rtl: COSIM_RTL_OPS(B) */
    uint64_t default_cycles;
    size_t tb_size;                               /* the testbench, zeroed */
    /* points the testbench at the engines, seeds its random numbers and
     * takes what else it needs; returns the random numbers, for the chaos
     * phase (NULL: out of memory) */
    uint64_t *(*attach)(void *tb, struct cosim *c, uint64_t seed);
    bool (*directed)(void *tb);
    bool (*random)(void *tb, uint64_t cycles);
    void (*summary)(void *tb);    /* optional: after a passing run, before the speed */
    void (*release)(void *tb);    /* optional: frees what attach took */
};

/* The attach, directed and random hooks of a testbench that needs nothing
 * more: its `struct tb` keeps the engines in `c` and its random numbers in
 * `rng`, and it has `static bool directed(struct tb *)` and
 * `static bool random_traffic(struct tb *, uint64_t cycles)`. Defines
 * cosim_tb_attach, cosim_tb_directed and cosim_tb_random for its
 * cosim_run_test (one of each per test program). */
#define COSIM_RUN_TB_HOOKS                                                                  \
    static uint64_t *cosim_tb_attach(void *tb, struct cosim *c, uint64_t seed)              \
    {                                                                                       \
        struct tb *t = tb;                                                                  \
        t->c = c;                                                                           \
        t->rng = seed;                                                                      \
        return &t->rng;                                                                     \
    }                                                                                       \
    static bool cosim_tb_directed(void *tb) { return directed(tb); }                        \
    static bool cosim_tb_random(void *tb, uint64_t cycles) { return random_traffic(tb, cycles); }

/* Its main: arguments, engines, the first line (block, seed, engines), the
 * directed cases, args.cycles of random traffic, args.cycles / 10 cycles of
 * chaos (10 resets per mille), the summary and the speed, the PASS/FAIL line.
 * Returns the exit status (2: bad arguments, no engines, no memory). */
int cosim_run_main(int argc, char **argv, const struct cosim_run_test *test);

#endif
