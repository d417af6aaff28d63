/* cardsim: runs traffic through the simulated L2TP card (the Verilated
 * l2tp_card_core or its C model) and writes what comes out. Usage, file
 * formats and outputs: host/tools/CARDSIM.md, or `cardsim --help`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardsim_card.h"
#include "cardsim_io.h"
#include "cardsim_sim.h"
#include "cardsim_table.h"

#define MSG_CAP 512
#define MAX_CH_FILES 256
/* Cycles with nothing moving after the last input before a run ends: more
 * than the card's deepest pipeline (a 2 KiB frame through a channel FIFO). */
#define DEFAULT_IDLE_CYCLES 20000u
#define HARD_RESET_CYCLES 16u

struct ch_file {
    unsigned ch;
    const char *path;
};

struct options {
    const char *engine, *table, *net_in, *inject, *inject_pcap;
    const char *net_out, *punt_out, *punt_log, *access_out_dir, *trace;
    struct ch_file access_in[MAX_CH_FILES], access_out[MAX_CH_FILES];
    size_t n_access_in, n_access_out;
    unsigned data_w, gap_pct, bp_pct;
    uint64_t cycles, seed, idle;
    bool stats, all_counters;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: cardsim --table FILE [options]\n"
            "  --engine rtl|model      the Verilated RTL or the C model (default model)\n"
            "  --data-w 8|16           NET octets per beat (default 8)\n"
            "  --table FILE            session-table file (DP settings and sessions)\n"
            "  --net-in FILE.pcap      Ethernet frames into the NET port\n"
            "  --access CH=FILE        raw line octets into ACCESS channel CH (repeatable)\n"
            "  --inject FILE.txt       host inject frames: KIND TARGET HEX per line\n"
            "  --inject-pcap FILE.pcap raw NET frames injected by the host\n"
            "  --net-out FILE.pcap     frames the card sends on NET\n"
            "  --punt-out FILE.pcap    punted frames, DLT_USER0 with an 8-octet metadata header\n"
            "  --punt-log FILE.txt     punted frames, one text line each with their metadata\n"
            "  --access-out CH=FILE    line octets the card sends on channel CH (repeatable)\n"
            "  --access-out-dir DIR    every channel's line octets as DIR/chN.hdlc\n"
            "  --trace FILE.fst        FST waveforms (rtl engine)\n"
            "  --stats                 counters, cycles, octets and bytes per cycle\n"
            "  --all-counters          with --stats: zero counters too\n"
            "  --cycles N              stop after N traffic cycles\n"
            "  --idle N                end N cycles after the last beat moved (default %u)\n"
            "  --backpressure PCT      outputs not ready PCT%% of cycles, at random\n"
            "  --gaps PCT              inputs idle PCT%% of cycles, at random\n"
            "  --seed N                seed of the random gaps and backpressure (default 1)\n"
            "See host/tools/CARDSIM.md.\n",
            DEFAULT_IDLE_CYCLES);
}

static bool parse_num(const char *opt, const char *v, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long x = strtoull(v, &end, 0);
    if (!*v || *end || v[0] == '-' || x > max) {
        fprintf(stderr, "cardsim: %s: '%s' is not a number 0..%llu\n", opt, v,
                (unsigned long long)max);
        return false;
    }
    *out = x;
    return true;
}

static bool parse_ch_file(const char *opt, const char *v, struct ch_file *list, size_t *n)
{
    const char *eq = strchr(v, '=');
    uint64_t ch;
    char num[16];
    if (!eq || eq == v || (size_t)(eq - v) >= sizeof num || !eq[1]) {
        fprintf(stderr, "cardsim: %s: '%s' is not CH=FILE\n", opt, v);
        return false;
    }
    memcpy(num, v, (size_t)(eq - v));
    num[eq - v] = '\0';
    if (!parse_num(opt, num, 255, &ch))
        return false;
    if (*n == MAX_CH_FILES) {
        fprintf(stderr, "cardsim: %s: more than %d given\n", opt, MAX_CH_FILES);
        return false;
    }
    list[*n].ch = (unsigned)ch;
    list[*n].path = eq + 1;
    (*n)++;
    return true;
}

