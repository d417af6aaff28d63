/* Command line shared by the lockstep tests:
 *   --seed N      random stimulus seed (default: $COSIM_SEED, else 1)
 *   --cycles N    cycles of seeded random traffic (default: $COSIM_CYCLES,
 *                 else per test)
 *   --model-only  run the C model alone (no RTL): its standalone speed */
#ifndef COSIM_ARGS_H
#define COSIM_ARGS_H

#include <stdbool.h>
#include <stdint.h>

struct cosim_args {
    uint64_t seed;
    uint64_t cycles;
    bool model_only;
};

/* false (usage printed) on a bad command line */
bool cosim_args_parse(struct cosim_args *a, int argc, char **argv, uint64_t default_cycles);

/* xorshift64*: the stimulus generator (state in the caller, never global). */
uint64_t cosim_rand(uint64_t *state);
/* true with probability pct percent */
bool cosim_chance(uint64_t *state, unsigned pct);
/* uniform in [lo, hi] */
uint64_t cosim_range(uint64_t *state, uint64_t lo, uint64_t hi);

#endif
