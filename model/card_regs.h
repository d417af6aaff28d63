/* Cycle-accurate model of hw/card_regs.sv: the datapath's register block
 * (BAR0 blocks ID, CTRL, DP, SESS, CNT of hw/regmap.md; timing in
 * hw/ARCHITECTURE.md "card_regs ports"). The ports are struct card_regs_io,
 * generated from tests/cosim/card_regs_ports.def. */
#ifndef MODEL_CARD_REGS_H
#define MODEL_CARD_REGS_H

#include <stdbool.h>
#include <stdint.h>

#include "card_cnt_bank.h"

#define COSIM_BLOCK card_regs
#define COSIM_PORTS_DEF "card_regs_ports.def"
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

#define CARD_REGS_ENT_WORDS 14   /* SESS_ENTRY_WORDS: ENT_FLAGS .. ENT_RX_ACCM */
#define CARD_REGS_STAGE_WORDS 15 /* + ENT_SEQ: the words COMMIT moves */
#define CARD_REGS_SNAP_WORDS 8   /* 0x60 .. 0x7C: READ-only counters */

/* The RTL's parameters. */
struct card_regs_params {
    unsigned data_w, n_ch, sess_aw;
    uint32_t clk_hz, rtl_version, build_id;
    unsigned reset_cycles, cnt_inc_w;
    uint16_t cnt_next;
};

/* hw/card_regs.sv's defaults. */
struct card_regs_params card_regs_default_params(void);

/* The RTL's registers, named as there without the _reg suffix, plus the
 * parameters (fixed at creation) and the child card_cnt_bank. */
struct card_regs_state {
    struct card_regs_params p;
    uint32_t rdata;
    bool rd_valid;
    uint32_t rst_cnt;
    bool enable;
    uint32_t scratch;
    uint16_t l2tp_port;
    uint32_t local_ip;
    uint16_t mac_hi;
    uint32_t mac_lo;
    uint8_t policy;
    uint16_t unbound_mru;
    uint32_t unbound_accm;
    uint32_t index;
    uint16_t cmd; /* 9 bits: 7:0 command, 8 ZERO_COUNTERS */
    bool bad_index, bad_cmd;
    bool commit_valid, clear_valid, sess_rd_valid, rd_capture;
    uint32_t stage[CARD_REGS_STAGE_WORDS];
    uint32_t snapw[CARD_REGS_SNAP_WORDS];
    struct card_cnt_bank_state cnt;
};

/* A state with parameters p and every register zero (as Verilator's
 * --x-initial fast leaves the RTL before its first reset). */
void card_regs_init(struct card_regs_state *s, const struct card_regs_params *p);
/* always_comb: outputs into io, next state into next. */
void card_regs_eval(const struct card_regs_state *s, struct card_regs_io *io,
                    struct card_regs_state *next);
/* Every output (all come from registers): what eval writes into io. */
void card_regs_outputs(const struct card_regs_state *s, struct card_regs_io *io);
/* always_ff: the rising clock edge. */
void card_regs_tick(struct card_regs_state *s, const struct card_regs_state *next);

#ifdef __cplusplus
}
#endif

#endif
