#include "proto_error.h"

#include <stdarg.h>
#include <stdio.h>

proto_status proto_fail(struct proto_error *err, proto_status status,
                        size_t offset, const char *field, const char *fmt, ...)
{
    if (err) {
        err->status = status;
        err->offset = offset;
        err->field = field ? field : "";
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->detail, sizeof err->detail, fmt, ap);
        va_end(ap);
    }
    return status;
}

const char *proto_status_name(proto_status status)
{
    switch (status) {
    case PROTO_OK: return "ok";
    case PROTO_ETRUNC: return "truncated";
    case PROTO_ELENGTH: return "bad length";
    case PROTO_EVERSION: return "bad version";
    case PROTO_ERESERVED: return "reserved bits set";
    case PROTO_EINVAL: return "invalid value";
    case PROTO_ENOSPC: return "output buffer too small";
    case PROTO_EUNKNOWN_M: return "unknown mandatory AVP";
    case PROTO_EHIDDEN: return "hidden AVP cannot be revealed";
    case PROTO_EFCS: return "bad FCS";
    case PROTO_EABORT: return "aborted frame";
    case PROTO_ECRYPTO: return "crypto library error";
    case PROTO_EIO: return "I/O error";
    }
    return "unknown error";
}

char *proto_error_format(const struct proto_error *err, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    if (!err) {
        snprintf(buf, cap, "no error");
        return buf;
    }
    snprintf(buf, cap, "offset %zu: %s: %s", err->offset,
             err->field && *err->field ? err->field : proto_status_name(err->status),
             err->detail[0] ? err->detail : proto_status_name(err->status));
    return buf;
}
