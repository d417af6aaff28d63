/* The layers above the registers (reset, session table, counters, rings,
 * waiting), driven through the public API against a register-level fake
 * card plugged in as a backend. The fake implements hw/regmap.md's
 * semantics the simple way (commands complete at once, traffic moves when
 * the driver idles), and checks what the driver does: every staging word
 * written before COMMIT, descriptors well formed, memory freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card_backend.h"
#include "ring.h"
#include "unit.h"

#define TABLE 1024u           /* 2^SESS_AW */
#define N_CH 32u
#define ENT_STAGED 15u        /* ENT_FLAGS .. ENT_SEQ */
#define ENT_ALL 24u           /* .. ENT_OUT_OF_ORDER */
#define REG(blk, off) fake.regs[(CARD_BLK_##blk##_BASE + (off)) / 4]

struct frame {
    uint8_t data[4096];
    size_t len;
    uint32_t meta;            /* punt: META word; inject: kind << 16 | target */
};

/* One fake card per test program run; tests reset it. */
static struct {
    uint32_t regs[CARD_BAR0_SIZE / 4];
    uint32_t table[TABLE][ENT_ALL];
    uint32_t table_limit;     /* entries the card really has (BAD_INDEX above) */
    uint32_t live_cnt[64];    /* by (offset - 0x40) / 4 */
    uint32_t staged_mask;
    bool commit_incomplete;
    int corrupt_word;         /* staging word the card keeps wrong, -1 none */
    bool seq_moves;           /* traffic advances Ns between COMMIT and READ */
    unsigned reset_delay, reset_left;
    struct frame wire[64];    /* frames waiting to be punted */
    size_t wire_n;
    struct frame sent[64];    /* frames taken from the inject ring */
    size_t sent_n;
    bool stall_inject;
    long dma_live;
    bool bad_desc;
    unsigned head_reads, tail_writes; /* MMIO on the rings' HEAD and TAIL */
} fake;

static void fake_init(void)
{
    memset(&fake, 0, sizeof fake);
    fake.corrupt_word = -1;
    fake.table_limit = TABLE;
    fake.reset_delay = 3;
    static const uint32_t blocks[][3] = {
#define FAKE_BLK_(name, base, type, version) {base, type, version},
        CARD_BLOCKS(FAKE_BLK_)
#undef FAKE_BLK_
    };
    size_t n = sizeof blocks / sizeof blocks[0];
    for (size_t i = 0; i < n; i++) {
        fake.regs[(blocks[i][0] + CARD_BLK_TYPE) / 4] = blocks[i][1];
        fake.regs[(blocks[i][0] + CARD_BLK_VERSION) / 4] = blocks[i][2];
        fake.regs[(blocks[i][0] + CARD_BLK_NEXT) / 4] = i + 1 < n ? blocks[i + 1][0] : 0;
    }
    REG(ID, CARD_ID_VENDOR_DEVICE) = CARD_PCI_DEVICE_ID << 16 | CARD_PCI_VENDOR_ID;
    REG(ID, CARD_ID_DATA_W) = 8;
    REG(ID, CARD_ID_N_CH) = N_CH;
    REG(ID, CARD_ID_SESS_AW) = 10;
    REG(PUNT, CARD_PUNT_MAX_LOG2) = 12;
    REG(INJECT, CARD_INJECT_MAX_LOG2) = 12;
}

static void fake_reset_state(void)
{
    memset(fake.table, 0, sizeof fake.table);
    memset(fake.live_cnt, 0, sizeof fake.live_cnt);
    for (int b = 0; b < 2; b++) {
        uint32_t base = b ? CARD_BLK_INJECT_BASE : CARD_BLK_PUNT_BASE;
        for (uint32_t off = CARD_PUNT_BASE_LO; off <= CARD_PUNT_RING_CTRL; off += 4)
            fake.regs[(base + off) / 4] = 0;
    }
    REG(IRQ, CARD_IRQ_CAUSE) = 0;
    REG(IRQ, CARD_IRQ_MASK) = 0;
    fake.wire_n = 0;
}

