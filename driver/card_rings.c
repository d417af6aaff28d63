/* The punt and inject rings (hw/regmap.md, blocks PUNT, INJECT, IRQ and the
 * descriptor layouts), and waiting for events. */
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"
#include "ring.h"

/* Buffers are carved from DMA allocations of this size (one normal page). */
#define DMA_CHUNK 4096u
#define DEFAULT_RING_LOG2 8u
#define DEFAULT_BUF_SIZE 2048u

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_le32(const volatile uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint8_t *desc_at(struct card_ring *r, uint32_t index)
{
    return (uint8_t *)r->desc.virt + (size_t)ring_slot(index, r->log2) * CARD_DESC_SIZE;
}

/* Buffer of slot `slot`: DMA_CHUNK / buf_size buffers per chunk. */
static void buf_at(struct card_ring *r, uint32_t slot, uint8_t **virt, uint64_t *bus)
{
    uint32_t per = DMA_CHUNK / r->buf_size;
    struct card_dma *c = &r->bufs[slot / per];
    size_t off = (size_t)(slot % per) * r->buf_size;
    *virt = (uint8_t *)c->virt + off;
    *bus = c->bus + off;
}

static void ring_free(struct l2tpcard *card, struct card_ring *r)
{
    for (size_t i = 0; i < r->n_bufs; i++)
        card->ops->dma_free(card, &r->bufs[i]);
    free(r->bufs);
    if (r->desc.virt)
        card->ops->dma_free(card, &r->desc);
    memset(r, 0, sizeof *r);
}

static l2tpcard_status ring_alloc(struct l2tpcard *card, struct card_ring *r, const char *name,
                                  uint32_t blk, uint32_t log2, uint32_t buf_size)
{
    uint32_t max = card_rd(card, blk, CARD_PUNT_MAX_LOG2); /* same offset in INJECT */
    if (!ring_log2_ok(log2) || log2 > max)
        return card_fail(card, L2TPCARD_EINVAL, "%s ring: 2^%u descriptors; the card takes 2^1..2^%u",
                         name, log2, max < RING_MAX_LOG2 ? max : RING_MAX_LOG2);
    if (buf_size < 64 || buf_size > DMA_CHUNK || DMA_CHUNK % buf_size != 0)
        return card_fail(card, L2TPCARD_EINVAL,
                         "%s ring: buffer size %u must divide %u and be at least 64", name,
                         buf_size, DMA_CHUNK);
    r->log2 = log2;
    r->buf_size = buf_size;
    l2tpcard_status st =
        card->ops->dma_alloc(card, (size_t)ring_size(log2) * CARD_DESC_SIZE, &r->desc);
    if (st != L2TPCARD_OK)
        return st;
    uint32_t per = DMA_CHUNK / buf_size;
    size_t chunks = (ring_size(log2) + per - 1) / per;
    r->bufs = calloc(chunks, sizeof *r->bufs);
    if (!r->bufs)
        return card_fail(card, L2TPCARD_ENOMEM, "%s ring: out of memory", name);
    for (; r->n_bufs < chunks; r->n_bufs++) {
        st = card->ops->dma_alloc(card, DMA_CHUNK, &r->bufs[r->n_bufs]);
        if (st != L2TPCARD_OK)
            return st;
    }
    /* Disabled first: ENABLE = 0 makes HEAD equal TAIL, our starting point. */
    card_wr(card, blk, CARD_PUNT_RING_CTRL, 0);
    card_wr(card, blk, CARD_PUNT_BASE_LO, (uint32_t)r->desc.bus);
    card_wr(card, blk, CARD_PUNT_BASE_HI, (uint32_t)(r->desc.bus >> 32));
    card_wr(card, blk, CARD_PUNT_SIZE_LOG2, log2);
    r->tail = card_rd(card, blk, CARD_PUNT_TAIL);
    r->head = card_rd(card, blk, CARD_PUNT_HEAD);
    r->hw_head = r->head;
    if (r->head != r->tail)
        return card_fail(card, L2TPCARD_EHW,
                         "%s ring: HEAD 0x%08x differs from TAIL 0x%08x while disabled", name,
                         r->head, r->tail);
    return L2TPCARD_OK;
}

l2tpcard_status card_rings_start(struct l2tpcard *card)
{
    const struct l2tpcard_options *o = &card->opts;
    l2tpcard_status st =
        ring_alloc(card, &card->punt, "punt", CARD_BLK_PUNT_TYPE,
                   o->punt_ring_log2 ? o->punt_ring_log2 : DEFAULT_RING_LOG2,
                   o->punt_buf_size ? o->punt_buf_size : DEFAULT_BUF_SIZE);
    if (st == L2TPCARD_OK)
        st = ring_alloc(card, &card->inject, "inject", CARD_BLK_INJECT_TYPE,
                        o->inject_ring_log2 ? o->inject_ring_log2 : DEFAULT_RING_LOG2,
                        DEFAULT_BUF_SIZE);
    if (st != L2TPCARD_OK) {
        ring_free(card, &card->punt);
        ring_free(card, &card->inject);
        return st;
    }
    /* Post every punt buffer: the card may fill the whole ring. */
    struct card_ring *r = &card->punt;
    for (uint32_t i = 0; i < ring_size(r->log2); i++, r->tail++) {
        uint8_t *buf, *d = desc_at(r, r->tail);
        uint64_t bus;
        buf_at(r, ring_slot(r->tail, r->log2), &buf, &bus);
        put_le32(d + CARD_PUNT_DESC_ADDR_LO, (uint32_t)bus);
        put_le32(d + CARD_PUNT_DESC_ADDR_HI, (uint32_t)(bus >> 32));
        put_le32(d + CARD_PUNT_DESC_LEN, r->buf_size);
        put_le32(d + CARD_PUNT_DESC_META, 0);
    }
    /* Descriptors in memory before the doorbell that exposes them. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    card_wr(card, CARD_BLK_PUNT_TYPE, CARD_PUNT_TAIL, r->tail);
    card_wr(card, CARD_BLK_PUNT_TYPE, CARD_PUNT_RING_CTRL, CARD_RING_ENABLE);
    card_wr(card, CARD_BLK_INJECT_TYPE, CARD_INJECT_RING_CTRL, CARD_RING_ENABLE);
    card->up = true;
    return L2TPCARD_OK;
}

void card_rings_stop(struct l2tpcard *card)
{
    if (!card->up)
        return;
    /* The card must stop using the memory before it is freed. RING_CTRL
     * ENABLE = 0 lets an operation in flight finish (a punt frame still
     * being written into its buffer: hw/regmap.md), so the card is reset
     * too: CTRL.RESET stops the DMA engines at once (reads in flight are
     * dropped when they complete). Found by the simulated cards, which
     * count writes into freed memory. */
    card_wr(card, CARD_BLK_PUNT_TYPE, CARD_PUNT_RING_CTRL, 0);
    card_wr(card, CARD_BLK_INJECT_TYPE, CARD_INJECT_RING_CTRL, 0);
    card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET);
    (void)card_poll(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET, 0, 100000u,
                    "ring stop (CTRL.RESET)");
    ring_free(card, &card->punt);
    ring_free(card, &card->inject);
    card->up = false;
}

