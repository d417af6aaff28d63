/* net_udp_decode / net_udp_encode / net_ipv4_udp_decode / inet_checksum. */
#include <string.h>

#include "net_headers.h"
#include "unit.h"

static const uint8_t l2tp_zlb[] = {0xC8, 0x02, 0x00, 0x0C, 0x45, 0x18,
                                   0x00, 0x00, 0x00, 0x01, 0x00, 0x02};

/* The seed's LAC (10.51.6.68) and LNS (10.51.6.82), Cisco ports 1701 both ways. */
static struct net_udp_packet seed_template(void)
{
    struct net_udp_packet p;
    memset(&p, 0, sizeof p);
    const uint8_t dst[] = {0x00, 0x30, 0x94, 0xfe, 0x1b, 0xbf};
    const uint8_t src[] = {0x02, 0x00, 0x0a, 0x33, 0x06, 0x44};
    memcpy(p.dst_mac, dst, sizeof dst);
    memcpy(p.src_mac, src, sizeof src);
    p.ip_ttl = 255;
    p.ip_id = 0x1234;
    p.ip_frag = IPV4_FLAG_DF;
    p.ip_src = 0x0A330644;
    p.ip_dst = 0x0A330652;
    p.udp_src = 1701;
    p.udp_dst = 1701;
    return p;
}

static void test_checksum_rfc1071_example(void)
{
    /* RFC 1071 §3 example: the sum of 00 01 f2 03 f4 f5 f6 f7 is ddf2. */
    const uint8_t d[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CU_ASSERT_EQUAL(inet_checksum(d, sizeof d), (uint16_t)~0xddf2);
    /* An odd length pads the last octet with a zero. */
    const uint8_t odd[] = {0x12, 0x34, 0x56};
    CU_ASSERT_EQUAL(inet_checksum(odd, 3), (uint16_t)~(0x1234 + 0x5600));
}

static void check_round_trip(const struct net_udp_packet *in, const uint8_t *payload, size_t len)
{
    uint8_t frame[2048];
    size_t flen = 0;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(net_udp_encode(in, payload, len, frame, sizeof frame, &flen, &err),
                          PROTO_OK);
    CU_ASSERT(flen >= ETH_MIN_FRAME);
    struct net_udp_packet out;
    CU_ASSERT_EQUAL_FATAL(net_udp_decode(frame, flen, &out, &err), PROTO_OK);
    CU_ASSERT(memcmp(out.dst_mac, in->dst_mac, ETH_ADDR_LEN) == 0);
    CU_ASSERT(memcmp(out.src_mac, in->src_mac, ETH_ADDR_LEN) == 0);
    CU_ASSERT_EQUAL(out.has_vlan, in->has_vlan);
    if (in->has_vlan)
        CU_ASSERT_EQUAL(out.vlan_tci, in->vlan_tci);
    CU_ASSERT_EQUAL(out.ethertype, ETHERTYPE_IPV4);
    CU_ASSERT_EQUAL(out.ip_src, in->ip_src);
    CU_ASSERT_EQUAL(out.ip_dst, in->ip_dst);
    CU_ASSERT_EQUAL(out.ip_ttl, in->ip_ttl);
    CU_ASSERT_EQUAL(out.ip_tos, in->ip_tos);
    CU_ASSERT_EQUAL(out.ip_id, in->ip_id);
    CU_ASSERT_EQUAL(out.ip_frag, in->ip_frag);
    CU_ASSERT_EQUAL(out.ip_protocol, IPV4_PROTO_UDP);
    CU_ASSERT(out.ip_checksum_ok);
    CU_ASSERT(out.udp_checksum_ok);
    CU_ASSERT_EQUAL(out.ip_options_len, in->ip_ihl ? (in->ip_ihl - 5u) * 4 : in->ip_options_len);
    if (in->ip_options_len)
        CU_ASSERT(memcmp(out.ip_options, in->ip_options, in->ip_options_len) == 0);
    CU_ASSERT_EQUAL(out.udp_src, in->udp_src);
    CU_ASSERT_EQUAL(out.udp_dst, in->udp_dst);
    CU_ASSERT_EQUAL(out.udp_len, UDP_HDR_LEN + len);
    CU_ASSERT_EQUAL(out.payload_len, len);
    CU_ASSERT(out.payload == frame + out.payload_offset);
    CU_ASSERT(len == 0 || memcmp(out.payload, payload, len) == 0);

    /* Re-encoding the decoded fields gives the same frame octet for octet. */
    uint8_t again[2048];
    size_t alen = 0;
    CU_ASSERT_EQUAL(net_udp_encode(&out, out.payload, out.payload_len, again, sizeof again, &alen,
                                   &err),
                    PROTO_OK);
    CU_ASSERT_EQUAL(alen, flen);
    CU_ASSERT(memcmp(again, frame, flen) == 0);
}

static void test_round_trip_plain(void)
{
    struct net_udp_packet p = seed_template();
    check_round_trip(&p, l2tp_zlb, sizeof l2tp_zlb);
}

static void test_round_trip_vlan(void)
{
    struct net_udp_packet p = seed_template();
    p.has_vlan = true;
    p.vlan_tci = 0x6064; /* PCP 3, VID 100 */
    check_round_trip(&p, l2tp_zlb, sizeof l2tp_zlb);
}

static void test_round_trip_options(void)
{
    /* A Router Alert option (RFC 2113: 94 04 00 00) takes IHL to 6; three
     * octets of NOPs are rounded up to a whole word of option space. */
    const uint8_t ra[] = {0x94, 0x04, 0x00, 0x00};
    struct net_udp_packet p = seed_template();
    p.ip_options = ra;
    p.ip_options_len = sizeof ra;
    check_round_trip(&p, l2tp_zlb, sizeof l2tp_zlb);

    const uint8_t nops[] = {0x01, 0x01, 0x01};
    p.ip_options = nops;
    p.ip_options_len = sizeof nops;
    uint8_t frame[128];
    size_t flen = 0;
    CU_ASSERT_EQUAL_FATAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, frame, sizeof frame, &flen,
                                         NULL),
                          PROTO_OK);
    struct net_udp_packet out;
    CU_ASSERT_EQUAL_FATAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(out.ip_ihl, 6);
    CU_ASSERT_EQUAL(out.ip_options[3], 0); /* End of Option List fills the word */
    CU_ASSERT_EQUAL(out.payload_offset, ETH_HDR_LEN + 24 + UDP_HDR_LEN);

    /* The largest header: IHL 15 with 40 octets of option space. */
    p.ip_options = NULL;
    p.ip_options_len = 0;
    p.ip_ihl = 15;
    check_round_trip(&p, l2tp_zlb, sizeof l2tp_zlb);
}

