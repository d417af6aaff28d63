/* IPCP options (RFC 1332 §3, RFC 1877 §1). */
#include "ipcp.h"

#include <stdio.h>
#include <string.h>

#include "cp_reply.h"
#include "ppp_const.h"

static struct ipcp *ipcp_of(struct ppp_fsm *f)
{
    return f->owner;
}

char *ipcp_addr_str(uint32_t a, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF);
    return buf;
}

static void want_from_config(struct ipcp *c)
{
    struct ipcp_options *w = &c->want;
    memset(w, 0, sizeof *w);
    w->has_address = c->cfg.request_address;
    w->address = c->cfg.address;
    if (c->cfg.request_vj) {
        w->has_compression = true;
        w->compression_protocol = PPP_PROTO_VJ_COMP;
        w->vj_max_slot_id = c->cfg.vj_max_slot_id;
        w->vj_comp_slot_id = c->cfg.vj_comp_slot_id;
    }
    w->has_primary_dns = w->has_secondary_dns = c->cfg.request_dns;
}

static proto_status build_request(struct ppp_fsm *f, uint8_t *out, size_t cap, size_t *len)
{
    return ipcp_options_encode(&ipcp_of(f)->want, out, cap, len, NULL);
}

static void addr_option(uint8_t type, uint32_t a, uint8_t out[6])
{
    out[0] = type;
    out[1] = IPCP_OPT_IP_ADDRESS_LEN;
    out[2] = (uint8_t)(a >> 24);
    out[3] = (uint8_t)(a >> 16);
    out[4] = (uint8_t)(a >> 8);
    out[5] = (uint8_t)a;
}

/* RFC 1877 §1: a server address option: ack ours, Nak anything else with
 * ours, reject when we have none to give. */
static void check_name_server(struct ppp_fsm_reply *r, bool reject_only, const uint8_t *raw,
                              uint8_t type, uint32_t asked, uint32_t ours, bool *ok)
{
    *ok = false;
    if (!ours) {
        cp_reply_reject(r, raw, IPCP_OPT_NAME_SERVER_LEN);
        return;
    }
    if (asked == ours) {
        *ok = true;
        return;
    }
    uint8_t s[6];
    addr_option(type, ours, s);
    cp_reply_nak(r, reject_only, raw, IPCP_OPT_NAME_SERVER_LEN, s, sizeof s);
}

static proto_status check_request(struct ppp_fsm *f, const uint8_t *opts, size_t len,
                                  bool reject_only, struct ppp_fsm_reply *r)
{
    struct ipcp *c = ipcp_of(f);
    struct ppp_option_iter it;
    struct ppp_option o;
    struct proto_error err = {0};
    struct ipcp_options his;
    memset(&his, 0, sizeof his);
    int k;
    bool ok;
    ppp_option_iter_init(&it, opts, len, 4);
    while ((k = ppp_option_next(&it, &o, &err)) == 1) {
        const uint8_t *raw = o.data - 2;
        struct ipcp_options one;
        unsigned unknown = 0;
        if (ipcp_options_decode(raw, o.length, &one, &unknown, NULL) != PROTO_OK || unknown) {
            cp_reply_reject(r, raw, o.length);
            continue;
        }
        switch (o.type) {
        case IPCP_OPT_IP_ADDRESS:
            if (c->cfg.server) {
                uint32_t give = 0;
                if (!c->hooks.peer_address ||
                    c->hooks.peer_address(c->hooks.ctx, one.address, &give) != 0 || !give) {
                    cp_reply_reject(r, raw, o.length);
                } else if (give != one.address) {
                    uint8_t s[6];
                    addr_option(IPCP_OPT_IP_ADDRESS, give, s);
                    cp_reply_nak(r, reject_only, raw, o.length, s, sizeof s);
                } else {
                    his.has_address = true;
                    his.address = one.address;
                }
            } else if (one.address == 0) {
                /* A server asking us for its address: we have none to give. */
                cp_reply_reject(r, raw, o.length);
            } else {
                his.has_address = true;
                his.address = one.address;
            }
            break;
        case IPCP_OPT_IP_COMPRESSION:
            if (c->cfg.accept_vj && one.compression_protocol == PPP_PROTO_VJ_COMP) {
                his.has_compression = true;
                his.compression_protocol = one.compression_protocol;
                his.vj_max_slot_id = one.vj_max_slot_id;
                his.vj_comp_slot_id = one.vj_comp_slot_id;
            } else {
                cp_reply_reject(r, raw, o.length);
            }
            break;
        case IPCP_OPT_PRIMARY_DNS:
            check_name_server(r, reject_only, raw, o.type, one.primary_dns, c->cfg.primary_dns,
                              &ok);
            his.has_primary_dns |= ok;
            his.primary_dns = one.primary_dns;
            break;
        case IPCP_OPT_SECONDARY_DNS:
            check_name_server(r, reject_only, raw, o.type, one.secondary_dns,
                              c->cfg.secondary_dns, &ok);
            his.has_secondary_dns |= ok;
            his.secondary_dns = one.secondary_dns;
            break;
        case IPCP_OPT_PRIMARY_NBNS:
            check_name_server(r, reject_only, raw, o.type, one.primary_nbns,
                              c->cfg.primary_nbns, &ok);
            his.has_primary_nbns |= ok;
            his.primary_nbns = one.primary_nbns;
            break;
        case IPCP_OPT_SECONDARY_NBNS:
            check_name_server(r, reject_only, raw, o.type, one.secondary_nbns,
                              c->cfg.secondary_nbns, &ok);
            his.has_secondary_nbns |= ok;
            his.secondary_nbns = one.secondary_nbns;
            break;
        default:
            /* IP-Addresses (deprecated, RFC 1332 §3.1) and anything unknown. */
            cp_reply_reject(r, raw, o.length);
            break;
        }
    }
    if (k < 0)
        return err.status ? err.status : PROTO_ELENGTH;
    if (r->code == PPP_CONFIGURE_ACK)
        c->his = his;
    return PROTO_OK;
}

