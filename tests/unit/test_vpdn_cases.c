/* The call manager's other cases, on the software cards of test_vpdn_dp.h:
 * a wrong user password (CHAP failure at the LNS, CDN), an unknown DNIS
 * (call refused, line hung up, nothing on the wire), the first LNS
 * unreachable (failover to the next by priority), many users over one
 * tunnel (pool addresses, one route each), and a disconnect initiated by
 * the LNS (LCP Terminate, CDN, line hung up). Each ends with both routers
 * idle and no card entry left. */
#include "test_vpdn_dp.h"

/* Retransmissions cut to 1+2+2+2 s so the move happens before the user's
 * CHAP peer gives up waiting (10 Responses, 30 s). */
static const char lac_two_lns[] =
    "[global]\nrole = lac\nhostname = hgw\nppp-name = 5300-1\n"
    "[tunnel]\nretransmit-max = 2s\nretransmit-retries = 3\n"
    "[vpdn dnis:614629]\nlns = 10.51.6.99 priority 1\nlns = 10.51.6.82 priority 2\n"
    "password = hello\n";

static const char lns_users[] =
    "[global]\nrole = lns\nhostname = l2tp-gw\nppp-name = 1600-3\n"
    "[aaa]\ndefault-pool = dial\n"
    "[peer hgw]\nsecret = hello\n"
    "[pool dial]\nrange = 10.10.60.1 10.10.60.20\n"
    "[user u0]\nsecret = pw0\n[user u1]\nsecret = pw1\n"
    "[user u2]\nsecret = pw2\n[user u3]\nsecret = pw3\n";

static const char users_own[] =
    "[global]\nrole = lac\nhostname = users\n"
    "[user u0]\nsecret = pw0\n[user u1]\nsecret = pw1\n"
    "[user u2]\nsecret = pw2\n[user u3]\nsecret = pw3\n";

static bool contains(const struct sw_lines *l, const char *part)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->line[i], part))
            return true;
    return false;
}

static bool both_idle(struct sim *s)
{
    return sw_calls(s, SW_LAC) == 0 && sw_calls(s, SW_LNS) == 0 && sw_tunnels(s, SW_LAC) == 0 &&
           sw_tunnels(s, SW_LNS) == 0;
}

static bool first_ipcp_open(struct sim *s)
{
    return ppp_link_ipcp_open(&s->client[0].link);
}

static void expect_idle(struct sim *s)
{
    CU_ASSERT_TRUE(sim_run(s, both_idle, timer_now(&s->tq) + 200 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(sw_valid_entries(&s->card[SW_LAC]), 0);
    CU_ASSERT_EQUAL(sw_valid_entries(&s->card[SW_LNS]), 0);
    CU_ASSERT_EQUAL(s->card[SW_LNS].v.n_routes, 0);
}

static void test_wrong_password(void)
{
    static struct sim s;
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "tests/config/lns-l2tp-gw.conf", NULL,
             "[global]\nrole = lac\nhostname = users\n[user 2500-1]\nsecret = not-cisco\n");
    sw_client_add(&s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
    sw_dial(&s, 0, "614629", "2085730592");
    sim_advance(&s, 60 * USEC_PER_SEC);
    CU_ASSERT_FALSE(ppp_link_ipcp_open(&s.client[0].link));
    const struct sw_lines *lns = &s.card[SW_LNS].lines, *lac = &s.card[SW_LAC].lines;
    CU_ASSERT_TRUE(contains(lns, "AAA/AUTHEN (1): status = FAIL"));
    CU_ASSERT_TRUE(contains(lns, "Vi4 CHAP: O FAILURE id 3"));
    CU_ASSERT_TRUE(contains(lns, "Tnl/Cl 55270/45 L2TP: O CDN to hgw 17688/7"));
    CU_ASSERT_TRUE(contains(lac, "Tnl/Cl 17688/7 L2TP: I CDN"));
    CU_ASSERT_FALSE(contains(lns, "Install route"));
    /* The LAC dropped the user's line when the LNS cleared the call. */
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls_cleared_by_lns, 1);
    CU_ASSERT_EQUAL(s.card[SW_LNS].v.cnt.calls_up, 0);
    expect_idle(&s);
    sim_free(&s);
}

static void test_unknown_dnis(void)
{
    static struct sim s;
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "tests/config/lns-l2tp-gw.conf", NULL, NULL);
    sw_client_add(&s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
    sw_dial(&s, 0, "999999", "2085730592");
    sim_advance(&s, 30 * USEC_PER_SEC);
    const struct sw_lines *lac = &s.card[SW_LAC].lines;
    CU_ASSERT_TRUE(contains(lac, "Se0:0 VPDN/RPMS/: No tunnel info for dnis:999999"));
    CU_ASSERT_NOT_EQUAL(sw_find(lac, 0, "Se0:0 VPDN: No tunnel for dnis:999999, call refused"),
                        -1);
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_EQUAL(s.ctrl_sent, 0);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls_refused, 1);
    CU_ASSERT_EQUAL(s.card[SW_LAC].programs, 0);
    CU_ASSERT_TRUE(both_idle(&s));
    /* The refused call is gone: there is nothing left to take down. */
    s.client[0].line_up = false;
    CU_ASSERT_EQUAL(vpdn_line_down(&s.card[SW_LAC].v, 0, NULL), PROTO_EINVAL);
    sim_free(&s);
}

