/* The driver against a simulated card: the same suite for the "rtl" and
 * "model" backends (built twice, SIM_BACKEND names the one; tests/driver/
 * driver_sim.mk). Only the public API (l2tpcard.h, l2tpcard_sim.h) moves
 * frames; registers are touched directly only for the scratch test. Frames
 * are built and checked with host/proto's encoders and decoders, so the card
 * is checked against the software reference, not against itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"
#include "hdlc.h"
#include "l2tp_header.h"
#include "l2tpcard.h"
#include "l2tpcard_sim.h"
#include "net_headers.h"
#include "unit.h"

#ifndef SIM_BACKEND
#error "SIM_BACKEND must name the backend (\"rtl\" or \"model\")"
#endif

#define LOCAL_IP 0xC0A80001u   /* 192.168.0.1: the card */
#define PEER_IP 0xC0A80002u    /* 192.168.0.2: the LNS */
#define L2TP_PORT 1701u
#define WAIT_MS 5              /* virtual time: plenty for the card's work */

static const uint8_t local_mac[6] = {0x02, 0, 0, 0, 0, 1};
static const uint8_t peer_mac[6] = {0x02, 0, 0, 0, 0, 2};

static struct l2tpcard *open_card(unsigned ring_log2)
{
    struct l2tpcard_options o = {.punt_ring_log2 = ring_log2, .inject_ring_log2 = ring_log2};
    struct l2tpcard *card = NULL;
    struct l2tpcard_error err = {0};
    l2tpcard_status st = l2tpcard_open(SIM_BACKEND, &o, &card, &err);
    if (st != L2TPCARD_OK)
        fprintf(stderr, "\n  open: %s\n", err.msg);
    CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
    st = l2tpcard_reset(card);
    if (st != L2TPCARD_OK)
        fprintf(stderr, "\n  reset: %s\n", l2tpcard_errmsg(card));
    CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
    struct l2tpcard_net_config nc = {
        .l2tp_port = L2TP_PORT, .local_ip = LOCAL_IP, .match_local_ip = true};
    memcpy(nc.local_mac, local_mac, 6);
    st = l2tpcard_net_config_set(card, &nc);
    if (st != L2TPCARD_OK)
        fprintf(stderr, "\n  net config: %s\n", l2tpcard_errmsg(card));
    CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
    return card;
}

/* An Ethernet/IPv4/UDP frame from the peer to the card carrying payload. */
static size_t udp_frame(const uint8_t *payload, size_t len, uint8_t *out, size_t cap)
{
    struct net_udp_packet p = {
        .ip_ttl = 64, .ip_frag = 0x4000, .ip_src = PEER_IP, .ip_dst = LOCAL_IP,
        .udp_src = L2TP_PORT, .udp_dst = L2TP_PORT};
    memcpy(p.dst_mac, local_mac, 6);
    memcpy(p.src_mac, peer_mac, 6);
    size_t n = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(net_udp_encode(&p, payload, len, out, cap, &n, &err), PROTO_OK);
    return n;
}

/* An L2TP control message (T, L, S; RFC 2661 §3.1) with `seq` in Ns and a
 * Message Type AVP (SCCRQ), in a frame from the peer. */
static size_t control_frame(uint16_t tunnel, uint16_t seq, uint8_t *out, size_t cap)
{
    uint8_t msg[64];
    struct l2tp_header h = {.is_control = true, .has_length = true, .has_sequence = true,
                            .version = 2, .tunnel_id = tunnel, .ns = seq, .nr = 0};
    static const uint8_t avp[] = {0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
    size_t hl = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(l2tp_header_encode(&h, sizeof avp, msg, sizeof msg, &hl, &err),
                          PROTO_OK);
    memcpy(msg + hl, avp, sizeof avp);
    return udp_frame(msg, hl + sizeof avp, out, cap);
}

/* Waits until a punted frame is there and takes it. */
static l2tpcard_status recv_one(struct l2tpcard *card, struct l2tpcard_punt *m, uint8_t *buf,
                                size_t cap)
{
    for (int i = 0; i < 50; i++) {
        l2tpcard_status st = l2tpcard_recv(card, m, buf, cap);
        if (st != L2TPCARD_EAGAIN)
            return st;
        unsigned ev = 0;
        (void)l2tpcard_wait(card, L2TPCARD_EV_PUNT, WAIT_MS, &ev);
    }
    return L2TPCARD_ETIMEDOUT;
}

/* Runs the card until a NET frame comes out and takes it. */
static l2tpcard_status net_one(struct l2tpcard *card, uint8_t *buf, size_t cap, size_t *len)
{
    for (int i = 0; i < 400; i++) {
        l2tpcard_status st = l2tpcard_sim_net_pull(card, buf, cap, len);
        if (st != L2TPCARD_EAGAIN)
            return st;
        CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 500), L2TPCARD_OK);
    }
    return L2TPCARD_ETIMEDOUT;
}