static uint32_t le32_at(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void le32_put(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint8_t *desc_of(uint32_t blk_base, uint32_t index)
{
    uint64_t base = (uint64_t)fake.regs[(blk_base + CARD_PUNT_BASE_HI) / 4] << 32 |
                    fake.regs[(blk_base + CARD_PUNT_BASE_LO) / 4];
    uint32_t log2 = fake.regs[(blk_base + CARD_PUNT_SIZE_LOG2) / 4];
    return (uint8_t *)(uintptr_t)base + (size_t)ring_slot(index, log2) * CARD_DESC_SIZE;
}

/* The card's work between two register accesses of the driver. */
static void fake_run(void)
{
    if (fake.reset_left && --fake.reset_left == 0) {
        REG(CTRL, CARD_CTRL_CTRL) &= ~CARD_CTRL_RESET;
        REG(CTRL, CARD_CTRL_STATUS) = CARD_STATUS_READY;
        REG(IRQ, CARD_IRQ_CAUSE) |= CARD_IRQ_RESET_DONE;
    }
    if (!(REG(CTRL, CARD_CTRL_CTRL) & CARD_CTRL_ENABLE))
        return;
    /* punt: each waiting frame into the next posted buffer, or dropped
     * (a card whose punt FIFO holds nothing: the worst case for the host) */
    if (REG(PUNT, CARD_PUNT_RING_CTRL) & CARD_RING_ENABLE) {
        for (size_t i = 0; i < fake.wire_n; i++) {
            uint32_t *head = &REG(PUNT, CARD_PUNT_HEAD);
            if (*head == REG(PUNT, CARD_PUNT_TAIL)) {
                fake.live_cnt[(CARD_CNT_PUNT_RING_FULL - 0x40) / 4]++;
                continue;
            }
            uint8_t *d = desc_of(CARD_BLK_PUNT_BASE, *head);
            uint8_t *buf = (uint8_t *)(uintptr_t)((uint64_t)le32_at(d + 4) << 32 | le32_at(d));
            uint32_t cap = le32_at(d + CARD_PUNT_DESC_LEN) & 0xFFFFu;
            const struct frame *f = &fake.wire[i];
            if (f->len <= cap)
                memcpy(buf, f->data, f->len);
            else
                fake.live_cnt[(CARD_CNT_PUNT_TOO_LONG - 0x40) / 4]++;
            le32_put(d + CARD_PUNT_DESC_LEN, (f->len <= cap ? (uint32_t)f->len : 0) << 16 | cap);
            le32_put(d + CARD_PUNT_DESC_META, f->meta);
            (*head)++;
            fake.live_cnt[(CARD_CNT_PUNT_FRAMES - 0x40) / 4]++;
            REG(IRQ, CARD_IRQ_CAUSE) |= CARD_IRQ_PUNT;
        }
        fake.wire_n = 0;
    }
    /* inject: every descriptor up to TAIL */
    if ((REG(INJECT, CARD_INJECT_RING_CTRL) & CARD_RING_ENABLE) && !fake.stall_inject) {
        uint32_t *head = &REG(INJECT, CARD_INJECT_HEAD);
        while (*head != REG(INJECT, CARD_INJECT_TAIL)) {
            uint8_t *d = desc_of(CARD_BLK_INJECT_BASE, *head);
            const uint8_t *buf =
                (const uint8_t *)(uintptr_t)((uint64_t)le32_at(d + 4) << 32 | le32_at(d));
            uint32_t len = le32_at(d + CARD_INJECT_DESC_LEN);
            if ((len & 0xFFFFu) == 0 || (len & 0xFFFFu) > 2048 || fake.sent_n == 64) {
                fake.bad_desc = true;
            } else {
                struct frame *f = &fake.sent[fake.sent_n++];
                f->len = len & 0xFFFFu;
                memcpy(f->data, buf, f->len);
                f->meta = (len >> 16 & 0xFFu) << 16 | (le32_at(d + CARD_INJECT_DESC_TARGET) & 0xFFFFu);
            }
            (*head)++;
            fake.live_cnt[(CARD_CNT_INJECT_FRAMES - 0x40) / 4]++;
            REG(IRQ, CARD_IRQ_CAUSE) |= CARD_IRQ_INJECT;
        }
    }
}

static void sess_cmd(uint32_t cmd)
{
    uint32_t idx = REG(SESS, CARD_SESS_INDEX);
    uint32_t *stage = &REG(SESS, CARD_SESS_ENT_FLAGS);
    REG(SESS, CARD_SESS_STATUS) = 0;
    if (idx == 0 || idx >= fake.table_limit) {
        REG(SESS, CARD_SESS_STATUS) = CARD_SESS_STATUS_BAD_INDEX;
        return;
    }
    switch (cmd & 0xFFu) {
    case CARD_SESS_CMD_COMMIT:
        if (fake.staged_mask != (1u << ENT_STAGED) - 1)
            fake.commit_incomplete = true;
        for (unsigned i = 0; i < ENT_STAGED; i++)
            fake.table[idx][i] = stage[i] ^ ((int)i == fake.corrupt_word ? 0x100u : 0);
        if (cmd & CARD_SESS_CMD_ZERO_COUNTERS)
            memset(&fake.table[idx][16], 0, 8 * sizeof(uint32_t));
        fake.staged_mask = 0;
        if (fake.seq_moves)
            fake.table[idx][14] += 0x00010001u;
        break;
    case CARD_SESS_CMD_READ:
        memcpy(stage, fake.table[idx], sizeof fake.table[idx]);
        fake.staged_mask = 0;
        break;
    case CARD_SESS_CMD_CLEAR:
        fake.table[idx][0] &= ~CARD_ENT_VALID;
        break;
    default:
        REG(SESS, CARD_SESS_STATUS) = CARD_SESS_STATUS_BAD_CMD;
    }
}

static uint32_t fake_read32(struct l2tpcard *card, uint32_t off)
{
    (void)card;
    CU_ASSERT(off % 4 == 0 && off < CARD_BAR0_SIZE);
    if (off == CARD_BLK_PUNT_BASE + CARD_PUNT_HEAD || off == CARD_BLK_INJECT_BASE + CARD_INJECT_HEAD)
        fake.head_reads++;
    return fake.regs[off / 4];
}

static void fake_write32(struct l2tpcard *card, uint32_t off, uint32_t val)
{
    (void)card;
    CU_ASSERT_FATAL(off % 4 == 0 && off < CARD_BAR0_SIZE);
    const uint32_t ctrl = CARD_BLK_CTRL_BASE, sess = CARD_BLK_SESS_BASE;
    if (off < CARD_BLK_CTRL_BASE || off % 0x100 < 0x0C)
        return; /* ID block and block headers are read-only */
    if (off == ctrl + CARD_CTRL_CTRL && (val & CARD_CTRL_RESET)) {
        fake_reset_state();
        fake.regs[off / 4] = CARD_CTRL_RESET;
        REG(CTRL, CARD_CTRL_STATUS) = 0;
        fake.reset_left = fake.reset_delay;
        return;
    }
    if (off == CARD_BLK_PUNT_BASE + CARD_PUNT_TAIL || off == CARD_BLK_INJECT_BASE + CARD_INJECT_TAIL)
        fake.tail_writes++;
    if (off == sess + CARD_SESS_CMD) {
        sess_cmd(val);
        return;
    }
    if (off >= sess + CARD_SESS_ENT_FIRST && off <= sess + CARD_SESS_ENT_LAST)
        fake.staged_mask |= 1u << ((off - sess - CARD_SESS_ENT_FIRST) / 4);
    if (off >= sess + CARD_SESS_ENT_RX_PACKETS && off < sess + 0x100)
        return; /* counters are read-only */
    if (off == CARD_BLK_CNT_BASE + CARD_CNT_CNT_CTRL) {
        if (val & CARD_CNT_SNAPSHOT)
            for (unsigned i = 0; i < 64; i++)
                fake.regs[(CARD_BLK_CNT_BASE + 0x40) / 4 + i] = fake.live_cnt[i];
        return;
    }
    if (off == CARD_BLK_IRQ_BASE + CARD_IRQ_CAUSE) {
        fake.regs[off / 4] &= ~val;
        return;
    }
    for (int b = 0; b < 2; b++) {
        uint32_t base = b ? CARD_BLK_INJECT_BASE : CARD_BLK_PUNT_BASE;
        if (off == base + CARD_PUNT_HEAD || off == base + CARD_PUNT_MAX_LOG2)
            return;
        if (off == base + CARD_PUNT_RING_CTRL && !(val & CARD_RING_ENABLE))
            fake.regs[(base + CARD_PUNT_HEAD) / 4] = fake.regs[(base + CARD_PUNT_TAIL) / 4];
    }
    fake.regs[off / 4] = val;
}

static l2tpcard_status fake_open(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                                 const struct l2tpcard_options *opts)
{
    (void)spec;
    (void)opts;
    snprintf(card->desc, sizeof card->desc, "fake");
    return L2TPCARD_OK;
}

static void fake_close(struct l2tpcard *card)
{
    (void)card;
}

static l2tpcard_status fake_dma_alloc(struct l2tpcard *card, size_t size, struct card_dma *out)
{
    (void)card;
    size_t len = (size + 4095) / 4096 * 4096;
    void *p = aligned_alloc(4096, len);
    if (!p)
        return L2TPCARD_ENOMEM;
    memset(p, 0, len);
    *out = (struct card_dma){.virt = p, .bus = (uintptr_t)p, .size = len};
    fake.dma_live++;
    return L2TPCARD_OK;
}

static void fake_dma_free(struct l2tpcard *card, struct card_dma *mem)
{
    (void)card;
    free(mem->virt);
    mem->virt = NULL;
    fake.dma_live--;
}

static void fake_idle(struct l2tpcard *card, unsigned max_us)
{
    (void)card;
    (void)max_us;
    fake_run();
}

static const struct card_backend_ops fake_ops = {
    .name = "fake",
    .open = fake_open,
    .close = fake_close,
    .read32 = fake_read32,
    .write32 = fake_write32,
    .dma_alloc = fake_dma_alloc,
    .dma_free = fake_dma_free,
    .idle = fake_idle,
};

static struct l2tpcard *open_up(unsigned ring_log2)
{
    fake_init();
    struct l2tpcard_options o = {.punt_ring_log2 = ring_log2, .inject_ring_log2 = ring_log2};
    struct l2tpcard_spec spec = {.backend = "fake"};
    struct l2tpcard *card = NULL;
    struct l2tpcard_error err = {0};
    CU_ASSERT_EQUAL_FATAL(card_open_backend(&fake_ops, &spec, &o, &card, &err), L2TPCARD_OK);
    l2tpcard_status st = l2tpcard_reset(card);
    if (st != L2TPCARD_OK)
        fprintf(stderr, "\n  reset: %s", l2tpcard_errmsg(card));
    CU_ASSERT_EQUAL_FATAL(st, L2TPCARD_OK);
    return card;
}

static void close_down(struct l2tpcard *card)
{
    l2tpcard_close(card);
    CU_ASSERT_EQUAL(fake.dma_live, 0); /* every ring page freed */
    CU_ASSERT(!fake.bad_desc);
}

/* ---- reset ---- */

static void test_reset(void)
{
    struct l2tpcard *card = open_up(0);
    CU_ASSERT_EQUAL(REG(CTRL, CARD_CTRL_CTRL), CARD_CTRL_ENABLE);
    CU_ASSERT_EQUAL(REG(PUNT, CARD_PUNT_SIZE_LOG2), 8);
    CU_ASSERT_EQUAL(REG(PUNT, CARD_PUNT_TAIL), 256); /* every buffer posted */
    CU_ASSERT_EQUAL(REG(PUNT, CARD_PUNT_RING_CTRL), CARD_RING_ENABLE);
    CU_ASSERT_EQUAL(REG(INJECT, CARD_INJECT_TAIL), 0);
    CU_ASSERT_EQUAL(REG(IRQ, CARD_IRQ_MASK), CARD_IRQ_PUNT | CARD_IRQ_INJECT | CARD_IRQ_DMA_ERROR);
    /* posted descriptors name distinct 2 KiB buffers of the right size */
    const uint8_t *d0 = desc_of(CARD_BLK_PUNT_BASE, 0), *d1 = desc_of(CARD_BLK_PUNT_BASE, 1);
    CU_ASSERT_EQUAL(le32_at(d0 + CARD_PUNT_DESC_LEN), 2048);
    CU_ASSERT_EQUAL(le32_at(d1) - le32_at(d0), 2048);
    struct l2tpcard_identity id;
    CU_ASSERT_EQUAL(l2tpcard_identity(card, &id), L2TPCARD_OK);
    CU_ASSERT_EQUAL(id.sessions, TABLE);
    /* a second reset frees and rebuilds the rings */
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_OK);
    CU_ASSERT_EQUAL(fake.dma_live, 2 * (1 + 128)); /* descriptor page + 128 buffer pages each */
    /* a card that never leaves reset */
    fake.reset_delay = 1000000;
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_ETIMEDOUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "reset (CTRL.RESET): not done after 100000 us"));
    CU_ASSERT_EQUAL(fake.dma_live, 0); /* rings were torn down first */
    close_down(card);
}

