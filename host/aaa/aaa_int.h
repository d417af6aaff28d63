/* Inside host/aaa: the table of operations every AAA backend fills (local
 * now, RADIUS later) and the local backend's instance. */
#ifndef HOST_AAA_INT_H
#define HOST_AAA_INT_H

#include "aaa.h"

/* A network backend's request in flight: the front's state `op` and how
 * the answer comes back. resume runs later on the daemon's thread (from
 * aaa_poll()) with the result, the request's outputs filled on PASS;
 * drop frees op instead when aaa_cancel(owner) came first. */
struct aaa_pending {
    void *op;
    void *owner;
    void (*resume)(struct aaa *a, void *op, enum aaa_result r);
    void (*drop)(void *op);
};

struct aaa_backend {
    const char *method_name;    /* IOS's "Method=..." text */
    /* Synchronous operations; NULL in a network backend, whose *_start
     * below answer instead (the synchronous struct ppp_aaa interface then
     * counts it as AAA_ERROR: next method). */
    /* DNIS or domain -> tunnel. */
    enum aaa_result (*vpdn)(struct aaa *a, enum config_vpdn_match match, const char *key,
                            struct aaa_tunnel_info *out);
    /* RFC 1994 §4.1 verdict, attributes filled on PASS. */
    enum aaa_result (*chap)(struct aaa *a, const uint8_t *name, size_t name_len, uint8_t id,
                            const uint8_t *challenge, size_t challenge_len,
                            const uint8_t *response, size_t response_len,
                            struct ppp_aaa_attrs *attrs);
    /* RFC 1334 §2.2.1 verdict. */
    enum aaa_result (*pap)(struct aaa *a, const uint8_t *name, size_t name_len,
                           const uint8_t *password, size_t password_len,
                           struct ppp_aaa_attrs *attrs);
    /* Authorization attributes of a user already authenticated, and the
     * pool its addresses come from ("" for the default). */
    enum aaa_result (*user_attrs)(struct aaa *a, const char *user, struct ppp_aaa_attrs *attrs,
                                  const char **pool);
    /* Network backends: start the request and return AAA_PENDING (then
     * p->resume), or AAA_ERROR when it cannot be sent. `out`/`attrs` must
     * stay valid until resume or drop (they live in the front's op). */
    enum aaa_result (*vpdn_start)(struct aaa *a, const char *ifname,
                                  enum config_vpdn_match match, const char *key,
                                  const char *calling, struct aaa_tunnel_info *out,
                                  const struct aaa_pending *p);
    enum aaa_result (*chap_start)(struct aaa *a, const uint8_t *name, size_t name_len,
                                  uint8_t id, const uint8_t *challenge, size_t challenge_len,
                                  const uint8_t *response, size_t response_len,
                                  struct ppp_aaa_attrs *attrs, const struct aaa_pending *p);
    enum aaa_result (*pap_start)(struct aaa *a, const uint8_t *name, size_t name_len,
                                 const uint8_t *password, size_t password_len,
                                 struct ppp_aaa_attrs *attrs, const struct aaa_pending *p);
};

extern const struct aaa_backend aaa_local_backend;
extern const struct aaa_backend aaa_radius_backend;   /* aaa_radius.c */

/* The backend of a method. */
const struct aaa_backend *aaa_backend_for(enum config_aaa_method m);

/* "Se0:0" -> "Serial0:0", "Vi4" -> "Virtual-Access4": IOS names ports in
 * full in AAA lines. Others are copied. Returns buf. */
const char *aaa_port_name(const char *ifname, char *buf, size_t cap);

/* A debug line when the instance has a log. */
#define AAA_LOG(a, cat, ...) \
    do { if ((a)->log) debug_printf((a)->log, (cat), __VA_ARGS__); } while (0)

/* aaa_pool.c: the pools of a->cfg, all free. */
proto_status aaa_pools_init(struct aaa *a, struct proto_error *err);
void aaa_pools_free(struct aaa *a);

/* Equal in time independent of where they differ (secrets). */
bool aaa_secret_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len);

#endif
