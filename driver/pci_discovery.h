/* Finding the card on the PCI bus with libpci (pciutils). */
#ifndef DRIVER_PCI_DISCOVERY_H
#define DRIVER_PCI_DISCOVERY_H

#include <stdbool.h>
#include <stdint.h>

#include "l2tpcard.h"

struct pci_card_addr {
    int domain, bus, dev, func;
};

/* One matching PCI function as config space describes it. */
struct pci_card_found {
    struct pci_card_addr addr;
    uint16_t vendor_id, device_id;
    uint16_t device_class;    /* base class and subclass: 0x0200 Ethernet */
    uint64_t bar0;            /* bus address of BAR0, flag bits cleared */
    bool bar0_io;             /* BAR0 is an I/O BAR (wrong for this card) */
    bool bar0_64bit, bar0_prefetchable;
};

struct pci_discovery_query {
    /* NULL: libpci's best access method for this system. Otherwise a file
     * in `lspci -x`/`-xxx` format read through PCI_ACCESS_DUMP. */
    const char *dump_file;
    uint16_t vendor_id, device_id;
    /* true: look only at this function, and fail if it is not the card. */
    bool by_addr;
    struct pci_card_addr addr;
};

#define PCI_DISCOVERY_MAX 16

struct pci_discovery_result {
    unsigned n;               /* matches stored in cards[] */
    unsigned total;           /* matches on the bus (may exceed PCI_DISCOVERY_MAX) */
    struct pci_card_found cards[PCI_DISCOVERY_MAX];
};

/* Scans the bus (or the dump) for functions with the query's IDs, in bus
 * order. ENODEV when there is none, or when by_addr names a missing
 * function or one with other IDs (the message says what is there); EIO
 * when libpci fails (its message is kept). Never exits the process, unlike
 * libpci's default error handler. */
l2tpcard_status pci_discover(const struct pci_discovery_query *q, struct pci_discovery_result *out,
                             struct l2tpcard_error *err);

/* "0000:03:00.0" into buf (at least 13 octets); returns buf. */
char *pci_addr_format(const struct pci_card_addr *a, char *buf, size_t cap);

#endif
