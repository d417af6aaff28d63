/* Model of hw/net_rx_dispatch.sv; the sections follow the RTL's always_comb. */
#include "net_rx_dispatch.h"

#include <stdlib.h>
#include <string.h>

proto_status net_rx_dispatch_init(struct net_rx_dispatch *d, unsigned data_w, unsigned n_ch,
                                  unsigned frame_depth_log2, unsigned ch_depth_log2,
                                  struct proto_error *err)
{
    memset(d, 0, sizeof *d);
    if (data_w < 2 || data_w > NET_RX_DISPATCH_DATA_W_MAX || (data_w & (data_w - 1)) != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "%u is not a power of two in 2..%d",
                          data_w, NET_RX_DISPATCH_DATA_W_MAX);
    if (n_ch < 1 || n_ch > NET_RX_DISPATCH_N_CH_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "N_CH", "%u is outside 1..%d", n_ch,
                          NET_RX_DISPATCH_N_CH_MAX);
    proto_status st = net_rx_frame_fifo_init(&d->frame_fifo, data_w, frame_depth_log2, err);
    if (st != PROTO_OK)
        return st;
    d->ch = calloc(n_ch, sizeof *d->ch);
    if (!d->ch) {
        net_rx_frame_fifo_free(&d->frame_fifo);
        return proto_fail(err, PROTO_ENOSPC, 0, "N_CH", "no memory for %u channels", n_ch);
    }
    d->n_ch = n_ch;
    for (unsigned c = 0; c < n_ch; c++) {
        st = net_rx_chan_fifo_init(&d->ch[c], data_w, ch_depth_log2, err);
        if (st != PROTO_OK) {
            net_rx_dispatch_free(d);
            return st;
        }
    }
    d->data_w = data_w;
    d->lane_w = 0;
    while ((1u << d->lane_w) < data_w)
        d->lane_w++;
    return PROTO_OK;
}

void net_rx_dispatch_free(struct net_rx_dispatch *d)
{
    net_rx_frame_fifo_free(&d->frame_fifo);
    if (d->ch)
        for (unsigned c = 0; c < d->n_ch; c++)
            net_rx_chan_fifo_free(&d->ch[c]);
    free(d->ch);
    d->ch = NULL;
}

/* free_of(): free entries of channel ch, 0 for a channel that does not exist */
static uint32_t free_of(const struct net_rx_chan_fifo_out *co, unsigned n_ch, unsigned ch)
{
    return ch < n_ch ? co[ch].free_cnt : 0;
}

/* lanes(): octets lo..hi of a beat moved down to lane 0, the rest zero */
static void lanes(const uint8_t *beat, unsigned w, unsigned lo, unsigned hi, uint8_t *out)
{
    unsigned span = (hi - lo) & (w - 1);
    for (unsigned i = 0; i < w; i++)
        out[i] = (i + lo < w && i <= span) ? beat[i + lo] : 0;
}

