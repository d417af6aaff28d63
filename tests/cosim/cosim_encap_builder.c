/* Lockstep test of hw/encap_builder.sv against model/encap_builder.c, built
 * once per DATA_W (ENCAP_COSIM_DATA_W 8 or 16), with the RTL's N_CH 4 and
 * SESS_AW 6. The testbench plays session_table (port B answers a request
 * with the entry on the next cycle and with junk at every other moment),
 * the channel table, the register block (COMMITs, READ snapshots) and the
 * neighbours on both streams.
 *
 * Every frame that leaves is checked independently of the model:
 *  - m_net: parsed by host/proto's net_udp_decode (IPv4 checksum verified)
 *    and l2tp_header_decode; it must carry exactly the PPP frame that went
 *    in, with the entry's addresses, ports, IDs and the expected Ns, and be
 *    byte-equal to the frame net_udp_encode + l2tp_header_encode build from
 *    the same entry;
 *  - m_punt: the PPP frame of an unbound channel, untouched, with its
 *    channel and length;
 *  - counter pulses and the per-session READ snapshot (packets, octets, Ns)
 *    against the testbench's own tally;
 *  - a frame whose s_tuser_len is not its octet count goes out cut or
 *    zero-filled to s_tuser_len (the header's word), with cnt_len_mismatch.
 *
 * Phases: directed (every header variant at every small length, padding,
 * punts, drops, COMMIT during traffic), back-to-back throughput (64, 512,
 * 1500 octets, IMIX; no valid cycle may be lost but a frame's last partial
 * beat), seeded random traffic with random gaps, backpressure and table
 * changes, then chaos (every input random, reset pulses). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "cosim_octets.h"
#include "encap_builder.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_headers.h"

#ifndef ENCAP_COSIM_DATA_W
#error "define ENCAP_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W ENCAP_COSIM_DATA_W

#define COSIM_BLOCK COSIM_CAT(encap_builder_w, ENCAP_COSIM_DATA_W)
#define COSIM_PORTS_DEF "encap_builder_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);

#define N_CH 4
#define SESS_AW 6
#define N_SESS (1u << SESS_AW)
/* Sessions frames never use: COMMITs to them run during traffic. */
#define SESS_COMMIT_ONLY 56
#define MAX_PPP 1600
#define MAX_NET 2048
#define QMAX 4096
#define DEFAULT_CYCLES 1000000u
#define STALL_CYCLES 20000
/* Idle cycles that end a phase: the FIFO's beats of a dropped frame drain. */
#define QUIET_CYCLES 32

/* ---- NET-width ports as octets (cosim_octets.h) */
#if W <= 8
COSIM_OCTETS_PORT_FNS_U64(W)
#else
COSIM_OCTETS_PORT_FNS_WIDE(W)
#endif

/* ---- the C model as a cosim engine */
static void model_eval(void *impl, void *iov)
{
    io_t *io = iov;
    struct encap_builder_in in = {
        .rst = io->rst,
        .s_tkeep = (uint32_t)io->s_tkeep,
        .s_tvalid = io->s_tvalid,
        .s_tlast = io->s_tlast,
        .s_tuser_kind = io->s_tuser_kind,
        .s_tuser_id = (uint16_t)io->s_tuser_id,
        .s_tuser_len = (uint16_t)io->s_tuser_len,
        .commit_valid = io->commit_valid,
        .commit_index = (uint16_t)io->commit_index,
        .commit_seq = (uint32_t)io->commit_seq,
        .commit_zero_counters = io->commit_zero_counters,
        .rd_index = (uint16_t)io->rd_index,
        .m_net_tready = io->m_net_tready,
        .m_punt_tready = io->m_punt_tready,
    };
    get_octets(&io->s_tdata, in.s_tdata);
    for (unsigned c = 0; c < N_CH; c++) {
        in.chan_bound[c] = (io->chan_bound >> c) & 1;
        in.chan_sess[c] = (uint16_t)((io->chan_sess >> (c * SESS_AW)) & (N_SESS - 1));
    }
    memcpy(in.sess_entry, io->sess_entry, sizeof in.sess_entry);
    struct encap_builder_out out;
    encap_builder_eval(impl, &in, &out);
    io->s_tready = out.s_tready;
    io->sess_req_valid = out.sess_req_valid;
    io->sess_req_index = out.sess_req_index;
    io->rd_tx_packets = out.rd_tx_packets;
    io->rd_tx_bytes = out.rd_tx_bytes;
    io->rd_ns = out.rd_ns;
    put_octets(&io->m_net_tdata, out.m_net_tdata);
    io->m_net_tkeep = out.m_net_tkeep;
    io->m_net_tvalid = out.m_net_tvalid;
    io->m_net_tlast = out.m_net_tlast;
    put_octets(&io->m_punt_tdata, out.m_punt_tdata);
    io->m_punt_tkeep = out.m_punt_tkeep;
    io->m_punt_tvalid = out.m_punt_tvalid;
    io->m_punt_tlast = out.m_punt_tlast;
    io->m_punt_channel = out.m_punt_channel;
    io->m_punt_len = out.m_punt_len;
    io->cnt_tx_frame = out.cnt_tx_frame;
    io->cnt_punt = out.cnt_punt;
    io->cnt_drop_no_session = out.cnt_drop_no_session;
    io->cnt_len_mismatch = out.cnt_len_mismatch;
}

