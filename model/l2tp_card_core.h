/* Cycle-accurate model of hw/l2tp_card_core.sv: the card's datapath, its
 * blocks' models joined as the RTL joins the blocks.
 *
 * The wires between the blocks are computed once per cycle, in the order
 * the RTL's combinational logic implies: first every output that comes
 * from a block's registers alone (each block's *_outputs: valid, data,
 * metadata, table contents, configuration), then every block's always_comb
 * (*_eval) once, downstream first, so the ready signals, which run
 * backwards through the blocks' own combinational paths, are final before
 * the block upstream reads them. No settle loop, no comparison of wires.
 * The blocks' registers are their models' states; this file holds no
 * register of its own (the RTL top has none). l2tp_card_core_tick is every
 * block's always_ff.
 *
 * Sizes: the session models are built for SESS_AW 6 and N_CH 4
 * (model/session_entry.h), so the card model is too. */
#ifndef MODEL_L2TP_CARD_CORE_H
#define MODEL_L2TP_CARD_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "access_rx_arbiter.h"
#include "access_rx_buffer.h"
#include "card_regs.h"
#include "encap_builder.h"
#include "hdlc_deframer.h"
#include "hdlc_framer.h"
#include "net_rx_dispatch.h"
#include "net_rx_parser.h"
#include "proto_error.h"
#include "session_entry.h"
#include "session_lookup.h"
#include "session_table.h"
#include "stream_frame_arbiter.h"

/* N_CH and SESS_AW are run-time parameters (struct l2tp_card_core_params)
 * up to the RTL's limits; the arrays per channel hold CORE_N_CH_MAX. */
#define CORE_N_CH_MAX 63
#define CORE_SESS_AW_MIN 2
#define CORE_SESS_AW_MAX SESSION_SESS_AW_MAX
/* hw/l2tp_card_core.sv's defaults */
#define CORE_N_CH_DEFAULT 32
#define CORE_SESS_AW_DEFAULT 6
#define CORE_DATA_W_MAX 16
#define CORE_CNT_SLOTS 37
#define CORE_CNT_INC_W 8

struct l2tp_card_core_params {
    unsigned data_w;                /* DATA_W: 8 or 16 */
    unsigned n_ch;                  /* N_CH: 1 .. CORE_N_CH_MAX, a power of two (encap_builder) */
    unsigned sess_aw;               /* SESS_AW: CORE_SESS_AW_MIN .. CORE_SESS_AW_MAX */
    unsigned frame_depth_log2;      /* FRAME_DEPTH_LOG2 */
    unsigned ch_depth_log2;         /* CH_DEPTH_LOG2 */
    unsigned acc_depth_log2;        /* ACC_DEPTH_LOG2 */
    uint32_t build_id;              /* BUILD_ID */
};

/* The RTL's defaults (N_CH CORE_N_CH_DEFAULT, SESS_AW CORE_SESS_AW_DEFAULT). */
struct l2tp_card_core_params l2tp_card_core_default_params(unsigned data_w);

struct l2tp_card_core_in {
    bool rst;
    uint8_t s_net_tdata[CORE_DATA_W_MAX];   /* octet i = tdata[8i+7:8i] */
    uint32_t s_net_tkeep;
    bool s_net_tvalid, s_net_tlast;
    bool m_net_tready;
    uint8_t s_acc_tdata[CORE_N_CH_MAX];
    bool s_acc_tvalid[CORE_N_CH_MAX];
    bool m_acc_tready[CORE_N_CH_MAX];
    bool m_punt_tready;
    uint8_t s_inject_tdata[CORE_DATA_W_MAX];
    uint32_t s_inject_tkeep;
    bool s_inject_tvalid, s_inject_tlast;
    uint8_t s_inject_tuser_kind;
    uint16_t s_inject_tuser_target, s_inject_tuser_len;
    bool reg_wr_en, reg_rd_en;
    uint16_t reg_addr;
    uint32_t reg_wdata;
    bool dma_error;
    bool shell_cnt_punt_frames, shell_cnt_punt_ring_full, shell_cnt_punt_too_long,
        shell_cnt_inject_frames, shell_cnt_inject_bad_desc;
};

