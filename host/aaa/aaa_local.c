/* The local AAA backend: users, VPDN entries and pools from the l2tpd
 * config file (Cisco's "username ... password ..." and local VPDN groups). */
#include <string.h>

#include "aaa_int.h"
#include "ppp_auth.h"

bool aaa_secret_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    if (a_len != b_len)
        return false;
    uint8_t diff = 0;
    for (size_t i = 0; i < a_len; i++)
        diff |= a[i] ^ b[i];
    return diff == 0;
}

static void user_to_attrs(const struct config_user *u, struct ppp_aaa_attrs *attrs)
{
    if (!attrs)
        return;
    *attrs = (struct ppp_aaa_attrs){
        .framed_ip = u->framed_ip,
        .allow_negotiated_address = u->allow_negotiated_address,
        .primary_dns = u->primary_dns,
        .secondary_dns = u->secondary_dns,
    };
}

/* The entry's LNS addresses by priority; a stable insertion sort keeps
 * equal priorities in file order (IOS tries them as listed). */
static void sort_lns(const struct config_vpdn *v, struct aaa_tunnel_info *out)
{
    out->n_lns = 0;
    for (size_t i = 0; i < v->n_lns; i++) {
        size_t j = out->n_lns++;
        while (j > 0 && out->lns[j - 1].priority > v->lns[i].priority) {
            out->lns[j] = out->lns[j - 1];
            j--;
        }
        out->lns[j] = (struct aaa_lns){.ip = v->lns[i].ip, .priority = v->lns[i].priority};
    }
}

static enum aaa_result local_vpdn(struct aaa *a, enum config_vpdn_match match, const char *key,
                                  struct aaa_tunnel_info *out)
{
    const struct config_vpdn *v = config_find_vpdn(a->cfg, match, key);
    if (!v)
        return AAA_FAIL;
    memcpy(out->tunnel_type, "l2tp", 5);
    memcpy(out->tunnel_id, v->tunnel_id, sizeof out->tunnel_id);
    sort_lns(v, out);
    memcpy(out->password, v->password, v->password_len);
    out->password_len = v->password_len;
    out->busy_disconnect = v->busy_disconnect;
    return AAA_PASS;
}

static enum aaa_result local_chap(struct aaa *a, const uint8_t *name, size_t name_len, uint8_t id,
                                  const uint8_t *challenge, size_t challenge_len,
                                  const uint8_t *response, size_t response_len,
                                  struct ppp_aaa_attrs *attrs)
{
    const struct config_user *u = config_find_user(a->cfg, (const char *)name, name_len);
    if (!u || !u->allow_chap)
        return AAA_FAIL;
    uint8_t want[MD5_DIGEST_LEN];
    if (chap_md5_response(id, u->secret, u->secret_len, challenge, challenge_len, want) !=
        PROTO_OK)
        return AAA_ERROR;
    if (!aaa_secret_equal(want, sizeof want, response, response_len))
        return AAA_FAIL;
    user_to_attrs(u, attrs);
    return AAA_PASS;
}

static enum aaa_result local_pap(struct aaa *a, const uint8_t *name, size_t name_len,
                                 const uint8_t *password, size_t password_len,
                                 struct ppp_aaa_attrs *attrs)
{
    const struct config_user *u = config_find_user(a->cfg, (const char *)name, name_len);
    if (!u || !u->allow_pap || !aaa_secret_equal(u->secret, u->secret_len, password, password_len))
        return AAA_FAIL;
    user_to_attrs(u, attrs);
    return AAA_PASS;
}

static enum aaa_result local_user_attrs(struct aaa *a, const char *user,
                                        struct ppp_aaa_attrs *attrs, const char **pool)
{
    const struct config_user *u = config_find_user(a->cfg, user, strlen(user));
    if (!u)
        return AAA_FAIL;
    user_to_attrs(u, attrs);
    *pool = u->pool;
    return AAA_PASS;
}

const struct aaa_backend aaa_local_backend = {
    .method_name = "LOCAL",
    .vpdn = local_vpdn,
    .chap = local_chap,
    .pap = local_pap,
    .user_attrs = local_user_attrs,
};
