/* Model of hw/session_table.sv: the same always_comb, statement for statement. */
#include "session_table.h"

#include <string.h>

#define IDX_MASK (SESSION_DEPTH - 1u)

/* entry_seen(): the entry a read port registers this cycle (write-first). */
static void entry_seen(const struct session_table_state *s, const struct session_table_io *io,
                       unsigned idx, uint32_t out[SESS_ENTRY_WORDS])
{
    memcpy(out, s->mem[idx], sizeof s->mem[idx]);
    out[ENT_WORD_FLAGS] = (out[ENT_WORD_FLAGS] & ~ENT_FLAG_VALID) | (s->r.valid[idx] ? 1u : 0u);
    if (io->commit_valid && io->commit_index == idx && idx != 0)
        memcpy(out, io->commit_entry, sizeof io->commit_entry);
    if (io->clear_valid && io->clear_index == idx && idx != 0)
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

    if (io->a_req_valid)
        entry_seen(s, io, (unsigned)io->a_req_index & IDX_MASK, nr->a_entry);
    if (io->b_req_valid)
        entry_seen(s, io, (unsigned)io->b_req_index & IDX_MASK, nr->b_entry);
    entry_seen(s, io, (unsigned)io->rd_index & IDX_MASK, nr->rd_entry);

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

    /* ---- outputs: registers, and the exported channel configuration */
    memcpy(io->a_entry, r->a_entry, sizeof io->a_entry);
    memcpy(io->b_entry, r->b_entry, sizeof io->b_entry);
    memcpy(io->rd_entry, r->rd_entry, sizeof io->rd_entry);
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

    /* Synchronous reset: every register to zero; the RAM write still
     * happens (it sits outside the RTL's reset branch). */
    if (io->rst)
        memset(nr, 0, sizeof *nr);
}

void session_table_tick(struct session_table_state *s, const struct session_table_state *n)
{
    s->r = n->r;
    if (n->mem_we)
        memcpy(s->mem[n->mem_waddr], n->mem_wdata, sizeof n->mem_wdata);
}
