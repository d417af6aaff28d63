/* CHAP (RFC 1994) and PAP (RFC 1334) packets and the CHAP-MD5 response. */
#include <string.h>

#include "hexbytes.h"
#include "ppp_auth.h"
#include "ppp_const.h"
#include "unit.h"

static const uint8_t challenge16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

/* RFC 1994 §4.1: MD5(Identifier || secret || Challenge). Expected digests
 * were computed once, independently of this code, with
 *   printf '\x2asecret\x00\x01...\x0f' | openssl md5   -> 03dc98c5...
 *   printf '\x01abc' | openssl md5                     -> 10832419...
 * (the second: id 1, empty secret, challenge "abc"). */
static void test_chap_md5_response(void)
{
    uint8_t r[MD5_DIGEST_LEN], want[MD5_DIGEST_LEN];
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("03dc98c5a832692b49df73cf48fcb4e9", want, sizeof want, &n, NULL) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(chap_md5_response(0x2A, (const uint8_t *)"secret", 6, challenge16, 16, r),
                    PROTO_OK);
    CU_ASSERT(memcmp(r, want, sizeof r) == 0);

    CU_ASSERT_FATAL(hex_parse("1083241950b0ae7a1bbc0bac319dacca", want, sizeof want, &n, NULL) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(chap_md5_response(1, NULL, 0, (const uint8_t *)"abc", 3, r), PROTO_OK);
    CU_ASSERT(memcmp(r, want, sizeof r) == 0);

    /* the Identifier is part of the hash */
    uint8_t r2[MD5_DIGEST_LEN];
    CU_ASSERT_EQUAL(chap_md5_response(2, NULL, 0, (const uint8_t *)"abc", 3, r2), PROTO_OK);
    CU_ASSERT(memcmp(r, r2, sizeof r) != 0);

    CU_ASSERT_EQUAL(chap_md5_response(1, NULL, 3, challenge16, 16, r), PROTO_EINVAL);
    CU_ASSERT_EQUAL(chap_md5_response(1, NULL, 0, NULL, 0, r), PROTO_EINVAL);
    CU_ASSERT_EQUAL(chap_md5_response(1, NULL, 0, challenge16, 16, NULL), PROTO_EINVAL);
}

/* The seed's "CHAP: O CHALLENGE id 6 len 27 from "5300-1"" and the response
 * from "2500-1" (the seed's proxy challenge and response values). */
static void test_chap_seed_packets(void)
{
    uint8_t chal[16], resp[16], out[64];
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("5D0D008CB1677CF8BC354556321A7A74", chal, 16, &n, NULL) == PROTO_OK);
    CU_ASSERT_FATAL(hex_parse("CA1CC2E4FA6899E8DF1B695C0A80883E", resp, 16, &n, NULL) == PROTO_OK);
    struct chap_packet c = {CHAP_CHALLENGE, 6, chal, 16, (const uint8_t *)"5300-1", 6};
    CU_ASSERT_EQUAL_FATAL(chap_encode(&c, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n, 27);
    CU_ASSERT(out[0] == 1 && out[1] == 6 && out[2] == 0 && out[3] == 27 && out[4] == 16);
    struct chap_packet d;
    CU_ASSERT_EQUAL_FATAL(chap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.code == CHAP_CHALLENGE && d.id == 6 && d.value_len == 16);
    CU_ASSERT(memcmp(d.value, chal, 16) == 0);
    CU_ASSERT(d.name_len == 6 && memcmp(d.name, "5300-1", 6) == 0);

    struct chap_packet r = {CHAP_RESPONSE, 6, resp, 16, (const uint8_t *)"2500-1", 6};
    CU_ASSERT_EQUAL_FATAL(chap_encode(&r, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n, 27);
    CU_ASSERT_EQUAL_FATAL(chap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.code == CHAP_RESPONSE && memcmp(d.value, resp, 16) == 0);
    CU_ASSERT(d.name_len == 6 && memcmp(d.name, "2500-1", 6) == 0);

    /* "CHAP: O SUCCESS id 6 len 4" */
    struct chap_packet s = {CHAP_SUCCESS, 6, NULL, 0, NULL, 0};
    CU_ASSERT_EQUAL_FATAL(chap_encode(&s, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT(n == 4 && memcmp(out, "\x03\x06\x00\x04", 4) == 0);
    CU_ASSERT_EQUAL_FATAL(chap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.code == CHAP_SUCCESS && d.name_len == 0);
    struct chap_packet f = {CHAP_FAILURE, 7, NULL, 0, (const uint8_t *)"no", 2};
    CU_ASSERT_EQUAL_FATAL(chap_encode(&f, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(chap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.code == CHAP_FAILURE && d.name_len == 2 && memcmp(d.name, "no", 2) == 0);
}

static void test_chap_errors(void)
{
    uint8_t out[64];
    size_t n = 0;
    struct proto_error err = {0};
    struct chap_packet c = {CHAP_CHALLENGE, 6, challenge16, 16, (const uint8_t *)"5300-1", 6};
    CU_ASSERT_EQUAL_FATAL(chap_encode(&c, out, sizeof out, &n, NULL), PROTO_OK);
    struct chap_packet d;
    /* truncation at every offset */
    for (size_t cut = 0; cut < n; cut++) {
        proto_status st = chap_decode(out, cut, &d, &err);
        CU_ASSERT_EQUAL(st, cut < 4 ? PROTO_ETRUNC : PROTO_ELENGTH);
        CU_ASSERT_EQUAL(err.status, st);
    }
    /* Value-Size overruns Length */
    uint8_t bad[64];
    memcpy(bad, out, n);
    bad[4] = 23;
    CU_ASSERT_EQUAL(chap_decode(bad, n, &d, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Value-Size");
    CU_ASSERT_EQUAL(err.offset, 4);
    bad[4] = 0;
    CU_ASSERT_EQUAL(chap_decode(bad, n, &d, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Value-Size");
    /* a Challenge with nothing after the header */
    const uint8_t empty[] = {1, 1, 0, 4};
    CU_ASSERT_EQUAL(chap_decode(empty, 4, &d, &err), PROTO_ETRUNC);
    CU_ASSERT_STRING_EQUAL(err.field, "Value-Size");
    const uint8_t code9[] = {9, 1, 0, 4};
    CU_ASSERT_EQUAL(chap_decode(code9, 4, &d, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Code");

    for (size_t cap = 0; cap < 27; cap++)
        CU_ASSERT_EQUAL(chap_encode(&c, out, cap, &n, &err), PROTO_ENOSPC);
    c.value_len = 0;
    CU_ASSERT_EQUAL(chap_encode(&c, out, sizeof out, &n, &err), PROTO_EINVAL);
    c.value_len = 16;
    c.code = 5;
    CU_ASSERT_EQUAL(chap_encode(&c, out, sizeof out, &n, &err), PROTO_EINVAL);
}

static void test_pap(void)
{
    uint8_t out[64];
    size_t n = 0;
    struct pap_packet p = {.code = PAP_AUTHENTICATE_REQUEST, .id = 1,
                           .peer_id = (const uint8_t *)"2500-1", .peer_id_len = 6,
                           .password = (const uint8_t *)"pw", .password_len = 2};
    CU_ASSERT_EQUAL_FATAL(pap_encode(&p, out, sizeof out, &n, NULL), PROTO_OK);
    /* RFC 1334 §2.2.1: 4 + 1 + 6 + 1 + 2 */
    CU_ASSERT_EQUAL(n, 14);
    CU_ASSERT(memcmp(out, "\x01\x01\x00\x0E\x06" "2500-1" "\x02" "pw", 14) == 0);
    struct pap_packet d;
    CU_ASSERT_EQUAL_FATAL(pap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.peer_id_len == 6 && memcmp(d.peer_id, "2500-1", 6) == 0);
    CU_ASSERT(d.password_len == 2 && memcmp(d.password, "pw", 2) == 0);

    struct proto_error err = {0};
    for (size_t cut = 0; cut < n; cut++)
        CU_ASSERT_NOT_EQUAL(pap_decode(out, cut, &d, &err), PROTO_OK);
    uint8_t bad[64];
    memcpy(bad, out, n);
    bad[4] = 12; /* Peer-ID Length overruns */
    CU_ASSERT_EQUAL(pap_decode(bad, n, &d, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Peer-ID Length");
    CU_ASSERT_EQUAL(err.offset, 4);
    memcpy(bad, out, n);
    bad[11] = 3; /* Passwd-Length overruns */
    CU_ASSERT_EQUAL(pap_decode(bad, n, &d, &err), PROTO_ELENGTH);
    CU_ASSERT_STRING_EQUAL(err.field, "Passwd-Length");
    CU_ASSERT_EQUAL(err.offset, 11);
    /* Length 11 stops inside the Peer-ID's successor */
    memcpy(bad, out, n);
    bad[3] = 11;
    CU_ASSERT_EQUAL(pap_decode(bad, n, &d, &err), PROTO_ETRUNC);
    CU_ASSERT_STRING_EQUAL(err.field, "Passwd-Length");

    struct pap_packet ack = {.code = PAP_AUTHENTICATE_ACK, .id = 1,
                             .message = (const uint8_t *)"ok", .message_len = 2};
    CU_ASSERT_EQUAL_FATAL(pap_encode(&ack, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT(n == 7 && memcmp(out, "\x02\x01\x00\x07\x02ok", 7) == 0);
    CU_ASSERT_EQUAL_FATAL(pap_decode(out, n, &d, NULL), PROTO_OK);
    CU_ASSERT(d.code == PAP_AUTHENTICATE_ACK && d.message_len == 2);
    const uint8_t nak_empty[] = {3, 2, 0, 4};
    CU_ASSERT_EQUAL(pap_decode(nak_empty, 4, &d, &err), PROTO_ETRUNC);
    CU_ASSERT_STRING_EQUAL(err.field, "Msg-Length");
    const uint8_t code4[] = {4, 2, 0, 5, 0};
    CU_ASSERT_EQUAL(pap_decode(code4, 5, &d, &err), PROTO_EINVAL);
    for (size_t cap = 0; cap < 7; cap++)
        CU_ASSERT_EQUAL(pap_encode(&ack, out, cap, &n, &err), PROTO_ENOSPC);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_round_trip_random(void)
{
    uint32_t seed = 1994;
    uint8_t v[255], name[100], out[400];
    for (int i = 0; i < 3000; i++) {
        for (size_t k = 0; k < sizeof v; k++)
            v[k] = (uint8_t)rnd(&seed);
        for (size_t k = 0; k < sizeof name; k++)
            name[k] = (uint8_t)rnd(&seed);
        struct chap_packet c = {(uint8_t)(1 + rnd(&seed) % 4), (uint8_t)rnd(&seed), v,
                                (uint8_t)(1 + rnd(&seed) % 255), name, rnd(&seed) % 100};
        size_t n = 0;
        CU_ASSERT_FATAL(chap_encode(&c, out, sizeof out, &n, NULL) == PROTO_OK);
        struct chap_packet d;
        CU_ASSERT_FATAL(chap_decode(out, n, &d, NULL) == PROTO_OK);
        CU_ASSERT(d.code == c.code && d.id == c.id && d.name_len == c.name_len &&
                  memcmp(d.name, name, c.name_len) == 0);
        if (c.code <= CHAP_RESPONSE) {
            CU_ASSERT(d.value_len == c.value_len && memcmp(d.value, v, c.value_len) == 0);
        }

        struct pap_packet p = {(uint8_t)(1 + rnd(&seed) % 3), (uint8_t)rnd(&seed),
                               name, (uint8_t)(rnd(&seed) % 100), v, (uint8_t)rnd(&seed),
                               v + 3, (uint8_t)rnd(&seed) % 200};
        CU_ASSERT_FATAL(pap_encode(&p, out, sizeof out, &n, NULL) == PROTO_OK);
        struct pap_packet q;
        CU_ASSERT_FATAL(pap_decode(out, n, &q, NULL) == PROTO_OK);
        if (p.code == PAP_AUTHENTICATE_REQUEST) {
            CU_ASSERT(q.peer_id_len == p.peer_id_len && q.password_len == p.password_len &&
                      memcmp(q.peer_id, name, p.peer_id_len) == 0 &&
                      memcmp(q.password, v, p.password_len) == 0);
        } else {
            CU_ASSERT(q.message_len == p.message_len &&
                      memcmp(q.message, v + 3, p.message_len) == 0);
        }
    }
}

/* Random octets into both decoders: a clean status, fields inside the input. */
static void test_random_garbage(void)
{
    uint32_t seed = 0xA5A5F00Du;
    uint8_t b[80];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = rnd(&seed) % sizeof b;
        for (size_t i = 0; i < n; i++)
            b[i] = (uint8_t)rnd(&seed);
        if (n >= 4 && (iter & 1)) {
            b[0] = (uint8_t)(1 + rnd(&seed) % 4); /* valid codes and lengths more often */
            b[2] = 0;
            b[3] = (uint8_t)(rnd(&seed) % (n + 1));
        }
        struct chap_packet c;
        struct pap_packet p;
        struct proto_error err = {0};
        if (chap_decode(b, n, &c, &err) == PROTO_OK) {
            CU_ASSERT(c.name + c.name_len <= b + n);
            CU_ASSERT(c.value_len == 0 || c.value + c.value_len <= b + n);
        } else {
            CU_ASSERT(err.status != PROTO_OK && err.offset <= n);
        }
        if (pap_decode(b, n, &p, &err) == PROTO_OK) {
            CU_ASSERT(p.peer_id_len == 0 || p.peer_id + p.peer_id_len <= b + n);
            CU_ASSERT(p.password_len == 0 || p.password + p.password_len <= b + n);
            CU_ASSERT(p.message_len == 0 || p.message + p.message_len <= b + n);
        } else {
            CU_ASSERT(err.status != PROTO_OK && err.offset <= n);
        }
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"CHAP-MD5 response, openssl-computed vectors", test_chap_md5_response},
        {"CHAP: the seed's challenge, response, success", test_chap_seed_packets},
        {"CHAP: malformed packets", test_chap_errors},
        {"PAP: request, ack, nak, malformed", test_pap},
        {"round trip: random CHAP and PAP packets", test_round_trip_random},
        {"random octets: clean errors", test_random_garbage},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp_auth", tests);
}
