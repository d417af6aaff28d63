/* The simulated card behind the rtl and model backends (sim_card.c): one
 * implementation of the backend ops over a cosim engine (tests/cosim/
 * cosim.h) of hw/l2tp_card.sv's ports; the two backends differ only in the
 * engine (model_backend.c, rtl_backend.c). Public extension: l2tpcard_sim.h. */
#ifndef DRIVER_SIM_CARD_H
#define DRIVER_SIM_CARD_H

#include "card_backend.h"
#include "cosim.h"

/* engine: a cosim engine of l2tp_card at data_w (8 or 16: its port struct
 * l2tp_card_w8_io or _w16_io, model/l2tp_card.h) with the default N_CH and
 * SESS_AW (L2TP_CARD_N_CH, L2TP_CARD_SESS_AW: the Verilated card's). */
l2tpcard_status sim_card_open(struct l2tpcard *card, const struct cosim_engine_ops *engine,
                              unsigned data_w, const char *name);

/* The card's sizes, as its ID block reports them. */
struct sim_card_size {
    unsigned n_ch, sess_aw;
};

/* The same with an engine instance already made (impl, destroyed with the
 * card and on failure; NULL: engine->create()) at the given sizes (N_CH up
 * to the port struct's L2TP_CARD_N_CH_PORTS lanes). */
l2tpcard_status sim_card_open_impl(struct l2tpcard *card, const struct cosim_engine_ops *engine,
                                   void *impl, unsigned data_w, const struct sim_card_size *size,
                                   const char *name);
void sim_card_close(struct l2tpcard *card);
uint32_t sim_card_read32(struct l2tpcard *card, uint32_t off);
void sim_card_write32(struct l2tpcard *card, uint32_t off, uint32_t val);
l2tpcard_status sim_card_dma_alloc(struct l2tpcard *card, size_t size, struct card_dma *out);
void sim_card_dma_free(struct l2tpcard *card, struct card_dma *mem);
void sim_card_idle(struct l2tpcard *card, unsigned max_us);

/* The ops of a simulated backend called `name` whose open is `open`. */
#define SIM_CARD_OPS(name_, open_)                                                                \
    {                                                                                             \
        .name = (name_), .open = (open_), .close = sim_card_close, .read32 = sim_card_read32,     \
        .write32 = sim_card_write32, .dma_alloc = sim_card_dma_alloc,                             \
        .dma_free = sim_card_dma_free, .idle = sim_card_idle,                                     \
    }

#endif
