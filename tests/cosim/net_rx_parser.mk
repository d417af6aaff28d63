# Lockstep co-simulation of hw/net_rx_parser.sv against model/net_rx_parser.c,
# for DATA_W = 8 and 16 (one Verilated model and one test binary each), plus
# the independent check of every descriptor against host/proto's decoders.
# Uses the shared framework of cosim.mk (VERILATOR_FLAGS, cosim.o, the port
# templates). Each Verilated model is rebuilt only when its RTL changes.
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

# net_rx_rules(W): Verilate with DATA_W=W, compile the wrapper and the
# testbench for W, link build/tests/cosim/cosim_net_rx_parser_wW.
define net_rx_rules
$(COSIM_VL_DIR)/net_rx_parser_w$(1)/Vnet_rx_parser_w$(1)__ALL.a: $(NET_RX_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) -Mdir $$(@D) --top-module net_rx_parser \
	    --prefix Vnet_rx_parser_w$(1) -GDATA_W=$(1) $(NET_RX_SV)
	$(MAKE) -s -C $$(@D) -f Vnet_rx_parser_w$(1).mk verilated.o verilated_threads.o
	@touch $$@

$(COSIM_VL_DIR)/net_rx_parser_w$(1)/net_rx_parser_w$(1)_rtl.o: \
        tests/cosim/net_rx_parser_w$(1)_rtl.cpp tests/cosim/cosim_rtl.inc \
        tests/cosim/net_rx_parser_ports.def \
        $(COSIM_VL_DIR)/net_rx_parser_w$(1)/Vnet_rx_parser_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) -isystem $(COSIM_VL_DIR)/net_rx_parser_w$(1) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_net_rx_parser_w$(1).o: tests/cosim/cosim_net_rx_parser.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DNET_RX_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@

$(NET_RX_BIN)/cosim_net_rx_parser_w$(1): $(OBJ)/tests/cosim/cosim_net_rx_parser_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o \
        $(COSIM_VL_DIR)/net_rx_parser_w$(1)/net_rx_parser_w$(1)_rtl.o \
        $(COSIM_VL_DIR)/net_rx_parser_w$(1)/Vnet_rx_parser_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $(COSIM_VL_DIR)/net_rx_parser_w$(1)/Vnet_rx_parser_w$(1)__ALL.a \
	    $(COSIM_VL_DIR)/net_rx_parser_w$(1)/verilated.o \
	    $(COSIM_VL_DIR)/net_rx_parser_w$(1)/verilated_threads.o $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
$(foreach w,$(NET_RX_WIDTHS),$(eval $(call net_rx_rules,$(w))))

NET_RX_COSIM_BINS := $(NET_RX_WIDTHS:%=$(NET_RX_BIN)/cosim_net_rx_parser_w%)
ALL += $(NET_RX_COSIM_BINS)

.PHONY: cosim-net-rx-parser
cosim-net-rx-parser: $(NET_RX_COSIM_BINS)
	@set -e; for b in $(NET_RX_COSIM_BINS); do \
	    echo "=== cosim net_rx_parser: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(NET_RX_CYCLES); \
	done

TEST_STEPS += cosim-net-rx-parser
SAN_TEST_STEPS += cosim-net-rx-parser
