`resetall
`default_nettype none

// First decode stage of net_rx_parser: from the captured header octets of
// one frame, the Ethernet II / 802.1Q fields, the IPv4 header fields and its
// checksum check (RFC 791 §3.1), and the 22 octets where UDP (RFC 768) and the
// L2TP header (RFC 2661 §3.1) sit. Combinational; net_rx_hdr_verdict judges
// the registered result in the next cycle.
//
// Every offset is bounded: the 802.1Q tag moves the IPv4 header by 4 and IHL
// moves UDP by 4 * IHL, so each field is a small mux over fixed positions.
module net_rx_hdr_extract #(
    parameter int HDR_BYTES = 104
) (
    // The frame's first HDR_BYTES octets, first in [7:0]; octets past the
    // frame end read as zero.
    input  wire [HDR_BYTES*8-1:0] hdr,

    output logic        vlan_present,
    output logic [15:0] vlan_tci,       // 0 without a tag
    output logic [47:0] src_mac,
    output logic [15:0] ethertype,      // after the tag
    output logic [3:0]  ip_version,
    output logic [3:0]  ihl,
    output logic [15:0] ip_total_len,
    output logic [15:0] ip_frag,        // flags and fragment offset
    output logic [7:0]  ip_protocol,
    output logic [31:0] ip_src,
    output logic [31:0] ip_dst,
    output logic        ip_checksum_ok,
    // The 22 octets from ip_base + 4 * IHL on: UDP header, L2TP header (T L S O)
    output logic [22*8-1:0] udp_l2tp
);
    localparam int IP_HDR_MAX = 60;
    localparam int WIN_BYTES = l2tp_card_pkg::UDP_HDR_LEN + 14;
    localparam int WIN_STEPS = 17;     // IHL 0..15 plus the tag
    // Farthest octet read: 14 + 4 * 16 + 22 = 100.
    localparam int HDR_NEEDED = l2tp_card_pkg::ETH_HDR_LEN + 4 * (WIN_STEPS - 1) + WIN_BYTES;
    initial begin
        if (HDR_BYTES < HDR_NEEDED) begin
            $error("net_rx_hdr_extract: HDR_BYTES %0d < %0d", HDR_BYTES, HDR_NEEDED);
            $finish;
        end
    end

    localparam int VLAN_IP_BASE = l2tp_card_pkg::ETH_HDR_LEN + l2tp_card_pkg::VLAN_TAG_LEN;

    logic [IP_HDR_MAX*8-1:0] ip_hdr;   // IPv4 header window, first octet in [7:0]

    ipv4_hdr_checksum u_checksum (
        .ip_hdr(ip_hdr),
        .ihl   (ihl),
        .ok    (ip_checksum_ok)
    );

    always_comb begin
        src_mac = {hdr[6*8 +: 8], hdr[7*8 +: 8], hdr[8*8 +: 8],
                   hdr[9*8 +: 8], hdr[10*8 +: 8], hdr[11*8 +: 8]};
        // One 802.1Q tag: its TPID where the EtherType would be.
        vlan_present = ({hdr[12*8 +: 8], hdr[13*8 +: 8]} == l2tp_card_pkg::ETHERTYPE_VLAN);
        vlan_tci = vlan_present ? {hdr[14*8 +: 8], hdr[15*8 +: 8]} : 16'd0;
        ethertype = vlan_present ? {hdr[16*8 +: 8], hdr[17*8 +: 8]}
                                 : {hdr[12*8 +: 8], hdr[13*8 +: 8]};
        ip_hdr = vlan_present ? hdr[VLAN_IP_BASE*8 +: IP_HDR_MAX*8]
                              : hdr[l2tp_card_pkg::ETH_HDR_LEN*8 +: IP_HDR_MAX*8];

        ip_version   = ip_hdr[7:4];
        ihl          = ip_hdr[3:0];
        ip_total_len = {ip_hdr[2*8 +: 8], ip_hdr[3*8 +: 8]};
        ip_frag      = {ip_hdr[6*8 +: 8], ip_hdr[7*8 +: 8]};
        ip_protocol  = ip_hdr[9*8 +: 8];
        ip_src = {ip_hdr[12*8 +: 8], ip_hdr[13*8 +: 8], ip_hdr[14*8 +: 8], ip_hdr[15*8 +: 8]};
        ip_dst = {ip_hdr[16*8 +: 8], ip_hdr[17*8 +: 8], ip_hdr[18*8 +: 8], ip_hdr[19*8 +: 8]};

        // UDP starts at ip_base + 4 * IHL = 14 + 4 * (IHL + tag).
        udp_l2tp = '0;
        for (int j = 0; j < WIN_STEPS; j++) begin
            if ({1'b0, ihl} + {4'd0, vlan_present} == 5'(j)) begin
                udp_l2tp = hdr[(l2tp_card_pkg::ETH_HDR_LEN + 4*j)*8 +: WIN_BYTES*8];
            end
        end
    end
endmodule

`resetall
