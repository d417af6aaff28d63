/* What the NET wire sees of data sequencing (RFC 2661 §5.4), observed as
 * each frame is sent (before any loss or reordering on the wire): data
 * messages with and without S, and, per sender and session, whether each
 * Ns is the one after the previous (§5.4: Ns starts at 0 and counts up by
 * one per data message, modulo 2^16). Scenarios check it with the
 * condition `wire-data`; the per-session table is allocated on the first
 * sequenced frame, so unsequenced runs pay nothing. */
#include <stdlib.h>
#include <string.h>

#include "l2tp_header.h"
#include "l2tpd.h"
#include "net_headers.h"

#define SESSIONS_PER_SENDER 65536u

void wire_seq_observe(struct wire_seq *s, int sender, const uint8_t *frame, size_t len)
{
    struct net_udp_packet p;
    struct l2tp_header h;
    if (sender < 0 || sender >= L2TPD_INSTANCES_MAX ||
        net_udp_decode(frame, len, &p, NULL) != PROTO_OK ||
        l2tp_header_decode(p.payload, p.payload_len, 0, &h, NULL) != PROTO_OK || h.is_control)
        return;
    if (!h.has_sequence) {
        s->unsequenced++;
        return;
    }
    s->sequenced++;
    if (!s->next_ns) {
        /* next_ns[sender][session]: the Ns expected next, plus one (0: none yet). */
        s->next_ns = calloc((size_t)L2TPD_INSTANCES_MAX * SESSIONS_PER_SENDER,
                            sizeof *s->next_ns);
        if (!s->next_ns) {
            s->untracked++;
            return;
        }
    }
    uint32_t *slot = &s->next_ns[(size_t)sender * SESSIONS_PER_SENDER + h.session_id];
    if (h.ns == 0 && *slot != 1) {
        /* §5.4: a session's first data message has Ns 0; so does the first
         * of a later session that reuses the ID. */
        s->starts++;
    } else if (!*slot || (uint16_t)(*slot - 1) != h.ns) {
        s->gaps++;
    }
    *slot = (uint32_t)(uint16_t)(h.ns + 1) + 1;
}

void wire_seq_free(struct wire_seq *s)
{
    free(s->next_ns);
    memset(s, 0, sizeof *s);
}
