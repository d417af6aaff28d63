/* RFC 1662 §4 receive side: flag hunt, receive-ACCM discard, unescape, abort,
 * FCS check, runt and MRU limits. One octet at a time through rx_octet(), so
 * the streaming deframer and the one-shot decoder share every rule and the
 * result cannot depend on how the octets were chunked. */
#include "fcs.h"
#include "hdlc.h"
#include "ppp_const.h"

proto_status hdlc_rx_init(struct hdlc_rx *rx, const struct hdlc_rx_config *cfg, uint8_t *buf,
                          size_t buf_cap)
{
    if (!rx || !cfg || !buf)
        return PROTO_EINVAL;
    size_t fcs_len = hdlc_fcs_len(cfg->fcs);
    if (fcs_len == 0)
        return PROTO_EINVAL;
    if (cfg->mru == 0 || buf_cap < cfg->mru + fcs_len)
        return PROTO_ENOSPC;
    *rx = (struct hdlc_rx){.cfg = *cfg, .buf = buf, .buf_cap = buf_cap};
    return PROTO_OK;
}

static void frame_reset(struct hdlc_rx *rx)
{
    rx->len = 0;
    rx->escaped = false;
    rx->overflow = false;
    rx->buf_full = false;
}

static bool fcs_good(const struct hdlc_rx *rx)
{
    if (rx->cfg.fcs == HDLC_FCS_16)
        return fcs16_update(PPP_FCS16_INIT, rx->buf, rx->len) == PPP_FCS16_GOOD;
    return fcs32_update(PPP_FCS32_INIT, rx->buf, rx->len) == PPP_FCS32_GOOD;
}

/* A flag after frame octets: classify and report the frame. Empty frames
 * (back-to-back flags, §4.1 allows them as inter-frame fill) are not reported. */
static void frame_end(struct hdlc_rx *rx, hdlc_rx_fn fn, void *ctx)
{
    size_t fcs_len = hdlc_fcs_len(rx->cfg.fcs);
    if (rx->escaped) {
        /* §4.2: Control Escape followed by Flag aborts the frame; the flag
         * still delimits, so the next frame starts here. */
        rx->counters.aborts++;
        fn(ctx, HDLC_RX_ABORT, rx->buf, rx->len);
    } else if (rx->overflow) {
        rx->counters.too_long++;
        fn(ctx, HDLC_RX_TOO_LONG, rx->buf, rx->len);
    } else if (rx->len == 0) {
        /* inter-frame fill */
    } else if (rx->len < fcs_len + 1) {
        rx->counters.runts++;
        fn(ctx, HDLC_RX_RUNT, rx->buf, rx->len);
    } else if (!fcs_good(rx)) {
        rx->counters.bad_fcs++;
        fn(ctx, HDLC_RX_BAD_FCS, rx->buf, rx->len);
    } else {
        rx->counters.frames++;
        rx->counters.octets += rx->len - fcs_len;
        fn(ctx, HDLC_RX_FRAME, rx->buf, rx->len - fcs_len);
    }
    frame_reset(rx);
}

static void rx_octet(struct hdlc_rx *rx, uint8_t c, hdlc_rx_fn fn, void *ctx)
{
    if (c == HDLC_FLAG) {
        if (rx->in_frame)
            frame_end(rx, fn, ctx);
        else
            frame_reset(rx);
        rx->in_frame = true;
        return;
    }
    if (!rx->in_frame)
        return; /* flag hunt: everything before the first flag is discarded */
    if (c < 0x20 && ((rx->cfg.accm >> c) & 1u)) {
        /* §4.2: flagged control octets received unescaped were inserted by
         * the line equipment; they are removed before anything else, so an
         * escape before one still applies to the octet after it. */
        rx->counters.accm_discards++;
        return;
    }
    if (c == HDLC_ESCAPE && !rx->escaped) {
        rx->escaped = true;
        return;
    }
    /* §4.2: the octet after Control Escape is XORed with 0x20, whatever it
     * is (0x7D 0x7D gives 0x5D); only a Flag after it aborts. */
    uint8_t v = rx->escaped ? (uint8_t)(c ^ HDLC_ESCAPE_XOR) : c;
    rx->escaped = false;
    if (rx->overflow)
        return;
    if (rx->len >= rx->cfg.mru + hdlc_fcs_len(rx->cfg.fcs) || rx->len >= rx->buf_cap) {
        rx->overflow = true;
        rx->buf_full = rx->len < rx->cfg.mru + hdlc_fcs_len(rx->cfg.fcs);
        return;
    }
    rx->buf[rx->len++] = v;
}

