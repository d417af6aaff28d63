/* The pci backend without hardware: libpci discovery through its dump
 * access method (tests/vectors/pci/), spec strings, and every step of
 * opening the card against a sysfs tree built here (config, resource0,
 * driver and iommu_group links), down to the register block chain. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "card_regs.h"
#include "l2tpcard.h"
#include "pci_backend.h"
#include "pci_discovery.h"
#include "unit.h"

#define ONE_CARD "tests/vectors/pci/one-card.txt"
#define TWO_CARDS "tests/vectors/pci/two-cards.txt"
#define NO_CARD "tests/vectors/pci/no-card.txt"
#define CARD_BDF "0000:03:00.0"
#define CARD_BAR0 0xfe000000u

/* ---- discovery ---- */

static struct pci_discovery_query card_query(const char *dump)
{
    return (struct pci_discovery_query){
        .dump_file = dump, .vendor_id = CARD_PCI_VENDOR_ID, .device_id = CARD_PCI_DEVICE_ID};
}

static void test_discover_one(void)
{
    struct pci_discovery_query q = card_query(ONE_CARD);
    struct pci_discovery_result r;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL_FATAL(pci_discover(&q, &r, &err), L2TPCARD_OK);
    CU_ASSERT_EQUAL(r.n, 1);
    CU_ASSERT_EQUAL(r.total, 1);
    const struct pci_card_found *f = &r.cards[0];
    CU_ASSERT_EQUAL(f->addr.domain, 0);
    CU_ASSERT_EQUAL(f->addr.bus, 3);
    CU_ASSERT_EQUAL(f->addr.dev, 0);
    CU_ASSERT_EQUAL(f->addr.func, 0);
    CU_ASSERT_EQUAL(f->vendor_id, 0x1234);
    CU_ASSERT_EQUAL(f->device_id, 0x4C32);
    CU_ASSERT_EQUAL(f->device_class, 0x0200);
    CU_ASSERT_EQUAL(f->bar0, CARD_BAR0);
    CU_ASSERT(f->bar0_64bit);
    CU_ASSERT(!f->bar0_io);
    CU_ASSERT(!f->bar0_prefetchable);
    char s[16];
    CU_ASSERT_STRING_EQUAL(pci_addr_format(&f->addr, s, sizeof s), CARD_BDF);
}

static void test_discover_by_addr(void)
{
    struct pci_discovery_query q = card_query(ONE_CARD);
    struct pci_discovery_result r;
    struct l2tpcard_error err = {0};
    q.by_addr = true;
    q.addr = (struct pci_card_addr){0, 3, 0, 0};
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_OK);
    CU_ASSERT_EQUAL(r.n, 1);
    /* the I350 NIC at 02:00.0 is there, but it is not the card */
    q.addr = (struct pci_card_addr){0, 2, 0, 0};
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_ENODEV);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_STRING_EQUAL(err.msg,
                           "pci: 0000:02:00.0 is 8086:1521 (class 0200), not the card 1234:4c32");
    q.addr = (struct pci_card_addr){0, 5, 0, 0};
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_ENODEV);
    CU_ASSERT_STRING_EQUAL(err.msg, "pci: no PCI function at 0000:05:00.0");
}

static void test_discover_wrong_ids(void)
{
    struct pci_discovery_query q = card_query(ONE_CARD);
    struct pci_discovery_result r;
    struct l2tpcard_error err = {0};
    q.device_id = 0x4C33; /* right vendor, wrong device */
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_ENODEV);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no device 1234:4c33"));
    /* the same matcher finds another device when asked for its IDs */
    q.vendor_id = 0x8086;
    q.device_id = 0x1521;
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_OK);
    CU_ASSERT_EQUAL(r.cards[0].addr.bus, 2);
    CU_ASSERT_EQUAL(r.cards[0].bar0, 0xfe400000u);
    CU_ASSERT(!r.cards[0].bar0_64bit);
    struct pci_discovery_query none = card_query(NO_CARD);
    CU_ASSERT_EQUAL(pci_discover(&none, &r, &err), L2TPCARD_ENODEV);
}

