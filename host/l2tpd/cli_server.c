/* The CLI socket of l2tpd (see cli_server.h). */
#include "cli_server.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "l2tpd.h"

int cli_server_open(struct cli_server *cs, const char *path, char *err, size_t cap)
{
    cs->fd = -1;
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (!path || strlen(path) >= sizeof a.sun_path) {
        snprintf(err, cap, "--socket: path missing or longer than %zu", sizeof a.sun_path - 1);
        return -1;
    }
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    snprintf(cs->path, sizeof cs->path, "%s", path);
    cs->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (cs->fd < 0) {
        snprintf(err, cap, "socket: %s", strerror(errno));
        return -1;
    }
    (void)unlink(path);   /* a socket left by an earlier run */
    if (bind(cs->fd, (struct sockaddr *)&a, sizeof a) || listen(cs->fd, 8)) {
        snprintf(err, cap, "%s: %s", path, strerror(errno));
        close(cs->fd);
        cs->fd = -1;
        return -1;
    }
    return 0;
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) {
            if (w < 0 && errno == EINTR)
                continue;
            return;
        }
        s += w;
        n -= (size_t)w;
    }
}

void cli_server_accept(struct cli_server *cs, struct l2tpd *d)
{
    int c = accept(cs->fd, NULL, NULL);
    if (c < 0)
        return;
    char line[1024];
    size_t n = 0;
    while (n + 1 < sizeof line) {
        ssize_t r = read(c, line + n, sizeof line - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
        if (memchr(line, '\n', n))
            break;
    }
    line[n] = '\0';
    char *nl = strchr(line, '\n');
    if (nl)
        *nl = '\0';
    struct l2tpd_out out = {0};
    int rc = l2tpd_command(d, line, &out);
    const char *head = rc ? "error\n" : "ok\n";
    write_all(c, head, strlen(head));
    if (out.len)
        write_all(c, out.buf, out.len);
    out_free(&out);
    close(c);
}

void cli_server_close(struct cli_server *cs)
{
    if (cs->fd >= 0) {
        close(cs->fd);
        (void)unlink(cs->path);
    }
    cs->fd = -1;
}
