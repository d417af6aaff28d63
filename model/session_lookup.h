/* Cycle-accurate model of hw/session_lookup.sv: resolution of NET receive
 * descriptors against the session table (port A), and the receive-side
 * per-session state (Nr, counters).
 *
 * Sizes are run-time parameters (struct session_lookup_params, checked by
 * session_lookup_init, up to SESSION_SESS_AW_MAX and SESSION_N_CH_MAX); the
 * ports are struct session_lookup_ports (the channel table per channel).
 * The block's lockstep test keeps its generated port struct (struct
 * session_lookup_io, tests/cosim/session_lookup_ports.def, at the RTL's
 * defaults SESS_AW 6, N_CH 4): session_lookup_eval converts, and a zeroed
 * state (parameters 0) stands for those defaults. */
#ifndef MODEL_SESSION_LOOKUP_H
#define MODEL_SESSION_LOOKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "session_entry.h"

#define COSIM_BLOCK session_lookup
#define COSIM_PORTS_DEF "session_lookup_ports.def"
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

#define SESSION_LOOKUP_FIFO_DEPTH 3

struct session_lookup_params {
    unsigned sess_aw;       /* SESS_AW, 1 .. SESSION_SESS_AW_MAX */
    unsigned n_ch;          /* N_CH, 1 .. SESSION_N_CH_MAX */
};

/* The ports at any size (names and meaning as the RTL's). */
struct session_lookup_ports {
    uint64_t rst, cfg_policy;
    uint64_t s_desc_tvalid, s_desc_verdict, s_desc_reason, s_desc_l2tp_flags, s_desc_tunnel_id,
        s_desc_session_id, s_desc_ns, s_desc_payload_off, s_desc_payload_len;
    uint32_t a_entry[SESS_ENTRY_WORDS];
    uint64_t chan_bound;                        /* bit c: channel c */
    uint16_t chan_sess[SESSION_N_CH_MAX];
    uint64_t commit_valid, commit_index, commit_seq, commit_zero_counters;
    uint64_t clear_valid, clear_index, rd_index, m_desc_tready;
    /* outputs */
    uint64_t s_desc_tready, a_req_valid, a_req_index;
    uint64_t rd_nr, rd_packets, rd_bytes, rd_drops, rd_out_of_order;
    uint64_t m_desc_tvalid, m_desc_action, m_desc_reason, m_desc_session, m_desc_channel,
        m_desc_fcs32, m_desc_accm, m_desc_payload_off, m_desc_payload_len;
    uint64_t cnt_rx_valid, cnt_rx_reason, cnt_sess_unknown, cnt_sess_wrong_tunnel,
        cnt_sess_out_of_order;
};

/* A write of one session's flags (fresh, zero, clr_nr): eval's, for tick. */
struct session_lookup_flag_wr {
    bool we;
    unsigned idx;
    bool fresh, zero, clr_nr;
};

/* One result FIFO entry (the RTL packs the same fields into RES_W bits). */
struct session_lookup_res {
    uint8_t action, reason, channel;
    uint16_t session;
    bool fcs32;
    uint32_t tx_accm;
    uint16_t payload_off, payload_len;
};

/* One session's receive state (a word of the RTL's st_mem). */
struct session_lookup_st {
    uint16_t nr;
    uint32_t packets;
    uint64_t bytes;
    uint32_t drops, ooo;
};

/* The RTL's registers, named as there without the _reg suffix, then its
 * per-session storage (2^SESS_AW each: the two RAMs and the fresh, zero and
 * clr_nr flops), which eval never copies. eval describes the RAM writes,
 * the flag writes (flag_wr, in order) and read addresses in the next state
 * (st_we ...); tick reads (read-first) and writes them as the RTL's
 * always_ff does (flags_set_all: the reset). */
struct session_lookup_state {
    struct session_lookup_params p;
    bool s1_valid;
    uint8_t s1_verdict, s1_reason;
    uint16_t s1_flags, s1_tunnel, s1_session, s1_ns, s1_off, s1_len;
    struct session_lookup_st st_p, st_r;    /* read port registers */
    uint16_t init_p, init_r;
    unsigned r_idx;
    bool wb_valid;
    unsigned wb_idx;
    struct session_lookup_st wb_data;
    bool iw_valid;
    unsigned iw_idx;
    uint16_t iw_data;
    struct session_lookup_res fifo[SESSION_LOOKUP_FIFO_DEPTH];
    uint8_t fifo_rd, fifo_wr, fifo_count;
    bool cnt_rx_valid;
    uint8_t cnt_rx_reason;
    bool cnt_unknown, cnt_wrong_tunnel, cnt_ooo;
    /* the always_comb's RAM signals (meaningful in the next state only) */
    bool st_we, init_we;
    unsigned st_waddr, init_waddr, p_addr, r_addr;
    struct session_lookup_st st_wdata;
    uint16_t init_wdata;
    struct session_lookup_flag_wr flag_wr[3];
    bool flags_set_all;
    /* ---- per-session storage (last: eval copies what comes before) */
    struct session_lookup_st st_mem[SESSION_DEPTH_MAX];
    uint16_t init_mem[SESSION_DEPTH_MAX];
    bool fresh[SESSION_DEPTH_MAX], zero[SESSION_DEPTH_MAX], clr_nr[SESSION_DEPTH_MAX];
};

/* False when SESS_AW or N_CH is outside the model's range (the RTL's
 * elaboration checks); every register and the storage zero. */
bool session_lookup_init(struct session_lookup_state *s,
                                 const struct session_lookup_params *p);
/* always_comb: outputs into io, next registers and storage writes into next
 * (next's storage is unused). */
void session_lookup_eval_ports(const struct session_lookup_state *s,
                               struct session_lookup_ports *io, struct session_lookup_state *next);
/* The block test's engine: eval on the generated port struct, at the
 * state's parameters (0: SESSION_SESS_AW, SESSION_N_CH). */
void session_lookup_eval(const struct session_lookup_state *s, struct session_lookup_io *io,
                         struct session_lookup_state *next);
/* The outputs that come from registers alone (s_desc_tready, m_desc_*,
 * rd_*, cnt_*): what eval writes there, without the inputs. */
void session_lookup_outputs(const struct session_lookup_state *s, struct session_lookup_ports *io);
/* always_ff: the rising clock edge. */
void session_lookup_tick(struct session_lookup_state *s, const struct session_lookup_state *next);

#ifdef __cplusplus
}
#endif

#endif