static void test_discover_two(void)
{
    struct pci_discovery_query q = card_query(TWO_CARDS);
    struct pci_discovery_result r;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL_FATAL(pci_discover(&q, &r, &err), L2TPCARD_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 2);
    CU_ASSERT_EQUAL(r.total, 2);
    /* bus order, whatever the dump's order */
    CU_ASSERT_EQUAL(r.cards[0].addr.domain, 0);
    CU_ASSERT_EQUAL(r.cards[0].bar0, CARD_BAR0);
    CU_ASSERT_EQUAL(r.cards[1].addr.domain, 1);
    CU_ASSERT_EQUAL(r.cards[1].addr.bus, 0x81);
    CU_ASSERT_EQUAL(r.cards[1].bar0, 0x38ff000000ull); /* upper BAR dword used */
    CU_ASSERT(r.cards[1].bar0_64bit);
}

static void test_discover_libpci_errors(void)
{
    /* libpci's own error handler would exit(1); ours returns an error. */
    struct pci_discovery_query q = card_query("tests/vectors/pci/does-not-exist.txt");
    struct pci_discovery_result r;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "libpci: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does-not-exist.txt"));
    char path[] = "/tmp/pci-bad-dump-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    const char bad[] = "0000:03:00.0 card\n00: 34 12 32 4c zz\n";
    CU_ASSERT_EQUAL(write(fd, bad, sizeof bad - 1), (ssize_t)sizeof bad - 1);
    close(fd);
    q.dump_file = path;
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "libpci: "));
    CU_ASSERT_EQUAL(r.n, 0);
    unlink(path);
    /* still usable afterwards */
    q.dump_file = ONE_CARD;
    CU_ASSERT_EQUAL(pci_discover(&q, &r, &err), L2TPCARD_OK);
}

/* ---- spec strings ---- */

static void test_spec_ok(void)
{
    struct l2tpcard_spec s;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("pci:auto", &s, &err), L2TPCARD_OK);
    CU_ASSERT_STRING_EQUAL(s.backend, "pci");
    CU_ASSERT(s.pci_auto);
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("pci:0000:03:00.0", &s, &err), L2TPCARD_OK);
    CU_ASSERT(!s.pci_auto);
    CU_ASSERT(s.domain == 0 && s.bus == 3 && s.dev == 0 && s.func == 0);
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("pci:00aB:fF:1f.7", &s, &err), L2TPCARD_OK);
    CU_ASSERT(s.domain == 0xab && s.bus == 0xff && s.dev == 0x1f && s.func == 7);
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("pci:81:02.1", &s, &err), L2TPCARD_OK);
    CU_ASSERT(s.domain == 0 && s.bus == 0x81 && s.dev == 2 && s.func == 1);
    const char *const *b = l2tpcard_backends();
    CU_ASSERT_STRING_EQUAL(b[0], "pci");
    CU_ASSERT_STRING_EQUAL(b[1], "model");
    CU_ASSERT_PTR_NULL(b[2]); /* no "rtl": the Verilated card is not linked in */
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("model", &s, &err), L2TPCARD_OK);
    CU_ASSERT_STRING_EQUAL(s.backend, "model");
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("model:n_ch=4,sess_aw=6", &s, &err), L2TPCARD_OK);
    CU_ASSERT_STRING_EQUAL(s.args, "n_ch=4,sess_aw=6");
    CU_ASSERT_EQUAL(l2tpcard_spec_parse("model:sess_aw=11", &s, &err), L2TPCARD_OK);
}

