/* Scenario files: one command a line (commands.c, commands_sim.c), `#`
 * comments. Every line runs in order on the virtual clock; a failed check
 * or a command error counts as a failure, with the file and line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "l2tpd.h"

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
    fclose(f);
    return (int)d->failures;
}