static void test_round_trip_every_octet_value(void)
{
    uint8_t payload[1500];
    for (size_t i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)(i * 7 + 3);
    struct net_udp_packet p = seed_template();
    for (size_t len = 0; len <= sizeof payload; len += 97)
        check_round_trip(&p, payload, len);
}

static void test_short_frame_padding(void)
{
    /* A ZLB in Ethernet is 54 octets, padded to the 60-octet minimum; the
     * padding is not part of the datagram. */
    struct net_udp_packet p = seed_template();
    uint8_t frame[128];
    size_t flen = 0;
    CU_ASSERT_EQUAL_FATAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, frame, sizeof frame, &flen,
                                         NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL(flen, ETH_MIN_FRAME);
    struct net_udp_packet out;
    CU_ASSERT_EQUAL_FATAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(out.ip_total_len, 20 + 8 + 12);
    CU_ASSERT_EQUAL(out.payload_len, 12);
}

static size_t build(uint8_t *frame, size_t cap, bool vlan)
{
    struct net_udp_packet p = seed_template();
    p.has_vlan = vlan;
    size_t flen = 0;
    CU_ASSERT_EQUAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, frame, cap, &flen, NULL),
                    PROTO_OK);
    return flen;
}

static void test_ip_checksum_flagged(void)
{
    uint8_t frame[128];
    size_t flen = build(frame, sizeof frame, false);
    frame[ETH_HDR_LEN + 10] ^= 0x01; /* Header Checksum */
    struct net_udp_packet out;
    CU_ASSERT_EQUAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_FALSE(out.ip_checksum_ok);
    /* A change to a covered field is caught too. */
    frame[ETH_HDR_LEN + 10] ^= 0x01;
    frame[ETH_HDR_LEN + 8] = 1; /* TTL */
    CU_ASSERT_EQUAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_FALSE(out.ip_checksum_ok);
}

