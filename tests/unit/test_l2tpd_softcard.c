/* host/l2tpd/softcard.c, the software card l2tpd runs on with --card soft:
 * every path of hw/ARCHITECTURE.md's datapath it implements, checked with
 * host/proto's encoders and decoders (RFC 2661 §3.1 data/control headers,
 * §5.4 sequencing, RFC 1662 HDLC framing), and every drop counted under
 * its register name. */
#include <string.h>

#include "hdlc.h"
#include "l2tp_header.h"
#include "net_headers.h"
#include "ppp_const.h"
#include "softcard.h"
#include "unit.h"

#define CARD_IP 0x0A330644u   /* 10.51.6.68 */
#define PEER_IP 0x0A330652u   /* 10.51.6.82 */

struct out {
    uint8_t net[8][2048];
    size_t net_len[8], n_net;
    uint8_t acc[8][4096];
    size_t acc_len[8];
    uint16_t acc_ch[8];
    size_t n_acc;
};

static void net_tx(void *ctx, const uint8_t *f, size_t len)
{
    struct out *o = ctx;
    CU_ASSERT_FATAL(o->n_net < 8 && len <= sizeof o->net[0]);
    memcpy(o->net[o->n_net], f, len);
    o->net_len[o->n_net++] = len;
}

static void acc_tx(void *ctx, uint16_t ch, const uint8_t *b, size_t len)
{
    struct out *o = ctx;
    CU_ASSERT_FATAL(o->n_acc < 8 && len <= sizeof o->acc[0]);
    memcpy(o->acc[o->n_acc], b, len);
    o->acc_len[o->n_acc] = len;
    o->acc_ch[o->n_acc++] = ch;
}

static void card_up(struct softcard *c, struct out *o)
{
    memset(o, 0, sizeof *o);
    CU_ASSERT_FATAL(softcard_init(c, 64, 4, 8, net_tx, acc_tx, o) == 0);
    struct l2tpcard_net_config nc = {.l2tp_port = 1701, .local_ip = CARD_IP,
                                     .match_local_ip = true};
    softcard_net_config_set(c, &nc);
}

/* A frame from the peer to the card: UDP ports, then an L2TP header. */
static size_t peer_frame(uint32_t dst_ip, uint16_t dst_port, const struct l2tp_header *h0,
                         const uint8_t *payload, size_t plen, uint8_t *out, size_t cap)
{
    struct l2tp_header h = *h0;
    uint8_t l2tp[512];
    size_t hl = 0;
    CU_ASSERT_FATAL(l2tp_header_encode(&h, plen, l2tp, sizeof l2tp, &hl, NULL) == PROTO_OK);
    memcpy(l2tp + hl, payload, plen);
    struct net_udp_packet p = {.ip_ttl = 64, .ip_src = PEER_IP, .ip_dst = dst_ip,
                               .udp_src = 1701, .udp_dst = dst_port};
    size_t n = 0;
    CU_ASSERT_FATAL(net_udp_encode(&p, l2tp, hl + plen, out, cap, &n, NULL) == PROTO_OK);
    return n;
}

static const uint8_t ppp_lcp[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04};

static struct l2tpcard_session lac_entry(uint16_t sid, bool seq)
{
    struct l2tpcard_session s = {.local_tunnel_id = 17688, .local_session_id = sid,
                                 .peer_tunnel_id = 55270, .peer_session_id = 45,
                                 .binding = L2TPCARD_BIND_CHANNEL, .channel = 2, .mru = 1500,
                                 .local_ip = CARD_IP, .peer_ip = PEER_IP, .local_port = 1701,
                                 .peer_port = 1701, .ttl = 64, .tx_accm = 0, .rx_accm = 0,
                                 .seq_tx = seq, .seq_rx = seq};
    return s;
}

static void test_control_punted_and_drops_counted(void)
{
    struct softcard c;
    struct out o;
    card_up(&c, &o);
    uint8_t f[600], buf[2048];
    struct l2tp_header ctl = {.version = 2, .is_control = true, .has_length = true,
                              .has_sequence = true, .tunnel_id = 0};
    size_t n = peer_frame(CARD_IP, 1701, &ctl, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL_FATAL(softcard_recv(&c, &m, buf, sizeof buf), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_CONTROL);
    CU_ASSERT(m.len == n && memcmp(buf, f, n) == 0);   /* whole frame */
    CU_ASSERT_EQUAL(softcard_recv(&c, &m, buf, sizeof buf), L2TPCARD_EAGAIN);

    struct l2tp_header data = {.version = 2, .has_length = true, .tunnel_id = 17688,
                               .session_id = 7};
    n = peer_frame(CARD_IP, 1701, &data, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);                 /* no such session */
    n = peer_frame(CARD_IP, 1702, &data, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);                 /* not the L2TP port */
    n = peer_frame(CARD_IP + 1, 1701, &data, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);                 /* not our address */
    softcard_net_rx(&c, f, 20);                /* runt */
    struct l2tpcard_session s = lac_entry(7, false);
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_OK);
    data.tunnel_id = 1;
    n = peer_frame(CARD_IP, 1701, &data, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);                 /* session 7, wrong tunnel */
    uint32_t cnt[L2TPCARD_CNT_COUNT];
    softcard_counters_read(&c, cnt);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_NET_RX_OK], 3);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_PUNT_FRAMES], 1);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_SESS_UNKNOWN], 1);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_SESS_WRONG_TUNNEL], 1);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_NET_RX_OTHER_PORT], 1);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_NET_RX_OTHER_IP], 1);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_NET_RX_RUNT], 1);
    CU_ASSERT_EQUAL(o.n_net + o.n_acc, 0);
    softcard_free(&c);
}

