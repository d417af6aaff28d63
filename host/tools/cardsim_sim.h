/* The simulated card and the traffic around it: cardsim's engine
 * abstraction. One engine (the Verilated l2tp_card_core, or its C model)
 * runs behind the cosim framework's engine ops and port struct; this layer
 * drives its streams from frame queues and octet buffers, collects what
 * comes out, applies random valid gaps and backpressure, counts octets and
 * cycles, and runs register-bus reads and writes between traffic cycles. */
#ifndef CARDSIM_SIM_H
#define CARDSIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cardsim_port.h"
#include "cosim.h"

/* One build of the card, as cardsim_engines.c lists them. */
struct cardsim_engine_desc {
    const char *name;         /* "rtl" or "model" */
    unsigned data_w;          /* NET octets per beat */
    bool trace;               /* writes FST waveforms to $COSIM_TRACE_FILE */
    const struct cosim_block *(*block)(void); /* its port table */
    const struct cosim_engine_ops *ops;
};

extern const struct cardsim_engine_desc cardsim_engines[];
extern const size_t cardsim_n_engines;

/* The build named (name, data_w, trace); NULL when this binary lacks it. */
const struct cardsim_engine_desc *cardsim_engine_lookup(const char *name, unsigned data_w,
                                                        bool trace);

/* Punt metadata (hw/regmap.md PUNT_DESC META, plus the kind). */
struct cardsim_punt_meta {
    uint8_t reason, channel, kind; /* CARD_PUNT_KIND_*: 0 whole NET frame, 1 PPP */
    uint16_t session;
};

/* Inject kinds (hw/regmap.md INJECT_DESC LEN 23:16). */
enum cardsim_inject_kind {
    CARDSIM_INJECT_NET = 1,
    CARDSIM_INJECT_CHANNEL_PPP = 2,
    CARDSIM_INJECT_SESSION_PPP = 3,
};

struct cardsim_frame {
    uint8_t *data;
    size_t len;
    uint64_t first_cycle, last_cycle; /* first and last beat moved */
    struct cardsim_punt_meta punt;    /* punt frames */
    enum cardsim_inject_kind kind;    /* inject frames */
    uint16_t target;
};

struct cardsim_queue {
    struct cardsim_frame *v;
    size_t n, cap;
    size_t head;              /* input queues: next frame to send */
    size_t pos;               /* input queues: octets of v[head] already sent */
    bool offered;             /* a beat is on the port (held until taken) */
};

struct cardsim_octets {
    uint8_t *data;
    size_t len, cap;
    size_t pos;               /* input: octets sent */
    uint64_t first_cycle, last_cycle;
    bool offered;
};

struct cardsim_ports {
    struct cardsim_port rst;
    struct cardsim_port s_net_tdata, s_net_tkeep, s_net_tvalid, s_net_tready, s_net_tlast;
    struct cardsim_port m_net_tdata, m_net_tkeep, m_net_tvalid, m_net_tready, m_net_tlast;
    struct cardsim_port s_acc_tdata, s_acc_tvalid, s_acc_tready;
    struct cardsim_port m_acc_tdata, m_acc_tvalid, m_acc_tready;
    struct cardsim_port m_punt_tdata, m_punt_tkeep, m_punt_tvalid, m_punt_tready, m_punt_tlast;
    struct cardsim_port m_punt_reason, m_punt_session, m_punt_channel, m_punt_kind;
    struct cardsim_port s_inj_tdata, s_inj_tkeep, s_inj_tvalid, s_inj_tready, s_inj_tlast;
    struct cardsim_port s_inj_kind, s_inj_target, s_inj_len;
    struct cardsim_port reg_wr_en, reg_rd_en, reg_addr, reg_wdata, reg_rdata, reg_rd_valid;
};

struct cardsim_counts {
    uint64_t net_in_frames, net_in_octets, net_out_frames, net_out_octets;
    uint64_t acc_in_octets, acc_out_octets;
    uint64_t punt_frames, punt_octets, inj_frames, inj_octets;
};

struct cardsim_sim {
    const struct cardsim_engine_desc *eng;
    void *impl;
    unsigned char *io;
    struct cardsim_ports p;
    unsigned data_w, n_ch;
    uint64_t cycle;
    uint64_t rng;
    unsigned gap_pct, bp_pct;  /* random input gaps, random output backpressure */
    bool traffic;              /* streams run (off while the card is programmed) */
    double seconds;            /* engine time */
    struct cardsim_queue net_in, inj_in, net_out, punt_out;
    struct cardsim_frame net_cur, punt_cur; /* frames coming out */
    struct cardsim_octets *acc_in, *acc_out; /* n_ch each */
    struct cardsim_counts c;
    uint64_t last_activity;    /* last cycle a beat moved anywhere */
    bool stalled;              /* the last run stopped: input left, nothing moving */
    bool oom;                  /* an output could not be stored: the run stopped */
    uint32_t rdata;            /* register read data of the last read */
    bool rdata_valid;
};

/* Creates the engine and finds its ports; false with a message. */
bool cardsim_sim_open(struct cardsim_sim *s, const struct cardsim_engine_desc *eng,
                      uint64_t seed, char *msg, size_t cap);
void cardsim_sim_close(struct cardsim_sim *s);

/* One clock cycle: inputs driven, engine evaluated, handshakes taken, edge. */
void cardsim_sim_cycle(struct cardsim_sim *s);
/* Holds rst high for n cycles. */
void cardsim_sim_reset(struct cardsim_sim *s, unsigned n);

/* Register bus (hw/ARCHITECTURE.md "card_regs ports", Bus timing). */
void cardsim_sim_reg_write(struct cardsim_sim *s, uint32_t addr, uint32_t val);
uint32_t cardsim_sim_reg_read(struct cardsim_sim *s, uint32_t addr);

/* Queues input (copied). */
bool cardsim_sim_net_in(struct cardsim_sim *s, const uint8_t *frame, size_t len);
bool cardsim_sim_inject(struct cardsim_sim *s, enum cardsim_inject_kind kind, uint16_t target,
                        const uint8_t *frame, size_t len);
bool cardsim_sim_acc_in(struct cardsim_sim *s, unsigned ch, const uint8_t *octets, size_t len);

/* True while input is left to send. */
bool cardsim_sim_input_pending(const struct cardsim_sim *s);

#define CARDSIM_STALL_FACTOR 10u
#define CARDSIM_STALL_MIN 100000u

/* Runs traffic until every input is sent and nothing has moved for
 * idle_cycles, or until max_cycles cycles (0: no limit) have passed since
 * the call, or (s->stalled) until nothing has moved for
 * CARDSIM_STALL_FACTOR * idle_cycles + CARDSIM_STALL_MIN cycles while input
 * is left, or (s->oom) at once when an output cannot be stored. Returns the
 * cycles run. */
uint64_t cardsim_sim_run(struct cardsim_sim *s, uint64_t idle_cycles, uint64_t max_cycles);

#endif
