/* l2tpcard: the host's one door to the L2TP offload card.
 *
 * The card moves every L2TP data packet itself (hw/ARCHITECTURE.md); the host
 * only programs it and exchanges with it the frames the card does not handle:
 * control messages and PPP negotiation ("punted" to the host), and frames the
 * host sends ("injected"). This library is all the host needs for that.
 *
 *   struct l2tpcard *card;
 *   struct l2tpcard_error err;
 *   if (l2tpcard_open("pci:auto", NULL, &card, &err) != L2TPCARD_OK) {
 *       fprintf(stderr, "%s\n", err.msg);          // says what and why
 *       return 1;
 *   }
 *   l2tpcard_reset(card);
 *   l2tpcard_session_program(card, &session);      // data now flows in hardware
 *   ...
 *   if (l2tpcard_recv(card, &meta, buf, sizeof buf) == L2TPCARD_OK) ...
 *   l2tpcard_close(card);
 *
 * Backends, chosen by the spec string given to l2tpcard_open():
 *   "pci:auto"           the one card on the PCI bus (found by vendor/device
 *                        ID with libpci; several cards: an error lists them)
 *   "pci:0000:03:00.0"   the card at that domain:bus:device.function
 *                        ("pci:03:00.0" means domain 0)
 *   "model"              the card's cycle-accurate C model, in-process, with
 *                        the RTL card's sizes N_CH 32, SESS_AW 12 (4096
 *                        sessions); "model:n_ch=8,sess_aw=14" chooses them
 *                        (N_CH a power of two up to 32, SESS_AW 2..16)
 *   "rtl"                the Verilated RTL (hw/l2tp_card.sv) at N_CH 32,
 *                        SESS_AW 12, in-process; only in programs linked with
 *                        it (driver/sim.mk)
 * l2tpcard_backends() lists what this build has. The simulated cards run
 * only while the driver talks to them or waits (virtual time at their
 * CLK_HZ); their NET and ACCESS ports, DMA timing and statistics are in
 * l2tpcard_sim.h.
 *
 * Errors: every call returns an l2tpcard_status; on failure the handle keeps
 * a one-line message (what failed, on which file or register, and the OS
 * reason) for l2tpcard_errmsg(). Nothing is printed, nothing is global: two
 * handles never share state. A handle is not thread-safe; use one per thread
 * or lock around it.
 *
 * Registers, the session table and descriptor layouts: hw/regmap.md. */
#ifndef DRIVER_L2TPCARD_H
#define DRIVER_L2TPCARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    L2TPCARD_OK = 0,
    L2TPCARD_EINVAL = -1,    /* bad argument or spec string */
    L2TPCARD_ENODEV = -2,    /* no such card, or a device that is not the card */
    L2TPCARD_EACCES = -3,    /* permission denied (most steps of `pci` need root) */
    L2TPCARD_EBUSY = -4,     /* device bound to a kernel driver; or several cards for "auto" */
    L2TPCARD_EIOMMU = -5,    /* an IOMMU translates DMA: needs VFIO */
    L2TPCARD_EBAR = -6,      /* BAR0 missing, not memory, or too small */
    L2TPCARD_EIO = -7,       /* a system call failed (message has the OS reason) */
    L2TPCARD_ENOMEM = -8,    /* out of memory, or pinned/huge pages not available */
    L2TPCARD_EHW = -9,       /* the card misbehaves: bad block chain, unknown version,
                                read-back differs, DMA error */
    L2TPCARD_ETIMEDOUT = -10,/* the card did not finish in time; or nothing happened */
    L2TPCARD_EAGAIN = -11,   /* nothing to receive, or no room to inject: try later */
} l2tpcard_status;

/* Name of a status ("no device", ...). */
const char *l2tpcard_status_name(l2tpcard_status status);

/* Where l2tpcard_open() reports a failure (there is no handle yet). */
struct l2tpcard_error {
    l2tpcard_status status;
    char msg[256];
};

