/* CHAP (RFC 1994 §4) and PAP (RFC 1334 §2.2) packets, and the CHAP-MD5
 * response (RFC 1994 §4.1, §2). Both share the RFC 1661 §5 header: Code,
 * Identifier, Length, where octets past Length are padding. */
#include "ppp_auth.h"

#include <string.h>

#include "ppp_const.h"
#include "ppp_cp.h"

#define AUTH_HEADER_LEN 4u

proto_status chap_decode(const uint8_t *buf, size_t len, struct chap_packet *p,
                         struct proto_error *err)
{
    if (!p)
        return proto_fail(err, PROTO_EINVAL, 0, "chap_decode", "NULL argument");
    struct ppp_cp_packet h;
    proto_status st = ppp_cp_decode(buf, len, &h, err);
    if (st != PROTO_OK)
        return st;
    *p = (struct chap_packet){.code = h.code, .id = h.id};
    switch (h.code) {
    case CHAP_CHALLENGE:
    case CHAP_RESPONSE:
        /* §4.1: Value-Size, Value (one or more octets), Name (the rest) */
        if (h.data_len < 1)
            return proto_fail(err, PROTO_ETRUNC, AUTH_HEADER_LEN, "Value-Size",
                              "Length %u leaves no Value-Size", h.length);
        p->value_len = h.data[0];
        if (p->value_len == 0)
            return proto_fail(err, PROTO_EINVAL, AUTH_HEADER_LEN, "Value-Size",
                              "0: the Value is one or more octets");
        if (1u + p->value_len > h.data_len)
            return proto_fail(err, PROTO_ELENGTH, AUTH_HEADER_LEN, "Value-Size",
                              "%u overruns Length %u", p->value_len, h.length);
        p->value = h.data + 1;
        p->name = h.data + 1 + p->value_len;
        p->name_len = h.data_len - 1 - p->value_len;
        return PROTO_OK;
    case CHAP_SUCCESS:
    case CHAP_FAILURE:
        /* §4.2: the Message is the rest, possibly empty */
        p->name = h.data;
        p->name_len = h.data_len;
        return PROTO_OK;
    }
    return proto_fail(err, PROTO_EINVAL, 0, "Code", "%u is not a CHAP code (1-4)", h.code);
}

proto_status chap_encode(const struct chap_packet *p, uint8_t *out, size_t cap, size_t *out_len,
                         struct proto_error *err)
{
    if (!p || !out_len || (!out && cap > 0) || (!p->name && p->name_len > 0) ||
        (!p->value && p->value_len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "chap_encode", "NULL argument");
    size_t total = AUTH_HEADER_LEN;
    bool has_value = p->code == CHAP_CHALLENGE || p->code == CHAP_RESPONSE;
    if (has_value) {
        if (p->value_len == 0)
            return proto_fail(err, PROTO_EINVAL, AUTH_HEADER_LEN, "Value-Size",
                              "0: the Value is one or more octets");
        total += 1u + p->value_len;
    } else if (p->code != CHAP_SUCCESS && p->code != CHAP_FAILURE) {
        return proto_fail(err, PROTO_EINVAL, 0, "Code", "%u is not a CHAP code (1-4)", p->code);
    }
    if (p->name_len > UINT16_MAX - total)
        return proto_fail(err, PROTO_ELENGTH, 2, "Length", "%zu name octets do not fit",
                          p->name_len);
    total += p->name_len;
    if (total > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "output", "%zu octets do not hold %zu", cap,
                          total);
    out[0] = p->code;
    out[1] = p->id;
    out[2] = (uint8_t)(total >> 8);
    out[3] = (uint8_t)total;
    size_t pos = AUTH_HEADER_LEN;
    if (has_value) {
        out[pos++] = p->value_len;
        memcpy(out + pos, p->value, p->value_len);
        pos += p->value_len;
    }
    if (p->name_len)
        memcpy(out + pos, p->name, p->name_len);
    *out_len = total;
    return PROTO_OK;
}

proto_status chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
                               const uint8_t *challenge, size_t challenge_len,
                               uint8_t response[MD5_DIGEST_LEN])
{
    if (!response || (!secret && secret_len > 0) || !challenge || challenge_len == 0)
        return PROTO_EINVAL;
    /* RFC 1994 §4.1: "the one-way hash ... over ... the Identifier, followed
     * by the "secret", followed by the Challenge Value" */
    const struct md5_part parts[] = {
        {&id, 1},
        {secret, secret_len},
        {challenge, challenge_len},
    };
    return md5_parts(parts, 3, response);
}