static void test_udp_checksum_verified(void)
{
    uint8_t frame[128];
    size_t flen = build(frame, sizeof frame, false);
    uint8_t *udp = frame + ETH_HDR_LEN + 20;
    /* Fill in a correct checksum by hand: sum with the field at zero, over the
     * pseudo header (RFC 768) then the datagram. */
    uint8_t pseudo[12 + 8 + sizeof l2tp_zlb];
    memcpy(pseudo, frame + ETH_HDR_LEN + 12, 8);
    pseudo[8] = 0;
    pseudo[9] = IPV4_PROTO_UDP;
    pseudo[10] = 0;
    pseudo[11] = (uint8_t)(8 + sizeof l2tp_zlb);
    memcpy(pseudo + 12, udp, 8 + sizeof l2tp_zlb);
    uint16_t c = inet_checksum(pseudo, sizeof pseudo);
    udp[6] = (uint8_t)(c >> 8);
    udp[7] = (uint8_t)c;
    struct net_udp_packet out;
    CU_ASSERT_EQUAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(out.udp_checksum, c);
    CU_ASSERT(out.udp_checksum_ok);
    udp[8 + 5] ^= 0x40; /* flip a payload bit */
    CU_ASSERT_EQUAL(net_udp_decode(frame, flen, &out, NULL), PROTO_OK);
    CU_ASSERT_FALSE(out.udp_checksum_ok);
}

static void expect_error(const uint8_t *frame, size_t flen, proto_status st, size_t offset,
                         const char *field)
{
    struct net_udp_packet out;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(net_udp_decode(frame, flen, &out, &err), st);
    CU_ASSERT_EQUAL(err.offset, offset);
    CU_ASSERT_STRING_EQUAL(err.field, field);
}

static void test_fragments_rejected(void)
{
    uint8_t frame[128];
    size_t flen = build(frame, sizeof frame, false);
    uint8_t *ip = frame + ETH_HDR_LEN;
    ip[6] = 0x20; /* MF */
    expect_error(frame, flen, PROTO_EINVAL, ETH_HDR_LEN + 6, "Flags");
    ip[6] = 0x00;
    ip[7] = 0x10; /* offset 16 */
    expect_error(frame, flen, PROTO_EINVAL, ETH_HDR_LEN + 6, "Fragment Offset");

    struct net_udp_packet p = seed_template();
    p.ip_frag = IPV4_FLAG_MF;
    size_t n;
    CU_ASSERT_EQUAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, frame, sizeof frame, &n, NULL),
                    PROTO_EINVAL);
}

static void test_bad_lengths(void)
{
    uint8_t frame[128];
    size_t flen = build(frame, sizeof frame, false);
    uint8_t *ip = frame + ETH_HDR_LEN;
    uint8_t *udp = ip + 20;

    ip[3] = 19; /* Total Length below the header */
    expect_error(frame, flen, PROTO_ELENGTH, ETH_HDR_LEN + 2, "Total Length");
    ip[2] = 0x01; /* 275: past the frame */
    expect_error(frame, flen, PROTO_ELENGTH, ETH_HDR_LEN + 2, "Total Length");
    ip[2] = 0;
    ip[3] = 40;

    udp[5] = 7; /* UDP Length below 8 */
    expect_error(frame, flen, PROTO_ELENGTH, ETH_HDR_LEN + 24, "UDP Length");
    udp[5] = 21; /* one more than Total Length leaves */
    expect_error(frame, flen, PROTO_ELENGTH, ETH_HDR_LEN + 24, "UDP Length");
    udp[5] = 20;

    ip[0] = 0x44; /* IHL 4 */
    expect_error(frame, flen, PROTO_EINVAL, ETH_HDR_LEN, "IHL");
    ip[0] = 0x65; /* IPv6 nibble */
    expect_error(frame, flen, PROTO_EVERSION, ETH_HDR_LEN, "Version");
    ip[0] = 0x45;
    ip[9] = IPV4_PROTO_ICMP;
    expect_error(frame, flen, PROTO_EINVAL, ETH_HDR_LEN + 9, "Protocol");
    ip[9] = IPV4_PROTO_UDP;
    frame[12] = 0x08;
    frame[13] = 0x06; /* ARP */
    expect_error(frame, flen, PROTO_EINVAL, 12, "EtherType");

    /* Total Length leaving less than a UDP header. */
    frame[13] = 0x00;
    ip[3] = 24;
    expect_error(frame, flen, PROTO_ETRUNC, ETH_HDR_LEN + 24, "UDP header");

    /* Encode refuses a datagram over 65535 octets and a too-small buffer. */
    static uint8_t big[65536];
    static uint8_t out[70000];
    struct net_udp_packet p = seed_template();
    size_t n;
    CU_ASSERT_EQUAL(net_udp_encode(&p, big, 65535 - 28 + 1, out, sizeof out, &n, NULL),
                    PROTO_ELENGTH);
    CU_ASSERT_EQUAL(net_udp_encode(&p, big, 65535 - 28, out, sizeof out, &n, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, out, 59, &n, NULL),
                    PROTO_ENOSPC);
    p.ip_ihl = 4;
    CU_ASSERT_EQUAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, out, sizeof out, &n, NULL),
                    PROTO_EINVAL);
}

