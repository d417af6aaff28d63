/* The seed's whole call through host code alone (Cisco document 23980): the
 * user 2500-1 (ppp_link client) dials DNIS 614629 from 2085730592 on
 * channel 0 of the LAC hgw/5300-1 (tests/config/lac-hgw.conf), which
 * tunnels it to the LNS l2tp-gw/1600-3 (tests/config/lns-l2tp-gw.conf);
 * both routers are vpdn instances on software cards (test_vpdn_dp.h).
 * Checked: both debug logs' key lines in the seed's order, an ICMP echo from
 * the user to the LNS and back through both datapaths, then the line drop:
 * CDN "Loss of carrier", ZLB, StopCCN 10 s later, ZLB, both routers idle.
 * The same under 20% control-packet loss. */
#include "test_vpdn_dp.h"

static bool ipcp_open(struct sim *s)
{
    return ppp_link_ipcp_open(&s->client[0].link) &&
           vpdn_route_lookup(&s->card[SW_LNS].v, SW_IP(10, 10, 53, 2)) > 0;
}

static bool both_idle(struct sim *s)
{
    return sw_calls(s, SW_LAC) == 0 && sw_calls(s, SW_LNS) == 0 && sw_tunnels(s, SW_LAC) == 0 &&
           sw_tunnels(s, SW_LNS) == 0;
}

