/* Bring-up over the register map: walking the block chain, identity,
 * reset, datapath configuration (hw/regmap.md). */
#include <stdio.h>
#include <string.h>

#include "card_backend.h"

struct block_info {
    const char *name;
    uint32_t type, version;
};

#define BLOCK_INFO_(name, base, type, version) {#name, type, version},
static const struct block_info known_blocks[] = {CARD_BLOCKS(BLOCK_INFO_)};
#undef BLOCK_INFO_

_Static_assert(sizeof known_blocks / sizeof known_blocks[0] == CARD_N_BLOCKS,
               "CARD_N_BLOCKS must count the blocks of CARD_BLOCKS");

/* Longer than any chain this map can have: a longer walk is a loop. */
#define CHAIN_MAX_BLOCKS 64

static const struct block_info *lookup(uint32_t type)
{
    for (size_t i = 0; i < CARD_N_BLOCKS; i++)
        if (known_blocks[i].type == type)
            return &known_blocks[i];
    return NULL;
}

l2tpcard_status card_chain_walk(struct l2tpcard *card)
{
    bool seen[CARD_N_BLOCKS] = {false};
    uint32_t off = 0;
    for (unsigned steps = 0;; steps++) {
        if (steps == CHAIN_MAX_BLOCKS)
            return card_fail(card, L2TPCARD_EHW, "block chain: more than %d blocks (a loop?)",
                             CHAIN_MAX_BLOCKS);
        if (off % 4 != 0 || off > CARD_BAR0_SIZE - 12)
            return card_fail(card, L2TPCARD_EHW,
                             "block chain: pointer 0x%08x is outside BAR0 (0x%x octets) or "
                             "misaligned",
                             off, CARD_BAR0_SIZE);
        uint32_t type = card->ops->read32(card, off + CARD_BLK_TYPE);
        uint32_t version = card->ops->read32(card, off + CARD_BLK_VERSION);
        uint32_t next = card->ops->read32(card, off + CARD_BLK_NEXT);
        if (type == 0xFFFFFFFFu)
            /* PCIe completer abort or a card that is gone reads as all ones. */
            return card_fail(card, L2TPCARD_EHW,
                             "block chain: BAR0+0x%04x reads 0xffffffff: the card does not "
                             "answer (link down, or memory space disabled)",
                             off);
        if (off == 0 && type != CARD_BLK_ID_TYPE)
            return card_fail(card, L2TPCARD_EHW,
                             "block chain: BAR0+0x0000 holds block type 0x%08x, not the ID "
                             "block 0x%08x: not this card's register map",
                             type, (uint32_t)CARD_BLK_ID_TYPE);
        const struct block_info *b = lookup(type);
        if (b) { /* blocks of unknown type are a newer card's: skipped */
            uint32_t num = CARD_BLK_NUM(type);
            if (CARD_VERSION_MAJOR(version) != CARD_VERSION_MAJOR(b->version))
                return card_fail(card, L2TPCARD_EHW,
                                 "block chain: %s block at 0x%04x has version %u.%u; this "
                                 "driver knows major version %u",
                                 b->name, off, version >> 16, version & 0xFFFFu,
                                 CARD_VERSION_MAJOR(b->version));
            if (seen[num - 1])
                return card_fail(card, L2TPCARD_EHW,
                                 "block chain: a second %s block at 0x%04x (first at 0x%04x)",
                                 b->name, off, card->blk_base[num - 1]);
            seen[num - 1] = true;
            card->blk_base[num - 1] = off;
        }
        if (next == 0)
            break;
        off = next;
    }
    for (size_t i = 0; i < CARD_N_BLOCKS; i++)
        if (!seen[i])
            return card_fail(card, L2TPCARD_EHW, "block chain: no %s block (type 0x%08x)",
                             known_blocks[i].name, known_blocks[i].type);
    uint32_t aw = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_SESS_AW);
    if (aw < 1 || aw > 16) /* local session IDs are 16 bits (RFC 2661 §3.1) */
        return card_fail(card, L2TPCARD_EHW, "ID block: SESS_AW %u is not 1..16", aw);
    card->sessions = 1u << aw;
    card->n_channels = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_N_CH);
    if (card->n_channels < 1 || card->n_channels > CARD_MAX_CHANNELS)
        return card_fail(card, L2TPCARD_EHW, "ID block: N_CH %u is not 1..%u", card->n_channels,
                         CARD_MAX_CHANNELS);
    /* The bitstream must be this card's: a register map that matches but
     * IDs that do not means a build for another product. */
    uint32_t vd = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_VENDOR_DEVICE);
    if (vd != (CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID))
        return card_fail(card, L2TPCARD_EHW, "ID block: reports %04x:%04x, this driver is for %04x:%04x",
                         vd & 0xFFFFu, vd >> 16, CARD_PCI_VENDOR_ID, CARD_PCI_DEVICE_ID);
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_identity(struct l2tpcard *card, struct l2tpcard_identity *id)
{
    if (!card || !id)
        return card ? card_fail(card, L2TPCARD_EINVAL, "identity: no output") : L2TPCARD_EINVAL;
    uint32_t vd = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_VENDOR_DEVICE);
    uint32_t ver = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_RTL_VERSION);
    *id = (struct l2tpcard_identity){
        .vendor_id = (uint16_t)(vd & 0xFFFFu),
        .device_id = (uint16_t)(vd >> 16),
        .rtl_major = (uint8_t)(ver >> 24),
        .rtl_minor = (uint8_t)(ver >> 16),
        .rtl_patch = (uint16_t)ver,
        .build_id = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_BUILD_ID),
        .data_w = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_DATA_W),
        .n_channels = card->n_channels,
        .sessions = card->sessions,
        .clk_hz = card_rd(card, CARD_BLK_ID_TYPE, CARD_ID_CLK_HZ),
    };
    return L2TPCARD_OK;
}

