/* The vpdn dataplane ops onto the card, one call to one call
 * (host/vpdn/README.md's table), and the card's punts back into vpdn by
 * reason. The daemon adds what the card's entry needs beyond vpdn's: the
 * MACs of the Ethernet template. */
#include <string.h>

#include "l2tpd.h"
#include "net_headers.h"
#include "wire_udp.h"

/* The MAC a NET address answers with on the in-memory wire: locally
 * administered, the address in the low four octets (instance.c gives each
 * card the same), so no ARP is needed between simulated cards. */
static void mac_of_ip(uint32_t ip, uint8_t mac[6])
{
    uint8_t m[6] = {0x02, 0x00, (uint8_t)(ip >> 24), (uint8_t)(ip >> 16), (uint8_t)(ip >> 8),
                    (uint8_t)ip};
    memcpy(mac, m, 6);
}

static int op_program(void *ctx, const struct vpdn_session_entry *e)
{
    struct l2tpd_inst *in = ctx;
    struct l2tpcard_session s = {
        .local_tunnel_id = e->local_tunnel_id, .local_session_id = e->local_session_id,
        .peer_tunnel_id = e->peer_tunnel_id, .peer_session_id = e->peer_session_id,
        .binding = e->binding == VPDN_BIND_CHANNEL ? L2TPCARD_BIND_CHANNEL : L2TPCARD_BIND_HOST,
        .channel = e->channel, .mru = e->mru, .local_ip = e->local_ip, .peer_ip = e->peer_ip,
        .local_port = e->local_port, .peer_port = e->peer_port, .ttl = e->ttl,
        .fcs32 = e->fcs32, .tx_accm = e->tx_accm, .rx_accm = e->rx_accm, .seq_tx = e->seq_tx,
        .seq_rx = e->seq_rx};
    memcpy(s.local_mac, in->mac, 6);
    if (in->tap.fd >= 0)
        tap_wire_peer_mac(in, e->local_session_id, e->peer_ip, s.peer_mac);   /* ARP */
    else
        mac_of_ip(e->peer_ip, s.peer_mac);
    /* A rewrite of a live entry (SLI ACCMs) keeps its counters and Ns/Nr. */
    bool valid = false;
    struct l2tpcard_session old;
    if (card_if_read(in, e->local_session_id, &valid, &old, NULL) ==
            L2TPCARD_OK && valid) {
        s.ns = old.ns;
        s.nr = old.nr;
    }
    l2tpcard_status st = card_if_program(in, &s, !valid);
    debug_printf(&in->log, DBG_CARD, "CARD: program session %u tunnel %u -> %u/%u: %s",
                 e->local_session_id, e->local_tunnel_id, e->peer_tunnel_id, e->peer_session_id,
                 l2tpcard_status_name(st));
    return st == L2TPCARD_OK ? 0 : -1;
}

static int op_clear(void *ctx, uint16_t sid)
{
    struct l2tpd_inst *in = ctx;
    l2tpcard_status st = card_if_clear(in, sid);
    debug_printf(&in->log, DBG_CARD, "CARD: clear session %u: %s", sid, l2tpcard_status_name(st));
    return st == L2TPCARD_OK ? 0 : -1;
}

static void op_send_control(void *ctx, const struct l2tp_peer_addr *peer, const uint8_t *buf,
                            size_t len)
{
    struct l2tpd_inst *in = ctx;
    struct net_udp_packet p = {0};
    memcpy(p.src_mac, in->mac, 6);
    mac_of_ip(peer->ip, p.dst_mac);
    p.ip_ttl = 64;
    p.ip_src = in->ip;
    p.ip_dst = peer->ip;
    p.udp_src = in->v.vc.local_port;
    p.udp_dst = peer->port;
    uint8_t frame[SOFTCARD_FRAME_MAX];
    size_t n = 0;
    struct proto_error pe = {0};
    if (net_udp_encode(&p, buf, len, frame, sizeof frame, &n, &pe) != PROTO_OK) {
        char b[200];
        debug_printf(&in->log, DBG_CARD, "CARD: control frame not sent: %s",
                     proto_error_format(&pe, b, sizeof b));
        return;
    }
    if (in->tap.fd >= 0)
        tap_wire_output(in, frame, n, peer->ip);   /* the next hop's MAC from ARP */
    else
        (void)card_if_inject(in, L2TPCARD_INJECT_NET, 0, frame, n);
}

static void op_send_channel(void *ctx, uint16_t channel, const uint8_t *frame, size_t len)
{
    struct l2tpd_inst *in = ctx;
    (void)card_if_inject(in, L2TPCARD_INJECT_CHANNEL_PPP, channel, frame, len);
}

static void op_send_session(void *ctx, uint16_t sid, const uint8_t *frame, size_t len)
{
    struct l2tpd_inst *in = ctx;
    (void)card_if_inject(in, L2TPCARD_INJECT_SESSION_PPP, sid, frame, len);
}

