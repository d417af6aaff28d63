/* Model of hw/net_rx_hdr_decode.sv: the captured header octets of one frame
 * to its NET receive descriptor. Combinational, so a single eval function. */
#ifndef MODEL_NET_RX_HDR_DECODE_H
#define MODEL_NET_RX_HDR_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "net_rx_desc.h"

/* Farthest octet the decoder reads, plus one: IPv4 at 18 (802.1Q), a 60-octet
 * IPv4 header, 8 octets of UDP and a 14-octet L2TP header (T L S O). */
#define NET_RX_HDR_NEEDED 100

struct net_rx_cfg {
    uint16_t l2tp_port;   /* UDP destination port of L2TP */
    uint32_t local_ip;
    bool local_ip_en;     /* check the IPv4 destination against local_ip */
};

/* hdr: the frame's first NET_RX_HDR_NEEDED octets, octets past the frame end
 * zero. Fills every field of *d except frame_len, which the parser sets. */
void net_rx_hdr_decode_eval(const uint8_t hdr[NET_RX_HDR_NEEDED], uint16_t frame_len,
                            const struct net_rx_cfg *cfg, struct net_rx_desc *d);

#endif