/* "model:n_ch=N,sess_aw=A": the identity says what was asked; sizes out of
 * range or unknown keys are refused with a message naming them. The rtl
 * backend takes no argument. */
static void test_model_sizes(void)
{
    static const struct {
        const char *spec;
        unsigned n_ch, sessions;
    } good[] = {
        {"model:n_ch=8,sess_aw=14", 8, 16384},
        {"model:sess_aw=4", 32, 16},
        {"model:n_ch=1", 1, 4096},
    };
    static const struct {
        const char *spec, *says;
    } bad[] = {
        {"model:n_ch=33", "N_CH"},   {"model:n_ch=6", "N_CH"},  {"model:sess_aw=17", "SESS_AW"},
        {"model:sess_aw=1", "SESS_AW"}, {"model:lines=4", "lines"}, {"model:n_ch=", "n_ch"},
        {"rtl:n_ch=4", "rtl"},  /* takes no argument (unknown in a model-only build) */
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct l2tpcard *card = NULL;
        struct l2tpcard_error err = {0};
        l2tpcard_status st = l2tpcard_open(good[i].spec, NULL, &card, &err);
        if (st != L2TPCARD_OK)
            fprintf(stderr, "\n  %s: %s\n", good[i].spec, err.msg);
        CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
        CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_OK);
        struct l2tpcard_identity id;
        CU_ASSERT_EQUAL(l2tpcard_identity(card, &id), L2TPCARD_OK);
        CU_ASSERT_EQUAL(id.n_channels, good[i].n_ch);
        CU_ASSERT_EQUAL(id.sessions, good[i].sessions);
        l2tpcard_close(card);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct l2tpcard *card = NULL;
        struct l2tpcard_error err = {0};
        CU_ASSERT_EQUAL(l2tpcard_open(bad[i].spec, NULL, &card, &err), L2TPCARD_EINVAL);
        CU_ASSERT_PTR_NULL(card);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, bad[i].says));
        if (!strstr(err.msg, bad[i].says))
            fprintf(stderr, "\n  %s: '%s' does not name %s\n", bad[i].spec, err.msg,
                    bad[i].says);
    }
}

static void test_identity_and_registers(void)
{
    struct l2tpcard *card = open_card(4);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_describe(card), SIM_BACKEND));
    CU_ASSERT(l2tpcard_is_sim(card));
    struct l2tpcard_identity id;
    CU_ASSERT_EQUAL(l2tpcard_identity(card, &id), L2TPCARD_OK);
    /* both backends' default: the Verilated card's N_CH 32, SESS_AW 12 */
    CU_ASSERT_EQUAL(id.data_w, 8);
    CU_ASSERT_EQUAL(id.n_channels, 32);
    CU_ASSERT_EQUAL(id.sessions, 4096);
    CU_ASSERT(id.clk_hz > 0);
    static const uint32_t pat[] = {0, 0xFFFFFFFFu, 0xA5A55A5Au, 0x12345678u};
    for (size_t i = 0; i < sizeof pat / sizeof pat[0]; i++) {
        card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH, pat[i]);
        CU_ASSERT_EQUAL(card_rd(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH), pat[i]);
    }
    /* the shell's blocks answer on the same bus */
    l2tpcard_irq_moderation(card, 123, 4);
    CU_ASSERT_EQUAL(card_rd(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MOD_CYCLES), 123);
    l2tpcard_close(card);
    /* extension calls on nothing simulated are refused */
    CU_ASSERT_EQUAL(l2tpcard_sim_run(NULL, 1), L2TPCARD_EINVAL);
}