static bool parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    o->engine = "model";
    o->data_w = 8;
    o->seed = 1;
    o->idle = DEFAULT_IDLE_CYCLES;
    enum { O_ENGINE = 256, O_DATA_W, O_TABLE, O_NET_IN, O_ACCESS, O_INJECT, O_INJECT_PCAP,
           O_NET_OUT, O_PUNT_OUT, O_PUNT_LOG, O_ACCESS_OUT, O_ACCESS_OUT_DIR, O_TRACE, O_STATS,
           O_ALL, O_CYCLES, O_IDLE, O_BP, O_GAPS, O_SEED, O_HELP };
    static const struct option lo[] = {
        {"engine", required_argument, NULL, O_ENGINE},
        {"data-w", required_argument, NULL, O_DATA_W},
        {"table", required_argument, NULL, O_TABLE},
        {"net-in", required_argument, NULL, O_NET_IN},
        {"access", required_argument, NULL, O_ACCESS},
        {"inject", required_argument, NULL, O_INJECT},
        {"inject-pcap", required_argument, NULL, O_INJECT_PCAP},
        {"net-out", required_argument, NULL, O_NET_OUT},
        {"punt-out", required_argument, NULL, O_PUNT_OUT},
        {"punt-log", required_argument, NULL, O_PUNT_LOG},
        {"access-out", required_argument, NULL, O_ACCESS_OUT},
        {"access-out-dir", required_argument, NULL, O_ACCESS_OUT_DIR},
        {"trace", required_argument, NULL, O_TRACE},
        {"stats", no_argument, NULL, O_STATS},
        {"all-counters", no_argument, NULL, O_ALL},
        {"cycles", required_argument, NULL, O_CYCLES},
        {"idle", required_argument, NULL, O_IDLE},
        {"backpressure", required_argument, NULL, O_BP},
        {"gaps", required_argument, NULL, O_GAPS},
        {"seed", required_argument, NULL, O_SEED},
        {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0},
    };
    int c;
    uint64_t x;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        bool ok = true;
        switch (c) {
        case O_ENGINE: o->engine = optarg; break;
        case O_DATA_W:
            ok = parse_num("--data-w", optarg, 64, &x);
            o->data_w = (unsigned)x;
            break;
        case O_TABLE: o->table = optarg; break;
        case O_NET_IN: o->net_in = optarg; break;
        case O_ACCESS: ok = parse_ch_file("--access", optarg, o->access_in, &o->n_access_in); break;
        case O_INJECT: o->inject = optarg; break;
        case O_INJECT_PCAP: o->inject_pcap = optarg; break;
        case O_NET_OUT: o->net_out = optarg; break;
        case O_PUNT_OUT: o->punt_out = optarg; break;
        case O_PUNT_LOG: o->punt_log = optarg; break;
        case O_ACCESS_OUT:
            ok = parse_ch_file("--access-out", optarg, o->access_out, &o->n_access_out);
            break;
        case O_ACCESS_OUT_DIR: o->access_out_dir = optarg; break;
        case O_TRACE: o->trace = optarg; break;
        case O_STATS: o->stats = true; break;
        case O_ALL: o->all_counters = true; break;
        case O_CYCLES: ok = parse_num("--cycles", optarg, UINT64_MAX, &o->cycles); break;
        case O_IDLE: ok = parse_num("--idle", optarg, UINT64_MAX, &o->idle); break;
        case O_BP:
            ok = parse_num("--backpressure", optarg, 100, &x);
            o->bp_pct = (unsigned)x;
            break;
        case O_GAPS:
            ok = parse_num("--gaps", optarg, 100, &x);
            o->gap_pct = (unsigned)x;
            break;
        case O_SEED: ok = parse_num("--seed", optarg, UINT64_MAX, &o->seed); break;
        case O_HELP: usage(stdout); exit(0);
        default: usage(stderr); return false;
        }
        if (!ok)
            return false;
    }
    if (optind < argc) {
        fprintf(stderr, "cardsim: unexpected argument '%s'\n", argv[optind]);
        return false;
    }
    if (!o->table) {
        fprintf(stderr, "cardsim: --table FILE is required (the session table to program)\n");
        usage(stderr);
        return false;
    }
    if (strcmp(o->engine, "rtl") != 0 && strcmp(o->engine, "model") != 0) {
        fprintf(stderr, "cardsim: --engine: '%s' is not rtl or model\n", o->engine);
        return false;
    }
    if (o->trace && strcmp(o->engine, "rtl") != 0) {
        fprintf(stderr, "cardsim: --trace needs --engine rtl (waveforms come from Verilator)\n");
        return false;
    }
    if (o->bp_pct == 100 || o->gap_pct == 100) {
        fprintf(stderr, "cardsim: --backpressure/--gaps 100 would never move a beat\n");
        return false;
    }
    return true;
}

