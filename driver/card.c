/* The handle: spec strings, backend choice, open/close, error messages,
 * register access by block. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"

/* The rtl backend needs the Verilated card (C++): only programs linked with
 * it have it (driver/sim.mk), so it is referenced weakly and listed when
 * present. */
extern const struct card_backend_ops card_rtl_backend __attribute__((weak));

static const char *const names_with_rtl[] = {"pci", "model", "rtl", NULL};
static const char *const names_without_rtl[] = {"pci", "model", NULL};

const char *const *l2tpcard_backends(void)
{
    return &card_rtl_backend ? names_with_rtl : names_without_rtl;
}

static const struct card_backend_ops *backend_by_name(const char *name)
{
    if (strcmp(name, "pci") == 0)
        return &card_pci_backend;
    if (strcmp(name, "model") == 0)
        return &card_model_backend;
    if (strcmp(name, "rtl") == 0 && &card_rtl_backend)
        return &card_rtl_backend;
    return NULL;
}

const char *l2tpcard_status_name(l2tpcard_status status)
{
    switch (status) {
    case L2TPCARD_OK: return "ok";
    case L2TPCARD_EINVAL: return "invalid argument";
    case L2TPCARD_ENODEV: return "no device";
    case L2TPCARD_EACCES: return "permission denied";
    case L2TPCARD_EBUSY: return "busy";
    case L2TPCARD_EIOMMU: return "IOMMU needs VFIO";
    case L2TPCARD_EBAR: return "bad BAR0";
    case L2TPCARD_EIO: return "I/O error";
    case L2TPCARD_ENOMEM: return "out of memory";
    case L2TPCARD_EHW: return "card error";
    case L2TPCARD_ETIMEDOUT: return "timed out";
    case L2TPCARD_EAGAIN: return "try again";
    }
    return "unknown status";
}

static l2tpcard_status verror_set(char *buf, size_t cap, l2tpcard_status status, const char *fmt,
                                  va_list ap)
{
    vsnprintf(buf, cap, fmt, ap);
    return status;
}

l2tpcard_status card_fail(struct l2tpcard *card, l2tpcard_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror_set(card->errmsg, sizeof card->errmsg, status, fmt, ap);
    va_end(ap);
    return status;
}

l2tpcard_status card_error_set(struct l2tpcard_error *err, l2tpcard_status status,
                               const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    verror_set(err->msg, sizeof err->msg, status, fmt, ap);
    va_end(ap);
    return status;
}

const char *l2tpcard_errmsg(const struct l2tpcard *card)
{
    return card ? card->errmsg : "no card handle";
}

const char *l2tpcard_describe(const struct l2tpcard *card)
{
    return card ? card->desc : "";
}

/* Reads exactly `digits` hex digits (at most 4) at *p; false otherwise. */
static bool hex_field(const char **p, int digits, int *out)
{
    int v = 0;
    for (int i = 0; i < digits; i++) {
        char c = (*p)[i];
        if (!isxdigit((unsigned char)c))
            return false;
        v = v * 16 + (isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10);
    }
    *p += digits;
    *out = v;
    return true;
}

/* "dddd:bb:dd.f" or "bb:dd.f", as lspci prints them (PCI Firmware spec
 * segment/bus/device/function; device < 32, function < 8). */
static bool parse_bdf(const char *s, struct l2tpcard_spec *out)
{
    const char *p = s;
    int bus, dev;
    out->domain = 0;
    /* Two colons: the domain (PCI segment) is given, in four digits. */
    const char *first = strchr(s, ':');
    if (first && strchr(first + 1, ':') && (!hex_field(&p, 4, &out->domain) || *p++ != ':'))
        return false;
    if (!hex_field(&p, 2, &bus) || *p++ != ':' || !hex_field(&p, 2, &dev) || *p++ != '.' ||
        !isdigit((unsigned char)*p) || p[1] != '\0')
        return false;
    out->bus = bus;
    out->dev = dev;
    out->func = *p - '0';
    return out->dev < 32 && out->func < 8;
}

/* The model's argument has the form "n_ch=N,sess_aw=A" (each optional):
 * checked here so a bad spec is refused before anything opens; the sizes'
 * ranges are the model's to check when it opens. */
static bool model_args_form_ok(const char *args)
{
    while (*args) {
        size_t key = strncmp(args, "n_ch=", 5) == 0      ? 5
                     : strncmp(args, "sess_aw=", 8) == 0 ? 8
                                                         : 0;
        size_t digits = key ? strspn(args + key, "0123456789") : 0;
        if (!digits || digits > 5)
            return false;
        args += key + digits;
        if (*args == ',')
            args++;
        else if (*args)
            return false;
        else
            break;
        if (!*args)
            return false; /* a trailing comma */
    }
    return true;
}

