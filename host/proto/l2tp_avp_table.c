/* THE table of L2TP AVPs (RFC 2661 §4.4), message-type names (§3.2),
 * result and error code texts (§4.4.2) and required AVPs per message (§6).
 * The decoder, the builder checks and the debug printer all read these. */
#include "l2tp_avp.h"

#include <stddef.h>

/* Value octets of the fixed-size kinds. */
#define LEN_U16 2, 2
#define LEN_U32 4, 4
/* Variable-size values: an AVP holds at most 1023 - 6 value octets (§4.1). */
#define LEN_ANY(min) (min), (L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN)

/* Columns: vendor, type, RFC name, seed debug label, kind, min/max value
 * length, may be hidden, must be sent with M=1. Labels are the ones the
 * seed's Cisco IOS debug prints ("Chlng", "Assigned Call ID"); where the
 * seed shows none, the RFC name is used. Hiding and M come from each AVP's
 * "This AVP MAY be hidden" / "The M bit ... MUST be set to 1" text. */
static const struct l2tp_avp_def avp_table[] = {
    /* §4.4.1 AVPs applicable to all control messages */
    {0, L2TP_AVP_MESSAGE_TYPE, "Message Type", "Message Type", L2TP_AVK_MSG_TYPE, LEN_U16,
     false, true},
    /* Result(2) [Error(2) [Message]]: 2, 4, or more octets (§4.4.2). */
    {0, L2TP_AVP_RESULT_CODE, "Result Code", "Result code", L2TP_AVK_RESULT_CODE, LEN_ANY(2),
     false, true},
    /* §4.4.3 Control Connection Management AVPs */
    {0, L2TP_AVP_PROTOCOL_VERSION, "Protocol Version", "Protocol Ver", L2TP_AVK_U16, LEN_U16,
     false, true},
    {0, L2TP_AVP_FRAMING_CAPABILITIES, "Framing Capabilities", "Framing Cap", L2TP_AVK_HEX32,
     LEN_U32, true, true},
    {0, L2TP_AVP_BEARER_CAPABILITIES, "Bearer Capabilities", "Bearer Cap", L2TP_AVK_HEX32,
     LEN_U32, true, true},
    {0, L2TP_AVP_TIE_BREAKER, "Tie Breaker", "Tie Breaker", L2TP_AVK_U64, 8, 8, false, false},
    {0, L2TP_AVP_FIRMWARE_REVISION, "Firmware Revision", "Firmware Ver", L2TP_AVK_HEX16, LEN_U16,
     true, false},
    {0, L2TP_AVP_HOST_NAME, "Host Name", "Hostname", L2TP_AVK_STRING, LEN_ANY(1), false, true},
    {0, L2TP_AVP_VENDOR_NAME, "Vendor Name", "Vendor Name", L2TP_AVK_STRING, LEN_ANY(0), true,
     false},
    {0, L2TP_AVP_ASSIGNED_TUNNEL_ID, "Assigned Tunnel ID", "Assigned Tunnel ID", L2TP_AVK_U16,
     LEN_U16, true, true},
    {0, L2TP_AVP_RECEIVE_WINDOW_SIZE, "Receive Window Size", "Rx Window Size", L2TP_AVK_U16,
     LEN_U16, false, true},
    {0, L2TP_AVP_CHALLENGE, "Challenge", "Chlng", L2TP_AVK_BYTES, LEN_ANY(1), false, true},
    /* §4.4.5: Cause Code(2) Cause Msg(1) [Advisory Msg] */
    {0, L2TP_AVP_Q931_CAUSE_CODE, "Q.931 Cause Code", "Q.931 Cause Code", L2TP_AVK_Q931,
     LEN_ANY(3), false, true},
    /* §4.4.3: the response is always 16 octets (an MD5 digest) */
    {0, L2TP_AVP_CHALLENGE_RESPONSE, "Challenge Response", "Chlng Resp", L2TP_AVK_BYTES, 16, 16,
     false, true},
    /* §4.4.4 Call Management AVPs */
    {0, L2TP_AVP_ASSIGNED_SESSION_ID, "Assigned Session ID", "Assigned Call ID", L2TP_AVK_U16,
     LEN_U16, true, true},
    {0, L2TP_AVP_CALL_SERIAL_NUMBER, "Call Serial Number", "Serial Number", L2TP_AVK_U32,
     LEN_U32, false, true},
    {0, L2TP_AVP_MINIMUM_BPS, "Minimum BPS", "Minimum BPS", L2TP_AVK_U32, LEN_U32, true, true},
    {0, L2TP_AVP_MAXIMUM_BPS, "Maximum BPS", "Maximum BPS", L2TP_AVK_U32, LEN_U32, true, true},
    {0, L2TP_AVP_BEARER_TYPE, "Bearer Type", "Bearer Type", L2TP_AVK_U32, LEN_U32, true, true},
    {0, L2TP_AVP_FRAMING_TYPE, "Framing Type", "Framing Type", L2TP_AVK_U32, LEN_U32, true,
     true},
    /* Attribute type 20 is reserved (IANA "L2TP parameters"): not in the
     * table, so it decodes as an unknown AVP. */
    {0, L2TP_AVP_CALLED_NUMBER, "Called Number", "Called Number", L2TP_AVK_STRING, LEN_ANY(0),
     true, true},
    {0, L2TP_AVP_CALLING_NUMBER, "Calling Number", "Calling Number", L2TP_AVK_STRING,
     LEN_ANY(0), true, true},
    {0, L2TP_AVP_SUB_ADDRESS, "Sub-Address", "Sub-Address", L2TP_AVK_STRING, LEN_ANY(0), true,
     true},
    {0, L2TP_AVP_TX_CONNECT_SPEED, "(Tx) Connect Speed", "Connect Speed", L2TP_AVK_U32, LEN_U32,
     true, true},
    {0, L2TP_AVP_PHYSICAL_CHANNEL_ID, "Physical Channel ID", "Physical Channel ID", L2TP_AVK_U32,
     LEN_U32, true, false},
    /* §4.4.5 Proxy LCP and Authentication AVPs */
    {0, L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ, "Initial Received LCP CONFREQ",
     "Initial Rx LCPREQ", L2TP_AVK_BYTES, LEN_ANY(0), true, false},
    {0, L2TP_AVP_LAST_SENT_LCP_CONFREQ, "Last Sent LCP CONFREQ", "Last Sent LCPREQ",
     L2TP_AVK_BYTES, LEN_ANY(0), true, false},
    {0, L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ, "Last Received LCP CONFREQ", "Last Rx LCPREQ",
     L2TP_AVK_BYTES, LEN_ANY(0), true, false},
    {0, L2TP_AVP_PROXY_AUTHEN_TYPE, "Proxy Authen Type", "Proxy Auth Type", L2TP_AVK_U16,
     LEN_U16, true, false},
    {0, L2TP_AVP_PROXY_AUTHEN_NAME, "Proxy Authen Name", "Proxy Auth Name", L2TP_AVK_STRING,
     LEN_ANY(0), true, false},
    {0, L2TP_AVP_PROXY_AUTHEN_CHALLENGE, "Proxy Authen Challenge", "Proxy Auth Chal",
     L2TP_AVK_BYTES, LEN_ANY(1), true, false},
    /* Reserved(1) ID(1) */
    {0, L2TP_AVP_PROXY_AUTHEN_ID, "Proxy Authen ID", "Proxy Auth ID", L2TP_AVK_PROXY_ID, LEN_U16,
     true, false},
    {0, L2TP_AVP_PROXY_AUTHEN_RESPONSE, "Proxy Authen Response", "Proxy Auth Resp",
     L2TP_AVK_BYTES, LEN_ANY(0), true, false},
    /* §4.4.6 Call Status AVPs: Reserved(2) then six 32-bit counters */
    {0, L2TP_AVP_CALL_ERRORS, "Call Errors", "Call Errors", L2TP_AVK_CALL_ERRORS, 26, 26, true,
     true},
    /* Reserved(2) Send ACCM(4) Receive ACCM(4) */
    {0, L2TP_AVP_ACCM, "ACCM", "ACCM", L2TP_AVK_ACCM, 10, 10, true, true},
    /* §4.4.3: Random Vector is never hidden (it is what unhides). */
    {0, L2TP_AVP_RANDOM_VECTOR, "Random Vector", "Random Vector", L2TP_AVK_BYTES, LEN_ANY(1),
     false, true},
    {0, L2TP_AVP_PRIVATE_GROUP_ID, "Private Group ID", "Private Group ID", L2TP_AVK_BYTES,
     LEN_ANY(0), true, false},
    {0, L2TP_AVP_RX_CONNECT_SPEED, "Rx Connect Speed", "Rx Speed", L2TP_AVK_U32, LEN_U32, true,
     false},
    {0, L2TP_AVP_SEQUENCING_REQUIRED, "Sequencing Required", "Sequencing Required",
     L2TP_AVK_EMPTY, 0, 0, false, true},
    /* Cisco vendor AVP seen in the seed's ICRQ ("Parse Cisco AVP 100, len
     * 15, flag 0x0" then "Client NAS Port Serial0:0"). */
    {L2TP_VENDOR_CISCO, L2TP_CISCO_AVP_CLIENT_NAS_PORT, "Client NAS Port", "Client NAS Port",
     L2TP_AVK_STRING, LEN_ANY(0), false, false},
};