/* A control message from the wire reaches the host untouched (punt ring);
 * a raw frame from the host leaves on the wire (inject ring). */
static void test_control_both_ways(void)
{
    struct l2tpcard *card = open_card(4);
    uint8_t f[256], got[2048];
    size_t n = control_frame(7, 1, f, sizeof f);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL_FATAL(recv_one(card, &m, got, sizeof got), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_CONTROL);
    CU_ASSERT_EQUAL(m.len, n);
    CU_ASSERT(m.len == n && memcmp(got, f, n) == 0);

    size_t out = control_frame(9, 2, f, sizeof f);
    f[0] = 0x02; /* to some MAC: the card sends raw frames as given */
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, out), L2TPCARD_OK);
    size_t len = 0;
    CU_ASSERT_EQUAL_FATAL(net_one(card, got, sizeof got, &len), L2TPCARD_OK);
    CU_ASSERT_EQUAL(len, out);
    CU_ASSERT(len == out && memcmp(got, f, out) == 0);
    uint32_t c[L2TPCARD_CNT_COUNT];
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    CU_ASSERT_EQUAL(c[L2TPCARD_CNT_PUNT_FRAMES], 1);
    CU_ASSERT_EQUAL(c[L2TPCARD_CNT_INJECT_FRAMES], 1);
    l2tpcard_close(card);
}

/* Rings of 4: 3x the ring one at a time both ways (wrap-around), then a
 * burst of punts 3x the ring at once and injects until the ring is full:
 * every frame arrives, in order, none twice. */
static void test_wrap_burst_full(void)
{
    struct l2tpcard *card = open_card(2);
    uint8_t f[256], got[2048];
    struct l2tpcard_punt m;
    for (uint16_t i = 0; i < 12; i++) {
        size_t n = control_frame(1, i, f, sizeof f);
        CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
        CU_ASSERT_EQUAL_FATAL(recv_one(card, &m, got, sizeof got), L2TPCARD_OK);
        CU_ASSERT(m.len == n && memcmp(got, f, n) == 0);
    }
    for (uint16_t i = 0; i < 12; i++) {
        size_t n = control_frame(1, (uint16_t)(100 + i), f, sizeof f);
        CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    }
    for (uint16_t i = 0; i < 12; i++) {
        size_t n = control_frame(1, (uint16_t)(100 + i), f, sizeof f);
        CU_ASSERT_EQUAL_FATAL(recv_one(card, &m, got, sizeof got), L2TPCARD_OK);
        CU_ASSERT(m.len == n && memcmp(got, f, n) == 0);
    }
    /* inject: queue until EAGAIN, then let the card drain and go on */
    unsigned queued = 0, refused = 0, seen = 0;
    size_t len;
    while (queued < 12) {
        size_t n = control_frame(2, (uint16_t)queued, f, sizeof f);
        l2tpcard_status st = l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n);
        if (st == L2TPCARD_OK) {
            queued++;
            continue;
        }
        CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_EAGAIN);
        refused++;
        unsigned ev = 0;
        CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, WAIT_MS, &ev), L2TPCARD_OK);
    }
    CU_ASSERT(refused > 0); /* the ring of 4 did fill */
    while (seen < 12 && net_one(card, got, sizeof got, &len) == L2TPCARD_OK) {
        size_t n = control_frame(2, (uint16_t)seen, f, sizeof f);
        CU_ASSERT(len == n && memcmp(got, f, n) == 0);
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 12);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_pull(card, got, sizeof got, &len), L2TPCARD_EAGAIN);
    l2tpcard_close(card);
}

/* Reset while frames move both ways: afterwards the card is as new and
 * works (stale frames may be gone, never corrupted). */
