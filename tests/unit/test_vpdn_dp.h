/* For the test_vpdn*.c programs only: two routers (the seed's LAC hgw/5300-1
 * and LNS l2tp-gw/1600-3), each a vpdn instance on a SOFTWARE card, remote
 * users (ppp_link client role, the seed's 2500-1) on the LAC's ACCESS
 * channels, one virtual clock.
 *
 * The software card does what hw/ARCHITECTURE.md says the card does, through
 * host/proto's encoders, so it is the reference the card is held to:
 *  - ACCESS side: RFC 1662 HDLC framing/deframing with the entry's ACCMs;
 *    a channel with a programmed session sends its frames to the peer as
 *    L2TP data (RFC 2661 §3.1 header with the peer's tunnel/session IDs,
 *    Ns when sequencing), otherwise punts them (CHANNEL_PPP);
 *  - NET side: Ethernet/IPv4/UDP frames; L2TP control punted whole; data
 *    looked up by session ID (and tunnel ID), then HDLC-framed to the
 *    channel or punted to the host (SESSION_PPP); unknown sessions dropped
 *    and counted (SESS_UNKNOWN);
 *  - inject: channel PPP is HDLC-framed, session PPP is encapsulated.
 * It is not a replacement for the card: l2tpd drives driver/l2tpcard.h.
 * Frames travel through one FIFO (NET and lines alike), so every reply comes
 * after what caused it; frames to an address no card has are lost. Header-
 * only (static inline) because each test_*.c is its own program. */
#ifndef TEST_VPDN_DP_H
#define TEST_VPDN_DP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hdlc.h"
#include "hexbytes.h"
#include "l2tp_header.h"
#include "net_headers.h"
#include "ppp_const.h"
#include "unit.h"
#include "vpdn.h"

#define SW_IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))
#define SW_LAC_IP SW_IP(10, 51, 6, 68)   /* the seed's hgw ("address 10.51.6.68") */
#define SW_LNS_IP SW_IP(10, 51, 6, 82)   /* the seed's l2tp-gw */
#define SW_PORT 1701u
#define SW_ENTRIES 64
#define SW_CHANNELS 8
#define SW_QUEUE 4096
#define SW_LINES 4000
#define SW_LINE_LEN 200
#define SW_FRAME 3400

enum { SW_LAC, SW_LNS, SW_ROUTERS };

struct sim;

struct sw_entry_state {
    bool valid;
    struct vpdn_session_entry e;
    uint16_t ns, nr;
    uint64_t rx_packets, tx_packets;
};

struct sw_lines {
    char (*line)[SW_LINE_LEN];
    size_t n;
};

struct sw_card {
    struct sim *sim;
    int idx;
    uint32_t ip;
    struct l2tpd_config cfg;
    struct debug_log log;
    struct sw_lines lines;
    struct vpdn v;
    bool v_ready;
    struct sw_entry_state ent[SW_ENTRIES];
    uint64_t net_rx, ctrl_punts, session_punts, channel_punts, sess_unknown, data_tx,
        data_rx, not_for_us, programs, clears;
    bool refuse_programs;                 /* a full or failing card */
    uint8_t ip_rx[1600];                  /* LNS: last IP packet for the host */
    size_t ip_rx_len;
    uint16_t ip_rx_session;
    unsigned ip_rx_count;
};

struct sw_client {
    struct sim *sim;
    int channel;
    bool used, line_up;
    struct debug_log log;
    struct sw_lines lines;
    struct ppp_link link;
    bool link_ready;
    uint8_t ip_rx[1600];
    size_t ip_rx_len;
    unsigned ip_rx_count;
};

enum sw_qkind { SW_Q_NET, SW_Q_TO_CARD, SW_Q_TO_CLIENT, SW_Q_HANGUP };

struct sw_qent {
    enum sw_qkind kind;
    int channel;
    uint8_t data[SW_FRAME];
    size_t len;
};

