/* The AAA front: method order, request numbers and the debug lines in the
 * seed's wording (IOS 12.x "debug aaa authorization", "debug vpdn event"),
 * over the backends of aaa_int.h. */
#include <stdio.h>
#include <string.h>

#include "aaa_int.h"
#include "ipcp.h"

#define LOG(a, cat, ...) \
    do { if ((a)->log) debug_printf((a)->log, (cat), __VA_ARGS__); } while (0)

static const struct aaa_backend *backend(enum config_aaa_method m)
{
    return m == CONFIG_AAA_LOCAL ? &aaa_local_backend : NULL;
}

proto_status aaa_init(struct aaa *a, const struct l2tpd_config *cfg, struct debug_log *log,
                      struct proto_error *err)
{
    *a = (struct aaa){.cfg = cfg, .log = log, .next_id = 1};
    if (cfg->n_methods == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "method", "no AAA method configured");
    for (size_t i = 0; i < cfg->n_methods; i++)
        if (!backend(cfg->methods[i]))
            return proto_fail(err, PROTO_EINVAL, 0, "method",
                              "method radius has no backend in this build (issue 7)");
    return aaa_pools_init(a, err);
}

void aaa_free(struct aaa *a)
{
    aaa_pools_free(a);
}

/* ---- PPP authentication (struct ppp_aaa) ---- */

/* A peer's name as printable text: CHAP/PAP names are any octets, and a
 * log line must not carry control characters. */
static const char *printable(const uint8_t *name, size_t len, char *buf, size_t cap)
{
    size_t n = len < cap - 1 ? len : cap - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = name[i] >= 0x20 && name[i] < 0x7F ? (char)name[i] : '.';
    buf[n] = '\0';
    return buf;
}

static enum ppp_aaa_verdict authen_done(struct aaa *a, uint32_t id, enum aaa_result r,
                                        const uint8_t *name, size_t name_len)
{
    char who[CONFIG_NAME_MAX * 2];
    LOG(a, DBG_AAA, "AAA/AUTHEN (%u): status = %s", (unsigned)id, r == AAA_PASS ? "PASS" : "FAIL");
    if (r != AAA_PASS)
        LOG(a, DBG_AAA, "AAA/AUTHEN (%u): user '%s' rejected", (unsigned)id,
            printable(name, name_len, who, sizeof who));
    return r == AAA_PASS ? PPP_AAA_ACCEPT : PPP_AAA_REJECT;
}

static enum ppp_aaa_verdict ppp_chap(void *ctx, const uint8_t *name, size_t name_len, uint8_t id,
                                     const uint8_t *challenge, size_t challenge_len,
                                     const uint8_t *response, size_t response_len,
                                     struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    uint32_t req = a->next_id++;
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        r = backend(a->cfg->methods[i])->chap(a, name, name_len, id, challenge, challenge_len,
                                              response, response_len, attrs);
        if (r != AAA_ERROR)
            break;
    }
    return authen_done(a, req, r, name, name_len);
}

static enum ppp_aaa_verdict ppp_pap(void *ctx, const uint8_t *name, size_t name_len,
                                    const uint8_t *password, size_t password_len,
                                    struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    uint32_t req = a->next_id++;
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        r = backend(a->cfg->methods[i])->pap(a, name, name_len, password, password_len, attrs);
        if (r != AAA_ERROR)
            break;
    }
    return authen_done(a, req, r, name, name_len);
}

static int copy_secret(const struct config_user *u, uint8_t *secret, size_t cap, size_t *len)
{
    if (!u || u->secret_len > cap)
        return -1;
    memcpy(secret, u->secret, u->secret_len);
    *len = u->secret_len;
    return 0;
}

/* Client role. CHAP: IOS looks up "username <authenticator>" first (the
 * secret shared with that peer), then our own name; PAP: our own name. */
static int ppp_get_secret(void *ctx, const char *our_name, const uint8_t *peer_name,
                          size_t peer_name_len, uint8_t *secret, size_t cap, size_t *secret_len)
{
    struct aaa *a = ctx;
    if (peer_name && peer_name_len &&
        copy_secret(config_find_user(a->cfg, (const char *)peer_name, peer_name_len), secret, cap,
                    secret_len) == 0)
        return 0;
    if (!our_name)
        return -1;
    return copy_secret(config_find_user(a->cfg, our_name, strlen(our_name)), secret, cap,
                       secret_len);
}

void aaa_ppp_interface(struct aaa *a, struct ppp_aaa *out)
{
    *out = (struct ppp_aaa){
        .ctx = a,
        .chap_check = ppp_chap,
        .pap_check = ppp_pap,
        .get_secret = ppp_get_secret,
    };
}

/* IOS names the port in full in AAA lines ("Serial0:0",
 * "Virtual-Access4") and abbreviated elsewhere ("Se0:0", "Vi4"). */
