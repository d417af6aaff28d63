/* PPP frame header (RFC 1661 §2, RFC 1662 §3.1): Address/Control (omitted under
 * ACFC, and by some clients inside L2TP), Protocol (1 octet under PFC). */
#ifndef PPP_FRAME_H
#define PPP_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct ppp_frame {
    bool has_address_control;  /* FF 03 present */
    bool protocol_compressed;  /* protocol was one octet */
    uint16_t protocol;
    const uint8_t *info;
    size_t info_len;
};

/* Accepts with or without FF 03 and with a one- or two-octet protocol field
 * (a protocol with its low bit clear in the first octet is two octets). */
proto_status ppp_frame_decode(const uint8_t *buf, size_t len, struct ppp_frame *f,
                              struct proto_error *err);

/* acfc: leave out FF 03; pfc: one-octet protocol when the value allows it
 * (never for LCP, RFC 1661 §6.6 / RFC 1662 §6.7). */
proto_status ppp_frame_encode(uint16_t protocol, const uint8_t *info, size_t info_len, bool acfc,
                              bool pfc, uint8_t *out, size_t cap, size_t *out_len,
                              struct proto_error *err);

/* Seed-style protocol name: "LCP", "IPCP", "CHAP", "PAP", "IP", ...;
 * "unknown" (never NULL) for a protocol without a name here. */
const char *ppp_protocol_name(uint16_t protocol);

#endif
