/* Lockstep test of hw/hdlc_framer.sv against model/hdlc_framer.c, and of
 * both against host/proto's hdlc_encode (byte for byte on the line).
 *
 * Each case: reset, then a list of PPP frames, each with its own FCS mode,
 * ACCM and flag sharing, presented with random valid gaps while the line side
 * applies random backpressure. The configuration ports carry the frame's
 * settings only while its first octet is presented and random values at all
 * other times, which checks the documented sampling point. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "hdlc.h"
#include "hdlc_framer.h"
#include "ppp_const.h"

#define COSIM_BLOCK hdlc_framer
#define COSIM_PORTS_DEF "hdlc_framer_ports.def"
#include "cosim_model.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

/* Built twice: with the Verilated RTL, and (COSIM_MODEL_ONLY) without it,
 * so the model and this testbench also run under ASan+UBSan. */
#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops hdlc_framer_rtl_ops;
#endif

#define MAX_FRAME 4096
#define STALL_CYCLES 10000

struct frame {
    uint8_t data[MAX_FRAME];
    size_t len;
    uint32_t accm;
    bool fcs32;
    bool share;
};

struct tb_case {
    const char *name;
    struct frame *frames;
    size_t n;
    unsigned gap_pct;       /* chance of no valid octet offered in a cycle */
    unsigned bp_pct;        /* chance of m_tready low in a cycle */
};

struct tb {
    struct cosim *c;
    uint64_t rng;
    uint8_t *expect;        /* the reference's line octets for the case */
    size_t expect_len, expect_cap;
    /* totals over every case */
    uint64_t in_octets, out_octets, frames, cycles;
};

struct case_stats {
    uint64_t cycles, in_octets, out_octets;
};

static bool build_expect(struct tb *t, const struct tb_case *k)
{
    t->expect_len = 0;
    for (size_t i = 0; i < k->n; i++) {
        const struct frame *f = &k->frames[i];
        enum hdlc_fcs_mode mode = f->fcs32 ? HDLC_FCS_32 : HDLC_FCS_16;
        size_t need = t->expect_len + hdlc_encoded_max(f->len, mode);
        if (need > t->expect_cap) {
            size_t cap = need * 2;
            uint8_t *p = realloc(t->expect, cap);
            if (!p)
                return false;
            t->expect = p;
            t->expect_cap = cap;
        }
        /* After reset the first frame always opens with a flag; later ones
         * share the previous closing flag when asked to (RFC 1662 §3.1). */
        struct hdlc_tx_config cfg = {
            .accm = f->accm, .fcs = mode, .opening_flag = !(f->share && i > 0)};
        struct proto_error err;
        size_t n;
        if (hdlc_encode(&cfg, f->data, f->len, t->expect + t->expect_len,
                        t->expect_cap - t->expect_len, &n, &err) != PROTO_OK) {
            char buf[200];
            fprintf(stderr, "hdlc_encode: %s\n", proto_error_format(&err, buf, sizeof buf));
            return false;
        }
        t->expect_len += n;
    }
    return true;
}

