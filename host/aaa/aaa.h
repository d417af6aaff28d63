/* AAA for l2tpd: authentication of PPP users (CHAP-MD5, PAP), the secret
 * we answer with as a client, VPDN tunnel authorization by DNIS or domain
 * (Cisco's "dnis:614629" -> tunnel-type, tunnel-id, ip-addresses,
 * l2tp-tunnel-password), LNS selection by priority with failover, IPCP
 * address authorization with pools, and the tunnel secret of a peer host.
 *
 * Backends are tried in the config's method order (Cisco's method list):
 * the local backend (aaa_local.c) answers from the parsed config file, the
 * RADIUS backend (aaa_radius*.c, through radcli) from a server. A backend
 * answers PASS or FAIL; ERROR (unreachable) moves on to the next method,
 * as IOS does.
 *
 * Asynchronous answers. VPDN authorization reports through a callback:
 * the local backend calls it before returning and the call returns the
 * result; RADIUS returns AAA_PENDING and the callback runs later from
 * aaa_poll(). PPP verdicts go through struct ppp_aaa's async forms
 * (host/ppp/ppp_aaa.h): PPP_AAA_PENDING, then the verdict is delivered to
 * the waiting CHAP/PAP authenticator.
 *
 * No global state: one struct aaa per daemon instance; the config it reads
 * is borrowed and must outlive it. */
#ifndef HOST_AAA_H
#define HOST_AAA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "debug_log.h"
#include "ppp_aaa.h"
#include "proto_error.h"

enum aaa_result {
    AAA_PASS,
    AAA_FAIL,       /* rejected, or no entry */
    AAA_ERROR,      /* the method could not answer: try the next one */
    AAA_PENDING,    /* the answer comes later through the callback (network backends) */
};

struct aaa_lns {
    uint32_t ip;            /* host order */
    unsigned priority;      /* 1 first */
};

/* What a VPDN authorization gives the LAC: the tunnel a call goes into. */
struct aaa_tunnel_info {
    char user[CONFIG_NAME_MAX + 8];         /* "dnis:614629" or "domain:cisco.com" */
    char tunnel_type[8];                    /* "l2tp" */
    char tunnel_id[CONFIG_NAME_MAX];        /* our host name in the tunnel ("hgw") */
    struct aaa_lns lns[CONFIG_LNS_MAX];     /* by priority; equal priorities in file order */
    size_t n_lns;
    uint8_t password[CONFIG_SECRET_MAX];    /* tunnel secret; length 0: none */
    size_t password_len;
    bool busy_disconnect;                   /* an LNS saying "busy" ends the call (no failover) */
};

typedef void (*aaa_vpdn_done_fn)(void *ctx, enum aaa_result result,
                                 const struct aaa_tunnel_info *info);

/* One address pool's state: which addresses are handed out. */
struct aaa_pool {
    const struct config_pool *cfg;
    uint8_t *used;          /* one octet per address of cfg->first..cfg->last */
    size_t n_used;
};

struct aaa_radius;

struct aaa {
    const struct l2tpd_config *cfg;
    struct debug_log *log;  /* may be NULL: no debug lines */
    uint32_t next_id;       /* the number IOS shows in "AAA/AUTHOR/VPDN (1692520761)" */
    struct aaa_pool *pools; /* one per [pool], in config order */
    size_t n_pools;
    struct aaa_radius *radius;  /* the RADIUS client when `radius` is a method (aaa_radius.h) */
};

/* Fails (err says why) when the config asks for a method this build has
 * no backend for, or when memory runs out. */
proto_status aaa_init(struct aaa *a, const struct l2tpd_config *cfg, struct debug_log *log,
                      struct proto_error *err);
void aaa_free(struct aaa *a);

/* The interface PPP asks through, backed by this aaa (with the async
 * forms, so RADIUS verdicts arrive later through ppp_link's CHAP/PAP). */
void aaa_ppp_interface(struct aaa *a, struct ppp_aaa *out);

/* ---- Asynchronous answers (RADIUS) ----
 * The owner's event loop polls aaa_fd() (-1: nothing to poll, no network
 * method) and calls aaa_poll() when it is readable: completions (VPDN
 * done callbacks, PPP verdicts) run from there, on the loop's thread.
 * aaa_pending() counts requests still out. aaa_cancel(owner): no callback
 * for `owner` any more (a VPDN ctx or a PPP authenticator going away). */
