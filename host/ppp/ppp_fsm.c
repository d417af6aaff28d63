/* Runs the RFC 1661 §4.1 table (ppp_fsm_table.c): classifies received packets
 * into §4.3 events, performs the §4.4 actions, keeps the §4.6 counters. */
#include "ppp_fsm.h"

#include <stdio.h>
#include <string.h>

#include "ppp_const.h"

static void restart_timeout(void *ctx);

void ppp_fsm_init(struct ppp_fsm *f, const char *name, uint16_t protocol,
                  const struct ppp_fsm_ops *ops, void *owner, const struct ppp_fsm_config *cfg,
                  struct timer_queue *timers, ppp_fsm_send_fn send, void *send_ctx,
                  struct debug_log *log, const char *ifname)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    f->protocol = protocol;
    f->ops = ops;
    f->owner = owner;
    if (cfg)
        f->cfg = *cfg;
    if (!f->cfg.restart_us)
        f->cfg.restart_us = PPP_FSM_DEFAULT_RESTART_US;
    if (!f->cfg.max_configure)
        f->cfg.max_configure = PPP_FSM_DEFAULT_MAX_CONFIGURE;
    if (!f->cfg.max_terminate)
        f->cfg.max_terminate = PPP_FSM_DEFAULT_MAX_TERMINATE;
    if (!f->cfg.max_failure)
        f->cfg.max_failure = PPP_FSM_DEFAULT_MAX_FAILURE;
    f->next_id = f->cfg.first_id;
    f->state = PPP_FSM_INITIAL;
    f->timers = timers;
    f->send = send;
    f->send_ctx = send_ctx;
    f->log = log;
    f->ifname = ifname;
    timer_init(&f->restart_timer, "ppp restart", restart_timeout, f);
}

void ppp_fsm_stop_timer(struct ppp_fsm *f)
{
    if (f->timers)
        timer_cancel(f->timers, &f->restart_timer);
}

uint8_t ppp_fsm_new_id(struct ppp_fsm *f)
{
    return f->next_id++;
}

static const char *prefix_sep(const struct ppp_fsm *f)
{
    return f->ifname ? " " : "";
}

static const char *ifname(const struct ppp_fsm *f)
{
    return f->ifname ? f->ifname : "";
}

void ppp_fsm_log_packet(struct ppp_fsm *f, const char *dir, const uint8_t *pkt, size_t len)
{
    if (!f->log || !debug_on(f->log, DBG_PPP_NEGOTIATION))
        return;
    struct ppp_cp_packet p;
    struct proto_error err = {0};
    if (ppp_cp_decode(pkt, len, &p, &err) != PROTO_OK) {
        char msg[200];
        debug_printf(f->log, DBG_PPP_NEGOTIATION, "%s%s%s: %s malformed: %s", ifname(f),
                     prefix_sep(f), f->name, dir, proto_error_format(&err, msg, sizeof msg));
        return;
    }
    debug_printf(f->log, DBG_PPP_NEGOTIATION, "%s%s%s: %s %s [%s] id %u len %u", ifname(f),
                 prefix_sep(f), f->name, dir, ppp_cp_code_name(p.code),
                 ppp_fsm_state_cisco(f->state, f->cfg.passive), p.id, p.length);
    if (p.code < PPP_CONFIGURE_REQUEST || p.code > PPP_CONFIGURE_REJECT)
        return;
    struct ppp_option_iter it;
    struct ppp_option opt;
    ppp_option_iter_init(&it, p.data, p.data_len, 4);
    int r;
    while ((r = ppp_option_next(&it, &opt, &err)) == 1) {
        char line[200];
        debug_printf(f->log, DBG_PPP_NEGOTIATION, "%s%s%s:   %s", ifname(f), prefix_sep(f),
                     f->name, ppp_option_format(f->protocol, &opt, line, sizeof line));
    }
    if (r < 0) {
        char msg[200];
        debug_printf(f->log, DBG_PPP_NEGOTIATION, "%s%s%s:   malformed options: %s", ifname(f),
                     prefix_sep(f), f->name, proto_error_format(&err, msg, sizeof msg));
    }
}

