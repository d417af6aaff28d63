/* L2TPv2 header (RFC 2661 §3.1) encode and decode.
 *
 *  0                   1                   2                   3
 *  |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *  |           Tunnel ID           |           Session ID          |
 *  |             Ns (opt)          |             Nr (opt)          |
 *  |      Offset Size (opt)        |    Offset pad... (opt)
 */
#ifndef L2TP_HEADER_H
#define L2TP_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct l2tp_header {
    bool is_control;        /* T */
    bool has_length;        /* L */
    bool has_sequence;      /* S: Ns and Nr present */
    bool has_offset;        /* O: Offset Size present */
    bool priority;          /* P */
    uint8_t version;        /* Ver: must be 2 */
    uint16_t reserved_bits; /* the x bits as received; encode requires 0 */
    uint16_t length;        /* total message length (valid when has_length) */
    uint16_t tunnel_id;
    uint16_t session_id;
    uint16_t ns, nr;        /* valid when has_sequence */
    uint16_t offset_size;   /* valid when has_offset: pad octets after the field */
    size_t header_len;      /* decode: octets before the payload, offset pad included */
    size_t payload_len;     /* decode: octets of payload (Length, or datagram, minus header_len) */
};

/* Decode flags */
#define L2TP_DECODE_STRICT 0x1u /* reject reserved x bits instead of ignoring them (§3.1) */

/* Decodes the header at buf[0..len). Checks Ver (1 is named L2F), Length
 * against len, Offset Size against the datagram, and for control messages
 * that T, L, S are set and O is clear (§3.1). */
proto_status l2tp_header_decode(const uint8_t *buf, size_t len, unsigned flags,
                                struct l2tp_header *h, struct proto_error *err);

/* Octets the header takes on the wire, offset pad included. */
size_t l2tp_header_size(const struct l2tp_header *h);

/* Writes the header for a payload of payload_len octets into out. When
 * has_length is set the Length field is computed (h->length is updated).
 * Offset pad octets are written as zeros. *out_len receives the header size. */
proto_status l2tp_header_encode(struct l2tp_header *h, size_t payload_len, uint8_t *out,
                                size_t cap, size_t *out_len, struct proto_error *err);

/* Flag letters as the seed prints them ("TLS", "L", "TLSOP"); buf >= 6 octets. */
const char *l2tp_header_flags_str(const struct l2tp_header *h, char *buf, size_t cap);

#endif
