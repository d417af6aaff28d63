/* The software reference cardsim's outputs are held to (make cardsim-check,
 * tests/cardsim/cardsim-check.sh), built only from host/proto: the L2TP
 * data header (l2tp_header_encode), Ethernet/IPv4/UDP (net_udp_encode) and
 * RFC 1662 framing (hdlc_encode), with the encapsulation choices of
 * hw/ARCHITECTURE.md ("Encapsulation choices"). The session parameters come
 * from the same table files cardsim programs, so the two cannot drift.
 *
 *   cardsim_ref gen LAC.table LNS.table PPP.txt OUTDIR [share]
 *     up.pcap        the user's frames as the LAC card must send them (and
 *                    the LNS card's NET input)
 *     down.pcap      the LNS's frames as the LNS card must send them (and
 *                    the LAC card's NET input)
 *     lac-ch0.in     the user's frames HDLC-framed (LAC ACCESS input)
 *     lac-ch0.expected  the LNS's frames HDLC-framed as the LAC card must
 *                    send them on the session's channel ("share": flags
 *                    shared between back-to-back frames, RFC 1662 §3.1)
 *     lns-inject.txt the LNS's frames as host inject lines for its session
 *     lns-punt.expected.pcap  the user's PPP frames punted to the LNS host
 *     lac-pre-ch0.in, lac-pre-inject.txt, lac-pre-ch0.expected,
 *     lac-pre-punt.expected.pcap  the same before the tunnel (pre-up and
 *                    pre-down frames): the user's punted from the unbound
 *                    channel, the LAC host's injected for it and framed
 *   cardsim_ref ctl SEED-PACKETS.txt LAC.table LNS.table OUTDIR
 *     ctl.pcap       the seed's control messages between the two cards
 *     ctl-lac-punt.expected.pcap, ctl-lns-punt.expected.pcap  what each
 *                    card punts of them (all, whole: reason 1 or 4)
 *   cardsim_ref cmp-pcap GOT EXPECTED     frame by frame, time stamps aside
 *   cardsim_ref cmp-punt GOT EXPECTED     the same, for punt pcaps; the
 *                    channel octet is not compared for host-bound sessions
 * Exit 0 when equal/written, 1 with the first difference otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardsim_io.h"
#include "cardsim_table.h"
#include "hdlc.h"
#include "hexbytes.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_headers.h"
#include "pcap_io.h"
#include "ppp_const.h"

#define MAX_FRAMES 64
#define MAX_FRAME 2048

struct frame {
    uint8_t d[MAX_FRAME];
    size_t len;
};

struct flow {
    struct frame up[MAX_FRAMES], down[MAX_FRAMES], pre_up[MAX_FRAMES], pre_down[MAX_FRAMES];
    size_t n_up, n_down, n_pre_up, n_pre_down;
};

static int die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "cardsim_ref: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return 1;
}

/* A PPP IPv4 datagram (FF 03, protocol 0x0021, RFC 1661 §2): an ICMP echo
 * request (RFC 792, so tshark dissects it cleanly) of `payload` octets
 * whose data holds every octet value, 0x7E, 0x7D and the control characters
 * included, so the framer's escaping is exercised. */
