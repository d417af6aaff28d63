/* Test harness for the L2TP control library: two (or more) l2tp_ctrl
 * instances on one virtual clock joined by an in-memory wire with a fixed
 * latency and, when asked, seeded random loss, duplication and reordering.
 * Every frame put on the wire is recorded (time, sender, octets) so tests
 * can compare it with the seed; every state change and debug line too.
 * Header-only (static inline) so each CUnit program can include it. */
#ifndef TESTS_UNIT_L2TP_CTRL_WIRE_H
#define TESTS_UNIT_L2TP_CTRL_WIRE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug_log.h"
#include "l2tp_ctrl.h"
#include "timer.h"

#define WIRE_MAX_NODES 3
#define WIRE_MAX_FRAMES 4096
#define WIRE_MAX_LINES 8192
#define WIRE_MAX_STATES 512

struct wire_frame {
    uint64_t at;        /* sent at (virtual us) */
    int from, to;
    size_t len;
    uint8_t data[L2TP_CTRL_MSG_MAX];
    bool dropped;
};

struct wire_pkt {
    uint64_t at;        /* arrival */
    uint64_t seq;
    int to;
    int from;
    size_t len;
    uint8_t data[L2TP_CTRL_MSG_MAX];
};

struct wire_state {
    int node;
    uint16_t tid, sid;
    char from[24], to[24];
};

struct wire_node;

struct wire {
    struct timer_queue tq;
    uint64_t latency_us;
    /* impairments, percent */
    unsigned loss, dup, reorder;
    uint64_t jitter_us;
    uint64_t rng;
    bool verbose;
    struct wire_node *nodes[WIRE_MAX_NODES];
    size_t n_nodes;
    struct wire_pkt *q;
    size_t nq, capq;
    uint64_t seq;
    struct wire_frame *frames;
    size_t n_frames;
    struct wire_state states[WIRE_MAX_STATES];
    size_t n_states;
    uint64_t delivered, lost, duplicated;
    unsigned drop_next_from[WIRE_MAX_NODES]; /* drop that many next frames from a node */
};

struct wire_node {
    struct wire *w;
    int idx;
    const char *name;
    struct l2tp_peer_addr addr;
    struct l2tp_ctrl ctrl;
    struct debug_log log;
    char **lines;
    size_t n_lines, cap_lines;
    /* callbacks seen */
    struct l2tp_session_info up[16], down[16];
    struct l2tp_disconnect why[16];
    size_t n_up, n_down;           /* recorded (first 16) */
    size_t total_up, total_down;   /* all */
    struct l2tp_call_event events[16];
    struct l2tp_call_params event_params[16];
    struct l2tp_call_errors event_errors[16];
    size_t n_events;
    /* random octets handed out: a script, then a counter */
    const uint8_t *script;
    size_t script_len, script_pos;
    uint8_t counter;
};

static inline uint64_t wire_rand(struct wire *w)
{
    /* xorshift64*: seeded, reproducible */
    w->rng ^= w->rng >> 12;
    w->rng ^= w->rng << 25;
    w->rng ^= w->rng >> 27;
    return w->rng * 2685821657736338717ull;
}

static inline void wire_init(struct wire *w, uint64_t latency_us)
{
    memset(w, 0, sizeof *w);
    timer_queue_init(&w->tq, CLOCK_VIRTUAL);
    w->latency_us = latency_us;
    w->rng = 88172645463325252ull;
    w->frames = calloc(WIRE_MAX_FRAMES, sizeof *w->frames);
    w->verbose = getenv("L2TP_WIRE_VERBOSE") != NULL;
}

static inline void wire_impair(struct wire *w, unsigned loss, unsigned dup, unsigned reorder,
                               uint64_t jitter_us, uint64_t seed)
{
    w->loss = loss;
    w->dup = dup;
    w->reorder = reorder;
    w->jitter_us = jitter_us;
    w->rng = seed * 0x9E3779B97F4A7C15ull + 1;
}