static void test_failover(void)
{
    static struct sim s;
    sim_init(&s, "lac-two-lns", lac_two_lns, "tests/config/lns-l2tp-gw.conf", NULL, NULL);
    sw_client_add(&s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_TRUE(sim_run(&s, first_ipcp_open, 200 * USEC_PER_SEC));
    const struct sw_lines *lac = &s.card[SW_LAC].lines;
    int first = sw_find(lac, 0, "Se0:0 VPDN: Forward to address 10.51.6.99");
    int second = sw_find(lac, 0, "Se0:0 VPDN: Forward to address 10.51.6.82");
    CU_ASSERT_TRUE(first >= 0 && second > first);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.failovers, 1);
    struct vpdn_call_info ci;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s.card[SW_LAC].v, &ci, 1), 1);
    CU_ASSERT_EQUAL(ci.state, VPDN_CS_UP);
    CU_ASSERT_EQUAL(ci.peer_ip, SW_LNS_IP);
    CU_ASSERT_EQUAL(ci.cnt.lns_attempts, 2);
    /* The first LNS was given its retries (§5.8) before the move. */
    CU_ASSERT_TRUE(timer_now(&s.tq) >= 5 * USEC_PER_SEC);
    sw_drop(&s, 0);
    expect_idle(&s);
    sim_free(&s);
}

static bool all_four_open(struct sim *s)
{
    for (int i = 0; i < 4; i++)
        if (!ppp_link_ipcp_open(&s->client[i].link))
            return false;
    return true;
}

static void test_many_users_one_tunnel(void)
{
    static struct sim s;
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "lns-users", lns_users, users_own);
    static const char *const names[] = {"u0", "u1", "u2", "u3"};
    for (int i = 0; i < 4; i++)
        sw_client_add(&s, i, names[i], 0, (uint8_t)(100 + i));
    for (int i = 0; i < 4; i++)
        sw_dial(&s, i, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(&s, all_four_open, 120 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LAC), 1);
    CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LNS), 1);
    struct vpdn_tunnel_info t;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_tunnels(&s.card[SW_LAC].v, &t, 1), 1);
    CU_ASSERT_EQUAL(t.sessions, 4);
    struct vpdn_call_info ci[8];
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s.card[SW_LNS].v, ci, 8), 4);
    for (int i = 0; i < 4; i++) {
        uint32_t a = s.client[i].link.ipcp.got.address;
        CU_ASSERT(a >= SW_IP(10, 10, 60, 1) && a <= SW_IP(10, 10, 60, 20));
        for (int k = 0; k < i; k++)
            CU_ASSERT_NOT_EQUAL(a, s.client[k].link.ipcp.got.address);
        /* Each address routes to the LNS session of that user. */
        int sid = vpdn_route_lookup(&s.card[SW_LNS].v, a);
        CU_ASSERT_TRUE(sid > 0);
        bool found = false;
        for (int k = 0; k < 4; k++)
            if (ci[k].local_session_id == sid)
                found = ci[k].address == a;
        CU_ASSERT_TRUE(found);
    }
    CU_ASSERT_EQUAL(aaa_pool_in_use(&s.card[SW_LNS].v.aaa, "dial"), 4);
    CU_ASSERT_EQUAL(sw_valid_entries(&s.card[SW_LAC]), 4);
    CU_ASSERT_EQUAL(sw_valid_entries(&s.card[SW_LNS]), 4);
    /* One user leaves: the others stay, the tunnel stays. */
    sw_drop(&s, 2);
    sim_advance(&s, timer_now(&s.tq) + 30 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(sw_calls(&s, SW_LNS), 3);
    CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LAC), 1);
    CU_ASSERT_EQUAL(aaa_pool_in_use(&s.card[SW_LNS].v.aaa, "dial"), 3);
    CU_ASSERT_TRUE(ppp_link_ipcp_open(&s.client[0].link));
    for (int i = 0; i < 4; i++)
        if (i != 2)
            sw_drop(&s, i);
    expect_idle(&s);
    CU_ASSERT_EQUAL(aaa_pool_in_use(&s.card[SW_LNS].v.aaa, "dial"), 0);
    sim_free(&s);
}

