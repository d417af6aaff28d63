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
 * Stimulus: directed frames (every L2TP flag combination with Offset pads,
 * VLAN or not, IPv4 options, every verdict and reason, 60 to 9018 octets,
 * the seed's control messages in Ethernet/IPv4/UDP), then seeded random
 * traffic with random valid gaps and random backpressure.
 *
 * Usage: cosim_net_rx_parser_wN [--seed N] [--cycles N] [--model-only] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_const.h"
#include "net_headers.h"
#include "net_rx_parser.h"
#include "../vectors/seed_packets.h"

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
#define MAX_FRAME 9018            /* a 9000-octet jumbo payload with a VLAN tag */
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
        io->m_net_tdata[i] = (uint32_t)out.m_net_tdata[4 * i] |
                             (uint32_t)out.m_net_tdata[4 * i + 1] << 8 |
                             (uint32_t)out.m_net_tdata[4 * i + 2] << 16 |
                             (uint32_t)out.m_net_tdata[4 * i + 3] << 24;
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

/* ---- random numbers: the shared seeded generator, so a failing run repeats */

struct rng {
    uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
    return cosim_rand(&r->s);
}

static unsigned rnd_below(struct rng *r, unsigned n)
{
    return n ? (unsigned)(rnd(r) % n) : 0;
}

static bool rnd_pct(struct rng *r, unsigned pct)
{
    return rnd_below(r, 100) < pct;
}

/* ---- frames: what to build, with knobs to break every field */

struct frame_spec {
    bool vlan;
    uint16_t vlan_tci;
    uint16_t ethertype;          /* after the tag */
    uint8_t ip_version, ihl;
    uint16_t ip_frag;
    uint8_t ip_protocol;
    uint32_t ip_src, ip_dst;
    int total_len_delta;         /* added to the correct IPv4 Total Length */
    bool bad_checksum;
    uint16_t udp_src, udp_dst;
    int udp_len_delta;           /* added to the correct UDP Length */
    uint16_t l2tp_word;          /* Flags/Ver */
    uint16_t tunnel_id, session_id, ns, nr, offset_size;
    int length_delta;            /* added to the correct L2TP Length */
    size_t pad_written;          /* Offset pad octets actually present */
    const uint8_t *body;         /* L2TP header and all (l2tp_word unused) when set */
    size_t body_len;
    size_t payload_len;          /* random octets after the L2TP header */
    size_t cut;                  /* nonzero: the frame is cut to this many octets */
};

struct frame {
    uint8_t *data;
    size_t len;
    uint64_t tlast_cycle;        /* when its last beat was accepted */
};

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

/* A well-formed L2TP data frame to us; callers then change what they test. */
static struct frame_spec spec_default(void)
{
    return (struct frame_spec){
        .ethertype = ETHERTYPE_IPV4,
        .ip_version = IPV4_VERSION,
        .ihl = IPV4_MIN_IHL,
        .ip_frag = IPV4_FLAG_DF,
        .ip_protocol = IPV4_PROTO_UDP,
        .ip_src = 0x0A330644,    /* the seed's LAC, 10.51.6.68 */
        .ip_dst = 0x0A330652,    /* the seed's LNS, 10.51.6.82 */
        .udp_src = L2TP_UDP_PORT,
        .udp_dst = L2TP_UDP_PORT,
        .l2tp_word = L2TP_VERSION,
        .tunnel_id = 55270,
        .session_id = 45,
        .payload_len = 20,
    };
}

static size_t l2tp_hdr_len(uint16_t word)
{
    return 6 + ((word & L2TP_HDR_L) ? 2 : 0) + ((word & L2TP_HDR_S) ? 4 : 0) +
           ((word & L2TP_HDR_O) ? 2 : 0);
}

/* Builds the frame into out (MAX_FRAME octets); returns its length. */
static size_t build_frame(const struct frame_spec *s, struct rng *r, uint8_t *out)
{
    size_t n = 0;
    static const uint8_t dst_mac[ETH_ADDR_LEN] = {0x00, 0x30, 0x94, 0xFE, 0x1B, 0xBF};
    memcpy(out, dst_mac, ETH_ADDR_LEN);
    for (int i = 0; i < ETH_ADDR_LEN; i++)
        out[ETH_ADDR_LEN + i] = (uint8_t)rnd(r);
    n = 2 * ETH_ADDR_LEN;
    if (s->vlan) {
        put16(out + n, ETHERTYPE_VLAN);
        put16(out + n + 2, s->vlan_tci);
        n += VLAN_TAG_LEN;
    }
    put16(out + n, s->ethertype);
    n += 2;

    uint8_t *ip = out + n;
    size_t ip_hlen = (size_t)s->ihl * 4;
    if (ip_hlen < IPV4_HDR_MIN_LEN)
        ip_hlen = IPV4_HDR_MIN_LEN;  /* a bad IHL still comes with a 20-octet header */
    uint8_t *udp = ip + ip_hlen;
    uint8_t *l2 = udp + UDP_HDR_LEN;
    size_t l2_len;
    if (s->body) {
        memcpy(l2, s->body, s->body_len);
        l2_len = s->body_len;
    } else {
        uint16_t w = s->l2tp_word;
        size_t hl = l2tp_hdr_len(w), pos = 2;
        size_t msg = hl + s->pad_written + s->payload_len;
        put16(l2, w);
        if (w & L2TP_HDR_L) {
            put16(l2 + pos, (uint16_t)((int)msg + s->length_delta));
            pos += 2;
        }
        put16(l2 + pos, s->tunnel_id);
        put16(l2 + pos + 2, s->session_id);
        pos += 4;
        if (w & L2TP_HDR_S) {
            put16(l2 + pos, s->ns);
            put16(l2 + pos + 2, s->nr);
            pos += 4;
        }
        if (w & L2TP_HDR_O) {
            put16(l2 + pos, s->offset_size);
            pos += 2;
        }
        for (size_t i = 0; i < s->pad_written + s->payload_len; i++)
            l2[pos + i] = (uint8_t)rnd(r);
        l2_len = msg;
    }
    put16(udp, s->udp_src);
    put16(udp + 2, s->udp_dst);
    put16(udp + 4, (uint16_t)((int)(UDP_HDR_LEN + l2_len) + s->udp_len_delta));
    put16(udp + 6, 0);           /* RFC 768: no checksum */

    size_t total = ip_hlen + UDP_HDR_LEN + l2_len;
    ip[0] = (uint8_t)(s->ip_version << 4 | (s->ihl & 0xF));
    ip[1] = 0;
    put16(ip + 2, (uint16_t)((int)total + s->total_len_delta));
    put16(ip + 4, (uint16_t)rnd(r));
    put16(ip + 6, s->ip_frag);
    ip[8] = 255;
    ip[9] = s->ip_protocol;
    put16(ip + 10, 0);
    put32(ip + 12, s->ip_src);
    put32(ip + 16, s->ip_dst);
    for (size_t i = IPV4_HDR_MIN_LEN; i < ip_hlen; i++)
        ip[i] = (uint8_t)rnd(r);  /* options: the parser only skips them */
    uint16_t csum = inet_checksum(ip, ip_hlen);
    put16(ip + 10, s->bad_checksum ? (uint16_t)(csum ^ 0x5A5A) : csum);

    n += total;
    while (n < ETH_MIN_FRAME)
        out[n++] = 0;            /* Ethernet padding, past the IPv4 Total Length */
    if (s->cut && s->cut < n)
        n = s->cut;
    return n;
}

/* ---- the independent check: what the protocol core says about a frame */

struct expect {
    struct net_rx_desc d;
    bool udp_fields;             /* UDP ports are meaningful */
    bool l2tp_fields;            /* L2TP fields are meaningful */
    bool ip_fields;              /* IPv4 addresses are meaningful */
};

static bool field_is(const struct proto_error *e, const char *name)
{
    return e->field && strcmp(e->field, name) == 0;
}

static void expect_set(struct expect *x, unsigned verdict, unsigned reason)
{
    x->d.verdict = (uint8_t)verdict;
    x->d.reason = (uint8_t)reason;
}

/* Fills *x from net_udp_decode and l2tp_header_decode, applying the
 * parser's documented check order (hw/net_rx_hdr_verdict.sv) to the first
 * error the software reports. False when the software said something the
 * parser's rules have no verdict for (a test bug or a decoder change). */
static bool software_expect(const uint8_t *f, size_t len, const struct net_rx_cfg *cfg,
                            struct expect *x, char *why, size_t cap)
{
    memset(x, 0, sizeof *x);
    x->d.frame_len = (uint16_t)len;
    if (len < ETH_MIN_FRAME) {
        expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_RUNT);
        return true;
    }
    struct net_udp_packet p;
    struct proto_error err = {0};
    proto_status st = net_udp_decode(f, len, &p, &err);
    /* Ethernet fields straight from the octets: net_udp_decode leaves them
     * empty when the EtherType is not IPv4. */
    x->d.vlan_present = (f[12] << 8 | f[13]) == ETHERTYPE_VLAN;
    x->d.vlan_tci = x->d.vlan_present ? (uint16_t)(f[14] << 8 | f[15]) : 0;
    for (int i = 0; i < ETH_ADDR_LEN; i++)
        x->d.src_mac = x->d.src_mac << 8 | f[ETH_ADDR_LEN + i];
    x->d.ip_src = p.ip_src;
    x->d.ip_dst = p.ip_dst;
    x->d.udp_src = p.udp_src;
    x->d.udp_dst = p.udp_dst;
    if (st != PROTO_OK) {
        if (field_is(&err, "EtherType"))
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_NON_IPV4), true;
        if (field_is(&err, "Version") || (field_is(&err, "IHL") && st == PROTO_EINVAL))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_HEADER), true;
        if (field_is(&err, "IHL"))  /* the header runs past the frame */
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_LENGTH), true;
        x->ip_fields = true;        /* from here on the software read the addresses */
        if (field_is(&err, "Total Length"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_LENGTH), true;
        /* The parser checks the checksum and the destination before these. */
        if (!p.ip_checksum_ok)
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_CHECKSUM), true;
        if (cfg->local_ip_en && p.ip_dst != cfg->local_ip)
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_IP), true;
        if (field_is(&err, "Flags") || field_is(&err, "Fragment Offset"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_FRAGMENT), true;
        if (field_is(&err, "Protocol"))
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_NOT_UDP), true;
        if (field_is(&err, "UDP header"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_UDP_LENGTH), true;
        if (field_is(&err, "UDP Length")) {
            x->udp_fields = true;
            if (p.udp_dst != cfg->l2tp_port)
                return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_PORT), true;
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_UDP_LENGTH), true;
        }
        char line[200];
        snprintf(why, cap, "net_udp_decode: %s", proto_error_format(&err, line, sizeof line));
        return false;
    }
    x->ip_fields = true;
    x->udp_fields = true;
    if (p.has_vlan != x->d.vlan_present || p.vlan_tci != x->d.vlan_tci) {
        snprintf(why, cap, "net_udp_decode disagrees on the 802.1Q tag");
        return false;
    }
    if (!p.ip_checksum_ok)
        return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_CHECKSUM), true;
    if (cfg->local_ip_en && p.ip_dst != cfg->local_ip)
        return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_IP), true;
    if (p.udp_dst != cfg->l2tp_port)
        return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_PORT), true;

    struct l2tp_header h;
    st = l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err);
    if (st != PROTO_OK) {
        if (st == PROTO_EVERSION)
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_L2TP_VERSION), true;
        if (st == PROTO_EINVAL && (field_is(&err, "L") || field_is(&err, "S") ||
                                   field_is(&err, "O") || field_is(&err, "P")))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_CONTROL_FLAGS), true;
        if (st == PROTO_ETRUNC || (st == PROTO_ELENGTH && field_is(&err, "Length")))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_L2TP_LENGTH), true;
        if (st == PROTO_ELENGTH && field_is(&err, "Offset Size"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_OFFSET_PAST_END), true;
        char line[200];
        snprintf(why, cap, "l2tp_header_decode: %s", proto_error_format(&err, line, sizeof line));
        return false;
    }
    x->l2tp_fields = true;
    expect_set(x, h.is_control ? NET_RX_VERDICT_L2TP_CONTROL : NET_RX_VERDICT_L2TP_DATA,
               NET_RX_REASON_NONE);
    x->d.l2tp_flags = (uint16_t)(p.payload[0] << 8 | p.payload[1]);
    x->d.tunnel_id = h.tunnel_id;
    x->d.session_id = h.session_id;
    x->d.ns = h.has_sequence ? h.ns : 0;
    x->d.nr = h.has_sequence ? h.nr : 0;
    x->d.payload_off = (uint16_t)(p.payload_offset + h.header_len);
    x->d.payload_len = (uint16_t)h.payload_len;
    return true;
}

