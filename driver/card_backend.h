/* What a backend provides, and the handle every part of the driver shares.
 *
 * ixy style: one device struct with a table of operations. The backends
 * differ only in how BAR0 registers and DMA memory are reached and how time
 * passes (real hardware sleeps; a simulated card is clocked by the driver),
 * so the ops are exactly that. Everything above the registers (block chain,
 * reset, session table, counters, rings) is written once, in card_*.c, from
 * hw/regmap.md, and serves every backend alike. */
#ifndef DRIVER_CARD_BACKEND_H
#define DRIVER_CARD_BACKEND_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "card_regs.h"
#include "l2tpcard.h"

/* Host memory the card reaches by DMA. */
struct card_dma {
    void *virt;
    uint64_t bus;             /* the address the card uses */
    size_t size;
};

struct card_backend_ops {
    const char *name;         /* the spec prefix: "pci" */
    /* Fills card->priv and card->desc; on failure reports with card_fail()
     * and leaves nothing to free. */
    l2tpcard_status (*open)(struct l2tpcard *card, const struct l2tpcard_spec *spec,
                            const struct l2tpcard_options *opts);
    void (*close)(struct l2tpcard *card);
    /* BAR0 access at a byte offset (4-aligned, below CARD_BAR0_SIZE). */
    uint32_t (*read32)(struct l2tpcard *card, uint32_t off);
    void (*write32)(struct l2tpcard *card, uint32_t off, uint32_t val);
    /* At most one page of memory the card can reach, zeroed. */
    l2tpcard_status (*dma_alloc)(struct l2tpcard *card, size_t size, struct card_dma *out);
    void (*dma_free)(struct l2tpcard *card, struct card_dma *mem);
    /* Lets up to max_us microseconds pass. */
    void (*idle)(struct l2tpcard *card, unsigned max_us);
};

/* The backends of this build (pci_backend.c; model_backend.c and
 * rtl_backend.c, the simulated cards of sim_card.c). */
extern const struct card_backend_ops card_pci_backend;
extern const struct card_backend_ops card_model_backend;

/* A descriptor ring in host memory plus the driver's indices
 * (free-running, driver/ring.h). */
struct card_ring {
    struct card_dma desc;     /* 2^log2 descriptors of CARD_DESC_SIZE */
    struct card_dma *bufs;    /* one page per two 2 KiB buffers (punt) or per frame slot */
    size_t n_bufs;
    uint32_t log2;
    uint32_t head, tail;      /* next to take (punt) or oldest in flight (inject); next to post */
    uint32_t hw_head;         /* the card's HEAD when last read */
    uint32_t buf_size;
};

/* Block numbers: bits 15:0 of the type (hw/regmap.md), 1..CARD_N_BLOCKS. */
#define CARD_BLK_NUM(type) ((uint32_t)(type) & 0xFFFFu)
#define CARD_N_BLOCKS 8u

struct l2tpcard {
    const struct card_backend_ops *ops;
    void *priv;               /* the backend's own state */
    char desc[64];            /* "pci 0000:03:00.0" */
    char errmsg[256];
    struct l2tpcard_options opts;
    uint32_t blk_base[CARD_N_BLOCKS]; /* BAR0 base of each block, by block number - 1 */
    uint32_t sessions;        /* session table depth (ID block), read by the chain walk */
    uint32_t n_channels;
    bool up;                  /* rings set up by l2tpcard_reset() */
    struct card_ring punt, inject;
};


/* Opens a handle on the given backend (what l2tpcard_open does after
 * parsing the spec); for in-process backends and tests of the layers above
 * the registers. */
l2tpcard_status card_open_backend(const struct card_backend_ops *ops,
                                  const struct l2tpcard_spec *spec,
                                  const struct l2tpcard_options *opts, struct l2tpcard **card,
                                  struct l2tpcard_error *err);

/* Records a failure on the handle and returns status. */
l2tpcard_status card_fail(struct l2tpcard *card, l2tpcard_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same into an l2tpcard_error (may be NULL), for code without a handle. */
l2tpcard_status card_error_set(struct l2tpcard_error *err, l2tpcard_status status,
                               const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Register access by block and offset within it. */
uint32_t card_rd(struct l2tpcard *card, uint32_t blk_type, uint32_t off);
void card_wr(struct l2tpcard *card, uint32_t blk_type, uint32_t off, uint32_t val);

/* Walks the block chain from offset 0 (hw/regmap.md "The block chain") and
 * records each known block's base; EHW on a loop, a pointer outside BAR0,
 * an unknown major version, or a missing block. */
l2tpcard_status card_chain_walk(struct l2tpcard *card);

/* Polls blk/off until (value & mask) == want, letting time pass via idle;
 * ETIMEDOUT after timeout_us, naming `what`. */
l2tpcard_status card_poll(struct l2tpcard *card, uint32_t blk_type, uint32_t off, uint32_t mask,
                          uint32_t want, unsigned timeout_us, const char *what);

/* Rings (card_rings.c): set up after reset, torn down at close. */
l2tpcard_status card_rings_start(struct l2tpcard *card);
void card_rings_stop(struct l2tpcard *card);

#endif
