/* The seed's LAC (hgw) and LNS (l2tp-gw) run as two l2tp_ctrl instances over
 * an in-memory wire: the call of Cisco document 23980 from SCCRQ to the
 * final ZLB, message by message and state by state, every frame byte for
 * byte equal to the seed's (tests/vectors/seed_packets.h), with the seed's
 * IDs (17688/7 and 55270/45), Ns/Nr, challenges and timers (the LNS's
 * StopCCN 10 s after the CDN). Then the same call under 20% loss plus
 * duplication and reordering still reaches established and then idle. */
#include <string.h>

#include "../vectors/seed_packets.h"
#include "hexbytes.h"
#include "l2tp_const.h"
#include "l2tp_ctrl_wire.h"
#include "unit.h"

#define LAC_IP 0x0A330644u /* 10.51.6.68, the LNS's "address 10.51.6.68" */
#define LNS_IP 0x0A330652u /* 10.51.6.82, "Forward to address 10.51.6.82" */

static const uint8_t challenge_lac[] = {0x54, 0x5A, 0x23, 0x43, 0xFB, 0xE2, 0x0E, 0xA0,
                                        0x8B, 0xCA, 0x7B, 0x56, 0xE4, 0xA7, 0xD2, 0x9E};
static const uint8_t challenge_lns[] = {0x98, 0xB2, 0x96, 0xC2, 0x84, 0x29, 0xE7, 0xAD,
                                        0xC7, 0x67, 0x23, 0x7A, 0x45, 0xF3, 0x10, 0x40};
static const uint8_t hello[] = {'h', 'e', 'l', 'l', 'o'};
static const struct l2tp_peer_secret lac_peers[] = {{"l2tp-gw", hello, sizeof hello}};
static const struct l2tp_peer_secret lns_peers[] = {{"hgw", hello, sizeof hello}};

static size_t hex(const char *text, uint8_t *out, size_t cap)
{
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(hex_parse(text, out, cap, &n, NULL), PROTO_OK);
    return n;
}

static void lac_config(struct l2tp_ctrl_config *c)
{
    l2tp_ctrl_config_default(c, "hgw", false);
    c->firmware_revision = 0x1130;
    c->vendor_name = "Cisco Systems, Inc.";
    c->rel.rx_window = 800;
    c->peers = lac_peers;
    c->n_peers = 1;
}

static void lns_config(struct l2tp_ctrl_config *c)
{
    l2tp_ctrl_config_default(c, "l2tp-gw", true);
    c->firmware_revision = 0x1120;
    c->vendor_name = "Cisco Systems, Inc.";
    c->rel.rx_window = 300;
    c->tunnel_id_start = 55270;
    c->session_id_start = 45;
    c->peers = lns_peers;
    c->n_peers = 1;
}

/* What the LAC learnt from the caller (2500-1) before the tunnel existed:
 * the ICRQ's and ICCN's values as the seed's LNS parses them. */
static void seed_call(struct l2tp_call_params *p)
{
    memset(p, 0, sizeof *p);
    p->call_serial = 0xD114C7C5;
    p->has_bearer_type = true;
    p->bearer_type = 1;
    strcpy(p->calling_number, "2085730592");
    strcpy(p->called_number, "614629");
    strcpy(p->nas_port, "Serial0:0");
    p->tx_connect_speed = 64000;
    p->rx_connect_speed = 64000;
    p->has_framing_type = true;
    p->framing_type = 2;
    p->last_sent_lcp_len = hex("0305C223050506109D08F2", p->last_sent_lcp, sizeof p->last_sent_lcp);
    p->last_rx_lcp_len = hex("05066EE4E865", p->last_rx_lcp, sizeof p->last_rx_lcp);
    p->proxy_authen_type = L2TP_PROXY_AUTHEN_CHAP;
    strcpy(p->proxy_authen_name, "2500-1");
    p->proxy_authen_challenge_len = hex("5D0D008CB1677CF8BC354556321A7A74",
                                        p->proxy_authen_challenge,
                                        sizeof p->proxy_authen_challenge);
    p->has_proxy_authen_id = true;
    p->proxy_authen_id = 6;
    p->proxy_authen_response_len = hex("CA1CC2E4FA6899E8DF1B695C0A80883E",
                                       p->proxy_authen_response,
                                       sizeof p->proxy_authen_response);
}

