`resetall
`default_nettype none

// RFC 1662 §4 octet-stuffed HDLC-like framer for one ACCESS channel.
//
// PPP frame octets in (s_*, tlast on the frame's last octet), line octets out
// (m_*): [opening flag] stuffed data, stuffed FCS (complemented, least
// significant octet first, §C.2/§C.3), closing flag. 0x7E and 0x7D are always
// escaped, controls 0x00-0x1F when their ACCM bit is set (§7.1).
//
// Throughput: one input octet per cycle while no octet needs escaping; an
// escaped octet takes two output cycles (0x7D, then octet ^ 0x20) and s_tready
// is low for the second. Per frame add the FCS (2 or 4 cycles, more if its
// octets escape), the closing flag, and the opening flag when it is not shared.
//
// Configuration (cfg_*) is sampled while the first octet of a frame is
// presented (state IDLE) and held in registers until that frame's closing
// flag has been loaded, so changes at any other time never affect the frame
// in progress.
//   cfg_fcs32       0: FCS-16, 1: FCS-32
//   cfg_accm        transmit ACCM, bit n escapes octet n
//   cfg_share_flag  omit the opening flag when the last octet sent was the
//                   previous frame's closing flag (RFC 1662 §3.1: "only one flag is
//                   required between two frames"); after reset the first
//                   frame always gets an opening flag.
module hdlc_framer (
    input  wire logic        clk,
    input  wire logic        rst,

    input  wire logic        cfg_fcs32,
    input  wire logic [31:0] cfg_accm,
    input  wire logic        cfg_share_flag,

    input  wire logic [7:0]  s_tdata,
    input  wire logic        s_tvalid,
    output      logic        s_tready,
    input  wire logic        s_tlast,

    output      logic [7:0]  m_tdata,
    output      logic        m_tvalid,
    input  wire logic        m_tready
);

    // Package items are named in full (l2tp_card_pkg::X): Yosys 0.23 does not
    // accept `import`.

    typedef enum logic [1:0] {
        ST_IDLE,   // between frames: sample cfg, maybe send the opening flag
        ST_DATA,   // frame octets from s_*
        ST_FCS,    // FCS octets, fcs_idx_reg counts them
        ST_CLOSE   // closing flag
    } state_t;

    state_t state_reg, state_next;
    logic esc_pend_reg, esc_pend_next;          // second half of an escape is due
    // The escaped octet, not yet XORed; every octet that escapes (0x7D, 0x7E,
    // controls) is below 0x80, so bit 7 is not stored.
    logic [6:0] esc_data_reg, esc_data_next;
    logic [31:0] fcs_reg, fcs_next;             // FCS-16 uses bits 15:0
    logic [1:0] fcs_idx_reg, fcs_idx_next;
    logic fcs32_reg, fcs32_next;
    logic [31:0] accm_reg, accm_next;
    logic line_flag_reg, line_flag_next;        // last octet loaded was a closing flag
    logic [7:0] m_tdata_reg, m_tdata_next;
    logic m_tvalid_reg, m_tvalid_next;

    assign m_tdata = m_tdata_reg;
    assign m_tvalid = m_tvalid_reg;

    // FCS octet fcs_idx_reg of the complemented FCS, least significant first.
    logic [31:0] fcs_tx;
    logic [7:0] fcs_octet;
    assign fcs_tx = ~fcs_reg;
    assign fcs_octet = fcs_tx[{fcs_idx_reg, 3'b000} +: 8];

    always_comb begin
        logic can_load;     // the output register is free this cycle
        logic take;         // accept s_tdata as the next frame octet
        logic stuff;        // load raw through the escaper
        logic [7:0] raw;
        logic [31:0] accm;  // ACCM and FCS in force for this cycle's octet
        logic fcs32;
        logic [31:0] fcs_cur;

        state_next = state_reg;
        esc_pend_next = esc_pend_reg;
        esc_data_next = esc_data_reg;
        fcs_next = fcs_reg;
        fcs_idx_next = fcs_idx_reg;
        fcs32_next = fcs32_reg;
        accm_next = accm_reg;
        line_flag_next = line_flag_reg;
        m_tdata_next = m_tdata_reg;
        m_tvalid_next = m_tvalid_reg && !m_tready;

        can_load = !m_tvalid_reg || m_tready;
        take = 1'b0;
        stuff = 1'b0;
        raw = s_tdata;
        // In IDLE the frame's configuration comes straight from the ports.
        accm = (state_reg == ST_IDLE) ? cfg_accm : accm_reg;
        fcs32 = (state_reg == ST_IDLE) ? cfg_fcs32 : fcs32_reg;
        fcs_cur = (state_reg == ST_IDLE) ? l2tp_card_pkg::PPP_FCS32_INIT : fcs_reg;

        if (can_load) begin
            if (esc_pend_reg) begin
                m_tdata_next = {1'b0, esc_data_reg} ^ l2tp_card_pkg::HDLC_ESCAPE_XOR;
                m_tvalid_next = 1'b1;
                esc_pend_next = 1'b0;
            end else begin
                case (state_reg)
                    ST_IDLE: begin
                        accm_next = cfg_accm;
                        fcs32_next = cfg_fcs32;
                        fcs_next = l2tp_card_pkg::PPP_FCS32_INIT;
                        if (s_tvalid) begin
                            if (cfg_share_flag && line_flag_reg) begin
                                take = 1'b1;
                            end else begin
                                m_tdata_next = l2tp_card_pkg::HDLC_FLAG;
                                m_tvalid_next = 1'b1;
                                line_flag_next = 1'b0;
                                state_next = ST_DATA;
                            end
                        end
                    end
                    ST_DATA: take = s_tvalid;
                    ST_FCS: begin
                        raw = fcs_octet;
                        stuff = 1'b1;
                        fcs_idx_next = fcs_idx_reg + 2'd1;
                        if (fcs_idx_reg == (fcs32_reg ? 2'd3 : 2'd1))
                            state_next = ST_CLOSE;
                    end
                    default: begin // ST_CLOSE
                        m_tdata_next = l2tp_card_pkg::HDLC_FLAG;
                        m_tvalid_next = 1'b1;
                        line_flag_next = 1'b1;
                        state_next = ST_IDLE;
                    end
                endcase
            end
        end

        if (take) begin
            stuff = 1'b1;
            if (fcs32)
                fcs_next = l2tp_card_pkg::fcs32_octet(fcs_cur, s_tdata);
            else
                fcs_next = {16'h0000, l2tp_card_pkg::fcs16_octet(fcs_cur[15:0], s_tdata)};
            fcs_idx_next = 2'd0;
            state_next = s_tlast ? ST_FCS : ST_DATA;
        end

        if (stuff) begin
            m_tvalid_next = 1'b1;
            line_flag_next = 1'b0;
            if (l2tp_card_pkg::hdlc_tx_escapes(accm, raw)) begin
                m_tdata_next = l2tp_card_pkg::HDLC_ESCAPE;
                esc_pend_next = 1'b1;
                esc_data_next = raw[6:0];
            end else begin
                m_tdata_next = raw;
            end
        end

        s_tready = take;
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            state_reg <= ST_IDLE;
            esc_pend_reg <= 1'b0;
            esc_data_reg <= 7'h00;
            fcs_reg <= l2tp_card_pkg::PPP_FCS32_INIT;
            fcs_idx_reg <= 2'd0;
            fcs32_reg <= 1'b0;
            accm_reg <= l2tp_card_pkg::PPP_DEFAULT_ACCM;
            line_flag_reg <= 1'b0;
            m_tdata_reg <= 8'h00;
            m_tvalid_reg <= 1'b0;
        end else begin
            state_reg <= state_next;
            esc_pend_reg <= esc_pend_next;
            esc_data_reg <= esc_data_next;
            fcs_reg <= fcs_next;
            fcs_idx_reg <= fcs_idx_next;
            fcs32_reg <= fcs32_next;
            accm_reg <= accm_next;
            line_flag_reg <= line_flag_next;
            m_tdata_reg <= m_tdata_next;
            m_tvalid_reg <= m_tvalid_next;
        end
    end

endmodule

`resetall
