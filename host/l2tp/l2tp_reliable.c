#include "l2tp_reliable.h"

#include <stdlib.h>
#include <string.h>

#include "l2tp_const.h"


struct l2tp_rel_msg {
    struct l2tp_rel_msg *next;
    uint16_t ns;
    bool sent;
    size_t len;
    uint8_t data[];
};

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void l2tp_rel_config_default(struct l2tp_rel_config *cfg)
{
    *cfg = (struct l2tp_rel_config){
        .rto_initial_us = L2TP_REL_DEFAULT_RTO_INITIAL_US,
        .rto_max_us = L2TP_REL_DEFAULT_RTO_MAX_US,
        .max_retries = L2TP_REL_DEFAULT_MAX_RETRIES,
        .ack_delay_us = L2TP_REL_DEFAULT_ACK_DELAY_US,
        .rx_window = 16,
    };
}

static void send_zlb(struct l2tp_rel *r)
{
    uint8_t zlb[L2TP_CTRL_HDR_LEN];
    /* §5.8: a ZLB carries the Ns of the next message and the current Nr. */
    put16(zlb, L2TP_HDR_T | L2TP_HDR_L | L2TP_HDR_S | L2TP_VERSION);
    put16(zlb + 2, L2TP_CTRL_HDR_LEN);
    put16(zlb + 4, r->peer_tunnel_id); /* Tunnel ID */
    put16(zlb + 6, 0);
    put16(zlb + L2TP_CTRL_NS_OFFSET, r->ns_next);
    put16(zlb + L2TP_CTRL_NR_OFFSET, r->nr);
    r->ack_due = false;
    timer_cancel(r->tq, &r->ack_timer);
    r->cnt.zlb_tx++;
    r->ops.xmit(r->ctx, zlb, sizeof zlb, false);
}

static void ack_timer_fired(void *ctx)
{
    struct l2tp_rel *r = ctx;
    if (r->ack_due)
        send_zlb(r);
}

static void schedule_ack(struct l2tp_rel *r)
{
    r->ack_due = true;
    if (r->cfg.ack_delay_us == 0 && r->in_input)
        return; /* sent at the end of l2tp_rel_input unless a reply carries it */
    if (!r->ack_timer.armed)
        timer_arm(r->tq, &r->ack_timer, r->cfg.ack_delay_us);
}

static void xmit_msg(struct l2tp_rel *r, struct l2tp_rel_msg *m, bool retransmit)
{
    put16(m->data + L2TP_CTRL_NS_OFFSET, m->ns);
    put16(m->data + L2TP_CTRL_NR_OFFSET, r->nr);
    /* The ack rides on this message (§5.8 piggybacking). */
    r->ack_due = false;
    timer_cancel(r->tq, &r->ack_timer);
    if (retransmit)
        r->cnt.retransmits++;
    else
        r->cnt.tx_msgs++;
    r->ops.xmit(r->ctx, m->data, m->len, retransmit);
}

static uint32_t send_window(const struct l2tp_rel *r)
{
    return r->cwnd < r->peer_window ? r->cwnd : r->peer_window;
}

/* Sends queued messages while the window allows (Appendix A). */
static void pump(struct l2tp_rel *r)
{
    struct l2tp_rel_msg *m = r->txq;
    while (m && m->sent)
        m = m->next;
    for (; m && r->n_sent < send_window(r); m = m->next) {
        m->sent = true;
        r->n_sent++;
        if (r->n_sent > r->max_outstanding_seen)
            r->max_outstanding_seen = r->n_sent;
        xmit_msg(r, m, false);
        if (!r->rtx_timer.armed)
            timer_arm(r->tq, &r->rtx_timer, r->rto_us);
    }
}

