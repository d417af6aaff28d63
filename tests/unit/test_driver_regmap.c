/* hw/regmap.md and driver/card_regs.h describe the same BAR0 map: every
 * block (type, version, base) and every register (offset, access) of one
 * is in the other, and the layout itself is sound (aligned, no overlap,
 * inside BAR0). The markdown is parsed here, so neither can drift.
 *
 * The punt reasons and kinds have one numbering: hw/l2tp_card_pkg.sv
 * (PUNT_*, DISPATCH_PUNT_KIND_*, parsed here), regmap.md's "Punt reasons"
 * table, card_regs.h, l2tpcard.h and the model's session_entry.h must all
 * say the same; so must the CNT slot count of the package, card_regs.h's
 * CNT rows and the model's counter bank. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "card_regs.h"
#include "l2tpcard.h"
#include "unit.h"
/* the model's own copies (relative: model/ also has a card_regs.h) */
#include "../../model/card_cnt_bank.h"
#include "../../model/net_rx_dispatch.h"
#include "../../model/session_entry.h"

#define REGMAP_MD "hw/regmap.md"
#define CARD_PKG "hw/l2tp_card_pkg.sv"

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

/* ---- punt numbering and CNT size across RTL, docs, driver and model ---- */

struct pkg_param {
    char name[64];
    long value;
};

/* `localparam ... NAME = [W'd]V;` lines of the package, every one. */
static size_t parse_pkg(const char *path, struct pkg_param *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[512];
    size_t n = 0;
    while (n < cap && fgets(line, sizeof line, f)) {
        const char *lp = strstr(line, "localparam");
        const char *eq = strchr(line, '=');
        if (!lp || !eq)
            continue;
        const char *e = eq;
        while (e > lp && e[-1] == ' ')
            e--;
        const char *b = e;
        while (b > lp && b[-1] != ' ')
            b--;
        if (e - b <= 0 || (size_t)(e - b) >= sizeof out[0].name)
            continue;
        const char *v = eq + 1;
        while (*v == ' ')
            v++;
        const char *tick = strchr(v, '\'');
        const char *semi = strchr(v, ';');
        int base = 10;
        if (tick && semi && tick < semi) {
            base = tick[1] == 'h' ? 16 : tick[1] == 'b' ? 2 : 10;
            v = tick + 2;
        }
        char *end;
        long val = strtol(v, &end, base);
        if (end == v || (*end != ';' && *end != ' '))
            continue;                       /* not a plain number */
        memcpy(out[n].name, b, (size_t)(e - b));
        out[n].name[e - b] = '\0';
        out[n].value = val;
        n++;
    }
    fclose(f);
    return n;
}

static long pkg_value(const struct pkg_param *p, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0)
            return p[i].value;
    return -1;
}

struct punt_row {
    unsigned reason;
    char name[64], kind[64];
};

/* regmap.md's "| reason | name | kind | meaning |" table. */
static size_t parse_punt_table(const char *path, struct punt_row *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[1024], cell[4][64];
    bool in = false;
    size_t n = 0;
    while (n < cap && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        int k = cells(line, cell);
        if (k == 4 && strcmp(cell[0], "reason") == 0 && strcmp(cell[2], "kind") == 0) {
            in = true;
            continue;
        }
        if (!in || k == 0) {
            in = in && k != 0 && line[0] == '|';
            continue;
        }
        char *end;
        unsigned long r = strtoul(cell[0], &end, 10);
        if (*end || end == cell[0])
            continue;                       /* the |---| line */
        out[n].reason = (unsigned)r;
        snprintf(out[n].name, sizeof out[n].name, "%s", cell[1]);
        snprintf(out[n].kind, sizeof out[n].kind, "%s", cell[2]);
        n++;
    }
    fclose(f);
    return n;
}

