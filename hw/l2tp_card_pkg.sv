`resetall
`default_nettype none

// Constants the card shares with the host software, under the names of
// host/proto/*_const.h (and hdlc.h for the receive outcome codes), plus the
// per-octet FCS update functions of RFC 1662 Appendix C.
// A package is a catalogue: each user takes a few of its constants, so
// the lint check UNUSEDPARAM is off inside it (and only inside it).
/* verilator lint_off UNUSEDPARAM */
package l2tp_card_pkg;

    // RFC 1662 §3.1 / §4 HDLC-like framing (ppp_const.h)
    localparam logic [7:0] HDLC_FLAG = 8'h7E;
    localparam logic [7:0] HDLC_ESCAPE = 8'h7D;
    localparam logic [7:0] HDLC_ESCAPE_XOR = 8'h20;
    localparam logic [7:0] PPP_ALLSTATIONS = 8'hFF;
    localparam logic [7:0] PPP_UI = 8'h03;
    localparam logic [31:0] PPP_DEFAULT_ACCM = 32'hFFFF_FFFF;
    localparam logic [15:0] PPP_DEFAULT_MRU = 16'd1500;

    // RFC 1662 §C.2 / §C.3 (ppp_const.h)
    localparam logic [15:0] PPP_FCS16_INIT = 16'hFFFF;
    localparam logic [15:0] PPP_FCS16_GOOD = 16'hF0B8;
    localparam logic [31:0] PPP_FCS32_INIT = 32'hFFFF_FFFF;
    localparam logic [31:0] PPP_FCS32_GOOD = 32'hDEBB_20E3;
    localparam logic [15:0] PPP_FCS16_POLY_REVERSED = 16'h8408;
    localparam logic [31:0] PPP_FCS32_POLY_REVERSED = 32'hEDB8_8320;
    localparam int PPP_FCS16_LEN = 2;
    localparam int PPP_FCS32_LEN = 4;

    // Outcome of one delimited frame on receive (hdlc.h enum hdlc_rx_event);
    // hdlc_deframer reports these in m_tuser and ev_code.
    localparam int HDLC_RX_EVENT_W = 3;
    localparam logic [2:0] HDLC_RX_FRAME = 3'd0;
    localparam logic [2:0] HDLC_RX_BAD_FCS = 3'd1;
    localparam logic [2:0] HDLC_RX_ABORT = 3'd2;
    localparam logic [2:0] HDLC_RX_RUNT = 3'd3;
    localparam logic [2:0] HDLC_RX_TOO_LONG = 3'd4;

    // RFC 2661 (l2tp_const.h)
    localparam logic [15:0] L2TP_UDP_PORT = 16'd1701;
    localparam logic [3:0] L2TP_VERSION = 4'd2;
    localparam logic [3:0] L2F_VERSION = 4'd1;
    localparam logic [15:0] L2TP_HDR_T = 16'h8000;
    localparam logic [15:0] L2TP_HDR_L = 16'h4000;
    localparam logic [15:0] L2TP_HDR_S = 16'h0800;
    localparam logic [15:0] L2TP_HDR_O = 16'h0200;
    localparam logic [15:0] L2TP_HDR_P = 16'h0100;
    localparam logic [15:0] L2TP_HDR_VER_MASK = 16'h000F;
    localparam logic [15:0] L2TP_HDR_RESERVED_MASK = 16'h34F0;

    // Ethernet / 802.1Q / IPv4 / UDP (net_const.h)
    localparam int ETH_ADDR_LEN = 6;
    localparam int ETH_HDR_LEN = 14;
    localparam logic [15:0] ETHERTYPE_IPV4 = 16'h0800;
    localparam logic [15:0] ETHERTYPE_ARP = 16'h0806;
    localparam logic [15:0] ETHERTYPE_VLAN = 16'h8100;
    localparam int VLAN_TAG_LEN = 4;
    localparam logic [3:0] IPV4_VERSION = 4'd4;
    localparam logic [3:0] IPV4_MIN_IHL = 4'd5;
    localparam logic [7:0] IPV4_PROTO_UDP = 8'd17;
    localparam logic [15:0] IPV4_FLAG_DF = 16'h4000;
    localparam logic [15:0] IPV4_FLAG_MF = 16'h2000;
    localparam logic [15:0] IPV4_FRAG_OFFSET_MASK = 16'h1FFF;
    localparam int UDP_HDR_LEN = 8;

    // RFC 1662 §C.2: FCS-16 over one more octet, bit-serial, LSB first (the
    // reflected CRC-CCITT); synthesizes to an 8-deep XOR network.
    function automatic logic [15:0] fcs16_octet(input logic [15:0] fcs, input logic [7:0] octet);
        logic [15:0] c;
        c = fcs ^ {8'h00, octet};
        for (int i = 0; i < 8; i = i + 1)
            c = c[0] ? ((c >> 1) ^ PPP_FCS16_POLY_REVERSED) : (c >> 1);
        fcs16_octet = c;
    endfunction

    // RFC 1662 §C.3: FCS-32 over one more octet, the same way.
    function automatic logic [31:0] fcs32_octet(input logic [31:0] fcs, input logic [7:0] octet);
        logic [31:0] c;
        c = fcs ^ {24'h000000, octet};
        for (int i = 0; i < 8; i = i + 1)
            c = c[0] ? ((c >> 1) ^ PPP_FCS32_POLY_REVERSED) : (c >> 1);
        fcs32_octet = c;
    endfunction

    // RFC 1662 §4.2 (transmit): 0x7E and 0x7D always, controls per the ACCM.
    function automatic logic hdlc_tx_escapes(input logic [31:0] accm, input logic [7:0] octet);
        hdlc_tx_escapes = octet == HDLC_FLAG || octet == HDLC_ESCAPE
            || (octet < 8'h20 && accm[octet[4:0]]);
    endfunction

    // ---- net_rx_parser (added by card-parser) -------------------------------
    // IEEE 802.3 minimum frame without FCS (net_const.h ETH_MIN_FRAME).
    localparam int ETH_MIN_FRAME = 60;
    // Descriptor verdicts and reason codes: the same values as
    // model/net_rx_desc.h (the co-simulation compares them every cycle).
    localparam logic [1:0] NET_RX_VERDICT_L2TP_DATA = 2'd0;
    localparam logic [1:0] NET_RX_VERDICT_L2TP_CONTROL = 2'd1;
    localparam logic [1:0] NET_RX_VERDICT_NOT_FOR_US = 2'd2;
    localparam logic [1:0] NET_RX_VERDICT_MALFORMED = 2'd3;
    localparam logic [3:0] NET_RX_REASON_NONE = 4'd0;
    localparam logic [3:0] NET_RX_REASON_NON_IPV4 = 4'd1;          // not for us
    localparam logic [3:0] NET_RX_REASON_NOT_UDP = 4'd2;           // not for us
    localparam logic [3:0] NET_RX_REASON_OTHER_PORT = 4'd3;        // not for us
    localparam logic [3:0] NET_RX_REASON_OTHER_IP = 4'd4;          // not for us
    localparam logic [3:0] NET_RX_REASON_RUNT = 4'd5;              // malformed from here on
    localparam logic [3:0] NET_RX_REASON_BAD_IPV4_HEADER = 4'd6;
    localparam logic [3:0] NET_RX_REASON_BAD_IPV4_LENGTH = 4'd7;
    localparam logic [3:0] NET_RX_REASON_BAD_IPV4_CHECKSUM = 4'd8;
    localparam logic [3:0] NET_RX_REASON_FRAGMENT = 4'd9;
    localparam logic [3:0] NET_RX_REASON_BAD_UDP_LENGTH = 4'd10;
    localparam logic [3:0] NET_RX_REASON_BAD_L2TP_VERSION = 4'd11;
    localparam logic [3:0] NET_RX_REASON_BAD_L2TP_LENGTH = 4'd12;
    localparam logic [3:0] NET_RX_REASON_BAD_CONTROL_FLAGS = 4'd13;
    localparam logic [3:0] NET_RX_REASON_OFFSET_PAST_END = 4'd14;
    // ---- end of net_rx_parser block -----------------------------------------

    // ---- session_table / session_lookup (added by card-session) -----------
    // The static session entry (hw/regmap.md SESS block): word k of the flat
    // SESS_ENTRY_W vector is the ENT_* register at offset 0x20 + 4k, bit for
    // bit, from ENT_FLAGS (word 0) to ENT_RX_ACCM (word 13).
    localparam int SESS_ENTRY_WORDS = 14;
    localparam int SESS_ENTRY_W = SESS_ENTRY_WORDS * 32;
    localparam int ENT_WORD_FLAGS = 0;
    localparam int ENT_WORD_LOCAL_IDS = 1;      // 31:16 tunnel, 15:0 session
    localparam int ENT_WORD_PEER_IDS = 2;
    localparam int ENT_WORD_BINDING = 3;        // 31:16 MRU, 15:0 channel
    localparam int ENT_WORD_LOCAL_MAC_HI = 4;
    localparam int ENT_WORD_LOCAL_MAC_LO = 5;
    localparam int ENT_WORD_PEER_MAC_HI = 6;
    localparam int ENT_WORD_PEER_MAC_LO = 7;
    localparam int ENT_WORD_LOCAL_IP = 8;
    localparam int ENT_WORD_PEER_IP = 9;
    localparam int ENT_WORD_UDP_PORTS = 10;
    localparam int ENT_WORD_TTL_VLAN = 11;
    localparam int ENT_WORD_TX_ACCM = 12;
    localparam int ENT_WORD_RX_ACCM = 13;
    // ENT_FLAGS bit positions (driver/card_regs.h CARD_ENT_*)
    localparam int ENT_FLAG_VALID = 0;
    localparam int ENT_FLAG_BIND_HOST = 1;
    localparam int ENT_FLAG_FCS32 = 2;
    localparam int ENT_FLAG_SEQ_TX = 3;
    localparam int ENT_FLAG_SEQ_RX = 4;
    localparam int ENT_FLAG_VLAN = 5;
    // DP.POLICY bit positions (driver/card_regs.h CARD_POLICY_*)
    localparam int POLICY_MATCH_LOCAL_IP = 0;
    localparam int POLICY_PUNT_NOT_FOR_US = 1;
    localparam int POLICY_PUNT_MALFORMED = 2;
    localparam int POLICY_PUNT_UNKNOWN_SESSION = 3;
    localparam int POLICY_PUNT_FRAGMENTS = 4;
    // session_lookup's actions are net_rx_dispatch's DISPATCH_ACTION_* below.
    // Reasons in CNT numbering: counter at 0x40 + 4r (hw/regmap.md); 0..14
    // are the parser's NET_RX_REASON_*.
    localparam logic [4:0] CNT_REASON_SESS_UNKNOWN = 5'd16;
    localparam logic [4:0] CNT_REASON_SESS_WRONG_TUNNEL = 5'd17;
    localparam logic [4:0] CNT_REASON_SESS_OUT_OF_ORDER = 5'd18;
    // PUNT_DESC.META 7:0 (driver/card_regs.h CARD_PUNT_*)
    localparam logic [2:0] PUNT_CONTROL = 3'd1;
    localparam logic [2:0] PUNT_SESSION_PPP = 3'd2;
    localparam logic [2:0] PUNT_CHANNEL_PPP = 3'd3;
    localparam logic [2:0] PUNT_NOT_FOR_US = 3'd4;
    localparam logic [2:0] PUNT_MALFORMED = 3'd5;
    localparam logic [2:0] PUNT_UNKNOWN_SESSION = 3'd6;
    localparam logic [2:0] PUNT_FRAGMENT = 3'd7;
    // ---- end of session_table / session_lookup block ----------------------

    // ---- card_regs (added by card-regs) --------------------------------------
    // BAR0 register map of hw/regmap.md under driver/card_regs.h's names
    // (CARD_BLK_<block>_{BASE,TYPE,VERSION}, CARD_<block>_<register> as the
    // offset inside the block). cosim_card_regs checks the RTL against
    // card_regs.h itself, so the two cannot drift.
    localparam logic [15:0] CARD_PCI_VENDOR_ID = 16'h1234;  // placeholder pair
    localparam logic [15:0] CARD_PCI_DEVICE_ID = 16'h4C32;  // (hw/regmap.md)
    localparam logic [15:0] CARD_BLK_ID_BASE = 16'h0000;
    localparam logic [15:0] CARD_BLK_CTRL_BASE = 16'h0100;
    localparam logic [15:0] CARD_BLK_DP_BASE = 16'h0200;
    localparam logic [15:0] CARD_BLK_SESS_BASE = 16'h0300;
    localparam logic [15:0] CARD_BLK_CNT_BASE = 16'h0400;
    localparam logic [15:0] CARD_BLK_PUNT_BASE = 16'h0600;
    localparam logic [31:0] CARD_BLK_ID_TYPE = 32'h4C32_0001;
    localparam logic [31:0] CARD_BLK_CTRL_TYPE = 32'h4C32_0002;
    localparam logic [31:0] CARD_BLK_DP_TYPE = 32'h4C32_0003;
    localparam logic [31:0] CARD_BLK_SESS_TYPE = 32'h4C32_0004;
    localparam logic [31:0] CARD_BLK_CNT_TYPE = 32'h4C32_0005;
    localparam logic [31:0] CARD_BLK_VERSION_1_0 = 32'h0001_0000;  // every block, RTL v1
    localparam logic [7:0] CARD_BLK_TYPE = 8'h00;     // the header of every block
    localparam logic [7:0] CARD_BLK_VERSION = 8'h04;
    localparam logic [7:0] CARD_BLK_NEXT = 8'h08;
    localparam logic [7:0] CARD_ID_VENDOR_DEVICE = 8'h0C;
    localparam logic [7:0] CARD_ID_RTL_VERSION = 8'h10;
    localparam logic [7:0] CARD_ID_BUILD_ID = 8'h14;
    localparam logic [7:0] CARD_ID_DATA_W = 8'h18;
    localparam logic [7:0] CARD_ID_N_CH = 8'h1C;
    localparam logic [7:0] CARD_ID_SESS_AW = 8'h20;
    localparam logic [7:0] CARD_ID_CLK_HZ = 8'h24;
    localparam logic [7:0] CARD_CTRL_CTRL = 8'h0C;
    localparam logic [7:0] CARD_CTRL_STATUS = 8'h10;
    localparam logic [7:0] CARD_CTRL_SCRATCH = 8'h14;
    localparam logic [7:0] CARD_DP_L2TP_PORT = 8'h0C;
    localparam logic [7:0] CARD_DP_LOCAL_IP = 8'h10;
    localparam logic [7:0] CARD_DP_LOCAL_MAC_HI = 8'h14;
    localparam logic [7:0] CARD_DP_LOCAL_MAC_LO = 8'h18;
    localparam logic [7:0] CARD_DP_POLICY = 8'h1C;
    localparam logic [7:0] CARD_DP_UNBOUND_MRU = 8'h20;
    localparam logic [7:0] CARD_DP_UNBOUND_ACCM = 8'h24;
    localparam logic [7:0] CARD_SESS_INDEX = 8'h0C;
    localparam logic [7:0] CARD_SESS_CMD = 8'h10;
    localparam logic [7:0] CARD_SESS_STATUS = 8'h14;
    localparam logic [7:0] CARD_SESS_ENT_FLAGS = 8'h20;    // first staging word
    localparam logic [7:0] CARD_SESS_ENT_SEQ = 8'h58;      // last word COMMIT moves
    localparam logic [7:0] CARD_SESS_ENT_RX_PACKETS = 8'h60;  // first READ-only word
    localparam logic [7:0] CARD_SESS_ENT_OUT_OF_ORDER = 8'h7C;
    localparam logic [7:0] CARD_CNT_CNT_CTRL = 8'h0C;
    localparam logic [7:0] CARD_CNT_FIRST = 8'h40;         // NET_RX_OK, slot 0
    localparam int CARD_CNT_SLOTS = 37;                    // 0x40 .. 0xD0
    localparam int CARD_CNT_HOLE = 15;                     // 0x7C: no NET_RX reason 15
    // CTRL/SESS/CNT field bits (card_regs.h CARD_CTRL_*, CARD_SESS_*, CARD_CNT_*)
    localparam logic [31:0] CARD_CTRL_RESET = 32'h1;
    localparam logic [31:0] CARD_CTRL_ENABLE = 32'h2;
    localparam logic [7:0] CARD_SESS_CMD_COMMIT = 8'd1;
    localparam logic [7:0] CARD_SESS_CMD_READ = 8'd2;
    localparam logic [7:0] CARD_SESS_CMD_CLEAR = 8'd3;
    localparam int CARD_SESS_CMD_ZERO_COUNTERS_BIT = 8;
    localparam logic [4:0] CARD_POLICY_RESET = 5'h1A;      // regmap DP.POLICY reset
    // (SESS_ENTRY_WORDS / SESS_ENTRY_W: card-session's block above.)
    // ---- end of card_regs block ----------------------------------------------

    // ---- net_rx_dispatch (added by card-decap) -------------------------------
    // Descriptor actions from session_lookup (hw/ARCHITECTURE.md, "session_lookup
    // -> net_rx_dispatch ports"); model/net_rx_dispatch.h uses the same values.
    localparam logic [1:0] DISPATCH_ACTION_DROP = 2'd0;
    localparam logic [1:0] DISPATCH_ACTION_PUNT_FRAME = 2'd1;   // whole NET frame to the host
    localparam logic [1:0] DISPATCH_ACTION_HOST_PPP = 2'd2;     // stripped PPP frame to the host
    localparam logic [1:0] DISPATCH_ACTION_CHAN_PPP = 2'd3;     // stripped PPP frame to a channel
    // m_punt_tuser_kind: what a punted frame is.
    localparam logic [1:0] DISPATCH_PUNT_KIND_NET = 2'd0;      // an untouched NET frame
    localparam logic [1:0] DISPATCH_PUNT_KIND_PPP = 2'd1;      // a PPP frame, encapsulation stripped
    // ---- end of net_rx_dispatch block ----------------------------------------

    // ---- card_dma (added by card-dma) ----------------------------------------
    // The PCIe shell's blocks PUNT, INJECT and IRQ of hw/regmap.md and the
    // descriptor layouts, under driver/card_regs.h's names. (PUNT's base is
    // card_regs' CARD_BLK_PUNT_BASE above.)
    localparam logic [15:0] CARD_BLK_INJECT_BASE = 16'h0700;
    localparam logic [15:0] CARD_BLK_IRQ_BASE = 16'h0800;
    localparam logic [31:0] CARD_BLK_PUNT_TYPE = 32'h4C32_0006;
    localparam logic [31:0] CARD_BLK_INJECT_TYPE = 32'h4C32_0007;
    localparam logic [31:0] CARD_BLK_IRQ_TYPE = 32'h4C32_0008;
    // PUNT and INJECT registers (the same offsets in both blocks)
    localparam logic [7:0] CARD_RING_BASE_LO = 8'h0C;
    localparam logic [7:0] CARD_RING_BASE_HI = 8'h10;
    localparam logic [7:0] CARD_RING_SIZE_LOG2 = 8'h14;
    localparam logic [7:0] CARD_RING_HEAD = 8'h18;
    localparam logic [7:0] CARD_RING_TAIL = 8'h1C;
    localparam logic [7:0] CARD_RING_RING_CTRL = 8'h20;
    localparam logic [7:0] CARD_RING_MAX_LOG2 = 8'h24;
    localparam int CARD_RING_ENABLE_BIT = 0;
    localparam logic [7:0] CARD_IRQ_CAUSE = 8'h0C;
    localparam logic [7:0] CARD_IRQ_MASK = 8'h10;
    localparam logic [7:0] CARD_IRQ_MOD_CYCLES = 8'h14;
    localparam logic [7:0] CARD_IRQ_MOD_COUNT = 8'h18;
    localparam int CARD_IRQ_PUNT_BIT = 0;
    localparam int CARD_IRQ_INJECT_BIT = 1;
    localparam int CARD_IRQ_DMA_ERROR_BIT = 2;
    localparam int CARD_IRQ_RESET_DONE_BIT = 3;
    localparam int CARD_IRQ_CAUSES = 4;
    // Descriptors: 16 octets; PUNT_DESC.LEN and META are the CW half (octet 8).
    localparam int CARD_DESC_SIZE = 16;
    localparam int CARD_DESC_LEN_OCTET = 8;
    localparam logic [7:0] CARD_INJECT_KIND_NET = 8'd1;
    localparam logic [7:0] CARD_INJECT_KIND_CHANNEL_PPP = 8'd2;
    localparam logic [7:0] CARD_INJECT_KIND_SESSION_PPP = 8'd3;
    // ---- end of card_dma block -----------------------------------------------

endpackage
/* verilator lint_on UNUSEDPARAM */

`resetall
