/* The RFC 1661 automaton: every cell of the §4.1 state transition table
 * (the table below is the RFC's text, parsed here independently of
 * ppp_fsm_table.c, and each cell is run on a live automaton whose actions
 * are observed from outside: packets sent, layer callbacks, the restart
 * counter), then the restart timer, Max-Configure/Terminate/Failure,
 * Identifier checks, Code-Reject and passive open. */
#include <stdlib.h>
#include <string.h>

#include "ppp_const.h"
#include "ppp_fsm.h"
#include "unit.h"

static const char *const rfc_table[] = {
    "      | State",
    "      |    0         1         2         3         4         5",
    "Events| Initial   Starting  Closed    Stopped   Closing   Stopping",
    "------+-----------------------------------------------------------",
    " Up   |    2     irc,scr/6     -         -         -         -",
    " Down |    -         -         0       tls/1       0         1",
    " Open |  tls/1       1     irc,scr/6     3r        5r        5r",
    " Close|    0       tlf/0       2         2         4         4",
    "  TO+ |    -         -         -         -       str/4     str/5",
    "  TO- |    -         -         -         -       tlf/2     tlf/3",
    " RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5",
    " RCR- |    -         -       sta/2 irc,scr,scn/6   4         5",
    " RCA  |    -         -       sta/2     sta/3       4         5",
    " RCN  |    -         -       sta/2     sta/3       4         5",
    " RTR  |    -         -       sta/2     sta/3     sta/4     sta/5",
    " RTA  |    -         -         2         3       tlf/2     tlf/3",
    " RUC  |    -         -       scj/2     scj/3     scj/4     scj/5",
    " RXJ+ |    -         -         2         3         4         5",
    " RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3",
    " RXR  |    -         -         2         3         4         5",
    "",
    "      | State",
    "      |    6         7         8           9",
    "Events| Req-Sent  Ack-Rcvd  Ack-Sent    Opened",
    "------+-----------------------------------------",
    " Up   |    -         -         -           -",
    " Down |    1         1         1         tld/1",
    " Open |    6         7         8           9r",
    " Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4",
    "  TO+ |  scr/6     scr/6     scr/8         -",
    "  TO- |  tlf/3p    tlf/3p    tlf/3p        -",
    " RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8",
    " RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6",
    " RCA  |  irc/7     scr/6x  irc,tlu/9   tld,scr/6x",
    " RCN  |irc,scr/6   scr/6x  irc,scr/8   tld,scr/6x",
    " RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5",
    " RTA  |    6         6         8       tld,scr/6",
    " RUC  |  scj/6     scj/7     scj/8       scj/9",
    " RXJ+ |    6         6         8           9",
    " RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5",
    " RXR  |    6         7         8         ser/9",
};

struct expect {
    bool legal;
    unsigned actions;
    int next;
};

static struct expect expected[PPP_FSM_EVENT_COUNT][PPP_FSM_STATE_COUNT];

static int event_by_name(const char *name)
{
    for (int e = 0; e < PPP_FSM_EVENT_COUNT; e++)
        if (strcmp(ppp_fsm_event_name((enum ppp_fsm_event)e), name) == 0)
            return e;
    return -1;
}

static unsigned action_by_name(const char *name, size_t len)
{
    for (unsigned bit = 1; bit <= PPP_ACT_SER; bit <<= 1)
        if (strlen(ppp_fsm_action_name((enum ppp_fsm_action)bit)) == len &&
            strncmp(ppp_fsm_action_name((enum ppp_fsm_action)bit), name, len) == 0)
            return bit;
    return 0;
}

