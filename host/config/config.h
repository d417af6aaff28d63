/* The l2tpd configuration file (format in host/config/CONFIG.md): what one
 * appliance (LAC, LNS or both) runs with. The parser fills a struct
 * l2tpd_config and never exits or prints: a bad file gives an error naming
 * the file, the line and the key. Nothing global: each daemon instance owns
 * its config and frees it with config_free(). */
#ifndef HOST_CONFIG_H
#define HOST_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "proto_error.h"
#include "config_radius.h"

#define CONFIG_NAME_MAX 64      /* host names, user names, pool names, DNIS */
#define CONFIG_SECRET_MAX 64    /* tunnel and user secrets (L2TP_CTRL_SECRET_MAX) */
#define CONFIG_SPEC_MAX 128     /* card driver spec ("pci:0000:03:00.0") */
#define CONFIG_LNS_MAX 16       /* LNS addresses per VPDN entry */
#define CONFIG_METHOD_MAX 4     /* AAA methods in the order list */

enum config_role {
    CONFIG_ROLE_LAC = 1,
    CONFIG_ROLE_LNS = 2,
    CONFIG_ROLE_BOTH = CONFIG_ROLE_LAC | CONFIG_ROLE_LNS,
};

enum config_wire_kind { CONFIG_WIRE_MEMORY, CONFIG_WIRE_UDP, CONFIG_WIRE_TAP };

struct config_wire {
    enum config_wire_kind kind;
    uint32_t ip;                    /* udp: local IPv4, host order */
    uint16_t port;                  /* udp: local UDP port (1701 when not given) */
    char tap_name[16];              /* tap: interface name (IFNAMSIZ) */
};

enum config_clock { CONFIG_CLOCK_VIRTUAL, CONFIG_CLOCK_WALL };

/* [tunnel]: options of every control connection (RFC 2661 §5.8, §6.5). */
struct config_tunnel_opts {
    bool hidden_avps;               /* §4.3 hide sensitive AVPs when a secret is known */
    uint16_t receive_window;        /* our Receive Window Size AVP (§4.4.3), 1..65535 */
    uint64_t hello_interval_us;     /* 0: no HELLO */
    uint64_t retransmit_initial_us; /* §5.8 first timeout */
    uint64_t retransmit_max_us;     /* §5.8 backoff cap */
    unsigned retransmit_retries;
    uint64_t shutdown_lns_us;       /* no-sessions-left -> StopCCN, as LNS (Cisco 10 s) */
    uint64_t shutdown_lac_us;       /* same as LAC (Cisco 15 s) */
    unsigned session_limit;         /* sessions per tunnel; 0: no limit */
    /* RFC 2661 §5.4: data messages carry Ns (S bit) on our sessions. A LAC
     * asks for it with the Sequencing Required AVP in ICCN (§4.4.6); an LNS
     * sends sequenced data (IOS `l2tp sequencing`, xl2tpd `flow bit`). */
    bool sequencing;
};

/* [peer NAME]: the tunnel secret shared with the peer whose Host Name AVP
 * is NAME ("*": any peer). */
struct config_peer {
    char hostname[CONFIG_NAME_MAX];
    uint8_t secret[CONFIG_SECRET_MAX];
    size_t secret_len;
    unsigned line;
};

/* One LNS of a VPDN entry; priority 1 is tried first (Cisco's "priority"). */
struct config_lns {
    uint32_t ip;                    /* host order */
    unsigned priority;              /* 1..65535 */
};

enum config_vpdn_match { CONFIG_VPDN_DNIS, CONFIG_VPDN_DOMAIN };

/* [vpdn dnis:NUMBER] or [vpdn domain:NAME]: the tunnel a call is sent into
 * (Cisco's vpdn:tunnel-type, tunnel-id, ip-addresses, l2tp-tunnel-password). */
struct config_vpdn {
    enum config_vpdn_match match;
    char key[CONFIG_NAME_MAX];      /* the number or the domain, without the prefix */
    char tunnel_id[CONFIG_NAME_MAX];/* our host name in that tunnel ("hgw") */
    struct config_lns lns[CONFIG_LNS_MAX];  /* in file order */
    size_t n_lns;
    uint8_t password[CONFIG_SECRET_MAX];
    size_t password_len;            /* 0: no tunnel authentication */
    /* Cisco's l2tp-busy-disconnect: an LNS that answers "busy" ends the
     * call instead of the next address being tried. */
    bool busy_disconnect;
    unsigned line;
};

/* [pool NAME]: addresses first..last (host order, inclusive). */
struct config_pool {
    char name[CONFIG_NAME_MAX];
    uint32_t first, last;
    unsigned line;
};