static void ip_frame(struct frame *f, uint32_t src, uint32_t dst, size_t payload, uint8_t seed)
{
    uint8_t *p = f->d;
    p[0] = 0xFF;
    p[1] = 0x03;
    p[2] = PPP_PROTO_IP >> 8;
    p[3] = PPP_PROTO_IP & 0xFF;
    uint8_t *ip = p + 4;
    size_t total = IPV4_HDR_MIN_LEN + payload;
    memset(ip, 0, IPV4_HDR_MIN_LEN);
    ip[0] = IPV4_VERSION << 4 | IPV4_MIN_IHL;
    ip[2] = (uint8_t)(total >> 8);
    ip[3] = (uint8_t)total;
    ip[8] = 64;
    ip[9] = IPV4_PROTO_ICMP;
    for (int i = 0; i < 4; i++) {
        ip[12 + i] = (uint8_t)(src >> (24 - 8 * i));
        ip[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
    }
    uint16_t ck = inet_checksum(ip, IPV4_HDR_MIN_LEN);
    ip[10] = (uint8_t)(ck >> 8);
    ip[11] = (uint8_t)ck;
    uint8_t *icmp = ip + IPV4_HDR_MIN_LEN;
    memset(icmp, 0, ICMP_HDR_LEN);
    icmp[0] = ICMP_ECHO;
    icmp[5] = seed; /* identifier */
    for (size_t i = ICMP_HDR_LEN; i < payload; i++)
        icmp[i] = (uint8_t)(i * 37u + seed);
    uint16_t ick = inet_checksum(icmp, payload);
    icmp[2] = (uint8_t)(ick >> 8);
    icmp[3] = (uint8_t)ick;
    f->len = 4 + total;
}

static bool load_ppp(const char *path, struct flow *fl)
{
    uint8_t *text;
    size_t len;
    char msg[300];
    if (!cardsim_read_file(path, &text, &len, msg, sizeof msg)) {
        fprintf(stderr, "cardsim_ref: %s\n", msg);
        return false;
    }
    char *t = realloc(text, len + 1);
    if (!t)
        return false;
    t[len] = '\0';
    unsigned lineno = 0;
    bool ok = true;
    for (char *line = t, *next; ok && line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#' || line[strspn(line, " \t\r")] == '\0')
            continue;
        static const struct {
            const char *word;
            size_t which;
        } kinds[] = {{"up ", 0}, {"down ", 1}, {"pre-up ", 2}, {"pre-down ", 3}};
        struct frame *lists[4] = {fl->up, fl->down, fl->pre_up, fl->pre_down};
        size_t *counts[4] = {&fl->n_up, &fl->n_down, &fl->n_pre_up, &fl->n_pre_down};
        struct frame *f = NULL;
        size_t skip = 0;
        for (size_t k = 0; k < 4 && !f; k++)
            if (strncmp(line, kinds[k].word, strlen(kinds[k].word)) == 0 &&
                *counts[k] < MAX_FRAMES) {
                f = &lists[k][(*counts[k])++];
                skip = strlen(kinds[k].word);
            }
        struct proto_error err = {0};
        if (!f || hex_parse(line + skip, f->d, MAX_FRAME, &f->len, &err) != PROTO_OK) {
            fprintf(stderr,
                    "cardsim_ref: %s:%u: expected 'up|down|pre-up|pre-down HEX'\n", path,
                    lineno);
            ok = false;
        }
    }
    free(t);
    return ok;
}

/* The frame a card with session entry s sends for PPP frame ppp
 * (ARCHITECTURE.md "Encapsulation choices"); ns is the S/Ns to send. */
static bool encap(const struct l2tpcard_session *s, uint16_t ns, const struct frame *ppp,
                  uint8_t *out, size_t *out_len)
{
    struct l2tp_header h = {0};
    h.version = L2TP_VERSION;
    h.has_sequence = s->seq_tx;
    h.ns = ns;
    h.nr = 0; /* RFC 2661 §3.1: reserved in data messages */
    h.tunnel_id = s->peer_tunnel_id;
    h.session_id = s->peer_session_id;
    uint8_t l2tp[MAX_FRAME + 16];
    size_t hl;
    struct proto_error err = {0};
    if (l2tp_header_encode(&h, ppp->len, l2tp, sizeof l2tp, &hl, &err) != PROTO_OK)
        return false;
    memcpy(l2tp + hl, ppp->d, ppp->len);
    struct net_udp_packet p = {0};
    memcpy(p.dst_mac, s->peer_mac, ETH_ADDR_LEN);
    memcpy(p.src_mac, s->local_mac, ETH_ADDR_LEN);
    p.has_vlan = s->vlan;
    p.vlan_tci = s->vlan_tci;
    p.ip_ttl = s->ttl;
    p.ip_id = 0; /* RFC 6864 §4.1, with DF */
    p.ip_frag = IPV4_FLAG_DF;
    p.ip_src = s->local_ip;
    p.ip_dst = s->peer_ip;
    p.udp_src = s->local_port;
    p.udp_dst = s->peer_port;
    return net_udp_encode(&p, l2tp, hl + ppp->len, out, MAX_FRAME + 64, out_len, &err) ==
           PROTO_OK;
}

static bool write_encap_pcap(const char *path, const struct l2tpcard_session *s,
                             const struct frame *f, size_t n)
{
    struct proto_error err = {0};
    struct pcap_writer *w;
    if (pcap_writer_open(path, 1, &w, &err) != PROTO_OK)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        uint8_t out[MAX_FRAME + 64];
        size_t len;
        ok = encap(s, (uint16_t)(s->ns + i), &f[i], out, &len) &&
             pcap_writer_write(w, out, len, i, &err) == PROTO_OK;
    }
    return pcap_writer_finish(w, &err) == PROTO_OK && ok;
}

