/* Lockstep test of the whole card: hw/l2tp_card_core.sv against
 * model/l2tp_card_core.c, built once per DATA_W (CORE_COSIM_DATA_W 8 or
 * 16), N_CH 4, SESS_AW 6. Every output of the card is compared every cycle.
 *
 * The testbench plays the host driver on the register bus (CTRL, DP and
 * session programming exactly as driver/card_session.c does it: staging
 * words, INDEX, CMD, wait while BUSY, READ back and compare), the NET wire,
 * four ACCESS lines and the shell's inject stream, with random valid gaps
 * and random backpressure on every output.
 *
 * Independent check against host/proto (the testbench's own copy of the
 * session table, not the model):
 *  - every frame on m_net is byte-equal to net_udp_encode + l2tp_header_encode
 *    of a PPP frame that entered on a bound channel (or was injected for a
 *    session, or is an injected raw frame), in order per source, Ns
 *    consecutive per session;
 *  - every channel's octets are frames byte-equal to hdlc_encode of a PPP
 *    frame that NET delivered to the channel's session (FF 03 put in front
 *    when missing, RFC 1661 §6.6) or the host injected for the channel;
 *  - every punt frame is a NET frame sent (whole: control, not for us,
 *    unknown session), the PPP payload of a host-bound session's data, or
 *    a PPP frame of an unbound channel, with its reason, session, channel.
 * Frames may be missing (drops are the card's right: full FIFOs, a session
 * cleared under traffic) but never reordered, altered or invented. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_build_id.h"
#include "card_regs.h"
#include "cosim.h"
#include "cosim_args.h"
#include "hdlc.h"
#include "l2tp_card_core.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_headers.h"

#ifndef CORE_COSIM_DATA_W
#error "define CORE_COSIM_DATA_W (the RTL's DATA_W)"
#endif
#define W CORE_COSIM_DATA_W

/* the Verilated core's N_CH and SESS_AW (tests/cosim/l2tp_card_core.mk) */
#ifndef CORE_COSIM_N_CH
#define CORE_COSIM_N_CH 4
#endif
#ifndef CORE_COSIM_SESS_AW
#define CORE_COSIM_SESS_AW 6
#endif
#if CORE_COSIM_N_CH == 4
#define COSIM_BLOCK COSIM_CAT(l2tp_card_core_w, CORE_COSIM_DATA_W)
#else       /* l2tp_card_core_w<W>_n<N_CH> */
#define COSIM_BLOCK                                                                               \
    COSIM_CAT(COSIM_CAT(COSIM_CAT(l2tp_card_core_w, CORE_COSIM_DATA_W), _n), CORE_COSIM_N_CH)
#endif
#define COSIM_PORTS_DEF "l2tp_card_core_ports.def"
#include "cosim_io_struct.h"
#include "cosim_port_table.h"

typedef struct COSIM_CAT(COSIM_BLOCK, _io) io_t;
#define BLOCK COSIM_CAT(COSIM_BLOCK, _block)
#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops COSIM_CAT(COSIM_BLOCK, _rtl_ops);
#endif

#define N_CH CORE_COSIM_N_CH
#define N_SESS (1u << CORE_COSIM_SESS_AW)
#define MAX_PPP 400
#define MAX_NET 2048       /* the frame FIFO case sends frames near this size */
#define LIST_MAX 200000
#define DEFAULT_CYCLES 1000000u

/* ACCESS lane c of s_acc_tdata / m_acc_tdata: octet c of the port, one
 * integer or 32-bit words least significant first, both little-endian as
 * the hosts this runs on (Verilator's layout too). */
static uint8_t lane_get(const void *port, unsigned c)
{
    return ((const uint8_t *)port)[c];
}

static void lane_set(void *port, unsigned c, uint8_t v)
{
    ((uint8_t *)port)[c] = v;
}

/* ------------------------------------------------------------------ */
/* The model as a cosim engine (port struct <-> the model's structs)   */
/* ------------------------------------------------------------------ */

