/* Lockstep co-simulation of hw/net_rx_dispatch.sv (Verilated, N_CH = 4,
 * frame FIFO of 512 beats, channel FIFOs of 256) against its C model
 * (model/net_rx_dispatch.c), built once per DATA_W: compile with
 * NRD_COSIM_DATA_W defined (8 or 16). With COSIM_MODEL_ONLY the model runs
 * alone against the same checks (and under ASan+UBSan).
 *
 * Every output is compared every cycle (tests/cosim/cosim.c). On top of that
 * the testbench, playing session_lookup, checks independently of both
 * engines:
 *   - each channel feeds an hdlc_framer (its C model, as the card top
 *     connects them; channel ready = framer s_tready, backpressure on the
 *     line side), whose line octets must equal host/proto's hdlc_encode of
 *     the expected PPP frame with the session's FCS mode and ACCM;
 *   - each PPP frame out of a channel is the payload that host/proto's
 *     decoders (net_udp_decode + l2tp_header_decode) find in the NET frame,
 *     with FF 03 put in front when the payload does not start with 0xFF
 *     (RFC 1661 §6.6), carrying the descriptor's FCS mode and ACCM on every
 *     octet; host-injected frames come out exactly as given; frames of one
 *     channel come out in the order their first beat was written, never
 *     interleaved;
 *   - the punt stream carries the PUNT_FRAME frames whole (kind NET) and the
 *     HOST_PPP payloads (kind PPP), packed (tkeep all ones but in the last
 *     beat, low lanes), tuser = the descriptor's reason/session/channel;
 *   - every counter pulse belongs to the frame whose descriptor is taken (or
 *     whose beat is accepted, for the frame FIFO overflow) and matches its
 *     action; a channel-full drop only happens when the channel is busy;
 *   - with nothing full, the NET input takes one beat per cycle: bytes per
 *     cycle printed for 64, 512, 1500-octet and IMIX frames.
 * Stimulus: directed batches (every action, FF 03 present or not, empty
 * payloads, frames too big for the frame FIFO or a channel FIFO, bad
 * channels, host frames for a channel NET is writing), back-to-back
 * throughput batches, then seeded random batches (tests/cosim/
 * net_rx_frames.c's random L2TP frames, broken ones included) with random
 * valid gaps on the three inputs and random backpressure on every output,
 * and last a chaos phase (every input random, resets) for the lockstep
 * comparison alone.
 *
 * Usage: cosim_net_rx_dispatch_wN [--seed N] [--cycles N] [--model-only] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "cosim_octets.h"
#include "hdlc.h"
#include "hdlc_framer.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_const.h"
#include "net_headers.h"
#include "net_rx_dispatch.h"
#include "net_rx_frames.h"
#include "ppp_const.h"

#ifndef NRD_COSIM_DATA_W
#error "define NRD_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W NRD_COSIM_DATA_W
#define NRD_COSIM_N_CH 4
#define NCH NRD_COSIM_N_CH
#define FRAME_DEPTH_LOG2 9 /* as tests/cosim/net_rx_dispatch.mk's -G */
#define CH_DEPTH_LOG2 8

#define COSIM_BLOCK COSIM_CAT(net_rx_dispatch_w, NRD_COSIM_DATA_W)
#define COSIM_PORTS_DEF "net_rx_dispatch_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);
#endif

#define DEFAULT_CYCLES 1000000u
#define STALL_LIMIT 200000u   /* cycles without any progress: the run has hung */
#define INJ_MAX 300

/* ---- wide ports as octets (cosim_octets.h) */

#if W <= 8
#define SET_BEAT(field, b) ((field) = cosim_u64_of_octets((b), W))
#define GET_OCTET(field, i) ((uint8_t)((field) >> (8 * (i))))
#else
#define SET_BEAT(field, b) cosim_wide_set_octets((field), (b), W)
#define GET_OCTET(field, i) cosim_wide_octet((field), (i))
#endif

static uint8_t ch_octet(const io_t *io, unsigned c)
{
    return (uint8_t)(io->m_ch_tdata >> (8 * c));
}

static uint32_t ch_accm(const io_t *io, unsigned c)
{
    return io->m_ch_accm[c];
}

/* ---- the C model as a cosim engine */

static void *model_create(void)
{
    struct net_rx_dispatch *d = calloc(1, sizeof *d);
    struct proto_error err = {0};
    if (d && net_rx_dispatch_init(d, W, NCH, FRAME_DEPTH_LOG2, CH_DEPTH_LOG2, &err) != PROTO_OK) {
        char line[200];
        fprintf(stderr, "model: %s\n", proto_error_format(&err, line, sizeof line));
        free(d);
        return NULL;
    }
    return d;
}

static void model_destroy(void *impl)
{
    if (impl)
        net_rx_dispatch_free(impl);
    free(impl);
}

