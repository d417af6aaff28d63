/* RFC 1662 §4 HDLC-like framing: encoder vectors, ACCM, flag sharing,
 * streaming deframer (any chunking), abort, runt, MRU, bad FCS, round trips. */
#include <stdlib.h>
#include <string.h>

#include "hdlc.h"
#include "ppp_const.h"
#include "unit.h"

/* The seed's "LCP: I CONFREQ id 118 len 10" with FF 03 C0 21 in front. */
static const uint8_t lcp_118[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x76, 0x00,
                                  0x0A, 0x05, 0x06, 0x6E, 0xE4, 0xE8, 0x65};

/* Expected octets computed independently with a few lines of Python (a
 * bit-at-a-time X.25 CRC for FCS-16, zlib.crc32 for FCS-32, then stuffing
 * with ACCM 0xFFFFFFFF). FCS-16 = 0x2E31, sent 31 2E; FCS-32 = 0x8DA48B1C. */
static const uint8_t lcp_118_fcs16[] = {0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x7D, 0x21,
                                        0x76, 0x7D, 0x20, 0x7D, 0x2A, 0x7D, 0x25, 0x7D,
                                        0x26, 0x6E, 0xE4, 0xE8, 0x65, 0x31, 0x2E, 0x7E};
static const uint8_t lcp_118_fcs32[] = {0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x7D, 0x21, 0x76,
                                        0x7D, 0x20, 0x7D, 0x2A, 0x7D, 0x25, 0x7D, 0x26, 0x6E,
                                        0xE4, 0xE8, 0x65, 0x7D, 0x3C, 0x8B, 0xA4, 0x8D, 0x7E};

/* Local PRNG (xorshift32), seeded per test: no global state, reproducible. */
static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Records deframer events. */
#define MAX_EVENTS 16
struct recorder {
    unsigned n;
    enum hdlc_rx_event ev[MAX_EVENTS];
    size_t len[MAX_EVENTS];
    uint8_t data[MAX_EVENTS][600];
};

static void record(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    struct recorder *r = ctx;
    if (r->n < MAX_EVENTS) {
        r->ev[r->n] = ev;
        r->len[r->n] = len;
        memcpy(r->data[r->n], frame, len < 600 ? len : 600);
    }
    r->n++;
}

static const struct hdlc_tx_config tx_default = {PPP_DEFAULT_ACCM, HDLC_FCS_16, true};
static const struct hdlc_rx_config rx_default = {PPP_DEFAULT_ACCM, HDLC_FCS_16, PPP_DEFAULT_MRU};

