/* The session-table file (host/tools/CARDSIM.md): one `net` line for the DP
 * block, one `session ID key value ...` line per entry. Every value is
 * checked here, so a typo is reported with its file and line before the card
 * is touched; the entry's fit in the card (ID below 2^SESS_AW, channel below
 * N_CH) is checked when it is programmed. */
#include "cardsim_table.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MAX_TOKENS 64
#define TABLE_MAX_FILE (4u << 20)

struct parser {
    const char *name;
    unsigned line;
    char *msg;
    size_t cap;
};

__attribute__((format(printf, 2, 3))) static bool fail(struct parser *p, const char *fmt, ...)
{
    int n = snprintf(p->msg, p->cap, "%s:%u: ", p->name, p->line);
    if (n < 0 || (size_t)n >= p->cap)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg + n, p->cap - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static bool parse_uint(struct parser *p, const char *key, const char *v, unsigned long max,
                       unsigned long *out)
{
    char *end;
    errno = 0;
    if (v[0] == '-' || v[0] == '+' || v[0] == '\0')
        return fail(p, "%s: '%s' is not a number", key, v);
    unsigned long x = strtoul(v, &end, 0);
    if (errno || *end != '\0')
        return fail(p, "%s: '%s' is not a number", key, v);
    if (x > max)
        return fail(p, "%s: %s is more than %lu", key, v, max);
    *out = x;
    return true;
}

static bool parse_u16(struct parser *p, const char *key, const char *v, uint16_t *out)
{
    unsigned long x;
    if (!parse_uint(p, key, v, 0xFFFFu, &x))
        return false;
    *out = (uint16_t)x;
    return true;
}

static bool parse_u32(struct parser *p, const char *key, const char *v, uint32_t *out)
{
    unsigned long x;
    if (!parse_uint(p, key, v, 0xFFFFFFFFu, &x))
        return false;
    *out = (uint32_t)x;
    return true;
}

static bool parse_ip(struct parser *p, const char *key, const char *v, uint32_t *out)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) != 1)
        return fail(p, "%s: '%s' is not an IPv4 address (a.b.c.d)", key, v);
    *out = ntohl(a.s_addr);
    return true;
}

static bool parse_mac(struct parser *p, const char *key, const char *v, uint8_t mac[6])
{
    unsigned m[6];
    char tail;
    if (sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5],
               &tail) != 6 ||
        strlen(v) != 17)
        return fail(p, "%s: '%s' is not a MAC address (aa:bb:cc:dd:ee:ff)", key, v);
    for (int i = 0; i < 6; i++)
        mac[i] = (uint8_t)m[i];
    return true;
}

/* policy: a comma list of the DP POLICY bits' names, or "none". */
static bool parse_policy(struct parser *p, const char *v, struct l2tpcard_net_config *n)
{
    n->match_local_ip = n->punt_not_for_us = n->punt_malformed = false;
    n->punt_unknown_session = n->punt_fragments = false;
    if (strcmp(v, "none") == 0)
        return true;
    char buf[256];
    if (strlen(v) >= sizeof buf)
        return fail(p, "policy: too long");
    strcpy(buf, v);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "match-local-ip") == 0)
            n->match_local_ip = true;
        else if (strcmp(tok, "punt-not-for-us") == 0)
            n->punt_not_for_us = true;
        else if (strcmp(tok, "punt-malformed") == 0)
            n->punt_malformed = true;
        else if (strcmp(tok, "punt-unknown-session") == 0)
            n->punt_unknown_session = true;
        else if (strcmp(tok, "punt-fragments") == 0)
            n->punt_fragments = true;
        else
            return fail(p,
                        "policy: unknown bit '%s' (match-local-ip, punt-not-for-us, "
                        "punt-malformed, punt-unknown-session, punt-fragments, or none)",
                        tok);
    }
    return true;
}

static bool parse_net(struct parser *p, char **tok, size_t n, struct cardsim_table *t)
{
    bool have_ip = false, have_mac = false;
    for (size_t i = 1; i < n; i += 2) {
        const char *k = tok[i], *v = i + 1 < n ? tok[i + 1] : NULL;
        if (!v)
            return fail(p, "net: key '%s' has no value", k);
        bool ok;
        if (strcmp(k, "local-ip") == 0)
            ok = have_ip = parse_ip(p, k, v, &t->net.local_ip);
        else if (strcmp(k, "local-mac") == 0)
            ok = have_mac = parse_mac(p, k, v, t->net.local_mac);
        else if (strcmp(k, "l2tp-port") == 0) {
            ok = parse_u16(p, k, v, &t->net.l2tp_port);
            if (ok && t->net.l2tp_port == 0)
                return fail(p, "l2tp-port: 0 is not a UDP port");
        } else if (strcmp(k, "policy") == 0)
            ok = parse_policy(p, v, &t->net);
        else if (strcmp(k, "unbound-mru") == 0)
            ok = t->has_unbound_mru = parse_u16(p, k, v, &t->unbound_mru);
        else if (strcmp(k, "unbound-accm") == 0)
            ok = t->has_unbound_accm = parse_u32(p, k, v, &t->unbound_accm);
        else
            return fail(p, "net: unknown key '%s'", k);
        if (!ok)
            return false;
    }
    if (!have_ip || !have_mac)
        return fail(p, "net: needs local-ip and local-mac");
    return true;
}

