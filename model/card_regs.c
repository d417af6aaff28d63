/* Model of hw/card_regs.sv: the same decode, read mux and always_comb. */
#include "card_regs.h"

#include <string.h>

#include "../driver/card_regs.h"
#include "ppp_const.h"
#include "l2tp_const.h"

struct card_regs_params card_regs_default_params(void)
{
    return (struct card_regs_params){
        .data_w = 8, .n_ch = 32, .sess_aw = 12, .clk_hz = 250000000u,
        .rtl_version = 0x00010000u, .build_id = 0, .reset_cycles = 16, .cnt_inc_w = 8,
        .cnt_next = CARD_BLK_PUNT_BASE,
    };
}

void card_regs_init(struct card_regs_state *s, const struct card_regs_params *p)
{
    memset(s, 0, sizeof *s);
    s->p = *p;
}

static void reset(struct card_regs_state *n)
{
    struct card_regs_params p = n->p;
    struct card_cnt_bank_state cnt = n->cnt; /* the child resets itself */
    memset(n, 0, sizeof *n);
    n->p = p;
    n->cnt = cnt;
    n->l2tp_port = L2TP_UDP_PORT;
    n->policy = CARD_POLICY_PUNT_NOT_FOR_US | CARD_POLICY_PUNT_UNKNOWN_SESSION |
                CARD_POLICY_PUNT_FRAGMENTS;
    n->unbound_mru = PPP_DEFAULT_MRU;
    n->unbound_accm = PPP_DEFAULT_ACCM;
}

/* Block header words (regmap "Layout BLK"), 0 past NEXT. */
static uint32_t blk_header(uint32_t off, uint32_t type, uint32_t next)
{
    switch (off) {
    case CARD_BLK_TYPE: return type;
    case CARD_BLK_VERSION: return 0x00010000u;
    case CARD_BLK_NEXT: return next;
    default: return 0;
    }
}

static bool in_stage(uint32_t off)
{
    return off >= CARD_SESS_ENT_FLAGS && off <= CARD_SESS_ENT_SEQ;
}

static bool in_snapw(uint32_t off)
{
    return off >= CARD_SESS_ENT_RX_PACKETS && off <= CARD_SESS_ENT_OUT_OF_ORDER;
}

/* The read mux: the addressed register's value this cycle. */
static uint32_t rd_value(const struct card_regs_state *s, const struct card_regs_io *io,
                         uint32_t blk, uint32_t off)
{
    bool soft_rst = s->rst_cnt != 0;
    uint32_t v = 0;
    switch (blk) {
    case CARD_BLK_ID_BASE:
        v = blk_header(off, CARD_BLK_ID_TYPE, CARD_BLK_CTRL_BASE);
        switch (off) {
        case CARD_ID_VENDOR_DEVICE: v = CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID; break;
        case CARD_ID_RTL_VERSION: v = s->p.rtl_version; break;
        case CARD_ID_BUILD_ID: v = s->p.build_id; break;
        case CARD_ID_DATA_W: v = s->p.data_w; break;
        case CARD_ID_N_CH: v = s->p.n_ch; break;
        case CARD_ID_SESS_AW: v = s->p.sess_aw; break;
        case CARD_ID_CLK_HZ: v = s->p.clk_hz; break;
        default: break;
        }
        break;
    case CARD_BLK_CTRL_BASE:
        v = blk_header(off, CARD_BLK_CTRL_TYPE, CARD_BLK_DP_BASE);
        switch (off) {
        case CARD_CTRL_CTRL:
            v = (s->enable ? CARD_CTRL_ENABLE : 0) | (soft_rst ? CARD_CTRL_RESET : 0);
            break;
        case CARD_CTRL_STATUS:
            v = (io->dma_error ? CARD_STATUS_DMA_ERROR : 0) | (soft_rst ? 0 : CARD_STATUS_READY);
            break;
        case CARD_CTRL_SCRATCH: v = s->scratch; break;
        default: break;
        }
        break;
    case CARD_BLK_DP_BASE:
        v = blk_header(off, CARD_BLK_DP_TYPE, CARD_BLK_SESS_BASE);
        switch (off) {
        case CARD_DP_L2TP_PORT: v = s->l2tp_port; break;
        case CARD_DP_LOCAL_IP: v = s->local_ip; break;
        case CARD_DP_LOCAL_MAC_HI: v = s->mac_hi; break;
        case CARD_DP_LOCAL_MAC_LO: v = s->mac_lo; break;
        case CARD_DP_POLICY: v = s->policy; break;
        case CARD_DP_UNBOUND_MRU: v = s->unbound_mru; break;
        case CARD_DP_UNBOUND_ACCM: v = s->unbound_accm; break;
        default: break;
        }
        break;
    case CARD_BLK_SESS_BASE:
        v = blk_header(off, CARD_BLK_SESS_TYPE, CARD_BLK_CNT_BASE);
        if (off == CARD_SESS_INDEX)
            v = s->index;
        else if (off == CARD_SESS_CMD)
            v = s->cmd;
        else if (off == CARD_SESS_STATUS)
            v = (s->cmd ? CARD_SESS_STATUS_BUSY : 0) |
                (s->bad_index ? CARD_SESS_STATUS_BAD_INDEX : 0) |
                (s->bad_cmd ? CARD_SESS_STATUS_BAD_CMD : 0);
        else if (in_stage(off))
            v = s->stage[(off - CARD_SESS_ENT_FLAGS) / 4];
        else if (in_snapw(off))
            v = s->snapw[(off - CARD_SESS_ENT_RX_PACKETS) / 4];
        break;
    case CARD_BLK_CNT_BASE:
        v = blk_header(off, CARD_BLK_CNT_TYPE, s->p.cnt_next);
        /* CNT_CTRL reads 0: its actions are done at the write's edge. */
        if (off >= CARD_CNT_NET_RX_OK && (off - CARD_CNT_NET_RX_OK) / 4 < CARD_CNT_BANK_SLOTS)
            v = s->cnt.snap[(off - CARD_CNT_NET_RX_OK) / 4];
        break;
    default:
        break;
    }
    return v;
}