/* Options of l2tpcard_open(); NULL or zeroed fields mean the defaults. */
struct l2tpcard_options {
    /* Root of sysfs ("/sys"). Tests point it at a directory they build. */
    const char *sysfs_root;
    /* A file in `lspci -xxx` format to discover from, through libpci's dump
     * access method, instead of the real bus (tests and offline checks). */
    const char *pci_dump;
    /* Ring sizes as log2 of descriptor counts (default 8: 256 descriptors)
     * and the punt buffer size in octets (default 2048; at most 4096). */
    unsigned punt_ring_log2;
    unsigned inject_ring_log2;
    unsigned punt_buf_size;
};

struct l2tpcard;

/* Names of the backends this build has, NULL-terminated
 * ({"pci", "model", "rtl", NULL}; "rtl" only when linked in). */
const char *const *l2tpcard_backends(void);

/* Opens the card named by spec (see the top of this file), maps its
 * registers and walks its register block chain (hw/regmap.md). The card
 * is not reset: call l2tpcard_reset() to start from a known state.
 * On failure *card is NULL and err (if not NULL) says why. */
l2tpcard_status l2tpcard_open(const char *spec, const struct l2tpcard_options *opts,
                              struct l2tpcard **card, struct l2tpcard_error *err);

/* Stops the rings, unmaps and frees everything; NULL is fine. */
void l2tpcard_close(struct l2tpcard *card);

/* The last failure's message on this handle ("" after success). */
const char *l2tpcard_errmsg(const struct l2tpcard *card);

/* What was opened: "pci 0000:03:00.0". */
const char *l2tpcard_describe(const struct l2tpcard *card);

/* ---- Bring-up ---- */

/* Resets datapath, session table, rings and counters, waits until the card
 * says READY (ETIMEDOUT after 100 ms), checks MMIO with the scratch register,
 * then sets up both rings in host memory, posts the punt buffers and enables
 * the datapath. */
l2tpcard_status l2tpcard_reset(struct l2tpcard *card);

struct l2tpcard_identity {
    uint16_t vendor_id, device_id;
    uint8_t rtl_major, rtl_minor;
    uint16_t rtl_patch;
    uint32_t build_id;        /* RTL source revision */
    uint32_t data_w;          /* NET octets per beat */
    uint32_t n_channels;      /* ACCESS channels */
    uint32_t sessions;        /* session table entries (2^SESS_AW) */
    uint32_t clk_hz;
};

l2tpcard_status l2tpcard_identity(struct l2tpcard *card, struct l2tpcard_identity *id);

/* NET-side configuration of the datapath (hw/regmap.md, block DP). */
struct l2tpcard_net_config {
    uint16_t l2tp_port;       /* 1701 (RFC 2661 §8.1) */
    uint32_t local_ip;        /* host order: 192.0.2.1 is 0xC0000201 */
    uint8_t local_mac[6];
    bool match_local_ip;      /* take L2TP only when addressed to local_ip */
    bool punt_not_for_us, punt_malformed, punt_unknown_session, punt_fragments;
};

l2tpcard_status l2tpcard_net_config_set(struct l2tpcard *card,
                                        const struct l2tpcard_net_config *cfg);

/* ---- Session table ---- */

enum l2tpcard_binding {
    L2TPCARD_BIND_CHANNEL,    /* LAC: PPP goes to/from ACCESS channel `channel` */
    L2TPCARD_BIND_HOST,       /* LNS: PPP goes to/from the host (punt/inject) */
};

/* One entry, indexed by local_session_id (ours to choose, 1..sessions-1). */
struct l2tpcard_session {
    uint16_t local_tunnel_id, local_session_id;
    uint16_t peer_tunnel_id, peer_session_id;
    enum l2tpcard_binding binding;
    uint16_t channel, mru;
    /* Encapsulation template toward the peer (we are the source). */
    uint8_t local_mac[6], peer_mac[6];
    uint32_t local_ip, peer_ip;       /* host order */
    uint16_t local_port, peer_port;
    uint8_t ttl;
    bool vlan;
    uint16_t vlan_tci;
    /* RFC 1662 framing on the ACCESS side. */
    bool fcs32;
    uint32_t tx_accm, rx_accm;
    /* RFC 2661 §5.4 sequencing of data messages. */
    bool seq_tx, seq_rx;
    uint16_t ns, nr;
};

