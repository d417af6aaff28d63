/* Lockstep co-simulation of the whole card, hw/l2tp_card.sv (Verilated)
 * against model/l2tp_card.c, driven as the host drives it: the driver itself
 * (libl2tpcard) runs on a simulated card whose engine is the lockstep pair
 * (every input into both, every output compared every cycle; the first
 * mismatch stops the run with cycle, port, both values and context). So the
 * register traffic is exactly the driver's, DMA is served from the simulated
 * host memory with configurable latency, in order and out of order, and NET
 * and ACCESS traffic comes through l2tpcard_sim.h with random valid gaps and
 * backpressure (on NET, ACCESS and both DMA ports).
 *
 * Independent checks against host/proto: every control frame punted is one
 * the wire sent, byte for byte, in order (none may be lost while the ring
 * keeps up); every raw inject leaves the NET port as given, in order; every
 * encapsulated data frame decodes (Ethernet/IPv4 with a good checksum/UDP/
 * L2TP) to the peer IDs of a session programmed for its channel; every
 * frame on an ACCESS channel deframes (RFC 1662) to the PPP frame sent; a
 * NET frame CTRL.RESET cuts half sent is ended by the next beat, one octet
 * 00 with tlast (hw/regmap.md CTRL), and is pulled as what left before the
 * reset plus that octet (a pre-reset inject's prefix, or IPv4 whose total
 * length says it was longer).
 *
 *   cosim_l2tp_card_w{8,16} [--seed N] [--cycles N] [--model-only]
 * Built once per DATA_W (CARD_W, 8 or 16). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"
#include "cosim.h"
#include "cosim_args.h"
#include "hdlc.h"
#include "l2tp_card.h"
#include "l2tp_header.h"
#include "l2tpcard_sim.h"
#include "net_headers.h"
#include "sim_card.h"

#ifndef CARD_W
#define CARD_W 8
#endif
#if CARD_W == 8
#define COSIM_BLOCK l2tp_card_w8
#else
#define COSIM_BLOCK l2tp_card_w16
#endif
#define COSIM_PORTS_DEF "l2tp_card_ports.def"
#define CARD_COSIM_DATA_W CARD_W
#include "cosim_port_table.h"
#define CARD_IO struct COSIM_CAT(COSIM_BLOCK, _io)
#define CARD_BLOCK COSIM_CAT(COSIM_BLOCK, _block)
#define CARD_RTL_OPS COSIM_CAT(COSIM_BLOCK, _rtl_ops)
#define CARD_MODEL_OPS COSIM_CAT(COSIM_BLOCK, _model_ops)

#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops CARD_RTL_OPS;
#endif

#define LOCAL_IP 0xC0A80001u
#define PEER_IP 0xC0A80002u
#define PORT 1701u
#define N_SESS 6u               /* sessions 1..N_SESS, session s on channel s % N_CH */
#define MAX_EXPECT 4096u

/* ---- the lockstep pair as one engine for the simulated card ---- */

/* The NET output and CTRL.RESET writes as the engine sees them, every
 * cycle: the simulated wire keeps frames in the order their last beat was
 * taken, so the n-th frame pulled is the n-th counted here. A frame the
 * card sent before a reset may be pulled after it (the driver's reset runs
 * cycles after the testbench's last drain); this tells it from one the card
 * sent after the reset. One card per process, so one watch. */
#define CUT_MAX 64u             /* cut frames remembered (more: a check fails) */
struct net_watch {
    uint64_t frames_out;        /* NET frames whose last beat was taken */
    uint64_t frames_at_reset;   /* frames_out at the first CTRL.RESET since armed */
    bool armed, in_frame, reset_next; /* RESET written last cycle: it acts at this edge */
    size_t octets;              /* octets of the frame in progress taken so far */
    /* RESET acted while a NET frame was half sent: the card owes its closing
     * beat (regmap CTRL: one octet 00 with tlast) before anything else */
    bool close_next;
    uint64_t cut;               /* frames cut so */
    uint64_t bad_close;         /* ... whose next beat was not the closing one */
    uint64_t cut_frame[CUT_MAX]; /* the cut frames' numbers (frames_out counting) */
    size_t cut_len[CUT_MAX];    /* and their octets sent before the reset */
};
static struct net_watch net_watch;

