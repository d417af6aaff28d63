/* Software reference of the session blocks (session_ref.h). */
#include "session_ref.h"

#include <string.h>

#include "l2tp_const.h"
#include "net_rx_desc.h"

void sess_ref_reset(struct sess_ref *r)
{
    for (unsigned i = 0; i < SESSION_DEPTH; i++)
        r->ent[i][ENT_WORD_FLAGS] &= ~ENT_FLAG_VALID;
    memset(r->bound, 0, sizeof r->bound);
    memset(r->sess, 0, sizeof r->sess);
    memset(r->accm, 0, sizeof r->accm);
    memset(r->mru, 0, sizeof r->mru);
    memset(r->fcs32, 0, sizeof r->fcs32);
    memset(r->st, 0, sizeof r->st);
}

static void unbind(struct sess_ref *r, unsigned idx)
{
    for (unsigned c = 0; c < SESSION_N_CH; c++)
        if (r->bound[c] && r->sess[c] == idx)
            r->bound[c] = false;
}

void sess_ref_commit(struct sess_ref *r, unsigned idx, const uint32_t entry[SESS_ENTRY_WORDS],
                     uint32_t seq, bool zero_counters, struct sess_ref_events *ev)
{
    if (idx == 0 || idx >= SESSION_DEPTH)
        return;
    memcpy(r->ent[idx], entry, sizeof r->ent[idx]);
    r->st[idx].nr = (uint16_t)seq;
    if (zero_counters) {
        r->st[idx].packets = 0;
        r->st[idx].bytes = 0;
        r->st[idx].drops = 0;
        r->st[idx].out_of_order = 0;
    }
    unbind(r, idx);
    uint32_t flags = entry[ENT_WORD_FLAGS];
    if (!(flags & ENT_FLAG_VALID) || (flags & ENT_FLAG_BIND_HOST))
        return;
    unsigned ch = entry[ENT_WORD_BINDING] & 0xFFFFu;
    if (ch >= SESSION_N_CH) {
        ev->bad_channel = true;
        return;
    }
    if (r->bound[ch] && r->sess[ch] != idx)
        ev->steal = true;
    r->bound[ch] = true;
    r->sess[ch] = idx;
    r->accm[ch] = entry[ENT_WORD_RX_ACCM];
    r->mru[ch] = (uint16_t)(entry[ENT_WORD_BINDING] >> 16);
    r->fcs32[ch] = flags & ENT_FLAG_FCS32;
}

void sess_ref_clear(struct sess_ref *r, unsigned idx)
{
    if (idx == 0 || idx >= SESSION_DEPTH)
        return;
    r->ent[idx][ENT_WORD_FLAGS] &= ~ENT_FLAG_VALID;
    r->st[idx].nr = 0;
    unbind(r, idx);
}

bool sess_ref_seq_less(uint16_t a, uint16_t b)
{
    uint16_t behind = (uint16_t)(b - a);
    return behind >= 1 && behind <= 32767;
}

/* The whole frame to the host by policy bit (reported with its PUNT_*
 * reason), or dropped (reported with its CNT index). */
static void by_policy(struct sess_ref_result *res, unsigned policy, unsigned bit,
                      unsigned punt_reason, unsigned cnt_index)
{
    if (policy & bit) {
        res->action = DISPATCH_ACTION_PUNT_FRAME;
        res->reason = punt_reason;
    } else {
        res->action = DISPATCH_ACTION_DROP;
        res->reason = cnt_index;
    }
}

void sess_ref_resolve(struct sess_ref *r, unsigned policy, const struct sess_ref_desc *d,
                      struct sess_ref_result *res)
{
    memset(res, 0, sizeof *res);
    res->session = d->session_id;
    res->payload_off = d->payload_off;
    res->payload_len = d->payload_len;

    switch (d->verdict) {
    case NET_RX_VERDICT_L2TP_CONTROL:
        res->action = DISPATCH_ACTION_PUNT_FRAME;
        res->reason = PUNT_CONTROL;
        return;
    case NET_RX_VERDICT_NOT_FOR_US:
        by_policy(res, policy, POLICY_PUNT_NOT_FOR_US, PUNT_NOT_FOR_US, d->reason);
        return;
    case NET_RX_VERDICT_MALFORMED:
        if (d->reason == NET_RX_REASON_FRAGMENT)
            by_policy(res, policy, POLICY_PUNT_FRAGMENTS, PUNT_FRAGMENT, d->reason);
        else
            by_policy(res, policy, POLICY_PUNT_MALFORMED, PUNT_MALFORMED, d->reason);
        return;
    default:
        break;
    }

    /* a data message for us */
    unsigned sid = d->session_id;
    const uint32_t *e = sid < SESSION_DEPTH ? r->ent[sid] : NULL;
    bool known = sid != 0 && e && (e[ENT_WORD_FLAGS] & ENT_FLAG_VALID)
                 && (e[ENT_WORD_LOCAL_IDS] & 0xFFFFu) == sid;
    unsigned ch = e ? e[ENT_WORD_BINDING] & 0xFFFFu : 0;
    bool to_host = known && (e[ENT_WORD_FLAGS] & ENT_FLAG_BIND_HOST);
    /* a channel binding counts only while the channel table names this session */
    if (known && !to_host && !(ch < SESSION_N_CH && r->bound[ch] && r->sess[ch] == sid))
        known = false;
    if (!known) {
        res->cnt_unknown = true;
        by_policy(res, policy, POLICY_PUNT_UNKNOWN_SESSION, PUNT_UNKNOWN_SESSION,
                  CNT_REASON_SESS_UNKNOWN);
        return;
    }
    struct sess_ref_state *st = &r->st[sid];
    if (d->tunnel_id != e[ENT_WORD_LOCAL_IDS] >> 16) {
        res->reason = CNT_REASON_SESS_WRONG_TUNNEL;
        res->cnt_wrong_tunnel = true;
        res->action = DISPATCH_ACTION_DROP;
        st->drops++;
        return;
    }
    if ((e[ENT_WORD_FLAGS] & ENT_FLAG_SEQ_RX) && (d->flags & L2TP_HDR_S)) {
        if (d->ns != st->nr) {
            res->cnt_out_of_order = true;
            st->out_of_order++;
        }
        if (sess_ref_seq_less(d->ns, st->nr)) {
            /* RFC 2661 §5.4: older than expected, a duplicate or too late */
            res->reason = CNT_REASON_SESS_OUT_OF_ORDER;
            res->action = DISPATCH_ACTION_DROP;
            st->drops++;
            return;
        }
        st->nr = (uint16_t)(d->ns + 1);
    }
    st->packets++;
    st->bytes += d->payload_len;
    if (to_host) {
        res->action = DISPATCH_ACTION_HOST_PPP;
        res->reason = PUNT_SESSION_PPP;
    } else {
        res->action = DISPATCH_ACTION_CHAN_PPP;
        res->channel = (uint16_t)ch;
        res->fcs32 = e[ENT_WORD_FLAGS] & ENT_FLAG_FCS32;
        res->tx_accm = e[ENT_WORD_TX_ACCM];
    }
}
