/* The card builds linked into this binary (cardsim_sim.h): the C model at
 * DATA_W 8 and 16 always, the Verilated RTL (plain and --trace-fst) unless
 * built with CARDSIM_MODEL_ONLY (the sanitizer build, which cannot
 * instrument Verilator's code). The rtl and model engines of one DATA_W
 * share one port list (cardsim_core_ports.def), hence one port table. */
#include "cardsim_sim.h"

const struct cosim_block *cardsim_core_w8_ports(void);
const struct cosim_block *cardsim_core_w16_ports(void);
extern const struct cosim_engine_ops cardsim_core_w8_model_ops, cardsim_core_w16_model_ops;
#ifndef CARDSIM_MODEL_ONLY
extern const struct cosim_engine_ops cardsim_core_w8_rtl_ops, cardsim_core_w16_rtl_ops;
extern const struct cosim_engine_ops cardsim_core_w8_trace_rtl_ops,
    cardsim_core_w16_trace_rtl_ops;
#endif

#define ENGINE(name, w, trace, ops) {name, w, trace, cardsim_core_w##w##_ports, &ops}

const struct cardsim_engine_desc cardsim_engines[] = {
    ENGINE("model", 8, false, cardsim_core_w8_model_ops),
    ENGINE("model", 16, false, cardsim_core_w16_model_ops),
#ifndef CARDSIM_MODEL_ONLY
    ENGINE("rtl", 8, false, cardsim_core_w8_rtl_ops),
    ENGINE("rtl", 16, false, cardsim_core_w16_rtl_ops),
    ENGINE("rtl", 8, true, cardsim_core_w8_trace_rtl_ops),
    ENGINE("rtl", 16, true, cardsim_core_w16_trace_rtl_ops),
#endif
};

const size_t cardsim_n_engines = sizeof cardsim_engines / sizeof cardsim_engines[0];
