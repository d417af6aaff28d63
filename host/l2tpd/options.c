/* The command line of l2tpd. `-c FILE` starts an instance (at most two: a
 * LAC and an LNS in one process over the in-memory wire); `-o KEY=VALUE`
 * after it sets that instance's options (instance.c lists the keys). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tpd.h"

int l2tpd_parse_ipv4(const char *s, uint32_t *out)
{
    unsigned a, b, c, e;
    char tail;
    if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &e, &tail) != 4 || a > 255 || b > 255 ||
        c > 255 || e > 255)
        return -1;
    *out = a << 24 | b << 16 | c << 8 | e;
    return 0;
}

void l2tpd_usage(FILE *f)
{
    fprintf(f,
            "usage: l2tpd -c FILE [-o KEY=VALUE]... [-c FILE2 [-o KEY=VALUE]...]\n"
            "             [--card SPEC] [--clock virtual|wall] [--socket PATH]\n"
            "             [--script FILE] [--pcap FILE] [--log-dir DIR] [--quiet]\n"
            "             [--channels N] [--sessions N]\n"
            "  -c FILE        a router's config (host/config/CONFIG.md); a second -c runs\n"
            "                 a second router in this process over the in-memory wire\n"
            "  -o KEY=VALUE   for the last -c: address=A.B.C.D (NET address), ipcp-address,\n"
            "                 tunnel-id-start, session-id-start, lcp-first-id, chap-first-id,\n"
            "                 ipcp-first-id, magic, first-vaccess, lns-chap-first-id,\n"
            "                 random-prefix=HEX (first random octets: the seed's CHAP challenge);\n"
            "                 wire tap: prefix-len=N (default 24), gateway=A.B.C.D, mac=XX:..:XX;\n"
            "                 card=SPEC (this router's card, over --card and the config)\n"
            "  --card SPEC    card for every instance: rtl, model (simulated; model:n_ch=N,\n"
            "                 sess_aw=N sizes it), soft\n"
            "  --channels N   ACCESS channels (users) per card, 1..4096 (model/rtl: at most\n"
            "                 the card's N_CH); --sessions N: the soft card's table depth\n"
            "  --script FILE  run a scenario (tests/scenarios/*.scn), exit 0 if all passed\n"
            "  --socket PATH  serve l2tpctl on this Unix socket\n");
}

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int l2tpd_options_parse(int argc, char **argv, struct l2tpd_options *o, char *err, size_t cap)
{
    memset(o, 0, sizeof *o);
    o->channels = 8;
    o->sessions = 4096;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_arg = i + 1 < argc;
        const char *v = has_arg ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            snprintf(err, cap, "help");
            return -1;
        }
        if (!strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        if (!has_arg) {
            snprintf(err, cap, "%s: unknown option or missing value", a);
            return -1;
        }
        i++;
        if (!strcmp(a, "-c")) {
            if (o->n_inst == L2TPD_INSTANCES_MAX) {
                snprintf(err, cap, "-c %s: at most %d instances", v, L2TPD_INSTANCES_MAX);
                return -1;
            }
            o->inst[o->n_inst++].file = v;
        } else if (!strcmp(a, "-o")) {
            if (o->n_inst == 0) {
                snprintf(err, cap, "-o %s: give -c FILE first", v);
                return -1;
            }
            struct l2tpd_inst_opts *io = &o->inst[o->n_inst - 1];
            if (!strncmp(v, "card=", 5) && v[5]) {
                io->card = v + 5;   /* this router's card: a LAC on soft, an LNS on model */
                continue;
            }
            if (io->n_keyval == L2TPD_OPTS_MAX || !strchr(v, '=') ||
                strlen(v) >= sizeof io->keyval[0]) {
                snprintf(err, cap, "-o %s: expected KEY=VALUE (at most %d)", v, L2TPD_OPTS_MAX);
                return -1;
            }
            snprintf(io->keyval[io->n_keyval++], sizeof io->keyval[0], "%s", v);
        } else if (!strcmp(a, "--card")) {
            o->card = v;
        } else if (!strcmp(a, "--clock")) {
            if (strcmp(v, "virtual") && strcmp(v, "wall")) {
                snprintf(err, cap, "--clock %s: expected virtual or wall", v);
                return -1;
            }
            o->clock = v;
        } else if (!strcmp(a, "--socket")) {
            o->socket_path = v;
        } else if (!strcmp(a, "--script")) {
            o->script = v;
        } else if (!strcmp(a, "--pcap")) {
            o->pcap = v;
        } else if (!strcmp(a, "--log-dir")) {
            o->log_dir = v;
        } else if (!strcmp(a, "--channels")) {
            if (parse_uint(v, 1, L2TPD_CHANNELS_MAX, &o->channels)) {
                snprintf(err, cap, "--channels %s: expected 1..%d", v, L2TPD_CHANNELS_MAX);
                return -1;
            }
        } else if (!strcmp(a, "--sessions")) {
            if (parse_uint(v, 2, 65536, &o->sessions)) {
                snprintf(err, cap, "--sessions %s: expected 2..65536", v);
                return -1;
            }
        } else {
            snprintf(err, cap, "%s: unknown option", a);
            return -1;
        }
    }
    if (o->n_inst == 0) {
        snprintf(err, cap, "no config: give -c FILE");
        return -1;
    }
    return 0;
}