int aaa_fd(const struct aaa *a);
size_t aaa_poll(struct aaa *a);
size_t aaa_pending(const struct aaa *a);
void aaa_cancel(struct aaa *a, void *owner);

/* ---- Accounting (RFC 2866), through RADIUS when it is a method and
 * [radius] accounting is on; otherwise nothing is sent. ---- */
struct aaa_acct {
    const char *session_id;         /* Acct-Session-Id: unique per session */
    const char *user;
    const char *ifname;             /* "Vi4" */
    uint32_t nas_port;
    uint32_t framed_ip;             /* host order; 0: none */
    uint64_t in_octets, out_octets, in_packets, out_packets;   /* Stop: from the user */
    uint64_t session_time_s;        /* Stop */
    unsigned terminate_cause;       /* Stop: RADIUS_TERM_* (radius_const.h) */
};
void aaa_acct_start(struct aaa *a, const struct aaa_acct *s);
void aaa_acct_stop(struct aaa *a, const struct aaa_acct *s);

/* VPDN tunnel authorization for a call on interface `ifname` ("Se0:0"): by
 * DNIS when an entry for it exists, else by the domain of `user`
 * ("name@domain"); either may be NULL. done gets the result and, on PASS,
 * the tunnel (valid during the call only). Returns the result (or
 * AAA_PENDING, after which done is called later). */
enum aaa_result aaa_vpdn_authorize(struct aaa *a, const char *ifname, const char *dnis,
                                   const char *user, aaa_vpdn_done_fn done, void *ctx);
/* The same with the caller's number (RADIUS Calling-Station-Id, the
 * seed's "Attribute 31 12 32303835"); calling may be NULL. */
enum aaa_result aaa_vpdn_authorize_call(struct aaa *a, const char *ifname, const char *dnis,
                                        const char *calling, const char *user,
                                        aaa_vpdn_done_fn done, void *ctx);

/* The LNS to try for attempt number `attempt` (0: first; each failed
 * attempt moves to the next address by priority). Logs IOS's "curlvl"
 * and "Select non-active address" lines. PROTO_EINVAL once every address
 * has been tried. */
proto_status aaa_vpdn_select(struct aaa *a, const char *ifname, const struct aaa_tunnel_info *info,
                             size_t attempt, struct aaa_lns *out, struct proto_error *err);

/* LNS side: the tunnel secret for a peer's Host Name AVP ("*" entry as a
 * fallback). Returns 0 and the secret, or -1 when there is none. */
int aaa_tunnel_secret(const struct aaa *a, const char *peer_hostname, const uint8_t **secret,
                      size_t *secret_len);

/* IPCP address authorization (LNS) for user `user` whose Configure-Request
 * asked for `requested` (0: none): the user's framed address, else the
 * requested one when the user may negotiate it, else one from the user's
 * pool (or the default pool). *addr is what the peer must use; a pool
 * address stays handed out until aaa_pool_release(). */
enum aaa_result aaa_ipcp_authorize(struct aaa *a, const char *ifname, const char *user,
                                   uint32_t requested, uint32_t *addr);

/* Pool allocation: from the named pool (NULL or "": the default pool). The
 * requested address when it is in the pool and free (RFC 1332 §3.3 lets
 * the peer propose one), else the lowest free one. PROTO_ENOSPC when the
 * pool is exhausted, PROTO_EINVAL for an unknown pool. */
proto_status aaa_pool_alloc(struct aaa *a, const char *pool, uint32_t requested, uint32_t *addr,
                            struct proto_error *err);
/* The same from the pool of user `user` (its [user] pool, else the
 * default pool): what an LNS's ppp_link address_pool callback needs once
 * the user's attributes allowed neither a framed nor a negotiated address. */
proto_status aaa_pool_alloc_user(struct aaa *a, const char *user, uint32_t requested,
                                 uint32_t *addr, struct proto_error *err);
/* Gives an address back. PROTO_EINVAL when no pool holds it or it is not
 * handed out (a double release). */
proto_status aaa_pool_release(struct aaa *a, uint32_t addr, struct proto_error *err);
/* Addresses handed out from the named pool (for "show" and tests). */
size_t aaa_pool_in_use(const struct aaa *a, const char *pool);

#endif
