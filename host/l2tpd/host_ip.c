/* The LNS host's own IP stack, as much as the seed needs: it answers ICMP
 * echo requests (RFC 792) addressed to it, back through vpdn's host route.
 * Everything else the host receives is counted and dropped. */
#include <string.h>

#include "l2tpd.h"
#include "net_headers.h"

#define IPPROTO_ICMP_ 1     /* RFC 790 */

void host_ip_input(struct l2tpd_inst *in, const uint8_t *pkt, size_t len)
{
    in->host_ip_rx++;
    if (len < 20 + 8 || (pkt[0] >> 4) != 4)
        return;
    size_t ihl = (size_t)(pkt[0] & 0xF) * 4;
    size_t total = (size_t)pkt[2] << 8 | pkt[3];
    if (ihl < 20 || total > len || total < ihl + 8 || pkt[9] != IPPROTO_ICMP_ ||
        pkt[ihl] != ICMP_ECHO || inet_checksum(pkt, ihl) != 0)
        return;
    uint32_t dst = (uint32_t)pkt[16] << 24 | (uint32_t)pkt[17] << 16 | (uint32_t)pkt[18] << 8 |
                   pkt[19];
    if (dst != in->ip && dst != in->v.vc.lns_address)
        return;
    uint8_t rep[SOFTCARD_FRAME_MAX];
    if (total > sizeof rep)
        return;
    memcpy(rep, pkt, total);
    memcpy(rep + 12, pkt + 16, 4);   /* source and destination swap */
    memcpy(rep + 16, pkt + 12, 4);
    rep[8] = 255;
    rep[10] = rep[11] = 0;
    uint16_t c = inet_checksum(rep, ihl);
    rep[10] = (uint8_t)(c >> 8);
    rep[11] = (uint8_t)c;
    uint8_t *icmp = rep + ihl;
    icmp[0] = ICMP_ECHO_REPLY;
    icmp[2] = icmp[3] = 0;
    c = inet_checksum(icmp, total - ihl);
    icmp[2] = (uint8_t)(c >> 8);
    icmp[3] = (uint8_t)c;
    struct proto_error pe = {0};
    if (vpdn_route_output(&in->v, rep, total, &pe) == PROTO_OK)
        in->host_icmp_replies++;
}
