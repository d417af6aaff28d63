/* The UDP wire (wire_udp.h). */
#include "wire_udp.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "l2tp_const.h"
#include "l2tpd.h"
#include "net_headers.h"

int udp_wire_open(struct l2tpd_inst *in, char *err, size_t cap)
{
    const struct config_wire *w = &in->cfg.wire;
    in->udp_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (in->udp_fd < 0) {
        snprintf(err, cap, "wire udp: socket: %s", strerror(errno));
        return -1;
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(w->port),
                            .sin_addr.s_addr = htonl(w->ip)};
    if (bind(in->udp_fd, (struct sockaddr *)&a, sizeof a)) {
        snprintf(err, cap, "wire udp: bind %u.%u.%u.%u:%u: %s", w->ip >> 24, (w->ip >> 16) & 255,
                 (w->ip >> 8) & 255, w->ip & 255, w->port, strerror(errno));
        close(in->udp_fd);
        in->udp_fd = -1;
        return -1;
    }
    return 0;
}

void udp_wire_close(struct l2tpd_inst *in)
{
    if (in->udp_fd >= 0)
        close(in->udp_fd);
    in->udp_fd = -1;
}

void udp_wire_send(struct l2tpd_inst *in, const uint8_t *frame, size_t len)
{
    struct net_udp_packet p;
    if (net_udp_decode(frame, len, &p, NULL) != PROTO_OK) {
        in->udp_bad++;
        return;
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(p.udp_dst),
                             .sin_addr.s_addr = htonl(p.ip_dst)};
    if (sendto(in->udp_fd, p.payload, p.payload_len, 0, (struct sockaddr *)&to, sizeof to) < 0)
        in->udp_bad++;
    else
        in->udp_tx++;
}

size_t udp_wire_poll(struct l2tpd_inst *in)
{
    if (in->udp_fd < 0)
        return 0;
    size_t n = 0;
    uint8_t dgram[SOFTCARD_FRAME_MAX];
    uint8_t frame[SOFTCARD_FRAME_MAX + 64];
    for (;;) {
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ssize_t r = recvfrom(in->udp_fd, dgram, sizeof dgram, 0, (struct sockaddr *)&from, &fl);
        if (r < 0)
            break;
        /* The headers a frame to our card would carry: from the sender's
         * address and port to ours and the card's L2TP port (the socket's
         * port may differ from 1701; the card matches its own). */
        struct net_udp_packet p = {0};
        memcpy(p.dst_mac, in->mac, 6);
        p.src_mac[0] = 0x02;
        p.ip_ttl = 64;
        p.ip_src = ntohl(from.sin_addr.s_addr);
        p.ip_dst = in->ip;
        p.udp_src = ntohs(from.sin_port);
        p.udp_dst = L2TP_UDP_PORT;
        size_t flen = 0;
        if (net_udp_encode(&p, dgram, (size_t)r, frame, sizeof frame, &flen, NULL) != PROTO_OK) {
            in->udp_bad++;
            continue;
        }
        in->udp_rx++;
        if (in->d->wire.pcap)
            (void)pcap_writer_write(in->d->wire.pcap, frame, flen,
                                    WIRE_PCAP_EPOCH_US + timer_now(&in->d->tq), NULL);
        card_if_net_rx(in, frame, flen);
        n++;
    }
    return n;
}
