/* Model of hw/l2tp_card_core.sv: see l2tp_card_core.h. */
#include "l2tp_card_core.h"

#include <string.h>

#include "card_build_id.h" /* CARD_BUILD_ID, generated as the RTL's (hw/card_regs.mk) */

/* regmap CNT slots the top fills (slot k counts at 0x40 + 4k) */
enum core_cnt_slot {
    SLOT_NET_RX_HOLE = 15,
    SLOT_SESS_UNKNOWN = 16,
    SLOT_SESS_WRONG_TUNNEL = 17,
    SLOT_SESS_OUT_OF_ORDER = 18,
    SLOT_CHAN_FIFO_FULL = 19,
    SLOT_HDLC_BAD_FCS = 20,
    SLOT_HDLC_ABORT = 21,
    SLOT_HDLC_RUNT = 22,
    SLOT_HDLC_TOO_LONG = 23,
    SLOT_HDLC_ACCM_DISCARD = 24,
    SLOT_PUNT_FRAMES = 25,
    SLOT_PUNT_RING_FULL = 26,
    SLOT_INJECT_FRAMES = 27,
    SLOT_INJECT_BAD_DESC = 28,
    SLOT_NET_TX_FRAMES = 29,
    SLOT_PUNT_TOO_LONG = 30,
    SLOT_NET_RX_FRAME_FIFO_FULL = 31,
    SLOT_DISPATCH_BAD_CHANNEL = 32,
    SLOT_SESS_CHAN_STEAL = 33,
    SLOT_SESS_BAD_CHANNEL = 34,
    SLOT_ENCAP_LEN_MISMATCH = 35,
    SLOT_ACCESS_RX_OVERFLOW = 36,
};

/* hw/l2tp_card_pkg.sv HDLC_RX_* (the deframer's event codes) */
enum { CORE_HDLC_RX_BAD_FCS = 1, CORE_HDLC_RX_ABORT = 2, CORE_HDLC_RX_RUNT = 3,
       CORE_HDLC_RX_TOO_LONG = 4 };
/* regmap INJECT_DESC kinds, DISPATCH_PUNT_KIND_PPP, PUNT_CHANNEL_PPP */
enum { CORE_INJECT_NET = 1, CORE_INJECT_CHANNEL_PPP = 2, CORE_INJECT_SESSION_PPP = 3 };
#define CORE_PUNT_KIND_PPP 1u

struct l2tp_card_core_params l2tp_card_core_default_params(unsigned data_w)
{
    return (struct l2tp_card_core_params){
        .data_w = data_w, .n_ch = CORE_N_CH_DEFAULT, .sess_aw = CORE_SESS_AW_DEFAULT,
        .frame_depth_log2 = 8, .ch_depth_log2 = 8, .acc_depth_log2 = 8,
        .build_id = CARD_BUILD_ID,
    };
}

static proto_status bad_param(struct proto_error *err, const char *field)
{
    return proto_fail(err, PROTO_EINVAL, 0, field, "parameter refused (as the RTL's checks)");
}

proto_status l2tp_card_core_init(struct l2tp_card_core *m, const struct l2tp_card_core_params *p,
                                 struct proto_error *err)
{
    memset(m, 0, sizeof *m);
    m->p = *p;
    if (p->data_w != 8 && p->data_w != 16)
        return bad_param(err, "DATA_W");
    if (p->n_ch < 1 || p->n_ch > CORE_N_CH_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "N_CH", "%u is outside 1..%u", p->n_ch,
                          CORE_N_CH_MAX);
    if (p->sess_aw < CORE_SESS_AW_MIN || p->sess_aw > CORE_SESS_AW_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "SESS_AW", "%u is outside %u..%u", p->sess_aw,
                          CORE_SESS_AW_MIN, CORE_SESS_AW_MAX);
    const struct session_table_params tp = {p->sess_aw, p->n_ch};
    const struct session_lookup_params lp = {p->sess_aw, p->n_ch};
    if (!session_table_init(&m->table, &tp) || !session_lookup_init(&m->lookup, &lp))
        return bad_param(err, "SESS_AW or N_CH");
    m->table_next.p = m->table.p;
    m->lookup_next.p = m->lookup.p;

