`resetall
`default_nettype none

// The datapath's register block: BAR0 blocks ID, CTRL, DP, SESS and CNT of
// hw/regmap.md (0x0000-0x04FF) on the 32-bit register bus. PUNT, INJECT and
// IRQ belong to the PCIe shell: their offsets, like every offset no register
// occupies, read 0 here and ignore writes. Timing and the ports' contract:
// hw/ARCHITECTURE.md, "card_regs ports".
//
// Bus: a write takes effect at its clock edge; a read in cycle t returns the
// cycle-t value in cycle t+1 with reg_rd_valid, and reg_rdata is 0 at every
// other time, so the shell can OR several blocks' read data.
//
// SESS commands (regmap "Block SESS"): COMMIT and CLEAR pulse their strobes
// the cycle after the CMD write; READ asks session_table, session_lookup and
// encap_builder in the same cycle (sess_rd_valid) and takes all three answers
// one cycle later, so the staging words hold one consistent snapshot and the
// 64-bit byte counters cannot tear.
module card_regs #(
    parameter int DATA_W = 8,
    parameter int N_CH = 32,
    parameter int SESS_AW = 12,
    parameter int CLK_HZ = 250000000,
    parameter logic [31:0] RTL_VERSION = 32'h0001_0000,
    parameter logic [31:0] BUILD_ID = 32'h0000_0000,
    parameter int RESET_CYCLES = 16,
    parameter int CNT_INC_W = 8,
    parameter logic [15:0] CNT_NEXT = l2tp_card_pkg::CARD_BLK_PUNT_BASE,
    localparam int ENT_W = l2tp_card_pkg::SESS_ENTRY_W,
    localparam int CNT_SLOTS = l2tp_card_pkg::CARD_CNT_SLOTS
) (
    input  wire logic                       clk,
    input  wire logic                       rst,

    input  wire logic                       reg_wr_en,
    input  wire logic                       reg_rd_en,
    input  wire logic [15:0]                reg_addr,
    input  wire logic [31:0]                reg_wdata,
    output      logic [31:0]                reg_rdata,
    output      logic                       reg_rd_valid,

    input  wire logic                       dma_error,
    output      logic                       dp_soft_rst,
    output      logic                       dp_enable,

    output      logic [15:0]                cfg_l2tp_port,
    output      logic [31:0]                cfg_local_ip,
    output      logic [47:0]                cfg_local_mac,
    output      logic [4:0]                 cfg_policy,
    output      logic [15:0]                cfg_unbound_mru,
    output      logic [31:0]                cfg_unbound_accm,

    output      logic                       commit_valid,
    output      logic [SESS_AW-1:0]         commit_index,
    output      logic [ENT_W-1:0]           commit_entry,
    output      logic [31:0]                commit_seq,
    output      logic                       commit_zero_counters,
    output      logic                       clear_valid,
    output      logic [SESS_AW-1:0]         clear_index,
    output      logic                       sess_rd_valid,
    output      logic [SESS_AW-1:0]         sess_rd_index,
    input  wire logic [ENT_W-1:0]           tbl_rd_entry,
    input  wire logic [15:0]                rx_rd_nr,
    input  wire logic [31:0]                rx_rd_packets,
    input  wire logic [63:0]                rx_rd_bytes,
    input  wire logic [31:0]                rx_rd_drops,
    input  wire logic [31:0]                rx_rd_out_of_order,
    input  wire logic [15:0]                tx_rd_ns,
    input  wire logic [31:0]                tx_rd_packets,
    input  wire logic [63:0]                tx_rd_bytes,

    input  wire logic [CNT_SLOTS*CNT_INC_W-1:0] cnt_inc
);

    initial begin
        if (SESS_AW < 1 || SESS_AW > 16 || RESET_CYCLES < 1 || RESET_CYCLES > 65535
                || CNT_INC_W < $clog2(N_CH + 1) || CNT_INC_W > 32) begin
            $error("card_regs: SESS_AW %0d (1..16), RESET_CYCLES %0d (1..65535) or CNT_INC_W %0d (clog2(N_CH+1)..32) out of range",
                   SESS_AW, RESET_CYCLES, CNT_INC_W);
            $finish;
        end
    end

    localparam int RST_CW = $clog2(RESET_CYCLES + 1);
    localparam logic [RST_CW-1:0] RST_LOAD = RESET_CYCLES[RST_CW-1:0];
    localparam int STAGE_WORDS = l2tp_card_pkg::SESS_ENTRY_WORDS + 1;  // + ENT_SEQ
    localparam int SNAP_WORDS = 8;                                     // 0x60 .. 0x7C

    // ---- registers (*_reg) and their next values (*_next)
    logic [31:0] rdata_reg, rdata_next;
    logic rd_valid_reg, rd_valid_next;
    // CTRL
    logic [RST_CW-1:0] rst_cnt_reg, rst_cnt_next;  // soft-reset cycles left
    logic enable_reg, enable_next;
    logic [31:0] scratch_reg, scratch_next;
    // DP
    logic [15:0] l2tp_port_reg, l2tp_port_next;
    logic [31:0] local_ip_reg, local_ip_next;
    logic [15:0] mac_hi_reg, mac_hi_next;
    logic [31:0] mac_lo_reg, mac_lo_next;
    logic [4:0] policy_reg, policy_next;
    logic [15:0] unbound_mru_reg, unbound_mru_next;
    logic [31:0] unbound_accm_reg, unbound_accm_next;
    // SESS
    logic [31:0] index_reg, index_next;
    logic [8:0] cmd_reg, cmd_next;                   // non-zero: BUSY
    logic bad_index_reg, bad_index_next;
    logic bad_cmd_reg, bad_cmd_next;
    logic commit_valid_reg, commit_valid_next;
    logic clear_valid_reg, clear_valid_next;
    logic sess_rd_valid_reg, sess_rd_valid_next;
    logic rd_capture_reg, rd_capture_next;           // owners answer this cycle
    logic [STAGE_WORDS*32-1:0] stage_reg, stage_next;   // 0x20 .. 0x58
    logic [SNAP_WORDS*32-1:0] snapw_reg, snapw_next;    // 0x60 .. 0x7C

    // ---- the CNT bank (its own registers)
    logic cnt_snapshot, cnt_clear;
    logic [CNT_SLOTS*32-1:0] cnt_snap;

    card_cnt_bank #(
        .SLOTS(CNT_SLOTS),
        .HOLE(l2tp_card_pkg::CARD_CNT_HOLE),
        .INC_W(CNT_INC_W)
    ) u_cnt (
        .clk(clk),
        .rst(rst),
        .zero(dp_soft_rst),
        .snapshot(cnt_snapshot),
        .clear(cnt_clear),
        .inc(cnt_inc),
        .snap(cnt_snap)
    );

    // ---- outputs
    assign reg_rdata = rdata_reg;
    assign reg_rd_valid = rd_valid_reg;
    assign dp_soft_rst = rst_cnt_reg != '0;
    assign dp_enable = enable_reg;
    assign cfg_l2tp_port = l2tp_port_reg;
    assign cfg_local_ip = local_ip_reg;
    assign cfg_local_mac = {mac_hi_reg, mac_lo_reg};
    assign cfg_policy = policy_reg;
    assign cfg_unbound_mru = unbound_mru_reg;
    assign cfg_unbound_accm = unbound_accm_reg;
    // INDEX, CMD and the staging words ignore writes while BUSY, so these
    // hold still for the pulse that carries them.
    assign commit_valid = commit_valid_reg;
    assign commit_index = index_reg[SESS_AW-1:0];
    assign commit_entry = stage_reg[ENT_W-1:0];
    assign commit_seq = stage_reg[ENT_W +: 32];
    assign commit_zero_counters = cmd_reg[l2tp_card_pkg::CARD_SESS_CMD_ZERO_COUNTERS_BIT];
    assign clear_valid = clear_valid_reg;
    assign clear_index = index_reg[SESS_AW-1:0];
    assign sess_rd_valid = sess_rd_valid_reg;
    assign sess_rd_index = index_reg[SESS_AW-1:0];

    // ---- decode: block (address bits 15:8) and offset in it
    logic [7:0] blk;
    logic [7:0] off;
    logic wr_ctrl, wr_dp, wr_sess, wr_cnt;   // the ID block is read only
    logic [3:0] stage_word;                  // SESS staging word at off (mod 16)
    logic [5:0] cnt_slot;                    // CNT slot at off
    logic in_stage, in_snapw, in_cnt;
    // Registers are 4 bytes at aligned offsets (regmap: a narrower or
    // misaligned access is undefined), so address bits 1:0 carry nothing.
    logic unused_addr_lsb;
    assign unused_addr_lsb = ^reg_addr[1:0];
    assign blk = reg_addr[15:8];
    assign off = {reg_addr[7:2], 2'b00};
    assign stage_word = reg_addr[5:2] - l2tp_card_pkg::CARD_SESS_ENT_FLAGS[5:2];
    assign cnt_slot = reg_addr[7:2] - l2tp_card_pkg::CARD_CNT_FIRST[7:2];
    assign in_stage = off >= l2tp_card_pkg::CARD_SESS_ENT_FLAGS
        && off <= l2tp_card_pkg::CARD_SESS_ENT_SEQ;
    assign in_snapw = off >= l2tp_card_pkg::CARD_SESS_ENT_RX_PACKETS
        && off <= l2tp_card_pkg::CARD_SESS_ENT_OUT_OF_ORDER;
    assign in_cnt = off >= l2tp_card_pkg::CARD_CNT_FIRST && cnt_slot < CNT_SLOTS[5:0];
    assign wr_ctrl = reg_wr_en && blk == l2tp_card_pkg::CARD_BLK_CTRL_BASE[15:8];
    assign wr_dp = reg_wr_en && blk == l2tp_card_pkg::CARD_BLK_DP_BASE[15:8];
    assign wr_sess = reg_wr_en && blk == l2tp_card_pkg::CARD_BLK_SESS_BASE[15:8];
    assign wr_cnt = reg_wr_en && blk == l2tp_card_pkg::CARD_BLK_CNT_BASE[15:8];
    // CNT_CTRL bit 0 SNAPSHOT, bit 1 CLEAR (regmap "Block CNT")
    assign cnt_snapshot = wr_cnt && off == l2tp_card_pkg::CARD_CNT_CNT_CTRL && reg_wdata[0];
    assign cnt_clear = wr_cnt && off == l2tp_card_pkg::CARD_CNT_CNT_CTRL && reg_wdata[1];

    // Block header words (regmap "Layout BLK"), 0 past NEXT.
    function automatic logic [31:0] blk_header(input logic [7:0] o, input logic [31:0] typ,
                                               input logic [15:0] next);
        if (o == l2tp_card_pkg::CARD_BLK_TYPE)
            blk_header = typ;
        else if (o == l2tp_card_pkg::CARD_BLK_VERSION)
            blk_header = l2tp_card_pkg::CARD_BLK_VERSION_1_0;
        else if (o == l2tp_card_pkg::CARD_BLK_NEXT)
            blk_header = {16'h0000, next};
        else
            blk_header = 32'h0;
    endfunction

    // ---- read mux: the value of the addressed register this cycle
    logic [31:0] rd_value;
    always_comb begin
        logic busy;
        busy = cmd_reg != '0;
        rd_value = 32'h0;
        case (blk)
            l2tp_card_pkg::CARD_BLK_ID_BASE[15:8]: begin
                rd_value = blk_header(off, l2tp_card_pkg::CARD_BLK_ID_TYPE,
                                      l2tp_card_pkg::CARD_BLK_CTRL_BASE);
                case (off)
                    l2tp_card_pkg::CARD_ID_VENDOR_DEVICE:
                        rd_value = {l2tp_card_pkg::CARD_PCI_DEVICE_ID,
                                    l2tp_card_pkg::CARD_PCI_VENDOR_ID};
                    l2tp_card_pkg::CARD_ID_RTL_VERSION: rd_value = RTL_VERSION;
                    l2tp_card_pkg::CARD_ID_BUILD_ID: rd_value = BUILD_ID;
                    l2tp_card_pkg::CARD_ID_DATA_W: rd_value = DATA_W;
                    l2tp_card_pkg::CARD_ID_N_CH: rd_value = N_CH;
                    l2tp_card_pkg::CARD_ID_SESS_AW: rd_value = SESS_AW;
                    l2tp_card_pkg::CARD_ID_CLK_HZ: rd_value = CLK_HZ;
                    default: ;
                endcase
            end
            l2tp_card_pkg::CARD_BLK_CTRL_BASE[15:8]: begin
                rd_value = blk_header(off, l2tp_card_pkg::CARD_BLK_CTRL_TYPE,
                                      l2tp_card_pkg::CARD_BLK_DP_BASE);
                case (off)
                    l2tp_card_pkg::CARD_CTRL_CTRL: rd_value = {30'h0, enable_reg, dp_soft_rst};
                    l2tp_card_pkg::CARD_CTRL_STATUS: rd_value = {30'h0, dma_error, !dp_soft_rst};
                    l2tp_card_pkg::CARD_CTRL_SCRATCH: rd_value = scratch_reg;
                    default: ;
                endcase
            end
            l2tp_card_pkg::CARD_BLK_DP_BASE[15:8]: begin
                rd_value = blk_header(off, l2tp_card_pkg::CARD_BLK_DP_TYPE,
                                      l2tp_card_pkg::CARD_BLK_SESS_BASE);
                case (off)
                    l2tp_card_pkg::CARD_DP_L2TP_PORT: rd_value = {16'h0, l2tp_port_reg};
                    l2tp_card_pkg::CARD_DP_LOCAL_IP: rd_value = local_ip_reg;
                    l2tp_card_pkg::CARD_DP_LOCAL_MAC_HI: rd_value = {16'h0, mac_hi_reg};
                    l2tp_card_pkg::CARD_DP_LOCAL_MAC_LO: rd_value = mac_lo_reg;
                    l2tp_card_pkg::CARD_DP_POLICY: rd_value = {27'h0, policy_reg};
                    l2tp_card_pkg::CARD_DP_UNBOUND_MRU: rd_value = {16'h0, unbound_mru_reg};
                    l2tp_card_pkg::CARD_DP_UNBOUND_ACCM: rd_value = unbound_accm_reg;
                    default: ;
                endcase
            end
            l2tp_card_pkg::CARD_BLK_SESS_BASE[15:8]: begin
                rd_value = blk_header(off, l2tp_card_pkg::CARD_BLK_SESS_TYPE,
                                      l2tp_card_pkg::CARD_BLK_CNT_BASE);
                if (off == l2tp_card_pkg::CARD_SESS_INDEX)
                    rd_value = index_reg;
                else if (off == l2tp_card_pkg::CARD_SESS_CMD)
                    rd_value = {23'h0, cmd_reg};
                else if (off == l2tp_card_pkg::CARD_SESS_STATUS)
                    rd_value = {29'h0, bad_cmd_reg, bad_index_reg, busy};
                else if (in_stage)
                    rd_value = stage_reg[{stage_word, 5'b00000} +: 32];
                else if (in_snapw)  // 0x60 .. 0x7C: word off[4:2]
                    rd_value = snapw_reg[{off[4:2], 5'b00000} +: 32];
            end
            l2tp_card_pkg::CARD_BLK_CNT_BASE[15:8]: begin
                rd_value = blk_header(off, l2tp_card_pkg::CARD_BLK_CNT_TYPE, CNT_NEXT);
                // CNT_CTRL reads 0: its actions are done at the write's edge.
                if (in_cnt)
                    rd_value = cnt_snap[{cnt_slot, 5'b00000} +: 32];
            end
            default: ;
        endcase
    end

    // ---- next state
    always_comb begin
        logic busy;
        logic [7:0] cmd;
        logic cmd_ok, index_ok;
        busy = cmd_reg != '0;
        cmd = reg_wdata[7:0];

        rdata_next = reg_rd_en ? rd_value : 32'h0;
        rd_valid_next = reg_rd_en;

        rst_cnt_next = rst_cnt_reg - {{(RST_CW - 1){1'b0}}, dp_soft_rst};
        enable_next = enable_reg;
        scratch_next = scratch_reg;
        l2tp_port_next = l2tp_port_reg;
        local_ip_next = local_ip_reg;
        mac_hi_next = mac_hi_reg;
        mac_lo_next = mac_lo_reg;
        policy_next = policy_reg;
        unbound_mru_next = unbound_mru_reg;
        unbound_accm_next = unbound_accm_reg;
        index_next = index_reg;
        cmd_next = cmd_reg;
        bad_index_next = bad_index_reg;
        bad_cmd_next = bad_cmd_reg;
        commit_valid_next = 1'b0;
        clear_valid_next = 1'b0;
        sess_rd_valid_next = 1'b0;
        rd_capture_next = sess_rd_valid_reg;
        stage_next = stage_reg;
        snapw_next = snapw_reg;

        // CTRL
        if (wr_ctrl) begin
            case (off)
                l2tp_card_pkg::CARD_CTRL_CTRL: begin
                    enable_next = (reg_wdata & l2tp_card_pkg::CARD_CTRL_ENABLE) != 32'h0;
                    if ((reg_wdata & l2tp_card_pkg::CARD_CTRL_RESET) != 32'h0)
                        rst_cnt_next = RST_LOAD;
                end
                l2tp_card_pkg::CARD_CTRL_SCRATCH: scratch_next = reg_wdata;
                default: ;
            endcase
        end

        // DP
        if (wr_dp) begin
            case (off)
                l2tp_card_pkg::CARD_DP_L2TP_PORT: l2tp_port_next = reg_wdata[15:0];
                l2tp_card_pkg::CARD_DP_LOCAL_IP: local_ip_next = reg_wdata;
                l2tp_card_pkg::CARD_DP_LOCAL_MAC_HI: mac_hi_next = reg_wdata[15:0];
                l2tp_card_pkg::CARD_DP_LOCAL_MAC_LO: mac_lo_next = reg_wdata;
                l2tp_card_pkg::CARD_DP_POLICY: policy_next = reg_wdata[4:0];
                l2tp_card_pkg::CARD_DP_UNBOUND_MRU: unbound_mru_next = reg_wdata[15:0];
                l2tp_card_pkg::CARD_DP_UNBOUND_ACCM: unbound_accm_next = reg_wdata;
                default: ;
            endcase
        end

        // SESS: a command in flight finishes ...
        if (commit_valid_reg || clear_valid_reg)
            cmd_next = '0;
        if (rd_capture_reg) begin
            stage_next[ENT_W-1:0] = tbl_rd_entry;
            stage_next[ENT_W +: 32] = {tx_rd_ns, rx_rd_nr};
            snapw_next = {rx_rd_out_of_order, rx_rd_drops, tx_rd_bytes, tx_rd_packets,
                          rx_rd_bytes, rx_rd_packets};
            cmd_next = '0;
        end
        // ... and while none is, the host may set up and start the next.
        cmd_ok = cmd == l2tp_card_pkg::CARD_SESS_CMD_COMMIT
            || cmd == l2tp_card_pkg::CARD_SESS_CMD_READ
            || cmd == l2tp_card_pkg::CARD_SESS_CMD_CLEAR;
        // Session ID 0 names the tunnel itself (RFC 2661 §3.1): never an entry.
        index_ok = index_reg != 32'h0 && (index_reg >> SESS_AW) == 32'h0;
        if (wr_sess && !busy) begin
            if (off == l2tp_card_pkg::CARD_SESS_INDEX) begin
                index_next = reg_wdata;
            end else if (off == l2tp_card_pkg::CARD_SESS_CMD) begin
                bad_cmd_next = !cmd_ok;
                bad_index_next = !index_ok;
                if (cmd_ok && index_ok) begin
                    cmd_next = reg_wdata[8:0];
                    commit_valid_next = cmd == l2tp_card_pkg::CARD_SESS_CMD_COMMIT;
                    clear_valid_next = cmd == l2tp_card_pkg::CARD_SESS_CMD_CLEAR;
                    sess_rd_valid_next = cmd == l2tp_card_pkg::CARD_SESS_CMD_READ;
                end
            end else if (in_stage) begin
                stage_next[{stage_word, 5'b00000} +: 32] = reg_wdata;
            end
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            rdata_reg <= 32'h0;
            rd_valid_reg <= 1'b0;
            rst_cnt_reg <= '0;
            enable_reg <= 1'b0;
            scratch_reg <= 32'h0;
            l2tp_port_reg <= l2tp_card_pkg::L2TP_UDP_PORT;
            local_ip_reg <= 32'h0;
            mac_hi_reg <= 16'h0;
            mac_lo_reg <= 32'h0;
            policy_reg <= l2tp_card_pkg::CARD_POLICY_RESET;
            unbound_mru_reg <= l2tp_card_pkg::PPP_DEFAULT_MRU;
            unbound_accm_reg <= l2tp_card_pkg::PPP_DEFAULT_ACCM;
            index_reg <= 32'h0;
            cmd_reg <= '0;
            bad_index_reg <= 1'b0;
            bad_cmd_reg <= 1'b0;
            commit_valid_reg <= 1'b0;
            clear_valid_reg <= 1'b0;
            sess_rd_valid_reg <= 1'b0;
            rd_capture_reg <= 1'b0;
            stage_reg <= '0;
            snapw_reg <= '0;
        end else begin
            rdata_reg <= rdata_next;
            rd_valid_reg <= rd_valid_next;
            rst_cnt_reg <= rst_cnt_next;
            enable_reg <= enable_next;
            scratch_reg <= scratch_next;
            l2tp_port_reg <= l2tp_port_next;
            local_ip_reg <= local_ip_next;
            mac_hi_reg <= mac_hi_next;
            mac_lo_reg <= mac_lo_next;
            policy_reg <= policy_next;
            unbound_mru_reg <= unbound_mru_next;
            unbound_accm_reg <= unbound_accm_next;
            index_reg <= index_next;
            cmd_reg <= cmd_next;
            bad_index_reg <= bad_index_next;
            bad_cmd_reg <= bad_cmd_next;
            commit_valid_reg <= commit_valid_next;
            clear_valid_reg <= clear_valid_next;
            sess_rd_valid_reg <= sess_rd_valid_next;
            rd_capture_reg <= rd_capture_next;
            stage_reg <= stage_next;
            snapw_reg <= snapw_next;
        end
    end

endmodule

`resetall
