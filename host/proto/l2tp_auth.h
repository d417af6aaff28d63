/* L2TP tunnel authentication (RFC 2661 §4.2 Challenge / Challenge Response,
 * §5.1.1): response = MD5(message type octet || secret || challenge), where
 * the type is that of the message carrying the response (SCCRP=2, SCCCN=3). */
#ifndef L2TP_AUTH_H
#define L2TP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "md5.h"
#include "proto_error.h"

proto_status l2tp_challenge_response(uint8_t msg_type, const uint8_t *secret, size_t secret_len,
                                     const uint8_t *challenge, size_t challenge_len,
                                     uint8_t response[MD5_DIGEST_LEN]);

#endif
