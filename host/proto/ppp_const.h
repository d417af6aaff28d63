/* PPP protocol constants (RFC 1661, 1662, 1332, 1334, 1570, 1877, 1990, 1994):
 * the one place they are defined. Names follow the RFCs. */
#ifndef PPP_CONST_H
#define PPP_CONST_H

/* RFC 1662 §3.1 / §4 HDLC-like framing */
#define HDLC_FLAG 0x7Eu
#define HDLC_ESCAPE 0x7Du
#define HDLC_ESCAPE_XOR 0x20u
#define PPP_ALLSTATIONS 0xFFu          /* Address field */
#define PPP_UI 0x03u                   /* Control field */
#define PPP_DEFAULT_ACCM 0xFFFFFFFFu   /* RFC 1662 §7.1 */
#define PPP_DEFAULT_MRU 1500u          /* RFC 1661 §6.1 */
/* The MRU counts the Information (and Padding) field only (RFC 1661 §6.1);
 * an HDLC frame also carries Address, Control and a 2-octet Protocol field
 * (RFC 1662 §3.1) before it. The card's channel MRU is in frame octets. */
#define PPP_HDLC_HEADER_LEN 4u

/* RFC 1662 §C.2 / §C.3 FCS constants */
#define PPP_FCS16_INIT 0xFFFFu
#define PPP_FCS16_GOOD 0xF0B8u
#define PPP_FCS32_INIT 0xFFFFFFFFu
#define PPP_FCS32_GOOD 0xDEBB20E3u
/* The generator polynomials in the bit-reversed form the RFC's tables use
 * (x^0 coefficient in the most significant bit): x^16+x^12+x^5+1 and the
 * AUTODIN II CRC-32 polynomial. */
#define PPP_FCS16_POLY_REVERSED 0x8408u
#define PPP_FCS32_POLY_REVERSED 0xEDB88320u
#define PPP_FCS16_LEN 2u
#define PPP_FCS32_LEN 4u

/* PPP protocol field values (assigned numbers) */
enum ppp_protocol {
    PPP_PROTO_IP = 0x0021,
    PPP_PROTO_VJ_COMP = 0x002D,        /* RFC 1332 §4 Van Jacobson compressed TCP/IP */
    PPP_PROTO_VJ_UNCOMP = 0x002F,
    PPP_PROTO_MP = 0x003D,             /* RFC 1990 */
    PPP_PROTO_IPV6 = 0x0057,
    PPP_PROTO_IPCP = 0x8021,
    PPP_PROTO_IPV6CP = 0x8057,
    PPP_PROTO_CCP = 0x80FD,
    PPP_PROTO_LCP = 0xC021,
    PPP_PROTO_PAP = 0xC023,
    PPP_PROTO_LQR = 0xC025,
    PPP_PROTO_CHAP = 0xC223,
};

/* RFC 1661 §5 LCP (and, codes 1-7, every NCP) packet codes */
enum ppp_cp_code {
    PPP_CONFIGURE_REQUEST = 1,
    PPP_CONFIGURE_ACK = 2,
    PPP_CONFIGURE_NAK = 3,
    PPP_CONFIGURE_REJECT = 4,
    PPP_TERMINATE_REQUEST = 5,
    PPP_TERMINATE_ACK = 6,
    PPP_CODE_REJECT = 7,
    PPP_PROTOCOL_REJECT = 8,
    PPP_ECHO_REQUEST = 9,
    PPP_ECHO_REPLY = 10,
    PPP_DISCARD_REQUEST = 11,
    PPP_IDENTIFICATION = 12,           /* RFC 1570 §2.1 */
    PPP_TIME_REMAINING = 13,           /* RFC 1570 §2.2 */
};

/* RFC 1661 §6, RFC 1570, RFC 1990 LCP configuration options */
enum lcp_option {
    LCP_OPT_MRU = 1,
    LCP_OPT_ACCM = 2,
    LCP_OPT_AUTH_PROTOCOL = 3,
    LCP_OPT_QUALITY_PROTOCOL = 4,
    LCP_OPT_MAGIC_NUMBER = 5,
    LCP_OPT_PFC = 7,
    LCP_OPT_ACFC = 8,
    LCP_OPT_CALLBACK = 13,             /* RFC 1570 §2.3 */
    LCP_OPT_MRRU = 17,                 /* RFC 1990 §5.1.1 */
    LCP_OPT_SHORT_SEQ = 18,            /* RFC 1990 §5.1.2 */
    LCP_OPT_ENDPOINT_DISC = 19,        /* RFC 1990 §5.1.3 */
};

