/* LCP and IPCP options (RFC 1661 §6, 1570, 1990, 1332, 1877), the option
 * iterator and CP packets (RFC 1661 §5): seed vectors, RFC length checks,
 * malformed input, random round trips. */
#include <stdio.h>
#include <string.h>

#include "hexbytes.h"
#include "ppp_const.h"
#include "ppp_cp.h"
#include "unit.h"

static size_t hex(const char *text, uint8_t *out, size_t cap)
{
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse(text, out, cap, &n, NULL) == PROTO_OK);
    return n;
}

/* Formats the only option in opts. */
static const char *format_one(uint16_t protocol, const uint8_t *opts, size_t len, char *buf,
                              size_t cap)
{
    struct ppp_option_iter it;
    struct ppp_option opt;
    ppp_option_iter_init(&it, opts, len, 0);
    CU_ASSERT_FATAL(ppp_option_next(&it, &opt, NULL) == 1);
    CU_ASSERT_EQUAL(opt.length, len);
    return ppp_option_format(protocol, &opt, buf, cap);
}

/* Every option encoding shown in the seed: decode, format, encode back. */
static void test_seed_lcp_vectors(void)
{
    uint8_t b[32], out[32];
    char text[128];
    size_t n, m;
    struct lcp_options o;
    unsigned unknown = 99;

    n = hex("0305C22305", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(lcp_options_decode(b, n, &o, &unknown, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(unknown, 0);
    CU_ASSERT_TRUE(o.has_auth);
    CU_ASSERT_EQUAL(o.auth_protocol, PPP_PROTO_CHAP);
    CU_ASSERT(o.auth_data_len == 1 && o.auth_data[0] == CHAP_ALG_MD5);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, text, sizeof text),
                           "AuthProto CHAP (0x0305C22305)");
    CU_ASSERT(lcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("05066EE4E865", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(lcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_magic && o.magic == 0x6EE4E865u);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, text, sizeof text),
                           "MagicNumber 0x6EE4E865 (0x05066EE4E865)");
    CU_ASSERT(lcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("0506109D08F2", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(lcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_magic && o.magic == 0x109D08F2u);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, text, sizeof text),
                           "MagicNumber 0x109D08F2 (0x0506109D08F2)");
    CU_ASSERT(lcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("110405F4", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(lcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_mrru && o.mrru == 1524);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, text, sizeof text),
                           "MRRU 1524 (0x110405F4)");
    CU_ASSERT(lcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("130901353330302D31", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(lcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_endpoint && o.endpoint_class == LCP_ED_LOCAL);
    CU_ASSERT(o.endpoint_len == 6 && memcmp(o.endpoint_addr, "5300-1", 6) == 0);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, text, sizeof text),
                           "EndpointDisc 1 Local (0x130901353330302D31)");
    CU_ASSERT(lcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);
}

static void test_seed_ipcp_vectors(void)
{
    uint8_t b[32], out[32];
    char text[128];
    size_t n, m;
    struct ipcp_options o;

    n = hex("03060A330652", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(ipcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_address && o.address == 0x0A330652u);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_IPCP, b, n, text, sizeof text),
                           "Address 10.51.6.82 (0x03060A330652)");
    CU_ASSERT(ipcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("03060A0A3502", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(ipcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(o.address, 0x0A0A3502u);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_IPCP, b, n, text, sizeof text),
                           "Address 10.10.53.2 (0x03060A0A3502)");
    CU_ASSERT(ipcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);

    n = hex("0206002D0F00", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(ipcp_options_decode(b, n, &o, NULL, NULL), PROTO_OK);
    CU_ASSERT(o.has_compression && o.compression_protocol == PPP_PROTO_VJ_COMP);
    CU_ASSERT(o.vj_max_slot_id == 15 && o.vj_comp_slot_id == 0);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_IPCP, b, n, text, sizeof text),
                           "CompressType VJ 15 slots (0x0206002D0F00)");
    CU_ASSERT(ipcp_options_encode(&o, out, sizeof out, &m, NULL) == PROTO_OK && m == n &&
              memcmp(out, b, n) == 0);
}

