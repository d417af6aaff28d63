/* cardsim's files (formats in host/tools/CARDSIM.md): NET frames from and
 * to pcap, octet files per ACCESS channel, the inject list, and the punt
 * pcap with its metadata pseudo-header. */
#ifndef CARDSIM_IO_H
#define CARDSIM_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the driver's, not model/card_regs.h (both directories are on the path) */
#include "../../driver/card_regs.h"

#include "cardsim_sim.h"

/* The punt pcap's link type: DLT_USER0 (147), each record starting with
 * the 8-octet pseudo-header below, then the frame as the card punted it. */
#define CARDSIM_PUNT_DLT 147
#define CARDSIM_PUNT_HDR_LEN 8
/* octet 0 kind (CARD_PUNT_KIND_*: 0 whole NET frame, 1 PPP frame), 1 reason
 * (hw/regmap.md "Punt reasons", CARD_PUNT_*), 2 channel, 3 zero, 4-5 session index (big-endian),
 * 6-7 frame length (big-endian). */
void cardsim_punt_header(const struct cardsim_punt_meta *m, size_t len,
                         uint8_t hdr[CARDSIM_PUNT_HDR_LEN]);

/* Whole file into *data (malloc'd; an empty file gives len 0). */
bool cardsim_read_file(const char *path, uint8_t **data, size_t *len, char *msg, size_t cap);
bool cardsim_write_file(const char *path, const uint8_t *data, size_t len, char *msg, size_t cap);

/* Every record of an Ethernet (DLT_EN10MB) pcap onto the NET input, or as
 * raw NET frames onto the inject input (inject = true). */
bool cardsim_load_net_pcap(struct cardsim_sim *s, const char *path, bool inject, char *msg,
                           size_t cap);

/* The inject list: one frame per line, `KIND TARGET HEX...` with KIND net
 * (TARGET -), channel or session; '#' comments, blank lines skipped.
 * Errors are "PATH:LINE: ...". */
bool cardsim_load_inject(struct cardsim_sim *s, const char *path, char *msg, size_t cap);

/* Frames to pcap (NET output: DLT_EN10MB; punt: CARDSIM_PUNT_DLT). The
 * record time stamp is the frame's last cycle at 1 ns per cycle. */
bool cardsim_write_net_pcap(const struct cardsim_queue *q, const char *path, char *msg,
                            size_t cap);
bool cardsim_write_punt_pcap(const struct cardsim_queue *q, const char *path, char *msg,
                             size_t cap);
/* One line per punted frame: "N kind K reason R session S channel C len L HEX". */
bool cardsim_write_punt_log(const struct cardsim_queue *q, const char *path, char *msg,
                            size_t cap);

#endif