/* Hands the buffer of the descriptor just consumed back to the card. The
 * driver keeps every buffer posted, so TAIL = HEAD + size and the slot of
 * the new TAIL is the slot just consumed, with its own buffer. */
static void repost(struct l2tpcard *card, struct card_ring *r)
{
    uint8_t *d = desc_at(r, r->tail), *buf;
    uint64_t bus;
    buf_at(r, ring_slot(r->tail, r->log2), &buf, &bus);
    put_le32(d + CARD_PUNT_DESC_ADDR_LO, (uint32_t)bus);
    put_le32(d + CARD_PUNT_DESC_ADDR_HI, (uint32_t)(bus >> 32));
    put_le32(d + CARD_PUNT_DESC_LEN, r->buf_size);
    put_le32(d + CARD_PUNT_DESC_META, 0);
    r->tail++;
    /* The descriptor in memory before the doorbell that exposes it. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    card_wr(card, CARD_BLK_PUNT_TYPE, CARD_PUNT_TAIL, r->tail);
}

static l2tpcard_status need_up(struct l2tpcard *card, const char *what)
{
    if (!card->up)
        return card_fail(card, L2TPCARD_EINVAL, "%s: rings not set up (call l2tpcard_reset)", what);
    return L2TPCARD_OK;
}

/* Reads the card's HEAD (an MMIO read: a bus round trip, so done once per
 * burst, not per frame) into r->hw_head. */
static l2tpcard_status refresh_head(struct l2tpcard *card, struct card_ring *r, uint32_t blk,
                                    const char *name)
{
    uint32_t h = card_rd(card, blk, CARD_PUNT_HEAD);
    if (!ring_head_ok(r->head, h, r->tail))
        return card_fail(card, L2TPCARD_EHW,
                         "%s ring: card HEAD 0x%08x outside 0x%08x..0x%08x", name, h, r->head,
                         r->tail);
    r->hw_head = h;
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_recv(struct l2tpcard *card, struct l2tpcard_punt *meta, uint8_t *buf,
                              size_t cap)
{
    if (!card || !meta || (!buf && cap))
        return card ? card_fail(card, L2TPCARD_EINVAL, "recv: no output") : L2TPCARD_EINVAL;
    l2tpcard_status st = need_up(card, "recv");
    struct card_ring *r = &card->punt;
    /* Frames up to the HEAD last read are known; read it again only when
     * they are all taken. */
    if (st == L2TPCARD_OK && r->head == r->hw_head)
        st = refresh_head(card, r, CARD_BLK_PUNT_TYPE, "punt");
    if (st != L2TPCARD_OK)
        return st;
    for (; r->hw_head != r->head; r->head++) {
        /* The card wrote descriptor and frame before moving HEAD. */
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        uint8_t *d = desc_at(r, r->head), *frame;
        uint64_t bus;
        buf_at(r, ring_slot(r->head, r->log2), &frame, &bus);
        uint32_t len = get_le32(d + CARD_PUNT_DESC_LEN) >> 16;
        uint32_t m = get_le32(d + CARD_PUNT_DESC_META);
        *meta = (struct l2tpcard_punt){
            .reason = (enum l2tpcard_punt_reason)(m & 0xFFu),
            .channel = (uint8_t)(m >> 8),
            .session = (uint16_t)(m >> 16),
            .len = len,
        };
        bool fits = len <= cap && len <= r->buf_size;
        if (fits)
            memcpy(buf, frame, len);
        repost(card, r);
        /* Length 0: the frame did not fit the buffer; the card dropped and
         * counted it (PUNT_TOO_LONG), so take the next one. */
        if (len == 0)
            continue;
        r->head++;
        if (len > r->buf_size)
            return card_fail(card, L2TPCARD_EHW,
                             "punt: frame length %u exceeds the %u-octet buffer", len,
                             r->buf_size);
        if (!fits)
            return card_fail(card, L2TPCARD_EINVAL,
                             "recv: frame of %u octets, buffer of %zu (dropped)", len, cap);
        return L2TPCARD_OK;
    }
    return L2TPCARD_EAGAIN;
}

l2tpcard_status l2tpcard_inject(struct l2tpcard *card, enum l2tpcard_inject_kind kind,
                                uint16_t target, const uint8_t *frame, size_t len)
{
    if (!card)
        return L2TPCARD_EINVAL;
    l2tpcard_status st = need_up(card, "inject");
    if (st != L2TPCARD_OK)
        return st;
    struct card_ring *r = &card->inject;
    if (!frame || len == 0 || len > r->buf_size)
        return card_fail(card, L2TPCARD_EINVAL, "inject: frame of %zu octets (1..%u)", len,
                         r->buf_size);
    if (kind == L2TPCARD_INJECT_CHANNEL_PPP && target >= card->n_channels)
        return card_fail(card, L2TPCARD_EINVAL, "inject: channel %u, the card has %u", target,
                         card->n_channels);
    if (kind == L2TPCARD_INJECT_SESSION_PPP && (target == 0 || target >= card->sessions))
        return card_fail(card, L2TPCARD_EINVAL, "inject: session %u is not 1..%u", target,
                         card->sessions - 1);
    if (kind != L2TPCARD_INJECT_NET && kind != L2TPCARD_INJECT_CHANNEL_PPP &&
        kind != L2TPCARD_INJECT_SESSION_PPP)
        return card_fail(card, L2TPCARD_EINVAL, "inject: kind %d unknown", (int)kind);
    /* The card's HEAD is read only when the ring looks full. */
    if (ring_space(r->head, r->tail, r->log2) == 0) {
        st = refresh_head(card, r, CARD_BLK_INJECT_TYPE, "inject");
        if (st != L2TPCARD_OK)
            return st;
        r->head = r->hw_head; /* slots before HEAD are free again */
    }
    if (ring_space(r->head, r->tail, r->log2) == 0) {
        card_fail(card, L2TPCARD_EAGAIN, "inject: ring full (%u frames in flight)",
                  ring_size(r->log2));
        return L2TPCARD_EAGAIN;
    }
    uint8_t *buf, *d = desc_at(r, r->tail);
    uint64_t bus;
    buf_at(r, ring_slot(r->tail, r->log2), &buf, &bus);
    memcpy(buf, frame, len);
    put_le32(d + CARD_INJECT_DESC_ADDR_LO, (uint32_t)bus);
    put_le32(d + CARD_INJECT_DESC_ADDR_HI, (uint32_t)(bus >> 32));
    put_le32(d + CARD_INJECT_DESC_LEN, (uint32_t)kind << 16 | (uint32_t)len);
    put_le32(d + CARD_INJECT_DESC_TARGET, target);
    r->tail++;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    card_wr(card, CARD_BLK_INJECT_TYPE, CARD_INJECT_TAIL, r->tail);
    return L2TPCARD_OK;
}

/* Poll step: short enough for control-plane latency, long enough not to
 * hammer the bus with reads. */
#define WAIT_STEP_US 50u

l2tpcard_status l2tpcard_wait(struct l2tpcard *card, unsigned mask, int timeout_ms,
                              unsigned *events)
{
    if (!card || !events)
        return card ? card_fail(card, L2TPCARD_EINVAL, "wait: no output") : L2TPCARD_EINVAL;
    *events = 0;
    l2tpcard_status st = need_up(card, "wait");
    if (st != L2TPCARD_OK)
        return st;
    /* Time is counted in what idle() was asked for, so a simulated card
     * (whose idle runs clock cycles) waits in its own time. */
    uint64_t limit = timeout_ms < 0 ? UINT64_MAX : (uint64_t)timeout_ms * 1000u, waited = 0;
    for (;;) {
        uint32_t cause = card_rd(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_CAUSE);
        if (cause)
            card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_CAUSE, cause); /* RW1C */
        uint32_t punt_head = card_rd(card, CARD_BLK_PUNT_TYPE, CARD_PUNT_HEAD);
        uint32_t inject_head = card_rd(card, CARD_BLK_INJECT_TYPE, CARD_INJECT_HEAD);
        /* The ring registers decide; CAUSE alone could be stale (RW1C).
         * Punt is level-triggered (frames wait until taken); inject
         * reports progress once, and reclaims the completed slots. An
         * implausible HEAD is left for recv/inject to report. */
        struct card_ring *p = &card->punt, *in = &card->inject;
        if (ring_head_ok(p->head, punt_head, p->tail))
            p->hw_head = punt_head;
        if (punt_head != p->head)
            *events |= L2TPCARD_EV_PUNT;
        if (inject_head != in->head && ring_head_ok(in->head, inject_head, in->tail)) {
            in->head = in->hw_head = inject_head;
            *events |= L2TPCARD_EV_INJECT;
        }
        if (cause & CARD_IRQ_INJECT)
            *events |= L2TPCARD_EV_INJECT;
        if (cause & CARD_IRQ_DMA_ERROR)
            *events |= L2TPCARD_EV_ERROR;
        if (*events & mask)
            return L2TPCARD_OK;
        if (waited >= limit)
            return card_fail(card, L2TPCARD_ETIMEDOUT, "wait: no event 0x%x in %d ms", mask,
                             timeout_ms);
        uint64_t step = limit - waited < WAIT_STEP_US ? limit - waited : WAIT_STEP_US;
        card->ops->idle(card, (unsigned)step);
        waited += step;
    }
}

l2tpcard_status l2tpcard_irq_moderation(struct l2tpcard *card, uint32_t cycles, uint32_t count)
{
    if (!card)
        return L2TPCARD_EINVAL;
    card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MOD_CYCLES, cycles);
    card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MOD_COUNT, count);
    uint32_t c = card_rd(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MOD_CYCLES);
    uint32_t n = card_rd(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MOD_COUNT);
    if (c != cycles || n != count)
        return card_fail(card, L2TPCARD_EHW,
                         "interrupt moderation: reads %u cycles / %u events after writing %u / %u",
                         c, n, cycles, count);
    return L2TPCARD_OK;
}
