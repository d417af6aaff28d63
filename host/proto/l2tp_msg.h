/* Whole L2TP control messages (RFC 2661 §3.2, §4): decode into a header plus
 * AVP list with hidden values revealed, build with a small builder, and dump
 * in the seed's debug wording. */
#ifndef L2TP_MSG_H
#define L2TP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp_avp.h"
#include "l2tp_header.h"
#include "proto_error.h"

#define L2TP_MSG_MAX_AVPS 64
/* Decode flag, with L2TP_DECODE_STRICT (l2tp_header.h): a hidden AVP that
 * cannot be revealed (no secret, no preceding Random Vector) fails the
 * decode with PROTO_EHIDDEN instead of being left hidden. */
#define L2TP_DECODE_REQUIRE_REVEAL 0x2u
#define L2TP_MSG_REVEAL_MAX 4096

struct l2tp_secret {
    const uint8_t *data;
    size_t len;
};

struct l2tp_msg {
    struct l2tp_header hdr;
    uint16_t type;               /* Message Type AVP, or L2TP_MSG_ZLB */
    size_t n_avps;
    struct l2tp_avp avps[L2TP_MSG_MAX_AVPS];
    /* A hidden AVP that could not be revealed keeps hidden=true and its
     * wire value; one that was revealed has hidden=false, revealed=true. */
    bool revealed[L2TP_MSG_MAX_AVPS];
    uint8_t reveal_buf[L2TP_MSG_REVEAL_MAX];
    size_t reveal_used;
    int unknown_mandatory;       /* index of the first unknown M=1 AVP, -1 if none */
};

/* Decodes a control message. secret may be NULL (hidden AVPs stay hidden).
 * Checks: header as l2tp_header_decode, T=1, Message Type first (§4.4.1)
 * and M=1, AVP framing, per-AVP length bounds from the table.
 * Returns PROTO_EUNKNOWN_M, with msg fully filled, when an unknown AVP has
 * M set, so the caller can tear down per §4.1. */
proto_status l2tp_msg_decode(const uint8_t *buf, size_t len, const struct l2tp_secret *secret,
                             unsigned flags, struct l2tp_msg *msg, struct proto_error *err);

/* First AVP of that vendor/type, or NULL. */
const struct l2tp_avp *l2tp_msg_find(const struct l2tp_msg *msg, uint16_t vendor, uint16_t type);

/* Builder: begin, add AVPs, end. Errors are sticky: after the first one the
 * other calls do nothing and l2tp_build_end returns it. */
struct l2tp_builder {
    uint8_t *buf;
    size_t cap;
    size_t len;
    struct l2tp_header hdr;
    struct l2tp_secret secret;
    const uint8_t *random_vector;  /* last Random Vector AVP written */
    size_t random_vector_len;
    proto_status status;
    struct proto_error err;
};

/* msg_type L2TP_MSG_ZLB builds a ZLB (header only). */
void l2tp_build_begin(struct l2tp_builder *b, uint8_t *buf, size_t cap, uint16_t tunnel_id,
                      uint16_t session_id, uint16_t ns, uint16_t nr, uint16_t msg_type);
void l2tp_build_set_secret(struct l2tp_builder *b, const struct l2tp_secret *secret);
void l2tp_build_avp(struct l2tp_builder *b, bool mandatory, uint16_t vendor, uint16_t type,
                    const void *value, size_t len);
void l2tp_build_u16(struct l2tp_builder *b, bool mandatory, uint16_t type, uint16_t v);
void l2tp_build_u32(struct l2tp_builder *b, bool mandatory, uint16_t type, uint32_t v);
void l2tp_build_str(struct l2tp_builder *b, bool mandatory, uint16_t type, const char *s);
/* Result Code AVP (§4.4.2) with an Error Code, and the message when text
 * is neither NULL nor empty. */
void l2tp_build_result(struct l2tp_builder *b, uint16_t result, uint16_t error, const char *text);
/* Result Code AVP with the Result Code field alone (Length 8), as the
 * seed's StopCCN carries it. */
void l2tp_build_result_only(struct l2tp_builder *b, uint16_t result);
/* Writes a Random Vector AVP (36) that later hidden AVPs use. */
void l2tp_build_random_vector(struct l2tp_builder *b, const uint8_t *rv, size_t len);
/* Writes a hidden AVP (H=1) per §4.3; pad_len extra random octets (from pad)
 * hide the value's length. Needs a secret and a preceding Random Vector. */
void l2tp_build_hidden(struct l2tp_builder *b, bool mandatory, uint16_t vendor, uint16_t type,
                       const void *value, size_t len, const uint8_t *pad, size_t pad_len);
/* Patches the Length field; *out_len = message size. */
proto_status l2tp_build_end(struct l2tp_builder *b, size_t *out_len, struct proto_error *err);

/* Debug dump in the seed's wording, one call of line_fn per line:
 *   "Parse AVP 0, len 8, flag 0x8000 (M)" / "Parse SCCRQ" / ... /
 *   "No missing AVPs in SCCRQ" /
 *   "I SCCRQ, flg TLS, ver 2, len 128, tnl 0, cl 0, ns 0, nr 0" /
 *   hex lines of 16 octets "C8 02 00 80 ..."
 * dir is "I" or "O". A ZLB prints "I ZLB ctrl ack, flg TLS, ...". */
typedef void (*l2tp_line_fn)(void *ctx, const char *line);
void l2tp_msg_dump(const struct l2tp_msg *msg, const uint8_t *raw, size_t raw_len,
                   const char *dir, l2tp_line_fn line_fn, void *ctx);

/* AVPs a message type must carry (§6): returns true when one is missing
 * and names the first one via *missing (the RFC name); false and NULL when
 * the seed would print "No missing AVPs". A ZLB carries none. */
bool l2tp_msg_missing_avps(const struct l2tp_msg *msg, const char **missing);

#endif
