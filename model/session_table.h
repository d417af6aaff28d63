/* Cycle-accurate model of hw/session_table.sv: the static session entries,
 * their read ports A, B and R, and the channel table derived from them. The
 * ports are struct session_table_io, generated from
 * tests/cosim/session_table_ports.def; sizes are model/session_entry.h's
 * (the RTL's default parameters). */
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

/* The RTL's registers, named as there without the _reg suffix. */
struct session_table_regs {
    bool valid[SESSION_DEPTH];
    uint32_t last_commit[SESS_ENTRY_WORDS];
    bool a_byp, a_clr, a_vld, b_byp, b_clr, b_vld, r_byp, r_clr, r_vld;
    bool chan_bound[SESSION_N_CH];
    uint16_t chan_sess[SESSION_N_CH];
    uint32_t chan_accm[SESSION_N_CH];
    uint16_t chan_mru[SESSION_N_CH];
    bool chan_fcs32[SESSION_N_CH];
    bool ev_chan_steal, ev_bad_channel;
};

/* Registers plus the RAM `mem` and its read registers. eval leaves the RAM
 * alone and describes its write and reads (mem_we ..., a_re ...) in the next
 * state; tick performs them (reads first: the RAM is read-first), as the
 * RTL's always_ff does. */
struct session_table_state {
    struct session_table_regs r;
    uint32_t mem[SESSION_DEPTH][SESS_ENTRY_WORDS];
    uint32_t a_raw[SESS_ENTRY_WORDS], b_raw[SESS_ENTRY_WORDS], r_raw[SESS_ENTRY_WORDS];
    bool mem_we, a_re, b_re;
    unsigned mem_waddr, a_addr, b_addr, r_addr;
    uint32_t mem_wdata[SESS_ENTRY_WORDS];
};

/* always_comb: outputs into io, next registers and the RAM write into next. */
void session_table_eval(const struct session_table_state *s, struct session_table_io *io,
                        struct session_table_state *next);
/* Every output (registers, and the channel table with unbound_mru and
 * unbound_accm, the only inputs they read): what eval writes into io. */
void session_table_outputs(const struct session_table_state *s, struct session_table_io *io);
/* always_ff: the rising clock edge. */
void session_table_tick(struct session_table_state *s, const struct session_table_state *next);

#ifdef __cplusplus
}
#endif

#endif