/* Parses the RFC text into expected[][]; returns the number of cells. */
static unsigned parse_rfc_table(void)
{
    unsigned cells = 0;
    int first_state = 0;
    for (size_t i = 0; i < sizeof rfc_table / sizeof rfc_table[0]; i++) {
        const char *line = rfc_table[i];
        const char *bar = strchr(line, '|');
        if (!bar)
            continue;
        char name[8] = {0};
        sscanf(line, " %7[^ |]", name);
        if (strcmp(name, "Events") == 0 || name[0] == '\0') {
            int s;
            if (sscanf(bar + 1, " %d", &s) == 1)
                first_state = s;   /* the "0 1 2 ..." header row */
            continue;
        }
        int ev = event_by_name(name);
        CU_ASSERT_FATAL(ev >= 0);
        char buf[128];
        snprintf(buf, sizeof buf, "%s", bar + 1);
        int st = first_state;
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "), st++) {
            struct expect *x = &expected[ev][st];
            cells++;
            if (strcmp(tok, "-") == 0) {
                *x = (struct expect){false, 0, -1};
                continue;
            }
            x->legal = true;
            char *slash = strchr(tok, '/');
            const char *num = tok;
            if (slash) {
                for (char *a = tok; a < slash;) {
                    char *comma = memchr(a, ',', (size_t)(slash - a));
                    size_t len = (size_t)((comma ? comma : slash) - a);
                    unsigned bit = action_by_name(a, len);
                    CU_ASSERT_FATAL(bit != 0);
                    x->actions |= bit;
                    a += len + (comma ? 1 : 0);
                }
                num = slash + 1;
            }
            x->next = atoi(num);   /* footnote letters p, r, x follow the digit */
        }
    }
    return cells;
}

/* An automaton whose actions are observed from outside. */
struct obs {
    unsigned tlu, tld, tls, tlf;
    unsigned sent[16];           /* by code */
    unsigned sent_total;
    uint8_t last_code;
    uint8_t last_pkt[300];
    size_t last_len;
    bool nak_request;            /* check_request answers Nak (or Reject) */
    unsigned naks_seen, rejects_seen;
};

static struct obs *obs_of(struct ppp_fsm *f)
{
    return f->owner;
}

static proto_status t_build(struct ppp_fsm *f, uint8_t *out, size_t cap, size_t *len)
{
    (void)f;
    static const uint8_t magic[] = {LCP_OPT_MAGIC_NUMBER, 6, 0x11, 0x22, 0x33, 0x44};
    if (cap < sizeof magic)
        return PROTO_ENOSPC;
    memcpy(out, magic, sizeof magic);
    *len = sizeof magic;
    return PROTO_OK;
}

static proto_status t_check(struct ppp_fsm *f, const uint8_t *opts, size_t len,
                            bool reject_only, struct ppp_fsm_reply *r)
{
    struct obs *o = obs_of(f);
    if (!o->nak_request)
        return PROTO_OK;
    r->code = reject_only ? PPP_CONFIGURE_REJECT : PPP_CONFIGURE_NAK;
    memcpy(r->opts, opts, len);
    r->len = len;
    return PROTO_OK;
}

static proto_status t_nak(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    (void)opts;
    (void)len;
    obs_of(f)->naks_seen++;
    return PROTO_OK;
}

static proto_status t_rej(struct ppp_fsm *f, const uint8_t *opts, size_t len)
{
    (void)opts;
    (void)len;
    obs_of(f)->rejects_seen++;
    return PROTO_OK;
}

static void t_tlu(struct ppp_fsm *f) { obs_of(f)->tlu++; }
static void t_tld(struct ppp_fsm *f) { obs_of(f)->tld++; }
static void t_tls(struct ppp_fsm *f) { obs_of(f)->tls++; }
static void t_tlf(struct ppp_fsm *f) { obs_of(f)->tlf++; }

static void t_echo_reply(struct ppp_fsm *f, const struct ppp_cp_packet *p)
{
    ppp_fsm_send_packet(f, PPP_ECHO_REPLY, p->id, p->data, p->data_len);
}

static enum ppp_fsm_event t_ext(struct ppp_fsm *f, const struct ppp_cp_packet *p)
{
    (void)f;
    return p->code == PPP_ECHO_REQUEST ? PPP_EV_RXR : PPP_EV_RUC;
}

static const struct ppp_fsm_ops t_ops = {
    .build_request = t_build, .check_request = t_check, .got_nak = t_nak,
    .got_reject = t_rej, .layer_up = t_tlu, .layer_down = t_tld, .layer_started = t_tls,
    .layer_finished = t_tlf, .extended_code = t_ext, .send_echo_reply = t_echo_reply,
};

