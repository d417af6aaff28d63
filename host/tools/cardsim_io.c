/* cardsim's files (cardsim_io.h). */
#include "cardsim_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexbytes.h"
#include "pcap_io.h"

/* Frames larger than an IPv4 datagram plus Ethernet, VLAN and padding are
 * not on a wire. */
#define CARDSIM_MAX_FRAME 65600u

bool cardsim_load_net_pcap(struct cardsim_sim *s, const char *path, bool inject, char *msg,
                           size_t cap)
{
    struct proto_error err = {0};
    struct pcap_reader *r;
    int linktype;
    char eb[200];
    if (pcap_reader_open(path, &r, &linktype, &err) != PROTO_OK) {
        snprintf(msg, cap, "%s: %s", path, proto_error_format(&err, eb, sizeof eb));
        return false;
    }
    if (linktype != 1 /* DLT_EN10MB */) {
        pcap_reader_close(r);
        snprintf(msg, cap, "%s: link type %d, cardsim takes Ethernet (DLT_EN10MB, 1)", path,
                 linktype);
        return false;
    }
    struct pcap_record rec;
    int rc;
    size_t i = 0;
    bool ok = true;
    while (ok && (rc = pcap_reader_next(r, &rec, &err)) == 1) {
        i++;
        if (rec.caplen != rec.wirelen || rec.caplen == 0) {
            snprintf(msg, cap, "%s: record %zu: %s (%zu of %zu octets)", path, i,
                     rec.caplen ? "cut short by the capture" : "empty", rec.caplen, rec.wirelen);
            ok = false;
        } else if (!(inject ? cardsim_sim_inject(s, CARDSIM_INJECT_NET, 0, rec.data, rec.caplen)
                            : cardsim_sim_net_in(s, rec.data, rec.caplen))) {
            snprintf(msg, cap, "%s: out of memory", path);
            ok = false;
        }
    }
    if (ok && rc < 0) {
        snprintf(msg, cap, "%s: %s", path, proto_error_format(&err, eb, sizeof eb));
        ok = false;
    }
    pcap_reader_close(r);
    return ok;
}

bool cardsim_load_inject(struct cardsim_sim *s, const char *path, char *msg, size_t cap)
{
    uint8_t *text;
    size_t len;
    if (!cardsim_read_file(path, &text, &len, msg, cap))
        return false;
    uint8_t *frame = malloc(CARDSIM_MAX_FRAME);
    char *t = realloc(text, len + 1);
    if (!frame || !t) {
        free(frame);
        free(t ? t : (char *)text);
        snprintf(msg, cap, "%s: out of memory", path);
        return false;
    }
    t[len] = '\0';
    bool ok = true;
    unsigned lineno = 0;
    for (char *line = t, *next; ok && line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char kind[16], target[16];
        int off = 0;
        if (sscanf(line, " %15s %15s %n", kind, target, &off) < 1)
            continue; /* blank or comment */
        enum cardsim_inject_kind k;
        if (strcmp(kind, "net") == 0)
            k = CARDSIM_INJECT_NET;
        else if (strcmp(kind, "channel") == 0)
            k = CARDSIM_INJECT_CHANNEL_PPP;
        else if (strcmp(kind, "session") == 0)
            k = CARDSIM_INJECT_SESSION_PPP;
        else {
            snprintf(msg, cap, "%s:%u: kind '%s' is not net, channel or session", path, lineno,
                     kind);
            ok = false;
            break;
        }
        unsigned long tg = 0;
        char *end = NULL;
        if (off == 0) {
            snprintf(msg, cap, "%s:%u: %s needs a target and the frame's hex octets", path,
                     lineno, kind);
            ok = false;
            break;
        }
        if (k == CARDSIM_INJECT_NET ? strcmp(target, "-") != 0
                                    : ((tg = strtoul(target, &end, 0)), *end != '\0' ||
                                                                            tg > 0xFFFF)) {
            snprintf(msg, cap, "%s:%u: target '%s': %s", path, lineno, target,
                     k == CARDSIM_INJECT_NET ? "a net frame has none, write -"
                                             : "not a number 0..65535");
            ok = false;
            break;
        }
        struct proto_error err = {0};
        size_t flen;
        char eb[200];
        if (hex_parse(line + off, frame, CARDSIM_MAX_FRAME, &flen, &err) != PROTO_OK) {
            snprintf(msg, cap, "%s:%u: %s", path, lineno, proto_error_format(&err, eb, sizeof eb));
            ok = false;
        } else if (flen == 0) {
            snprintf(msg, cap, "%s:%u: an empty frame", path, lineno);
            ok = false;
        } else if (!cardsim_sim_inject(s, k, (uint16_t)tg, frame, flen)) {
            snprintf(msg, cap, "%s: out of memory", path);
            ok = false;
        }
    }
    free(frame);
    free(t);
    return ok;
}

static bool write_pcap(const struct cardsim_queue *q, const char *path, bool punt, char *msg,
                       size_t cap)
{
    struct proto_error err = {0};
    struct pcap_writer *w;
    char eb[200];
    if (pcap_writer_open(path, punt ? CARDSIM_PUNT_DLT : 1, &w, &err) != PROTO_OK) {
        snprintf(msg, cap, "%s: %s", path, proto_error_format(&err, eb, sizeof eb));
        return false;
    }
    uint8_t *rec = malloc(CARDSIM_MAX_FRAME + CARDSIM_PUNT_HDR_LEN);
    bool ok = rec != NULL;
    for (size_t i = 0; ok && i < q->n; i++) {
        const struct cardsim_frame *f = &q->v[i];
        size_t n = f->len > CARDSIM_MAX_FRAME ? CARDSIM_MAX_FRAME : f->len;
        size_t h = 0;
        if (punt) {
            cardsim_punt_header(&f->punt, f->len, rec);
            h = CARDSIM_PUNT_HDR_LEN;
        }
        memcpy(rec + h, f->data, n);
        /* 1 ns per cycle: 1000 cycles per microsecond stamp. */
        ok = pcap_writer_write(w, rec, h + n, f->last_cycle / 1000, &err) == PROTO_OK;
    }
    free(rec);
    proto_status fst = pcap_writer_finish(w, &err);
    if (!ok || fst != PROTO_OK) {
        snprintf(msg, cap, "%s: %s", path, proto_error_format(&err, eb, sizeof eb));
        return false;
    }
    return true;
}

bool cardsim_write_net_pcap(const struct cardsim_queue *q, const char *path, char *msg,
                            size_t cap)
{
    return write_pcap(q, path, false, msg, cap);
}

bool cardsim_write_punt_pcap(const struct cardsim_queue *q, const char *path, char *msg,
                             size_t cap)
{
    return write_pcap(q, path, true, msg, cap);
}

bool cardsim_write_punt_log(const struct cardsim_queue *q, const char *path, char *msg,
                            size_t cap)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(msg, cap, "%s: %s", path, strerror(errno));
        return false;
    }
    for (size_t i = 0; i < q->n; i++) {
        const struct cardsim_frame *fr = &q->v[i];
        fprintf(f, "%zu kind %s reason %u session %u channel %u len %zu ", i + 1,
                fr->punt.kind == CARD_PUNT_KIND_PPP ? "ppp" : "net", fr->punt.reason, fr->punt.session,
                fr->punt.channel, fr->len);
        for (size_t k = 0; k < fr->len; k++)
            fprintf(f, "%02X", fr->data[k]);
        fputc('\n', f);
    }
    bool ok = !ferror(f);
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        snprintf(msg, cap, "%s: write error", path);
    return ok;
}
