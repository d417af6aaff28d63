/* The in-memory NET wire between the simulated cards, the ACCESS lines to
 * the simulated users, and the host's deferred work, as one FIFO: every
 * frame is delivered after what caused it (and never from inside a vpdn
 * op). NET frames are written to the pcap with the virtual time, can arrive
 * `wire-delay` after they were sent (a timer moves the clock to them),
 * control frames can be lost on purpose (`loss PCT`, RFC 2661 §5.8), and
 * data frames lost (`data-loss PCT`) or reordered (`data-reorder N`) to
 * exercise the cards' sequencing (§5.4). */
#include <stdlib.h>
#include <string.h>

#include "l2tpd.h"
#include "net_headers.h"

#define PCAP_LINKTYPE_ETHERNET 1

static void net_due(void *ctx)
{
    (void)ctx;   /* the clock moved to the frame's arrival; the pump delivers it */
}

int wire_init(struct l2tpd *d, const char *pcap_path, char *err, size_t cap)
{
    struct l2tpd_wire *w = &d->wire;
    memset(w, 0, sizeof *w);
    w->rng = 0xC0FFEEu;
    timer_init(&w->net_timer, "wire delay", net_due, d);
    if (pcap_path) {
        struct proto_error pe = {0};
        if (pcap_writer_open(pcap_path, PCAP_LINKTYPE_ETHERNET, &w->pcap, &pe) != PROTO_OK) {
            char b[200];
            snprintf(err, cap, "--pcap %s: %s", pcap_path, proto_error_format(&pe, b, sizeof b));
            return -1;
        }
    }
    return 0;
}

static void fifo_free(struct wire_fifo *f)
{
    for (size_t i = 0; i < f->len; i++)
        free(f->q[(f->head + i) % f->cap].data);
    free(f->q);
    memset(f, 0, sizeof *f);
}

void wire_free(struct l2tpd_wire *w)
{
    fifo_free(&w->ev);
    fifo_free(&w->net);
    if (w->pcap)
        pcap_writer_close(w->pcap);
    w->pcap = NULL;
    free(w->held);
    w->held = NULL;
    wire_seq_free(&w->seq);
}

static int fifo_push(struct wire_fifo *f, const struct wire_ev *e)
{
    if (f->len == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 1024;
        struct wire_ev *q = malloc(cap * sizeof *q);
        if (!q)
            return -1;
        for (size_t i = 0; i < f->len; i++)
            q[i] = f->q[(f->head + i) % f->cap];
        free(f->q);
        f->q = q;
        f->cap = cap;
        f->head = 0;
    }
    f->q[(f->head + f->len) % f->cap] = *e;
    f->len++;
    return 0;
}

static struct wire_ev fifo_pop(struct wire_fifo *f)
{
    struct wire_ev e = f->q[f->head];
    f->head = (f->head + 1) % f->cap;
    f->len--;
    return e;
}

int wire_push(struct l2tpd *d, enum wire_kind kind, int inst, uint16_t channel,
              const uint8_t *data, size_t len)
{
    struct l2tpd_wire *w = &d->wire;
    uint8_t *copy = NULL;
    if (len) {
        copy = malloc(len);
        if (!copy)
            return -1;
        memcpy(copy, data, len);
    }
    struct wire_ev e = {.kind = kind, .inst = inst, .channel = channel, .data = copy,
                        .len = len, .due_us = timer_now(&d->tq) + w->delay_us};
    if (kind == WIRE_NET)
        wire_seq_observe(&w->seq, inst, data, len);
    struct wire_fifo *f = kind == WIRE_NET ? &w->net : &w->ev;
    if (fifo_push(f, &e)) {
        free(copy);
        return -1;
    }
    if (kind == WIRE_NET && w->delay_us && !w->net_timer.armed)
        (void)timer_arm(&d->tq, &w->net_timer, w->delay_us);
    return 0;
}