static void test_reset_mid_traffic(void)
{
    struct l2tpcard *card = open_card(3);
    uint8_t f[256], got[2048];
    for (uint16_t i = 0; i < 6; i++) {
        size_t n = control_frame(3, i, f, sizeof f);
        CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n), L2TPCARD_OK);
    }
    CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 300), L2TPCARD_OK);
    CU_ASSERT_EQUAL_FATAL(l2tpcard_reset(card), L2TPCARD_OK);
    uint32_t c[L2TPCARD_CNT_COUNT];
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    size_t len;
    while (l2tpcard_sim_net_pull(card, got, sizeof got, &len) == L2TPCARD_OK)
        ;
    struct l2tpcard_net_config nc = {
        .l2tp_port = L2TP_PORT, .local_ip = LOCAL_IP, .match_local_ip = true};
    CU_ASSERT_EQUAL(l2tpcard_net_config_set(card, &nc), L2TPCARD_OK);
    /* what was still on its way in may arrive; then a fresh frame does */
    size_t n = control_frame(3, 999, f, sizeof f);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    struct l2tpcard_punt m;
    bool found = false;
    for (int i = 0; i < 8 && !found; i++) {
        if (recv_one(card, &m, got, sizeof got) != L2TPCARD_OK)
            break;
        CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_CONTROL);
        found = m.len == n && memcmp(got, f, n) == 0;
    }
    CU_ASSERT(found);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n), L2TPCARD_OK);
    CU_ASSERT_EQUAL_FATAL(net_one(card, got, sizeof got, &len), L2TPCARD_OK);
    CU_ASSERT(len == n && memcmp(got, f, n) == 0);
    l2tpcard_close(card);
}

/* Interrupts per frame without and with moderation. */
static uint64_t irqs_for_burst(unsigned mod_cycles)
{
    struct l2tpcard *card = open_card(4);
    CU_ASSERT_EQUAL(l2tpcard_irq_moderation(card, mod_cycles, 0), L2TPCARD_OK);
    uint8_t f[256], got[2048];
    struct l2tpcard_sim_stats a, b;
    l2tpcard_sim_stats(card, &a);
    for (uint16_t i = 0; i < 8; i++) {
        size_t n = control_frame(4, i, f, sizeof f);
        CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    }
    struct l2tpcard_punt m;
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(recv_one(card, &m, got, sizeof got), L2TPCARD_OK);
    l2tpcard_sim_stats(card, &b);
    l2tpcard_close(card);
    return b.irqs - a.irqs;
}

static void test_irq_moderation(void)
{
    uint64_t every = irqs_for_burst(0), moderated = irqs_for_burst(20000);
    CU_ASSERT(every >= 2);
    CU_ASSERT(moderated >= 1);
    CU_ASSERT(moderated < every);
}

static struct l2tpcard_session lac_session(uint16_t sid)
{
    struct l2tpcard_session s = {
        .local_tunnel_id = 5, .local_session_id = sid, .peer_tunnel_id = 50,
        .peer_session_id = (uint16_t)(sid + 500), .binding = L2TPCARD_BIND_CHANNEL,
        .channel = 1, .mru = 1500, .local_ip = LOCAL_IP, .peer_ip = PEER_IP,
        .local_port = L2TP_PORT, .peer_port = L2TP_PORT, .ttl = 64, .tx_accm = 0xFFFFFFFFu,
        .rx_accm = 0};
    memcpy(s.local_mac, local_mac, 6);
    memcpy(s.peer_mac, peer_mac, 6);
    return s;
}

/* An L2TP data message for session (5, sid) carrying ppp, from the peer. */
static size_t data_frame(uint16_t sid, const uint8_t *ppp, size_t len, uint8_t *out, size_t cap)
{
    uint8_t msg[512];
    struct l2tp_header h = {.version = 2, .tunnel_id = 5, .session_id = sid};
    size_t hl = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(l2tp_header_encode(&h, len, msg, sizeof msg, &hl, &err), PROTO_OK);
    memcpy(msg + hl, ppp, len);
    return udp_frame(msg, hl + len, out, cap);
}