void ppp_fsm_send_packet(struct ppp_fsm *f, uint8_t code, uint8_t id, const uint8_t *data,
                         size_t len)
{
    uint8_t pkt[4 + 1500];
    size_t n = 0;
    /* Callers pass at most the peer's MRU worth; longer data is cut (Code-
     * and Protocol-Reject, RFC 1661 §5.6, §5.7 allow truncation). */
    if (len > sizeof pkt - 4)
        len = sizeof pkt - 4;
    if (ppp_cp_encode(code, id, data, len, pkt, sizeof pkt, &n, NULL) != PROTO_OK)
        return;
    ppp_fsm_log_packet(f, "O", pkt, n);
    f->stats.tx_packets++;
    if (f->send)
        f->send(f->send_ctx, f->protocol, pkt, n);
}

static void arm_restart(struct ppp_fsm *f)
{
    if (f->timers)
        timer_arm(f->timers, &f->restart_timer, f->cfg.restart_us);
}

static void send_configure_request(struct ppp_fsm *f)
{
    if (!f->retransmit) {
        size_t n = 0;
        if (f->ops->build_request(f, f->req_opts, sizeof f->req_opts, &n) != PROTO_OK)
            n = 0;
        f->req_len = n;
        f->req_id = ppp_fsm_new_id(f);
    }
    f->retransmit = false;
    f->req_pending = true;
    f->stats.confreq_sent++;
    ppp_fsm_send_packet(f, PPP_CONFIGURE_REQUEST, f->req_id, f->req_opts, f->req_len);
    if (f->restart_count > 0)
        f->restart_count--;
    arm_restart(f);
}

static void send_code_reject(struct ppp_fsm *f, const struct ppp_cp_packet *rx)
{
    uint8_t data[4 + PPP_FSM_MAX_OPTS];
    size_t n = 0;
    if (!rx)
        return;
    /* RFC 1661 §5.6: the Rejected-Packet, truncated to fit. */
    size_t dlen = rx->data_len < PPP_FSM_MAX_OPTS ? rx->data_len : PPP_FSM_MAX_OPTS;
    if (ppp_cp_encode(rx->code, rx->id, rx->data, dlen, data, sizeof data, &n, NULL) != PROTO_OK)
        return;
    ppp_fsm_send_packet(f, PPP_CODE_REJECT, ppp_fsm_new_id(f), data, n);
}

static bool timer_runs_in(enum ppp_fsm_state s)
{
    /* RFC 1661 §4.2: the Restart timer runs in these states only. */
    return s == PPP_FSM_CLOSING || s == PPP_FSM_STOPPING || s == PPP_FSM_REQ_SENT ||
           s == PPP_FSM_ACK_RCVD || s == PPP_FSM_ACK_SENT;
}

static void log_state(struct ppp_fsm *f, enum ppp_fsm_state from, enum ppp_fsm_state to)
{
    if (!f->log || from == to)
        return;
    /* The seed shows IOS's "State is" lines for Listen, Open and a layer that
     * has closed; the intermediate states appear only in packet brackets. */
    bool closed_now = to == PPP_FSM_INITIAL || to == PPP_FSM_CLOSED;
    bool was_closed = from == PPP_FSM_INITIAL || from == PPP_FSM_CLOSED;
    if (to == PPP_FSM_OPENED || to == PPP_FSM_STOPPED || (closed_now && !was_closed))
        debug_printf(f->log, DBG_PPP_NEGOTIATION, "%s%s%s: State is %s", ifname(f),
                     prefix_sep(f), f->name,
                     closed_now ? "Closed" : ppp_fsm_state_cisco(to, f->cfg.passive));
}