struct sim {
    struct timer_queue tq;
    struct sw_card card[SW_ROUTERS];
    struct sw_client client[SW_CHANNELS];
    struct l2tpd_config client_cfg;
    struct aaa client_aaa;
    struct ppp_aaa client_ppp_aaa;
    struct sw_qent *q;
    size_t qh, qt;
    unsigned loss_pct;                    /* control packets lost on the NET wire */
    uint32_t loss_rng;
    unsigned ctrl_sent, ctrl_lost;
    uint8_t lac_script[16];               /* the LAC's first random octets: the CHAP challenge */
    size_t lac_script_pos;
    uint32_t rng[SW_ROUTERS];
    const char *lost_ip_note;
};

/* ---- small helpers ---- */

static inline void sw_sink(void *ctx, const char *line)
{
    struct sw_lines *l = ctx;
    if (l->n < SW_LINES)
        snprintf(l->line[l->n++], SW_LINE_LEN, "%s", line);
}

static inline void sw_lines_init(struct sw_lines *l)
{
    l->line = calloc(SW_LINES, SW_LINE_LEN);
    CU_ASSERT_FATAL(l->line != NULL);
    l->n = 0;
}

static inline uint32_t sw_xorshift(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static inline void sw_push(struct sim *s, enum sw_qkind kind, int channel, const uint8_t *data,
                           size_t len)
{
    CU_ASSERT_FATAL((s->qt + 1) % SW_QUEUE != s->qh);
    CU_ASSERT_FATAL(len <= SW_FRAME);
    struct sw_qent *q = &s->q[s->qt];
    s->qt = (s->qt + 1) % SW_QUEUE;
    q->kind = kind;
    q->channel = channel;
    if (len)
        memcpy(q->data, data, len);
    q->len = len;
}

static inline struct sw_entry_state *sw_entry(struct sw_card *c, uint16_t sid)
{
    for (int i = 0; i < SW_ENTRIES; i++)
        if (c->ent[i].valid && c->ent[i].e.local_session_id == sid)
            return &c->ent[i];
    return NULL;
}

static inline struct sw_entry_state *sw_entry_of_channel(struct sw_card *c, int channel)
{
    for (int i = 0; i < SW_ENTRIES; i++)
        if (c->ent[i].valid && c->ent[i].e.binding == VPDN_BIND_CHANNEL &&
            c->ent[i].e.channel == channel)
            return &c->ent[i];
    return NULL;
}

/* An Ethernet/IPv4/UDP frame from this card onto the NET wire. */
static inline void sw_net_send(struct sw_card *c, uint32_t dst_ip, uint16_t src_port,
                               uint16_t dst_port, const uint8_t *payload, size_t len)
{
    struct net_udp_packet p = {0};
    p.src_mac[5] = (uint8_t)(c->idx + 1);
    p.dst_mac[5] = (uint8_t)(2 - c->idx);
    p.ip_ttl = 64;
    p.ip_src = c->ip;
    p.ip_dst = dst_ip;
    p.udp_src = src_port;
    p.udp_dst = dst_port;
    uint8_t frame[SW_FRAME];
    size_t n = 0;
    CU_ASSERT_FATAL(net_udp_encode(&p, payload, len, frame, sizeof frame, &n, NULL) == PROTO_OK);
    sw_push(c->sim, SW_Q_NET, -1, frame, n);
}

/* L2TP data message (RFC 2661 §3.1) around a PPP frame, per the entry. */
static inline void sw_encap(struct sw_card *c, struct sw_entry_state *es, const uint8_t *ppp,
                            size_t len)
{
    struct l2tp_header h = {.version = 2, .has_length = true, .has_sequence = es->e.seq_tx,
                            .tunnel_id = es->e.peer_tunnel_id,
                            .session_id = es->e.peer_session_id, .ns = es->ns, .nr = es->nr};
    uint8_t buf[SW_FRAME];
    size_t hl = 0;
    CU_ASSERT_FATAL(l2tp_header_encode(&h, len, buf, sizeof buf, &hl, NULL) == PROTO_OK);
    CU_ASSERT_FATAL(hl + len <= sizeof buf);
    memcpy(buf + hl, ppp, len);
    if (es->e.seq_tx)
        es->ns++;
    es->tx_packets++;
    c->data_tx++;
    sw_net_send(c, es->e.peer_ip, es->e.local_port, es->e.peer_port, buf, hl + len);
}

static inline void sw_hdlc_to_client(struct sw_card *c, int channel, uint32_t accm,
                                     const uint8_t *ppp, size_t len)
{
    struct hdlc_tx_config tx = {.accm = accm, .fcs = HDLC_FCS_16, .opening_flag = true};
    uint8_t buf[SW_FRAME];
    size_t n = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx, ppp, len, buf, sizeof buf, &n, NULL) == PROTO_OK);
    sw_push(c->sim, SW_Q_TO_CLIENT, channel, buf, n);
}

