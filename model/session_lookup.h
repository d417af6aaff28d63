/* Cycle-accurate model of hw/session_lookup.sv: resolution of NET receive
 * descriptors against the session table (port A), and the receive-side
 * per-session state (Nr, counters). The ports are struct session_lookup_io,
 * generated from tests/cosim/session_lookup_ports.def; sizes are
 * model/session_entry.h's (the RTL's default parameters). */
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

/* The RTL's registers, named as there without the _reg suffix, and its two
 * RAMs. eval describes the RAM writes and read addresses in the next state
 * (st_we ...); tick reads (read-first) and writes the RAMs as the RTL's
 * always_ff does. */
struct session_lookup_state {
    bool s1_valid;
    uint8_t s1_verdict, s1_reason;
    uint16_t s1_flags, s1_tunnel, s1_session, s1_ns, s1_off, s1_len;
    struct session_lookup_st st_mem[SESSION_DEPTH];
    uint16_t init_mem[SESSION_DEPTH];
    struct session_lookup_st st_p, st_r;    /* read port registers */
    uint16_t init_p, init_r;
    unsigned r_idx;
    bool fresh[SESSION_DEPTH], zero[SESSION_DEPTH], clr_nr[SESSION_DEPTH];
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
};

/* always_comb: outputs into io, next state into next. */
void session_lookup_eval(const struct session_lookup_state *s, struct session_lookup_io *io,
                         struct session_lookup_state *next);
/* The outputs that come from registers alone (s_desc_tready, m_desc_*,
 * rd_*, cnt_*): what eval writes there, without the inputs. */
void session_lookup_outputs(const struct session_lookup_state *s, struct session_lookup_io *io);
/* always_ff: the rising clock edge. */
void session_lookup_tick(struct session_lookup_state *s, const struct session_lookup_state *next);

#ifdef __cplusplus
}
#endif

#endif