struct l2tp_card_core_out {
    bool s_net_tready;
    uint8_t m_net_tdata[CORE_DATA_W_MAX];
    uint32_t m_net_tkeep;
    bool m_net_tvalid, m_net_tlast;
    bool s_acc_tready[CORE_N_CH_MAX];
    uint8_t m_acc_tdata[CORE_N_CH_MAX];
    bool m_acc_tvalid[CORE_N_CH_MAX];
    uint8_t m_punt_tdata[CORE_DATA_W_MAX];
    uint32_t m_punt_tkeep;
    bool m_punt_tvalid, m_punt_tlast;
    uint8_t m_punt_tuser_reason, m_punt_tuser_channel, m_punt_tuser_kind;
    uint16_t m_punt_tuser_session;
    bool s_inject_tready;
    uint32_t reg_rdata;
    bool reg_rd_valid;
};

/* Every wire between the blocks: the inputs and outputs of each child. */
struct l2tp_card_core_wires {
    struct card_regs_io regs;
    struct session_table_ports table;
    struct session_lookup_ports lookup;
    struct net_rx_parser_in parser_in;
    struct net_rx_parser_out parser_out;
    struct net_rx_dispatch_in disp_in;
    struct net_rx_dispatch_out disp_out;
    struct hdlc_framer_io framer[CORE_N_CH_MAX];
    struct hdlc_deframer_io deframer[CORE_N_CH_MAX];
    struct access_rx_buffer_in buf_in[CORE_N_CH_MAX];
    struct access_rx_buffer_out buf_out[CORE_N_CH_MAX];
    struct access_rx_arbiter_in arb_in;
    struct access_rx_arbiter_out arb_out;
    struct encap_builder_in encap_in;
    struct encap_builder_out encap_out;
    struct stream_frame_arbiter_in net_tx_in, punt_in;
    struct stream_frame_arbiter_out net_tx_out, punt_out;
};

struct l2tp_card_core {
    struct l2tp_card_core_params p;
    struct card_regs_state regs, regs_next;
    struct session_table_state table, table_next;
    struct session_lookup_state lookup, lookup_next;
    struct net_rx_parser parser;
    struct net_rx_dispatch dispatch;
    struct hdlc_framer_state framer[CORE_N_CH_MAX], framer_next[CORE_N_CH_MAX];
    struct hdlc_deframer_state deframer[CORE_N_CH_MAX], deframer_next[CORE_N_CH_MAX];
    struct access_rx_buffer buf[CORE_N_CH_MAX];
    /* the channel blocks that were idle in the last eval (no eval, no tick:
     * an idle line costs a test, not a simulation) */
    bool idle_framer[CORE_N_CH_MAX], idle_deframer[CORE_N_CH_MAX], idle_buf[CORE_N_CH_MAX];
    struct access_rx_arbiter arb;
    struct encap_builder encap;
    struct stream_frame_arbiter net_tx, punt;
    /* the core's own registers (hw/l2tp_card_core.sv): a frame in progress
     * on m_net (a beat taken without tlast), and its closing beat owed
     * after CTRL.RESET cut it (regmap CTRL) */
    bool net_open, net_open_next, net_close, net_close_next;
    struct l2tp_card_core_wires w;
};

/* Parameters checked as the RTL's elaboration checks them (PROTO_EINVAL
 * names the parameter); every register zero, as Verilator's --x-initial
 * fast leaves the RTL before its first reset. Free with l2tp_card_core_free. */
proto_status l2tp_card_core_init(struct l2tp_card_core *m, const struct l2tp_card_core_params *p,
                                 struct proto_error *err);
void l2tp_card_core_free(struct l2tp_card_core *m);
/* always_comb of the whole card: outputs into out, every block's next state
 * into its model. */
void l2tp_card_core_eval(struct l2tp_card_core *m, const struct l2tp_card_core_in *in,
                         struct l2tp_card_core_out *out);
/* After l2tp_card_core_eval: card_regs' always_comb again with the shell's
 * counter pulses of in (shell_cnt_*), the only inputs that reach nothing
 * but the CNT block's next state. A parent whose shell computes them from
 * the core's outputs of this cycle (hw/l2tp_card.sv) evaluates the core
 * first with them 0, the shell, then this. */
void l2tp_card_core_eval_shell_counters(struct l2tp_card_core *m,
                                        const struct l2tp_card_core_in *in);
/* always_ff: the rising clock edge in every block. */
void l2tp_card_core_tick(struct l2tp_card_core *m);

#endif