static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    static const struct net_rx_dispatch_in zero_in;
    struct net_rx_dispatch_in in = zero_in;
    struct net_rx_dispatch_out out;
    in.rst = io->rst;
    for (unsigned i = 0; i < W; i++) {
        in.s_net_tdata[i] = GET_OCTET(io->s_net_tdata, i);
        in.s_inject_ppp_tdata[i] = GET_OCTET(io->s_inject_ppp_tdata, i);
    }
    in.s_net_tkeep = io->s_net_tkeep;
    in.s_net_tvalid = io->s_net_tvalid;
    in.s_net_tlast = io->s_net_tlast;
    in.s_desc_tvalid = io->s_desc_tvalid;
    in.s_desc = (struct net_rx_dispatch_desc){
        (uint8_t)io->s_desc_action,     (uint8_t)io->s_desc_reason,
        (uint16_t)io->s_desc_session,   (uint8_t)io->s_desc_channel,
        io->s_desc_fcs32,               (uint32_t)io->s_desc_accm,
        (uint16_t)io->s_desc_payload_off, (uint16_t)io->s_desc_payload_len,
    };
    in.s_inject_ppp_tkeep = io->s_inject_ppp_tkeep;
    in.s_inject_ppp_tvalid = io->s_inject_ppp_tvalid;
    in.s_inject_ppp_tlast = io->s_inject_ppp_tlast;
    in.s_inject_ppp_tuser_channel = (uint8_t)io->s_inject_ppp_tuser_channel;
    in.s_inject_ppp_tuser_fcs32 = io->s_inject_ppp_tuser_fcs32;
    in.s_inject_ppp_tuser_accm = (uint32_t)io->s_inject_ppp_tuser_accm;
    in.m_punt_tready = io->m_punt_tready;
    for (unsigned c = 0; c < NCH; c++)
        in.m_ch_tready[c] = io->m_ch_tready >> c & 1;

    net_rx_dispatch_eval(impl, &in, &out);

    io->s_net_tready = out.s_net_tready;
    io->s_desc_tready = out.s_desc_tready;
    io->s_inject_ppp_tready = out.s_inject_ppp_tready;
    SET_BEAT(io->m_punt_tdata, out.m_punt_tdata);
    io->m_punt_tkeep = out.m_punt_tkeep;
    io->m_punt_tvalid = out.m_punt_tvalid;
    io->m_punt_tlast = out.m_punt_tlast;
    io->m_punt_tuser_reason = out.m_punt_tuser_reason;
    io->m_punt_tuser_session = out.m_punt_tuser_session;
    io->m_punt_tuser_channel = out.m_punt_tuser_channel;
    io->m_punt_tuser_kind = out.m_punt_tuser_kind;
    io->m_ch_tdata = 0;
    io->m_ch_tvalid = io->m_ch_tlast = io->m_ch_fcs32 = 0;
    for (unsigned c = 0; c < NCH; c++) {
        io->m_ch_tdata |= (uint64_t)out.m_ch_tdata[c] << (8 * c);
        io->m_ch_tvalid |= (uint64_t)out.m_ch_tvalid[c] << c;
        io->m_ch_tlast |= (uint64_t)out.m_ch_tlast[c] << c;
        io->m_ch_fcs32 |= (uint64_t)out.m_ch_fcs32[c] << c;
        io->m_ch_accm[c] = out.m_ch_accm[c];
    }
    io->cnt_drop = out.cnt_drop;
    io->cnt_drop_reason = out.cnt_drop_reason;
    io->cnt_frame_fifo_full = out.cnt_frame_fifo_full;
    io->cnt_chan_fifo_full = out.cnt_chan_fifo_full;
    io->cnt_bad_channel = out.cnt_bad_channel;
    io->cnt_punt_frame = out.cnt_punt_frame;
    io->cnt_host_ppp = out.cnt_host_ppp;
    io->cnt_chan_ppp = out.cnt_chan_ppp;
    io->cnt_inject_frame = out.cnt_inject_frame;
    io->cnt_inject_bad = out.cnt_inject_bad;
}

static void model_tick(void *impl)
{
    net_rx_dispatch_tick(impl);
}

static const struct cosim_engine_ops model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

/* ---- stimulus */

struct nframe {               /* a NET frame and the descriptor session_lookup gives it */
    uint8_t *data;
    size_t len;
    struct net_rx_dispatch_desc desc;
    bool overflowed;          /* the frame FIFO dropped it (seen on the way in) */
    int expect_full;          /* CHAN_PPP: 1 must be dropped as full, 0 must not, -1 either */
};

struct iframe {               /* a host-injected PPP frame */
    uint8_t data[INJ_MAX];
    size_t len;
    uint8_t channel;
    bool fcs32;
    uint32_t accm;
};

/* What must come out: a frame with its metadata. */
struct exp {
    const uint8_t *data;      /* borrowed from the nframe/iframe */
    size_t len;
    bool add_acf;             /* FF 03 first */
    uint8_t kind, reason, channel;
    uint16_t session;
    bool fcs32;
    uint32_t accm;
};

struct queue {
    struct exp *e;
    size_t head, tail, cap;
};

static bool q_push(struct queue *q, struct exp e)
{
    if (q->tail == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 64;
        struct exp *p = realloc(q->e, cap * sizeof *p);
        if (!p)
            return false;
        q->e = p;
        q->cap = cap;
    }
    q->e[q->tail++] = e;
    return true;
}

static bool q_empty(const struct queue *q)
{
    return q->head == q->tail;
}

struct mix {                  /* percentages */
    unsigned net_gap, desc_gap, inj_gap, punt_bp, ch_bp;
    bool hold_ch;             /* channels not ready until every NET frame is in and 200
                                 cycles later; host frames only after the NET frames */
};

struct stats {
    uint64_t frames, octets, first_cycle, last_cycle, cycles;
    uint64_t chan_full, overflow, delivered_ch, punted, injected;
    uint64_t punt_octets, line_octets;   /* out of m_punt, out of the framers */
};

/* Line octets a channel's framer must send: hdlc_encode of its frames. */
struct line {
    uint8_t *buf;
    size_t head, len, cap;
};

struct tb {
    struct cosim c;
    uint64_t rng;
    struct net_rx_rng frng;
    struct net_rx_cfg cfg;
    struct queue punt, ch[NCH];
    /* one hdlc_framer (its C model) behind each channel, as the card top
     * connects them, and what host/proto's hdlc_encode says it must send */
    struct hdlc_framer_state fr[NCH], fr_next[NCH];
    struct line line[NCH];
    /* totals */
    uint64_t n_frames, n_inject, n_chan_full, n_overflow, n_bad_ch, n_drop, n_punt, n_host,
        n_chan, n_acf_added;
};

static void reset_queues(struct tb *t)
{
    t->punt.head = t->punt.tail = 0;
    for (unsigned c = 0; c < NCH; c++) {
        t->ch[c].head = t->ch[c].tail = 0;
        t->line[c].head = t->line[c].len = 0;
    }
}

/* Appends hdlc_encode of the PPP frame e (FF 03 first when e says so) with
 * e's FCS mode and ACCM, opening flag included (the framers run with
 * cfg_share_flag 0). */
static bool line_push(struct tb *t, unsigned c, const struct exp *e)
{
    static uint8_t ppp[NET_RX_FRAME_MAX + 8];
    size_t k = 0;
    if (e->add_acf) {
        ppp[k++] = PPP_ALLSTATIONS;
        ppp[k++] = PPP_UI;
    }
    memcpy(ppp + k, e->data, e->len);
    k += e->len;
    struct line *l = &t->line[c];
    enum hdlc_fcs_mode mode = e->fcs32 ? HDLC_FCS_32 : HDLC_FCS_16;
    size_t need = l->len + hdlc_encoded_max(k, mode);
    if (need > l->cap) {
        uint8_t *p = realloc(l->buf, need * 2);
        if (!p)
            return false;
        l->buf = p;
        l->cap = need * 2;
    }
    struct hdlc_tx_config cfg = {e->accm, mode, true};
    struct proto_error err;
    size_t out_len;
    if (hdlc_encode(&cfg, ppp, k, l->buf + l->len, l->cap - l->len, &out_len, &err) != PROTO_OK)
        return false;
    l->len += out_len;
    return true;
}

