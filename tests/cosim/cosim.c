/* Lockstep co-simulation core: see cosim.h. */
#include "cosim.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What one now() ... now() pair measures with nothing between: subtracted
 * from every engine call, or the clock's own cost (tens of ns) would swamp a
 * C model that needs about as long per cycle. */
static double timer_overhead(void)
{
    enum { N = 20000 };
    double best = 1.0;
    for (int round = 0; round < 5; round++) {
        double t0 = now(), t1 = t0;
        for (int i = 0; i < N; i++)
            t1 = now();
        double per = (t1 - t0) / N;
        best = per < best ? per : best;
    }
    return best;
}

static unsigned port_words(const struct cosim_port *p)
{
    return (p->width + 31) / 32;
}

static uint64_t width_mask(unsigned width)
{
    return width >= 64 ? UINT64_MAX : (UINT64_C(1) << width) - 1;
}

uint64_t cosim_port_value(const struct cosim_port *p, const void *io)
{
    const unsigned char *base = (const unsigned char *)io + p->offset;
    if (!p->wide) {
        uint64_t v;
        memcpy(&v, base, sizeof v);
        return v & width_mask(p->width);
    }
    uint32_t w[2] = {0, 0};
    memcpy(w, base, (port_words(p) > 1 ? 2 : 1) * sizeof(uint32_t));
    uint64_t v = ((uint64_t)w[1] << 32) | w[0];
    return p->width < 64 ? v & width_mask(p->width) : v;
}

/* Clears the bits above the port's width, as a Verilated model expects of
 * its inputs (and so that a model's stray high bits do not count). */
static void mask_port(const struct cosim_port *p, void *io)
{
    unsigned char *base = (unsigned char *)io + p->offset;
    if (!p->wide) {
        uint64_t v;
        memcpy(&v, base, sizeof v);
        v &= width_mask(p->width);
        memcpy(base, &v, sizeof v);
        return;
    }
    unsigned words = port_words(p);
    unsigned top_bits = p->width - 32 * (words - 1);
    uint32_t top;
    memcpy(&top, base + 4 * (words - 1), sizeof top);
    top &= (uint32_t)width_mask(top_bits);
    memcpy(base + 4 * (words - 1), &top, sizeof top);
}

static bool port_equal(const struct cosim_port *p, const void *a, const void *b)
{
    const unsigned char *pa = (const unsigned char *)a + p->offset;
    const unsigned char *pb = (const unsigned char *)b + p->offset;
    return memcmp(pa, pb, p->wide ? port_words(p) * sizeof(uint32_t) : sizeof(uint64_t)) == 0;
}

static void print_value(FILE *f, const struct cosim_port *p, const void *io)
{
    const unsigned char *base = (const unsigned char *)io + p->offset;
    if (!p->wide) {
        fprintf(f, "0x%0*llx", (int)((p->width + 3) / 4),
                (unsigned long long)cosim_port_value(p, io));
        return;
    }
    fputs("0x", f);
    for (unsigned i = port_words(p); i-- > 0;) {
        uint32_t w;
        memcpy(&w, base + 4 * i, sizeof w);
        fprintf(f, "%08lx", (unsigned long)w);
    }
}

static void print_ports(FILE *f, const struct cosim_block *b, const void *io, enum cosim_dir dir)
{
    for (size_t i = 0; i < b->n_ports; i++) {
        if (b->ports[i].dir != dir)
            continue;
        fprintf(f, " %s=", b->ports[i].name);
        print_value(f, &b->ports[i], io);
    }
}

static unsigned char *history_slot(const struct cosim *c, uint64_t cycle, size_t engine)
{
    size_t slot = (size_t)(cycle % COSIM_HISTORY);
    return c->history + (slot * c->n_engines + engine) * c->block->io_size;
}

