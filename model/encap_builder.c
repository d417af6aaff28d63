/* Model of hw/encap_builder.sv: the same always_comb, statement for statement. */
#include "encap_builder.h"

#include <string.h>

#include "l2tp_const.h"
#include "net_const.h"

/* The L2TP data header sizes the RTL builds (RFC 2661 §3.1: no L, no O; S adds Ns and Nr). */
#define L2TP_DATA_HDR_LEN 6u
#define L2TP_SEQ_LEN 4u

bool encap_builder_init(struct encap_builder *m, const struct encap_builder_params *p)
{
    memset(m, 0, sizeof *m);
    if ((p->data_w != 8 && p->data_w != 16) || p->n_ch < 1 || p->n_ch > ENCAP_N_CH_MAX
        || (p->n_ch & (p->n_ch - 1)) != 0 || p->sess_aw < 1 || p->sess_aw > ENCAP_SESS_AW_MAX
        || p->fifo_log2 < 2 || p->fifo_log2 > ENCAP_FIFO_LOG2_MAX)
        return false;
    m->p = *p;
    return true;
}

static void put16(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
    put16(b, v >> 16);
    put16(b + 2, v);
}

/* The header of the entry in LOOK (the RTL's hdr_built / hlen_built). */
static void build_header(const struct encap_builder *m, const struct encap_builder_in *in,
                         uint8_t hdr[ENCAP_HDR_BYTES], uint8_t *hlen)
{
    const struct encap_builder_regs *s = &m->r;
    const uint32_t *e = in->sess_entry;
    uint32_t flags = e[ENCAP_ENT_FLAGS];
    bool seq = flags & ENCAP_FLAG_SEQ_TX, vlan = flags & ENCAP_FLAG_VLAN;
    uint32_t ttl = e[ENCAP_ENT_TTL_VLAN] & 0xFF;
    uint32_t lip = e[ENCAP_ENT_LOCAL_IP], pip = e[ENCAP_ENT_PEER_IP];
    uint16_t cur_ns = m->mem.ns[s->look_idx];

    uint32_t l2tp_flags = L2TP_VERSION | (seq ? L2TP_HDR_S : 0);
    uint32_t udp_len = (UDP_HDR_LEN + (seq ? 10u : 6u) + s->look_len) & 0xFFFF;
    uint32_t ip_total = (IPV4_HDR_MIN_LEN + udp_len) & 0xFFFF;
    /* RFC 1071 §2: checksum field and ID 0, carries folded back twice. */
    uint32_t sum = ((IPV4_VERSION << 12) | (IPV4_MIN_IHL << 8)) + ip_total + IPV4_FLAG_DF + ((ttl << 8) | IPV4_PROTO_UDP)
        + (lip >> 16) + (lip & 0xFFFF) + (pip >> 16) + (pip & 0xFFFF);
    uint32_t fold1 = (sum & 0xFFFF) + (sum >> 16);
    uint32_t csum = ~((fold1 & 0xFFFF) + (fold1 >> 16)) & 0xFFFF;

    uint8_t eth[18] = {0}, rest[38] = {0};
    put16(eth, e[ENCAP_ENT_PEER_MAC_HI]);
    put32(eth + 2, e[ENCAP_ENT_PEER_MAC_LO]);
    put16(eth + 6, e[ENCAP_ENT_LOCAL_MAC_HI]);
    put32(eth + 8, e[ENCAP_ENT_LOCAL_MAC_LO]);
    if (vlan) {
        put16(eth + 12, ETHERTYPE_VLAN);
        put16(eth + 14, e[ENCAP_ENT_TTL_VLAN] >> 16);
        put16(eth + 16, ETHERTYPE_IPV4);
    } else {
        put16(eth + 12, ETHERTYPE_IPV4);
    }
    rest[0] = (uint8_t)((IPV4_VERSION << 4) | IPV4_MIN_IHL);
    put16(rest + 2, ip_total);
    put16(rest + 6, IPV4_FLAG_DF);
    rest[8] = (uint8_t)ttl;
    rest[9] = IPV4_PROTO_UDP;
    put16(rest + 10, csum);
    put32(rest + 12, lip);
    put32(rest + 16, pip);
    put32(rest + 20, e[ENCAP_ENT_UDP_PORTS]);
    put16(rest + 24, udp_len);
    put16(rest + 28, l2tp_flags);
    put32(rest + 30, e[ENCAP_ENT_PEER_IDS]);
    if (seq)
        put16(rest + 34, cur_ns);

    unsigned eth_len = vlan ? 18 : 14;
    memset(hdr, 0, ENCAP_HDR_BYTES);
    memcpy(hdr, eth, sizeof eth);
    for (unsigned i = 0; i < sizeof rest && eth_len + i < ENCAP_HDR_BYTES; i++)
        hdr[eth_len + i] |= rest[i];
    *hlen = (uint8_t)(ETH_HDR_LEN + IPV4_HDR_MIN_LEN + UDP_HDR_LEN + L2TP_DATA_HDR_LEN
                      + (vlan ? VLAN_TAG_LEN : 0) + (seq ? L2TP_SEQ_LEN : 0));
}

