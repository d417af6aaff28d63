/* The card's BAR0 register map as C constants: the same blocks, offsets and
 * access kinds as hw/regmap.md, which explains each register. The tables are
 * X-macros so that tests/unit/test_driver_regmap.c can hold every row
 * against the markdown (neither may gain a row the other lacks).
 *
 * Register offsets are relative to their block's base; the driver finds the
 * base by walking the block chain (hw/regmap.md, "The block chain"). */
#ifndef DRIVER_CARD_REGS_H
#define DRIVER_CARD_REGS_H

#include <stdint.h>

/* PLACEHOLDER PCI IDs (hw/regmap.md "PCI identity"): not assigned to this
 * product. The only place they are defined; replace before shipping. */
#define CARD_PCI_VENDOR_ID 0x1234u
#define CARD_PCI_DEVICE_ID 0x4C32u

/* N_CH limit: the punt descriptor carries the channel in 8 bits. */
#define CARD_MAX_CHANNELS 256u

/* Size of BAR0 the card needs (every block fits below it). */
#define CARD_BAR0_SIZE 0x10000u

/* X(name, base in RTL v1, type, version) */
#define CARD_BLOCKS(X)                                                                            \
    X(ID, 0x0000, 0x4C320001, 0x00010000)                                                         \
    X(CTRL, 0x0100, 0x4C320002, 0x00010000)                                                       \
    X(DP, 0x0200, 0x4C320003, 0x00010000)                                                         \
    X(SESS, 0x0300, 0x4C320004, 0x00010000)                                                       \
    X(CNT, 0x0400, 0x4C320005, 0x00010000)                                                        \
    X(PUNT, 0x0600, 0x4C320006, 0x00010000)                                                       \
    X(INJECT, 0x0700, 0x4C320007, 0x00010000)                                                     \
    X(IRQ, 0x0800, 0x4C320008, 0x00010000)

/* X(block or layout, register, offset, access); the constant is
 * CARD_<block>_<register>, e.g. CARD_SESS_ENT_FLAGS. */