static void test_spec_errors(void)
{
    static const struct {
        const char *spec, *msg;
    } bad[] = {
        {"", "spec '': expected BACKEND[:ARGS], e.g. pci:auto"},
        {":auto", "spec ':auto': expected BACKEND[:ARGS], e.g. pci:auto"},
        {"pci", "spec 'pci': pci needs 'auto' or an address, e.g. pci:0000:03:00.0"},
        {"pci:", "spec 'pci:': pci needs 'auto' or an address, e.g. pci:0000:03:00.0"},
        {"usb:auto", "spec 'usb:auto': unknown backend 'usb' (this build has: pci, model)"},
        /* unit tests are C only: the Verilated card is not linked in */
        {"rtl", "spec 'rtl': unknown backend 'rtl' (this build has: pci, model)"},
        {"model:x", "spec 'model:x': model takes n_ch=N,sess_aw=A (each optional)"},
        {"model:n_ch=", "spec 'model:n_ch=': model takes n_ch=N,sess_aw=A (each optional)"},
        {"model:n_ch=4,", "spec 'model:n_ch=4,': model takes n_ch=N,sess_aw=A (each optional)"},
        {"model:n_ch=4;sess_aw=6", "spec 'model:n_ch=4;sess_aw=6': model takes n_ch=N,sess_aw=A (each optional)"},
        {"model:ports=4", "spec 'model:ports=4': model takes n_ch=N,sess_aw=A (each optional)"},
        {"averyveryverylongname:x", "spec 'averyveryverylongname:x': expected BACKEND[:ARGS], e.g. pci:auto"},
        {"pci:Auto", NULL},
        {"pci:auto2", NULL},
        {"pci:0000:03:00.8", NULL},
        {"pci:0000:03:20.0", NULL},
        {"pci:3:00.0", NULL},
        {"pci:0000:03:00.0 ", NULL},
        {"pci:0000:03:00.", NULL},
        {"pci:00000:03:00.0", NULL},
        {"pci:0000-03:00.0", NULL},
        {"pci:0000:03:00:0", NULL},
        {"pci:0x00:03:00.0", NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct l2tpcard_spec s;
        struct l2tpcard_error err = {0};
        l2tpcard_status st = l2tpcard_spec_parse(bad[i].spec, &s, &err);
        if (st != L2TPCARD_EINVAL)
            fprintf(stderr, "\n  '%s' accepted", bad[i].spec);
        CU_ASSERT_EQUAL(st, L2TPCARD_EINVAL);
        CU_ASSERT_EQUAL(err.status, L2TPCARD_EINVAL);
        if (bad[i].msg) {
            CU_ASSERT_STRING_EQUAL(err.msg, bad[i].msg);
        } else {
            CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is not a PCI address"));
        }
    }
    struct l2tpcard_error err = {0};
    struct l2tpcard_spec s;
    CU_ASSERT_EQUAL(l2tpcard_spec_parse(NULL, &s, &err), L2TPCARD_EINVAL);
    struct l2tpcard *card = (struct l2tpcard *)&err; /* must be overwritten with NULL */
    CU_ASSERT_EQUAL(l2tpcard_open("nope", NULL, &card, &err), L2TPCARD_EINVAL);
    CU_ASSERT_PTR_NULL(card);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown backend 'nope'"));
}

/* ---- a sysfs tree to open the card from ---- */

struct fake_sysfs {
    char root[64];
    char dev[160];
};

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static int write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    ssize_t n = len ? write(fd, data, len) : 0;
    close(fd);
    return n == (ssize_t)len ? 0 : -1;
}

static void sub(char *buf, size_t cap, const struct fake_sysfs *fs, const char *file)
{
    snprintf(buf, cap, "%s/%s", fs->dev, file);
}

/* Config space as the one-card dump has it: 64-bit BAR0 at 0xfe000000,
 * memory space and bus mastering off. */
static void write_config(const struct fake_sysfs *fs, uint32_t bar_lo, uint32_t bar_hi)
{
    uint8_t cfg[256] = {0};
    put32(cfg, 0x4C321234u);
    put32(cfg + 0x08, 0x02000001u);
    put32(cfg + 0x10, bar_lo);
    put32(cfg + 0x14, bar_hi);
    char path[224];
    sub(path, sizeof path, fs, "config");
    CU_ASSERT_FATAL(write_file(path, cfg, sizeof cfg) == 0);
}

