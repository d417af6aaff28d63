/* Cycle-accurate model of hw/hdlc_deframer.sv (RFC 1662 §4 deframer for one
 * ACCESS channel). The ports are struct hdlc_deframer_io, generated from
 * tests/cosim/hdlc_deframer_ports.def. */
#ifndef MODEL_HDLC_DEFRAMER_H
#define MODEL_HDLC_DEFRAMER_H

#include <stdbool.h>
#include <stdint.h>

#define COSIM_BLOCK hdlc_deframer
#define COSIM_PORTS_DEF "hdlc_deframer_ports.def"
#include "cosim_io_struct.h"
#undef COSIM_BLOCK
#undef COSIM_PORTS_DEF

#ifdef __cplusplus
extern "C" {
#endif

/* The RTL's registers, named as there without the _reg suffix. */
struct hdlc_deframer_state {
    bool in_frame;
    bool esc;
    bool over;
    uint32_t len;           /* 17 bits */
    uint64_t hold;          /* 40 bits: the delay line, newest octet in 7:0 */
    uint32_t fcs;
    bool fcs32;
    uint32_t accm;
    uint16_t mru;
    uint8_t m_tdata;
    bool m_tvalid;
    bool m_tlast;
    uint8_t m_tuser;
    bool ev_valid;
    uint8_t ev_code;
    bool ev_accm_discard;
};

/* always_comb: outputs into io, next state into next. */
void hdlc_deframer_eval(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io,
                        struct hdlc_deframer_state *next);
/* The outputs that come from registers alone (m_*, ev_*): what eval writes
 * there, without the inputs, so a parent can settle its wires in one pass. */
void hdlc_deframer_outputs(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io);
/* When eval would leave the state as it is (no octet in, nothing held out,
 * no event pulse), writes the outputs eval would and returns true: the
 * parent may then skip eval and tick. False: call eval. */
bool hdlc_deframer_eval_idle(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io);
/* always_ff: the rising clock edge. */
void hdlc_deframer_tick(struct hdlc_deframer_state *s, const struct hdlc_deframer_state *next);

#ifdef __cplusplus
}
#endif

#endif
