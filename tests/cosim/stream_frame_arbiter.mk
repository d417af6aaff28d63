# Lockstep co-simulation of hw/stream_frame_arbiter.sv (N 3, USER_W 8)
# against model/stream_frame_arbiter.c, for DATA_W = 8 and 16 (one Verilated
# model and one test binary each), every frame checked against what its input
# sent, round-robin order and throughput figures (also in `make bench`).
# The rules are cosim.mk's cosim_block_w.
SFA_SV := hw/l2tp_card_pkg.sv hw/stream_frame_arbiter.sv
SFA_VPARAMS := -GN=3 -GUSER_W=8
SFA_OBJS := $(OBJ)/tests/cosim/cosim_frame_streams.o
SFA_DEFINE := SFA_COSIM_DATA_W
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
SFA_CYCLES ?= 200000
else
SFA_CYCLES ?= 1500000
endif
SFA_COV_CYCLES := 300000
# `make bench`: the throughput lines (beats per cycle, inputs saturated).
SFA_BENCH := per cycle|cycles/s
$(call cosim_block_w,stream_frame_arbiter,SFA)
