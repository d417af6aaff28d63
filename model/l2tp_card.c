/* Model of hw/l2tp_card.sv: see l2tp_card.h. The RTL top has no register of
 * its own, so neither has this file: the state is the two children's. */
#include "l2tp_card.h"

#include <stdlib.h>
#include <string.h>

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

proto_status l2tp_card_init(struct l2tp_card *m, unsigned data_w, struct proto_error *err)
{
    memset(m, 0, sizeof *m);
    if (data_w != 8 && data_w != 16)
        return proto_fail(err, PROTO_EINVAL, 0, "DATA_W", "parameter refused (8 or 16)");
    m->data_w = data_w;
    struct l2tp_card_core_params p = l2tp_card_core_default_params(data_w);
    proto_status st = l2tp_card_core_init(&m->core, &p, err);
    if (st != PROTO_OK)
        return st;
    /* card_dma #(.N_CH(N_CH), .SESS_AW(SESS_AW)) in the RTL top */
    m->dma.s.n_ch = L2TP_CARD_N_CH;
    m->dma.s.sess_aw = L2TP_CARD_SESS_AW;
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

static void *model_create(unsigned w)
{
    struct l2tp_card *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    struct proto_error err = {0};
    if (l2tp_card_init(m, w, &err) != PROTO_OK) {
        free(m);
        return NULL;
    }
    return m;
}

static void *model_create_w8(void)
{
    return model_create(8);
}

static void *model_create_w16(void)
{
    return model_create(16);
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