/* Runs one case; false on any mismatch (already printed). */
static bool run_case(struct tb *t, const struct tb_case *k, struct case_stats *st)
{
    struct hdlc_framer_io *in = cosim_inputs(t->c);
    memset(st, 0, sizeof *st);
    if (!build_expect(t, k))
        return false;

    /* reset, with random junk on every other input */
    for (int i = 0; i < 3; i++) {
        in->rst = 1;
        in->s_tvalid = 0;
        in->s_tdata = cosim_rand(&t->rng);
        in->cfg_accm = cosim_rand(&t->rng);
        in->m_tready = cosim_chance(&t->rng, 50);
        if (!cosim_eval(t->c))
            return false;
        cosim_tick(t->c);
    }
    in->rst = 0;

    size_t fi = 0, pos = 0, got = 0;
    bool offering = false;
    uint64_t idle = 0, stalled = 0;
    while (fi < k->n || got < t->expect_len || idle < 16) {
        /* AXI-stream rule: an offered octet stays until it is taken. */
        if (!offering && fi < k->n)
            offering = !cosim_chance(&t->rng, k->gap_pct);
        const struct frame *f = fi < k->n ? &k->frames[fi] : NULL;
        in->s_tvalid = offering;
        in->s_tdata = offering ? f->data[pos] : cosim_rand(&t->rng) & 0xFF;
        in->s_tlast = offering ? pos + 1 == f->len : cosim_rand(&t->rng) & 1;
        uint64_t junk = cosim_rand(&t->rng);
        if (offering && pos == 0) {   /* the sampling point, exactly */
            in->cfg_accm = f->accm;
            in->cfg_fcs32 = f->fcs32;
            in->cfg_share_flag = f->share;
        } else {
            in->cfg_accm = junk;
            in->cfg_fcs32 = (junk >> 32) & 1;
            in->cfg_share_flag = (junk >> 33) & 1;
        }
        in->m_tready = !cosim_chance(&t->rng, k->bp_pct);

        if (!cosim_eval(t->c))
            return false;
        const struct hdlc_framer_io *o = cosim_outputs(t->c);
        bool progress = false;
        if (o->s_tvalid && o->s_tready) {
            st->in_octets++;
            progress = true;
            offering = false;
            if (++pos == f->len) {
                fi++;
                pos = 0;
            }
        }
        if (o->m_tvalid && o->m_tready) {
            st->out_octets++;
            progress = true;
            if (got >= t->expect_len) {
                fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": octet 0x%02x after the last "
                        "expected one\n", t->c->cycle, k->name, (unsigned)o->m_tdata);
                return false;
            }
            if (o->m_tdata != t->expect[got]) {
                fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": line octet %zu: %s=0x%02x "
                        "reference (hdlc_encode)=0x%02x\n", t->c->cycle, k->name, got,
                        t->c->engine[0].ops->name,
                        (unsigned)o->m_tdata, t->expect[got]);
                return false;
            }
            got++;
        }
        cosim_tick(t->c);
        bool done = fi >= k->n && got >= t->expect_len;
        /* the 16 quiet cycles after the last octet only check for extras */
        if (!done || !idle)
            st->cycles++;
        idle = done ? idle + 1 : 0;
        stalled = (progress || done) ? 0 : stalled + 1;
        if (stalled > STALL_CYCLES) {
            fprintf(stderr, "cycle %" PRIu64 ": case \"%s\": stalled: %zu/%zu frames taken, "
                    "%zu/%zu line octets\n", t->c->cycle, k->name, fi, k->n, got, t->expect_len);
            return false;
        }
    }
    t->in_octets += st->in_octets;
    t->out_octets += st->out_octets;
    t->frames += k->n;
    t->cycles += st->cycles;
    return true;
}

enum content { CONTENT_UNIFORM, CONTENT_ESCAPES, CONTENT_PLAIN };

/* Octets that always escape, or escape under an all-ones ACCM. */
static uint8_t escape_octet(uint64_t *rng)
{
    uint64_t r = cosim_rand(rng) % 34;
    return r == 32 ? HDLC_FLAG : r == 33 ? HDLC_ESCAPE : (uint8_t)r;
}

static void fill(struct frame *f, uint64_t *rng, size_t len, enum content content)
{
    f->len = len;
    for (size_t i = 0; i < len; i++) {
        switch (content) {
        case CONTENT_UNIFORM: f->data[i] = (uint8_t)cosim_rand(rng); break;
        case CONTENT_ESCAPES: f->data[i] = escape_octet(rng); break;
        case CONTENT_PLAIN: f->data[i] = (uint8_t)cosim_range(rng, 0x20, 0x7C); break;
        }
    }
}

static uint32_t random_accm(uint64_t *rng)
{
    switch (cosim_rand(rng) % 4) {
    case 0: return 0;
    case 1: return PPP_DEFAULT_ACCM;
    default: return (uint32_t)cosim_rand(rng);
    }
}