void card_regs_eval(const struct card_regs_state *s, struct card_regs_io *io,
                    struct card_regs_state *n)
{
    *n = *s;
    const uint32_t addr = (uint32_t)io->reg_addr & 0xFFFFu;
    const uint32_t blk = addr & 0xFF00u;    /* block bases are 0x100 apart */
    const uint32_t off = addr & 0xFCu;      /* bits 1:0 ignored */
    const uint32_t wdata = (uint32_t)io->reg_wdata;
    const bool soft_rst = s->rst_cnt != 0;
    const bool busy = s->cmd != 0;
    const bool wr_ctrl = io->reg_wr_en && blk == CARD_BLK_CTRL_BASE;
    const bool wr_dp = io->reg_wr_en && blk == CARD_BLK_DP_BASE;
    const bool wr_sess = io->reg_wr_en && blk == CARD_BLK_SESS_BASE;
    const bool wr_cnt_ctrl = io->reg_wr_en && blk == CARD_BLK_CNT_BASE && off == CARD_CNT_CNT_CTRL;

    card_cnt_bank_eval(&s->cnt, io->rst, soft_rst, wr_cnt_ctrl && (wdata & CARD_CNT_SNAPSHOT),
                       wr_cnt_ctrl && (wdata & CARD_CNT_CLEAR), io->cnt_inc, s->p.cnt_inc_w,
                       &n->cnt);

    n->rdata = io->reg_rd_en ? rd_value(s, io, blk, off) : 0;
    n->rd_valid = io->reg_rd_en;

    if (soft_rst)
        n->rst_cnt = s->rst_cnt - 1;
    n->commit_valid = false;
    n->clear_valid = false;
    n->sess_rd_valid = false;
    n->rd_capture = s->sess_rd_valid;

    if (wr_ctrl) {
        if (off == CARD_CTRL_CTRL) {
            n->enable = wdata & CARD_CTRL_ENABLE;
            if (wdata & CARD_CTRL_RESET)
                n->rst_cnt = s->p.reset_cycles;
        } else if (off == CARD_CTRL_SCRATCH) {
            n->scratch = wdata;
        }
    }

    if (wr_dp) {
        switch (off) {
        case CARD_DP_L2TP_PORT: n->l2tp_port = (uint16_t)wdata; break;
        case CARD_DP_LOCAL_IP: n->local_ip = wdata; break;
        case CARD_DP_LOCAL_MAC_HI: n->mac_hi = (uint16_t)wdata; break;
        case CARD_DP_LOCAL_MAC_LO: n->mac_lo = wdata; break;
        case CARD_DP_POLICY: n->policy = wdata & 0x1Fu; break;
        case CARD_DP_UNBOUND_MRU: n->unbound_mru = (uint16_t)wdata; break;
        case CARD_DP_UNBOUND_ACCM: n->unbound_accm = wdata; break;
        default: break;
        }
    }

