/* cardsim's session-table file parser (host/tools/cardsim_table.c) and its
 * port bit accessor (host/tools/cardsim_port.c). */
#include <string.h>

#include "cardsim_port.h"
#include "cardsim_table.h"
#include "unit.h"

static void test_seed_lac_line(void)
{
    struct cardsim_table t;
    char msg[256] = "";
    const char *text = "# the seed's LAC\n"
                       "net local-ip 10.51.6.68 local-mac 02:00:0a:33:06:44 policy none \\\n"
                       "    unbound-mru 1524 unbound-accm 0x000a0000\n"
                       "\n"
                       "session 7 tunnel 17688 peer-tunnel 55270 peer-session 45 channel 3 \\\n"
                       "  local-ip 10.51.6.68 peer-ip 10.51.6.82 local-mac 02:00:0a:33:06:44 \\\n"
                       "  peer-mac 02:00:0A:33:06:52 fcs 32 seq tx ns 0x10 vlan 100 ttl 64\n"
                       "session 45 tunnel 1 peer-tunnel 2 peer-session 3 host local-ip 1.2.3.4 "
                       "peer-ip 1.2.3.5 local-mac 02:00:00:00:00:01 peer-mac 02:00:00:00:00:02\n";
    CU_ASSERT_TRUE_FATAL(cardsim_table_parse("t", text, &t, msg, sizeof msg));
    CU_ASSERT_EQUAL(t.net.local_ip, 0x0A330644u);
    CU_ASSERT_EQUAL(t.net.local_mac[5], 0x44);
    CU_ASSERT_EQUAL(t.net.l2tp_port, 1701);
    CU_ASSERT_FALSE(t.net.punt_not_for_us);
    CU_ASSERT_TRUE(t.has_unbound_mru && t.unbound_mru == 1524);
    CU_ASSERT_EQUAL(t.unbound_accm, 0x000A0000u);
    CU_ASSERT_EQUAL_FATAL(t.n_sessions, 2);
    const struct l2tpcard_session *s = &t.sessions[0];
    CU_ASSERT_EQUAL(t.session_lines[0], 5);
    CU_ASSERT_EQUAL(t.session_lines[1], 8);
    CU_ASSERT_EQUAL(s->local_session_id, 7);
    CU_ASSERT_EQUAL(s->local_tunnel_id, 17688);
    CU_ASSERT_EQUAL(s->peer_tunnel_id, 55270);
    CU_ASSERT_EQUAL(s->peer_session_id, 45);
    CU_ASSERT_EQUAL(s->binding, L2TPCARD_BIND_CHANNEL);
    CU_ASSERT_EQUAL(s->channel, 3);
    CU_ASSERT_EQUAL(s->peer_mac[2], 0x0A);
    CU_ASSERT_TRUE(s->fcs32 && s->seq_tx && !s->seq_rx && s->vlan);
    CU_ASSERT_EQUAL(s->ns, 16);
    CU_ASSERT_EQUAL(s->vlan_tci, 100);
    CU_ASSERT_EQUAL(s->ttl, 64);
    /* Defaults: RFC 1662 §7.1 ACCM, port 1701, MRU 1500. */
    CU_ASSERT_EQUAL(s->tx_accm, 0xFFFFFFFFu);
    CU_ASSERT_EQUAL(s->peer_port, 1701);
    CU_ASSERT_EQUAL(s->mru, 1500);
    CU_ASSERT_EQUAL(t.sessions[1].binding, L2TPCARD_BIND_HOST);
    cardsim_table_free(&t);
}

static void expect_error(const char *text, const char *want)
{
    struct cardsim_table t;
    char msg[256] = "";
    CU_ASSERT_FALSE(cardsim_table_parse("f.table", text, &t, msg, sizeof msg));
    CU_ASSERT_STRING_EQUAL(msg, want);
    CU_ASSERT_PTR_NULL(t.sessions);
}

#define IDS "tunnel 1 peer-tunnel 2 peer-session 3 channel 0 "
#define ADDRS "local-ip 1.2.3.4 peer-ip 1.2.3.5 local-mac 02:00:00:00:00:01 peer-mac 02:00:00:00:00:02"

