# Lockstep co-simulation of hw/net_rx_parser.sv against model/net_rx_parser.c,
# for DATA_W = 8 and 16 (one Verilated model and one test binary each), plus
# the independent check of every descriptor against host/proto's decoders.
# The rules are cosim.mk's cosim_block_w. Each Verilated model is rebuilt only
# when the RTL changes.
NET_RX_SV := hw/l2tp_card_pkg.sv hw/ipv4_hdr_checksum.sv hw/net_rx_hdr_extract.sv \
              hw/net_rx_hdr_verdict.sv hw/net_rx_parser.sv
NET_RX_VPARAMS :=
NET_RX_OBJS := $(OBJ)/tests/cosim/net_rx_frames.o $(OBJ)/tests/cosim/net_rx_expect.o
NET_RX_DEFINE := NET_RX_COSIM_DATA_W
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
NET_RX_CYCLES ?= 300000
else
NET_RX_CYCLES ?= 3000000
endif
NET_RX_COV_CYCLES := 500000
NET_RX_BENCH := 
$(call cosim_block_w,net_rx_parser,NET_RX)
