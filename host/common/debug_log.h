/* Debug output in the seed's style: "Jan  1 00:04:10.455: Tnl 17688 L2TP: O SCCRQ",
 * selectable per category like Cisco's debug switches (debug l2tp event,
 * debug l2tp packet, debug ppp negotiation, debug ppp authentication,
 * debug aaa, debug vpdn). Timestamps come from the instance's timer_queue
 * (virtual or wall time), shown from a configurable start of day so a
 * simulated run can line up with the seed's clock. No global state: each
 * daemon instance (LAC, LNS) has its own debug_log. */
#ifndef HOST_DEBUG_LOG_H
#define HOST_DEBUG_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "timer.h"

enum debug_cat {
    DBG_L2TP_EVENTS,       /* debug l2tp event: state changes, tunnel/session life */
    DBG_L2TP_PACKETS,      /* debug l2tp packet: Parse AVP lines, hex dumps */
    DBG_PPP_NEGOTIATION,   /* debug ppp negotiation: LCP, IPCP, phases */
    DBG_PPP_AUTH,          /* debug ppp authentication: CHAP, PAP */
    DBG_AAA,               /* debug aaa authorization / radius */
    DBG_VPDN,              /* debug vpdn events: DNIS lookup, tunnel selection */
    DBG_CARD,              /* card programming and counters */
    DBG_CAT_COUNT,
};

typedef void (*debug_sink_fn)(void *ctx, const char *line);

struct debug_log {
    unsigned enabled;              /* bit (1u << cat) per enabled category */
    struct timer_queue *clock;     /* NULL: no timestamp */
    uint64_t day_offset_us;        /* time of day shown at clock time 0 */
    debug_sink_fn sink;            /* NULL: stdout */
    void *sink_ctx;
};

void debug_log_init(struct debug_log *log, struct timer_queue *clock, debug_sink_fn sink,
                    void *sink_ctx);
bool debug_on(const struct debug_log *log, enum debug_cat cat);
void debug_enable(struct debug_log *log, enum debug_cat cat, bool on);

/* One line: timestamp, then the formatted text (callers put the seed's
 * prefixes, e.g. "Tnl/Cl 17688/7 L2TP: ", "Se0:0 LCP: "). Nothing when the
 * category is off. */
void debug_printf(struct debug_log *log, enum debug_cat cat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The seed's hex dump: 16 octets a line, indented, no timestamp. */
void debug_hex(struct debug_log *log, enum debug_cat cat, const uint8_t *data, size_t len);

/* "Jan  1 00:04:10.455" for a clock time, into buf (>= 24 octets). */
char *debug_timestamp(const struct debug_log *log, uint64_t t_us, char *buf, size_t cap);

/* Switch names as typed after "debug": "l2tp event", "l2tp packet",
 * "ppp negotiation", "ppp authentication", "aaa", "vpdn", "card". */
const char *debug_cat_name(enum debug_cat cat);
/* Returns 0 and sets *cat, or -1 for an unknown name. "all" is not a category. */
int debug_cat_parse(const char *name, enum debug_cat *cat);

#endif
