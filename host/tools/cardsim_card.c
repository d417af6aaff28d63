/* A driver backend on cardsim's simulated card (cardsim_card.h). */
#include "cardsim_card.h"

#include <stdlib.h>
#include <string.h>

#include "card_backend.h"

/* The spec handed to card_open_backend carries the simulation along (the
 * backend API has no user pointer; the driver keeps no globals either). */
struct cardsim_spec {
    struct l2tpcard_spec spec; /* first: the driver sees only this */
    struct cardsim_sim *sim;
};

/* Register-bus cycles one idle() call lets pass: the driver polls BUSY and
 * SNAPSHOT, which the card clears within a few cycles. */
#define CARDSIM_IDLE_CYCLES 16u

static l2tpcard_status sim_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                const struct l2tpcard_options *opts)
{
    (void)opts;
    const struct cardsim_spec *cs = (const struct cardsim_spec *)spec;
    card->priv = cs->sim;
    snprintf(card->desc, sizeof card->desc, "cardsim %s DATA_W %u", cs->sim->eng->name,
             cs->sim->data_w);
    return L2TPCARD_OK;
}

static void sim_close(struct l2tpcard *card)
{
    card->priv = NULL;
}

/* The PCIe shell's blocks (PUNT, INJECT, IRQ: issue 4) are not in the core:
 * cardsim stands in for the shell, whose punt and inject sides are its
 * streams. Their block headers are answered here, as the shell ORs its read
 * data into the core's (hw/ARCHITECTURE.md "card_regs ports"), so the
 * driver's chain walk finds a complete card; their registers read 0. */
static uint32_t shell_read(uint32_t off)
{
    static const struct {
        uint32_t base, type, version, next;
    } shell[] = {
        {CARD_BLK_PUNT_BASE, CARD_BLK_PUNT_TYPE, CARD_BLK_PUNT_VERSION, CARD_BLK_INJECT_BASE},
        {CARD_BLK_INJECT_BASE, CARD_BLK_INJECT_TYPE, CARD_BLK_INJECT_VERSION, CARD_BLK_IRQ_BASE},
        {CARD_BLK_IRQ_BASE, CARD_BLK_IRQ_TYPE, CARD_BLK_IRQ_VERSION, 0},
    };
    for (size_t i = 0; i < sizeof shell / sizeof shell[0]; i++) {
        if (off == shell[i].base + CARD_BLK_TYPE)
            return shell[i].type;
        if (off == shell[i].base + CARD_BLK_VERSION)
            return shell[i].version;
        if (off == shell[i].base + CARD_BLK_NEXT)
            return shell[i].next;
    }
    return 0;
}

static uint32_t sim_read32(struct l2tpcard *card, uint32_t off)
{
    return cardsim_sim_reg_read(card->priv, off) | shell_read(off);
}

static void sim_write32(struct l2tpcard *card, uint32_t off, uint32_t val)
{
    cardsim_sim_reg_write(card->priv, off, val);
}

static l2tpcard_status sim_dma_alloc(struct l2tpcard *card, size_t size, struct card_dma *out)
{
    (void)size;
    (void)out;
    return card_fail(card, L2TPCARD_ENOMEM, "cardsim: no DMA (punt and inject are streams)");
}

static void sim_dma_free(struct l2tpcard *card, struct card_dma *mem)
{
    (void)card;
    (void)mem;
}

static void sim_idle(struct l2tpcard *card, unsigned max_us)
{
    (void)max_us;
    for (unsigned i = 0; i < CARDSIM_IDLE_CYCLES; i++)
        cardsim_sim_cycle(card->priv);
}

static const struct card_backend_ops cardsim_backend = {
    .name = "cardsim",
    .open = sim_open,
    .close = sim_close,
    .read32 = sim_read32,
    .write32 = sim_write32,
    .dma_alloc = sim_dma_alloc,
    .dma_free = sim_dma_free,
    .idle = sim_idle,
};

bool cardsim_card_open(struct cardsim_sim *s, struct l2tpcard **card, char *msg, size_t cap)
{
    struct cardsim_spec spec = {.spec = {.backend = "cardsim"}, .sim = s};
    struct l2tpcard_error err = {0};
    if (card_open_backend(&cardsim_backend, &spec.spec, NULL, card, &err) != L2TPCARD_OK) {
        snprintf(msg, cap, "card: %s", err.msg);
        return false;
    }
    return true;
}

/* Reset and MMIO check as l2tpcard_reset() does them (driver/card_chain.c),
 * without the rings, which belong to the shell. */
