/* Lockstep test of hw/session_table.sv against model/session_table.c, and of
 * both against the software reference (session_ref.c).
 *
 * Every cycle the testbench may COMMIT a random entry, CLEAR an index and
 * issue reads on ports A, B and R, all at random indices of a small hot set
 * (so commits and reads collide often). Each read's result, the next cycle,
 * must be the reference's entry as of the end of the request cycle
 * (write-first) and, whatever happens, one whole version of the entry (the
 * one before that cycle's COMMIT or the one after), never a mix. The channel
 * table and its events are checked against the reference every cycle.
 * Directed cases first: read-back, write-first collisions, index 0, host
 * binding, channel rebinding, two sessions claiming one channel, bad
 * channel numbers, CLEAR of a bound session, reset. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "session_ref.h"
#include "session_table.h"

#define COSIM_BLOCK session_table
#define COSIM_PORTS_DEF "session_table_ports.def"
#include "cosim_model.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops session_table_rtl_ops;
#endif

typedef uint32_t entry_t[SESS_ENTRY_WORDS];

/* What one read port should show on the next cycle. */
struct port_expect {
    bool valid;            /* a read was issued: check it */
    entry_t now;           /* the reference's entry after the request cycle */
    entry_t before;        /* and before that cycle's COMMIT/CLEAR */
};

struct tb {
    struct cosim *c;
    uint64_t rng;
    struct sess_ref ref;
    struct port_expect a, b, r;
    struct sess_ref_events ev;     /* events of the previous cycle */
    uint16_t unbound_mru;
    uint32_t unbound_accm;
    uint64_t reads, torn_checks, commits, clears, steals, bad_channels;
};

/* The inputs of one cycle. */
struct step {
    bool commit, clear, a, b;
    unsigned ci, xi, ai, bi, ri;
    entry_t entry;
};

static void random_entry(uint64_t *rng, unsigned idx, entry_t e)
{
    for (unsigned w = 0; w < SESS_ENTRY_WORDS; w++)
        e[w] = (uint32_t)cosim_rand(rng);
    uint32_t flags = (uint32_t)cosim_rand(rng) & 0x3Fu;
    if (cosim_chance(rng, 85))
        flags |= ENT_FLAG_VALID;
    if (cosim_chance(rng, 60))
        flags &= ~ENT_FLAG_BIND_HOST;
    e[ENT_WORD_FLAGS] = flags;
    e[ENT_WORD_LOCAL_IDS] = (e[ENT_WORD_LOCAL_IDS] & 0xFFFF0000u) | idx;
    /* mostly real channels, sometimes one past the end or far beyond */
    unsigned ch = cosim_chance(rng, 90) ? (unsigned)cosim_range(rng, 0, SESSION_N_CH - 1)
                  : cosim_chance(rng, 50) ? SESSION_N_CH : (unsigned)(cosim_rand(rng) & 0xFFFF);
    e[ENT_WORD_BINDING] = (e[ENT_WORD_BINDING] & 0xFFFF0000u) | ch;
}

static bool words_equal(const uint32_t *a, const uint32_t *b)
{
    return memcmp(a, b, sizeof(entry_t)) == 0;
}

static bool check_port(struct tb *t, const char *name, const struct port_expect *x,
                       const uint32_t *got)
{
    if (!x->valid)
        return true;
    t->reads++;
    if (!words_equal(got, x->before) && !words_equal(got, x->now)) {
        fprintf(stderr, "cycle %" PRIu64 ": port %s: a TORN entry (neither the old nor the "
                "new version)\n", t->c->cycle, name);
        return false;
    }
    t->torn_checks++;
    if (!words_equal(got, x->now)) {
        for (unsigned w = 0; w < SESS_ENTRY_WORDS; w++)
            if (got[w] != x->now[w])
                fprintf(stderr, "cycle %" PRIu64 ": port %s word %u: got 0x%08x reference "
                        "0x%08x\n", t->c->cycle, name, w, got[w], x->now[w]);
        if (words_equal(got, x->before))
            fprintf(stderr, "  (the old version: a write-first read returned the entry "
                    "before the COMMIT)\n");
        return false;
    }
    return true;
}