static void test_ring_options(void)
{
    fake_init();
    struct l2tpcard_spec spec = {.backend = "fake"};
    struct l2tpcard *card = NULL;
    struct l2tpcard_options o = {.punt_ring_log2 = 13};
    CU_ASSERT_EQUAL_FATAL(card_open_backend(&fake_ops, &spec, &o, &card, NULL), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_EINVAL);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card),
                           "punt ring: 2^13 descriptors; the card takes 2^1..2^12");
    CU_ASSERT_EQUAL(fake.dma_live, 0);
    l2tpcard_close(card);
    o = (struct l2tpcard_options){.punt_buf_size = 1000};
    CU_ASSERT_EQUAL_FATAL(card_open_backend(&fake_ops, &spec, &o, &card, NULL), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "buffer size 1000 must divide 4096"));
    l2tpcard_close(card);
    CU_ASSERT_EQUAL(fake.dma_live, 0);
}

/* ---- session table ---- */

static struct l2tpcard_session sample_session(uint16_t id)
{
    return (struct l2tpcard_session){
        .local_tunnel_id = 55270, .local_session_id = id,
        .peer_tunnel_id = 7, .peer_session_id = 31,
        .binding = L2TPCARD_BIND_CHANNEL, .channel = 17, .mru = 1500,
        .local_mac = {0x00, 0x50, 0x56, 0x01, 0x02, 0x03},
        .peer_mac = {0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc},
        .local_ip = 0xC0000201u, .peer_ip = 0xC6336402u,
        .local_port = 1701, .peer_port = 1702, .ttl = 64,
        .vlan = true, .vlan_tci = 0x2064,
        .fcs32 = true, .tx_accm = 0x000A0000u, .rx_accm = 0xFFFFFFFFu,
        .seq_tx = true, .seq_rx = false, .ns = 5, .nr = 9,
    };
}

