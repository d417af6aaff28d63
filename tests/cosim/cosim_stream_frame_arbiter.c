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
#include "cosim_run.h"
#include "cosim_frame_streams.h"
#include "cosim_octets.h"
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
#define DEFAULT_CYCLES 1000000u

/* ---- octets of the flat ports (cosim_octets.h) */
#if W <= 8
COSIM_OCTETS_ACCESSORS_U64(m, m_tdata, W)
#else
COSIM_OCTETS_ACCESSORS_WIDE(m, m_tdata, W)
#endif

/* ---- the C model as a cosim engine */
static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    struct stream_frame_arbiter_in in = {.rst = io->rst, .m_tready = io->m_tready};
    for (unsigned k = 0; k < N; k++) {
        for (unsigned i = 0; i < W; i++)
            in.s[k].data[i] = cosim_wide_octet(io->s_tdata, k * W + i);
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

#define COSIM_PARAM_MODEL stream_frame_arbiter
#define COSIM_PARAM_MODEL_PARAMS {N, W, USER_W}
#include "cosim_param_model.h"

/* ---- the testbench: frame k of input i is a function of (seed, i, k)
 * (cosim_frame_streams.h); this file drives and reads the block's ports. */

struct tb {
    struct cosim c;
    uint64_t rng;
    struct cosim_fs fs;
    unsigned cur_user;          /* tuser of the output frame in progress */
};

static unsigned frame_user(const struct tb *t, unsigned i, uint64_t k)
{
    return (unsigned)(cosim_fs_frame_tag(&t->fs, i, k) & 0xFF);
}

static bool cycle(void *tbv)
{
    struct tb *t = tbv;
    struct cosim_fs *f = &t->fs;
    io_t *io = cosim_inputs(&t->c);
    io->rst = 0;
    bool offer[N];
    io->s_tvalid = io->s_tlast = io->s_tkeep = io->s_tuser = 0;
    for (unsigned i = 0; i < N; i++) {
        struct cosim_fs_source *s = &f->src[i];
        offer[i] = s->sent < f->limit && !cosim_chance(&t->rng, f->gap_pct);
        /* junk where no beat is offered or beyond tkeep */
        for (unsigned o = 0; o < W; o++)
            cosim_wide_set_octet(io->s_tdata, i * W + o, (uint8_t)cosim_rand(&t->rng));
        if (!offer[i]) {
            io->s_tuser |= (cosim_rand(&t->rng) & 0xFF) << (i * USER_W);
            io->s_tlast |= (cosim_rand(&t->rng) & 1) << i;
            io->s_tkeep |= (cosim_rand(&t->rng) & ((1u << W) - 1)) << (i * W);
            continue;
        }
        size_t len = cosim_fs_frame_len(f, i, s->sent);
        size_t n = len - s->off < W ? len - s->off : W;
        for (unsigned o = 0; o < n; o++)
            cosim_wide_set_octet(io->s_tdata, i * W + o, cosim_fs_frame_octet(f, i, s->sent, s->off + o));
        io->s_tkeep |= (uint64_t)((1u << n) - 1) << (i * W);
        io->s_tlast |= (uint64_t)(s->off + n >= len) << i;
        io->s_tuser |= (uint64_t)frame_user(t, i, s->sent) << (i * USER_W);
        io->s_tvalid |= 1u << i;
    }
    io->m_tready = !cosim_chance(&t->rng, f->bp_pct);
    bool ready = io->m_tready;
    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);
    for (unsigned i = 0; i < N; i++)
        if (offer[i] && ((o->s_tready >> i) & 1))
            cosim_fs_beat_taken(f, i);
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
        if (!f->in_frame) {
            cosim_fs_out_start(f, (unsigned)o->m_tsel);
            t->cur_user = frame_user(t, f->cur_sel, f->src[f->cur_sel].recv);
        }
        if (o->m_tsel != f->cur_sel || o->m_tuser != t->cur_user
            || f->len + n > COSIM_FS_MAX_FRAME) {
            fprintf(stderr, "cycle %" PRIu64 ": beat of input %u (tuser 0x%02x) inside a frame of "
                    "input %u (tuser 0x%02x)\n", t->c.cycle, (unsigned)o->m_tsel,
                    (unsigned)o->m_tuser, f->cur_sel, t->cur_user);
            return false;
        }
        if (!cosim_fs_out_beat(f, d, n, o->m_tlast))
            return false;
    }
    cosim_tick(&t->c);
    return true;
}

int main(int argc, char **argv)
{
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, DEFAULT_CYCLES))
        return 2;
    static struct tb tb;
    char banner[64];
    snprintf(banner, sizeof banner, ", N %d, DATA_W %d, USER_W %d", N, W, USER_W);
    return cosim_fs_main(&tb.c, &tb.fs, &tb.rng, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops,
                         &args, N, W, banner, cycle, &tb);
}
