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

/* The RTL's registers, named as there without the _reg suffix. */
struct session_lookup_state {
    bool s1_valid;
    uint8_t s1_verdict, s1_reason;
    uint16_t s1_flags, s1_tunnel, s1_session, s1_ns, s1_off, s1_len;
    uint16_t nr[SESSION_DEPTH];
    uint32_t packets[SESSION_DEPTH];
    uint64_t bytes[SESSION_DEPTH];
    uint32_t drops[SESSION_DEPTH];
    uint32_t ooo[SESSION_DEPTH];
    struct session_lookup_res fifo[SESSION_LOOKUP_FIFO_DEPTH];
    uint8_t fifo_rd, fifo_wr, fifo_count;
    uint16_t rd_nr;
    uint32_t rd_packets;
    uint64_t rd_bytes;
    uint32_t rd_drops, rd_ooo;
    bool cnt_rx_valid;
    uint8_t cnt_rx_reason;
    bool cnt_unknown, cnt_wrong_tunnel, cnt_ooo;
};

/* always_comb: outputs into io, next state into next. */
void session_lookup_eval(const struct session_lookup_state *s, struct session_lookup_io *io,
                         struct session_lookup_state *next);
/* always_ff: the rising clock edge. */
void session_lookup_tick(struct session_lookup_state *s, const struct session_lookup_state *next);

#ifdef __cplusplus
}
#endif

#endif
