/* Inside host/aaa: the RADIUS client behind the `radius` method (issue 7).
 *
 * radcli (the client library) only sends blocking requests, so each
 * struct aaa_radius runs one worker thread: the daemon's thread builds the
 * attribute list (aaa_radius_attrs.c) and queues a request; the worker
 * sends it with radcli to each server of [radius] in turn (timeout and
 * retries per server) and puts the answer on a done list, writing one
 * octet to a pipe. The daemon's event loop polls that pipe (aaa_fd(),
 * aaa_poll() in aaa.h) and runs the completions on its own thread, so AAA
 * state, debug lines and PPP/L2TP callbacks are touched by one thread only.
 * Nothing global: the handle, the thread and the queues belong to the
 * struct aaa. */
#ifndef HOST_AAA_RADIUS_H
#define HOST_AAA_RADIUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aaa_int.h"
#include "radius_const.h"

struct aaa_radius;
struct rc_value_pair;

/* How a request ended, per server and overall. */
enum aaa_radius_outcome {
    AAA_RADIUS_ACCEPT,      /* Access-Accept / Accounting-Response */
    AAA_RADIUS_REJECT,      /* Access-Reject */
    AAA_RADIUS_TIMEOUT,     /* no (valid) answer after the retries */
    AAA_RADIUS_FAILED,      /* could not send (socket, bad answer) */
};

struct aaa_radius_req;
typedef void (*aaa_radius_done_fn)(struct aaa *a, struct aaa_radius_req *r);

struct aaa_radius_req {
    struct aaa_radius_req *next;
    /* Set by the caller before aaa_radius_submit(). */
    bool acct;                      /* accounting server and port */
    uint32_t id;                    /* AAA request number, for the log */
    struct rc_value_pair *send;     /* owned by the request from submit on */
    aaa_radius_done_fn done;        /* on the daemon's thread; not after cancel */
    void *op;                       /* the caller's state */
    void *owner;                    /* what aaa_cancel() matches */
    void (*drop)(void *op);         /* frees op when cancelled */
    void (*resume)(struct aaa *a, void *op, enum aaa_result r);   /* the front's continuation */
    void *out;                      /* where the backend puts what it parsed */
    char what[32];                  /* log: "Serial0:0", "CHAP", "Vi4" */
    /* Filled by the worker. */
    enum aaa_radius_outcome outcome;
    enum aaa_radius_outcome per_server[CONFIG_RADIUS_SERVERS_MAX];
    size_t servers_tried;
    size_t server;                  /* the one that answered */
    struct rc_value_pair *received;
    uint8_t vector[RADIUS_AUTHENTICATOR_LEN];   /* of the request answered (RFC 2868 §3.5) */
    char reply_msg[128];            /* radcli's message, Reply-Message */
    bool cancelled;
};

/* Reads the dictionary, sets radcli up for cfg->radius and starts the
 * worker. err names the [radius] key at fault. */
proto_status aaa_radius_open(struct aaa *a, struct aaa_radius **out, struct proto_error *err);
void aaa_radius_close(struct aaa_radius *r);

/* A new request with an empty attribute list; NULL when out of memory. */
struct aaa_radius_req *aaa_radius_req_new(struct aaa *a, bool acct);
/* Queues it for the worker ("RADIUS: Initial Transmit" logged). The
 * request belongs to the client until its done runs (or, cancelled, it is
 * dropped). */
void aaa_radius_submit(struct aaa *a, struct aaa_radius_req *req);
/* Frees a request that was never submitted. */
void aaa_radius_req_free(struct aaa_radius_req *req);

/* Completions waiting: run them. Returns how many ran. */
size_t aaa_radius_poll(struct aaa *a);
int aaa_radius_fd(const struct aaa_radius *r);
size_t aaa_radius_in_flight(const struct aaa_radius *r);
/* Requests of `owner` will not call back. */
void aaa_radius_cancel(struct aaa *a, void *owner);

/* The radcli handle (dictionary look-ups while building attributes). */
struct rc_conf *aaa_radius_handle(const struct aaa_radius *r);
/* The shared secret (RFC 2865 §3), for Tunnel-Password (RFC 2868 §3.5). */
const char *aaa_radius_secret(const struct aaa_radius *r);
/* "127.0.0.1:1812" of server i. */
const char *aaa_radius_server_name(const struct aaa_radius *r, size_t i, bool acct, char *buf,
                                   size_t cap);
size_t aaa_radius_n_servers(const struct aaa_radius *r);

#endif
