/* PPP authentication through the methods in order (struct ppp_aaa for
 * host/ppp): CHAP, PAP, and our own secret in the client role; IOS's
 * "AAA/AUTHEN (n): status = PASS" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aaa_int.h"

/* A peer's name as printable text: CHAP/PAP names are any octets, and a
 * log line must not carry control characters. */
static const char *printable(const uint8_t *name, size_t len, char *buf, size_t cap)
{
    size_t n = len < cap - 1 ? len : cap - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = name[i] >= 0x20 && name[i] < 0x7F ? (char)name[i] : '.';
    buf[n] = '\0';
    return buf;
}

static enum ppp_aaa_verdict authen_done(struct aaa *a, uint32_t id, enum aaa_result r,
                                        const uint8_t *name, size_t name_len)
{
    char who[CONFIG_NAME_MAX * 2];
    AAA_LOG(a, DBG_AAA, "AAA/AUTHEN (%u): status = %s", (unsigned)id, r == AAA_PASS ? "PASS" : "FAIL");
    if (r != AAA_PASS)
        AAA_LOG(a, DBG_AAA, "AAA/AUTHEN (%u): user '%s' rejected", (unsigned)id,
            printable(name, name_len, who, sizeof who));
    return r == AAA_PASS ? PPP_AAA_ACCEPT : PPP_AAA_REJECT;
}

/* The synchronous interface: a network method cannot answer here, so it
 * counts as AAA_ERROR (next method). */
static enum aaa_result sync_method(const struct aaa_backend *b, bool have)
{
    (void)b;
    return have ? AAA_FAIL : AAA_ERROR;
}

static enum ppp_aaa_verdict ppp_chap(void *ctx, const uint8_t *name, size_t name_len, uint8_t id,
                                     const uint8_t *challenge, size_t challenge_len,
                                     const uint8_t *response, size_t response_len,
                                     struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    uint32_t req = a->next_id++;
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[i]);
        r = b->chap ? b->chap(a, name, name_len, id, challenge, challenge_len, response,
                              response_len, attrs)
                    : sync_method(b, false);
        if (r != AAA_ERROR)
            break;
    }
    return authen_done(a, req, r, name, name_len);
}

static enum ppp_aaa_verdict ppp_pap(void *ctx, const uint8_t *name, size_t name_len,
                                    const uint8_t *password, size_t password_len,
                                    struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    uint32_t req = a->next_id++;
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[i]);
        r = b->pap ? b->pap(a, name, name_len, password, password_len, attrs)
                   : sync_method(b, false);
        if (r != AAA_ERROR)
            break;
    }
    return authen_done(a, req, r, name, name_len);
}

/* ---- the asynchronous interface: a RADIUS method answers later ---- */

struct authen_op {
    struct aaa *a;
    uint32_t req;
    bool chap;
    uint8_t name[256];
    size_t name_len;
    uint8_t id;
    uint8_t challenge[256];
    size_t challenge_len;
    uint8_t secret[256];        /* CHAP response or PAP password */
    size_t secret_len;
    size_t method;
    void *requester;
    ppp_aaa_result_fn result;
    struct ppp_aaa_attrs attrs;
};

static void authen_resume(struct aaa *a, void *opv, enum aaa_result r);

static void authen_drop(void *opv)
{
    free(opv);
}

/* Methods from op->method on; AAA_PENDING when one was asked over the
 * network. */
static enum aaa_result authen_methods(struct authen_op *op)
{
    struct aaa *a = op->a;
    enum aaa_result r = AAA_FAIL;
    for (; op->method < a->cfg->n_methods; op->method++) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[op->method]);
        struct aaa_pending p = {.op = op, .owner = op->requester, .resume = authen_resume,
                                .drop = authen_drop};
        if (op->chap)
            r = b->chap_start ? b->chap_start(a, op->name, op->name_len, op->id, op->challenge,
                                              op->challenge_len, op->secret, op->secret_len,
                                              &op->attrs, &p)
                              : b->chap(a, op->name, op->name_len, op->id, op->challenge,
                                        op->challenge_len, op->secret, op->secret_len,
                                        &op->attrs);
        else
            r = b->pap_start ? b->pap_start(a, op->name, op->name_len, op->secret,
                                            op->secret_len, &op->attrs, &p)
                             : b->pap(a, op->name, op->name_len, op->secret, op->secret_len,
                                      &op->attrs);
        if (r == AAA_PENDING)
            return r;
        if (r != AAA_ERROR)
            break;
        if (op->method + 1 < a->cfg->n_methods)
            AAA_LOG(a, DBG_AAA, "AAA/AUTHEN (%u): Method=%s could not answer: trying the next "
                "method", (unsigned)op->req, b->method_name);
    }
    return r;
}