static bool write_hdlc(const char *path, const struct hdlc_tx_config *base, bool share,
                       const struct frame *f, size_t n)
{
    size_t cap = n * hdlc_encoded_max(MAX_FRAME, HDLC_FCS_32);
    uint8_t *buf = malloc(cap);
    size_t len = 0;
    bool ok = buf != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        struct hdlc_tx_config c = *base;
        c.opening_flag = i == 0 || !share;
        size_t o;
        struct proto_error err = {0};
        ok = hdlc_encode(&c, f[i].d, f[i].len, buf + len, cap - len, &o, &err) == PROTO_OK;
        len += o;
    }
    char msg[300];
    ok = ok && cardsim_write_file(path, buf, len, msg, sizeof msg);
    free(buf);
    return ok;
}

static bool write_punt_pcap(const char *path, const struct cardsim_punt_meta *meta,
                            const struct frame *f, size_t n)
{
    struct proto_error err = {0};
    struct pcap_writer *w;
    if (pcap_writer_open(path, CARDSIM_PUNT_DLT, &w, &err) != PROTO_OK)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        uint8_t rec[MAX_FRAME + CARDSIM_PUNT_HDR_LEN];
        cardsim_punt_header(meta, f[i].len, rec);
        memcpy(rec + CARDSIM_PUNT_HDR_LEN, f[i].d, f[i].len);
        ok = pcap_writer_write(w, rec, CARDSIM_PUNT_HDR_LEN + f[i].len, i, &err) == PROTO_OK;
    }
    return pcap_writer_finish(w, &err) == PROTO_OK && ok;
}

static bool write_inject(const char *path, const char *kind, unsigned target,
                         const struct frame *f, size_t n)
{
    FILE *o = fopen(path, "w");
    if (!o)
        return false;
    fprintf(o, "# the host's PPP frames for %s %u (generated by cardsim_ref)\n", kind, target);
    for (size_t i = 0; i < n; i++) {
        fprintf(o, "%s %u", kind, target);
        for (size_t k = 0; k < f[i].len; k++)
            fprintf(o, " %02X", f[i].d[k]);
        fputc('\n', o);
    }
    return fclose(o) == 0;
}