static uint32_t xorshift(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void arrive_net(struct l2tpd *d, const uint8_t *frame, size_t len, bool decoded,
                       uint32_t ip_dst, bool control);

static void deliver_net(struct l2tpd *d, const uint8_t *frame, size_t len)
{
    struct l2tpd_wire *w = &d->wire;
    struct net_udp_packet p;
    bool decoded = net_udp_decode(frame, len, &p, NULL) == PROTO_OK;
    bool control = decoded && p.payload_len > 0 && (p.payload[0] & 0x80); /* T bit, §3.1 */
    if (control && w->loss_pct && xorshift(&w->rng) % 100 < w->loss_pct) {
        w->ctrl_lost++;
        return;
    }
    if (!decoded || control) {
        arrive_net(d, frame, len, decoded, decoded ? p.ip_dst : 0, control);
        return;
    }
    if (w->data_loss_pct && xorshift(&w->rng) % 100 < w->data_loss_pct) {
        w->data_lost++;
        return;
    }
    w->data_seen++;
    if (w->reorder_every && !w->held && w->data_seen % w->reorder_every == 0) {
        /* Held back: it arrives after the next data frame to the same
         * card, so that card sees the two out of order. */
        w->held = malloc(len);
        if (w->held) {
            memcpy(w->held, frame, len);
            w->held_len = len;
            w->held_dst = p.ip_dst;
            w->data_reordered++;
            return;
        }
    }
    arrive_net(d, frame, len, true, p.ip_dst, false);
    if (w->held && w->held_dst == p.ip_dst) {
        uint8_t *h = w->held;
        size_t hl = w->held_len;
        w->held = NULL;
        arrive_net(d, h, hl, true, w->held_dst, false);
        free(h);
    }
}

/* The frame reaches the wire's far end: counted, captured, into the card
 * whose address it is sent to. */
static void arrive_net(struct l2tpd *d, const uint8_t *frame, size_t len, bool decoded,
                       uint32_t ip_dst, bool control)
{
    struct l2tpd_wire *w = &d->wire;
    w->net_frames++;
    if (control)
        w->ctrl_frames++;
    else
        w->data_frames++;
    if (w->pcap)
        (void)pcap_writer_write(w->pcap, frame, len, WIRE_PCAP_EPOCH_US + timer_now(&d->tq), NULL);
    if (!decoded)
        return;
    for (size_t i = 0; i < d->n_inst; i++)
        if (d->inst[i].ip == ip_dst) {
            card_if_net_rx(&d->inst[i], frame, len);
            return;
        }
    w->no_such_ip++;   /* an LNS that is not there: the frame is lost */
}

bool wire_deliver_one(struct l2tpd *d)
{
    struct l2tpd_wire *w = &d->wire;
    struct wire_ev e;
    uint64_t now = timer_now(&d->tq);
    if (w->ev.len) {
        e = fifo_pop(&w->ev);
    } else if (w->net.len && w->net.q[w->net.head].due_us <= now) {
        e = fifo_pop(&w->net);
        if (w->net.len) {
            /* Same delay for all: the next one is due no earlier. */
            uint64_t due = w->net.q[w->net.head].due_us;
            (void)timer_arm(&d->tq, &w->net_timer, due > now ? due - now : 0);
        }
    } else {
        return false;
    }
    switch (e.kind) {
    case WIRE_NET:
        deliver_net(d, e.data, e.len);
        break;
    case WIRE_TO_ACCESS:
        card_if_access_rx(&d->inst[e.inst], e.channel, e.data, e.len);
        break;
    case WIRE_TO_USER:
        if (e.channel < d->channels && d->user[e.channel].used)
            user_line_rx(&d->user[e.channel], e.data, e.len);
        break;
    case WIRE_HANGUP:
        if (e.channel < d->channels && d->user[e.channel].used)
            user_hangup(&d->user[e.channel]);
        break;
    case WIRE_HOST_IP:
        host_ip_input(&d->inst[e.inst], e.data, e.len);
        break;
    }
    free(e.data);
    return true;
}
