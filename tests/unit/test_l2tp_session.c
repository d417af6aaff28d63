/* The session state machines (RFC 2661 §7.4.1, §7.4.2, §7.5.1, §7.5.2):
 * every row for every call type it names, pairs left out, and calls end to
 * end between two instances: incoming and outgoing, CDN both ways with
 * result, error and Q.931 cause codes, WEN and SLI, the per-tunnel session
 * limit, unknown mandatory AVPs. */
#include <stdio.h>
#include <string.h>

#include "l2tp_ctrl_int.h"
#include "l2tp_ctrl_test_util.h"

static int session_action_msg(int action)
{
    switch (action) {
    case SA_SEND_ICRQ:
        return L2TP_MSG_ICRQ;
    case SA_SEND_ICRP:
        return L2TP_MSG_ICRP;
    case SA_SEND_ICCN_UP:
        return L2TP_MSG_ICCN;
    case SA_SEND_OCRQ:
        return L2TP_MSG_OCRQ;
    case SA_SEND_OCRP_DIAL:
        return L2TP_MSG_OCRP;
    case SA_SEND_OCCN_UP:
        return L2TP_MSG_OCCN;
    case SA_SEND_CDN:
        return L2TP_MSG_CDN;
    default:
        return -1;
    }
}

struct one {
    struct wire w;
    struct wire_node n;
    struct l2tp_tunnel *t;
};