static void test_encode_vectors(void)
{
    uint8_t out[64];
    size_t n = 0;
    CU_ASSERT_EQUAL(hdlc_encode(&tx_default, lcp_118, sizeof lcp_118, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT_EQUAL(n, sizeof lcp_118_fcs16);
    CU_ASSERT(n == sizeof lcp_118_fcs16 && memcmp(out, lcp_118_fcs16, n) == 0);

    struct hdlc_tx_config c32 = {PPP_DEFAULT_ACCM, HDLC_FCS_32, true};
    CU_ASSERT_EQUAL(hdlc_encode(&c32, lcp_118, sizeof lcp_118, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT_EQUAL(n, sizeof lcp_118_fcs32);
    CU_ASSERT(n == sizeof lcp_118_fcs32 && memcmp(out, lcp_118_fcs32, n) == 0);

    /* flag sharing: no opening flag, the rest identical */
    struct hdlc_tx_config shared = tx_default;
    shared.opening_flag = false;
    CU_ASSERT_EQUAL(hdlc_encode(&shared, lcp_118, sizeof lcp_118, out, sizeof out, &n, NULL),
                    PROTO_OK);
    CU_ASSERT_EQUAL(n, sizeof lcp_118_fcs16 - 1);
    CU_ASSERT(memcmp(out, lcp_118_fcs16 + 1, n) == 0);
}

static void test_encode_accm(void)
{
    uint8_t all[256], out[1024];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    struct hdlc_tx_config cfg = {0, HDLC_FCS_32, true};
    uint32_t seed = 0x1662u;
    for (int round = 0; round < 64; round++) {
        cfg.accm = round == 0 ? 0 : round == 1 ? 0xFFFFFFFFu : rnd(&seed);
        size_t n = 0;
        CU_ASSERT_FATAL(hdlc_encode(&cfg, all, 256, out, sizeof out, &n, NULL) == PROTO_OK);
        CU_ASSERT(n <= hdlc_encoded_max(256, HDLC_FCS_32));
        /* inside the flags: 7E never, 7D only as an escape, flagged controls never raw */
        for (size_t i = 1; i + 1 < n; i++) {
            CU_ASSERT_NOT_EQUAL(out[i], HDLC_FLAG);
            if (out[i] == HDLC_ESCAPE) {
                uint8_t v = out[i + 1] ^ HDLC_ESCAPE_XOR;
                CU_ASSERT(hdlc_tx_escapes(cfg.accm, v));
                i++;
                continue;
            }
            CU_ASSERT_FALSE(hdlc_tx_escapes(cfg.accm, out[i]));
        }
        CU_ASSERT_EQUAL(out[0], HDLC_FLAG);
        CU_ASSERT_EQUAL(out[n - 1], HDLC_FLAG);
    }
    /* ACCM bit n is octet n: only XON (0x11) and XOFF (0x13) */
    uint32_t xonxoff = (1u << 0x11) | (1u << 0x13);
    for (int c = 0; c < 256; c++)
        CU_ASSERT_EQUAL(hdlc_tx_escapes(xonxoff, (uint8_t)c),
                        c == 0x11 || c == 0x13 || c == 0x7D || c == 0x7E);
}

static void test_encode_errors(void)
{
    uint8_t out[64];
    size_t n = 0;
    struct proto_error err = {0};
    for (size_t cap = 0; cap < sizeof lcp_118_fcs16; cap++) {
        CU_ASSERT_EQUAL(hdlc_encode(&tx_default, lcp_118, sizeof lcp_118, out, cap, &n, &err),
                        PROTO_ENOSPC);
        CU_ASSERT_EQUAL(err.status, PROTO_ENOSPC);
    }
    CU_ASSERT_EQUAL(hdlc_encode(&tx_default, lcp_118, 0, out, sizeof out, &n, &err), PROTO_EINVAL);
    struct hdlc_tx_config bad = {0, (enum hdlc_fcs_mode)7, true};
    CU_ASSERT_EQUAL(hdlc_encode(&bad, lcp_118, sizeof lcp_118, out, sizeof out, &n, &err),
                    PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "FCS");
    CU_ASSERT_EQUAL(hdlc_encode(NULL, lcp_118, sizeof lcp_118, out, sizeof out, &n, &err),
                    PROTO_EINVAL);
}

static void test_decode_vectors(void)
{
    uint8_t out[64];
    size_t n = 0;
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, lcp_118_fcs16, sizeof lcp_118_fcs16, out,
                                sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT(n == sizeof lcp_118 && memcmp(out, lcp_118, n) == 0);
    struct hdlc_rx_config c32 = {PPP_DEFAULT_ACCM, HDLC_FCS_32, PPP_DEFAULT_MRU};
    CU_ASSERT_EQUAL(hdlc_decode(&c32, lcp_118_fcs32, sizeof lcp_118_fcs32, out, sizeof out, &n,
                                NULL), PROTO_OK);
    CU_ASSERT(n == sizeof lcp_118 && memcmp(out, lcp_118, n) == 0);
    /* flags optional at both ends */
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, lcp_118_fcs16 + 1, sizeof lcp_118_fcs16 - 2, out,
                                sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(n, sizeof lcp_118);
    /* the wrong FCS mode is a bad FCS */
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(hdlc_decode(&c32, lcp_118_fcs16, sizeof lcp_118_fcs16, out, sizeof out, &n,
                                &err), PROTO_EFCS);
    CU_ASSERT_STRING_EQUAL(err.field, "FCS");
    CU_ASSERT_EQUAL(err.offset, sizeof lcp_118_fcs16 - 1);
}

static void test_decode_errors(void)
{
    uint8_t out[64];
    size_t n = 0;
    struct proto_error err = {0};

    const uint8_t runt[] = {0x7E, 0x41, 0x42, 0x7E};
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, runt, sizeof runt, out, sizeof out, &n, &err),
                    PROTO_ETRUNC);
    CU_ASSERT_STRING_EQUAL(err.field, "frame");
    CU_ASSERT_EQUAL(err.offset, 3);

    const uint8_t abort_seq[] = {0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x7D, 0x7E};
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, abort_seq, sizeof abort_seq, out, sizeof out, &n,
                                &err), PROTO_EABORT);
    CU_ASSERT_EQUAL(err.offset, 6);

    const uint8_t nothing[] = {0x7E, 0x7E, 0x7E};
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, nothing, sizeof nothing, out, sizeof out, &n, &err),
                    PROTO_ETRUNC);
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, NULL, 0, out, sizeof out, &n, &err), PROTO_ETRUNC);

    uint8_t two[2 * sizeof lcp_118_fcs16];
    memcpy(two, lcp_118_fcs16, sizeof lcp_118_fcs16);
    memcpy(two + sizeof lcp_118_fcs16, lcp_118_fcs16, sizeof lcp_118_fcs16);
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, two, sizeof two, out, sizeof out, &n, &err),
                    PROTO_EINVAL);
    CU_ASSERT_EQUAL(err.offset, sizeof lcp_118_fcs16 + 1);

    struct hdlc_rx_config small = rx_default;
    small.mru = sizeof lcp_118 - 1;
    CU_ASSERT_EQUAL(hdlc_decode(&small, lcp_118_fcs16, sizeof lcp_118_fcs16, out, sizeof out, &n,
                                &err), PROTO_ELENGTH);
    small.mru = sizeof lcp_118; /* exactly the MRU is accepted */
    CU_ASSERT_EQUAL(hdlc_decode(&small, lcp_118_fcs16, sizeof lcp_118_fcs16, out, sizeof out, &n,
                                &err), PROTO_OK);
    /* the output buffer needs the frame plus its FCS */
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, lcp_118_fcs16, sizeof lcp_118_fcs16, out,
                                sizeof lcp_118 + 1, &n, &err), PROTO_ENOSPC);
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, lcp_118_fcs16, sizeof lcp_118_fcs16, out,
                                sizeof lcp_118 + 2, &n, &err), PROTO_OK);

    /* every bit flipped in the body: never accepted */
    uint8_t bad[sizeof lcp_118_fcs16];
    for (size_t bit = 8; bit < (sizeof bad - 1) * 8; bit++) {
        memcpy(bad, lcp_118_fcs16, sizeof bad);
        bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        proto_status st = hdlc_decode(&rx_default, bad, sizeof bad, out, sizeof out, &n, &err);
        CU_ASSERT(st == PROTO_EFCS || st == PROTO_EABORT || st == PROTO_ETRUNC ||
                  st == PROTO_EINVAL);
    }
    /* truncation at every offset */
    for (size_t cut = 0; cut < sizeof lcp_118_fcs16 - 1; cut++) {
        proto_status st = hdlc_decode(&rx_default, lcp_118_fcs16, cut, out, sizeof out, &n, &err);
        CU_ASSERT(st == PROTO_ETRUNC || st == PROTO_EFCS || st == PROTO_EABORT);
        CU_ASSERT_EQUAL(err.status, st);
    }
}

