/* Model of hw/net_rx_parser.sv; the sections follow the RTL's always_comb. */
#include "net_rx_parser.h"

#include <string.h>

static void reset_regs(struct net_rx_parser_regs *r)
{
    /* The RTL does not reset hdr_reg (beat_valid_reg hides it); zero is as
     * good as any value here, because nothing reads it while hidden. */
    memset(r, 0, sizeof *r);
}

proto_status net_rx_parser_init(struct net_rx_parser *p, unsigned data_w,
                                struct proto_error *err)
{
    memset(p, 0, sizeof *p);
    if (data_w < 1 || data_w > NET_RX_DATA_W_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "%u is outside 1..%d", data_w,
                          NET_RX_DATA_W_MAX);
    p->data_w = data_w;
    p->hdr_beats = (NET_RX_HDR_NEEDED + data_w - 1) / data_w;
    p->hdr_bytes = p->hdr_beats * data_w;
    reset_regs(&p->reg);
    p->next = p->reg;
    return PROTO_OK;
}

void net_rx_parser_eval(struct net_rx_parser *p, const struct net_rx_parser_in *in,
                        struct net_rx_parser_out *out)
{
    const struct net_rx_parser_regs *r = &p->reg;
    struct net_rx_parser_regs *n = &p->next;
    const unsigned w = p->data_w;
    *n = *r;

    bool desc_fire = r->ext_valid && (!r->desc_valid || in->m_desc_tready);
    bool ext_fire = r->done && (!r->ext_valid || desc_fire);
    out->s_net_tready = (!r->m_net_tvalid || in->m_net_tready) &&
                        !(r->done && r->ext_valid && r->desc_valid);
    bool accept = in->s_net_tvalid && out->s_net_tready;

    /* pass-through register */
    n->m_net_tvalid = r->m_net_tvalid && !in->m_net_tready;
    if (accept) {
        memcpy(n->m_net_tdata, in->s_net_tdata, w);
        /* tkeep is DATA_W bits wide in the RTL: higher bits do not exist */
        n->m_net_tkeep = w == 64 ? in->s_net_tkeep : in->s_net_tkeep & ((UINT64_C(1) << w) - 1);
        n->m_net_tlast = in->s_net_tlast;
        n->m_net_tvalid = true;
    }

    /* header capture and frame length */
    unsigned keep_cnt = 0;
    for (unsigned i = 0; i < w; i++)
        keep_cnt += in->s_net_tkeep >> i & 1;
    uint32_t len_sum = r->len + keep_cnt;
    uint16_t len_sat = len_sum > 0xFFFFu ? 0xFFFFu : (uint16_t)len_sum;
    n->done = r->done && !ext_fire;
    if (accept) {
        if (r->beat_cnt == 0)
            memset(n->beat_valid, 0, sizeof n->beat_valid); /* a new frame */
        if (r->beat_cnt < p->hdr_beats) {
            n->beat_valid[r->beat_cnt] = true;
            for (unsigned i = 0; i < w; i++)
                n->hdr[r->beat_cnt * w + i] = (in->s_net_tkeep >> i & 1) ? in->s_net_tdata[i] : 0;
        }
        if (in->s_net_tlast) {
            n->done = true;
            n->done_len = len_sat;
            n->len = 0;
            n->beat_cnt = 0;
        } else {
            n->len = len_sat;
            if (r->beat_cnt != p->hdr_beats)
                n->beat_cnt = r->beat_cnt + 1;
        }
    }

    /* extract stage: its inputs (the buffer with stale beats as zero) only
     * matter when it fires, so the model evaluates it only then; the RTL's
     * outputs do not depend on it otherwise. */
    n->ext_valid = r->ext_valid && !desc_fire;
    if (ext_fire) {
        uint8_t visible[NET_RX_HDR_BYTES_MAX];
        for (unsigned b = 0; b < p->hdr_beats; b++) {
            if (r->beat_valid[b])
                memcpy(visible + b * w, r->hdr + b * w, w);
            else
                memset(visible + b * w, 0, w);
        }
        net_rx_hdr_extract_eval(visible, &n->ext);
        n->ext_valid = true;
        n->ext_frame_len = r->done_len;
    }

    /* verdict stage and the descriptor registers */
    n->desc_valid = r->desc_valid && !in->m_desc_tready;
    if (desc_fire) {
        struct net_rx_desc *d = &n->desc;
        net_rx_hdr_verdict_eval(&r->ext, r->ext_frame_len, &in->cfg, d);
        d->vlan_present = r->ext.vlan_present;
        d->vlan_tci = r->ext.vlan_tci;
        d->src_mac = r->ext.src_mac;
        d->ip_src = r->ext.ip_src;
        d->ip_dst = r->ext.ip_dst;
        d->frame_len = r->ext_frame_len;
        n->desc_valid = true;
    }

    if (in->rst) {
        /* always_ff's reset branch, except hdr_reg, which keeps its next value */
        uint8_t hdr[NET_RX_HDR_BYTES_MAX];
        memcpy(hdr, n->hdr, sizeof hdr);
        reset_regs(n);
        memcpy(n->hdr, hdr, sizeof hdr);
    }

    net_rx_parser_outputs(p, out);
}

void net_rx_parser_outputs(const struct net_rx_parser *p, struct net_rx_parser_out *out)
{
    const struct net_rx_parser_regs *r = &p->reg;
    const unsigned w = p->data_w;
    memcpy(out->m_net_tdata, r->m_net_tdata, w);
    memset(out->m_net_tdata + w, 0, NET_RX_DATA_W_MAX - w);
    out->m_net_tkeep = r->m_net_tkeep;
    out->m_net_tvalid = r->m_net_tvalid;
    out->m_net_tlast = r->m_net_tlast;
    out->m_desc_tvalid = r->desc_valid;
    out->m_desc = r->desc;
}

void net_rx_parser_tick(struct net_rx_parser *p)
{
    p->reg = p->next;
}
