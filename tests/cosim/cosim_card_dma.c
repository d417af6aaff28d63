/* Lockstep test of hw/card_dma.sv against model/card_dma.c, with a simulated
 * host around them, and an independent check of everything the card does
 * against the host's own expectation.
 *
 * The host side, all in this file:
 *   - host memory: an array at a 64-bit bus address; DMA reads are served
 *     after a random latency, in order or out of order (beats of different
 *     tags interleaved), DMA writes land when accepted, both with random
 *     ready; an access outside the memory fails the test;
 *   - a ring owner that behaves like driver/card_rings.c: posts punt
 *     buffers (some deliberately small), takes completed punt descriptors
 *     after reading HEAD over the register bus, writes inject descriptors
 *     (some deliberately bad) and rings the TAIL doorbell, and sometimes
 *     stops taking frames for a while (ring full);
 *   - the punt stream source (random frames, random valid gaps) and the
 *     inject stream sink (random backpressure).
 * Independent checks: every punted frame is either in host memory byte for
 * byte with its LEN and META, or was dropped with a PUNT_RING_FULL pulse
 * while it came in, or was longer than its buffer (LEN 0, PUNT_TOO_LONG);
 * every inject descriptor comes out as its frame (data, keep, last, kind,
 * target, length) in ring order or is refused (INJECT_BAD_DESC) exactly when
 * the test made it bad; interrupts follow the moderation rule exactly
 * (regmap block IRQ); the block chain and RO registers read as
 * driver/card_regs.h says. Episodes end with a drain (every frame accounted
 * for) or with a reset (rst or CTRL.RESET's soft_rst) in mid-traffic. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../driver/card_regs.h"
#include "card_dma.h"
#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"

/* Built once per DATA_W (-DCARD_DMA_TB_W, 8 by default): the block
 * card_dma (DATA_W 8) or card_dma_w16 (DATA_W 16) of model/card_dma.h. */
#ifndef CARD_DMA_TB_W
#define CARD_DMA_TB_W 8
#endif
#define CARD_DMA_COSIM_DATA_W CARD_DMA_TB_W
#define DW CARD_DMA_COSIM_DATA_W
#if DW == 8
#define COSIM_BLOCK card_dma
#else
#define COSIM_BLOCK card_dma_w16
#endif
#define IO struct COSIM_CAT(COSIM_BLOCK, _io)
#define BLOCK_NAME COSIM_STR(COSIM_BLOCK)
#define COSIM_PORTS_DEF "card_dma_ports.def"
#include "cosim_model.h"
#include "cosim_port_table.h"
#undef COSIM_PORTS_DEF

#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);
#endif

#define MEM_BUS 0x0000000123400000ull /* above 4 GiB: BASE_HI and ADDR_HI matter */
#define MEM_SIZE (1u << 22)
#define PUNT_DESC_OFF 0x000000u
#define INJ_DESC_OFF 0x010000u
#define PUNT_BUF_OFF 0x100000u        /* 2048 octets per slot, up to 2^9 slots */
#define INJ_BUF_OFF 0x200000u         /* 4096 octets per slot, up to 2^9 slots */
#define MAX_FRAMES 4096
#define MAX_READS 64
#define MAX_PUNT_LEN 1700
#define STALL_LIMIT 200000

struct pframe {                       /* a frame sent into the punt stream */
    uint8_t data[MAX_PUNT_LEN];
    uint16_t len, session;
    uint8_t channel, reason;
    bool dropped;                     /* PUNT_RING_FULL while it came in */
};

struct iframe {                       /* an inject descriptor the host wrote */
    uint16_t len, target;
    uint8_t kind;
    bool bad;
};

struct dma_read {
    uint8_t tag;
    uint64_t addr;
    uint16_t len, beat;
    uint64_t ready_at;
    bool err;                         /* completes with s_dma_rc_err, octets 0 */
};

struct scenario {
    const char *name;
    unsigned punt_log2, inj_log2;
    unsigned n_punt, n_inject;
    unsigned gap_pct, bp_pct;         /* punt valid gaps, inject backpressure */
    unsigned rd_ready_pct, wr_ready_pct, rc_pct;
    unsigned lat_min, lat_max;
    bool ooo;                         /* completions out of order */
    unsigned small_buf_pct;           /* punt buffers of 64..256 octets */
    unsigned bad_pct;                 /* bad inject descriptors */
    unsigned host_stall_pct;          /* chance per poll to stop taking punts */
    unsigned host_stall_len;
    uint32_t mod_cycles, mod_count;
    uint64_t reset_at;                /* 0: run to the end and drain */
    bool soft_reset;                  /* the reset that starts the episode */
    unsigned punt_min, punt_max;      /* frame length range */
    bool no_loss;                     /* a PUNT_RING_FULL fails the episode */
    unsigned err_inj_desc;            /* this inject descriptor read fails (1-based; 0 none) */
    unsigned inj_len;                 /* every inject frame this long (0: random lengths) */
    bool bench;                       /* print octets per cycle and DMA requests per frame */
};

struct tb {
    struct cosim *c;
    uint64_t rng;
    uint8_t *mem;
    struct pframe *pf;
    struct iframe *inj;
    const struct scenario *sc;
    /* punt source */
    unsigned pf_n, pf_in, pf_beat;
    bool pf_offer;
    /* punt consumer */
    uint32_t p_head, p_tail, p_hw_head;
    unsigned pf_next;                 /* next frame expected in the ring */
    uint16_t p_bufsz[1u << 9];
    unsigned stall_left;
    /* inject producer and sink */
    uint32_t i_head, i_tail;
    unsigned inj_n, inj_written;
    unsigned inj_eng;                 /* descriptors the card finished (its pulses) */
    unsigned inj_out, inj_beat;       /* the sink: next descriptor, beat in its frame */
    /* DMA server */
    struct dma_read rd[MAX_READS];
    unsigned n_rd;
    unsigned inj_desc_reads;          /* inject descriptor reads accepted */
    bool err_driven;                  /* a failed completion went in: rings stopped */
    uint32_t err_head;                /* inject HEAD when the failing read was taken */
    /* register bus: one op per cycle */
    unsigned poll;
    uint16_t rd_pending_addr;
    bool rd_pending;
    uint32_t prev_mod_cycles;         /* the interrupt hold may still run */
    uint32_t rd_expect;               /* the HEAD the host's own count predicts */
    bool doorbell;                    /* punt TAIL to write (buffers reposted) */
    /* interrupt check */
    uint64_t last_irq;
    bool irq_seen;
    uint32_t ev_since;
    /* totals */
    uint64_t punted, dropped_full, too_long, injected, bad_desc, irqs, ooo_beats;
    uint64_t punt_octets, inj_octets, rd_punt, rd_inj, wr_beats;
    unsigned cnt_full_ep, cnt_tl_ep, cnt_frames_ep, cnt_inj_ep, cnt_bad_ep;
};

