/* The software card: hw/ARCHITECTURE.md's datapath in C over host/proto.
 * NET receive: Ethernet/IPv4/UDP to our port, L2TP control punted whole,
 * data looked up by session ID (tunnel ID checked), RFC 2661 §5.4
 * sequencing when the entry asks, then RFC 1662 HDLC framing onto the bound
 * channel or a SESSION_PPP punt. ACCESS receive: HDLC deframing with the
 * entry's receive ACCM, then L2TP encapsulation or a CHANNEL_PPP punt. */
#include "softcard.h"

#include <stdlib.h>
#include <string.h>

#include "hdlc.h"
#include "l2tp_header.h"
#include "net_headers.h"
#include "ppp_const.h"

int softcard_init(struct softcard *c, uint32_t sessions, uint16_t channels, size_t punt_cap,
                  softcard_net_tx_fn net_tx, softcard_access_tx_fn access_tx, void *tx_ctx)
{
    memset(c, 0, sizeof *c);
    if (sessions < 2 || sessions > 65536 || channels == 0 || punt_cap == 0)
        return -1;
    c->sessions = sessions;
    c->n_channels = channels;
    c->ent = calloc(sessions, sizeof *c->ent);
    c->chan_session = calloc(channels, sizeof *c->chan_session);
    c->punt = calloc(punt_cap, sizeof *c->punt);
    if (!c->ent || !c->chan_session || !c->punt) {
        softcard_free(c);
        return -1;
    }
    c->punt_cap = punt_cap;
    c->net_tx = net_tx;
    c->access_tx = access_tx;
    c->tx_ctx = tx_ctx;
    c->net.l2tp_port = 1701;
    return 0;
}

void softcard_free(struct softcard *c)
{
    if (c->punt)
        for (size_t i = 0; i < c->punt_cap; i++)
            free(c->punt[i].data);
    free(c->punt);
    free(c->ent);
    free(c->chan_session);
    memset(c, 0, sizeof *c);
}

void softcard_net_config_set(struct softcard *c, const struct l2tpcard_net_config *cfg)
{
    c->net = *cfg;
}

l2tpcard_status softcard_session_program(struct softcard *c, const struct l2tpcard_session *s,
                                         bool zero_counters)
{
    if (s->local_session_id == 0 || s->local_session_id >= c->sessions)
        return L2TPCARD_EINVAL;
    if (s->binding == L2TPCARD_BIND_CHANNEL && s->channel >= c->n_channels)
        return L2TPCARD_EINVAL;
    struct softcard_entry *e = &c->ent[s->local_session_id];
    if (e->valid && e->s.binding == L2TPCARD_BIND_CHANNEL &&
        c->chan_session[e->s.channel] == s->local_session_id)
        c->chan_session[e->s.channel] = 0;
    e->valid = true;
    e->s = *s;
    if (zero_counters)
        memset(&e->ctr, 0, sizeof e->ctr);
    if (s->binding == L2TPCARD_BIND_CHANNEL)
        c->chan_session[s->channel] = s->local_session_id;
    return L2TPCARD_OK;
}

l2tpcard_status softcard_session_clear(struct softcard *c, uint16_t sid)
{
    if (sid == 0 || sid >= c->sessions)
        return L2TPCARD_EINVAL;
    struct softcard_entry *e = &c->ent[sid];
    if (e->valid && e->s.binding == L2TPCARD_BIND_CHANNEL && c->chan_session[e->s.channel] == sid)
        c->chan_session[e->s.channel] = 0;
    e->valid = false;
    return L2TPCARD_OK;
}

l2tpcard_status softcard_session_read(const struct softcard *c, uint16_t sid, bool *valid,
                                      struct l2tpcard_session *s,
                                      struct l2tpcard_session_counters *ctr)
{
    if (sid == 0 || sid >= c->sessions)
        return L2TPCARD_EINVAL;
    const struct softcard_entry *e = &c->ent[sid];
    if (valid)
        *valid = e->valid;
    if (s)
        *s = e->s;
    if (ctr)
        *ctr = e->ctr;
    return L2TPCARD_OK;
}

size_t softcard_sessions_valid(const struct softcard *c)
{
    size_t n = 0;
    for (uint32_t i = 1; i < c->sessions; i++)
        n += c->ent[i].valid;
    return n;
}

void softcard_counters_read(const struct softcard *c, uint32_t out[L2TPCARD_CNT_COUNT])
{
    memcpy(out, c->cnt, sizeof c->cnt);
}

