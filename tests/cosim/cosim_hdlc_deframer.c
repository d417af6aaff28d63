/* Lockstep test of hw/hdlc_deframer.sv against model/hdlc_deframer.c, and of
 * both against host/proto's streaming deframer (hdlc_rx_push): the same line
 * octets go into the reference, whose events and frames the card's output
 * must reproduce byte for byte, outcome for outcome.
 *
 * A case is a line stream built from segments (good frames, frames with
 * discardable line noise, bad FCS, aborts, runts, over-MRU, flag runs,
 * garbage, FCS-mode mismatches), each with its own receive configuration.
 * The configuration ports carry the right values only while a flag is
 * offered (the documented sampling point) and random values otherwise; the
 * reference is reconfigured after each flag it receives, as the RTL is. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "fcs.h"
#include "hdlc.h"
#include "hdlc_deframer.h"
#include "ppp_const.h"

#define COSIM_BLOCK hdlc_deframer
#define COSIM_PORTS_DEF "hdlc_deframer_ports.def"
#include "cosim_model.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

/* Built twice: with the Verilated RTL, and (COSIM_MODEL_ONLY) without it,
 * so the model and this testbench also run under ASan+UBSan. */
#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops hdlc_deframer_rtl_ops;
#endif

#define MAX_DATA 4096
#define RX_BUF (65535 + PPP_FCS32_LEN + 1)
#define STALL_CYCLES 10000
#define NO_OUTPUT SIZE_MAX

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

/* ---- the line stream of a case ---- */

struct rx_cfg {
    bool fcs32;
    uint32_t accm;
    uint16_t mru;
};

struct stream {
    uint8_t *oct;
    uint32_t *cfg;          /* index into cfgs: frame octets' frame, a flag's next frame */
    size_t len, cap;
    struct rx_cfg *cfgs;
    size_t n_cfgs, cfgs_cap;
};

static void push(struct stream *s, uint8_t v)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4096;
        s->oct = xrealloc(s->oct, s->cap);
        s->cfg = xrealloc(s->cfg, s->cap * sizeof *s->cfg);
    }
    s->oct[s->len] = v;
    s->cfg[s->len] = (uint32_t)(s->n_cfgs - 1);
    s->len++;
}

static void new_cfg(struct stream *s, struct rx_cfg c)
{
    if (s->n_cfgs == s->cfgs_cap) {
        s->cfgs_cap = s->cfgs_cap ? 2 * s->cfgs_cap : 64;
        s->cfgs = xrealloc(s->cfgs, s->cfgs_cap * sizeof *s->cfgs);
    }
    s->cfgs[s->n_cfgs++] = c;
}

/* A flag takes the configuration of the frame that follows it. */
static void finish(struct stream *s)
{
    push(s, HDLC_FLAG);
    uint32_t next = s->cfg[s->len - 1];
    for (size_t i = s->len; i-- > 0;) {
        if (s->oct[i] == HDLC_FLAG)
            s->cfg[i] = next;
        else
            next = s->cfg[i];
    }
}

enum seg {
    SEG_GOOD, SEG_NOISE, SEG_BAD_FCS, SEG_ABORT, SEG_RUNT, SEG_LONG, SEG_FLAGS, SEG_GARBAGE,
    SEG_FCS_MISMATCH, SEG_ODD_ESCAPES, SEG_COUNT
};

static uint32_t random_accm(uint64_t *rng)
{
    switch (cosim_rand(rng) % 4) {
    case 0: return 0;
    case 1: return PPP_DEFAULT_ACCM;
    default: return (uint32_t)cosim_rand(rng);
    }
}

static uint16_t random_mru(uint64_t *rng)
{
    static const uint16_t mrus[] = {1, 2, 5, 64, 300, 1500, 1500, 1600, 4000, 65535};
    return mrus[cosim_rand(rng) % (sizeof mrus / sizeof mrus[0])];
}

static size_t random_len(uint64_t *rng, size_t max)
{
    size_t len;
    switch (cosim_rand(rng) % 8) {
    case 0: case 1: case 2: len = (size_t)cosim_range(rng, 1, 8); break;
    case 3: case 4: case 5: len = (size_t)cosim_range(rng, 9, 300); break;
    default: len = (size_t)cosim_range(rng, 301, MAX_DATA); break;
    }
    return len < max ? len : max;
}

