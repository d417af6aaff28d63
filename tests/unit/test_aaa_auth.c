/* PPP authentication through the local backend: the seed's CHAP exchange
 * for 2500-1 (challenge 5D0D008C..., id 6, response CA1CC2E4..., which
 * MD5 shows is secret "cisco"), PAP, client secrets, tunnel secrets, and
 * methods this build cannot serve. */
#include "hexbytes.h"
#include "ppp_auth.h"
#include "test_aaa_util.h"

static const char seed_challenge[] = "5D0D008CB1677CF8BC354556321A7A74";   /* AVP 31 */
static const char seed_response[] = "CA1CC2E4FA6899E8DF1B695C0A80883E";    /* AVP 33 */

static size_t hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse(s, out, cap, &n, NULL) == PROTO_OK);
    return n;
}

static enum ppp_aaa_verdict chap(struct ppp_aaa *p, const char *name, uint8_t id,
                                 const uint8_t *ch, size_t ch_len, const uint8_t *resp,
                                 size_t resp_len, struct ppp_aaa_attrs *attrs)
{
    return p->chap_check(p->ctx, (const uint8_t *)name, strlen(name), id, ch, ch_len, resp,
                         resp_len, attrs);
}

static void test_seed_chap(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lns-l2tp-gw.conf");
    struct ppp_aaa p;
    aaa_ppp_interface(&f.aaa, &p);
    uint8_t ch[16], resp[16], md[MD5_DIGEST_LEN];
    size_t ch_len = hex(seed_challenge, ch, sizeof ch);
    hex(seed_response, resp, sizeof resp);
    /* The seed's own response is what chap_md5_response gives for "cisco". */
    CU_ASSERT_FATAL(chap_md5_response(6, (const uint8_t *)"cisco", 5, ch, ch_len, md) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(memcmp(md, resp, sizeof md), 0);

    struct ppp_aaa_attrs attrs = {0};
    CU_ASSERT_EQUAL(chap(&p, "2500-1", 6, ch, ch_len, resp, sizeof resp, &attrs), PPP_AAA_ACCEPT);
    CU_ASSERT_TRUE(attrs.allow_negotiated_address);
    CU_ASSERT_EQUAL(attrs.framed_ip, 0);
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (1): status = PASS"), -1);

    /* Wrong secret, wrong identifier, altered challenge, short response,
     * another user's name: all rejected. */
    CU_ASSERT_FATAL(chap_md5_response(6, (const uint8_t *)"cisco1", 6, ch, ch_len, md) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(chap(&p, "2500-1", 6, ch, ch_len, md, sizeof md, &attrs), PPP_AAA_REJECT);
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (2): status = FAIL"), -1);
    CU_ASSERT_EQUAL(chap(&p, "2500-1", 7, ch, ch_len, resp, sizeof resp, &attrs), PPP_AAA_REJECT);
    uint8_t ch2[16];
    memcpy(ch2, ch, sizeof ch2);
    ch2[15] ^= 1;
    CU_ASSERT_EQUAL(chap(&p, "2500-1", 6, ch2, ch_len, resp, sizeof resp, &attrs),
                    PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(chap(&p, "2500-1", 6, ch, ch_len, resp, 15, &attrs), PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(chap(&p, "2500-2", 6, ch, ch_len, resp, sizeof resp, &attrs), PPP_AAA_REJECT);
    /* A name with control octets is logged printable. */
    CU_ASSERT_EQUAL(p.chap_check(p.ctx, (const uint8_t *)"a\nb\x01", 4, 6, ch, ch_len, resp,
                                 sizeof resp, &attrs), PPP_AAA_REJECT);
    CU_ASSERT_NOT_EQUAL(find_line(&f.out, 0, "AAA/AUTHEN (7): user 'a.b.' rejected"), -1);
    /* CHAP names are octet strings: the length counts, not a NUL, and a
     * prefix of the name is not the user. */
    CU_ASSERT_EQUAL(p.chap_check(p.ctx, (const uint8_t *)"2500-1x", 6, 6, ch, ch_len, resp,
                                 sizeof resp, &attrs), PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(p.chap_check(p.ctx, (const uint8_t *)"2500-1", 5, 6, ch, ch_len, resp,
                                 sizeof resp, &attrs), PPP_AAA_REJECT);
    /* 2500-1 may only use CHAP here. */
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"2500-1", 6, (const uint8_t *)"cisco", 5,
                                &attrs), PPP_AAA_REJECT);
    fixture_free(&f);
}

static void test_pap(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/both.conf");
    struct ppp_aaa p;
    aaa_ppp_interface(&f.aaa, &p);
    struct ppp_aaa_attrs attrs = {0};
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"bob", 3, (const uint8_t *)"bob-pw", 6,
                                &attrs), PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(attrs.framed_ip, IP(10, 40, 0, 7));
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"bob", 3, (const uint8_t *)"bob-pX", 6,
                                &attrs), PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"bob", 3, (const uint8_t *)"bob-pw2", 7,
                                &attrs), PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"bob", 3, (const uint8_t *)"", 0, &attrs),
                    PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"eve", 3, (const uint8_t *)"bob-pw", 6,
                                &attrs), PPP_AAA_REJECT);
    /* alice may use either, and brings her DNS servers along. */
    CU_ASSERT_EQUAL(p.pap_check(p.ctx, (const uint8_t *)"alice@example.net", 17,
                                (const uint8_t *)"alice-pw", 8, &attrs), PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(attrs.primary_dns, IP(192, 0, 2, 53));
    CU_ASSERT_EQUAL(attrs.secondary_dns, IP(192, 0, 2, 54));
    /* bob is PAP only: a right CHAP response is still refused. */
    uint8_t ch[16] = {1, 2, 3}, md[MD5_DIGEST_LEN];
    CU_ASSERT_FATAL(chap_md5_response(1, (const uint8_t *)"bob-pw", 6, ch, sizeof ch, md) ==
                    PROTO_OK);
    CU_ASSERT_EQUAL(chap(&p, "bob", 1, ch, sizeof ch, md, sizeof md, &attrs), PPP_AAA_REJECT);
    fixture_free(&f);
}

