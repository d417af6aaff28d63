#include "l2tp_id_alloc.h"

#include <stdlib.h>

static void append(struct l2tp_id_alloc *a, uint32_t id)
{
    a->next[id] = 0;
    a->prev[id] = a->tail;
    if (a->tail)
        a->next[a->tail] = id;
    else
        a->head = id;
    a->tail = id;
}

static void unlink_id(struct l2tp_id_alloc *a, uint32_t id)
{
    if (a->prev[id])
        a->next[a->prev[id]] = a->next[id];
    else
        a->head = a->next[id];
    if (a->next[id])
        a->prev[a->next[id]] = a->prev[id];
    else
        a->tail = a->prev[id];
    a->next[id] = a->prev[id] = 0;
}

int l2tp_id_alloc_init(struct l2tp_id_alloc *a, uint32_t size, uint32_t start)
{
    *a = (struct l2tp_id_alloc){0};
    if (size < 2 || size > 65536)
        return -1;
    a->next = calloc(size, sizeof *a->next);
    a->prev = calloc(size, sizeof *a->prev);
    a->in_use = calloc(size, 1);
    if (!a->next || !a->prev || !a->in_use) {
        l2tp_id_alloc_free_all(a);
        return -1;
    }
    a->size = size;
    if (start == 0 || start >= size)
        start = 1;
    for (uint32_t i = 0; i < size - 1; i++)
        append(a, 1 + (start - 1 + i) % (size - 1));
    return 0;
}

void l2tp_id_alloc_free_all(struct l2tp_id_alloc *a)
{
    free(a->next);
    free(a->prev);
    free(a->in_use);
    *a = (struct l2tp_id_alloc){0};
}

uint16_t l2tp_id_get(struct l2tp_id_alloc *a)
{
    uint32_t id = a->head;
    if (!id)
        return 0;
    unlink_id(a, id);
    a->in_use[id] = 1;
    a->used++;
    return (uint16_t)id;
}

uint16_t l2tp_id_take(struct l2tp_id_alloc *a, uint16_t id)
{
    if (id == 0 || id >= a->size || a->in_use[id])
        return 0;
    unlink_id(a, id);
    a->in_use[id] = 1;
    a->used++;
    return id;
}

int l2tp_id_put(struct l2tp_id_alloc *a, uint16_t id)
{
    if (id == 0 || id >= a->size || !a->in_use[id])
        return -1;
    a->in_use[id] = 0;
    a->used--;
    append(a, id);
    return 0;
}

bool l2tp_id_in_use(const struct l2tp_id_alloc *a, uint16_t id)
{
    return id != 0 && id < a->size && a->in_use[id];
}
