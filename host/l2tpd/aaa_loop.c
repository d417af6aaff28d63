/* AAA answers in the loop (aaa_loop.h). */
#include "aaa_loop.h"

#include "l2tpd.h"

size_t aaa_loop_poll(struct l2tpd *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_inst; i++)
        if (aaa_fd(&d->inst[i].v.aaa) >= 0)
            n += aaa_poll(&d->inst[i].v.aaa);
    return n;
}

nfds_t aaa_loop_fds(struct l2tpd *d, struct pollfd *p, nfds_t n, nfds_t cap)
{
    for (size_t i = 0; i < d->n_inst && n < cap; i++) {
        int fd = aaa_fd(&d->inst[i].v.aaa);
        if (fd >= 0)
            p[n++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
    return n;
}

static bool pending(struct l2tpd *d)
{
    for (size_t i = 0; i < d->n_inst; i++)
        if (aaa_fd(&d->inst[i].v.aaa) >= 0 && aaa_pending(&d->inst[i].v.aaa))
            return true;
    return false;
}

size_t aaa_loop_wait(struct l2tpd *d)
{
    size_t ran = 0;
    while (ran == 0 && pending(d)) {
        struct pollfd p[L2TPD_INSTANCES_MAX];
        nfds_t n = aaa_loop_fds(d, p, 0, L2TPD_INSTANCES_MAX);
        (void)poll(p, n, 100);
        ran = aaa_loop_poll(d);
    }
    return ran;
}
