/* The operator's commands (l2tpctl, scenario files), in the spirit of IOS's
 * `show vpdn` / `show l2tp`: show tunnel|session|counters, clear tunnel|
 * session ID, debug SWITCH on|off. A trailing `--json` (or `json`) gives
 * JSON for scripts. Scenario steps are in commands_sim.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_const.h"
#include "l2tpd.h"

void out_printf(struct l2tpd_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    if (o->len + len + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 1024;
        while (cap < o->len + len + 1)
            cap *= 2;
        char *b = realloc(o->buf, cap);
        if (!b)
            return;
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, tmp, len);
    o->len += len;
    o->buf[o->len] = '\0';
}

void out_free(struct l2tpd_out *o)
{
    free(o->buf);
    memset(o, 0, sizeof *o);
}

static char *ip_str(uint32_t ip, char *b)
{
    snprintf(b, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    return b;
}

/* Splits a line into words (l2tpd.h); "quoted words" keep their blanks. */
int l2tpd_tokenize(char *s, char **argv, int max)
{
    int n = 0;
    while (*s && n < max) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || *s == '#')
            break;
        if (*s == '"') {
            /* \" inside stands for a quote (the seed's CHAP names are quoted). */
            char *w = ++s;
            argv[n++] = w;
            while (*s && *s != '"') {
                if (*s == '\\' && s[1] == '"')
                    s++;
                *w++ = *s++;
            }
            if (*s)
                s++;
            *w = '\0';
            continue;
        } else {
            argv[n++] = s;
            while (*s && *s != ' ' && *s != '\t')
                s++;
        }
        if (*s)
            *s++ = '\0';
    }
    return n;
}

static void show_tunnels(struct l2tpd *d, struct l2tpd_out *o)
{
    bool first = true;
    if (o->json)
        out_printf(o, "[");
    else
        out_printf(o, "%-8s %6s %6s %-12s %-17s %-15s %5s %5s %8s %8s\n", "Router", "LocTun",
                   "RemTun", "Remote Name", "State", "Remote Address", "Port", "Sess",
                   "CtrlRx", "CtrlTx");
    for (size_t i = 0; i < d->n_inst; i++) {
        struct l2tpd_inst *in = &d->inst[i];
        size_t n = vpdn_show_tunnels(&in->v, NULL, 0);
        struct vpdn_tunnel_info *t = n ? calloc(n, sizeof *t) : NULL;
        if (n && !t)
            continue;
        n = vpdn_show_tunnels(&in->v, t, n);
        for (size_t k = 0; k < n; k++) {
            char ip[16];
            ip_str(t[k].peer_ip, ip);
            if (o->json)
                out_printf(o,
                           "%s{\"router\":\"%s\",\"local_id\":%u,\"remote_id\":%u,"
                           "\"remote_name\":\"%s\",\"state\":\"%s\",\"remote_address\":\"%s\","
                           "\"port\":%u,\"sessions\":%u,\"ctrl_rx\":%llu,\"ctrl_tx\":%llu}",
                           first ? "" : ",", in->cfg.hostname, t[k].local_id, t[k].peer_id,
                           t[k].peer_hostname, t[k].state, ip, t[k].peer_port, t[k].sessions,
                           (unsigned long long)t[k].ctrl_rx, (unsigned long long)t[k].ctrl_tx);
            else
                out_printf(o, "%-8s %6u %6u %-12s %-17s %-15s %5u %5u %8llu %8llu\n",
                           in->cfg.hostname, t[k].local_id, t[k].peer_id, t[k].peer_hostname,
                           t[k].state, ip, t[k].peer_port, t[k].sessions,
                           (unsigned long long)t[k].ctrl_rx, (unsigned long long)t[k].ctrl_tx);
            first = false;
        }
        free(t);
    }
    out_printf(o, o->json ? "]\n" : "");
}

