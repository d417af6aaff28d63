/* Keys of the single sections [global], [tunnel] and [aaa] (CONFIG.md):
 * a setter per key writing into struct l2tpd_config. */
#include <stdio.h>
#include <string.h>

#include "config_int.h"
#include "l2tp_const.h"
#include "l2tpcard.h"

#define SECONDS(n) ((uint64_t)(n) * 1000000u)

/* ---- [global] ---- */

static proto_status set_role(struct cfg_parser *p, const char *v)
{
    if (strcmp(v, "lac") == 0)
        p->cfg->role = CONFIG_ROLE_LAC;
    else if (strcmp(v, "lns") == 0)
        p->cfg->role = CONFIG_ROLE_LNS;
    else if (strcmp(v, "both") == 0)
        p->cfg->role = CONFIG_ROLE_BOTH;
    else
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not lac, lns or both", v);
    return PROTO_OK;
}

static proto_status set_hostname(struct cfg_parser *p, const char *v)
{
    return cfg_name(p, v, p->cfg->hostname);
}

static proto_status set_ppp_name(struct cfg_parser *p, const char *v)
{
    return cfg_name(p, v, p->cfg->ppp_name);
}

/* The driver's spec strings (driver/l2tpcard.h): the RTL under Verilator,
 * the C model, or a real card ("pci:auto", "pci:0000:03:00.0"), checked by
 * the driver's own parser so the daemon fails here, not at open. */
static proto_status set_card(struct cfg_parser *p, const char *v)
{
    if (strlen(v) >= CONFIG_SPEC_MAX)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "card spec longer than %d octets",
                        CONFIG_SPEC_MAX - 1);
    if (strncmp(v, "pci:", 4) == 0 || strncmp(v, "model:", 6) == 0) {
        /* The driver's parser checks the form; the model's sizes
         * (model:n_ch=N,sess_aw=A) are checked when the card opens. */
        struct l2tpcard_spec spec;
        struct l2tpcard_error err;
        if (l2tpcard_spec_parse(v, &spec, &err) != L2TPCARD_OK)
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "%s", err.msg);
    } else if (strcmp(v, "rtl") != 0 && strcmp(v, "model") != 0 && strcmp(v, "soft") != 0) {
        return cfg_fail(p, CONFIG_E_BAD_VALUE,
                        "'%s' is not rtl, model[:n_ch=N,sess_aw=A], soft or pci:ADDRESS", v);
    }
    snprintf(p->cfg->card, sizeof p->cfg->card, "%s", v);
    return PROTO_OK;
}

static proto_status set_wire(struct cfg_parser *p, const char *v)
{
    struct config_wire *w = &p->cfg->wire;
    if (strcmp(v, "in-memory") == 0) {
        *w = (struct config_wire){.kind = CONFIG_WIRE_MEMORY};
        return PROTO_OK;
    }
    if (strncmp(v, "tap ", 4) == 0) {
        const char *name = v + 4;
        while (*name == ' ' || *name == '\t')
            name++;
        size_t n = strlen(name);
        if (n == 0 || n >= sizeof w->tap_name || strpbrk(name, " \t/"))
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s': tap needs an interface name of 1..%zu "
                            "octets", v, sizeof w->tap_name - 1);
        *w = (struct config_wire){.kind = CONFIG_WIRE_TAP};
        memcpy(w->tap_name, name, n + 1);
        return PROTO_OK;
    }
    if (strncmp(v, "udp ", 4) != 0)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not in-memory, udp ADDR[:PORT] or tap NAME",
                        v);
    const char *addr = v + 4;
    while (*addr == ' ' || *addr == '\t')
        addr++;
    char ip[32];
    const char *colon = strchr(addr, ':');
    size_t iplen = colon ? (size_t)(colon - addr) : strlen(addr);
    if (iplen >= sizeof ip)
        return cfg_fail(p, CONFIG_E_ADDRESS, "'%s' is not an IPv4 address", addr);
    memcpy(ip, addr, iplen);
    ip[iplen] = '\0';
    struct config_wire nw = {.kind = CONFIG_WIRE_UDP, .port = L2TP_UDP_PORT};
    proto_status st = cfg_ipv4(p, ip, &nw.ip);
    if (st != PROTO_OK)
        return st;
    if (colon) {
        unsigned long port;
        if ((st = cfg_uint(p, colon + 1, 1, 65535, &port)) != PROTO_OK)
            return st;
        nw.port = (uint16_t)port;
    }
    *w = nw;
    return PROTO_OK;
}

static proto_status set_clock(struct cfg_parser *p, const char *v)
{
    if (strcmp(v, "virtual") == 0)
        p->cfg->clock = CONFIG_CLOCK_VIRTUAL;
    else if (strcmp(v, "wall") == 0)
        p->cfg->clock = CONFIG_CLOCK_WALL;
    else
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not virtual or wall", v);
    return PROTO_OK;
}

/* Switch names as Cisco's "debug ..." (debug_log.h); "all" turns on every one. */
static proto_status set_debug(struct cfg_parser *p, const char *v)
{
    if (strcmp(v, "all") == 0) {
        p->cfg->debug = (1u << DBG_CAT_COUNT) - 1;
        return PROTO_OK;
    }
    enum debug_cat cat;
    if (debug_cat_parse(v, &cat) != 0)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not a debug switch (l2tp event, l2tp "
                        "packet, ppp negotiation, ppp authentication, aaa, vpdn, card, all)", v);
    p->cfg->debug |= 1u << cat;
    return PROTO_OK;
}

