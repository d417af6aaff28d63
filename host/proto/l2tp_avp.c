/* AVP framing (RFC 2661 §4.1), value checks against the AVP table, and the
 * seed's two debug lines per AVP. */
#include "l2tp_avp.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hexbytes.h"
#include "l2tp_header.h"

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void l2tp_avp_iter_init(struct l2tp_avp_iter *it, const uint8_t *avps, size_t len,
                        size_t base_offset)
{
    it->buf = avps;
    it->len = avps ? len : 0;
    it->pos = 0;
    it->base_offset = base_offset;
    it->flags = 0;
}

int l2tp_avp_next(struct l2tp_avp_iter *it, struct l2tp_avp *avp, struct proto_error *err)
{
    if (it->pos >= it->len)
        return 0;
    size_t off = it->base_offset + it->pos;
    size_t left = it->len - it->pos;
    /* §4.1: M H rsvd(4) Length(10), Vendor ID(16), Attribute Type(16) */
    if (left < L2TP_AVP_HDR_LEN)
        return proto_fail(err, PROTO_ETRUNC, off, "AVP header",
                          "%zu octets left, an AVP header needs 6", left);
    const uint8_t *p = it->buf + it->pos;
    uint16_t word = get16(p);
    uint16_t length = word & L2TP_AVP_LEN_MASK;
    if (length < L2TP_AVP_HDR_LEN)
        return proto_fail(err, PROTO_ELENGTH, off, "AVP Length",
                          "%u is below the 6-octet AVP header", length);
    if (length > left)
        return proto_fail(err, PROTO_ELENGTH, off, "AVP Length",
                          "%u runs past the message end (%zu octets left)", length, left);
    if ((it->flags & L2TP_DECODE_STRICT) && (word & L2TP_AVP_RESERVED_MASK))
        return proto_fail(err, PROTO_ERESERVED, off, "AVP Reserved",
                          "reserved AVP bits 0x%04X set", word & L2TP_AVP_RESERVED_MASK);
    memset(avp, 0, sizeof *avp);
    avp->flags = word & (uint16_t)~L2TP_AVP_LEN_MASK;
    avp->mandatory = word & L2TP_AVP_M;
    avp->hidden = word & L2TP_AVP_H;
    avp->length = length;
    avp->vendor = get16(p + 2);
    avp->type = get16(p + 4);
    avp->value = p + L2TP_AVP_HDR_LEN;
    avp->value_len = length - L2TP_AVP_HDR_LEN;
    avp->offset = off;
    it->pos += length;
    return 1;
}

/* Offset of the value in the message, for errors about the value. */
static size_t value_offset(const struct l2tp_avp *avp)
{
    return avp->offset + L2TP_AVP_HDR_LEN;
}

proto_status l2tp_avp_check(const struct l2tp_avp *avp, struct proto_error *err)
{
    const struct l2tp_avp_def *def = l2tp_avp_lookup(avp->vendor, avp->type);
    if (!def)
        return PROTO_OK; /* unknown AVPs are the message decoder's business */
    if ((avp->flags & L2TP_AVP_H) && !def->may_hide)
        return proto_fail(err, PROTO_EINVAL, avp->offset, def->name,
                          "AVP %u MUST NOT be hidden (§4.4)", avp->type);
    /* A value still hidden has the hidden subformat's length, not its own. */
    if (avp->hidden)
        return PROTO_OK;
    if (avp->value_len < def->min_value_len || avp->value_len > def->max_value_len) {
        if (def->min_value_len == def->max_value_len)
            return proto_fail(err, PROTO_ELENGTH, avp->offset, def->name,
                              "value is %zu octets, must be %u", avp->value_len,
                              def->min_value_len);
        return proto_fail(err, PROTO_ELENGTH, avp->offset, def->name,
                          "value is %zu octets, must be %u..%u", avp->value_len,
                          def->min_value_len, def->max_value_len);
    }
    /* §4.4.2: Result(2), or Result(2) Error(2) [Message]: 3 octets is not. */
    if (def->kind == L2TP_AVK_RESULT_CODE && avp->value_len == 3)
        return proto_fail(err, PROTO_ELENGTH, value_offset(avp) + 2, "Error Code",
                          "1 octet where a 2-octet Error Code must be");
    return PROTO_OK;
}

