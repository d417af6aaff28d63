#include "timer.h"

#include <stdlib.h>
#include <time.h>

static uint64_t monotonic_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * USEC_PER_SEC + (uint64_t)ts.tv_nsec / 1000u;
}

int timer_queue_init(struct timer_queue *q, enum clock_mode mode)
{
    *q = (struct timer_queue){.mode = mode};
    q->cap = 64;
    q->heap = calloc(q->cap, sizeof *q->heap);
    if (!q->heap)
        return -1;
    if (mode == CLOCK_WALL)
        q->wall_origin = monotonic_us();
    return 0;
}

void timer_queue_free(struct timer_queue *q)
{
    for (size_t i = 0; i < q->len; i++)
        q->heap[i]->armed = false;
    free(q->heap);
    q->heap = NULL;
    q->len = q->cap = 0;
}

uint64_t timer_now(struct timer_queue *q)
{
    if (q->mode == CLOCK_WALL)
        q->now = monotonic_us() - q->wall_origin;
    return q->now;
}

void timer_init(struct timer *t, const char *name, timer_fn fn, void *ctx)
{
    *t = (struct timer){.fn = fn, .ctx = ctx, .name = name};
}

static void heap_set(struct timer_queue *q, size_t i, struct timer *t)
{
    q->heap[i] = t;
    t->heap_index = i;
}

/* Ties keep insertion order irrelevant: callers must not rely on it. */
static void sift_up(struct timer_queue *q, size_t i)
{
    struct timer *t = q->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (q->heap[parent]->deadline <= t->deadline)
            break;
        heap_set(q, i, q->heap[parent]);
        i = parent;
    }
    heap_set(q, i, t);
}

static void sift_down(struct timer_queue *q, size_t i)
{
    struct timer *t = q->heap[i];
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= q->len)
            break;
        if (child + 1 < q->len && q->heap[child + 1]->deadline < q->heap[child]->deadline)
            child++;
        if (t->deadline <= q->heap[child]->deadline)
            break;
        heap_set(q, i, q->heap[child]);
        i = child;
    }
    heap_set(q, i, t);
}

void timer_cancel(struct timer_queue *q, struct timer *t)
{
    if (!t->armed)
        return;
    size_t i = t->heap_index;
    t->armed = false;
    q->len--;
    if (i == q->len)
        return;
    struct timer *moved = q->heap[q->len];
    heap_set(q, i, moved);
    sift_down(q, i);
    sift_up(q, moved->heap_index);
}

int timer_arm(struct timer_queue *q, struct timer *t, uint64_t delay_us)
{
    timer_cancel(q, t);
    if (q->len == q->cap) {
        size_t cap = q->cap * 2;
        struct timer **heap = realloc(q->heap, cap * sizeof *heap);
        if (!heap)
            return -1;
        q->heap = heap;
        q->cap = cap;
    }
    uint64_t now = timer_now(q);
    t->deadline = delay_us > TIMER_NEVER - now ? TIMER_NEVER : now + delay_us;
    t->armed = true;
    heap_set(q, q->len, t);
    q->len++;
    sift_up(q, q->len - 1);
    return 0;
}

uint64_t timer_queue_next(const struct timer_queue *q)
{
    return q->len ? q->heap[0]->deadline : TIMER_NEVER;
}

static size_t fire_until(struct timer_queue *q, uint64_t limit)
{
    size_t fired = 0;
    while (q->len && q->heap[0]->deadline <= limit) {
        struct timer *t = q->heap[0];
        if (q->mode == CLOCK_VIRTUAL && t->deadline > q->now)
            q->now = t->deadline;
        timer_cancel(q, t);
        fired++;
        q->fired++;
        t->fn(t->ctx);
    }
    return fired;
}

size_t timer_queue_run(struct timer_queue *q)
{
    return fire_until(q, timer_now(q));
}

size_t timer_queue_advance(struct timer_queue *q, uint64_t to)
{
    if (q->mode != CLOCK_VIRTUAL)
        return timer_queue_run(q);
    size_t fired = fire_until(q, to);
    if (to > q->now)
        q->now = to;
    return fired;
}
