`resetall
`default_nettype none

// Store-and-forward frame buffer of one ACCESS channel, behind its
// hdlc_deframer (hw/ARCHITECTURE.md "ACCESS receive ports").
//
// Write side, one octet per cycle, never stalled (s_tready is 1: the line
// cannot wait): octets are packed into DATA_W-octet words and written into
// the RAM; at tlast the deframer's outcome (s_tuser, HDLC_RX_*) decides:
// HDLC_RX_FRAME commits the frame (its length goes into the length queue),
// anything else rolls the write pointer back, so a bad frame never leaves.
// A frame that does not fit (RAM or length queue full) is discarded the same
// way and counted (cnt_overflow, one pulse per frame at its tlast).
//
// Read side, one beat per cycle: committed frames leave as packed DATA_W
// beats (every beat full but the last) with m_len = the frame's octets, so
// encap_builder can build its headers before the first octet moves. The RAM
// reads synchronously (block RAM); a two-entry output queue, refilled one
// read ahead, keeps m_tvalid up every cycle while m_tready is.
module access_rx_buffer #(
    parameter int DATA_W = 8,       // octets per output beat
    parameter int DEPTH_LOG2 = 8,   // RAM words (DATA_W octets each), log2
    parameter int LQ_LOG2 = 2       // committed frames waiting, log2
) (
    input  wire logic                 clk,
    input  wire logic                 rst,

    input  wire logic [7:0]           s_tdata,
    input  wire logic                 s_tvalid,
    output      logic                 s_tready,
    input  wire logic                 s_tlast,
    input  wire logic [2:0]           s_tuser,     // HDLC_RX_* at tlast

    output      logic [DATA_W*8-1:0]  m_tdata,
    output      logic [DATA_W-1:0]    m_tkeep,
    output      logic                 m_tvalid,
    input  wire logic                 m_tready,
    output      logic                 m_tlast,
    output      logic [15:0]          m_len,

    output      logic                 cnt_overflow
);
    localparam int DEPTH = 1 << DEPTH_LOG2;
    localparam int LQ_D = 1 << LQ_LOG2;
    localparam int LANE_W = $clog2(DATA_W);

    initial begin
        if (DATA_W != 8 && DATA_W != 16) begin
            $error("access_rx_buffer: DATA_W %0d is not 8 or 16", DATA_W);
            $finish;
        end
        // At most 32768 octets buffered, so a frame that fits has a 16-bit length.
        if (DEPTH_LOG2 < 2 || DEPTH_LOG2 + $clog2(DATA_W) > 15 || LQ_LOG2 < 1 || LQ_LOG2 > 8) begin
            $error("access_rx_buffer: bad DEPTH_LOG2 %0d / LQ_LOG2 %0d", DEPTH_LOG2, LQ_LOG2);
            $finish;
        end
    end

    // ---- write side
    logic [DATA_W*8-1:0] wr_word_reg, wr_word_next;     // octets of the word being filled
    logic [LANE_W-1:0] wr_fill_reg, wr_fill_next;       // octets in it
    logic [DEPTH_LOG2:0] wr_ptr_reg, wr_ptr_next;       // next word to write
    logic [DEPTH_LOG2:0] commit_ptr_reg, commit_ptr_next; // end of the last committed frame
    logic [15:0] flen_reg, flen_next;                   // octets of the frame so far
    logic drop_reg, drop_next;                          // the frame did not fit
    logic cnt_overflow_reg, cnt_overflow_next;

    // ---- length queue (committed frames)
    logic [LQ_D*16-1:0] lq_reg, lq_next;
    logic [LQ_LOG2-1:0] lq_rd_reg, lq_rd_next;
    logic [LQ_LOG2-1:0] lq_wr_reg, lq_wr_next;
    logic [LQ_LOG2:0] lq_cnt_reg, lq_cnt_next;

    // ---- read side
    logic [DEPTH_LOG2:0] rd_ptr_reg, rd_ptr_next;       // next word to read
    logic active_reg, active_next;                      // inside a frame's reads
    logic [15:0] left_reg, left_next;                   // its octets not yet read
    logic [15:0] cur_len_reg, cur_len_next;
    logic pend_reg, pend_next;                          // a read's data arrives now
    logic [DATA_W-1:0] pend_keep_reg, pend_keep_next;
    logic pend_last_reg, pend_last_next;
    logic [15:0] pend_len_reg, pend_len_next;
    // two-entry output queue; entry 0 drives m_*
    logic [2*DATA_W*8-1:0] q_data_reg, q_data_next;
    logic [2*DATA_W-1:0] q_keep_reg, q_keep_next;
    logic [1:0] q_last_reg, q_last_next;
    logic [2*16-1:0] q_len_reg, q_len_next;
    logic [1:0] q_cnt_reg, q_cnt_next;

    // ---- the RAM: written and read synchronously (block RAM)
    logic [DATA_W*8-1:0] mem [DEPTH];
    logic [DATA_W*8-1:0] rd_q;                          // the RAM's read register
    logic mem_we;
    logic [DEPTH_LOG2-1:0] mem_waddr;
    logic [DATA_W*8-1:0] mem_wdata;
    logic mem_re;
    logic [DEPTH_LOG2-1:0] mem_raddr;

    assign s_tready = 1'b1;
    assign m_tdata = q_data_reg[DATA_W*8-1:0];
    assign m_tkeep = q_keep_reg[DATA_W-1:0];
    assign m_tlast = q_last_reg[0];
    assign m_len = q_len_reg[15:0];
    assign m_tvalid = q_cnt_reg != 2'd0;
    assign cnt_overflow = cnt_overflow_reg;

    always_comb begin
        logic [DATA_W*8-1:0] word_now;
        logic word_done, fits, good;
        logic pop, issue;
        logic [15:0] left, len;
        logic [1:0] occ;

        wr_word_next = wr_word_reg;
        wr_fill_next = wr_fill_reg;
        wr_ptr_next = wr_ptr_reg;
        commit_ptr_next = commit_ptr_reg;
        flen_next = flen_reg;
        drop_next = drop_reg;
        cnt_overflow_next = 1'b0;
        lq_next = lq_reg;
        lq_rd_next = lq_rd_reg;
        lq_wr_next = lq_wr_reg;
        rd_ptr_next = rd_ptr_reg;
        active_next = active_reg;
        left_next = left_reg;
        cur_len_next = cur_len_reg;
        pend_next = 1'b0;
        pend_keep_next = pend_keep_reg;
        pend_last_next = pend_last_reg;
        pend_len_next = pend_len_reg;
        q_data_next = q_data_reg;
        q_keep_next = q_keep_reg;
        q_last_next = q_last_reg;
        q_len_next = q_len_reg;
        good = 1'b0;
        mem_we = 1'b0;
        mem_waddr = wr_ptr_reg[DEPTH_LOG2-1:0];
        mem_wdata = '0;
        mem_re = 1'b0;
        mem_raddr = rd_ptr_reg[DEPTH_LOG2-1:0];

        // ---- read side: output queue pop, arrival, next read
        pop = q_cnt_reg != 2'd0 && m_tready;
        if (pop) begin
            q_data_next = {{DATA_W*8{1'b0}}, q_data_reg[2*DATA_W*8-1:DATA_W*8]};
            q_keep_next = {{DATA_W{1'b0}}, q_keep_reg[2*DATA_W-1:DATA_W]};
            q_last_next = {1'b0, q_last_reg[1]};
            q_len_next = {16'd0, q_len_reg[31:16]};
        end
        occ = q_cnt_reg - {1'b0, pop};
        if (pend_reg) begin
            // the read issued last cycle lands behind what stays queued
            if (occ == 2'd0) begin
                q_data_next[DATA_W*8-1:0] = rd_q;
                q_keep_next[DATA_W-1:0] = pend_keep_reg;
                q_last_next[0] = pend_last_reg;
                q_len_next[15:0] = pend_len_reg;
            end else begin
                q_data_next[2*DATA_W*8-1:DATA_W*8] = rd_q;
                q_keep_next[2*DATA_W-1:DATA_W] = pend_keep_reg;
                q_last_next[1] = pend_last_reg;
                q_len_next[31:16] = pend_len_reg;
            end
            occ = occ + 2'd1;
        end
        q_cnt_next = occ;

        // A read now lands next cycle; issue it only if a slot is sure to be free.
        if (active_reg) begin
            left = left_reg;
            len = cur_len_reg;
        end else begin
            left = lq_reg[lq_rd_reg*16 +: 16];
            len = left;
        end
        issue = occ != 2'd2 && (active_reg || lq_cnt_reg != '0);
        if (issue) begin
            mem_re = 1'b1;
            rd_ptr_next = rd_ptr_reg + 1'b1;
            pend_next = 1'b1;
            for (int i = 0; i < DATA_W; i++)
                pend_keep_next[i] = left > 16'(i);
            pend_last_next = left <= 16'(DATA_W);
            pend_len_next = len;
            cur_len_next = len;
            left_next = left - 16'(DATA_W);
            active_next = left > 16'(DATA_W);
            if (!active_reg)
                lq_rd_next = lq_rd_reg + 1'b1;  // the frame's length is ours now
        end

        // ---- write side
        word_now = wr_word_reg;
        word_now[wr_fill_reg*8 +: 8] = s_tdata;
        word_done = (wr_fill_reg == LANE_W'(DATA_W - 1)) || s_tlast;
        fits = (wr_ptr_reg - rd_ptr_reg) != (DEPTH_LOG2+1)'(DEPTH);
        if (s_tvalid) begin
            flen_next = flen_reg + 16'd1;
            wr_fill_next = wr_fill_reg + 1'b1;
            wr_word_next = word_now;
            if (word_done) begin
                wr_fill_next = '0;
                wr_word_next = '0;
                if (!drop_reg && fits) begin
                    mem_we = 1'b1;
                    mem_wdata = word_now;
                    wr_ptr_next = wr_ptr_reg + 1'b1;
                end else begin
                    drop_next = 1'b1;
                end
            end
            if (s_tlast) begin
                good = s_tuser == l2tp_card_pkg::HDLC_RX_FRAME && !drop_next
                    && lq_cnt_reg != (LQ_LOG2+1)'(LQ_D);
                if (good) begin
                    lq_next[lq_wr_reg*16 +: 16] = flen_reg + 16'd1;
                    lq_wr_next = lq_wr_reg + 1'b1;
                    commit_ptr_next = wr_ptr_next;
                end else begin
                    wr_ptr_next = commit_ptr_reg;
                    cnt_overflow_next = s_tuser == l2tp_card_pkg::HDLC_RX_FRAME;
                end
                flen_next = '0;
                drop_next = 1'b0;
            end
        end
        lq_cnt_next = lq_cnt_reg + (LQ_LOG2+1)'(s_tvalid && s_tlast && good)
            - (LQ_LOG2+1)'(issue && !active_reg);

        if (rst) begin
            wr_fill_next = '0;
            wr_word_next = '0;
            wr_ptr_next = '0;
            commit_ptr_next = '0;
            flen_next = '0;
            drop_next = 1'b0;
            cnt_overflow_next = 1'b0;
            lq_rd_next = '0;
            lq_wr_next = '0;
            lq_cnt_next = '0;
            rd_ptr_next = '0;
            active_next = 1'b0;
            pend_next = 1'b0;
            q_cnt_next = '0;
            mem_we = 1'b0;
        end
    end

    always_ff @(posedge clk) begin
        wr_word_reg <= wr_word_next;
        wr_fill_reg <= wr_fill_next;
        wr_ptr_reg <= wr_ptr_next;
        commit_ptr_reg <= commit_ptr_next;
        flen_reg <= flen_next;
        drop_reg <= drop_next;
        cnt_overflow_reg <= cnt_overflow_next;
        lq_reg <= lq_next;
        lq_rd_reg <= lq_rd_next;
        lq_wr_reg <= lq_wr_next;
        lq_cnt_reg <= lq_cnt_next;
        rd_ptr_reg <= rd_ptr_next;
        active_reg <= active_next;
        left_reg <= left_next;
        cur_len_reg <= cur_len_next;
        pend_reg <= pend_next;
        pend_keep_reg <= pend_keep_next;
        pend_last_reg <= pend_last_next;
        pend_len_reg <= pend_len_next;
        q_data_reg <= q_data_next;
        q_keep_reg <= q_keep_next;
        q_last_reg <= q_last_next;
        q_len_reg <= q_len_next;
        q_cnt_reg <= q_cnt_next;
    end

    // The RAM, apart so that synthesis infers a simple dual-port block RAM.
    always_ff @(posedge clk) begin
        if (mem_we)
            mem[mem_waddr] <= mem_wdata;
        if (mem_re)
            rd_q <= mem[mem_raddr];
    end
endmodule

`resetall