static bool check_channels(struct tb *t, const struct session_table_io *o)
{
    const struct sess_ref *r = &t->ref;
    for (unsigned c = 0; c < SESSION_N_CH; c++) {
        bool bound = (o->chan_bound >> c) & 1;
        unsigned sess = (unsigned)(o->chan_sess >> (c * SESSION_SESS_AW)) & (SESSION_DEPTH - 1);
        uint16_t mru = (uint16_t)(o->chan_mru >> (c * 16));
        bool fcs32 = (o->chan_fcs32 >> c) & 1;
        uint32_t accm = o->chan_rx_accm[c];
        bool ok = bound == r->bound[c] && (!bound || sess == r->sess[c])
                  && mru == (r->bound[c] ? r->mru[c] : t->unbound_mru)
                  && accm == (r->bound[c] ? r->accm[c] : t->unbound_accm)
                  && fcs32 == (r->bound[c] && r->fcs32[c]);
        if (!ok) {
            fprintf(stderr, "cycle %" PRIu64 ": channel %u: got bound %d sess %u mru %u accm "
                    "0x%08x fcs32 %d; reference bound %d sess %u mru %u accm 0x%08x fcs32 %d\n",
                    t->c->cycle, c, bound, sess, mru, accm, fcs32, r->bound[c], r->sess[c],
                    r->bound[c] ? r->mru[c] : t->unbound_mru,
                    r->bound[c] ? r->accm[c] : t->unbound_accm, r->bound[c] && r->fcs32[c]);
            return false;
        }
    }
    if (o->ev_chan_steal != t->ev.steal || o->ev_bad_channel != t->ev.bad_channel) {
        fprintf(stderr, "cycle %" PRIu64 ": events steal %d bad_channel %d, reference %d %d\n",
                t->c->cycle, (int)o->ev_chan_steal, (int)o->ev_bad_channel, t->ev.steal,
                t->ev.bad_channel);
        return false;
    }
    return true;
}

static void expect_read(struct tb *t, struct port_expect *x, bool issued, unsigned idx,
                        const entry_t before)
{
    x->valid = issued;   /* the entry is promised only the cycle after a read */
    if (!issued)
        return;
    memcpy(x->before, before, sizeof(entry_t));
    memcpy(x->now, t->ref.ent[idx], sizeof(entry_t));
}

/* One cycle: drive, compare, check the reference, update it, tick. */
static bool cycle(struct tb *t, const struct step *s)
{
    struct session_table_io *in = cosim_inputs(t->c);
    in->rst = 0;
    in->commit_valid = s->commit;
    in->commit_index = s->ci;
    memcpy(in->commit_entry, s->entry, sizeof in->commit_entry);
    in->clear_valid = s->clear;
    in->clear_index = s->xi;
    in->a_req_valid = s->a;
    in->a_req_index = s->ai;
    in->b_req_valid = s->b;
    in->b_req_index = s->bi;
    in->rd_index = s->ri;
    in->unbound_mru = t->unbound_mru;
    in->unbound_accm = t->unbound_accm;
    if (!cosim_eval(t->c))
        return false;
    const struct session_table_io *o = cosim_outputs(t->c);
    if (!check_port(t, "A", &t->a, o->a_entry) || !check_port(t, "B", &t->b, o->b_entry)
        || !check_port(t, "R", &t->r, o->rd_entry) || !check_channels(t, o))
        return false;

    /* the versions before this cycle's writes */
    entry_t before_a, before_b, before_r;
    memcpy(before_a, t->ref.ent[s->ai], sizeof(entry_t));
    memcpy(before_b, t->ref.ent[s->bi], sizeof(entry_t));
    memcpy(before_r, t->ref.ent[s->ri], sizeof(entry_t));
    memset(&t->ev, 0, sizeof t->ev);
    if (s->commit) {
        sess_ref_commit(&t->ref, s->ci, s->entry, 0, false, &t->ev);
        t->commits++;
    }
    if (s->clear) {
        sess_ref_clear(&t->ref, s->xi);
        t->clears++;
    }
    t->steals += t->ev.steal;
    t->bad_channels += t->ev.bad_channel;
    expect_read(t, &t->a, s->a, s->ai, before_a);
    expect_read(t, &t->b, s->b, s->bi, before_b);
    expect_read(t, &t->r, true, s->ri, before_r);
    cosim_tick(t->c);
    return true;
}

static bool reset(struct tb *t)
{
    struct session_table_io *in = cosim_inputs(t->c);
    for (int i = 0; i < 2; i++) {
        in->rst = 1;
        in->commit_valid = cosim_rand(&t->rng) & 1;
        in->commit_index = cosim_rand(&t->rng) & (SESSION_DEPTH - 1);
        in->clear_valid = 0;
        in->a_req_valid = 0;
        in->b_req_valid = 0;
        if (!cosim_eval(t->c))
            return false;
        /* the RAM write happens under reset too: follow it, then reset */
        if (in->commit_valid) {
            struct sess_ref_events ev = {0};
            sess_ref_commit(&t->ref, (unsigned)in->commit_index, in->commit_entry, 0, false, &ev);
        }
        cosim_tick(t->c);
    }
    sess_ref_reset(&t->ref);
    memset(&t->ev, 0, sizeof t->ev);
    /* nothing promised until the next reads */
    memset(&t->a, 0, sizeof t->a);
    memset(&t->b, 0, sizeof t->b);
    memset(&t->r, 0, sizeof t->r);
    return true;
}

