`resetall
`default_nettype none

// RFC 1662 §4 HDLC-like deframer for one ACCESS channel: line octets in
// (s_*), PPP frames out (m_*, FCS removed, tlast on the last octet).
//
// Per octet, in the order of host/proto/hdlc_rx.c (the reference):
//   0x7E           a flag: ends the frame in progress (if any) and opens the
//                  next; 0x7D 0x7E is an abort (§4.2)
//   before the first flag, and after reset, everything is discarded (hunt)
//   a control octet flagged in the receive ACCM arrives unescaped: discarded
//                  (§4.2, inserted by line equipment), an escape before it
//                  still applies to the octet after it
//   0x7D           escape: the next octet is XORed with 0x20
//   otherwise      a frame octet (data or FCS); once the frame holds MRU+FCS
//                  octets, further ones make it too long and are dropped
//
// The last FCS-length octets of a frame are its FCS, known only at the
// closing flag, so frame octets pass through a delay line of FCS+1 octets
// (hold_reg): an octet leaves when a newer one pushes it out, and at the
// flag the oldest held octet leaves with tlast while the FCS stays behind.
// A frame with at least FCS+1 octets therefore always ends in a tlast beat;
// m_tuser (valid with tlast) says how it ended (HDLC_RX_* codes): FRAME, or
// BAD_FCS / ABORT / TOO_LONG, which a store-and-forward stage drops. Shorter
// frames (runts, early aborts) never put an octet out. Every delimited,
// non-empty frame also gives a one-cycle ev_valid pulse with ev_code, and
// every discarded control octet an ev_accm_discard pulse, for counters.
//
// Throughput: one line octet per cycle; s_tready falls only when the output
// register is full and m_tready is low.
//
// Configuration (cfg_*) is sampled when a flag is accepted and governs the
// frame that flag opens, up to and including its classification at the next
// flag; changes at any other time are ignored.
//   cfg_fcs32  0: FCS-16, 1: FCS-32
//   cfg_accm   receive ACCM, bit n: octet n arriving unescaped is discarded
//   cfg_mru    largest frame accepted, FCS excluded
module hdlc_deframer (
    input  wire logic        clk,
    input  wire logic        rst,

    input  wire logic        cfg_fcs32,
    input  wire logic [31:0] cfg_accm,
    input  wire logic [15:0] cfg_mru,

    input  wire logic [7:0]  s_tdata,
    input  wire logic        s_tvalid,
    output      logic        s_tready,

    output      logic [7:0]  m_tdata,
    output      logic        m_tvalid,
    input  wire logic        m_tready,
    output      logic        m_tlast,
    output      logic [2:0]  m_tuser,

    output      logic        ev_valid,
    output      logic [2:0]  ev_code,
    output      logic        ev_accm_discard
);

    // Package items are named in full (l2tp_card_pkg::X): Yosys 0.23 does not
    // accept `import`.

    logic in_frame_reg, in_frame_next;   // a flag has been seen (not hunting)
    logic esc_reg, esc_next;             // last kept octet was 0x7D
    logic over_reg, over_next;           // frame exceeded MRU + FCS
    logic [16:0] len_reg, len_next;      // frame octets held so far (data + FCS)
    logic [39:0] hold_reg, hold_next;    // delay line, newest octet in [7:0]
    logic [31:0] fcs_reg, fcs_next;      // FCS-16 uses bits 15:0
    logic fcs32_reg, fcs32_next;
    logic [31:0] accm_reg, accm_next;
    logic [15:0] mru_reg, mru_next;
    logic [7:0] m_tdata_reg, m_tdata_next;
    logic m_tvalid_reg, m_tvalid_next;
    logic m_tlast_reg, m_tlast_next;
    logic [2:0] m_tuser_reg, m_tuser_next;
    logic ev_valid_reg, ev_valid_next;
    logic [2:0] ev_code_reg, ev_code_next;
    logic ev_accm_discard_reg, ev_accm_discard_next;

    assign m_tdata = m_tdata_reg;
    assign m_tvalid = m_tvalid_reg;
    assign m_tlast = m_tlast_reg;
    assign m_tuser = m_tuser_reg;
    assign ev_valid = ev_valid_reg;
    assign ev_code = ev_code_reg;
    assign ev_accm_discard = ev_accm_discard_reg;

    always_comb begin
        logic can_load;
        logic [16:0] fcs_len;
        logic full;            // the delay line holds FCS + 1 octets
        logic [7:0] oldest;
        logic fcs_good;
        logic [7:0] v;
        logic [2:0] code;
        logic report;

        in_frame_next = in_frame_reg;
        esc_next = esc_reg;
        over_next = over_reg;
        len_next = len_reg;
        hold_next = hold_reg;
        fcs_next = fcs_reg;
        fcs32_next = fcs32_reg;
        accm_next = accm_reg;
        mru_next = mru_reg;
        m_tdata_next = m_tdata_reg;
        m_tvalid_next = m_tvalid_reg && !m_tready;
        m_tlast_next = m_tlast_reg;
        m_tuser_next = m_tuser_reg;
        ev_valid_next = 1'b0;
        ev_code_next = ev_code_reg;
        ev_accm_discard_next = 1'b0;

        can_load = !m_tvalid_reg || m_tready;
        fcs_len = fcs32_reg ? 17'(l2tp_card_pkg::PPP_FCS32_LEN) : 17'(l2tp_card_pkg::PPP_FCS16_LEN);
        full = len_reg > fcs_len;
        oldest = fcs32_reg ? hold_reg[39:32] : hold_reg[23:16];
        fcs_good = fcs32_reg ? fcs_reg == l2tp_card_pkg::PPP_FCS32_GOOD
                             : fcs_reg[15:0] == l2tp_card_pkg::PPP_FCS16_GOOD;
        v = esc_reg ? s_tdata ^ l2tp_card_pkg::HDLC_ESCAPE_XOR : s_tdata;
        code = l2tp_card_pkg::HDLC_RX_FRAME;
        report = 1'b1;

        // One line octet moves per cycle at most, and it puts at most one
        // octet out, so the input waits only for the output register.
        s_tready = can_load;

        if (s_tvalid && can_load) begin
            if (s_tdata == l2tp_card_pkg::HDLC_FLAG) begin
                if (esc_reg)
                    code = l2tp_card_pkg::HDLC_RX_ABORT;
                else if (over_reg)
                    code = l2tp_card_pkg::HDLC_RX_TOO_LONG;
                else if (len_reg == 17'd0)
                    report = 1'b0;      // back-to-back flags: inter-frame fill
                else if (!full)
                    code = l2tp_card_pkg::HDLC_RX_RUNT;
                else if (!fcs_good)
                    code = l2tp_card_pkg::HDLC_RX_BAD_FCS;
                if (in_frame_reg && report) begin
                    ev_valid_next = 1'b1;
                    ev_code_next = code;
                    if (full) begin
                        m_tdata_next = oldest;
                        m_tvalid_next = 1'b1;
                        m_tlast_next = 1'b1;
                        m_tuser_next = code;
                    end
                end
                in_frame_next = 1'b1;
                esc_next = 1'b0;
                over_next = 1'b0;
                len_next = 17'd0;
                fcs_next = l2tp_card_pkg::PPP_FCS32_INIT;
                fcs32_next = cfg_fcs32;
                accm_next = cfg_accm;
                mru_next = cfg_mru;
            end else if (in_frame_reg) begin
                if (s_tdata < 8'h20 && accm_reg[s_tdata[4:0]]) begin
                    ev_accm_discard_next = 1'b1;
                end else if (s_tdata == l2tp_card_pkg::HDLC_ESCAPE && !esc_reg) begin
                    esc_next = 1'b1;
                end else begin
                    esc_next = 1'b0;
                    if (!over_reg) begin
                        if (len_reg >= {1'b0, mru_reg} + fcs_len) begin
                            over_next = 1'b1;
                        end else begin
                            if (full) begin
                                m_tdata_next = oldest;
                                m_tvalid_next = 1'b1;
                                m_tlast_next = 1'b0;
                                m_tuser_next = l2tp_card_pkg::HDLC_RX_FRAME;
                            end
                            hold_next = {hold_reg[31:0], v};
                            len_next = len_reg + 17'd1;
                            if (fcs32_reg)
                                fcs_next = l2tp_card_pkg::fcs32_octet(fcs_reg, v);
                            else
                                fcs_next = {16'h0000, l2tp_card_pkg::fcs16_octet(fcs_reg[15:0], v)};
                        end
                    end
                end
            end
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            in_frame_reg <= 1'b0;
            esc_reg <= 1'b0;
            over_reg <= 1'b0;
            len_reg <= 17'd0;
            hold_reg <= 40'd0;
            fcs_reg <= l2tp_card_pkg::PPP_FCS32_INIT;
            fcs32_reg <= 1'b0;
            accm_reg <= l2tp_card_pkg::PPP_DEFAULT_ACCM;
            mru_reg <= l2tp_card_pkg::PPP_DEFAULT_MRU;
            m_tdata_reg <= 8'h00;
            m_tvalid_reg <= 1'b0;
            m_tlast_reg <= 1'b0;
            m_tuser_reg <= 3'd0;
            ev_valid_reg <= 1'b0;
            ev_code_reg <= 3'd0;
            ev_accm_discard_reg <= 1'b0;
        end else begin
            in_frame_reg <= in_frame_next;
            esc_reg <= esc_next;
            over_reg <= over_next;
            len_reg <= len_next;
            hold_reg <= hold_next;
            fcs_reg <= fcs_next;
            fcs32_reg <= fcs32_next;
            accm_reg <= accm_next;
            mru_reg <= mru_next;
            m_tdata_reg <= m_tdata_next;
            m_tvalid_reg <= m_tvalid_next;
            m_tlast_reg <= m_tlast_next;
            m_tuser_reg <= m_tuser_next;
            ev_valid_reg <= ev_valid_next;
            ev_code_reg <= ev_code_next;
            ev_accm_discard_reg <= ev_accm_discard_next;
        end
    end

endmodule

`resetall
