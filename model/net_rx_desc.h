/* The NET receive descriptor: what net_rx_parser (hw/net_rx_parser.sv) says
 * about each received frame. Values are the RTL's (hw/l2tp_card_pkg.sv,
 * NET_RX_VERDICT_* / NET_RX_REASON_*); the co-simulation compares them. */
#ifndef NET_RX_DESC_H
#define NET_RX_DESC_H

#include <stdbool.h>
#include <stdint.h>

enum net_rx_verdict {
    NET_RX_VERDICT_L2TP_DATA = 0,    /* L2TP data message (T=0) for us */
    NET_RX_VERDICT_L2TP_CONTROL = 1, /* L2TP control message (T=1) for us */
    NET_RX_VERDICT_NOT_FOR_US = 2,   /* well-formed, but not L2TP to us (reason says why) */
    NET_RX_VERDICT_MALFORMED = 3,    /* reason says what is wrong */
};

/* The first failing check, in the order the parser applies them. */
enum net_rx_reason {
    NET_RX_REASON_NONE = 0,
    NET_RX_REASON_NON_IPV4 = 1,          /* not for us: EtherType (after one 802.1Q tag) */
    NET_RX_REASON_NOT_UDP = 2,           /* not for us: IPv4 Protocol */
    NET_RX_REASON_OTHER_PORT = 3,        /* not for us: UDP destination port */
    NET_RX_REASON_OTHER_IP = 4,          /* not for us: IPv4 destination (when checked) */
    NET_RX_REASON_RUNT = 5,              /* frame below 60 octets (IEEE 802.3, no FCS) */
    NET_RX_REASON_BAD_IPV4_HEADER = 6,   /* Version != 4 or IHL < 5 */
    NET_RX_REASON_BAD_IPV4_LENGTH = 7,   /* Total Length < IHL*4 or past the frame end */
    NET_RX_REASON_BAD_IPV4_CHECKSUM = 8, /* RFC 791 header checksum */
    NET_RX_REASON_FRAGMENT = 9,          /* MF set or Fragment Offset != 0 */
    NET_RX_REASON_BAD_UDP_LENGTH = 10,   /* no room for the UDP header, or UDP Length wrong */
    NET_RX_REASON_BAD_L2TP_VERSION = 11, /* Ver != 2 (1 is L2F) */
    NET_RX_REASON_BAD_L2TP_LENGTH = 12,  /* header past the datagram, or Length wrong */
    NET_RX_REASON_BAD_CONTROL_FLAGS = 13,/* T=1 without L and S, or with O or P */
    NET_RX_REASON_OFFSET_PAST_END = 14,  /* Offset Size pad runs past the message end */
    NET_RX_REASON_COUNT = 15,
};

struct net_rx_desc {
    uint8_t verdict;          /* enum net_rx_verdict */
    uint8_t reason;           /* enum net_rx_reason */
    bool vlan_present;
    uint16_t vlan_tci;        /* 0 without a tag */
    uint64_t src_mac;         /* 48 bits, first octet most significant */
    uint32_t ip_src, ip_dst;
    uint16_t udp_src, udp_dst;
    uint16_t l2tp_flags;      /* the Flags/Ver word as received */
    uint16_t tunnel_id, session_id;
    uint16_t ns, nr;          /* 0 unless S */
    uint16_t payload_off;     /* from frame start (PPP frame of a data message); 0 unless L2TP */
    uint16_t payload_len;     /* 0 unless L2TP */
    uint16_t frame_len;       /* octets, saturating at 65535 */
};

/* "L2TP data", "not for us", ... and "bad IPv4 checksum", ...: for logs and
 * test output. Unknown values give "?". */
const char *net_rx_verdict_name(unsigned verdict);
const char *net_rx_reason_name(unsigned reason);

#endif
