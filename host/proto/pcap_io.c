/* pcap files through libpcap: pcap_open_offline/pcap_next_ex to read,
 * pcap_open_dead/pcap_dump_open/pcap_dump to write. */
#include "pcap_io.h"

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "net_const.h"

/* Large enough for any IPv4 datagram (65535) behind any link header; the
 * value libpcap itself uses as its maximum snapshot length. */
#define PCAP_IO_SNAPLEN 262144

struct pcap_reader {
    pcap_t *pcap;
    unsigned long records;   /* records returned so far, to name a bad one */
};

struct pcap_writer {
    pcap_t *dead;
    pcap_dumper_t *dumper;
};

/* libpcap's messages usually start with the path already; add it otherwise. */
static proto_status io_fail(struct proto_error *err, const char *field, const char *path,
                            const char *msg)
{
    if (strstr(msg, path))
        return proto_fail(err, PROTO_EIO, 0, field, "%s", msg);
    return proto_fail(err, PROTO_EIO, 0, field, "%s: %s", path, msg);
}

proto_status pcap_reader_open(const char *path, struct pcap_reader **out, int *linktype,
                              struct proto_error *err)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    *out = NULL;
    struct pcap_reader *r = calloc(1, sizeof *r);
    if (!r)
        return proto_fail(err, PROTO_EIO, 0, "pcap file", "%s: out of memory", path);
    r->pcap = pcap_open_offline(path, errbuf);
    if (!r->pcap) {
        free(r);
        return io_fail(err, "pcap file", path, errbuf);
    }
    *linktype = pcap_datalink(r->pcap);
    *out = r;
    return PROTO_OK;
}

int pcap_reader_next(struct pcap_reader *r, struct pcap_record *rec, struct proto_error *err)
{
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc = pcap_next_ex(r->pcap, &h, &data);
    if (rc == PCAP_ERROR_BREAK) /* -2: no more records in a savefile */
        return 0;
    if (rc != 1)
        return proto_fail(err, PROTO_EIO, 0, "pcap record", "record %lu: %s", r->records + 1,
                          pcap_geterr(r->pcap));
    r->records++;
    rec->data = data;
    rec->caplen = h->caplen;
    rec->wirelen = h->len;
    rec->ts_usec = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
    return 1;
}

void pcap_reader_close(struct pcap_reader *r)
{
    if (!r)
        return;
    pcap_close(r->pcap);
    free(r);
}

proto_status pcap_writer_open(const char *path, int linktype, struct pcap_writer **out,
                              struct proto_error *err)
{
    *out = NULL;
    struct pcap_writer *w = calloc(1, sizeof *w);
    if (!w)
        return proto_fail(err, PROTO_EIO, 0, "pcap file", "%s: out of memory", path);
    w->dead = pcap_open_dead(linktype, PCAP_IO_SNAPLEN);
    if (!w->dead) {
        free(w);
        return proto_fail(err, PROTO_EIO, 0, "pcap file", "%s: linktype %d not supported", path,
                          linktype);
    }
    w->dumper = pcap_dump_open(w->dead, path);
    if (!w->dumper) {
        proto_status st = io_fail(err, "pcap file", path, pcap_geterr(w->dead));
        pcap_close(w->dead);
        free(w);
        return st;
    }
    *out = w;
    return PROTO_OK;
}

proto_status pcap_writer_write(struct pcap_writer *w, const uint8_t *data, size_t len,
                               uint64_t ts_usec, struct proto_error *err)
{
    if (len > PCAP_IO_SNAPLEN)
        return proto_fail(err, PROTO_ELENGTH, 0, "pcap record", "%zu octets exceed %d", len,
                          PCAP_IO_SNAPLEN);
    struct pcap_pkthdr h;
    memset(&h, 0, sizeof h);
    h.ts.tv_sec = (time_t)(ts_usec / 1000000u);
    h.ts.tv_usec = (suseconds_t)(ts_usec % 1000000u);
    h.caplen = (bpf_u_int32)len;
    h.len = (bpf_u_int32)len;
    pcap_dump((u_char *)w->dumper, &h, data);
    return PROTO_OK;
}