static void assert_same_session(const struct l2tpcard_session *a, const struct l2tpcard_session *b)
{
    CU_ASSERT_EQUAL(a->local_tunnel_id, b->local_tunnel_id);
    CU_ASSERT_EQUAL(a->local_session_id, b->local_session_id);
    CU_ASSERT_EQUAL(a->peer_tunnel_id, b->peer_tunnel_id);
    CU_ASSERT_EQUAL(a->peer_session_id, b->peer_session_id);
    CU_ASSERT_EQUAL(a->binding, b->binding);
    CU_ASSERT_EQUAL(a->channel, b->channel);
    CU_ASSERT_EQUAL(a->mru, b->mru);
    CU_ASSERT_EQUAL(memcmp(a->local_mac, b->local_mac, 6), 0);
    CU_ASSERT_EQUAL(memcmp(a->peer_mac, b->peer_mac, 6), 0);
    CU_ASSERT_EQUAL(a->local_ip, b->local_ip);
    CU_ASSERT_EQUAL(a->peer_ip, b->peer_ip);
    CU_ASSERT_EQUAL(a->local_port, b->local_port);
    CU_ASSERT_EQUAL(a->peer_port, b->peer_port);
    CU_ASSERT_EQUAL(a->ttl, b->ttl);
    CU_ASSERT_EQUAL(a->vlan, b->vlan);
    CU_ASSERT_EQUAL(a->vlan_tci, b->vlan_tci);
    CU_ASSERT_EQUAL(a->fcs32, b->fcs32);
    CU_ASSERT_EQUAL(a->tx_accm, b->tx_accm);
    CU_ASSERT_EQUAL(a->rx_accm, b->rx_accm);
    CU_ASSERT_EQUAL(a->seq_tx, b->seq_tx);
    CU_ASSERT_EQUAL(a->seq_rx, b->seq_rx);
    CU_ASSERT_EQUAL(a->ns, b->ns);
    CU_ASSERT_EQUAL(a->nr, b->nr);
}