static const char *port_name(const char *ifname, char *buf, size_t cap)
{
    static const struct { const char *abbr, *full; } names[] = {
        {"Se", "Serial"}, {"Vi", "Virtual-Access"}, {"As", "Async"}, {"Di", "Dialer"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i].abbr);
        if (strncmp(ifname, names[i].abbr, n) == 0 && ifname[n] >= '0' && ifname[n] <= '9') {
            snprintf(buf, cap, "%s%s", names[i].full, ifname + n);
            return buf;
        }
    }
    snprintf(buf, cap, "%s", ifname);
    return buf;
}

/* ---- VPDN tunnel authorization ---- */

/* Cisco's vpdn:ip-addresses form: blanks between equal priorities, '/'
 * before each lower priority ("10.0.0.1 10.0.0.2/10.0.0.3"). */
static void ip_addresses(const struct aaa_tunnel_info *t, char *buf, size_t cap)
{
    size_t off = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t->n_lns && off < cap; i++) {
        char s[16];
        const char *sep = i == 0 ? "" : t->lns[i].priority == t->lns[i - 1].priority ? " " : "/";
        int n = snprintf(buf + off, cap - off, "%s%s", sep, ipcp_addr_str(t->lns[i].ip, s, sizeof s));
        if (n < 0)
            break;
        off += (size_t)n;
    }
}

static enum aaa_result vpdn_lookup(struct aaa *a, const char *ifname, enum config_vpdn_match m,
                                   const char *key, struct aaa_tunnel_info *t)
{
    uint32_t id = a->next_id++;
    *t = (struct aaa_tunnel_info){0};
    snprintf(t->user, sizeof t->user, "%s:%s", m == CONFIG_VPDN_DNIS ? "dnis" : "domain", key);
    char port[80];
    port_name(ifname, port, sizeof port);
    LOG(a, DBG_VPDN, "%s VPDN: Looking for tunnel -- %s --", ifname, t->user);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Port='%s' list='default' service=NET", port,
        (unsigned)id, port);
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: %s (%u) user='%s'", port, (unsigned)id, t->user);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV service=ppp", port, (unsigned)id);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV protocol=vpdn", port, (unsigned)id);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): found list \"default\"", port, (unsigned)id);
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = backend(a->cfg->methods[i]);
        LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Method=%s", port, (unsigned)id,
            b->method_name);
        r = b->vpdn(a, m, key, t);
        if (r != AAA_ERROR)
            break;
    }
    LOG(a, DBG_AAA, "AAA/AUTHOR (%u): Post authorization status = %s", (unsigned)id,
        r == AAA_PASS ? "PASS_ADD" : r == AAA_ERROR ? "ERROR" : "FAIL");
    if (r != AAA_PASS) {
        LOG(a, DBG_VPDN, "%s VPDN/RPMS/: No tunnel info for %s", ifname, t->user);
        return r;
    }
    char ips[CONFIG_LNS_MAX * 17];
    ip_addresses(t, ips, sizeof ips);
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV service=ppp");
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV protocol=vpdn");
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV tunnel-type=%s", t->tunnel_type);
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV tunnel-id=%s", t->tunnel_id);
    LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV ip-addresses=%s", ips);
    if (t->password_len)
        LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV l2tp-tunnel-password=%.*s",
            (int)t->password_len, (const char *)t->password);
    LOG(a, DBG_VPDN, "%s VPDN/RPMS/: Got tunnel info for %s", ifname, t->user);
    LOG(a, DBG_VPDN, "%s VPDN/RPMS/: LAC %s", ifname, t->tunnel_id);
    LOG(a, DBG_VPDN, "%s VPDN/RPMS/: l2tp-busy-disconnect %s", ifname,
        t->busy_disconnect ? "yes" : "no");
    if (t->password_len)
        LOG(a, DBG_VPDN, "%s VPDN/RPMS/: l2tp-tunnel-password xxxxxx", ifname);
    LOG(a, DBG_VPDN, "%s VPDN/RPMS/: IP %s", ifname, ips);
    return AAA_PASS;
}

enum aaa_result aaa_vpdn_authorize(struct aaa *a, const char *ifname, const char *dnis,
                                   const char *user, aaa_vpdn_done_fn done, void *ctx)
{
    struct aaa_tunnel_info t;
    enum aaa_result r = AAA_FAIL;
    if (!ifname)
        ifname = "";
    if (dnis && *dnis) {
        LOG(a, DBG_VPDN, "%s VPDN: Got DNIS string %s", ifname, dnis);
        r = vpdn_lookup(a, ifname, CONFIG_VPDN_DNIS, dnis, &t);
    }
    /* No tunnel for the number: the domain of "user@domain" (IOS's
     * "vpdn search-order dnis domain"). */
    const char *at = user ? strrchr(user, '@') : NULL;
    if (r != AAA_PASS && at && at[1]) {
        LOG(a, DBG_VPDN, "%s VPDN: Got domain string %s", ifname, at + 1);
        r = vpdn_lookup(a, ifname, CONFIG_VPDN_DOMAIN, at + 1, &t);
    }
    if (r != AAA_PASS && !(dnis && *dnis) && !(at && at[1]))
        LOG(a, DBG_VPDN, "%s VPDN: neither DNIS nor domain to look a tunnel up by", ifname);
    if (done)
        done(ctx, r, r == AAA_PASS ? &t : NULL);
    return r;
}