static bool fail(struct tb *t, const char *what)
{
    fprintf(stderr, "cycle %" PRIu64 ": scenario \"%s\": %s\n", t->c->cycle, t->sc->name, what);
    return false;
}

static uint8_t *mem_at(struct tb *t, uint64_t bus, size_t len)
{
    if (bus < MEM_BUS || bus - MEM_BUS + len > MEM_SIZE)
        return NULL;
    return t->mem + (bus - MEM_BUS);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One clock cycle with the inputs as set; false on a mismatch. */
static bool step(struct tb *t)
{
    if (!cosim_eval(t->c))
        return false;
    cosim_tick(t->c);
    return true;
}

static bool reg_write(struct tb *t, uint16_t addr, uint32_t v)
{
    IO *in = cosim_inputs(t->c);
    in->reg_wr_en = 1;
    in->reg_addr = addr;
    in->reg_wdata = v;
    bool ok = step(t);
    in->reg_wr_en = 0;
    return ok;
}

/* A read outside the traffic loop: issue, then take the answer. */
static bool reg_read(struct tb *t, uint16_t addr, uint32_t *v)
{
    IO *in = cosim_inputs(t->c);
    in->reg_rd_en = 1;
    in->reg_addr = addr;
    bool ok = step(t);
    in->reg_rd_en = 0;
    if (!ok || !cosim_eval(t->c))
        return false;
    const IO *o = cosim_outputs(t->c);
    if (!o->reg_rd_valid)
        return fail(t, "reg_rd_valid low the cycle after a read");
    *v = (uint32_t)o->reg_rdata;
    cosim_tick(t->c);
    return true;
}

static void idle_inputs(IO *in)
{
    memset(in, 0, sizeof *in);
}

/* The block chain and read-only registers, as driver/card_regs.h says. */
static bool check_chain(struct tb *t)
{
    static const struct {
        uint16_t base;
        uint32_t type, version, next;
    } blk[] = {
        {CARD_BLK_PUNT_BASE, CARD_BLK_PUNT_TYPE, CARD_BLK_PUNT_VERSION, CARD_BLK_INJECT_BASE},
        {CARD_BLK_INJECT_BASE, CARD_BLK_INJECT_TYPE, CARD_BLK_INJECT_VERSION, CARD_BLK_IRQ_BASE},
        {CARD_BLK_IRQ_BASE, CARD_BLK_IRQ_TYPE, CARD_BLK_IRQ_VERSION, 0},
    };
    for (size_t i = 0; i < 3; i++) {
        uint32_t ty, ve, ne;
        if (!reg_read(t, blk[i].base + CARD_BLK_TYPE, &ty) ||
            !reg_read(t, blk[i].base + CARD_BLK_VERSION, &ve) ||
            !reg_read(t, blk[i].base + CARD_BLK_NEXT, &ne))
            return false;
        if (ty != blk[i].type || ve != blk[i].version || ne != blk[i].next)
            return fail(t, "block header differs from driver/card_regs.h");
    }
    /* reset values; other blocks' offsets read 0 (the shell ORs read data) */
    static const struct {
        uint16_t addr;
        uint32_t value;
    } ro[] = {
        {CARD_BLK_PUNT_BASE + CARD_PUNT_MAX_LOG2, CARD_DMA_RING_MAX_LOG2},
        {CARD_BLK_INJECT_BASE + CARD_INJECT_MAX_LOG2, CARD_DMA_RING_MAX_LOG2},
        {CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD, 0},
        {CARD_BLK_INJECT_BASE + CARD_INJECT_RING_CTRL, 0},
        {CARD_BLK_IRQ_BASE + CARD_IRQ_MASK, 0},
        {CARD_BLK_CTRL_BASE + CARD_CTRL_SCRATCH, 0},
        {CARD_BLK_ID_BASE + CARD_BLK_TYPE, 0},
        {CARD_BLK_PUNT_BASE + 0x28, 0},
    };
    for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++) {
        uint32_t v;
        if (!reg_read(t, ro[i].addr, &v))
            return false;
        if (v != ro[i].value)
            return fail(t, "RO register's reset value differs from hw/regmap.md");
    }
    /* SIZE_LOG2: beyond MAX_LOG2 ignored, and only while ENABLE = 0 */
    uint32_t v;
    if (!reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_SIZE_LOG2, 5) ||
        !reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_SIZE_LOG2, 16) ||
        !reg_read(t, CARD_BLK_PUNT_BASE + CARD_PUNT_SIZE_LOG2, &v))
        return false;
    if (v != 5)
        return fail(t, "SIZE_LOG2 took a size beyond MAX_LOG2");
    if (!reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_RING_CTRL, CARD_RING_ENABLE) ||
        !reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_SIZE_LOG2, 3) ||
        !reg_read(t, CARD_BLK_PUNT_BASE + CARD_PUNT_SIZE_LOG2, &v) ||
        !reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_RING_CTRL, 0))
        return false;
    if (v != 5)
        return fail(t, "SIZE_LOG2 changed while the ring was enabled");
    return true;
}

static void post_punt(struct tb *t)
{
    const struct scenario *sc = t->sc;
    uint32_t slot = t->p_tail & ((1u << sc->punt_log2) - 1);
    uint8_t *d = t->mem + PUNT_DESC_OFF + slot * CARD_DESC_SIZE;
    uint16_t size = cosim_chance(&t->rng, sc->small_buf_pct)
                        ? (uint16_t)cosim_range(&t->rng, 64, 256) : 2048;
    uint64_t bus = MEM_BUS + PUNT_BUF_OFF + (uint64_t)slot * 2048;
    put32(d + CARD_PUNT_DESC_ADDR_LO, (uint32_t)bus);
    put32(d + CARD_PUNT_DESC_ADDR_HI, (uint32_t)(bus >> 32));
    put32(d + CARD_PUNT_DESC_LEN, size);
    put32(d + CARD_PUNT_DESC_META, 0xDEADBEEF);  /* the card must overwrite it */
    memset(t->mem + PUNT_BUF_OFF + (size_t)slot * 2048, 0xA5, 2048);
    t->p_bufsz[slot] = size;
    t->p_tail++;
}

