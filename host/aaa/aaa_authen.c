/* PPP authentication through the methods in order (struct ppp_aaa for
 * host/ppp): CHAP, PAP, and our own secret in the client role; IOS's
 * "AAA/AUTHEN (n): status = PASS" lines. */
#include <stdio.h>
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

static enum ppp_aaa_verdict ppp_chap(void *ctx, const uint8_t *name, size_t name_len, uint8_t id,
                                     const uint8_t *challenge, size_t challenge_len,
                                     const uint8_t *response, size_t response_len,
                                     struct ppp_aaa_attrs *attrs)
{
    struct aaa *a = ctx;
    uint32_t req = a->next_id++;
    enum aaa_result r = AAA_FAIL;
    for (size_t i = 0; i < a->cfg->n_methods; i++) {
        r = aaa_backend_for(a->cfg->methods[i])->chap(a, name, name_len, id, challenge, challenge_len,
                                              response, response_len, attrs);
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
        r = aaa_backend_for(a->cfg->methods[i])->pap(a, name, name_len, password, password_len, attrs);
        if (r != AAA_ERROR)
            break;
    }
    return authen_done(a, req, r, name, name_len);
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
    };
}
