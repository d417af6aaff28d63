`resetall
`default_nettype none

// The CNT block's global counters (hw/regmap.md, block CNT): one 32-bit
// wrapping counter per slot and its readable copy.
//
// Slot k is the register at 0x40 + 4k; every cycle it adds its increment
// (cnt_inc[k*INC_W +: INC_W]), so a stage that sees several events in one
// cycle (N_CH deframers) adds them all. The slot HOLE (0x7C: there is no
// NET_RX reason 15) has no counter, reads 0 and ignores its increment.
//
// At each clock edge, for every slot at once:
//   count <= (clear ? 0 : count) + inc     an event in the CLEAR cycle is kept
//   snap  <= snapshot ? count              the value before this cycle's inc
//          : clear ? 0 : snap
// so SNAPSHOT and CLEAR together hand each event to exactly one of the two.
// zero (the soft reset) holds both at 0 and ignores the increments.
module card_cnt_bank #(
    parameter int SLOTS = 31,
    parameter int HOLE = 15,
    parameter int INC_W = 8
) (
    input  wire logic                   clk,
    input  wire logic                   rst,

    input  wire logic                   zero,
    input  wire logic                   snapshot,
    input  wire logic                   clear,
    input  wire logic [SLOTS*INC_W-1:0] inc,

    output      logic [SLOTS*32-1:0]    snap      // the readable registers
);

    initial begin
        if (INC_W < 1 || INC_W > 32 || HOLE >= SLOTS) begin
            $error("card_cnt_bank: INC_W %0d outside 1..32 or HOLE %0d beyond SLOTS %0d",
                   INC_W, HOLE, SLOTS);
            $finish;
        end
    end

    logic [SLOTS*32-1:0] count_reg, count_next;
    logic [SLOTS*32-1:0] snap_reg, snap_next;

    assign snap = snap_reg;

    always_comb begin
        count_next = count_reg;
        snap_next = snap_reg;
        for (int k = 0; k < SLOTS; k = k + 1) begin
            if (k == HOLE || zero) begin
                count_next[k*32 +: 32] = 32'h0;
                snap_next[k*32 +: 32] = 32'h0;
            end else begin
                count_next[k*32 +: 32] = (clear ? 32'h0 : count_reg[k*32 +: 32])
                    + {{(32 - INC_W){1'b0}}, inc[k*INC_W +: INC_W]};
                if (snapshot)
                    snap_next[k*32 +: 32] = count_reg[k*32 +: 32];
                else if (clear)
                    snap_next[k*32 +: 32] = 32'h0;
            end
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            count_reg <= '0;
            snap_reg <= '0;
        end else begin
            count_reg <= count_next;
            snap_reg <= snap_next;
        end
    end

endmodule

`resetall
