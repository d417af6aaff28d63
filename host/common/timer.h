/* Timers on a virtual or wall clock, for the control plane (L2TP retransmit,
 * HELLO, shutdown; PPP restart, echo). One timer_queue per daemon instance:
 * no global state. Time is in microseconds since an arbitrary epoch. In
 * virtual mode time moves only by timer_queue_advance(), so the seed's 10 s
 * and 15 s shutdown timers cost no wall time in simulation. */
#ifndef HOST_TIMER_H
#define HOST_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TIMER_NEVER UINT64_MAX
#define USEC_PER_MSEC 1000ull
#define USEC_PER_SEC 1000000ull

typedef void (*timer_fn)(void *ctx);

/* Embedded in its owner; must stay at one address while armed. */
struct timer {
    uint64_t deadline;
    timer_fn fn;
    void *ctx;
    size_t heap_index;       /* position in the queue's heap while armed */
    bool armed;
    const char *name;        /* for debugging ("retransmit", "hello") */
};

enum clock_mode { CLOCK_VIRTUAL, CLOCK_WALL };

struct timer_queue {
    enum clock_mode mode;
    uint64_t now;            /* virtual: current time; wall: last reading */
    uint64_t wall_origin;    /* wall: CLOCK_MONOTONIC at init */
    struct timer **heap;     /* min-heap on deadline */
    size_t len, cap;
    uint64_t fired;          /* timers fired so far */
};

/* Returns 0, or -1 when memory for the heap cannot be had. */
int timer_queue_init(struct timer_queue *q, enum clock_mode mode);
void timer_queue_free(struct timer_queue *q);

/* Current time: virtual time, or microseconds of CLOCK_MONOTONIC since init. */
uint64_t timer_now(struct timer_queue *q);

void timer_init(struct timer *t, const char *name, timer_fn fn, void *ctx);
/* (Re)arms t to fire at now + delay_us. Returns 0, or -1 on allocation failure. */
int timer_arm(struct timer_queue *q, struct timer *t, uint64_t delay_us);
void timer_cancel(struct timer_queue *q, struct timer *t);

/* Deadline of the earliest armed timer, TIMER_NEVER when none. */
uint64_t timer_queue_next(const struct timer_queue *q);

/* Fires every timer whose deadline is <= now (wall mode reads the clock).
 * A callback may arm or cancel timers. Returns the number fired. */
size_t timer_queue_run(struct timer_queue *q);

/* Virtual mode: moves time to `to` (never backwards), firing timers in
 * deadline order on the way, each at its own deadline. Returns the number
 * fired. */
size_t timer_queue_advance(struct timer_queue *q, uint64_t to);

#endif
