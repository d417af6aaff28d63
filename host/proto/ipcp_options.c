/* IPCP configuration options: RFC 1332 §3 (IP-Compression-Protocol,
 * IP-Address) and RFC 1877 §1 (DNS and NBNS server addresses). */
#include <string.h>

#include "ppp_const.h"
#include "ppp_cp.h"

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const char *ipcp_field(uint8_t type)
{
    switch (type) {
    case IPCP_OPT_IP_COMPRESSION: return "IP-Compression-Protocol";
    case IPCP_OPT_IP_ADDRESS: return "IP-Address";
    case IPCP_OPT_PRIMARY_DNS: return "Primary-DNS-Server-Address";
    case IPCP_OPT_SECONDARY_DNS: return "Secondary-DNS-Server-Address";
    case IPCP_OPT_PRIMARY_NBNS: return "Primary-NBNS-Server-Address";
    case IPCP_OPT_SECONDARY_NBNS: return "Secondary-NBNS-Server-Address";
    }
    return NULL;
}

static proto_status want_len(const struct ppp_option *opt, unsigned len, struct proto_error *err)
{
    if (opt->length != len)
        return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, ipcp_field(opt->type),
                          "length %u, must be %u", opt->length, len);
    return PROTO_OK;
}

static proto_status ipcp_option_decode(const struct ppp_option *opt, struct ipcp_options *o,
                                       struct proto_error *err)
{
    proto_status st = PROTO_OK;
    switch (opt->type) {
    case IPCP_OPT_IP_COMPRESSION: {
        if (opt->length < IPCP_OPT_IP_COMPRESSION_MIN_LEN)
            return proto_fail(err, PROTO_ELENGTH, opt->offset + 1, ipcp_field(opt->type),
                              "length %u, must be at least %u", opt->length,
                              IPCP_OPT_IP_COMPRESSION_MIN_LEN);
        uint16_t proto = (uint16_t)(opt->data[0] << 8 | opt->data[1]);
        /* RFC 1332 §4: Van Jacobson carries Max-Slot-Id and Comp-Slot-Id */
        if (proto == PPP_PROTO_VJ_COMP) {
            if ((st = want_len(opt, IPCP_OPT_VJ_COMPRESSION_LEN, err)) != PROTO_OK)
                return st;
            o->vj_max_slot_id = opt->data[2];
            o->vj_comp_slot_id = opt->data[3];
        }
        o->has_compression = true;
        o->compression_protocol = proto;
        break;
    }
    case IPCP_OPT_IP_ADDRESS:
        if ((st = want_len(opt, IPCP_OPT_IP_ADDRESS_LEN, err)) != PROTO_OK)
            return st;
        o->has_address = true;
        o->address = get32(opt->data);
        break;
    case IPCP_OPT_PRIMARY_DNS:
    case IPCP_OPT_SECONDARY_DNS:
    case IPCP_OPT_PRIMARY_NBNS:
    case IPCP_OPT_SECONDARY_NBNS: {
        if ((st = want_len(opt, IPCP_OPT_NAME_SERVER_LEN, err)) != PROTO_OK)
            return st;
        uint32_t a = get32(opt->data);
        if (opt->type == IPCP_OPT_PRIMARY_DNS)
            o->has_primary_dns = true, o->primary_dns = a;
        else if (opt->type == IPCP_OPT_SECONDARY_DNS)
            o->has_secondary_dns = true, o->secondary_dns = a;
        else if (opt->type == IPCP_OPT_PRIMARY_NBNS)
            o->has_primary_nbns = true, o->primary_nbns = a;
        else
            o->has_secondary_nbns = true, o->secondary_nbns = a;
        break;
    }
    }
    return PROTO_OK;
}

proto_status ipcp_options_decode(const uint8_t *opts, size_t len, struct ipcp_options *o,
                                 unsigned *unknown, struct proto_error *err)
{
    if (!o || (!opts && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ipcp_options_decode", "NULL argument");
    *o = (struct ipcp_options){0};
    if (unknown)
        *unknown = 0;
    struct ppp_option_iter it;
    struct ppp_option opt;
    ppp_option_iter_init(&it, opts, len, 0);
    int rc;
    while ((rc = ppp_option_next(&it, &opt, err)) > 0) {
        if (!ipcp_field(opt.type)) {
            /* includes the deprecated IP-Addresses (RFC 1332 §3.1) */
            if (unknown)
                (*unknown)++;
            continue;
        }
        proto_status st = ipcp_option_decode(&opt, o, err);
        if (st != PROTO_OK)
            return st;
    }
    return rc < 0 ? (proto_status)rc : PROTO_OK;
}

static bool put_addr(uint8_t *out, size_t cap, size_t *pos, uint8_t type, uint32_t a)
{
    if (cap - *pos < IPCP_OPT_NAME_SERVER_LEN)
        return false;
    uint8_t *p = out + *pos;
    p[0] = type;
    p[1] = IPCP_OPT_NAME_SERVER_LEN;
    for (int i = 0; i < 4; i++)
        p[2 + i] = (uint8_t)(a >> (24 - 8 * i));
    *pos += IPCP_OPT_NAME_SERVER_LEN;
    return true;
}

proto_status ipcp_options_encode(const struct ipcp_options *o, uint8_t *out, size_t cap,
                                 size_t *out_len, struct proto_error *err)
{
    if (!o || !out_len || (!out && cap > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ipcp_options_encode", "NULL argument");
    size_t pos = 0;
    bool ok = true;
    /* ascending type order */
    if (o->has_compression) {
        bool vj = o->compression_protocol == PPP_PROTO_VJ_COMP;
        size_t n = vj ? IPCP_OPT_VJ_COMPRESSION_LEN : IPCP_OPT_IP_COMPRESSION_MIN_LEN;
        ok = cap - pos >= n;
        if (ok) {
            out[pos] = IPCP_OPT_IP_COMPRESSION;
            out[pos + 1] = (uint8_t)n;
            out[pos + 2] = (uint8_t)(o->compression_protocol >> 8);
            out[pos + 3] = (uint8_t)o->compression_protocol;
            if (vj) {
                out[pos + 4] = o->vj_max_slot_id;
                out[pos + 5] = o->vj_comp_slot_id;
            }
            pos += n;
        }
    }
    /* IP-Address has the same layout as the name-server options */
    ok = ok && (!o->has_address || put_addr(out, cap, &pos, IPCP_OPT_IP_ADDRESS, o->address));
    ok = ok && (!o->has_primary_dns ||
                put_addr(out, cap, &pos, IPCP_OPT_PRIMARY_DNS, o->primary_dns));
    ok = ok && (!o->has_primary_nbns ||
                put_addr(out, cap, &pos, IPCP_OPT_PRIMARY_NBNS, o->primary_nbns));
    ok = ok && (!o->has_secondary_dns ||
                put_addr(out, cap, &pos, IPCP_OPT_SECONDARY_DNS, o->secondary_dns));
    ok = ok && (!o->has_secondary_nbns ||
                put_addr(out, cap, &pos, IPCP_OPT_SECONDARY_NBNS, o->secondary_nbns));
    if (!ok)
        return proto_fail(err, PROTO_ENOSPC, pos, "output", "%zu octets do not hold the options",
                          cap);
    *out_len = pos;
    return PROTO_OK;
}