#define CARD_REGS(X)                                                                              \
    X(BLK, TYPE, 0x00, RO)                                                                        \
    X(BLK, VERSION, 0x04, RO)                                                                     \
    X(BLK, NEXT, 0x08, RO)                                                                        \
                                                                                                  \
    X(ID, VENDOR_DEVICE, 0x0C, RO)                                                                \
    X(ID, RTL_VERSION, 0x10, RO)                                                                  \
    X(ID, BUILD_ID, 0x14, RO)                                                                     \
    X(ID, DATA_W, 0x18, RO)                                                                       \
    X(ID, N_CH, 0x1C, RO)                                                                         \
    X(ID, SESS_AW, 0x20, RO)                                                                      \
    X(ID, CLK_HZ, 0x24, RO)                                                                       \
                                                                                                  \
    X(CTRL, CTRL, 0x0C, RW)                                                                       \
    X(CTRL, STATUS, 0x10, RO)                                                                     \
    X(CTRL, SCRATCH, 0x14, RW)                                                                    \
                                                                                                  \
    X(DP, L2TP_PORT, 0x0C, RW)                                                                    \
    X(DP, LOCAL_IP, 0x10, RW)                                                                     \
    X(DP, LOCAL_MAC_HI, 0x14, RW)                                                                 \
    X(DP, LOCAL_MAC_LO, 0x18, RW)                                                                 \
    X(DP, POLICY, 0x1C, RW)                                                                       \
    X(DP, UNBOUND_MRU, 0x20, RW)                                                                  \
    X(DP, UNBOUND_ACCM, 0x24, RW)                                                                 \
                                                                                                  \
    X(SESS, INDEX, 0x0C, RW)                                                                      \
    X(SESS, CMD, 0x10, RWSC)                                                                      \
    X(SESS, STATUS, 0x14, RO)                                                                     \
    X(SESS, ENT_FLAGS, 0x20, RW)                                                                  \
    X(SESS, ENT_LOCAL_IDS, 0x24, RW)                                                              \
    X(SESS, ENT_PEER_IDS, 0x28, RW)                                                               \
    X(SESS, ENT_BINDING, 0x2C, RW)                                                                \
    X(SESS, ENT_LOCAL_MAC_HI, 0x30, RW)                                                           \
    X(SESS, ENT_LOCAL_MAC_LO, 0x34, RW)                                                           \
    X(SESS, ENT_PEER_MAC_HI, 0x38, RW)                                                            \
    X(SESS, ENT_PEER_MAC_LO, 0x3C, RW)                                                            \
    X(SESS, ENT_LOCAL_IP, 0x40, RW)                                                               \
    X(SESS, ENT_PEER_IP, 0x44, RW)                                                                \
    X(SESS, ENT_UDP_PORTS, 0x48, RW)                                                              \
    X(SESS, ENT_TTL_VLAN, 0x4C, RW)                                                               \
    X(SESS, ENT_TX_ACCM, 0x50, RW)                                                                \
    X(SESS, ENT_RX_ACCM, 0x54, RW)                                                                \
    X(SESS, ENT_SEQ, 0x58, RW)                                                                    \
    X(SESS, ENT_RX_PACKETS, 0x60, RO)                                                             \
    X(SESS, ENT_RX_BYTES_LO, 0x64, RO)                                                            \
    X(SESS, ENT_RX_BYTES_HI, 0x68, RO)                                                            \
    X(SESS, ENT_TX_PACKETS, 0x6C, RO)                                                             \
    X(SESS, ENT_TX_BYTES_LO, 0x70, RO)                                                            \
    X(SESS, ENT_TX_BYTES_HI, 0x74, RO)                                                            \
    X(SESS, ENT_DROPS, 0x78, RO)                                                                  \
    X(SESS, ENT_OUT_OF_ORDER, 0x7C, RO)                                                           \
                                                                                                  \
    X(CNT, CNT_CTRL, 0x0C, RWSC)                                                                  \
    X(CNT, NET_RX_OK, 0x40, RO)                                                                   \
    X(CNT, NET_RX_NON_IPV4, 0x44, RO)                                                             \
    X(CNT, NET_RX_NOT_UDP, 0x48, RO)                                                              \
    X(CNT, NET_RX_OTHER_PORT, 0x4C, RO)                                                           \
    X(CNT, NET_RX_OTHER_IP, 0x50, RO)                                                             \
    X(CNT, NET_RX_RUNT, 0x54, RO)                                                                 \
    X(CNT, NET_RX_BAD_IPV4_HEADER, 0x58, RO)                                                      \
    X(CNT, NET_RX_BAD_IPV4_LENGTH, 0x5C, RO)                                                      \
    X(CNT, NET_RX_BAD_IPV4_CHECKSUM, 0x60, RO)                                                    \
    X(CNT, NET_RX_FRAGMENT, 0x64, RO)                                                             \
    X(CNT, NET_RX_BAD_UDP_LENGTH, 0x68, RO)                                                       \
    X(CNT, NET_RX_BAD_L2TP_VERSION, 0x6C, RO)                                                     \
    X(CNT, NET_RX_BAD_L2TP_LENGTH, 0x70, RO)                                                      \
    X(CNT, NET_RX_BAD_CONTROL_FLAGS, 0x74, RO)                                                    \
    X(CNT, NET_RX_OFFSET_PAST_END, 0x78, RO)                                                      \
    X(CNT, SESS_UNKNOWN, 0x80, RO)                                                                \
    X(CNT, SESS_WRONG_TUNNEL, 0x84, RO)                                                           \
    X(CNT, SESS_OUT_OF_ORDER, 0x88, RO)                                                           \
    X(CNT, CHAN_FIFO_FULL, 0x8C, RO)                                                              \
    X(CNT, HDLC_BAD_FCS, 0x90, RO)                                                                \
    X(CNT, HDLC_ABORT, 0x94, RO)                                                                  \
    X(CNT, HDLC_RUNT, 0x98, RO)                                                                   \
    X(CNT, HDLC_TOO_LONG, 0x9C, RO)                                                               \
    X(CNT, HDLC_ACCM_DISCARD, 0xA0, RO)                                                           \
    X(CNT, PUNT_FRAMES, 0xA4, RO)                                                                 \
    X(CNT, PUNT_RING_FULL, 0xA8, RO)                                                              \
    X(CNT, INJECT_FRAMES, 0xAC, RO)                                                               \
    X(CNT, INJECT_BAD_DESC, 0xB0, RO)                                                             \
    X(CNT, NET_TX_FRAMES, 0xB4, RO)                                                               \
    X(CNT, PUNT_TOO_LONG, 0xB8, RO)                                                               \
    X(CNT, NET_RX_FRAME_FIFO_FULL, 0xBC, RO)                                                      \
    X(CNT, DISPATCH_BAD_CHANNEL, 0xC0, RO)                                                        \
    X(CNT, SESS_CHAN_STEAL, 0xC4, RO)                                                             \
    X(CNT, SESS_BAD_CHANNEL, 0xC8, RO)                                                            \
    X(CNT, ENCAP_LEN_MISMATCH, 0xCC, RO)                                                          \
    X(CNT, ACCESS_RX_OVERFLOW, 0xD0, RO)                                                          \
                                                                                                  \
    X(PUNT, BASE_LO, 0x0C, RW)                                                                    \
    X(PUNT, BASE_HI, 0x10, RW)                                                                    \
    X(PUNT, SIZE_LOG2, 0x14, RW)                                                                  \
    X(PUNT, HEAD, 0x18, RO)                                                                       \
    X(PUNT, TAIL, 0x1C, RW)                                                                       \
    X(PUNT, RING_CTRL, 0x20, RW)                                                                  \
    X(PUNT, MAX_LOG2, 0x24, RO)                                                                   \
                                                                                                  \
    X(INJECT, BASE_LO, 0x0C, RW)                                                                  \
    X(INJECT, BASE_HI, 0x10, RW)                                                                  \
    X(INJECT, SIZE_LOG2, 0x14, RW)                                                                \
    X(INJECT, HEAD, 0x18, RO)                                                                     \
    X(INJECT, TAIL, 0x1C, RW)                                                                     \
    X(INJECT, RING_CTRL, 0x20, RW)                                                                \
    X(INJECT, MAX_LOG2, 0x24, RO)                                                                 \
                                                                                                  \
    X(IRQ, CAUSE, 0x0C, RW1C)                                                                     \
    X(IRQ, MASK, 0x10, RW)                                                                        \
    X(IRQ, MOD_CYCLES, 0x14, RW)                                                                  \
    X(IRQ, MOD_COUNT, 0x18, RW)                                                                   \
                                                                                                  \
    X(PUNT_DESC, ADDR_LO, 0x00, HW)                                                               \
    X(PUNT_DESC, ADDR_HI, 0x04, HW)                                                               \
    X(PUNT_DESC, LEN, 0x08, HW)                                                                   \
    X(PUNT_DESC, META, 0x0C, CW)                                                                  \
                                                                                                  \
    X(INJECT_DESC, ADDR_LO, 0x00, HW)                                                             \
    X(INJECT_DESC, ADDR_HI, 0x04, HW)                                                             \
    X(INJECT_DESC, LEN, 0x08, HW)                                                                 \
    X(INJECT_DESC, TARGET, 0x0C, HW)