static void show_sessions(struct l2tpd *d, struct l2tpd_out *o)
{
    bool first = true;
    if (o->json)
        out_printf(o, "[");
    else
        out_printf(o, "%-8s %6s %6s %6s %-6s %-12s %-8s %4s %-15s %9s %8s %8s\n", "Router",
                   "LocID", "RemID", "TunID", "Intf", "Username", "State", "Chan", "Address",
                   "Uptime", "CardRx", "CardTx");
    for (size_t i = 0; i < d->n_inst; i++) {
        struct l2tpd_inst *in = &d->inst[i];
        size_t n = vpdn_show_calls(&in->v, NULL, 0);
        struct vpdn_call_info *c = n ? calloc(n, sizeof *c) : NULL;
        if (n && !c)
            continue;
        n = vpdn_show_calls(&in->v, c, n);
        for (size_t k = 0; k < n; k++) {
            struct l2tpcard_session_counters ctr = {0};
            bool valid = false;
            if (c[k].local_session_id)
                (void)card_if_read(in, c[k].local_session_id, &valid, NULL,
                                            &ctr);
            char ip[16];
            ip_str(c[k].address, ip);
            double up = (double)c[k].uptime_us / 1e6;
            if (o->json)
                out_printf(o,
                           "%s{\"router\":\"%s\",\"local_id\":%u,\"remote_id\":%u,"
                           "\"tunnel_id\":%u,\"interface\":\"%s\",\"user\":\"%s\","
                           "\"state\":\"%s\",\"channel\":%d,\"address\":\"%s\","
                           "\"uptime_s\":%.3f,\"card_valid\":%s,\"card_rx\":%u,\"card_tx\":%u}",
                           first ? "" : ",", in->cfg.hostname, c[k].local_session_id,
                           c[k].peer_session_id, c[k].local_tunnel_id, c[k].ifname, c[k].user,
                           vpdn_call_state_name(c[k].state), c[k].channel, ip, up,
                           valid ? "true" : "false", ctr.rx_packets, ctr.tx_packets);
            else
                out_printf(o, "%-8s %6u %6u %6u %-6s %-12s %-8s %4d %-15s %8.1fs %8u %8u\n",
                           in->cfg.hostname, c[k].local_session_id, c[k].peer_session_id,
                           c[k].local_tunnel_id, c[k].ifname, c[k].user,
                           vpdn_call_state_name(c[k].state), c[k].channel, ip, up,
                           ctr.rx_packets, ctr.tx_packets);
            first = false;
        }
        free(c);
    }
    out_printf(o, o->json ? "]\n" : "");
}

