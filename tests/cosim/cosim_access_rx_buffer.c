/* Lockstep test of hw/access_rx_buffer.sv (DEPTH_LOG2 8, LQ_LOG2 2) against
 * model/access_rx_buffer.c, built once per DATA_W (ARB_COSIM_DATA_W 8 or 16).
 *
 * The input is what an hdlc_deframer gives: frames one octet per cycle with
 * random gaps, each ending in a tlast beat whose tuser is the outcome
 * (HDLC_RX_FRAME, or BAD_FCS / ABORT / TOO_LONG: to be discarded). The output
 * sees random backpressure. Independently of the model, the frames out must
 * be the good frames in order, octet for octet, with m_len on every beat and
 * tkeep packed; a good frame may be missing only if it did not fit, and then
 * one cnt_overflow pulse says so (never when the output is always ready and
 * frames fit the RAM; always for frames larger than the RAM). A burst held
 * back and then released must leave at one beat per cycle. Last, chaos. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access_rx_buffer.h"
#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "cosim_octets.h"
#include "hdlc.h"

#ifndef ARB_COSIM_DATA_W
#error "define ARB_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W ARB_COSIM_DATA_W

#define COSIM_BLOCK COSIM_CAT(access_rx_buffer_w, ARB_COSIM_DATA_W)
#define COSIM_PORTS_DEF "access_rx_buffer_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);

#define DEPTH_LOG2 8
#define LQ_LOG2 2
#define RAM_OCTETS ((1u << DEPTH_LOG2) * W)
#define MAX_FRAME (RAM_OCTETS + 100)
#define NFRAMES 64
#define DEFAULT_CYCLES 1000000u
#define STALL_CYCLES 50000

#if W <= 8
COSIM_OCTETS_ACCESSORS_U64(m, m_tdata, W)
#else
COSIM_OCTETS_ACCESSORS_WIDE(m, m_tdata, W)
#endif

/* ---- the C model as a cosim engine */
static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    struct access_rx_buffer_in in = {
        .rst = io->rst,
        .s_tdata = (uint8_t)io->s_tdata,
        .s_tvalid = io->s_tvalid,
        .s_tlast = io->s_tlast,
        .s_tuser = (uint8_t)io->s_tuser,
        .m_tready = io->m_tready,
    };
    struct access_rx_buffer_out out;
    access_rx_buffer_eval(impl, &in, &out);
    io->s_tready = out.s_tready;
    m_set_octets(io, out.m_tdata);
    io->m_tkeep = out.m_tkeep;
    io->m_tvalid = out.m_tvalid;
    io->m_tlast = out.m_tlast;
    io->m_len = out.m_len;
    io->cnt_overflow = out.cnt_overflow;
}

#define COSIM_PARAM_MODEL access_rx_buffer
#define COSIM_PARAM_MODEL_PARAMS {W, DEPTH_LOG2, LQ_LOG2}
#include "cosim_param_model.h"

/* ---- the testbench */

struct frame {
    uint8_t data[MAX_FRAME];
    size_t len;
    uint8_t outcome;            /* HDLC_RX_* */
};

struct tb {
    struct cosim c;
    uint64_t rng;
    struct frame *f;
    size_t n, next, off;        /* frames of the phase; the one being sent */
    size_t expect;              /* next good frame the output may carry */
    unsigned gap_pct, bp_pct;
    bool hold;                  /* m_tready low (burst phase) */
    uint8_t buf[MAX_FRAME];
    size_t len;
    uint64_t overflow_pulses, skipped, frames_out, beats, first_beat, last_beat;
    bool beat_seen;
    bool m_valid;               /* m_tvalid in the last cycle */
    uint64_t overflows_total;
};

static bool next_good(struct tb *t, size_t *i)
{
    while (*i < t->n && t->f[*i].outcome != HDLC_RX_FRAME)
        (*i)++;
    return *i < t->n;
}

/* A whole frame left: it must be the next good frame, or a later one with
 * every good frame between them dropped for want of room. */
static bool check_frame(struct tb *t)
{
    size_t i = t->expect;
    while (next_good(t, &i)) {
        const struct frame *f = &t->f[i];
        if (f->len == t->len && memcmp(f->data, t->buf, t->len) == 0)
            break;
        t->skipped++;
        i++;
    }
    if (i >= t->n) {
        fprintf(stderr, "cycle %" PRIu64 ": a %zu-octet frame out that no good frame matches\n",
                t->c.cycle, t->len);
        return false;
    }
    t->expect = i + 1;
    t->frames_out++;
    return true;
}