void encap_builder_eval(struct encap_builder *m, const struct encap_builder_in *in,
                        struct encap_builder_out *out)
{
    const struct encap_builder_regs *s = &m->r;
    struct encap_builder_regs *n = &m->next;
    const unsigned W = m->p.data_w;
    const unsigned fifo_d = 1u << m->p.fifo_log2;
    const unsigned n_sess = 1u << m->p.sess_aw;
    const uint32_t m17 = 0x1FFFF;
    uint32_t flags = in->sess_entry[ENCAP_ENT_FLAGS];

    *n = *s;
    n->m_net_tvalid = s->m_net_tvalid && !in->m_net_tready;
    n->m_punt_tvalid = s->m_punt_tvalid && !in->m_punt_tready;
    n->cnt_tx_frame = n->cnt_punt = n->cnt_drop = n->cnt_mismatch = false;
    struct encap_builder_wport w = {0};
    out->sess_req_valid = false;
    out->s_tready = false;
    bool job_take = false, fifo_pop = false, fifo_push = false;

    /* ---- the output beat of an ENCAP job at opos */
    const struct encap_fifo_entry *head = &s->fifo[s->fifo_rd];
    /* Past the frame's tlast beat the FIFO head is the next frame's: a frame
     * shorter than its s_tuser_len is zero-filled instead. */
    static const uint8_t zeros[ENCAP_DATA_W_MAX];
    const uint8_t *head_data = s->tail_done ? zeros : head->data;
    unsigned head_cnt = 0;
    for (unsigned i = 0; i < W; i++)
        head_cnt += (head->keep >> i) & 1;
    uint32_t hend = s->cur_hlen, pend = hend + s->cur_len;
    uint32_t total = pend < ETH_MIN_FRAME ? ETH_MIN_FRAME : pend;
    uint32_t oend = (s->opos + W) & m17;
    uint32_t qe = ((oend < pend ? oend : pend) - hend) & m17;
    bool adv = oend > hend && qe > s->qc;  /* the beat moves the window a beat on */
    bool need_head = adv && !s->tail_done; /* ... taking the FIFO head */
    unsigned hm = s->cur_hlen & (W - 1);
    uint8_t beat[ENCAP_DATA_W_MAX];
    uint32_t keep = 0;
    for (unsigned i = 0; i < W; i++) {
        uint32_t pos = (s->opos + i) & m17;
        if (pos < hend) {
            unsigned h = (s->opos & 63) + i;
            beat[i] = h < ENCAP_HDR_BYTES ? s->cur_hdr[h] : 0;
        } else if (pos < pend) {
            unsigned k = i + W - hm;        /* lane of the window {head, prev} */
            beat[i] = k < W ? s->prev[k] : k < 2 * W ? head_data[k - W] : 0;
        } else {
            beat[i] = 0;                    /* IEEE 802.3 pad, or past the end */
        }
        if (pos < total)
            keep |= 1u << i;
    }
    bool last = oend >= total;

    /* ---- front: which session, and the lookup request */
    unsigned ch_mask = m->p.n_ch - 1;
    unsigned ch = in->s_tuser_id & ch_mask;
    uint16_t idx;
    bool ok;
    if (in->s_tuser_kind) {
        idx = in->s_tuser_id & (n_sess - 1);
        ok = in->s_tuser_id < n_sess && in->s_tuser_id != 0;
    } else {
        idx = in->chan_sess[ch] & (n_sess - 1);
        ok = in->s_tuser_id < m->p.n_ch && in->chan_bound[ch];
        if (!ok)
            idx = 0;
    }
    out->sess_req_index = idx;