#if W <= 8
static void put_octets(uint64_t *port, const uint8_t *b)
{
    *port = 0;
    for (unsigned i = 0; i < W; i++)
        *port |= (uint64_t)b[i] << (8 * i);
}
static void get_octets(const uint64_t *port, uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        b[i] = (uint8_t)(*port >> (8 * i));
}
#else
static void put_octets(uint32_t (*port)[W / 4], const uint8_t *b)
{
    for (unsigned i = 0; i < W / 4; i++)
        (*port)[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8
                     | (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24;
}
static void get_octets(const uint32_t (*port)[W / 4], uint8_t *b)
{
    for (unsigned i = 0; i < W; i++)
        b[i] = (uint8_t)((*port)[i / 4] >> (8 * (i % 4)));
}
#endif

static void *model_create(void)
{
    struct l2tp_card_core *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    struct l2tp_card_core_params p = l2tp_card_core_default_params(W);
    p.n_ch = N_CH;
    p.sess_aw = CORE_COSIM_SESS_AW;
    struct proto_error err = {0};
    if (l2tp_card_core_init(m, &p, &err) != PROTO_OK) {
        fprintf(stderr, "model init: %s: %s\n", err.field, err.detail);
        free(m);
        return NULL;
    }
    return m;
}

static void model_destroy(void *impl)
{
    l2tp_card_core_free(impl);
    free(impl);
}

static void model_eval(void *impl, void *iov)
{
    struct l2tp_card_core *m = impl;
    io_t *io = iov;
    struct l2tp_card_core_in in = {0};
    struct l2tp_card_core_out out;
    in.rst = io->rst;
    get_octets(&io->s_net_tdata, in.s_net_tdata);
    in.s_net_tkeep = (uint32_t)io->s_net_tkeep;
    in.s_net_tvalid = io->s_net_tvalid;
    in.s_net_tlast = io->s_net_tlast;
    in.m_net_tready = io->m_net_tready;
    for (unsigned c = 0; c < N_CH; c++) {
        in.s_acc_tdata[c] = lane_get(&io->s_acc_tdata, c);
        in.s_acc_tvalid[c] = (io->s_acc_tvalid >> c) & 1u;
        in.m_acc_tready[c] = (io->m_acc_tready >> c) & 1u;
    }
    in.m_punt_tready = io->m_punt_tready;
    get_octets(&io->s_inject_tdata, in.s_inject_tdata);
    in.s_inject_tkeep = (uint32_t)io->s_inject_tkeep;
    in.s_inject_tvalid = io->s_inject_tvalid;
    in.s_inject_tlast = io->s_inject_tlast;
    in.s_inject_tuser_kind = (uint8_t)io->s_inject_tuser_kind;
    in.s_inject_tuser_target = (uint16_t)io->s_inject_tuser_target;
    in.s_inject_tuser_len = (uint16_t)io->s_inject_tuser_len;
    in.reg_wr_en = io->reg_wr_en;
    in.reg_rd_en = io->reg_rd_en;
    in.reg_addr = (uint16_t)io->reg_addr;
    in.reg_wdata = (uint32_t)io->reg_wdata;
    in.dma_error = io->dma_error;
    in.shell_cnt_punt_frames = io->shell_cnt_punt_frames;
    in.shell_cnt_punt_ring_full = io->shell_cnt_punt_ring_full;
    in.shell_cnt_punt_too_long = io->shell_cnt_punt_too_long;
    in.shell_cnt_inject_frames = io->shell_cnt_inject_frames;
    in.shell_cnt_inject_bad_desc = io->shell_cnt_inject_bad_desc;
    l2tp_card_core_eval(m, &in, &out);
    io->s_net_tready = out.s_net_tready;
    put_octets(&io->m_net_tdata, out.m_net_tdata);
    io->m_net_tkeep = out.m_net_tkeep;
    io->m_net_tvalid = out.m_net_tvalid;
    io->m_net_tlast = out.m_net_tlast;
    io->s_acc_tready = 0;
    memset(&io->m_acc_tdata, 0, sizeof io->m_acc_tdata);
    io->m_acc_tvalid = 0;
    for (unsigned c = 0; c < N_CH; c++) {
        io->s_acc_tready |= (uint64_t)out.s_acc_tready[c] << c;
        lane_set(&io->m_acc_tdata, c, out.m_acc_tdata[c]);
        io->m_acc_tvalid |= (uint64_t)out.m_acc_tvalid[c] << c;
    }
    put_octets(&io->m_punt_tdata, out.m_punt_tdata);
    io->m_punt_tkeep = out.m_punt_tkeep;
    io->m_punt_tvalid = out.m_punt_tvalid;
    io->m_punt_tlast = out.m_punt_tlast;
    io->m_punt_tuser_reason = out.m_punt_tuser_reason;
    io->m_punt_tuser_session = out.m_punt_tuser_session;
    io->m_punt_tuser_channel = out.m_punt_tuser_channel;
    io->m_punt_tuser_kind = out.m_punt_tuser_kind;
    io->s_inject_tready = out.s_inject_tready;
    io->reg_rdata = out.reg_rdata;
    io->reg_rd_valid = out.reg_rd_valid;
}

static void model_tick(void *impl)
{
    l2tp_card_core_tick(impl);
}

static const struct cosim_engine_ops model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

/* ------------------------------------------------------------------ */
/* Testbench state                                                     */
/* ------------------------------------------------------------------ */

/* A frame the testbench expects may come out: its bytes and where. */
struct item {
    uint8_t *b;
    uint16_t len;
    uint16_t sess;          /* session index (m_net: for the Ns check) */
    uint32_t accm;          /* channel items: the ACCM the framer escapes */
    bool fcs32;
};

struct list {
    struct item *it;
    size_t n, cur;          /* cur: the next one that may still come */
};

struct sess {
    bool valid;
    uint32_t w[14];         /* ENT_FLAGS .. ENT_RX_ACCM as committed */
    uint32_t old_w[14];     /* the version before (frames in flight may use it) */
    uint16_t nr_next;       /* Ns of the next data frame the test sends */
    int32_t last_ns;        /* the last Ns seen on m_net (-1: none yet) */
    bool ns_reset;          /* a COMMIT took effect: Ns may restart at 0 */
};

struct regop {
    uint8_t kind;           /* 0 idle, 1 write, 2 read and check, 3 read into store[data] */
    uint16_t addr;
    uint32_t data;
    uint16_t commit_sess;   /* CMD COMMIT of this session (0: none) */
};

/* A stream the testbench feeds (NET, inject): frames of octets. */
struct feed {
    uint8_t buf[MAX_NET];
    size_t len, pos;
    bool active;
    uint8_t kind;           /* inject: tuser_kind */
    uint16_t target;
    uint16_t user_len;      /* inject: tuser_len when not len (0: len) */
};

struct acc_feed {
    uint8_t buf[2 * MAX_PPP + 16];
    size_t len, pos;
};

struct tb {
    struct cosim c;
    uint64_t rng;
    struct sess sess[N_SESS];
    struct regop ops[4096];
    size_t op_head, op_tail;
    bool rd_pending;
    uint32_t rd_expect;
    bool rd_check;
    struct feed net, inj;
    /* directed frames waiting for their stream (taken before random ones) */
    struct feed netq[16], injq[16];
    size_t netq_n, injq_n;
    struct acc_feed accq[N_CH][8];
    size_t accq_n[N_CH];
    /* CNT slots the NET frames sent must add (regmap CNT, slot k at 0x40 + 4k) */
    uint32_t tally[CORE_CNT_SLOTS];
    uint32_t store[8];
    /* latency probe: cycles of the first/last handshakes of one frame */
    bool probe;
    uint64_t net_first_in, acc_first_out, acc_last_in, net_first_out;
    /* throughput: NET octets in and out during a window */
    uint64_t net_in_octets, net_out_octets, acc_out_octets;
    bool rd_store;
    struct acc_feed acc[N_CH];
    /* what may come out */
    struct list net_out[N_CH + 2];  /* per channel; N_CH: inject session; N_CH+1: inject raw */
    struct list ch_out[N_CH];       /* NET frames delivered to channel c */
    struct list ch_inj[N_CH];       /* injected PPP for channel c */
    struct list punt_net;           /* whole NET frames punted */
    struct list punt_ppp;           /* PPP of host-bound sessions */
    struct list punt_chan[N_CH];    /* PPP of an unbound channel */
    /* assembly of what came out */
    uint8_t net_rx[MAX_NET * 2], punt_rx[MAX_NET * 2];
    size_t net_rx_len, punt_rx_len;
    uint8_t acc_rx[N_CH][4 * MAX_PPP];
    size_t acc_rx_len[N_CH];
    uint64_t n_net, n_acc, n_punt, n_ppp_in, n_net_in, n_soft_resets;
    /* knobs of the current phase */
    unsigned gap_pct, bp_pct;
    bool hold_net, hold_punt;       /* m_net / m_punt tready held low */
    bool traffic;
};

static uint32_t rnd32(struct tb *t) { return (uint32_t)cosim_rand(&t->rng); }

static bool fail(struct tb *t, const char *what)
{
    fprintf(stderr, "cycle %" PRIu64 ": %s\n", t->c.cycle, what);
    return false;
}

static void list_push(struct list *l, const uint8_t *b, size_t len, uint16_t sess, uint32_t accm,
                      bool fcs32)
{
    if (l->n == LIST_MAX) {            /* forget the oldest half: a long run */
        size_t keep = LIST_MAX / 2;
        size_t from = l->n - keep;
        for (size_t i = 0; i < from; i++)
            free(l->it[i].b);
        memmove(l->it, l->it + from, keep * sizeof *l->it);
        l->n = keep;
        l->cur = l->cur > from ? l->cur - from : 0;
    }
    if (!l->it)
        l->it = calloc(LIST_MAX, sizeof *l->it);
    struct item *i = &l->it[l->n++];
    i->b = malloc(len ? len : 1);
    memcpy(i->b, b, len);
    i->len = (uint16_t)len;
    i->sess = sess;
    i->accm = accm;
    i->fcs32 = fcs32;
}

static void list_free(struct list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->it[i].b);
    free(l->it);
    memset(l, 0, sizeof *l);
}

/* Finds the next item equal to b (skipping items the card dropped). */
static struct item *list_match(struct list *l, const uint8_t *b, size_t len)
{
    for (size_t i = l->cur; i < l->n; i++)
        if (l->it[i].len == len && memcmp(l->it[i].b, b, len) == 0) {
            l->cur = i + 1;
            return &l->it[i];
        }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Register programming, as the driver does it                         */
/* ------------------------------------------------------------------ */

static void op(struct tb *t, uint8_t kind, uint16_t addr, uint32_t data)
{
    t->ops[t->op_tail++ % 4096] = (struct regop){kind, addr, data, 0};
}

static uint16_t sess_reg(unsigned off) { return (uint16_t)(CARD_BLK_SESS_BASE + off); }

/* driver/card_session.c: staging words, INDEX, CMD; then the driver polls
 * STATUS until BUSY clears (three cycles at most, hw/ARCHITECTURE.md). */
static void sess_cmd(struct tb *t, unsigned idx, uint32_t cmd)
{
    op(t, 1, sess_reg(CARD_SESS_INDEX), idx);
    op(t, 1, sess_reg(CARD_SESS_CMD), cmd);
    if ((cmd & 0xFFu) == CARD_SESS_CMD_COMMIT)
        t->ops[(t->op_tail - 1) % 4096].commit_sess = (uint16_t)idx;
    for (int i = 0; i < 4; i++)
        op(t, 0, 0, 0);
}

static void commit(struct tb *t, unsigned idx, const uint32_t *w, uint32_t seq, bool zero)
{
    for (unsigned k = 0; k < 14; k++)
        op(t, 1, sess_reg(CARD_SESS_ENT_FLAGS + 4 * k), w[k]);
    op(t, 1, sess_reg(CARD_SESS_ENT_SEQ), seq);
    sess_cmd(t, idx, CARD_SESS_CMD_COMMIT | (zero ? CARD_SESS_CMD_ZERO_COUNTERS : 0));
    t->sess[idx].valid = (w[0] & ENT_FLAG_VALID) != 0;
    memcpy(t->sess[idx].old_w, t->sess[idx].w, sizeof t->sess[idx].w);
    memcpy(t->sess[idx].w, w, sizeof t->sess[idx].w);
}

/* READ, then every static word read back against the testbench's copy. */
static void read_back(struct tb *t, unsigned idx)
{
    sess_cmd(t, idx, CARD_SESS_CMD_READ);
    for (unsigned k = 0; k < 14; k++) {
        uint32_t v = t->sess[idx].w[k];
        if (k == 0 && !t->sess[idx].valid)
            v &= ~ENT_FLAG_VALID;
        op(t, 2, sess_reg(CARD_SESS_ENT_FLAGS + 4 * k), v);
    }
}

static void clear_sess(struct tb *t, unsigned idx)
{
    sess_cmd(t, idx, CARD_SESS_CMD_CLEAR);
    t->sess[idx].valid = false;
}

/* The testbench's sessions: the seed's LAC session (channel 0, session 7
 * of tunnel 17688 toward 10.51.6.82, peer IDs 55270/45), three more
 * channel-bound ones with other FCS/ACCM/sequencing/VLAN choices, and two
 * host-bound (LNS) sessions, the seed's 45 among them. */
static void make_entry(uint32_t *w, unsigned idx, uint16_t tunnel, uint16_t peer_tunnel,
                       uint16_t peer_sess, bool host, unsigned ch, uint32_t flags)
{
    memset(w, 0, 14 * sizeof *w);
    w[ENT_WORD_FLAGS] = ENT_FLAG_VALID | (host ? ENT_FLAG_BIND_HOST : 0) | flags;
    w[ENT_WORD_LOCAL_IDS] = (uint32_t)tunnel << 16 | idx;
    w[ENT_WORD_PEER_IDS] = (uint32_t)peer_tunnel << 16 | peer_sess;
    w[ENT_WORD_BINDING] = 1500u << 16 | ch;
    w[ENT_WORD_LOCAL_MAC_HI] = 0x0002;
    w[ENT_WORD_LOCAL_MAC_LO] = 0xB3000001u;
    w[ENT_WORD_PEER_MAC_HI] = 0x0050;
    w[ENT_WORD_PEER_MAC_LO] = 0x56000000u | idx;
    w[ENT_WORD_LOCAL_IP] = 0x0A330644u;        /* 10.51.6.68: the seed's LAC */
    w[ENT_WORD_PEER_IP] = 0x0A330652u;         /* 10.51.6.82 */
    w[ENT_WORD_UDP_PORTS] = (uint32_t)L2TP_UDP_PORT << 16 | L2TP_UDP_PORT;
    w[ENT_WORD_TTL_VLAN] = 255u | (flags & ENT_FLAG_VLAN ? 0x0064u << 16 : 0);
    w[ENT_WORD_TX_ACCM] = (flags & ENT_FLAG_FCS32) ? 0x000A0000u : 0;
    w[ENT_WORD_RX_ACCM] = 0;
}

static const struct {
    unsigned idx, ch;
    bool host;
    uint16_t tunnel, peer_tunnel, peer_sess;
    uint32_t flags;
} SESSIONS[] = {
    {7, 0, false, 17688, 55270, 45, 0},
    {12, 1, false, 17688, 55270, 46, ENT_FLAG_FCS32 | ENT_FLAG_SEQ_TX | ENT_FLAG_SEQ_RX},
    {13, 2, false, 17688, 55270, 47, ENT_FLAG_VLAN | ENT_FLAG_SEQ_TX},
    {14, 3, false, 4000, 4001, 48, ENT_FLAG_SEQ_RX},
    {45, 0, true, 55270, 17688, 7, 0},
    {46, 0, true, 55270, 17688, 9, ENT_FLAG_SEQ_TX | ENT_FLAG_SEQ_RX},
#if N_CH > 4
    /* with more lines, a session on each line c >= 4, at indices spread
     * over 200 .. N_SESS - 1 (SESS_AW > 6), FCS, sequencing and VLAN mixed */
#define CH_SESS(c)                                                                                \
    {(c) * 29u % (N_SESS - 200u) + 200u, (c), false, 17688, 55270, (uint16_t)(300 + (c)),         \
     ((c) % 4 == 1 ? ENT_FLAG_FCS32 : 0u) | ((c) % 3 == 0 ? ENT_FLAG_SEQ_TX | ENT_FLAG_SEQ_RX : 0u) \
         | ((c) % 5 == 2 ? ENT_FLAG_VLAN : 0u)},
#define CH_SESS4(c) CH_SESS(c) CH_SESS((c) + 1) CH_SESS((c) + 2) CH_SESS((c) + 3)
    CH_SESS4(4) CH_SESS4(8) CH_SESS4(12) CH_SESS4(16) CH_SESS4(20) CH_SESS4(24) CH_SESS4(28)
#undef CH_SESS4
#undef CH_SESS
#endif
};
_Static_assert(N_CH == 4 || N_CH == 32, "the session list covers N_CH 4 and 32");
#define N_SESSIONS (sizeof SESSIONS / sizeof SESSIONS[0])

static void program(struct tb *t)
{
    op(t, 1, CARD_BLK_DP_BASE + CARD_DP_LOCAL_IP, 0x0A330644u);
    /* the reset policy plus MATCH_LOCAL_IP: frames to other addresses are
     * not for us (punted), so NET_RX_OTHER_IP is exercised too */
    op(t, 1, CARD_BLK_DP_BASE + CARD_DP_POLICY, 0x1Bu);
    op(t, 1, CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL, CARD_CTRL_ENABLE);
    for (size_t i = 0; i < N_SESSIONS; i++) {
        uint32_t w[14];
        make_entry(w, SESSIONS[i].idx, SESSIONS[i].tunnel, SESSIONS[i].peer_tunnel,
                   SESSIONS[i].peer_sess, SESSIONS[i].host, SESSIONS[i].ch, SESSIONS[i].flags);
        commit(t, SESSIONS[i].idx, w, 0, true);
        t->sess[SESSIONS[i].idx].nr_next = 0;
        read_back(t, SESSIONS[i].idx);
    }
}

/* Channel c's session index, 0 when unbound. */
static unsigned chan_sess(const struct tb *t, unsigned c)
{
    for (size_t i = 0; i < N_SESSIONS; i++) {
        unsigned s = SESSIONS[i].idx;
        if (!SESSIONS[i].host && SESSIONS[i].ch == c && t->sess[s].valid)
            return s;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Frames in                                                           */
/* ------------------------------------------------------------------ */

static size_t random_ppp(struct tb *t, uint8_t *b)
{
    size_t len = cosim_range(&t->rng, 4, cosim_chance(&t->rng, 10) ? MAX_PPP - 8 : 80);
    for (size_t i = 0; i < len; i++)
        b[i] = (uint8_t)rnd32(t);
    if (cosim_chance(&t->rng, 50)) {
        b[0] = 0xFF;
        b[1] = 0x03;
    } else if (b[0] == 0xFF) {
        b[0] = 0x21;
    }
    if (cosim_chance(&t->rng, 20))          /* octets the framer must escape */
        for (size_t i = 0; i < len; i += 3)
            b[i] = (uint8_t)(cosim_chance(&t->rng, 50) ? 0x7E : rnd32(t) & 0x1F);
    return len;
}

/* An L2TP frame from the peer (10.51.6.82) to us: data for session sid of
 * tunnel tid, or a control message. */
static bool l2tp_frame(struct tb *t, bool control, uint16_t tid, uint16_t sid, bool seq,
                       uint16_t ns, const uint8_t *ppp, size_t len, uint16_t dport,
                       uint8_t *out, size_t *out_len)
{
    struct l2tp_header h = {
        .is_control = control, .has_length = control || cosim_chance(&t->rng, 30),
        .has_sequence = control || seq, .has_offset = !control && cosim_chance(&t->rng, 20),
        .version = L2TP_VERSION, .tunnel_id = tid, .session_id = sid, .ns = ns, .nr = 0,
    };
    h.offset_size = h.has_offset ? (uint16_t)cosim_range(&t->rng, 0, 5) : 0;
    uint8_t payload[MAX_PPP + 32];
    size_t hl;
    struct proto_error err = {0};
    if (l2tp_header_encode(&h, len, payload, sizeof payload, &hl, &err) != PROTO_OK)
        return fail(t, "l2tp_header_encode");
    memcpy(payload + hl, ppp, len);
    struct net_udp_packet p = {
        .dst_mac = {0x00, 0x02, 0xB3, 0x00, 0x00, 0x01},
        .src_mac = {0x00, 0x50, 0x56, 0x00, 0x00, 0x99},
        .has_vlan = cosim_chance(&t->rng, 20), .vlan_tci = 100,
        .ip_ttl = 64, .ip_frag = IPV4_FLAG_DF,
        .ip_src = 0x0A330652u, .ip_dst = 0x0A330644u,
        .udp_src = L2TP_UDP_PORT, .udp_dst = dport,
    };
    if (net_udp_encode(&p, payload, hl + len, out, MAX_NET, out_len, &err) != PROTO_OK)
        return fail(t, "net_udp_encode");
    return true;
}

static bool net_frame_raw(const uint8_t *l2tp, size_t len, uint8_t *out, size_t *out_len);

/* RFC 791 header checksum recomputed after a change to the header. */
static void fix_ip_checksum(uint8_t *h, unsigned ihl)
{
    h[10] = h[11] = 0;
    uint16_t ck = inet_checksum(h, ihl);
    h[10] = (uint8_t)(ck >> 8);
    h[11] = (uint8_t)ck;
}

/* The next NET frame and what it must become. */
static bool next_net(struct tb *t)
{
    uint8_t ppp[MAX_PPP];
    size_t len = random_ppp(t, ppp);
    struct feed *f = &t->net;
    unsigned pick = (unsigned)cosim_range(&t->rng, 0, 99);
    size_t i = cosim_range(&t->rng, 0, N_SESSIONS - 1);
    unsigned s = SESSIONS[i].idx;
    struct sess *se = &t->sess[s];
    uint16_t tunnel = SESSIONS[i].tunnel;
    f->pos = 0;
    f->active = true;
    t->n_net_in++;
    if (pick < 70) {                       /* data for one of our sessions */
        if (!se->valid)
            t->tally[CNT_REASON_SESS_UNKNOWN]++;
        bool seq = (se->w[0] & ENT_FLAG_SEQ_RX) ? true : cosim_chance(&t->rng, 30);
        if (!l2tp_frame(t, false, tunnel, (uint16_t)s, seq, se->nr_next, ppp, len,
                        L2TP_UDP_PORT, f->buf, &f->len))
            return false;
        if (seq)
            se->nr_next++;
        /* cleared sessions punt as unknown; which one wins is timing */
        list_push(&t->punt_net, f->buf, f->len, PUNT_UNKNOWN_SESSION, 0, false);
        if (SESSIONS[i].host) {
            list_push(&t->punt_ppp, ppp, len, (uint16_t)s, 0, false);
        } else {
            uint8_t acf[MAX_PPP + 2] = {0xFF, 0x03};
            size_t n = len;
            const uint8_t *d = ppp;
            if (ppp[0] != 0xFF) {           /* RFC 1661 §6.6: ACF put back */
                memcpy(acf + 2, ppp, len);
                d = acf;
                n = len + 2;
            }
            list_push(&t->ch_out[SESSIONS[i].ch], d, n, (uint16_t)s, se->w[ENT_WORD_TX_ACCM],
                      (se->w[0] & ENT_FLAG_FCS32) != 0);
        }
    } else if (pick < 80) {                /* control message: punted untouched */
        if (!l2tp_frame(t, true, tunnel, 0, true, 0, ppp, len, L2TP_UDP_PORT, f->buf, &f->len))
            return false;
        list_push(&t->punt_net, f->buf, f->len, PUNT_CONTROL, 0, false);
    } else if (pick < 86) {                /* not for us: another UDP port, punted */
        if (!l2tp_frame(t, false, tunnel, (uint16_t)s, false, 0, ppp, len, 1702, f->buf, &f->len))
            return false;
        list_push(&t->punt_net, f->buf, f->len, PUNT_NOT_FOR_US, 0, false);
        t->tally[NET_RX_REASON_OTHER_PORT]++;
        return true;
    } else if (pick < 90) {                /* unknown session: punted */
        if (!l2tp_frame(t, false, tunnel, 30, false, 0, ppp, len, L2TP_UDP_PORT, f->buf, &f->len))
            return false;
        list_push(&t->punt_net, f->buf, f->len, PUNT_UNKNOWN_SESSION, 0, false);
        t->tally[CNT_REASON_SESS_UNKNOWN]++;
    } else if (pick < 93) {                /* wrong tunnel: dropped */
        if (!l2tp_frame(t, false, (uint16_t)(tunnel + 1), (uint16_t)s, false, 0, ppp, len,
                        L2TP_UDP_PORT, f->buf, &f->len))
            return false;
        /* a session cleared meanwhile makes it unknown: punted */
        list_push(&t->punt_net, f->buf, f->len, PUNT_UNKNOWN_SESSION, 0, false);
        t->tally[se->valid ? CNT_REASON_SESS_WRONG_TUNNEL : CNT_REASON_SESS_UNKNOWN]++;
    } else {                               /* malformed or not IPv4 (policy: dropped / punted) */
        if (!l2tp_frame(t, false, tunnel, (uint16_t)s, false, 0, ppp, len, L2TP_UDP_PORT,
                        f->buf, &f->len))
            return false;
        size_t ip = (f->buf[12] == 0x81) ? 18 : 14;
        uint8_t *h = f->buf + ip;
        const unsigned ihl = (h[0] & 15u) * 4;
        unsigned kind = (unsigned)cosim_range(&t->rng, 0, 12);
        if (kind == 10 || kind == 11) {     /* these two start from a control message */
            if (!l2tp_frame(t, true, tunnel, 0, true, 0, ppp, len, L2TP_UDP_PORT, f->buf,
                            &f->len))
                return false;
            ip = (f->buf[12] == 0x81) ? 18 : 14;
            h = f->buf + ip;
        }
        uint8_t *l2 = h + ihl + 8;
        switch (kind) {
        case 0:                             /* RFC 791 header checksum wrong */
            h[10] ^= 0x55;
            t->tally[NET_RX_REASON_BAD_IPV4_CHECKSUM]++;
            return true;
        case 1:                             /* a fragment (MF): punted */
            h[6] |= 0x20;
            fix_ip_checksum(h, ihl);
            list_push(&t->punt_net, f->buf, f->len, PUNT_FRAGMENT, 0, false);
            t->tally[NET_RX_REASON_FRAGMENT]++;
            return true;
        case 2:                             /* L2TP Ver 3 */
            l2[1] = (uint8_t)((l2[1] & 0xF0u) | 3u);
            t->tally[NET_RX_REASON_BAD_L2TP_VERSION]++;
            return true;
        case 3:                             /* not IPv4 (ARP's EtherType): punted */
            f->buf[ip - 2] = 0x08;
            f->buf[ip - 1] = 0x06;
            list_push(&t->punt_net, f->buf, f->len, PUNT_NOT_FOR_US, 0, false);
            t->tally[NET_RX_REASON_NON_IPV4]++;
            return true;
        case 4:                             /* a runt: cut below 60 octets */
            f->len = cosim_range(&t->rng, 14, 59);
            t->tally[NET_RX_REASON_RUNT]++;
            return true;
        case 5:                             /* TCP, not UDP: punted */
            h[9] = 6;
            fix_ip_checksum(h, ihl);
            list_push(&t->punt_net, f->buf, f->len, PUNT_NOT_FOR_US, 0, false);
            t->tally[NET_RX_REASON_NOT_UDP]++;
            return true;
        case 6:                             /* to another address (POLICY MATCH_LOCAL_IP): punted */
            h[19] = 99;
            fix_ip_checksum(h, ihl);
            list_push(&t->punt_net, f->buf, f->len, PUNT_NOT_FOR_US, 0, false);
            t->tally[NET_RX_REASON_OTHER_IP]++;
            return true;
        case 7:                             /* IPv4 Version 3 */
            h[0] = (uint8_t)(0x30u | (h[0] & 15u));
            fix_ip_checksum(h, ihl);
            t->tally[NET_RX_REASON_BAD_IPV4_HEADER]++;
            return true;
        case 8:                             /* Total Length past the frame's end */
            h[2] = 0x05;
            h[3] = 0xDC;
            fix_ip_checksum(h, ihl);
            t->tally[NET_RX_REASON_BAD_IPV4_LENGTH]++;
            return true;
        case 9:                             /* UDP Length shorter than its header */
            h[ihl + 4] = 0;
            h[ihl + 5] = 4;
            t->tally[NET_RX_REASON_BAD_UDP_LENGTH]++;
            return true;
        case 10:                            /* control message whose Length is one too many */
            l2[3] = (uint8_t)(l2[3] + 1);
            if (l2[3] == 0)
                l2[2]++;
            t->tally[NET_RX_REASON_BAD_L2TP_LENGTH]++;
            return true;
        case 11:                            /* control message with P (RFC 2661 §3.1) */
            l2[0] |= 0x01;
            t->tally[NET_RX_REASON_BAD_CONTROL_FLAGS]++;
            return true;
        default: {                          /* Offset Size past the message's end */
            uint8_t m[MAX_PPP + 8] = {0x02, 0x02, (uint8_t)(tunnel >> 8), (uint8_t)tunnel,
                                      (uint8_t)(s >> 8), (uint8_t)s, 0x04, 0x00};
            memcpy(m + 8, ppp, len);
            if (!net_frame_raw(m, len + 8, f->buf, &f->len))
                return fail(t, "net_frame_raw");
            t->tally[NET_RX_REASON_OFFSET_PAST_END]++;
            return true;
        }
        }
    }
    t->tally[NET_RX_REASON_NONE]++;
    return true;
}

/* The expected m_net frame for a PPP frame of session s (Ns filled in
 * when the frame comes out). */
static bool sw_encap(const uint32_t *e, uint16_t ns, const uint8_t *ppp, size_t len,
                     uint8_t *out, size_t *out_len)
{
    uint32_t flags = e[ENT_WORD_FLAGS];
    struct l2tp_header h = {
        .has_sequence = flags & ENT_FLAG_SEQ_TX, .version = L2TP_VERSION,
        .tunnel_id = (uint16_t)(e[ENT_WORD_PEER_IDS] >> 16),
        .session_id = (uint16_t)e[ENT_WORD_PEER_IDS], .ns = ns, .nr = 0,
    };
    uint8_t payload[MAX_PPP + 16];
    size_t hl;
    struct proto_error err = {0};
    if (l2tp_header_encode(&h, len, payload, sizeof payload, &hl, &err) != PROTO_OK)
        return false;
    memcpy(payload + hl, ppp, len);
    struct net_udp_packet p = {
        .has_vlan = flags & ENT_FLAG_VLAN, .vlan_tci = (uint16_t)(e[ENT_WORD_TTL_VLAN] >> 16),
        .ip_ttl = (uint8_t)e[ENT_WORD_TTL_VLAN], .ip_frag = IPV4_FLAG_DF,
        .ip_src = e[ENT_WORD_LOCAL_IP], .ip_dst = e[ENT_WORD_PEER_IP],
        .udp_src = (uint16_t)(e[ENT_WORD_UDP_PORTS] >> 16),
        .udp_dst = (uint16_t)e[ENT_WORD_UDP_PORTS],
    };
    for (unsigned i = 0; i < 2; i++) {
        p.dst_mac[i] = (uint8_t)(e[ENT_WORD_PEER_MAC_HI] >> (8 - 8 * i));
        p.src_mac[i] = (uint8_t)(e[ENT_WORD_LOCAL_MAC_HI] >> (8 - 8 * i));
    }
    for (unsigned i = 0; i < 4; i++) {
        p.dst_mac[2 + i] = (uint8_t)(e[ENT_WORD_PEER_MAC_LO] >> (24 - 8 * i));
        p.src_mac[2 + i] = (uint8_t)(e[ENT_WORD_LOCAL_MAC_LO] >> (24 - 8 * i));
    }
    return net_udp_encode(&p, payload, hl + len, out, MAX_NET, out_len, &err) == PROTO_OK;
}

/* The next user frame on ACCESS line c (HDLC, the session's FCS mode), or
 * a corrupted one (nearly always a bad FCS: counted, never leaves). */
static bool next_acc(struct tb *t, unsigned c)
{
    uint8_t ppp[MAX_PPP];
    size_t len = random_ppp(t, ppp);
    unsigned s = chan_sess(t, c);
    bool fcs32 = s && (t->sess[s].w[0] & ENT_FLAG_FCS32);
    struct hdlc_tx_config cfg = {.accm = 0xFFFFFFFFu, .fcs = fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                 .opening_flag = true};
    struct acc_feed *a = &t->acc[c];
    struct proto_error err = {0};
    if (hdlc_encode(&cfg, ppp, len, a->buf, sizeof a->buf, &a->len, &err) != PROTO_OK)
        return fail(t, "hdlc_encode");
    a->pos = 0;
    t->n_ppp_in++;
    if (cosim_chance(&t->rng, 3)) {
        a->buf[a->len / 2] ^= 0x01;         /* usually a bad FCS */
        if (a->buf[a->len / 2] == 0x7E || a->buf[a->len / 2] == 0x7D)
            a->buf[a->len / 2] = 0x55;
        /* Not always: a flip that undoes an escape (7D 34 -> 7C 34) changes
         * the frame's length, and the FCS (RFC 1662 §C) is only sure to
         * catch errors that keep it; seed 1 at N_CH 32 met such a frame
         * whose FCS-16 still checks. The line then carries a good frame
         * and the card must pass it on: ask host/proto's deframer. (No
         * unescaped control octet can arise from the flip, so the receive
         * ACCM does not matter.) */
        struct hdlc_rx_config rc = {.accm = 0, .fcs = cfg.fcs, .mru = MAX_PPP};
        uint8_t dec[MAX_PPP + 4];
        if (hdlc_decode(&rc, a->buf, a->len, dec, sizeof dec, &len, &err) != PROTO_OK)
            return true;
        memcpy(ppp, dec, len);
    }
    for (size_t i = 0; i < N_SESSIONS; i++)
        if (!SESSIONS[i].host && SESSIONS[i].ch == c)
            list_push(&t->net_out[c], ppp, len, (uint16_t)SESSIONS[i].idx, 0, false);
    list_push(&t->punt_chan[c], ppp, len, 0, 0, false);  /* if the channel is unbound by then */
    return true;
}

static bool next_inj(struct tb *t)
{
    struct feed *f = &t->inj;
    uint8_t ppp[MAX_PPP];
    size_t len = random_ppp(t, ppp);
    unsigned pick = (unsigned)cosim_range(&t->rng, 0, 99);
    f->pos = 0;
    f->active = true;
    f->user_len = 0;
    if (pick < 40) {                        /* PPP for a host-bound session (LNS) */
        unsigned s = cosim_chance(&t->rng, 50) ? 45 : 46;
        f->kind = CARD_INJECT_KIND_SESSION_PPP;
        f->target = (uint16_t)s;
        memcpy(f->buf, ppp, len);
        f->len = len;
        list_push(&t->net_out[N_CH], ppp, len, (uint16_t)s, 0, false);
    } else if (pick < 75) {                 /* PPP for a channel (LCP before the tunnel) */
        unsigned c = (unsigned)cosim_range(&t->rng, 0, N_CH - 1);
        unsigned s = chan_sess(t, c);
        f->kind = CARD_INJECT_KIND_CHANNEL_PPP;
        f->target = (uint16_t)c;
        memcpy(f->buf, ppp, len);
        f->len = len;
        list_push(&t->ch_inj[c], ppp, len, 0, 0xFFFFFFFFu,
                  s && (t->sess[s].w[0] & ENT_FLAG_FCS32));
    } else if (pick < 95) {                 /* a raw NET frame (control message) */
        f->kind = CARD_INJECT_KIND_NET;
        f->target = 0;
        if (!l2tp_frame(t, true, 55270, 0, true, 0, ppp, len, L2TP_UDP_PORT, f->buf, &f->len))
            return false;
        list_push(&t->net_out[N_CH + 1], f->buf, f->len, 0, 0, false);
    } else {                                /* a kind the card does not know */
        f->kind = 0;
        f->target = 0;
        memcpy(f->buf, ppp, len);
        f->len = len;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Frames out: the independent check                                   */
/* ------------------------------------------------------------------ */

static bool check_net_frame(struct tb *t, const uint8_t *b, size_t len)
{
    t->n_net++;
    if (list_match(&t->net_out[N_CH + 1], b, len))
        return true;                        /* a raw frame the host injected */
    /* An encapsulated PPP frame: rebuilt by the software encoders from the
     * testbench's copy of the entry, only Ns taken from the frame (and
     * checked to run on by one per session). */
    struct net_udp_packet p;
    struct proto_error err = {0};
    struct l2tp_header h;
    if (net_udp_decode(b, len, &p, &err) != PROTO_OK
        || l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err) != PROTO_OK)
        return fail(t, "m_net: a frame host/proto cannot decode");
    for (unsigned src = 0; src < N_CH + 1; src++) {
        struct list *l = &t->net_out[src];
        for (size_t i = l->cur; i < l->n; i++) {
            struct item *it = &l->it[i];
            struct sess *se = &t->sess[it->sess];
            uint8_t want[MAX_NET];
            size_t n;
            bool same = false;
            /* the entry as committed last, or the version before it (a
             * COMMIT under traffic: the frame may have been built first) */
            for (int v = 0; v < 2 && !same; v++) {
                if (!sw_encap(v ? se->old_w : se->w, h.ns, it->b, it->len, want, &n))
                    return fail(t, "sw_encap");
                same = n == len && memcmp(want, b, len) == 0;
            }
            if (!same)
                continue;
            if (h.has_sequence) {
                bool next = se->last_ns < 0 || h.ns == (uint16_t)(se->last_ns + 1);
                if (!next && !(se->ns_reset && h.ns == 0))
                    return fail(t, "m_net: Ns not consecutive for the session");
                if (h.ns == 0)
                    se->ns_reset = false;
                se->last_ns = h.ns;
            }
            l->cur = i + 1;
            return true;
        }
    }
    return fail(t, "m_net: a frame no source explains (software encoder disagrees)");
}

static bool check_punt_frame(struct tb *t, const io_t *o, const uint8_t *b, size_t len)
{
    t->n_punt++;
    unsigned reason = (unsigned)o->m_punt_tuser_reason, kind = (unsigned)o->m_punt_tuser_kind;
    if (kind == 0) {
        struct item *it = list_match(&t->punt_net, b, len);
        if (!it)
            return fail(t, "m_punt: a whole NET frame that was not sent (or out of order)");
        if (it->sess != reason)
            return fail(t, "m_punt: NET frame punted with the wrong reason");
        return true;
    }
    if (reason == PUNT_SESSION_PPP) {
        struct item *it = list_match(&t->punt_ppp, b, len);
        if (!it)
            return fail(t, "m_punt: host PPP frame that NET did not carry");
        if (it->sess != o->m_punt_tuser_session)
            return fail(t, "m_punt: host PPP frame with the wrong session");
        return true;
    }
    if (reason == PUNT_CHANNEL_PPP) {
        unsigned c = (unsigned)o->m_punt_tuser_channel;
        if (c >= N_CH || !list_match(&t->punt_chan[c], b, len))
            return fail(t, "m_punt: channel PPP frame the line did not carry");
        /* the same frame will not come on NET: move that cursor past it */
        return true;
    }
    return fail(t, "m_punt: unknown reason/kind");
}

/* Channel c's octets: 7E <frame> 7E per frame (flags never shared). */
static bool check_acc(struct tb *t, unsigned c)
{
    uint8_t *r = t->acc_rx[c];
    size_t n = t->acc_rx_len[c];
    if (n == 0)
        return true;
    if (r[0] != 0x7E)
        return fail(t, "ACCESS: a frame that does not open with a flag");
    if (n < 2 || r[n - 1] != 0x7E)
        return true;                         /* not complete yet */
    if (n == 2)
        return fail(t, "ACCESS: empty frame");
    t->n_acc++;
    for (int pass = 0; pass < 3; pass++) {
        struct list *l = pass ? &t->ch_inj[c] : &t->ch_out[c];
        for (size_t i = l->cur; i < l->n; i++) {
            struct item *it = &l->it[i];
            /* injected: the FCS mode of the channel when the frame went in */
            bool fcs32 = pass == 0 ? it->fcs32 : pass == 2;
            struct hdlc_tx_config cfg = {.accm = it->accm,
                                         .fcs = fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                         .opening_flag = true};
            uint8_t enc[2 * MAX_PPP + 16];
            size_t en;
            struct proto_error err = {0};
            if (hdlc_encode(&cfg, it->b, it->len, enc, sizeof enc, &en, &err) != PROTO_OK)
                return fail(t, "hdlc_encode");
            if (en == n && memcmp(enc, r, n) == 0) {
                l->cur = i + 1;
                t->acc_rx_len[c] = 0;
                return true;
            }
        }
    }
    return fail(t, "ACCESS: octets that are not hdlc_encode of any frame sent to the channel");
}

static bool collect(uint8_t *buf, size_t *len, const uint8_t *d, uint64_t keep)
{
    for (unsigned i = 0; i < W; i++)
        if ((keep >> i) & 1u) {
            if (*len >= MAX_NET * 2)
                return false;
            buf[(*len)++] = d[i];
        }
    return true;
}

static bool run(struct tb *t, uint64_t cycles);

/* ------------------------------------------------------------------ */
/* Directed cases                                                      */
/* ------------------------------------------------------------------ */

static bool hexbytes(const char *hex, uint8_t *out, size_t *len)
{
    size_t n = 0;
    for (const char *p = hex; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        unsigned v;
        if (sscanf(p, "%2x", &v) != 1)
            return false;
        out[n++] = (uint8_t)v;
        p += 2;
    }
    *len = n;
    return true;
}

/* An Ethernet/IPv4/UDP frame from the peer (10.51.6.82) carrying an L2TP
 * message as given. */
static bool net_frame_raw(const uint8_t *l2tp, size_t len, uint8_t *out, size_t *out_len)
{
    struct net_udp_packet p = {
        .dst_mac = {0x00, 0x02, 0xB3, 0x00, 0x00, 0x01},
        .src_mac = {0x00, 0x50, 0x56, 0x00, 0x00, 0x99},
        .ip_ttl = 64, .ip_frag = IPV4_FLAG_DF,
        .ip_src = 0x0A330652u, .ip_dst = 0x0A330644u,
        .udp_src = L2TP_UDP_PORT, .udp_dst = L2TP_UDP_PORT,
    };
    struct proto_error err = {0};
    return net_udp_encode(&p, l2tp, len, out, MAX_NET, out_len, &err) == PROTO_OK;
}

/* An L2TP data message (no L, S, O) for session sid of tunnel tid. */
static bool net_data(uint16_t tid, uint16_t sid, const uint8_t *ppp, size_t len, uint8_t *out,
                     size_t *out_len)
{
    uint8_t m[MAX_PPP + 8] = {0x00, 0x02, (uint8_t)(tid >> 8), (uint8_t)tid, (uint8_t)(sid >> 8),
                              (uint8_t)sid};
    memcpy(m + 6, ppp, len);
    return net_frame_raw(m, len + 6, out, out_len);
}

static void q_net(struct tb *t, const uint8_t *b, size_t len)
{
    struct feed *f = &t->netq[t->netq_n++];
    memcpy(f->buf, b, len);
    f->len = len;
    f->pos = 0;
    f->active = true;
    t->n_net_in++;
}

static void q_inj(struct tb *t, uint8_t kind, uint16_t target, const uint8_t *b, size_t len)
{
    struct feed *f = &t->injq[t->injq_n++];
    memcpy(f->buf, b, len);
    f->len = len;
    f->pos = 0;
    f->active = true;
    f->kind = kind;
    f->target = target;
    f->user_len = 0;
}

/* A user frame on ACCESS line c, as the user's HDLC framer sends it. */
static bool q_acc(struct tb *t, unsigned c, const uint8_t *ppp, size_t len, bool fcs32)
{
    struct hdlc_tx_config cfg = {.accm = 0xFFFFFFFFu, .fcs = fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                 .opening_flag = true};
    struct acc_feed *a = &t->accq[c][t->accq_n[c]++];
    struct proto_error err = {0};
    a->pos = 0;
    t->n_ppp_in++;
    return hdlc_encode(&cfg, ppp, len, a->buf, sizeof a->buf, &a->len, &err) == PROTO_OK;
}

static bool list_done(struct tb *t, const struct list *l, const char *what)
{
    if (l->cur == l->n)
        return true;
    fprintf(stderr, "%s: %zu of %zu expected frames never came\n", what, l->n - l->cur, l->n);
    return fail(t, "directed: a frame the card should have delivered is missing");
}

static bool all_consumed(struct tb *t)
{
    bool ok = list_done(t, &t->punt_net, "punt (whole NET frames)")
              && list_done(t, &t->punt_ppp, "punt (host PPP)");
    for (unsigned i = 0; ok && i < N_CH + 2; i++)
        ok = list_done(t, &t->net_out[i], "m_net");
    for (unsigned c = 0; ok && c < N_CH; c++)
        ok = list_done(t, &t->ch_out[c], "ACCESS (from NET)")
             && list_done(t, &t->ch_inj[c], "ACCESS (injected)")
             && list_done(t, &t->punt_chan[c], "punt (channel PPP)");
    return ok;
}

/* A PPP frame carrying an ICMP echo (request or reply) between a and b. */
static size_t icmp_ppp(uint8_t *b, uint32_t src, uint32_t dst, bool reply, uint16_t seq)
{
    size_t n = 0;
    b[n++] = 0x00;
    b[n++] = 0x21;                          /* PPP_IP */
    uint8_t *ip = b + n;
    memset(ip, 0, 60);
    ip[0] = 0x45;
    ip[3] = 60;                             /* 20 + 8 + 32 */
    ip[8] = 255;
    ip[9] = 1;                              /* ICMP */
    for (int i = 0; i < 4; i++) {
        ip[12 + i] = (uint8_t)(src >> (24 - 8 * i));
        ip[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
    }
    uint16_t ck = inet_checksum(ip, 20);
    ip[10] = (uint8_t)(ck >> 8);
    ip[11] = (uint8_t)ck;
    uint8_t *ic = ip + 20;
    ic[0] = reply ? 0 : 8;
    ic[4] = 0x12;
    ic[5] = 0x34;
    ic[6] = (uint8_t)(seq >> 8);
    ic[7] = (uint8_t)seq;
    for (int i = 0; i < 32; i++)
        ic[8 + i] = (uint8_t)('a' + i % 23);  /* the Windows ping pattern */
    ck = inet_checksum(ic, 40);
    ic[2] = (uint8_t)(ck >> 8);
    ic[3] = (uint8_t)ck;
    return n + 60;
}

/* The seed's data flow, frame by frame (LCP, IPCP from the debug output;
 * the ZLB and StopCCN hex dumps; ICMP echo across the tunnel). */
static bool seed_flow(struct tb *t)
{
    uint8_t f[MAX_NET], g[MAX_NET];
    size_t n, m;
    static const char *LCP_REQ_118 = "FF03C021 0176000A 05066EE4E865";
    static const char *LCP_REQ_11 = "FF03C021 010B001C 0305C22305 0506109D08F2 110405F4 130901353330302D31";
    static const char *LCP_ACK_118 = "FF03C021 0276000A 05066EE4E865";
    static const char *IPCP_REQ_187 = "FF038021 01BB0010 0206002D0F00 03060A0A3502";
    static const char *IPCP_REQ_1 = "8021 0101000A 03060A330652";
    static const char *IPCP_ACK_187 = "FF038021 02BB0010 0206002D0F00 03060A0A3502";
    static const char *ZLB = "C802000C 45180000 00010002";
    static const char *STOPCCN = "C8020024 45180000 00020005 80080000 00000004 80080000 0009D7E6"
                                 " 80080000 00010001";

    /* Before the tunnel: channel 0 unbound. The user's LCP goes to the host
     * (punt reason 3, channel 0); the LAC's LCP comes from the host. */
    clear_sess(t, 7);
    if (!run(t, 20) || !hexbytes(LCP_REQ_118, f, &n) || !q_acc(t, 0, f, n, false))
        return fail(t, "seed: LCP");
    list_push(&t->punt_chan[0], f, n, 0, 0, false);
    if (!hexbytes(LCP_REQ_11, f, &n))
        return false;
    q_inj(t, CARD_INJECT_KIND_CHANNEL_PPP, 0, f, n);
    list_push(&t->ch_inj[0], f, n, 0, 0xFFFFFFFFu, false);
    if (!hexbytes(LCP_ACK_118, f, &n))
        return false;
    q_inj(t, CARD_INJECT_KIND_CHANNEL_PPP, 0, f, n);
    list_push(&t->ch_inj[0], f, n, 0, 0xFFFFFFFFu, false);
    if (!run(t, 3000))
        return false;

    /* The session up (session 7 of tunnel 17688 bound to channel 0) */
    uint32_t w[14];
    make_entry(w, 7, 17688, 55270, 45, false, 0, 0);
    commit(t, 7, w, 0, true);
    read_back(t, 7);
    if (!run(t, 200))
        return false;
    if (!hexbytes(IPCP_REQ_187, f, &n) || !q_acc(t, 0, f, n, false))
        return false;
    list_push(&t->net_out[0], f, n, 7, 0, false);
    n = icmp_ppp(f, 0x0A0A3502u, 0x0A330603u, false, 1);
    if (!q_acc(t, 0, f, n, false))
        return false;
    list_push(&t->net_out[0], f, n, 7, 0, false);
    /* from the LNS: IPCP without address and control field (put back on
     * the line), the echo reply, and control messages punted untouched */
    if (!hexbytes(IPCP_REQ_1, f, &n) || !net_data(17688, 7, f, n, g, &m))
        return false;
    q_net(t, g, m);
    uint8_t acf[MAX_PPP] = {0xFF, 0x03};
    memcpy(acf + 2, f, n);
    list_push(&t->ch_out[0], acf, n + 2, 7, 0, false);
    n = icmp_ppp(f, 0x0A330603u, 0x0A0A3502u, true, 1);
    if (!net_data(17688, 7, f, n, g, &m))
        return false;
    q_net(t, g, m);
    memcpy(acf + 2, f, n);
    list_push(&t->ch_out[0], acf, n + 2, 7, 0, false);
    for (int k = 0; k < 2; k++) {
        if (!hexbytes(k ? STOPCCN : ZLB, f, &n) || !net_frame_raw(f, n, g, &m))
            return false;
        q_net(t, g, m);
        list_push(&t->punt_net, g, m, PUNT_CONTROL, 0, false);
    }

    /* LNS side: session 45 bound to the host; PPP from the LAC to the punt
     * stream with its session, the LNS's PPP encapsulated by the card */
    if (!hexbytes(IPCP_REQ_187, f, &n) || !net_data(55270, 45, f, n, g, &m))
        return false;
    q_net(t, g, m);
    list_push(&t->punt_ppp, f, n, 45, 0, false);
    if (!hexbytes(IPCP_ACK_187, f, &n))
        return false;
    q_inj(t, CARD_INJECT_KIND_SESSION_PPP, 45, f, n);
    list_push(&t->net_out[N_CH], f, n, 45, 0, false);
    if (!run(t, 5000))
        return false;
    return all_consumed(t);
}

/* Latency with nothing else in flight and every output ready: NET first
 * beat in -> channel 0's first octet out (its opening flag), and a user
 * frame's closing flag in on ACCESS 0 -> first beat of its L2TP frame out
 * on NET (store and forward in the ACCESS buffer). */
static bool latency(struct tb *t)
{
    uint8_t f[MAX_NET], g[MAX_NET];
    size_t n, m;
    if (!run(t, 2000) || !hexbytes("8021 0101000A 03060A330652", f, &n)
        || !net_data(17688, 7, f, n, g, &m))
        return false;
    uint8_t acf[MAX_PPP] = {0xFF, 0x03};
    memcpy(acf + 2, f, n);
    list_push(&t->ch_out[0], acf, n + 2, 7, 0, false);
    t->probe = true;
    t->net_first_in = t->acc_first_out = t->acc_last_in = t->net_first_out = 0;
    q_net(t, g, m);
    if (!run(t, 500))
        return false;
    if (!hexbytes("FF038021 01BB0010 0206002D0F00 03060A0A3502", f, &n) || !q_acc(t, 0, f, n, false))
        return false;
    list_push(&t->net_out[0], f, n, 7, 0, false);
    if (!run(t, 500) || !all_consumed(t))
        return false;
    t->probe = false;
    printf("latency: NET first beat in -> ACCESS first octet out %" PRIu64
           " cycles; ACCESS closing flag in -> NET first beat out %" PRIu64 " cycles\n",
           t->acc_first_out - t->net_first_in, t->net_first_out - t->acc_last_in);
    return true;
}

/* Sequencing (RFC 2661 §5.4, §5.8) on session 12 (SEQ_RX): Ns 0, 1, 2 in
 * order, 1 again (older than Nr: dropped), 6 (accepted, out of order), 7.
 * The session's READ snapshot must say 5 delivered, 1 dropped, 2 out of
 * order (regmap: every data message whose Ns was not the expected one),
 * Nr 8. */
static bool seq_case(struct tb *t)
{
    uint32_t w[14];
    make_entry(w, 12, 17688, 55270, 46, false, 1,
               ENT_FLAG_FCS32 | ENT_FLAG_SEQ_TX | ENT_FLAG_SEQ_RX);
    commit(t, 12, w, 0, true);
    if (!run(t, 60))
        return false;
    static const uint16_t NS[] = {0, 1, 2, 1, 6, 7};
    uint8_t ppp[MAX_PPP], g[MAX_NET];
    size_t m;
    for (size_t k = 0; k < sizeof NS / sizeof NS[0]; k++) {
        size_t len = random_ppp(t, ppp);
        ppp[0] = 0xFF;
        ppp[1] = 0x03;
        uint8_t l2[MAX_PPP + 16] = {0x08, 0x02, 0x45, 0x18, 0x00, 0x0C,
                                    (uint8_t)(NS[k] >> 8), (uint8_t)NS[k], 0, 0};
        memcpy(l2 + 10, ppp, len);
        if (!net_frame_raw(l2, len + 10, g, &m))
            return false;
        q_net(t, g, m);
        if (k != 3)
            list_push(&t->ch_out[1], ppp, len, 12, w[ENT_WORD_TX_ACCM], true);
    }
    if (!run(t, 4000) || !all_consumed(t))
        return false;
    sess_cmd(t, 12, CARD_SESS_CMD_READ);
    op(t, 2, sess_reg(CARD_SESS_ENT_SEQ), 8);               /* Ns 0 sent, Nr 8 */
    op(t, 2, sess_reg(CARD_SESS_ENT_RX_PACKETS), 5);
    op(t, 2, sess_reg(CARD_SESS_ENT_DROPS), 1);
    op(t, 2, sess_reg(CARD_SESS_ENT_OUT_OF_ORDER), 2);  /* the old 1 and the 6 */
    t->sess[12].nr_next = 8;
    return run(t, 100);
}

/* CNT after the directed traffic: every reason the testbench caused, as
 * many times as it caused it (SNAPSHOT, then the registers read). */
static void cnt_clear(struct tb *t)
{
    op(t, 1, CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL, CARD_CNT_CLEAR);
    memset(t->tally, 0, sizeof t->tally);
}

static bool cnt_check(struct tb *t, uint64_t net_tx)
{
    op(t, 1, CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL, CARD_CNT_SNAPSHOT);
    for (unsigned k = 0; k < 19; k++)
        if (k != 15)
            op(t, 2, (uint16_t)(CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_OK + 4 * k), t->tally[k]);
    op(t, 2, (uint16_t)(CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_OK + 4 * 29), (uint32_t)net_tx);
    return run(t, 40);
}

/* The drops and refusals counted in CNT 0xBC..0xD0, each provoked and its
 * counter read back over the register bus (SNAPSHOT) with the value the
 * testbench expects:
 * - SESS_BAD_CHANNEL: a valid entry bound to channel N_CH + 5 binds
 *   nothing; its data is then an unknown session (SESS_UNKNOWN, punted);
 * - SESS_CHAN_STEAL: session 21 takes channel 3 from session 14, which
 *   takes it back (2);
 * - ENCAP_LEN_MISMATCH: two host PPP frames for session 45 whose tuser_len
 *   is 3 short and 4 long: sent cut and zero-filled to it (2);
 * - NET_RX_FRAME_FIFO_FULL: control frames of ~1900 octets while the punt
 *   stream is held: every one that is not punted afterwards was dropped
 *   in the frame FIFO (at least one must be);
 * - ACCESS_RX_OVERFLOW: 8 user frames each on channels 0 and 2 while NET
 *   transmit is held: every one that does not come out on NET afterwards
 *   overflowed its receive buffer (at least one must);
 * - DISPATCH_BAD_CHANNEL: 0 (session_lookup passes only channels < N_CH).
 */
static bool drop_counters_case(struct tb *t)
{
    uint8_t f[MAX_NET], g[MAX_NET];
    size_t n, m;
    uint32_t w[14];
    cnt_clear(t);
    if (!run(t, 20))
        return false;

    make_entry(w, 20, 17688, 55270, 60, false, N_CH + 5, 0);
    commit(t, 20, w, 0, true);
    if (!run(t, 60))
        return false;
    n = random_ppp(t, f);
    if (!net_data(17688, 20, f, n, g, &m))
        return false;
    q_net(t, g, m);
    list_push(&t->punt_net, g, m, PUNT_UNKNOWN_SESSION, 0, false);
    if (!run(t, 1000) || !all_consumed(t))
        return false;
    clear_sess(t, 20);

    make_entry(w, 21, 17688, 55270, 61, false, 3, 0);
    commit(t, 21, w, 0, true);
    make_entry(w, 14, SESSIONS[3].tunnel, SESSIONS[3].peer_tunnel, SESSIONS[3].peer_sess, false,
               SESSIONS[3].ch, SESSIONS[3].flags);
    commit(t, 14, w, t->sess[14].nr_next, false);
    clear_sess(t, 21);
    read_back(t, 14);

    static const int DELTA[2] = {-3, 4};
    for (int k = 0; k < 2; k++) {
        n = random_ppp(t, f);
        q_inj(t, CARD_INJECT_KIND_SESSION_PPP, 45, f, n);
        t->injq[t->injq_n - 1].user_len = (uint16_t)((int)n + DELTA[k]);
        uint8_t want[MAX_PPP + 8] = {0};
        memcpy(want, f, DELTA[k] < 0 ? n - 3 : n);
        list_push(&t->net_out[N_CH], want, (size_t)((int)n + DELTA[k]), 45, 0, false);
    }
    if (!run(t, 2000) || !all_consumed(t))
        return false;

    enum { BIG = 6 };
    uint64_t punts = t->n_punt;
    t->hold_punt = true;
    for (unsigned k = 0; k < BIG; k++) {
        uint8_t l2[MAX_NET] = {0xC8, 0x02, 0, 0, 0x45, 0x18, 0, 0, 0, (uint8_t)k, 0, 0};
        size_t len = 1900 - 42;
        l2[2] = (uint8_t)(len >> 8);
        l2[3] = (uint8_t)len;
        for (size_t i = 12; i < len; i++)
            l2[i] = (uint8_t)rnd32(t);
        if (!net_frame_raw(l2, len, g, &m))
            return fail(t, "net_frame_raw");
        q_net(t, g, m);
        list_push(&t->punt_net, g, m, PUNT_CONTROL, 0, false);
    }
    if (!run(t, 4000))
        return false;
    t->hold_punt = false;
    if (!run(t, 8000))
        return false;
    t->punt_net.cur = t->punt_net.n;        /* the dropped ones never come */
    uint64_t fifo_full = BIG - (t->n_punt - punts);

    enum { USER = 8 };
    uint64_t nets = t->n_net;
    t->hold_net = true;
    for (unsigned k = 0; k < USER; k++)
        for (unsigned c = 0; c <= 2; c += 2) {
            n = cosim_range(&t->rng, 20, 60);
            for (size_t i = 0; i < n; i++)
                f[i] = (uint8_t)rnd32(t);
            f[0] = 0xFF;
            f[1] = 0x03;
            if (!q_acc(t, c, f, n, false))
                return fail(t, "q_acc");
            list_push(&t->net_out[c], f, n, c ? 13 : 7, 0, false);
        }
    if (!run(t, 4000))
        return false;
    t->hold_net = false;
    if (!run(t, 4000))
        return false;
    t->net_out[0].cur = t->net_out[0].n;
    t->net_out[2].cur = t->net_out[2].n;
    uint64_t overflow = 2 * USER - (t->n_net - nets);
    printf("directed: drop counters: %" PRIu64 " of %d big frames dropped in the frame FIFO,"
           " %" PRIu64 " of %d user frames overflowed their buffers\n",
           fifo_full, BIG, overflow, 2 * USER);
    if (fifo_full == 0 || overflow == 0)
        return fail(t, "directed: the frame FIFO or ACCESS buffer case dropped nothing");

    op(t, 1, CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL, CARD_CNT_SNAPSHOT);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_SESS_UNKNOWN, 1);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_FRAME_FIFO_FULL, (uint32_t)fifo_full);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_DISPATCH_BAD_CHANNEL, 0);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_SESS_CHAN_STEAL, 2);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_SESS_BAD_CHANNEL, 1);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_ENCAP_LEN_MISMATCH, 2);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_ACCESS_RX_OVERFLOW, (uint32_t)overflow);
    op(t, 2, CARD_BLK_CNT_BASE + CARD_CNT_NET_TX_FRAMES, (uint32_t)(2 + 2 * USER - overflow));
    return run(t, 40) && all_consumed(t);
}