struct seed_run {
    struct wire w;
    struct wire_node lac, lns;
    uint16_t tid, sid;
    uint64_t t_cdn;
};

static void seed_setup(struct seed_run *r, uint64_t latency_us)
{
    struct l2tp_ctrl_config lc, nc;
    lac_config(&lc);
    lns_config(&nc);
    wire_init(&r->w, latency_us);
    CU_ASSERT_EQUAL_FATAL(wire_add(&r->w, &r->lac, "LAC", LAC_IP, &lc, challenge_lac,
                                   sizeof challenge_lac),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(wire_add(&r->w, &r->lns, "LNS", LNS_IP, &nc, challenge_lns,
                                   sizeof challenge_lns),
                          PROTO_OK);
    /* The seed's LAC clock at its "SM State idle", 00:04:10.567. */
    r->lac.log.day_offset_us = 250567000ull;
    r->lns.log.day_offset_us = 250567000ull;
}

/* Dial-in: tunnel and call, then 17 s of call, then "Loss of carrier". */
static void seed_call_flow(struct seed_run *r, bool lossy)
{
    struct l2tp_call_params p;
    struct l2tp_peer_addr lns = {LNS_IP, 1701};
    seed_call(&p);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&r->lac.ctrl, &lns, hello, sizeof hello, 17688,
                                                &r->tid, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL(r->tid, 17688);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&r->lac.ctrl, r->tid, 7, &p, NULL, &r->sid,
                                                  NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL(r->sid, 7);
    wire_run_for(&r->w, lossy ? 120 * USEC_PER_SEC : 17 * USEC_PER_SEC);
    /* the call is up on both sides */
    struct l2tp_session *ls = l2tp_ctrl_session(&r->lac.ctrl, 7);
    struct l2tp_session *ns = l2tp_ctrl_session(&r->lns.ctrl, 45);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ls);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ns);
    CU_ASSERT_EQUAL(ls->state, L2TP_SS_ESTABLISHED);
    CU_ASSERT_EQUAL(ns->state, L2TP_SS_ESTABLISHED);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&r->lac.ctrl, 17688)->state, L2TP_TS_ESTABLISHED);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&r->lns.ctrl, 55270)->state, L2TP_TS_ESTABLISHED);
    /* "%ISDN-6-DISCONNECT ... call lasted 17 seconds": the LAC clears it */
    struct l2tp_disconnect why = {.result = L2TP_CDN_LOSS_OF_CARRIER};
    r->t_cdn = timer_now(&r->w.tq);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_disconnect(&r->lac.ctrl, 7, &why, NULL), PROTO_OK);
    wire_run_for(&r->w, lossy ? 200 * USEC_PER_SEC : 60 * USEC_PER_SEC);
}

/* Every frame equals the seed's, in the seed's order per direction. */
static void test_seed_frames(void)
{
    struct seed_run r;
    seed_setup(&r, 40 * USEC_PER_MSEC);
    seed_call_flow(&r, false);
    size_t per_dir[2] = {0, 0};
    size_t idx[2][SEED_PACKET_COUNT];
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++) {
        int d = strcmp(seed_packets[i].from, "LAC") == 0 ? 0 : 1;
        idx[d][per_dir[d]++] = i;
    }
    size_t seen[2] = {0, 0};
    CU_ASSERT_EQUAL(r.w.n_frames, SEED_PACKET_COUNT);
    for (size_t f = 0; f < r.w.n_frames; f++) {
        const struct wire_frame *fr = &r.w.frames[f];
        int d = fr->from;
        CU_ASSERT_FATAL(seen[d] < per_dir[d]);
        const struct seed_packet *sp = &seed_packets[idx[d][seen[d]++]];
        CU_ASSERT_EQUAL(fr->len, sp->len);
        if (fr->len != sp->len || memcmp(fr->data, sp->bytes, sp->len) != 0) {
            char a[2 * L2TP_CTRL_MSG_MAX + 1], b[2 * L2TP_CTRL_MSG_MAX + 1];
            printf("\nframe %zu (%s from %s) differs:\n ours %s\n seed %s\n", f, sp->name,
                   sp->from, hex_format(fr->data, fr->len, 0, a, sizeof a),
                   hex_format(sp->bytes, sp->len, 0, b, sizeof b));
            CU_FAIL("frame differs from the seed");
        }
    }
    CU_ASSERT_EQUAL(seen[0], per_dir[0]);
    CU_ASSERT_EQUAL(seen[1], per_dir[1]);
    wire_free(&r.w);
}

