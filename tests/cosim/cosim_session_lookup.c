/* Lockstep test of hw/session_lookup.sv against model/session_lookup.c, and of
 * both against the software reference (session_ref.c), which resolves every
 * descriptor from the testbench's own copy of the table.
 *
 * The testbench plays session_table: it answers each port A request on the
 * next cycle with its table's entry (write-first, as session_table does) and
 * drives the channel table derived from it, while COMMITs and CLEARs change
 * the table under traffic. Descriptors carry every parser verdict and reason;
 * data messages hit known, unknown, out-of-range, invalid, stolen-channel and
 * wrong-tunnel sessions with in-order, ahead, old and wrapping Ns. Random
 * valid gaps on the descriptor stream, random backpressure on the result
 * stream, random READ indices. Checked every cycle: every result in order,
 * every counter event, every READ snapshot.
 * Directed cases first, with literal expectations: each verdict under both
 * policies, the unknown-session cases, wrong tunnel, sequencing (back to back
 * on one session: each packet sees its predecessor's Nr), wrap-around and
 * the §5.8 window edge, COMMIT and CLEAR under traffic, one descriptor per
 * cycle without a bubble. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"
#include "l2tp_const.h"
#include "net_rx_desc.h"
#include "session_lookup.h"
#include "session_ref.h"

#define COSIM_BLOCK session_lookup
#define COSIM_PORTS_DEF "session_lookup_ports.def"
#include "cosim_model.h"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops session_lookup_rtl_ops;
#endif

#define QCAP 64
#define STALL_CYCLES 1000

typedef uint32_t entry_t[SESS_ENTRY_WORDS];

struct cnt_expect {
    bool valid;
    unsigned rx_reason;
    bool unknown, wrong_tunnel, ooo;
};

/* The commands of one cycle. */
struct cmd {
    bool commit, clear, zero;
    unsigned ci, xi;
    uint32_t seq;
    entry_t entry;
};

struct tb {
    struct cosim *c;
    uint64_t rng;
    struct sess_ref ref;
    unsigned policy;
    entry_t a_entry;                   /* what port A shows this cycle */
    /* expected results, in order */
    struct sess_ref_result q[QCAP];
    size_t q_head, q_len;
    struct cnt_expect cnt[4];          /* by cycle mod 4: events two cycles on */
    struct sess_ref_state rd_expect;   /* the READ snapshot this cycle */
    unsigned rd_index;
    /* results taken in directed cases */
    struct sess_ref_result got[QCAP];
    size_t n_got;
    uint64_t results, by_action[4], unknown, wrong_tunnel, ooo, commits, clears, reads;
};

static void drive_channels(struct tb *t, struct session_lookup_io *in)
{
    in->chan_bound = 0;
    in->chan_sess = 0;
    for (unsigned c = 0; c < SESSION_N_CH; c++) {
        in->chan_bound |= (uint64_t)t->ref.bound[c] << c;
        in->chan_sess |= (uint64_t)(t->ref.sess[c] & (SESSION_DEPTH - 1)) << (c * SESSION_SESS_AW);
    }
}

static bool check_result(struct tb *t, const struct session_lookup_io *o)
{
    if (t->q_len == 0) {
        fprintf(stderr, "cycle %" PRIu64 ": a result nobody expected\n", t->c->cycle);
        return false;
    }
    const struct sess_ref_result *x = &t->q[t->q_head];
    struct sess_ref_result g = {
        .action = (unsigned)o->m_desc_action, .reason = (unsigned)o->m_desc_reason,
        .session = (uint16_t)o->m_desc_session, .channel = (uint16_t)o->m_desc_channel,
        .fcs32 = o->m_desc_fcs32, .tx_accm = (uint32_t)o->m_desc_accm,
        .payload_off = (uint16_t)o->m_desc_payload_off,
        .payload_len = (uint16_t)o->m_desc_payload_len,
    };
    if (g.action != x->action || g.reason != x->reason || g.session != x->session
        || g.channel != x->channel || g.fcs32 != x->fcs32 || g.tx_accm != x->tx_accm
        || g.payload_off != x->payload_off || g.payload_len != x->payload_len) {
        fprintf(stderr, "cycle %" PRIu64 ": result %" PRIu64 ": %s action %u reason %u "
                "session %u channel %u fcs32 %d accm 0x%08x off %u len %u\n"
                "  reference: action %u reason %u session %u channel %u fcs32 %d "
                "accm 0x%08x off %u len %u\n", t->c->cycle, t->results,
                t->c->engine[0].ops->name, g.action, g.reason, g.session, g.channel, g.fcs32,
                g.tx_accm, g.payload_off, g.payload_len, x->action, x->reason, x->session,
                x->channel, x->fcs32, x->tx_accm, x->payload_off, x->payload_len);
        return false;
    }
    if (t->n_got < QCAP)
        t->got[t->n_got++] = g;
    t->results++;
    t->by_action[g.action & 3]++;
    t->q_head = (t->q_head + 1) % QCAP;
    t->q_len--;
    return true;
}