/* Appends one frame as hdlc_encode frames it. */
static void put_frame(struct stream *s, const uint8_t *data, size_t len, uint32_t tx_accm,
                      bool fcs32, bool opening_flag)
{
    struct hdlc_tx_config cfg = {tx_accm, fcs32 ? HDLC_FCS_32 : HDLC_FCS_16, opening_flag};
    size_t cap = hdlc_encoded_max(len, cfg.fcs), n;
    uint8_t *buf = xrealloc(NULL, cap);
    struct proto_error err;
    if (hdlc_encode(&cfg, data, len, buf, cap, &n, &err) != PROTO_OK) {
        char msg[200];
        fprintf(stderr, "hdlc_encode: %s\n", proto_error_format(&err, msg, sizeof msg));
        exit(2);
    }
    for (size_t i = 0; i < n; i++)
        push(s, buf[i]);
    free(buf);
}

static void random_data(uint64_t *rng, uint8_t *d, size_t len)
{
    for (size_t i = 0; i < len; i++)
        d[i] = (uint8_t)cosim_rand(rng);
}

/* A good frame in which many octets that need no escaping are escaped anyway
 * (0x5E excepted: 7D 7E is an abort), with frequent 0x5D so that 7D 7D shows
 * up on the line. */
static void put_odd_escapes(struct stream *s, uint64_t *rng, uint8_t *data, size_t len,
                            struct rx_cfg c)
{
    uint8_t fcs[PPP_FCS32_LEN];
    size_t fcs_len = c.fcs32 ? PPP_FCS32_LEN : PPP_FCS16_LEN;
    for (size_t i = 0; i < len; i++)
        if (cosim_chance(rng, 30))
            data[i] = 0x5D;
    uint32_t v = c.fcs32 ? ~fcs32_update(PPP_FCS32_INIT, data, len)
                         : (uint16_t)~fcs16_update(PPP_FCS16_INIT, data, len);
    for (size_t i = 0; i < fcs_len; i++)
        fcs[i] = (uint8_t)(v >> (8 * i));
    push(s, HDLC_FLAG);
    for (size_t i = 0; i < len + fcs_len; i++) {
        uint8_t b = i < len ? data[i] : fcs[i - len];
        bool must = hdlc_tx_escapes(c.accm, b);
        if (must || (b != 0x5E && cosim_chance(rng, 50))) {
            push(s, HDLC_ESCAPE);
            push(s, b ^ HDLC_ESCAPE_XOR);
        } else {
            push(s, b);
        }
    }
    push(s, HDLC_FLAG);
}

