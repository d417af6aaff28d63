/* Scenario files: one command a line (commands.c, commands_sim.c), `#`
 * comments. Every line runs in order on the virtual clock; a failed check
 * or a command error counts as a failure, with the file and line.
 * `for A..B STEP` runs STEP once for each number A..B in turn, every `{}`
 * in it replaced by the number (thousands of users in a few lines);
 * `burst A..B STEP` the same, but all at the same instant: each STEP only
 * queues its frames, which then move together (thousands of users dialing
 * at once, not one after the other). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "l2tpd.h"

static void run_line(struct l2tpd *d, const char *path, unsigned lineno, const char *s)
{
    struct l2tpd_out out = {0};
    unsigned before = d->failures;
    int rc = l2tpd_command(d, s, &out);
    if (rc && d->failures == before) {
        d->failures++;
        printf("FAIL: %s:%u: %s: %s", path, lineno, s, out.len ? out.buf : "error\n");
    } else if (out.len) {
        if (rc)
            printf("%s:%u: ", path, lineno);
        fputs(out.buf, stdout);
    }
    out_free(&out);
}

/* "for A..B STEP": STEP with {} replaced by A, A+1, ..., B. Returns -1
 * (and counts a failure) when the line is not of that form. */
static int run_for(struct l2tpd *d, const char *path, unsigned lineno, const char *s)
{
    unsigned long a, b;
    int n = 0;
    char kw[8] = "";
    if (sscanf(s, "%7s %lu..%lu %n", kw, &a, &b, &n) != 3 || n == 0 || !s[n] || b < a ||
        b - a >= 1000000) {
        d->failures++;
        printf("FAIL: %s:%u: %s: expected '%s A..B STEP' (A <= B, at most 10^6 runs)\n", path,
               lineno, s, kw);
        return -1;
    }
    d->burst = !strcmp(kw, "burst");
    const char *step = s + n;
    for (unsigned long i = a; i <= b && !d->stop; i++) {
        char line[1024], num[24];
        size_t len = 0;
        snprintf(num, sizeof num, "%lu", i);
        for (const char *p = step; *p && len + sizeof num < sizeof line; p++) {
            if (p[0] == '{' && p[1] == '}') {
                len += (size_t)snprintf(line + len, sizeof line - len, "%s", num);
                p++;
            } else {
                line[len++] = *p;
            }
        }
        line[len] = '\0';
        run_line(d, path, lineno, line);
    }
    if (d->burst) {
        d->burst = false;
        l2tpd_advance(d, 0);
    }
    return 0;
}

int l2tpd_script(struct l2tpd *d, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "l2tpd: --script %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[1024];
    unsigned lineno = 0;
    while (!d->stop && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        const char *s = line + strspn(line, " \t");
        if (!*s || *s == '#')
            continue;
        if (!strncmp(s, "for ", 4) || !strncmp(s, "burst ", 6))
            (void)run_for(d, path, lineno, s);
        else
            run_line(d, path, lineno, s);
    }
    fclose(f);
    return (int)d->failures;
}