/* Resets the card (rst or soft_rst), programs both rings and moderation. */
static bool start_episode(struct tb *t)
{
    const struct scenario *sc = t->sc;
    IO *in = cosim_inputs(t->c);
    idle_inputs(in);
    /* rst is the PCIe reset too: reads in flight are lost; CTRL.RESET's
     * soft_rst is the card's alone: the host still completes them (the card
     * must drop those completions) */
    if (!sc->soft_reset)
        t->n_rd = 0;
    if (sc->soft_reset) {
        for (int i = 0; i < 16; i++) {
            in->soft_rst = 1;
            if (!step(t))
                return false;
        }
        in->soft_rst = 0;
    } else {
        in->rst = 1;
        for (int i = 0; i < 3; i++)
            if (!step(t))
                return false;
        in->rst = 0;
    }
    t->p_head = t->p_tail = t->p_hw_head = 0;
    t->i_head = t->i_tail = 0;
    t->pf_in = t->pf_beat = t->pf_next = 0;
    t->pf_offer = false;
    t->inj_written = t->inj_out = t->inj_beat = t->inj_eng = 0;
    t->doorbell = false;
    t->inj_desc_reads = 0;
    t->err_driven = false;
    t->stall_left = 0;
    t->rd_pending = false;
    t->poll = 0;
    t->cnt_full_ep = t->cnt_tl_ep = t->cnt_frames_ep = t->cnt_inj_ep = t->cnt_bad_ep = 0;
    uint16_t pb = CARD_BLK_PUNT_BASE, ib = CARD_BLK_INJECT_BASE, qb = CARD_BLK_IRQ_BASE;
    uint64_t pd = MEM_BUS + PUNT_DESC_OFF, id = MEM_BUS + INJ_DESC_OFF;
    if (!reg_write(t, pb + CARD_PUNT_BASE_LO, (uint32_t)pd) ||
        !reg_write(t, pb + CARD_PUNT_BASE_HI, (uint32_t)(pd >> 32)) ||
        !reg_write(t, pb + CARD_PUNT_SIZE_LOG2, sc->punt_log2) ||
        !reg_write(t, ib + CARD_INJECT_BASE_LO, (uint32_t)id) ||
        !reg_write(t, ib + CARD_INJECT_BASE_HI, (uint32_t)(id >> 32)) ||
        !reg_write(t, ib + CARD_INJECT_SIZE_LOG2, sc->inj_log2) ||
        !reg_write(t, qb + CARD_IRQ_MOD_CYCLES, sc->mod_cycles) ||
        !reg_write(t, qb + CARD_IRQ_MOD_COUNT, sc->mod_count))
        return false;
    /* the moderation check starts from a clean IRQ state: a cause cleared,
     * so the event count restarts, and no interrupt closer than MOD_CYCLES */
    if (!reg_write(t, qb + CARD_IRQ_MASK, 0) || !reg_write(t, qb + CARD_IRQ_CAUSE, 0xF))
        return false;
    uint32_t hold = sc->mod_cycles > t->prev_mod_cycles ? sc->mod_cycles : t->prev_mod_cycles;
    for (uint32_t i = 0; i < hold + 2; i++)   /* the last episode's hold runs out */
        if (!step(t))
            return false;
    t->prev_mod_cycles = sc->mod_cycles;
    t->irq_seen = false;
    t->ev_since = 0;
    if (!reg_write(t, qb + CARD_IRQ_MASK, CARD_IRQ_PUNT | CARD_IRQ_INJECT))
        return false;
    /* post every punt buffer, then enable (the driver's order) */
    for (unsigned i = 0; i < (1u << sc->punt_log2); i++)
        post_punt(t);
    if (!reg_write(t, pb + CARD_PUNT_TAIL, t->p_tail) ||
        !reg_write(t, pb + CARD_PUNT_RING_CTRL, CARD_RING_ENABLE) ||
        !reg_write(t, ib + CARD_INJECT_RING_CTRL, CARD_RING_ENABLE))
        return false;
    return true;
}

static void make_frames(struct tb *t)
{
    const struct scenario *sc = t->sc;
    t->pf_n = sc->n_punt;
    for (unsigned i = 0; i < t->pf_n; i++) {
        struct pframe *f = &t->pf[i];
        f->len = (uint16_t)cosim_range(&t->rng, sc->punt_min, sc->punt_max);
        for (unsigned b = 0; b < f->len; b++)
            f->data[b] = (uint8_t)cosim_rand(&t->rng);
        f->reason = (uint8_t)cosim_range(&t->rng, 1, 7);
        f->channel = (uint8_t)cosim_rand(&t->rng);
        f->session = (uint16_t)cosim_rand(&t->rng);
        f->dropped = false;
    }
    t->inj_n = sc->n_inject;
    for (unsigned i = 0; i < t->inj_n; i++) {
        struct iframe *f = &t->inj[i];
        f->bad = cosim_chance(&t->rng, sc->bad_pct);
        f->kind = (uint8_t)cosim_range(&t->rng, 1, 3);
        f->len = (uint16_t)cosim_range(&t->rng, 1, cosim_chance(&t->rng, 20) ? 4096 : 300);
        if (sc->inj_len)
            f->len = (uint16_t)sc->inj_len;
        f->target = f->kind == CARD_INJECT_KIND_CHANNEL_PPP
                        ? (uint16_t)cosim_range(&t->rng, 0, CARD_DMA_N_CH - 1)
                        : (uint16_t)cosim_range(&t->rng, 1, (1u << CARD_DMA_SESS_AW) - 1);
        if (f->bad) {
            switch (cosim_rand(&t->rng) % 5) {
            case 0: f->kind = cosim_chance(&t->rng, 50) ? 0 : (uint8_t)cosim_range(&t->rng, 4, 255); break;
            case 1: f->len = 0; break;
            case 2: f->len = (uint16_t)cosim_range(&t->rng, CARD_DMA_INJECT_MAX_LEN + 1, 65535); break;
            case 3: f->kind = CARD_INJECT_KIND_CHANNEL_PPP;
                f->target = (uint16_t)cosim_range(&t->rng, CARD_DMA_N_CH, 65535); break;
            default: f->kind = CARD_INJECT_KIND_SESSION_PPP;
                f->target = cosim_chance(&t->rng, 50) ? 0
                            : (uint16_t)cosim_range(&t->rng, 1u << CARD_DMA_SESS_AW, 65535);
                break;
            }
        }
    }
}

/* The frame octet of inject descriptor i, offset k (a function of both, so
 * a frame from the wrong buffer or offset shows). */
static uint8_t inj_octet(unsigned i, unsigned k)
{
    return (uint8_t)(i * 131u + k * 7u + (k >> 8) * 3u + 0x5Au);
}

