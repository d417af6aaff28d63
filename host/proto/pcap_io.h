/* pcap files through libpcap (pcap_open_offline, pcap_dump): no hand-written
 * file format. */
#ifndef PCAP_IO_H
#define PCAP_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

struct pcap_reader;
struct pcap_writer;

struct pcap_record {
    const uint8_t *data;
    size_t caplen;
    size_t wirelen;
    uint64_t ts_usec;          /* microseconds since the epoch */
};

/* linktype: DLT_* as libpcap reports it (DLT_EN10MB = 1, DLT_RAW, DLT_LINUX_SLL, DLT_NULL). */
proto_status pcap_reader_open(const char *path, struct pcap_reader **out, int *linktype,
                              struct proto_error *err);
/* 1 and rec filled, 0 at end, negative on a read error. rec->data is valid until the next call. */
int pcap_reader_next(struct pcap_reader *r, struct pcap_record *rec, struct proto_error *err);
void pcap_reader_close(struct pcap_reader *r);

proto_status pcap_writer_open(const char *path, int linktype, struct pcap_writer **out,
                              struct proto_error *err);
proto_status pcap_writer_write(struct pcap_writer *w, const uint8_t *data, size_t len,
                               uint64_t ts_usec, struct proto_error *err);
void pcap_writer_close(struct pcap_writer *w);
/* Flushes buffered records and closes (w is freed either way), so a full
 * disk is an error rather than a short file. */
proto_status pcap_writer_finish(struct pcap_writer *w, struct proto_error *err);

/* Offset of the IPv4 header for a linktype's frame, or a negative status:
 * PROTO_EINVAL when the linktype is not supported or the frame does not carry
 * IPv4 (an ARP frame, say), PROTO_ETRUNC when the link header is cut short.
 * Handles DLT_EN10MB (one 802.1Q tag), DLT_RAW, DLT_IPV4, DLT_LINUX_SLL,
 * DLT_LINUX_SLL2, DLT_NULL and DLT_LOOP. */
int pcap_link_header_len(int linktype, const uint8_t *data, size_t len);

/* Whether pcap_link_header_len knows the linktype. */
bool pcap_linktype_supported(int linktype);

#endif
