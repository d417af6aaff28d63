/* Model of hw/net_rx_hdr_verdict.sv. Same checks in the same order, same
 * widths (the casts mark where the RTL truncates). */
#include "net_rx_hdr_verdict.h"

#include "l2tp_const.h"
#include "net_const.h"

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

void net_rx_hdr_verdict_eval(const struct net_rx_hdr_fields *f, uint16_t frame_len,
                             const struct net_rx_cfg *cfg, struct net_rx_desc *d)
{
    const uint8_t *win = f->udp_l2tp;
    unsigned ip_base = f->vlan_present ? ETH_HDR_LEN + VLAN_TAG_LEN : ETH_HDR_LEN;
    uint32_t ip_end = ip_base + f->ip_total_len; /* 17 bits */
    uint16_t ip_hdr_len = (uint16_t)(f->ihl * 4);
    uint16_t ip_payload_len = (uint16_t)(f->ip_total_len - ip_hdr_len);

    /* UDP (RFC 768) */
    d->udp_src = be16(win);
    d->udp_dst = be16(win + 2);
    uint16_t udp_len = be16(win + 4);
    uint16_t l2tp_avail = (uint16_t)(udp_len - UDP_HDR_LEN);
    uint16_t l2tp_base = (uint16_t)(ip_base + ip_hdr_len + UDP_HDR_LEN);

    /* L2TP header (RFC 2661 §3.1) */
    const uint8_t *l2 = win + UDP_HDR_LEN;
    d->l2tp_flags = be16(l2);
    bool t = d->l2tp_flags & L2TP_HDR_T, l = d->l2tp_flags & L2TP_HDR_L;
    bool s = d->l2tp_flags & L2TP_HDR_S, o = d->l2tp_flags & L2TP_HDR_O;
    bool p = d->l2tp_flags & L2TP_HDR_P;
    unsigned ver = d->l2tp_flags & L2TP_HDR_VER_MASK;
    unsigned pos = 2;
    uint16_t length = l ? be16(l2 + pos) : 0;
    pos += l ? 2 : 0;
    d->tunnel_id = be16(l2 + pos);
    d->session_id = be16(l2 + pos + 2);
    pos += 4;
    d->ns = s ? be16(l2 + pos) : 0;
    d->nr = s ? be16(l2 + pos + 2) : 0;
    pos += s ? 4 : 0;
    uint16_t offset_size = o ? be16(l2 + pos) : 0;
    unsigned hdr_len = 6 + (l ? 2 : 0) + (s ? 4 : 0) + (o ? 2 : 0);
    uint16_t msg_len = l ? length : l2tp_avail;
    uint32_t hdr_pad_len = hdr_len + offset_size; /* 17 bits */

    /* The verdict: first failing check wins (the RTL says why this order). */
    d->verdict = NET_RX_VERDICT_MALFORMED;
    d->reason = NET_RX_REASON_NONE;
    if (frame_len < ETH_MIN_FRAME) {
        d->reason = NET_RX_REASON_RUNT;
    } else if (f->ethertype != ETHERTYPE_IPV4) {
        d->verdict = NET_RX_VERDICT_NOT_FOR_US;
        d->reason = NET_RX_REASON_NON_IPV4;
    } else if (f->ip_version != IPV4_VERSION || f->ihl < IPV4_MIN_IHL) {
        d->reason = NET_RX_REASON_BAD_IPV4_HEADER;
    } else if (f->ip_total_len < ip_hdr_len || ip_end > frame_len) {
        d->reason = NET_RX_REASON_BAD_IPV4_LENGTH;
    } else if (!f->ip_checksum_ok) {
        d->reason = NET_RX_REASON_BAD_IPV4_CHECKSUM;
    } else if (cfg->local_ip_en && f->ip_dst != cfg->local_ip) {
        d->verdict = NET_RX_VERDICT_NOT_FOR_US;
        d->reason = NET_RX_REASON_OTHER_IP;
    } else if (f->ip_frag & (IPV4_FLAG_MF | IPV4_FRAG_OFFSET_MASK)) {
        d->reason = NET_RX_REASON_FRAGMENT;
    } else if (f->ip_protocol != IPV4_PROTO_UDP) {
        d->verdict = NET_RX_VERDICT_NOT_FOR_US;
        d->reason = NET_RX_REASON_NOT_UDP;
    } else if (ip_payload_len < UDP_HDR_LEN) {
        d->reason = NET_RX_REASON_BAD_UDP_LENGTH;
    } else if (d->udp_dst != cfg->l2tp_port) {
        d->verdict = NET_RX_VERDICT_NOT_FOR_US;
        d->reason = NET_RX_REASON_OTHER_PORT;
    } else if (udp_len < UDP_HDR_LEN || udp_len > ip_payload_len) {
        d->reason = NET_RX_REASON_BAD_UDP_LENGTH;
    } else if (l2tp_avail < 2) {
        d->reason = NET_RX_REASON_BAD_L2TP_LENGTH;
    } else if (ver != L2TP_VERSION) {
        d->reason = NET_RX_REASON_BAD_L2TP_VERSION;
    } else if (t && (!l || !s || o || p)) {
        d->reason = NET_RX_REASON_BAD_CONTROL_FLAGS;
    } else if (l2tp_avail < hdr_len) {
        d->reason = NET_RX_REASON_BAD_L2TP_LENGTH;
    } else if (l && (length > l2tp_avail || length < hdr_len)) {
        d->reason = NET_RX_REASON_BAD_L2TP_LENGTH;
    } else if (hdr_pad_len > msg_len) {
        d->reason = NET_RX_REASON_OFFSET_PAST_END;
    } else {
        d->verdict = t ? NET_RX_VERDICT_L2TP_CONTROL : NET_RX_VERDICT_L2TP_DATA;
    }

    d->payload_off = 0;
    d->payload_len = 0;
    if (d->verdict == NET_RX_VERDICT_L2TP_CONTROL || d->verdict == NET_RX_VERDICT_L2TP_DATA) {
        d->payload_off = (uint16_t)(l2tp_base + (uint16_t)hdr_pad_len);
        d->payload_len = (uint16_t)(msg_len - (uint16_t)hdr_pad_len);
    }
}
