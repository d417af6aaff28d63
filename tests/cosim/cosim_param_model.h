/* The C model of a block configured by a params struct, as a cosim engine
 * `static const struct cosim_engine_ops model_ops`. Include from a
 * testbench after defining
 *   COSIM_PARAM_MODEL         the model's name M (stream_frame_arbiter), whose
 *                             header provides struct M, struct M_params,
 *                             bool M_init(struct M *, const struct M_params *)
 *                             and void M_tick(struct M *)
 *   COSIM_PARAM_MODEL_PARAMS  the M_params initializer ({N, W, USER_W})
 * and the testbench's own `static void model_eval(void *impl, void *io)`
 * (the port mapping). The engine fails to create, with a message, when the
 * model refuses the parameters. No include guard, on purpose (one model
 * per testbench), as cosim_model.h. */
#include <stdio.h>
#include <stdlib.h>

#include "cosim.h"
#include "cosim_macros.h"

#define COSIM_PM_(x) COSIM_CAT(COSIM_PARAM_MODEL, x)

static void *model_create(void)
{
    struct COSIM_PARAM_MODEL *m = calloc(1, sizeof *m);
    const struct COSIM_PM_(_params) p = COSIM_PARAM_MODEL_PARAMS;
    if (m && !COSIM_PM_(_init)(m, &p)) {
        fprintf(stderr, "model: bad parameters\n");
        free(m);
        return NULL;
    }
    return m;
}

static void model_destroy(void *impl)
{
    free(impl);
}

static void model_tick(void *impl)
{
    COSIM_PM_(_tick)(impl);
}

static const struct cosim_engine_ops model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

#undef COSIM_PM_