static void t_send(void *ctx, uint16_t protocol, const uint8_t *pkt, size_t len)
{
    struct obs *o = ctx;
    CU_ASSERT_EQUAL(protocol, PPP_PROTO_LCP);
    CU_ASSERT_FATAL(len >= 4 && len <= sizeof o->last_pkt);
    o->sent[pkt[0] & 15]++;
    o->sent_total++;
    o->last_code = pkt[0];
    memcpy(o->last_pkt, pkt, len);
    o->last_len = len;
}

static void new_fsm(struct ppp_fsm *f, struct obs *o, struct timer_queue *tq,
                    const struct ppp_fsm_config *cfg)
{
    memset(o, 0, sizeof *o);
    ppp_fsm_init(f, "LCP", PPP_PROTO_LCP, &t_ops, o, cfg, tq, t_send, o, NULL, NULL);
}

/* The packet that makes a receive event, for the actions that answer it. */
static struct ppp_cp_packet packet_for(enum ppp_fsm_event ev)
{
    static const uint8_t opts[] = {LCP_OPT_MAGIC_NUMBER, 6, 1, 2, 3, 4};
    static const uint8_t magic[] = {0, 0, 0, 0};
    struct ppp_cp_packet p = {.id = 42, .data = opts, .data_len = sizeof opts};
    switch (ev) {
    case PPP_EV_RCR_PLUS:
    case PPP_EV_RCR_MINUS: p.code = PPP_CONFIGURE_REQUEST; break;
    case PPP_EV_RCA: p.code = PPP_CONFIGURE_ACK; break;
    case PPP_EV_RCN: p.code = PPP_CONFIGURE_NAK; break;
    case PPP_EV_RTR: p.code = PPP_TERMINATE_REQUEST; p.data_len = 0; break;
    case PPP_EV_RTA: p.code = PPP_TERMINATE_ACK; p.data_len = 0; break;
    case PPP_EV_RUC: p.code = 0x55; break;
    case PPP_EV_RXJ_PLUS:
    case PPP_EV_RXJ_MINUS: p.code = PPP_CODE_REJECT; break;
    case PPP_EV_RXR: p.code = PPP_ECHO_REQUEST; p.data = magic; p.data_len = 4; break;
    default: p.code = 0; break;
    }
    p.length = (uint16_t)(4 + p.data_len);
    return p;
}

static unsigned observed_actions(const struct obs *o, const struct ppp_fsm *f, unsigned before,
                                 bool timer_was_armed)
{
    unsigned a = 0;
    if (o->tlu) a |= PPP_ACT_TLU;
    if (o->tld) a |= PPP_ACT_TLD;
    if (o->tls) a |= PPP_ACT_TLS;
    if (o->tlf) a |= PPP_ACT_TLF;
    if (o->sent[PPP_CONFIGURE_REQUEST]) a |= PPP_ACT_SCR;
    if (o->sent[PPP_CONFIGURE_ACK]) a |= PPP_ACT_SCA;
    if (o->sent[PPP_CONFIGURE_NAK] || o->sent[PPP_CONFIGURE_REJECT]) a |= PPP_ACT_SCN;
    if (o->sent[PPP_TERMINATE_REQUEST]) a |= PPP_ACT_STR;
    if (o->sent[PPP_TERMINATE_ACK]) a |= PPP_ACT_STA;
    if (o->sent[PPP_CODE_REJECT]) a |= PPP_ACT_SCJ;
    if (o->sent[PPP_ECHO_REPLY]) a |= PPP_ACT_SER;
    /* irc/zrc from the counter: it started at `before`, a value neither
     * Max-Configure nor Max-Terminate has; scr/str each take one. */
    unsigned sends = (a & PPP_ACT_SCR ? 1u : 0u) + (a & PPP_ACT_STR ? 1u : 0u);
    unsigned rc = f->restart_count;
    if (rc + sends == f->cfg.max_configure || rc + sends == f->cfg.max_terminate)
        a |= PPP_ACT_IRC;
    else if (rc == 0 && before != 0 && sends == 0 && f->restart_timer.armed && !timer_was_armed)
        a |= PPP_ACT_ZRC;
    return a;
}