/* The seed's timers: LNS StopCCN 10 s after it got the CDN; the LAC's
 * 15 s timer never fires because the StopCCN comes first. */
static void test_seed_timers(void)
{
    struct seed_run r;
    seed_setup(&r, 40 * USEC_PER_MSEC);
    seed_call_flow(&r, false);
    const struct wire_frame *stop = NULL, *cdn = NULL;
    for (size_t f = 0; f < r.w.n_frames; f++) {
        if (wire_frame_type(&r.w.frames[f]) == L2TP_MSG_STOPCCN)
            stop = &r.w.frames[f];
        if (wire_frame_type(&r.w.frames[f]) == L2TP_MSG_CDN)
            cdn = &r.w.frames[f];
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(stop);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cdn);
    CU_ASSERT_EQUAL(stop->from, r.lns.idx);
    CU_ASSERT_EQUAL(cdn->at, r.t_cdn);
    CU_ASSERT_EQUAL(stop->at, cdn->at + r.w.latency_us + 10 * USEC_PER_SEC);
    /* everything is gone: tunnels freed, IDs back */
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&r.lac.ctrl, 17688));
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&r.lns.ctrl, 55270));
    CU_ASSERT_EQUAL(r.lac.ctrl.cnt.tunnels_freed, 1);
    CU_ASSERT_EQUAL(r.lns.ctrl.cnt.tunnels_freed, 1);
    CU_ASSERT_EQUAL(r.lac.ctrl.session_ids.used, 0);
    CU_ASSERT_EQUAL(r.lns.ctrl.session_ids.used, 0);
    wire_free(&r.w);
}

struct expect_state {
    const char *node;
    uint16_t tid, sid;
    const char *from, *to;
};

/* The seed's state changes, per router, in order. Two differences, both
 * where the seed departs from RFC 2661: the LNS's first change is printed
 * by IOS as "idle to wait-ctl-reply", but §7.2 names the receiver's state
 * wait-ctl-conn; and IOS creates the LAC's session only once the tunnel is
 * up, while here the call is placed first and waits in wait-for-tunnel
 * (§7.4.1's wait-tunnel) while the tunnel comes up. */
static const struct expect_state seed_states[] = {
    {"LAC", 17688, 0, "idle", "wait-ctl-reply"},
    {"LAC", 17688, 7, "idle", "wait-for-tunnel"},
    {"LAC", 17688, 0, "wait-ctl-reply", "established"},
    {"LAC", 17688, 7, "wait-for-tunnel", "wait-reply"},
    {"LNS", 55270, 0, "idle", "wait-ctl-conn"},
    {"LNS", 55270, 0, "wait-ctl-conn", "established"},
    {"LNS", 55270, 45, "idle", "wait-connect"},
    {"LAC", 17688, 7, "wait-reply", "established"},
    {"LNS", 55270, 45, "wait-connect", "established"},
    {"LAC", 17688, 7, "established", "idle"},
    {"LAC", 17688, 0, "established", "no-sessions-left"},
    {"LNS", 55270, 45, "established", "idle"},
    {"LNS", 55270, 0, "established", "no-sessions-left"},
    {"LNS", 55270, 0, "no-sessions-left", "shutting-down"},
    {"LAC", 17688, 0, "no-sessions-left", "idle"},
    {"LNS", 55270, 0, "shutting-down", "idle"},
};

