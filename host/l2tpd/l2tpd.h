/* l2tpd: one process, one or two routers (the `-c FILE` instances), each a
 * vpdn call manager (host/vpdn) on its own card, joined by a NET wire, with
 * simulated remote users on the LAC's ACCESS channels. Everything hangs off
 * one struct l2tpd owned by main(): no global state.
 *
 * Frames between cards, lines and hosts go through one FIFO (wire.c), so
 * every reply comes after what caused it and nothing calls back into a
 * vpdn instance from inside one of its dataplane ops (host/vpdn/vpdn.h). */
#ifndef L2TPD_H
#define L2TPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "aaa.h"
#include "config.h"
#include "debug_log.h"
#include "hdlc.h"
#include "pcap_io.h"
#include "ppp_link.h"
#include "card_if.h"
#include "softcard.h"
#include "timer.h"
#include "vpdn.h"
#include "wire_tap.h"

#define L2TPD_INSTANCES_MAX 2
/* ACCESS channels of the users: the soft card takes any number (the model
 * and RTL cards at most 256: hw/regmap.md N_CH). */
#define L2TPD_CHANNELS_MAX 4096
#define L2TPD_OPTS_MAX 16
#define L2TPD_TEXT_MAX 200

/* Per-instance settings from the command line (`-o key=value` after -c). */
struct l2tpd_inst_opts {
    const char *file;
    const char *card;          /* -o card=SPEC: this instance's card (beats --card) */
    char keyval[L2TPD_OPTS_MAX][96];
    size_t n_keyval;
};

struct l2tpd_options {
    struct l2tpd_inst_opts inst[L2TPD_INSTANCES_MAX];
    size_t n_inst;
    const char *card;          /* --card: overrides every config's card */
    const char *clock;         /* --clock virtual|wall: overrides the configs */
    const char *socket_path;   /* --socket: the CLI's Unix socket */
    const char *script;        /* --script: run a scenario file, then exit */
    const char *pcap;          /* --pcap: the NET wire's frames */
    const char *log_dir;       /* --log-dir: DIR/HOSTNAME.log per instance */
    bool quiet;                /* --quiet: debug lines not on stdout */
    unsigned channels;         /* --channels: ACCESS channels per card */
    unsigned sessions;         /* --sessions: session table depth */
};

/* Parses argv; on error writes a one-line reason into err and returns -1. */
int l2tpd_options_parse(int argc, char **argv, struct l2tpd_options *o, char *err, size_t cap);
void l2tpd_usage(FILE *f);
/* A.B.C.D (nothing after it) into *out, host order; -1 when s is not one.
 * The -o address options (instance.c, wire_tap.c) and scenario steps. */
int l2tpd_parse_ipv4(const char *s, uint32_t *out);

/* Debug lines kept for `expect log` (the in-order cursor) and show. */
struct l2tpd_lines {
    char **line;
    size_t n, cap;
    size_t cursor;             /* next line `expect log` looks at */
};

struct l2tpd;

struct l2tpd_inst {
    struct l2tpd *d;
    int idx;
    struct l2tpd_config cfg;
    bool cfg_ready;
    struct debug_log log;
    struct l2tpd_lines lines;
    FILE *log_file;
    uint32_t ip;               /* NET address (host order) */
    uint8_t mac[6];
    struct softcard card;      /* card "soft" */
    bool card_ready;
    struct l2tpcard *hw;       /* card "model" (driver/l2tpcard.h); NULL: soft */
    unsigned sessions;         /* its session table's depth (IDs 1..sessions-1) */
    unsigned channels;         /* its card's ACCESS channels */
    /* Model/RTL: [sessions], the entries programmed since the card's reset
     * (reading the whole table through the registers costs seconds at
     * thousands of entries; the others were cleared by the reset). */
    uint8_t *touched;
    bool hw_busy;              /* frames went in since it was last quiet */
    uint64_t busy_cycles;      /* card_if_cycles() */
    struct vpdn v;
    bool v_ready;
    uint64_t host_ip_rx, host_icmp_replies;
    /* -o random-prefix=HEX: the first random octets the instance uses (the
     * seed's CHAP challenge), then OpenSSL's RAND_bytes. */
    uint8_t rnd_prefix[64];
    size_t rnd_len, rnd_pos;
    int udp_fd;                /* wire udp: the socket (wire_udp.h); -1: in-memory */
    uint64_t udp_rx, udp_tx, udp_bad;
    struct tap_wire tap;       /* wire tap: the TAP device and ARP (wire_tap.h); fd -1: not */
};

