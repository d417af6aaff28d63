/* Access-Accept attributes to a VPDN tunnel or PPP attributes
 * (aaa_radius_attrs.h): Cisco AVPairs, RFC 2868 tagged tunnel attributes,
 * Tunnel-Password (RFC 2868 §3.5), Framed-IP-Address (RFC 2865 §5.8). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aaa_radius_attrs.h"
#include "ipcp.h"
#include "md5.h"

proto_status aaa_radius_tunnel_password(const uint8_t *value, size_t len, const char *secret,
                                        const uint8_t vector[RADIUS_AUTHENTICATOR_LEN],
                                        uint8_t *out, size_t cap, size_t *out_len,
                                        struct proto_error *err)
{
    /* Tag, Salt, then a multiple of 16 octets. */
    size_t head = 1 + RADIUS_TUNNEL_PASSWORD_SALT_LEN;
    if (len < head + 16 || (len - head) % 16)
        return proto_fail(err, PROTO_ELENGTH, 0, "Tunnel-Password",
                          "%zu octets: not Tag, Salt and 16-octet blocks", len);
    if (!(value[1] & 0x80))
        return proto_fail(err, PROTO_EINVAL, 1, "Tunnel-Password",
                          "Salt's most significant bit is not set (§3.5)");
    const uint8_t *c = value + head;
    size_t n = len - head;
    uint8_t plain[RADIUS_ATTR_MAX_VALUE];
    uint8_t b[MD5_DIGEST_LEN];
    for (size_t i = 0; i < n; i += 16) {
        /* b(1) = MD5(S + R + A), b(i) = MD5(S + c(i-1)). */
        struct md5_part parts[3] = {{secret, strlen(secret)}};
        size_t np;
        if (i == 0) {
            parts[1] = (struct md5_part){vector, RADIUS_AUTHENTICATOR_LEN};
            parts[2] = (struct md5_part){value + 1, RADIUS_TUNNEL_PASSWORD_SALT_LEN};
            np = 3;
        } else {
            parts[1] = (struct md5_part){c + i - 16, 16};
            np = 2;
        }
        proto_status st = md5_parts(parts, np, b);
        if (st != PROTO_OK)
            return proto_fail(err, st, 0, "Tunnel-Password", "MD5 failed");
        for (size_t k = 0; k < 16; k++)
            plain[i + k] = c[i + k] ^ b[k];
    }
    size_t plen = plain[0];
    if (plen > n - 1)
        return proto_fail(err, PROTO_EINVAL, 3, "Tunnel-Password",
                          "length octet %zu exceeds the %zu octets (wrong secret?)", plen, n - 1);
    if (plen > cap)
        return proto_fail(err, PROTO_ENOSPC, 3, "Tunnel-Password", "%zu octets, room for %zu",
                          plen, cap);
    memcpy(out, plain + 1, plen);
    *out_len = plen;
    return PROTO_OK;
}

/* "10.0.0.1 10.0.0.2/10.0.0.3": blanks or commas between equal
 * priorities, '/' before each lower one (Cisco's vpdn:ip-addresses). */
static proto_status cisco_ip_addresses(const char *v, struct aaa_tunnel_info *t,
                                       struct proto_error *err)
{
    char buf[RADIUS_ATTR_MAX_VALUE + 1];
    snprintf(buf, sizeof buf, "%s", v);
    unsigned prio = 1;
    t->n_lns = 0;
    for (char *p = buf; *p;) {
        size_t n = strcspn(p, " ,/");
        char sep = p[n];
        p[n] = '\0';
        if (n) {
            struct in_addr ia;
            if (inet_pton(AF_INET, p, &ia) != 1)
                return proto_fail(err, PROTO_EINVAL, 0, "vpdn:ip-addresses",
                                  "'%s' is not an IPv4 address", p);
            if (t->n_lns == CONFIG_LNS_MAX)
                return proto_fail(err, PROTO_ENOSPC, 0, "vpdn:ip-addresses",
                                  "more than %d addresses", CONFIG_LNS_MAX);
            t->lns[t->n_lns++] = (struct aaa_lns){.ip = ntohl(ia.s_addr), .priority = prio};
        }
        if (!sep)
            break;
        if (sep == '/')
            prio++;
        p += n + 1;
    }
    return PROTO_OK;
}

