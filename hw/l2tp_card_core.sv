`resetall
`default_nettype none

// The card's datapath (hw/ARCHITECTURE.md "Ports of the top" and "Internal
// interfaces between the datapath blocks"): the blocks joined, nothing else
// but the glue that has no block of its own:
// - reset: the hard `rst` or CTRL.RESET's dp_soft_rst resets every datapath
//   block (card_regs itself only on `rst`);
// - CTRL.ENABLE: NET waits (tready low) and ACCESS octets are discarded
//   while it is 0 (regmap CTRL: "1: the datapath takes NET and ACCESS traffic");
// - the inject demux: the shell's frames by tuser_kind (regmap INJECT_DESC
//   kind 1 raw NET frame, 2 PPP for ACCESS channel TARGET, 3 PPP for session
//   TARGET); any other kind is consumed and counted (CNT INJECT_BAD_DESC);
// - the counter pulses of every stage summed into card_regs' CNT slots: every
//   drop or refusal a block can make is counted in one of them;
// - m_net frame-atomic across CTRL.RESET: the closing beat of a frame the
//   reset cut half sent (regmap CTRL).
// Outputs come from the blocks' registers except the ready signals, which
// follow the blocks' own combinational ready paths.
module l2tp_card_core #(
    parameter int DATA_W = 8,             // NET octets per beat (8 or 16)
    parameter int N_CH = 32,              // ACCESS channels
    parameter int SESS_AW = 6,            // log2 of the session table depth
    parameter int FRAME_DEPTH_LOG2 = 8,   // NET receive frame FIFO beats, log2
    parameter int CH_DEPTH_LOG2 = 8,      // each channel's transmit FIFO beats, log2
    parameter int ACC_DEPTH_LOG2 = 8,     // each ACCESS receive buffer's words, log2
    // ID.BUILD_ID: the RTL's git revision, generated (hw/card_regs.mk)
    parameter logic [31:0] BUILD_ID = l2tp_card_build_pkg::BUILD_ID,
    localparam int CNT_INC_W = 8,
    localparam int CNT_SLOTS = l2tp_card_pkg::CARD_CNT_SLOTS
) (
    input  wire logic                     clk,
    input  wire logic                     rst,

    input  wire logic [DATA_W*8-1:0]      s_net_tdata,
    input  wire logic [DATA_W-1:0]        s_net_tkeep,
    input  wire logic                     s_net_tvalid,
    output      logic                     s_net_tready,
    input  wire logic                     s_net_tlast,

    output      logic [DATA_W*8-1:0]      m_net_tdata,
    output      logic [DATA_W-1:0]        m_net_tkeep,
    output      logic                     m_net_tvalid,
    input  wire logic                     m_net_tready,
    output      logic                     m_net_tlast,

    input  wire logic [N_CH*8-1:0]        s_acc_tdata,
    input  wire logic [N_CH-1:0]          s_acc_tvalid,
    output      logic [N_CH-1:0]          s_acc_tready,

    output      logic [N_CH*8-1:0]        m_acc_tdata,
    output      logic [N_CH-1:0]          m_acc_tvalid,
    input  wire logic [N_CH-1:0]          m_acc_tready,

    output      logic [DATA_W*8-1:0]      m_punt_tdata,
    output      logic [DATA_W-1:0]        m_punt_tkeep,
    output      logic                     m_punt_tvalid,
    input  wire logic                     m_punt_tready,
    output      logic                     m_punt_tlast,
    output      logic [7:0]               m_punt_tuser_reason,   // PUNT_DESC META reason
    output      logic [15:0]              m_punt_tuser_session,
    output      logic [7:0]               m_punt_tuser_channel,
    output      logic [1:0]               m_punt_tuser_kind,     // DISPATCH_PUNT_KIND_*

    input  wire logic [DATA_W*8-1:0]      s_inject_tdata,
    input  wire logic [DATA_W-1:0]        s_inject_tkeep,
    input  wire logic                     s_inject_tvalid,
    output      logic                     s_inject_tready,
    input  wire logic                     s_inject_tlast,
    input  wire logic [1:0]               s_inject_tuser_kind,   // CARD_INJECT_KIND_*
    input  wire logic [15:0]              s_inject_tuser_target, // channel or session
    input  wire logic [15:0]              s_inject_tuser_len,    // frame octets

    input  wire logic                     reg_wr_en,
    input  wire logic                     reg_rd_en,
    input  wire logic [15:0]              reg_addr,
    input  wire logic [31:0]              reg_wdata,
    output      logic [31:0]              reg_rdata,
    output      logic                     reg_rd_valid,

    // From the PCIe shell (card_dma): its status and counter pulses, which
    // the CNT block of card_regs counts (regmap CNT 0xA4..0xB0, 0xB8).
    input  wire logic                     dma_error,
    input  wire logic                     shell_cnt_punt_frames,
    input  wire logic                     shell_cnt_punt_ring_full,
    input  wire logic                     shell_cnt_punt_too_long,
    input  wire logic                     shell_cnt_inject_frames,
    input  wire logic                     shell_cnt_inject_bad_desc,
    // CTRL.RESET in progress (card_regs' dp_soft_rst), for the shell's
    // card_dma soft_rst (hw/l2tp_card.sv).
    output      logic                     soft_rst
);
    localparam int W8 = DATA_W * 8;
    localparam int ENT_W = l2tp_card_pkg::SESS_ENTRY_W;
    // Punt stream tuser: {kind[2], channel[8], session[16], reason[8]}.
    localparam int PUNT_USER_W = 34;

    initial begin
        if (DATA_W != 8 && DATA_W != 16)
            $error("l2tp_card_core: DATA_W %0d is not 8 or 16", DATA_W);
        if (N_CH < 1 || N_CH > 63 || SESS_AW < 2 || SESS_AW > 16)
            $error("l2tp_card_core: N_CH %0d (1..63) or SESS_AW %0d (2..16) out of range",
                   N_CH, SESS_AW);
    end

    // ------------------------------------------------------------------
    // Registers and reset
    // ------------------------------------------------------------------
    logic                 dp_soft_rst, dp_enable, blk_rst;
    logic [15:0]          cfg_l2tp_port, cfg_unbound_mru;
    logic [31:0]          cfg_local_ip, cfg_unbound_accm;
    logic [47:0]          cfg_local_mac;
    logic [4:0]           cfg_policy;
    logic                 commit_valid, commit_zero_counters, clear_valid, sess_rd_valid;
    logic [SESS_AW-1:0]   commit_index, clear_index, sess_rd_index;
    logic [ENT_W-1:0]     commit_entry, tbl_rd_entry;
    logic [31:0]          commit_seq;
    logic [15:0]          rx_rd_nr, tx_rd_ns;
    logic [31:0]          rx_rd_packets, rx_rd_drops, rx_rd_out_of_order, tx_rd_packets;
    logic [63:0]          rx_rd_bytes, tx_rd_bytes;
    logic [CNT_SLOTS*CNT_INC_W-1:0] cnt_inc;

    assign blk_rst = rst | dp_soft_rst;
    assign soft_rst = dp_soft_rst;

    card_regs #(
        .DATA_W(DATA_W), .N_CH(N_CH), .SESS_AW(SESS_AW), .BUILD_ID(BUILD_ID),
        .CNT_INC_W(CNT_INC_W)
    ) u_regs (
        .clk, .rst,
        .reg_wr_en, .reg_rd_en, .reg_addr, .reg_wdata, .reg_rdata, .reg_rd_valid,
        .dma_error, .dp_soft_rst, .dp_enable,
        .cfg_l2tp_port, .cfg_local_ip, .cfg_local_mac, .cfg_policy,
        .cfg_unbound_mru, .cfg_unbound_accm,
        .commit_valid, .commit_index, .commit_entry, .commit_seq, .commit_zero_counters,
        .clear_valid, .clear_index, .sess_rd_valid, .sess_rd_index,
        .tbl_rd_entry, .rx_rd_nr, .rx_rd_packets, .rx_rd_bytes, .rx_rd_drops,
        .rx_rd_out_of_order, .tx_rd_ns, .tx_rd_packets, .tx_rd_bytes,
        .cnt_inc
    );

    // The encapsulation template carries the MACs per session; the DP
    // block's LOCAL_MAC is for the host (the shell's ARP), not the datapath.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [47:0] unused_local_mac;
    logic        unused_sess_rd_valid;
    /* verilator lint_on UNUSEDSIGNAL */
    assign unused_local_mac = cfg_local_mac;
    assign unused_sess_rd_valid = sess_rd_valid;

    // ------------------------------------------------------------------
    // Session table
    // ------------------------------------------------------------------
    logic                 a_req_valid, b_req_valid;
    logic [SESS_AW-1:0]   a_req_index, b_req_index;
    logic [ENT_W-1:0]     a_entry, b_entry;
    logic [N_CH-1:0]      chan_bound, chan_fcs32;
    logic [N_CH*SESS_AW-1:0] chan_sess;
    logic [N_CH*32-1:0]   chan_rx_accm;
    logic [N_CH*16-1:0]   chan_mru;
    logic                 ev_chan_steal, ev_bad_channel;  // CNT SESS_CHAN_STEAL, SESS_BAD_CHANNEL

    session_table #(.SESS_AW(SESS_AW), .N_CH(N_CH)) u_table (
        .clk, .rst(blk_rst),
        .commit_valid, .commit_index, .commit_entry, .clear_valid, .clear_index,
        .a_req_valid, .a_req_index, .a_entry,
        .b_req_valid, .b_req_index, .b_entry,
        .rd_index(sess_rd_index), .rd_entry(tbl_rd_entry),
        .unbound_mru(cfg_unbound_mru), .unbound_accm(cfg_unbound_accm),
        .chan_bound, .chan_sess, .chan_rx_accm, .chan_mru, .chan_fcs32,
        .ev_chan_steal, .ev_bad_channel
    );

    // ------------------------------------------------------------------
    // NET receive: parser -> session_lookup -> net_rx_dispatch -> framers
    // ------------------------------------------------------------------
    logic [W8-1:0]        p_net_tdata;
    logic [DATA_W-1:0]    p_net_tkeep;
    logic                 p_net_tvalid, p_net_tready, p_net_tlast, parser_s_tready;
    logic                 pd_tvalid, pd_tready;
    logic [1:0]           pd_verdict;
    logic [3:0]           pd_reason;
    logic [15:0]          pd_l2tp_flags, pd_tunnel_id, pd_session_id, pd_ns;
    logic [15:0]          pd_payload_off, pd_payload_len;
    /* verilator lint_off UNUSEDSIGNAL */
    // Descriptor fields the datapath does not act on (the host sees the
    // whole frame when it needs them).
    logic                 pd_vlan_present;
    logic [15:0]          pd_vlan_tci, pd_udp_src, pd_udp_dst, pd_nr, pd_frame_len;
    logic [47:0]          pd_src_mac;
    logic [31:0]          pd_ip_src, pd_ip_dst;
    /* verilator lint_on UNUSEDSIGNAL */

    assign s_net_tready = parser_s_tready & dp_enable;

    net_rx_parser #(.DATA_W(DATA_W)) u_parser (
        .clk, .rst(blk_rst),
        .cfg_l2tp_port, .cfg_local_ip,
        .cfg_local_ip_en(cfg_policy[l2tp_card_pkg::POLICY_MATCH_LOCAL_IP]),
        .s_net_tdata, .s_net_tkeep, .s_net_tvalid(s_net_tvalid & dp_enable),
        .s_net_tready(parser_s_tready), .s_net_tlast,
        .m_net_tdata(p_net_tdata), .m_net_tkeep(p_net_tkeep), .m_net_tvalid(p_net_tvalid),
        .m_net_tready(p_net_tready), .m_net_tlast(p_net_tlast),
        .m_desc_tvalid(pd_tvalid), .m_desc_tready(pd_tready),
        .m_desc_verdict(pd_verdict), .m_desc_reason(pd_reason),
        .m_desc_vlan_present(pd_vlan_present), .m_desc_vlan_tci(pd_vlan_tci),
        .m_desc_src_mac(pd_src_mac), .m_desc_ip_src(pd_ip_src), .m_desc_ip_dst(pd_ip_dst),
        .m_desc_udp_src(pd_udp_src), .m_desc_udp_dst(pd_udp_dst),
        .m_desc_l2tp_flags(pd_l2tp_flags), .m_desc_tunnel_id(pd_tunnel_id),
        .m_desc_session_id(pd_session_id), .m_desc_ns(pd_ns), .m_desc_nr(pd_nr),
        .m_desc_payload_off(pd_payload_off), .m_desc_payload_len(pd_payload_len),
        .m_desc_frame_len(pd_frame_len)
    );

    logic                 ld_tvalid, ld_tready, ld_fcs32;
    logic [1:0]           ld_action;
    logic [7:0]           ld_reason, ld_channel;
    logic [15:0]          ld_session, ld_payload_off, ld_payload_len;
    logic [31:0]          ld_accm;
    logic                 cnt_rx_valid, cnt_sess_unknown, cnt_sess_wrong_tunnel;
    logic                 cnt_sess_out_of_order;
    logic [3:0]           cnt_rx_reason;

    session_lookup #(.SESS_AW(SESS_AW), .N_CH(N_CH)) u_lookup (
        .clk, .rst(blk_rst),
        .cfg_policy,
        .s_desc_tvalid(pd_tvalid), .s_desc_tready(pd_tready),
        .s_desc_verdict(pd_verdict), .s_desc_reason(pd_reason),
        .s_desc_l2tp_flags(pd_l2tp_flags), .s_desc_tunnel_id(pd_tunnel_id),
        .s_desc_session_id(pd_session_id), .s_desc_ns(pd_ns),
        .s_desc_payload_off(pd_payload_off), .s_desc_payload_len(pd_payload_len),
        .a_req_valid, .a_req_index, .a_entry,
        .chan_bound, .chan_sess,
        .commit_valid, .commit_index, .commit_seq, .commit_zero_counters,
        .clear_valid, .clear_index,
        .rd_index(sess_rd_index), .rd_nr(rx_rd_nr), .rd_packets(rx_rd_packets),
        .rd_bytes(rx_rd_bytes), .rd_drops(rx_rd_drops), .rd_out_of_order(rx_rd_out_of_order),
        .m_desc_tvalid(ld_tvalid), .m_desc_tready(ld_tready),
        .m_desc_action(ld_action), .m_desc_reason(ld_reason),
        .m_desc_session(ld_session), .m_desc_channel(ld_channel),
        .m_desc_fcs32(ld_fcs32), .m_desc_accm(ld_accm),
        .m_desc_payload_off(ld_payload_off), .m_desc_payload_len(ld_payload_len),
        .cnt_rx_valid, .cnt_rx_reason,
        .cnt_sess_unknown, .cnt_sess_wrong_tunnel, .cnt_sess_out_of_order
    );

    // Inject demux outputs (below) used here.
    logic [W8-1:0]        inj_tdata;
    logic [DATA_W-1:0]    inj_tkeep;
    logic                 inj_tlast;
    logic                 inj_ch_tvalid, inj_ch_tready;
    logic                 inj_sess_tvalid, inj_sess_tready;
    logic                 inj_net_tvalid, inj_net_tready;
    logic                 inj_bad;

    logic [W8-1:0]        dp_tdata;
    logic [DATA_W-1:0]    dp_tkeep;
    logic                 dp_tvalid, dp_tready, dp_tlast;
    logic [7:0]           dp_reason, dp_channel;
    logic [15:0]          dp_session;
    logic [1:0]           dp_kind;
    logic [N_CH*8-1:0]    ch_tdata;
    logic [N_CH-1:0]      ch_tvalid, ch_tready, ch_tlast, ch_fcs32;
    logic [N_CH*32-1:0]   ch_accm;
    /* verilator lint_off UNUSEDSIGNAL */
    // Dispatch pulses that are not drops of their own (DROP is counted by
    // session_lookup's reason already; punts and deliveries are counted at
    // the shell and by the per-session counters).
    logic                 d_cnt_drop;
    logic                 d_cnt_punt_frame, d_cnt_host_ppp, d_cnt_chan_ppp, d_cnt_inject_frame;
    logic [7:0]           d_cnt_drop_reason;
    /* verilator lint_on UNUSEDSIGNAL */
    logic                 d_cnt_chan_fifo_full, d_cnt_inject_bad;
    logic                 d_cnt_frame_fifo_full, d_cnt_bad_channel;

    // A host PPP frame for a channel is framed with the bound session's FCS
    // mode and with every control octet escaped (the unbound ACCM): RFC 1662
    // §7.1, LCP packets go with the default ACCM, and an extra escape is
    // always understood by the peer.
    logic                 inj_ch_fcs32;
    always_comb begin
        inj_ch_fcs32 = 1'b0;
        for (int c = 0; c < N_CH; c++)
            if (s_inject_tuser_target == 16'(c))
                inj_ch_fcs32 = chan_fcs32[c];
    end

    net_rx_dispatch #(
        .DATA_W(DATA_W), .N_CH(N_CH),
        .FRAME_DEPTH_LOG2(FRAME_DEPTH_LOG2), .CH_DEPTH_LOG2(CH_DEPTH_LOG2)
    ) u_dispatch (
        .clk, .rst(blk_rst),
        .s_net_tdata(p_net_tdata), .s_net_tkeep(p_net_tkeep), .s_net_tvalid(p_net_tvalid),
        .s_net_tready(p_net_tready), .s_net_tlast(p_net_tlast),
        .s_desc_tvalid(ld_tvalid), .s_desc_tready(ld_tready),
        .s_desc_action(ld_action), .s_desc_reason(ld_reason),
        .s_desc_session(ld_session), .s_desc_channel(ld_channel),
        .s_desc_fcs32(ld_fcs32), .s_desc_accm(ld_accm),
        .s_desc_payload_off(ld_payload_off), .s_desc_payload_len(ld_payload_len),
        .s_inject_ppp_tdata(inj_tdata), .s_inject_ppp_tkeep(inj_tkeep),
        .s_inject_ppp_tvalid(inj_ch_tvalid), .s_inject_ppp_tready(inj_ch_tready),
        .s_inject_ppp_tlast(inj_tlast),
        // A target beyond 255 is out of range at any N_CH: 255 makes
        // dispatch refuse it (cnt_inject_bad) whenever N_CH <= 255.
        .s_inject_ppp_tuser_channel(s_inject_tuser_target[15:8] != 8'd0 ? 8'hFF
                                    : s_inject_tuser_target[7:0]),
        .s_inject_ppp_tuser_fcs32(inj_ch_fcs32),
        .s_inject_ppp_tuser_accm(cfg_unbound_accm),
        .m_punt_tdata(dp_tdata), .m_punt_tkeep(dp_tkeep), .m_punt_tvalid(dp_tvalid),
        .m_punt_tready(dp_tready), .m_punt_tlast(dp_tlast),
        .m_punt_tuser_reason(dp_reason), .m_punt_tuser_session(dp_session),
        .m_punt_tuser_channel(dp_channel), .m_punt_tuser_kind(dp_kind),
        .m_ch_tdata(ch_tdata), .m_ch_tvalid(ch_tvalid), .m_ch_tready(ch_tready),
        .m_ch_tlast(ch_tlast), .m_ch_fcs32(ch_fcs32), .m_ch_accm(ch_accm),
        .cnt_drop(d_cnt_drop), .cnt_drop_reason(d_cnt_drop_reason),
        .cnt_frame_fifo_full(d_cnt_frame_fifo_full), .cnt_chan_fifo_full(d_cnt_chan_fifo_full),
        .cnt_bad_channel(d_cnt_bad_channel), .cnt_punt_frame(d_cnt_punt_frame),
        .cnt_host_ppp(d_cnt_host_ppp), .cnt_chan_ppp(d_cnt_chan_ppp),
        .cnt_inject_frame(d_cnt_inject_frame), .cnt_inject_bad(d_cnt_inject_bad)
    );

    // One framer per channel. Flags are not shared (cfg_share_flag 0): every
    // frame is exactly RFC 1662's flag, body, FCS, flag, whatever the gap.
    for (genvar c = 0; c < N_CH; c++) begin : g_framer
        hdlc_framer u_framer (
            .clk, .rst(blk_rst),
            .cfg_fcs32(ch_fcs32[c]), .cfg_accm(ch_accm[c*32 +: 32]), .cfg_share_flag(1'b0),
            .s_tdata(ch_tdata[c*8 +: 8]), .s_tvalid(ch_tvalid[c]), .s_tready(ch_tready[c]),
            .s_tlast(ch_tlast[c]),
            .m_tdata(m_acc_tdata[c*8 +: 8]), .m_tvalid(m_acc_tvalid[c]),
            .m_tready(m_acc_tready[c])
        );
    end

    // ------------------------------------------------------------------
    // ACCESS receive: deframers -> buffers -> arbiter -> encap_builder
    // ------------------------------------------------------------------
    logic [N_CH*8-1:0]    df_tdata;
    logic [N_CH-1:0]      df_tvalid, df_tready, df_tlast, df_s_tready;
    logic [N_CH*3-1:0]    df_tuser;
    logic [N_CH-1:0]      df_ev_valid, df_ev_accm_discard, ab_cnt_overflow;
    logic [N_CH*3-1:0]    df_ev_code;
    logic [N_CH*W8-1:0]   ab_tdata;
    logic [N_CH*DATA_W-1:0] ab_tkeep;
    logic [N_CH-1:0]      ab_tvalid, ab_tready, ab_tlast;
    logic [N_CH*16-1:0]   ab_len;

    for (genvar c = 0; c < N_CH; c++) begin : g_access_rx
        hdlc_deframer u_deframer (
            .clk, .rst(blk_rst),
            .cfg_fcs32(chan_fcs32[c]), .cfg_accm(chan_rx_accm[c*32 +: 32]),
            .cfg_mru(chan_mru[c*16 +: 16]),
            .s_tdata(s_acc_tdata[c*8 +: 8]), .s_tvalid(s_acc_tvalid[c] & dp_enable),
            .s_tready(df_s_tready[c]),
            .m_tdata(df_tdata[c*8 +: 8]), .m_tvalid(df_tvalid[c]), .m_tready(df_tready[c]),
            .m_tlast(df_tlast[c]), .m_tuser(df_tuser[c*3 +: 3]),
            .ev_valid(df_ev_valid[c]), .ev_code(df_ev_code[c*3 +: 3]),
            .ev_accm_discard(df_ev_accm_discard[c])
        );
        // Disabled, the line's octets are taken and discarded.
        assign s_acc_tready[c] = dp_enable ? df_s_tready[c] : 1'b1;

        access_rx_buffer #(.DATA_W(DATA_W), .DEPTH_LOG2(ACC_DEPTH_LOG2)) u_buffer (
            .clk, .rst(blk_rst),
            .s_tdata(df_tdata[c*8 +: 8]), .s_tvalid(df_tvalid[c]), .s_tready(df_tready[c]),
            .s_tlast(df_tlast[c]), .s_tuser(df_tuser[c*3 +: 3]),
            .m_tdata(ab_tdata[c*W8 +: W8]), .m_tkeep(ab_tkeep[c*DATA_W +: DATA_W]),
            .m_tvalid(ab_tvalid[c]), .m_tready(ab_tready[c]), .m_tlast(ab_tlast[c]),
            .m_len(ab_len[c*16 +: 16]),
            .cnt_overflow(ab_cnt_overflow[c])
        );
    end

    logic [W8-1:0]        ar_tdata;
    logic [DATA_W-1:0]    ar_tkeep;
    logic                 ar_tvalid, ar_tready, ar_tlast, ar_kind;
    logic [15:0]          ar_id, ar_len;

    access_rx_arbiter #(.DATA_W(DATA_W), .N_CH(N_CH)) u_arbiter (
        .clk, .rst(blk_rst),
        .s_ch_tdata(ab_tdata), .s_ch_tkeep(ab_tkeep), .s_ch_tvalid(ab_tvalid),
        .s_ch_tready(ab_tready), .s_ch_tlast(ab_tlast), .s_ch_len(ab_len),
        .s_inj_tdata(inj_tdata), .s_inj_tkeep(inj_tkeep), .s_inj_tvalid(inj_sess_tvalid),
        .s_inj_tready(inj_sess_tready), .s_inj_tlast(inj_tlast),
        .s_inj_session(s_inject_tuser_target), .s_inj_len(s_inject_tuser_len),
        .m_tdata(ar_tdata), .m_tkeep(ar_tkeep), .m_tvalid(ar_tvalid), .m_tready(ar_tready),
        .m_tlast(ar_tlast), .m_tuser_kind(ar_kind), .m_tuser_id(ar_id), .m_tuser_len(ar_len)
    );

    logic [W8-1:0]        en_tdata, ep_tdata;
    logic [DATA_W-1:0]    en_tkeep, ep_tkeep;
    logic                 en_tvalid, en_tready, en_tlast;
    logic                 ep_tvalid, ep_tready, ep_tlast;
    /* verilator lint_off UNUSEDSIGNAL */
    logic [15:0]          ep_channel;       // below N_CH <= 63: bits 15:8 are 0
    logic [15:0]          ep_len;           // the shell measures punt frames itself
    logic                 e_cnt_tx_frame, e_cnt_punt;  // not drops (NET_TX_FRAMES, PUNT_FRAMES)
    /* verilator lint_on UNUSEDSIGNAL */
    logic                 e_cnt_drop_no_session, e_cnt_len_mismatch;

    encap_builder #(.DATA_W(DATA_W), .N_CH(N_CH), .SESS_AW(SESS_AW)) u_encap (
        .clk, .rst(blk_rst),
        .s_tdata(ar_tdata), .s_tkeep(ar_tkeep), .s_tvalid(ar_tvalid), .s_tready(ar_tready),
        .s_tlast(ar_tlast), .s_tuser_kind(ar_kind), .s_tuser_id(ar_id), .s_tuser_len(ar_len),
        .chan_bound, .chan_sess,
        .sess_req_valid(b_req_valid), .sess_req_index(b_req_index), .sess_entry(b_entry),
        .commit_valid, .commit_index, .commit_seq, .commit_zero_counters,
        .rd_index(sess_rd_index), .rd_tx_packets(tx_rd_packets), .rd_tx_bytes(tx_rd_bytes),
        .rd_ns(tx_rd_ns),
        .m_net_tdata(en_tdata), .m_net_tkeep(en_tkeep), .m_net_tvalid(en_tvalid),
        .m_net_tready(en_tready), .m_net_tlast(en_tlast),
        .m_punt_tdata(ep_tdata), .m_punt_tkeep(ep_tkeep), .m_punt_tvalid(ep_tvalid),
        .m_punt_tready(ep_tready), .m_punt_tlast(ep_tlast),
        .m_punt_channel(ep_channel), .m_punt_len(ep_len),
        .cnt_tx_frame(e_cnt_tx_frame), .cnt_punt(e_cnt_punt),
        .cnt_drop_no_session(e_cnt_drop_no_session), .cnt_len_mismatch(e_cnt_len_mismatch)
    );

    // ------------------------------------------------------------------
    // Host inject demux (combinational: tuser is held for the whole frame)
    // ------------------------------------------------------------------
    logic inj_kind_net, inj_kind_ch, inj_kind_sess;
    assign inj_kind_net = s_inject_tuser_kind == l2tp_card_pkg::CARD_INJECT_KIND_NET[1:0];
    assign inj_kind_ch = s_inject_tuser_kind == l2tp_card_pkg::CARD_INJECT_KIND_CHANNEL_PPP[1:0];
    assign inj_kind_sess = s_inject_tuser_kind == l2tp_card_pkg::CARD_INJECT_KIND_SESSION_PPP[1:0];
    assign inj_tdata = s_inject_tdata;
    assign inj_tkeep = s_inject_tkeep;
    assign inj_tlast = s_inject_tlast;
    assign inj_net_tvalid = s_inject_tvalid & inj_kind_net;
    assign inj_ch_tvalid = s_inject_tvalid & inj_kind_ch;
    assign inj_sess_tvalid = s_inject_tvalid & inj_kind_sess;
    assign s_inject_tready = inj_kind_net ? inj_net_tready
                           : inj_kind_ch ? inj_ch_tready
                           : inj_kind_sess ? inj_sess_tready
                           : 1'b1;      // kind 0: consumed, counted
    assign inj_bad = s_inject_tvalid & s_inject_tlast & ~inj_kind_net & ~inj_kind_ch
                   & ~inj_kind_sess;

    // ------------------------------------------------------------------
    // NET transmit: encapsulated frames (input 0) and host raw frames (1)
    // ------------------------------------------------------------------
    /* verilator lint_off UNUSEDSIGNAL */
    logic       nt_tuser;
    logic       nt_tsel;
    /* verilator lint_on UNUSEDSIGNAL */
    logic [W8-1:0]     nt_tdata;
    logic [DATA_W-1:0] nt_tkeep;
    logic              nt_tvalid, nt_tready, nt_tlast;

    stream_frame_arbiter #(.N(2), .DATA_W(DATA_W), .USER_W(1)) u_net_tx (
        .clk, .rst(blk_rst),
        .s_tdata({s_inject_tdata, en_tdata}), .s_tkeep({s_inject_tkeep, en_tkeep}),
        .s_tvalid({inj_net_tvalid, en_tvalid}), .s_tready({inj_net_tready, en_tready}),
        .s_tlast({s_inject_tlast, en_tlast}), .s_tuser(2'b00),
        .m_tdata(nt_tdata), .m_tkeep(nt_tkeep), .m_tvalid(nt_tvalid),
        .m_tready(nt_tready), .m_tlast(nt_tlast), .m_tuser(nt_tuser), .m_tsel(nt_tsel)
    );

    // m_net stays frame-atomic across CTRL.RESET (regmap CTRL): the soft
    // reset clears u_net_tx, so a frame whose first beats already left would
    // never get its tlast and the MAC would glue them to the next frame.
    // net_open_reg notes a frame in progress on m_net (a beat taken without
    // tlast; only the hard reset clears it). When the soft reset acts while
    // it is set, net_close_reg offers one closing beat (one octet 00, tlast)
    // before anything else: m_net has no error sideband, so the frame is
    // merely truncated, and its IPv4 total length and UDP length no longer
    // match what arrives, so the peer drops it (RFC 791, RFC 768).
    logic net_open_reg, net_open_next, net_close_reg, net_close_next;

    assign m_net_tdata = net_close_reg ? '0 : nt_tdata;
    assign m_net_tkeep = net_close_reg ? {{(DATA_W-1){1'b0}}, 1'b1} : nt_tkeep;
    assign m_net_tvalid = net_close_reg | nt_tvalid;
    assign m_net_tlast = net_close_reg | nt_tlast;
    assign nt_tready = m_net_tready & ~net_close_reg;

    always_comb begin
        net_open_next = net_open_reg;
        net_close_next = net_close_reg;
        if (m_net_tvalid && m_net_tready) begin
            net_open_next = !m_net_tlast;
            net_close_next = 1'b0;
        end
        if (dp_soft_rst && net_open_next)
            net_close_next = 1'b1;
        if (rst) begin
            net_open_next = 1'b0;
            net_close_next = 1'b0;
        end
    end

    always_ff @(posedge clk) begin
        net_open_reg <= net_open_next;
        net_close_reg <= net_close_next;
    end

    // ------------------------------------------------------------------
    // Punt merge: NET receive punts (input 0) and unbound-channel PPP (1)
    // ------------------------------------------------------------------
    logic [PUNT_USER_W-1:0] pu_dispatch, pu_encap, pu_out;
    /* verilator lint_off UNUSEDSIGNAL */
    logic                   pu_tsel;
    /* verilator lint_on UNUSEDSIGNAL */
    assign pu_dispatch = {dp_kind, dp_channel, dp_session, dp_reason};
    assign pu_encap = {l2tp_card_pkg::DISPATCH_PUNT_KIND_PPP, ep_channel[7:0], 16'd0,
                       5'd0, l2tp_card_pkg::PUNT_CHANNEL_PPP};

    stream_frame_arbiter #(.N(2), .DATA_W(DATA_W), .USER_W(PUNT_USER_W)) u_punt (
        .clk, .rst(blk_rst),
        .s_tdata({ep_tdata, dp_tdata}), .s_tkeep({ep_tkeep, dp_tkeep}),
        .s_tvalid({ep_tvalid, dp_tvalid}), .s_tready({ep_tready, dp_tready}),
        .s_tlast({ep_tlast, dp_tlast}), .s_tuser({pu_encap, pu_dispatch}),
        .m_tdata(m_punt_tdata), .m_tkeep(m_punt_tkeep), .m_tvalid(m_punt_tvalid),
        .m_tready(m_punt_tready), .m_tlast(m_punt_tlast), .m_tuser(pu_out), .m_tsel(pu_tsel)
    );
    assign {m_punt_tuser_kind, m_punt_tuser_channel, m_punt_tuser_session,
            m_punt_tuser_reason} = pu_out;

    // ------------------------------------------------------------------
    // Counter increments (regmap CNT; slot k counts at 0x40 + 4k)
    // ------------------------------------------------------------------
    localparam int SLOT_SESS_UNKNOWN = 16;
    localparam int SLOT_SESS_WRONG_TUNNEL = 17;
    localparam int SLOT_SESS_OUT_OF_ORDER = 18;
    localparam int SLOT_CHAN_FIFO_FULL = 19;
    localparam int SLOT_HDLC_BAD_FCS = 20;
    localparam int SLOT_HDLC_ABORT = 21;
    localparam int SLOT_HDLC_RUNT = 22;
    localparam int SLOT_HDLC_TOO_LONG = 23;
    localparam int SLOT_HDLC_ACCM_DISCARD = 24;
    localparam int SLOT_PUNT_FRAMES = 25;
    localparam int SLOT_PUNT_RING_FULL = 26;
    localparam int SLOT_INJECT_FRAMES = 27;
    localparam int SLOT_INJECT_BAD_DESC = 28;
    localparam int SLOT_NET_TX_FRAMES = 29;
    localparam int SLOT_PUNT_TOO_LONG = 30;
    localparam int SLOT_NET_RX_FRAME_FIFO_FULL = 31;
    localparam int SLOT_DISPATCH_BAD_CHANNEL = 32;
    localparam int SLOT_SESS_CHAN_STEAL = 33;
    localparam int SLOT_SESS_BAD_CHANNEL = 34;
    localparam int SLOT_ENCAP_LEN_MISMATCH = 35;
    localparam int SLOT_ACCESS_RX_OVERFLOW = 36;

    logic net_tx_done;
    assign net_tx_done = nt_tvalid & nt_tready & nt_tlast;   // not the closing beat

    always_comb begin
        logic [CNT_INC_W-1:0] bad_fcs, abort, runt, too_long, accm, overflow;
        bad_fcs = '0;
        abort = '0;
        runt = '0;
        too_long = '0;
        accm = '0;
        overflow = '0;
        for (int c = 0; c < N_CH; c++) begin
            if (df_ev_valid[c]) begin
                if (df_ev_code[c*3 +: 3] == l2tp_card_pkg::HDLC_RX_BAD_FCS)
                    bad_fcs = bad_fcs + 1'b1;
                if (df_ev_code[c*3 +: 3] == l2tp_card_pkg::HDLC_RX_ABORT)
                    abort = abort + 1'b1;
                if (df_ev_code[c*3 +: 3] == l2tp_card_pkg::HDLC_RX_RUNT)
                    runt = runt + 1'b1;
                if (df_ev_code[c*3 +: 3] == l2tp_card_pkg::HDLC_RX_TOO_LONG)
                    too_long = too_long + 1'b1;
            end
            if (df_ev_accm_discard[c])
                accm = accm + 1'b1;
            if (ab_cnt_overflow[c])
                overflow = overflow + 1'b1;
        end
        cnt_inc = '0;
        for (int r = 0; r < l2tp_card_pkg::CARD_CNT_HOLE; r++)
            if (cnt_rx_valid && cnt_rx_reason == 4'(r))
                cnt_inc[r*CNT_INC_W +: CNT_INC_W] = 1;
        cnt_inc[SLOT_SESS_UNKNOWN*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(cnt_sess_unknown);
        cnt_inc[SLOT_SESS_WRONG_TUNNEL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(cnt_sess_wrong_tunnel);
        cnt_inc[SLOT_SESS_OUT_OF_ORDER*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(cnt_sess_out_of_order);
        cnt_inc[SLOT_CHAN_FIFO_FULL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(d_cnt_chan_fifo_full);
        cnt_inc[SLOT_HDLC_BAD_FCS*CNT_INC_W +: CNT_INC_W] = bad_fcs;
        cnt_inc[SLOT_HDLC_ABORT*CNT_INC_W +: CNT_INC_W] = abort;
        cnt_inc[SLOT_HDLC_RUNT*CNT_INC_W +: CNT_INC_W] = runt;
        cnt_inc[SLOT_HDLC_TOO_LONG*CNT_INC_W +: CNT_INC_W] = too_long;
        cnt_inc[SLOT_HDLC_ACCM_DISCARD*CNT_INC_W +: CNT_INC_W] = accm;
        cnt_inc[SLOT_PUNT_FRAMES*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(shell_cnt_punt_frames);
        cnt_inc[SLOT_PUNT_RING_FULL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(shell_cnt_punt_ring_full);
        cnt_inc[SLOT_INJECT_FRAMES*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(shell_cnt_inject_frames);
        // Refused by the shell, or by the core: a kind it does not know, a
        // channel beyond N_CH, a session whose entry is not valid.
        cnt_inc[SLOT_INJECT_BAD_DESC*CNT_INC_W +: CNT_INC_W] =
            CNT_INC_W'(shell_cnt_inject_bad_desc) + CNT_INC_W'(inj_bad)
            + CNT_INC_W'(d_cnt_inject_bad) + CNT_INC_W'(e_cnt_drop_no_session);
        cnt_inc[SLOT_NET_TX_FRAMES*CNT_INC_W +: CNT_INC_W] =
            CNT_INC_W'(net_tx_done);
        cnt_inc[SLOT_PUNT_TOO_LONG*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(shell_cnt_punt_too_long);
        // Every other drop or refusal a block can make (regmap CNT 0xBC..0xD0).
        cnt_inc[SLOT_NET_RX_FRAME_FIFO_FULL*CNT_INC_W +: CNT_INC_W] =
            CNT_INC_W'(d_cnt_frame_fifo_full);
        cnt_inc[SLOT_DISPATCH_BAD_CHANNEL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(d_cnt_bad_channel);
        cnt_inc[SLOT_SESS_CHAN_STEAL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(ev_chan_steal);
        cnt_inc[SLOT_SESS_BAD_CHANNEL*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(ev_bad_channel);
        cnt_inc[SLOT_ENCAP_LEN_MISMATCH*CNT_INC_W +: CNT_INC_W] = CNT_INC_W'(e_cnt_len_mismatch);
        cnt_inc[SLOT_ACCESS_RX_OVERFLOW*CNT_INC_W +: CNT_INC_W] = overflow;
    end
endmodule

`resetall
