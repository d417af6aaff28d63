/* l2tpdump's decode path: L2TP header (RFC 2661 §3.1), control messages
 * through l2tp_msg_decode/l2tp_msg_dump, data messages' PPP frames through
 * the PPP decoders (checked first, so a bad frame is one error, not a
 * half-printed dump) and ppp_frame_dump. */
#include "l2tpdump_decode.h"

#include <stdio.h>
#include <string.h>

#include "l2tp_header.h"
#include "l2tp_msg.h"
#include "ppp_auth.h"
#include "ppp_const.h"
#include "ppp_cp.h"
#include "ppp_frame.h"

/* Moves an error reported by a decoder that saw msg + base into msg's offsets. */
static proto_status rebase(proto_status st, struct proto_error *err, size_t base)
{
    if (st != PROTO_OK && err)
        err->offset += base;
    return st;
}

/* Configure-Request/Ack/Nak/Reject carry options (RFC 1661 §5.1-§5.4). */
static bool carries_options(uint8_t code)
{
    return code >= PPP_CONFIGURE_REQUEST && code <= PPP_CONFIGURE_REJECT;
}

/* Checks the PPP frame of a data message down to the option framing, so
 * malformed input is reported with its offset before anything is printed.
 * base is the offset of the frame in the L2TP message. */
static proto_status check_ppp(const uint8_t *frame, size_t len, size_t base,
                              struct proto_error *err)
{
    struct ppp_frame f;
    proto_status st = ppp_frame_decode(frame, len, &f, err);
    if (st != PROTO_OK)
        return rebase(st, err, base);
    size_t info_base = base + (size_t)(f.info - frame);
    switch (f.protocol) {
    case PPP_PROTO_LCP:
    case PPP_PROTO_IPCP:
    case PPP_PROTO_IPV6CP:
    case PPP_PROTO_CCP: {
        struct ppp_cp_packet p;
        st = ppp_cp_decode(f.info, f.info_len, &p, err);
        if (st != PROTO_OK)
            return rebase(st, err, info_base);
        if (!carries_options(p.code))
            return PROTO_OK;
        struct ppp_option_iter it;
        struct ppp_option opt;
        /* The iterator's base offset puts option errors at msg offsets. */
        ppp_option_iter_init(&it, p.data, p.data_len, info_base + (size_t)(p.data - f.info));
        int rc;
        while ((rc = ppp_option_next(&it, &opt, err)) > 0)
            ;
        return rc < 0 ? (proto_status)rc : PROTO_OK;
    }
    case PPP_PROTO_CHAP: {
        struct chap_packet c;
        return rebase(chap_decode(f.info, f.info_len, &c, err), err, info_base);
    }
    case PPP_PROTO_PAP: {
        struct pap_packet p;
        return rebase(pap_decode(f.info, f.info_len, &p, err), err, info_base);
    }
    default:
        return PROTO_OK; /* network-layer payloads are opaque here */
    }
}

static proto_status decode_data(const uint8_t *msg, const struct l2tp_header *h,
                                const struct l2tpdump_opts *o, l2tpdump_line_fn line_fn,
                                void *ctx, struct proto_error *err)
{
    const uint8_t *ppp = msg + h->header_len;
    size_t ppp_len = h->payload_len;
    if (ppp_len == 0)
        return proto_fail(err, PROTO_ETRUNC, h->header_len, "PPP frame",
                          "data message carries no PPP frame");
    proto_status st = check_ppp(ppp, ppp_len, h->header_len, err);
    if (st != PROTO_OK)
        return st;

    char flags[8];
    char line[160];
    int n = snprintf(line, sizeof line, "%s DATA, flg %s, ver %u", o->dir,
                     *l2tp_header_flags_str(h, flags, sizeof flags) ? flags : "-", h->version);
    if (h->has_length)
        n += snprintf(line + n, sizeof line - (size_t)n, ", len %u", h->length);
    n += snprintf(line + n, sizeof line - (size_t)n, ", tnl %u, cl %u", h->tunnel_id,
                  h->session_id);
    if (h->has_sequence)
        n += snprintf(line + n, sizeof line - (size_t)n, ", ns %u, nr %u", h->ns, h->nr);
    if (h->has_offset)
        snprintf(line + n, sizeof line - (size_t)n, ", off %u", h->offset_size);
    line_fn(ctx, line);
    ppp_frame_dump(ppp, ppp_len, o->dir, line_fn, ctx);
    return PROTO_OK;
}

static proto_status decode_control(const uint8_t *msg, size_t len, unsigned flags,
                                   const struct l2tpdump_opts *o, l2tpdump_line_fn line_fn,
                                   void *ctx, struct proto_error *err)
{
    struct l2tp_msg m; /* about 8 KB: the AVP array and the reveal buffer */
    struct l2tp_secret secret = {o->secret, o->secret_len};
    struct proto_error unknown = {0};
    proto_status st =
        l2tp_msg_decode(msg, len, o->secret ? &secret : NULL, flags, &m, &unknown);
    if (st != PROTO_OK && st != PROTO_EUNKNOWN_M) {
        if (err)
            *err = unknown;
        return st;
    }
    l2tp_msg_dump(&m, msg, len, o->dir, line_fn, ctx);
    if (st == PROTO_EUNKNOWN_M) {
        /* Well-formed, but a peer must tear the connection down (§4.1). */
        char line[200];
        char where[160];
        snprintf(line, sizeof line, "Unknown mandatory AVP, %s",
                 proto_error_format(&unknown, where, sizeof where));
        line_fn(ctx, line);
    }
    return PROTO_OK;
}

proto_status l2tpdump_decode(const uint8_t *msg, size_t len, const struct l2tpdump_opts *o,
                             l2tpdump_line_fn line_fn, void *ctx, struct proto_error *err)
{
    unsigned flags = o->strict ? L2TP_DECODE_STRICT : 0;
    struct l2tp_header h;
    proto_status st = l2tp_header_decode(msg, len, flags, &h, err);
    if (st != PROTO_OK)
        return st;
    if (h.is_control)
        return decode_control(msg, len, flags, o, line_fn, ctx, err);
    return decode_data(msg, &h, o, line_fn, ctx, err);
}