static void test_session_program_read(void)
{
    struct l2tpcard *card = open_up(4);
    struct l2tpcard_session s = sample_session(42), back;
    CU_ASSERT_EQUAL_FATAL(l2tpcard_session_program(card, &s, true), L2TPCARD_OK);
    CU_ASSERT(!fake.commit_incomplete); /* every staging word written before COMMIT */
    /* the words as hw/regmap.md lays them out */
    CU_ASSERT_EQUAL(fake.table[42][0], CARD_ENT_VALID | CARD_ENT_FCS32 | CARD_ENT_SEQ_TX | CARD_ENT_VLAN);
    CU_ASSERT_EQUAL(fake.table[42][1], 55270u << 16 | 42);
    CU_ASSERT_EQUAL(fake.table[42][3], 1500u << 16 | 17);
    CU_ASSERT_EQUAL(fake.table[42][4], 0x0050);
    CU_ASSERT_EQUAL(fake.table[42][5], 0x56010203u);
    CU_ASSERT_EQUAL(fake.table[42][10], 1701u << 16 | 1702);
    CU_ASSERT_EQUAL(fake.table[42][11], 0x2064u << 16 | 64);
    CU_ASSERT_EQUAL(fake.table[42][14], 5u << 16 | 9);
    bool valid = false;
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 42, &valid, &back, NULL), L2TPCARD_OK);
    CU_ASSERT(valid);
    assert_same_session(&s, &back);
    /* host binding (LNS) round trip */
    s = sample_session(1023);
    s.binding = L2TPCARD_BIND_HOST;
    s.channel = 0;
    s.fcs32 = s.vlan = s.seq_tx = false;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, false), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 1023, &valid, &back, NULL), L2TPCARD_OK);
    assert_same_session(&s, &back);
    CU_ASSERT_EQUAL(fake.table[1023][0], CARD_ENT_VALID | CARD_ENT_BIND_HOST);
    /* clear: invalid at once, the rest of the entry stays for inspection */
    CU_ASSERT_EQUAL(l2tpcard_session_clear(card, 42), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 42, &valid, NULL, NULL), L2TPCARD_OK);
    CU_ASSERT(!valid);
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 7, &valid, NULL, NULL), L2TPCARD_OK);
    CU_ASSERT(!valid);
    close_down(card);
}

static void test_session_counters(void)
{
    struct l2tpcard *card = open_up(4);
    struct l2tpcard_session s = sample_session(9);
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_OK);
    uint32_t *w = fake.table[9];
    w[16] = 11;                         /* RX_PACKETS */
    w[17] = 0x89ABCDEFu, w[18] = 0x5;   /* RX_BYTES */
    w[19] = 22;                         /* TX_PACKETS */
    w[20] = 0x01020304u, w[21] = 0x10;  /* TX_BYTES */
    w[22] = 3, w[23] = 4;               /* DROPS, OUT_OF_ORDER */
    struct l2tpcard_session_counters c;
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, 9, NULL, NULL, &c), L2TPCARD_OK);
    CU_ASSERT_EQUAL(c.rx_packets, 11);
    CU_ASSERT_EQUAL(c.rx_bytes, 0x589ABCDEFull);
    CU_ASSERT_EQUAL(c.tx_packets, 22);
    CU_ASSERT_EQUAL(c.tx_bytes, 0x1001020304ull);
    CU_ASSERT_EQUAL(c.drops, 3);
    CU_ASSERT_EQUAL(c.out_of_order, 4);
    /* re-programming keeps counters unless asked to zero them */
    s.peer_session_id = 99;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, false), L2TPCARD_OK);
    CU_ASSERT_EQUAL(fake.table[9][16], 11);
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_OK);
    CU_ASSERT_EQUAL(fake.table[9][16], 0);
    close_down(card);
}

static void test_session_errors(void)
{
    struct l2tpcard *card = open_up(4);
    struct l2tpcard_session s = sample_session(5);
    /* the card keeps a different word: read-back catches it, by name */
    fake.corrupt_word = 3;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EHW);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card),
                           "session 5: ENT_BINDING reads back 0x05dc0111 after writing 0x05dc0011");
    fake.corrupt_word = -1;
    /* Ns/Nr move with traffic: not a read-back error */
    fake.seq_moves = true;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_OK);
    fake.seq_moves = false;
    /* the card refuses an index (smaller table than SESS_AW claims) */
    fake.table_limit = 512;
    s.local_session_id = 600;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EHW);
    CU_ASSERT_PTR_NOT_NULL(strstr(l2tpcard_errmsg(card), "card refused command 0x101 (STATUS 0x2 BAD_INDEX)"));
    /* checked before any register is written */
    s = sample_session(5);
    s.channel = N_CH;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EINVAL);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "session program: channel 32, the card has 32");
    s = sample_session(0);
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EINVAL);
    s = sample_session(5);
    s.binding = (enum l2tpcard_binding)7;
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, &s, true), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_session_program(card, NULL, true), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_session_read(card, TABLE, NULL, NULL, NULL), L2TPCARD_EINVAL);
    close_down(card);
}

