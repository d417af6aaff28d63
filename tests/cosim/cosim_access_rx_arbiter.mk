# Lockstep co-simulation of hw/access_rx_arbiter.sv (N_CH 4) against
# model/access_rx_arbiter.c, for DATA_W = 8 and 16, every frame checked
# against what its channel or the host sent and its tag (kind, id, length).
# The rules are cosim.mk's cosim_block_w (named cosim_*.mk so that it is
# read after cosim.mk).
ARBITER_SV := hw/l2tp_card_pkg.sv hw/stream_frame_arbiter.sv hw/access_rx_arbiter.sv
ARBITER_VPARAMS := -GN_CH=4
ARBITER_OBJS := $(OBJ)/tests/cosim/cosim_frame_streams.o
ARBITER_DEFINE := ARBITER_COSIM_DATA_W
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ARBITER_CYCLES ?= 200000
else
ARBITER_CYCLES ?= 1500000
endif
ARBITER_COV_CYCLES := 300000
# `make bench`: the output rate with every input offering (beats per cycle).
ARBITER_BENCH := per cycle|cycles/s
$(call cosim_block_w,access_rx_arbiter,ARBITER)