    struct card_regs_params rp = card_regs_default_params();
    rp.data_w = p->data_w;
    rp.n_ch = p->n_ch;
    rp.sess_aw = p->sess_aw;
    rp.build_id = p->build_id;
    rp.cnt_inc_w = CORE_CNT_INC_W;
    card_regs_init(&m->regs, &rp);
    m->regs_next = m->regs;

    proto_status st = net_rx_parser_init(&m->parser, p->data_w, err);
    if (st != PROTO_OK)
        return st;
    for (unsigned c = 0; c < p->n_ch; c++) {
        struct access_rx_buffer_params bp = {p->data_w, p->acc_depth_log2, 2};
        if (!access_rx_buffer_init(&m->buf[c], &bp))
            return bad_param(err, "ACC_DEPTH_LOG2");
    }
    struct access_rx_arbiter_params ap = {p->data_w, p->n_ch};
    if (!access_rx_arbiter_init(&m->arb, &ap))
        return bad_param(err, "N_CH");
    struct encap_builder_params ep = {p->data_w, p->n_ch, p->sess_aw, 3};
    if (!encap_builder_init(&m->encap, &ep))
        return bad_param(err, "N_CH (a power of two) or SESS_AW");
    struct stream_frame_arbiter_params np = {2, p->data_w, 1};
    struct stream_frame_arbiter_params pp = {2, p->data_w, 34};
    if (!stream_frame_arbiter_init(&m->net_tx, &np) || !stream_frame_arbiter_init(&m->punt, &pp))
        return bad_param(err, "DATA_W");
    /* last: the only one that allocates */
    return net_rx_dispatch_init(&m->dispatch, p->data_w, p->n_ch, p->frame_depth_log2,
                                p->ch_depth_log2, err);
}

void l2tp_card_core_free(struct l2tp_card_core *m)
{
    net_rx_dispatch_free(&m->dispatch);
}

static void set_inc(uint32_t *words, unsigned slot, unsigned value)
{
    unsigned bit = slot * CORE_CNT_INC_W;
    words[bit / 32] |= (uint32_t)(value & 0xFFu) << (bit % 32);
}

