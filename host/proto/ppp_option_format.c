/* One configuration option in the seed's debug wording (Cisco IOS
 * "debug ppp negotiation"): "MagicNumber 0x6EE4E865 (0x05066EE4E865)".
 * Values come from the same decoders the protocol uses, so what is printed
 * is what was understood; an option they refuse prints as "bad length". */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ppp_const.h"
#include "ppp_cp.h"

struct text {
    char *buf;
    size_t cap, pos;
};

__attribute__((format(printf, 2, 3))) static void add(struct text *t, const char *fmt, ...)
{
    if (t->pos >= t->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->pos, t->cap - t->pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->pos += (size_t)n < t->cap - t->pos ? (size_t)n : t->cap - t->pos - 1;
}

static void add_ipv4(struct text *t, uint32_t a)
{
    add(t, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xFFu, (a >> 8) & 0xFFu, a & 0xFFu);
}

static const char *lcp_label(uint8_t type)
{
    switch (type) {
    case LCP_OPT_MRU: return "MRU";
    case LCP_OPT_ACCM: return "ACCM";
    case LCP_OPT_AUTH_PROTOCOL: return "AuthProto";
    case LCP_OPT_QUALITY_PROTOCOL: return "QualityType";
    case LCP_OPT_MAGIC_NUMBER: return "MagicNumber";
    case LCP_OPT_PFC: return "PFC";
    case LCP_OPT_ACFC: return "ACFC";
    case LCP_OPT_CALLBACK: return "Callback";
    case LCP_OPT_MRRU: return "MRRU";
    case LCP_OPT_SHORT_SEQ: return "ShortSeq";
    case LCP_OPT_ENDPOINT_DISC: return "EndpointDisc";
    }
    return NULL;
}

static const char *ipcp_label(uint8_t type)
{
    switch (type) {
    case IPCP_OPT_IP_ADDRESSES: return "Addresses";
    case IPCP_OPT_IP_COMPRESSION: return "CompressType";
    case IPCP_OPT_IP_ADDRESS: return "Address";
    case IPCP_OPT_PRIMARY_DNS: return "PrimaryDNS";
    case IPCP_OPT_SECONDARY_DNS: return "SecondaryDNS";
    case IPCP_OPT_PRIMARY_NBNS: return "PrimaryWINS";
    case IPCP_OPT_SECONDARY_NBNS: return "SecondaryWINS";
    }
    return NULL;
}

static const char *endpoint_class_name(uint8_t class)
{
    switch (class) {
    case LCP_ED_NULL: return "Null";
    case LCP_ED_LOCAL: return "Local";
    case LCP_ED_IP: return "IP";
    case LCP_ED_IEEE802: return "MAC";
    case LCP_ED_PPP_MAGIC: return "Magic";
    case LCP_ED_PSNDN: return "Phone";
    }
    return "Unknown";
}

static void lcp_value(struct text *t, const struct lcp_options *o)
{
    if (o->has_mru)
        add(t, " %u", o->mru);
    else if (o->has_accm)
        add(t, " 0x%08X", o->accm);
    else if (o->has_auth) {
        if (o->auth_protocol == PPP_PROTO_CHAP) {
            uint8_t alg = o->auth_data[0];
            add(t, "%s", alg == CHAP_ALG_MD5        ? " CHAP"
                         : alg == CHAP_ALG_MSCHAP   ? " MS-CHAP"
                         : alg == CHAP_ALG_MSCHAPV2 ? " MS-CHAP-V2"
                                                    : " CHAP alg");
            if (alg != CHAP_ALG_MD5 && alg != CHAP_ALG_MSCHAP && alg != CHAP_ALG_MSCHAPV2)
                add(t, " %u", alg);
        } else if (o->auth_protocol == PPP_PROTO_PAP) {
            add(t, " PAP");
        } else {
            add(t, " 0x%04X", o->auth_protocol);
        }
    } else if (o->has_quality)
        add(t, " 0x%04X", o->quality_protocol);
    else if (o->has_magic)
        add(t, " 0x%08X", o->magic);
    else if (o->has_callback)
        add(t, " %u", o->callback_op);
    else if (o->has_mrru)
        add(t, " %u", o->mrru);
    else if (o->has_endpoint)
        add(t, " %u %s", o->endpoint_class, endpoint_class_name(o->endpoint_class));
}

static void ipcp_value(struct text *t, const struct ipcp_options *o)
{
    if (o->has_address) {
        add(t, " ");
        add_ipv4(t, o->address);
    } else if (o->has_compression) {
        if (o->compression_protocol == PPP_PROTO_VJ_COMP) {
            add(t, " VJ %u slots", o->vj_max_slot_id);
            if (o->vj_comp_slot_id)
                add(t, " CompressSlotID");
        } else {
            add(t, " 0x%04X", o->compression_protocol);
        }
    } else {
        uint32_t a = o->has_primary_dns     ? o->primary_dns
                     : o->has_secondary_dns ? o->secondary_dns
                     : o->has_primary_nbns  ? o->primary_nbns
                                            : o->secondary_nbns;
        add(t, " ");
        add_ipv4(t, a);
    }
}

/* An option the decoder refused: a wrong length, or a value the RFC forbids. */
static void add_refused(struct text *t, proto_status st, uint8_t length)
{
    if (st == PROTO_ELENGTH)
        add(t, " bad length %u", length);
    else
        add(t, " bad value");
}

char *ppp_option_format(uint16_t protocol, const struct ppp_option *opt, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return buf;
    buf[0] = '\0';
    if (!opt || (!opt->data && opt->data_len > 0) || opt->data_len > 253)
        return buf;
    struct text t = {buf, cap, 0};
    /* the option as on the wire: Type, Length, data */
    uint8_t raw[255];
    raw[0] = opt->type;
    raw[1] = opt->length;
    if (opt->data_len)
        memcpy(raw + 2, opt->data, opt->data_len);
    size_t raw_len = 2 + opt->data_len;

    const char *label = protocol == PPP_PROTO_LCP    ? lcp_label(opt->type)
                        : protocol == PPP_PROTO_IPCP ? ipcp_label(opt->type)
                                                     : NULL;
    if (!label) {
        add(&t, "Option %u", opt->type);
    } else if (protocol == PPP_PROTO_IPCP && opt->type == IPCP_OPT_IP_ADDRESSES) {
        /* RFC 1332 §3.1 (deprecated): source and destination address */
        add(&t, "%s", label);
        if (raw_len == 10) {
            add(&t, " ");
            add_ipv4(&t, (uint32_t)raw[2] << 24 | (uint32_t)raw[3] << 16 | raw[4] << 8 | raw[5]);
            add(&t, " ");
            add_ipv4(&t, (uint32_t)raw[6] << 24 | (uint32_t)raw[7] << 16 | raw[8] << 8 | raw[9]);
        } else {
            add(&t, " bad length %u", opt->length);
        }
    } else if (protocol == PPP_PROTO_LCP) {
        struct lcp_options o;
        add(&t, "%s", label);
        proto_status st = lcp_options_decode(raw, raw_len, &o, NULL, NULL);
        if (st == PROTO_OK)
            lcp_value(&t, &o);
        else
            add_refused(&t, st, opt->length);
    } else {
        struct ipcp_options o;
        add(&t, "%s", label);
        proto_status st = ipcp_options_decode(raw, raw_len, &o, NULL, NULL);
        if (st == PROTO_OK)
            ipcp_value(&t, &o);
        else
            add_refused(&t, st, opt->length);
    }
    add(&t, " (0x");
    for (size_t i = 0; i < raw_len; i++)
        add(&t, "%02X", raw[i]);
    add(&t, ")");
    return buf;
}
