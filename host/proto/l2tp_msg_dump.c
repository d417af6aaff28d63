/* Debug dump of a decoded control message in the wording and order of the
 * seed's Cisco IOS "debug vpdn l2x-packets" output:
 *   Parse AVP 0, len 8, flag 0x8000 (M)
 *   Parse SCCRQ
 *   Parse AVP 2, len 8, flag 0x8000 (M)
 *   Protocol Ver 256
 *   ...
 *   No missing AVPs in SCCRQ
 *   I SCCRQ, flg TLS, ver 2, len 128, tnl 0, cl 0, ns 0, nr 0
 *   C8 02 00 80 ...          (16 octets a line)
 * Message names are the RFC's: the seed's LAC prints "SCCR" for both
 * SCCRP and SCCCN (a truncated name in that IOS build), which is not
 * copied. */
#include <stdio.h>
#include <string.h>

#include "hexbytes.h"
#include "l2tp_msg.h"

/* Room for the longest value line: a 1017-octet value in hex plus label. */
#define DUMP_LINE_MAX 2200

/* Emits text one line per '\n'-separated part. */
static void emit_lines(char *text, l2tp_line_fn line_fn, void *ctx)
{
    char *line = text;
    for (;;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        line_fn(ctx, line);
        if (!nl)
            return;
        line = nl + 1;
    }
}

static const char *msg_name(uint16_t type, char *buf, size_t cap)
{
    if (type == L2TP_MSG_ZLB || l2tp_msg_type_known(type))
        return l2tp_msg_type_name(type);
    snprintf(buf, cap, "type-%u", type);
    return buf;
}

void l2tp_msg_dump(const struct l2tp_msg *msg, const uint8_t *raw, size_t raw_len,
                   const char *dir, l2tp_line_fn line_fn, void *ctx)
{
    char line[DUMP_LINE_MAX];
    char name_buf[16];
    const char *name = msg_name(msg->type, name_buf, sizeof name_buf);
    for (size_t i = 0; i < msg->n_avps && i < L2TP_MSG_MAX_AVPS; i++) {
        line_fn(ctx, l2tp_avp_format_parse(&msg->avps[i], line, sizeof line));
        l2tp_avp_format_value(&msg->avps[i], msg->type, line, sizeof line);
        emit_lines(line, line_fn, ctx);
    }
    if (msg->type != L2TP_MSG_ZLB) {
        const char *missing = NULL;
        if (l2tp_msg_missing_avps(msg, &missing))
            snprintf(line, sizeof line, "Missing AVP %s in %s", missing, name);
        else
            snprintf(line, sizeof line, "No missing AVPs in %s", name);
        line_fn(ctx, line);
    }
    char flags[8];
    l2tp_header_flags_str(&msg->hdr, flags, sizeof flags);
    size_t len = msg->hdr.has_length ? msg->hdr.length : raw_len;
    snprintf(line, sizeof line, "%s %s%s, flg %s, ver %u, len %zu, tnl %u, cl %u, ns %u, nr %u",
             dir ? dir : "I", name, msg->type == L2TP_MSG_ZLB ? " ctrl ack" : "", flags,
             msg->hdr.version, len, msg->hdr.tunnel_id, msg->hdr.session_id, msg->hdr.ns,
             msg->hdr.nr);
    line_fn(ctx, line);
    for (size_t off = 0; raw && off < raw_len; off += 16) {
        size_t n = raw_len - off < 16 ? raw_len - off : 16;
        line_fn(ctx, hex_format(raw + off, n, ' ', line, sizeof line));
    }
}
