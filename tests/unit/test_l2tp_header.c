/* L2TPv2 header (RFC 2661 §3.1): seed headers, every flag combination,
 * round trips over random fields, and every malformed case. */
#include <string.h>

#include "../vectors/seed_packets.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "unit.h"

/* xorshift64*: a seeded local PRNG, so failures reproduce. */
struct prng {
    uint64_t s;
};

static uint32_t prng_next(struct prng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static void test_seed_headers(void)
{
    static const struct {
        uint16_t len, tnl, cl, ns, nr;
    } want[] = {
        {128, 0, 0, 0, 0},      {154, 17688, 0, 0, 1}, {42, 55270, 0, 1, 1},
        {12, 17688, 0, 1, 2},   {91, 55270, 0, 2, 1},  {28, 17688, 7, 1, 3},
        {151, 55270, 45, 3, 2}, {12, 17688, 0, 2, 4},  {38, 55270, 45, 4, 2},
        {12, 17688, 0, 2, 5},   {36, 17688, 0, 2, 5},  {12, 55270, 0, 5, 3},
    };
    CU_ASSERT_EQUAL_FATAL(SEED_PACKET_COUNT, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++) {
        struct l2tp_header h;
        struct proto_error err = {0};
        const struct seed_packet *p = &seed_packets[i];
        CU_ASSERT_EQUAL_FATAL(l2tp_header_decode(p->bytes, p->len, L2TP_DECODE_STRICT, &h, &err),
                              PROTO_OK);
        CU_ASSERT(h.is_control && h.has_length && h.has_sequence && !h.has_offset &&
                  !h.priority);
        CU_ASSERT_EQUAL(h.version, 2);
        CU_ASSERT_EQUAL(h.length, want[i].len);
        CU_ASSERT_EQUAL(h.tunnel_id, want[i].tnl);
        CU_ASSERT_EQUAL(h.session_id, want[i].cl);
        CU_ASSERT_EQUAL(h.ns, want[i].ns);
        CU_ASSERT_EQUAL(h.nr, want[i].nr);
        CU_ASSERT_EQUAL(h.header_len, 12);
        CU_ASSERT_EQUAL(h.payload_len, want[i].len - 12u);
        char flg[8];
        CU_ASSERT_STRING_EQUAL(l2tp_header_flags_str(&h, flg, sizeof flg), "TLS");
        /* Re-encoding the decoded header gives the seed's 12 octets. */
        uint8_t out[16];
        size_t n = 0;
        CU_ASSERT_EQUAL(l2tp_header_encode(&h, p->len - 12, out, sizeof out, &n, &err), PROTO_OK);
        CU_ASSERT_EQUAL(n, 12);
        CU_ASSERT_EQUAL(memcmp(out, p->bytes, 12), 0);
    }
}

/* A control header is valid only as T L S with O and P clear (§3.1). */
static bool control_ok(unsigned combo)
{
    bool t = combo & 1, l = combo & 2, s = combo & 4, o = combo & 8, p = combo & 16;
    return !t || (l && s && !o && !p);
}

static void set_flags(struct l2tp_header *h, unsigned combo)
{
    h->is_control = combo & 1;
    h->has_length = combo & 2;
    h->has_sequence = combo & 4;
    h->has_offset = combo & 8;
    h->priority = combo & 16;
}

/* encode -> decode -> encode over all 32 flag combinations, random IDs,
 * Ns/Nr, offsets and payload octets (every byte value appears). */
static void test_roundtrip_random(void)
{
    struct prng r = {0x1234567887654321ULL};
    uint8_t buf[2048], again[2048];
    for (unsigned iter = 0; iter < 20000; iter++) {
        unsigned combo = iter % 32;
        struct l2tp_header h = {0};
        set_flags(&h, combo);
        h.version = 2;
        h.tunnel_id = (uint16_t)prng_next(&r);
        h.session_id = (uint16_t)prng_next(&r);
        h.ns = (uint16_t)prng_next(&r);
        h.nr = (uint16_t)prng_next(&r);
        h.offset_size = (uint16_t)(prng_next(&r) % 64);
        size_t payload = prng_next(&r) % 256;
        size_t n = 0;
        struct proto_error err = {0};
        proto_status st = l2tp_header_encode(&h, payload, buf, sizeof buf, &n, &err);
        if (!control_ok(combo)) {
            CU_ASSERT_EQUAL(st, PROTO_EINVAL);
            continue;
        }
        CU_ASSERT_EQUAL_FATAL(st, PROTO_OK);
        CU_ASSERT_EQUAL(n, l2tp_header_size(&h));
        for (size_t i = 0; i < payload; i++)
            buf[n + i] = (uint8_t)(iter + i);
        /* Pad octets are zero on the wire. */
        if (h.has_offset)
            for (size_t i = n - h.offset_size; i < n; i++)
                CU_ASSERT_EQUAL(buf[i], 0);
        struct l2tp_header d;
        CU_ASSERT_EQUAL_FATAL(
            l2tp_header_decode(buf, n + payload, L2TP_DECODE_STRICT, &d, &err), PROTO_OK);
        CU_ASSERT_EQUAL(d.is_control, h.is_control);
        CU_ASSERT_EQUAL(d.has_length, h.has_length);
        CU_ASSERT_EQUAL(d.has_sequence, h.has_sequence);
        CU_ASSERT_EQUAL(d.has_offset, h.has_offset);
        CU_ASSERT_EQUAL(d.priority, h.priority);
        CU_ASSERT_EQUAL(d.tunnel_id, h.tunnel_id);
        CU_ASSERT_EQUAL(d.session_id, h.session_id);
        if (h.has_sequence) {
            CU_ASSERT_EQUAL(d.ns, h.ns);
            CU_ASSERT_EQUAL(d.nr, h.nr);
        }
        if (h.has_offset)
            CU_ASSERT_EQUAL(d.offset_size, h.offset_size);
        if (h.has_length)
            CU_ASSERT_EQUAL(d.length, n + payload);
        CU_ASSERT_EQUAL(d.header_len, n);
        CU_ASSERT_EQUAL(d.payload_len, payload);
        size_t n2 = 0;
        CU_ASSERT_EQUAL_FATAL(l2tp_header_encode(&d, d.payload_len, again, sizeof again, &n2, &err),
                              PROTO_OK);
        CU_ASSERT_EQUAL(n2, n);
        CU_ASSERT_EQUAL(memcmp(again, buf, n), 0);
    }
}

static void test_flags_str(void)
{
    struct l2tp_header h = {0};
    char b[8];
    set_flags(&h, 31);
    CU_ASSERT_STRING_EQUAL(l2tp_header_flags_str(&h, b, sizeof b), "TLSOP");
    set_flags(&h, 2);
    CU_ASSERT_STRING_EQUAL(l2tp_header_flags_str(&h, b, sizeof b), "L");
    set_flags(&h, 0);
    CU_ASSERT_STRING_EQUAL(l2tp_header_flags_str(&h, b, sizeof b), "");
}

static void test_versions(void)
{
    uint8_t pkt[12];
    memcpy(pkt, seed_zlb_1, sizeof pkt);
    struct l2tp_header h;
    struct proto_error err = {0};
    pkt[1] = (pkt[1] & 0xF0) | 1;
    CU_ASSERT_EQUAL(l2tp_header_decode(pkt, sizeof pkt, 0, &h, &err), PROTO_EVERSION);
    CU_ASSERT_STRING_EQUAL(err.field, "Ver");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "L2F"));
    pkt[1] = (pkt[1] & 0xF0) | 3;
    CU_ASSERT_EQUAL(l2tp_header_decode(pkt, sizeof pkt, 0, &h, &err), PROTO_EVERSION);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "version 3"));
    CU_ASSERT_PTR_NULL(strstr(err.detail, "L2F"));
    for (unsigned v = 0; v < 16; v++) {
        pkt[1] = (uint8_t)((pkt[1] & 0xF0) | v);
        proto_status st = l2tp_header_decode(pkt, sizeof pkt, 0, &h, &err);
        CU_ASSERT_EQUAL(st, v == 2 ? PROTO_OK : PROTO_EVERSION);
    }
    /* Encoding another version is refused too. */
    struct l2tp_header e = {.version = 1};
    size_t n;
    CU_ASSERT_EQUAL(l2tp_header_encode(&e, 0, pkt, sizeof pkt, &n, &err), PROTO_EVERSION);
}