static void test_format_other_options(void)
{
    uint8_t b[32];
    char text[128];
    size_t n;
    struct {
        uint16_t protocol;
        const char *hex, *text;
    } cases[] = {
        {PPP_PROTO_LCP, "010405DC", "MRU 1500 (0x010405DC)"},
        {PPP_PROTO_LCP, "020600000000", "ACCM 0x00000000 (0x020600000000)"},
        {PPP_PROTO_LCP, "0304C023", "AuthProto PAP (0x0304C023)"},
        {PPP_PROTO_LCP, "0305C22381", "AuthProto MS-CHAP-V2 (0x0305C22381)"},
        {PPP_PROTO_LCP, "0702", "PFC (0x0702)"},
        {PPP_PROTO_LCP, "0802", "ACFC (0x0802)"},
        {PPP_PROTO_LCP, "0D0306", "Callback 6 (0x0D0306)"},
        {PPP_PROTO_LCP, "1202", "ShortSeq (0x1202)"},
        {PPP_PROTO_LCP, "0103FF", "MRU bad length 3 (0x0103FF)"},
        {PPP_PROTO_LCP, "2A0401FF", "Option 42 (0x2A0401FF)"},
        {PPP_PROTO_LCP, "130306", "EndpointDisc bad value (0x130306)"}, /* class 6 */
        {PPP_PROTO_IPCP, "81060A000001", "PrimaryDNS 10.0.0.1 (0x81060A000001)"},
        {PPP_PROTO_IPCP, "84060A000002", "SecondaryWINS 10.0.0.2 (0x84060A000002)"},
        {PPP_PROTO_IPCP, "0206002D0F01", "CompressType VJ 15 slots CompressSlotID (0x0206002D0F01)"},
        {PPP_PROTO_IPCP, "030500000000", "Address bad length 5 (0x0305000000)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        n = hex(cases[i].hex, b, sizeof b);
        /* the bad-length case: the iterator takes the stated length */
        if (b[1] < n)
            n = b[1];
        CU_ASSERT_STRING_EQUAL(format_one(cases[i].protocol, b, n, text, sizeof text),
                               cases[i].text);
    }
    /* a small buffer is cut, never overrun */
    n = hex("05066EE4E865", b, sizeof b);
    char small[8];
    memset(small, 'x', sizeof small);
    CU_ASSERT_STRING_EQUAL(format_one(PPP_PROTO_LCP, b, n, small, 6), "Magic");
    CU_ASSERT_EQUAL(small[6], 'x');
}

/* RFC length rules: each wrong length gives PROTO_ELENGTH (or EINVAL) naming the option. */
static void test_length_rules(void)
{
    struct {
        const char *hex;
        proto_status st;
        const char *field;
        size_t offset;
    } lcp[] = {
        {"0103FFFF", PROTO_ELENGTH, "Maximum-Receive-Unit", 1},
        {"0105FFFFFF", PROTO_ELENGTH, "Maximum-Receive-Unit", 1},
        {"0205FFFFFFFF", PROTO_ELENGTH, "Async-Control-Character-Map", 1},
        {"0303C2", PROTO_ELENGTH, "Authentication-Protocol", 1},
        {"0304C223", PROTO_ELENGTH, "Authentication-Protocol", 1}, /* CHAP without algorithm */
        {"0305C02301", PROTO_ELENGTH, "Authentication-Protocol", 1}, /* PAP with data */
        {"0403C0", PROTO_ELENGTH, "Quality-Protocol", 1},
        {"05056EE4E8", PROTO_ELENGTH, "Magic-Number", 1},
        {"05076EE4E86500", PROTO_ELENGTH, "Magic-Number", 1},
        {"070300", PROTO_ELENGTH, "Protocol-Field-Compression", 1},
        {"080300", PROTO_ELENGTH, "Address-and-Control-Field-Compression", 1},
        {"0D02", PROTO_ELENGTH, "Callback", 1},
        {"110305", PROTO_ELENGTH, "Multilink-MRRU", 1},
        {"120300", PROTO_ELENGTH, "Multilink-Short-Sequence-Number-Header-Format", 1},
        {"1302", PROTO_ELENGTH, "Endpoint-Discriminator", 1},
        {"1318010102030405060708090A0B0C0D0E0F101112131415", PROTO_ELENGTH,
         "Endpoint-Discriminator", 1}, /* 24 > 23 */
        {"1304020A", PROTO_ELENGTH, "Endpoint-Discriminator", 1}, /* IP class needs 4 */
        {"130306", PROTO_EINVAL, "Endpoint-Discriminator", 2},   /* class 6 undefined */
        {"0101", PROTO_ELENGTH, "Length", 1},                     /* iterator: below 2 */
        {"0100", PROTO_ELENGTH, "Length", 1},
        {"010505DC", PROTO_ELENGTH, "Length", 1}, /* overrun */
        {"05", PROTO_ETRUNC, "Length", 0},
        {"0702" "01", PROTO_ETRUNC, "Length", 2},
    };
    uint8_t b[64];
    struct proto_error err;
    struct lcp_options o;
    for (size_t i = 0; i < sizeof lcp / sizeof lcp[0]; i++) {
        size_t n = hex(lcp[i].hex, b, sizeof b);
        memset(&err, 0, sizeof err);
        proto_status st = lcp_options_decode(b, n, &o, NULL, &err);
        CU_ASSERT_EQUAL(st, lcp[i].st);
        CU_ASSERT_EQUAL(err.status, lcp[i].st);
        CU_ASSERT_PTR_NOT_NULL_FATAL(err.field);
        CU_ASSERT_STRING_EQUAL(err.field, lcp[i].field);
        CU_ASSERT_EQUAL(err.offset, lcp[i].offset);
        if (st != lcp[i].st || strcmp(err.field, lcp[i].field) != 0)
            printf("\n  case %s: %d %s\n", lcp[i].hex, st, err.field);
    }
    struct {
        const char *hex;
        const char *field;
    } ipcp[] = {
        {"030500000000", "IP-Address"},       {"0307000000000000", "IP-Address"},
        {"0203002D", "IP-Compression-Protocol"}, {"0204002D", "IP-Compression-Protocol"},
        {"0205002D0F", "IP-Compression-Protocol"}, {"81050A0000", "Primary-DNS-Server-Address"},
        {"83070A00000100", "Secondary-DNS-Server-Address"},
        {"8205000000", "Primary-NBNS-Server-Address"}, {"8405000000", "Secondary-NBNS-Server-Address"},
    };
    struct ipcp_options io;
    for (size_t i = 0; i < sizeof ipcp / sizeof ipcp[0]; i++) {
        size_t n = hex(ipcp[i].hex, b, sizeof b);
        memset(&err, 0, sizeof err);
        CU_ASSERT_EQUAL(ipcp_options_decode(b, n, &io, NULL, &err), PROTO_ELENGTH);
        CU_ASSERT_PTR_NOT_NULL_FATAL(err.field);
        CU_ASSERT_STRING_EQUAL(err.field, ipcp[i].field);
        CU_ASSERT_EQUAL(err.offset, 1);
    }
    /* non-VJ compression protocols only need the protocol */
    size_t n = hex("02040061", b, sizeof b);
    CU_ASSERT_EQUAL(ipcp_options_decode(b, n, &io, NULL, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(io.compression_protocol, 0x0061);
}

static void test_unknown_options_counted(void)
{
    uint8_t b[64];
    unsigned unknown = 0;
    struct lcp_options o;
    /* MRU, unknown 42, Magic, unknown 200 with no data */
    size_t n = hex("010405DC 2A0401FF 05066EE4E865 C802", b, sizeof b);
    CU_ASSERT_EQUAL(lcp_options_decode(b, n, &o, &unknown, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(unknown, 2);
    CU_ASSERT(o.has_mru && o.mru == 1500 && o.has_magic && !o.has_auth);
    struct ipcp_options io;
    /* the deprecated IP-Addresses (type 1) is not decoded: counted */
    n = hex("010A0A0000010A000002 03060A330652", b, sizeof b);
    CU_ASSERT_EQUAL(ipcp_options_decode(b, n, &io, &unknown, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(unknown, 1);
    CU_ASSERT(io.has_address && io.address == 0x0A330652u);
}

/* The seed's "O CONFREQ [Listen] id 11 len 28" options, cut at every offset. */
static void test_truncation_every_offset(void)
{
    uint8_t b[64];
    size_t n = hex("0305C22305 0506109D08F2 110405F4 130901353330302D31", b, sizeof b);
    CU_ASSERT_EQUAL_FATAL(n, 24);
    const size_t boundaries[] = {0, 5, 11, 15, 24};
    for (size_t cut = 0; cut <= n; cut++) {
        struct lcp_options o;
        struct proto_error err = {0};
        proto_status st = lcp_options_decode(b, cut, &o, NULL, &err);
        bool boundary = false;
        for (size_t k = 0; k < 5; k++)
            boundary |= cut == boundaries[k];
        if (boundary) {
            CU_ASSERT_EQUAL(st, PROTO_OK);
        } else {
            CU_ASSERT(st == PROTO_ETRUNC || st == PROTO_ELENGTH);
            CU_ASSERT(err.offset < cut);
        }
    }
}

static void test_cp_packets(void)
{
    uint8_t b[64], out[64];
    size_t n = hex("01 76 00 0A 05 06 6E E4 E8 65 EE EE", b, sizeof b); /* two octets padding */
    struct ppp_cp_packet p;
    CU_ASSERT_EQUAL_FATAL(ppp_cp_decode(b, n, &p, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(p.code, PPP_CONFIGURE_REQUEST);
    CU_ASSERT_EQUAL(p.id, 118);
    CU_ASSERT_EQUAL(p.length, 10);
    CU_ASSERT_EQUAL(p.data_len, 6);
    size_t m = 0;
    CU_ASSERT_EQUAL(ppp_cp_encode(p.code, p.id, p.data, p.data_len, out, sizeof out, &m, NULL),
                    PROTO_OK);
    CU_ASSERT(m == 10 && memcmp(out, b, 10) == 0);

    struct proto_error err = {0};
    for (size_t cut = 0; cut < 10; cut++) {
        proto_status st = ppp_cp_decode(b, cut, &p, &err);
        CU_ASSERT_EQUAL(st, cut < 4 ? PROTO_ETRUNC : PROTO_ELENGTH);
        CU_ASSERT_EQUAL(err.offset, cut < 4 ? cut : 2);
    }
    b[2] = 0, b[3] = 3;
    CU_ASSERT_EQUAL(ppp_cp_decode(b, n, &p, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Length");
    for (size_t cap = 0; cap < 10; cap++)
        CU_ASSERT_EQUAL(ppp_cp_encode(1, 1, out, 6, b, cap, &m, &err), PROTO_ENOSPC);

    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_CONFIGURE_REQUEST), "CONFREQ");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_CONFIGURE_ACK), "CONFACK");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_CONFIGURE_NAK), "CONFNAK");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_CONFIGURE_REJECT), "CONFREJ");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_TERMINATE_REQUEST), "TERMREQ");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_ECHO_REPLY), "ECHOREP");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(PPP_TIME_REMAINING), "TIMEREM");
    CU_ASSERT_STRING_EQUAL(ppp_cp_code_name(0), "UNKNOWN");
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void random_lcp(uint32_t *s, struct lcp_options *o)
{
    *o = (struct lcp_options){0};
    uint32_t has = rnd(s);
    o->has_mru = has & 1, o->mru = (uint16_t)rnd(s);
    o->has_accm = has & 2, o->accm = rnd(s);
    o->has_auth = has & 4;
    switch (rnd(s) % 3) {
    case 0: o->auth_protocol = PPP_PROTO_CHAP, o->auth_data_len = 1, o->auth_data[0] = (uint8_t)rnd(s); break;
    case 1: o->auth_protocol = PPP_PROTO_PAP; break;
    default:
        o->auth_protocol = 0xC227;
        o->auth_data_len = (uint8_t)(rnd(s) % 17);
        for (int i = 0; i < o->auth_data_len; i++)
            o->auth_data[i] = (uint8_t)rnd(s);
    }
    o->has_quality = has & 8, o->quality_protocol = PPP_PROTO_LQR;
    o->quality_data_len = (uint8_t)(rnd(s) % 17);
    for (int i = 0; i < o->quality_data_len; i++)
        o->quality_data[i] = (uint8_t)rnd(s);
    o->has_magic = has & 16, o->magic = rnd(s);
    o->has_pfc = has & 32;
    o->has_acfc = has & 64;
    o->has_callback = has & 128, o->callback_op = (uint8_t)rnd(s);
    o->callback_message_len = (uint8_t)(rnd(s) % 33);
    for (int i = 0; i < o->callback_message_len; i++)
        o->callback_message[i] = (uint8_t)rnd(s);
    o->has_mrru = has & 256, o->mrru = (uint16_t)rnd(s);
    o->has_short_seq = has & 512;
    o->has_endpoint = has & 1024;
    static const uint8_t lens[] = {0, 20, 4, 6, 20, 15};
    o->endpoint_class = (uint8_t)(rnd(s) % 6);
    o->endpoint_len = lens[o->endpoint_class];
    if (o->endpoint_class == LCP_ED_LOCAL || o->endpoint_class == LCP_ED_PSNDN)
        o->endpoint_len = (uint8_t)(rnd(s) % (o->endpoint_len + 1u));
    if (o->endpoint_class == LCP_ED_PPP_MAGIC)
        o->endpoint_len = (uint8_t)(4 * (rnd(s) % 6));
    for (int i = 0; i < o->endpoint_len; i++)
        o->endpoint_addr[i] = (uint8_t)rnd(s);
}