/* ---- the dataplane ops a vpdn instance gets ---- */

static inline int sw_program(void *ctx, const struct vpdn_session_entry *e)
{
    struct sw_card *c = ctx;
    if (c->refuse_programs)
        return -1;
    struct sw_entry_state *es = sw_entry(c, e->local_session_id);
    for (int i = 0; !es && i < SW_ENTRIES; i++)
        if (!c->ent[i].valid)
            es = &c->ent[i];
    if (!es)
        return -1;
    bool fresh = !es->valid;
    es->valid = true;
    es->e = *e;
    if (fresh) {
        es->ns = es->nr = 0;
        es->rx_packets = es->tx_packets = 0;
    }
    c->programs++;
    return 0;
}

static inline int sw_clear(void *ctx, uint16_t sid)
{
    struct sw_card *c = ctx;
    struct sw_entry_state *es = sw_entry(c, sid);
    if (!es)
        return -1;
    es->valid = false;
    c->clears++;
    return 0;
}

static inline void sw_send_control(void *ctx, const struct l2tp_peer_addr *peer,
                                   const uint8_t *buf, size_t len)
{
    struct sw_card *c = ctx;
    struct sim *s = c->sim;
    s->ctrl_sent++;
    if (s->loss_pct && sw_xorshift(&s->loss_rng) % 100 < s->loss_pct) {
        s->ctrl_lost++;
        return;
    }
    sw_net_send(c, peer->ip, SW_PORT, peer->port, buf, len);
}

static inline void sw_send_channel(void *ctx, uint16_t channel, const uint8_t *frame, size_t len)
{
    struct sw_card *c = ctx;
    struct sw_entry_state *es = sw_entry_of_channel(c, channel);
    sw_hdlc_to_client(c, channel, es ? es->e.tx_accm : PPP_DEFAULT_ACCM, frame, len);
}

static inline void sw_send_session(void *ctx, uint16_t sid, const uint8_t *frame, size_t len)
{
    struct sw_card *c = ctx;
    struct sw_entry_state *es = sw_entry(c, sid);
    if (!es) {
        c->sess_unknown++;
        return;
    }
    sw_encap(c, es, frame, len);
}

static inline void sw_hangup(void *ctx, uint16_t channel)
{
    struct sw_card *c = ctx;
    sw_push(c->sim, SW_Q_HANGUP, channel, NULL, 0);
}

static inline void sw_ip_input(void *ctx, uint16_t sid, const uint8_t *packet, size_t len)
{
    struct sw_card *c = ctx;
    CU_ASSERT_FATAL(len <= sizeof c->ip_rx);
    memcpy(c->ip_rx, packet, len);
    c->ip_rx_len = len;
    c->ip_rx_session = sid;
    c->ip_rx_count++;
}

static inline int sw_random(void *ctx, uint8_t *buf, size_t len)
{
    struct sw_card *c = ctx;
    struct sim *s = c->sim;
    for (size_t i = 0; i < len; i++) {
        if (c->idx == SW_LAC && s->lac_script_pos < sizeof s->lac_script)
            buf[i] = s->lac_script[s->lac_script_pos++];
        else
            buf[i] = (uint8_t)sw_xorshift(&s->rng[c->idx]);
    }
    return 0;
}

