/* RADIUS request attributes and their wire form (aaa_radius_attrs.h). */
#include <stdio.h>
#include <string.h>

#include "aaa_radius_attrs.h"

void aaa_radius_nas_of(const struct aaa *a, struct aaa_radius_nas *nas)
{
    const struct config_radius *c = &a->cfg->radius;
    *nas = (struct aaa_radius_nas){
        .nas_ip = c->nas_ip,
        .nas_identifier = c->nas_identifier[0] ? c->nas_identifier : a->cfg->hostname,
    };
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

proto_status aaa_radius_attr_wire(const VALUE_PAIR *vp, uint8_t *out, size_t cap, size_t *len,
                                  struct proto_error *err)
{
    uint8_t value[RADIUS_ATTR_MAX_VALUE];
    size_t n;
    unsigned vendor = VENDOR(vp->attribute), type = ATTRID(vp->attribute);
    switch (vp->type) {
    case PW_TYPE_INTEGER:
    case PW_TYPE_IPADDR:
    case PW_TYPE_DATE:
        put32(value, vp->lvalue);
        n = 4;
        break;
    case PW_TYPE_STRING:
        n = vp->lvalue;
        if (n > RADIUS_ATTR_MAX_VALUE)
            return proto_fail(err, PROTO_ELENGTH, 0, "Value", "%s: %zu octets exceed %u",
                              vp->name, n, RADIUS_ATTR_MAX_VALUE);
        if (vendor == 0 && type == RADIUS_USER_PASSWORD) {
            /* §5.2: padded to 16 octets, hidden; the length is what shows. */
            n = n == 0 ? 16 : (n + 15) / 16 * 16;
            memset(value, 0, n);
        } else {
            memcpy(value, vp->strvalue, n);
        }
        break;
    default:
        return proto_fail(err, PROTO_EINVAL, 0, "Type", "%s: attribute type %d not sent by l2tpd",
                          vp->name, (int)vp->type);
    }
    size_t need = RADIUS_ATTR_HDR_LEN + n + (vendor ? 6 : 0);
    if (need > RADIUS_ATTR_HDR_LEN + RADIUS_ATTR_MAX_VALUE)
        return proto_fail(err, PROTO_ELENGTH, 0, "Length", "%s: %zu octets do not fit",
                          vp->name, need);
    if (need > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "Length", "%s: %zu octets needed, room for %zu",
                          vp->name, need, cap);
    if (vendor) {
        /* §5.26: Vendor-Specific, Vendor-Id, then the vendor's Type, Length. */
        out[0] = RADIUS_VENDOR_SPECIFIC;
        out[1] = (uint8_t)need;
        put32(out + 2, vendor);
        out[6] = (uint8_t)type;
        out[7] = (uint8_t)(n + 2);
        memcpy(out + 8, value, n);
    } else {
        out[0] = (uint8_t)type;
        out[1] = (uint8_t)need;
        memcpy(out + 2, value, n);
    }
    *len = need;
    return PROTO_OK;
}

proto_status aaa_radius_list_wire(const VALUE_PAIR *list, uint8_t *out, size_t cap, size_t *len,
                                  struct proto_error *err)
{
    size_t off = 0;
    for (const VALUE_PAIR *vp = list; vp; vp = vp->next) {
        size_t n;
        proto_status st = aaa_radius_attr_wire(vp, out + off, cap - off, &n, err);
        if (st != PROTO_OK)
            return st;
        off += n;
    }
    *len = off;
    return PROTO_OK;
}

/* One pair added; vendor 0 for the standard attributes. */
static proto_status add(rc_handle *rh, VALUE_PAIR **list, unsigned attr, unsigned vendor,
                        const void *val, int len, const char *name, struct proto_error *err)
{
    if (len > (int)RADIUS_ATTR_MAX_VALUE)
        return proto_fail(err, PROTO_ELENGTH, 0, name, "%d octets exceed %u", len,
                          RADIUS_ATTR_MAX_VALUE);
    if (!rc_avpair_add(rh, list, (int)attr, val, len, (int)vendor))
        return proto_fail(err, PROTO_EINVAL, 0, name,
                          "radcli cannot add it (missing from the dictionary?)");
    return PROTO_OK;
}

static proto_status add_u32(rc_handle *rh, VALUE_PAIR **list, unsigned attr, uint32_t v,
                            const char *name, struct proto_error *err)
{
    return add(rh, list, attr, 0, &v, 0, name, err);
}

static proto_status add_str(rc_handle *rh, VALUE_PAIR **list, unsigned attr, unsigned vendor,
                            const char *s, const char *name, struct proto_error *err)
{
    return add(rh, list, attr, vendor, s, (int)strlen(s), name, err);
}

/* NAS-IP-Address, NAS-Port, Cisco-NAS-Port, NAS-Port-Type: the seed's
 * order; NAS-Identifier last. */
static proto_status add_nas_head(rc_handle *rh, VALUE_PAIR **list,
                                 const struct aaa_radius_nas *nas, struct proto_error *err)
{
    proto_status st = PROTO_OK;
    if (nas->nas_ip)
        st = add_u32(rh, list, RADIUS_NAS_IP_ADDRESS, nas->nas_ip, "NAS-IP-Address", err);
    if (st == PROTO_OK)
        st = add_u32(rh, list, RADIUS_NAS_PORT, nas->nas_port, "NAS-Port", err);
    if (st == PROTO_OK && nas->port_name && *nas->port_name)
        st = add_str(rh, list, RADIUS_CISCO_NAS_PORT, RADIUS_VENDOR_CISCO, nas->port_name,
                     "Cisco-NAS-Port", err);
    if (st == PROTO_OK)
        st = add_u32(rh, list, RADIUS_NAS_PORT_TYPE, nas->nas_port_type, "NAS-Port-Type", err);
    return st;
}

static proto_status add_nas_tail(rc_handle *rh, VALUE_PAIR **list,
                                 const struct aaa_radius_nas *nas, struct proto_error *err)
{
    if (!nas->nas_identifier || !*nas->nas_identifier)
        return PROTO_OK;
    return add_str(rh, list, RADIUS_NAS_IDENTIFIER, 0, nas->nas_identifier, "NAS-Identifier", err);
}

static proto_status fail_clean(VALUE_PAIR **list, proto_status st)
{
    if (st != PROTO_OK) {
        rc_avpair_free(*list);
        *list = NULL;
    }
    return st;
}

proto_status aaa_radius_build_vpdn(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, const char *user,
                                   const char *password, const char *called, const char *calling,
                                   struct proto_error *err)
{
    *list = NULL;
    if (!user || !*user)
        return proto_fail(err, PROTO_EINVAL, 0, "User-Name", "empty");
    proto_status st = add_nas_head(rh, list, nas, err);
    if (st == PROTO_OK)
        st = add_str(rh, list, RADIUS_USER_NAME, 0, user, "User-Name", err);
    if (st == PROTO_OK && called && *called)
        st = add_str(rh, list, RADIUS_CALLED_STATION_ID, 0, called, "Called-Station-Id", err);
    if (st == PROTO_OK && calling && *calling)
        st = add_str(rh, list, RADIUS_CALLING_STATION_ID, 0, calling, "Calling-Station-Id", err);
    if (st == PROTO_OK)
        st = add_str(rh, list, RADIUS_USER_PASSWORD, 0, password ? password : "",
                     "User-Password", err);
    if (st == PROTO_OK)
        st = add_u32(rh, list, RADIUS_SERVICE_TYPE, RADIUS_SERVICE_OUTBOUND_USER, "Service-Type",
                     err);
    if (st == PROTO_OK)
        st = add_nas_tail(rh, list, nas, err);
    return fail_clean(list, st);
}

static proto_status add_user(rc_handle *rh, VALUE_PAIR **list, const uint8_t *name,
                             size_t name_len, struct proto_error *err)
{
    if (name_len == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "User-Name", "empty");
    return add(rh, list, RADIUS_USER_NAME, 0, name, (int)name_len, "User-Name", err);
}

static proto_status add_framed(rc_handle *rh, VALUE_PAIR **list, struct proto_error *err)
{
    proto_status st = add_u32(rh, list, RADIUS_SERVICE_TYPE, RADIUS_SERVICE_FRAMED_USER,
                              "Service-Type", err);
    if (st == PROTO_OK)
        st = add_u32(rh, list, RADIUS_FRAMED_PROTOCOL, RADIUS_FRAMED_PROTOCOL_PPP,
                     "Framed-Protocol", err);
    return st;
}

proto_status aaa_radius_build_chap(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, const uint8_t *name,
                                   size_t name_len, uint8_t id, const uint8_t *challenge,
                                   size_t challenge_len, const uint8_t *response,
                                   size_t response_len, struct proto_error *err)
{
    *list = NULL;
    /* §5.3: CHAP-Password is the Identifier and the 16-octet MD5 response. */
    if (response_len != 16)
        return proto_fail(err, PROTO_EINVAL, 0, "CHAP-Password",
                          "CHAP-MD5 responses are 16 octets, not %zu", response_len);
    if (challenge_len == 0 || challenge_len > RADIUS_ATTR_MAX_VALUE)
        return proto_fail(err, PROTO_EINVAL, 0, "CHAP-Challenge", "%zu octets", challenge_len);
    uint8_t pw[17];
    pw[0] = id;
    memcpy(pw + 1, response, 16);
    proto_status st = add_nas_head(rh, list, nas, err);
    if (st == PROTO_OK)
        st = add_user(rh, list, name, name_len, err);
    if (st == PROTO_OK)
        st = add(rh, list, RADIUS_CHAP_PASSWORD, 0, pw, sizeof pw, "CHAP-Password", err);
    if (st == PROTO_OK)
        st = add(rh, list, RADIUS_CHAP_CHALLENGE, 0, challenge, (int)challenge_len,
                 "CHAP-Challenge", err);
    if (st == PROTO_OK)
        st = add_framed(rh, list, err);
    if (st == PROTO_OK)
        st = add_nas_tail(rh, list, nas, err);
    return fail_clean(list, st);
}

proto_status aaa_radius_build_pap(rc_handle *rh, VALUE_PAIR **list,
                                  const struct aaa_radius_nas *nas, const uint8_t *name,
                                  size_t name_len, const uint8_t *password, size_t password_len,
                                  struct proto_error *err)
{
    *list = NULL;
    /* §5.2: at most 128 octets. */
    if (password_len > 128)
        return proto_fail(err, PROTO_ELENGTH, 0, "User-Password", "%zu octets exceed 128",
                          password_len);
    char pw[129];
    memcpy(pw, password, password_len);
    pw[password_len] = '\0';
    proto_status st = add_nas_head(rh, list, nas, err);
    if (st == PROTO_OK)
        st = add_user(rh, list, name, name_len, err);
    if (st == PROTO_OK)
        st = add(rh, list, RADIUS_USER_PASSWORD, 0, pw, (int)password_len, "User-Password", err);
    if (st == PROTO_OK)
        st = add_framed(rh, list, err);
    if (st == PROTO_OK)
        st = add_nas_tail(rh, list, nas, err);
    return fail_clean(list, st);
}

/* RFC 2869 §5.1/§5.2: counters above 32 bits go on in Gigawords. */
static proto_status add_counter(rc_handle *rh, VALUE_PAIR **list, unsigned attr,
                                unsigned giga_attr, uint64_t v, const char *name,
                                struct proto_error *err)
{
    proto_status st = add_u32(rh, list, attr, (uint32_t)v, name, err);
    if (st == PROTO_OK && giga_attr && (v >> 32))
        st = add_u32(rh, list, giga_attr, (uint32_t)(v >> 32), name, err);
    return st;
}

proto_status aaa_radius_build_acct(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, unsigned status,
                                   const struct aaa_acct *s, struct proto_error *err)
{
    *list = NULL;
    if (status != RADIUS_ACCT_STATUS_START && status != RADIUS_ACCT_STATUS_STOP)
        return proto_fail(err, PROTO_EINVAL, 0, "Acct-Status-Type", "%u is not Start or Stop",
                          status);
    if (!s->session_id || !*s->session_id)
        return proto_fail(err, PROTO_EINVAL, 0, "Acct-Session-Id", "empty");
    proto_status st = add_u32(rh, list, RADIUS_ACCT_STATUS_TYPE, status, "Acct-Status-Type", err);
    if (st == PROTO_OK)
        st = add_str(rh, list, RADIUS_ACCT_SESSION_ID, 0, s->session_id, "Acct-Session-Id", err);
    if (st == PROTO_OK && s->user && *s->user)
        st = add_str(rh, list, RADIUS_USER_NAME, 0, s->user, "User-Name", err);
    if (st == PROTO_OK)
        st = add_nas_head(rh, list, nas, err);
    if (st == PROTO_OK)
        st = add_framed(rh, list, err);
    if (st == PROTO_OK && s->framed_ip)
        st = add_u32(rh, list, RADIUS_FRAMED_IP_ADDRESS, s->framed_ip, "Framed-IP-Address", err);
    if (st == PROTO_OK)
        st = add_u32(rh, list, RADIUS_ACCT_AUTHENTIC, RADIUS_ACCT_AUTHENTIC_RADIUS,
                     "Acct-Authentic", err);
    if (st == PROTO_OK && status == RADIUS_ACCT_STATUS_STOP) {
        st = add_counter(rh, list, RADIUS_ACCT_INPUT_OCTETS, RADIUS_ACCT_INPUT_GIGAWORDS,
                         s->in_octets, "Acct-Input-Octets", err);
        if (st == PROTO_OK)
            st = add_counter(rh, list, RADIUS_ACCT_OUTPUT_OCTETS, RADIUS_ACCT_OUTPUT_GIGAWORDS,
                             s->out_octets, "Acct-Output-Octets", err);
        if (st == PROTO_OK)
            st = add_counter(rh, list, RADIUS_ACCT_INPUT_PACKETS, 0, s->in_packets,
                             "Acct-Input-Packets", err);
        if (st == PROTO_OK)
            st = add_counter(rh, list, RADIUS_ACCT_OUTPUT_PACKETS, 0, s->out_packets,
                             "Acct-Output-Packets", err);
        if (st == PROTO_OK)
            st = add_u32(rh, list, RADIUS_ACCT_SESSION_TIME, (uint32_t)s->session_time_s,
                         "Acct-Session-Time", err);
        if (st == PROTO_OK)
            st = add_u32(rh, list, RADIUS_ACCT_TERMINATE_CAUSE,
                         s->terminate_cause ? s->terminate_cause : RADIUS_TERM_NAS_REQUEST,
                         "Acct-Terminate-Cause", err);
    }
    if (st == PROTO_OK)
        st = add_nas_tail(rh, list, nas, err);
    return fail_clean(list, st);
}