#define COSIM_PARAM_MODEL encap_builder
#define COSIM_PARAM_MODEL_PARAMS {W, N_CH, SESS_AW, 3}
#include "cosim_param_model.h"

/* ---- the testbench */

enum outcome { OUT_NET, OUT_PUNT, OUT_DROP };

struct in_frame {
    bool kind;                  /* 0 channel, 1 session */
    uint16_t id, len;
    uint16_t tuser_len;         /* s_tuser_len: len, unless testing a mismatch */
    uint8_t data[MAX_PPP];
};

struct expect {
    uint8_t data[MAX_NET];
    size_t len;
    uint16_t id;                /* punt: channel */
    uint16_t ppp_len;
    const uint8_t *ppp;         /* net: the PPP frame it must carry */
    uint8_t ppp_buf[MAX_PPP];   /* ... cut or zero-filled to s_tuser_len */
    uint32_t entry[ENCAP_ENTRY_WORDS];
    uint16_t ns;
};

struct queue {
    struct expect *e;
    size_t head, tail;          /* free-running */
};

struct tb {
    struct cosim c;
    uint64_t rng;
    /* what session_table and the channel table hold */
    uint32_t entry[N_SESS][ENCAP_ENTRY_WORDS];
    bool chan_bound[N_CH];
    uint16_t chan_sess[N_CH];
    /* the testbench's tally of the block's per-session state */
    uint16_t ns[N_SESS];
    uint32_t pkts[N_SESS];
    uint64_t bytes[N_SESS];
    uint64_t n_tx, n_punt, n_drop, n_mismatch;          /* expected pulses */
    uint64_t seen_tx, seen_punt, seen_drop, seen_mismatch; /* pulses seen */
    /* input frames of the phase */
    struct in_frame *in;
    size_t n_in, next_in, in_off;
    bool in_started;
    struct queue qnet, qpunt;
    bool req_pend;
    uint16_t req_idx;
    /* output assembly */
    uint8_t net_buf[MAX_NET], punt_buf[MAX_NET];
    size_t net_len, punt_len;
    /* phase knobs */
    unsigned gap_pct, bp_net_pct, bp_punt_pct;
    bool commits_in_traffic;
    bool commit_on_look;        /* COMMIT the looked-up session in its LOOK cycle */
    /* throughput window */
    uint64_t first_out, last_out, out_octets, out_beats_ideal, in_octets;
    bool out_seen;
    uint64_t frames_net, frames_punt, frames_drop;
};

static uint32_t rnd32(struct tb *t)
{
    return (uint32_t)cosim_rand(&t->rng);
}

static void set_entry_wide(io_t *io, const uint32_t *e)
{
    memcpy(io->sess_entry, e, sizeof io->sess_entry);
}

/* A random but sensible session entry for index idx. */
static void random_entry(struct tb *t, unsigned idx, bool valid, bool bind_host)
{
    uint32_t *e = t->entry[idx];
    for (unsigned k = 0; k < ENCAP_ENTRY_WORDS; k++)
        e[k] = rnd32(t);
    e[ENCAP_ENT_FLAGS] = (rnd32(t) & ~(ENCAP_FLAG_VALID | ENCAP_FLAG_BIND_HOST | 0xFFFFFFC0u))
                         | (valid ? ENCAP_FLAG_VALID : 0) | (bind_host ? ENCAP_FLAG_BIND_HOST : 0);
    e[ENCAP_ENT_LOCAL_IDS] = (rnd32(t) & 0xFFFF0000u) | idx;
}

/* The frame the software builds for this entry (Ethernet II [802.1Q] IPv4
 * UDP L2TP, RFC 2661 §3.1 data header without L, S/Ns per SEQ_TX, Nr 0). */
