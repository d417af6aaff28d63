/* Address pools (IOS "ip local pool"): per [pool] a map of the addresses
 * handed out, allocation (the peer's wish when free, RFC 1332 §3.3, else
 * the lowest free), release, exhaustion as an error. */
#include <stdlib.h>
#include <string.h>

#include "aaa_int.h"
#include "ipcp.h"

proto_status aaa_pools_init(struct aaa *a, struct proto_error *err)
{
    a->n_pools = 0;
    a->pools = a->cfg->n_pools ? calloc(a->cfg->n_pools, sizeof *a->pools) : NULL;
    if (a->cfg->n_pools && !a->pools)
        return proto_fail(err, PROTO_ENOSPC, 0, "pool", "out of memory");
    for (size_t i = 0; i < a->cfg->n_pools; i++) {
        const struct config_pool *c = &a->cfg->pools[i];
        struct aaa_pool *p = &a->pools[i];
        p->cfg = c;
        p->n_used = (size_t)(c->last - c->first) + 1;
        p->used = calloc(p->n_used, 1);
        a->n_pools++;
        if (!p->used) {
            aaa_pools_free(a);
            return proto_fail(err, PROTO_ENOSPC, 0, "pool", "out of memory for pool %s", c->name);
        }
    }
    return PROTO_OK;
}

void aaa_pools_free(struct aaa *a)
{
    for (size_t i = 0; i < a->n_pools; i++)
        free(a->pools[i].used);
    free(a->pools);
    a->pools = NULL;
    a->n_pools = 0;
}

static struct aaa_pool *find(const struct aaa *a, const char *name)
{
    if (!name || !*name)
        name = a->cfg->default_pool;
    for (size_t i = 0; i < a->n_pools; i++)
        if (strcmp(a->pools[i].cfg->name, name) == 0)
            return &a->pools[i];
    return NULL;
}

proto_status aaa_pool_alloc(struct aaa *a, const char *pool, uint32_t requested, uint32_t *addr,
                            struct proto_error *err)
{
    struct aaa_pool *p = find(a, pool);
    if (!p)
        return proto_fail(err, PROTO_EINVAL, 0, "pool", "no pool '%s'",
                          pool && *pool ? pool : "(default)");
    uint32_t first = p->cfg->first;
    if (requested >= first && requested <= p->cfg->last && !p->used[requested - first]) {
        p->used[requested - first] = 1;
        *addr = requested;
        return PROTO_OK;
    }
    for (size_t i = 0; i < p->n_used; i++) {
        if (!p->used[i]) {
            p->used[i] = 1;
            *addr = first + (uint32_t)i;
            return PROTO_OK;
        }
    }
    return proto_fail(err, PROTO_ENOSPC, 0, "pool", "pool %s exhausted (%zu addresses in use)",
                      p->cfg->name, p->n_used);
}

proto_status aaa_pool_release(struct aaa *a, uint32_t addr, struct proto_error *err)
{
    char s[16];
    for (size_t i = 0; i < a->n_pools; i++) {
        struct aaa_pool *p = &a->pools[i];
        if (addr < p->cfg->first || addr > p->cfg->last)
            continue;
        if (!p->used[addr - p->cfg->first])
            return proto_fail(err, PROTO_EINVAL, 0, "pool", "%s is not handed out by pool %s",
                              ipcp_addr_str(addr, s, sizeof s), p->cfg->name);
        p->used[addr - p->cfg->first] = 0;
        return PROTO_OK;
    }
    return proto_fail(err, PROTO_EINVAL, 0, "pool", "%s is in no pool",
                      ipcp_addr_str(addr, s, sizeof s));
}

size_t aaa_pool_in_use(const struct aaa *a, const char *pool)
{
    const struct aaa_pool *p = find(a, pool);
    size_t n = 0;
    for (size_t i = 0; p && i < p->n_used; i++)
        n += p->used[i];
    return n;
}