/* resource0 holding RTL v1's block chain (hw/regmap.md). */
static void write_bar(const struct fake_sysfs *fs, size_t size, bool chain)
{
    uint8_t *bar = calloc(1, size);
    CU_ASSERT_FATAL(bar != NULL);
    if (chain) {
        static const uint32_t blocks[][3] = {
#define FAKE_BLK_(name, base, type, version) {base, type, version},
            CARD_BLOCKS(FAKE_BLK_)
#undef FAKE_BLK_
        };
        size_t n = sizeof blocks / sizeof blocks[0];
        for (size_t i = 0; i < n; i++) {
            put32(bar + blocks[i][0] + CARD_BLK_TYPE, blocks[i][1]);
            put32(bar + blocks[i][0] + CARD_BLK_VERSION, blocks[i][2]);
            put32(bar + blocks[i][0] + CARD_BLK_NEXT, i + 1 < n ? blocks[i + 1][0] : 0);
        }
        put32(bar + CARD_ID_VENDOR_DEVICE, CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID);
        put32(bar + CARD_ID_RTL_VERSION, 0x01020003u);
        put32(bar + CARD_ID_BUILD_ID, 0x42c189bu);
        put32(bar + CARD_ID_DATA_W, 8);
        put32(bar + CARD_ID_N_CH, 32);
        put32(bar + CARD_ID_SESS_AW, 10);
        put32(bar + CARD_ID_CLK_HZ, 250000000u);
    }
    char path[224];
    sub(path, sizeof path, fs, "resource0");
    CU_ASSERT_FATAL(write_file(path, bar, size) == 0);
    free(bar);
}

static void fake_sysfs_make(struct fake_sysfs *fs)
{
    snprintf(fs->root, sizeof fs->root, "/tmp/driver-sysfs-XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(fs->root) != NULL);
    char p[224];
    const char *dirs[] = {"bus", "bus/pci", "bus/pci/devices", "bus/pci/devices/" CARD_BDF,
                          "bus/pci/drivers", "bus/pci/drivers/igb", "kernel",
                          "kernel/iommu_groups", "kernel/iommu_groups/7"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fs->root, dirs[i]);
        CU_ASSERT_FATAL(mkdir(p, 0700) == 0);
    }
    snprintf(fs->dev, sizeof fs->dev, "%s/bus/pci/devices/%s", fs->root, CARD_BDF);
    write_config(fs, CARD_BAR0 | 0x4u, 0);
    write_bar(fs, CARD_BAR0_SIZE, true);
}

static void fake_sysfs_remove(struct fake_sysfs *fs)
{
    const char *files[] = {"bus/pci/devices/" CARD_BDF "/config",
                           "bus/pci/devices/" CARD_BDF "/resource0",
                           "bus/pci/devices/" CARD_BDF "/driver",
                           "bus/pci/devices/" CARD_BDF "/iommu_group",
                           "kernel/iommu_groups/7/type"};
    const char *dirs[] = {"kernel/iommu_groups/7", "kernel/iommu_groups", "kernel",
                          "bus/pci/drivers/igb", "bus/pci/drivers", "bus/pci/devices/" CARD_BDF,
                          "bus/pci/devices", "bus/pci", "bus", ""};
    char p[224];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fs->root, files[i]);
        unlink(p);
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fs->root, dirs[i]);
        CU_ASSERT(rmdir(p) == 0);
    }
}

static l2tpcard_status open_fake(const struct fake_sysfs *fs, const char *spec, const char *dump,
                                 struct l2tpcard **card, struct l2tpcard_error *err)
{
    struct l2tpcard_options o = {.sysfs_root = fs->root, .pci_dump = dump};
    return l2tpcard_open(spec, &o, card, err);
}

