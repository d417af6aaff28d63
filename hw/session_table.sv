`resetall
`default_nettype none

// The session table (static part) and the channel table derived from it.
//
// Entries: 2^SESS_AW flat SESS_ENTRY_W vectors, direct-indexed by local
// session ID; word k is the regmap's ENT_* register at 0x20 + 4k
// (l2tp_card_pkg ENT_WORD_*). Entry 0 is never used (session ID 0 names the
// tunnel, RFC 2661 §3.1): COMMIT and CLEAR of index 0 do nothing.
//
//   commit_valid: entry commit_index := commit_entry, whole, in one cycle.
//   clear_valid:  entry clear_index's VALID := 0, in one cycle (a CLEAR in
//                 the same cycle as a COMMIT of the same index wins).
//
// Read ports A (session_lookup), B (encap_builder) and R (the register
// block's READ): index in, entry out on the next cycle (only then: later
// cycles are unspecified), one read per cycle per port, never stalling. A
// read in the same cycle as a COMMIT/CLEAR of the same index returns the
// entry as written (write-first), so a reader sees the table as of the end
// of its request cycle; either way it sees one whole version of the entry,
// never a mix.
//
// The channel table: for each ACCESS channel, whether a session is bound to
// it and which, with that session's receive ACCM, MRU and FCS mode. It
// changes only on COMMIT/CLEAR:
//   - a COMMIT of index i first unbinds every channel bound to i (its
//     binding may have changed), then, if the entry is VALID and not
//     BIND_HOST, binds channel ENT_BINDING[15:0] to i. If another session
//     held that channel, the later COMMIT wins: the channel now names i
//     (the earlier entry stays VALID but session_lookup no longer delivers
//     its packets to the channel) and ev_chan_steal pulses. A channel
//     number >= N_CH binds nothing and ev_bad_channel pulses.
//   - a CLEAR of index i unbinds every channel bound to i.
// Unbound channels export UNBOUND_MRU / UNBOUND_ACCM (DP block) and FCS-16.
//
// The entries are a RAM with one write port (COMMIT) and three synchronous
// read ports, read-first, so it maps to block RAM; the VALID bits are flops
// beside it (CLEAR and reset touch only them). Write-first is made after
// the RAM: each port registers whether its read hit this cycle's COMMIT
// (then it shows last_commit, a copy of the committed entry) or CLEAR, and
// the VALID bit at the read. Only the VALID bits, those flags and the
// channel table are reset.
module session_table #(
    parameter int SESS_AW = 6,          // log2 of the entries
    parameter int N_CH = 4              // ACCESS channels
) (
    input  wire                                  clk,
    input  wire                                  rst,

    input  wire                                  commit_valid,
    input  wire [SESS_AW-1:0]                    commit_index,
    input  wire [l2tp_card_pkg::SESS_ENTRY_W-1:0] commit_entry,
    input  wire                                  clear_valid,
    input  wire [SESS_AW-1:0]                    clear_index,

    input  wire                                  a_req_valid,
    input  wire [SESS_AW-1:0]                    a_req_index,
    output logic [l2tp_card_pkg::SESS_ENTRY_W-1:0] a_entry,
    input  wire                                  b_req_valid,
    input  wire [SESS_AW-1:0]                    b_req_index,
    output logic [l2tp_card_pkg::SESS_ENTRY_W-1:0] b_entry,
    input  wire [SESS_AW-1:0]                    rd_index,
    output logic [l2tp_card_pkg::SESS_ENTRY_W-1:0] rd_entry,

    input  wire [15:0]                           unbound_mru,
    input  wire [31:0]                           unbound_accm,
    output logic [N_CH-1:0]                      chan_bound,
    output logic [N_CH*SESS_AW-1:0]              chan_sess,
    output logic [N_CH*32-1:0]                   chan_rx_accm,
    output logic [N_CH*16-1:0]                   chan_mru,
    output logic [N_CH-1:0]                      chan_fcs32,
    output logic                                 ev_chan_steal,
    output logic                                 ev_bad_channel
);
    localparam int EW = l2tp_card_pkg::SESS_ENTRY_W;
    localparam int DEPTH = 1 << SESS_AW;

    initial begin
        if (SESS_AW < 1 || SESS_AW > 16) begin
            $error("session_table: SESS_AW %0d is outside 1..16", SESS_AW);
            $finish;
        end
        if (N_CH < 1 || N_CH > 256) begin
            $error("session_table: N_CH %0d is outside 1..256", N_CH);
            $finish;
        end
    end

    // The entry a read port shows: the RAM's word with the VALID bit of the
    // read cycle, or the entry committed in that cycle; a CLEAR in that
    // cycle clears VALID.
    function automatic logic [EW-1:0] entry_out(
        input logic [EW-1:0] raw, input logic byp, input logic clr, input logic vld,
        input logic [EW-1:0] committed);
        logic [EW-1:0] e;
        e = raw;
        e[l2tp_card_pkg::ENT_FLAG_VALID] = vld;
        if (byp)
            e = committed;
        if (clr)
            e[l2tp_card_pkg::ENT_FLAG_VALID] = 1'b0;
        entry_out = e;
    endfunction

    logic [EW-1:0]           mem [DEPTH];
    logic                    mem_we;

    logic [DEPTH-1:0]        valid_reg, valid_next;
    logic [EW-1:0]           a_raw_reg, b_raw_reg, r_raw_reg;   // RAM read ports
    logic [EW-1:0]           last_commit_reg, last_commit_next;
    // per port: read hit a COMMIT, a CLEAR; VALID bit at the read
    logic                    a_byp_reg, a_byp_next, a_clr_reg, a_clr_next, a_vld_reg, a_vld_next;
    logic                    b_byp_reg, b_byp_next, b_clr_reg, b_clr_next, b_vld_reg, b_vld_next;
    logic                    r_byp_reg, r_byp_next, r_clr_reg, r_clr_next, r_vld_reg, r_vld_next;
    logic [N_CH-1:0]         chan_bound_reg, chan_bound_next;
    logic [N_CH*SESS_AW-1:0] chan_sess_reg, chan_sess_next;
    logic [N_CH*32-1:0]      chan_accm_reg, chan_accm_next;
    logic [N_CH*16-1:0]      chan_mru_reg, chan_mru_next;
    logic [N_CH-1:0]         chan_fcs32_reg, chan_fcs32_next;
    logic                    ev_chan_steal_reg, ev_chan_steal_next;
    logic                    ev_bad_channel_reg, ev_bad_channel_next;

    logic                    do_commit, do_clear;
    logic [31:0]             c_flags, c_binding;
    logic [15:0]             c_chan;

    always_comb begin
        do_commit = commit_valid && commit_index != '0;
        do_clear = clear_valid && clear_index != '0;
        c_flags = commit_entry[l2tp_card_pkg::ENT_WORD_FLAGS*32 +: 32];
        c_binding = commit_entry[l2tp_card_pkg::ENT_WORD_BINDING*32 +: 32];
        c_chan = c_binding[15:0];
        mem_we = do_commit;

        valid_next = valid_reg;
        if (do_commit)
            valid_next[commit_index] = c_flags[l2tp_card_pkg::ENT_FLAG_VALID];
        if (do_clear)
            valid_next[clear_index] = 1'b0;

        last_commit_next = do_commit ? commit_entry : last_commit_reg;
        a_byp_next = a_byp_reg;
        a_clr_next = a_clr_reg;
        a_vld_next = a_vld_reg;
        if (a_req_valid) begin
            a_byp_next = do_commit && commit_index == a_req_index;
            a_clr_next = do_clear && clear_index == a_req_index;
            a_vld_next = valid_reg[a_req_index];
        end
        b_byp_next = b_byp_reg;
        b_clr_next = b_clr_reg;
        b_vld_next = b_vld_reg;
        if (b_req_valid) begin
            b_byp_next = do_commit && commit_index == b_req_index;
            b_clr_next = do_clear && clear_index == b_req_index;
            b_vld_next = valid_reg[b_req_index];
        end
        r_byp_next = do_commit && commit_index == rd_index;
        r_clr_next = do_clear && clear_index == rd_index;
        r_vld_next = valid_reg[rd_index];
        a_entry = entry_out(a_raw_reg, a_byp_reg, a_clr_reg, a_vld_reg, last_commit_reg);
        b_entry = entry_out(b_raw_reg, b_byp_reg, b_clr_reg, b_vld_reg, last_commit_reg);
        rd_entry = entry_out(r_raw_reg, r_byp_reg, r_clr_reg, r_vld_reg, last_commit_reg);

        // ---- channel table
        chan_bound_next = chan_bound_reg;
        chan_sess_next = chan_sess_reg;
        chan_accm_next = chan_accm_reg;
        chan_mru_next = chan_mru_reg;
        chan_fcs32_next = chan_fcs32_reg;
        ev_chan_steal_next = 1'b0;
        ev_bad_channel_next = 1'b0;
        if (do_commit) begin
            for (int c = 0; c < N_CH; c++) begin
                if (chan_bound_reg[c] && chan_sess_reg[c*SESS_AW +: SESS_AW] == commit_index)
                    chan_bound_next[c] = 1'b0;
            end
            if (c_flags[l2tp_card_pkg::ENT_FLAG_VALID]
                    && !c_flags[l2tp_card_pkg::ENT_FLAG_BIND_HOST]) begin
                if ({16'd0, c_chan} >= N_CH) begin
                    ev_bad_channel_next = 1'b1;
                end
                for (int c = 0; c < N_CH; c++) begin
                    if (c_chan == 16'(c)) begin
                        ev_chan_steal_next = chan_bound_reg[c]
                            && chan_sess_reg[c*SESS_AW +: SESS_AW] != commit_index;
                        chan_bound_next[c] = 1'b1;
                        chan_sess_next[c*SESS_AW +: SESS_AW] = commit_index;
                        chan_accm_next[c*32 +: 32] =
                            commit_entry[l2tp_card_pkg::ENT_WORD_RX_ACCM*32 +: 32];
                        chan_mru_next[c*16 +: 16] = c_binding[31:16];
                        chan_fcs32_next[c] = c_flags[l2tp_card_pkg::ENT_FLAG_FCS32];
                    end
                end
            end
        end
        if (do_clear) begin
            for (int c = 0; c < N_CH; c++) begin
                if (chan_bound_next[c] && chan_sess_next[c*SESS_AW +: SESS_AW] == clear_index)
                    chan_bound_next[c] = 1'b0;
            end
        end

        // ---- exported channel configuration
        for (int c = 0; c < N_CH; c++) begin
            chan_rx_accm[c*32 +: 32] = chan_bound_reg[c] ? chan_accm_reg[c*32 +: 32] : unbound_accm;
            chan_mru[c*16 +: 16] = chan_bound_reg[c] ? chan_mru_reg[c*16 +: 16] : unbound_mru;
            chan_fcs32[c] = chan_bound_reg[c] && chan_fcs32_reg[c];
        end
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            valid_reg <= '0;
            a_byp_reg <= 1'b0;
            a_clr_reg <= 1'b0;
            a_vld_reg <= 1'b0;
            b_byp_reg <= 1'b0;
            b_clr_reg <= 1'b0;
            b_vld_reg <= 1'b0;
            r_byp_reg <= 1'b0;
            r_clr_reg <= 1'b0;
            r_vld_reg <= 1'b0;
            chan_bound_reg <= '0;
            chan_sess_reg <= '0;
            chan_accm_reg <= '0;
            chan_mru_reg <= '0;
            chan_fcs32_reg <= '0;
            ev_chan_steal_reg <= 1'b0;
            ev_bad_channel_reg <= 1'b0;
        end else begin
            valid_reg <= valid_next;
            a_byp_reg <= a_byp_next;
            a_clr_reg <= a_clr_next;
            a_vld_reg <= a_vld_next;
            b_byp_reg <= b_byp_next;
            b_clr_reg <= b_clr_next;
            b_vld_reg <= b_vld_next;
            r_byp_reg <= r_byp_next;
            r_clr_reg <= r_clr_next;
            r_vld_reg <= r_vld_next;
            chan_bound_reg <= chan_bound_next;
            chan_sess_reg <= chan_sess_next;
            chan_accm_reg <= chan_accm_next;
            chan_mru_reg <= chan_mru_next;
            chan_fcs32_reg <= chan_fcs32_next;
            ev_chan_steal_reg <= ev_chan_steal_next;
            ev_bad_channel_reg <= ev_bad_channel_next;
        end
        // The RAM, its read registers and the committed copy are not reset:
        // the VALID bits and the ports' flags are.
        if (mem_we)
            mem[commit_index] <= commit_entry;
        if (a_req_valid)
            a_raw_reg <= mem[a_req_index];
        if (b_req_valid)
            b_raw_reg <= mem[b_req_index];
        r_raw_reg <= mem[rd_index];
        last_commit_reg <= last_commit_next;
    end

    assign chan_bound = chan_bound_reg;
    assign chan_sess = chan_sess_reg;
    assign ev_chan_steal = ev_chan_steal_reg;
    assign ev_bad_channel = ev_bad_channel_reg;
endmodule

`resetall
