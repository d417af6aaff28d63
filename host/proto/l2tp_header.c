/* L2TPv2 header (RFC 2661 §3.1) encode and decode. */
#include "l2tp_header.h"

#include <stdio.h>
#include <string.h>

#include "l2tp_const.h"

/* Flags/Ver word, Tunnel ID, Session ID: present in every header (§3.1). */
#define L2TP_HDR_FIXED_LEN 6

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

size_t l2tp_header_size(const struct l2tp_header *h)
{
    size_t n = L2TP_HDR_FIXED_LEN;
    if (h->has_length)
        n += 2;
    if (h->has_sequence)
        n += 4;
    if (h->has_offset)
        n += 2 + (size_t)h->offset_size;
    return n;
}

/* Reads the next 16-bit field at *pos, or fails naming it. */
static proto_status take16(const uint8_t *buf, size_t len, size_t *pos, const char *field,
                           uint16_t *v, struct proto_error *err)
{
    if (*pos + 2 > len)
        return proto_fail(err, PROTO_ETRUNC, *pos, field,
                          "datagram ends at %zu, inside the 2-octet field", len);
    *v = get16(buf + *pos);
    *pos += 2;
    return PROTO_OK;
}

/* §3.1: control messages MUST have L and S set and O clear; P is only
 * meaningful for data messages and MUST be 0 in control messages. */
static proto_status check_control_bits(const struct l2tp_header *h, struct proto_error *err)
{
    if (!h->has_length)
        return proto_fail(err, PROTO_EINVAL, 0, "L", "control message (T=1) without Length (L=0)");
    if (!h->has_sequence)
        return proto_fail(err, PROTO_EINVAL, 0, "S",
                          "control message (T=1) without Ns/Nr (S=0)");
    if (h->has_offset)
        return proto_fail(err, PROTO_EINVAL, 0, "O", "control message (T=1) with Offset (O=1)");
    if (h->priority)
        return proto_fail(err, PROTO_EINVAL, 0, "P", "control message (T=1) with Priority (P=1)");
    return PROTO_OK;
}

static proto_status check_version(uint8_t version, struct proto_error *err)
{
    if (version == L2TP_VERSION)
        return PROTO_OK;
    /* §3.1 and the seed's note: Ver 1 on port 1701 is L2F (RFC 2341). */
    if (version == L2F_VERSION)
        return proto_fail(err, PROTO_EVERSION, 1, "Ver",
                          "version 1 is L2F (RFC 2341), not L2TPv2");
    return proto_fail(err, PROTO_EVERSION, 1, "Ver", "version %u is not L2TPv2 (version 2)%s",
                      version, version == 3 ? "; version 3 is L2TPv3 (RFC 3931)" : "");
}

proto_status l2tp_header_decode(const uint8_t *buf, size_t len, unsigned flags,
                                struct l2tp_header *h, struct proto_error *err)
{
    memset(h, 0, sizeof *h);
    if (!buf && len)
        return proto_fail(err, PROTO_EINVAL, 0, "datagram", "no buffer");
    size_t pos = 0;
    uint16_t word = 0;
    proto_status st = take16(buf, len, &pos, "Flags/Ver", &word, err);
    if (st)
        return st;
    h->is_control = word & L2TP_HDR_T;
    h->has_length = word & L2TP_HDR_L;
    h->has_sequence = word & L2TP_HDR_S;
    h->has_offset = word & L2TP_HDR_O;
    h->priority = word & L2TP_HDR_P;
    h->version = (uint8_t)(word & L2TP_HDR_VER_MASK);
    h->reserved_bits = word & L2TP_HDR_RESERVED_MASK;

    /* The version decides what the rest means, so it is checked first. */
    st = check_version(h->version, err);
    if (st)
        return st;
    /* §3.1: reserved bits "MUST be set to 0 on outgoing messages and
     * ignored on incoming messages"; strict mode rejects them. */
    if ((flags & L2TP_DECODE_STRICT) && h->reserved_bits)
        return proto_fail(err, PROTO_ERESERVED, 0, "Reserved",
                          "reserved header bits 0x%04X set", h->reserved_bits);
    if (h->is_control && (st = check_control_bits(h, err)))
        return st;

