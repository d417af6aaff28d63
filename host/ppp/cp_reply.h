/* Building Configure-Nak/Reject option lists (RFC 1661 §5.3, §5.4): a
 * Reject lists the rejected options verbatim; a Nak lists acceptable values.
 * Once one option is rejected, the reply is a Reject of those only. */
#ifndef PPP_CP_REPLY_H
#define PPP_CP_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "ppp_fsm.h"

/* Adds one option to the reply as a Nak (suggested option octets) or a
 * Reject (the peer's option octets), keeping the Reject-wins rule.
 * reject_only (Max-Failure reached) turns a Nak into a Reject of `orig`. */
void cp_reply_nak(struct ppp_fsm_reply *r, bool reject_only, const uint8_t *orig,
                  size_t orig_len, const uint8_t *suggest, size_t suggest_len);
void cp_reply_reject(struct ppp_fsm_reply *r, const uint8_t *orig, size_t orig_len);

#endif