/* Appends one segment of the given kind under a fresh receive configuration. */
static void put_segment(struct stream *s, uint64_t *rng, enum seg kind, struct rx_cfg c)
{
    uint8_t data[MAX_DATA + 16];
    new_cfg(s, c);
    /* the transmitter escapes at least what the receiver discards */
    uint32_t tx_accm = c.accm | (cosim_chance(rng, 50) ? (uint32_t)cosim_rand(rng) : 0);
    bool opening = cosim_chance(rng, 50) || s->len == 0;
    size_t max = c.mru ? c.mru : 1;
    size_t len = random_len(rng, max);
    random_data(rng, data, len);

    switch (kind) {
    case SEG_GOOD:
        put_frame(s, data, len, tx_accm, c.fcs32, opening);
        break;
    case SEG_NOISE: {
        /* flagged controls inserted unescaped: the receiver drops them */
        size_t start = s->len;
        put_frame(s, data, len, tx_accm, c.fcs32, opening);
        size_t n = (size_t)cosim_range(rng, 1, 8);
        for (size_t k = 0; k < n && c.accm; k++) {
            uint8_t ctl;
            do
                ctl = (uint8_t)(cosim_rand(rng) % 32);
            while (!((c.accm >> ctl) & 1u));
            size_t at = (size_t)cosim_range(rng, start + 1, s->len - 1);
            push(s, 0);
            memmove(&s->oct[at + 1], &s->oct[at], s->len - 1 - at);
            memmove(&s->cfg[at + 1], &s->cfg[at], (s->len - 1 - at) * sizeof *s->cfg);
            s->oct[at] = ctl;
        }
        break;
    }
    case SEG_BAD_FCS: {
        size_t start = s->len + (opening ? 1 : 0);
        put_frame(s, data, len, tx_accm, c.fcs32, opening);
        size_t at = (size_t)cosim_range(rng, start, s->len - 2);
        s->oct[at] ^= (uint8_t)(1u << (cosim_rand(rng) % 8));
        break;
    }
    case SEG_ABORT: {
        size_t start = s->len;
        put_frame(s, data, len, tx_accm, c.fcs32, opening);
        /* cut anywhere after the opening flag, then 7D 7E */
        s->len = (size_t)cosim_range(rng, start + (opening ? 1 : 0), s->len - 1);
        if (s->len > start && s->oct[s->len - 1] == HDLC_ESCAPE)
            s->len--;
        push(s, HDLC_ESCAPE);
        push(s, HDLC_FLAG);
        break;
    }
    case SEG_RUNT: {
        size_t n = (size_t)cosim_range(rng, 1, c.fcs32 ? PPP_FCS32_LEN : PPP_FCS16_LEN);
        if (opening)
            push(s, HDLC_FLAG);
        for (size_t i = 0; i < n; i++)
            push(s, (uint8_t)cosim_range(rng, 0x20, 0x7C));
        push(s, HDLC_FLAG);
        break;
    }
    case SEG_LONG: {
        /* around the MRU: exactly it (good), or a few octets over */
        size_t over = (size_t)cosim_range(rng, 0, 3);
        size_t n = c.mru + over <= MAX_DATA ? c.mru + over : MAX_DATA;
        random_data(rng, data, n);
        put_frame(s, data, n, tx_accm, c.fcs32, opening);
        break;
    }
    case SEG_FLAGS: {
        size_t n = (size_t)cosim_range(rng, 1, 4);
        for (size_t i = 0; i < n; i++)
            push(s, HDLC_FLAG);
        if (cosim_chance(rng, 30)) {  /* 7E 7D 7E: an abort of an empty frame */
            push(s, HDLC_ESCAPE);
            push(s, HDLC_FLAG);
        }
        break;
    }
    case SEG_GARBAGE: {
        size_t n = (size_t)cosim_range(rng, 1, 64);
        for (size_t i = 0; i < n; i++)
            push(s, (uint8_t)cosim_rand(rng));
        break;
    }
    case SEG_FCS_MISMATCH:
        put_frame(s, data, len, tx_accm, !c.fcs32, opening);
        break;
    case SEG_ODD_ESCAPES:
        /* §4.2 lets a sender escape any octet: 0x5D as 7D 7D, 0x41 as 7D 61 */
        put_odd_escapes(s, rng, data, len, c);
        break;
    default:
        break;
    }
}

/* ---- what the reference expects ---- */

struct expect_ev {
    uint8_t code;
    size_t out_len;         /* octets the card puts out for it, or NO_OUTPUT */
    size_t off;             /* into the arena */
};

struct checker {
    const struct hdlc_rx *rx;
    struct expect_ev *ev;
    size_t n_ev, cap_ev;
    uint8_t *arena;
    size_t arena_len, arena_cap;
};

static void on_frame(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    struct checker *k = ctx;
    size_t fcs_len = hdlc_fcs_len(k->rx->cfg.fcs);
    size_t out = NO_OUTPUT;
    if (ev == HDLC_RX_FRAME)
        out = len;                      /* the FCS is already removed */
    else if (ev != HDLC_RX_RUNT && len >= fcs_len + 1)
        out = len - fcs_len;            /* the octets the delay line let out */
    if (k->n_ev == k->cap_ev) {
        k->cap_ev = k->cap_ev ? 2 * k->cap_ev : 256;
        k->ev = xrealloc(k->ev, k->cap_ev * sizeof *k->ev);
    }
    size_t n = out == NO_OUTPUT ? 0 : out;
    if (k->arena_len + n > k->arena_cap) {
        k->arena_cap = 2 * (k->arena_len + n) + 4096;
        k->arena = xrealloc(k->arena, k->arena_cap);
    }
    memcpy(k->arena + k->arena_len, frame, n);
    k->ev[k->n_ev++] = (struct expect_ev){(uint8_t)ev, out, k->arena_len};
    k->arena_len += n;
}

/* ---- running a case ---- */

struct tb {
    struct cosim *c;
    uint64_t rng;
    uint8_t *rx_buf;
    uint64_t in_octets, out_octets, cycles, events[5], accm_discards;
};

struct case_stats {
    uint64_t cycles, in_octets, out_octets;
};

struct tb_case {
    const char *name;
    struct stream *s;
    unsigned gap_pct, bp_pct;
};

