/* IPCP address authorization (LNS): framed address, negotiated address
 * or pool, in the seed's AAA/AUTHOR/IPCP lines. */
#include <stdio.h>
#include <string.h>

#include "aaa_int.h"
#include "ipcp.h"

proto_status aaa_pool_alloc_user(struct aaa *a, const char *user, uint32_t requested,
                                 uint32_t *addr, struct proto_error *err)
{
    if (!user || !addr)
        return proto_fail(err, PROTO_EINVAL, 0, "user", "no user name");
    struct ppp_aaa_attrs attrs;
    const char *pool = "";
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        enum aaa_result r = aaa_backend_for(a->cfg->methods[i])->user_attrs(a, user, &attrs, &pool);
        if (r == AAA_PASS)
            break;
        pool = "";    /* unknown user: the default pool */
        if (r == AAA_FAIL)
            break;
    }
    return aaa_pool_alloc(a, pool, requested, addr, err);
}

enum aaa_result aaa_ipcp_authorize(struct aaa *a, const char *ifname, const char *user,
                                   uint32_t requested, uint32_t *addr)
{
    if (!ifname)
        ifname = "";
    if (!user || !addr)
        return AAA_FAIL;
    uint32_t id = a->next_id++;
    char her[16], s[16], port[80];
    ipcp_addr_str(requested, her, sizeof her);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): Port='%s' list='default' service=NET", ifname,
        (unsigned)id, aaa_port_name(ifname, port, sizeof port));
    AAA_LOG(a, DBG_AAA, "AAA/AUTHOR/IPCP: %s (%u) user='%s'", ifname, (unsigned)id, user);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV service=ppp", ifname, (unsigned)id);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV protocol=ip", ifname, (unsigned)id);
    if (requested)
        AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): send AV addr*%s", ifname, (unsigned)id, her);
    struct ppp_aaa_attrs attrs = {0};
    const char *pool = "";
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[i]);
        AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP (%u): Method=%s", ifname, (unsigned)id,
            b->method_name);
        r = b->user_attrs(a, user, &attrs, &pool);
        if (r != AAA_ERROR)
            break;
    }
    uint32_t w = 0;
    if (r == AAA_PASS) {
        if (attrs.framed_ip) {
            w = attrs.framed_ip;
        } else if (attrs.allow_negotiated_address && requested) {
            AAA_LOG(a, DBG_AAA, "LOCAL: allowing negotiated framed address %s", her);
            w = requested;
        } else {
            struct proto_error err = {0};
            char line[200];
            if (aaa_pool_alloc(a, pool, requested, &w, &err) != PROTO_OK) {
                AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: %s", ifname,
                    proto_error_format(&err, line, sizeof line));
                r = AAA_FAIL;
            }
        }
    }
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR (%u): Post authorization status = %s", ifname, (unsigned)id,
        r == AAA_PASS ? "PASS_REPL" : "FAIL");
    if (r != AAA_PASS) {
        AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Authorization failed", ifname);
        return r;
    }
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Processing AV service=ppp", ifname);
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Processing AV addr=%s", ifname,
        ipcp_addr_str(w, s, sizeof s));
    AAA_LOG(a, DBG_AAA, "%s AAA/AUTHOR/IPCP: Authorization succeeded", ifname);
    *addr = w;
    return AAA_PASS;
}
