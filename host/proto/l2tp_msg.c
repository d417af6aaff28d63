/* Whole L2TP control messages (RFC 2661 §3.2, §4): the decoder, which
 * reveals hidden AVPs, and the builder. */
#include "l2tp_msg.h"

#include <string.h>

#include "l2tp_hidden.h"

#define AVP_MAX_VALUE (L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN)

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* §4.4.1: the Message Type AVP "MUST be the first AVP in a message", with
 * M=1 and never hidden; its value is 2 octets. */
static proto_status check_message_type(const struct l2tp_avp *avp, struct proto_error *err)
{
    if (avp->vendor != L2TP_VENDOR_IETF || avp->type != L2TP_AVP_MESSAGE_TYPE)
        return proto_fail(err, PROTO_EINVAL, avp->offset, "Message Type",
                          "first AVP is vendor %u type %u; Message Type must be first (§4.4.1)",
                          avp->vendor, avp->type);
    if (!avp->mandatory)
        return proto_fail(err, PROTO_EINVAL, avp->offset, "Message Type",
                          "M bit is 0; it MUST be 1 (§4.4.1)");
    if (avp->hidden)
        return proto_fail(err, PROTO_EINVAL, avp->offset, "Message Type",
                          "H bit is 1; this AVP MUST NOT be hidden (§4.4.1)");
    if (avp->value_len != 2)
        return proto_fail(err, PROTO_ELENGTH, avp->offset, "Message Type",
                          "value is %zu octets, must be 2", avp->value_len);
    if (get16(avp->value) == 0)
        return proto_fail(err, PROTO_EINVAL, avp->offset + L2TP_AVP_HDR_LEN, "Message Type",
                          "type 0 is reserved (§3.2)");
    return PROTO_OK;
}

/* Reveals avp in place into msg->reveal_buf (the value pointer moves
 * there). Errors from l2tp_reveal are relative to the value; they are
 * moved to message offsets. */
static proto_status reveal_avp(struct l2tp_msg *msg, struct l2tp_avp *avp,
                               const struct l2tp_secret *secret, const uint8_t *rv,
                               size_t rv_len, struct proto_error *err)
{
    struct proto_error e = {0};
    size_t n = 0;
    uint8_t *out = msg->reveal_buf + msg->reveal_used;
    proto_status st = l2tp_reveal(avp->type, secret->data, secret->len, rv, rv_len, avp->value,
                                  avp->value_len, out, L2TP_MSG_REVEAL_MAX - msg->reveal_used, &n,
                                  &e);
    if (st) {
        const struct l2tp_avp_def *def = l2tp_avp_lookup(avp->vendor, avp->type);
        return proto_fail(err, st, avp->offset + L2TP_AVP_HDR_LEN + e.offset,
                          def ? def->name : e.field, "hidden %s: %s", e.field, e.detail);
    }
    msg->reveal_used += n;
    avp->value = out;
    avp->value_len = n;
    avp->hidden = false;
    return PROTO_OK;
}

