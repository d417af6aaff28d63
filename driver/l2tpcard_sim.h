/* l2tpcard_sim: the simulated cards' ports to the world.
 *
 * The "rtl" (Verilated hw/l2tp_card.sv) and "model" (model/l2tp_card.c)
 * backends run the card in-process. The host side works as on hardware,
 * through l2tpcard.h (registers, session table, punt/inject rings in host
 * memory served by the backend). What a real card has besides the PCIe
 * side, the NET port (Ethernet) and the ACCESS channels (the users' serial
 * lines), is reached through this extension, so a program (l2tpd, tests)
 * can attach a wire between two cards, a UDP socket, or a user's line.
 *
 * Time: the card runs only when the driver lets it. Every register access
 * is a few clock cycles; idling (l2tpcard_wait, the reset's polling) runs
 * cycles at the card's CLK_HZ (ID block) as virtual time, and returns early
 * on an interrupt; l2tpcard_sim_run() runs cycles explicitly. Frames pushed
 * here enter the card as it takes them (valid/ready), frames it sends wait
 * in queues until pulled; a full output queue backpressures the card
 * (nothing is lost).
 *
 * Host memory for DMA: ordinary heap memory of the backend, whose bus
 * address is its offset in a simulated host-memory space (page 0 never
 * handed out). Reads are answered after a configurable latency, in order or
 * out of order (l2tpcard_sim_dma_config); an access outside the allocated
 * pages fails as on a real bus (read: completion with error; write:
 * dropped) and is counted.
 *
 * Every function returns EINVAL on a card that is not simulated. */
#ifndef DRIVER_L2TPCARD_SIM_H
#define DRIVER_L2TPCARD_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"

/* True for a handle of the rtl or model backend. */
bool l2tpcard_is_sim(const struct l2tpcard *card);

/* Queues one Ethernet frame (14..16384 octets, copied) for the card's NET
 * input; it enters as the card takes it. */
l2tpcard_status l2tpcard_sim_net_push(struct l2tpcard *card, const uint8_t *frame, size_t len);

/* Takes the oldest frame the card sent on NET: copied into buf, *len set.
 * EAGAIN when none; EINVAL (frame consumed, *len set) when cap is too small. */
l2tpcard_status l2tpcard_sim_net_pull(struct l2tpcard *card, uint8_t *buf, size_t cap,
                                      size_t *len);

/* Queues octets for ACCESS channel `ch` (the user's line toward the card). */
l2tpcard_status l2tpcard_sim_access_push(struct l2tpcard *card, unsigned ch,
                                         const uint8_t *octets, size_t n);

/* Takes up to cap octets the card sent on ACCESS channel `ch`; *n set
 * (0: none waiting). */
l2tpcard_status l2tpcard_sim_access_pull(struct l2tpcard *card, unsigned ch, uint8_t *buf,
                                         size_t cap, size_t *n);

/* What the simulated host has queued for the card that the card has not
 * taken yet: NET frames (one partly taken counts) and ACCESS octets, all
 * channels. A caller clocking the card until it is quiet must not call it
 * quiet while input waits: one octet enters an ACCESS channel per cycle, so
 * a long PPP frame spends more cycles entering than the card needs to
 * answer anything (host/l2tpd/card_if.c). Either pointer may be NULL. */
l2tpcard_status l2tpcard_sim_input_pending(struct l2tpcard *card, size_t *net_frames,
                                           size_t *access_octets);

/* Runs `cycles` clock cycles. */
l2tpcard_status l2tpcard_sim_run(struct l2tpcard *card, uint64_t cycles);

/* How the simulated host serves the card's DMA reads: completions start
 * `latency` cycles after the request; out_of_order: the beats of different
 * requests interleave in a random order (seeded; in order within one
 * request, as PCIe guarantees per tag). Default: latency 64, in order. */
l2tpcard_status l2tpcard_sim_dma_config(struct l2tpcard *card, unsigned latency,
                                        bool out_of_order, uint64_t seed);

/* Stress: each cycle, with gap_pct percent probability an input (NET,
 * each ACCESS channel) holds back its data (a valid gap), and with
 * backpressure_pct percent an output (NET, each ACCESS channel, the DMA
 * read request and write ports) is not ready. Both 0 (the default): the
 * host side is always ready. At most 90 each. Seeded by dma_config's seed. */
l2tpcard_status l2tpcard_sim_chaos(struct l2tpcard *card, unsigned gap_pct,
                                   unsigned backpressure_pct);

/* The next n DMA reads the card issues complete with an error (as a PCIe
 * Unsupported Request / Completer Abort would), whatever their address:
 * the card's error path (rings stop, CAUSE.DMA_ERROR, l2tpcard_wait's
 * L2TPCARD_EV_ERROR, recovery by l2tpcard_reset). */
l2tpcard_status l2tpcard_sim_dma_fail_reads(struct l2tpcard *card, unsigned n);

/* What the card and host did since open. */
struct l2tpcard_sim_stats {
    uint64_t cycles;
    uint64_t mmio_reads, mmio_writes;         /* BAR0 accesses */
    uint64_t dma_reads, dma_read_beats;       /* read requests, completion beats */
    uint64_t dma_write_beats;                 /* write beats (each a posted write) */
    uint64_t dma_errors;    /* failed accesses: outside host memory, or made to fail */
    uint64_t dma_forced_errors;               /* of which made to fail */
    uint64_t irqs;                            /* interrupt pulses */
    uint64_t net_in_frames, net_out_frames;
};

l2tpcard_status l2tpcard_sim_stats(struct l2tpcard *card, struct l2tpcard_sim_stats *out);

#endif