/* Three frames, garbage before the first flag, fill flags, an abort, a runt,
 * a bad FCS and a shared flag: the same events whatever the chunking. */
static size_t build_stream(uint8_t *s, size_t cap)
{
    size_t n = 0, k = 0;
    const uint8_t garbage[] = {0x11, 0x7D, 0x41, 0xFF};
    memcpy(s, garbage, sizeof garbage);
    n += sizeof garbage;
    struct hdlc_tx_config cfg = tx_default;
    CU_ASSERT(hdlc_encode(&cfg, lcp_118, sizeof lcp_118, s + n, cap - n, &k, NULL) == PROTO_OK);
    n += k;
    cfg.opening_flag = false; /* shares the previous closing flag */
    const uint8_t ip[] = {0x21, 0x45, 0x7E, 0x7D, 0x00, 0x13};
    CU_ASSERT(hdlc_encode(&cfg, ip, sizeof ip, s + n, cap - n, &k, NULL) == PROTO_OK);
    n += k;
    const uint8_t tail[] = {0x7E, 0x7E, 0x41, 0x42, 0x7D, 0x7E, 0x01, 0x7E, 0x41, 0x42, 0x43, 0x44};
    memcpy(s + n, tail, sizeof tail);
    n += sizeof tail;
    cfg.opening_flag = true;
    CU_ASSERT(hdlc_encode(&cfg, lcp_118, sizeof lcp_118, s + n, cap - n, &k, NULL) == PROTO_OK);
    return n + k;
}

