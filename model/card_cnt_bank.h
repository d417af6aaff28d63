/* Cycle-accurate model of hw/card_cnt_bank.sv: the CNT block's global
 * counters (hw/regmap.md, block CNT) and their readable snapshot. A child of
 * model/card_regs.c, which calls it as the RTL instantiates it. */
#ifndef MODEL_CARD_CNT_BANK_H
#define MODEL_CARD_CNT_BANK_H

#include <stdbool.h>
#include <stdint.h>

/* 0x40 .. 0xD0; slot 15 (0x7C) has no counter (no NET_RX reason 15). */
#define CARD_CNT_BANK_SLOTS 37
#define CARD_CNT_BANK_HOLE 15

/* The RTL's registers (count_reg, snap_reg). */
struct card_cnt_bank_state {
    uint32_t count[CARD_CNT_BANK_SLOTS];
    uint32_t snap[CARD_CNT_BANK_SLOTS];
};

/* always_comb: next from the inputs. inc_words is the flat cnt_inc vector
 * (32-bit words, least significant first), inc_w bits per slot; rst is the
 * synchronous reset. */
void card_cnt_bank_eval(const struct card_cnt_bank_state *s, bool rst, bool zero, bool snapshot,
                        bool clear, const uint32_t *inc_words, unsigned inc_w,
                        struct card_cnt_bank_state *next);

/* Slot k's increment out of the flat vector. */
uint32_t card_cnt_bank_inc(const uint32_t *inc_words, unsigned inc_w, unsigned k);

#endif