static void test_open_ok(void)
{
    struct fake_sysfs fs;
    fake_sysfs_make(&fs);
    struct l2tpcard *card = NULL;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL_FATAL(open_fake(&fs, "pci:" CARD_BDF, ONE_CARD, &card, &err), L2TPCARD_OK);
    CU_ASSERT_STRING_EQUAL(l2tpcard_describe(card), "pci " CARD_BDF);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "");
    struct l2tpcard_identity id;
    CU_ASSERT_EQUAL(l2tpcard_identity(card, &id), L2TPCARD_OK);
    CU_ASSERT_EQUAL(id.vendor_id, CARD_PCI_VENDOR_ID);
    CU_ASSERT_EQUAL(id.device_id, CARD_PCI_DEVICE_ID);
    CU_ASSERT(id.rtl_major == 1 && id.rtl_minor == 2 && id.rtl_patch == 3);
    CU_ASSERT_EQUAL(id.data_w, 8);
    CU_ASSERT_EQUAL(id.n_channels, 32);
    CU_ASSERT_EQUAL(id.sessions, 1024);
    CU_ASSERT_EQUAL(id.clk_hz, 250000000u);
    /* Memory space and bus mastering were switched on in config space. */
    char path[224];
    sub(path, sizeof path, &fs, "config");
    uint8_t cmd[2] = {0, 0};
    int fd = open(path, O_RDONLY);
    CU_ASSERT_EQUAL(pread(fd, cmd, 2, 4), 2);
    close(fd);
    CU_ASSERT_EQUAL(cmd[0] & 0x6, 0x6);
    /* A register file does not clear CTRL.RESET: reset must time out,
     * saying where, not hang. */
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_ETIMEDOUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "reset (CTRL.RESET): not done"));
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "register 0x010c"));
    /* Before reset there are no rings: frames calls say so. */
    struct l2tpcard_punt meta;
    uint8_t buf[64];
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &meta, buf, sizeof buf), L2TPCARD_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "call l2tpcard_reset"));
    /* Session IDs are checked before the card is touched. */
    struct l2tpcard_session s = {.local_session_id = 1024, .local_tunnel_id = 1};
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EINVAL);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "session program: session 1024 is not 1..1023");
    CU_ASSERT_EQUAL(l2tpcard_session_clear(card, 0), L2TPCARD_EINVAL);
    l2tpcard_close(card);
    fake_sysfs_remove(&fs);
}

/* Runs open and checks status and a piece of the message. */
static void expect_open(const struct fake_sysfs *fs, const char *spec, const char *dump,
                        l2tpcard_status want, const char *part)
{
    struct l2tpcard *card = NULL;
    struct l2tpcard_error err = {0};
    l2tpcard_status st = open_fake(fs, spec, dump, &card, &err);
    if (st != want || !strstr(err.msg, part))
        fprintf(stderr, "\n  %s: got %d '%s', want %d '...%s...'", spec, st, err.msg, want, part);
    CU_ASSERT_EQUAL(st, want);
    CU_ASSERT_EQUAL(err.status, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, part));
    CU_ASSERT_PTR_NULL(card);
    l2tpcard_close(card);
}

static void test_open_discovery_errors(void)
{
    struct fake_sysfs fs;
    fake_sysfs_make(&fs);
    expect_open(&fs, "pci:auto", TWO_CARDS, L2TPCARD_EBUSY,
                "pci: 2 cards found (0000:03:00.0, 0001:81:00.0); name one, e.g. pci:0000:03:00.0");
    expect_open(&fs, "pci:auto", NO_CARD, L2TPCARD_ENODEV, "no device 1234:4c32 on the bus");
    expect_open(&fs, "pci:0000:02:00.0", ONE_CARD, L2TPCARD_ENODEV, "is 8086:1521");
    /* in the dump, but not in sysfs */
    expect_open(&fs, "pci:0001:81:00.0", TWO_CARDS, L2TPCARD_ENODEV,
                "/bus/pci/devices/0001:81:00.0/config: No such file or directory");
    /* "auto" with one card opens it */
    struct l2tpcard *card = NULL;
    CU_ASSERT_EQUAL(open_fake(&fs, "pci:auto", ONE_CARD, &card, NULL), L2TPCARD_OK);
    l2tpcard_close(card);
    fake_sysfs_remove(&fs);
}

