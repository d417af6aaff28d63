/* CHAP (RFC 1994) and PAP (RFC 1334) packets, and the CHAP-MD5 response. */
#ifndef PPP_AUTH_H
#define PPP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "md5.h"
#include "proto_error.h"

/* Challenge or Response (RFC 1994 §4.1): Value-Size, Value, Name. */
struct chap_packet {
    uint8_t code;
    uint8_t id;
    const uint8_t *value;
    uint8_t value_len;
    const uint8_t *name;       /* Challenge/Response: Name; Success/Failure: Message */
    size_t name_len;
};

proto_status chap_decode(const uint8_t *buf, size_t len, struct chap_packet *p,
                         struct proto_error *err);
proto_status chap_encode(const struct chap_packet *p, uint8_t *out, size_t cap, size_t *out_len,
                         struct proto_error *err);

/* RFC 1994 §4.1: MD5(Identifier || secret || Challenge). */
proto_status chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
                               const uint8_t *challenge, size_t challenge_len,
                               uint8_t response[MD5_DIGEST_LEN]);

/* Authenticate-Request (Peer-ID, Password) or Ack/Nak (Message). */
struct pap_packet {
    uint8_t code;
    uint8_t id;
    const uint8_t *peer_id;    /* Request */
    uint8_t peer_id_len;
    const uint8_t *password;   /* Request */
    uint8_t password_len;
    const uint8_t *message;    /* Ack/Nak */
    uint8_t message_len;
};

proto_status pap_decode(const uint8_t *buf, size_t len, struct pap_packet *p,
                        struct proto_error *err);
proto_status pap_encode(const struct pap_packet *p, uint8_t *out, size_t cap, size_t *out_len,
                        struct proto_error *err);

#endif