static void write_inject(struct tb *t)
{
    const struct scenario *sc = t->sc;
    unsigned i = t->inj_written;
    const struct iframe *f = &t->inj[i];
    uint32_t slot = t->i_tail & ((1u << sc->inj_log2) - 1);
    uint8_t *d = t->mem + INJ_DESC_OFF + slot * CARD_DESC_SIZE;
    /* odd start addresses too: the card must not assume alignment */
    uint64_t bus = MEM_BUS + INJ_BUF_OFF + (uint64_t)slot * 4096 * 2 + (i % 3);
    uint8_t *buf = mem_at(t, bus, 4096);
    unsigned n = f->len <= 4096 ? f->len : 0;
    for (unsigned k = 0; k < n; k++)
        buf[k] = inj_octet(i, k);
    put32(d + CARD_INJECT_DESC_ADDR_LO, (uint32_t)bus);
    put32(d + CARD_INJECT_DESC_ADDR_HI, (uint32_t)(bus >> 32));
    put32(d + CARD_INJECT_DESC_LEN, (uint32_t)f->kind << 16 | f->len);
    put32(d + CARD_INJECT_DESC_TARGET, f->target | 0xABCD0000u);  /* 31:16 reserved */
    t->i_tail++;
    t->inj_written++;
}

/* The next frame the punt ring should hold: skip the ones dropped. */
static struct pframe *next_punt(struct tb *t)
{
    while (t->pf_next < t->pf_in && t->pf[t->pf_next].dropped)
        t->pf_next++;
    return t->pf_next < t->pf_in ? &t->pf[t->pf_next] : NULL;
}

/* Takes every completed punt descriptor up to the HEAD last read. */
static bool take_punts(struct tb *t, bool *repost)
{
    const struct scenario *sc = t->sc;
    for (; t->p_head != t->p_hw_head; t->p_head++) {
        uint32_t slot = t->p_head & ((1u << sc->punt_log2) - 1);
        const uint8_t *d = t->mem + PUNT_DESC_OFF + slot * CARD_DESC_SIZE;
        uint32_t len = get32(d + CARD_PUNT_DESC_LEN), meta = get32(d + CARD_PUNT_DESC_META);
        struct pframe *f = next_punt(t);
        char msg[200];
        if (!f)
            return fail(t, "punt descriptor completed with no frame sent to it");
        uint32_t want_meta = (uint32_t)f->session << 16 | (uint32_t)f->channel << 8 | f->reason;
        if (meta != want_meta || (len & 0xFFFF) != t->p_bufsz[slot]) {
            snprintf(msg, sizeof msg, "punt frame %u: META 0x%08x LEN 0x%08x, expected META "
                     "0x%08x buffer %u", t->pf_next, meta, len, want_meta, t->p_bufsz[slot]);
            return fail(t, msg);
        }
        if (f->len > t->p_bufsz[slot]) {
            if (len >> 16 != 0)
                return fail(t, "frame longer than its buffer completed with a length");
            t->too_long++;
        } else {
            const uint8_t *buf = t->mem + PUNT_BUF_OFF + (size_t)slot * 2048;
            if (len >> 16 != f->len || memcmp(buf, f->data, f->len) != 0) {
                snprintf(msg, sizeof msg, "punt frame %u (%u octets): length %u or octets "
                         "differ in host memory", t->pf_next, f->len, len >> 16);
                return fail(t, msg);
            }
            if (f->len < 2048 && buf[f->len] != 0xA5)
                return fail(t, "punt wrote past the frame's end");
            t->punted++;
            t->punt_octets += f->len;
        }
        t->pf_next++;
        post_punt(t);
        *repost = true;
    }
    return true;
}

/* Serves the DMA master: read requests, completions, writes. */
static bool dma_inputs(struct tb *t, IO *in)
{
    const struct scenario *sc = t->sc;
    in->m_dma_rd_ready = t->n_rd < MAX_READS && cosim_chance(&t->rng, sc->rd_ready_pct);
    in->m_dma_wr_ready = cosim_chance(&t->rng, sc->wr_ready_pct);
    in->s_dma_rc_valid = 0;
    in->s_dma_rc_tag = cosim_rand(&t->rng) & 7;   /* junk while not valid */
    in->s_dma_rc_err = cosim_rand(&t->rng) & 1;
    uint8_t junk[DW];
    for (unsigned k = 0; k < DW; k++)
        junk[k] = (uint8_t)cosim_rand(&t->rng);
    memcpy(&in->s_dma_rc_data, junk, DW);
    if (t->n_rd == 0 || !cosim_chance(&t->rng, sc->rc_pct))
        return true;
    /* in order: the oldest, when its time has come; out of order: any whose
     * time has come, beats of different reads interleaved */
    unsigned pick = 0;
    if (sc->ooo) {
        unsigned ready[MAX_READS], n = 0;
        for (unsigned i = 0; i < t->n_rd; i++)
            if (t->rd[i].ready_at <= t->c->cycle)
                ready[n++] = i;
        if (n == 0)
            return true;
        pick = ready[cosim_rand(&t->rng) % n];
        if (pick != 0)
            t->ooo_beats++;
    } else if (t->rd[0].ready_at > t->c->cycle) {
        return true;
    }
    struct dma_read *r = &t->rd[pick];
    const uint8_t *src = mem_at(t, r->addr, r->len);
    if (!src)
        return fail(t, "DMA read outside host memory");
    uint8_t beat[DW];
    for (unsigned k = 0; k < DW; k++) {
        unsigned off = r->beat * DW + k;
        beat[k] = off < r->len && !r->err ? src[off] : 0;
    }
    in->s_dma_rc_valid = 1;
    in->s_dma_rc_tag = r->tag;
    in->s_dma_rc_err = r->err;
    memcpy(&in->s_dma_rc_data, beat, DW);
    r->beat++;
    if ((unsigned)r->beat * DW >= r->len) {
        memmove(&t->rd[pick], &t->rd[pick + 1], (t->n_rd - pick - 1) * sizeof t->rd[0]);
        t->n_rd--;
    }
    return true;
}