struct cisco_vpdn {
    bool type, id, ips, password;
};

/* One "vpdn:key=value" (or "vpdn:key*value", optional) AVPair. */
static proto_status cisco_avpair(struct aaa *a, const char *s, struct aaa_tunnel_info *t,
                                 struct cisco_vpdn *got, struct proto_error *err)
{
    if (a->log)
        debug_printf(a->log, DBG_AAA, "RADIUS: cisco AVPair \"%s\"", s);
    if (strncmp(s, "vpdn:", 5) != 0)
        return PROTO_OK;   /* other services' pairs are not ours */
    const char *k = s + 5;
    size_t kl = strcspn(k, "=*");
    if (!k[kl])
        return proto_fail(err, PROTO_EINVAL, 0, "Cisco-AVPair", "'%s' has no value", s);
    const char *v = k + kl + 1;
#define KEY(name) (kl == sizeof(name) - 1 && strncmp(k, name, kl) == 0)
    if (KEY("tunnel-type")) {
        snprintf(t->tunnel_type, sizeof t->tunnel_type, "%s", v);
        got->type = true;
    } else if (KEY("tunnel-id")) {
        snprintf(t->tunnel_id, sizeof t->tunnel_id, "%s", v);
        got->id = true;
    } else if (KEY("ip-addresses")) {
        proto_status st = cisco_ip_addresses(v, t, err);
        if (st != PROTO_OK)
            return st;
        got->ips = true;
    } else if (KEY("l2tp-tunnel-password")) {
        size_t n = strlen(v);
        if (n > sizeof t->password)
            return proto_fail(err, PROTO_ELENGTH, 0, "vpdn:l2tp-tunnel-password",
                              "%zu octets, at most %zu", n, sizeof t->password);
        memcpy(t->password, v, n);
        t->password_len = n;
        got->password = true;
    } else if (KEY("l2tp-busy-disconnect")) {
        t->busy_disconnect = strcmp(v, "no") != 0;
    }
#undef KEY
    return PROTO_OK;
}

/* RFC 2868 attributes of one tag. */
struct tagged {
    bool type_set, endpoint_set, pref_set, password_set, auth_id_set;
    uint32_t type, pref;
    uint32_t endpoint;
    uint8_t password[CONFIG_SECRET_MAX];
    size_t password_len;
    char auth_id[CONFIG_NAME_MAX];
};

