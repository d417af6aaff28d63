/* The `pci` backend: a real card, found with libpci, registers through
 * sysfs resource0 (ixy's pci.c approach), DMA memory pinned with its
 * physical address. Needs root. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "card_backend.h"
#include "dma_mem.h"
#include "pci_backend.h"

#define DEFAULT_SYSFS "/sys"
#define PAGEMAP "/proc/self/pagemap"

static l2tpcard_status os_error(struct l2tpcard_error *err, const char *what, const char *path)
{
    int e = errno;
    l2tpcard_status st = e == ENOENT  ? L2TPCARD_ENODEV
                         : e == EACCES || e == EPERM ? L2TPCARD_EACCES
                                                     : L2TPCARD_EIO;
    return card_error_set(err, st, "pci: %s %s: %s%s", what, path, strerror(e),
                          st == L2TPCARD_EACCES ? " (the pci backend needs root)" : "");
}

static void dev_path(char *buf, size_t cap, const char *root, const char *bdf, const char *file)
{
    snprintf(buf, cap, "%s/bus/pci/devices/%s/%s", root, bdf, file);
}

l2tpcard_status pci_check_unbound(const char *root, const char *bdf, struct l2tpcard_error *err)
{
    char link[PATH_MAX], target[PATH_MAX];
    dev_path(link, sizeof link, root, bdf, "driver");
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0)
        return errno == ENOENT ? L2TPCARD_OK : os_error(err, "readlink", link);
    target[n] = '\0';
    const char *drv = strrchr(target, '/');
    drv = drv ? drv + 1 : target;
    if (strcmp(drv, "uio_pci_generic") == 0)
        return L2TPCARD_OK;
    if (strcmp(drv, "vfio-pci") == 0)
        return card_error_set(err, L2TPCARD_EBUSY,
                              "pci: %s is bound to vfio-pci, and this driver has no VFIO backend "
                              "yet; unbind it: echo %s > %s/bus/pci/drivers/vfio-pci/unbind",
                              bdf, bdf, root);
    return card_error_set(err, L2TPCARD_EBUSY,
                          "pci: %s is bound to kernel driver %s; unbind it first: echo %s > "
                          "%s/bus/pci/drivers/%s/unbind",
                          bdf, drv, bdf, root, drv);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

l2tpcard_status pci_config_enable(const char *root, const char *bdf, uint64_t *bar0,
                                  struct l2tpcard_error *err)
{
    char path[PATH_MAX];
    dev_path(path, sizeof path, root, bdf, "config");
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return os_error(err, "open", path);
    uint8_t cfg[PCI_BASE_ADDRESS_2];
    ssize_t n = pread(fd, cfg, sizeof cfg, 0);
    if (n != (ssize_t)sizeof cfg) {
        l2tpcard_status st = n < 0 ? os_error(err, "read", path)
                                   : card_error_set(err, L2TPCARD_EIO,
                                                    "pci: %s: %zd octets of config space, "
                                                    "expected at least %zu",
                                                    path, n, sizeof cfg);
        close(fd);
        return st;
    }
    uint32_t lo = le32(cfg + PCI_BASE_ADDRESS_0);
    if (lo & PCI_BASE_ADDRESS_SPACE_IO) {
        close(fd);
        return card_error_set(err, L2TPCARD_EBAR, "pci: %s: BAR0 is an I/O BAR (0x%08x), the card's is memory",
                              bdf, lo);
    }
    uint64_t addr = lo & ~(uint32_t)0xF; /* bits 3:0 are flags (PCI 3.0 §6.2.5.1) */
    if ((lo & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64)
        addr |= (uint64_t)le32(cfg + PCI_BASE_ADDRESS_1) << 32;
    if (addr == 0) {
        close(fd);
        return card_error_set(err, L2TPCARD_EBAR,
                              "pci: %s: BAR0 has no address (not assigned by firmware or kernel)", bdf);
    }
    uint16_t cmd = (uint16_t)(cfg[PCI_COMMAND] | cfg[PCI_COMMAND + 1] << 8);
    const uint16_t want = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
    if ((cmd & want) != want) {
        uint16_t new_cmd = cmd | want;
        uint8_t le[2] = {(uint8_t)new_cmd, (uint8_t)(new_cmd >> 8)};
        if (pwrite(fd, le, 2, PCI_COMMAND) != 2) {
            l2tpcard_status st = os_error(err, "write command register of", path);
            close(fd);
            return st;
        }
        uint8_t back[2] = {0, 0};
        if (pread(fd, back, 2, PCI_COMMAND) != 2 || (back[0] & want) != want) {
            close(fd);
            return card_error_set(err, L2TPCARD_EIO,
                                  "pci: %s: memory space and bus mastering do not stay enabled "
                                  "(command register reads 0x%02x%02x)",
                                  bdf, back[1], back[0]);
        }
    }
    close(fd);
    *bar0 = addr;
    return L2TPCARD_OK;
}

