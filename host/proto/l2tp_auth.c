/* L2TP tunnel authentication (RFC 2661 §4.2 Challenge / Challenge
 * Response, §5.1.1): the CHAP-like response is
 *   MD5(message type octet || shared secret || challenge)
 * where the octet is the type of the message that carries the response
 * (2 for SCCRP, 3 for SCCCN), as in CHAP's Identifier position (RFC 1994). */
#include "l2tp_auth.h"

proto_status l2tp_challenge_response(uint8_t msg_type, const uint8_t *secret, size_t secret_len,
                                     const uint8_t *challenge, size_t challenge_len,
                                     uint8_t response[MD5_DIGEST_LEN])
{
    /* §4.4.3 Challenge AVP: "one or more octets of random data". */
    if (!challenge || challenge_len == 0)
        return PROTO_EINVAL;
    if (!secret && secret_len)
        return PROTO_EINVAL;
    const struct md5_part parts[] = {
        {&msg_type, 1},
        {secret, secret_len},
        {challenge, challenge_len},
    };
    return md5_parts(parts, 3, response);
}
