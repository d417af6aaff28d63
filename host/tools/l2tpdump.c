/* l2tpdump: decodes L2TPv2 (RFC 2661) messages, given as hex or read from a
 * pcap file, into lines in the debug wording of Cisco's "L2TP Tunnel Setup
 * and Teardown" (document 23980); and builds pcap files from hex messages.
 *
 * Exit status: 0 all decoded, 1 malformed input or unreadable file (one
 * line per problem on stderr), 2 usage error. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexbytes.h"
#include "l2tpdump_decode.h"
#include "l2tpdump_pcap.h"
#include "l2tpdump_write.h"
#include "net_const.h"

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

/* The seed's LAC and LNS (its RADIUS "ip-addresses" and NAS-IP attributes). */
#define DEFAULT_LAC "10.51.6.68"
#define DEFAULT_LNS "10.51.6.82"

static const char usage_text[] =
    "usage: l2tpdump [--secret S] [--strict] --hex 'C8 02 00 0C ...' [--hex ...]\n"
    "       l2tpdump [--secret S] [--strict] [--lac IP] [--lns IP] FILE.pcap\n"
    "       l2tpdump --write-pcap OUT.pcap [--lac IP] [--lns IP]\n"
    "                [--dir LAC->LNS|LNS->LAC] --hex '...' [[--dir ...] --hex '...' ...]\n"
    "  --secret S     tunnel secret: reveals hidden AVPs (RFC 2661 4.3)\n"
    "  --strict       reject reserved header bits set\n"
    "  --hex H        one L2TP message (UDP payload) in hex; may repeat\n"
    "  --write-pcap F write the --hex messages to F in Ethernet/IPv4/UDP 1701\n"
    "                 instead of decoding them\n"
    "  --dir D        direction of the following --hex messages (default LAC->LNS)\n"
    "  --lac IP, --lns IP  LAC and LNS addresses: written by --write-pcap, and\n"
    "                 labelled when reading (default " DEFAULT_LAC ", " DEFAULT_LNS ")\n"
    "With --secret, a capture's Challenge Responses are checked against the\n"
    "Challenges the other end sent (RFC 2661 4.2, 5.1.1).\n";

static int usage(const char *why)
{
    if (why)
        fprintf(stderr, "l2tpdump: %s\n", why);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

static void print_line(void *ctx, const char *line)
{
    fprintf(ctx, "%s\n", line);
}

/* File errors have no offset worth printing; decode errors lead with theirs. */
static const char *error_text(const struct proto_error *e, char *buf, size_t cap)
{
    if (e->status == PROTO_EIO || (e->field && strcmp(e->field, "linktype") == 0)) {
        snprintf(buf, cap, "%s", e->detail);
        return buf;
    }
    return proto_error_format(e, buf, cap);
}

static int parse_ip(const char *text, uint32_t *ip)
{
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) != 1)
        return -1;
    *ip = ntohl(a.s_addr);
    return 0;
}

struct args {
    struct l2tpdump_opts opts;
    struct l2tpdump_wmsg *msgs;
    size_t n_msgs;
    const char *pcap_in;
    const char *pcap_out;
    uint32_t lac_ip, lns_ip;
};

