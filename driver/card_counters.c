/* Global counters (hw/regmap.md, block CNT): one snapshot, then reads. */
#include "card_backend.h"

#define COUNTER_OFF_(name) CARD_CNT_##name,
static const uint32_t counter_off[L2TPCARD_CNT_COUNT] = {L2TPCARD_COUNTERS(COUNTER_OFF_)};
#undef COUNTER_OFF_

#define COUNTER_NAME_(name) #name,
static const char *const counter_names[L2TPCARD_CNT_COUNT] = {L2TPCARD_COUNTERS(COUNTER_NAME_)};
#undef COUNTER_NAME_

const char *l2tpcard_counter_name(enum l2tpcard_counter c)
{
    return (unsigned)c < L2TPCARD_CNT_COUNT ? counter_names[c] : "unknown counter";
}

l2tpcard_status l2tpcard_counters_read(struct l2tpcard *card, uint32_t out[L2TPCARD_CNT_COUNT])
{
    if (!card || !out)
        return card ? card_fail(card, L2TPCARD_EINVAL, "counters: no output") : L2TPCARD_EINVAL;
    card_wr(card, CARD_BLK_CNT_TYPE, CARD_CNT_CNT_CTRL, CARD_CNT_SNAPSHOT);
    l2tpcard_status st = card_poll(card, CARD_BLK_CNT_TYPE, CARD_CNT_CNT_CTRL, CARD_CNT_SNAPSHOT,
                                   0, 10000, "counter snapshot");
    if (st != L2TPCARD_OK)
        return st;
    for (unsigned i = 0; i < L2TPCARD_CNT_COUNT; i++)
        out[i] = card_rd(card, CARD_BLK_CNT_TYPE, counter_off[i]);
    return L2TPCARD_OK;
}
