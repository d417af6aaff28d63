/* l2tpd's command line and command words: l2tpd_options_parse (every
 * refusal names the option) and l2tpd_tokenize (quoted words, the \" escape
 * the seed's CHAP lines need, comments). */
#include <string.h>

#include "l2tpd.h"
#include "unit.h"

static int parse(struct l2tpd_options *o, char *err, size_t cap, int argc, const char **argv)
{
    return l2tpd_options_parse(argc, (char **)argv, o, err, cap);
}

static void test_options_ok(void)
{
    struct l2tpd_options o;
    char err[200];
    const char *argv[] = {"l2tpd", "-c", "lac.conf", "-o", "address=10.0.0.1", "-o",
                          "magic=0x1", "-c", "lns.conf", "--card", "model", "--clock", "wall",
                          "--quiet", "--channels", "4", "--sessions", "64", "--script", "s"};
    CU_ASSERT_EQUAL_FATAL(parse(&o, err, sizeof err, 20, argv), 0);
    CU_ASSERT_EQUAL(o.n_inst, 2);
    CU_ASSERT_STRING_EQUAL(o.inst[0].file, "lac.conf");
    CU_ASSERT_EQUAL(o.inst[0].n_keyval, 2);
    CU_ASSERT_STRING_EQUAL(o.inst[0].keyval[1], "magic=0x1");
    CU_ASSERT_EQUAL(o.inst[1].n_keyval, 0);
    CU_ASSERT_STRING_EQUAL(o.card, "model");
    CU_ASSERT_STRING_EQUAL(o.clock, "wall");
    CU_ASSERT(o.quiet);
    CU_ASSERT_EQUAL(o.channels, 4);
    CU_ASSERT_EQUAL(o.sessions, 64);
    CU_ASSERT_STRING_EQUAL(o.script, "s");
}

static void test_options_refused(void)
{
    struct l2tpd_options o;
    char err[200];
    const char *none[] = {"l2tpd"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 1, none), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "give -c FILE"));
    const char *o_first[] = {"l2tpd", "-o", "address=1.2.3.4"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 3, o_first), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "-o address=1.2.3.4: give -c FILE first"));
    const char *no_eq[] = {"l2tpd", "-c", "a", "-o", "address"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 5, no_eq), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "KEY=VALUE"));
    const char *three[] = {"l2tpd", "-c", "a", "-c", "b", "-c", "c"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 7, three), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "at most 2 instances"));
    const char *clock[] = {"l2tpd", "-c", "a", "--clock", "fast"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 5, clock), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "--clock fast"));
    const char *chans[] = {"l2tpd", "-c", "a", "--channels", "0"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 5, chans), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "--channels 0"));
    const char *missing[] = {"l2tpd", "-c"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 2, missing), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "missing value"));
    const char *unknown[] = {"l2tpd", "-c", "a", "--frob", "x"};
    CU_ASSERT_EQUAL(parse(&o, err, sizeof err, 5, unknown), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "--frob: unknown option"));
}

static void test_tokenize(void)
{
    char line[] = "expect log hgw \"Se0:0 CHAP: O CHALLENGE id 6 len 27 from \\\"5300-1\\\"\"";
    char *argv[8];
    CU_ASSERT_EQUAL_FATAL(l2tpd_tokenize(line, argv, 8), 4);
    CU_ASSERT_STRING_EQUAL(argv[2], "hgw");
    CU_ASSERT_STRING_EQUAL(argv[3], "Se0:0 CHAP: O CHALLENGE id 6 len 27 from \"5300-1\"");
    char two[] = "  debug \"l2tp event\"\toff   # a comment";
    CU_ASSERT_EQUAL_FATAL(l2tpd_tokenize(two, argv, 8), 3);
    CU_ASSERT_STRING_EQUAL(argv[1], "l2tp event");
    CU_ASSERT_STRING_EQUAL(argv[2], "off");
    char open_quote[] = "echo \"unterminated";
    CU_ASSERT_EQUAL_FATAL(l2tpd_tokenize(open_quote, argv, 8), 2);
    CU_ASSERT_STRING_EQUAL(argv[1], "unterminated");
    char many[] = "a b c d";
    CU_ASSERT_EQUAL(l2tpd_tokenize(many, argv, 2), 2);
    char empty[] = "   # only a comment";
    CU_ASSERT_EQUAL(l2tpd_tokenize(empty, argv, 8), 0);
}

void register_suites(void)
{
    static CU_TestInfo tests[] = {
        {"options accepted", test_options_ok},
        {"options refused with the reason", test_options_refused},
        {"command words", test_tokenize},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tpd command line", tests);
}