static bool sw_encode(const uint32_t *e, uint16_t ns, const uint8_t *ppp, size_t len,
                      uint8_t *out, size_t *out_len)
{
    uint32_t flags = e[ENCAP_ENT_FLAGS];
    struct l2tp_header h = {
        .has_sequence = flags & ENCAP_FLAG_SEQ_TX,
        .version = L2TP_VERSION,
        .tunnel_id = (uint16_t)(e[ENCAP_ENT_PEER_IDS] >> 16),
        .session_id = (uint16_t)e[ENCAP_ENT_PEER_IDS],
        .ns = ns,
        .nr = 0,
    };
    uint8_t payload[MAX_PPP + 16];
    size_t hl;
    struct proto_error err = {0};
    if (l2tp_header_encode(&h, len, payload, sizeof payload, &hl, &err) != PROTO_OK)
        return false;
    memcpy(payload + hl, ppp, len);
    struct net_udp_packet p = {
        .has_vlan = flags & ENCAP_FLAG_VLAN,
        .vlan_tci = (uint16_t)(e[ENCAP_ENT_TTL_VLAN] >> 16),
        .ip_ttl = (uint8_t)e[ENCAP_ENT_TTL_VLAN],
        .ip_frag = IPV4_FLAG_DF,
        .ip_src = e[ENCAP_ENT_LOCAL_IP],
        .ip_dst = e[ENCAP_ENT_PEER_IP],
        .udp_src = (uint16_t)(e[ENCAP_ENT_UDP_PORTS] >> 16),
        .udp_dst = (uint16_t)e[ENCAP_ENT_UDP_PORTS],
    };
    for (unsigned i = 0; i < 2; i++) {
        p.dst_mac[i] = (uint8_t)(e[ENCAP_ENT_PEER_MAC_HI] >> (8 - 8 * i));
        p.src_mac[i] = (uint8_t)(e[ENCAP_ENT_LOCAL_MAC_HI] >> (8 - 8 * i));
    }
    for (unsigned i = 0; i < 4; i++) {
        p.dst_mac[2 + i] = (uint8_t)(e[ENCAP_ENT_PEER_MAC_LO] >> (24 - 8 * i));
        p.src_mac[2 + i] = (uint8_t)(e[ENCAP_ENT_LOCAL_MAC_LO] >> (24 - 8 * i));
    }
    return net_udp_encode(&p, payload, hl + len, out, MAX_NET, out_len, &err) == PROTO_OK;
}

static struct expect *q_push(struct queue *q)
{
    struct expect *x = &q->e[q->tail % QMAX];
    q->tail++;
    return x;
}

/* Decides what the block must do with frame f, in input order, and queues
 * the expected output (the block keeps frame order on each output). */
static bool expect_frame(struct tb *t, const struct in_frame *f)
{
    int idx = -1;
    if (!f->kind) {
        if (f->id < N_CH && t->chan_bound[f->id]) {
            const uint32_t *e = t->entry[t->chan_sess[f->id]];
            if ((e[ENCAP_ENT_FLAGS] & ENCAP_FLAG_VALID) && !(e[ENCAP_ENT_FLAGS] & ENCAP_FLAG_BIND_HOST))
                idx = t->chan_sess[f->id];
        }
    } else if (f->id != 0 && f->id < N_SESS && (t->entry[f->id][ENCAP_ENT_FLAGS] & ENCAP_FLAG_VALID)) {
        idx = f->id;
    }
    if (idx >= 0) {
        struct expect *x = q_push(&t->qnet);
        const uint32_t *e = t->entry[idx];
        x->ns = t->ns[idx];
        if (e[ENCAP_ENT_FLAGS] & ENCAP_FLAG_SEQ_TX)
            t->ns[idx]++;
        t->pkts[idx]++;
        t->bytes[idx] += f->tuser_len;
        t->n_tx++;
        t->n_mismatch += f->tuser_len != f->len;
        memcpy(x->entry, e, sizeof x->entry);
        /* the length the header announces wins: cut, or zero-filled */
        memset(x->ppp_buf, 0, f->tuser_len);
        memcpy(x->ppp_buf, f->data, f->len < f->tuser_len ? f->len : f->tuser_len);
        x->ppp = x->ppp_buf;
        x->ppp_len = f->tuser_len;
        return sw_encode(e, x->ns, x->ppp, x->ppp_len, x->data, &x->len);
    }
    if (!f->kind) {
        struct expect *x = q_push(&t->qpunt);
        memcpy(x->data, f->data, f->len);
        x->len = f->len;
        x->id = f->id;
        x->ppp_len = f->tuser_len;      /* m_punt_len passes s_tuser_len on */
        t->n_punt++;
    } else {
        t->n_drop++;
    }
    return true;
}

