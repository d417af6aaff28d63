`resetall
`default_nettype none

// Transmit FIFO of one ACCESS channel (net_rx_dispatch has N_CH of them) and
// its width converter: NET beats in, PPP frame octets out for the channel's
// hdlc_framer.
//
// An entry is one NET beat with the range of lanes lo..hi that carry the PPP
// frame, so stripping the encapsulation needs no realignment: the reader
// walks the lanes. Each entry also carries the frame's framer settings
// (fcs32, accm), put out with every octet of the frame (the framer samples
// them with the frame's first octet), and two flags of the frame's first
// entry:
//   first  the entry opens a frame;
//   acf    restore the HDLC Address and Control fields: when the frame's
//          first octet is not 0xFF (the peer compressed them, ACFC, or a
//          client that never sends them, FIELD-NOTES), the reader puts out
//          FF 03 before it. RFC 1661 §6.6: a receiver always accepts
//          uncompressed fields and LCP must never be sent compressed, so
//          FF 03 on the line is right whatever the user negotiated. A
//          protocol field never starts with 0xFF (its first octet is even,
//          RFC 1661 §2), so a leading 0xFF is the Address field.
//
// The writer (net_rx_dispatch) checks free_cnt before it starts a frame and
// never writes into a full FIFO. The reader puts out one octet per cycle
// (m_* are registers); an entry with lanes lo..hi takes hi - lo + 1 cycles.
// The storage is a RAM written in always_ff, as in net_rx_frame_fifo.
module net_rx_chan_fifo #(
    parameter int DATA_W = 8,           // octets per NET beat (a power of two)
    parameter int DEPTH_LOG2 = 5        // 2**DEPTH_LOG2 entries
) (
    input  wire                      clk,
    input  wire                      rst,

    input  wire                      wr_en,
    input  wire [DATA_W*8-1:0]       wr_data,
    input  wire [$clog2(DATA_W)-1:0] wr_lo,
    input  wire [$clog2(DATA_W)-1:0] wr_hi,
    input  wire                      wr_last,
    input  wire                      wr_first,
    input  wire                      wr_acf,
    input  wire                      wr_fcs32,
    input  wire [31:0]               wr_accm,
    output logic [DEPTH_LOG2:0]      free_cnt,

    output logic [7:0]               m_tdata,
    output logic                     m_tvalid,
    input  wire                      m_tready,
    output logic                     m_tlast,
    output logic                     m_fcs32,
    output logic [31:0]              m_accm
);
    localparam int DEPTH = 1 << DEPTH_LOG2;
    localparam int LANE_W = $clog2(DATA_W);
    localparam int PTR_W = DEPTH_LOG2 + 1;
    // {accm, fcs32, acf, first, last, hi, lo, data}
    localparam int ENTRY_W = DATA_W * 8 + 2 * LANE_W + 3 + 33;
    localparam int E_LO = DATA_W * 8;
    localparam int E_HI = E_LO + LANE_W;
    localparam int E_LAST = E_HI + LANE_W;
    localparam int E_FIRST = E_LAST + 1;
    localparam int E_ACF = E_LAST + 2;
    localparam int E_FCS32 = E_LAST + 3;
    localparam int E_ACCM = E_LAST + 4;

    initial begin
        if (DATA_W < 2 || DATA_W > 64 || (DATA_W & (DATA_W - 1)) != 0) begin
            $error("net_rx_chan_fifo: DATA_W %0d is not a power of two in 2..64", DATA_W);
            $finish;
        end
        if (DEPTH_LOG2 < 1 || DEPTH_LOG2 > 16) begin
            $error("net_rx_chan_fifo: DEPTH_LOG2 %0d is outside 1..16", DEPTH_LOG2);
            $finish;
        end
    end

    logic [ENTRY_W-1:0] mem [DEPTH];

    logic [PTR_W-1:0]  wptr_reg, wptr_next;
    logic [PTR_W-1:0]  rptr_reg, rptr_next;
    logic              mid_reg, mid_next;        // some lanes of the head entry are out
    logic [LANE_W-1:0] lane_reg, lane_next;      // next lane of the head entry (when mid)
    logic [1:0]        acf_reg, acf_next;        // 0: none out, 1: FF out, 2: FF 03 out
    logic [7:0]        m_tdata_reg, m_tdata_next;
    logic              m_tvalid_reg, m_tvalid_next;
    logic              m_tlast_reg, m_tlast_next;
    logic              m_fcs32_reg, m_fcs32_next;
    logic [31:0]       m_accm_reg, m_accm_next;

    assign free_cnt = PTR_W'(DEPTH) - (wptr_reg - rptr_reg);
    assign m_tdata = m_tdata_reg;
    assign m_tvalid = m_tvalid_reg;
    assign m_tlast = m_tlast_reg;
    assign m_fcs32 = m_fcs32_reg;
    assign m_accm = m_accm_reg;

    logic [ENTRY_W-1:0] head;
    logic [DATA_W*8-1:0] head_data;
    assign head = mem[rptr_reg[DEPTH_LOG2-1:0]];
    assign head_data = head[DATA_W*8-1:0];

    always_comb begin
        logic              can_load, head_valid, need_acf;
        logic [LANE_W-1:0] lane, h_lo, h_hi;
        logic [7:0]        octet, first_octet;

        wptr_next = wptr_reg;
        rptr_next = rptr_reg;
        mid_next = mid_reg;
        lane_next = lane_reg;
        acf_next = acf_reg;
        m_tdata_next = m_tdata_reg;
        m_tvalid_next = m_tvalid_reg;
        m_tlast_next = m_tlast_reg;
        m_fcs32_next = m_fcs32_reg;
        m_accm_next = m_accm_reg;

        if (wr_en)
            wptr_next = wptr_reg + 1'b1;

        h_lo = head[E_LO +: LANE_W];
        h_hi = head[E_HI +: LANE_W];
        lane = mid_reg ? lane_reg : h_lo;
        octet = head_data[{lane, 3'b000} +: 8];
        first_octet = head_data[{h_lo, 3'b000} +: 8];
        need_acf = head[E_FIRST] && !mid_reg && head[E_ACF]
            && first_octet != l2tp_card_pkg::PPP_ALLSTATIONS;

        can_load = !m_tvalid_reg || m_tready;
        head_valid = rptr_reg != wptr_reg;
        if (can_load) begin
            m_tvalid_next = head_valid;
            if (head_valid) begin
                m_fcs32_next = head[E_FCS32];
                m_accm_next = head[E_ACCM +: 32];
                if (need_acf && acf_reg == 2'd0) begin
                    m_tdata_next = l2tp_card_pkg::PPP_ALLSTATIONS;
                    m_tlast_next = 1'b0;
                    acf_next = 2'd1;
                end else if (need_acf && acf_reg == 2'd1) begin
                    m_tdata_next = l2tp_card_pkg::PPP_UI;
                    m_tlast_next = 1'b0;
                    acf_next = 2'd2;
                end else begin
                    m_tdata_next = octet;
                    m_tlast_next = head[E_LAST] && lane == h_hi;
                    acf_next = 2'd0;
                    if (lane == h_hi) begin
                        rptr_next = rptr_reg + 1'b1;
                        mid_next = 1'b0;
                    end else begin
                        lane_next = lane + 1'b1;
                        mid_next = 1'b1;
                    end
                end
            end
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            wptr_reg <= '0;
            rptr_reg <= '0;
            mid_reg <= 1'b0;
            lane_reg <= '0;
            acf_reg <= 2'd0;
            m_tdata_reg <= 8'h00;
            m_tvalid_reg <= 1'b0;
            m_tlast_reg <= 1'b0;
            m_fcs32_reg <= 1'b0;
            m_accm_reg <= 32'h0;
        end else begin
            wptr_reg <= wptr_next;
            rptr_reg <= rptr_next;
            mid_reg <= mid_next;
            lane_reg <= lane_next;
            acf_reg <= acf_next;
            m_tdata_reg <= m_tdata_next;
            m_tvalid_reg <= m_tvalid_next;
            m_tlast_reg <= m_tlast_next;
            m_fcs32_reg <= m_fcs32_next;
            m_accm_reg <= m_accm_next;
        end
    end

    always_ff @(posedge clk) begin
        if (wr_en)
            mem[wptr_reg[DEPTH_LOG2-1:0]] <= {wr_accm, wr_fcs32, wr_acf, wr_first, wr_last,
                                              wr_hi, wr_lo, wr_data};
    end
endmodule

`resetall
