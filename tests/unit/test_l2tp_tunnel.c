/* The tunnel state machine (RFC 2661 §7.2 plus Cisco's no-sessions-left and
 * shutting-down): every row of the table, pairs the table leaves out,
 * tunnel authentication both ways, tie breakers, unknown mandatory AVPs,
 * HELLO keepalive, the retry limit, hidden AVPs, StopCCN result codes. */
#include <stdio.h>
#include <string.h>

#include "l2tp_auth.h"
#include "l2tp_ctrl_int.h"
#include "l2tp_ctrl_test_util.h"

static int tunnel_action_msg(int action)
{
    switch (action) {
    case TA_SEND_SCCRQ:
        return L2TP_MSG_SCCRQ;
    case TA_SEND_SCCRP:
        return L2TP_MSG_SCCRP;
    case TA_SEND_SCCCN_OPEN:
        return L2TP_MSG_SCCCN;
    case TA_SEND_STOPCCN:
        return L2TP_MSG_STOPCCN;
    default:
        return -1;
    }
}

/* One node; a tunnel forced into `state` toward a peer that is not there. */
static struct l2tp_tunnel *forced(struct wire *w, struct wire_node *n, int state, bool originator)
{
    struct l2tp_ctrl_config c;
    cfg_for(&c, "node", false, NULL, 0);
    c.tunnel_table_size = c.session_table_size = 64; /* small: many instances */
    wire_init(w, 10 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(w, n, "node", A_IP, &c, NULL, 0), PROTO_OK);
    struct l2tp_peer_addr peer = {FAKE_IP, 1701};
    struct l2tp_tunnel *t = l2tp_tunnel_new(&n->ctrl, &peer, 0, originator);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    t->peer_id = 4321;
    t->rel.peer_tunnel_id = 4321;
    t->state = (enum l2tp_tunnel_state)state;
    return t;
}

static void test_every_row(void)
{
    size_t n;
    const struct l2tp_fsm_row *tab = l2tp_tunnel_fsm_table(&n);
    CU_ASSERT(n >= 40);
    for (size_t i = 0; i < n; i++) {
        const struct l2tp_fsm_row *row = &tab[i];
        struct wire w;
        struct wire_node node;
        bool originator = row->state != L2TP_TS_WAIT_CTL_CONN;
        struct l2tp_tunnel *t = forced(&w, &node, row->state, originator);
        /* a live call, so clean-up can be seen taking it down */
        struct l2tp_session *s = NULL;
        if (row->state != L2TP_TS_NO_SESSIONS_LEFT && row->event != L2TP_TE_LAST_SESSION_GONE) {
            s = l2tp_session_new(t, L2TP_CALL_LNS_INCOMING, 0);
            CU_ASSERT_PTR_NOT_NULL_FATAL(s);
            s->state = L2TP_SS_ESTABLISHED;
            s->peer_id = 9;
            s->up = true;
        }
        t->stop_result = L2TP_STOPCCN_GENERAL_ERROR;
        l2tp_tunnel_event(t, (enum l2tp_tunnel_event)row->event);
        char what[160];
        snprintf(what, sizeof what, "row %zu: %s + %s", i,
                 l2tp_tunnel_state_name((enum l2tp_tunnel_state)row->state),
                 l2tp_tunnel_event_name((enum l2tp_tunnel_event)row->event));
        if ((int)t->state != row->next)
            printf("\n%s: state %s\n", what, l2tp_tunnel_state_name(t->state));
        CU_ASSERT_EQUAL((int)t->state, row->next);
        int msg = tunnel_action_msg(row->action);
        if (msg >= 0) {
            CU_ASSERT_EQUAL(w.n_frames >= 1, true);
            if (w.n_frames >= 1)
                CU_ASSERT_EQUAL(wire_frame_type(&w.frames[0]), msg);
        } else {
            if (w.n_frames)
                printf("\n%s: unexpected frame\n", what);
            CU_ASSERT_EQUAL(w.n_frames, 0);
        }
        bool clears = row->action == TA_SEND_STOPCCN || row->action == TA_CLEANUP ||
                      row->action == TA_CLEANUP_FREE;
        if (s && clears) {
            CU_ASSERT_EQUAL(node.ctrl.session_ids.used, 0);
            CU_ASSERT_EQUAL(node.n_down, 1);
        } else if (s) {
            CU_ASSERT_EQUAL(node.ctrl.session_ids.used, 1);
        }
        CU_ASSERT_EQUAL(t->dead, row->action == TA_CLEANUP_FREE);
        if (row->action == TA_CLEANUP)
            CU_ASSERT_TRUE(t->hold_timer.armed);
        if (row->action == TA_START_SHUTDOWN)
            CU_ASSERT_TRUE(t->shutdown_timer.armed);
        if (row->action == TA_CANCEL_SHUTDOWN || clears)
            CU_ASSERT_FALSE(t->shutdown_timer.armed);
        wire_free(&w);
    }
}