/* Data: a session bound to ACCESS channel 1 carries PPP both ways (checked
 * with host/proto's HDLC and L2TP/UDP decoders), and is programmed, read
 * back, cleared and reprogrammed while its frames keep arriving. */
static void test_session_data_under_traffic(void)
{
    struct l2tpcard *card = open_card(4);
    static const uint8_t ppp[] = {0xFF, 0x03, 0xC0, 0x21, 0x09, 0x01, 0x00, 0x08,
                                  0x11, 0x22, 0x33, 0x44}; /* LCP Echo-Request */
    struct l2tpcard_session s = lac_session(3);
    CU_ASSERT_EQUAL_FATAL(l2tpcard_session_program(card, &s, true), L2TPCARD_OK);

    /* wire -> user: NET data frame -> HDLC on channel 1 */
    uint8_t f[512], line[512], dec[512];
    size_t n = data_frame(3, ppp, sizeof ppp, f, sizeof f);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    size_t got = 0, total = 0;
    for (int i = 0; i < 100 && total < sizeof line; i++) {
        CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 200), L2TPCARD_OK);
        CU_ASSERT_EQUAL(l2tpcard_sim_access_pull(card, 1, line + total, sizeof line - total, &got),
                        L2TPCARD_OK);
        total += got;
        if (total > 2 && line[total - 1] == 0x7E)
            break;
    }
    struct hdlc_rx_config rc = {.accm = 0, .fcs = HDLC_FCS_16, .mru = 1500};
    size_t dl = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(hdlc_decode(&rc, line, total, dec, sizeof dec, &dl, &err), PROTO_OK);
    CU_ASSERT(dl == sizeof ppp && memcmp(dec, ppp, dl) == 0);

    /* user -> wire: HDLC on channel 1 -> NET encapsulated toward the peer */
    struct hdlc_tx_config tc = {.accm = 0xFFFFFFFFu, .fcs = HDLC_FCS_16, .opening_flag = true};
    size_t hn = 0;
    CU_ASSERT_EQUAL_FATAL(hdlc_encode(&tc, ppp, sizeof ppp, line, sizeof line, &hn, &err),
                          PROTO_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_access_push(card, 1, line, hn), L2TPCARD_OK);
    size_t len = 0;
    CU_ASSERT_EQUAL_FATAL(net_one(card, f, sizeof f, &len), L2TPCARD_OK);
    struct net_udp_packet p;
    CU_ASSERT_EQUAL_FATAL(net_udp_decode(f, len, &p, &err), PROTO_OK);
    CU_ASSERT(p.ip_checksum_ok);
    CU_ASSERT_EQUAL(p.ip_src, LOCAL_IP);
    CU_ASSERT_EQUAL(p.ip_dst, PEER_IP);
    CU_ASSERT(memcmp(p.dst_mac, peer_mac, 6) == 0);
    struct l2tp_header h;
    CU_ASSERT_EQUAL_FATAL(l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err), PROTO_OK);
    CU_ASSERT(!h.is_control);
    CU_ASSERT_EQUAL(h.tunnel_id, 50);
    CU_ASSERT_EQUAL(h.session_id, 503);
    CU_ASSERT(h.payload_len == sizeof ppp &&
              memcmp(p.payload + h.header_len, ppp, sizeof ppp) == 0);

    /* table changes while data frames for the session keep coming */
    for (int round = 0; round < 4; round++) {
        for (int k = 0; k < 3; k++)
            CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, data_frame(3, ppp, sizeof ppp, f,
                                                                        sizeof f)),
                            L2TPCARD_OK);
        CU_ASSERT_EQUAL(l2tpcard_session_clear(card, 3), L2TPCARD_OK);
        bool valid = true;
        CU_ASSERT_EQUAL(l2tpcard_session_read(card, 3, &valid, NULL, NULL), L2TPCARD_OK);
        CU_ASSERT(!valid);
        s.peer_session_id = (uint16_t)(600 + round);
        CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, false), L2TPCARD_OK);
        struct l2tpcard_session back;
        struct l2tpcard_session_counters ctr;
        CU_ASSERT_EQUAL(l2tpcard_session_read(card, 3, &valid, &back, &ctr), L2TPCARD_OK);
        CU_ASSERT(valid);
        CU_ASSERT_EQUAL(back.peer_session_id, 600 + round);
        CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 1500), L2TPCARD_OK);
    }
    /* every data frame was delivered or counted as for an unknown session */
    uint32_t c[L2TPCARD_CNT_COUNT];
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    struct l2tpcard_session_counters ctr;
    bool valid;
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 3, &valid, NULL, &ctr), L2TPCARD_OK);
    CU_ASSERT(c[L2TPCARD_CNT_SESS_UNKNOWN] + ctr.rx_packets >= 12);
    l2tpcard_close(card);
}

