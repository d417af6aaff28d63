/* Error reporting shared by every decoder and encoder of the protocol core.
 *
 * A decoder that fails says where (byte offset into its input), what (the
 * field, named as the RFC names it) and why (a short detail), so a tool can
 * print one line such as
 *   "offset 2: Length: 42 exceeds datagram size 40"
 * without the decoder ever printing anything itself. */
#ifndef PROTO_ERROR_H
#define PROTO_ERROR_H

#include <stddef.h>

typedef enum {
    PROTO_OK = 0,
    PROTO_ETRUNC = -1,      /* input ends inside a field */
    PROTO_ELENGTH = -2,     /* a length field disagrees with the data */
    PROTO_EVERSION = -3,    /* L2TP version is not 2 (1 is L2F) */
    PROTO_ERESERVED = -4,   /* a reserved bit or field is not zero */
    PROTO_EINVAL = -5,      /* a field holds a value the RFC forbids */
    PROTO_ENOSPC = -6,      /* the caller's output buffer is too small */
    PROTO_EUNKNOWN_M = -7,  /* unknown AVP with the M bit set (RFC 2661 §4.1) */
    PROTO_EHIDDEN = -8,     /* hidden AVP that cannot be revealed */
    PROTO_EFCS = -9,        /* HDLC frame check sequence is wrong */
    PROTO_EABORT = -10,     /* HDLC abort sequence (7D 7E) */
    PROTO_ECRYPTO = -11,    /* the crypto library failed */
    PROTO_EIO = -12,        /* file or capture I/O failed */
} proto_status;

struct proto_error {
    proto_status status;
    size_t offset;          /* byte offset into the decoder's input */
    const char *field;      /* static string: the field's RFC name */
    char detail[120];       /* human-readable specifics */
};

/* Records an error (err may be NULL) and returns status, so decoders can
 * write `return proto_fail(err, PROTO_ETRUNC, off, "Length", "...", ...);`. */
proto_status proto_fail(struct proto_error *err, proto_status status,
                        size_t offset, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Name of a status code ("truncated", "bad length", ...). */
const char *proto_status_name(proto_status status);

/* Formats "offset N: FIELD: DETAIL" into buf; returns buf. */
char *proto_error_format(const struct proto_error *err, char *buf, size_t cap);

#endif