bool cosim_init(struct cosim *c, const struct cosim_block *block,
                const struct cosim_engine_ops *const *ops, size_t n_engines, FILE *log)
{
    memset(c, 0, sizeof *c);
    c->block = block;
    c->log = log ? log : stderr;
    if (n_engines == 0 || n_engines > COSIM_MAX_ENGINES) {
        fprintf(c->log, "cosim %s: %zu engines (1..%d allowed)\n", block->name, n_engines,
                COSIM_MAX_ENGINES);
        return false;
    }
    for (size_t i = 0; i < block->n_ports; i++) {
        const struct cosim_port *p = &block->ports[i];
        if (p->width == 0 || (!p->wide && p->width > 64)) {
            fprintf(c->log, "cosim %s: port %s: width %u needs COSIM_WIDE\n", block->name,
                    p->name, p->width);
            return false;
        }
    }
    c->timer_overhead = timer_overhead();
    c->in = calloc(1, block->io_size);
    c->history = calloc(COSIM_HISTORY * n_engines, block->io_size);
    if (!c->in || !c->history) {
        fprintf(c->log, "cosim %s: out of memory\n", block->name);
        cosim_free(c);
        return false;
    }
    for (size_t e = 0; e < n_engines; e++) {
        c->engine[e].ops = ops[e];
        c->engine[e].io = calloc(1, block->io_size);
        c->engine[e].impl = ops[e]->create();
        c->n_engines = e + 1;
        if (!c->engine[e].io || !c->engine[e].impl) {
            fprintf(c->log, "cosim %s: cannot create engine %s\n", block->name, ops[e]->name);
            cosim_free(c);
            return false;
        }
    }
    return true;
}

void cosim_free(struct cosim *c)
{
    for (size_t e = 0; e < c->n_engines; e++) {
        if (c->engine[e].impl)
            c->engine[e].ops->destroy(c->engine[e].impl);
        free(c->engine[e].io);
    }
    free(c->in);
    free(c->history);
    memset(c, 0, sizeof *c);
}

void *cosim_inputs(struct cosim *c)
{
    return c->in;
}

const void *cosim_outputs(const struct cosim *c)
{
    return c->engine[0].io;
}

static void print_mismatch(const struct cosim *c)
{
    const struct cosim_block *b = c->block;
    const char *n0 = c->engine[0].ops->name, *n1 = c->engine[1].ops->name;
    const unsigned char *io0 = c->engine[0].io, *io1 = c->engine[1].io;
    for (size_t i = 0; i < b->n_ports; i++) {
        const struct cosim_port *p = &b->ports[i];
        if (p->dir != COSIM_OUT || port_equal(p, io0, io1))
            continue;
        fprintf(c->log, "cycle %llu: %s %s=", (unsigned long long)c->cycle, p->name, n0);
        print_value(c->log, p, io0);
        fprintf(c->log, " %s=", n1);
        print_value(c->log, p, io1);
        fputc('\n', c->log);
    }
    uint64_t first = c->cycle >= COSIM_HISTORY - 1 ? c->cycle - (COSIM_HISTORY - 1) : 0;
    fprintf(c->log, "%s: last %llu cycles:\n", b->name,
            (unsigned long long)(c->cycle - first + 1));
    for (uint64_t cy = first; cy <= c->cycle; cy++) {
        fprintf(c->log, "  cycle %llu in:", (unsigned long long)cy);
        print_ports(c->log, b, history_slot(c, cy, 0), COSIM_IN);
        fputc('\n', c->log);
        for (size_t e = 0; e < c->n_engines; e++) {
            fprintf(c->log, "  %*s %s:", (int)strlen("cycle") + 1, "", c->engine[e].ops->name);
            print_ports(c->log, b, history_slot(c, cy, e), COSIM_OUT);
            fputc('\n', c->log);
        }
    }
}