static unsigned keep_octets(uint32_t keep)
{
    unsigned n = 0;
    for (; keep; keep >>= 1)
        n += keep & 1u;
    return n;
}

/* The cut frame pulled as the n-th NET frame, if any: its octets sent
 * before the reset in *len. */
static bool cut_lookup(uint64_t n, size_t *len)
{
    for (uint64_t i = 0; i < net_watch.cut && i < CUT_MAX; i++)
        if (net_watch.cut_frame[i] == n) {
            *len = net_watch.cut_len[i];
            return true;
        }
    return false;
}

static void *pair_create(bool with_rtl)
{
    struct cosim *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
#ifdef COSIM_MODEL_ONLY
    /* built without the Verilated card (ASan+UBSan runs): the model alone */
    const struct cosim_engine_ops *both[] = {&CARD_MODEL_OPS};
    with_rtl = false;
#else
    const struct cosim_engine_ops *both[] = {&CARD_RTL_OPS, &CARD_MODEL_OPS};
#endif
    const struct cosim_engine_ops *alone[] = {&CARD_MODEL_OPS};
    bool ok = with_rtl ? cosim_init(c, &CARD_BLOCK, both, sizeof both / sizeof *both, stderr)
                       : cosim_init(c, &CARD_BLOCK, alone, 1, stderr);
    if (!ok) {
        free(c);
        return NULL;
    }
    return c;
}

static void *pair_create_lockstep(void)
{
    return pair_create(true);
}

static void *pair_create_model(void)
{
    return pair_create(false);
}

static void pair_destroy(void *impl)
{
    cosim_free(impl);
    free(impl);
}

static void pair_eval(void *impl, void *io)
{
    struct cosim *c = impl;
    const CARD_IO *in = io;
    bool reset_wr = in->reg_wr_en && in->reg_addr == CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL &&
                    (in->reg_wdata & CARD_CTRL_RESET);
    bool net_ready = in->m_net_tready;
    memcpy(cosim_inputs(c), io, sizeof(CARD_IO));
    if (!cosim_eval(c)) {
        fprintf(stderr, "cosim l2tp_card: RTL and model disagree (above); stopping\n");
        exit(1);
    }
    memcpy(io, cosim_outputs(c), sizeof(CARD_IO));
    const CARD_IO *out = io;
    struct net_watch *w = &net_watch;
    if (out->m_net_tvalid && net_ready) {
        if (w->close_next) {
#if CARD_W == 8
            uint8_t octet0 = (uint8_t)out->m_net_tdata;
#else
            uint8_t octet0 = (uint8_t)out->m_net_tdata[0];
#endif
            w->bad_close += !(out->m_net_tlast && out->m_net_tkeep == 1u && octet0 == 0);
            w->close_next = false;
        }
        w->octets = out->m_net_tlast ? 0 : w->octets + keep_octets(out->m_net_tkeep);
        w->frames_out += out->m_net_tlast;
        w->in_frame = !out->m_net_tlast;
    }
    /* RESET written in cycle t: the datapath is in reset from t+1 on
     * (hw/ARCHITECTURE.md), its registers cleared at the edge ending t+1,
     * so a beat taken in t+1 still left before the reset */
    if (w->reset_next) {
        w->reset_next = false;
        if (w->armed) {
            w->frames_at_reset = w->frames_out;
            w->armed = false;
        }
        if (w->in_frame && !w->close_next) {
            /* the frame's next beat must end it (checked above) */
            if (w->cut < CUT_MAX) {
                w->cut_frame[w->cut] = w->frames_out;
                w->cut_len[w->cut] = w->octets;
            }
            w->cut++;
            w->close_next = true;
        }
    }
    w->reset_next = reset_wr;
}

static void pair_tick(void *impl)
{
    cosim_tick(impl);
}

static const struct cosim_engine_ops lockstep_engine = {
    "lockstep", pair_create_lockstep, pair_destroy, pair_eval, pair_tick};