static void set_state(struct ppp_fsm *f, enum ppp_fsm_state to)
{
    enum ppp_fsm_state from = f->state;
    f->state = to;
    if (!timer_runs_in(to))
        ppp_fsm_stop_timer(f);
    if (to == PPP_FSM_OPENED)
        f->req_pending = false;   /* our request was acked; a late copy answers nothing */
    log_state(f, from, to);
}

bool ppp_fsm_run(struct ppp_fsm *f, enum ppp_fsm_event ev, const struct ppp_cp_packet *rx)
{
    const struct ppp_fsm_cell *c = ppp_fsm_cell(f->state, ev);
    if (!c->legal) {
        f->stats.illegal_events++;
        return false;
    }
    unsigned a = c->actions;
    /* Packets go out first, bracketed with the state they were sent in (the
     * seed: "O CONFACK [ACKrcvd]" then "State is Open"); the layer
     * callbacks run once the new state is in place, so a tlu that starts
     * authentication sees Opened. */
    if (a & PPP_ACT_IRC) {
        f->restart_count = (a & PPP_ACT_STR) ? f->cfg.max_terminate : f->cfg.max_configure;
        if (a & PPP_ACT_SCR)
            f->nak_count = 0;
    }
    if (a & PPP_ACT_ZRC) {
        /* §4.4: zero the counter, but let one Restart period pass so the
         * Terminate-Ack can reach the peer before we finish. */
        f->restart_count = 0;
        arm_restart(f);
    }
    if (a & PPP_ACT_SCR)
        send_configure_request(f);
    if (a & PPP_ACT_SCA) {
        f->nak_count = 0;
        f->stats.confack_sent++;
        ppp_fsm_send_packet(f, PPP_CONFIGURE_ACK, rx ? rx->id : ppp_fsm_new_id(f),
                            rx ? rx->data : NULL, rx ? rx->data_len : 0);
    }
    if (a & PPP_ACT_SCN) {
        uint8_t code = f->reply.code == PPP_CONFIGURE_REJECT ? PPP_CONFIGURE_REJECT
                                                              : PPP_CONFIGURE_NAK;
        if (code == PPP_CONFIGURE_NAK) {
            f->nak_count++;
            f->stats.confnak_sent++;
        } else {
            f->stats.confrej_sent++;
        }
        ppp_fsm_send_packet(f, code, rx ? rx->id : ppp_fsm_new_id(f), f->reply.opts,
                            f->reply.len);
    }
    if (a & PPP_ACT_STR) {
        f->term_id = ppp_fsm_new_id(f);
        ppp_fsm_send_packet(f, PPP_TERMINATE_REQUEST, f->term_id, NULL, 0);
        if (f->restart_count > 0)
            f->restart_count--;
        arm_restart(f);
    }
    if (a & PPP_ACT_STA)
        ppp_fsm_send_packet(f, PPP_TERMINATE_ACK, rx ? rx->id : ppp_fsm_new_id(f), NULL, 0);
    if (a & PPP_ACT_SCJ)
        send_code_reject(f, rx);
    if ((a & PPP_ACT_SER) && rx && rx->code == PPP_ECHO_REQUEST && f->ops->send_echo_reply)
        f->ops->send_echo_reply(f, rx);

    set_state(f, (enum ppp_fsm_state)c->next);

    if ((a & PPP_ACT_TLD) && f->ops->layer_down)
        f->ops->layer_down(f);
    if ((a & PPP_ACT_TLU) && f->ops->layer_up)
        f->ops->layer_up(f);
    if ((a & PPP_ACT_TLS) && f->ops->layer_started)
        f->ops->layer_started(f);
    if ((a & PPP_ACT_TLF) && f->ops->layer_finished)
        f->ops->layer_finished(f);
    return true;
}

void ppp_fsm_up(struct ppp_fsm *f)
{
    /* RFC 1661 §4.2 Stopped: with the passive option an automaton that is
     * Starting waits in Stopped for the peer's Configure-Request instead of
     * sending its own (IOS: "Passive Open", "LCP: State is Listen"). */
    if (f->cfg.passive && f->state == PPP_FSM_STARTING) {
        f->restart_count = f->cfg.max_configure;
        set_state(f, PPP_FSM_STOPPED);
        return;
    }
    ppp_fsm_run(f, PPP_EV_UP, NULL);
}

