#include "auth_log.h"

#include <string.h>

#include "ppp_cp.h"

struct line_ctx {
    struct debug_log *log;
    const char *ifname;
};

static void line(void *ctx, const char *text)
{
    struct line_ctx *c = ctx;
    debug_printf(c->log, DBG_PPP_AUTH, "%s%s%s", c->ifname ? c->ifname : "",
                 c->ifname ? " " : "", text);
}

void ppp_auth_log(struct debug_log *log, const char *ifname, uint16_t protocol, const char *dir,
                  const uint8_t *pkt, size_t len)
{
    if (!log || !debug_on(log, DBG_PPP_AUTH))
        return;
    uint8_t frame[2 + 512];
    if (len > sizeof frame - 2)
        len = sizeof frame - 2;
    frame[0] = (uint8_t)(protocol >> 8);
    frame[1] = (uint8_t)protocol;
    memcpy(frame + 2, pkt, len);
    struct line_ctx c = {log, ifname};
    ppp_frame_dump(frame, len + 2, dir, line, &c);
}