/* ---- directed cases */

static void make_entry(entry_t e, unsigned idx, uint32_t flags, unsigned ch, uint16_t mru,
                       uint32_t rx_accm)
{
    for (unsigned w = 0; w < SESS_ENTRY_WORDS; w++)
        e[w] = 0xA5000000u | (idx << 8) | w;
    e[ENT_WORD_FLAGS] = flags;
    e[ENT_WORD_LOCAL_IDS] = (0x1234u << 16) | idx;
    e[ENT_WORD_BINDING] = ((uint32_t)mru << 16) | ch;
    e[ENT_WORD_RX_ACCM] = rx_accm;
}

static bool commit_step(struct tb *t, unsigned idx, const entry_t e)
{
    struct step s = {.commit = true, .ci = idx, .a = true, .ai = idx, .b = true, .bi = idx,
                     .ri = idx};
    memcpy(s.entry, e, sizeof(entry_t));
    return cycle(t, &s);
}

static bool clear_step(struct tb *t, unsigned idx)
{
    struct step s = {.clear = true, .xi = idx, .a = true, .ai = idx, .ri = idx};
    return cycle(t, &s);
}

static bool idle(struct tb *t, unsigned idx)
{
    struct step s = {.a = true, .ai = idx, .b = true, .bi = idx, .ri = idx};
    return cycle(t, &s);
}

/* An explicit expectation, independent of the reference's own logic. */
static bool expect_chan(struct tb *t, unsigned ch, bool bound, unsigned sess, const char *what)
{
    const struct session_table_io *o = cosim_outputs(t->c);
    bool b = (o->chan_bound >> ch) & 1;
    unsigned s = (unsigned)(o->chan_sess >> (ch * SESSION_SESS_AW)) & (SESSION_DEPTH - 1);
    if (b != bound || (bound && s != sess)) {
        fprintf(stderr, "directed \"%s\": channel %u bound %d sess %u, expected %d %u\n", what,
                ch, b, s, bound, sess);
        return false;
    }
    return true;
}

static bool directed(struct tb *t)
{
    entry_t e;
    const uint32_t V = ENT_FLAG_VALID;
    bool ok = reset(t);
    t->unbound_mru = 1500;
    t->unbound_accm = 0xFFFFFFFFu;

    /* read-back, write-first: the commit's own cycle already reads it */
    make_entry(e, 5, V | ENT_FLAG_FCS32, 2, 1492, 0x000A0000u);
    ok = ok && commit_step(t, 5, e) && idle(t, 5) && idle(t, 5);
    ok = ok && expect_chan(t, 2, true, 5, "commit binds channel 2");
    /* index 0 is never written (RFC 2661 §3.1: session 0 is the tunnel) */
    make_entry(e, 0, V, 1, 1500, 0);
    ok = ok && commit_step(t, 0, e) && idle(t, 0) && idle(t, 0);
    ok = ok && expect_chan(t, 1, false, 0, "index 0 ignored");
    /* host binding: no channel */
    make_entry(e, 7, V | ENT_FLAG_BIND_HOST, 3, 1500, 0);
    ok = ok && commit_step(t, 7, e) && idle(t, 7) && expect_chan(t, 3, false, 0, "host");
    /* rebinding session 5 from channel 2 to 3 frees 2 */
    make_entry(e, 5, V, 3, 1400, 0x12345678u);
    ok = ok && commit_step(t, 5, e) && idle(t, 5);
    ok = ok && expect_chan(t, 2, false, 0, "rebind frees") && expect_chan(t, 3, true, 5, "rebind");
    /* two sessions claim channel 3: the later commit wins, with an event */
    uint64_t steals = t->steals;
    make_entry(e, 9, V, 3, 1300, 0);
    ok = ok && commit_step(t, 9, e) && idle(t, 9) && expect_chan(t, 3, true, 9, "steal");
    if (ok && t->steals != steals + 1) {
        fprintf(stderr, "directed: no steal event\n");
        ok = false;
    }
    /* clearing the loser leaves the winner bound; clearing the winner frees it */
    ok = ok && clear_step(t, 5) && idle(t, 5) && expect_chan(t, 3, true, 9, "loser cleared");
    ok = ok && clear_step(t, 9) && idle(t, 9) && expect_chan(t, 3, false, 0, "winner cleared");
    /* channel numbers past the table bind nothing, with an event */
    uint64_t bad = t->bad_channels;
    make_entry(e, 11, V, SESSION_N_CH, 1500, 0);
    ok = ok && commit_step(t, 11, e) && idle(t, 11);
    make_entry(e, 12, V, 0xFFFF, 1500, 0);
    ok = ok && commit_step(t, 12, e) && idle(t, 12);
    if (ok && t->bad_channels != bad + 2) {
        fprintf(stderr, "directed: bad channel events missing\n");
        ok = false;
    }
    /* an invalid commit unbinds */
    make_entry(e, 13, V, 0, 1500, 0);
    ok = ok && commit_step(t, 13, e) && idle(t, 13) && expect_chan(t, 0, true, 13, "bind 0");
    make_entry(e, 13, 0, 0, 1500, 0);
    ok = ok && commit_step(t, 13, e) && idle(t, 13) && expect_chan(t, 0, false, 0, "invalid");
    /* COMMIT and CLEAR of one index in one cycle: the CLEAR wins */
    make_entry(e, 14, V, 1, 1500, 0);
    struct step s = {.commit = true, .ci = 14, .clear = true, .xi = 14, .a = true, .ai = 14,
                     .ri = 14};
    memcpy(s.entry, e, sizeof e);
    ok = ok && cycle(t, &s) && idle(t, 14) && expect_chan(t, 1, false, 0, "commit+clear");
    /* unbound defaults follow the DP registers */
    t->unbound_mru = 1234;
    t->unbound_accm = 0x0000FFFFu;
    ok = ok && idle(t, 1) && idle(t, 1);
    /* reset forgets every binding and VALID bit */
    make_entry(e, 20, V, 2, 1500, 0);
    ok = ok && commit_step(t, 20, e) && idle(t, 20) && reset(t) && idle(t, 20) && idle(t, 20);
    ok = ok && expect_chan(t, 2, false, 0, "reset");
    printf("  directed: %s\n", ok ? "pass" : "FAIL");
    return ok;
}

