/* Lockstep co-simulation: the same inputs into every engine (the Verilated
 * RTL, the C model) each cycle, every output compared, then one clock edge.
 *
 * A cycle, as the testbench drives it:
 *   struct X_io *in = cosim_inputs(&c);   set the input fields
 *   cosim_eval(&c)                        every engine evaluates; outputs compared
 *   const struct X_io *o = cosim_outputs(&c);  react to handshakes
 *   cosim_tick(&c)                        rising clock edge in every engine
 * The first mismatch prints `cycle N: PORT rtl=0x.. model=0x..` and the last
 * COSIM_HISTORY cycles of context, and cosim_eval returns false. */
#ifndef COSIM_H
#define COSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum cosim_dir { COSIM_IN, COSIM_OUT };

struct cosim_port {
    const char *name;
    unsigned width;
    enum cosim_dir dir;
    size_t offset;          /* into the block's io struct */
    bool wide;              /* uint32_t words instead of one uint64_t */
};

struct cosim_block {
    const char *name;
    const struct cosim_port *ports;
    size_t n_ports;
    size_t io_size;
};

/* One simulator of a block. eval reads the inputs of io and writes every
 * output of it (combinational settle with the clock low); tick is the rising
 * clock edge. */
struct cosim_engine_ops {
    const char *name;
    void *(*create)(void);
    void (*destroy)(void *impl);
    void (*eval)(void *impl, void *io);
    void (*tick)(void *impl);
};

#define COSIM_MAX_ENGINES 2
#define COSIM_HISTORY 8

struct cosim_engine {
    const struct cosim_engine_ops *ops;
    void *impl;
    unsigned char *io;
    double seconds;         /* time spent in eval and tick, clock cost removed */
};

struct cosim {
    const struct cosim_block *block;
    size_t n_engines;
    struct cosim_engine engine[COSIM_MAX_ENGINES];
    unsigned char *in;      /* the testbench's inputs */
    unsigned char *history; /* COSIM_HISTORY cycles x n_engines io snapshots */
    uint64_t cycle;
    bool failed;
    double timer_overhead;  /* seconds one clock reading costs, subtracted */
    FILE *log;
};

/* Creates the engines; false (message on log) when anything fails. */
bool cosim_init(struct cosim *c, const struct cosim_block *block,
                const struct cosim_engine_ops *const *ops, size_t n_engines, FILE *log);
void cosim_free(struct cosim *c);

/* The input snapshot the testbench fills; it persists across cycles. */
void *cosim_inputs(struct cosim *c);
/* Every engine evaluates this cycle's inputs; false on the first mismatch. */
bool cosim_eval(struct cosim *c);
/* The first engine's snapshot after cosim_eval (all engines agree on it). */
const void *cosim_outputs(const struct cosim *c);
void cosim_tick(struct cosim *c);

/* Lockstep under chaos: every input port random every cycle (the port named
 * "rst" high with probability rst_per_mille / 1000), for `cycles` cycles.
 * No protocol is respected, so only the engines' agreement is checked: it
 * covers reset from any state and inputs no testbench would think of.
 * *rng is the caller's generator state. False on the first mismatch. */
bool cosim_chaos(struct cosim *c, uint64_t cycles, uint64_t *rng, unsigned rst_per_mille);

/* Prints each engine's speed: "rtl: 1234567 cycles/s". */
void cosim_print_speed(const struct cosim *c, FILE *f);
/* Cycles per second of one engine (0 when it has not run). */
double cosim_engine_speed(const struct cosim *c, size_t engine);

/* A port's value as uint64_t (the low 64 bits of a wide port). */
uint64_t cosim_port_value(const struct cosim_port *p, const void *io);

#ifdef __cplusplus
}
#endif

#endif