static struct l2tp_session *forced(struct one *o, int state, int type)
{
    struct l2tp_ctrl_config c;
    cfg_for(&c, "node", false, NULL, 0);
    c.tunnel_table_size = c.session_table_size = 64; /* small: many instances */
    wire_init(&o->w, 10 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(&o->w, &o->n, "node", A_IP, &c, NULL, 0), PROTO_OK);
    struct l2tp_peer_addr peer = {FAKE_IP, 1701};
    o->t = l2tp_tunnel_new(&o->n.ctrl, &peer, 0, true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o->t);
    o->t->peer_id = 4321;
    o->t->rel.peer_tunnel_id = 4321;
    o->t->state = L2TP_TS_ESTABLISHED;
    struct l2tp_session *s = l2tp_session_new(o->t, (enum l2tp_call_type)type, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    s->state = (enum l2tp_session_state)state;
    s->peer_id = 99;
    s->cdn.result = L2TP_CDN_ADMINISTRATIVE;
    return s;
}

static void test_every_row(void)
{
    size_t n, checked = 0;
    const struct l2tp_fsm_row *tab = l2tp_session_fsm_table(&n);
    for (size_t i = 0; i < n; i++) {
        const struct l2tp_fsm_row *row = &tab[i];
        for (int type = 0; type < 4; type++) {
            if (!(row->types & (1u << type)))
                continue;
            struct one o;
            struct l2tp_session *s = forced(&o, row->state, type);
            uint16_t sid = s->local_id;
            l2tp_session_event(s, (enum l2tp_session_event)row->event);
            bool freed = row->action == SA_SEND_CDN || row->action == SA_CLEANUP;
            char what[160];
            snprintf(what, sizeof what, "row %zu type %d: %s + %s", i, type,
                     l2tp_session_state_name((enum l2tp_session_state)row->state),
                     l2tp_session_event_name((enum l2tp_session_event)row->event));
            struct l2tp_session *after = l2tp_ctrl_session(&o.n.ctrl, sid);
            if (freed) {
                CU_ASSERT_PTR_NULL(after);
                CU_ASSERT_EQUAL(row->next, L2TP_SS_IDLE);
                /* the last session gone: Cisco's no-sessions-left */
                CU_ASSERT_EQUAL(o.t->state, L2TP_TS_NO_SESSIONS_LEFT);
            } else {
                CU_ASSERT_PTR_NOT_NULL_FATAL(after);
                if ((int)after->state != row->next)
                    printf("\n%s: state %s\n", what, l2tp_session_state_name(after->state));
                CU_ASSERT_EQUAL((int)after->state, row->next);
            }
            int msg = session_action_msg(row->action);
            if (msg >= 0) {
                CU_ASSERT_EQUAL_FATAL(o.w.n_frames, 1);
                CU_ASSERT_EQUAL(wire_frame_type(&o.w.frames[0]), msg);
            } else {
                CU_ASSERT_EQUAL(o.w.n_frames, 0);
            }
            bool up = row->action == SA_SEND_ICCN_UP || row->action == SA_UP ||
                      row->action == SA_SEND_OCCN_UP;
            CU_ASSERT_EQUAL(o.n.n_up, up ? 1 : 0);
            if (row->action == SA_UP) {
                CU_ASSERT_EQUAL(o.n.n_events, 1);
                CU_ASSERT_EQUAL(o.n.events[0].kind, L2TP_EV_CALL_CONNECTED);
            }
            if (row->action == SA_SEND_OCRP_DIAL) {
                CU_ASSERT_EQUAL(o.n.n_events, 1);
                CU_ASSERT_EQUAL(o.n.events[0].kind, L2TP_EV_OUTGOING_REQUEST);
            }
            checked++;
            wire_free(&o.w);
        }
    }
    CU_ASSERT(checked >= 80);
}

static void test_pairs_not_in_table(void)
{
    size_t n, ignored = 0;
    const struct l2tp_fsm_row *tab = l2tp_session_fsm_table(&n);
    for (int type = 0; type < 4; type++)
        for (int st = 0; st < L2TP_SS_COUNT; st++)
            for (int ev = 0; ev < L2TP_SE_COUNT; ev++) {
                if (l2tp_fsm_find(tab, n, st, ev, type))
                    continue;
                struct one o;
                struct l2tp_session *s = forced(&o, st, type);
                l2tp_session_event(s, (enum l2tp_session_event)ev);
                CU_ASSERT_EQUAL((int)s->state, st);
                CU_ASSERT_EQUAL(o.w.n_frames, 0);
                ignored++;
                wire_free(&o.w);
            }
    CU_ASSERT(ignored > 100);
}

/* An established tunnel between a LAC (a) and an LNS (b). */
static void up_pair(struct pair *p, void (*tweak)(struct l2tp_ctrl_config *, bool))
{
    pair_setup(p, util_hello, util_hello, tweak);
    pair_open(p, 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel(&p->a.ctrl, p->tid)->state, L2TP_TS_ESTABLISHED);
}

/* §7.5: the LNS asks the LAC to dial (OCRQ); the LAC answers OCRP, dials,
 * and reports the answer (OCCN). Then the LNS clears the call with result
 * 3 and a Q.931 cause, which the LAC's owner gets. */
static void test_outgoing_call(void)
{
    struct pair p;
    up_pair(&p, NULL);
    struct l2tp_tunnel *tb = only_tunnel(&p.b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
    struct l2tp_call_params cp = {0};
    strcpy(cp.called_number, "5551234");
    cp.has_max_bps = true;
    cp.max_bps = 64000;
    uint16_t lns_sid, lac_sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_outgoing(&p.b.ctrl, tb->local_id, 0, &cp, NULL,
                                                  &lns_sid, NULL),
                          PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.a.n_events, 1);
    CU_ASSERT_EQUAL(p.a.events[0].kind, L2TP_EV_OUTGOING_REQUEST);
    CU_ASSERT_STRING_EQUAL(p.a.events[0].params->called_number, "5551234");
    CU_ASSERT_EQUAL(p.a.events[0].params->max_bps, 64000);
    CU_ASSERT_EQUAL(l2tp_ctrl_session(&p.b.ctrl, lns_sid)->state, L2TP_SS_WAIT_CONNECT);
    /* the LAC's session, waiting for the bearer */
    lac_sid = 0;
    for (struct l2tp_session *s = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->sessions; s; s = s->next)
        lac_sid = s->local_id;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_session(&p.a.ctrl, lac_sid)->state, L2TP_SS_WAIT_CS_ANSWER);
    struct l2tp_call_params conn = {0};
    conn.tx_connect_speed = 64000;
    conn.sequencing_required = true;
    CU_ASSERT_EQUAL(l2tp_ctrl_call_answered(&p.a.ctrl, lac_sid, &conn, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL(l2tp_ctrl_session(&p.a.ctrl, lac_sid)->state, L2TP_SS_ESTABLISHED);
    CU_ASSERT_EQUAL(l2tp_ctrl_session(&p.b.ctrl, lns_sid)->state, L2TP_SS_ESTABLISHED);
    CU_ASSERT_EQUAL_FATAL(p.b.n_up, 1);
    CU_ASSERT_EQUAL(p.b.up[0].peer_session_id, lac_sid);
    CU_ASSERT_TRUE(p.b.up[0].sequencing_required); /* AVP 39 in the OCCN */
    CU_ASSERT_EQUAL(p.b.up[0].type, L2TP_CALL_LNS_OUTGOING);
    CU_ASSERT_EQUAL(p.a.up[0].type, L2TP_CALL_LAC_OUTGOING);
    /* answering twice is refused */
    CU_ASSERT_EQUAL(l2tp_ctrl_call_answered(&p.a.ctrl, lac_sid, NULL, NULL), PROTO_EINVAL);
    struct l2tp_disconnect why = {.result = L2TP_CDN_ADMINISTRATIVE, .has_q931 = true,
                                  .q931_cause = 16, .q931_msg = 0x45};
    CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.b.ctrl, lns_sid, &why, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.a.n_down, 1);
    CU_ASSERT_EQUAL(p.a.why[0].result, L2TP_CDN_ADMINISTRATIVE);
    CU_ASSERT_TRUE(p.a.why[0].by_peer);
    CU_ASSERT_TRUE(p.a.why[0].has_q931);
    CU_ASSERT_EQUAL(p.a.why[0].q931_cause, 16);
    CU_ASSERT_EQUAL(p.a.why[0].q931_msg, 0x45);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_session(&p.a.ctrl, lac_sid));
    wire_free(&p.w);
}