/* Writes the entry into the staging registers with VALID set, commits it
 * (the card swaps it in at once: traffic never sees half of it), reads it
 * back and checks every field (EHW when the card kept something else).
 * The entry's counters are zeroed when zero_counters is true. */
l2tpcard_status l2tpcard_session_program(struct l2tpcard *card, const struct l2tpcard_session *s,
                                         bool zero_counters);

/* Invalidates entry `local_session_id` at once and checks it reads back
 * invalid. Traffic for it then counts as SESS_UNKNOWN. */
l2tpcard_status l2tpcard_session_clear(struct l2tpcard *card, uint16_t local_session_id);

struct l2tpcard_session_counters {
    uint32_t rx_packets, tx_packets, drops, out_of_order;
    uint64_t rx_bytes, tx_bytes;
};

/* Reads entry `local_session_id` (a consistent snapshot of entry and
 * counters). *valid says whether it is in use; s and ctr may be NULL. */
l2tpcard_status l2tpcard_session_read(struct l2tpcard *card, uint16_t local_session_id,
                                      bool *valid, struct l2tpcard_session *s,
                                      struct l2tpcard_session_counters *ctr);

/* ---- Global counters (hw/regmap.md, block CNT) ---- */

/* X(name): the global counters in register order (CNT block). */
#define L2TPCARD_COUNTERS(X)                                                                      \
    X(NET_RX_OK) X(NET_RX_NON_IPV4) X(NET_RX_NOT_UDP) X(NET_RX_OTHER_PORT) X(NET_RX_OTHER_IP)     \
    X(NET_RX_RUNT) X(NET_RX_BAD_IPV4_HEADER) X(NET_RX_BAD_IPV4_LENGTH)                            \
    X(NET_RX_BAD_IPV4_CHECKSUM) X(NET_RX_FRAGMENT) X(NET_RX_BAD_UDP_LENGTH)                       \
    X(NET_RX_BAD_L2TP_VERSION) X(NET_RX_BAD_L2TP_LENGTH) X(NET_RX_BAD_CONTROL_FLAGS)              \
    X(NET_RX_OFFSET_PAST_END) X(SESS_UNKNOWN) X(SESS_WRONG_TUNNEL) X(SESS_OUT_OF_ORDER)           \
    X(CHAN_FIFO_FULL) X(HDLC_BAD_FCS) X(HDLC_ABORT) X(HDLC_RUNT) X(HDLC_TOO_LONG)                 \
    X(HDLC_ACCM_DISCARD) X(PUNT_FRAMES) X(PUNT_RING_FULL) X(INJECT_FRAMES) X(INJECT_BAD_DESC)     \
    X(NET_TX_FRAMES) X(PUNT_TOO_LONG) X(NET_RX_FRAME_FIFO_FULL) X(DISPATCH_BAD_CHANNEL)           \
    X(SESS_CHAN_STEAL) X(SESS_BAD_CHANNEL) X(ENCAP_LEN_MISMATCH) X(ACCESS_RX_OVERFLOW)

enum l2tpcard_counter {
#define L2TPCARD_COUNTER_ENUM_(name) L2TPCARD_CNT_##name,
    L2TPCARD_COUNTERS(L2TPCARD_COUNTER_ENUM_)
#undef L2TPCARD_COUNTER_ENUM_
    L2TPCARD_CNT_COUNT
};

/* Name of a counter as the register map names it ("SESS_UNKNOWN"). */
const char *l2tpcard_counter_name(enum l2tpcard_counter c);

/* All global counters, snapshotted together; indexed by l2tpcard_counter. */
l2tpcard_status l2tpcard_counters_read(struct l2tpcard *card,
                                       uint32_t out[L2TPCARD_CNT_COUNT]);

