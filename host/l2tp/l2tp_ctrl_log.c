/* Debug lines with the seed's prefixes. */
#include <stdarg.h>
#include <stdio.h>

#include "l2tp_ctrl_int.h"

const char *l2tp_peer_name(const struct l2tp_tunnel *t)
{
    return t->peer_hostname[0] ? t->peer_hostname : "(unnamed peer)";
}

void l2tp_tlog(struct l2tp_tunnel *t, enum debug_cat cat, const char *fmt, ...)
{
    if (!debug_on(t->ctrl->log, cat))
        return;
    char text[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    /* The seed's LNS prints "L2X:" before a tunnel has answered an SCCRQ. */
    if (!t->originator && !t->announced)
        debug_printf(t->ctrl->log, cat, "L2X: %s", text);
    else
        debug_printf(t->ctrl->log, cat, "Tnl %u L2TP: %s", t->local_id, text);
}

void l2tp_slog(struct l2tp_session *s, enum debug_cat cat, const char *fmt, ...)
{
    if (!debug_on(s->tunnel->ctrl->log, cat))
        return;
    char text[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    debug_printf(s->tunnel->ctrl->log, cat, "Tnl/Cl %u/%u L2TP: %s", s->tunnel->local_id,
                 s->local_id, text);
}
