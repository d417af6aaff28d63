/* l2tpctl's side in the daemon: a Unix stream socket; each connection sends
 * one command line and reads the reply until the daemon closes it. The
 * reply's first line is "ok" or "error"; the rest is the output. */
#ifndef L2TPD_CLI_SERVER_H
#define L2TPD_CLI_SERVER_H

#include <stddef.h>

struct l2tpd;

struct cli_server {
    int fd;
    char path[108];
};

int cli_server_open(struct cli_server *cs, const char *path, char *err, size_t cap);
/* Serves one waiting connection. */
void cli_server_accept(struct cli_server *cs, struct l2tpd *d);
void cli_server_close(struct cli_server *cs);

#endif