/* ---- counters, configuration ---- */

static void test_counters(void)
{
    struct l2tpcard *card = open_up(4);
    /* each counter its own value: a wrong offset shows as a wrong value */
    static const uint32_t offs[L2TPCARD_CNT_COUNT] = {
#define CNT_OFF_(name) CARD_CNT_##name,
        L2TPCARD_COUNTERS(CNT_OFF_)
#undef CNT_OFF_
    };
    for (unsigned i = 0; i < L2TPCARD_CNT_COUNT; i++)
        fake.live_cnt[(offs[i] - 0x40) / 4] = 1000 + i;
    uint32_t c[L2TPCARD_CNT_COUNT];
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    for (unsigned i = 0; i < L2TPCARD_CNT_COUNT; i++)
        CU_ASSERT_EQUAL(c[i], 1000 + i);
    CU_ASSERT_EQUAL(offs[L2TPCARD_CNT_NET_RX_FRAGMENT], 0x40 + 4 * 9); /* NET_RX_REASON_FRAGMENT */
    CU_ASSERT_EQUAL(offs[L2TPCARD_CNT_NET_RX_OFFSET_PAST_END], 0x40 + 4 * 14);
    close_down(card);
}

static void test_net_config(void)
{
    struct l2tpcard *card = open_up(4);
    struct l2tpcard_net_config cfg = {
        .l2tp_port = 1701, .local_ip = 0xC0000201u,
        .local_mac = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30},
        .match_local_ip = true, .punt_unknown_session = true, .punt_fragments = true,
    };
    CU_ASSERT_EQUAL(l2tpcard_net_config_set(card, &cfg), L2TPCARD_OK);
    CU_ASSERT_EQUAL(REG(DP, CARD_DP_L2TP_PORT), 1701);
    CU_ASSERT_EQUAL(REG(DP, CARD_DP_LOCAL_MAC_HI), 0x0200);
    CU_ASSERT_EQUAL(REG(DP, CARD_DP_LOCAL_MAC_LO), 0x5e102030u);
    CU_ASSERT_EQUAL(REG(DP, CARD_DP_POLICY), CARD_POLICY_MATCH_LOCAL_IP |
                                                 CARD_POLICY_PUNT_UNKNOWN_SESSION |
                                                 CARD_POLICY_PUNT_FRAGMENTS);
    cfg.l2tp_port = 0;
    CU_ASSERT_EQUAL(l2tpcard_net_config_set(card, &cfg), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_irq_moderation(card, 2500, 8), L2TPCARD_OK);
    CU_ASSERT_EQUAL(REG(IRQ, CARD_IRQ_MOD_CYCLES), 2500);
    CU_ASSERT_EQUAL(REG(IRQ, CARD_IRQ_MOD_COUNT), 8);
    close_down(card);
}

/* ---- frames ---- */

static void wire_frame(uint32_t n, uint32_t meta, size_t len)
{
    struct frame *f = &fake.wire[fake.wire_n++];
    f->len = len;
    f->meta = meta;
    for (size_t i = 0; i < len; i++)
        f->data[i] = (uint8_t)(n * 7 + i);
}

static bool frame_is(const uint8_t *buf, size_t len, uint32_t n)
{
    for (size_t i = 0; i < len; i++)
        if (buf[i] != (uint8_t)(n * 7 + i))
            return false;
    return true;
}

static void test_punt_wraps(void)
{
    struct l2tpcard *card = open_up(4); /* 16 descriptors */
    uint8_t buf[2048];
    struct l2tpcard_punt m;
    unsigned events = 0;
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_EAGAIN);
    uint32_t n = 0;
    for (int round = 0; round < 7; round++) { /* 84 frames: the ring wraps 5 times */
        for (int i = 0; i < 12; i++)
            wire_frame(n + (uint32_t)i, CARD_PUNT_SESSION_PPP | 3u << 8 | (uint32_t)(100 + i) << 16,
                       60 + (size_t)(n + (uint32_t)i) % 1400);
        CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
        CU_ASSERT(events & L2TPCARD_EV_PUNT);
        for (int i = 0; i < 12; i++, n++) {
            CU_ASSERT_EQUAL_FATAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_OK);
            CU_ASSERT_EQUAL(m.len, 60 + n % 1400);
            CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_SESSION_PPP);
            CU_ASSERT_EQUAL(m.channel, 3);
            CU_ASSERT_EQUAL(m.session, 100 + i);
            CU_ASSERT(frame_is(buf, m.len, n));
        }
        CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_EAGAIN);
        /* every buffer handed back: the card may fill the ring again */
        CU_ASSERT_EQUAL(ring_fill(REG(PUNT, CARD_PUNT_HEAD), REG(PUNT, CARD_PUNT_TAIL)), 16);
    }
    close_down(card);
}