/* The same four users with 20% of control packets lost: all up, one tunnel. */
static void test_many_users_with_loss(void)
{
    unsigned lost = 0;
    for (uint32_t seed = 1; seed <= 4; seed++) {
        static struct sim s;
        sim_init(&s, "tests/config/lac-hgw.conf", NULL, "lns-users", lns_users, users_own);
        s.loss_pct = 20;
        s.loss_rng = 0x2545F491u * seed;
        static const char *const names[] = {"u0", "u1", "u2", "u3"};
        for (int i = 0; i < 4; i++)
            sw_client_add(&s, i, names[i], 0, (uint8_t)(100 + i));
        for (int i = 0; i < 4; i++)
            sw_dial(&s, i, "614629", "2085730592");
        CU_ASSERT_TRUE(sim_run(&s, all_four_open, 120 * USEC_PER_SEC));
        CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LAC), 1);
        CU_ASSERT_EQUAL(sw_calls(&s, SW_LNS), 4);
        lost += s.ctrl_lost;
        for (int i = 0; i < 4; i++)
            sw_drop(&s, i);
        expect_idle(&s);
        CU_ASSERT_EQUAL(aaa_pool_in_use(&s.card[SW_LNS].v.aaa, "dial"), 0);
        sim_free(&s);
    }
    CU_ASSERT_TRUE(lost > 0);
}

/* The LNS takes one session per tunnel: the second user's ICRQ gets a CDN,
 * and with busy-disconnect (the default) the LAC ends that call instead of
 * trying elsewhere; the first user stays up. */
static void test_lns_busy(void)
{
    static struct sim s;
    static char text[sizeof lns_users + 64];
    snprintf(text, sizeof text, "%s[tunnel]\nsession-limit = 1\n", lns_users);
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "lns-busy", text, users_own);
    sw_client_add(&s, 0, "u0", 0, 100);
    sw_client_add(&s, 1, "u1", 0, 101);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(&s, first_ipcp_open, 60 * USEC_PER_SEC));
    sw_dial(&s, 1, "614629", "2085730593");
    sim_advance(&s, timer_now(&s.tq) + 20 * USEC_PER_SEC);
    CU_ASSERT_FALSE(s.client[1].line_up);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls_refused, 1);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.failovers, 0);
    CU_ASSERT_NOT_EQUAL(
        sw_find(&s.card[SW_LAC].lines, 0, "Se0:1 VPDN: LNS refused the call, call refused"), -1);
    CU_ASSERT_TRUE(ppp_link_ipcp_open(&s.client[0].link));
    sw_drop(&s, 0);
    expect_idle(&s);
    sim_free(&s);
}

