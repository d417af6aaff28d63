/* L2TP Attribute-Value Pairs (RFC 2661 §4.1-§4.4).
 *
 * One table (l2tp_avp_table.c) describes every AVP: name, value kind, length
 * bounds, whether it may be hidden. The decoder, the encoder helpers and the
 * debug printer all use it. Hidden AVPs (§4.3) are in l2tp_hidden.h. */
/* The guard is not L2TP_AVP_H: l2tp_const.h uses that name for the H bit. */
#ifndef L2TP_AVP_H_INCLUDED
#define L2TP_AVP_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp_const.h"
#include "proto_error.h"

enum l2tp_avp_kind {
    L2TP_AVK_MSG_TYPE,      /* 16-bit message type */
    L2TP_AVK_RESULT_CODE,   /* result(16) [error(16) [message]] */
    L2TP_AVK_U16,
    L2TP_AVK_U32,
    L2TP_AVK_HEX32,         /* 32-bit shown in hex (capabilities, firmware) */
    L2TP_AVK_HEX16,
    L2TP_AVK_U64,           /* tie breaker: 8 octets shown in hex */
    L2TP_AVK_STRING,        /* printable text */
    L2TP_AVK_BYTES,         /* opaque, shown in hex */
    L2TP_AVK_Q931,          /* cause(16) msg(8) [advisory] */
    L2TP_AVK_PROXY_ID,      /* reserved(8) id(8) */
    L2TP_AVK_CALL_ERRORS,   /* reserved(16) 6 x u32 */
    L2TP_AVK_ACCM,          /* reserved(16) send(32) recv(32) */
    L2TP_AVK_EMPTY,         /* no value (Sequencing Required) */
};

struct l2tp_avp_def {
    uint16_t vendor;
    uint16_t type;
    const char *name;        /* the RFC's name, "Assigned Tunnel ID" */
    const char *label;       /* the seed's debug label, "Assigned Tunnel ID", "Chlng" */
    enum l2tp_avp_kind kind;
    uint16_t min_value_len;  /* value octets, AVP header excluded */
    uint16_t max_value_len;
    bool may_hide;           /* §4.4: "This AVP MAY be hidden" */
    bool must_be_mandatory;  /* the RFC requires M=1 when sent */
};

/* NULL when the AVP is not in the table. */
const struct l2tp_avp_def *l2tp_avp_lookup(uint16_t vendor, uint16_t type);

/* Debug name of a message type as the seed prints it ("SCCRQ", "StopCCN",
 * "ZLB"); "type-5" and "type-13" for the reserved ones, "type-unknown"
 * above 16 (no mutable buffer to print the number into; the dump does). */
const char *l2tp_msg_type_name(uint16_t type);

/* True for the message types §3.2 assigns (1-4, 6-12, 14-16). */
bool l2tp_msg_type_known(uint16_t type);

/* Text of a result code for a given message type (StopCCN and CDN differ),
 * and of a general error code, in the seed's wording where it has one. */
const char *l2tp_result_code_text(uint16_t msg_type, uint16_t result);
const char *l2tp_error_code_text(uint16_t error);

/* The IETF attribute types a message type MUST carry (§6), Message Type
 * included; *n receives the count (0 for ZLB and unknown types). */
const uint16_t *l2tp_msg_required_avps(uint16_t msg_type, size_t *n);

/* One AVP as found in a message. */
struct l2tp_avp {
    bool mandatory;          /* M */
    bool hidden;             /* H as on the wire */
    uint16_t flags;          /* the raw first 6 bits (M, H, reserved) */
    uint16_t length;         /* Length field: header + value */
    uint16_t vendor;
    uint16_t type;
    const uint8_t *value;    /* value octets: for a revealed hidden AVP, the plain value */
    size_t value_len;
    size_t offset;           /* offset of the AVP header in the message */
};

struct l2tp_avp_iter {
    const uint8_t *buf;
    size_t len;
    size_t pos;
    size_t base_offset;      /* added to offsets in errors and in avp->offset */
    unsigned flags;          /* L2TP_DECODE_STRICT: reserved AVP bits are an error */
};

void l2tp_avp_iter_init(struct l2tp_avp_iter *it, const uint8_t *avps, size_t len,
                        size_t base_offset);

/* Returns 1 and fills avp when one was read, 0 at the end, or a negative
 * proto_status (length below 6 or past the data; reserved bits when
 * it->flags has L2TP_DECODE_STRICT). §4.1 says an AVP with a reserved bit
 * set "MUST be treated as an unrecognized AVP": without STRICT it is
 * returned with the bits in avp->flags and l2tp_msg_decode treats it so.
 * The value of a hidden AVP is left as on the wire here. */
int l2tp_avp_next(struct l2tp_avp_iter *it, struct l2tp_avp *avp, struct proto_error *err);

/* Checks the value length against the table and decodes integer kinds. */
proto_status l2tp_avp_value_u16(const struct l2tp_avp *avp, uint16_t *v, struct proto_error *err);
proto_status l2tp_avp_value_u32(const struct l2tp_avp *avp, uint32_t *v, struct proto_error *err);
proto_status l2tp_avp_check(const struct l2tp_avp *avp, struct proto_error *err);

/* The seed's two debug lines for an AVP:
 *   l2tp_avp_format_parse: "Parse AVP 9, len 8, flag 0x8000 (M)"
 *                          "Parse Cisco AVP 100, len 15, flag 0x0"
 *                          "Parse AVP 9, len 10, flag 0xC000 (M) (hidden)" (H set)
 *   l2tp_avp_format_value: "Assigned Tunnel ID 55270", "Chlng 98B2...",
 *                          "Result code(1): 1: Request to clear control connection"
 *                          "Assigned Tunnel ID (hidden) E5C0DE9A" (not revealed)
 * msg_type selects the result-code wording. A value line may hold a newline
 * (result code then error code). Returns buf. */
char *l2tp_avp_format_parse(const struct l2tp_avp *avp, char *buf, size_t cap);
char *l2tp_avp_format_value(const struct l2tp_avp *avp, uint16_t msg_type, char *buf, size_t cap);

#endif
