/* Model of hw/session_lookup.sv: the same always_comb, statement for statement. */
#include "session_lookup.h"

#include <stddef.h>
#include <string.h>

#include "l2tp_const.h"
#include "net_rx_desc.h"
#include "session_params.h"

bool session_lookup_init(struct session_lookup_state *s,
                                 const struct session_lookup_params *p)
{
    memset(s, 0, sizeof *s);
    if (!session_params_ok(p->sess_aw, p->n_ch))
        return false;
    s->p = *p;
    return true;
}

/* A zeroed state (the block test's engine) has the RTL's defaults. */
static struct session_lookup_params params_of(const struct session_lookup_state *s)
{
    struct session_lookup_params p = s->p;
    session_params_default(&p.sess_aw, &p.n_ch);
    return p;
}

/* A session's flags as the always_comb sees them after the writes it has
 * made so far this cycle (flag_wr, in order) over the registers. */
struct flags {
    bool fresh, zero, clr_nr;
};

static struct flags flags_now(const struct session_lookup_state *s,
                              const struct session_lookup_state *n, unsigned idx)
{
    struct flags f = {s->fresh[idx], s->zero[idx], s->clr_nr[idx]};
    for (unsigned k = 0; k < 3; k++)
        if (n->flag_wr[k].we && n->flag_wr[k].idx == idx)
            f = (struct flags){n->flag_wr[k].fresh, n->flag_wr[k].zero, n->flag_wr[k].clr_nr};
    return f;
}

static void flags_write(struct session_lookup_state *n, unsigned k, unsigned idx, struct flags f)
{
    n->flag_wr[k] = (struct session_lookup_flag_wr){true, idx, f.fresh, f.zero, f.clr_nr};
}

/* state_of(): a session's state from its st_mem word, init_mem word and flags */
static struct session_lookup_st state_of(struct session_lookup_st st, uint16_t init, bool fresh,
                                         bool zero, bool clr_nr)
{
    if (fresh) {
        st.nr = clr_nr ? 0 : init;
        if (zero) {
            st.packets = 0;
            st.bytes = 0;
            st.drops = 0;
            st.ooo = 0;
        }
    }
    return st;
}

void session_lookup_eval_ports(const struct session_lookup_state *s,
                               struct session_lookup_ports *io, struct session_lookup_state *n)
{
    const struct session_lookup_params p = params_of(s);
    const unsigned idx_mask = (1u << p.sess_aw) - 1u;
    /* the registers; the storage's writes are described below */
    memcpy(n, s, offsetof(struct session_lookup_state, st_mem));
    memset(n->flag_wr, 0, sizeof n->flag_wr);
    n->flags_set_all = false;

    /* ---- input: ready while the FIFO has room for stage 1 and this one */
    io->s_desc_tready = s->fifo_count + s->s1_valid <= SESSION_LOOKUP_FIFO_DEPTH - 1;
    bool accept = io->s_desc_tvalid && io->s_desc_tready;
    io->a_req_valid = accept;
    io->a_req_index = io->s_desc_session_id & idx_mask;

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
    unsigned idx = s->s1_session & idx_mask;
    uint32_t e_flags = io->a_entry[ENT_WORD_FLAGS];
    uint32_t e_local_ids = io->a_entry[ENT_WORD_LOCAL_IDS];
    uint32_t e_tx_accm = io->a_entry[ENT_WORD_TX_ACCM];
    uint16_t e_chan = (uint16_t)io->a_entry[ENT_WORD_BINDING];
    bool in_range = (s->s1_session >> p.sess_aw) == 0;
    /* the entry's channel, when it is one, bound to this session */
    bool chan_owned = e_chan < p.n_ch && ((io->chan_bound >> e_chan) & 1)
                      && (io->chan_sess[e_chan] & idx_mask) == idx;
    bool to_host = e_flags & ENT_FLAG_BIND_HOST;
    bool known = s->s1_session != 0 && in_range && (e_flags & ENT_FLAG_VALID)
                 && (e_local_ids & 0xFFFFu) == s->s1_session && (to_host || chan_owned);

