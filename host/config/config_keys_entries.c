/* Keys of the named sections [peer NAME], [vpdn dnis:N|domain:D],
 * [pool NAME] and [user NAME] (CONFIG.md): a setter per key writing into
 * the section being read, the last element of its array. */
#include <stdio.h>
#include <string.h>

#include "config_int.h"

/* ---- [peer NAME] ---- */

static proto_status set_peer_secret(struct cfg_parser *p, const char *v)
{
    struct config_peer *e = &p->cfg->peers[p->cfg->n_peers - 1];
    return cfg_secret(p, v, e->secret, &e->secret_len);
}

/* ---- [vpdn dnis:N] / [vpdn domain:D] ---- */

static struct config_vpdn *cur_vpdn(struct cfg_parser *p)
{
    return &p->cfg->vpdns[p->cfg->n_vpdns - 1];
}

static proto_status set_tunnel_type(struct cfg_parser *p, const char *v)
{
    /* Cisco's vpdn:tunnel-type: only L2TP is spoken here (no L2F). */
    if (strcmp(v, "l2tp") != 0)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s': only l2tp is supported", v);
    return PROTO_OK;
}

static proto_status set_tunnel_id(struct cfg_parser *p, const char *v)
{
    return cfg_name(p, v, cur_vpdn(p)->tunnel_id);
}

/* "ADDR" or "ADDR priority N" (Cisco's "ip-addresses" with priorities). */
static proto_status set_lns(struct cfg_parser *p, const char *v)
{
    struct config_vpdn *e = cur_vpdn(p);
    if (e->n_lns == CONFIG_LNS_MAX)
        return cfg_fail(p, CONFIG_E_RANGE, "more than %d LNS addresses", CONFIG_LNS_MAX);
    char buf[96];
    if (strlen(v) >= sizeof buf)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not ADDR [priority N]", v);
    snprintf(buf, sizeof buf, "%s", v);
    char *save = NULL;
    char *addr = strtok_r(buf, " \t", &save);
    char *kw = strtok_r(NULL, " \t", &save);
    char *num = strtok_r(NULL, " \t", &save);
    struct config_lns l = {.priority = 1};
    if (!addr || (kw && (strcmp(kw, "priority") != 0 || !num)) || strtok_r(NULL, " \t", &save))
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not ADDR [priority N]", v);
    proto_status st = cfg_ipv4(p, addr, &l.ip);
    if (st != PROTO_OK)
        return st;
    if (num) {
        unsigned long pr;
        if ((st = cfg_uint(p, num, 1, 65535, &pr)) != PROTO_OK)
            return st;
        l.priority = (unsigned)pr;
    }
    for (size_t i = 0; i < e->n_lns; i++)
        if (e->lns[i].ip == l.ip)
            return cfg_fail(p, CONFIG_E_DUPLICATE, "LNS %s listed twice", addr);
    e->lns[e->n_lns++] = l;
    return PROTO_OK;
}

static proto_status set_vpdn_password(struct cfg_parser *p, const char *v)
{
    struct config_vpdn *e = cur_vpdn(p);
    return cfg_secret(p, v, e->password, &e->password_len);
}

static proto_status set_busy_disconnect(struct cfg_parser *p, const char *v)
{
    return cfg_bool(p, v, &cur_vpdn(p)->busy_disconnect);
}

/* ---- [pool NAME] ---- */

static proto_status set_range(struct cfg_parser *p, const char *v)
{
    struct config_pool *e = &p->cfg->pools[p->cfg->n_pools - 1];
    char a[32], b[32], extra[2];
    if (sscanf(v, "%31s %31s %1s", a, b, extra) != 2)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not FIRST LAST", v);
    uint32_t first, last;
    proto_status st = cfg_ipv4(p, a, &first);
    if (st == PROTO_OK)
        st = cfg_ipv4(p, b, &last);
    if (st != PROTO_OK)
        return st;
    if (first == 0 || last < first)
        return cfg_fail(p, CONFIG_E_RANGE, "'%s': need 0.0.0.0 < FIRST <= LAST", v);
    if (last - first >= 65536)
        return cfg_fail(p, CONFIG_E_RANGE, "'%s': more than 65536 addresses", v);
    e->first = first;
    e->last = last;
    return PROTO_OK;
}

