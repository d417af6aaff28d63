/* The AAA front: backends by method, instance set-up, and the port names
 * IOS uses in AAA lines. PPP authentication is in aaa_authen.c, VPDN
 * authorization in aaa_vpdn.c, IPCP in aaa_ipcp.c, pools in aaa_pool.c. */
#include <stdio.h>
#include <string.h>

#include "aaa_int.h"
#include "aaa_radius.h"

const struct aaa_backend *aaa_backend_for(enum config_aaa_method m)
{
    switch (m) {
    case CONFIG_AAA_LOCAL: return &aaa_local_backend;
    case CONFIG_AAA_RADIUS: return &aaa_radius_backend;
    }
    return NULL;
}

proto_status aaa_init(struct aaa *a, const struct l2tpd_config *cfg, struct debug_log *log,
                      struct proto_error *err)
{
    *a = (struct aaa){.cfg = cfg, .log = log, .next_id = 1};
    if (cfg->n_methods == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "method", "no AAA method configured");
    for (size_t i = 0; i < cfg->n_methods; i++) {
        if (!aaa_backend_for(cfg->methods[i]))
            return proto_fail(err, PROTO_EINVAL, 0, "method", "method %d has no backend",
                              (int)cfg->methods[i]);
        if (cfg->methods[i] == CONFIG_AAA_RADIUS && !a->radius) {
            proto_status st = aaa_radius_open(a, &a->radius, err);
            if (st != PROTO_OK)
                return st;
        }
    }
    proto_status st = aaa_pools_init(a, err);
    if (st != PROTO_OK) {
        aaa_radius_close(a->radius);
        a->radius = NULL;
    }
    return st;
}

void aaa_free(struct aaa *a)
{
    /* Queued requests (accounting Stops) still go out before the worker ends. */
    aaa_radius_close(a->radius);
    a->radius = NULL;
    aaa_pools_free(a);
}

/* IOS names the port in full in AAA lines ("Serial0:0",
 * "Virtual-Access4") and abbreviated elsewhere ("Se0:0", "Vi4"). */
const char *aaa_port_name(const char *ifname, char *buf, size_t cap)
{
    static const struct { const char *abbr, *full; } names[] = {
        {"Se", "Serial"}, {"Vi", "Virtual-Access"}, {"As", "Async"}, {"Di", "Dialer"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i].abbr);
        if (strncmp(ifname, names[i].abbr, n) == 0 && ifname[n] >= '0' && ifname[n] <= '9') {
            snprintf(buf, cap, "%s%s", names[i].full, ifname + n);
            return buf;
        }
    }
    snprintf(buf, cap, "%s", ifname);
    return buf;
}
