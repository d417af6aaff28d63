/* l2tpdump over a capture: link header by linktype (pcap_link_header_len),
 * IPv4/UDP (net_headers), then the L2TP decode of each UDP/1701 payload. */
#include "l2tpdump_pcap.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <time.h>

#include "l2tp_const.h"
#include "l2tp_msg.h"
#include "l2tpdump_auth.h"
#include "net_headers.h"
#include "pcap_io.h"

struct sink {
    FILE *out;
};

static void print_line(void *ctx, const char *line)
{
    struct sink *s = ctx;
    fprintf(s->out, "%s\n", line);
}

/* out is flushed first so the error lands after the lines of earlier packets. */
static void report(FILE *out, FILE *errf, unsigned long n, const char *where,
                   const struct proto_error *e, const char *suffix)
{
    char text[256];
    fflush(out);
    fprintf(errf, "l2tpdump: packet %lu: %s%s%s\n", n, where,
            proto_error_format(e, text, sizeof text), suffix);
}

static bool is_l2tp(const struct net_udp_packet *p)
{
    return p->udp_src == L2TP_UDP_PORT || p->udp_dst == L2TP_UDP_PORT;
}

/* Whether a datagram that failed to decode still names port 1701, so it is
 * ours to report rather than unrelated traffic to skip. */
static bool ports_name_l2tp(const uint8_t *ip, size_t len)
{
    if (len < 1)
        return false;
    size_t hlen = (size_t)(ip[0] & 0x0F) * 4;
    if (hlen < 20 || len < hlen + 4)
        return true; /* cannot tell: report it */
    unsigned src = (unsigned)ip[hlen] << 8 | ip[hlen + 1];
    unsigned dst = (unsigned)ip[hlen + 2] << 8 | ip[hlen + 3];
    return src == L2TP_UDP_PORT || dst == L2TP_UDP_PORT;
}

static void format_addr(uint32_t ip, uint16_t port, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u.%u.%u.%u:%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255,
             port);
}

static const char *role(const struct l2tpdump_opts *o, const struct net_udp_packet *p)
{
    if (p->ip_src == o->lac_ip && p->ip_dst == o->lns_ip)
        return " LAC->LNS";
    if (p->ip_src == o->lns_ip && p->ip_dst == o->lac_ip)
        return " LNS->LAC";
    return "";
}