enum { NEED_TUNNEL = 1, NEED_PEER_TUNNEL = 2, NEED_PEER_SESSION = 4, NEED_BINDING = 8,
       NEED_LOCAL_IP = 16, NEED_PEER_IP = 32, NEED_LOCAL_MAC = 64, NEED_PEER_MAC = 128,
       NEED_ALL = 255 };

static const char *const need_names[] = {"tunnel",   "peer-tunnel", "peer-session", "channel|host",
                                         "local-ip", "peer-ip",     "local-mac",    "peer-mac"};

static bool parse_session(struct parser *p, char **tok, size_t n, struct l2tpcard_session *s)
{
    memset(s, 0, sizeof *s);
    if (n < 2)
        return fail(p, "session: needs its local session ID");
    if (!parse_u16(p, "session", tok[1], &s->local_session_id))
        return false;
    if (s->local_session_id == 0) /* RFC 2661 §3.1: session 0 is the tunnel */
        return fail(p, "session: ID 0 names the tunnel itself (RFC 2661 §3.1)");
    /* Defaults: RFC 1662 §7.1 ACCM, the L2TP port both ways (RFC 2661 §8.1). */
    s->mru = 1500;
    s->local_port = s->peer_port = 1701;
    s->ttl = 255;
    s->tx_accm = s->rx_accm = 0xFFFFFFFFu;
    unsigned have = 0;
    for (size_t i = 2; i < n; i += 2) {
        const char *k = tok[i], *v = i + 1 < n ? tok[i + 1] : NULL;
        if (strcmp(k, "host") == 0) { /* the one key without a value */
            s->binding = L2TPCARD_BIND_HOST;
            have |= NEED_BINDING;
            i--;
            continue;
        }
        if (!v)
            return fail(p, "session %u: key '%s' has no value", s->local_session_id, k);
        bool ok = true;
        unsigned long x;
        if (strcmp(k, "tunnel") == 0)
            ok = parse_u16(p, k, v, &s->local_tunnel_id), have |= NEED_TUNNEL;
        else if (strcmp(k, "peer-tunnel") == 0)
            ok = parse_u16(p, k, v, &s->peer_tunnel_id), have |= NEED_PEER_TUNNEL;
        else if (strcmp(k, "peer-session") == 0)
            ok = parse_u16(p, k, v, &s->peer_session_id), have |= NEED_PEER_SESSION;
        else if (strcmp(k, "channel") == 0) {
            ok = parse_u16(p, k, v, &s->channel);
            s->binding = L2TPCARD_BIND_CHANNEL;
            have |= NEED_BINDING;
        } else if (strcmp(k, "mru") == 0)
            ok = parse_u16(p, k, v, &s->mru);
        else if (strcmp(k, "local-ip") == 0)
            ok = parse_ip(p, k, v, &s->local_ip), have |= NEED_LOCAL_IP;
        else if (strcmp(k, "peer-ip") == 0)
            ok = parse_ip(p, k, v, &s->peer_ip), have |= NEED_PEER_IP;
        else if (strcmp(k, "local-mac") == 0)
            ok = parse_mac(p, k, v, s->local_mac), have |= NEED_LOCAL_MAC;
        else if (strcmp(k, "peer-mac") == 0)
            ok = parse_mac(p, k, v, s->peer_mac), have |= NEED_PEER_MAC;
        else if (strcmp(k, "local-port") == 0)
            ok = parse_u16(p, k, v, &s->local_port);
        else if (strcmp(k, "peer-port") == 0)
            ok = parse_u16(p, k, v, &s->peer_port);
        else if (strcmp(k, "ttl") == 0) {
            ok = parse_uint(p, k, v, 255, &x);
            s->ttl = (uint8_t)x;
        } else if (strcmp(k, "vlan") == 0) {
            ok = parse_u16(p, k, v, &s->vlan_tci);
            s->vlan = true;
        } else if (strcmp(k, "fcs") == 0) {
            if (strcmp(v, "16") != 0 && strcmp(v, "32") != 0)
                return fail(p, "fcs: '%s' is not 16 or 32 (RFC 1662 §C)", v);
            s->fcs32 = strcmp(v, "32") == 0;
        } else if (strcmp(k, "tx-accm") == 0)
            ok = parse_u32(p, k, v, &s->tx_accm);
        else if (strcmp(k, "rx-accm") == 0)
            ok = parse_u32(p, k, v, &s->rx_accm);
        else if (strcmp(k, "seq") == 0) {
            if (strcmp(v, "none") == 0)
                s->seq_tx = s->seq_rx = false;
            else if (strcmp(v, "tx") == 0)
                s->seq_tx = true, s->seq_rx = false;
            else if (strcmp(v, "rx") == 0)
                s->seq_tx = false, s->seq_rx = true;
            else if (strcmp(v, "both") == 0)
                s->seq_tx = s->seq_rx = true;
            else
                return fail(p, "seq: '%s' is not none, tx, rx or both", v);
        } else if (strcmp(k, "ns") == 0)
            ok = parse_u16(p, k, v, &s->ns);
        else if (strcmp(k, "nr") == 0)
            ok = parse_u16(p, k, v, &s->nr);
        else
            return fail(p, "session %u: unknown key '%s'", s->local_session_id, k);
        if (!ok)
            return false;
    }
    if (have != NEED_ALL)
        for (unsigned b = 0; b < 8; b++)
            if (!(have & (1u << b)))
                return fail(p, "session %u: missing %s", s->local_session_id, need_names[b]);
    return true;
}