static int decode_hex(const struct args *a)
{
    int status = 0;
    uint8_t *buf = malloc(IPV4_MAX_TOTAL_LEN);
    if (!buf) {
        fprintf(stderr, "l2tpdump: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    for (size_t i = 0; i < a->n_msgs; i++) {
        char text[256];
        /* Name the message only when there are several. */
        char which[32] = "";
        if (a->n_msgs > 1)
            snprintf(which, sizeof which, " #%zu", i + 1);
        struct proto_error e = {0};
        size_t len;
        if (hex_parse(a->msgs[i].hex, buf, IPV4_MAX_TOTAL_LEN, &len, &e) != PROTO_OK) {
            fprintf(stderr, "l2tpdump: --hex%s: %s\n", which, proto_error_format(&e, text,
                                                                                   sizeof text));
            status = EXIT_BAD_INPUT;
            continue;
        }
        if (l2tpdump_decode(buf, len, &a->opts, print_line, stdout, &e) != PROTO_OK) {
            fflush(stdout);
            fprintf(stderr, "l2tpdump: L2TP message%s: %s\n", which,
                    proto_error_format(&e, text, sizeof text));
            status = EXIT_BAD_INPUT;
        }
    }
    free(buf);
    return status;
}

static int decode_pcap(const struct args *a)
{
    struct l2tpdump_pcap_stats stats;
    struct proto_error e = {0};
    char text[256];
    fflush(stdout);
    if (l2tpdump_pcap(a->pcap_in, &a->opts, stdout, stderr, &stats, &e) != PROTO_OK) {
        fflush(stdout);
        fprintf(stderr, "l2tpdump: %s\n", error_text(&e, text, sizeof text));
        return EXIT_BAD_INPUT;
    }
    printf("%s: %lu records, %lu L2TP datagrams, %lu bad\n", a->pcap_in, stats.records,
           stats.l2tp, stats.bad);
    return stats.bad ? EXIT_BAD_INPUT : 0;
}

static int write_pcap(const struct args *a)
{
    size_t bad = 0;
    struct proto_error e = {0};
    char text[256];
    if (l2tpdump_write_pcap(a->pcap_out, a->msgs, a->n_msgs, a->lac_ip, a->lns_ip, &bad, &e) !=
        PROTO_OK) {
        if (e.status == PROTO_EIO)
            fprintf(stderr, "l2tpdump: %s\n", error_text(&e, text, sizeof text));
        else
            fprintf(stderr, "l2tpdump: --hex #%zu: %s\n", bad + 1,
                    proto_error_format(&e, text, sizeof text));
        return EXIT_BAD_INPUT;
    }
    printf("%s: %zu packets\n", a->pcap_out, a->n_msgs);
    return 0;
}

int main(int argc, char **argv)
{
    enum { OPT_SECRET = 256, OPT_STRICT, OPT_HEX, OPT_WRITE, OPT_DIR, OPT_LAC, OPT_LNS };
    static const struct option longopts[] = {
        {"secret", required_argument, NULL, OPT_SECRET},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"hex", required_argument, NULL, OPT_HEX},
        {"write-pcap", required_argument, NULL, OPT_WRITE},
        {"dir", required_argument, NULL, OPT_DIR},
        {"lac", required_argument, NULL, OPT_LAC},
        {"lns", required_argument, NULL, OPT_LNS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct args a;
    memset(&a, 0, sizeof a);
    a.opts.dir = "I";
    parse_ip(DEFAULT_LAC, &a.lac_ip);
    parse_ip(DEFAULT_LNS, &a.lns_ip);
    a.msgs = calloc((size_t)argc, sizeof *a.msgs); /* at most one per argument */
    if (!a.msgs)
        return EXIT_BAD_INPUT;
    bool from_lns = false;
    int c, rc;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SECRET:
            a.opts.secret = (const uint8_t *)optarg;
            a.opts.secret_len = strlen(optarg);
            break;
        case OPT_STRICT:
            a.opts.strict = true;
            break;
        case OPT_HEX:
            a.msgs[a.n_msgs].hex = optarg;
            a.msgs[a.n_msgs].from_lns = from_lns;
            a.n_msgs++;
            break;
        case OPT_WRITE:
            a.pcap_out = optarg;
            break;
        case OPT_DIR:
            if (strcmp(optarg, "LAC->LNS") == 0)
                from_lns = false;
            else if (strcmp(optarg, "LNS->LAC") == 0)
                from_lns = true;
            else
                return free(a.msgs), usage("--dir takes LAC->LNS or LNS->LAC");
            break;
        case OPT_LAC:
        case OPT_LNS:
            if (parse_ip(optarg, c == OPT_LAC ? &a.lac_ip : &a.lns_ip) != 0)
                return free(a.msgs), usage("--lac/--lns take a dotted IPv4 address");
            break;
        case 'h':
            free(a.msgs);
            fputs(usage_text, stdout);
            return 0;
        default:
            return free(a.msgs), usage(NULL);
        }
    }
    a.opts.lac_ip = a.lac_ip;
    a.opts.lns_ip = a.lns_ip;
    if (optind < argc)
        a.pcap_in = argv[optind++];
    if (optind < argc)
        rc = usage("one pcap file at a time");
    else if (a.pcap_in && (a.n_msgs || a.pcap_out))
        rc = usage("a pcap file to read cannot be combined with --hex or --write-pcap");
    else if (a.pcap_out && !a.n_msgs)
        rc = usage("--write-pcap needs at least one --hex");
    else if (a.pcap_out)
        rc = write_pcap(&a);
    else if (a.pcap_in)
        rc = decode_pcap(&a);
    else if (a.n_msgs)
        rc = decode_hex(&a);
    else
        rc = usage("nothing to decode: give --hex or a pcap file");
    free(a.msgs);
    return rc;
}
