/* Lockstep test of hw/card_regs.sv against model/card_regs.c, and of both
 * against the software register model of card_regs_expect.c (written from
 * hw/regmap.md and driver/card_regs.h), every output, every cycle.
 *
 * Phases:
 *   1. reset values: every register driver/card_regs.h names in blocks
 *      ID..CNT is read at its offset and held against hw/regmap.md's reset
 *      value (a table here); the block chain is walked from 0 through NEXT;
 *      the shell's blocks (PUNT, INJECT, IRQ) read 0.
 *   2. RW registers keep their field bits, RO registers ignore writes.
 *   3. SESS: COMMIT (with and without ZERO_COUNTERS), READ (the staging words
 *      equal the three owners' answers, 64-bit counters across a carry),
 *      CLEAR, BAD_INDEX, BAD_CMD, writes while BUSY; strobe timing.
 *   4. CNT: increments on every slot, SNAPSHOT, CLEAR and both with events
 *      in the same cycle; the soft reset's length and effect.
 *   5. seeded random register reads and writes (valid and invalid offsets,
 *      misaligned, RO, RWSC), commands, counter increments on random slots,
 *      owner state changing under traffic, DMA error, resets.
 *   6. chaos: every input random (RTL against model only).
 * The test bench plays session_table, session_lookup and encap_builder: it
 * keeps their per-index state, applies COMMIT/CLEAR to it and answers READ
 * requests one cycle later, and drives random values on the answer ports at
 * every other time (they must be sampled at that cycle only). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../driver/card_regs.h"
#include "../../model/card_regs.h"
#include "card_regs_expect.h"
#include "cosim.h"
#include "cosim_args.h"
#include "cosim_run.h"

#define COSIM_BLOCK card_regs
#define COSIM_PORTS_DEF "card_regs_ports.def"
#include "cosim_port_table.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifndef COSIM_MODEL_ONLY
extern const struct cosim_engine_ops card_regs_rtl_ops;
#endif

/* ---- the C model as an engine (its parameters set at creation) */
struct model_engine {
    struct card_regs_state s, n;
};
static void *model_create(void)
{
    struct model_engine *m = calloc(1, sizeof *m);
    if (m) {
        struct card_regs_params p = card_regs_default_params();
        card_regs_init(&m->s, &p);
        card_regs_init(&m->n, &p);
    }
    return m;
}
static void model_destroy(void *impl)
{
    free(impl);
}
static void model_eval(void *impl, void *io)
{
    struct model_engine *m = impl;
    card_regs_eval(&m->s, io, &m->n);
}
static void model_tick(void *impl)
{
    struct model_engine *m = impl;
    card_regs_tick(&m->s, &m->n);
}
static const struct cosim_engine_ops card_regs_model_ops = {
    "model", model_create, model_destroy, model_eval, model_tick,
};

/* ---- the owners of the session state, as the test bench plays them */
#define N_SESS (1u << CRX_SESS_AW)
struct owner {
    uint32_t ent[CRX_ENT_WORDS];
    uint16_t nr, ns;
    uint32_t rx_packets, drops, out_of_order, tx_packets;
    uint64_t rx_bytes, tx_bytes;
};

struct stats {
    uint64_t reads, writes, commits, clears, read_cmds, refused, snapshots, clears_cnt,
        soft_resets, incs;
};

struct tb {
    struct cosim *c;
    uint64_t rng;
    struct crx x;
    struct owner *own;
    bool rd_req;                /* sess_rd_valid seen last cycle */
    uint32_t rd_idx;
    struct owner answered;      /* what the owners put out for the last READ */
    unsigned traffic_pct;       /* owner state changes per cycle */
    unsigned inc_pct;           /* counter increments per cycle */
    bool dma_error;
    struct stats st;
    /* the bus request of the next cycle */
    bool wr, rd;
    uint16_t wr_addr, rd_addr;
    uint32_t wdata;
    uint32_t inc[10];           /* this cycle's cnt_inc (296 bits) */
    struct card_regs_io out;    /* the last cycle's ports, outputs included */
    bool was_reset;             /* before the first reset nothing is defined */
};