/* LAC: a channel-bound session carries the user's frames both ways. */
static void test_channel_session_both_ways(void)
{
    struct softcard c;
    struct out o;
    card_up(&c, &o);
    struct l2tpcard_session s = lac_entry(7, true);
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_OK);
    /* user -> card: HDLC on channel 2 -> L2TP data to the peer, Ns 0 then 1 */
    struct hdlc_tx_config tx = {.accm = 0, .fcs = HDLC_FCS_16, .opening_flag = true};
    uint8_t oct[64], f[600];
    size_t n = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx, ppp_lcp, sizeof ppp_lcp, oct, sizeof oct, &n, NULL) ==
                    PROTO_OK);
    softcard_access_rx(&c, 2, oct, n);
    softcard_access_rx(&c, 2, oct, n);
    CU_ASSERT_EQUAL_FATAL(o.n_net, 2);
    struct net_udp_packet p;
    CU_ASSERT_EQUAL_FATAL(net_udp_decode(o.net[1], o.net_len[1], &p, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(p.ip_dst, PEER_IP);
    CU_ASSERT_EQUAL(p.udp_dst, 1701);
    struct l2tp_header h;
    CU_ASSERT_EQUAL_FATAL(l2tp_header_decode(p.payload, p.payload_len, 0, &h, NULL), PROTO_OK);
    CU_ASSERT(!h.is_control && h.has_sequence);
    CU_ASSERT_EQUAL(h.tunnel_id, 55270);
    CU_ASSERT_EQUAL(h.session_id, 45);
    CU_ASSERT_EQUAL(h.ns, 1);
    CU_ASSERT(h.payload_len == sizeof ppp_lcp &&
              memcmp(p.payload + h.header_len, ppp_lcp, sizeof ppp_lcp) == 0);
    /* peer -> card: Ns 5, then an older Ns 3 (dropped, §5.4), into channel 2 */
    struct l2tp_header d = {.version = 2, .has_length = true, .has_sequence = true,
                            .tunnel_id = 17688, .session_id = 7, .ns = 5};
    n = peer_frame(CARD_IP, 1701, &d, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);
    d.ns = 3;
    n = peer_frame(CARD_IP, 1701, &d, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);
    CU_ASSERT_EQUAL_FATAL(o.n_acc, 1);
    CU_ASSERT_EQUAL(o.acc_ch[0], 2);
    struct hdlc_rx_config rx = {.accm = 0, .fcs = HDLC_FCS_16, .mru = 1500};
    uint8_t fr[64];
    CU_ASSERT_EQUAL_FATAL(hdlc_decode(&rx, o.acc[0], o.acc_len[0], fr, sizeof fr, &n, NULL),
                          PROTO_OK);
    CU_ASSERT(n == sizeof ppp_lcp && memcmp(fr, ppp_lcp, n) == 0);
    bool valid = false;
    struct l2tpcard_session rd;
    struct l2tpcard_session_counters ctr;
    CU_ASSERT_EQUAL(softcard_session_read(&c, 7, &valid, &rd, &ctr), L2TPCARD_OK);
    CU_ASSERT(valid);
    CU_ASSERT_EQUAL(rd.nr, 6);
    CU_ASSERT_EQUAL(rd.ns, 2);
    /* Ns 5 where 0 was expected and the late Ns 3: both out of order (as
     * the card counts them); only the late one is dropped. */
    CU_ASSERT_EQUAL(ctr.out_of_order, 2);
    CU_ASSERT_EQUAL(ctr.drops, 1);
    CU_ASSERT_EQUAL(ctr.rx_packets, 1);
    CU_ASSERT_EQUAL(ctr.tx_packets, 2);
    /* cleared: the channel punts again (back to the default ACCM) */
    CU_ASSERT_EQUAL(softcard_session_clear(&c, 7), L2TPCARD_OK);
    tx.accm = PPP_DEFAULT_ACCM;
    CU_ASSERT_FATAL(hdlc_encode(&tx, ppp_lcp, sizeof ppp_lcp, oct, sizeof oct, &n, NULL) ==
                    PROTO_OK);
    softcard_access_rx(&c, 2, oct, n);
    struct l2tpcard_punt m;
    uint8_t buf[2048];
    CU_ASSERT_EQUAL_FATAL(softcard_recv(&c, &m, buf, sizeof buf), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_CHANNEL_PPP);
    CU_ASSERT_EQUAL(m.channel, 2);
    CU_ASSERT_EQUAL(softcard_sessions_valid(&c), 0);
    softcard_free(&c);
}

/* LNS: a host-bound session punts its frames; injects are encapsulated. */
static void test_host_session_and_injects(void)
{
    struct softcard c;
    struct out o;
    card_up(&c, &o);
    struct l2tpcard_session s = lac_entry(45, false);
    s.binding = L2TPCARD_BIND_HOST;
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_OK);
    struct l2tp_header d = {.version = 2, .has_length = true, .tunnel_id = 17688,
                            .session_id = 45};
    uint8_t f[600], buf[2048];
    size_t n = peer_frame(CARD_IP, 1701, &d, ppp_lcp, sizeof ppp_lcp, f, sizeof f);
    softcard_net_rx(&c, f, n);
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL_FATAL(softcard_recv(&c, &m, buf, sizeof buf), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_SESSION_PPP);
    CU_ASSERT_EQUAL(m.session, 45);
    CU_ASSERT(m.len == sizeof ppp_lcp && memcmp(buf, ppp_lcp, m.len) == 0);
    /* a punt bigger than the caller's buffer is consumed with EINVAL */
    softcard_net_rx(&c, f, n);
    CU_ASSERT_EQUAL(softcard_recv(&c, &m, buf, 4), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(m.len, sizeof ppp_lcp);
    CU_ASSERT_EQUAL(softcard_recv(&c, &m, buf, sizeof buf), L2TPCARD_EAGAIN);

    CU_ASSERT_EQUAL(softcard_inject(&c, L2TPCARD_INJECT_SESSION_PPP, 45, ppp_lcp,
                                    sizeof ppp_lcp), L2TPCARD_OK);
    CU_ASSERT_EQUAL(o.n_net, 1);
    CU_ASSERT_EQUAL(softcard_inject(&c, L2TPCARD_INJECT_CHANNEL_PPP, 1, ppp_lcp,
                                    sizeof ppp_lcp), L2TPCARD_OK);
    CU_ASSERT_EQUAL_FATAL(o.n_acc, 1);
    /* unbound channel: the default ACCM escapes every control octet (RFC 1662 §7.1) */
    CU_ASSERT(memchr(o.acc[0] + 1, 0x03, o.acc_len[0] - 2) == NULL);
    CU_ASSERT_EQUAL(softcard_inject(&c, L2TPCARD_INJECT_SESSION_PPP, 9, ppp_lcp,
                                    sizeof ppp_lcp), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(softcard_inject(&c, L2TPCARD_INJECT_CHANNEL_PPP, 4, ppp_lcp,
                                    sizeof ppp_lcp), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(softcard_inject(&c, L2TPCARD_INJECT_NET, 0, ppp_lcp, 0), L2TPCARD_EINVAL);
    uint32_t cnt[L2TPCARD_CNT_COUNT];
    softcard_counters_read(&c, cnt);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_INJECT_FRAMES], 2);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_INJECT_BAD_DESC], 3);
    /* bad entries are refused */
    s.local_session_id = 0;
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_EINVAL);
    s.local_session_id = 64;
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_EINVAL);
    s = lac_entry(5, false);
    s.channel = 4;
    CU_ASSERT_EQUAL(softcard_session_program(&c, &s, true), L2TPCARD_EINVAL);
    softcard_free(&c);
}