static char *actions_str(unsigned a, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (unsigned bit = 1; bit <= PPP_ACT_SER; bit <<= 1)
        if (a & bit) {
            strncat(buf, ppp_fsm_action_name((enum ppp_fsm_action)bit), cap - strlen(buf) - 1);
            strncat(buf, ",", cap - strlen(buf) - 1);
        }
    return buf;
}

static void test_every_cell(void)
{
    CU_ASSERT_EQUAL_FATAL(parse_rfc_table(), PPP_FSM_STATE_COUNT * PPP_FSM_EVENT_COUNT);
    unsigned checked = 0, mismatches = 0;
    for (int st = 0; st < PPP_FSM_STATE_COUNT; st++) {
        for (int ev = 0; ev < PPP_FSM_EVENT_COUNT; ev++) {
            struct timer_queue tq;
            CU_ASSERT_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL) == 0);
            struct ppp_fsm f;
            struct obs o;
            struct ppp_fsm_config cfg = {.max_configure = 10, .max_terminate = 2};
            new_fsm(&f, &o, &tq, &cfg);
            f.state = (enum ppp_fsm_state)st;
            f.restart_count = 3;
            f.reply.code = PPP_CONFIGURE_NAK;
            struct ppp_cp_packet rx = packet_for((enum ppp_fsm_event)ev);
            bool is_rx = ev >= PPP_EV_RCR_PLUS;
            bool ran = ppp_fsm_run(&f, (enum ppp_fsm_event)ev, is_rx ? &rx : NULL);
            const struct expect *x = &expected[ev][st];
            const struct ppp_fsm_cell *cell = ppp_fsm_cell((enum ppp_fsm_state)st,
                                                           (enum ppp_fsm_event)ev);
            bool ok;
            if (!x->legal) {
                ok = !ran && !cell->legal && (int)f.state == st && o.sent_total == 0 &&
                     o.tlu + o.tld + o.tls + o.tlf == 0 && f.stats.illegal_events == 1;
            } else {
                unsigned got = observed_actions(&o, &f, 3, false);
                ok = ran && (int)f.state == x->next && got == x->actions &&
                     cell->actions == x->actions && cell->next == x->next;
                if (!ok) {
                    char a[80], b[80];
                    fprintf(stderr, "\n%s in %s: expected %s/%d, got %s/%d\n",
                            ppp_fsm_event_name((enum ppp_fsm_event)ev),
                            ppp_fsm_state_name((enum ppp_fsm_state)st),
                            actions_str(x->actions, a, sizeof a), x->next,
                            actions_str(got, b, sizeof b), (int)f.state);
                }
                /* Answers carry the received Identifier (§5.2-§5.4, §5.5). */
                if (ok && (got & (PPP_ACT_SCA | PPP_ACT_SCN | PPP_ACT_STA | PPP_ACT_SER)) &&
                    !(got & (PPP_ACT_SCR | PPP_ACT_STR)))
                    ok = o.last_pkt[1] == rx.id;
                /* The restart timer runs exactly in Closing..Ack-Sent when
                 * something was sent that needs it (§4.2, §4.6). */
                if (ok && (got & (PPP_ACT_SCR | PPP_ACT_STR | PPP_ACT_ZRC)))
                    ok = f.restart_timer.armed;
                if (ok && (f.state < PPP_FSM_CLOSING || f.state == PPP_FSM_OPENED))
                    ok = !f.restart_timer.armed;
            }
            checked++;
            if (!ok)
                mismatches++;
            ppp_fsm_stop_timer(&f);
            timer_queue_free(&tq);
        }
    }
    CU_ASSERT_EQUAL(checked, 160);
    CU_ASSERT_EQUAL(mismatches, 0);
}