/* [user NAME]: a local user (Cisco's "username NAME password SECRET"). */
struct config_user {
    char name[CONFIG_NAME_MAX];
    uint8_t secret[CONFIG_SECRET_MAX];  /* CHAP secret and PAP password */
    size_t secret_len;
    bool allow_chap, allow_pap;
    uint32_t framed_ip;             /* 0: none */
    bool allow_negotiated_address;
    char pool[CONFIG_NAME_MAX];     /* "": the [aaa] default-pool */
    uint32_t primary_dns, secondary_dns;
    unsigned line;
};

enum config_aaa_method { CONFIG_AAA_LOCAL, CONFIG_AAA_RADIUS };

struct l2tpd_config {
    char file[256];                 /* the name errors and logs use */
    /* [global] */
    enum config_role role;
    char hostname[CONFIG_NAME_MAX]; /* L2TP Host Name AVP (§4.4.3) */
    char ppp_name[CONFIG_NAME_MAX]; /* our CHAP name / PAP Peer-ID */
    char card[CONFIG_SPEC_MAX];     /* driver spec: rtl, model, pci:... */
    struct config_wire wire;
    enum config_clock clock;
    unsigned debug;                 /* bit (1u << enum debug_cat) per switch */
    /* [tunnel] */
    struct config_tunnel_opts tunnel;
    /* [aaa] */
    enum config_aaa_method methods[CONFIG_METHOD_MAX];
    size_t n_methods;
    char default_pool[CONFIG_NAME_MAX];
    /* [radius] (config_radius.h) */
    struct config_radius radius;
    /* repeated sections, in file order */
    struct config_peer *peers;
    size_t n_peers;
    struct config_vpdn *vpdns;
    size_t n_vpdns;
    struct config_pool *pools;
    size_t n_pools;
    struct config_user *users;
    size_t n_users;
};

enum config_errkind {
    CONFIG_E_NONE,
    CONFIG_E_IO,            /* the file cannot be read */
    CONFIG_E_SYNTAX,        /* not a section, key = value, comment or blank */
    CONFIG_E_UNKNOWN_SECTION,
    CONFIG_E_UNKNOWN_KEY,
    CONFIG_E_BAD_VALUE,
    CONFIG_E_DUPLICATE,     /* a key given twice, or a section name twice */
    CONFIG_E_MISSING,       /* a required key absent */
    CONFIG_E_RANGE,         /* a number out of its range */
    CONFIG_E_ADDRESS,       /* not a dotted-quad IPv4 address (or port) */
    CONFIG_E_NOMEM,
};

struct config_error {
    proto_status status;
    enum config_errkind kind;
    char file[256];
    unsigned line;          /* 0: not tied to a line (I/O) */
    char key[CONFIG_NAME_MAX];  /* the key, or "[section]" for section errors */
    char detail[200];
};

/* Defaults of every key (CONFIG.md lists them); role and hostname unset. */
void config_defaults(struct l2tpd_config *cfg);

/* Parses text (len octets) as if read from a file called `name`. On error
 * cfg holds nothing to free and err says where and why. */
proto_status config_parse(const char *name, const char *text, size_t len,
                          struct l2tpd_config *cfg, struct config_error *err);
/* Reads and parses the file at path. */
proto_status config_load(const char *path, struct l2tpd_config *cfg, struct config_error *err);
void config_free(struct l2tpd_config *cfg);

/* The config in the file format, every key written out (defaults too):
 * parsing the text gives the same config back. For l2tpctl's view of the
 * running config. Secrets are included: the text is as sensitive as the
 * file. PROTO_ENOSPC when cap is too small (*len says how much was needed). */
proto_status config_format(const struct l2tpd_config *cfg, char *buf, size_t cap, size_t *len,
                           struct proto_error *err);

/* "FILE:LINE: KEY: KIND: DETAIL" into buf; returns buf. */
char *config_error_format(const struct config_error *err, char *buf, size_t cap);
const char *config_errkind_name(enum config_errkind kind);

/* Lookups over the parsed config (NULL when absent). */
const struct config_user *config_find_user(const struct l2tpd_config *cfg, const char *name,
                                           size_t name_len);
const struct config_pool *config_find_pool(const struct l2tpd_config *cfg, const char *name);
const struct config_peer *config_find_peer(const struct l2tpd_config *cfg, const char *hostname);
const struct config_vpdn *config_find_vpdn(const struct l2tpd_config *cfg,
                                           enum config_vpdn_match match, const char *key);

#endif
