#include "md5.h"

#include <openssl/evp.h>

proto_status md5_parts(const struct md5_part *parts, size_t n, uint8_t out[MD5_DIGEST_LEN])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return PROTO_ECRYPTO;
    int ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
    for (size_t i = 0; ok && i < n; i++)
        ok = EVP_DigestUpdate(ctx, parts[i].data, parts[i].len);
    unsigned int out_len = 0;
    if (ok)
        ok = EVP_DigestFinal_ex(ctx, out, &out_len);
    EVP_MD_CTX_free(ctx);
    return ok && out_len == MD5_DIGEST_LEN ? PROTO_OK : PROTO_ECRYPTO;
}
