/* host/config: every kind of bad config gives its error naming file, line
 * and key; nothing crashes on mangled input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "unit.h"

#define G "[global]\nrole = lac\nhostname = h\n"   /* lines 1-3 */

struct bad {
    const char *text;
    enum config_errkind kind;
    unsigned line;
    const char *key;
};

static const struct bad cases[] = {
    /* unknown key / section */
    {G "colour = blue\n", CONFIG_E_UNKNOWN_KEY, 4, "colour"},
    {G "[tunnel]\nsecret = x\n", CONFIG_E_UNKNOWN_KEY, 5, "secret"},
    {G "[bogus]\n", CONFIG_E_UNKNOWN_SECTION, 4, "[bogus]"},
    /* syntax */
    {G "role lac\n", CONFIG_E_SYNTAX, 4, ""},
    {"role = lac\n", CONFIG_E_SYNTAX, 1, "role"},
    {G "[user\n", CONFIG_E_SYNTAX, 4, "[user"},
    {G "[user]\n", CONFIG_E_SYNTAX, 4, "[user]"},
    {G "[tunnel x]\n", CONFIG_E_SYNTAX, 4, "[tunnel x]"},
    /* bad values */
    {"[global]\nrole = router\nhostname = h\n", CONFIG_E_BAD_VALUE, 2, "role"},
    {G "card = fpga\n", CONFIG_E_BAD_VALUE, 4, "card"},
    {G "card = pci:\n", CONFIG_E_BAD_VALUE, 4, "card"},
    {G "card = pci:03:00.9\n", CONFIG_E_BAD_VALUE, 4, "card"},
    {G "card = pci:bus0\n", CONFIG_E_BAD_VALUE, 4, "card"},
    {G "wire = serial\n", CONFIG_E_BAD_VALUE, 4, "wire"},
    {G "wire = tap \n", CONFIG_E_BAD_VALUE, 4, "wire"},
    {G "clock = atomic\n", CONFIG_E_BAD_VALUE, 4, "clock"},
    {G "debug = l2tp everything\n", CONFIG_E_BAD_VALUE, 4, "debug"},
    {G "ppp-name = two words\n", CONFIG_E_BAD_VALUE, 4, "ppp-name"},
    {G "ppp-name =\n", CONFIG_E_BAD_VALUE, 4, "ppp-name"},
    {G "ppp-name = 0123456789012345678901234567890123456789012345678901234567890123\n",
     CONFIG_E_BAD_VALUE, 4, "ppp-name"},
    {G "[tunnel]\nhidden-avps = maybe\n", CONFIG_E_BAD_VALUE, 5, "hidden-avps"},
    {G "[tunnel]\nhello-interval = 10x\n", CONFIG_E_BAD_VALUE, 5, "hello-interval"},
    {G "[tunnel]\nreceive-window = -1\n", CONFIG_E_BAD_VALUE, 5, "receive-window"},
    {G "[aaa]\nmethod = tacacs\n", CONFIG_E_BAD_VALUE, 5, "method"},
    {G "[aaa]\nmethod = local local\n", CONFIG_E_BAD_VALUE, 5, "method"},
    {G "[aaa]\ndefault-pool = nope\n", CONFIG_E_BAD_VALUE, 5, "default-pool"},
    {G "[vpdn tel:614629]\nlns = 1.2.3.4\n", CONFIG_E_BAD_VALUE, 4, "[vpdn tel:614629]"},
    {G "[vpdn dnis:1]\ntunnel-type = l2f\nlns = 1.2.3.4\n", CONFIG_E_BAD_VALUE, 5, "tunnel-type"},
    {G "[vpdn dnis:1]\nlns = 1.2.3.4 prio 2\n", CONFIG_E_BAD_VALUE, 5, "lns"},
    {G "[vpdn dnis:1]\nlns = 1.2.3.4 priority\n", CONFIG_E_BAD_VALUE, 5, "lns"},
    {G "[pool p]\nrange = 1.2.3.4\n", CONFIG_E_BAD_VALUE, 5, "range"},
    {G "[vpdn dnis:1]\nlns = 1.2.3.4\nbusy-disconnect = sometimes\n", CONFIG_E_BAD_VALUE, 6,
     "busy-disconnect"},
    {G "[user u]\nsecret = s\nauth = mschap\n", CONFIG_E_BAD_VALUE, 6, "auth"},
    {G "[user u]\nsecret = s\npool = nope\n", CONFIG_E_BAD_VALUE, 6, "pool"},
    {G "[user u]\nsecret = s\nallow-negotiated-address = perhaps\n", CONFIG_E_BAD_VALUE, 6,
     "allow-negotiated-address"},
    {G "[peer p]\nsecret = 01234567890123456789012345678901234567890123456789012345678901234\n",
     CONFIG_E_BAD_VALUE, 5, "secret"},
    /* duplicates */
    {G "hostname = again\n", CONFIG_E_DUPLICATE, 4, "hostname"},
    {G "[global]\n", CONFIG_E_DUPLICATE, 4, "[global]"},
    {G "[peer a]\nsecret = x\n[peer a]\nsecret = y\n", CONFIG_E_DUPLICATE, 6, "[peer a]"},
    {G "[user a]\nsecret = x\n[user a]\nsecret = y\n", CONFIG_E_DUPLICATE, 6, "[user a]"},
    {G "[pool a]\nrange = 1.1.1.1 1.1.1.2\n[pool a]\n", CONFIG_E_DUPLICATE, 6, "[pool a]"},
    {G "[vpdn dnis:1]\nlns = 1.1.1.1\n[vpdn dnis:1]\n", CONFIG_E_DUPLICATE, 6, "[vpdn dnis:1]"},
    {G "[vpdn dnis:1]\nlns = 1.1.1.1\nlns = 1.1.1.1 priority 2\n", CONFIG_E_DUPLICATE, 6, "lns"},
    {G "[user a]\nsecret = x\nsecret = y\n", CONFIG_E_DUPLICATE, 6, "secret"},
    /* missing required keys */
    {"[global]\nhostname = h\n", CONFIG_E_MISSING, 1, "role"},
    {"[global]\nrole = lns\n", CONFIG_E_MISSING, 1, "hostname"},
    {"# nothing\n", CONFIG_E_MISSING, 0, "role"},
    {"", CONFIG_E_MISSING, 0, "role"},
    {G "[peer hgw]\n[tunnel]\n", CONFIG_E_MISSING, 4, "secret"},
    {G "[vpdn dnis:614629]\npassword = hello\n", CONFIG_E_MISSING, 4, "lns"},
    {G "[pool p]\n", CONFIG_E_MISSING, 4, "range"},
    {G "[user u]\nframed-ip = 1.2.3.4\n", CONFIG_E_MISSING, 4, "secret"},
    /* out of range */
    {G "[tunnel]\nreceive-window = 0\n", CONFIG_E_RANGE, 5, "receive-window"},
    {G "[tunnel]\nreceive-window = 65536\n", CONFIG_E_RANGE, 5, "receive-window"},
    {G "[tunnel]\nreceive-window = 99999999999999999999999\n", CONFIG_E_RANGE, 5,
     "receive-window"},
    {G "[tunnel]\nhello-interval = 3601\n", CONFIG_E_RANGE, 5, "hello-interval"},
    {G "[tunnel]\nhello-interval = 99999999999999999999s\n", CONFIG_E_RANGE, 5, "hello-interval"},
    {G "[tunnel]\nretransmit-initial = 5ms\n", CONFIG_E_RANGE, 5, "retransmit-initial"},
    {G "[tunnel]\nretransmit-retries = 0\n", CONFIG_E_RANGE, 5, "retransmit-retries"},
    {G "[tunnel]\nsession-limit = 65536\n", CONFIG_E_RANGE, 5, "session-limit"},
    {G "[tunnel]\nshutdown-lac = 2h\n", CONFIG_E_BAD_VALUE, 5, "shutdown-lac"},
    {G "[tunnel]\nshutdown-lns = 3601s\n", CONFIG_E_RANGE, 5, "shutdown-lns"},
    {G "[tunnel]\nretransmit-initial = 4s\nretransmit-max = 2s\n", CONFIG_E_RANGE, 4,
     "retransmit-max"},
    {G "[vpdn dnis:1]\nlns = 1.2.3.4 priority 0\n", CONFIG_E_RANGE, 5, "lns"},
    {G "[vpdn dnis:1]\nlns = 1.2.3.4 priority 65536\n", CONFIG_E_RANGE, 5, "lns"},
    {G "[pool p]\nrange = 10.0.0.9 10.0.0.1\n", CONFIG_E_RANGE, 5, "range"},
    {G "[pool p]\nrange = 10.0.0.0 10.1.0.0\n", CONFIG_E_RANGE, 5, "range"},
    {G "wire = udp 127.0.0.1:0\n", CONFIG_E_RANGE, 4, "wire"},
    {G "wire = udp 127.0.0.1:65536\n", CONFIG_E_RANGE, 4, "wire"},
    /* bad addresses */
    {G "wire = udp 127.0.0:1701\n", CONFIG_E_ADDRESS, 4, "wire"},
    {G "wire = udp localhost\n", CONFIG_E_ADDRESS, 4, "wire"},
    {G "[vpdn dnis:1]\nlns = 10.51.6\n", CONFIG_E_ADDRESS, 5, "lns"},
    {G "[vpdn dnis:1]\nlns = 10.51.6.256 priority 1\n", CONFIG_E_ADDRESS, 5, "lns"},
    {G "[pool p]\nrange = 10.0.0.1 10.0.0.x\n", CONFIG_E_ADDRESS, 5, "range"},
    {G "[user u]\nsecret = s\nframed-ip = 010.0.0.1.\n", CONFIG_E_ADDRESS, 6, "framed-ip"},
    {G "[user u]\nsecret = s\ndns = 1.1.1.1 ::1\n", CONFIG_E_ADDRESS, 6, "dns"},
};

