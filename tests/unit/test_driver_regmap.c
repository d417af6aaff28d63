/* hw/regmap.md and driver/card_regs.h describe the same BAR0 map: every
 * block (type, version, base) and every register (offset, access) of one
 * is in the other, and the layout itself is sound (aligned, no overlap,
 * inside BAR0). The markdown is parsed here, so neither can drift. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "card_regs.h"
#include "unit.h"

#define REGMAP_MD "hw/regmap.md"

struct reg_row {
    char block[64], name[64], access[64];
    unsigned off;
};

struct blk_row {
    char name[24];
    unsigned base, type, version;
};

#define REG_ROW_(blk, name, off, acc) {#blk, #name, #acc, off},
static const struct reg_row c_regs[] = {CARD_REGS(REG_ROW_)};
#undef REG_ROW_
#define BLK_ROW_(name, base, type, version) {#name, base, type, version},
static const struct blk_row c_blocks[] = {CARD_BLOCKS(BLK_ROW_)};
#undef BLK_ROW_
#define N_C_REGS (sizeof c_regs / sizeof c_regs[0])
#define N_C_BLOCKS (sizeof c_blocks / sizeof c_blocks[0])

struct md_map {
    struct reg_row regs[256];
    size_t n_regs;
    struct blk_row blocks[32];
    size_t n_blocks;
    unsigned vendor, device, bar_size;
    char error[200];
};

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '`'))
        s[--n] = '\0';
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '`')
        i++;
    memmove(s, s + i, n - i + 1);
}

/* Splits "| a | b | c |..." into up to 4 trimmed cells; returns the count. */
static int cells(const char *line, char out[4][64])
{
    int n = 0;
    const char *p = line;
    if (*p != '|')
        return 0;
    while (n < 4 && *p == '|') {
        const char *q = strchr(p + 1, '|');
        if (!q)
            break;
        size_t len = (size_t)(q - p - 1);
        if (len >= 64)
            len = 63;
        memcpy(out[n], p + 1, len);
        out[n][len] = '\0';
        trim(out[n]);
        n++;
        p = q;
    }
    return n;
}

/* Reads the map: "### Block NAME" / "### Layout NAME" sections, the line
 * "type 0x..., version 0x..., base 0x...." under a block, table rows
 * "| 0xOFF | NAME | ACCESS | ... |", and the PCI identity sentence. */
static int parse_md(const char *path, struct md_map *m)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(m->error, sizeof m->error, "cannot open %s (run from the repository root)", path);
        return -1;
    }
    char line[1024], section[24] = "";
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        char name[24];
        unsigned a, b, c;
        const char *v;
        if (sscanf(line, "### Block %23s", name) == 1 || sscanf(line, "### Layout %23s", name) == 1) {
            snprintf(section, sizeof section, "%s", name);
            if (strncmp(line, "### Block", 9) == 0 && m->n_blocks < 32)
                snprintf(m->blocks[m->n_blocks++].name, sizeof m->blocks[0].name, "%s", name);
            continue;
        }
        if (strncmp(line, "## ", 3) == 0) {
            section[0] = '\0';
            continue;
        }
        if (sscanf(line, "type 0x%x, version 0x%x, base 0x%x", &a, &b, &c) == 3) {
            if (m->n_blocks == 0 || strcmp(m->blocks[m->n_blocks - 1].name, section) != 0) {
                snprintf(m->error, sizeof m->error, "line %u: type line outside a block", lineno);
                fclose(f);
                return -1;
            }
            m->blocks[m->n_blocks - 1].type = a;
            m->blocks[m->n_blocks - 1].version = b;
            m->blocks[m->n_blocks - 1].base = c;
            continue;
        }
        if ((v = strstr(line, "Vendor 0x")) && sscanf(v, "Vendor 0x%x, device 0x%x", &a, &b) == 2) {
            m->vendor = a;
            m->device = b;
        }
        if ((v = strstr(line, "BAR0 is a 64 KiB (0x")) && sscanf(v, "BAR0 is a 64 KiB (0x%x)", &a) == 1)
            m->bar_size = a;
        char cell[4][64];
        if (section[0] && cells(line, cell) >= 3 && strncmp(cell[0], "0x", 2) == 0) {
            char *end;
            unsigned long off = strtoul(cell[0], &end, 16);
            if (*end || m->n_regs == 256) {
                snprintf(m->error, sizeof m->error, "line %u: bad offset '%s'", lineno, cell[0]);
                fclose(f);
                return -1;
            }
            struct reg_row *r = &m->regs[m->n_regs++];
            snprintf(r->block, sizeof r->block, "%s", section);
            snprintf(r->name, sizeof r->name, "%s", cell[1]);
            snprintf(r->access, sizeof r->access, "%s", cell[2]);
            r->off = (unsigned)off;
        }
    }
    fclose(f);
    return 0;
}

static const struct reg_row *find_reg(const struct reg_row *rows, size_t n, const char *blk,
                                      const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].block, blk) == 0 && strcmp(rows[i].name, name) == 0)
            return &rows[i];
    return NULL;
}