static bool check_events(struct tb *t, const struct session_lookup_io *o)
{
    const struct cnt_expect *x = &t->cnt[t->c->cycle % 4];
    bool ok = o->cnt_rx_valid == x->valid && o->cnt_sess_unknown == (x->valid && x->unknown)
              && o->cnt_sess_wrong_tunnel == (x->valid && x->wrong_tunnel)
              && o->cnt_sess_out_of_order == (x->valid && x->ooo)
              && (!x->valid || o->cnt_rx_reason == x->rx_reason);
    if (!ok) {
        fprintf(stderr, "cycle %" PRIu64 ": counter events rx %d/%u unknown %d wrong_tunnel %d "
                "ooo %d; reference rx %d/%u unknown %d wrong_tunnel %d ooo %d\n", t->c->cycle,
                (int)o->cnt_rx_valid, (unsigned)o->cnt_rx_reason, (int)o->cnt_sess_unknown,
                (int)o->cnt_sess_wrong_tunnel, (int)o->cnt_sess_out_of_order, x->valid,
                x->rx_reason, x->unknown, x->wrong_tunnel, x->ooo);
        return false;
    }
    const struct sess_ref_state *r = &t->rd_expect;
    if (o->rd_nr != r->nr || o->rd_packets != r->packets || o->rd_bytes != r->bytes
        || o->rd_drops != r->drops || o->rd_out_of_order != r->out_of_order) {
        fprintf(stderr, "cycle %" PRIu64 ": READ of %u: nr %u packets %u bytes %" PRIu64
                " drops %u ooo %u; reference %u %u %" PRIu64 " %u %u\n", t->c->cycle,
                t->rd_index, (unsigned)o->rd_nr, (unsigned)o->rd_packets, (uint64_t)o->rd_bytes,
                (unsigned)o->rd_drops, (unsigned)o->rd_out_of_order, r->nr, r->packets, r->bytes,
                r->drops, r->out_of_order);
        return false;
    }
    return true;
}

/* One cycle. *offer (may be NULL) is the descriptor on s_desc; *taken tells
 * whether it was accepted. */
