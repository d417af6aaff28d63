/* host/tools/pppd-standin's parts: pppd's options as xl2tpd passes them
 * (and option files), chap-secrets as the PPP AAA, ICMP echo. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "md5.h"
#include "pppd_standin.h"
#include "unit.h"

/* A file with text under /tmp; its path in path (removed by the caller). */
static int temp_file(const char *text, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/test_pppd_standin_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int rc = write(fd, text, n) == (ssize_t)n ? 0 : -1;
    close(fd);
    return rc;
}

static int parse(struct standin_opts *o, char *err, size_t cap, int argc, ...)
{
    char *argv[32];
    va_list ap;
    va_start(ap, argc);
    for (int i = 0; i < argc && i < 32; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    return standin_opts_parse(o, argc, argv, err, cap);
}

/* xl2tpd 1.3.18's LNS command line (its start_pppd, as logged). */
static void test_opts_xl2tpd_lns(void)
{
    struct standin_opts o;
    char err[200] = "";
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 10, "/dev/pts/3", "passive", "nodetach",
                          "10.10.53.1:10.10.53.10", "refuse-pap", "auth", "require-chap", "name",
                          "l2tp-gw", "debug"),
                    0);
    CU_ASSERT_STRING_EQUAL(o.device, "/dev/pts/3");
    CU_ASSERT_TRUE(o.passive);
    CU_ASSERT_TRUE(o.auth);
    CU_ASSERT_TRUE(o.require_chap);
    CU_ASSERT_STRING_EQUAL(o.name, "l2tp-gw");
    CU_ASSERT_EQUAL(o.local_ip, 0x0A0A3501u);
    CU_ASSERT_EQUAL(o.remote_ip, 0x0A0A350Au);
    CU_ASSERT_EQUAL(o.ignored, 3);   /* nodetach, refuse-pap, debug */
    CU_ASSERT_STRING_EQUAL(o.secrets, "/etc/ppp/chap-secrets");
}

/* The LAC's ":" (no addresses) and an option file with comments, quotes
 * and an option that takes an argument we skip. */
static void test_opts_file(void)
{
    char path[64];
    CU_ASSERT_FATAL(temp_file("# the user\nuser \"2500-1\"  # trailing comment\n"
                              "ipparam standin-ping\nstandin-ping 3\nlcp-restart 1\n"
                              "standin-active\nlogfile /tmp/x.log\n",
                              path, sizeof path) == 0);
    struct standin_opts o;
    char err[200] = "";
    /* argc 6 stops before the file's path. */
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 6, "/dev/pts/0", "passive", ":", "name", "2500-1",
                          "file", path),
                    -1);
    CU_ASSERT_STRING_EQUAL(err, "option 'file' needs an argument");
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 7, "/dev/pts/0", "passive", ":", "name", "2500-1",
                          "file", path),
                    0);
    CU_ASSERT_STRING_EQUAL(o.user, "2500-1");
    CU_ASSERT_EQUAL(o.ping_count, 3);   /* ipparam's argument was not read as an option */
    CU_ASSERT_EQUAL(o.lcp_restart_s, 1);
    CU_ASSERT_TRUE(o.active);
    CU_ASSERT_FALSE(o.auth);
    CU_ASSERT_EQUAL(o.local_ip, 0);
    CU_ASSERT_EQUAL(o.remote_ip, 0);
    CU_ASSERT_STRING_EQUAL(o.logfile, "/tmp/x.log");
    remove(path);
}

static void test_opts_errors(void)
{
    struct standin_opts o;
    char err[200] = "";
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 1, "name"), -1);
    CU_ASSERT_STRING_EQUAL(err, "option 'name' needs an argument");
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "lcp-restart", "0"), -1);
    CU_ASSERT_STRING_EQUAL(err, "lcp-restart: '0' is not 1..60 seconds");
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 1, "10.10.53.1:10.10.53"), -1);
    CU_ASSERT_STRING_EQUAL(err, "'10.10.53.1:10.10.53' is not LOCAL:REMOTE IPv4 addresses");
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "file", "/nonexistent/options"), -1);
    CU_ASSERT_STRING_EQUAL(err, "file /nonexistent/options: cannot open");
    char path[64];
    CU_ASSERT_FATAL(temp_file("name \"unterminated\n", path, sizeof path) == 0);
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "file", path), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unterminated quote"));
    remove(path);
    /* A file naming itself: nesting is bounded, not endless. */
    char self[128];
    CU_ASSERT_FATAL(temp_file("debug\n", path, sizeof path) == 0);
    snprintf(self, sizeof self, "file %s\n", path);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(self, f);
    fclose(f);
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "file", path), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "nested deeper"));
    remove(path);
}

