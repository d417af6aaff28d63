/* The RADIUS AAA backend (the `radius` method): VPDN authorization by DNIS
 * or domain, CHAP-MD5 and PAP verdicts with Framed-IP-Address, and
 * accounting Start/Stop. Requests go out through the client
 * (aaa_radius_client.c) and answer later: the front (aaa_vpdn.c,
 * aaa_authen.c) resumes from aaa_poll(). Access-Reject is FAIL; no server
 * answering is ERROR, so the next method of [aaa] method answers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aaa_radius_attrs.h"

/* NAS-Port and NAS-Port-Type of an IOS port name: "Se0:0" is a PRI
 * B-channel (ISDN, the seed's type 2, port 0), "Vi4" a virtual access
 * interface (Virtual, port 4). */
static void port_of(const char *ifname, struct aaa_radius_nas *nas)
{
    size_t n = strlen(ifname);
    while (n > 0 && isdigit((unsigned char)ifname[n - 1]))
        n--;
    nas->nas_port = (uint32_t)strtoul(ifname + n, NULL, 10);
    if (strncmp(ifname, "Vi", 2) == 0)
        nas->nas_port_type = RADIUS_NAS_PORT_TYPE_VIRTUAL;
    else if (strncmp(ifname, "Se", 2) == 0)
        nas->nas_port_type = RADIUS_NAS_PORT_TYPE_ISDN;
    else
        nas->nas_port_type = RADIUS_NAS_PORT_TYPE_ASYNC;
}

static enum aaa_result outcome_result(const struct aaa_radius_req *q)
{
    switch (q->outcome) {
    case AAA_RADIUS_ACCEPT: return AAA_PASS;
    case AAA_RADIUS_REJECT: return AAA_FAIL;
    default: return AAA_ERROR;
    }
}

static void vpdn_answered(struct aaa *a, struct aaa_radius_req *q)
{
    enum aaa_result r = outcome_result(q);
    if (r == AAA_PASS) {
        struct proto_error err = {0};
        if (aaa_radius_parse_tunnel(a, q->received, aaa_radius_secret(a->radius), q->vector,
                                    q->out, &err) != PROTO_OK) {
            AAA_LOG(a, DBG_AAA, "RADIUS: id %u: no usable tunnel in the Access-Accept: %s: %s",
                (unsigned)q->id, err.field, err.detail);
            r = AAA_FAIL;
        } else {
            AAA_LOG(a, DBG_AAA, "RADIUS: saved authorization data for user '%s'",
                ((struct aaa_tunnel_info *)q->out)->user);
        }
    }
    q->resume(a, q->op, r);
}

static void user_answered(struct aaa *a, struct aaa_radius_req *q)
{
    enum aaa_result r = outcome_result(q);
    if (r == AAA_PASS)
        aaa_radius_parse_user(a, q->received, q->out);
    q->resume(a, q->op, r);
}

/* The request to the client, or AAA_ERROR (logged) when it cannot go. */
static enum aaa_result submit(struct aaa *a, struct aaa_radius_req *q, proto_status st,
                              const struct proto_error *err, const struct aaa_pending *p,
                              void *out, aaa_radius_done_fn done)
{
    if (st != PROTO_OK) {
        AAA_LOG(a, DBG_AAA, "RADIUS: request not sent: %s: %s", err->field, err->detail);
        aaa_radius_req_free(q);
        return AAA_ERROR;
    }
    q->op = p->op;
    q->owner = p->owner;
    q->drop = p->drop;
    q->resume = p->resume;
    q->out = out;
    q->done = done;
    aaa_radius_submit(a, q);
    return AAA_PENDING;
}

static enum aaa_result radius_vpdn_start(struct aaa *a, const char *ifname,
                                         enum config_vpdn_match match, const char *key,
                                         const char *calling, struct aaa_tunnel_info *out,
                                         const struct aaa_pending *p)
{
    struct aaa_radius_req *q = aaa_radius_req_new(a, false);
    if (!q)
        return AAA_ERROR;
    char port[80];
    struct aaa_radius_nas nas;
    aaa_radius_nas_of(a, &nas);
    nas.port_name = aaa_port_name(ifname, port, sizeof port);
    port_of(ifname, &nas);
    snprintf(q->what, sizeof q->what, "%s", nas.port_name);
    /* IOS asks for "dnis:NUMBER" (the seed), or the domain itself. */
    char user[CONFIG_NAME_MAX + 8];
    snprintf(user, sizeof user, "%s%s", match == CONFIG_VPDN_DNIS ? "dnis:" : "", key);
    const char *pw = a->cfg->radius.vpdn_password[0] ? a->cfg->radius.vpdn_password : "cisco";
    struct proto_error err = {0};
    proto_status st = aaa_radius_build_vpdn(aaa_radius_handle(a->radius), &q->send, &nas, user,
                                            pw, match == CONFIG_VPDN_DNIS ? key : NULL, calling,
                                            &err);
    return submit(a, q, st, &err, p, out, vpdn_answered);
}

