/* Shared by the test_ppp_*.c programs: three PPP links (the client 2500-1,
 * the LAC 5300-1, the LNS) on an in-memory wire with a virtual clock, frame
 * loss by sequence number, captured debug lines, and a small AAA with one
 * user. Header-only (static inline) because each test_*.c is its own
 * program. */
#ifndef TEST_PPP_HARNESS_H
#define TEST_PPP_HARNESS_H

#include <stdio.h>
#include <string.h>

#include "hexbytes.h"
#include "ppp_auth.h"
#include "ppp_const.h"
#include "ppp_link.h"
#include "unit.h"

enum { EP_CLIENT, EP_LAC, EP_LNS, EP_COUNT };

#define H_MAX_LINES 600
#define H_LINE_LEN 160
#define H_QUEUE 512

struct h_frame {
    int dest;
    int src;
    uint8_t data[1600];
    size_t len;
};

struct h_aaa {
    const char *user;            /* the one user the authenticator knows */
    const char *secret;          /* its secret at the authenticator */
    const char *client_secret;   /* what the client believes its secret is */
    bool allow_negotiated;
    uint32_t framed_ip;
    uint32_t primary_dns;        /* handed out with an accept */
    unsigned chap_checks, pap_checks;
};

struct harness;

struct h_endpoint {
    struct harness *h;
    int idx;
    uint8_t random_script[64];
    size_t random_len, random_pos;
    uint32_t rng;
    char lines[H_MAX_LINES][H_LINE_LEN];
    size_t nlines;
};

struct harness {
    struct timer_queue tq;
    struct debug_log log[EP_COUNT];
    struct h_endpoint ep[EP_COUNT];
    struct ppp_link link[EP_COUNT];
    bool started[EP_COUNT];
    struct ppp_aaa aaa;
    struct h_aaa users;
    int client_peer;             /* EP_LAC, then EP_LNS once the LAC forwards */
    struct h_frame q[H_QUEUE];
    size_t qh, qt;
    unsigned wire_seq;           /* frames offered to the wire so far */
    unsigned drop[160];          /* wire sequence numbers to lose */
    size_t ndrop;
    unsigned dropped;
    unsigned loss_pct;           /* random loss on top of drop[] */
    uint32_t loss_rng;
    bool lns_autostart;          /* start the LNS from the proxy data on FORWARDING */
    struct ppp_proxy proxy;
    bool forwarded;
    uint32_t route_addr;
    int routes_installed, routes_removed;
    unsigned pool_calls;
    uint32_t pool_next;
    struct h_frame trace[24];    /* the first frames offered to the wire */
    size_t ntrace;
    enum ppp_phase phases[32];   /* phase_changed calls of the client */
    size_t nphases;
};

static inline void h_sink(void *ctx, const char *line)
{
    struct h_endpoint *e = ctx;
    if (e->nlines < H_MAX_LINES)
        snprintf(e->lines[e->nlines++], H_LINE_LEN, "%s", line);
}

static inline void h_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct h_endpoint *e = ctx;
    struct harness *h = e->h;
    unsigned seq = h->wire_seq++;
    if (h->ntrace < sizeof h->trace / sizeof h->trace[0] && len <= sizeof h->trace[0].data) {
        struct h_frame *t = &h->trace[h->ntrace++];
        t->src = e->idx;
        memcpy(t->data, frame, len);
        t->len = len;
    }
    for (size_t i = 0; i < h->ndrop; i++)
        if (h->drop[i] == seq) {
            h->dropped++;
            return;
        }
    if (h->loss_pct) {
        h->loss_rng ^= h->loss_rng << 13;
        h->loss_rng ^= h->loss_rng >> 17;
        h->loss_rng ^= h->loss_rng << 5;
        if (h->loss_rng % 100 < h->loss_pct) {
            h->dropped++;
            return;
        }
    }
    CU_ASSERT_FATAL((h->qt + 1) % H_QUEUE != h->qh);
    CU_ASSERT_FATAL(len <= sizeof h->q[0].data);
    struct h_frame *f = &h->q[h->qt];
    h->qt = (h->qt + 1) % H_QUEUE;
    f->src = e->idx;
    f->dest = e->idx == EP_CLIENT ? h->client_peer : EP_CLIENT;
    memcpy(f->data, frame, len);
    f->len = len;
}