/* A (state, event) pair not in the table changes nothing and sends nothing. */
static void test_pairs_not_in_table(void)
{
    size_t n, ignored = 0;
    const struct l2tp_fsm_row *tab = l2tp_tunnel_fsm_table(&n);
    for (int st = 0; st < L2TP_TS_COUNT; st++) {
        for (int ev = 0; ev < L2TP_TE_COUNT; ev++) {
            if (l2tp_fsm_find(tab, n, st, ev, -1))
                continue;
            struct wire w;
            struct wire_node node;
            struct l2tp_tunnel *t = forced(&w, &node, st, true);
            l2tp_tunnel_event(t, (enum l2tp_tunnel_event)ev);
            CU_ASSERT_EQUAL((int)t->state, st);
            CU_ASSERT_EQUAL(w.n_frames, 0);
            CU_ASSERT_FALSE(t->dead);
            ignored++;
            wire_free(&w);
        }
    }
    CU_ASSERT(ignored > 0);
}

/* A's secret differs from B's: A finds B's Challenge Response wrong and
 * sends StopCCN result 4; nothing comes up. */
static void test_wrong_secret_originator_detects(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_world, NULL);
    pair_open(&p, 60 * USEC_PER_SEC);
    const struct wire_frame *f = last_frame(&p.w, p.a.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_NOT_AUTHORIZED);
    CU_ASSERT_TRUE(wire_logged(&p.a, "Tnl 1 L2TP: Tunnel Authentication failed: wrong Challenge "
                                     "Response (secrets differ) from lns"));
    CU_ASSERT_EQUAL(count_frames(&p.w, p.a.idx, L2TP_MSG_SCCCN), 0);
    CU_ASSERT_EQUAL(p.a.ctrl.cnt.auth_failures, 1);
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    wire_free(&p.w);
}

/* The receiver detects a wrong or missing response in SCCCN: a fake
 * originator without a challenge of its own answers B's challenge. */
static void receiver_detects(bool wrong)
{
    struct pair p;
    pair_setup(&p, NULL, util_hello, NULL);
    uint8_t buf[256];
    struct l2tp_builder b;
    size_t len = 0;
    l2tp_build_begin(&b, buf, sizeof buf, 0, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_u16(&b, true, L2TP_AVP_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION);
    l2tp_build_u32(&b, true, L2TP_AVP_FRAMING_CAPABILITIES, 3);
    l2tp_build_str(&b, true, L2TP_AVP_HOST_NAME, "lac");
    l2tp_build_u16(&b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, 77);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_OK);
    const struct wire_frame *sccrp = last_frame(&p.w, p.b.idx, L2TP_MSG_SCCRP);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sccrp);
    static struct l2tp_msg m;
    CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(sccrp->data, sccrp->len, NULL, 0, &m, NULL), PROTO_OK);
    const struct l2tp_avp *ch = l2tp_msg_find(&m, 0, L2TP_AVP_CHALLENGE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    uint16_t b_tid = (uint16_t)((sccrp->data[12 + 6 + 2] << 8)); /* placeholder, recomputed below */
    const struct l2tp_avp *at = l2tp_msg_find(&m, 0, L2TP_AVP_ASSIGNED_TUNNEL_ID);
    CU_ASSERT_EQUAL_FATAL(l2tp_avp_value_u16(at, &b_tid, NULL), PROTO_OK);
    uint8_t resp[16];
    CU_ASSERT_EQUAL(l2tp_challenge_response(L2TP_MSG_SCCCN, wrong ? util_world : util_hello, 5,
                                            ch->value, ch->value_len, resp),
                    PROTO_OK);
    l2tp_build_begin(&b, buf, sizeof buf, b_tid, 0, 1, 1, L2TP_MSG_SCCCN);
    if (wrong)
        l2tp_build_avp(&b, true, 0, L2TP_AVP_CHALLENGE_RESPONSE, resp, sizeof resp);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_OK);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_NOT_AUTHORIZED);
    char line[160];
    snprintf(line, sizeof line, "Tnl %u L2TP: Tunnel Authentication failed: %s from lac", b_tid,
             wrong ? "wrong Challenge Response (secrets differ)" : "no Challenge Response");
    CU_ASSERT_TRUE(wire_logged(&p.b, line));
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.b.ctrl, b_tid)->state, L2TP_TS_SHUTTING_DOWN);
    /* the StopCCN is never acked: retransmitted, then the tunnel is freed */
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&p.b.ctrl, b_tid));
    wire_free(&p.w);
}

