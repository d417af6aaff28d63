/* Lockstep co-simulation of hw/net_rx_parser.sv (Verilated) against its C
 * model (model/net_rx_parser.c), built once per DATA_W: compile with
 * NET_RX_COSIM_DATA_W defined (8 or 16).
 *
 * Every output is compared every cycle (tests/cosim/cosim.c). On top of that
 * the testbench checks, independently of both engines:
 *   - m_net carries exactly the frames that went in, beat for beat;
 *   - each descriptor matches what the protocol core's software decoders
 *     (host/proto net_udp_decode, l2tp_header_decode) say about its frame;
 *   - without backpressure, input never stalls and each descriptor comes
 *     out NET_RX_DESC_LATENCY cycles after its frame's last input beat.
 * Stimulus (tests/cosim/net_rx_frames.c): directed frames (every L2TP flag
 * combination with Offset pads, VLAN or not, IPv4 options, every verdict and
 * reason, 60 to 9018 octets, the seed's control messages in Ethernet/IPv4/
 * UDP), back-to-back 64/512/1518-octet and IMIX frames (octets per cycle
 * printed), seeded random traffic with random valid gaps and backpressure,
 * and last a noise phase (junk on every input, resets, config changes) where
 * only the lockstep comparison applies.
 *
 * Usage: cosim_net_rx_parser_wN [--seed N] [--cycles N] [--model-only] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "l2tp_const.h"
#include "net_const.h"
#include "net_rx_parser.h"
#include "net_rx_expect.h"
#include "net_rx_frames.h"

#ifndef NET_RX_COSIM_DATA_W
#error "define NET_RX_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W NET_RX_COSIM_DATA_W

#define COSIM_BLOCK COSIM_CAT(net_rx_parser_w, NET_RX_COSIM_DATA_W)
#define COSIM_PORTS_DEF "net_rx_parser_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);

/* Cycles from the accepted last input beat to m_desc_tvalid: the buffer
 * (done_reg), the extract stage's registers, the descriptor registers. */
#define NET_RX_DESC_LATENCY 3
#define DEFAULT_CYCLES 1000000u

/* ---- tdata as octets (octet i in bits 8i+7..8i, as on the wire) */