static bool cycle(struct tb *t, const struct sess_ref_desc *offer, const struct cmd *k,
                  bool ready, unsigned rd_index, bool *taken)
{
    struct session_lookup_io *in = cosim_inputs(t->c);
    in->rst = 0;
    in->cfg_policy = t->policy;
    in->s_desc_tvalid = offer != NULL;
    if (offer) {
        in->s_desc_verdict = offer->verdict;
        in->s_desc_reason = offer->reason;
        in->s_desc_l2tp_flags = offer->flags;
        in->s_desc_tunnel_id = offer->tunnel_id;
        in->s_desc_session_id = offer->session_id;
        in->s_desc_ns = offer->ns;
        in->s_desc_payload_off = offer->payload_off;
        in->s_desc_payload_len = offer->payload_len;
    } else {
        /* junk on the fields while not valid */
        uint64_t j = cosim_rand(&t->rng);
        in->s_desc_verdict = j & 3;
        in->s_desc_session_id = (j >> 8) & 0xFFFF;
        in->s_desc_ns = (j >> 24) & 0xFFFF;
    }
    memcpy(in->a_entry, t->a_entry, sizeof in->a_entry);
    drive_channels(t, in);
    in->commit_valid = k->commit;
    in->commit_index = k->ci;
    in->commit_seq = k->seq;
    in->commit_zero_counters = k->zero;
    in->clear_valid = k->clear;
    in->clear_index = k->xi;
    in->rd_index = rd_index;
    in->m_desc_tready = ready;
    if (!cosim_eval(t->c))
        return false;
    const struct session_lookup_io *o = cosim_outputs(t->c);
    if (!check_events(t, o))
        return false;
    if (o->m_desc_tvalid && o->m_desc_tready && !check_result(t, o))
        return false;

    /* the commands of this cycle, then the descriptor accepted in it */
    if (k->commit) {
        struct sess_ref_events ev = {0};
        sess_ref_commit(&t->ref, k->ci, k->entry, k->seq, k->zero, &ev);
        t->commits++;
    }
    if (k->clear) {
        sess_ref_clear(&t->ref, k->xi);
        t->clears++;
    }
    t->rd_index = rd_index;
    t->rd_expect = t->ref.st[rd_index];
    t->reads++;
    t->cnt[(t->c->cycle + 2) % 4] = (struct cnt_expect){0};
    *taken = offer && o->s_desc_tready;
    if (*taken) {
        unsigned idx = offer->session_id & (SESSION_DEPTH - 1);
        if (!o->a_req_valid || o->a_req_index != idx) {
            fprintf(stderr, "cycle %" PRIu64 ": port A request %d/%u, expected 1/%u\n",
                    t->c->cycle, (int)o->a_req_valid, (unsigned)o->a_req_index, idx);
            return false;
        }
        memcpy(t->a_entry, t->ref.ent[idx], sizeof(entry_t));
        if (t->q_len == QCAP) {
            fprintf(stderr, "cycle %" PRIu64 ": more than %d results outstanding\n",
                    t->c->cycle, QCAP);
            return false;
        }
        struct sess_ref_result *x = &t->q[(t->q_head + t->q_len++) % QCAP];
        sess_ref_resolve(&t->ref, t->policy, offer, x);
        t->cnt[(t->c->cycle + 2) % 4] = (struct cnt_expect){
            true, offer->reason, x->cnt_unknown, x->cnt_wrong_tunnel, x->cnt_out_of_order};
        t->unknown += x->cnt_unknown;
        t->wrong_tunnel += x->cnt_wrong_tunnel;
        t->ooo += x->cnt_out_of_order;
    }
    cosim_tick(t->c);
    return true;
}

static bool reset(struct tb *t)
{
    struct session_lookup_io *in = cosim_inputs(t->c);
    for (int i = 0; i < 2; i++) {
        in->rst = 1;
        in->s_desc_tvalid = cosim_rand(&t->rng) & 1;
        in->commit_valid = 0;
        in->clear_valid = 0;
        in->m_desc_tready = cosim_rand(&t->rng) & 1;
        if (!cosim_eval(t->c))
            return false;
        cosim_tick(t->c);
    }
    sess_ref_reset(&t->ref);
    t->q_len = 0;
    memset(t->cnt, 0, sizeof t->cnt);
    memset(&t->rd_expect, 0, sizeof t->rd_expect);
    t->rd_index = 0;
    return true;
}

/* Drains the result FIFO (no commands, always ready). */
static bool drain(struct tb *t)
{
    struct cmd none = {0};
    bool taken;
    for (int i = 0; i < 8; i++)
        if (!cycle(t, NULL, &none, true, 1, &taken))
            return false;
    return t->q_len == 0;
}

/* ---- directed cases */

static void make_entry(entry_t e, unsigned idx, uint32_t flags, uint16_t tunnel, unsigned ch)
{
    for (unsigned w = 0; w < SESS_ENTRY_WORDS; w++)
        e[w] = 0x5A000000u | (idx << 8) | w;
    e[ENT_WORD_FLAGS] = flags;
    e[ENT_WORD_LOCAL_IDS] = ((uint32_t)tunnel << 16) | idx;
    e[ENT_WORD_BINDING] = (1500u << 16) | ch;
    e[ENT_WORD_TX_ACCM] = 0x000A0000u + idx;
}

static bool commit(struct tb *t, unsigned idx, const entry_t e, uint16_t nr, bool zero)
{
    struct cmd k = {.commit = true, .ci = idx, .seq = nr, .zero = zero};
    memcpy(k.entry, e, sizeof(entry_t));
    bool taken;
    return cycle(t, NULL, &k, true, idx, &taken);
}

static struct sess_ref_desc data(uint16_t tunnel, uint16_t session, bool s, uint16_t ns)
{
    return (struct sess_ref_desc){
        .verdict = NET_RX_VERDICT_L2TP_DATA, .flags = L2TP_VERSION | (s ? L2TP_HDR_S : 0),
        .tunnel_id = tunnel, .session_id = session, .ns = ns,
        .payload_off = 50, .payload_len = 100};
}

