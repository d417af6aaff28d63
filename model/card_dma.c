/* Model of hw/card_dma.sv: the same always_comb, section for section
 * (register bus, punt FIFO input, punt engine, inject engine, read port,
 * HEADs, interrupt; a failed read stops the rings), and the same reset (rst everything; soft_rst all but
 * the IRQ block and the register bus). */
#include "card_dma.h"

#include <stddef.h>
#include <string.h>

#include "../driver/card_regs.h"

#define PF_MASK (CARD_DMA_PF_DEPTH - 1u)
#define PF_PTR_MASK (2u * CARD_DMA_PF_DEPTH - 1u)
#define PM_MASK (CARD_DMA_PM_DEPTH - 1u)
#define PM_PTR_MASK (2u * CARD_DMA_PM_DEPTH - 1u)
#define CHUNK_LOG2 (CARD_DMA_CHUNK_BEATS_LOG2 + lane_w)
#define DESC_BEATS (CARD_DESC_SIZE / w)

/* The ports of either width, beats as octets (octet i = tdata[8i+7:8i]). */
struct card_dma_ports {
    bool rst, soft_rst, reg_wr_en, reg_rd_en;
    uint16_t reg_addr;
    uint32_t reg_wdata, reg_rdata;
    bool reg_rd_valid;
    uint8_t s_punt_tdata[CARD_DMA_W_MAX];
    uint16_t s_punt_tkeep;
    bool s_punt_tvalid, s_punt_tready, s_punt_tlast;
    uint8_t s_punt_tuser_reason, s_punt_tuser_channel;
    uint16_t s_punt_tuser_session;
    uint8_t m_inject_tdata[CARD_DMA_W_MAX];
    uint16_t m_inject_tkeep;
    bool m_inject_tvalid, m_inject_tready, m_inject_tlast;
    uint8_t m_inject_tuser_kind;
    uint16_t m_inject_tuser_target, m_inject_tuser_len;
    bool m_dma_rd_valid, m_dma_rd_ready;
    uint8_t m_dma_rd_tag;
    uint64_t m_dma_rd_addr;
    uint16_t m_dma_rd_len;
    bool s_dma_rc_valid;
    uint8_t s_dma_rc_tag;
    uint8_t s_dma_rc_data[CARD_DMA_W_MAX];
    bool s_dma_rc_err;
    bool m_dma_wr_valid, m_dma_wr_ready;
    uint64_t m_dma_wr_addr;
    uint8_t m_dma_wr_data[CARD_DMA_W_MAX];
    uint16_t m_dma_wr_be;
    bool m_dma_wr_last, irq, dma_error;
    bool cnt_punt_frames, cnt_punt_ring_full, cnt_punt_too_long, cnt_inject_frames,
        cnt_inject_bad_desc;
};
#define RC_MASK ((2u << CARD_DMA_CHUNK_BEATS_LOG2) - 1u)

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t full_mask(unsigned w)
{
    return (uint16_t)((1u << w) - 1u);
}

/* keep_of: lane mask of a last beat holding r octets (0: a full beat) */
static uint16_t keep_of(unsigned w, unsigned r)
{
    r &= w - 1u;
    return r == 0 ? full_mask(w) : (uint16_t)(~(0xFFFFu << r) & full_mask(w));
}

static unsigned ones(uint16_t k)
{
    return (unsigned)__builtin_popcount(k);
}

static uint64_t desc_addr(const struct card_dma_state *s, unsigned r)
{
    uint32_t slot = s->head[r] & ~(UINT32_C(0xFFFFFFFF) << s->size[r]);
    return s->base[r] + ((uint64_t)slot << 4);
}

static void reset_rings(struct card_dma_state *n)
{
    memset(n->base, 0, sizeof n->base);
    memset(n->size, 0, sizeof n->size);
    memset(n->head, 0, sizeof n->head);
    memset(n->tail, 0, sizeof n->tail);
    memset(n->en, 0, sizeof n->en);
    n->rdv = false;
    n->rd_tag = 0;
    n->rd_addr = 0;
    n->rd_len = 0;
    n->wr_valid = false;
    n->wr_addr = 0;
    memset(n->wr_data, 0, sizeof n->wr_data);
    n->wr_be = 0;
    n->wr_last = false;
    n->pf_wr = n->pf_cm = n->pf_rd = n->pf_len = 0;
    n->pf_drop = false;
    n->pm_wr = n->pm_rd = 0;
    n->p_state = CARD_DMA_P_IDLE;
    memset(n->p_dc, 0, sizeof n->p_dc);
    n->p_dcnt = n->p_dci = n->p_dcn = n->p_reqn = 0;
    n->p_inval = false;
    n->dma_err = false;
    n->p_beat = n->p_wlen = 0;
    n->p_meta = 0;
    n->i_state = CARD_DMA_I_IDLE;
    memset(n->i_dc, 0, sizeof n->i_dc);
    n->i_dcnt = n->i_dci = n->i_dcn = n->i_reqn = 0;
    n->i_inval = false;
    n->i_req = n->i_emit = 0;
    memset(n->i_rcv, 0, sizeof n->i_rcv);
    memset(n->o_data, 0, sizeof n->o_data);
    n->o_keep = 0;
    n->o_valid = n->o_last = false;
    n->o_kind = 0;
    n->o_target = n->o_len = 0;
}