static void random_owner(struct owner *o, uint64_t *rng)
{
    for (unsigned k = 0; k < CRX_ENT_WORDS; k++)
        o->ent[k] = (uint32_t)cosim_rand(rng);
    o->nr = (uint16_t)cosim_rand(rng);
    o->ns = (uint16_t)cosim_rand(rng);
    o->rx_packets = (uint32_t)cosim_rand(rng);
    o->drops = (uint32_t)cosim_rand(rng);
    o->out_of_order = (uint32_t)cosim_rand(rng);
    o->tx_packets = (uint32_t)cosim_rand(rng);
    /* byte counters just below a 32-bit carry, so the high word moves */
    o->rx_bytes = cosim_rand(rng) << 32 | (0xFFFFFFFFu - (uint32_t)cosim_range(rng, 0, 20000));
    o->tx_bytes = cosim_rand(rng) << 32 | (0xFFFFFFFFu - (uint32_t)cosim_range(rng, 0, 20000));
}

/* Traffic: the owners' dynamic state of a random session moves. */
static void owner_traffic(struct tb *t)
{
    if (!cosim_chance(&t->rng, t->traffic_pct))
        return;
    struct owner *o = &t->own[cosim_range(&t->rng, 1, N_SESS - 1)];
    uint64_t len = cosim_range(&t->rng, 1, 1500);
    if (cosim_rand(&t->rng) & 1) {
        o->rx_packets++;
        o->rx_bytes += len;
        o->nr++;
        if (cosim_chance(&t->rng, 10))
            o->drops++;
        if (cosim_chance(&t->rng, 10))
            o->out_of_order++;
    } else {
        o->tx_packets++;
        o->tx_bytes += len;
        o->ns++;
    }
}

static void owner_answer(struct card_regs_io *in, const struct owner *o)
{
    memcpy(in->tbl_rd_entry, o->ent, sizeof o->ent);
    in->rx_rd_nr = o->nr;
    in->rx_rd_packets = o->rx_packets;
    in->rx_rd_bytes = o->rx_bytes;
    in->rx_rd_drops = o->drops;
    in->rx_rd_out_of_order = o->out_of_order;
    in->tx_rd_ns = o->ns;
    in->tx_rd_packets = o->tx_packets;
    in->tx_rd_bytes = o->tx_bytes;
}

static void junk_answer(struct card_regs_io *in, uint64_t *rng)
{
    struct owner j;
    random_owner(&j, rng);
    owner_answer(in, &j);
}

/* Every output of the engines against the register model. */
static bool check_outputs(struct tb *t)
{
    struct card_regs_io want;
    memset(&want, 0, sizeof want);
    crx_outputs(&t->x, &want);
    const struct card_regs_io *got = cosim_outputs(t->c);
    for (size_t i = 0; i < card_regs_block.n_ports; i++) {
        const struct cosim_port *p = &card_regs_block.ports[i];
        if (p->dir != COSIM_OUT)
            continue;
        const unsigned char *g = (const unsigned char *)got + p->offset;
        const unsigned char *w = (const unsigned char *)&want + p->offset;
        size_t bytes = p->wide ? 4 * ((p->width + 31) / 32) : 8;
        if (memcmp(g, w, bytes)) {
            fprintf(stderr, "cycle %" PRIu64 ": %s %s=0x%" PRIx64 " register model (regmap)=0x%"
                    PRIx64 "\n", t->c->cycle, p->name, t->c->engine[0].ops->name,
                    cosim_port_value(p, got), cosim_port_value(p, &want));
            return false;
        }
    }
    return true;
}

/* One clock cycle with the bus request in t (then cleared). */
static bool cycle(struct tb *t, bool rst)
{
    struct card_regs_io *in = cosim_inputs(t->c);
    in->rst = rst;
    in->reg_wr_en = t->wr;
    in->reg_rd_en = t->rd;
    /* one address port: a read and a write in the same cycle share it */
    in->reg_addr = t->wr ? t->wr_addr : t->rd ? t->rd_addr : (uint16_t)cosim_rand(&t->rng);
    in->reg_wdata = t->wr ? t->wdata : (uint32_t)cosim_rand(&t->rng);
    in->dma_error = t->dma_error;
    memcpy(in->cnt_inc, t->inc, sizeof in->cnt_inc);
    in->cnt_inc[9] &= 0x000000FFu; /* 296 bits */
    if (t->rd_req)
        owner_answer(in, &t->answered);
    else
        junk_answer(in, &t->rng);

    if (!cosim_eval(t->c) || (t->was_reset && !check_outputs(t)))
        return false;
    t->was_reset |= rst;
    const struct card_regs_io *o = cosim_outputs(t->c);
    t->out = *o;
    if (o->commit_valid) {
        struct owner *w = &t->own[o->commit_index];
        memcpy(w->ent, o->commit_entry, sizeof w->ent);
        w->ns = (uint16_t)(o->commit_seq >> 16);
        w->nr = (uint16_t)o->commit_seq;
        if (o->commit_zero_counters) {
            w->rx_packets = w->drops = w->out_of_order = w->tx_packets = 0;
            w->rx_bytes = w->tx_bytes = 0;
        }
        t->st.commits++;
    }
    if (o->clear_valid) {
        t->own[o->clear_index].ent[0] &= ~CARD_ENT_VALID;
        t->st.clears++;
    }
    t->rd_req = o->sess_rd_valid;
    if (o->sess_rd_valid) {
        t->rd_idx = (uint32_t)o->sess_rd_index;
        t->answered = t->own[t->rd_idx];
        t->st.read_cmds++;
    }
    t->st.reads += t->rd;
    t->st.writes += t->wr;
    crx_edge(&t->x, in);
    cosim_tick(t->c);
    owner_traffic(t);
    t->wr = t->rd = false;
    memset(t->inc, 0, sizeof t->inc);
    return true;
}

