/* The seed's PPP negotiation (Cisco "L2TP Tunnel Setup and Teardown", LAC
 * and LNS debug) rebuilt whole from its debug lines: each packet is built
 * from the options the seed lists, its Length must equal the seed's "len",
 * and ppp_frame_dump must print the seed's lines. Option lines use the
 * brief's four-space indent (the seed itself varies between 3 and 6). */
#include <stdio.h>
#include <string.h>

#include "hdlc.h"
#include "hexbytes.h"
#include "ppp_auth.h"
#include "ppp_const.h"
#include "ppp_cp.h"
#include "ppp_frame.h"
#include "unit.h"

#define MAX_LINES 8

struct lines {
    unsigned n;
    char text[MAX_LINES][256];
};

static void collect(void *ctx, const char *line)
{
    struct lines *l = ctx;
    if (l->n < MAX_LINES)
        snprintf(l->text[l->n], sizeof l->text[0], "%s", line);
    l->n++;
}

/* Dumps frame and compares with the expected lines (NULL-terminated). */
static void expect_dump(const uint8_t *frame, size_t len, const char *dir,
                        const char *const *want)
{
    struct lines got = {0};
    ppp_frame_dump(frame, len, dir, collect, &got);
    unsigned n = 0;
    while (want[n])
        n++;
    CU_ASSERT_EQUAL(got.n, n);
    for (unsigned i = 0; i < n && i < got.n && i < MAX_LINES; i++) {
        CU_ASSERT_STRING_EQUAL(got.text[i], want[i]);
        if (strcmp(got.text[i], want[i]) != 0)
            printf("\n  got  [%s]\n  want [%s]\n", got.text[i], want[i]);
    }
}

/* The two sides' LCP options as the seed lists them. */
static struct lcp_options lac_options(bool with_auth_magic, bool with_mp)
{
    struct lcp_options o = {0};
    if (with_auth_magic) {
        o.has_auth = true;
        o.auth_protocol = PPP_PROTO_CHAP;
        o.auth_data[0] = CHAP_ALG_MD5;
        o.auth_data_len = 1;
        o.has_magic = true;
        o.magic = 0x109D08F2u;
    }
    if (with_mp) {
        o.has_mrru = true;
        o.mrru = 1524;
        o.has_endpoint = true;
        o.endpoint_class = LCP_ED_LOCAL;
        memcpy(o.endpoint_addr, "5300-1", 6);
        o.endpoint_len = 6;
    }
    return o;
}

/* Builds FF 03 <protocol> <code id length options>; returns the frame length. */
static size_t build_cp_frame(uint16_t protocol, uint8_t code, uint8_t id, const uint8_t *opts,
                             size_t opts_len, uint8_t *frame, size_t cap)
{
    uint8_t pkt[256];
    size_t pn = 0, fn = 0;
    CU_ASSERT_FATAL(ppp_cp_encode(code, id, opts, opts_len, pkt, sizeof pkt, &pn, NULL) ==
                    PROTO_OK);
    CU_ASSERT_FATAL(ppp_frame_encode(protocol, pkt, pn, false, false, frame, cap, &fn, NULL) ==
                    PROTO_OK);
    return fn;
}

static size_t build_lcp(uint8_t code, uint8_t id, const struct lcp_options *o, uint8_t *frame,
                        size_t cap, size_t *length)
{
    uint8_t opts[128];
    size_t on = 0;
    CU_ASSERT_FATAL(lcp_options_encode(o, opts, sizeof opts, &on, NULL) == PROTO_OK);
    *length = on + 4;
    return build_cp_frame(PPP_PROTO_LCP, code, id, opts, on, frame, cap);
}

