/* Model of hw/access_rx_arbiter.sv: the tags, then u_arb. */
#include "access_rx_arbiter.h"

#include <string.h>

/* tuser = {kind, id[16], len[16]} (USER_W 33) */
#define TAG(kind, id, len) ((uint64_t)(kind) << 32 | (uint64_t)(id) << 16 | (len))

bool access_rx_arbiter_init(struct access_rx_arbiter *m, const struct access_rx_arbiter_params *p)
{
    memset(m, 0, sizeof *m);
    if (p->n_ch < 1 || p->n_ch > ARBITER_N_CH_MAX)
        return false;
    m->p = *p;
    const struct stream_frame_arbiter_params ap = {p->n_ch + 1, p->data_w, 33};
    return stream_frame_arbiter_init(&m->arb, &ap);
}

void access_rx_arbiter_eval(struct access_rx_arbiter *m, const struct access_rx_arbiter_in *in,
                            struct access_rx_arbiter_out *out)
{
    const unsigned n_ch = m->p.n_ch;
    struct stream_frame_arbiter_in ai = {.rst = in->rst, .m_tready = in->m_tready};
    for (unsigned c = 0; c < n_ch; c++) {
        ai.s[c] = in->ch[c];
        ai.s[c].user = TAG(0, c, in->ch_len[c]);
        ai.s_tvalid[c] = in->ch_tvalid[c];
    }
    ai.s[n_ch] = in->inj;
    ai.s[n_ch].user = TAG(1, in->inj_session, in->inj_len);
    ai.s_tvalid[n_ch] = in->inj_tvalid;
    struct stream_frame_arbiter_out ao;
    stream_frame_arbiter_eval(&m->arb, &ai, &ao);
    for (unsigned c = 0; c < n_ch; c++)
        out->ch_tready[c] = ao.s_tready[c];
    out->inj_tready = ao.s_tready[n_ch];
    access_rx_arbiter_outputs(m, out);
}

void access_rx_arbiter_outputs(const struct access_rx_arbiter *m,
                               struct access_rx_arbiter_out *out)
{
    const struct stream_frame_arbiter_regs *r = &m->arb.r;
    memcpy(out->m_tdata, r->m.data, sizeof out->m_tdata);
    out->m_tkeep = r->m.keep;
    out->m_tvalid = r->m_tvalid;
    out->m_tlast = r->m.last;
    out->m_tuser_kind = (r->m.user >> 32) & 1;
    out->m_tuser_id = (uint16_t)(r->m.user >> 16);
    out->m_tuser_len = (uint16_t)r->m.user;
}

void access_rx_arbiter_tick(struct access_rx_arbiter *m)
{
    stream_frame_arbiter_tick(&m->arb);
}
