/* Cycle-accurate model of hw/net_rx_chan_fifo.sv: one ACCESS channel's
 * transmit FIFO (NET beats with a lane range) and its octet reader, which
 * restores the HDLC Address and Control fields (FF 03) when a NET frame
 * lacks them.
 *
 * net_rx_chan_fifo_out() gives the outputs (registers only: free_cnt and
 * m_*), net_rx_chan_fifo_eval() is the always_comb, net_rx_chan_fifo_tick()
 * the always_ff blocks (registers and the RAM write). */
#ifndef MODEL_NET_RX_CHAN_FIFO_H
#define MODEL_NET_RX_CHAN_FIFO_H

#include <stdbool.h>
#include <stdint.h>

#include "net_rx_frame_fifo.h"   /* NET_RX_DISPATCH_DATA_W_MAX */
#include "proto_error.h"

struct net_rx_chan_fifo_entry {
    uint8_t data[NET_RX_DISPATCH_DATA_W_MAX];
    uint8_t lo, hi;                 /* lanes of the PPP frame */
    bool last, first, acf, fcs32;
    uint32_t accm;
};

struct net_rx_chan_fifo_regs {
    uint32_t wptr, rptr;            /* DEPTH_LOG2 + 1 bits */
    bool mid;
    uint8_t lane;
    uint8_t acf;                    /* 0: none out, 1: FF out, 2: FF 03 out */
    uint8_t m_tdata;
    bool m_tvalid, m_tlast, m_fcs32;
    uint32_t m_accm;
};

struct net_rx_chan_fifo_in {
    bool rst;
    bool wr_en;
    struct net_rx_chan_fifo_entry wr;   /* wr_data ... wr_accm */
    bool m_tready;
};

struct net_rx_chan_fifo_out {
    uint32_t free_cnt;
    uint8_t m_tdata;
    bool m_tvalid, m_tlast, m_fcs32;
    uint32_t m_accm;
};

struct net_rx_chan_fifo {
    unsigned data_w, depth_log2;
    struct net_rx_chan_fifo_entry *mem;
    struct net_rx_chan_fifo_regs reg, next;
    bool we;
    uint32_t waddr;
    struct net_rx_chan_fifo_entry wdata;
};

/* PROTO_EINVAL for parameters the RTL refuses (DATA_W not a power of two in
 * 2..32, DEPTH_LOG2 outside 1..16); PROTO_ENOSPC when out of memory. */
proto_status net_rx_chan_fifo_init(struct net_rx_chan_fifo *c, unsigned data_w,
                                   unsigned depth_log2, struct proto_error *err);
void net_rx_chan_fifo_free(struct net_rx_chan_fifo *c);

void net_rx_chan_fifo_out(const struct net_rx_chan_fifo *c, struct net_rx_chan_fifo_out *out);
void net_rx_chan_fifo_eval(struct net_rx_chan_fifo *c, const struct net_rx_chan_fifo_in *in);
void net_rx_chan_fifo_tick(struct net_rx_chan_fifo *c);

#endif