/* The framer's inputs for this cycle (s_* from the block's channel c). */
static struct hdlc_framer_io framer_io(const io_t *o, unsigned c, bool offer, bool line_ready)
{
    struct hdlc_framer_io f = {0};
    f.cfg_fcs32 = o ? (o->m_ch_fcs32 >> c & 1) : 0;
    f.cfg_accm = o ? ch_accm(o, c) : 0;
    f.cfg_share_flag = 0;
    f.s_tdata = o ? ch_octet(o, c) : 0;
    f.s_tvalid = o && offer && (o->m_ch_tvalid >> c & 1);
    f.s_tlast = o ? (o->m_ch_tlast >> c & 1) : 0;
    f.m_tready = line_ready;
    return f;
}

static bool reset(struct tb *t)
{
    io_t *in = cosim_inputs(&t->c);
    memset(in, 0, sizeof *in);
    in->rst = 1;
    for (int i = 0; i < 3; i++) {
        if (!cosim_eval(&t->c))
            return false;
        cosim_tick(&t->c);
    }
    in->rst = 0;
    for (unsigned c = 0; c < NCH; c++) {
        struct hdlc_framer_io f = framer_io(NULL, c, false, true);
        f.rst = 1;
        hdlc_framer_eval(&t->fr[c], &f, &t->fr_next[c]);
        hdlc_framer_tick(&t->fr[c], &t->fr_next[c]);
    }
    reset_queues(t);
    return true;
}

/* Random octets on a port nobody should read. */
static void junk_beat(struct tb *t, uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        b[i] = (uint8_t)cosim_rand(&t->rng);
}

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "cycle %" PRIu64 ": ", t->c.cycle);                                        \
        fprintf(stderr, __VA_ARGS__);                                                              \
        fprintf(stderr, "\n");                                                                     \
        return false;                                                                              \
    } while (0)

/* Output collectors: octets of the frame in progress. */
struct collect {
    uint8_t buf[NET_RX_FRAME_MAX + 8];
    size_t len;
};

static bool check_frame(struct tb *t, const char *where, const struct exp *e,
                        const struct collect *got)
{
    size_t want_len = e->len + (e->add_acf ? 2 : 0);
    uint8_t want[NET_RX_FRAME_MAX + 8];
    size_t k = 0;
    if (e->add_acf) {
        want[k++] = PPP_ALLSTATIONS;
        want[k++] = PPP_UI;
    }
    memcpy(want + k, e->data, e->len);
    if (got->len != want_len || memcmp(got->buf, want, want_len) != 0) {
        size_t i = 0;
        while (i < got->len && i < want_len && got->buf[i] == want[i])
            i++;
        FAIL("%s: frame of %zu octets, expected %zu; first difference at octet %zu", where,
             got->len, want_len, i);
    }
    return true;
}

/* One batch: NET frames with their descriptors and injected frames, run
 * until everything expected came out. */
static bool run_batch(struct tb *t, const char *name, struct nframe *nf, size_t n,
                      struct iframe *inj, size_t m, struct mix mx, struct stats *st)
{
    memset(st, 0, sizeof *st);
    size_t fi = 0, fpos = 0, done = 0, dk = 0, ik = 0, ipos = 0;
    bool net_hold = false, desc_hold = false, inj_hold = false;
    bool inj_mid[NCH] = {false};
    struct collect punt_got, ch_got[NCH];
    punt_got.len = 0;
    for (unsigned c = 0; c < NCH; c++)
        ch_got[c].len = 0;
    uint64_t last_progress = t->c.cycle, start = t->c.cycle;
    io_t *in = cosim_inputs(&t->c);
    bool first_accept = true;
    uint64_t net_done = t->c.cycle;

