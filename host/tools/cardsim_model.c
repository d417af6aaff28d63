/* model/l2tp_card_core (the C model of hw/l2tp_card_core.sv) as a cosim
 * engine on cardsim's port list (cardsim_core_ports.def), for DATA_W =
 * CARDSIM_DATA_W: the port struct is unpacked into the model's input
 * struct, the model evaluates, and its outputs are packed back, so the
 * model and the Verilated RTL are driven through one interface. Compiled
 * once per DATA_W (cardsim.mk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardsim_port.h"
#include "l2tp_card_core.h"

#ifndef CARDSIM_DATA_W
#error "CARDSIM_DATA_W must be defined (8 or 16)"
#endif

#define CARDSIM_CAT_(a, b) a##b
#define CARDSIM_CAT(a, b) CARDSIM_CAT_(a, b)
#define CARDSIM_BLOCK_NAME CARDSIM_CAT(cardsim_core_w, CARDSIM_DATA_W)

#define COSIM_BLOCK CARDSIM_BLOCK_NAME
#define COSIM_PORTS_DEF "cardsim_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

_Static_assert(CARDSIM_N_CH <= CORE_N_CH_MAX, "the port list's N_CH beyond the model's");
/* the Verilated core's SESS_AW (cardsim.mk) */
#define CARDSIM_SESS_AW 6
_Static_assert(CARDSIM_DATA_W <= CORE_DATA_W_MAX, "DATA_W beyond the model's");

typedef struct CARDSIM_CAT(CARDSIM_BLOCK_NAME, _io) io_t;

struct engine {
    struct l2tp_card_core core;
    struct l2tp_card_core_in in;
    struct l2tp_card_core_out out;
};

/* Octets of a packed tdata port, lane i in bits 8i+7:8i (one uint64_t up
 * to 8 lanes, 32-bit words beyond, cosim_io_struct.h). */