static bool cycle(struct tb *t)
{
    io_t *io = cosim_inputs(&t->c);
    io->rst = 0;
    bool offer = t->next < t->n && !cosim_chance(&t->rng, t->gap_pct);
    if (offer) {
        const struct frame *f = &t->f[t->next];
        io->s_tdata = f->data[t->off];
        io->s_tlast = t->off + 1 == f->len;
        io->s_tuser = io->s_tlast ? f->outcome : cosim_rand(&t->rng) & 7;
        io->s_tvalid = 1;
    } else {
        io->s_tdata = cosim_rand(&t->rng) & 0xFF;
        io->s_tlast = cosim_rand(&t->rng) & 1;
        io->s_tuser = cosim_rand(&t->rng) & 7;
        io->s_tvalid = 0;
    }
    io->m_tready = !t->hold && !cosim_chance(&t->rng, t->bp_pct);
    bool ready = io->m_tready;
    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);
    if (offer) {
        if (!o->s_tready) {
            fprintf(stderr, "cycle %" PRIu64 ": s_tready low: the line cannot wait\n", t->c.cycle);
            return false;
        }
        if (++t->off == t->f[t->next].len) {
            t->off = 0;
            t->next++;
        }
    }
    t->overflow_pulses += o->cnt_overflow;
    t->overflows_total += o->cnt_overflow;
    t->m_valid = o->m_tvalid;
    if (o->m_tvalid && ready) {
        uint8_t d[W];
        unsigned n = 0;
        m_octets(o, d);
        while (n < W && ((o->m_tkeep >> n) & 1))
            n++;
        if ((o->m_tkeep >> n) != 0 || n == 0 || (!o->m_tlast && n != W) || t->len + n > MAX_FRAME) {
            fprintf(stderr, "cycle %" PRIu64 ": m_tkeep 0x%" PRIx64 " not packed\n", t->c.cycle,
                    (uint64_t)o->m_tkeep);
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
            if (o->m_len != t->len) {
                fprintf(stderr, "cycle %" PRIu64 ": m_len %u, frame has %zu octets\n", t->c.cycle,
                        (unsigned)o->m_len, t->len);
                return false;
            }
            if (!check_frame(t))
                return false;
            t->len = 0;
        }
        if (t->len && o->m_len < t->len) {
            fprintf(stderr, "cycle %" PRIu64 ": m_len %u below the octets so far\n", t->c.cycle,
                    (unsigned)o->m_len);
            return false;
        }
    }
    cosim_tick(&t->c);
    return true;
}

static void make_frames(struct tb *t, size_t n, size_t min, size_t max, unsigned bad_pct)
{
    for (size_t i = 0; i < n; i++) {
        struct frame *f = &t->f[i];
        f->len = min + cosim_rand(&t->rng) % (max - min + 1);
        for (size_t k = 0; k < f->len; k++)
            f->data[k] = (uint8_t)cosim_rand(&t->rng);
        f->outcome = cosim_chance(&t->rng, bad_pct) ? (uint8_t)(1 + cosim_rand(&t->rng) % 4)
                                                     : HDLC_RX_FRAME;
        if (f->outcome == HDLC_RX_RUNT)   /* the deframer puts nothing out for runts */
            f->outcome = HDLC_RX_BAD_FCS;
    }
    t->n = n;
}

/* Sends the phase's frames and waits until the output is quiet. */
static bool run_phase(struct tb *t, const char *name, bool may_drop)
{
    t->next = t->off = t->expect = 0;
    t->skipped = t->overflow_pulses = 0;
    t->beats = 0;
    t->beat_seen = false;
    uint64_t quiet = 0, last_progress = t->c.cycle;
    while (t->next < t->n || quiet < 20) {
        uint64_t before = t->next + t->off + t->beats;
        if (!cycle(t)) {
            fprintf(stderr, "phase %s failed\n", name);
            return false;
        }
        bool moved = t->next + t->off + t->beats != before;
        if (moved)
            last_progress = t->c.cycle;
        /* quiet: nothing left to send and nothing offered on the output */
        quiet = moved || t->next < t->n || t->m_valid ? 0 : quiet + 1;
        if (t->hold && t->next == t->n) {
            t->hold = false;
            for (int i = 0; i < 3; i++)     /* the last frame's commit settles */
                if (!cycle(t))
                    return false;
            t->beat_seen = false;
            t->beats = 0;
        }
        if (t->c.cycle - last_progress > STALL_CYCLES) {
            fprintf(stderr, "phase %s: no progress for %d cycles\n", name, STALL_CYCLES);
            return false;
        }
    }
    /* the good frames never seen after the last one out */
    size_t i = t->expect;
    while (next_good(t, &i)) {
        t->skipped++;
        i++;
    }
    if (t->skipped != t->overflow_pulses || (!may_drop && t->skipped)) {
        fprintf(stderr, "phase %s: %" PRIu64 " good frames missing, %" PRIu64
                " overflow pulses\n", name, t->skipped, t->overflow_pulses);
        return false;
    }
    return true;
}