    /* SESS: a command in flight finishes ... */
    if (s->commit_valid || s->clear_valid)
        n->cmd = 0;
    if (s->rd_capture) {
        for (unsigned k = 0; k < CARD_REGS_ENT_WORDS; k++)
            n->stage[k] = io->tbl_rd_entry[k];
        n->stage[CARD_REGS_ENT_WORDS] = (uint32_t)(io->tx_rd_ns & 0xFFFF) << 16 |
                                        (uint32_t)(io->rx_rd_nr & 0xFFFF);
        const uint32_t w[CARD_REGS_SNAP_WORDS] = {
            (uint32_t)io->rx_rd_packets, (uint32_t)io->rx_rd_bytes,
            (uint32_t)(io->rx_rd_bytes >> 32), (uint32_t)io->tx_rd_packets,
            (uint32_t)io->tx_rd_bytes, (uint32_t)(io->tx_rd_bytes >> 32),
            (uint32_t)io->rx_rd_drops, (uint32_t)io->rx_rd_out_of_order,
        };
        memcpy(n->snapw, w, sizeof w);
        n->cmd = 0;
    }
    /* ... and while none is, the host may set up and start the next. */
    if (wr_sess && !busy) {
        const uint32_t cmd = wdata & 0xFFu;
        const bool cmd_ok = cmd == CARD_SESS_CMD_COMMIT || cmd == CARD_SESS_CMD_READ ||
                            cmd == CARD_SESS_CMD_CLEAR;
        /* Session ID 0 names the tunnel itself (RFC 2661 §3.1). */
        const bool index_ok = s->index != 0 && (s->index >> s->p.sess_aw) == 0;
        if (off == CARD_SESS_INDEX) {
            n->index = wdata;
        } else if (off == CARD_SESS_CMD) {
            n->bad_cmd = !cmd_ok;
            n->bad_index = !index_ok;
            if (cmd_ok && index_ok) {
                n->cmd = (uint16_t)(wdata & 0x1FFu);
                n->commit_valid = cmd == CARD_SESS_CMD_COMMIT;
                n->clear_valid = cmd == CARD_SESS_CMD_CLEAR;
                n->sess_rd_valid = cmd == CARD_SESS_CMD_READ;
            }
        } else if (in_stage(off)) {
            n->stage[(off - CARD_SESS_ENT_FLAGS) / 4] = wdata;
        }
    }

    card_regs_outputs(s, io);

    if (io->rst)
        reset(n);
}

void card_regs_outputs(const struct card_regs_state *s, struct card_regs_io *io)
{
    /* outputs: all from registers */
    const bool soft_rst = s->rst_cnt != 0;
    const uint32_t idx_mask = (1u << s->p.sess_aw) - 1;
    io->reg_rdata = s->rdata;
    io->reg_rd_valid = s->rd_valid;
    io->dp_soft_rst = soft_rst;
    io->dp_enable = s->enable;
    io->cfg_l2tp_port = s->l2tp_port;
    io->cfg_local_ip = s->local_ip;
    io->cfg_local_mac = (uint64_t)s->mac_hi << 32 | s->mac_lo;
    io->cfg_policy = s->policy;
    io->cfg_unbound_mru = s->unbound_mru;
    io->cfg_unbound_accm = s->unbound_accm;
    io->commit_valid = s->commit_valid;
    io->commit_index = s->index & idx_mask;
    for (unsigned k = 0; k < CARD_REGS_ENT_WORDS; k++)
        io->commit_entry[k] = s->stage[k];
    io->commit_seq = s->stage[CARD_REGS_ENT_WORDS];
    io->commit_zero_counters = (s->cmd & CARD_SESS_CMD_ZERO_COUNTERS) != 0;
    io->clear_valid = s->clear_valid;
    io->clear_index = s->index & idx_mask;
    io->sess_rd_valid = s->sess_rd_valid;
    io->sess_rd_index = s->index & idx_mask;
}

void card_regs_tick(struct card_regs_state *s, const struct card_regs_state *next)
{
    *s = *next;
}
