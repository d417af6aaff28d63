/* ARP for the card's NET port (arp.h), RFC 826. */
#include "arp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t eth_broadcast[ETH_ADDR_LEN] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

const char *arp_ip_str(uint32_t ip, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    return buf;
}

const char *arp_mac_str(const uint8_t m[ETH_ADDR_LEN], char *buf, size_t cap)
{
    snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    return buf;
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

proto_status arp_decode(const uint8_t *f, size_t len, struct arp_packet *p,
                        struct proto_error *err)
{
    if (len < ETH_HDR_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, "EtherType", "frame of %zu octets", len);
    if (get16(f + 12) != ETHERTYPE_ARP)
        return proto_fail(err, PROTO_EINVAL, 12, "EtherType", "0x%04x is not ARP (0x0806)",
                          get16(f + 12));
    const uint8_t *a = f + ETH_HDR_LEN;
    if (len < ETH_HDR_LEN + ARP_IPV4_PKT_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, "ar$tpa",
                          "ARP packet of %zu octets, Ethernet/IPv4 needs %d",
                          len - ETH_HDR_LEN, ARP_IPV4_PKT_LEN);
    if (get16(a) != ARES_HRD_ETHERNET)
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN, "ar$hrd", "%u is not Ethernet (1)",
                          get16(a));
    if (get16(a + 2) != ETHERTYPE_IPV4)
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN + 2, "ar$pro",
                          "0x%04x is not IPv4 (0x0800)", get16(a + 2));
    if (a[4] != ETH_ADDR_LEN)
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN + 4, "ar$hln", "%u, not 6", a[4]);
    if (a[5] != 4)
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN + 5, "ar$pln", "%u, not 4", a[5]);
    p->op = get16(a + 6);
    if (p->op != ARES_OP_REQUEST && p->op != ARES_OP_REPLY)
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN + 6, "ar$op",
                          "%u is neither REQUEST (1) nor REPLY (2)", p->op);
    memcpy(p->sha, a + 8, ETH_ADDR_LEN);
    p->spa = get32(a + 14);
    memcpy(p->tha, a + 18, ETH_ADDR_LEN);
    p->tpa = get32(a + 24);
    return PROTO_OK;
}

proto_status arp_encode(const struct arp_packet *p, const uint8_t eth_dst[ETH_ADDR_LEN],
                        const uint8_t eth_src[ETH_ADDR_LEN], uint8_t *out, size_t cap,
                        size_t *out_len, struct proto_error *err)
{
    if (cap < ETH_MIN_FRAME)
        return proto_fail(err, PROTO_ENOSPC, 0, "frame", "%zu octets, need %d", cap,
                          ETH_MIN_FRAME);
    memset(out, 0, ETH_MIN_FRAME);   /* the padding up to the Ethernet minimum */
    memcpy(out, eth_dst, ETH_ADDR_LEN);
    memcpy(out + 6, eth_src, ETH_ADDR_LEN);
    put16(out + 12, ETHERTYPE_ARP);
    uint8_t *a = out + ETH_HDR_LEN;
    put16(a, ARES_HRD_ETHERNET);
    put16(a + 2, ETHERTYPE_IPV4);
    a[4] = ETH_ADDR_LEN;
    a[5] = 4;
    put16(a + 6, p->op);
    memcpy(a + 8, p->sha, ETH_ADDR_LEN);
    put32(a + 14, p->spa);
    memcpy(a + 18, p->tha, ETH_ADDR_LEN);
    put32(a + 24, p->tpa);
    *out_len = ETH_MIN_FRAME;
    return PROTO_OK;
}

static void retry_due(void *ctx);

proto_status arp_init(struct arp *a, const struct arp_config *cfg, struct timer_queue *tq,
                      struct debug_log *log, const struct arp_ops *ops, struct proto_error *err)
{
    memset(a, 0, sizeof *a);
    if (!cfg->ip)
        return proto_fail(err, PROTO_EINVAL, 0, "address", "no IPv4 address");
    static const uint8_t zero[ETH_ADDR_LEN];
    if (!memcmp(cfg->mac, zero, ETH_ADDR_LEN) || (cfg->mac[0] & 1))
        return proto_fail(err, PROTO_EINVAL, 0, "mac", "not a unicast MAC");
    if (cfg->prefix_len < 1 || cfg->prefix_len > 32)
        return proto_fail(err, PROTO_EINVAL, 0, "prefix-len", "%u is not 1..32",
                          cfg->prefix_len);
    uint32_t mask = cfg->prefix_len == 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> cfg->prefix_len);
    if (cfg->gateway && ((cfg->gateway ^ cfg->ip) & mask))
        return proto_fail(err, PROTO_EINVAL, 0, "gateway", "not inside our /%u subnet",
                          cfg->prefix_len);
    if (cfg->gateway == cfg->ip)
        return proto_fail(err, PROTO_EINVAL, 0, "gateway", "is our own address");
    a->cfg = *cfg;
    a->netmask = mask;
    a->tq = tq;
    a->log = log;
    a->ops = *ops;
    for (size_t i = 0; i < ARP_CACHE_MAX; i++) {
        a->ent[i].owner = a;
        timer_init(&a->ent[i].retry, "arp retry", retry_due, &a->ent[i]);
    }
    return PROTO_OK;
}

