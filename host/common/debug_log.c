#include "debug_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const cat_names[DBG_CAT_COUNT] = {
    [DBG_L2TP_EVENTS] = "l2tp event",
    [DBG_L2TP_PACKETS] = "l2tp packet",
    [DBG_PPP_NEGOTIATION] = "ppp negotiation",
    [DBG_PPP_AUTH] = "ppp authentication",
    [DBG_AAA] = "aaa",
    [DBG_VPDN] = "vpdn",
    [DBG_CARD] = "card",
};

void debug_log_init(struct debug_log *log, struct timer_queue *clock, debug_sink_fn sink,
                    void *sink_ctx)
{
    *log = (struct debug_log){.clock = clock, .sink = sink, .sink_ctx = sink_ctx};
}

bool debug_on(const struct debug_log *log, enum debug_cat cat)
{
    return log && cat < DBG_CAT_COUNT && (log->enabled & (1u << cat));
}

void debug_enable(struct debug_log *log, enum debug_cat cat, bool on)
{
    if (cat >= DBG_CAT_COUNT)
        return;
    if (on)
        log->enabled |= 1u << cat;
    else
        log->enabled &= ~(1u << cat);
}

static void emit(const struct debug_log *log, const char *line)
{
    if (log->sink)
        log->sink(log->sink_ctx, line);
    else
        puts(line);
}

char *debug_timestamp(const struct debug_log *log, uint64_t t_us, char *buf, size_t cap)
{
    uint64_t t = t_us + log->day_offset_us;
    uint64_t ms = t / 1000u % 1000u, s = t / 1000000u;
    /* The seed's clock: a router booted on Jan 1, day-of-month padded as syslog does. */
    unsigned day = (unsigned)(s / 86400u) + 1;
    snprintf(buf, cap, "Jan %2u %02u:%02u:%02u.%03u", day, (unsigned)(s / 3600u % 24u),
             (unsigned)(s / 60u % 60u), (unsigned)(s % 60u), (unsigned)ms);
    return buf;
}

void debug_printf(struct debug_log *log, enum debug_cat cat, const char *fmt, ...)
{
    if (!debug_on(log, cat))
        return;
    char line[1024];
    size_t pos = 0;
    if (log->clock) {
        char ts[32];
        pos = (size_t)snprintf(line, sizeof line, "%s: ",
                               debug_timestamp(log, timer_now(log->clock), ts, sizeof ts));
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + pos, sizeof line - pos, fmt, ap);
    va_end(ap);
    emit(log, line);
}

void debug_hex(struct debug_log *log, enum debug_cat cat, const uint8_t *data, size_t len)
{
    if (!debug_on(log, cat))
        return;
    for (size_t i = 0; i < len; i += 16) {
        char line[80] = "      ";
        size_t pos = strlen(line);
        for (size_t j = i; j < len && j < i + 16; j++)
            pos += (size_t)snprintf(line + pos, sizeof line - pos, j > i ? " %02X" : "%02X",
                                    data[j]);
        emit(log, line);
    }
}

const char *debug_cat_name(enum debug_cat cat)
{
    return cat < DBG_CAT_COUNT ? cat_names[cat] : "unknown";
}

int debug_cat_parse(const char *name, enum debug_cat *cat)
{
    for (unsigned i = 0; i < DBG_CAT_COUNT; i++) {
        if (strcmp(name, cat_names[i]) == 0) {
            *cat = (enum debug_cat)i;
            return 0;
        }
    }
    return -1;
}
