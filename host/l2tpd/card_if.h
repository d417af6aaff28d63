/* The card of one l2tpd instance, whichever it is: a simulated card of
 * the driver ("model", the C model, or "rtl", the Verilated RTL:
 * driver/l2tpcard.h plus the l2tpcard_sim.h ports, clocked here) or the software card ("soft": softcard.h). The rest of
 * l2tpd calls only these; each maps one to one onto l2tpcard.h. */
#ifndef L2TPD_CARD_IF_H
#define L2TPD_CARD_IF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"

struct l2tpd_inst;

/* Opens the card named by spec ("soft", "model", "rtl"), resets it, sets
 * its NET config. *channels and *sessions: asked for (soft) / what the card
 * has (model, rtl). Returns 0, or -1 with the reason in err. */
int card_if_open(struct l2tpd_inst *in, const char *spec, unsigned *channels,
                 unsigned *sessions, char *err, size_t cap);
void card_if_close(struct l2tpd_inst *in);
const char *card_if_name(const struct l2tpd_inst *in);

l2tpcard_status card_if_program(struct l2tpd_inst *in, const struct l2tpcard_session *s,
                                bool zero_counters);
l2tpcard_status card_if_clear(struct l2tpd_inst *in, uint16_t sid);
/* False for an entry of a model/RTL card that was never programmed since
 * its reset (so still invalid): table scans skip those. */
bool card_if_touched(const struct l2tpd_inst *in, uint32_t sid);
l2tpcard_status card_if_read(struct l2tpd_inst *in, uint16_t sid, bool *valid,
                             struct l2tpcard_session *s, struct l2tpcard_session_counters *ctr);
l2tpcard_status card_if_inject(struct l2tpd_inst *in, enum l2tpcard_inject_kind kind,
                               uint16_t target, const uint8_t *frame, size_t len);
l2tpcard_status card_if_recv(struct l2tpd_inst *in, struct l2tpcard_punt *m, uint8_t *buf,
                             size_t cap);
void card_if_counters(struct l2tpd_inst *in, uint32_t out[L2TPCARD_CNT_COUNT]);
size_t card_if_sessions_valid(struct l2tpd_inst *in);
/* Clock cycles the card was busy moving frames: from frames going in to
 * its last output or punt, at 64-cycle resolution (register accesses and
 * the idle cycles l2tpd runs to see it quiet not counted); 0 for soft. */
uint64_t card_if_cycles(struct l2tpd_inst *in);

/* Frames arriving at the card's NET port / ACCESS channel. */
void card_if_net_rx(struct l2tpd_inst *in, const uint8_t *frame, size_t len);
void card_if_access_rx(struct l2tpd_inst *in, uint16_t channel, const uint8_t *octets,
                       size_t len);
/* A clocked card: runs it until it has been quiet for a while, handing
 * what it sends on NET and ACCESS to the wire. Returns how many frames or
 * octet bursts came out (0: nothing moved). Soft: 0 (it sends at once). */
size_t card_if_run(struct l2tpd_inst *in);

#endif