static const char *event_name(unsigned code)
{
    static const char *names[] = {"FRAME", "BAD_FCS", "ABORT", "RUNT", "TOO_LONG"};
    return code < 5 ? names[code] : "?";
}

static bool run_case(struct tb *t, const struct tb_case *kc, struct case_stats *st)
{
    struct hdlc_deframer_io *in = cosim_inputs(t->c);
    const struct stream *s = kc->s;
    const char *eng = t->c->engine[0].ops->name;
    memset(st, 0, sizeof *st);

    struct hdlc_rx rx;
    struct hdlc_rx_config rc = {PPP_DEFAULT_ACCM, HDLC_FCS_16, PPP_DEFAULT_MRU};
    if (hdlc_rx_init(&rx, &rc, t->rx_buf, RX_BUF) != PROTO_OK) {
        fprintf(stderr, "hdlc_rx_init failed\n");
        return false;
    }
    struct checker k = {.rx = &rx};
    uint8_t cur[MAX_DATA + 70000];
    size_t cur_len = 0, next_pulse = 0, next_frame = 0;
    uint64_t discards = 0;
    bool ok = true;

    for (int i = 0; i < 3; i++) {
        in->rst = 1;
        in->s_tvalid = cosim_rand(&t->rng) & 1;   /* ignored in reset */
        in->s_tdata = cosim_rand(&t->rng);
        in->m_tready = cosim_chance(&t->rng, 50);
        if (!cosim_eval(t->c))
            return false;
        cosim_tick(t->c);
    }
    in->rst = 0;

    size_t pos = 0;
    bool offering = false;
    uint64_t idle = 0, stalled = 0;
    while (ok && (pos < s->len || idle < 16)) {
        if (!offering && pos < s->len)
            offering = !cosim_chance(&t->rng, kc->gap_pct);
        in->s_tvalid = offering;
        in->s_tdata = offering ? s->oct[pos] : cosim_rand(&t->rng) & 0xFF;
        uint64_t junk = cosim_rand(&t->rng);
        if (offering && s->oct[pos] == HDLC_FLAG) {
            const struct rx_cfg *c = &s->cfgs[s->cfg[pos]];
            in->cfg_fcs32 = c->fcs32;
            in->cfg_accm = c->accm;
            in->cfg_mru = c->mru;
        } else {
            in->cfg_fcs32 = junk & 1;
            in->cfg_accm = junk >> 8;
            in->cfg_mru = junk >> 40;
        }
        in->m_tready = !cosim_chance(&t->rng, kc->bp_pct);
        if (!cosim_eval(t->c))
            return false;

        const struct hdlc_deframer_io *o = cosim_outputs(t->c);
        bool progress = false;
        if (o->s_tvalid && o->s_tready) {
            uint8_t v = s->oct[pos];
            hdlc_rx_push(&rx, &v, 1, on_frame, &k);
            if (v == HDLC_FLAG)     /* the RTL samples its configuration here */
                rx.cfg = (struct hdlc_rx_config){(uint32_t)in->cfg_accm,
                                                 in->cfg_fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                                 (size_t)in->cfg_mru};
            pos++;
            offering = false;
            progress = true;
            st->in_octets++;
        }
        if (o->ev_valid) {
            if (next_pulse >= k.n_ev || k.ev[next_pulse].code != o->ev_code) {
                fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": event %zu: %s ev_code=%s, "
                        "reference %s\n", t->c->cycle, kc->name, next_pulse, eng,
                        event_name((unsigned)o->ev_code),
                        next_pulse < k.n_ev ? event_name(k.ev[next_pulse].code) : "none");
                ok = false;
            }
            t->events[o->ev_code < 5 ? o->ev_code : 0]++;
            next_pulse++;
        }
        discards += o->ev_accm_discard;
        if (ok && o->m_tvalid && o->m_tready) {
            progress = true;
            st->out_octets++;
            while (next_frame < k.n_ev && k.ev[next_frame].out_len == NO_OUTPUT)
                next_frame++;
            const struct expect_ev *e = next_frame < k.n_ev ? &k.ev[next_frame] : NULL;
            if (cur_len == sizeof cur) {
                fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": %s puts out a frame longer "
                        "than any the reference can give\n", t->c->cycle, kc->name, eng);
                ok = false;
            } else if ((cur[cur_len++] = (uint8_t)o->m_tdata), o->m_tlast) {
                if (!e || e->out_len != cur_len || e->code != o->m_tuser ||
                    memcmp(cur, k.arena + e->off, cur_len) != 0) {
                    size_t diff = 0;
                    while (e && diff < cur_len && diff < e->out_len &&
                           cur[diff] == k.arena[e->off + diff])
                        diff++;
                    fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": frame %zu: %s gave %zu "
                            "octets, tuser %s; reference (hdlc_rx_push) %zu octets, %s; first "
                            "difference at octet %zu\n", t->c->cycle, kc->name, next_frame, eng,
                            cur_len, event_name((unsigned)o->m_tuser),
                            e ? e->out_len : 0, e ? event_name(e->code) : "no frame", diff);
                    ok = false;
                }
                cur_len = 0;
                next_frame++;
            }
        }
        cosim_tick(t->c);
        /* done when every line octet is in and every expected output is out
         * (under heavy backpressure the last frames drain long after) */
        while (next_frame < k.n_ev && k.ev[next_frame].out_len == NO_OUTPUT)
            next_frame++;
        bool done = pos >= s->len && next_pulse >= k.n_ev && next_frame >= k.n_ev;
        if (!done || !idle)
            st->cycles++;
        idle = done ? idle + 1 : 0;
        stalled = (progress || done) ? 0 : stalled + 1;
        if (stalled > STALL_CYCLES) {
            fprintf(stderr, "case \"%s\": stalled at line octet %zu of %zu, %zu of %zu "
                    "events, %zu frames out\n", kc->name, pos, s->len, next_pulse, k.n_ev,
                    next_frame);
            ok = false;
        }
    }
    while (ok && next_frame < k.n_ev && k.ev[next_frame].out_len == NO_OUTPUT)
        next_frame++;
    if (ok && (next_pulse != k.n_ev || next_frame != k.n_ev || cur_len)) {
        fprintf(stderr, "case \"%s\": %s reported %zu of %zu events, put out %zu frames "
                "(+%zu octets pending)\n", kc->name, eng, next_pulse, k.n_ev, next_frame,
                cur_len);
        ok = false;
    }
    if (ok && discards != rx.counters.accm_discards) {
        fprintf(stderr, "case \"%s\": %s discarded %" PRIu64 " control octets, reference %"
                PRIu64 "\n", kc->name, eng, discards, rx.counters.accm_discards);
        ok = false;
    }
    t->in_octets += st->in_octets;
    t->out_octets += st->out_octets;
    t->cycles += st->cycles;
    t->accm_discards += discards;
    free(k.ev);
    free(k.arena);
    return ok;
}