static void check_states_per_node(const struct seed_run *r, const char *node)
{
    size_t want = 0, got = 0;
    int idx = strcmp(node, "LAC") == 0 ? r->lac.idx : r->lns.idx;
    size_t n_exp = sizeof seed_states / sizeof seed_states[0];
    while (want < n_exp || got < r->w.n_states) {
        while (want < n_exp && strcmp(seed_states[want].node, node) != 0)
            want++;
        while (got < r->w.n_states && r->w.states[got].node != idx)
            got++;
        if (want == n_exp || got == r->w.n_states) {
            CU_ASSERT_EQUAL(want, n_exp);
            CU_ASSERT_EQUAL(got, r->w.n_states);
            break;
        }
        const struct expect_state *e = &seed_states[want++];
        const struct wire_state *s = &r->w.states[got++];
        CU_ASSERT_EQUAL(s->tid, e->tid);
        CU_ASSERT_EQUAL(s->sid, e->sid);
        CU_ASSERT_STRING_EQUAL(s->from, e->from);
        CU_ASSERT_STRING_EQUAL(s->to, e->to);
    }
}

static void test_seed_states(void)
{
    struct seed_run r;
    seed_setup(&r, 40 * USEC_PER_MSEC);
    seed_call_flow(&r, false);
    check_states_per_node(&r, "LAC");
    check_states_per_node(&r, "LNS");
    wire_free(&r.w);
}

