/* Model of hw/ipv4_hdr_checksum.sv: the IPv4 header checksum check (RFC 791
 * §3.1, RFC 1071). Combinational, so a single eval function. */
#ifndef MODEL_IPV4_HDR_CHECKSUM_H
#define MODEL_IPV4_HDR_CHECKSUM_H

#include <stdbool.h>
#include <stdint.h>

#define IPV4_HDR_CHECKSUM_WINDOW 60  /* octets an IPv4 header can span (IHL 15) */

/* True when the ihl*4-octet header at ip_hdr sums to 0xFFFF (one's
 * complement, checksum field included). ip_hdr holds the whole window. */
bool ipv4_hdr_checksum_eval(const uint8_t ip_hdr[IPV4_HDR_CHECKSUM_WINDOW], unsigned ihl);

#endif