static size_t random_len(uint64_t *rng)
{
    unsigned r = (unsigned)(cosim_rand(rng) % 10);
    if (r < 4)
        return (size_t)cosim_range(rng, 1, 16);
    if (r < 8)
        return (size_t)cosim_range(rng, 17, 300);
    return (size_t)cosim_range(rng, 301, MAX_FRAME);
}

static void print_case(const struct tb_case *k, const struct case_stats *st)
{
    printf("  %-44s %4zu frames %7" PRIu64 " in %7" PRIu64 " out %7" PRIu64
           " cycles  in %.3f B/cycle  out %.3f B/cycle\n", k->name, k->n, st->in_octets,
           st->out_octets, st->cycles, (double)st->in_octets / (double)st->cycles,
           (double)st->out_octets / (double)st->cycles);
}

static struct frame *frames_alloc(size_t n)
{
    struct frame *f = calloc(n, sizeof *f);
    if (!f) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return f;
}

static bool run_and_print(struct tb *t, const struct tb_case *k, bool print)
{
    struct case_stats st;
    if (!run_case(t, k, &st)) {
        fprintf(stderr, "FAILED in case \"%s\"\n", k->name);
        return false;
    }
    if (print)
        print_case(k, &st);
    return true;
}

static bool directed(struct tb *t)
{
    bool ok = true;
    struct frame *f = frames_alloc(64);

    /* every octet value in one frame, under the three kinds of ACCM */
    static const struct {
        const char *name;
        uint32_t accm;
        bool fcs32;
        unsigned gap, bp;
    } every[] = {
        {"every octet, ACCM 0, FCS-16", 0, false, 0, 0},
        {"every octet, ACCM all-ones, FCS-32", PPP_DEFAULT_ACCM, true, 0, 0},
        {"every octet, ACCM 0x000A0000, FCS-16, gaps/bp", 0x000A0000u, false, 30, 30},
        {"every octet, ACCM 0, FCS-32, gaps/bp", 0, true, 50, 50},
    };
    for (size_t i = 0; ok && i < sizeof every / sizeof every[0]; i++) {
        f[0].len = 256;
        for (size_t b = 0; b < 256; b++)
            f[0].data[b] = (uint8_t)b;
        f[0].accm = every[i].accm;
        f[0].fcs32 = every[i].fcs32;
        f[0].share = false;
        struct tb_case k = {every[i].name, f, 1, every[i].gap, every[i].bp};
        ok = run_and_print(t, &k, true);
    }

    /* the shortest frames, with and without shared flags */
    for (int share = 1; ok && share >= 0; share--) {
        for (size_t i = 0; i < 64; i++) {
            fill(&f[i], &t->rng, 1, CONTENT_UNIFORM);
            f[i].accm = random_accm(&t->rng);
            f[i].fcs32 = i & 1;
            f[i].share = share;
        }
        struct tb_case k = {share ? "one-octet frames, shared flags"
                                  : "one-octet frames, own flags", f, 64, 0, 0};
        ok = run_and_print(t, &k, true);
    }

    /* worst case: every octet (and most FCS octets) escaped */
    if (ok) {
        for (size_t i = 0; i < 4; i++) {
            fill(&f[i], &t->rng, 1500, CONTENT_ESCAPES);
            f[i].accm = PPP_DEFAULT_ACCM;
            f[i].fcs32 = i & 1;
            f[i].share = true;
        }
        struct tb_case k = {"all escapes (worst case), 1500 octets", f, 4, 0, 0};
        ok = run_and_print(t, &k, true);
    }
    /* best case: nothing to escape */
    if (ok) {
        for (size_t i = 0; i < 4; i++) {
            fill(&f[i], &t->rng, 1500, CONTENT_PLAIN);
            f[i].accm = 0;
            f[i].fcs32 = i & 1;
            f[i].share = true;
        }
        struct tb_case k = {"no escapes (best case), 1500 octets", f, 4, 0, 0};
        ok = run_and_print(t, &k, true);
    }
    /* 64-octet frames of random octets, the random ACCM mix */
    if (ok) {
        for (size_t i = 0; i < 64; i++) {
            fill(&f[i], &t->rng, 64, CONTENT_UNIFORM);
            f[i].accm = random_accm(&t->rng);
            f[i].fcs32 = cosim_rand(&t->rng) & 1;
            f[i].share = true;
        }
        struct tb_case k = {"64-octet random frames, random ACCM", f, 64, 0, 0};
        ok = run_and_print(t, &k, true);
    }
    /* the longest frames under heavy backpressure and gaps */
    if (ok) {
        for (size_t i = 0; i < 2; i++) {
            fill(&f[i], &t->rng, MAX_FRAME, CONTENT_UNIFORM);
            f[i].accm = random_accm(&t->rng);
            f[i].fcs32 = i & 1;
            f[i].share = false;
        }
        struct tb_case k = {"4096-octet frames, gaps 70% bp 70%", f, 2, 70, 70};
        ok = run_and_print(t, &k, true);
    }
    free(f);
    return ok;
}