/* The seed's debug wording, in the seed's order on each router. */
static void test_seed_debug_lines(void)
{
    static const char *const lac_lines[] = {
        "Tnl 17688 L2TP: SM State idle",
        "Tnl 17688 L2TP: O SCCRQ",
        "Tnl 17688 L2TP: O SCCRQ, flg TLS, ver 2, len 128, tnl 0, cl 0, ns 0, nr 0",
        "Tnl 17688 L2TP: Tunnel state change from idle to wait-ctl-reply",
        "Tnl 17688 L2TP: Parse AVP 9, len 8, flag 0x8000 (M)",
        "Tnl 17688 L2TP: Assigned Tunnel ID 55270",
        "Tnl 17688 L2TP: Rx Window Size 300",
        "Tnl 17688 L2TP: Chlng 98B296C28429E7ADC767237A45F31040",
        "Tnl 17688 L2TP: Chlng Resp 7C358F7A7BA21957C07801195DCADFA6",
        "Tnl 17688 L2TP: I SCCRP from l2tp-gw",
        "Tnl 17688 L2TP: Got a challenge from remote peer, l2tp-gw",
        "Tnl 17688 L2TP: Got a response from remote peer, l2tp-gw",
        "Tnl 17688 L2TP: Tunnel Authentication success",
        "Tnl 17688 L2TP: O SCCCN to l2tp-gw tnlid 55270",
        "Tnl 17688 L2TP: O SCCCN, flg TLS, ver 2, len 42, tnl 55270, cl 0, ns 1, nr 1",
        "Tnl 17688 L2TP: Tunnel state change from wait-ctl-reply to established",
        "Tnl/Cl 17688/7 L2TP: O ICRQ to l2tp-gw 55270/0",
        "Tnl/Cl 17688/7 L2TP: O ICRQ, flg TLS, ver 2, len 91, tnl 55270, cl 0, ns 2, nr 1",
        "Tnl/Cl 17688/7 L2TP: Session state change from wait-for-tunnel to wait-reply",
        "Tnl 17688 L2TP: I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2",
        "Tnl/Cl 17688/7 L2TP: Parse ICRP",
        "Tnl/Cl 17688/7 L2TP: Assigned Call ID 45",
        "Tnl/Cl 17688/7 L2TP: No missing AVPs in ICRP",
        "Tnl/Cl 17688/7 L2TP: I ICRP, flg TLS, ver 2, len 28, tnl 17688, cl 7, ns 1, nr 3",
        "Tnl/Cl 17688/7 L2TP: O ICCN to l2tp-gw 55270/45",
        "Tnl/Cl 17688/7 L2TP: O ICCN, flg TLS, ver 2, len 151, tnl 55270, cl 45, ns 3, nr 2",
        "Tnl/Cl 17688/7 L2TP: Session state change from wait-reply to established",
        "Tnl 17688 L2TP: I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 4",
        "Tnl/Cl 17688/7 L2TP: O CDN to l2tp-gw 55270/45",
        "Tnl/Cl 17688/7 L2TP: O CDN, flg TLS, ver 2, len 38, tnl 55270, cl 45, ns 4, nr 2",
        "Tnl/Cl 17688/7 L2TP: Destroying session",
        "Tnl/Cl 17688/7 L2TP: Session state change from established to idle",
        "Tnl 17688 L2TP: Tunnel state change from established to no-sessions-left",
        "Tnl 17688 L2TP: No more sessions in tunnel, shutdown (likely) in 15 seconds",
        "Tnl 17688 L2TP: I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 5",
        "Tnl 17688 L2TP: Parse StopCCN",
        "Tnl 17688 L2TP: Result code(1): 1: Request to clear control connection",
        "Tnl 17688 L2TP: I StopCCN, flg TLS, ver 2, len 36, tnl 17688, cl 0, ns 2, nr 5",
        "Tnl 17688 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 55270, cl 0, ns 5, nr 3",
        "Tnl 17688 L2TP: I StopCCN from l2tp-gw tnl 55270",
        "Tnl 17688 L2TP: Shutdown tunnel",
        "Tnl 17688 L2TP: Tunnel state change from no-sessions-left to idle",
    };
    static const char *const lns_lines[] = {
        "L2X: Parse SCCRQ",
        "L2X: Hostname hgw",
        "L2X: Assigned Tunnel ID 17688",
        "L2X: Rx Window Size 800",
        "L2X: Chlng 545A2343FBE20EA08BCA7B56E4A7D29E",
        "L2X: No missing AVPs in SCCRQ",
        "L2X: I SCCRQ, flg TLS, ver 2, len 128, tnl 0, cl 0, ns 0, nr 0",
        "L2X: I SCCRQ from hgw tnl 17688",
        "Tnl 55270 L2TP: Got a challenge in SCCRQ, hgw",
        "Tnl 55270 L2TP: New tunnel created for remote hgw, address 10.51.6.68",
        "Tnl 55270 L2TP: O SCCRP to hgw tnlid 17688",
        "Tnl 55270 L2TP: O SCCRP, flg TLS, ver 2, len 154, tnl 17688, cl 0, ns 0, nr 1",
        "Tnl 55270 L2TP: Tunnel state change from idle to wait-ctl-conn",
        "Tnl 55270 L2TP: Parse SCCCN",
        "Tnl 55270 L2TP: Chlng Resp 9639531841AC22E3103E208EF7D90989",
        "Tnl 55270 L2TP: I SCCCN, flg TLS, ver 2, len 42, tnl 55270, cl 0, ns 1, nr 1",
        "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2",
        "Tnl 55270 L2TP: I SCCCN from hgw tnl 17688",
        "Tnl 55270 L2TP: Got a Challenge Response in SCCCN from hgw",
        "Tnl 55270 L2TP: Tunnel Authentication success",
        "Tnl 55270 L2TP: Tunnel state change from wait-ctl-conn to established",
        "Tnl 55270 L2TP: Parse ICRQ",
        "Tnl 55270 L2TP: Calling Number 2085730592",
        "Tnl 55270 L2TP: Called Number 614629",
        "Tnl 55270 L2TP: Client NAS Port Serial0:0",
        "Tnl 55270 L2TP: I ICRQ from hgw tnl 17688",
        "Tnl/Cl 55270/45 L2TP: New session created",
        "Tnl/Cl 55270/45 L2TP: O ICRP to hgw 17688/7",
        "Tnl/Cl 55270/45 L2TP: O ICRP, flg TLS, ver 2, len 28, tnl 17688, cl 7, ns 1, nr 3",
        "Tnl/Cl 55270/45 L2TP: Session state change from idle to wait-connect",
        "Tnl/Cl 55270/45 L2TP: Parse ICCN",
        "Tnl/Cl 55270/45 L2TP: Proxy Auth Name 2500-1",
        "Tnl/Cl 55270/45 L2TP: I ICCN, flg TLS, ver 2, len 151, tnl 55270, cl 45, ns 3, nr 2",
        "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 4",
        "Tnl/Cl 55270/45 L2TP: I ICCN from hgw tnl 17688, cl 7",
        "Tnl/Cl 55270/45 L2TP: Session state change from wait-connect to established",
        "Tnl/Cl 55270/45 L2TP: Result code(1): 1: Loss of carrier",
        "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 5",
        "Tnl/Cl 55270/45 L2TP: I CDN from hgw tnl 17688, cl 7",
        "Tnl/Cl 55270/45 L2TP: Destroying session",
        "Tnl/Cl 55270/45 L2TP: Session state change from established to idle",
        "Tnl 55270 L2TP: Tunnel state change from established to no-sessions-left",
        "Tnl 55270 L2TP: No more sessions in tunnel, shutdown (likely) in 10 seconds",
        "Tnl 55270 L2TP: O StopCCN to hgw tnlid 17688",
        "Tnl 55270 L2TP: O StopCCN, flg TLS, ver 2, len 36, tnl 17688, cl 0, ns 2, nr 5",
        "Tnl 55270 L2TP: Tunnel state change from no-sessions-left to shutting-down",
        "Tnl 55270 L2TP: Shutdown tunnel",
        "Tnl 55270 L2TP: Tunnel state change from shutting-down to idle",
    };
    struct seed_run r;
    seed_setup(&r, 40 * USEC_PER_MSEC);
    seed_call_flow(&r, false);
    long at = 0;
    for (size_t i = 0; i < sizeof lac_lines / sizeof lac_lines[0]; i++) {
        long f = wire_log_find(&r.lac, (size_t)at, lac_lines[i]);
        if (f < 0)
            printf("\nLAC line missing or out of order: %s\n", lac_lines[i]);
        CU_ASSERT(f >= 0);
        if (f >= 0)
            at = f + 1;
    }
    at = 0;
    for (size_t i = 0; i < sizeof lns_lines / sizeof lns_lines[0]; i++) {
        long f = wire_log_find(&r.lns, (size_t)at, lns_lines[i]);
        if (f < 0)
            printf("\nLNS line missing or out of order: %s\n", lns_lines[i]);
        CU_ASSERT(f >= 0);
        if (f >= 0)
            at = f + 1;
    }
    /* the seed's clock: "Jan  1 00:04:10.567: Tnl 17688 L2TP: SM State idle" */
    CU_ASSERT_STRING_EQUAL(r.lac.lines[0], "Jan  1 00:04:10.567: Tnl 17688 L2TP: SM State idle");
    wire_free(&r.w);
}