static void check_stream_events(const struct recorder *r)
{
    CU_ASSERT_EQUAL_FATAL(r->n, 5);
    CU_ASSERT_EQUAL(r->ev[0], HDLC_RX_FRAME);
    CU_ASSERT(r->len[0] == sizeof lcp_118 && memcmp(r->data[0], lcp_118, sizeof lcp_118) == 0);
    CU_ASSERT_EQUAL(r->ev[1], HDLC_RX_FRAME);
    CU_ASSERT_EQUAL(r->len[1], 6);
    CU_ASSERT_EQUAL(r->data[1][2], 0x7E);
    CU_ASSERT_EQUAL(r->data[1][5], 0x13);
    CU_ASSERT_EQUAL(r->ev[2], HDLC_RX_ABORT);
    CU_ASSERT_EQUAL(r->ev[3], HDLC_RX_BAD_FCS); /* 41 42 43 44: no runt, wrong FCS */
    CU_ASSERT_EQUAL(r->ev[4], HDLC_RX_FRAME);
}

static void test_stream_any_chunking(void)
{
    uint8_t s[256], buf[PPP_DEFAULT_MRU + 4];
    size_t n = build_stream(s, sizeof s);
    /* 0x01 between flags is a discarded control (receive ACCM), leaving an
     * empty frame: no event, so the events are those of check_stream_events */
    for (size_t a = 0; a <= n; a++) {
        for (size_t b = a; b <= n; b += 7) {
            struct hdlc_rx rx;
            struct recorder r = {0};
            CU_ASSERT_FATAL(hdlc_rx_init(&rx, &rx_default, buf, sizeof buf) == PROTO_OK);
            hdlc_rx_push(&rx, s, a, record, &r);
            hdlc_rx_push(&rx, s + a, b - a, record, &r);
            hdlc_rx_push(&rx, s + b, n - b, record, &r);
            check_stream_events(&r);
            CU_ASSERT_EQUAL(rx.counters.frames, 3);
            CU_ASSERT_EQUAL(rx.counters.octets, 2 * sizeof lcp_118 + 6);
            CU_ASSERT_EQUAL(rx.counters.aborts, 1);
            CU_ASSERT_EQUAL(rx.counters.bad_fcs, 1);
            CU_ASSERT_EQUAL(rx.counters.accm_discards, 1);
        }
    }
    /* one octet per push */
    struct hdlc_rx rx;
    struct recorder r = {0};
    CU_ASSERT_FATAL(hdlc_rx_init(&rx, &rx_default, buf, sizeof buf) == PROTO_OK);
    for (size_t i = 0; i < n; i++)
        hdlc_rx_push(&rx, s + i, 1, record, &r);
    check_stream_events(&r);
}

