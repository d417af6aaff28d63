/* Model of hw/card_cnt_bank.sv: the same always_comb, slot by slot. */
#include "card_cnt_bank.h"

#include <string.h>

uint32_t card_cnt_bank_inc(const uint32_t *inc_words, unsigned inc_w, unsigned k)
{
    /* bits k*inc_w .. k*inc_w + inc_w - 1 (inc_w <= 32): one word, or the
     * top of one and the bottom of the next */
    unsigned bit = k * inc_w, sh = bit % 32;
    uint32_t mask = inc_w >= 32 ? ~0u : (1u << inc_w) - 1;
    uint32_t v = inc_words[bit / 32] >> sh;
    if (sh + inc_w > 32)
        v |= inc_words[bit / 32 + 1] << (32 - sh);
    return v & mask;
}

void card_cnt_bank_eval(const struct card_cnt_bank_state *s, bool rst, bool zero, bool snapshot,
                        bool clear, const uint32_t *inc_words, unsigned inc_w,
                        struct card_cnt_bank_state *n)
{
    if (rst) {
        memset(n, 0, sizeof *n);
        return;
    }
    for (unsigned k = 0; k < CARD_CNT_BANK_SLOTS; k++) {
        if (k == CARD_CNT_BANK_HOLE || zero) {
            n->count[k] = 0;
            n->snap[k] = 0;
            continue;
        }
        /* an event in the CLEAR cycle counts after the clear */
        n->count[k] = (clear ? 0 : s->count[k]) + card_cnt_bank_inc(inc_words, inc_w, k);
        if (snapshot)
            n->snap[k] = s->count[k];
        else if (clear)
            n->snap[k] = 0;
        else
            n->snap[k] = s->snap[k];
    }
}