    switch (s->f_state) {
    case ENCAP_F_IDLE:
        if (in->s_tvalid && !s->job_valid) {
            out->sess_req_valid = true;
            n->look_idx = idx;
            n->look_kind = in->s_tuser_kind;
            n->look_id = in->s_tuser_id;
            n->look_len = in->s_tuser_len;
            n->look_ok = ok;
            n->f_state = ENCAP_F_LOOK;
        }
        break;
    case ENCAP_F_LOOK:
        n->job_valid = true;
        build_header(m, in, n->job_hdr, &n->job_hlen);
        n->job_id = s->look_id;
        n->job_len = s->look_len;
        if (s->look_ok && (flags & ENCAP_FLAG_VALID)
            && (s->look_kind || !(flags & ENCAP_FLAG_BIND_HOST))) {
            n->job_kind = ENCAP_J_ENCAP;
            n->cnt_tx_frame = true;
            w.inc_we = true;
            w.inc_ns = flags & ENCAP_FLAG_SEQ_TX;
        } else if (!s->look_kind) {
            n->job_kind = ENCAP_J_PUNT;
            n->cnt_punt = true;
        } else {
            n->job_kind = ENCAP_J_DROP;
            n->cnt_drop = true;
        }
        n->f_state = ENCAP_F_PAY;
        break;
    default: /* ENCAP_F_PAY */
        out->s_tready = s->fifo_cnt != fifo_d;
        if (in->s_tvalid && out->s_tready) {
            fifo_push = true;
            if (in->s_tlast)
                n->f_state = ENCAP_F_IDLE;
        }
        break;
    }

    /* ---- output */
    bool net_can_load = !s->m_net_tvalid || in->m_net_tready;
    bool punt_can_load = !s->m_punt_tvalid || in->m_punt_tready;
    switch (s->o_state) {
    case ENCAP_O_IDLE:
        job_take = true;
        break;
    case ENCAP_O_ENCAP:
        if (net_can_load && (!need_head || s->fifo_cnt != 0)) {
            memcpy(n->m_net_tdata, beat, W);
            n->m_net_tkeep = keep;
            n->m_net_tlast = last;
            n->m_net_tvalid = true;
            n->opos = oend;
            if (adv) {
                memcpy(n->prev, head_data, W);
                n->qc = (s->qc + W) & m17;
            }
            if (need_head) {
                fifo_pop = true;
                n->tail_done = head->last;
                /* the frame's octets end here, and not where its length said */
                if (head->last && ((s->qc + head_cnt) & m17) != s->cur_len)
                    n->cnt_mismatch = true;
            }
            if (last) {
                if (n->tail_done) {
                    job_take = true;
                } else {
                    /* longer than its length: the rest goes, up to its tlast */
                    n->o_state = ENCAP_O_DROP;
                    n->cnt_mismatch = true;
                }
            }
        }
        break;
    case ENCAP_O_PUNT:
        if (punt_can_load && s->fifo_cnt != 0) {
            memcpy(n->m_punt_tdata, head->data, W);
            n->m_punt_tkeep = head->keep;
            n->m_punt_tlast = head->last;
            n->m_punt_channel = s->cur_id;
            n->m_punt_len = s->cur_len;
            n->m_punt_tvalid = true;
            fifo_pop = true;
            job_take = head->last;
        }
        break;
    default: /* ENCAP_O_DROP */
        if (s->fifo_cnt != 0) {
            fifo_pop = true;
            job_take = head->last;
        }
        break;
    }

    /* The next job starts in the cycle after the last one's last beat. */
    if (job_take) {
        if (s->job_valid) {
            n->job_valid = false;
            memcpy(n->cur_hdr, s->job_hdr, ENCAP_HDR_BYTES);
            n->cur_hlen = s->job_hlen;
            n->cur_id = s->job_id;
            n->cur_len = s->job_len;
            n->opos = 0;
            n->qc = 0;
            n->tail_done = false;
            n->o_state = s->job_kind == ENCAP_J_ENCAP ? ENCAP_O_ENCAP
                : s->job_kind == ENCAP_J_PUNT ? ENCAP_O_PUNT : ENCAP_O_DROP;
        } else {
            n->o_state = ENCAP_O_IDLE;
        }
    }