static const struct cosim_engine_ops model_engine = {
    "model", pair_create_model, pair_destroy, pair_eval, pair_tick};

static l2tpcard_status open_lockstep(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                     const struct l2tpcard_options *opts)
{
    (void)spec;
    (void)opts;
    return sim_card_open(card, &lockstep_engine, CARD_W, "lockstep");
}

static l2tpcard_status open_model(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                  const struct l2tpcard_options *opts)
{
    (void)spec;
    (void)opts;
    return sim_card_open(card, &model_engine, CARD_W, "model");
}

static const struct card_backend_ops lockstep_backend = SIM_CARD_OPS("lockstep", open_lockstep);
static const struct card_backend_ops model_backend = SIM_CARD_OPS("model", open_model);

/* ---- the testbench ---- */

struct frame {
    size_t len;
    uint8_t data[600];
};

struct tb {
    struct l2tpcard *card;
    uint64_t rng;
    /* expected in order: control frames to be punted, raw injects on NET */
    struct frame *punt_exp, *net_exp;
    size_t punt_n, punt_next, net_n, net_next;
    /* raw injects net_exp[net_next .. net_pre_end) were accepted before the
     * last reset; only the first net_pre_wire NET frames (counted since the
     * start) left the card before it */
    size_t net_pre_end;
    uint64_t net_pulled, net_pre_wire;
    bool valid[N_SESS + 1];
    uint16_t peer_sid[N_SESS + 1];
    /* ACCESS output per channel, deframed as it arrives */
    struct hdlc_rx rx[L2TP_CARD_N_CH];
    uint8_t rx_buf[L2TP_CARD_N_CH][2048];
    uint64_t punts, net_raw, net_data, acc_frames, acc_bad, failures;
    /* NET frames a reset cut, and how many of them host/proto's decoder
     * would still take (too short a frame, or its lost tail no longer than
     * the closing octet: no length shows the cut) */
    uint64_t net_cut, net_cut_decodes;
};

#define CHECK(tb, cond, ...)                                                                      \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "cosim l2tp_card: check failed: " __VA_ARGS__);                       \
            fputc('\n', stderr);                                                                  \
            (tb)->failures++;                                                                     \
        }                                                                                         \
    } while (0)

static bool ok(struct tb *tb, l2tpcard_status st, const char *what)
{
    if (st == L2TPCARD_OK)
        return true;
    fprintf(stderr, "cosim l2tp_card: %s: %s (%s)\n", what, l2tpcard_status_name(st),
            l2tpcard_errmsg(tb->card));
    tb->failures++;
    return false;
}

static size_t udp_frame(const uint8_t *payload, size_t len, uint8_t *out, size_t cap)
{
    struct net_udp_packet p = {.ip_ttl = 64, .ip_frag = 0x4000, .ip_src = PEER_IP,
                               .ip_dst = LOCAL_IP, .udp_src = PORT, .udp_dst = PORT};
    memcpy(p.dst_mac, (uint8_t[6]){2, 0, 0, 0, 0, 1}, 6);
    memcpy(p.src_mac, (uint8_t[6]){2, 0, 0, 0, 0, 2}, 6);
    size_t n = 0;
    struct proto_error err;
    if (net_udp_encode(&p, payload, len, out, cap, &n, &err) != PROTO_OK)
        return 0;
    return n;
}

/* An L2TP message: control (T, L, S, random AVP octets) or data for `sid`. */
static size_t l2tp_frame(struct tb *tb, bool control, uint16_t sid, uint8_t *out, size_t cap)
{
    uint8_t msg[400], body[300];
    size_t blen = control ? cosim_range(&tb->rng, 8, 120) : cosim_range(&tb->rng, 4, 250);
    for (size_t i = 0; i < blen; i++)
        body[i] = (uint8_t)cosim_rand(&tb->rng);
    if (!control) {
        body[0] = 0xFF;         /* address, control: a PPP frame as LCP sends it */
        body[1] = 0x03;
    }
    struct l2tp_header h = {.is_control = control, .has_length = control, .has_sequence = control,
                            .version = 2, .tunnel_id = 5, .session_id = control ? 0 : sid,
                            .ns = (uint16_t)cosim_rand(&tb->rng)};
    size_t hl = 0;
    struct proto_error err;
    if (l2tp_header_encode(&h, blen, msg, sizeof msg, &hl, &err) != PROTO_OK)
        return 0;
    memcpy(msg + hl, body, blen);
    return udp_frame(msg, hl + blen, out, cap);
}

