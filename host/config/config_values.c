/* Value parsers of the config file: booleans, bounded numbers, durations,
 * IPv4 addresses, names, secrets. Each names the key and the offending text
 * in its error. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_int.h"

proto_status cfg_fail(struct cfg_parser *p, enum config_errkind kind, const char *fmt, ...)
{
    struct config_error *e = p->err;
    proto_status st = kind == CONFIG_E_IO ? PROTO_EIO
                    : kind == CONFIG_E_NOMEM ? PROTO_ENOSPC : PROTO_EINVAL;
    if (!e)
        return st;
    e->status = st;
    e->kind = kind;
    snprintf(e->file, sizeof e->file, "%s", p->cfg->file);
    e->line = p->line;
    snprintf(e->key, sizeof e->key, "%s", p->key ? p->key : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->detail, sizeof e->detail, fmt, ap);
    va_end(ap);
    return st;
}

proto_status cfg_bool(struct cfg_parser *p, const char *v, bool *out)
{
    static const char *const yes[] = {"yes", "on", "true"};
    static const char *const no[] = {"no", "off", "false"};
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(v, yes[i]) == 0) {
            *out = true;
            return PROTO_OK;
        }
        if (strcmp(v, no[i]) == 0) {
            *out = false;
            return PROTO_OK;
        }
    }
    return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not yes/no/on/off/true/false", v);
}

/* Decimal digits only: strtoul would take signs, blanks and hex. */
static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

proto_status cfg_uint(struct cfg_parser *p, const char *v, unsigned long min, unsigned long max,
                      unsigned long *out)
{
    if (!all_digits(v, strlen(v)))
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not a decimal number", v);
    errno = 0;
    unsigned long n = strtoul(v, NULL, 10);
    if (errno == ERANGE || n < min || n > max)
        return cfg_fail(p, CONFIG_E_RANGE, "%s is not in %lu..%lu", v, min, max);
    *out = n;
    return PROTO_OK;
}

proto_status cfg_duration(struct cfg_parser *p, const char *v, uint64_t min_us, uint64_t max_us,
                          uint64_t *out)
{
    size_t n = strlen(v), digits = 0;
    while (digits < n && isdigit((unsigned char)v[digits]))
        digits++;
    const char *unit = v + digits;
    uint64_t scale = 0;    /* 0: unknown unit */
    if (strcmp(unit, "") == 0 || strcmp(unit, "s") == 0)
        scale = 1000000;
    else if (strcmp(unit, "ms") == 0)
        scale = 1000;
    if (scale == 0 || !all_digits(v, digits))
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not a duration (N, Ns or Nms)", v);
    /* More than 9 digits cannot be in any range we accept; avoids overflow. */
    uint64_t num = digits > 9 ? UINT64_MAX / 1000000 : strtoull(v, NULL, 10);
    uint64_t us = num * scale;
    if (us < min_us || us > max_us)
        return cfg_fail(p, CONFIG_E_RANGE, "%s is not in %llums..%llums", v,
                        (unsigned long long)(min_us / 1000), (unsigned long long)(max_us / 1000));
    *out = us;
    return PROTO_OK;
}

proto_status cfg_ipv4(struct cfg_parser *p, const char *v, uint32_t *out)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) != 1)
        return cfg_fail(p, CONFIG_E_ADDRESS, "'%s' is not an IPv4 address (a.b.c.d)", v);
    *out = ntohl(a.s_addr);
    return PROTO_OK;
}

proto_status cfg_name(struct cfg_parser *p, const char *v, char out[CONFIG_NAME_MAX])
{
    size_t n = strlen(v);
    if (n == 0 || n >= CONFIG_NAME_MAX)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "a name is 1..%d octets, '%s' has %zu",
                        CONFIG_NAME_MAX - 1, v, n);
    for (size_t i = 0; i < n; i++)
        if (isspace((unsigned char)v[i]))
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "a name is one word: '%s'", v);
    memcpy(out, v, n + 1);
    return PROTO_OK;
}

proto_status cfg_secret(struct cfg_parser *p, const char *v, uint8_t out[CONFIG_SECRET_MAX],
                        size_t *len)
{
    size_t n = strlen(v);
    if (n == 0 || n > CONFIG_SECRET_MAX)
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "a secret is 1..%d octets, got %zu",
                        CONFIG_SECRET_MAX, n);
    memcpy(out, v, n);
    *len = n;
    return PROTO_OK;
}
