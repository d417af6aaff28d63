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

#endif
