`resetall
`default_nettype none

// Decodes the captured header octets of one received frame into the NET
// receive descriptor: Ethernet II [802.1Q] IPv4 UDP L2TPv2 (RFC 2661 §3.1).
// Combinational. Every offset is bounded: the VLAN tag moves the IPv4 header
// by 4, IHL moves UDP by 4 * IHL, and the L/S/O bits move the L2TP fields, so
// each field is a small mux over fixed buffer positions.
//
// Checks run in the order below; the first one that fails gives the verdict.
// Each check only reads octets that the checks before it proved are inside
// the frame, so octets past the frame end never decide anything.
module net_rx_hdr_decode #(
    parameter int HDR_BYTES = 104
) (
    // The frame's first HDR_BYTES octets, first in [7:0]; octets past the
    // frame end read as zero.
    input  wire [HDR_BYTES*8-1:0] hdr,
    input  wire [15:0]            frame_len,
    input  wire [15:0]            cfg_l2tp_port,
    input  wire [31:0]            cfg_local_ip,
    input  wire                   cfg_local_ip_en,

    output logic [1:0]  verdict,
    output logic [3:0]  reason,
    output logic        vlan_present,
    output logic [15:0] vlan_tci,
    output logic [47:0] src_mac,
    output logic [31:0] ip_src,
    output logic [31:0] ip_dst,
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
    // Farthest octet read: IPv4 at 18 (VLAN), IHL 15 (60 octets), UDP 8, L2TP 14.
    localparam int IP_HDR_MAX = 60;
    localparam int WIN_BYTES = l2tp_card_pkg::UDP_HDR_LEN + 14;   // UDP header + longest L2TP header (T L S O)
    localparam int WIN_STEPS = 17;                 // (IHL 0..15) + VLAN 0..1
    localparam int HDR_NEEDED = l2tp_card_pkg::ETH_HDR_LEN + 4 * (WIN_STEPS - 1) + WIN_BYTES;
    initial begin
        if (HDR_BYTES < HDR_NEEDED) begin
            $error("net_rx_hdr_decode: HDR_BYTES %0d < %0d", HDR_BYTES, HDR_NEEDED);
            $finish;
        end
    end

    // ---- Ethernet II and 802.1Q (IEEE 802.3, 802.1Q)
    logic [15:0] ethertype;
    logic [IP_HDR_MAX*8-1:0] ip_hdr;   // IPv4 header window, first octet in [7:0]

    // ---- IPv4 (RFC 791 §3.1)
    logic [3:0]  ip_version, ihl;
    logic [15:0] ip_total_len, ip_frag;
    logic [7:0]  ip_protocol;
    logic [4:0]  ip_base;              // 14 or 18
    logic        ip_checksum_ok;
    logic [16:0] ip_end;               // ip_base + Total Length
    logic [15:0] ip_hdr_len;           // IHL * 4
    logic [15:0] ip_payload_len;       // Total Length - IHL * 4

    // ---- UDP (RFC 768) and the L2TP header after it
    // The UDP checksum (win octets 6..7) is not checked here: RFC 768 makes
    // it optional over IPv4 and L2TP peers commonly send 0.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [WIN_BYTES*8-1:0] win;       // the 22 octets from the UDP header on
    /* verilator lint_on UNUSEDSIGNAL */
    logic [15:0] udp_len;
    logic [15:0] l2tp_avail;           // UDP payload octets
    logic        t_bit, l_bit, s_bit, o_bit, p_bit;
    logic [3:0]  l2tp_ver;
    logic [15:0] l2tp_length;
    logic [15:0] offset_size;
    logic [4:0]  l2tp_hdr_len;         // 6..16: fixed part, without the pad
    logic [15:0] msg_len;              // Length if L, else the UDP payload
    logic [16:0] l2tp_hdr_pad_len;     // header + Offset pad
    logic [15:0] l2tp_base;            // frame offset of the L2TP header

    ipv4_hdr_checksum u_checksum (
        .ip_hdr(ip_hdr),
        .ihl   (ihl),
        .ok    (ip_checksum_ok)
    );

    // Ethernet and IPv4 fields feed the checksum; a separate block so
    // the checksum result does not loop back into the block that uses it.
    always_comb begin
        src_mac = {hdr[6*8 +: 8], hdr[7*8 +: 8], hdr[8*8 +: 8], hdr[9*8 +: 8], hdr[10*8 +: 8], hdr[11*8 +: 8]};
        // One 802.1Q tag: its TPID where the EtherType would be.
        vlan_present = ({hdr[12*8 +: 8], hdr[13*8 +: 8]} == l2tp_card_pkg::ETHERTYPE_VLAN);
        vlan_tci = vlan_present ? {hdr[14*8 +: 8], hdr[15*8 +: 8]} : 16'd0;
        ethertype = vlan_present ? {hdr[16*8 +: 8], hdr[17*8 +: 8]}
                                 : {hdr[12*8 +: 8], hdr[13*8 +: 8]};
        ip_base = vlan_present ? 5'(l2tp_card_pkg::ETH_HDR_LEN + l2tp_card_pkg::VLAN_TAG_LEN) : 5'(l2tp_card_pkg::ETH_HDR_LEN);
        ip_hdr = vlan_present ? hdr[(l2tp_card_pkg::ETH_HDR_LEN + l2tp_card_pkg::VLAN_TAG_LEN)*8 +: IP_HDR_MAX*8]
                              : hdr[l2tp_card_pkg::ETH_HDR_LEN*8 +: IP_HDR_MAX*8];

        ip_version   = ip_hdr[7:4];
        ihl          = ip_hdr[3:0];
        ip_total_len = {ip_hdr[2*8 +: 8], ip_hdr[3*8 +: 8]};
        ip_frag      = {ip_hdr[6*8 +: 8], ip_hdr[7*8 +: 8]};
        ip_protocol  = ip_hdr[9*8 +: 8];
        ip_src       = {ip_hdr[12*8 +: 8], ip_hdr[13*8 +: 8], ip_hdr[14*8 +: 8], ip_hdr[15*8 +: 8]};
        ip_dst       = {ip_hdr[16*8 +: 8], ip_hdr[17*8 +: 8], ip_hdr[18*8 +: 8], ip_hdr[19*8 +: 8]};
        ip_end         = {12'd0, ip_base} + {1'b0, ip_total_len};
        ip_hdr_len     = {10'd0, ihl, 2'b00};
        ip_payload_len = ip_total_len - ip_hdr_len;
    end

    always_comb begin

        // UDP starts at ip_base + 4 * IHL = 14 + 4 * (IHL + VLAN).
        win = '0;
        for (int j = 0; j < WIN_STEPS; j++) begin
            if ({1'b0, ihl} + {4'd0, vlan_present} == 5'(j)) begin
                win = hdr[(l2tp_card_pkg::ETH_HDR_LEN + 4*j)*8 +: WIN_BYTES*8];
            end
        end
        udp_src = {win[0*8 +: 8], win[1*8 +: 8]};
        udp_dst = {win[2*8 +: 8], win[3*8 +: 8]};
        udp_len = {win[4*8 +: 8], win[5*8 +: 8]};
        l2tp_avail = udp_len - 16'(l2tp_card_pkg::UDP_HDR_LEN);
        l2tp_base = {11'd0, ip_base} + ip_hdr_len + 16'(l2tp_card_pkg::UDP_HDR_LEN);

        // L2TP header (RFC 2661 §3.1), from win octet 8 on.
        l2tp_flags = {win[8*8 +: 8], win[9*8 +: 8]};
        t_bit    = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_T);
        l_bit    = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_L);
        s_bit    = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_S);
        o_bit    = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_O);
        p_bit    = |(l2tp_flags & l2tp_card_pkg::L2TP_HDR_P);
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
        end else if (ip_version != l2tp_card_pkg::IPV4_VERSION || ihl < l2tp_card_pkg::IPV4_MIN_IHL) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_HEADER;
        end else if (ip_total_len < ip_hdr_len || ip_end > {1'b0, frame_len}) begin
            // Octets past Total Length are Ethernet padding, not an error.
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_LENGTH;
        end else if (!ip_checksum_ok) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_IPV4_CHECKSUM;
        end else if (cfg_local_ip_en && ip_dst != cfg_local_ip) begin
            verdict = l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US;
            reason = l2tp_card_pkg::NET_RX_REASON_OTHER_IP;
        end else if (|(ip_frag & (l2tp_card_pkg::IPV4_FLAG_MF | l2tp_card_pkg::IPV4_FRAG_OFFSET_MASK))) begin
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
        end else if (l_bit && (l2tp_length > l2tp_avail || l2tp_length < {11'd0, l2tp_hdr_len})) begin
            reason = l2tp_card_pkg::NET_RX_REASON_BAD_L2TP_LENGTH;
        end else if (l2tp_hdr_pad_len > {1'b0, msg_len}) begin
            reason = l2tp_card_pkg::NET_RX_REASON_OFFSET_PAST_END;
        end else begin
            verdict = t_bit ? l2tp_card_pkg::NET_RX_VERDICT_L2TP_CONTROL : l2tp_card_pkg::NET_RX_VERDICT_L2TP_DATA;
        end

        // Octets past the L2TP header and its Offset pad (the PPP frame for data).
        payload_off = '0;
        payload_len = '0;
        if (verdict == l2tp_card_pkg::NET_RX_VERDICT_L2TP_CONTROL || verdict == l2tp_card_pkg::NET_RX_VERDICT_L2TP_DATA) begin
            payload_off = l2tp_base + l2tp_hdr_pad_len[15:0];
            payload_len = msg_len - l2tp_hdr_pad_len[15:0];
        end
    end
endmodule

`resetall
