/* Bit ranges of named ports in a cosim io struct (cosim_io_struct.h: a port
 * of up to 64 bits is one uint64_t, a wider one uint32_t words, least
 * significant first). */
#include "cardsim_port.h"

#include <string.h>

bool cardsim_port_find(const struct cosim_block *b, const char *const *names,
                       struct cardsim_port *p)
{
    memset(p, 0, sizeof *p);
    p->name = names[0];
    for (const char *const *n = names; *n; n++)
        for (size_t i = 0; i < b->n_ports; i++)
            if (strcmp(b->ports[i].name, *n) == 0) {
                p->name = b->ports[i].name;
                p->offset = b->ports[i].offset;
                p->width = b->ports[i].width;
                p->wide = b->ports[i].wide;
                p->present = true;
                return true;
            }
    return false;
}

uint64_t cardsim_port_get(const struct cardsim_port *p, const void *io, unsigned lsb, unsigned n)
{
    if (!p->present || lsb >= p->width)
        return 0;
    if (n > p->width - lsb)
        n = p->width - lsb;
    const unsigned char *base = (const unsigned char *)io + p->offset;
    uint64_t v = 0;
    if (!p->wide) {
        uint64_t w;
        memcpy(&w, base, sizeof w);
        v = w >> lsb;
    } else {
        for (unsigned i = 0; i < n;) {
            unsigned bit = lsb + i, word = bit / 32, sh = bit % 32;
            uint32_t w;
            memcpy(&w, base + 4 * word, sizeof w);
            unsigned take = 32 - sh < n - i ? 32 - sh : n - i;
            v |= (uint64_t)(w >> sh) << i;
            i += take;
        }
    }
    return n >= 64 ? v : v & ((UINT64_C(1) << n) - 1);
}

void cardsim_port_set(const struct cardsim_port *p, void *io, unsigned lsb, unsigned n,
                      uint64_t v)
{
    if (!p->present || lsb >= p->width)
        return;
    if (n > p->width - lsb)
        n = p->width - lsb;
    unsigned char *base = (unsigned char *)io + p->offset;
    if (!p->wide) {
        uint64_t w, mask = (n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1) << lsb;
        memcpy(&w, base, sizeof w);
        w = (w & ~mask) | ((v << lsb) & mask);
        memcpy(base, &w, sizeof w);
        return;
    }
    for (unsigned i = 0; i < n;) {
        unsigned bit = lsb + i, word = bit / 32, sh = bit % 32;
        unsigned take = 32 - sh < n - i ? 32 - sh : n - i;
        uint32_t w, mask = (take >= 32 ? 0xFFFFFFFFu : ((1u << take) - 1)) << sh;
        memcpy(&w, base + 4 * word, sizeof w);
        w = (w & ~mask) | (((uint32_t)(v >> i) << sh) & mask);
        memcpy(base + 4 * word, &w, sizeof w);
        i += take;
    }
}
