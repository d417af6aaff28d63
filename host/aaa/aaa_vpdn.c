/* VPDN tunnel authorization (LAC): DNIS or domain to tunnel through the
 * methods in order, LNS selection by priority with failover, in the seed's
 * AAA/AUTHOR/VPDN and VPDN/RPMS lines; tunnel secrets by peer (LNS). */
#include <stdio.h>
#include <stdlib.h>
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

/* One authorization in progress: the DNIS lookup, then the domain's when
 * the DNIS gave no tunnel; each through the methods in order. Lives on the
 * heap while a network method is asked. */
struct vpdn_op {
    struct aaa *a;
    char ifname[32], port[80];
    char dnis[CONFIG_NAME_MAX], domain[CONFIG_NAME_MAX], calling[CONFIG_NAME_MAX];
    aaa_vpdn_done_fn done;
    void *ctx;
    bool domain_stage;          /* the DNIS lookup is over */
    enum config_vpdn_match match;
    const char *key;
    uint32_t id;
    size_t method;              /* index in cfg->methods being asked */
    struct aaa_tunnel_info t;
};

static void lookup_begin(struct vpdn_op *op, enum config_vpdn_match m, const char *key)
{
    struct aaa *a = op->a;
    struct aaa_tunnel_info *t = &op->t;
    op->id = a->next_id++;
    op->match = m;
    op->key = key;
    op->method = 0;
    *t = (struct aaa_tunnel_info){0};
    snprintf(t->user, sizeof t->user, "%s:%s", m == CONFIG_VPDN_DNIS ? "dnis" : "domain", key);
    const char *ifname = op->ifname, *port = op->port;
    unsigned id = (unsigned)op->id;
    AAA_LOG(a, DBG_VPDN, "%s VPDN: Looking for tunnel -- %s --", ifname, t->user);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Port='%s' list='default' service=NET", port, id,
        port);
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/VPDN: %s (%u) user='%s'", port, id, t->user);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV service=ppp", port, id);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): send AV protocol=vpdn", port, id);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): found list \"default\"", port, id);
}

static void lookup_end(struct vpdn_op *op, enum aaa_result r)
{
    struct aaa *a = op->a;
    const struct aaa_tunnel_info *t = &op->t;
    const char *ifname = op->ifname;
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR (%u): Post authorization status = %s", (unsigned)op->id,
        r == AAA_PASS ? "PASS_ADD" : r == AAA_ERROR ? "ERROR" : "FAIL");
    if (r != AAA_PASS) {
        AAA_LOG(a, DBG_VPDN, "%s VPDN/RPMS/: No tunnel info for %s", ifname, t->user);
        return;
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
}

static void resume(struct aaa *a, void *opv, enum aaa_result r);

static void drop(void *opv)
{
    free(opv);
}

/* Methods from op->method on until one decides or one is asked over the
 * network (AAA_PENDING). */
static enum aaa_result lookup_methods(struct vpdn_op *op)
{
    struct aaa *a = op->a;
    enum aaa_result r = AAA_FAIL;
    for (; op->method < a->cfg->n_methods; op->method++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[op->method]);
        AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Method=%s", op->port, (unsigned)op->id,
            b->method_name);
        if (b->vpdn_start) {
            struct aaa_pending p = {.op = op, .owner = op->ctx, .resume = resume, .drop = drop};
            r = b->vpdn_start(a, op->ifname, op->match, op->key,
                              op->calling[0] ? op->calling : NULL, &op->t, &p);
            if (r == AAA_PENDING)
                return r;
        } else {
            r = b->vpdn(a, op->match, op->key, &op->t);
        }
        if (r != AAA_ERROR)
            break;
        if (op->method + 1 < a->cfg->n_methods)
            AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Method=%s could not answer: trying the "
                "next method", op->port, (unsigned)op->id, b->method_name);
    }
    lookup_end(op, r);
    return r;
}

/* The stages: DNIS, then the domain of "user@domain" (IOS's "vpdn
 * search-order dnis domain"); then done. */
static enum aaa_result advance(struct vpdn_op *op, enum aaa_result r)
{
    struct aaa *a = op->a;
    for (;;) {
        if (r == AAA_PENDING)
            return r;
        if (r == AAA_PASS || op->domain_stage || !op->domain[0])
            break;
        op->domain_stage = true;
        AAA_LOG(a, DBG_VPDN, "%s VPDN: Got domain string %s", op->ifname, op->domain);
        lookup_begin(op, CONFIG_VPDN_DOMAIN, op->domain);
        r = lookup_methods(op);
    }
    if (r != AAA_PASS && !op->dnis[0] && !op->domain[0])
        AAA_LOG(a, DBG_VPDN, "%s VPDN: neither DNIS nor domain to look a tunnel up by", op->ifname);
    if (op->done)
        op->done(op->ctx, r, r == AAA_PASS ? &op->t : NULL);
    free(op);
    return r;
}

/* A network method answered (from aaa_poll()). */
static void resume(struct aaa *a, void *opv, enum aaa_result r)
{
    struct vpdn_op *op = opv;
    (void)a;
    if (r == AAA_ERROR) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[op->method]);
        if (op->method + 1 < a->cfg->n_methods)
            AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/VPDN (%u): Method=%s could not answer: trying the "
                "next method", op->port, (unsigned)op->id, b->method_name);
        op->method++;
        r = lookup_methods(op);
    } else {
        lookup_end(op, r);
    }
    advance(op, r);
}

enum aaa_result aaa_vpdn_authorize(struct aaa *a, const char *ifname, const char *dnis,
                                   const char *user, aaa_vpdn_done_fn done, void *ctx)
{
    return aaa_vpdn_authorize_call(a, ifname, dnis, NULL, user, done, ctx);
}

enum aaa_result aaa_vpdn_authorize_call(struct aaa *a, const char *ifname, const char *dnis,
                                        const char *calling, const char *user,
                                        aaa_vpdn_done_fn done, void *ctx)
{
    struct vpdn_op *op = calloc(1, sizeof *op);
    if (!op) {
        if (done)
            done(ctx, AAA_ERROR, NULL);
        return AAA_ERROR;
    }
    *op = (struct vpdn_op){.a = a, .done = done, .ctx = ctx};
    snprintf(op->ifname, sizeof op->ifname, "%s", ifname ? ifname : "");
    aaa_port_name(op->ifname, op->port, sizeof op->port);
    if (dnis)
        snprintf(op->dnis, sizeof op->dnis, "%s", dnis);
    if (calling)
        snprintf(op->calling, sizeof op->calling, "%s", calling);
    const char *at = user ? strrchr(user, '@') : NULL;
    if (at && at[1])
        snprintf(op->domain, sizeof op->domain, "%s", at + 1);
    enum aaa_result r = AAA_FAIL;
    if (op->dnis[0]) {
        AAA_LOG(a, DBG_VPDN, "%s VPDN: Got DNIS string %s", op->ifname, op->dnis);
        lookup_begin(op, CONFIG_VPDN_DNIS, op->dnis);
        r = lookup_methods(op);
    }
    return advance(op, r);
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
