/* Cycle-accurate model of hw/l2tp_card.sv, the card as the PCIe core sees
 * it: the datapath model (model/l2tp_card_core.c) and the DMA shell's model
 * (model/card_dma.c) joined as the RTL top joins them (one register bus with
 * the read data ORed, punt stream into the shell, the shell's inject stream
 * into the core, CTRL.RESET into the shell, its status and counter pulses
 * into the core).
 *
 * DATA_W (8 or 16), N_CH and SESS_AW are run-time parameters (N_CH up to
 * L2TP_CARD_N_CH_PORTS, the ACCESS lanes of the port struct; SESS_AW up to
 * the core's limit), every other parameter the RTL's default. The defaults,
 * N_CH 32 and SESS_AW 12 (4096 sessions), are the Verilated card's
 * (tests/cosim/l2tp_card.mk). The port structs l2tp_card_w8_io/_w16_io come
 * from tests/cosim/l2tp_card_ports.def, so the model, the Verilated RTL and
 * the driver's simulated backends (driver/sim_card.c) share one port list;
 * a model with fewer channels leaves the lanes above N_CH idle (valid and
 * ready 0). */
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

/* ACCESS lanes of the port struct (l2tp_card_ports.def) */
#define L2TP_CARD_N_CH_PORTS 32u
/* the defaults: the Verilated card's parameters */
#define L2TP_CARD_N_CH 32u
#define L2TP_CARD_SESS_AW 12u

struct l2tp_card_params {
    unsigned data_w;                 /* DATA_W: 8 or 16 */
    unsigned n_ch;                   /* N_CH: 1 .. L2TP_CARD_N_CH_PORTS, a power of two */
    unsigned sess_aw;                /* SESS_AW: CORE_SESS_AW_MIN .. CORE_SESS_AW_MAX */
};

/* DATA_W data_w, N_CH L2TP_CARD_N_CH, SESS_AW L2TP_CARD_SESS_AW. */
struct l2tp_card_params l2tp_card_default_params(unsigned data_w);

struct l2tp_card {
    unsigned data_w;                 /* DATA_W: 8 or 16 */
    unsigned n_ch, sess_aw;
    struct l2tp_card_core core;
    /* the shell (at DATA_W 8 its .s: the same registers) */
    struct card_dma_w16_state dma, dma_next;
    struct l2tp_card_core_out core_out; /* the core's outputs, last eval */
};

/* Every register zero (as Verilator's --x-initial fast before the first
 * reset), parameters p (PROTO_EINVAL names one out of range), the rest as
 * above. Free with l2tp_card_free. */
proto_status l2tp_card_init(struct l2tp_card *m, const struct l2tp_card_params *p,
                            struct proto_error *err);
void l2tp_card_free(struct l2tp_card *m);
/* always_comb: reads the inputs of io, writes every output of it. Call the
 * one of the card's DATA_W. */
void l2tp_card_w8_eval(struct l2tp_card *m, struct l2tp_card_w8_io *io);
void l2tp_card_w16_eval(struct l2tp_card *m, struct l2tp_card_w16_io *io);
/* always_ff: the rising clock edge in both. */
void l2tp_card_tick(struct l2tp_card *m);

/* The model as a cosim engine ("model") at each DATA_W with the default
 * N_CH and SESS_AW, for the lockstep test and the driver's simulated cards;
 * l2tp_card_create makes one at any parameters for the same ops (NULL:
 * PROTO_EINVAL or PROTO_ENOSPC in err), destroyed by ops->destroy. */
extern const struct cosim_engine_ops l2tp_card_w8_model_ops;
extern const struct cosim_engine_ops l2tp_card_w16_model_ops;
void *l2tp_card_create(const struct l2tp_card_params *p, struct proto_error *err);

#endif
