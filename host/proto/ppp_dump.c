/* PPP frames as the seed's debug lines (Cisco IOS "debug ppp negotiation"):
 *   LCP: I CONFREQ id 118 len 10
 *   LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)
 *   CHAP: O CHALLENGE id 6 len 27 from "5300-1"
 * Malformed input is reported as a line naming offset and field; nothing is
 * read past the frame. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ppp_auth.h"
#include "ppp_const.h"
#include "ppp_cp.h"
#include "ppp_frame.h"

#define LINE_MAX_LEN 512
#define NAME_SHOWN_MAX 64 /* longer names are cut, with "..." */

struct line {
    char buf[LINE_MAX_LEN];
    size_t pos;
};

__attribute__((format(printf, 2, 3))) static void add(struct line *l, const char *fmt, ...)
{
    if (l->pos >= sizeof l->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->buf + l->pos, sizeof l->buf - l->pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        l->pos += (size_t)n < sizeof l->buf - l->pos ? (size_t)n : sizeof l->buf - l->pos - 1;
}

/* "NAME: " or "NAME: DIR " */
static void start(struct line *l, const char *name, const char *dir)
{
    l->pos = 0;
    l->buf[0] = '\0';
    add(l, "%s: ", name);
    if (dir && *dir)
        add(l, "%s ", dir);
}

/* A name or message in quotes, non-printable octets as \xNN. */
static void add_quoted(struct line *l, const uint8_t *s, size_t n)
{
    add(l, "\"");
    for (size_t i = 0; i < n && i < NAME_SHOWN_MAX; i++) {
        if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\')
            add(l, "%c", s[i]);
        else
            add(l, "\\x%02X", s[i]);
    }
    add(l, n > NAME_SHOWN_MAX ? "...\"" : "\"");
}

static void add_error(struct line *l, const struct proto_error *err)
{
    char e[200];
    add(l, "malformed: %s", proto_error_format(err, e, sizeof e));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void dump_cp(uint16_t protocol, const char *name, const uint8_t *info, size_t len,
                    const char *dir, ppp_line_fn fn, void *ctx)
{
    struct line l;
    struct ppp_cp_packet p;
    struct proto_error err = {0};
    start(&l, name, dir);
    if (ppp_cp_decode(info, len, &p, &err) != PROTO_OK) {
        add_error(&l, &err);
        fn(ctx, l.buf);
        return;
    }
    add(&l, "%s id %u len %u", ppp_cp_code_name(p.code), p.id, p.length);
    switch (p.code) {
    case PPP_ECHO_REQUEST:
    case PPP_ECHO_REPLY:
    case PPP_DISCARD_REQUEST:
    case PPP_IDENTIFICATION:
    case PPP_TIME_REMAINING:
        /* RFC 1661 §5.8, RFC 1570 §2: Magic-Number first */
        if (p.data_len >= 4)
            add(&l, " magic 0x%08X", get32(p.data));
        break;
    case PPP_PROTOCOL_REJECT:
        if (p.data_len >= 2) /* §5.7: Rejected-Protocol */
            add(&l, " protocol 0x%04X", (unsigned)(p.data[0] << 8 | p.data[1]));
        break;
    case PPP_CODE_REJECT:
        if (p.data_len >= 1) /* §5.6: the rejected packet, its Code first */
            add(&l, " code %u", p.data[0]);
        break;
    }
    fn(ctx, l.buf);
    if (p.code < PPP_CONFIGURE_REQUEST || p.code > PPP_CONFIGURE_REJECT)
        return;

    /* §5.1-§5.4: the data is a list of options, one line each */
    struct ppp_option_iter it;
    struct ppp_option opt;
    ppp_option_iter_init(&it, p.data, p.data_len, 4);
    int rc;
    char text[LINE_MAX_LEN - 32];
    while ((rc = ppp_option_next(&it, &opt, &err)) > 0) {
        start(&l, name, NULL);
        add(&l, "   %s", ppp_option_format(protocol, &opt, text, sizeof text));
        fn(ctx, l.buf);
    }
    if (rc < 0) {
        start(&l, name, NULL);
        add(&l, "   ");
        add_error(&l, &err);
        fn(ctx, l.buf);
    }
}

static const char *chap_code_name(uint8_t code)
{
    switch (code) {
    case CHAP_CHALLENGE: return "CHALLENGE";
    case CHAP_RESPONSE: return "RESPONSE";
    case CHAP_SUCCESS: return "SUCCESS";
    case CHAP_FAILURE: return "FAILURE";
    }
    return "UNKNOWN";
}

static void dump_chap(const uint8_t *info, size_t len, const char *dir, ppp_line_fn fn, void *ctx)
{
    struct line l;
    struct chap_packet c;
    struct proto_error err = {0};
    start(&l, "CHAP", dir);
    if (chap_decode(info, len, &c, &err) != PROTO_OK) {
        add_error(&l, &err);
    } else {
        uint16_t length = (uint16_t)(info[2] << 8 | info[3]);
        add(&l, "%s id %u len %u", chap_code_name(c.code), c.id, length);
        if (c.code == CHAP_CHALLENGE || c.code == CHAP_RESPONSE) {
            add(&l, " from ");
            add_quoted(&l, c.name, c.name_len);
        } else if (c.name_len) {
            add(&l, " msg is ");
            add_quoted(&l, c.name, c.name_len);
        }
    }
    fn(ctx, l.buf);
}

static const char *pap_code_name(uint8_t code)
{
    switch (code) {
    case PAP_AUTHENTICATE_REQUEST: return "AUTH-REQ";
    case PAP_AUTHENTICATE_ACK: return "AUTH-ACK";
    case PAP_AUTHENTICATE_NAK: return "AUTH-NAK";
    }
    return "UNKNOWN";
}

static void dump_pap(const uint8_t *info, size_t len, const char *dir, ppp_line_fn fn, void *ctx)
{
    struct line l;
    struct pap_packet p;
    struct proto_error err = {0};
    start(&l, "PAP", dir);
    if (pap_decode(info, len, &p, &err) != PROTO_OK) {
        add_error(&l, &err);
    } else {
        uint16_t length = (uint16_t)(info[2] << 8 | info[3]);
        add(&l, "%s id %u len %u", pap_code_name(p.code), p.id, length);
        if (p.code == PAP_AUTHENTICATE_REQUEST) {
            add(&l, " from "); /* the password is never printed */
            add_quoted(&l, p.peer_id, p.peer_id_len);
        } else if (p.message_len) {
            add(&l, " msg is ");
            add_quoted(&l, p.message, p.message_len);
        }
    }
    fn(ctx, l.buf);
}

void ppp_frame_dump(const uint8_t *frame, size_t len, const char *dir, ppp_line_fn line_fn,
                    void *ctx)
{
    if (!line_fn)
        return;
    struct ppp_frame f;
    struct proto_error err = {0};
    struct line l;
    if (ppp_frame_decode(frame, len, &f, &err) != PROTO_OK) {
        start(&l, "PPP", dir);
        add_error(&l, &err);
        line_fn(ctx, l.buf);
        return;
    }
    switch (f.protocol) {
    case PPP_PROTO_LCP:
    case PPP_PROTO_IPCP:
    case PPP_PROTO_IPV6CP:
    case PPP_PROTO_CCP:
        dump_cp(f.protocol, ppp_protocol_name(f.protocol), f.info, f.info_len, dir, line_fn, ctx);
        return;
    case PPP_PROTO_CHAP:
        dump_chap(f.info, f.info_len, dir, line_fn, ctx);
        return;
    case PPP_PROTO_PAP:
        dump_pap(f.info, f.info_len, dir, line_fn, ctx);
        return;
    }
    const char *name = ppp_protocol_name(f.protocol);
    start(&l, strcmp(name, "unknown") == 0 ? "PPP" : name, dir);
    add(&l, "protocol 0x%04X len %zu", f.protocol, f.info_len);
    line_fn(ctx, l.buf);
}