    for (;;) {
        bool all_in = fi == n && dk == n && ik == m;
        bool all_out = q_empty(&t->punt);
        for (unsigned c = 0; c < NCH; c++)
            all_out = all_out && q_empty(&t->ch[c]) && t->line[c].head == t->line[c].len;
        if (all_in && all_out)
            break;
        if (t->c.cycle - last_progress > STALL_LIMIT)
            FAIL("%s: no progress for %u cycles (frame %zu/%zu, descriptor %zu, inject %zu/%zu)",
                 name, STALL_LIMIT, fi, n, dk, ik, m);

        uint8_t beat[W];
        /* s_net: a beat of frame fi, held until taken */
        if (!net_hold)
            net_hold = fi < n && !cosim_chance(&t->rng, mx.net_gap);
        in->s_net_tvalid = net_hold;
        if (net_hold) {
            const struct nframe *f = &nf[fi];
            size_t k = f->len - fpos < W ? f->len - fpos : W;
            memset(beat, 0, sizeof beat);
            memcpy(beat, f->data + fpos, k);
            SET_BEAT(in->s_net_tdata, beat);
            in->s_net_tkeep = (k == 64 ? ~0ull : (1ull << k) - 1);
            in->s_net_tlast = fpos + k == f->len;
        } else {
            junk_beat(t, beat);
            SET_BEAT(in->s_net_tdata, beat);
            in->s_net_tkeep = cosim_rand(&t->rng) & ((1ull << W) - 1);
            in->s_net_tlast = cosim_rand(&t->rng) & 1;
        }
        /* s_desc: descriptor dk once its frame is in (as from the parser
         * and session_lookup), held until taken */
        if (!desc_hold)
            desc_hold = dk < done && !cosim_chance(&t->rng, mx.desc_gap);
        in->s_desc_tvalid = desc_hold;
        {
            struct net_rx_dispatch_desc d;
            if (desc_hold) {
                d = nf[dk].desc;
            } else {
                uint64_t r = cosim_rand(&t->rng);
                d = (struct net_rx_dispatch_desc){(uint8_t)(r & 3), (uint8_t)(r >> 2),
                                                  (uint16_t)(r >> 10), (uint8_t)(r >> 26),
                                                  (r >> 34) & 1, (uint32_t)(r >> 3),
                                                  (uint16_t)(r >> 35), (uint16_t)(r >> 47)};
            }
            in->s_desc_action = d.action;
            in->s_desc_reason = d.reason;
            in->s_desc_session = d.session;
            in->s_desc_channel = d.channel;
            in->s_desc_fcs32 = d.fcs32;
            in->s_desc_accm = d.accm;
            in->s_desc_payload_off = d.payload_off;
            in->s_desc_payload_len = d.payload_len;
        }
        /* s_inject_ppp: a beat of frame ik, tuser held for the frame */
        if (!inj_hold)
            inj_hold = ik < m && !cosim_chance(&t->rng, mx.inj_gap) && (!mx.hold_ch || dk == n);
        in->s_inject_ppp_tvalid = inj_hold;
        if (inj_hold) {
            const struct iframe *f = &inj[ik];
            size_t k = f->len - ipos < W ? f->len - ipos : W;
            memset(beat, 0, sizeof beat);
            memcpy(beat, f->data + ipos, k);
            SET_BEAT(in->s_inject_ppp_tdata, beat);
            in->s_inject_ppp_tkeep = (1ull << k) - 1;
            in->s_inject_ppp_tlast = ipos + k == f->len;
            in->s_inject_ppp_tuser_channel = f->channel;
            in->s_inject_ppp_tuser_fcs32 = f->fcs32;
            in->s_inject_ppp_tuser_accm = f->accm;
        } else {
            junk_beat(t, beat);
            SET_BEAT(in->s_inject_ppp_tdata, beat);
            uint64_t r = cosim_rand(&t->rng);
            in->s_inject_ppp_tkeep = r & ((1ull << W) - 1);
            in->s_inject_ppp_tlast = r >> 20 & 1;
            in->s_inject_ppp_tuser_channel = (uint8_t)(r >> 21);
            in->s_inject_ppp_tuser_fcs32 = r >> 29 & 1;
            in->s_inject_ppp_tuser_accm = (uint32_t)(r >> 30);
        }
        in->m_punt_tready = !cosim_chance(&t->rng, mx.punt_bp);
        /* channel c's ready: would its framer take an octet now (the
         * framer's s_tready is its take, which depends on s_tvalid, its
         * state and line ready, not on the octet); backpressure on the line */
        if (dk < n)
            net_done = t->c.cycle;
        bool held = mx.hold_ch && (dk < n || t->c.cycle < net_done + 200);
        bool line_ready[NCH];
        in->m_ch_tready = 0;
        for (unsigned c = 0; c < NCH; c++) {
            line_ready[c] = !cosim_chance(&t->rng, mx.ch_bp);
            struct hdlc_framer_io f = framer_io(NULL, c, false, line_ready[c]);
            f.s_tvalid = 1;
            struct hdlc_framer_state scratch;
            hdlc_framer_eval(&t->fr[c], &f, &scratch);
            in->m_ch_tready |= (uint64_t)(f.s_tready && !held) << c;
        }

        if (!cosim_eval(&t->c))
            return false;
        const io_t *o = cosim_outputs(&t->c);

        /* ---- NET input */
        bool net_fire = in->s_net_tvalid && o->s_net_tready;
        if (o->cnt_frame_fifo_full && !net_fire)
            FAIL("%s: cnt_frame_fifo_full without an accepted beat", name);
        if (net_fire) {
            struct nframe *f = &nf[fi];
            if (first_accept)
                st->first_cycle = t->c.cycle, first_accept = false;
            st->last_cycle = t->c.cycle;
            if (o->cnt_frame_fifo_full) {
                if (f->overflowed)
                    FAIL("%s: frame %zu overflowed twice", name, fi);
                f->overflowed = true;
                st->overflow++;
                t->n_overflow++;
            }
            fpos += W;
            net_hold = false;
            if (in->s_net_tlast) {
                st->octets += f->len;
                st->frames++;
                fi++;
                fpos = 0;
                done++;
            }
            last_progress = t->c.cycle;
        }

        /* ---- descriptors: the frame's fate and its counter pulse */
        bool desc_fire = in->s_desc_tvalid && o->s_desc_tready;
        int net_chan = -1; /* channel a NET frame starts into this cycle */
        {
            bool want_drop = false, want_punt = false, want_host = false, want_chan = false,
                 want_bad = false, maybe_full = false;
            if (desc_fire) {
                struct nframe *f = &nf[dk];
                const struct net_rx_dispatch_desc *d = &f->desc;
                if (!f->overflowed) {
                    switch (d->action) {
                    case NET_RX_DISPATCH_DROP:
                        want_drop = true;
                        break;
                    case NET_RX_DISPATCH_PUNT_FRAME:
                        want_punt = true;
                        break;
                    case NET_RX_DISPATCH_HOST_PPP:
                        want_drop = d->payload_len == 0;
                        want_host = !want_drop;
                        break;
                    default:
                        want_drop = d->payload_len == 0;
                        want_bad = !want_drop && d->channel >= NCH;
                        want_chan = !want_drop && !want_bad;
                        maybe_full = want_chan;
                    }
                }
                if (want_chan && f->expect_full >= 0 && (int)o->cnt_chan_fifo_full != f->expect_full)
                    FAIL("%s: frame %zu (%u payload octets) to channel %u: cnt_chan_fifo_full %d, "
                         "expected %d", name, dk, d->payload_len, d->channel,
                         (int)o->cnt_chan_fifo_full, f->expect_full);
                if (want_chan && o->cnt_chan_fifo_full) {
                    /* a legitimate drop: the channel is busy or has not room */
                    size_t beats = (d->payload_off + d->payload_len - 1) / W - d->payload_off / W + 1;
                    if (!inj_mid[d->channel] && q_empty(&t->ch[d->channel]) &&
                        beats <= (1u << CH_DEPTH_LOG2))
                        FAIL("%s: frame %zu dropped as channel %u full, but the channel is idle",
                             name, dk, d->channel);
                    want_chan = false;
                    st->chan_full++;
                    t->n_chan_full++;
                }
                if (want_drop && o->cnt_drop_reason != d->reason)
                    FAIL("%s: frame %zu: cnt_drop_reason %" PRIu64 ", expected %u", name, dk,
                         (uint64_t)o->cnt_drop_reason, d->reason);
                struct exp e = {0};
                e.reason = d->reason;
                e.session = d->session;
                e.channel = d->channel;
                if (want_punt) {
                    e.data = f->data, e.len = f->len, e.kind = NET_RX_DISPATCH_KIND_NET;
                    if (!q_push(&t->punt, e))
                        FAIL("out of memory");
                    st->punted++;
                    t->n_punt++;
                }
                if (want_host) {
                    e.data = f->data + d->payload_off, e.len = d->payload_len;
                    e.kind = NET_RX_DISPATCH_KIND_PPP;
                    if (!q_push(&t->punt, e))
                        FAIL("out of memory");
                    st->punted++;
                    t->n_host++;
                }
                if (want_chan) {
                    if (inj_mid[d->channel])
                        FAIL("%s: frame %zu starts into channel %u inside a host frame", name, dk,
                             d->channel);
                    e.data = f->data + d->payload_off, e.len = d->payload_len;
                    e.add_acf = e.data[0] != PPP_ALLSTATIONS;
                    e.fcs32 = d->fcs32, e.accm = d->accm;
                    if (!q_push(&t->ch[d->channel], e) || !line_push(t, d->channel, &e))
                        FAIL("out of memory");
                    net_chan = d->channel;
                    st->delivered_ch++;
                    t->n_chan++;
                    t->n_acf_added += e.add_acf;
                }
                t->n_drop += want_drop;
                t->n_bad_ch += want_bad;
                dk++;
                desc_hold = false;
                last_progress = t->c.cycle;
            }
            if (o->cnt_drop != want_drop || o->cnt_punt_frame != want_punt ||
                o->cnt_host_ppp != want_host || o->cnt_chan_ppp != want_chan ||
                o->cnt_bad_channel != want_bad || (o->cnt_chan_fifo_full && !maybe_full))
                FAIL("%s: counters drop %d punt %d host %d chan %d bad %d full %d, expected "
                     "drop %d punt %d host %d chan %d bad %d (descriptor %s)",
                     name, (int)o->cnt_drop, (int)o->cnt_punt_frame, (int)o->cnt_host_ppp,
                     (int)o->cnt_chan_ppp, (int)o->cnt_bad_channel, (int)o->cnt_chan_fifo_full,
                     want_drop, want_punt, want_host, want_chan, want_bad,
                     desc_fire ? "taken" : "not taken");
        }

        /* ---- injected frames */
        bool inj_fire = in->s_inject_ppp_tvalid && o->s_inject_ppp_tready;
        bool inj_first = inj_fire && ipos == 0;
        if (o->cnt_inject_frame != (inj_first && inj[ik].channel < NCH) ||
            o->cnt_inject_bad != (inj_first && inj[ik].channel >= NCH))
            FAIL("%s: cnt_inject_frame %d cnt_inject_bad %d, expected a first beat of a %s frame: %d",
                 name, (int)o->cnt_inject_frame, (int)o->cnt_inject_bad,
                 ik < m && inj[ik].channel < NCH ? "good" : "bad", inj_first);
        if (inj_fire) {
            struct iframe *f = &inj[ik];
            if (f->channel < NCH) {
                if (inj_first) {
                    if (net_chan == f->channel)
                        FAIL("%s: host frame %zu and a NET frame start into channel %u together",
                             name, ik, f->channel);
                    struct exp e = {.data = f->data, .len = f->len, .fcs32 = f->fcs32,
                                    .accm = f->accm};
                    if (!q_push(&t->ch[f->channel], e) || !line_push(t, f->channel, &e))
                        FAIL("out of memory");
                    st->injected++;
                }
                inj_mid[f->channel] = !in->s_inject_ppp_tlast;
            }
            ipos += W;
            inj_hold = false;
            if (in->s_inject_ppp_tlast) {
                ik++;
                ipos = 0;
            }
            last_progress = t->c.cycle;
        }

        /* ---- punt output */
        if (o->m_punt_tvalid && in->m_punt_tready) {
            if (q_empty(&t->punt))
                FAIL("%s: punt beat with nothing expected", name);
            const struct exp *e = &t->punt.e[t->punt.head];
            uint64_t keep = o->m_punt_tkeep;
            unsigned k = 0;
            while (k < W && (keep >> k & 1))
                k++;
            if (keep >> k != 0 || k == 0 || (!o->m_punt_tlast && k != W))
                FAIL("%s: punt tkeep 0x%" PRIx64 " is not packed", name, keep);
            if (o->m_punt_tuser_kind != e->kind || o->m_punt_tuser_reason != e->reason ||
                o->m_punt_tuser_session != e->session || o->m_punt_tuser_channel != e->channel)
                FAIL("%s: punt tuser kind %u reason %u session %u channel %u, expected %u %u %u %u",
                     name, (unsigned)o->m_punt_tuser_kind, (unsigned)o->m_punt_tuser_reason,
                     (unsigned)o->m_punt_tuser_session, (unsigned)o->m_punt_tuser_channel,
                     e->kind, e->reason, e->session, e->channel);
            if (punt_got.len + k > sizeof punt_got.buf)
                FAIL("%s: punt frame too long", name);
            for (unsigned i = 0; i < k; i++)
                punt_got.buf[punt_got.len++] = GET_OCTET(o->m_punt_tdata, i);
            st->punt_octets += k;
            if (o->m_punt_tlast) {
                if (!check_frame(t, "punt", e, &punt_got))
                    return false;
                t->punt.head++;
                punt_got.len = 0;
            }
            last_progress = t->c.cycle;
        }

        /* ---- channel outputs */
        for (unsigned c = 0; c < NCH; c++) {
            if (!(o->m_ch_tvalid >> c & 1) || !(in->m_ch_tready >> c & 1))
                continue;
            if (q_empty(&t->ch[c]))
                FAIL("%s: channel %u octet with nothing expected", name, c);
            const struct exp *e = &t->ch[c].e[t->ch[c].head];
            if ((o->m_ch_fcs32 >> c & 1) != e->fcs32 || ch_accm(o, c) != e->accm)
                FAIL("%s: channel %u fcs32 %u accm 0x%08x, expected %u 0x%08x", name, c,
                     (unsigned)(o->m_ch_fcs32 >> c & 1), ch_accm(o, c), e->fcs32, e->accm);
            if (ch_got[c].len >= sizeof ch_got[c].buf)
                FAIL("%s: channel %u frame too long", name, c);
            ch_got[c].buf[ch_got[c].len++] = ch_octet(o, c);
            if (o->m_ch_tlast >> c & 1) {
                char where[32];
                snprintf(where, sizeof where, "channel %u", c);
                if (!check_frame(t, where, e, &ch_got[c]))
                    return false;
                t->ch[c].head++;
                ch_got[c].len = 0;
            }
            last_progress = t->c.cycle;
        }

        /* ---- the framers: line octets against hdlc_encode */
        for (unsigned c = 0; c < NCH; c++) {
            struct hdlc_framer_io f = framer_io(o, c, !held, line_ready[c]);
            hdlc_framer_eval(&t->fr[c], &f, &t->fr_next[c]);
            if (f.s_tready != (f.s_tvalid && (in->m_ch_tready >> c & 1)))
                FAIL("%s: framer %u took an octet the block did not give, or the reverse",
                     name, c);
            if (f.m_tvalid && f.m_tready) {
                struct line *l = &t->line[c];
                if (l->head == l->len)
                    FAIL("%s: framer %u sends 0x%02x with nothing expected", name, c,
                         (unsigned)f.m_tdata);
                if (f.m_tdata != l->buf[l->head])
                    FAIL("%s: framer %u line octet %zu is 0x%02x, hdlc_encode says 0x%02x", name,
                         c, l->head, (unsigned)f.m_tdata, l->buf[l->head]);
                l->head++;
                st->line_octets++;
                last_progress = t->c.cycle;
            }
            hdlc_framer_tick(&t->fr[c], &t->fr_next[c]);
        }
        cosim_tick(&t->c);
    }
    st->cycles = t->c.cycle - start;
    t->n_frames += n;
    t->n_inject += m;
    reset_queues(t);
    return true;
}

