/* Model of hw/session_lookup.sv: the same always_comb, statement for statement. */
#include "session_lookup.h"

#include <string.h>

#include "l2tp_const.h"
#include "net_rx_desc.h"

#define IDX_MASK (SESSION_DEPTH - 1u)

void session_lookup_eval(const struct session_lookup_state *s, struct session_lookup_io *io,
                         struct session_lookup_state *n)
{
    *n = *s;

    /* ---- input: ready while the FIFO has room for stage 1 and this one */
    io->s_desc_tready = s->fifo_count + s->s1_valid <= SESSION_LOOKUP_FIFO_DEPTH - 1;
    bool accept = io->s_desc_tvalid && io->s_desc_tready;
    io->a_req_valid = accept;
    io->a_req_index = io->s_desc_session_id & IDX_MASK;

    n->s1_valid = accept;
    if (accept) {
        n->s1_verdict = (uint8_t)io->s_desc_verdict;
        n->s1_reason = (uint8_t)io->s_desc_reason;
        n->s1_flags = (uint16_t)io->s_desc_l2tp_flags;
        n->s1_tunnel = (uint16_t)io->s_desc_tunnel_id;
        n->s1_session = (uint16_t)io->s_desc_session_id;
        n->s1_ns = (uint16_t)io->s_desc_ns;
        n->s1_off = (uint16_t)io->s_desc_payload_off;
        n->s1_len = (uint16_t)io->s_desc_payload_len;
    }

    /* ---- stage 1: the entry and the session's state */
    unsigned idx = s->s1_session & IDX_MASK;
    uint32_t e_flags = io->a_entry[ENT_WORD_FLAGS];
    uint32_t e_local_ids = io->a_entry[ENT_WORD_LOCAL_IDS];
    uint32_t e_tx_accm = io->a_entry[ENT_WORD_TX_ACCM];
    uint16_t e_chan = (uint16_t)io->a_entry[ENT_WORD_BINDING];
    bool in_range = (s->s1_session >> SESSION_SESS_AW) == 0;
    bool chan_owned = false;
    for (unsigned c = 0; c < SESSION_N_CH; c++) {
        unsigned cs = (unsigned)(io->chan_sess >> (c * SESSION_SESS_AW)) & IDX_MASK;
        if (e_chan == c && ((io->chan_bound >> c) & 1) && cs == idx)
            chan_owned = true;
    }
    bool to_host = e_flags & ENT_FLAG_BIND_HOST;
    bool known = s->s1_session != 0 && in_range && (e_flags & ENT_FLAG_VALID)
                 && (e_local_ids & 0xFFFFu) == s->s1_session && (to_host || chan_owned);

    uint16_t nr_cur = s->nr[idx];
    uint32_t pk_cur = s->packets[idx];
    uint64_t by_cur = s->bytes[idx];
    uint32_t dr_cur = s->drops[idx];
    uint32_t oo_cur = s->ooo[idx];
    bool seq_check = (e_flags & ENT_FLAG_SEQ_RX) && (s->s1_flags & L2TP_HDR_S);
    /* RFC 2661 §5.8: Ns "less than" Nr when within the 32767 values before */
    uint16_t behind = (uint16_t)(nr_cur - s->s1_ns);
    bool older = behind != 0 && !(behind & 0x8000u);

    struct session_lookup_res r = {
        .action = DISPATCH_ACTION_DROP,
        .session = s->s1_session,
        .payload_off = s->s1_off,
        .payload_len = s->s1_len,
    };
    unsigned r_cnt = s->s1_reason, r_punt = 0;
    bool r_unknown = false, r_wrong_tunnel = false, r_ooo = false, st_we = false;
    switch (s->s1_verdict) {
    case NET_RX_VERDICT_L2TP_CONTROL:
        r.action = DISPATCH_ACTION_PUNT_FRAME;
        r_punt = PUNT_CONTROL;
        break;
    case NET_RX_VERDICT_NOT_FOR_US:
        if (io->cfg_policy & POLICY_PUNT_NOT_FOR_US) {
            r.action = DISPATCH_ACTION_PUNT_FRAME;
            r_punt = PUNT_NOT_FOR_US;
        }
        break;
    case NET_RX_VERDICT_MALFORMED:
        if (s->s1_reason == NET_RX_REASON_FRAGMENT) {
            if (io->cfg_policy & POLICY_PUNT_FRAGMENTS) {
                r.action = DISPATCH_ACTION_PUNT_FRAME;
                r_punt = PUNT_FRAGMENT;
            }
        } else if (io->cfg_policy & POLICY_PUNT_MALFORMED) {
            r.action = DISPATCH_ACTION_PUNT_FRAME;
            r_punt = PUNT_MALFORMED;
        }
        break;
    default: /* NET_RX_VERDICT_L2TP_DATA */
        if (!known) {
            r_cnt = CNT_REASON_SESS_UNKNOWN;
            r_unknown = true;
            if (io->cfg_policy & POLICY_PUNT_UNKNOWN_SESSION) {
                r.action = DISPATCH_ACTION_PUNT_FRAME;
                r_punt = PUNT_UNKNOWN_SESSION;
            }
        } else if (s->s1_tunnel != e_local_ids >> 16) {
            r_cnt = CNT_REASON_SESS_WRONG_TUNNEL;
            r_wrong_tunnel = true;
            st_we = true;
            dr_cur++;
        } else {
            st_we = true;
            if (seq_check && s->s1_ns != nr_cur) {
                r_ooo = true;
                oo_cur++;
            }
            if (seq_check && older) {
                r_cnt = CNT_REASON_SESS_OUT_OF_ORDER;
                dr_cur++;
            } else {
                if (seq_check)
                    nr_cur = (uint16_t)(s->s1_ns + 1);
                pk_cur++;
                by_cur += s->s1_len;
                if (to_host) {
                    r.action = DISPATCH_ACTION_HOST_PPP;
                    r_punt = PUNT_SESSION_PPP;
                } else {
                    r.action = DISPATCH_ACTION_CHAN_PPP;
                    r.channel = (uint8_t)e_chan;   /* < N_CH <= 256 */
                    r.fcs32 = e_flags & ENT_FLAG_FCS32;
                    r.tx_accm = e_tx_accm;
                }
            }
        }
        break;
    }

