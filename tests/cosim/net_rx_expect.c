/* See net_rx_expect.h. */
#include "net_rx_expect.h"

#include <stdio.h>
#include <string.h>

#include "l2tp_header.h"
#include "net_const.h"
#include "net_headers.h"
#include "proto_error.h"

static bool field_is(const struct proto_error *e, const char *name)
{
    return e->field && strcmp(e->field, name) == 0;
}

static void expect_set(struct net_rx_expect *x, unsigned verdict, unsigned reason)
{
    x->d.verdict = (uint8_t)verdict;
    x->d.reason = (uint8_t)reason;
}

bool net_rx_software_expect(const uint8_t *f, size_t len, const struct net_rx_cfg *cfg,
                            struct net_rx_expect *x, char *why, size_t cap)
{
    memset(x, 0, sizeof *x);
    x->d.frame_len = (uint16_t)len;
    if (len < ETH_MIN_FRAME) {
        expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_RUNT);
        return true;
    }
    struct net_udp_packet p;
    struct proto_error err = {0};
    proto_status st = net_udp_decode(f, len, &p, &err);
    /* Ethernet fields straight from the octets: net_udp_decode leaves them
     * empty when the EtherType is not IPv4. */
    x->d.vlan_present = (f[12] << 8 | f[13]) == ETHERTYPE_VLAN;
    x->d.vlan_tci = x->d.vlan_present ? (uint16_t)(f[14] << 8 | f[15]) : 0;
    for (int i = 0; i < ETH_ADDR_LEN; i++)
        x->d.src_mac = x->d.src_mac << 8 | f[ETH_ADDR_LEN + i];
    x->d.ip_src = p.ip_src;
    x->d.ip_dst = p.ip_dst;
    x->d.udp_src = p.udp_src;
    x->d.udp_dst = p.udp_dst;
    if (st != PROTO_OK) {
        if (field_is(&err, "EtherType"))
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_NON_IPV4), true;
        if (field_is(&err, "Version") || (field_is(&err, "IHL") && st == PROTO_EINVAL))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_HEADER), true;
        if (field_is(&err, "IHL")) /* the header runs past the frame */
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_LENGTH), true;
        x->ip_fields = true; /* from here on the software read the addresses */
        if (field_is(&err, "Total Length"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_LENGTH), true;
        /* The parser checks the checksum and the destination before these. */
        if (!p.ip_checksum_ok)
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_CHECKSUM), true;
        if (cfg->local_ip_en && p.ip_dst != cfg->local_ip)
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_IP), true;
        if (field_is(&err, "Flags") || field_is(&err, "Fragment Offset"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_FRAGMENT), true;
        if (field_is(&err, "Protocol"))
            return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_NOT_UDP), true;
        if (field_is(&err, "UDP header"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_UDP_LENGTH), true;
        if (field_is(&err, "UDP Length")) {
            x->udp_fields = true;
            if (p.udp_dst != cfg->l2tp_port)
                return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_PORT), true;
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_UDP_LENGTH), true;
        }
        char line[200];
        snprintf(why, cap, "net_udp_decode: %s", proto_error_format(&err, line, sizeof line));
        return false;
    }
    x->ip_fields = true;
    x->udp_fields = true;
    if (p.has_vlan != x->d.vlan_present || p.vlan_tci != x->d.vlan_tci) {
        snprintf(why, cap, "net_udp_decode disagrees on the 802.1Q tag");
        return false;
    }
    if (!p.ip_checksum_ok)
        return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_IPV4_CHECKSUM), true;
    if (cfg->local_ip_en && p.ip_dst != cfg->local_ip)
        return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_IP), true;
    if (p.udp_dst != cfg->l2tp_port)
        return expect_set(x, NET_RX_VERDICT_NOT_FOR_US, NET_RX_REASON_OTHER_PORT), true;

    struct l2tp_header h;
    st = l2tp_header_decode(p.payload, p.payload_len, 0, &h, &err);
    if (st != PROTO_OK) {
        if (st == PROTO_EVERSION)
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_L2TP_VERSION), true;
        if (st == PROTO_EINVAL && (field_is(&err, "L") || field_is(&err, "S") ||
                                   field_is(&err, "O") || field_is(&err, "P")))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_CONTROL_FLAGS), true;
        if (st == PROTO_ETRUNC || (st == PROTO_ELENGTH && field_is(&err, "Length")))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_BAD_L2TP_LENGTH), true;
        if (st == PROTO_ELENGTH && field_is(&err, "Offset Size"))
            return expect_set(x, NET_RX_VERDICT_MALFORMED, NET_RX_REASON_OFFSET_PAST_END), true;
        char line[200];
        snprintf(why, cap, "l2tp_header_decode: %s", proto_error_format(&err, line, sizeof line));
        return false;
    }
    x->l2tp_fields = true;
    expect_set(x, h.is_control ? NET_RX_VERDICT_L2TP_CONTROL : NET_RX_VERDICT_L2TP_DATA,
               NET_RX_REASON_NONE);
    x->d.l2tp_flags = (uint16_t)(p.payload[0] << 8 | p.payload[1]);
    x->d.tunnel_id = h.tunnel_id;
    x->d.session_id = h.session_id;
    x->d.ns = h.has_sequence ? h.ns : 0;
    x->d.nr = h.has_sequence ? h.nr : 0;
    x->d.payload_off = (uint16_t)(p.payload_offset + h.header_len);
    x->d.payload_len = (uint16_t)h.payload_len;
    return true;
}

/* Compares a descriptor with the software's; prints and returns false on a
 * difference. */
