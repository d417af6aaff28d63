/* The call manager of l2tpd: one vpdn instance per router (LAC, LNS or
 * both) joins the host libraries into the seed's call flow (Cisco document
 * 23980):
 *  - LAC: line up -> PPP (LCP, partial CHAP) on the ACCESS channel ->
 *    FORWARDING -> AAA tunnel lookup by DNIS or domain -> an existing tunnel
 *    to the LNS or a new one (failover to the next LNS by priority when it
 *    does not come up) -> ICRQ/ICRP/ICCN with proxy LCP/auth (RFC 2661
 *    §4.4.5) -> card session bound to the channel. Line down -> CDN "Loss of
 *    carrier", card entry cleared.
 *  - LNS: incoming call established -> card session bound to the host -> PPP
 *    from the proxy data (forced LCP, proxy CHAP checked by AAA, IPCP with
 *    the AAA's address) -> host route. CDN -> PPP down, route removed, entry
 *    cleared; PPP terminated or admin clear -> CDN to the LAC.
 *
 * The card is reached only through struct vpdn_dataplane_ops (l2tpd maps it
 * onto driver/l2tpcard.h one call to one call; tests use a software card).
 * The instance owns its l2tp_ctrl, its AAA and its calls; time comes from
 * the owner's timer_queue, debug lines go to the owner's debug_log. Nothing
 * is global. Ops may queue frames but must not call back into the same
 * instance from inside an op. */
#ifndef HOST_VPDN_H
#define HOST_VPDN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aaa.h"
#include "config.h"
#include "debug_log.h"
#include "l2tp_ctrl.h"
#include "ppp_link.h"
#include "proto_error.h"
#include "timer.h"

/* One session table entry: what hw/regmap.md's ENT_* words hold
 * (l2tpcard_session minus the MACs, which the daemon's NET layer knows). */
enum vpdn_binding {
    VPDN_BIND_CHANNEL,   /* LAC: PPP to/from ACCESS channel `channel` (ENT_FLAGS.BIND_HOST 0) */
    VPDN_BIND_HOST,      /* LNS: PPP to/from the host, punt/inject (BIND_HOST 1) */
};

struct vpdn_session_entry {
    uint16_t local_tunnel_id, local_session_id;   /* ENT_LOCAL_IDS; session = table index */
    uint16_t peer_tunnel_id, peer_session_id;     /* ENT_PEER_IDS */
    enum vpdn_binding binding;
    uint16_t channel, mru;                        /* ENT_BINDING */
    uint32_t local_ip, peer_ip;                   /* ENT_LOCAL_IP, ENT_PEER_IP (host order) */
    uint16_t local_port, peer_port;               /* ENT_UDP_PORTS */
    uint8_t ttl;                                  /* ENT_TTL_VLAN */
    bool fcs32;                                   /* ENT_FLAGS.FCS32 (RFC 1662 §C) */
    uint32_t tx_accm, rx_accm;                    /* ENT_TX_ACCM/ENT_RX_ACCM (RFC 1662 §7.1) */
    bool seq_tx, seq_rx;                          /* ENT_FLAGS.SEQ_* (RFC 2661 §5.4) */
};

/* A session entry's counters on the card, NET side: rx from the peer. */
struct vpdn_session_counters {
    uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
};

struct vpdn_dataplane_ops {
    void *ctx;
    /* Writes (or rewrites) the entry; returns 0, or -1 when the card refused it. */
    int (*session_program)(void *ctx, const struct vpdn_session_entry *e);
    int (*session_clear)(void *ctx, uint16_t local_session_id);
    /* A control frame (UDP payload) from our local address/port to peer. */
    void (*send_control)(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf,
                         size_t len);
    /* A PPP frame (FF 03, protocol, information) the card HDLC-frames onto
     * an ACCESS channel / encapsulates for a session (INJECT_CHANNEL_PPP /
     * INJECT_SESSION_PPP). */
    void (*send_channel_ppp)(void *ctx, uint16_t channel, const uint8_t *frame, size_t len);
    void (*send_session_ppp)(void *ctx, uint16_t local_session_id, const uint8_t *frame,
                             size_t len);
    /* Optional. LAC: hang the line up (call refused or cleared by the LNS). */
    void (*hangup)(void *ctx, uint16_t channel);
    /* Optional. LNS: an IP packet of a session for the host's IP stack. */
    void (*ip_input)(void *ctx, uint16_t local_session_id, const uint8_t *packet, size_t len);
    /* Optional. The card's counters of a session entry, for accounting
     * (RFC 2866 Acct-Input/Output-*); 0, or -1 when unknown. */
    int (*session_counters)(void *ctx, uint16_t local_session_id,
                            struct vpdn_session_counters *out);
};

