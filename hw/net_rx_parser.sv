`resetall
`default_nettype none

// NET receive parser: passes Ethernet II frames through unchanged (one
// register stage) and emits one header descriptor per frame, in frame order,
// three cycles after the frame's last beat is accepted.
//
//   s_net beat -> m_net register                (pass-through, 1 beat/cycle)
//             \-> header capture buffer         (first HDR_BYTES octets)
//   last beat -> done: buffer + frame length held
//             -> net_rx_hdr_extract -> ext registers (Ethernet, IPv4, checksum)
//             -> net_rx_hdr_verdict -> m_desc registers (UDP, L2TP, verdict)
//
// The buffer is read by the extract stage in the cycle after the last beat,
// while the next frame's first beat is already being accepted (that beat
// lands in the buffer only at the end of the cycle), so back-to-back frames
// of two beats or more flow at one beat per cycle. The input stalls only when
// m_net is full and not ready, or when all three descriptor stages (done,
// ext, m_desc) are full; s_net_tready depends on registers only.
//
// Assumes packed streams: every beat but the last has all tkeep bits set,
// and the last beat's octets are the low lanes. cfg_* are sampled by the
// verdict stage, two cycles after the frame's last beat.
module net_rx_parser #(
    parameter int DATA_W = 8            // NET octets per beat
) (
    input  wire                  clk,
    input  wire                  rst,

    input  wire [15:0]           cfg_l2tp_port,    // UDP destination port of L2TP (1701)
    input  wire [31:0]           cfg_local_ip,
    input  wire                  cfg_local_ip_en,  // 1: IPv4 destination must be cfg_local_ip

    input  wire [DATA_W*8-1:0]   s_net_tdata,
    input  wire [DATA_W-1:0]     s_net_tkeep,
    input  wire                  s_net_tvalid,
    output logic                 s_net_tready,
    input  wire                  s_net_tlast,

    output logic [DATA_W*8-1:0]  m_net_tdata,
    output logic [DATA_W-1:0]    m_net_tkeep,
    output logic                 m_net_tvalid,
    input  wire                  m_net_tready,
    output logic                 m_net_tlast,

    output logic                 m_desc_tvalid,
    input  wire                  m_desc_tready,
    output logic [1:0]           m_desc_verdict,   // NET_RX_VERDICT_*
    output logic [3:0]           m_desc_reason,    // NET_RX_REASON_*
    output logic                 m_desc_vlan_present,
    output logic [15:0]          m_desc_vlan_tci,
    output logic [47:0]          m_desc_src_mac,
    output logic [31:0]          m_desc_ip_src,
    output logic [31:0]          m_desc_ip_dst,
    output logic [15:0]          m_desc_udp_src,
    output logic [15:0]          m_desc_udp_dst,
    output logic [15:0]          m_desc_l2tp_flags,
    output logic [15:0]          m_desc_tunnel_id,
    output logic [15:0]          m_desc_session_id,
    output logic [15:0]          m_desc_ns,
    output logic [15:0]          m_desc_nr,
    output logic [15:0]          m_desc_payload_off,
    output logic [15:0]          m_desc_payload_len,
    output logic [15:0]          m_desc_frame_len
);
    // The extract stage reads at most 100 octets (see net_rx_hdr_extract);
    // the buffer holds whole beats.
    localparam int HDR_MIN = 100;
    localparam int HDR_BEATS = (HDR_MIN + DATA_W - 1) / DATA_W;
    localparam int HDR_BYTES = HDR_BEATS * DATA_W;
    localparam int BEAT_CNT_W = $clog2(HDR_BEATS + 1);
    localparam int KEEP_CNT_W = $clog2(DATA_W + 1);

    initial begin
        if (DATA_W < 1 || DATA_W > 64) begin
            $error("net_rx_parser: DATA_W %0d is outside 1..64", DATA_W);
            $finish;
        end
    end

    // ---- registers (*_reg) and their next values (*_next)
    logic [DATA_W*8-1:0]    m_net_tdata_reg, m_net_tdata_next;
    logic [DATA_W-1:0]      m_net_tkeep_reg, m_net_tkeep_next;
    logic                   m_net_tvalid_reg, m_net_tvalid_next;
    logic                   m_net_tlast_reg, m_net_tlast_next;

    logic [HDR_BYTES*8-1:0] hdr_reg, hdr_next;         // captured header octets
    logic [HDR_BEATS-1:0]   beat_valid_reg, beat_valid_next;  // buffer beats of this frame
    logic [BEAT_CNT_W-1:0]  beat_cnt_reg, beat_cnt_next;  // saturates at HDR_BEATS
    logic [15:0]            len_reg, len_next;         // octets so far, saturating

    logic                   done_reg, done_next;       // a whole frame waits in the buffer
    logic [15:0]            done_len_reg, done_len_next;

    // extract stage output (net_rx_hdr_extract), for the verdict stage
    logic                   ext_valid_reg, ext_valid_next;
    logic [15:0]            ext_frame_len_reg, ext_frame_len_next;
    logic                   ext_vlan_present_reg, ext_vlan_present_next;
    logic [15:0]            ext_vlan_tci_reg, ext_vlan_tci_next;
    logic [47:0]            ext_src_mac_reg, ext_src_mac_next;
    logic [15:0]            ext_ethertype_reg, ext_ethertype_next;
    logic [3:0]             ext_ip_version_reg, ext_ip_version_next;
    logic [3:0]             ext_ihl_reg, ext_ihl_next;
    logic [15:0]            ext_ip_total_len_reg, ext_ip_total_len_next;
    logic [15:0]            ext_ip_frag_reg, ext_ip_frag_next;
    logic [7:0]             ext_ip_protocol_reg, ext_ip_protocol_next;
    logic [31:0]            ext_ip_src_reg, ext_ip_src_next;
    logic [31:0]            ext_ip_dst_reg, ext_ip_dst_next;
    logic                   ext_ip_checksum_ok_reg, ext_ip_checksum_ok_next;
    logic [22*8-1:0]        ext_udp_l2tp_reg, ext_udp_l2tp_next;

    logic                   desc_valid_reg, desc_valid_next;
    logic [1:0]             desc_verdict_reg, desc_verdict_next;
    logic [3:0]             desc_reason_reg, desc_reason_next;
    logic                   desc_vlan_present_reg, desc_vlan_present_next;
    logic [15:0]            desc_vlan_tci_reg, desc_vlan_tci_next;
    logic [47:0]            desc_src_mac_reg, desc_src_mac_next;
    logic [31:0]            desc_ip_src_reg, desc_ip_src_next;
    logic [31:0]            desc_ip_dst_reg, desc_ip_dst_next;
    logic [15:0]            desc_udp_src_reg, desc_udp_src_next;
    logic [15:0]            desc_udp_dst_reg, desc_udp_dst_next;
    logic [15:0]            desc_l2tp_flags_reg, desc_l2tp_flags_next;
    logic [15:0]            desc_tunnel_id_reg, desc_tunnel_id_next;
    logic [15:0]            desc_session_id_reg, desc_session_id_next;
    logic [15:0]            desc_ns_reg, desc_ns_next;
    logic [15:0]            desc_nr_reg, desc_nr_next;
    logic [15:0]            desc_payload_off_reg, desc_payload_off_next;
    logic [15:0]            desc_payload_len_reg, desc_payload_len_next;
    logic [15:0]            desc_frame_len_reg, desc_frame_len_next;

    // ---- the extract stage sees beats of earlier frames (stale) as zero
    logic [HDR_BYTES*8-1:0] hdr_visible;
    always_comb begin
        for (int b = 0; b < HDR_BEATS; b++) begin
            hdr_visible[b*DATA_W*8 +: DATA_W*8] =
                beat_valid_reg[b] ? hdr_reg[b*DATA_W*8 +: DATA_W*8] : '0;
        end
    end

    logic        x_vlan_present, x_ip_checksum_ok;
    logic [15:0] x_vlan_tci, x_ethertype, x_ip_total_len, x_ip_frag;
    logic [47:0] x_src_mac;
    logic [3:0]  x_ip_version, x_ihl;
    logic [7:0]  x_ip_protocol;
    logic [31:0] x_ip_src, x_ip_dst;
    logic [22*8-1:0] x_udp_l2tp;

    net_rx_hdr_extract #(
        .HDR_BYTES(HDR_BYTES)
    ) u_extract (
        .hdr           (hdr_visible),
        .vlan_present  (x_vlan_present),
        .vlan_tci      (x_vlan_tci),
        .src_mac       (x_src_mac),
        .ethertype     (x_ethertype),
        .ip_version    (x_ip_version),
        .ihl           (x_ihl),
        .ip_total_len  (x_ip_total_len),
        .ip_frag       (x_ip_frag),
        .ip_protocol   (x_ip_protocol),
        .ip_src        (x_ip_src),
        .ip_dst        (x_ip_dst),
        .ip_checksum_ok(x_ip_checksum_ok),
        .udp_l2tp      (x_udp_l2tp)
    );

    logic [1:0]  v_verdict;
    logic [3:0]  v_reason;
    logic [15:0] v_udp_src, v_udp_dst, v_l2tp_flags, v_tunnel_id, v_session_id;
    logic [15:0] v_ns, v_nr, v_payload_off, v_payload_len;

    net_rx_hdr_verdict u_verdict (
        .frame_len      (ext_frame_len_reg),
        .cfg_l2tp_port  (cfg_l2tp_port),
        .cfg_local_ip   (cfg_local_ip),
        .cfg_local_ip_en(cfg_local_ip_en),
        .vlan_present   (ext_vlan_present_reg),
        .ethertype      (ext_ethertype_reg),
        .ip_version     (ext_ip_version_reg),
        .ihl            (ext_ihl_reg),
        .ip_total_len   (ext_ip_total_len_reg),
        .ip_frag        (ext_ip_frag_reg),
        .ip_protocol    (ext_ip_protocol_reg),
        .ip_dst         (ext_ip_dst_reg),
        .ip_checksum_ok (ext_ip_checksum_ok_reg),
        .udp_l2tp       (ext_udp_l2tp_reg),
        .verdict        (v_verdict),
        .reason         (v_reason),
        .udp_src        (v_udp_src),
        .udp_dst        (v_udp_dst),
        .l2tp_flags     (v_l2tp_flags),
        .tunnel_id      (v_tunnel_id),
        .session_id     (v_session_id),
        .ns             (v_ns),
        .nr             (v_nr),
        .payload_off    (v_payload_off),
        .payload_len    (v_payload_len)
    );

    logic                  accept;
    logic                  ext_fire;     // done -> ext
    logic                  desc_fire;    // ext -> m_desc registers
    logic [KEEP_CNT_W-1:0] keep_cnt;
    logic [16:0]           len_sum;

    always_comb begin
        // Each descriptor stage moves on when the next one is empty or
        // moving on itself.
        desc_fire = ext_valid_reg && (!desc_valid_reg || m_desc_tready);
        ext_fire = done_reg && (!ext_valid_reg || desc_fire);
        // Ready depends on registers only. A frame waiting in the buffer
        // (done_reg) must not be overwritten: when ready is high, ext_fire is
        // sure to be high too (an empty ext or m_desc stage lets it move).
        s_net_tready = (!m_net_tvalid_reg || m_net_tready)
                       && !(done_reg && ext_valid_reg && desc_valid_reg);
        accept = s_net_tvalid && s_net_tready;

        // ---- pass-through register
        m_net_tdata_next = m_net_tdata_reg;
        m_net_tkeep_next = m_net_tkeep_reg;
        m_net_tlast_next = m_net_tlast_reg;
        m_net_tvalid_next = m_net_tvalid_reg && !m_net_tready;
        if (accept) begin
            m_net_tdata_next = s_net_tdata;
            m_net_tkeep_next = s_net_tkeep;
            m_net_tlast_next = s_net_tlast;
            m_net_tvalid_next = 1'b1;
        end

        // ---- header capture and frame length
        keep_cnt = '0;
        for (int i = 0; i < DATA_W; i++) begin
            keep_cnt = keep_cnt + KEEP_CNT_W'(s_net_tkeep[i]);
        end
        len_sum = {1'b0, len_reg} + 17'(keep_cnt);

        hdr_next = hdr_reg;
        beat_valid_next = beat_valid_reg;
        beat_cnt_next = beat_cnt_reg;
        len_next = len_reg;
        done_next = done_reg && !ext_fire;
        done_len_next = done_len_reg;
        if (accept) begin
            if (beat_cnt_reg == '0) begin
                beat_valid_next = '0;   // a new frame: earlier beats are stale
            end
            for (int b = 0; b < HDR_BEATS; b++) begin
                if (beat_cnt_reg == BEAT_CNT_W'(b)) begin
                    beat_valid_next[b] = 1'b1;
                    for (int i = 0; i < DATA_W; i++) begin
                        // Octets without keep are not frame octets: store zero.
                        hdr_next[(b*DATA_W + i)*8 +: 8] =
                            s_net_tkeep[i] ? s_net_tdata[i*8 +: 8] : 8'd0;
                    end
                end
            end
            if (s_net_tlast) begin
                done_next = 1'b1;
                done_len_next = len_sum[16] ? 16'hFFFF : len_sum[15:0];
                len_next = '0;
                beat_cnt_next = '0;
            end else begin
                len_next = len_sum[16] ? 16'hFFFF : len_sum[15:0];
                if (beat_cnt_reg != BEAT_CNT_W'(HDR_BEATS)) begin
                    beat_cnt_next = beat_cnt_reg + 1'b1;
                end
            end
        end

        // ---- extract stage registers
        ext_valid_next = ext_valid_reg && !desc_fire;
        ext_frame_len_next = ext_frame_len_reg;
        ext_vlan_present_next = ext_vlan_present_reg;
        ext_vlan_tci_next = ext_vlan_tci_reg;
        ext_src_mac_next = ext_src_mac_reg;
        ext_ethertype_next = ext_ethertype_reg;
        ext_ip_version_next = ext_ip_version_reg;
        ext_ihl_next = ext_ihl_reg;
        ext_ip_total_len_next = ext_ip_total_len_reg;
        ext_ip_frag_next = ext_ip_frag_reg;
        ext_ip_protocol_next = ext_ip_protocol_reg;
        ext_ip_src_next = ext_ip_src_reg;
        ext_ip_dst_next = ext_ip_dst_reg;
        ext_ip_checksum_ok_next = ext_ip_checksum_ok_reg;
        ext_udp_l2tp_next = ext_udp_l2tp_reg;
        if (ext_fire) begin
            ext_valid_next = 1'b1;
            ext_frame_len_next = done_len_reg;
            ext_vlan_present_next = x_vlan_present;
            ext_vlan_tci_next = x_vlan_tci;
            ext_src_mac_next = x_src_mac;
            ext_ethertype_next = x_ethertype;
            ext_ip_version_next = x_ip_version;
            ext_ihl_next = x_ihl;
            ext_ip_total_len_next = x_ip_total_len;
            ext_ip_frag_next = x_ip_frag;
            ext_ip_protocol_next = x_ip_protocol;
            ext_ip_src_next = x_ip_src;
            ext_ip_dst_next = x_ip_dst;
            ext_ip_checksum_ok_next = x_ip_checksum_ok;
            ext_udp_l2tp_next = x_udp_l2tp;
        end

        // ---- descriptor registers
        desc_valid_next = desc_valid_reg && !m_desc_tready;
        desc_verdict_next = desc_verdict_reg;
        desc_reason_next = desc_reason_reg;
        desc_vlan_present_next = desc_vlan_present_reg;
        desc_vlan_tci_next = desc_vlan_tci_reg;
        desc_src_mac_next = desc_src_mac_reg;
        desc_ip_src_next = desc_ip_src_reg;
        desc_ip_dst_next = desc_ip_dst_reg;
        desc_udp_src_next = desc_udp_src_reg;
        desc_udp_dst_next = desc_udp_dst_reg;
        desc_l2tp_flags_next = desc_l2tp_flags_reg;
        desc_tunnel_id_next = desc_tunnel_id_reg;
        desc_session_id_next = desc_session_id_reg;
        desc_ns_next = desc_ns_reg;
        desc_nr_next = desc_nr_reg;
        desc_payload_off_next = desc_payload_off_reg;
        desc_payload_len_next = desc_payload_len_reg;
        desc_frame_len_next = desc_frame_len_reg;
        if (desc_fire) begin
            desc_valid_next = 1'b1;
            desc_verdict_next = v_verdict;
            desc_reason_next = v_reason;
            desc_vlan_present_next = ext_vlan_present_reg;
            desc_vlan_tci_next = ext_vlan_tci_reg;
            desc_src_mac_next = ext_src_mac_reg;
            desc_ip_src_next = ext_ip_src_reg;
            desc_ip_dst_next = ext_ip_dst_reg;
            desc_udp_src_next = v_udp_src;
            desc_udp_dst_next = v_udp_dst;
            desc_l2tp_flags_next = v_l2tp_flags;
            desc_tunnel_id_next = v_tunnel_id;
            desc_session_id_next = v_session_id;
            desc_ns_next = v_ns;
            desc_nr_next = v_nr;
            desc_payload_off_next = v_payload_off;
            desc_payload_len_next = v_payload_len;
            desc_frame_len_next = ext_frame_len_reg;
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            m_net_tdata_reg <= '0;
            m_net_tkeep_reg <= '0;
            m_net_tvalid_reg <= 1'b0;
            m_net_tlast_reg <= 1'b0;
            beat_valid_reg <= '0;
            beat_cnt_reg <= '0;
            len_reg <= '0;
            done_reg <= 1'b0;
            done_len_reg <= '0;
            ext_valid_reg <= 1'b0;
            ext_frame_len_reg <= '0;
            ext_vlan_present_reg <= 1'b0;
            ext_vlan_tci_reg <= '0;
            ext_src_mac_reg <= '0;
            ext_ethertype_reg <= '0;
            ext_ip_version_reg <= '0;
            ext_ihl_reg <= '0;
            ext_ip_total_len_reg <= '0;
            ext_ip_frag_reg <= '0;
            ext_ip_protocol_reg <= '0;
            ext_ip_src_reg <= '0;
            ext_ip_dst_reg <= '0;
            ext_ip_checksum_ok_reg <= 1'b0;
            ext_udp_l2tp_reg <= '0;
            desc_valid_reg <= 1'b0;
            desc_verdict_reg <= '0;
            desc_reason_reg <= '0;
            desc_vlan_present_reg <= 1'b0;
            desc_vlan_tci_reg <= '0;
            desc_src_mac_reg <= '0;
            desc_ip_src_reg <= '0;
            desc_ip_dst_reg <= '0;
            desc_udp_src_reg <= '0;
            desc_udp_dst_reg <= '0;
            desc_l2tp_flags_reg <= '0;
            desc_tunnel_id_reg <= '0;
            desc_session_id_reg <= '0;
            desc_ns_reg <= '0;
            desc_nr_reg <= '0;
            desc_payload_off_reg <= '0;
            desc_payload_len_reg <= '0;
            desc_frame_len_reg <= '0;
        end else begin
            m_net_tdata_reg <= m_net_tdata_next;
            m_net_tkeep_reg <= m_net_tkeep_next;
            m_net_tvalid_reg <= m_net_tvalid_next;
            m_net_tlast_reg <= m_net_tlast_next;
            beat_valid_reg <= beat_valid_next;
            beat_cnt_reg <= beat_cnt_next;
            len_reg <= len_next;
            done_reg <= done_next;
            done_len_reg <= done_len_next;
            ext_valid_reg <= ext_valid_next;
            ext_frame_len_reg <= ext_frame_len_next;
            ext_vlan_present_reg <= ext_vlan_present_next;
            ext_vlan_tci_reg <= ext_vlan_tci_next;
            ext_src_mac_reg <= ext_src_mac_next;
            ext_ethertype_reg <= ext_ethertype_next;
            ext_ip_version_reg <= ext_ip_version_next;
            ext_ihl_reg <= ext_ihl_next;
            ext_ip_total_len_reg <= ext_ip_total_len_next;
            ext_ip_frag_reg <= ext_ip_frag_next;
            ext_ip_protocol_reg <= ext_ip_protocol_next;
            ext_ip_src_reg <= ext_ip_src_next;
            ext_ip_dst_reg <= ext_ip_dst_next;
            ext_ip_checksum_ok_reg <= ext_ip_checksum_ok_next;
            ext_udp_l2tp_reg <= ext_udp_l2tp_next;
            desc_valid_reg <= desc_valid_next;
            desc_verdict_reg <= desc_verdict_next;
            desc_reason_reg <= desc_reason_next;
            desc_vlan_present_reg <= desc_vlan_present_next;
            desc_vlan_tci_reg <= desc_vlan_tci_next;
            desc_src_mac_reg <= desc_src_mac_next;
            desc_ip_src_reg <= desc_ip_src_next;
            desc_ip_dst_reg <= desc_ip_dst_next;
            desc_udp_src_reg <= desc_udp_src_next;
            desc_udp_dst_reg <= desc_udp_dst_next;
            desc_l2tp_flags_reg <= desc_l2tp_flags_next;
            desc_tunnel_id_reg <= desc_tunnel_id_next;
            desc_session_id_reg <= desc_session_id_next;
            desc_ns_reg <= desc_ns_next;
            desc_nr_reg <= desc_nr_next;
            desc_payload_off_reg <= desc_payload_off_next;
            desc_payload_len_reg <= desc_payload_len_next;
            desc_frame_len_reg <= desc_frame_len_next;
        end
        // The buffer needs no reset: beat_valid_reg hides what it held.
        hdr_reg <= hdr_next;
    end

    assign m_net_tdata = m_net_tdata_reg;
    assign m_net_tkeep = m_net_tkeep_reg;
    assign m_net_tvalid = m_net_tvalid_reg;
    assign m_net_tlast = m_net_tlast_reg;
    assign m_desc_tvalid = desc_valid_reg;
    assign m_desc_verdict = desc_verdict_reg;
    assign m_desc_reason = desc_reason_reg;
    assign m_desc_vlan_present = desc_vlan_present_reg;
    assign m_desc_vlan_tci = desc_vlan_tci_reg;
    assign m_desc_src_mac = desc_src_mac_reg;
    assign m_desc_ip_src = desc_ip_src_reg;
    assign m_desc_ip_dst = desc_ip_dst_reg;
    assign m_desc_udp_src = desc_udp_src_reg;
    assign m_desc_udp_dst = desc_udp_dst_reg;
    assign m_desc_l2tp_flags = desc_l2tp_flags_reg;
    assign m_desc_tunnel_id = desc_tunnel_id_reg;
    assign m_desc_session_id = desc_session_id_reg;
    assign m_desc_ns = desc_ns_reg;
    assign m_desc_nr = desc_nr_reg;
    assign m_desc_payload_off = desc_payload_off_reg;
    assign m_desc_payload_len = desc_payload_len_reg;
    assign m_desc_frame_len = desc_frame_len_reg;
endmodule

`resetall