static void test_wrong_secret_receiver_detects(void)
{
    receiver_detects(true);
}

static void test_missing_response_receiver_detects(void)
{
    receiver_detects(false);
}

/* A challenge from a peer we hold no secret for: StopCCN 4, both ways. */
static void test_challenge_without_secret(void)
{
    struct pair p;
    pair_setup(&p, NULL, util_hello, NULL); /* B challenges, A cannot answer */
    pair_open(&p, 60 * USEC_PER_SEC);
    uint16_t r = 0, e = 0;
    const struct wire_frame *f = last_frame(&p.w, p.a.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_NOT_AUTHORIZED);
    wire_free(&p.w);
    pair_setup(&p, util_hello, NULL, NULL); /* A challenges, B cannot answer */
    pair_open(&p, 60 * USEC_PER_SEC);
    f = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_NOT_AUTHORIZED);
    CU_ASSERT_TRUE(wire_logged(&p.b, "L2X: Tunnel Authentication failed: lac sent a challenge but "
                                     "no secret is configured for it"));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    wire_free(&p.w);
}

/* No secrets anywhere: no challenge, no authentication, established. */
static void test_no_auth(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, NULL);
    pair_open(&p, 5 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->state, L2TP_TS_ESTABLISHED);
    CU_ASSERT_PTR_NOT_NULL_FATAL(only_tunnel(&p.b));
    CU_ASSERT_EQUAL(only_tunnel(&p.b)->state, L2TP_TS_ESTABLISHED);
    CU_ASSERT_FALSE(wire_logged(&p.a, "Tnl 1 L2TP: Tunnel Authentication success"));
    wire_free(&p.w);
}

static void tie_cfg(struct l2tp_ctrl_config *c, bool lns)
{
    (void)lns;
    c->send_tie_breaker = true;
}

/* §4.4.3: both open at once; the lower Tie Breaker wins, equal: both give up. */
static void tie(const uint8_t *a_tb, const uint8_t *b_tb, bool equal)
{
    struct wire w;
    struct wire_node a, b;
    struct l2tp_ctrl_config ca, cb;
    cfg_for(&ca, "lac", false, NULL, 0);
    cfg_for(&cb, "lns", true, NULL, 0);
    tie_cfg(&ca, false);
    tie_cfg(&cb, true);
    wire_init(&w, 10 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(&w, &a, "a", A_IP, &ca, a_tb, 8), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(wire_add(&w, &b, "b", B_IP, &cb, b_tb, 8), PROTO_OK);
    struct l2tp_peer_addr to_b = {B_IP, 1701}, to_a = {A_IP, 1701};
    uint16_t ta, tb;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&a.ctrl, &to_b, NULL, 0, 0, &ta, NULL), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&b.ctrl, &to_a, NULL, 0, 0, &tb, NULL), PROTO_OK);
    /* each side has a call waiting for its tunnel */
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&a.ctrl, ta, 0, NULL, NULL, NULL, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&b.ctrl, tb, 0, NULL, NULL, NULL, NULL),
                          PROTO_OK);
    wire_run_for(&w, 60 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(a.ctrl.cnt.tie_breaks, 1);
    CU_ASSERT_EQUAL(b.ctrl.cnt.tie_breaks, 1);
    if (equal) {
        CU_ASSERT_PTR_NULL(only_tunnel(&a));
        CU_ASSERT_PTR_NULL(only_tunnel(&b));
        CU_ASSERT_TRUE(wire_logged(&a, "Tnl 1 L2TP: Tie breaker: equal values, both tunnels give up"));
        /* both calls fail, never having come up */
        CU_ASSERT_EQUAL(a.total_up + b.total_up, 0);
        CU_ASSERT_EQUAL_FATAL(a.n_down, 1);
        CU_ASSERT_EQUAL_FATAL(b.n_down, 1);
        CU_ASSERT_FALSE(a.why[0].was_up);
    } else {
        /* A (lower) keeps its tunnel; B gave its own up and answered A's */
        struct l2tp_tunnel *t_a = only_tunnel(&a), *t_b = only_tunnel(&b);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t_a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t_b);
        CU_ASSERT_TRUE(t_a->originator);
        CU_ASSERT_FALSE(t_b->originator);
        CU_ASSERT_EQUAL(t_a->state, L2TP_TS_ESTABLISHED);
        CU_ASSERT_EQUAL(t_b->state, L2TP_TS_ESTABLISHED);
        CU_ASSERT_EQUAL(t_a->peer_id, t_b->local_id);
        CU_ASSERT_TRUE(wire_logged(&a, "Tnl 1 L2TP: Tie breaker: ours is lower, discarding SCCRQ from peer"));
        CU_ASSERT_TRUE(wire_logged(&b, "Tnl 1 L2TP: Tie breaker: peer's is lower, our SCCRQ gives way"));
        /* B's call moved to the tunnel A opened, and both calls came up:
         * each side has its own call and the other's */
        CU_ASSERT_EQUAL(a.total_up, 2);
        CU_ASSERT_EQUAL(b.total_up, 2);
        CU_ASSERT_EQUAL(a.total_down + b.total_down, 0);
        CU_ASSERT_EQUAL(t_a->n_sessions, 2);
        CU_ASSERT_EQUAL(t_b->n_sessions, 2);
    }
    wire_free(&w);
}