static void test_rx_accm_and_runts(void)
{
    uint8_t buf[PPP_DEFAULT_MRU + 4], enc[64];
    size_t n = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx_default, lcp_118, sizeof lcp_118, enc, sizeof enc, &n, NULL) ==
                    PROTO_OK);
    /* a raw XON inserted by the line, and one between an escape and its octet */
    uint8_t s[80];
    memcpy(s, enc, 3); /* 7E FF 7D */
    s[3] = 0x11;
    memcpy(s + 4, enc + 3, n - 3); /* 23 C0 ... */
    s[n + 1] = 0;
    struct hdlc_rx rx;
    struct recorder r = {0};
    struct hdlc_rx_config cfg = rx_default;
    CU_ASSERT_FATAL(hdlc_rx_init(&rx, &cfg, buf, sizeof buf) == PROTO_OK);
    hdlc_rx_push(&rx, s, n + 1, record, &r);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(r.ev[0], HDLC_RX_FRAME);
    CU_ASSERT_EQUAL(rx.counters.accm_discards, 1);
    /* receive ACCM 0: the XON is data, so 7D 11 unescapes to 0x31, bad FCS */
    cfg.accm = 0;
    r.n = 0;
    CU_ASSERT_FATAL(hdlc_rx_init(&rx, &cfg, buf, sizeof buf) == PROTO_OK);
    hdlc_rx_push(&rx, s, n + 1, record, &r);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(r.ev[0], HDLC_RX_BAD_FCS);
    CU_ASSERT_EQUAL(rx.counters.accm_discards, 0);

    /* runts: 1 and 2 octets under FCS-16; 4 octets under FCS-32 */
    const uint8_t runts[] = {0x7E, 0x21, 0x7E, 0x21, 0x22, 0x7E};
    r.n = 0;
    CU_ASSERT_FATAL(hdlc_rx_init(&rx, &rx_default, buf, sizeof buf) == PROTO_OK);
    hdlc_rx_push(&rx, runts, sizeof runts, record, &r);
    CU_ASSERT_EQUAL(r.n, 2);
    CU_ASSERT_EQUAL(r.ev[0], HDLC_RX_RUNT);
    CU_ASSERT_EQUAL(r.ev[1], HDLC_RX_RUNT);
    CU_ASSERT_EQUAL(rx.counters.runts, 2);

    /* too long, then a good frame after the next flag */
    struct hdlc_rx_config tiny = {PPP_DEFAULT_ACCM, HDLC_FCS_16, 4};
    uint8_t tbuf[6];
    r.n = 0;
    CU_ASSERT_FATAL(hdlc_rx_init(&rx, &tiny, tbuf, sizeof tbuf) == PROTO_OK);
    hdlc_rx_push(&rx, enc, n, record, &r);
    const uint8_t ip[] = {0x21, 0x45, 0x00, 0x7D};
    uint8_t e2[32];
    size_t n2 = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx_default, ip, sizeof ip, e2, sizeof e2, &n2, NULL) == PROTO_OK);
    hdlc_rx_push(&rx, e2, n2, record, &r);
    CU_ASSERT_EQUAL(r.n, 2);
    CU_ASSERT_EQUAL(r.ev[0], HDLC_RX_TOO_LONG);
    CU_ASSERT_EQUAL(r.ev[1], HDLC_RX_FRAME);
    CU_ASSERT(r.len[1] == sizeof ip && memcmp(r.data[1], ip, sizeof ip) == 0);
    CU_ASSERT_EQUAL(rx.counters.too_long, 1);

    /* init checks */
    CU_ASSERT_EQUAL(hdlc_rx_init(&rx, &tiny, tbuf, 5), PROTO_ENOSPC);
    struct hdlc_rx_config badfcs = {0, (enum hdlc_fcs_mode)3, 4};
    CU_ASSERT_EQUAL(hdlc_rx_init(&rx, &badfcs, tbuf, sizeof tbuf), PROTO_EINVAL);
}

/* §4.2: 0x7D 0x7D is an escaped 0x7D, i.e. 0x5D, not two escapes. */
static void test_escape_escape(void)
{
    const uint8_t frame[] = {0x21, 0x5D};
    uint8_t enc[32], raw[32], out[32];
    size_t n = 0, m = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx_default, frame, sizeof frame, enc, sizeof enc, &n, NULL) ==
                    PROTO_OK);
    /* replace the plain 0x5D (at enc[2]) with 7D 7D */
    CU_ASSERT_EQUAL_FATAL(enc[2], 0x5D);
    memcpy(raw, enc, 2);
    raw[2] = 0x7D;
    raw[3] = 0x7D;
    memcpy(raw + 4, enc + 3, n - 3);
    CU_ASSERT_EQUAL(hdlc_decode(&rx_default, raw, n + 1, out, sizeof out, &m, NULL), PROTO_OK);
    CU_ASSERT(m == 2 && memcmp(out, frame, 2) == 0);
}