static int gen(char **argv, bool share)
{
    struct cardsim_table lac, lns;
    char msg[300];
    if (!cardsim_table_load(argv[0], &lac, msg, sizeof msg))
        return die("%s%s", msg, "");
    if (!cardsim_table_load(argv[1], &lns, msg, sizeof msg)) {
        cardsim_table_free(&lac);
        return die("%s%s", msg, "");
    }
    static struct flow fl;
    int rc = 1;
    if (lac.n_sessions < 1 || lns.n_sessions < 1 ||
        lac.sessions[0].binding != L2TPCARD_BIND_CHANNEL ||
        lns.sessions[0].binding != L2TPCARD_BIND_HOST) {
        die("%s, %s: need a channel session first in the LAC table, a host one in the LNS's",
            argv[0], argv[1]);
        goto out;
    }
    if (!load_ppp(argv[2], &fl))
        goto out;
    /* One large datagram each way on top of the seed's negotiation. */
    ip_frame(&fl.up[fl.n_up++], 0x0A0A3502u, 0x0A330652u, 1400, 11);
    ip_frame(&fl.down[fl.n_down++], 0x0A330652u, 0x0A0A3502u, 1400, 5);
    const struct l2tpcard_session *ls = &lac.sessions[0], *ns = &lns.sessions[0];
    char path[4096];
    const char *dir = argv[3];
    struct hdlc_tx_config user = {.accm = ls->rx_accm,
                                  .fcs = ls->fcs32 ? HDLC_FCS_32 : HDLC_FCS_16};
    struct hdlc_tx_config card = {.accm = ls->tx_accm,
                                  .fcs = ls->fcs32 ? HDLC_FCS_32 : HDLC_FCS_16};
    bool ok = true;
#define OUT(name) (snprintf(path, sizeof path, "%s/%s", dir, name), path)
    ok = ok && write_encap_pcap(OUT("up.pcap"), ls, fl.up, fl.n_up);
    ok = ok && write_encap_pcap(OUT("down.pcap"), ns, fl.down, fl.n_down);
    ok = ok && write_hdlc(OUT("lac-ch0.in"), &user, false, fl.up, fl.n_up);
    ok = ok && write_hdlc(OUT("lac-ch0.expected"), &card, share, fl.down, fl.n_down);
    ok = ok && write_inject(OUT("lns-inject.txt"), "session", ns->local_session_id, fl.down,
                            fl.n_down);
    /* hw/regmap.md PUNT_DESC: reason 2, PPP frame of a session bound to the host. */
    struct cardsim_punt_meta lns_punt = {.reason = CARD_PUNT_SESSION_PPP, .kind = CARD_PUNT_KIND_PPP,
                                         .session = ns->local_session_id};
    ok = ok && write_punt_pcap(OUT("lns-punt.expected.pcap"), &lns_punt, fl.up, fl.n_up);
    /* Before the tunnel: the LAC session's channel unbound. The user frames
     * with the default ACCM (RFC 1662 §7.1: LCP always goes so); the card
     * frames the host's with FCS-16 and UNBOUND_ACCM (hw/l2tp_card_core.sv:
     * an unbound channel's mode), and punts the user's as reason 3 with the
     * channel and no session. */
    struct hdlc_tx_config lcp = {.accm = 0xFFFFFFFFu, .fcs = HDLC_FCS_16};
    struct hdlc_tx_config unbound = {
        .accm = lac.has_unbound_accm ? lac.unbound_accm : 0xFFFFFFFFu, .fcs = HDLC_FCS_16};
    struct cardsim_punt_meta pre_punt = {.reason = CARD_PUNT_CHANNEL_PPP, .kind = CARD_PUNT_KIND_PPP,
                                         .channel = (uint8_t)ls->channel};
    ok = ok && write_hdlc(OUT("lac-pre-ch0.in"), &lcp, false, fl.pre_up, fl.n_pre_up);
    ok = ok && write_hdlc(OUT("lac-pre-ch0.expected"), &unbound, share, fl.pre_down,
                          fl.n_pre_down);
    ok = ok && write_inject(OUT("lac-pre-inject.txt"), "channel", ls->channel, fl.pre_down,
                            fl.n_pre_down);
    ok = ok && write_punt_pcap(OUT("lac-pre-punt.expected.pcap"), &pre_punt, fl.pre_up,
                               fl.n_pre_up);
#undef OUT
    if (!ok)
        die("%s: cannot write %s", dir, path);
    else
        rc = 0;
out:
    cardsim_table_free(&lac);
    cardsim_table_free(&lns);
    return rc;
}