/* What the host queued and the card has not taken yet: ACCESS octets go in
 * one a cycle (a long line frame is many cycles of input with nothing out,
 * which host/l2tpd/card_if.c must not take for a quiet card), NET frames
 * as the card takes their beats. */
static void test_input_pending(void)
{
    struct l2tpcard *card = open_card(4);
    uint8_t line[1200];
    for (size_t i = 0; i < sizeof line; i++)
        line[i] = (uint8_t)(i % 2 ? 0x7E : 0x55);   /* flags and garbage: nothing to deliver */
    size_t frames = 9, octets = 9;
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, &frames, &octets), L2TPCARD_OK);
    CU_ASSERT(frames == 0 && octets == 0);
    CU_ASSERT_EQUAL(l2tpcard_sim_access_push(card, 1, line, sizeof line), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_access_push(card, 2, line, 100), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, NULL, &octets), L2TPCARD_OK);
    CU_ASSERT_EQUAL(octets, sizeof line + 100);
    /* 512 cycles (l2tpd's quiet slices) take 512 octets of a channel, no more */
    CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 512), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, NULL, &octets), L2TPCARD_OK);
    CU_ASSERT_EQUAL(octets, sizeof line - 512);
    CU_ASSERT_EQUAL(l2tpcard_sim_run(card, sizeof line), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, NULL, &octets), L2TPCARD_OK);
    CU_ASSERT_EQUAL(octets, 0);

    uint8_t f[128];
    size_t n = control_frame(7, 0, f, sizeof f);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, &frames, NULL), L2TPCARD_OK);
    CU_ASSERT_EQUAL(frames, 2);
    CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 500), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_input_pending(card, &frames, NULL), L2TPCARD_OK);
    CU_ASSERT_EQUAL(frames, 0);
    l2tpcard_close(card);
}

/* Inject frames read from host memory with a long latency and the chunks'
 * completions interleaved out of order still leave whole and in order. */
static void test_dma_out_of_order(void)
{
    struct l2tpcard *card = open_card(3);
    CU_ASSERT_EQUAL(l2tpcard_sim_dma_config(card, 200, true, 42), L2TPCARD_OK);
    uint8_t f[256], got[2048];
    size_t len;
    for (uint16_t i = 0; i < 10; i++) {
        size_t n = control_frame(8, i, f, sizeof f);
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n), L2TPCARD_OK);
        CU_ASSERT_EQUAL_FATAL(net_one(card, got, sizeof got, &len), L2TPCARD_OK);
        CU_ASSERT(len == n && memcmp(got, f, n) == 0);
    }
    struct l2tpcard_sim_stats st;
    CU_ASSERT_EQUAL(l2tpcard_sim_stats(card, &st), L2TPCARD_OK);
    CU_ASSERT_EQUAL(st.dma_errors, 0);
    CU_ASSERT(st.dma_reads > 0);
    l2tpcard_close(card);
}

/* A failed DMA read (the host's bus refused it) stops the rings and says
 * so; reset brings the card back. */
