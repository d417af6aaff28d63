/* The RADIUS client's transport: radcli set up from [radius], one worker
 * thread that sends the queued requests (radcli's calls block), a pipe
 * that wakes the daemon's loop when answers are ready (aaa_radius.h). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <radcli/radcli.h>

#include "aaa_radius.h"
#include "aaa_radius_attrs.h"

#ifndef AAA_RADIUS_DICTIONARY
#define AAA_RADIUS_DICTIONARY "host/aaa/radius.dictionary"
#endif

struct aaa_radius {
    rc_handle *rh;
    const struct config_radius *cfg;
    char secret[CONFIG_RADIUS_SECRET_MAX];
    char names[CONFIG_RADIUS_SERVERS_MAX][16];  /* dotted quads, for radcli */
    pthread_t worker;
    bool worker_running;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct aaa_radius_req *queue, **queue_tail;  /* to send, FIFO */
    struct aaa_radius_req *sending;              /* the worker's current one */
    struct aaa_radius_req *done, **done_tail;    /* answered, FIFO */
    bool stop;
    int pipe_rd, pipe_wr;
    size_t in_flight;                            /* submitted, completion not run yet */
};

static void req_free(struct aaa_radius_req *r)
{
    if (!r)
        return;
    rc_avpair_free(r->send);
    rc_avpair_free(r->received);
    free(r);
}

void aaa_radius_req_free(struct aaa_radius_req *req)
{
    req_free(req);
}

static void ip_str(uint32_t ip, char *b, size_t cap)
{
    snprintf(b, cap, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF, ip & 0xFF);
}

const char *aaa_radius_server_name(const struct aaa_radius *r, size_t i, bool acct, char *buf,
                                   size_t cap)
{
    const struct config_radius_server *s = &r->cfg->servers[i];
    snprintf(buf, cap, "%s:%u", r->names[i], acct ? s->acct_port : s->auth_port);
    return buf;
}

size_t aaa_radius_n_servers(const struct aaa_radius *r)
{
    return r->cfg->n_servers;
}

struct rc_conf *aaa_radius_handle(const struct aaa_radius *r)
{
    return r->rh;
}

const char *aaa_radius_secret(const struct aaa_radius *r)
{
    return r->secret;
}

int aaa_radius_fd(const struct aaa_radius *r)
{
    return r->pipe_rd;
}

size_t aaa_radius_in_flight(const struct aaa_radius *r)
{
    return r->in_flight;
}

/* One server: radcli sends, retransmits `radius_retries` times
 * `radius_timeout` apart, and checks the answer's authenticator. */
static enum aaa_radius_outcome send_one(struct aaa_radius *r, struct aaa_radius_req *q, size_t i)
{
    const struct config_radius_server *s = &r->cfg->servers[i];
    SERVER srv = {.max = 1};
    srv.name[0] = r->names[i];
    srv.port[0] = q->acct ? s->acct_port : s->auth_port;
    srv.secret[0] = r->secret;
    RC_AAA_CTX *ctx = NULL;
    VALUE_PAIR *received = NULL;
    char msg[PW_MAX_MSG_SIZE] = "";
    int rc = rc_aaa_ctx_server(r->rh, &ctx, &srv, q->acct ? ACCT : AUTH, 0, q->send, &received,
                               msg, 0, q->acct ? PW_ACCOUNTING_REQUEST : PW_ACCESS_REQUEST);
    if (ctx) {
        const void *v = rc_aaa_ctx_get_vector(ctx);
        if (v)
            memcpy(q->vector, v, sizeof q->vector);
        rc_aaa_ctx_free(ctx);
    }
    snprintf(q->reply_msg, sizeof q->reply_msg, "%.*s", (int)sizeof q->reply_msg - 1, msg);
    rc_avpair_free(q->received);
    q->received = received;
    switch (rc) {
    case OK_RC: return AAA_RADIUS_ACCEPT;
    case REJECT_RC: return AAA_RADIUS_REJECT;
    case TIMEOUT_RC: return AAA_RADIUS_TIMEOUT;
    default: return AAA_RADIUS_FAILED;
    }
}