static void print_packet_line(FILE *out, unsigned long n, uint64_t ts_usec,
                              const struct net_udp_packet *p, const struct l2tpdump_opts *o)
{
    time_t sec = (time_t)(ts_usec / 1000000u);
    struct tm tm;
    char when[32] = "?";
    if (gmtime_r(&sec, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    char src[32], dst[32];
    format_addr(p->ip_src, p->udp_src, src, sizeof src);
    format_addr(p->ip_dst, p->udp_dst, dst, sizeof dst);
    fprintf(out, "packet %lu %s.%06u %s -> %s%s, %zu octets of L2TP\n", n, when,
            (unsigned)(ts_usec % 1000000u), src, dst, role(o, p), p->payload_len);
}

/* One record; returns false when it was reported bad. */
/* With a secret, says whether a Challenge Response answers the challenge
 * the other endpoint sent earlier in the capture. */
static void check_auth(struct l2tpdump_auth *auth, const struct net_udp_packet *p,
                       const struct l2tpdump_opts *o, FILE *out)
{
    if (!o->secret || p->payload_len == 0 || !(p->payload[0] & 0x80)) /* T bit */
        return;
    struct l2tp_msg m;
    struct l2tp_secret secret = {o->secret, o->secret_len};
    proto_status st = l2tp_msg_decode(p->payload, p->payload_len, &secret,
                                      o->strict ? L2TP_DECODE_STRICT : 0, &m, NULL);
    char line[160];
    if ((st == PROTO_OK || st == PROTO_EUNKNOWN_M) &&
        l2tpdump_auth_check(auth, &m, p->ip_src, p->ip_dst, o->secret, o->secret_len, line,
                            sizeof line))
        fprintf(out, "%s\n", line);
}

static bool one_record(const struct pcap_record *rec, int linktype, unsigned long n,
                       const struct l2tpdump_opts *o, FILE *out, FILE *errf,
                       struct l2tpdump_pcap_stats *stats, struct l2tpdump_auth *auth)
{
    struct proto_error e = {0};
    int l2 = pcap_link_header_len(linktype, rec->data, rec->caplen);
    if (l2 == PROTO_ETRUNC) {
        proto_fail(&e, PROTO_ETRUNC, rec->caplen, "link header", "linktype %d frame of %zu octets",
                   linktype, rec->caplen);
        report(out, errf, n, "frame ", &e, "");
        return false;
    }
    if (l2 < 0)
        return true; /* not IPv4 */
    const uint8_t *ip = rec->data + l2;
    size_t ip_len = rec->caplen - (size_t)l2;
    if (ip_len >= 10 && ip[0] >> 4 == 4 && ip[9] != IPV4_PROTO_UDP)
        return true; /* not UDP */

    struct net_udp_packet p;
    proto_status st = linktype == DLT_EN10MB ? net_udp_decode(rec->data, rec->caplen, &p, &e)
                                             : net_ipv4_udp_decode(ip, ip_len, (size_t)l2, &p, &e);
    if (st != PROTO_OK) {
        if (!ports_name_l2tp(ip, ip_len))
            return true;
        report(out, errf, n, "frame ", &e, "");
        return false;
    }
    if (!is_l2tp(&p))
        return true;

    stats->l2tp++;
    bool ok = true;
    print_packet_line(out, n, rec->ts_usec, &p, o);
    /* A stack would drop these; say so, and decode anyway to show what came. */
    if (!p.ip_checksum_ok) {
        proto_fail(&e, PROTO_EINVAL, (size_t)l2 + 10, "Header Checksum", "does not verify");
        report(out, errf, n, "frame ", &e, "");
        ok = false;
    }
    if (!p.udp_checksum_ok) {
        proto_fail(&e, PROTO_EINVAL, p.payload_offset - 2, "UDP Checksum", "does not verify");
        report(out, errf, n, "frame ", &e, "");
        ok = false;
    }
    struct sink s = {out};
    st = l2tpdump_decode(p.payload, p.payload_len, o, print_line, &s, &e);
    if (st != PROTO_OK) {
        char suffix[64];
        snprintf(suffix, sizeof suffix, " (L2TP message at frame offset %zu)", p.payload_offset);
        report(out, errf, n, "", &e, suffix);
        return false;
    }
    check_auth(auth, &p, o, out);
    return ok;
}

proto_status l2tpdump_pcap(const char *path, const struct l2tpdump_opts *o, FILE *out,
                           FILE *errf, struct l2tpdump_pcap_stats *stats,
                           struct proto_error *err)
{
    stats->records = stats->l2tp = stats->bad = 0;
    struct pcap_reader *r;
    int linktype;
    proto_status st = pcap_reader_open(path, &r, &linktype, err);
    if (st != PROTO_OK)
        return st;
    if (!pcap_linktype_supported(linktype)) {
        pcap_reader_close(r);
        const char *name = pcap_datalink_val_to_name(linktype);
        return proto_fail(err, PROTO_EINVAL, 0, "linktype", "%s: linktype %d (%s) not supported",
                          path, linktype, name ? name : "unknown");
    }
    struct l2tpdump_auth *auth = malloc(sizeof *auth);
    if (!auth) {
        pcap_reader_close(r);
        return proto_fail(err, PROTO_EIO, 0, "memory", "out of memory");
    }
    l2tpdump_auth_init(auth);
    struct pcap_record rec;
    int rc;
    while ((rc = pcap_reader_next(r, &rec, err)) > 0) {
        stats->records++;
        if (!one_record(&rec, linktype, stats->records, o, out, errf, stats, auth))
            stats->bad++;
    }
    free(auth);
    pcap_reader_close(r);
    return rc < 0 ? (proto_status)rc : PROTO_OK;
}