/* ---- Frames to and from the host ---- */

enum l2tpcard_punt_reason {
    L2TPCARD_PUNT_CONTROL = 1,         /* L2TP control message, whole frame */
    L2TPCARD_PUNT_SESSION_PPP = 2,     /* PPP frame of a session bound to the host */
    L2TPCARD_PUNT_CHANNEL_PPP = 3,     /* PPP frame from an unbound ACCESS channel */
    L2TPCARD_PUNT_NOT_FOR_US = 4,      /* policy */
    L2TPCARD_PUNT_MALFORMED = 5,       /* policy */
    L2TPCARD_PUNT_UNKNOWN_SESSION = 6, /* policy */
    L2TPCARD_PUNT_FRAGMENT = 7,        /* policy */
};

struct l2tpcard_punt {
    enum l2tpcard_punt_reason reason;
    uint16_t session;         /* session index, for SESSION_PPP */
    uint16_t channel;         /* ACCESS channel, for CHANNEL_PPP (the descriptor's
                                 META 15:8 on the card; wider for software cards) */
    size_t len;               /* frame length (also when it did not fit buf) */
};

/* Takes the next punted frame: copies it into buf and fills *meta.
 * EAGAIN when none is waiting (not an error: no message); EINVAL (frame
 * consumed, meta->len set) when cap is too small for it. */
l2tpcard_status l2tpcard_recv(struct l2tpcard *card, struct l2tpcard_punt *meta, uint8_t *buf,
                              size_t cap);

enum l2tpcard_inject_kind {
    L2TPCARD_INJECT_NET = 1,           /* a whole Ethernet frame for the NET port */
    L2TPCARD_INJECT_CHANNEL_PPP = 2,   /* a PPP frame the card HDLC-frames onto `target` */
    L2TPCARD_INJECT_SESSION_PPP = 3,   /* a PPP frame the card encapsulates for session `target` */
};

/* Queues one frame of 1..2048 octets (copied; the caller's buffer may be
 * reused at once). EAGAIN when the inject ring is full: nothing was
 * queued, call again after l2tpcard_wait(..., L2TPCARD_EV_INJECT, ...). */
l2tpcard_status l2tpcard_inject(struct l2tpcard *card, enum l2tpcard_inject_kind kind,
                                uint16_t target, const uint8_t *frame, size_t len);

/* ---- Events ---- */

#define L2TPCARD_EV_PUNT 0x1u      /* a punted frame is waiting */
#define L2TPCARD_EV_INJECT 0x2u    /* inject descriptors completed (room again) */
#define L2TPCARD_EV_ERROR 0x4u     /* the card reported a DMA error */

/* Waits until one of the events in `mask` happens or timeout_ms passes
 * (0: just look; negative: forever). *events gets what happened;
 * ETIMEDOUT when nothing did. The pci backend polls the card's interrupt
 * cause register (interrupt delivery to user space needs VFIO). */
l2tpcard_status l2tpcard_wait(struct l2tpcard *card, unsigned mask, int timeout_ms,
                              unsigned *events);

/* Interrupt moderation (hw/regmap.md, block IRQ): at most one interrupt
 * per `cycles` core-clock cycles, earlier once `count` events gathered
 * (0: never earlier). cycles = 0: an interrupt for every event. */
l2tpcard_status l2tpcard_irq_moderation(struct l2tpcard *card, uint32_t cycles, uint32_t count);

/* ---- Spec strings (exposed for tools and tests) ---- */

struct l2tpcard_spec {
    char backend[16];         /* "pci", "model", "rtl" (rtl takes no argument) */
    char args[64];            /* model's argument: "n_ch=N,sess_aw=A" (either, both, or "") */
    bool pci_auto;            /* "pci:auto" */
    int domain, bus, dev, func;
};

/* Parses spec into *out; EINVAL with the reason in err. */
l2tpcard_status l2tpcard_spec_parse(const char *spec, struct l2tpcard_spec *out,
                                    struct l2tpcard_error *err);

#endif