/* The counter increments: hw/l2tp_card_core.sv's last always_comb. */
static void count_events(const struct l2tp_card_core_wires *w, const struct l2tp_card_core_in *in,
                         unsigned n_ch, uint32_t *inc)
{
    unsigned bad_fcs = 0, abort = 0, runt = 0, too_long = 0, accm = 0, overflow = 0;
    for (unsigned c = 0; c < n_ch; c++) {
        const struct hdlc_deframer_io *d = &w->deframer[c];
        if (d->ev_valid) {
            bad_fcs += d->ev_code == CORE_HDLC_RX_BAD_FCS;
            abort += d->ev_code == CORE_HDLC_RX_ABORT;
            runt += d->ev_code == CORE_HDLC_RX_RUNT;
            too_long += d->ev_code == CORE_HDLC_RX_TOO_LONG;
        }
        accm += d->ev_accm_discard != 0;
        overflow += w->buf_out[c].cnt_overflow;
    }
    memset(inc, 0, (CORE_CNT_SLOTS * CORE_CNT_INC_W + 31) / 32 * sizeof *inc);
    if (w->lookup.cnt_rx_valid && w->lookup.cnt_rx_reason != SLOT_NET_RX_HOLE)
        set_inc(inc, (unsigned)w->lookup.cnt_rx_reason, 1);
    set_inc(inc, SLOT_SESS_UNKNOWN, (unsigned)w->lookup.cnt_sess_unknown);
    set_inc(inc, SLOT_SESS_WRONG_TUNNEL, (unsigned)w->lookup.cnt_sess_wrong_tunnel);
    set_inc(inc, SLOT_SESS_OUT_OF_ORDER, (unsigned)w->lookup.cnt_sess_out_of_order);
    set_inc(inc, SLOT_CHAN_FIFO_FULL, w->disp_out.cnt_chan_fifo_full);
    set_inc(inc, SLOT_HDLC_BAD_FCS, bad_fcs);
    set_inc(inc, SLOT_HDLC_ABORT, abort);
    set_inc(inc, SLOT_HDLC_RUNT, runt);
    set_inc(inc, SLOT_HDLC_TOO_LONG, too_long);
    set_inc(inc, SLOT_HDLC_ACCM_DISCARD, accm);
    set_inc(inc, SLOT_PUNT_FRAMES, in->shell_cnt_punt_frames);
    set_inc(inc, SLOT_PUNT_RING_FULL, in->shell_cnt_punt_ring_full);
    set_inc(inc, SLOT_INJECT_FRAMES, in->shell_cnt_inject_frames);
    bool inj_bad = in->s_inject_tvalid && in->s_inject_tlast && in->s_inject_tuser_kind != CORE_INJECT_NET
                   && in->s_inject_tuser_kind != CORE_INJECT_CHANNEL_PPP
                   && in->s_inject_tuser_kind != CORE_INJECT_SESSION_PPP;
    set_inc(inc, SLOT_INJECT_BAD_DESC,
            (unsigned)in->shell_cnt_inject_bad_desc + inj_bad + w->disp_out.cnt_inject_bad
                + w->encap_out.cnt_drop_no_session);
    set_inc(inc, SLOT_NET_TX_FRAMES,
            w->net_tx_out.m_tvalid && w->net_tx_in.m_tready && w->net_tx_out.m.last);
    set_inc(inc, SLOT_PUNT_TOO_LONG, in->shell_cnt_punt_too_long);
    set_inc(inc, SLOT_NET_RX_FRAME_FIFO_FULL, w->disp_out.cnt_frame_fifo_full);
    set_inc(inc, SLOT_DISPATCH_BAD_CHANNEL, w->disp_out.cnt_bad_channel);
    set_inc(inc, SLOT_SESS_CHAN_STEAL, w->table.ev_chan_steal);
    set_inc(inc, SLOT_SESS_BAD_CHANNEL, w->table.ev_bad_channel);
    set_inc(inc, SLOT_ENCAP_LEN_MISMATCH, w->encap_out.cnt_len_mismatch);
    set_inc(inc, SLOT_ACCESS_RX_OVERFLOW, overflow);
}

/* The forward wires: every output that comes from its block's registers
 * alone (valid, data, metadata, the session table's entries and channel
 * table, card_regs' configuration). They are final before any block's
 * always_comb runs, so one pass over the blocks suffices (eval_blocks). */
static void registered_outputs(struct l2tp_card_core *m)
{
    const unsigned n_ch = m->p.n_ch;
    struct l2tp_card_core_wires *w = &m->w;
    card_regs_outputs(&m->regs, &w->regs);
    /* the channel table's only inputs: card_regs' configuration registers */
    w->table.unbound_mru = w->regs.cfg_unbound_mru;
    w->table.unbound_accm = w->regs.cfg_unbound_accm;
    session_table_outputs(&m->table, &w->table);
    net_rx_parser_outputs(&m->parser, &w->parser_out);
    session_lookup_outputs(&m->lookup, &w->lookup);
    net_rx_dispatch_outputs(&m->dispatch, &w->disp_out);
    for (unsigned c = 0; c < n_ch; c++) {
        hdlc_deframer_outputs(&m->deframer[c], &w->deframer[c]);
        access_rx_buffer_outputs(&m->buf[c], &w->buf_out[c]);
    }
    access_rx_arbiter_outputs(&m->arb, &w->arb_out);
    encap_builder_outputs(&m->encap, &w->encap_out);
}

