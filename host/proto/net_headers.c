/* Ethernet II / 802.1Q / IPv4 (RFC 791) / UDP (RFC 768) decode and encode. */
#include "net_headers.h"

#include <string.h>

static uint16_t get16(const uint8_t *b)
{
    return (uint16_t)(b[0] << 8 | b[1]);
}

static uint32_t get32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put16(uint8_t *b, uint16_t v)
{
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
    put16(b, (uint16_t)(v >> 16));
    put16(b + 2, (uint16_t)v);
}

/* RFC 1071 §4.1: 16-bit one's-complement sum with end-around carry. */
static uint32_t sum16(uint32_t sum, const uint8_t *data, size_t len)
{
    size_t i = 0;
    for (; i + 1 < len; i += 2)
        sum += get16(data + i);
    if (i < len)
        sum += (uint32_t)data[i] << 8; /* odd octet padded with zero */
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFFu) + (sum >> 16);
    return (uint16_t)~sum;
}

uint16_t inet_checksum(const uint8_t *data, size_t len)
{
    return fold(sum16(0, data, len));
}

/* RFC 768: the UDP checksum covers a pseudo header (source, destination,
 * zero, protocol, UDP length), the UDP header and the data. */
static uint16_t udp_checksum(uint32_t src, uint32_t dst, const uint8_t *udp, size_t udp_len)
{
    uint8_t pseudo[12];
    put32(pseudo, src);
    put32(pseudo + 4, dst);
    pseudo[8] = 0;
    pseudo[9] = IPV4_PROTO_UDP;
    put16(pseudo + 10, (uint16_t)udp_len);
    return fold(sum16(sum16(0, pseudo, sizeof pseudo), udp, udp_len));
}

proto_status net_ipv4_udp_decode(const uint8_t *pkt, size_t len, size_t base,
                                 struct net_udp_packet *p, struct proto_error *err)
{
    memset(p, 0, sizeof *p);
    if (len < IPV4_HDR_MIN_LEN)
        return proto_fail(err, PROTO_ETRUNC, base + len, "IPv4 header",
                          "%zu octets, need %d", len, IPV4_HDR_MIN_LEN);
    unsigned version = pkt[0] >> 4;
    if (version != IPV4_VERSION)
        return proto_fail(err, PROTO_EVERSION, base, "Version", "IP version %u, expected 4",
                          version);
    p->ip_ihl = pkt[0] & 0x0F;
    size_t hlen = (size_t)p->ip_ihl * 4;
    if (p->ip_ihl < IPV4_MIN_IHL)
        return proto_fail(err, PROTO_EINVAL, base, "IHL", "%u words, minimum is %d",
                          p->ip_ihl, IPV4_MIN_IHL);
    if (hlen > len)
        return proto_fail(err, PROTO_ETRUNC, base + len, "IHL",
                          "header of %zu octets, only %zu captured", hlen, len);
    p->ip_tos = pkt[1];
    p->ip_total_len = get16(pkt + 2);
    p->ip_id = get16(pkt + 4);
    p->ip_frag = get16(pkt + 6);
    p->ip_ttl = pkt[8];
    p->ip_protocol = pkt[9];
    p->ip_src = get32(pkt + 12);
    p->ip_dst = get32(pkt + 16);
    p->ip_options = hlen > IPV4_HDR_MIN_LEN ? pkt + IPV4_HDR_MIN_LEN : NULL;
    p->ip_options_len = hlen - IPV4_HDR_MIN_LEN;
    /* A correct header sums to 0xFFFF, so the complemented sum is 0 (RFC 1071). */
    p->ip_checksum_ok = inet_checksum(pkt, hlen) == 0;
    if (p->ip_total_len < hlen)
        return proto_fail(err, PROTO_ELENGTH, base + 2, "Total Length",
                          "%u is less than the header length %zu", p->ip_total_len, hlen);
    /* Octets past Total Length are link padding (Ethernet minimum frame). */
    if (p->ip_total_len > len)
        return proto_fail(err, PROTO_ELENGTH, base + 2, "Total Length",
                          "%u exceeds the %zu octets captured", p->ip_total_len, len);
    if (p->ip_frag & IPV4_FLAG_MF)
        return proto_fail(err, PROTO_EINVAL, base + 6, "Flags",
                          "More Fragments set: fragments are not reassembled");
    if (p->ip_frag & IPV4_FRAG_OFFSET_MASK)
        return proto_fail(err, PROTO_EINVAL, base + 6, "Fragment Offset",
                          "%u: fragments are not reassembled", p->ip_frag & IPV4_FRAG_OFFSET_MASK);
    if (p->ip_protocol != IPV4_PROTO_UDP)
        return proto_fail(err, PROTO_EINVAL, base + 9, "Protocol", "%u is not UDP (17)",
                          p->ip_protocol);

