/* Simulated remote users (the seed's 2500-1): a ppp_link in client role on
 * an ACCESS channel of the LAC's card, its frames HDLC-framed as on the
 * ISDN line (RFC 1662 §4, default ACCM, FCS-16). Dialling raises the LAC's
 * line (vpdn_line_up with DNIS and calling number); dropping lowers it. */
#include <stdlib.h>
#include <string.h>

#include "hdlc.h"
#include "l2tpd.h"
#include "net_headers.h"
#include "ppp_const.h"

static void user_sink(void *ctx, const char *line)
{
    struct l2tpd_user *u = ctx;
    lines_add(&u->lines, line);
}

static void user_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct l2tpd_user *u = ctx;
    struct l2tpd_inst *lac = l2tpd_lac(u->d);
    if (!u->line_up || !lac || len + 2 > SOFTCARD_FRAME_MAX)
        return;
    uint8_t ppp[SOFTCARD_FRAME_MAX];
    ppp[0] = PPP_ALLSTATIONS;   /* RFC 1662 §3.1: address and control */
    ppp[1] = PPP_UI;
    memcpy(ppp + 2, frame, len);
    struct hdlc_tx_config tx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16, .opening_flag = true};
    uint8_t buf[2 * SOFTCARD_FRAME_MAX + 16];
    size_t n = 0;
    if (hdlc_encode(&tx, ppp, len + 2, buf, sizeof buf, &n, NULL) == PROTO_OK)
        (void)wire_push(u->d, WIRE_TO_ACCESS, lac->idx, u->channel, buf, n);
}

static void user_random(void *ctx, uint8_t *buf, size_t len)
{
    struct l2tpd_user *u = ctx;
    uint32_t s = 0x9E3779B9u ^ ((uint32_t)u->channel << 8) ^ (uint32_t)u->echo_seq;
    for (size_t i = 0; i < len; i++) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        buf[i] = (uint8_t)s;
    }
}

static void user_ip(void *ctx, const uint8_t *pkt, size_t len)
{
    struct l2tpd_user *u = ctx;
    size_t ihl = len ? (size_t)(pkt[0] & 0xF) * 4 : 0;
    if (len >= 28 && ihl >= 20 && ihl < len && pkt[9] == 1 && pkt[ihl] == 0) /* echo reply */
        u->echo_replies++;
}

static void user_frame(void *ctx, enum hdlc_rx_event ev, const uint8_t *frame, size_t len)
{
    struct l2tpd_user *u = ctx;
    if (ev == HDLC_RX_FRAME && u->line_up)
        (void)ppp_link_input(&u->link, frame, len, NULL);
}

/* The card's octets on the line, in whatever pieces they come. */
void user_line_rx(struct l2tpd_user *u, const uint8_t *octets, size_t len)
{
    if (!u->line_up || !u->link_ready)
        return;
    hdlc_rx_push(&u->rx, octets, len, user_frame, u);
}

void user_hangup(struct l2tpd_user *u)
{
    if (!u->line_up)
        return;
    u->line_up = false;
    ppp_link_lower_down(&u->link);
}