static void test_tie_breaker(void)
{
    static const uint8_t low[8] = {0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t high[8] = {0xFF, 0, 0, 0, 0, 0, 0, 0};
    tie(low, high, false);
    tie(high, high, true);
}

/* §4.1: an unknown AVP with M set in a tunnel message: StopCCN 2/8. */
static void test_unknown_mandatory_avp(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, NULL);
    pair_open(&p, 5 * USEC_PER_SEC);
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
    uint8_t buf[64];
    struct l2tp_builder b;
    size_t len = 0;
    /* a HELLO "from A", with A's next Ns and Nr, carrying AVP 99 M=1 */
    l2tp_build_begin(&b, buf, sizeof buf, ta->peer_id, 0, ta->rel.ns_next, ta->rel.nr,
                     L2TP_MSG_HELLO);
    l2tp_build_avp(&b, true, 0, 99, "x", 1);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, A_IP, buf, len), PROTO_OK);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_GENERAL_ERROR);
    CU_ASSERT_EQUAL(e, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    wire_free(&p.w);
}

/* An unknown Message Type (42): the decoder refuses a Message Type AVP
 * with M clear (§4.4.1 requires M=1) and nothing changes; with M set it is
 * an unrecognised mandatory AVP and clears the tunnel (StopCCN 2/8). */
static void test_unknown_message_type(void)
{
    for (int mandatory = 0; mandatory < 2; mandatory++) {
        struct pair p;
        pair_setup(&p, NULL, NULL, NULL);
        pair_open(&p, 5 * USEC_PER_SEC);
        struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
        uint8_t buf[32] = {0xC8, 0x02, 0x00, 0x14, (uint8_t)(ta->peer_id >> 8),
                           (uint8_t)ta->peer_id, 0, 0, (uint8_t)(ta->rel.ns_next >> 8),
                           (uint8_t)ta->rel.ns_next, (uint8_t)(ta->rel.nr >> 8),
                           (uint8_t)ta->rel.nr, (uint8_t)(mandatory ? 0x80 : 0x00), 0x08, 0, 0,
                           0, 0, 0, 42};
        CU_ASSERT_EQUAL(inject(&p.w, &p.b, A_IP, buf, 20), mandatory ? PROTO_OK : PROTO_EINVAL);
        const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
        if (!mandatory) {
            CU_ASSERT_PTR_NULL(f);
            CU_ASSERT_EQUAL(only_tunnel(&p.b)->state, L2TP_TS_ESTABLISHED);
        } else {
            uint16_t r = 0, e = 0;
            CU_ASSERT_PTR_NOT_NULL_FATAL(f);
            CU_ASSERT_TRUE(frame_result(f, &r, &e));
            CU_ASSERT_EQUAL(r, L2TP_STOPCCN_GENERAL_ERROR);
            CU_ASSERT_EQUAL(e, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
        }
        wire_free(&p.w);
    }
}

static void hello_cfg(struct l2tp_ctrl_config *c, bool lns)
{
    c->hello_interval_us = lns ? 0 : 5 * USEC_PER_SEC;
}

/* HELLO on an idle tunnel every 5 s; when the peer goes silent, the HELLO's
 * retransmissions run out and the tunnel is torn down with a clear line. */
static void test_hello_and_dead_peer(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, hello_cfg);
    pair_open(&p, 12 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(count_frames(&p.w, p.a.idx, L2TP_MSG_HELLO), 2); /* at 5 and 10 s */
    CU_ASSERT_EQUAL(count_frames(&p.w, p.b.idx, L2TP_MSG_ZLB), 3);  /* SCCCN, 2 HELLOs */
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->state, L2TP_TS_ESTABLISHED);
    p.w.loss = 100; /* the LNS vanishes */
    wire_run_for(&p.w, 60 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid));
    CU_ASSERT_TRUE(wire_logged(&p.a, "Tnl 1 L2TP: No acknowledgement from lns after 5 "
                                     "retransmissions (Ns 4), tearing down tunnel"));
    wire_free(&p.w);
}