static void test_code_reject_carries_packet(void)
{
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, NULL, NULL);
    f.state = PPP_FSM_OPENED;
    const uint8_t pkt[] = {0x55, 7, 0, 6, 0xAB, 0xCD};
    CU_ASSERT_EQUAL(ppp_fsm_input(&f, pkt, sizeof pkt, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(o.last_code, PPP_CODE_REJECT);
    CU_ASSERT_EQUAL(o.last_len, 4 + sizeof pkt);
    CU_ASSERT_EQUAL(memcmp(o.last_pkt + 4, pkt, sizeof pkt), 0);   /* §5.6 Rejected-Packet */
    CU_ASSERT_EQUAL(f.state, PPP_FSM_OPENED);
}

static void open_up(struct ppp_fsm *f)
{
    ppp_fsm_open(f);
    ppp_fsm_up(f);
}

static void test_max_configure_gives_up(void)
{
    struct timer_queue tq;
    CU_ASSERT_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL) == 0);
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, &tq, NULL);   /* RFC defaults: 3 s, Max-Configure 10 */
    open_up(&f);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_REQ_SENT);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], 1);
    uint8_t first_id = o.last_pkt[1];
    /* One request per restart period, the same id each time (nothing
     * answered it), ten in all, then tlf and Stopped (TO-, "3p"). */
    for (unsigned k = 2; k <= 10; k++) {
        timer_queue_advance(&tq, (uint64_t)(k - 1) * PPP_FSM_DEFAULT_RESTART_US);
        CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], k);
        CU_ASSERT_EQUAL(o.last_pkt[1], first_id);
    }
    CU_ASSERT_EQUAL(o.tlf, 0);
    timer_queue_advance(&tq, 10ull * PPP_FSM_DEFAULT_RESTART_US - 1);
    CU_ASSERT_EQUAL(o.tlf, 0);
    timer_queue_advance(&tq, 10ull * PPP_FSM_DEFAULT_RESTART_US);
    CU_ASSERT_EQUAL(o.tlf, 1);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_STOPPED);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], 10);
    CU_ASSERT_FALSE(f.restart_timer.armed);
    timer_queue_advance(&tq, 100ull * PPP_FSM_DEFAULT_RESTART_US);
    CU_ASSERT_EQUAL(o.sent_total, 10);
    timer_queue_free(&tq);
}

static void test_configurable_counts(void)
{
    struct timer_queue tq;
    CU_ASSERT_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL) == 0);
    struct ppp_fsm f;
    struct obs o;
    struct ppp_fsm_config cfg = {.restart_us = 500000, .max_configure = 3, .max_terminate = 4};
    new_fsm(&f, &o, &tq, &cfg);
    open_up(&f);
    timer_queue_advance(&tq, 10 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], 3);
    CU_ASSERT_EQUAL(o.tlf, 1);
    /* Max-Terminate: Close from Opened sends 4 Terminate-Requests, then tlf. */
    new_fsm(&f, &o, &tq, &cfg);
    f.state = PPP_FSM_OPENED;
    uint64_t t0 = tq.now;
    ppp_fsm_close(&f);
    CU_ASSERT_EQUAL(o.tld, 1);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_CLOSING);
    timer_queue_advance(&tq, t0 + 3 * 500000);
    CU_ASSERT_EQUAL(o.sent[PPP_TERMINATE_REQUEST], 4);
    CU_ASSERT_EQUAL(o.tlf, 0);
    timer_queue_advance(&tq, t0 + 4 * 500000);
    CU_ASSERT_EQUAL(o.tlf, 1);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_CLOSED);
    CU_ASSERT_EQUAL(o.sent[PPP_TERMINATE_REQUEST], 4);
    timer_queue_free(&tq);
}

static void test_default_max_terminate(void)
{
    struct timer_queue tq;
    CU_ASSERT_FATAL(timer_queue_init(&tq, CLOCK_VIRTUAL) == 0);
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, &tq, NULL);
    f.state = PPP_FSM_OPENED;
    ppp_fsm_close(&f);
    /* tlf at the second timeout, no sooner. */
    timer_queue_advance(&tq, 2 * PPP_FSM_DEFAULT_RESTART_US - 1);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_CLOSING);
    timer_queue_advance(&tq, 2 * PPP_FSM_DEFAULT_RESTART_US);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_CLOSED);
    timer_queue_advance(&tq, 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(o.sent[PPP_TERMINATE_REQUEST], PPP_FSM_DEFAULT_MAX_TERMINATE);
    CU_ASSERT_EQUAL(o.tlf, 1);
    timer_queue_free(&tq);
}

