/* The in-memory NET wire between the simulated cards, the ACCESS lines to
 * the simulated users, and the host's deferred work, as one FIFO: every
 * frame is delivered after what caused it (and never from inside a vpdn
 * op). NET frames are written to the pcap with the virtual time; control
 * frames can be lost on purpose (`loss PCT`) to exercise RFC 2661 §5.8. */
#include <stdlib.h>
#include <string.h>

#include "l2tpd.h"
#include "net_headers.h"

#define PCAP_LINKTYPE_ETHERNET 1

int wire_init(struct l2tpd_wire *w, const char *pcap_path, char *err, size_t cap)
{
    memset(w, 0, sizeof *w);
    w->rng = 0xC0FFEEu;
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

void wire_free(struct l2tpd_wire *w)
{
    for (size_t i = 0; i < w->len; i++)
        free(w->q[(w->head + i) % w->cap].data);
    free(w->q);
    if (w->pcap)
        pcap_writer_close(w->pcap);
    memset(w, 0, sizeof *w);
}

int wire_push(struct l2tpd *d, enum wire_kind kind, int inst, uint16_t channel,
              const uint8_t *data, size_t len)
{
    struct l2tpd_wire *w = &d->wire;
    if (w->len == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 1024;
        struct wire_ev *q = malloc(cap * sizeof *q);
        if (!q)
            return -1;
        for (size_t i = 0; i < w->len; i++)
            q[i] = w->q[(w->head + i) % w->cap];
        free(w->q);
        w->q = q;
        w->cap = cap;
        w->head = 0;
    }
    uint8_t *copy = NULL;
    if (len) {
        copy = malloc(len);
        if (!copy)
            return -1;
        memcpy(copy, data, len);
    }
    w->q[(w->head + w->len) % w->cap] =
        (struct wire_ev){.kind = kind, .inst = inst, .channel = channel, .data = copy, .len = len};
    w->len++;
    return 0;
}

static uint32_t xorshift(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

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
        if (d->inst[i].ip == p.ip_dst) {
            card_if_net_rx(&d->inst[i], frame, len);
            return;
        }
    w->no_such_ip++;   /* an LNS that is not there: the frame is lost */
}

bool wire_deliver_one(struct l2tpd *d)
{
    struct l2tpd_wire *w = &d->wire;
    if (w->len == 0)
        return false;
    struct wire_ev e = w->q[w->head];
    w->head = (w->head + 1) % w->cap;
    w->len--;
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