static uint32_t reg_read(const struct card_dma_state *s, uint16_t addr)
{
    unsigned blk = addr >> 8, off = addr & 0xFCu;
    if (blk == CARD_BLK_PUNT_BASE >> 8 || blk == CARD_BLK_INJECT_BASE >> 8) {
        unsigned r = blk == CARD_BLK_INJECT_BASE >> 8;
        switch (off) {
        case CARD_BLK_TYPE: return r ? CARD_BLK_INJECT_TYPE : CARD_BLK_PUNT_TYPE;
        case CARD_BLK_VERSION: return r ? CARD_BLK_INJECT_VERSION : CARD_BLK_PUNT_VERSION;
        case CARD_BLK_NEXT: return r ? CARD_BLK_IRQ_BASE : CARD_BLK_INJECT_BASE;
        case CARD_PUNT_BASE_LO: return (uint32_t)s->base[r];
        case CARD_PUNT_BASE_HI: return (uint32_t)(s->base[r] >> 32);
        case CARD_PUNT_SIZE_LOG2: return s->size[r];
        case CARD_PUNT_HEAD: return s->head[r];
        case CARD_PUNT_TAIL: return s->tail[r];
        case CARD_PUNT_RING_CTRL: return s->en[r];
        case CARD_PUNT_MAX_LOG2: return CARD_DMA_RING_MAX_LOG2;
        default: return 0;
        }
    }
    if (blk == CARD_BLK_IRQ_BASE >> 8) {
        switch (off) {
        case CARD_BLK_TYPE: return CARD_BLK_IRQ_TYPE;
        case CARD_BLK_VERSION: return CARD_BLK_IRQ_VERSION;
        case CARD_BLK_NEXT: return 0;
        case CARD_IRQ_CAUSE: return s->cause;
        case CARD_IRQ_MASK: return s->mask;
        case CARD_IRQ_MOD_CYCLES: return s->mod_cycles;
        case CARD_IRQ_MOD_COUNT: return s->mod_count;
        default: return 0;
        }
    }
    return 0;
}

static void reg_write(const struct card_dma_state *s, struct card_dma_state *n, uint16_t addr,
                      uint32_t v)
{
    unsigned blk = addr >> 8, off = addr & 0xFCu;
    if (blk == CARD_BLK_PUNT_BASE >> 8 || blk == CARD_BLK_INJECT_BASE >> 8) {
        unsigned r = blk == CARD_BLK_INJECT_BASE >> 8;
        switch (off) {
        case CARD_PUNT_BASE_LO: n->base[r] = (n->base[r] & ~UINT64_C(0xFFFFFFFF)) | v; break;
        case CARD_PUNT_BASE_HI:
            n->base[r] = (n->base[r] & UINT64_C(0xFFFFFFFF)) | (uint64_t)v << 32;
            break;
        case CARD_PUNT_SIZE_LOG2:
            /* regmap: written while ENABLE = 0; sizes the card cannot take ignored */
            if (!s->en[r] && v <= CARD_DMA_RING_MAX_LOG2)
                n->size[r] = (uint8_t)(v & 0xF);
            break;
        case CARD_PUNT_TAIL: n->tail[r] = v; break;
        case CARD_PUNT_RING_CTRL: n->en[r] = v & CARD_RING_ENABLE; break;
        default: break;
        }
    } else if (blk == CARD_BLK_IRQ_BASE >> 8) {
        switch (off) {
        case CARD_IRQ_CAUSE: n->cause = s->cause & (uint8_t)~v & 0xF; break;
        case CARD_IRQ_MASK: n->mask = v & 0xF; break;
        case CARD_IRQ_MOD_CYCLES: n->mod_cycles = v; break;
        case CARD_IRQ_MOD_COUNT: n->mod_count = v; break;
        default: break;
        }
    }
}