static bool load_inputs(struct cardsim_sim *s, const struct options *o, char *msg)
{
    if (o->net_in && !cardsim_load_net_pcap(s, o->net_in, false, msg, MSG_CAP))
        return false;
    if (o->inject_pcap && !cardsim_load_net_pcap(s, o->inject_pcap, true, msg, MSG_CAP))
        return false;
    if (o->inject && !cardsim_load_inject(s, o->inject, msg, MSG_CAP))
        return false;
    for (size_t i = 0; i < o->n_access_in; i++) {
        const struct ch_file *f = &o->access_in[i];
        if (f->ch >= s->n_ch) {
            snprintf(msg, MSG_CAP, "--access %u=%s: the card has channels 0..%u", f->ch, f->path,
                     s->n_ch - 1);
            return false;
        }
        uint8_t *d;
        size_t n;
        if (!cardsim_read_file(f->path, &d, &n, msg, MSG_CAP))
            return false;
        bool ok = cardsim_sim_acc_in(s, f->ch, d, n);
        free(d);
        if (!ok) {
            snprintf(msg, MSG_CAP, "%s: out of memory", f->path);
            return false;
        }
    }
    return true;
}

static bool write_outputs(struct cardsim_sim *s, const struct options *o, char *msg)
{
    if (o->net_out && !cardsim_write_net_pcap(&s->net_out, o->net_out, msg, MSG_CAP))
        return false;
    if (o->punt_out && !cardsim_write_punt_pcap(&s->punt_out, o->punt_out, msg, MSG_CAP))
        return false;
    if (o->punt_log && !cardsim_write_punt_log(&s->punt_out, o->punt_log, msg, MSG_CAP))
        return false;
    for (size_t i = 0; i < o->n_access_out; i++) {
        const struct ch_file *f = &o->access_out[i];
        if (f->ch >= s->n_ch) {
            snprintf(msg, MSG_CAP, "--access-out %u=%s: the card has channels 0..%u", f->ch,
                     f->path, s->n_ch - 1);
            return false;
        }
        const struct cardsim_octets *oc = &s->acc_out[f->ch];
        if (!cardsim_write_file(f->path, oc->data, oc->len, msg, MSG_CAP))
            return false;
    }
    if (o->access_out_dir)
        for (unsigned c = 0; c < s->n_ch; c++) {
            if (s->acc_out[c].len == 0)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/ch%u.hdlc", o->access_out_dir, c);
            if (!cardsim_write_file(path, s->acc_out[c].data, s->acc_out[c].len, msg, MSG_CAP))
                return false;
        }
    return true;
}

static void print_traffic(const struct cardsim_sim *s, uint64_t cycles, FILE *f)
{
    const struct cardsim_counts *c = &s->c;
    double cy = cycles ? (double)cycles : 1.0;
    fprintf(f, "cardsim: engine %s, DATA_W %u, N_CH %u: %llu traffic cycles (%.0f cycles/s)\n",
            s->eng->name, s->data_w, s->n_ch, (unsigned long long)cycles,
            s->seconds > 0 ? (double)s->cycle / s->seconds : 0.0);
    fprintf(f, "  NET in      %8llu frames %10llu octets  %7.3f bytes/cycle\n",
            (unsigned long long)c->net_in_frames, (unsigned long long)c->net_in_octets,
            (double)c->net_in_octets / cy);
    fprintf(f, "  ACCESS out  %8s        %10llu octets  %7.3f bytes/cycle\n", "",
            (unsigned long long)c->acc_out_octets, (double)c->acc_out_octets / cy);
    fprintf(f, "  ACCESS in   %8s        %10llu octets  %7.3f bytes/cycle\n", "",
            (unsigned long long)c->acc_in_octets, (double)c->acc_in_octets / cy);
    fprintf(f, "  NET out     %8llu frames %10llu octets  %7.3f bytes/cycle\n",
            (unsigned long long)c->net_out_frames, (unsigned long long)c->net_out_octets,
            (double)c->net_out_octets / cy);
    fprintf(f, "  punt        %8llu frames %10llu octets\n", (unsigned long long)c->punt_frames,
            (unsigned long long)c->punt_octets);
    fprintf(f, "  inject      %8llu frames %10llu octets\n", (unsigned long long)c->inj_frames,
            (unsigned long long)c->inj_octets);
}

