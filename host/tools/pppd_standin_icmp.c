/* ICMP echo (RFC 792) over IPv4 (RFC 791), as much as the stand-in needs:
 * the client pings the address the LNS side gave in IPCP, the LNS side
 * answers echo requests to its own address. */
#include <string.h>

#include "net_headers.h"
#include "pppd_standin.h"

#define IPV4_HDR_LEN 20
#define IPPROTO_ICMP_ 1     /* RFC 790 */

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_checksum(uint8_t *at, const uint8_t *data, size_t len)
{
    at[0] = at[1] = 0;
    uint16_t c = inet_checksum(data, len);
    at[0] = (uint8_t)(c >> 8);
    at[1] = (uint8_t)c;
}

size_t standin_icmp_echo(uint8_t *p, size_t cap, uint32_t src, uint32_t dst, uint16_t id,
                         uint16_t seq, size_t size)
{
    if (size < IPV4_HDR_LEN + ICMP_HDR_LEN || size > cap || size > 65535)
        return 0;
    memset(p, 0, size);
    p[0] = 0x45;   /* version 4, 5 words of header */
    p[2] = (uint8_t)(size >> 8);
    p[3] = (uint8_t)size;
    p[8] = 64;
    p[9] = IPPROTO_ICMP_;
    put32(p + 12, src);
    put32(p + 16, dst);
    put_checksum(p + 10, p, IPV4_HDR_LEN);
    uint8_t *icmp = p + IPV4_HDR_LEN;
    icmp[0] = ICMP_ECHO;
    icmp[4] = (uint8_t)(id >> 8);
    icmp[5] = (uint8_t)id;
    icmp[6] = (uint8_t)(seq >> 8);
    icmp[7] = (uint8_t)seq;
    for (size_t i = ICMP_HDR_LEN; i < size - IPV4_HDR_LEN; i++)
        icmp[i] = (uint8_t)('a' + i % 23);
    put_checksum(icmp + 2, icmp, size - IPV4_HDR_LEN);
    return size;
}

/* The IPv4 header's length when pkt is a whole, checksummed ICMP packet. */
static size_t icmp_at(const uint8_t *pkt, size_t len)
{
    if (len < IPV4_HDR_LEN + ICMP_HDR_LEN || (pkt[0] >> 4) != 4)
        return 0;
    size_t ihl = (size_t)(pkt[0] & 0xF) * 4;
    size_t total = (size_t)pkt[2] << 8 | pkt[3];
    if (ihl < IPV4_HDR_LEN || total != len || total < ihl + ICMP_HDR_LEN ||
        pkt[9] != IPPROTO_ICMP_ || inet_checksum(pkt, ihl) != 0 ||
        inet_checksum(pkt + ihl, total - ihl) != 0)
        return 0;
    return ihl;
}

size_t standin_icmp_reply(uint8_t *pkt, size_t len, uint32_t ours)
{
    size_t ihl = icmp_at(pkt, len);
    if (!ihl || pkt[ihl] != ICMP_ECHO || get32(pkt + 16) != ours)
        return 0;
    uint32_t from = get32(pkt + 12);
    put32(pkt + 12, ours);
    put32(pkt + 16, from);
    pkt[8] = 64;
    put_checksum(pkt + 10, pkt, ihl);
    pkt[ihl] = ICMP_ECHO_REPLY;
    put_checksum(pkt + ihl + 2, pkt + ihl, len - ihl);
    return len;
}

bool standin_icmp_is_reply(const uint8_t *pkt, size_t len, uint32_t ours, uint16_t *seq)
{
    size_t ihl = icmp_at(pkt, len);
    if (!ihl || pkt[ihl] != ICMP_ECHO_REPLY || get32(pkt + 16) != ours)
        return false;
    *seq = (uint16_t)(pkt[ihl + 6] << 8 | pkt[ihl + 7]);
    return true;
}