static bool inject_desc_bad(const struct card_dma_state *s, unsigned kind, unsigned len,
                            unsigned target)
{
    unsigned n_ch = s->n_ch ? s->n_ch : CARD_DMA_N_CH;
    unsigned sess_aw = s->sess_aw ? s->sess_aw : CARD_DMA_SESS_AW;
    bool bad = kind != CARD_INJECT_KIND_NET && kind != CARD_INJECT_KIND_CHANNEL_PPP &&
               kind != CARD_INJECT_KIND_SESSION_PPP;
    bad |= len == 0 || len > CARD_DMA_INJECT_MAX_LEN;
    bad |= kind == CARD_INJECT_KIND_CHANNEL_PPP && target >= n_ch;
    bad |= kind == CARD_INJECT_KIND_SESSION_PPP &&
           (target == 0 || target >= (1u << sess_aw));
    return bad;
}

/* The outputs that come from registers alone (all but irq and the cnt_*
 * pulses). */
static void registered_outputs(unsigned w, const struct card_dma_state *s,
                               struct card_dma_ports *io)
{
    io->reg_rdata = s->rdata;
    io->reg_rd_valid = s->rd_valid;
    io->s_punt_tready = 1;
    memcpy(io->m_inject_tdata, s->o_data, w);
    io->m_inject_tkeep = s->o_keep;
    io->m_inject_tvalid = s->o_valid;
    io->m_inject_tlast = s->o_last;
    io->m_inject_tuser_kind = s->o_kind;
    io->m_inject_tuser_target = s->o_target;
    io->m_inject_tuser_len = s->o_len;
    io->m_dma_rd_valid = s->rdv;
    io->m_dma_rd_tag = s->rd_tag;
    io->m_dma_rd_addr = s->rd_addr;
    io->m_dma_rd_len = s->rd_len;
    io->m_dma_wr_valid = s->wr_valid;
    io->m_dma_wr_addr = s->wr_addr;
    memcpy(io->m_dma_wr_data, s->wr_data, w);
    io->m_dma_wr_be = s->wr_be;
    io->m_dma_wr_last = s->wr_last;
    io->dma_error = s->dma_err;
}

static void eval_core(unsigned w, const struct card_dma_state *s, struct card_dma_ports *io,
                      struct card_dma_state *n)
{
    unsigned lane_w = w == 16 ? 4u : 3u;
    /* the RTL's $clog2(ID * DESC_BEATS + 1) bits */
    unsigned idcnt_mask = w == 16 ? 7u : 15u;
    unsigned idi_mask = 2u * CARD_DMA_ID - 1u;
    /* the RTL's $clog2(PD * DESC_BEATS + 1) bits */
    unsigned pdcnt_mask = w == 16 ? 7u : 15u;
    unsigned pdi_mask = 2u * CARD_DMA_PD - 1u;
    memcpy(n, s, offsetof(struct card_dma_state, pf_mem));   /* registers, not RAMs */
    n->pf_we = n->pm_we = n->i_we = false;
    n->hold = s->hold ? s->hold - 1 : 0;
    n->srst_prev = io->soft_rst;
    bool rc_ok = io->s_dma_rc_valid && !s->flush;
    n->dma_err = s->dma_err || (rc_ok && io->s_dma_rc_err);
    n->rd_out = (uint16_t)(s->rd_out - io->s_dma_rc_valid);
    if (s->rdv && io->m_dma_rd_ready)
        n->rd_out = (uint16_t)(n->rd_out + (((uint32_t)s->rd_len + w - 1) >> lane_w));
    n->flush = io->soft_rst || (s->flush && n->rd_out != 0);
    n->rdv = s->rdv && !io->m_dma_rd_ready;
    n->wr_valid = s->wr_valid && !io->m_dma_wr_ready;
    n->o_valid = s->o_valid && !io->m_inject_tready;
    bool rd_can_load = (!s->rdv || io->m_dma_rd_ready) && !s->flush;
    bool wr_can_load = !s->wr_valid || io->m_dma_wr_ready;
    bool o_can_load = !s->o_valid || io->m_inject_tready;
    bool p_moved = false, i_moved = false;
    bool c_frames = false, c_full = false, c_too_long = false, c_inj = false, c_bad = false;

    /* ---- register bus ---- */
    uint16_t addr = (uint16_t)io->reg_addr;
    n->rdata = io->reg_rd_en ? reg_read(s, addr) : 0;
    n->rd_valid = io->reg_rd_en;
    if (io->reg_wr_en)
        reg_write(s, n, addr, (uint32_t)io->reg_wdata);

