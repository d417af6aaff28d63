/* Ethernet / IEEE 802.1Q / IPv4 / UDP constants (RFC 791, RFC 768, IEEE 802.3). */
#ifndef NET_CONST_H
#define NET_CONST_H

#define ETH_ADDR_LEN 6
#define ETH_HDR_LEN 14
#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_ARP 0x0806u
#define ETHERTYPE_VLAN 0x8100u         /* IEEE 802.1Q tag protocol identifier */
#define VLAN_TAG_LEN 4
#define ETH_MIN_FRAME 60               /* without FCS */

/* ARP (RFC 826), for Ethernet and IPv4: the packet's fields and values. */
#define ARES_HRD_ETHERNET 1u           /* ar$hrd: ares_hrd$Ethernet */
#define ARES_OP_REQUEST 1u             /* ar$op: ares_op$REQUEST */
#define ARES_OP_REPLY 2u               /* ar$op: ares_op$REPLY */
#define ARP_IPV4_PKT_LEN 28            /* hrd, pro, hln, pln, op, sha, spa, tha, tpa */

#define IPV4_VERSION 4
#define IPV4_MIN_IHL 5
#define IPV4_HDR_MIN_LEN 20
#define IPV4_PROTO_ICMP 1
#define IPV4_PROTO_UDP 17
#define IPV4_FLAG_DF 0x4000u
#define IPV4_FLAG_MF 0x2000u
#define IPV4_FRAG_OFFSET_MASK 0x1FFFu
#define UDP_HDR_LEN 8
/* RFC 792: ICMP echo (type, code, checksum, identifier, sequence number) */
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO 8
#define ICMP_HDR_LEN 8
#define IPV4_MAX_TOTAL_LEN 65535       /* RFC 791: Total Length is 16 bits */
#define IPV4_MAX_IHL 15                /* RFC 791: IHL is 4 bits */
#define IPV4_OPT_EOL 0                 /* RFC 791: End of Option List */

/* Capture link-layer headers in front of IPv4 (libpcap's LINKTYPE_* documentation). */
#define SLL_HDR_LEN 16                 /* LINUX_SLL: protocol type at octet 14 */
#define SLL_PROTOCOL_OFFSET 14
#define SLL2_HDR_LEN 20                /* LINUX_SLL2: protocol type at octet 0 */
#define SLL2_PROTOCOL_OFFSET 0
#define NULL_HDR_LEN 4                 /* NULL/LOOP: 4-octet address family */
#define NULL_AF_INET 2                 /* AF_INET on every BSD and on Linux */

#endif
