/* Model of hw/hdlc_deframer.sv: the same always_comb, statement for statement. */
#include "hdlc_deframer.h"

#include "hdlc.h"
#include "l2tp_card_pkg.h"
#include "ppp_const.h"

#define HOLD_MASK ((UINT64_C(1) << 40) - 1)

static void reset(struct hdlc_deframer_state *n)
{
    *n = (struct hdlc_deframer_state){
        .fcs = PPP_FCS32_INIT,
        .accm = PPP_DEFAULT_ACCM,
        .mru = PPP_DEFAULT_MRU,
    };
}

void hdlc_deframer_eval(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io,
                        struct hdlc_deframer_state *n)
{
    *n = *s;
    n->m_tvalid = s->m_tvalid && !io->m_tready;
    n->ev_valid = false;
    n->ev_accm_discard = false;

    bool can_load = !s->m_tvalid || io->m_tready;
    uint32_t fcs_len = s->fcs32 ? PPP_FCS32_LEN : PPP_FCS16_LEN;
    bool full = s->len > fcs_len;
    uint8_t oldest = (uint8_t)(s->fcs32 ? s->hold >> 32 : s->hold >> 16);
    bool fcs_good = s->fcs32 ? s->fcs == PPP_FCS32_GOOD : (s->fcs & 0xFFFF) == PPP_FCS16_GOOD;
    uint8_t c = (uint8_t)io->s_tdata;
    uint8_t v = s->esc ? c ^ HDLC_ESCAPE_XOR : c;
    uint8_t code = HDLC_RX_FRAME;
    bool report = true;

    io->s_tready = can_load;

    if (io->s_tvalid && can_load) {
        if (c == HDLC_FLAG) {
            if (s->esc)
                code = HDLC_RX_ABORT;
            else if (s->over)
                code = HDLC_RX_TOO_LONG;
            else if (s->len == 0)
                report = false;
            else if (!full)
                code = HDLC_RX_RUNT;
            else if (!fcs_good)
                code = HDLC_RX_BAD_FCS;
            if (s->in_frame && report) {
                n->ev_valid = true;
                n->ev_code = code;
                if (full) {
                    n->m_tdata = oldest;
                    n->m_tvalid = true;
                    n->m_tlast = true;
                    n->m_tuser = code;
                }
            }
            n->in_frame = true;
            n->esc = false;
            n->over = false;
            n->len = 0;
            n->fcs = PPP_FCS32_INIT;
            n->fcs32 = io->cfg_fcs32;
            n->accm = (uint32_t)io->cfg_accm;
            n->mru = (uint16_t)io->cfg_mru;
        } else if (s->in_frame) {
            if (c < 0x20 && ((s->accm >> c) & 1u)) {
                n->ev_accm_discard = true;
            } else if (c == HDLC_ESCAPE && !s->esc) {
                n->esc = true;
            } else {
                n->esc = false;
                if (!s->over) {
                    if (s->len >= (uint32_t)s->mru + fcs_len) {
                        n->over = true;
                    } else {
                        if (full) {
                            n->m_tdata = oldest;
                            n->m_tvalid = true;
                            n->m_tlast = false;
                            n->m_tuser = HDLC_RX_FRAME;
                        }
                        n->hold = ((s->hold << 8) | v) & HOLD_MASK;
                        n->len = (s->len + 1) & 0x1FFFF;
                        n->fcs = s->fcs32 ? pkg_fcs32_octet(s->fcs, v)
                                          : pkg_fcs16_octet((uint16_t)s->fcs, v);
                    }
                }
            }
        }
    }

    hdlc_deframer_outputs(s, io);

    if (io->rst)
        reset(n);
}

bool hdlc_deframer_eval_idle(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io)
{
    /* without an octet in, eval only drops m_tvalid (taken) and the event
     * pulses: when those are low already, next equals s */
    if (io->rst || io->s_tvalid || s->m_tvalid || s->ev_valid || s->ev_accm_discard)
        return false;
    io->s_tready = true;
    hdlc_deframer_outputs(s, io);
    return true;
}

void hdlc_deframer_outputs(const struct hdlc_deframer_state *s, struct hdlc_deframer_io *io)
{
    io->m_tdata = s->m_tdata;
    io->m_tvalid = s->m_tvalid;
    io->m_tlast = s->m_tlast;
    io->m_tuser = s->m_tuser;
    io->ev_valid = s->ev_valid;
    io->ev_code = s->ev_code;
    io->ev_accm_discard = s->ev_accm_discard;
}

void hdlc_deframer_tick(struct hdlc_deframer_state *s, const struct hdlc_deframer_state *next)
{
    *s = *next;
}