static void test_every_kind(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bad *b = &cases[i];
        struct l2tpd_config c;
        struct config_error e;
        proto_status st = config_parse("bad.conf", b->text, strlen(b->text), &c, &e);
        bool ok = st != PROTO_OK && e.kind == b->kind && e.line == b->line &&
                  strcmp(e.key, b->key) == 0 && strcmp(e.file, "bad.conf") == 0 && e.detail[0];
        if (!ok) {
            char line[400];
            fprintf(stderr, "case %zu: want %s line %u key '%s'; got %s\n", i,
                    config_errkind_name(b->kind), b->line, b->key,
                    st == PROTO_OK ? "success" : config_error_format(&e, line, sizeof line));
        }
        CU_ASSERT_TRUE(ok);
        /* A failed parse leaves nothing to free. */
        CU_ASSERT_PTR_NULL(c.users);
        CU_ASSERT_EQUAL(c.n_peers + c.n_vpdns + c.n_pools + c.n_users, 0);
    }
}

static void test_format_names_file_line_key(void)
{
    static const char text[] = G "[tunnel]\nreceive-window = 0\n";
    struct l2tpd_config c;
    struct config_error e;
    char line[400];
    CU_ASSERT_EQUAL(config_parse("lns.conf", text, sizeof text - 1, &c, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(config_error_format(&e, line, sizeof line),
                           "lns.conf:5: receive-window: out of range: 0 is not in 1..65535");
    static const char none[] = "";
    CU_ASSERT_EQUAL(config_parse("empty.conf", none, 0, &c, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(config_error_format(&e, line, sizeof line),
                           "empty.conf: role: missing required key: no [global] section with "
                           "role and hostname");
}

/* Through a real file: the error carries its path. */
static void test_file_errors(void)
{
    struct l2tpd_config c;
    struct config_error e;
    char line[400];
    CU_ASSERT_EQUAL(config_load("tests/config/does-not-exist.conf", &c, &e), PROTO_EIO);
    CU_ASSERT_EQUAL(e.kind, CONFIG_E_IO);
    CU_ASSERT_STRING_EQUAL(e.file, "tests/config/does-not-exist.conf");
    CU_ASSERT_PTR_NOT_NULL(strstr(config_error_format(&e, line, sizeof line),
                                  "tests/config/does-not-exist.conf: cannot read: cannot open"));

    char path[] = "/tmp/test_config_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    static const char text[] = G "[vpdn dnis:614629]\nlns = 10.51.6.82 priority one\n";
    CU_ASSERT_FATAL(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
    close(fd);
    CU_ASSERT_EQUAL(config_load(path, &c, &e), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(e.file, path);
    CU_ASSERT_EQUAL(e.line, 5);
    CU_ASSERT_STRING_EQUAL(e.key, "lns");
    CU_ASSERT_EQUAL(e.kind, CONFIG_E_BAD_VALUE);
    unlink(path);
}

static void test_long_line_and_nul(void)
{
    char text[1200];
    snprintf(text, sizeof text, G "ppp-name = %0900d\n", 7);
    struct l2tpd_config c;
    struct config_error e;
    CU_ASSERT_EQUAL(config_parse("long.conf", text, strlen(text), &c, &e), PROTO_EINVAL);
    CU_ASSERT_EQUAL(e.kind, CONFIG_E_SYNTAX);
    CU_ASSERT_EQUAL(e.line, 4);
    static const char nul[] = G "ppp-name = a\0b\n";
    CU_ASSERT_EQUAL(config_parse("nul.conf", nul, sizeof nul - 1, &c, &e), PROTO_EINVAL);
    CU_ASSERT_EQUAL(e.kind, CONFIG_E_SYNTAX);
    CU_ASSERT_EQUAL(e.line, 4);
}

/* Random damage to a good file: every outcome is success or an error with
 * a file name and detail, never a crash (ASan/UBSan run this too). */
static void test_mangled_input(void)
{
    FILE *f = fopen("tests/config/both.conf", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char orig[8192];
    size_t n = fread(orig, 1, sizeof orig, f);
    fclose(f);
    CU_ASSERT_FATAL(n > 0 && n < sizeof orig);
    static const char alphabet[] = "[]=# \n\t0123456789.:abz@*-";
    uint32_t rng = 12345;
    unsigned ok = 0, failed = 0;
    for (int round = 0; round < 3000; round++) {
        char buf[8192];
        memcpy(buf, orig, n);
        size_t len = n;
        for (int k = 0; k < 1 + round % 4; k++) {
            rng = rng * 1103515245u + 12345u;
            size_t pos = (rng >> 8) % len;
            rng = rng * 1103515245u + 12345u;
            switch ((rng >> 16) % 3) {
            case 0: buf[pos] = alphabet[(rng >> 4) % (sizeof alphabet - 1)]; break;
            case 1: len = pos + 1; break;                      /* truncate */
            default: buf[pos] = (char)(rng >> 20); break;      /* any octet */
            }
        }
        struct l2tpd_config c;
        struct config_error e;
        if (config_parse("fuzz.conf", buf, len, &c, &e) == PROTO_OK) {
            ok++;
            config_free(&c);
        } else {
            failed++;
            CU_ASSERT_TRUE(e.kind != CONFIG_E_NONE && e.detail[0] &&
                           strcmp(e.file, "fuzz.conf") == 0);
        }
    }
    CU_ASSERT_TRUE(failed > 0);
    CU_ASSERT_EQUAL(ok + failed, 3000);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every error kind names file, line and key", test_every_kind},
        {"formatted error", test_format_names_file_line_key},
        {"file errors carry the path", test_file_errors},
        {"over-long line, NUL octet", test_long_line_and_nul},
        {"mangled input never crashes", test_mangled_input},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("config errors", tests);
}