static void rtx_timer_fired(void *ctx)
{
    struct l2tp_rel *r = ctx;
    if (!r->txq || !r->txq->sent)
        return;
    if (r->retries >= r->cfg.max_retries) {
        r->ops.give_up(r->ctx);
        return;
    }
    r->retries++;
    /* Appendix A: a timeout halves SSTHRESH and closes CWND to 1. */
    r->ssthresh = r->cwnd / 2 > 1 ? r->cwnd / 2 : 1;
    r->cwnd = 1;
    r->ca_acks = 0;
    r->rto_us = r->rto_us * 2 > r->cfg.rto_max_us ? r->cfg.rto_max_us : r->rto_us * 2;
    xmit_msg(r, r->txq, true);
    timer_arm(r->tq, &r->rtx_timer, r->rto_us);
}

void l2tp_rel_init(struct l2tp_rel *r, const struct l2tp_rel_config *cfg,
                   const struct l2tp_rel_ops *ops, void *ctx, struct timer_queue *tq)
{
    *r = (struct l2tp_rel){.cfg = *cfg, .ops = *ops, .ctx = ctx, .tq = tq};
    if (r->cfg.rto_initial_us == 0)
        r->cfg.rto_initial_us = L2TP_REL_DEFAULT_RTO_INITIAL_US;
    if (r->cfg.rto_max_us < r->cfg.rto_initial_us)
        r->cfg.rto_max_us = r->cfg.rto_initial_us;
    if (r->cfg.rx_window == 0)
        r->cfg.rx_window = 1;
    r->peer_window = L2TP_DEFAULT_RECEIVE_WINDOW;
    r->cwnd = 1;
    r->ssthresh = r->peer_window;
    r->rto_us = r->cfg.rto_initial_us;
    timer_init(&r->rtx_timer, "l2tp retransmit", rtx_timer_fired, r);
    timer_init(&r->ack_timer, "l2tp ack", ack_timer_fired, r);
}

static void free_list(struct l2tp_rel_msg *m)
{
    while (m) {
        struct l2tp_rel_msg *n = m->next;
        free(m);
        m = n;
    }
}

void l2tp_rel_free(struct l2tp_rel *r)
{
    timer_cancel(r->tq, &r->rtx_timer);
    timer_cancel(r->tq, &r->ack_timer);
    free_list(r->txq);
    free_list(r->rxq);
    r->txq = r->txq_tail = r->rxq = NULL;
    r->n_sent = 0;
    r->n_queued = r->n_rxq = 0;
}

void l2tp_rel_set_peer_window(struct l2tp_rel *r, uint16_t window)
{
    if (window == 0)
        return;
    r->peer_window = window;
    /* Appendix A: SSTHRESH starts at the peer's window. */
    r->ssthresh = window;
    pump(r);
}

int l2tp_rel_send(struct l2tp_rel *r, const uint8_t *msg, size_t len)
{
    if (r->stopped || len < L2TP_CTRL_HDR_LEN || len > L2TP_REL_MAX_MSG)
        return -1;
    struct l2tp_rel_msg *m = malloc(sizeof *m + len);
    if (!m)
        return -1;
    m->next = NULL;
    m->ns = r->ns_next++;
    m->sent = false;
    m->len = len;
    memcpy(m->data, msg, len);
    if (r->txq_tail)
        r->txq_tail->next = m;
    else
        r->txq = m;
    r->txq_tail = m;
    r->n_queued++;
    pump(r);
    return 0;
}

void l2tp_rel_ack_now(struct l2tp_rel *r)
{
    if (r->ack_due && r->cfg.ack_delay_us == 0)
        send_zlb(r);
}

void l2tp_rel_stop(struct l2tp_rel *r)
{
    r->stopped = true;
    /* Nothing of ours is worth resending once the tunnel is gone. */
    timer_cancel(r->tq, &r->rtx_timer);
    free_list(r->txq);
    r->txq = r->txq_tail = NULL;
    r->n_sent = 0;
    r->n_queued = 0;
    free_list(r->rxq);
    r->rxq = NULL;
    r->n_rxq = 0;
}

uint16_t l2tp_rel_outstanding(const struct l2tp_rel *r)
{
    return r->n_sent;
}

uint32_t l2tp_rel_queued(const struct l2tp_rel *r)
{
    return r->n_queued;
}

