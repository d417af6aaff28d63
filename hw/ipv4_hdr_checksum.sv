`resetall
`default_nettype none

// IPv4 header checksum check (RFC 791 §3.1, RFC 1071): the one's-complement
// sum of the header's 16-bit words, checksum field included, is 0xFFFF for an
// intact header. Combinational; the header may carry options (IHL up to 15).
// The 30 words are added as a balanced tree (5 adder levels, not a chain of
// 30), then the carries are folded back twice (RFC 1071 §2, end-around carry).
module ipv4_hdr_checksum (
    // The 60 octets an IPv4 header can span (IHL 15), first octet in [7:0].
    input  wire [60*8-1:0] ip_hdr,
    input  wire [3:0]      ihl,      // header length in 32-bit words
    output logic           ok
);
    localparam int WORDS = 30;

    // Level k holds partial sums of 2^k words, each 16 + k bits wide.
    logic [WORDS*16-1:0] l0;         // 30 words; those past IHL are zero
    logic [15*17-1:0]    l1;         // 15 sums of 2
    logic [8*18-1:0]     l2;         // 8 sums of up to 2 (the last passes through)
    logic [4*19-1:0]     l3;
    logic [2*20-1:0]     l4;
    logic [20:0]         sum;
    logic [16:0]         fold1;
    logic [15:0]         fold2;

    always_comb begin
        for (int i = 0; i < WORDS; i++) begin
            // Only the words inside the IHL-long header count.
            l0[i*16 +: 16] = (5'(i) < {ihl, 1'b0})
                ? {ip_hdr[(2*i)*8 +: 8], ip_hdr[(2*i+1)*8 +: 8]} : 16'd0;
        end
        for (int i = 0; i < 15; i++) begin
            l1[i*17 +: 17] = {1'b0, l0[(2*i)*16 +: 16]} + {1'b0, l0[(2*i+1)*16 +: 16]};
        end
        for (int i = 0; i < 7; i++) begin
            l2[i*18 +: 18] = {1'b0, l1[(2*i)*17 +: 17]} + {1'b0, l1[(2*i+1)*17 +: 17]};
        end
        l2[7*18 +: 18] = {1'b0, l1[14*17 +: 17]};
        for (int i = 0; i < 4; i++) begin
            l3[i*19 +: 19] = {1'b0, l2[(2*i)*18 +: 18]} + {1'b0, l2[(2*i+1)*18 +: 18]};
        end
        for (int i = 0; i < 2; i++) begin
            l4[i*20 +: 20] = {1'b0, l3[(2*i)*19 +: 19]} + {1'b0, l3[(2*i+1)*19 +: 19]};
        end
        sum = {1'b0, l4[0 +: 20]} + {1'b0, l4[20 +: 20]};
        fold1 = {1'b0, sum[15:0]} + {12'd0, sum[20:16]};
        fold2 = fold1[15:0] + {15'd0, fold1[16]};
        ok = (fold2 == 16'hFFFF);
    end
endmodule

`resetall