/* An outgoing call the LAC cannot place: CDN "no carrier" back. */
static void test_outgoing_call_fails(void)
{
    struct pair p;
    up_pair(&p, NULL);
    struct l2tp_call_params cp = {0};
    strcpy(cp.called_number, "5551234");
    uint16_t lns_sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_outgoing(&p.b.ctrl, only_tunnel(&p.b)->local_id, 0, &cp,
                                                  NULL, &lns_sid, NULL),
                          PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    uint16_t lac_sid = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->sessions->local_id;
    struct l2tp_disconnect why = {.result = L2TP_CDN_NO_CARRIER};
    CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.a.ctrl, lac_sid, &why, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(last_frame(&p.w, p.a.idx, L2TP_MSG_CDN), &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_CDN_NO_CARRIER);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_session(&p.b.ctrl, lns_sid));
    CU_ASSERT_EQUAL(p.b.n_up, 0);
    wire_free(&p.w);
}

/* §6.14 WEN LAC -> LNS, §6.15 SLI LNS -> LAC, surfaced to the owner. */
static void test_wen_sli(void)
{
    struct pair p;
    up_pair(&p, NULL);
    uint16_t lac_sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &lac_sid, NULL),
                          PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.b.n_up, 1);
    uint16_t lns_sid = p.b.up[0].local_session_id;
    struct l2tp_call_errors e = {1, 2, 3, 4, 5, 6};
    CU_ASSERT_EQUAL(l2tp_ctrl_send_wen(&p.a.ctrl, lac_sid, &e, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(l2tp_ctrl_send_sli(&p.b.ctrl, lns_sid, 0xFFFFFFFFu, 0x000A0000u, NULL),
                    PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.b.n_events, 2); /* CONNECTED, WEN */
    CU_ASSERT_EQUAL(p.b.events[1].kind, L2TP_EV_WEN);
    CU_ASSERT_EQUAL(p.b.events[1].errors->crc_errors, 1);
    CU_ASSERT_EQUAL(p.b.events[1].errors->alignment_errors, 6);
    CU_ASSERT_EQUAL_FATAL(p.a.n_events, 1);
    CU_ASSERT_EQUAL(p.a.events[0].kind, L2TP_EV_SLI);
    CU_ASSERT_EQUAL(p.a.events[0].send_accm, 0xFFFFFFFFu);
    CU_ASSERT_EQUAL(p.a.events[0].recv_accm, 0x000A0000u);
    /* the wrong side for each is refused */
    CU_ASSERT_EQUAL(l2tp_ctrl_send_wen(&p.b.ctrl, lns_sid, &e, NULL), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_send_sli(&p.a.ctrl, lac_sid, 0, 0, NULL), PROTO_EINVAL);
    CU_ASSERT_EQUAL(l2tp_ctrl_send_wen(&p.a.ctrl, 999, &e, NULL), PROTO_EINVAL);
    wire_free(&p.w);
}

static void limit_cfg(struct l2tp_ctrl_config *c, bool lns)
{
    if (lns)
        c->max_sessions_per_tunnel = 2;
}

/* The LNS takes two calls per tunnel: the third gets CDN result 4 (§4.4.2
 * "temporary lack of facilities"), and the first two are unharmed. */
static void test_session_limit(void)
{
    struct pair p;
    up_pair(&p, limit_cfg);
    uint16_t sids[3];
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &sids[i], NULL),
                        PROTO_OK);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.b.n_up, 2);
    CU_ASSERT_EQUAL(p.a.n_up, 2);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_CDN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_CDN_TEMP_NO_FACILITIES);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_session(&p.a.ctrl, sids[2]));
    /* the LAC's owner hears the refusal of the call it placed */
    CU_ASSERT_EQUAL_FATAL(p.a.n_down, 1);
    CU_ASSERT_EQUAL(p.a.down[0].local_session_id, sids[2]);
    CU_ASSERT_EQUAL(p.a.why[0].result, L2TP_CDN_TEMP_NO_FACILITIES);
    CU_ASSERT_FALSE(p.a.why[0].was_up);
    CU_ASSERT_TRUE(p.a.why[0].by_peer);
    CU_ASSERT_EQUAL(l2tp_ctrl_session(&p.a.ctrl, sids[0])->state, L2TP_SS_ESTABLISHED);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->state, L2TP_TS_ESTABLISHED);
    wire_free(&p.w);
}

