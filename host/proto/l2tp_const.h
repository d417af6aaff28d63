/* RFC 2661 (L2TPv2) protocol constants: the one place they are defined.
 * Names follow the RFC's own wording; section numbers say where to look. */
#ifndef L2TP_CONST_H
#define L2TP_CONST_H

#define L2TP_UDP_PORT 1701            /* §8.1 */
#define L2TP_VERSION 2                /* §3.1: Ver field */
#define L2F_VERSION 1                 /* §3.1: Ver 1 is L2F (RFC 2341) */
#define L2TP_PROTOCOL_VERSION 0x0100  /* §4.4.1: Protocol Version AVP, Ver 1 Rev 0 */

/* §3.1 header flag bits (first 16-bit word) */
#define L2TP_HDR_T 0x8000u            /* Type: 1 = control message */
#define L2TP_HDR_L 0x4000u            /* Length field present */
#define L2TP_HDR_S 0x0800u            /* Ns/Nr present */
#define L2TP_HDR_O 0x0200u            /* Offset Size present */
#define L2TP_HDR_P 0x0100u            /* Priority */
#define L2TP_HDR_VER_MASK 0x000Fu
#define L2TP_HDR_RESERVED_MASK 0x34F0u /* the x bits of §3.1 */

/* §3.1 a control message's header (T, L, S set, O clear) is fixed:
 * flags+ver, Length, Tunnel ID, Session ID, Ns, Nr */
#define L2TP_CTRL_HDR_LEN 12
#define L2TP_CTRL_NS_OFFSET 8
#define L2TP_CTRL_NR_OFFSET 10
/* §5.8: the window assumed when the peer sends no Receive Window Size AVP */
#define L2TP_DEFAULT_RECEIVE_WINDOW 4
/* §4.4.3: the Tie Breaker AVP's value is 8 octets */
#define L2TP_TIE_BREAKER_LEN 8

/* §4.1 AVP header */
#define L2TP_AVP_M 0x8000u            /* Mandatory */
#define L2TP_AVP_H 0x4000u            /* Hidden */
#define L2TP_AVP_RESERVED_MASK 0x3C00u
#define L2TP_AVP_LEN_MASK 0x03FFu
#define L2TP_AVP_HDR_LEN 6
#define L2TP_AVP_MAX_LEN 1023
#define L2TP_VENDOR_IETF 0
#define L2TP_VENDOR_CISCO 9

/* §3.2 Control Message Types */
enum l2tp_msg_type {
    L2TP_MSG_ZLB = 0, /* not a type on the wire: a control message with no AVPs */
    L2TP_MSG_SCCRQ = 1,
    L2TP_MSG_SCCRP = 2,
    L2TP_MSG_SCCCN = 3,
    L2TP_MSG_STOPCCN = 4,
    L2TP_MSG_HELLO = 6,
    L2TP_MSG_OCRQ = 7,
    L2TP_MSG_OCRP = 8,
    L2TP_MSG_OCCN = 9,
    L2TP_MSG_ICRQ = 10,
    L2TP_MSG_ICRP = 11,
    L2TP_MSG_ICCN = 12,
    L2TP_MSG_CDN = 14,
    L2TP_MSG_WEN = 15,
    L2TP_MSG_SLI = 16,
    L2TP_MSG_TYPE_MAX = 16,
};