static void queue_drop(struct arp *a, struct arp_entry *e)
{
    for (size_t i = 0; i < e->nq; i++)
        free(e->q[i]);
    a->cnt.queue_dropped += e->nq;
    e->nq = 0;
}

void arp_free(struct arp *a)
{
    for (size_t i = 0; i < ARP_CACHE_MAX; i++) {
        struct arp_entry *e = &a->ent[i];
        if (e->retry.armed)
            timer_cancel(a->tq, &e->retry);
        for (size_t k = 0; k < e->nq; k++)
            free(e->q[k]);
        e->nq = 0;
        e->state = ARP_FREE;
    }
}

uint32_t arp_next_hop(const struct arp *a, uint32_t dst)
{
    if (!a->cfg.gateway || !((dst ^ a->cfg.ip) & a->netmask))
        return dst;
    return a->cfg.gateway;
}

static struct arp_entry *find(struct arp *a, uint32_t ip)
{
    for (size_t i = 0; i < ARP_CACHE_MAX; i++)
        if (a->ent[i].state != ARP_FREE && a->ent[i].ip == ip)
            return &a->ent[i];
    return NULL;
}

/* A free entry, else the least recently used one not being resolved. */
static struct arp_entry *take(struct arp *a, uint32_t ip)
{
    struct arp_entry *victim = NULL;
    for (size_t i = 0; i < ARP_CACHE_MAX; i++) {
        struct arp_entry *e = &a->ent[i];
        if (e->state == ARP_FREE) {
            victim = e;
            break;
        }
        if (e->state != ARP_INCOMPLETE && (!victim || e->used_us < victim->used_us))
            victim = e;
    }
    if (!victim)
        return NULL;
    queue_drop(a, victim);
    victim->state = ARP_FAILED;   /* not resolved; the caller moves it on */
    victim->ip = ip;
    victim->tries = 0;
    memset(victim->mac, 0, ETH_ADDR_LEN);
    victim->used_us = timer_now(a->tq);
    return victim;
}

bool arp_lookup(struct arp *a, uint32_t ip, uint8_t mac[ETH_ADDR_LEN])
{
    struct arp_entry *e = find(a, ip);
    if (!e || e->state != ARP_REACHABLE)
        return false;
    e->used_us = timer_now(a->tq);
    memcpy(mac, e->mac, ETH_ADDR_LEN);
    return true;
}

static void send_request(struct arp *a, struct arp_entry *e)
{
    struct arp_packet p = {.op = ARES_OP_REQUEST, .spa = a->cfg.ip, .tpa = e->ip};
    memcpy(p.sha, a->cfg.mac, ETH_ADDR_LEN);   /* tha stays zero: unknown */
    uint8_t f[ETH_MIN_FRAME];
    size_t n = 0;
    if (arp_encode(&p, eth_broadcast, a->cfg.mac, f, sizeof f, &n, NULL) != PROTO_OK)
        return;
    e->tries++;
    a->cnt.requests_out++;
    char ip[16];
    debug_printf(a->log, DBG_CARD, "ARP: O request who-has %s tell %s (try %u of %d)",
                 arp_ip_str(e->ip, ip, sizeof ip), arp_ip_str(a->cfg.ip, (char[16]){0}, 16),
                 e->tries, ARP_TRIES);
    a->ops.send(a->ops.ctx, f, n);
    (void)timer_arm(a->tq, &e->retry, ARP_RETRY_US);
}

static void retry_due(void *ctx)
{
    struct arp_entry *e = ctx;
    struct arp *a = e->owner;
    if (e->state != ARP_INCOMPLETE)
        return;
    if (e->tries < ARP_TRIES) {
        send_request(a, e);
        return;
    }
    char ip[16];
    debug_printf(a->log, DBG_CARD, "ARP: %s did not answer %d requests; %zu waiting frames dropped",
                 arp_ip_str(e->ip, ip, sizeof ip), ARP_TRIES, e->nq);
    a->cnt.failed++;
    queue_drop(a, e);
    e->state = ARP_FAILED;
}

proto_status arp_resolve(struct arp *a, uint32_t ip, struct proto_error *err)
{
    struct arp_entry *e = find(a, ip);
    if (e && (e->state == ARP_REACHABLE || e->state == ARP_INCOMPLETE))
        return PROTO_OK;
    if (!e && !(e = take(a, ip))) {
        char b[16];
        return proto_fail(err, PROTO_ENOSPC, 0, "arp cache",
                          "all %d entries are being resolved; %s not tried", ARP_CACHE_MAX,
                          arp_ip_str(ip, b, sizeof b));
    }
    e->state = ARP_INCOMPLETE;
    e->tries = 0;
    send_request(a, e);
    return PROTO_OK;
}