#define CARD_REG_ENUM_(blk, name, off, acc) CARD_##blk##_##name = (off),
enum card_reg { CARD_REGS(CARD_REG_ENUM_) };
#undef CARD_REG_ENUM_

#define CARD_BLK_ENUM_(name, base, type, version)                                                 \
    CARD_BLK_##name##_BASE = (base), CARD_BLK_##name##_TYPE = (type),                             \
    CARD_BLK_##name##_VERSION = (version),
enum card_block { CARD_BLOCKS(CARD_BLK_ENUM_) };
#undef CARD_BLK_ENUM_

/* Major version: bits 31:16 of a block version (hw/regmap.md). */
#define CARD_VERSION_MAJOR(v) ((uint32_t)(v) >> 16)

/* ---- Fields (hw/regmap.md explains each) ---- */

/* CTRL.CTRL and CTRL.STATUS */
#define CARD_CTRL_RESET 0x1u
#define CARD_CTRL_ENABLE 0x2u
#define CARD_STATUS_READY 0x1u
#define CARD_STATUS_DMA_ERROR 0x2u

/* DP.POLICY */
#define CARD_POLICY_MATCH_LOCAL_IP 0x01u
#define CARD_POLICY_PUNT_NOT_FOR_US 0x02u
#define CARD_POLICY_PUNT_MALFORMED 0x04u
#define CARD_POLICY_PUNT_UNKNOWN_SESSION 0x08u
#define CARD_POLICY_PUNT_FRAGMENTS 0x10u

