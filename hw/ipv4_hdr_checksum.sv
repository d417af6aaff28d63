`resetall
`default_nettype none

// IPv4 header checksum check (RFC 791 §3.1, RFC 1071): the one's-complement
// sum of the header's 16-bit words, checksum field included, is 0xFFFF for an
// intact header. Combinational; the header may carry options (IHL up to 15).
module ipv4_hdr_checksum (
    // The 60 octets an IPv4 header can span (IHL 15), first octet in [7:0].
    input  wire [60*8-1:0] ip_hdr,
    input  wire [3:0]      ihl,      // header length in 32-bit words
    output logic           ok
);
    localparam int MAX_WORDS = 30;

    logic [20:0] sum;      // 30 words of 16 bits fit in 21 bits
    logic [16:0] fold1;
    logic [15:0] fold2;

    always_comb begin
        sum = '0;
        for (int i = 0; i < MAX_WORDS; i++) begin
            // Only the words inside the IHL-long header count.
            if (5'(i) < {ihl, 1'b0}) begin
                sum = sum + {5'd0, ip_hdr[(2*i)*8 +: 8], ip_hdr[(2*i+1)*8 +: 8]};
            end
        end
        // End-around carry (RFC 1071 §2): two folds bring 21 bits to 16.
        fold1 = {1'b0, sum[15:0]} + {12'd0, sum[20:16]};
        fold2 = fold1[15:0] + {15'd0, fold1[16]};
        ok = (fold2 == 16'hFFFF);
    end
endmodule

`resetall
