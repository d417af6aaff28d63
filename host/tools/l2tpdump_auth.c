/* Tunnel authentication across a capture (RFC 2661 §4.2, §5.1.1). */
#include "l2tpdump_auth.h"

#include <stdio.h>
#include <string.h>

#include "l2tp_auth.h"

void l2tpdump_auth_init(struct l2tpdump_auth *a)
{
    memset(a, 0, sizeof *a);
}

static size_t slot_for(struct l2tpdump_auth *a, uint32_t ip, bool create, bool *found)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->sent[i].ip == ip) {
            *found = true;
            return i;
        }
    *found = false;
    if (!create)
        return 0;
    if (a->n < L2TPDUMP_AUTH_PEERS)
        return a->n++;
    size_t i = a->next; /* full: forget the oldest-made slot */
    a->next = (a->next + 1) % L2TPDUMP_AUTH_PEERS;
    return i;
}

bool l2tpdump_auth_check(struct l2tpdump_auth *a, const struct l2tp_msg *m, uint32_t src,
                         uint32_t dst, const uint8_t *secret, size_t secret_len, char *buf,
                         size_t cap)
{
    if (!secret)
        return false;
    bool verdict = false;
    const struct l2tp_avp *resp = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE_RESPONSE);
    bool found;
    size_t i = slot_for(a, dst, false, &found);
    if (resp && found && m->type <= UINT8_MAX) {
        uint8_t want[MD5_DIGEST_LEN];
        /* §4.2: the type octet is that of the message carrying the response. */
        if (l2tp_challenge_response((uint8_t)m->type, secret, secret_len, a->sent[i].challenge,
                                    a->sent[i].len, want) != PROTO_OK)
            snprintf(buf, cap, "Tunnel Authentication not checked: MD5 failed");
        else if (resp->value_len == MD5_DIGEST_LEN && memcmp(resp->value, want, sizeof want) == 0)
            snprintf(buf, cap, "Tunnel Authentication success");
        else
            snprintf(buf, cap, "Tunnel Authentication failed: Chlng Resp is not "
                               "MD5(type || secret || Chlng) for this secret");
        verdict = true;
    }
    const struct l2tp_avp *chal = l2tp_msg_find(m, L2TP_VENDOR_IETF, L2TP_AVP_CHALLENGE);
    if (chal && chal->value_len <= sizeof a->sent[0].challenge) {
        i = slot_for(a, src, true, &found);
        a->sent[i].ip = src;
        memcpy(a->sent[i].challenge, chal->value, chal->value_len);
        a->sent[i].len = chal->value_len;
    }
    return verdict;
}
