/* RFC 1662 §4 transmit side: FCS, octet stuffing, flags. */
#include "fcs.h"
#include "hdlc.h"
#include "ppp_const.h"

size_t hdlc_fcs_len(enum hdlc_fcs_mode fcs)
{
    switch (fcs) {
    case HDLC_FCS_16: return PPP_FCS16_LEN;
    case HDLC_FCS_32: return PPP_FCS32_LEN;
    }
    return 0;
}

size_t hdlc_encoded_max(size_t len, enum hdlc_fcs_mode fcs)
{
    /* opening and closing flag, every data and FCS octet escaped to two */
    return 2 + 2 * (len + hdlc_fcs_len(fcs));
}

bool hdlc_tx_escapes(uint32_t accm, uint8_t octet)
{
    if (octet == HDLC_FLAG || octet == HDLC_ESCAPE)
        return true;
    return octet < 0x20 && ((accm >> octet) & 1u);
}

struct tx_out {
    uint8_t *out;
    size_t cap;
    size_t pos;
};

static bool put(struct tx_out *o, uint8_t v)
{
    if (o->pos >= o->cap)
        return false;
    o->out[o->pos++] = v;
    return true;
}

static bool put_stuffed(struct tx_out *o, uint32_t accm, uint8_t v)
{
    if (hdlc_tx_escapes(accm, v))
        return put(o, HDLC_ESCAPE) && put(o, (uint8_t)(v ^ HDLC_ESCAPE_XOR));
    return put(o, v);
}

proto_status hdlc_encode(const struct hdlc_tx_config *cfg, const uint8_t *frame, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err)
{
    if (!cfg || !out || !out_len || (!frame && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "hdlc_encode", "NULL argument");
    size_t fcs_len = hdlc_fcs_len(cfg->fcs);
    if (fcs_len == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "FCS", "unknown FCS mode %d", (int)cfg->fcs);
    if (len == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "Information", "empty frame");

    /* §C.2/§C.3: the FCS is sent complemented, least significant octet first. */
    uint8_t fcs[PPP_FCS32_LEN];
    if (cfg->fcs == HDLC_FCS_16) {
        uint16_t v = (uint16_t)~fcs16_update(PPP_FCS16_INIT, frame, len);
        fcs[0] = (uint8_t)v;
        fcs[1] = (uint8_t)(v >> 8);
    } else {
        uint32_t v = ~fcs32_update(PPP_FCS32_INIT, frame, len);
        for (size_t i = 0; i < PPP_FCS32_LEN; i++)
            fcs[i] = (uint8_t)(v >> (8 * i));
    }

    struct tx_out o = {out, cap, 0};
    bool ok = !cfg->opening_flag || put(&o, HDLC_FLAG);
    for (size_t i = 0; ok && i < len; i++)
        ok = put_stuffed(&o, cfg->accm, frame[i]);
    for (size_t i = 0; ok && i < fcs_len; i++)
        ok = put_stuffed(&o, cfg->accm, fcs[i]);
    ok = ok && put(&o, HDLC_FLAG);
    if (!ok)
        return proto_fail(err, PROTO_ENOSPC, o.pos, "output", "%zu octets do not hold the frame "
                          "(up to %zu needed)", cap, hdlc_encoded_max(len, cfg->fcs));
    *out_len = o.pos;
    return PROTO_OK;
}