static inline void wire_enqueue(struct wire *w, int from, int to, const uint8_t *buf, size_t len,
                                uint64_t delay)
{
    if (w->nq == w->capq) {
        w->capq = w->capq ? w->capq * 2 : 64;
        w->q = realloc(w->q, w->capq * sizeof *w->q);
    }
    struct wire_pkt *p = &w->q[w->nq++];
    p->at = timer_now(&w->tq) + delay;
    p->seq = w->seq++;
    p->to = to;
    p->from = from;
    p->len = len;
    memcpy(p->data, buf, len);
}

static inline int wire_node_by_addr(struct wire *w, const struct l2tp_peer_addr *a)
{
    for (size_t i = 0; i < w->n_nodes; i++)
        if (w->nodes[i]->addr.ip == a->ip)
            return (int)i;
    return -1;
}

static inline void wire_send(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf,
                             size_t len)
{
    struct wire_node *n = ctx;
    struct wire *w = n->w;
    int to = wire_node_by_addr(w, peer);
    bool drop = w->loss && wire_rand(w) % 100 < w->loss;
    if (w->drop_next_from[n->idx]) {
        w->drop_next_from[n->idx]--;
        drop = true;
    }
    if (w->n_frames < WIRE_MAX_FRAMES && len <= L2TP_CTRL_MSG_MAX) {
        struct wire_frame *f = &w->frames[w->n_frames++];
        f->at = timer_now(&w->tq);
        f->from = n->idx;
        f->to = to;
        f->len = len;
        f->dropped = drop;
        memcpy(f->data, buf, len);
    }
    if (to < 0 || len > L2TP_CTRL_MSG_MAX)
        return;
    if (drop) {
        w->lost++;
        return;
    }
    int copies = 1;
    if (w->dup && wire_rand(w) % 100 < w->dup) {
        copies = 2;
        w->duplicated++;
    }
    for (int i = 0; i < copies; i++) {
        uint64_t delay = w->latency_us;
        if (w->reorder && wire_rand(w) % 100 < w->reorder)
            delay += wire_rand(w) % (w->jitter_us + 1);
        wire_enqueue(w, n->idx, to, buf, len, delay);
    }
}

static inline void wire_sink(void *ctx, const char *line)
{
    struct wire_node *n = ctx;
    if (n->n_lines == n->cap_lines) {
        n->cap_lines = n->cap_lines ? 2 * n->cap_lines : 256;
        n->lines = realloc(n->lines, n->cap_lines * sizeof *n->lines);
    }
    n->lines[n->n_lines++] = strdup(line);
    if (n->w->verbose)
        printf("%-8s %s\n", n->name, line);
}

static inline void wire_up(void *ctx, const struct l2tp_session_info *s)
{
    struct wire_node *n = ctx;
    n->total_up++;
    if (n->n_up < 16)
        n->up[n->n_up++] = *s;
}

static inline void wire_down(void *ctx, const struct l2tp_session_info *s,
                             const struct l2tp_disconnect *why)
{
    struct wire_node *n = ctx;
    n->total_down++;
    if (n->n_down < 16) {
        n->why[n->n_down] = *why;
        n->down[n->n_down++] = *s;
    }
}

static inline void wire_event(void *ctx, const struct l2tp_call_event *ev)
{
    struct wire_node *n = ctx;
    if (n->n_events >= 16)
        return;
    size_t i = n->n_events++;
    n->events[i] = *ev;
    if (ev->params)
        n->event_params[i] = *ev->params;
    if (ev->errors)
        n->event_errors[i] = *ev->errors;
    n->events[i].session = NULL;
    n->events[i].params = ev->params ? &n->event_params[i] : NULL;
    n->events[i].errors = ev->errors ? &n->event_errors[i] : NULL;
}

static inline void wire_state_change(void *ctx, uint16_t tid, uint16_t sid, const char *from,
                                     const char *to)
{
    struct wire_node *n = ctx;
    struct wire *w = n->w;
    if (w->n_states >= WIRE_MAX_STATES)
        return;
    struct wire_state *s = &w->states[w->n_states++];
    s->node = n->idx;
    s->tid = tid;
    s->sid = sid;
    snprintf(s->from, sizeof s->from, "%s", from);
    snprintf(s->to, sizeof s->to, "%s", to);
}

static inline int wire_random(void *ctx, uint8_t *buf, size_t len)
{
    struct wire_node *n = ctx;
    for (size_t i = 0; i < len; i++)
        buf[i] = n->script_pos < n->script_len ? n->script[n->script_pos++]
                                               : (uint8_t)(n->counter++ * 37u + 11u);
    return 0;
}

