/* cardsim's clocked loop around one engine (cardsim_sim.h). Streams follow
 * valid/ready (hw/ARCHITECTURE.md "Conventions"): a beat offered is held
 * unchanged until taken, gaps are drawn only between beats, and NET-width
 * beats are packed (octet i in tdata[8i+7:8i], the last beat's octets in the
 * low lanes, tkeep set for each). */
#include "cardsim_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cosim_args.h"

const struct cardsim_engine_desc *cardsim_engine_lookup(const char *name, unsigned data_w,
                                                        bool trace)
{
    for (size_t i = 0; i < cardsim_n_engines; i++) {
        const struct cardsim_engine_desc *e = &cardsim_engines[i];
        if (strcmp(e->name, name) == 0 && e->data_w == data_w && e->trace == trace)
            return e;
    }
    return NULL;
}

/* Port names of hw/l2tp_card_core.sv (hw/ARCHITECTURE.md "Ports of the
 * top"). */
#define N(...) ((const char *const[]){__VA_ARGS__, NULL})

static bool find_ports(struct cardsim_sim *s, char *msg, size_t cap)
{
    const struct cosim_block *b = s->eng->block();
    struct cardsim_ports *p = &s->p;
    struct {
        struct cardsim_port *port;
        const char *const *names;
        bool required;
    } want[] = {
        {&p->rst, N("rst"), true},
        {&p->s_net_tdata, N("s_net_tdata"), true},
        {&p->s_net_tkeep, N("s_net_tkeep"), true},
        {&p->s_net_tvalid, N("s_net_tvalid"), true},
        {&p->s_net_tready, N("s_net_tready"), true},
        {&p->s_net_tlast, N("s_net_tlast"), true},
        {&p->m_net_tdata, N("m_net_tdata"), true},
        {&p->m_net_tkeep, N("m_net_tkeep"), true},
        {&p->m_net_tvalid, N("m_net_tvalid"), true},
        {&p->m_net_tready, N("m_net_tready"), true},
        {&p->m_net_tlast, N("m_net_tlast"), true},
        {&p->s_acc_tdata, N("s_acc_tdata"), true},
        {&p->s_acc_tvalid, N("s_acc_tvalid"), true},
        {&p->s_acc_tready, N("s_acc_tready"), true},
        {&p->m_acc_tdata, N("m_acc_tdata"), true},
        {&p->m_acc_tvalid, N("m_acc_tvalid"), true},
        {&p->m_acc_tready, N("m_acc_tready"), true},
        {&p->m_punt_tdata, N("m_punt_tdata"), true},
        {&p->m_punt_tkeep, N("m_punt_tkeep"), true},
        {&p->m_punt_tvalid, N("m_punt_tvalid"), true},
        {&p->m_punt_tready, N("m_punt_tready"), true},
        {&p->m_punt_tlast, N("m_punt_tlast"), true},
        {&p->m_punt_reason, N("m_punt_tuser_reason"), true},
        {&p->m_punt_session, N("m_punt_tuser_session"), true},
        {&p->m_punt_channel, N("m_punt_tuser_channel"), true},
        {&p->m_punt_kind, N("m_punt_tuser_kind"), true},
        {&p->s_inj_tdata, N("s_inject_tdata"), true},
        {&p->s_inj_tkeep, N("s_inject_tkeep"), true},
        {&p->s_inj_tvalid, N("s_inject_tvalid"), true},
        {&p->s_inj_tready, N("s_inject_tready"), true},
        {&p->s_inj_tlast, N("s_inject_tlast"), true},
        {&p->s_inj_kind, N("s_inject_tuser_kind"), true},
        {&p->s_inj_target, N("s_inject_tuser_target"), true},
        {&p->s_inj_len, N("s_inject_tuser_len"), true},
        {&p->reg_wr_en, N("reg_wr_en"), true},
        {&p->reg_rd_en, N("reg_rd_en"), true},
        {&p->reg_addr, N("reg_addr"), true},
        {&p->reg_wdata, N("reg_wdata"), true},
        {&p->reg_rdata, N("reg_rdata"), true},
        {&p->reg_rd_valid, N("reg_rd_valid"), true},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!cardsim_port_find(b, want[i].names, want[i].port) && want[i].required) {
            snprintf(msg, cap, "engine %s: the card has no port %s", s->eng->name,
                     want[i].names[0]);
            return false;
        }
    s->n_ch = p->s_acc_tvalid.width;
    if (p->s_acc_tdata.width != 8 * s->n_ch || p->m_acc_tvalid.width != s->n_ch ||
        p->s_net_tdata.width != 8 * s->eng->data_w || p->s_net_tkeep.width != s->eng->data_w) {
        snprintf(msg, cap,
                 "engine %s: port widths disagree (s_acc_tvalid %u, s_acc_tdata %u, "
                 "s_net_tdata %u for DATA_W %u)",
                 s->eng->name, p->s_acc_tvalid.width, p->s_acc_tdata.width,
                 p->s_net_tdata.width, s->eng->data_w);
        return false;
    }
    s->data_w = s->eng->data_w;
    return true;
}