/* ---- frames */

/* The descriptor session_lookup would give: payload from host/proto's
 * decoders (the independent reference), the action from the caller. */
static bool decode_payload(const uint8_t *frame, size_t len, uint16_t *off, uint16_t *plen)
{
    struct net_udp_packet p;
    struct l2tp_header h;
    struct proto_error err;
    if (net_udp_decode(frame, len, &p, &err) != PROTO_OK)
        return false;
    if (l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err) != PROTO_OK || h.is_control)
        return false;
    *off = (uint16_t)(p.payload_offset + h.header_len);
    *plen = (uint16_t)h.payload_len;
    return true;
}

static bool make_frame(struct tb *t, struct nframe *f, const struct net_rx_frame_spec *s,
                       int action, int channel, int acf)
{
    static uint8_t buf[NET_RX_FRAME_MAX];
    size_t len = net_rx_build_frame(s, &t->frng, buf);
    f->data = malloc(len);
    if (!f->data)
        return false;
    memcpy(f->data, buf, len);
    f->len = len;
    f->overflowed = false;
    f->expect_full = -1;
    uint64_t r = cosim_rand(&t->rng);
    struct net_rx_dispatch_desc *d = &f->desc;
    d->reason = (uint8_t)r;
    d->session = (uint16_t)(r >> 8);
    d->channel = channel >= 0 ? (uint8_t)channel : (uint8_t)cosim_range(&t->rng, 0, NCH - 1);
    d->fcs32 = r >> 24 & 1;
    d->accm = (uint32_t)cosim_rand(&t->rng);
    bool data = decode_payload(f->data, f->len, &d->payload_off, &d->payload_len);
    if (!data) {
        /* not an L2TP data message: session_lookup punts or drops it */
        d->payload_off = (uint16_t)(r >> 25);
        d->payload_len = (uint16_t)(r >> 41);
        d->action = (action == NET_RX_DISPATCH_DROP || (action < 0 && (r >> 60 & 1)))
                        ? NET_RX_DISPATCH_DROP
                        : NET_RX_DISPATCH_PUNT_FRAME;
        return true;
    }
    if (d->payload_len >= 2 && (acf > 0 || (acf < 0 && (r >> 57 & 1)))) {
        f->data[d->payload_off] = PPP_ALLSTATIONS;
        f->data[d->payload_off + 1] = PPP_UI;
    }
    if (action >= 0) {
        d->action = (uint8_t)action;
    } else {
        unsigned p = (unsigned)cosim_range(&t->rng, 0, 99);
        d->action = p < 50 ? NET_RX_DISPATCH_CHAN_PPP
                    : p < 70 ? NET_RX_DISPATCH_HOST_PPP
                    : p < 85 ? NET_RX_DISPATCH_PUNT_FRAME
                             : NET_RX_DISPATCH_DROP;
        if (d->action == NET_RX_DISPATCH_CHAN_PPP && cosim_chance(&t->rng, 3))
            d->channel = (uint8_t)cosim_range(&t->rng, NCH, 255);
    }
    return true;
}