static void op_hangup(void *ctx, uint16_t channel)
{
    struct l2tpd_inst *in = ctx;
    (void)wire_push(in->d, WIRE_HANGUP, in->idx, channel, NULL, 0);
}

static void op_ip_input(void *ctx, uint16_t sid, const uint8_t *packet, size_t len)
{
    struct l2tpd_inst *in = ctx;
    (void)sid;
    /* Later, from the FIFO: the reply goes back through vpdn. */
    (void)wire_push(in->d, WIRE_HOST_IP, in->idx, 0, packet, len);
}

/* The entry's counters for accounting (host/vpdn/vpdn_acct.c). */
static int op_counters(void *ctx, uint16_t sid, struct vpdn_session_counters *out)
{
    struct l2tpd_inst *in = ctx;
    bool valid = false;
    struct l2tpcard_session_counters ctr;
    if (card_if_read(in, sid, &valid, NULL, &ctr) != L2TPCARD_OK || !valid)
        return -1;
    *out = (struct vpdn_session_counters){.rx_packets = ctr.rx_packets,
                                          .tx_packets = ctr.tx_packets,
                                          .rx_bytes = ctr.rx_bytes, .tx_bytes = ctr.tx_bytes};
    return 0;
}

void glue_ops(struct l2tpd_inst *in, struct vpdn_dataplane_ops *ops)
{
    *ops = (struct vpdn_dataplane_ops){.ctx = in, .session_program = op_program,
                                       .session_clear = op_clear,
                                       .send_control = op_send_control,
                                       .send_channel_ppp = op_send_channel,
                                       .send_session_ppp = op_send_session,
                                       .hangup = op_hangup, .ip_input = op_ip_input,
                                       .session_counters = op_counters};
}

void glue_card_net_tx(void *ctx, const uint8_t *frame, size_t len)
{
    struct l2tpd_inst *in = ctx;
    if (in->udp_fd >= 0) {
        if (in->d->wire.pcap)
            (void)pcap_writer_write(in->d->wire.pcap, frame, len,
                                    WIRE_PCAP_EPOCH_US + timer_now(&in->d->tq), NULL);
        udp_wire_send(in, frame, len);
        return;
    }
    if (in->tap.fd >= 0) {
        tap_wire_send(in, frame, len);
        return;
    }
    (void)wire_push(in->d, WIRE_NET, in->idx, 0, frame, len);
}

void glue_card_access_tx(void *ctx, uint16_t channel, const uint8_t *octets, size_t len)
{
    struct l2tpd_inst *in = ctx;
    (void)wire_push(in->d, WIRE_TO_USER, in->idx, channel, octets, len);
}

size_t glue_poll_punts(struct l2tpd_inst *in)
{
    size_t n = 0;
    uint8_t buf[SOFTCARD_FRAME_MAX];
    struct l2tpcard_punt m;
    for (;;) {
        l2tpcard_status st = card_if_recv(in, &m, buf, sizeof buf);
        if (st == L2TPCARD_EAGAIN)
            break;
        n++;
        if (st != L2TPCARD_OK)
            continue;
        struct proto_error pe = {0};
        proto_status ps = PROTO_OK;
        switch (m.reason) {
        case L2TPCARD_PUNT_CONTROL: {
            struct net_udp_packet p;
            ps = net_udp_decode(buf, m.len, &p, &pe);
            if (ps == PROTO_OK) {
                struct l2tp_peer_addr from = {.ip = p.ip_src, .port = p.udp_src};
                ps = vpdn_control_input(&in->v, &from, p.payload, p.payload_len, &pe);
            }
            break;
        }
        case L2TPCARD_PUNT_SESSION_PPP:
            ps = vpdn_session_ppp_input(&in->v, m.session, buf, m.len, &pe);
            break;
        case L2TPCARD_PUNT_CHANNEL_PPP:
            ps = vpdn_channel_ppp_input(&in->v, m.channel, buf, m.len, &pe);
            break;
        case L2TPCARD_PUNT_NOT_FOR_US:
            if (in->tap.fd >= 0) {
                tap_wire_punt(in, buf, m.len);   /* ARP, or counted and dropped */
                break;
            }
            debug_printf(&in->log, DBG_CARD, "CARD: punt reason %d ignored (%zu octets)",
                         (int)m.reason, m.len);
            break;
        default:
            debug_printf(&in->log, DBG_CARD, "CARD: punt reason %d ignored (%zu octets)",
                         (int)m.reason, m.len);
            break;
        }
        if (ps != PROTO_OK) {
            char b[200];
            debug_printf(&in->log, DBG_CARD, "CARD: punt reason %d dropped: %s", (int)m.reason,
                         proto_error_format(&pe, b, sizeof b));
        }
    }
    return n;
}
