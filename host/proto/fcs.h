/* RFC 1662 Appendix C frame check sequences.
 * FCS-16: CRC-CCITT reflected (x^16+x^12+x^5+1), init 0xFFFF, sent complemented LSB first.
 * FCS-32: CRC-32 reflected, init 0xFFFFFFFF, sent complemented LSB first.
 * Running the FCS over data plus its received FCS gives PPP_FCS16_GOOD / PPP_FCS32_GOOD. */
#ifndef PPP_FCS_H
#define PPP_FCS_H

#include <stddef.h>
#include <stdint.h>

uint16_t fcs16_update(uint16_t fcs, const uint8_t *data, size_t len);
uint32_t fcs32_update(uint32_t fcs, const uint8_t *data, size_t len);

#endif