static void stream_free(struct stream *s)
{
    free(s->oct);
    free(s->cfg);
    free(s->cfgs);
    memset(s, 0, sizeof *s);
}

static bool run_and_print(struct tb *t, const char *name, struct stream *s, unsigned gap,
                          unsigned bp, bool print)
{
    finish(s);
    struct tb_case k = {name, s, gap, bp};
    struct case_stats st;
    bool ok = run_case(t, &k, &st);
    if (!ok)
        fprintf(stderr, "FAILED in case \"%s\"\n", name);
    else if (print)
        printf("  %-44s %7zu line octets %7" PRIu64 " out %7" PRIu64 " cycles  in %.3f B/cycle"
               "  out %.3f B/cycle\n", name, s->len, st.out_octets, st.cycles,
               (double)st.in_octets / (double)st.cycles,
               (double)st.out_octets / (double)st.cycles);
    stream_free(s);
    return ok;
}

static struct rx_cfg cfg_of(bool fcs32, uint32_t accm, uint16_t mru)
{
    return (struct rx_cfg){fcs32, accm, mru};
}

/* n segments of one kind under one configuration (NULL: random ones) */
static void segments(struct stream *s, uint64_t *rng, enum seg kind, size_t n,
                     const struct rx_cfg *c)
{
    for (size_t i = 0; i < n; i++) {
        struct rx_cfg r = c ? *c : cfg_of(cosim_rand(rng) & 1, random_accm(rng),
                                          random_mru(rng));
        put_segment(s, rng, kind, r);
    }
}