/* SESS.CMD and SESS.STATUS */
#define CARD_SESS_CMD_COMMIT 1u
#define CARD_SESS_CMD_READ 2u
#define CARD_SESS_CMD_CLEAR 3u
#define CARD_SESS_CMD_ZERO_COUNTERS 0x100u
#define CARD_SESS_STATUS_BUSY 0x1u
#define CARD_SESS_STATUS_BAD_INDEX 0x2u
#define CARD_SESS_STATUS_BAD_CMD 0x4u

/* SESS.ENT_FLAGS */
#define CARD_ENT_VALID 0x01u
#define CARD_ENT_BIND_HOST 0x02u
#define CARD_ENT_FCS32 0x04u
#define CARD_ENT_SEQ_TX 0x08u
#define CARD_ENT_SEQ_RX 0x10u
#define CARD_ENT_VLAN 0x20u

/* The staging words COMMIT moves: ENT_FLAGS through ENT_SEQ. */
#define CARD_SESS_ENT_FIRST CARD_SESS_ENT_FLAGS
#define CARD_SESS_ENT_LAST CARD_SESS_ENT_SEQ

/* CNT.CNT_CTRL */
#define CARD_CNT_SNAPSHOT 0x1u
#define CARD_CNT_CLEAR 0x2u

/* PUNT/INJECT RING_CTRL */
#define CARD_RING_ENABLE 0x1u

/* IRQ.CAUSE / IRQ.MASK */
#define CARD_IRQ_PUNT 0x1u
#define CARD_IRQ_INJECT 0x2u
#define CARD_IRQ_DMA_ERROR 0x4u
#define CARD_IRQ_RESET_DONE 0x8u

/* Descriptors (16 bytes, little-endian) */
#define CARD_DESC_SIZE 16u

/* INJECT_DESC.LEN bits 23:16 */
#define CARD_INJECT_KIND_NET 1u
#define CARD_INJECT_KIND_CHANNEL_PPP 2u
#define CARD_INJECT_KIND_SESSION_PPP 3u

/* PUNT_DESC.META bits 7:0: the punt reason (hw/regmap.md "Punt reasons").
 * The one numbering of RTL (hw/l2tp_card_pkg.sv PUNT_*), model, driver
 * (l2tpcard.h L2TPCARD_PUNT_*) and cardsim; tests/unit/test_driver_regmap.c
 * holds them all, and the regmap table, to the same values. */
#define CARD_PUNT_CONTROL 1u
#define CARD_PUNT_SESSION_PPP 2u
#define CARD_PUNT_CHANNEL_PPP 3u
#define CARD_PUNT_NOT_FOR_US 4u
#define CARD_PUNT_MALFORMED 5u
#define CARD_PUNT_UNKNOWN_SESSION 6u
#define CARD_PUNT_FRAGMENT 7u

/* What a punted frame is (the core's m_punt_tuser_kind, hw/l2tp_card_pkg.sv
 * DISPATCH_PUNT_KIND_*; cardsim's punt files): the reason implies it, so
 * PUNT_DESC does not carry it. */
#define CARD_PUNT_KIND_NET 0u /* the whole NET frame, untouched */
#define CARD_PUNT_KIND_PPP 1u /* a PPP frame, encapsulation stripped */
#define CARD_PUNT_KIND_OF(reason)                                                                 \
    ((reason) == CARD_PUNT_SESSION_PPP || (reason) == CARD_PUNT_CHANNEL_PPP ? CARD_PUNT_KIND_PPP \
                                                                             : CARD_PUNT_KIND_NET)

#endif