/* The independent check of one frame from m_net against what went in. */
static bool check_net(const struct expect *x, const uint8_t *b, size_t len)
{
    struct net_udp_packet p;
    struct l2tp_header h;
    struct proto_error err = {0};
    const uint32_t *e = x->entry;
    char line[200];
    if (net_udp_decode(b, len, &p, &err) != PROTO_OK) {
        fprintf(stderr, "net frame: net_udp_decode: %s\n", proto_error_format(&err, line, sizeof line));
        return false;
    }
    if (!p.ip_checksum_ok || p.ip_src != e[ENCAP_ENT_LOCAL_IP] || p.ip_dst != e[ENCAP_ENT_PEER_IP]
        || p.udp_src != e[ENCAP_ENT_UDP_PORTS] >> 16 || p.udp_dst != (e[ENCAP_ENT_UDP_PORTS] & 0xFFFF)
        || p.ip_ttl != (e[ENCAP_ENT_TTL_VLAN] & 0xFF) || p.udp_checksum != 0
        || p.has_vlan != !!(e[ENCAP_ENT_FLAGS] & ENCAP_FLAG_VLAN)
        || (p.has_vlan && p.vlan_tci != e[ENCAP_ENT_TTL_VLAN] >> 16)) {
        fprintf(stderr, "net frame: IPv4/UDP fields differ from the entry (checksum ok %d)\n",
                p.ip_checksum_ok);
        return false;
    }
    if (l2tp_header_decode(p.payload, p.payload_len, L2TP_DECODE_STRICT, &h, &err) != PROTO_OK) {
        fprintf(stderr, "net frame: l2tp_header_decode: %s\n",
                proto_error_format(&err, line, sizeof line));
        return false;
    }
    bool seq = e[ENCAP_ENT_FLAGS] & ENCAP_FLAG_SEQ_TX;
    if (h.is_control || h.has_length || h.has_sequence != seq || h.has_offset
        || h.tunnel_id != e[ENCAP_ENT_PEER_IDS] >> 16 || h.session_id != (e[ENCAP_ENT_PEER_IDS] & 0xFFFF)
        || (seq && (h.ns != x->ns || h.nr != 0)) || h.payload_len != x->ppp_len
        || memcmp(p.payload + h.header_len, x->ppp, x->ppp_len) != 0) {
        size_t d = 0;
        while (d < x->ppp_len && d < h.payload_len && p.payload[h.header_len + d] == x->ppp[d])
            d++;
        fprintf(stderr, "net frame: L2TP header or PPP frame wrong (S %d ns %u want %u, PPP "
                "length %zu want %u, first PPP octet differing %zu)\n", h.has_sequence, h.ns,
                x->ns, h.payload_len, x->ppp_len, d);
        return false;
    }
    if (len != x->len || memcmp(b, x->data, len) != 0) {
        fprintf(stderr, "net frame: %zu octets differ from the software encoder's %zu\n", len,
                x->len);
        return false;
    }
    return true;
}

/* Collects one stream's beat; checks tkeep is packed. */
static bool collect(const uint8_t *d, uint64_t keep, bool last, uint8_t *buf, size_t *len,
                    const char *what)
{
    unsigned n = 0;
    while (n < W && ((keep >> n) & 1))
        n++;
    if ((keep >> n) != 0 || n == 0 || (!last && n != W)) {
        fprintf(stderr, "%s: tkeep 0x%" PRIx64 " not packed\n", what, keep);
        return false;
    }
    if (*len + n > MAX_NET) {
        fprintf(stderr, "%s: frame too long\n", what);
        return false;
    }
    memcpy(buf + *len, d, n);
    *len += n;
    return true;
}