static void test_open_sysfs_errors(void)
{
    struct fake_sysfs fs;
    fake_sysfs_make(&fs);
    char path[224], target[256];
    /* resource0 missing: the message names the file */
    sub(path, sizeof path, &fs, "resource0");
    CU_ASSERT_FATAL(unlink(path) == 0);
    snprintf(target, sizeof target, "%s: No such file or directory", path);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_ENODEV, target);
    /* BAR smaller than the map */
    write_bar(&fs, 0x1000, false);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBAR,
                "BAR0 is 0x1000 octets");
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBAR, "needs 0x10000");
    /* a BAR that is not this card's register map */
    write_bar(&fs, CARD_BAR0_SIZE, false);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EHW,
                "holds block type 0x00000000, not the ID block 0x4c320001");
    write_bar(&fs, CARD_BAR0_SIZE, true);
    /* bound to a kernel driver */
    sub(path, sizeof path, &fs, "driver");
    CU_ASSERT_FATAL(symlink("../../../bus/pci/drivers/igb", path) == 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBUSY, "bound to kernel driver igb");
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBUSY, "/bus/pci/drivers/igb/unbind");
    unlink(path);
    /* an IOMMU that translates: no physical addresses for DMA */
    sub(path, sizeof path, &fs, "iommu_group");
    CU_ASSERT_FATAL(symlink("../../../../kernel/iommu_groups/7", path) == 0);
    snprintf(target, sizeof target, "%s/kernel/iommu_groups/7/type", fs.root);
    CU_ASSERT_FATAL(write_file(target, "DMA-FQ\n", 7) == 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EIOMMU,
                "in IOMMU group 7 (domain type 'DMA-FQ')");
    CU_ASSERT_FATAL(write_file(target, "identity\n", 9) == 0); /* iommu=pt is fine */
    struct l2tpcard *card = NULL;
    CU_ASSERT_EQUAL(open_fake(&fs, "pci:" CARD_BDF, ONE_CARD, &card, NULL), L2TPCARD_OK);
    l2tpcard_close(card);
    /* BAR0 as an I/O BAR, and a BAR0 that disagrees with libpci */
    write_config(&fs, 0xe001, 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBAR, "BAR0 is an I/O BAR");
    write_config(&fs, 0x4, 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBAR, "BAR0 has no address");
    write_config(&fs, 0xfd000004u, 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EBAR,
                "BAR0 is 0xfd000000 in config space but 0xfe000000 to libpci");
    /* a config file too short to hold the BARs */
    sub(path, sizeof path, &fs, "config");
    CU_ASSERT_FATAL(write_file(path, "\x34\x12", 2) == 0);
    expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EIO, "2 octets of config space");
    fake_sysfs_remove(&fs);
}