/* No answer to SCCRQ: 5 retransmissions (1, 2, 4, 8, 8 s), then torn down at
 * 31 s; the call waiting for the tunnel goes with it. */
static void test_no_answer(void)
{
    struct wire w;
    struct wire_node a;
    struct l2tp_ctrl_config c;
    cfg_for(&c, "lac", false, NULL, 0);
    wire_init(&w, 10 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(&w, &a, "lac", A_IP, &c, NULL, 0), PROTO_OK);
    struct l2tp_peer_addr nowhere = {FAKE_IP, 1701};
    uint16_t tid, sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&a.ctrl, &nowhere, NULL, 0, 0, &tid, NULL),
                          PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&a.ctrl, tid, 0, NULL, NULL, &sid, NULL),
                          PROTO_OK);
    wire_run_for(&w, 30 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(w.n_frames, 6);
    CU_ASSERT_PTR_NOT_NULL(l2tp_ctrl_tunnel(&a.ctrl, tid));
    wire_run_for(&w, 2 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_tunnel(&a.ctrl, tid));
    CU_ASSERT_PTR_NULL(l2tp_ctrl_session(&a.ctrl, sid));
    CU_ASSERT_EQUAL(a.ctrl.session_ids.used, 0);
    /* the owner hears that its call failed, never having come up */
    CU_ASSERT_EQUAL_FATAL(a.n_down, 1);
    CU_ASSERT_FALSE(a.why[0].was_up);
    CU_ASSERT_EQUAL(a.why[0].result, L2TP_CDN_ERROR_CODE);
    CU_ASSERT_EQUAL(a.why[0].error, L2TP_ERR_NO_CONTROL_CONNECTION);
    wire_free(&w);
}

/* StopCCN with live sessions: every session of the tunnel is removed on
 * both sides (the card's entries too), with the caller's result code. */
static void test_stopccn_with_sessions(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_hello, NULL);
    pair_open(&p, 2 * USEC_PER_SEC);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, NULL, NULL),
                        PROTO_OK);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.a.n_up, 3);
    CU_ASSERT_EQUAL(p.b.n_up, 3);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_close(&p.a.ctrl, p.tid, L2TP_STOPCCN_BEING_SHUT_DOWN, 0, NULL),
                    PROTO_OK);
    CU_ASSERT_EQUAL(p.a.n_down, 3);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.b.n_down, 3);
    CU_ASSERT_TRUE(p.b.why[0].was_up);
    CU_ASSERT_TRUE(p.b.why[0].by_peer);
    CU_ASSERT_FALSE(p.a.why[0].by_peer);
    const struct wire_frame *f = last_frame(&p.w, p.a.idx, L2TP_MSG_STOPCCN);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_BEING_SHUT_DOWN);
    CU_ASSERT_EQUAL(only_tunnel(&p.b) ? only_tunnel(&p.b)->state : L2TP_TS_IDLE, L2TP_TS_IDLE);
    CU_ASSERT_EQUAL(only_tunnel(&p.b)->peer_stop_result, L2TP_STOPCCN_BEING_SHUT_DOWN);
    /* B holds its idle tunnel to ack retransmissions, then frees it */
    wire_run_for(&p.w, 40 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    CU_ASSERT_EQUAL(p.a.ctrl.session_ids.used + p.b.ctrl.session_ids.used, 0);
    /* closing what is not there is an error */
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_close(&p.a.ctrl, p.tid, 1, 0, NULL), PROTO_EINVAL);
    wire_free(&p.w);
}

static void shutdown_3s(struct l2tp_ctrl_config *c, bool lns)
{
    c->shutdown_delay_us = (lns ? 3 : 20) * USEC_PER_SEC;
}

/* The no-sessions-left timer is configurable; the StopCCN's ack is lost
 * once and the peer, holding its idle tunnel (§5.7), acks the resent one. */