/* Option lengths (whole option: Type and Length octets included) as the RFCs
 * give them: RFC 1661 §6.1-§6.7, RFC 1994 §3 (CHAP: protocol + algorithm),
 * RFC 1334 §3.2 (PAP: protocol only), RFC 1570 §2.3, RFC 1990 §5.1. */
#define LCP_OPT_MRU_LEN 4u
#define LCP_OPT_ACCM_LEN 6u
#define LCP_OPT_AUTH_PROTOCOL_MIN_LEN 4u
#define LCP_OPT_AUTH_CHAP_LEN 5u
#define LCP_OPT_AUTH_PAP_LEN 4u
#define LCP_OPT_QUALITY_PROTOCOL_MIN_LEN 4u
#define LCP_OPT_MAGIC_NUMBER_LEN 6u
#define LCP_OPT_PFC_LEN 2u
#define LCP_OPT_ACFC_LEN 2u
#define LCP_OPT_CALLBACK_MIN_LEN 3u
#define LCP_OPT_MRRU_LEN 4u
#define LCP_OPT_SHORT_SEQ_LEN 2u
#define LCP_OPT_ENDPOINT_DISC_MIN_LEN 3u
#define LCP_OPT_ENDPOINT_DISC_MAX_LEN 23u  /* class + at most 20 address octets */

/* RFC 1990 §5.1.3 Endpoint Discriminator address lengths per class */
#define LCP_ED_MAX_ADDR_LEN 20u            /* Locally Assigned, PPP Magic-Number Block */
#define LCP_ED_IP_ADDR_LEN 4u
#define LCP_ED_IEEE802_ADDR_LEN 6u
#define LCP_ED_PSNDN_MAX_ADDR_LEN 15u

/* RFC 1990 §5.1.3 Endpoint Discriminator classes */
enum lcp_endpoint_class {
    LCP_ED_NULL = 0,
    LCP_ED_LOCAL = 1,
    LCP_ED_IP = 2,
    LCP_ED_IEEE802 = 3,
    LCP_ED_PPP_MAGIC = 4,
    LCP_ED_PSNDN = 5,
};

/* RFC 1332 §3, RFC 1877 IPCP configuration options */
enum ipcp_option {
    IPCP_OPT_IP_ADDRESSES = 1,         /* deprecated */
    IPCP_OPT_IP_COMPRESSION = 2,
    IPCP_OPT_IP_ADDRESS = 3,
    IPCP_OPT_PRIMARY_DNS = 129,
    IPCP_OPT_PRIMARY_NBNS = 130,
    IPCP_OPT_SECONDARY_DNS = 131,
    IPCP_OPT_SECONDARY_NBNS = 132,
};

/* RFC 1332 §3.2-§3.3, RFC 1877 §1 IPCP option lengths */
#define IPCP_OPT_IP_ADDRESS_LEN 6u
#define IPCP_OPT_IP_COMPRESSION_MIN_LEN 4u
#define IPCP_OPT_VJ_COMPRESSION_LEN 6u     /* protocol 0x002D + Max-Slot-Id + Comp-Slot-Id */
#define IPCP_OPT_NAME_SERVER_LEN 6u        /* DNS and NBNS addresses */

/* RFC 1994 §4 CHAP codes and §2 algorithm */
enum chap_code {
    CHAP_CHALLENGE = 1,
    CHAP_RESPONSE = 2,
    CHAP_SUCCESS = 3,
    CHAP_FAILURE = 4,
};
#define CHAP_ALG_MD5 5u
#define CHAP_MD5_VALUE_LEN 16u
#define CHAP_ALG_MSCHAP 0x80u            /* RFC 2433 §2 */
#define CHAP_ALG_MSCHAPV2 0x81u          /* RFC 2759 §2 */

/* RFC 1334 §2.2 PAP codes */
enum pap_code {
    PAP_AUTHENTICATE_REQUEST = 1,
    PAP_AUTHENTICATE_ACK = 2,
    PAP_AUTHENTICATE_NAK = 3,
};

#endif
