/* Reliable delivery of L2TP control messages (RFC 2661 §5.8, Appendix A).
 *
 * One l2tp_rel per tunnel. It owns the sequence numbers: the tunnel hands it
 * a built message (Ns/Nr left zero) and it stamps Ns when the message is
 * queued and Nr each time it goes on the wire, so an ack rides on every
 * message sent (piggybacking, §5.8) and a ZLB goes out only when the
 * delayed-ack timer expires with nothing sent.
 *
 * Send side: at most min(CWND, peer's Receive Window Size) messages are
 * outstanding (Appendix A); the rest wait in order. CWND starts at 1 and
 * grows by one per ack while below SSTHRESH (slow start), then by one per
 * CWND acks (congestion avoidance); a retransmission timeout sets SSTHRESH
 * to max(CWND/2, 1) and CWND to 1. The oldest unacked message is resent at
 * 1, 2, 4, 8, 8, ... s (configurable); after max_retries resends without an
 * ack the peer is declared dead (give_up).
 *
 * Receive side: Ns equal to the expected Nr is delivered, then any queued
 * successors; Ns ahead within our window is queued (out of order); Ns
 * behind (a duplicate, §5.8: its ack was probably lost) is dropped and
 * acknowledged at once with a ZLB. Arithmetic is modulo 2^16 as §5.8 says:
 * a value is "behind" when it lies in the 32768 values below Nr. */
#ifndef L2TP_RELIABLE_H
#define L2TP_RELIABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "timer.h"

#define L2TP_REL_DEFAULT_RTO_INITIAL_US (1 * USEC_PER_SEC)
#define L2TP_REL_DEFAULT_RTO_MAX_US (8 * USEC_PER_SEC)
#define L2TP_REL_DEFAULT_MAX_RETRIES 5
#define L2TP_REL_DEFAULT_ACK_DELAY_US 0
#define L2TP_REL_MAX_MSG 4096

struct l2tp_rel_config {
    uint64_t rto_initial_us;
    uint64_t rto_max_us;
    unsigned max_retries;
    /* ZLB delay: 0 sends it as soon as the current input has been handled
     * (a reply sent meanwhile carries the ack instead). */
    uint64_t ack_delay_us;
    uint16_t rx_window;     /* our Receive Window Size (AVP 10): out-of-order slots */
};

struct l2tp_rel_ops {
    /* Puts a stamped message on the wire. */
    void (*xmit)(void *ctx, const uint8_t *buf, size_t len, bool retransmit);
    /* A new message, in order. May call l2tp_rel_send (the reply then
     * carries the ack) or l2tp_rel_stop. */
    void (*deliver)(void *ctx, const uint8_t *buf, size_t len);
    /* A message we sent was acknowledged. */
    void (*acked)(void *ctx, const uint8_t *buf, size_t len);
    /* max_retries resends went unanswered. */
    void (*give_up)(void *ctx);
};

struct l2tp_rel_counters {
    uint64_t tx_msgs, rx_msgs;      /* non-ZLB messages sent (first time) / delivered */
    uint64_t retransmits;
    uint64_t duplicates;            /* received again, acked, dropped */
    uint64_t out_of_order;          /* received ahead of Nr and queued */
    uint64_t outside_window;        /* ahead of our window: dropped */
    uint64_t zlb_tx, zlb_rx;
    uint64_t bad_nr;                /* Nr acknowledging what we never sent */
};

struct l2tp_rel_msg;

struct l2tp_rel {
    struct l2tp_rel_config cfg;
    struct l2tp_rel_ops ops;
    void *ctx;
    struct timer_queue *tq;
    struct timer rtx_timer, ack_timer;

    uint16_t peer_tunnel_id;  /* Tunnel ID put in our ZLBs */
    uint16_t ns_next;         /* Ns of the next message queued */
    uint16_t una;             /* oldest Ns not yet acknowledged */
    uint16_t nr;              /* next Ns expected from the peer */
    uint16_t peer_window;
    uint32_t cwnd, ssthresh, ca_acks;
    unsigned retries;
    uint64_t rto_us;
    bool stopped;
    bool in_input;            /* inside l2tp_rel_input: defer ack to its end */
    bool ack_due;

    struct l2tp_rel_msg *txq, *txq_tail;  /* una first; includes unsent */
    uint16_t n_sent;                       /* on the wire, unacked */
    uint32_t n_queued;
    struct l2tp_rel_msg *rxq;             /* out-of-order, sorted by Ns */
    uint32_t n_rxq;

    struct l2tp_rel_counters cnt;
    uint32_t max_outstanding_seen;
};

void l2tp_rel_config_default(struct l2tp_rel_config *cfg);
void l2tp_rel_init(struct l2tp_rel *r, const struct l2tp_rel_config *cfg,
                   const struct l2tp_rel_ops *ops, void *ctx, struct timer_queue *tq);
/* Frees queues, cancels timers. */
void l2tp_rel_free(struct l2tp_rel *r);

/* Peer's Receive Window Size AVP (0 is illegal per §4.4.3: ignored). */
void l2tp_rel_set_peer_window(struct l2tp_rel *r, uint16_t window);

/* Queues msg (a control message with T,L,S, no O: Ns at 8, Nr at 10) for
 * sending; copies it. Returns 0, or -1 when it is too short or too long,
 * when out of memory, or after l2tp_rel_stop. */
int l2tp_rel_send(struct l2tp_rel *r, const uint8_t *msg, size_t len);

/* Feeds a received control message whose header has been decoded. */
void l2tp_rel_input(struct l2tp_rel *r, uint16_t ns, uint16_t nr, bool zlb,
                    const uint8_t *msg, size_t len);

/* From deliver: acknowledge what was delivered now (a ZLB), because no
 * reply will carry the ack; with ack_delay_us set, the timer decides. */
void l2tp_rel_ack_now(struct l2tp_rel *r);

/* The tunnel is gone (StopCCN received, or ours acknowledged): stops
 * delivering, sending and retransmitting; what arrives is still
 * acknowledged so the peer's retransmissions end (§5.7). */
void l2tp_rel_stop(struct l2tp_rel *r);

/* Messages sent and not yet acknowledged. */
uint16_t l2tp_rel_outstanding(const struct l2tp_rel *r);
/* Messages waiting (sent or not) for an ack. */
uint32_t l2tp_rel_queued(const struct l2tp_rel *r);

/* Sequence arithmetic modulo 2^16 (§5.8): a - b as a signed distance. */
static inline int32_t l2tp_seq_diff(uint16_t a, uint16_t b)
{
    return (int16_t)(uint16_t)(a - b);
}

#endif
