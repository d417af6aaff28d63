/* PPP frame header: RFC 1662 §3.1 Address/Control, RFC 1661 §2 Protocol,
 * with ACFC and PFC (RFC 1661 §6.5, §6.6). */
#include "ppp_frame.h"

#include "ppp_const.h"

/* RFC 1661 §2: "the least significant bit of the least significant octet
 * [is] 1" and "the least significant bit of the most significant octet [is] 0". */
static bool protocol_valid(uint16_t protocol)
{
    return (protocol & 0x0001u) && !(protocol & 0x0100u);
}

proto_status ppp_frame_decode(const uint8_t *buf, size_t len, struct ppp_frame *f,
                              struct proto_error *err)
{
    if (!f || (!buf && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_frame_decode", "NULL argument");
    *f = (struct ppp_frame){0};
    size_t pos = 0;
    if (len >= 1 && buf[0] == PPP_ALLSTATIONS) {
        /* 0xFF is never a compressed protocol here: it is the Address field */
        if (len < 2)
            return proto_fail(err, PROTO_ETRUNC, 1, "Control", "frame ends after the Address");
        if (buf[1] != PPP_UI)
            return proto_fail(err, PROTO_EINVAL, 1, "Control",
                              "0x%02X after Address 0xFF, expected 0x03", buf[1]);
        f->has_address_control = true;
        pos = 2;
    }
    if (pos >= len)
        return proto_fail(err, PROTO_ETRUNC, pos, "Protocol", "frame ends before the Protocol");
    if (buf[pos] & 1u) {
        /* an odd first octet can only be a PFC-compressed protocol */
        f->protocol = buf[pos];
        f->protocol_compressed = true;
        pos += 1;
    } else {
        if (pos + 2 > len)
            return proto_fail(err, PROTO_ETRUNC, pos, "Protocol",
                              "frame ends inside the two-octet Protocol");
        f->protocol = (uint16_t)(buf[pos] << 8 | buf[pos + 1]);
        if (!(buf[pos + 1] & 1u))
            return proto_fail(err, PROTO_EINVAL, pos + 1, "Protocol",
                              "0x%04X: last octet must be odd (RFC 1661 §2)", f->protocol);
        pos += 2;
    }
    f->info = buf + pos;
    f->info_len = len - pos;
    return PROTO_OK;
}

proto_status ppp_frame_encode(uint16_t protocol, const uint8_t *info, size_t info_len, bool acfc,
                              bool pfc, uint8_t *out, size_t cap, size_t *out_len,
                              struct proto_error *err)
{
    if (!out || !out_len || (!info && info_len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "ppp_frame_encode", "NULL argument");
    if (!protocol_valid(protocol))
        return proto_fail(err, PROTO_EINVAL, 0, "Protocol",
                          "0x%04X is not a valid protocol number (RFC 1661 §2)", protocol);
    /* RFC 1661 §6.5/§6.6: LCP packets always go with Address/Control and a
     * two-octet Protocol, so a peer can always read them. */
    if (protocol == PPP_PROTO_LCP)
        acfc = pfc = false;
    /* 0x00FF is reserved as "compression inefficient" (assigned numbers): one
     * octet 0xFF would read as the Address field, so it keeps two octets. */
    bool compress = pfc && protocol < 0xFFu;
    size_t hdr = (acfc ? 0 : 2) + (compress ? 1 : 2);
    if (info_len > cap || hdr > cap - info_len)
        return proto_fail(err, PROTO_ENOSPC, 0, "output", "%zu octets do not hold %zu", cap,
                          hdr + info_len);
    size_t pos = 0;
    if (!acfc) {
        out[pos++] = PPP_ALLSTATIONS;
        out[pos++] = PPP_UI;
    }
    if (!compress)
        out[pos++] = (uint8_t)(protocol >> 8);
    out[pos++] = (uint8_t)protocol;
    for (size_t i = 0; i < info_len; i++)
        out[pos + i] = info[i];
    *out_len = pos + info_len;
    return PROTO_OK;
}

const char *ppp_protocol_name(uint16_t protocol)
{
    switch (protocol) {
    case PPP_PROTO_IP: return "IP";
    case PPP_PROTO_VJ_COMP: return "VJ-COMP";
    case PPP_PROTO_VJ_UNCOMP: return "VJ-UNCOMP";
    case PPP_PROTO_MP: return "MLP";
    case PPP_PROTO_IPV6: return "IPV6";
    case PPP_PROTO_IPCP: return "IPCP";
    case PPP_PROTO_IPV6CP: return "IPV6CP";
    case PPP_PROTO_CCP: return "CCP";
    case PPP_PROTO_LCP: return "LCP";
    case PPP_PROTO_PAP: return "PAP";
    case PPP_PROTO_LQR: return "LQR";
    case PPP_PROTO_CHAP: return "CHAP";
    }
    return "unknown";
}