static inline void h_random(void *ctx, uint8_t *buf, size_t len)
{
    struct h_endpoint *e = ctx;
    for (size_t i = 0; i < len; i++) {
        if (e->random_pos < e->random_len) {
            buf[i] = e->random_script[e->random_pos++];
        } else {
            e->rng ^= e->rng << 13;
            e->rng ^= e->rng >> 17;
            e->rng ^= e->rng << 5;
            buf[i] = (uint8_t)e->rng;
        }
    }
}

static inline void h_forward(void *ctx, const struct ppp_proxy *p)
{
    struct h_endpoint *e = ctx;
    struct harness *h = e->h;
    h->proxy = *p;
    h->forwarded = true;
    if (h->lns_autostart) {
        CU_ASSERT_EQUAL(ppp_link_start_proxy(&h->link[EP_LNS], p, NULL), PROTO_OK);
        h->started[EP_LNS] = true;
        h->client_peer = EP_LNS;
    }
}

static inline void h_phase(void *ctx, enum ppp_phase p)
{
    struct h_endpoint *e = ctx;
    struct harness *h = e->h;
    if (e->idx == EP_CLIENT && h->nphases < sizeof h->phases / sizeof h->phases[0])
        h->phases[h->nphases++] = p;
}

static inline void h_route(void *ctx, uint32_t addr, bool install)
{
    struct h_endpoint *e = ctx;
    e->h->route_addr = addr;
    if (install)
        e->h->routes_installed++;
    else
        e->h->routes_removed++;
}

static inline int h_pool(void *ctx, uint32_t requested, uint32_t *addr)
{
    struct h_endpoint *e = ctx;
    (void)requested;
    e->h->pool_calls++;
    if (!e->h->pool_next)
        return -1;
    *addr = e->h->pool_next;
    return 0;
}

static inline bool h_name_is(const uint8_t *name, size_t len, const char *s)
{
    return s && strlen(s) == len && memcmp(name, s, len) == 0;
}

static inline enum ppp_aaa_verdict h_chap_check(void *ctx, const uint8_t *name, size_t name_len,
                                                uint8_t id, const uint8_t *challenge,
                                                size_t challenge_len, const uint8_t *response,
                                                size_t response_len, struct ppp_aaa_attrs *attrs)
{
    struct h_aaa *a = ctx;
    uint8_t md[MD5_DIGEST_LEN];
    a->chap_checks++;
    if (!h_name_is(name, name_len, a->user) || response_len != MD5_DIGEST_LEN)
        return PPP_AAA_REJECT;
    if (chap_md5_response(id, (const uint8_t *)a->secret, strlen(a->secret), challenge,
                          challenge_len, md) != PROTO_OK ||
        memcmp(md, response, MD5_DIGEST_LEN) != 0)
        return PPP_AAA_REJECT;
    attrs->allow_negotiated_address = a->allow_negotiated;
    attrs->framed_ip = a->framed_ip;
    attrs->primary_dns = a->primary_dns;
    return PPP_AAA_ACCEPT;
}

static inline enum ppp_aaa_verdict h_pap_check(void *ctx, const uint8_t *name, size_t name_len,
                                               const uint8_t *pw, size_t pw_len,
                                               struct ppp_aaa_attrs *attrs)
{
    struct h_aaa *a = ctx;
    a->pap_checks++;
    if (!h_name_is(name, name_len, a->user) || !h_name_is(pw, pw_len, a->secret))
        return PPP_AAA_REJECT;
    attrs->allow_negotiated_address = a->allow_negotiated;
    attrs->framed_ip = a->framed_ip;
    return PPP_AAA_ACCEPT;
}

static inline int h_get_secret(void *ctx, const char *our_name, const uint8_t *peer_name,
                               size_t peer_len, uint8_t *secret, size_t cap, size_t *len)
{
    struct h_aaa *a = ctx;
    (void)peer_name;
    (void)peer_len;
    if (!a->client_secret || strcmp(our_name, a->user) != 0 || strlen(a->client_secret) > cap)
        return -1;
    *len = strlen(a->client_secret);
    memcpy(secret, a->client_secret, *len);
    return 0;
}

