/* The AAA answers (RADIUS, host/aaa) in l2tpd's loop: each instance's
 * aaa_fd() is polled with the wire's sockets, completions run from the
 * pump. On the virtual clock a pending request is waited for in real time
 * before virtual time moves on, so a RADIUS round trip costs no virtual
 * time and runs stay deterministic. */
#ifndef L2TPD_AAA_LOOP_H
#define L2TPD_AAA_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

struct l2tpd;

/* Completions ready now, every instance: how many ran. Never blocks. */
size_t aaa_loop_poll(struct l2tpd *d);
/* Virtual clock: while requests are out, waits for answers (the AAA's own
 * timeouts bound the wait) and runs them; 0 when nothing was pending. */
size_t aaa_loop_wait(struct l2tpd *d);
/* Adds the instances' AAA descriptors to p (room for cap); returns the
 * new count. */
nfds_t aaa_loop_fds(struct l2tpd *d, struct pollfd *p, nfds_t n, nfds_t cap);

#endif