int user_add(struct l2tpd *d, uint16_t channel, const char *name, const char *secret,
             uint32_t addr, uint8_t lcp_id, uint8_t ipcp_id, uint32_t magic, char *err,
             size_t cap)
{
    if (channel >= d->channels) {
        snprintf(err, cap, "channel %u: the card has %u", channel, d->channels);
        return -1;
    }
    struct l2tpd_user *u = &d->user[channel];
    if (u->used) {
        snprintf(err, cap, "channel %u: a user is already there", channel);
        return -1;
    }
    if (strlen(name) >= sizeof u->name || strchr(name, ']') || strchr(secret, '\n')) {
        snprintf(err, cap, "user '%s': bad name or secret", name);
        return -1;
    }
    memset(u, 0, sizeof *u);
    u->d = d;
    u->channel = channel;
    snprintf(u->name, sizeof u->name, "%s", name);
    /* What the user believes its secret is, as an l2tpd config (the AAA
     * answers the LAC's challenge from it). */
    char text[512];
    snprintf(text, sizeof text, "[global]\nrole = lac\nhostname = %s\n[user %s]\nsecret = %s\n",
             name, name, secret);
    struct config_error ce;
    if (config_parse("user", text, strlen(text), &u->cfg, &ce) != PROTO_OK) {
        config_error_format(&ce, err, cap);
        return -1;
    }
    u->cfg_ready = true;
    struct proto_error pe = {0};
    if (aaa_init(&u->aaa, &u->cfg, NULL, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        config_free(&u->cfg);
        return -1;
    }
    aaa_ppp_interface(&u->aaa, &u->ppp_aaa);
    debug_log_init(&u->log, &d->tq, user_sink, u);
    debug_enable(&u->log, DBG_PPP_NEGOTIATION, true);
    debug_enable(&u->log, DBG_PPP_AUTH, true);
    struct ppp_link_config c;
    memset(&c, 0, sizeof c);
    c.role = PPP_ROLE_CLIENT;
    c.ifname = "BRI0";
    c.hostname = u->name;
    c.lcp.magic = true;
    c.lcp.magic_number = magic ? magic : 0x6EE4E865u + channel;
    c.lcp.allow_chap = true;
    c.lcp.allow_pap = true;
    c.lcp_fsm.first_id = lcp_id ? lcp_id : 1;
    c.ipcp.request_address = true;
    c.ipcp.address = addr;
    c.ipcp.request_vj = true;   /* the seed's 2500-1 asks for VJ (the LNS rejects it) */
    c.ipcp.vj_max_slot_id = 15;
    c.ipcp_fsm.first_id = ipcp_id ? ipcp_id : 1;
    struct ppp_link_callbacks cb = {.ctx = u, .send = user_send, .random = user_random,
                                    .ip_input = user_ip};
    if (ppp_link_init(&u->link, &c, &cb, &u->ppp_aaa, &d->tq, &u->log, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        aaa_free(&u->aaa);
        config_free(&u->cfg);
        return -1;
    }
    u->link_ready = true;
    u->used = true;
    return 0;
}

int user_dial(struct l2tpd *d, uint16_t channel, const char *dnis, const char *calling,
              char *err, size_t cap)
{
    struct l2tpd_inst *lac = l2tpd_lac(d);
    if (channel >= d->channels || !d->user[channel].used || !lac) {
        snprintf(err, cap, "dial: no user on channel %u, or no LAC", channel);
        return -1;
    }
    struct l2tpd_user *u = &d->user[channel];
    if (u->line_up) {
        snprintf(err, cap, "dial: channel %u is already up", channel);
        return -1;
    }
    struct proto_error pe = {0};
    if (vpdn_line_up(&lac->v, channel, dnis, calling, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        return -1;
    }
    struct hdlc_rx_config rx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16,
                                .mru = SOFTCARD_FRAME_MAX};
    if (hdlc_rx_init(&u->rx, &rx, u->rx_buf, sizeof u->rx_buf) != PROTO_OK) {
        snprintf(err, cap, "dial: channel %u: deframer", channel);
        return -1;
    }
    u->line_up = true;
    ppp_link_start(&u->link);
    return 0;
}

int user_drop(struct l2tpd *d, uint16_t channel, char *err, size_t cap)
{
    struct l2tpd_inst *lac = l2tpd_lac(d);
    if (channel >= d->channels || !d->user[channel].used || !lac) {
        snprintf(err, cap, "drop: no user on channel %u", channel);
        return -1;
    }
    struct l2tpd_user *u = &d->user[channel];
    user_hangup(u);
    struct proto_error pe = {0};
    if (vpdn_line_down(&lac->v, channel, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        return -1;
    }
    return 0;
}

/* An ICMP echo request (RFC 792) of `size` octets from the user to dst. */
int user_ping(struct l2tpd *d, uint16_t channel, uint32_t dst, size_t size, char *err,
              size_t cap)
{
    if (channel >= d->channels || !d->user[channel].used || !d->user[channel].line_up) {
        snprintf(err, cap, "ping: no user up on channel %u", channel);
        return -1;
    }
    struct l2tpd_user *u = &d->user[channel];
    if (!ppp_link_ipcp_open(&u->link)) {
        snprintf(err, cap, "ping: channel %u: IPCP is not open", channel);
        return -1;
    }
    if (size < 28 || size > 1500)
        size = 60;
    uint8_t p[1500] = {0};
    uint32_t src = u->link.ipcp.got.address;
    p[0] = 0x45;
    p[2] = (uint8_t)(size >> 8);
    p[3] = (uint8_t)size;
    p[8] = 255;
    p[9] = 1;
    for (int i = 0; i < 4; i++) {
        p[12 + i] = (uint8_t)(src >> (24 - 8 * i));
        p[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
    }
    uint16_t c = inet_checksum(p, 20);
    p[10] = (uint8_t)(c >> 8);
    p[11] = (uint8_t)c;
    uint8_t *icmp = p + 20;
    icmp[0] = 8;
    icmp[5] = (uint8_t)(channel + 1);
    u->echo_seq++;
    icmp[6] = (uint8_t)(u->echo_seq >> 8);
    icmp[7] = (uint8_t)u->echo_seq;
    for (size_t i = 8; i < size - 20; i++)
        icmp[i] = (uint8_t)('a' + i % 23);
    c = inet_checksum(icmp, size - 20);
    icmp[2] = (uint8_t)(c >> 8);
    icmp[3] = (uint8_t)c;
    struct proto_error pe = {0};
    if (ppp_link_send_ip(&u->link, p, size, &pe) != PROTO_OK) {
        proto_error_format(&pe, err, cap);
        return -1;
    }
    u->echo_sent++;
    return 0;
}

void users_free(struct l2tpd *d)
{
    for (unsigned i = 0; d->user && i < d->channels; i++) {
        struct l2tpd_user *u = &d->user[i];
        if (!u->used)
            continue;
        if (u->link_ready)
            ppp_link_stop(&u->link);
        aaa_free(&u->aaa);
        config_free(&u->cfg);
        lines_free(&u->lines);
        u->used = false;
    }
    free(d->user);
    d->user = NULL;
}
