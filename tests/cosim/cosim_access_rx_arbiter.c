/* Lockstep test of hw/access_rx_arbiter.sv (N_CH 4) against
 * model/access_rx_arbiter.c, built once per DATA_W (ARBITER_COSIM_DATA_W 8
 * or 16).
 *
 * Inputs 0-3 are channel buffers (a length per frame on s_ch_len), input 4
 * the host's injected frames (a session and a length per frame). Each sends
 * its own numbered frames with random valid gaps, the output applies random
 * backpressure. Independently of the model, every frame out must be the next
 * frame of the input its tag names (kind 0: channel m_tuser_id; kind 1: the
 * injected stream, m_tuser_id its session), octet for octet, with
 * m_tuser_len = its length on every beat and tkeep packed, never interleaved.
 * With every input always offering, frames leave in strict rotation
 * (channels 0-3, then the host) at one beat per cycle. Last, chaos. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "cosim_frame_streams.h"
#include "cosim_octets.h"
#include "access_rx_arbiter.h"

#ifndef ARBITER_COSIM_DATA_W
#error "define ARBITER_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W ARBITER_COSIM_DATA_W

#define COSIM_BLOCK COSIM_CAT(access_rx_arbiter_w, ARBITER_COSIM_DATA_W)
#define COSIM_PORTS_DEF "access_rx_arbiter_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);

#define N_CH ARBITER_COSIM_N_CH
#define N (N_CH + 1)          /* the injected stream is input N_CH */
#define DEFAULT_CYCLES 1000000u

/* ---- octets of the flat ports (cosim_octets.h) */
#if W <= 8
COSIM_OCTETS_ACCESSORS_U64(inj, s_inj_tdata, W)
COSIM_OCTETS_ACCESSORS_U64(m, m_tdata, W)
static void inj_set_octet(io_t *io, unsigned i, uint8_t v)
{
    io->s_inj_tdata = (io->s_inj_tdata & ~((uint64_t)0xFF << (8 * i))) | (uint64_t)v << (8 * i);
}
#else
COSIM_OCTETS_ACCESSORS_WIDE(inj, s_inj_tdata, W)
COSIM_OCTETS_ACCESSORS_WIDE(m, m_tdata, W)
static void inj_set_octet(io_t *io, unsigned i, uint8_t v)
{
    cosim_wide_set_octet(io->s_inj_tdata, i, v);
}
#endif

/* ---- the C model as a cosim engine */
static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    struct access_rx_arbiter_in in = {.rst = io->rst, .m_tready = io->m_tready};
    for (unsigned k = 0; k < N_CH; k++) {
        for (unsigned i = 0; i < W; i++)
            in.ch[k].data[i] = cosim_wide_octet(io->s_ch_tdata, k * W + i);
        in.ch[k].keep = (uint32_t)(io->s_ch_tkeep >> (k * W)) & ((1u << W) - 1);
        in.ch[k].last = (io->s_ch_tlast >> k) & 1;
        in.ch_tvalid[k] = (io->s_ch_tvalid >> k) & 1;
        in.ch_len[k] = (uint16_t)(io->s_ch_len >> (16 * k));
    }
    inj_octets(io, in.inj.data);
    in.inj.keep = (uint32_t)io->s_inj_tkeep;
    in.inj.last = io->s_inj_tlast;
    in.inj_tvalid = io->s_inj_tvalid;
    in.inj_session = (uint16_t)io->s_inj_session;
    in.inj_len = (uint16_t)io->s_inj_len;
    struct access_rx_arbiter_out out;
    access_rx_arbiter_eval(impl, &in, &out);
    io->s_ch_tready = 0;
    for (unsigned k = 0; k < N_CH; k++)
        io->s_ch_tready |= (uint64_t)out.ch_tready[k] << k;
    io->s_inj_tready = out.inj_tready;
    m_set_octets(io, out.m_tdata);
    io->m_tkeep = out.m_tkeep;
    io->m_tvalid = out.m_tvalid;
    io->m_tlast = out.m_tlast;
    io->m_tuser_kind = out.m_tuser_kind;
    io->m_tuser_id = out.m_tuser_id;
    io->m_tuser_len = out.m_tuser_len;
}

#define COSIM_PARAM_MODEL access_rx_arbiter
#define COSIM_PARAM_MODEL_PARAMS {W, N_CH}
#include "cosim_param_model.h"

/* ---- the testbench: frame k of input i is a function of (seed, i, k)
 * (cosim_frame_streams.h); this file drives and reads the block's ports. */

struct tb {
    struct cosim c;
    uint64_t rng;
    struct cosim_fs fs;
};

/* the session the host names for its frame k (input N_CH) */
static unsigned frame_user(const struct tb *t, unsigned i, uint64_t k)
{
    return (unsigned)(cosim_fs_frame_tag(&t->fs, i, k) & 0xFFFF);
}

