/* The "model" backend: the card's cycle-accurate C model (model/l2tp_card.c)
 * in-process, run by the simulated card of sim_card.c. */
#include "l2tp_card.h"
#include "sim_card.h"

static l2tpcard_status model_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                  const struct l2tpcard_options *opts)
{
    (void)spec;
    (void)opts;
    return sim_card_open(card, &l2tp_card_w8_model_ops, 8, "model");
}

const struct card_backend_ops card_model_backend = SIM_CARD_OPS("model", model_open);
