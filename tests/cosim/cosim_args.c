/* See cosim_args.h. */
#include "cosim_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || s[0] == '-')
        return false;
    *out = v;
    return true;
}

bool cosim_args_parse(struct cosim_args *a, int argc, char **argv, uint64_t default_cycles)
{
    *a = (struct cosim_args){.seed = 1, .cycles = default_cycles};
    const char *env = getenv("COSIM_SEED");
    if (env && *env && !parse_u64(env, &a->seed)) {
        fprintf(stderr, "COSIM_SEED: not a number: %s\n", env);
        return false;
    }
    env = getenv("COSIM_CYCLES");
    if (env && *env && !parse_u64(env, &a->cycles)) {
        fprintf(stderr, "COSIM_CYCLES: not a number: %s\n", env);
        return false;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc && parse_u64(argv[i + 1], &a->seed)) {
            i++;
        } else if (!strcmp(argv[i], "--cycles") && i + 1 < argc &&
                   parse_u64(argv[i + 1], &a->cycles)) {
            i++;
        } else if (!strcmp(argv[i], "--model-only")) {
            a->model_only = true;
        } else {
            fprintf(stderr, "usage: %s [--seed N] [--cycles N] [--model-only]\n", argv[0]);
            return false;
        }
    }
    return true;
}

uint64_t cosim_rand(uint64_t *state)
{
    uint64_t x = *state ? *state : 0x9E3779B97F4A7C15u;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Du;
}

bool cosim_chance(uint64_t *state, unsigned pct)
{
    return cosim_rand(state) % 100 < pct;
}

uint64_t cosim_range(uint64_t *state, uint64_t lo, uint64_t hi)
{
    return lo + cosim_rand(state) % (hi - lo + 1);
}
