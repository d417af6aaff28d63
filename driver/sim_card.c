/* The simulated card: hw/l2tp_card.sv's ports (through a cosim engine, the
 * Verilated RTL or the C model) driven one clock cycle at a time by what the
 * driver does, with the host around it simulated: BAR0 accesses become
 * register bus cycles, DMA is served from a host-memory array, NET and
 * ACCESS traffic from queues (l2tpcard_sim.h). */
#include "sim_card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_card.h"
#include "l2tpcard_sim.h"

#define SIM_PAGE 4096u
#define SIM_PAGES 1024u                 /* 4 MiB of host memory for DMA */
#define SIM_MAX_READS 16u               /* read requests in flight */
#define SIM_NET_OUT_MAX 4096u           /* NET frames waiting to be pulled */
#define SIM_ACC_OUT_MAX 65536u          /* octets per channel waiting to be pulled */
#define SIM_FRAME_MAX 16384u
#define SIM_RESET_CYCLES 16u            /* rst held at open */
#define SIM_DEFAULT_LATENCY 64u
#define SIM_READ_WAIT 8u                /* cycles a register read may take */

struct sim_frame {
    struct sim_frame *next;
    size_t len;
    uint8_t data[];
};

struct sim_frame_queue {
    struct sim_frame *head, *tail;
    size_t n;
};

struct sim_octets {
    uint8_t *buf;
    size_t rd, len, cap;            /* octets buf[rd .. rd+len) */
};

struct sim_read {
    uint8_t tag;
    uint64_t addr;
    uint32_t len, sent;             /* octets asked, beats sent */
    uint64_t ready_at;              /* cycle the first completion may go */
    bool err;
};

struct sim_card {
    const struct cosim_engine_ops *engine;
    void *impl;
    unsigned w;                     /* DATA_W: 8 or 16 */
    union {
        struct l2tp_card_w8_io w8;
        struct l2tp_card_w16_io w16;
    } io;
    uint64_t clk_hz;
    uint8_t *mem;                   /* host memory; bus address = offset */
    bool page_used[SIM_PAGES];
    struct sim_frame_queue net_in, net_out;
    size_t net_in_off;              /* octets of net_in.head already taken */
    uint8_t net_out_cur[SIM_FRAME_MAX];
    size_t net_out_len;
    bool net_out_overlong;
    unsigned n_ch, sess_aw;         /* the card's N_CH (lanes used), SESS_AW */
    struct sim_octets acc_in[L2TP_CARD_N_CH_PORTS], acc_out[L2TP_CARD_N_CH_PORTS];
    struct sim_read reads[SIM_MAX_READS];
    unsigned n_reads;
    unsigned latency;
    bool out_of_order;
    uint64_t rng;
    unsigned gap_pct, backpressure_pct;  /* l2tpcard_sim_chaos */
    unsigned fail_reads;            /* l2tpcard_sim_dma_fail_reads */
    bool irq;                       /* an interrupt pulsed since idle began */
    struct l2tpcard_sim_stats st;
};

static struct sim_card *sim_of(const struct l2tpcard *card)
{
    return l2tpcard_is_sim(card) ? card->priv : NULL;
}

bool l2tpcard_is_sim(const struct l2tpcard *card)
{
    return card && card->ops && card->ops->read32 == sim_card_read32 && card->priv;
}

static uint64_t sim_rand(struct sim_card *s)
{
    /* xorshift64*: reproducible per seed, per handle */
    s->rng ^= s->rng >> 12;
    s->rng ^= s->rng << 25;
    s->rng ^= s->rng >> 27;
    return s->rng * 0x2545F4914F6CDD1DULL;
}

/* True when [addr, addr+len) lies in pages handed out by dma_alloc. */
static bool mem_ok(const struct sim_card *s, uint64_t addr, uint64_t len)
{
    if (len == 0 || addr >= (uint64_t)SIM_PAGES * SIM_PAGE ||
        len > (uint64_t)SIM_PAGES * SIM_PAGE - addr)
        return false;
    for (uint64_t p = addr / SIM_PAGE; p <= (addr + len - 1) / SIM_PAGE; p++)
        if (!s->page_used[p])
            return false;
    return true;
}

