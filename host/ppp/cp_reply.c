#include "cp_reply.h"

#include <string.h>

#include "ppp_const.h"

static void append(struct ppp_fsm_reply *r, const uint8_t *p, size_t n)
{
    if (r->len + n > sizeof r->opts)
        return;                  /* a reply longer than our buffer is cut at an option */
    memcpy(r->opts + r->len, p, n);
    r->len += n;
}

void cp_reply_reject(struct ppp_fsm_reply *r, const uint8_t *orig, size_t orig_len)
{
    if (r->code != PPP_CONFIGURE_REJECT) {
        r->code = PPP_CONFIGURE_REJECT;  /* Naks collected so far are dropped */
        r->len = 0;
    }
    append(r, orig, orig_len);
}

void cp_reply_nak(struct ppp_fsm_reply *r, bool reject_only, const uint8_t *orig,
                  size_t orig_len, const uint8_t *suggest, size_t suggest_len)
{
    if (reject_only) {
        cp_reply_reject(r, orig, orig_len);
        return;
    }
    if (r->code == PPP_CONFIGURE_REJECT)
        return;
    r->code = PPP_CONFIGURE_NAK;
    append(r, suggest, suggest_len);
}
