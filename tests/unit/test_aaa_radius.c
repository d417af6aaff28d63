/* host/aaa's RADIUS backend without a server: the requests' attributes
 * against the seed's Access-Request dumps, a canned Access-Accept with the
 * seed's Cisco AVPairs and RFC 2868 tagged tunnel attributes (Tunnel-Password
 * hidden with a known authenticator), Framed-IP-Address, accounting, bad
 * answers; and, with a server that never answers, retries then the next
 * method (local), cancellation. */
#include <poll.h>
#include <string.h>

#include "aaa_radius_attrs.h"
#include "md5.h"
#include "ppp_auth.h"
#include "test_aaa_util.h"

/* Nothing listens on the discard port: every request times out. */
static const char conf[] =
    "[global]\nrole = both\nhostname = hgw\n"
    "[aaa]\nmethod = radius local\n"
    "[radius]\nserver = 127.0.0.1:9\nsecret = testing123\ntimeout = 1\nretries = 0\n"
    "nas-ip = 10.51.6.68\n"
    "[vpdn dnis:614629]\ntunnel-id = hgw\nlns = 10.51.6.82\npassword = hello\n"
    "[user 2500-1]\nsecret = cisco\n";

static const uint8_t vector[16] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                   0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xF0, 0x01};

/* The attribute of type `type` (vendor 0) or the VSA `vtype` of vendor in
 * wire bytes; NULL when absent. */
static const uint8_t *find_attr(const uint8_t *w, size_t n, unsigned type, unsigned vendor,
                                unsigned vtype)
{
    for (size_t off = 0; off + 2 <= n && w[off + 1] >= 2; off += w[off + 1]) {
        if (!vendor && w[off] == type)
            return w + off;
        if (vendor && w[off] == 26 && w[off + 5] == vendor && w[off + 6] == vtype)
            return w + off;
    }
    return NULL;
}

/* "Attribute T L XXXXXXXX" of the seed, checked against our encoding. */
static void expect_seed_attr(const uint8_t *w, size_t n, unsigned type, unsigned vendor,
                             unsigned vtype, unsigned len, const char *hex4)
{
    const uint8_t *a = find_attr(w, n, type, vendor, vtype);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a[1], len);
    char got[9] = "";
    for (size_t i = 0; i < 4 && 2 + i < a[1]; i++)
        snprintf(got + 2 * i, 3, "%02X", a[2 + i]);
    CU_ASSERT_STRING_EQUAL(got, hex4);
}

static void test_vpdn_request_as_seed(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    struct aaa_radius_nas nas;
    aaa_radius_nas_of(&f.aaa, &nas);
    nas.port_name = "Serial0:0";
    nas.nas_port = 0;
    nas.nas_port_type = RADIUS_NAS_PORT_TYPE_ISDN;
    VALUE_PAIR *list = NULL;
    CU_ASSERT_EQUAL_FATAL(aaa_radius_build_vpdn(rh, &list, &nas, "dnis:614629", "cisco", "614629",
                                                "2085730592", NULL), PROTO_OK);
    uint8_t w[1024];
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(aaa_radius_list_wire(list, w, sizeof w, &n, NULL), PROTO_OK);
    /* The seed's Access-Request for user='dnis:614629'. */
    expect_seed_attr(w, n, 4, 0, 0, 6, "0A330644");
    expect_seed_attr(w, n, 5, 0, 0, 6, "00000000");
    expect_seed_attr(w, n, 26, 9, 2, 17, "00000009");
    CU_ASSERT_EQUAL(find_attr(w, n, 0, 9, 2)[6], 2);
    CU_ASSERT_EQUAL(memcmp(find_attr(w, n, 0, 9, 2) + 8, "Se", 2), 0);
    expect_seed_attr(w, n, 61, 0, 0, 6, "00000002");
    expect_seed_attr(w, n, 1, 0, 0, 13, "646E6973");
    expect_seed_attr(w, n, 30, 0, 0, 8, "36313436");
    expect_seed_attr(w, n, 31, 0, 0, 12, "32303835");
    expect_seed_attr(w, n, 2, 0, 0, 18, "00000000");   /* hidden by radcli when sent */
    expect_seed_attr(w, n, 6, 0, 0, 6, "00000005");
    /* The seed's order: 4 5 26 61 1 30 31 2 6, then our NAS-Identifier. */
    static const uint8_t order[] = {4, 5, 26, 61, 1, 30, 31, 2, 6, 32};
    size_t k = 0;
    for (size_t off = 0; off < n; off += w[off + 1])
        CU_ASSERT_EQUAL(w[off], order[k < sizeof order ? k++ : 0]);
    CU_ASSERT_EQUAL(k, sizeof order);
    rc_avpair_free(list);
    fixture_free(&f);
}

