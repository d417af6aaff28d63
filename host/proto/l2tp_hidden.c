/* Hidden AVPs (RFC 2661 §4.3): the AVP value is replaced by
 *   Original Length (2) || Original Attribute Value || Padding
 * XORed with an MD5 key stream that chains over 16-octet blocks:
 *   b1 = MD5(Attribute Type || secret || Random Vector), c1 = p1 ^ b1
 *   bi = MD5(secret || c(i-1)),                         ci = pi ^ bi
 * The last block is cut to the subformat's length (the RFC lets padding
 * make it a multiple of 16, but does not require it). */
#include "l2tp_hidden.h"

#include <string.h>

#include "md5.h"

/* Key block i: from the attribute type and Random Vector for the first,
 * from the previous ciphertext block for the others. */
static proto_status key_block(size_t i, uint16_t attr_type, const uint8_t *secret,
                              size_t secret_len, const uint8_t *rv, size_t rv_len,
                              const uint8_t *prev_cipher, uint8_t key[MD5_DIGEST_LEN])
{
    if (i == 0) {
        const uint8_t type_be[2] = {(uint8_t)(attr_type >> 8), (uint8_t)attr_type};
        const struct md5_part parts[] = {{type_be, 2}, {secret, secret_len}, {rv, rv_len}};
        return md5_parts(parts, 3, key);
    }
    const struct md5_part parts[] = {{secret, secret_len}, {prev_cipher, MD5_DIGEST_LEN}};
    return md5_parts(parts, 2, key);
}

static proto_status check_keys(const uint8_t *secret, size_t secret_len, const uint8_t *rv,
                               size_t rv_len, struct proto_error *err)
{
    if (!secret || secret_len == 0)
        return proto_fail(err, PROTO_EHIDDEN, 0, "secret",
                          "hidden AVPs need the tunnel's shared secret (§4.3)");
    if (!rv || rv_len == 0)
        return proto_fail(err, PROTO_EHIDDEN, 0, "Random Vector",
                          "hidden AVPs need a preceding Random Vector AVP (§4.3)");
    return PROTO_OK;
}

proto_status l2tp_hide(uint16_t attr_type, const uint8_t *secret, size_t secret_len,
                       const uint8_t *rv, size_t rv_len, const uint8_t *value, size_t len,
                       const uint8_t *pad, size_t pad_len, uint8_t *out, size_t cap,
                       size_t *out_len, struct proto_error *err)
{
    proto_status st = check_keys(secret, secret_len, rv, rv_len, err);
    if (st)
        return st;
    if (len > 0xFFFF)
        return proto_fail(err, PROTO_ELENGTH, 0, "Original Length",
                          "%zu octets do not fit the 16-bit field", len);
    if ((len && !value) || (pad_len && !pad))
        return proto_fail(err, PROTO_EINVAL, 0, "value", "no buffer");
    size_t total = 2 + len + pad_len;
    if (total > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "hidden value", "needs %zu octets, have %zu",
                          total, cap);
    /* Plain subformat first, then encrypted in place, block by block. */
    out[0] = (uint8_t)(len >> 8);
    out[1] = (uint8_t)len;
    if (len)
        memcpy(out + 2, value, len);
    if (pad_len)
        memcpy(out + 2 + len, pad, pad_len);
    uint8_t key[MD5_DIGEST_LEN];
    for (size_t off = 0, i = 0; off < total; off += MD5_DIGEST_LEN, i++) {
        st = key_block(i, attr_type, secret, secret_len, rv, rv_len,
                       i ? out + off - MD5_DIGEST_LEN : NULL, key);
        if (st)
            return proto_fail(err, st, off, "MD5", "crypto library failed");
        size_t n = total - off < MD5_DIGEST_LEN ? total - off : MD5_DIGEST_LEN;
        for (size_t k = 0; k < n; k++)
            out[off + k] ^= key[k];
    }
    *out_len = total;
    return PROTO_OK;
}

proto_status l2tp_reveal(uint16_t attr_type, const uint8_t *secret, size_t secret_len,
                         const uint8_t *rv, size_t rv_len, const uint8_t *hidden, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err)
{
    proto_status st = check_keys(secret, secret_len, rv, rv_len, err);
    if (st)
        return st;
    if (len < 2 || !hidden)
        return proto_fail(err, PROTO_EHIDDEN, 0, "Original Length",
                          "hidden value of %zu octets has no room for the 2-octet length", len);
    uint8_t key[MD5_DIGEST_LEN];
    uint8_t plain_len[2];
    size_t orig = 0;
    /* Decrypt block by block; the key of block i comes from ciphertext
     * block i-1, which is still intact in `hidden`. The value is written
     * only once its length is known to fit. */
    for (size_t off = 0, i = 0; off < len; off += MD5_DIGEST_LEN, i++) {
        st = key_block(i, attr_type, secret, secret_len, rv, rv_len,
                       i ? hidden + off - MD5_DIGEST_LEN : NULL, key);
        if (st)
            return proto_fail(err, st, off, "MD5", "crypto library failed");
        size_t n = len - off < MD5_DIGEST_LEN ? len - off : MD5_DIGEST_LEN;
        for (size_t k = 0; k < n; k++) {
            size_t at = off + k;
            uint8_t p = hidden[at] ^ key[k];
            if (at < 2) {
                plain_len[at] = p;
                if (at == 1) {
                    orig = (size_t)plain_len[0] << 8 | plain_len[1];
                    /* No integrity check exists in §4.3: a length that does
                     * not fit is the only sign of a wrong secret or RV. */
                    if (orig > len - 2)
                        return proto_fail(err, PROTO_EHIDDEN, 0, "Original Length",
                                          "%zu exceeds the %zu hidden octets (wrong secret or "
                                          "Random Vector?)",
                                          orig, len - 2);
                    if (orig > cap)
                        return proto_fail(err, PROTO_ENOSPC, 0, "Original Length",
                                          "value of %zu octets, output holds %zu", orig, cap);
                }
            } else if (at - 2 < orig) {
                out[at - 2] = p;
            }
        }
    }
    *out_len = orig;
    return PROTO_OK;
}