    /* ---- punt FIFO input: never stalls; drops whole frames when full ---- */
    unsigned pf_used = (unsigned)(s->pf_wr - s->pf_rd) & PF_PTR_MASK;
    unsigned pm_used = (unsigned)(s->pm_wr - s->pm_rd) & PM_PTR_MASK;
    if (io->s_punt_tvalid) {
        if (s->pf_drop) {
            n->pf_drop = !io->s_punt_tlast;
        } else if (pf_used == CARD_DMA_PF_DEPTH ||
                   (io->s_punt_tlast && pm_used == CARD_DMA_PM_DEPTH)) {
            c_full = true;
            n->pf_wr = s->pf_cm;
            n->pf_len = 0;
            n->pf_drop = !io->s_punt_tlast;
        } else {
            n->pf_we = true;
            n->pf_waddr = (uint16_t)(s->pf_wr & PF_MASK);
            memcpy(n->pf_wdata, io->s_punt_tdata, w);
            n->pf_wr = (s->pf_wr + 1) & PF_PTR_MASK;
            n->pf_len = (uint16_t)(s->pf_len + ones(io->s_punt_tkeep));
            if (io->s_punt_tlast) {
                n->pm_we = true;
                n->pm_waddr = (uint8_t)(s->pm_wr & PM_MASK);
                n->pm_wdata = (struct card_dma_meta){
                    .beats = (uint16_t)((s->pf_wr + 1u - s->pf_cm) & PF_PTR_MASK),
                    .len = (uint16_t)(s->pf_len + ones(io->s_punt_tkeep)),
                    .session = (uint16_t)io->s_punt_tuser_session,
                    .channel = (uint8_t)io->s_punt_tuser_channel,
                    .reason = (uint8_t)io->s_punt_tuser_reason,
                };
                n->pm_wr = (s->pm_wr + 1) & PM_PTR_MASK;
                n->pf_cm = (s->pf_wr + 1) & PF_PTR_MASK;
                n->pf_len = 0;
            }
        }
    }

    /* ---- punt engine ---- */
    const uint8_t *p_desc = s->p_dc + (s->p_dci & (CARD_DMA_PD - 1)) * 16;
    bool p_disable = io->reg_wr_en && addr >> 8 == CARD_BLK_PUNT_BASE >> 8 &&
                     (addr & 0xFCu) == CARD_PUNT_RING_CTRL && !(io->reg_wdata & CARD_RING_ENABLE);
    uint32_t p_avail = s->tail[0] - s->head[0];
    uint32_t p_room = (UINT32_C(1) << s->size[0]) -
                      (s->head[0] & ~(UINT32_C(0xFFFFFFFF) << s->size[0]));
    unsigned p_n = CARD_DMA_PD;
    if (p_avail < p_n)
        p_n = p_avail;
    if (p_room < p_n)
        p_n = p_room;
    const struct card_dma_meta *ph = &s->pm_mem[s->pm_rd & PM_MASK];
    uint16_t p_last_octets = (uint16_t)(s->p_wlen - (s->p_beat << lane_w));
    uint16_t buf_len = (uint16_t)le32(p_desc + CARD_PUNT_DESC_LEN);
    switch (s->p_state) {
    case CARD_DMA_P_IDLE:
        if (pm_used != 0 && s->en[0] && s->head[0] != s->tail[0] && !s->dma_err)
            n->p_state = s->p_dci < s->p_dcn ? CARD_DMA_P_DECIDE : CARD_DMA_P_DESC_REQ;
        break;
    case CARD_DMA_P_DESC_REQ:
        if (s->head[0] == s->tail[0] || s->dma_err)
            n->p_state = CARD_DMA_P_IDLE;   /* descriptors taken back, or stopped */
        break;
    case CARD_DMA_P_DESC_WAIT:
        if (s->p_dcnt == ((s->p_reqn * DESC_BEATS) & pdcnt_mask)) {
            if (s->p_inval || p_disable || s->dma_err) {
                n->p_state = CARD_DMA_P_IDLE;
            } else {
                n->p_dcn = s->p_reqn;
                n->p_state = CARD_DMA_P_DECIDE;
            }
        }
        break;
    case CARD_DMA_P_DECIDE:
        n->p_beat = 0;
        n->p_meta = (uint32_t)ph->session << 16 | (uint32_t)ph->channel << 8 | ph->reason;
        if (ph->len > buf_len) {
            n->p_wlen = 0;
            n->pf_rd = (s->pf_rd + ph->beats) & PF_PTR_MASK;
            n->pm_rd = (s->pm_rd + 1) & PM_PTR_MASK;
            c_too_long = true;
            n->p_state = CARD_DMA_P_DESC_WR;
        } else {
            n->p_wlen = ph->len;
            n->p_state = ph->beats == 0 ? CARD_DMA_P_DESC_WR : CARD_DMA_P_DATA;
            if (ph->beats == 0)
                n->pm_rd = (s->pm_rd + 1) & PM_PTR_MASK;
        }
        break;
    case CARD_DMA_P_DATA:
        if (wr_can_load) {
            n->wr_valid = true;
            n->wr_addr = le64(p_desc) + ((uint64_t)s->p_beat << lane_w);
            memcpy(n->wr_data, s->pf_mem[s->pf_rd & PF_MASK], w);
            n->wr_be = p_last_octets >= w ? full_mask(w)
                       : p_last_octets == 0 ? 0
                                            : keep_of(w, p_last_octets);
            bool last = (uint16_t)(s->p_beat + 1) == ph->beats;
            n->wr_last = last;
            n->pf_rd = (s->pf_rd + 1) & PF_PTR_MASK;
            n->p_beat = (uint16_t)(s->p_beat + 1);
            if (last) {
                n->pm_rd = (s->pm_rd + 1) & PM_PTR_MASK;
                n->p_state = CARD_DMA_P_DESC_WR;
            }
        }
        break;
    case CARD_DMA_P_DESC_WR:
        if (wr_can_load) {
            n->wr_valid = true;
            n->wr_addr = desc_addr(s, 0) + CARD_PUNT_DESC_LEN;
            /* LEN (31:16 frame length, 15:0 the buffer size as posted), META */
            memset(n->wr_data, 0, sizeof n->wr_data);
            put_le32(n->wr_data, (uint32_t)s->p_wlen << 16 | buf_len);
            put_le32(n->wr_data + 4, s->p_meta);
            n->wr_be = 0xFF;   /* the descriptor's octets 8..15: lanes 0..7 */
            n->wr_last = true;
            n->p_state = CARD_DMA_P_DESC_ACK;
        }
        break;
    default: /* CARD_DMA_P_DESC_ACK */
        if (io->m_dma_wr_ready) {
            p_moved = true;
            c_frames = true;
            n->p_dci = (s->p_dci + 1) & pdi_mask;
            n->p_state = CARD_DMA_P_IDLE;
        }
        break;
    }
    if (s->p_state == CARD_DMA_P_DESC_WAIT && rc_ok &&
        io->s_dma_rc_tag == CARD_DMA_TAG_PUNT_DESC) {
        if (s->p_dcnt < CARD_DMA_PD * DESC_BEATS)   /* the RTL's write past the vector is lost */
            memcpy(n->p_dc + s->p_dcnt * w, io->s_dma_rc_data, w);
        n->p_dcnt = (s->p_dcnt + 1) & pdcnt_mask;
    }
    /* HEAD goes back to TAIL: what the cache holds is no longer posted */
    if (p_disable) {
        n->p_dcn = 0;
        n->p_inval = true;
    }