static void test_lac_lcp(void)
{
    uint8_t f[256];
    size_t len, n;

    /* "LCP: I CONFREQ [Listen] id 118 len 10" */
    struct lcp_options peer = {.has_magic = true, .magic = 0x6EE4E865u};
    n = build_lcp(PPP_CONFIGURE_REQUEST, 118, &peer, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    expect_dump(f, n, NULL,
                (const char *const[]){"LCP: CONFREQ id 118 len 10",
                                      "LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)", NULL});
    expect_dump(f, n, "I",
                (const char *const[]){"LCP: I CONFREQ id 118 len 10",
                                      "LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)", NULL});

    /* "LCP: O CONFREQ [Listen] id 11 len 28" = 4 + 5 + 6 + 4 + 9 */
    struct lcp_options ours = lac_options(true, true);
    n = build_lcp(PPP_CONFIGURE_REQUEST, 11, &ours, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 28);
    expect_dump(f, n, "O",
                (const char *const[]){"LCP: O CONFREQ id 11 len 28",
                                      "LCP:    AuthProto CHAP (0x0305C22305)",
                                      "LCP:    MagicNumber 0x109D08F2 (0x0506109D08F2)",
                                      "LCP:    MRRU 1524 (0x110405F4)",
                                      "LCP:    EndpointDisc 1 Local (0x130901353330302D31)",
                                      NULL});

    /* "LCP: O CONFACK [Listen] id 118 len 10" */
    n = build_lcp(PPP_CONFIGURE_ACK, 118, &peer, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    expect_dump(f, n, "O",
                (const char *const[]){"LCP: O CONFACK id 118 len 10",
                                      "LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)", NULL});

    /* "LCP: I CONFREQ [ACKsent] id 11 len 17": MRRU and EndpointDisc */
    struct lcp_options mp = lac_options(false, true);
    n = build_lcp(PPP_CONFIGURE_REQUEST, 11, &mp, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 17);
    expect_dump(f, n, "I",
                (const char *const[]){"LCP: I CONFREQ id 11 len 17",
                                      "LCP:    MRRU 1524 (0x110405F4)",
                                      "LCP:    EndpointDisc 1 Local (0x130901353330302D31)",
                                      NULL});

    /* "LCP: O CONFREQ [ACKsent] id 12 len 15", acked as "I CONFACK id 12 len 15" */
    struct lcp_options am = lac_options(true, false);
    n = build_lcp(PPP_CONFIGURE_REQUEST, 12, &am, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 15);
    n = build_lcp(PPP_CONFIGURE_ACK, 12, &am, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 15);
    expect_dump(f, n, "I",
                (const char *const[]){"LCP: I CONFACK id 12 len 15",
                                      "LCP:    AuthProto CHAP (0x0305C22305)",
                                      "LCP:    MagicNumber 0x109D08F2 (0x0506109D08F2)", NULL});
}

/* The LNS debug: ICCN's "Last Sent LCPREQ 0305C223050506109D08F2" (AVP 27)
 * and "Last Rx LCPREQ 05066EE4E865" (AVP 28) are the options of the LAC's
 * CONFREQ id 12 and of the client's CONFREQ id 118; "I FORCED CONFREQ len
 * 11" is that 11-octet option list. */
static void test_lns_proxy_lcp(void)
{
    uint8_t want[32], opts[64];
    size_t wn = 0, on = 0;
    struct lcp_options am = lac_options(true, false);
    CU_ASSERT_FATAL(hex_parse("0305C223050506109D08F2", want, sizeof want, &wn, NULL) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(lcp_options_encode(&am, opts, sizeof opts, &on, NULL), PROTO_OK);
    CU_ASSERT(on == 11 && wn == 11 && memcmp(opts, want, on) == 0);

    struct lcp_options peer = {.has_magic = true, .magic = 0x6EE4E865u};
    CU_ASSERT_FATAL(hex_parse("05066EE4E865", want, sizeof want, &wn, NULL) == PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(lcp_options_encode(&peer, opts, sizeof opts, &on, NULL), PROTO_OK);
    CU_ASSERT(on == wn && memcmp(opts, want, on) == 0);
}

static size_t build_ipcp(uint8_t code, uint8_t id, const struct ipcp_options *o, uint8_t *f,
                         size_t cap, size_t *length)
{
    uint8_t opts[64];
    size_t on = 0;
    CU_ASSERT_FATAL(ipcp_options_encode(o, opts, sizeof opts, &on, NULL) == PROTO_OK);
    *length = on + 4;
    return build_cp_frame(PPP_PROTO_IPCP, code, id, opts, on, f, cap);
}

static void test_lns_ipcp(void)
{
    uint8_t f[128];
    size_t len, n;
    struct ipcp_options ours = {.has_address = true, .address = 0x0A330652u};
    /* "IPCP: O CONFREQ [Closed] id 1 len 10" */
    n = build_ipcp(PPP_CONFIGURE_REQUEST, 1, &ours, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    expect_dump(f, n, "O",
                (const char *const[]){"IPCP: O CONFREQ id 1 len 10",
                                      "IPCP:    Address 10.51.6.82 (0x03060A330652)", NULL});
    /* "IPCP: I CONFREQ [REQsent] id 187 len 16" */
    struct ipcp_options theirs = {.has_address = true, .address = 0x0A0A3502u,
                                  .has_compression = true,
                                  .compression_protocol = PPP_PROTO_VJ_COMP,
                                  .vj_max_slot_id = 15};
    n = build_ipcp(PPP_CONFIGURE_REQUEST, 187, &theirs, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 16);
    expect_dump(f, n, "I",
                (const char *const[]){"IPCP: I CONFREQ id 187 len 16",
                                      "IPCP:    CompressType VJ 15 slots (0x0206002D0F00)",
                                      "IPCP:    Address 10.10.53.2 (0x03060A0A3502)", NULL});
    /* The seed then prints "O CONFREQ [REQsent] id 187 len 10" with only the
     * VJ option: by id, length and content that is the Configure-Reject of
     * the VJ option (RFC 1661 §5.4), printed here under its real code. */
    struct ipcp_options vj = theirs;
    vj.has_address = false;
    n = build_ipcp(PPP_CONFIGURE_REJECT, 187, &vj, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    expect_dump(f, n, "O",
                (const char *const[]){"IPCP: O CONFREJ id 187 len 10",
                                      "IPCP:    CompressType VJ 15 slots (0x0206002D0F00)", NULL});
    /* "IPCP: I CONFACK [REQsent] id 1 len 10", "I CONFREQ [ACKrcvd] id 188 len 10",
     * "O CONFACK [ACKrcvd] id 188 len 10" */
    n = build_ipcp(PPP_CONFIGURE_ACK, 1, &ours, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    struct ipcp_options addr_only = theirs;
    addr_only.has_compression = false;
    n = build_ipcp(PPP_CONFIGURE_REQUEST, 188, &addr_only, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    n = build_ipcp(PPP_CONFIGURE_ACK, 188, &addr_only, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 10);
    expect_dump(f, n, "O",
                (const char *const[]){"IPCP: O CONFACK id 188 len 10",
                                      "IPCP:    Address 10.10.53.2 (0x03060A0A3502)", NULL});
}

static size_t build_chap(const struct chap_packet *c, uint8_t *f, size_t cap, size_t *length)
{
    uint8_t pkt[128];
    size_t pn = 0, fn = 0;
    CU_ASSERT_FATAL(chap_encode(c, pkt, sizeof pkt, &pn, NULL) == PROTO_OK);
    *length = pn;
    CU_ASSERT_FATAL(ppp_frame_encode(PPP_PROTO_CHAP, pkt, pn, false, false, f, cap, &fn, NULL) ==
                    PROTO_OK);
    return fn;
}

static void test_chap(void)
{
    uint8_t f[128], chal[16], resp[16];
    size_t len, n, k;
    CU_ASSERT_FATAL(hex_parse("5D0D008CB1677CF8BC354556321A7A74", chal, 16, &k, NULL) == PROTO_OK);
    CU_ASSERT_FATAL(hex_parse("CA1CC2E4FA6899E8DF1B695C0A80883E", resp, 16, &k, NULL) == PROTO_OK);
    /* LAC: "CHAP: O CHALLENGE id 6 len 27 from "5300-1"" */
    struct chap_packet c = {CHAP_CHALLENGE, 6, chal, 16, (const uint8_t *)"5300-1", 6};
    n = build_chap(&c, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 27);
    expect_dump(f, n, "O",
                (const char *const[]){"CHAP: O CHALLENGE id 6 len 27 from \"5300-1\"", NULL});
    /* "CHAP: I RESPONSE id 6 len 27 from "2500-1"" */
    struct chap_packet r = {CHAP_RESPONSE, 6, resp, 16, (const uint8_t *)"2500-1", 6};
    n = build_chap(&r, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 27);
    expect_dump(f, n, "I",
                (const char *const[]){"CHAP: I RESPONSE id 6 len 27 from \"2500-1\"", NULL});
    /* LNS: "CHAP: O CHALLENGE id 3 len 27 from "1600-3"" */
    struct chap_packet c3 = {CHAP_CHALLENGE, 3, chal, 16, (const uint8_t *)"1600-3", 6};
    n = build_chap(&c3, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 27);
    expect_dump(f, n, "O",
                (const char *const[]){"CHAP: O CHALLENGE id 3 len 27 from \"1600-3\"", NULL});
    /* "CHAP: O SUCCESS id 6 len 4" */
    struct chap_packet s = {CHAP_SUCCESS, 6, NULL, 0, NULL, 0};
    n = build_chap(&s, f, sizeof f, &len);
    CU_ASSERT_EQUAL(len, 4);
    expect_dump(f, n, "O", (const char *const[]){"CHAP: O SUCCESS id 6 len 4", NULL});
}

/* The LAC's side of the conversation is on an async line: every seed
 * packet goes through HDLC framing (default ACCM, FCS-16) and back. */
static void test_seed_packets_through_hdlc(void)
{
    uint8_t f[128], enc[300], dec[1600];
    size_t len, n, en = 0, dn = 0;
    struct lcp_options ours = lac_options(true, true);
    n = build_lcp(PPP_CONFIGURE_REQUEST, 11, &ours, f, sizeof f, &len);
    struct hdlc_tx_config tx = {PPP_DEFAULT_ACCM, HDLC_FCS_16, true};
    struct hdlc_rx_config rx = {PPP_DEFAULT_ACCM, HDLC_FCS_16, PPP_DEFAULT_MRU};
    CU_ASSERT_FATAL(hdlc_encode(&tx, f, n, enc, sizeof enc, &en, NULL) == PROTO_OK);
    CU_ASSERT_FATAL(hdlc_decode(&rx, enc, en, dec, sizeof dec, &dn, NULL) == PROTO_OK);
    CU_ASSERT(dn == n && memcmp(dec, f, n) == 0);
    expect_dump(dec, dn, "I",
                (const char *const[]){"LCP: I CONFREQ id 11 len 28",
                                      "LCP:    AuthProto CHAP (0x0305C22305)",
                                      "LCP:    MagicNumber 0x109D08F2 (0x0506109D08F2)",
                                      "LCP:    MRRU 1524 (0x110405F4)",
                                      "LCP:    EndpointDisc 1 Local (0x130901353330302D31)",
                                      NULL});
}

/* Dump wording beyond the seed, and malformed frames. */
static void test_dump_other(void)
{
    uint8_t b[64];
    size_t n = 0;
#define DUMP(hexstr, dir, ...)                                                                    \
    do {                                                                                          \
        CU_ASSERT_FATAL(hex_parse(hexstr, b, sizeof b, &n, NULL) == PROTO_OK);                   \
        expect_dump(b, n, dir, (const char *const[]){__VA_ARGS__, NULL});                         \
    } while (0)
    DUMP("FF03C021 0901000C 6EE4E865 00000000", "O", "LCP: O ECHOREQ id 1 len 12 magic 0x6EE4E865");
    DUMP("FF03C021 05020004", NULL, "LCP: TERMREQ id 2 len 4");
    DUMP("FF03C021 08030006 8207", "O", "LCP: O PROTREJ id 3 len 6 protocol 0x8207");
    DUMP("FF03C023 0101000E 06323530302D3102 7077", "I",
         "PAP: I AUTH-REQ id 1 len 14 from \"2500-1\"");
    DUMP("C023 02010007 026F6B", "O", "PAP: O AUTH-ACK id 1 len 7 msg is \"ok\"");
    DUMP("FF03C223 04060007 6E6F0A", "I", "CHAP: I FAILURE id 6 len 7 msg is \"no\\x0A\"");
    DUMP("FF03 8207 0102", "I", "PPP: I protocol 0x8207 len 2");
    DUMP("21 450000", "O", "IP: O protocol 0x0021 len 3");
    /* malformed: each says where and what */
    DUMP("FF13C021", "I", "PPP: I malformed: offset 1: Control: 0x13 after Address 0xFF, expected 0x03");
    DUMP("FF03C021 0176000C 0506", "I",
         "LCP: I malformed: offset 2: Length: 12 exceeds the 6 octets received");
    DUMP("FF03C021 01760008 05060000", "I", "LCP: I CONFREQ id 118 len 8",
         "LCP:    malformed: offset 5: Length: option type 5 length 6 overruns the 4 octets left");
    DUMP("FF03C021 01760006 0104", "I", "LCP: I CONFREQ id 118 len 6",
         "LCP:    malformed: offset 5: Length: option type 1 length 4 overruns the 2 octets left");
    DUMP("FF03C223 0106001B 11", "O",
         "CHAP: O malformed: offset 2: Length: 27 exceeds the 5 octets received");
#undef DUMP
    /* a dump of every prefix of a frame never reads past it (sanitizer run) */
    CU_ASSERT_FATAL(hex_parse("FF03C021 0176001C 0305C22305 0506109D08F2 110405F4 "
                              "130901353330302D31", b, sizeof b, &n, NULL) == PROTO_OK);
    for (size_t cut = 0; cut <= n; cut++) {
        struct lines got = {0};
        ppp_frame_dump(b, cut, "I", collect, &got);
        CU_ASSERT(got.n >= 1);
        if (cut < n)
            CU_ASSERT_PTR_NOT_NULL(strstr(got.text[got.n > 1 ? 1 : 0], "malformed"));
    }
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random frames of every protocol the dump knows: at least one line each,
 * every line terminated and short, never a read past the frame. */
static void test_dump_random(void)
{
    static const uint16_t protos[] = {PPP_PROTO_LCP, PPP_PROTO_IPCP, PPP_PROTO_CHAP,
                                      PPP_PROTO_PAP, PPP_PROTO_CCP, PPP_PROTO_IP, 0x8207};
    uint32_t seed = 0xD0D0CAFEu;
    uint8_t f[96];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 4 + rnd(&seed) % (sizeof f - 4);
        for (size_t i = 0; i < n; i++)
            f[i] = (uint8_t)rnd(&seed);
        uint16_t pr = protos[rnd(&seed) % (sizeof protos / sizeof protos[0])];
        f[0] = 0xFF, f[1] = 0x03, f[2] = (uint8_t)(pr >> 8), f[3] = (uint8_t)pr;
        if (n >= 8 && (iter & 1)) {
            f[6] = 0;
            f[7] = (uint8_t)(rnd(&seed) % (n - 3)); /* a plausible Length */
        }
        size_t cut = rnd(&seed) % (n + 1);
        struct lines got = {0};
        ppp_frame_dump(f, cut, (iter & 2) ? "I" : NULL, collect, &got);
        CU_ASSERT_FATAL(got.n >= 1);
        /* the first line names the protocol, or says the header is cut */
        const char *name = ppp_protocol_name(pr);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%s: ", strcmp(name, "unknown") ? name : "PPP");
        if (cut < 4) {
            CU_ASSERT_EQUAL(strncmp(got.text[0], "PPP: ", 5), 0);
            CU_ASSERT_PTR_NOT_NULL(strstr(got.text[0], "malformed"));
        } else {
            CU_ASSERT_EQUAL(strncmp(got.text[0], prefix, strlen(prefix)), 0);
        }
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"LAC LCP negotiation rebuilt, lengths and lines", test_lac_lcp},
        {"LNS proxy LCP (ICCN AVPs 27/28)", test_lns_proxy_lcp},
        {"LNS IPCP negotiation rebuilt", test_lns_ipcp},
        {"CHAP challenge/response/success rebuilt", test_chap},
        {"seed CONFREQ through HDLC and back", test_seed_packets_through_hdlc},
        {"dump: other codes, protocols, malformed frames", test_dump_other},
        {"dump: random frames", test_dump_random},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp_seed", tests);
}