static void test_punt_burst_and_small_buffer(void)
{
    struct l2tpcard *card = open_up(4);
    uint8_t buf[2048];
    struct l2tpcard_punt m;
    unsigned events;
    for (uint32_t i = 0; i < 40; i++) /* more than the ring holds */
        wire_frame(i, CARD_PUNT_CONTROL, 100);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
    unsigned got = 0;
    while (l2tpcard_recv(card, &m, buf, sizeof buf) == L2TPCARD_OK) {
        CU_ASSERT(frame_is(buf, m.len, got));
        got++;
    }
    CU_ASSERT_EQUAL(got, 16); /* the rest dropped by the card, and counted */
    uint32_t c[L2TPCARD_CNT_COUNT];
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    CU_ASSERT_EQUAL(c[L2TPCARD_CNT_PUNT_FRAMES], 16);
    CU_ASSERT_EQUAL(c[L2TPCARD_CNT_PUNT_RING_FULL], 24);
    /* a caller buffer too small: frame consumed, length told, next one fine */
    wire_frame(50, CARD_PUNT_CONTROL, 300);
    wire_frame(51, CARD_PUNT_CONTROL, 30);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, 64), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(m.len, 300);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "recv: frame of 300 octets, buffer of 64 (dropped)");
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, 64), L2TPCARD_OK);
    CU_ASSERT(frame_is(buf, 30, 51));
    /* longer than the posted buffer: the card drops it, recv skips the
     * empty descriptor and delivers the next frame */
    wire_frame(60, CARD_PUNT_NOT_FOR_US, 3000);
    wire_frame(61, CARD_PUNT_MALFORMED, 70);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.len, 70);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_MALFORMED);
    CU_ASSERT(frame_is(buf, 70, 61));
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_EAGAIN);
    CU_ASSERT_EQUAL(ring_fill(REG(PUNT, CARD_PUNT_HEAD), REG(PUNT, CARD_PUNT_TAIL)), 16);
    CU_ASSERT_EQUAL(l2tpcard_counters_read(card, c), L2TPCARD_OK);
    CU_ASSERT_EQUAL(c[L2TPCARD_CNT_PUNT_TOO_LONG], 1);
    close_down(card);
}

static void test_inject_full_and_drain(void)
{
    struct l2tpcard *card = open_up(4);
    uint8_t f[1500];
    unsigned events;
    fake.stall_inject = true; /* the card reads nothing for now */
    for (uint32_t i = 0; i < 16; i++) {
        for (size_t k = 0; k < sizeof f; k++)
            f[k] = (uint8_t)(i * 7 + k);
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 64 + i), L2TPCARD_OK);
    }
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 64), L2TPCARD_EAGAIN);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "inject: ring full (16 frames in flight)");
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 1, &events), L2TPCARD_ETIMEDOUT);
    fake.stall_inject = false;
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 10, &events), L2TPCARD_OK);
    CU_ASSERT(events & L2TPCARD_EV_INJECT);
    CU_ASSERT_EQUAL(fake.sent_n, 16);
    for (uint32_t i = 0; i < 16; i++) {
        CU_ASSERT_EQUAL(fake.sent[i].len, 64 + i);
        CU_ASSERT(frame_is(fake.sent[i].data, fake.sent[i].len, i));
        CU_ASSERT_EQUAL(fake.sent[i].meta, CARD_INJECT_KIND_NET << 16);
    }
    /* room again; kinds and targets reach the descriptor; the ring wraps */
    for (uint32_t i = 0; i < 30; i++) {
        l2tpcard_status st = l2tpcard_inject(card, L2TPCARD_INJECT_SESSION_PPP, 42, f, 10);
        if (st == L2TPCARD_EAGAIN) {
            CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 10, &events), L2TPCARD_OK);
            st = l2tpcard_inject(card, L2TPCARD_INJECT_SESSION_PPP, 42, f, 10);
        }
        CU_ASSERT_EQUAL(st, L2TPCARD_OK);
        if (fake.sent_n > 40)
            fake.sent_n = 16; /* keep the log bounded */
    }
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_CHANNEL_PPP, 31, f, 10), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 10, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(fake.sent[fake.sent_n - 1].meta, CARD_INJECT_KIND_CHANNEL_PPP << 16 | 31);
    CU_ASSERT_EQUAL(fake.sent[fake.sent_n - 2].meta, CARD_INJECT_KIND_SESSION_PPP << 16 | 42);
    close_down(card);
}

static void test_inject_errors(void)
{
    struct l2tpcard *card = open_up(4);
    uint8_t f[4096] = {0};
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 0), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 2049), L2TPCARD_EINVAL);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "inject: frame of 2049 octets (1..2048)");
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_CHANNEL_PPP, N_CH, f, 10), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_SESSION_PPP, 0, f, 10), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, (enum l2tpcard_inject_kind)9, 0, f, 10), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, NULL, 10), L2TPCARD_EINVAL);
    CU_ASSERT_EQUAL(REG(INJECT, CARD_INJECT_TAIL), 0); /* nothing queued */
    /* a card HEAD beyond what was posted is caught (HEAD is read when the
     * ring looks full) */
    fake.stall_inject = true;
    for (int i = 0; i < 16; i++)
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 10), L2TPCARD_OK);
    REG(INJECT, CARD_INJECT_HEAD) = 17;
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, 10), L2TPCARD_EHW);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card),
                           "inject ring: card HEAD 0x00000011 outside 0x00000000..0x00000010");
    REG(INJECT, CARD_INJECT_HEAD) = 0;
    fake.stall_inject = false;
    close_down(card);
}

