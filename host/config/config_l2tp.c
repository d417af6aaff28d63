/* Parsed config -> l2tp_ctrl config, debug switches, clock mode. */
#include "config_l2tp.h"

proto_status config_l2tp_ctrl(const struct l2tpd_config *cfg, bool is_lns,
                              struct l2tp_ctrl_config *out, struct l2tp_peer_secret *peers,
                              size_t cap, struct proto_error *err)
{
    unsigned want = is_lns ? CONFIG_ROLE_LNS : CONFIG_ROLE_LAC;
    if (!(cfg->role & want))
        return proto_fail(err, PROTO_EINVAL, 0, "role", "%s: role does not include %s",
                          cfg->file, is_lns ? "lns" : "lac");
    if (cap < cfg->n_peers)
        return proto_fail(err, PROTO_ENOSPC, 0, "peer", "%zu peer entries, room for %zu",
                          cfg->n_peers, cap);
    l2tp_ctrl_config_default(out, cfg->hostname, is_lns);
    const struct config_tunnel_opts *t = &cfg->tunnel;
    out->hide_avps = t->hidden_avps;
    out->rel.rx_window = t->receive_window;
    out->rel.rto_initial_us = t->retransmit_initial_us;
    out->rel.rto_max_us = t->retransmit_max_us;
    out->rel.max_retries = t->retransmit_retries;
    out->hello_interval_us = t->hello_interval_us;
    out->shutdown_delay_us = is_lns ? t->shutdown_lns_us : t->shutdown_lac_us;
    out->max_sessions_per_tunnel = (uint16_t)t->session_limit;
    /* An LNS answers SCCRQs; a LAC answers them only from peers it has a
     * [peer] entry for (an LNS placing outgoing calls, RFC 2661 §7.5). */
    out->accept_tunnels = is_lns || cfg->n_peers > 0;
    for (size_t i = 0; i < cfg->n_peers; i++) {
        const struct config_peer *p = &cfg->peers[i];
        peers[i] = (struct l2tp_peer_secret){
            .hostname = p->hostname[0] == '*' && !p->hostname[1] ? NULL : p->hostname,
            .secret = p->secret,
            .secret_len = p->secret_len,
        };
    }
    out->peers = peers;
    out->n_peers = cfg->n_peers;
    return PROTO_OK;
}

void config_debug_apply(const struct l2tpd_config *cfg, struct debug_log *log)
{
    for (int c = 0; c < DBG_CAT_COUNT; c++)
        debug_enable(log, (enum debug_cat)c, (cfg->debug >> c) & 1u);
}

enum clock_mode config_clock_mode(const struct l2tpd_config *cfg)
{
    return cfg->clock == CONFIG_CLOCK_WALL ? CLOCK_WALL : CLOCK_VIRTUAL;
}
