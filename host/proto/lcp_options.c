/* LCP configuration options: RFC 1661 §6, RFC 1570 §2.3 (Callback),
 * RFC 1990 §5.1 (MRRU, Short Sequence, Endpoint Discriminator). */
#include <string.h>

#include "ppp_const.h"
#include "ppp_cp.h"

/* Length bounds of each known option, whole option counted. */
struct lcp_rule {
    uint8_t type;
    uint8_t min_len, max_len;
    const char *field; /* the RFC's name of the option */
};

static const struct lcp_rule lcp_rules[] = {
    {LCP_OPT_MRU, LCP_OPT_MRU_LEN, LCP_OPT_MRU_LEN, "Maximum-Receive-Unit"},
    {LCP_OPT_ACCM, LCP_OPT_ACCM_LEN, LCP_OPT_ACCM_LEN, "Async-Control-Character-Map"},
    {LCP_OPT_AUTH_PROTOCOL, LCP_OPT_AUTH_PROTOCOL_MIN_LEN, 255, "Authentication-Protocol"},
    {LCP_OPT_QUALITY_PROTOCOL, LCP_OPT_QUALITY_PROTOCOL_MIN_LEN, 255, "Quality-Protocol"},
    {LCP_OPT_MAGIC_NUMBER, LCP_OPT_MAGIC_NUMBER_LEN, LCP_OPT_MAGIC_NUMBER_LEN, "Magic-Number"},
    {LCP_OPT_PFC, LCP_OPT_PFC_LEN, LCP_OPT_PFC_LEN, "Protocol-Field-Compression"},
    {LCP_OPT_ACFC, LCP_OPT_ACFC_LEN, LCP_OPT_ACFC_LEN, "Address-and-Control-Field-Compression"},
    {LCP_OPT_CALLBACK, LCP_OPT_CALLBACK_MIN_LEN, 255, "Callback"},
    {LCP_OPT_MRRU, LCP_OPT_MRRU_LEN, LCP_OPT_MRRU_LEN, "Multilink-MRRU"},
    {LCP_OPT_SHORT_SEQ, LCP_OPT_SHORT_SEQ_LEN, LCP_OPT_SHORT_SEQ_LEN,
     "Multilink-Short-Sequence-Number-Header-Format"},
    {LCP_OPT_ENDPOINT_DISC, LCP_OPT_ENDPOINT_DISC_MIN_LEN, LCP_OPT_ENDPOINT_DISC_MAX_LEN,
     "Endpoint-Discriminator"},
};

