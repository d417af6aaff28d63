/* make bench (cardsim-bench): the whole card's figures, on both engines and
 * at DATA_W 8 and 16, through the same simulation layer as cardsim:
 *   - NET->ACCESS: L2TP data frames of 64, 512, 1500 octets and IMIX
 *     (7:4:1 of 64, 576, 1500) back to back on NET, spread round robin over
 *     sessions bound to every channel; NET octets taken and HDLC line octets
 *     sent per cycle, and frames dropped (CNT CHAN_FIFO_FULL);
 *   - ACCESS->NET: every channel sending HDLC-framed PPP frames back to
 *     back, sized so the encapsulated frame has the given length; line
 *     octets taken and NET octets sent per cycle;
 *   - worst-case escaping: PPP payloads of 0x7E only, both ways;
 *   - latency: one 64-octet frame on an idle card, first beat in to first
 *     beat out, each way;
 *   - simulation speed of each engine (cycles/s) and the model/RTL ratio.
 * Each case runs a fixed window of cycles with input always waiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardsim_card.h"
#include "cardsim_sim.h"
#include "cardsim_table.h"
#include "hdlc.h"
#include "l2tp_const.h"
#include "l2tp_header.h"
#include "net_headers.h"

#define BENCH_WINDOW 60000u
#define BENCH_MAX_CH 32u
/* Ethernet + IPv4 + UDP + L2TP data header without options (T=0, L=0, S=0:
 * 6 octets, RFC 2661 §3.1) around each PPP frame. */
#define ENCAP_LEN (ETH_HDR_LEN + IPV4_HDR_MIN_LEN + UDP_HDR_LEN + 6)

enum bench_size { SZ_64, SZ_512, SZ_1500, SZ_IMIX, SZ_ESC, SZ_COUNT };
static const char *const size_names[SZ_COUNT] = {"64", "512", "1500", "IMIX", "1500 all 7E"};

static size_t frame_len(enum bench_size sz, unsigned i)
{
    static const size_t imix[12] = {64, 576, 64, 1500, 64, 576, 64, 64, 576, 64, 64, 576};
    switch (sz) {
    case SZ_64: return 64;
    case SZ_512: return 512;
    case SZ_IMIX: return imix[i % 12];
    default: return 1500;
    }
}

/* The card's side of the bench sessions: session c+1 on channel c. */
static bool bench_table(unsigned n_ch, struct cardsim_table *t)
{
    size_t cap = 512 + 400 * n_ch;
    char *text = malloc(cap), msg[256];
    if (!text)
        return false;
    size_t len = (size_t)snprintf(text, cap, "net local-ip 192.0.2.1 local-mac 02:00:c0:00:02:01\n");
    for (unsigned c = 0; c < n_ch; c++)
        len += (size_t)snprintf(text + len, cap - len,
                                "session %u tunnel 100 peer-tunnel 200 peer-session %u channel %u "
                                "local-ip 192.0.2.1 peer-ip 192.0.2.2 local-mac 02:00:c0:00:02:01 "
                                "peer-mac 02:00:c0:00:02:02 tx-accm 0 rx-accm 0\n",
                                c + 1, 1000 + c, c);
    bool ok = cardsim_table_parse("bench", text, t, msg, sizeof msg);
    if (!ok)
        fprintf(stderr, "cardsim_bench: %s\n", msg);
    free(text);
    return ok;
}

static void ppp_payload(uint8_t *ppp, size_t len, enum bench_size sz, unsigned seed)
{
    ppp[0] = 0xFF;
    ppp[1] = 0x03;
    ppp[2] = 0x00;
    ppp[3] = 0x21;
    for (size_t i = 4; i < len; i++)
        ppp[i] = sz == SZ_ESC ? 0x7E : (uint8_t)(0x20 + (i * 7 + seed) % 0x5E);
}