    if (fifo_push) {
        struct encap_fifo_entry *f = &n->fifo[s->fifo_wr];
        f->keep = in->s_tkeep & ((1u << W) - 1);
        /* octets beyond tkeep stored as zero (they may become padding) */
        for (unsigned i = 0; i < W; i++)
            f->data[i] = (f->keep >> i) & 1 ? in->s_tdata[i] : 0;
        f->last = in->s_tlast;
        n->fifo_wr = (s->fifo_wr + 1) & (fifo_d - 1);
    }
    if (fifo_pop)
        n->fifo_rd = (s->fifo_rd + 1) & (fifo_d - 1);
    n->fifo_cnt = s->fifo_cnt + fifo_push - fifo_pop;

    if (in->rst) {
        n->f_state = ENCAP_F_IDLE;
        n->job_valid = false;
        n->fifo_rd = n->fifo_wr = n->fifo_cnt = 0;
        n->o_state = ENCAP_O_IDLE;
        n->m_net_tvalid = false;
        n->m_punt_tvalid = false;
        n->cnt_tx_frame = n->cnt_punt = n->cnt_drop = n->cnt_mismatch = false;
        w.inc_we = false;
    }

    /* the per-session arrays' write ports and read port */
    w.inc_idx = s->look_idx;
    w.inc_ns_value = (uint16_t)(m->mem.ns[s->look_idx] + 1);
    w.inc_len = s->look_len;
    w.commit_valid = in->commit_valid;
    w.commit_index = in->commit_index & (n_sess - 1);
    w.commit_ns = (uint16_t)(in->commit_seq >> 16);
    w.commit_zero = in->commit_zero_counters;
    m->w = w;
    unsigned rd = in->rd_index & (n_sess - 1);
    n->rd_tx_packets = m->mem.pkts[rd];
    n->rd_tx_bytes = m->mem.bytes[rd];
    n->rd_ns = m->mem.ns[rd];

    encap_builder_outputs(m, out);
}

void encap_builder_outputs(const struct encap_builder *m, struct encap_builder_out *out)
{
    const struct encap_builder_regs *s = &m->r;
    out->rd_tx_packets = s->rd_tx_packets;
    out->rd_tx_bytes = s->rd_tx_bytes;
    out->rd_ns = s->rd_ns;
    memcpy(out->m_net_tdata, s->m_net_tdata, sizeof out->m_net_tdata);
    out->m_net_tkeep = s->m_net_tkeep;
    out->m_net_tvalid = s->m_net_tvalid;
    out->m_net_tlast = s->m_net_tlast;
    memcpy(out->m_punt_tdata, s->m_punt_tdata, sizeof out->m_punt_tdata);
    out->m_punt_tkeep = s->m_punt_tkeep;
    out->m_punt_tvalid = s->m_punt_tvalid;
    out->m_punt_tlast = s->m_punt_tlast;
    out->m_punt_channel = s->m_punt_channel;
    out->m_punt_len = s->m_punt_len;
    out->cnt_tx_frame = s->cnt_tx_frame;
    out->cnt_punt = s->cnt_punt;
    out->cnt_drop_no_session = s->cnt_drop;
    out->cnt_len_mismatch = s->cnt_mismatch;
}

void encap_builder_tick(struct encap_builder *m)
{
    const struct encap_builder_wport *w = &m->w;
    m->r = m->next;
    /* the frame's update first, a COMMIT after it (it wins on the same index) */
    if (w->inc_we) {
        if (w->inc_ns)
            m->mem.ns[w->inc_idx] = w->inc_ns_value;
        m->mem.pkts[w->inc_idx]++;
        m->mem.bytes[w->inc_idx] += w->inc_len;
    }
    if (w->commit_valid) {
        m->mem.ns[w->commit_index] = w->commit_ns;
        if (w->commit_zero) {
            m->mem.pkts[w->commit_index] = 0;
            m->mem.bytes[w->commit_index] = 0;
        }
    }
}
