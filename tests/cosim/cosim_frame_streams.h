/* Numbered frames from several stream inputs to one arbitrated output, the
 * part of a lockstep test that does not depend on the block's ports (shared
 * by cosim_stream_frame_arbiter.c and cosim_access_rx_arbiter.c).
 *
 * Frame k of input i is a pure function of (seed, i, k), so the checker
 * regenerates what was sent instead of storing it. The testbench drives its
 * own ports and draws its own random numbers (the stimulus is its business);
 * this file keeps the per-input progress, assembles the output frame beat by
 * beat, checks each whole frame (octets, length, order per input and, when
 * asked, strict rotation) and runs the phases every such test runs. */
#ifndef COSIM_FRAME_STREAMS_H
#define COSIM_FRAME_STREAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cosim.h"
#include "cosim_args.h"

#define COSIM_FS_MAX_INPUTS 8
#define COSIM_FS_MAX_FRAME 600
/* a phase fails when no frame completes for this many cycles */
#define COSIM_FS_STALL_CYCLES 10000

struct cosim_fs_source {
    uint64_t sent, recv;        /* frames fully sent / checked */
    size_t off;                 /* octets of frame `sent` already sent */
};

struct cosim_fs {
    const struct cosim *c;      /* for the cycle number in messages */
    uint64_t seed;
    unsigned data_w;            /* octets per beat */
    unsigned n;                 /* inputs */
    struct cosim_fs_source src[COSIM_FS_MAX_INPUTS];
    unsigned gap_pct, bp_pct;   /* this phase's random valid gaps and backpressure */
    uint64_t limit;             /* frames each input sends in this phase */
    /* output assembly */
    uint8_t buf[COSIM_FS_MAX_FRAME];
    size_t len;
    bool in_frame;
    unsigned cur_sel;
    /* rotation check and throughput */
    bool check_rotation;
    int last_sel;
    uint64_t beats, frames, first_beat, last_beat;
    bool beat_seen;
};

/* Zeroes f and sets its parameters; false when n or data_w is out of range. */
bool cosim_fs_init(struct cosim_fs *f, const struct cosim *c, uint64_t seed, unsigned n,
                   unsigned data_w);

/* Frame k of input i: its length (1..COSIM_FS_MAX_FRAME, a quarter of them
 * at most one beat), octet `off`, and 64 bits for its sideband tag (the
 * caller masks them to the tag's width). */
size_t cosim_fs_frame_len(const struct cosim_fs *f, unsigned i, uint64_t k);
uint8_t cosim_fs_frame_octet(const struct cosim_fs *f, unsigned i, uint64_t k, size_t off);
uint64_t cosim_fs_frame_tag(const struct cosim_fs *f, unsigned i, uint64_t k);

/* Input i's current beat was taken (valid and ready): it moves one beat on. */
void cosim_fs_beat_taken(struct cosim_fs *f, unsigned i);

/* Starts assembling an output frame of input sel when none is in progress. */
void cosim_fs_out_start(struct cosim_fs *f, unsigned sel);
/* Appends an output beat of n octets (the caller has checked that it fits);
 * on the last beat the frame is checked. False (message on stderr) when the
 * frame is wrong. */
bool cosim_fs_out_beat(struct cosim_fs *f, const uint8_t *d, unsigned n, bool last);

/* One cycle of the testbench (drive, cosim_eval, handshakes, cosim_tick). */
typedef bool (*cosim_fs_cycle_fn)(void *tb);

/* Each input sends `frames` more frames with gap_pct random valid gaps and
 * bp_pct backpressure; runs until all are checked. */
bool cosim_fs_run_phase(struct cosim_fs *f, const char *name, uint64_t frames, unsigned gap,
                        unsigned bp, bool rotation, cosim_fs_cycle_fn cycle, void *tb);

/* The phases: saturated without backpressure (strict rotation at one beat
 * per cycle, throughput printed), saturated with backpressure, then mixes of
 * gaps and backpressure until `cycles`. Prints the frames checked. */
bool cosim_fs_run_traffic(struct cosim_fs *f, uint64_t cycles, cosim_fs_cycle_fn cycle, void *tb);

/* The whole run of such a test once its arguments are parsed (its main):
 * *rng seeded from args->seed (the testbench draws its stimulus from it),
 * the engines (rtl NULL: the model alone), f for n inputs of data_w octets,
 * the first line (block name, seed, then banner), a 2-cycle reset, the
 * traffic phases with the test's cycle function, the chaos phase
 * (args->cycles / 20 cycles), the engines' speed and the PASS/FAIL line.
 * Returns the exit status. */
int cosim_fs_main(struct cosim *c, struct cosim_fs *f, uint64_t *rng,
                  const struct cosim_block *block, const struct cosim_engine_ops *rtl,
                  const struct cosim_engine_ops *model, struct cosim_args *args, unsigned n,
                  unsigned data_w, const char *banner, cosim_fs_cycle_fn cycle, void *tb);

#endif
