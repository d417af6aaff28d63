/* Model of hw/net_rx_frame_fifo.sv; the sections follow the RTL. */
#include "net_rx_frame_fifo.h"

#include <stdlib.h>
#include <string.h>

proto_status net_rx_frame_fifo_init(struct net_rx_frame_fifo *f, unsigned data_w,
                                    unsigned depth_log2, struct proto_error *err)
{
    memset(f, 0, sizeof *f);
    if (data_w < 1 || data_w > NET_RX_DISPATCH_DATA_W_MAX)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "%u is outside 1..%d", data_w,
                          NET_RX_DISPATCH_DATA_W_MAX);
    if (depth_log2 < 1 || depth_log2 > 16)
        return proto_fail(err, PROTO_EINVAL, 0, "DEPTH_LOG2", "%u is outside 1..16", depth_log2);
    f->mem = calloc((size_t)1 << depth_log2, sizeof *f->mem);
    if (!f->mem)
        return proto_fail(err, PROTO_ENOSPC, 0, "mem", "no memory for %u entries",
                          1u << depth_log2);
    f->data_w = data_w;
    f->depth_log2 = depth_log2;
    return PROTO_OK;
}

void net_rx_frame_fifo_free(struct net_rx_frame_fifo *f)
{
    free(f->mem);
    f->mem = NULL;
}

static uint32_t ptr_mask(const struct net_rx_frame_fifo *f)
{
    return (2u << f->depth_log2) - 1;
}

static bool is_full(const struct net_rx_frame_fifo *f)
{
    const struct net_rx_frame_fifo_regs *r = &f->reg;
    return ((r->wptr - r->rptr) & ptr_mask(f)) == 1u << f->depth_log2;
}

void net_rx_frame_fifo_out(const struct net_rx_frame_fifo *f, struct net_rx_frame_fifo_out *out)
{
    const struct net_rx_frame_fifo_regs *r = &f->reg;
    out->s_tready = !(is_full(f) && !r->in_frame && !r->dropping);
    out->m = &f->mem[r->rptr & ((1u << f->depth_log2) - 1)];
    out->m_tvalid = r->cptr != r->rptr;
}

bool net_rx_frame_fifo_eval(struct net_rx_frame_fifo *f, const struct net_rx_frame_fifo_in *in)
{
    const struct net_rx_frame_fifo_regs *r = &f->reg;
    struct net_rx_frame_fifo_regs *n = &f->next;
    const uint32_t mask = ptr_mask(f), amask = (1u << f->depth_log2) - 1;
    bool ev_overflow = false;
    *n = *r;
    f->we = false;
    f->waddr = r->wptr & amask;
    memset(&f->wdata, 0, sizeof f->wdata);
    memcpy(f->wdata.data, in->s_tdata, f->data_w);
    f->wdata.keep = in->s_tkeep & (f->data_w == 64 ? ~0ull : (1ull << f->data_w) - 1);
    f->wdata.last = in->s_tlast;

    bool full = is_full(f);
    bool s_tready = !(full && !r->in_frame && !r->dropping);
    if (in->s_tvalid && s_tready) {
        if (r->dropping) {
            n->dropping = !in->s_tlast;
        } else if (full) {
            /* mid-frame: take the frame back, commit a marker */
            f->we = true;
            f->waddr = r->cptr & amask;
            memset(&f->wdata, 0, sizeof f->wdata);
            f->wdata.last = true;
            f->wdata.drop = true;
            n->wptr = (r->cptr + 1) & mask;
            n->cptr = (r->cptr + 1) & mask;
            n->in_frame = false;
            n->dropping = !in->s_tlast;
            ev_overflow = true;
        } else {
            f->we = true;
            n->wptr = (r->wptr + 1) & mask;
            n->in_frame = !in->s_tlast;
            if (in->s_tlast)
                n->cptr = (r->wptr + 1) & mask;
        }
    }
    if (r->cptr != r->rptr && in->m_tready)
        n->rptr = (r->rptr + 1) & mask;

    if (in->rst)
        memset(n, 0, sizeof *n);
    return ev_overflow;
}

void net_rx_frame_fifo_tick(struct net_rx_frame_fifo *f)
{
    if (f->we)
        f->mem[f->waddr] = f->wdata;
    f->reg = f->next;
}