static void show_counters(struct l2tpd *d, struct l2tpd_out *o)
{
    if (o->json)
        out_printf(o, "{\"wire\":{\"net_frames\":%llu,\"control\":%llu,\"data\":%llu,"
                      "\"control_lost\":%llu},\"routers\":[",
                   (unsigned long long)d->wire.net_frames, (unsigned long long)d->wire.ctrl_frames,
                   (unsigned long long)d->wire.data_frames, (unsigned long long)d->wire.ctrl_lost);
    else
        out_printf(o, "NET wire: %llu frames (%llu control, %llu data), %llu control lost\n",
                   (unsigned long long)d->wire.net_frames, (unsigned long long)d->wire.ctrl_frames,
                   (unsigned long long)d->wire.data_frames, (unsigned long long)d->wire.ctrl_lost);
    for (size_t i = 0; i < d->n_inst; i++) {
        struct l2tpd_inst *in = &d->inst[i];
        const struct vpdn_counters *h = &in->v.cnt;
        uint32_t cnt[L2TPCARD_CNT_COUNT];
        card_if_counters(in, cnt);
        if (o->json) {
            out_printf(o,
                       "%s{\"router\":\"%s\",\"host\":{\"calls\":%llu,\"calls_up\":%llu,"
                       "\"calls_refused\":%llu,\"calls_cleared_by_lns\":%llu,"
                       "\"failovers\":%llu,\"rx_no_call\":%llu,"
                       "\"card_errors\":%llu,\"host_ip_rx\":%llu,\"icmp_replies\":%llu},"
                       "\"card\":{",
                       i ? "," : "", in->cfg.hostname, (unsigned long long)h->calls,
                       (unsigned long long)h->calls_up, (unsigned long long)h->calls_refused,
                       (unsigned long long)h->calls_cleared_by_lns,
                       (unsigned long long)h->failovers, (unsigned long long)h->rx_no_call,
                       (unsigned long long)h->card_errors, (unsigned long long)in->host_ip_rx,
                       (unsigned long long)in->host_icmp_replies);
            for (int k = 0; k < L2TPCARD_CNT_COUNT; k++)
                out_printf(o, "%s\"%s\":%u", k ? "," : "",
                           l2tpcard_counter_name((enum l2tpcard_counter)k), cnt[k]);
            out_printf(o, "},\"sessions_valid\":%zu}", card_if_sessions_valid(in));
            continue;
        }
        out_printf(o, "%s host: calls %llu, up %llu, refused %llu, cleared by LNS %llu, "
                      "failovers %llu, no-call frames %llu, card errors %llu, host IP rx %llu, "
                      "ICMP replies %llu\n",
                   in->cfg.hostname, (unsigned long long)h->calls, (unsigned long long)h->calls_up,
                   (unsigned long long)h->calls_refused,
                   (unsigned long long)h->calls_cleared_by_lns, (unsigned long long)h->failovers,
                   (unsigned long long)h->rx_no_call, (unsigned long long)h->card_errors,
                   (unsigned long long)in->host_ip_rx, (unsigned long long)in->host_icmp_replies);
        tap_wire_show(in, o);
        out_printf(o, "%s card (%s): %zu sessions valid, %llu cycles; non-zero counters:\n",
                   in->cfg.hostname, card_if_name(in), card_if_sessions_valid(in),
                   (unsigned long long)card_if_cycles(in));
        for (int k = 0; k < L2TPCARD_CNT_COUNT; k++)
            if (cnt[k])
                out_printf(o, "    %-24s %10u\n", l2tpcard_counter_name((enum l2tpcard_counter)k),
                           cnt[k]);
    }
    out_printf(o, o->json ? "]}\n" : "");
}

static int parse_id(const char *s, uint16_t *id)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v == 0 || v > 65535)
        return -1;
    *id = (uint16_t)v;
    return 0;
}

static int cmd_clear(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *o)
{
    uint16_t id;
    if (argc < 3 || parse_id(argv[2], &id)) {
        out_printf(o, "usage: clear tunnel|session ID [ROUTER]\n");
        return -1;
    }
    bool tunnel = !strcmp(argv[1], "tunnel");
    if (!tunnel && strcmp(argv[1], "session")) {
        out_printf(o, "clear %s: expected tunnel or session\n", argv[1]);
        return -1;
    }
    for (size_t i = 0; i < d->n_inst; i++) {
        struct l2tpd_inst *in = &d->inst[i];
        if (argc > 3 && in != l2tpd_find_inst(d, argv[3]))
            continue;
        struct proto_error pe = {0};
        proto_status st;
        if (tunnel) {
            size_t n = vpdn_show_tunnels(&in->v, NULL, 0);
            struct vpdn_tunnel_info *t = n ? calloc(n, sizeof *t) : NULL;
            bool found = false;
            n = t ? vpdn_show_tunnels(&in->v, t, n) : 0;
            for (size_t k = 0; k < n; k++)
                found |= t[k].local_id == id;
            free(t);
            if (!found)
                continue;
            st = l2tp_ctrl_tunnel_close(&in->v.ctrl, id, L2TP_STOPCCN_GENERAL_REQUEST_TO_CLEAR,
                                        0, &pe);
        } else {
            size_t n = vpdn_show_calls(&in->v, NULL, 0);
            struct vpdn_call_info *c = n ? calloc(n, sizeof *c) : NULL;
            bool found = false;
            n = c ? vpdn_show_calls(&in->v, c, n) : 0;
            for (size_t k = 0; k < n; k++)
                found |= c[k].local_session_id == id;
            free(c);
            if (!found)
                continue;
            st = vpdn_call_clear(&in->v, id, &pe);
        }
        if (st != PROTO_OK) {
            char b[200];
            out_printf(o, "%s: %s\n", in->cfg.hostname, proto_error_format(&pe, b, sizeof b));
            return -1;
        }
        out_printf(o, "%s: %s %u cleared\n", in->cfg.hostname, argv[1], id);
        return 0;
    }
    out_printf(o, "clear %s %u: no such %s\n", argv[1], id, argv[1]);
    return -1;
}