/* CDN from the LNS side: result 2 with an error code and a Q.931 cause. */
static void test_cdn_from_lns(void)
{
    struct pair p;
    up_pair(&p, NULL);
    uint16_t lac_sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &lac_sid, NULL),
                          PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    uint16_t lns_sid = p.b.up[0].local_session_id;
    struct l2tp_disconnect why = {.result = L2TP_CDN_ERROR_CODE,
                                  .error = L2TP_ERR_INSUFFICIENT_RESOURCES,
                                  .has_q931 = true,
                                  .q931_cause = 34};
    CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.b.ctrl, lns_sid, &why, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.a.n_down, 1);
    CU_ASSERT_EQUAL(p.a.why[0].result, L2TP_CDN_ERROR_CODE);
    CU_ASSERT_EQUAL(p.a.why[0].error, L2TP_ERR_INSUFFICIENT_RESOURCES);
    CU_ASSERT_EQUAL(p.a.why[0].q931_cause, 34);
    CU_ASSERT_EQUAL(p.b.n_down, 1);
    CU_ASSERT_FALSE(p.b.why[0].by_peer);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->state, L2TP_TS_NO_SESSIONS_LEFT);
    /* a new call brings the tunnel back to established */
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, NULL, NULL),
                    PROTO_OK);
    CU_ASSERT_EQUAL(l2tp_ctrl_tunnel(&p.a.ctrl, p.tid)->state, L2TP_TS_ESTABLISHED);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL(p.a.n_up, 2);
    /* a CDN needs a result code */
    struct l2tp_disconnect none = {0};
    CU_ASSERT_EQUAL(l2tp_ctrl_call_disconnect(&p.b.ctrl, p.b.up[1].local_session_id, &none, NULL),
                    PROTO_EINVAL);
    wire_free(&p.w);
}