/* An L2TP data frame of `len` octets from the peer to session `sess`. */
static size_t net_frame(uint8_t *out, size_t len, unsigned sess, enum bench_size sz, unsigned i)
{
    uint8_t l2tp[2048];
    size_t ppp_len = len - ENCAP_LEN;
    struct l2tp_header h = {.version = L2TP_VERSION, .tunnel_id = 100, .session_id = (uint16_t)sess};
    size_t hl;
    struct proto_error err;
    l2tp_header_encode(&h, ppp_len, l2tp, sizeof l2tp, &hl, &err);
    ppp_payload(l2tp + hl, ppp_len, sz, i);
    struct net_udp_packet p = {.dst_mac = {2, 0, 0xC0, 0, 2, 1}, .src_mac = {2, 0, 0xC0, 0, 2, 2},
                               .ip_ttl = 64, .ip_frag = IPV4_FLAG_DF, .ip_src = 0xC0000202u,
                               .ip_dst = 0xC0000201u, .udp_src = L2TP_UDP_PORT,
                               .udp_dst = L2TP_UDP_PORT};
    size_t n = 0;
    net_udp_encode(&p, l2tp, hl + ppp_len, out, 2100, &n, &err);
    return n;
}

struct result {
    double in_bpc, out_bpc;
    uint64_t drops;
    double speed;
};

static bool open_card(const struct cardsim_engine_desc *e, struct cardsim_sim *s,
                      struct l2tpcard **card, struct cardsim_table *t)
{
    char msg[300];
    if (!cardsim_sim_open(s, e, 1, msg, sizeof msg)) {
        fprintf(stderr, "cardsim_bench: %s\n", msg);
        return false;
    }
    cardsim_sim_reset(s, 16);
    unsigned n = s->n_ch < BENCH_MAX_CH ? s->n_ch : BENCH_MAX_CH;
    if (!bench_table(n, t) || !cardsim_card_open(s, card, msg, sizeof msg) ||
        !cardsim_card_setup(*card, t, "bench", msg, sizeof msg)) {
        fprintf(stderr, "cardsim_bench: %s\n", msg);
        return false;
    }
    return true;
}

static void close_card(struct cardsim_sim *s, struct l2tpcard *card, struct cardsim_table *t)
{
    l2tpcard_close(card);
    cardsim_sim_close(s);
    cardsim_table_free(t);
}

/* Frames enough for the window whatever the rate. */
static bool run_case(const struct cardsim_engine_desc *e, bool net_to_acc, enum bench_size sz,
                     struct result *r)
{
    struct cardsim_sim s;
    struct l2tpcard *card = NULL;
    struct cardsim_table t;
    if (!open_card(e, &s, &card, &t))
        return false;
    unsigned n_ch = (unsigned)t.n_sessions;
    static uint8_t buf[8192];
    if (net_to_acc) {
        size_t octets = 0;
        for (unsigned i = 0; octets < (size_t)2 * BENCH_WINDOW * s.data_w; i++) {
            size_t n = net_frame(buf, frame_len(sz, i), 1 + i % n_ch, sz, i);
            cardsim_sim_net_in(&s, buf, n);
            octets += n;
        }
    } else {
        for (unsigned c = 0; c < n_ch; c++)
            for (unsigned i = 0, octets = 0; octets < 2 * BENCH_WINDOW; i++) {
                uint8_t ppp[2048];
                size_t len = frame_len(sz, i) - ENCAP_LEN, o;
                ppp_payload(ppp, len, sz, i + c);
                struct hdlc_tx_config cfg = {.accm = 0, .fcs = HDLC_FCS_16, .opening_flag = true};
                struct proto_error err;
                hdlc_encode(&cfg, ppp, len, buf, sizeof buf, &o, &err);
                cardsim_sim_acc_in(&s, c, buf, o);
                octets += (unsigned)o;
            }
    }
    struct cardsim_counts before = s.c;
    double t0 = s.seconds;
    uint64_t c0 = s.cycle;
    cardsim_sim_run(&s, 0, BENCH_WINDOW);
    double w = (double)BENCH_WINDOW;
    if (net_to_acc) {
        r->in_bpc = (double)(s.c.net_in_octets - before.net_in_octets) / w;
        r->out_bpc = (double)(s.c.acc_out_octets - before.acc_out_octets) / w;
    } else {
        r->in_bpc = (double)(s.c.acc_in_octets - before.acc_in_octets) / w;
        r->out_bpc = (double)(s.c.net_out_octets - before.net_out_octets) / w;
    }
    r->speed = (double)(s.cycle - c0) / (s.seconds - t0);
    s.traffic = false;
    uint32_t ctr[L2TPCARD_CNT_COUNT];
    r->drops = l2tpcard_counters_read(card, ctr) == L2TPCARD_OK ? ctr[L2TPCARD_CNT_CHAN_FIFO_FULL] : 0;
    close_card(&s, card, &t);
    return true;
}

/* Cycles from the first beat in to the first beat out of one 64-octet frame
 * on an idle card. */