    /* ---- inject engine ---- */
    const uint8_t *i_desc = s->i_dc + (s->i_dci & (CARD_DMA_ID - 1)) * 16;
    bool i_disable = io->reg_wr_en && addr >> 8 == CARD_BLK_INJECT_BASE >> 8 &&
                     (addr & 0xFCu) == CARD_INJECT_RING_CTRL &&
                     !(io->reg_wdata & CARD_RING_ENABLE);
    uint32_t i_avail = s->tail[1] - s->head[1];
    uint32_t i_room = (UINT32_C(1) << s->size[1]) -
                      (s->head[1] & ~(UINT32_C(0xFFFFFFFF) << s->size[1]));
    unsigned i_n = CARD_DMA_ID;
    if (i_avail < i_n)
        i_n = i_avail;
    if (i_room < i_n)
        i_n = i_room;
    uint64_t i_addr = le64(i_desc);
    uint32_t lenw = le32(i_desc + CARD_INJECT_DESC_LEN);
    uint16_t i_len = (uint16_t)lenw;
    uint8_t i_kind = (uint8_t)(lenw >> 16);
    uint16_t i_target = (uint16_t)le32(i_desc + CARD_INJECT_DESC_TARGET);
    uint16_t i_beats = (uint16_t)(((uint32_t)i_len + w - 1) >> lane_w);
    uint16_t i_chunks = (uint16_t)(((uint32_t)i_len + (1u << CHUNK_LOG2) - 1) >> CHUNK_LOG2);
    uint16_t e_chunk = (uint16_t)(s->i_emit >> CARD_DMA_CHUNK_BEATS_LOG2);
    unsigned e_slot = e_chunk & (CARD_DMA_NS - 1);
    unsigned e_beat = s->i_emit & (CARD_DMA_CB - 1);
    uint16_t rem = (uint16_t)(i_len - (uint16_t)(s->i_req << CHUNK_LOG2));
    switch (s->i_state) {
    case CARD_DMA_I_IDLE:
        if (s->en[1] && s->head[1] != s->tail[1] && !s->dma_err)
            n->i_state = s->i_dci < s->i_dcn ? CARD_DMA_I_CHECK : CARD_DMA_I_DESC_REQ;
        break;
    case CARD_DMA_I_DESC_REQ:
        if (s->head[1] == s->tail[1] || s->dma_err)
            n->i_state = CARD_DMA_I_IDLE;
        break;
    case CARD_DMA_I_DESC_WAIT:
        if (s->i_dcnt == ((s->i_reqn * DESC_BEATS) & idcnt_mask)) {
            if (s->i_inval || i_disable || s->dma_err) {
                n->i_state = CARD_DMA_I_IDLE;
            } else {
                n->i_dcn = s->i_reqn;
                n->i_state = CARD_DMA_I_CHECK;
            }
        }
        break;
    case CARD_DMA_I_CHECK:
        n->i_req = 0;
        n->i_emit = 0;
        if (inject_desc_bad(s, i_kind, i_len, i_target)) {
            c_bad = true;
            i_moved = true;
            n->i_dci = (s->i_dci + 1) & idi_mask;
            n->i_state = CARD_DMA_I_IDLE;
        } else {
            n->i_state = CARD_DMA_I_FRAME;
        }
        break;
    default: /* CARD_DMA_I_FRAME */
        if (o_can_load && s->i_rcv[e_slot] > e_beat) {
            bool last = (uint16_t)(s->i_emit + 1) == i_beats;
            n->o_valid = true;
            memcpy(n->o_data, s->i_mem[e_slot * CARD_DMA_CB + e_beat], w);
            n->o_last = last;
            n->o_keep = last ? keep_of(w, i_len) : full_mask(w);
            n->o_kind = i_kind & 3;
            n->o_target = i_target;
            n->o_len = i_len;
            n->i_emit = (uint16_t)(s->i_emit + 1);
            if (e_beat == CARD_DMA_CB - 1 || last)
                n->i_rcv[e_slot] = 0;
            if (last) {
                c_inj = true;
                i_moved = true;
                n->i_dci = (s->i_dci + 1) & idi_mask;
                n->i_state = CARD_DMA_I_IDLE;
            }
        }
        break;
    }
    if (rc_ok && s->i_state == CARD_DMA_I_DESC_WAIT &&
        io->s_dma_rc_tag == CARD_DMA_TAG_INJ_DESC) {
        if (s->i_dcnt < CARD_DMA_ID * DESC_BEATS)   /* the RTL's write past the vector is lost */
            memcpy(n->i_dc + s->i_dcnt * w, io->s_dma_rc_data, w);
        n->i_dcnt = (s->i_dcnt + 1) & idcnt_mask;
    }
    if (i_disable) {
        n->i_dcn = 0;
        n->i_inval = true;
    }
    if (rc_ok && io->s_dma_rc_tag < CARD_DMA_NS) {
        unsigned t = (unsigned)io->s_dma_rc_tag;
        n->i_we = true;
        n->i_waddr = (uint8_t)(t * CARD_DMA_CB + (s->i_rcv[t] & (CARD_DMA_CB - 1)));
        memcpy(n->i_wdata, io->s_dma_rc_data, w);
        n->i_rcv[t] = (s->i_rcv[t] + 1) & RC_MASK;
    }