/* The C side: every reason under each of its names, and its kind. */
#define PUNT_C_(name, kind)                                                                       \
    {#name, CARD_PUNT_##name, L2TPCARD_PUNT_##name, PUNT_##name, CARD_PUNT_KIND_##kind}
static const struct {
    const char *name;
    unsigned card, api, model, kind;
} c_punts[] = {
    PUNT_C_(CONTROL, NET), PUNT_C_(SESSION_PPP, PPP), PUNT_C_(CHANNEL_PPP, PPP),
    PUNT_C_(NOT_FOR_US, NET), PUNT_C_(MALFORMED, NET), PUNT_C_(UNKNOWN_SESSION, NET),
    PUNT_C_(FRAGMENT, NET),
};
#undef PUNT_C_
#define N_C_PUNTS (sizeof c_punts / sizeof c_punts[0])

/* Disagreements between the package at pkg, the table in md and the C
 * side (each printed); 0 when all agree. */
static unsigned punt_mismatches(const char *pkg, const char *md)
{
    static struct pkg_param p[512];
    struct punt_row rows[32];
    size_t np = parse_pkg(pkg, p, 512), nr = parse_punt_table(md, rows, 32);
    unsigned bad = 0, pkg_punts = 0;
    if (np == 0 || nr != N_C_PUNTS) {
        fprintf(stderr, "\n  %s: %zu parameters; %s: %zu punt reasons (C: %zu)", pkg, np, md, nr,
                N_C_PUNTS);
        return 1;
    }
    for (size_t i = 0; i < np; i++)
        pkg_punts += strncmp(p[i].name, "PUNT_", 5) == 0;
    if (pkg_punts != N_C_PUNTS)
        fprintf(stderr, "\n  %s: %u PUNT_* reasons, C has %zu", pkg, pkg_punts, N_C_PUNTS), bad++;
    for (size_t i = 0; i < N_C_PUNTS; i++) {
        char name[96];
        snprintf(name, sizeof name, "PUNT_%s", c_punts[i].name);
        long rtl = pkg_value(p, np, name);
        const struct punt_row *r = NULL;
        for (size_t j = 0; j < nr; j++)
            if (strcmp(rows[j].name, c_punts[i].name) == 0)
                r = &rows[j];
        snprintf(name, sizeof name, "DISPATCH_PUNT_KIND_%s", r ? r->kind : "?");
        long rtl_kind = pkg_value(p, np, name);
        if (!r || rtl < 0 || rtl_kind < 0 || (unsigned long)rtl != c_punts[i].card
            || c_punts[i].api != c_punts[i].card || c_punts[i].model != c_punts[i].card
            || r->reason != c_punts[i].card || (unsigned long)rtl_kind != c_punts[i].kind
            || CARD_PUNT_KIND_OF(c_punts[i].card) != c_punts[i].kind)
            fprintf(stderr,
                    "\n  punt %s: package %ld kind %ld, regmap.md %u %s, card_regs.h %u kind %u,"
                    " l2tpcard.h %u, model %u",
                    c_punts[i].name, rtl, rtl_kind, r ? r->reason : 0, r ? r->kind : "-",
                    c_punts[i].card, c_punts[i].kind, c_punts[i].api, c_punts[i].model),
                bad++;
    }
    return bad;
}

static void test_punt_numbering_agrees(void)
{
    CU_ASSERT_EQUAL(punt_mismatches(CARD_PKG, REGMAP_MD), 0);
    /* the two kinds are distinct, fit the core's 2-bit tuser_kind and are
     * the model's too */
    CU_ASSERT_NOT_EQUAL(CARD_PUNT_KIND_NET, CARD_PUNT_KIND_PPP);
    CU_ASSERT_EQUAL(NET_RX_DISPATCH_KIND_NET, CARD_PUNT_KIND_NET);
    CU_ASSERT_EQUAL(NET_RX_DISPATCH_KIND_PPP, CARD_PUNT_KIND_PPP);
    CU_ASSERT(CARD_PUNT_KIND_NET < 4 && CARD_PUNT_KIND_PPP < 4);
}

/* A package whose PUNT_CONTROL moved must be caught. */
static void test_punt_drift_caught(void)
{
    char path[] = "/tmp/pkg-drift-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *in = fopen(CARD_PKG, "r"), *out = fdopen(fd, "w");
    CU_ASSERT_FATAL(in != NULL && out != NULL);
    char line[512];
    while (fgets(line, sizeof line, in)) {
        if (strstr(line, "PUNT_CONTROL = 3'd1;"))
            strcpy(line, "    localparam logic [2:0] PUNT_CONTROL = 3'd0;\n");
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    unsigned bad = punt_mismatches(path, REGMAP_MD);
    unlink(path);
    CU_ASSERT_EQUAL(bad, 1);
}

/* CNT: the package's slot count covers card_regs.h's CNT rows exactly (the
 * last one is slot CARD_CNT_SLOTS - 1), and the model's bank has as many. */
static void test_cnt_slots_agree(void)
{
    static struct pkg_param p[512];
    size_t np = parse_pkg(CARD_PKG, p, 512);
    long slots = pkg_value(p, np, "CARD_CNT_SLOTS");
    unsigned last = 0, first = 0xFFFF;
    for (size_t i = 0; i < N_C_REGS; i++)
        if (strcmp(c_regs[i].block, "CNT") == 0 && c_regs[i].off >= CARD_CNT_NET_RX_OK) {
            last = c_regs[i].off > last ? c_regs[i].off : last;
            first = c_regs[i].off < first ? c_regs[i].off : first;
        }
    CU_ASSERT_EQUAL(first, 0x40);
    CU_ASSERT_EQUAL(slots, (long)((last - first) / 4 + 1));
    CU_ASSERT_EQUAL(slots, CARD_CNT_BANK_SLOTS);
    CU_ASSERT_EQUAL(L2TPCARD_CNT_COUNT, (unsigned)slots - 1); /* all but the hole at 0x7C */
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every register of regmap.md is in card_regs.h and back", test_registers_agree},
        {"blocks: type, version, base; PCI IDs; BAR size", test_blocks_agree},
        {"layout: aligned, no overlap, header reserved", test_layout_sound},
        {"a drifted row is seen by the parser", test_parser_catches_drift},
        {"punt reasons and kinds: package, regmap.md, C headers, model", test_punt_numbering_agrees},
        {"a drifted punt reason is seen", test_punt_drift_caught},
        {"CNT slots: package, card_regs.h, model, driver", test_cnt_slots_agree},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver regmap", tests);
}