proto_status l2tp_msg_decode(const uint8_t *buf, size_t len, const struct l2tp_secret *secret,
                             unsigned flags, struct l2tp_msg *msg, struct proto_error *err)
{
    memset(msg, 0, offsetof(struct l2tp_msg, reveal_buf));
    msg->reveal_used = 0;
    msg->unknown_mandatory = -1;
    proto_status st = l2tp_header_decode(buf, len, flags, &msg->hdr, err);
    if (st)
        return st;
    if (!msg->hdr.is_control)
        return proto_fail(err, PROTO_EINVAL, 0, "T", "data message (T=0), not a control message");

    bool have_secret = secret && secret->data && secret->len;
    const uint8_t *rv = NULL; /* most recent Random Vector (§4.3) */
    size_t rv_len = 0;
    struct l2tp_avp_iter it;
    l2tp_avp_iter_init(&it, buf + msg->hdr.header_len, msg->hdr.payload_len,
                       msg->hdr.header_len);
    it.flags = flags & L2TP_DECODE_STRICT;
    struct l2tp_avp avp;
    int r;
    while ((r = l2tp_avp_next(&it, &avp, err)) == 1) {
        size_t idx = msg->n_avps;
        if (idx == L2TP_MSG_MAX_AVPS)
            return proto_fail(err, PROTO_ENOSPC, avp.offset, "AVP",
                              "more than %d AVPs in one message", L2TP_MSG_MAX_AVPS);
        if (idx == 0 && (st = check_message_type(&avp, err)))
            return st;
        if (idx > 0 && avp.vendor == L2TP_VENDOR_IETF && avp.type == L2TP_AVP_MESSAGE_TYPE)
            return proto_fail(err, PROTO_EINVAL, avp.offset, "Message Type",
                              "a second Message Type AVP (§4.4.1: it is the first, once)");
        const struct l2tp_avp_def *def = l2tp_avp_lookup(avp.vendor, avp.type);
        if (idx == 0 && !l2tp_msg_type_known(get16(avp.value)))
            def = NULL; /* an unknown message type is an unknown mandatory AVP */
        /* §4.1: a reserved bit set makes the AVP unrecognized. */
        bool recognized = def && !(avp.flags & L2TP_AVP_RESERVED_MASK);
        if (!recognized) {
            /* §4.1: unknown with M=1 ends the session or tunnel, unknown
             * with M=0 is ignored; either way it is kept for the caller. */
            if (avp.mandatory && msg->unknown_mandatory < 0)
                msg->unknown_mandatory = (int)idx;
        } else {
            if (avp.hidden && def->may_hide) {
                if (have_secret && rv) {
                    if ((st = reveal_avp(msg, &avp, secret, rv, rv_len, err)))
                        return st;
                    msg->revealed[idx] = true;
                } else if (flags & L2TP_DECODE_REQUIRE_REVEAL) {
                    return proto_fail(err, PROTO_EHIDDEN, avp.offset, def->name,
                                      "hidden, and %s", have_secret ? "no Random Vector before it"
                                                                    : "no shared secret given");
                }
            }
            if ((st = l2tp_avp_check(&avp, err)))
                return st;
            /* §4.4 gives each AVP's M bit; receivers need not police it,
             * strict mode does. */
            if ((flags & L2TP_DECODE_STRICT) && def->must_be_mandatory && !avp.mandatory)
                return proto_fail(err, PROTO_EINVAL, avp.offset, def->name,
                                  "M bit is 0; it MUST be 1 for this AVP (§4.4)");
            if (avp.vendor == L2TP_VENDOR_IETF && avp.type == L2TP_AVP_RANDOM_VECTOR) {
                rv = avp.value;
                rv_len = avp.value_len;
            }
        }
        msg->avps[idx] = avp;
        msg->n_avps++;
    }
    if (r < 0)
        return (proto_status)r;
    msg->type = msg->n_avps ? get16(msg->avps[0].value) : L2TP_MSG_ZLB;
    if (msg->unknown_mandatory >= 0) {
        const struct l2tp_avp *u = &msg->avps[msg->unknown_mandatory];
        return proto_fail(err, PROTO_EUNKNOWN_M, u->offset, "AVP",
                          "unrecognized %s vendor %u type %u with M set (§4.1: tear down)",
                          u->flags & L2TP_AVP_RESERVED_MASK ? "(reserved bits set)" : "AVP",
                          u->vendor, u->type);
    }
    return PROTO_OK;
}

const struct l2tp_avp *l2tp_msg_find(const struct l2tp_msg *msg, uint16_t vendor, uint16_t type)
{
    for (size_t i = 0; i < msg->n_avps; i++)
        if (msg->avps[i].vendor == vendor && msg->avps[i].type == type)
            return &msg->avps[i];
    return NULL;
}

bool l2tp_msg_missing_avps(const struct l2tp_msg *msg, const char **missing)
{
    size_t n = 0;
    const uint16_t *req = l2tp_msg_required_avps(msg->type, &n);
    for (size_t i = 0; i < n; i++) {
        if (!l2tp_msg_find(msg, L2TP_VENDOR_IETF, req[i])) {
            const struct l2tp_avp_def *def = l2tp_avp_lookup(L2TP_VENDOR_IETF, req[i]);
            if (missing)
                *missing = def ? def->name : "AVP";
            return true;
        }
    }
    if (missing)
        *missing = NULL;
    return false;
}

