/* Keys of [radius] (CONFIG.md): the servers, the shared secret, timeouts
 * and retries of the RADIUS AAA method. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_int.h"

/* server = ADDR[:PORT]: accounting goes to PORT+1 (RFC 2866 §3 next to
 * RFC 2865 §3's 1812). */
static proto_status set_server(struct cfg_parser *p, const char *v)
{
    struct config_radius *r = &p->cfg->radius;
    if (r->n_servers == CONFIG_RADIUS_SERVERS_MAX)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "more than %d servers",
                        CONFIG_RADIUS_SERVERS_MAX);
    char addr[64];
    snprintf(addr, sizeof addr, "%s", v);
    unsigned long port = 1812;
    char *colon = strchr(addr, ':');
    if (colon) {
        *colon = '\0';
        char *end;
        port = strtoul(colon + 1, &end, 10);
        if (!colon[1] || *end || port == 0 || port > 65534)
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s': the port is 1..65534 (accounting "
                            "uses the next one)", v);
    }
    struct config_radius_server s = {.auth_port = (uint16_t)port,
                                     .acct_port = (uint16_t)(port + 1), .line = p->line};
    proto_status st = cfg_ipv4(p, addr, &s.ip);
    if (st != PROTO_OK)
        return st;
    r->servers[r->n_servers++] = s;
    return PROTO_OK;
}

static proto_status set_text(struct cfg_parser *p, const char *v, char *out, size_t cap)
{
    size_t n = strlen(v);
    if (n == 0 || n >= cap)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "1..%zu octets", cap - 1);
    memcpy(out, v, n + 1);
    return PROTO_OK;
}

static proto_status set_secret(struct cfg_parser *p, const char *v)
{
    struct config_radius *r = &p->cfg->radius;
    return set_text(p, v, r->secret, sizeof r->secret);
}

/* radcli counts in whole seconds. */
static proto_status set_timeout(struct cfg_parser *p, const char *v)
{
    uint64_t us;
    proto_status st = cfg_duration(p, v, 1000000u, 60000000u, &us);
    if (st != PROTO_OK)
        return st;
    if (us % 1000000u)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s': whole seconds only (1..60)", v);
    p->cfg->radius.timeout_s = (unsigned)(us / 1000000u);
    return PROTO_OK;
}

static proto_status set_retries(struct cfg_parser *p, const char *v)
{
    unsigned long n;
    proto_status st = cfg_uint(p, v, 0, 10, &n);
    if (st == PROTO_OK) {
        p->cfg->radius.retries = (unsigned)n;
        p->cfg->radius.retries_set = true;
    }
    return st;
}

static proto_status set_nas_ip(struct cfg_parser *p, const char *v)
{
    return cfg_ipv4(p, v, &p->cfg->radius.nas_ip);
}

static proto_status set_nas_identifier(struct cfg_parser *p, const char *v)
{
    struct config_radius *r = &p->cfg->radius;
    return set_text(p, v, r->nas_identifier, sizeof r->nas_identifier);
}

static proto_status set_dictionary(struct cfg_parser *p, const char *v)
{
    struct config_radius *r = &p->cfg->radius;
    return set_text(p, v, r->dictionary, sizeof r->dictionary);
}

static proto_status set_accounting(struct cfg_parser *p, const char *v)
{
    bool on;
    proto_status st = cfg_bool(p, v, &on);
    if (st == PROTO_OK)
        p->cfg->radius.no_accounting = !on;
    return st;
}

static proto_status set_vpdn_password(struct cfg_parser *p, const char *v)
{
    struct config_radius *r = &p->cfg->radius;
    return set_text(p, v, r->vpdn_password, sizeof r->vpdn_password);
}

const struct cfg_key cfg_radius_keys[] = {
    {"server", CFG_KEY_REQUIRED | CFG_KEY_REPEAT, set_server},
    {"secret", CFG_KEY_REQUIRED, set_secret},
    {"timeout", 0, set_timeout},
    {"retries", 0, set_retries},
    {"nas-ip", 0, set_nas_ip},
    {"nas-identifier", 0, set_nas_identifier},
    {"dictionary", 0, set_dictionary},
    {"accounting", 0, set_accounting},
    {"vpdn-password", 0, set_vpdn_password},
};
const size_t cfg_n_radius_keys = sizeof cfg_radius_keys / sizeof cfg_radius_keys[0];