    /* dispatch reports the CNT index of a drop and the PUNT_* of a punt */
    r.reason = (uint8_t)(r.action == DISPATCH_ACTION_DROP ? r_cnt : r_punt);

    /* ---- per-session state: stage 1's write, then COMMIT, then CLEAR */
    if (s->s1_valid && st_we) {
        n->nr[idx] = nr_cur;
        n->packets[idx] = pk_cur;
        n->bytes[idx] = by_cur;
        n->drops[idx] = dr_cur;
        n->ooo[idx] = oo_cur;
    }
    unsigned ci = (unsigned)io->commit_index & IDX_MASK;
    unsigned xi = (unsigned)io->clear_index & IDX_MASK;
    if (io->commit_valid && ci != 0) {
        n->nr[ci] = (uint16_t)io->commit_seq;
        if (io->commit_zero_counters) {
            n->packets[ci] = 0;
            n->bytes[ci] = 0;
            n->drops[ci] = 0;
            n->ooo[ci] = 0;
        }
    }
    if (io->clear_valid && xi != 0)
        n->nr[xi] = 0;

    /* ---- READ snapshot, after this cycle's writes */
    unsigned ri = (unsigned)io->rd_index & IDX_MASK;
    n->rd_nr = n->nr[ri];
    n->rd_packets = n->packets[ri];
    n->rd_bytes = n->bytes[ri];
    n->rd_drops = n->drops[ri];
    n->rd_ooo = n->ooo[ri];

    /* ---- result FIFO */
    bool pop = s->fifo_count != 0 && io->m_desc_tready;
    if (s->s1_valid) {
        n->fifo[s->fifo_wr] = r;
        n->fifo_wr = s->fifo_wr == SESSION_LOOKUP_FIFO_DEPTH - 1 ? 0 : s->fifo_wr + 1;
    }
    if (pop)
        n->fifo_rd = s->fifo_rd == SESSION_LOOKUP_FIFO_DEPTH - 1 ? 0 : s->fifo_rd + 1;
    n->fifo_count = (uint8_t)((s->fifo_count + s->s1_valid - pop) & 3);
    const struct session_lookup_res *h = &s->fifo[s->fifo_rd];   /* 0..2, never 3 */
    io->m_desc_tvalid = s->fifo_count != 0;
    io->m_desc_action = h->action;
    io->m_desc_reason = h->reason;
    io->m_desc_session = h->session;
    io->m_desc_channel = h->channel;
    io->m_desc_fcs32 = h->fcs32;
    io->m_desc_accm = h->tx_accm;
    io->m_desc_payload_off = h->payload_off;
    io->m_desc_payload_len = h->payload_len;

    /* ---- counter events */
    n->cnt_rx_valid = s->s1_valid;
    n->cnt_rx_reason = s->s1_reason;
    n->cnt_unknown = s->s1_valid && r_unknown;
    n->cnt_wrong_tunnel = s->s1_valid && r_wrong_tunnel;
    n->cnt_ooo = s->s1_valid && r_ooo;

    io->rd_nr = s->rd_nr;
    io->rd_packets = s->rd_packets;
    io->rd_bytes = s->rd_bytes;
    io->rd_drops = s->rd_drops;
    io->rd_out_of_order = s->rd_ooo;
    io->cnt_rx_valid = s->cnt_rx_valid;
    io->cnt_rx_reason = s->cnt_rx_reason;
    io->cnt_sess_unknown = s->cnt_unknown;
    io->cnt_sess_wrong_tunnel = s->cnt_wrong_tunnel;
    io->cnt_sess_out_of_order = s->cnt_ooo;

    if (io->rst)
        memset(n, 0, sizeof *n);
}

void session_lookup_tick(struct session_lookup_state *s, const struct session_lookup_state *n)
{
    *s = *n;
}