/* The seed's control messages (tests/vectors/seed-packets.txt: NAME DIR
 * HEX) as frames between the two cards' addresses, and what each card must
 * punt: every frame whole and untouched, reason 1 (control message, RFC
 * 2661 §3.1 T=1) when addressed to that card, 4 (not for us, POLICY
 * MATCH_LOCAL_IP and PUNT_NOT_FOR_US) otherwise, with the header's Session
 * ID as the session. */
static int ctl(char **argv)
{
    struct cardsim_table lac, lns;
    char msg[300];
    if (!cardsim_table_load(argv[1], &lac, msg, sizeof msg))
        return die("%s%s", msg, "");
    if (!cardsim_table_load(argv[2], &lns, msg, sizeof msg)) {
        cardsim_table_free(&lac);
        return die("%s%s", msg, "");
    }
    uint8_t *text = NULL;
    size_t len;
    int rc = 1;
    struct pcap_writer *w[3] = {NULL, NULL, NULL};
    const char *names[3] = {"ctl.pcap", "ctl-lac-punt.expected.pcap", "ctl-lns-punt.expected.pcap"};
    const int dlts[3] = {1, CARDSIM_PUNT_DLT, CARDSIM_PUNT_DLT};
    struct proto_error err = {0};
    char path[4096];
    if (!cardsim_read_file(argv[0], &text, &len, msg, sizeof msg)) {
        die("%s%s", msg, "");
        goto out;
    }
    char *t = realloc(text, len + 1);
    if (!t)
        goto out;
    text = (uint8_t *)t;
    t[len] = '\0';
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/%s", argv[3], names[k]);
        if (pcap_writer_open(path, dlts[k], &w[k], &err) != PROTO_OK) {
            die("%s: cannot write%s", path, "");
            goto out;
        }
    }
    unsigned i = 0;
    bool ok = true;
    for (char *line = t, *next; ok && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char name[32], dir[16];
        int off = 0;
        if (sscanf(line, "%31s %15s %n", name, dir, &off) != 2 || off == 0)
            continue;
        bool from_lns = strcmp(dir, "LNS->LAC") == 0;
        struct frame m;
        struct l2tp_header h;
        if (hex_parse(line + off, m.d, MAX_FRAME, &m.len, &err) != PROTO_OK ||
            l2tp_header_decode(m.d, m.len, 0, &h, &err) != PROTO_OK) {
            ok = false;
            break;
        }
        const struct cardsim_table *src = from_lns ? &lns : &lac, *dst = from_lns ? &lac : &lns;
        struct net_udp_packet p = {0};
        memcpy(p.src_mac, src->net.local_mac, ETH_ADDR_LEN);
        memcpy(p.dst_mac, dst->net.local_mac, ETH_ADDR_LEN);
        p.ip_src = src->net.local_ip;
        p.ip_dst = dst->net.local_ip;
        p.ip_ttl = 255;
        p.ip_frag = IPV4_FLAG_DF;
        p.ip_id = (uint16_t)++i;
        p.udp_src = p.udp_dst = L2TP_UDP_PORT;
        uint8_t frame[MAX_FRAME + 64], rec[MAX_FRAME + 64 + CARDSIM_PUNT_HDR_LEN];
        size_t flen;
        ok = net_udp_encode(&p, m.d, m.len, frame, sizeof frame, &flen, &err) == PROTO_OK &&
             pcap_writer_write(w[0], frame, flen, i, &err) == PROTO_OK;
        for (int k = 1; ok && k < 3; k++) {
            bool to_me = (k == 1) == from_lns; /* LAC card: frames from the LNS */
            struct cardsim_punt_meta meta = {.kind = CARD_PUNT_KIND_NET,
                                             .reason = to_me ? CARD_PUNT_CONTROL
                                                             : CARD_PUNT_NOT_FOR_US,
                                             .session = h.session_id};
            cardsim_punt_header(&meta, flen, rec);
            memcpy(rec + CARDSIM_PUNT_HDR_LEN, frame, flen);
            ok = pcap_writer_write(w[k], rec, CARDSIM_PUNT_HDR_LEN + flen, i, &err) == PROTO_OK;
        }
    }
    if (!ok || i == 0)
        die("%s: a message that is not NAME DIR HEX with an L2TP header%s", argv[0], "");
    else
        rc = 0;