/* debug SWITCH... on|off [ROUTER]: IOS's switch names, or "all". */
static int cmd_debug(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *o)
{
    if (argc < 3) {
        out_printf(o, "usage: debug SWITCH on|off [ROUTER]  (switches: l2tp event, l2tp packet, "
                      "ppp negotiation, ppp authentication, aaa, vpdn, card, all)\n");
        return -1;
    }
    int onoff = -1;
    int k = 1;
    char name[64] = "";
    for (; k < argc; k++) {
        if (!strcmp(argv[k], "on") || !strcmp(argv[k], "off")) {
            onoff = !strcmp(argv[k], "on");
            k++;
            break;
        }
        size_t l = strlen(name);
        snprintf(name + l, sizeof name - l, "%s%s", l ? " " : "", argv[k]);
    }
    enum debug_cat cat = DBG_CAT_COUNT;
    bool all = !strcmp(name, "all");
    if (onoff < 0 || (!all && debug_cat_parse(name, &cat))) {
        out_printf(o, "debug %s: unknown switch or missing on|off\n", name);
        return -1;
    }
    const char *router = k < argc ? argv[k] : NULL;
    struct l2tpd_inst *only = router ? l2tpd_find_inst(d, router) : NULL;
    if (router && !only) {
        out_printf(o, "debug: no router '%s'\n", router);
        return -1;
    }
    for (size_t i = 0; i < d->n_inst; i++) {
        if (only && only != &d->inst[i])
            continue;
        for (int c = 0; c < DBG_CAT_COUNT; c++)
            if (all || c == (int)cat)
                debug_enable(&d->inst[i].log, (enum debug_cat)c, onoff);
        out_printf(o, "%s: debug %s %s\n", d->inst[i].cfg.hostname, name, onoff ? "on" : "off");
    }
    return 0;
}

static int command(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *o);

int l2tpd_command(struct l2tpd *d, const char *line, struct l2tpd_out *o)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", line);
    char *argv[32];
    int argc = l2tpd_tokenize(buf, argv, 32);
    if (argc > 0 && (!strcmp(argv[argc - 1], "--json") || !strcmp(argv[argc - 1], "json"))) {
        o->json = true;
        argc--;
    }
    if (argc == 0)
        return 0;
    int rc = command(d, argc, argv, o);
    /* What a command started at this instant (zero-delay timers: PPP
     * starting or stopping after a session's state change) settles now
     * (after the whole of a `burst`). */
    if (!d->burst)
        l2tpd_advance(d, 0);
    return rc;
}

static int command(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *o)
{
    if (!strcmp(argv[0], "show") && argc >= 2) {
        if (!strncmp(argv[1], "tunnel", 6))
            show_tunnels(d, o);
        else if (!strncmp(argv[1], "session", 7))
            show_sessions(d, o);
        else if (!strncmp(argv[1], "counter", 7))
            show_counters(d, o);
        else {
            out_printf(o, "show %s: expected tunnel, session or counters\n", argv[1]);
            return -1;
        }
        return 0;
    }
    if (!strcmp(argv[0], "clear"))
        return cmd_clear(d, argc, argv, o);
    if (!strcmp(argv[0], "debug"))
        return cmd_debug(d, argc, argv, o);
    return l2tpd_command_sim(d, argc, argv, o);
}