void ppp_fsm_down(struct ppp_fsm *f)
{
    ppp_fsm_run(f, PPP_EV_DOWN, NULL);
}

void ppp_fsm_open(struct ppp_fsm *f)
{
    ppp_fsm_run(f, PPP_EV_OPEN, NULL);
}

void ppp_fsm_close(struct ppp_fsm *f)
{
    ppp_fsm_run(f, PPP_EV_CLOSE, NULL);
}

static void restart_timeout(void *ctx)
{
    struct ppp_fsm *f = ctx;
    f->stats.timeouts++;
    if (f->restart_count > 0) {
        /* §5.1: a retransmission may keep its Identifier; we keep the
         * options too, since nothing answered them. */
        f->retransmit = f->req_pending;
        ppp_fsm_run(f, PPP_EV_TO_PLUS, NULL);
        f->retransmit = false;
    } else {
        ppp_fsm_run(f, PPP_EV_TO_MINUS, NULL);
    }
}

static bool reply_expected(const struct ppp_fsm *f)
{
    return f->state == PPP_FSM_REQ_SENT || f->state == PPP_FSM_ACK_RCVD ||
           f->state == PPP_FSM_ACK_SENT || f->state == PPP_FSM_OPENED;
}

static bool request_matters(const struct ppp_fsm *f)
{
    return reply_expected(f) || f->state == PPP_FSM_STOPPED;
}

static proto_status discard(struct ppp_fsm *f, struct proto_error *err, size_t off,
                            const char *field, const char *why)
{
    f->stats.rx_discarded++;
    return proto_fail(err, PROTO_EINVAL, off, field, "%s", why);
}

static void save_options(uint8_t *dst, size_t *dst_len, const uint8_t *src, size_t len)
{
    if (len > PPP_FSM_MAX_OPTS)
        len = PPP_FSM_MAX_OPTS;
    if (len)
        memcpy(dst, src, len);
    *dst_len = len;
}

static proto_status classify_request(struct ppp_fsm *f, const struct ppp_cp_packet *p,
                                     enum ppp_fsm_event *ev, struct proto_error *err)
{
    if (!f->have_first_rcvd) {
        save_options(f->first_rcvd, &f->first_rcvd_len, p->data, p->data_len);
        f->have_first_rcvd = true;
    }
    save_options(f->last_rcvd, &f->last_rcvd_len, p->data, p->data_len);
    if (!request_matters(f)) {
        *ev = PPP_EV_RCR_PLUS;   /* Closed, Closing, Stopping: same cell for both */
        return PROTO_OK;
    }
    memset(&f->reply, 0, sizeof f->reply);
    f->reply.code = PPP_CONFIGURE_ACK;
    proto_status st = f->ops->check_request(f, p->data, p->data_len,
                                            f->nak_count >= f->cfg.max_failure, &f->reply);
    if (st != PROTO_OK) {
        f->stats.rx_discarded++;
        return proto_fail(err, st, 4, "Options", "Configure-Request id %u has malformed options",
                          p->id);
    }
    *ev = f->reply.code == PPP_CONFIGURE_ACK ? PPP_EV_RCR_PLUS : PPP_EV_RCR_MINUS;
    return PROTO_OK;
}

