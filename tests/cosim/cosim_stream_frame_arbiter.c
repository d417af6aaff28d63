/* Lockstep test of hw/stream_frame_arbiter.sv (N 3, USER_W 8) against
 * model/stream_frame_arbiter.c, built once per DATA_W
 * (SFA_COSIM_DATA_W 8 or 16).
 *
 * Each input sends its own numbered frames (random lengths, a tuser per
 * frame), with random valid gaps, while the output applies random
 * backpressure. Independently of the model, every frame out must be the
 * next frame of the input m_tsel names, octet for octet, with its tuser on
 * every beat and tkeep packed; a frame is never interleaved with another.
 * With every input always offering, frames must leave in strict rotation
 * (0, 1, 2, 0, ...) and, without backpressure, at one beat per cycle.
 * Last, chaos: every input random with reset pulses. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "stream_frame_arbiter.h"

#ifndef SFA_COSIM_DATA_W
#error "define SFA_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W SFA_COSIM_DATA_W

#define COSIM_BLOCK COSIM_CAT(stream_frame_arbiter_w, SFA_COSIM_DATA_W)
#define COSIM_PORTS_DEF "stream_frame_arbiter_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);

#define N SFA_COSIM_N
#define USER_W 8
#define MAX_FRAME 600
#define DEFAULT_CYCLES 1000000u
#define STALL_CYCLES 10000

/* ---- octets of the flat ports (octet i in bits 8i+7..8i) */
static uint8_t wide_octet(const uint32_t *words, unsigned i)
{
    return (uint8_t)(words[i / 4] >> (8 * (i % 4)));
}

static void wide_set_octet(uint32_t *words, unsigned i, uint8_t v)
{
    words[i / 4] = (words[i / 4] & ~(0xFFu << (8 * (i % 4)))) | (uint32_t)v << (8 * (i % 4));
}

#if W <= 8
static void m_octets(const io_t *io, uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        b[i] = (uint8_t)(io->m_tdata >> (8 * i));
}
static void m_set_octets(io_t *io, const uint8_t *b)
{
    io->m_tdata = 0;
    for (int i = W - 1; i >= 0; i--)
        io->m_tdata = io->m_tdata << 8 | b[i];
}
#else
static void m_octets(const io_t *io, uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        b[i] = wide_octet(io->m_tdata, i);
}
static void m_set_octets(io_t *io, const uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        wide_set_octet(io->m_tdata, i, b[i]);
}
#endif

/* ---- the C model as a cosim engine */
static void *model_create(void)
{
    struct stream_frame_arbiter *m = calloc(1, sizeof *m);
    const struct stream_frame_arbiter_params p = {N, W, USER_W};
    if (m && !stream_frame_arbiter_init(m, &p)) {
        fprintf(stderr, "model: bad parameters\n");
        free(m);
        return NULL;
    }
    return m;
}

static void model_destroy(void *impl)
{
    free(impl);
}

static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    struct stream_frame_arbiter_in in = {.rst = io->rst, .m_tready = io->m_tready};
    for (unsigned k = 0; k < N; k++) {
        for (unsigned i = 0; i < W; i++)
            in.s[k].data[i] = wide_octet(io->s_tdata, k * W + i);
        in.s[k].keep = (uint32_t)(io->s_tkeep >> (k * W)) & ((1u << W) - 1);
        in.s[k].last = (io->s_tlast >> k) & 1;
        in.s[k].user = (io->s_tuser >> (k * USER_W)) & 0xFF;
        in.s_tvalid[k] = (io->s_tvalid >> k) & 1;
    }
    struct stream_frame_arbiter_out out;
    stream_frame_arbiter_eval(impl, &in, &out);
    io->s_tready = 0;
    for (unsigned k = 0; k < N; k++)
        io->s_tready |= (uint64_t)out.s_tready[k] << k;
    m_set_octets(io, out.m.data);
    io->m_tkeep = out.m.keep;
    io->m_tvalid = out.m_tvalid;
    io->m_tlast = out.m.last;
    io->m_tuser = out.m.user;
    io->m_tsel = out.m_tsel;
}

static void model_tick(void *impl)
{
    stream_frame_arbiter_tick(impl);
}

static const struct cosim_engine_ops model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

/* ---- the testbench: frame k of input i is a function of (seed, i, k) */

struct source {
    uint64_t sent, recv;        /* frames fully sent / checked */
    size_t off;                 /* octets of frame `sent` already sent */
};

struct tb {
    struct cosim c;
    uint64_t rng, seed;
    struct source src[N];
    unsigned gap_pct, bp_pct;
    uint64_t limit;             /* frames each input sends in this phase */
    /* output assembly */
    uint8_t buf[MAX_FRAME];
    size_t len;
    bool in_frame;
    unsigned cur_sel;
    unsigned cur_user;
    /* rotation check */
    bool check_rotation;
    int last_sel;
    uint64_t beats, frames, first_beat, last_beat;
    bool beat_seen;
};