/* A simulated remote user (the seed's 2500-1) on ACCESS channel `channel`
 * of the LAC instance: a ppp_link in client role, HDLC-framed. */
struct l2tpd_user {
    struct l2tpd *d;
    uint16_t channel;
    bool used, line_up, link_ready;
    struct l2tpd_config cfg;   /* its own secret, as the user knows it */
    bool cfg_ready;
    struct aaa aaa;
    struct ppp_aaa ppp_aaa;
    struct debug_log log;
    struct l2tpd_lines lines;
    struct ppp_link link;
    struct hdlc_rx rx;         /* the line's octets, as they come, into frames */
    uint8_t rx_buf[SOFTCARD_FRAME_MAX + 8];
    char name[CONFIG_NAME_MAX];
    uint64_t echo_sent, echo_replies;
    uint16_t echo_seq;
};

/* Pcap timestamps: virtual time 0 is this moment (2000-01-01 00:00:00 UTC),
 * so the capture's clock reads like the seed's "Jan  1" debug lines. */
#define WIRE_PCAP_EPOCH_US (946684800ull * 1000000ull)

enum wire_kind { WIRE_NET, WIRE_TO_ACCESS, WIRE_TO_USER, WIRE_HANGUP, WIRE_HOST_IP };

struct wire_ev {
    enum wire_kind kind;
    int inst;                  /* WIRE_NET: sender; ACCESS/HOST_IP: the card/host */
    uint16_t channel;
    uint8_t *data;
    size_t len;
    uint64_t due_us;           /* WIRE_NET: when it arrives */
};

struct wire_fifo {
    struct wire_ev *q;
    size_t head, len, cap;
};

/* wire_seq.c: data sequencing (RFC 2661 §5.4) as sent on the NET wire. */
struct wire_seq {
    uint64_t sequenced, unsequenced;   /* data messages with / without S */
    uint64_t starts;                   /* Ns 0: a session's first sequenced message */
    uint64_t gaps;                     /* Ns not the one after the previous (same session) */
    uint64_t untracked;                /* no memory for the table: not checked */
    uint32_t *next_ns;                 /* [sender][session ID]: next Ns + 1; 0: none yet */
};

struct l2tpd_wire {
    struct wire_fifo ev;       /* lines, hangups, host work: at once */
    struct wire_fifo net;      /* NET frames: each `delay_us` after it was sent */
    uint64_t delay_us;         /* one-way NET latency (`wire-delay`); 0: none */
    struct timer net_timer;    /* due time of the oldest NET frame */
    struct pcap_writer *pcap;
    unsigned loss_pct;         /* L2TP control frames lost on the NET wire */
    uint32_t rng;
    uint64_t net_frames, ctrl_frames, data_frames, ctrl_lost, no_such_ip;
    /* Data messages on the wire (RFC 2661 §5.4 tests): `data-loss PCT` loses
     * them, `data-reorder N` holds every Nth back until the next one to the
     * same card passed. */
    unsigned data_loss_pct, reorder_every;
    uint64_t data_seen, data_lost, data_reordered;
    uint8_t *held;             /* the data frame held back; NULL: none */
    size_t held_len;
    uint32_t held_dst;         /* its destination address */
    struct wire_seq seq;
};

struct l2tpd_mark {
    char name[48];
    uint64_t t_us;
    uint64_t wall_us;                       /* CLOCK_MONOTONIC */
    uint64_t heap_bytes;                    /* malloc'd and in use (mallinfo2) */
    uint64_t ctrl_frames, data_frames;
    uint64_t cycles[L2TPD_INSTANCES_MAX];   /* each card's clock (0: soft) */
};

struct l2tpd {
    struct l2tpd_options opt;
    struct timer_queue tq;
    struct l2tpd_inst inst[L2TPD_INSTANCES_MAX];
    size_t n_inst;
    struct l2tpd_wire wire;
    struct l2tpd_user *user;   /* [channels]: one per ACCESS channel of the LAC's card */
    unsigned channels;         /* the LAC's card's channels (--channels when no LAC) */
    struct l2tpd_mark marks[32];
    size_t n_marks;
    unsigned failures;         /* failed `expect`s of the script */
    bool burst;                /* a `burst` step is queueing: l2tpd_pump() waits */
    /* Events delivered between two runs of the cards (`batch N`; 0 or 1:
     * one, each frame's consequences settle before the next moves). A
     * simulated card runs until it has been quiet for a while (card_if.c),
     * which costs the same for one frame as for many: thousands of calls
     * set up together move their frames in batches. */
    unsigned batch;
    bool stop;
};

