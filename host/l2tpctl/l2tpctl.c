/* l2tpctl: the CLI of l2tpd over its Unix socket (host/l2tpd/cli_server.h).
 *   l2tpctl [-s SOCKET] [--json] show tunnel|session|counters
 *   l2tpctl clear tunnel ID | clear session ID
 *   l2tpctl debug "l2tp event" on|off      (IOS's switch names, or all)
 * and the scenario steps (user, dial, drop, ping, wait, ...). Exit status
 * 0 when the daemon answered "ok", 1 for "error", 2 when it cannot be
 * reached. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_SOCKET "/tmp/l2tpd.sock"

static void usage(FILE *f)
{
    fprintf(f, "usage: l2tpctl [-s SOCKET] [--json] COMMAND...\n"
               "  show tunnel | show session | show counters\n"
               "  clear tunnel ID | clear session ID\n"
               "  debug SWITCH on|off   (l2tp event, l2tp packet, ppp negotiation,\n"
               "                         ppp authentication, aaa, vpdn, card, all)\n"
               "  socket default: " DEFAULT_SOCKET "\n");
}

int main(int argc, char **argv)
{
    const char *path = DEFAULT_SOCKET;
    char line[1024] = "";
    size_t len = 0;
    bool json = false;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-s") && i + 1 < argc)
            path = argv[++i];
        else if (!strcmp(argv[i], "--json"))
            json = true;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else
            break;
    }
    if (i == argc) {
        usage(stderr);
        return 2;
    }
    for (; i < argc; i++) {
        /* Words with blanks ("l2tp event") are quoted for the daemon. */
        bool q = strchr(argv[i], ' ') != NULL;
        int n = snprintf(line + len, sizeof line - len, "%s%s%s%s", len ? " " : "", q ? "\"" : "",
                         argv[i], q ? "\"" : "");
        if (n < 0 || (size_t)n >= sizeof line - len) {
            fprintf(stderr, "l2tpctl: command too long\n");
            return 2;
        }
        len += (size_t)n;
    }
    if (json)
        len += (size_t)snprintf(line + len, sizeof line - len, " --json");
    if (len + 1 < sizeof line)
        line[len++] = '\n';

    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        fprintf(stderr, "l2tpctl: %s: path too long\n", path);
        return 2;
    }
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a)) {
        fprintf(stderr, "l2tpctl: %s: %s (is l2tpd running with --socket %s?)\n", path,
                strerror(errno), path);
        if (fd >= 0)
            close(fd);
        return 2;
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, line + off, len - off);
        if (w <= 0) {
            fprintf(stderr, "l2tpctl: write: %s\n", strerror(errno));
            close(fd);
            return 2;
        }
        off += (size_t)w;
    }
    /* Reply: "ok" or "error", then the output. */
    char buf[4096];
    size_t got = 0;
    bool head_done = false, ok = false;
    for (;;) {
        ssize_t r = read(fd, buf + got, sizeof buf - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (!head_done) {
            char *nl = memchr(buf, '\n', got);
            if (!nl && got < sizeof buf)
                continue;
            size_t hl = nl ? (size_t)(nl - buf) + 1 : got;
            ok = hl >= 3 && !strncmp(buf, "ok\n", 3);
            head_done = true;
            fwrite(buf + hl, 1, got - hl, ok ? stdout : stderr);
        } else {
            fwrite(buf, 1, got, ok ? stdout : stderr);
        }
        got = 0;
    }
    close(fd);
    if (!head_done) {
        fprintf(stderr, "l2tpctl: no reply from %s\n", path);
        return 2;
    }
    return ok ? 0 : 1;
}
