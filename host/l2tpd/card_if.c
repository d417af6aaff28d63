/* The card layer of l2tpd (card_if.h). */
#include "card_if.h"

#include <stdlib.h>
#include <string.h>

#include "l2tpcard_sim.h"
#include "l2tpd.h"

/* A clocked card is run in slices; it is quiet after this many slices with
 * nothing out, no DMA beat and no input still waiting to enter (a frame
 * crosses the card in well under one slice plus the DMA latency once it is in;
 * tests/driver/test_card_sim.c). 8 slices (512 cycles) are several
 * crossings; every run pays them, so they bound how fast thousands of calls
 * move through a simulated card (scenario 16). Entering is not bounded by
 * them: ACCESS octets go in one a cycle, a 1000-octet PPP frame (more with
 * HDLC escapes) takes more than 512 cycles with nothing out meanwhile. */
#define RUN_SLICE_CYCLES 64
#define QUIET_SLICES 8
#define MAX_SLICES 100000

int card_if_open(struct l2tpd_inst *in, const char *spec, unsigned *channels,
                 unsigned *sessions, char *err, size_t cap)
{
    struct l2tpcard_net_config nc = {.l2tp_port = 1701, .local_ip = in->ip,
                                     .match_local_ip = true,
                                     /* TAP: ARP and the rest reach the host (wire_tap.h) */
                                     .punt_not_for_us = in->tap.fd >= 0};
    memcpy(nc.local_mac, in->mac, sizeof nc.local_mac);
    if (!strcmp(spec, "soft")) {
        if (softcard_init(&in->card, *sessions, (uint16_t)*channels, 1024, glue_card_net_tx,
                          glue_card_access_tx, in)) {
            snprintf(err, cap, "card soft: out of memory");
            return -1;
        }
        softcard_net_config_set(&in->card, &nc);
        in->card_ready = true;
        return 0;
    }
    /* "model" and "rtl", also with the driver's run-time sizes after a
     * colon ("model:n_ch=32,sess_aw=12"): the driver checks those. */
    size_t blen = strcspn(spec, ":");
    if (!((blen == 5 && !strncmp(spec, "model", 5)) || (blen == 3 && !strncmp(spec, "rtl", 3)))) {
        snprintf(err, cap, "card: '%s' is not available in this l2tpd (backends: soft, model, "
                           "rtl); give --card soft, model or rtl", spec);
        return -1;
    }
    struct l2tpcard_error e = {0};
    if (l2tpcard_open(spec, NULL, &in->hw, &e) != L2TPCARD_OK) {
        snprintf(err, cap, "card %s: %s", spec, e.msg);
        return -1;
    }
    struct l2tpcard_identity id;
    if (l2tpcard_reset(in->hw) != L2TPCARD_OK || l2tpcard_identity(in->hw, &id) != L2TPCARD_OK ||
        l2tpcard_net_config_set(in->hw, &nc) != L2TPCARD_OK) {
        snprintf(err, cap, "card %s: %s", spec, l2tpcard_errmsg(in->hw));
        l2tpcard_close(in->hw);
        in->hw = NULL;
        return -1;
    }
    if (*channels > id.n_channels)
        *channels = id.n_channels;
    *sessions = id.sessions;
    in->touched = calloc(id.sessions, 1);
    if (!in->touched) {
        snprintf(err, cap, "card %s: out of memory", spec);
        l2tpcard_close(in->hw);
        in->hw = NULL;
        return -1;
    }
    return 0;
}

void card_if_close(struct l2tpd_inst *in)
{
    if (in->hw)
        l2tpcard_close(in->hw);
    in->hw = NULL;
    free(in->touched);
    in->touched = NULL;
    if (in->card_ready)
        softcard_free(&in->card);
    in->card_ready = false;
}

const char *card_if_name(const struct l2tpd_inst *in)
{
    return in->hw ? l2tpcard_describe(in->hw) : "soft";
}

l2tpcard_status card_if_program(struct l2tpd_inst *in, const struct l2tpcard_session *s,
                                bool zero_counters)
{
    if (!in->hw)
        return softcard_session_program(&in->card, s, zero_counters);
    if (s->local_session_id < in->sessions)
        in->touched[s->local_session_id] = 1;   /* even when refused: it was written */
    return l2tpcard_session_program(in->hw, s, zero_counters);
}

bool card_if_touched(const struct l2tpd_inst *in, uint32_t sid)
{
    return !in->hw || (sid < in->sessions && in->touched[sid]);
}

l2tpcard_status card_if_clear(struct l2tpd_inst *in, uint16_t sid)
{
    return in->hw ? l2tpcard_session_clear(in->hw, sid) : softcard_session_clear(&in->card, sid);
}

l2tpcard_status card_if_read(struct l2tpd_inst *in, uint16_t sid, bool *valid,
                             struct l2tpcard_session *s, struct l2tpcard_session_counters *ctr)
{
    return in->hw ? l2tpcard_session_read(in->hw, sid, valid, s, ctr)
                  : softcard_session_read(&in->card, sid, valid, s, ctr);
}

