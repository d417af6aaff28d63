/* Model of hw/ipv4_hdr_checksum.sv, operation for operation. */
#include "ipv4_hdr_checksum.h"

bool ipv4_hdr_checksum_eval(const uint8_t ip_hdr[IPV4_HDR_CHECKSUM_WINDOW], unsigned ihl)
{
    uint32_t sum = 0; /* 21 bits in the RTL: 30 words cannot carry past them */
    for (unsigned i = 0; i < IPV4_HDR_CHECKSUM_WINDOW / 2; i++)
        if (i < (ihl & 0xFu) * 2)
            sum += (uint32_t)ip_hdr[2 * i] << 8 | ip_hdr[2 * i + 1];
    /* RFC 1071 §2 end-around carry, folded twice as the RTL does. */
    uint32_t fold1 = (sum & 0xFFFFu) + (sum >> 16);
    uint32_t fold2 = ((fold1 & 0xFFFFu) + (fold1 >> 16)) & 0xFFFFu;
    return fold2 == 0xFFFFu;
}