static void punt(struct softcard *c, enum l2tpcard_punt_reason reason, uint16_t session,
                 uint16_t channel, const uint8_t *frame, size_t len)
{
    if (c->punt_len == c->punt_cap) {
        c->cnt[L2TPCARD_CNT_PUNT_RING_FULL]++;
        return;
    }
    struct softcard_punt_slot *p = &c->punt[(c->punt_head + c->punt_len) % c->punt_cap];
    if (!p->data && !(p->data = malloc(SOFTCARD_FRAME_MAX))) {
        c->cnt[L2TPCARD_CNT_PUNT_RING_FULL]++;
        return;
    }
    if (len > SOFTCARD_FRAME_MAX) {
        c->cnt[L2TPCARD_CNT_PUNT_TOO_LONG]++;
        return;
    }
    memcpy(p->data, frame, len);
    p->meta = (struct l2tpcard_punt){.reason = reason, .session = session,
                                     .channel = channel, .len = len};
    c->punt_len++;
    c->cnt[L2TPCARD_CNT_PUNT_FRAMES]++;
}

l2tpcard_status softcard_recv(struct softcard *c, struct l2tpcard_punt *meta, uint8_t *buf,
                              size_t cap)
{
    if (c->punt_len == 0)
        return L2TPCARD_EAGAIN;
    struct softcard_punt_slot *p = &c->punt[c->punt_head];
    c->punt_head = (c->punt_head + 1) % c->punt_cap;
    c->punt_len--;
    *meta = p->meta;
    if (p->meta.len > cap)
        return L2TPCARD_EINVAL;
    memcpy(buf, p->data, p->meta.len);
    return L2TPCARD_OK;
}

/* RFC 2661 §3.1 data message for the entry, in its Ethernet/IPv4/UDP template. */
static void encap(struct softcard *c, struct softcard_entry *e, const uint8_t *ppp, size_t len)
{
    struct l2tp_header h = {.version = 2, .has_length = true, .has_sequence = e->s.seq_tx,
                            .tunnel_id = e->s.peer_tunnel_id,
                            .session_id = e->s.peer_session_id, .ns = e->s.ns, .nr = e->s.nr};
    uint8_t l2tp[SOFTCARD_FRAME_MAX];
    size_t hl = 0;
    if (l2tp_header_encode(&h, len, l2tp, sizeof l2tp, &hl, NULL) != PROTO_OK ||
        hl + len > sizeof l2tp) {
        e->ctr.drops++;
        return;
    }
    memcpy(l2tp + hl, ppp, len);
    struct net_udp_packet p = {0};
    memcpy(p.src_mac, e->s.local_mac, sizeof p.src_mac);
    memcpy(p.dst_mac, e->s.peer_mac, sizeof p.dst_mac);
    p.has_vlan = e->s.vlan;
    p.vlan_tci = e->s.vlan_tci;
    p.ip_ttl = e->s.ttl ? e->s.ttl : 64;
    p.ip_src = e->s.local_ip;
    p.ip_dst = e->s.peer_ip;
    p.udp_src = e->s.local_port;
    p.udp_dst = e->s.peer_port;
    uint8_t frame[SOFTCARD_FRAME_MAX + 64];
    size_t n = 0;
    if (net_udp_encode(&p, l2tp, hl + len, frame, sizeof frame, &n, NULL) != PROTO_OK) {
        e->ctr.drops++;
        return;
    }
    if (e->s.seq_tx)
        e->s.ns++;
    e->ctr.tx_packets++;
    e->ctr.tx_bytes += len;
    c->cnt[L2TPCARD_CNT_NET_TX_FRAMES]++;
    c->net_tx(c->tx_ctx, frame, n);
}

static void hdlc_out(struct softcard *c, uint16_t channel, uint32_t accm, bool fcs32,
                     const uint8_t *ppp, size_t len)
{
    struct hdlc_tx_config tx = {.accm = accm, .fcs = fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                .opening_flag = true};
    uint8_t buf[2 * SOFTCARD_FRAME_MAX + 16];
    size_t n = 0;
    if (hdlc_encode(&tx, ppp, len, buf, sizeof buf, &n, NULL) != PROTO_OK) {
        c->cnt[L2TPCARD_CNT_HDLC_TOO_LONG]++;
        return;
    }
    c->access_tx(c->tx_ctx, channel, buf, n);
}