/* Compares what the encoder promises to carry. */
static bool lcp_equal(const struct lcp_options *a, const struct lcp_options *b)
{
    bool eq = a->has_mru == b->has_mru && a->has_accm == b->has_accm &&
              a->has_auth == b->has_auth && a->has_quality == b->has_quality &&
              a->has_magic == b->has_magic && a->has_pfc == b->has_pfc &&
              a->has_acfc == b->has_acfc && a->has_callback == b->has_callback &&
              a->has_mrru == b->has_mrru && a->has_short_seq == b->has_short_seq &&
              a->has_endpoint == b->has_endpoint;
    if (eq && a->has_mru) eq = a->mru == b->mru;
    if (eq && a->has_accm) eq = a->accm == b->accm;
    if (eq && a->has_auth)
        eq = a->auth_protocol == b->auth_protocol && a->auth_data_len == b->auth_data_len &&
             memcmp(a->auth_data, b->auth_data, a->auth_data_len) == 0;
    if (eq && a->has_quality)
        eq = a->quality_protocol == b->quality_protocol &&
             a->quality_data_len == b->quality_data_len &&
             memcmp(a->quality_data, b->quality_data, a->quality_data_len) == 0;
    if (eq && a->has_magic) eq = a->magic == b->magic;
    if (eq && a->has_callback)
        eq = a->callback_op == b->callback_op &&
             a->callback_message_len == b->callback_message_len &&
             memcmp(a->callback_message, b->callback_message, a->callback_message_len) == 0;
    if (eq && a->has_mrru) eq = a->mrru == b->mrru;
    if (eq && a->has_endpoint)
        eq = a->endpoint_class == b->endpoint_class && a->endpoint_len == b->endpoint_len &&
             memcmp(a->endpoint_addr, b->endpoint_addr, a->endpoint_len) == 0;
    return eq;
}