static proto_status value_of_len(const struct l2tp_avp *avp, size_t want,
                                 struct proto_error *err)
{
    proto_status st = l2tp_avp_check(avp, err);
    if (st)
        return st;
    const struct l2tp_avp_def *def = l2tp_avp_lookup(avp->vendor, avp->type);
    const char *field = def ? def->name : "AVP value";
    if (avp->hidden)
        return proto_fail(err, PROTO_EHIDDEN, avp->offset, field, "value is still hidden");
    if (avp->value_len != want)
        return proto_fail(err, PROTO_ELENGTH, avp->offset, field,
                          "value is %zu octets, want %zu", avp->value_len, want);
    return PROTO_OK;
}

proto_status l2tp_avp_value_u16(const struct l2tp_avp *avp, uint16_t *v, struct proto_error *err)
{
    proto_status st = value_of_len(avp, 2, err);
    if (st == PROTO_OK)
        *v = get16(avp->value);
    return st;
}

proto_status l2tp_avp_value_u32(const struct l2tp_avp *avp, uint32_t *v, struct proto_error *err)
{
    proto_status st = value_of_len(avp, 4, err);
    if (st == PROTO_OK)
        *v = get32(avp->value);
    return st;
}

char *l2tp_avp_format_parse(const struct l2tp_avp *avp, char *buf, size_t cap)
{
    char who[32];
    if (avp->vendor == L2TP_VENDOR_IETF)
        snprintf(who, sizeof who, "AVP %u", avp->type);
    else if (avp->vendor == L2TP_VENDOR_CISCO)
        snprintf(who, sizeof who, "Cisco AVP %u", avp->type);
    else
        snprintf(who, sizeof who, "vendor %u AVP %u", avp->vendor, avp->type);
    /* The seed's LNS prints "flag 0x0x8000": a doubled prefix typo; the
     * LAC's "flag 0x8000" is the one followed here. */
    if (cap)
        snprintf(buf, cap, "Parse %s, len %u, flag 0x%X%s%s", who, avp->length, avp->flags,
                 (avp->flags & L2TP_AVP_M) ? " (M)" : "",
                 (avp->flags & L2TP_AVP_H) ? " (hidden)" : "");
    return buf;
}