static bool dma_outputs(struct tb *t, const IO *in, const IO *o)
{
    const struct scenario *sc = t->sc;
    if (o->m_dma_rd_valid && in->m_dma_rd_ready) {
        if (o->m_dma_rd_len == 0 || !mem_at(t, o->m_dma_rd_addr, o->m_dma_rd_len))
            return fail(t, "DMA read request outside host memory or empty");
        for (unsigned i = 0; i < t->n_rd; i++)
            if (t->rd[i].tag == o->m_dma_rd_tag)
                return fail(t, "DMA read tag reused while still outstanding");
        bool err = false;
        if (o->m_dma_rd_tag == CARD_DMA_TAG_PUNT_DESC)
            t->rd_punt++;
        else
            t->rd_inj++;
        if (o->m_dma_rd_tag == CARD_DMA_TAG_INJ_DESC) {
            err = ++t->inj_desc_reads == sc->err_inj_desc;
            /* a descriptor read is issued only when every descriptor before
             * it is done: HEAD is the first one it brings */
            if (err)
                t->err_head = t->inj_eng;
        }
        t->rd[t->n_rd++] = (struct dma_read){
            .tag = (uint8_t)o->m_dma_rd_tag, .addr = o->m_dma_rd_addr,
            .len = (uint16_t)o->m_dma_rd_len,
            .ready_at = t->c->cycle + cosim_range(&t->rng, sc->lat_min, sc->lat_max),
            .err = err};
    }
    if (o->m_dma_wr_valid && in->m_dma_wr_ready) {
        uint8_t *dst = mem_at(t, o->m_dma_wr_addr, DW);
        t->wr_beats++;
        if (!dst)
            return fail(t, "DMA write outside host memory");
        uint8_t beat[DW];
        memcpy(beat, &o->m_dma_wr_data, DW);
        for (unsigned k = 0; k < DW; k++)
            if (o->m_dma_wr_be >> k & 1)
                dst[k] = beat[k];
    }
    return true;
}

/* Interrupt moderation, exactly (regmap block IRQ): with PUNT and INJECT
 * enabled and never cleared, irq pulses iff some event came since the
 * last pulse and MOD_CYCLES have passed or MOD_COUNT events gathered. */
static bool check_irq(struct tb *t, const IO *o)
{
    const struct scenario *sc = t->sc;
    uint64_t now = t->c->cycle;
    bool due = t->ev_since > 0 &&
               (!t->irq_seen || now - t->last_irq >= sc->mod_cycles ||
                (sc->mod_count != 0 && t->ev_since >= sc->mod_count));
    if (o->irq != due) {
        char msg[160];
        snprintf(msg, sizeof msg, "irq=%u, moderation says %u (%u events since the last, "
                 "%" PRIu64 " cycles ago)", (unsigned)o->irq, due, t->ev_since,
                 t->irq_seen ? now - t->last_irq : 0);
        return fail(t, msg);
    }
    if (o->irq) {
        t->irqs++;
        t->irq_seen = true;
        t->last_irq = now;
        t->ev_since = 0;
    }
    t->ev_since += (unsigned)o->cnt_punt_frames + (unsigned)o->cnt_inject_frames +
                   (unsigned)o->cnt_inject_bad_desc;
    return true;
}

/* The next descriptor the sink expects a frame from: bad ones never come. */
static const struct iframe *next_inject(struct tb *t)
{
    while (t->inj_out < t->inj_written && t->inj[t->inj_out].bad)
        t->inj_out++;
    return t->inj_out < t->inj_written ? &t->inj[t->inj_out] : NULL;
}

static bool inject_sink(struct tb *t, const IO *in, const IO *o)
{
    /* the card finishes descriptors in ring order: refused exactly when bad */
    if (o->cnt_inject_bad_desc || o->cnt_inject_frames) {
        if (o->cnt_inject_bad_desc && o->cnt_inject_frames)
            return fail(t, "INJECT_FRAMES and INJECT_BAD_DESC in one cycle");
        if (t->inj_eng >= t->inj_written)
            return fail(t, "inject descriptor finished that was never written");
        if (t->inj[t->inj_eng].bad != (bool)o->cnt_inject_bad_desc)
            return fail(t, o->cnt_inject_bad_desc ? "INJECT_BAD_DESC for a good descriptor"
                                                  : "a bad inject descriptor was sent");
        if (o->cnt_inject_bad_desc) {
            t->bad_desc++;
            t->cnt_bad_ep++;
        } else {
            t->cnt_inj_ep++;
        }
        t->inj_eng++;
    }
    if (!(o->m_inject_tvalid && in->m_inject_tready))
        return true;
    const struct iframe *f = next_inject(t);
    if (!f || t->inj_out >= t->inj_eng + 1)
        return fail(t, "inject frame out before its descriptor was taken");
    unsigned off = t->inj_beat * DW, n = f->len - off;
    bool last = n <= DW;
    if (n > DW)
        n = DW;
    uint16_t keep = (uint16_t)((1u << n) - 1);
    uint8_t beat[DW];
    memcpy(beat, &o->m_inject_tdata, DW);
    bool same = true;
    for (unsigned k = 0; k < n; k++)
        same &= beat[k] == inj_octet(t->inj_out, off + k);
    if (!same || o->m_inject_tkeep != keep ||
        o->m_inject_tlast != last || o->m_inject_tuser_kind != f->kind ||
        o->m_inject_tuser_target != f->target || o->m_inject_tuser_len != f->len) {
        char msg[240];
        snprintf(msg, sizeof msg, "inject frame %u beat %u: data %s, keep 0x%04x last %u kind %u "
                 "target %u len %u; expected keep 0x%04x last %u kind %u target %u len %u",
                 t->inj_out, t->inj_beat, same ? "right" : "wrong",
                 (unsigned)o->m_inject_tkeep, (unsigned)o->m_inject_tlast,
                 (unsigned)o->m_inject_tuser_kind, (unsigned)o->m_inject_tuser_target,
                 (unsigned)o->m_inject_tuser_len, keep, last, f->kind, f->target, f->len);
        return fail(t, msg);
    }
    t->inj_beat++;
    if (last) {
        t->inj_beat = 0;
        t->inj_out++;
        t->injected++;
        t->inj_octets += f->len;
    }
    return true;
}

