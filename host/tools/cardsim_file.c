/* Whole files and the punt pseudo-header (cardsim_io.h), apart from the
 * simulation so the reference checker links them alone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardsim_io.h"

void cardsim_punt_header(const struct cardsim_punt_meta *m, size_t len,
                         uint8_t hdr[CARDSIM_PUNT_HDR_LEN])
{
    hdr[0] = m->kind;
    hdr[1] = m->reason;
    hdr[2] = m->channel;
    hdr[3] = 0;
    hdr[4] = (uint8_t)(m->session >> 8);
    hdr[5] = (uint8_t)m->session;
    hdr[6] = (uint8_t)(len >> 8);
    hdr[7] = (uint8_t)len;
}

bool cardsim_read_file(const char *path, uint8_t **data, size_t *len, char *msg, size_t cap)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, cap, "%s: %s", path, strerror(errno));
        return false;
    }
    size_t n = 0, c = 4096;
    uint8_t *buf = malloc(c);
    while (buf) {
        n += fread(buf + n, 1, c - n, f);
        if (n < c)
            break;
        uint8_t *nb = realloc(buf, 2 * c);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        c *= 2;
    }
    bool err = ferror(f);
    fclose(f);
    if (!buf || err) {
        snprintf(msg, cap, "%s: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        return false;
    }
    *data = buf;
    *len = n;
    return true;
}

bool cardsim_write_file(const char *path, const uint8_t *data, size_t len, char *msg, size_t cap)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(msg, cap, "%s: %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        snprintf(msg, cap, "%s: write error", path);
    return ok;
}