/* §3.1: reserved bits are ignored on receive, unless strict. */
static void test_reserved_bits(void)
{
    static const uint16_t bits[] = {0x2000, 0x1000, 0x0400, 0x0080, 0x0040, 0x0020, 0x0010};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        uint8_t pkt[12];
        memcpy(pkt, seed_zlb_2, sizeof pkt);
        pkt[0] |= (uint8_t)(bits[i] >> 8);
        pkt[1] |= (uint8_t)bits[i];
        struct l2tp_header h;
        struct proto_error err = {0};
        CU_ASSERT_EQUAL(l2tp_header_decode(pkt, sizeof pkt, 0, &h, &err), PROTO_OK);
        CU_ASSERT_EQUAL(h.reserved_bits, bits[i]);
        CU_ASSERT_EQUAL(h.ns, 2);
        CU_ASSERT_EQUAL(l2tp_header_decode(pkt, sizeof pkt, L2TP_DECODE_STRICT, &h, &err),
                        PROTO_ERESERVED);
        CU_ASSERT_STRING_EQUAL(err.field, "Reserved");
        /* and never sent */
        size_t n;
        h.reserved_bits = bits[i];
        CU_ASSERT_EQUAL(l2tp_header_encode(&h, 0, pkt, sizeof pkt, &n, &err), PROTO_ERESERVED);
    }
}