static bool octets_push(struct sim_octets *q, const uint8_t *p, size_t n)
{
    if (n == 0)
        return true;
    if (q->rd + q->len + n > q->cap) {
        if (q->len)
            memmove(q->buf, q->buf + q->rd, q->len);
        q->rd = 0;
        if (q->len + n > q->cap) {
            size_t cap = q->cap ? q->cap : 256;
            while (cap < q->len + n)
                cap *= 2;
            uint8_t *b = realloc(q->buf, cap);
            if (!b)
                return false;
            q->buf = b;
            q->cap = cap;
        }
    }
    memcpy(q->buf + q->rd + q->len, p, n);
    q->len += n;
    return true;
}

static void frames_free(struct sim_frame_queue *q)
{
    while (q->head) {
        struct sim_frame *f = q->head;
        q->head = f->next;
        free(f);
    }
    q->tail = NULL;
    q->n = 0;
}

static bool frame_push(struct sim_frame_queue *q, const uint8_t *p, size_t len)
{
    struct sim_frame *f = malloc(sizeof *f + len);
    if (!f)
        return false;
    f->next = NULL;
    f->len = len;
    memcpy(f->data, p, len);
    if (q->tail)
        q->tail->next = f;
    else
        q->head = f;
    q->tail = f;
    q->n++;
    return true;
}

/* The DMA read whose completion beat goes this cycle, or -1: the oldest
 * ready one in order; any ready one at random out of order. */
static int pick_read(struct sim_card *s, uint64_t cycle)
{
    int ready[SIM_MAX_READS], n = 0;
    for (unsigned i = 0; i < s->n_reads; i++)
        if (s->reads[i].ready_at <= cycle)
            ready[n++] = (int)i;
    if (n == 0)
        return -1;
    return s->out_of_order ? ready[sim_rand(s) % (uint64_t)n] : ready[0];
}

/* The port struct of the card's DATA_W: every port but the NET-width data
 * has the same name and type in both. */
#define IOF(s, f) (*((s)->w == 16 ? &(s)->io.w16.f : &(s)->io.w8.f))

/* Sets a NET-width input (s_net_tdata, else s_dma_rc_data) from octets
 * (NULL: zero); octet i = tdata[8i+7:8i]. */
