/* Scenario steps (tests/scenarios/NAME.scn, also through l2tpctl): simulated
 * users and their lines, the virtual clock, wire loss, checks and the
 * phase summary. A failed check prints "FAIL: <what>: <why>" and counts in
 * d->failures; the script's exit status is 0 only with no failure. */
#include <malloc.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "l2tpd.h"

/* "N" or "Ns" seconds, "Nms" milliseconds. */
static int parse_dur(const char *s, uint64_t *us)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v < 0)
        return -1;
    if (!*end || !strcmp(end, "s"))
        *us = (uint64_t)(v * 1e6);
    else if (!strcmp(end, "ms"))
        *us = (uint64_t)(v * 1e3);
    else
        return -1;
    return 0;
}

static int parse_num(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (!*s || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static size_t count_tunnels(struct l2tpd_inst *in)
{
    return vpdn_show_tunnels(&in->v, NULL, 0);
}

static size_t count_calls(struct l2tpd_inst *in, bool up_only)
{
    size_t n = vpdn_show_calls(&in->v, NULL, 0);
    if (!up_only || n == 0)
        return n;
    struct vpdn_call_info *c = calloc(n, sizeof *c);
    if (!c)
        return 0;
    n = vpdn_show_calls(&in->v, c, n);
    size_t up = 0;
    for (size_t k = 0; k < n; k++)
        up += c[k].state == VPDN_CS_UP;
    free(c);
    return up;
}

/* ">=", "<=" or "==" between a measured and a wanted value; -1: bad op. */
static int compare(const char *op, uint64_t got, uint64_t want)
{
    if (!strcmp(op, ">="))
        return got >= want;
    if (!strcmp(op, "<="))
        return got <= want;
    if (!strcmp(op, "=="))
        return got == want;
    return -1;
}

/* wire-data WHAT OP N: data messages as sent on the NET wire (wire_seq.c)
 * and what the wire did to them. */
static bool cond_wire_data(struct l2tpd *d, int argc, char **argv, char *why, size_t cap)
{
    const struct l2tpd_wire *w = &d->wire;
    static const char *const names[] = {"sequenced", "unsequenced", "ns-gaps", "ns-starts",
                                        "lost", "reordered"};
    uint64_t vals[] = {w->seq.sequenced, w->seq.unsequenced, w->seq.gaps, w->seq.starts,
                       w->data_lost, w->data_reordered};
    unsigned long n = 0;
    size_t k = 0;
    while (k < sizeof names / sizeof names[0] && (argc < 2 || strcmp(argv[1], names[k])))
        k++;
    int ok = k < sizeof names / sizeof names[0] && argc == 4 && !parse_num(argv[3], ~0ul, &n)
                 ? compare(argv[2], vals[k], n) : -1;
    if (ok < 0)
        snprintf(why, cap, "usage: wire-data sequenced|unsequenced|ns-gaps|ns-starts|lost|"
                           "reordered >=|==|<= N");
    else if (!ok)
        snprintf(why, cap, "wire data %s is %llu", names[k], (unsigned long long)vals[k]);
    return ok == 1;
}

/* The ROUTER WHAT OP N arguments of a router's counter condition: the
 * router, WHAT's index k in names[count] and N; false when one is wrong (the
 * caller prints its usage). */
static bool counter_args(struct l2tpd *d, int argc, char **argv, const char *const *names,
                         size_t count, struct l2tpd_inst **in, size_t *k, unsigned long *n)
{
    *in = argc > 1 ? l2tpd_find_inst(d, argv[1]) : NULL;
    *n = 0;
    *k = 0;
    while (*k < count && (argc < 3 || strcmp(argv[2], names[*k])))
        (*k)++;
    return *in && *k < count && argc == 5 && !parse_num(argv[4], ~0ul, n) &&
           compare(argv[3], 0, 0) >= 0;
}

/* session-counters ROUTER WHAT OP N: the card's per-session counters
 * (hw/regmap.md), summed over the entries in use. */
static bool cond_session_counters(struct l2tpd *d, int argc, char **argv, char *why, size_t cap)
{
    static const char *const names[] = {"rx-packets", "tx-packets", "drops", "out-of-order"};
    struct l2tpd_inst *in;
    unsigned long n;
    size_t k;
    if (!counter_args(d, argc, argv, names, sizeof names / sizeof names[0], &in, &k, &n)) {
        snprintf(why, cap, "usage: session-counters ROUTER rx-packets|tx-packets|drops|"
                           "out-of-order >=|==|<= N");
        return false;
    }
    uint64_t sum = 0;
    for (uint32_t sid = 1; sid < in->sessions; sid++) {
        bool valid = false;
        struct l2tpcard_session_counters c;
        if (!card_if_touched(in, sid) ||
            card_if_read(in, (uint16_t)sid, &valid, NULL, &c) != L2TPCARD_OK || !valid)
            continue;
        uint64_t v[] = {c.rx_packets, c.tx_packets, c.drops, c.out_of_order};
        sum += v[k];
    }
    int ok = compare(argv[3], sum, n);
    if (!ok)
        snprintf(why, cap, "%s session %s is %llu", in->cfg.hostname, names[k],
                 (unsigned long long)sum);
    return ok == 1;
}

/* host-counter ROUTER WHAT OP N: the router's call manager (vpdn) and
 * control connection (l2tp_ctrl) counters. */
static bool cond_host_counter(struct l2tpd *d, int argc, char **argv, char *why, size_t cap)
{
    static const char *const names[] = {"calls", "calls-up", "calls-refused", "failovers",
                                        "card-errors", "sessions-created", "sessions-refused",
                                        "calls-cleared-by-lns"};
    struct l2tpd_inst *in;
    unsigned long n;
    size_t k;
    if (!counter_args(d, argc, argv, names, sizeof names / sizeof names[0], &in, &k, &n)) {
        snprintf(why, cap, "usage: host-counter ROUTER calls|calls-up|calls-refused|failovers|"
                           "card-errors|sessions-created|sessions-refused|calls-cleared-by-lns "
                           ">=|==|<= N");
        return false;
    }
    const struct vpdn_counters *v = &in->v.cnt;
    const struct l2tp_ctrl_counters *c = &in->v.ctrl.cnt;
    uint64_t vals[] = {v->calls, v->calls_up, v->calls_refused, v->failovers, v->card_errors,
                       c->sessions_created, c->sessions_refused, v->calls_cleared_by_lns};
    int ok = compare(argv[3], vals[k], n);
    if (!ok)
        snprintf(why, cap, "%s %s is %llu", in->cfg.hostname, names[k],
                 (unsigned long long)vals[k]);
    return ok == 1;
}

/* A condition over the current state; false with the reason in why. */
static bool cond_check(struct l2tpd *d, int argc, char **argv, char *why, size_t cap)
{
    unsigned long n = 0, ch = 0;
    if (argc >= 1 && !strcmp(argv[0], "idle")) {
        for (size_t i = 0; i < d->n_inst; i++) {
            size_t t = count_tunnels(&d->inst[i]), c = count_calls(&d->inst[i], false);
            if (t || c) {
                snprintf(why, cap, "%s has %zu tunnels, %zu calls", d->inst[i].cfg.hostname, t, c);
                return false;
            }
        }
        return true;
    }
    if (argc >= 2 && !strcmp(argv[0], "ipcp") && !parse_num(argv[1], d->channels - 1, &ch)) {
        bool open = d->user[ch].used && ppp_link_ipcp_open(&d->user[ch].link);
        if (!open)
            snprintf(why, cap, "user on channel %lu: IPCP not open", ch);
        return open;
    }
    if (argc >= 2 && !strcmp(argv[0], "line") && !parse_num(argv[1], d->channels - 1, &ch)) {
        bool want_up = argc < 3 || !strcmp(argv[2], "up");
        bool up = d->user[ch].used && d->user[ch].line_up;
        if (up != want_up)
            snprintf(why, cap, "line %lu is %s", ch, up ? "up" : "down");
        return up == want_up;
    }
    if (argc >= 2 && !strcmp(argv[0], "echo-replies") &&
        !parse_num(argv[1], d->channels - 1, &ch)) {
        if (argc < 3 || parse_num(argv[2], 1ul << 30, &n)) {
            snprintf(why, cap, "usage: echo-replies CH N");
            return false;
        }
        uint64_t got = d->user[ch].echo_replies;
        if (got != n)
            snprintf(why, cap, "channel %lu: %llu echo replies", ch, (unsigned long long)got);
        return got == n;
    }
    if (argc >= 3 && (!strcmp(argv[0], "tunnels") || !strcmp(argv[0], "sessions") ||
                      !strcmp(argv[0], "up") || !strcmp(argv[0], "card-sessions"))) {
        struct l2tpd_inst *in = l2tpd_find_inst(d, argv[1]);
        if (!in || parse_num(argv[2], 1ul << 30, &n)) {
            snprintf(why, cap, "%s: no router '%s' or bad number '%s'", argv[0], argv[1], argv[2]);
            return false;
        }
        size_t got = !strcmp(argv[0], "tunnels")         ? count_tunnels(in)
                     : !strcmp(argv[0], "sessions")      ? count_calls(in, false)
                     : !strcmp(argv[0], "up")            ? count_calls(in, true)
                                                         : card_if_sessions_valid(in);
        if (got != n)
            snprintf(why, cap, "%s has %zu %s, want %lu", in->cfg.hostname, got, argv[0], n);
        return got == n;
    }
    if (argc >= 4 && !strcmp(argv[0], "counter")) {
        /* counter ROUTER NAME >=|==|<= N: a card counter (hw/regmap.md name). */
        struct l2tpd_inst *in = l2tpd_find_inst(d, argv[1]);
        int k = 0;
        while (k < L2TPCARD_CNT_COUNT &&
               strcmp(argv[2], l2tpcard_counter_name((enum l2tpcard_counter)k)))
            k++;
        if (!in || k == L2TPCARD_CNT_COUNT || argc < 5 || parse_num(argv[4], 1ul << 31, &n)) {
            snprintf(why, cap, "usage: counter ROUTER CARD_COUNTER >=|==|<= N");
            return false;
        }
        uint32_t cnt[L2TPCARD_CNT_COUNT];
        card_if_counters(in, cnt);
        bool ok = !strcmp(argv[3], ">=") ? cnt[k] >= n
                  : !strcmp(argv[3], "<=") ? cnt[k] <= n
                                           : cnt[k] == n;
        if (!ok)
            snprintf(why, cap, "%s %s is %u", in->cfg.hostname, argv[2], cnt[k]);
        return ok;
    }
    if (argc >= 1 && !strcmp(argv[0], "wire-data"))
        return cond_wire_data(d, argc, argv, why, cap);
    if (argc >= 1 && !strcmp(argv[0], "host-counter"))
        return cond_host_counter(d, argc, argv, why, cap);
    if (argc >= 1 && !strcmp(argv[0], "session-counters"))
        return cond_session_counters(d, argc, argv, why, cap);
    snprintf(why, cap, "unknown condition '%s'", argc ? argv[0] : "");
    return false;
}

struct cond_arg {
    int argc;
    char **argv;
};

static bool cond_fn(struct l2tpd *d, const char *arg)
{
    const struct cond_arg *c = (const void *)arg;
    char why[200];
    return cond_check(d, c->argc, c->argv, why, sizeof why);
}

/* expect log ROUTER "text": a line containing text, after the previous one. */
static bool expect_log(struct l2tpd_inst *in, const char *want, bool present, char *why,
                       size_t cap)
{
    struct l2tpd_lines *l = &in->lines;
    if (!present) {
        for (size_t i = 0; i < l->n; i++)
            if (strstr(l->line[i], want)) {
                snprintf(why, cap, "%s logged it: %s", in->cfg.hostname, l->line[i]);
                return false;
            }
        return true;
    }
    for (size_t i = l->cursor; i < l->n; i++)
        if (strstr(l->line[i], want)) {
            l->cursor = i + 1;
            return true;
        }
    bool earlier = false;
    for (size_t i = 0; i < l->cursor && i < l->n; i++)
        earlier |= strstr(l->line[i], want) != NULL;
    snprintf(why, cap, "%s: not in the log%s", in->cfg.hostname,
             earlier ? " after the previous expected line (it came earlier: order)" : "");
    return false;
}

static int fail(struct l2tpd *d, struct l2tpd_out *o, int argc, char **argv, const char *why)
{
    d->failures++;
    out_printf(o, "FAIL:");
    for (int i = 0; i < argc; i++)
        out_printf(o, strchr(argv[i], ' ') ? " \"%s\"" : " %s", argv[i]);
    out_printf(o, ": %s\n", why);
    return -1;
}

void l2tpd_summary(struct l2tpd *d, struct l2tpd_out *o)
{
    out_printf(o, "%-14s %10s %10s %8s %6s %6s %9s", "phase", "virtual ms", "at ms", "wall ms",
               "ctrl", "data", "heap KiB");
    for (size_t k = 0; k < d->n_inst; k++)
        out_printf(o, " %8.8s cyc", d->inst[k].cfg.hostname);
    out_printf(o, "\n");
    for (size_t i = 0; i < d->n_marks; i++) {
        const struct l2tpd_mark *m = &d->marks[i], *p = i ? &d->marks[i - 1] : NULL;
        out_printf(o, "%-14s %10.3f %10.3f %8.1f %6llu %6llu %+9.1f", m->name,
                   p ? (double)(m->t_us - p->t_us) / 1e3 : 0.0, (double)m->t_us / 1e3,
                   p ? (double)(m->wall_us - p->wall_us) / 1e3 : 0.0,
                   (unsigned long long)(p ? m->ctrl_frames - p->ctrl_frames : m->ctrl_frames),
                   (unsigned long long)(p ? m->data_frames - p->data_frames : m->data_frames),
                   p ? ((double)m->heap_bytes - (double)p->heap_bytes) / 1024 : 0.0);
        for (size_t k = 0; k < d->n_inst; k++)
            out_printf(o, " %12llu", (unsigned long long)(p ? m->cycles[k] - p->cycles[k]
                                                            : m->cycles[k]));
        out_printf(o, "\n");
    }
    out_printf(o, "(virtual ms: the control plane's clock; wall ms: this process's time; "
                  "ctrl/data: frames on the NET wire; heap: change in host memory in use; "
                  "cyc: each card's busy clock cycles, 0 for the soft card)\n");
}

int l2tpd_command_sim(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *o)
{
    char err[300] = "";
    unsigned long ch = 0, n = 0;
    const char *cmd = argv[0];
    if (!strcmp(cmd, "user") && argc >= 4 && !parse_num(argv[1], 65535, &ch)) {
        uint32_t addr = 0, magic = 0;
        unsigned long lcp = 0, ipcp = 0, v = 0;
        for (int k = 4; k + 1 < argc; k += 2) {
            if (!strcmp(argv[k], "address") && !l2tpd_parse_ipv4(argv[k + 1], &addr))
                continue;
            if (!strcmp(argv[k], "lcp-id") && !parse_num(argv[k + 1], 255, &lcp))
                continue;
            if (!strcmp(argv[k], "ipcp-id") && !parse_num(argv[k + 1], 255, &ipcp))
                continue;
            if (!strcmp(argv[k], "magic") && !parse_num(argv[k + 1], 0xFFFFFFFFul, &v)) {
                magic = (uint32_t)v;
                continue;
            }
            out_printf(o, "user: bad option '%s %s'\n", argv[k], argv[k + 1]);
            return -1;
        }
        if (user_add(d, (uint16_t)ch, argv[2], argv[3], addr, (uint8_t)lcp, (uint8_t)ipcp, magic,
                     err, sizeof err)) {
            out_printf(o, "user: %s\n", err);
            return -1;
        }
        return 0;
    }
    if (!strcmp(cmd, "dial") && argc >= 3 && !parse_num(argv[1], 65535, &ch)) {
        if (user_dial(d, (uint16_t)ch, argv[2], argc > 3 ? argv[3] : "", err, sizeof err)) {
            out_printf(o, "%s\n", err);
            return -1;
        }
        l2tpd_pump(d);
        return 0;
    }
    if (!strcmp(cmd, "drop") && argc >= 2 && !parse_num(argv[1], 65535, &ch)) {
        if (user_drop(d, (uint16_t)ch, err, sizeof err)) {
            out_printf(o, "%s\n", err);
            return -1;
        }
        l2tpd_pump(d);
        return 0;
    }
    if (!strcmp(cmd, "ping") && argc >= 3 && !parse_num(argv[1], 65535, &ch)) {
        uint32_t dst;
        unsigned long size = 60, count = 1;
        if (l2tpd_parse_ipv4(argv[2], &dst) || (argc > 3 && parse_num(argv[3], 1500, &size)) ||
            (argc > 4 && parse_num(argv[4], 10000000, &count))) {
            out_printf(o, "usage: ping CH A.B.C.D [SIZE [COUNT]]\n");
            return -1;
        }
        /* One at a time: each echo and its reply cross both cards. */
        for (unsigned long k = 0; k < count; k++) {
            if (user_ping(d, (uint16_t)ch, dst, size, err, sizeof err)) {
                out_printf(o, "%s\n", err);
                return -1;
            }
            l2tpd_pump(d);
        }
        return 0;
    }
    if (!strcmp(cmd, "wait") && argc == 2) {
        uint64_t us;
        if (parse_dur(argv[1], &us)) {
            out_printf(o, "wait %s: expected N, Ns or Nms\n", argv[1]);
            return -1;
        }
        l2tpd_advance(d, us);
        return 0;
    }
    if (!strcmp(cmd, "wait-until") && argc >= 4 && !strcmp(argv[argc - 2], "within")) {
        uint64_t us;
        if (parse_dur(argv[argc - 1], &us)) {
            out_printf(o, "wait-until: bad duration '%s'\n", argv[argc - 1]);
            return -1;
        }
        struct cond_arg ca = {.argc = argc - 3, .argv = argv + 1};
        if (!l2tpd_run_until(d, cond_fn, (const char *)&ca, us)) {
            char why[200];
            cond_check(d, ca.argc, ca.argv, why, sizeof why);
            return fail(d, o, argc, argv, why);
        }
        return 0;
    }
    if (!strcmp(cmd, "wire-delay") && argc == 2) {
        uint64_t us;
        if (parse_dur(argv[1], &us)) {
            out_printf(o, "wire-delay %s: expected N, Ns or Nms\n", argv[1]);
            return -1;
        }
        d->wire.delay_us = us;
        return 0;
    }
    if (!strcmp(cmd, "loss") && argc == 2 && !parse_num(argv[1], 100, &n)) {
        d->wire.loss_pct = (unsigned)n;
        return 0;
    }
    if (!strcmp(cmd, "batch") && argc == 2 && !parse_num(argv[1], 64, &n)) {
        /* At most a quarter of the punt ring (256 descriptors): with 128,
         * 2047 calls set up at once lose frames (PPP and L2TP retransmit,
         * 12 s of virtual time); with 64 nothing is lost (scenario 16). */
        d->batch = (unsigned)n;
        return 0;
    }
    if (!strcmp(cmd, "data-loss") && argc == 2 && !parse_num(argv[1], 100, &n)) {
        d->wire.data_loss_pct = (unsigned)n;
        return 0;
    }
    if (!strcmp(cmd, "data-reorder") && argc == 2 && !parse_num(argv[1], 1000000, &n) && n != 1) {
        d->wire.reorder_every = (unsigned)n;
        return 0;
    }
    if (!strcmp(cmd, "expect") && argc >= 2) {
        char why[300] = "";
        bool ok;
        if ((!strcmp(argv[1], "log") || !strcmp(argv[1], "nolog")) && argc == 4) {
            struct l2tpd_inst *in = l2tpd_find_inst(d, argv[2]);
            if (!in)
                return fail(d, o, argc, argv, "no such router");
            ok = expect_log(in, argv[3], !strcmp(argv[1], "log"), why, sizeof why);
        } else {
            ok = cond_check(d, argc - 1, argv + 1, why, sizeof why);
        }
        return ok ? 0 : fail(d, o, argc, argv, why);
    }
    if (!strcmp(cmd, "mark") && argc == 2) {
        if (d->n_marks == sizeof d->marks / sizeof d->marks[0]) {
            out_printf(o, "mark: too many marks\n");
            return -1;
        }
        struct l2tpd_mark *m = &d->marks[d->n_marks++];
        snprintf(m->name, sizeof m->name, "%s", argv[1]);
        m->t_us = timer_now(&d->tq);
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        m->wall_us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
        m->heap_bytes = mallinfo2().uordblks;
        m->ctrl_frames = d->wire.ctrl_frames;
        m->data_frames = d->wire.data_frames;
        for (size_t i = 0; i < d->n_inst; i++)
            m->cycles[i] = card_if_cycles(&d->inst[i]);
        return 0;
    }
    if (!strcmp(cmd, "summary")) {
        l2tpd_summary(d, o);
        return 0;
    }
    if (!strcmp(cmd, "echo")) {
        for (int k = 1; k < argc; k++)
            out_printf(o, "%s%s", k > 1 ? " " : "", argv[k]);
        out_printf(o, "\n");
        return 0;
    }
    if (!strcmp(cmd, "shutdown")) {
        d->stop = true;
        out_printf(o, "shutting down\n");
        return 0;
    }
    out_printf(o, "unknown command or bad arguments: '%s' (show, clear, debug, user, dial, drop, "
                  "ping, wait, wait-until, batch, loss, data-loss, data-reorder, wire-delay, expect, mark, summary, echo, shutdown)\n",
               cmd);
    return -1;
}
