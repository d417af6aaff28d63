`resetall
`default_nettype none

// Second decode stage of net_rx_parser: judges the fields net_rx_hdr_extract
// took from one frame (registered in between) and reads the UDP and L2TPv2
// header (RFC 768, RFC 2661 §3.1). Combinational.
//
// Checks run in the order below; the first one that fails gives the verdict.
// Each check only reads octets that the checks before it proved are inside
// the frame, so octets past the frame end never decide anything.
module net_rx_hdr_verdict (
    input  wire [15:0]      frame_len,
    input  wire [15:0]      cfg_l2tp_port,
    input  wire [31:0]      cfg_local_ip,
    input  wire             cfg_local_ip_en,

    input  wire             vlan_present,
    input  wire [15:0]      ethertype,
    input  wire [3:0]       ip_version,
    input  wire [3:0]       ihl,
    input  wire [15:0]      ip_total_len,
    input  wire [15:0]      ip_frag,
    input  wire [7:0]       ip_protocol,
    input  wire [31:0]      ip_dst,
    input  wire             ip_checksum_ok,
    input  wire [22*8-1:0]  udp_l2tp,

    output logic [1:0]  verdict,        // NET_RX_VERDICT_*
    output logic [3:0]  reason,         // NET_RX_REASON_*
    output logic [15:0] udp_src,
    output logic [15:0] udp_dst,
    output logic [15:0] l2tp_flags,     // the Flags/Ver word as received
    output logic [15:0] tunnel_id,
    output logic [15:0] session_id,
    output logic [15:0] ns,             // 0 unless S
    output logic [15:0] nr,             // 0 unless S
    output logic [15:0] payload_off,    // octets from frame start; 0 unless L2TP verdict
    output logic [15:0] payload_len     // 0 unless L2TP verdict
);
    // The UDP checksum (octets 6..7) is not checked here: RFC 768 makes it
    // optional over IPv4 and L2TP peers commonly send 0.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [22*8-1:0] win;
    /* verilator lint_on UNUSEDSIGNAL */

    logic [4:0]  ip_base;              // 14 or 18
    logic [16:0] ip_end;               // ip_base + Total Length
    logic [15:0] ip_hdr_len;           // IHL * 4
    logic [15:0] ip_payload_len;       // Total Length - IHL * 4
    logic [15:0] udp_len;
    logic [15:0] l2tp_avail;           // UDP payload octets
    logic [15:0] l2tp_base;            // frame offset of the L2TP header
    logic        t_bit, l_bit, s_bit, o_bit, p_bit;
    logic [3:0]  l2tp_ver;
    logic [15:0] l2tp_length;
    logic [15:0] offset_size;
    logic [4:0]  l2tp_hdr_len;         // 6..14: without the Offset pad
    logic [15:0] msg_len;              // Length if L, else the UDP payload
    logic [16:0] l2tp_hdr_pad_len;     // header + Offset pad

    always_comb begin
        win = udp_l2tp;
        ip_base = vlan_present
            ? 5'(l2tp_card_pkg::ETH_HDR_LEN + l2tp_card_pkg::VLAN_TAG_LEN)
            : 5'(l2tp_card_pkg::ETH_HDR_LEN);
        ip_end = {12'd0, ip_base} + {1'b0, ip_total_len};
        ip_hdr_len = {10'd0, ihl, 2'b00};
        ip_payload_len = ip_total_len - ip_hdr_len;

        udp_src = {win[0*8 +: 8], win[1*8 +: 8]};
        udp_dst = {win[2*8 +: 8], win[3*8 +: 8]};
        udp_len = {win[4*8 +: 8], win[5*8 +: 8]};
        l2tp_avail = udp_len - 16'(l2tp_card_pkg::UDP_HDR_LEN);
        l2tp_base = {11'd0, ip_base} + ip_hdr_len + 16'(l2tp_card_pkg::UDP_HDR_LEN);

        // L2TP header, from win octet 8 on: Flags/Ver, [Length], Tunnel ID,
        // Session ID, [Ns, Nr], [Offset Size].
        l2tp_flags = {win[8*8 +: 8], win[9*8 +: 8]};
        t_bit = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_T);
        l_bit = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_L);
        s_bit = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_S);
        o_bit = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_O);
        p_bit = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_P);
        l2tp_ver = 4'(l2tp_flags & l2tp_card_pkg::L2TP_HDR_VER_MASK);
        l2tp_length = l_bit ? {win[10*8 +: 8], win[11*8 +: 8]} : 16'd0;
        tunnel_id  = l_bit ? {win[12*8 +: 8], win[13*8 +: 8]} : {win[10*8 +: 8], win[11*8 +: 8]};
        session_id = l_bit ? {win[14*8 +: 8], win[15*8 +: 8]} : {win[12*8 +: 8], win[13*8 +: 8]};
        ns = '0;
        nr = '0;
        if (s_bit) begin
            ns = l_bit ? {win[16*8 +: 8], win[17*8 +: 8]} : {win[14*8 +: 8], win[15*8 +: 8]};
            nr = l_bit ? {win[18*8 +: 8], win[19*8 +: 8]} : {win[16*8 +: 8], win[17*8 +: 8]};
        end
        offset_size = '0;
        if (o_bit) begin
            case ({l_bit, s_bit})
                2'b00:   offset_size = {win[14*8 +: 8], win[15*8 +: 8]};
                2'b01:   offset_size = {win[18*8 +: 8], win[19*8 +: 8]};
                2'b10:   offset_size = {win[16*8 +: 8], win[17*8 +: 8]};
                default: offset_size = {win[20*8 +: 8], win[21*8 +: 8]};
            endcase
        end
        l2tp_hdr_len = 5'd6 + {3'd0, l_bit, 1'b0} + {2'd0, s_bit, 2'b00} + {3'd0, o_bit, 1'b0};
        msg_len = l_bit ? l2tp_length : l2tp_avail;
        l2tp_hdr_pad_len = {12'd0, l2tp_hdr_len} + {1'b0, offset_size};

        // ---- The verdict: first failing check wins.
        verdict = l2tp_card_pkg::NET_RX_VERDICT_MALFORMED;
        reason = l2tp_card_pkg::NET_RX_REASON_NONE;
        if (frame_len < 16'(l2tp_card_pkg::ETH_MIN_FRAME)) begin
            reason = l2tp_card_pkg::NET_RX_REASON_RUNT;
        end else if (ethertype != l2tp_card_pkg::ETHERTYPE_IPV4) begin
            verdict = l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US;
            reason = l2tp_card_pkg::NET_RX_REASON_NON_IPV4;
        end else if (ip_version != l2tp_card_pkg::IPV4_VERSION
                     || ihl < l2tp_card_pkg::IPV4_MIN_IHL) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_HEADER;
        end else if (ip_total_len < ip_hdr_len || ip_end > {1'b0, frame_len}) begin
            // Octets past Total Length are Ethernet padding, not an error.
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_LENGTH;
        end else if (!ip_checksum_ok) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_CHECKSUM;
        end else if (cfg_local_ip_en && ip_dst != cfg_local_ip) begin
            verdict = l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US;
            reason = l2tp_card_pkg::NET_RX_REASON_OTHER_IP;
        end else if (|(ip_frag & (l2tp_card_pkg::IPV4_FLAG_MF
                                  | l2tp_card_pkg::IPV4_FRAG_OFFSET_MASK))) begin
            // A fragment's UDP/L2TP headers cannot be checked here: the host reassembles.
            reason = l2tp_card_pkg::NET_RX_REASON_FRAGMENT;
        end else if (ip_protocol != l2tp_card_pkg::IPV4_PROTO_UDP) begin
            verdict = l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US;
            reason = l2tp_card_pkg::NET_RX_REASON_NOT_UDP;
        end else if (ip_payload_len < 16'(l2tp_card_pkg::UDP_HDR_LEN)) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_UDP_LENGTH;
        end else if (udp_dst != cfg_l2tp_port) begin
            verdict = l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US;
            reason = l2tp_card_pkg::NET_RX_REASON_OTHER_PORT;
        end else if (udp_len < 16'(l2tp_card_pkg::UDP_HDR_LEN) || udp_len > ip_payload_len) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_UDP_LENGTH;
        end else if (l2tp_avail < 16'd2) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_L2TP_LENGTH;
        end else if (l2tp_ver != l2tp_card_pkg::L2TP_VERSION) begin
            // Ver 1 on this port is L2F (RFC 2341), which the card does not carry.
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_L2TP_VERSION;
        end else if (t_bit && (!l_bit || !s_bit || o_bit || p_bit)) begin
            // §3.1: control messages have L and S set and O clear; P clear as
            // the protocol core's decoder requires (host/proto/l2tp_header.c).
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_CONTROL_FLAGS;
        end else if (l2tp_avail < {11'd0, l2tp_hdr_len}) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_L2TP_LENGTH;
        end else if (l_bit && (l2tp_length > l2tp_avail
                               || l2tp_length < {11'd0, l2tp_hdr_len})) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_L2TP_LENGTH;
        end else if (l2tp_hdr_pad_len > {1'b0, msg_len}) begin
            reason = l2tp_card_pkg::NET_RX_REASON_OFFSET_PAST_END;
        end else begin
            verdict = t_bit ? l2tp_card_pkg::NET_RX_VERDICT_L2TP_CONTROL
                            : l2tp_card_pkg::NET_RX_VERDICT_L2TP_DATA;
        end

        // Octets past the L2TP header and its Offset pad (the PPP frame for data).
        payload_off = '0;
        payload_len = '0;
        if (verdict == l2tp_card_pkg::NET_RX_VERDICT_L2TP_CONTROL
            || verdict == l2tp_card_pkg::NET_RX_VERDICT_L2TP_DATA) begin
            payload_off = l2tp_base + l2tp_hdr_pad_len[15:0];
            payload_len = msg_len - l2tp_hdr_pad_len[15:0];
        end
    end
endmodule

`resetall