static bool bring_up(struct l2tpcard *card, char *msg, size_t cap)
{
    card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET);
    l2tpcard_status st = card_poll(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET, 0,
                                   100000, "reset (CTRL.RESET)");
    if (st == L2TPCARD_OK)
        st = card_poll(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_STATUS, CARD_STATUS_READY,
                       CARD_STATUS_READY, 100000, "reset (STATUS.READY)");
    if (st != L2TPCARD_OK) {
        snprintf(msg, cap, "card: %s", l2tpcard_errmsg(card));
        return false;
    }
    const uint32_t patterns[] = {0xA5C3F00Fu, 0x5A3C0FF0u};
    for (size_t i = 0; i < 2; i++) {
        card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH, patterns[i]);
        uint32_t got = card_rd(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH);
        if (got != patterns[i]) {
            snprintf(msg, cap, "card: SCRATCH reads 0x%08x after writing 0x%08x", got,
                     patterns[i]);
            return false;
        }
    }
    return true;
}

static bool write_checked(struct l2tpcard *card, uint32_t off, uint32_t val, const char *name,
                          char *msg, size_t cap)
{
    card_wr(card, CARD_BLK_DP_TYPE, off, val);
    uint32_t got = card_rd(card, CARD_BLK_DP_TYPE, off);
    if (got != val) {
        snprintf(msg, cap, "card: DP %s reads 0x%08x after writing 0x%08x", name, got, val);
        return false;
    }
    return true;
}

bool cardsim_card_setup(struct l2tpcard *card, const struct cardsim_table *t,
                        const char *table_name, char *msg, size_t cap)
{
    if (!bring_up(card, msg, cap))
        return false;
    if (l2tpcard_net_config_set(card, &t->net) != L2TPCARD_OK) {
        snprintf(msg, cap, "%s: net: %s", table_name, l2tpcard_errmsg(card));
        return false;
    }
    if (t->has_unbound_mru &&
        !write_checked(card, CARD_DP_UNBOUND_MRU, t->unbound_mru, "UNBOUND_MRU", msg, cap))
        return false;
    if (t->has_unbound_accm &&
        !write_checked(card, CARD_DP_UNBOUND_ACCM, t->unbound_accm, "UNBOUND_ACCM", msg, cap))
        return false;
    struct l2tpcard_identity id;
    l2tpcard_identity(card, &id);
    for (size_t i = 0; i < t->n_sessions; i++) {
        const struct l2tpcard_session *s = &t->sessions[i];
        if (s->binding == L2TPCARD_BIND_CHANNEL && s->channel >= id.n_channels) {
            snprintf(msg, cap, "%s:%u: session %u: channel %u, the card has %u (0..%u)",
                     table_name, t->session_lines[i], s->local_session_id, s->channel,
                     id.n_channels, id.n_channels - 1);
            return false;
        }
        if (l2tpcard_session_program(card, s, true) != L2TPCARD_OK) {
            snprintf(msg, cap, "%s:%u: %s", table_name, t->session_lines[i],
                     l2tpcard_errmsg(card));
            return false;
        }
    }
    card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_ENABLE);
    return true;
}

bool cardsim_card_print_stats(struct l2tpcard *card, const struct cardsim_table *t, bool all,
                              FILE *out, char *msg, size_t cap)
{
    uint32_t ctr[L2TPCARD_CNT_COUNT];
    struct l2tpcard_identity id;
    if (l2tpcard_identity(card, &id) != L2TPCARD_OK ||
        l2tpcard_counters_read(card, ctr) != L2TPCARD_OK) {
        snprintf(msg, cap, "card: %s", l2tpcard_errmsg(card));
        return false;
    }
    fprintf(out, "card: RTL %u.%u.%u build %08x, DATA_W %u, %u channels, %u sessions\n",
            id.rtl_major, id.rtl_minor, id.rtl_patch, id.build_id, id.data_w, id.n_channels,
            id.sessions);
    fprintf(out, "card counters (CNT block, one SNAPSHOT)%s:\n", all ? "" : ", non-zero");
    for (unsigned i = 0; i < L2TPCARD_CNT_COUNT; i++)
        if (all || ctr[i])
            fprintf(out, "  %-26s %10u\n", l2tpcard_counter_name(i), ctr[i]);
    for (size_t i = 0; i < t->n_sessions; i++) {
        uint16_t id = t->sessions[i].local_session_id;
        bool valid;
        struct l2tpcard_session e;
        struct l2tpcard_session_counters c;
        if (l2tpcard_session_read(card, id, &valid, &e, &c) != L2TPCARD_OK) {
            snprintf(msg, cap, "card: %s", l2tpcard_errmsg(card));
            return false;
        }
        fprintf(out,
                "session %u (%s): rx %u packets %llu octets, tx %u packets %llu octets, "
                "drops %u, out of order %u, Ns %u Nr %u\n",
                id, valid ? "valid" : "not valid", c.rx_packets, (unsigned long long)c.rx_bytes,
                c.tx_packets, (unsigned long long)c.tx_bytes, c.drops, c.out_of_order, e.ns,
                e.nr);
    }
    return true;
}
