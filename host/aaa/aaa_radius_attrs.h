/* RADIUS attributes of the requests host/aaa sends and the answers it
 * reads, over radcli's attribute lists (VALUE_PAIR): building (VPDN lookup
 * as the seed's LAC sends it, CHAP-MD5, PAP, accounting), their wire form
 * for the seed-style "Attribute 4 6 0A330644" lines and for tests, and
 * parsing an Access-Accept into a tunnel (Cisco AVPairs, RFC 2868 tagged
 * tunnel attributes with Tunnel-Password) or PPP attributes
 * (Framed-IP-Address). No server needed: tests/unit/test_aaa_radius*.c. */
#ifndef HOST_AAA_RADIUS_ATTRS_H
#define HOST_AAA_RADIUS_ATTRS_H

#include <radcli/radcli.h>

#include "aaa_radius.h"

/* What identifies the NAS and the port in a request (RFC 2865 §5.4,
 * §5.5, §5.32, §5.41; Cisco-NAS-Port as the seed's "Serial0:0"). */
struct aaa_radius_nas {
    uint32_t nas_ip;                /* host order; 0: not sent */
    const char *nas_identifier;     /* NULL or "": not sent */
    const char *port_name;          /* Cisco-NAS-Port; NULL: not sent */
    uint32_t nas_port;
    uint32_t nas_port_type;         /* RADIUS_NAS_PORT_TYPE_* */
};

/* The NAS part of a request from [radius] (nas-ip, nas-identifier or the
 * hostname). Strings point into a->cfg. */
void aaa_radius_nas_of(const struct aaa *a, struct aaa_radius_nas *nas);

/* The wire form (RFC 2865 §5: Type, Length, Value) of one pair; a vendor
 * pair as its whole Vendor-Specific attribute (§5.26). User-Password, which
 * radcli hides when it sends (§5.2), is shown as zeros of the hidden
 * length. */
proto_status aaa_radius_attr_wire(const VALUE_PAIR *vp, uint8_t *out, size_t cap, size_t *len,
                                  struct proto_error *err);
/* All pairs of a list one after the other; *len the total. */
proto_status aaa_radius_list_wire(const VALUE_PAIR *list, uint8_t *out, size_t cap, size_t *len,
                                  struct proto_error *err);

/* The seed's VPDN lookup (Cisco 23980, LAC): User-Name "dnis:614629",
 * User-Password (IOS's "cisco"), Called/Calling-Station-Id, the port,
 * Service-Type Outbound. */
proto_status aaa_radius_build_vpdn(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, const char *user,
                                   const char *password, const char *called, const char *calling,
                                   struct proto_error *err);
/* CHAP-MD5 (RFC 2865 §5.3): CHAP-Password = Identifier + Response, the
 * Challenge always in CHAP-Challenge (§5.40: radcli picks the Request
 * Authenticator, so it cannot carry our challenge). */
proto_status aaa_radius_build_chap(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, const uint8_t *name,
                                   size_t name_len, uint8_t id, const uint8_t *challenge,
                                   size_t challenge_len, const uint8_t *response,
                                   size_t response_len, struct proto_error *err);
/* PAP (RFC 2865 §5.2): User-Password in clear here, hidden by radcli. */
proto_status aaa_radius_build_pap(rc_handle *rh, VALUE_PAIR **list,
                                  const struct aaa_radius_nas *nas, const uint8_t *name,
                                  size_t name_len, const uint8_t *password, size_t password_len,
                                  struct proto_error *err);
/* Accounting-Request (RFC 2866 §5): Start, or Stop with octets, packets
 * (Gigawords above 2^32), session time and terminate cause. */
proto_status aaa_radius_build_acct(rc_handle *rh, VALUE_PAIR **list,
                                   const struct aaa_radius_nas *nas, unsigned status,
                                   const struct aaa_acct *s, struct proto_error *err);

/* RFC 2868 §3.5: value = Tag, Salt (2), encrypted String; the first
 * plaintext octet is the password's length. */
proto_status aaa_radius_tunnel_password(const uint8_t *value, size_t len, const char *secret,
                                        const uint8_t vector[RADIUS_AUTHENTICATOR_LEN],
                                        uint8_t *out, size_t cap, size_t *out_len,
                                        struct proto_error *err);

/* An Access-Accept of a VPDN lookup to a tunnel: the Cisco AVPairs
 * ("vpdn:tunnel-type=l2tp", "vpdn:tunnel-id=hgw", "vpdn:ip-addresses=A B/C",
 * "vpdn:l2tp-tunnel-password=hello", "vpdn:l2tp-busy-disconnect=no"), and
 * the RFC 2868 attributes grouped by tag, LNSs ordered by
 * Tunnel-Preference (§3.8: lowest first; it becomes the priority). With
 * both, the tagged LNS list wins (it carries preferences) and each field
 * missing from one comes from the other. RADIUS lines ("cisco AVPair ...")
 * go to a's log. PROTO_EINVAL (err naming the attribute) when no L2TP
 * tunnel with an LNS address results. */
proto_status aaa_radius_parse_tunnel(struct aaa *a, const VALUE_PAIR *received,
                                     const char *secret,
                                     const uint8_t vector[RADIUS_AUTHENTICATOR_LEN],
                                     struct aaa_tunnel_info *out, struct proto_error *err);
/* An Access-Accept of PPP authentication to attributes:
 * Framed-IP-Address (0xFFFFFFFF: the user's choice, the seed's "allowing
 * negotiated framed address"; 0xFFFFFFFE: a pool's). */
void aaa_radius_parse_user(struct aaa *a, const VALUE_PAIR *received, struct ppp_aaa_attrs *attrs);

/* Log lines in the seed's style (aaa_radius_log.c):
 * "RADIUS: Initial Transmit Serial0:0 id 18 10.51.6.3:1645, Access-Request, len 112"
 * and one "Attribute T L XXXXXXXX" line per attribute; answers as
 * "RADIUS: Received from id 18 ..., Access-Accept, len N", or the
 * servers that did not answer and the fallback. */
void aaa_radius_log_request(struct aaa *a, const struct aaa_radius_req *q, const char *server);
void aaa_radius_log_answer(struct aaa *a, const struct aaa_radius_req *q);

#endif