proto_status aaa_vpdn_select(struct aaa *a, const char *ifname, const struct aaa_tunnel_info *info,
                             size_t attempt, struct aaa_lns *out, struct proto_error *err)
{
    if (!info || !out)
        return proto_fail(err, PROTO_EINVAL, 0, "LNS", "no tunnel info");
    if (!ifname)
        ifname = "";
    if (attempt >= info->n_lns)
        return proto_fail(err, PROTO_EINVAL, 0, "LNS", "all %zu LNS addresses for %s tried",
                          info->n_lns, info->user);
    const struct aaa_lns *sel = &info->lns[attempt];
    /* IOS's level: 1 for the best priority, then one per distinct lower one. */
    unsigned level = 1;
    for (size_t i = 1; i <= attempt; i++)
        if (info->lns[i].priority != info->lns[i - 1].priority)
            level++;
    char s[16];
    for (size_t i = 0; i < info->n_lns; i++)
        if (info->lns[i].priority == sel->priority)
            LOG(a, DBG_VPDN, "%s VPDN/: curlvl %u Address %zu: %s, priority %u", ifname, level, i,
                ipcp_addr_str(info->lns[i].ip, s, sizeof s), info->lns[i].priority);
    LOG(a, DBG_VPDN, "%s VPDN/: Select non-active address %s, priority %u", ifname,
        ipcp_addr_str(sel->ip, s, sizeof s), sel->priority);
    *out = *sel;
    return PROTO_OK;
}

int aaa_tunnel_secret(const struct aaa *a, const char *peer_hostname, const uint8_t **secret,
                      size_t *secret_len)
{
    const struct config_peer *p = config_find_peer(a->cfg, peer_hostname ? peer_hostname : "");
    if (!p)
        return -1;
    *secret = p->secret;
    *secret_len = p->secret_len;
    return 0;
}

/* ---- IPCP address authorization ---- */

proto_status aaa_pool_alloc_user(struct aaa *a, const char *user, uint32_t requested,
                                 uint32_t *addr, struct proto_error *err)
{
    if (!user || !addr)
        return proto_fail(err, PROTO_EINVAL, 0, "user", "no user name");
    struct ppp_aaa_attrs attrs;
    const char *pool = "";
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        enum aaa_result r = backend(a->cfg->methods[i])->user_attrs(a, user, &attrs, &pool);
        if (r == AAA_PASS)
            break;
        pool = "";    /* unknown user: the default pool */
        if (r == AAA_FAIL)
            break;
    }
    return aaa_pool_alloc(a, pool, requested, addr, err);
}

enum aaa_result aaa_ipcp_authorize(struct aaa *a, const char *ifname, const char *user,
                                   uint32_t requested, uint32_t *addr)
{
    if (!ifname)
        ifname = "";
    if (!user || !addr)
        return AAA_FAIL;
    uint32_t id = a->next_id++;
    char her[16], s[16], port[80];
    ipcp_addr_str(requested, her, sizeof her);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): Port='%s' list='default' service=NET", ifname,
        (unsigned)id, port_name(ifname, port, sizeof port));
    LOG(a, DBG_AAA, "AAA/AUTHOR/IPCP: %s (%u) user='%s'", ifname, (unsigned)id, user);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV service=ppp", ifname, (unsigned)id);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV protocol=ip", ifname, (unsigned)id);
    if (requested)
        LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV addr*%s", ifname, (unsigned)id, her);
    struct ppp_aaa_attrs attrs = {0};
    const char *pool = "";
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = backend(a->cfg->methods[i]);
        LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): Method=%s", ifname, (unsigned)id,
            b->method_name);
        r = b->user_attrs(a, user, &attrs, &pool);
        if (r != AAA_ERROR)
            break;
    }
    uint32_t w = 0;
    if (r == AAA_PASS) {
        if (attrs.framed_ip) {
            w = attrs.framed_ip;
        } else if (attrs.allow_negotiated_address && requested) {
            LOG(a, DBG_AAA, "LOCAL: allowing negotiated framed address %s", her);
            w = requested;
        } else {
            struct proto_error err = {0};
            char line[200];
            if (aaa_pool_alloc(a, pool, requested, &w, &err) != PROTO_OK) {
                LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: %s", ifname,
                    proto_error_format(&err, line, sizeof line));
                r = AAA_FAIL;
            }
        }
    }
    LOG(a, DBG_AAA, "%s AAA/AUTHOR (%u): Post authorization status = %s", ifname, (unsigned)id,
        r == AAA_PASS ? "PASS_REPL" : "FAIL");
    if (r != AAA_PASS) {
        LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Authorization failed", ifname);
        return r;
    }
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Processing AV service=ppp", ifname);
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Processing AV addr=%s", ifname,
        ipcp_addr_str(w, s, sizeof s));
    LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Authorization succeeded", ifname);
    *addr = w;
    return AAA_PASS;
}