static void test_shutdown_timer_and_hold(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, shutdown_3s);
    pair_open(&p, USEC_PER_SEC);
    uint16_t sid;
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &sid, NULL),
                    PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    struct l2tp_disconnect why = {.result = L2TP_CDN_LOSS_OF_CARRIER};
    CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.a.ctrl, sid, &why, NULL), PROTO_OK);
    uint64_t t_cdn = timer_now(&p.w.tq);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    struct l2tp_tunnel *tb = only_tunnel(&p.b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
    CU_ASSERT_EQUAL(tb->state, L2TP_TS_NO_SESSIONS_LEFT);
    CU_ASSERT_TRUE(wire_logged(&p.b, "Tnl 1 L2TP: No more sessions in tunnel, shutdown (likely) "
                                     "in 3 seconds"));
    p.w.drop_next_from[p.a.idx] = 1; /* the LAC's ack of the StopCCN */
    wire_run_for(&p.w, 1500 * USEC_PER_MSEC);
    const struct wire_frame *stop = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stop);
    CU_ASSERT_EQUAL(stop->at, t_cdn + p.w.latency_us + 3 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(only_tunnel(&p.b)->state, L2TP_TS_SHUTTING_DOWN);
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta); /* held, idle */
    CU_ASSERT_EQUAL(ta->state, L2TP_TS_IDLE);
    wire_run_for(&p.w, 2 * USEC_PER_SEC); /* StopCCN resent at +1 s, acked */
    CU_ASSERT_EQUAL(count_frames(&p.w, p.b.idx, L2TP_MSG_STOPCCN), 2);
    CU_ASSERT_EQUAL(ta->rel.cnt.duplicates, 1);
    CU_ASSERT_PTR_NULL(only_tunnel(&p.b));
    /* the LAC's hold ends after hold_us (31 s) */
    wire_run_for(&p.w, 31 * USEC_PER_SEC);
    CU_ASSERT_PTR_NULL(only_tunnel(&p.a));
    wire_free(&p.w);
}

/* §4.4.2 result 5: a peer speaking another protocol version. */
static void test_bad_protocol_version(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, NULL);
    uint8_t buf[128];
    struct l2tp_builder b;
    size_t len = 0;
    l2tp_build_begin(&b, buf, sizeof buf, 0, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_u16(&b, true, L2TP_AVP_PROTOCOL_VERSION, 0x0200);
    l2tp_build_u32(&b, true, L2TP_AVP_FRAMING_CAPABILITIES, 3);
    l2tp_build_str(&b, true, L2TP_AVP_HOST_NAME, "v2peer");
    l2tp_build_u16(&b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, 5);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_OK);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_STOPCCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_STOPCCN_BAD_PROTOCOL_VERSION);
    CU_ASSERT_EQUAL(e, L2TP_PROTOCOL_VERSION);
    /* and garbage is refused with a decode error, not a crash */
    static const uint8_t junk[] = {0xC8, 0x02, 0x00, 0x40, 0, 0};
    CU_ASSERT_NOT_EQUAL(inject(&p.w, &p.b, FAKE_IP, junk, sizeof junk), PROTO_OK);
    /* an SCCRQ without Assigned Tunnel ID too */
    l2tp_build_begin(&b, buf, sizeof buf, 0, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_u16(&b, true, L2TP_AVP_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_EINVAL);
    wire_free(&p.w);
}

static void hide_cfg(struct l2tp_ctrl_config *c, bool lns)
{
    c->hide_avps = !lns;
}

/* Hidden AVPs (§4.3): the LAC hides the numbers and proxy authentication;
 * on the wire they are H=1 after a Random Vector; the LNS reveals them. */
static void test_hidden_avps(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_hello, hide_cfg);
    pair_open(&p, 2 * USEC_PER_SEC);
    struct l2tp_call_params cp = {0};
    strcpy(cp.called_number, "614629");
    strcpy(cp.calling_number, "2085730592");
    cp.proxy_authen_type = L2TP_PROXY_AUTHEN_CHAP;
    strcpy(cp.proxy_authen_name, "2500-1");
    cp.proxy_authen_response_len = 16;
    memset(cp.proxy_authen_response, 0xCA, 16);
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, &cp, NULL, NULL, NULL), PROTO_OK);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    const struct wire_frame *icrq = last_frame(&p.w, p.a.idx, L2TP_MSG_ICRQ);
    CU_ASSERT_PTR_NOT_NULL_FATAL(icrq);
    static struct l2tp_msg m;
    CU_ASSERT_EQUAL_FATAL(l2tp_msg_decode(icrq->data, icrq->len, NULL, 0, &m, NULL), PROTO_OK);
    const struct l2tp_avp *called = l2tp_msg_find(&m, 0, L2TP_AVP_CALLED_NUMBER);
    CU_ASSERT_PTR_NOT_NULL_FATAL(called);
    CU_ASSERT_TRUE(called->hidden);
    CU_ASSERT_PTR_NOT_NULL(l2tp_msg_find(&m, 0, L2TP_AVP_RANDOM_VECTOR));
    for (size_t i = 0; i + 6 <= icrq->len; i++)
        CU_ASSERT_NOT_EQUAL(memcmp(icrq->data + i, "614629", 6), 0);
    CU_ASSERT_EQUAL_FATAL(p.b.n_events, 1);
    CU_ASSERT_STRING_EQUAL(p.b.events[0].params->called_number, "614629");
    CU_ASSERT_STRING_EQUAL(p.b.events[0].params->calling_number, "2085730592");
    CU_ASSERT_STRING_EQUAL(p.b.events[0].params->proxy_authen_name, "2500-1");
    CU_ASSERT_EQUAL(p.b.events[0].params->proxy_authen_response_len, 16);
    CU_ASSERT_EQUAL(p.b.events[0].params->proxy_authen_response[15], 0xCA);
    wire_free(&p.w);
}

