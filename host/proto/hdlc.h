/* RFC 1662 §4 octet-stuffed HDLC-like framing: the software reference that the
 * card's framer and deframer (hw/, model/) are compared with byte for byte.
 *
 * Transmit: FCS appended, then every octet that is 0x7E, 0x7D or a control
 * character flagged in the transmit ACCM is sent as 0x7D, octet ^ 0x20.
 * Receive: flag hunt, control characters flagged in the receive ACCM that
 * arrive unescaped are discarded (§4.2), 0x7D unescapes the next octet,
 * 0x7D 0x7E aborts the frame, the FCS is checked and removed.
 *
 * Exact receive rules (the RTL deframer and its model must match them):
 * - octets before the first flag are dropped silently (no counter);
 * - a flagged control octet is removed before unescaping, so 7D <ctl> 5E
 *   still gives 0x7E, and it is counted in accm_discards;
 * - the octet after 0x7D is XORed with 0x20 whatever it is: 7D 7D is 0x5D;
 * - every flag closes the current frame and opens the next (flag sharing);
 *   an empty frame (back-to-back flags) is not reported;
 * - a closed frame is classified in this order: abort (7D then flag), too
 *   long (more than mru + FCS octets after unescaping), runt (fewer than
 *   FCS + 1 octets), bad FCS, good. */
#ifndef HDLC_H
#define HDLC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto_error.h"

enum hdlc_fcs_mode {
    HDLC_FCS_16 = 0,
    HDLC_FCS_32 = 1,
};

struct hdlc_tx_config {
    uint32_t accm;             /* bit n set: escape octet n (0x00-0x1F) */
    enum hdlc_fcs_mode fcs;
    bool opening_flag;         /* send a 0x7E before the frame (false: share the
                                  previous frame's closing flag, §4.1 flag sharing) */
};

/* Worst-case encoded size of a len-octet frame: flags, FCS, every octet escaped. */
size_t hdlc_encoded_max(size_t len, enum hdlc_fcs_mode fcs);

/* Octets of FCS on the wire for a mode (2 or 4); 0 for a value that is not a mode. */
size_t hdlc_fcs_len(enum hdlc_fcs_mode fcs);

/* True when the transmitter sends octet as 0x7D, octet ^ 0x20: always for
 * 0x7E and 0x7D, and for 0x00-0x1F when the octet's bit is set in accm (§4.2;
 * §7.1: octets 0x20 and up are never escaped through the async-map). */
bool hdlc_tx_escapes(uint32_t accm, uint8_t octet);

/* Frames one PPP frame (address/control/protocol/info as given) into out. */
proto_status hdlc_encode(const struct hdlc_tx_config *cfg, const uint8_t *frame, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err);

/* Outcome of one delimited frame on receive. */
enum hdlc_rx_event {
    HDLC_RX_FRAME = 0,         /* good frame, FCS removed */
    HDLC_RX_BAD_FCS,
    HDLC_RX_ABORT,             /* 7D 7E */
    HDLC_RX_RUNT,              /* shorter than the FCS plus one octet */
    HDLC_RX_TOO_LONG,          /* over mru (+ FCS): discarded until next flag */
};

/* frames: good frames delivered; octets: their octets (FCS excluded);
 * accm_discards: unescaped control octets removed per the receive ACCM. */
struct hdlc_rx_counters {
    uint64_t frames, octets, bad_fcs, aborts, runts, too_long, accm_discards;
};

struct hdlc_rx_config {
    uint32_t accm;             /* receive ACCM: unescaped flagged controls are discarded */
    enum hdlc_fcs_mode fcs;
    size_t mru;                /* largest frame accepted, FCS excluded */
};

/* Streaming deframer state; feed it octets as they arrive. */
struct hdlc_rx {
    struct hdlc_rx_config cfg;
    bool in_frame;             /* false: hunting for a flag */
    bool escaped;              /* last octet was 0x7D */
    bool overflow;             /* frame outgrew mru + FCS (or buf): discard to the flag */
    bool buf_full;             /* the overflow was buf_cap, not the MRU (hdlc_decode
                                  into a small buffer reports it as PROTO_ENOSPC) */
    size_t len;
    uint8_t *buf;              /* caller-owned, at least mru + 4 octets */
    size_t buf_cap;
    struct hdlc_rx_counters counters;
};

typedef void (*hdlc_rx_fn)(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len);

proto_status hdlc_rx_init(struct hdlc_rx *rx, const struct hdlc_rx_config *cfg, uint8_t *buf,
                          size_t buf_cap);

/* Consumes octets; calls fn once per delimited frame (good or not). Empty
 * frames between back-to-back flags are not reported. */
void hdlc_rx_push(struct hdlc_rx *rx, const uint8_t *octets, size_t len, hdlc_rx_fn fn, void *ctx);

/* One-shot decode of exactly one frame (flags optional at both ends).
 * Errors: PROTO_EFCS, PROTO_EABORT, PROTO_ETRUNC (runt or no frame at all),
 * PROTO_ELENGTH (over the MRU), PROTO_ENOSPC (out too small), PROTO_EINVAL
 * (more than one frame); err->offset is where in `in` the frame ended. */
proto_status hdlc_decode(const struct hdlc_rx_config *cfg, const uint8_t *in, size_t len,
                         uint8_t *out, size_t cap, size_t *out_len, struct proto_error *err);

#endif
