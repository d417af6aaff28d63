/* Cycle-accurate model of hw/l2tp_card.sv, the card as the PCIe core sees
 * it: the datapath model (model/l2tp_card_core.c) and the DMA shell's model
 * (model/card_dma.c) joined as the RTL top joins them (one register bus with
 * the read data ORed, punt stream into the shell, the shell's inject stream
 * into the core, CTRL.RESET into the shell, its status and counter pulses
 * into the core).
 *
 * Built for the parameters the Verilated card has (tests/cosim/l2tp_card.mk):
 * DATA_W 8 or 16, N_CH 4, SESS_AW 6 (the session models' sizes), every other
 * parameter the RTL's default. The port structs l2tp_card_w8_io/_w16_io come
 * from tests/cosim/l2tp_card_ports.def, so the model, the Verilated RTL and
 * the driver's simulated backends (driver/sim_card.c) share one port list. */
#ifndef MODEL_L2TP_CARD_H
#define MODEL_L2TP_CARD_H

#include "card_dma.h"
#include "cosim.h"
#include "l2tp_card_core.h"

#define COSIM_PORTS_DEF "l2tp_card_ports.def"
#define COSIM_BLOCK l2tp_card_w8
#define CARD_COSIM_DATA_W 8
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef CARD_COSIM_DATA_W
#define COSIM_BLOCK l2tp_card_w16
#define CARD_COSIM_DATA_W 16
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef CARD_COSIM_DATA_W
#undef COSIM_PORTS_DEF

#define L2TP_CARD_N_CH CORE_N_CH
#define L2TP_CARD_SESS_AW CORE_SESS_AW

struct l2tp_card {
    unsigned data_w;                 /* DATA_W: 8 or 16 */
    struct l2tp_card_core core;
    /* the shell (at DATA_W 8 its .s: the same registers) */
    struct card_dma_w16_state dma, dma_next;
    struct l2tp_card_core_out core_out; /* the core's outputs, last eval */
};

/* Every register zero (as Verilator's --x-initial fast before the first
 * reset), DATA_W data_w (8 or 16, else PROTO_EINVAL), the rest as above.
 * Free with l2tp_card_free. */
proto_status l2tp_card_init(struct l2tp_card *m, unsigned data_w, struct proto_error *err);
void l2tp_card_free(struct l2tp_card *m);
/* always_comb: reads the inputs of io, writes every output of it. Call the
 * one of the card's DATA_W. */
void l2tp_card_w8_eval(struct l2tp_card *m, struct l2tp_card_w8_io *io);
void l2tp_card_w16_eval(struct l2tp_card *m, struct l2tp_card_w16_io *io);
/* always_ff: the rising clock edge in both. */
void l2tp_card_tick(struct l2tp_card *m);

/* The model as a cosim engine ("model") at each DATA_W, for the lockstep
 * test and the driver's simulated cards. */
extern const struct cosim_engine_ops l2tp_card_w8_model_ops;
extern const struct cosim_engine_ops l2tp_card_w16_model_ops;

#endif
