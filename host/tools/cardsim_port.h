/* Ports of the simulated card by name, through the cosim port table
 * (tests/cosim/cosim_port_table.h): cardsim finds every port it drives or
 * watches once, at start, and reads and writes bit ranges of it, so the
 * same code serves every engine and DATA_W (a port's width says N_CH and
 * DATA_W). */
#ifndef CARDSIM_PORT_H
#define CARDSIM_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cosim.h"

struct cardsim_port {
    const char *name;
    size_t offset;            /* into the io struct */
    unsigned width;
    bool wide;                /* uint32_t words instead of one uint64_t */
    bool present;
};

/* Finds the first of the NULL-terminated names the block has; false (and
 * p->present false) when it has none of them. */
bool cardsim_port_find(const struct cosim_block *b, const char *const *names,
                       struct cardsim_port *p);

/* Bits [lsb, lsb + n) of the port, n <= 64; 0 beyond its width. */
uint64_t cardsim_port_get(const struct cardsim_port *p, const void *io, unsigned lsb, unsigned n);
/* Writes bits [lsb, lsb + n) of the port (bits beyond its width ignored). */
void cardsim_port_set(const struct cardsim_port *p, void *io, unsigned lsb, unsigned n,
                      uint64_t v);

/* The whole port when it is at most 64 bits wide. */
static inline uint64_t cardsim_get(const struct cardsim_port *p, const void *io)
{
    return cardsim_port_get(p, io, 0, 64);
}

static inline void cardsim_set(const struct cardsim_port *p, void *io, uint64_t v)
{
    cardsim_port_set(p, io, 0, 64, v);
}

#endif