/* ------------------------------------------------------------------ */
/* One cycle                                                           */
/* ------------------------------------------------------------------ */

static void drive_stream(struct tb *t, struct feed *f, uint8_t *tdata_octets, uint64_t *keep,
                         uint64_t *valid, uint64_t *last)
{
    memset(tdata_octets, 0, W);
    *keep = 0;
    *last = 0;
    *valid = f->active && !cosim_chance(&t->rng, t->gap_pct);
    size_t n = f->len - f->pos < W ? f->len - f->pos : W;
    for (size_t i = 0; i < n; i++) {
        tdata_octets[i] = f->buf[f->pos + i];
        *keep |= 1ull << i;
    }
    *last = f->pos + n >= f->len;
}

static bool cycle(struct tb *t)
{
    io_t *in = cosim_inputs(&t->c);
    uint8_t oct[W];

    /* register bus */
    in->reg_wr_en = in->reg_rd_en = 0;
    in->reg_addr = 0;
    in->reg_wdata = 0;
    struct regop *ro = NULL;
    if (t->op_head != t->op_tail) {
        ro = &t->ops[t->op_head++ % 4096];
        in->reg_addr = ro->addr;
        in->reg_wdata = ro->data;
        in->reg_wr_en = ro->kind == 1;
        in->reg_rd_en = ro->kind == 2 || ro->kind == 3;
        if (ro->commit_sess)
            t->sess[ro->commit_sess].ns_reset = true;
    }

    /* NET in */
    if (!t->net.active && t->netq_n) {
        t->net = t->netq[0];
        memmove(t->netq, t->netq + 1, --t->netq_n * sizeof t->netq[0]);
    }
    if (t->traffic && !t->net.active && !next_net(t))
        return false;
    uint64_t keep, valid, last;
    drive_stream(t, &t->net, oct, &keep, &valid, &last);
    put_octets(&in->s_net_tdata, oct);
    in->s_net_tkeep = keep;
    in->s_net_tvalid = valid;
    in->s_net_tlast = last;

    /* inject */
    if (!t->inj.active && t->injq_n) {
        t->inj = t->injq[0];
        memmove(t->injq, t->injq + 1, --t->injq_n * sizeof t->injq[0]);
    }
    if (t->traffic && !t->inj.active && cosim_chance(&t->rng, 5) && !next_inj(t))
        return false;
    drive_stream(t, &t->inj, oct, &keep, &valid, &last);
    put_octets(&in->s_inject_tdata, oct);
    in->s_inject_tkeep = keep;
    in->s_inject_tvalid = valid;
    in->s_inject_tlast = last;
    in->s_inject_tuser_kind = t->inj.kind;
    in->s_inject_tuser_target = t->inj.target;
    in->s_inject_tuser_len = t->inj.user_len ? t->inj.user_len : t->inj.len;

    /* ACCESS lines: one octet per cycle when the line has one */
    memset(&in->s_acc_tdata, 0, sizeof in->s_acc_tdata);
    in->s_acc_tvalid = 0;
    for (unsigned c = 0; c < N_CH; c++) {
        struct acc_feed *a = &t->acc[c];
        if (a->pos >= a->len && t->accq_n[c]) {
            *a = t->accq[c][0];
            memmove(t->accq[c], t->accq[c] + 1, --t->accq_n[c] * sizeof t->accq[c][0]);
        }
        if (t->traffic && a->pos >= a->len && cosim_chance(&t->rng, 2) && !next_acc(t, c))
            return false;
        if (a->pos < a->len && !cosim_chance(&t->rng, t->gap_pct)) {
            lane_set(&in->s_acc_tdata, c, a->buf[a->pos]);
            in->s_acc_tvalid |= 1ull << c;
        }
    }

    /* backpressure */
    in->m_net_tready = !cosim_chance(&t->rng, t->bp_pct) && !t->hold_net;
    in->m_punt_tready = !cosim_chance(&t->rng, t->bp_pct) && !t->hold_punt;
    in->m_acc_tready = 0;
    for (unsigned c = 0; c < N_CH; c++)
        if (!cosim_chance(&t->rng, t->bp_pct))
            in->m_acc_tready |= 1ull << c;
    /* the shell's status and counter pulses (only counted: lockstep) */
    in->dma_error = t->traffic && cosim_chance(&t->rng, 1);
    in->shell_cnt_punt_frames = t->traffic && cosim_chance(&t->rng, 2);
    in->shell_cnt_punt_ring_full = t->traffic && cosim_chance(&t->rng, 1);
    in->shell_cnt_punt_too_long = t->traffic && cosim_chance(&t->rng, 1);
    in->shell_cnt_inject_frames = t->traffic && cosim_chance(&t->rng, 2);
    in->shell_cnt_inject_bad_desc = t->traffic && cosim_chance(&t->rng, 1);

    if (!cosim_eval(&t->c))
        return false;
    const io_t *o = cosim_outputs(&t->c);

    /* register read data */
    if (t->rd_pending) {
        if (!o->reg_rd_valid)
            return fail(t, "reg_rd_valid missing");
        if (t->rd_check && o->reg_rdata != t->rd_expect) {
            fprintf(stderr, "read back 0x%08" PRIx64 ", table copy 0x%08" PRIx32 "\n",
                    (uint64_t)o->reg_rdata, t->rd_expect);
            return fail(t, "session READ back differs from the testbench's copy");
        }
    }
    if (t->rd_store && o->reg_rd_valid)
        t->store[t->rd_expect % 8] = (uint32_t)o->reg_rdata;
    t->rd_pending = ro && (ro->kind == 2 || ro->kind == 3);
    t->rd_check = ro && ro->kind == 2;
    t->rd_store = ro && ro->kind == 3;
    t->rd_expect = ro ? ro->data : 0;

    /* handshakes */
    if (in->s_net_tvalid && o->s_net_tready) {
        if (t->probe && !t->net_first_in)
            t->net_first_in = t->c.cycle;
        t->net_in_octets += (unsigned)__builtin_popcountll(in->s_net_tkeep);
        t->net.pos += W;
        if (in->s_net_tlast)
            t->net.active = false;
    }
    if (in->s_inject_tvalid && o->s_inject_tready) {
        t->inj.pos += W;
        if (in->s_inject_tlast)
            t->inj.active = false;
    }
    for (unsigned c = 0; c < N_CH; c++)
        if (((in->s_acc_tvalid >> c) & 1u) && ((o->s_acc_tready >> c) & 1u)) {
            t->acc[c].pos++;
            if (t->probe && t->acc[c].pos == t->acc[c].len)
                t->acc_last_in = t->c.cycle;
        }
    if (o->m_net_tvalid && in->m_net_tready) {
        if (t->probe && t->acc_last_in && !t->net_first_out)
            t->net_first_out = t->c.cycle;
        t->net_out_octets += (unsigned)__builtin_popcountll(o->m_net_tkeep);
        get_octets(&o->m_net_tdata, oct);
        if (!collect(t->net_rx, &t->net_rx_len, oct, o->m_net_tkeep))
            return fail(t, "m_net: frame too long");
        if (o->m_net_tlast) {
            if (!check_net_frame(t, t->net_rx, t->net_rx_len))
                return false;
            t->net_rx_len = 0;
        }
    }
    if (o->m_punt_tvalid && in->m_punt_tready) {
        get_octets(&o->m_punt_tdata, oct);
        if (!collect(t->punt_rx, &t->punt_rx_len, oct, o->m_punt_tkeep))
            return fail(t, "m_punt: frame too long");
        if (o->m_punt_tlast) {
            if (!check_punt_frame(t, o, t->punt_rx, t->punt_rx_len))
                return false;
            t->punt_rx_len = 0;
        }
    }
    for (unsigned c = 0; c < N_CH; c++)
        if (((o->m_acc_tvalid >> c) & 1u) && ((in->m_acc_tready >> c) & 1u)) {
            if (t->acc_rx_len[c] >= sizeof t->acc_rx[c])
                return fail(t, "ACCESS: frame too long");
            t->acc_rx[c][t->acc_rx_len[c]++] = lane_get(&o->m_acc_tdata, c);
            t->acc_out_octets++;
            if (t->probe && t->net_first_in && !t->acc_first_out)
                t->acc_first_out = t->c.cycle;
            if (!check_acc(t, c))
                return false;
        }
    cosim_tick(&t->c);
    return true;
}