/* Every prefix of a valid frame fails cleanly (never reads past len), with
 * an offset inside the prefix. The copy on the heap lets ASan catch overreads. */
static void check_truncations(bool vlan, const uint8_t *options, size_t options_len)
{
    struct net_udp_packet p = seed_template();
    p.has_vlan = vlan;
    p.ip_options = options;
    p.ip_options_len = options_len;
    uint8_t frame[128];
    size_t flen = 0;
    CU_ASSERT_EQUAL_FATAL(net_udp_encode(&p, l2tp_zlb, sizeof l2tp_zlb, frame, sizeof frame, &flen,
                                         NULL),
                          PROTO_OK);
    size_t real_len = (vlan ? 18 : 14) + 20 + options_len + 8 + sizeof l2tp_zlb;
    for (size_t cut = 0; cut < real_len; cut++) {
        uint8_t exact[128];
        memcpy(exact, frame, cut);
        struct net_udp_packet out;
        struct proto_error err = {0};
        proto_status st = net_udp_decode(exact, cut, &out, &err);
        CU_ASSERT(st == PROTO_ETRUNC || st == PROTO_ELENGTH);
        CU_ASSERT(err.offset <= cut);
        CU_ASSERT_PTR_NOT_NULL(err.field);
    }
    struct net_udp_packet out;
    CU_ASSERT_EQUAL(net_udp_decode(frame, real_len, &out, NULL), PROTO_OK);
}

static void test_truncation_every_offset(void)
{
    const uint8_t ra[] = {0x94, 0x04, 0x00, 0x00};
    check_truncations(false, NULL, 0);
    check_truncations(true, NULL, 0);
    check_truncations(true, ra, sizeof ra);
}

static void test_raw_ipv4_decode(void)
{
    uint8_t frame[128];
    size_t flen = build(frame, sizeof frame, false);
    struct net_udp_packet out;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(net_ipv4_udp_decode(frame + ETH_HDR_LEN, flen - ETH_HDR_LEN, 16, &out,
                                              &err),
                          PROTO_OK);
    CU_ASSERT_EQUAL(out.ip_src, 0x0A330644);
    CU_ASSERT_EQUAL(out.payload_offset, 16 + 28);
    CU_ASSERT_EQUAL(out.payload_len, sizeof l2tp_zlb);
    CU_ASSERT_FALSE(out.has_vlan);
    /* Error offsets are shifted by base_offset. */
    CU_ASSERT_EQUAL(net_ipv4_udp_decode(frame + ETH_HDR_LEN, 10, 16, &out, &err), PROTO_ETRUNC);
    CU_ASSERT_EQUAL(err.offset, 26);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"RFC 1071 checksum example", test_checksum_rfc1071_example},
        {"round trip: Ethernet/IPv4/UDP", test_round_trip_plain},
        {"round trip: 802.1Q tag", test_round_trip_vlan},
        {"round trip: IPv4 options (IHL > 5)", test_round_trip_options},
        {"round trip: payload sizes 0..1500, varied octets", test_round_trip_every_octet_value},
        {"short frames padded to 60, padding ignored", test_short_frame_padding},
        {"bad IPv4 header checksum flagged", test_ip_checksum_flagged},
        {"UDP checksum verified when present", test_udp_checksum_verified},
        {"fragments rejected (MF, offset)", test_fragments_rejected},
        {"bad Total Length / UDP Length / IHL / version / protocol", test_bad_lengths},
        {"truncation at every offset", test_truncation_every_offset},
        {"decode from the IPv4 header (raw captures)", test_raw_ipv4_decode},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("net_headers", tests);
}