/* §4.1: an unknown M=1 AVP in a session message clears the call with CDN
 * result 2, error 8, and leaves the tunnel up. */
static void test_unknown_mandatory_in_session(void)
{
    struct pair p;
    up_pair(&p, NULL);
    uint16_t lac_sid;
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, &lac_sid, NULL),
                          PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    uint16_t lns_sid = p.b.up[0].local_session_id;
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    uint8_t buf[128];
    struct l2tp_builder b;
    size_t len = 0;
    l2tp_build_begin(&b, buf, sizeof buf, ta->peer_id, lns_sid, ta->rel.ns_next, ta->rel.nr,
                     L2TP_MSG_WEN);
    uint8_t ce[26] = {0};
    l2tp_build_avp(&b, true, 0, L2TP_AVP_CALL_ERRORS, ce, sizeof ce);
    l2tp_build_avp(&b, true, 0, 77, "zz", 2);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, A_IP, buf, len), PROTO_OK);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_CDN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_CDN_ERROR_CODE);
    CU_ASSERT_EQUAL(e, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
    CU_ASSERT_PTR_NULL(l2tp_ctrl_session(&p.b.ctrl, lns_sid));
    CU_ASSERT_NOT_EQUAL(only_tunnel(&p.b)->state, L2TP_TS_SHUTTING_DOWN);
    wire_free(&p.w);
}

/* An ICRQ with an unknown M=1 AVP: the call is refused with CDN 2/8. */
static void test_unknown_mandatory_in_icrq(void)
{
    struct pair p;
    up_pair(&p, NULL);
    struct l2tp_tunnel *ta = l2tp_ctrl_tunnel(&p.a.ctrl, p.tid);
    uint8_t buf[128];
    struct l2tp_builder b;
    size_t len = 0;
    l2tp_build_begin(&b, buf, sizeof buf, ta->peer_id, 0, ta->rel.ns_next, ta->rel.nr,
                     L2TP_MSG_ICRQ);
    l2tp_build_u16(&b, true, L2TP_AVP_ASSIGNED_SESSION_ID, 321);
    l2tp_build_u32(&b, true, L2TP_AVP_CALL_SERIAL_NUMBER, 1);
    l2tp_build_avp(&b, true, 0, 88, "q", 1);
    CU_ASSERT_EQUAL_FATAL(l2tp_build_end(&b, &len, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(inject(&p.w, &p.b, A_IP, buf, len), PROTO_OK);
    const struct wire_frame *f = last_frame(&p.w, p.b.idx, L2TP_MSG_CDN);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL((f->data[6] << 8) | f->data[7], 321);
    uint16_t r = 0, e = 0;
    CU_ASSERT_TRUE(frame_result(f, &r, &e));
    CU_ASSERT_EQUAL(r, L2TP_CDN_ERROR_CODE);
    CU_ASSERT_EQUAL(e, L2TP_ERR_UNKNOWN_MANDATORY_AVP);
    CU_ASSERT_EQUAL(p.b.ctrl.session_ids.used, 0);
    CU_ASSERT_EQUAL(p.b.n_up, 0);
    wire_free(&p.w);
}

/* The largest ICCN we can be asked for (every proxy AVP at its maximum,
 * hidden) is built and delivered whole. */
static void hide_all(struct l2tp_ctrl_config *c, bool lns)
{
    c->hide_avps = !lns;
}

static void test_largest_iccn(void)
{
    struct pair p;
    up_pair(&p, hide_all);
    struct l2tp_call_params cp;
    memset(&cp, 0, sizeof cp);
    memset(cp.calling_number, '1', sizeof cp.calling_number - 1);
    memset(cp.called_number, '2', sizeof cp.called_number - 1);
    memset(cp.sub_address, '3', sizeof cp.sub_address - 1);
    memset(cp.nas_port, 'S', sizeof cp.nas_port - 1);
    memset(cp.proxy_authen_name, 'n', sizeof cp.proxy_authen_name - 1);
    cp.initial_rx_lcp_len = cp.last_sent_lcp_len = cp.last_rx_lcp_len = L2TP_CTRL_BLOB_MAX;
    cp.proxy_authen_challenge_len = cp.proxy_authen_response_len = L2TP_CTRL_BLOB_MAX;
    memset(cp.last_rx_lcp, 0x7E, L2TP_CTRL_BLOB_MAX);
    memset(cp.proxy_authen_response, 0x5A, L2TP_CTRL_BLOB_MAX);
    cp.proxy_authen_type = L2TP_PROXY_AUTHEN_CHAP;
    cp.has_proxy_authen_id = true;
    cp.sequencing_required = true;
    CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, &cp, NULL, NULL, NULL), PROTO_OK);
    wire_run_for(&p.w, USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.b.n_events, 1);
    const struct l2tp_call_params *got = p.b.events[0].params;
    CU_ASSERT_EQUAL(strlen(got->calling_number), L2TP_CTRL_NAME_MAX - 1);
    CU_ASSERT_EQUAL(strlen(got->proxy_authen_name), L2TP_CTRL_NAME_MAX - 1);
    CU_ASSERT_EQUAL(got->last_rx_lcp_len, L2TP_CTRL_BLOB_MAX);
    CU_ASSERT_EQUAL(got->last_rx_lcp[L2TP_CTRL_BLOB_MAX - 1], 0x7E);
    CU_ASSERT_EQUAL(got->proxy_authen_response_len, L2TP_CTRL_BLOB_MAX);
    CU_ASSERT_EQUAL(got->proxy_authen_response[0], 0x5A);
    CU_ASSERT_TRUE(p.b.up[0].sequencing_required);
    wire_free(&p.w);
}