struct vpdn_config {
    const struct l2tpd_config *cfg;  /* borrowed: must outlive the instance */
    uint32_t local_ip;               /* our NET address (host order) */
    uint16_t local_port;             /* 0: 1701 (RFC 2661 §8.1) */
    uint8_t ttl;                     /* 0: 64 */
    uint16_t mru;                    /* ACCESS channel MRU; 0: 1500 */
    uint32_t lns_address;            /* LNS: our IPCP address (the seed's 10.51.6.82); 0: none */
    unsigned first_vaccess;          /* LNS: number of the first "ViN" interface; 0: 1 */
    /* First PPP Identifiers (IOS runs counters; the seed shows LCP 11 and
     * CHAP 6 at the LAC, IPCP 1 and CHAP 3 at the LNS). 0: 1. */
    uint8_t lac_lcp_first_id, lac_chap_first_id, lns_ipcp_first_id, lns_chap_first_id;
    uint32_t lac_magic;              /* LAC LCP Magic-Number; 0: random */
    /* First local tunnel and session IDs (l2tp_ctrl's allocators; the seed
     * shows 17688/7 at the LAC, 55270/45 at the LNS). 0: the defaults. */
    uint32_t tunnel_id_start, session_id_start;
    /* The card's session table depth: our session IDs are its indexes, so
     * l2tp_ctrl hands out only 1..size-1 and refuses a call beyond that
     * (CDN result 4, RFC 2661 §4.4.2) instead of the card refusing the
     * entry. 0: 65536. */
    uint32_t session_table_size;
    /* Optional: random octets (magic numbers, challenges, L2TP challenges);
     * NULL: OpenSSL RAND_bytes. Returns 0 on success. */
    int (*random)(void *ctx, uint8_t *buf, size_t len);
    void *random_ctx;
};

enum vpdn_call_role { VPDN_CALL_LAC, VPDN_CALL_LNS };

enum vpdn_call_state {
    VPDN_CS_PPP,          /* LCP/authentication with the user (LAC) or from proxy (LNS) */
    VPDN_CS_AUTHOR,       /* LAC: AAA tunnel lookup */
    VPDN_CS_SESSION,      /* LAC: ICRQ/ICRP/ICCN under way (or waiting for the tunnel) */
    VPDN_CS_UP,           /* LAC: card forwards; LNS: IPCP open */
    VPDN_CS_CLOSING,
};

const char *vpdn_call_state_name(enum vpdn_call_state s);

struct vpdn_call_counters {
    uint64_t ppp_in, ppp_out;       /* PPP frames through the host (not the card's data) */
    uint64_t ip_in, ip_out;         /* LNS: IP packets to/from the host stack */
    unsigned lns_attempts;          /* LAC: LNSs tried */
};

struct vpdn;

struct vpdn_call {
    struct vpdn *v;
    struct vpdn_call *next;
    enum vpdn_call_role role;
    enum vpdn_call_state state;
    char ifname[16];                /* "Se0:0", "Vi4" */
    char port[24];                  /* "Serial0:0": AAA port, NAS Port AVP */
    char user[CONFIG_NAME_MAX];
    char dnis[L2TP_CTRL_NAME_MAX], calling[L2TP_CTRL_NAME_MAX];
    uint16_t channel;               /* LAC */
    struct ppp_link link;
    bool link_ready;
    struct ppp_proxy proxy;
    /* LAC: the tunnel the AAA gave and where failover stands. */
    struct aaa_tunnel_info tinfo;
    size_t attempt;
    /* L2TP session (0: none yet / gone). */
    uint16_t session_id, tunnel_id;
    struct l2tp_session_info sinfo;
    bool session_up, programmed;
    uint32_t address;               /* LNS: the user's IPCP address */
    uint32_t pool_addr;             /* LNS: handed out by a pool (released at the end) */
    bool closing, dead;
    /* LNS: PPP starts and stops out of l2tp_ctrl's callbacks, after the
     * session's state change (the seed's order). */
    struct timer start_timer, down_timer;
    struct timer abort_timer;       /* the card refused the entry: end the call */
    uint64_t created_us, up_us;
    struct vpdn_call_counters cnt;
    /* LNS accounting (vpdn_acct.c): Start sent; why the call ended
     * (RADIUS_TERM_*, 0: NAS-Request). */
    bool acct_started;
    unsigned acct_cause;
};

struct vpdn_route {
    uint32_t addr;                  /* host route /32 */
    uint16_t local_session_id;
};

struct vpdn_counters {
    uint64_t calls, calls_up, calls_refused, failovers;
    uint64_t calls_cleared_by_lns;  /* LAC: calls up that the LNS ended (CDN or StopCCN) */
    uint64_t rx_no_call;            /* punted PPP frames for no call: dropped */
    uint64_t card_errors;           /* session_program/clear refused */
};

