/* Host memory the card reaches by DMA, for the pci backend without VFIO:
 * pinned pages and their physical addresses from /proc/self/pagemap, which
 * are bus addresses only when no IOMMU translates the card's DMA. */
#ifndef DRIVER_DMA_MEM_H
#define DRIVER_DMA_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"

struct dma_mem {
    void *virt;
    uint64_t phys;            /* physical = bus address (see dma_iommu_check) */
    size_t size;              /* as mapped: a whole page or huge page */
    bool huge;
};

/* Physically contiguous only within one page: a normal page for sizes up
 * to the page size, one 2 MiB huge page above (EINVAL above 2 MiB). ENOMEM
 * when no huge page is reserved, EACCES when the PFN is hidden (pagemap
 * shows PFNs only with CAP_SYS_ADMIN), EIO when mlock fails. `pagemap` is
 * "/proc/self/pagemap" outside tests. */
l2tpcard_status dma_mem_alloc(size_t size, const char *pagemap, struct dma_mem *out,
                              struct l2tpcard_error *err);
void dma_mem_free(struct dma_mem *mem);

/* Physical address of a mapped, resident virtual address. */
l2tpcard_status dma_virt_to_phys(const char *pagemap, const void *virt, uint64_t *phys,
                                 struct l2tpcard_error *err);

/* Whether physical addresses can be given to the device `bdf` under
 * sysfs_root: fine when it has no IOMMU group or its group's domain is
 * "identity" (passthrough); EIOMMU otherwise (DMA would be translated, so
 * only VFIO can map memory for it). */
l2tpcard_status dma_iommu_check(const char *sysfs_root, const char *bdf,
                                struct l2tpcard_error *err);

#endif