void hdlc_rx_push(struct hdlc_rx *rx, const uint8_t *octets, size_t len, hdlc_rx_fn fn, void *ctx)
{
    if (!rx || !fn || (!octets && len > 0))
        return;
    for (size_t i = 0; i < len; i++)
        rx_octet(rx, octets[i], fn, ctx);
}

/* What hdlc_decode learns from the deframer's callback. */
struct decode_result {
    unsigned events;
    enum hdlc_rx_event ev;
    size_t len;
    bool buf_full;
    const struct hdlc_rx *rx;
};

static void decode_event(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    (void)frame;
    struct decode_result *r = ctx;
    if (r->events++ == 0) {
        r->ev = ev;
        r->len = len;
        r->buf_full = r->rx->buf_full;
    }
}

proto_status hdlc_decode(const struct hdlc_rx_config *cfg, const uint8_t *in, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err)
{
    if (!cfg || !out || !out_len || (!in && len > 0))
        return proto_fail(err, PROTO_EINVAL, 0, "hdlc_decode", "NULL argument");
    if (hdlc_fcs_len(cfg->fcs) == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "FCS", "unknown FCS mode %d", (int)cfg->fcs);

    /* The caller's buffer is the deframer's; buf_cap may be below the MRU
     * here (a frame that outgrows it is PROTO_ENOSPC, not too long). */
    struct hdlc_rx rx = {.cfg = *cfg, .in_frame = true, .buf = out, .buf_cap = cap};
    struct decode_result r = {.rx = &rx};
    size_t end = len;
    for (size_t i = 0; i < len && r.events == 0; i++) {
        rx_octet(&rx, in[i], decode_event, &r);
        end = i;
    }
    if (r.events == 0) {
        /* no closing flag: the end of the input closes the frame */
        static const uint8_t flag = HDLC_FLAG;
        end = len;
        rx_octet(&rx, flag, decode_event, &r);
    }
    if (r.events == 0)
        return proto_fail(err, PROTO_ETRUNC, len, "frame", "no frame between the flags");
    for (size_t i = end + 1; i < len; i++) {
        if (in[i] != HDLC_FLAG)
            return proto_fail(err, PROTO_EINVAL, i, "frame",
                              "data after the closing flag (more than one frame)");
    }
    size_t fcs_len = hdlc_fcs_len(cfg->fcs);
    switch (r.ev) {
    case HDLC_RX_FRAME:
        *out_len = r.len;
        return PROTO_OK;
    case HDLC_RX_BAD_FCS:
        return proto_fail(err, PROTO_EFCS, end, "FCS", "frame check sequence is wrong");
    case HDLC_RX_ABORT:
        return proto_fail(err, PROTO_EABORT, end, "frame", "abort sequence 7D 7E");
    case HDLC_RX_RUNT:
        return proto_fail(err, PROTO_ETRUNC, end, "frame",
                          "%zu octets, shorter than the %zu-octet FCS plus one", r.len, fcs_len);
    case HDLC_RX_TOO_LONG:
        if (r.buf_full)
            return proto_fail(err, PROTO_ENOSPC, end, "output",
                              "%zu octets do not hold the frame", cap);
        return proto_fail(err, PROTO_ELENGTH, end, "frame", "longer than MRU %zu plus FCS",
                          cfg->mru);
    }
    return proto_fail(err, PROTO_EINVAL, end, "frame", "unexpected deframer event");
}
