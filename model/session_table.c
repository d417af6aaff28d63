/* Model of hw/session_table.sv: the same always_comb, statement for statement. */
#include "session_table.h"

#include <string.h>

#define IDX_MASK (SESSION_DEPTH - 1u)

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

void session_table_eval(const struct session_table_state *s, struct session_table_io *io,
                        struct session_table_state *n)
{
    const struct session_table_regs *r = &s->r;
    struct session_table_regs *nr = &n->r;
    unsigned ci = (unsigned)io->commit_index & IDX_MASK;
    unsigned xi = (unsigned)io->clear_index & IDX_MASK;
    bool do_commit = io->commit_valid && ci != 0;
    bool do_clear = io->clear_valid && xi != 0;
    uint32_t c_flags = io->commit_entry[ENT_WORD_FLAGS];
    uint32_t c_binding = io->commit_entry[ENT_WORD_BINDING];
    unsigned c_chan = c_binding & 0xFFFFu;

    *nr = *r;
    n->mem_we = do_commit;
    n->mem_waddr = ci;
    memcpy(n->mem_wdata, io->commit_entry, sizeof n->mem_wdata);

    if (do_commit)
        nr->valid[ci] = c_flags & ENT_FLAG_VALID;
    if (do_clear)
        nr->valid[xi] = false;

    unsigned ai = (unsigned)io->a_req_index & IDX_MASK;
    unsigned bi = (unsigned)io->b_req_index & IDX_MASK;
    unsigned ri = (unsigned)io->rd_index & IDX_MASK;
    if (do_commit)
        memcpy(nr->last_commit, io->commit_entry, sizeof nr->last_commit);
    if (io->a_req_valid) {
        nr->a_byp = do_commit && ci == ai;
        nr->a_clr = do_clear && xi == ai;
        nr->a_vld = r->valid[ai];
    }
    if (io->b_req_valid) {
        nr->b_byp = do_commit && ci == bi;
        nr->b_clr = do_clear && xi == bi;
        nr->b_vld = r->valid[bi];
    }
    nr->r_byp = do_commit && ci == ri;
    nr->r_clr = do_clear && xi == ri;
    nr->r_vld = r->valid[ri];
    n->a_re = io->a_req_valid;
    n->b_re = io->b_req_valid;
    n->a_addr = ai;
    n->b_addr = bi;
    n->r_addr = ri;

    /* ---- channel table */
    nr->ev_chan_steal = false;
    nr->ev_bad_channel = false;
    if (do_commit) {
        for (unsigned c = 0; c < SESSION_N_CH; c++)
            if (r->chan_bound[c] && r->chan_sess[c] == ci)
                nr->chan_bound[c] = false;
        if ((c_flags & ENT_FLAG_VALID) && !(c_flags & ENT_FLAG_BIND_HOST)) {
            if (c_chan >= SESSION_N_CH) {
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
        for (unsigned c = 0; c < SESSION_N_CH; c++)
            if (nr->chan_bound[c] && nr->chan_sess[c] == xi)
                nr->chan_bound[c] = false;
    }

    session_table_outputs(s, io);

    /* Synchronous reset: every register in the RTL's reset branch to zero;
     * the RAM, its read registers and last_commit sit outside it. */
    if (io->rst) {
        uint32_t keep[SESS_ENTRY_WORDS];
        memcpy(keep, nr->last_commit, sizeof keep);
        memset(nr, 0, sizeof *nr);
        memcpy(nr->last_commit, keep, sizeof keep);
    }
}

void session_table_outputs(const struct session_table_state *s, struct session_table_io *io)
{
    const struct session_table_regs *r = &s->r;
    /* ---- outputs: registers, and the exported channel configuration */
    entry_out(s->a_raw, r->a_byp, r->a_clr, r->a_vld, r->last_commit, io->a_entry);
    entry_out(s->b_raw, r->b_byp, r->b_clr, r->b_vld, r->last_commit, io->b_entry);
    entry_out(s->r_raw, r->r_byp, r->r_clr, r->r_vld, r->last_commit, io->rd_entry);
    io->chan_bound = 0;
    io->chan_sess = 0;
    io->chan_mru = 0;
    io->chan_fcs32 = 0;
    for (unsigned c = 0; c < SESSION_N_CH; c++) {
        bool b = r->chan_bound[c];
        io->chan_bound |= (uint64_t)b << c;
        io->chan_sess |= (uint64_t)r->chan_sess[c] << (c * SESSION_SESS_AW);
        io->chan_rx_accm[c] = b ? r->chan_accm[c] : (uint32_t)io->unbound_accm;
        io->chan_mru |= (uint64_t)(b ? r->chan_mru[c] : (uint16_t)io->unbound_mru) << (c * 16);
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
}
