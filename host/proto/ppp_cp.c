/* Control protocol packets (RFC 1661 §5) and the option list walker (§6). */
#include "ppp_cp.h"

#include <string.h>

#include "ppp_const.h"

#define CP_HEADER_LEN 4u   /* Code, Identifier, Length (RFC 1661 §5) */
#define OPTION_HEADER_LEN 2u /* Type, Length (RFC 1661 §6) */

proto_status ppp_cp_decode(const uint8_t *buf, size_t len, struct ppp_cp_packet *p,
                           struct proto_error *err)
{
    if (!p || (!buf && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_cp_decode", "NULL argument");
    if (len < CP_HEADER_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, len < 1 ? "Code" : len < 2 ? "Identifier"
                                                                            : "Length",
                          "%zu octets, the header alone is 4", len);
    uint16_t length = (uint16_t)(buf[2] << 8 | buf[3]);
    if (length < CP_HEADER_LEN)
        return proto_fail(err, PROTO_ELENGTH, 2, "Length", "%u is below the 4-octet header",
                          length);
    /* §5: octets past Length are padding and ignored; fewer is a truncated packet */
    if (length > len)
        return proto_fail(err, PROTO_ELENGTH, 2, "Length", "%u exceeds the %zu octets received",
                          length, len);
    *p = (struct ppp_cp_packet){
        .code = buf[0],
        .id = buf[1],
        .length = length,
        .data = buf + CP_HEADER_LEN,
        .data_len = length - CP_HEADER_LEN,
    };
    return PROTO_OK;
}

proto_status ppp_cp_encode(uint8_t code, uint8_t id, const uint8_t *data, size_t data_len,
                           uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err)
{
    if (!out || !out_len || (!data && data_len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_cp_encode", "NULL argument");
    if (data_len > UINT16_MAX - CP_HEADER_LEN)
        return proto_fail(err, PROTO_ELENGTH, 2, "Length", "%zu data octets do not fit in Length",
                          data_len);
    size_t total = CP_HEADER_LEN + data_len;
    if (total > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "output", "%zu octets do not hold %zu", cap,
                          total);
    out[0] = code;
    out[1] = id;
    out[2] = (uint8_t)(total >> 8);
    out[3] = (uint8_t)total;
    if (data_len)
        memmove(out + CP_HEADER_LEN, data, data_len);
    *out_len = total;
    return PROTO_OK;
}

const char *ppp_cp_code_name(uint8_t code)
{
    switch (code) {
    case PPP_CONFIGURE_REQUEST: return "CONFREQ";
    case PPP_CONFIGURE_ACK: return "CONFACK";
    case PPP_CONFIGURE_NAK: return "CONFNAK";
    case PPP_CONFIGURE_REJECT: return "CONFREJ";
    case PPP_TERMINATE_REQUEST: return "TERMREQ";
    case PPP_TERMINATE_ACK: return "TERMACK";
    case PPP_CODE_REJECT: return "CODEREJ";
    case PPP_PROTOCOL_REJECT: return "PROTREJ";
    case PPP_ECHO_REQUEST: return "ECHOREQ";
    case PPP_ECHO_REPLY: return "ECHOREP";
    case PPP_DISCARD_REQUEST: return "DISCREQ";
    case PPP_IDENTIFICATION: return "IDENTIFY";
    case PPP_TIME_REMAINING: return "TIMEREM";
    }
    return "UNKNOWN";
}

void ppp_option_iter_init(struct ppp_option_iter *it, const uint8_t *opts, size_t len,
                          size_t base_offset)
{
    *it = (struct ppp_option_iter){.buf = opts, .len = opts ? len : 0, .base_offset = base_offset};
}

int ppp_option_next(struct ppp_option_iter *it, struct ppp_option *opt, struct proto_error *err)
{
    if (!it || !opt)
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_option_next", "NULL argument");
    if (it->pos >= it->len)
        return 0;
    size_t off = it->base_offset + it->pos;
    size_t left = it->len - it->pos;
    if (left < OPTION_HEADER_LEN)
        return proto_fail(err, PROTO_ETRUNC, off, "Length", "option ends after its Type %u",
                          it->buf[it->pos]);
    uint8_t type = it->buf[it->pos];
    uint8_t length = it->buf[it->pos + 1];
    if (length < OPTION_HEADER_LEN)
        return proto_fail(err, PROTO_ELENGTH, off + 1, "Length",
                          "option type %u length %u is below 2", type, length);
    if (length > left)
        return proto_fail(err, PROTO_ELENGTH, off + 1, "Length",
                          "option type %u length %u overruns the %zu octets left", type, length,
                          left);
    *opt = (struct ppp_option){
        .type = type,
        .length = length,
        .data = it->buf + it->pos + OPTION_HEADER_LEN,
        .data_len = length - OPTION_HEADER_LEN,
        .offset = off,
    };
    it->pos += length;
    return 1;
}