/* ---- [tunnel] ---- */

static proto_status set_hidden(struct cfg_parser *p, const char *v)
{
    return cfg_bool(p, v, &p->cfg->tunnel.hidden_avps);
}

static proto_status set_window(struct cfg_parser *p, const char *v)
{
    unsigned long n;
    /* §4.4.3: a Receive Window Size of 0 is not allowed. */
    proto_status st = cfg_uint(p, v, 1, 65535, &n);
    if (st == PROTO_OK)
        p->cfg->tunnel.receive_window = (uint16_t)n;
    return st;
}

static proto_status set_hello(struct cfg_parser *p, const char *v)
{
    return cfg_duration(p, v, 0, SECONDS(3600), &p->cfg->tunnel.hello_interval_us);
}

static proto_status set_rto_initial(struct cfg_parser *p, const char *v)
{
    return cfg_duration(p, v, 10000, SECONDS(60), &p->cfg->tunnel.retransmit_initial_us);
}

static proto_status set_rto_max(struct cfg_parser *p, const char *v)
{
    return cfg_duration(p, v, 10000, SECONDS(600), &p->cfg->tunnel.retransmit_max_us);
}

static proto_status set_retries(struct cfg_parser *p, const char *v)
{
    unsigned long n;
    proto_status st = cfg_uint(p, v, 1, 100, &n);
    if (st == PROTO_OK)
        p->cfg->tunnel.retransmit_retries = (unsigned)n;
    return st;
}

static proto_status set_shut_lns(struct cfg_parser *p, const char *v)
{
    return cfg_duration(p, v, 0, SECONDS(3600), &p->cfg->tunnel.shutdown_lns_us);
}

static proto_status set_shut_lac(struct cfg_parser *p, const char *v)
{
    return cfg_duration(p, v, 0, SECONDS(3600), &p->cfg->tunnel.shutdown_lac_us);
}

static proto_status set_session_limit(struct cfg_parser *p, const char *v)
{
    unsigned long n;
    /* Session IDs are 16 bits (§3.1), 0 reserved. */
    proto_status st = cfg_uint(p, v, 0, 65535, &n);
    if (st == PROTO_OK)
        p->cfg->tunnel.session_limit = (unsigned)n;
    return st;
}

static proto_status set_sequencing(struct cfg_parser *p, const char *v)
{
    return cfg_bool(p, v, &p->cfg->tunnel.sequencing);
}

/* ---- [aaa] ---- */

static proto_status set_method(struct cfg_parser *p, const char *v)
{
    struct l2tpd_config *c = p->cfg;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", v);
    size_t n = 0;
    bool used[2] = {false, false};
    for (char *save = NULL, *w = strtok_r(buf, " \t,", &save); w;
         w = strtok_r(NULL, " \t,", &save)) {
        enum config_aaa_method m;
        if (strcmp(w, "local") == 0)
            m = CONFIG_AAA_LOCAL;
        else if (strcmp(w, "radius") == 0)
            m = CONFIG_AAA_RADIUS;
        else
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not an AAA method (local, radius)", w);
        if (used[m])
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "method '%s' listed twice", w);
        used[m] = true;
        c->methods[n++] = m;
    }
    c->n_methods = n;
    return PROTO_OK;
}

static proto_status set_default_pool(struct cfg_parser *p, const char *v)
{
    p->default_pool_line = p->line;
    return cfg_name(p, v, p->cfg->default_pool);
}


const struct cfg_key cfg_global_keys[] = {
    {"role", CFG_KEY_REQUIRED, set_role},
    {"hostname", CFG_KEY_REQUIRED, set_hostname},
    {"ppp-name", 0, set_ppp_name},
    {"card", 0, set_card},
    {"wire", 0, set_wire},
    {"clock", 0, set_clock},
    {"debug", CFG_KEY_REPEAT, set_debug},
};
const size_t cfg_n_global_keys = sizeof cfg_global_keys / sizeof cfg_global_keys[0];

const struct cfg_key cfg_tunnel_keys[] = {
    {"hidden-avps", 0, set_hidden},
    {"receive-window", 0, set_window},
    {"hello-interval", 0, set_hello},
    {"retransmit-initial", 0, set_rto_initial},
    {"retransmit-max", 0, set_rto_max},
    {"retransmit-retries", 0, set_retries},
    {"shutdown-lns", 0, set_shut_lns},
    {"shutdown-lac", 0, set_shut_lac},
    {"session-limit", 0, set_session_limit},
    {"sequencing", 0, set_sequencing},
};
const size_t cfg_n_tunnel_keys = sizeof cfg_tunnel_keys / sizeof cfg_tunnel_keys[0];

const struct cfg_key cfg_aaa_keys[] = {
    {"method", 0, set_method},
    {"default-pool", 0, set_default_pool},
};
const size_t cfg_n_aaa_keys = sizeof cfg_aaa_keys / sizeof cfg_aaa_keys[0];
