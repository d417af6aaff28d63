/* Model of hw/session_table.sv: the same always_comb, statement for statement. */
#include "session_table.h"

#include <string.h>

#include "session_params.h"

bool session_table_init(struct session_table_state *s, const struct session_table_params *p)
{
    memset(s, 0, sizeof *s);
    if (!session_params_ok(p->sess_aw, p->n_ch))
        return false;
    s->p = *p;
    return true;
}

/* A zeroed state (the block test's engine) has the RTL's defaults. */
static struct session_table_params params_of(const struct session_table_state *s)
{
    struct session_table_params p = s->p;
    session_params_default(&p.sess_aw, &p.n_ch);
    return p;
}

/* entry_out(): what a read port shows (the RAM word with the VALID bit of
 * the read cycle, or the entry committed in that cycle; a CLEAR then clears
 * VALID). */
static void entry_out(const uint32_t raw[SESS_ENTRY_WORDS], bool byp, bool clr, bool vld,
                      const uint32_t committed[SESS_ENTRY_WORDS], uint32_t out[SESS_ENTRY_WORDS])
{
    memcpy(out, byp ? committed : raw, sizeof(uint32_t) * SESS_ENTRY_WORDS);
    if (!byp)
        out[ENT_WORD_FLAGS] = (out[ENT_WORD_FLAGS] & ~ENT_FLAG_VALID) | (vld ? 1u : 0u);
    if (clr)
        out[ENT_WORD_FLAGS] &= ~ENT_FLAG_VALID;
}

void session_table_eval_ports(const struct session_table_state *s, struct session_table_ports *io,
                              struct session_table_state *n)
{
    const struct session_table_params p = params_of(s);
    const unsigned idx_mask = (1u << p.sess_aw) - 1u;
    const struct session_table_regs *r = &s->r;
    struct session_table_regs *nr = &n->r;
    unsigned ci = io->commit_index & idx_mask;
    unsigned xi = io->clear_index & idx_mask;
    bool do_commit = io->commit_valid && ci != 0;
    bool do_clear = io->clear_valid && xi != 0;
    uint32_t c_flags = io->commit_entry[ENT_WORD_FLAGS];
    uint32_t c_binding = io->commit_entry[ENT_WORD_BINDING];
    unsigned c_chan = c_binding & 0xFFFFu;

    *nr = *r;
    n->mem_we = do_commit;
    n->mem_waddr = ci;
    memcpy(n->mem_wdata, io->commit_entry, sizeof n->mem_wdata);

    /* VALID: the COMMIT's bit, then the CLEAR (it wins on the same index) */
    n->valid_we[0] = do_commit;
    n->valid_waddr[0] = ci;
    n->valid_wdata[0] = c_flags & ENT_FLAG_VALID;
    n->valid_we[1] = do_clear;
    n->valid_waddr[1] = xi;
    n->valid_wdata[1] = false;
    n->valid_clear_all = false;

    unsigned ai = io->a_req_index & idx_mask;
    unsigned bi = io->b_req_index & idx_mask;
    unsigned ri = io->rd_index & idx_mask;
    if (do_commit)
        memcpy(nr->last_commit, io->commit_entry, sizeof nr->last_commit);
    if (io->a_req_valid) {
        nr->a_byp = do_commit && ci == ai;
        nr->a_clr = do_clear && xi == ai;
        nr->a_vld = s->valid[ai];
    }
    if (io->b_req_valid) {
        nr->b_byp = do_commit && ci == bi;
        nr->b_clr = do_clear && xi == bi;
        nr->b_vld = s->valid[bi];
    }
    nr->r_byp = do_commit && ci == ri;
    nr->r_clr = do_clear && xi == ri;
    nr->r_vld = s->valid[ri];
    n->a_re = io->a_req_valid;
    n->b_re = io->b_req_valid;
    n->a_addr = ai;
    n->b_addr = bi;
    n->r_addr = ri;

    /* ---- channel table */
    nr->ev_chan_steal = false;
    nr->ev_bad_channel = false;
    if (do_commit) {
        for (unsigned c = 0; c < p.n_ch; c++)
            if (r->chan_bound[c] && r->chan_sess[c] == ci)
                nr->chan_bound[c] = false;
        if ((c_flags & ENT_FLAG_VALID) && !(c_flags & ENT_FLAG_BIND_HOST)) {
            if (c_chan >= p.n_ch) {
                nr->ev_bad_channel = true;
            } else {
                nr->ev_chan_steal = r->chan_bound[c_chan] && r->chan_sess[c_chan] != ci;
                nr->chan_bound[c_chan] = true;
                nr->chan_sess[c_chan] = (uint16_t)ci;
                nr->chan_accm[c_chan] = io->commit_entry[ENT_WORD_RX_ACCM];
                nr->chan_mru[c_chan] = (uint16_t)(c_binding >> 16);
                nr->chan_fcs32[c_chan] = c_flags & ENT_FLAG_FCS32;
            }
        }
    }
    if (do_clear) {
        for (unsigned c = 0; c < p.n_ch; c++)
            if (nr->chan_bound[c] && nr->chan_sess[c] == xi)
                nr->chan_bound[c] = false;
    }