/* One episode; false on any failure (already printed). */
static bool run_scenario(struct tb *t, const struct scenario *sc, uint64_t *cycles)
{
    t->sc = sc;
    make_frames(t);
    if (!start_episode(t))
        return false;
    IO *in = cosim_inputs(t->c);
    uint64_t start = t->c->cycle, stalled = 0;
    for (;;) {
        uint64_t now = t->c->cycle - start;
        if (sc->reset_at && now >= sc->reset_at)
            break;                               /* reset in mid-traffic: next episode */
        bool done = t->pf_in == t->pf_n && !t->pf_offer && t->inj_eng == t->inj_n &&
                    next_inject(t) == NULL && t->n_rd == 0 && next_punt(t) == NULL;
        if (done && !sc->reset_at)
            break;
        /* punt source: an offered beat stays until taken (tready is always 1) */
        if (!t->pf_offer && t->pf_in < t->pf_n)
            t->pf_offer = !cosim_chance(&t->rng, sc->gap_pct);
        in->s_punt_tvalid = t->pf_offer;
        if (t->pf_offer) {
            const struct pframe *f = &t->pf[t->pf_in];
            unsigned off = t->pf_beat * DW, n = f->len - off;
            if (n > DW)
                n = DW;
            uint8_t beat[DW];
            for (unsigned k = 0; k < DW; k++)      /* lanes past the end: junk */
                beat[k] = k < n ? f->data[off + k] : (uint8_t)cosim_rand(&t->rng);
            memcpy(&in->s_punt_tdata, beat, DW);
            in->s_punt_tkeep = (1u << n) - 1;
            in->s_punt_tlast = off + n == f->len;
            in->s_punt_tuser_reason = f->reason;
            in->s_punt_tuser_session = f->session;
            in->s_punt_tuser_channel = f->channel;
        } else {
            uint8_t beat[DW];
            for (unsigned k = 0; k < DW; k++)
                beat[k] = (uint8_t)cosim_rand(&t->rng);
            memcpy(&in->s_punt_tdata, beat, DW);
            in->s_punt_tkeep = cosim_rand(&t->rng) & ((1u << DW) - 1);
            in->s_punt_tlast = cosim_rand(&t->rng) & 1;
        }
        in->m_inject_tready = !cosim_chance(&t->rng, sc->bp_pct);
        if (!dma_inputs(t, in))
            return false;
        /* the host: one register access per cycle at most */
        in->reg_wr_en = in->reg_rd_en = 0;
        bool repost = false;
        if (t->rd_pending) {
            /* the answer arrives below */
        } else if (t->doorbell) {
            t->doorbell = false;
            in->reg_wr_en = 1;
            in->reg_addr = CARD_BLK_PUNT_BASE + CARD_PUNT_TAIL;
            in->reg_wdata = t->p_tail;
        } else if (t->inj_written < t->inj_n && t->i_tail - t->i_head < (1u << sc->inj_log2) &&
                   cosim_chance(&t->rng, 30)) {
            write_inject(t);
            in->reg_wr_en = 1;
            in->reg_addr = CARD_BLK_INJECT_BASE + CARD_INJECT_TAIL;
            in->reg_wdata = t->i_tail;
        } else if (cosim_chance(&t->rng, 25)) {
            if (t->stall_left) {
                t->stall_left--;
            } else if (cosim_chance(&t->rng, sc->host_stall_pct)) {
                t->stall_left = sc->host_stall_len;
            } else {
                t->rd_pending = true;
                t->rd_pending_addr = (t->poll++ & 1) ? CARD_BLK_INJECT_BASE + CARD_INJECT_HEAD
                                                     : CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD;
                in->reg_rd_en = 1;
                in->reg_addr = t->rd_pending_addr;
                /* HEAD in this cycle: the descriptors finished before it */
                t->rd_expect = t->rd_pending_addr == CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD
                                   ? t->cnt_frames_ep : t->inj_eng;
            }
        }
        if (!cosim_eval(t->c))
            return false;
        const IO *o = cosim_outputs(t->c);
        bool progress = false;
        if (!o->s_punt_tready)
            return fail(t, "s_punt_tready low: the punt stream must never stall");
        if (o->dma_error != t->err_driven)
            return fail(t, t->err_driven ? "dma_error low after a failed read"
                                         : "dma_error high with no failed read");
        if (in->s_dma_rc_valid && in->s_dma_rc_err)
            t->err_driven = true;
        if (o->cnt_punt_ring_full) {
            if (!in->s_punt_tvalid || t->pf[t->pf_in].dropped)
                return fail(t, "PUNT_RING_FULL twice for one frame, or with no beat");
            if (sc->no_loss)
                return fail(t, "punt frame dropped although the host kept up");
            t->pf[t->pf_in].dropped = true;
            t->dropped_full++;
            t->cnt_full_ep++;
        }
        t->cnt_tl_ep += (unsigned)o->cnt_punt_too_long;
        t->cnt_frames_ep += (unsigned)o->cnt_punt_frames;
        if (in->s_punt_tvalid) {
            progress = true;
            t->pf_offer = false;
            t->pf_beat++;
            if (in->s_punt_tlast) {
                t->pf_in++;
                t->pf_beat = 0;
            }
        }
        if (o->m_inject_tvalid && in->m_inject_tready)
            progress = true;
        if (!dma_outputs(t, in, o) || !inject_sink(t, in, o) || !check_irq(t, o))
            return false;
        if (o->reg_rd_valid && t->rd_pending && !in->reg_rd_en) {
            t->rd_pending = false;
            uint32_t h = (uint32_t)o->reg_rdata;
            if (h != t->rd_expect) {
                char msg[120];
                snprintf(msg, sizeof msg, "HEAD read 0x%08x, the card had finished %u "
                         "descriptors", h, t->rd_expect);
                return fail(t, msg);
            }
            if (t->rd_pending_addr == CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD) {
                if (h - t->p_head > t->p_tail - t->p_head)
                    return fail(t, "punt HEAD outside HEAD..TAIL");
                t->p_hw_head = h;
                progress |= h != t->p_head;
                if (!take_punts(t, &repost))
                    return false;
            } else {
                if (h - t->i_head > t->i_tail - t->i_head)
                    return fail(t, "inject HEAD outside HEAD..TAIL");
                t->i_head = h;
            }
        }
        cosim_tick(t->c);
        t->doorbell |= repost;   /* rung by the next free register cycle */
        stalled = progress || t->n_rd ? 0 : stalled + 1;
        if (stalled > STALL_LIMIT && !t->stall_left)
            return fail(t, "no progress");
    }
    idle_inputs(in);   /* nothing offered while the host looks at registers */
    if (sc->err_inj_desc) {
        /* the failed descriptor read stopped the inject ring right there,
         * and raised CAUSE.DMA_ERROR */
        uint32_t h, cause;
        if (!reg_read(t, CARD_BLK_INJECT_BASE + CARD_INJECT_HEAD, &h) ||
            !reg_read(t, CARD_BLK_IRQ_BASE + CARD_IRQ_CAUSE, &cause))
            return false;
        if (!t->err_driven || h != t->err_head || t->inj_eng != h ||
            !(cause & CARD_IRQ_DMA_ERROR))
            return fail(t, "a failed descriptor read did not stop the inject ring there");
    }
    if (!sc->reset_at) {
        /* drained: every frame accounted for, the counters agree */
        if (t->pf_next != t->pf_n || t->inj_eng != t->inj_n || t->inj_out != t->inj_n)
            return fail(t, "not every frame accounted for");
        if (t->cnt_frames_ep != t->pf_n - t->cnt_full_ep)
            return fail(t, "PUNT_FRAMES differs from the descriptors completed");
        if (t->cnt_inj_ep + t->cnt_bad_ep != t->inj_n)
            return fail(t, "INJECT_FRAMES + INJECT_BAD_DESC differ from the descriptors");
        uint32_t h;
        if (!reg_read(t, CARD_BLK_INJECT_BASE + CARD_INJECT_HEAD, &h))
            return false;
        if (h != t->i_tail)
            return fail(t, "inject HEAD is not TAIL after the drain");
        /* writing ENABLE = 0 puts HEAD at TAIL (the driver's ring setup) */
        if (!reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_TAIL, t->p_tail + 77) ||
            !reg_write(t, CARD_BLK_PUNT_BASE + CARD_PUNT_RING_CTRL, 0) ||
            !reg_read(t, CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD, &h))
            return false;
        if (h != t->p_tail + 77)
            return fail(t, "writing ENABLE = 0 did not reset HEAD to TAIL");
    }
    *cycles += t->c->cycle - start;
    return true;
}