/* ---- the card's receive paths ---- */

static inline void sw_card_net_rx(struct sw_card *c, const uint8_t *frame, size_t len)
{
    struct net_udp_packet p;
    if (net_udp_decode(frame, len, &p, NULL) != PROTO_OK || p.udp_dst != SW_PORT) {
        c->not_for_us++;
        return;
    }
    c->net_rx++;
    struct l2tp_header h;
    if (l2tp_header_decode(p.payload, p.payload_len, 0, &h, NULL) != PROTO_OK) {
        c->not_for_us++;
        return;
    }
    if (h.is_control) {
        c->ctrl_punts++;
        struct l2tp_peer_addr from = {.ip = p.ip_src, .port = p.udp_src};
        (void)vpdn_control_input(&c->v, &from, p.payload, p.payload_len, NULL);
        return;
    }
    struct sw_entry_state *es = sw_entry(c, h.session_id);
    if (!es || es->e.local_tunnel_id != h.tunnel_id) {
        c->sess_unknown++;
        return;
    }
    if (h.has_sequence)
        es->nr = (uint16_t)(h.ns + 1);
    es->rx_packets++;
    c->data_rx++;
    const uint8_t *ppp = p.payload + h.header_len;
    if (es->e.binding == VPDN_BIND_CHANNEL) {
        sw_hdlc_to_client(c, es->e.channel, es->e.tx_accm, ppp, h.payload_len);
    } else {
        c->session_punts++;
        (void)vpdn_session_ppp_input(&c->v, h.session_id, ppp, h.payload_len, NULL);
    }
}

static inline void sw_card_channel_rx(struct sw_card *c, int channel, const uint8_t *octets,
                                      size_t len)
{
    struct sw_entry_state *es = sw_entry_of_channel(c, channel);
    struct hdlc_rx_config rx = {.accm = es ? es->e.rx_accm : PPP_DEFAULT_ACCM,
                                .fcs = HDLC_FCS_16, .mru = 1600};
    uint8_t frame[SW_FRAME];
    size_t n = 0;
    if (hdlc_decode(&rx, octets, len, frame, sizeof frame, &n, NULL) != PROTO_OK)
        return;
    if (es) {
        sw_encap(c, es, frame, n);
    } else {
        c->channel_punts++;
        (void)vpdn_channel_ppp_input(&c->v, (uint16_t)channel, frame, n, NULL);
    }
}

/* ---- remote users ---- */

static inline void sw_client_send(void *ctx, const uint8_t *frame, size_t len)
{
    struct sw_client *u = ctx;
    if (!u->line_up)
        return;
    uint8_t ppp[SW_FRAME];
    ppp[0] = PPP_ALLSTATIONS;
    ppp[1] = PPP_UI;
    memcpy(ppp + 2, frame, len);
    struct hdlc_tx_config tx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16, .opening_flag = true};
    uint8_t buf[SW_FRAME];
    size_t n = 0;
    CU_ASSERT_FATAL(hdlc_encode(&tx, ppp, len + 2, buf, sizeof buf, &n, NULL) == PROTO_OK);
    sw_push(u->sim, SW_Q_TO_CARD, u->channel, buf, n);
}

static inline void sw_client_random(void *ctx, uint8_t *buf, size_t len)
{
    struct sw_client *u = ctx;
    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)sw_xorshift(&u->sim->rng[SW_LAC]);
}

static inline void sw_client_ip(void *ctx, const uint8_t *packet, size_t len)
{
    struct sw_client *u = ctx;
    CU_ASSERT_FATAL(len <= sizeof u->ip_rx);
    memcpy(u->ip_rx, packet, len);
    u->ip_rx_len = len;
    u->ip_rx_count++;
}

