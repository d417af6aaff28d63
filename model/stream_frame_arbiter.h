/* Cycle-accurate model of hw/stream_frame_arbiter.sv: N streams onto one,
 * frame-atomic round robin. struct stream_frame_arbiter_regs holds exactly
 * the RTL's registers; _eval() is its always_comb, _tick() its always_ff.
 * The ports are width-independent structs (octet arrays per input). */
#ifndef MODEL_STREAM_FRAME_ARBITER_H
#define MODEL_STREAM_FRAME_ARBITER_H

#include <stdbool.h>
#include <stdint.h>

#define SFA_N_MAX 64
#define SFA_DATA_W_MAX 16
#define SFA_USER_W_MAX 64

struct stream_frame_arbiter_params {
    unsigned n;             /* N, 2 .. SFA_N_MAX */
    unsigned data_w;        /* DATA_W, 1 .. SFA_DATA_W_MAX */
    unsigned user_w;        /* USER_W, 1 .. SFA_USER_W_MAX */
};

struct sfa_beat {
    uint8_t data[SFA_DATA_W_MAX];       /* octet i = tdata[8i+7:8i] */
    uint32_t keep;
    bool last;
    uint64_t user;
};

struct stream_frame_arbiter_in {
    bool rst;
    struct sfa_beat s[SFA_N_MAX];
    bool s_tvalid[SFA_N_MAX];
    bool m_tready;
};

struct stream_frame_arbiter_out {
    bool s_tready[SFA_N_MAX];
    struct sfa_beat m;
    bool m_tvalid;
    unsigned m_tsel;
};

/* The RTL's registers, named as there without the _reg suffix. */
struct stream_frame_arbiter_regs {
    bool busy;
    unsigned sel, last;
    struct sfa_beat m;
    bool m_tvalid;
    unsigned m_tsel;
};

struct stream_frame_arbiter {
    struct stream_frame_arbiter_params p;
    unsigned sel_w;                     /* SEL_W = $clog2(N) */
    struct stream_frame_arbiter_regs r, next;
};

/* false when the parameters are outside the RTL's elaboration checks or the
 * model's arrays; registers zeroed. */
bool stream_frame_arbiter_init(struct stream_frame_arbiter *m,
                               const struct stream_frame_arbiter_params *p);
void stream_frame_arbiter_eval(struct stream_frame_arbiter *m,
                               const struct stream_frame_arbiter_in *in,
                               struct stream_frame_arbiter_out *out);
void stream_frame_arbiter_tick(struct stream_frame_arbiter *m);

#endif