/* Splits a logical line at blanks; '#' starts a comment. */
static size_t split(char *line, char **tok)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t\r", &save); t && n < TABLE_MAX_TOKENS;
         t = strtok_r(NULL, " \t\r", &save))
        tok[n++] = t;
    return n;
}

static void net_defaults(struct l2tpcard_net_config *n)
{
    /* The DP block's reset values (hw/regmap.md): port 1701, POLICY 0x1A. */
    memset(n, 0, sizeof *n);
    n->l2tp_port = 1701;
    n->punt_not_for_us = n->punt_unknown_session = n->punt_fragments = true;
}

bool cardsim_table_parse(const char *name, const char *text, struct cardsim_table *t, char *msg,
                         size_t cap)
{
    memset(t, 0, sizeof *t);
    net_defaults(&t->net);
    struct parser p = {name, 0, msg, cap};
    char *copy = strdup(text);
    if (!copy) {
        snprintf(msg, cap, "%s: out of memory", name);
        return false;
    }
    bool ok = true, have_net = false;
    size_t alloc = 0;
    char *line = copy;
    unsigned next_line = 1;
    while (ok && *line) {
        /* One logical line: a trailing backslash continues it. */
        p.line = next_line;
        char *rest = line;
        for (;;) {
            char *nl = strchr(rest, '\n');
            if (!nl) {
                rest += strlen(rest);
                break;
            }
            next_line++;
            rest = nl + 1;
            if (nl > line && nl[-1] == '\\') {
                nl[-1] = ' ';
                *nl = ' ';
                continue;
            }
            *nl = '\0';
            break;
        }
        char *tok[TABLE_MAX_TOKENS + 1];
        size_t n = split(line, tok);
        line = rest;
        if (n == 0)
            continue;
        if (n == TABLE_MAX_TOKENS) {
            ok = fail(&p, "more than %d words", TABLE_MAX_TOKENS - 1);
        } else if (strcmp(tok[0], "net") == 0) {
            if (have_net)
                ok = fail(&p, "a second net line");
            else
                ok = have_net = parse_net(&p, tok, n, t);
        } else if (strcmp(tok[0], "session") == 0) {
            if (t->n_sessions == alloc) {
                size_t na = alloc ? 2 * alloc : 8;
                void *ns = realloc(t->sessions, na * sizeof *t->sessions);
                void *nl = ns ? realloc(t->session_lines, na * sizeof *t->session_lines) : NULL;
                if (ns)
                    t->sessions = ns;
                if (nl)
                    t->session_lines = nl;
                if (!ns || !nl) {
                    ok = fail(&p, "out of memory");
                    break;
                }
                alloc = na;
            }
            struct l2tpcard_session *s = &t->sessions[t->n_sessions];
            ok = parse_session(&p, tok, n, s);
            for (size_t i = 0; ok && i < t->n_sessions; i++)
                if (t->sessions[i].local_session_id == s->local_session_id)
                    ok = fail(&p, "session %u: already defined on line %u", s->local_session_id,
                              t->session_lines[i]);
            if (ok)
                t->session_lines[t->n_sessions++] = p.line;
        } else {
            ok = fail(&p, "unknown line kind '%s' (net or session)", tok[0]);
        }
    }
    free(copy);
    if (!ok)
        cardsim_table_free(t);
    return ok;
}

bool cardsim_table_load(const char *path, struct cardsim_table *t, char *msg, size_t cap)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(msg, cap, "%s: %s", path, strerror(errno));
        return false;
    }
    char *buf = malloc(TABLE_MAX_FILE + 1);
    size_t len = buf ? fread(buf, 1, TABLE_MAX_FILE + 1, f) : 0;
    bool err = !buf || ferror(f);
    fclose(f);
    if (err || len > TABLE_MAX_FILE) {
        snprintf(msg, cap, "%s: %s", path, !buf ? "out of memory" : err ? "read error" : "larger than 4 MiB");
        free(buf);
        return false;
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len)) {
        snprintf(msg, cap, "%s: a NUL octet: not a text file", path);
        free(buf);
        return false;
    }
    bool ok = cardsim_table_parse(path, buf, t, msg, cap);
    free(buf);
    return ok;
}

void cardsim_table_free(struct cardsim_table *t)
{
    free(t->sessions);
    free(t->session_lines);
    t->sessions = NULL;
    t->session_lines = NULL;
    t->n_sessions = 0;
}
