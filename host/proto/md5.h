/* MD5 over several concatenated parts, through the system crypto library
 * (OpenSSL libcrypto, EVP interface). Used by L2TP tunnel authentication
 * (RFC 2661 §4.2), hidden AVPs (§4.3) and CHAP-MD5 (RFC 1994 §2). */
#ifndef PROTO_MD5_H
#define PROTO_MD5_H

#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

#define MD5_DIGEST_LEN 16

struct md5_part {
    const void *data;
    size_t len;
};

/* out = MD5(parts[0] || parts[1] || ... || parts[n-1]). */
proto_status md5_parts(const struct md5_part *parts, size_t n, uint8_t out[MD5_DIGEST_LEN]);

#endif
