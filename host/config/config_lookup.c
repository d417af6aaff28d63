/* Defaults, lookups and freeing of a parsed config. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "l2tp_ctrl.h"
#include "l2tp_reliable.h"

void config_defaults(struct l2tpd_config *cfg)
{
    *cfg = (struct l2tpd_config){
        .card = "rtl",
        .wire = {.kind = CONFIG_WIRE_MEMORY},
        .clock = CONFIG_CLOCK_VIRTUAL,
        .tunnel = {
            .hidden_avps = false,
            .receive_window = 16,
            .hello_interval_us = L2TP_CTRL_HELLO_US,
            /* The control connection's own defaults (RFC 2661 §5.8 backoff). */
            .retransmit_initial_us = L2TP_REL_DEFAULT_RTO_INITIAL_US,
            .retransmit_max_us = L2TP_REL_DEFAULT_RTO_MAX_US,
            .retransmit_retries = L2TP_REL_DEFAULT_MAX_RETRIES,
            .shutdown_lns_us = L2TP_CTRL_SHUTDOWN_LNS_US,
            .shutdown_lac_us = L2TP_CTRL_SHUTDOWN_LAC_US,
            .session_limit = 0,
        },
        .methods = {CONFIG_AAA_LOCAL},
        .n_methods = 1,
    };
}

void config_free(struct l2tpd_config *cfg)
{
    free(cfg->peers);
    free(cfg->vpdns);
    free(cfg->pools);
    free(cfg->users);
    cfg->peers = NULL;
    cfg->vpdns = NULL;
    cfg->pools = NULL;
    cfg->users = NULL;
    cfg->n_peers = cfg->n_vpdns = cfg->n_pools = cfg->n_users = 0;
}

/* name need not be NUL-terminated (CHAP names are octet strings, RFC 1994 §4.1). */
const struct config_user *config_find_user(const struct l2tpd_config *cfg, const char *name,
                                           size_t name_len)
{
    for (size_t i = 0; i < cfg->n_users; i++)
        if (strlen(cfg->users[i].name) == name_len &&
            memcmp(cfg->users[i].name, name, name_len) == 0)
            return &cfg->users[i];
    return NULL;
}

const struct config_pool *config_find_pool(const struct l2tpd_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_pools; i++)
        if (strcmp(cfg->pools[i].name, name) == 0)
            return &cfg->pools[i];
    return NULL;
}

/* An exact host name wins over the "*" entry. */
const struct config_peer *config_find_peer(const struct l2tpd_config *cfg, const char *hostname)
{
    const struct config_peer *any = NULL;
    for (size_t i = 0; i < cfg->n_peers; i++) {
        if (strcmp(cfg->peers[i].hostname, hostname) == 0)
            return &cfg->peers[i];
        if (strcmp(cfg->peers[i].hostname, "*") == 0)
            any = &cfg->peers[i];
    }
    return any;
}

/* Domains compare without case (DNS names, RFC 4343); DNIS exactly. */
const struct config_vpdn *config_find_vpdn(const struct l2tpd_config *cfg,
                                           enum config_vpdn_match match, const char *key)
{
    for (size_t i = 0; i < cfg->n_vpdns; i++) {
        const struct config_vpdn *v = &cfg->vpdns[i];
        if (v->match != match)
            continue;
        if (match == CONFIG_VPDN_DNIS ? strcmp(v->key, key) == 0 : strcasecmp(v->key, key) == 0)
            return v;
    }
    return NULL;
}

const char *config_errkind_name(enum config_errkind kind)
{
    switch (kind) {
    case CONFIG_E_NONE: return "no error";
    case CONFIG_E_IO: return "cannot read";
    case CONFIG_E_SYNTAX: return "syntax error";
    case CONFIG_E_UNKNOWN_SECTION: return "unknown section";
    case CONFIG_E_UNKNOWN_KEY: return "unknown key";
    case CONFIG_E_BAD_VALUE: return "bad value";
    case CONFIG_E_DUPLICATE: return "duplicate";
    case CONFIG_E_MISSING: return "missing required key";
    case CONFIG_E_RANGE: return "out of range";
    case CONFIG_E_ADDRESS: return "bad address";
    case CONFIG_E_NOMEM: return "out of memory";
    }
    return "?";
}

char *config_error_format(const struct config_error *err, char *buf, size_t cap)
{
    char where[300];
    if (err->line)
        snprintf(where, sizeof where, "%s:%u", err->file, err->line);
    else
        snprintf(where, sizeof where, "%s", err->file);
    if (err->key[0])
        snprintf(buf, cap, "%s: %s: %s: %s", where, err->key, config_errkind_name(err->kind),
                 err->detail);
    else
        snprintf(buf, cap, "%s: %s: %s", where, config_errkind_name(err->kind), err->detail);
    return buf;
}