/* Deterministic frame contents, so the checker regenerates what was sent. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

static size_t frame_len(const struct tb *t, unsigned i, uint64_t k)
{
    uint64_t h = mix(t->seed ^ (k << 8) ^ i);
    return (h & 3) == 0 ? 1 + (h >> 8) % W : 1 + (h >> 8) % MAX_FRAME;
}

static uint8_t frame_octet(const struct tb *t, unsigned i, uint64_t k, size_t off)
{
    return (uint8_t)mix(t->seed ^ (k << 20) ^ ((uint64_t)off << 4) ^ i ^ UINT64_C(0x5555));
}

static unsigned frame_user(const struct tb *t, unsigned i, uint64_t k)
{
    return (unsigned)(mix(t->seed ^ (k << 12) ^ i ^ UINT64_C(0xABCD)) & 0xFF);
}

static bool check_frame(struct tb *t)
{
    struct source *s = &t->src[t->cur_sel];
    uint64_t k = s->recv;
    size_t want = frame_len(t, t->cur_sel, k);
    if (k >= s->sent) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u's frame %" PRIu64 " out before it was sent\n",
                t->c.cycle, t->cur_sel, k);
        return false;
    }
    if (t->len != want) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u frame %" PRIu64 ": %zu octets, sent %zu\n",
                t->c.cycle, t->cur_sel, k, t->len, want);
        return false;
    }
    for (size_t o = 0; o < want; o++)
        if (t->buf[o] != frame_octet(t, t->cur_sel, k, o)) {
            fprintf(stderr, "cycle %" PRIu64 ": input %u frame %" PRIu64 " octet %zu differs\n",
                    t->c.cycle, t->cur_sel, k, o);
            return false;
        }
    if (t->check_rotation && t->last_sel >= 0 && t->cur_sel != (unsigned)(t->last_sel + 1) % N) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u after input %d, not round robin\n",
                t->c.cycle, t->cur_sel, t->last_sel);
        return false;
    }
    t->last_sel = (int)t->cur_sel;
    s->recv++;
    t->frames++;
    return true;
}

static bool cycle(struct tb *t)
{
    io_t *io = cosim_inputs(&t->c);
    io->rst = 0;
    bool offer[N];
    io->s_tvalid = io->s_tlast = io->s_tkeep = io->s_tuser = 0;
    for (unsigned i = 0; i < N; i++) {
        struct source *s = &t->src[i];
        offer[i] = s->sent < t->limit && !cosim_chance(&t->rng, t->gap_pct);
        /* junk where no beat is offered or beyond tkeep */
        for (unsigned o = 0; o < W; o++)
            wide_set_octet(io->s_tdata, i * W + o, (uint8_t)cosim_rand(&t->rng));
        if (!offer[i]) {
            io->s_tuser |= (cosim_rand(&t->rng) & 0xFF) << (i * USER_W);
            io->s_tlast |= (cosim_rand(&t->rng) & 1) << i;
            io->s_tkeep |= (cosim_rand(&t->rng) & ((1u << W) - 1)) << (i * W);
            continue;
        }
        size_t len = frame_len(t, i, s->sent);
        size_t n = len - s->off < W ? len - s->off : W;
        for (unsigned o = 0; o < n; o++)
            wide_set_octet(io->s_tdata, i * W + o, frame_octet(t, i, s->sent, s->off + o));
        io->s_tkeep |= (uint64_t)((1u << n) - 1) << (i * W);
        io->s_tlast |= (uint64_t)(s->off + n >= len) << i;
        io->s_tuser |= (uint64_t)frame_user(t, i, s->sent) << (i * USER_W);
        io->s_tvalid |= 1u << i;
    }
    io->m_tready = !cosim_chance(&t->rng, t->bp_pct);
    bool ready = io->m_tready;
    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);
    for (unsigned i = 0; i < N; i++) {
        if (!offer[i] || !((o->s_tready >> i) & 1))
            continue;
        struct source *s = &t->src[i];
        size_t len = frame_len(t, i, s->sent);
        s->off += W;
        if (s->off >= len) {
            s->off = 0;
            s->sent++;
        }
    }
    if (o->m_tvalid && ready) {
        uint8_t d[W];
        unsigned n = 0;
        m_octets(o, d);
        while (n < W && ((o->m_tkeep >> n) & 1))
            n++;
        if ((o->m_tkeep >> n) != 0 || n == 0 || (!o->m_tlast && n != W) || o->m_tsel >= N) {
            fprintf(stderr, "cycle %" PRIu64 ": m_tkeep 0x%" PRIx64 " not packed (sel %u)\n",
                    t->c.cycle, (uint64_t)o->m_tkeep, (unsigned)o->m_tsel);
            return false;
        }
        if (!t->in_frame) {
            t->in_frame = true;
            t->cur_sel = (unsigned)o->m_tsel;
            t->cur_user = frame_user(t, t->cur_sel, t->src[t->cur_sel].recv);
            t->len = 0;
        }
        if (o->m_tsel != t->cur_sel || o->m_tuser != t->cur_user || t->len + n > MAX_FRAME) {
            fprintf(stderr, "cycle %" PRIu64 ": beat of input %u (tuser 0x%02x) inside a frame of "
                    "input %u (tuser 0x%02x)\n", t->c.cycle, (unsigned)o->m_tsel,
                    (unsigned)o->m_tuser, t->cur_sel, t->cur_user);
            return false;
        }
        memcpy(t->buf + t->len, d, n);
        t->len += n;
        if (!t->beat_seen) {
            t->beat_seen = true;
            t->first_beat = t->c.cycle;
        }
        t->last_beat = t->c.cycle;
        t->beats++;
        if (o->m_tlast) {
            t->in_frame = false;
            if (!check_frame(t))
                return false;
        }
    }
    cosim_tick(&t->c);
    return true;
}