    struct session_lookup_st st_now = state_of(
        s->wb_valid && s->wb_idx == idx ? s->wb_data : s->st_p,
        s->iw_valid && s->iw_idx == idx ? s->iw_data : s->init_p,
        s->fresh[idx], s->zero[idx], s->clr_nr[idx]);
    uint16_t nr_cur = st_now.nr;
    uint32_t pk_cur = st_now.packets;
    uint64_t by_cur = st_now.bytes;
    uint32_t dr_cur = st_now.drops;
    uint32_t oo_cur = st_now.ooo;
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
    unsigned ci = (unsigned)io->commit_index & idx_mask;
    unsigned xi = (unsigned)io->clear_index & idx_mask;
    n->st_we = s->s1_valid && st_we;
    n->st_waddr = idx;
    n->st_wdata = (struct session_lookup_st){nr_cur, pk_cur, by_cur, dr_cur, oo_cur};
    if (n->st_we) {
        struct flags f = flags_now(s, n, idx);
        f.fresh = false;
        flags_write(n, 0, idx, f);
    }
    n->init_we = io->commit_valid && ci != 0;
    n->init_waddr = ci;
    n->init_wdata = (uint16_t)io->commit_seq;
    if (n->init_we) {
        struct flags f = flags_now(s, n, ci);
        f.zero = (f.fresh && f.zero) || io->commit_zero_counters;
        f.clr_nr = false;
        f.fresh = true;
        flags_write(n, 1, ci, f);
    }
    if (io->clear_valid && xi != 0) {
        struct flags f = flags_now(s, n, xi);
        f.zero = f.fresh && f.zero;
        f.clr_nr = true;
        f.fresh = true;
        flags_write(n, 2, xi, f);
    }
    n->wb_valid = n->st_we;
    n->wb_idx = idx;
    n->wb_data = n->st_wdata;
    n->iw_valid = n->init_we;
    n->iw_idx = ci;
    n->iw_data = n->init_wdata;
    n->p_addr = (unsigned)io->s_desc_session_id & idx_mask;
    n->r_addr = (unsigned)io->rd_index & idx_mask;

    /* ---- result FIFO */
    bool pop = s->fifo_count != 0 && io->m_desc_tready;
    if (s->s1_valid) {
        n->fifo[s->fifo_wr] = r;
        n->fifo_wr = s->fifo_wr == SESSION_LOOKUP_FIFO_DEPTH - 1 ? 0 : s->fifo_wr + 1;
    }
    if (pop)
        n->fifo_rd = s->fifo_rd == SESSION_LOOKUP_FIFO_DEPTH - 1 ? 0 : s->fifo_rd + 1;
    n->fifo_count = (uint8_t)((s->fifo_count + s->s1_valid - pop) & 3);

    /* ---- counter events */
    n->cnt_rx_valid = s->s1_valid;
    n->cnt_rx_reason = s->s1_reason;
    n->cnt_unknown = s->s1_valid && r_unknown;
    n->cnt_wrong_tunnel = s->s1_valid && r_wrong_tunnel;
    n->cnt_ooo = s->s1_valid && r_ooo;

    session_lookup_outputs(s, io);

    /* Synchronous reset of the registers; every session reads Nr 0 and zero
     * counters after it. The RAMs, their read registers and their ports are
     * outside the reset. */
    if (io->rst) {
        n->s1_valid = false;
        n->s1_verdict = n->s1_reason = 0;
        n->s1_flags = n->s1_tunnel = n->s1_session = n->s1_ns = n->s1_off = n->s1_len = 0;
        memset(n->flag_wr, 0, sizeof n->flag_wr);
        n->flags_set_all = true;
        n->wb_valid = false;
        n->wb_idx = 0;
        memset(&n->wb_data, 0, sizeof n->wb_data);
        n->iw_valid = false;
        n->iw_idx = 0;
        n->iw_data = 0;
        memset(n->fifo, 0, sizeof n->fifo);
        n->fifo_rd = n->fifo_wr = n->fifo_count = 0;
        n->cnt_rx_valid = false;
        n->cnt_rx_reason = 0;
        n->cnt_unknown = n->cnt_wrong_tunnel = n->cnt_ooo = false;
    }
}

void session_lookup_outputs(const struct session_lookup_state *s, struct session_lookup_ports *io)
{
    io->s_desc_tready = s->fifo_count + s->s1_valid <= SESSION_LOOKUP_FIFO_DEPTH - 1;

    /* ---- READ snapshot: port R was read at the last edge */
    unsigned ri = s->r_idx;
    struct session_lookup_st rd = state_of(
        s->wb_valid && s->wb_idx == ri ? s->wb_data : s->st_r,
        s->iw_valid && s->iw_idx == ri ? s->iw_data : s->init_r,
        s->fresh[ri], s->zero[ri], s->clr_nr[ri]);
    io->rd_nr = rd.nr;
    io->rd_packets = rd.packets;
    io->rd_bytes = rd.bytes;
    io->rd_drops = rd.drops;
    io->rd_out_of_order = rd.ooo;

    /* ---- result FIFO head */
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

    io->cnt_rx_valid = s->cnt_rx_valid;
    io->cnt_rx_reason = s->cnt_rx_reason;
    io->cnt_sess_unknown = s->cnt_unknown;
    io->cnt_sess_wrong_tunnel = s->cnt_wrong_tunnel;
    io->cnt_sess_out_of_order = s->cnt_ooo;
}