bool cardsim_sim_open(struct cardsim_sim *s, const struct cardsim_engine_desc *eng,
                      uint64_t seed, char *msg, size_t cap)
{
    memset(s, 0, sizeof *s);
    s->eng = eng;
    s->rng = seed ? seed : 1;
    if (!find_ports(s, msg, cap))
        return false;
    s->io = calloc(1, eng->block()->io_size);
    s->acc_in = calloc(s->n_ch, sizeof *s->acc_in);
    s->acc_out = calloc(s->n_ch, sizeof *s->acc_out);
    s->impl = s->io && s->acc_in && s->acc_out ? eng->ops->create() : NULL;
    if (!s->impl) {
        snprintf(msg, cap, "engine %s: cannot create it (out of memory)", eng->name);
        cardsim_sim_close(s);
        return false;
    }
    return true;
}

static void queue_free(struct cardsim_queue *q)
{
    for (size_t i = 0; i < q->n; i++)
        free(q->v[i].data);
    free(q->v);
    memset(q, 0, sizeof *q);
}

void cardsim_sim_close(struct cardsim_sim *s)
{
    if (s->impl)
        s->eng->ops->destroy(s->impl);
    queue_free(&s->net_in);
    queue_free(&s->inj_in);
    queue_free(&s->net_out);
    queue_free(&s->punt_out);
    free(s->net_cur.data);
    free(s->punt_cur.data);
    for (unsigned c = 0; s->acc_in && c < s->n_ch; c++)
        free(s->acc_in[c].data);
    for (unsigned c = 0; s->acc_out && c < s->n_ch; c++)
        free(s->acc_out[c].data);
    free(s->acc_in);
    free(s->acc_out);
    free(s->io);
    memset(s, 0, sizeof *s);
}

static bool octets_append(struct cardsim_octets *o, const uint8_t *d, size_t n)
{
    if (o->len + n > o->cap) {
        size_t nc = o->cap ? o->cap : 256;
        while (nc < o->len + n)
            nc *= 2;
        uint8_t *nd = realloc(o->data, nc);
        if (!nd)
            return false;
        o->data = nd;
        o->cap = nc;
    }
    memcpy(o->data + o->len, d, n);
    o->len += n;
    return true;
}

static bool frame_append(struct cardsim_frame *f, const uint8_t *d, size_t n)
{
    uint8_t *nd = realloc(f->data, f->len + n ? f->len + n : 1);
    if (!nd)
        return false;
    f->data = nd;
    memcpy(f->data + f->len, d, n);
    f->len += n;
    return true;
}

static struct cardsim_frame *queue_push(struct cardsim_queue *q)
{
    if (q->n == q->cap) {
        size_t nc = q->cap ? 2 * q->cap : 16;
        struct cardsim_frame *nv = realloc(q->v, nc * sizeof *nv);
        if (!nv)
            return NULL;
        q->v = nv;
        q->cap = nc;
    }
    struct cardsim_frame *f = &q->v[q->n++];
    memset(f, 0, sizeof *f);
    return f;
}

static bool queue_frame(struct cardsim_queue *q, const uint8_t *d, size_t len,
                        struct cardsim_frame **out)
{
    if (len == 0)
        return false;
    struct cardsim_frame *f = queue_push(q);
    if (!f)
        return false;
    f->data = malloc(len);
    if (!f->data) {
        q->n--;
        return false;
    }
    memcpy(f->data, d, len);
    f->len = len;
    if (out)
        *out = f;
    return true;
}

