/* Numbered frames through an arbitrated output: see cosim_frame_streams.h. */
#include "cosim_frame_streams.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cosim_run.h"

bool cosim_fs_init(struct cosim_fs *f, const struct cosim *c, uint64_t seed, unsigned n,
                   unsigned data_w)
{
    memset(f, 0, sizeof *f);
    if (n == 0 || n > COSIM_FS_MAX_INPUTS || data_w == 0 || data_w > COSIM_FS_MAX_FRAME) {
        fprintf(stderr, "cosim_fs: %u inputs of %u octets per beat not supported\n", n, data_w);
        return false;
    }
    f->c = c;
    f->seed = seed;
    f->n = n;
    f->data_w = data_w;
    f->last_sel = -1;
    return true;
}

/* MurmurHash3's finalizer: every input bit moves every output bit, so
 * neighbouring (seed, i, k, off) give unrelated frames. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    return x ^ (x >> 33);
}

size_t cosim_fs_frame_len(const struct cosim_fs *f, unsigned i, uint64_t k)
{
    uint64_t h = mix(f->seed ^ (k << 8) ^ i);
    /* a quarter fit one beat: the single-beat frames (first beat is last) */
    return (h & 3) == 0 ? 1 + (h >> 8) % f->data_w : 1 + (h >> 8) % COSIM_FS_MAX_FRAME;
}

uint8_t cosim_fs_frame_octet(const struct cosim_fs *f, unsigned i, uint64_t k, size_t off)
{
    return (uint8_t)mix(f->seed ^ (k << 20) ^ ((uint64_t)off << 4) ^ i ^ UINT64_C(0x5555));
}

uint64_t cosim_fs_frame_tag(const struct cosim_fs *f, unsigned i, uint64_t k)
{
    return mix(f->seed ^ (k << 12) ^ i ^ UINT64_C(0xABCD));
}

void cosim_fs_beat_taken(struct cosim_fs *f, unsigned i)
{
    struct cosim_fs_source *s = &f->src[i];
    size_t len = cosim_fs_frame_len(f, i, s->sent);
    s->off += f->data_w;
    if (s->off >= len) {
        s->off = 0;
        s->sent++;
    }
}

void cosim_fs_out_start(struct cosim_fs *f, unsigned sel)
{
    if (f->in_frame)
        return;
    f->in_frame = true;
    f->cur_sel = sel;
    f->len = 0;
}

static bool check_frame(struct cosim_fs *f)
{
    struct cosim_fs_source *s = &f->src[f->cur_sel];
    uint64_t k = s->recv;
    size_t want = cosim_fs_frame_len(f, f->cur_sel, k);
    if (k >= s->sent) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u's frame %" PRIu64 " out before it was sent\n",
                f->c->cycle, f->cur_sel, k);
        return false;
    }
    if (f->len != want) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u frame %" PRIu64 ": %zu octets, sent %zu\n",
                f->c->cycle, f->cur_sel, k, f->len, want);
        return false;
    }
    for (size_t o = 0; o < want; o++)
        if (f->buf[o] != cosim_fs_frame_octet(f, f->cur_sel, k, o)) {
            fprintf(stderr, "cycle %" PRIu64 ": input %u frame %" PRIu64 " octet %zu differs\n",
                    f->c->cycle, f->cur_sel, k, o);
            return false;
        }
    if (f->check_rotation && f->last_sel >= 0
        && f->cur_sel != (unsigned)(f->last_sel + 1) % f->n) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u after input %d, not round robin\n",
                f->c->cycle, f->cur_sel, f->last_sel);
        return false;
    }
    f->last_sel = (int)f->cur_sel;
    s->recv++;
    f->frames++;
    return true;
}

bool cosim_fs_out_beat(struct cosim_fs *f, const uint8_t *d, unsigned n, bool last)
{
    if (f->len + n > COSIM_FS_MAX_FRAME) {
        fprintf(stderr, "cycle %" PRIu64 ": input %u's frame longer than %d octets\n",
                f->c->cycle, f->cur_sel, COSIM_FS_MAX_FRAME);
        return false;
    }
    memcpy(f->buf + f->len, d, n);
    f->len += n;
    if (!f->beat_seen) {
        f->beat_seen = true;
        f->first_beat = f->c->cycle;
    }
    f->last_beat = f->c->cycle;
    f->beats++;
    if (last) {
        f->in_frame = false;
        if (!check_frame(f))
            return false;
    }
    return true;
}