static void test_round_trip_random(void)
{
    uint32_t seed = 0x1661199u;
    uint8_t buf[256], buf2[256], pkt[300];
    for (int i = 0; i < 3000; i++) {
        struct lcp_options a, b;
        random_lcp(&seed, &a);
        size_t n = 0, n2 = 0, pn = 0;
        CU_ASSERT_FATAL(lcp_options_encode(&a, buf, sizeof buf, &n, NULL) == PROTO_OK);
        /* inside a CONFREQ and back */
        CU_ASSERT_FATAL(ppp_cp_encode(PPP_CONFIGURE_REQUEST, (uint8_t)i, buf, n, pkt, sizeof pkt,
                                      &pn, NULL) == PROTO_OK);
        struct ppp_cp_packet p;
        CU_ASSERT_FATAL(ppp_cp_decode(pkt, pn, &p, NULL) == PROTO_OK);
        CU_ASSERT_EQUAL(p.length, n + 4);
        unsigned unknown = 1;
        CU_ASSERT_FATAL(lcp_options_decode(p.data, p.data_len, &b, &unknown, NULL) == PROTO_OK);
        CU_ASSERT_EQUAL(unknown, 0);
        CU_ASSERT(lcp_equal(&a, &b));
        CU_ASSERT_FATAL(lcp_options_encode(&b, buf2, sizeof buf2, &n2, NULL) == PROTO_OK);
        CU_ASSERT(n == n2 && memcmp(buf, buf2, n) == 0);
        /* too small an output buffer is an error, never an overrun */
        if (n > 0)
            CU_ASSERT_EQUAL(lcp_options_encode(&a, buf2, n - 1, &n2, NULL), PROTO_ENOSPC);

        struct ipcp_options x = {0}, y;
        uint32_t has = rnd(&seed);
        x.has_address = has & 1, x.address = rnd(&seed);
        x.has_compression = has & 2;
        x.compression_protocol = (has & 4) ? PPP_PROTO_VJ_COMP : 0x0061;
        if (x.compression_protocol == PPP_PROTO_VJ_COMP)
            x.vj_max_slot_id = (uint8_t)rnd(&seed), x.vj_comp_slot_id = (uint8_t)(rnd(&seed) & 1);
        x.has_primary_dns = has & 8, x.primary_dns = rnd(&seed);
        x.has_secondary_dns = has & 16, x.secondary_dns = rnd(&seed);
        x.has_primary_nbns = has & 32, x.primary_nbns = rnd(&seed);
        x.has_secondary_nbns = has & 64, x.secondary_nbns = rnd(&seed);
        CU_ASSERT_FATAL(ipcp_options_encode(&x, buf, sizeof buf, &n, NULL) == PROTO_OK);
        CU_ASSERT_FATAL(ipcp_options_decode(buf, n, &y, NULL, NULL) == PROTO_OK);
        CU_ASSERT_FATAL(ipcp_options_encode(&y, buf2, sizeof buf2, &n2, NULL) == PROTO_OK);
        CU_ASSERT(n == n2 && memcmp(buf, buf2, n) == 0);
        CU_ASSERT(y.has_address == x.has_address && (!x.has_address || y.address == x.address));
        CU_ASSERT(y.has_compression == x.has_compression);
        CU_ASSERT(!x.has_compression || (y.compression_protocol == x.compression_protocol &&
                                         y.vj_max_slot_id == x.vj_max_slot_id &&
                                         y.vj_comp_slot_id == x.vj_comp_slot_id));
        CU_ASSERT(y.has_secondary_nbns == x.has_secondary_nbns &&
                  (!x.has_secondary_nbns || y.secondary_nbns == x.secondary_nbns));
        CU_ASSERT(y.has_primary_dns == x.has_primary_dns &&
                  (!x.has_primary_dns || y.primary_dns == x.primary_dns));
    }
}

