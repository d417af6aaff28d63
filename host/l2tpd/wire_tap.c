/* The TAP wire (wire_tap.h). */
#include "wire_tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "l2tpd.h"

static const uint8_t eth_broadcast[ETH_ADDR_LEN] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

void tap_wire_preset(struct l2tpd_inst *in)
{
    memset(&in->tap, 0, sizeof in->tap);
    in->tap.fd = -1;
    in->tap.prefix_len = 24;
}

int tap_wire_option(struct l2tpd_inst *in, const char *key, const char *val, char *err,
                    size_t cap)
{
    struct tap_wire *t = &in->tap;
    const char *file = in->d->opt.inst[in->idx].file;
    if (!strcmp(key, "gateway")) {
        if (l2tpd_parse_ipv4(val, &t->gateway)) {
            snprintf(err, cap, "%s: -o gateway: '%s' is not an IPv4 address", file, val);
            return -1;
        }
        return 1;
    }
    if (!strcmp(key, "prefix-len")) {
        char *end;
        unsigned long n = strtoul(val, &end, 10);
        if (!*val || *end || n < 1 || n > 32) {
            snprintf(err, cap, "%s: -o prefix-len: '%s' is not a number in 1..32", file, val);
            return -1;
        }
        t->prefix_len = (unsigned)n;
        return 1;
    }
    if (!strcmp(key, "mac")) {
        unsigned m[6];
        char tail;
        if (sscanf(val, "%x:%x:%x:%x:%x:%x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5],
                   &tail) != 6 || m[0] > 255 || m[1] > 255 || m[2] > 255 || m[3] > 255 ||
            m[4] > 255 || m[5] > 255 || (m[0] & 1)) {
            snprintf(err, cap, "%s: -o mac: '%s' is not a unicast MAC XX:XX:XX:XX:XX:XX", file,
                     val);
            return -1;
        }
        for (int i = 0; i < 6; i++)
            t->mac[i] = (uint8_t)m[i];
        t->mac_set = true;
        return 1;
    }
    return 0;
}

/* ARP's frames go out as the card's own: through the inject ring onto NET. */
static void arp_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct l2tpd_inst *in = ctx;
    l2tpcard_status st = card_if_inject(in, L2TPCARD_INJECT_NET, 0, frame, len);
    if (st != L2TPCARD_OK) {
        in->tap.tx_errors++;
        debug_printf(&in->log, DBG_CARD, "TAP: inject of %zu octets failed: %s", len,
                     l2tpcard_status_name(st));
    }
}

/* A next hop resolved: the entries programmed toward it while it was not
 * (broadcast MAC) are rewritten with its MAC, Ns/Nr and counters kept. */
static void arp_resolved(void *ctx, uint32_t ip, const uint8_t mac[ETH_ADDR_LEN])
{
    struct l2tpd_inst *in = ctx;
    struct tap_wire *t = &in->tap;
    size_t keep = 0;
    for (size_t i = 0; i < t->n_unresolved; i++) {
        uint16_t sid = t->unresolved_sid[i];
        bool valid = false;
        struct l2tpcard_session s;
        if (card_if_read(in, sid, &valid, &s, NULL) != L2TPCARD_OK || !valid)
            continue;   /* cleared meanwhile */
        if (arp_next_hop(&t->arp, s.peer_ip) != ip) {
            t->unresolved_sid[keep++] = sid;
            continue;
        }
        memcpy(s.peer_mac, mac, ETH_ADDR_LEN);
        l2tpcard_status st = card_if_program(in, &s, false);
        debug_printf(&in->log, DBG_CARD, "CARD: program session %u: peer MAC from ARP: %s",
                     (unsigned)sid, l2tpcard_status_name(st));
    }
    t->n_unresolved = keep;
}