/* The storage is large: tick copies the registers and performs the RAM
 * reads (read-first, from the old contents) and writes and the flag writes,
 * as the always_ff. */
void session_lookup_tick(struct session_lookup_state *s, const struct session_lookup_state *n)
{
    struct session_lookup_st st_p = s->st_mem[n->p_addr], st_r = s->st_mem[n->r_addr];
    uint16_t init_p = s->init_mem[n->p_addr], init_r = s->init_mem[n->r_addr];
    memcpy(s, n, offsetof(struct session_lookup_state, st_mem));
    if (n->st_we)
        s->st_mem[n->st_waddr] = n->st_wdata;
    if (n->init_we)
        s->init_mem[n->init_waddr] = n->init_wdata;
    if (n->flags_set_all) {
        size_t depth = (size_t)1 << params_of(s).sess_aw;
        memset(s->fresh, true, depth);
        memset(s->zero, true, depth);
        memset(s->clr_nr, true, depth);
    }
    for (unsigned k = 0; k < 3; k++) {
        const struct session_lookup_flag_wr *w = &n->flag_wr[k];
        if (w->we) {
            s->fresh[w->idx] = w->fresh;
            s->zero[w->idx] = w->zero;
            s->clr_nr[w->idx] = w->clr_nr;
        }
    }
    s->st_p = st_p;
    s->st_r = st_r;
    s->init_p = init_p;
    s->init_r = init_r;
    s->r_idx = n->r_addr;
}

/* ---- the block test's port struct, at SESSION_SESS_AW and SESSION_N_CH */

void session_lookup_eval(const struct session_lookup_state *s, struct session_lookup_io *io,
                         struct session_lookup_state *next)
{
    const struct session_lookup_params p = params_of(s);
    struct session_lookup_ports q;
    memset(&q, 0, sizeof q);
    q.rst = io->rst;
    q.cfg_policy = io->cfg_policy;
    q.s_desc_tvalid = io->s_desc_tvalid;
    q.s_desc_verdict = io->s_desc_verdict;
    q.s_desc_reason = io->s_desc_reason;
    q.s_desc_l2tp_flags = io->s_desc_l2tp_flags;
    q.s_desc_tunnel_id = io->s_desc_tunnel_id;
    q.s_desc_session_id = io->s_desc_session_id;
    q.s_desc_ns = io->s_desc_ns;
    q.s_desc_payload_off = io->s_desc_payload_off;
    q.s_desc_payload_len = io->s_desc_payload_len;
    memcpy(q.a_entry, io->a_entry, sizeof q.a_entry);
    q.chan_bound = io->chan_bound;
    for (unsigned c = 0; c < p.n_ch && c < SESSION_N_CH; c++)
        q.chan_sess[c] = (uint16_t)((io->chan_sess >> (c * SESSION_SESS_AW))
                                    & ((1u << SESSION_SESS_AW) - 1u));
    q.commit_valid = io->commit_valid;
    q.commit_index = io->commit_index;
    q.commit_seq = io->commit_seq;
    q.commit_zero_counters = io->commit_zero_counters;
    q.clear_valid = io->clear_valid;
    q.clear_index = io->clear_index;
    q.rd_index = io->rd_index;
    q.m_desc_tready = io->m_desc_tready;
    session_lookup_eval_ports(s, &q, next);
    io->s_desc_tready = q.s_desc_tready;
    io->a_req_valid = q.a_req_valid;
    io->a_req_index = q.a_req_index;
    io->rd_nr = q.rd_nr;
    io->rd_packets = q.rd_packets;
    io->rd_bytes = q.rd_bytes;
    io->rd_drops = q.rd_drops;
    io->rd_out_of_order = q.rd_out_of_order;
    io->m_desc_tvalid = q.m_desc_tvalid;
    io->m_desc_action = q.m_desc_action;
    io->m_desc_reason = q.m_desc_reason;
    io->m_desc_session = q.m_desc_session;
    io->m_desc_channel = q.m_desc_channel;
    io->m_desc_fcs32 = q.m_desc_fcs32;
    io->m_desc_accm = q.m_desc_accm;
    io->m_desc_payload_off = q.m_desc_payload_off;
    io->m_desc_payload_len = q.m_desc_payload_len;
    io->cnt_rx_valid = q.cnt_rx_valid;
    io->cnt_rx_reason = q.cnt_rx_reason;
    io->cnt_sess_unknown = q.cnt_sess_unknown;
    io->cnt_sess_wrong_tunnel = q.cnt_sess_wrong_tunnel;
    io->cnt_sess_out_of_order = q.cnt_sess_out_of_order;
}
