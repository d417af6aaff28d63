/* Inside the config parser: the parse state, value parsers and the section
 * key tables shared by config_parse.c, config_values.c, config_sections.c
 * and config_keys_*.c. Not for users of the library. */
#ifndef HOST_CONFIG_INT_H
#define HOST_CONFIG_INT_H

#include "config.h"

enum cfg_section_kind {
    CFG_SEC_NONE,
    CFG_SEC_GLOBAL,
    CFG_SEC_TUNNEL,
    CFG_SEC_AAA,
    CFG_SEC_PEER,
    CFG_SEC_VPDN,
    CFG_SEC_POOL,
    CFG_SEC_USER,
    CFG_SEC_RADIUS,
    CFG_SEC_COUNT,
};

struct cfg_parser;
typedef proto_status (*cfg_set_fn)(struct cfg_parser *p, const char *value);

#define CFG_KEY_REQUIRED 1u
#define CFG_KEY_REPEAT 2u

struct cfg_key {
    const char *name;
    unsigned flags;
    cfg_set_fn set;
};

struct cfg_parser {
    struct l2tpd_config *cfg;
    struct config_error *err;
    unsigned line;                  /* current line, 1-based */
    const char *key;                /* key being set, for errors */
    enum cfg_section_kind sec;
    unsigned sec_line;              /* line of the current section header */
    uint32_t seen;                  /* keys set in the current section (bit per table index) */
    bool sec_once[CFG_SEC_COUNT];   /* single sections already opened */
    unsigned user_pool_line;        /* line of the current [user]'s pool key */
    unsigned *pool_ref_lines;       /* per user: line of its pool key (0: none) */
    unsigned default_pool_line;
};

/* Records err (kind, file, current line and key) and returns its status. */
proto_status cfg_fail(struct cfg_parser *p, enum config_errkind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Value parsers: each fails through cfg_fail naming the current key. */
proto_status cfg_bool(struct cfg_parser *p, const char *v, bool *out);
proto_status cfg_uint(struct cfg_parser *p, const char *v, unsigned long min, unsigned long max,
                      unsigned long *out);
/* "N" (seconds), "Ns", "Nms". */
proto_status cfg_duration(struct cfg_parser *p, const char *v, uint64_t min_us, uint64_t max_us,
                          uint64_t *out);
proto_status cfg_ipv4(struct cfg_parser *p, const char *v, uint32_t *out);
/* One word (no blanks), 1..CONFIG_NAME_MAX-1 octets. */
proto_status cfg_name(struct cfg_parser *p, const char *v, char out[CONFIG_NAME_MAX]);
/* The rest of the line, 1..CONFIG_SECRET_MAX octets. */
proto_status cfg_secret(struct cfg_parser *p, const char *v, uint8_t out[CONFIG_SECRET_MAX],
                        size_t *len);

/* Key tables: config_keys_global.c and config_keys_entries.c. */
extern const struct cfg_key cfg_global_keys[], cfg_tunnel_keys[], cfg_aaa_keys[];
extern const size_t cfg_n_global_keys, cfg_n_tunnel_keys, cfg_n_aaa_keys;
extern const struct cfg_key cfg_peer_keys[], cfg_vpdn_keys[], cfg_pool_keys[], cfg_user_keys[];
extern const size_t cfg_n_peer_keys, cfg_n_vpdn_keys, cfg_n_pool_keys, cfg_n_user_keys;
extern const struct cfg_key cfg_radius_keys[];   /* config_radius.c */
extern const size_t cfg_n_radius_keys;

/* The keys a section accepts. */
const struct cfg_key *cfg_section_keys(enum cfg_section_kind sec, size_t *n);
const char *cfg_section_name(enum cfg_section_kind sec);

#endif
