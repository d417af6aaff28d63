#include "hexbytes.h"

#include <ctype.h>
#include <stdio.h>

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

proto_status hex_parse(const char *text, uint8_t *out, size_t cap, size_t *out_len,
                       struct proto_error *err)
{
    size_t n = 0;
    int high = -1;
    size_t high_pos = 0;
    for (size_t i = 0; text[i]; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isspace(c) || c == ':' || c == '-' || c == ',') {
            if (high >= 0)
                return proto_fail(err, PROTO_EINVAL, high_pos, "hex", "odd number of hex digits");
            continue;
        }
        if (high < 0 && c == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
            i++;
            continue;
        }
        int d = hex_digit(c);
        if (d < 0)
            return proto_fail(err, PROTO_EINVAL, i, "hex", "'%c' is not a hex digit", c);
        if (high < 0) {
            high = d;
            high_pos = i;
            continue;
        }
        if (n >= cap)
            return proto_fail(err, PROTO_ENOSPC, i, "hex", "more than %zu octets", cap);
        out[n++] = (uint8_t)(high << 4 | d);
        high = -1;
    }
    if (high >= 0)
        return proto_fail(err, PROTO_EINVAL, high_pos, "hex", "odd number of hex digits");
    *out_len = n;
    return PROTO_OK;
}

char *hex_format(const uint8_t *data, size_t len, char sep, char *buf, size_t cap)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t pos = 0;
    if (cap == 0)
        return buf;
    for (size_t i = 0; i < len; i++) {
        size_t need = (sep && i) ? 3 : 2;
        if (pos + need + 1 > cap)
            break;
        if (sep && i)
            buf[pos++] = sep;
        buf[pos++] = digits[data[i] >> 4];
        buf[pos++] = digits[data[i] & 15];
    }
    buf[pos] = 0;
    return buf;
}