static struct scenario base_scenario(const char *name)
{
    return (struct scenario){
        .name = name, .punt_log2 = 3, .inj_log2 = 3, .n_punt = 60, .n_inject = 60,
        .gap_pct = 10, .bp_pct = 10, .rd_ready_pct = 80, .wr_ready_pct = 80, .rc_pct = 80,
        .lat_min = 20, .lat_max = 60, .ooo = false, .small_buf_pct = 0, .bad_pct = 0,
        .host_stall_pct = 0, .host_stall_len = 0, .mod_cycles = 0, .mod_count = 0,
        .reset_at = 0, .soft_reset = false, .punt_min = 1, .punt_max = 1600,
    };
}

static bool run_print(struct tb *t, const struct scenario *sc)
{
    uint64_t p0 = t->punted, d0 = t->dropped_full, l0 = t->too_long, i0 = t->injected,
             b0 = t->bad_desc, q0 = t->irqs, cyc = 0, po0 = t->punt_octets,
             io0 = t->inj_octets, rp0 = t->rd_punt, ri0 = t->rd_inj, wb0 = t->wr_beats;
    if (!run_scenario(t, sc, &cyc)) {
        fprintf(stderr, "FAILED in scenario \"%s\"\n", sc->name);
        return false;
    }
    printf("  %-46s %7" PRIu64 " cycles: punt %3" PRIu64 " in ring, %3" PRIu64 " full, %2"
           PRIu64 " too long; inject %3" PRIu64 " sent, %2" PRIu64 " refused; %4" PRIu64
           " irqs\n", sc->name, cyc, t->punted - p0, t->dropped_full - d0, t->too_long - l0,
           t->injected - i0, t->bad_desc - b0, t->irqs - q0);
    if (sc->bench) {
        uint64_t np = t->punted - p0, ni = t->injected - i0;
        printf("    punt %.3f octets/cycle, %.2f DMA reads and %.1f write beats per frame; "
               "inject %.3f octets/cycle, %.2f DMA reads per frame\n",
               (double)(t->punt_octets - po0) / (double)cyc,
               np ? (double)(t->rd_punt - rp0) / (double)np : 0.0,
               np ? (double)(t->wr_beats - wb0) / (double)np : 0.0,
               (double)(t->inj_octets - io0) / (double)cyc,
               ni ? (double)(t->rd_inj - ri0) / (double)ni : 0.0);
    }
    return true;
}

/* Valid gaps (per cent of cycles) of the no-loss burst: 64-octet frames
 * then arrive at about a third of the rate the DMA can drain them with a
 * 10..30-cycle read latency. */
#define GAP_NO_LOSS (DW == 8 ? 70 : 85)

static bool directed(struct tb *t)
{
    struct scenario s[24];
    size_t n = 0;
    s[n] = base_scenario("wrap-around, ring of 2, in-order completions");
    s[n].punt_log2 = 1; s[n].inj_log2 = 1; s[n].n_punt = 40; s[n].n_inject = 40; n++;
    s[n] = base_scenario("out-of-order completions, interleaved");
    s[n].ooo = true; s[n].lat_min = 1; s[n].lat_max = 200; n++;
    s[n] = base_scenario("punt burst 25x the ring, host keeps up: no loss");
    s[n].punt_log2 = 3; s[n].n_punt = 200; s[n].n_inject = 0; s[n].gap_pct = GAP_NO_LOSS;
    s[n].lat_min = 10; s[n].lat_max = 30; s[n].rd_ready_pct = 100; s[n].wr_ready_pct = 100;
    s[n].rc_pct = 100; s[n].punt_min = 60; s[n].punt_max = 64; s[n].no_loss = true; n++;
    s[n] = base_scenario("punt burst at line rate, ring of 4: FIFO overflows");
    s[n].punt_log2 = 2; s[n].n_punt = 200; s[n].n_inject = 0; s[n].gap_pct = 0;
    s[n].punt_min = 60; s[n].punt_max = 64; n++;
    s[n] = base_scenario("punt ring full: host stalls, FIFO overflows");
    s[n].punt_log2 = 2; s[n].n_punt = 300; s[n].n_inject = 0; s[n].gap_pct = 0;
    s[n].host_stall_pct = 50; s[n].host_stall_len = 3000; s[n].punt_min = 200;
    s[n].punt_max = 600; n++;
    s[n] = base_scenario("frames longer than the posted buffer");
    s[n].small_buf_pct = 50; s[n].n_inject = 0; n++;
    s[n] = base_scenario("bad inject descriptors skipped");
    s[n].bad_pct = 40; s[n].n_punt = 0; s[n].n_inject = 150; n++;
    s[n] = base_scenario("inject ring full, backpressure 90%");
    s[n].inj_log2 = 1; s[n].bp_pct = 90; s[n].n_punt = 0; s[n].n_inject = 80; n++;
    s[n] = base_scenario("moderation: MOD_CYCLES 500");
    s[n].mod_cycles = 500; s[n].punt_min = 20; s[n].punt_max = 80; n++;
    s[n] = base_scenario("moderation: MOD_CYCLES 5000, MOD_COUNT 4");
    s[n].mod_cycles = 5000; s[n].mod_count = 4; s[n].n_punt = 100; s[n].punt_min = 20;
    s[n].punt_max = 80; n++;
    s[n] = base_scenario("reset (rst) in mid-traffic");
    s[n].reset_at = 3000; s[n].ooo = true; n++;
    s[n] = base_scenario("CTRL.RESET (soft_rst) starts this episode");
    s[n].soft_reset = true; s[n].ooo = true; n++;
    s[n] = base_scenario("soft reset in mid-traffic");
    s[n].soft_reset = true; s[n].reset_at = 2500; n++;
    s[n] = base_scenario("after a mid-traffic reset: clean again");
    n++;
    /* throughput with a fast host: every DMA request taken at once,
     * 10..30-cycle read latency, no gaps, no backpressure */
    static const struct {
        const char *name;
        unsigned punt_len, inj_len, n_punt, n_inject;
    } bench[] = {
        {"throughput: 64-octet punts back to back", 64, 0, 300, 0},
        {"throughput: 1500-octet punts back to back", 1500, 0, 60, 0},
        {"throughput: 64-octet injects", 0, 64, 0, 300},
        {"throughput: 1500-octet injects", 0, 1500, 0, 60},
    };
    for (size_t i = 0; i < sizeof bench / sizeof bench[0]; i++) {
        s[n] = base_scenario(bench[i].name);
        s[n].punt_log2 = 6; s[n].inj_log2 = 6; s[n].gap_pct = 0; s[n].bp_pct = 0;
        s[n].rd_ready_pct = 100; s[n].wr_ready_pct = 100; s[n].rc_pct = 100;
        s[n].lat_min = 10; s[n].lat_max = 30; s[n].n_punt = bench[i].n_punt;
        s[n].n_inject = bench[i].n_inject; s[n].inj_len = bench[i].inj_len;
        s[n].punt_min = s[n].punt_max = bench[i].punt_len ? bench[i].punt_len : 64;
        s[n].bench = true; n++;
    }
    s[n] = base_scenario("failed DMA read: rings stop, DMA_ERROR");
    s[n].err_inj_desc = 4; s[n].n_inject = 12; s[n].reset_at = 12000; n++;
    s[n] = base_scenario("CTRL.RESET after the DMA error: clean again");
    s[n].soft_reset = true; n++;
    for (size_t i = 0; i < n; i++)
        if (!run_print(t, &s[i]))
            return false;
    return true;
}