/* Appends printf output at *pos, never past cap. */
static void appendf(char *buf, size_t cap, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void appendf(char *buf, size_t cap, size_t *pos, const char *fmt, ...)
{
    if (*pos + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *pos, cap - *pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        *pos = (*pos + (size_t)n < cap) ? *pos + (size_t)n : cap - 1;
}

static void append_hex(char *buf, size_t cap, size_t *pos, const uint8_t *d, size_t n)
{
    if (*pos + 1 >= cap)
        return;
    hex_format(d, n, 0, buf + *pos, cap - *pos);
    *pos += strlen(buf + *pos);
}

/* Text values are printed as they are; octets outside printable ASCII are
 * escaped so a hostile peer cannot put control characters in a log. */
static void append_text(char *buf, size_t cap, size_t *pos, const uint8_t *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (d[i] >= 0x20 && d[i] < 0x7F && d[i] != '\\')
            appendf(buf, cap, pos, "%c", d[i]);
        else
            appendf(buf, cap, pos, "\\x%02X", d[i]);
    }
}

static void format_result(const struct l2tp_avp *avp, uint16_t msg_type, char *buf, size_t cap,
                          size_t *pos)
{
    const uint8_t *v = avp->value;
    uint16_t result = get16(v);
    /* The seed: "Result code(1): 1: Request to clear control connection"
     * then "Error code(0): No error", the latter even for a StopCCN whose
     * Result Code AVP has no Error Code field (0 is then implied). */
    appendf(buf, cap, pos, "Result code(%u): %u: %s", result, result,
            l2tp_result_code_text(msg_type, result));
    uint16_t error = avp->value_len >= 4 ? get16(v + 2) : 0;
    appendf(buf, cap, pos, "\nError code(%u): %s", error, l2tp_error_code_text(error));
    if (avp->value_len > 4) {
        appendf(buf, cap, pos, "\nError message ");
        append_text(buf, cap, pos, v + 4, avp->value_len - 4);
    }
}

static void format_known(const struct l2tp_avp *avp, const struct l2tp_avp_def *def,
                         uint16_t msg_type, char *buf, size_t cap, size_t *pos)
{
    const uint8_t *v = avp->value;
    switch (def->kind) {
    case L2TP_AVK_MSG_TYPE: {
        /* The seed follows "Parse AVP 0" with "Parse SCCRQ". */
        uint16_t t = get16(v);
        if (t <= L2TP_MSG_TYPE_MAX)
            appendf(buf, cap, pos, "Parse %s", l2tp_msg_type_name(t));
        else
            appendf(buf, cap, pos, "Parse type-%u", t);
        return;
    }
    case L2TP_AVK_RESULT_CODE:
        format_result(avp, msg_type, buf, cap, pos);
        return;
    case L2TP_AVK_U16:
        appendf(buf, cap, pos, "%s %u", def->label, get16(v));
        return;
    case L2TP_AVK_U32:
        appendf(buf, cap, pos, "%s %lu", def->label, (unsigned long)get32(v));
        return;
    case L2TP_AVK_HEX16:
        appendf(buf, cap, pos, "%s 0x%X", def->label, get16(v));
        return;
    case L2TP_AVK_HEX32:
        appendf(buf, cap, pos, "%s 0x%lX", def->label, (unsigned long)get32(v));
        return;
    case L2TP_AVK_U64:
    case L2TP_AVK_BYTES:
        appendf(buf, cap, pos, "%s ", def->label);
        append_hex(buf, cap, pos, v, avp->value_len);
        return;
    case L2TP_AVK_STRING:
        appendf(buf, cap, pos, "%s ", def->label);
        append_text(buf, cap, pos, v, avp->value_len);
        return;
    case L2TP_AVK_Q931:
        appendf(buf, cap, pos, "%s cause %u, msg %u", def->label, get16(v), v[2]);
        if (avp->value_len > 3) {
            appendf(buf, cap, pos, ", advisory ");
            append_text(buf, cap, pos, v + 3, avp->value_len - 3);
        }
        return;
    case L2TP_AVK_PROXY_ID:
        appendf(buf, cap, pos, "%s %u", def->label, v[1]);
        return;
    case L2TP_AVK_CALL_ERRORS:
        appendf(buf, cap, pos,
                "%s CRC %lu, Framing %lu, HW overruns %lu, Buffer overruns %lu, "
                "Time-out %lu, Alignment %lu",
                def->label, (unsigned long)get32(v + 2), (unsigned long)get32(v + 6),
                (unsigned long)get32(v + 10), (unsigned long)get32(v + 14),
                (unsigned long)get32(v + 18), (unsigned long)get32(v + 22));
        return;
    case L2TP_AVK_ACCM:
        appendf(buf, cap, pos, "%s send 0x%08lX, recv 0x%08lX", def->label,
                (unsigned long)get32(v + 2), (unsigned long)get32(v + 6));
        return;
    case L2TP_AVK_EMPTY:
        appendf(buf, cap, pos, "%s", def->label);
        return;
    }
}

char *l2tp_avp_format_value(const struct l2tp_avp *avp, uint16_t msg_type, char *buf, size_t cap)
{
    size_t pos = 0;
    if (cap == 0)
        return buf;
    buf[0] = 0;
    const struct l2tp_avp_def *def = l2tp_avp_lookup(avp->vendor, avp->type);
    if (!def) {
        appendf(buf, cap, &pos, "Unknown AVP %u ", avp->type);
        append_hex(buf, cap, &pos, avp->value, avp->value_len);
        return buf;
    }
    if (avp->hidden) {
        appendf(buf, cap, &pos, "%s (hidden) ", def->label);
        append_hex(buf, cap, &pos, avp->value, avp->value_len);
        return buf;
    }
    /* A value the table rejects is shown raw, never read past its end. */
    if (l2tp_avp_check(avp, NULL) != PROTO_OK) {
        appendf(buf, cap, &pos, "%s (bad length %zu) ", def->label, avp->value_len);
        append_hex(buf, cap, &pos, avp->value, avp->value_len);
        return buf;
    }
    format_known(avp, def, msg_type, buf, cap, &pos);
    return buf;
}
