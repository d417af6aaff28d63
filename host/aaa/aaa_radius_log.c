/* RADIUS debug lines in the seed's style (Cisco 23980):
 *   RADIUS: Initial Transmit Serial0:0 id 18 10.51.6.3:1645, Access-Request, len 112
 *   Attribute 4 6 0A330644
 *   RADIUS: Received from id 18 10.51.6.3:1645, Access-Accept, len 156
 * The id is our request number (radcli picks the packet's own), the length
 * is the packet's as we encode its attributes (radcli may add
 * Acct-Delay-Time on a retransmission). */
#include <stdio.h>

#include "aaa_radius_attrs.h"

static void log_attrs(struct aaa *a, const VALUE_PAIR *list)
{
    for (const VALUE_PAIR *vp = list; vp; vp = vp->next) {
        uint8_t w[RADIUS_ATTR_HDR_LEN + RADIUS_ATTR_MAX_VALUE];
        size_t n;
        if (aaa_radius_attr_wire(vp, w, sizeof w, &n, NULL) != PROTO_OK)
            continue;
        /* IOS shows the first four value octets. */
        char hex[9] = "";
        size_t show = n - RADIUS_ATTR_HDR_LEN < 4 ? n - RADIUS_ATTR_HDR_LEN : 4;
        for (size_t i = 0; i < show; i++)
            snprintf(hex + 2 * i, 3, "%02X", w[RADIUS_ATTR_HDR_LEN + i]);
        debug_printf(a->log, DBG_AAA, "Attribute %u %u %s", w[0], w[1], hex);
    }
}

static size_t packet_len(const VALUE_PAIR *list)
{
    uint8_t buf[4096];
    size_t n = 0;
    if (aaa_radius_list_wire(list, buf, sizeof buf, &n, NULL) != PROTO_OK)
        return 0;
    return 20 + n;   /* RFC 2865 §3: Code, Identifier, Length, Authenticator */
}

void aaa_radius_log_request(struct aaa *a, const struct aaa_radius_req *q, const char *server)
{
    if (!a->log)
        return;
    debug_printf(a->log, DBG_AAA, "RADIUS: Initial Transmit %s id %u %s, %s, len %zu",
                 q->what, (unsigned)q->id, server,
                 q->acct ? "Accounting-Request" : "Access-Request", packet_len(q->send));
    log_attrs(a, q->send);
}

static const char *outcome_name(enum aaa_radius_outcome o)
{
    switch (o) {
    case AAA_RADIUS_ACCEPT: return "answered";
    case AAA_RADIUS_REJECT: return "rejected";
    case AAA_RADIUS_TIMEOUT: return "no response";
    default: return "send failed";
    }
}

void aaa_radius_log_answer(struct aaa *a, const struct aaa_radius_req *q)
{
    if (!a->log || !a->radius)
        return;
    const struct config_radius *c = &a->cfg->radius;
    char where[32];
    /* Servers that stayed silent first: the failover, then the answer. */
    for (size_t i = 0; i < q->servers_tried; i++) {
        if (q->per_server[i] == AAA_RADIUS_ACCEPT || q->per_server[i] == AAA_RADIUS_REJECT)
            break;
        debug_printf(a->log, DBG_AAA, "RADIUS: id %u %s: %s after %u retransmissions, %us apart%s",
                     (unsigned)q->id, aaa_radius_server_name(a->radius, i, q->acct, where,
                                                             sizeof where),
                     outcome_name(q->per_server[i]),
                     c->retries_set ? c->retries : CONFIG_RADIUS_DEFAULT_RETRIES,
                     c->timeout_s ? c->timeout_s : CONFIG_RADIUS_DEFAULT_TIMEOUT_S,
                     i + 1 < q->servers_tried ? "; trying the next server" : "");
    }
    if (q->outcome != AAA_RADIUS_ACCEPT && q->outcome != AAA_RADIUS_REJECT) {
        debug_printf(a->log, DBG_AAA, "RADIUS: id %u: no RADIUS server answered (%zu tried)",
                     (unsigned)q->id, q->servers_tried);
        return;
    }
    const char *code = q->acct ? "Accounting-Response"
                       : q->outcome == AAA_RADIUS_ACCEPT ? "Access-Accept" : "Access-Reject";
    debug_printf(a->log, DBG_AAA, "RADIUS: Received from id %u %s, %s, len %zu", (unsigned)q->id,
                 aaa_radius_server_name(a->radius, q->server, q->acct, where, sizeof where),
                 code, packet_len(q->received));
    log_attrs(a, q->received);
    /* RFC 2865 §5.18: the server's text for the user, shown as sent. */
    bool shown = false;
    for (const VALUE_PAIR *vp = q->received; vp; vp = vp->next)
        if (vp->attribute == RADIUS_REPLY_MESSAGE) {
            debug_printf(a->log, DBG_AAA, "RADIUS: Reply-Message \"%.*s\"", (int)vp->lvalue,
                         vp->strvalue);
            shown = true;
        }
    if (!shown && q->outcome == AAA_RADIUS_REJECT && q->reply_msg[0])
        debug_printf(a->log, DBG_AAA, "RADIUS: Reply-Message \"%s\"", q->reply_msg);
}
