/* The AAA front: backends by method, instance set-up, and the port names
 * IOS uses in AAA lines. PPP authentication is in aaa_authen.c, VPDN
 * authorization in aaa_vpdn.c, IPCP in aaa_ipcp.c, pools in aaa_pool.c. */
#include <stdio.h>
#include <string.h>

#include "aaa_int.h"

const struct aaa_backend *aaa_backend_for(enum config_aaa_method m)
{
    return m == CONFIG_AAA_LOCAL ? &aaa_local_backend : NULL;
}

proto_status aaa_init(struct aaa *a, const struct l2tpd_config *cfg, struct debug_log *log,
                      struct proto_error *err)
{
    *a = (struct aaa){.cfg = cfg, .log = log, .next_id = 1};
    if (cfg->n_methods == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "method", "no AAA method configured");
    for (size_t i = 0; i < cfg->n_methods; i++)
        if (!aaa_backend_for(cfg->methods[i]))
            return proto_fail(err, PROTO_EINVAL, 0, "method",
                              "method radius has no backend in this build (issue 7)");
    return aaa_pools_init(a, err);
}

void aaa_free(struct aaa *a)
{
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
