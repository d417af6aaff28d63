/* See card_regs_expect.h. Everything here is written from the documents:
 * offsets and access kinds from driver/card_regs.h's X-macros, reset values
 * from hw/regmap.md, timing from hw/ARCHITECTURE.md "card_regs ports". */
#include "card_regs_expect.h"

#include <string.h>

#include "../../driver/card_regs.h"

#define W(addr) ((addr) / 4u)

/* The registers of blocks ID..CNT, absolute addresses, from card_regs.h. */
struct crx_reg {
    uint16_t addr;
    const char *acc;
};
static const struct {
    const char *blk;
    uint16_t base;
} owned[] = {
    {"ID", CARD_BLK_ID_BASE}, {"CTRL", CARD_BLK_CTRL_BASE}, {"DP", CARD_BLK_DP_BASE},
    {"SESS", CARD_BLK_SESS_BASE}, {"CNT", CARD_BLK_CNT_BASE},
};
static const struct {
    const char *blk;
    uint16_t off;
    const char *acc;
} regs[] = {
#define X(blk, name, off, acc) {#blk, (off), #acc},
    CARD_REGS(X)
#undef X
};

bool crx_lookup(uint16_t addr, const char **acc)
{
    for (size_t b = 0; b < sizeof owned / sizeof owned[0]; b++) {
        if (addr < owned[b].base || addr >= owned[b].base + 0x100u)
            continue;
        uint16_t off = (uint16_t)(addr - owned[b].base);
        for (size_t r = 0; r < sizeof regs / sizeof regs[0]; r++) {
            if ((!strcmp(regs[r].blk, owned[b].blk) || !strcmp(regs[r].blk, "BLK")) &&
                regs[r].off == off) {
                *acc = regs[r].acc;
                return true;
            }
        }
    }
    return false;
}

/* The block chain of hw/regmap.md: type, version and NEXT of the block at
 * base (NEXT = the following block of CARD_BLOCKS, 0 after the last). */
static bool header(uint16_t addr, uint32_t *v)
{
    static const struct {
        uint16_t base;
        uint32_t type, version;
    } chain[] = {
#define X(name, base, type, version) {(base), (type), (version)},
        CARD_BLOCKS(X)
#undef X
    };
    const size_t n = sizeof chain / sizeof chain[0];
    for (size_t i = 0; i < n; i++) {
        if (chain[i].base != CARD_BLK_ID_BASE && chain[i].base != CARD_BLK_CTRL_BASE &&
            chain[i].base != CARD_BLK_DP_BASE && chain[i].base != CARD_BLK_SESS_BASE &&
            chain[i].base != CARD_BLK_CNT_BASE)
            continue; /* the shell's blocks: not here */
        if (addr == chain[i].base + CARD_BLK_TYPE) {
            *v = chain[i].type;
            return true;
        }
        if (addr == chain[i].base + CARD_BLK_VERSION) {
            *v = chain[i].version;
            return true;
        }
        if (addr == chain[i].base + CARD_BLK_NEXT) {
            *v = i + 1 < n ? chain[i + 1].base : 0;
            return true;
        }
    }
    return false;
}

/* Bits a RW register keeps (hw/regmap.md field widths). */
static uint32_t rw_mask(uint16_t addr)
{
    switch (addr) {
    case CARD_BLK_DP_BASE + CARD_DP_L2TP_PORT:
    case CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_HI:
    case CARD_BLK_DP_BASE + CARD_DP_UNBOUND_MRU: return 0xFFFFu;
    case CARD_BLK_DP_BASE + CARD_DP_POLICY: return 0x1Fu;
    default: return 0xFFFFFFFFu;
    }
}

void crx_reset(struct crx *x)
{
    memset(x, 0, sizeof *x);
    x->val[W(CARD_BLK_DP_BASE + CARD_DP_L2TP_PORT)] = 1701;           /* RFC 2661 §8.1 */
    x->val[W(CARD_BLK_DP_BASE + CARD_DP_POLICY)] = 0x1A;
    x->val[W(CARD_BLK_DP_BASE + CARD_DP_UNBOUND_MRU)] = 1500;
    x->val[W(CARD_BLK_DP_BASE + CARD_DP_UNBOUND_ACCM)] = 0xFFFFFFFFu; /* RFC 1662 §7.1 */
}

static unsigned cnt_slot(uint16_t addr)
{
    return (addr - CARD_BLK_CNT_BASE - CARD_CNT_NET_RX_OK) / 4u;
}