void softcard_net_rx(struct softcard *c, const uint8_t *frame, size_t len)
{
    struct net_udp_packet p;
    if (len < 14 + 20 + 8) {
        c->cnt[L2TPCARD_CNT_NET_RX_RUNT]++;
        return;
    }
    if (net_udp_decode(frame, len, &p, NULL) != PROTO_OK) {
        c->cnt[L2TPCARD_CNT_NET_RX_NOT_UDP]++;
        return;
    }
    if (p.udp_dst != c->net.l2tp_port) {
        c->cnt[L2TPCARD_CNT_NET_RX_OTHER_PORT]++;
        return;
    }
    if (c->net.match_local_ip && p.ip_dst != c->net.local_ip) {
        c->cnt[L2TPCARD_CNT_NET_RX_OTHER_IP]++;
        return;
    }
    struct l2tp_header h;
    if (l2tp_header_decode(p.payload, p.payload_len, 0, &h, NULL) != PROTO_OK) {
        c->cnt[L2TPCARD_CNT_NET_RX_BAD_L2TP_VERSION]++;
        return;
    }
    c->cnt[L2TPCARD_CNT_NET_RX_OK]++;
    if (h.is_control) {
        punt(c, L2TPCARD_PUNT_CONTROL, 0, 0, frame, len);
        return;
    }
    struct softcard_entry *e = h.session_id < c->sessions ? &c->ent[h.session_id] : NULL;
    if (!e || !e->valid) {
        c->cnt[L2TPCARD_CNT_SESS_UNKNOWN]++;
        return;
    }
    if (e->s.local_tunnel_id != h.tunnel_id) {
        c->cnt[L2TPCARD_CNT_SESS_WRONG_TUNNEL]++;
        return;
    }
    if (e->s.seq_rx && h.has_sequence) {
        /* As the card (hw/ARCHITECTURE.md, session_lookup): any Ns other
         * than the expected one counts out of order (per session and in
         * SESS_OUT_OF_ORDER, hw/regmap.md); one older than it
         * (within the 32767 values before, §5.8's modulo comparison) is
         * dropped (§5.4), a newer one accepted (lost messages in between). */
        uint16_t behind = (uint16_t)(e->s.nr - h.ns);
        if (behind != 0) {
            e->ctr.out_of_order++;
            c->cnt[L2TPCARD_CNT_SESS_OUT_OF_ORDER]++;
        }
        if (behind != 0 && !(behind & 0x8000u)) {
            e->ctr.drops++;
            return;
        }
        e->s.nr = (uint16_t)(h.ns + 1);
    }
    const uint8_t *ppp = p.payload + h.header_len;
    e->ctr.rx_packets++;
    e->ctr.rx_bytes += h.payload_len;
    if (e->s.binding == L2TPCARD_BIND_CHANNEL)
        hdlc_out(c, e->s.channel, e->s.tx_accm, e->s.fcs32, ppp, h.payload_len);
    else
        punt(c, L2TPCARD_PUNT_SESSION_PPP, h.session_id, 0, ppp, h.payload_len);
}

void softcard_access_rx(struct softcard *c, uint16_t channel, const uint8_t *octets, size_t len)
{
    if (channel >= c->n_channels)
        return;
    uint16_t sid = c->chan_session[channel];
    struct softcard_entry *e = sid ? &c->ent[sid] : NULL;
    struct hdlc_rx_config rx = {.accm = e ? e->s.rx_accm : PPP_DEFAULT_ACCM,
                                .fcs = e && e->s.fcs32 ? HDLC_FCS_32 : HDLC_FCS_16,
                                .mru = SOFTCARD_FRAME_MAX};
    uint8_t frame[SOFTCARD_FRAME_MAX];
    size_t n = 0;
    if (hdlc_decode(&rx, octets, len, frame, sizeof frame, &n, NULL) != PROTO_OK) {
        c->cnt[L2TPCARD_CNT_HDLC_BAD_FCS]++;
        return;
    }
    if (e)
        encap(c, e, frame, n);
    else
        punt(c, L2TPCARD_PUNT_CHANNEL_PPP, 0, channel, frame, n);
}

l2tpcard_status softcard_inject(struct softcard *c, enum l2tpcard_inject_kind kind,
                                uint16_t target, const uint8_t *frame, size_t len)
{
    if (len == 0 || len > 2048) {
        c->cnt[L2TPCARD_CNT_INJECT_BAD_DESC]++;
        return L2TPCARD_EINVAL;
    }
    switch (kind) {
    case L2TPCARD_INJECT_NET:
        c->cnt[L2TPCARD_CNT_INJECT_FRAMES]++;
        c->cnt[L2TPCARD_CNT_NET_TX_FRAMES]++;
        c->net_tx(c->tx_ctx, frame, len);
        return L2TPCARD_OK;
    case L2TPCARD_INJECT_CHANNEL_PPP: {
        if (target >= c->n_channels)
            break;
        c->cnt[L2TPCARD_CNT_INJECT_FRAMES]++;
        uint16_t sid = c->chan_session[target];
        const struct softcard_entry *e = sid ? &c->ent[sid] : NULL;
        hdlc_out(c, target, e ? e->s.tx_accm : PPP_DEFAULT_ACCM, e && e->s.fcs32, frame, len);
        return L2TPCARD_OK;
    }
    case L2TPCARD_INJECT_SESSION_PPP:
        if (target == 0 || target >= c->sessions || !c->ent[target].valid)
            break;
        c->cnt[L2TPCARD_CNT_INJECT_FRAMES]++;
        encap(c, &c->ent[target], frame, len);
        return L2TPCARD_OK;
    }
    c->cnt[L2TPCARD_CNT_INJECT_BAD_DESC]++;
    return L2TPCARD_EINVAL;
}
