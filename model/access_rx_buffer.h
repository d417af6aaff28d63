/* Cycle-accurate model of hw/access_rx_buffer.sv: the store-and-forward
 * frame buffer of one ACCESS channel. struct access_rx_buffer_regs holds
 * exactly the RTL's registers, struct access_rx_buffer its RAM too;
 * _eval() is the always_comb, _tick() the always_ff (RAM included). */
#ifndef MODEL_ACCESS_RX_BUFFER_H
#define MODEL_ACCESS_RX_BUFFER_H

#include <stdbool.h>
#include <stdint.h>

#define ARB_DATA_W_MAX 16
#define ARB_DEPTH_LOG2_MAX 12
#define ARB_LQ_LOG2_MAX 8

struct access_rx_buffer_params {
    unsigned data_w;        /* DATA_W: 8 or 16 */
    unsigned depth_log2;    /* DEPTH_LOG2: 2 .. 15 - log2(DATA_W) */
    unsigned lq_log2;       /* LQ_LOG2: 1 .. 8 */
};

struct access_rx_buffer_in {
    bool rst;
    uint8_t s_tdata;
    bool s_tvalid, s_tlast;
    uint8_t s_tuser;        /* HDLC_RX_* at tlast */
    bool m_tready;
};

struct access_rx_buffer_out {
    bool s_tready;
    uint8_t m_tdata[ARB_DATA_W_MAX];    /* octet i = tdata[8i+7:8i] */
    uint32_t m_tkeep;
    bool m_tvalid, m_tlast;
    uint16_t m_len;
    bool cnt_overflow;
};

struct arb_qent {
    uint8_t data[ARB_DATA_W_MAX];
    uint32_t keep;
    bool last;
    uint16_t len;
};

/* The RTL's registers, named as there without the _reg suffix. */
struct access_rx_buffer_regs {
    uint8_t wr_word[ARB_DATA_W_MAX];
    unsigned wr_fill, wr_ptr, commit_ptr;
    uint16_t flen;
    bool drop, cnt_overflow;
    unsigned lq_rd, lq_wr, lq_cnt;
    unsigned rd_ptr;
    bool active;
    uint16_t left, cur_len;
    bool pend;
    uint32_t pend_keep;
    bool pend_last;
    uint16_t pend_len;
    struct arb_qent q[2];
    unsigned q_cnt;
    uint8_t rd_q[ARB_DATA_W_MAX];       /* the RAM's read register */
};

struct access_rx_buffer {
    struct access_rx_buffer_params p;
    struct access_rx_buffer_regs r, next;
    /* the length queue (lq_reg: not reset), written as a RAM: eval
     * describes the write (lq_we ...), tick performs it */
    uint16_t lq[1u << ARB_LQ_LOG2_MAX];
    bool lq_we;
    unsigned lq_waddr;
    uint16_t lq_wdata;
    uint8_t mem[1u << ARB_DEPTH_LOG2_MAX][ARB_DATA_W_MAX];
    /* the RAM's ports as eval computed them for the coming edge */
    bool mem_we, mem_re;
    unsigned mem_waddr, mem_raddr;
    uint8_t mem_wdata[ARB_DATA_W_MAX];
};

/* false when the parameters are outside the RTL's elaboration checks or the
 * model's arrays; registers and RAM zeroed. */
bool access_rx_buffer_init(struct access_rx_buffer *m, const struct access_rx_buffer_params *p);
void access_rx_buffer_eval(struct access_rx_buffer *m, const struct access_rx_buffer_in *in,
                           struct access_rx_buffer_out *out);
/* Every output (all come from registers): what eval writes into out. */
void access_rx_buffer_outputs(const struct access_rx_buffer *m, struct access_rx_buffer_out *out);
/* When eval would change nothing (no octet in, no frame queued, pending or
 * being read), writes the outputs and returns true: the parent may then
 * skip eval and tick. False: call eval. */
bool access_rx_buffer_eval_idle(const struct access_rx_buffer *m,
                                const struct access_rx_buffer_in *in,
                                struct access_rx_buffer_out *out);
void access_rx_buffer_tick(struct access_rx_buffer *m);

#endif
