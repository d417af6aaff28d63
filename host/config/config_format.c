/* The config written back in its own file format (CONFIG.md), one key a
 * line, defaults included, so that parsing the text gives the same config. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

struct out {
    char *buf;
    size_t cap, len;    /* len counts everything, even past cap */
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->len < o->cap ? o->buf + o->len : NULL,
                      o->len < o->cap ? o->cap - o->len : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

static const char *ip(uint32_t a, char *b)
{
    snprintf(b, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF);
    return b;
}

/* Durations in ms when they are not whole seconds. */
static void put_duration(struct out *o, const char *key, uint64_t us)
{
    if (us % 1000000 == 0)
        put(o, "%s = %llus\n", key, (unsigned long long)(us / 1000000));
    else
        put(o, "%s = %llums\n", key, (unsigned long long)(us / 1000));
}

static void put_secret(struct out *o, const char *key, const uint8_t *s, size_t n)
{
    if (n)
        put(o, "%s = %.*s\n", key, (int)n, (const char *)s);
}

static void put_global(struct out *o, const struct l2tpd_config *c)
{
    static const char *const roles[] = {[CONFIG_ROLE_LAC] = "lac", [CONFIG_ROLE_LNS] = "lns",
                                        [CONFIG_ROLE_BOTH] = "both"};
    char a[16];
    put(o, "[global]\nrole = %s\nhostname = %s\nppp-name = %s\ncard = %s\n", roles[c->role],
        c->hostname, c->ppp_name, c->card);
    switch (c->wire.kind) {
    case CONFIG_WIRE_MEMORY: put(o, "wire = in-memory\n"); break;
    case CONFIG_WIRE_UDP: put(o, "wire = udp %s:%u\n", ip(c->wire.ip, a), c->wire.port); break;
    case CONFIG_WIRE_TAP: put(o, "wire = tap %s\n", c->wire.tap_name); break;
    }
    put(o, "clock = %s\n", c->clock == CONFIG_CLOCK_WALL ? "wall" : "virtual");
    for (int d = 0; d < DBG_CAT_COUNT; d++)
        if (c->debug & (1u << d))
            put(o, "debug = %s\n", debug_cat_name((enum debug_cat)d));
}

static void put_tunnel_aaa(struct out *o, const struct l2tpd_config *c)
{
    const struct config_tunnel_opts *t = &c->tunnel;
    put(o, "\n[tunnel]\nhidden-avps = %s\nreceive-window = %u\n", t->hidden_avps ? "on" : "off",
        t->receive_window);
    put_duration(o, "hello-interval", t->hello_interval_us);
    put_duration(o, "retransmit-initial", t->retransmit_initial_us);
    put_duration(o, "retransmit-max", t->retransmit_max_us);
    put(o, "retransmit-retries = %u\n", t->retransmit_retries);
    put_duration(o, "shutdown-lns", t->shutdown_lns_us);
    put_duration(o, "shutdown-lac", t->shutdown_lac_us);
    put(o, "session-limit = %u\n", t->session_limit);
    put(o, "sequencing = %s\n", t->sequencing ? "on" : "off");
    put(o, "\n[aaa]\nmethod =");
    for (size_t i = 0; i < c->n_methods; i++)
        put(o, " %s", c->methods[i] == CONFIG_AAA_RADIUS ? "radius" : "local");
    put(o, "\n");
    if (c->default_pool[0])
        put(o, "default-pool = %s\n", c->default_pool);
}

static void put_sections(struct out *o, const struct l2tpd_config *c)
{
    char a[16], b[16];
    for (size_t i = 0; i < c->n_peers; i++) {
        put(o, "\n[peer %s]\n", c->peers[i].hostname);
        put_secret(o, "secret", c->peers[i].secret, c->peers[i].secret_len);
    }
    for (size_t i = 0; i < c->n_vpdns; i++) {
        const struct config_vpdn *v = &c->vpdns[i];
        put(o, "\n[vpdn %s:%s]\ntunnel-type = l2tp\ntunnel-id = %s\n",
            v->match == CONFIG_VPDN_DNIS ? "dnis" : "domain", v->key, v->tunnel_id);
        for (size_t k = 0; k < v->n_lns; k++)
            put(o, "lns = %s priority %u\n", ip(v->lns[k].ip, a), v->lns[k].priority);
        put_secret(o, "password", v->password, v->password_len);
        put(o, "busy-disconnect = %s\n", v->busy_disconnect ? "yes" : "no");
    }
    for (size_t i = 0; i < c->n_pools; i++)
        put(o, "\n[pool %s]\nrange = %s %s\n", c->pools[i].name, ip(c->pools[i].first, a),
            ip(c->pools[i].last, b));
    for (size_t i = 0; i < c->n_users; i++) {
        const struct config_user *u = &c->users[i];
        put(o, "\n[user %s]\n", u->name);
        put_secret(o, "secret", u->secret, u->secret_len);
        put(o, "auth =%s%s\n", u->allow_chap ? " chap" : "", u->allow_pap ? " pap" : "");
        if (u->framed_ip)
            put(o, "framed-ip = %s\n", ip(u->framed_ip, a));
        put(o, "allow-negotiated-address = %s\n", u->allow_negotiated_address ? "yes" : "no");
        if (u->pool[0])
            put(o, "pool = %s\n", u->pool);
        if (u->primary_dns && u->secondary_dns)
            put(o, "dns = %s %s\n", ip(u->primary_dns, a), ip(u->secondary_dns, b));
        else if (u->primary_dns)
            put(o, "dns = %s\n", ip(u->primary_dns, a));
    }
}

static void put_radius(struct out *o, const struct l2tpd_config *c)
{
    const struct config_radius *r = &c->radius;
    char a[16];
    if (!r->line)
        return;
    put(o, "\n[radius]\n");
    for (size_t i = 0; i < r->n_servers; i++)
        put(o, "server = %s:%u\n", ip(r->servers[i].ip, a), r->servers[i].auth_port);
    put(o, "secret = %s\n", r->secret);
    put(o, "timeout = %us\n", r->timeout_s ? r->timeout_s : CONFIG_RADIUS_DEFAULT_TIMEOUT_S);
    put(o, "retries = %u\n", r->retries_set ? r->retries : CONFIG_RADIUS_DEFAULT_RETRIES);
    if (r->nas_ip)
        put(o, "nas-ip = %s\n", ip(r->nas_ip, a));
    if (r->nas_identifier[0])
        put(o, "nas-identifier = %s\n", r->nas_identifier);
    if (r->dictionary[0])
        put(o, "dictionary = %s\n", r->dictionary);
    put(o, "accounting = %s\n", r->no_accounting ? "off" : "on");
    if (r->vpdn_password[0])
        put(o, "vpdn-password = %s\n", r->vpdn_password);
}

proto_status config_format(const struct l2tpd_config *cfg, char *buf, size_t cap, size_t *len,
                           struct proto_error *err)
{
    if (cfg->role < CONFIG_ROLE_LAC || cfg->role > CONFIG_ROLE_BOTH)
        return proto_fail(err, PROTO_EINVAL, 0, "role", "not a parsed config");
    struct out o = {.buf = buf, .cap = cap};
    put(&o, "# %s as l2tpd runs it\n", cfg->file);
    put_global(&o, cfg);
    put_tunnel_aaa(&o, cfg);
    put_sections(&o, cfg);
    put_radius(&o, cfg);
    *len = o.len;
    if (o.len >= cap)
        return proto_fail(err, PROTO_ENOSPC, o.len, "config", "%zu octets needed, room for %zu",
                          o.len + 1, cap);
    return PROTO_OK;
}