const struct l2tp_avp_def *l2tp_avp_lookup(uint16_t vendor, uint16_t type)
{
    for (size_t i = 0; i < sizeof avp_table / sizeof avp_table[0]; i++)
        if (avp_table[i].vendor == vendor && avp_table[i].type == type)
            return &avp_table[i];
    return NULL;
}

/* §3.2 Control Message Types; 5 and 13 are reserved. */
static const char *const msg_names[L2TP_MSG_TYPE_MAX + 1] = {
    [L2TP_MSG_ZLB] = "ZLB",       [L2TP_MSG_SCCRQ] = "SCCRQ",     [L2TP_MSG_SCCRP] = "SCCRP",
    [L2TP_MSG_SCCCN] = "SCCCN",   [L2TP_MSG_STOPCCN] = "StopCCN", [L2TP_MSG_HELLO] = "HELLO",
    [L2TP_MSG_OCRQ] = "OCRQ",     [L2TP_MSG_OCRP] = "OCRP",       [L2TP_MSG_OCCN] = "OCCN",
    [L2TP_MSG_ICRQ] = "ICRQ",     [L2TP_MSG_ICRP] = "ICRP",       [L2TP_MSG_ICCN] = "ICCN",
    [L2TP_MSG_CDN] = "CDN",       [L2TP_MSG_WEN] = "WEN",         [L2TP_MSG_SLI] = "SLI",
};