/* Every block's always_comb once, in the order of the combinational paths
 * that remain once the forward wires are known (registered_outputs): the
 * ready signals, which run from the outputs back to the inputs (the NET and
 * punt arbiters, encap_builder, access_rx_arbiter, the buffers, the
 * deframers; the framers, net_rx_dispatch, session_lookup, net_rx_parser),
 * then the session table (its read requests come from session_lookup and
 * encap_builder) and card_regs (every stage's counter pulses). Each block
 * reads only wires already final: the RTL's always_comb order. */
static void eval_blocks(struct l2tp_card_core *m, const struct l2tp_card_core_in *in)
{
    const unsigned n_ch = m->p.n_ch;
    struct l2tp_card_core_wires *w = &m->w;
    const unsigned dw = m->p.data_w;
    const struct card_regs_io *rg = &m->w.regs;
    const bool blk_rst = in->rst || rg->dp_soft_rst;
    const bool enable = rg->dp_enable != 0;
    const uint8_t kind = in->s_inject_tuser_kind;

    /* NET transmit: encap (0), host raw frames (1) */
    struct stream_frame_arbiter_in *nt = &w->net_tx_in;
    nt->rst = blk_rst;
    memcpy(nt->s[0].data, w->encap_out.m_net_tdata, dw);
    nt->s[0].keep = w->encap_out.m_net_tkeep;
    nt->s[0].last = w->encap_out.m_net_tlast;
    nt->s[0].user = 0;
    nt->s_tvalid[0] = w->encap_out.m_net_tvalid;
    memcpy(nt->s[1].data, in->s_inject_tdata, dw);
    nt->s[1].keep = in->s_inject_tkeep;
    nt->s[1].last = in->s_inject_tlast;
    nt->s[1].user = 0;
    nt->s_tvalid[1] = in->s_inject_tvalid && kind == CORE_INJECT_NET;
    nt->m_tready = in->m_net_tready && !m->net_close;   /* the closing beat first */
    stream_frame_arbiter_eval(&m->net_tx, nt, &w->net_tx_out);

    /* punt merge: dispatch (0), unbound-channel PPP from encap (1) */
    struct stream_frame_arbiter_in *pu = &w->punt_in;
    pu->rst = blk_rst;
    memcpy(pu->s[0].data, w->disp_out.m_punt_tdata, dw);
    pu->s[0].keep = (uint32_t)w->disp_out.m_punt_tkeep;
    pu->s[0].last = w->disp_out.m_punt_tlast;
    pu->s[0].user = (uint64_t)w->disp_out.m_punt_tuser_reason
                    | (uint64_t)w->disp_out.m_punt_tuser_session << 8
                    | (uint64_t)w->disp_out.m_punt_tuser_channel << 24
                    | (uint64_t)(w->disp_out.m_punt_tuser_kind & 3u) << 32;
    pu->s_tvalid[0] = w->disp_out.m_punt_tvalid;
    memcpy(pu->s[1].data, w->encap_out.m_punt_tdata, dw);
    pu->s[1].keep = w->encap_out.m_punt_tkeep;
    pu->s[1].last = w->encap_out.m_punt_tlast;
    pu->s[1].user = (uint64_t)PUNT_CHANNEL_PPP
                    | (uint64_t)(w->encap_out.m_punt_channel & 0xFFu) << 24
                    | (uint64_t)CORE_PUNT_KIND_PPP << 32;
    pu->s_tvalid[1] = w->encap_out.m_punt_tvalid;
    pu->m_tready = in->m_punt_tready;
    stream_frame_arbiter_eval(&m->punt, pu, &w->punt_out);

    /* encap_builder */
    struct encap_builder_in *en = &w->encap_in;
    en->rst = blk_rst;
    memcpy(en->s_tdata, w->arb_out.m_tdata, dw);
    en->s_tkeep = w->arb_out.m_tkeep;
    en->s_tvalid = w->arb_out.m_tvalid;
    en->s_tlast = w->arb_out.m_tlast;
    en->s_tuser_kind = w->arb_out.m_tuser_kind;
    en->s_tuser_id = w->arb_out.m_tuser_id;
    en->s_tuser_len = w->arb_out.m_tuser_len;
    for (unsigned c = 0; c < n_ch; c++) {
        en->chan_bound[c] = (w->table.chan_bound >> c) & 1u;
        en->chan_sess[c] = w->table.chan_sess[c];
    }
    memcpy(en->sess_entry, w->table.b_entry, sizeof en->sess_entry);
    en->commit_valid = rg->commit_valid;
    en->commit_index = (uint16_t)rg->commit_index;
    en->commit_seq = (uint32_t)rg->commit_seq;
    en->commit_zero_counters = rg->commit_zero_counters;
    en->rd_index = (uint16_t)rg->sess_rd_index;
    en->m_net_tready = w->net_tx_out.s_tready[0];
    en->m_punt_tready = w->punt_out.s_tready[1];
    encap_builder_eval(&m->encap, en, &w->encap_out);

    /* access_rx_arbiter: the channel buffers and host PPP for a session */
    struct access_rx_arbiter_in *ar = &w->arb_in;
    ar->rst = blk_rst;
    for (unsigned c = 0; c < n_ch; c++) {
        memcpy(ar->ch[c].data, w->buf_out[c].m_tdata, dw);
        ar->ch[c].keep = w->buf_out[c].m_tkeep;
        ar->ch[c].last = w->buf_out[c].m_tlast;
        ar->ch[c].user = 0;
        ar->ch_tvalid[c] = w->buf_out[c].m_tvalid;
        ar->ch_len[c] = w->buf_out[c].m_len;
    }
    memcpy(ar->inj.data, in->s_inject_tdata, dw);
    ar->inj.keep = in->s_inject_tkeep;
    ar->inj.last = in->s_inject_tlast;
    ar->inj.user = 0;
    ar->inj_tvalid = in->s_inject_tvalid && kind == CORE_INJECT_SESSION_PPP;
    ar->inj_session = in->s_inject_tuser_target;
    ar->inj_len = in->s_inject_tuser_len;
    ar->m_tready = w->encap_out.s_tready;
    access_rx_arbiter_eval(&m->arb, ar, &w->arb_out);

    /* per channel: buffer, deframer, framer */
    for (unsigned c = 0; c < n_ch; c++) {
        struct access_rx_buffer_in *bi = &w->buf_in[c];
        const struct hdlc_deframer_io *dfo = &w->deframer[c];
        bi->rst = blk_rst;
        bi->s_tdata = (uint8_t)dfo->m_tdata;
        bi->s_tvalid = dfo->m_tvalid;
        bi->s_tlast = dfo->m_tlast;
        bi->s_tuser = (uint8_t)dfo->m_tuser;
        bi->m_tready = w->arb_out.ch_tready[c];
        m->idle_buf[c] = access_rx_buffer_eval_idle(&m->buf[c], bi, &w->buf_out[c]);
        if (!m->idle_buf[c])
            access_rx_buffer_eval(&m->buf[c], bi, &w->buf_out[c]);

        struct hdlc_deframer_io *df = &w->deframer[c];
        df->rst = blk_rst;
        df->cfg_fcs32 = (w->table.chan_fcs32 >> c) & 1u;
        df->cfg_accm = w->table.chan_rx_accm[c];
        df->cfg_mru = w->table.chan_mru[c];
        df->s_tdata = in->s_acc_tdata[c];
        df->s_tvalid = in->s_acc_tvalid[c] && enable;
        df->m_tready = w->buf_out[c].s_tready;
        m->idle_deframer[c] = hdlc_deframer_eval_idle(&m->deframer[c], df);
        if (!m->idle_deframer[c])
            hdlc_deframer_eval(&m->deframer[c], df, &m->deframer_next[c]);

        struct hdlc_framer_io *fr = &w->framer[c];
        fr->rst = blk_rst;
        fr->cfg_fcs32 = w->disp_out.m_ch_fcs32[c];
        fr->cfg_accm = w->disp_out.m_ch_accm[c];
        fr->cfg_share_flag = 0;    /* every frame opens with its own flag */
        fr->s_tdata = w->disp_out.m_ch_tdata[c];
        fr->s_tvalid = w->disp_out.m_ch_tvalid[c];
        fr->s_tlast = w->disp_out.m_ch_tlast[c];
        fr->m_tready = in->m_acc_tready[c];
        m->idle_framer[c] = hdlc_framer_eval_idle(&m->framer[c], fr);
        if (!m->idle_framer[c])
            hdlc_framer_eval(&m->framer[c], fr, &m->framer_next[c]);
    }

    /* net_rx_dispatch */
    struct net_rx_dispatch_in *di = &w->disp_in;
    const struct net_rx_parser_out *po = &w->parser_out;
    const struct session_lookup_ports *lk = &w->lookup;
    di->rst = blk_rst;
    memcpy(di->s_net_tdata, po->m_net_tdata, dw);
    di->s_net_tkeep = po->m_net_tkeep;
    di->s_net_tvalid = po->m_net_tvalid;
    di->s_net_tlast = po->m_net_tlast;
    di->s_desc_tvalid = lk->m_desc_tvalid;
    di->s_desc.action = (uint8_t)lk->m_desc_action;
    di->s_desc.reason = (uint8_t)lk->m_desc_reason;
    di->s_desc.session = (uint16_t)lk->m_desc_session;
    di->s_desc.channel = (uint8_t)lk->m_desc_channel;
    di->s_desc.fcs32 = lk->m_desc_fcs32;
    di->s_desc.accm = (uint32_t)lk->m_desc_accm;
    di->s_desc.payload_off = (uint16_t)lk->m_desc_payload_off;
    di->s_desc.payload_len = (uint16_t)lk->m_desc_payload_len;
    memcpy(di->s_inject_ppp_tdata, in->s_inject_tdata, dw);
    di->s_inject_ppp_tkeep = in->s_inject_tkeep;
    di->s_inject_ppp_tvalid = in->s_inject_tvalid && kind == CORE_INJECT_CHANNEL_PPP;
    di->s_inject_ppp_tlast = in->s_inject_tlast;
    di->s_inject_ppp_tuser_channel =
        in->s_inject_tuser_target > 0xFFu ? 0xFFu : (uint8_t)in->s_inject_tuser_target;
    di->s_inject_ppp_tuser_fcs32 = in->s_inject_tuser_target < n_ch
                                   && ((w->table.chan_fcs32 >> in->s_inject_tuser_target) & 1u);
    di->s_inject_ppp_tuser_accm = (uint32_t)rg->cfg_unbound_accm;
    di->m_punt_tready = w->punt_out.s_tready[0];
    for (unsigned c = 0; c < n_ch; c++)
        di->m_ch_tready[c] = w->framer[c].s_tready;
    net_rx_dispatch_eval(&m->dispatch, di, &w->disp_out);

    /* session_lookup */
    struct session_lookup_ports *l = &w->lookup;
    l->rst = blk_rst;
    l->cfg_policy = rg->cfg_policy;
    l->s_desc_tvalid = po->m_desc_tvalid;
    l->s_desc_verdict = po->m_desc.verdict;
    l->s_desc_reason = po->m_desc.reason;
    l->s_desc_l2tp_flags = po->m_desc.l2tp_flags;
    l->s_desc_tunnel_id = po->m_desc.tunnel_id;
    l->s_desc_session_id = po->m_desc.session_id;
    l->s_desc_ns = po->m_desc.ns;
    l->s_desc_payload_off = po->m_desc.payload_off;
    l->s_desc_payload_len = po->m_desc.payload_len;
    memcpy(l->a_entry, w->table.a_entry, sizeof l->a_entry);
    l->chan_bound = w->table.chan_bound;
    memcpy(l->chan_sess, w->table.chan_sess, n_ch * sizeof l->chan_sess[0]);
    l->commit_valid = rg->commit_valid;
    l->commit_index = rg->commit_index;
    l->commit_seq = rg->commit_seq;
    l->commit_zero_counters = rg->commit_zero_counters;
    l->clear_valid = rg->clear_valid;
    l->clear_index = rg->clear_index;
    l->rd_index = rg->sess_rd_index;
    l->m_desc_tready = w->disp_out.s_desc_tready;
    session_lookup_eval_ports(&m->lookup, l, &m->lookup_next);

    /* net_rx_parser */
    struct net_rx_parser_in *pi = &w->parser_in;
    pi->rst = blk_rst;
    pi->cfg.l2tp_port = (uint16_t)rg->cfg_l2tp_port;
    pi->cfg.local_ip = (uint32_t)rg->cfg_local_ip;
    pi->cfg.local_ip_en = (rg->cfg_policy & POLICY_MATCH_LOCAL_IP) != 0;
    memcpy(pi->s_net_tdata, in->s_net_tdata, dw);
    pi->s_net_tkeep = in->s_net_tkeep;
    pi->s_net_tvalid = in->s_net_tvalid && enable;
    pi->s_net_tlast = in->s_net_tlast;
    pi->m_net_tready = w->disp_out.s_net_tready;
    pi->m_desc_tready = l->s_desc_tready;
    net_rx_parser_eval(&m->parser, pi, &w->parser_out);

    /* session_table */
    struct session_table_ports *t = &w->table;
    t->rst = blk_rst;
    t->commit_valid = rg->commit_valid;
    t->commit_index = rg->commit_index;
    memcpy(t->commit_entry, rg->commit_entry, sizeof t->commit_entry);
    t->clear_valid = rg->clear_valid;
    t->clear_index = rg->clear_index;
    t->a_req_valid = l->a_req_valid;
    t->a_req_index = l->a_req_index;
    t->b_req_valid = w->encap_out.sess_req_valid;
    t->b_req_index = w->encap_out.sess_req_index;
    t->rd_index = rg->sess_rd_index;
    t->unbound_mru = rg->cfg_unbound_mru;
    t->unbound_accm = rg->cfg_unbound_accm;
    session_table_eval_ports(&m->table, t, &m->table_next);

    /* card_regs (on the hard reset only) */
    struct card_regs_io *r = &w->regs;
    r->rst = in->rst;
    r->reg_wr_en = in->reg_wr_en;
    r->reg_rd_en = in->reg_rd_en;
    r->reg_addr = in->reg_addr;
    r->reg_wdata = in->reg_wdata;
    r->dma_error = in->dma_error;
    memcpy(r->tbl_rd_entry, t->rd_entry, sizeof r->tbl_rd_entry);
    r->rx_rd_nr = l->rd_nr;
    r->rx_rd_packets = l->rd_packets;
    r->rx_rd_bytes = l->rd_bytes;
    r->rx_rd_drops = l->rd_drops;
    r->rx_rd_out_of_order = l->rd_out_of_order;
    r->tx_rd_ns = w->encap_out.rd_ns;
    r->tx_rd_packets = w->encap_out.rd_tx_packets;
    r->tx_rd_bytes = w->encap_out.rd_tx_bytes;
    count_events(w, in, m->p.n_ch, r->cnt_inc);
    card_regs_eval(&m->regs, r, &m->regs_next);
}