static bool idle(struct tb *t, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (!cycle(t, false))
            return false;
    return true;
}

static bool do_reset(struct tb *t)
{
    for (int i = 0; i < 2; i++)
        if (!cycle(t, true))
            return false;
    return true;
}

static bool bus_write(struct tb *t, uint16_t addr, uint32_t data)
{
    t->wr = true;
    t->wr_addr = addr;
    t->wdata = data;
    return cycle(t, false);
}

/* A read: the request cycle, then the cycle whose outputs carry the data
 * (checked by the register model too); *v gets it. */
static bool bus_read(struct tb *t, uint16_t addr, uint32_t *v)
{
    t->rd = true;
    t->rd_addr = addr;
    if (!cycle(t, false) || !cycle(t, false))
        return false;
    if (!t->out.reg_rd_valid) {
        fprintf(stderr, "cycle %" PRIu64 ": no reg_rd_valid the cycle after reg_rd_en\n",
                t->c->cycle);
        return false;
    }
    *v = (uint32_t)t->out.reg_rdata;
    return true;
}

static bool expect_read(struct tb *t, uint16_t addr, uint32_t want, const char *what)
{
    uint32_t v;
    if (!bus_read(t, addr, &v))
        return false;
    if (v != want) {
        fprintf(stderr, "cycle %" PRIu64 ": %s (0x%04x) reads 0x%08x, want 0x%08x\n",
                t->c->cycle, what, addr, v, want);
        return false;
    }
    return true;
}

/* ---- phase 1: reset values and the chain, from the documents */
static bool reset_value(uint16_t addr, uint32_t *v)
{
    static const struct {
        uint16_t addr;
        uint32_t v;
    } tab[] = {
        /* hw/regmap.md: non-zero reset values (every other register resets to 0) */
        {CARD_BLK_ID_BASE + CARD_ID_VENDOR_DEVICE, CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID},
        {CARD_BLK_ID_BASE + CARD_ID_RTL_VERSION, CRX_RTL_VERSION},
        {CARD_BLK_ID_BASE + CARD_ID_DATA_W, CRX_DATA_W},
        {CARD_BLK_ID_BASE + CARD_ID_N_CH, CRX_N_CH},
        {CARD_BLK_ID_BASE + CARD_ID_SESS_AW, CRX_SESS_AW},
        {CARD_BLK_ID_BASE + CARD_ID_CLK_HZ, CRX_CLK_HZ},
        {CARD_BLK_CTRL_BASE + CARD_CTRL_STATUS, CARD_STATUS_READY},
        {CARD_BLK_DP_BASE + CARD_DP_L2TP_PORT, 1701},
        {CARD_BLK_DP_BASE + CARD_DP_POLICY, CARD_POLICY_PUNT_FRAGMENTS |
                                            CARD_POLICY_PUNT_UNKNOWN_SESSION |
                                            CARD_POLICY_PUNT_NOT_FOR_US},
        {CARD_BLK_DP_BASE + CARD_DP_UNBOUND_MRU, 1500},
        {CARD_BLK_DP_BASE + CARD_DP_UNBOUND_ACCM, 0xFFFFFFFFu},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        if (tab[i].addr == addr) {
            *v = tab[i].v;
            return true;
        }
    }
    *v = 0;
    return false;
}

