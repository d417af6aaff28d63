/* Hidden AVPs (RFC 2661 §4.3).
 *
 * Subformat: Original Length (2) || value || padding. Hidden with
 *   b1 = MD5(Attribute Type (2 octets, network order) || secret || RV), c1 = p1 ^ b1
 *   bi = MD5(secret || c(i-1)),                                        ci = pi ^ bi
 * over 16-octet blocks; the last block is cut to the subformat length. */
#ifndef L2TP_HIDDEN_H
#define L2TP_HIDDEN_H

#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

/* Hides value (len octets) followed by pad_len octets of pad into out.
 * *out_len = 2 + len + pad_len. */
proto_status l2tp_hide(uint16_t attr_type, const uint8_t *secret, size_t secret_len,
                       const uint8_t *rv, size_t rv_len, const uint8_t *value, size_t len,
                       const uint8_t *pad, size_t pad_len, uint8_t *out, size_t cap,
                       size_t *out_len, struct proto_error *err);

/* Reveals a hidden value into out; *out_len = Original Length. Fails with
 * PROTO_EHIDDEN when the Original Length exceeds the hidden data (wrong
 * secret or Random Vector, most likely; §4.3 has no integrity check, so a
 * wrong key that happens to give a short enough length is not detected
 * here, only by the caller's value checks). out must not overlap hidden. */
proto_status l2tp_reveal(uint16_t attr_type, const uint8_t *secret, size_t secret_len,
                         const uint8_t *rv, size_t rv_len, const uint8_t *hidden, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err);

#endif
