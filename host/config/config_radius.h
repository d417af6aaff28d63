/* [radius]: the RADIUS servers the `radius` AAA method asks (host/aaa's
 * RADIUS backend, issue 7). Servers are tried in file order: each gets
 * `retries` retransmissions `timeout` apart (RFC 2865 §2.4 leaves both to
 * the client); when every server is silent, the next method of
 * `[aaa] method` answers. Included by config.h. */
#ifndef HOST_CONFIG_RADIUS_H
#define HOST_CONFIG_RADIUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_RADIUS_SERVERS_MAX 4
#define CONFIG_RADIUS_PATH_MAX 256
#define CONFIG_RADIUS_SECRET_MAX 64
#define CONFIG_RADIUS_DEFAULT_TIMEOUT_S 3u
#define CONFIG_RADIUS_DEFAULT_RETRIES 2u

struct config_radius_server {
    uint32_t ip;                    /* host order */
    uint16_t auth_port;             /* RFC 2865 §3: 1812 */
    uint16_t acct_port;             /* RFC 2866 §3: 1813 (auth_port + 1 when a port is given) */
    unsigned line;
};

struct config_radius {
    struct config_radius_server servers[CONFIG_RADIUS_SERVERS_MAX];
    size_t n_servers;
    char secret[CONFIG_RADIUS_SECRET_MAX];  /* shared with every server (RFC 2865 §3) */
    unsigned timeout_s;             /* per try; 0: CONFIG_RADIUS_DEFAULT_TIMEOUT_S */
    unsigned retries;               /* retransmissions per server */
    bool retries_set;               /* false: CONFIG_RADIUS_DEFAULT_RETRIES */
    uint32_t nas_ip;                /* NAS-IP-Address (RFC 2865 §5.4); 0: the source address */
    char nas_identifier[64];        /* NAS-Identifier (§5.32); "": the hostname */
    char dictionary[CONFIG_RADIUS_PATH_MAX]; /* "": host/aaa/radius.dictionary */
    bool no_accounting;             /* `accounting off`: no Accounting-Requests */
    /* The password IOS sends with VPDN lookups ("dnis:614629"); "cisco". */
    char vpdn_password[CONFIG_RADIUS_SECRET_MAX];
    unsigned line;                  /* of the [radius] header; 0: no section */
};

#endif