/* A full punt ring drops and counts instead of growing. */
static void test_punt_ring_full(void)
{
    struct softcard c;
    struct out o;
    card_up(&c, &o);
    struct hdlc_tx_config tx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16,
                                .opening_flag = true};
    uint8_t oct[64];
    size_t n = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx, ppp_lcp, sizeof ppp_lcp, oct, sizeof oct, &n, NULL) ==
                    PROTO_OK);
    for (int i = 0; i < 10; i++)
        softcard_access_rx(&c, 0, oct, n);
    uint32_t cnt[L2TPCARD_CNT_COUNT];
    softcard_counters_read(&c, cnt);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_PUNT_FRAMES], 8);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_PUNT_RING_FULL], 2);
    oct[n - 2] ^= 0x01;   /* FCS broken */
    softcard_access_rx(&c, 0, oct, n);
    softcard_counters_read(&c, cnt);
    CU_ASSERT_EQUAL(cnt[L2TPCARD_CNT_HDLC_BAD_FCS], 1);
    softcard_free(&c);
}

void register_suites(void)
{
    static CU_TestInfo tests[] = {
        {"control punted whole, drops counted", test_control_punted_and_drops_counted},
        {"channel session both ways, sequencing", test_channel_session_both_ways},
        {"host session punts, injects", test_host_session_and_injects},
        {"punt ring full", test_punt_ring_full},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tpd softcard", tests);
}