l2tpcard_status l2tpcard_spec_parse(const char *spec, struct l2tpcard_spec *out,
                                    struct l2tpcard_error *err)
{
    if (!spec || !out)
        return card_error_set(err, L2TPCARD_EINVAL, "spec: none given");
    memset(out, 0, sizeof *out);
    const char *colon = strchr(spec, ':');
    size_t name_len = colon ? (size_t)(colon - spec) : strlen(spec);
    if (name_len == 0 || name_len >= sizeof out->backend)
        return card_error_set(err, L2TPCARD_EINVAL,
                              "spec '%s': expected BACKEND[:ARGS], e.g. pci:auto", spec);
    memcpy(out->backend, spec, name_len);
    if (!backend_by_name(out->backend))
        return card_error_set(err, L2TPCARD_EINVAL,
                              "spec '%s': unknown backend '%s' (this build has: pci, model%s)",
                              spec, out->backend, &card_rtl_backend ? ", rtl" : "");
    /* model takes its sizes (model_backend.c parses them), rtl no argument;
     * pci takes "auto" or an address. */
    if (strcmp(out->backend, "pci") != 0) {
        if (colon && strcmp(out->backend, "model") != 0)
            return card_error_set(err, L2TPCARD_EINVAL, "spec '%s': %s takes no argument",
                                  spec, out->backend);
        if (colon && strlen(colon + 1) >= sizeof out->args)
            return card_error_set(err, L2TPCARD_EINVAL, "spec '%s': argument too long", spec);
        if (colon && !model_args_form_ok(colon + 1))
            return card_error_set(err, L2TPCARD_EINVAL,
                                  "spec '%s': model takes n_ch=N,sess_aw=A (each optional)", spec);
        if (colon)
            strcpy(out->args, colon + 1);
        return L2TPCARD_OK;
    }
    if (!colon || colon[1] == '\0')
        return card_error_set(err, L2TPCARD_EINVAL,
                              "spec '%s': pci needs 'auto' or an address, e.g. pci:0000:03:00.0",
                              spec);
    if (strcmp(colon + 1, "auto") == 0) {
        out->pci_auto = true;
        return L2TPCARD_OK;
    }
    if (!parse_bdf(colon + 1, out))
        return card_error_set(err, L2TPCARD_EINVAL,
                              "spec '%s': '%s' is not a PCI address (dddd:bb:dd.f, device "
                              "00-1f, function 0-7)",
                              spec, colon + 1);
    return L2TPCARD_OK;
}

l2tpcard_status card_open_backend(const struct card_backend_ops *ops,
                                  const struct l2tpcard_spec *spec,
                                  const struct l2tpcard_options *opts, struct l2tpcard **card_out,
                                  struct l2tpcard_error *err)
{
    *card_out = NULL;
    struct l2tpcard *card = calloc(1, sizeof *card);
    if (!card)
        return card_error_set(err, L2TPCARD_ENOMEM, "open: out of memory for the handle");
    if (opts)
        card->opts = *opts;
    card->ops = ops;
    l2tpcard_status st = ops->open(card, spec, &card->opts);
    if (st == L2TPCARD_OK) {
        st = card_chain_walk(card);
        if (st != L2TPCARD_OK)
            ops->close(card);
    }
    if (st != L2TPCARD_OK) {
        card_error_set(err, st, "%s", card->errmsg);
        free(card);
        return st;
    }
    *card_out = card;
    return L2TPCARD_OK;
}

l2tpcard_status l2tpcard_open(const char *spec, const struct l2tpcard_options *opts,
                              struct l2tpcard **card_out, struct l2tpcard_error *err)
{
    struct l2tpcard_error local;
    if (!err)
        err = &local;
    err->status = L2TPCARD_OK;
    err->msg[0] = '\0';
    if (!card_out)
        return card_error_set(err, L2TPCARD_EINVAL, "open: no place for the handle");
    *card_out = NULL;
    struct l2tpcard_spec parsed;
    l2tpcard_status st = l2tpcard_spec_parse(spec, &parsed, err);
    if (st != L2TPCARD_OK)
        return st;
    /* spec_parse accepts only names backend_by_name knows */
    return card_open_backend(backend_by_name(parsed.backend), &parsed, opts, card_out, err);
}

void l2tpcard_close(struct l2tpcard *card)
{
    if (!card)
        return;
    card_rings_stop(card);
    card->ops->close(card);
    free(card);
}

uint32_t card_rd(struct l2tpcard *card, uint32_t blk_type, uint32_t off)
{
    return card->ops->read32(card, card->blk_base[CARD_BLK_NUM(blk_type) - 1] + off);
}

void card_wr(struct l2tpcard *card, uint32_t blk_type, uint32_t off, uint32_t val)
{
    card->ops->write32(card, card->blk_base[CARD_BLK_NUM(blk_type) - 1] + off, val);
}

l2tpcard_status card_poll(struct l2tpcard *card, uint32_t blk_type, uint32_t off, uint32_t mask,
                          uint32_t want, unsigned timeout_us, const char *what)
{
    /* Check at least twice, so a zero timeout still looks once after idling. */
    const unsigned step = 10;
    for (unsigned waited = 0;; waited += step) {
        uint32_t v = card_rd(card, blk_type, off);
        if ((v & mask) == want)
            return L2TPCARD_OK;
        if (waited >= timeout_us)
            return card_fail(card, L2TPCARD_ETIMEDOUT,
                             "%s: not done after %u us (register 0x%04x reads 0x%08x)", what,
                             timeout_us, card->blk_base[CARD_BLK_NUM(blk_type) - 1] + off, v);
        card->ops->idle(card, step);
    }
}