/* Sends n descriptors back to back (always ready), drains, and returns the
 * cycles between the first and the last acceptance. */
static bool burst(struct tb *t, const struct sess_ref_desc *d, size_t n, uint64_t *span)
{
    struct cmd none = {0};
    size_t i = 0;
    uint64_t first = 0, last = 0;
    t->n_got = 0;
    for (int guard = 0; i < n && guard < STALL_CYCLES; guard++) {
        bool taken;
        if (!cycle(t, &d[i], &none, true, d[i].session_id & (SESSION_DEPTH - 1), &taken))
            return false;
        if (taken) {
            if (i == 0)
                first = t->c->cycle;
            last = t->c->cycle;
            i++;
        }
    }
    if (span)
        *span = last - first;
    return i == n && drain(t);
}

struct want {
    unsigned action, reason;
};

static bool expect(struct tb *t, const char *name, const struct want *w, size_t n)
{
    bool ok = t->n_got == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = t->got[i].action == w[i].action && t->got[i].reason == w[i].reason;
    if (!ok) {
        fprintf(stderr, "directed \"%s\": results differ from the literal expectation:\n", name);
        for (size_t i = 0; i < t->n_got || i < n; i++)
            fprintf(stderr, "  %zu: got %u/%u want %u/%u\n", i,
                    i < t->n_got ? t->got[i].action : 9, i < t->n_got ? t->got[i].reason : 99,
                    i < n ? w[i].action : 9, i < n ? w[i].reason : 99);
    }
    return ok;
}

#define D DISPATCH_ACTION_DROP
#define P DISPATCH_ACTION_PUNT_FRAME
#define H DISPATCH_ACTION_HOST_PPP
#define C DISPATCH_ACTION_CHAN_PPP
#define N_(a) (sizeof(a) / sizeof((a)[0]))