static bool latency(const struct cardsim_engine_desc *e, bool net_to_acc, uint64_t *cycles)
{
    struct cardsim_sim s;
    struct l2tpcard *card = NULL;
    struct cardsim_table t;
    if (!open_card(e, &s, &card, &t))
        return false;
    static uint8_t buf[4096];
    uint64_t in = 0, out = 0;
    if (net_to_acc) {
        size_t n = net_frame(buf, 64, 1, SZ_64, 0);
        cardsim_sim_net_in(&s, buf, n);
        cardsim_sim_run(&s, 2000, 200000);
        in = s.net_in.v[0].first_cycle;
        out = s.acc_out[0].first_cycle;
        *cycles = s.acc_out[0].len ? out - in : 0;
    } else {
        uint8_t ppp[64];
        size_t o;
        ppp_payload(ppp, 64 - ENCAP_LEN, SZ_64, 0);
        struct hdlc_tx_config cfg = {.accm = 0, .fcs = HDLC_FCS_16, .opening_flag = true};
        struct proto_error err;
        hdlc_encode(&cfg, ppp, 64 - ENCAP_LEN, buf, sizeof buf, &o, &err);
        cardsim_sim_acc_in(&s, 0, buf, o);
        cardsim_sim_run(&s, 2000, 200000);
        /* From the closing flag: the deframer cannot know the frame is good
         * before it (RFC 1662 §4.3 FCS), so that is where latency starts. */
        in = s.acc_in[0].last_cycle;
        *cycles = s.net_out.n ? s.net_out.v[0].first_cycle - in : 0;
    }
    close_card(&s, card, &t);
    return true;
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: cardsim_bench (no arguments)\n");
        return 2;
    }
    const unsigned widths[2] = {8, 16};
    const char *const engines[2] = {"model", "rtl"};
    double speed[2][2] = {{0}};
    printf("cardsim bench: the whole card (l2tp_card_core, N_CH 4), %u-cycle windows, input "
           "always waiting, no backpressure.\n"
           "NET->ACCESS: NET octets taken and HDLC line octets sent per cycle (all channels), "
           "frames dropped (CHAN_FIFO_FULL).\n"
           "ACCESS->NET: line octets taken and NET octets sent per cycle. Frame sizes are the "
           "Ethernet frames' (PPP = size - %d).\n",
           BENCH_WINDOW, ENCAP_LEN);
    printf("%-6s %-4s %-12s | %8s %8s %10s | %8s %8s\n", "engine", "W", "frames", "NET in",
           "line out", "drops", "line in", "NET out");
    for (int ei = 0; ei < 2; ei++)
        for (int wi = 0; wi < 2; wi++) {
            const struct cardsim_engine_desc *e = cardsim_engine_lookup(engines[ei], widths[wi], false);
            if (!e) {
                printf("%-6s %-4u (not in this build)\n", engines[ei], widths[wi]);
                continue;
            }
            double sp = 0;
            unsigned nsp = 0;
            for (int sz = 0; sz < SZ_COUNT; sz++) {
                struct result a, b;
                if (!run_case(e, true, sz, &a) || !run_case(e, false, sz, &b))
                    return 1;
                printf("%-6s %-4u %-12s | %8.3f %8.3f %10llu | %8.3f %8.3f\n", e->name, e->data_w,
                       size_names[sz], a.in_bpc, a.out_bpc, (unsigned long long)a.drops, b.in_bpc,
                       b.out_bpc);
                sp += a.speed + b.speed;
                nsp += 2;
            }
            uint64_t l1 = 0, l2 = 0;
            if (!latency(e, true, &l1) || !latency(e, false, &l2))
                return 1;
            speed[ei][wi] = sp / nsp;
            printf("%-6s %-4u latency: NET->ACCESS %llu cycles (first beat in to first line "
                   "octet out), ACCESS->NET %llu cycles (closing flag in to first beat out); "
                   "%.0f cycles/s\n",
                   e->name, e->data_w, (unsigned long long)l1, (unsigned long long)l2,
                   speed[ei][wi]);
        }
    for (int wi = 0; wi < 2; wi++)
        if (speed[0][wi] > 0 && speed[1][wi] > 0)
            printf("speed DATA_W %u: model %.0f cycles/s, rtl %.0f cycles/s, model/rtl %.2f\n",
                   widths[wi], speed[0][wi], speed[1][wi], speed[0][wi] / speed[1][wi]);
    return 0;
}