int main(int argc, char **argv)
{
    struct options o;
    if (!parse_args(argc, argv, &o))
        return 2;
    char msg[MSG_CAP] = "";
    struct cardsim_table table;
    if (!cardsim_table_load(o.table, &table, msg, sizeof msg)) {
        fprintf(stderr, "cardsim: %s\n", msg);
        return 1;
    }
    const struct cardsim_engine_desc *eng = cardsim_engine_lookup(o.engine, o.data_w, o.trace);
    if (!eng) {
        fprintf(stderr, "cardsim: this build has no %s engine at DATA_W %u%s; it has:", o.engine,
                o.data_w, o.trace ? " with tracing" : "");
        for (size_t i = 0; i < cardsim_n_engines; i++)
            fprintf(stderr, " %s/%u%s", cardsim_engines[i].name, cardsim_engines[i].data_w,
                    cardsim_engines[i].trace ? "/trace" : "");
        fputc('\n', stderr);
        cardsim_table_free(&table);
        return 1;
    }
    /* The Verilated wrapper (tests/cosim/cosim_rtl.inc) opens the FST file
     * named by this variable when the engine is created. */
    if (o.trace && setenv("COSIM_TRACE_FILE", o.trace, 1) != 0) {
        fprintf(stderr, "cardsim: cannot set COSIM_TRACE_FILE\n");
        cardsim_table_free(&table);
        return 1;
    }
    struct cardsim_sim sim;
    struct l2tpcard *card = NULL;
    bool ok = cardsim_sim_open(&sim, eng, o.seed, msg, sizeof msg);
    if (ok) {
        cardsim_sim_reset(&sim, HARD_RESET_CYCLES);
        ok = cardsim_card_open(&sim, &card, msg, sizeof msg) &&
             cardsim_card_setup(card, &table, o.table, msg, sizeof msg) &&
             load_inputs(&sim, &o, msg);
    }
    if (ok) {
        sim.gap_pct = o.gap_pct;
        sim.bp_pct = o.bp_pct;
        uint64_t cycles = cardsim_sim_run(&sim, o.idle, o.cycles);
        sim.traffic = false;
        if (sim.stalled)
            fprintf(stderr,
                    "cardsim: the card stalled: nothing moved for %llu cycles with input left "
                    "to send (outputs written so far)\n",
                    (unsigned long long)(sim.cycle - sim.last_activity));
        else if (cardsim_sim_input_pending(&sim))
            fprintf(stderr, "cardsim: stopped after %llu cycles with input left to send\n",
                    (unsigned long long)cycles);
        ok = !sim.oom && write_outputs(&sim, &o, msg);
        if (sim.oom)
            snprintf(msg, sizeof msg, "out of memory storing the card's output");
        if (ok && sim.stalled) {
            ok = false;
            snprintf(msg, sizeof msg, "stalled");
        }
        if (ok && o.stats) {
            print_traffic(&sim, cycles, stdout);
            ok = cardsim_card_print_stats(card, &table, o.all_counters, stdout, msg, sizeof msg);
        }
    }
    if (!ok)
        fprintf(stderr, "cardsim: %s\n", msg);
    l2tpcard_close(card);
    if (sim.impl)
        cardsim_sim_close(&sim);
    cardsim_table_free(&table);
    return ok ? 0 : 1;
}