    /* ---- read port: punt descriptor first, then inject ---- */
    if (rd_can_load) {
        if (s->p_state == CARD_DMA_P_DESC_REQ && s->head[0] != s->tail[0] && !s->dma_err) {
            n->rdv = true;
            n->rd_tag = CARD_DMA_TAG_PUNT_DESC;
            n->rd_addr = desc_addr(s, 0);
            n->rd_len = (uint16_t)(p_n * CARD_DESC_SIZE);
            n->p_state = CARD_DMA_P_DESC_WAIT;
            n->p_dcnt = 0;
            n->p_dci = 0;
            n->p_dcn = 0;
            n->p_reqn = (uint8_t)p_n;
            n->p_inval = false;
        } else if (s->i_state == CARD_DMA_I_DESC_REQ && s->head[1] != s->tail[1] &&
                   !s->dma_err) {
            n->rdv = true;
            n->rd_tag = CARD_DMA_TAG_INJ_DESC;
            n->rd_addr = desc_addr(s, 1);
            n->rd_len = (uint16_t)(i_n * CARD_DESC_SIZE);
            n->i_state = CARD_DMA_I_DESC_WAIT;
            n->i_dcnt = 0;
            n->i_dci = 0;
            n->i_dcn = 0;
            n->i_reqn = (uint8_t)i_n;
            n->i_inval = false;
        } else if (s->i_state == CARD_DMA_I_FRAME && s->i_req < i_chunks &&
                   (uint16_t)(s->i_req - e_chunk) < CARD_DMA_NS) {
            n->rdv = true;
            n->rd_tag = s->i_req & (CARD_DMA_NS - 1);
            n->rd_addr = i_addr + ((uint64_t)s->i_req << CHUNK_LOG2);
            n->rd_len = rem > (1u << CHUNK_LOG2) ? (uint16_t)(1u << CHUNK_LOG2) : rem;
            n->i_req = (uint16_t)(s->i_req + 1);
        }
    }