static void test_opts_passwordfd(void)
{
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    CU_ASSERT_FATAL(write(p[1], "cisco\n", 6) == 6);
    close(p[1]);
    char fd[16];
    snprintf(fd, sizeof fd, "%d", p[0]);
    struct standin_opts o;
    char err[200] = "";
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "passwordfd", fd), 0);
    close(p[0]);
    CU_ASSERT_TRUE(o.have_password);
    CU_ASSERT_STRING_EQUAL(o.password, "cisco");
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, "passwordfd", "x"), -1);
}

/* RFC 1994 §4.1 response for a secret. */
static void chap_response(uint8_t id, const char *secret, const uint8_t *ch, size_t ch_len,
                          uint8_t out[MD5_DIGEST_LEN])
{
    struct md5_part parts[] = {{&id, 1}, {secret, strlen(secret)}, {ch, ch_len}};
    CU_ASSERT_EQUAL(md5_parts(parts, 3, out), PROTO_OK);
}

static void test_secrets_chap(void)
{
    char path[64];
    CU_ASSERT_FATAL(temp_file("# client server secret addresses\n"
                              "2500-1  l2tp-gw  cisco  *\n"
                              "\"other user\" * \"two words\"\n"
                              "*       l2tp-gw  wild\n",
                              path, sizeof path) == 0);
    struct standin_secrets s;
    char err[200] = "";
    CU_ASSERT_EQUAL(standin_secrets_load(&s, path, err, sizeof err), 0);
    remove(path);
    CU_ASSERT_EQUAL(s.n, 3);
    CU_ASSERT_STRING_EQUAL(s.e[1].client, "other user");
    CU_ASSERT_STRING_EQUAL(s.e[1].secret, "two words");
    snprintf(s.our_name, sizeof s.our_name, "l2tp-gw");
    s.password = NULL;
    struct ppp_aaa aaa;
    standin_secrets_aaa(&s, &aaa);
    const uint8_t ch[16] = {0x5D, 0x0D, 0x00, 0x8C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    uint8_t resp[MD5_DIGEST_LEN];
    struct ppp_aaa_attrs attrs;
    /* The exact entry wins over the wildcard one. */
    chap_response(6, "cisco", ch, sizeof ch, resp);
    CU_ASSERT_EQUAL(aaa.chap_check(aaa.ctx, (const uint8_t *)"2500-1", 6, 6, ch, sizeof ch, resp,
                                   sizeof resp, &attrs),
                    PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(aaa.chap_check(aaa.ctx, (const uint8_t *)"2500-1", 6, 7, ch, sizeof ch, resp,
                                   sizeof resp, &attrs),
                    PPP_AAA_REJECT);   /* another Identifier */
    chap_response(6, "wild", ch, sizeof ch, resp);
    CU_ASSERT_EQUAL(aaa.chap_check(aaa.ctx, (const uint8_t *)"2500-1", 6, 6, ch, sizeof ch, resp,
                                   sizeof resp, &attrs),
                    PPP_AAA_REJECT);
    CU_ASSERT_EQUAL(aaa.chap_check(aaa.ctx, (const uint8_t *)"someone", 7, 6, ch, sizeof ch, resp,
                                   sizeof resp, &attrs),
                    PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(aaa.chap_check(aaa.ctx, (const uint8_t *)"someone", 7, 6, ch, sizeof ch, resp,
                                   8, &attrs),
                    PPP_AAA_REJECT);   /* not an MD5 digest */
    CU_ASSERT_EQUAL(aaa.pap_check(aaa.ctx, (const uint8_t *)"2500-1", 6,
                                  (const uint8_t *)"cisco", 5, &attrs),
                    PPP_AAA_ACCEPT);
    CU_ASSERT_EQUAL(aaa.pap_check(aaa.ctx, (const uint8_t *)"2500-1", 6,
                                  (const uint8_t *)"cisc", 4, &attrs),
                    PPP_AAA_REJECT);
    /* Client: our secret towards l2tp-gw, then a password given on the
     * command line instead. */
    uint8_t sec[64];
    size_t n = 0;
    CU_ASSERT_EQUAL(aaa.get_secret(aaa.ctx, "2500-1", (const uint8_t *)"l2tp-gw", 7, sec,
                                   sizeof sec, &n),
                    0);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(memcmp(sec, "cisco", 5), 0);
    CU_ASSERT_EQUAL(aaa.get_secret(aaa.ctx, "nobody", (const uint8_t *)"elsewhere", 9, sec,
                                   sizeof sec, &n),
                    -1);
    s.password = "given";
    CU_ASSERT_EQUAL(aaa.get_secret(aaa.ctx, "nobody", (const uint8_t *)"elsewhere", 9, sec,
                                   sizeof sec, &n),
                    0);
    CU_ASSERT_EQUAL(n, 5);
}

static void test_secrets_errors(void)
{
    struct standin_secrets s;
    char err[200] = "", path[64];
    CU_ASSERT_EQUAL(standin_secrets_load(&s, "/nonexistent/chap-secrets", err, sizeof err), 0);
    CU_ASSERT_EQUAL(s.n, 0);   /* pppd: no file, no secrets */
    CU_ASSERT_FATAL(temp_file("2500-1 l2tp-gw\n", path, sizeof path) == 0);
    CU_ASSERT_EQUAL(standin_secrets_load(&s, path, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, ":1: want: client server secret"));
    remove(path);
}

static void test_icmp(void)
{
    uint8_t p[84];
    const uint32_t user = 0x0A0A350Au, lns = 0x0A0A3501u;
    CU_ASSERT_EQUAL(standin_icmp_echo(p, sizeof p, user, lns, 0x1234, 7, sizeof p), sizeof p);
    CU_ASSERT_EQUAL(standin_icmp_echo(p, sizeof p, user, lns, 1, 1, 27), 0);   /* too short */
    uint16_t seq = 0;
    CU_ASSERT_FALSE(standin_icmp_is_reply(p, sizeof p, user, &seq));   /* a request */
    uint8_t q[84];
    memcpy(q, p, sizeof q);
    CU_ASSERT_EQUAL(standin_icmp_reply(q, sizeof q, user), 0);   /* not to that address */
    CU_ASSERT_EQUAL(standin_icmp_reply(q, sizeof q, lns), sizeof q);
    CU_ASSERT_TRUE(standin_icmp_is_reply(q, sizeof q, user, &seq));
    CU_ASSERT_EQUAL(seq, 7);
    CU_ASSERT_EQUAL(memcmp(q + 28, p + 28, sizeof p - 28), 0);   /* data echoed */
    q[40] ^= 1;   /* a damaged reply fails its ICMP checksum */
    CU_ASSERT_FALSE(standin_icmp_is_reply(q, sizeof q, user, &seq));
    CU_ASSERT_EQUAL(standin_icmp_reply(p, sizeof p - 1, lns), 0);   /* length disagrees */
}

void register_suites(void)
{
    static const CU_TestInfo opts[] = {
        {"xl2tpd LNS command line", test_opts_xl2tpd_lns},
        {"option file", test_opts_file},
        {"errors", test_opts_errors},
        {"passwordfd", test_opts_passwordfd},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo secrets[] = {
        {"chap and pap checks, client secret", test_secrets_chap},
        {"errors", test_secrets_errors},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo icmp[] = {
        {"echo and reply", test_icmp},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("pppd-standin options", opts);
    UNIT_SUITE("pppd-standin chap-secrets", secrets);
    UNIT_SUITE("pppd-standin icmp", icmp);
}
