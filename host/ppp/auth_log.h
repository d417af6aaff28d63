/* Debug lines for CHAP and PAP packets in the seed's wording
 * ("Se0:0 CHAP: O CHALLENGE id 6 len 27 from \"5300-1\""), under
 * "debug ppp authentication". */
#ifndef PPP_AUTH_LOG_H
#define PPP_AUTH_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "debug_log.h"

void ppp_auth_log(struct debug_log *log, const char *ifname, uint16_t protocol, const char *dir,
                  const uint8_t *pkt, size_t len);

#endif
