/* pppd's chap-secrets (pppd(8) "AUTHENTICATION"): one line per secret,
 * "client server secret [acceptable local IP addresses...]", # comments,
 * "double quoted" words, "*" matching any name. The stand-in answers
 * host/ppp's AAA questions from it as pppd would: as authenticator it looks
 * up (peer's name, our name), as client (our name, authenticator's name). */
#include <stdio.h>
#include <string.h>

#include "md5.h"
#include "pppd_standin.h"

#define SECRETS_LINE_MAX 512

/* Next word of a line into out; returns the position after it, or NULL at
 * the end of the line (or a comment). */
static const char *next_word(const char *p, char *out, size_t cap, bool *too_long)
{
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p || *p == '\n' || *p == '\r' || *p == '#')
        return NULL;
    size_t n = 0;
    bool quoted = *p == '"';
    if (quoted)
        p++;
    while (*p && (quoted ? *p != '"' : (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'))) {
        if (n + 1 < cap)
            out[n++] = *p;
        else
            *too_long = true;
        p++;
    }
    if (quoted && *p == '"')
        p++;
    out[n] = 0;
    return p;
}

int standin_secrets_load(struct standin_secrets *s, const char *path, char *err, size_t cap)
{
    s->n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[SECRETS_LINE_MAX];
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        struct standin_secret e;
        bool too_long = false;
        const char *p = next_word(line, e.client, sizeof e.client, &too_long);
        if (!p)
            continue;   /* blank or comment */
        p = next_word(p, e.server, sizeof e.server, &too_long);
        p = p ? next_word(p, e.secret, sizeof e.secret, &too_long) : NULL;
        if (!p || too_long) {
            snprintf(err, cap, "%s:%u: %s", path, lineno,
                     too_long ? "a word is too long" : "want: client server secret");
            fclose(f);
            return -1;
        }
        if (s->n == STANDIN_SECRETS_MAX) {
            snprintf(err, cap, "%s:%u: more than %d secrets", path, lineno, STANDIN_SECRETS_MAX);
            fclose(f);
            return -1;
        }
        s->e[s->n++] = e;
    }
    fclose(f);
    return 0;
}

static bool name_match(const char *pattern, const uint8_t *name, size_t len)
{
    return !strcmp(pattern, "*") || (strlen(pattern) == len && !memcmp(pattern, name, len));
}

static const struct standin_secret *find(const struct standin_secrets *s, const uint8_t *client,
                                         size_t client_len, const uint8_t *server,
                                         size_t server_len)
{
    /* An exact entry wins over a wildcard one, as in pppd. */
    const struct standin_secret *wild = NULL;
    for (size_t i = 0; i < s->n; i++) {
        const struct standin_secret *e = &s->e[i];
        if (!name_match(e->client, client, client_len) || !name_match(e->server, server, server_len))
            continue;
        if (strcmp(e->client, "*") && strcmp(e->server, "*"))
            return e;
        if (!wild)
            wild = e;
    }
    return wild;
}

/* RFC 1994 §4.1: Response = MD5(Identifier || secret || Challenge). */
static enum ppp_aaa_verdict chap_check(void *ctx, const uint8_t *name, size_t name_len, uint8_t id,
                                       const uint8_t *challenge, size_t challenge_len,
                                       const uint8_t *response, size_t response_len,
                                       struct ppp_aaa_attrs *attrs)
{
    struct standin_secrets *s = ctx;
    const struct standin_secret *e = find(s, name, name_len, (const uint8_t *)s->our_name,
                                          strlen(s->our_name));
    if (!e || response_len != MD5_DIGEST_LEN)
        return PPP_AAA_REJECT;
    struct md5_part parts[] = {{&id, 1}, {e->secret, strlen(e->secret)},
                               {challenge, challenge_len}};
    uint8_t want[MD5_DIGEST_LEN];
    if (md5_parts(parts, 3, want) != PROTO_OK || memcmp(want, response, MD5_DIGEST_LEN))
        return PPP_AAA_REJECT;
    memset(attrs, 0, sizeof *attrs);
    return PPP_AAA_ACCEPT;
}

/* RFC 1334 §2.2.1: PAP checks the password against the same file. */
static enum ppp_aaa_verdict pap_check(void *ctx, const uint8_t *name, size_t name_len,
                                      const uint8_t *password, size_t password_len,
                                      struct ppp_aaa_attrs *attrs)
{
    struct standin_secrets *s = ctx;
    const struct standin_secret *e = find(s, name, name_len, (const uint8_t *)s->our_name,
                                          strlen(s->our_name));
    if (!e || strlen(e->secret) != password_len || memcmp(e->secret, password, password_len))
        return PPP_AAA_REJECT;
    memset(attrs, 0, sizeof *attrs);
    return PPP_AAA_ACCEPT;
}

static int get_secret(void *ctx, const char *our_name, const uint8_t *peer_name,
                      size_t peer_name_len, uint8_t *secret, size_t cap, size_t *secret_len)
{
    struct standin_secrets *s = ctx;
    const char *v = s->password;
    if (!v) {
        const struct standin_secret *e = find(s, (const uint8_t *)our_name, strlen(our_name),
                                              peer_name, peer_name_len);
        v = e ? e->secret : NULL;
    }
    if (!v || strlen(v) > cap)
        return -1;
    memcpy(secret, v, strlen(v));
    *secret_len = strlen(v);
    return 0;
}

void standin_secrets_aaa(struct standin_secrets *s, struct ppp_aaa *out)
{
    *out = (struct ppp_aaa){.ctx = s, .chap_check = chap_check, .pap_check = pap_check,
                            .get_secret = get_secret};
}