/* An SCCRQ sent again (our SCCRP was lost) is a duplicate of the tunnel
 * it opened: acked, not a second tunnel. */
static void test_sccrq_retransmitted(void)
{
    struct pair p;
    pair_setup(&p, NULL, NULL, NULL);
    uint8_t buf[128];
    struct l2tp_builder b;
    size_t len = 0;
    l2tp_build_begin(&b, buf, sizeof buf, 0, 0, 0, 0, L2TP_MSG_SCCRQ);
    l2tp_build_u16(&b, true, L2TP_AVP_PROTOCOL_VERSION, L2TP_PROTOCOL_VERSION);
    l2tp_build_u32(&b, true, L2TP_AVP_FRAMING_CAPABILITIES, 3);
    l2tp_build_str(&b, true, L2TP_AVP_HOST_NAME, "far");
    l2tp_build_u16(&b, true, L2TP_AVP_ASSIGNED_TUNNEL_ID, 900);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, buf, len), PROTO_OK);
    CU_ASSERT_EQUAL(p.b.ctrl.cnt.tunnels_created, 1);
    CU_ASSERT_EQUAL(count_frames(&p.w, p.b.idx, L2TP_MSG_SCCRP), 1);
    CU_ASSERT_EQUAL(count_frames(&p.w, p.b.idx, L2TP_MSG_ZLB), 1);
    CU_ASSERT_EQUAL(only_tunnel(&p.b)->rel.cnt.duplicates, 1);
    wire_free(&p.w);
}

/* Per-tunnel and per-session counters: messages by type (first
 * transmissions), ZLBs, retransmissions, duplicates; and a frame from
 * another address is not taken for the tunnel's peer. */
static void test_counters(void)
{
    struct pair p;
    pair_setup(&p, util_hello, util_hello, NULL);
    pair_open(&p, 2 * USEC_PER_SEC);
    uint16_t sid;
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &sid, NULL),
                    PROTO_OK);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    struct l2tp_tunnel *tb = only_tunnel(&p.b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
    CU_ASSERT_EQUAL(ta->cnt.tx_by_type[L2TP_MSG_SCCRQ], 1);
    CU_ASSERT_EQUAL(ta->cnt.tx_by_type[L2TP_MSG_SCCCN], 1);
    CU_ASSERT_EQUAL(ta->cnt.tx_by_type[L2TP_MSG_ICRQ], 1);
    CU_ASSERT_EQUAL(ta->cnt.tx_by_type[L2TP_MSG_ICCN], 1);
    CU_ASSERT_EQUAL(ta->cnt.rx_by_type[L2TP_MSG_SCCRP], 1);
    CU_ASSERT_EQUAL(ta->cnt.rx_by_type[L2TP_MSG_ICRP], 1);
    CU_ASSERT_EQUAL(ta->cnt.rx_by_type[L2TP_MSG_ZLB], 2);
    CU_ASSERT_EQUAL(tb->cnt.tx_by_type[L2TP_MSG_ZLB], 2);
    CU_ASSERT_EQUAL(tb->rel.cnt.zlb_tx, 2);
    CU_ASSERT_EQUAL(ta->rel.cnt.zlb_rx, 2);
    CU_ASSERT_EQUAL(ta->rel.cnt.tx_msgs, 4);
    CU_ASSERT_EQUAL(tb->rel.cnt.rx_msgs, 4);
    struct l2tp_session *sa = l2tp_ctrl_session(&p.a.ctrl, sid);
    CU_ASSERT_EQUAL(sa->cnt.tx_by_type[L2TP_MSG_ICRQ], 1);
    CU_ASSERT_EQUAL(sa->cnt.tx_by_type[L2TP_MSG_ICCN], 1);
    CU_ASSERT_EQUAL(sa->cnt.rx_by_type[L2TP_MSG_ICRP], 1);
    /* the last frame A sent, replayed: a duplicate, acked at once, counted */
    const struct wire_frame *iccn = last_frame(&p.w, p.a.idx, L2TP_MSG_ICCN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(iccn);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, A_IP, iccn->data, iccn->len), PROTO_OK);
    CU_ASSERT_EQUAL(tb->rel.cnt.duplicates, 1);
    CU_ASSERT_EQUAL(tb->rel.cnt.zlb_tx, 3);
    /* the same frame from a stranger's address is dropped */
    uint64_t bad = p.b.ctrl.cnt.rx_bad;
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, FAKE_IP, iccn->data, iccn->len), PROTO_OK);
    CU_ASSERT_EQUAL(p.b.ctrl.cnt.rx_bad, bad + 1);
    CU_ASSERT_EQUAL(tb->rel.cnt.duplicates, 1);
    /* a lost message is retransmitted and counted as such */
    p.w.loss = 100;
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, NULL, NULL),
                    PROTO_OK);
    wire_run_for(&p.w, 1500 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL(ta->rel.cnt.retransmits, 1);
    CU_ASSERT_EQUAL(ta->cnt.tx_by_type[L2TP_MSG_ICRQ], 2);
    wire_free(&p.w);
}

