/* Model of hw/stream_frame_arbiter.sv: the same always_comb, statement for
 * statement. */
#include "stream_frame_arbiter.h"

#include <string.h>

bool stream_frame_arbiter_init(struct stream_frame_arbiter *m,
                               const struct stream_frame_arbiter_params *p)
{
    memset(m, 0, sizeof *m);
    if (p->n < 2 || p->n > SFA_N_MAX || p->data_w < 1 || p->data_w > SFA_DATA_W_MAX
        || p->user_w < 1 || p->user_w > SFA_USER_W_MAX)
        return false;
    m->p = *p;
    while ((1u << m->sel_w) < p->n)
        m->sel_w++;
    return true;
}

void stream_frame_arbiter_eval(struct stream_frame_arbiter *m,
                               const struct stream_frame_arbiter_in *in,
                               struct stream_frame_arbiter_out *out)
{
    const struct stream_frame_arbiter_regs *s = &m->r;
    struct stream_frame_arbiter_regs *n = &m->next;
    const unsigned N = m->p.n;
    const unsigned sel_mask = (1u << m->sel_w) - 1;
    const unsigned cand_mask = (2u << m->sel_w) - 1;

    *n = *s;
    n->m_tvalid = s->m_tvalid && !in->m_tready;
    memset(out->s_tready, 0, sizeof out->s_tready);

    bool can_load = !s->m_tvalid || in->m_tready;
    /* Round robin: the first input offering a beat after last. */
    bool found = false;
    unsigned g = s->last;
    for (unsigned k = 1; k <= N; k++) {
        unsigned cand = (s->last + k) & cand_mask;
        if (cand >= N)
            cand = (cand - N) & cand_mask;
        unsigned i = cand & sel_mask;
        if (!found && i < N && in->s_tvalid[i]) {
            found = true;
            g = i;
        }
    }
    if (s->busy)
        g = s->sel;

    if (can_load && (s->busy || found) && g < N) {
        out->s_tready[g] = true;
        if (in->s_tvalid[g]) {
            n->m = in->s[g];
            n->m.keep &= (m->p.data_w >= 32) ? ~0u : ((1u << m->p.data_w) - 1);
            n->m.user &= (m->p.user_w >= 64) ? ~UINT64_C(0) : ((UINT64_C(1) << m->p.user_w) - 1);
            memset(n->m.data + m->p.data_w, 0, SFA_DATA_W_MAX - m->p.data_w);
            n->m_tsel = g;
            n->m_tvalid = true;
            n->busy = !in->s[g].last;
            n->sel = g;
            n->last = g;
        }
    }

    if (in->rst) {
        n->busy = false;
        n->last = (N - 1) & sel_mask;
        n->m_tvalid = false;
    }

    out->m = s->m;
    out->m_tvalid = s->m_tvalid;
    out->m_tsel = s->m_tsel;
}

void stream_frame_arbiter_tick(struct stream_frame_arbiter *m)
{
    m->r = m->next;
}
