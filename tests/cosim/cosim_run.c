/* Engine choice and the chaos phase of a lockstep test: see cosim_run.h. */
#include "cosim_run.h"

#include <inttypes.h>

bool cosim_init_engines(struct cosim *c, const struct cosim_block *block,
                        const struct cosim_engine_ops *rtl,
                        const struct cosim_engine_ops *model, struct cosim_args *args, FILE *log)
{
    if (!rtl)
        args->model_only = true;
    const struct cosim_engine_ops *both[2] = {rtl, model};
    const struct cosim_engine_ops *alone[1] = {model};
    if (args->model_only)
        return cosim_init(c, block, alone, 1, log);
    return cosim_init(c, block, both, 2, log);
}

bool cosim_run_chaos(struct cosim *c, uint64_t cycles, uint64_t *rng, unsigned rst_per_mille)
{
    if (c->n_engines != 2)
        return true;
    if (!cosim_chaos(c, cycles, rng, rst_per_mille))
        return false;
    printf("  chaos: %" PRIu64 " cycles of random inputs and resets, engines agree\n", cycles);
    return true;
}
