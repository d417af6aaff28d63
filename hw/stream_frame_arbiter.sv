`resetall
`default_nettype none

// N valid/ready streams onto one, frame-atomic round robin
// (hw/ARCHITECTURE.md "Frame-atomic arbiters"): used for NET transmit
// (encap_builder + host raw frames), the punt stream, and inside
// access_rx_arbiter.
//
// Between frames the input after the last granted one (in circular order)
// that offers a beat is granted in the same cycle, so frames from different
// inputs follow each other at one beat per cycle; the grant then holds until
// that input's tlast beat has moved, so two frames never interleave. Input i
// is the i-th slice of each flat vector. Outputs come from registers; s_tready
// depends on m_tready, the grant and (between frames) on s_tvalid.
module stream_frame_arbiter #(
    parameter int N = 2,            // inputs
    parameter int DATA_W = 8,       // octets per beat
    parameter int USER_W = 1        // tuser bits, carried with every beat
) (
    input  wire logic                    clk,
    input  wire logic                    rst,

    input  wire logic [N*DATA_W*8-1:0]   s_tdata,
    input  wire logic [N*DATA_W-1:0]     s_tkeep,
    input  wire logic [N-1:0]            s_tvalid,
    output      logic [N-1:0]            s_tready,
    input  wire logic [N-1:0]            s_tlast,
    input  wire logic [N*USER_W-1:0]     s_tuser,

    output      logic [DATA_W*8-1:0]     m_tdata,
    output      logic [DATA_W-1:0]       m_tkeep,
    output      logic                    m_tvalid,
    input  wire logic                    m_tready,
    output      logic                    m_tlast,
    output      logic [USER_W-1:0]       m_tuser,
    output      logic [$clog2(N)-1:0]    m_tsel      // the input the beat came from
);
    localparam int SEL_W = $clog2(N);

    initial begin
        if (N < 2 || N > 256 || DATA_W < 1 || USER_W < 1) begin
            $error("stream_frame_arbiter: bad N %0d / DATA_W %0d / USER_W %0d", N, DATA_W, USER_W);
            $finish;
        end
    end

    logic busy_reg, busy_next;                      // inside a frame of input sel_reg
    logic [SEL_W-1:0] sel_reg, sel_next;
    logic [SEL_W-1:0] last_reg, last_next;          // input granted last (round robin)
    logic [DATA_W*8-1:0] m_tdata_reg, m_tdata_next;
    logic [DATA_W-1:0] m_tkeep_reg, m_tkeep_next;
    logic m_tvalid_reg, m_tvalid_next;
    logic m_tlast_reg, m_tlast_next;
    logic [USER_W-1:0] m_tuser_reg, m_tuser_next;
    logic [SEL_W-1:0] m_tsel_reg, m_tsel_next;

    assign m_tdata = m_tdata_reg;
    assign m_tkeep = m_tkeep_reg;
    assign m_tvalid = m_tvalid_reg;
    assign m_tlast = m_tlast_reg;
    assign m_tuser = m_tuser_reg;
    assign m_tsel = m_tsel_reg;

    always_comb begin
        logic can_load;
        logic found;
        logic [SEL_W-1:0] g;        // the input this cycle's beat may come from
        logic [SEL_W:0] cand;

        busy_next = busy_reg;
        sel_next = sel_reg;
        last_next = last_reg;
        m_tdata_next = m_tdata_reg;
        m_tkeep_next = m_tkeep_reg;
        m_tlast_next = m_tlast_reg;
        m_tuser_next = m_tuser_reg;
        m_tsel_next = m_tsel_reg;
        m_tvalid_next = m_tvalid_reg && !m_tready;
        s_tready = '0;

        can_load = !m_tvalid_reg || m_tready;
        // Round robin: the first input offering a beat after last_reg.
        found = 1'b0;
        g = last_reg;
        for (int k = 1; k <= N; k++) begin
            cand = {1'b0, last_reg} + (SEL_W+1)'(k);
            if (cand >= (SEL_W+1)'(N))
                cand = cand - (SEL_W+1)'(N);
            if (!found && s_tvalid[cand[SEL_W-1:0]]) begin
                found = 1'b1;
                g = cand[SEL_W-1:0];
            end
        end
        if (busy_reg)
            g = sel_reg;

        if (can_load && (busy_reg || found)) begin
            s_tready[g] = 1'b1;
            if (s_tvalid[g]) begin
                m_tdata_next = s_tdata[g*DATA_W*8 +: DATA_W*8];
                m_tkeep_next = s_tkeep[g*DATA_W +: DATA_W];
                m_tlast_next = s_tlast[g];
                m_tuser_next = s_tuser[g*USER_W +: USER_W];
                m_tsel_next = g;
                m_tvalid_next = 1'b1;
                busy_next = !s_tlast[g];
                sel_next = g;
                last_next = g;
            end
        end

        if (rst) begin
            busy_next = 1'b0;
            last_next = SEL_W'(N - 1);              // input 0 first after reset
            m_tvalid_next = 1'b0;
        end
    end

    always_ff @(posedge clk) begin
        busy_reg <= busy_next;
        sel_reg <= sel_next;
        last_reg <= last_next;
        m_tdata_reg <= m_tdata_next;
        m_tkeep_reg <= m_tkeep_next;
        m_tvalid_reg <= m_tvalid_next;
        m_tlast_reg <= m_tlast_next;
        m_tuser_reg <= m_tuser_next;
        m_tsel_reg <= m_tsel_next;
    end
endmodule

`resetall