/* §4.4 Attribute Types (IETF vendor 0) */
enum l2tp_avp_type {
    L2TP_AVP_MESSAGE_TYPE = 0,
    L2TP_AVP_RESULT_CODE = 1,
    L2TP_AVP_PROTOCOL_VERSION = 2,
    L2TP_AVP_FRAMING_CAPABILITIES = 3,
    L2TP_AVP_BEARER_CAPABILITIES = 4,
    L2TP_AVP_TIE_BREAKER = 5,
    L2TP_AVP_FIRMWARE_REVISION = 6,
    L2TP_AVP_HOST_NAME = 7,
    L2TP_AVP_VENDOR_NAME = 8,
    L2TP_AVP_ASSIGNED_TUNNEL_ID = 9,
    L2TP_AVP_RECEIVE_WINDOW_SIZE = 10,
    L2TP_AVP_CHALLENGE = 11,
    L2TP_AVP_Q931_CAUSE_CODE = 12,
    L2TP_AVP_CHALLENGE_RESPONSE = 13,
    L2TP_AVP_ASSIGNED_SESSION_ID = 14,
    L2TP_AVP_CALL_SERIAL_NUMBER = 15,
    L2TP_AVP_MINIMUM_BPS = 16,
    L2TP_AVP_MAXIMUM_BPS = 17,
    L2TP_AVP_BEARER_TYPE = 18,
    L2TP_AVP_FRAMING_TYPE = 19,
    /* 20 is reserved */
    L2TP_AVP_CALLED_NUMBER = 21,
    L2TP_AVP_CALLING_NUMBER = 22,
    L2TP_AVP_SUB_ADDRESS = 23,
    L2TP_AVP_TX_CONNECT_SPEED = 24,
    L2TP_AVP_PHYSICAL_CHANNEL_ID = 25,
    L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ = 26,
    L2TP_AVP_LAST_SENT_LCP_CONFREQ = 27,
    L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ = 28,
    L2TP_AVP_PROXY_AUTHEN_TYPE = 29,
    L2TP_AVP_PROXY_AUTHEN_NAME = 30,
    L2TP_AVP_PROXY_AUTHEN_CHALLENGE = 31,
    L2TP_AVP_PROXY_AUTHEN_ID = 32,
    L2TP_AVP_PROXY_AUTHEN_RESPONSE = 33,
    L2TP_AVP_CALL_ERRORS = 34,
    L2TP_AVP_ACCM = 35,
    L2TP_AVP_RANDOM_VECTOR = 36,
    L2TP_AVP_PRIVATE_GROUP_ID = 37,
    L2TP_AVP_RX_CONNECT_SPEED = 38,
    L2TP_AVP_SEQUENCING_REQUIRED = 39,
    L2TP_AVP_TYPE_MAX = 39,
};

/* Cisco vendor (9) AVPs seen in the seed's ICRQ */
enum l2tp_cisco_avp_type {
    L2TP_CISCO_AVP_CLIENT_NAS_PORT = 100,
};

/* §4.4.4 Framing / Bearer Capabilities and Types */
#define L2TP_FRAMING_SYNC 0x1u
#define L2TP_FRAMING_ASYNC 0x2u
#define L2TP_BEARER_DIGITAL 0x1u
#define L2TP_BEARER_ANALOG 0x2u

/* §4.4.2 Proxy Authen Type values */
enum l2tp_proxy_authen_type {
    L2TP_PROXY_AUTHEN_RESERVED = 0,
    L2TP_PROXY_AUTHEN_TEXTUAL = 1,
    L2TP_PROXY_AUTHEN_CHAP = 2,
    L2TP_PROXY_AUTHEN_PAP = 3,
    L2TP_PROXY_AUTHEN_NONE = 4,
    L2TP_PROXY_AUTHEN_MSCHAPV1 = 5,
};

/* §4.4.2 Result Code values for StopCCN */
enum l2tp_stopccn_result {
    L2TP_STOPCCN_GENERAL_REQUEST_TO_CLEAR = 1,
    L2TP_STOPCCN_GENERAL_ERROR = 2,
    L2TP_STOPCCN_CHANNEL_EXISTS = 3,
    L2TP_STOPCCN_NOT_AUTHORIZED = 4,
    L2TP_STOPCCN_BAD_PROTOCOL_VERSION = 5,
    L2TP_STOPCCN_BEING_SHUT_DOWN = 6,
    L2TP_STOPCCN_FSM_ERROR = 7,
};

/* §4.4.2 Result Code values for CDN */
enum l2tp_cdn_result {
    L2TP_CDN_LOSS_OF_CARRIER = 1,
    L2TP_CDN_ERROR_CODE = 2,
    L2TP_CDN_ADMINISTRATIVE = 3,
    L2TP_CDN_TEMP_NO_FACILITIES = 4,
    L2TP_CDN_PERM_NO_FACILITIES = 5,
    L2TP_CDN_INVALID_DESTINATION = 6,
    L2TP_CDN_NO_CARRIER = 7,
    L2TP_CDN_BUSY = 8,
    L2TP_CDN_NO_DIAL_TONE = 9,
    L2TP_CDN_TIMEOUT = 10,
    L2TP_CDN_NO_FRAMING = 11,
};

/* §4.4.2 General Error Codes */
enum l2tp_error_code {
    L2TP_ERR_NO_ERROR = 0,
    L2TP_ERR_NO_CONTROL_CONNECTION = 1,
    L2TP_ERR_LENGTH_WRONG = 2,
    L2TP_ERR_FIELD_OUT_OF_RANGE = 3,
    L2TP_ERR_INSUFFICIENT_RESOURCES = 4,
    L2TP_ERR_INVALID_SESSION_ID = 5,
    L2TP_ERR_VENDOR_SPECIFIC = 6,
    L2TP_ERR_TRY_ANOTHER = 7,
    L2TP_ERR_UNKNOWN_MANDATORY_AVP = 8,
};

#endif