    const uint8_t *udp = pkt + hlen;
    size_t avail = p->ip_total_len - hlen;
    if (avail < UDP_HDR_LEN)
        return proto_fail(err, PROTO_ETRUNC, base + hlen + avail, "UDP header",
                          "%zu octets, need %d", avail, UDP_HDR_LEN);
    p->udp_src = get16(udp);
    p->udp_dst = get16(udp + 2);
    p->udp_len = get16(udp + 4);
    p->udp_checksum = get16(udp + 6);
    if (p->udp_len < UDP_HDR_LEN)
        return proto_fail(err, PROTO_ELENGTH, base + hlen + 4, "UDP Length",
                          "%u is less than the header length %d", p->udp_len, UDP_HDR_LEN);
    if (p->udp_len > avail)
        return proto_fail(err, PROTO_ELENGTH, base + hlen + 4, "UDP Length",
                          "%u exceeds the %zu octets the IPv4 Total Length leaves", p->udp_len,
                          avail);
    /* RFC 768: a transmitted checksum of zero means none was computed. */
    p->udp_checksum_ok =
        p->udp_checksum == 0 || udp_checksum(p->ip_src, p->ip_dst, udp, p->udp_len) == 0;
    p->payload = udp + UDP_HDR_LEN;
    p->payload_len = p->udp_len - UDP_HDR_LEN;
    p->payload_offset = base + hlen + UDP_HDR_LEN;
    return PROTO_OK;
}

proto_status net_udp_decode(const uint8_t *frame, size_t len, struct net_udp_packet *p,
                            struct proto_error *err)
{
    memset(p, 0, sizeof *p);
    if (len < ETH_HDR_LEN)
        return proto_fail(err, PROTO_ETRUNC, len, "Ethernet header", "%zu octets, need %d", len,
                          ETH_HDR_LEN);
    size_t off = 2 * ETH_ADDR_LEN;
    uint16_t ethertype = get16(frame + off);
    bool has_vlan = false;
    uint16_t tci = 0;
    if (ethertype == ETHERTYPE_VLAN) {
        if (len < ETH_HDR_LEN + VLAN_TAG_LEN)
            return proto_fail(err, PROTO_ETRUNC, len, "802.1Q tag", "%zu octets, need %d", len,
                              ETH_HDR_LEN + VLAN_TAG_LEN);
        has_vlan = true;
        tci = get16(frame + off + 2);
        off += VLAN_TAG_LEN;
        ethertype = get16(frame + off);
    }
    if (ethertype != ETHERTYPE_IPV4)
        return proto_fail(err, PROTO_EINVAL, off, "EtherType", "0x%04X is not IPv4 (0x0800)",
                          ethertype);
    off += 2;
    proto_status st = net_ipv4_udp_decode(frame + off, len - off, off, p, err);
    /* Filled even on failure, so a caller can say which frame was bad. */
    memcpy(p->dst_mac, frame, ETH_ADDR_LEN);
    memcpy(p->src_mac, frame + ETH_ADDR_LEN, ETH_ADDR_LEN);
    p->has_vlan = has_vlan;
    p->vlan_tci = tci;
    p->ethertype = ethertype;
    return st;
}