static void test_registers_agree(void)
{
    static struct md_map m;
    int rc = parse_md(REGMAP_MD, &m);
    if (rc != 0)
        fprintf(stderr, "\n  %s\n", m.error);
    CU_ASSERT_FATAL(rc == 0);
    CU_ASSERT(m.n_regs > 50); /* the parser found the tables at all */
    unsigned bad = 0;
    for (size_t i = 0; i < m.n_regs; i++) {
        const struct reg_row *md = &m.regs[i];
        const struct reg_row *c = find_reg(c_regs, N_C_REGS, md->block, md->name);
        if (!c)
            fprintf(stderr, "\n  regmap.md %s.%s (0x%02X) is not in card_regs.h", md->block,
                    md->name, md->off), bad++;
        else if (c->off != md->off || strcmp(c->access, md->access) != 0)
            fprintf(stderr, "\n  %s.%s: regmap.md 0x%02X %s, card_regs.h 0x%02X %s", md->block,
                    md->name, md->off, md->access, c->off, c->access), bad++;
    }
    for (size_t i = 0; i < N_C_REGS; i++)
        if (!find_reg(m.regs, m.n_regs, c_regs[i].block, c_regs[i].name))
            fprintf(stderr, "\n  card_regs.h %s.%s is not in regmap.md", c_regs[i].block,
                    c_regs[i].name), bad++;
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(m.n_regs, N_C_REGS);
}

static void test_blocks_agree(void)
{
    static struct md_map m;
    CU_ASSERT_FATAL(parse_md(REGMAP_MD, &m) == 0);
    CU_ASSERT_EQUAL(m.n_blocks, N_C_BLOCKS);
    for (size_t i = 0; i < N_C_BLOCKS; i++) {
        const struct blk_row *md = NULL;
        for (size_t j = 0; j < m.n_blocks; j++)
            if (strcmp(m.blocks[j].name, c_blocks[i].name) == 0)
                md = &m.blocks[j];
        if (!md) {
            fprintf(stderr, "\n  block %s is not in regmap.md", c_blocks[i].name);
            CU_FAIL("block missing from regmap.md");
            continue;
        }
        CU_ASSERT_EQUAL(md->type, c_blocks[i].type);
        CU_ASSERT_EQUAL(md->version, c_blocks[i].version);
        CU_ASSERT_EQUAL(md->base, c_blocks[i].base);
    }
    CU_ASSERT_EQUAL(m.vendor, CARD_PCI_VENDOR_ID);
    CU_ASSERT_EQUAL(m.device, CARD_PCI_DEVICE_ID);
    CU_ASSERT_EQUAL(m.bar_size, CARD_BAR0_SIZE);
}

/* The layout itself: aligned, no two registers of a block on one offset,
 * the header words reserved, each block below the next one's base, types
 * numbered 1..N as the driver's block table expects. */
static void test_layout_sound(void)
{
    for (size_t i = 0; i < N_C_REGS; i++) {
        CU_ASSERT_EQUAL(c_regs[i].off % 4, 0);
        bool is_block = false;
        unsigned base = 0, limit = CARD_BAR0_SIZE;
        for (size_t b = 0; b < N_C_BLOCKS; b++)
            if (strcmp(c_blocks[b].name, c_regs[i].block) == 0) {
                is_block = true;
                base = c_blocks[b].base;
                limit = b + 1 < N_C_BLOCKS ? c_blocks[b + 1].base : CARD_BAR0_SIZE;
            }
        if (is_block) {
            CU_ASSERT(c_regs[i].off >= 0x0C); /* after TYPE, VERSION, NEXT */
            CU_ASSERT(base + c_regs[i].off + 4 <= limit);
        }
        for (size_t j = i + 1; j < N_C_REGS; j++)
            if (strcmp(c_regs[i].block, c_regs[j].block) == 0)
                CU_ASSERT(c_regs[i].off != c_regs[j].off);
    }
    for (size_t b = 0; b < N_C_BLOCKS; b++) {
        CU_ASSERT_EQUAL(c_blocks[b].type >> 16, 0x4C32);
        CU_ASSERT_EQUAL(c_blocks[b].type & 0xFFFF, b + 1);
        if (b + 1 < N_C_BLOCKS)
            CU_ASSERT(c_blocks[b].base < c_blocks[b + 1].base);
    }
    /* The session staging words COMMIT moves are contiguous and RW. */
    for (unsigned off = CARD_SESS_ENT_FIRST; off <= CARD_SESS_ENT_LAST; off += 4) {
        bool found = false;
        for (size_t i = 0; i < N_C_REGS; i++)
            if (strcmp(c_regs[i].block, "SESS") == 0 && c_regs[i].off == off)
                found = strcmp(c_regs[i].access, "RW") == 0;
        CU_ASSERT(found);
    }
}

/* The parser must catch a drifted row, or the tests above prove nothing. */
static void test_parser_catches_drift(void)
{
    static struct md_map m;
    char path[] = "/tmp/regmap-drift-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("## x\n\n### Block CTRL\n\ntype 0x4C320002, version 0x00010000, base 0x0100.\n\n"
          "| offset | name | access | meaning |\n|---|---|---|---|\n"
          "| 0x0C | CTRL | RW | reset |\n| 0x18 | SCRATCH | RW | moved |\n",
          f);
    fclose(f);
    CU_ASSERT_FATAL(parse_md(path, &m) == 0);
    unlink(path);
    CU_ASSERT_EQUAL(m.n_regs, 2);
    CU_ASSERT_EQUAL(m.n_blocks, 1);
    const struct reg_row *c = find_reg(c_regs, N_C_REGS, "CTRL", "SCRATCH");
    CU_ASSERT_FATAL(c != NULL);
    CU_ASSERT_EQUAL(m.regs[1].off, 0x18);
    CU_ASSERT_NOT_EQUAL(c->off, m.regs[1].off); /* the comparison would flag it */
    CU_ASSERT_EQUAL(m.blocks[0].base, CARD_BLK_CTRL_BASE);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every register of regmap.md is in card_regs.h and back", test_registers_agree},
        {"blocks: type, version, base; PCI IDs; BAR size", test_blocks_agree},
        {"layout: aligned, no overlap, header reserved", test_layout_sound},
        {"a drifted row is seen by the parser", test_parser_catches_drift},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver regmap", tests);
}
