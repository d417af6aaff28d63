/* Cycle-accurate model of hw/session_table.sv: the static session entries,
 * their read ports A, B and R, and the channel table derived from them.
 *
 * Sizes are run-time parameters (struct session_table_params: SESS_AW up to
 * SESSION_SESS_AW_MAX, N_CH up to SESSION_N_CH_MAX, checked by
 * session_table_init), the ports struct session_table_ports holds the
 * channel table per channel. The block's lockstep test keeps its generated
 * port struct (struct session_table_io, tests/cosim/session_table_ports.def,
 * at the RTL's default SESS_AW 6 and N_CH 4): session_table_eval converts,
 * and a zeroed state (parameters 0) stands for those defaults. */
#ifndef MODEL_SESSION_TABLE_H
#define MODEL_SESSION_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "session_entry.h"

#define COSIM_BLOCK session_table
#define COSIM_PORTS_DEF "session_table_ports.def"
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

struct session_table_params {
    unsigned sess_aw;       /* SESS_AW, 1 .. SESSION_SESS_AW_MAX */
    unsigned n_ch;          /* N_CH, 1 .. SESSION_N_CH_MAX */
};

/* The ports at any size: indices SESS_AW bits, the channel table per
 * channel (entries n_ch and up unused). */
struct session_table_ports {
    bool rst;
    bool commit_valid, clear_valid, a_req_valid, b_req_valid;
    unsigned commit_index, clear_index, a_req_index, b_req_index, rd_index;
    uint32_t commit_entry[SESS_ENTRY_WORDS];
    uint16_t unbound_mru;
    uint32_t unbound_accm;
    /* outputs */
    uint32_t a_entry[SESS_ENTRY_WORDS], b_entry[SESS_ENTRY_WORDS], rd_entry[SESS_ENTRY_WORDS];
    uint64_t chan_bound, chan_fcs32;        /* bit c: channel c */
    uint16_t chan_sess[SESSION_N_CH_MAX];
    uint32_t chan_rx_accm[SESSION_N_CH_MAX];
    uint16_t chan_mru[SESSION_N_CH_MAX];
    bool ev_chan_steal, ev_bad_channel;
};

/* The RTL's registers but the VALID bits, named as there without _reg. */
struct session_table_regs {
    uint32_t last_commit[SESS_ENTRY_WORDS];
    bool a_byp, a_clr, a_vld, b_byp, b_clr, b_vld, r_byp, r_clr, r_vld;
    bool chan_bound[SESSION_N_CH_MAX];
    uint16_t chan_sess[SESSION_N_CH_MAX];
    uint32_t chan_accm[SESSION_N_CH_MAX];
    uint16_t chan_mru[SESSION_N_CH_MAX];
    bool chan_fcs32[SESSION_N_CH_MAX];
    bool ev_chan_steal, ev_bad_channel;
};

/* Registers plus the per-session storage: the RAM `mem` and the VALID
 * flops (2^SESS_AW each), which eval never copies: it describes their
 * writes (mem_we ..., valid_we[2] ..., valid_clear_all for the reset) in
 * the next state and tick performs them, reads first (the RAM is
 * read-first), as the RTL's always_ff does. */
struct session_table_state {
    struct session_table_params p;
    struct session_table_regs r;
    uint32_t a_raw[SESS_ENTRY_WORDS], b_raw[SESS_ENTRY_WORDS], r_raw[SESS_ENTRY_WORDS];
    bool mem_we, a_re, b_re;
    unsigned mem_waddr, a_addr, b_addr, r_addr;
    uint32_t mem_wdata[SESS_ENTRY_WORDS];
    bool valid_we[2], valid_wdata[2], valid_clear_all;
    unsigned valid_waddr[2];
    bool valid[SESSION_DEPTH_MAX];
    uint32_t mem[SESSION_DEPTH_MAX][SESS_ENTRY_WORDS];
};

/* False when SESS_AW or N_CH is outside the model's range (the RTL's
 * elaboration checks); every register and the RAM zero. */
bool session_table_init(struct session_table_state *s, const struct session_table_params *p);
/* always_comb: outputs into io, next registers and the storage writes into
 * next (only its registers and write ports: next's storage is unused). */
void session_table_eval_ports(const struct session_table_state *s, struct session_table_ports *io,
                              struct session_table_state *next);
/* Every output (registers, and the channel table with unbound_mru and
 * unbound_accm, the only inputs they read): what eval writes into io. */
void session_table_outputs(const struct session_table_state *s, struct session_table_ports *io);
/* always_ff: the rising clock edge. */
void session_table_tick(struct session_table_state *s, const struct session_table_state *next);

/* The block test's engine: eval on the generated port struct, at the
 * state's parameters (0: SESSION_SESS_AW, SESSION_N_CH). */
void session_table_eval(const struct session_table_state *s, struct session_table_io *io,
                        struct session_table_state *next);

#ifdef __cplusplus
}
#endif

#endif
