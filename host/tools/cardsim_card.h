/* The host driver (driver/, libl2tpcard) on a simulated card: a driver
 * backend whose BAR0 reads and writes are cycles of the card's register
 * bus, so cardsim programs the session table exactly as the driver does
 * (staging words, COMMIT, READ back and compare) and reads the counters
 * the same way (CNT SNAPSHOT, per-session READ). */
#ifndef CARDSIM_CARD_H
#define CARDSIM_CARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cardsim_sim.h"
#include "cardsim_table.h"
#include "l2tpcard.h"

/* Opens a driver handle on the simulated card (block chain walk); false
 * with the driver's message. */
bool cardsim_card_open(struct cardsim_sim *s, struct l2tpcard **card, char *msg, size_t cap);

/* Bring-up without the PCIe shell's rings (cardsim moves punt and inject
 * frames as streams): CTRL.RESET, wait for READY, the SCRATCH MMIO check,
 * then the table's DP configuration, every session programmed and read
 * back, and CTRL.ENABLE. Messages name the table's file and line. */
bool cardsim_card_setup(struct l2tpcard *card, const struct cardsim_table *t,
                        const char *table_name, char *msg, size_t cap);

/* Prints the global counters (non-zero ones, or all) and each table
 * session's entry counters, read through the register bus. */
bool cardsim_card_print_stats(struct l2tpcard *card, const struct cardsim_table *t, bool all,
                              FILE *out, char *msg, size_t cap);

#endif