static inline const struct l2tp_ctrl_ops *wire_ops(void)
{
    static const struct l2tp_ctrl_ops ops = {
        .send = wire_send,
        .session_up = wire_up,
        .session_down = wire_down,
        .call_event = wire_event,
        .state_change = wire_state_change,
        .random = wire_random,
    };
    return &ops;
}

/* Adds an instance; returns PROTO_OK. ip in host order. */
static inline proto_status wire_add(struct wire *w, struct wire_node *n, const char *name,
                                    uint32_t ip, const struct l2tp_ctrl_config *cfg,
                                    const uint8_t *script, size_t script_len)
{
    memset(n, 0, sizeof *n);
    n->w = w;
    n->idx = (int)w->n_nodes;
    n->name = name;
    n->addr = (struct l2tp_peer_addr){ip, 1701};
    n->script = script;
    n->script_len = script_len;
    w->nodes[w->n_nodes++] = n;
    debug_log_init(&n->log, &w->tq, wire_sink, n);
    for (int c = 0; c < DBG_CAT_COUNT; c++)
        debug_enable(&n->log, (enum debug_cat)c, true);
    return l2tp_ctrl_init(&n->ctrl, cfg, wire_ops(), n, &w->tq, &n->log, NULL);
}

/* Delivers frames and fires timers in time order until `until`. */
static inline void wire_run_until(struct wire *w, uint64_t until)
{
    for (;;) {
        size_t best = w->nq;
        for (size_t i = 0; i < w->nq; i++)
            if (best == w->nq || w->q[i].at < w->q[best].at ||
                (w->q[i].at == w->q[best].at && w->q[i].seq < w->q[best].seq))
                best = i;
        uint64_t t_pkt = best < w->nq ? w->q[best].at : TIMER_NEVER;
        uint64_t t_tmr = timer_queue_next(&w->tq);
        if (t_tmr <= t_pkt && t_tmr <= until) {
            timer_queue_advance(&w->tq, t_tmr);
            continue;
        }
        if (t_pkt > until)
            break;
        struct wire_pkt p = w->q[best];
        w->q[best] = w->q[--w->nq];
        timer_queue_advance(&w->tq, p.at);
        w->delivered++;
        l2tp_ctrl_input(&w->nodes[p.to]->ctrl, &w->nodes[p.from]->addr, p.data, p.len, NULL);
    }
    timer_queue_advance(&w->tq, until);
}

static inline void wire_run_for(struct wire *w, uint64_t us)
{
    wire_run_until(w, timer_now(&w->tq) + us);
}

/* The line (without its timestamp) appears in n's log. */
static inline bool wire_logged(const struct wire_node *n, const char *text)
{
    for (size_t i = 0; i < n->n_lines; i++) {
        const char *l = n->lines[i];
        const char *p = strstr(l, ": ");
        /* "Jan  1 00:04:10.567: text" */
        if (p && strncmp(l, "Jan", 3) == 0)
            l = p + 2;
        if (strcmp(l, text) == 0)
            return true;
    }
    return false;
}

/* Index of the first log line at or after `from` equal to text, or -1. */
static inline long wire_log_find(const struct wire_node *n, size_t from, const char *text)
{
    for (size_t i = from; i < n->n_lines; i++) {
        const char *l = n->lines[i];
        const char *p = strstr(l, ": ");
        if (p && strncmp(l, "Jan", 3) == 0)
            l = p + 2;
        if (strcmp(l, text) == 0)
            return (long)i;
    }
    return -1;
}

static inline uint16_t wire_frame_type(const struct wire_frame *f)
{
    return f->len >= 20 ? (uint16_t)((f->data[18] << 8) | f->data[19]) : 0;
}

static inline void wire_free(struct wire *w)
{
    for (size_t i = 0; i < w->n_nodes; i++) {
        struct wire_node *n = w->nodes[i];
        l2tp_ctrl_free(&n->ctrl);
        for (size_t j = 0; j < n->n_lines; j++)
            free(n->lines[j]);
        free(n->lines);
    }
    free(w->q);
    free(w->frames);
    timer_queue_free(&w->tq);
}

#endif