static void got_ack(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    (void)opts;
    (void)len;
    ipcp_of(f)->got = ipcp_of(f)->want;
}

static proto_status got_nak(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    struct ipcp *c = ipcp_of(f);
    struct ipcp_options n;
    proto_status st = ipcp_options_decode(opts, len, &n, NULL, NULL);
    if (st != PROTO_OK)
        return st;
    struct ipcp_options *w = &c->want;
    /* RFC 1332 §3.3: the Nak carries the address the peer wants us to use. */
    if (n.has_address && w->has_address)
        w->address = n.address;
    if (n.has_compression && w->has_compression) {
        if (n.compression_protocol == PPP_PROTO_VJ_COMP) {
            w->vj_max_slot_id = n.vj_max_slot_id;
            w->vj_comp_slot_id = n.vj_comp_slot_id;
        } else {
            w->has_compression = false;
        }
    }
    if (n.has_primary_dns && w->has_primary_dns)
        w->primary_dns = n.primary_dns;
    if (n.has_secondary_dns && w->has_secondary_dns)
        w->secondary_dns = n.secondary_dns;
    if (n.has_primary_nbns && w->has_primary_nbns)
        w->primary_nbns = n.primary_nbns;
    if (n.has_secondary_nbns && w->has_secondary_nbns)
        w->secondary_nbns = n.secondary_nbns;
    return PROTO_OK;
}

static proto_status got_reject(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    struct ipcp *c = ipcp_of(f);
    struct ipcp_options j;
    unsigned unknown = 0;
    proto_status st = ipcp_options_decode(opts, len, &j, &unknown, NULL);
    if (st != PROTO_OK)
        return st;
    struct ipcp_options *w = &c->want;
    if (unknown || (j.has_address && !w->has_address) ||
        (j.has_compression && !w->has_compression) ||
        (j.has_primary_dns && !w->has_primary_dns) ||
        (j.has_secondary_dns && !w->has_secondary_dns) ||
        (j.has_primary_nbns && !w->has_primary_nbns) ||
        (j.has_secondary_nbns && !w->has_secondary_nbns))
        return PROTO_EINVAL;      /* §5.4: only options we sent */
    w->has_address &= !j.has_address;
    w->has_compression &= !j.has_compression;
    w->has_primary_dns &= !j.has_primary_dns;
    w->has_secondary_dns &= !j.has_secondary_dns;
    w->has_primary_nbns &= !j.has_primary_nbns;
    w->has_secondary_nbns &= !j.has_secondary_nbns;
    return PROTO_OK;
}

static void layer_up(struct ppp_fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    if (c->hooks.up)
        c->hooks.up(c->hooks.ctx);
}

static void layer_down(struct ppp_fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    if (c->hooks.down)
        c->hooks.down(c->hooks.ctx);
}

static void layer_finished(struct ppp_fsm *f)
{
    struct ipcp *c = ipcp_of(f);
    want_from_config(c);
    if (c->hooks.finished)
        c->hooks.finished(c->hooks.ctx);
}

static const struct ppp_fsm_ops ipcp_ops = {
    .build_request = build_request,
    .check_request = check_request,
    .got_ack = got_ack,
    .got_nak = got_nak,
    .got_reject = got_reject,
    .layer_up = layer_up,
    .layer_down = layer_down,
    .layer_finished = layer_finished,
};

void ipcp_init(struct ipcp *c, const struct ipcp_config *cfg,
               const struct ppp_fsm_config *fsm_cfg, const struct ipcp_hooks *hooks,
               struct timer_queue *timers, ppp_fsm_send_fn send, void *send_ctx,
               struct debug_log *log, const char *ifname)
{
    memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    if (hooks)
        c->hooks = *hooks;
    ppp_fsm_init(&c->fsm, "IPCP", PPP_PROTO_IPCP, &ipcp_ops, c, fsm_cfg, timers, send, send_ctx,
                 log, ifname);
    want_from_config(c);
}

proto_status ipcp_input(struct ipcp *c, const uint8_t *pkt, size_t len, struct proto_error *err)
{
    return ppp_fsm_input(&c->fsm, pkt, len, err);
}