static struct l2tpcard_session session_for(uint16_t sid, uint16_t peer)
{
    struct l2tpcard_session s = {
        .local_tunnel_id = 5, .local_session_id = sid, .peer_tunnel_id = 50,
        .peer_session_id = peer, .binding = L2TPCARD_BIND_CHANNEL,
        .channel = (uint16_t)(sid % L2TP_CARD_N_CH), .mru = 1500, .local_ip = LOCAL_IP,
        .peer_ip = PEER_IP, .local_port = PORT, .peer_port = PORT, .ttl = 64,
        .tx_accm = 0xFFFFFFFFu};
    memcpy(s.local_mac, (uint8_t[6]){2, 0, 0, 0, 0, 1}, 6);
    memcpy(s.peer_mac, (uint8_t[6]){2, 0, 0, 0, 0, 2}, 6);
    return s;
}

static void acc_frame_cb(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    struct tb *tb = ctx;
    (void)frame;
    if (ev == HDLC_RX_FRAME && len >= 2 && frame[0] == 0xFF && frame[1] == 0x03)
        tb->acc_frames++;
    else
        tb->acc_bad++;
}

/* Takes everything the card produced and checks it. */
static void drain(struct tb *tb)
{
    uint8_t buf[4096];
    struct l2tpcard_punt m;
    l2tpcard_status st;
    while ((st = l2tpcard_recv(tb->card, &m, buf, sizeof buf)) == L2TPCARD_OK) {
        tb->punts++;
        if (m.reason != L2TPCARD_PUNT_CONTROL)
            continue;
        /* in order; a frame may be missing only when the punt FIFO was full */
        bool found = false;
        while (tb->punt_next < tb->punt_n && !found) {
            const struct frame *e = &tb->punt_exp[tb->punt_next++];
            found = e->len == m.len && memcmp(e->data, buf, m.len) == 0;
        }
        CHECK(tb, found, "punted control frame of %zu octets was never sent (or out of order)",
              m.len);
    }
    CHECK(tb, st == L2TPCARD_EAGAIN, "recv: %s", l2tpcard_errmsg(tb->card));
    size_t len;
    while (l2tpcard_sim_net_pull(tb->card, buf, sizeof buf, &len) == L2TPCARD_OK) {
        struct net_udp_packet p;
        struct l2tp_header h;
        struct proto_error err;
        size_t cut_len;
        if (cut_lookup(tb->net_pulled, &cut_len)) {
            /* cut by a reset: what left before it, then the closing octet */
            tb->net_pulled++;
            tb->net_cut++;
            CHECK(tb, len == cut_len + 1 && buf[cut_len] == 0,
                  "NET frame cut by a reset: %zu octets, %zu sent before the reset + 00 expected",
                  len, cut_len);
            size_t k = tb->net_next;
            while (k < tb->net_pre_end && !(tb->net_exp[k].len > cut_len &&
                                             memcmp(tb->net_exp[k].data, buf, cut_len) == 0))
                k++;
            if (k < tb->net_pre_end) {
                tb->net_next = k + 1;   /* that inject was cut: gone */
            } else if (cut_len >= 34) {
                /* an encapsulated frame: Ethernet/IPv4 whose total length
                 * says it was longer than what left before the reset */
                size_t total = (size_t)buf[16] << 8 | buf[17];
                CHECK(tb, buf[12] == 0x08 && buf[13] == 0x00 && 14 + total > cut_len,
                      "NET frame cut by a reset after %zu octets: neither a pre-reset inject "
                      "nor an IPv4 frame longer than that", cut_len);
            }
            tb->net_cut_decodes += net_udp_decode(buf, len, &p, &err) == PROTO_OK;
            continue;
        }
        if (tb->net_pulled++ < tb->net_pre_wire) {
            /* left before the last reset: the injects from before it in
             * order, minus any lost with the rings stopped (DMA error) */
            size_t k = tb->net_next;
            while (k < tb->net_pre_end && !(tb->net_exp[k].len == len &&
                                             memcmp(tb->net_exp[k].data, buf, len) == 0))
                k++;
            if (k < tb->net_pre_end) {
                tb->net_next = k + 1;
                tb->net_raw++;
                continue;
            }
        } else if (tb->net_next < tb->net_pre_end) {
            tb->net_next = tb->net_pre_end; /* the rest were in flight at the reset: gone */
        }
        if (tb->net_next < tb->net_n && tb->net_exp[tb->net_next].len == len &&
            memcmp(tb->net_exp[tb->net_next].data, buf, len) == 0) {
            tb->net_next++;
            tb->net_raw++;
            continue;
        }
        size_t old = 0;
        while (old < tb->net_pre_end &&
               !(tb->net_exp[old].len == len && memcmp(tb->net_exp[old].data, buf, len) == 0))
            old++;
        CHECK(tb, old == tb->net_pre_end,
              "NET frame of %zu octets: inject %zu, accepted before the last reset, left after it",
              len, old);
        if (old < tb->net_pre_end)
            continue;
        bool dec = net_udp_decode(buf, len, &p, &err) == PROTO_OK && p.ip_checksum_ok &&
                   l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err) == PROTO_OK;
        CHECK(tb, dec, "NET frame of %zu octets: neither the next inject nor a good L2TP frame",
              len);
        if (!dec)
            continue;
        tb->net_data++;
        CHECK(tb, !h.is_control && h.tunnel_id == 50 && p.ip_dst == PEER_IP,
              "data frame to tunnel %u, %08x", h.tunnel_id, p.ip_dst);
    }
    for (unsigned c = 0; c < L2TP_CARD_N_CH; c++) {
        size_t n;
        while (l2tpcard_sim_access_pull(tb->card, c, buf, sizeof buf, &n) == L2TPCARD_OK && n)
            hdlc_rx_push(&tb->rx[c], buf, n, acc_frame_cb, tb);
    }
}