static inline uint32_t h_ip(unsigned a, unsigned b, unsigned c, unsigned d)
{
    return (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | d;
}

/* The seed's three routers' PPP settings. */
static inline void h_client_config(struct ppp_link_config *c)
{
    memset(c, 0, sizeof *c);
    c->role = PPP_ROLE_CLIENT;
    c->ifname = "BRI0";
    c->hostname = "2500-1";
    c->lcp.magic = true;
    c->lcp.magic_number = 0x6EE4E865u;
    c->lcp.allow_chap = true;
    c->lcp.allow_pap = true;
    c->lcp_fsm.first_id = 118;
    c->ipcp.request_address = true;
    c->ipcp.address = h_ip(10, 10, 53, 2);
    c->ipcp.request_vj = true;
    c->ipcp.vj_max_slot_id = 15;
    c->ipcp_fsm.first_id = 187;
}

static inline void h_lac_config(struct ppp_link_config *c)
{
    static const char ed[] = "5300-1";
    memset(c, 0, sizeof *c);
    c->role = PPP_ROLE_LAC;
    c->ifname = "Se0:0";
    c->hostname = "5300-1";
    c->lcp.auth_protocol = PPP_PROTO_CHAP;
    c->lcp.magic = true;
    c->lcp.magic_number = 0x109D08F2u;
    c->lcp.request_mrru = true;
    c->lcp.mrru = 1524;
    c->lcp.request_endpoint = true;
    c->lcp.endpoint_class = LCP_ED_LOCAL;
    c->lcp.endpoint_len = sizeof ed - 1;
    memcpy(c->lcp.endpoint_addr, ed, sizeof ed - 1);
    c->lcp_fsm.passive = true;
    c->lcp_fsm.first_id = 11;
    c->chap_first_id = 6;
}

static inline void h_lns_config(struct ppp_link_config *c)
{
    memset(c, 0, sizeof *c);
    c->role = PPP_ROLE_LNS;
    c->ifname = "Vi4";
    c->hostname = "1600-3";
    c->lcp.auth_protocol = PPP_PROTO_CHAP;
    c->lcp.magic = true;
    c->lcp_fsm.passive = true;
    c->ipcp.request_address = true;
    c->ipcp.address = h_ip(10, 51, 6, 82);
    c->ipcp_fsm.first_id = 1;
    c->chap_first_id = 3;
}

/* The seed's LAC challenge (ICCN AVP 31). */
static inline void h_seed_challenge(struct h_endpoint *e)
{
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("5D0D008CB1677CF8BC354556321A7A74", e->random_script,
                              sizeof e->random_script, &n, NULL) == PROTO_OK);
    e->random_len = n;
}

static inline void h_init(struct harness *h, const struct ppp_link_config cfg[EP_COUNT])
{
    memset(h, 0, sizeof *h);
    CU_ASSERT_FATAL(timer_queue_init(&h->tq, CLOCK_VIRTUAL) == 0);
    h->users = (struct h_aaa){.user = "2500-1", .secret = "cisco", .client_secret = "cisco",
                              .allow_negotiated = true};
    h->aaa = (struct ppp_aaa){.ctx = &h->users, .chap_check = h_chap_check,
                              .pap_check = h_pap_check, .get_secret = h_get_secret};
    h->client_peer = EP_LAC;
    h->lns_autostart = true;
    for (int i = 0; i < EP_COUNT; i++) {
        struct h_endpoint *e = &h->ep[i];
        e->h = h;
        e->idx = i;
        e->rng = 0x12345u + (uint32_t)i * 7919u;
        debug_log_init(&h->log[i], NULL, h_sink, e);
        debug_enable(&h->log[i], DBG_PPP_NEGOTIATION, true);
        debug_enable(&h->log[i], DBG_PPP_AUTH, true);
        debug_enable(&h->log[i], DBG_AAA, true);
        debug_enable(&h->log[i], DBG_VPDN, true);
        struct ppp_link_callbacks cb = {.ctx = e, .send = h_send, .random = h_random,
                                        .forward = h_forward, .route = h_route,
                                        .address_pool = h_pool, .phase_changed = h_phase};
        CU_ASSERT_FATAL(ppp_link_init(&h->link[i], &cfg[i], &cb, &h->aaa, &h->tq, &h->log[i],
                                      NULL) == PROTO_OK);
    }
}

