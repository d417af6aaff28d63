/* Cycle-accurate model of hw/card_dma.sv (the shell's punt and inject DMA
 * rings and the moderated interrupt), at the parameters the lockstep test
 * Verilates: DATA_W 8 (struct card_dma_io, engine card_dma_*) and 16
 * (struct card_dma_w16_io, engine card_dma_w16_*), N_CH 32, SESS_AW 12,
 * PUNT_FIFO_LOG2 9, PUNT_META_LOG2 6, INJ_SLOTS_LOG2 2, CHUNK_BEATS_LOG2 3,
 * RING_MAX_LOG2 15, INJECT_MAX_LEN 4096, PUNT_DESC_BATCH_LOG2 2,
 * INJ_DESC_BATCH_LOG2 2 (the RTL's defaults). The port
 * structs come from tests/cosim/card_dma_ports.def. */
#ifndef MODEL_CARD_DMA_H
#define MODEL_CARD_DMA_H

#include <stdbool.h>
#include <stdint.h>

#define COSIM_BLOCK card_dma
#define COSIM_PORTS_DEF "card_dma_ports.def"
#define CARD_DMA_COSIM_DATA_W 8
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef CARD_DMA_COSIM_DATA_W
#define COSIM_BLOCK card_dma_w16
#define CARD_DMA_COSIM_DATA_W 16
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef CARD_DMA_COSIM_DATA_W
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

#define CARD_DMA_W_MAX 16u    /* octets per beat the model holds */
#define CARD_DMA_N_CH 32u
#define CARD_DMA_SESS_AW 12u
#define CARD_DMA_PUNT_FIFO_LOG2 9u
#define CARD_DMA_PUNT_META_LOG2 6u
#define CARD_DMA_INJ_SLOTS_LOG2 2u
#define CARD_DMA_CHUNK_BEATS_LOG2 3u
#define CARD_DMA_RING_MAX_LOG2 15u
#define CARD_DMA_INJECT_MAX_LEN 4096u
#define CARD_DMA_PUNT_DESC_BATCH_LOG2 2u
#define CARD_DMA_PD (1u << CARD_DMA_PUNT_DESC_BATCH_LOG2)
#define CARD_DMA_INJ_DESC_BATCH_LOG2 2u
#define CARD_DMA_ID (1u << CARD_DMA_INJ_DESC_BATCH_LOG2)

#define CARD_DMA_PF_DEPTH (1u << CARD_DMA_PUNT_FIFO_LOG2)
#define CARD_DMA_PM_DEPTH (1u << CARD_DMA_PUNT_META_LOG2)
#define CARD_DMA_NS (1u << CARD_DMA_INJ_SLOTS_LOG2)
#define CARD_DMA_CB (1u << CARD_DMA_CHUNK_BEATS_LOG2)
/* read tags: chunks 0..NS-1, then the two descriptors */
#define CARD_DMA_TAG_INJ_DESC CARD_DMA_NS
#define CARD_DMA_TAG_PUNT_DESC (CARD_DMA_NS + 1u)

enum card_dma_pstate {
    CARD_DMA_P_IDLE, CARD_DMA_P_DESC_REQ, CARD_DMA_P_DESC_WAIT, CARD_DMA_P_DECIDE,
    CARD_DMA_P_DATA, CARD_DMA_P_DESC_WR, CARD_DMA_P_DESC_ACK,
};

enum card_dma_istate {
    CARD_DMA_I_IDLE, CARD_DMA_I_DESC_REQ, CARD_DMA_I_DESC_WAIT, CARD_DMA_I_CHECK,
    CARD_DMA_I_FRAME,
};

/* One punt FIFO frame slot: the RTL's pm_mem word. */
struct card_dma_meta {
    uint16_t beats, len, session;
    uint8_t channel, reason;
};

/* The RTL's registers (without _reg) and RAMs; ring arrays [0] punt,
 * [1] inject. Descriptors as 16 octets (the RTL's 128-bit vectors), beats
 * as octet arrays (octet i = tdata[8i+7:8i]), DATA_W of them used. */
