/* RADIUS protocol constants (RFC 2865, 2866, 2868, 2869) and the Cisco
 * vendor attributes of the seed: the one place they are defined. Names
 * follow the RFCs ("User-Name" -> RADIUS_USER_NAME). */
#ifndef RADIUS_CONST_H
#define RADIUS_CONST_H

/* RFC 2865 §3 / RFC 2866 §3 ports */
#define RADIUS_AUTH_PORT 1812u
#define RADIUS_ACCT_PORT 1813u

/* RFC 2865 §4 / RFC 2866 §4 packet codes */
#define RADIUS_ACCESS_REQUEST 1u
#define RADIUS_ACCESS_ACCEPT 2u
#define RADIUS_ACCESS_REJECT 3u
#define RADIUS_ACCOUNTING_REQUEST 4u
#define RADIUS_ACCOUNTING_RESPONSE 5u

#define RADIUS_AUTHENTICATOR_LEN 16u   /* RFC 2865 §3 */
#define RADIUS_ATTR_HDR_LEN 2u         /* Type, Length (§5) */
#define RADIUS_ATTR_MAX_VALUE 253u     /* Length is one octet, header included */

/* RFC 2865 §5 attribute types */
#define RADIUS_USER_NAME 1u
#define RADIUS_USER_PASSWORD 2u
#define RADIUS_CHAP_PASSWORD 3u
#define RADIUS_NAS_IP_ADDRESS 4u
#define RADIUS_NAS_PORT 5u
#define RADIUS_SERVICE_TYPE 6u
#define RADIUS_FRAMED_PROTOCOL 7u
#define RADIUS_FRAMED_IP_ADDRESS 8u
#define RADIUS_REPLY_MESSAGE 18u
#define RADIUS_CLASS 25u
#define RADIUS_VENDOR_SPECIFIC 26u
#define RADIUS_SESSION_TIMEOUT 27u
#define RADIUS_CALLED_STATION_ID 30u
#define RADIUS_CALLING_STATION_ID 31u
#define RADIUS_NAS_IDENTIFIER 32u
#define RADIUS_CHAP_CHALLENGE 60u
#define RADIUS_NAS_PORT_TYPE 61u

/* RFC 2866 §5 accounting attributes */
#define RADIUS_ACCT_STATUS_TYPE 40u
#define RADIUS_ACCT_DELAY_TIME 41u
#define RADIUS_ACCT_INPUT_OCTETS 42u
#define RADIUS_ACCT_OUTPUT_OCTETS 43u
#define RADIUS_ACCT_SESSION_ID 44u
#define RADIUS_ACCT_AUTHENTIC 45u
#define RADIUS_ACCT_SESSION_TIME 46u
#define RADIUS_ACCT_INPUT_PACKETS 47u
#define RADIUS_ACCT_OUTPUT_PACKETS 48u
#define RADIUS_ACCT_TERMINATE_CAUSE 49u
/* RFC 2869 §5.1, §5.2: the octet counters' upper 32 bits */
#define RADIUS_ACCT_INPUT_GIGAWORDS 52u
#define RADIUS_ACCT_OUTPUT_GIGAWORDS 53u

/* RFC 2868 §3 tunnel attributes */
#define RADIUS_TUNNEL_TYPE 64u
#define RADIUS_TUNNEL_MEDIUM_TYPE 65u
#define RADIUS_TUNNEL_CLIENT_ENDPOINT 66u
#define RADIUS_TUNNEL_SERVER_ENDPOINT 67u
#define RADIUS_TUNNEL_PASSWORD 69u
#define RADIUS_TUNNEL_ASSIGNMENT_ID 82u
#define RADIUS_TUNNEL_PREFERENCE 83u
#define RADIUS_TUNNEL_CLIENT_AUTH_ID 90u
#define RADIUS_TUNNEL_SERVER_AUTH_ID 91u
/* §3.1: a Tag octet 0x01..0x1F groups the attributes of one tunnel; any
 * other first octet is no tag (part of the value, or 0 for "none"). */
#define RADIUS_TAG_MAX 0x1Fu
#define RADIUS_TUNNEL_PASSWORD_SALT_LEN 2u   /* §3.5 */

/* RFC 2869 §5.14 */
#define RADIUS_MESSAGE_AUTHENTICATOR 80u

/* RFC 2865 §5.6 Service-Type values */
#define RADIUS_SERVICE_FRAMED_USER 2u
#define RADIUS_SERVICE_OUTBOUND_USER 5u
/* §5.7 Framed-Protocol */
#define RADIUS_FRAMED_PROTOCOL_PPP 1u
/* §5.8 Framed-IP-Address: the user may choose / the NAS picks (pool) */
#define RADIUS_FRAMED_IP_USER_CHOICE 0xFFFFFFFFu
#define RADIUS_FRAMED_IP_NAS_CHOICE 0xFFFFFFFEu
/* §5.41 NAS-Port-Type */
#define RADIUS_NAS_PORT_TYPE_ASYNC 0u
#define RADIUS_NAS_PORT_TYPE_SYNC 1u
#define RADIUS_NAS_PORT_TYPE_ISDN 2u
#define RADIUS_NAS_PORT_TYPE_VIRTUAL 5u

/* RFC 2866 §5.1 Acct-Status-Type */
#define RADIUS_ACCT_STATUS_START 1u
#define RADIUS_ACCT_STATUS_STOP 2u
/* §5.6 Acct-Authentic */
#define RADIUS_ACCT_AUTHENTIC_RADIUS 1u
#define RADIUS_ACCT_AUTHENTIC_LOCAL 2u
/* §5.10 Acct-Terminate-Cause */
#define RADIUS_TERM_USER_REQUEST 1u
#define RADIUS_TERM_LOST_CARRIER 2u
#define RADIUS_TERM_LOST_SERVICE 3u
#define RADIUS_TERM_IDLE_TIMEOUT 4u
#define RADIUS_TERM_SESSION_TIMEOUT 5u
#define RADIUS_TERM_ADMIN_RESET 6u
#define RADIUS_TERM_PORT_ERROR 8u
#define RADIUS_TERM_NAS_ERROR 9u
#define RADIUS_TERM_NAS_REQUEST 10u

/* RFC 2868 §3.1 Tunnel-Type / §3.2 Tunnel-Medium-Type */
#define RADIUS_TUNNEL_TYPE_L2TP 3u
#define RADIUS_TUNNEL_MEDIUM_IPV4 1u

/* Cisco's vendor attributes (RFC 2865 §5.26 Vendor-Specific, SMI code 9) */
#define RADIUS_VENDOR_CISCO 9u
#define RADIUS_CISCO_AVPAIR 1u
#define RADIUS_CISCO_NAS_PORT 2u

#endif