static void set_data(struct sim_card *s, bool net, const uint8_t *b)
{
    if (s->w == 16) {
        uint32_t *v = net ? s->io.w16.s_net_tdata : s->io.w16.s_dma_rc_data;
        for (unsigned i = 0; i < 4; i++)
            v[i] = b ? (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
                           (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24
                     : 0;
        return;
    }
    uint64_t v = 0;
    for (unsigned i = 0; b && i < 8; i++)
        v |= (uint64_t)b[i] << (8 * i);
    if (net)
        s->io.w8.s_net_tdata = v;
    else
        s->io.w8.s_dma_rc_data = v;
}

/* Reads a NET-width output (m_net_tdata, else m_dma_wr_data) as octets. */
static void get_data(const struct sim_card *s, bool net, uint8_t *b)
{
    if (s->w == 16) {
        const uint32_t *v = net ? s->io.w16.m_net_tdata : s->io.w16.m_dma_wr_data;
        for (unsigned i = 0; i < 16; i++)
            b[i] = (uint8_t)(v[i / 4] >> (8 * (i % 4)));
        return;
    }
    uint64_t v = net ? s->io.w8.m_net_tdata : s->io.w8.m_dma_wr_data;
    for (unsigned i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

/* One clock cycle: every input set from the host's side, the card
 * evaluated, every handshake done, the clock edge. A register access
 * happens when rd or wr; a read's data comes back in *rdata when
 * reg_rd_valid is high this cycle (returns true then). */
static bool sim_cycle(struct sim_card *s, bool rst, bool rd, bool wr, uint32_t addr,
                      uint32_t wdata, uint32_t *rdata)
{
    const unsigned w = s->w;
    uint8_t beat[16];
    IOF(s, rst) = rst;

    bool chaos = s->gap_pct || s->backpressure_pct;
    struct sim_frame *f = s->net_in.head;
    if (f && chaos && sim_rand(s) % 100u < s->gap_pct)
        f = NULL;                   /* a valid gap */
    IOF(s, s_net_tvalid) = f != NULL;
    IOF(s, s_net_tkeep) = 0;
    IOF(s, s_net_tlast) = 0;
    if (f) {
        size_t n = f->len - s->net_in_off < w ? f->len - s->net_in_off : w;
        memset(beat, 0, sizeof beat);
        memcpy(beat, f->data + s->net_in_off, n);
        IOF(s, s_net_tkeep) = (1u << n) - 1u;
        IOF(s, s_net_tlast) = s->net_in_off + n >= f->len;
    }
    IOF(s, m_net_tready) = s->net_out.n < SIM_NET_OUT_MAX &&
                       !(chaos && sim_rand(s) % 100u < s->backpressure_pct);
    /* ACCESS lane c: octet c of the 256-bit lane vector (32-bit words) */
    memset(IOF(s, s_acc_tdata), 0, sizeof IOF(s, s_acc_tdata));
    IOF(s, s_acc_tvalid) = 0;
    IOF(s, m_acc_tready) = 0;
    for (unsigned c = 0; c < s->n_ch; c++) {
        if (s->acc_in[c].len && !(chaos && sim_rand(s) % 100u < s->gap_pct)) {
            IOF(s, s_acc_tvalid) |= 1u << c;
            IOF(s, s_acc_tdata)[c / 4] |= (uint32_t)s->acc_in[c].buf[s->acc_in[c].rd]
                                          << (8 * (c % 4));
        }
        if (s->acc_out[c].len < SIM_ACC_OUT_MAX &&
            !(chaos && sim_rand(s) % 100u < s->backpressure_pct))
            IOF(s, m_acc_tready) |= 1u << c;
    }
    IOF(s, reg_rd_en) = rd;
    IOF(s, reg_wr_en) = wr;
    IOF(s, reg_addr) = addr;
    IOF(s, reg_wdata) = wdata;

    uint64_t cycle = s->st.cycles;
    IOF(s, m_dma_rd_ready) = s->n_reads < SIM_MAX_READS &&
                         !(chaos && sim_rand(s) % 100u < s->backpressure_pct);
    int r = pick_read(s, cycle);
    uint8_t rc[16];
    IOF(s, s_dma_rc_valid) = r >= 0;
    IOF(s, s_dma_rc_tag) = 0;
    IOF(s, s_dma_rc_err) = 0;
    if (r >= 0) {
        const struct sim_read *rq = &s->reads[r];
        IOF(s, s_dma_rc_tag) = rq->tag;
        IOF(s, s_dma_rc_err) = rq->err;
        uint64_t a = rq->addr + (uint64_t)rq->sent * w;
        memset(rc, 0, sizeof rc);
        for (unsigned i = 0; i < w && !rq->err; i++)
            if ((uint64_t)rq->sent * w + i < rq->len)
                rc[i] = s->mem[a + i];
    }
    IOF(s, m_dma_wr_ready) = !(chaos && sim_rand(s) % 100u < s->backpressure_pct);

    set_data(s, true, f ? beat : NULL);
    set_data(s, false, r >= 0 ? rc : NULL);
    s->engine->eval(s->impl, &s->io);

    bool got = false;
    if (IOF(s, reg_rd_valid) && rdata) {
        *rdata = (uint32_t)IOF(s, reg_rdata);
        got = true;
    }
    if (f && IOF(s, s_net_tready)) {
        s->net_in_off += w;
        if (s->net_in_off >= f->len) {
            s->net_in.head = f->next;
            if (!s->net_in.head)
                s->net_in.tail = NULL;
            s->net_in.n--;
            s->net_in_off = 0;
            free(f);
            s->st.net_in_frames++;
        }
    }
    if (IOF(s, m_net_tvalid) && IOF(s, m_net_tready)) {
        get_data(s, true, beat);
        for (unsigned i = 0; i < w; i++) {
            if (!((IOF(s, m_net_tkeep) >> i) & 1u))
                continue;
            if (s->net_out_len < SIM_FRAME_MAX)
                s->net_out_cur[s->net_out_len++] = beat[i];
            else
                s->net_out_overlong = true;
        }
        if (IOF(s, m_net_tlast)) {
            /* a frame beyond any Ethernet size is the card's bug: dropped,
             * the count of frames shows it */
            if (!s->net_out_overlong && frame_push(&s->net_out, s->net_out_cur, s->net_out_len))
                s->st.net_out_frames++;
            s->net_out_len = 0;
            s->net_out_overlong = false;
        }
    }
    for (unsigned c = 0; c < s->n_ch; c++) {
        if (((IOF(s, s_acc_tvalid) & IOF(s, s_acc_tready)) >> c) & 1u) {
            s->acc_in[c].rd++;
            s->acc_in[c].len--;
        }
        if (((IOF(s, m_acc_tvalid) & IOF(s, m_acc_tready)) >> c) & 1u) {
            uint8_t o = (uint8_t)(IOF(s, m_acc_tdata)[c / 4] >> (8 * (c % 4)));
            (void)octets_push(&s->acc_out[c], &o, 1); /* below SIM_ACC_OUT_MAX: fits */
        }
    }
    if (r >= 0) {
        struct sim_read *rq = &s->reads[r];
        rq->sent++;
        s->st.dma_read_beats++;
        if ((uint64_t)rq->sent * w >= rq->len) {
            memmove(rq, rq + 1, (s->n_reads - (unsigned)r - 1) * sizeof *rq);
            s->n_reads--;
        }
    }
    if (IOF(s, m_dma_rd_valid) && IOF(s, m_dma_rd_ready) && IOF(s, m_dma_rd_len) == 0) {
        /* no octets asked, none owed: a request a PCIe core refuses */
        s->st.dma_errors++;
        s->st.dma_reads++;
    } else if (IOF(s, m_dma_rd_valid) && IOF(s, m_dma_rd_ready)) {
        struct sim_read *rq = &s->reads[s->n_reads++];
        rq->tag = (uint8_t)IOF(s, m_dma_rd_tag);
        rq->addr = IOF(s, m_dma_rd_addr);
        rq->len = (uint32_t)IOF(s, m_dma_rd_len);
        rq->sent = 0;
        rq->ready_at = cycle + 1 + s->latency;
        rq->err = !mem_ok(s, rq->addr, rq->len);
        if (s->fail_reads) {
            s->fail_reads--;
            rq->err = true;
            s->st.dma_forced_errors++;
        }
        s->st.dma_errors += rq->err;
        s->st.dma_reads++;
    }
    if (IOF(s, m_dma_wr_valid) && IOF(s, m_dma_wr_ready)) {
        s->st.dma_write_beats++;
        get_data(s, false, beat);
        for (unsigned i = 0; i < w; i++) {
            if (!((IOF(s, m_dma_wr_be) >> i) & 1u))
                continue;
            uint64_t a = IOF(s, m_dma_wr_addr) + i;
            if (mem_ok(s, a, 1))
                s->mem[a] = beat[i];
            else
                s->st.dma_errors++;
        }
    }
    if (IOF(s, irq)) {
        s->irq = true;
        s->st.irqs++;
    }
    s->engine->tick(s->impl);
    s->st.cycles++;
    return got;
}

uint32_t sim_card_read32(struct l2tpcard *card, uint32_t off)
{
    struct sim_card *s = card->priv;
    uint32_t v = 0;
    s->st.mmio_reads++;
    if (sim_cycle(s, false, true, false, off, 0, &v))
        return v;
    for (unsigned i = 0; i < SIM_READ_WAIT; i++)
        if (sim_cycle(s, false, false, false, 0, 0, &v))
            return v;
    /* no answer: what a PCIe read that completes with an error returns */
    return 0xFFFFFFFFu;
}

void sim_card_write32(struct l2tpcard *card, uint32_t off, uint32_t val)
{
    struct sim_card *s = card->priv;
    s->st.mmio_writes++;
    (void)sim_cycle(s, false, false, true, off, val, NULL);
}

l2tpcard_status sim_card_dma_alloc(struct l2tpcard *card, size_t size, struct card_dma *out)
{
    struct sim_card *s = card->priv;
    if (size == 0 || size > SIM_PAGE)
        return card_fail(card, L2TPCARD_EINVAL, "dma alloc: %zu octets (1..%u)", size, SIM_PAGE);
    /* page 0 stays unused, so bus address 0 is never valid */
    for (unsigned p = 1; p < SIM_PAGES; p++) {
        if (s->page_used[p])
            continue;
        s->page_used[p] = true;
        memset(s->mem + (size_t)p * SIM_PAGE, 0, SIM_PAGE);
        *out = (struct card_dma){
            .virt = s->mem + (size_t)p * SIM_PAGE, .bus = (uint64_t)p * SIM_PAGE, .size = SIM_PAGE};
        return L2TPCARD_OK;
    }
    return card_fail(card, L2TPCARD_ENOMEM, "dma alloc: the simulated host memory (%u KiB) is full",
                     SIM_PAGES * SIM_PAGE / 1024);
}

void sim_card_dma_free(struct l2tpcard *card, struct card_dma *mem)
{
    struct sim_card *s = card->priv;
    if (mem->virt && mem->bus / SIM_PAGE < SIM_PAGES)
        s->page_used[mem->bus / SIM_PAGE] = false;
    *mem = (struct card_dma){0};
}

void sim_card_idle(struct l2tpcard *card, unsigned max_us)
{
    /* virtual time at the card's clock; an interrupt ends it early, as it
     * would wake a sleeping driver */
    struct sim_card *s = card->priv;
    uint64_t cycles = (uint64_t)max_us * s->clk_hz / 1000000u;
    if (cycles == 0)
        cycles = 1;
    s->irq = false;
    for (uint64_t i = 0; i < cycles && !s->irq; i++)
        (void)sim_cycle(s, false, false, false, 0, 0, NULL);
}

static void sim_free(struct sim_card *s)
{
    if (s->impl)
        s->engine->destroy(s->impl);
    frames_free(&s->net_in);
    frames_free(&s->net_out);
    for (unsigned c = 0; c < L2TP_CARD_N_CH_PORTS; c++) {
        free(s->acc_in[c].buf);
        free(s->acc_out[c].buf);
    }
    free(s->mem);
    free(s);
}

void sim_card_close(struct l2tpcard *card)
{
    if (card->priv)
        sim_free(card->priv);
    card->priv = NULL;
}

l2tpcard_status sim_card_open(struct l2tpcard *card, const struct cosim_engine_ops *engine,
                              unsigned data_w, const char *name)
{
    const struct sim_card_size size = {L2TP_CARD_N_CH, L2TP_CARD_SESS_AW};
    return sim_card_open_impl(card, engine, NULL, data_w, &size, name);
}

l2tpcard_status sim_card_open_impl(struct l2tpcard *card, const struct cosim_engine_ops *engine,
                                   void *impl, unsigned data_w, const struct sim_card_size *size,
                                   const char *name)
{
    if ((data_w != 8 && data_w != 16) || size->n_ch < 1 || size->n_ch > L2TP_CARD_N_CH_PORTS) {
        if (impl)
            engine->destroy(impl);
        return card_fail(card, L2TPCARD_EINVAL, "%s: DATA_W %u (8 or 16), N_CH %u (1..%u)", name,
                         data_w, size->n_ch, L2TP_CARD_N_CH_PORTS);
    }
    struct sim_card *s = calloc(1, sizeof *s);
    if (!s) {
        if (impl)
            engine->destroy(impl);
        return card_fail(card, L2TPCARD_ENOMEM, "%s: out of memory for the simulated card", name);
    }
    s->engine = engine;
    s->w = data_w;
    s->n_ch = size->n_ch;
    s->sess_aw = size->sess_aw;
    s->impl = impl;
    s->mem = calloc(SIM_PAGES, SIM_PAGE);
    if (s->mem && !s->impl)
        s->impl = engine->create();
    if (!s->mem || !s->impl) {
        sim_free(s);
        return card_fail(card, L2TPCARD_ENOMEM, "%s: out of memory for the simulated card", name);
    }
    s->latency = SIM_DEFAULT_LATENCY;
    s->rng = 0x9E3779B97F4A7C15ULL;
    s->clk_hz = 1;                  /* until the ID block says */
    /* power-on: rst held, as the PCIe core holds it until the link is up */
    for (unsigned i = 0; i < SIM_RESET_CYCLES; i++)
        (void)sim_cycle(s, true, false, false, 0, 0, NULL);
    card->priv = s;
    s->clk_hz = sim_card_read32(card, CARD_BLK_ID_BASE + CARD_ID_CLK_HZ);
    if (s->clk_hz == 0 || s->clk_hz == 0xFFFFFFFFu) {
        card->priv = NULL;
        sim_free(s);
        return card_fail(card, L2TPCARD_EHW, "%s: the card's ID.CLK_HZ reads 0x%08x", name,
                         (unsigned)s->clk_hz);
    }
    snprintf(card->desc, sizeof card->desc, "%s (l2tp_card DATA_W %u, N_CH %u, SESS_AW %u)", name,
             data_w, s->n_ch, s->sess_aw);
    return L2TPCARD_OK;
}

/* ---- l2tpcard_sim.h ---- */

#define SIM_OR_EINVAL(card, s)                                                                    \
    struct sim_card *s = sim_of(card);                                                            \
    if (!s)                                                                                       \
        return card ? card_fail(card, L2TPCARD_EINVAL, "%s: not a simulated card", __func__)       \
                    : L2TPCARD_EINVAL

l2tpcard_status l2tpcard_sim_net_push(struct l2tpcard *card, const uint8_t *frame, size_t len)
{
    SIM_OR_EINVAL(card, s);
    if (!frame || len < 14 || len > SIM_FRAME_MAX)
        return card_fail(card, L2TPCARD_EINVAL, "sim net push: %zu octets (14..%u)", len,
                         SIM_FRAME_MAX);
    if (!frame_push(&s->net_in, frame, len))
        return card_fail(card, L2TPCARD_ENOMEM, "sim net push: out of memory");
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_net_pull(struct l2tpcard *card, uint8_t *buf, size_t cap,
                                      size_t *len)
{
    SIM_OR_EINVAL(card, s);
    if (!len || (!buf && cap))
        return card_fail(card, L2TPCARD_EINVAL, "sim net pull: no output");
    struct sim_frame *f = s->net_out.head;
    if (!f)
        return L2TPCARD_EAGAIN;
    s->net_out.head = f->next;
    if (!s->net_out.head)
        s->net_out.tail = NULL;
    s->net_out.n--;
    *len = f->len;
    bool fits = f->len <= cap;
    if (fits)
        memcpy(buf, f->data, f->len);
    free(f);
    if (!fits)
        return card_fail(card, L2TPCARD_EINVAL, "sim net pull: frame of %zu octets, room for %zu",
                         *len, cap);
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_access_push(struct l2tpcard *card, unsigned ch,
                                         const uint8_t *octets, size_t n)
{
    SIM_OR_EINVAL(card, s);
    if (ch >= s->n_ch || (!octets && n))
        return card_fail(card, L2TPCARD_EINVAL, "sim access push: channel %u (0..%u)", ch,
                         s->n_ch - 1);
    if (!octets_push(&s->acc_in[ch], octets, n))
        return card_fail(card, L2TPCARD_ENOMEM, "sim access push: out of memory");
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_access_pull(struct l2tpcard *card, unsigned ch, uint8_t *buf,
                                         size_t cap, size_t *n)
{
    SIM_OR_EINVAL(card, s);
    if (ch >= s->n_ch || !n || (!buf && cap))
        return card_fail(card, L2TPCARD_EINVAL, "sim access pull: channel %u (0..%u)", ch,
                         s->n_ch - 1);
    struct sim_octets *q = &s->acc_out[ch];
    *n = q->len < cap ? q->len : cap;
    if (*n)
        memcpy(buf, q->buf + q->rd, *n);
    q->rd += *n;
    q->len -= *n;
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_input_pending(struct l2tpcard *card, size_t *net_frames,
                                           size_t *access_octets)
{
    SIM_OR_EINVAL(card, s);
    if (net_frames)
        *net_frames = s->net_in.n;
    if (access_octets) {
        size_t n = 0;
        for (unsigned c = 0; c < s->n_ch; c++)
            n += s->acc_in[c].len;
        *access_octets = n;
    }
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_run(struct l2tpcard *card, uint64_t cycles)
{
    SIM_OR_EINVAL(card, s);
    for (uint64_t i = 0; i < cycles; i++)
        (void)sim_cycle(s, false, false, false, 0, 0, NULL);
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_dma_config(struct l2tpcard *card, unsigned latency,
                                        bool out_of_order, uint64_t seed)
{
    SIM_OR_EINVAL(card, s);
    s->latency = latency;
    s->out_of_order = out_of_order;
    s->rng = seed ? seed : 0x9E3779B97F4A7C15ULL;   /* xorshift needs a non-zero state */
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_stats(struct l2tpcard *card, struct l2tpcard_sim_stats *out)
{
    SIM_OR_EINVAL(card, s);
    if (!out)
        return card_fail(card, L2TPCARD_EINVAL, "sim stats: no output");
    *out = s->st;
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_chaos(struct l2tpcard *card, unsigned gap_pct,
                                   unsigned backpressure_pct)
{
    SIM_OR_EINVAL(card, s);
    if (gap_pct > 90 || backpressure_pct > 90)
        return card_fail(card, L2TPCARD_EINVAL, "sim chaos: %u%% gaps, %u%% backpressure (0..90)",
                         gap_pct, backpressure_pct);
    s->gap_pct = gap_pct;
    s->backpressure_pct = backpressure_pct;
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_sim_dma_fail_reads(struct l2tpcard *card, unsigned n)
{
    SIM_OR_EINVAL(card, s);
    s->fail_reads = n;
    return L2TPCARD_OK;
}