static const struct lcp_rule *lcp_rule(uint8_t type)
{
    for (size_t i = 0; i < sizeof lcp_rules / sizeof lcp_rules[0]; i++)
        if (lcp_rules[i].type == type)
            return &lcp_rules[i];
    return NULL;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* RFC 1990 §5.1.3: the Address length each class allows; false for a class
 * the RFC does not define. */
static bool endpoint_len_ok(uint8_t class, size_t len)
{
    switch (class) {
    case LCP_ED_NULL: return len == 0;
    case LCP_ED_LOCAL: return len <= LCP_ED_MAX_ADDR_LEN;
    case LCP_ED_IP: return len == LCP_ED_IP_ADDR_LEN;
    case LCP_ED_IEEE802: return len == LCP_ED_IEEE802_ADDR_LEN;
    case LCP_ED_PPP_MAGIC: return len <= LCP_ED_MAX_ADDR_LEN && len % 4 == 0;
    case LCP_ED_PSNDN: return len <= LCP_ED_PSNDN_MAX_ADDR_LEN;
    }
    return false;
}

static proto_status lcp_option_decode(const struct ppp_option *opt, const struct lcp_rule *r,
                                      struct lcp_options *o, struct proto_error *err)
{
    const uint8_t *d = opt->data;
    size_t n = opt->data_len;
    switch (opt->type) {
    case LCP_OPT_MRU:
        o->has_mru = true;
        o->mru = get16(d);
        break;
    case LCP_OPT_ACCM:
        o->has_accm = true;
        o->accm = get32(d);
        break;
    case LCP_OPT_AUTH_PROTOCOL: {
        uint16_t proto = get16(d);
        /* RFC 1994 §3: CHAP carries one Algorithm octet; RFC 1334 §3.2: PAP none */
        if (proto == PPP_PROTO_CHAP && opt->length != LCP_OPT_AUTH_CHAP_LEN)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, r->field,
                              "CHAP needs length 5 (protocol + algorithm), got %u", opt->length);
        if (proto == PPP_PROTO_PAP && opt->length != LCP_OPT_AUTH_PAP_LEN)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, r->field,
                              "PAP needs length 4, got %u", opt->length);
        if (n - 2 > sizeof o->auth_data)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, r->field,
                              "%zu data octets, at most %zu are kept", n - 2,
                              sizeof o->auth_data);
        o->has_auth = true;
        o->auth_protocol = proto;
        o->auth_data_len = (uint8_t)(n - 2);
        memcpy(o->auth_data, d + 2, n - 2);
        break;
    }
    case LCP_OPT_QUALITY_PROTOCOL:
        if (n - 2 > sizeof o->quality_data)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, r->field,
                              "%zu data octets, at most %zu are kept", n - 2,
                              sizeof o->quality_data);
        o->has_quality = true;
        o->quality_protocol = get16(d);
        o->quality_data_len = (uint8_t)(n - 2);
        memcpy(o->quality_data, d + 2, n - 2);
        break;
    case LCP_OPT_MAGIC_NUMBER:
        /* zero is not a valid magic (§6.4) but is Nak'd, not a decode error */
        o->has_magic = true;
        o->magic = get32(d);
        break;
    case LCP_OPT_PFC:
        o->has_pfc = true;
        break;
    case LCP_OPT_ACFC:
        o->has_acfc = true;
        break;
    case LCP_OPT_CALLBACK:
        if (n - 1 > sizeof o->callback_message)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, r->field,
                              "%zu message octets, at most %zu are kept", n - 1,
                              sizeof o->callback_message);
        o->has_callback = true;
        o->callback_op = d[0];
        o->callback_message_len = (uint8_t)(n - 1);
        memcpy(o->callback_message, d + 1, n - 1);
        break;
    case LCP_OPT_MRRU:
        o->has_mrru = true;
        o->mrru = get16(d);
        break;
    case LCP_OPT_SHORT_SEQ:
        o->has_short_seq = true;
        break;
    case LCP_OPT_ENDPOINT_DISC:
        if (!endpoint_len_ok(d[0], n - 1))
            return proto_fail(err, d[0] > LCP_ED_PSNDN ? PROTO_EINVAL : PROTO_ELENGTH,
                              d[0] > LCP_ED_PSNDN ? opt->offset + 2 : opt->offset + 1, r->field,
                              "class %u with a %zu-octet address (RFC 1990 §5.1.3)", d[0], n - 1);
        o->has_endpoint = true;
        o->endpoint_class = d[0];
        o->endpoint_len = (uint8_t)(n - 1);
        memcpy(o->endpoint_addr, d + 1, n - 1);
        break;
    }
    return PROTO_OK;
}