/* One cycle: drive, evaluate both engines, react, tick. */
static bool cycle(struct tb *t)
{
    io_t *io = cosim_inputs(&t->c);
    uint8_t junk[W];
    io->rst = 0;
    /* the input stream: the current frame's next beat, or junk without valid */
    bool offer = t->next_in < t->n_in && !cosim_chance(&t->rng, t->gap_pct);
    for (unsigned i = 0; i < W; i++)
        junk[i] = (uint8_t)rnd32(t);
    if (offer) {
        const struct in_frame *f = &t->in[t->next_in];
        size_t n = f->len - t->in_off < W ? f->len - t->in_off : W;
        uint8_t b[W];
        memcpy(b, junk, W);
        memcpy(b, f->data + t->in_off, n);
        put_octets(&io->s_tdata, b);
        io->s_tkeep = (1u << n) - 1;
        io->s_tlast = t->in_off + n >= f->len;
        io->s_tuser_kind = f->kind;
        io->s_tuser_id = f->id;
        io->s_tuser_len = f->tuser_len;
        io->s_tvalid = 1;
    } else {
        put_octets(&io->s_tdata, junk);
        io->s_tkeep = rnd32(t) & ((1u << W) - 1);
        io->s_tlast = rnd32(t) & 1;
        io->s_tuser_kind = rnd32(t) & 1;
        io->s_tuser_id = rnd32(t) & 0xFFFF;
        io->s_tuser_len = rnd32(t) & 0xFFFF;
        io->s_tvalid = 0;
    }
    uint64_t cb = 0, cs = 0;
    for (unsigned c = 0; c < N_CH; c++) {
        cb |= (uint64_t)t->chan_bound[c] << c;
        cs |= (uint64_t)t->chan_sess[c] << (c * SESS_AW);
    }
    io->chan_bound = cb;
    io->chan_sess = cs;
    if (t->req_pend) {
        set_entry_wide(io, t->entry[t->req_idx]);
    } else {
        for (unsigned k = 0; k < ENCAP_ENTRY_WORDS; k++)
            io->sess_entry[k] = rnd32(t);
    }
    /* COMMITs during traffic only touch sessions no frame uses */
    io->commit_valid = t->commits_in_traffic && cosim_chance(&t->rng, 3);
    io->commit_index = SESS_COMMIT_ONLY + rnd32(t) % (N_SESS - SESS_COMMIT_ONLY);
    io->commit_seq = rnd32(t);
    io->commit_zero_counters = rnd32(t) & 1;
    if (t->commit_on_look && t->req_pend) {
        /* the cycle the entry arrives: the COMMIT wins, the frame keeps the
         * Ns it read (expect_frame's), the session's next Ns is the COMMIT's */
        io->commit_valid = 1;
        io->commit_index = t->req_idx;
    }
    if (io->commit_valid) {
        unsigned i = (unsigned)io->commit_index;
        t->ns[i] = (uint16_t)(io->commit_seq >> 16);
        if (io->commit_zero_counters) {
            t->pkts[i] = 0;
            t->bytes[i] = 0;
        }
    }
    io->rd_index = rnd32(t) % N_SESS;
    io->m_net_tready = !cosim_chance(&t->rng, t->bp_net_pct);
    io->m_punt_tready = !cosim_chance(&t->rng, t->bp_punt_pct);
    bool net_ready = io->m_net_tready, punt_ready = io->m_punt_tready;

    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);

    t->req_pend = o->sess_req_valid;
    t->req_idx = (uint16_t)o->sess_req_index;
    t->seen_tx += o->cnt_tx_frame;
    t->seen_punt += o->cnt_punt;
    t->seen_drop += o->cnt_drop_no_session;
    t->seen_mismatch += o->cnt_len_mismatch;
    if (offer && o->s_tready) {
        const struct in_frame *f = &t->in[t->next_in];
        t->in_off += W;
        if (t->in_off >= f->len) {
            t->in_octets += f->len;
            t->in_off = 0;
            t->next_in++;
        }
    }
    if (o->m_net_tvalid && net_ready) {
        uint8_t d[W];
        get_octets(&o->m_net_tdata, d);
        if (!t->out_seen) {
            t->out_seen = true;
            t->first_out = t->c.cycle;
        }
        t->last_out = t->c.cycle;
        if (!collect(d, o->m_net_tkeep, o->m_net_tlast, t->net_buf, &t->net_len, "m_net"))
            return false;
        if (o->m_net_tlast) {
            if (t->qnet.head == t->qnet.tail) {
                fprintf(stderr, "cycle %" PRIu64 ": m_net frame nobody expected\n", t->c.cycle);
                return false;
            }
            const struct expect *x = &t->qnet.e[t->qnet.head++ % QMAX];
            if (!check_net(x, t->net_buf, t->net_len)) {
                fprintf(stderr, "cycle %" PRIu64 ": m_net frame %" PRIu64 " wrong\n", t->c.cycle,
                        t->frames_net);
                return false;
            }
            t->out_octets += t->net_len;
            t->out_beats_ideal += (t->net_len + W - 1) / W;
            t->frames_net++;
            t->net_len = 0;
        }
    }
    if (o->m_punt_tvalid && punt_ready) {
        uint8_t d[W];
        get_octets(&o->m_punt_tdata, d);
        if (!collect(d, o->m_punt_tkeep, o->m_punt_tlast, t->punt_buf, &t->punt_len, "m_punt"))
            return false;
        if (o->m_punt_tlast) {
            if (t->qpunt.head == t->qpunt.tail) {
                fprintf(stderr, "cycle %" PRIu64 ": m_punt frame nobody expected\n", t->c.cycle);
                return false;
            }
            const struct expect *x = &t->qpunt.e[t->qpunt.head++ % QMAX];
            if (t->punt_len != x->len || memcmp(t->punt_buf, x->data, x->len) != 0
                || o->m_punt_channel != x->id || o->m_punt_len != x->ppp_len) {
                fprintf(stderr, "cycle %" PRIu64 ": punted frame wrong (len %zu want %zu, channel %u)\n",
                        t->c.cycle, t->punt_len, x->len, (unsigned)o->m_punt_channel);
                return false;
            }
            t->frames_punt++;
            t->punt_len = 0;
        }
    }
    cosim_tick(&t->c);
    return true;
}

static bool reset(struct tb *t)
{
    if (!cosim_run_reset(&t->c, 3))
        return false;
    t->req_pend = false;
    t->net_len = t->punt_len = 0;
    return true;
}

/* COMMIT every session (Ns and counters known), one per cycle, idle input. */
static bool commit_all(struct tb *t)
{
    for (unsigned i = 0; i < N_SESS; i++) {
        io_t *io = cosim_inputs(&t->c);
        io->s_tvalid = 0;
        io->commit_valid = 1;
        io->commit_index = i;
        io->commit_seq = rnd32(t);
        io->commit_zero_counters = 1;
        io->m_net_tready = io->m_punt_tready = 1;
        t->ns[i] = (uint16_t)(io->commit_seq >> 16);
        t->pkts[i] = 0;
        t->bytes[i] = 0;
        if (!cosim_eval(&t->c))
            return false;
        cosim_tick(&t->c);
    }
    cosim_inputs(&t->c);
    ((io_t *)cosim_inputs(&t->c))->commit_valid = 0;
    return true;
}