static void authen_resume(struct aaa *a, void *opv, enum aaa_result r)
{
    struct authen_op *op = opv;
    if (r == AAA_ERROR) {
        const struct aaa_backend *b = aaa_backend_for(a->cfg->methods[op->method]);
        if (op->method + 1 < a->cfg->n_methods)
            AAA_LOG(a, DBG_AAA, "AAA/AUTHEN (%u): Method=%s could not answer: trying the next "
                "method", (unsigned)op->req, b->method_name);
        op->method++;
        r = authen_methods(op);
        if (r == AAA_PENDING)
            return;
    }
    enum ppp_aaa_verdict v = authen_done(a, op->req, r, op->name, op->name_len);
    /* The result may stop the link (a reject): op is ours to free first. */
    struct authen_op done = *op;
    free(op);
    done.result(done.requester, v, &done.attrs);
}

static enum ppp_aaa_verdict authen_start(struct authen_op *op, struct ppp_aaa_attrs *attrs)
{
    op->req = op->a->next_id++;
    enum aaa_result r = authen_methods(op);
    if (r == AAA_PENDING)
        return PPP_AAA_PENDING;
    enum ppp_aaa_verdict v = authen_done(op->a, op->req, r, op->name, op->name_len);
    if (attrs)
        *attrs = op->attrs;
    free(op);
    return v;
}

static struct authen_op *authen_op_new(struct aaa *a, void *requester, ppp_aaa_result_fn result,
                                       const uint8_t *name, size_t name_len,
                                       const uint8_t *secret, size_t secret_len)
{
    if (name_len > 255 || secret_len > 255)
        return NULL;
    struct authen_op *op = calloc(1, sizeof *op);
    if (!op)
        return NULL;
    op->a = a;
    op->requester = requester;
    op->result = result;
    memcpy(op->name, name, name_len);
    op->name_len = name_len;
    memcpy(op->secret, secret, secret_len);
    op->secret_len = secret_len;
    return op;
}

static enum ppp_aaa_verdict ppp_chap_async(void *ctx, void *requester, ppp_aaa_result_fn result,
                                           const uint8_t *name, size_t name_len, uint8_t id,
                                           const uint8_t *challenge, size_t challenge_len,
                                           const uint8_t *response, size_t response_len,
                                           struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    struct authen_op *op = challenge_len <= 255
                               ? authen_op_new(a, requester, result, name, name_len, response,
                                               response_len)
                               : NULL;
    if (!op)
        return ppp_chap(ctx, name, name_len, id, challenge, challenge_len, response,
                        response_len, attrs);
    op->chap = true;
    op->id = id;
    memcpy(op->challenge, challenge, challenge_len);
    op->challenge_len = challenge_len;
    return authen_start(op, attrs);
}

static enum ppp_aaa_verdict ppp_pap_async(void *ctx, void *requester, ppp_aaa_result_fn result,
                                          const uint8_t *name, size_t name_len,
                                          const uint8_t *password, size_t password_len,
                                          struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    struct authen_op *op = authen_op_new(a, requester, result, name, name_len, password,
                                         password_len);
    if (!op)
        return ppp_pap(ctx, name, name_len, password, password_len, attrs);
    return authen_start(op, attrs);
}

static void ppp_cancel(void *ctx, void *requester)
{
    aaa_cancel(ctx, requester);
}

static int copy_secret(const struct config_user *u, uint8_t *secret, size_t cap, size_t *len)
{
    if (!u || u->secret_len > cap)
        return -1;
    memcpy(secret, u->secret, u->secret_len);
    *len = u->secret_len;
    return 0;
}

/* Client role. CHAP: IOS looks up "username <authenticator>" first (the
 * secret shared with that peer), then our own name; PAP: our own name. */
static int ppp_get_secret(void *ctx, const char *our_name, const uint8_t *peer_name,
                          size_t peer_name_len, uint8_t *secret, size_t cap, size_t *secret_len)
{
    struct aaa *a = ctx;
    if (peer_name && peer_name_len &&
        copy_secret(config_find_user(a->cfg, (const char *)peer_name, peer_name_len), secret, cap,
                    secret_len) == 0)
        return 0;
    if (!our_name)
        return -1;
    return copy_secret(config_find_user(a->cfg, our_name, strlen(our_name)), secret, cap,
                       secret_len);
}

void aaa_ppp_interface(struct aaa *a, struct ppp_aaa *out)
{
    *out = (struct ppp_aaa){
        .ctx = a,
        .chap_check = ppp_chap,
        .pap_check = ppp_pap,
        .get_secret = ppp_get_secret,
        .chap_check_async = ppp_chap_async,
        .pap_check_async = ppp_pap_async,
        .cancel = ppp_cancel,
    };
}