l2tpcard_status pci_map_bar0(const char *root, const char *bdf, size_t need,
                             struct pci_bar_map *out, struct l2tpcard_error *err)
{
    memset(out, 0, sizeof *out);
    char path[PATH_MAX];
    dev_path(path, sizeof path, root, bdf, "resource0");
    int fd = open(path, O_RDWR | O_SYNC | O_CLOEXEC);
    if (fd < 0)
        return os_error(err, "open", path);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        l2tpcard_status s = os_error(err, "stat", path);
        close(fd);
        return s;
    }
    /* sysfs gives resource0 the BAR's size (drivers/pci/pci-sysfs.c). */
    if ((uint64_t)st.st_size < need) {
        close(fd);
        return card_error_set(err, L2TPCARD_EBAR,
                              "pci: %s: BAR0 is 0x%llx octets (%s), the card's register map "
                              "needs 0x%zx",
                              bdf, (unsigned long long)st.st_size, path, need);
    }
    void *p = mmap(NULL, need, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    l2tpcard_status s = p == MAP_FAILED ? os_error(err, "mmap", path) : L2TPCARD_OK;
    close(fd); /* the mapping stays valid without the descriptor */
    if (s != L2TPCARD_OK)
        return s;
    *out = (struct pci_bar_map){.regs = p, .size = need, .bar_size = (uint64_t)st.st_size};
    return L2TPCARD_OK;
}

void pci_unmap_bar0(struct pci_bar_map *map)
{
    if (map && map->regs) {
        munmap((void *)map->regs, map->size);
        map->regs = NULL;
    }
}

struct pci_priv {
    struct pci_bar_map bar;
    char root[PATH_MAX];
    char bdf[16];
};

static l2tpcard_status find(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                            const struct l2tpcard_options *opts, struct pci_card_found *found)
{
    struct pci_discovery_query q = {
        .dump_file = opts->pci_dump,
        .vendor_id = CARD_PCI_VENDOR_ID,
        .device_id = CARD_PCI_DEVICE_ID,
        .by_addr = !spec->pci_auto,
        .addr = {spec->domain, spec->bus, spec->dev, spec->func},
    };
    struct pci_discovery_result res;
    struct l2tpcard_error err = {0};
    l2tpcard_status st = pci_discover(&q, &res, &err);
    if (st != L2TPCARD_OK)
        return card_fail(card, st, "%s", err.msg);
    if (res.total > 1) {
        /* "auto" must not guess between cards: list them all. */
        char list[200] = "", one[16];
        for (unsigned i = 0; i < res.n; i++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                     pci_addr_format(&res.cards[i].addr, one, sizeof one));
        }
        return card_fail(card, L2TPCARD_EBUSY, "pci: %u cards found (%s%s); name one, e.g. pci:%s",
                         res.total, list, res.total > res.n ? ", ..." : "",
                         pci_addr_format(&res.cards[0].addr, one, sizeof one));
    }
    *found = res.cards[0];
    return L2TPCARD_OK;
}