/* ---- seeded random traffic */
static bool random_traffic(struct tb *t, uint64_t cycles)
{
    /* a hot set of 8 indices (0 included) so that ports and commits collide */
    unsigned hot[8];
    for (unsigned i = 0; i < 8; i++)
        hot[i] = i == 0 ? 0 : (unsigned)cosim_range(&t->rng, 1, SESSION_DEPTH - 1);
    for (uint64_t n = 0; n < cycles; n++) {
        struct step s = {0};
        unsigned pct = (n >> 12) & 1 ? 50 : 10;   /* phases of heavy and light updating */
#define PICK() (cosim_chance(&t->rng, 70) ? hot[cosim_rand(&t->rng) % 8] \
                : (unsigned)(cosim_rand(&t->rng) % SESSION_DEPTH))
        s.commit = cosim_chance(&t->rng, pct);
        s.ci = PICK();
        s.clear = cosim_chance(&t->rng, pct / 5);
        s.xi = PICK();
        s.a = cosim_chance(&t->rng, 80);
        s.ai = PICK();
        s.b = cosim_chance(&t->rng, 80);
        s.bi = PICK();
        s.ri = PICK();
#undef PICK
        random_entry(&t->rng, s.ci, s.entry);
        if (cosim_chance(&t->rng, 1)) {
            t->unbound_mru = (uint16_t)cosim_rand(&t->rng);
            t->unbound_accm = (uint32_t)cosim_rand(&t->rng);
        }
        if (!cycle(t, &s))
            return false;
        if (n % 250000 == 249999) {   /* a reset now and then, mid-traffic */
            if (!reset(t))
                return false;
        }
    }
    printf("  random: %" PRIu64 " cycles, %" PRIu64 " commits, %" PRIu64 " clears, %" PRIu64
           " reads (every one a whole, current entry), %" PRIu64 " channel steals, %" PRIu64
           " bad channels\n", cycles, t->commits, t->clears, t->reads, t->steals,
           t->bad_channels);
    return true;
}

COSIM_RUN_TB_HOOKS

int main(int argc, char **argv)
{
    static const struct cosim_run_test test = {
        .block = &session_table_block, .rtl = COSIM_RTL_OPS(session_table), .model = &session_table_model_ops,
        .default_cycles = 1000000, .tb_size = sizeof(struct tb), .attach = cosim_tb_attach,
        .directed = cosim_tb_directed, .random = cosim_tb_random,
    };
    return cosim_run_main(argc, argv, &test);
}
