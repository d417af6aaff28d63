/* pppd's command line as xl2tpd writes it (xl2tpd's start_pppd: the tty,
 * "passive", "nodetach", "LOCAL:REMOTE", "refuse-pap", "auth",
 * "require-chap", "name", "debug", "file OPTFILE", "passwordfd N"), plus
 * the words of the option file, in pppd(8)'s syntax. Options pppd knows
 * and the stand-in has no use for are counted and skipped, with their
 * argument when they take one, so a real pppd option file works as is. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pppd_standin.h"

#define OPT_FILE_MAX 8192
#define OPT_WORDS_MAX 256
#define OPT_DEPTH_MAX 4

/* pppd(8) options with one argument that the stand-in does not act on. */
static const char *const skip_with_arg[] = {
    "ipparam", "remotename", "mtu", "mru", "lcp-echo-interval", "lcp-echo-failure",
    "lcp-max-configure", "connect-delay", "asyncmap", "ms-dns", "ms-wins",
    "idle", "maxfail", "holdoff", "plugin", "linkname", "unit", "logfd", "connect",
    "disconnect", "init", "pppol2tp", "pppol2tp_tunnel_id", "pppol2tp_session_id",
    "ipcp-max-configure", "chap-restart", "chap-max-challenge", NULL};

static bool in_list(const char *w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(w, list[i]))
            return true;
    return false;
}