/* Each input sends `frames` more frames; runs until all are checked. */
static bool run_phase(struct tb *t, const char *name, uint64_t frames, unsigned gap, unsigned bp,
                      bool rotation)
{
    t->limit = t->src[0].sent + frames;
    for (unsigned i = 1; i < N; i++)
        if (t->src[i].sent + frames > t->limit)
            t->limit = t->src[i].sent + frames;
    for (unsigned i = 0; i < N; i++)
        t->src[i].sent = t->src[i].recv = t->limit - frames;
    t->gap_pct = gap;
    t->bp_pct = bp;
    t->check_rotation = rotation;
    t->last_sel = -1;
    t->beats = 0;
    t->beat_seen = false;
    uint64_t last_progress = t->c.cycle, before = 0;
    for (;;) {
        bool done = true;
        for (unsigned i = 0; i < N; i++)
            done = done && t->src[i].recv == t->limit;
        if (done)
            return true;
        if (!cycle(t)) {
            fprintf(stderr, "phase %s failed\n", name);
            return false;
        }
        if (t->frames != before) {
            before = t->frames;
            last_progress = t->c.cycle;
        }
        if (t->c.cycle - last_progress > STALL_CYCLES) {
            fprintf(stderr, "phase %s: no progress for %d cycles\n", name, STALL_CYCLES);
            return false;
        }
    }
}

static bool reset(struct tb *t)
{
    io_t *io = cosim_inputs(&t->c);
    memset(io, 0, sizeof *io);
    io->rst = 1;
    for (int i = 0; i < 2; i++) {
        if (!cosim_eval(&t->c))
            return false;
        cosim_tick(&t->c);
    }
    io->rst = 0;
    t->in_frame = false;
    return true;
}

int main(int argc, char **argv)
{
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, DEFAULT_CYCLES))
        return 2;
    static struct tb tb;
    struct tb *t = &tb;
    t->seed = args.seed;
    t->rng = args.seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    const struct cosim_engine_ops *ops[] = {&COSIM_CAT(COSIM_BLOCK, _rtl_ops), &model_ops};
    const struct cosim_engine_ops *model_alone[] = {&model_ops};
    if (!cosim_init(&t->c, &BLOCK, args.model_only ? model_alone : ops, args.model_only ? 1 : 2,
                    stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", N %d, DATA_W %d, USER_W %d\n", BLOCK.name, args.seed, N, W,
           USER_W);
    bool ok = reset(t);
    /* Saturated, no backpressure: strict rotation at one beat per cycle. */
    ok = ok && run_phase(t, "saturated", 300, 0, 0, true);
    if (ok) {
        uint64_t cycles = t->last_beat - t->first_beat + 1;
        printf("%s: DATA_W %d saturated: %.3f beats per cycle (%" PRIu64 " beats, %" PRIu64
               " cycles)\n", BLOCK.name, W, (double)t->beats / (double)cycles, t->beats, cycles);
        if (t->beats != cycles) {
            fprintf(stderr, "saturated: %" PRIu64 " idle output cycles\n", cycles - t->beats);
            ok = false;
        }
    }
    /* Saturated inputs, random backpressure: still strict rotation. */
    ok = ok && run_phase(t, "saturated, backpressure", 300, 0, 40, true);
    static const unsigned mixes[][2] = {{10, 0}, {50, 10}, {80, 0}, {20, 60}, {95, 5}, {0, 90}};
    for (unsigned seg = 0; ok && t->c.cycle < args.cycles; seg++) {
        const unsigned *m = mixes[seg % (sizeof mixes / sizeof mixes[0])];
        char name[64];
        snprintf(name, sizeof name, "random, gap %u%% bp %u%%", m[0], m[1]);
        ok = run_phase(t, name, 200, m[0], m[1], false);
    }
    if (ok)
        printf("%s: %" PRIu64 " frames checked\n", BLOCK.name, t->frames);
    ok = ok && cosim_chaos(&t->c, args.cycles / 20, &t->rng, 5);
    if (ok)
        cosim_print_speed(&t->c, stdout);
    uint64_t total = t->c.cycle;
    cosim_free(&t->c);
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
