# Lockstep co-simulation of hw/net_rx_dispatch.sv against
# model/net_rx_dispatch.c, for DATA_W = 8 and 16 (N_CH = 4, frame FIFO of
# 512 beats, channel FIFOs of 256), plus the independent check of every punted
# frame and every channel's PPP frames against host/proto's decoders
# (net_udp_decode + l2tp_header_decode). Same pattern as net_rx_parser.mk.
NRD_WIDTHS := 8 16
NRD_SV := hw/l2tp_card_pkg.sv hw/net_rx_frame_fifo.sv hw/net_rx_chan_fifo.sv hw/net_rx_dispatch.sv
NRD_GEN := -GN_CH=4 -GFRAME_DEPTH_LOG2=9 -GCH_DEPTH_LOG2=8
ifeq ($(SAN),1)
NRD_CYCLES ?= 300000
else
NRD_CYCLES ?= 2000000
endif
NRD_BIN := $(BUILD)/tests/cosim

# nrd_rules(W, variant): Verilate with DATA_W=W, compile the wrapper, link.
define nrd_rules
NRD_VL_$(1)$(2) := $(COSIM_VL_DIR)/net_rx_dispatch_w$(1)$(2)

$$(NRD_VL_$(1)$(2))/Vnet_rx_dispatch_w$(1)__ALL.a: $(NRD_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module net_rx_dispatch \
	    --prefix Vnet_rx_dispatch_w$(1) -GDATA_W=$(1) $(NRD_GEN) $(NRD_SV)
	$(MAKE) -s -C $$(@D) -f Vnet_rx_dispatch_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(NRD_VL_$(1)$(2))/net_rx_dispatch_w$(1)_rtl.o: tests/cosim/net_rx_dispatch_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/net_rx_dispatch_ports.def \
        $$(NRD_VL_$(1)$(2))/Vnet_rx_dispatch_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(NRD_BIN)/cosim_net_rx_dispatch_w$(1)$(2): $(OBJ)/tests/cosim/cosim_net_rx_dispatch_w$(1).o \
        $(OBJ)/tests/cosim/net_rx_frames.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $$(NRD_VL_$(1)$(2))/net_rx_dispatch_w$(1)_rtl.o \
        $$(NRD_VL_$(1)$(2))/Vnet_rx_dispatch_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(NRD_VL_$(1)$(2))/Vnet_rx_dispatch_w$(1)__ALL.a \
	    $$(addprefix $$(NRD_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
# The testbench for DATA_W = W, with the RTL and (model only) without it.
define nrd_bench_rule
$(OBJ)/tests/cosim/cosim_net_rx_dispatch_w$(1).o: tests/cosim/cosim_net_rx_dispatch.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DNRD_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_net_rx_dispatch_w$(1)_model_only.o: tests/cosim/cosim_net_rx_dispatch.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DNRD_COSIM_DATA_W=$(1) -DCOSIM_MODEL_ONLY $(CFLAGS) \
	    -c $$< -o $$@

$(NRD_BIN)/cosim_net_rx_dispatch_w$(1)_model_only: \
        $(OBJ)/tests/cosim/cosim_net_rx_dispatch_w$(1)_model_only.o \
        $(OBJ)/tests/cosim/net_rx_frames.o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(PROTO_LDLIBS)
endef
$(foreach w,$(NRD_WIDTHS),$(eval $(call nrd_bench_rule,$(w))))
$(foreach w,$(NRD_WIDTHS),$(eval $(call nrd_rules,$(w),)))
$(foreach w,$(NRD_WIDTHS),$(eval $(call nrd_rules,$(w),_cov)))

NRD_COSIM_BINS := $(NRD_WIDTHS:%=$(NRD_BIN)/cosim_net_rx_dispatch_w%)
NRD_MODEL_BINS := $(NRD_WIDTHS:%=$(NRD_BIN)/cosim_net_rx_dispatch_w%_model_only)
NRD_COV_BINS := $(NRD_WIDTHS:%=$(NRD_BIN)/cosim_net_rx_dispatch_w%_cov)
ALL += $(NRD_COSIM_BINS) $(NRD_MODEL_BINS)

.PHONY: cosim-net-rx-dispatch cosim-net-rx-dispatch-model cosim-net-rx-dispatch-coverage \
        bench-net-rx-dispatch
cosim-net-rx-dispatch: $(NRD_COSIM_BINS)
	@set -e; for b in $(NRD_COSIM_BINS); do \
	    echo "=== cosim net_rx_dispatch: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(NRD_CYCLES); \
	done

# The model alone (no Verilator code), also under ASan+UBSan.
cosim-net-rx-dispatch-model: $(NRD_MODEL_BINS)
	@set -e; for b in $(NRD_MODEL_BINS); do \
	    echo "=== cosim net_rx_dispatch (model only): $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --model-only --cycles $(NRD_CYCLES); \
	done

cosim-net-rx-dispatch-coverage: $(NRD_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(NRD_WIDTHS); do \
	    b=net_rx_dispatch_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(NRD_BIN)/cosim_$${b}_cov --cycles 500000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# Throughput (bytes per cycle for 64/512/1500-octet and IMIX frames) is
# printed by every run; the bench runs the lockstep test once per width.
bench-net-rx-dispatch: $(NRD_COSIM_BINS)
	@for b in $(NRD_COSIM_BINS); do COSIM_SEED=$(COSIM_SEED) $$b --cycles 1000000 || exit 1; done

TEST_STEPS += cosim-net-rx-dispatch
COVERAGE_STEPS += cosim-net-rx-dispatch-coverage
SAN_TEST_STEPS += cosim-net-rx-dispatch-model
BENCH_STEPS += bench-net-rx-dispatch
