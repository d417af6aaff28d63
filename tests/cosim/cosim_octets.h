/* Octets of the flat stream ports of the Verilated blocks: octet i in bits
 * 8i+7..8i (octet 0 first on the wire). A port of up to 64 bits is one
 * uint64_t in the io struct, a wider one an array of 32-bit words
 * (cosim_io_struct.h), hence two forms of each helper. Header-only: the
 * testbenches are built once per DATA_W and pick the form with #if. */
#ifndef COSIM_OCTETS_H
#define COSIM_OCTETS_H

#include <stdint.h>

static inline uint8_t cosim_wide_octet(const uint32_t *words, unsigned i)
{
    return (uint8_t)(words[i / 4] >> (8 * (i % 4)));
}

static inline void cosim_wide_set_octet(uint32_t *words, unsigned i, uint8_t v)
{
    words[i / 4] = (words[i / 4] & ~(0xFFu << (8 * (i % 4)))) | (uint32_t)v << (8 * (i % 4));
}

/* octets 0..n-1 of a wide port into b / from b */
static inline void cosim_wide_get_octets(const uint32_t *words, uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        b[i] = cosim_wide_octet(words, i);
}

static inline void cosim_wide_set_octets(uint32_t *words, const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        cosim_wide_set_octet(words, i, b[i]);
}

/* octets 0..n-1 (n <= 8) of a narrow port into b / the port's value of b */
static inline void cosim_u64_get_octets(uint64_t v, uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t cosim_u64_of_octets(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | b[i];
    return v;
}

/* NAME_octets(io, b) and NAME_set_octets(io, b): the w octets of port PORT
 * of the testbench's io_t, a port of up to 64 bits (_U64) or a wider one
 * (_WIDE). A testbench picks the form with #if on its DATA_W. */
#define COSIM_OCTETS_ACCESSORS_U64(name, port, w)                                                 \
    static inline void name##_octets(const io_t *io, uint8_t *b)                                  \
    {                                                                                             \
        cosim_u64_get_octets(io->port, b, w);                                                     \
    }                                                                                             \
    static inline void name##_set_octets(io_t *io, const uint8_t *b)                              \
    {                                                                                             \
        io->port = cosim_u64_of_octets(b, w);                                                     \
    }
#define COSIM_OCTETS_ACCESSORS_WIDE(name, port, w)                                                \
    static inline void name##_octets(const io_t *io, uint8_t *b)                                  \
    {                                                                                             \
        cosim_wide_get_octets(io->port, b, w);                                                    \
    }                                                                                             \
    static inline void name##_set_octets(io_t *io, const uint8_t *b)                              \
    {                                                                                             \
        cosim_wide_set_octets(io->port, b, w);                                                    \
    }

/* get_octets(&io->PORT, b) and put_octets(&io->PORT, b) for every port of w
 * octets (the NET-width ports of a testbench built for DATA_W w). */
#define COSIM_OCTETS_PORT_FNS_U64(w)                                                              \
    static inline void put_octets(uint64_t *port, const uint8_t *b)                               \
    {                                                                                             \
        *port = cosim_u64_of_octets(b, w);                                                        \
    }                                                                                             \
    static inline void get_octets(const uint64_t *port, uint8_t *b)                               \
    {                                                                                             \
        cosim_u64_get_octets(*port, b, w);                                                        \
    }
#define COSIM_OCTETS_PORT_FNS_WIDE(w)                                                             \
    static inline void put_octets(uint32_t (*port)[(w) / 4], const uint8_t *b)                    \
    {                                                                                             \
        cosim_wide_set_octets(*port, b, w);                                                       \
    }                                                                                             \
    static inline void get_octets(const uint32_t (*port)[(w) / 4], uint8_t *b)                    \
    {                                                                                             \
        cosim_wide_get_octets(*port, b, w);                                                       \
    }

#endif