bool cosim_fs_run_phase(struct cosim_fs *f, const char *name, uint64_t frames, unsigned gap,
                        unsigned bp, bool rotation, cosim_fs_cycle_fn cycle, void *tb)
{
    f->limit = f->src[0].sent + frames;
    for (unsigned i = 1; i < f->n; i++)
        if (f->src[i].sent + frames > f->limit)
            f->limit = f->src[i].sent + frames;
    for (unsigned i = 0; i < f->n; i++)
        f->src[i].sent = f->src[i].recv = f->limit - frames;
    f->gap_pct = gap;
    f->bp_pct = bp;
    f->check_rotation = rotation;
    f->last_sel = -1;
    f->beats = 0;
    f->beat_seen = false;
    uint64_t last_progress = f->c->cycle, before = 0;
    for (;;) {
        bool done = true;
        for (unsigned i = 0; i < f->n; i++)
            done = done && f->src[i].recv == f->limit;
        if (done)
            return true;
        if (!cycle(tb)) {
            fprintf(stderr, "phase %s failed\n", name);
            return false;
        }
        if (f->frames != before) {
            before = f->frames;
            last_progress = f->c->cycle;
        }
        if (f->c->cycle - last_progress > COSIM_FS_STALL_CYCLES) {
            fprintf(stderr, "phase %s: no progress for %d cycles\n", name, COSIM_FS_STALL_CYCLES);
            return false;
        }
    }
}

bool cosim_fs_run_traffic(struct cosim_fs *f, uint64_t cycles, cosim_fs_cycle_fn cycle, void *tb)
{
    const char *block = f->c->block->name;
    /* Saturated, no backpressure: strict rotation at one beat per cycle. */
    bool ok = cosim_fs_run_phase(f, "saturated", 300, 0, 0, true, cycle, tb);
    if (ok) {
        uint64_t busy = f->last_beat - f->first_beat + 1;
        printf("%s: DATA_W %u saturated: %.3f beats per cycle (%" PRIu64 " beats, %" PRIu64
               " cycles)\n", block, f->data_w, (double)f->beats / (double)busy, f->beats, busy);
        if (f->beats != busy) {
            fprintf(stderr, "saturated: %" PRIu64 " idle output cycles\n", busy - f->beats);
            ok = false;
        }
    }
    /* Saturated inputs, random backpressure: still strict rotation. */
    ok = ok && cosim_fs_run_phase(f, "saturated, backpressure", 300, 0, 40, true, cycle, tb);
    static const unsigned mixes[][2] = {{10, 0}, {50, 10}, {80, 0}, {20, 60}, {95, 5}, {0, 90}};
    for (unsigned seg = 0; ok && f->c->cycle < cycles; seg++) {
        const unsigned *m = mixes[seg % (sizeof mixes / sizeof mixes[0])];
        char name[64];
        snprintf(name, sizeof name, "random, gap %u%% bp %u%%", m[0], m[1]);
        ok = cosim_fs_run_phase(f, name, 200, m[0], m[1], false, cycle, tb);
    }
    if (ok)
        printf("%s: %" PRIu64 " frames checked\n", block, f->frames);
    return ok;
}

int cosim_fs_main(struct cosim *c, struct cosim_fs *f, uint64_t *rng,
                  const struct cosim_block *block, const struct cosim_engine_ops *rtl,
                  const struct cosim_engine_ops *model, struct cosim_args *args, unsigned n,
                  unsigned data_w, const char *banner, cosim_fs_cycle_fn cycle, void *tb)
{
    *rng = args->seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    if (!cosim_init_engines(c, block, rtl, model, args, stderr))
        return 1;
    if (!cosim_fs_init(f, c, args->seed, n, data_w)) {
        cosim_free(c);
        return 1;
    }
    printf("%s: seed %" PRIu64 "%s\n", block->name, args->seed, banner);
    bool ok = cosim_run_reset(c, 2);
    f->in_frame = false;
    ok = ok && cosim_fs_run_traffic(f, args->cycles, cycle, tb);
    ok = ok && cosim_chaos(c, args->cycles / 20, rng, 5);
    if (ok)
        cosim_print_speed(c, stdout);
    uint64_t total = c->cycle;
    cosim_free(c);
    printf("%s: %s after %" PRIu64 " cycles\n", block->name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
