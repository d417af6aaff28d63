`resetall
`default_nettype none

// Frame FIFO of net_rx_dispatch: holds NET frames (the parser's pass-through
// beats) until their resolved descriptor arrives.
//
// Only whole frames are visible to the reader: a frame's beats become
// readable when its last beat is written (commit pointer), so the reader
// never starts a frame that is still arriving.
//
// A frame that does not fit is dropped without stalling the writer for
// long: when a beat arrives while the FIFO is full in the middle of a frame,
// the frame's beats are taken back (the write pointer returns to the frame's
// start), a one-beat marker (m_tdrop = 1, m_tlast = 1, tkeep 0) is committed
// in their place, the rest of the frame is accepted and discarded, and
// ev_overflow pulses. The marker keeps frames and descriptors paired: the
// parser still sends a descriptor for that frame. s_tready is low only at a
// frame's first beat while the FIFO is full, which clears as the reader
// drains frames whose descriptors are already on their way.
//
// The storage is a RAM (mem written in always_ff under a write enable
// computed in always_comb), not a *_reg/*_next pair: copying the whole array
// every cycle would be pointless in hardware and slow in simulation.
module net_rx_frame_fifo #(
    parameter int DATA_W = 8,           // octets per beat
    parameter int DEPTH_LOG2 = 5        // 2**DEPTH_LOG2 beats
) (
    input  wire                  clk,
    input  wire                  rst,

    input  wire [DATA_W*8-1:0]   s_tdata,
    input  wire [DATA_W-1:0]     s_tkeep,
    input  wire                  s_tvalid,
    output logic                 s_tready,
    input  wire                  s_tlast,

    output logic [DATA_W*8-1:0]  m_tdata,
    output logic [DATA_W-1:0]    m_tkeep,
    output logic                 m_tvalid,
    input  wire                  m_tready,
    output logic                 m_tlast,
    output logic                 m_tdrop,      // overflow marker (the frame was dropped)

    output logic                 ev_overflow   // one pulse per dropped frame
);
    localparam int DEPTH = 1 << DEPTH_LOG2;
    localparam int ENTRY_W = DATA_W * 8 + DATA_W + 2;   // {drop, last, keep, data}
    localparam int PTR_W = DEPTH_LOG2 + 1;              // one extra bit tells full from empty

    initial begin
        if (DEPTH_LOG2 < 1 || DEPTH_LOG2 > 16) begin
            $error("net_rx_frame_fifo: DEPTH_LOG2 %0d is outside 1..16", DEPTH_LOG2);
            $finish;
        end
    end

    logic [ENTRY_W-1:0] mem [DEPTH];

    logic [PTR_W-1:0] wptr_reg, wptr_next;     // next entry to write
    logic [PTR_W-1:0] cptr_reg, cptr_next;     // end of the committed frames
    logic [PTR_W-1:0] rptr_reg, rptr_next;     // next entry to read
    logic             in_frame_reg, in_frame_next;   // beats of an unfinished frame written
    logic             dropping_reg, dropping_next;   // discarding the rest of a dropped frame

    logic               mem_we;
    logic [DEPTH_LOG2-1:0] mem_waddr;
    logic [ENTRY_W-1:0] mem_wdata;

    logic [PTR_W-1:0] used;
    logic             full;
    assign used = wptr_reg - rptr_reg;
    assign full = used == PTR_W'(DEPTH);

    logic [ENTRY_W-1:0] head;
    assign head = mem[rptr_reg[DEPTH_LOG2-1:0]];
    assign m_tdata = head[DATA_W*8-1:0];
    assign m_tkeep = head[DATA_W*8 +: DATA_W];
    assign m_tlast = head[DATA_W*9];
    assign m_tdrop = head[DATA_W*9+1];
    assign m_tvalid = cptr_reg != rptr_reg;

    always_comb begin
        logic accept;
        wptr_next = wptr_reg;
        cptr_next = cptr_reg;
        rptr_next = rptr_reg;
        in_frame_next = in_frame_reg;
        dropping_next = dropping_reg;
        mem_we = 1'b0;
        mem_waddr = wptr_reg[DEPTH_LOG2-1:0];
        mem_wdata = {1'b0, s_tlast, s_tkeep, s_tdata};
        ev_overflow = 1'b0;

        // Stall only a frame's first beat, and only while full.
        s_tready = !(full && !in_frame_reg && !dropping_reg);
        accept = s_tvalid && s_tready;

        if (accept) begin
            if (dropping_reg) begin
                dropping_next = !s_tlast;
            end else if (full) begin
                // In the middle of a frame (the first beat never gets here
                // while full): take the frame back and commit a marker.
                mem_we = 1'b1;
                mem_waddr = cptr_reg[DEPTH_LOG2-1:0];
                mem_wdata = {1'b1, 1'b1, {DATA_W{1'b0}}, {DATA_W*8{1'b0}}};
                wptr_next = cptr_reg + 1'b1;
                cptr_next = cptr_reg + 1'b1;
                in_frame_next = 1'b0;
                dropping_next = !s_tlast;
                ev_overflow = 1'b1;
            end else begin
                mem_we = 1'b1;
                wptr_next = wptr_reg + 1'b1;
                in_frame_next = !s_tlast;
                if (s_tlast)
                    cptr_next = wptr_reg + 1'b1;
            end
        end

        if (m_tvalid && m_tready)
            rptr_next = rptr_reg + 1'b1;
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            wptr_reg <= '0;
            cptr_reg <= '0;
            rptr_reg <= '0;
            in_frame_reg <= 1'b0;
            dropping_reg <= 1'b0;
        end else begin
            wptr_reg <= wptr_next;
            cptr_reg <= cptr_next;
            rptr_reg <= rptr_next;
            in_frame_reg <= in_frame_next;
            dropping_reg <= dropping_next;
        end
    end

    // The RAM: not reset (the pointers say what is valid).
    always_ff @(posedge clk) begin
        if (mem_we)
            mem[mem_waddr] <= mem_wdata;
    end
endmodule

`resetall
