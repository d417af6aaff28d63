/* Model of hw/l2tp_card.sv: see l2tp_card.h. The RTL top has no register of
 * its own, so neither has this file: the state is the two children's. */
#include "l2tp_card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void octets_from_u64(uint64_t v, uint8_t *b)
{
    for (unsigned i = 0; i < L2TP_CARD_DATA_W; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t octets_to_u64(const uint8_t *b)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < L2TP_CARD_DATA_W; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

proto_status l2tp_card_init(struct l2tp_card *m, struct proto_error *err)
{
    memset(m, 0, sizeof *m);
    struct l2tp_card_core_params p = l2tp_card_core_default_params(L2TP_CARD_DATA_W);
    proto_status st = l2tp_card_core_init(&m->core, &p, err);
    if (st != PROTO_OK)
        return st;
    /* card_dma #(.N_CH(N_CH), .SESS_AW(SESS_AW)) in the RTL top */
    m->dma.n_ch = L2TP_CARD_N_CH;
    m->dma.sess_aw = L2TP_CARD_SESS_AW;
    return PROTO_OK;
}

void l2tp_card_free(struct l2tp_card *m)
{
    l2tp_card_core_free(&m->core);
}

/* The shell's inputs: the top's ports, and the core's outputs of the pass. */
static void dma_inputs(const struct l2tp_card *m, const struct l2tp_card_w8_io *io,
                       const struct l2tp_card_core_out *co, struct card_dma_io *d)
{
    d->rst = io->rst;
    /* the core's soft_rst: card_regs' dp_soft_rst = rst_cnt_reg != 0 */
    d->soft_rst = m->core.regs.rst_cnt != 0;
    d->reg_wr_en = io->reg_wr_en;
    d->reg_rd_en = io->reg_rd_en;
    d->reg_addr = io->reg_addr;
    d->reg_wdata = io->reg_wdata;
    d->s_punt_tdata = octets_to_u64(co->m_punt_tdata);
    d->s_punt_tkeep = co->m_punt_tkeep;
    d->s_punt_tvalid = co->m_punt_tvalid;
    d->s_punt_tlast = co->m_punt_tlast;
    d->s_punt_tuser_reason = co->m_punt_tuser_reason;
    d->s_punt_tuser_session = co->m_punt_tuser_session;
    d->s_punt_tuser_channel = co->m_punt_tuser_channel;
    d->m_inject_tready = co->s_inject_tready;
    d->m_dma_rd_ready = io->m_dma_rd_ready;
    d->s_dma_rc_valid = io->s_dma_rc_valid;
    d->s_dma_rc_tag = io->s_dma_rc_tag;
    d->s_dma_rc_data = io->s_dma_rc_data;
    d->s_dma_rc_err = io->s_dma_rc_err;
    d->m_dma_wr_ready = io->m_dma_wr_ready;
}

/* The core's inputs: the top's ports, and the shell's outputs of the pass. */
static void core_inputs(const struct l2tp_card_w8_io *io, const struct card_dma_io *d,
                        struct l2tp_card_core_in *in)
{
    memset(in, 0, sizeof *in);
    in->rst = io->rst;
    octets_from_u64(io->s_net_tdata, in->s_net_tdata);
    in->s_net_tkeep = (uint32_t)io->s_net_tkeep;
    in->s_net_tvalid = io->s_net_tvalid;
    in->s_net_tlast = io->s_net_tlast;
    in->m_net_tready = io->m_net_tready;
    for (unsigned c = 0; c < L2TP_CARD_N_CH; c++) {
        in->s_acc_tdata[c] = (uint8_t)(io->s_acc_tdata >> (8 * c));
        in->s_acc_tvalid[c] = (io->s_acc_tvalid >> c) & 1u;
        in->m_acc_tready[c] = (io->m_acc_tready >> c) & 1u;
    }
    in->m_punt_tready = d->s_punt_tready;
    octets_from_u64(d->m_inject_tdata, in->s_inject_tdata);
    in->s_inject_tkeep = (uint32_t)d->m_inject_tkeep;
    in->s_inject_tvalid = d->m_inject_tvalid;
    in->s_inject_tlast = d->m_inject_tlast;
    in->s_inject_tuser_kind = (uint8_t)d->m_inject_tuser_kind;
    in->s_inject_tuser_target = (uint16_t)d->m_inject_tuser_target;
    in->s_inject_tuser_len = (uint16_t)d->m_inject_tuser_len;
    in->reg_wr_en = io->reg_wr_en;
    in->reg_rd_en = io->reg_rd_en;
    in->reg_addr = (uint16_t)io->reg_addr;
    in->reg_wdata = (uint32_t)io->reg_wdata;
    in->dma_error = d->dma_error;
    in->shell_cnt_punt_frames = d->cnt_punt_frames;
    in->shell_cnt_punt_ring_full = d->cnt_punt_ring_full;
    in->shell_cnt_punt_too_long = d->cnt_punt_too_long;
    in->shell_cnt_inject_frames = d->cnt_inject_frames;
    in->shell_cnt_inject_bad_desc = d->cnt_inject_bad_desc;
}

/* The shell's outputs the core reads. */
static bool dma_to_core_same(const struct card_dma_io *a, const struct card_dma_io *b)
{
    return a->s_punt_tready == b->s_punt_tready && a->m_inject_tdata == b->m_inject_tdata &&
           a->m_inject_tkeep == b->m_inject_tkeep && a->m_inject_tvalid == b->m_inject_tvalid &&
           a->m_inject_tlast == b->m_inject_tlast &&
           a->m_inject_tuser_kind == b->m_inject_tuser_kind &&
           a->m_inject_tuser_target == b->m_inject_tuser_target &&
           a->m_inject_tuser_len == b->m_inject_tuser_len && a->dma_error == b->dma_error &&
           a->cnt_punt_frames == b->cnt_punt_frames &&
           a->cnt_punt_ring_full == b->cnt_punt_ring_full &&
           a->cnt_punt_too_long == b->cnt_punt_too_long &&
           a->cnt_inject_frames == b->cnt_inject_frames &&
           a->cnt_inject_bad_desc == b->cnt_inject_bad_desc;
}

bool l2tp_card_eval(struct l2tp_card *m, struct l2tp_card_w8_io *io)
{
    /* Settle the wires between the two as the simulator does: the shell on
     * the core's outputs of the previous cycle (a guess), the core on the
     * shell's outputs, the shell again on the core's, until the shell's
     * outputs to the core stop changing. The last shell evaluation is on
     * the settled wires, so its next state is the right one. */
    struct card_dma_io d, d2;
    struct l2tp_card_core_in in;
    memset(&d, 0, sizeof d);
    dma_inputs(m, io, &m->core_out, &d);
    card_dma_eval(&m->dma, &d, &m->dma_next);
    m->passes = 0;
    for (;;) {
        core_inputs(io, &d, &in);
        if (!l2tp_card_core_eval(&m->core, &in, &m->core_out))
            return false;
        m->passes++;
        d2 = d;
        dma_inputs(m, io, &m->core_out, &d2);
        card_dma_eval(&m->dma, &d2, &m->dma_next);
        bool same = dma_to_core_same(&d, &d2);
        d = d2;
        if (same)
            break;
        if (m->passes >= 8)
            return false;
    }
    m->dma_io = d;
    const struct l2tp_card_core_out *co = &m->core_out;
    io->s_net_tready = co->s_net_tready;
    io->m_net_tdata = octets_to_u64(co->m_net_tdata);
    io->m_net_tkeep = co->m_net_tkeep;
    io->m_net_tvalid = co->m_net_tvalid;
    io->m_net_tlast = co->m_net_tlast;
    io->s_acc_tready = 0;
    io->m_acc_tdata = 0;
    io->m_acc_tvalid = 0;
    for (unsigned c = 0; c < L2TP_CARD_N_CH; c++) {
        io->s_acc_tready |= (uint64_t)co->s_acc_tready[c] << c;
        io->m_acc_tdata |= (uint64_t)co->m_acc_tdata[c] << (8 * c);
        io->m_acc_tvalid |= (uint64_t)co->m_acc_tvalid[c] << c;
    }
    /* each block answers 0 outside its own register blocks */
    io->reg_rdata = co->reg_rdata | (uint32_t)d.reg_rdata;
    io->reg_rd_valid = co->reg_rd_valid | (d.reg_rd_valid != 0);
    io->m_dma_rd_valid = d.m_dma_rd_valid;
    io->m_dma_rd_tag = d.m_dma_rd_tag;
    io->m_dma_rd_addr = d.m_dma_rd_addr;
    io->m_dma_rd_len = d.m_dma_rd_len;
    io->m_dma_wr_valid = d.m_dma_wr_valid;
    io->m_dma_wr_addr = d.m_dma_wr_addr;
    io->m_dma_wr_data = d.m_dma_wr_data;
    io->m_dma_wr_be = d.m_dma_wr_be;
    io->m_dma_wr_last = d.m_dma_wr_last;
    io->irq = d.irq;
    return true;
}

void l2tp_card_tick(struct l2tp_card *m)
{
    l2tp_card_core_tick(&m->core);
    card_dma_tick(&m->dma, &m->dma_next);
}

/* ---- the cosim engine ---- */

static void *model_create(void)
{
    struct l2tp_card *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    struct proto_error err = {0};
    if (l2tp_card_init(m, &err) != PROTO_OK) {
        free(m);
        return NULL;
    }
    return m;
}

static void model_destroy(void *impl)
{
    if (!impl)
        return;
    l2tp_card_free(impl);
    free(impl);
}

static void model_eval(void *impl, void *io)
{
    if (!l2tp_card_eval(impl, io)) {
        /* a model bug, never the stimulus: stop where it happened */
        fprintf(stderr, "l2tp_card model: wires between core and shell did not settle\n");
        abort();
    }
}

static void model_tick(void *impl)
{
    l2tp_card_tick(impl);
}

const struct cosim_engine_ops l2tp_card_w8_model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};
