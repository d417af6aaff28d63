# Lockstep co-simulation of hw/net_rx_parser.sv against model/net_rx_parser.c,
# for DATA_W = 8 and 16 (one Verilated model and one test binary each), plus
# the independent check of every descriptor against host/proto's decoders.
# Uses the shared framework of cosim.mk (VERILATOR_FLAGS, the coverage
# variant's flags, cosim.o, the port templates). Each Verilated model is
# rebuilt only when the RTL changes.
NET_RX_WIDTHS := 8 16
NET_RX_SV := hw/l2tp_card_pkg.sv hw/ipv4_hdr_checksum.sv hw/net_rx_hdr_extract.sv \
             hw/net_rx_hdr_verdict.sv hw/net_rx_parser.sv
# Under ASan+UBSan (SAN=1) the same test runs shorter: the model and the
# testbench are instrumented, the Verilated RTL is shared with the plain build.
ifeq ($(SAN),1)
NET_RX_CYCLES ?= 300000
else
NET_RX_CYCLES ?= 3000000
endif
NET_RX_BIN := $(BUILD)/tests/cosim

# net_rx_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link
# $(NET_RX_BIN)/cosim_net_rx_parser_wW<variant>.
define net_rx_rules
NET_RX_VL_$(1)$(2) := $(COSIM_VL_DIR)/net_rx_parser_w$(1)$(2)

$$(NET_RX_VL_$(1)$(2))/Vnet_rx_parser_w$(1)__ALL.a: $(NET_RX_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module net_rx_parser \
	    --prefix Vnet_rx_parser_w$(1) -GDATA_W=$(1) $(NET_RX_SV)
	$(MAKE) -s -C $$(@D) -f Vnet_rx_parser_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(NET_RX_VL_$(1)$(2))/net_rx_parser_w$(1)_rtl.o: tests/cosim/net_rx_parser_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/net_rx_parser_ports.def \
        $$(NET_RX_VL_$(1)$(2))/Vnet_rx_parser_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(NET_RX_BIN)/cosim_net_rx_parser_w$(1)$(2): $(OBJ)/tests/cosim/cosim_net_rx_parser_w$(1).o \
        $(OBJ)/tests/cosim/net_rx_frames.o $(OBJ)/tests/cosim/net_rx_expect.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $$(NET_RX_VL_$(1)$(2))/net_rx_parser_w$(1)_rtl.o \
        $$(NET_RX_VL_$(1)$(2))/Vnet_rx_parser_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(NET_RX_VL_$(1)$(2))/Vnet_rx_parser_w$(1)__ALL.a \
	    $$(addprefix $$(NET_RX_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
# The testbench for DATA_W = W (the same object for both variants).
define net_rx_bench_rule
$(OBJ)/tests/cosim/cosim_net_rx_parser_w$(1).o: tests/cosim/cosim_net_rx_parser.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DNET_RX_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@
endef
$(foreach w,$(NET_RX_WIDTHS),$(eval $(call net_rx_bench_rule,$(w))))
$(foreach w,$(NET_RX_WIDTHS),$(eval $(call net_rx_rules,$(w),)))
$(foreach w,$(NET_RX_WIDTHS),$(eval $(call net_rx_rules,$(w),_cov)))

NET_RX_COSIM_BINS := $(NET_RX_WIDTHS:%=$(NET_RX_BIN)/cosim_net_rx_parser_w%)
NET_RX_COV_BINS := $(NET_RX_WIDTHS:%=$(NET_RX_BIN)/cosim_net_rx_parser_w%_cov)
ALL += $(NET_RX_COSIM_BINS)

.PHONY: cosim-net-rx-parser cosim-net-rx-parser-coverage
cosim-net-rx-parser: $(NET_RX_COSIM_BINS)
	@set -e; for b in $(NET_RX_COSIM_BINS); do \
	    echo "=== cosim net_rx_parser: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(NET_RX_CYCLES); \
	done

# RTL line and toggle coverage the lockstep test reaches, per DATA_W.
cosim-net-rx-parser-coverage: $(NET_RX_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(NET_RX_WIDTHS); do \
	    b=net_rx_parser_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(NET_RX_BIN)/cosim_$${b}_cov --cycles 500000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

TEST_STEPS += cosim-net-rx-parser
COVERAGE_STEPS += cosim-net-rx-parser-coverage
SAN_TEST_STEPS += cosim-net-rx-parser