/* Bad configuration and requests are refused with a named field. */
static void test_api_errors(void)
{
    struct l2tp_ctrl c;
    struct l2tp_ctrl_config cfg;
    struct proto_error err = {0};
    struct timer_queue tq;
    timer_queue_init(&tq, CLOCK_VIRTUAL);
    l2tp_ctrl_config_default(&cfg, "x", false);
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, NULL, wire_ops(), NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, &cfg, NULL, NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "ops");
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, &cfg, wire_ops(), NULL, NULL, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "timer_queue");
    l2tp_ctrl_config_default(&cfg, "", false);
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, &cfg, wire_ops(), NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "hostname");
    l2tp_ctrl_config_default(&cfg, "x", false);
    cfg.rel.rx_window = 0;
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, &cfg, wire_ops(), NULL, &tq, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Receive Window Size");
    l2tp_ctrl_config_default(&cfg, "x", false);
    cfg.session_table_size = 1;
    CU_ASSERT_EQUAL(l2tp_ctrl_init(&c, &cfg, wire_ops(), NULL, &tq, NULL, &err), PROTO_EINVAL);
    l2tp_ctrl_config_default(&cfg, "x", false);
    cfg.tunnel_table_size = 100;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_init(&c, &cfg, wire_ops(), NULL, &tq, NULL, &err), PROTO_OK);
    struct l2tp_peer_addr peer = {FAKE_IP, 1701};
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_open(&c, &peer, NULL, 0, 100, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_open(&c, NULL, NULL, 0, 0, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_input(&c, NULL, util_hello, 5, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "peer address");
    CU_ASSERT_EQUAL(l2tp_ctrl_input(&c, &peer, NULL, 5, &err), PROTO_EINVAL);
    CU_ASSERT_NOT_EQUAL(l2tp_ctrl_input(&c, &peer, NULL, 0, &err), PROTO_OK);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel_open(&c, &peer, util_hello, 65, 0, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&c, 3, 0, NULL, NULL, NULL, &err), PROTO_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.field, "Tunnel ID");
    l2tp_ctrl_free(&c);
    timer_queue_free(&tq);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every row of the tunnel table", test_every_row},
        {"pairs not in the table are ignored", test_pairs_not_in_table},
        {"wrong secret: originator detects, StopCCN 4", test_wrong_secret_originator_detects},
        {"wrong secret: receiver detects, StopCCN 4", test_wrong_secret_receiver_detects},
        {"missing response: receiver detects, StopCCN 4", test_missing_response_receiver_detects},
        {"challenge without a secret, both ways", test_challenge_without_secret},
        {"no secrets: no authentication", test_no_auth},
        {"tie breaker: lower wins, equal both give up", test_tie_breaker},
        {"unknown mandatory AVP: StopCCN 2/8", test_unknown_mandatory_avp},
        {"unknown message type, M clear and set", test_unknown_message_type},
        {"HELLO keepalive, dead peer torn down", test_hello_and_dead_peer},
        {"no answer to SCCRQ: give up after 5 retries", test_no_answer},
        {"StopCCN removes every session, both sides", test_stopccn_with_sessions},
        {"shutdown timer configurable; hold acks a resent StopCCN", test_shutdown_timer_and_hold},
        {"bad protocol version: StopCCN 5; malformed input", test_bad_protocol_version},
        {"hidden AVPs sent and revealed", test_hidden_avps},
        {"SCCRQ retransmitted: one tunnel", test_sccrq_retransmitted},
        {"counters, duplicates, strangers", test_counters},
        {"API errors", test_api_errors},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp tunnel", tests);
}
