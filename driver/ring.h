/* Descriptor ring arithmetic (hw/regmap.md, blocks PUNT and INJECT).
 *
 * Rings hold 2^log2 descriptors. HEAD and TAIL run freely over 32 bits and
 * are never wrapped themselves: the slot of an index is its low log2 bits
 * (ring_slot, the one wrap helper), the fill is TAIL - HEAD in unsigned
 * arithmetic (correct across the 2^32 wrap), so full (fill = size) and
 * empty (fill = 0) differ without a spare slot or a flag. */
#ifndef DRIVER_RING_H
#define DRIVER_RING_H

#include <stdbool.h>
#include <stdint.h>

/* Largest ring: 2^15 descriptors keeps fill and index comparisons far
 * from the 32-bit wrap. */
#define RING_MAX_LOG2 15u

static inline bool ring_log2_ok(uint32_t log2)
{
    return log2 >= 1 && log2 <= RING_MAX_LOG2;
}

static inline uint32_t ring_size(uint32_t log2)
{
    return 1u << log2;
}

/* The slot of a free-running index: the only place an index wraps. */
static inline uint32_t ring_slot(uint32_t index, uint32_t log2)
{
    return index & (ring_size(log2) - 1u);
}

/* Descriptors between head and tail (posted, not yet done). */
static inline uint32_t ring_fill(uint32_t head, uint32_t tail)
{
    return tail - head;
}

static inline uint32_t ring_space(uint32_t head, uint32_t tail, uint32_t log2)
{
    return ring_size(log2) - ring_fill(head, tail);
}

/* A HEAD read from the card is plausible only between our old head and
 * our tail: anything else means the card (or the bus) is confused. */
static inline bool ring_head_ok(uint32_t old_head, uint32_t new_head, uint32_t tail)
{
    return ring_fill(old_head, new_head) <= ring_fill(old_head, tail);
}

#endif