static int copy_word(char *dst, size_t cap, const char *src, const char *opt, char *err,
                     size_t ecap)
{
    if (!src) {
        snprintf(err, ecap, "option '%s' needs an argument", opt);
        return -1;
    }
    if (strlen(src) >= cap) {
        snprintf(err, ecap, "option '%s': argument longer than %zu octets", opt, cap - 1);
        return -1;
    }
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

/* "10.10.53.1:10.10.53.10", ":R" or "L:" (pppd(8) "local_IP_address:remote_IP_address"). */
static int parse_addrs(struct standin_opts *o, const char *w, char *err, size_t cap)
{
    char l[32], r[32];
    const char *colon = strchr(w, ':');
    size_t ll = (size_t)(colon - w);
    if (ll >= sizeof l || strlen(colon + 1) >= sizeof r)
        goto bad;
    memcpy(l, w, ll);
    l[ll] = 0;
    snprintf(r, sizeof r, "%s", colon + 1);
    struct in_addr a;
    if (l[0]) {
        if (inet_pton(AF_INET, l, &a) != 1)
            goto bad;
        o->local_ip = ntohl(a.s_addr);
    }
    if (r[0]) {
        if (inet_pton(AF_INET, r, &a) != 1)
            goto bad;
        o->remote_ip = ntohl(a.s_addr);
    }
    return 0;
bad:
    snprintf(err, cap, "'%s' is not LOCAL:REMOTE IPv4 addresses", w);
    return -1;
}

/* passwordfd N: xl2tpd writes the password into a pipe (pppd's option). */
static int read_password_fd(struct standin_opts *o, const char *arg, char *err, size_t cap)
{
    char *end;
    long fd = arg ? strtol(arg, &end, 10) : -1;
    if (!arg || *end || fd < 0 || fd > 1024) {
        snprintf(err, cap, "passwordfd: '%s' is not a file descriptor", arg ? arg : "");
        return -1;
    }
    size_t n = 0;
    ssize_t r;
    while (n + 1 < sizeof o->password &&
           (r = read((int)fd, o->password + n, sizeof o->password - 1 - n)) > 0)
        n += (size_t)r;
    while (n && (o->password[n - 1] == '\n' || o->password[n - 1] == '\r'))
        n--;
    o->password[n] = 0;
    o->have_password = true;
    return 0;
}

static int parse_words(struct standin_opts *o, int n, char **w, int depth, char *err,
                       size_t cap);

/* pppd(8) option file: words separated by blanks, # to end of line,
 * "double quoted" words. */
static int parse_file(struct standin_opts *o, const char *path, int depth, char *err, size_t cap)
{
    if (depth >= OPT_DEPTH_MAX) {
        snprintf(err, cap, "file %s: option files nested deeper than %d", path, OPT_DEPTH_MAX);
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, cap, "file %s: cannot open", path);
        return -1;
    }
    static const size_t text_cap = OPT_FILE_MAX;
    char *text = malloc(text_cap + 1);
    char **words = malloc(OPT_WORDS_MAX * sizeof *words);
    if (!text || !words) {
        fclose(f);
        free(text);
        free(words);
        snprintf(err, cap, "file %s: out of memory", path);
        return -1;
    }
    size_t len = fread(text, 1, text_cap, f);
    bool too_big = !feof(f);
    fclose(f);
    int rc = -1;
    int n = 0;
    if (too_big) {
        snprintf(err, cap, "file %s: longer than %zu octets", path, text_cap);
        goto out;
    }
    text[len] = 0;
    for (char *p = text; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (n == OPT_WORDS_MAX) {
            snprintf(err, cap, "file %s: more than %d words", path, OPT_WORDS_MAX);
            goto out;
        }
        if (*p == '"') {
            words[n++] = ++p;
            while (*p && *p != '"')
                p++;
            if (!*p) {
                snprintf(err, cap, "file %s: unterminated quote", path);
                goto out;
            }
        } else {
            words[n++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
        }
        if (*p)
            *p++ = 0;
    }
    rc = parse_words(o, n, words, depth + 1, err, cap);
out:
    free(text);
    free(words);
    return rc;
}

static int parse_words(struct standin_opts *o, int n, char **w, int depth, char *err,
                       size_t cap)
{
    for (int i = 0; i < n; i++) {
        const char *a = w[i];
        const char *arg = i + 1 < n ? w[i + 1] : NULL;
        int rc = 0;
        if (!strcmp(a, "passive")) {
            o->passive = true;
        } else if (!strcmp(a, "auth")) {
            o->auth = true;
        } else if (!strcmp(a, "noauth")) {
            o->auth = false;
        } else if (!strcmp(a, "require-chap")) {
            o->auth = o->require_chap = true;
        } else if (!strcmp(a, "name")) {
            rc = copy_word(o->name, sizeof o->name, arg, a, err, cap);
            i++;
        } else if (!strcmp(a, "user")) {
            rc = copy_word(o->user, sizeof o->user, arg, a, err, cap);
            i++;
        } else if (!strcmp(a, "password")) {
            rc = copy_word(o->password, sizeof o->password, arg, a, err, cap);
            o->have_password = true;
            i++;
        } else if (!strcmp(a, "passwordfd")) {
            rc = read_password_fd(o, arg, err, cap);
            i++;
        } else if (!strcmp(a, "logfile")) {
            rc = copy_word(o->logfile, sizeof o->logfile, arg, a, err, cap);
            i++;
        } else if (!strcmp(a, "standin-secrets")) {
            rc = copy_word(o->secrets, sizeof o->secrets, arg, a, err, cap);
            i++;
        } else if (!strcmp(a, "standin-ping")) {
            char *end;
            unsigned long v = arg ? strtoul(arg, &end, 10) : 0;
            if (!arg || *end || v > 1000) {
                snprintf(err, cap, "standin-ping: '%s' is not a count 0..1000", arg ? arg : "");
                return -1;
            }
            o->ping_count = (unsigned)v;
            i++;
        } else if (!strcmp(a, "lcp-restart") || !strcmp(a, "ipcp-restart")) {
            /* pppd(8): the restart timer in seconds (RFC 1661 §4.6, 3 s). */
            char *end;
            unsigned long v = arg ? strtoul(arg, &end, 10) : 0;
            if (!arg || *end || v < 1 || v > 60) {
                snprintf(err, cap, "%s: '%s' is not 1..60 seconds", a, arg ? arg : "");
                return -1;
            }
            *(a[0] == 'l' ? &o->lcp_restart_s : &o->ipcp_restart_s) = (unsigned)v;
            i++;
        } else if (!strcmp(a, "standin-active")) {
            o->active = true;
        } else if (!strcmp(a, "file")) {
            if (!arg) {
                snprintf(err, cap, "option 'file' needs an argument");
                return -1;
            }
            rc = parse_file(o, arg, depth, err, cap);
            i++;
        } else if (a[0] == '/' && !o->device[0] && depth == 0 && i == 0) {
            rc = copy_word(o->device, sizeof o->device, a, "device", err, cap);
        } else if (strchr(a, ':') && isdigit((unsigned char)(a[0] == ':' ? a[1] : a[0]))) {
            rc = parse_addrs(o, a, err, cap);
        } else if (in_list(a, skip_with_arg)) {
            o->ignored++;
            i++;
        } else {
            o->ignored++;   /* a pppd flag without effect here (debug, nodetach, lock...) */
        }
        if (rc)
            return -1;
    }
    return 0;
}

int standin_opts_parse(struct standin_opts *o, int argc, char **argv, char *err, size_t cap)
{
    memset(o, 0, sizeof *o);
    snprintf(o->secrets, sizeof o->secrets, "/etc/ppp/chap-secrets");
    return parse_words(o, argc, argv, 0, err, cap);
}