out:
    for (int k = 0; k < 3; k++)
        if (w[k] && pcap_writer_finish(w[k], &err) != PROTO_OK)
            rc = 1;
    free(text);
    cardsim_table_free(&lac);
    cardsim_table_free(&lns);
    return rc;
}

static int cmp(const char *got, const char *want, bool punt)
{
    struct pcap_reader *a, *b;
    int la, lb;
    struct proto_error err = {0};
    if (pcap_reader_open(got, &a, &la, &err) != PROTO_OK)
        return die("%s: cannot read%s", got, "");
    if (pcap_reader_open(want, &b, &lb, &err) != PROTO_OK) {
        pcap_reader_close(a);
        return die("%s: cannot read%s", want, "");
    }
    int rc = 0;
    if (la != lb) {
        fprintf(stderr, "cardsim_ref: %s has link type %d, %s %d\n", got, la, want, lb);
        rc = 1;
    }
    for (size_t i = 1; rc == 0; i++) {
        struct pcap_record ra, rb;
        static uint8_t copy[70000];
        int na = pcap_reader_next(a, &ra, &err);
        size_t alen = na == 1 ? ra.caplen : 0;
        if (na == 1)
            memcpy(copy, ra.data, alen);
        int nb = pcap_reader_next(b, &rb, &err);
        if (na != 1 && nb != 1)
            break;
        if (na != 1 || nb != 1) {
            fprintf(stderr, "cardsim_ref: %s: frame %zu %s\n", got, i,
                    na == 1 ? "is one too many" : "is missing");
            rc = 1;
            break;
        }
        size_t skip = punt && rb.caplen > 2 && rb.data[1] == 2 ? 2 : (size_t)-1;
        size_t diff = alen != rb.caplen ? 0 : (size_t)-1;
        for (size_t k = 0; diff == (size_t)-1 && k < alen; k++)
            if (k != skip && copy[k] != rb.data[k])
                diff = k;
        if (diff != (size_t)-1) {
            fprintf(stderr, "cardsim_ref: %s: frame %zu (%zu octets, expected %zu) differs "
                            "from %s at octet %zu\n",
                    got, i, alen, rb.caplen, want, diff);
            char hex[3 * 64 + 1];
            size_t from = diff > 8 ? diff - 8 : 0;
            size_t n = alen - from < 32 ? alen - from : 32;
            fprintf(stderr, "  got      @%zu: %s\n", from, hex_format(copy + from, n, ' ', hex, sizeof hex));
            n = rb.caplen - from < 32 ? rb.caplen - from : 32;
            fprintf(stderr, "  expected @%zu: %s\n", from,
                    hex_format(rb.data + from, rb.caplen > from ? n : 0, ' ', hex, sizeof hex));
            rc = 1;
        }
    }
    pcap_reader_close(a);
    pcap_reader_close(b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 6 && strcmp(argv[1], "gen") == 0)
        return gen(argv + 2, argc > 6 && strcmp(argv[6], "share") == 0);
    if (argc == 6 && strcmp(argv[1], "ctl") == 0)
        return ctl(argv + 2);
    if (argc == 4 && strcmp(argv[1], "cmp-pcap") == 0)
        return cmp(argv[2], argv[3], false);
    if (argc == 4 && strcmp(argv[1], "cmp-punt") == 0)
        return cmp(argv[2], argv[3], true);
    fprintf(stderr, "usage: cardsim_ref gen LAC.table LNS.table PPP.txt OUTDIR [share]\n"
                    "       cardsim_ref ctl SEED-PACKETS.txt LAC.table LNS.table OUTDIR\n"
                    "       cardsim_ref cmp-pcap|cmp-punt GOT.pcap EXPECTED.pcap\n");
    return 2;
}