static bool random_traffic(struct tb *t, uint64_t cycles)
{
    static const unsigned pcts[] = {0, 0, 5, 10, 30, 60, 90};
    uint64_t start = t->c->cycle, episodes = 0;
    struct scenario sc;
    while (t->c->cycle - start < cycles) {
        sc = base_scenario("random");
        sc.punt_log2 = (unsigned)cosim_range(&t->rng, 1, 6);
        sc.inj_log2 = (unsigned)cosim_range(&t->rng, 1, 6);
        sc.n_punt = (unsigned)cosim_range(&t->rng, 0, 200);
        sc.n_inject = (unsigned)cosim_range(&t->rng, 0, 200);
        sc.gap_pct = pcts[cosim_rand(&t->rng) % 7];
        sc.bp_pct = pcts[cosim_rand(&t->rng) % 7];
        sc.rd_ready_pct = (unsigned)cosim_range(&t->rng, 20, 100);
        sc.wr_ready_pct = (unsigned)cosim_range(&t->rng, 20, 100);
        sc.rc_pct = (unsigned)cosim_range(&t->rng, 20, 100);
        sc.lat_min = (unsigned)cosim_range(&t->rng, 1, 50);
        sc.lat_max = sc.lat_min + (unsigned)cosim_range(&t->rng, 0, 300);
        sc.ooo = cosim_chance(&t->rng, 50);
        sc.small_buf_pct = pcts[cosim_rand(&t->rng) % 4];
        sc.bad_pct = pcts[cosim_rand(&t->rng) % 4];
        sc.host_stall_pct = pcts[cosim_rand(&t->rng) % 4];
        sc.host_stall_len = (unsigned)cosim_range(&t->rng, 10, 3000);
        sc.mod_cycles = cosim_chance(&t->rng, 30) ? 0 : (uint32_t)cosim_range(&t->rng, 1, 2000);
        sc.mod_count = cosim_chance(&t->rng, 50) ? 0 : (uint32_t)cosim_range(&t->rng, 1, 16);
        sc.reset_at = cosim_chance(&t->rng, 20) ? cosim_range(&t->rng, 1, 20000) : 0;
        sc.soft_reset = cosim_chance(&t->rng, 30);
        sc.punt_min = (unsigned)cosim_range(&t->rng, 1, 200);
        sc.punt_max = sc.punt_min + (unsigned)cosim_range(&t->rng, 0, MAX_PUNT_LEN - 200);
        uint64_t cyc = 0;
        if (!run_scenario(t, &sc, &cyc)) {
            fprintf(stderr, "FAILED in random episode %" PRIu64 "\n", episodes);
            return false;
        }
        episodes++;
    }
    printf("  random: %" PRIu64 " episodes, %" PRIu64 " cycles\n", episodes,
           t->c->cycle - start);
    return true;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, 2000000))
        return 2;
    struct cosim c;
    if (!cosim_init_engines(&c, &COSIM_CAT(COSIM_BLOCK, _block), COSIM_RTL_OPS(COSIM_BLOCK),
                            &COSIM_CAT(COSIM_BLOCK, _model_ops), &args, stderr))
        return 2;
    struct tb t = {.c = &c, .rng = args.seed};
    t.mem = calloc(1, MEM_SIZE);
    t.pf = calloc(MAX_FRAMES, sizeof *t.pf);
    t.inj = calloc(MAX_FRAMES, sizeof *t.inj);
    if (!t.mem || !t.pf || !t.inj) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    printf("%s: seed %" PRIu64 ", engines:%s model\n", BLOCK_NAME, args.seed,
           args.model_only ? "" : " rtl");
    t.sc = &(struct scenario){.name = "registers"};
    idle_inputs(cosim_inputs(&c));
    IO *in = cosim_inputs(&c);
    in->rst = 1;
    bool ok = step(&t) && step(&t);
    in->rst = 0;
    ok = ok && check_chain(&t) && directed(&t) && random_traffic(&t, args.cycles);
    ok = ok && cosim_run_chaos(&c, args.cycles / 20, &t.rng, 5);
    if (ok) {
        printf("%s: punt %" PRIu64 " frames into host memory, %" PRIu64 " dropped (FIFO "
               "full), %" PRIu64 " too long; inject %" PRIu64 " frames, %" PRIu64 " refused; %"
               PRIu64 " interrupts; %" PRIu64 " completion beats out of order\n", BLOCK_NAME,
               t.punted,
               t.dropped_full, t.too_long, t.injected, t.bad_desc, t.irqs, t.ooo_beats);
        cosim_print_speed(&c, stdout);
    }
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK_NAME, ok ? "PASS" : "FAIL", c.cycle);
    free(t.mem);
    free(t.pf);
    free(t.inj);
    cosim_free(&c);
    return ok ? 0 : 1;
}