#define VPDN_PEERS_MAX 32

struct vpdn {
    struct vpdn_config vc;
    const struct l2tpd_config *cfg;
    struct vpdn_dataplane_ops dp;
    struct timer_queue *tq;
    struct debug_log *log;
    struct aaa aaa;
    struct ppp_aaa ppp_aaa;
    struct l2tp_peer_secret peers[VPDN_PEERS_MAX];
    struct l2tp_ctrl_config ctrl_cfg;
    struct l2tp_ctrl ctrl;
    struct vpdn_call *calls;
    struct timer reap_timer;
    unsigned next_vaccess;
    uint32_t call_serial;
    struct vpdn_route *routes;
    size_t n_routes, cap_routes;
    struct vpdn_counters cnt;
};

proto_status vpdn_init(struct vpdn *v, const struct vpdn_config *vc,
                       const struct vpdn_dataplane_ops *dp, struct timer_queue *tq,
                       struct debug_log *log, struct proto_error *err);
/* Frees everything without sending; card entries still programmed are cleared. */
void vpdn_free(struct vpdn *v);

/* ---- Inputs from the owner (the card's punts, the line events) ---- */

/* An L2TP control frame (UDP payload) from peer. */
proto_status vpdn_control_input(struct vpdn *v, const struct l2tp_peer_addr *from,
                                const uint8_t *buf, size_t len, struct proto_error *err);
/* A PPP frame punted from an ACCESS channel with no session bound. */
proto_status vpdn_channel_ppp_input(struct vpdn *v, uint16_t channel, const uint8_t *frame,
                                    size_t len, struct proto_error *err);
/* A PPP frame punted from a session bound to the host (LNS). */
proto_status vpdn_session_ppp_input(struct vpdn *v, uint16_t local_session_id,
                                    const uint8_t *frame, size_t len, struct proto_error *err);
/* LAC: a call came in on channel (the seed: DNIS 614629 from 2085730592). */
proto_status vpdn_line_up(struct vpdn *v, uint16_t channel, const char *dnis,
                          const char *calling, struct proto_error *err);
/* LAC: the line dropped: CDN "Loss of carrier" (RFC 2661 §4.4.2 result 1). */
proto_status vpdn_line_down(struct vpdn *v, uint16_t channel, struct proto_error *err);

/* ---- Requests ---- */

/* Admin clear of a call by its local session ID: LNS terminates LCP then
 * sends CDN; LAC sends CDN and drops the line. */
proto_status vpdn_call_clear(struct vpdn *v, uint16_t local_session_id,
                             struct proto_error *err);
/* LNS: an IP packet from the host to the user of a session. */
proto_status vpdn_send_ip(struct vpdn *v, uint16_t local_session_id, const uint8_t *packet,
                          size_t len, struct proto_error *err);

/* LNS: an IPv4 packet from the host, sent to the user whose host route
 * matches its destination (RFC 791 header: version 4, at least 20 octets).
 * PROTO_EINVAL when no route matches. */
proto_status vpdn_route_output(struct vpdn *v, const uint8_t *packet, size_t len,
                               struct proto_error *err);

/* ---- Show (l2tpctl) ---- */

struct vpdn_call_info {
    enum vpdn_call_role role;
    enum vpdn_call_state state;
    char ifname[16];
    char user[CONFIG_NAME_MAX];
    int channel;                    /* -1: none (LNS) */
    uint16_t local_tunnel_id, peer_tunnel_id, local_session_id, peer_session_id;
    uint32_t peer_ip;
    uint32_t address;               /* LNS: the user's address; 0: none yet */
    uint64_t uptime_us;             /* since the session came up; 0: not up */
    struct vpdn_call_counters cnt;
};

struct vpdn_tunnel_info {
    uint16_t local_id, peer_id;
    uint32_t peer_ip;
    uint16_t peer_port;
    const char *state;              /* l2tp_tunnel_state_name() */
    char peer_hostname[L2TP_CTRL_NAME_MAX];
    unsigned sessions;
    uint64_t ctrl_rx, ctrl_tx;      /* control messages, ZLBs included */
    uint64_t ppp_in, ppp_out;       /* host PPP frames of its calls */
};

/* Fill up to cap entries; return how many exist (may exceed cap). */
size_t vpdn_show_calls(const struct vpdn *v, struct vpdn_call_info *out, size_t cap);
size_t vpdn_show_tunnels(const struct vpdn *v, struct vpdn_tunnel_info *out, size_t cap);
/* Host route lookup (LNS): the session a /32 belongs to; -1 when none. */
int vpdn_route_lookup(const struct vpdn *v, uint32_t addr);

#endif
