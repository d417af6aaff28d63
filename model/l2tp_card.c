/* Model of hw/l2tp_card.sv: see l2tp_card.h. The RTL top has no register of
 * its own, so neither has this file: the state is the two children's. */
#include "l2tp_card.h"

#include <stdlib.h>
#include <string.h>

/* ACCESS lane c of a 256-bit port (32-bit words, least significant first) */
static uint8_t lane_get(const uint32_t *v, unsigned c)
{
    return (uint8_t)(v[c / 4] >> (8 * (c % 4)));
}

static void lane_put(uint32_t *v, unsigned c, uint8_t b)
{
    v[c / 4] |= (uint32_t)b << (8 * (c % 4));
}

/* NET-width data: octet i = tdata[8i+7:8i], one integer at DATA_W 8 ... */
static void get_u64(uint64_t v, uint8_t *b)
{
    for (unsigned i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static void put_u64(uint64_t *v, const uint8_t *b)
{
    *v = 0;
    for (unsigned i = 0; i < 8; i++)
        *v |= (uint64_t)b[i] << (8 * i);
}

/* ... 32-bit words, least significant first, at DATA_W 16 */
static void get_words(const uint32_t *v, uint8_t *b)
{
    for (unsigned i = 0; i < 16; i++)
        b[i] = (uint8_t)(v[i / 4] >> (8 * (i % 4)));
}

static void put_words(uint32_t *v, const uint8_t *b)
{
    for (unsigned i = 0; i < 4; i++)
        v[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 | (uint32_t)b[4 * i + 2] << 16 |
               (uint32_t)b[4 * i + 3] << 24;
}

struct l2tp_card_params l2tp_card_default_params(unsigned data_w)
{
    return (struct l2tp_card_params){data_w, L2TP_CARD_N_CH, L2TP_CARD_SESS_AW};
}

proto_status l2tp_card_init(struct l2tp_card *m, const struct l2tp_card_params *p,
                            struct proto_error *err)
{
    memset(m, 0, sizeof *m);
    if (p->data_w != 8 && p->data_w != 16)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "%u: parameter refused (8 or 16)",
                          p->data_w);
    if (p->n_ch < 1 || p->n_ch > L2TP_CARD_N_CH_PORTS)
        return proto_fail(err, PROTO_EINVAL, 0, "N_CH", "%u is outside 1..%u (the port lanes)",
                          p->n_ch, L2TP_CARD_N_CH_PORTS);
    m->data_w = p->data_w;
    m->n_ch = p->n_ch;
    m->sess_aw = p->sess_aw;
    struct l2tp_card_core_params cp = l2tp_card_core_default_params(p->data_w);
    cp.n_ch = p->n_ch;
    cp.sess_aw = p->sess_aw;
    proto_status st = l2tp_card_core_init(&m->core, &cp, err);
    if (st != PROTO_OK)
        return st;
    /* card_dma #(.N_CH(N_CH), .SESS_AW(SESS_AW)) in the RTL top */
    m->dma.s.n_ch = p->n_ch;
    m->dma.s.sess_aw = p->sess_aw;
    return PROTO_OK;
}

void l2tp_card_free(struct l2tp_card *m)
{
    l2tp_card_core_free(&m->core);
}

#define WN(x) x##_w8
#define EVAL l2tp_card_w8_eval
#define IO struct l2tp_card_w8_io
#define DIO struct card_dma_io
#define DEVAL(m, d) card_dma_eval(&(m)->dma.s, (d), &(m)->dma_next.s)
#define DOUT(m, d) card_dma_outputs(&(m)->dma.s, (d))
#define GET(f, b) get_u64((f), (b))
#define PUT(f, b) put_u64(&(f), (b))
#define COPY(dst, src) ((dst) = (src))
#define SAME(a, b) ((a) == (b))
#include "l2tp_card_w.inc"
#undef WN
#undef EVAL
#undef IO
#undef DIO
#undef DEVAL
#undef DOUT
#undef GET
#undef PUT
#undef COPY
#undef SAME

#define WN(x) x##_w16
#define EVAL l2tp_card_w16_eval
#define IO struct l2tp_card_w16_io
#define DIO struct card_dma_w16_io
#define DEVAL(m, d) card_dma_w16_eval(&(m)->dma, (d), &(m)->dma_next)
#define DOUT(m, d) card_dma_w16_outputs(&(m)->dma, (d))
#define GET(f, b) get_words((f), (b))
#define PUT(f, b) put_words((f), (b))
#define COPY(dst, src) memcpy((dst), (src), sizeof(dst))
#define SAME(a, b) (memcmp((a), (b), sizeof(a)) == 0)
#include "l2tp_card_w.inc"

void l2tp_card_tick(struct l2tp_card *m)
{
    l2tp_card_core_tick(&m->core);
    card_dma_tick(&m->dma.s, &m->dma_next.s);
}

/* ---- the cosim engines ---- */

void *l2tp_card_create(const struct l2tp_card_params *p, struct proto_error *err)
{
    struct l2tp_card *m = malloc(sizeof *m);
    if (!m) {
        proto_fail(err, PROTO_ENOSPC, 0, "l2tp_card", "no memory for the model");
        return NULL;
    }
    if (l2tp_card_init(m, p, err) != PROTO_OK) {
        l2tp_card_free(m);
        free(m);
        return NULL;
    }
    return m;
}

static void *model_create_w8(void)
{
    struct proto_error err = {0};
    const struct l2tp_card_params p = l2tp_card_default_params(8);
    return l2tp_card_create(&p, &err);
}

static void *model_create_w16(void)
{
    struct proto_error err = {0};
    const struct l2tp_card_params p = l2tp_card_default_params(16);
    return l2tp_card_create(&p, &err);
}

static void model_destroy(void *impl)
{
    if (!impl)
        return;
    l2tp_card_free(impl);
    free(impl);
}

static void model_eval_w8(void *impl, void *io)
{
    l2tp_card_w8_eval(impl, io);
}

static void model_eval_w16(void *impl, void *io)
{
    l2tp_card_w16_eval(impl, io);
}

static void model_tick(void *impl)
{
    l2tp_card_tick(impl);
}

const struct cosim_engine_ops l2tp_card_w8_model_ops = {
    "model", model_create_w8, model_destroy, model_eval_w8, model_tick,
};
const struct cosim_engine_ops l2tp_card_w16_model_ops = {
    "model", model_create_w16, model_destroy, model_eval_w16, model_tick,
};