static void make_inject(struct tb *t, struct iframe *f, size_t len, int channel)
{
    f->len = len;
    for (size_t i = 0; i < len; i++)
        f->data[i] = (uint8_t)cosim_rand(&t->rng);
    f->channel = channel >= 0 ? (uint8_t)channel
                 : cosim_chance(&t->rng, 10) ? (uint8_t)cosim_range(&t->rng, NCH, 255)
                                             : (uint8_t)cosim_range(&t->rng, 0, NCH - 1);
    f->fcs32 = cosim_rand(&t->rng) & 1;
    f->accm = (uint32_t)cosim_rand(&t->rng);
}

static void free_frames(struct nframe *nf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(nf[i].data);
}

/* A well-formed data frame of `total` octets on the wire (Ethernet padding
 * below 60). */
static struct net_rx_frame_spec sized_spec(size_t total)
{
    struct net_rx_frame_spec s = net_rx_spec_default();
    size_t hdr = ETH_HDR_LEN + IPV4_HDR_MIN_LEN + UDP_HDR_LEN + 6;
    s.payload_len = total > hdr ? total - hdr : 0;
    return s;
}

#define MAX_BATCH 400

/* A data frame whose PPP payload (FF 03 carried, so the octet the reader
 * holds in its output register never empties an entry) fills exactly
 * `beats` channel FIFO entries: the payload starts on a beat boundary
 * (octet 48 of the default frame, a multiple of 8 and 16). */
static bool beats_frame(struct tb *t, struct nframe *f, unsigned beats, int channel,
                        int expect_full)
{
    struct net_rx_frame_spec s = net_rx_spec_default();
    s.payload_len = (size_t)beats * W - (beats > 1 ? 3 : W - 2);
    if (!make_frame(t, f, &s, NET_RX_DISPATCH_CHAN_PPP, channel, 1))
        return false;
    if (f->desc.payload_off % W != 0 || (f->desc.payload_len + W - 1u) / W != beats) {
        fprintf(stderr, "beats_frame: payload at %u, %u octets: not %u beats\n",
                f->desc.payload_off, f->desc.payload_len, beats);
        return false;
    }
    f->expect_full = expect_full;
    return true;
}

/* The channel-full decision to the entry: with the channels held (nothing
 * read), channel 0 is filled to 250 of its 256 entries; a 7-entry frame is
 * dropped, a 6-entry one fills it exactly, then a 1-entry one is dropped;
 * channel 1 gets one frame of exactly 256 entries (taken) and one of 257
 * (dropped, never fits). Then host frames for the full channels 0 and 1
 * must wait until the channels are read. */