int tap_wire_open(struct l2tpd_inst *in, char *err, size_t cap)
{
    struct tap_wire *t = &in->tap;
    const char *name = in->cfg.wire.tap_name;
    const char *file = in->d->opt.inst[in->idx].file;
    snprintf(t->name, sizeof t->name, "%s", name);
    if (in->d->tq.mode != CLOCK_WALL) {
        snprintf(err, cap, "%s: wire tap %s: needs the wall clock (clock = wall, or --clock wall)",
                 file, name);
        return -1;
    }
    if (t->mac_set)
        memcpy(in->mac, t->mac, ETH_ADDR_LEN);
    struct arp_config ac = {.ip = in->ip, .prefix_len = t->prefix_len, .gateway = t->gateway};
    memcpy(ac.mac, in->mac, ETH_ADDR_LEN);
    struct arp_ops ops = {.ctx = in, .send = arp_send, .resolved = arp_resolved};
    struct proto_error pe = {0};
    if (arp_init(&t->arp, &ac, &in->d->tq, &in->log, &ops, &pe) != PROTO_OK) {
        snprintf(err, cap, "%s: wire tap %s: %s: %s", file, name, pe.field, pe.detail);
        return -1;
    }
    t->arp_ready = true;
    /* Documentation/networking/tuntap.rst: TUNSETIFF on /dev/net/tun
     * attaches to the named device, creating it when it does not exist. */
    t->fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (t->fd < 0) {
        snprintf(err, cap, "%s: wire tap %s: /dev/net/tun: %s", file, name, strerror(errno));
        return -1;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
    if (ioctl(t->fd, TUNSETIFF, &ifr) < 0) {
        snprintf(err, cap, "%s: wire tap %s: TUNSETIFF: %s%s", file, name, strerror(errno),
                 errno == EPERM ? " (needs CAP_NET_ADMIN)"
                 : errno == EINVAL ? " (is it a TAP without packet info? ip tuntap add mode tap)"
                                   : "");
        close(t->fd);
        t->fd = -1;
        return -1;
    }
    /* Link up, so the kernel uses it (an address is the administrator's). */
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    int rc = s < 0 ? -1 : ioctl(s, SIOCGIFFLAGS, &ifr);
    if (rc == 0 && !(ifr.ifr_flags & IFF_UP)) {
        ifr.ifr_flags |= IFF_UP;
        rc = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    int e = errno;
    if (s >= 0)
        close(s);
    if (rc < 0) {
        snprintf(err, cap, "%s: wire tap %s: setting it up: %s", file, name, strerror(e));
        close(t->fd);
        t->fd = -1;
        return -1;
    }
    char ip[16], m[18];
    debug_printf(&in->log, DBG_CARD, "TAP: %s attached: card %s/%u MAC %s, gateway %s", name,
                 arp_ip_str(in->ip, ip, sizeof ip), t->prefix_len,
                 arp_mac_str(in->mac, m, sizeof m),
                 t->gateway ? arp_ip_str(t->gateway, (char[16]){0}, 16) : "none");
    return 0;
}

void tap_wire_close(struct l2tpd_inst *in)
{
    struct tap_wire *t = &in->tap;
    if (t->arp_ready)
        arp_free(&t->arp);
    t->arp_ready = false;
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}

static void pcap_out(struct l2tpd_inst *in, const uint8_t *frame, size_t len)
{
    if (in->d->wire.pcap)
        (void)pcap_writer_write(in->d->wire.pcap, frame, len,
                                WIRE_PCAP_EPOCH_US + timer_now(&in->d->tq), NULL);
}

size_t tap_wire_poll(struct l2tpd_inst *in)
{
    struct tap_wire *t = &in->tap;
    if (t->fd < 0)
        return 0;
    size_t n = 0;
    uint8_t frame[SOFTCARD_FRAME_MAX + 1];
    for (;;) {
        ssize_t r = read(t->fd, frame, sizeof frame);
        if (r < 0)
            break;   /* EAGAIN: nothing more (or the device went away) */
        n++;
        size_t len = (size_t)r;
        if (len > SOFTCARD_FRAME_MAX) {
            t->rx_too_long++;
            continue;
        }
        if (len < ETH_HDR_LEN ||
            (memcmp(frame, in->mac, ETH_ADDR_LEN) && memcmp(frame, eth_broadcast, ETH_ADDR_LEN))) {
            t->rx_other_mac++;
            continue;
        }
        /* The TAP hands over short frames unpadded; on a wire they are at
         * least ETH_MIN_FRAME octets (IEEE 802.3), as the card expects. */
        if (len < ETH_MIN_FRAME) {
            memset(frame + len, 0, ETH_MIN_FRAME - len);
            len = ETH_MIN_FRAME;
        }
        t->rx++;
        pcap_out(in, frame, len);
        card_if_net_rx(in, frame, len);
    }
    return n;
}

void tap_wire_send(struct l2tpd_inst *in, const uint8_t *frame, size_t len)
{
    struct tap_wire *t = &in->tap;
    pcap_out(in, frame, len);
    if (write(t->fd, frame, len) != (ssize_t)len) {
        t->tx_errors++;
        return;
    }
    t->tx++;
}

void tap_wire_punt(struct l2tpd_inst *in, const uint8_t *frame, size_t len)
{
    struct tap_wire *t = &in->tap;
    uint16_t type = len >= ETH_HDR_LEN ? (uint16_t)(frame[12] << 8 | frame[13]) : 0;
    if (type == ETHERTYPE_ARP) {
        struct proto_error pe = {0};
        if (arp_input(&t->arp, frame, len, &pe) != PROTO_OK) {
            char b[200];
            debug_printf(&in->log, DBG_CARD, "ARP: packet dropped: %s",
                         proto_error_format(&pe, b, sizeof b));
        }
        return;
    }
    t->rx_not_ours++;
    if (type == ETHERTYPE_IPV4 && len >= ETH_HDR_LEN + IPV4_HDR_MIN_LEN) {
        const uint8_t *ip = frame + ETH_HDR_LEN;   /* RFC 791: protocol at 9, addresses at 12 */
        char src[16], dst[16];
        debug_printf(&in->log, DBG_CARD, "TAP: frame not ours dropped (IPv4 %s -> %s protocol %u, "
                     "%zu octets)", arp_ip_str((uint32_t)ip[12] << 24 | (uint32_t)ip[13] << 16 |
                                               (uint32_t)ip[14] << 8 | ip[15], src, sizeof src),
                     arp_ip_str((uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 |
                                (uint32_t)ip[18] << 8 | ip[19], dst, sizeof dst),
                     ip[9], len);
        return;
    }
    debug_printf(&in->log, DBG_CARD, "TAP: frame not ours dropped (EtherType 0x%04x, %zu octets)",
                 type, len);
}

void tap_wire_output(struct l2tpd_inst *in, uint8_t *frame, size_t len, uint32_t dst)
{
    struct proto_error pe = {0};
    if (arp_output(&in->tap.arp, frame, len, dst, &pe) != PROTO_OK) {
        char b[200];
        in->tap.tx_errors++;
        debug_printf(&in->log, DBG_CARD, "TAP: frame to %s not sent: %s",
                     arp_ip_str(dst, (char[16]){0}, 16), proto_error_format(&pe, b, sizeof b));
    }
}

void tap_wire_peer_mac(struct l2tpd_inst *in, uint16_t sid, uint32_t peer_ip,
                       uint8_t mac[ETH_ADDR_LEN])
{
    struct tap_wire *t = &in->tap;
    struct arp *a = &t->arp;
    uint32_t hop = arp_next_hop(a, peer_ip);
    if (arp_lookup(a, hop, mac))
        return;
    memcpy(mac, eth_broadcast, ETH_ADDR_LEN);
    size_t i = 0;
    while (i < t->n_unresolved && t->unresolved_sid[i] != sid)
        i++;
    if (i == t->n_unresolved) {
        if (t->n_unresolved < TAP_UNRESOLVED_MAX)
            t->unresolved_sid[t->n_unresolved++] = sid;
        else
            t->unresolved_lost++;
    }
    struct proto_error pe = {0};
    if (arp_resolve(a, hop, &pe) != PROTO_OK) {
        char b[200];
        debug_printf(&in->log, DBG_CARD, "ARP: %s", proto_error_format(&pe, b, sizeof b));
    }
}

void tap_wire_show(struct l2tpd_inst *in, struct l2tpd_out *o)
{
    const struct tap_wire *t = &in->tap;
    const struct arp_counters *c = &t->arp.cnt;
    if (t->fd < 0)
        return;
    out_printf(o,
               "%s tap %s: rx %llu, tx %llu, other MAC %llu, not ours %llu, too long %llu, "
               "tx errors %llu; ARP: requests in %llu out %llu, replies in %llu out %llu, "
               "other target %llu, bad %llu, resolved %llu, failed %llu, waited %llu, "
               "dropped waiting %llu\n",
               in->cfg.hostname, t->name, (unsigned long long)t->rx, (unsigned long long)t->tx,
               (unsigned long long)t->rx_other_mac, (unsigned long long)t->rx_not_ours,
               (unsigned long long)t->rx_too_long, (unsigned long long)t->tx_errors,
               (unsigned long long)c->requests_in, (unsigned long long)c->requests_out,
               (unsigned long long)c->replies_in, (unsigned long long)c->replies_out,
               (unsigned long long)c->other_target, (unsigned long long)c->bad,
               (unsigned long long)c->resolved, (unsigned long long)c->failed,
               (unsigned long long)c->queued, (unsigned long long)c->queue_dropped);
}
