/* Cycle-accurate model of hw/net_rx_parser.sv: the NET receive parser.
 *
 * struct net_rx_parser_regs holds exactly the RTL's registers (*_reg);
 * net_rx_parser_eval() is the RTL's always_comb (outputs and every *_next
 * from the inputs and the registers), net_rx_parser_tick() its always_ff.
 * Driving the same inputs as the RTL each cycle gives the same outputs. */
#ifndef MODEL_NET_RX_PARSER_H
#define MODEL_NET_RX_PARSER_H

#include <stdbool.h>
#include <stdint.h>

#include "net_rx_desc.h"
#include "net_rx_hdr_extract.h"
#include "net_rx_hdr_verdict.h"
#include "proto_error.h"

#define NET_RX_DATA_W_MAX 64                               /* octets per beat */
#define NET_RX_HDR_BYTES_MAX (NET_RX_HDR_NEEDED + NET_RX_DATA_W_MAX - 1)

struct net_rx_parser_in {
    bool rst;                              /* synchronous, active high */
    struct net_rx_cfg cfg;
    uint8_t s_net_tdata[NET_RX_DATA_W_MAX]; /* octet i = tdata[8i+7:8i] */
    uint64_t s_net_tkeep;
    bool s_net_tvalid, s_net_tlast;
    bool m_net_tready;
    bool m_desc_tready;
};

struct net_rx_parser_out {
    bool s_net_tready;
    uint8_t m_net_tdata[NET_RX_DATA_W_MAX];
    uint64_t m_net_tkeep;
    bool m_net_tvalid, m_net_tlast;
    bool m_desc_tvalid;
    struct net_rx_desc m_desc;
};

struct net_rx_parser_regs {
    uint8_t m_net_tdata[NET_RX_DATA_W_MAX];
    uint64_t m_net_tkeep;
    bool m_net_tvalid, m_net_tlast;
    uint8_t hdr[NET_RX_HDR_BYTES_MAX];     /* captured header octets */
    bool beat_valid[NET_RX_HDR_NEEDED];    /* buffer beats written by this frame */
    unsigned beat_cnt;                     /* saturates at hdr_beats */
    uint16_t len;                          /* octets so far, saturating */
    bool done;                             /* a whole frame waits in the buffer */
    uint16_t done_len;
    bool ext_valid;                        /* the extract stage's registers */
    uint16_t ext_frame_len;
    struct net_rx_hdr_fields ext;
    bool desc_valid;
    struct net_rx_desc desc;
};

struct net_rx_parser {
    unsigned data_w;       /* the RTL's DATA_W */
    unsigned hdr_beats;    /* HDR_BEATS */
    unsigned hdr_bytes;    /* HDR_BYTES */
    struct net_rx_parser_regs reg, next;
};

/* Sets the parameters and the registers' reset values. Fails (PROTO_EINVAL,
 * field "DATA_W") for data_w outside 1..64, as the RTL fails to elaborate. */
proto_status net_rx_parser_init(struct net_rx_parser *p, unsigned data_w,
                                struct proto_error *err);

/* always_comb: outputs in *out, next register values in p->next. */
void net_rx_parser_eval(struct net_rx_parser *p, const struct net_rx_parser_in *in,
                        struct net_rx_parser_out *out);

/* always_ff: the clock edge. */
/* The outputs that come from registers alone (m_net_*, m_desc*): what eval
 * writes there, without the inputs (s_net_tready needs them). */
void net_rx_parser_outputs(const struct net_rx_parser *p, struct net_rx_parser_out *out);
void net_rx_parser_tick(struct net_rx_parser *p);

#endif