/* Takes everything the card produced without checking it. */
static void discard(struct tb *tb)
{
    uint8_t buf[4096];
    struct l2tpcard_punt m;
    size_t len;
    while (l2tpcard_recv(tb->card, &m, buf, sizeof buf) == L2TPCARD_OK)
        tb->punts++;
    while (l2tpcard_sim_net_pull(tb->card, buf, sizeof buf, &len) == L2TPCARD_OK)
        tb->net_pulled++;
}

static void expect(struct frame **v, size_t *n, const uint8_t *f, size_t len)
{
    if (*n >= MAX_EXPECT || len > sizeof(*v)[0].data)
        return;
    (*v)[*n].len = len;
    memcpy((*v)[*n].data, f, len);
    (*n)++;
}

/* One random step of host activity. */
static void step(struct tb *tb)
{
    uint8_t f[600];
    size_t n;
    unsigned what = (unsigned)cosim_range(&tb->rng, 0, 99);
    if (what < 25) {                                /* a control message from the peer */
        if ((n = l2tp_frame(tb, true, 0, f, sizeof f)) && tb->punt_n < MAX_EXPECT) {
            ok(tb, l2tpcard_sim_net_push(tb->card, f, n), "net push");
            expect(&tb->punt_exp, &tb->punt_n, f, n);
        }
    } else if (what < 45) {                         /* data for a session (maybe unknown) */
        uint16_t sid = (uint16_t)cosim_range(&tb->rng, 1, N_SESS + 2);
        if ((n = l2tp_frame(tb, false, sid, f, sizeof f)))
            ok(tb, l2tpcard_sim_net_push(tb->card, f, n), "net push");
    } else if (what < 50) {                         /* junk on the wire */
        n = cosim_range(&tb->rng, 14, 200);
        for (size_t i = 0; i < n; i++)
            f[i] = (uint8_t)cosim_rand(&tb->rng);
        ok(tb, l2tpcard_sim_net_push(tb->card, f, n), "net push");
    } else if (what < 65) {                         /* PPP from a user */
        unsigned ch = (unsigned)cosim_range(&tb->rng, 0, L2TP_CARD_N_CH - 1);
        uint8_t ppp[200], line[600];
        size_t pl = cosim_range(&tb->rng, 4, 150), hl = 0;
        for (size_t i = 0; i < pl; i++)
            ppp[i] = (uint8_t)cosim_rand(&tb->rng);
        ppp[0] = 0xFF;
        ppp[1] = 0x03;
        struct hdlc_tx_config tc = {.accm = 0xFFFFFFFFu, .fcs = HDLC_FCS_16, .opening_flag = true};
        struct proto_error err;
        if (hdlc_encode(&tc, ppp, pl, line, sizeof line, &hl, &err) == PROTO_OK)
            ok(tb, l2tpcard_sim_access_push(tb->card, ch, line, hl), "access push");
    } else if (what < 75) {                         /* a raw NET frame from the host */
        if ((n = l2tp_frame(tb, true, 0, f, sizeof f))) {
            f[0] = 0x02;
            f[5] = 0x99;        /* not the card: it only passes through */
            l2tpcard_status st = l2tpcard_inject(tb->card, L2TPCARD_INJECT_NET, 0, f, n);
            if (st == L2TPCARD_OK)
                expect(&tb->net_exp, &tb->net_n, f, n);
            else
                CHECK(tb, st == L2TPCARD_EAGAIN, "inject: %s", l2tpcard_errmsg(tb->card));
        }
    } else if (what < 80) {                         /* a PPP frame for a channel */
        uint8_t ppp[64] = {0xFF, 0x03, 0xC0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4};
        l2tpcard_status st = l2tpcard_inject(
            tb->card, L2TPCARD_INJECT_CHANNEL_PPP,
            (uint16_t)cosim_range(&tb->rng, 0, L2TP_CARD_N_CH - 1), ppp, 12);
        CHECK(tb, st == L2TPCARD_OK || st == L2TPCARD_EAGAIN, "inject ppp: %s",
              l2tpcard_errmsg(tb->card));
    } else if (what < 85) {                         /* table change under traffic */
        uint16_t sid = (uint16_t)cosim_range(&tb->rng, 1, N_SESS);
        if (tb->valid[sid] && cosim_chance(&tb->rng, 40)) {
            ok(tb, l2tpcard_session_clear(tb->card, sid), "session clear");
            tb->valid[sid] = false;
        } else {
            tb->peer_sid[sid] = (uint16_t)cosim_range(&tb->rng, 1, 0xFFFF);
            struct l2tpcard_session s = session_for(sid, tb->peer_sid[sid]);
            ok(tb, l2tpcard_session_program(tb->card, &s, cosim_chance(&tb->rng, 50)),
               "session program");
            tb->valid[sid] = true;
        }
    } else if (what < 88) {                         /* moderation and DMA service change */
        ok(tb, l2tpcard_irq_moderation(tb->card, (uint32_t)cosim_range(&tb->rng, 0, 3000),
                                       (uint32_t)cosim_range(&tb->rng, 0, 4)),
           "irq moderation");
        ok(tb, l2tpcard_sim_dma_config(tb->card, (unsigned)cosim_range(&tb->rng, 0, 300),
                                       cosim_chance(&tb->rng, 50), cosim_rand(&tb->rng)),
           "dma config");
    } else {                                        /* the host waits for the card */
        unsigned ev;
        /* 0: just look (a millisecond is 250000 cycles of this card) */
        (void)l2tpcard_wait(tb->card, L2TPCARD_EV_PUNT | L2TPCARD_EV_INJECT, 0, &ev);
        ok(tb, l2tpcard_sim_run(tb->card, cosim_range(&tb->rng, 0, 400)), "run");
    }
    drain(tb);
}