#if W <= 8
static void set_tdata(io_t *io, const uint8_t *b)
{
    uint64_t v = 0;
    for (int i = W - 1; i >= 0; i--)
        v = v << 8 | b[i];
    io->s_net_tdata = v;
}
static uint8_t out_octet(const io_t *io, unsigned i)
{
    return (uint8_t)(io->m_net_tdata >> (8 * i));
}
#else
static void set_tdata(io_t *io, const uint8_t *b)
{
    for (unsigned i = 0; i < W / 4; i++)
        io->s_net_tdata[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
                             (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24;
}
static uint8_t out_octet(const io_t *io, unsigned i)
{
    return (uint8_t)(io->m_net_tdata[i / 4] >> (8 * (i % 4)));
}
#endif

/* ---- the C model as a cosim engine */

static void *model_create(void)
{
    struct net_rx_parser *p = calloc(1, sizeof *p);
    struct proto_error err = {0};
    if (p && net_rx_parser_init(p, W, &err) != PROTO_OK) {
        char line[200];
        fprintf(stderr, "model: %s\n", proto_error_format(&err, line, sizeof line));
        free(p);
        return NULL;
    }
    return p;
}

static void model_destroy(void *impl)
{
    free(impl);
}

static void model_eval(void *impl, void *iov)
{
    struct net_rx_parser *p = impl;
    io_t *io = iov;
    struct net_rx_parser_in in = {
        .rst = io->rst,
        .cfg = {(uint16_t)io->cfg_l2tp_port, (uint32_t)io->cfg_local_ip, io->cfg_local_ip_en},
        .s_net_tkeep = io->s_net_tkeep,
        .s_net_tvalid = io->s_net_tvalid,
        .s_net_tlast = io->s_net_tlast,
        .m_net_tready = io->m_net_tready,
        .m_desc_tready = io->m_desc_tready,
    };
#if W <= 8
    for (unsigned i = 0; i < W; i++)
        in.s_net_tdata[i] = (uint8_t)(io->s_net_tdata >> (8 * i));
#else
    for (unsigned i = 0; i < W; i++)
        in.s_net_tdata[i] = (uint8_t)(io->s_net_tdata[i / 4] >> (8 * (i % 4)));
#endif
    struct net_rx_parser_out out;
    net_rx_parser_eval(p, &in, &out);
    io->s_net_tready = out.s_net_tready;
#if W <= 8
    io->m_net_tdata = 0;
    for (int i = W - 1; i >= 0; i--)
        io->m_net_tdata = io->m_net_tdata << 8 | out.m_net_tdata[i];
#else
    for (unsigned i = 0; i < W / 4; i++)
        io->m_net_tdata[i] =
            (uint32_t)out.m_net_tdata[4 * i] | (uint32_t)out.m_net_tdata[4 * i + 1] << 8 |
            (uint32_t)out.m_net_tdata[4 * i + 2] << 16 | (uint32_t)out.m_net_tdata[4 * i + 3] << 24;
#endif
    io->m_net_tkeep = out.m_net_tkeep;
    io->m_net_tvalid = out.m_net_tvalid;
    io->m_net_tlast = out.m_net_tlast;
    io->m_desc_tvalid = out.m_desc_tvalid;
    const struct net_rx_desc *d = &out.m_desc;
    io->m_desc_verdict = d->verdict;
    io->m_desc_reason = d->reason;
    io->m_desc_vlan_present = d->vlan_present;
    io->m_desc_vlan_tci = d->vlan_tci;
    io->m_desc_src_mac = d->src_mac;
    io->m_desc_ip_src = d->ip_src;
    io->m_desc_ip_dst = d->ip_dst;
    io->m_desc_udp_src = d->udp_src;
    io->m_desc_udp_dst = d->udp_dst;
    io->m_desc_l2tp_flags = d->l2tp_flags;
    io->m_desc_tunnel_id = d->tunnel_id;
    io->m_desc_session_id = d->session_id;
    io->m_desc_ns = d->ns;
    io->m_desc_nr = d->nr;
    io->m_desc_payload_off = d->payload_off;
    io->m_desc_payload_len = d->payload_len;
    io->m_desc_frame_len = d->frame_len;
}

static void model_tick(void *impl)
{
    net_rx_parser_tick(impl);
}

static const struct cosim_engine_ops model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

struct frame {
    uint8_t *data;
    size_t len;
    uint64_t tlast_cycle; /* when its last beat was accepted */
};

static bool check_desc(const io_t *o, const struct frame *fr, uint64_t index,
                       const struct net_rx_cfg *cfg)
{
    struct net_rx_expect x;
    char why[300] = "";
    if (!net_rx_software_expect(fr->data, fr->len, cfg, &x, why, sizeof why)) {
        fprintf(stderr, "frame %" PRIu64 ": no expectation: %s\n", index, why);
        return false;
    }
    bool ok = true;
#define CHECK(port, want)                                                                          \
    do {                                                                                           \
        if ((uint64_t)o->port != (uint64_t)(want)) {                                               \
            fprintf(stderr,                                                                        \
                    "frame %" PRIu64 " (%zu octets): %s: rtl=0x%" PRIx64 " software=0x%" PRIx64    \
                    "\n",                                                                          \
                    index, fr->len, #port, (uint64_t)o->port, (uint64_t)(want));                   \
            ok = false;                                                                            \
        }                                                                                          \
    } while (0)
    CHECK(m_desc_verdict, x.d.verdict);
    CHECK(m_desc_reason, x.d.reason);
    CHECK(m_desc_frame_len, x.d.frame_len);
    if (x.d.reason != NET_RX_REASON_RUNT) {
        CHECK(m_desc_vlan_present, x.d.vlan_present);
        CHECK(m_desc_vlan_tci, x.d.vlan_tci);
        CHECK(m_desc_src_mac, x.d.src_mac);
    }
    if (x.ip_fields) {
        CHECK(m_desc_ip_src, x.d.ip_src);
        CHECK(m_desc_ip_dst, x.d.ip_dst);
    }
    if (x.udp_fields) {
        CHECK(m_desc_udp_src, x.d.udp_src);
        CHECK(m_desc_udp_dst, x.d.udp_dst);
    }
    if (x.l2tp_fields) {
        CHECK(m_desc_l2tp_flags, x.d.l2tp_flags);
        CHECK(m_desc_tunnel_id, x.d.tunnel_id);
        CHECK(m_desc_session_id, x.d.session_id);
        CHECK(m_desc_ns, x.d.ns);
        CHECK(m_desc_nr, x.d.nr);
        CHECK(m_desc_payload_off, x.d.payload_off);
        CHECK(m_desc_payload_len, x.d.payload_len);
    } else {
        CHECK(m_desc_payload_off, 0);
        CHECK(m_desc_payload_len, 0);
    }
#undef CHECK
    if (!ok)
        fprintf(stderr, "frame %" PRIu64 ": rtl says %s / %s\n", index,
                net_rx_verdict_name((unsigned)o->m_desc_verdict),
                net_rx_reason_name((unsigned)o->m_desc_reason));
    return ok;
}

/* ---- the bench: drives the inputs, follows the outputs */

#define RING 64

struct bench {
    struct cosim c;
    struct net_rx_rng rng;
    struct net_rx_cfg cfg;
    struct frame ring[RING];
    uint64_t n_gen, i_in, i_out, i_desc; /* frames made, sent, out of m_net, described */
    uint64_t i_free;                     /* frames before this one are freed */
    size_t in_off, out_off;
    bool presenting;
    /* this phase */
    const struct net_rx_frame_spec *specs; /* directed, or NULL for random */
    size_t n_specs;
    uint64_t random_until; /* random: make frames until this cycle */
    bool allow_runt;
    unsigned gap_pct, bp_net_pct, bp_desc_pct;
    bool strict; /* no gaps or backpressure: check rate, latency */
    uint64_t stalls, beats_in, octets_in, max_latency;
    uint64_t counts[4][NET_RX_REASON_COUNT];
    uint8_t buf[NET_RX_FRAME_MAX];
};

static bool make_frame(struct bench *b)
{
    struct net_rx_frame_spec s;
    if (b->specs) {
        if (b->n_gen >= b->n_specs)
            return false;
        s = b->specs[b->n_gen];
    } else {
        if (b->c.cycle >= b->random_until)
            return false;
        s = net_rx_random_spec(&b->rng, &b->cfg, b->allow_runt);
    }
    struct frame *f = &b->ring[b->n_gen % RING];
    f->len = net_rx_build_frame(&s, &b->rng, b->buf);
    f->data = malloc(f->len);
    if (!f->data) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(f->data, b->buf, f->len);
    b->n_gen++;
    return true;
}

/* One cycle. False on any mismatch. */
static bool step(struct bench *b)
{
    io_t *in = cosim_inputs(&b->c);
    in->rst = 0;
    in->cfg_l2tp_port = b->cfg.l2tp_port;
    in->cfg_local_ip = b->cfg.local_ip;
    in->cfg_local_ip_en = b->cfg.local_ip_en;

    if (!b->presenting && b->i_in == b->n_gen && b->n_gen - b->i_free < RING)
        make_frame(b);
    if (!b->presenting && b->i_in < b->n_gen && !net_rx_rnd_pct(&b->rng, b->gap_pct))
        b->presenting = true;
    uint8_t beat[W];
    memset(beat, 0, sizeof beat);
    if (b->presenting) {
        const struct frame *f = &b->ring[b->i_in % RING];
        size_t n = f->len - b->in_off < W ? f->len - b->in_off : W;
        memcpy(beat, f->data + b->in_off, n);
        in->s_net_tkeep = n == W ? (UINT64_C(1) << (W - 1) << 1) - 1 : (UINT64_C(1) << n) - 1;
        in->s_net_tlast = b->in_off + n == f->len;
    } else {
        /* Idle inputs carry noise: nothing may depend on them. */
        for (unsigned i = 0; i < W; i++)
            beat[i] = (uint8_t)net_rx_rnd(&b->rng);
        in->s_net_tkeep = net_rx_rnd(&b->rng);
        in->s_net_tlast = net_rx_rnd(&b->rng) & 1;
    }
    set_tdata(in, beat);
    in->s_net_tvalid = b->presenting;
    in->m_net_tready = !net_rx_rnd_pct(&b->rng, b->bp_net_pct);
    in->m_desc_tready = !net_rx_rnd_pct(&b->rng, b->bp_desc_pct);

    if (!cosim_eval(&b->c))
        return false;
    const io_t *o = cosim_outputs(&b->c);
    uint64_t cyc = b->c.cycle;

    if (b->presenting) {
        if (o->s_net_tready) {
            struct frame *f = &b->ring[b->i_in % RING];
            b->beats_in++;
            b->octets_in += f->len - b->in_off < W ? f->len - b->in_off : W;
            if (in->s_net_tlast) {
                f->tlast_cycle = cyc;
                b->i_in++;
                b->in_off = 0;
            } else {
                b->in_off += W;
            }
            b->presenting = false;
        } else if (b->strict && !(b->i_in > 0 && b->ring[(b->i_in - 1) % RING].len <= W)) {
            /* Only one-beat frames (runts) may cost cycles: descriptors a
             * cycle apart can fill all three descriptor stages. */
            b->stalls++;
        }
    }

    if (o->m_net_tvalid && in->m_net_tready) {
        if (b->i_out > b->i_in || b->i_out >= b->n_gen) {
            fprintf(stderr, "cycle %" PRIu64 ": m_net beat without a frame sent\n", cyc);
            return false;
        }
        const struct frame *f = &b->ring[b->i_out % RING];
        size_t n = f->len - b->out_off < W ? f->len - b->out_off : W;
        uint64_t keep = n == W ? (UINT64_C(1) << (W - 1) << 1) - 1 : (UINT64_C(1) << n) - 1;
        bool last = b->out_off + n == f->len;
        bool ok = o->m_net_tkeep == keep && (bool)o->m_net_tlast == last;
        for (size_t i = 0; ok && i < n; i++)
            ok = out_octet(o, (unsigned)i) == f->data[b->out_off + i];
        if (!ok) {
            fprintf(stderr,
                    "cycle %" PRIu64 ": frame %" PRIu64 " octet %zu: m_net beat differs "
                    "from the frame sent\n",
                    cyc, b->i_out, b->out_off);
            return false;
        }
        if (last) {
            b->i_out++;
            b->out_off = 0;
        } else {
            b->out_off += W;
        }
    }

    if (o->m_desc_tvalid && in->m_desc_tready) {
        if (b->i_desc >= b->i_in) {
            fprintf(stderr, "cycle %" PRIu64 ": descriptor without a frame sent\n", cyc);
            return false;
        }
        struct frame *f = &b->ring[b->i_desc % RING];
        uint64_t latency = cyc - f->tlast_cycle;
        if (latency > b->max_latency)
            b->max_latency = latency;
        if (b->strict && latency != NET_RX_DESC_LATENCY) {
            fprintf(stderr,
                    "cycle %" PRIu64 ": frame %" PRIu64 ": descriptor %" PRIu64
                    " cycles after its last beat, not %d\n",
                    cyc, b->i_desc, latency, NET_RX_DESC_LATENCY);
            return false;
        }
        if (!check_desc(o, f, b->i_desc, &b->cfg))
            return false;
        b->counts[o->m_desc_verdict & 3][o->m_desc_reason % NET_RX_REASON_COUNT]++;
        b->i_desc++;
    }
    /* A frame is done when it has left m_net and has its descriptor. */
    while (b->i_free < b->i_out && b->i_free < b->i_desc) {
        free(b->ring[b->i_free % RING].data);
        b->ring[b->i_free % RING].data = NULL;
        b->i_free++;
    }
    cosim_tick(&b->c);
    return true;
}

/* Runs until every frame of the phase is through both outputs. */
static bool run_phase(struct bench *b, const char *name)
{
    uint64_t start = b->c.cycle, beats0 = b->beats_in, octets0 = b->octets_in;
    uint64_t last_progress = b->c.cycle;
    uint64_t progress = 0;
    b->stalls = 0;
    for (;;) {
        if (!step(b)) {
            fprintf(stderr, "%s: failed in phase '%s' at cycle %" PRIu64 "\n", b->c.block->name,
                    name, b->c.cycle);
            return false;
        }
        uint64_t p = b->i_in + b->i_out + b->i_desc;
        if (p != progress) {
            progress = p;
            last_progress = b->c.cycle;
        }
        bool more = b->specs ? b->n_gen < b->n_specs : b->c.cycle < b->random_until;
        if (!more && !b->presenting && b->i_in == b->n_gen && b->i_out == b->n_gen &&
            b->i_desc == b->n_gen)
            break;
        if (b->c.cycle - last_progress > 100000) {
            fprintf(stderr,
                    "%s: phase '%s': no progress for 100000 cycles (cycle %" PRIu64
                    ", frames made %" PRIu64 " sent %" PRIu64 " out %" PRIu64 " described %" PRIu64
                    ")\n",
                    b->c.block->name, name, b->c.cycle, b->n_gen, b->i_in, b->i_out, b->i_desc);
            return false;
        }
    }
    uint64_t cycles = b->c.cycle - start, beats = b->beats_in - beats0;
    double per_cycle = cycles ? 1.0 / (double)cycles : 0.0;
    printf("%s: %-34s %8" PRIu64 " cycles, %7" PRIu64 " beats in (%.3f/cycle, %.2f octets/cycle)",
           b->c.block->name, name, cycles, beats, (double)beats * per_cycle,
           (double)(b->octets_in - octets0) * per_cycle);
    if (b->strict)
        printf(", %" PRIu64 " input stalls", b->stalls);
    printf("\n");
    if (b->strict && b->stalls) {
        fprintf(stderr,
                "%s: phase '%s': the input stalled %" PRIu64 " times without backpressure\n",
                b->c.block->name, name, b->stalls);
        return false;
    }
    return true;
}

/* Inputs with no rules at all: random valid, data, keep (not packed), last,
 * readies, configuration changes and resets at any time, valid dropped
 * before a handshake. Nothing here is a well-formed stream, so only the
 * lockstep comparison applies: RTL and model must agree on every output. */
static bool run_noise(struct bench *b, uint64_t cycles)
{
    uint64_t start = b->c.cycle;
    while (b->c.cycle - start < cycles) {
        io_t *in = cosim_inputs(&b->c);
        uint8_t beat[W];
        for (unsigned i = 0; i < W; i++)
            beat[i] = (uint8_t)net_rx_rnd(&b->rng);
        set_tdata(in, beat);
        in->rst = net_rx_rnd_pct(&b->rng, 1);
        if (net_rx_rnd_pct(&b->rng, 1)) {
            in->cfg_l2tp_port =
                net_rx_rnd_pct(&b->rng, 50) ? L2TP_UDP_PORT : (uint16_t)net_rx_rnd(&b->rng);
            in->cfg_local_ip = (uint32_t)net_rx_rnd(&b->rng);
            in->cfg_local_ip_en = net_rx_rnd(&b->rng) & 1;
        }
        in->s_net_tkeep = net_rx_rnd_pct(&b->rng, 80) ? UINT64_MAX : net_rx_rnd(&b->rng);
        in->s_net_tvalid = net_rx_rnd_pct(&b->rng, 70);
        in->s_net_tlast = net_rx_rnd_pct(&b->rng, 5);
        in->m_net_tready = net_rx_rnd_pct(&b->rng, 80);
        in->m_desc_tready = net_rx_rnd_pct(&b->rng, 80);
        if (!cosim_eval(&b->c)) {
            fprintf(stderr, "%s: failed in phase 'noise' at cycle %" PRIu64 "\n", b->c.block->name,
                    b->c.cycle);
            return false;
        }
        cosim_tick(&b->c);
    }
    printf("%s: %-34s %8" PRIu64 " cycles\n", b->c.block->name, "noise, resets, config changes",
           cycles);
    return true;
}

static void set_phase(struct bench *b, const struct net_rx_frame_spec *specs, size_t n_specs,
                      uint64_t cycles, unsigned gap, unsigned bp_net, unsigned bp_desc)
{
    b->specs = specs;
    b->n_specs = n_specs;
    b->n_gen = b->i_in = b->i_out = b->i_desc = b->i_free = 0;
    b->in_off = b->out_off = 0;
    b->random_until = b->c.cycle + cycles;
    b->gap_pct = gap;
    b->bp_net_pct = bp_net;
    b->bp_desc_pct = bp_desc;
    b->strict = gap == 0 && bp_net == 0 && bp_desc == 0;
    b->allow_runt = !b->strict; /* keeps the random rate check to frames of 2+ beats */
}

static bool reset(struct bench *b)
{
    io_t *in = cosim_inputs(&b->c);
    memset(in, 0, sizeof *in);
    in->rst = 1;
    for (int i = 0; i < 4; i++) {
        if (!cosim_eval(&b->c))
            return false;
        cosim_tick(&b->c);
    }
    return true;
}

/* Every verdict and reason must have been seen and checked. */
static bool check_coverage(const struct bench *b)
{
    bool ok = true;
    const uint64_t(*n)[NET_RX_REASON_COUNT] = b->counts;
    if (!n[NET_RX_VERDICT_L2TP_DATA][0] || !n[NET_RX_VERDICT_L2TP_CONTROL][0]) {
        fprintf(stderr, "coverage: no L2TP data or control verdict\n");
        ok = false;
    }
    for (unsigned r = NET_RX_REASON_NON_IPV4; r < NET_RX_REASON_COUNT; r++) {
        unsigned v =
            r <= NET_RX_REASON_OTHER_IP ? NET_RX_VERDICT_NOT_FOR_US : NET_RX_VERDICT_MALFORMED;
        if (!n[v][r]) {
            fprintf(stderr, "coverage: reason '%s' never seen\n", net_rx_reason_name(r));
            ok = false;
        }
    }
    return ok;
}

static void print_counts(const struct bench *b)
{
    printf("%s: descriptors by verdict/reason:", b->c.block->name);
    for (unsigned v = 0; v < 4; v++)
        for (unsigned r = 0; r < NET_RX_REASON_COUNT; r++)
            if (b->counts[v][r])
                printf(" [%s%s%s]=%" PRIu64, net_rx_verdict_name(v), r ? ": " : "",
                       r ? net_rx_reason_name(r) : "", b->counts[v][r]);
    printf("\n");
}

int main(int argc, char **argv)
{
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, DEFAULT_CYCLES))
        return 2;
    uint64_t seed = args.seed, cycles = args.cycles;
    static struct bench bench;
    struct bench *b = &bench;
    b->rng.s = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    if (!cosim_init_engines(&b->c, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops, &args,
                            stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", DATA_W %d\n", BLOCK.name, seed, W);

    static struct net_rx_frame_spec specs[1024];
    bool ok = reset(b);

    /* Directed, to the LNS with the destination check on. */
    b->cfg = (struct net_rx_cfg){L2TP_UDP_PORT, 0x0A330652, true};
    size_t n = net_rx_directed_specs(specs, sizeof specs / sizeof specs[0], &b->cfg, W);
    set_phase(b, specs, n, 0, 0, 0, 0);
    ok = ok && run_phase(b, "directed, no gaps or backpressure");
    set_phase(b, specs, n, 0, 30, 30, 30);
    ok = ok && run_phase(b, "directed, gaps and backpressure");
    /* Directed again with the destination check off and another port. */
    b->cfg = (struct net_rx_cfg){1702, 0, false};
    n = net_rx_directed_specs(specs, sizeof specs / sizeof specs[0], &b->cfg, W);
    set_phase(b, specs, n, 0, 10, 50, 80);
    ok = ok && run_phase(b, "directed, port 1702, any IPv4 dst");
    ok = ok && check_coverage(b);

    /* Throughput without gaps or backpressure: back-to-back frames of one
     * size (64, 512, 1518 octets) or the simple IMIX (7 x 64, 4 x 594,
     * 1 x 1518). The phase's cycles include the last frame's drain. */
    b->cfg = (struct net_rx_cfg){L2TP_UDP_PORT, 0x0A330652, true};
    static const size_t sizes[] = {64, 512, 1518, 0};
    static const size_t imix[12] = {64, 64, 64, 64, 64, 64, 64, 594, 594, 594, 594, 1518};
    for (size_t k = 0; ok && k < sizeof sizes / sizeof sizes[0]; k++) {
        enum { N = 240 };
        for (size_t i = 0; i < N; i++) {
            specs[i] = net_rx_spec_default();
            size_t len = sizes[k] ? sizes[k] : imix[i % 12];
            specs[i].payload_len = len - (ETH_HDR_LEN + IPV4_HDR_MIN_LEN + UDP_HDR_LEN + 6);
        }
        char name[64];
        snprintf(name, sizeof name, "back to back, %s", sizes[k] == 64     ? "64 octets"
                                                       : sizes[k] == 512  ? "512 octets"
                                                       : sizes[k] == 1518 ? "1518 octets"
                                                                          : "IMIX");
        set_phase(b, specs, N, 0, 0, 0, 0);
        ok = run_phase(b, name);
    }

    /* Random: a tenth with no gaps or backpressure (rate and latency
     * checked), the rest in segments of changing gap/backpressure mixes. */
    static const unsigned mixes[][3] = {
        {0, 0, 0}, {20, 0, 0}, {0, 30, 0}, {0, 0, 60}, {50, 50, 50}, {5, 10, 95}, {70, 5, 5},
    };
    b->cfg = (struct net_rx_cfg){L2TP_UDP_PORT, 0x0A330652, true};
    uint64_t seg = cycles / 10;
    for (unsigned i = 0; ok && b->c.cycle < cycles; i++) {
        const unsigned *m = mixes[i % (sizeof mixes / sizeof mixes[0])];
        set_phase(b, NULL, 0, seg, m[0], m[1], m[2]);
        b->cfg.local_ip_en = i % 2;
        char name[64];
        snprintf(name, sizeof name, "random, gap %u%% bp %u%%/%u%%", m[0], m[1], m[2]);
        ok = run_phase(b, name);
    }
    /* Last, junk on every input. */
    ok = ok && run_noise(b, cycles / 20);
    if (ok) {
        print_counts(b);
        printf("%s: max descriptor latency %" PRIu64 " cycles after the last beat "
               "(%d without backpressure)\n",
               BLOCK.name, b->max_latency, NET_RX_DESC_LATENCY);
        cosim_print_speed(&b->c, stdout);
    }
    for (uint64_t i = b->i_free; i < b->n_gen; i++)
        free(b->ring[i % RING].data);
    uint64_t total = b->c.cycle;
    cosim_free(&b->c);
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