static void deliver(struct ppp_fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t n,
                    proto_status want)
{
    uint8_t pkt[64];
    size_t len = 0;
    CU_ASSERT_FATAL(ppp_cp_encode(code, id, data, n, pkt, sizeof pkt, &len, NULL) == PROTO_OK);
    CU_ASSERT_EQUAL(ppp_fsm_input(f, pkt, len, NULL), want);
}

static void test_max_failure_turns_nak_into_reject(void)
{
    struct ppp_fsm f;
    struct obs o;
    struct ppp_fsm_config cfg = {.max_failure = 3};
    new_fsm(&f, &o, NULL, &cfg);
    open_up(&f);
    o.nak_request = true;
    static const uint8_t opt[] = {LCP_OPT_MRU, 4, 0, 10};
    for (unsigned k = 0; k < 3; k++) {
        deliver(&f, PPP_CONFIGURE_REQUEST, (uint8_t)(100 + k), opt, sizeof opt, PROTO_OK);
        CU_ASSERT_EQUAL(o.last_code, PPP_CONFIGURE_NAK);
    }
    deliver(&f, PPP_CONFIGURE_REQUEST, 103, opt, sizeof opt, PROTO_OK);
    CU_ASSERT_EQUAL(o.last_code, PPP_CONFIGURE_REJECT);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_NAK], 3);
    /* An Ack sent resets the count (§4.6 "without sending a Configure-Ack"). */
    o.nak_request = false;
    deliver(&f, PPP_CONFIGURE_REQUEST, 104, opt, sizeof opt, PROTO_OK);
    CU_ASSERT_EQUAL(o.last_code, PPP_CONFIGURE_ACK);
    CU_ASSERT_EQUAL(f.nak_count, 0);
}

static void test_reply_identifier_checked(void)
{
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, NULL, NULL);
    open_up(&f);
    uint8_t id = f.req_id;
    const uint8_t *opts = f.req_opts;
    /* Wrong id: discarded, no state change (§5.2). */
    deliver(&f, PPP_CONFIGURE_ACK, (uint8_t)(id + 1), opts, f.req_len, PROTO_EINVAL);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_REQ_SENT);
    CU_ASSERT_EQUAL(f.stats.rx_discarded, 1);
    /* Right id, options not those we sent: discarded. */
    static const uint8_t other[] = {LCP_OPT_MAGIC_NUMBER, 6, 9, 9, 9, 9};
    deliver(&f, PPP_CONFIGURE_ACK, id, other, sizeof other, PROTO_EINVAL);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_REQ_SENT);
    deliver(&f, PPP_CONFIGURE_NAK, (uint8_t)(id - 1), other, sizeof other, PROTO_EINVAL);
    CU_ASSERT_EQUAL(o.naks_seen, 0);
    /* The real Ack. */
    deliver(&f, PPP_CONFIGURE_ACK, id, f.req_opts, f.req_len, PROTO_OK);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_ACK_RCVD);
    /* A duplicate of it is no longer an answer to anything. */
    deliver(&f, PPP_CONFIGURE_ACK, id, f.req_opts, f.req_len, PROTO_EINVAL);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_ACK_RCVD);
}

static void test_nak_then_new_id(void)
{
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, NULL, NULL);
    open_up(&f);
    uint8_t id = f.req_id;
    static const uint8_t nak[] = {LCP_OPT_MAGIC_NUMBER, 6, 5, 5, 5, 5};
    deliver(&f, PPP_CONFIGURE_NAK, id, nak, sizeof nak, PROTO_OK);
    CU_ASSERT_EQUAL(o.naks_seen, 1);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], 2);
    CU_ASSERT_EQUAL(o.last_pkt[1], (uint8_t)(id + 1));   /* §5.1: a new Identifier */
    deliver(&f, PPP_CONFIGURE_REJECT, (uint8_t)(id + 1), nak, sizeof nak, PROTO_OK);
    CU_ASSERT_EQUAL(o.rejects_seen, 1);
}