static uint64_t low_mask(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

void net_rx_dispatch_eval(struct net_rx_dispatch *d, const struct net_rx_dispatch_in *in,
                          struct net_rx_dispatch_out *out)
{
    const struct net_rx_dispatch_regs *r = &d->reg;
    struct net_rx_dispatch_regs *n = &d->next;
    const unsigned w = d->data_w, lw = d->lane_w, nch = d->n_ch;
    const uint32_t beat_mask = (uint32_t)low_mask(17 - lw);
    const unsigned lane_mask = w - 1, cnt_mask = (unsigned)low_mask(lw + 1);
    const struct net_rx_dispatch_desc *sd = &in->s_desc;
    *n = *r;
    /* every output is written below but the counter pulses and the punt
     * data above DATA_W, which start at 0; the per-channel outputs exist
     * for the nch channels only (no memset of all 256: it cost more than
     * the block) */
    memset(out->m_punt_tdata + w, 0, sizeof out->m_punt_tdata - w);
    out->cnt_drop = out->cnt_frame_fifo_full = out->cnt_chan_fifo_full = false;
    out->cnt_bad_channel = out->cnt_punt_frame = out->cnt_host_ppp = out->cnt_chan_ppp = false;
    out->cnt_inject_frame = out->cnt_inject_bad = false;

    /* ---- children's outputs (registers only) */
    struct net_rx_frame_fifo_out fo;
    net_rx_frame_fifo_out(&d->frame_fifo, &fo);
    /* only channels below nch are read: free_of() answers 0 for the rest */
    struct net_rx_chan_fifo_out co[NET_RX_DISPATCH_N_CH_MAX];
    for (unsigned c = 0; c < nch; c++)
        net_rx_chan_fifo_out(&d->ch[c], &co[c]);
    const struct net_rx_frame_fifo_entry *f = fo.m;

    out->cnt_drop_reason = sd->reason;

    /* ---- decision for a frame that would start now */
    uint32_t d_end = ((uint32_t)sd->payload_off + sd->payload_len - 1) & 0x1FFFFu;
    uint32_t d_first = (uint32_t)(sd->payload_off >> lw) & beat_mask;
    uint32_t d_last = (d_end >> lw) & beat_mask;
    uint32_t d_n = (d_last - d_first + 1) & beat_mask;
    bool d_empty = sd->payload_len == 0;
    bool d_bad_ch = sd->channel >= nch;
    bool d_full = (r->inj_active && r->inj_chan == sd->channel) ||
                  d_n > free_of(co, nch, sd->channel);
    uint8_t d_mode;
    if (f->drop || sd->action == NET_RX_DISPATCH_DROP)
        d_mode = NET_RX_DISPATCH_MODE_DISCARD;
    else if (sd->action == NET_RX_DISPATCH_PUNT_FRAME)
        d_mode = NET_RX_DISPATCH_MODE_PUNT;
    else if (d_empty)
        d_mode = NET_RX_DISPATCH_MODE_DISCARD;
    else if (sd->action == NET_RX_DISPATCH_HOST_PPP)
        d_mode = NET_RX_DISPATCH_MODE_HOST;
    else if (d_bad_ch || d_full)
        d_mode = NET_RX_DISPATCH_MODE_DISCARD;
    else
        d_mode = NET_RX_DISPATCH_MODE_CHAN;

    uint8_t e_mode = r->cur_active ? r->cur_mode : d_mode;
    uint32_t e_first = r->cur_active ? r->cur_first : d_first;
    uint32_t e_last = r->cur_active ? r->cur_last : d_last;
    unsigned e_lo = r->cur_active ? r->cur_lo : (sd->payload_off & lane_mask);
    unsigned e_hi = r->cur_active ? r->cur_hi : (d_end & lane_mask);
    uint8_t e_channel = r->cur_active ? r->cur_channel : sd->channel;
    uint32_t idx = r->cur_active ? r->beat_idx : 0;

    /* ---- the head beat */
    bool have_beat = fo.m_tvalid && (r->cur_active || in->s_desc_tvalid);
    bool in_pl = idx >= e_first && idx <= e_last;
    bool pl_end = idx == e_last || f->last;
    unsigned b_lo = idx == e_first ? e_lo : 0;
    unsigned b_hi = idx == e_last ? e_hi : lane_mask;
    bool punt_can = !r->m_punt_tvalid || in->m_punt_tready;
    bool beat_can;
    switch (e_mode) {
    case NET_RX_DISPATCH_MODE_PUNT:
        beat_can = punt_can && !r->flush;
        break;
    case NET_RX_DISPATCH_MODE_HOST:
        beat_can = !in_pl || (punt_can && !r->flush);
        break;
    default:
        beat_can = true;
    }
    bool pop = have_beat && beat_can;
    bool start = pop && !r->cur_active;
    bool f_tready = pop;
    out->s_desc_tready = fo.m_tvalid && !r->cur_active && beat_can;

    if (pop) {
        n->cur_active = !f->last;
        n->beat_idx = f->last ? 0 : (idx + 1) & beat_mask;
    }
    if (start) {
        n->cur_mode = d_mode;
        n->cur_reason = sd->reason;
        n->cur_session = sd->session;
        n->cur_channel = sd->channel;
        n->cur_fcs32 = sd->fcs32;
        n->cur_accm = sd->accm;
        n->cur_first = d_first;
        n->cur_last = d_last;
        n->cur_lo = (uint8_t)(sd->payload_off & lane_mask);
        n->cur_hi = (uint8_t)(d_end & lane_mask);
        if (!f->drop) {
            switch (sd->action) {
            case NET_RX_DISPATCH_DROP:
                out->cnt_drop = true;
                break;
            case NET_RX_DISPATCH_PUNT_FRAME:
                out->cnt_punt_frame = true;
                break;
            case NET_RX_DISPATCH_HOST_PPP:
                out->cnt_drop = d_empty;
                out->cnt_host_ppp = !d_empty;
                break;
            default:
                out->cnt_drop = d_empty;
                out->cnt_bad_channel = !d_empty && d_bad_ch;
                out->cnt_chan_fifo_full = !d_empty && !d_bad_ch && d_full;
                out->cnt_chan_ppp = d_mode == NET_RX_DISPATCH_MODE_CHAN;
            }
        }
    }

    /* ---- channel writes from NET */
    struct net_rx_chan_fifo_in ci[NET_RX_DISPATCH_N_CH_MAX];
    struct net_rx_chan_fifo_entry net_wr = {0};
    memcpy(net_wr.data, f->data, w);
    net_wr.lo = (uint8_t)b_lo;
    net_wr.hi = (uint8_t)b_hi;
    net_wr.last = pl_end;
    net_wr.first = idx == e_first;
    net_wr.acf = true;
    net_wr.fcs32 = r->cur_active ? r->cur_fcs32 : sd->fcs32;
    net_wr.accm = r->cur_active ? r->cur_accm : sd->accm;
    for (unsigned c = 0; c < nch; c++) {
        ci[c].rst = in->rst;
        ci[c].wr_en = pop && e_mode == NET_RX_DISPATCH_MODE_CHAN && in_pl && e_channel == c;
        ci[c].wr = net_wr;
        ci[c].m_tready = in->m_ch_tready[c];
    }

    /* ---- the punt output register */
    n->m_punt_tvalid = r->m_punt_tvalid && !in->m_punt_tready;
    if (r->flush && punt_can) {
        memcpy(n->m_punt_tdata, r->pend_data, w);
        n->m_punt_tkeep = low_mask(r->pend_cnt);
        n->m_punt_tlast = true;
        n->m_punt_tvalid = true;
        memset(n->pend_data, 0, sizeof n->pend_data);
        n->pend_cnt = 0;
        n->flush = false;
    }
    unsigned nn = (b_hi - b_lo + 1) & cnt_mask;
    unsigned tot = (r->pend_cnt + nn) & cnt_mask;
    uint8_t comb[2 * NET_RX_DISPATCH_DATA_W_MAX] = {0};
    uint8_t pl[NET_RX_DISPATCH_DATA_W_MAX];
    lanes(f->data, w, b_lo, b_hi, pl);
    memcpy(comb, r->pend_data, w);
    for (unsigned i = 0; i < w; i++)
        comb[r->pend_cnt + i] |= pl[i];
    if (pop && e_mode == NET_RX_DISPATCH_MODE_PUNT) {
        memcpy(n->m_punt_tdata, f->data, w);
        n->m_punt_tkeep = f->keep;
        n->m_punt_tlast = f->last;
        n->m_punt_tvalid = true;
        n->m_punt_kind = NET_RX_DISPATCH_KIND_NET;
    }
    if (pop && e_mode == NET_RX_DISPATCH_MODE_HOST && in_pl) {
        n->m_punt_kind = NET_RX_DISPATCH_KIND_PPP;
        if (tot >= w) {
            memcpy(n->m_punt_tdata, comb, w);
            n->m_punt_tkeep = low_mask(w);
            n->m_punt_tlast = pl_end && tot == w;
            n->m_punt_tvalid = true;
            memcpy(n->pend_data, comb + w, w);
            n->pend_cnt = (uint8_t)((tot - w) & lane_mask);
            n->flush = pl_end && tot != w;
        } else if (pl_end) {
            memcpy(n->m_punt_tdata, comb, w);
            n->m_punt_tkeep = low_mask(tot);
            n->m_punt_tlast = true;
            n->m_punt_tvalid = true;
            memset(n->pend_data, 0, sizeof n->pend_data);
            n->pend_cnt = 0;
        } else {
            memcpy(n->pend_data, comb, w);
            n->pend_cnt = (uint8_t)(tot & lane_mask);
        }
    }
    if (pop && (e_mode == NET_RX_DISPATCH_MODE_PUNT ||
                (e_mode == NET_RX_DISPATCH_MODE_HOST && in_pl))) {
        n->m_punt_reason = r->cur_active ? r->cur_reason : sd->reason;
        n->m_punt_session = r->cur_active ? r->cur_session : sd->session;
        n->m_punt_channel = e_channel;
    }

    /* ---- host-injected frames */
    uint8_t inj_ch = r->inj_active ? r->inj_chan : in->s_inject_ppp_tuser_channel;
    bool inj_bad = inj_ch >= nch;
    bool net_busy = (r->cur_active && r->cur_mode == NET_RX_DISPATCH_MODE_CHAN &&
                     r->cur_channel == inj_ch) ||
                    (start && d_mode == NET_RX_DISPATCH_MODE_CHAN && sd->channel == inj_ch);
    out->s_inject_ppp_tready = inj_bad || (free_of(co, nch, inj_ch) != 0 && !net_busy);
    bool inj_fire = in->s_inject_ppp_tvalid && out->s_inject_ppp_tready;
    unsigned inj_cnt = 0;
    for (unsigned i = 0; i < w; i++)
        inj_cnt += (unsigned)(in->s_inject_ppp_tkeep >> i & 1);
    if (inj_fire) {
        n->inj_active = !in->s_inject_ppp_tlast;
        n->inj_chan = inj_ch;
        out->cnt_inject_frame = !r->inj_active && !inj_bad;
        out->cnt_inject_bad = !r->inj_active && inj_bad;
        if (!inj_bad) {
            struct net_rx_chan_fifo_entry *e = &ci[inj_ch].wr;
            memset(e, 0, sizeof *e);
            memcpy(e->data, in->s_inject_ppp_tdata, w);
            e->lo = 0;
            e->hi = (uint8_t)(inj_cnt == 0 ? 0 : (inj_cnt - 1) & lane_mask);
            e->last = in->s_inject_ppp_tlast;
            e->first = !r->inj_active;
            e->acf = false;
            e->fcs32 = in->s_inject_ppp_tuser_fcs32;
            e->accm = in->s_inject_ppp_tuser_accm;
            ci[inj_ch].wr_en = true;
        }
    }

    /* ---- children's always_comb */
    struct net_rx_frame_fifo_in fi = {
        .rst = in->rst,
        .s_tdata = in->s_net_tdata,
        .s_tkeep = in->s_net_tkeep,
        .s_tvalid = in->s_net_tvalid,
        .s_tlast = in->s_net_tlast,
        .m_tready = f_tready,
    };
    out->cnt_frame_fifo_full = net_rx_frame_fifo_eval(&d->frame_fifo, &fi);
    for (unsigned c = 0; c < nch; c++)
        net_rx_chan_fifo_eval(&d->ch[c], &ci[c]);

    if (in->rst)
        memset(n, 0, sizeof *n);

    /* ---- outputs (registers) */
    out->s_net_tready = fo.s_tready;
    net_rx_dispatch_outputs(d, out);
}

void net_rx_dispatch_outputs(const struct net_rx_dispatch *d, struct net_rx_dispatch_out *out)
{
    const struct net_rx_dispatch_regs *r = &d->reg;
    const unsigned w = d->data_w, nch = d->n_ch;
    memcpy(out->m_punt_tdata, r->m_punt_tdata, w);
    out->m_punt_tkeep = r->m_punt_tkeep;
    out->m_punt_tvalid = r->m_punt_tvalid;
    out->m_punt_tlast = r->m_punt_tlast;
    out->m_punt_tuser_reason = r->m_punt_reason;
    out->m_punt_tuser_session = r->m_punt_session;
    out->m_punt_tuser_channel = r->m_punt_channel;
    out->m_punt_tuser_kind = r->m_punt_kind;
    for (unsigned c = 0; c < nch; c++) {
        const struct net_rx_chan_fifo_regs *cr = &d->ch[c].reg;
        out->m_ch_tdata[c] = cr->m_tdata;
        out->m_ch_tvalid[c] = cr->m_tvalid;
        out->m_ch_tlast[c] = cr->m_tlast;
        out->m_ch_fcs32[c] = cr->m_fcs32;
        out->m_ch_accm[c] = cr->m_accm;
    }
}

void net_rx_dispatch_tick(struct net_rx_dispatch *d)
{
    net_rx_frame_fifo_tick(&d->frame_fifo);
    for (unsigned c = 0; c < d->n_ch; c++)
        net_rx_chan_fifo_tick(&d->ch[c]);
    d->reg = d->next;
}