/* Compares a descriptor with the software's; prints and returns false on a
 * difference. */
static bool check_desc(const io_t *o, const struct frame *fr, uint64_t index,
                       const struct net_rx_cfg *cfg)
{
    struct expect x;
    char why[300] = "";
    if (!software_expect(fr->data, fr->len, cfg, &x, why, sizeof why)) {
        fprintf(stderr, "frame %" PRIu64 ": no expectation: %s\n", index, why);
        return false;
    }
    bool ok = true;
#define CHECK(port, want)                                                                         \
    do {                                                                                          \
        if ((uint64_t)o->port != (uint64_t)(want)) {                                              \
            fprintf(stderr, "frame %" PRIu64 " (%zu octets): %s: rtl=0x%" PRIx64                  \
                            " software=0x%" PRIx64 "\n",                                          \
                    index, fr->len, #port, (uint64_t)o->port, (uint64_t)(want));                  \
            ok = false;                                                                           \
        }                                                                                         \
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

/* ---- stimulus generators */

/* A random frame: mostly well-formed L2TP to us (every flag combination),
 * a third of them broken in one of the ways the parser names. */
static struct frame_spec random_spec(struct rng *r, const struct net_rx_cfg *cfg, bool allow_runt)
{
    struct frame_spec s = spec_default();
    s.ip_dst = cfg->local_ip;
    s.udp_dst = cfg->l2tp_port;
    s.udp_src = (uint16_t)rnd(r);
    s.vlan = rnd_pct(r, 30);
    s.vlan_tci = (uint16_t)rnd(r);
    s.ihl = (uint8_t)(rnd_pct(r, 70) ? IPV4_MIN_IHL : IPV4_MIN_IHL + rnd_below(r, 11));
    if (rnd_pct(r, 30)) {
        s.l2tp_word = L2TP_HDR_T | L2TP_HDR_L | L2TP_HDR_S | L2TP_VERSION;
    } else {
        s.l2tp_word = L2TP_VERSION;
        s.l2tp_word |= rnd_pct(r, 50) ? L2TP_HDR_L : 0;
        s.l2tp_word |= rnd_pct(r, 50) ? L2TP_HDR_S : 0;
        s.l2tp_word |= rnd_pct(r, 40) ? L2TP_HDR_O : 0;
        s.l2tp_word |= rnd_pct(r, 20) ? L2TP_HDR_P : 0;
    }
    if (s.l2tp_word & L2TP_HDR_O)
        s.offset_size = (uint16_t)(rnd_pct(r, 20) ? 0 : rnd_below(r, 64));
    s.pad_written = s.offset_size;
    s.tunnel_id = (uint16_t)rnd(r);
    s.session_id = (uint16_t)rnd(r);
    s.ns = (uint16_t)rnd(r);
    s.nr = (uint16_t)rnd(r);
    unsigned pick = rnd_below(r, 100);
    size_t room = 1500 - (size_t)s.ihl * 4 - UDP_HDR_LEN - 14 - s.pad_written;
    s.payload_len = pick < 40 ? rnd_below(r, 64) : pick < 90 ? rnd_below(r, 1400) : room;
    if (s.payload_len > room)
        s.payload_len = room;
    size_t msg = l2tp_hdr_len(s.l2tp_word) + s.pad_written + s.payload_len;

    if (!rnd_pct(r, 35))
        return s;
    switch (rnd_below(r, 15)) {
    case 0:
        if (allow_runt)
            s.cut = 1 + rnd_below(r, ETH_MIN_FRAME - 1);
        break;
    case 1: {
        static const uint16_t others[] = {ETHERTYPE_ARP, 0x86DD, ETHERTYPE_VLAN, 0x88A8};
        s.ethertype = others[rnd_below(r, 4)];
        break;
    }
    case 2:
        if (rnd_pct(r, 50))
            s.ip_version = (uint8_t)(rnd_pct(r, 50) ? 6 : rnd_below(r, 16));
        else
            s.ihl = (uint8_t)rnd_below(r, IPV4_MIN_IHL);
        break;
    case 3:
        s.total_len_delta = rnd_pct(r, 50) ? 1 + (int)rnd_below(r, 300)
                                           : -(int)(UDP_HDR_LEN + msg + 1 + rnd_below(r, 20));
        break;
    case 4:
        s.bad_checksum = true;
        break;
    case 5:
        s.ip_dst = (uint32_t)rnd(r);
        break;
    case 6:
        s.ip_frag = rnd_pct(r, 50) ? IPV4_FLAG_MF : (uint16_t)(1 + rnd_below(r, 0x1FFF));
        break;
    case 7:
        s.ip_protocol = (uint8_t)(rnd_pct(r, 50) ? 6 : rnd_below(r, 256));
        break;
    case 8:
        s.udp_dst = (uint16_t)rnd(r);
        break;
    case 9:
        if (rnd_pct(r, 30))      /* no room for the UDP header in Total Length */
            s.total_len_delta = -(int)(UDP_HDR_LEN + msg) + (int)rnd_below(r, UDP_HDR_LEN);
        else if (rnd_pct(r, 50)) /* UDP Length below its own header */
            s.udp_len_delta = -(int)(UDP_HDR_LEN + msg) + (int)rnd_below(r, UDP_HDR_LEN);
        else                     /* past the IPv4 payload */
            s.udp_len_delta = 1 + (int)rnd_below(r, 100);
        break;
    case 10:
        s.l2tp_word = (uint16_t)((s.l2tp_word & ~L2TP_HDR_VER_MASK) |
                                 (rnd_pct(r, 50) ? L2F_VERSION : rnd_below(r, 16)));
        break;
    case 11:
        if (rnd_pct(r, 30)) {    /* UDP payload shorter than the L2TP header */
            s.udp_len_delta = -(int)(msg - rnd_below(r, (unsigned)l2tp_hdr_len(s.l2tp_word)));
        } else {
            s.l2tp_word |= L2TP_HDR_L;
            msg += (s.l2tp_word & L2TP_HDR_L) ? 0 : 2;
            s.length_delta = rnd_pct(r, 50) ? 1 + (int)rnd_below(r, 100)
                                            : -(int)(s.pad_written + s.payload_len + 1 +
                                                     rnd_below(r, 6));
        }
        break;
    case 12:
        do {
            s.l2tp_word = (uint16_t)(L2TP_HDR_T | L2TP_VERSION | (rnd(r) & (L2TP_HDR_L | L2TP_HDR_S |
                                                               L2TP_HDR_O | L2TP_HDR_P)));
        } while ((s.l2tp_word & (L2TP_HDR_L | L2TP_HDR_S | L2TP_HDR_O | L2TP_HDR_P)) ==
                 (L2TP_HDR_L | L2TP_HDR_S));
        break;
    case 13:
        s.l2tp_word |= L2TP_HDR_O;
        s.offset_size = (uint16_t)(s.pad_written + s.payload_len + 1 + rnd_below(r, 100));
        break;
    default:                     /* cut short, past the Ethernet minimum */
        s.cut = ETH_MIN_FRAME + rnd_below(r, 200);
        break;
    }
    return s;
}

/* The directed list: see the file comment. Returns the count. */
static size_t directed_specs(struct frame_spec *out, size_t cap, const struct net_rx_cfg *cfg)
{
    size_t n = 0;
#define ADD(s)                                                                                    \
    do {                                                                                          \
        if (n < cap)                                                                              \
            out[n++] = (s);                                                                       \
    } while (0)
    struct frame_spec base = spec_default();
    base.ip_dst = cfg->local_ip;
    base.udp_dst = cfg->l2tp_port;

    /* Every T L S O P combination (T=1 without exactly L and S is malformed),
     * with and without a VLAN tag, several IHLs and Offset pads. */
    static const uint16_t pads[] = {0, 1, 7, 40};
    for (unsigned bits = 0; bits < 32; bits++) {
        for (unsigned v = 0; v < 2; v++) {
            for (unsigned k = 0; k < 4; k++) {
                struct frame_spec s = base;
                s.l2tp_word = L2TP_VERSION | ((bits & 1) ? L2TP_HDR_T : 0) |
                              ((bits & 2) ? L2TP_HDR_L : 0) | ((bits & 4) ? L2TP_HDR_S : 0) |
                              ((bits & 8) ? L2TP_HDR_O : 0) | ((bits & 16) ? L2TP_HDR_P : 0);
                if (!(s.l2tp_word & L2TP_HDR_O) && k > 0)
                    break;
                s.offset_size = (s.l2tp_word & L2TP_HDR_O) ? pads[k] : 0;
                s.pad_written = s.offset_size;
                s.vlan = v;
                s.vlan_tci = (uint16_t)(0x2000 | bits);
                s.ihl = (uint8_t)(IPV4_MIN_IHL + (bits + k) % 11);
                s.tunnel_id = (uint16_t)(0x1100 + bits);
                s.session_id = (uint16_t)(0x2200 + bits);
                s.ns = (uint16_t)(0x3300 + k);
                s.nr = (uint16_t)(0x4400 + v);
                s.payload_len = 4 + bits * 3;
                ADD(s);
            }
        }
    }
    /* Sizes: the minimum (padded and exact), every alignment, the maximum. */
    for (size_t p = 0; p <= 2 * W + 2; p++) {
        struct frame_spec s = base;
        s.payload_len = p;       /* 14 + 20 + 8 + 6 + p: padding until p = 12 */
        ADD(s);
    }
    {
        struct frame_spec s = base;
        s.payload_len = 1500 - 20 - 8 - 6;    /* 1514 octets */
        ADD(s);
        s.vlan = true;                          /* 1518 */
        ADD(s);
        s.payload_len = 9000 - 20 - 8 - 6;    /* 9018: jumbo with VLAN */
        ADD(s);
    }
    /* Every reason, at least once. */
    {
        struct frame_spec s = base;
        s.cut = 1;
        ADD(s);
        s.cut = ETH_MIN_FRAME - 1;
        ADD(s);
        s = base, s.ethertype = ETHERTYPE_ARP; ADD(s);
        s = base, s.vlan = true, s.ethertype = ETHERTYPE_VLAN; ADD(s);   /* QinQ */
        s = base, s.ip_version = 6; ADD(s);
        s = base, s.ihl = 4; ADD(s);
        s = base, s.total_len_delta = 1, s.payload_len = 100; ADD(s);
        s = base, s.total_len_delta = -50; ADD(s);
        s = base, s.bad_checksum = true; ADD(s);
        s = base, s.bad_checksum = true, s.ihl = 15; ADD(s);
        s = base, s.ip_dst = 0x0A0A3502; ADD(s);
        s = base, s.ip_frag = IPV4_FLAG_MF; ADD(s);
        s = base, s.ip_frag = 185; ADD(s);
        s = base, s.ip_protocol = 6; ADD(s);
        s = base, s.total_len_delta = -(int)(UDP_HDR_LEN + 6 + 20) + 4; ADD(s);
        s = base, s.udp_len_delta = -(int)(UDP_HDR_LEN + 6 + 20) + 7; ADD(s);
        s = base, s.udp_len_delta = 1; ADD(s);
        s = base, s.udp_dst = 1702; ADD(s);
        s = base, s.udp_dst = 1702, s.udp_len_delta = 1; ADD(s);
        s = base, s.l2tp_word = L2F_VERSION; ADD(s);
        s = base, s.l2tp_word = 3; ADD(s);
        s = base, s.udp_len_delta = -(int)(6 + 20) + 1; ADD(s);  /* 1 octet of L2TP */
        s = base, s.udp_len_delta = -(int)(6 + 20) + 5; ADD(s);  /* header cut */
        s = base, s.l2tp_word = L2TP_HDR_L | L2TP_VERSION, s.length_delta = 1; ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_L | L2TP_VERSION, s.length_delta = -21; ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_T | L2TP_HDR_L | L2TP_VERSION; ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_O | L2TP_VERSION, s.offset_size = 21; ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_O | L2TP_HDR_L | L2TP_VERSION, s.offset_size = 2,
        s.pad_written = 2, s.length_delta = -1; ADD(s);
        s = base, s.cut = ETH_MIN_FRAME + 10, s.payload_len = 200; ADD(s);
    }
    /* The seed's control messages, each way, in Ethernet/IPv4/UDP. */
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++) {
        struct frame_spec s = base;
        bool from_lac = strcmp(seed_packets[i].from, "LAC") == 0;
        s.ip_src = from_lac ? 0x0A330644 : 0x0A330652;
        s.ip_dst = from_lac ? 0x0A330652 : 0x0A330644;
        s.body = seed_packets[i].bytes;
        s.body_len = seed_packets[i].len;
        s.vlan = i % 2;
        ADD(s);
    }
#undef ADD
    return n;
}

/* ---- the bench: drives the inputs, follows the outputs */

#define RING 64

struct bench {
    struct cosim c;
    struct rng rng;
    struct net_rx_cfg cfg;
    struct frame ring[RING];
    uint64_t n_gen, i_in, i_out, i_desc;  /* frames made, sent, out of m_net, described */
    uint64_t i_free;                      /* frames before this one are freed */
    size_t in_off, out_off;
    bool presenting;
    /* this phase */
    const struct frame_spec *specs;       /* directed, or NULL for random */
    size_t n_specs;
    uint64_t random_until;                /* random: make frames until this cycle */
    bool allow_runt;
    unsigned gap_pct, bp_net_pct, bp_desc_pct;
    bool strict;                          /* no gaps or backpressure: check rate, latency */
    uint64_t stalls, beats_in, max_latency;
    uint64_t counts[4][NET_RX_REASON_COUNT];
    uint8_t buf[MAX_FRAME];
};

static bool make_frame(struct bench *b)
{
    struct frame_spec s;
    if (b->specs) {
        if (b->n_gen >= b->n_specs)
            return false;
        s = b->specs[b->n_gen];
    } else {
        if (b->c.cycle >= b->random_until)
            return false;
        s = random_spec(&b->rng, &b->cfg, b->allow_runt);
    }
    struct frame *f = &b->ring[b->n_gen % RING];
    f->len = build_frame(&s, &b->rng, b->buf);
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
    if (!b->presenting && b->i_in < b->n_gen && !rnd_pct(&b->rng, b->gap_pct))
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
            beat[i] = (uint8_t)rnd(&b->rng);
        in->s_net_tkeep = rnd(&b->rng);
        in->s_net_tlast = rnd(&b->rng) & 1;
    }
    set_tdata(in, beat);
    in->s_net_tvalid = b->presenting;
    in->m_net_tready = !rnd_pct(&b->rng, b->bp_net_pct);
    in->m_desc_tready = !rnd_pct(&b->rng, b->bp_desc_pct);

    if (!cosim_eval(&b->c))
        return false;
    const io_t *o = cosim_outputs(&b->c);
    uint64_t cyc = b->c.cycle;

    if (b->presenting) {
        if (o->s_net_tready) {
            struct frame *f = &b->ring[b->i_in % RING];
            b->beats_in++;
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
            fprintf(stderr, "cycle %" PRIu64 ": frame %" PRIu64 " octet %zu: m_net beat differs "
                            "from the frame sent\n", cyc, b->i_out, b->out_off);
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
            fprintf(stderr, "cycle %" PRIu64 ": frame %" PRIu64 ": descriptor %" PRIu64
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
    uint64_t start = b->c.cycle, beats0 = b->beats_in, last_progress = b->c.cycle;
    uint64_t progress = 0;
    b->stalls = 0;
    for (;;) {
        if (!step(b)) {
            fprintf(stderr, "%s: failed in phase '%s' at cycle %" PRIu64 "\n",
                    b->c.block->name, name, b->c.cycle);
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
            fprintf(stderr, "%s: phase '%s': no progress for 100000 cycles (cycle %" PRIu64
                            ", frames made %" PRIu64 " sent %" PRIu64 " out %" PRIu64
                            " described %" PRIu64 ")\n",
                    b->c.block->name, name, b->c.cycle, b->n_gen, b->i_in, b->i_out, b->i_desc);
            return false;
        }
    }
    uint64_t cycles = b->c.cycle - start, beats = b->beats_in - beats0;
    printf("%s: %-34s %8" PRIu64 " cycles, %7" PRIu64 " beats in (%.3f/cycle)",
           b->c.block->name, name, cycles, beats, cycles ? (double)beats / (double)cycles : 0.0);
    if (b->strict)
        printf(", %" PRIu64 " input stalls", b->stalls);
    printf("\n");
    if (b->strict && b->stalls) {
        fprintf(stderr, "%s: phase '%s': the input stalled %" PRIu64
                        " times without backpressure\n", b->c.block->name, name, b->stalls);
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
            beat[i] = (uint8_t)rnd(&b->rng);
        set_tdata(in, beat);
        in->rst = rnd_pct(&b->rng, 1);
        if (rnd_pct(&b->rng, 1)) {
            in->cfg_l2tp_port = rnd_pct(&b->rng, 50) ? L2TP_UDP_PORT : (uint16_t)rnd(&b->rng);
            in->cfg_local_ip = (uint32_t)rnd(&b->rng);
            in->cfg_local_ip_en = rnd(&b->rng) & 1;
        }
        in->s_net_tkeep = rnd_pct(&b->rng, 80) ? UINT64_MAX : rnd(&b->rng);
        in->s_net_tvalid = rnd_pct(&b->rng, 70);
        in->s_net_tlast = rnd_pct(&b->rng, 5);
        in->m_net_tready = rnd_pct(&b->rng, 80);
        in->m_desc_tready = rnd_pct(&b->rng, 80);
        if (!cosim_eval(&b->c)) {
            fprintf(stderr, "%s: failed in phase 'noise' at cycle %" PRIu64 "\n",
                    b->c.block->name, b->c.cycle);
            return false;
        }
        cosim_tick(&b->c);
    }
    printf("%s: %-34s %8" PRIu64 " cycles\n", b->c.block->name,
           "noise, resets, config changes", cycles);
    return true;
}

static void set_phase(struct bench *b, const struct frame_spec *specs, size_t n_specs,
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
        unsigned v = r <= NET_RX_REASON_OTHER_IP ? NET_RX_VERDICT_NOT_FOR_US
                                                 : NET_RX_VERDICT_MALFORMED;
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
    const struct cosim_engine_ops *ops[] = {&COSIM_CAT(COSIM_BLOCK, _rtl_ops), &model_ops};
    const struct cosim_engine_ops *model_alone[] = {&model_ops};
    if (!cosim_init(&b->c, &BLOCK, args.model_only ? model_alone : ops, args.model_only ? 1 : 2,
                    stderr))
        return 1;
    printf("%s: seed %" PRIu64 ", DATA_W %d\n", BLOCK.name, seed, W);

    static struct frame_spec specs[1024];
    bool ok = reset(b);

    /* Directed, to the LNS with the destination check on. */
    b->cfg = (struct net_rx_cfg){L2TP_UDP_PORT, 0x0A330652, true};
    size_t n = directed_specs(specs, sizeof specs / sizeof specs[0], &b->cfg);
    set_phase(b, specs, n, 0, 0, 0, 0);
    ok = ok && run_phase(b, "directed, no gaps or backpressure");
    set_phase(b, specs, n, 0, 30, 30, 30);
    ok = ok && run_phase(b, "directed, gaps and backpressure");
    /* Directed again with the destination check off and another port. */
    b->cfg = (struct net_rx_cfg){1702, 0, false};
    n = directed_specs(specs, sizeof specs / sizeof specs[0], &b->cfg);
    set_phase(b, specs, n, 0, 10, 50, 80);
    ok = ok && run_phase(b, "directed, port 1702, any IPv4 dst");
    ok = ok && check_coverage(b);

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
               "(%d without backpressure)\n", BLOCK.name, b->max_latency, NET_RX_DESC_LATENCY);
        cosim_print_speed(&b->c, stdout);
    }
    for (uint64_t i = b->i_free; i < b->n_gen; i++)
        free(b->ring[i % RING].data);
    uint64_t total = b->c.cycle;
    cosim_free(&b->c);
    printf("%s: %s after %" PRIu64 " cycles\n", BLOCK.name, ok ? "PASS" : "FAIL", total);
    return ok ? 0 : 1;
}