static bool directed(struct tb *t)
{
    const uint32_t V = ENT_FLAG_VALID;
    entry_t e;
    bool ok = reset(t);

    /* verdicts other than data, under both policies */
    struct sess_ref_desc other[] = {
        {.verdict = NET_RX_VERDICT_L2TP_CONTROL, .flags = 0xC802, .tunnel_id = 7},
        {.verdict = NET_RX_VERDICT_NOT_FOR_US, .reason = NET_RX_REASON_NON_IPV4},
        {.verdict = NET_RX_VERDICT_NOT_FOR_US, .reason = NET_RX_REASON_OTHER_PORT},
        {.verdict = NET_RX_VERDICT_MALFORMED, .reason = NET_RX_REASON_FRAGMENT},
        {.verdict = NET_RX_VERDICT_MALFORMED, .reason = NET_RX_REASON_BAD_IPV4_CHECKSUM},
        {.verdict = NET_RX_VERDICT_MALFORMED, .reason = NET_RX_REASON_OFFSET_PAST_END},
    };
    t->policy = 0x1F;
    ok = ok && burst(t, other, N_(other), NULL);
    static const struct want punt_all[] = {{P, PUNT_CONTROL}, {P, PUNT_NOT_FOR_US},
        {P, PUNT_NOT_FOR_US}, {P, PUNT_FRAGMENT}, {P, PUNT_MALFORMED}, {P, PUNT_MALFORMED}};
    ok = ok && expect(t, "other verdicts, punt policy", punt_all, N_(punt_all));
    t->policy = 0;
    ok = ok && burst(t, other, N_(other), NULL);
    static const struct want drop_all[] = {{P, PUNT_CONTROL}, {D, 1}, {D, 3}, {D, 9}, {D, 8},
                                           {D, 14}};
    ok = ok && expect(t, "other verdicts, drop policy", drop_all, N_(drop_all));

    /* sessions: 3 on channel 1, 4 to the host with sequencing, 5 invalid,
     * 6 with another local session ID, 8 and then 9 on channel 2 (9 wins) */
    make_entry(e, 3, V | ENT_FLAG_FCS32, 100, 1);
    ok = ok && commit(t, 3, e, 0, true);
    make_entry(e, 4, V | ENT_FLAG_BIND_HOST | ENT_FLAG_SEQ_RX, 200, 0);
    ok = ok && commit(t, 4, e, 0, true);
    make_entry(e, 5, 0, 100, 0);
    ok = ok && commit(t, 5, e, 0, true);
    make_entry(e, 6, V | ENT_FLAG_BIND_HOST, 100, 0);
    e[ENT_WORD_LOCAL_IDS] = (100u << 16) | 7;
    ok = ok && commit(t, 6, e, 0, true);
    make_entry(e, 8, V, 100, 2);
    ok = ok && commit(t, 8, e, 0, true);
    make_entry(e, 9, V, 100, 2);
    ok = ok && commit(t, 9, e, 0, true);
    t->policy = POLICY_PUNT_UNKNOWN_SESSION;
    struct sess_ref_desc sess[] = {
        data(100, 3, false, 0),          /* channel 1 */
        data(200, 4, false, 0),          /* host */
        data(100, 0, false, 0),          /* session 0 */
        data(100, SESSION_DEPTH + 3, false, 0),  /* beyond the table */
        data(100, 5, false, 0),          /* not VALID */
        data(100, 6, false, 0),          /* entry of another local ID */
        data(100, 8, false, 0),          /* lost its channel to 9 */
        data(100, 9, false, 0),          /* channel 2 */
        data(101, 3, false, 0),          /* wrong tunnel */
    };
    ok = ok && burst(t, sess, N_(sess), NULL);
    static const struct want sess_w[] = {
        {C, 0}, {H, PUNT_SESSION_PPP}, {P, PUNT_UNKNOWN_SESSION}, {P, PUNT_UNKNOWN_SESSION},
        {P, PUNT_UNKNOWN_SESSION}, {P, PUNT_UNKNOWN_SESSION}, {P, PUNT_UNKNOWN_SESSION}, {C, 0},
        {D, CNT_REASON_SESS_WRONG_TUNNEL}};
    ok = ok && expect(t, "session resolution", sess_w, N_(sess_w));
    if (ok && (t->got[0].channel != 1 || !t->got[0].fcs32 || t->got[0].tx_accm != 0x000A0003u
               || t->got[7].channel != 2 || t->got[7].fcs32)) {
        fprintf(stderr, "directed: channel/FCS/ACCM/punt reason of delivered frames wrong\n");
        ok = false;
    }

    /* sequencing on session 4 (Nr 0), back to back: each sees the last's Nr */
    struct sess_ref_desc seq[] = {
        data(200, 4, true, 0), data(200, 4, true, 1), data(200, 4, true, 2),
        data(200, 4, true, 2),           /* duplicate: older than Nr 3 */
        data(200, 4, true, 10),          /* ahead: accepted, out of order, Nr 11 */
        data(200, 4, true, 5),           /* older */
        data(200, 4, false, 0),          /* no S: not checked */
        data(200, 4, true, 11),
        data(200, 4, true, (uint16_t)(12 + 32768)),   /* 32768 ahead: accepted */
        data(200, 4, true, (uint16_t)(32781 - 32767)), /* the 32767th before Nr: older */
    };
    uint64_t span = 0;
    ok = ok && burst(t, seq, N_(seq), &span);
    static const struct want seq_w[] = {{H, 2}, {H, 2}, {H, 2}, {D, 18}, {H, 2}, {D, 18},
                                        {H, 2}, {H, 2}, {H, 2}, {D, 18}};
    ok = ok && expect(t, "sequencing back to back", seq_w, N_(seq_w));
    if (ok && span != N_(seq) - 1) {
        fprintf(stderr, "directed: %zu back-to-back descriptors took %" PRIu64 " cycles, not "
                "one each\n", N_(seq), span + 1);
        ok = false;
    }
    if (ok)
        printf("  back to back on one session: %zu descriptors accepted in %" PRIu64
               " cycles (one per cycle), each saw its predecessor's Nr\n", N_(seq), span + 1);
    /* wrap: Nr 0xFFFE */
    make_entry(e, 4, V | ENT_FLAG_BIND_HOST | ENT_FLAG_SEQ_RX, 200, 0);
    ok = ok && commit(t, 4, e, 0xFFFE, false);
    struct sess_ref_desc wrap[] = {data(200, 4, true, 0xFFFE), data(200, 4, true, 0xFFFF),
                                   data(200, 4, true, 0), data(200, 4, true, 0xFFFF),
                                   data(200, 4, true, 1)};
    ok = ok && burst(t, wrap, N_(wrap), NULL);
    static const struct want wrap_w[] = {{H, 2}, {H, 2}, {H, 2}, {D, 18}, {H, 2}};
    ok = ok && expect(t, "sequence wrap", wrap_w, N_(wrap_w));

    /* COMMIT and CLEAR while descriptors of that session flow */
    struct cmd k = {0};
    bool taken;
    struct sess_ref_desc d = data(200, 4, true, 2);
    for (int i = 0; ok && i < 40; i++) {
        memset(&k, 0, sizeof k);
        if (i % 5 == 1) {
            k.commit = true;
            k.ci = 4;
            k.seq = (uint32_t)(i * 3);
            k.zero = i % 10 == 1;
            make_entry(k.entry, 4, V | ENT_FLAG_BIND_HOST | ENT_FLAG_SEQ_RX, 200, 0);
        } else if (i % 7 == 3) {
            k.clear = true;
            k.xi = 4;
        }
        d.ns = (uint16_t)(d.ns + (i % 3));
        ok = cycle(t, &d, &k, i % 4 != 0, 4, &taken);
    }
    ok = ok && drain(t);
    printf("  directed: %s\n", ok ? "pass" : "FAIL");
    return ok;
}