/* Output of a command (the CLI's reply, the script's echo). */
struct l2tpd_out {
    char *buf;
    size_t len, cap;
    bool json;
};
void out_printf(struct l2tpd_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_free(struct l2tpd_out *o);

/* instance.c */
int l2tpd_instance_start(struct l2tpd *d, int idx, char *err, size_t cap);
void l2tpd_instance_stop(struct l2tpd_inst *in);
struct l2tpd_inst *l2tpd_find_inst(struct l2tpd *d, const char *name);
struct l2tpd_inst *l2tpd_lac(struct l2tpd *d);
void lines_add(struct l2tpd_lines *l, const char *line);
void lines_free(struct l2tpd_lines *l);

/* card_glue.c: the vpdn ops onto the card, punts to vpdn. */
void glue_ops(struct l2tpd_inst *in, struct vpdn_dataplane_ops *ops);
/* Takes every waiting punt; returns how many. */
size_t glue_poll_punts(struct l2tpd_inst *in);
void glue_card_net_tx(void *ctx, const uint8_t *frame, size_t len);
void glue_card_access_tx(void *ctx, uint16_t channel, const uint8_t *octets, size_t len);
/* The LNS host's IP stack: answers ICMP echo requests to its address. */
void host_ip_input(struct l2tpd_inst *in, const uint8_t *packet, size_t len);

/* wire.c */
int wire_init(struct l2tpd *d, const char *pcap_path, char *err, size_t cap);
void wire_free(struct l2tpd_wire *w);
int wire_push(struct l2tpd *d, enum wire_kind kind, int inst, uint16_t channel,
              const uint8_t *data, size_t len);
/* Delivers the oldest event; false when there was none. */
bool wire_deliver_one(struct l2tpd *d);
/* wire_seq.c */
void wire_seq_observe(struct wire_seq *s, int sender, const uint8_t *frame, size_t len);
void wire_seq_free(struct wire_seq *s);

/* users.c */
int user_add(struct l2tpd *d, uint16_t channel, const char *name, const char *secret,
             uint32_t addr, uint8_t lcp_id, uint8_t ipcp_id, uint32_t magic, char *err,
             size_t cap);
int user_dial(struct l2tpd *d, uint16_t channel, const char *dnis, const char *calling,
              char *err, size_t cap);
int user_drop(struct l2tpd *d, uint16_t channel, char *err, size_t cap);
int user_ping(struct l2tpd *d, uint16_t channel, uint32_t dst, size_t size, char *err,
              size_t cap);
void user_line_rx(struct l2tpd_user *u, const uint8_t *octets, size_t len);
void user_hangup(struct l2tpd_user *u);
void users_free(struct l2tpd *d);

/* loop.c */
/* Moves frames until nothing is left to move. */
void l2tpd_pump(struct l2tpd *d);
/* Virtual clock: runs timers up to now + delta_us, pumping between them. */
void l2tpd_advance(struct l2tpd *d, uint64_t delta_us);
/* Runs (virtual time) until cond(d, arg) holds or limit_us passes. */
bool l2tpd_run_until(struct l2tpd *d, bool (*cond)(struct l2tpd *, const char *),
                     const char *arg, uint64_t limit_us);
/* The daemon's loop: CLI socket (if any) and the wall or virtual clock. */
int l2tpd_serve(struct l2tpd *d);

/* commands.c (show/clear/debug) and commands_sim.c (scenario steps). */
/* Runs one command line; returns 0, or -1 with the reason in out. */
int l2tpd_command(struct l2tpd *d, const char *line, struct l2tpd_out *out);
/* Splits s in place into at most max words ("quoted" words keep blanks, # ends). */
int l2tpd_tokenize(char *s, char **argv, int max);
int l2tpd_command_sim(struct l2tpd *d, int argc, char **argv, struct l2tpd_out *out);
void l2tpd_summary(struct l2tpd *d, struct l2tpd_out *out);
/* Runs a scenario file; returns the number of failed steps (or -1 on I/O). */
int l2tpd_script(struct l2tpd *d, const char *path);

#endif
