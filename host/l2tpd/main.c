/* l2tpd: the L2TP LAC/LNS daemon on the offload card (issue 6).
 *   l2tpd -c lac.conf -o address=10.51.6.68 -c lns.conf -o address=10.51.6.82 --card soft \
 *         --script tests/scenarios/seed.scn --pcap build/demo/net.pcap
 * Bad configuration stops it before anything starts (file, line, key). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tpd.h"

static void l2tpd_free(struct l2tpd *d)
{
    users_free(d);
    for (size_t i = 0; i < d->n_inst; i++)
        l2tpd_instance_stop(&d->inst[i]);
    wire_free(&d->wire);
    timer_queue_free(&d->tq);
}

int main(int argc, char **argv)
{
    struct l2tpd *d = calloc(1, sizeof *d);
    if (!d) {
        fprintf(stderr, "l2tpd: out of memory\n");
        return 1;
    }
    char err[600];
    if (l2tpd_options_parse(argc, argv, &d->opt, err, sizeof err)) {
        bool help = !strcmp(err, "help");
        if (!help)
            fprintf(stderr, "l2tpd: %s\n", err);
        l2tpd_usage(help ? stdout : stderr);
        free(d);
        return help ? 0 : 2;
    }
    /* The clock: virtual in simulation, wall when --clock or a config asks
     * for it (read before anything arms a timer). */
    bool wall = d->opt.clock && !strcmp(d->opt.clock, "wall");
    for (size_t i = 0; !d->opt.clock && i < d->opt.n_inst; i++) {
        struct l2tpd_config c;
        struct config_error ce;
        if (config_load(d->opt.inst[i].file, &c, &ce) != PROTO_OK) {
            fprintf(stderr, "l2tpd: %s\n", config_error_format(&ce, err, sizeof err));
            free(d);
            return 1;
        }
        wall |= c.clock == CONFIG_CLOCK_WALL || c.wire.kind == CONFIG_WIRE_TAP;
        config_free(&c);
    }
    if (timer_queue_init(&d->tq, wall ? CLOCK_WALL : CLOCK_VIRTUAL) ||
        wire_init(d, d->opt.pcap, err, sizeof err)) {
        fprintf(stderr, "l2tpd: %s\n", err);
        free(d);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < d->opt.n_inst; i++) {
        d->n_inst = i + 1;
        if (l2tpd_instance_start(d, (int)i, err, sizeof err)) {
            fprintf(stderr, "l2tpd: %s\n", err);
            rc = 1;
            break;
        }
    }
    if (rc == 0) {
        /* The users sit on the LAC's ACCESS channels. */
        struct l2tpd_inst *lac = l2tpd_lac(d);
        d->channels = lac ? lac->channels : d->opt.channels;
        d->user = calloc(d->channels, sizeof *d->user);
        if (!d->user) {
            fprintf(stderr, "l2tpd: out of memory for %u users\n", d->channels);
            rc = 1;
        }
    }
    if (rc == 0 && d->opt.script) {
        int failed = l2tpd_script(d, d->opt.script);
        if (d->opt.socket_path && failed == 0)
            rc = l2tpd_serve(d) ? 1 : 0;
        else
            rc = failed == 0 ? 0 : 1;
    } else if (rc == 0) {
        if (!d->opt.socket_path) {
            fprintf(stderr, "l2tpd: nothing to do: give --script FILE and/or --socket PATH\n");
            rc = 2;
        } else {
            rc = l2tpd_serve(d) ? 1 : 0;
        }
    }
    l2tpd_free(d);
    free(d);
    return rc;
}