/* ---- seeded random traffic */

static void random_entry(struct tb *t, unsigned idx, entry_t e)
{
    for (unsigned w = 0; w < SESS_ENTRY_WORDS; w++)
        e[w] = (uint32_t)cosim_rand(&t->rng);
    uint32_t flags = (uint32_t)cosim_rand(&t->rng) & 0x3Fu;
    if (cosim_chance(&t->rng, 85))
        flags |= ENT_FLAG_VALID;
    e[ENT_WORD_FLAGS] = flags;
    unsigned local = cosim_chance(&t->rng, 95) ? idx : (unsigned)cosim_rand(&t->rng) & 0xFFFF;
    e[ENT_WORD_LOCAL_IDS] = ((uint32_t)cosim_range(&t->rng, 1, 3) << 16) | local;
    unsigned ch = cosim_chance(&t->rng, 95) ? (unsigned)cosim_range(&t->rng, 0, SESSION_N_CH - 1)
                                          : (unsigned)cosim_rand(&t->rng) & 0xFFFF;
    e[ENT_WORD_BINDING] = (e[ENT_WORD_BINDING] & 0xFFFF0000u) | ch;
}

static void random_desc(struct tb *t, const unsigned *hot, struct sess_ref_desc *d)
{
    uint64_t *rng = &t->rng;
    memset(d, 0, sizeof *d);
    unsigned r = (unsigned)(cosim_rand(rng) % 100);
    d->verdict = r < 70 ? NET_RX_VERDICT_L2TP_DATA : r < 80 ? NET_RX_VERDICT_L2TP_CONTROL
                 : r < 90 ? NET_RX_VERDICT_NOT_FOR_US : NET_RX_VERDICT_MALFORMED;
    if (d->verdict == NET_RX_VERDICT_NOT_FOR_US)
        d->reason = (unsigned)cosim_range(rng, NET_RX_REASON_NON_IPV4, NET_RX_REASON_OTHER_IP);
    else if (d->verdict == NET_RX_VERDICT_MALFORMED)
        d->reason = (unsigned)cosim_range(rng, NET_RX_REASON_RUNT, NET_RX_REASON_OFFSET_PAST_END);
    r = (unsigned)(cosim_rand(rng) % 100);
    d->session_id = r < 85 ? (uint16_t)hot[cosim_rand(rng) % 8]
                    : r < 90 ? 0 : r < 95 ? (uint16_t)cosim_rand(rng)
                    : (uint16_t)cosim_range(rng, 1, SESSION_DEPTH - 1);
    unsigned idx = d->session_id & (SESSION_DEPTH - 1);
    const uint32_t *e = t->ref.ent[idx];
    d->tunnel_id = cosim_chance(rng, 90) ? (uint16_t)(e[ENT_WORD_LOCAL_IDS] >> 16)
                                         : (uint16_t)cosim_range(rng, 1, 3);
    d->flags = (uint16_t)(L2TP_VERSION | (cosim_chance(rng, 75) ? L2TP_HDR_S : 0)
                          | (cosim_rand(rng) & L2TP_HDR_L));
    if (d->verdict == NET_RX_VERDICT_L2TP_CONTROL)
        d->flags |= L2TP_HDR_T | L2TP_HDR_L | L2TP_HDR_S;
    uint16_t nr = t->ref.st[idx].nr;
    r = (unsigned)(cosim_rand(rng) % 100);
    d->ns = r < 60 ? nr : r < 75 ? (uint16_t)(nr + cosim_range(rng, 1, 5))
            : r < 90 ? (uint16_t)(nr - cosim_range(rng, 1, 5)) : (uint16_t)cosim_rand(rng);
    d->payload_off = (uint16_t)cosim_range(rng, 42, 90);
    d->payload_len = (uint16_t)cosim_rand(rng);
}

