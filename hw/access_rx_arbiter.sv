`resetall
`default_nettype none

// The ACCESS receive streams onto one toward encap_builder
// (hw/ARCHITECTURE.md "ACCESS receive ports"): the N_CH access_rx_buffer
// outputs plus the host's injected PPP frames for a session, frame-atomic
// round robin (a stream_frame_arbiter with N_CH + 1 inputs, the injected
// stream last). Each frame leaves tagged with where it came from:
// m_tuser_kind 0 and m_tuser_id = channel, or kind 1 and id = the session
// the host named; m_tuser_len is its octet count, as encap_builder needs it
// before the first octet moves.
module access_rx_arbiter #(
    parameter int DATA_W = 8,       // octets per beat
    parameter int N_CH = 4          // ACCESS channels
) (
    input  wire logic                     clk,
    input  wire logic                     rst,

    input  wire logic [N_CH*DATA_W*8-1:0] s_ch_tdata,
    input  wire logic [N_CH*DATA_W-1:0]   s_ch_tkeep,
    input  wire logic [N_CH-1:0]          s_ch_tvalid,
    output      logic [N_CH-1:0]          s_ch_tready,
    input  wire logic [N_CH-1:0]          s_ch_tlast,
    input  wire logic [N_CH*16-1:0]       s_ch_len,

    input  wire logic [DATA_W*8-1:0]      s_inj_tdata,
    input  wire logic [DATA_W-1:0]        s_inj_tkeep,
    input  wire logic                     s_inj_tvalid,
    output      logic                     s_inj_tready,
    input  wire logic                     s_inj_tlast,
    input  wire logic [15:0]              s_inj_session,
    input  wire logic [15:0]              s_inj_len,

    output      logic [DATA_W*8-1:0]      m_tdata,
    output      logic [DATA_W-1:0]        m_tkeep,
    output      logic                     m_tvalid,
    input  wire logic                     m_tready,
    output      logic                     m_tlast,
    output      logic                     m_tuser_kind,
    output      logic [15:0]              m_tuser_id,
    output      logic [15:0]              m_tuser_len
);
    localparam int N = N_CH + 1;
    localparam int USER_W = 33;     // {kind, id[16], len[16]}

    initial begin
        if (N_CH < 1 || N_CH > 255) begin
            $error("access_rx_arbiter: N_CH %0d is outside 1..255", N_CH);
            $finish;
        end
    end

    logic [N*USER_W-1:0] user;
    logic [USER_W-1:0] m_user;
    logic [$clog2(N)-1:0] m_sel;

    always_comb begin
        for (int c = 0; c < N_CH; c++)
            user[c*USER_W +: USER_W] = {1'b0, 16'(c), s_ch_len[c*16 +: 16]};
        user[N_CH*USER_W +: USER_W] = {1'b1, s_inj_session, s_inj_len};
    end

    stream_frame_arbiter #(
        .N(N),
        .DATA_W(DATA_W),
        .USER_W(USER_W)
    ) u_arb (
        .clk     (clk),
        .rst     (rst),
        .s_tdata ({s_inj_tdata, s_ch_tdata}),
        .s_tkeep ({s_inj_tkeep, s_ch_tkeep}),
        .s_tvalid({s_inj_tvalid, s_ch_tvalid}),
        .s_tready({s_inj_tready, s_ch_tready}),
        .s_tlast ({s_inj_tlast, s_ch_tlast}),
        .s_tuser (user),
        .m_tdata (m_tdata),
        .m_tkeep (m_tkeep),
        .m_tvalid(m_tvalid),
        .m_tready(m_tready),
        .m_tlast (m_tlast),
        .m_tuser (m_user),
        .m_tsel  (m_sel)
    );

    assign m_tuser_kind = m_user[32];
    assign m_tuser_id = m_user[31:16];
    assign m_tuser_len = m_user[15:0];

    // Which input a beat came from is in the tag already.
    logic unused_sel;
    assign unused_sel = &{1'b0, m_sel};
endmodule

`resetall
