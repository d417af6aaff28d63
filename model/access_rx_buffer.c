/* Model of hw/access_rx_buffer.sv: the same always_comb, statement for
 * statement. */
#include "access_rx_buffer.h"

#include <string.h>

#include "hdlc.h"

bool access_rx_buffer_init(struct access_rx_buffer *m, const struct access_rx_buffer_params *p)
{
    memset(m, 0, sizeof *m);
    unsigned lane_w = p->data_w == 16 ? 4 : 3;
    if ((p->data_w != 8 && p->data_w != 16) || p->depth_log2 < 2
        || p->depth_log2 > ARB_DEPTH_LOG2_MAX || p->depth_log2 + lane_w > 15 || p->lq_log2 < 1
        || p->lq_log2 > ARB_LQ_LOG2_MAX)
        return false;
    m->p = *p;
    return true;
}

void access_rx_buffer_eval(struct access_rx_buffer *m, const struct access_rx_buffer_in *in,
                           struct access_rx_buffer_out *out)
{
    const struct access_rx_buffer_regs *s = &m->r;
    struct access_rx_buffer_regs *n = &m->next;
    const unsigned W = m->p.data_w;
    const unsigned depth = 1u << m->p.depth_log2;
    const unsigned ptr_mask = (2u << m->p.depth_log2) - 1;     /* DEPTH_LOG2 + 1 bits */
    const unsigned lq_d = 1u << m->p.lq_log2;

    *n = *s;
    n->cnt_overflow = false;
    n->pend = false;
    bool good = false;
    m->mem_we = false;
    m->mem_waddr = s->wr_ptr & (depth - 1);
    memset(m->mem_wdata, 0, sizeof m->mem_wdata);
    m->mem_re = false;
    m->mem_raddr = s->rd_ptr & (depth - 1);
    m->lq_we = false;

    /* ---- read side: output queue pop, arrival, next read */
    bool pop = s->q_cnt != 0 && in->m_tready;
    if (pop) {
        n->q[0] = s->q[1];
        memset(&n->q[1], 0, sizeof n->q[1]);
    }
    unsigned occ = s->q_cnt - pop;
    if (s->pend) {
        struct arb_qent *e = &n->q[occ == 0 ? 0 : 1];
        memcpy(e->data, s->rd_q, sizeof e->data);
        e->keep = s->pend_keep;
        e->last = s->pend_last;
        e->len = s->pend_len;
        occ++;
    }
    n->q_cnt = occ;

    uint16_t left, len;
    if (s->active) {
        left = s->left;
        len = s->cur_len;
    } else {
        left = m->lq[s->lq_rd];
        len = left;
    }
    bool issue = occ != 2 && (s->active || s->lq_cnt != 0);
    if (issue) {
        m->mem_re = true;
        n->rd_ptr = (s->rd_ptr + 1) & ptr_mask;
        n->pend = true;
        n->pend_keep = 0;
        for (unsigned i = 0; i < W; i++)
            if (left > i)
                n->pend_keep |= 1u << i;
        n->pend_last = left <= W;
        n->pend_len = len;
        n->cur_len = len;
        n->left = (uint16_t)(left - W);
        n->active = left > W;
        if (!s->active)
            n->lq_rd = (s->lq_rd + 1) & (lq_d - 1);
    }

    /* ---- write side */
    uint8_t word_now[ARB_DATA_W_MAX];
    memcpy(word_now, s->wr_word, sizeof word_now);
    word_now[s->wr_fill] = in->s_tdata;
    bool word_done = s->wr_fill == W - 1 || in->s_tlast;
    bool fits = ((s->wr_ptr - s->rd_ptr) & ptr_mask) != depth;
    if (in->s_tvalid) {
        n->flen = (uint16_t)(s->flen + 1);
        n->wr_fill = (s->wr_fill + 1) & (W - 1);
        memcpy(n->wr_word, word_now, sizeof word_now);
        if (word_done) {
            n->wr_fill = 0;
            memset(n->wr_word, 0, sizeof n->wr_word);
            if (!s->drop && fits) {
                m->mem_we = true;
                memcpy(m->mem_wdata, word_now, sizeof word_now);
                n->wr_ptr = (s->wr_ptr + 1) & ptr_mask;
            } else {
                n->drop = true;
            }
        }
        if (in->s_tlast) {
            good = in->s_tuser == HDLC_RX_FRAME && !n->drop && s->lq_cnt != lq_d;
            if (good) {
                m->lq_we = true;
                m->lq_waddr = s->lq_wr;
                m->lq_wdata = (uint16_t)(s->flen + 1);
                n->lq_wr = (s->lq_wr + 1) & (lq_d - 1);
                n->commit_ptr = n->wr_ptr;
            } else {
                n->wr_ptr = s->commit_ptr;
                n->cnt_overflow = in->s_tuser == HDLC_RX_FRAME;
            }
            n->flen = 0;
            n->drop = false;
        }
    }
    n->lq_cnt = s->lq_cnt + (in->s_tvalid && in->s_tlast && good) - (issue && !s->active);

    if (in->rst) {
        n->wr_fill = 0;
        memset(n->wr_word, 0, sizeof n->wr_word);
        n->wr_ptr = n->commit_ptr = 0;
        n->flen = 0;
        n->drop = false;
        n->cnt_overflow = false;
        n->lq_rd = n->lq_wr = n->lq_cnt = 0;
        n->rd_ptr = 0;
        n->active = false;
        n->pend = false;
        n->q_cnt = 0;
        m->mem_we = false;
    }

    access_rx_buffer_outputs(m, out);
}

bool access_rx_buffer_eval_idle(const struct access_rx_buffer *m,
                                const struct access_rx_buffer_in *in,
                                struct access_rx_buffer_out *out)
{
    /* nothing arriving, queued, pending or being read: eval changes no
     * register and writes no RAM */
    const struct access_rx_buffer_regs *s = &m->r;
    if (in->rst || in->s_tvalid || s->q_cnt != 0 || s->pend || s->active || s->lq_cnt != 0
        || s->cnt_overflow)
        return false;
    access_rx_buffer_outputs(m, out);
    return true;
}

void access_rx_buffer_outputs(const struct access_rx_buffer *m, struct access_rx_buffer_out *out)
{
    const struct access_rx_buffer_regs *s = &m->r;
    out->s_tready = true;
    memcpy(out->m_tdata, s->q[0].data, sizeof out->m_tdata);
    out->m_tkeep = s->q[0].keep;
    out->m_tlast = s->q[0].last;
    out->m_len = s->q[0].len;
    out->m_tvalid = s->q_cnt != 0;
    out->cnt_overflow = s->cnt_overflow;
}

void access_rx_buffer_tick(struct access_rx_buffer *m)
{
    unsigned W = m->p.data_w;
    m->r = m->next;
    /* the RAM: read the old word, then write (the RTL's nonblocking pair) */
    if (m->mem_re)
        memcpy(m->r.rd_q, m->mem[m->mem_raddr], W);
    if (m->mem_we)
        memcpy(m->mem[m->mem_waddr], m->mem_wdata, W);
    if (m->lq_we)
        m->lq[m->lq_waddr] = m->lq_wdata;
}