/* What the owner is told: the card's session entries and PPP's proxy data. */
static void test_seed_callbacks(void)
{
    struct seed_run r;
    seed_setup(&r, 40 * USEC_PER_MSEC);
    seed_call_flow(&r, false);
    CU_ASSERT_EQUAL_FATAL(r.lac.n_up, 1);
    CU_ASSERT_EQUAL_FATAL(r.lns.n_up, 1);
    CU_ASSERT_EQUAL(r.lac.up[0].local_tunnel_id, 17688);
    CU_ASSERT_EQUAL(r.lac.up[0].peer_tunnel_id, 55270);
    CU_ASSERT_EQUAL(r.lac.up[0].local_session_id, 7);
    CU_ASSERT_EQUAL(r.lac.up[0].peer_session_id, 45);
    CU_ASSERT_EQUAL(r.lac.up[0].peer.ip, LNS_IP);
    CU_ASSERT_EQUAL(r.lac.up[0].peer.port, 1701);
    CU_ASSERT_EQUAL(r.lac.up[0].type, L2TP_CALL_LAC_INCOMING);
    CU_ASSERT_EQUAL(r.lns.up[0].local_tunnel_id, 55270);
    CU_ASSERT_EQUAL(r.lns.up[0].peer_tunnel_id, 17688);
    CU_ASSERT_EQUAL(r.lns.up[0].local_session_id, 45);
    CU_ASSERT_EQUAL(r.lns.up[0].peer_session_id, 7);
    CU_ASSERT_EQUAL(r.lns.up[0].peer.ip, LAC_IP);
    CU_ASSERT_FALSE(r.lns.up[0].sequencing_required);
    /* LNS: ICCN's proxy LCP and authentication handed to PPP */
    CU_ASSERT_EQUAL_FATAL(r.lns.n_events, 1);
    const struct l2tp_call_event *ev = &r.lns.events[0];
    CU_ASSERT_EQUAL(ev->kind, L2TP_EV_CALL_CONNECTED);
    struct l2tp_call_params want;
    seed_call(&want);
    CU_ASSERT_STRING_EQUAL(ev->params->proxy_authen_name, "2500-1");
    CU_ASSERT_EQUAL(ev->params->proxy_authen_type, L2TP_PROXY_AUTHEN_CHAP);
    CU_ASSERT_EQUAL(ev->params->proxy_authen_id, 6);
    CU_ASSERT_EQUAL(ev->params->proxy_authen_response_len, 16);
    CU_ASSERT_EQUAL(memcmp(ev->params->proxy_authen_response, want.proxy_authen_response, 16), 0);
    CU_ASSERT_EQUAL(memcmp(ev->params->proxy_authen_challenge, want.proxy_authen_challenge, 16),
                    0);
    CU_ASSERT_EQUAL(ev->params->last_sent_lcp_len, 11);
    CU_ASSERT_EQUAL(memcmp(ev->params->last_sent_lcp, want.last_sent_lcp, 11), 0);
    CU_ASSERT_EQUAL(ev->params->last_rx_lcp_len, 6);
    CU_ASSERT_STRING_EQUAL(ev->params->called_number, "614629");
    CU_ASSERT_STRING_EQUAL(ev->params->calling_number, "2085730592");
    CU_ASSERT_EQUAL(ev->params->tx_connect_speed, 64000);
    CU_ASSERT_EQUAL(ev->params->call_serial, 0xD114C7C5);
    /* both sides remove the session from the card: the LNS because the LAC
     * said "Loss of carrier" */
    CU_ASSERT_EQUAL_FATAL(r.lac.n_down, 1);
    CU_ASSERT_EQUAL_FATAL(r.lns.n_down, 1);
    CU_ASSERT_EQUAL(r.lns.down[0].local_session_id, 45);
    CU_ASSERT_EQUAL(r.lns.why[0].result, L2TP_CDN_LOSS_OF_CARRIER);
    CU_ASSERT_TRUE(r.lns.why[0].by_peer);
    CU_ASSERT_FALSE(r.lac.why[0].by_peer);
    wire_free(&r.w);
}

