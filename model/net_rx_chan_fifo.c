/* Model of hw/net_rx_chan_fifo.sv; the sections follow the RTL. */
#include "net_rx_chan_fifo.h"

#include <stdlib.h>
#include <string.h>

#include "ppp_const.h"

proto_status net_rx_chan_fifo_init(struct net_rx_chan_fifo *c, unsigned data_w,
                                   unsigned depth_log2, struct proto_error *err)
{
    memset(c, 0, sizeof *c);
    if (data_w < 2 || data_w > NET_RX_DISPATCH_DATA_W_MAX || (data_w & (data_w - 1)) != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "%u is not a power of two in 2..%d",
                          data_w, NET_RX_DISPATCH_DATA_W_MAX);
    if (depth_log2 < 1 || depth_log2 > 16)
        return proto_fail(err, PROTO_EINVAL, 0, "DEPTH_LOG2", "%u is outside 1..16", depth_log2);
    c->mem = calloc((size_t)1 << depth_log2, sizeof *c->mem);
    if (!c->mem)
        return proto_fail(err, PROTO_ENOSPC, 0, "mem", "no memory for %u entries",
                          1u << depth_log2);
    c->data_w = data_w;
    c->depth_log2 = depth_log2;
    return PROTO_OK;
}

void net_rx_chan_fifo_free(struct net_rx_chan_fifo *c)
{
    free(c->mem);
    c->mem = NULL;
}

void net_rx_chan_fifo_out(const struct net_rx_chan_fifo *c, struct net_rx_chan_fifo_out *out)
{
    const struct net_rx_chan_fifo_regs *r = &c->reg;
    const uint32_t mask = (2u << c->depth_log2) - 1;
    out->free_cnt = ((1u << c->depth_log2) - ((r->wptr - r->rptr) & mask)) & mask;
    out->m_tdata = r->m_tdata;
    out->m_tvalid = r->m_tvalid;
    out->m_tlast = r->m_tlast;
    out->m_fcs32 = r->m_fcs32;
    out->m_accm = r->m_accm;
}

void net_rx_chan_fifo_eval(struct net_rx_chan_fifo *c, const struct net_rx_chan_fifo_in *in)
{
    const struct net_rx_chan_fifo_regs *r = &c->reg;
    struct net_rx_chan_fifo_regs *n = &c->next;
    const uint32_t mask = (2u << c->depth_log2) - 1, amask = (1u << c->depth_log2) - 1;
    const uint8_t lane_mask = (uint8_t)(c->data_w - 1);
    *n = *r;

    c->we = in->wr_en;
    c->waddr = r->wptr & amask;
    c->wdata = in->wr;
    if (in->wr_en)
        n->wptr = (r->wptr + 1) & mask;

    const struct net_rx_chan_fifo_entry *h = &c->mem[r->rptr & amask];
    uint8_t lane = r->mid ? r->lane : h->lo;
    uint8_t octet = h->data[lane];
    /* RFC 1661 §6.6: restore FF 03 when the carried frame lacks them */
    bool need_acf = h->first && !r->mid && h->acf && h->data[h->lo] != PPP_ALLSTATIONS;

    bool can_load = !r->m_tvalid || in->m_tready;
    bool head_valid = r->rptr != r->wptr;
    if (can_load) {
        n->m_tvalid = head_valid;
        if (head_valid) {
            n->m_fcs32 = h->fcs32;
            n->m_accm = h->accm;
            if (need_acf && r->acf == 0) {
                n->m_tdata = PPP_ALLSTATIONS;
                n->m_tlast = false;
                n->acf = 1;
            } else if (need_acf && r->acf == 1) {
                n->m_tdata = PPP_UI;
                n->m_tlast = false;
                n->acf = 2;
            } else {
                n->m_tdata = octet;
                n->m_tlast = h->last && lane == h->hi;
                n->acf = 0;
                if (lane == h->hi) {
                    n->rptr = (r->rptr + 1) & mask;
                    n->mid = false;
                } else {
                    n->lane = (uint8_t)((lane + 1) & lane_mask);
                    n->mid = true;
                }
            }
        }
    }

    if (in->rst)
        memset(n, 0, sizeof *n);
}

void net_rx_chan_fifo_tick(struct net_rx_chan_fifo *c)
{
    if (c->we)
        c->mem[c->waddr] = c->wdata;
    c->reg = c->next;
}