struct card_dma_state {
    /* Parameters N_CH and SESS_AW (inject target bounds) for an instance
     * other than the lockstep test's; 0: CARD_DMA_N_CH, CARD_DMA_SESS_AW. */
    uint16_t n_ch;
    uint8_t sess_aw;
    uint64_t base[2];
    uint8_t size[2];
    uint32_t head[2], tail[2];
    bool en[2];
    uint8_t cause, mask;
    uint32_t mod_cycles, mod_count, hold, events;
    bool srst_prev;
    uint32_t rdata;
    bool rd_valid;
    bool rdv;
    uint8_t rd_tag;
    uint64_t rd_addr;
    uint16_t rd_len;
    bool wr_valid;
    uint64_t wr_addr;
    uint8_t wr_data[CARD_DMA_W_MAX];
    uint16_t wr_be;
    bool wr_last;
    uint16_t pf_wr, pf_cm, pf_rd;   /* PUNT_FIFO_LOG2 + 1 bits */
    uint16_t pf_len;
    bool pf_drop;
    uint8_t pm_wr, pm_rd;           /* PUNT_META_LOG2 + 1 bits */
    uint8_t p_state;
    uint8_t p_dc[CARD_DMA_PD * 16]; /* the punt descriptor cache */
    uint8_t p_dcnt, p_dci, p_dcn, p_reqn;
    bool p_inval;
    bool dma_err;
    uint16_t rd_out;                /* completion beats owed (kept across soft_rst) */
    bool flush;                     /* dropping the completions of before soft_rst */
    uint16_t p_beat, p_wlen;
    uint32_t p_meta;
    uint8_t i_state;
    uint8_t i_dc[CARD_DMA_ID * 16];  /* the inject descriptor cache */
    uint8_t i_dcnt, i_dci, i_dcn, i_reqn;
    bool i_inval;
    uint16_t i_req, i_emit;
    uint8_t i_rcv[CARD_DMA_NS];
    uint8_t o_data[CARD_DMA_W_MAX];
    uint16_t o_keep;
    bool o_valid, o_last;
    uint8_t o_kind;
    uint16_t o_target, o_len;
    /* The RAMs' write ports (the RTL's pf_we/pf_waddr, pm_we, i_we/i_waddr
     * and their data), applied at the clock edge: eval never copies the
     * RAMs, which keeps the model fast. */
    bool pf_we, pm_we, i_we;
    uint16_t pf_waddr;
    uint8_t pm_waddr, i_waddr;
    uint8_t pf_wdata[CARD_DMA_W_MAX], i_wdata[CARD_DMA_W_MAX];
    struct card_dma_meta pm_wdata;
    /* the RAMs: last, eval copies the state up to here */
    uint8_t pf_mem[CARD_DMA_PF_DEPTH][CARD_DMA_W_MAX];
    struct card_dma_meta pm_mem[CARD_DMA_PM_DEPTH];
    uint8_t i_mem[CARD_DMA_NS * CARD_DMA_CB][CARD_DMA_W_MAX];
};

/* The DATA_W = 16 instance: the same registers. */
struct card_dma_w16_state {
    struct card_dma_state s;
};

/* always_comb: outputs into io, next state (RAM writes included) into next. */
void card_dma_eval(const struct card_dma_state *s, struct card_dma_io *io,
                   struct card_dma_state *next);
void card_dma_w16_eval(const struct card_dma_w16_state *s, struct card_dma_w16_io *io,
                       struct card_dma_w16_state *next);
/* The outputs that come from registers alone, as eval writes them (irq and
 * the cnt_* pulses, which need the inputs, written 0): what a parent reads
 * before it has the shell's inputs. */
void card_dma_outputs(const struct card_dma_state *s, struct card_dma_io *io);
void card_dma_w16_outputs(const struct card_dma_w16_state *s, struct card_dma_w16_io *io);
/* always_ff: the rising clock edge. */
void card_dma_tick(struct card_dma_state *s, const struct card_dma_state *next);
void card_dma_w16_tick(struct card_dma_w16_state *s, const struct card_dma_w16_state *next);

#ifdef __cplusplus
}
#endif

#endif