bool cardsim_sim_net_in(struct cardsim_sim *s, const uint8_t *frame, size_t len)
{
    return queue_frame(&s->net_in, frame, len, NULL);
}

bool cardsim_sim_inject(struct cardsim_sim *s, enum cardsim_inject_kind kind, uint16_t target,
                        const uint8_t *frame, size_t len)
{
    struct cardsim_frame *f;
    if (!queue_frame(&s->inj_in, frame, len, &f))
        return false;
    f->kind = kind;
    f->target = target;
    return true;
}

bool cardsim_sim_acc_in(struct cardsim_sim *s, unsigned ch, const uint8_t *octets, size_t len)
{
    return ch < s->n_ch && octets_append(&s->acc_in[ch], octets, len);
}

bool cardsim_sim_input_pending(const struct cardsim_sim *s)
{
    if (s->net_in.head < s->net_in.n || s->inj_in.head < s->inj_in.n)
        return true;
    for (unsigned c = 0; c < s->n_ch; c++)
        if (s->acc_in[c].pos < s->acc_in[c].len)
            return true;
    return false;
}

/* A packed NET-width beat of frame f from octet pos onto (tdata, tkeep,
 * tlast); returns the octets in it. */
static size_t drive_beat(struct cardsim_sim *s, const struct cardsim_frame *f, size_t pos,
                         const struct cardsim_port *data, const struct cardsim_port *keep,
                         const struct cardsim_port *last)
{
    size_t n = f->len - pos < s->data_w ? f->len - pos : s->data_w;
    for (unsigned i = 0; i < s->data_w; i++)
        cardsim_port_set(data, s->io, 8 * i, 8, i < n ? f->data[pos + i] : 0);
    cardsim_set(keep, s->io, n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1);
    cardsim_set(last, s->io, pos + n == f->len);
    return n;
}

static bool gap(struct cardsim_sim *s)
{
    return s->gap_pct && cosim_chance(&s->rng, s->gap_pct);
}

static bool stall(struct cardsim_sim *s)
{
    return s->bp_pct && cosim_chance(&s->rng, s->bp_pct);
}

static void drive_inputs(struct cardsim_sim *s)
{
    struct cardsim_ports *p = &s->p;
    /* NET in: a beat stays offered until taken. */
    struct cardsim_queue *q = &s->net_in;
    if (!q->offered && s->traffic && q->head < q->n && !gap(s))
        q->offered = true;
    if (q->offered)
        drive_beat(s, &q->v[q->head], q->pos, &p->s_net_tdata, &p->s_net_tkeep, &p->s_net_tlast);
    cardsim_set(&p->s_net_tvalid, s->io, q->offered);
    /* Host inject, with its kind and target on every beat. */
    q = &s->inj_in;
    if (!q->offered && s->traffic && q->head < q->n && !gap(s))
        q->offered = true;
    if (q->offered) {
        const struct cardsim_frame *f = &q->v[q->head];
        drive_beat(s, f, q->pos, &p->s_inj_tdata, &p->s_inj_tkeep, &p->s_inj_tlast);
        cardsim_set(&p->s_inj_kind, s->io, f->kind);
        cardsim_set(&p->s_inj_target, s->io, f->target);
        cardsim_set(&p->s_inj_len, s->io, f->len);
    }
    cardsim_set(&p->s_inj_tvalid, s->io, q->offered);
    /* ACCESS in: one octet per channel. */
    for (unsigned c = 0; c < s->n_ch; c++) {
        struct cardsim_octets *o = &s->acc_in[c];
        if (!o->offered && s->traffic && o->pos < o->len && !gap(s))
            o->offered = true;
        cardsim_port_set(&p->s_acc_tvalid, s->io, c, 1, o->offered);
        cardsim_port_set(&p->s_acc_tdata, s->io, 8 * c, 8, o->offered ? o->data[o->pos] : 0);
    }
    /* Outputs: ready unless backpressure is drawn (and never while the card
     * is being programmed, so nothing leaves uncounted). */
    cardsim_set(&p->m_net_tready, s->io, s->traffic && !stall(s));
    cardsim_set(&p->m_punt_tready, s->io, s->traffic && !stall(s));
    for (unsigned c = 0; c < s->n_ch; c++)
        cardsim_port_set(&p->m_acc_tready, s->io, c, 1, s->traffic && !stall(s));
}