static void test_code_reject_events(void)
{
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, NULL, NULL);
    f.state = PPP_FSM_REQ_SENT;
    static const uint8_t echo[] = {PPP_ECHO_REQUEST, 1, 0, 8, 0, 0, 0, 0};
    deliver(&f, PPP_CODE_REJECT, 9, echo, sizeof echo, PROTO_OK);   /* RXJ+ */
    CU_ASSERT_EQUAL(f.state, PPP_FSM_REQ_SENT);
    CU_ASSERT_EQUAL(o.tlf, 0);
    static const uint8_t creq[] = {PPP_CONFIGURE_REQUEST, 1, 0, 4};
    deliver(&f, PPP_CODE_REJECT, 10, creq, sizeof creq, PROTO_OK);  /* RXJ- */
    CU_ASSERT_EQUAL(f.state, PPP_FSM_STOPPED);
    CU_ASSERT_EQUAL(o.tlf, 1);
    deliver(&f, PPP_CODE_REJECT, 11, NULL, 0, PROTO_EINVAL);        /* nothing rejected */
}

static void test_passive_open_waits(void)
{
    struct ppp_fsm f;
    struct obs o;
    struct ppp_fsm_config cfg = {.passive = true};
    new_fsm(&f, &o, NULL, &cfg);
    open_up(&f);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_STOPPED);
    CU_ASSERT_EQUAL(o.sent_total, 0);
    CU_ASSERT_STRING_EQUAL(ppp_fsm_state_cisco(f.state, true), "Listen");
    static const uint8_t opt[] = {LCP_OPT_MAGIC_NUMBER, 6, 1, 2, 3, 4};
    deliver(&f, PPP_CONFIGURE_REQUEST, 118, opt, sizeof opt, PROTO_OK);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_ACK_SENT);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_REQUEST], 1);
    CU_ASSERT_EQUAL(o.sent[PPP_CONFIGURE_ACK], 1);
}

static void test_malformed_input(void)
{
    struct ppp_fsm f;
    struct obs o;
    new_fsm(&f, &o, NULL, NULL);
    open_up(&f);
    struct proto_error err = {0};
    const uint8_t short_pkt[] = {1, 2, 0};
    CU_ASSERT_NOT_EQUAL(ppp_fsm_input(&f, short_pkt, sizeof short_pkt, &err), PROTO_OK);
    const uint8_t bad_len[] = {1, 2, 0, 40, 1, 2};
    CU_ASSERT_NOT_EQUAL(ppp_fsm_input(&f, bad_len, sizeof bad_len, &err), PROTO_OK);
    CU_ASSERT_EQUAL(f.state, PPP_FSM_REQ_SENT);
    CU_ASSERT_EQUAL(f.stats.rx_discarded, 2);
    /* Before the lower layer is up nothing is accepted. */
    struct ppp_fsm g;
    new_fsm(&g, &o, NULL, NULL);
    const uint8_t term[] = {PPP_TERMINATE_REQUEST, 1, 0, 4};
    CU_ASSERT_EQUAL(ppp_fsm_input(&g, term, sizeof term, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(g.state, PPP_FSM_INITIAL);
}

void register_suites(void)
{
    static const CU_TestInfo table[] = {
        {"every state x event cell of RFC 1661 §4.1", test_every_cell},
        {"Code-Reject carries the rejected packet", test_code_reject_carries_packet},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo timers[] = {
        {"Max-Configure: 10 requests, then tlf", test_max_configure_gives_up},
        {"configurable restart, Max-Configure, Max-Terminate", test_configurable_counts},
        {"Max-Terminate default 2", test_default_max_terminate},
        {"Max-Failure turns Naks into Rejects", test_max_failure_turns_nak_into_reject},
        CU_TEST_INFO_NULL,
    };
    static const CU_TestInfo packets[] = {
        {"replies must match our Identifier and options", test_reply_identifier_checked},
        {"Nak/Reject applied, new Identifier", test_nak_then_new_id},
        {"Code-Reject: RXJ+ and RXJ-", test_code_reject_events},
        {"passive open waits in Stopped (Listen)", test_passive_open_waits},
        {"malformed input is discarded", test_malformed_input},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("ppp fsm: transition table", table);
    UNIT_SUITE("ppp fsm: counters and timers", timers);
    UNIT_SUITE("ppp fsm: packets", packets);
}