bool l2tp_msg_type_known(uint16_t type)
{
    return type != L2TP_MSG_ZLB && type <= L2TP_MSG_TYPE_MAX && msg_names[type];
}

/* Names for unassigned types, "type-N", built without mutable state. */
static const char *const unassigned_names[] = {"type-5", "type-13"};

const char *l2tp_msg_type_name(uint16_t type)
{
    if (type <= L2TP_MSG_TYPE_MAX && msg_names[type])
        return msg_names[type];
    if (type == 5)
        return unassigned_names[0];
    if (type == 13)
        return unassigned_names[1];
    return "type-unknown";
}

/* §4.4.2 Result Code values. The seed's IOS wording is used where it shows
 * one (StopCCN 1, CDN 1), the RFC's elsewhere. */
static const char *const stopccn_results[] = {
    [0] = "Reserved",
    [L2TP_STOPCCN_GENERAL_REQUEST_TO_CLEAR] = "Request to clear control connection",
    [L2TP_STOPCCN_GENERAL_ERROR] = "General error, Error Code indicates the problem",
    [L2TP_STOPCCN_CHANNEL_EXISTS] = "Control channel already exists",
    [L2TP_STOPCCN_NOT_AUTHORIZED] = "Requester is not authorized to establish a control channel",
    [L2TP_STOPCCN_BAD_PROTOCOL_VERSION] = "The protocol version of the requester is not supported",
    [L2TP_STOPCCN_BEING_SHUT_DOWN] = "Requester is being shut down",
    [L2TP_STOPCCN_FSM_ERROR] = "Finite State Machine error",
};

static const char *const cdn_results[] = {
    [0] = "Reserved",
    [L2TP_CDN_LOSS_OF_CARRIER] = "Loss of carrier",
    [L2TP_CDN_ERROR_CODE] = "Call disconnected for the reason indicated in error code",
    [L2TP_CDN_ADMINISTRATIVE] = "Call disconnected for administrative reasons",
    [L2TP_CDN_TEMP_NO_FACILITIES] = "Call failed: no appropriate facilities (temporary)",
    [L2TP_CDN_PERM_NO_FACILITIES] = "Call failed: no appropriate facilities (permanent)",
    [L2TP_CDN_INVALID_DESTINATION] = "Invalid destination",
    [L2TP_CDN_NO_CARRIER] = "Call failed due to no carrier detected",
    [L2TP_CDN_BUSY] = "Call failed due to detection of a busy signal",
    [L2TP_CDN_NO_DIAL_TONE] = "Call failed due to lack of a dial tone",
    [L2TP_CDN_TIMEOUT] = "Call was not established within time allotted by LAC",
    [L2TP_CDN_NO_FRAMING] = "Call was connected but no appropriate framing was detected",
};