static void test_lengths(void)
{
    uint8_t pkt[40];
    struct l2tp_header h;
    struct proto_error err = {0};
    memset(pkt, 0xEE, sizeof pkt);
    memcpy(pkt, seed_scccn, 32);
    /* Length 42 > datagram 32 */
    CU_ASSERT_EQUAL(l2tp_header_decode(pkt, 32, 0, &h, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Length");
    CU_ASSERT_EQUAL(err.offset, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "42 exceeds datagram size 32"));
    /* One octet short is already too short; exactly Length is fine. */
    CU_ASSERT_EQUAL(l2tp_header_decode(seed_scccn, sizeof seed_scccn - 1, 0, &h, &err),
                    PROTO_ELENGTH);
    CU_ASSERT_EQUAL(l2tp_header_decode(seed_scccn, sizeof seed_scccn, 0, &h, &err), PROTO_OK);
    /* Trailing octets past Length are not part of the message. */
    uint8_t big[50];
    memset(big, 0xAA, sizeof big);
    memcpy(big, seed_scccn, sizeof seed_scccn);
    CU_ASSERT_EQUAL(l2tp_header_decode(big, sizeof big, 0, &h, &err), PROTO_OK);
    CU_ASSERT_EQUAL(h.payload_len, 30);
    /* Length shorter than the header itself */
    memcpy(pkt, seed_zlb_1, 12);
    for (unsigned l = 0; l < 12; l++) {
        pkt[3] = (uint8_t)l;
        CU_ASSERT_EQUAL(l2tp_header_decode(pkt, 12, 0, &h, &err), PROTO_ELENGTH);
        CU_ASSERT_STRING_EQUAL(err.field, "Length");
    }
    /* Data message: L O set, Offset Size past the end */
    const uint8_t data[] = {0x42, 0x02, 0x00, 0x0C, 0x12, 0x34, 0x56, 0x78, 0x00, 0x03, 0, 0};
    CU_ASSERT_EQUAL(l2tp_header_decode(data, sizeof data, 0, &h, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Offset Size");
    CU_ASSERT_EQUAL(err.offset, 8);
    /* The same with Offset Size 2 fits exactly: empty payload */
    uint8_t ok[sizeof data];
    memcpy(ok, data, sizeof ok);
    ok[9] = 2;
    CU_ASSERT_EQUAL(l2tp_header_decode(ok, sizeof ok, 0, &h, &err), PROTO_OK);
    CU_ASSERT_EQUAL(h.header_len, 12);
    CU_ASSERT_EQUAL(h.payload_len, 0);
    /* Without L, the datagram decides the payload and the pad must fit it */
    const uint8_t nol[] = {0x02, 0x02, 0x12, 0x34, 0x56, 0x78, 0x00, 0x04, 0, 0, 0};
    CU_ASSERT_EQUAL(l2tp_header_decode(nol, sizeof nol, 0, &h, &err), PROTO_ELENGTH);
    CU_ASSERT_EQUAL(l2tp_header_decode(nol, sizeof nol - 1, 0, &h, &err), PROTO_ELENGTH);
    const uint8_t plain[] = {0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0xFF, 0x03, 0xC0, 0x21};
    CU_ASSERT_EQUAL(l2tp_header_decode(plain, sizeof plain, 0, &h, &err), PROTO_OK);
    CU_ASSERT_EQUAL(h.header_len, 6);
    CU_ASSERT_EQUAL(h.payload_len, 4);
    CU_ASSERT_FALSE(h.is_control);
    /* Encode refuses a message longer than the Length field can say */
    struct l2tp_header e = {.has_length = true, .version = 2};
    size_t n;
    CU_ASSERT_EQUAL(l2tp_header_encode(&e, 70000, pkt, sizeof pkt, &n, &err), PROTO_ELENGTH);
    CU_ASSERT_EQUAL(l2tp_header_encode(&e, 0, pkt, 7, &n, &err), PROTO_ENOSPC);
}

/* Every prefix of every seed header fails with a named field. */
static void test_truncation(void)
{
    for (size_t i = 0; i < SEED_PACKET_COUNT; i++) {
        for (size_t k = 0; k < 12; k++) {
            struct l2tp_header h;
            struct proto_error err = {0};
            proto_status st = l2tp_header_decode(seed_packets[i].bytes, k, 0, &h, &err);
            CU_ASSERT(st == PROTO_ETRUNC || st == PROTO_ELENGTH);
            CU_ASSERT_PTR_NOT_NULL(err.field);
            if (k < 2)
                CU_ASSERT_STRING_EQUAL(err.field, "Flags/Ver");
            if (k == 2 || k == 3)
                CU_ASSERT_STRING_EQUAL(err.field, "Length");
        }
    }
    struct l2tp_header h;
    CU_ASSERT_EQUAL(l2tp_header_decode(NULL, 0, 0, &h, NULL), PROTO_ETRUNC);
}

/* §3.1: control needs T L S, with O and P clear. */
static void test_control_bits(void)
{
    static const struct {
        uint8_t first;
        const char *field;
    } bad[] = {
        {0x88, "L"}, /* T S, no L */
        {0xC0, "S"}, /* T L, no S */
        {0xCA, "O"}, /* T L S O */
        {0xC9, "P"}, /* T L S P */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t pkt[16];
        memcpy(pkt, seed_zlb_1, 12);
        memset(pkt + 12, 0, 4);
        pkt[0] = bad[i].first;
        struct l2tp_header h;
        struct proto_error err = {0};
        CU_ASSERT_EQUAL(l2tp_header_decode(pkt, sizeof pkt, 0, &h, &err), PROTO_EINVAL);
        CU_ASSERT_STRING_EQUAL(err.field, bad[i].field);
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed headers decode and re-encode", test_seed_headers},
        {"round trip: 32 flag combinations x random fields", test_roundtrip_random},
        {"flag letters", test_flags_str},
        {"version 1 is L2F, others rejected", test_versions},
        {"reserved bits: ignored, strict rejects", test_reserved_bits},
        {"Length and Offset Size bounds", test_lengths},
        {"truncation at every header offset", test_truncation},
        {"control needs T L S, O and P clear", test_control_bits},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp_header", tests);
}