static bool reset(struct tb *t)
{
    if (!cosim_run_reset(&t->c, 2))
        return false;
    t->len = 0;
    return true;
}

int main(int argc, char **argv)
{
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, DEFAULT_CYCLES))
        return 2;
    static struct tb tb;
    struct tb *t = &tb;
    t->rng = args.seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    t->f = calloc(NFRAMES, sizeof *t->f);
    if (!t->f)
        return 1;
    if (!cosim_init_engines(&t->c, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops, &args,
                            stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", DATA_W %d, %u-octet RAM, %d frames queued at most\n",
           BLOCK.name, args.seed, W, RAM_OCTETS, 1 << LQ_LOG2);
    bool ok = reset(t);
    /* Directed: every length 1..3W+1, good and bad, output always ready. */
    if (ok) {
        make_frames(t, 3 * W + 1, 1, 1, 0);
        for (size_t i = 0; i < t->n; i++) {
            t->f[i].len = i + 1;
            t->f[i].outcome = i % 3 == 2 ? HDLC_RX_BAD_FCS : HDLC_RX_FRAME;
        }
        t->gap_pct = t->bp_pct = 0;
        ok = run_phase(t, "lengths 1..3W+1, every third bad", false);
    }
    /* Held back, then released: four frames leave at one beat per cycle. */
    if (ok) {
        make_frames(t, 1 << LQ_LOG2, RAM_OCTETS / 8, RAM_OCTETS / 5, 0);
        t->hold = true;
        ok = run_phase(t, "burst", false);
        uint64_t cycles = t->last_beat - t->first_beat + 1;
        printf("%s: DATA_W %d buffered burst: %.3f beats per cycle (%" PRIu64 " beats, %" PRIu64
               " cycles)\n", BLOCK.name, W, (double)t->beats / (double)cycles, t->beats, cycles);
        if (ok && t->beats != cycles) {
            fprintf(stderr, "burst: %" PRIu64 " idle output cycles\n", cycles - t->beats);
            ok = false;
        }
    }
    /* Frames larger than the RAM: dropped and counted, the next ones pass. */
    if (ok) {
        make_frames(t, 6, 1, 300, 0);
        t->f[1].len = t->f[4].len = RAM_OCTETS + 1 + cosim_rand(&t->rng) % 99;
        t->gap_pct = 10;
        ok = run_phase(t, "larger than the RAM", true) && t->skipped == 2;
    }
    static const unsigned mixes[][2] = {{0, 0}, {30, 0}, {0, 50}, {20, 90}, {60, 30}, {5, 98}};
    for (unsigned seg = 0; ok && t->c.cycle < args.cycles; seg++) {
        const unsigned *m = mixes[seg % (sizeof mixes / sizeof mixes[0])];
        make_frames(t, NFRAMES, 1, seg % 2 ? 80 : 1600, 25);
        t->gap_pct = m[0];
        t->bp_pct = m[1];
        char name[64];
        snprintf(name, sizeof name, "random, gap %u%% bp %u%%", m[0], m[1]);
        ok = run_phase(t, name, m[1] != 0);
    }
    if (ok)
        printf("%s: %" PRIu64 " frames out, %" PRIu64 " dropped for want of room\n", BLOCK.name,
               t->frames_out, t->overflows_total);
    ok = ok && cosim_chaos(&t->c, args.cycles / 20, &t->rng, 5);
    if (ok)
        cosim_print_speed(&t->c, stdout);
    uint64_t total = t->c.cycle;
    cosim_free(&t->c);
    free(t->f);
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
