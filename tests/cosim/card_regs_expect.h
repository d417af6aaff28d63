/* The independent check of hw/card_regs.sv: a software register model
 * written from hw/regmap.md, driver/card_regs.h and hw/ARCHITECTURE.md
 * ("card_regs ports"), by address and access kind, not by the RTL's
 * structure. cosim_card_regs compares every output of the RTL and
 * model/card_regs.c with it every cycle. */
#ifndef COSIM_CARD_REGS_EXPECT_H
#define COSIM_CARD_REGS_EXPECT_H

#include <stdbool.h>
#include <stdint.h>

#include "../../model/card_regs.h"

/* What the build under test was given (hw/card_regs.sv defaults). */
#define CRX_DATA_W 8u
#define CRX_N_CH 32u
#define CRX_SESS_AW 12u
#define CRX_CLK_HZ 250000000u
#define CRX_RTL_VERSION 0x00010000u
#define CRX_BUILD_ID 0u
#define CRX_RESET_CYCLES 16u
#define CRX_CNT_INC_W 8u
#define CRX_CNT_SLOTS 37u
#define CRX_ENT_WORDS 14u
#define CRX_STAGE_WORDS 15u /* ENT_FLAGS .. ENT_SEQ */

/* Registers card_regs decodes: BAR0 0x0000-0x04FF, by word. */
#define CRX_WORDS (0x500u / 4)

struct crx {
    uint32_t val[CRX_WORDS];    /* stored values of RW registers, by address */
    bool enable;
    unsigned reset_left;        /* soft-reset cycles still to come */
    uint32_t cmd;               /* SESS.CMD while busy, else 0 */
    unsigned cmd_age;           /* cycles since the command was taken */
    bool bad_index, bad_cmd;
    uint32_t snapw[8];          /* ENT_RX_PACKETS .. ENT_OUT_OF_ORDER */
    uint32_t live[CRX_CNT_SLOTS], shown[CRX_CNT_SLOTS];
    bool rd_pending;            /* a read issued last cycle ... */
    uint32_t rd_result;         /* ... and the value it returns now */
};

/* Every register to its regmap reset value. */
void crx_reset(struct crx *x);
/* The value a read of byte address addr returns, this cycle. */
uint32_t crx_read(const struct crx *x, uint16_t addr, bool dma_error);
/* Fills the OUT fields of *io with what the block must output this cycle. */
void crx_outputs(const struct crx *x, struct card_regs_io *io);
/* The clock edge, given this cycle's inputs (in *io). */
void crx_edge(struct crx *x, const struct card_regs_io *io);

/* true if addr (aligned) is a register of the five blocks card_regs owns,
 * per driver/card_regs.h; *acc gets its access kind ("RO", "RW", "RWSC"). */
bool crx_lookup(uint16_t addr, const char **acc);

#endif