    session_table_outputs(s, io);

    /* Synchronous reset: every register in the RTL's reset branch to zero
     * (the VALID bits too); the RAM, its read registers and last_commit sit
     * outside it. */
    if (io->rst) {
        uint32_t keep[SESS_ENTRY_WORDS];
        memcpy(keep, nr->last_commit, sizeof keep);
        memset(nr, 0, sizeof *nr);
        memcpy(nr->last_commit, keep, sizeof keep);
        n->valid_we[0] = n->valid_we[1] = false;
        n->valid_clear_all = true;
    }
}

void session_table_outputs(const struct session_table_state *s, struct session_table_ports *io)
{
    const struct session_table_params p = params_of(s);
    const struct session_table_regs *r = &s->r;
    /* ---- outputs: registers, and the exported channel configuration */
    entry_out(s->a_raw, r->a_byp, r->a_clr, r->a_vld, r->last_commit, io->a_entry);
    entry_out(s->b_raw, r->b_byp, r->b_clr, r->b_vld, r->last_commit, io->b_entry);
    entry_out(s->r_raw, r->r_byp, r->r_clr, r->r_vld, r->last_commit, io->rd_entry);
    io->chan_bound = 0;
    io->chan_fcs32 = 0;
    for (unsigned c = 0; c < p.n_ch; c++) {
        bool b = r->chan_bound[c];
        io->chan_bound |= (uint64_t)b << c;
        io->chan_sess[c] = r->chan_sess[c];
        io->chan_rx_accm[c] = b ? r->chan_accm[c] : io->unbound_accm;
        io->chan_mru[c] = b ? r->chan_mru[c] : io->unbound_mru;
        io->chan_fcs32 |= (uint64_t)(b && r->chan_fcs32[c]) << c;
    }
    io->ev_chan_steal = r->ev_chan_steal;
    io->ev_bad_channel = r->ev_bad_channel;
}

void session_table_tick(struct session_table_state *s, const struct session_table_state *n)
{
    s->r = n->r;
    if (n->a_re)
        memcpy(s->a_raw, s->mem[n->a_addr], sizeof s->a_raw);
    if (n->b_re)
        memcpy(s->b_raw, s->mem[n->b_addr], sizeof s->b_raw);
    memcpy(s->r_raw, s->mem[n->r_addr], sizeof s->r_raw);
    if (n->mem_we)
        memcpy(s->mem[n->mem_waddr], n->mem_wdata, sizeof n->mem_wdata);
    if (n->valid_clear_all)
        memset(s->valid, 0, (size_t)1 << params_of(s).sess_aw);
    for (unsigned k = 0; k < 2; k++)
        if (n->valid_we[k])
            s->valid[n->valid_waddr[k]] = n->valid_wdata[k];
}

/* ---- the block test's port struct, at SESSION_SESS_AW and SESSION_N_CH */

void session_table_eval(const struct session_table_state *s, struct session_table_io *io,
                        struct session_table_state *next)
{
    const struct session_table_params p = params_of(s);
    struct session_table_ports q;
    memset(&q, 0, sizeof q);
    q.rst = io->rst;
    q.commit_valid = io->commit_valid;
    q.commit_index = (unsigned)io->commit_index;
    memcpy(q.commit_entry, io->commit_entry, sizeof q.commit_entry);
    q.clear_valid = io->clear_valid;
    q.clear_index = (unsigned)io->clear_index;
    q.a_req_valid = io->a_req_valid;
    q.a_req_index = (unsigned)io->a_req_index;
    q.b_req_valid = io->b_req_valid;
    q.b_req_index = (unsigned)io->b_req_index;
    q.rd_index = (unsigned)io->rd_index;
    q.unbound_mru = (uint16_t)io->unbound_mru;
    q.unbound_accm = (uint32_t)io->unbound_accm;
    session_table_eval_ports(s, &q, next);
    memcpy(io->a_entry, q.a_entry, sizeof io->a_entry);
    memcpy(io->b_entry, q.b_entry, sizeof io->b_entry);
    memcpy(io->rd_entry, q.rd_entry, sizeof io->rd_entry);
    io->chan_bound = q.chan_bound;
    io->chan_fcs32 = q.chan_fcs32;
    io->chan_sess = 0;
    io->chan_mru = 0;
    for (unsigned c = 0; c < p.n_ch && c < SESSION_N_CH; c++) {
        io->chan_sess |= (uint64_t)q.chan_sess[c] << (c * SESSION_SESS_AW);
        io->chan_rx_accm[c] = q.chan_rx_accm[c];
        io->chan_mru |= (uint64_t)q.chan_mru[c] << (c * 16);
    }
    io->ev_chan_steal = q.ev_chan_steal;
    io->ev_bad_channel = q.ev_bad_channel;
}
