/* Cycle-accurate model of hw/hdlc_framer.sv (RFC 1662 §4 framer for one
 * ACCESS channel). The ports are struct hdlc_framer_io, generated from
 * tests/cosim/hdlc_framer_ports.def. */
#ifndef MODEL_HDLC_FRAMER_H
#define MODEL_HDLC_FRAMER_H

#include <stdbool.h>
#include <stdint.h>

#define COSIM_BLOCK hdlc_framer
#define COSIM_PORTS_DEF "hdlc_framer_ports.def"
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

/* state_reg values (the RTL's state_t) */
enum hdlc_framer_st {
    HDLC_FRAMER_ST_IDLE = 0,
    HDLC_FRAMER_ST_DATA = 1,
    HDLC_FRAMER_ST_FCS = 2,
    HDLC_FRAMER_ST_CLOSE = 3,
};

/* The RTL's registers, named as there without the _reg suffix. */
struct hdlc_framer_state {
    uint8_t state;
    bool esc_pend;
    uint8_t esc_data;       /* 7 bits: escaped octets are below 0x80 */
    uint32_t fcs;
    uint8_t fcs_idx;
    bool fcs32;
    uint32_t accm;
    bool line_flag;
    uint8_t m_tdata;
    bool m_tvalid;
};

/* always_comb: outputs into io, next state into next. */
void hdlc_framer_eval(const struct hdlc_framer_state *s, struct hdlc_framer_io *io,
                      struct hdlc_framer_state *next);
/* always_ff: the rising clock edge. */
/* When eval would leave the state as it is (IDLE, no beat in, nothing held
 * out, the configuration already sampled), writes the outputs eval would
 * and returns true: the parent may then skip eval and tick (an idle line
 * costs this test). False: call eval. */
bool hdlc_framer_eval_idle(const struct hdlc_framer_state *s, struct hdlc_framer_io *io);
void hdlc_framer_tick(struct hdlc_framer_state *s, const struct hdlc_framer_state *next);

#ifdef __cplusplus
}
#endif

#endif