/* Local session IDs fit the card's table: with a table of 4 entries the
 * LNS can hold 3 sessions (IDs 1..3); the 4th call is refused (CDN 4). */
static void small_table_cfg(struct l2tp_ctrl_config *c, bool lns)
{
    if (lns)
        c->session_table_size = 4;
}

static void test_session_table_size(void)
{
    struct pair p;
    up_pair(&p, small_table_cfg);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(l2tp_ctrl_call_incoming(&p.a.ctrl, p.tid, 0, NULL, NULL, NULL, NULL),
                        PROTO_OK);
    wire_run_for(&p.w, 2 * USEC_PER_SEC);
    CU_ASSERT_EQUAL_FATAL(p.b.n_up, 3);
    for (size_t i = 0; i < 3; i++) {
        CU_ASSERT(p.b.up[i].local_session_id >= 1);
        CU_ASSERT(p.b.up[i].local_session_id < 4);
    }
    CU_ASSERT_EQUAL(count_frames(&p.w, p.b.idx, L2TP_MSG_CDN), 1);
    wire_free(&p.w);
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"every row of the session table, every call type", test_every_row},
        {"pairs not in the table are ignored", test_pairs_not_in_table},
        {"outgoing call both sides, CDN with Q.931 from LNS", test_outgoing_call},
        {"outgoing call the LAC cannot place", test_outgoing_call_fails},
        {"WEN and SLI", test_wen_sli},
        {"per-tunnel session limit: CDN 4", test_session_limit},
        {"CDN from the LNS with error code", test_cdn_from_lns},
        {"unknown mandatory AVP in a session message: CDN 2/8",
         test_unknown_mandatory_in_session},
        {"unknown mandatory AVP in ICRQ: CDN 2/8", test_unknown_mandatory_in_icrq},
        {"largest ICCN, hidden, delivered whole", test_largest_iccn},
        {"session IDs within the card's table", test_session_table_size},
        CU_TEST_INFO_NULL,
    };
    UNIT_SUITE("l2tp session", tests);
}