    /* ---- HEADs: move only while enabled; writing ENABLE = 0 resets HEAD
     * to TAIL ---- */
    if (p_moved && s->en[0])
        n->head[0] = s->head[0] + 1;
    if (i_moved && s->en[1])
        n->head[1] = s->head[1] + 1;
    if (io->reg_wr_en) {
        unsigned blk = addr >> 8, off = addr & 0xFCu;
        bool punt = blk == CARD_BLK_PUNT_BASE >> 8, inj = blk == CARD_BLK_INJECT_BASE >> 8;
        if ((punt || inj) && off == CARD_PUNT_RING_CTRL && !(io->reg_wdata & CARD_RING_ENABLE))
            n->head[inj] = s->tail[inj];
    }

    /* ---- interrupt and moderation ---- */
    uint8_t ev = (uint8_t)((p_moved && s->en[0]) ? CARD_IRQ_PUNT : 0) |
                 (uint8_t)((i_moved && s->en[1]) ? CARD_IRQ_INJECT : 0) |
                 (uint8_t)((rc_ok && io->s_dma_rc_err && !s->dma_err)
                               ? CARD_IRQ_DMA_ERROR : 0) |
                 (uint8_t)((s->srst_prev && !io->soft_rst) ? CARD_IRQ_RESET_DONE : 0);
    n->cause |= ev;
    uint32_t ev_count = (uint32_t)ones(ev & s->mask);
    bool fire = s->events != 0 && (s->cause & s->mask) != 0 &&
                (s->hold == 0 || (s->mod_count != 0 && s->events >= s->mod_count));
    if (fire) {
        n->events = ev_count;
        n->hold = s->mod_cycles ? s->mod_cycles - 1 : 0;
    } else if ((n->cause & n->mask) == 0) {
        n->events = 0;
    } else {
        uint32_t sum = s->events + ev_count;
        n->events = sum < s->events ? UINT32_MAX : sum;
    }

    registered_outputs(w, s, io);
    io->irq = fire;
    io->cnt_punt_frames = c_frames;
    io->cnt_punt_ring_full = c_full;
    io->cnt_punt_too_long = c_too_long;
    io->cnt_inject_frames = c_inj;
    io->cnt_inject_bad_desc = c_bad;

    if (io->rst) {
        n->cause = n->mask = 0;
        n->mod_cycles = n->mod_count = n->hold = n->events = 0;
        n->srst_prev = false;
        n->rd_out = 0;
        n->flush = false;
        n->rdata = 0;
        n->rd_valid = false;
    }
    if (io->rst || io->soft_rst)
        reset_rings(n);
}

/* The width wrappers: the generated port structs in and out of the core
 * (beats copied as octets: Verilator's words are little-endian, as is the
 * host the tests run on). */
#define CARD_DMA_PORTS_IN(p, io, w)                                                               \
    do {                                                                                          \
        (p).rst = (io)->rst;                                                                      \
        (p).soft_rst = (io)->soft_rst;                                                            \
        (p).reg_wr_en = (io)->reg_wr_en;                                                          \
        (p).reg_rd_en = (io)->reg_rd_en;                                                          \
        (p).reg_addr = (uint16_t)(io)->reg_addr;                                                  \
        (p).reg_wdata = (uint32_t)(io)->reg_wdata;                                                \
        memcpy((p).s_punt_tdata, &(io)->s_punt_tdata, (w));                                       \
        (p).s_punt_tkeep = (uint16_t)(io)->s_punt_tkeep;                                          \
        (p).s_punt_tvalid = (io)->s_punt_tvalid;                                                  \
        (p).s_punt_tlast = (io)->s_punt_tlast;                                                    \
        (p).s_punt_tuser_reason = (uint8_t)(io)->s_punt_tuser_reason;                             \
        (p).s_punt_tuser_session = (uint16_t)(io)->s_punt_tuser_session;                          \
        (p).s_punt_tuser_channel = (uint8_t)(io)->s_punt_tuser_channel;                           \
        (p).m_inject_tready = (io)->m_inject_tready;                                              \
        (p).m_dma_rd_ready = (io)->m_dma_rd_ready;                                                \
        (p).s_dma_rc_valid = (io)->s_dma_rc_valid;                                                \
        (p).s_dma_rc_tag = (uint8_t)(io)->s_dma_rc_tag;                                           \
        memcpy((p).s_dma_rc_data, &(io)->s_dma_rc_data, (w));                                     \
        (p).s_dma_rc_err = (io)->s_dma_rc_err;                                                    \
        (p).m_dma_wr_ready = (io)->m_dma_wr_ready;                                                \
    } while (0)