static bool exact_fill(struct tb *t)
{
    static struct nframe nf[64];
    size_t n = 0;
    bool ok = true;
    const unsigned depth = 1u << CH_DEPTH_LOG2;
    for (unsigned i = 0; i < 25; i++)
        ok = ok && beats_frame(t, &nf[n++], (depth - 6) / 25, 0, 0);
    ok = ok && beats_frame(t, &nf[n++], depth - 25 * ((depth - 6) / 25) + 1, 0, 1);
    ok = ok && beats_frame(t, &nf[n++], depth - 25 * ((depth - 6) / 25), 0, 0);
    ok = ok && beats_frame(t, &nf[n++], 1, 0, 1);
    ok = ok && beats_frame(t, &nf[n++], depth, 1, 0);
    ok = ok && beats_frame(t, &nf[n++], depth + 1, 2, 1);
    static struct iframe inj[4];
    for (int i = 0; i < 4; i++)
        make_inject(t, &inj[i], (size_t)(5 + 40 * i), i % 2);
    struct stats st;
    static const struct mix held = {0, 0, 0, 0, 0, true};
    ok = ok && run_batch(t, "exact fill", nf, n, inj, 4, held, &st);
    if (ok)
        printf("%s: %-32s %4zu frames (%" PRIu64 " chan-full), %" PRIu64 " cycles\n",
               BLOCK.name, "exact fill, channels held", n, st.chan_full, st.cycles);
    free_frames(nf, n);
    return ok;
}

/* Host frames for channel 0 back to back while NET frames alternate between
 * channels 0 and 1: a host frame's first beat and a NET frame's start meet
 * in the same cycle, where NET must win. */
static bool same_cycle(struct tb *t)
{
    static struct nframe nf[200];
    static struct iframe inj[150];
    bool ok = true;
    size_t n = 0, m = 0;
    for (; n < 200; n++) {
        struct net_rx_frame_spec s = sized_spec(64 + (size_t)cosim_range(&t->rng, 0, 3 * W));
        ok = ok && make_frame(t, &nf[n], &s, NET_RX_DISPATCH_CHAN_PPP, (int)(n % 2), -1);
    }
    for (; m < 150; m++)
        make_inject(t, &inj[m], (size_t)cosim_range(&t->rng, 1, 2 * W), 0);
    struct stats st;
    static const struct mix mx = {0, 0, 0, 0, 0, false};
    ok = ok && run_batch(t, "same cycle", nf, n, inj, m, mx, &st);
    if (ok)
        printf("%s: %-32s %4zu frames (%" PRIu64 " chan-full), %zu host frames, %" PRIu64
               " cycles\n", BLOCK.name, "NET and host into one channel", n, st.chan_full, m,
               st.cycles);
    free_frames(nf, n);
    return ok;
}

static bool directed(struct tb *t)
{
    static struct nframe nf[MAX_BATCH];
    static struct iframe inj[64];
    struct stats st;
    bool ok = true;
    static const struct mix calm = {0, 0, 0, 0, 0, false},
                                   busy = {30, 30, 30, 40, 60, false};
    for (int pass = 0; ok && pass < 2; pass++) {
        struct mix mx = pass ? busy : calm;
        size_t n = 0, m = 0;
        /* every action, with FF 03 carried and not, at every size alignment */
        for (int a = 0; a < 4; a++)
            for (int acf = 0; acf < 2; acf++)
                for (size_t sz = 60; sz < 60 + 2 * W + 1; sz += 3) {
                    struct net_rx_frame_spec s = sized_spec(sz + 40);
                    ok = ok && make_frame(t, &nf[n], &s, a, (int)(n % NCH), acf);
                    n++;
                }
        /* empty payloads, for the host and for a channel */
        for (int a = 2; a < 4; a++) {
            struct net_rx_frame_spec s = sized_spec(0);
            ok = ok && make_frame(t, &nf[n++], &s, a, 1, 0);
        }
        /* channels that do not exist */
        for (int i = 0; i < 3; i++) {
            struct net_rx_frame_spec s = sized_spec(100);
            ok = ok && make_frame(t, &nf[n++], &s, NET_RX_DISPATCH_CHAN_PPP, NCH + i * 100, 0);
        }
        /* a payload larger than a channel FIFO: always dropped as full */
        {
            struct net_rx_frame_spec s = sized_spec(1514);
            s.payload_len = (1u << CH_DEPTH_LOG2) * W + 10 > 9000 ? 9000
                                                                   : (1u << CH_DEPTH_LOG2) * W + 10;
            ok = ok && make_frame(t, &nf[n++], &s, NET_RX_DISPATCH_CHAN_PPP, 2, 0);
        }
        /* a frame larger than the frame FIFO: dropped on the way in */
        {
            struct net_rx_frame_spec s = sized_spec(1514);
            s.payload_len = (1u << FRAME_DEPTH_LOG2) * W + 100;
            ok = ok && make_frame(t, &nf[n++], &s, NET_RX_DISPATCH_PUNT_FRAME, 0, 0);
        }
        /* a run to one channel while the host injects into it */
        for (int i = 0; i < 20; i++) {
            struct net_rx_frame_spec s = sized_spec(64 + 37 * (size_t)i);
            ok = ok && make_frame(t, &nf[n++], &s, NET_RX_DISPATCH_CHAN_PPP, 0, i % 2);
        }
        for (size_t i = 0; i < 24; i++)
            make_inject(t, &inj[m++], 1 + i * 11, i < 16 ? 0 : (i < 20 ? NCH + (int)i : 3));
        if (n > MAX_BATCH) {
            fprintf(stderr, "directed: %zu frames, room for %d\n", n, MAX_BATCH);
            ok = false;
        }
        if (ok) {
            ok = run_batch(t, pass ? "directed, gaps and backpressure" : "directed", nf, n, inj,
                           m, mx, &st);
            if (ok)
                printf("%s: %-32s %4zu frames (%" PRIu64 " chan-full, %" PRIu64
                       " overflow), %zu host frames, %" PRIu64 " cycles\n",
                       BLOCK.name, pass ? "directed, gaps and backpressure" : "directed", n,
                       st.chan_full, st.overflow, m, st.cycles);
        }
        free_frames(nf, n);
    }
    ok = ok && exact_fill(t) && same_cycle(t);
    return ok;
}