/* §3.1: integer-valued: Tag, then a three-octet value. */
static bool tagged_int(const VALUE_PAIR *vp, unsigned *tag, uint32_t *v)
{
    const uint8_t *s = (const uint8_t *)vp->strvalue;
    if (vp->lvalue != 4)
        return false;
    *tag = s[0] <= RADIUS_TAG_MAX ? s[0] : 0;
    *v = (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    return true;
}

/* §3.1: string-valued: an optional Tag (0x01..0x1F). */
static const char *tagged_str(const VALUE_PAIR *vp, unsigned *tag, size_t *len)
{
    const uint8_t *s = (const uint8_t *)vp->strvalue;
    *tag = 0;
    *len = vp->lvalue;
    if (*len && s[0] <= RADIUS_TAG_MAX) {
        *tag = s[0];
        (*len)--;
        return vp->strvalue + 1;
    }
    return vp->strvalue;
}

static proto_status rfc2868_attr(const VALUE_PAIR *vp, const char *secret, const uint8_t *vector,
                                 struct tagged *tags, bool *any, struct proto_error *err)
{
    unsigned attr = ATTRID(vp->attribute), tag;
    uint32_t v;
    size_t n;
    const char *s;
    switch (attr) {
    case RADIUS_TUNNEL_TYPE:
    case RADIUS_TUNNEL_PREFERENCE:
        if (!tagged_int(vp, &tag, &v))
            return proto_fail(err, PROTO_ELENGTH, 0, attr == RADIUS_TUNNEL_TYPE ? "Tunnel-Type" : "Tunnel-Preference", "%u octets, not 4",
                              (unsigned)vp->lvalue);
        if (attr == RADIUS_TUNNEL_TYPE) {
            tags[tag].type = v;
            tags[tag].type_set = true;
        } else {
            tags[tag].pref = v;
            tags[tag].pref_set = true;
        }
        break;
    case RADIUS_TUNNEL_SERVER_ENDPOINT: {
        s = tagged_str(vp, &tag, &n);
        char ip[64];
        struct in_addr ia;
        snprintf(ip, sizeof ip, "%.*s", (int)n, s);
        /* §3.4: dotted decimal for IPv4 (host names are not resolved here). */
        if (inet_pton(AF_INET, ip, &ia) != 1)
            return proto_fail(err, PROTO_EINVAL, 0, "Tunnel-Server-Endpoint",
                              "'%s' is not an IPv4 address", ip);
        tags[tag].endpoint = ntohl(ia.s_addr);
        tags[tag].endpoint_set = true;
        break;
    }
    case RADIUS_TUNNEL_PASSWORD: {
        const uint8_t *raw = (const uint8_t *)vp->strvalue;
        tag = vp->lvalue && raw[0] <= RADIUS_TAG_MAX ? raw[0] : 0;
        proto_status st = aaa_radius_tunnel_password(raw, vp->lvalue, secret, vector,
                                                     tags[tag].password,
                                                     sizeof tags[tag].password,
                                                     &tags[tag].password_len, err);
        if (st != PROTO_OK)
            return st;
        tags[tag].password_set = true;
        break;
    }
    case RADIUS_TUNNEL_CLIENT_AUTH_ID:
        s = tagged_str(vp, &tag, &n);
        snprintf(tags[tag].auth_id, sizeof tags[tag].auth_id, "%.*s", (int)n, s);
        tags[tag].auth_id_set = true;
        break;
    default:
        return PROTO_OK;
    }
    *any = true;
    return PROTO_OK;
}

static bool usable(const struct tagged *g)
{
    return g->endpoint_set && (!g->type_set || g->type == RADIUS_TUNNEL_TYPE_L2TP);
}

static unsigned pref_of(const struct tagged *g)
{
    return g->pref_set && g->pref ? (unsigned)g->pref : 1u;
}

/* The most preferred usable tunnel that has the field (`want` tells). */
static const struct tagged *best_with(const struct tagged *tags,
                                      bool (*want)(const struct tagged *))
{
    const struct tagged *best = NULL;
    for (unsigned tag = 0; tag <= RADIUS_TAG_MAX; tag++)
        if (usable(&tags[tag]) && want(&tags[tag]) &&
            (!best || pref_of(&tags[tag]) < pref_of(best)))
            best = &tags[tag];
    return best;
}

static bool has_auth_id(const struct tagged *g)
{
    return g->auth_id_set;
}

static bool has_password(const struct tagged *g)
{
    return g->password_set;
}

/* The tagged tunnels that are L2TP with an endpoint, by preference
 * (stable: equal preferences in tag order); the tunnel id and password
 * of the most preferred one that has them. */
static void rfc2868_apply(struct aaa *a, struct tagged *tags, struct aaa_tunnel_info *t,
                          const struct cisco_vpdn *got)
{
    size_t n = 0;
    for (unsigned tag = 0; tag <= RADIUS_TAG_MAX; tag++) {
        const struct tagged *g = &tags[tag];
        if (!usable(g))
            continue;
        char ip[16];
        if (a->log)
            debug_printf(a->log, DBG_AAA,
                         "RADIUS: Tunnel:%u Server-Endpoint %s Preference %u Client-Auth-Id %s",
                         tag, ipcp_addr_str(g->endpoint, ip, sizeof ip),
                         g->pref_set ? (unsigned)g->pref : 0u, g->auth_id_set ? g->auth_id : "-");
        if (n == CONFIG_LNS_MAX)
            break;
        unsigned prio = pref_of(g);
        size_t j = n++;
        while (j > 0 && t->lns[j - 1].priority > prio) {
            t->lns[j] = t->lns[j - 1];
            j--;
        }
        t->lns[j] = (struct aaa_lns){.ip = g->endpoint, .priority = prio};
    }
    if (n == 0)
        return;
    t->n_lns = n;
    if (!got->type)
        snprintf(t->tunnel_type, sizeof t->tunnel_type, "l2tp");
    const struct tagged *g = best_with(tags, has_auth_id);
    if (!got->id && g)
        snprintf(t->tunnel_id, sizeof t->tunnel_id, "%s", g->auth_id);
    g = best_with(tags, has_password);
    if (!got->password && g) {
        memcpy(t->password, g->password, g->password_len);
        t->password_len = g->password_len;
    }
}

proto_status aaa_radius_parse_tunnel(struct aaa *a, const VALUE_PAIR *received,
                                     const char *secret,
                                     const uint8_t vector[RADIUS_AUTHENTICATOR_LEN],
                                     struct aaa_tunnel_info *out, struct proto_error *err)
{
    struct cisco_vpdn got = {0};
    struct tagged tags[RADIUS_TAG_MAX + 1];
    bool any2868 = false;
    memset(tags, 0, sizeof tags);
    out->busy_disconnect = true;   /* IOS's default, as the local entries' */
    for (const VALUE_PAIR *vp = received; vp; vp = vp->next) {
        proto_status st = PROTO_OK;
        if (VENDOR(vp->attribute) == RADIUS_VENDOR_CISCO &&
            ATTRID(vp->attribute) == RADIUS_CISCO_AVPAIR)
            st = cisco_avpair(a, vp->strvalue, out, &got, err);
        else if (VENDOR(vp->attribute) == 0)
            st = rfc2868_attr(vp, secret, vector, tags, &any2868, err);
        if (st != PROTO_OK)
            return st;
    }
    if (any2868)
        rfc2868_apply(a, tags, out, &got);
    if (!out->tunnel_type[0])
        return proto_fail(err, PROTO_EINVAL, 0, "vpdn:tunnel-type",
                          "the answer names no tunnel (no vpdn AVPairs, no Tunnel-Type)");
    if (strcmp(out->tunnel_type, "l2tp") != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "vpdn:tunnel-type", "'%s' is not l2tp",
                          out->tunnel_type);
    if (out->n_lns == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "Tunnel-Server-Endpoint",
                          "no LNS address (vpdn:ip-addresses or Tunnel-Server-Endpoint)");
    return PROTO_OK;
}

void aaa_radius_parse_user(struct aaa *a, const VALUE_PAIR *received, struct ppp_aaa_attrs *attrs)
{
    *attrs = (struct ppp_aaa_attrs){0};
    for (const VALUE_PAIR *vp = received; vp; vp = vp->next) {
        if (vp->attribute != RADIUS_FRAMED_IP_ADDRESS)
            continue;
        char ip[16];
        if (vp->lvalue == RADIUS_FRAMED_IP_USER_CHOICE) {
            attrs->allow_negotiated_address = true;
            if (a->log)
                debug_printf(a->log, DBG_AAA, "RADIUS: allowing negotiated framed address");
        } else if (vp->lvalue != RADIUS_FRAMED_IP_NAS_CHOICE && vp->lvalue) {
            attrs->framed_ip = vp->lvalue;
            if (a->log)
                debug_printf(a->log, DBG_AAA, "RADIUS: Framed-IP-Address %s",
                             ipcp_addr_str(vp->lvalue, ip, sizeof ip));
        }
    }
}