static bool random_traffic(struct tb *t, uint64_t cycles)
{
    static const unsigned pcts[] = {0, 0, 0, 5, 10, 30, 60, 90};
    unsigned hot[8];
    for (unsigned i = 0; i < 8; i++)
        hot[i] = (unsigned)cosim_range(&t->rng, 1, SESSION_DEPTH - 1);
    struct sess_ref_desc d;
    bool offering = false;
    uint64_t stalled = 0, start = t->c->cycle;
    unsigned gap = 0, bp = 0, cmd_pct = 2, policy = t->policy;
    bool last_taken = false;
    for (uint64_t n = 0; n < cycles; n++) {
        if (n % 4096 == 0) {   /* a new phase of gaps, backpressure, churn, policy */
            gap = pcts[cosim_rand(&t->rng) % 8];
            bp = pcts[cosim_rand(&t->rng) % 8];
            cmd_pct = (unsigned)cosim_range(&t->rng, 0, 20);
            policy = (unsigned)cosim_rand(&t->rng) & 0x1F;
        }
        /* stage 1 samples the policy one cycle after acceptance, and the
         * reference resolves at acceptance: change it only when no
         * descriptor is between the two */
        if (!last_taken)
            t->policy = policy;
        /* a valid descriptor stays until taken (stream rule) */
        if (!offering && !cosim_chance(&t->rng, gap)) {
            random_desc(t, hot, &d);
            offering = true;
        }
        struct cmd k = {0};
        if (cosim_chance(&t->rng, cmd_pct)) {
            k.commit = true;
            k.ci = cosim_chance(&t->rng, 90) ? hot[cosim_rand(&t->rng) % 8]
                                             : (unsigned)cosim_rand(&t->rng) % SESSION_DEPTH;
            k.seq = (uint32_t)cosim_rand(&t->rng);
            k.zero = cosim_chance(&t->rng, 30);
            random_entry(t, k.ci, k.entry);
        }
        if (cosim_chance(&t->rng, cmd_pct / 4)) {
            k.clear = true;
            k.xi = hot[cosim_rand(&t->rng) % 8];
        }
        unsigned rd = cosim_chance(&t->rng, 80) ? hot[cosim_rand(&t->rng) % 8]
                                                : (unsigned)cosim_rand(&t->rng) % SESSION_DEPTH;
        bool taken;
        uint64_t before = t->results;
        if (!cycle(t, offering ? &d : NULL, &k, !cosim_chance(&t->rng, bp), rd, &taken))
            return false;
        if (taken)
            offering = false;
        last_taken = taken;
        stalled = (taken || t->results != before || !offering) ? 0 : stalled + 1;
        if (stalled > STALL_CYCLES) {
            fprintf(stderr, "cycle %" PRIu64 ": stalled\n", t->c->cycle);
            return false;
        }
        if (n % 300000 == 299999 && !reset(t))   /* a reset now and then, mid-traffic */
            return false;
    }
    printf("  random: %" PRIu64 " cycles, %" PRIu64 " results (drop %" PRIu64 ", punt %" PRIu64
           ", host %" PRIu64 ", channel %" PRIu64 "), %" PRIu64 " unknown, %" PRIu64
           " wrong tunnel, %" PRIu64 " out of order, %" PRIu64 " commits, %" PRIu64
           " clears, %" PRIu64 " READs\n", t->c->cycle - start, t->results, t->by_action[0],
           t->by_action[1], t->by_action[2], t->by_action[3], t->unknown, t->wrong_tunnel,
           t->ooo, t->commits, t->clears, t->reads);
    return true;
}

COSIM_RUN_TB_HOOKS

int main(int argc, char **argv)
{
    static const struct cosim_run_test test = {
        .block = &session_lookup_block, .rtl = COSIM_RTL_OPS(session_lookup), .model = &session_lookup_model_ops,
        .default_cycles = 1000000, .tb_size = sizeof(struct tb), .attach = cosim_tb_attach,
        .directed = cosim_tb_directed, .random = cosim_tb_random,
    };
    return cosim_run_main(argc, argv, &test);
}
