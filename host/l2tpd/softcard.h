/* A software card for l2tpd: the datapath hw/ARCHITECTURE.md describes,
 * done with host/proto's encoders, behind the same calls and types as
 * driver/l2tpcard.h (session program/clear, inject, recv punts, global
 * counters by their register names). l2tpd uses it for the spec "soft"
 * (the in-process reference the simulated and real cards are held to,
 * like tests/unit/test_vpdn_dp.h); frames leave through two callbacks
 * (NET port, ACCESS channels) and arrive through softcard_net_rx() and
 * softcard_access_rx(). Punts are queued and taken by softcard_recv(), so
 * nothing calls back into the control plane from inside the card. */
#ifndef L2TPD_SOFTCARD_H
#define L2TPD_SOFTCARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tpcard.h"

#define SOFTCARD_FRAME_MAX 4096   /* largest frame on any port */

typedef void (*softcard_net_tx_fn)(void *ctx, const uint8_t *frame, size_t len);
typedef void (*softcard_access_tx_fn)(void *ctx, uint16_t channel, const uint8_t *octets,
                                      size_t len);

struct softcard_entry {
    bool valid;
    struct l2tpcard_session s;
    struct l2tpcard_session_counters ctr;
};

struct softcard_punt_slot {
    struct l2tpcard_punt meta;
    uint8_t *data;
};

struct softcard {
    uint32_t sessions;                  /* table depth: IDs 1..sessions-1 */
    uint16_t n_channels;
    struct softcard_entry *ent;         /* indexed by local session ID */
    uint16_t *chan_session;             /* channel -> bound session, 0: none */
    struct l2tpcard_net_config net;
    struct softcard_punt_slot *punt;    /* ring of punt_cap */
    size_t punt_cap, punt_head, punt_len;
    uint32_t cnt[L2TPCARD_CNT_COUNT];
    softcard_net_tx_fn net_tx;
    softcard_access_tx_fn access_tx;
    void *tx_ctx;
};

/* 0, or -1 when memory is short. sessions >= 2, channels >= 1. */
int softcard_init(struct softcard *c, uint32_t sessions, uint16_t channels, size_t punt_cap,
                  softcard_net_tx_fn net_tx, softcard_access_tx_fn access_tx, void *tx_ctx);
void softcard_free(struct softcard *c);

void softcard_net_config_set(struct softcard *c, const struct l2tpcard_net_config *cfg);
/* Same contract as l2tpcard_session_program / _clear / _read. */
l2tpcard_status softcard_session_program(struct softcard *c, const struct l2tpcard_session *s,
                                         bool zero_counters);
l2tpcard_status softcard_session_clear(struct softcard *c, uint16_t local_session_id);
l2tpcard_status softcard_session_read(const struct softcard *c, uint16_t local_session_id,
                                      bool *valid, struct l2tpcard_session *s,
                                      struct l2tpcard_session_counters *ctr);
l2tpcard_status softcard_inject(struct softcard *c, enum l2tpcard_inject_kind kind,
                                uint16_t target, const uint8_t *frame, size_t len);
l2tpcard_status softcard_recv(struct softcard *c, struct l2tpcard_punt *meta, uint8_t *buf,
                              size_t cap);
void softcard_counters_read(const struct softcard *c, uint32_t out[L2TPCARD_CNT_COUNT]);
size_t softcard_sessions_valid(const struct softcard *c);

/* Frames arriving at the card's ports. */
void softcard_net_rx(struct softcard *c, const uint8_t *frame, size_t len);
/* One whole HDLC-framed PPP frame (flags included) from an ACCESS line. */
void softcard_access_rx(struct softcard *c, uint16_t channel, const uint8_t *octets, size_t len);

#endif