static bool phase_reset_values(struct tb *t)
{
    if (!do_reset(t))
        return false;
    static const struct {
        const char *blk, *name;
        uint16_t off;
    } regs[] = {
#define X(blk, name, off, acc) {#blk, #name, (off)},
        CARD_REGS(X)
#undef X
    };
    static const struct {
        const char *name;
        uint16_t base;
        uint32_t type, version;
    } blocks[] = {
#define X(name, base, type, version) {#name, (base), (type), (version)},
        CARD_BLOCKS(X)
#undef X
    };
    const size_t nb = sizeof blocks / sizeof blocks[0];
    unsigned n = 0, shell = 0;
    for (size_t b = 0; b < nb; b++) {
        bool mine = b < 5; /* ID, CTRL, DP, SESS, CNT; the shell has the rest */
        for (size_t r = 0; r < sizeof regs / sizeof regs[0]; r++) {
            if (strcmp(regs[r].blk, blocks[b].name) && strcmp(regs[r].blk, "BLK"))
                continue;
            uint16_t addr = (uint16_t)(blocks[b].base + regs[r].off);
            uint32_t want;
            reset_value(addr, &want);
            if (mine && !strcmp(regs[r].blk, "BLK"))
                want = !strcmp(regs[r].name, "TYPE") ? blocks[b].type
                     : !strcmp(regs[r].name, "VERSION") ? blocks[b].version
                     : blocks[b + 1].base; /* NEXT: CNT's is PUNT, the shell's first */
            if (!mine)
                want = 0;
            char what[64];
            snprintf(what, sizeof what, "%s.%s after reset", blocks[b].name, regs[r].name);
            if (!expect_read(t, addr, want, what))
                return false;
            n++;
            shell += !mine;
        }
    }
    /* the chain, as the driver walks it */
    uint32_t base = 0;
    size_t b = 0;
    for (; b < 5; b++) {
        if (base != blocks[b].base) {
            fprintf(stderr, "chain: block %zu at 0x%x, want %s at 0x%x\n", b, base,
                    blocks[b].name, blocks[b].base);
            return false;
        }
        uint32_t type, next;
        if (!bus_read(t, (uint16_t)(base + CARD_BLK_TYPE), &type) ||
            !bus_read(t, (uint16_t)(base + CARD_BLK_NEXT), &next))
            return false;
        if (type != blocks[b].type) {
            fprintf(stderr, "chain: type 0x%08x at 0x%x, want %s 0x%08x\n", type, base,
                    blocks[b].name, blocks[b].type);
            return false;
        }
        base = next;
    }
    if (base != CARD_BLK_PUNT_BASE) {
        fprintf(stderr, "chain: CNT's NEXT is 0x%x, want the shell's PUNT 0x%x\n", base,
                CARD_BLK_PUNT_BASE);
        return false;
    }
    printf("  reset values: %u registers of card_regs.h read at their offsets (%u of the "
           "shell's, reading 0), chain ID->CTRL->DP->SESS->CNT->0x%04x\n", n, shell,
           CARD_BLK_PUNT_BASE);
    return true;
}

/* ---- phase 2: field widths of RW registers, RO registers ignore writes */
static bool phase_rw(struct tb *t)
{
    static const struct {
        uint16_t addr;
        uint32_t mask;
    } rw[] = {
        {CARD_BLK_CTRL_BASE + CARD_CTRL_SCRATCH, 0xFFFFFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_L2TP_PORT, 0xFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_LOCAL_IP, 0xFFFFFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_HI, 0xFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_LO, 0xFFFFFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_POLICY, 0x1Fu},
        {CARD_BLK_DP_BASE + CARD_DP_UNBOUND_MRU, 0xFFFFu},
        {CARD_BLK_DP_BASE + CARD_DP_UNBOUND_ACCM, 0xFFFFFFFFu},
        {CARD_BLK_SESS_BASE + CARD_SESS_INDEX, 0xFFFFFFFFu},
    };
    static const uint32_t pats[] = {0xFFFFFFFFu, 0, 0xA5A5A5A5u, 0x5A5A5A5Au};
    for (size_t i = 0; i < sizeof rw / sizeof rw[0]; i++) {
        for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
            if (!bus_write(t, rw[i].addr, pats[p]) ||
                !expect_read(t, rw[i].addr, pats[p] & rw[i].mask, "RW register"))
                return false;
        }
    }
    for (uint16_t k = 0; k < CRX_STAGE_WORDS; k++) {
        uint16_t a = (uint16_t)(CARD_BLK_SESS_BASE + CARD_SESS_ENT_FIRST + 4 * k);
        if (!bus_write(t, a, 0xC0DE0000u | k) || !expect_read(t, a, 0xC0DE0000u | k, "ENT_*"))
            return false;
    }
    /* the DP outputs carry the registers */
    if (!bus_write(t, CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_HI, 0x0200) ||
        !bus_write(t, CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_LO, 0x5E000153u) || !idle(t, 1))
        return false;
    if (t->out.cfg_local_mac != 0x02005E000153u) {
        fprintf(stderr, "cfg_local_mac is not 02:00:5e:00:01:53\n");
        return false;
    }
    /* RO registers: writes change nothing */
    unsigned ro = 0;
    for (uint16_t a = 0; a < 0x500; a += 4) {
        const char *acc;
        if (!crx_lookup(a, &acc) || strcmp(acc, "RO"))
            continue;
        uint32_t before, after;
        if (!bus_read(t, a, &before) || !bus_write(t, a, ~before) || !bus_read(t, a, &after))
            return false;
        if (before != after) {
            fprintf(stderr, "RO register 0x%04x changed by a write: 0x%08x -> 0x%08x\n", a,
                    before, after);
            return false;
        }
        ro++;
    }
    printf("  RW field widths and patterns, %u RO registers unchanged by writes\n", ro);
    return true;
}

