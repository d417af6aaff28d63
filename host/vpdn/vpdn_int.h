/* Shared by the vpdn_*.c files only. */
#ifndef HOST_VPDN_INT_H
#define HOST_VPDN_INT_H

#include "l2tp_const.h"
#include "ppp_const.h"
#include "vpdn.h"

#define VPDN_L2TP_PORT L2TP_UDP_PORT
#define VPDN_DEFAULT_MRU PPP_DEFAULT_MRU
#define VPDN_DEFAULT_TTL 64u     /* IPv4 TTL of the card's template (RFC 1700's default) */
/* RFC 1662 §7.1: the ACCM both ends assume until LCP says otherwise. */
#define VPDN_DEFAULT_ACCM PPP_DEFAULT_ACCM
#define VPDN_FRAME_MAX 2048u

/* vpdn.c */
struct vpdn_call *vpdn_call_new(struct vpdn *v, enum vpdn_call_role role);
/* Ends the call from a zero-delay timer (out of the callback we are in):
 * CDN "insufficient resources" (RFC 2661 §4.4.2 result 2, error 4), PPP
 * down, line hung up. */
void vpdn_call_abort(struct vpdn_call *c);
/* Marks the call for freeing once out of every callback. */
void vpdn_call_release(struct vpdn_call *c);
struct vpdn_call *vpdn_call_by_session(const struct vpdn *v, uint16_t local_session_id);
struct vpdn_call *vpdn_call_by_channel(const struct vpdn *v, uint16_t channel);
void vpdn_random(void *vpdn, uint8_t *buf, size_t len);
/* The same for callbacks whose ctx is a call. */
void vpdn_call_random(void *call, uint8_t *buf, size_t len);
#define vpdn_log(v, cat, ...) debug_printf((v)->log, (cat), __VA_ARGS__)

/* vpdn_card.c: the card entry and frames toward the dataplane. */
/* 0, or -1 when the card refused the entry. */
int vpdn_card_program(struct vpdn_call *c);
void vpdn_card_clear(struct vpdn_call *c);
/* protocol + information from ppp_link, sent with FF 03 (RFC 1662 §3.1). */
void vpdn_card_send_channel(struct vpdn_call *c, const uint8_t *frame, size_t len);
void vpdn_card_send_session(struct vpdn_call *c, const uint8_t *frame, size_t len);

/* vpdn_lac.c */
void vpdn_lac_session_up(struct vpdn_call *c, const struct l2tp_session_info *s);
void vpdn_lac_session_down(struct vpdn_call *c, const struct l2tp_disconnect *why);
void vpdn_lac_sli(struct vpdn_call *c, uint32_t send_accm, uint32_t recv_accm);
proto_status vpdn_lac_clear(struct vpdn_call *c, struct proto_error *err);

/* vpdn_lns.c */
void vpdn_lns_session_up(struct vpdn *v, const struct l2tp_session_info *s);
void vpdn_lns_connected(struct vpdn *v, const struct l2tp_call_event *ev);
void vpdn_lns_session_down(struct vpdn_call *c, const struct l2tp_disconnect *why);
proto_status vpdn_lns_clear(struct vpdn_call *c, struct proto_error *err);

/* vpdn_acct.c: accounting Start when the LNS call is up; Stop (the card
 * entry's counters read first) from vpdn_card_clear(). */
void vpdn_acct_start(struct vpdn_call *c);
void vpdn_acct_stop(struct vpdn_call *c);

/* vpdn_route.c */
int vpdn_route_add(struct vpdn *v, uint32_t addr, uint16_t local_session_id);
void vpdn_route_del(struct vpdn *v, uint32_t addr);

#endif