/* Block chains a broken or foreign card could present. */
static void test_chain_errors(void)
{
    struct fake_sysfs fs;
    fake_sysfs_make(&fs);
    char path[224];
    sub(path, sizeof path, &fs, "resource0");
    struct {
        uint32_t off, val;
        const char *msg;
    } cases[] = {
        {CARD_BLK_ID_BASE + CARD_BLK_TYPE, 0xFFFFFFFFu, "reads 0xffffffff: the card does not answer"},
        {CARD_BLK_CTRL_BASE + CARD_BLK_VERSION, 0x00020000u,
         "CTRL block at 0x0100 has version 2.0; this driver knows major version 1"},
        {CARD_BLK_IRQ_BASE + CARD_BLK_NEXT, 0x0000u + CARD_BLK_ID_BASE + 0x100,
         "a second CTRL block at 0x0100"},
        {CARD_BLK_IRQ_BASE + CARD_BLK_NEXT, 0x20000u, "pointer 0x00020000 is outside BAR0"},
        {CARD_BLK_SESS_BASE + CARD_BLK_NEXT, 0, "no CNT block (type 0x4c320005)"},
        {CARD_BLK_ID_BASE + CARD_ID_SESS_AW, 17, "SESS_AW 17 is not 1..16"},
        {CARD_BLK_ID_BASE + CARD_ID_N_CH, 257, "N_CH 257 is not 1..256"},
        {CARD_BLK_ID_BASE + CARD_ID_VENDOR_DEVICE, 0x10418086u,
         "ID block: reports 8086:1041, this driver is for 1234:4c32"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_bar(&fs, CARD_BAR0_SIZE, true);
        int fd = open(path, O_WRONLY);
        uint8_t v[4];
        put32(v, cases[i].val);
        CU_ASSERT_EQUAL(pwrite(fd, v, 4, cases[i].off), 4);
        close(fd);
        expect_open(&fs, "pci:" CARD_BDF, ONE_CARD, L2TPCARD_EHW, cases[i].msg);
    }
    /* an unknown block type in the chain is skipped (a newer card's) */
    write_bar(&fs, CARD_BAR0_SIZE, true);
    int fd = open(path, O_WRONLY);
    uint8_t v[4];
    put32(v, 0x0A00);
    CU_ASSERT_EQUAL(pwrite(fd, v, 4, CARD_BLK_IRQ_BASE + CARD_BLK_NEXT), 4);
    put32(v, 0x4C320099u);
    CU_ASSERT_EQUAL(pwrite(fd, v, 4, 0x0A00 + CARD_BLK_TYPE), 4);
    close(fd);
    struct l2tpcard *card = NULL;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL(open_fake(&fs, "pci:" CARD_BDF, ONE_CARD, &card, &err), L2TPCARD_OK);
    l2tpcard_close(card);
    fake_sysfs_remove(&fs);
}

/* Without root the resource file cannot be opened: EACCES, saying root is
 * needed. Run in a child that drops to nobody when the tests run as root. */
static void test_not_root(void)
{
    struct fake_sysfs fs;
    fake_sysfs_make(&fs);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        struct pci_bar_map map;
        struct l2tpcard_error err = {0};
        l2tpcard_status st = pci_map_bar0(fs.root, CARD_BDF, CARD_BAR0_SIZE, &map, &err);
        _exit(st == L2TPCARD_EACCES && strstr(err.msg, "Permission denied (the pci backend needs root)")
                  ? 0
                  : 1);
    }
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
    fake_sysfs_remove(&fs);
}

static void test_status_names(void)
{
    for (int s = L2TPCARD_EAGAIN; s <= L2TPCARD_OK; s++)
        CU_ASSERT_STRING_NOT_EQUAL(l2tpcard_status_name((l2tpcard_status)s), "unknown status");
    CU_ASSERT_STRING_EQUAL(l2tpcard_status_name((l2tpcard_status)-99), "unknown status");
    CU_ASSERT_STRING_EQUAL(l2tpcard_status_name(L2TPCARD_EIOMMU), "IOMMU needs VFIO");
    CU_ASSERT_STRING_EQUAL(l2tpcard_counter_name(L2TPCARD_CNT_SESS_UNKNOWN), "SESS_UNKNOWN");
    CU_ASSERT_STRING_EQUAL(l2tpcard_counter_name(L2TPCARD_CNT_COUNT), "unknown counter");
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(NULL), "no card handle");
    l2tpcard_close(NULL);
}

void register_suites(void)
{
    static const CU_TestInfo discovery[] = {
        {"one card among other devices: function and BAR0", test_discover_one},
        {"by address: the card, another device, nothing", test_discover_by_addr},
        {"wrong vendor/device is not matched", test_discover_wrong_ids},
        {"two cards: both listed in bus order", test_discover_two},
        {"libpci errors return, never exit", test_discover_libpci_errors},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo spec[] = {
        {"accepted spec strings", test_spec_ok},
        {"rejected spec strings and their messages", test_spec_errors},
        {"status and counter names", test_status_names},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo backend[] = {
        {"open a card from sysfs: identity, command register", test_open_ok},
        {"open: discovery errors", test_open_discovery_errors},
        {"open: sysfs errors name file and reason", test_open_sysfs_errors},
        {"open: broken block chains", test_chain_errors},
        {"not root: permission error says so", test_not_root},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver pci discovery", discovery);
    UNIT_SUITE("driver spec strings", spec);
    UNIT_SUITE("driver pci backend", backend);
}
