/* VPDN tunnel authorization (LAC): DNIS or domain to tunnel through the
 * methods in order, LNS selection by priority with failover, in the seed's
 * AAA/AUTHOR/VPDN and VPDN/RPMS lines; tunnel secrets by peer (LNS). */
#include <stdio.h>
#include <string.h>

#include "aaa_int.h"
#include "ipcp.h"

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
    aaa_port_name(ifname, port, sizeof port);
    AAA_LOG(a, DBG_VPDN, "%s VPDN: Looking for tunnel -- %s --", ifname, t->user);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Port='%s' list='default' service=NET", port,
        (unsigned)id, port);
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: %s (%u) user='%s'", port, (unsigned)id, t->user);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV service=ppp", port, (unsigned)id);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV protocol=vpdn", port, (unsigned)id);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): found list \"default\"", port, (unsigned)id);
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[i]);
        AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Method=%s", port, (unsigned)id,
            b->method_name);
        r = b->vpdn(a, m, key, t);
        if (r != AAA_ERROR)
            break;
    }
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR (%u): Post authorization status = %s", (unsigned)id,
        r == AAA_PASS ? "PASS_ADD" : r == AAA_ERROR ? "ERROR" : "FAIL");
    if (r != AAA_PASS) {
        AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: No tunnel info for %s", ifname, t->user);
        return r;
    }
    char ips[CONFIG_LNS_MAX * 17];
    ip_addresses(t, ips, sizeof ips);
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV service=ppp");
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV protocol=vpdn");
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV tunnel-type=%s", t->tunnel_type);
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV tunnel-id=%s", t->tunnel_id);
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV ip-addresses=%s", ips);
    if (t->password_len)
        AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: Processing AV l2tp-tunnel-password=%.*s",
            (int)t->password_len, (const char *)t->password);
    AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: Got tunnel info for %s", ifname, t->user);
    AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: LAC %s", ifname, t->tunnel_id);
    AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: l2tp-busy-disconnect %s", ifname,
        t->busy_disconnect ? "yes" : "no");
    if (t->password_len)
        AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: l2tp-tunnel-password xxxxxx", ifname);
    AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: IP %s", ifname, ips);
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
        AAA_LOG(a, DBG_VPDN, "%s VPDN: Got DNIS string %s", ifname, dnis);
        r = vpdn_lookup(a, ifname, CONFIG_VPDN_DNIS, dnis, &t);
    }
    /* No tunnel for the number: the domain of "user@domain" (IOS's
     * "vpdn search-order dnis domain"). */
    const char *at = user ? strrchr(user, '@') : NULL;
    if (r != AAA_PASS && at && at[1]) {
        AAA_LOG(a, DBG_VPDN, "%s VPDN: Got domain string %s", ifname, at + 1);
        r = vpdn_lookup(a, ifname, CONFIG_VPDN_DOMAIN, at + 1, &t);
    }
    if (r != AAA_PASS && !(dnis && *dnis) && !(at && at[1]))
        AAA_LOG(a, DBG_VPDN, "%s VPDN: neither DNIS nor domain to look a tunnel up by", ifname);
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
            AAA_LOG(a, DBG_VPDN, "%s VPDN/: curlvl %u Address %zu: %s, priority %u", ifname, level, i,
                ipcp_addr_str(info->lns[i].ip, s, sizeof s), info->lns[i].priority);
    AAA_LOG(a, DBG_VPDN, "%s VPDN/: Select non-active address %s, priority %u", ifname,
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
