/* One router of the process: its config (a bad file stops the daemon before
 * anything starts, with file, line and key), its card, its debug log and its
 * vpdn call manager. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "hexbytes.h"
#include "l2tpd.h"
#include "l2tp_const.h"
#include "wire_udp.h"

void lines_add(struct l2tpd_lines *l, const char *line)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        char **p = realloc(l->line, cap * sizeof *p);
        if (!p)
            return;
        l->line = p;
        l->cap = cap;
    }
    char *s = strdup(line);
    if (s)
        l->line[l->n++] = s;
}

void lines_free(struct l2tpd_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->line[i]);
    free(l->line);
    memset(l, 0, sizeof *l);
}

static void inst_sink(void *ctx, const char *line)
{
    struct l2tpd_inst *in = ctx;
    lines_add(&in->lines, line);
    if (!in->d->opt.quiet)
        printf("%-8s| %s\n", in->cfg.hostname, line);
    if (in->log_file)
        fprintf(in->log_file, "%s\n", line);
}

/* Random octets: the configured prefix first (to replay the seed's CHAP
 * challenge), then OpenSSL's generator. */
static int inst_random(void *ctx, uint8_t *buf, size_t len)
{
    struct l2tpd_inst *in = ctx;
    size_t i = 0;
    for (; i < len && in->rnd_pos < in->rnd_len; i++)
        buf[i] = in->rnd_prefix[in->rnd_pos++];
    if (i < len && RAND_bytes(buf + i, (int)(len - i)) != 1)
        return -1;
    return 0;
}

/* The -o KEY=VALUE settings of an instance into its vpdn_config. */
static int apply_opts(struct l2tpd_inst *in, const struct l2tpd_inst_opts *io,
                      struct vpdn_config *vc, char *err, size_t cap)
{
    for (size_t i = 0; i < io->n_keyval; i++) {
        char key[96];
        snprintf(key, sizeof key, "%s", io->keyval[i]);
        char *val = strchr(key, '=');
        *val++ = '\0';
        int tk = tap_wire_option(in, key, val, err, cap);   /* gateway, prefix-len, mac */
        if (tk < 0)
            return -1;
        if (tk)
            continue;
        char *end;
        unsigned long n = strtoul(val, &end, 0);
        bool num_ok = *val && !*end;
        if (!strcmp(key, "random-prefix")) {
            if (hex_parse(val, in->rnd_prefix, sizeof in->rnd_prefix, &in->rnd_len, NULL) !=
                PROTO_OK) {
                snprintf(err, cap, "%s: -o %s: '%s' is not hex of at most %zu octets", io->file,
                         key, val, sizeof in->rnd_prefix);
                return -1;
            }
            vc->random = inst_random;
            vc->random_ctx = in;
            continue;
        }
        if (!strcmp(key, "address") || !strcmp(key, "ipcp-address")) {
            uint32_t ip;
            if (l2tpd_parse_ipv4(val, &ip)) {
                snprintf(err, cap, "%s: -o %s: '%s' is not an IPv4 address", io->file, key, val);
                return -1;
            }
            if (!strcmp(key, "address"))
                in->ip = ip;
            else
                vc->lns_address = ip;
            continue;
        }
        struct { const char *k; unsigned long max; } nums[] = {
            {"tunnel-id-start", 65535}, {"session-id-start", 65535}, {"lcp-first-id", 255},
            {"chap-first-id", 255}, {"ipcp-first-id", 255}, {"magic", 0xFFFFFFFFul},
            {"first-vaccess", 100000}, {"lns-chap-first-id", 255},
        };
        size_t k = 0;
        while (k < sizeof nums / sizeof nums[0] && strcmp(nums[k].k, key))
            k++;
        if (k == sizeof nums / sizeof nums[0]) {
            snprintf(err, cap, "%s: -o %s: unknown key", io->file, key);
            return -1;
        }
        if (!num_ok || n > nums[k].max) {
            snprintf(err, cap, "%s: -o %s: '%s' is not a number in 0..%lu", io->file, key, val,
                     nums[k].max);
            return -1;
        }
        switch (k) {
        case 0: vc->tunnel_id_start = (uint32_t)n; break;
        case 1: vc->session_id_start = (uint32_t)n; break;
        case 2: vc->lac_lcp_first_id = (uint8_t)n; break;
        case 3: vc->lac_chap_first_id = (uint8_t)n; break;
        case 4: vc->lns_ipcp_first_id = (uint8_t)n; break;
        case 5: vc->lac_magic = (uint32_t)n; break;
        case 6: vc->first_vaccess = (unsigned)n; break;
        case 7: vc->lns_chap_first_id = (uint8_t)n; break;
        }
    }
    return 0;
}

