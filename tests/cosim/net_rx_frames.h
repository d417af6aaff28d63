/* Ethernet II [802.1Q] IPv4 UDP L2TPv2 test frames for the net_rx_parser
 * tests: a spec with a knob to break every field the parser checks, the
 * builder, the directed list and the seeded random generator. */
#ifndef TESTS_COSIM_NET_RX_FRAMES_H
#define TESTS_COSIM_NET_RX_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_rx_hdr_verdict.h"

#define NET_RX_FRAME_MAX 9018 /* a 9000-octet jumbo payload with a VLAN tag */

/* The shared seeded generator (cosim_rand), so a failing run repeats. */
struct net_rx_rng {
    uint64_t s;
};
uint64_t net_rx_rnd(struct net_rx_rng *r);
unsigned net_rx_rnd_below(struct net_rx_rng *r, unsigned n); /* 0 when n is 0 */
bool net_rx_rnd_pct(struct net_rx_rng *r, unsigned pct);

struct net_rx_frame_spec {
    bool vlan;
    uint16_t vlan_tci;
    uint16_t ethertype; /* after the tag */
    uint8_t ip_version, ihl;
    uint16_t ip_frag;
    uint8_t ip_protocol;
    uint32_t ip_src, ip_dst;
    int total_len_delta; /* added to the correct IPv4 Total Length */
    bool bad_checksum;
    uint16_t udp_src, udp_dst;
    int udp_len_delta;  /* added to the correct UDP Length */
    uint16_t l2tp_word; /* Flags/Ver */
    uint16_t tunnel_id, session_id, ns, nr, offset_size;
    int length_delta;    /* added to the correct L2TP Length */
    size_t pad_written;  /* Offset pad octets actually present */
    const uint8_t *body; /* L2TP header and all (l2tp_word unused) when set */
    size_t body_len;
    size_t payload_len; /* random octets after the L2TP header */
    size_t cut;         /* nonzero: the frame is cut to this many octets */
};

/* A well-formed L2TP data frame from the seed's LAC to its LNS; callers then
 * change what they test. */
struct net_rx_frame_spec net_rx_spec_default(void);

/* Builds the frame into out; returns its length (at most NET_RX_FRAME_MAX
 * for specs from this file). Random octets (MACs, payload, options) come
 * from r. */
size_t net_rx_build_frame(const struct net_rx_frame_spec *s, struct net_rx_rng *r, uint8_t *out);

/* A random frame: mostly well-formed L2TP to cfg (every flag combination,
 * VLAN, options, Offset pads), a third broken in one of the ways the parser
 * names. allow_runt: may be cut below 60 octets. */
struct net_rx_frame_spec net_rx_random_spec(struct net_rx_rng *r, const struct net_rx_cfg *cfg,
                                            bool allow_runt);

/* The directed list (every T L S O P combination with and without VLAN and
 * with Offset pads, every size alignment for data_w, 1514/1518/9018 octets,
 * every verdict and reason, the seed's control messages both ways) into
 * out; returns the count. */
size_t net_rx_directed_specs(struct net_rx_frame_spec *out, size_t cap,
                             const struct net_rx_cfg *cfg, unsigned data_w);

#endif
