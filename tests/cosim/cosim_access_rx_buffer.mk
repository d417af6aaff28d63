# Lockstep co-simulation of hw/access_rx_buffer.sv (DEPTH_LOG2 8) against
# model/access_rx_buffer.c, for DATA_W = 8 and 16 (one Verilated model and
# one test binary each), every frame out checked against the good frames
# that went in, and the output rate of a buffered burst (also in
# `make bench`). The rules are cosim.mk's cosim_block_w (named cosim_*.mk so
# that it is read after cosim.mk).
ARB_SV := hw/l2tp_card_pkg.sv hw/access_rx_buffer.sv
ARB_VPARAMS :=
ARB_OBJS :=
ARB_DEFINE := ARB_COSIM_DATA_W
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ARB_CYCLES ?= 200000
else
ARB_CYCLES ?= 1500000
endif
ARB_COV_CYCLES := 300000
# `make bench`: the output rate of a buffered burst (beats per cycle).
ARB_BENCH := per cycle|cycles/s
$(call cosim_block_w,access_rx_buffer,ARB)
