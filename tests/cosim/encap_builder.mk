# Lockstep co-simulation of hw/encap_builder.sv against model/encap_builder.c,
# for DATA_W = 8 and 16 (one Verilated model and one test binary each), with
# the independent check of every frame against host/proto's encoders and
# decoders, and the back-to-back throughput figures (also in `make bench`).
# Uses the shared framework of cosim.mk, as net_rx_parser.mk does.
ENCAP_WIDTHS := 8 16
ENCAP_SV := hw/l2tp_card_pkg.sv hw/encap_builder.sv
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ENCAP_CYCLES ?= 200000
else
ENCAP_CYCLES ?= 1500000
endif
ENCAP_BIN := $(BUILD)/tests/cosim

# encap_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link the test.
define encap_rules
ENCAP_VL_$(1)$(2) := $(COSIM_VL_DIR)/encap_builder_w$(1)$(2)

$$(ENCAP_VL_$(1)$(2))/Vencap_builder_w$(1)__ALL.a: $(ENCAP_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module encap_builder \
	    --prefix Vencap_builder_w$(1) -GDATA_W=$(1) $(ENCAP_SV)
	$(MAKE) -s -C $$(@D) -f Vencap_builder_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(ENCAP_VL_$(1)$(2))/encap_builder_w$(1)_rtl.o: tests/cosim/encap_builder_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/encap_builder_ports.def \
        $$(ENCAP_VL_$(1)$(2))/Vencap_builder_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(ENCAP_BIN)/cosim_encap_builder_w$(1)$(2): $(OBJ)/tests/cosim/cosim_encap_builder_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $$(ENCAP_VL_$(1)$(2))/encap_builder_w$(1)_rtl.o \
        $$(ENCAP_VL_$(1)$(2))/Vencap_builder_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(ENCAP_VL_$(1)$(2))/Vencap_builder_w$(1)__ALL.a \
	    $$(addprefix $$(ENCAP_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
define encap_bench_rule
$(OBJ)/tests/cosim/cosim_encap_builder_w$(1).o: tests/cosim/cosim_encap_builder.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DENCAP_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@
endef
$(foreach w,$(ENCAP_WIDTHS),$(eval $(call encap_bench_rule,$(w))))
$(foreach w,$(ENCAP_WIDTHS),$(eval $(call encap_rules,$(w),)))
$(foreach w,$(ENCAP_WIDTHS),$(eval $(call encap_rules,$(w),_cov)))

ENCAP_COSIM_BINS := $(ENCAP_WIDTHS:%=$(ENCAP_BIN)/cosim_encap_builder_w%)
ENCAP_COV_BINS := $(ENCAP_WIDTHS:%=$(ENCAP_BIN)/cosim_encap_builder_w%_cov)
ALL += $(ENCAP_COSIM_BINS)

.PHONY: cosim-encap-builder cosim-encap-builder-coverage bench-encap-builder
cosim-encap-builder: $(ENCAP_COSIM_BINS)
	@set -e; for b in $(ENCAP_COSIM_BINS); do \
	    echo "=== cosim encap_builder: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(ENCAP_CYCLES); \
	done

cosim-encap-builder-coverage: $(ENCAP_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(ENCAP_WIDTHS); do \
	    b=encap_builder_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(ENCAP_BIN)/cosim_$${b}_cov --cycles 300000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# The throughput lines (64, 512, 1500 octets, IMIX; PPP and NET octets per cycle).
bench-encap-builder: $(ENCAP_COSIM_BINS)
	@for b in $(ENCAP_COSIM_BINS); do $$b --cycles 200000 | grep -E 'octets/cycle|cycles/s' || exit 1; done

TEST_STEPS += cosim-encap-builder
COVERAGE_STEPS += cosim-encap-builder-coverage
SAN_TEST_STEPS += cosim-encap-builder
BENCH_STEPS += bench-encap-builder