/* READ every session's snapshot and compare with the tally. */
static bool check_counters(struct tb *t)
{
    io_t *io = cosim_inputs(&t->c);
    io->s_tvalid = 0;
    io->commit_valid = 0;
    for (unsigned i = 0; i <= N_SESS; i++) {
        io->rd_index = i % N_SESS;
        if (!cosim_eval(&t->c))
            return false;
        const io_t *o = cosim_outputs(&t->c);
        if (i > 0) {
            unsigned s = i - 1;
            if (o->rd_tx_packets != t->pkts[s] || o->rd_tx_bytes != t->bytes[s] || o->rd_ns != t->ns[s]) {
                fprintf(stderr, "cycle %" PRIu64 ": READ session %u: packets %" PRIu64 "/%u octets %" PRIu64
                        "/%" PRIu64 " ns %" PRIu64 "/%u (rtl/tally)\n",
                        t->c.cycle, s, o->rd_tx_packets, t->pkts[s], o->rd_tx_bytes, t->bytes[s],
                        o->rd_ns, t->ns[s]);
                return false;
            }
        }
        cosim_tick(&t->c);
    }
    if (t->seen_tx != t->n_tx || t->seen_punt != t->n_punt || t->seen_drop != t->n_drop
        || t->seen_mismatch != t->n_mismatch) {
        fprintf(stderr, "counter pulses: tx %" PRIu64 "/%" PRIu64 " punt %" PRIu64 "/%" PRIu64
                " drop %" PRIu64 "/%" PRIu64 " length mismatch %" PRIu64 "/%" PRIu64
                " (seen/expected)\n", t->seen_tx, t->n_tx, t->seen_punt, t->n_punt, t->seen_drop,
                t->n_drop, t->seen_mismatch, t->n_mismatch);
        return false;
    }
    return true;
}

/* Runs the frames t->in[0..n) to the end (every expected frame out). */
static bool run_phase(struct tb *t, const char *name, size_t n)
{
    t->n_in = n;
    t->next_in = 0;
    t->in_off = 0;
    t->out_seen = false;
    t->out_octets = t->out_beats_ideal = t->in_octets = 0;
    for (size_t i = 0; i < n; i++)
        if (!expect_frame(t, &t->in[i])) {
            fprintf(stderr, "%s: the software encoder refused frame %zu\n", name, i);
            return false;
        }
    uint64_t last_progress = t->c.cycle, quiet = 0;
    while (t->next_in < t->n_in || t->qnet.head != t->qnet.tail || t->qpunt.head != t->qpunt.tail
           || quiet < QUIET_CYCLES) {
        uint64_t before = t->qnet.head + t->qpunt.head + t->next_in;
        if (!cycle(t)) {
            fprintf(stderr, "phase %s failed\n", name);
            return false;
        }
        quiet = t->next_in < t->n_in || t->qnet.head != t->qnet.tail || t->qpunt.head != t->qpunt.tail
                    ? 0 : quiet + 1;
        if (t->qnet.head + t->qpunt.head + t->next_in != before)
            last_progress = t->c.cycle;
        if (t->c.cycle - last_progress > STALL_CYCLES) {
            fprintf(stderr, "phase %s: no progress for %d cycles\n", name, STALL_CYCLES);
            return false;
        }
    }
    t->frames_drop = t->n_drop;
    return check_counters(t);
}

static void random_frame(struct tb *t, struct in_frame *f, uint16_t len)
{
    f->len = len;
    f->tuser_len = len;
    for (size_t i = 0; i < len; i++)
        f->data[i] = (uint8_t)rnd32(t);
}

/* Channel c bound to session s (entry valid, bound to the channel) with the
 * header variant given by seq/vlan. */
static void bind(struct tb *t, unsigned c, unsigned s, bool seq, bool vlan)
{
    random_entry(t, s, true, false);
    t->entry[s][ENCAP_ENT_FLAGS] = (t->entry[s][ENCAP_ENT_FLAGS] & ~(ENCAP_FLAG_SEQ_TX | ENCAP_FLAG_VLAN))
                                   | (seq ? ENCAP_FLAG_SEQ_TX : 0) | (vlan ? ENCAP_FLAG_VLAN : 0);
    t->entry[s][ENCAP_ENT_BINDING] = c;
    t->chan_bound[c] = true;
    t->chan_sess[c] = (uint16_t)s;
}