proto_status lcp_options_decode(const uint8_t *opts, size_t len, struct lcp_options *o,
                                unsigned *unknown, struct proto_error *err)
{
    if (!o || (!opts && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "lcp_options_decode", "NULL argument");
    *o = (struct lcp_options){0};
    if (unknown)
        *unknown = 0;
    struct ppp_option_iter it;
    struct ppp_option opt;
    ppp_option_iter_init(&it, opts, len, 0);
    int rc;
    while ((rc = ppp_option_next(&it, &opt, err)) > 0) {
        const struct lcp_rule *r = lcp_rule(opt.type);
        if (!r) {
            if (unknown)
                (*unknown)++;
            continue;
        }
        if (opt.length < r->min_len || opt.length > r->max_len)
            return proto_fail(err, PROTO_ELENGTH, opt.offset + 1, r->field,
                              r->min_len == r->max_len ? "length %u, must be %u"
                                                       : "length %u, must be %u to %u",
                              opt.length, r->min_len, r->max_len);
        proto_status st = lcp_option_decode(&opt, r, o, err);
        if (st != PROTO_OK)
            return st;
    }
    return rc < 0 ? (proto_status)rc : PROTO_OK;
}

/* Appends one option; false when it does not fit. */
struct opt_out {
    uint8_t *out;
    size_t cap, pos;
};

static bool put_opt(struct opt_out *w, uint8_t type, const uint8_t *data, size_t n)
{
    if (n + 2 > w->cap - w->pos || w->pos > w->cap)
        return false;
    w->out[w->pos++] = type;
    w->out[w->pos++] = (uint8_t)(n + 2);
    memcpy(w->out + w->pos, data, n);
    w->pos += n;
    return true;
}

proto_status lcp_options_encode(const struct lcp_options *o, uint8_t *out, size_t cap,
                                size_t *out_len, struct proto_error *err)
{
    if (!o || !out_len || (!out && cap > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "lcp_options_encode", "NULL argument");
    if (o->has_auth && o->auth_data_len > sizeof o->auth_data)
        return proto_fail(err, PROTO_ELENGTH, 0, "Authentication-Protocol",
                          "auth_data_len %u", o->auth_data_len);
    if (o->has_auth && o->auth_protocol == PPP_PROTO_CHAP && o->auth_data_len != 1)
        return proto_fail(err, PROTO_EINVAL, 0, "Authentication-Protocol",
                          "CHAP needs exactly one Algorithm octet, have %u", o->auth_data_len);
    if (o->has_auth && o->auth_protocol == PPP_PROTO_PAP && o->auth_data_len != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "Authentication-Protocol",
                          "PAP carries no data, have %u octets", o->auth_data_len);
    if (o->has_quality && o->quality_data_len > sizeof o->quality_data)
        return proto_fail(err, PROTO_ELENGTH, 0, "Quality-Protocol", "quality_data_len %u",
                          o->quality_data_len);
    if (o->has_callback && o->callback_message_len > sizeof o->callback_message)
        return proto_fail(err, PROTO_ELENGTH, 0, "Callback", "callback_message_len %u",
                          o->callback_message_len);
    if (o->has_endpoint && (o->endpoint_len > sizeof o->endpoint_addr ||
                            !endpoint_len_ok(o->endpoint_class, o->endpoint_len)))
        return proto_fail(err, PROTO_EINVAL, 0, "Endpoint-Discriminator",
                          "class %u with a %u-octet address (RFC 1990 §5.1.3)",
                          o->endpoint_class, o->endpoint_len);

    struct opt_out w = {out, cap, 0};
    uint8_t v[64];
    bool ok = true;
    /* ascending type order */
    if (ok && o->has_mru) {
        v[0] = (uint8_t)(o->mru >> 8), v[1] = (uint8_t)o->mru;
        ok = put_opt(&w, LCP_OPT_MRU, v, 2);
    }
    if (ok && o->has_accm) {
        for (int i = 0; i < 4; i++)
            v[i] = (uint8_t)(o->accm >> (24 - 8 * i));
        ok = put_opt(&w, LCP_OPT_ACCM, v, 4);
    }
    if (ok && o->has_auth) {
        v[0] = (uint8_t)(o->auth_protocol >> 8), v[1] = (uint8_t)o->auth_protocol;
        memcpy(v + 2, o->auth_data, o->auth_data_len);
        ok = put_opt(&w, LCP_OPT_AUTH_PROTOCOL, v, 2u + o->auth_data_len);
    }
    if (ok && o->has_quality) {
        v[0] = (uint8_t)(o->quality_protocol >> 8), v[1] = (uint8_t)o->quality_protocol;
        memcpy(v + 2, o->quality_data, o->quality_data_len);
        ok = put_opt(&w, LCP_OPT_QUALITY_PROTOCOL, v, 2u + o->quality_data_len);
    }
    if (ok && o->has_magic) {
        for (int i = 0; i < 4; i++)
            v[i] = (uint8_t)(o->magic >> (24 - 8 * i));
        ok = put_opt(&w, LCP_OPT_MAGIC_NUMBER, v, 4);
    }
    if (ok && o->has_pfc)
        ok = put_opt(&w, LCP_OPT_PFC, v, 0);
    if (ok && o->has_acfc)
        ok = put_opt(&w, LCP_OPT_ACFC, v, 0);
    if (ok && o->has_callback) {
        v[0] = o->callback_op;
        memcpy(v + 1, o->callback_message, o->callback_message_len);
        ok = put_opt(&w, LCP_OPT_CALLBACK, v, 1u + o->callback_message_len);
    }
    if (ok && o->has_mrru) {
        v[0] = (uint8_t)(o->mrru >> 8), v[1] = (uint8_t)o->mrru;
        ok = put_opt(&w, LCP_OPT_MRRU, v, 2);
    }
    if (ok && o->has_short_seq)
        ok = put_opt(&w, LCP_OPT_SHORT_SEQ, v, 0);
    if (ok && o->has_endpoint) {
        v[0] = o->endpoint_class;
        memcpy(v + 1, o->endpoint_addr, o->endpoint_len);
        ok = put_opt(&w, LCP_OPT_ENDPOINT_DISC, v, 1u + o->endpoint_len);
    }
    if (!ok)
        return proto_fail(err, PROTO_ENOSPC, w.pos, "output", "%zu octets do not hold the options",
                          cap);
    *out_len = w.pos;
    return PROTO_OK;
}
