/* The vpdn API's edges: bad arguments and input get clear errors (never a
 * crash), a card that refuses an entry ends the call with CDN "insufficient
 * resources", SLI rewrites the LAC's card ACCMs, an admin clear at the LAC,
 * and a channel taken again after a refused call. Software cards from
 * test_vpdn_dp.h. */
#include "test_vpdn_dp.h"

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

static bool ipcp_open(struct sim *s)
{
    return ppp_link_ipcp_open(&s->client[0].link);
}

static void seed_sim(struct sim *s)
{
    sim_init(s, "tests/config/lac-hgw.conf", NULL, "tests/config/lns-l2tp-gw.conf", NULL, NULL);
    sw_client_add(s, 0, "2500-1", SW_IP(10, 10, 53, 2), 118);
}

static void test_bad_arguments(void)
{
    static struct sim s;
    seed_sim(&s);
    struct vpdn *lac = &s.card[SW_LAC].v, *lns = &s.card[SW_LNS].v;
    struct proto_error err = {0};
    /* init: missing ops. */
    static struct vpdn bad;
    struct vpdn_config vc = {.cfg = &s.card[SW_LAC].cfg};
    struct vpdn_dataplane_ops none = {0};
    CU_ASSERT_EQUAL(vpdn_init(&bad, &vc, &none, &s.tq, &s.card[SW_LAC].log, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "dataplane ops");
    CU_ASSERT_EQUAL(vpdn_init(&bad, NULL, &none, &s.tq, &s.card[SW_LAC].log, &err), PROTO_EINVAL);
    /* An LNS-only router takes no line. */
    CU_ASSERT_EQUAL(vpdn_line_up(lns, 0, "614629", "1", &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "role");
    /* One call per channel. */
    CU_ASSERT_EQUAL(vpdn_line_up(lac, 3, "614629", "1", NULL), PROTO_OK);
    CU_ASSERT_EQUAL(vpdn_line_up(lac, 3, "614629", "1", &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "channel");
    CU_ASSERT_EQUAL(vpdn_line_down(lac, 3, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(vpdn_line_down(lac, 3, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(vpdn_line_down(lac, 5, &err), PROTO_EINVAL);
    /* Frames for nothing: errors, counted, no crash. */
    static const uint8_t lcp[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04};
    CU_ASSERT_EQUAL(vpdn_channel_ppp_input(lac, 7, lcp, sizeof lcp, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(vpdn_session_ppp_input(lns, 9, lcp, sizeof lcp, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(vpdn_send_ip(lns, 9, lcp, sizeof lcp, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(vpdn_call_clear(lac, 0, &err), PROTO_EINVAL);
    /* IP with no route, not IPv4, or too short for a header. */
    uint8_t ip[20] = {0x45, 0, 0, 20, [16] = 10, [17] = 9, [18] = 9, [19] = 9};
    CU_ASSERT_EQUAL(vpdn_route_output(lns, ip, sizeof ip, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Destination Address");
    ip[0] = 0x65;
    CU_ASSERT_EQUAL(vpdn_route_output(lns, ip, sizeof ip, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Version");
    CU_ASSERT_EQUAL(vpdn_route_output(lns, ip, 19, &err), PROTO_ETRUNC);
    CU_ASSERT_TRUE(lac->cnt.rx_no_call >= 1 && lns->cnt.rx_no_call >= 1);
    /* Garbage as a control frame: the decode error, nothing else. */
    struct l2tp_peer_addr from = {.ip = SW_LAC_IP, .port = 1701};
    static const uint8_t junk[] = {0xC8, 0x02, 0x00, 0x40, 0x00, 0x00};
    CU_ASSERT_NOT_EQUAL(vpdn_control_input(lns, &from, junk, sizeof junk, &err), PROTO_OK);
    CU_ASSERT_NOT_EQUAL(vpdn_control_input(lns, &from, junk, 0, &err), PROTO_OK);
    CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LNS), 0);
    sim_advance(&s, 60 * USEC_PER_SEC);
    CU_ASSERT_TRUE(both_idle(&s));
    sim_free(&s);
}

static void test_card_refuses_entry(void)
{
    static struct sim s;
    seed_sim(&s);
    s.card[SW_LAC].refuse_programs = true;
    sw_dial(&s, 0, "614629", "2085730592");
    sim_advance(&s, 10 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.card_errors, 1);
    CU_ASSERT_TRUE(contains(&s.card[SW_LAC].lines, "Se0:0 VPDN: card refused session 7"));
    CU_ASSERT_TRUE(contains(&s.card[SW_LNS].lines, "Result code(2): 2"));
    CU_ASSERT_TRUE(contains(&s.card[SW_LNS].lines, "Error code(4)"));
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_TRUE(sim_run(&s, both_idle, 100 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(sw_valid_entries(&s.card[SW_LNS]), 0);
    sim_free(&s);
}

static void test_sli_rewrites_accm(void)
{
    static struct sim s;
    seed_sim(&s);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(&s, ipcp_open, 60 * USEC_PER_SEC));
    struct vpdn_call_info lns;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s.card[SW_LNS].v, &lns, 1), 1);
    struct vpdn_call_info lac;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s.card[SW_LAC].v, &lac, 1), 1);
    CU_ASSERT_EQUAL(sw_entry(&s.card[SW_LAC], lac.local_session_id)->e.tx_accm, 0xFFFFFFFFu);
    /* RFC 2661 §6.15: the LNS's negotiated ACCMs reach the LAC's framer. */
    CU_ASSERT_EQUAL(l2tp_ctrl_send_sli(&s.card[SW_LNS].v.ctrl, lns.local_session_id, 0x000A0000u,
                                       0u, NULL),
                    PROTO_OK);
    sim_advance(&s, timer_now(&s.tq) + USEC_PER_SEC);
    struct sw_entry_state *e = sw_entry(&s.card[SW_LAC], lac.local_session_id);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(e->e.tx_accm, 0x000A0000u);
    CU_ASSERT_EQUAL(e->e.rx_accm, 0u);
    CU_ASSERT_EQUAL(e->e.binding, VPDN_BIND_CHANNEL);
    /* Data still flows with the new framing. */
    uint8_t pkt[28] = {0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17};
    CU_ASSERT_EQUAL(ppp_link_send_ip(&s.client[0].link, pkt, sizeof pkt, NULL), PROTO_OK);
    sim_pump(&s);
    CU_ASSERT_EQUAL(s.card[SW_LNS].ip_rx_count, 1);
    sw_drop(&s, 0);
    CU_ASSERT_TRUE(sim_run(&s, both_idle, timer_now(&s.tq) + 100 * USEC_PER_SEC));
    sim_free(&s);
}

static void test_lac_admin_clear_and_redial(void)
{
    static struct sim s;
    seed_sim(&s);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_FATAL(sim_run(&s, ipcp_open, 60 * USEC_PER_SEC));
    struct vpdn_call_info lac;
    CU_ASSERT_EQUAL_FATAL(vpdn_show_calls(&s.card[SW_LAC].v, &lac, 1), 1);
    CU_ASSERT_EQUAL(vpdn_call_clear(&s.card[SW_LAC].v, lac.local_session_id, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(sw_valid_entries(&s.card[SW_LAC]), 0);
    sim_advance(&s, timer_now(&s.tq) + 2 * USEC_PER_SEC);
    CU_ASSERT_TRUE(contains(&s.card[SW_LNS].lines, "Result code(3): 3"));
    CU_ASSERT_TRUE(contains(&s.card[SW_LNS].lines, "Vi4 IPCP: Remove route to 10.10.53.2"));
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_EQUAL(sw_calls(&s, SW_LNS), 0);
    /* The user calls again on the same channel, into the same tunnel
     * (no-sessions-left, not yet shut down): the call comes up again. */
    CU_ASSERT_EQUAL(sw_tunnels(&s, SW_LAC), 1);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_TRUE(sim_run(&s, ipcp_open, timer_now(&s.tq) + 60 * USEC_PER_SEC));
    CU_ASSERT_EQUAL(s.card[SW_LAC].v.cnt.calls, 2);
    CU_ASSERT_EQUAL(s.card[SW_LNS].v.cnt.calls_up, 2);
    sw_drop(&s, 0);
    CU_ASSERT_TRUE(sim_run(&s, both_idle, timer_now(&s.tq) + 100 * USEC_PER_SEC));
    sim_free(&s);
}

static void test_redial_after_refusal(void)
{
    static struct sim s;
    seed_sim(&s);
    sw_dial(&s, 0, "999999", "2085730592");
    sim_advance(&s, 5 * USEC_PER_SEC);
    CU_ASSERT_FALSE(s.client[0].line_up);
    CU_ASSERT_EQUAL(sw_calls(&s, SW_LAC), 0);
    sw_dial(&s, 0, "614629", "2085730592");
    CU_ASSERT_TRUE(sim_run(&s, ipcp_open, timer_now(&s.tq) + 60 * USEC_PER_SEC));
    sw_drop(&s, 0);
    CU_ASSERT_TRUE(sim_run(&s, both_idle, timer_now(&s.tq) + 100 * USEC_PER_SEC));
    sim_free(&s);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"bad arguments and input: clear errors", test_bad_arguments},
        {"card refuses the entry: CDN insufficient resources", test_card_refuses_entry},
        {"SLI rewrites the LAC card's ACCMs", test_sli_rewrites_accm},
        {"LAC admin clear, then the user dials again", test_lac_admin_clear_and_redial},
        {"a refused call frees its channel", test_redial_after_refusal},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("vpdn api", tests);
}