bool cosim_eval(struct cosim *c)
{
    const struct cosim_block *b = c->block;
    for (size_t i = 0; i < b->n_ports; i++)
        if (b->ports[i].dir == COSIM_IN)
            mask_port(&b->ports[i], c->in);
    for (size_t e = 0; e < c->n_engines; e++) {
        struct cosim_engine *en = &c->engine[e];
        /* Outputs start as a poison pattern: an engine that forgets to drive
         * one cannot agree with the other by accident. */
        memcpy(en->io, c->in, b->io_size);
        for (size_t i = 0; i < b->n_ports; i++)
            if (b->ports[i].dir == COSIM_OUT)
                memset(en->io + b->ports[i].offset, 0xA5 + (int)e,
                       b->ports[i].wide ? port_words(&b->ports[i]) * 4 : 8);
        double t0 = now();
        en->ops->eval(en->impl, en->io);
        en->seconds += now() - t0 - c->timer_overhead;
        for (size_t i = 0; i < b->n_ports; i++)
            if (b->ports[i].dir == COSIM_OUT)
                mask_port(&b->ports[i], en->io);
        memcpy(history_slot(c, c->cycle, e), en->io, b->io_size);
    }
    for (size_t e = 1; e < c->n_engines; e++) {
        for (size_t i = 0; i < b->n_ports; i++) {
            const struct cosim_port *p = &b->ports[i];
            if (p->dir == COSIM_OUT && !port_equal(p, c->engine[0].io, c->engine[e].io)) {
                print_mismatch(c);
                c->failed = true;
                return false;
            }
        }
    }
    return true;
}

void cosim_tick(struct cosim *c)
{
    for (size_t e = 0; e < c->n_engines; e++) {
        double t0 = now();
        c->engine[e].ops->tick(c->engine[e].impl);
        c->engine[e].seconds += now() - t0 - c->timer_overhead;
    }
    c->cycle++;
}

static uint64_t chaos_rand(uint64_t *state)
{
    uint64_t x = *state ? *state : 0x9E3779B97F4A7C15u;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Du;
}

bool cosim_chaos(struct cosim *c, uint64_t cycles, uint64_t *rng, unsigned rst_per_mille)
{
    const struct cosim_block *b = c->block;
    for (uint64_t n = 0; n < cycles; n++) {
        for (size_t i = 0; i < b->n_ports; i++) {
            const struct cosim_port *p = &b->ports[i];
            if (p->dir != COSIM_IN)
                continue;
            unsigned char *base = c->in + p->offset;
            if (!strcmp(p->name, "rst")) {
                uint64_t v = chaos_rand(rng) % 1000 < rst_per_mille;
                memcpy(base, &v, sizeof v);
            } else if (!p->wide) {
                uint64_t v = chaos_rand(rng);
                memcpy(base, &v, sizeof v);
            } else {
                for (unsigned w = 0; w < port_words(p); w++) {
                    uint32_t v = (uint32_t)chaos_rand(rng);
                    memcpy(base + 4 * w, &v, sizeof v);
                }
            }
        }
        if (!cosim_eval(c))
            return false;
        cosim_tick(c);
    }
    return true;
}

double cosim_engine_speed(const struct cosim *c, size_t engine)
{
    if (engine >= c->n_engines || c->engine[engine].seconds <= 0)
        return 0;
    return (double)c->cycle / c->engine[engine].seconds;
}

void cosim_print_speed(const struct cosim *c, FILE *f)
{
    for (size_t e = 0; e < c->n_engines; e++)
        fprintf(f, "%s %s: %llu cycles in %.3f s, %.0f cycles/s\n", c->block->name,
                c->engine[e].ops->name, (unsigned long long)c->cycle, c->engine[e].seconds,
                cosim_engine_speed(c, e));
    if (c->n_engines == 2 && cosim_engine_speed(c, 0) > 0)
        fprintf(f, "%s speed ratio %s/%s: %.1f\n", c->block->name, c->engine[1].ops->name,
                c->engine[0].ops->name, cosim_engine_speed(c, 1) / cosim_engine_speed(c, 0));
}
