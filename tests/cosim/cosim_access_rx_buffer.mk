# Lockstep co-simulation of hw/access_rx_buffer.sv (DEPTH_LOG2 8) against
# model/access_rx_buffer.c, for DATA_W = 8 and 16 (one Verilated model and
# one test binary each), every frame out checked against the good frames
# that went in, and the output rate of a buffered burst (also in
# `make bench`). Uses the shared framework of cosim.mk.
# (Named cosim_*.mk so that it is read after cosim.mk, whose variables its
# rules expand when they are defined.)
ARB_WIDTHS := 8 16
ARB_SV := hw/l2tp_card_pkg.sv hw/access_rx_buffer.sv
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ARB_CYCLES ?= 200000
else
ARB_CYCLES ?= 1500000
endif
ARB_BIN := $(BUILD)/tests/cosim

# arb_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link the test.
define arb_rules
ARB_VL_$(1)$(2) := $(COSIM_VL_DIR)/access_rx_buffer_w$(1)$(2)

$$(ARB_VL_$(1)$(2))/Vaccess_rx_buffer_w$(1)__ALL.a: $(ARB_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module access_rx_buffer \
	    --prefix Vaccess_rx_buffer_w$(1) -GDATA_W=$(1) $(ARB_SV)
	$(MAKE) -s -C $$(@D) -f Vaccess_rx_buffer_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(ARB_VL_$(1)$(2))/access_rx_buffer_w$(1)_rtl.o: tests/cosim/access_rx_buffer_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/access_rx_buffer_ports.def \
        $$(ARB_VL_$(1)$(2))/Vaccess_rx_buffer_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(ARB_BIN)/cosim_access_rx_buffer_w$(1)$(2): $(OBJ)/tests/cosim/cosim_access_rx_buffer_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $$(ARB_VL_$(1)$(2))/access_rx_buffer_w$(1)_rtl.o \
        $$(ARB_VL_$(1)$(2))/Vaccess_rx_buffer_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(ARB_VL_$(1)$(2))/Vaccess_rx_buffer_w$(1)__ALL.a \
	    $$(addprefix $$(ARB_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
define arb_bench_rule
$(OBJ)/tests/cosim/cosim_access_rx_buffer_w$(1).o: tests/cosim/cosim_access_rx_buffer.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DARB_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@
endef
$(foreach w,$(ARB_WIDTHS),$(eval $(call arb_bench_rule,$(w))))
$(foreach w,$(ARB_WIDTHS),$(eval $(call arb_rules,$(w),)))
$(foreach w,$(ARB_WIDTHS),$(eval $(call arb_rules,$(w),_cov)))

ARB_COSIM_BINS := $(ARB_WIDTHS:%=$(ARB_BIN)/cosim_access_rx_buffer_w%)
ARB_COV_BINS := $(ARB_WIDTHS:%=$(ARB_BIN)/cosim_access_rx_buffer_w%_cov)
ALL += $(ARB_COSIM_BINS)

.PHONY: cosim-access-rx-buffer cosim-access-rx-buffer-coverage bench-access-rx-buffer
cosim-access-rx-buffer: $(ARB_COSIM_BINS)
	@set -e; for b in $(ARB_COSIM_BINS); do \
	    echo "=== cosim access_rx_buffer: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(ARB_CYCLES); \
	done

cosim-access-rx-buffer-coverage: $(ARB_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(ARB_WIDTHS); do \
	    b=access_rx_buffer_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(ARB_BIN)/cosim_$${b}_cov --cycles 300000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# The output rate of a buffered burst (beats per cycle).
bench-access-rx-buffer: $(ARB_COSIM_BINS)
	@for b in $(ARB_COSIM_BINS); do $$b --cycles 200000 | grep -E 'per cycle|cycles/s' || exit 1; done

TEST_STEPS += cosim-access-rx-buffer
COVERAGE_STEPS += cosim-access-rx-buffer-coverage
SAN_TEST_STEPS += cosim-access-rx-buffer
BENCH_STEPS += bench-access-rx-buffer