/* Client role (the simulated 2500-1 answering 5300-1's challenge). */
static void test_client_secret(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/both.conf");
    struct ppp_aaa p;
    aaa_ppp_interface(&f.aaa, &p);
    uint8_t s[64];
    size_t n = 0;
    /* By our own name when the authenticator has no entry. */
    CU_ASSERT_EQUAL(p.get_secret(p.ctx, "2500-1", (const uint8_t *)"5300-1", 6, s, sizeof s, &n),
                    0);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(memcmp(s, "cisco", 5), 0);
    /* IOS style: the entry named after the authenticator comes first. */
    CU_ASSERT_EQUAL(p.get_secret(p.ctx, "2500-1", (const uint8_t *)"bob", 3, s, sizeof s, &n), 0);
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_EQUAL(memcmp(s, "bob-pw", 6), 0);
    /* PAP: no authenticator name. */
    CU_ASSERT_EQUAL(p.get_secret(p.ctx, "alice@example.net", NULL, 0, s, sizeof s, &n), 0);
    CU_ASSERT_EQUAL(n, 8);
    CU_ASSERT_EQUAL(p.get_secret(p.ctx, "nobody", NULL, 0, s, sizeof s, &n), -1);
    CU_ASSERT_EQUAL(p.get_secret(p.ctx, "2500-1", NULL, 0, s, 4, &n), -1);   /* too small */
    fixture_free(&f);
}

static void test_tunnel_secret(void)
{
    struct aaa_fixture f;
    fixture_file(&f, "tests/config/lns-l2tp-gw.conf");
    const uint8_t *s = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(aaa_tunnel_secret(&f.aaa, "hgw", &s, &n), 0);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(memcmp(s, "hello", 5), 0);
    CU_ASSERT_EQUAL(aaa_tunnel_secret(&f.aaa, "other", &s, &n), -1);
    CU_ASSERT_EQUAL(aaa_tunnel_secret(&f.aaa, NULL, &s, &n), -1);
    fixture_free(&f);

    fixture_file(&f, "tests/config/both.conf");
    CU_ASSERT_EQUAL(aaa_tunnel_secret(&f.aaa, "hgw", &s, &n), 0);
    CU_ASSERT_EQUAL(memcmp(s, "hello", 5), 0);
    CU_ASSERT_EQUAL(aaa_tunnel_secret(&f.aaa, "other", &s, &n), 0);   /* the "*" entry */
    CU_ASSERT_EQUAL(n, strlen("fallback-secret"));
    fixture_free(&f);
}

/* "method = local radius" parses, but this build has no RADIUS backend:
 * aaa_init says so instead of silently skipping it. */
static void test_radius_not_built(void)
{
    static const char text[] = "[global]\nrole = lns\nhostname = g\n[aaa]\nmethod = local radius\n";
    struct l2tpd_config c;
    CU_ASSERT_FATAL(config_parse("r.conf", text, sizeof text - 1, &c, NULL) == PROTO_OK);
    struct aaa a;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(aaa_init(&a, &c, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "method");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "radius"));
    config_free(&c);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"seed CHAP for 2500-1: right secret accepted, wrong rejected", test_seed_chap},
        {"PAP accept and reject, per-user methods", test_pap},
        {"client secrets", test_client_secret},
        {"tunnel secret by peer host name", test_tunnel_secret},
        {"radius method without a backend", test_radius_not_built},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("aaa auth", tests);
}
