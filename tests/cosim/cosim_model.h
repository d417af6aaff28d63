/* The C model of a block as a cosim engine. Include from a C file after
 * defining COSIM_BLOCK and including the model's header, which provides
 *   struct <B>_state                  the RTL's registers
 *   void <B>_eval(const struct <B>_state *, struct <B>_io *, struct <B>_state *next)
 *   void <B>_tick(struct <B>_state *, const struct <B>_state *next)
 * The engine is `static const struct cosim_engine_ops <B>_model_ops`. The
 * state starts zeroed, as Verilator's --x-initial fast leaves the RTL's
 * registers before the first reset. No include guard, on purpose. */
#include <stdlib.h>

#include "cosim.h"
#include "cosim_macros.h"

#define COSIM_M_(x) COSIM_CAT(COSIM_CAT(COSIM_BLOCK, _model_), x)

struct COSIM_M_(engine) {
    struct COSIM_CAT(COSIM_BLOCK, _state) state, next;
};

static void *COSIM_M_(create)(void)
{
    return calloc(1, sizeof(struct COSIM_M_(engine)));
}

static void COSIM_M_(destroy)(void *impl)
{
    free(impl);
}

static void COSIM_M_(eval)(void *impl, void *io)
{
    struct COSIM_M_(engine) *m = impl;
    COSIM_CAT(COSIM_BLOCK, _eval)(&m->state, io, &m->next);
}

static void COSIM_M_(tick)(void *impl)
{
    struct COSIM_M_(engine) *m = impl;
    COSIM_CAT(COSIM_BLOCK, _tick)(&m->state, &m->next);
}

static const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _model_ops) = {
    "model", COSIM_M_(create), COSIM_M_(destroy), COSIM_M_(eval), COSIM_M_(tick),
};

#undef COSIM_M_