static void seed_sim(struct sim *s)
{
    sim_init(s, "tests/config/lac-hgw.conf", NULL, "tests/config/lns-l2tp-gw.conf", NULL, NULL);
    sw_client_add(s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
}

/* An ICMP echo request (RFC 792) from the user to the LNS's address. */
static size_t icmp_echo(uint8_t *p, uint32_t src, uint32_t dst, uint8_t type)
{
    size_t len = 20 + 8 + 32;
    memset(p, 0, len);
    p[0] = 0x45;
    p[2] = (uint8_t)(len >> 8);
    p[3] = (uint8_t)len;
    p[8] = 255;
    p[9] = 1; /* ICMP */
    for (int i = 0; i < 4; i++) {
        p[12 + i] = (uint8_t)(src >> (24 - 8 * i));
        p[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
    }
    uint16_t c = inet_checksum(p, 20);
    p[10] = (uint8_t)(c >> 8);
    p[11] = (uint8_t)c;
    uint8_t *icmp = p + 20;
    icmp[0] = type;
    icmp[5] = 1;  /* identifier 1 */
    icmp[7] = 1;  /* sequence 1 */
    for (int i = 0; i < 32; i++)
        icmp[8 + i] = (uint8_t)('a' + i % 23);
    c = inet_checksum(icmp, 40);
    icmp[2] = (uint8_t)(c >> 8);
    icmp[3] = (uint8_t)c;
    return len;
}

/* The user pings the LNS; the LNS's host answers; checked byte for byte. */
static void ping(struct sim *s)
{
    struct sw_card *lac = &s->card[SW_LAC], *lns = &s->card[SW_LNS];
    uint8_t req[64], rep[64];
    size_t n = icmp_echo(req, SW_IP(10, 10, 53, 2), SW_LNS_IP, 8);
    CU_ASSERT_EQUAL(icmp_echo(rep, SW_LNS_IP, SW_IP(10, 10, 53, 2), 0), n);
    uint64_t punts = lac->channel_punts, lac_tx = lac->data_tx, lac_rx = lac->data_rx;
    CU_ASSERT_EQUAL_FATAL(ppp_link_send_ip(&s->client[0].link, req, n, NULL), PROTO_OK);
    sim_pump(s);
    CU_ASSERT_EQUAL_FATAL(lns->ip_rx_count, 1);
    CU_ASSERT_EQUAL(lns->ip_rx_len, n);
    CU_ASSERT_EQUAL(memcmp(lns->ip_rx, req, n), 0);
    int sid = vpdn_route_lookup(&lns->v, SW_IP(10, 10, 53, 2));
    CU_ASSERT_EQUAL(sid, lns->ip_rx_session);
    /* The reply goes by the host route to 10.10.53.2. */
    CU_ASSERT_EQUAL_FATAL(vpdn_route_output(&lns->v, rep, n, NULL), PROTO_OK);
    sim_pump(s);
    CU_ASSERT_EQUAL(s->client[0].ip_rx_count, 1);
    CU_ASSERT_EQUAL(s->client[0].ip_rx_len, n);
    CU_ASSERT_EQUAL(memcmp(s->client[0].ip_rx, rep, n), 0);
    /* Through the LAC's datapath, not its host. */
    CU_ASSERT_EQUAL(lac->channel_punts, punts);
    CU_ASSERT_EQUAL(lac->data_tx, lac_tx + 1);
    CU_ASSERT_EQUAL(lac->data_rx, lac_rx + 1);
}

static const char *const lac_setup[] = {
    "%LINK-3-UPDOWN: Interface Serial0:0, changed state to up",
    "Se0:0 PPP: Phase is ESTABLISHING, Passive Open",
    "Se0:0 LCP: State is Listen",
    "Se0:0 LCP: I CONFREQ [Listen] id 118 len 10",
    "Se0:0 LCP: O CONFREQ [Listen] id 11 len 28",
    "Se0:0 LCP: O CONFACK [Listen] id 118 len 10",
    "Se0:0 LCP: O CONFREQ [ACKsent] id 12 len 15",
    "Se0:0 LCP: I CONFACK [ACKsent] id 12 len 15",
    "Se0:0 LCP: State is Open",
    "Se0:0 PPP: Phase is AUTHENTICATING, by this end",
    "Se0:0 CHAP: O CHALLENGE id 6 len 27 from \"5300-1\"",
    "Se0:0 CHAP: I RESPONSE id 6 len 27 from \"2500-1\"",
    "Se0:0 PPP: Phase is FORWARDING",
    "Se0:0 VPDN: Got DNIS string 614629",
    "Se0:0 VPDN: Looking for tunnel -- dnis:614629 --",
    "Se0:0 VPDN/RPMS/: Got tunnel info for dnis:614629",
    "Se0:0 VPDN/RPMS/: LAC hgw",
    "Se0:0 VPDN/RPMS/: l2tp-tunnel-password xxxxxx",
    "Se0:0 VPDN/RPMS/: IP 10.51.6.82",
    "Se0:0 VPDN/: curlvl 1 Address 0: 10.51.6.82, priority 1",
    "Se0:0 VPDN/: Select non-active address 10.51.6.82, priority 1",
    "Tnl 17688 L2TP: SM State idle",
    "Tnl 17688 L2TP: O SCCRQ",
    "Tnl 17688 L2TP: Tunnel state change from idle to wait-ctl-reply",
    "Se0:0 VPDN: Find LNS process created",
    "Se0:0 VPDN: Forward to address 10.51.6.82",
    "Se0:0 VPDN: Pending",
    "Se0:0 VPDN: Process created",
    "Tnl 17688 L2TP: Parse SCCRP",
    "Tnl 17688 L2TP: Hostname l2tp-gw",
    "Tnl 17688 L2TP: Assigned Tunnel ID 55270",
    "Tnl 17688 L2TP: No missing AVPs in SCCRP",
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
    "Tnl/Cl 17688/7 L2TP: I ICRP, flg TLS, ver 2, len 28, tnl 17688, cl 7, ns 1, nr 3",
    "Tnl/Cl 17688/7 L2TP: O ICCN to l2tp-gw 55270/45",
    "Tnl/Cl 17688/7 L2TP: Session state change from wait-reply to established",
    "Tnl 17688 L2TP: I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 4",
};

static const char *const lns_setup[] = {
    "L2X: Parse SCCRQ",
    "L2X: Hostname hgw",
    "L2X: Assigned Tunnel ID 17688",
    "L2X: No missing AVPs in SCCRQ",
    "L2X: I SCCRQ from hgw tnl 17688",
    "Tnl 55270 L2TP: Got a challenge in SCCRQ, hgw",
    "Tnl 55270 L2TP: New tunnel created for remote hgw, address 10.51.6.68",
    "Tnl 55270 L2TP: O SCCRP to hgw tnlid 17688",
    "Tnl 55270 L2TP: Parse SCCCN",
    "Tnl 55270 L2TP: No missing AVPs in SCCCN",
    "Tnl 55270 L2TP: I SCCCN, flg TLS, ver 2, len 42, tnl 55270, cl 0, ns 1, nr 1",
    "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2",
    "Tnl 55270 L2TP: I SCCCN from hgw tnl 17688",
    "Tnl 55270 L2TP: Got a Challenge Response in SCCCN from hgw",
    "Tnl 55270 L2TP: Tunnel Authentication success",
    "Tnl 55270 L2TP: Parse ICRQ",
    "Tnl 55270 L2TP: Assigned Call ID 7",
    "Tnl 55270 L2TP: Bearer Type 1",
    "Tnl 55270 L2TP: Calling Number 2085730592",
    "Tnl 55270 L2TP: Called Number 614629",
    "Tnl 55270 L2TP: Client NAS Port Serial0:0",
    "Tnl 55270 L2TP: No missing AVPs in ICRQ",
    "Tnl 55270 L2TP: I ICRQ, flg TLS, ver 2, len 91, tnl 55270, cl 0, ns 2, nr 1",
    "Tnl 55270 L2TP: I ICRQ from hgw tnl 17688",
    "Tnl/Cl 55270/45 L2TP: O ICRP to hgw 17688/7",
    "Tnl/Cl 55270/45 L2TP: O ICRP, flg TLS, ver 2, len 28, tnl 17688, cl 7, ns 1, nr 3",
    "Tnl/Cl 55270/45 L2TP: Parse ICCN",
    "Tnl/Cl 55270/45 L2TP: Connect Speed 64000",
    "Tnl/Cl 55270/45 L2TP: Rx Speed 64000",
    "Tnl/Cl 55270/45 L2TP: Framing Type 2",
    "Tnl/Cl 55270/45 L2TP: Last Sent LCPREQ 0305C223050506109D08F2",
    "Tnl/Cl 55270/45 L2TP: Last Rx LCPREQ 05066EE4E865",
    "Tnl/Cl 55270/45 L2TP: Proxy Auth Chal 5D0D008CB1677CF8BC354556321A7A74",
    "Tnl/Cl 55270/45 L2TP: Proxy Auth ID 6",
    "Tnl/Cl 55270/45 L2TP: Proxy Auth Name 2500-1",
    "Tnl/Cl 55270/45 L2TP: Proxy Auth Resp CA1CC2E4FA6899E8DF1B695C0A80883E",
    "Tnl/Cl 55270/45 L2TP: Proxy Auth Type 2",
    "Tnl/Cl 55270/45 L2TP: No missing AVPs in ICCN",
    /* The seed prefixes this ZLB with "Tnl/Cl 55270/45"; l2tp_ctrl acks per tunnel. */
    "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 4",
    "Tnl/Cl 55270/45 L2TP: I ICCN from hgw tnl 17688, cl 7",
    "Tnl/Cl 55270/45 L2TP: Session state change from wait-connect to established",
    "Vi4 VPDN: Virtual interface created for 2500-1",
    "Vi4 PPP: Phase is ESTABLISHING, Passive Open",
    "Vi4 LCP: State is Listen",
    "Vi4 LCP: I FORCED CONFREQ len 11",
    "Vi4 VPDN: PPP LCP accepted rcv CONFACK",
    "Vi4 VPDN: PPP LCP accepted sent CONFACK",
    "Vi4 PPP: Phase is AUTHENTICATING, by this end",
    "Vi4 CHAP: I RESPONSE id 6 len 27 from \"2500-1\"",
    "Vi4 CHAP: O SUCCESS id 6 len 4",
    "Vi4 PPP: Phase is UP",
    "Vi4 IPCP: O CONFREQ [Closed] id 1 len 10",
    "Vi4 IPCP: I CONFREQ [REQsent] id 187 len 16",
    "Vi4 AAA/AUTHOR/IPCP: Start. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 AAA/AUTHOR/IPCP: Done. Her address 10.10.53.2, we want 10.10.53.2",
    "Vi4 IPCP: I CONFACK [REQsent] id 1 len 10",
    "Vi4 IPCP: I CONFREQ [ACKrcvd] id 188 len 10",
    "Vi4 IPCP: O CONFACK [ACKrcvd] id 188 len 10",
    "Vi4 IPCP: State is Open",
    "Vi4 IPCP: Install route to 10.10.53.2",
};

static const char *const lac_teardown[] = {
    "%LINK-3-UPDOWN: Interface Serial0:0, changed state to down",
    "Se0:0 PPP: Phase is TERMINATING",
    "Se0:0 LCP: State is Closed",
    "Se0:0 PPP: Phase is DOWN",
    "Se0:0 VPDN: Cleanup",
    "Se0:0 VPDN: Reset",
    "Tnl/Cl 17688/7 L2TP: O CDN to l2tp-gw 55270/45",
    "Tnl/Cl 17688/7 L2TP: O CDN, flg TLS, ver 2, len 38, tnl 55270, cl 45, ns 4, nr 2",
    "Tnl/Cl 17688/7 L2TP: Destroying session",
    "Tnl/Cl 17688/7 L2TP: Session state change from established to idle",
    "Tnl 17688 L2TP: Tunnel state change from established to no-sessions-left",
    "Tnl 17688 L2TP: No more sessions in tunnel, shutdown (likely) in 15 seconds",
    "Tnl 17688 L2TP: I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 5",
    "Tnl 17688 L2TP: Parse StopCCN",
    "Tnl 17688 L2TP: Assigned Tunnel ID 55270",
    /* The seed prints this one with IOS's "L2X:" prefix. */
    "Tnl 17688 L2TP: Result code(1): 1: Request to clear control connection",
    "Tnl 17688 L2TP: No missing AVPs in StopCCN",
    "Tnl 17688 L2TP: I StopCCN, flg TLS, ver 2, len 36, tnl 17688, cl 0, ns 2, nr 5",
    "Tnl 17688 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 55270, cl 0, ns 5, nr 3",
    "Tnl 17688 L2TP: I StopCCN from l2tp-gw tnl 55270",
    "Tnl 17688 L2TP: Shutdown tunnel",
    "Tnl 17688 L2TP: Tunnel state change from no-sessions-left to idle",
};

static const char *const lns_teardown[] = {
    "Tnl/Cl 55270/45 L2TP: Parse CDN",
    "Tnl/Cl 55270/45 L2TP: Assigned Call ID 7",
    "Tnl/Cl 55270/45 L2TP: Result code(1): 1: Loss of carrier",
    "Tnl/Cl 55270/45 L2TP: No missing AVPs in CDN",
    "Tnl/Cl 55270/45 L2TP: I CDN, flg TLS, ver 2, len 38, tnl 55270, cl 45, ns 4, nr 2",
    "Tnl 55270 L2TP: O ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 5",
    "Tnl/Cl 55270/45 L2TP: I CDN from hgw tnl 17688, cl 7",
    "Tnl/Cl 55270/45 L2TP: Destroying session",
    "Tnl/Cl 55270/45 L2TP: Session state change from established to idle",
    "Vi4 VPDN: Reset",
    "Tnl 55270 L2TP: Tunnel state change from established to no-sessions-left",
    "Tnl 55270 L2TP: No more sessions in tunnel, shutdown (likely) in 10 seconds",
    "Vi4 IPCP: State is Closed",
    "Vi4 PPP: Phase is TERMINATING",
    "Vi4 LCP: State is Closed",
    "Vi4 PPP: Phase is DOWN",
    "Vi4 IPCP: Remove route to 10.10.53.2",
    "Tnl 55270 L2TP: O StopCCN to hgw tnlid 17688",
    "Tnl 55270 L2TP: O StopCCN, flg TLS, ver 2, len 36, tnl 17688, cl 0, ns 2, nr 5",
    "Tnl 55270 L2TP: Tunnel state change from no-sessions-left to shutting-down",
    "Tnl 55270 L2TP: Shutdown tunnel",
    "Tnl 55270 L2TP: Tunnel state change from shutting-down to idle",
};

static void check_up_state(struct sim *s)
{
    struct vpdn_call_info lac_call, lns_call;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s->card[SW_LAC].v, &lac_call, 1), 1);
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s->card[SW_LNS].v, &lns_call, 1), 1);
    CU_ASSERT_EQUAL(lac_call.state, VPDN_CS_UP);
    CU_ASSERT_EQUAL(lac_call.channel, 0);
    CU_ASSERT_STRING_EQUAL(lac_call.user, "2500-1");
    CU_ASSERT_STRING_EQUAL(lns_call.user, "2500-1");
    CU_ASSERT_STRING_EQUAL(lns_call.ifname, "Vi4");
    CU_ASSERT_EQUAL(lns_call.state, VPDN_CS_UP);
    CU_ASSERT_EQUAL(lns_call.address, SW_IP(10, 10, 53, 2));
    CU_ASSERT_EQUAL(lns_call.channel, -1);
    /* The IDs of both ends agree with each other. */
    CU_ASSERT_EQUAL(lac_call.local_session_id, lns_call.peer_session_id);
    CU_ASSERT_EQUAL(lns_call.local_session_id, lac_call.peer_session_id);
    CU_ASSERT_EQUAL(lac_call.local_tunnel_id, lns_call.peer_tunnel_id);
    CU_ASSERT_EQUAL(lac_call.peer_ip, SW_LNS_IP);
    CU_ASSERT_EQUAL(lns_call.peer_ip, SW_LAC_IP);
    CU_ASSERT_TRUE(lns_call.cnt.ppp_in > 0 && lns_call.cnt.ppp_out > 0);
    /* Card entries: bound to channel 0 at the LAC, to the host at the LNS. */
    struct sw_entry_state *le = sw_entry(&s->card[SW_LAC], lac_call.local_session_id);
    struct sw_entry_state *ne = sw_entry(&s->card[SW_LNS], lns_call.local_session_id);
    CU_ASSERT_FATAL(le && ne);
    CU_ASSERT_EQUAL(le->e.binding, VPDN_BIND_CHANNEL);
    CU_ASSERT_EQUAL(le->e.channel, 0);
    CU_ASSERT_EQUAL(le->e.peer_ip, SW_LNS_IP);
    CU_ASSERT_EQUAL(le->e.peer_port, 1701);
    CU_ASSERT_EQUAL(ne->e.binding, VPDN_BIND_HOST);
    CU_ASSERT_EQUAL(ne->e.peer_session_id, lac_call.local_session_id);
    struct vpdn_tunnel_info t;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_tunnels(&s->card[SW_LAC].v, &t, 1), 1);
    CU_ASSERT_STRING_EQUAL(t.state, "established");
    CU_ASSERT_STRING_EQUAL(t.peer_hostname, "l2tp-gw");
    CU_ASSERT_EQUAL(t.sessions, 1);
    /* SCCRP and ICRP in; SCCRQ, SCCCN, ICRQ, ICCN out (more under loss). */
    CU_ASSERT_TRUE(t.ctrl_rx >= 2 && t.ctrl_tx >= 4);
}