static inline void sw_client_rx(struct sw_client *u, const uint8_t *octets, size_t len)
{
    struct hdlc_rx_config rx = {.accm = PPP_DEFAULT_ACCM, .fcs = HDLC_FCS_16, .mru = 1600};
    uint8_t frame[SW_FRAME];
    size_t n = 0;
    if (!u->line_up || hdlc_decode(&rx, octets, len, frame, sizeof frame, &n, NULL) != PROTO_OK)
        return;
    (void)ppp_link_input(&u->link, frame, n, NULL);
}

/* The seed's 2500-1 on `channel`: user `name`, asking for `addr` (0: none). */
static inline void sw_client_add(struct sim *s, int channel, const char *name, uint32_t addr,
                                 uint8_t first_lcp_id)
{
    struct sw_client *u = &s->client[channel];
    u->sim = s;
    u->channel = channel;
    u->used = true;
    if (!u->lines.line)
        sw_lines_init(&u->lines);
    debug_log_init(&u->log, NULL, sw_sink, &u->lines);
    debug_enable(&u->log, DBG_PPP_NEGOTIATION, true);
    debug_enable(&u->log, DBG_PPP_AUTH, true);
    struct ppp_link_config c;
    memset(&c, 0, sizeof c);
    c.role = PPP_ROLE_CLIENT;
    c.ifname = "BRI0";
    c.hostname = name;
    c.lcp.magic = true;
    c.lcp.magic_number = 0x6EE4E865u + (uint32_t)channel;
    c.lcp.allow_chap = true;
    c.lcp.allow_pap = true;
    c.lcp_fsm.first_id = first_lcp_id;
    c.ipcp.request_address = true;
    c.ipcp.address = addr;
    c.ipcp.request_vj = true;
    c.ipcp.vj_max_slot_id = 15;
    c.ipcp_fsm.first_id = 187;
    struct ppp_link_callbacks cb = {.ctx = u, .send = sw_client_send, .random = sw_client_random,
                                    .ip_input = sw_client_ip};
    CU_ASSERT_FATAL(ppp_link_init(&u->link, &c, &cb, &s->client_ppp_aaa, &s->tq, &u->log, NULL) ==
                    PROTO_OK);
    u->link_ready = true;
}

/* The ISDN call arrives: the LAC's line up, then the user's LCP. */
static inline void sw_dial(struct sim *s, int channel, const char *dnis, const char *calling)
{
    struct sw_client *u = &s->client[channel];
    u->line_up = true;
    CU_ASSERT_FATAL(vpdn_line_up(&s->card[SW_LAC].v, (uint16_t)channel, dnis, calling, NULL) ==
                    PROTO_OK);
    ppp_link_start(&u->link);
}

/* The user drops the line. */
static inline void sw_drop(struct sim *s, int channel)
{
    struct sw_client *u = &s->client[channel];
    u->line_up = false;
    ppp_link_lower_down(&u->link);
    CU_ASSERT_EQUAL(vpdn_line_down(&s->card[SW_LAC].v, (uint16_t)channel, NULL), PROTO_OK);
}

/* ---- the simulation ---- */

static inline void sw_card_config(struct sw_card *c, const char *file, const char *text)
{
    struct config_error ce;
    proto_status st = text ? config_parse(file, text, strlen(text), &c->cfg, &ce)
                           : config_load(file, &c->cfg, &ce);
    if (st != PROTO_OK) {
        char b[400];
        fprintf(stderr, "%s\n", config_error_format(&ce, b, sizeof b));
    }
    CU_ASSERT_FATAL(st == PROTO_OK);
}