static void test_lns_disconnect(void)
{
    static struct sim s;
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "tests/config/lns-l2tp-gw.conf", NULL, NULL);
    sw_client_add(&s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(&s, first_ipcp_open, 60 * USEC_PER_SEC));
    int sid = vpdn_route_lookup(&s.card[SW_LNS].v, SW_IP(10, 10, 53, 2));
    CU_ASSERT_FATAL(sid > 0);
    CU_ASSERT_EQUAL(vpdn_call_clear(&s.card[SW_LNS].v, 1234, NULL), PROTO_EINVAL);
    CU_ASSERT_EQUAL(vpdn_call_clear(&s.card[SW_LNS].v, (uint16_t)sid, NULL), PROTO_OK);
    sim_advance(&s, timer_now(&s.tq) + 5 * USEC_PER_SEC);
    const struct sw_lines *lns = &s.card[SW_LNS].lines, *lac = &s.card[SW_LAC].lines;
    CU_ASSERT_TRUE(contains(lns, "Vi4 LCP: O TERMREQ"));
    CU_ASSERT_TRUE(contains(lns, "Vi4 IPCP: Remove route to 10.10.53.2"));
    CU_ASSERT_TRUE(contains(lns, "Tnl/Cl 55270/45 L2TP: O CDN to hgw 17688/7"));
    CU_ASSERT_TRUE(contains(lac, "Result code(3): 3"));
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls_cleared_by_lns, 1);
    CU_ASSERT_FALSE(ppp_link_ipcp_open(&s.client[0].link));
    expect_idle(&s);
    sim_free(&s);
}

/* The tunnel chosen by the user's domain when the DNIS has no entry. */
static void test_domain_lookup(void)
{
    static struct sim s;
    sim_init(&s, "lac-domain",
             "[global]\nrole = lac\nhostname = hgw\nppp-name = 5300-1\n"
             "[vpdn domain:example.net]\nlns = 10.51.6.82 priority 1\npassword = hello\n",
             "lns-domain",
             "[global]\nrole = lns\nhostname = l2tp-gw\nppp-name = 1600-3\n"
             "[aaa]\ndefault-pool = dial\n[peer hgw]\nsecret = hello\n"
             "[pool dial]\nrange = 10.10.60.1 10.10.60.20\n"
             "[user alice@example.net]\nsecret = alice-pw\n",
             "[global]\nrole = lac\nhostname = users\n"
             "[user alice@example.net]\nsecret = alice-pw\n");
    sw_client_add(&s, 0, "alice@example.net", 0, 118);
    sw_dial(&s, 0, "555000", "2085730592");
    CU_ASSERT_TRUE(sim_run(&s, first_ipcp_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(s.client[0].link.ipcp.got.address, SW_IP(10, 10, 60, 1));
    CU_ASSERT_TRUE(contains(&s.card[SW_LAC].lines, "domain:example.net"));
    sw_drop(&s, 0);
    expect_idle(&s);
    sim_free(&s);
}

/* The LNS a router in both roles (tests/config/both.conf: hidden AVPs,
 * receive window 8, its own timers), the seed's user on it. */
static void test_lns_in_both_roles(void)
{
    static struct sim s;
    sim_init(&s, "tests/config/lac-hgw.conf", NULL, "tests/config/both.conf", NULL, NULL);
    sw_client_add(&s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_TRUE(sim_run(&s, first_ipcp_open, 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(vpdn_route_lookup(&s.card[SW_LNS].v, SW_IP(10, 10, 53, 2)) > 0, true);
    CU_ASSERT_TRUE(contains(&s.card[SW_LAC].lines, "Hostname edge-1"));
    /* It is a LAC too: a line of its own is accepted. */
    CU_ASSERT_EQUAL(vpdn_line_up(&s.card[SW_LNS].v, 1, NULL, NULL, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(vpdn_line_down(&s.card[SW_LNS].v, 1, NULL), PROTO_OK);
    sw_drop(&s, 0);
    expect_idle(&s);
    sim_free(&s);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"wrong user password: CHAP failure at the LNS, CDN, line dropped", test_wrong_password},
        {"unknown DNIS: call refused, nothing on the wire", test_unknown_dnis},
        {"first LNS unreachable: failover to the next by priority", test_failover},
        {"four users over one tunnel, pool addresses, one leaves", test_many_users_one_tunnel},
        {"four users under 20% control-packet loss (4 seeds)", test_many_users_with_loss},
        {"LNS busy (session limit): the call ends, no failover", test_lns_busy},
        {"LNS-initiated disconnect: LCP Terminate, CDN, line dropped", test_lns_disconnect},
        {"tunnel by the user's domain", test_domain_lookup},
        {"LNS in both roles (both.conf: hidden AVPs)", test_lns_in_both_roles},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("vpdn cases", tests);
}