static const char *const error_codes[] = {
    [L2TP_ERR_NO_ERROR] = "No error",
    [L2TP_ERR_NO_CONTROL_CONNECTION] = "No control connection exists yet for this LAC-LNS pair",
    [L2TP_ERR_LENGTH_WRONG] = "Length is wrong",
    [L2TP_ERR_FIELD_OUT_OF_RANGE] = "A field value was out of range or a reserved field was non-zero",
    [L2TP_ERR_INSUFFICIENT_RESOURCES] = "Insufficient resources to handle this operation now",
    [L2TP_ERR_INVALID_SESSION_ID] = "The Session ID is invalid in this context",
    [L2TP_ERR_VENDOR_SPECIFIC] = "A generic vendor-specific error occurred",
    [L2TP_ERR_TRY_ANOTHER] = "Try another",
    [L2TP_ERR_UNKNOWN_MANDATORY_AVP] = "Shut down due to receipt of an unknown AVP with the M bit set",
};

#define TEXT_OF(table, i)                                                                        \
    ((i) < sizeof(table) / sizeof(table)[0] && (table)[i] ? (table)[i] : "Unknown code")

const char *l2tp_result_code_text(uint16_t msg_type, uint16_t result)
{
    if (msg_type == L2TP_MSG_STOPCCN)
        return TEXT_OF(stopccn_results, result);
    if (msg_type == L2TP_MSG_CDN)
        return TEXT_OF(cdn_results, result);
    return "Result code in a message that does not carry one";
}

const char *l2tp_error_code_text(uint16_t error)
{
    return TEXT_OF(error_codes, error);
}

/* §6: "The following AVPs MUST be present in the <message>". */
static const uint16_t req_sccrq[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_PROTOCOL_VERSION,
                                     L2TP_AVP_HOST_NAME, L2TP_AVP_FRAMING_CAPABILITIES,
                                     L2TP_AVP_ASSIGNED_TUNNEL_ID};
static const uint16_t req_only_type[] = {L2TP_AVP_MESSAGE_TYPE};
static const uint16_t req_stopccn[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_ASSIGNED_TUNNEL_ID,
                                       L2TP_AVP_RESULT_CODE};
static const uint16_t req_ocrq[] = {L2TP_AVP_MESSAGE_TYPE,   L2TP_AVP_ASSIGNED_SESSION_ID,
                                    L2TP_AVP_CALL_SERIAL_NUMBER, L2TP_AVP_MINIMUM_BPS,
                                    L2TP_AVP_MAXIMUM_BPS,    L2TP_AVP_BEARER_TYPE,
                                    L2TP_AVP_FRAMING_TYPE,   L2TP_AVP_CALLED_NUMBER};
static const uint16_t req_session_id[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_ASSIGNED_SESSION_ID};
static const uint16_t req_connected[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_TX_CONNECT_SPEED,
                                         L2TP_AVP_FRAMING_TYPE};
static const uint16_t req_icrq[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_ASSIGNED_SESSION_ID,
                                    L2TP_AVP_CALL_SERIAL_NUMBER};
static const uint16_t req_cdn[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_RESULT_CODE,
                                   L2TP_AVP_ASSIGNED_SESSION_ID};
static const uint16_t req_wen[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_CALL_ERRORS};
static const uint16_t req_sli[] = {L2TP_AVP_MESSAGE_TYPE, L2TP_AVP_ACCM};

#define REQ(a) *n = sizeof(a) / sizeof(a)[0]; return (a)

const uint16_t *l2tp_msg_required_avps(uint16_t msg_type, size_t *n)
{
    switch (msg_type) {
    case L2TP_MSG_SCCRQ: /* §6.1 */
    case L2TP_MSG_SCCRP: /* §6.2: the same set */
        REQ(req_sccrq);
    case L2TP_MSG_SCCCN: /* §6.3 */
    case L2TP_MSG_HELLO: /* §6.5 */
        REQ(req_only_type);
    case L2TP_MSG_STOPCCN: /* §6.4 */
        REQ(req_stopccn);
    case L2TP_MSG_OCRQ: /* §6.6 */
        REQ(req_ocrq);
    case L2TP_MSG_OCRP: /* §6.7 */
    case L2TP_MSG_ICRP: /* §6.11 */
        REQ(req_session_id);
    case L2TP_MSG_OCCN: /* §6.8 */
    case L2TP_MSG_ICCN: /* §6.12 */
        REQ(req_connected);
    case L2TP_MSG_ICRQ: /* §6.10 */
        REQ(req_icrq);
    case L2TP_MSG_CDN: /* §6.13 */
        REQ(req_cdn);
    case L2TP_MSG_WEN: /* §6.14 */
        REQ(req_wen);
    case L2TP_MSG_SLI: /* §6.15 */
        REQ(req_sli);
    }
    *n = 0;
    return NULL;
}