#define CARD_DMA_PORTS_OUT(io, p, w)                                                              \
    do {                                                                                          \
        (io)->reg_rdata = (p).reg_rdata;                                                          \
        (io)->reg_rd_valid = (p).reg_rd_valid;                                                    \
        (io)->s_punt_tready = (p).s_punt_tready;                                                  \
        memcpy(&(io)->m_inject_tdata, (p).m_inject_tdata, (w));                                   \
        (io)->m_inject_tkeep = (p).m_inject_tkeep;                                                \
        (io)->m_inject_tvalid = (p).m_inject_tvalid;                                              \
        (io)->m_inject_tlast = (p).m_inject_tlast;                                                \
        (io)->m_inject_tuser_kind = (p).m_inject_tuser_kind;                                      \
        (io)->m_inject_tuser_target = (p).m_inject_tuser_target;                                  \
        (io)->m_inject_tuser_len = (p).m_inject_tuser_len;                                        \
        (io)->m_dma_rd_valid = (p).m_dma_rd_valid;                                                \
        (io)->m_dma_rd_tag = (p).m_dma_rd_tag;                                                    \
        (io)->m_dma_rd_addr = (p).m_dma_rd_addr;                                                  \
        (io)->m_dma_rd_len = (p).m_dma_rd_len;                                                    \
        (io)->m_dma_wr_valid = (p).m_dma_wr_valid;                                                \
        (io)->m_dma_wr_addr = (p).m_dma_wr_addr;                                                  \
        memcpy(&(io)->m_dma_wr_data, (p).m_dma_wr_data, (w));                                     \
        (io)->m_dma_wr_be = (p).m_dma_wr_be;                                                      \
        (io)->m_dma_wr_last = (p).m_dma_wr_last;                                                  \
        (io)->irq = (p).irq;                                                                      \
        (io)->dma_error = (p).dma_error;                                                          \
        (io)->cnt_punt_frames = (p).cnt_punt_frames;                                              \
        (io)->cnt_punt_ring_full = (p).cnt_punt_ring_full;                                        \
        (io)->cnt_punt_too_long = (p).cnt_punt_too_long;                                          \
        (io)->cnt_inject_frames = (p).cnt_inject_frames;                                          \
        (io)->cnt_inject_bad_desc = (p).cnt_inject_bad_desc;                                      \
    } while (0)

void card_dma_eval(const struct card_dma_state *s, struct card_dma_io *io,
                   struct card_dma_state *next)
{
    struct card_dma_ports p = {0};
    CARD_DMA_PORTS_IN(p, io, 8u);
    eval_core(8, s, &p, next);
    CARD_DMA_PORTS_OUT(io, p, 8u);
}

void card_dma_w16_eval(const struct card_dma_w16_state *s, struct card_dma_w16_io *io,
                       struct card_dma_w16_state *next)
{
    struct card_dma_ports p = {0};
    CARD_DMA_PORTS_IN(p, io, 16u);
    eval_core(16, &s->s, &p, &next->s);
    CARD_DMA_PORTS_OUT(io, p, 16u);
}

void card_dma_outputs(const struct card_dma_state *s, struct card_dma_io *io)
{
    struct card_dma_ports p = {0};
    registered_outputs(8, s, &p);
    CARD_DMA_PORTS_OUT(io, p, 8u);
}

void card_dma_w16_outputs(const struct card_dma_w16_state *s, struct card_dma_w16_io *io)
{
    struct card_dma_ports p = {0};
    registered_outputs(16, &s->s, &p);
    CARD_DMA_PORTS_OUT(io, p, 16u);
}

/* The registers take their next values; the RAMs take this cycle's writes
 * (as the RTL's always_ff, which has no reset for them). */
void card_dma_tick(struct card_dma_state *s, const struct card_dma_state *next)
{
    memcpy(s, next, offsetof(struct card_dma_state, pf_mem));
    if (next->pf_we)
        memcpy(s->pf_mem[next->pf_waddr], next->pf_wdata, sizeof next->pf_wdata);
    if (next->pm_we)
        s->pm_mem[next->pm_waddr] = next->pm_wdata;
    if (next->i_we)
        memcpy(s->i_mem[next->i_waddr], next->i_wdata, sizeof next->i_wdata);
}

void card_dma_w16_tick(struct card_dma_w16_state *s, const struct card_dma_w16_state *next)
{
    card_dma_tick(&s->s, &next->s);
}
