/* Helpers shared by the l2tp control tests (header-only). */
#ifndef TESTS_UNIT_L2TP_CTRL_TEST_UTIL_H
#define TESTS_UNIT_L2TP_CTRL_TEST_UTIL_H

#include <string.h>

#include "l2tp_const.h"
#include "l2tp_ctrl_int.h"
#include "l2tp_ctrl_wire.h"
#include "l2tp_msg.h"
#include "unit.h"

#define A_IP 0x0A000001u
#define B_IP 0x0A000002u
#define FAKE_IP 0x0A000009u

static const uint8_t util_hello[] = {'h', 'e', 'l', 'l', 'o'};
static const uint8_t util_world[] = {'w', 'o', 'r', 'l', 'd'};

/* Result and error codes of a StopCCN/CDN frame; false when it has none. */
static inline bool frame_result(const struct wire_frame *f, uint16_t *result, uint16_t *error)
{
    static struct l2tp_msg m;
    if (l2tp_msg_decode(f->data, f->len, NULL, 0, &m, NULL) != PROTO_OK)
        return false;
    const struct l2tp_avp *a = l2tp_msg_find(&m, 0, L2TP_AVP_RESULT_CODE);
    if (!a || a->value_len < 2)
        return false;
    *result = (uint16_t)((a->value[0] << 8) | a->value[1]);
    *error = a->value_len >= 4 ? (uint16_t)((a->value[2] << 8) | a->value[3]) : 0;
    return true;
}

/* The last frame of a message type sent by node idx (-1: any), or NULL. */
static inline const struct wire_frame *last_frame(const struct wire *w, int idx, uint16_t type)
{
    for (size_t i = w->n_frames; i-- > 0;)
        if ((idx < 0 || w->frames[i].from == idx) && wire_frame_type(&w->frames[i]) == type &&
            (type != L2TP_MSG_ZLB || w->frames[i].len == 12))
            return &w->frames[i];
    return NULL;
}

static inline size_t count_frames(const struct wire *w, int idx, uint16_t type)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_frames; i++)
        if ((idx < 0 || w->frames[i].from == idx) && wire_frame_type(&w->frames[i]) == type &&
            (type != L2TP_MSG_ZLB || w->frames[i].len == 12))
            n++;
    return n;
}

static inline void cfg_for(struct l2tp_ctrl_config *c, const char *host, bool lns,
                           const struct l2tp_peer_secret *peers, size_t n)
{
    l2tp_ctrl_config_default(c, host, lns);
    c->peers = peers;
    c->n_peers = n;
}

/* Two nodes "lac" (A) and "lns" (B) with the given secrets (NULL: none). */
struct pair {
    struct wire w;
    struct wire_node a, b;
    struct l2tp_peer_secret a_peer, b_peer;
    uint16_t tid;
};

static inline void pair_setup(struct pair *p, const uint8_t *a_secret, const uint8_t *b_secret,
                              void (*tweak)(struct l2tp_ctrl_config *, bool lns))
{
    struct l2tp_ctrl_config ca, cb;
    memset(p, 0, sizeof *p);
    p->a_peer = (struct l2tp_peer_secret){"lns", a_secret, a_secret ? 5 : 0};
    p->b_peer = (struct l2tp_peer_secret){"lac", b_secret, b_secret ? 5 : 0};
    cfg_for(&ca, "lac", false, &p->a_peer, a_secret ? 1 : 0);
    cfg_for(&cb, "lns", true, &p->b_peer, b_secret ? 1 : 0);
    if (tweak) {
        tweak(&ca, false);
        tweak(&cb, true);
    }
    wire_init(&p->w, 10 * USEC_PER_MSEC);
    CU_ASSERT_EQUAL_FATAL(wire_add(&p->w, &p->a, "lac", A_IP, &ca, NULL, 0), PROTO_OK);
    CU_ASSERT_EQUAL_FATAL(wire_add(&p->w, &p->b, "lns", B_IP, &cb, NULL, 0), PROTO_OK);
}

/* A opens a tunnel to B (A's secret) and both run for `us`. */
static inline void pair_open(struct pair *p, uint64_t us)
{
    struct l2tp_peer_addr to = {B_IP, 1701};
    size_t len = 0;
    const uint8_t *sec = l2tp_ctrl_secret_for(&p->a.ctrl, "lns", &len);
    CU_ASSERT_EQUAL_FATAL(l2tp_ctrl_tunnel_open(&p->a.ctrl, &to, sec, len, 0, &p->tid, NULL),
                          PROTO_OK);
    wire_run_for(&p->w, us);
}

/* The only live tunnel of a node, or NULL. */
static inline struct l2tp_tunnel *only_tunnel(struct wire_node *n)
{
    struct l2tp_tunnel *found = NULL;
    for (uint32_t i = 1; i < n->ctrl.cfg.tunnel_table_size; i++) {
        struct l2tp_tunnel *t = l2tp_ctrl_tunnel(&n->ctrl, (uint16_t)i);
        if (t) {
            if (found)
                return NULL;
            found = t;
        }
    }
    return found;
}

/* Sends a hand-built control message from `from_ip` into node n. */
static inline proto_status inject(struct wire *w, struct wire_node *n, uint32_t from_ip,
                                  const uint8_t *buf, size_t len)
{
    struct l2tp_peer_addr from = {from_ip, 1701};
    (void)w;
    return l2tp_ctrl_input(&n->ctrl, &from, buf, len, NULL);
}

#endif