static bool bring_up(struct tb *tb)
{
    net_watch.armed = true;
    if (!ok(tb, l2tpcard_reset(tb->card), "reset"))
        return false;
    struct l2tpcard_net_config nc = {.l2tp_port = PORT, .local_ip = LOCAL_IP,
                                     .match_local_ip = true};
    memcpy(nc.local_mac, (uint8_t[6]){2, 0, 0, 0, 0, 1}, 6);
    memset(tb->valid, 0, sizeof tb->valid);
    return ok(tb, l2tpcard_net_config_set(tb->card, &nc), "net config");
}

int main(int argc, char **argv)
{
    struct cosim_args a;
    if (!cosim_args_parse(&a, argc, argv, 1000000))
        return 2;
    struct tb tb = {.rng = a.seed ? a.seed : 1};
    tb.punt_exp = calloc(MAX_EXPECT, sizeof *tb.punt_exp);
    tb.net_exp = calloc(MAX_EXPECT, sizeof *tb.net_exp);
    if (!tb.punt_exp || !tb.net_exp)
        return 1;
    for (unsigned c = 0; c < L2TP_CARD_N_CH; c++) {
        struct hdlc_rx_config rc = {.accm = 0, .fcs = HDLC_FCS_16, .mru = 1500};
        hdlc_rx_init(&tb.rx[c], &rc, tb.rx_buf[c], sizeof tb.rx_buf[c]);
    }
    struct l2tpcard_options o = {.punt_ring_log2 = 3, .inject_ring_log2 = 3};
    struct l2tpcard_spec spec = {.backend = "sim"};
    struct l2tpcard_error err = {0};
#ifdef COSIM_MODEL_ONLY
    a.model_only = true;
#endif
    if (card_open_backend(a.model_only ? &model_backend : &lockstep_backend, &spec, &o, &tb.card,
                          &err) != L2TPCARD_OK) {
        fprintf(stderr, "cosim l2tp_card: open: %s\n", err.msg);
        return 1;
    }
    if (!bring_up(&tb))
        return 1;
    printf("cosim l2tp_card DATA_W %d (%s), seed %llu: driver-driven traffic, %llu cycles\n",
           CARD_W, a.model_only ? "model alone" : "RTL and model in lockstep",
           (unsigned long long)a.seed, (unsigned long long)a.cycles);
    struct l2tpcard_sim_stats st;
    unsigned phase = 0;
    uint64_t resets = 0, dma_errors = 0;
    do {
        /* phases of a few thousand steps: calm, then valid gaps and
         * backpressure everywhere, now and then a reset mid-traffic */
        if (tb.punts + tb.net_raw + tb.net_data >= 200u * (phase + 1)) {
            phase++;
            ok(&tb, l2tpcard_sim_chaos(tb.card, phase % 2 ? 30 : 0, phase % 2 ? 30 : 0),
               "chaos");
            if (phase % 5 == 4) {
                drain(&tb);
                if (phase % 10 == 9) {
                    /* a DMA read fails: the rings stop; what the card
                     * sends until the reset is not checked (an inject frame
                     * whose read failed carries undefined octets) */
                    uint8_t f[600];
                    size_t n = l2tp_frame(&tb, true, 0, f, sizeof f);
                    ok(&tb, l2tpcard_sim_dma_fail_reads(tb.card, 1), "dma fail");
                    /* the inject ring may be full (NET backpressure): the
                     * card frees a slot within a few frames' time */
                    l2tpcard_status ist;
                    unsigned tries = 0;
                    while ((ist = l2tpcard_inject(tb.card, L2TPCARD_INJECT_NET, 0, f, n)) ==
                               L2TPCARD_EAGAIN && tries++ < 100)
                        ok(&tb, l2tpcard_sim_run(tb.card, 200), "run");
                    ok(&tb, ist, "inject");
                    ok(&tb, l2tpcard_sim_run(tb.card, 3000), "run");
                    ok(&tb, l2tpcard_sim_dma_fail_reads(tb.card, 0), "dma fail");
                    discard(&tb);
                    dma_errors++;
                }
                if (!bring_up(&tb))
                    break;
                /* frames in flight at the reset may be gone. A control
                 * frame still queued on the simulated wire reaches the card
                 * after the reset, so the punt expectations stay (the
                 * in-order search skips the ones lost). A raw inject the
                 * card sent while the driver was resetting it (before
                 * CTRL.RESET) is pulled only now: the injects accepted
                 * before the reset are expected among the NET frames that
                 * left before it, and none after it (drain) */
                tb.net_pre_end = tb.net_n;
                tb.net_pre_wire = net_watch.frames_at_reset;
                resets++;
                CHECK(&tb, net_watch.bad_close == 0 && net_watch.cut <= CUT_MAX,
                      "reset %llu: a NET frame CTRL.RESET cut was not ended by one octet 00 "
                      "with tlast (the wire glues its beats to the next frame), or over %u cut",
                      (unsigned long long)resets, CUT_MAX);
            }
        }
        step(&tb);
        l2tpcard_sim_stats(tb.card, &st);
    } while (st.cycles < a.cycles && tb.failures == 0);
    ok(&tb, l2tpcard_sim_chaos(tb.card, 0, 0), "chaos");
    ok(&tb, l2tpcard_sim_run(tb.card, 20000), "run");
    drain(&tb);
    uint32_t cnt[L2TPCARD_CNT_COUNT];
    ok(&tb, l2tpcard_counters_read(tb.card, cnt), "counters");
    l2tpcard_sim_stats(tb.card, &st);
    printf("  %llu cycles, %llu MMIO reads, %llu writes, %llu DMA reads, %llu write beats, "
           "%llu interrupts, %llu resets (%llu after a failed DMA read, %llu cut a NET frame: "
           "%llu pulled, %llu of them still decode)\n",
           (unsigned long long)st.cycles, (unsigned long long)st.mmio_reads,
           (unsigned long long)st.mmio_writes, (unsigned long long)st.dma_reads,
           (unsigned long long)st.dma_write_beats, (unsigned long long)st.irqs,
           (unsigned long long)resets, (unsigned long long)dma_errors,
           (unsigned long long)net_watch.cut, (unsigned long long)tb.net_cut,
           (unsigned long long)tb.net_cut_decodes);
    printf("  punted %llu, raw injects out %llu, data frames out %llu, ACCESS frames %llu "
           "(%llu bad), PUNT_RING_FULL %u, SESS_UNKNOWN %u\n",
           (unsigned long long)tb.punts, (unsigned long long)tb.net_raw,
           (unsigned long long)tb.net_data, (unsigned long long)tb.acc_frames,
           (unsigned long long)tb.acc_bad, cnt[L2TPCARD_CNT_PUNT_RING_FULL],
           cnt[L2TPCARD_CNT_SESS_UNKNOWN]);
    CHECK(&tb, net_watch.bad_close == 0 && !net_watch.close_next && tb.net_cut == net_watch.cut,
          "%llu NET frames cut by a reset, %llu pulled, %llu not ended by one octet 00 with "
          "tlast%s", (unsigned long long)net_watch.cut, (unsigned long long)tb.net_cut,
          (unsigned long long)net_watch.bad_close,
          net_watch.close_next ? ", the last one never ended" : "");
    CHECK(&tb, tb.punts > 0 && tb.net_raw > 0 && tb.net_data > 0 && tb.acc_frames > 0,
          "some kind of traffic never happened");
    CHECK(&tb, st.dma_errors == dma_errors && st.dma_forced_errors == dma_errors,
          "%llu failed DMA accesses, %llu made to fail, %llu asked",
          (unsigned long long)st.dma_errors, (unsigned long long)st.dma_forced_errors,
          (unsigned long long)dma_errors);
    l2tpcard_close(tb.card);
    free(tb.punt_exp);
    free(tb.net_exp);
    if (tb.failures) {
        printf("cosim l2tp_card: FAILED (%llu checks)\n", (unsigned long long)tb.failures);
        return 1;
    }
    printf("cosim l2tp_card: passed\n");
    return 0;
}