/* With a delayed-ack timer (200 ms) the same call comes up and goes down;
 * replies sent within the delay carry the acks, so fewer ZLBs go out than
 * the seed's four. */
static void test_seed_delayed_acks(void)
{
    struct seed_run r;
    struct l2tp_ctrl_config lc, nc;
    lac_config(&lc);
    lns_config(&nc);
    lc.rel.ack_delay_us = nc.rel.ack_delay_us = 200 * USEC_PER_MSEC;
    wire_init(&r.w, 40 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(&r.w, &r.lac, "LAC", LAC_IP, &lc, challenge_lac,
                                   sizeof challenge_lac),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(wire_add(&r.w, &r.lns, "LNS", LNS_IP, &nc, challenge_lns,
                                   sizeof challenge_lns),
                          PROTO_OK);
    seed_call_flow(&r, false);
    CU_ASSERT_EQUAL(r.lac.n_up, 1);
    CU_ASSERT_EQUAL(r.lns.n_up, 1);
    CU_ASSERT_EQUAL(r.lac.n_down, 1);
    CU_ASSERT_EQUAL(r.lns.n_down, 1);
    size_t zlbs = 0;
    for (size_t f = 0; f < r.w.n_frames; f++)
        zlbs += r.w.frames[f].len == 12;
    CU_ASSERT(zlbs < 4);
    CU_ASSERT_EQUAL(r.w.n_frames, SEED_PACKET_COUNT - (4 - zlbs));
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&r.lac.ctrl, 17688));
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&r.lns.ctrl, 55270));
    wire_free(&r.w);
}