/* Back-to-back frames, no gaps or backpressure: input bytes per cycle. */
static bool throughput(struct tb *t)
{
    static struct nframe nf[MAX_BATCH];
    static const size_t sizes[] = {64, 512, 1500, 0};
    static const size_t imix[12] = {64, 64, 64, 64, 64, 64, 64, 594, 594, 594, 594, 1518};
    static const struct {
        const char *name;
        int action;
    } acts[] = {
        {"punt", NET_RX_DISPATCH_PUNT_FRAME},
        {"host PPP", NET_RX_DISPATCH_HOST_PPP},
        {"channels", NET_RX_DISPATCH_CHAN_PPP},
        {"drop", NET_RX_DISPATCH_DROP},
    };
    static const struct mix calm = {0, 0, 0, 0, 0, false};
    printf("%s: NET input bytes/cycle, back to back (DATA_W %d, %d octets/cycle max; host PPP: "
           "m_punt octets/cycle; channels: line octets/cycle of the %d framers, drain included):\n",
           BLOCK.name, W, W, NCH);
    for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++) {
        printf("%s:   %-9s", BLOCK.name, acts[a].name);
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            enum { N = 120 };
            bool ok = true;
            for (size_t i = 0; i < N; i++) {
                size_t len = sizes[k] ? sizes[k] : imix[i % 12];
                struct net_rx_frame_spec s = sized_spec(len);
                ok = ok && make_frame(t, &nf[i], &s, acts[a].action, (int)(i % NCH), 1);
            }
            struct stats st;
            ok = ok && run_batch(t, "throughput", nf, N, NULL, 0, calm, &st);
            free_frames(nf, N);
            if (!ok)
                return false;
            double bpc = (double)st.octets / (double)(st.last_cycle - st.first_cycle + 1);
            printf("  %s %.3f", sizes[k] == 64 ? "64:" : sizes[k] == 512 ? "512:"
                               : sizes[k] == 1500 ? "1500:" : "IMIX:", bpc);
            if (acts[a].action == NET_RX_DISPATCH_CHAN_PPP)
                printf(" (%" PRIu64 "/%d full, line %.2f)", st.chan_full, N,
                       (double)st.line_octets / (double)st.cycles);
            if (acts[a].action == NET_RX_DISPATCH_HOST_PPP)
                printf(" (out %.3f)", (double)st.punt_octets / (double)st.cycles);
            /* nothing full: one beat per cycle, exactly */
            uint64_t beats = 0;
            for (size_t i = 0; i < N; i++) {
                size_t len = sizes[k] ? sizes[k] : imix[i % 12];
                beats += (len + W - 1) / W;
            }
            if (st.last_cycle - st.first_cycle + 1 != beats &&
                acts[a].action != NET_RX_DISPATCH_HOST_PPP) {
                printf("\n");
                fprintf(stderr, "%s, %zu octets: %" PRIu64 " beats took %" PRIu64 " cycles\n",
                        acts[a].name, sizes[k], beats, st.last_cycle - st.first_cycle + 1);
                return false;
            }
        }
        printf("\n");
    }
    return true;
}

static bool random_batches(struct tb *t, uint64_t cycles)
{
    static struct nframe nf[MAX_BATCH];
    static struct iframe inj[40];
    static const struct mix mixes[] = {
        {0, 0, 0, 0, 0, false},    {20, 10, 50, 0, 30, false}, {0, 0, 20, 50, 0, false},
        {50, 50, 50, 50, 50, false}, {5, 5, 10, 90, 95, false}, {70, 5, 5, 10, 10, false},
        {0, 0, 0, 0, 90, false},   {10, 10, 10, 10, 0, true},
    };
    uint64_t end = t->c.cycle + cycles;
    for (unsigned b = 0; t->c.cycle < end; b++) {
        size_t n = (size_t)cosim_range(&t->rng, 20, 150), m = (size_t)cosim_range(&t->rng, 0, 30);
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
            struct net_rx_frame_spec s = net_rx_random_spec(&t->frng, &t->cfg, true);
            if (cosim_chance(&t->rng, 2))
                s.payload_len = (size_t)cosim_range(&t->rng, 1000, 8000); /* may overflow */
            ok = ok && make_frame(t, &nf[i], &s, -1, -1, -1);
        }
        for (size_t i = 0; i < m; i++)
            make_inject(t, &inj[i], (size_t)cosim_range(&t->rng, 1, INJ_MAX), -1);
        struct stats st;
        char name[64];
        snprintf(name, sizeof name, "random batch %u", b);
        ok = ok && run_batch(t, name, nf, n, inj, m, mixes[b % (sizeof mixes / sizeof mixes[0])],
                             &st);
        free_frames(nf, n);
        if (!ok)
            return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, DEFAULT_CYCLES))
        return 2;
    static struct tb tb;
    struct tb *t = &tb;
    t->rng = args.seed * UINT64_C(0x9E3779B97F4A7C15) + 7;
    t->frng.s = args.seed * UINT64_C(0xD1B54A32D192ED03) + 3;
    t->cfg = (struct net_rx_cfg){L2TP_UDP_PORT, 0x0A330652, true};
    if (!cosim_init_engines(&t->c, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops, &args, stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", DATA_W %d, N_CH %d%s\n", BLOCK.name, args.seed, W, NCH,
           t->c.n_engines == 1 ? ", model alone" : "");

    bool ok = reset(t);
    ok = ok && directed(t);
    ok = ok && throughput(t);
    ok = ok && random_batches(t, args.cycles);
    /* Last, junk on every input every cycle (with resets): no protocol, so
     * only the RTL/model agreement is checked, from any state. */
    if (ok && !cosim_chaos(&t->c, args.cycles / 10, &t->rng, 5))
        ok = false;
    if (ok) {
        printf("%s: %" PRIu64 " NET frames (%" PRIu64 " to channels, %" PRIu64 " with FF 03 "
               "restored, %" PRIu64 " PPP to host, %" PRIu64 " punted, %" PRIu64 " dropped, %"
               PRIu64 " bad channel, %" PRIu64 " channel full, %" PRIu64 " frame FIFO full), %"
               PRIu64 " host frames\n",
               BLOCK.name, t->n_frames, t->n_chan, t->n_acf_added, t->n_host, t->n_punt,
               t->n_drop, t->n_bad_ch, t->n_chan_full, t->n_overflow, t->n_inject);
        cosim_print_speed(&t->c, stdout);
    }
    uint64_t total = t->c.cycle;
    cosim_free(&t->c);
    free(t->punt.e);
    for (unsigned c = 0; c < NCH; c++) {
        free(t->ch[c].e);
        free(t->line[c].buf);
    }
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
