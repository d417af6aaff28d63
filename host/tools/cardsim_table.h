/* cardsim's session-table file: the card's DP configuration and the session
 * entries cardsim programs through the register bus before traffic runs.
 * The format is documented in host/tools/CARDSIM.md ("Session-table file"). */
#ifndef CARDSIM_TABLE_H
#define CARDSIM_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"

struct cardsim_table {
    struct l2tpcard_net_config net;
    bool has_unbound_mru, has_unbound_accm;
    uint16_t unbound_mru;     /* DP UNBOUND_MRU */
    uint32_t unbound_accm;    /* DP UNBOUND_ACCM */
    struct l2tpcard_session *sessions;
    unsigned *session_lines;  /* line of each session in the file, for messages */
    size_t n_sessions;
};

/* Parses the file at path. On failure returns false and writes one line
 * "PATH:LINE: what is wrong" (or "PATH: reason" when the file cannot be
 * read) into msg; nothing is left allocated. */
bool cardsim_table_load(const char *path, struct cardsim_table *t, char *msg, size_t cap);

/* Parses text already in memory; name is used in messages. */
bool cardsim_table_parse(const char *name, const char *text, struct cardsim_table *t, char *msg,
                         size_t cap);

void cardsim_table_free(struct cardsim_table *t);

#endif
