/* Accounting of LNS sessions (RFC 2866, through host/aaa): Start when
 * IPCP gives the user an address (the call is up), Stop when the card's
 * session entry goes away, with the entry's counters read just before it
 * is cleared (the card counts the session's frames both ways) and the
 * reason the call ended. */
#include <stdio.h>

#include "radius_const.h"
#include "vpdn_int.h"

static void acct_of(const struct vpdn_call *c, char *sid, size_t cap, struct aaa_acct *s)
{
    /* Unique among the router's live sessions: tunnel and session IDs. */
    snprintf(sid, cap, "%04X%04X", (unsigned)c->sinfo.local_tunnel_id,
             (unsigned)c->sinfo.local_session_id);
    *s = (struct aaa_acct){.session_id = sid, .user = c->user, .ifname = c->ifname,
                           .nas_port = c->sinfo.local_session_id, .framed_ip = c->address};
}

void vpdn_acct_start(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    if (c->acct_started || c->role != VPDN_CALL_LNS)
        return;
    c->acct_started = true;
    char sid[16];
    struct aaa_acct s;
    acct_of(c, sid, sizeof sid, &s);
    aaa_acct_start(&v->aaa, &s);
}

void vpdn_acct_stop(struct vpdn_call *c)
{
    struct vpdn *v = c->v;
    if (!c->acct_started)
        return;
    c->acct_started = false;
    char sid[16];
    struct aaa_acct s;
    acct_of(c, sid, sizeof sid, &s);
    struct vpdn_session_counters ctr = {0};
    if (v->dp.session_counters && c->programmed &&
        v->dp.session_counters(v->dp.ctx, c->sinfo.local_session_id, &ctr) == 0) {
        /* NET side of the LNS: received = from the user. */
        s.in_packets = ctr.rx_packets;
        s.out_packets = ctr.tx_packets;
        s.in_octets = ctr.rx_bytes;
        s.out_octets = ctr.tx_bytes;
    } else {
        /* No card counters: the PPP frames the host saw. */
        s.in_packets = c->cnt.ppp_in;
        s.out_packets = c->cnt.ppp_out;
    }
    uint64_t now = timer_now(v->tq);
    s.session_time_s = c->up_us && now > c->up_us ? (now - c->up_us) / 1000000u : 0;
    s.terminate_cause = c->acct_cause ? c->acct_cause : RADIUS_TERM_NAS_REQUEST;
    aaa_acct_stop(&v->aaa, &s);
}
