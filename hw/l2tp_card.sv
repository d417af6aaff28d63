`resetall
`default_nettype none

// The card as the PCIe core sees it (issue 4): the datapath l2tp_card_core
// and the shell's DMA engine card_dma behind one BAR0 register bus.
// - Register bus: both blocks see every access (hw/ARCHITECTURE.md "Bus
//   timing": a read answers one cycle later). Each answers 0 outside its own
//   blocks (card_regs: ID/CTRL/DP/SESS/CNT, card_dma: PUNT/INJECT/IRQ), so
//   the read data and read-valid are ORed ("card_dma ports").
// - Punt: the core's punt stream into the DMA punt ring (its tready is 1:
//   the shell never stalls the wire, a full FIFO drops and counts).
// - Inject: the DMA inject ring's frames into the core's inject demux.
// - CTRL.RESET (the core's soft_rst) resets the rings too; the shell's
//   status (dma_error) and counter pulses go to the core's CTRL and CNT.
// - DMA master and the interrupt (MSI-X vector 0) go to the PCIe core.
// No register of its own: every output is a child's.
module l2tp_card #(
    parameter int DATA_W = 8,             // NET octets per beat (8 or 16)
    parameter int N_CH = 32,              // ACCESS channels
    parameter int SESS_AW = 6,            // log2 of the session table depth
    parameter int FRAME_DEPTH_LOG2 = 8,   // core: NET receive frame FIFO beats, log2
    parameter int CH_DEPTH_LOG2 = 8,      // core: channel transmit FIFO beats, log2
    parameter int ACC_DEPTH_LOG2 = 8,     // core: ACCESS receive buffer words, log2
    parameter int PUNT_FIFO_LOG2 = 9,     // shell: punt FIFO beats, log2
    parameter int PUNT_META_LOG2 = 6,     // shell: punt FIFO frames, log2
    // ID.BUILD_ID: the RTL's git revision, generated (hw/card_regs.mk)
    parameter logic [31:0] BUILD_ID = l2tp_card_build_pkg::BUILD_ID,
    localparam int W8 = DATA_W * 8,
    localparam int TAG_W = 3              // card_dma's INJ_SLOTS_LOG2 (2) + 1
) (
    input  wire logic                 clk,
    input  wire logic                 rst,

    // NET port (Ethernet II frames, packed beats)
    input  wire logic [W8-1:0]        s_net_tdata,
    input  wire logic [DATA_W-1:0]    s_net_tkeep,
    input  wire logic                 s_net_tvalid,
    output      logic                 s_net_tready,
    input  wire logic                 s_net_tlast,
    output      logic [W8-1:0]        m_net_tdata,
    output      logic [DATA_W-1:0]    m_net_tkeep,
    output      logic                 m_net_tvalid,
    input  wire logic                 m_net_tready,
    output      logic                 m_net_tlast,

    // ACCESS channels (octet streams)
    input  wire logic [N_CH*8-1:0]    s_acc_tdata,
    input  wire logic [N_CH-1:0]      s_acc_tvalid,
    output      logic [N_CH-1:0]      s_acc_tready,
    output      logic [N_CH*8-1:0]    m_acc_tdata,
    output      logic [N_CH-1:0]      m_acc_tvalid,
    input  wire logic [N_CH-1:0]      m_acc_tready,

    // BAR0 register bus (from the PCIe core's MMIO)
    input  wire logic                 reg_wr_en,
    input  wire logic                 reg_rd_en,
    input  wire logic [15:0]          reg_addr,
    input  wire logic [31:0]          reg_wdata,
    output      logic [31:0]          reg_rdata,
    output      logic                 reg_rd_valid,

    // DMA master (card_dma ports)
    output      logic                 m_dma_rd_valid,
    input  wire logic                 m_dma_rd_ready,
    output      logic [TAG_W-1:0]     m_dma_rd_tag,
    output      logic [63:0]          m_dma_rd_addr,
    output      logic [15:0]          m_dma_rd_len,
    input  wire logic                 s_dma_rc_valid,
    input  wire logic [TAG_W-1:0]     s_dma_rc_tag,
    input  wire logic [W8-1:0]        s_dma_rc_data,
    input  wire logic                 s_dma_rc_err,
    output      logic                 m_dma_wr_valid,
    input  wire logic                 m_dma_wr_ready,
    output      logic [63:0]          m_dma_wr_addr,
    output      logic [W8-1:0]        m_dma_wr_data,
    output      logic [DATA_W-1:0]    m_dma_wr_be,
    output      logic                 m_dma_wr_last,

    output      logic                 irq
);
    logic [31:0]          core_rdata, dma_rdata;
    logic                 core_rd_valid, dma_rd_valid;
    logic                 soft_rst, dma_error;
    logic                 cnt_punt_frames, cnt_punt_ring_full, cnt_punt_too_long;
    logic                 cnt_inject_frames, cnt_inject_bad_desc;

    logic [W8-1:0]        punt_tdata, inj_tdata;
    logic [DATA_W-1:0]    punt_tkeep, inj_tkeep;
    logic                 punt_tvalid, punt_tready, punt_tlast;
    logic                 inj_tvalid, inj_tready, inj_tlast;
    logic [7:0]           punt_reason, punt_channel;
    logic [15:0]          punt_session, inj_target, inj_len;
    logic [1:0]           inj_kind;
    // The punt kind (DISPATCH_PUNT_KIND_*) is the core's internal routing;
    // the host learns the same from PUNT_DESC META's reason.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [1:0]           punt_kind;
    /* verilator lint_on UNUSEDSIGNAL */

    l2tp_card_core #(
        .DATA_W(DATA_W), .N_CH(N_CH), .SESS_AW(SESS_AW),
        .FRAME_DEPTH_LOG2(FRAME_DEPTH_LOG2), .CH_DEPTH_LOG2(CH_DEPTH_LOG2),
        .ACC_DEPTH_LOG2(ACC_DEPTH_LOG2), .BUILD_ID(BUILD_ID)
    ) u_core (
        .clk, .rst,
        .s_net_tdata, .s_net_tkeep, .s_net_tvalid, .s_net_tready, .s_net_tlast,
        .m_net_tdata, .m_net_tkeep, .m_net_tvalid, .m_net_tready, .m_net_tlast,
        .s_acc_tdata, .s_acc_tvalid, .s_acc_tready,
        .m_acc_tdata, .m_acc_tvalid, .m_acc_tready,
        .m_punt_tdata(punt_tdata), .m_punt_tkeep(punt_tkeep), .m_punt_tvalid(punt_tvalid),
        .m_punt_tready(punt_tready), .m_punt_tlast(punt_tlast),
        .m_punt_tuser_reason(punt_reason), .m_punt_tuser_session(punt_session),
        .m_punt_tuser_channel(punt_channel), .m_punt_tuser_kind(punt_kind),
        .s_inject_tdata(inj_tdata), .s_inject_tkeep(inj_tkeep), .s_inject_tvalid(inj_tvalid),
        .s_inject_tready(inj_tready), .s_inject_tlast(inj_tlast),
        .s_inject_tuser_kind(inj_kind), .s_inject_tuser_target(inj_target),
        .s_inject_tuser_len(inj_len),
        .reg_wr_en, .reg_rd_en, .reg_addr, .reg_wdata,
        .reg_rdata(core_rdata), .reg_rd_valid(core_rd_valid),
        .dma_error,
        .shell_cnt_punt_frames(cnt_punt_frames), .shell_cnt_punt_ring_full(cnt_punt_ring_full),
        .shell_cnt_punt_too_long(cnt_punt_too_long),
        .shell_cnt_inject_frames(cnt_inject_frames),
        .shell_cnt_inject_bad_desc(cnt_inject_bad_desc),
        .soft_rst
    );

    card_dma #(
        .DATA_W(DATA_W), .N_CH(N_CH), .SESS_AW(SESS_AW),
        .PUNT_FIFO_LOG2(PUNT_FIFO_LOG2), .PUNT_META_LOG2(PUNT_META_LOG2)
    ) u_dma (
        .clk, .rst, .soft_rst,
        .reg_wr_en, .reg_rd_en, .reg_addr, .reg_wdata,
        .reg_rdata(dma_rdata), .reg_rd_valid(dma_rd_valid),
        .s_punt_tdata(punt_tdata), .s_punt_tkeep(punt_tkeep), .s_punt_tvalid(punt_tvalid),
        .s_punt_tready(punt_tready), .s_punt_tlast(punt_tlast),
        .s_punt_tuser_reason(punt_reason), .s_punt_tuser_session(punt_session),
        .s_punt_tuser_channel(punt_channel),
        .m_inject_tdata(inj_tdata), .m_inject_tkeep(inj_tkeep), .m_inject_tvalid(inj_tvalid),
        .m_inject_tready(inj_tready), .m_inject_tlast(inj_tlast),
        .m_inject_tuser_kind(inj_kind), .m_inject_tuser_target(inj_target),
        .m_inject_tuser_len(inj_len),
        .m_dma_rd_valid, .m_dma_rd_ready, .m_dma_rd_tag, .m_dma_rd_addr, .m_dma_rd_len,
        .s_dma_rc_valid, .s_dma_rc_tag, .s_dma_rc_data, .s_dma_rc_err,
        .m_dma_wr_valid, .m_dma_wr_ready, .m_dma_wr_addr, .m_dma_wr_data, .m_dma_wr_be,
        .m_dma_wr_last,
        .irq, .dma_error,
        .cnt_punt_frames, .cnt_punt_ring_full, .cnt_punt_too_long,
        .cnt_inject_frames, .cnt_inject_bad_desc
    );

    // Each block answers 0 outside its own register blocks.
    assign reg_rdata = core_rdata | dma_rdata;
    assign reg_rd_valid = core_rd_valid | dma_rd_valid;
endmodule

`resetall
