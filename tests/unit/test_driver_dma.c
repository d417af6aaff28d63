/* driver/dma_mem.c: pinned memory and its physical address, refusals when
 * the PFN is hidden, and the IOMMU check. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dma_mem.h"
#include "unit.h"

#define PAGEMAP "/proc/self/pagemap"

static void test_alloc_page(void)
{
    struct dma_mem m;
    struct l2tpcard_error err = {0};
    long page = sysconf(_SC_PAGESIZE);
    l2tpcard_status st = dma_mem_alloc(2048, PAGEMAP, &m, &err);
    if (geteuid() != 0) {
        /* Without CAP_SYS_ADMIN the kernel hides PFNs: a clear refusal. */
        CU_ASSERT_EQUAL(st, L2TPCARD_EACCES);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "hides physical page numbers"));
        return;
    }
    CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.size, (size_t)page);
    CU_ASSERT(!m.huge);
    CU_ASSERT_NOT_EQUAL(m.phys, 0);
    CU_ASSERT_EQUAL(m.phys % (uint64_t)page, 0);
    CU_ASSERT_EQUAL(((uint8_t *)m.virt)[100], 0); /* zeroed */
    /* an address inside the page maps to the same offset in the frame */
    uint64_t phys = 0;
    CU_ASSERT_EQUAL(dma_virt_to_phys(PAGEMAP, (uint8_t *)m.virt + 123, &phys, &err), L2TPCARD_OK);
    CU_ASSERT_EQUAL(phys, m.phys + 123);
    /* pinned: mincore says resident */
    unsigned char vec = 0;
    CU_ASSERT_EQUAL(mincore(m.virt, m.size, &vec), 0);
    CU_ASSERT(vec & 1);
    dma_mem_free(&m);
    CU_ASSERT_PTR_NULL(m.virt);
    dma_mem_free(&m); /* twice is harmless */
}

static void test_alloc_huge(void)
{
    struct dma_mem m;
    struct l2tpcard_error err = {0};
    l2tpcard_status st = dma_mem_alloc(64 * 1024, PAGEMAP, &m, &err);
    /* Either this machine has a 2 MiB huge page reserved, or the refusal
     * says how to reserve one. */
    if (st == L2TPCARD_OK) {
        CU_ASSERT(m.huge);
        CU_ASSERT_EQUAL(m.size, 2u * 1024 * 1024);
        CU_ASSERT_EQUAL(m.phys % (2u * 1024 * 1024), 0);
        dma_mem_free(&m);
    } else if (st == L2TPCARD_ENOMEM) {
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "nr_hugepages"));
    } else {
        CU_ASSERT_EQUAL(st, L2TPCARD_EACCES); /* not root: PFN hidden */
    }
}

static void test_alloc_bad_sizes(void)
{
    struct dma_mem m;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL(dma_mem_alloc(0, PAGEMAP, &m, &err), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(dma_mem_alloc(2u * 1024 * 1024 + 1, PAGEMAP, &m, &err), L2TPCARD_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "contiguous only within one huge page"));
    CU_ASSERT_PTR_NULL(m.virt);
}

/* A pagemap whose entries say "present" with PFN 0, as an unprivileged
 * reader sees it; and one that ends before the entry. */
static void test_hidden_pfn(void)
{
    char path[] = "/tmp/pagemap-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    long page = sysconf(_SC_PAGESIZE);
    static uint8_t probe[1];
    uint64_t entry = 1ull << 63; /* present, PFN 0 */
    off_t at = (off_t)((uintptr_t)probe / (uintptr_t)page * 8);
    CU_ASSERT_EQUAL(pwrite(fd, &entry, 8, at), 8); /* a sparse file */
    close(fd);
    uint64_t phys = 1;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL(dma_virt_to_phys(path, probe, &phys, &err), L2TPCARD_EACCES);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "hides physical page numbers"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "run as root"));
    struct dma_mem m;
    CU_ASSERT_EQUAL(dma_mem_alloc(100, path, &m, &err), L2TPCARD_EIO); /* other pages: absent */
    CU_ASSERT(truncate(path, 8) == 0);
    CU_ASSERT_EQUAL(dma_virt_to_phys(path, probe, &phys, &err), L2TPCARD_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "short read"));
    unlink(path);
    CU_ASSERT_EQUAL(dma_virt_to_phys(path, probe, &phys, &err), L2TPCARD_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "No such file"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
}

static void test_iommu_check(void)
{
    char root[] = "/tmp/iommu-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(root) != NULL);
    char p[256], q[256];
    const char *dirs[] = {"bus", "bus/pci", "bus/pci/devices", "bus/pci/devices/0000:03:00.0",
                          "kernel", "kernel/iommu_groups", "kernel/iommu_groups/12"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
        CU_ASSERT_FATAL(mkdir(p, 0700) == 0);
    }
    struct l2tpcard_error err = {0};
    /* no group link: no IOMMU in front of the device */
    CU_ASSERT_EQUAL(dma_iommu_check(root, "0000:03:00.0", &err), L2TPCARD_OK);
    snprintf(p, sizeof p, "%s/bus/pci/devices/0000:03:00.0/iommu_group", root);
    CU_ASSERT_FATAL(symlink("../../../../kernel/iommu_groups/12", p) == 0);
    /* a group whose type is unknown (older kernels): refused */
    CU_ASSERT_EQUAL(dma_iommu_check(root, "0000:03:00.0", &err), L2TPCARD_EIOMMU);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "IOMMU group 12 (domain type 'unknown')"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "VFIO"));
    snprintf(q, sizeof q, "%s/kernel/iommu_groups/12/type", root);
    FILE *f = fopen(q, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("DMA\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(dma_iommu_check(root, "0000:03:00.0", &err), L2TPCARD_EIOMMU);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "domain type 'DMA'"));
    f = fopen(q, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("identity\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(dma_iommu_check(root, "0000:03:00.0", &err), L2TPCARD_OK);
    unlink(q);
    unlink(p);
    for (size_t i = sizeof dirs / sizeof dirs[0]; i-- > 0;) {
        snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
        CU_ASSERT(rmdir(p) == 0);
    }
    CU_ASSERT(rmdir(root) == 0);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"a pinned page and its physical address", test_alloc_page},
        {"above a page: one huge page, or a clear refusal", test_alloc_huge},
        {"sizes out of range", test_alloc_bad_sizes},
        {"hidden PFN, short pagemap, missing pagemap", test_hidden_pfn},
        {"IOMMU: none, translating, passthrough", test_iommu_check},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver dma memory", tests);
}
