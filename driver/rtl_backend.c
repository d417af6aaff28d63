/* The "rtl" backend: hw/l2tp_card.sv Verilated (tests/cosim/l2tp_card.mk)
 * at DATA_W 8, N_CH 32, SESS_AW 12 (the model backend's defaults), in-process,
 * run by the simulated card of sim_card.c. Its sizes are fixed at
 * Verilation: the spec takes no argument. Only programs linked
 * with the Verilated card have it (driver/sim.mk: SIM_RTL_LINK); card.c
 * refers to card_rtl_backend weakly. */
#include "sim_card.h"

extern const struct cosim_engine_ops l2tp_card_w8_rtl_ops;

static l2tpcard_status rtl_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                const struct l2tpcard_options *opts)
{
    (void)spec;
    (void)opts;
    return sim_card_open(card, &l2tp_card_w8_rtl_ops, 8, "rtl");
}

const struct card_backend_ops card_rtl_backend = SIM_CARD_OPS("rtl", rtl_open);