/* Drives input i's beat (or junk) into the flat ports. */
static void drive(struct tb *t, io_t *io, unsigned i, bool offer)
{
    struct cosim_fs_source *s = &t->fs.src[i];
    uint8_t b[W];
    for (unsigned o = 0; o < W; o++)
        b[o] = (uint8_t)cosim_rand(&t->rng);
    uint64_t keep = cosim_rand(&t->rng) & ((1u << W) - 1), last = cosim_rand(&t->rng) & 1;
    uint64_t len = cosim_rand(&t->rng) & 0xFFFF, session = cosim_rand(&t->rng) & 0xFFFF;
    if (offer) {
        size_t flen = cosim_fs_frame_len(&t->fs, i, s->sent);
        size_t n = flen - s->off < W ? flen - s->off : W;
        for (unsigned o = 0; o < n; o++)
            b[o] = cosim_fs_frame_octet(&t->fs, i, s->sent, s->off + o);
        keep = (1u << n) - 1;
        last = s->off + n >= flen;
        len = flen;
        session = frame_user(t, i, s->sent);
    }
    if (i < N_CH) {
        for (unsigned o = 0; o < W; o++)
            cosim_wide_set_octet(io->s_ch_tdata, i * W + o, b[o]);
        io->s_ch_tkeep |= keep << (i * W);
        io->s_ch_tlast |= last << i;
        io->s_ch_len |= len << (16 * i);
        io->s_ch_tvalid |= (uint64_t)offer << i;
    } else {
        for (unsigned o = 0; o < W; o++)
            inj_set_octet(io, o, b[o]);
        io->s_inj_tkeep = keep;
        io->s_inj_tlast = last;
        io->s_inj_len = len;
        io->s_inj_session = session;
        io->s_inj_tvalid = offer;
    }
}

static bool cycle(void *tbv)
{
    struct tb *t = tbv;
    struct cosim_fs *f = &t->fs;
    io_t *io = cosim_inputs(&t->c);
    io->rst = 0;
    bool offer[N];
    io->s_ch_tvalid = io->s_ch_tlast = io->s_ch_tkeep = io->s_ch_len = 0;
    for (unsigned i = 0; i < N; i++) {
        offer[i] = f->src[i].sent < f->limit && !cosim_chance(&t->rng, f->gap_pct);
        drive(t, io, i, offer[i]);
    }
    io->m_tready = !cosim_chance(&t->rng, f->bp_pct);
    bool ready = io->m_tready;
    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);
    for (unsigned i = 0; i < N; i++) {
        bool taken = i < N_CH ? (o->s_ch_tready >> i) & 1 : o->s_inj_tready;
        if (offer[i] && taken)
            cosim_fs_beat_taken(f, i);
    }
    if (o->m_tvalid && ready) {
        uint8_t d[W];
        unsigned n = 0;
        m_octets(o, d);
        while (n < W && ((o->m_tkeep >> n) & 1))
            n++;
        /* the input the tag names */
        unsigned sel = o->m_tuser_kind ? N_CH : (unsigned)o->m_tuser_id;
        if ((o->m_tkeep >> n) != 0 || n == 0 || (!o->m_tlast && n != W) || sel >= N) {
            fprintf(stderr, "cycle %" PRIu64 ": m_tkeep 0x%" PRIx64 " not packed or bad tag "
                    "(kind %u id %u)\n", t->c.cycle, (uint64_t)o->m_tkeep,
                    (unsigned)o->m_tuser_kind, (unsigned)o->m_tuser_id);
            return false;
        }
        cosim_fs_out_start(f, sel);
        uint64_t k = f->src[f->cur_sel].recv;
        unsigned want_id = f->cur_sel < N_CH ? f->cur_sel : frame_user(t, f->cur_sel, k);
        size_t want_len = cosim_fs_frame_len(f, f->cur_sel, k);
        if (sel != f->cur_sel || o->m_tuser_len != want_len
            || (f->cur_sel == N_CH && o->m_tuser_id != want_id)
            || f->len + n > COSIM_FS_MAX_FRAME) {
            fprintf(stderr, "cycle %" PRIu64 ": beat tagged kind %u id %u len %u inside frame %"
                    PRIu64 " of input %u (id %u, %zu octets)\n", t->c.cycle,
                    (unsigned)o->m_tuser_kind, (unsigned)o->m_tuser_id, (unsigned)o->m_tuser_len,
                    k, f->cur_sel, want_id, want_len);
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
    snprintf(banner, sizeof banner, ", N_CH %d, DATA_W %d", N_CH, W);
    return cosim_fs_main(&tb.c, &tb.fs, &tb.rng, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops,
                         &args, N, W, banner, cycle, &tb);
}