static void tdata_in(const void *field, uint8_t *out)
{
#if CARDSIM_DATA_W <= 8
    uint64_t v;
    memcpy(&v, field, sizeof v);
    for (unsigned i = 0; i < CARDSIM_DATA_W; i++)
        out[i] = (uint8_t)(v >> (8 * i));
#else
    const uint32_t *w = field;
    for (unsigned i = 0; i < CARDSIM_DATA_W; i++)
        out[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
#endif
}

static void tdata_out(const uint8_t *in, void *field)
{
#if CARDSIM_DATA_W <= 8
    uint64_t v = 0;
    for (unsigned i = 0; i < CARDSIM_DATA_W; i++)
        v |= (uint64_t)in[i] << (8 * i);
    memcpy(field, &v, sizeof v);
#else
    uint32_t *w = field;
    memset(w, 0, CARDSIM_DATA_W);
    for (unsigned i = 0; i < CARDSIM_DATA_W; i++)
        w[i / 4] |= (uint32_t)in[i] << (8 * (i % 4));
#endif
}

static void *create(void)
{
    struct engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    struct l2tp_card_core_params p = l2tp_card_core_default_params(CARDSIM_DATA_W);
    p.n_ch = CARDSIM_N_CH;
    p.sess_aw = CARDSIM_SESS_AW;
    struct proto_error err = {0};
    if (l2tp_card_core_init(&e->core, &p, &err) != PROTO_OK) {
        char buf[200];
        fprintf(stderr, "cardsim: model: %s\n", proto_error_format(&err, buf, sizeof buf));
        free(e);
        return NULL;
    }
    return e;
}

static void destroy(void *impl)
{
    struct engine *e = impl;
    l2tp_card_core_free(&e->core);
    free(e);
}

static void eval(void *impl, void *iov)
{
    struct engine *e = impl;
    io_t *io = iov;
    struct l2tp_card_core_in *in = &e->in;
    in->rst = io->rst & 1;
    tdata_in(&io->s_net_tdata, in->s_net_tdata);
    in->s_net_tkeep = (uint32_t)io->s_net_tkeep;
    in->s_net_tvalid = io->s_net_tvalid & 1;
    in->s_net_tlast = io->s_net_tlast & 1;
    in->m_net_tready = io->m_net_tready & 1;
    for (unsigned c = 0; c < CARDSIM_N_CH; c++) {
        in->s_acc_tdata[c] = (uint8_t)(io->s_acc_tdata >> (8 * c));
        in->s_acc_tvalid[c] = io->s_acc_tvalid >> c & 1;
        in->m_acc_tready[c] = io->m_acc_tready >> c & 1;
    }
    in->m_punt_tready = io->m_punt_tready & 1;
    tdata_in(&io->s_inject_tdata, in->s_inject_tdata);
    in->s_inject_tkeep = (uint32_t)io->s_inject_tkeep;
    in->s_inject_tvalid = io->s_inject_tvalid & 1;
    in->s_inject_tlast = io->s_inject_tlast & 1;
    in->s_inject_tuser_kind = (uint8_t)(io->s_inject_tuser_kind & 3);
    in->s_inject_tuser_target = (uint16_t)io->s_inject_tuser_target;
    in->s_inject_tuser_len = (uint16_t)io->s_inject_tuser_len;
    in->reg_wr_en = io->reg_wr_en & 1;
    in->reg_rd_en = io->reg_rd_en & 1;
    in->reg_addr = (uint16_t)io->reg_addr;
    in->reg_wdata = (uint32_t)io->reg_wdata;
    in->dma_error = io->dma_error & 1;
    in->shell_cnt_punt_frames = io->shell_cnt_punt_frames & 1;
    in->shell_cnt_punt_ring_full = io->shell_cnt_punt_ring_full & 1;
    in->shell_cnt_punt_too_long = io->shell_cnt_punt_too_long & 1;
    in->shell_cnt_inject_frames = io->shell_cnt_inject_frames & 1;
    in->shell_cnt_inject_bad_desc = io->shell_cnt_inject_bad_desc & 1;

    l2tp_card_core_eval(&e->core, in, &e->out);
    const struct l2tp_card_core_out *o = &e->out;
    io->s_net_tready = o->s_net_tready;
    tdata_out(o->m_net_tdata, &io->m_net_tdata);
    io->m_net_tkeep = o->m_net_tkeep;
    io->m_net_tvalid = o->m_net_tvalid;
    io->m_net_tlast = o->m_net_tlast;
    io->s_acc_tready = io->m_acc_tdata = io->m_acc_tvalid = 0;
    for (unsigned c = 0; c < CARDSIM_N_CH; c++) {
        io->s_acc_tready |= (uint64_t)o->s_acc_tready[c] << c;
        io->m_acc_tdata |= (uint64_t)o->m_acc_tdata[c] << (8 * c);
        io->m_acc_tvalid |= (uint64_t)o->m_acc_tvalid[c] << c;
    }
    tdata_out(o->m_punt_tdata, &io->m_punt_tdata);
    io->m_punt_tkeep = o->m_punt_tkeep;
    io->m_punt_tvalid = o->m_punt_tvalid;
    io->m_punt_tlast = o->m_punt_tlast;
    io->m_punt_tuser_reason = o->m_punt_tuser_reason;
    io->m_punt_tuser_session = o->m_punt_tuser_session;
    io->m_punt_tuser_channel = o->m_punt_tuser_channel;
    io->m_punt_tuser_kind = o->m_punt_tuser_kind;
    io->s_inject_tready = o->s_inject_tready;
    io->reg_rdata = o->reg_rdata;
    io->reg_rd_valid = o->reg_rd_valid;
}

static void tick(void *impl)
{
    struct engine *e = impl;
    l2tp_card_core_tick(&e->core);
}

const struct cosim_engine_ops CARDSIM_CAT(CARDSIM_BLOCK_NAME, _model_ops) = {
    "model", create, destroy, eval, tick,
};
/* The port table, shared with the rtl engine of the same DATA_W. */
const struct cosim_block *CARDSIM_CAT(CARDSIM_BLOCK_NAME, _ports)(void)
{
    return &CARDSIM_CAT(CARDSIM_BLOCK_NAME, _block);
}
