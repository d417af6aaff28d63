/* IPCP (RFC 1332, RFC 1877) on the generic automaton. The server side (LNS)
 * decides the peer's address through a callback (AAA policy, pool); the
 * client side asks for an address (or 0.0.0.0 to be given one) and takes
 * the server's Nak. VJ compression is rejected unless allowed (the seed's
 * LNS rejects "CompressType VJ 15 slots"). */
#ifndef PPP_IPCP_H
#define PPP_IPCP_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp_cp.h"
#include "ppp_fsm.h"

struct ipcp_config {
    bool request_address;        /* put IP-Address in our request */
    uint32_t address;            /* ours (0.0.0.0: ask the peer to give us one) */
    bool request_vj;             /* ask for VJ compression (the seed's 2500-1 does) */
    uint8_t vj_max_slot_id;
    bool vj_comp_slot_id;
    bool accept_vj;              /* ack the peer's VJ request; else reject */
    bool request_dns;            /* RFC 1877: ask for DNS addresses (0.0.0.0 first) */
    /* Server side: what we offer when asked (RFC 1877 §1); 0: reject the option. */
    uint32_t primary_dns, secondary_dns, primary_nbns, secondary_nbns;
    bool server;                 /* we decide the peer's address (LNS); else accept his */
};

struct ipcp_hooks {
    void *ctx;
    /* Server: the address the peer must use, given what he asked for
     * (0.0.0.0 when he asked to be given one). Returns 0 and *addr, or -1
     * when there is none for him (IP-Address is then rejected). */
    int (*peer_address)(void *ctx, uint32_t requested, uint32_t *addr);
    void (*up)(void *ctx);
    void (*down)(void *ctx);
    void (*finished)(void *ctx);
};

struct ipcp {
    struct ppp_fsm fsm;
    struct ipcp_config cfg;
    struct ipcp_hooks hooks;
    struct ipcp_options want;    /* our next request */
    struct ipcp_options got;     /* acked by the peer */
    struct ipcp_options his;     /* acked by us */
};

void ipcp_init(struct ipcp *c, const struct ipcp_config *cfg,
               const struct ppp_fsm_config *fsm_cfg, const struct ipcp_hooks *hooks,
               struct timer_queue *timers, ppp_fsm_send_fn send, void *send_ctx,
               struct debug_log *log, const char *ifname);
proto_status ipcp_input(struct ipcp *c, const uint8_t *pkt, size_t len, struct proto_error *err);

/* Dotted quad of a host-order address, into buf (>= 16 octets). */
char *ipcp_addr_str(uint32_t addr, char *buf, size_t cap);

#endif
