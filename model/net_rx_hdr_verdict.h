/* Model of hw/net_rx_hdr_verdict.sv: the second decode stage of the NET
 * receive parser (UDP and L2TPv2 header, the verdict). Combinational. */
#ifndef MODEL_NET_RX_HDR_VERDICT_H
#define MODEL_NET_RX_HDR_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "net_rx_desc.h"
#include "net_rx_hdr_extract.h"

struct net_rx_cfg {
    uint16_t l2tp_port;   /* UDP destination port of L2TP */
    uint32_t local_ip;
    bool local_ip_en;     /* check the IPv4 destination against local_ip */
};

/* Judges the extract stage's fields of a frame of frame_len octets. Sets the
 * stage's outputs in *d: verdict, reason, udp_src, udp_dst, l2tp_flags,
 * tunnel_id, session_id, ns, nr, payload_off, payload_len. */
void net_rx_hdr_verdict_eval(const struct net_rx_hdr_fields *f, uint16_t frame_len,
                             const struct net_rx_cfg *cfg, struct net_rx_desc *d);

#endif