/* Octets of a packed output beat, by its tkeep. */
static size_t take_beat(struct cardsim_sim *s, const struct cardsim_port *data,
                        const struct cardsim_port *keep, uint8_t *out)
{
    uint64_t k = cardsim_get(keep, s->io);
    size_t n = 0;
    for (unsigned i = 0; i < s->data_w; i++)
        if (k >> i & 1)
            out[n++] = (uint8_t)cardsim_port_get(data, s->io, 8 * i, 8);
    return n;
}

static void take_outputs(struct cardsim_sim *s)
{
    struct cardsim_ports *p = &s->p;
    uint8_t beat[64];
    bool moved = false;
    /* Inputs taken. */
    struct cardsim_queue *q = &s->net_in;
    if (q->offered && cardsim_get(&p->s_net_tready, s->io)) {
        struct cardsim_frame *f = &q->v[q->head];
        size_t n = f->len - q->pos < s->data_w ? f->len - q->pos : s->data_w;
        if (q->pos == 0)
            f->first_cycle = s->cycle;
        q->pos += n;
        s->c.net_in_octets += n;
        q->offered = false;
        moved = true;
        if (q->pos == f->len) {
            f->last_cycle = s->cycle;
            q->head++;
            q->pos = 0;
            s->c.net_in_frames++;
        }
    }
    q = &s->inj_in;
    if (q->offered && cardsim_get(&p->s_inj_tready, s->io)) {
        struct cardsim_frame *f = &q->v[q->head];
        size_t n = f->len - q->pos < s->data_w ? f->len - q->pos : s->data_w;
        if (q->pos == 0)
            f->first_cycle = s->cycle;
        q->pos += n;
        s->c.inj_octets += n;
        q->offered = false;
        moved = true;
        if (q->pos == f->len) {
            f->last_cycle = s->cycle;
            q->head++;
            q->pos = 0;
            s->c.inj_frames++;
        }
    }
    for (unsigned c = 0; c < s->n_ch; c++) {
        struct cardsim_octets *o = &s->acc_in[c];
        if (o->offered && cardsim_port_get(&p->s_acc_tready, s->io, c, 1)) {
            if (o->pos == 0)
                o->first_cycle = s->cycle;
            o->last_cycle = s->cycle;
            o->pos++;
            o->offered = false;
            s->c.acc_in_octets++;
            moved = true;
        }
    }
    /* Outputs moved. */
    if (cardsim_get(&p->m_net_tvalid, s->io) && cardsim_get(&p->m_net_tready, s->io)) {
        size_t n = take_beat(s, &p->m_net_tdata, &p->m_net_tkeep, beat);
        if (s->net_cur.len == 0)
            s->net_cur.first_cycle = s->cycle;
        if (!frame_append(&s->net_cur, beat, n))
            s->oom = true;
        s->c.net_out_octets += n;
        moved = true;
        if (cardsim_get(&p->m_net_tlast, s->io)) {
            s->net_cur.last_cycle = s->cycle;
            struct cardsim_frame *f = queue_push(&s->net_out);
            if (f) {
                *f = s->net_cur;
                memset(&s->net_cur, 0, sizeof s->net_cur);
            } else {
                s->oom = true;
            }
            s->c.net_out_frames++;
        }
    }
    if (cardsim_get(&p->m_punt_tvalid, s->io) && cardsim_get(&p->m_punt_tready, s->io)) {
        size_t n = take_beat(s, &p->m_punt_tdata, &p->m_punt_tkeep, beat);
        if (s->punt_cur.len == 0) {
            s->punt_cur.first_cycle = s->cycle;
            s->punt_cur.punt.reason = (uint8_t)cardsim_get(&p->m_punt_reason, s->io);
            s->punt_cur.punt.session = (uint16_t)cardsim_get(&p->m_punt_session, s->io);
            s->punt_cur.punt.channel = (uint8_t)cardsim_get(&p->m_punt_channel, s->io);
            /* The core's DISPATCH_PUNT_KIND_* as they are: CARD_PUNT_KIND_*
             * (hw/regmap.md "Punt reasons"). */
            s->punt_cur.punt.kind = (uint8_t)cardsim_get(&p->m_punt_kind, s->io);
        }
        if (!frame_append(&s->punt_cur, beat, n))
            s->oom = true;
        s->c.punt_octets += n;
        moved = true;
        if (cardsim_get(&p->m_punt_tlast, s->io)) {
            s->punt_cur.last_cycle = s->cycle;
            struct cardsim_frame *f = queue_push(&s->punt_out);
            if (f) {
                *f = s->punt_cur;
                memset(&s->punt_cur, 0, sizeof s->punt_cur);
            } else {
                s->oom = true;
            }
            s->c.punt_frames++;
        }
    }
    for (unsigned c = 0; c < s->n_ch; c++)
        if (cardsim_port_get(&p->m_acc_tvalid, s->io, c, 1) &&
            cardsim_port_get(&p->m_acc_tready, s->io, c, 1)) {
            uint8_t o = (uint8_t)cardsim_port_get(&p->m_acc_tdata, s->io, 8 * c, 8);
            struct cardsim_octets *out = &s->acc_out[c];
            if (out->len == 0)
                out->first_cycle = s->cycle;
            out->last_cycle = s->cycle;
            if (!octets_append(out, &o, 1))
                s->oom = true;
            s->c.acc_out_octets++;
            moved = true;
        }
    if (cardsim_get(&p->reg_rd_valid, s->io)) {
        s->rdata = (uint32_t)cardsim_get(&p->reg_rdata, s->io);
        s->rdata_valid = true;
    }
    if (moved)
        s->last_activity = s->cycle;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cardsim_sim_cycle(struct cardsim_sim *s)
{
    drive_inputs(s);
    double t0 = now();
    s->eng->ops->eval(s->impl, s->io);
    double t1 = now();
    take_outputs(s);
    double t2 = now();
    s->eng->ops->tick(s->impl);
    s->seconds += (t1 - t0) + (now() - t2);
    s->cycle++;
}

void cardsim_sim_reset(struct cardsim_sim *s, unsigned n)
{
    cardsim_set(&s->p.rst, s->io, 1);
    for (unsigned i = 0; i < n; i++)
        cardsim_sim_cycle(s);
    cardsim_set(&s->p.rst, s->io, 0);
}

void cardsim_sim_reg_write(struct cardsim_sim *s, uint32_t addr, uint32_t val)
{
    cardsim_set(&s->p.reg_wr_en, s->io, 1);
    cardsim_set(&s->p.reg_addr, s->io, addr);
    cardsim_set(&s->p.reg_wdata, s->io, val);
    cardsim_sim_cycle(s);
    cardsim_set(&s->p.reg_wr_en, s->io, 0);
}

uint32_t cardsim_sim_reg_read(struct cardsim_sim *s, uint32_t addr)
{
    /* reg_rd_en in cycle t, data with reg_rd_valid in t+1. */
    cardsim_set(&s->p.reg_rd_en, s->io, 1);
    cardsim_set(&s->p.reg_addr, s->io, addr);
    cardsim_sim_cycle(s);
    cardsim_set(&s->p.reg_rd_en, s->io, 0);
    s->rdata_valid = false;
    s->rdata = 0;
    cardsim_sim_cycle(s);
    return s->rdata_valid ? s->rdata : 0;
}

uint64_t cardsim_sim_run(struct cardsim_sim *s, uint64_t idle_cycles, uint64_t max_cycles)
{
    uint64_t start = s->cycle;
    s->traffic = true;
    s->last_activity = s->cycle;
    s->stalled = false;
    while (max_cycles == 0 || s->cycle - start < max_cycles) {
        cardsim_sim_cycle(s);
        uint64_t quiet = s->cycle - s->last_activity;
        if (s->oom || (quiet > idle_cycles && !cardsim_sim_input_pending(s)))
            break;
        /* Input waiting and nothing moving for that long: the card is
         * stuck, and waiting longer would never end. */
        if (quiet > CARDSIM_STALL_FACTOR * idle_cycles + CARDSIM_STALL_MIN) {
            s->stalled = true;
            break;
        }
    }
    return s->cycle - start;
}