/* A PPP user's Access-Request (CHAP or PAP: WHAT): a new request and the
 * NAS attributes it carries, the port a virtual one (RFC 2865 §5.41: the
 * user's PPP arrives through the L2TP tunnel); NULL when none is free. */
static struct aaa_radius_req *user_req_new(struct aaa *a, const char *what,
                                           struct aaa_radius_nas *nas)
{
    struct aaa_radius_req *q = aaa_radius_req_new(a, false);
    if (!q)
        return NULL;
    aaa_radius_nas_of(a, nas);
    nas->nas_port_type = RADIUS_NAS_PORT_TYPE_VIRTUAL;
    snprintf(q->what, sizeof q->what, "%s", what);
    return q;
}

static enum aaa_result radius_chap_start(struct aaa *a, const uint8_t *name, size_t name_len,
                                         uint8_t id, const uint8_t *challenge,
                                         size_t challenge_len, const uint8_t *response,
                                         size_t response_len, struct ppp_aaa_attrs *attrs,
                                         const struct aaa_pending *p)
{
    struct aaa_radius_nas nas;
    struct aaa_radius_req *q = user_req_new(a, "CHAP", &nas);
    if (!q)
        return AAA_ERROR;
    struct proto_error err = {0};
    proto_status st = aaa_radius_build_chap(aaa_radius_handle(a->radius), &q->send, &nas, name,
                                            name_len, id, challenge, challenge_len, response,
                                            response_len, &err);
    return submit(a, q, st, &err, p, attrs, user_answered);
}

static enum aaa_result radius_pap_start(struct aaa *a, const uint8_t *name, size_t name_len,
                                        const uint8_t *password, size_t password_len,
                                        struct ppp_aaa_attrs *attrs, const struct aaa_pending *p)
{
    struct aaa_radius_nas nas;
    struct aaa_radius_req *q = user_req_new(a, "PAP", &nas);
    if (!q)
        return AAA_ERROR;
    struct proto_error err = {0};
    proto_status st = aaa_radius_build_pap(aaa_radius_handle(a->radius), &q->send, &nas, name,
                                           name_len, password, password_len, &err);
    return submit(a, q, st, &err, p, attrs, user_answered);
}

const struct aaa_backend aaa_radius_backend = {
    /* The seed's LNS: "Method=radius (radius)" (group radius, type radius). */
    .method_name = "radius (radius)",
    .vpdn_start = radius_vpdn_start,
    .chap_start = radius_chap_start,
    .pap_start = radius_pap_start,
};

/* ---- accounting ---- */

static void acct_answered(struct aaa *a, struct aaa_radius_req *q)
{
    AAA_LOG(a, DBG_AAA, "RADIUS: accounting id %u %s", (unsigned)q->id,
        q->outcome == AAA_RADIUS_ACCEPT ? "acknowledged" : "lost: no server answered");
}

static void acct_send(struct aaa *a, unsigned status, const struct aaa_acct *s)
{
    if (!a->radius || a->cfg->radius.no_accounting || !s)
        return;
    struct aaa_radius_req *q = aaa_radius_req_new(a, true);
    if (!q)
        return;
    struct aaa_radius_nas nas;
    aaa_radius_nas_of(a, &nas);
    port_of(s->ifname ? s->ifname : "", &nas);
    snprintf(q->what, sizeof q->what, "%s", s->ifname ? s->ifname : "");
    struct proto_error err = {0};
    if (aaa_radius_build_acct(aaa_radius_handle(a->radius), &q->send, &nas, status, s, &err) !=
        PROTO_OK) {
        AAA_LOG(a, DBG_AAA, "RADIUS: accounting %s not sent: %s: %s",
            status == RADIUS_ACCT_STATUS_START ? "Start" : "Stop", err.field, err.detail);
        aaa_radius_req_free(q);
        return;
    }
    AAA_LOG(a, DBG_AAA, "AAA/ACCT: %s %s session %s user '%s'", s->ifname ? s->ifname : "",
        status == RADIUS_ACCT_STATUS_START ? "Start" : "Stop", s->session_id,
        s->user ? s->user : "");
    q->done = acct_answered;
    aaa_radius_submit(a, q);
}

void aaa_acct_start(struct aaa *a, const struct aaa_acct *s)
{
    acct_send(a, RADIUS_ACCT_STATUS_START, s);
}

void aaa_acct_stop(struct aaa *a, const struct aaa_acct *s)
{
    acct_send(a, RADIUS_ACCT_STATUS_STOP, s);
}

/* ---- the loop's side (aaa.h) ---- */

int aaa_fd(const struct aaa *a)
{
    return a->radius ? aaa_radius_fd(a->radius) : -1;
}

size_t aaa_poll(struct aaa *a)
{
    return aaa_radius_poll(a);
}

size_t aaa_pending(const struct aaa *a)
{
    return a->radius ? aaa_radius_in_flight(a->radius) : 0;
}

void aaa_cancel(struct aaa *a, void *owner)
{
    aaa_radius_cancel(a, owner);
}