static void test_wait_and_reset_mid_traffic(void)
{
    struct l2tpcard *card = open_up(4);
    unsigned events = 99;
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 2, &events), L2TPCARD_ETIMEDOUT);
    CU_ASSERT_EQUAL(events, 0);
    CU_ASSERT_STRING_EQUAL(l2tpcard_errmsg(card), "wait: no event 0x1 in 2 ms");
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 0, &events), L2TPCARD_ETIMEDOUT);
    /* frames in the punt ring and inject ring when reset comes */
    for (uint32_t i = 0; i < 5; i++)
        wire_frame(i, CARD_PUNT_CONTROL, 80);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
    fake.stall_inject = true;
    uint8_t f[64] = {1};
    CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, sizeof f), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_reset(card), L2TPCARD_OK);
    fake.stall_inject = false;
    uint8_t buf[2048];
    struct l2tpcard_punt m;
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_EAGAIN); /* gone with reset */
    wire_frame(77, CARD_PUNT_CHANNEL_PPP | 5u << 8, 90);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_recv(card, &m, buf, sizeof buf), L2TPCARD_OK);
    CU_ASSERT_EQUAL(m.reason, L2TPCARD_PUNT_CHANNEL_PPP);
    CU_ASSERT_EQUAL(m.channel, 5);
    CU_ASSERT(frame_is(buf, 90, 77));
    CU_ASSERT_EQUAL(fake.sent_n, 0); /* the stale inject descriptor was never sent */
    /* a DMA error is an event */
    REG(IRQ, CARD_IRQ_CAUSE) |= CARD_IRQ_DMA_ERROR;
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_ERROR, 0, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(events, L2TPCARD_EV_ERROR);
    CU_ASSERT_EQUAL(REG(IRQ, CARD_IRQ_CAUSE), 0); /* acknowledged */
    close_down(card);
}

/* MMIO per frame: a posted TAIL write each; HEAD (a read, a bus round
 * trip) once per burst on punt, only when the ring looks full on inject. */
static void test_mmio_per_frame(void)
{
    struct l2tpcard *card = open_up(6); /* 64 descriptors */
    uint8_t buf[2048];
    struct l2tpcard_punt m;
    unsigned events;
    for (uint32_t i = 0; i < 48; i++)
        wire_frame(i, CARD_PUNT_CONTROL, 100);
    fake_run(); /* the card punts them */
    fake.head_reads = fake.tail_writes = 0;
    unsigned got = 0;
    while (l2tpcard_recv(card, &m, buf, sizeof buf) == L2TPCARD_OK)
        got++;
    CU_ASSERT_EQUAL(got, 48);
    CU_ASSERT_EQUAL(fake.tail_writes, 48);
    CU_ASSERT_EQUAL(fake.head_reads, 2); /* the burst, then the empty ring */
    printf("[punt: %u frames, %u HEAD reads, %u TAIL writes] ", got, fake.head_reads,
           fake.tail_writes);
    fake.head_reads = fake.tail_writes = 0;
    for (uint32_t i = 0; i < 48; i++)
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, buf, 100), L2TPCARD_OK);
    CU_ASSERT_EQUAL(fake.tail_writes, 48);
    CU_ASSERT_EQUAL(fake.head_reads, 0);
    printf("[inject: 48 frames, %u HEAD reads, %u TAIL writes] ", fake.head_reads,
           fake.tail_writes);
    /* progress is reported once by wait, and reclaims the slots */
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 10, &events), L2TPCARD_OK);
    CU_ASSERT_EQUAL(l2tpcard_wait(card, L2TPCARD_EV_INJECT, 1, &events), L2TPCARD_ETIMEDOUT);
    for (uint32_t i = 0; i < 64; i++) /* the whole ring is free again */
        CU_ASSERT_EQUAL(l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, buf, 100), L2TPCARD_OK);
    close_down(card);
}

void register_suites(void)
{
    static const CU_TestInfo bringup[] = {
        {"reset: rings posted, datapath enabled, timeout", test_reset},
        {"ring options out of range", test_ring_options},
        {"net configuration, interrupt moderation", test_net_config},
        {"global counters: every one at its offset", test_counters},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo sessions[] = {
        {"program, read back, clear", test_session_program_read},
        {"per-session counters, kept or zeroed", test_session_counters},
        {"read-back mismatch, refused index, bad arguments", test_session_errors},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo frames[] = {
        {"punt ring wraps, frames intact and in order", test_punt_wraps},
        {"punt burst beyond the ring; small caller buffer", test_punt_burst_and_small_buffer},
        {"inject ring full, then drained; kinds and targets", test_inject_full_and_drain},
        {"inject argument checks; implausible HEAD", test_inject_errors},
        {"wait timeout; reset with frames in flight; DMA error", test_wait_and_reset_mid_traffic},
        {"MMIO accesses per frame", test_mmio_per_frame},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("driver card bring-up", bringup);
    UNIT_SUITE("driver session table", sessions);
    UNIT_SUITE("driver frames", frames);
}