/* ---- [user NAME] ---- */

static struct config_user *cur_user(struct cfg_parser *p)
{
    return &p->cfg->users[p->cfg->n_users - 1];
}

static proto_status set_user_secret(struct cfg_parser *p, const char *v)
{
    struct config_user *u = cur_user(p);
    return cfg_secret(p, v, u->secret, &u->secret_len);
}

static proto_status set_user_auth(struct cfg_parser *p, const char *v)
{
    struct config_user *u = cur_user(p);
    char buf[64];
    snprintf(buf, sizeof buf, "%s", v);
    bool chap = false, pap = false;
    for (char *save = NULL, *w = strtok_r(buf, " \t,", &save); w;
         w = strtok_r(NULL, " \t,", &save)) {
        if (strcmp(w, "chap") == 0 && !chap)
            chap = true;
        else if (strcmp(w, "pap") == 0 && !pap)
            pap = true;
        else
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not a list of chap, pap", v);
    }
    u->allow_chap = chap;
    u->allow_pap = pap;
    return PROTO_OK;
}

static proto_status set_framed_ip(struct cfg_parser *p, const char *v)
{
    return cfg_ipv4(p, v, &cur_user(p)->framed_ip);
}

static proto_status set_allow_negotiated(struct cfg_parser *p, const char *v)
{
    return cfg_bool(p, v, &cur_user(p)->allow_negotiated_address);
}

static proto_status set_user_pool(struct cfg_parser *p, const char *v)
{
    p->user_pool_line = p->line;
    return cfg_name(p, v, cur_user(p)->pool);
}

/* RFC 1877 addresses given to the user: "PRIMARY [SECONDARY]". */
static proto_status set_dns(struct cfg_parser *p, const char *v)
{
    struct config_user *u = cur_user(p);
    char a[32], b[32], extra[2];
    int n = sscanf(v, "%31s %31s %1s", a, b, extra);
    if (n < 1 || n > 2)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not PRIMARY [SECONDARY]", v);
    proto_status st = cfg_ipv4(p, a, &u->primary_dns);
    if (st == PROTO_OK && n == 2)
        st = cfg_ipv4(p, b, &u->secondary_dns);
    return st;
}


const struct cfg_key cfg_peer_keys[] = {
    {"secret", CFG_KEY_REQUIRED, set_peer_secret},
};
const size_t cfg_n_peer_keys = sizeof cfg_peer_keys / sizeof cfg_peer_keys[0];

const struct cfg_key cfg_vpdn_keys[] = {
    {"tunnel-type", 0, set_tunnel_type},
    {"tunnel-id", 0, set_tunnel_id},
    {"lns", CFG_KEY_REQUIRED | CFG_KEY_REPEAT, set_lns},
    {"password", 0, set_vpdn_password},
    {"busy-disconnect", 0, set_busy_disconnect},
};
const size_t cfg_n_vpdn_keys = sizeof cfg_vpdn_keys / sizeof cfg_vpdn_keys[0];

const struct cfg_key cfg_pool_keys[] = {
    {"range", CFG_KEY_REQUIRED, set_range},
};
const size_t cfg_n_pool_keys = sizeof cfg_pool_keys / sizeof cfg_pool_keys[0];

const struct cfg_key cfg_user_keys[] = {
    {"secret", CFG_KEY_REQUIRED, set_user_secret},
    {"auth", 0, set_user_auth},
    {"framed-ip", 0, set_framed_ip},
    {"allow-negotiated-address", 0, set_allow_negotiated},
    {"pool", 0, set_user_pool},
    {"dns", 0, set_dns},
};
const size_t cfg_n_user_keys = sizeof cfg_user_keys / sizeof cfg_user_keys[0];