/* Reads a one-octet length and that many octets at data[*pos]. */
static proto_status pap_field(const struct ppp_cp_packet *h, size_t *pos, const char *len_field,
                              const uint8_t **val, uint8_t *val_len, struct proto_error *err)
{
    if (*pos >= h->data_len)
        return proto_fail(err, PROTO_ETRUNC, AUTH_HEADER_LEN + *pos, len_field,
                          "Length %u ends before it", h->length);
    *val_len = h->data[*pos];
    if (*val_len > h->data_len - *pos - 1)
        return proto_fail(err, PROTO_ELENGTH, AUTH_HEADER_LEN + *pos, len_field,
                          "%u overruns Length %u", *val_len, h->length);
    *val = h->data + *pos + 1;
    *pos += 1u + *val_len;
    return PROTO_OK;
}

proto_status pap_decode(const uint8_t *buf, size_t len, struct pap_packet *p,
                        struct proto_error *err)
{
    if (!p)
        return proto_fail(err, PROTO_EINVAL, 0, "pap_decode", "NULL argument");
    struct ppp_cp_packet h;
    proto_status st = ppp_cp_decode(buf, len, &h, err);
    if (st != PROTO_OK)
        return st;
    *p = (struct pap_packet){.code = h.code, .id = h.id};
    size_t pos = 0;
    switch (h.code) {
    case PAP_AUTHENTICATE_REQUEST:
        /* §2.2.1: Peer-ID Length, Peer-ID, Passwd-Length, Password */
        st = pap_field(&h, &pos, "Peer-ID Length", &p->peer_id, &p->peer_id_len, err);
        if (st == PROTO_OK)
            st = pap_field(&h, &pos, "Passwd-Length", &p->password, &p->password_len, err);
        return st;
    case PAP_AUTHENTICATE_ACK:
    case PAP_AUTHENTICATE_NAK:
        /* §2.2.2: Msg-Length, Message */
        return pap_field(&h, &pos, "Msg-Length", &p->message, &p->message_len, err);
    }
    return proto_fail(err, PROTO_EINVAL, 0, "Code", "%u is not a PAP code (1-3)", h.code);
}

proto_status pap_encode(const struct pap_packet *p, uint8_t *out, size_t cap, size_t *out_len,
                        struct proto_error *err)
{
    if (!p || !out_len || (!out && cap > 0) || (!p->peer_id && p->peer_id_len > 0) ||
        (!p->password && p->password_len > 0) || (!p->message && p->message_len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "pap_encode", "NULL argument");
    size_t total;
    if (p->code == PAP_AUTHENTICATE_REQUEST)
        total = AUTH_HEADER_LEN + 2u + p->peer_id_len + p->password_len;
    else if (p->code == PAP_AUTHENTICATE_ACK || p->code == PAP_AUTHENTICATE_NAK)
        total = AUTH_HEADER_LEN + 1u + p->message_len;
    else
        return proto_fail(err, PROTO_EINVAL, 0, "Code", "%u is not a PAP code (1-3)", p->code);
    if (total > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "output", "%zu octets do not hold %zu", cap,
                          total);
    out[0] = p->code;
    out[1] = p->id;
    out[2] = (uint8_t)(total >> 8);
    out[3] = (uint8_t)total;
    size_t pos = AUTH_HEADER_LEN;
    if (p->code == PAP_AUTHENTICATE_REQUEST) {
        out[pos++] = p->peer_id_len;
        if (p->peer_id_len)
            memcpy(out + pos, p->peer_id, p->peer_id_len);
        pos += p->peer_id_len;
        out[pos++] = p->password_len;
        if (p->password_len)
            memcpy(out + pos, p->password, p->password_len);
    } else {
        out[pos++] = p->message_len;
        if (p->message_len)
            memcpy(out + pos, p->message, p->message_len);
    }
    *out_len = total;
    return PROTO_OK;
}
