/* Local Tunnel ID / Session ID allocation (RFC 2661 §3.1: IDs are chosen by
 * the receiving end and 0 means "not yet assigned").
 *
 * IDs stay within [1, size) because the card indexes its session table
 * directly by local session ID (one lookup per cycle, no hashing). A freed
 * ID goes to the back of the free list, so it is reused last: a stale data
 * packet or a late retransmission for a dead session cannot hit a new one
 * at once. The free list is doubly linked through two arrays, so taking a
 * requested ID (to reproduce the seed's 17688/7 and 55270/45) is O(1). */
#ifndef L2TP_ID_ALLOC_H
#define L2TP_ID_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct l2tp_id_alloc {
    uint32_t size;          /* IDs are 1 .. size-1 */
    uint32_t head, tail;    /* free list; 0 = empty */
    uint32_t *next, *prev;  /* links, indexed by ID */
    uint8_t *in_use;
    uint32_t used;
};

/* size in [2, 65536]; the first IDs handed out are start, start+1, ...
 * wrapping to 1 (start 0 or >= size means 1). Returns 0, or -1 on a bad
 * size or no memory. */
int l2tp_id_alloc_init(struct l2tp_id_alloc *a, uint32_t size, uint32_t start);
void l2tp_id_alloc_free_all(struct l2tp_id_alloc *a);

/* Next free ID, or 0 when none is left. */
uint16_t l2tp_id_get(struct l2tp_id_alloc *a);
/* Takes exactly id; returns id, or 0 when it is out of range or in use. */
uint16_t l2tp_id_take(struct l2tp_id_alloc *a, uint16_t id);
/* Returns id to the back of the free list. Returns -1 when it was not in use. */
int l2tp_id_put(struct l2tp_id_alloc *a, uint16_t id);
bool l2tp_id_in_use(const struct l2tp_id_alloc *a, uint16_t id);

#endif