static void test_dma_error_and_recovery(void)
{
    struct l2tpcard *card = open_card(3);
    uint8_t f[256], got[2048];
    size_t n = control_frame(9, 1, f, sizeof f), len;
    CU_ASSERT_EQUAL(l2tpcard_sim_dma_fail_reads(card, 1), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n), L2TPCARD_OK);
    unsigned ev = 0;
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_ERROR, WAIT_MS, &ev), L2TPCARD_OK);
    CU_ASSERT(ev & L2TPCARD_EV_ERROR);
    CU_ASSERT(card_rd(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_STATUS) & CARD_STATUS_DMA_ERROR);
    /* stopped: a punt is not delivered while the rings are stopped */
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_run(card, 5000), L2TPCARD_OK);
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, got, sizeof got), L2TPCARD_EAGAIN);
    struct l2tpcard_sim_stats st;
    CU_ASSERT_EQUAL(l2tpcard_sim_stats(card, &st), L2TPCARD_OK);
    CU_ASSERT(st.dma_errors >= 1);
    /* reset recovers: both ways work again */
    CU_ASSERT_EQUAL_FATAL(l2tpcard_reset(card), L2TPCARD_OK);
    CU_ASSERT_EQUAL(card_rd(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_STATUS) & CARD_STATUS_DMA_ERROR, 0);
    struct l2tpcard_net_config nc = {
        .l2tp_port = L2TP_PORT, .local_ip = LOCAL_IP, .match_local_ip = true};
    CU_ASSERT_EQUAL(l2tpcard_net_config_set(card, &nc), L2TPCARD_OK);
    while (l2tpcard_sim_net_pull(card, got, sizeof got, &len) == L2TPCARD_OK)
        ;
    size_t n2 = control_frame(9, 2, f, sizeof f);
    CU_ASSERT_EQUAL(l2tpcard_sim_net_push(card, f, n2), L2TPCARD_OK);
    bool found = false;
    for (int i = 0; i < 4 && !found && recv_one(card, &m, got, sizeof got) == L2TPCARD_OK; i++)
        found = m.len == n2 && memcmp(got, f, n2) == 0;
    CU_ASSERT(found);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n2), L2TPCARD_OK);
    CU_ASSERT_EQUAL_FATAL(net_one(card, got, sizeof got, &len), L2TPCARD_OK);
    CU_ASSERT(len == n2 && memcmp(got, f, n2) == 0);
    l2tpcard_close(card);
}

/* Moves every NET frame one card sent into the other: an in-memory wire. */
static unsigned wire(struct l2tpcard *from, struct l2tpcard *to)
{
    uint8_t f[2048];
    size_t len;
    unsigned n = 0;
    while (l2tpcard_sim_net_pull(from, f, sizeof f, &len) == L2TPCARD_OK) {
        CU_ASSERT_EQUAL(l2tpcard_sim_net_push(to, f, len), L2TPCARD_OK);
        n++;
    }
    return n;
}

/* Two cards on one wire, as l2tpd runs a LAC and an LNS: a user's PPP frame
 * enters the LAC card's channel and leaves the LNS card's punt ring as the
 * session's PPP; the LNS host's reply (inject for the session) reaches the
 * user's line. Two handles, no shared state. */