/* Up, ping, hold the line 17 s as the seed's user does, drop it, idle. */
static void run_seed_call(struct sim *s, bool check_lines)
{
    sw_dial(s, 0, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(s, ipcp_open, 120 * USEC_PER_SEC));
    if (check_lines) {
        sw_expect_in_order("LAC", &s->card[SW_LAC].lines, lac_setup,
                           sizeof lac_setup / sizeof lac_setup[0]);
        sw_expect_in_order("LNS", &s->card[SW_LNS].lines, lns_setup,
                           sizeof lns_setup / sizeof lns_setup[0]);
    }
    check_up_state(s);
    if (check_lines) /* SCCRQ, SCCRP, SCCCN, ZLB, ICRQ, ICRP, ICCN, ZLB: the seed's 8 */
        CU_ASSERT_EQUAL(s->ctrl_sent, 8);
    ping(s);
    sim_advance(s, timer_now(&s->tq) + 2 * USEC_PER_SEC);
    struct vpdn_call_info up;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s->card[SW_LNS].v, &up, 1), 1);
    CU_ASSERT_TRUE(up.uptime_us >= 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(up.cnt.ip_in, 1);
    CU_ASSERT_EQUAL(up.cnt.ip_out, 1);
    size_t lac_mark = s->card[SW_LAC].lines.n, lns_mark = s->card[SW_LNS].lines.n;
    sim_advance(s, timer_now(&s->tq) + 17 * USEC_PER_SEC);
    CU_ASSERT_TRUE(ipcp_open(s));
    uint64_t t_drop = timer_now(&s->tq);
    sw_drop(s, 0);
    CU_ASSERT_EQUAL(sw_valid_entries(&s->card[SW_LAC]), 0); /* cleared at once */
    if (check_lines) {
        /* The seed's timers: the LNS's StopCCN 10 s after the last session
         * went, before the LAC's own 15 s. */
        sim_advance(s, t_drop + 9500 * USEC_PER_MSEC);
        struct vpdn_tunnel_info t;
        CU_ASSERT_EQUAL_FATAL(vpdn_show_tunnels(&s->card[SW_LNS].v, &t, 1), 1);
        CU_ASSERT_STRING_EQUAL(t.state, "no-sessions-left");
        CU_ASSERT_EQUAL(t.sessions, 0);
        CU_ASSERT_EQUAL(sw_calls(s, SW_LNS), 0);
        CU_ASSERT_EQUAL_FATAL(vpdn_show_tunnels(&s->card[SW_LAC].v, &t, 1), 1);
        CU_ASSERT_STRING_EQUAL(t.state, "no-sessions-left");
        sim_advance(s, t_drop + 10500 * USEC_PER_MSEC);
        CU_ASSERT_EQUAL_FATAL(vpdn_show_tunnels(&s->card[SW_LAC].v, &t, 1), 1);
        CU_ASSERT_STRING_EQUAL(t.state, "idle");
    }
    CU_ASSERT_TRUE(sim_run(s, both_idle, t_drop + 120 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(sw_valid_entries(&s->card[SW_LNS]), 0);
    CU_ASSERT_EQUAL(vpdn_route_lookup(&s->card[SW_LNS].v, SW_IP(10, 10, 53, 2)), -1);
    CU_ASSERT_EQUAL(s->card[SW_LNS].v.n_routes, 0);
    if (check_lines) {
        struct sw_lines tail = {s->card[SW_LAC].lines.line + lac_mark,
                                s->card[SW_LAC].lines.n - lac_mark};
        sw_expect_in_order("LAC", &tail, lac_teardown,
                           sizeof lac_teardown / sizeof lac_teardown[0]);
        struct sw_lines tail2 = {s->card[SW_LNS].lines.line + lns_mark,
                                 s->card[SW_LNS].lines.n - lns_mark};
        sw_expect_in_order("LNS", &tail2, lns_teardown,
                           sizeof lns_teardown / sizeof lns_teardown[0]);
    }
}

static void test_seed_call(void)
{
    static struct sim s;
    seed_sim(&s);
    run_seed_call(&s, true);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls, 1);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls_up, 1);
    CU_ASSERT_EQUAL(s.card[SW_LNS].v.cnt.calls_up, 1);
    CU_ASSERT_EQUAL(s.card[SW_LAC].programs, 1);
    CU_ASSERT_EQUAL(s.card[SW_LAC].clears, 1);
    CU_ASSERT_EQUAL(s.card[SW_LNS].clears, 1);
    sim_free(&s);
}

/* 20% of control packets lost (seeded): the same end states, the same
 * address, the ping still answered, both routers idle at the end. */
static void test_seed_call_with_loss(void)
{
    unsigned lost = 0;
    for (uint32_t seed = 1; seed <= 8; seed++) {
        static struct sim s;
        seed_sim(&s);
        s.loss_pct = 20;
        s.loss_rng = 0x9E3779B9u * seed;
        run_seed_call(&s, false);
        lost += s.ctrl_lost;
        CU_ASSERT_EQUAL(s.card[SW_LNS].v.cnt.calls_up, 1);
        sim_free(&s);
    }
    CU_ASSERT_TRUE(lost > 0);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed call: setup, ICMP echo, line drop, StopCCN, idle", test_seed_call},
        {"seed call under 20% control-packet loss (8 seeds)", test_seed_call_with_loss},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("vpdn seed", tests);
}
