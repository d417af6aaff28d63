/* The sections of the config file and the key table of each
 * (config_keys_global.c, config_keys_entries.c). */
#include "config_int.h"

const struct cfg_key *cfg_section_keys(enum cfg_section_kind sec, size_t *n)
{
    switch (sec) {
    case CFG_SEC_GLOBAL: *n = cfg_n_global_keys; return cfg_global_keys;
    case CFG_SEC_TUNNEL: *n = cfg_n_tunnel_keys; return cfg_tunnel_keys;
    case CFG_SEC_AAA: *n = cfg_n_aaa_keys; return cfg_aaa_keys;
    case CFG_SEC_PEER: *n = cfg_n_peer_keys; return cfg_peer_keys;
    case CFG_SEC_VPDN: *n = cfg_n_vpdn_keys; return cfg_vpdn_keys;
    case CFG_SEC_POOL: *n = cfg_n_pool_keys; return cfg_pool_keys;
    case CFG_SEC_USER: *n = cfg_n_user_keys; return cfg_user_keys;
    case CFG_SEC_RADIUS: *n = cfg_n_radius_keys; return cfg_radius_keys;
    default: *n = 0; return NULL;
    }
}

const char *cfg_section_name(enum cfg_section_kind sec)
{
    static const char *const names[CFG_SEC_COUNT] = {
        [CFG_SEC_NONE] = "", [CFG_SEC_GLOBAL] = "global", [CFG_SEC_TUNNEL] = "tunnel",
        [CFG_SEC_AAA] = "aaa", [CFG_SEC_PEER] = "peer", [CFG_SEC_VPDN] = "vpdn",
        [CFG_SEC_POOL] = "pool", [CFG_SEC_USER] = "user", [CFG_SEC_RADIUS] = "radius",
    };
    return sec < CFG_SEC_COUNT ? names[sec] : "";
}