/* 20% loss, 10% duplication, 30% reordering (up to 1.5 s late), for many
 * seeds: both ends reach established and then idle, with every tunnel and
 * session freed. The retry limit is raised to 10 for this run: with 20%
 * loss each way a message and its ack both get through 64% of the time,
 * and 0.36^6 would give up once in 450 messages. */
static void test_seed_lossy(void)
{
    unsigned established = 0, runs = 0;
    uint64_t lost = 0, dups = 0, frames = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        struct seed_run r;
        struct l2tp_ctrl_config lc, nc;
        lac_config(&lc);
        lns_config(&nc);
        lc.rel.max_retries = nc.rel.max_retries = 10;
        lc.rel.rx_window = 16;
        wire_init(&r.w, 40 * USEC_PER_MSEC);
        wire_impair(&r.w, 20, 10, 30, 1500 * USEC_PER_MSEC, seed);
        CU_ASSERT_EQUAL_FATAL(wire_add(&r.w, &r.lac, "LAC", LAC_IP, &lc, challenge_lac,
                                       sizeof challenge_lac),
                              PROTO_OK);
        CU_ASSERT_EQUAL_FATAL(wire_add(&r.w, &r.lns, "LNS", LNS_IP, &nc, challenge_lns,
                                       sizeof challenge_lns),
                              PROTO_OK);
        runs++;
        seed_call_flow(&r, true);
        bool both_up = r.lac.n_up == 1 && r.lns.n_up == 1;
        established += both_up;
        if (!both_up)
            printf("\nseed %lu: session not up on both sides\n", (unsigned long)seed);
        /* then idle on both sides: nothing left */
        CU_ASSERT_EQUAL(r.lac.ctrl.cnt.tunnels_freed, r.lac.ctrl.cnt.tunnels_created);
        CU_ASSERT_EQUAL(r.lns.ctrl.cnt.tunnels_freed, r.lns.ctrl.cnt.tunnels_created);
        CU_ASSERT_EQUAL(r.lac.ctrl.tunnel_ids.used, 0);
        CU_ASSERT_EQUAL(r.lns.ctrl.tunnel_ids.used, 0);
        CU_ASSERT_EQUAL(r.lac.ctrl.session_ids.used, 0);
        CU_ASSERT_EQUAL(r.lns.ctrl.session_ids.used, 0);
        CU_ASSERT_EQUAL(r.lac.n_down, r.lac.n_up);
        CU_ASSERT_EQUAL(r.lns.n_down, r.lns.n_up);
        /* the last state change of each tunnel is to idle */
        for (int node = 0; node < 2; node++) {
            const char *last = NULL;
            for (size_t i = 0; i < r.w.n_states; i++)
                if (r.w.states[i].node == node && r.w.states[i].sid == 0)
                    last = r.w.states[i].to;
            CU_ASSERT_PTR_NOT_NULL(last);
            if (last)
                CU_ASSERT_STRING_EQUAL(last, "idle");
        }
        lost += r.w.lost;
        dups += r.w.duplicated;
        frames += r.w.n_frames;
        wire_free(&r.w);
    }
    CU_ASSERT_EQUAL(established, runs);
    /* the impairments really happened, and were repaired by retransmission */
    CU_ASSERT(lost > 0);
    CU_ASSERT(dups > 0);
    CU_ASSERT(frames > runs * SEED_PACKET_COUNT + lost / 2);
    printf("\n    %u runs: %lu frames sent (%lu without loss), %lu lost, %lu duplicated ",
           runs, (unsigned long)frames, (unsigned long)(runs * SEED_PACKET_COUNT),
           (unsigned long)lost, (unsigned long)dups);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every frame equals the seed's, per direction", test_seed_frames},
        {"state changes in the seed's order", test_seed_states},
        {"debug lines in the seed's wording and order", test_seed_debug_lines},
        {"timers: StopCCN 10 s after CDN, all freed", test_seed_timers},
        {"card and PPP callbacks", test_seed_callbacks},
        {"delayed acks: fewer ZLBs, same call", test_seed_delayed_acks},
        {"20% loss + dup + reorder: established then idle", test_seed_lossy},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp ctrl seed exchange", tests);
}