static void test_round_trip_random(void)
{
    uint32_t seed = 0xC0FFEE01u;
    static uint8_t frame[2048], enc[2 * 2048 + 16], out[2048 + 8], stream_buf[2048 + 8];
    for (int iter = 0; iter < 1500; iter++) {
        size_t len = 1 + rnd(&seed) % (iter < 50 ? 256 : 1600);
        if (iter < 2) {
            len = 256;
            for (size_t i = 0; i < 256; i++)
                frame[i] = (uint8_t)(iter == 0 ? i : 255 - i);
        } else {
            for (size_t i = 0; i < len; i++)
                frame[i] = (uint8_t)rnd(&seed);
        }
        struct hdlc_tx_config tx = {rnd(&seed), (rnd(&seed) & 1) ? HDLC_FCS_32 : HDLC_FCS_16,
                                    (rnd(&seed) & 1) != 0};
        if (iter % 5 == 0)
            tx.accm = iter % 10 ? 0 : 0xFFFFFFFFu;
        /* the receiver may only discard controls the sender escapes */
        struct hdlc_rx_config rx = {tx.accm & rnd(&seed), tx.fcs, 1600};
        size_t n = 0, m = 0;
        CU_ASSERT_FATAL(hdlc_encode(&tx, frame, len, enc, sizeof enc, &n, NULL) == PROTO_OK);
        CU_ASSERT(n <= hdlc_encoded_max(len, tx.fcs));
        CU_ASSERT_FATAL(hdlc_decode(&rx, enc, n, out, sizeof out, &m, NULL) == PROTO_OK);
        CU_ASSERT(m == len && memcmp(out, frame, len) == 0);

        /* streaming, in random chunks, with a closing flag shared */
        struct hdlc_rx st;
        struct recorder *r = calloc(1, sizeof *r);
        CU_ASSERT_FATAL(r != NULL);
        CU_ASSERT_FATAL(hdlc_rx_init(&st, &rx, stream_buf, sizeof stream_buf) == PROTO_OK);
        if (!tx.opening_flag)
            hdlc_rx_push(&st, (const uint8_t[]){HDLC_FLAG}, 1, record, r);
        for (size_t pos = 0; pos < n;) {
            size_t chunk = 1 + rnd(&seed) % 64;
            if (chunk > n - pos)
                chunk = n - pos;
            hdlc_rx_push(&st, enc + pos, chunk, record, r);
            pos += chunk;
        }
        CU_ASSERT_EQUAL(r->n, 1);
        CU_ASSERT_EQUAL(r->ev[0], HDLC_RX_FRAME);
        size_t cmp = len < 600 ? len : 600;
        CU_ASSERT(r->len[0] == len && memcmp(r->data[0], frame, cmp) == 0);
        free(r);
    }
}

/* Random octet soup, rich in flags and escapes: every outcome is a clean
 * status, the counters add up, and nothing is read or written out of bounds
 * (the sanitizer run makes that fatal). */
static void test_random_garbage(void)
{
    uint32_t seed = 0x7E7D7E7Du;
    static const uint8_t specials[] = {0x7E, 0x7D, 0x5E, 0x5D, 0x11, 0x00};
    uint8_t in[256], out[64], buf[64 + 4];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = rnd(&seed) % sizeof in;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = rnd(&seed);
            in[i] = (r & 3) ? (uint8_t)(r >> 8) : specials[(r >> 8) % sizeof specials];
        }
        struct hdlc_rx_config cfg = {rnd(&seed), (rnd(&seed) & 1) ? HDLC_FCS_32 : HDLC_FCS_16,
                                     1 + rnd(&seed) % 60};
        size_t m = 0;
        struct proto_error err = {0};
        proto_status st = hdlc_decode(&cfg, in, n, out, rnd(&seed) % sizeof out, &m, &err);
        CU_ASSERT(st == PROTO_OK || st == PROTO_ETRUNC || st == PROTO_EFCS ||
                  st == PROTO_EABORT || st == PROTO_ELENGTH || st == PROTO_ENOSPC ||
                  st == PROTO_EINVAL);
        CU_ASSERT(st == PROTO_OK || (err.status == st && err.offset <= n));

        struct hdlc_rx rx;
        struct recorder *r = calloc(1, sizeof *r);
        CU_ASSERT_FATAL(r != NULL);
        CU_ASSERT_FATAL(hdlc_rx_init(&rx, &cfg, buf, sizeof buf) == PROTO_OK);
        hdlc_rx_push(&rx, in, n, record, r);
        const struct hdlc_rx_counters *c = &rx.counters;
        CU_ASSERT_EQUAL(r->n, c->frames + c->bad_fcs + c->aborts + c->runts + c->too_long);
        free(r);
    }
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"encode: independent FCS-16/FCS-32 vectors, flag sharing", test_encode_vectors},
        {"encode: ACCM escaping of every octet", test_encode_accm},
        {"encode: errors", test_encode_errors},
        {"decode: vectors, optional flags", test_decode_vectors},
        {"decode: runt, abort, MRU, bad FCS, truncation", test_decode_errors},
        {"stream: same events for every chunking", test_stream_any_chunking},
        {"stream: receive ACCM, runts, too long", test_rx_accm_and_runts},
        {"decode: 7D 7D is 0x5D", test_escape_escape},
        {"round trip: random frames, ACCMs, FCS modes", test_round_trip_random},
        {"random octets: clean errors, consistent counters", test_random_garbage},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("hdlc", tests);
}