static bool directed(struct tb *t)
{
    /* channels 0-3: the four header variants (48, 52, 52, 56 octets) */
    bind(t, 0, 5, false, false);
    bind(t, 1, 6, true, false);
    bind(t, 2, 7, false, true);
    bind(t, 3, 8, true, true);
    size_t n = 0;
    for (unsigned c = 0; c < N_CH; c++)
        for (unsigned len = 1; len <= 3 * W + 14; len++) {
            struct in_frame *f = &t->in[n++];
            f->kind = 0;
            f->id = (uint16_t)c;
            random_frame(t, f, (uint16_t)len);
        }
    /* host frames: valid session, session 0, beyond the table, invalid entry */
    random_entry(t, 9, false, false);
    random_entry(t, 10, true, true);   /* LNS: bound to the host, host frames go out */
    static const uint16_t ids[] = {5, 0, 64, 65535, 9, 10, 8};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        struct in_frame *f = &t->in[n++];
        f->kind = 1;
        f->id = ids[i];
        random_frame(t, f, (uint16_t)(20 + 7 * i));
    }
    t->gap_pct = t->bp_net_pct = t->bp_punt_pct = 0;
    t->commits_in_traffic = false;
    if (!run_phase(t, "directed: header variants, lengths 1..3W+14, host frames", n))
        return false;
    /* punts: channel unbound, bound to an invalid entry, to a host-bound
     * entry, and an id beyond the channels; with gaps and backpressure */
    t->chan_bound[1] = false;
    t->chan_sess[2] = 9;
    t->chan_sess[3] = 10;
    n = 0;
    for (unsigned i = 0; i < 40; i++) {
        struct in_frame *f = &t->in[n++];
        f->kind = 0;
        f->id = (uint16_t)(i % 5 == 4 ? 4 + i : i % 4);
        random_frame(t, f, (uint16_t)(1 + (i * 37) % 200));
    }
    t->gap_pct = 30;
    t->bp_net_pct = 40;
    t->bp_punt_pct = 40;
    t->commits_in_traffic = true;
    if (!run_phase(t, "directed: punts, drops, COMMIT in traffic, gaps, backpressure", n))
        return false;
    /* s_tuser_len not the octet count: shorter and longer by an octet, a
     * beat and more, on every header variant, punted ones too */
    bind(t, 0, 5, false, false);
    bind(t, 1, 6, true, false);
    bind(t, 2, 7, false, true);
    bind(t, 3, 8, true, true);
    static const uint16_t pairs[][2] = {
        {10, 30}, {30, 10}, {64, 65}, {65, 64}, {100, 20}, {20, 100}, {1, 2}, {17, 16},
        {W, 2 * W}, {2 * W, W}, {3 * W + 1, 1}, {1, 3 * W + 1}, {500, 499}, {499, 500},
    };
    n = 0;
    for (unsigned c = 0; c < N_CH + 1; c++)
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
            struct in_frame *f = &t->in[n++];
            f->kind = c == N_CH;    /* the last round: host frames for session 8 */
            f->id = (uint16_t)(c == N_CH ? 8 : c);
            random_frame(t, f, pairs[i][0]);
            f->tuser_len = pairs[i][1];
        }
    t->chan_bound[1] = false;       /* channel 1's frames punted as they came */
    if (!run_phase(t, "directed: s_tuser_len not the frame's length", n))
        return false;
    /* COMMIT of a session in the very cycle its frame takes its Ns: one
     * frame per session per round, sequenced sessions */
    for (unsigned round = 0; round < 8; round++) {
        for (unsigned c = 0; c < N_CH; c++)
            bind(t, c, 20 + c, true, round & 1);
        for (n = 0; n < N_CH; n++) {
            struct in_frame *f = &t->in[n];
            f->kind = 0;
            f->id = (uint16_t)n;
            random_frame(t, f, (uint16_t)(1 + rnd32(t) % 200));
        }
        t->gap_pct = round * 10;
        t->bp_net_pct = round * 5;
        t->commits_in_traffic = false;
        t->commit_on_look = true;
        bool ok = run_phase(t, "directed: COMMIT in the cycle a frame takes its Ns", n);
        t->commit_on_look = false;
        if (!ok)
            return false;
    }
    return true;
}

/* Back-to-back frames on every header variant, no gaps or backpressure:
 * from the first beat out to the last, m_net may be idle only as long as
 * the frames' last partial beats cost (none: they are whole beats here). */
