/* Cycle-accurate model of hw/net_rx_frame_fifo.sv: net_rx_dispatch's frame
 * FIFO (whole frames visible only, a frame that does not fit replaced by a
 * one-beat drop marker).
 *
 * net_rx_frame_fifo_out() gives the outputs, which depend on registers only
 * (the RTL's assigns); net_rx_frame_fifo_eval() is the always_comb (next
 * registers, the RAM write, ev_overflow), net_rx_frame_fifo_tick() the
 * always_ff blocks. */
#ifndef MODEL_NET_RX_FRAME_FIFO_H
#define MODEL_NET_RX_FRAME_FIFO_H

#include <stdbool.h>
#include <stdint.h>

#include "proto_error.h"

#define NET_RX_DISPATCH_DATA_W_MAX 32

struct net_rx_frame_fifo_entry {
    uint8_t data[NET_RX_DISPATCH_DATA_W_MAX];
    uint64_t keep;
    bool last, drop;
};

struct net_rx_frame_fifo_regs {
    uint32_t wptr, cptr, rptr;      /* DEPTH_LOG2 + 1 bits */
    bool in_frame, dropping;
};

struct net_rx_frame_fifo_in {
    bool rst;
    const uint8_t *s_tdata;         /* data_w octets */
    uint64_t s_tkeep;
    bool s_tvalid, s_tlast;
    bool m_tready;
};

struct net_rx_frame_fifo_out {
    bool s_tready;
    const struct net_rx_frame_fifo_entry *m;  /* the head entry (m_tdata ... m_tdrop) */
    bool m_tvalid;
};

struct net_rx_frame_fifo {
    unsigned data_w, depth_log2;
    struct net_rx_frame_fifo_entry *mem;      /* the RAM, 2**depth_log2 entries */
    struct net_rx_frame_fifo_regs reg, next;
    bool we;                                  /* the RAM write of this cycle */
    uint32_t waddr;
    struct net_rx_frame_fifo_entry wdata;
};

/* Allocates the RAM (zeroed, as Verilator's --x-initial fast leaves it).
 * PROTO_EINVAL for parameters the RTL refuses; PROTO_ENOSPC when out of memory. */
proto_status net_rx_frame_fifo_init(struct net_rx_frame_fifo *f, unsigned data_w,
                                    unsigned depth_log2, struct proto_error *err);
void net_rx_frame_fifo_free(struct net_rx_frame_fifo *f);

void net_rx_frame_fifo_out(const struct net_rx_frame_fifo *f, struct net_rx_frame_fifo_out *out);
/* Returns ev_overflow. */
bool net_rx_frame_fifo_eval(struct net_rx_frame_fifo *f, const struct net_rx_frame_fifo_in *in);
void net_rx_frame_fifo_tick(struct net_rx_frame_fifo *f);

#endif
