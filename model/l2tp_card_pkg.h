/* Mirror of hw/l2tp_card_pkg.sv's functions for the C model. The constants
 * themselves come from host/proto/ppp_const.h (the package copies them under
 * the same names). */
#ifndef MODEL_L2TP_CARD_PKG_H
#define MODEL_L2TP_CARD_PKG_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 1662 §C.2: FCS-16 over one more octet, bit-serial as the RTL does it. */
uint16_t pkg_fcs16_octet(uint16_t fcs, uint8_t octet);
/* RFC 1662 §C.3: FCS-32 over one more octet. */
uint32_t pkg_fcs32_octet(uint32_t fcs, uint8_t octet);
/* RFC 1662 §4.2: 0x7E and 0x7D always escape, controls per the ACCM. */
bool pkg_hdlc_tx_escapes(uint32_t accm, uint8_t octet);

#endif