static void pci_close(struct l2tpcard *card)
{
    struct pci_priv *p = card->priv;
    if (!p)
        return;
    pci_unmap_bar0(&p->bar);
    free(p);
    card->priv = NULL;
}

static l2tpcard_status pci_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                const struct l2tpcard_options *opts)
{
    struct pci_card_found found;
    l2tpcard_status st = find(card, spec, opts, &found);
    if (st != L2TPCARD_OK)
        return st;
    if (found.bar0_io)
        return card_fail(card, L2TPCARD_EBAR, "pci: BAR0 of the card is an I/O BAR");
    struct pci_priv *p = calloc(1, sizeof *p);
    if (!p)
        return card_fail(card, L2TPCARD_ENOMEM, "pci: out of memory");
    snprintf(p->root, sizeof p->root, "%s", opts->sysfs_root ? opts->sysfs_root : DEFAULT_SYSFS);
    pci_addr_format(&found.addr, p->bdf, sizeof p->bdf);
    card->priv = p;
    snprintf(card->desc, sizeof card->desc, "pci %s", p->bdf);
    struct l2tpcard_error err = {0};
    uint64_t bar0 = 0;
    st = pci_check_unbound(p->root, p->bdf, &err);
    if (st == L2TPCARD_OK)
        st = pci_config_enable(p->root, p->bdf, &bar0, &err);
    if (st == L2TPCARD_OK && bar0 != found.bar0)
        st = card_error_set(&err, L2TPCARD_EBAR,
                            "pci: %s: BAR0 is 0x%llx in config space but 0x%llx to libpci", p->bdf,
                            (unsigned long long)bar0, (unsigned long long)found.bar0);
    if (st == L2TPCARD_OK)
        st = dma_iommu_check(p->root, p->bdf, &err);
    if (st == L2TPCARD_OK)
        st = pci_map_bar0(p->root, p->bdf, CARD_BAR0_SIZE, &p->bar, &err);
    if (st != L2TPCARD_OK) {
        card_fail(card, st, "%s", err.msg);
        pci_close(card);
    }
    return st;
}

static uint32_t pci_read32(struct l2tpcard *card, uint32_t off)
{
    const struct pci_priv *p = card->priv;
    return p->bar.regs[off / 4];
}

static void pci_write32(struct l2tpcard *card, uint32_t off, uint32_t val)
{
    struct pci_priv *p = card->priv;
    p->bar.regs[off / 4] = val;
}

static l2tpcard_status pci_dma_alloc(struct l2tpcard *card, size_t size, struct card_dma *out)
{
    struct dma_mem m;
    struct l2tpcard_error err = {0};
    l2tpcard_status st = dma_mem_alloc(size, PAGEMAP, &m, &err);
    if (st != L2TPCARD_OK)
        return card_fail(card, st, "%s", err.msg);
    *out = (struct card_dma){.virt = m.virt, .bus = m.phys, .size = m.size};
    return L2TPCARD_OK;
}

static void pci_dma_free(struct l2tpcard *card, struct card_dma *mem)
{
    (void)card;
    struct dma_mem m = {.virt = mem->virt, .phys = mem->bus, .size = mem->size};
    dma_mem_free(&m);
    memset(mem, 0, sizeof *mem);
}

static void pci_idle(struct l2tpcard *card, unsigned max_us)
{
    (void)card;
    struct timespec ts = {.tv_sec = max_us / 1000000u, .tv_nsec = (long)(max_us % 1000000u) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

const struct card_backend_ops card_pci_backend = {
    .name = "pci",
    .open = pci_open,
    .close = pci_close,
    .read32 = pci_read32,
    .write32 = pci_write32,
    .dma_alloc = pci_dma_alloc,
    .dma_free = pci_dma_free,
    .idle = pci_idle,
};
