/* Cycle-accurate model of hw/net_rx_dispatch.sv: the frame FIFO, the
 * per-frame decision (drop, punt the NET frame, PPP frame to the host, PPP
 * frame to a channel), the realigner of PPP frames to the host, the
 * per-channel transmit FIFOs and the host-injected PPP frames.
 *
 * struct net_rx_dispatch_regs holds exactly the RTL's registers; the two
 * FIFO kinds are their own models (model/net_rx_frame_fifo.c,
 * model/net_rx_chan_fifo.c), evaluated in the RTL's order: their outputs
 * (registers only), this block's always_comb, their always_comb. */
#ifndef MODEL_NET_RX_DISPATCH_H
#define MODEL_NET_RX_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "net_rx_chan_fifo.h"
#include "net_rx_frame_fifo.h"
#include "proto_error.h"

#define NET_RX_DISPATCH_N_CH_MAX 256

/* s_desc_action: the same values as hw/l2tp_card_pkg.sv DISPATCH_ACTION_* */
enum net_rx_dispatch_action {
    NET_RX_DISPATCH_DROP = 0,
    NET_RX_DISPATCH_PUNT_FRAME = 1,
    NET_RX_DISPATCH_HOST_PPP = 2,
    NET_RX_DISPATCH_CHAN_PPP = 3,
};

/* m_punt_tuser_kind: DISPATCH_PUNT_KIND_* */
enum net_rx_dispatch_punt_kind {
    NET_RX_DISPATCH_KIND_NET = 0,
    NET_RX_DISPATCH_KIND_PPP = 1,
};

/* The RTL's MODE_* (what is done with the frame being read) */
enum net_rx_dispatch_mode {
    NET_RX_DISPATCH_MODE_DISCARD = 0,
    NET_RX_DISPATCH_MODE_PUNT = 1,
    NET_RX_DISPATCH_MODE_HOST = 2,
    NET_RX_DISPATCH_MODE_CHAN = 3,
};

struct net_rx_dispatch_desc {
    uint8_t action, reason;
    uint16_t session;
    uint8_t channel;
    bool fcs32;
    uint32_t accm;
    uint16_t payload_off, payload_len;
};

struct net_rx_dispatch_in {
    bool rst;
    uint8_t s_net_tdata[NET_RX_DISPATCH_DATA_W_MAX];
    uint64_t s_net_tkeep;
    bool s_net_tvalid, s_net_tlast;
    bool s_desc_tvalid;
    struct net_rx_dispatch_desc s_desc;
    uint8_t s_inject_ppp_tdata[NET_RX_DISPATCH_DATA_W_MAX];
    uint64_t s_inject_ppp_tkeep;
    bool s_inject_ppp_tvalid, s_inject_ppp_tlast;
    uint8_t s_inject_ppp_tuser_channel;
    bool s_inject_ppp_tuser_fcs32;
    uint32_t s_inject_ppp_tuser_accm;
    bool m_punt_tready;
    bool m_ch_tready[NET_RX_DISPATCH_N_CH_MAX];
};

struct net_rx_dispatch_out {
    bool s_net_tready, s_desc_tready, s_inject_ppp_tready;
    uint8_t m_punt_tdata[NET_RX_DISPATCH_DATA_W_MAX];
    uint64_t m_punt_tkeep;
    bool m_punt_tvalid, m_punt_tlast;
    uint8_t m_punt_tuser_reason;
    uint16_t m_punt_tuser_session;
    uint8_t m_punt_tuser_channel, m_punt_tuser_kind;
    uint8_t m_ch_tdata[NET_RX_DISPATCH_N_CH_MAX];
    bool m_ch_tvalid[NET_RX_DISPATCH_N_CH_MAX], m_ch_tlast[NET_RX_DISPATCH_N_CH_MAX];
    bool m_ch_fcs32[NET_RX_DISPATCH_N_CH_MAX];
    uint32_t m_ch_accm[NET_RX_DISPATCH_N_CH_MAX];
    bool cnt_drop;
    uint8_t cnt_drop_reason;
    bool cnt_frame_fifo_full, cnt_chan_fifo_full, cnt_bad_channel, cnt_punt_frame,
        cnt_host_ppp, cnt_chan_ppp, cnt_inject_frame, cnt_inject_bad;
};

struct net_rx_dispatch_regs {
    bool cur_active;
    uint8_t cur_mode, cur_reason;
    uint16_t cur_session;
    uint8_t cur_channel;
    bool cur_fcs32;
    uint32_t cur_accm;
    uint32_t cur_first, cur_last;           /* BEAT_W bits */
    uint8_t cur_lo, cur_hi;
    uint32_t beat_idx;
    uint8_t pend_data[NET_RX_DISPATCH_DATA_W_MAX];
    uint8_t pend_cnt;
    bool flush;
    uint8_t m_punt_tdata[NET_RX_DISPATCH_DATA_W_MAX];
    uint64_t m_punt_tkeep;
    bool m_punt_tvalid, m_punt_tlast;
    uint8_t m_punt_reason;
    uint16_t m_punt_session;
    uint8_t m_punt_channel, m_punt_kind;
    bool inj_active;
    uint8_t inj_chan;
};

struct net_rx_dispatch {
    unsigned data_w, n_ch, lane_w;
    struct net_rx_frame_fifo frame_fifo;
    struct net_rx_chan_fifo *ch;            /* n_ch of them */
    struct net_rx_dispatch_regs reg, next;
};

/* The RTL's parameters: DATA_W (a power of two in 2..32), N_CH (1..256),
 * FRAME_DEPTH_LOG2, CH_DEPTH_LOG2 (1..16). PROTO_EINVAL names the parameter
 * the RTL would refuse; PROTO_ENOSPC (no memory). Free with net_rx_dispatch_free. */
proto_status net_rx_dispatch_init(struct net_rx_dispatch *d, unsigned data_w, unsigned n_ch,
                                  unsigned frame_depth_log2, unsigned ch_depth_log2,
                                  struct proto_error *err);
void net_rx_dispatch_free(struct net_rx_dispatch *d);

/* always_comb of the block and its children: outputs in *out. */
void net_rx_dispatch_eval(struct net_rx_dispatch *d, const struct net_rx_dispatch_in *in,
                          struct net_rx_dispatch_out *out);
/* The outputs that come from registers alone (m_punt_*, m_ch_*): what eval
 * writes there, without the inputs (the ready outputs need them). */
void net_rx_dispatch_outputs(const struct net_rx_dispatch *d, struct net_rx_dispatch_out *out);
/* always_ff: the clock edge. */
void net_rx_dispatch_tick(struct net_rx_dispatch *d);

#endif
