/* Model of hw/hdlc_framer.sv: the same always_comb, statement for statement. */
#include "hdlc_framer.h"

#include "l2tp_card_pkg.h"
#include "ppp_const.h"

static void reset(struct hdlc_framer_state *n)
{
    *n = (struct hdlc_framer_state){
        .state = HDLC_FRAMER_ST_IDLE,
        .fcs = PPP_FCS32_INIT,
        .accm = PPP_DEFAULT_ACCM,
    };
}

void hdlc_framer_eval(const struct hdlc_framer_state *s, struct hdlc_framer_io *io,
                      struct hdlc_framer_state *n)
{
    *n = *s;
    n->m_tvalid = s->m_tvalid && !io->m_tready;

    bool can_load = !s->m_tvalid || io->m_tready;
    bool take = false, stuff = false;
    uint8_t raw = (uint8_t)io->s_tdata;
    bool idle = s->state == HDLC_FRAMER_ST_IDLE;
    /* In IDLE the frame's configuration comes straight from the ports. */
    uint32_t accm = idle ? (uint32_t)io->cfg_accm : s->accm;
    bool fcs32 = idle ? io->cfg_fcs32 : s->fcs32;
    uint32_t fcs_cur = idle ? PPP_FCS32_INIT : s->fcs;

    if (can_load) {
        if (s->esc_pend) {
            n->m_tdata = s->esc_data ^ HDLC_ESCAPE_XOR;
            n->m_tvalid = true;
            n->esc_pend = false;
        } else {
            switch (s->state) {
            case HDLC_FRAMER_ST_IDLE:
                n->accm = (uint32_t)io->cfg_accm;
                n->fcs32 = io->cfg_fcs32;
                n->fcs = PPP_FCS32_INIT;
                if (io->s_tvalid) {
                    if (io->cfg_share_flag && s->line_flag) {
                        take = true;
                    } else {
                        n->m_tdata = HDLC_FLAG;
                        n->m_tvalid = true;
                        n->line_flag = false;
                        n->state = HDLC_FRAMER_ST_DATA;
                    }
                }
                break;
            case HDLC_FRAMER_ST_DATA:
                take = io->s_tvalid;
                break;
            case HDLC_FRAMER_ST_FCS:
                /* the complemented FCS, least significant octet first */
                raw = (uint8_t)(~s->fcs >> (8 * s->fcs_idx));
                stuff = true;
                n->fcs_idx = (s->fcs_idx + 1) & 3;
                if (s->fcs_idx == (s->fcs32 ? 3 : 1))
                    n->state = HDLC_FRAMER_ST_CLOSE;
                break;
            default: /* HDLC_FRAMER_ST_CLOSE */
                n->m_tdata = HDLC_FLAG;
                n->m_tvalid = true;
                n->line_flag = true;
                n->state = HDLC_FRAMER_ST_IDLE;
                break;
            }
        }
    }

    if (take) {
        stuff = true;
        n->fcs = fcs32 ? pkg_fcs32_octet(fcs_cur, (uint8_t)io->s_tdata)
                       : pkg_fcs16_octet((uint16_t)fcs_cur, (uint8_t)io->s_tdata);
        n->fcs_idx = 0;
        n->state = io->s_tlast ? HDLC_FRAMER_ST_FCS : HDLC_FRAMER_ST_DATA;
    }

    if (stuff) {
        n->m_tvalid = true;
        n->line_flag = false;
        if (pkg_hdlc_tx_escapes(accm, raw)) {
            n->m_tdata = HDLC_ESCAPE;
            n->esc_pend = true;
            n->esc_data = raw & 0x7F;
        } else {
            n->m_tdata = raw;
        }
    }

    io->s_tready = take;
    io->m_tdata = s->m_tdata;
    io->m_tvalid = s->m_tvalid;

    if (io->rst)
        reset(n);
}

bool hdlc_framer_eval_idle(const struct hdlc_framer_state *s, struct hdlc_framer_io *io)
{
    /* eval in IDLE without a beat only samples the configuration and the
     * FCS seed: when those hold already, next equals s */
    if (io->rst || io->s_tvalid || s->state != HDLC_FRAMER_ST_IDLE || s->esc_pend || s->m_tvalid
        || s->accm != (uint32_t)io->cfg_accm || s->fcs32 != (io->cfg_fcs32 != 0)
        || s->fcs != PPP_FCS32_INIT)
        return false;
    io->s_tready = false;
    io->m_tdata = s->m_tdata;
    io->m_tvalid = false;
    return true;
}

void hdlc_framer_tick(struct hdlc_framer_state *s, const struct hdlc_framer_state *next)
{
    *s = *next;
}