static void test_two_cards_on_a_wire(void)
{
    struct l2tpcard *lac = open_card(4), *lns = open_card(4);
    struct l2tpcard_net_config nc = {
        .l2tp_port = L2TP_PORT, .local_ip = PEER_IP, .match_local_ip = true};
    memcpy(nc.local_mac, peer_mac, 6);
    CU_ASSERT_EQUAL_FATAL(l2tpcard_net_config_set(lns, &nc), L2TPCARD_OK);
    struct l2tpcard_session a = lac_session(3);
    a.peer_session_id = 7;
    CU_ASSERT_EQUAL_FATAL(l2tpcard_session_program(lac, &a, true), L2TPCARD_OK);
    struct l2tpcard_session b = {
        .local_tunnel_id = 50, .local_session_id = 7, .peer_tunnel_id = 5,
        .peer_session_id = 3, .binding = L2TPCARD_BIND_HOST, .mru = 1500,
        .local_ip = PEER_IP, .peer_ip = LOCAL_IP, .local_port = L2TP_PORT,
        .peer_port = L2TP_PORT, .ttl = 64, .tx_accm = 0xFFFFFFFFu};
    memcpy(b.local_mac, peer_mac, 6);
    memcpy(b.peer_mac, local_mac, 6);
    CU_ASSERT_EQUAL_FATAL(l2tpcard_session_program(lns, &b, true), L2TPCARD_OK);

    static const uint8_t ppp[] = {0xFF, 0x03, 0x80, 0x21, 0x01, 0x01, 0x00, 0x0A,
                                  0x03, 0x06, 0x0A, 0x00, 0x00, 0x01}; /* IPCP Conf-Req */
    uint8_t line[256], got[2048];
    size_t hn = 0;
    struct proto_error err = {0};
    struct hdlc_tx_config tc = {.accm = 0xFFFFFFFFu, .fcs = HDLC_FCS_16, .opening_flag = true};
    CU_ASSERT_EQUAL_FATAL(hdlc_encode(&tc, ppp, sizeof ppp, line, sizeof line, &hn, &err),
                          PROTO_OK);
    CU_ASSERT_EQUAL(l2tpcard_sim_access_push(lac, 1, line, hn), L2TPCARD_OK);
    unsigned moved = 0;
    for (int i = 0; i < 50 && moved == 0; i++) {
        CU_ASSERT_EQUAL(l2tpcard_sim_run(lac, 200), L2TPCARD_OK);
        moved += wire(lac, lns);
    }
    CU_ASSERT_EQUAL_FATAL(moved, 1);
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL_FATAL(recv_one(lns, &m, got, sizeof got), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_SESSION_PPP);
    CU_ASSERT_EQUAL(m.session, 7);
    CU_ASSERT(m.len == sizeof ppp && memcmp(got, ppp, sizeof ppp) == 0);

    /* the reply: the LNS host injects PPP for session 7 */
    CU_ASSERT_EQUAL(l2tpcard_inject(lns, L2TPCARD_INJECT_SESSION_PPP, 7, ppp, sizeof ppp),
                    L2TPCARD_OK);
    moved = 0;
    for (int i = 0; i < 50 && moved == 0; i++) {
        CU_ASSERT_EQUAL(l2tpcard_sim_run(lns, 200), L2TPCARD_OK);
        moved += wire(lns, lac);
    }
    CU_ASSERT_EQUAL_FATAL(moved, 1);
    size_t total = 0, n = 0;
    for (int i = 0; i < 100; i++) {
        CU_ASSERT_EQUAL(l2tpcard_sim_run(lac, 200), L2TPCARD_OK);
        CU_ASSERT_EQUAL(l2tpcard_sim_access_pull(lac, 1, line + total, sizeof line - total, &n),
                        L2TPCARD_OK);
        total += n;
        if (total > 2 && line[total - 1] == 0x7E)
            break;
    }
    struct hdlc_rx_config rc = {.accm = 0, .fcs = HDLC_FCS_16, .mru = 1500};
    size_t dl = 0;
    CU_ASSERT_EQUAL_FATAL(hdlc_decode(&rc, line, total, got, sizeof got, &dl, &err), PROTO_OK);
    CU_ASSERT(dl == sizeof ppp && memcmp(got, ppp, dl) == 0);
    l2tpcard_close(lac);
    l2tpcard_close(lns);
}

void register_suites(void)
{
    static CU_TestInfo tests[] = {
        {"open, reset, identity, scratch and shell registers", test_identity_and_registers},
        {"model sizes from the spec (n_ch, sess_aw); bad sizes refused", test_model_sizes},
        {"control frames both ways through the rings", test_control_both_ways},
        {"ring wrap-around, punt burst over the ring, inject ring full", test_wrap_burst_full},
        {"reset mid-traffic", test_reset_mid_traffic},
        {"interrupt moderation", test_irq_moderation},
        {"session data both ways; table changes under traffic", test_session_data_under_traffic},
        {"host input not yet taken: ACCESS octets, NET frames", test_input_pending},
        {"DMA reads served late and out of order", test_dma_out_of_order},
        {"DMA read error stops the rings; reset recovers", test_dma_error_and_recovery},
        {"two cards on an in-memory wire: user PPP to the LNS host and back",
         test_two_cards_on_a_wire},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver on the " SIM_BACKEND " card", tests);
}
