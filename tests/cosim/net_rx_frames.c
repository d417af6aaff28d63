/* Test frames for net_rx_parser: see net_rx_frames.h. */
#include "net_rx_frames.h"

#include <string.h>

#include "../vectors/seed_packets.h"
#include "cosim_args.h"
#include "l2tp_const.h"
#include "net_const.h"
#include "net_headers.h"

uint64_t net_rx_rnd(struct net_rx_rng *r)
{
    return cosim_rand(&r->s);
}

unsigned net_rx_rnd_below(struct net_rx_rng *r, unsigned n)
{
    return n ? (unsigned)(net_rx_rnd(r) % n) : 0;
}

bool net_rx_rnd_pct(struct net_rx_rng *r, unsigned pct)
{
    return net_rx_rnd_below(r, 100) < pct;
}

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

struct net_rx_frame_spec net_rx_spec_default(void)
{
    return (struct net_rx_frame_spec){
        .ethertype = ETHERTYPE_IPV4,
        .ip_version = IPV4_VERSION,
        .ihl = IPV4_MIN_IHL,
        .ip_frag = IPV4_FLAG_DF,
        .ip_protocol = IPV4_PROTO_UDP,
        .ip_src = 0x0A330644, /* the seed's LAC, 10.51.6.68 */
        .ip_dst = 0x0A330652, /* the seed's LNS, 10.51.6.82 */
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

size_t net_rx_build_frame(const struct net_rx_frame_spec *s, struct net_rx_rng *r, uint8_t *out)
{
    size_t n = 0;
    static const uint8_t dst_mac[ETH_ADDR_LEN] = {0x00, 0x30, 0x94, 0xFE, 0x1B, 0xBF};
    memcpy(out, dst_mac, ETH_ADDR_LEN);
    for (int i = 0; i < ETH_ADDR_LEN; i++)
        out[ETH_ADDR_LEN + i] = (uint8_t)net_rx_rnd(r);
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
        ip_hlen = IPV4_HDR_MIN_LEN; /* a bad IHL still comes with a 20-octet header */
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
            l2[pos + i] = (uint8_t)net_rx_rnd(r);
        l2_len = msg;
    }
    put16(udp, s->udp_src);
    put16(udp + 2, s->udp_dst);
    put16(udp + 4, (uint16_t)((int)(UDP_HDR_LEN + l2_len) + s->udp_len_delta));
    put16(udp + 6, 0); /* RFC 768: no checksum */

    size_t total = ip_hlen + UDP_HDR_LEN + l2_len;
    ip[0] = (uint8_t)(s->ip_version << 4 | (s->ihl & 0xF));
    ip[1] = 0;
    put16(ip + 2, (uint16_t)((int)total + s->total_len_delta));
    put16(ip + 4, (uint16_t)net_rx_rnd(r));
    put16(ip + 6, s->ip_frag);
    ip[8] = 255;
    ip[9] = s->ip_protocol;
    put16(ip + 10, 0);
    put32(ip + 12, s->ip_src);
    put32(ip + 16, s->ip_dst);
    for (size_t i = IPV4_HDR_MIN_LEN; i < ip_hlen; i++)
        ip[i] = (uint8_t)net_rx_rnd(r); /* options: the parser only skips them */
    uint16_t csum = inet_checksum(ip, ip_hlen);
    put16(ip + 10, s->bad_checksum ? (uint16_t)(csum ^ 0x5A5A) : csum);

    n += total;
    while (n < ETH_MIN_FRAME)
        out[n++] = 0; /* Ethernet padding, past the IPv4 Total Length */
    if (s->cut && s->cut < n)
        n = s->cut;
    return n;
}

struct net_rx_frame_spec net_rx_random_spec(struct net_rx_rng *r, const struct net_rx_cfg *cfg,
                                            bool allow_runt)
{
    struct net_rx_frame_spec s = net_rx_spec_default();
    s.ip_dst = cfg->local_ip;
    s.udp_dst = cfg->l2tp_port;
    s.udp_src = (uint16_t)net_rx_rnd(r);
    s.vlan = net_rx_rnd_pct(r, 30);
    s.vlan_tci = (uint16_t)net_rx_rnd(r);
    s.ihl =
        (uint8_t)(net_rx_rnd_pct(r, 70) ? IPV4_MIN_IHL : IPV4_MIN_IHL + net_rx_rnd_below(r, 11));
    if (net_rx_rnd_pct(r, 30)) {
        s.l2tp_word = L2TP_HDR_T | L2TP_HDR_L | L2TP_HDR_S | L2TP_VERSION;
    } else {
        s.l2tp_word = L2TP_VERSION;
        s.l2tp_word |= net_rx_rnd_pct(r, 50) ? L2TP_HDR_L : 0;
        s.l2tp_word |= net_rx_rnd_pct(r, 50) ? L2TP_HDR_S : 0;
        s.l2tp_word |= net_rx_rnd_pct(r, 40) ? L2TP_HDR_O : 0;
        s.l2tp_word |= net_rx_rnd_pct(r, 20) ? L2TP_HDR_P : 0;
    }
    if (s.l2tp_word & L2TP_HDR_O)
        s.offset_size = (uint16_t)(net_rx_rnd_pct(r, 20) ? 0 : net_rx_rnd_below(r, 64));
    s.pad_written = s.offset_size;
    s.tunnel_id = (uint16_t)net_rx_rnd(r);
    s.session_id = (uint16_t)net_rx_rnd(r);
    s.ns = (uint16_t)net_rx_rnd(r);
    s.nr = (uint16_t)net_rx_rnd(r);
    unsigned pick = net_rx_rnd_below(r, 100);
    size_t room = 1500 - (size_t)s.ihl * 4 - UDP_HDR_LEN - 14 - s.pad_written;
    s.payload_len = pick < 40   ? net_rx_rnd_below(r, 64)
                    : pick < 90 ? net_rx_rnd_below(r, 1400)
                                : room;
    if (s.payload_len > room)
        s.payload_len = room;
    size_t msg = l2tp_hdr_len(s.l2tp_word) + s.pad_written + s.payload_len;

    if (!net_rx_rnd_pct(r, 35))
        return s;
    switch (net_rx_rnd_below(r, 15)) {
    case 0:
        if (allow_runt)
            s.cut = 1 + net_rx_rnd_below(r, ETH_MIN_FRAME - 1);
        break;
    case 1: {
        static const uint16_t others[] = {ETHERTYPE_ARP, 0x86DD, ETHERTYPE_VLAN, 0x88A8};
        s.ethertype = others[net_rx_rnd_below(r, 4)];
        break;
    }
    case 2:
        if (net_rx_rnd_pct(r, 50))
            s.ip_version = (uint8_t)(net_rx_rnd_pct(r, 50) ? 6 : net_rx_rnd_below(r, 16));
        else
            s.ihl = (uint8_t)net_rx_rnd_below(r, IPV4_MIN_IHL);
        break;
    case 3:
        s.total_len_delta = net_rx_rnd_pct(r, 50)
                                ? 1 + (int)net_rx_rnd_below(r, 300)
                                : -(int)(UDP_HDR_LEN + msg + 1 + net_rx_rnd_below(r, 20));
        break;
    case 4:
        s.bad_checksum = true;
        break;
    case 5:
        s.ip_dst = (uint32_t)net_rx_rnd(r);
        break;
    case 6:
        s.ip_frag =
            net_rx_rnd_pct(r, 50) ? IPV4_FLAG_MF : (uint16_t)(1 + net_rx_rnd_below(r, 0x1FFF));
        break;
    case 7:
        s.ip_protocol = (uint8_t)(net_rx_rnd_pct(r, 50) ? 6 : net_rx_rnd_below(r, 256));
        break;
    case 8:
        s.udp_dst = (uint16_t)net_rx_rnd(r);
        break;
    case 9:
        if (net_rx_rnd_pct(r, 30)) /* no room for the UDP header in Total Length */
            s.total_len_delta = -(int)(UDP_HDR_LEN + msg) + (int)net_rx_rnd_below(r, UDP_HDR_LEN);
        else if (net_rx_rnd_pct(r, 50)) /* UDP Length below its own header */
            s.udp_len_delta = -(int)(UDP_HDR_LEN + msg) + (int)net_rx_rnd_below(r, UDP_HDR_LEN);
        else /* past the IPv4 payload */
            s.udp_len_delta = 1 + (int)net_rx_rnd_below(r, 100);
        break;
    case 10:
        s.l2tp_word = (uint16_t)((s.l2tp_word & ~L2TP_HDR_VER_MASK) |
                                 (net_rx_rnd_pct(r, 50) ? L2F_VERSION : net_rx_rnd_below(r, 16)));
        break;
    case 11:
        if (net_rx_rnd_pct(r, 30)) { /* UDP payload shorter than the L2TP header */
            s.udp_len_delta =
                -(int)(msg - net_rx_rnd_below(r, (unsigned)l2tp_hdr_len(s.l2tp_word)));
        } else {
            s.l2tp_word |= L2TP_HDR_L;
            s.length_delta =
                net_rx_rnd_pct(r, 50)
                    ? 1 + (int)net_rx_rnd_below(r, 100)
                    : -(int)(s.pad_written + s.payload_len + 1 + net_rx_rnd_below(r, 6));
        }
        break;
    case 12:
        do {
            s.l2tp_word =
                (uint16_t)(L2TP_HDR_T | L2TP_VERSION |
                           (net_rx_rnd(r) & (L2TP_HDR_L | L2TP_HDR_S | L2TP_HDR_O | L2TP_HDR_P)));
        } while ((s.l2tp_word & (L2TP_HDR_L | L2TP_HDR_S | L2TP_HDR_O | L2TP_HDR_P)) ==
                 (L2TP_HDR_L | L2TP_HDR_S));
        break;
    case 13:
        s.l2tp_word |= L2TP_HDR_O;
        s.offset_size = (uint16_t)(s.pad_written + s.payload_len + 1 + net_rx_rnd_below(r, 100));
        break;
    default: /* cut short, past the Ethernet minimum */
        s.cut = ETH_MIN_FRAME + net_rx_rnd_below(r, 200);
        break;
    }
    return s;
}

size_t net_rx_directed_specs(struct net_rx_frame_spec *out, size_t cap,
                             const struct net_rx_cfg *cfg, unsigned data_w)
{
    size_t n = 0;
#define ADD(s)                                                                                     \
    do {                                                                                           \
        if (n < cap)                                                                               \
            out[n++] = (s);                                                                        \
    } while (0)
    struct net_rx_frame_spec base = net_rx_spec_default();
    base.ip_dst = cfg->local_ip;
    base.udp_dst = cfg->l2tp_port;

    /* Every T L S O P combination (T=1 without exactly L and S is malformed),
     * with and without a VLAN tag, several IHLs and Offset pads. */
    static const uint16_t pads[] = {0, 1, 7, 40};
    for (unsigned bits = 0; bits < 32; bits++) {
        for (unsigned v = 0; v < 2; v++) {
            for (unsigned k = 0; k < 4; k++) {
                struct net_rx_frame_spec s = base;
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
    for (size_t p = 0; p <= 2 * (size_t)data_w + 2; p++) {
        struct net_rx_frame_spec s = base;
        s.payload_len = p; /* 14 + 20 + 8 + 6 + p: padding until p = 12 */
        ADD(s);
    }
    {
        struct net_rx_frame_spec s = base;
        s.payload_len = 1500 - 20 - 8 - 6; /* 1514 octets */
        ADD(s);
        s.vlan = true; /* 1518 */
        ADD(s);
        s.payload_len = 9000 - 20 - 8 - 6; /* 9018: jumbo with VLAN */
        ADD(s);
    }
    /* Every reason, at least once. */
    {
        struct net_rx_frame_spec s = base;
        s.cut = 1;
        ADD(s);
        s.cut = ETH_MIN_FRAME - 1;
        ADD(s);
        s = base, s.ethertype = ETHERTYPE_ARP;
        ADD(s);
        s = base, s.vlan = true, s.ethertype = ETHERTYPE_VLAN;
        ADD(s); /* QinQ */
        s = base, s.ip_version = 6;
        ADD(s);
        s = base, s.ihl = 4;
        ADD(s);
        s = base, s.total_len_delta = 1, s.payload_len = 100;
        ADD(s);
        s = base, s.total_len_delta = -50;
        ADD(s);
        s = base, s.bad_checksum = true;
        ADD(s);
        s = base, s.bad_checksum = true, s.ihl = 15;
        ADD(s);
        s = base, s.ip_dst = 0x0A0A3502;
        ADD(s);
        s = base, s.ip_frag = IPV4_FLAG_MF;
        ADD(s);
        s = base, s.ip_frag = 185;
        ADD(s);
        s = base, s.ip_protocol = 6;
        ADD(s);
        s = base, s.total_len_delta = -(int)(UDP_HDR_LEN + 6 + 20) + 4;
        ADD(s);
        s = base, s.udp_len_delta = -(int)(UDP_HDR_LEN + 6 + 20) + 7;
        ADD(s);
        s = base, s.udp_len_delta = 1;
        ADD(s);
        s = base, s.udp_dst = 1702;
        ADD(s);
        s = base, s.udp_dst = 1702, s.udp_len_delta = 1;
        ADD(s);
        s = base, s.l2tp_word = L2F_VERSION;
        ADD(s);
        s = base, s.l2tp_word = 3;
        ADD(s);
        s = base, s.udp_len_delta = -(int)(6 + 20) + 1;
        ADD(s); /* 1 octet of L2TP */
        s = base, s.udp_len_delta = -(int)(6 + 20) + 5;
        ADD(s); /* header cut */
        s = base, s.l2tp_word = L2TP_HDR_L | L2TP_VERSION, s.length_delta = 1;
        ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_L | L2TP_VERSION, s.length_delta = -21;
        ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_T | L2TP_HDR_L | L2TP_VERSION;
        ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_O | L2TP_VERSION, s.offset_size = 21;
        ADD(s);
        s = base, s.l2tp_word = L2TP_HDR_O | L2TP_HDR_L | L2TP_VERSION, s.offset_size = 2,
        s.pad_written = 2, s.length_delta = -1;
        ADD(s);
        s = base, s.cut = ETH_MIN_FRAME + 10, s.payload_len = 200;
        ADD(s);
    }
    /* The seed's control messages, each way, in Ethernet/IPv4/UDP. */
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++) {
        struct net_rx_frame_spec s = base;
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
