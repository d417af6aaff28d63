/* ARP (RFC 826) for the card's NET port on a real Ethernet (the TAP wire,
 * wire_tap.h): the host software answers requests for the card's IPv4
 * address and resolves the MAC of the next hop (the peer itself when it is
 * on the link, else the gateway) before a frame leaves with it. The card
 * has no ARP of its own: requests reach the host as "not for us" punts, and
 * the answers leave through the card's inject ring.
 *
 * A frame for an address not yet resolved waits in the entry's queue (at
 * most ARP_QUEUE_MAX, the oldest dropped first); the request is sent again
 * every ARP_RETRY_US, ARP_TRIES times in all, after which the entry fails
 * and its queue is dropped (counted, logged). The next frame for a failed
 * address starts over. Resolved entries do not age: every ARP packet from
 * the address updates them (RFC 826 "merge_flag"). No global state. */
#ifndef L2TPD_ARP_H
#define L2TPD_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"
#include "net_const.h"
#include "proto_error.h"
#include "timer.h"

#define ARP_CACHE_MAX 32
#define ARP_QUEUE_MAX 8
#define ARP_TRIES 3
#define ARP_RETRY_US (1 * USEC_PER_SEC)

/* One ARP packet for Ethernet/IPv4 (RFC 826 "Packet format"). */
struct arp_packet {
    uint16_t op;                       /* ARES_OP_REQUEST, ARES_OP_REPLY */
    uint8_t sha[ETH_ADDR_LEN];         /* ar$sha */
    uint32_t spa;                      /* ar$spa, host order */
    uint8_t tha[ETH_ADDR_LEN];         /* ar$tha */
    uint32_t tpa;                      /* ar$tpa, host order */
};

/* Parses an Ethernet II frame carrying ARP (untagged); anything but
 * hrd Ethernet / pro IPv4 / hln 6 / pln 4 / op request or reply is an
 * error naming the field. */
proto_status arp_decode(const uint8_t *frame, size_t len, struct arp_packet *p,
                        struct proto_error *err);
/* Builds the Ethernet frame (padded to ETH_MIN_FRAME) from eth_src to
 * eth_dst carrying p; *out_len is its length. */
proto_status arp_encode(const struct arp_packet *p, const uint8_t eth_dst[ETH_ADDR_LEN],
                        const uint8_t eth_src[ETH_ADDR_LEN], uint8_t *out, size_t cap,
                        size_t *out_len, struct proto_error *err);

enum arp_state { ARP_FREE, ARP_INCOMPLETE, ARP_REACHABLE, ARP_FAILED };

struct arp;

struct arp_entry {
    struct arp *owner;
    enum arp_state state;
    uint32_t ip;
    uint8_t mac[ETH_ADDR_LEN];
    unsigned tries;                    /* requests sent in this round */
    struct timer retry;
    uint8_t *q[ARP_QUEUE_MAX];         /* frames waiting for the MAC */
    size_t qlen[ARP_QUEUE_MAX];
    size_t nq;
    uint64_t used_us;                  /* last looked up (eviction order) */
};

struct arp_counters {
    uint64_t requests_in, replies_in;  /* ARP packets taken in */
    uint64_t requests_out, replies_out;
    uint64_t other_target;             /* requests for an address not ours */
    uint64_t bad;                      /* undecodable ARP packets */
    uint64_t resolved, failed;         /* resolutions completed / given up */
    uint64_t queued, queue_dropped;    /* frames that waited / were dropped waiting */
    uint64_t sent;                     /* frames sent with a resolved MAC */
};

/* What the owner does for ARP: send one Ethernet frame on the link (an
 * ARP packet or a frame that waited), and hear of an address resolved or
 * whose MAC changed (to rewrite what it programmed with the old one). */
struct arp_ops {
    void *ctx;
    void (*send)(void *ctx, const uint8_t *frame, size_t len);
    void (*resolved)(void *ctx, uint32_t ip, const uint8_t mac[ETH_ADDR_LEN]);
};

struct arp_config {
    uint32_t ip;                       /* ours, host order */
    uint8_t mac[ETH_ADDR_LEN];         /* ours */
    unsigned prefix_len;               /* our subnet on the link, 1..32 */
    uint32_t gateway;                  /* next hop off the subnet; 0: none */
};

struct arp {
    struct arp_config cfg;
    uint32_t netmask;
    struct timer_queue *tq;
    struct debug_log *log;             /* lines in the "card" category */
    struct arp_ops ops;
    struct arp_entry ent[ARP_CACHE_MAX];
    struct arp_counters cnt;
};

/* Checks the config (address and MAC set, unicast MAC, prefix 1..32, the
 * gateway inside the subnet and not our own address). */
proto_status arp_init(struct arp *a, const struct arp_config *cfg, struct timer_queue *tq,
                      struct debug_log *log, const struct arp_ops *ops, struct proto_error *err);
/* Cancels the retry timers, drops what waits. */
void arp_free(struct arp *a);

/* Where a datagram to dst goes on the link: dst when it is inside our
 * subnet (or there is no gateway), else the gateway. */
uint32_t arp_next_hop(const struct arp *a, uint32_t dst);
/* The resolved MAC of ip (a next hop); false when not (yet) known. */
bool arp_lookup(struct arp *a, uint32_t ip, uint8_t mac[ETH_ADDR_LEN]);
/* Starts resolving ip unless it is resolved or being resolved. */
proto_status arp_resolve(struct arp *a, uint32_t ip, struct proto_error *err);

/* Sends an Ethernet frame whose IPv4 destination is dst: its destination
 * MAC (octets 0..5) is set to the next hop's and it goes out at once, or a
 * copy waits for the resolution. Fails only when no cache entry can be had
 * or memory runs out. */
proto_status arp_output(struct arp *a, uint8_t *frame, size_t len, uint32_t dst,
                        struct proto_error *err);

/* An ARP frame from the link: learns the sender (RFC 826's merge, and a
 * new entry when we are the target), answers a request for our address,
 * sends what waited for the sender. A malformed packet is counted and its
 * error returned. */
proto_status arp_input(struct arp *a, const uint8_t *frame, size_t len,
                       struct proto_error *err);

/* "a.b.c.d" / "xx:xx:xx:xx:xx:xx" into buf (>= 16 / 18 octets). */
const char *arp_ip_str(uint32_t ip, char *buf, size_t cap);
const char *arp_mac_str(const uint8_t mac[ETH_ADDR_LEN], char *buf, size_t cap);

#endif