proto_status pcap_writer_finish(struct pcap_writer *w, struct proto_error *err)
{
    if (!w)
        return PROTO_OK;
    proto_status st = PROTO_OK;
    if (pcap_dump_flush(w->dumper) != 0)
        st = proto_fail(err, PROTO_EIO, 0, "pcap file", "writing records failed");
    pcap_dump_close(w->dumper);
    pcap_close(w->dead);
    free(w);
    return st;
}

void pcap_writer_close(struct pcap_writer *w)
{
    (void)pcap_writer_finish(w, NULL);
}

static uint16_t be16(const uint8_t *b)
{
    return (uint16_t)(b[0] << 8 | b[1]);
}

/* The IPv4 header after `hdr` link octets when the frame is long enough and
 * `is_ipv4` holds. */
static int link_result(size_t hdr, size_t len, int is_ipv4)
{
    if (len < hdr)
        return PROTO_ETRUNC;
    return is_ipv4 ? (int)hdr : PROTO_EINVAL;
}

bool pcap_linktype_supported(int linktype)
{
    switch (linktype) {
    case DLT_EN10MB:
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_LINUX_SLL:
    case DLT_LINUX_SLL2:
    case DLT_NULL:
    case DLT_LOOP:
        return true;
    default:
        return false;
    }
}

int pcap_link_header_len(int linktype, const uint8_t *data, size_t len)
{
    switch (linktype) {
    case DLT_EN10MB: {
        if (len < ETH_HDR_LEN)
            return PROTO_ETRUNC;
        uint16_t type = be16(data + 2 * ETH_ADDR_LEN);
        if (type != ETHERTYPE_VLAN)
            return link_result(ETH_HDR_LEN, len, type == ETHERTYPE_IPV4);
        if (len < ETH_HDR_LEN + VLAN_TAG_LEN)
            return PROTO_ETRUNC;
        return link_result(ETH_HDR_LEN + VLAN_TAG_LEN, len,
                           be16(data + 2 * ETH_ADDR_LEN + VLAN_TAG_LEN) == ETHERTYPE_IPV4);
    }
    case DLT_RAW:
    case DLT_IPV4:
        /* Raw IP: the version nibble tells IPv4 from IPv6. */
        if (len < 1)
            return PROTO_ETRUNC;
        return data[0] >> 4 == IPV4_VERSION ? 0 : PROTO_EINVAL;
    case DLT_LINUX_SLL:
        if (len < SLL_HDR_LEN)
            return PROTO_ETRUNC;
        return link_result(SLL_HDR_LEN, len, be16(data + SLL_PROTOCOL_OFFSET) == ETHERTYPE_IPV4);
    case DLT_LINUX_SLL2:
        if (len < SLL2_HDR_LEN)
            return PROTO_ETRUNC;
        return link_result(SLL2_HDR_LEN, len,
                           be16(data + SLL2_PROTOCOL_OFFSET) == ETHERTYPE_IPV4);
    case DLT_NULL:
    case DLT_LOOP: {
        if (len < NULL_HDR_LEN)
            return PROTO_ETRUNC;
        /* DLT_NULL stores the family in the capturing host's byte order,
         * DLT_LOOP in network order: accept AF_INET either way round. */
        uint32_t be = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
                      (uint32_t)data[2] << 8 | data[3];
        uint32_t le = (uint32_t)data[3] << 24 | (uint32_t)data[2] << 16 |
                      (uint32_t)data[1] << 8 | data[0];
        return link_result(NULL_HDR_LEN, len, be == NULL_AF_INET || le == NULL_AF_INET);
    }
    default:
        return PROTO_EINVAL;
    }
}