/* ---- builder ---- */

static bool build_failed(struct l2tp_builder *b)
{
    return b->status != PROTO_OK;
}

static void build_fail(struct l2tp_builder *b, proto_status st)
{
    b->status = st;
}

void l2tp_build_begin(struct l2tp_builder *b, uint8_t *buf, size_t cap, uint16_t tunnel_id,
                      uint16_t session_id, uint16_t ns, uint16_t nr, uint16_t msg_type)
{
    memset(b, 0, sizeof *b);
    b->buf = buf;
    b->cap = buf ? cap : 0;
    /* §3.1: control messages carry T, L and S; O and P are 0. */
    b->hdr.is_control = true;
    b->hdr.has_length = true;
    b->hdr.has_sequence = true;
    b->hdr.version = L2TP_VERSION;
    b->hdr.tunnel_id = tunnel_id;
    b->hdr.session_id = session_id;
    b->hdr.ns = ns;
    b->hdr.nr = nr;
    size_t hl = 0;
    proto_status st = l2tp_header_encode(&b->hdr, 0, b->buf, b->cap, &hl, &b->err);
    if (st) {
        build_fail(b, st);
        return;
    }
    b->len = hl;
    if (msg_type != L2TP_MSG_ZLB)
        l2tp_build_u16(b, true, L2TP_AVP_MESSAGE_TYPE, msg_type);
}

void l2tp_build_set_secret(struct l2tp_builder *b, const struct l2tp_secret *secret)
{
    if (secret)
        b->secret = *secret;
    else
        memset(&b->secret, 0, sizeof b->secret);
}

/* Room for an AVP of value_len octets, and the table's rules for it. */
static bool build_check(struct l2tp_builder *b, bool hidden, uint16_t vendor, uint16_t type,
                        const void *value, size_t value_len, size_t wire_value_len)
{
    if (build_failed(b))
        return false;
    if (value_len && !value) {
        build_fail(b, proto_fail(&b->err, PROTO_EINVAL, b->len, "AVP value", "no buffer"));
        return false;
    }
    if (wire_value_len > AVP_MAX_VALUE) {
        build_fail(b, proto_fail(&b->err, PROTO_ELENGTH, b->len, "AVP Length",
                                 "value of %zu octets; an AVP holds at most %d (§4.1)",
                                 wire_value_len, AVP_MAX_VALUE));
        return false;
    }
    if (L2TP_AVP_HDR_LEN + wire_value_len > b->cap - b->len) {
        build_fail(b, proto_fail(&b->err, PROTO_ENOSPC, b->len, "AVP",
                                 "needs %zu octets, %zu left", L2TP_AVP_HDR_LEN + wire_value_len,
                                 b->cap - b->len));
        return false;
    }
    /* The plain value must satisfy the table, hidden or not. */
    struct l2tp_avp avp = {
        .flags = hidden ? L2TP_AVP_H : 0,
        .vendor = vendor,
        .type = type,
        .value = value,
        .value_len = value_len,
        .offset = b->len,
    };
    proto_status st = l2tp_avp_check(&avp, &b->err);
    if (st) {
        build_fail(b, st);
        return false;
    }
    return true;
}

static void put_avp_header(struct l2tp_builder *b, bool mandatory, bool hidden, uint16_t vendor,
                           uint16_t type, size_t value_len)
{
    uint8_t *p = b->buf + b->len;
    put16(p, (uint16_t)((mandatory ? L2TP_AVP_M : 0) | (hidden ? L2TP_AVP_H : 0) |
                        (L2TP_AVP_HDR_LEN + value_len)));
    put16(p + 2, vendor);
    put16(p + 4, type);
}

void l2tp_build_avp(struct l2tp_builder *b, bool mandatory, uint16_t vendor, uint16_t type,
                    const void *value, size_t len)
{
    if (!build_check(b, false, vendor, type, value, len, len))
        return;
    put_avp_header(b, mandatory, false, vendor, type, len);
    uint8_t *v = b->buf + b->len + L2TP_AVP_HDR_LEN;
    if (len)
        memmove(v, value, len); /* the value may come from the same buffer */
    if (vendor == L2TP_VENDOR_IETF && type == L2TP_AVP_RANDOM_VECTOR) {
        b->random_vector = v;
        b->random_vector_len = len;
    }
    b->len += L2TP_AVP_HDR_LEN + len;
}