/* Servers in file order until one answers (Accept or Reject decide). */
static void send_request(struct aaa_radius *r, struct aaa_radius_req *q)
{
    q->outcome = AAA_RADIUS_TIMEOUT;
    for (size_t i = 0; i < r->cfg->n_servers; i++) {
        enum aaa_radius_outcome o = send_one(r, q, i);
        q->per_server[i] = o;
        q->servers_tried = i + 1;
        q->server = i;
        q->outcome = o;
        if (o == AAA_RADIUS_ACCEPT || o == AAA_RADIUS_REJECT)
            return;
    }
}

static void *worker_main(void *arg)
{
    struct aaa_radius *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        /* At close, what is queued still goes out (accounting Stops). */
        while (!r->queue && !r->stop)
            pthread_cond_wait(&r->cv, &r->mu);
        if (!r->queue)
            break;
        struct aaa_radius_req *q = r->queue;
        r->queue = q->next;
        if (!r->queue)
            r->queue_tail = &r->queue;
        q->next = NULL;
        bool skip = q->cancelled;
        r->sending = q;
        pthread_mutex_unlock(&r->mu);
        if (!skip)
            send_request(r, q);
        pthread_mutex_lock(&r->mu);
        r->sending = NULL;
        *r->done_tail = q;
        r->done_tail = &q->next;
        /* Wake the loop; a full pipe already says "answers waiting". */
        ssize_t w = write(r->pipe_wr, "!", 1);
        (void)w;
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static proto_status set_opt(rc_handle *rh, const char *name, const char *val,
                            struct proto_error *err)
{
    if (rc_add_config(rh, name, val, "[radius]", 0) != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "radius", "radcli refused %s '%s'", name, val);
    return PROTO_OK;
}

static proto_status configure(struct aaa *a, struct aaa_radius *r, struct proto_error *err)
{
    const struct config_radius *c = &a->cfg->radius;
    char num[32], server[96];
    proto_status st;
    if (!rc_config_init(r->rh))
        return proto_fail(err, PROTO_ENOSPC, 0, "radius", "radcli: no memory");
    snprintf(num, sizeof num, "%u", c->timeout_s ? c->timeout_s : CONFIG_RADIUS_DEFAULT_TIMEOUT_S);
    if ((st = set_opt(r->rh, "radius_timeout", num, err)) != PROTO_OK)
        return st;
    snprintf(num, sizeof num, "%u", c->retries_set ? c->retries : CONFIG_RADIUS_DEFAULT_RETRIES);
    if ((st = set_opt(r->rh, "radius_retries", num, err)) != PROTO_OK)
        return st;
    /* Our own failover (send_request) decides; radcli must not skip a
     * server it saw dead. */
    if ((st = set_opt(r->rh, "radius_deadtime", "0", err)) != PROTO_OK)
        return st;
    /* radcli wants default servers; requests name theirs explicitly. */
    snprintf(server, sizeof server, "%s:%u:%s", r->names[0], c->servers[0].auth_port, r->secret);
    if ((st = set_opt(r->rh, "authserver", server, err)) != PROTO_OK)
        return st;
    snprintf(server, sizeof server, "%s:%u:%s", r->names[0], c->servers[0].acct_port, r->secret);
    if ((st = set_opt(r->rh, "acctserver", server, err)) != PROTO_OK)
        return st;
    const char *dict = c->dictionary[0] ? c->dictionary : AAA_RADIUS_DICTIONARY;
    if ((st = set_opt(r->rh, "dictionary", dict, err)) != PROTO_OK)
        return st;
    if (rc_apply_config(r->rh) != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "radius", "radcli refused the [radius] settings");
    if (rc_read_dictionary(r->rh, dict) != 0)
        return proto_fail(err, PROTO_EINVAL, 0, "dictionary", "cannot read RADIUS dictionary %s",
                          dict);
    return PROTO_OK;
}

proto_status aaa_radius_open(struct aaa *a, struct aaa_radius **out, struct proto_error *err)
{
    const struct config_radius *c = &a->cfg->radius;
    *out = NULL;
    if (!c->line || c->n_servers == 0)
        return proto_fail(err, PROTO_EINVAL, 0, "method",
                          "method radius needs a [radius] section with a server");
    struct aaa_radius *r = calloc(1, sizeof *r);
    if (!r)
        return proto_fail(err, PROTO_ENOSPC, 0, "radius", "no memory");
    r->cfg = c;
    r->pipe_rd = r->pipe_wr = -1;
    r->queue_tail = &r->queue;
    r->done_tail = &r->done;
    snprintf(r->secret, sizeof r->secret, "%s", c->secret);
    for (size_t i = 0; i < c->n_servers; i++)
        ip_str(c->servers[i].ip, r->names[i], sizeof r->names[i]);
    proto_status st = PROTO_OK;
    r->rh = rc_new();
    if (!r->rh)
        st = proto_fail(err, PROTO_ENOSPC, 0, "radius", "radcli: no memory");
    if (st == PROTO_OK)
        st = configure(a, r, err);
    int fds[2];
    if (st == PROTO_OK && pipe(fds) != 0)
        st = proto_fail(err, PROTO_EIO, 0, "radius", "pipe: %s", strerror(errno));
    for (int i = 0; st == PROTO_OK && i < 2; i++) {
        /* Neither end may block: the loop drains, the worker only signals. */
        (void)fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        (void)fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    if (st == PROTO_OK) {
        r->pipe_rd = fds[0];
        r->pipe_wr = fds[1];
        pthread_mutex_init(&r->mu, NULL);
        pthread_cond_init(&r->cv, NULL);
        if (pthread_create(&r->worker, NULL, worker_main, r) != 0)
            st = proto_fail(err, PROTO_ENOSPC, 0, "radius", "cannot start the RADIUS worker");
        else
            r->worker_running = true;
    }
    if (st != PROTO_OK) {
        aaa_radius_close(r);
        return st;
    }
    *out = r;
    return PROTO_OK;
}

void aaa_radius_close(struct aaa_radius *r)
{
    if (!r)
        return;
    if (r->worker_running) {
        pthread_mutex_lock(&r->mu);
        r->stop = true;
        pthread_cond_signal(&r->cv);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->worker, NULL);
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
    }
    /* Completions never run now: their owners are being freed too. */
    for (struct aaa_radius_req *q = r->done, *n; q; q = n) {
        n = q->next;
        req_free(q);
    }
    if (r->pipe_rd >= 0)
        close(r->pipe_rd);
    if (r->pipe_wr >= 0)
        close(r->pipe_wr);
    if (r->rh)
        rc_destroy(r->rh);
    free(r);
}

struct aaa_radius_req *aaa_radius_req_new(struct aaa *a, bool acct)
{
    struct aaa_radius_req *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->acct = acct;
    q->id = a->next_id++;
    return q;
}

void aaa_radius_submit(struct aaa *a, struct aaa_radius_req *q)
{
    struct aaa_radius *r = a->radius;
    char where[32];
    aaa_radius_log_request(a, q, aaa_radius_server_name(r, 0, q->acct, where, sizeof where));
    r->in_flight++;
    pthread_mutex_lock(&r->mu);
    q->next = NULL;
    *r->queue_tail = q;
    r->queue_tail = &q->next;
    pthread_cond_signal(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

size_t aaa_radius_poll(struct aaa *a)
{
    struct aaa_radius *r = a->radius;
    if (!r)
        return 0;
    char buf[64];
    while (read(r->pipe_rd, buf, sizeof buf) > 0)
        ;
    size_t n = 0;
    for (;;) {
        /* One at a time: a completion may cancel requests still on the
         * done list (its call goes away), which must then not run. */
        pthread_mutex_lock(&r->mu);
        struct aaa_radius_req *q = r->done;
        if (q) {
            r->done = q->next;
            if (!r->done)
                r->done_tail = &r->done;
        }
        pthread_mutex_unlock(&r->mu);
        if (!q)
            break;
        r->in_flight--;
        if (!q->cancelled) {
            aaa_radius_log_answer(a, q);
            if (q->done)
                q->done(a, q);
            n++;
        }
        req_free(q);
    }
    return n;
}

/* The owner goes away: its requests still in the queue are not sent, and
 * no completion runs for any of them. The front's state is freed now. */
void aaa_radius_cancel(struct aaa *a, void *owner)
{
    struct aaa_radius *r = a->radius;
    if (!r || !owner)
        return;
    struct aaa_radius_req *lists[3];
    pthread_mutex_lock(&r->mu);
    lists[0] = r->queue;
    lists[1] = r->sending;
    lists[2] = r->done;
    for (size_t l = 0; l < 3; l++)
        for (struct aaa_radius_req *q = lists[l]; q; q = l == 1 ? NULL : q->next)
            if (q->owner == owner && !q->cancelled) {
                q->cancelled = true;
                if (q->drop && q->op)
                    q->drop(q->op);
                q->op = NULL;
            }
    pthread_mutex_unlock(&r->mu);
}