l2tpcard_status card_if_inject(struct l2tpd_inst *in, enum l2tpcard_inject_kind kind,
                               uint16_t target, const uint8_t *frame, size_t len)
{
    if (!in->hw)
        return softcard_inject(&in->card, kind, target, frame, len);
    in->hw_busy = true;
    /* A full inject ring: let the card take descriptors, then again. */
    for (int tries = 0;; tries++) {
        l2tpcard_status st = l2tpcard_inject(in->hw, kind, target, frame, len);
        if (st != L2TPCARD_EAGAIN || tries == 64)
            return st;
        (void)l2tpcard_sim_run(in->hw, RUN_SLICE_CYCLES);
    }
}

l2tpcard_status card_if_recv(struct l2tpd_inst *in, struct l2tpcard_punt *m, uint8_t *buf,
                             size_t cap)
{
    return in->hw ? l2tpcard_recv(in->hw, m, buf, cap) : softcard_recv(&in->card, m, buf, cap);
}

void card_if_counters(struct l2tpd_inst *in, uint32_t out[L2TPCARD_CNT_COUNT])
{
    if (!in->hw) {
        softcard_counters_read(&in->card, out);
        return;
    }
    if (l2tpcard_counters_read(in->hw, out) != L2TPCARD_OK)
        memset(out, 0, sizeof(uint32_t) * L2TPCARD_CNT_COUNT);
}

size_t card_if_sessions_valid(struct l2tpd_inst *in)
{
    if (!in->hw)
        return softcard_sessions_valid(&in->card);
    size_t n = 0;
    for (uint32_t sid = 1; sid < in->sessions; sid++) {
        bool valid = false;
        if (in->touched[sid] &&
            l2tpcard_session_read(in->hw, (uint16_t)sid, &valid, NULL, NULL) == L2TPCARD_OK)
            n += valid;
    }
    return n;
}

uint64_t card_if_cycles(struct l2tpd_inst *in)
{
    return in->hw ? in->busy_cycles : 0;
}

void card_if_net_rx(struct l2tpd_inst *in, const uint8_t *frame, size_t len)
{
    if (!in->hw) {
        softcard_net_rx(&in->card, frame, len);
        return;
    }
    (void)l2tpcard_sim_net_push(in->hw, frame, len);
    in->hw_busy = true;
}

void card_if_access_rx(struct l2tpd_inst *in, uint16_t channel, const uint8_t *octets,
                       size_t len)
{
    if (!in->hw) {
        softcard_access_rx(&in->card, channel, octets, len);
        return;
    }
    (void)l2tpcard_sim_access_push(in->hw, channel, octets, len);
    in->hw_busy = true;
}

/* Takes what the card sent; returns how many frames / octet bursts. */
static size_t drain(struct l2tpd_inst *in)
{
    size_t n = 0;
    uint8_t buf[SOFTCARD_FRAME_MAX * 2];
    size_t len;
    while (l2tpcard_sim_net_pull(in->hw, buf, sizeof buf, &len) == L2TPCARD_OK) {
        glue_card_net_tx(in, buf, len);
        n++;
    }
    for (unsigned ch = 0; ch < in->channels; ch++)
        while (l2tpcard_sim_access_pull(in->hw, ch, buf, sizeof buf, &len) == L2TPCARD_OK &&
               len) {
            glue_card_access_tx(in, (uint16_t)ch, buf, len);
            n++;
        }
    return n;
}

static struct l2tpcard_sim_stats stats_now(struct l2tpd_inst *in)
{
    struct l2tpcard_sim_stats st;
    if (l2tpcard_sim_stats(in->hw, &st) != L2TPCARD_OK)
        memset(&st, 0, sizeof st);
    return st;
}

/* Frames or octets pushed that the card has not taken yet. */
static bool input_waiting(struct l2tpd_inst *in)
{
    size_t frames = 0, octets = 0;
    (void)l2tpcard_sim_input_pending(in->hw, &frames, &octets);
    return frames || octets;
}

size_t card_if_run(struct l2tpd_inst *in)
{
    if (!in->hw)
        return 0;
    size_t total = drain(in);
    if (!in->hw_busy && !total)
        return 0;
    /* Busy cycles: from here to the slice of the last output or punt (the
     * quiet slices after it are l2tpd's, not the card's work). */
    struct l2tpcard_sim_stats st = stats_now(in);
    uint64_t start = st.cycles, last = start, writes = st.dma_write_beats,
             reads = st.dma_read_beats;
    /* A card that never goes quiet is stopped after MAX_SLICES. */
    for (int quiet = 0, slices = 0; quiet < QUIET_SLICES && slices < MAX_SLICES; slices++) {
        (void)l2tpcard_sim_run(in->hw, RUN_SLICE_CYCLES);
        size_t n = drain(in);
        /* A punt is written into host memory: DMA write beats count too. */
        st = stats_now(in);
        if (n || st.dma_write_beats != writes)
            last = st.cycles;
        /* Not quiet while it works on something: an injected frame read
         * from host memory (DMA read beats; a long one with its descriptor
         * fetch and the NET transmit after it is more than 8 slices), or
         * input it has not taken yet. */
        quiet = n || st.dma_write_beats != writes || st.dma_read_beats != reads ||
                        input_waiting(in)
                    ? 0
                    : quiet + 1;
        writes = st.dma_write_beats;
        reads = st.dma_read_beats;
        total += n;
    }
    in->busy_cycles += last - start;
    in->hw_busy = false;
    return total;
}