static void test_chap_pap_acct_requests(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    struct aaa_radius_nas nas;
    aaa_radius_nas_of(&f.aaa, &nas);
    nas.nas_port = 4;
    nas.nas_port_type = RADIUS_NAS_PORT_TYPE_VIRTUAL;
    uint8_t ch[16], resp[16];
    memset(ch, 0xA5, sizeof ch);
    CU_ASSERT_EQUAL(chap_md5_response(3, (const uint8_t *)"cisco", 5, ch, sizeof ch, resp),
                    PROTO_OK);
    VALUE_PAIR *list = NULL;
    CU_ASSERT_EQUAL_FATAL(aaa_radius_build_chap(rh, &list, &nas, (const uint8_t *)"2500-1", 6, 3,
                                                ch, sizeof ch, resp, sizeof resp, NULL),
                          PROTO_OK);
    uint8_t w[1024];
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(aaa_radius_list_wire(list, w, sizeof w, &n, NULL), PROTO_OK);
    /* The seed's per-user request: 5 = 4, 61 = Virtual, 1 "2500", 3 len 19
     * (id 3? the seed's was 6), 6 = Framed, 7 = PPP. */
    expect_seed_attr(w, n, 5, 0, 0, 6, "00000004");
    expect_seed_attr(w, n, 61, 0, 0, 6, "00000005");
    expect_seed_attr(w, n, 1, 0, 0, 8, "32353030");
    expect_seed_attr(w, n, 6, 0, 0, 6, "00000002");
    expect_seed_attr(w, n, 7, 0, 0, 6, "00000001");
    const uint8_t *cp = find_attr(w, n, 3, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp);
    CU_ASSERT_EQUAL(cp[1], 19);
    CU_ASSERT_EQUAL(cp[2], 3);
    CU_ASSERT_EQUAL(memcmp(cp + 3, resp, 16), 0);
    const uint8_t *cc = find_attr(w, n, 60, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cc);
    CU_ASSERT_EQUAL(memcmp(cc + 2, ch, 16), 0);
    rc_avpair_free(list);
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(aaa_radius_build_chap(rh, &list, &nas, (const uint8_t *)"u", 1, 3, ch,
                                          sizeof ch, resp, 15, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "CHAP-Password");
    CU_ASSERT_PTR_NULL(list);
    CU_ASSERT_EQUAL(aaa_radius_build_chap(rh, &list, &nas, (const uint8_t *)"", 0, 3, ch,
                                          sizeof ch, resp, 16, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "User-Name");

    CU_ASSERT_EQUAL_FATAL(aaa_radius_build_pap(rh, &list, &nas, (const uint8_t *)"pap-user", 8,
                                               (const uint8_t *)"papsecret", 9, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_list_wire(list, w, sizeof w, &n, NULL), PROTO_OK);
    expect_seed_attr(w, n, 2, 0, 0, 18, "00000000");
    expect_seed_attr(w, n, 1, 0, 0, 10, "7061702D");
    rc_avpair_free(list);

    struct aaa_acct s = {.session_id = "0000002A", .user = "2500-1", .ifname = "Vi4",
                         .framed_ip = IP(10, 10, 53, 2), .in_octets = 0x100000005ull,
                         .out_octets = 84, .in_packets = 1, .out_packets = 2,
                         .session_time_s = 9, .terminate_cause = RADIUS_TERM_LOST_CARRIER};
    CU_ASSERT_EQUAL_FATAL(aaa_radius_build_acct(rh, &list, &nas, RADIUS_ACCT_STATUS_STOP, &s,
                                                NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_list_wire(list, w, sizeof w, &n, NULL), PROTO_OK);
    expect_seed_attr(w, n, 40, 0, 0, 6, "00000002");
    expect_seed_attr(w, n, 44, 0, 0, 10, "30303030");
    expect_seed_attr(w, n, 42, 0, 0, 6, "00000005");
    expect_seed_attr(w, n, 52, 0, 0, 6, "00000001");   /* Gigawords: above 2^32 */
    expect_seed_attr(w, n, 43, 0, 0, 6, "00000054");
    expect_seed_attr(w, n, 47, 0, 0, 6, "00000001");
    expect_seed_attr(w, n, 48, 0, 0, 6, "00000002");
    expect_seed_attr(w, n, 46, 0, 0, 6, "00000009");
    expect_seed_attr(w, n, 49, 0, 0, 6, "00000002");
    expect_seed_attr(w, n, 8, 0, 0, 6, "0A0A3502");
    CU_ASSERT_PTR_NULL(find_attr(w, n, 53, 0, 0));
    rc_avpair_free(list);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_build_acct(rh, &list, &nas, RADIUS_ACCT_STATUS_START, &s,
                                                NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_list_wire(list, w, sizeof w, &n, NULL), PROTO_OK);
    expect_seed_attr(w, n, 40, 0, 0, 6, "00000001");
    CU_ASSERT_PTR_NULL(find_attr(w, n, 42, 0, 0));   /* counters only in a Stop */
    rc_avpair_free(list);
    s.session_id = "";
    CU_ASSERT_EQUAL(aaa_radius_build_acct(rh, &list, &nas, RADIUS_ACCT_STATUS_STOP, &s, &err),
                    PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Acct-Session-Id");
    fixture_free(&f);
}

/* ---- a canned Access-Accept ---- */

static size_t put_attr(uint8_t *w, unsigned type, const void *v, size_t n)
{
    w[0] = (uint8_t)type;
    w[1] = (uint8_t)(n + 2);
    memcpy(w + 2, v, n);
    return n + 2;
}

static size_t put_avpair(uint8_t *w, const char *s)
{
    size_t n = strlen(s);
    uint8_t v[256] = {0, 0, 0, 9, 1, (uint8_t)(n + 2)};
    memcpy(v + 6, s, n);
    return put_attr(w, 26, v, n + 6);
}

static size_t put_tag_int(uint8_t *w, unsigned type, unsigned tag, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)tag, (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    return put_attr(w, type, b, 4);
}

static size_t put_tag_str(uint8_t *w, unsigned type, unsigned tag, const char *s)
{
    uint8_t b[256] = {(uint8_t)tag};
    memcpy(b + 1, s, strlen(s));
    return put_attr(w, type, b, strlen(s) + 1);
}

/* RFC 2868 §3.5 the server's way: the encryption this client undoes. */
static size_t put_tunnel_password(uint8_t *w, unsigned tag, const char *secret, const char *pw)
{
    uint8_t b[3 + 32] = {(uint8_t)tag, 0x80, 0x01};
    uint8_t p[32] = {(uint8_t)strlen(pw)};
    memcpy(p + 1, pw, strlen(pw));
    size_t blocks = (1 + strlen(pw) + 15) / 16;
    for (size_t i = 0; i < blocks; i++) {
        uint8_t h[16];
        struct md5_part parts[3] = {{secret, strlen(secret)}};
        if (i == 0) {
            parts[1] = (struct md5_part){vector, 16};
            parts[2] = (struct md5_part){b + 1, 2};
        } else {
            parts[1] = (struct md5_part){b + 3 + 16 * (i - 1), 16};
        }
        CU_ASSERT_EQUAL(md5_parts(parts, i == 0 ? 3 : 2, h), PROTO_OK);
        for (size_t k = 0; k < 16; k++)
            b[3 + 16 * i + k] = p[16 * i + k] ^ h[k];
    }
    return put_attr(w, 69, b, 3 + 16 * blocks);
}

static size_t canned_accept(uint8_t *w, bool cisco, bool tagged)
{
    size_t n = 0;
    uint32_t outbound = RADIUS_SERVICE_OUTBOUND_USER;
    uint8_t st[4] = {0, 0, 0, (uint8_t)outbound};
    n += put_attr(w + n, 6, st, 4);
    if (cisco) {
        n += put_avpair(w + n, "vpdn:tunnel-type=l2tp");
        n += put_avpair(w + n, "vpdn:tunnel-id=hgw");
        n += put_avpair(w + n, "vpdn:ip-addresses=10.51.6.82");
        n += put_avpair(w + n, "vpdn:l2tp-tunnel-password=hello");
    }
    if (tagged) {
        n += put_tag_int(w + n, 64, 1, RADIUS_TUNNEL_TYPE_L2TP);
        n += put_tag_int(w + n, 65, 1, RADIUS_TUNNEL_MEDIUM_IPV4);
        n += put_tag_str(w + n, 67, 1, "10.51.6.82");
        n += put_tunnel_password(w + n, 1, "testing123", "tag-one-secret");
        n += put_tag_str(w + n, 90, 1, "lac-a");
        n += put_tag_int(w + n, 83, 1, 5);
        n += put_tag_int(w + n, 64, 2, RADIUS_TUNNEL_TYPE_L2TP);
        n += put_tag_str(w + n, 67, 2, "10.51.6.83");
        n += put_tag_int(w + n, 83, 2, 1);
        n += put_tag_str(w + n, 90, 2, "lac-b");
    }
    return n;
}

static void test_parse_seed_accept(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    uint8_t w[1024];
    size_t n = canned_accept(w, true, false);
    /* The seed's Access-Accept headers: "Attribute 26 29 0000000901177670". */
    CU_ASSERT_EQUAL(w[6], 26);
    CU_ASSERT_EQUAL(w[7], 29);
    CU_ASSERT_EQUAL(memcmp(w + 8, "\x00\x00\x00\x09\x01\x17vp", 8), 0);
    VALUE_PAIR *rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rx);
    struct aaa_tunnel_info t = {0};
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(aaa_radius_parse_tunnel(&f.aaa, rx, "testing123", vector, &t, &err),
                          PROTO_OK);
    CU_ASSERT_STRING_EQUAL(t.tunnel_type, "l2tp");
    CU_ASSERT_STRING_EQUAL(t.tunnel_id, "hgw");
    CU_ASSERT_EQUAL_FATAL(t.n_lns, 1);
    CU_ASSERT_EQUAL(t.lns[0].ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(t.lns[0].priority, 1);
    CU_ASSERT_EQUAL(t.password_len, 5);
    CU_ASSERT_EQUAL(memcmp(t.password, "hello", 5), 0);
    CU_ASSERT_TRUE(t.busy_disconnect);
    static const char *const want[] = {
        "RADIUS: cisco AVPair \"vpdn:tunnel-type=l2tp\"",
        "RADIUS: cisco AVPair \"vpdn:tunnel-id=hgw\"",
        "RADIUS: cisco AVPair \"vpdn:ip-addresses=10.51.6.82\"",
        "RADIUS: cisco AVPair \"vpdn:l2tp-tunnel-password=hello\"",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);
    rc_avpair_free(rx);
    fixture_free(&f);
}

static void test_parse_rfc2868_tags(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    uint8_t w[1024];
    /* Tagged only: LNSs by Tunnel-Preference; the id of the most preferred
     * tunnel (tag 2), the password of the only one that has one (tag 1). */
    size_t n = canned_accept(w, false, true);
    VALUE_PAIR *rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    struct aaa_tunnel_info t = {0};
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(aaa_radius_parse_tunnel(&f.aaa, rx, "testing123", vector, &t, &err),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(t.n_lns, 2);
    CU_ASSERT_EQUAL(t.lns[0].ip, IP(10, 51, 6, 83));
    CU_ASSERT_EQUAL(t.lns[0].priority, 1);
    CU_ASSERT_EQUAL(t.lns[1].ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(t.lns[1].priority, 5);
    CU_ASSERT_STRING_EQUAL(t.tunnel_id, "lac-b");
    CU_ASSERT_EQUAL(t.password_len, 14);
    CU_ASSERT_EQUAL(memcmp(t.password, "tag-one-secret", 14), 0);
    /* The failover order is what aaa_vpdn_select walks. */
    struct aaa_lns lns;
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &t, 1, &lns, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(lns.ip, IP(10, 51, 6, 82));
    CU_ASSERT_EQUAL(aaa_vpdn_select(&f.aaa, "Se0:0", &t, 2, &lns, &err), PROTO_EINVAL);
    /* A wrong secret: the hidden password does not decode. */
    memset(&t, 0, sizeof t);
    CU_ASSERT_EQUAL(aaa_radius_parse_tunnel(&f.aaa, rx, "wrong", vector, &t, &err),
                    PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Tunnel-Password");
    rc_avpair_free(rx);

    /* Both: the tagged list wins, Cisco's id and password stay. */
    n = canned_accept(w, true, true);
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    memset(&t, 0, sizeof t);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_parse_tunnel(&f.aaa, rx, "testing123", vector, &t, &err),
                          PROTO_OK);
    CU_ASSERT_EQUAL(t.n_lns, 2);
    CU_ASSERT_STRING_EQUAL(t.tunnel_id, "hgw");
    CU_ASSERT_EQUAL(t.password_len, 5);
    rc_avpair_free(rx);
    fixture_free(&f);
}

static void test_parse_bad_answers(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    uint8_t w[512];
    struct aaa_tunnel_info t = {0};
    struct proto_error err = {0};
    size_t n = put_avpair(w, "vpdn:tunnel-type=pptp");
    n += put_avpair(w + n, "vpdn:ip-addresses=10.0.0.1");
    VALUE_PAIR *rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_EQUAL(aaa_radius_parse_tunnel(&f.aaa, rx, "s", vector, &t, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "vpdn:tunnel-type");
    rc_avpair_free(rx);
    memset(&t, 0, sizeof t);
    n = put_avpair(w, "vpdn:tunnel-type=l2tp");
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_EQUAL(aaa_radius_parse_tunnel(&f.aaa, rx, "s", vector, &t, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Tunnel-Server-Endpoint");
    rc_avpair_free(rx);
    memset(&t, 0, sizeof t);
    n = put_avpair(w, "vpdn:tunnel-type=l2tp");
    n += put_avpair(w + n, "vpdn:ip-addresses=10.0.0.1/not-an-address");
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_EQUAL(aaa_radius_parse_tunnel(&f.aaa, rx, "s", vector, &t, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "vpdn:ip-addresses");
    rc_avpair_free(rx);
    memset(&t, 0, sizeof t);
    uint8_t three[3] = {1, 0, 3};
    n = put_attr(w, 64, three, 3);
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_EQUAL(aaa_radius_parse_tunnel(&f.aaa, rx, "s", vector, &t, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Tunnel-Type");
    rc_avpair_free(rx);
    /* Cisco's "a b/c": equal priorities, then a lower one. */
    memset(&t, 0, sizeof t);
    n = put_avpair(w, "vpdn:tunnel-type=l2tp");
    n += put_avpair(w + n, "vpdn:ip-addresses=10.0.0.1 10.0.0.2/10.0.0.3");
    n += put_avpair(w + n, "vpdn:l2tp-busy-disconnect=no");
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    CU_ASSERT_EQUAL_FATAL(aaa_radius_parse_tunnel(&f.aaa, rx, "s", vector, &t, &err), PROTO_OK);
    CU_ASSERT_EQUAL(t.n_lns, 3);
    CU_ASSERT_EQUAL(t.lns[1].priority, 1);
    CU_ASSERT_EQUAL(t.lns[2].priority, 2);
    CU_ASSERT_FALSE(t.busy_disconnect);
    rc_avpair_free(rx);
    /* A short Tunnel-Password. */
    uint8_t pw[8];
    size_t pl;
    uint8_t bad[10] = {1, 0x80, 1, 2, 3};
    CU_ASSERT_EQUAL(aaa_radius_tunnel_password(bad, sizeof bad, "s", vector, pw, sizeof pw, &pl,
                                               &err), PROTO_ELENGTH);
    fixture_free(&f);
}

static void test_parse_framed_ip(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    rc_handle *rh = aaa_radius_handle(f.aaa.radius);
    uint8_t w[64];
    uint8_t ip[4] = {10, 10, 53, 2};
    size_t n = put_attr(w, 8, ip, 4);
    VALUE_PAIR *rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    struct ppp_aaa_attrs at;
    aaa_radius_parse_user(&f.aaa, rx, &at);
    CU_ASSERT_EQUAL(at.framed_ip, IP(10, 10, 53, 2));
    CU_ASSERT_FALSE(at.allow_negotiated_address);
    rc_avpair_free(rx);
    memset(ip, 0xFF, 4);
    n = put_attr(w, 8, ip, 4);
    rx = rc_avpair_gen(rh, NULL, w, (int)n, 0);
    aaa_radius_parse_user(&f.aaa, rx, &at);
    CU_ASSERT_EQUAL(at.framed_ip, 0);
    CU_ASSERT_TRUE(at.allow_negotiated_address);
    CU_ASSERT_TRUE(find_line(&f.out, 0, "RADIUS: allowing negotiated framed address") >= 0);
    rc_avpair_free(rx);
    fixture_free(&f);
}

/* ---- no server answers: the next method (local) ---- */

static void wait_answers(struct aaa *a)
{
    for (int i = 0; i < 200 && aaa_pending(a); i++) {
        struct pollfd p = {.fd = aaa_fd(a), .events = POLLIN};
        (void)poll(&p, 1, 50);
        aaa_poll(a);
    }
    CU_ASSERT_EQUAL(aaa_pending(a), 0);
}

struct vpdn_got {
    int calls;
    enum aaa_result r;
    uint32_t lns;
};

static void vpdn_done(void *ctx, enum aaa_result r, const struct aaa_tunnel_info *info)
{
    struct vpdn_got *g = ctx;
    g->calls++;
    g->r = r;
    g->lns = info && info->n_lns ? info->lns[0].ip : 0;
}

static void test_unreachable_falls_back_to_local(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    CU_ASSERT_TRUE(aaa_fd(&f.aaa) >= 0);
    struct vpdn_got g = {0};
    CU_ASSERT_EQUAL(aaa_vpdn_authorize(&f.aaa, "Se0:0", "614629", "2500-1", vpdn_done, &g),
                    AAA_PENDING);
    CU_ASSERT_EQUAL(g.calls, 0);
    wait_answers(&f.aaa);
    CU_ASSERT_EQUAL(g.calls, 1);
    CU_ASSERT_EQUAL(g.r, AAA_PASS);
    CU_ASSERT_EQUAL(g.lns, IP(10, 51, 6, 82));
    static const char *const want[] = {
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=radius (radius)",
        "RADIUS: Initial Transmit Serial0:0 id 2 127.0.0.1:9, Access-Request, len 105",
        "RADIUS: id 2 127.0.0.1:9: no response after 0 retransmissions, 1s apart",
        "RADIUS: id 2: no RADIUS server answered (1 tried)",
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=radius (radius) could not answer: trying the "
        "next method",
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=LOCAL",
        "AAA/AUTHOR (1): Post authorization status = PASS_ADD",
        "Se0:0 VPDN/RPMS/: Got tunnel info for dnis:614629",
    };
    expect_in_order(&f.out, want, sizeof want / sizeof want[0]);
    fixture_free(&f);
}

struct verdict_got {
    int calls;
    enum ppp_aaa_verdict v;
};

static void verdict(void *requester, enum ppp_aaa_verdict v, const struct ppp_aaa_attrs *attrs)
{
    struct verdict_got *g = requester;
    (void)attrs;
    g->calls++;
    g->v = v;
}

static void test_chap_pending_then_local(void)
{
    struct aaa_fixture f;
    fixture_text(&f, conf);
    struct ppp_aaa p;
    aaa_ppp_interface(&f.aaa, &p);
    uint8_t ch[16], resp[16];
    memset(ch, 7, sizeof ch);
    CU_ASSERT_EQUAL(chap_md5_response(6, (const uint8_t *)"cisco", 5, ch, sizeof ch, resp),
                    PROTO_OK);
    struct verdict_got good = {0}, gone = {0};
    struct ppp_aaa_attrs attrs;
    CU_ASSERT_EQUAL(p.chap_check_async(p.ctx, &good, verdict, (const uint8_t *)"2500-1", 6, 6, ch,
                                       sizeof ch, resp, sizeof resp, &attrs),
                    PPP_AAA_PENDING);
    /* A second request whose authenticator goes away before the answer. */
    CU_ASSERT_EQUAL(p.chap_check_async(p.ctx, &gone, verdict, (const uint8_t *)"2500-1", 6, 6, ch,
                                       sizeof ch, resp, sizeof resp, &attrs),
                    PPP_AAA_PENDING);
    p.cancel(p.ctx, &gone);
    wait_answers(&f.aaa);
    CU_ASSERT_EQUAL(good.calls, 1);
    CU_ASSERT_EQUAL(good.v, PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(gone.calls, 0);
    /* The synchronous interface counts the network method as unable. */
    CU_ASSERT_EQUAL(p.chap_check(p.ctx, (const uint8_t *)"2500-1", 6, 6, ch, sizeof ch, resp,
                                 sizeof resp, &attrs), PPP_AAA_ACCEPT);
    fixture_free(&f);
}

static void test_config_errors(void)
{
    struct l2tpd_config c;
    struct aaa a;
    struct proto_error err = {0};
    static const char no_server[] = "[global]\nrole = lac\nhostname = h\n[aaa]\nmethod = radius\n";
    CU_ASSERT_EQUAL_FATAL(config_parse("t.conf", no_server, sizeof no_server - 1, &c, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL(aaa_init(&a, &c, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "method");
    config_free(&c);
    static const char bad_dict[] =
        "[global]\nrole = lac\nhostname = h\n[aaa]\nmethod = radius\n"
        "[radius]\nserver = 127.0.0.1\nsecret = s\ndictionary = /nonexistent/dictionary\n";
    CU_ASSERT_EQUAL_FATAL(config_parse("t.conf", bad_dict, sizeof bad_dict - 1, &c, NULL),
                          PROTO_OK);
    CU_ASSERT_NOT_EQUAL(aaa_init(&a, &c, NULL, &err), PROTO_OK);
    config_free(&c);
    /* Bad values name file, line and key. */
    struct config_error ce;
    static const char bad_port[] = "[global]\nrole = lac\nhostname = h\n[radius]\n"
                                   "server = 127.0.0.1:0\nsecret = s\n";
    CU_ASSERT_NOT_EQUAL(config_parse("t.conf", bad_port, sizeof bad_port - 1, &c, &ce), PROTO_OK);
    CU_ASSERT_EQUAL(ce.line, 5);
    CU_ASSERT_STRING_EQUAL(ce.key, "server");
    static const char bad_timeout[] = "[global]\nrole = lac\nhostname = h\n[radius]\n"
                                      "server = 127.0.0.1\nsecret = s\ntimeout = 1500ms\n";
    CU_ASSERT_NOT_EQUAL(config_parse("t.conf", bad_timeout, sizeof bad_timeout - 1, &c, &ce),
                        PROTO_OK);
    CU_ASSERT_EQUAL(ce.line, 7);
    CU_ASSERT_STRING_EQUAL(ce.key, "timeout");
    static const char no_secret[] = "[global]\nrole = lac\nhostname = h\n[radius]\n"
                                    "server = 127.0.0.1\n";
    CU_ASSERT_NOT_EQUAL(config_parse("t.conf", no_secret, sizeof no_secret - 1, &c, &ce),
                        PROTO_OK);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"VPDN Access-Request as the seed's", test_vpdn_request_as_seed},
        {"CHAP, PAP and accounting requests", test_chap_pap_acct_requests},
        {"the seed's Access-Accept (Cisco AVPairs)", test_parse_seed_accept},
        {"RFC 2868 tags, Tunnel-Preference, Tunnel-Password", test_parse_rfc2868_tags},
        {"bad answers get clear errors", test_parse_bad_answers},
        {"Framed-IP-Address", test_parse_framed_ip},
        {"no server answers: retries, then local", test_unreachable_falls_back_to_local},
        {"CHAP pending, verdict later; cancel", test_chap_pending_then_local},
        {"config and set-up errors", test_config_errors},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("aaa radius", tests);
}
