/* See l2tp_card_pkg.h: written bit by bit like the RTL's functions (not with
 * host/proto's tables), so the model does not borrow the reference's code. */
#include "l2tp_card_pkg.h"

#include "ppp_const.h"

uint16_t pkg_fcs16_octet(uint16_t fcs, uint8_t octet)
{
    uint16_t c = fcs ^ octet;
    for (int i = 0; i < 8; i++)
        c = (c & 1u) ? (uint16_t)((c >> 1) ^ PPP_FCS16_POLY_REVERSED) : (uint16_t)(c >> 1);
    return c;
}

uint32_t pkg_fcs32_octet(uint32_t fcs, uint8_t octet)
{
    uint32_t c = fcs ^ octet;
    for (int i = 0; i < 8; i++)
        c = (c & 1u) ? (c >> 1) ^ PPP_FCS32_POLY_REVERSED : c >> 1;
    return c;
}

bool pkg_hdlc_tx_escapes(uint32_t accm, uint8_t octet)
{
    return octet == HDLC_FLAG || octet == HDLC_ESCAPE || (octet < 0x20 && ((accm >> octet) & 1u));
}
