/* Cycle-accurate model of hw/access_rx_arbiter.sv: the N_CH channel buffers
 * and the host's injected frames onto one stream toward encap_builder, each
 * frame tagged with its origin and length. As in the RTL, the work is done by
 * a stream_frame_arbiter (N_CH + 1 inputs, the injected stream last). */
#ifndef MODEL_ACCESS_RX_ARBITER_H
#define MODEL_ACCESS_RX_ARBITER_H

#include <stdbool.h>
#include <stdint.h>

#include "stream_frame_arbiter.h"

#define ARBITER_N_CH_MAX (SFA_N_MAX - 1)

struct access_rx_arbiter_params {
    unsigned data_w;        /* DATA_W */
    unsigned n_ch;          /* N_CH, 1 .. ARBITER_N_CH_MAX */
};

struct access_rx_arbiter_in {
    bool rst;
    struct sfa_beat ch[ARBITER_N_CH_MAX];   /* user unused: s_ch_len gives the length */
    bool ch_tvalid[ARBITER_N_CH_MAX];
    uint16_t ch_len[ARBITER_N_CH_MAX];
    struct sfa_beat inj;
    bool inj_tvalid;
    uint16_t inj_session, inj_len;
    bool m_tready;
};

struct access_rx_arbiter_out {
    bool ch_tready[ARBITER_N_CH_MAX];
    bool inj_tready;
    uint8_t m_tdata[SFA_DATA_W_MAX];
    uint32_t m_tkeep;
    bool m_tvalid, m_tlast;
    bool m_tuser_kind;
    uint16_t m_tuser_id, m_tuser_len;
};

struct access_rx_arbiter {
    struct access_rx_arbiter_params p;
    struct stream_frame_arbiter arb;        /* u_arb */
};

/* false when the parameters are outside the RTL's checks or the arrays. */
bool access_rx_arbiter_init(struct access_rx_arbiter *m, const struct access_rx_arbiter_params *p);
void access_rx_arbiter_eval(struct access_rx_arbiter *m, const struct access_rx_arbiter_in *in,
                            struct access_rx_arbiter_out *out);
/* The outputs that come from registers alone (m_*): what eval writes there,
 * without the inputs (the ready outputs need them). */
void access_rx_arbiter_outputs(const struct access_rx_arbiter *m,
                               struct access_rx_arbiter_out *out);
void access_rx_arbiter_tick(struct access_rx_arbiter *m);

#endif
