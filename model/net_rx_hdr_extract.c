/* Model of hw/net_rx_hdr_extract.sv, field for field. */
#include "net_rx_hdr_extract.h"

#include <string.h>

#include "ipv4_hdr_checksum.h"
#include "net_const.h"

#define WIN_STEPS 17             /* IHL 0..15 plus the 802.1Q tag */

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void net_rx_hdr_extract_eval(const uint8_t hdr[NET_RX_HDR_NEEDED], struct net_rx_hdr_fields *f)
{
    f->src_mac = 0;
    for (int i = 0; i < ETH_ADDR_LEN; i++)
        f->src_mac = f->src_mac << 8 | hdr[ETH_ADDR_LEN + i];
    f->vlan_present = be16(hdr + 12) == ETHERTYPE_VLAN;
    f->vlan_tci = f->vlan_present ? be16(hdr + 14) : 0;
    f->ethertype = f->vlan_present ? be16(hdr + 16) : be16(hdr + 12);
    const uint8_t *ip = hdr + (f->vlan_present ? ETH_HDR_LEN + VLAN_TAG_LEN : ETH_HDR_LEN);

    f->ip_version = ip[0] >> 4;
    f->ihl = ip[0] & 0xFu;
    f->ip_total_len = be16(ip + 2);
    f->ip_frag = be16(ip + 6);
    f->ip_protocol = ip[9];
    f->ip_src = be32(ip + 12);
    f->ip_dst = be32(ip + 16);
    f->ip_checksum_ok = ipv4_hdr_checksum_eval(ip, f->ihl);

    /* UDP starts at ip_base + 4 * IHL = 14 + 4 * (IHL + tag); always < WIN_STEPS */
    unsigned step = f->ihl + (f->vlan_present ? 1u : 0u);
    if (step < WIN_STEPS)
        memcpy(f->udp_l2tp, hdr + ETH_HDR_LEN + 4 * step, NET_RX_UDP_L2TP_LEN);
    else
        memset(f->udp_l2tp, 0, NET_RX_UDP_L2TP_LEN);
}