static bool throughput(struct tb *t)
{
    bind(t, 0, 5, false, false);
    bind(t, 1, 6, true, false);
    bind(t, 2, 7, false, true);
    bind(t, 3, 8, true, true);
    static const uint16_t sizes[] = {64, 512, 1500, 0};
    static const uint16_t imix[12] = {64, 64, 64, 64, 64, 64, 64, 570, 570, 570, 570, 1500};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k] == 1500 ? 200 : 400;
        for (size_t i = 0; i < n; i++) {
            struct in_frame *f = &t->in[i];
            f->kind = 0;
            f->id = (uint16_t)(i % N_CH);
            random_frame(t, f, sizes[k] ? sizes[k] : imix[i % 12]);
        }
        t->gap_pct = t->bp_net_pct = t->bp_punt_pct = 0;
        t->commits_in_traffic = false;
        char name[64];
        snprintf(name, sizeof name, "back to back, PPP %s", sizes[k] == 64 ? "64" : sizes[k] == 512 ? "512"
                 : sizes[k] == 1500 ? "1500" : "IMIX");
        if (!run_phase(t, name, n))
            return false;
        uint64_t cycles = t->last_out - t->first_out + 1;
        printf("%s: DATA_W %d %-24s %6.3f PPP octets/cycle, %6.3f NET octets/cycle "
               "(%" PRIu64 " cycles, %" PRIu64 " with the frames' own beats)\n",
               BLOCK.name, W, name, (double)t->in_octets / (double)cycles,
               (double)t->out_octets / (double)cycles, cycles, t->out_beats_ideal);
        if (cycles != t->out_beats_ideal) {
            fprintf(stderr, "%s: %" PRIu64 " idle cycles between frames\n", name,
                    cycles - t->out_beats_ideal);
            return false;
        }
    }
    return true;
}

/* Random tables, frames, gaps and backpressure, in segments. */
static bool random_traffic(struct tb *t, uint64_t cycles)
{
    static const unsigned mixes[][3] = {
        {0, 0, 0}, {20, 10, 10}, {0, 50, 0}, {60, 0, 60}, {40, 40, 40}, {5, 90, 5}, {80, 5, 5},
    };
    for (unsigned seg = 0; t->c.cycle < cycles; seg++) {
        /* new tables: sessions 1..SESS_COMMIT_ONLY-1 random, channels random */
        for (unsigned s = 1; s < SESS_COMMIT_ONLY; s++)
            random_entry(t, s, !cosim_chance(&t->rng, 15), cosim_chance(&t->rng, 15));
        for (unsigned c = 0; c < N_CH; c++) {
            t->chan_bound[c] = !cosim_chance(&t->rng, 20);
            t->chan_sess[c] = (uint16_t)(1 + rnd32(t) % (SESS_COMMIT_ONLY - 1));
        }
        if (seg % 3 == 0 && !commit_all(t))
            return false;
        size_t n = 50 + rnd32(t) % 150;
        for (size_t i = 0; i < n; i++) {
            struct in_frame *f = &t->in[i];
            f->kind = cosim_chance(&t->rng, 15);
            if (f->kind)
                f->id = (uint16_t)(cosim_chance(&t->rng, 5) ? rnd32(t) : rnd32(t) % SESS_COMMIT_ONLY);
            else
                f->id = (uint16_t)(cosim_chance(&t->rng, 3) ? rnd32(t) & 0xFFFF : rnd32(t) % N_CH);
            unsigned r = rnd32(t) % 100;
            uint16_t len = (uint16_t)(r < 40 ? 1 + rnd32(t) % 64 : r < 80 ? 1 + rnd32(t) % 600
                                                                         : 1 + rnd32(t) % MAX_PPP);
            random_frame(t, f, len);
            if (cosim_chance(&t->rng, 3))
                f->tuser_len = (uint16_t)(1 + rnd32(t) % MAX_PPP);
        }
        const unsigned *m = mixes[seg % (sizeof mixes / sizeof mixes[0])];
        t->gap_pct = m[0];
        t->bp_net_pct = m[1];
        t->bp_punt_pct = m[2];
        t->commits_in_traffic = true;
        char name[64];
        snprintf(name, sizeof name, "random %u, gap %u%% bp %u%%/%u%%", seg, m[0], m[1], m[2]);
        if (!run_phase(t, name, n))
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
    t->rng = args.seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    t->in = calloc(1024, sizeof *t->in);
    t->qnet.e = calloc(QMAX, sizeof *t->qnet.e);
    t->qpunt.e = calloc(QMAX, sizeof *t->qpunt.e);
    if (!t->in || !t->qnet.e || !t->qpunt.e)
        return 1;
    if (!cosim_init_engines(&t->c, &BLOCK, COSIM_RTL_OPS(COSIM_BLOCK), &model_ops, &args,
                            stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", DATA_W %d, N_CH %d, SESS_AW %d\n", BLOCK.name, args.seed, W, N_CH,
           SESS_AW);

    bool ok = reset(t) && commit_all(t);
    ok = ok && directed(t);
    ok = ok && throughput(t);
    ok = ok && random_traffic(t, args.cycles);
    if (ok) {
        printf("%s: frames encapsulated %" PRIu64 " (%" PRIu64 " with a wrong length), punted %"
               PRIu64 ", dropped %" PRIu64 "\n", BLOCK.name, t->frames_net, t->n_mismatch,
               t->frames_punt, t->n_drop);
        /* Last, junk on every input with reset pulses: only agreement counts. */
        ok = cosim_chaos(&t->c, args.cycles / 20, &t->rng, 5);
    }
    if (ok)
        cosim_print_speed(&t->c, stdout);
    uint64_t total = t->c.cycle;
    cosim_free(&t->c);
    free(t->in);
    free(t->qnet.e);
    free(t->qpunt.e);
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