proto_status net_udp_encode(const struct net_udp_packet *p, const uint8_t *payload,
                            size_t payload_len, uint8_t *out, size_t cap, size_t *out_len,
                            struct proto_error *err)
{
    size_t opt_words = (p->ip_options_len + 3) / 4;
    size_t ihl = p->ip_ihl ? p->ip_ihl : IPV4_MIN_IHL + opt_words;
    if (ihl < IPV4_MIN_IHL || ihl > IPV4_MAX_IHL)
        return proto_fail(err, PROTO_EINVAL, 0, "IHL", "%zu words, must be %d..%d", ihl,
                          IPV4_MIN_IHL, IPV4_MAX_IHL);
    size_t hlen = ihl * 4;
    if (p->ip_options_len > hlen - IPV4_HDR_MIN_LEN)
        return proto_fail(err, PROTO_EINVAL, 0, "IHL", "%zu option octets do not fit in %zu words",
                          p->ip_options_len, ihl);
    if (p->ip_frag & (IPV4_FLAG_MF | IPV4_FRAG_OFFSET_MASK))
        return proto_fail(err, PROTO_EINVAL, 0, "Flags", "fragments (0x%04X) are not built",
                          p->ip_frag);
    size_t total = hlen + UDP_HDR_LEN + payload_len;
    if (total > IPV4_MAX_TOTAL_LEN)
        return proto_fail(err, PROTO_ELENGTH, 0, "Total Length",
                          "%zu octets exceed %d", total, IPV4_MAX_TOTAL_LEN);
    size_t l2 = ETH_HDR_LEN + (p->has_vlan ? VLAN_TAG_LEN : 0);
    size_t frame_len = l2 + total;
    size_t padded = frame_len < ETH_MIN_FRAME ? ETH_MIN_FRAME : frame_len;
    if (padded > cap)
        return proto_fail(err, PROTO_ENOSPC, 0, "frame", "%zu octets, buffer holds %zu", padded,
                          cap);

    memset(out, 0, padded);
    memcpy(out, p->dst_mac, ETH_ADDR_LEN);
    memcpy(out + ETH_ADDR_LEN, p->src_mac, ETH_ADDR_LEN);
    size_t off = 2 * ETH_ADDR_LEN;
    if (p->has_vlan) {
        put16(out + off, ETHERTYPE_VLAN);
        put16(out + off + 2, p->vlan_tci);
        off += VLAN_TAG_LEN;
    }
    put16(out + off, ETHERTYPE_IPV4);
    off += 2;

    uint8_t *ip = out + off;
    ip[0] = (uint8_t)(IPV4_VERSION << 4 | ihl);
    ip[1] = p->ip_tos;
    put16(ip + 2, (uint16_t)total);
    put16(ip + 4, p->ip_id);
    put16(ip + 6, p->ip_frag);
    ip[8] = p->ip_ttl;
    ip[9] = IPV4_PROTO_UDP;
    put32(ip + 12, p->ip_src);
    put32(ip + 16, p->ip_dst);
    if (p->ip_options_len)
        memcpy(ip + IPV4_HDR_MIN_LEN, p->ip_options, p->ip_options_len);
    /* The rest of the option space stays zero: End of Option List (RFC 791). */
    put16(ip + 10, inet_checksum(ip, hlen));

    uint8_t *udp = ip + hlen;
    put16(udp, p->udp_src);
    put16(udp + 2, p->udp_dst);
    put16(udp + 4, (uint16_t)(UDP_HDR_LEN + payload_len));
    put16(udp + 6, 0); /* RFC 768: zero = no checksum, allowed over IPv4 */
    if (payload_len)
        memcpy(udp + UDP_HDR_LEN, payload, payload_len);
    *out_len = padded;
    return PROTO_OK;
}