static bool run(struct tb *t, uint64_t cycles)
{
    for (uint64_t i = 0; i < cycles; i++)
        if (!cycle(t))
            return false;
    return true;
}

static bool drain(struct tb *t)
{
    t->traffic = false;
    t->bp_pct = 0;
    for (int i = 0; i < 20000; i++)
        if (!cycle(t))
            return false;
    return true;
}

/* CTRL.RESET under way (between frames: the streams cannot be cut, so
 * traffic pauses and drains first): the datapath, session table included,
 * starts afresh, and the driver programs it again. */
static bool soft_reset(struct tb *t)
{
    t->traffic = false;
    t->bp_pct = 0;
    if (!run(t, 10000))
        return false;
    op(t, 1, CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL, CARD_CTRL_RESET | CARD_CTRL_ENABLE);
    if (!run(t, 40))
        return false;
    for (unsigned i = 0; i < N_SESS; i++)
        t->sess[i].valid = false;
    program(t);
    return run(t, 400);
}

int main(int argc, char **argv)
{
    struct cosim_args a;
    if (!cosim_args_parse(&a, argc, argv, DEFAULT_CYCLES))
        return 2;
    static struct tb tb;
    struct tb *t = &tb;
    t->rng = a.seed ? a.seed : 1;
    for (unsigned i = 0; i < N_SESS; i++)
        t->sess[i].last_ns = -1;
#ifdef COSIM_MODEL_ONLY
    const struct cosim_engine_ops *ops[] = {&model_ops};
    size_t n_ops = 1;
#else
    const struct cosim_engine_ops *ops[] = {&COSIM_CAT(COSIM_BLOCK, _rtl_ops), &model_ops};
    const struct cosim_engine_ops *alone[] = {&model_ops};
    size_t n_ops = a.model_only ? 1 : 2;
    const struct cosim_engine_ops *const *use = a.model_only ? alone : ops;
#endif
#ifdef COSIM_MODEL_ONLY
    const struct cosim_engine_ops *const *use = ops;
#endif
    if (!cosim_init(&t->c, &BLOCK, use, n_ops, stderr))
        return 1;

    bool ok = true;
    io_t *in = cosim_inputs(&t->c);
    in->rst = 1;
    for (int i = 0; i < 4 && ok; i++)
        ok = cycle(t);
    in->rst = 0;

    /* ID.BUILD_ID: the build's revision in RTL and model alike */
    op(t, 2, CARD_BLK_ID_BASE + CARD_ID_BUILD_ID, CARD_BUILD_ID);
    /* directed: the sessions programmed and read back; the seed's flow;
     * sequencing; then traffic of every kind without gaps or backpressure
     * and the CNT registers against the testbench's tally */
    program(t);
    /* the register operations done (34 sessions at N_CH 32 take longer
     * than 6): the seed's flow starts from the table as programmed */
    while (ok && t->op_head != t->op_tail)
        ok = run(t, 100);
    ok = ok && run(t, 400) && seed_flow(t) && latency(t) && seq_case(t);
    if (ok)
        printf("directed: the seed's LAC/LNS flow and sequencing: every frame as expected\n");
    ok = ok && drop_counters_case(t);
    cnt_clear(t);
    ok = ok && run(t, 20);
    uint64_t net_before = t->n_net;
    t->traffic = true;
    t->gap_pct = 0;
    t->bp_pct = 0;
    t->net_in_octets = t->net_out_octets = t->acc_out_octets = 0;
    ok = ok && run(t, 50000);
    if (ok)
        printf("throughput (50000 cycles, no gaps, no backpressure, %u channels): NET in %.3f,"
               " NET out %.3f, ACCESS out %.3f octets/cycle\n", N_CH,
               t->net_in_octets / 50000.0, t->net_out_octets / 50000.0,
               t->acc_out_octets / 50000.0);
    ok = ok && drain(t) && cnt_check(t, t->n_net - net_before);
    if (ok)
        printf("directed: %" PRIu64 " NET frames in, %" PRIu64 " user frames in -> %" PRIu64
           " on NET, %" PRIu64 " on ACCESS, %" PRIu64 " punted; CNT as tallied\n",
           t->n_net_in, t->n_ppp_in, t->n_net, t->n_acc, t->n_punt);

    /* random: gaps and backpressure; sessions cleared, recommitted and read
     * back under traffic */
    uint64_t done = 0;
    t->traffic = true;
    while (ok && done < a.cycles) {
        t->gap_pct = (unsigned)cosim_range(&t->rng, 0, 50);
        t->bp_pct = (unsigned)cosim_range(&t->rng, 0, 60);
        size_t i = cosim_range(&t->rng, 0, N_SESSIONS - 1);
        unsigned s = SESSIONS[i].idx;
        if (cosim_chance(&t->rng, 5)) {
            ok = soft_reset(t);
            t->n_soft_resets++;
        } else if (cosim_chance(&t->rng, 30)) {
            clear_sess(t, s);
            read_back(t, s);
        } else {
            uint32_t w[14];
            make_entry(w, s, SESSIONS[i].tunnel, SESSIONS[i].peer_tunnel,
                       SESSIONS[i].peer_sess, SESSIONS[i].host, SESSIONS[i].ch,
                       SESSIONS[i].flags);
            if (cosim_chance(&t->rng, 50)) {
                /* a new encapsulation template (the peer moved): every
                 * field NET transmit uses, none that NET receive checks */
                w[ENT_WORD_PEER_IDS] = rnd32(t) | 0x00010001u;
                for (unsigned k = ENT_WORD_LOCAL_MAC_HI; k <= ENT_WORD_UDP_PORTS; k++)
                    w[k] = rnd32(t);
                w[ENT_WORD_LOCAL_MAC_HI] &= 0xFFFFu;
                w[ENT_WORD_PEER_MAC_HI] &= 0xFFFFu;
                w[ENT_WORD_TTL_VLAN] = (rnd32(t) & 0xFFFF0000u) | (uint32_t)cosim_range(&t->rng, 1, 255);
            }
            commit(t, s, w, (uint32_t)t->sess[s].nr_next, cosim_chance(&t->rng, 50));
            read_back(t, s);
        }
        uint64_t n = cosim_range(&t->rng, 5000, 50000);
        t->traffic = true;
        ok = ok && run(t, n);
        done += n;
    }
    ok = ok && drain(t);
    printf("random (seed %" PRIu64 "): %" PRIu64 " cycles; %" PRIu64 " NET frames in, %" PRIu64
           " user frames in -> %" PRIu64 " on NET, %" PRIu64 " on ACCESS, %" PRIu64
           " punted; %" PRIu64 " soft resets\n",
           a.seed, t->c.cycle, t->n_net_in, t->n_ppp_in, t->n_net, t->n_acc, t->n_punt,
           t->n_soft_resets);
    cosim_print_speed(&t->c, stdout);

    for (unsigned i = 0; i < N_CH + 2; i++)
        list_free(&t->net_out[i]);
    for (unsigned c = 0; c < N_CH; c++) {
        list_free(&t->ch_out[c]);
        list_free(&t->ch_inj[c]);
        list_free(&t->punt_chan[c]);
    }
    list_free(&t->punt_net);
    list_free(&t->punt_ppp);
    cosim_free(&t->c);
    printf("cosim l2tp_card_core DATA_W %d: %s\n", W, ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