/* ---- phase 3: SESS commands */
static bool sess_cmd(struct tb *t, uint32_t index, uint32_t cmd, uint32_t want_status,
                     unsigned want_busy_cycles)
{
    if (!bus_write(t, CARD_BLK_SESS_BASE + CARD_SESS_INDEX, index) ||
        !bus_write(t, CARD_BLK_SESS_BASE + CARD_SESS_CMD, cmd))
        return false;
    /* CMD read every cycle: non-zero exactly want_busy_cycles reads */
    unsigned busy = 0;
    for (unsigned i = 0; i < 6; i++) {
        t->rd = true;
        t->rd_addr = CARD_BLK_SESS_BASE + CARD_SESS_CMD;
        if (!cycle(t, false))
            return false;
        if (i > 0 && t->out.reg_rdata)
            busy++;
    }
    if (!idle(t, 1))
        return false;
    if (busy != want_busy_cycles) {
        fprintf(stderr, "SESS cmd 0x%x index %u: CMD read non-zero %u cycles, want %u\n", cmd,
                index, busy, want_busy_cycles);
        return false;
    }
    return expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_STATUS, want_status, "SESS.STATUS");
}

static bool phase_sess(struct tb *t)
{
    uint64_t c0 = t->st.commits, r0 = t->st.read_cmds, k0 = t->st.clears;
    uint32_t words[CRX_STAGE_WORDS];
    for (unsigned k = 0; k < CRX_STAGE_WORDS; k++) {
        words[k] = (uint32_t)cosim_rand(&t->rng);
        if (!bus_write(t, (uint16_t)(CARD_BLK_SESS_BASE + CARD_SESS_ENT_FIRST + 4 * k),
                       words[k]))
            return false;
    }
    const uint32_t idx = 5;
    t->own[idx].rx_bytes = 0x00000001FFFFFFF0ull;
    /* COMMIT with ZERO_COUNTERS: one cycle busy */
    if (!sess_cmd(t, idx, CARD_SESS_CMD_COMMIT | CARD_SESS_CMD_ZERO_COUNTERS, 0, 1))
        return false;
    if (memcmp(t->own[idx].ent, words, sizeof t->own[idx].ent) ||
        t->own[idx].ns != words[14] >> 16 || t->own[idx].nr != (uint16_t)words[14] ||
        t->own[idx].rx_bytes != 0) {
        fprintf(stderr, "COMMIT did not hand the staging words and ZERO_COUNTERS over\n");
        return false;
    }
    /* traffic moves the counters, a 64-bit carry included */
    t->own[idx].rx_bytes = 0x00000001FFFFFFF0ull;
    t->own[idx].tx_bytes = 0x12345678FFFFFFFFull;
    t->own[idx].rx_packets = 77;
    /* READ: two cycles busy; the staging words are the owners' answer */
    if (!sess_cmd(t, idx, CARD_SESS_CMD_READ, 0, 2))
        return false;
    const struct owner *a = &t->answered;
    for (unsigned k = 0; k < CRX_ENT_WORDS; k++)
        if (!expect_read(t, (uint16_t)(CARD_BLK_SESS_BASE + CARD_SESS_ENT_FIRST + 4 * k),
                         a->ent[k], "ENT word after READ"))
            return false;
    if (!expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_SEQ,
                     (uint32_t)a->ns << 16 | a->nr, "ENT_SEQ after READ") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_RX_PACKETS, a->rx_packets, "RX_PACKETS") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_RX_BYTES_LO, (uint32_t)a->rx_bytes,
                     "RX_BYTES_LO") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_RX_BYTES_HI,
                     (uint32_t)(a->rx_bytes >> 32), "RX_BYTES_HI") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_TX_PACKETS, a->tx_packets, "TX_PACKETS") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_TX_BYTES_LO, (uint32_t)a->tx_bytes,
                     "TX_BYTES_LO") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_TX_BYTES_HI,
                     (uint32_t)(a->tx_bytes >> 32), "TX_BYTES_HI") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_DROPS, a->drops, "DROPS") ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_OUT_OF_ORDER, a->out_of_order,
                     "OUT_OF_ORDER"))
        return false;
    /* CLEAR, then READ: VALID is 0 (the driver's check) */
    t->own[idx].ent[0] |= CARD_ENT_VALID;
    if (!sess_cmd(t, idx, CARD_SESS_CMD_CLEAR, 0, 1) || !sess_cmd(t, idx, CARD_SESS_CMD_READ, 0, 2))
        return false;
    uint32_t flags;
    if (!bus_read(t, CARD_BLK_SESS_BASE + CARD_SESS_ENT_FLAGS, &flags))
        return false;
    if (flags & CARD_ENT_VALID) {
        fprintf(stderr, "ENT_FLAGS 0x%08x still VALID after CLEAR and READ\n", flags);
        return false;
    }
    /* refused commands: nothing happens, CMD never reads busy */
    uint64_t c1 = t->st.commits;
    if (!sess_cmd(t, 0, CARD_SESS_CMD_COMMIT, CARD_SESS_STATUS_BAD_INDEX, 0) ||
        !sess_cmd(t, N_SESS, CARD_SESS_CMD_COMMIT, CARD_SESS_STATUS_BAD_INDEX, 0) ||
        !sess_cmd(t, 0xFFFFFFFFu, CARD_SESS_CMD_READ, CARD_SESS_STATUS_BAD_INDEX, 0) ||
        !sess_cmd(t, 7, 0, CARD_SESS_STATUS_BAD_CMD, 0) ||
        !sess_cmd(t, 7, 4, CARD_SESS_STATUS_BAD_CMD, 0) ||
        !sess_cmd(t, 0, 0xFF, CARD_SESS_STATUS_BAD_CMD | CARD_SESS_STATUS_BAD_INDEX, 0) ||
        !sess_cmd(t, N_SESS - 1, CARD_SESS_CMD_CLEAR, 0, 1))
        return false;
    if (t->st.commits != c1) {
        fprintf(stderr, "a refused command pulsed commit_valid\n");
        return false;
    }
    /* writes while BUSY are ignored: CMD READ, then at once INDEX and ENT_FLAGS */
    if (!bus_write(t, CARD_BLK_SESS_BASE + CARD_SESS_INDEX, 9) ||
        !bus_write(t, CARD_BLK_SESS_BASE + CARD_SESS_CMD, CARD_SESS_CMD_READ) ||
        !bus_write(t, CARD_BLK_SESS_BASE + CARD_SESS_INDEX, 10) || !idle(t, 4) ||
        !expect_read(t, CARD_BLK_SESS_BASE + CARD_SESS_INDEX, 9, "INDEX written while BUSY"))
        return false;
    printf("  SESS: %" PRIu64 " COMMIT, %" PRIu64 " READ, %" PRIu64 " CLEAR, refused commands, "
           "busy timing, 64-bit counters across a carry\n", t->st.commits - c0,
           t->st.read_cmds - r0, t->st.clears - k0);
    return true;
}