uint32_t crx_read(const struct crx *x, uint16_t addr, bool dma_error)
{
    addr &= 0xFFFCu;
    uint32_t v;
    if (header(addr, &v))
        return v;
    const char *acc;
    if (!crx_lookup(addr, &acc))
        return 0; /* a gap, another block, or the shell's */
    switch (addr) {
    case CARD_BLK_ID_BASE + CARD_ID_VENDOR_DEVICE: return CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID;
    case CARD_BLK_ID_BASE + CARD_ID_RTL_VERSION: return CRX_RTL_VERSION;
    case CARD_BLK_ID_BASE + CARD_ID_BUILD_ID: return CRX_BUILD_ID;
    case CARD_BLK_ID_BASE + CARD_ID_DATA_W: return CRX_DATA_W;
    case CARD_BLK_ID_BASE + CARD_ID_N_CH: return CRX_N_CH;
    case CARD_BLK_ID_BASE + CARD_ID_SESS_AW: return CRX_SESS_AW;
    case CARD_BLK_ID_BASE + CARD_ID_CLK_HZ: return CRX_CLK_HZ;
    case CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL:
        return (x->reset_left ? CARD_CTRL_RESET : 0) | (x->enable ? CARD_CTRL_ENABLE : 0);
    case CARD_BLK_CTRL_BASE + CARD_CTRL_STATUS:
        return (x->reset_left ? 0 : CARD_STATUS_READY) | (dma_error ? CARD_STATUS_DMA_ERROR : 0);
    case CARD_BLK_SESS_BASE + CARD_SESS_CMD: return x->cmd;
    case CARD_BLK_SESS_BASE + CARD_SESS_STATUS:
        return (x->cmd ? CARD_SESS_STATUS_BUSY : 0) |
               (x->bad_index ? CARD_SESS_STATUS_BAD_INDEX : 0) |
               (x->bad_cmd ? CARD_SESS_STATUS_BAD_CMD : 0);
    case CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL: return 0; /* done at the write */
    default: break;
    }
    if (addr >= CARD_BLK_SESS_BASE + CARD_SESS_ENT_RX_PACKETS &&
        addr <= CARD_BLK_SESS_BASE + CARD_SESS_ENT_OUT_OF_ORDER)
        return x->snapw[(addr - CARD_BLK_SESS_BASE - CARD_SESS_ENT_RX_PACKETS) / 4u];
    if (addr >= CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_OK)
        return x->shown[cnt_slot(addr)];
    return x->val[W(addr)]; /* a RW register */
}

void crx_outputs(const struct crx *x, struct card_regs_io *io)
{
    const uint32_t *v = x->val;
    const uint32_t index = v[W(CARD_BLK_SESS_BASE + CARD_SESS_INDEX)] & ((1u << CRX_SESS_AW) - 1);
    const uint32_t op = x->cmd & 0xFFu;
    io->reg_rd_valid = x->rd_pending;
    io->reg_rdata = x->rd_pending ? x->rd_result : 0;
    io->dp_soft_rst = x->reset_left != 0;
    io->dp_enable = x->enable;
    io->cfg_l2tp_port = v[W(CARD_BLK_DP_BASE + CARD_DP_L2TP_PORT)];
    io->cfg_local_ip = v[W(CARD_BLK_DP_BASE + CARD_DP_LOCAL_IP)];
    io->cfg_local_mac = (uint64_t)v[W(CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_HI)] << 32 |
                        v[W(CARD_BLK_DP_BASE + CARD_DP_LOCAL_MAC_LO)];
    io->cfg_policy = v[W(CARD_BLK_DP_BASE + CARD_DP_POLICY)];
    io->cfg_unbound_mru = v[W(CARD_BLK_DP_BASE + CARD_DP_UNBOUND_MRU)];
    io->cfg_unbound_accm = v[W(CARD_BLK_DP_BASE + CARD_DP_UNBOUND_ACCM)];
    io->commit_valid = op == CARD_SESS_CMD_COMMIT;
    io->clear_valid = op == CARD_SESS_CMD_CLEAR;
    io->sess_rd_valid = op == CARD_SESS_CMD_READ && x->cmd_age == 0;
    io->commit_index = io->clear_index = io->sess_rd_index = index;
    for (unsigned k = 0; k < CRX_ENT_WORDS; k++)
        io->commit_entry[k] = v[W(CARD_BLK_SESS_BASE + CARD_SESS_ENT_FLAGS) + k];
    io->commit_seq = v[W(CARD_BLK_SESS_BASE + CARD_SESS_ENT_SEQ)];
    io->commit_zero_counters = (x->cmd & CARD_SESS_CMD_ZERO_COUNTERS) != 0;
}

