/* Engine choice, reset and the chaos phase of a lockstep test: see cosim_run.h. */
#include "cosim_run.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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

/* rst's value in the inputs (a narrow port is one uint64_t in the io struct) */
static bool set_rst(struct cosim *c, uint64_t v)
{
    const struct cosim_block *b = c->block;
    for (size_t i = 0; i < b->n_ports; i++) {
        const struct cosim_port *p = &b->ports[i];
        if (p->dir == COSIM_IN && !p->wide && !strcmp(p->name, "rst")) {
            memcpy((unsigned char *)cosim_inputs(c) + p->offset, &v, sizeof v);
            return true;
        }
    }
    fprintf(c->log, "cosim %s: no input port rst to reset with\n", b->name);
    return false;
}

bool cosim_run_reset(struct cosim *c, unsigned cycles)
{
    memset(cosim_inputs(c), 0, c->block->io_size);
    if (!set_rst(c, 1))
        return false;
    for (unsigned i = 0; i < cycles; i++) {
        if (!cosim_eval(c))
            return false;
        cosim_tick(c);
    }
    return set_rst(c, 0);
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

int cosim_run_main(int argc, char **argv, const struct cosim_run_test *test)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, test->default_cycles))
        return 2;
    struct cosim c;
    if (!cosim_init_engines(&c, test->block, test->rtl, test->model, &args, stderr))
        return 2;
    void *tb = calloc(1, test->tb_size);
    uint64_t *rng = tb ? test->attach(tb, &c, args.seed) : NULL;
    if (!rng) {
        free(tb);
        cosim_free(&c);
        return 2;
    }
    printf("%s: seed %" PRIu64 ", engines:%s model\n", test->block->name, args.seed,
           args.model_only ? "" : " rtl");
    bool ok = test->directed(tb) && test->random(tb, args.cycles);
    ok = ok && cosim_run_chaos(&c, args.cycles / 10, rng, 10);
    if (ok) {
        if (test->summary)
            test->summary(tb);
        cosim_print_speed(&c, stdout);
    }
    printf("%s: %s after %" PRIu64 " cycles\n", test->block->name, ok ? "PASS" : "FAIL", c.cycle);
    if (test->release)
        test->release(tb);
    free(tb);
    cosim_free(&c);
    return ok ? 0 : 1;
}