/* Router idx from a config file (text NULL) or text; lns_address as IPCP. */
static inline void sw_card_start(struct sim *s, int idx)
{
    struct sw_card *c = &s->card[idx];
    sw_lines_init(&c->lines);
    debug_log_init(&c->log, NULL, sw_sink, &c->lines);
    for (int k = 0; k < DBG_CAT_COUNT; k++)
        debug_enable(&c->log, (enum debug_cat)k, true);
    struct vpdn_config vc = {.cfg = &c->cfg, .local_ip = c->ip, .random = sw_random,
                             .random_ctx = c};
    if (idx == SW_LAC) {
        /* The seed's 5300-1: LCP id 11, CHAP id 6, Magic 0x109D08F2. */
        vc.lac_lcp_first_id = 11;
        vc.lac_chap_first_id = 6;
        vc.lac_magic = 0x109D08F2u;
        vc.tunnel_id_start = 17688;
        vc.session_id_start = 7;
    } else {
        /* The seed's 1600-3: Vi4, IPCP id 1 with 10.51.6.82, CHAP id 3. */
        vc.first_vaccess = 4;
        vc.lns_ipcp_first_id = 1;
        vc.lns_chap_first_id = 3;
        vc.lns_address = SW_LNS_IP;
        vc.tunnel_id_start = 55270;
        vc.session_id_start = 45;
    }
    struct vpdn_dataplane_ops dp = {.ctx = c, .session_program = sw_program,
                                    .session_clear = sw_clear, .send_control = sw_send_control,
                                    .send_channel_ppp = sw_send_channel,
                                    .send_session_ppp = sw_send_session, .hangup = sw_hangup,
                                    .ip_input = sw_ip_input};
    struct proto_error err = {0};
    proto_status st = vpdn_init(&c->v, &vc, &dp, &s->tq, &c->log, &err);
    if (st != PROTO_OK) {
        char b[200];
        fprintf(stderr, "vpdn_init: %s\n", proto_error_format(&err, b, sizeof b));
    }
    CU_ASSERT_FATAL(st == PROTO_OK);
    c->v_ready = true;
}

/* Both routers from files or texts (NULL text: the file). */
static inline void sim_init(struct sim *s, const char *lac_file, const char *lac_text,
                            const char *lns_file, const char *lns_text, const char *client_text)
{
    memset(s, 0, sizeof *s);
    s->q = calloc(SW_QUEUE, sizeof *s->q);
    CU_ASSERT_FATAL(s->q != NULL);
    CU_ASSERT_FATAL(timer_queue_init(&s->tq, CLOCK_VIRTUAL) == 0);
    s->rng[SW_LAC] = 0x1234567u;
    s->rng[SW_LNS] = 0x7654321u;
    s->loss_rng = 0xC0FFEEu;
    size_t n = 0;
    CU_ASSERT_FATAL(hex_parse("5D0D008CB1677CF8BC354556321A7A74", s->lac_script,
                              sizeof s->lac_script, &n, NULL) == PROTO_OK);
    for (int i = 0; i < SW_ROUTERS; i++) {
        s->card[i].sim = s;
        s->card[i].idx = i;
    }
    s->card[SW_LAC].ip = SW_LAC_IP;
    s->card[SW_LNS].ip = SW_LNS_IP;
    sw_card_config(&s->card[SW_LAC], lac_file, lac_text);
    sw_card_config(&s->card[SW_LNS], lns_file, lns_text);
    /* The users' own secrets (what each 2500-1 believes). */
    struct config_error ce;
    const char *ct = client_text ? client_text
                                 : "[global]\nrole = lac\nhostname = users\n"
                                   "[user 2500-1]\nsecret = cisco\n";
    CU_ASSERT_FATAL(config_parse("users", ct, strlen(ct), &s->client_cfg, &ce) == PROTO_OK);
    CU_ASSERT_FATAL(aaa_init(&s->client_aaa, &s->client_cfg, NULL, NULL) == PROTO_OK);
    aaa_ppp_interface(&s->client_aaa, &s->client_ppp_aaa);
    sw_card_start(s, SW_LAC);
    sw_card_start(s, SW_LNS);
}

static inline void sim_free(struct sim *s)
{
    for (int i = 0; i < SW_ROUTERS; i++) {
        if (s->card[i].v_ready)
            vpdn_free(&s->card[i].v);
        config_free(&s->card[i].cfg);
        free(s->card[i].lines.line);
    }
    for (int i = 0; i < SW_CHANNELS; i++) {
        if (s->client[i].link_ready)
            ppp_link_stop(&s->client[i].link);
        free(s->client[i].lines.line);
    }
    aaa_free(&s->client_aaa);
    config_free(&s->client_cfg);
    timer_queue_free(&s->tq);
    free(s->q);
}

