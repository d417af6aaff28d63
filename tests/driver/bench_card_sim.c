/* `make bench`: frames through the driver on a simulated card (SIM_BACKEND,
 * "model" or "rtl"): punted control frames per second (wire -> punt ring ->
 * l2tpcard_recv) and injected frames per second (l2tpcard_inject -> inject
 * ring -> wire), wall-clock, with the MMIO and DMA transactions and the
 * card's clock cycles each frame took. The host side is always ready and
 * DMA reads are answered after 64 cycles, in order. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "l2tp_header.h"
#include "l2tpcard.h"
#include "l2tpcard_sim.h"
#include "net_headers.h"

#ifndef SIM_BACKEND
#error "SIM_BACKEND must name the backend"
#endif

#define FRAMES 2000u
#define BATCH 16u               /* frames offered before the host takes them (the
                                   punt FIFO, 512 beats, holds them all: none dropped) */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A 64-octet-payload L2TP control message from 192.168.0.2 to the card. */
static size_t control_frame(uint16_t ns, uint8_t *out, size_t cap)
{
    uint8_t msg[128] = {0};
    struct l2tp_header h = {.is_control = true, .has_length = true, .has_sequence = true,
                            .version = 2, .tunnel_id = 7, .ns = ns};
    size_t hl = 0;
    struct proto_error err;
    if (l2tp_header_encode(&h, 64, msg, sizeof msg, &hl, &err) != PROTO_OK)
        return 0;
    struct net_udp_packet p = {.ip_ttl = 64, .ip_frag = 0x4000, .ip_src = 0xC0A80002u,
                               .ip_dst = 0xC0A80001u, .udp_src = 1701, .udp_dst = 1701};
    size_t n = 0;
    if (net_udp_encode(&p, msg, hl + 64, out, cap, &n, &err) != PROTO_OK)
        return 0;
    return n;
}

static void report(const char *what, double secs, const struct l2tpcard_sim_stats *a,
                   const struct l2tpcard_sim_stats *b)
{
    double f = FRAMES;
    printf("bench driver %-5s %-6s %8.0f frames/s  %5.1f MMIO (%4.1f rd %4.1f wr)  "
           "%4.2f DMA rd  %5.1f DMA wr beats  %6.0f cycles  per frame\n",
           SIM_BACKEND, what, f / secs,
           (double)(b->mmio_reads + b->mmio_writes - a->mmio_reads - a->mmio_writes) / f,
           (double)(b->mmio_reads - a->mmio_reads) / f,
           (double)(b->mmio_writes - a->mmio_writes) / f, (double)(b->dma_reads - a->dma_reads) / f,
           (double)(b->dma_write_beats - a->dma_write_beats) / f,
           (double)(b->cycles - a->cycles) / f);
}

int main(void)
{
    struct l2tpcard *card;
    struct l2tpcard_error err;
    struct l2tpcard_options o = {.punt_ring_log2 = 8, .inject_ring_log2 = 8};
    if (l2tpcard_open(SIM_BACKEND, &o, &card, &err) != L2TPCARD_OK) {
        fprintf(stderr, "bench: open: %s\n", err.msg);
        return 1;
    }
    struct l2tpcard_net_config nc = {.l2tp_port = 1701, .local_ip = 0xC0A80001u,
                                     .match_local_ip = true};
    if (l2tpcard_reset(card) != L2TPCARD_OK || l2tpcard_net_config_set(card, &nc) != L2TPCARD_OK ||
        l2tpcard_irq_moderation(card, 1000, 16) != L2TPCARD_OK) {
        fprintf(stderr, "bench: bring-up: %s\n", l2tpcard_errmsg(card));
        return 1;
    }
    uint8_t f[256], buf[2048];
    size_t n = control_frame(1, f, sizeof f);
    struct l2tpcard_sim_stats a, b;
    struct l2tpcard_punt m;
    unsigned ev;

    l2tpcard_sim_stats(card, &a);
    double t0 = now();
    unsigned got = 0;
    for (unsigned sent = 0; got < FRAMES;) {
        for (unsigned i = 0; i < BATCH && sent < FRAMES; i++, sent++)
            l2tpcard_sim_net_push(card, f, n);
        while (got < sent) {
            l2tpcard_status st = l2tpcard_recv(card, &m, buf, sizeof buf);
            if (st == L2TPCARD_OK) {
                got++;
                continue;
            }
            if (st != L2TPCARD_EAGAIN || (l2tpcard_wait(card, L2TPCARD_EV_PUNT, 10, &ev) !=
                                          L2TPCARD_OK)) {
                fprintf(stderr, "bench: punt %u of %u: %s\n", got, FRAMES,
                        l2tpcard_errmsg(card));
                return 1;
            }
        }
    }
    double t1 = now();
    l2tpcard_sim_stats(card, &b);
    report("punt", t1 - t0, &a, &b);

    l2tpcard_sim_stats(card, &a);
    t0 = now();
    unsigned out = 0;
    size_t len;
    for (unsigned sent = 0; out < FRAMES;) {
        while (sent < FRAMES && sent - out < BATCH) {
            l2tpcard_status st = l2tpcard_inject(card, L2TPCARD_INJECT_NET, 0, f, n);
            if (st == L2TPCARD_EAGAIN)
                break;
            if (st != L2TPCARD_OK) {
                fprintf(stderr, "bench: inject: %s\n", l2tpcard_errmsg(card));
                return 1;
            }
            sent++;
        }
        if (l2tpcard_wait(card, L2TPCARD_EV_INJECT, 10, &ev) != L2TPCARD_OK) {
            fprintf(stderr, "bench: inject %u of %u: %s\n", out, FRAMES, l2tpcard_errmsg(card));
            return 1;
        }
        while (l2tpcard_sim_net_pull(card, buf, sizeof buf, &len) == L2TPCARD_OK)
            out++;
    }
    t1 = now();
    l2tpcard_sim_stats(card, &b);
    report("inject", t1 - t0, &a, &b);
    l2tpcard_close(card);
    return 0;
}
