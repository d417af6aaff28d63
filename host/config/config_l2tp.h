/* From the parsed config to what the daemon's parts take: the L2TP control
 * connection's config (host/l2tp), the debug switches and the clock. Apart
 * from config.h so that users of the parser alone need no host/l2tp. */
#ifndef HOST_CONFIG_L2TP_H
#define HOST_CONFIG_L2TP_H

#include "config.h"
#include "l2tp_ctrl.h"
#include "timer.h"

/* Fills out for one l2tp_ctrl instance (is_lns picks the LNS or LAC
 * shutdown timer; SCCRQs are answered as LNS, or as LAC when [peer]
 * entries exist): hostname, [tunnel]
 * options and the [peer] secrets, written into peers (cap entries; "*"
 * becomes the any-peer entry). out and peers point into cfg, which must
 * outlive the instance. PROTO_ENOSPC when cap is too small, PROTO_EINVAL
 * when the config's role does not include the one asked for. */
proto_status config_l2tp_ctrl(const struct l2tpd_config *cfg, bool is_lns,
                              struct l2tp_ctrl_config *out, struct l2tp_peer_secret *peers,
                              size_t cap, struct proto_error *err);

/* The config's debug switches onto a debug_log (others left off). */
void config_debug_apply(const struct l2tpd_config *cfg, struct debug_log *log);

enum clock_mode config_clock_mode(const struct l2tpd_config *cfg);

#endif
