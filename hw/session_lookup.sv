`resetall
`default_nettype none

// NET receive session lookup: resolves each descriptor of net_rx_parser into
// what net_rx_dispatch does with the frame, and owns the receive-side
// per-session state (Nr and the counters, ARCHITECTURE.md "Internal
// interfaces").
//
//   cycle t    descriptor accepted; session_table port A asked for the entry
//              indexed by the local session ID (direct-indexed)
//   cycle t+1  stage 1: entry on a_entry, per-session state read; resolution
//              computed and written into the result FIFO, state written back
//   cycle t+2  the result at the FIFO head on m_desc_*
//
// One descriptor per cycle, no bubble: s_desc_tready depends on registers
// only and is high while the 3-entry result FIFO has room for the frame in
// stage 1 and the one being accepted.
//
// Resolution (cfg_policy = DP.POLICY, sampled in stage 1):
//   control (T=1)                 -> PUNT_FRAME (PUNT_CONTROL), untouched
//   not for us                    -> PUNT_FRAME (PUNT_NOT_FOR_US) or DROP
//   malformed: fragment           -> PUNT_FRAME (PUNT_FRAGMENT) or DROP
//   malformed: other              -> PUNT_FRAME (PUNT_MALFORMED) or DROP
//   data, session unknown         -> PUNT_FRAME (PUNT_UNKNOWN_SESSION) or DROP
//     (ID 0, beyond the table, entry not VALID, entry for another local
//     session ID, or bound to a channel the channel table gives to another
//     session: a later COMMIT took it, session_table)
//   data, tunnel ID not the entry's local tunnel ID -> DROP (wrong tunnel)
//   data, SEQ_RX and S, Ns older than Nr           -> DROP (out of order)
//   data, bound to the host       -> HOST_PPP (PUNT_SESSION_PPP), LNS mode
//   data, bound to a channel      -> CHAN_PPP with its FCS mode and ACCM
// m_desc_reason, as net_rx_dispatch takes it: for DROP the CNT counter
// index (the parser's reason, or 16/17/18 for SESS_UNKNOWN /
// SESS_WRONG_TUNNEL / SESS_OUT_OF_ORDER), for PUNT_FRAME and HOST_PPP the
// PUNT_DESC META reason (PUNT_*), 0 for CHAN_PPP.
//
// Sequencing, RFC 2661 §5.4: with SEQ_RX set and S present, Ns is compared
// with Nr using §5.8's modulo-2^16 "less than" (Ns in the 32767 values before
// Nr): older is dropped; equal or ahead is accepted and Nr := Ns + 1. Any
// Ns != Nr counts out of order. Without S (or without SEQ_RX) nothing is
// checked.
//
// Per-session state (Nr, packets and PPP octets delivered, drops, out of
// order) lives in a RAM with one writer, stage 1: it is read synchronously
// when the descriptor is accepted (port P) and written at the end of
// stage 1. The write of the previous edge, which that read could not see,
// is forwarded (wb_*), so back-to-back packets of one session each see
// their predecessor's Nr and counts. COMMIT and CLEAR do not write that RAM:
// they set the session's fresh flag, with zero (counters read as zero) and
// clr_nr (Nr reads 0) or the COMMIT's Nr in a second RAM (init_mem, one
// writer, forwarded the same way); stage 1 folds them into the state it
// writes back. So: a COMMIT sets Nr := commit_seq[15:0] and zeroes the
// counters only with commit_zero_counters; a CLEAR sets Nr := 0 and keeps
// the counters (READ after CLEAR gives the session's totals); a COMMIT or
// CLEAR in the cycle a packet of that session is in stage 1 comes after
// that packet. Reset: every session reads Nr 0 and zero counters. Index 0
// is never touched. rd_index -> rd_* is the READ snapshot one cycle later
// (port R, forwarded likewise), the state after that cycle's writes.
//
// Counter events, one cycle after stage 1: cnt_rx_valid with the parser's
// reason for every frame, and one pulse per session fault.
module session_lookup #(
    parameter int SESS_AW = 6,
    parameter int N_CH = 4
) (
    input  wire                                  clk,
    input  wire                                  rst,

    input  wire [4:0]                            cfg_policy,      // DP.POLICY

    input  wire                                  s_desc_tvalid,
    output logic                                 s_desc_tready,
    input  wire [1:0]                            s_desc_verdict,
    input  wire [3:0]                            s_desc_reason,
    input  wire [15:0]                           s_desc_l2tp_flags,
    input  wire [15:0]                           s_desc_tunnel_id,
    input  wire [15:0]                           s_desc_session_id,
    input  wire [15:0]                           s_desc_ns,
    input  wire [15:0]                           s_desc_payload_off,
    input  wire [15:0]                           s_desc_payload_len,

    output logic                                 a_req_valid,
    output logic [SESS_AW-1:0]                   a_req_index,
    // The whole entry and the whole ENT_SEQ word are the shared interface
    // (session_table, card_regs); this block reads only some of their fields.
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [l2tp_card_pkg::SESS_ENTRY_W-1:0] a_entry,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [N_CH-1:0]                       chan_bound,
    input  wire [N_CH*SESS_AW-1:0]               chan_sess,

    input  wire                                  commit_valid,
    input  wire [SESS_AW-1:0]                    commit_index,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [31:0]                           commit_seq,      // ENT_SEQ: 15:0 Nr
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                                  commit_zero_counters,
    input  wire                                  clear_valid,
    input  wire [SESS_AW-1:0]                    clear_index,

    input  wire [SESS_AW-1:0]                    rd_index,
    output logic [15:0]                          rd_nr,
    output logic [31:0]                          rd_packets,
    output logic [63:0]                          rd_bytes,
    output logic [31:0]                          rd_drops,
    output logic [31:0]                          rd_out_of_order,

    // resolved descriptor to net_rx_dispatch (ARCHITECTURE.md "session_lookup
    // -> net_rx_dispatch ports")
    output logic                                 m_desc_tvalid,
    input  wire                                  m_desc_tready,
    output logic [1:0]                           m_desc_action,   // DISPATCH_ACTION_*
    output logic [7:0]                           m_desc_reason,   // DROP: CNT index; punts: PUNT_*
    output logic [15:0]                          m_desc_session,
    output logic [7:0]                           m_desc_channel,
    output logic                                 m_desc_fcs32,
    output logic [31:0]                          m_desc_accm,     // transmit ACCM
    output logic [15:0]                          m_desc_payload_off,
    output logic [15:0]                          m_desc_payload_len,

    output logic                                 cnt_rx_valid,
    output logic [3:0]                           cnt_rx_reason,
    output logic                                 cnt_sess_unknown,
    output logic                                 cnt_sess_wrong_tunnel,
    output logic                                 cnt_sess_out_of_order
);
    localparam int DEPTH = 1 << SESS_AW;
    localparam int FIFO_DEPTH = 3;
    localparam int ST_W = 16 + 32 + 64 + 32 + 32;
    // one FIFO entry: action, reason, session, channel, fcs32, transmit ACCM,
    // payload offset and length
    localparam int RES_W = 2 + 8 + 16 + 8 + 1 + 32 + 16 + 16;

    initial begin
        if (SESS_AW < 1 || SESS_AW > 16) begin
            $error("session_lookup: SESS_AW %0d is outside 1..16", SESS_AW);
            $finish;
        end
        if (N_CH < 1 || N_CH > 256) begin
            $error("session_lookup: N_CH %0d is outside 1..256", N_CH);
            $finish;
        end
    end

    // A session's state as the RAMs and its flags give it: st is st_mem's
    // word (forwarded), init init_mem's.
    function automatic logic [ST_W-1:0] state_of(
        input logic [ST_W-1:0] st, input logic [15:0] init,
        input logic fresh, input logic zero, input logic clr_nr);
        logic [ST_W-1:0] v;
        v = st;
        if (fresh) begin
            v[ST_W-1 -: 16] = clr_nr ? 16'd0 : init;
            if (zero)
                v[ST_W-17:0] = '0;
        end
        state_of = v;
    endfunction

    // ---- registers
    logic                 s1_valid_reg, s1_valid_next;
    logic [1:0]           s1_verdict_reg, s1_verdict_next;
    logic [3:0]           s1_reason_reg, s1_reason_next;
    logic [15:0]          s1_flags_reg, s1_flags_next;
    logic [15:0]          s1_tunnel_reg, s1_tunnel_next;
    logic [15:0]          s1_session_reg, s1_session_next;
    logic [15:0]          s1_ns_reg, s1_ns_next;
    logic [15:0]          s1_off_reg, s1_off_next;
    logic [15:0]          s1_len_reg, s1_len_next;

    // Per-session state: st_mem {Nr, packets, bytes, drops, out of order},
    // written by stage 1 only; init_mem, the Nr of the last COMMIT, written by
    // COMMIT only. Both are RAMs with one write port and two synchronous read
    // ports (P: the session of the descriptor being accepted, R: rd_index),
    // read-first. Per session, three flag bits say how to read them:
    // fresh (a COMMIT, CLEAR or reset came after the last stage-1 write:
    // st_mem is stale), zero (... and the counters are zero) and clr_nr
    // (... and Nr is 0, not init_mem's).
    logic [ST_W-1:0]      st_mem [DEPTH];
    logic [15:0]          init_mem [DEPTH];
    logic                 st_we, init_we;
    logic [ST_W-1:0]      st_wdata;
    logic [ST_W-1:0]      st_p_reg, st_r_reg;       // read ports, one cycle on
    logic [15:0]          init_p_reg, init_r_reg;
    logic [SESS_AW-1:0]   r_idx_reg;
    logic [DEPTH-1:0]     fresh_reg, fresh_next;
    logic [DEPTH-1:0]     zero_reg, zero_next;
    logic [DEPTH-1:0]     clr_nr_reg, clr_nr_next;
    // the RAM writes of the last clock edge, forwarded to this cycle's reads
    // (which were taken at that edge and could not see them)
    logic                 wb_valid_reg, wb_valid_next;
    logic [SESS_AW-1:0]   wb_idx_reg, wb_idx_next;
    logic [ST_W-1:0]      wb_data_reg, wb_data_next;
    logic                 iw_valid_reg, iw_valid_next;
    logic [SESS_AW-1:0]   iw_idx_reg, iw_idx_next;
    logic [15:0]          iw_data_reg, iw_data_next;

    logic [FIFO_DEPTH*RES_W-1:0] fifo_reg, fifo_next;
    logic [1:0]           fifo_rd_reg, fifo_rd_next;
    logic [1:0]           fifo_wr_reg, fifo_wr_next;
    logic [1:0]           fifo_count_reg, fifo_count_next;


    logic                 cnt_rx_valid_reg, cnt_rx_valid_next;
    logic [3:0]           cnt_rx_reason_reg, cnt_rx_reason_next;
    logic                 cnt_unknown_reg, cnt_unknown_next;
    logic                 cnt_wrong_tunnel_reg, cnt_wrong_tunnel_next;
    logic                 cnt_ooo_reg, cnt_ooo_next;

    // ---- stage 1 intermediates
    logic                 accept;
    logic [SESS_AW-1:0]   idx;
    logic [31:0]          e_flags, e_local_ids, e_tx_accm;
    logic [15:0]          e_chan;
    logic                 in_range, chan_owned, known, to_host, seq_check, older;
    logic [15:0]          nr_cur, behind;
    logic [31:0]          pk_cur, dr_cur, oo_cur;
    logic [63:0]          by_cur;
    logic [ST_W-1:0]      st_now;
    logic                 st_we_any;
    logic [1:0]           r_action;
    logic [4:0]           r_cnt;       // CNT index, reported for drops
    logic [2:0]           r_punt;      // PUNT_*, reported for punts
    logic [7:0]           r_reason;
    logic [7:0]           r_channel;
    logic                 r_fcs32;
    logic [31:0]          r_tx_accm;
    logic                 r_unknown, r_wrong_tunnel, r_ooo;
    logic                 pop;
    logic [RES_W-1:0]     head;

    always_comb begin
        // ---- input: ready while the FIFO has room for stage 1 and this one
        s_desc_tready = {1'b0, fifo_count_reg} + {2'b0, s1_valid_reg} <= 3'(FIFO_DEPTH - 1);
        accept = s_desc_tvalid && s_desc_tready;
        a_req_valid = accept;
        a_req_index = s_desc_session_id[SESS_AW-1:0];

        s1_valid_next = accept;
        s1_verdict_next = s1_verdict_reg;
        s1_reason_next = s1_reason_reg;
        s1_flags_next = s1_flags_reg;
        s1_tunnel_next = s1_tunnel_reg;
        s1_session_next = s1_session_reg;
        s1_ns_next = s1_ns_reg;
        s1_off_next = s1_off_reg;
        s1_len_next = s1_len_reg;
        if (accept) begin
            s1_verdict_next = s_desc_verdict;
            s1_reason_next = s_desc_reason;
            s1_flags_next = s_desc_l2tp_flags;
            s1_tunnel_next = s_desc_tunnel_id;
            s1_session_next = s_desc_session_id;
            s1_ns_next = s_desc_ns;
            s1_off_next = s_desc_payload_off;
            s1_len_next = s_desc_payload_len;
        end

        // ---- stage 1: the entry and the session's state
        idx = s1_session_reg[SESS_AW-1:0];
        e_flags = a_entry[l2tp_card_pkg::ENT_WORD_FLAGS*32 +: 32];
        e_local_ids = a_entry[l2tp_card_pkg::ENT_WORD_LOCAL_IDS*32 +: 32];
        e_tx_accm = a_entry[l2tp_card_pkg::ENT_WORD_TX_ACCM*32 +: 32];
        e_chan = a_entry[l2tp_card_pkg::ENT_WORD_BINDING*32 +: 16];
        in_range = ({16'd0, s1_session_reg} >> SESS_AW) == 32'd0;
        chan_owned = 1'b0;
        for (int c = 0; c < N_CH; c++) begin
            if (e_chan == 16'(c) && chan_bound[c] && chan_sess[c*SESS_AW +: SESS_AW] == idx)
                chan_owned = 1'b1;
        end
        to_host = e_flags[l2tp_card_pkg::ENT_FLAG_BIND_HOST];
        known = s1_session_reg != 16'd0 && in_range && e_flags[l2tp_card_pkg::ENT_FLAG_VALID]
                && e_local_ids[15:0] == s1_session_reg && (to_host || chan_owned);

        st_now = state_of(wb_valid_reg && wb_idx_reg == idx ? wb_data_reg : st_p_reg,
                          iw_valid_reg && iw_idx_reg == idx ? iw_data_reg : init_p_reg,
                          fresh_reg[idx], zero_reg[idx], clr_nr_reg[idx]);
        {nr_cur, pk_cur, by_cur, dr_cur, oo_cur} = st_now;
        seq_check = e_flags[l2tp_card_pkg::ENT_FLAG_SEQ_RX]
                    && (s1_flags_reg & l2tp_card_pkg::L2TP_HDR_S) != 16'd0;
        // RFC 2661 §5.8: Ns "less than" Nr when within the 32767 values before
        behind = nr_cur - s1_ns_reg;
        older = behind != 16'd0 && !behind[15];

        r_action = l2tp_card_pkg::DISPATCH_ACTION_DROP;
        r_cnt = {1'b0, s1_reason_reg};
        r_punt = 3'd0;
        r_channel = 8'd0;
        r_fcs32 = 1'b0;
        r_tx_accm = 32'd0;
        r_unknown = 1'b0;
        r_wrong_tunnel = 1'b0;
        r_ooo = 1'b0;
        st_we_any = 1'b0;
        case (s1_verdict_reg)
            l2tp_card_pkg::NET_RX_VERDICT_L2TP_CONTROL: begin
                r_action = l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME;
                r_punt = l2tp_card_pkg::PUNT_CONTROL;
            end
            l2tp_card_pkg::NET_RX_VERDICT_NOT_FOR_US: begin
                if (cfg_policy[l2tp_card_pkg::POLICY_PUNT_NOT_FOR_US]) begin
                    r_action = l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME;
                    r_punt = l2tp_card_pkg::PUNT_NOT_FOR_US;
                end
            end
            l2tp_card_pkg::NET_RX_VERDICT_MALFORMED: begin
                if (s1_reason_reg == l2tp_card_pkg::NET_RX_REASON_FRAGMENT) begin
                    if (cfg_policy[l2tp_card_pkg::POLICY_PUNT_FRAGMENTS]) begin
                        r_action = l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME;
                        r_punt = l2tp_card_pkg::PUNT_FRAGMENT;
                    end
                end else if (cfg_policy[l2tp_card_pkg::POLICY_PUNT_MALFORMED]) begin
                    r_action = l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME;
                    r_punt = l2tp_card_pkg::PUNT_MALFORMED;
                end
            end
            default: begin    // NET_RX_VERDICT_L2TP_DATA
                if (!known) begin
                    r_cnt = l2tp_card_pkg::CNT_REASON_SESS_UNKNOWN;
                    r_unknown = 1'b1;
                    if (cfg_policy[l2tp_card_pkg::POLICY_PUNT_UNKNOWN_SESSION]) begin
                        r_action = l2tp_card_pkg::DISPATCH_ACTION_PUNT_FRAME;
                        r_punt = l2tp_card_pkg::PUNT_UNKNOWN_SESSION;
                    end
                end else if (s1_tunnel_reg != e_local_ids[31:16]) begin
                    r_cnt = l2tp_card_pkg::CNT_REASON_SESS_WRONG_TUNNEL;
                    r_wrong_tunnel = 1'b1;
                    st_we_any = 1'b1;
                    dr_cur = dr_cur + 32'd1;
                end else begin
                    st_we_any = 1'b1;
                    if (seq_check && s1_ns_reg != nr_cur) begin
                        r_ooo = 1'b1;
                        oo_cur = oo_cur + 32'd1;
                    end
                    if (seq_check && older) begin
                        r_cnt = l2tp_card_pkg::CNT_REASON_SESS_OUT_OF_ORDER;
                        dr_cur = dr_cur + 32'd1;
                    end else begin
                        if (seq_check)
                            nr_cur = s1_ns_reg + 16'd1;
                        pk_cur = pk_cur + 32'd1;
                        by_cur = by_cur + {48'd0, s1_len_reg};
                        if (to_host) begin
                            r_action = l2tp_card_pkg::DISPATCH_ACTION_HOST_PPP;
                            r_punt = l2tp_card_pkg::PUNT_SESSION_PPP;
                        end else begin
                            r_action = l2tp_card_pkg::DISPATCH_ACTION_CHAN_PPP;
                            r_channel = e_chan[7:0];   // < N_CH <= 256
                            r_fcs32 = e_flags[l2tp_card_pkg::ENT_FLAG_FCS32];
                            r_tx_accm = e_tx_accm;
                        end
                    end
                end
            end
        endcase

        // dispatch reports the CNT index of a drop and the PUNT_* of a punt
        if (r_action == l2tp_card_pkg::DISPATCH_ACTION_DROP)
            r_reason = {3'd0, r_cnt};
        else
            r_reason = {5'd0, r_punt};

        // ---- per-session state: stage 1's write, then COMMIT, then CLEAR
        st_we = s1_valid_reg && st_we_any;
        st_wdata = {nr_cur, pk_cur, by_cur, dr_cur, oo_cur};
        fresh_next = fresh_reg;
        zero_next = zero_reg;
        clr_nr_next = clr_nr_reg;
        if (st_we)
            fresh_next[idx] = 1'b0;     // st_mem holds the whole state again
        init_we = commit_valid && commit_index != '0;
        if (init_we) begin
            // counters zeroed by an earlier COMMIT no packet has used yet stay so
            zero_next[commit_index] = (fresh_next[commit_index] && zero_next[commit_index])
                                      || commit_zero_counters;
            clr_nr_next[commit_index] = 1'b0;
            fresh_next[commit_index] = 1'b1;
        end
        if (clear_valid && clear_index != '0) begin
            zero_next[clear_index] = fresh_next[clear_index] && zero_next[clear_index];
            clr_nr_next[clear_index] = 1'b1;
            fresh_next[clear_index] = 1'b1;
        end
        wb_valid_next = st_we;
        wb_idx_next = idx;
        wb_data_next = st_wdata;
        iw_valid_next = init_we;
        iw_idx_next = commit_index;
        iw_data_next = commit_seq[15:0];

        // ---- READ snapshot: port R was read at the last edge; the state
        // after that edge's writes
        {rd_nr, rd_packets, rd_bytes, rd_drops, rd_out_of_order} = state_of(
            wb_valid_reg && wb_idx_reg == r_idx_reg ? wb_data_reg : st_r_reg,
            iw_valid_reg && iw_idx_reg == r_idx_reg ? iw_data_reg : init_r_reg,
            fresh_reg[r_idx_reg], zero_reg[r_idx_reg], clr_nr_reg[r_idx_reg]);

        // ---- result FIFO
        pop = fifo_count_reg != 2'd0 && m_desc_tready;
        fifo_next = fifo_reg;
        fifo_wr_next = fifo_wr_reg;
        fifo_rd_next = fifo_rd_reg;
        if (s1_valid_reg) begin
            fifo_next[fifo_wr_reg*RES_W +: RES_W] = {r_action, r_reason, s1_session_reg,
                r_channel, r_fcs32, r_tx_accm, s1_off_reg, s1_len_reg};
            fifo_wr_next = fifo_wr_reg == 2'(FIFO_DEPTH - 1) ? 2'd0 : fifo_wr_reg + 2'd1;
        end
        if (pop)
            fifo_rd_next = fifo_rd_reg == 2'(FIFO_DEPTH - 1) ? 2'd0 : fifo_rd_reg + 2'd1;
        fifo_count_next = fifo_count_reg + {1'b0, s1_valid_reg} - {1'b0, pop};
        head = fifo_reg[fifo_rd_reg*RES_W +: RES_W];
        {m_desc_action, m_desc_reason, m_desc_session, m_desc_channel, m_desc_fcs32,
         m_desc_accm, m_desc_payload_off, m_desc_payload_len} = head;
        m_desc_tvalid = fifo_count_reg != 2'd0;

        // ---- counter events
        cnt_rx_valid_next = s1_valid_reg;
        cnt_rx_reason_next = s1_reason_reg;
        cnt_unknown_next = s1_valid_reg && r_unknown;
        cnt_wrong_tunnel_next = s1_valid_reg && r_wrong_tunnel;
        cnt_ooo_next = s1_valid_reg && r_ooo;
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            s1_valid_reg <= 1'b0;
            s1_verdict_reg <= '0;
            s1_reason_reg <= '0;
            s1_flags_reg <= '0;
            s1_tunnel_reg <= '0;
            s1_session_reg <= '0;
            s1_ns_reg <= '0;
            s1_off_reg <= '0;
            s1_len_reg <= '0;
            // after reset every session reads Nr 0 and zero counters
            fresh_reg <= '1;
            zero_reg <= '1;
            clr_nr_reg <= '1;
            wb_valid_reg <= 1'b0;
            wb_idx_reg <= '0;
            wb_data_reg <= '0;
            iw_valid_reg <= 1'b0;
            iw_idx_reg <= '0;
            iw_data_reg <= '0;
            fifo_reg <= '0;
            fifo_rd_reg <= '0;
            fifo_wr_reg <= '0;
            fifo_count_reg <= '0;
            cnt_rx_valid_reg <= 1'b0;
            cnt_rx_reason_reg <= '0;
            cnt_unknown_reg <= 1'b0;
            cnt_wrong_tunnel_reg <= 1'b0;
            cnt_ooo_reg <= 1'b0;
        end else begin
            s1_valid_reg <= s1_valid_next;
            s1_verdict_reg <= s1_verdict_next;
            s1_reason_reg <= s1_reason_next;
            s1_flags_reg <= s1_flags_next;
            s1_tunnel_reg <= s1_tunnel_next;
            s1_session_reg <= s1_session_next;
            s1_ns_reg <= s1_ns_next;
            s1_off_reg <= s1_off_next;
            s1_len_reg <= s1_len_next;
            fresh_reg <= fresh_next;
            zero_reg <= zero_next;
            clr_nr_reg <= clr_nr_next;
            wb_valid_reg <= wb_valid_next;
            wb_idx_reg <= wb_idx_next;
            wb_data_reg <= wb_data_next;
            iw_valid_reg <= iw_valid_next;
            iw_idx_reg <= iw_idx_next;
            iw_data_reg <= iw_data_next;
            fifo_reg <= fifo_next;
            fifo_rd_reg <= fifo_rd_next;
            fifo_wr_reg <= fifo_wr_next;
            fifo_count_reg <= fifo_count_next;
            cnt_rx_valid_reg <= cnt_rx_valid_next;
            cnt_rx_reason_reg <= cnt_rx_reason_next;
            cnt_unknown_reg <= cnt_unknown_next;
            cnt_wrong_tunnel_reg <= cnt_wrong_tunnel_next;
            cnt_ooo_reg <= cnt_ooo_next;
        end
        // The RAMs and their read registers are not reset (the flags are).
        if (st_we)
            st_mem[idx] <= st_wdata;
        if (init_we)
            init_mem[commit_index] <= commit_seq[15:0];
        st_p_reg <= st_mem[s_desc_session_id[SESS_AW-1:0]];
        init_p_reg <= init_mem[s_desc_session_id[SESS_AW-1:0]];
        st_r_reg <= st_mem[rd_index];
        init_r_reg <= init_mem[rd_index];
        r_idx_reg <= rd_index;
    end

    assign cnt_rx_valid = cnt_rx_valid_reg;
    assign cnt_rx_reason = cnt_rx_reason_reg;
    assign cnt_sess_unknown = cnt_unknown_reg;
    assign cnt_sess_wrong_tunnel = cnt_wrong_tunnel_reg;
    assign cnt_sess_out_of_order = cnt_ooo_reg;
endmodule

`resetall