static inline void sim_pump(struct sim *s)
{
    for (unsigned guard = 0; s->qh != s->qt && guard < 1000000; guard++) {
        struct sw_qent *q = &s->q[s->qh];
        s->qh = (s->qh + 1) % SW_QUEUE;
        /* Copy out: handling may push more. */
        static struct sw_qent e;
        e.kind = q->kind;
        e.channel = q->channel;
        e.len = q->len;
        memcpy(e.data, q->data, q->len);
        switch (e.kind) {
        case SW_Q_NET: {
            struct net_udp_packet p;
            if (net_udp_decode(e.data, e.len, &p, NULL) != PROTO_OK)
                break;
            for (int i = 0; i < SW_ROUTERS; i++)
                if (s->card[i].ip == p.ip_dst)
                    sw_card_net_rx(&s->card[i], e.data, e.len);
            break;
        }
        case SW_Q_TO_CARD:
            sw_card_channel_rx(&s->card[SW_LAC], e.channel, e.data, e.len);
            break;
        case SW_Q_TO_CLIENT:
            if (s->client[e.channel].used)
                sw_client_rx(&s->client[e.channel], e.data, e.len);
            break;
        case SW_Q_HANGUP: {
            struct sw_client *u = &s->client[e.channel];
            if (u->used && u->line_up) {
                u->line_up = false;
                ppp_link_lower_down(&u->link);
            }
            break;
        }
        }
    }
}

/* Pumps and moves the virtual clock from timer to timer until done(s) or
 * virtual time `limit_us`. */
static inline bool sim_run(struct sim *s, bool (*done)(struct sim *), uint64_t limit_us)
{
    for (;;) {
        sim_pump(s);
        if (done && done(s))
            return true;
        uint64_t next = timer_queue_next(&s->tq);
        if (next == TIMER_NEVER || next > limit_us)
            return done ? done(s) : true;
        timer_queue_advance(&s->tq, next);
    }
}

static inline void sim_advance(struct sim *s, uint64_t to)
{
    sim_run(s, NULL, to);
    if (timer_now(&s->tq) < to)
        timer_queue_advance(&s->tq, to);
    sim_pump(s);
}

/* ---- checks ---- */

static inline int sw_find(const struct sw_lines *l, size_t from, const char *want)
{
    for (size_t i = from; i < l->n; i++)
        if (strcmp(l->line[i], want) == 0)
            return (int)i;
    return -1;
}

static inline void sw_dump(const char *who, const struct sw_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        fprintf(stderr, "  %s| %s\n", who, l->line[i]);
}

/* Every line, in this order (others may come between). Returns how many
 * were found in order. */
static inline size_t sw_expect_in_order(const char *who, const struct sw_lines *l,
                                        const char *const *want, size_t n)
{
    size_t from = 0, k = 0;
    for (; k < n; k++) {
        int at = sw_find(l, from, want[k]);
        if (at < 0) {
            fprintf(stderr, "%s: missing in order: \"%s\"\n", who, want[k]);
            sw_dump(who, l);
            break;
        }
        from = (size_t)at + 1;
    }
    CU_ASSERT_EQUAL(k, n);
    return k;
}

static inline size_t sw_calls(const struct sim *s, int idx)
{
    return vpdn_show_calls(&s->card[idx].v, NULL, 0);
}

static inline size_t sw_tunnels(const struct sim *s, int idx)
{
    return vpdn_show_tunnels(&s->card[idx].v, NULL, 0);
}

static inline size_t sw_valid_entries(const struct sw_card *c)
{
    size_t n = 0;
    for (int i = 0; i < SW_ENTRIES; i++)
        n += c->ent[i].valid;
    return n;
}

#endif
