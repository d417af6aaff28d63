`resetall
`default_nettype none

// NET receive dispatch: the frame FIFO, the per-frame decision and the
// per-channel transmit FIFOs (hw/ARCHITECTURE.md, NET receive path, step 3).
//
//   s_net (parser pass-through) -> net_rx_frame_fifo (whole frames)
//   s_desc (session_lookup, one per frame, in order) --+
//        head frame + its descriptor -> decision at the frame's first beat:
//          DROP        every beat discarded, cnt_drop (+ reason)
//          PUNT_FRAME  every beat to m_punt, kind NET, untouched
//          HOST_PPP    payload lanes realigned into packed beats on m_punt,
//                      kind PPP (the frame exactly as carried)
//          CHAN_PPP    payload lanes of each beat into channel c's
//                      net_rx_chan_fifo, if the whole payload fits and no
//                      host-injected frame is being written there; else the
//                      frame is dropped (cnt_chan_fifo_full): NET never waits
//                      for a slow channel
//   s_inject_ppp (host PPP frames for a channel) -> the same channel FIFOs,
//        frame-atomically: a channel is owned by one writer from a frame's
//        first to its last beat; NET wins a tie in the same cycle; injected
//        frames wait (backpressure) for space and for the channel.
//   channel FIFOs -> m_ch_* : one octet stream per channel, with the frame's
//        FCS mode and transmit ACCM, for an hdlc_framer each. The framers are
//        instantiated by the card top (l2tp_card_core), not here, so this
//        block is tested without them.
//
// Throughput: one NET beat per cycle in and out of the frame FIFO, frames
// back to back, for every action, when m_punt is ready and nothing is full.
// The only bubble: a HOST_PPP frame whose realigned tail needs one more
// beat (flush) delays the next frame's first beat by one cycle when that
// beat itself goes to m_punt (PUNT_FRAME, or HOST_PPP payload).
//
// Descriptor rules (all in hw/ARCHITECTURE.md): payload_len 0 delivers
// nothing (counted as cnt_drop with the descriptor's reason); a frame that
// ends before payload_off + payload_len ends its PPP frame at the NET
// frame's last beat (the parser never passes such a frame as data).
module net_rx_dispatch #(
    parameter int DATA_W = 8,             // NET octets per beat (a power of two)
    parameter int N_CH = 4,               // ACCESS channels (at most 256)
    parameter int FRAME_DEPTH_LOG2 = 5,   // frame FIFO: 2**n beats
    parameter int CH_DEPTH_LOG2 = 4       // each channel FIFO: 2**n beats
) (
    input  wire                   clk,
    input  wire                   rst,

    // the parser's pass-through frames (net_rx_parser m_net_*)
    input  wire [DATA_W*8-1:0]    s_net_tdata,
    input  wire [DATA_W-1:0]      s_net_tkeep,
    input  wire                   s_net_tvalid,
    output logic                  s_net_tready,
    input  wire                   s_net_tlast,

    // resolved descriptors (session_lookup)
    input  wire                   s_desc_tvalid,
    output logic                  s_desc_tready,
    input  wire [1:0]             s_desc_action,     // DISPATCH_ACTION_*
    input  wire [7:0]             s_desc_reason,
    input  wire [15:0]            s_desc_session,
    input  wire [7:0]             s_desc_channel,
    input  wire                   s_desc_fcs32,
    input  wire [31:0]            s_desc_accm,
    input  wire [15:0]            s_desc_payload_off,
    input  wire [15:0]            s_desc_payload_len,

    // host-injected PPP frames for a channel (packed beats; tuser sampled
    // with the first beat)
    input  wire [DATA_W*8-1:0]    s_inject_ppp_tdata,
    input  wire [DATA_W-1:0]      s_inject_ppp_tkeep,
    input  wire                   s_inject_ppp_tvalid,
    output logic                  s_inject_ppp_tready,
    input  wire                   s_inject_ppp_tlast,
    input  wire [7:0]             s_inject_ppp_tuser_channel,
    input  wire                   s_inject_ppp_tuser_fcs32,
    input  wire [31:0]            s_inject_ppp_tuser_accm,

    // frames to the host
    output logic [DATA_W*8-1:0]   m_punt_tdata,
    output logic [DATA_W-1:0]     m_punt_tkeep,
    output logic                  m_punt_tvalid,
    input  wire                   m_punt_tready,
    output logic                  m_punt_tlast,
    output logic [7:0]            m_punt_tuser_reason,
    output logic [15:0]           m_punt_tuser_session,
    output logic [7:0]            m_punt_tuser_channel,
    output logic [1:0]            m_punt_tuser_kind,   // DISPATCH_PUNT_KIND_*

    // one PPP octet stream per channel, to the channel's hdlc_framer
    output logic [N_CH*8-1:0]     m_ch_tdata,
    output logic [N_CH-1:0]       m_ch_tvalid,
    input  wire  [N_CH-1:0]       m_ch_tready,
    output logic [N_CH-1:0]       m_ch_tlast,
    output logic [N_CH-1:0]       m_ch_fcs32,          // framer cfg_fcs32
    output logic [N_CH*32-1:0]    m_ch_accm,           // framer cfg_accm

    // counter events, one-cycle pulses
    output logic                  cnt_drop,            // action DROP (or empty payload)
    output logic [7:0]            cnt_drop_reason,
    output logic                  cnt_frame_fifo_full, // frame too big for the frame FIFO
    output logic                  cnt_chan_fifo_full,  // CHAN_FIFO_FULL
    output logic                  cnt_bad_channel,     // CHAN_PPP to channel >= N_CH
    output logic                  cnt_punt_frame,
    output logic                  cnt_host_ppp,
    output logic                  cnt_chan_ppp,
    output logic                  cnt_inject_frame,
    output logic                  cnt_inject_bad       // injected frame for channel >= N_CH
);
    localparam int LANE_W = $clog2(DATA_W);
    localparam int BEAT_W = 17 - LANE_W;      // beat index of a 65535 + DATA_W octet span
    localparam int CH_FREE_W = CH_DEPTH_LOG2 + 1;

    // What the block does with the frame being read (decided at its first beat).
    localparam logic [1:0] MODE_DISCARD = 2'd0;
    localparam logic [1:0] MODE_PUNT = 2'd1;
    localparam logic [1:0] MODE_HOST = 2'd2;
    localparam logic [1:0] MODE_CHAN = 2'd3;

    initial begin
        if (DATA_W < 2 || DATA_W > 32 || (DATA_W & (DATA_W - 1)) != 0) begin
            $error("net_rx_dispatch: DATA_W %0d is not a power of two in 2..32", DATA_W);
            $finish;
        end
        if (N_CH < 1 || N_CH > 256) begin
            $error("net_rx_dispatch: N_CH %0d is outside 1..256", N_CH);
            $finish;
        end
    end

    // ---- frame FIFO
    logic [DATA_W*8-1:0] f_tdata;
    logic [DATA_W-1:0]   f_tkeep;
    logic                f_tvalid, f_tready, f_tlast, f_tdrop;

    net_rx_frame_fifo #(
        .DATA_W(DATA_W),
        .DEPTH_LOG2(FRAME_DEPTH_LOG2)
    ) u_frame_fifo (
        .clk(clk),
        .rst(rst),
        .s_tdata(s_net_tdata),
        .s_tkeep(s_net_tkeep),
        .s_tvalid(s_net_tvalid),
        .s_tready(s_net_tready),
        .s_tlast(s_net_tlast),
        .m_tdata(f_tdata),
        .m_tkeep(f_tkeep),
        .m_tvalid(f_tvalid),
        .m_tready(f_tready),
        .m_tlast(f_tlast),
        .m_tdrop(f_tdrop),
        .ev_overflow(cnt_frame_fifo_full)
    );

    // ---- registers
    logic              cur_active_reg, cur_active_next;   // a frame's first beat is read
    logic [1:0]        cur_mode_reg, cur_mode_next;
    logic [7:0]        cur_reason_reg, cur_reason_next;
    logic [15:0]       cur_session_reg, cur_session_next;
    logic [7:0]        cur_channel_reg, cur_channel_next;
    logic              cur_fcs32_reg, cur_fcs32_next;
    logic [31:0]       cur_accm_reg, cur_accm_next;
    logic [BEAT_W-1:0] cur_first_reg, cur_first_next;     // beats holding the payload
    logic [BEAT_W-1:0] cur_last_reg, cur_last_next;
    logic [LANE_W-1:0] cur_lo_reg, cur_lo_next;           // its first lane in cur_first
    logic [LANE_W-1:0] cur_hi_reg, cur_hi_next;           // its last lane in cur_last
    logic [BEAT_W-1:0] beat_idx_reg, beat_idx_next;       // of the next beat of the frame

    logic [DATA_W*8-1:0] pend_data_reg, pend_data_next;   // realigner: octets not yet out
    logic [LANE_W-1:0]   pend_cnt_reg, pend_cnt_next;     // (zero above pend_cnt)
    logic                flush_reg, flush_next;           // pend is a frame's last beat

    logic [DATA_W*8-1:0] m_punt_tdata_reg, m_punt_tdata_next;
    logic [DATA_W-1:0]   m_punt_tkeep_reg, m_punt_tkeep_next;
    logic                m_punt_tvalid_reg, m_punt_tvalid_next;
    logic                m_punt_tlast_reg, m_punt_tlast_next;
    logic [7:0]          m_punt_reason_reg, m_punt_reason_next;
    logic [15:0]         m_punt_session_reg, m_punt_session_next;
    logic [7:0]          m_punt_channel_reg, m_punt_channel_next;
    logic [1:0]          m_punt_kind_reg, m_punt_kind_next;

    logic                inj_active_reg, inj_active_next; // an injected frame is half written
    logic [7:0]          inj_chan_reg, inj_chan_next;

    assign m_punt_tdata = m_punt_tdata_reg;
    assign m_punt_tkeep = m_punt_tkeep_reg;
    assign m_punt_tvalid = m_punt_tvalid_reg;
    assign m_punt_tlast = m_punt_tlast_reg;
    assign m_punt_tuser_reason = m_punt_reason_reg;
    assign m_punt_tuser_session = m_punt_session_reg;
    assign m_punt_tuser_channel = m_punt_channel_reg;
    assign m_punt_tuser_kind = m_punt_kind_reg;

    // ---- channel FIFOs: one write bus from NET, one from inject
    logic [N_CH*CH_FREE_W-1:0] ch_free;
    logic [N_CH-1:0]     ch_sel_inj;                      // channel c written by inject
    logic [N_CH-1:0]     ch_wr_en;
    logic [DATA_W*8-1:0] net_wr_data, inj_wr_data;
    logic [LANE_W-1:0]   net_wr_lo, net_wr_hi, inj_wr_hi;
    logic                net_wr_last, net_wr_first, inj_wr_last, inj_wr_first;
    logic                net_wr_fcs32, inj_wr_fcs32;
    logic [31:0]         net_wr_accm, inj_wr_accm;

    for (genvar c = 0; c < N_CH; c++) begin : g_ch
        net_rx_chan_fifo #(
            .DATA_W(DATA_W),
            .DEPTH_LOG2(CH_DEPTH_LOG2)
        ) u_fifo (
            .clk(clk),
            .rst(rst),
            .wr_en(ch_wr_en[c]),
            .wr_data(ch_sel_inj[c] ? inj_wr_data : net_wr_data),
            .wr_lo(ch_sel_inj[c] ? LANE_W'(0) : net_wr_lo),
            .wr_hi(ch_sel_inj[c] ? inj_wr_hi : net_wr_hi),
            .wr_last(ch_sel_inj[c] ? inj_wr_last : net_wr_last),
            .wr_first(ch_sel_inj[c] ? inj_wr_first : net_wr_first),
            .wr_acf(!ch_sel_inj[c]),       // host frames go out exactly as given
            .wr_fcs32(ch_sel_inj[c] ? inj_wr_fcs32 : net_wr_fcs32),
            .wr_accm(ch_sel_inj[c] ? inj_wr_accm : net_wr_accm),
            .free_cnt(ch_free[c*CH_FREE_W +: CH_FREE_W]),
            .m_tdata(m_ch_tdata[c*8 +: 8]),
            .m_tvalid(m_ch_tvalid[c]),
            .m_tready(m_ch_tready[c]),
            .m_tlast(m_ch_tlast[c]),
            .m_fcs32(m_ch_fcs32[c]),
            .m_accm(m_ch_accm[c*32 +: 32])
        );
    end

    // Free entries of channel ch (0 for a channel that does not exist).
    function automatic logic [CH_FREE_W-1:0] free_of(input logic [N_CH*CH_FREE_W-1:0] v,
                                                     input logic [7:0] ch);
        free_of = '0;
        for (int c = 0; c < N_CH; c++)
            if (ch == 8'(c))
                free_of = v[c*CH_FREE_W +: CH_FREE_W];
    endfunction

    // Octets lo..hi of a beat moved down to lane 0, the rest zero.
    function automatic logic [DATA_W*8-1:0] lanes(input logic [DATA_W*8-1:0] d,
                                                  input logic [LANE_W-1:0] lo,
                                                  input logic [LANE_W-1:0] hi);
        logic [DATA_W*8-1:0] s;
        s = d >> {lo, 3'b000};
        for (int i = 0; i < DATA_W; i++)
            if (LANE_W'(i) > hi - lo)
                s[i*8 +: 8] = 8'h00;
        lanes = s;
    endfunction

    always_comb begin
        // the descriptor at s_desc, decoded for a frame starting now
        logic [16:0]       d_end;
        logic [BEAT_W-1:0] d_first, d_last, d_n;
        logic [1:0]        d_mode;
        logic              d_empty, d_bad_ch, d_full;
        // the frame being read, whether it starts now or not
        logic [1:0]        e_mode;
        logic [BEAT_W-1:0] e_first, e_last, idx;
        logic [LANE_W-1:0] e_lo, e_hi, b_lo, b_hi;
        logic [7:0]        e_channel;
        logic              have_beat, in_pl, pl_end, punt_can, beat_can, pop, start;
        // realigner
        logic [DATA_W*16-1:0] comb;
        logic [LANE_W:0]   n, tot;
        // inject
        logic [7:0]        inj_ch;
        logic              inj_bad, inj_fire, net_busy;
        logic [LANE_W:0]   inj_cnt;

        cur_active_next = cur_active_reg;
        cur_mode_next = cur_mode_reg;
        cur_reason_next = cur_reason_reg;
        cur_session_next = cur_session_reg;
        cur_channel_next = cur_channel_reg;
        cur_fcs32_next = cur_fcs32_reg;
        cur_accm_next = cur_accm_reg;
        cur_first_next = cur_first_reg;
        cur_last_next = cur_last_reg;
        cur_lo_next = cur_lo_reg;
        cur_hi_next = cur_hi_reg;
        beat_idx_next = beat_idx_reg;
        pend_data_next = pend_data_reg;
        pend_cnt_next = pend_cnt_reg;
        flush_next = flush_reg;
        m_punt_tdata_next = m_punt_tdata_reg;
        m_punt_tkeep_next = m_punt_tkeep_reg;
        m_punt_tlast_next = m_punt_tlast_reg;
        m_punt_reason_next = m_punt_reason_reg;
        m_punt_session_next = m_punt_session_reg;
        m_punt_channel_next = m_punt_channel_reg;
        m_punt_kind_next = m_punt_kind_reg;
        inj_active_next = inj_active_reg;
        inj_chan_next = inj_chan_reg;

        cnt_drop = 1'b0;
        cnt_drop_reason = s_desc_reason;
        cnt_chan_fifo_full = 1'b0;
        cnt_bad_channel = 1'b0;
        cnt_punt_frame = 1'b0;
        cnt_host_ppp = 1'b0;
        cnt_chan_ppp = 1'b0;
        cnt_inject_frame = 1'b0;
        cnt_inject_bad = 1'b0;

        // ---- decision for a frame that would start now
        d_end = {1'b0, s_desc_payload_off} + {1'b0, s_desc_payload_len} - 17'd1;
        d_first = BEAT_W'(s_desc_payload_off >> LANE_W);
        d_last = BEAT_W'(d_end >> LANE_W);
        d_n = d_last - d_first + 1'b1;
        d_empty = s_desc_payload_len == 16'd0;
        d_bad_ch = {24'd0, s_desc_channel} >= N_CH;
        d_full = (inj_active_reg && inj_chan_reg == s_desc_channel)
            || {{(32 - BEAT_W){1'b0}}, d_n}
               > {{(32 - CH_FREE_W){1'b0}}, free_of(ch_free, s_desc_channel)};
        if (f_tdrop || s_desc_action == l2tp_card_pkg::DISPATCH_ACTION_DROP)
            d_mode = MODE_DISCARD;
        else if (s_desc_action == l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME)
            d_mode = MODE_PUNT;
        else if (d_empty)
            d_mode = MODE_DISCARD;
        else if (s_desc_action == l2tp_card_pkg::DISPATCH_ACTION_HOST_PPP)
            d_mode = MODE_HOST;
        else if (d_bad_ch || d_full)
            d_mode = MODE_DISCARD;
        else
            d_mode = MODE_CHAN;

        e_mode = cur_active_reg ? cur_mode_reg : d_mode;
        e_first = cur_active_reg ? cur_first_reg : d_first;
        e_last = cur_active_reg ? cur_last_reg : d_last;
        e_lo = cur_active_reg ? cur_lo_reg : s_desc_payload_off[LANE_W-1:0];
        e_hi = cur_active_reg ? cur_hi_reg : d_end[LANE_W-1:0];
        e_channel = cur_active_reg ? cur_channel_reg : s_desc_channel;
        idx = cur_active_reg ? beat_idx_reg : '0;

        // ---- the head beat
        have_beat = f_tvalid && (cur_active_reg || s_desc_tvalid);
        in_pl = idx >= e_first && idx <= e_last;
        pl_end = idx == e_last || f_tlast;
        b_lo = idx == e_first ? e_lo : '0;
        b_hi = idx == e_last ? e_hi : LANE_W'(DATA_W - 1);
        punt_can = !m_punt_tvalid_reg || m_punt_tready;
        case (e_mode)
            MODE_PUNT: beat_can = punt_can && !flush_reg;
            MODE_HOST: beat_can = !in_pl || (punt_can && !flush_reg);
            default:   beat_can = 1'b1;
        endcase
        pop = have_beat && beat_can;
        start = pop && !cur_active_reg;
        f_tready = pop;
        s_desc_tready = f_tvalid && !cur_active_reg && beat_can;

        if (pop) begin
            cur_active_next = !f_tlast;
            beat_idx_next = f_tlast ? '0 : idx + 1'b1;
        end
        if (start) begin
            cur_mode_next = d_mode;
            cur_reason_next = s_desc_reason;
            cur_session_next = s_desc_session;
            cur_channel_next = s_desc_channel;
            cur_fcs32_next = s_desc_fcs32;
            cur_accm_next = s_desc_accm;
            cur_first_next = d_first;
            cur_last_next = d_last;
            cur_lo_next = s_desc_payload_off[LANE_W-1:0];
            cur_hi_next = d_end[LANE_W-1:0];
            // counters, once per frame; an overflow marker was counted by
            // the frame FIFO
            if (!f_tdrop) begin
                case (s_desc_action)
                    l2tp_card_pkg::DISPATCH_ACTION_DROP: cnt_drop = 1'b1;
                    l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME: cnt_punt_frame = 1'b1;
                    l2tp_card_pkg::DISPATCH_ACTION_HOST_PPP: begin
                        cnt_drop = d_empty;
                        cnt_host_ppp = !d_empty;
                    end
                    default: begin
                        cnt_drop = d_empty;
                        cnt_bad_channel = !d_empty && d_bad_ch;
                        cnt_chan_fifo_full = !d_empty && !d_bad_ch && d_full;
                        cnt_chan_ppp = d_mode == MODE_CHAN;
                    end
                endcase
            end
        end

        // ---- channel writes from NET
        net_wr_data = f_tdata;
        net_wr_lo = b_lo;
        net_wr_hi = b_hi;
        net_wr_last = pl_end;
        net_wr_first = idx == e_first;
        net_wr_fcs32 = cur_active_reg ? cur_fcs32_reg : s_desc_fcs32;
        net_wr_accm = cur_active_reg ? cur_accm_reg : s_desc_accm;
        ch_wr_en = '0;
        ch_sel_inj = '0;
        for (int c = 0; c < N_CH; c++)
            if (pop && e_mode == MODE_CHAN && in_pl && e_channel == 8'(c))
                ch_wr_en[c] = 1'b1;

        // ---- the punt output register
        m_punt_tvalid_next = m_punt_tvalid_reg && !m_punt_tready;
        if (flush_reg && punt_can) begin
            m_punt_tdata_next = pend_data_reg;
            m_punt_tkeep_next = DATA_W'((1 << pend_cnt_reg) - 1);
            m_punt_tlast_next = 1'b1;
            m_punt_tvalid_next = 1'b1;
            pend_data_next = '0;
            pend_cnt_next = '0;
            flush_next = 1'b0;
        end
        n = {1'b0, b_hi} - {1'b0, b_lo} + 1'b1;
        tot = {1'b0, pend_cnt_reg} + n;
        comb = {{DATA_W*8{1'b0}}, pend_data_reg}
             | ({{DATA_W*8{1'b0}}, lanes(f_tdata, b_lo, b_hi)} << {pend_cnt_reg, 3'b000});
        if (pop && e_mode == MODE_PUNT) begin
            m_punt_tdata_next = f_tdata;
            m_punt_tkeep_next = f_tkeep;
            m_punt_tlast_next = f_tlast;
            m_punt_tvalid_next = 1'b1;
            m_punt_kind_next = l2tp_card_pkg::DISPATCH_PUNT_KIND_NET;
        end
        if (pop && e_mode == MODE_HOST && in_pl) begin
            m_punt_kind_next = l2tp_card_pkg::DISPATCH_PUNT_KIND_PPP;
            if (tot >= (LANE_W + 1)'(DATA_W)) begin
                m_punt_tdata_next = comb[DATA_W*8-1:0];
                m_punt_tkeep_next = '1;
                m_punt_tlast_next = pl_end && tot == (LANE_W + 1)'(DATA_W);
                m_punt_tvalid_next = 1'b1;
                pend_data_next = comb[DATA_W*16-1:DATA_W*8];
                pend_cnt_next = LANE_W'(tot - (LANE_W + 1)'(DATA_W));
                flush_next = pl_end && tot != (LANE_W + 1)'(DATA_W);
            end else if (pl_end) begin
                m_punt_tdata_next = comb[DATA_W*8-1:0];
                m_punt_tkeep_next = DATA_W'((1 << tot) - 1);
                m_punt_tlast_next = 1'b1;
                m_punt_tvalid_next = 1'b1;
                pend_data_next = '0;
                pend_cnt_next = '0;
            end else begin
                pend_data_next = comb[DATA_W*8-1:0];
                pend_cnt_next = LANE_W'(tot);
            end
        end
        if (pop && (e_mode == MODE_PUNT || (e_mode == MODE_HOST && in_pl))) begin
            m_punt_reason_next = cur_active_reg ? cur_reason_reg : s_desc_reason;
            m_punt_session_next = cur_active_reg ? cur_session_reg : s_desc_session;
            m_punt_channel_next = e_channel;
        end

        // ---- host-injected frames
        inj_ch = inj_active_reg ? inj_chan_reg : s_inject_ppp_tuser_channel;
        inj_bad = {24'd0, inj_ch} >= N_CH;
        net_busy = (cur_active_reg && cur_mode_reg == MODE_CHAN && cur_channel_reg == inj_ch)
            || (start && d_mode == MODE_CHAN && s_desc_channel == inj_ch);
        s_inject_ppp_tready = inj_bad || (free_of(ch_free, inj_ch) != '0 && !net_busy);
        inj_fire = s_inject_ppp_tvalid && s_inject_ppp_tready;
        inj_cnt = '0;
        for (int i = 0; i < DATA_W; i++)
            inj_cnt = inj_cnt + (LANE_W + 1)'(s_inject_ppp_tkeep[i]);
        inj_wr_data = s_inject_ppp_tdata;
        // a beat without octets (against the rules) is taken as one octet
        inj_wr_hi = inj_cnt == '0 ? '0 : LANE_W'(inj_cnt - 1'b1);
        inj_wr_last = s_inject_ppp_tlast;
        inj_wr_first = !inj_active_reg;
        inj_wr_fcs32 = s_inject_ppp_tuser_fcs32;
        inj_wr_accm = s_inject_ppp_tuser_accm;
        if (inj_fire) begin
            inj_active_next = !s_inject_ppp_tlast;
            inj_chan_next = inj_ch;
            cnt_inject_frame = !inj_active_reg && !inj_bad;
            cnt_inject_bad = !inj_active_reg && inj_bad;
            for (int c = 0; c < N_CH; c++)
                if (!inj_bad && inj_ch == 8'(c)) begin
                    ch_wr_en[c] = 1'b1;
                    ch_sel_inj[c] = 1'b1;
                end
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            cur_active_reg <= 1'b0;
            cur_mode_reg <= MODE_DISCARD;
            cur_reason_reg <= 8'h00;
            cur_session_reg <= 16'h0000;
            cur_channel_reg <= 8'h00;
            cur_fcs32_reg <= 1'b0;
            cur_accm_reg <= 32'h0;
            cur_first_reg <= '0;
            cur_last_reg <= '0;
            cur_lo_reg <= '0;
            cur_hi_reg <= '0;
            beat_idx_reg <= '0;
            pend_data_reg <= '0;
            pend_cnt_reg <= '0;
            flush_reg <= 1'b0;
            m_punt_tdata_reg <= '0;
            m_punt_tkeep_reg <= '0;
            m_punt_tvalid_reg <= 1'b0;
            m_punt_tlast_reg <= 1'b0;
            m_punt_reason_reg <= 8'h00;
            m_punt_session_reg <= 16'h0000;
            m_punt_channel_reg <= 8'h00;
            m_punt_kind_reg <= 2'd0;
            inj_active_reg <= 1'b0;
            inj_chan_reg <= 8'h00;
        end else begin
            cur_active_reg <= cur_active_next;
            cur_mode_reg <= cur_mode_next;
            cur_reason_reg <= cur_reason_next;
            cur_session_reg <= cur_session_next;
            cur_channel_reg <= cur_channel_next;
            cur_fcs32_reg <= cur_fcs32_next;
            cur_accm_reg <= cur_accm_next;
            cur_first_reg <= cur_first_next;
            cur_last_reg <= cur_last_next;
            cur_lo_reg <= cur_lo_next;
            cur_hi_reg <= cur_hi_next;
            beat_idx_reg <= beat_idx_next;
            pend_data_reg <= pend_data_next;
            pend_cnt_reg <= pend_cnt_next;
            flush_reg <= flush_next;
            m_punt_tdata_reg <= m_punt_tdata_next;
            m_punt_tkeep_reg <= m_punt_tkeep_next;
            m_punt_tvalid_reg <= m_punt_tvalid_next;
            m_punt_tlast_reg <= m_punt_tlast_next;
            m_punt_reason_reg <= m_punt_reason_next;
            m_punt_session_reg <= m_punt_session_next;
            m_punt_channel_reg <= m_punt_channel_next;
            m_punt_kind_reg <= m_punt_kind_next;
            inj_active_reg <= inj_active_next;
            inj_chan_reg <= inj_chan_next;
        end
    end
endmodule

`resetall