static void test_errors_name_the_line(void)
{
    expect_error("\n\nsession 5 " IDS ADDRS " ttl 256\n",
                 "f.table:3: ttl: 256 is more than 255");
    expect_error("session 5 " IDS "local-ip 1.2.3 peer-ip 1.2.3.5\n",
                 "f.table:1: local-ip: '1.2.3' is not an IPv4 address (a.b.c.d)");
    expect_error("session 0 " IDS ADDRS "\n",
                 "f.table:1: session: ID 0 names the tunnel itself (RFC 2661 §3.1)");
    expect_error("session 5 tunnel 1 " ADDRS "\n", "f.table:1: session 5: missing peer-tunnel");
    expect_error("session 5 " IDS ADDRS " fcs 24\n",
                 "f.table:1: fcs: '24' is not 16 or 32 (RFC 1662 §C)");
    expect_error("session 5 " IDS ADDRS " colour red\n", "f.table:1: session 5: unknown key 'colour'");
    expect_error("session 5 " IDS ADDRS "\n# again\nsession 5 " IDS ADDRS "\n",
                 "f.table:3: session 5: already defined on line 1");
    expect_error("net local-ip 1.2.3.4\n", "f.table:1: net: needs local-ip and local-mac");
    expect_error("net local-ip 1.2.3.4 local-mac 02:00:00:00:00:0g\n",
                 "f.table:1: local-mac: '02:00:00:00:00:0g' is not a MAC address (aa:bb:cc:dd:ee:ff)");
    expect_error("net local-ip 1.2.3.4 local-mac 02:00:00:00:00:01 policy punt-all\n",
                 "f.table:1: policy: unknown bit 'punt-all' (match-local-ip, punt-not-for-us, "
                 "punt-malformed, punt-unknown-session, punt-fragments, or none)");
    expect_error("route 1.2.3.4\n", "f.table:1: unknown line kind 'route' (net or session)");
    expect_error("session 5 " IDS ADDRS " mru -1\n", "f.table:1: mru: '-1' is not a number");
}

static void test_load_missing_file(void)
{
    struct cardsim_table t;
    char msg[256] = "";
    CU_ASSERT_FALSE(cardsim_table_load("/nonexistent/x.table", &t, msg, sizeof msg));
    CU_ASSERT_STRING_EQUAL(msg, "/nonexistent/x.table: No such file or directory");
}

/* A port struct as cosim_io_struct.h lays it out: a narrow port in a
 * uint64_t, a wide one in 32-bit words. */
struct toy_io {
    uint64_t narrow;
    uint32_t wide[4];
};

static void test_port_bits(void)
{
    static const struct cosim_port ports[] = {
        {"narrow", 40, COSIM_IN, offsetof(struct toy_io, narrow), false},
        {"wide", 128, COSIM_OUT, offsetof(struct toy_io, wide), true},
    };
    const struct cosim_block b = {"toy", ports, 2, sizeof(struct toy_io)};
    struct cardsim_port n, w, none;
    CU_ASSERT_TRUE(cardsim_port_find(&b, (const char *const[]){"x", "narrow", NULL}, &n));
    CU_ASSERT_TRUE(cardsim_port_find(&b, (const char *const[]){"wide", NULL}, &w));
    CU_ASSERT_FALSE(cardsim_port_find(&b, (const char *const[]){"gone", NULL}, &none));
    struct toy_io io;
    memset(&io, 0, sizeof io);
    cardsim_port_set(&n, &io, 8, 8, 0xAB);
    cardsim_port_set(&n, &io, 36, 8, 0xFF); /* only 4 bits fit */
    CU_ASSERT_EQUAL(io.narrow, 0xF00000AB00ull);
    CU_ASSERT_EQUAL(cardsim_port_get(&n, &io, 8, 8), 0xAB);
    /* Octets across word boundaries of a wide port. */
    for (unsigned i = 0; i < 16; i++)
        cardsim_port_set(&w, &io, 8 * i, 8, 0x10 + i);
    CU_ASSERT_EQUAL(io.wide[0], 0x13121110u);
    CU_ASSERT_EQUAL(io.wide[3], 0x1F1E1D1Cu);
    CU_ASSERT_EQUAL(cardsim_port_get(&w, &io, 24, 16), 0x1413);
    CU_ASSERT_EQUAL(cardsim_port_get(&w, &io, 120, 8), 0x1F);
    CU_ASSERT_EQUAL(cardsim_port_get(&w, &io, 128, 8), 0); /* beyond the port */
    cardsim_port_set(&none, &io, 0, 8, 1);                  /* absent: ignored */
    CU_ASSERT_EQUAL(cardsim_port_get(&none, &io, 0, 8), 0);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"the seed's LAC line and defaults", test_seed_lac_line},
        {"errors name file, line and field", test_errors_name_the_line},
        {"a missing file says so", test_load_missing_file},
        {"port bits, narrow and wide", test_port_bits},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("cardsim table", tests);
}