/* ---- phase 4: CNT and the soft reset */
static void set_inc(struct tb *t, unsigned slot, uint32_t v)
{
    for (unsigned b = 0; b < CRX_CNT_INC_W; b++) {
        unsigned bit = slot * CRX_CNT_INC_W + b;
        t->inc[bit / 32] &= ~(1u << (bit % 32));
        t->inc[bit / 32] |= ((v >> b) & 1u) << (bit % 32);
    }
}

static bool expect_counters(struct tb *t, uint32_t per_slot_factor, const char *what)
{
    for (unsigned k = 0; k < CRX_CNT_SLOTS; k++) {
        uint32_t want = k == 15 ? 0 : per_slot_factor * (k + 1);
        if (!expect_read(t, (uint16_t)(CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_OK + 4 * k), want, what))
            return false;
    }
    return true;
}

static bool phase_cnt(struct tb *t)
{
    const uint16_t cc = CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL;
    if (!bus_write(t, cc, CARD_CNT_CLEAR))
        return false;
    /* 10 cycles of slot k adding k+1 (slot 15, 0x7C, has no counter) */
    for (int n = 0; n < 10; n++) {
        for (unsigned k = 0; k < CRX_CNT_SLOTS; k++)
            set_inc(t, k, k + 1);
        if (!idle(t, 1))
            return false;
    }
    /* not visible before SNAPSHOT */
    if (!expect_counters(t, 0, "counter before SNAPSHOT") || !bus_write(t, cc, CARD_CNT_SNAPSHOT) ||
        !expect_counters(t, 10, "counter after SNAPSHOT"))
        return false;
    /* SNAPSHOT|CLEAR with one more event in that cycle: the snapshot has 10,
     * the fresh count the one event */
    for (unsigned k = 0; k < CRX_CNT_SLOTS; k++)
        set_inc(t, k, k + 1);
    t->wr = true;
    t->wr_addr = cc;
    t->wdata = CARD_CNT_SNAPSHOT | CARD_CNT_CLEAR;
    if (!cycle(t, false) || !expect_counters(t, 10, "snapshot of SNAPSHOT|CLEAR") ||
        !bus_write(t, cc, CARD_CNT_SNAPSHOT) ||
        !expect_counters(t, 1, "event in the SNAPSHOT|CLEAR cycle"))
        return false;
    /* CLEAR alone zeroes the readable registers too */
    if (!bus_write(t, cc, CARD_CNT_CLEAR) || !expect_counters(t, 0, "after CLEAR") ||
        !expect_read(t, cc, 0, "CNT_CTRL (RWSC, done at once)"))
        return false;
    /* soft reset: dp_soft_rst for RESET_CYCLES cycles from the next one,
     * counters zero, READY low meanwhile, ENABLE as written */
    for (unsigned k = 0; k < CRX_CNT_SLOTS; k++)
        set_inc(t, k, 3);
    if (!idle(t, 1) || !bus_write(t, cc, CARD_CNT_SNAPSHOT) ||
        !bus_write(t, CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL, CARD_CTRL_RESET | CARD_CTRL_ENABLE))
        return false;
    unsigned high = 0;
    for (unsigned i = 0; i < CRX_RESET_CYCLES + 8; i++) {
        for (unsigned k = 0; k < CRX_CNT_SLOTS; k++)
            set_inc(t, k, k + 1);
        if (!idle(t, 1))
            return false;
        high += t->out.dp_soft_rst != 0;
    }
    if (high != CRX_RESET_CYCLES) {
        fprintf(stderr, "dp_soft_rst high %u cycles, want %u\n", high, CRX_RESET_CYCLES);
        return false;
    }
    /* after the reset the counters start from 0: SNAPSHOT shows the 8
     * cycles of events after it, none of those before or during it */
    if (!expect_read(t, CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL, CARD_CTRL_ENABLE, "CTRL after reset") ||
        !expect_read(t, CARD_BLK_CTRL_BASE + CARD_CTRL_STATUS, CARD_STATUS_READY, "STATUS after reset") ||
        !bus_write(t, cc, CARD_CNT_SNAPSHOT) || !expect_counters(t, 8, "8 cycles after soft reset"))
        return false;
    printf("  CNT: increments on every slot, SNAPSHOT, CLEAR, SNAPSHOT|CLEAR with events in the "
           "same cycle; soft reset %u cycles\n", high);
    return true;
}

