/* Names of the NET receive descriptor's verdicts and reasons. */
#include "net_rx_desc.h"

const char *net_rx_verdict_name(unsigned verdict)
{
    static const char *const names[] = {
        [NET_RX_VERDICT_L2TP_DATA] = "L2TP data",
        [NET_RX_VERDICT_L2TP_CONTROL] = "L2TP control",
        [NET_RX_VERDICT_NOT_FOR_US] = "not for us",
        [NET_RX_VERDICT_MALFORMED] = "malformed",
    };
    return verdict < sizeof names / sizeof names[0] ? names[verdict] : "?";
}

const char *net_rx_reason_name(unsigned reason)
{
    static const char *const names[NET_RX_REASON_COUNT] = {
        [NET_RX_REASON_NONE] = "none",
        [NET_RX_REASON_NON_IPV4] = "non-IPv4",
        [NET_RX_REASON_NOT_UDP] = "not UDP",
        [NET_RX_REASON_OTHER_PORT] = "other UDP port",
        [NET_RX_REASON_OTHER_IP] = "other IP",
        [NET_RX_REASON_RUNT] = "runt",
        [NET_RX_REASON_BAD_IPV4_HEADER] = "bad IPv4 header",
        [NET_RX_REASON_BAD_IPV4_LENGTH] = "bad IPv4 length",
        [NET_RX_REASON_BAD_IPV4_CHECKSUM] = "bad IPv4 checksum",
        [NET_RX_REASON_FRAGMENT] = "fragment",
        [NET_RX_REASON_BAD_UDP_LENGTH] = "bad UDP length",
        [NET_RX_REASON_BAD_L2TP_VERSION] = "bad L2TP version",
        [NET_RX_REASON_BAD_L2TP_LENGTH] = "bad L2TP length",
        [NET_RX_REASON_BAD_CONTROL_FLAGS] = "bad control flags",
        [NET_RX_REASON_OFFSET_PAST_END] = "offset past end",
    };
    return reason < NET_RX_REASON_COUNT ? names[reason] : "?";
}
