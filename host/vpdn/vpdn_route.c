/* The LNS's host routes: one /32 per user whose IPCP is open, pointing at
 * the session that carries it (the seed's "Vi4 IPCP: Install route to
 * 10.10.53.2" and "Remove route"). */
#include <stdlib.h>

#include "net_const.h"
#include "vpdn_int.h"

int vpdn_route_add(struct vpdn *v, uint32_t addr, uint16_t local_session_id)
{
    for (size_t i = 0; i < v->n_routes; i++) {
        if (v->routes[i].addr == addr) {
            /* A newer session for the same address takes the route over. */
            v->routes[i].local_session_id = local_session_id;
            return 0;
        }
    }
    if (v->n_routes == v->cap_routes) {
        size_t cap = v->cap_routes ? v->cap_routes * 2 : 16;
        struct vpdn_route *r = realloc(v->routes, cap * sizeof *r);
        if (!r)
            return -1;
        v->routes = r;
        v->cap_routes = cap;
    }
    v->routes[v->n_routes++] = (struct vpdn_route){.addr = addr,
                                                   .local_session_id = local_session_id};
    return 0;
}

void vpdn_route_del(struct vpdn *v, uint32_t addr)
{
    for (size_t i = 0; i < v->n_routes; i++) {
        if (v->routes[i].addr == addr) {
            v->routes[i] = v->routes[--v->n_routes];
            return;
        }
    }
}

int vpdn_route_lookup(const struct vpdn *v, uint32_t addr)
{
    for (size_t i = 0; i < v->n_routes; i++)
        if (v->routes[i].addr == addr)
            return v->routes[i].local_session_id;
    return -1;
}

proto_status vpdn_route_output(struct vpdn *v, const uint8_t *packet, size_t len,
                               struct proto_error *err)
{
    /* RFC 791 §3.1: Version in the high nibble, Destination at offset 16. */
    if (len < IPV4_HDR_MIN_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, "IPv4 header", "%zu octets", len);
    if (packet[0] >> 4 != IPV4_VERSION)
        return proto_fail(err, PROTO_EINVAL, 0, "Version", "%u is not IPv4",
                          (unsigned)(packet[0] >> 4));
    uint32_t dst = (uint32_t)packet[16] << 24 | (uint32_t)packet[17] << 16 |
                   (uint32_t)packet[18] << 8 | packet[19];
    int sid = vpdn_route_lookup(v, dst);
    if (sid < 0)
        return proto_fail(err, PROTO_EINVAL, 16, "Destination Address",
                          "no host route to %u.%u.%u.%u", (unsigned)packet[16],
                          (unsigned)packet[17], (unsigned)packet[18], (unsigned)packet[19]);
    return vpdn_send_ip(v, (uint16_t)sid, packet, len, err);
}