static proto_status classify_reply(struct ppp_fsm *f, const struct ppp_cp_packet *p,
                                   enum ppp_fsm_event *ev, struct proto_error *err)
{
    *ev = p->code == PPP_CONFIGURE_ACK ? PPP_EV_RCA : PPP_EV_RCN;
    if (!reply_expected(f))
        return PROTO_OK;         /* Closed/Stopped answer with sta, others ignore */
    /* RFC 1661 §5.2-§5.4: a reply whose Identifier does not match the last
     * Configure-Request sent is silently discarded. */
    if (!f->req_pending || p->id != f->req_id)
        return discard(f, err, 1, "Identifier", "does not match our Configure-Request");
    proto_status st = PROTO_OK;
    if (p->code == PPP_CONFIGURE_ACK) {
        /* §5.2: the Options field MUST exactly match our request. */
        if (p->data_len != f->req_len || (p->data_len && memcmp(p->data, f->req_opts, f->req_len)))
            return discard(f, err, 4, "Options", "Configure-Ack does not match our request");
        if (f->ops->got_ack)
            f->ops->got_ack(f, p->data, p->data_len);
    } else if (p->code == PPP_CONFIGURE_NAK) {
        if (f->ops->got_nak)
            st = f->ops->got_nak(f, p->data, p->data_len);
    } else if (f->ops->got_reject) {
        st = f->ops->got_reject(f, p->data, p->data_len);
    }
    if (st != PROTO_OK) {
        f->stats.rx_discarded++;
        return proto_fail(err, st, 4, "Options", "%s not applied to our request",
                          ppp_cp_code_name(p->code));
    }
    f->req_pending = false;
    return PROTO_OK;
}

proto_status ppp_fsm_input(struct ppp_fsm *f, const uint8_t *pkt, size_t len,
                           struct proto_error *err)
{
    struct ppp_cp_packet p;
    f->stats.rx_packets++;
    proto_status st = ppp_cp_decode(pkt, len, &p, err);
    if (st != PROTO_OK) {
        f->stats.rx_discarded++;
        return st;
    }
    ppp_fsm_log_packet(f, "I", pkt, len);
    if (f->state == PPP_FSM_INITIAL || f->state == PPP_FSM_STARTING) {
        /* The lower layer is not up: no packet can legally arrive (§4.1 "-"). */
        return discard(f, err, 0, "Code", "packet while the lower layer is down");
    }
    enum ppp_fsm_event ev = PPP_EV_RUC;
    switch (p.code) {
    case PPP_CONFIGURE_REQUEST:
        st = classify_request(f, &p, &ev, err);
        break;
    case PPP_CONFIGURE_ACK:
    case PPP_CONFIGURE_NAK:
    case PPP_CONFIGURE_REJECT:
        st = classify_reply(f, &p, &ev, err);
        break;
    case PPP_TERMINATE_REQUEST:
        ev = PPP_EV_RTR;
        break;
    case PPP_TERMINATE_ACK:
        ev = PPP_EV_RTA;
        break;
    case PPP_CODE_REJECT:
        if (p.data_len < 1)
            return discard(f, err, 4, "Rejected-Packet", "empty");
        /* §5.6: rejecting one of the codes every implementation needs
         * (1-7) is catastrophic; rejecting an extension is not. */
        ev = p.data[0] >= PPP_CONFIGURE_REQUEST && p.data[0] <= PPP_CODE_REJECT
                 ? PPP_EV_RXJ_MINUS
                 : PPP_EV_RXJ_PLUS;
        break;
    default:
        ev = f->ops->extended_code ? f->ops->extended_code(f, &p) : PPP_EV_RUC;
        break;
    }
    if (st != PROTO_OK)
        return st;
    f->rx = &p;
    ppp_fsm_run(f, ev, &p);
    f->rx = NULL;
    return PROTO_OK;
}

proto_status ppp_fsm_force_open(struct ppp_fsm *f, struct proto_error *err)
{
    if (f->state == PPP_FSM_OPENED || f->state == PPP_FSM_INITIAL ||
        f->state == PPP_FSM_CLOSING || f->state == PPP_FSM_STOPPING)
        return proto_fail(err, PROTO_EINVAL, 0, "state", "cannot force %s open from %s",
                          f->name, ppp_fsm_state_name(f->state));
    f->state = PPP_FSM_OPENED;
    f->req_pending = false;
    f->nak_count = 0;
    ppp_fsm_stop_timer(f);
    if (f->ops->layer_up)
        f->ops->layer_up(f);
    return PROTO_OK;
}
