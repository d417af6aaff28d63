/* The independent check of the net_rx_parser tests: what the protocol
 * core's software decoders (net_udp_decode, l2tp_header_decode) say a
 * frame's descriptor must be, so RTL and model cannot share a mistake. */
#ifndef TESTS_COSIM_NET_RX_EXPECT_H
#define TESTS_COSIM_NET_RX_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_rx_desc.h"
#include "net_rx_hdr_verdict.h"

struct net_rx_expect {
    struct net_rx_desc d;
    bool udp_fields;  /* UDP ports are meaningful */
    bool l2tp_fields; /* L2TP fields are meaningful */
    bool ip_fields;   /* IPv4 addresses are meaningful */
};

/* Fills *x from the software decoders, applying the parser's documented
 * check order (hw/net_rx_parser.md) to the first error they report. False
 * (reason in why) when the software says something the parser's rules have
 * no verdict for: a test bug or a decoder change. */
bool net_rx_software_expect(const uint8_t *f, size_t len, const struct net_rx_cfg *cfg,
                            struct net_rx_expect *x, char *why, size_t cap);

#endif