/* Random octets into every decoder: an error or a success, never a crash
 * (the sanitizer run makes any overrun fatal). */
static void test_random_garbage(void)
{
    uint32_t seed = 0xBADC0DEu;
    uint8_t b[64];
    char text[256];
    for (int i = 0; i < 20000; i++) {
        size_t n = rnd(&seed) % sizeof b;
        for (size_t k = 0; k < n; k++)
            b[k] = (uint8_t)rnd(&seed);
        if (n > 1 && (i & 1))
            b[1] = (uint8_t)(rnd(&seed) % (n + 1)); /* plausible lengths more often */
        struct lcp_options o;
        struct ipcp_options io;
        struct ppp_cp_packet p;
        struct proto_error err = {0};
        proto_status st = lcp_options_decode(b, n, &o, NULL, &err);
        CU_ASSERT(st == PROTO_OK || (st == err.status && err.field && err.offset <= n));
        st = ipcp_options_decode(b, n, &io, NULL, &err);
        CU_ASSERT(st == PROTO_OK || (st == err.status && err.field && err.offset <= n));
        st = ppp_cp_decode(b, n, &p, &err);
        CU_ASSERT(st == PROTO_OK || (st == err.status && err.offset <= n));
        struct ppp_option_iter it;
        struct ppp_option opt;
        ppp_option_iter_init(&it, b, n, 0);
        while (ppp_option_next(&it, &opt, NULL) > 0) {
            ppp_option_format(PPP_PROTO_LCP, &opt, text, sizeof text);
            ppp_option_format(PPP_PROTO_IPCP, &opt, text, sizeof text);
        }
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed LCP options: decode, format, encode", test_seed_lcp_vectors},
        {"seed IPCP options: decode, format, encode", test_seed_ipcp_vectors},
        {"format: other options and bad lengths", test_format_other_options},
        {"RFC length rules name the option", test_length_rules},
        {"unknown options are counted", test_unknown_options_counted},
        {"truncation at every offset", test_truncation_every_offset},
        {"CP packets: header, padding, errors, code names", test_cp_packets},
        {"round trip: random LCP/IPCP options", test_round_trip_random},
        {"random octets: errors, never a crash", test_random_garbage},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp_options", tests);
}