/* ---- phase 5: random */
static uint16_t random_addr(struct tb *t, const uint16_t *owned, size_t n_owned)
{
    switch (cosim_rand(&t->rng) % 20) {
    case 0: case 1: case 2: return CARD_BLK_SESS_BASE + CARD_SESS_CMD;
    case 3: return CARD_BLK_SESS_BASE + CARD_SESS_INDEX;
    case 4: return CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL;
    case 5: return (uint16_t)cosim_rand(&t->rng);
    case 6: return (uint16_t)cosim_range(&t->rng, 0, 0x4FF);
    case 7: return (uint16_t)cosim_range(&t->rng, CARD_BLK_PUNT_BASE, 0x8FF);
    case 8: return (uint16_t)(owned[cosim_rand(&t->rng) % n_owned] | (cosim_rand(&t->rng) & 3));
    case 9: return CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL;
    default: return owned[cosim_rand(&t->rng) % n_owned];
    }
}

static uint32_t random_wdata(struct tb *t, uint16_t addr)
{
    uint64_t r = cosim_rand(&t->rng);
    switch (addr & 0xFFFCu) {
    case CARD_BLK_SESS_BASE + CARD_SESS_CMD:
        if (r % 8 == 0)
            return (uint32_t)(r >> 8);
        return (uint32_t)cosim_range(&t->rng, 1, 3) | ((r >> 8) & 1 ? CARD_SESS_CMD_ZERO_COUNTERS : 0);
    case CARD_BLK_SESS_BASE + CARD_SESS_INDEX:
        if (r % 10 == 0)
            return r % 20 == 0 ? 0 : (uint32_t)(r >> 8);
        return (uint32_t)cosim_range(&t->rng, 1, N_SESS - 1);
    case CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL:
        return (r % 30 == 0 ? CARD_CTRL_RESET : 0) | ((r >> 8) & CARD_CTRL_ENABLE);
    case CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL:
        return (uint32_t)(r >> 8) & (r % 4 == 0 ? 0xFFFFFFFFu : 3u);
    default:
        return (uint32_t)r;
    }
}