void l2tp_build_u16(struct l2tp_builder *b, bool mandatory, uint16_t type, uint16_t v)
{
    uint8_t d[2];
    put16(d, v);
    l2tp_build_avp(b, mandatory, L2TP_VENDOR_IETF, type, d, sizeof d);
}

void l2tp_build_u32(struct l2tp_builder *b, bool mandatory, uint16_t type, uint32_t v)
{
    uint8_t d[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    l2tp_build_avp(b, mandatory, L2TP_VENDOR_IETF, type, d, sizeof d);
}

void l2tp_build_str(struct l2tp_builder *b, bool mandatory, uint16_t type, const char *s)
{
    l2tp_build_avp(b, mandatory, L2TP_VENDOR_IETF, type, s, s ? strlen(s) : 0);
}

void l2tp_build_result(struct l2tp_builder *b, uint16_t result, uint16_t error, const char *text)
{
    uint8_t d[AVP_MAX_VALUE];
    size_t tlen = text ? strlen(text) : 0;
    if (tlen > sizeof d - 4) {
        if (!build_failed(b))
            build_fail(b, proto_fail(&b->err, PROTO_ELENGTH, b->len, "Error Message",
                                     "%zu octets do not fit one AVP", tlen));
        return;
    }
    put16(d, result);
    put16(d + 2, error);
    if (tlen)
        memcpy(d + 4, text, tlen);
    /* §4.4.2: the M bit MUST be 1. */
    l2tp_build_avp(b, true, L2TP_VENDOR_IETF, L2TP_AVP_RESULT_CODE, d, 4 + tlen);
}

void l2tp_build_result_only(struct l2tp_builder *b, uint16_t result)
{
    l2tp_build_u16(b, true, L2TP_AVP_RESULT_CODE, result);
}

void l2tp_build_random_vector(struct l2tp_builder *b, const uint8_t *rv, size_t len)
{
    /* §4.4.3: Random Vector is mandatory (M=1) and never hidden. */
    l2tp_build_avp(b, true, L2TP_VENDOR_IETF, L2TP_AVP_RANDOM_VECTOR, rv, len);
}

void l2tp_build_hidden(struct l2tp_builder *b, bool mandatory, uint16_t vendor, uint16_t type,
                       const void *value, size_t len, const uint8_t *pad, size_t pad_len)
{
    if (!build_check(b, true, vendor, type, value, len, 2 + len + pad_len))
        return;
    if (!b->secret.data || !b->secret.len || !b->random_vector) {
        build_fail(b, proto_fail(&b->err, PROTO_EHIDDEN, b->len, "hidden AVP",
                                 "needs %s (§4.3)",
                                 b->random_vector ? "a shared secret"
                                                  : "a Random Vector AVP before it"));
        return;
    }
    size_t n = 0;
    uint8_t *v = b->buf + b->len + L2TP_AVP_HDR_LEN;
    proto_status st = l2tp_hide(type, b->secret.data, b->secret.len, b->random_vector,
                                b->random_vector_len, value, len, pad, pad_len, v,
                                b->cap - b->len - L2TP_AVP_HDR_LEN, &n, &b->err);
    if (st) {
        build_fail(b, st);
        return;
    }
    put_avp_header(b, mandatory, true, vendor, type, n);
    b->len += L2TP_AVP_HDR_LEN + n;
}

proto_status l2tp_build_end(struct l2tp_builder *b, size_t *out_len, struct proto_error *err)
{
    if (build_failed(b)) {
        if (err)
            *err = b->err;
        return b->status;
    }
    size_t hl = 0;
    size_t payload = b->len - l2tp_header_size(&b->hdr);
    proto_status st = l2tp_header_encode(&b->hdr, payload, b->buf, b->cap, &hl, &b->err);
    if (st) {
        build_fail(b, st);
        if (err)
            *err = b->err;
        return st;
    }
    *out_len = b->len;
    return PROTO_OK;
}