void l2tp_card_core_eval_shell_counters(struct l2tp_card_core *m, const struct l2tp_card_core_in *in)
{
    struct card_regs_io *r = &m->w.regs;
    count_events(&m->w, in, m->p.n_ch, r->cnt_inc);
    card_regs_eval(&m->regs, r, &m->regs_next);
}

void l2tp_card_core_eval(struct l2tp_card_core *m, const struct l2tp_card_core_in *in,
                         struct l2tp_card_core_out *out)
{
    registered_outputs(m);
    eval_blocks(m, in);

    const struct l2tp_card_core_wires *w = &m->w;
    const unsigned dw = m->p.data_w, n_ch = m->p.n_ch;
    const bool enable = w->regs.dp_enable != 0;
    const uint8_t kind = in->s_inject_tuser_kind;
    memset(out, 0, sizeof *out);
    out->s_net_tready = w->parser_out.s_net_tready && enable;
    /* m_net frame-atomic across CTRL.RESET (hw/l2tp_card_core.sv): the
     * closing beat of a frame the reset cut, one octet 00 with tlast */
    if (m->net_close) {
        out->m_net_tkeep = 1;
        out->m_net_tvalid = true;
        out->m_net_tlast = true;
    } else {
        memcpy(out->m_net_tdata, w->net_tx_out.m.data, dw);
        out->m_net_tkeep = w->net_tx_out.m.keep;
        out->m_net_tvalid = w->net_tx_out.m_tvalid;
        out->m_net_tlast = w->net_tx_out.m.last;
    }
    m->net_open_next = m->net_open;
    m->net_close_next = m->net_close;
    if (out->m_net_tvalid && in->m_net_tready) {
        m->net_open_next = !out->m_net_tlast;
        m->net_close_next = false;
    }
    if (w->regs.dp_soft_rst && m->net_open_next)
        m->net_close_next = true;
    if (in->rst) {
        m->net_open_next = false;
        m->net_close_next = false;
    }
    for (unsigned c = 0; c < n_ch; c++) {
        out->s_acc_tready[c] = enable ? w->deframer[c].s_tready != 0 : true;
        out->m_acc_tdata[c] = (uint8_t)w->framer[c].m_tdata;
        out->m_acc_tvalid[c] = w->framer[c].m_tvalid;
    }
    memcpy(out->m_punt_tdata, w->punt_out.m.data, dw);
    out->m_punt_tkeep = w->punt_out.m.keep;
    out->m_punt_tvalid = w->punt_out.m_tvalid;
    out->m_punt_tlast = w->punt_out.m.last;
    uint64_t pu = w->punt_out.m.user;
    out->m_punt_tuser_reason = (uint8_t)pu;
    out->m_punt_tuser_session = (uint16_t)(pu >> 8);
    out->m_punt_tuser_channel = (uint8_t)(pu >> 24);
    out->m_punt_tuser_kind = (uint8_t)((pu >> 32) & 3u);
    out->s_inject_tready = kind == CORE_INJECT_NET ? w->net_tx_out.s_tready[1]
                           : kind == CORE_INJECT_CHANNEL_PPP ? w->disp_out.s_inject_ppp_tready
                           : kind == CORE_INJECT_SESSION_PPP ? w->arb_out.inj_tready
                           : true;
    out->reg_rdata = (uint32_t)w->regs.reg_rdata;
    out->reg_rd_valid = w->regs.reg_rd_valid;
}

void l2tp_card_core_tick(struct l2tp_card_core *m)
{
    const unsigned n_ch = m->p.n_ch;
    card_regs_tick(&m->regs, &m->regs_next);
    session_table_tick(&m->table, &m->table_next);
    session_lookup_tick(&m->lookup, &m->lookup_next);
    net_rx_parser_tick(&m->parser);
    net_rx_dispatch_tick(&m->dispatch);
    /* an idle block's next state is its state (*_eval_idle) */
    for (unsigned c = 0; c < n_ch; c++) {
        if (!m->idle_framer[c])
            hdlc_framer_tick(&m->framer[c], &m->framer_next[c]);
        if (!m->idle_deframer[c])
            hdlc_deframer_tick(&m->deframer[c], &m->deframer_next[c]);
        if (!m->idle_buf[c])
            access_rx_buffer_tick(&m->buf[c]);
    }
    access_rx_arbiter_tick(&m->arb);
    encap_builder_tick(&m->encap);
    stream_frame_arbiter_tick(&m->net_tx);
    stream_frame_arbiter_tick(&m->punt);
    m->net_open = m->net_open_next;
    m->net_close = m->net_close_next;
}
