/* The `pci` backend's steps, exposed so tests can run each against a sysfs
 * tree they build (the sysfs root is a parameter everywhere). */
#ifndef DRIVER_PCI_BACKEND_H
#define DRIVER_PCI_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"
#include "pci_discovery.h"

/* Refuses a device a kernel driver owns (both would drive the card):
 * EBUSY naming the driver and the unbind command. uio_pci_generic is
 * accepted (it leaves the registers alone, as ixy relies on). */
l2tpcard_status pci_check_unbound(const char *sysfs_root, const char *bdf,
                                  struct l2tpcard_error *err);

/* Reads BAR0 from config space (sysfs `config`), refuses an I/O or
 * unassigned BAR, and sets Memory Space and Bus Master in the command
 * register when they are off (PCI Local Bus 3.0 §6.2.2). */
l2tpcard_status pci_config_enable(const char *sysfs_root, const char *bdf, uint64_t *bar0,
                                  struct l2tpcard_error *err);

struct pci_bar_map {
    volatile uint32_t *regs;
    size_t size;              /* mapped length */
    uint64_t bar_size;        /* size of resource0 */
};

/* Maps `need` octets of resource0; EBAR when the BAR is smaller, EACCES
 * when not allowed (root is needed), ENODEV when the file is missing. */
l2tpcard_status pci_map_bar0(const char *sysfs_root, const char *bdf, size_t need,
                             struct pci_bar_map *out, struct l2tpcard_error *err);
void pci_unmap_bar0(struct pci_bar_map *map);

#endif
