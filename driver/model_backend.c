/* The "model" backend: the card's cycle-accurate C model (model/l2tp_card.c)
 * in-process, run by the simulated card of sim_card.c, at the sizes of its
 * spec argument (l2tpcard.h): "n_ch=N,sess_aw=A", each optional, defaults
 * the Verilated card's (L2TP_CARD_N_CH 32, L2TP_CARD_SESS_AW 12). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_card.h"
#include "sim_card.h"

/* One "key=value" of the argument; false with the reason in card. */
static bool size_arg(struct l2tpcard *card, const char *item, size_t len,
                     struct l2tp_card_params *p)
{
    char buf[32];
    if (len >= sizeof buf) {
        card_fail(card, L2TPCARD_EINVAL, "model: '%.*s': too long", (int)len, item);
        return false;
    }
    memcpy(buf, item, len);
    buf[len] = '\0';
    char *eq = strchr(buf, '=');
    char *end = NULL;
    unsigned long v = eq && eq[1] ? strtoul(eq + 1, &end, 10) : 0;
    if (!eq || !end || *end != '\0' || v > 64) {
        card_fail(card, L2TPCARD_EINVAL, "model: '%s': expected n_ch=N or sess_aw=A", buf);
        return false;
    }
    *eq = '\0';
    if (strcmp(buf, "n_ch") == 0)
        p->n_ch = (unsigned)v;
    else if (strcmp(buf, "sess_aw") == 0)
        p->sess_aw = (unsigned)v;
    else {
        card_fail(card, L2TPCARD_EINVAL, "model: unknown size '%s' (n_ch, sess_aw)", buf);
        return false;
    }
    return true;
}

static l2tpcard_status model_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                  const struct l2tpcard_options *opts)
{
    (void)opts;
    struct l2tp_card_params p = l2tp_card_default_params(8);
    for (const char *a = spec->args; *a;) {
        size_t len = strcspn(a, ",");
        if (!size_arg(card, a, len, &p))
            return L2TPCARD_EINVAL;
        a += len;
        if (*a == ',')
            a++;
    }
    struct proto_error err = {0};
    void *m = l2tp_card_create(&p, &err);
    if (!m)
        return card_fail(card, err.status == PROTO_ENOSPC ? L2TPCARD_ENOMEM : L2TPCARD_EINVAL,
                         "model: %s: %s", err.field ? err.field : "parameters", err.detail);
    const struct sim_card_size size = {p.n_ch, p.sess_aw};
    return sim_card_open_impl(card, &l2tp_card_w8_model_ops, m, 8, &size, "model");
}

const struct card_backend_ops card_model_backend = SIM_CARD_OPS("model", model_open);