static inline void h_free(struct harness *h)
{
    for (int i = 0; i < EP_COUNT; i++)
        ppp_link_stop(&h->link[i]);
    timer_queue_free(&h->tq);
}

/* Delivers queued frames until the wire is quiet. */
static inline void h_pump(struct harness *h)
{
    for (unsigned guard = 0; h->qh != h->qt && guard < 100000; guard++) {
        struct h_frame f = h->q[h->qh];
        h->qh = (h->qh + 1) % H_QUEUE;
        int dest = f.dest;
        /* Frames that reach the LAC once it forwards go through the tunnel. */
        if (dest == EP_LAC && ppp_link_forwarding(&h->link[EP_LAC]) && h->started[EP_LNS]) {
            h->link[EP_LAC].stats.forwarded++;
            dest = EP_LNS;
        }
        if (dest == EP_LNS && !h->started[EP_LNS])
            continue;
        ppp_link_input(&h->link[dest], f.data, f.len, NULL);
    }
}

/* Delivers queued frames one at a time until stop(h) holds after one. */
static inline bool h_pump_until(struct harness *h, bool (*stop)(struct harness *))
{
    while (h->qh != h->qt) {
        struct h_frame f = h->q[h->qh];
        h->qh = (h->qh + 1) % H_QUEUE;
        if (f.dest == EP_LNS && !h->started[EP_LNS])
            continue;
        ppp_link_input(&h->link[f.dest], f.data, f.len, NULL);
        if (stop(h))
            return true;
    }
    return false;
}

/* Pumps and moves the virtual clock from timer to timer until done(h) or
 * `limit_us` of virtual time. */
static inline bool h_run(struct harness *h, bool (*done)(struct harness *), uint64_t limit_us)
{
    for (;;) {
        h_pump(h);
        if (done && done(h))
            return true;
        uint64_t next = timer_queue_next(&h->tq);
        if (next == TIMER_NEVER || next > limit_us)
            return done ? done(h) : true;
        timer_queue_advance(&h->tq, next);
    }
}

/* Pumps and fires timers up to virtual time `to`. */
static inline void h_advance(struct harness *h, uint64_t to)
{
    for (;;) {
        h_pump(h);
        uint64_t next = timer_queue_next(&h->tq);
        if (next == TIMER_NEVER || next > to)
            break;
        timer_queue_advance(&h->tq, next);
    }
    timer_queue_advance(&h->tq, to);
    h_pump(h);
}

/* Loses every frame from the next one on (up to 160). */
static inline void h_cut(struct harness *h)
{
    h->ndrop = 0;
    for (unsigned i = 0; i < 160; i++)
        h->drop[h->ndrop++] = h->wire_seq + i;
}

/* The last frame waiting on the wire, or NULL. */
static inline const struct h_frame *h_last_queued(const struct harness *h)
{
    if (h->qh == h->qt)
        return NULL;
    return &h->q[(h->qt + H_QUEUE - 1) % H_QUEUE];
}

static inline bool h_line_present(const struct h_endpoint *e, const char *line)
{
    for (size_t i = 0; i < e->nlines; i++)
        if (strcmp(e->lines[i], line) == 0)
            return true;
    return false;
}

/* Every expected line, in order, each found after the previous one. */
static inline size_t h_lines_in_order(const struct h_endpoint *e, const char *const *want,
                                      size_t n)
{
    size_t pos = 0, k = 0;
    for (; k < n; k++) {
        while (pos < e->nlines && strcmp(e->lines[pos], want[k]) != 0)
            pos++;
        if (pos == e->nlines)
            break;
        pos++;
    }
    return k;
}

static inline void h_dump_lines(const struct h_endpoint *e)
{
    for (size_t i = 0; i < e->nlines; i++)
        fprintf(stderr, "  [%d] %s\n", e->idx, e->lines[i]);
}

#endif
