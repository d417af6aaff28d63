/* Hex text <-> octets, for debug dumps ("C8 02 00 2A") and tool input. */
#ifndef HEXBYTES_H
#define HEXBYTES_H

#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

/* Parses hex digit pairs; whitespace, ':' and '-' separate, "0x" prefixes are
 * skipped. An odd digit count or a non-hex character is an error naming its
 * offset in the text. */
proto_status hex_parse(const char *text, uint8_t *out, size_t cap, size_t *out_len,
                       struct proto_error *err);

/* "C8 02 00 2A" (sep ' ') or "C8020 02A" (sep 0) into buf; returns buf. */
char *hex_format(const uint8_t *data, size_t len, char sep, char *buf, size_t cap);

#endif