static void sess_write(struct crx *x, uint16_t addr, uint32_t data)
{
    if (x->cmd)
        return; /* BUSY: INDEX, CMD and ENT_* ignore writes */
    if (addr == CARD_BLK_SESS_BASE + CARD_SESS_CMD) {
        const uint32_t index = x->val[W(CARD_BLK_SESS_BASE + CARD_SESS_INDEX)];
        const uint32_t op = data & 0xFFu;
        x->bad_cmd = op != CARD_SESS_CMD_COMMIT && op != CARD_SESS_CMD_READ &&
                     op != CARD_SESS_CMD_CLEAR;
        x->bad_index = index == 0 || index >= (1u << CRX_SESS_AW);
        if (!x->bad_cmd && !x->bad_index) {
            x->cmd = data & (0xFFu | CARD_SESS_CMD_ZERO_COUNTERS);
            x->cmd_age = 0;
        }
        return;
    }
    x->val[W(addr)] = data;
}

void crx_edge(struct crx *x, const struct card_regs_io *io)
{
    if (io->rst) {
        crx_reset(x);
        return;
    }
    const uint16_t addr = (uint16_t)(io->reg_addr & 0xFFFCu);
    const uint32_t data = (uint32_t)io->reg_wdata;
    /* the read of this cycle sees the registers before this edge */
    x->rd_pending = io->reg_rd_en;
    x->rd_result = io->reg_rd_en ? crx_read(x, addr, io->dma_error) : 0;

    /* CNT: every slot, then CNT_CTRL's action at the same edge */
    const bool cnt_wr = io->reg_wr_en && addr == CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL;
    const bool snap = cnt_wr && (data & CARD_CNT_SNAPSHOT);
    const bool clear = cnt_wr && (data & CARD_CNT_CLEAR);
    for (unsigned k = 0; k < CRX_CNT_SLOTS; k++) {
        const uint16_t a = (uint16_t)(CARD_BLK_CNT_BASE + CARD_CNT_NET_RX_OK + 4 * k);
        const char *acc;
        if (!crx_lookup(a, &acc) || x->reset_left) {
            x->live[k] = x->shown[k] = 0;
            continue;
        }
        uint32_t inc = 0;
        for (unsigned b = 0; b < CRX_CNT_INC_W; b++) {
            unsigned bit = k * CRX_CNT_INC_W + b;
            inc |= (uint32_t)((io->cnt_inc[bit / 32] >> (bit % 32)) & 1u) << b;
        }
        if (snap)
            x->shown[k] = x->live[k];
        else if (clear)
            x->shown[k] = 0;
        x->live[k] = (clear ? 0 : x->live[k]) + inc;
    }

    /* SESS: a command in flight moves on (READ captures the owners' answer
     * the cycle after its request) */
    const bool was_busy = x->cmd != 0;
    if (x->cmd) {
        const uint32_t op = x->cmd & 0xFFu;
        if (op == CARD_SESS_CMD_READ && x->cmd_age == 0) {
            x->cmd_age = 1;
        } else {
            if (op == CARD_SESS_CMD_READ) {
                uint32_t *st = &x->val[W(CARD_BLK_SESS_BASE + CARD_SESS_ENT_FLAGS)];
                for (unsigned k = 0; k < CRX_ENT_WORDS; k++)
                    st[k] = io->tbl_rd_entry[k];
                x->val[W(CARD_BLK_SESS_BASE + CARD_SESS_ENT_SEQ)] =
                    (uint32_t)(io->tx_rd_ns << 16) | (uint32_t)(io->rx_rd_nr & 0xFFFFu);
                x->snapw[0] = (uint32_t)io->rx_rd_packets;
                x->snapw[1] = (uint32_t)io->rx_rd_bytes;
                x->snapw[2] = (uint32_t)(io->rx_rd_bytes >> 32);
                x->snapw[3] = (uint32_t)io->tx_rd_packets;
                x->snapw[4] = (uint32_t)io->tx_rd_bytes;
                x->snapw[5] = (uint32_t)(io->tx_rd_bytes >> 32);
                x->snapw[6] = (uint32_t)io->rx_rd_drops;
                x->snapw[7] = (uint32_t)io->rx_rd_out_of_order;
            }
            x->cmd = 0;
        }
    }

    /* CTRL.RESET counts down, a new RESET restarts it */
    if (x->reset_left)
        x->reset_left--;

    const char *acc;
    if (!io->reg_wr_en || !crx_lookup(addr, &acc) || !strcmp(acc, "RO"))
        return;
    if (addr == CARD_BLK_CTRL_BASE + CARD_CTRL_CTRL) {
        x->enable = data & CARD_CTRL_ENABLE;
        if (data & CARD_CTRL_RESET)
            x->reset_left = CRX_RESET_CYCLES;
    } else if (addr >= CARD_BLK_SESS_BASE && addr < CARD_BLK_SESS_BASE + 0x100u) {
        if (!was_busy)
            sess_write(x, addr, data);
    } else if (addr != CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL) {
        x->val[W(addr)] = data & rw_mask(addr);
    }
}
