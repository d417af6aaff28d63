/* The software reference of the session blocks, written from hw/regmap.md and
 * hw/ARCHITECTURE.md as plain sequential code (no registers, no cycles): the
 * table with its channel table, the per-session receive state, and the
 * resolution of one received descriptor (RFC 2661 §5.4 sequencing with
 * §5.8's modulo-2^16 "less than"). The lockstep tests of hw/session_table.sv
 * and hw/session_lookup.sv check RTL and model against it, so the two cannot
 * share a mistake unnoticed. Events of one cycle apply in the hardware's
 * order: COMMIT/CLEAR first, then the descriptor accepted in that cycle. */
#ifndef SESSION_REF_H
#define SESSION_REF_H

#include <stdbool.h>
#include <stdint.h>

#include "session_entry.h"

struct sess_ref_state {
    uint16_t nr;            /* next expected Ns */
    uint32_t packets;       /* delivered (to a channel or the host) */
    uint64_t bytes;         /* PPP octets delivered */
    uint32_t drops;         /* dropped: wrong tunnel, older than Nr */
    uint32_t out_of_order;  /* Ns != Nr */
};

struct sess_ref {
    uint32_t ent[SESSION_DEPTH][SESS_ENTRY_WORDS];
    bool bound[SESSION_N_CH];
    unsigned sess[SESSION_N_CH];
    uint32_t accm[SESSION_N_CH];
    uint16_t mru[SESSION_N_CH];
    bool fcs32[SESSION_N_CH];
    struct sess_ref_state st[SESSION_DEPTH];
};

struct sess_ref_events {
    bool steal;             /* a COMMIT took a channel another session held */
    bool bad_channel;       /* a COMMIT named a channel >= N_CH */
};

/* The descriptor fields session_lookup uses (net_rx_desc.h). */
struct sess_ref_desc {
    unsigned verdict, reason;
    uint16_t flags, tunnel_id, session_id, ns;
    uint16_t payload_off, payload_len;
};

struct sess_ref_result {
    unsigned action;        /* enum dispatch_action */
    unsigned reason;        /* DROP: CNT index; PUNT_FRAME, HOST_PPP: PUNT_*; CHAN_PPP: 0 */
    uint16_t session, channel;
    bool fcs32;
    uint32_t tx_accm;
    uint16_t payload_off, payload_len;
    bool cnt_unknown, cnt_wrong_tunnel, cnt_out_of_order;
};

/* Reset: VALID bits, channel table and receive state cleared; the entries'
 * other words survive (the RAM is not reset). */
void sess_ref_reset(struct sess_ref *r);
/* COMMIT of index idx (index 0 does nothing). seq is the ENT_SEQ word (Nr in
 * 15:0); zero_counters is CMD bit 8. */
void sess_ref_commit(struct sess_ref *r, unsigned idx, const uint32_t entry[SESS_ENTRY_WORDS],
                     uint32_t seq, bool zero_counters, struct sess_ref_events *ev);
/* CLEAR of index idx: VALID to 0, its channel unbound, Nr to 0, counters kept. */
void sess_ref_clear(struct sess_ref *r, unsigned idx);
/* Resolves one descriptor against the table and updates the receive state. */
void sess_ref_resolve(struct sess_ref *r, unsigned policy, const struct sess_ref_desc *d,
                      struct sess_ref_result *res);
/* RFC 2661 §5.8: a is "less than" b when it lies in the 32767 values before b. */
bool sess_ref_seq_less(uint16_t a, uint16_t b);

#endif