proto_status arp_output(struct arp *a, uint8_t *frame, size_t len, uint32_t dst,
                        struct proto_error *err)
{
    if (len < ETH_HDR_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, "frame", "%zu octets, no Ethernet header", len);
    uint32_t hop = arp_next_hop(a, dst);
    if (arp_lookup(a, hop, frame)) {
        a->cnt.sent++;
        a->ops.send(a->ops.ctx, frame, len);
        return PROTO_OK;
    }
    proto_status st = arp_resolve(a, hop, err);
    if (st != PROTO_OK)
        return st;
    struct arp_entry *e = find(a, hop);
    uint8_t *copy = malloc(len);
    if (!copy)
        return proto_fail(err, PROTO_ENOSPC, 0, "frame", "out of memory for a waiting frame");
    memcpy(copy, frame, len);
    if (e->nq == ARP_QUEUE_MAX) {   /* the oldest goes, as Linux's unres_qlen */
        free(e->q[0]);
        memmove(e->q, e->q + 1, (ARP_QUEUE_MAX - 1) * sizeof e->q[0]);
        memmove(e->qlen, e->qlen + 1, (ARP_QUEUE_MAX - 1) * sizeof e->qlen[0]);
        e->nq--;
        a->cnt.queue_dropped++;
    }
    e->q[e->nq] = copy;
    e->qlen[e->nq++] = len;
    a->cnt.queued++;
    return PROTO_OK;
}

/* The sender's MAC is now known: the entry is reachable, what waited goes. */
static void learn(struct arp *a, struct arp_entry *e, const uint8_t mac[ETH_ADDR_LEN])
{
    bool changed = e->state != ARP_REACHABLE || memcmp(e->mac, mac, ETH_ADDR_LEN);
    if (e->retry.armed)
        timer_cancel(a->tq, &e->retry);
    memcpy(e->mac, mac, ETH_ADDR_LEN);
    e->state = ARP_REACHABLE;
    e->used_us = timer_now(a->tq);
    if (!changed)
        return;
    a->cnt.resolved++;
    char ip[16], m[18];
    debug_printf(a->log, DBG_CARD, "ARP: %s is-at %s; %zu waiting frames sent",
                 arp_ip_str(e->ip, ip, sizeof ip), arp_mac_str(mac, m, sizeof m), e->nq);
    for (size_t i = 0; i < e->nq; i++) {
        memcpy(e->q[i], mac, ETH_ADDR_LEN);
        a->cnt.sent++;
        a->ops.send(a->ops.ctx, e->q[i], e->qlen[i]);
        free(e->q[i]);
    }
    e->nq = 0;
    if (a->ops.resolved)
        a->ops.resolved(a->ops.ctx, e->ip, mac);
}

proto_status arp_input(struct arp *a, const uint8_t *frame, size_t len,
                       struct proto_error *err)
{
    struct arp_packet p;
    proto_status st = arp_decode(frame, len, &p, err);
    if (st != PROTO_OK) {
        a->cnt.bad++;
        return st;
    }
    if (p.op == ARES_OP_REQUEST)
        a->cnt.requests_in++;
    else
        a->cnt.replies_in++;
    if (p.sha[0] & 1) {   /* a group address cannot be a station's (IEEE 802) */
        a->cnt.bad++;
        return proto_fail(err, PROTO_EINVAL, ETH_HDR_LEN + 8, "ar$sha", "group address");
    }
    /* RFC 826 "Packet Reception": merge the sender into an entry we have;
     * if we are the target, add it when we had none. */
    bool for_us = p.tpa == a->cfg.ip;
    struct arp_entry *e = p.spa ? find(a, p.spa) : NULL;   /* spa 0: RFC 5227 probe */
    if (!e && for_us && p.spa)
        e = take(a, p.spa);
    if (e)
        learn(a, e, p.sha);
    if (!for_us) {
        a->cnt.other_target++;
        return PROTO_OK;
    }
    if (p.op != ARES_OP_REQUEST)
        return PROTO_OK;
    /* The reply: swap the sender and target fields, ours as the sender. */
    struct arp_packet r = {.op = ARES_OP_REPLY, .spa = a->cfg.ip, .tpa = p.spa};
    memcpy(r.sha, a->cfg.mac, ETH_ADDR_LEN);
    memcpy(r.tha, p.sha, ETH_ADDR_LEN);
    uint8_t f[ETH_MIN_FRAME];
    size_t n = 0;
    if ((st = arp_encode(&r, p.sha, a->cfg.mac, f, sizeof f, &n, err)) != PROTO_OK)
        return st;
    a->cnt.replies_out++;
    char ip[16], m[18];
    debug_printf(a->log, DBG_CARD, "ARP: I request who-has %s tell %s (%s); O reply",
                 arp_ip_str(p.tpa, (char[16]){0}, 16), arp_ip_str(p.spa, ip, sizeof ip),
                 arp_mac_str(p.sha, m, sizeof m));
    a->ops.send(a->ops.ctx, f, n);
    return PROTO_OK;
}
