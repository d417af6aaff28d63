/* PPP control protocol packets (RFC 1661 §5) and configuration options for LCP
 * (RFC 1661 §6, RFC 1570, RFC 1990) and IPCP (RFC 1332, RFC 1877), with the
 * seed's debug wording: "LCP: CONFREQ id 118 len 10",
 * "MagicNumber 0x6EE4E865 (0x05066EE4E865)". */
#ifndef PPP_CP_H
#define PPP_CP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct ppp_cp_packet {
    uint8_t code;
    uint8_t id;
    uint16_t length;           /* Length field: code..end of data */
    const uint8_t *data;       /* options, or code-specific data */
    size_t data_len;
};

/* Checks Length >= 4 and <= len; octets past Length are padding (§5). */
proto_status ppp_cp_decode(const uint8_t *buf, size_t len, struct ppp_cp_packet *p,
                           struct proto_error *err);
proto_status ppp_cp_encode(uint8_t code, uint8_t id, const uint8_t *data, size_t data_len,
                           uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err);

/* Seed-style code name: "CONFREQ", "CONFACK", "CONFNAK", "CONFREJ", "TERMREQ",
 * "TERMACK", "CODEREJ", "PROTREJ", "ECHOREQ", "ECHOREP", "DISCREQ", "IDENTIFY",
 * "TIMEREM"; "UNKNOWN" for any other code. */
const char *ppp_cp_code_name(uint8_t code);

/* A raw option (type, length, data). */
struct ppp_option {
    uint8_t type;
    uint8_t length;            /* whole option, type and length octets included */
    const uint8_t *data;
    size_t data_len;
    size_t offset;
};

struct ppp_option_iter {
    const uint8_t *buf;
    size_t len;
    size_t pos;
    size_t base_offset;
};

void ppp_option_iter_init(struct ppp_option_iter *it, const uint8_t *opts, size_t len,
                          size_t base_offset);
/* 1 and *opt filled, 0 at end, negative proto_status on a length < 2 or overrun. */
int ppp_option_next(struct ppp_option_iter *it, struct ppp_option *opt, struct proto_error *err);

/* Typed LCP options. A field is meaningful when its has_ bit is set. */
struct lcp_options {
    bool has_mru, has_accm, has_auth, has_quality, has_magic, has_pfc, has_acfc, has_callback,
        has_mrru, has_short_seq, has_endpoint;
    uint16_t mru;
    uint32_t accm;
    uint16_t auth_protocol;
    uint8_t auth_data[16];     /* e.g. CHAP algorithm 5 */
    uint8_t auth_data_len;
    uint16_t quality_protocol;
    uint32_t magic;
    uint8_t callback_op;
    uint16_t mrru;
    uint8_t endpoint_class;
    uint8_t endpoint_addr[20];
    uint8_t endpoint_len;
    uint8_t quality_data[16];  /* e.g. the LQR Reporting-Period (RFC 1989 §2.5) */
    uint8_t quality_data_len;
    uint8_t callback_message[32]; /* RFC 1570 §2.3 Message (dial string, name...) */
    uint8_t callback_message_len;
};

/* Decodes every known option with its RFC length check; unknown options are
 * skipped and, when unknown != NULL, counted there (a Configure-Reject candidate).
 * A value longer than the struct holds (auth_data, quality_data,
 * callback_message) is PROTO_ELENGTH naming the option. A repeated option
 * overwrites the earlier one. */
proto_status lcp_options_decode(const uint8_t *opts, size_t len, struct lcp_options *o,
                                unsigned *unknown, struct proto_error *err);
/* Encodes set options in ascending type order. */
proto_status lcp_options_encode(const struct lcp_options *o, uint8_t *out, size_t cap,
                                size_t *out_len, struct proto_error *err);

struct ipcp_options {
    bool has_address, has_compression, has_primary_dns, has_secondary_dns, has_primary_nbns,
        has_secondary_nbns;
    uint32_t address;          /* host order */
    uint16_t compression_protocol;
    uint8_t vj_max_slot_id;
    uint8_t vj_comp_slot_id;
    uint32_t primary_dns, secondary_dns, primary_nbns, secondary_nbns;
};

proto_status ipcp_options_decode(const uint8_t *opts, size_t len, struct ipcp_options *o,
                                 unsigned *unknown, struct proto_error *err);
proto_status ipcp_options_encode(const struct ipcp_options *o, uint8_t *out, size_t cap,
                                 size_t *out_len, struct proto_error *err);

/* One option in the seed's wording, raw bytes in parentheses:
 *   "AuthProto CHAP (0x0305C22305)", "MagicNumber 0x109D08F2 (0x0506109D08F2)",
 *   "MRRU 1524 (0x110405F4)", "EndpointDisc 1 Local (0x130901353330302D31)",
 *   "Address 10.51.6.82 (0x03060A330652)", "CompressType VJ 15 slots (0x0206002D0F00)".
 * protocol is PPP_PROTO_LCP or PPP_PROTO_IPCP. Returns buf. */
char *ppp_option_format(uint16_t protocol, const struct ppp_option *opt, char *buf, size_t cap);

/* Dumps a PPP frame (any protocol) in the seed's style, one line per call:
 *   "LCP: CONFREQ id 118 len 10" then "LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)",
 *   "CHAP: CHALLENGE id 6 len 27 from \"5300-1\"", "IPCP: ...".
 * dir is "I", "O" or NULL (no direction): "LCP: I CONFREQ id 118 len 10".
 * Echo/Discard add " magic 0x...", Protocol-Reject " protocol 0x....";
 * PAP: "PAP: O AUTH-REQ id 1 len 14 from \"name\"" (never the password);
 * other protocols: "IP: O protocol 0x0021 len 84", "PPP: I protocol 0x8207 len 2".
 * Malformed input gives "LCP: I malformed: offset N: FIELD: detail" (offsets
 * within the PPP packet after the protocol field); nothing is read past len. */
typedef void (*ppp_line_fn)(void *ctx, const char *line);
void ppp_frame_dump(const uint8_t *frame, size_t len, const char *dir, ppp_line_fn line_fn,
                    void *ctx);

#endif
