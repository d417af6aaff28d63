/* Finds the card with libpci: pci_alloc, method and parameters, pci_init,
 * pci_scan_bus, pci_fill_info, match, pci_cleanup. */
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"
#include "pci_discovery.h"

/* libpci reports through pacc->error, which must not return (the default
 * one calls exit(1)) and gets no user pointer. So the call in progress
 * keeps its context here, per thread, only while pci_discover() runs, and
 * the handler leaves libpci by longjmp. This is the driver's only
 * file-scope variable; it exists because of that callback signature. */
struct libpci_call {
    jmp_buf unwind;
    char error[200];
    char warning[200];
};
static _Thread_local struct libpci_call *libpci_current;

__attribute__((noreturn, format(printf, 1, 2))) static void libpci_on_error(char *fmt, ...)
{
    struct libpci_call *call = libpci_current;
    va_list ap;
    va_start(ap, fmt);
    if (call)
        vsnprintf(call->error, sizeof call->error, fmt, ap);
    va_end(ap);
    if (call)
        longjmp(call->unwind, 1);
    /* Outside pci_discover() no libpci access of ours is running: a call
     * here is a bug, and returning is not allowed. */
    abort();
}

__attribute__((format(printf, 1, 2))) static void libpci_on_warning(char *fmt, ...)
{
    struct libpci_call *call = libpci_current;
    va_list ap;
    va_start(ap, fmt);
    if (call) /* kept for the error message, should discovery then fail */
        vsnprintf(call->warning, sizeof call->warning, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 1, 2))) static void libpci_on_debug(char *fmt, ...)
{
    (void)fmt; /* libpci's debug output is off unless pacc->debugging; never printed */
}

char *pci_addr_format(const struct pci_card_addr *a, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04x:%02x:%02x.%x", (unsigned)a->domain & 0xFFFFu, (unsigned)a->bus & 0xFFu,
             (unsigned)a->dev & 0x1Fu, (unsigned)a->func & 0x7u);
    return buf;
}

static int addr_cmp(const void *pa, const void *pb)
{
    const struct pci_card_found *a = pa, *b = pb;
    const int ka[4] = {a->addr.domain, a->addr.bus, a->addr.dev, a->addr.func};
    const int kb[4] = {b->addr.domain, b->addr.bus, b->addr.dev, b->addr.func};
    for (int i = 0; i < 4; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

static bool same_addr(const struct pci_dev *d, const struct pci_card_addr *a)
{
    return d->domain == a->domain && d->bus == a->bus && d->dev == a->dev && d->func == a->func;
}

static void describe(struct pci_dev *d, struct pci_card_found *f)
{
    f->addr = (struct pci_card_addr){d->domain, d->bus, d->dev, d->func};
    f->vendor_id = d->vendor_id;
    f->device_id = d->device_id;
    f->device_class = d->device_class;
    /* PCI Local Bus 3.0 §6.2.5.1: bit 0 I/O space; memory BARs carry type
     * (bits 2:1, 0b10 = 64-bit) and prefetchable (bit 3) flags. */
    pciaddr_t raw = d->base_addr[0];
    f->bar0_io = (raw & PCI_BASE_ADDRESS_SPACE) == PCI_BASE_ADDRESS_SPACE_IO;
    f->bar0_64bit = !f->bar0_io && (raw & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64;
    f->bar0_prefetchable = !f->bar0_io && (raw & PCI_BASE_ADDRESS_MEM_PREFETCH);
    f->bar0 = f->bar0_io ? (uint64_t)(raw & PCI_ADDR_IO_MASK) : (uint64_t)(raw & PCI_ADDR_MEM_MASK);
}

/* The scan itself; libpci errors leave it by longjmp to pci_discover(). */
static l2tpcard_status scan(struct pci_access *pacc, const struct pci_discovery_query *q,
                            struct pci_discovery_result *out, struct l2tpcard_error *err)
{
    pci_init(pacc);
    pci_scan_bus(pacc);
    bool addr_seen = false;
    struct pci_card_found other = {0};
    for (struct pci_dev *d = pacc->devices; d; d = d->next) {
        if (q->by_addr && !same_addr(d, &q->addr))
            continue;
        pci_fill_info(d, PCI_FILL_IDENT | PCI_FILL_BASES | PCI_FILL_CLASS);
        if (q->by_addr) {
            addr_seen = true;
            describe(d, &other);
        }
        if (d->vendor_id != q->vendor_id || d->device_id != q->device_id)
            continue;
        if (out->n < PCI_DISCOVERY_MAX)
            describe(d, &out->cards[out->n++]);
        out->total++;
    }
    qsort(out->cards, out->n, sizeof out->cards[0], addr_cmp);
    char where[16];
    if (q->by_addr && !addr_seen)
        return card_error_set(err, L2TPCARD_ENODEV, "pci: no PCI function at %s",
                              pci_addr_format(&q->addr, where, sizeof where));
    if (q->by_addr && out->total == 0)
        return card_error_set(err, L2TPCARD_ENODEV,
                              "pci: %s is %04x:%04x (class %04x), not the card %04x:%04x",
                              pci_addr_format(&q->addr, where, sizeof where), other.vendor_id,
                              other.device_id, other.device_class, q->vendor_id, q->device_id);
    if (out->total == 0)
        return card_error_set(err, L2TPCARD_ENODEV, "pci: no device %04x:%04x on the bus%s%s",
                              q->vendor_id, q->device_id, q->dump_file ? " in " : "",
                              q->dump_file ? q->dump_file : "");
    return L2TPCARD_OK;
}

l2tpcard_status pci_discover(const struct pci_discovery_query *q, struct pci_discovery_result *out,
                             struct l2tpcard_error *err)
{
    if (!q || !out)
        return card_error_set(err, L2TPCARD_EINVAL, "pci: no query or result");
    memset(out, 0, sizeof *out);
    struct libpci_call call = {0};
    struct pci_access *volatile pacc = NULL;
    volatile l2tpcard_status st = L2TPCARD_OK;
    libpci_current = &call;
    if (setjmp(call.unwind) == 0) {
        pacc = pci_alloc();
        pacc->error = libpci_on_error;
        pacc->warning = libpci_on_warning;
        pacc->debug = libpci_on_debug;
        if (q->dump_file) {
            pacc->method = PCI_ACCESS_DUMP;
            if (pci_set_param(pacc, "dump.name", (char *)q->dump_file) != 0)
                st = card_error_set(err, L2TPCARD_EIO, "libpci: no dump.name parameter");
        }
        if (st == L2TPCARD_OK)
            st = scan(pacc, q, out, err);
    } else {
        memset(out, 0, sizeof *out);
        if (call.warning[0])
            st = card_error_set(err, L2TPCARD_EIO, "libpci: %s (after warning: %s)", call.error,
                                call.warning);
        else
            st = card_error_set(err, L2TPCARD_EIO, "libpci: %s", call.error);
    }
    /* pci_cleanup can report too: keep the handler armed around it. */
    if (pacc && setjmp(call.unwind) == 0)
        pci_cleanup(pacc);
    libpci_current = NULL;
    return st;
}