/* MAC octets 0-1 in HI bits 15:0, octets 2-5 in LO (hw/regmap.md). */
static uint32_t mac_hi(const uint8_t m[6])
{
    return (uint32_t)m[0] << 8 | m[1];
}

static uint32_t mac_lo(const uint8_t m[6])
{
    return (uint32_t)m[2] << 24 | (uint32_t)m[3] << 16 | (uint32_t)m[4] << 8 | m[5];
}

l2tpcard_status l2tpcard_net_config_set(struct l2tpcard *card,
                                        const struct l2tpcard_net_config *cfg)
{
    if (!card || !cfg)
        return card ? card_fail(card, L2TPCARD_EINVAL, "net config: none given")
                    : L2TPCARD_EINVAL;
    if (cfg->l2tp_port == 0)
        return card_fail(card, L2TPCARD_EINVAL, "net config: UDP port 0");
    uint32_t policy = (cfg->match_local_ip ? CARD_POLICY_MATCH_LOCAL_IP : 0) |
                      (cfg->punt_not_for_us ? CARD_POLICY_PUNT_NOT_FOR_US : 0) |
                      (cfg->punt_malformed ? CARD_POLICY_PUNT_MALFORMED : 0) |
                      (cfg->punt_unknown_session ? CARD_POLICY_PUNT_UNKNOWN_SESSION : 0) |
                      (cfg->punt_fragments ? CARD_POLICY_PUNT_FRAGMENTS : 0);
    const struct {
        uint32_t off, val;
        const char *name;
    } w[] = {
        {CARD_DP_L2TP_PORT, cfg->l2tp_port, "L2TP_PORT"},
        {CARD_DP_LOCAL_IP, cfg->local_ip, "LOCAL_IP"},
        {CARD_DP_LOCAL_MAC_HI, mac_hi(cfg->local_mac), "LOCAL_MAC_HI"},
        {CARD_DP_LOCAL_MAC_LO, mac_lo(cfg->local_mac), "LOCAL_MAC_LO"},
        {CARD_DP_POLICY, policy, "POLICY"},
    };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        card_wr(card, CARD_BLK_DP_TYPE, w[i].off, w[i].val);
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        uint32_t got = card_rd(card, CARD_BLK_DP_TYPE, w[i].off);
        if (got != w[i].val)
            return card_fail(card, L2TPCARD_EHW, "net config: DP %s reads 0x%08x after writing 0x%08x",
                             w[i].name, got, w[i].val);
    }
    return L2TPCARD_OK;
}

/* Reset takes a few hundred cycles in RTL; 100 ms is generous for a card
 * whose clocks must also lock. */
#define RESET_TIMEOUT_US 100000u

l2tpcard_status l2tpcard_reset(struct l2tpcard *card)
{
    if (!card)
        return L2TPCARD_EINVAL;
    card_rings_stop(card);
    card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MASK, 0);
    card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET);
    l2tpcard_status st = card_poll(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_RESET, 0,
                                   RESET_TIMEOUT_US, "reset (CTRL.RESET)");
    if (st == L2TPCARD_OK)
        st = card_poll(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_STATUS, CARD_STATUS_READY,
                       CARD_STATUS_READY, RESET_TIMEOUT_US, "reset (STATUS.READY)");
    if (st != L2TPCARD_OK)
        return st;
    /* Two patterns with every bit both ways: a stuck or swapped data line
     * shows here rather than as a corrupt session entry later. */
    const uint32_t patterns[] = {0xA5C3F00Fu, 0x5A3C0FF0u};
    for (size_t i = 0; i < 2; i++) {
        card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH, patterns[i]);
        uint32_t got = card_rd(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_SCRATCH);
        if (got != patterns[i])
            return card_fail(card, L2TPCARD_EHW,
                             "MMIO check: SCRATCH reads 0x%08x after writing 0x%08x", got,
                             patterns[i]);
    }
    st = card_rings_start(card);
    if (st != L2TPCARD_OK)
        return st;
    card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_CAUSE, 0xFFFFFFFFu);
    card_wr(card, CARD_BLK_IRQ_TYPE, CARD_IRQ_MASK,
            CARD_IRQ_PUNT | CARD_IRQ_INJECT | CARD_IRQ_DMA_ERROR);
    card_wr(card, CARD_BLK_CTRL_TYPE, CARD_CTRL_CTRL, CARD_CTRL_ENABLE);
    card->errmsg[0] = '\0';
    return L2TPCARD_OK;
}
