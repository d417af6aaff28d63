# Lockstep co-simulation of hw/encap_builder.sv against model/encap_builder.c,
# for DATA_W = 8 and 16 (one Verilated model and one test binary each), with
# the independent check of every frame against host/proto's encoders and
# decoders, and the back-to-back throughput figures (also in `make bench`).
# The rules are cosim.mk's cosim_block_w.
ENCAP_SV := hw/l2tp_card_pkg.sv hw/encap_builder.sv
ENCAP_VPARAMS :=
ENCAP_OBJS :=
ENCAP_DEFINE := ENCAP_COSIM_DATA_W
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ENCAP_CYCLES ?= 200000
else
ENCAP_CYCLES ?= 1500000
endif
ENCAP_COV_CYCLES := 300000
# `make bench`: the throughput lines (64, 512, 1500 octets, IMIX; PPP and NET octets per cycle).
ENCAP_BENCH := octets/cycle|cycles/s
$(call cosim_block_w,encap_builder,ENCAP)
