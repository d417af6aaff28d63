/* Moving frames and time. Virtual clock: time jumps from timer to timer
 * (the seed's 10 s and 15 s shutdowns cost nothing), and only when no frame
 * is left to move, so every exchange completes "instantly". Wall clock:
 * timers fire when due, the CLI socket is polled in between. */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "aaa_loop.h"
#include "cli_server.h"
#include "l2tpd.h"
#include "wire_udp.h"

void l2tpd_pump(struct l2tpd *d)
{
    if (d->burst)
        return;   /* a `burst` step: everything moves once it is queued */
    for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < d->n_inst; i++) {
            moved |= udp_wire_poll(&d->inst[i]) > 0;
            moved |= tap_wire_poll(&d->inst[i]) > 0;
            moved |= card_if_run(&d->inst[i]) > 0;
            moved |= glue_poll_punts(&d->inst[i]) > 0;
        }
        moved |= aaa_loop_poll(d) > 0;   /* RADIUS answers (host/aaa) */
        /* Virtual clock: a RADIUS request out is waited for in real time,
         * so the answer costs no virtual time. */
        if (d->tq.mode != CLOCK_WALL)
            moved |= aaa_loop_wait(d) > 0;
        /* d->batch events between two runs of the cards (`batch N`). */
        for (unsigned k = 0; k < (d->batch ? d->batch : 1) && wire_deliver_one(d); k++)
            moved = true;
    }
}

/* Wall clock: sleeps until a UDP datagram arrives or timeout_ms passes. */
static void wall_sleep(struct l2tpd *d, int timeout_ms)
{
    struct pollfd p[2 * L2TPD_INSTANCES_MAX];
    nfds_t n = 0;
    for (size_t i = 0; i < d->n_inst; i++)
        if (d->inst[i].udp_fd >= 0 || d->inst[i].tap.fd >= 0)
            p[n++] = (struct pollfd){.fd = d->inst[i].udp_fd >= 0 ? d->inst[i].udp_fd
                                                                 : d->inst[i].tap.fd,
                                     .events = POLLIN};
    n = aaa_loop_fds(d, p, n, 2 * L2TPD_INSTANCES_MAX);
    (void)poll(p, n, timeout_ms);
}

static int ms_until(struct l2tpd *d, uint64_t t)
{
    uint64_t now = timer_now(&d->tq), next = timer_queue_next(&d->tq);
    if (next < t)
        t = next;
    return t <= now ? 0 : (int)((t - now + 999) / 1000);
}

void l2tpd_advance(struct l2tpd *d, uint64_t delta_us)
{
    uint64_t to = timer_now(&d->tq) + delta_us;
    l2tpd_pump(d);
    if (d->tq.mode == CLOCK_WALL) {
        /* Real time passes by itself: serve the wire and the timers. */
        do {
            timer_queue_run(&d->tq);
            l2tpd_pump(d);
            if (delta_us)
                wall_sleep(d, ms_until(d, to));
        } while (timer_now(&d->tq) < to);
        timer_queue_run(&d->tq);
        l2tpd_pump(d);
        return;
    }
    for (;;) {
        uint64_t next = timer_queue_next(&d->tq);
        if (next == TIMER_NEVER || next > to)
            break;
        timer_queue_advance(&d->tq, next);
        l2tpd_pump(d);
    }
    timer_queue_advance(&d->tq, to);
    l2tpd_pump(d);
}

bool l2tpd_run_until(struct l2tpd *d, bool (*cond)(struct l2tpd *, const char *),
                     const char *arg, uint64_t limit_us)
{
    uint64_t to = timer_now(&d->tq) + limit_us;
    for (;;) {
        l2tpd_pump(d);
        if (cond(d, arg))
            return true;
        if (d->tq.mode == CLOCK_WALL) {
            if (timer_now(&d->tq) >= to)
                return false;
            wall_sleep(d, ms_until(d, to) < 50 ? ms_until(d, to) : 50);
            timer_queue_run(&d->tq);
            continue;
        }
        uint64_t next = timer_queue_next(&d->tq);
        if (next == TIMER_NEVER || next > to)
            return false;
        timer_queue_advance(&d->tq, next);
    }
}

int l2tpd_serve(struct l2tpd *d)
{
    struct cli_server cs;
    char err[300];
    if (cli_server_open(&cs, d->opt.socket_path, err, sizeof err)) {
        fprintf(stderr, "l2tpd: %s\n", err);
        return -1;
    }
    while (!d->stop) {
        l2tpd_pump(d);
        int timeout = -1;
        if (d->tq.mode == CLOCK_WALL) {
            timer_queue_run(&d->tq);
            l2tpd_pump(d);
            uint64_t next = timer_queue_next(&d->tq);
            if (next != TIMER_NEVER) {
                uint64_t now = timer_now(&d->tq);
                timeout = next <= now ? 0 : (int)((next - now + 999) / 1000);
            }
        }
        /* Virtual clock: time moves only by the CLI's `wait`. */
        struct pollfd p[1 + 2 * L2TPD_INSTANCES_MAX] = {{.fd = cs.fd, .events = POLLIN}};
        nfds_t n = 1;
        for (size_t i = 0; i < d->n_inst; i++)
            if (d->inst[i].udp_fd >= 0 || d->inst[i].tap.fd >= 0)
                p[n++] = (struct pollfd){.fd = d->inst[i].udp_fd >= 0 ? d->inst[i].udp_fd
                                                                     : d->inst[i].tap.fd,
                                         .events = POLLIN};
        n = aaa_loop_fds(d, p, n, 1 + 2 * L2TPD_INSTANCES_MAX);
        int r = poll(p, n, timeout);
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "l2tpd: poll: %s\n", strerror(errno));
            break;
        }
        if (r > 0 && (p[0].revents & POLLIN))
            cli_server_accept(&cs, d);
    }
    cli_server_close(&cs);
    return 0;
}