int l2tpd_instance_start(struct l2tpd *d, int idx, char *err, size_t cap)
{
    struct l2tpd_inst *in = &d->inst[idx];
    const struct l2tpd_inst_opts *io = &d->opt.inst[idx];
    in->d = d;
    in->udp_fd = -1;
    tap_wire_preset(in);
    in->sessions = d->opt.sessions;
    in->channels = d->opt.channels;
    in->idx = idx;
    struct config_error ce;
    if (config_load(io->file, &in->cfg, &ce) != PROTO_OK) {
        config_error_format(&ce, err, cap);
        return -1;
    }
    in->cfg_ready = true;
    const char *spec = io->card ? io->card : d->opt.card ? d->opt.card : in->cfg.card;
    if (in->cfg.wire.kind == CONFIG_WIRE_TAP && !strcmp(spec, "soft")) {
        snprintf(err, cap, "%s: wire tap: card soft does not punt ARP; give --card model or rtl",
                 io->file);
        return -1;
    }
    struct vpdn_config vc = {.cfg = &in->cfg};
    if (apply_opts(in, io, &vc, err, cap))
        return -1;
    if (!in->ip && in->cfg.wire.kind == CONFIG_WIRE_UDP)
        in->ip = in->cfg.wire.ip;
    if (!in->ip) {
        snprintf(err, cap, "%s: no NET address: give -o address=A.B.C.D after -c", io->file);
        return -1;
    }
    for (int j = 0; j < idx; j++)
        if (d->inst[j].ip == in->ip) {
            snprintf(err, cap, "%s: address already used by %s", io->file, d->inst[j].cfg.file);
            return -1;
        }
    vc.local_ip = in->ip;
    vc.local_port = L2TP_UDP_PORT;
    /* A locally administered unicast MAC per card (IEEE 802 U/L bit). */
    uint8_t mac[6] = {0x02, 0x00, (uint8_t)(in->ip >> 24), (uint8_t)(in->ip >> 16),
                      (uint8_t)(in->ip >> 8), (uint8_t)in->ip};
    memcpy(in->mac, mac, sizeof mac);

    if (d->opt.log_dir) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.log", d->opt.log_dir, in->cfg.hostname);
        in->log_file = fopen(path, "w");
        if (!in->log_file) {
            snprintf(err, cap, "%s: %s", path, strerror(errno));
            return -1;
        }
    }
    debug_log_init(&in->log, &d->tq, inst_sink, in);
    for (int k = 0; k < DBG_CAT_COUNT; k++)
        debug_enable(&in->log, (enum debug_cat)k, in->cfg.debug & (1u << k));

    if (in->cfg.wire.kind == CONFIG_WIRE_UDP && udp_wire_open(in, err, cap))
        return -1;
    if (in->cfg.wire.kind == CONFIG_WIRE_TAP && tap_wire_open(in, err, cap))
        return -1;
    char cerr[300];
    if (card_if_open(in, spec, &in->channels, &in->sessions, cerr, sizeof cerr)) {
        snprintf(err, cap, "%s: %s", io->file, cerr);
        return -1;
    }

    vc.session_table_size = in->sessions;
    struct vpdn_dataplane_ops ops;
    glue_ops(in, &ops);
    struct proto_error pe = {0};
    if (vpdn_init(&in->v, &vc, &ops, &d->tq, &in->log, &pe) != PROTO_OK) {
        char b[200];
        snprintf(err, cap, "%s: %s", io->file, proto_error_format(&pe, b, sizeof b));
        return -1;
    }
    in->v_ready = true;
    return 0;
}

void l2tpd_instance_stop(struct l2tpd_inst *in)
{
    if (in->v_ready)
        vpdn_free(&in->v);
    card_if_close(in);
    udp_wire_close(in);
    tap_wire_close(in);
    if (in->cfg_ready)
        config_free(&in->cfg);
    if (in->log_file)
        fclose(in->log_file);
    lines_free(&in->lines);
    in->v_ready = in->cfg_ready = false;
    in->log_file = NULL;
}

struct l2tpd_inst *l2tpd_find_inst(struct l2tpd *d, const char *name)
{
    for (size_t i = 0; i < d->n_inst; i++) {
        struct l2tpd_inst *in = &d->inst[i];
        if (!strcmp(name, in->cfg.hostname) ||
            (!strcmp(name, "lac") && (in->cfg.role & CONFIG_ROLE_LAC)) ||
            (!strcmp(name, "lns") && (in->cfg.role & CONFIG_ROLE_LNS) &&
             !(d->n_inst > 1 && in->cfg.role == CONFIG_ROLE_BOTH && i == 0)))
            return in;
    }
    return NULL;
}

struct l2tpd_inst *l2tpd_lac(struct l2tpd *d)
{
    for (size_t i = 0; i < d->n_inst; i++)
        if (d->inst[i].cfg.role & CONFIG_ROLE_LAC)
            return &d->inst[i];
    return NULL;
}
