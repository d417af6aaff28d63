/* What PPP asks of AAA (host/aaa/ implements it: local file now, RADIUS
 * later): verdicts on a peer's CHAP or PAP credentials with the attributes
 * that come with an accept, and our own secret when we are the one being
 * authenticated (client role). Names and secrets are octet strings with
 * lengths: CHAP names are not NUL-terminated (RFC 1994 §4.1). */
#ifndef PPP_AAA_H
#define PPP_AAA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ppp_aaa_verdict {
    PPP_AAA_ACCEPT,
    PPP_AAA_REJECT,
    PPP_AAA_PENDING,    /* asked a server (RADIUS): the verdict comes later */
};

/* Authorization attributes of an accept (RADIUS Framed-IP-Address and the
 * like). Zero means "not given". */
struct ppp_aaa_attrs {
    uint32_t framed_ip;              /* the address the peer must use (host order) */
    bool allow_negotiated_address;   /* the seed's "allowing negotiated framed address" */
    uint32_t primary_dns, secondary_dns;
};

/* A PENDING verdict delivered: requester is what the authenticator gave
 * (its struct chap or struct pap); attrs are valid during the call. */
typedef void (*ppp_aaa_result_fn)(void *requester, enum ppp_aaa_verdict verdict,
                                  const struct ppp_aaa_attrs *attrs);

struct ppp_aaa {
    void *ctx;
    /* RFC 1994 §4.1: is `response` right for `challenge` and identifier `id`
     * for user `name`? NULL: every CHAP response is rejected. */
    enum ppp_aaa_verdict (*chap_check)(void *ctx, const uint8_t *name, size_t name_len,
                                       uint8_t id, const uint8_t *challenge,
                                       size_t challenge_len, const uint8_t *response,
                                       size_t response_len, struct ppp_aaa_attrs *attrs);
    /* RFC 1334 §2.2.1: Peer-ID and Password. NULL: every PAP request rejected. */
    enum ppp_aaa_verdict (*pap_check)(void *ctx, const uint8_t *name, size_t name_len,
                                      const uint8_t *password, size_t password_len,
                                      struct ppp_aaa_attrs *attrs);
    /* Client role: the secret we authenticate with as `our_name` towards the
     * authenticator `peer_name` (CHAP) or for PAP (peer_name empty).
     * Returns 0 and the secret, or -1 when we have none. */
    int (*get_secret)(void *ctx, const char *our_name, const uint8_t *peer_name,
                      size_t peer_name_len, uint8_t *secret, size_t cap, size_t *secret_len);

    /* Optional asynchronous forms (a RADIUS server answers later). When
     * set, the authenticator uses them instead of chap_check/pap_check.
     * They return ACCEPT or REJECT (attrs filled) when the answer is known
     * at once, without calling `result`; or PENDING, and then call
     * result(requester, verdict, attrs) exactly once later, from the
     * owner's event loop, unless cancel(ctx, requester) came first. The
     * authenticator waits in its state meanwhile (host/ppp/chap.c, pap.c). */
    enum ppp_aaa_verdict (*chap_check_async)(void *ctx, void *requester,
                                             ppp_aaa_result_fn result, const uint8_t *name,
                                             size_t name_len, uint8_t id,
                                             const uint8_t *challenge, size_t challenge_len,
                                             const uint8_t *response, size_t response_len,
                                             struct ppp_aaa_attrs *attrs);
    enum ppp_aaa_verdict (*pap_check_async)(void *ctx, void *requester,
                                            ppp_aaa_result_fn result, const uint8_t *name,
                                            size_t name_len, const uint8_t *password,
                                            size_t password_len, struct ppp_aaa_attrs *attrs);
    /* The requester goes away (link stopped): its pending answer must not
     * be delivered. Required with the async forms. */
    void (*cancel)(void *ctx, void *requester);
};

#endif