static bool directed(struct tb *t)
{
    struct stream s = {0};
    uint8_t all[256];
    for (size_t i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    bool ok = true;

    /* every octet value under the three kinds of ACCM, both FCS modes */
    static const struct {
        const char *name;
        uint32_t accm;
        bool fcs32;
        unsigned gap, bp;
    } every[] = {
        {"every octet, ACCM all-ones, FCS-16", PPP_DEFAULT_ACCM, false, 0, 0},
        {"every octet, ACCM all-ones, FCS-32", PPP_DEFAULT_ACCM, true, 0, 0},
        {"every octet, ACCM 0, FCS-32, gaps/bp", 0, true, 40, 40},
        {"every octet, ACCM 0x5A5AA5A5, FCS-16, gaps/bp", 0x5A5AA5A5u, false, 20, 60},
    };
    for (size_t i = 0; ok && i < sizeof every / sizeof every[0]; i++) {
        new_cfg(&s, cfg_of(every[i].fcs32, every[i].accm, PPP_DEFAULT_MRU));
        put_frame(&s, all, sizeof all, every[i].accm, every[i].fcs32, true);
        put_frame(&s, all, sizeof all, PPP_DEFAULT_ACCM, every[i].fcs32, false);
        ok = run_and_print(t, every[i].name, &s, every[i].gap, every[i].bp, true);
    }

    if (ok) {   /* garbage (no flag) before the first flag is hunted over */
        new_cfg(&s, cfg_of(false, 0, PPP_DEFAULT_MRU));
        for (size_t i = 0; i < 200; i++) {
            uint8_t v = (uint8_t)cosim_rand(&t->rng);
            push(&s, v == HDLC_FLAG ? 0x7F : v);
        }
        struct rx_cfg c = cfg_of(false, 0, PPP_DEFAULT_MRU);
        segments(&s, &t->rng, SEG_GOOD, 8, &c);
        ok = run_and_print(t, "garbage before the first flag", &s, 0, 0, true);
    }
    static const struct {
        const char *name;
        enum seg kind;
        size_t n;
        unsigned gap, bp;
    } kinds[] = {
        {"good frames, random configurations", SEG_GOOD, 64, 0, 0},
        {"line noise: flagged controls discarded", SEG_NOISE, 64, 10, 10},
        {"bad FCS", SEG_BAD_FCS, 64, 0, 30},
        {"aborts (7D 7E) at every depth", SEG_ABORT, 128, 0, 0},
        {"runts", SEG_RUNT, 64, 0, 0},
        {"MRU boundary: at and over", SEG_LONG, 64, 0, 0},
        {"empty frames and flag runs", SEG_FLAGS, 64, 0, 0},
        {"FCS mode mismatch", SEG_FCS_MISMATCH, 32, 0, 0},
        {"garbage between flags", SEG_GARBAGE, 64, 0, 0},
        {"needless escapes, 7D 7D", SEG_ODD_ESCAPES, 64, 0, 0},
    };
    for (size_t i = 0; ok && i < sizeof kinds / sizeof kinds[0]; i++) {
        for (size_t j = 0; j < kinds[i].n; j++) {
            put_segment(&s, &t->rng, SEG_GOOD,
                        cfg_of(j & 1, random_accm(&t->rng), random_mru(&t->rng)));
            put_segment(&s, &t->rng, kinds[i].kind,
                        cfg_of(cosim_rand(&t->rng) & 1, random_accm(&t->rng),
                               random_mru(&t->rng)));
        }
        ok = run_and_print(t, kinds[i].name, &s, kinds[i].gap, kinds[i].bp, true);
    }
    if (ok) {   /* the largest MRU: a frame exactly that long, one longer */
        struct rx_cfg c = cfg_of(true, 0, 65535);
        size_t n = 65536;
        uint8_t *d = xrealloc(NULL, n);
        random_data(&t->rng, d, n);
        new_cfg(&s, c);
        put_frame(&s, d, 65535, 0, true, true);
        put_frame(&s, d, 65536, 0, true, false);
        free(d);
        ok = run_and_print(t, "MRU 65535: frames of 65535 and 65536 octets", &s, 0, 0, true);
    }
    if (ok) {   /* back-to-back one-octet frames sharing their flags */
        struct rx_cfg c = cfg_of(false, PPP_DEFAULT_ACCM, PPP_DEFAULT_MRU);
        new_cfg(&s, c);
        for (size_t i = 0; i < 128; i++)
            put_frame(&s, &all[cosim_rand(&t->rng) % 256], 1, c.accm, false, i == 0);
        ok = run_and_print(t, "one-octet frames, shared flags", &s, 0, 0, true);
    }
    if (ok) {   /* throughput: 1500-octet frames, every octet escaped or none */
        struct rx_cfg c = cfg_of(true, PPP_DEFAULT_ACCM, PPP_DEFAULT_MRU);
        uint8_t d[1500];
        new_cfg(&s, c);
        for (size_t i = 0; i < 4; i++) {
            for (size_t j = 0; j < sizeof d; j++)
                d[j] = (uint8_t)(cosim_rand(&t->rng) % 32);
            put_frame(&s, d, sizeof d, c.accm, true, i == 0);
        }
        ok = run_and_print(t, "all escapes (worst case), 1500 octets", &s, 0, 0, true);
    }
    if (ok) {
        struct rx_cfg c = cfg_of(false, 0, PPP_DEFAULT_MRU);
        uint8_t d[1500];
        new_cfg(&s, c);
        for (size_t i = 0; i < 4; i++) {
            for (size_t j = 0; j < sizeof d; j++)
                d[j] = (uint8_t)cosim_range(&t->rng, 0x20, 0x7C);
            put_frame(&s, d, sizeof d, 0, false, i == 0);
        }
        ok = run_and_print(t, "no escapes (best case), 1500 octets", &s, 0, 0, true);
    }
    stream_free(&s);
    return ok;
}

static bool random_traffic(struct tb *t, uint64_t cycles)
{
    static const unsigned pcts[] = {0, 0, 0, 5, 10, 20, 50, 90};
    uint64_t start = t->cycles, cases = 0, octets = 0, out = 0;
    bool ok = true;
    while (ok && t->cycles - start < cycles) {
        struct stream s = {0};
        size_t n = (size_t)cosim_range(&t->rng, 1, 64);
        for (size_t i = 0; i < n; i++) {
            /* mostly good frames, every kind of trouble in between */
            enum seg kind = cosim_chance(&t->rng, 50) ? SEG_GOOD
                                                      : (enum seg)(cosim_rand(&t->rng) % SEG_COUNT);
            segments(&s, &t->rng, kind, 1, NULL);
        }
        finish(&s);
        struct tb_case k = {"random", &s, pcts[cosim_rand(&t->rng) % 8],
                            pcts[cosim_rand(&t->rng) % 8]};
        struct case_stats st;
        ok = run_case(t, &k, &st);
        if (!ok)
            fprintf(stderr, "FAILED in random case %" PRIu64 "\n", cases);
        octets += st.in_octets;
        out += st.out_octets;
        cases++;
        stream_free(&s);
    }
    if (ok && cases)
        printf("  random traffic: %" PRIu64 " cases, %" PRIu64 " cycles, %" PRIu64
               " line octets, %" PRIu64 " out (with gaps and backpressure)\n", cases,
               t->cycles - start, octets, out);
    return ok;
}

static uint64_t *attach(void *tb, struct cosim *c, uint64_t seed)
{
    struct tb *t = tb;
    t->c = c;
    t->rng = seed;
    t->rx_buf = malloc(RX_BUF);
    return t->rx_buf ? &t->rng : NULL;
}

static bool run_directed(void *tb) { return directed(tb); }
static bool run_random(void *tb, uint64_t cycles) { return random_traffic(tb, cycles); }

static void summary(void *tb)
{
    const struct tb *t = tb;
    printf("hdlc_deframer: %" PRIu64 " line octets in, %" PRIu64 " octets out; outcomes: "
           "%" PRIu64 " FRAME, %" PRIu64 " BAD_FCS, %" PRIu64 " ABORT, %" PRIu64 " RUNT, %"
           PRIu64 " TOO_LONG, %" PRIu64 " ACCM discards; all as hdlc_rx_push\n",
           t->in_octets, t->out_octets, t->events[0], t->events[1], t->events[2], t->events[3],
           t->events[4], t->accm_discards);
}

static void release(void *tb)
{
    free(((struct tb *)tb)->rx_buf);
}

/* The chaos phase after the random traffic: random inputs with no protocol
 * at all, reset pulses included; RTL and model must still agree (nothing to
 * check against the reference). */
int main(int argc, char **argv)
{
    static const struct cosim_run_test test = {
        .block = &hdlc_deframer_block, .rtl = COSIM_RTL_OPS(hdlc_deframer),
        .model = &hdlc_deframer_model_ops, .default_cycles = 3000000,
        .tb_size = sizeof(struct tb), .attach = attach, .directed = run_directed,
        .random = run_random, .summary = summary, .release = release,
    };
    return cosim_run_main(argc, argv, &test);
}