/* Seeded random traffic until `cycles` cycles have run. */
static bool random_traffic(struct tb *t, uint64_t cycles)
{
    static const unsigned pcts[] = {0, 0, 0, 5, 10, 20, 50, 90};
    enum { N = 48 };
    struct frame *f = frames_alloc(N);
    struct case_stats total = {0};
    uint64_t cases = 0;
    bool ok = true;
    uint64_t start = t->cycles;
    while (ok && t->cycles - start < cycles) {
        size_t n = (size_t)cosim_range(&t->rng, 1, N);
        for (size_t i = 0; i < n; i++) {
            fill(&f[i], &t->rng, random_len(&t->rng), (enum content)(cosim_rand(&t->rng) % 3));
            f[i].accm = random_accm(&t->rng);
            f[i].fcs32 = cosim_rand(&t->rng) & 1;
            f[i].share = cosim_rand(&t->rng) & 1;
        }
        struct tb_case k = {"random", f, n, pcts[cosim_rand(&t->rng) % 8],
                            pcts[cosim_rand(&t->rng) % 8]};
        struct case_stats st;
        ok = run_case(t, &k, &st);
        total.cycles += st.cycles;
        total.in_octets += st.in_octets;
        total.out_octets += st.out_octets;
        cases++;
    }
    if (ok && cases)
        printf("  random traffic: %" PRIu64 " cases, %" PRIu64 " cycles, in %.3f B/cycle, "
               "out %.3f B/cycle (with gaps and backpressure)\n", cases, total.cycles,
               (double)total.in_octets / (double)total.cycles,
               (double)total.out_octets / (double)total.cycles);
    free(f);
    return ok;
}

COSIM_RUN_TB_HOOKS

static void summary(void *tb)
{
    const struct tb *t = tb;
    printf("hdlc_framer: %" PRIu64 " frames, %" PRIu64 " octets in, %" PRIu64
           " line octets out, byte-exact with hdlc_encode\n", t->frames, t->in_octets,
           t->out_octets);
}

static void release(void *tb)
{
    free(((struct tb *)tb)->expect);
}

/* The chaos phase after the random traffic: random inputs with no protocol
 * at all, reset pulses included; RTL and model must still agree (nothing to
 * check against the reference). */
int main(int argc, char **argv)
{
    static const struct cosim_run_test test = {
        .block = &hdlc_framer_block, .rtl = COSIM_RTL_OPS(hdlc_framer),
        .model = &hdlc_framer_model_ops, .default_cycles = 3000000,
        .tb_size = sizeof(struct tb), .attach = cosim_tb_attach, .directed = cosim_tb_directed,
        .random = cosim_tb_random, .summary = summary, .release = release,
    };
    return cosim_run_main(argc, argv, &test);
}