    size_t length_pos = pos;
    if (h->has_length && (st = take16(buf, len, &pos, "Length", &h->length, err)))
        return st;
    if ((st = take16(buf, len, &pos, "Tunnel ID", &h->tunnel_id, err)) ||
        (st = take16(buf, len, &pos, "Session ID", &h->session_id, err)))
        return st;
    if (h->has_sequence && ((st = take16(buf, len, &pos, "Ns", &h->ns, err)) ||
                            (st = take16(buf, len, &pos, "Nr", &h->nr, err))))
        return st;
    size_t offset_pos = pos;
    if (h->has_offset && (st = take16(buf, len, &pos, "Offset Size", &h->offset_size, err)))
        return st;

    /* Length is the whole message; octets past it in the datagram (UDP
     * padding) are not part of the message and are ignored. */
    size_t msg_len = len;
    if (h->has_length) {
        if (h->length > len)
            return proto_fail(err, PROTO_ELENGTH, length_pos, "Length",
                              "%u exceeds datagram size %zu", h->length, len);
        if (h->length < pos)
            return proto_fail(err, PROTO_ELENGTH, length_pos, "Length",
                              "%u is shorter than the %zu-octet header", h->length, pos);
        msg_len = h->length;
    }
    if (h->has_offset && pos + h->offset_size > msg_len)
        return proto_fail(err, PROTO_ELENGTH, offset_pos, "Offset Size",
                          "%u pad octets run past the message end at %zu", h->offset_size,
                          msg_len);
    h->header_len = pos + (h->has_offset ? h->offset_size : 0);
    h->payload_len = msg_len - h->header_len;
    return PROTO_OK;
}

proto_status l2tp_header_encode(struct l2tp_header *h, size_t payload_len, uint8_t *out,
                                size_t cap, size_t *out_len, struct proto_error *err)
{
    if (h->version != L2TP_VERSION)
        return proto_fail(err, PROTO_EVERSION, 1, "Ver", "can only encode version 2, not %u",
                          h->version);
    if (h->reserved_bits)
        return proto_fail(err, PROTO_ERESERVED, 0, "Reserved",
                          "reserved bits 0x%04X must be 0 when sent (§3.1)", h->reserved_bits);
    proto_status st;
    if (h->is_control && (st = check_control_bits(h, err)))
        return st;
    size_t hlen = l2tp_header_size(h);
    if (h->has_length && hlen + payload_len > 0xFFFF)
        return proto_fail(err, PROTO_ELENGTH, 2, "Length",
                          "message of %zu octets does not fit the 16-bit field",
                          hlen + payload_len);
    if (hlen > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "header", "needs %zu octets, have %zu", hlen,
                          cap);
    uint16_t word = L2TP_VERSION;
    if (h->is_control)
        word |= L2TP_HDR_T;
    if (h->has_length)
        word |= L2TP_HDR_L;
    if (h->has_sequence)
        word |= L2TP_HDR_S;
    if (h->has_offset)
        word |= L2TP_HDR_O;
    if (h->priority)
        word |= L2TP_HDR_P;
    size_t pos = 0;
    put16(out, word);
    pos += 2;
    if (h->has_length) {
        h->length = (uint16_t)(hlen + payload_len);
        put16(out + pos, h->length);
        pos += 2;
    }
    put16(out + pos, h->tunnel_id);
    put16(out + pos + 2, h->session_id);
    pos += 4;
    if (h->has_sequence) {
        put16(out + pos, h->ns);
        put16(out + pos + 2, h->nr);
        pos += 4;
    }
    if (h->has_offset) {
        put16(out + pos, h->offset_size);
        pos += 2;
        memset(out + pos, 0, h->offset_size);
        pos += h->offset_size;
    }
    h->header_len = pos;
    h->payload_len = payload_len;
    *out_len = pos;
    return PROTO_OK;
}

const char *l2tp_header_flags_str(const struct l2tp_header *h, char *buf, size_t cap)
{
    char tmp[6];
    size_t n = 0;
    if (h->is_control)
        tmp[n++] = 'T';
    if (h->has_length)
        tmp[n++] = 'L';
    if (h->has_sequence)
        tmp[n++] = 'S';
    if (h->has_offset)
        tmp[n++] = 'O';
    if (h->priority)
        tmp[n++] = 'P';
    tmp[n] = 0;
    if (cap)
        snprintf(buf, cap, "%s", tmp);
    return buf;
}