/* Nr from the peer acknowledges every Ns before it. */
static void process_nr(struct l2tp_rel *r, uint16_t nr)
{
    int32_t acked = l2tp_seq_diff(nr, r->una);
    if (acked <= 0)
        return;
    if (acked > r->n_sent) {
        r->cnt.bad_nr++; /* acks something never sent: ignore it */
        return;
    }
    for (int32_t i = 0; i < acked && r->txq; i++) {
        struct l2tp_rel_msg *m = r->txq;
        r->txq = m->next;
        if (!r->txq)
            r->txq_tail = NULL;
        r->n_sent--;
        r->n_queued--;
        r->una++;
        /* Appendix A: slow start below SSTHRESH, then congestion avoidance. */
        if (r->cwnd < r->ssthresh) {
            r->cwnd++;
        } else if (++r->ca_acks >= r->cwnd) {
            r->ca_acks = 0;
            r->cwnd++;
        }
        if (r->cwnd > r->peer_window)
            r->cwnd = r->peer_window;
        /* m is off the queue: the callback may stop us (StopCCN acked) */
        if (r->ops.acked)
            r->ops.acked(r->ctx, m->data, m->len);
        free(m);
    }
    if (r->stopped)
        return;
    r->retries = 0;
    r->rto_us = r->cfg.rto_initial_us;
    timer_cancel(r->tq, &r->rtx_timer);
    if (r->n_sent)
        timer_arm(r->tq, &r->rtx_timer, r->rto_us);
    pump(r);
}

static int queue_ooo(struct l2tp_rel *r, uint16_t ns, const uint8_t *msg, size_t len)
{
    struct l2tp_rel_msg **pp = &r->rxq;
    while (*pp && l2tp_seq_diff((*pp)->ns, ns) < 0)
        pp = &(*pp)->next;
    if (*pp && (*pp)->ns == ns) {
        r->cnt.duplicates++; /* the same early message twice */
        return 0;
    }
    struct l2tp_rel_msg *m = malloc(sizeof *m + len);
    if (!m)
        return -1;
    m->ns = ns;
    m->sent = false;
    m->len = len;
    memcpy(m->data, msg, len);
    m->next = *pp;
    *pp = m;
    r->n_rxq++;
    r->cnt.out_of_order++;
    return 0;
}

static void deliver(struct l2tp_rel *r, const uint8_t *msg, size_t len)
{
    r->nr++;
    r->cnt.rx_msgs++;
    schedule_ack(r);
    r->ops.deliver(r->ctx, msg, len);
}

void l2tp_rel_input(struct l2tp_rel *r, uint16_t ns, uint16_t nr, bool zlb,
                    const uint8_t *msg, size_t len)
{
    bool ack_now = false;
    r->in_input = true;
    process_nr(r, nr);
    if (zlb) {
        r->cnt.zlb_rx++;
    } else {
        int32_t d = l2tp_seq_diff(ns, r->nr);
        if (d < 0) {
            /* §5.8: a duplicate means our ack was lost: ack again now. */
            r->cnt.duplicates++;
            ack_now = true;
        } else if (r->stopped) {
            ack_now = true; /* after StopCCN: ack, deliver nothing */
        } else if (d == 0) {
            deliver(r, msg, len);
            while (!r->stopped && r->rxq && r->rxq->ns == r->nr) {
                struct l2tp_rel_msg *m = r->rxq;
                r->rxq = m->next;
                r->n_rxq--;
                deliver(r, m->data, m->len);
                free(m);
            }
        } else if (d < r->cfg.rx_window) {
            queue_ooo(r, ns, msg, len);
            schedule_ack(r);
        } else {
            r->cnt.outside_window++;
        }
    }
    r->in_input = false;
    if (ack_now) {
        send_zlb(r);
    } else if (r->ack_due) {
        if (r->cfg.ack_delay_us == 0)
            send_zlb(r);
        else if (!r->ack_timer.armed)
            timer_arm(r->tq, &r->ack_timer, r->cfg.ack_delay_us);
    }
}
