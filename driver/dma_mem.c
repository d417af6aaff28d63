/* Pinned DMA memory and its physical addresses (ixy's memory.c approach). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "card_backend.h"
#include "dma_mem.h"

#define HUGE_PAGE_SIZE (2u * 1024u * 1024u)

/* /proc/self/pagemap (Documentation/admin-guide/mm/pagemap.rst): one
 * 64-bit entry per virtual page; bit 63 present, bits 54:0 the PFN, which
 * reads 0 without CAP_SYS_ADMIN. */
#define PAGEMAP_PRESENT (1ull << 63)
#define PAGEMAP_PFN_MASK ((1ull << 55) - 1)

l2tpcard_status dma_virt_to_phys(const char *pagemap, const void *virt, uint64_t *phys,
                                 struct l2tpcard_error *err)
{
    long page = sysconf(_SC_PAGESIZE);
    int fd = open(pagemap, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return card_error_set(err, errno == EACCES || errno == EPERM ? L2TPCARD_EACCES : L2TPCARD_EIO,
                              "dma: open %s: %s", pagemap, strerror(errno));
    uint64_t entry = 0;
    off_t at = (off_t)((uintptr_t)virt / (uintptr_t)page * sizeof entry);
    ssize_t n = pread(fd, &entry, sizeof entry, at);
    int saved = errno;
    close(fd);
    if (n != (ssize_t)sizeof entry)
        return card_error_set(err, L2TPCARD_EIO, "dma: read %s at %lld: %s", pagemap,
                              (long long)at, n < 0 ? strerror(saved) : "short read");
    if (!(entry & PAGEMAP_PRESENT))
        return card_error_set(err, L2TPCARD_EIO, "dma: page at %p is not resident (%s)", virt,
                              pagemap);
    uint64_t pfn = entry & PAGEMAP_PFN_MASK;
    if (pfn == 0)
        return card_error_set(err, L2TPCARD_EACCES,
                              "dma: %s hides physical page numbers (needs CAP_SYS_ADMIN: run "
                              "as root)",
                              pagemap);
    *phys = pfn * (uint64_t)page + (uintptr_t)virt % (uintptr_t)page;
    return L2TPCARD_OK;
}

l2tpcard_status dma_mem_alloc(size_t size, const char *pagemap, struct dma_mem *out,
                              struct l2tpcard_error *err)
{
    memset(out, 0, sizeof *out);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (size == 0 || size > HUGE_PAGE_SIZE)
        return card_error_set(err, L2TPCARD_EINVAL,
                              "dma: %zu octets: one allocation is 1 to %u octets (contiguous "
                              "only within one huge page)",
                              size, HUGE_PAGE_SIZE);
    bool huge = size > page;
    size_t len = huge ? HUGE_PAGE_SIZE : page;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | (huge ? MAP_HUGETLB : 0);
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (p == MAP_FAILED) {
        if (huge)
            return card_error_set(err, L2TPCARD_ENOMEM,
                                  "dma: no 2 MiB huge page for %zu octets (%s); reserve some: "
                                  "echo 16 > /proc/sys/vm/nr_hugepages",
                                  size, strerror(errno));
        return card_error_set(err, L2TPCARD_ENOMEM, "dma: mmap %zu octets: %s", len,
                              strerror(errno));
    }
    /* Pinned: the kernel must not move or swap the page while the card
     * holds its address. */
    if (mlock(p, len) != 0) {
        int saved = errno;
        munmap(p, len);
        return card_error_set(err, saved == ENOMEM || saved == EPERM ? L2TPCARD_ENOMEM : L2TPCARD_EIO,
                              "dma: mlock %zu octets: %s (raise RLIMIT_MEMLOCK or run as root)",
                              len, strerror(saved));
    }
    memset(p, 0, len); /* resident now, and no stale data reaches the card */
    uint64_t phys = 0;
    l2tpcard_status st = dma_virt_to_phys(pagemap, p, &phys, err);
    if (st != L2TPCARD_OK) {
        munmap(p, len);
        return st;
    }
    *out = (struct dma_mem){.virt = p, .phys = phys, .size = len, .huge = huge};
    return L2TPCARD_OK;
}

void dma_mem_free(struct dma_mem *mem)
{
    if (mem && mem->virt) {
        munmap(mem->virt, mem->size);
        memset(mem, 0, sizeof *mem);
    }
}

l2tpcard_status dma_iommu_check(const char *sysfs_root, const char *bdf,
                                struct l2tpcard_error *err)
{
    char link[PATH_MAX], target[PATH_MAX], type_path[2 * PATH_MAX];
    snprintf(link, sizeof link, "%s/bus/pci/devices/%s/iommu_group", sysfs_root, bdf);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) {
        if (errno == ENOENT)
            return L2TPCARD_OK; /* no IOMMU group: DMA addresses are physical */
        return card_error_set(err, L2TPCARD_EIO, "dma: readlink %s: %s", link, strerror(errno));
    }
    target[n] = '\0';
    const char *group = strrchr(target, '/');
    group = group ? group + 1 : target;
    snprintf(type_path, sizeof type_path, "%s/kernel/iommu_groups/%s/type", sysfs_root, group);
    char type[32] = "";
    FILE *f = fopen(type_path, "re");
    if (f) {
        if (!fgets(type, sizeof type, f))
            type[0] = '\0';
        fclose(f);
    }
    type[strcspn(type, "\n")] = '\0';
    /* "identity" is passthrough (iommu=pt): bus address = physical. */
    if (strcmp(type, "identity") == 0)
        return L2TPCARD_OK;
    return card_error_set(err, L2TPCARD_EIOMMU,
                          "dma: %s is in IOMMU group %s (domain type '%s'): its DMA is "
                          "translated, so physical addresses are wrong; this needs VFIO (not "
                          "yet in this driver) or booting with iommu=pt",
                          bdf, group, type[0] ? type : "unknown");
}