static bool phase_random(struct tb *t, uint64_t cycles)
{
    uint16_t owned[0x500 / 4];
    size_t n_owned = 0;
    for (uint16_t a = 0; a < 0x500; a += 4) {
        const char *acc;
        if (crx_lookup(a, &acc))
            owned[n_owned++] = a;
    }
    static const unsigned pcts[] = {0, 5, 20, 50, 90};
    uint64_t start = t->c->cycle;
    unsigned rd_pct = 40, wr_pct = 30;
    while (t->c->cycle - start < cycles) {
        if ((t->c->cycle - start) % 5000 == 0) {
            /* a new mix: bus load, traffic, counter activity */
            rd_pct = pcts[cosim_rand(&t->rng) % 5];
            wr_pct = pcts[cosim_rand(&t->rng) % 5];
            t->traffic_pct = pcts[cosim_rand(&t->rng) % 5];
            t->inc_pct = pcts[cosim_rand(&t->rng) % 5];
        }
        t->rd = cosim_chance(&t->rng, rd_pct);
        t->wr = cosim_chance(&t->rng, wr_pct);
        t->rd_addr = random_addr(t, owned, n_owned);
        t->wr_addr = t->rd && cosim_chance(&t->rng, 50) ? t->rd_addr : random_addr(t, owned, n_owned);
        if (t->rd && t->wr)
            t->rd_addr = t->wr_addr; /* one address port */
        t->wdata = random_wdata(t, t->wr_addr);
        if (cosim_chance(&t->rng, t->inc_pct)) {
            for (unsigned n = (unsigned)cosim_range(&t->rng, 1, 4); n; n--)
                set_inc(t, (unsigned)(cosim_rand(&t->rng) % CRX_CNT_SLOTS),
                        cosim_chance(&t->rng, 80) ? 1 : (uint32_t)cosim_range(&t->rng, 0, 255));
            t->st.incs++;
        }
        if (cosim_chance(&t->rng, 1))
            t->dma_error = !t->dma_error;
        t->st.snapshots += t->wr && t->wr_addr == CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL;
        if (!cycle(t, cosim_rand(&t->rng) % 20000 == 0))
            return false;
    }
    printf("  random: %" PRIu64 " cycles, %" PRIu64 " reads, %" PRIu64 " writes, %" PRIu64
           " COMMIT, %" PRIu64 " READ, %" PRIu64 " CLEAR, %" PRIu64 " CNT_CTRL writes, %" PRIu64
           " cycles with increments\n", cycles, t->st.reads, t->st.writes, t->st.commits,
           t->st.read_cmds, t->st.clears, t->st.snapshots, t->st.incs);
    return true;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct cosim_args args;
    if (!cosim_args_parse(&args, argc, argv, 1500000))
        return 2;
    struct cosim c;
    if (!cosim_init_engines(&c, &card_regs_block, COSIM_RTL_OPS(card_regs),
                            &card_regs_model_ops, &args, stderr))
        return 2;
    struct tb t = {.c = &c, .rng = args.seed ? args.seed : 1, .traffic_pct = 30, .inc_pct = 0};
    t.own = calloc(N_SESS, sizeof *t.own);
    if (!t.own) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    for (unsigned i = 0; i < N_SESS; i++)
        random_owner(&t.own[i], &t.rng);
    crx_reset(&t.x);
    printf("card_regs: seed %" PRIu64 ", engines:%s model, against the register model\n",
           args.seed, args.model_only ? "" : " rtl");
    bool ok = phase_reset_values(&t) && phase_rw(&t) && phase_sess(&t) && phase_cnt(&t) &&
              phase_random(&t, args.cycles);
    ok = ok && cosim_run_chaos(&c, args.cycles / 10, &t.rng, 5);
    if (ok)
        cosim_print_speed(&c, stdout);
    printf("card_regs: %s after %" PRIu64 " cycles\n", ok ? "PASS" : "FAIL", c.cycle);
    free(t.own);
    cosim_free(&c);
    return ok ? 0 : 1;
}
