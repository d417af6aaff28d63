/* The line reader of the config file: comments, section headers,
 * "key = value" lines; required, duplicate and cross-reference checks.
 * Errors name file, line and key (config_error); nothing is printed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_int.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trims blanks at both ends in place; returns the start. */
static char *trim(char *s)
{
    while (is_blank(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_blank(s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Appends one zeroed element to *arr (of *n elements of size sz). */
static void *grow(struct cfg_parser *p, void **arr, size_t *n, size_t sz)
{
    void *na = realloc(*arr, (*n + 1) * sz);
    if (!na) {
        cfg_fail(p, CONFIG_E_NOMEM, "out of memory");
        return NULL;
    }
    *arr = na;
    void *e = (char *)na + *n * sz;
    memset(e, 0, sz);
    (*n)++;
    return e;
}

/* Required keys of the section being closed, and its own consistency. */
static proto_status end_section(struct cfg_parser *p)
{
    struct l2tpd_config *c = p->cfg;
    size_t nk;
    const struct cfg_key *keys = cfg_section_keys(p->sec, &nk);
    for (size_t i = 0; i < nk; i++) {
        if ((keys[i].flags & CFG_KEY_REQUIRED) && !(p->seen & (1u << i))) {
            p->line = p->sec_line;
            p->key = keys[i].name;
            return cfg_fail(p, CONFIG_E_MISSING, "[%s] needs '%s'", cfg_section_name(p->sec),
                            keys[i].name);
        }
    }
    if (p->sec == CFG_SEC_TUNNEL && c->tunnel.retransmit_max_us < c->tunnel.retransmit_initial_us) {
        p->line = p->sec_line;
        p->key = "retransmit-max";
        return cfg_fail(p, CONFIG_E_RANGE, "retransmit-max %llums is below retransmit-initial "
                        "%llums", (unsigned long long)(c->tunnel.retransmit_max_us / 1000),
                        (unsigned long long)(c->tunnel.retransmit_initial_us / 1000));
    }
    if (p->sec == CFG_SEC_USER) {
        struct config_user *u = &c->users[c->n_users - 1];
        if (!u->allow_chap && !u->allow_pap) {
            p->line = p->sec_line;
            p->key = "auth";
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "user %s may use neither chap nor pap",
                            u->name);
        }
        p->pool_ref_lines[c->n_users - 1] = p->user_pool_line;
    }
    p->sec = CFG_SEC_NONE;
    return PROTO_OK;
}

static bool section_name_taken(const struct l2tpd_config *c, enum cfg_section_kind sec,
                               const char *name)
{
    switch (sec) {
    case CFG_SEC_PEER:
        for (size_t i = 0; i < c->n_peers; i++)
            if (strcmp(c->peers[i].hostname, name) == 0)
                return true;
        return false;
    case CFG_SEC_POOL:
        return config_find_pool(c, name) != NULL;
    case CFG_SEC_USER:
        return config_find_user(c, name, strlen(name)) != NULL;
    default:
        return false;
    }
}

/* "[vpdn dnis:614629]" -> the entry with its match kind and key. */
static proto_status open_vpdn(struct cfg_parser *p, const char *arg)
{
    struct l2tpd_config *c = p->cfg;
    enum config_vpdn_match m;
    const char *key;
    if (strncmp(arg, "dnis:", 5) == 0) {
        m = CONFIG_VPDN_DNIS;
        key = arg + 5;
    } else if (strncmp(arg, "domain:", 7) == 0) {
        m = CONFIG_VPDN_DOMAIN;
        key = arg + 7;
    } else {
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "'%s' is not dnis:NUMBER or domain:NAME", arg);
    }
    char k[CONFIG_NAME_MAX];
    proto_status st = cfg_name(p, key, k);
    if (st != PROTO_OK)
        return st;
    if (config_find_vpdn(c, m, k))
        return cfg_fail(p, CONFIG_E_DUPLICATE, "[vpdn %s] given twice", arg);
    struct config_vpdn *e = grow(p, (void **)&c->vpdns, &c->n_vpdns, sizeof *e);
    if (!e)
        return p->err ? p->err->status : PROTO_ENOSPC;
    e->match = m;
    memcpy(e->key, k, sizeof k);
    e->busy_disconnect = true;    /* IOS's default, as the seed shows it */
    e->line = p->line;
    return PROTO_OK;
}

static proto_status open_section(struct cfg_parser *p, char *text)
{
    struct l2tpd_config *c = p->cfg;
    proto_status st = end_section(p);
    if (st != PROTO_OK)
        return st;
    size_t n = strlen(text);
    p->key = text;     /* section errors name the header itself */
    if (n < 2 || text[n - 1] != ']')
        return cfg_fail(p, CONFIG_E_SYNTAX, "a section header is [NAME] or [KIND NAME]");
    char inner[160];
    snprintf(inner, sizeof inner, "%.*s", (int)(n - 2), text + 1);
    char *kind = trim(inner), *arg = kind;
    while (*arg && !is_blank(*arg))
        arg++;
    if (*arg)
        *arg++ = '\0';
    arg = trim(arg);

    enum cfg_section_kind sec = CFG_SEC_NONE;
    for (int s = CFG_SEC_GLOBAL; s < CFG_SEC_COUNT; s++)
        if (strcmp(kind, cfg_section_name(s)) == 0)
            sec = s;
    if (sec == CFG_SEC_NONE)
        return cfg_fail(p, CONFIG_E_UNKNOWN_SECTION, "'%s' is not a section (global, tunnel, aaa, "
                        "peer, vpdn, pool, user, radius)", kind);
    bool single = sec == CFG_SEC_GLOBAL || sec == CFG_SEC_TUNNEL || sec == CFG_SEC_AAA ||
                  sec == CFG_SEC_RADIUS;
    if (single && *arg)
        return cfg_fail(p, CONFIG_E_SYNTAX, "[%s] takes no name", kind);
    if (!single && !*arg)
        return cfg_fail(p, CONFIG_E_SYNTAX, "[%s] needs a name", kind);
    if (single && p->sec_once[sec])
        return cfg_fail(p, CONFIG_E_DUPLICATE, "[%s] given twice", kind);
    p->sec_once[sec] = true;
    if (sec == CFG_SEC_RADIUS)
        c->radius.line = p->line;

    char name[CONFIG_NAME_MAX] = "";
    if (!single && sec != CFG_SEC_VPDN) {
        if ((st = cfg_name(p, arg, name)) != PROTO_OK)
            return st;
        if (section_name_taken(c, sec, name))
            return cfg_fail(p, CONFIG_E_DUPLICATE, "[%s %s] given twice", kind, name);
    }
    switch (sec) {
    case CFG_SEC_VPDN:
        if ((st = open_vpdn(p, arg)) != PROTO_OK)
            return st;
        break;
    case CFG_SEC_PEER: {
        struct config_peer *e = grow(p, (void **)&c->peers, &c->n_peers, sizeof *e);
        if (!e)
            return PROTO_ENOSPC;
        memcpy(e->hostname, name, sizeof name);
        e->line = p->line;
        break;
    }
    case CFG_SEC_POOL: {
        struct config_pool *e = grow(p, (void **)&c->pools, &c->n_pools, sizeof *e);
        if (!e)
            return PROTO_ENOSPC;
        memcpy(e->name, name, sizeof name);
        e->line = p->line;
        break;
    }
    case CFG_SEC_USER: {
        size_t nl = c->n_users;
        unsigned *lines = realloc(p->pool_ref_lines, (nl + 1) * sizeof *lines);
        if (!lines)
            return cfg_fail(p, CONFIG_E_NOMEM, "out of memory");
        p->pool_ref_lines = lines;
        struct config_user *u = grow(p, (void **)&c->users, &c->n_users, sizeof *u);
        if (!u)
            return PROTO_ENOSPC;
        memcpy(u->name, name, sizeof name);
        u->allow_chap = u->allow_pap = true;
        u->line = p->line;
        p->user_pool_line = 0;
        break;
    }
    default:
        break;
    }
    p->sec = sec;
    p->sec_line = p->line;
    p->seen = 0;
    return PROTO_OK;
}

static proto_status key_line(struct cfg_parser *p, char *text)
{
    char *eq = strchr(text, '=');
    if (!eq) {
        p->key = NULL;
        return cfg_fail(p, CONFIG_E_SYNTAX, "expected 'key = value', '[section]' or '# comment'");
    }
    *eq = '\0';
    char *key = trim(text), *value = trim(eq + 1);
    p->key = key;
    if (p->sec == CFG_SEC_NONE)
        return cfg_fail(p, CONFIG_E_SYNTAX, "key outside any section (start with [global])");
    size_t nk;
    const struct cfg_key *keys = cfg_section_keys(p->sec, &nk);
    for (size_t i = 0; i < nk; i++) {
        if (strcmp(keys[i].name, key) != 0)
            continue;
        if ((p->seen & (1u << i)) && !(keys[i].flags & CFG_KEY_REPEAT))
            return cfg_fail(p, CONFIG_E_DUPLICATE, "'%s' already set in this [%s]", key,
                            cfg_section_name(p->sec));
        if (!*value)
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "empty value");
        p->seen |= 1u << i;
        return keys[i].set(p, value);
    }
    return cfg_fail(p, CONFIG_E_UNKNOWN_KEY, "[%s] has no key '%s'", cfg_section_name(p->sec),
                    key);
}

/* After the last line: keys required of the whole file, defaults that
 * depend on other keys, and references between sections. */
static proto_status end_file(struct cfg_parser *p)
{
    struct l2tpd_config *c = p->cfg;
    proto_status st = end_section(p);
    if (st != PROTO_OK)
        return st;
    if (!p->sec_once[CFG_SEC_GLOBAL]) {
        p->line = 0;
        p->key = "role";
        return cfg_fail(p, CONFIG_E_MISSING, "no [global] section with role and hostname");
    }
    if (!c->ppp_name[0])
        memcpy(c->ppp_name, c->hostname, sizeof c->ppp_name);
    for (size_t i = 0; i < c->n_vpdns; i++)
        if (!c->vpdns[i].tunnel_id[0])
            memcpy(c->vpdns[i].tunnel_id, c->hostname, sizeof c->hostname);
    for (size_t i = 0; i < c->n_users; i++) {
        if (c->users[i].pool[0] && !config_find_pool(c, c->users[i].pool)) {
            p->line = p->pool_ref_lines[i];
            p->key = "pool";
            return cfg_fail(p, CONFIG_E_BAD_VALUE, "no [pool %s]", c->users[i].pool);
        }
    }
    if (c->default_pool[0] && !config_find_pool(c, c->default_pool)) {
        p->line = p->default_pool_line;
        p->key = "default-pool";
        return cfg_fail(p, CONFIG_E_BAD_VALUE, "no [pool %s]", c->default_pool);
    }
    return PROTO_OK;
}

proto_status config_parse(const char *name, const char *text, size_t len,
                          struct l2tpd_config *cfg, struct config_error *err)
{
    config_defaults(cfg);
    snprintf(cfg->file, sizeof cfg->file, "%s", name ? name : "(config)");
    if (err)
        *err = (struct config_error){0};
    struct cfg_parser p = {.cfg = cfg, .err = err};
    proto_status st = PROTO_OK;
    char line[512];
    size_t off = 0;
    while (st == PROTO_OK && off < len) {
        const char *nl = memchr(text + off, '\n', len - off);
        size_t n = nl ? (size_t)(nl - (text + off)) : len - off;
        p.line++;
        p.key = NULL;
        if (n >= sizeof line) {
            st = cfg_fail(&p, CONFIG_E_SYNTAX, "line longer than %zu octets", sizeof line - 1);
            break;
        }
        memcpy(line, text + off, n);
        line[n] = '\0';
        off += n + (nl != NULL);
        if (strlen(line) != n) {
            st = cfg_fail(&p, CONFIG_E_SYNTAX, "NUL octet in line");
            break;
        }
        char *t = trim(line);
        if (*t == '\0' || *t == '#')
            continue;
        st = *t == '[' ? open_section(&p, t) : key_line(&p, t);
    }
    if (st == PROTO_OK)
        st = end_file(&p);
    free(p.pool_ref_lines);
    if (st != PROTO_OK)
        config_free(cfg);
    return st;
}

proto_status config_load(const char *path, struct l2tpd_config *cfg, struct config_error *err)
{
    config_defaults(cfg);
    snprintf(cfg->file, sizeof cfg->file, "%s", path);
    struct cfg_parser p = {.cfg = cfg, .err = err};
    FILE *f = fopen(path, "rb");
    if (!f)
        return cfg_fail(&p, CONFIG_E_IO, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    proto_status st = PROTO_OK;
    for (;;) {
        if (len == cap) {
            /* A config file is small; refuse anything absurd. */
            if (cap >= (1u << 24)) {
                st = cfg_fail(&p, CONFIG_E_IO, "file larger than 16 MiB");
                break;
            }
            cap = cap ? cap * 2 : 4096;
            char *nb = realloc(buf, cap);
            if (!nb) {
                st = cfg_fail(&p, CONFIG_E_NOMEM, "out of memory");
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                st = cfg_fail(&p, CONFIG_E_IO, "read error: %s", strerror(errno));
            break;
        }
    }
    fclose(f);
    if (st == PROTO_OK)
        st = config_parse(path, buf, len, cfg, err);
    free(buf);
    return st;
}
