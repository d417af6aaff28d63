# Lockstep co-simulation of hw/access_rx_arbiter.sv (N_CH 4) against
# model/access_rx_arbiter.c, for DATA_W = 8 and 16, every frame checked
# against what its channel or the host sent and its tag (kind, id, length).
# Named cosim_*.mk so that it is read after cosim.mk, whose variables its
# rules expand when they are defined.
ARBITER_WIDTHS := 8 16
ARBITER_SV := hw/l2tp_card_pkg.sv hw/stream_frame_arbiter.sv hw/access_rx_arbiter.sv
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
ARBITER_CYCLES ?= 200000
else
ARBITER_CYCLES ?= 1500000
endif
ARBITER_BIN := $(BUILD)/tests/cosim

# arbiter_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link the test.
define arbiter_rules
ARBITER_VL_$(1)$(2) := $(COSIM_VL_DIR)/access_rx_arbiter_w$(1)$(2)

$$(ARBITER_VL_$(1)$(2))/Vaccess_rx_arbiter_w$(1)__ALL.a: $(ARBITER_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module access_rx_arbiter \
	    --prefix Vaccess_rx_arbiter_w$(1) -GN_CH=4 -GDATA_W=$(1) $(ARBITER_SV)
	$(MAKE) -s -C $$(@D) -f Vaccess_rx_arbiter_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(ARBITER_VL_$(1)$(2))/access_rx_arbiter_w$(1)_rtl.o: tests/cosim/access_rx_arbiter_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/access_rx_arbiter_ports.def \
        $$(ARBITER_VL_$(1)$(2))/Vaccess_rx_arbiter_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(ARBITER_BIN)/cosim_access_rx_arbiter_w$(1)$(2): $(OBJ)/tests/cosim/cosim_access_rx_arbiter_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $(OBJ)/tests/cosim/cosim_frame_streams.o \
        $$(ARBITER_VL_$(1)$(2))/access_rx_arbiter_w$(1)_rtl.o \
        $$(ARBITER_VL_$(1)$(2))/Vaccess_rx_arbiter_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(ARBITER_VL_$(1)$(2))/Vaccess_rx_arbiter_w$(1)__ALL.a \
	    $$(addprefix $$(ARBITER_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
define arbiter_bench_rule
$(OBJ)/tests/cosim/cosim_access_rx_arbiter_w$(1).o: tests/cosim/cosim_access_rx_arbiter.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DARBITER_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@
endef
$(foreach w,$(ARBITER_WIDTHS),$(eval $(call arbiter_bench_rule,$(w))))
$(foreach w,$(ARBITER_WIDTHS),$(eval $(call arbiter_rules,$(w),)))
$(foreach w,$(ARBITER_WIDTHS),$(eval $(call arbiter_rules,$(w),_cov)))

ARBITER_COSIM_BINS := $(ARBITER_WIDTHS:%=$(ARBITER_BIN)/cosim_access_rx_arbiter_w%)
ARBITER_COV_BINS := $(ARBITER_WIDTHS:%=$(ARBITER_BIN)/cosim_access_rx_arbiter_w%_cov)
ALL += $(ARBITER_COSIM_BINS)

.PHONY: cosim-access-rx-arbiter cosim-access-rx-arbiter-coverage bench-access-rx-arbiter
cosim-access-rx-arbiter: $(ARBITER_COSIM_BINS)
	@set -e; for b in $(ARBITER_COSIM_BINS); do \
	    echo "=== cosim access_rx_arbiter: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(ARBITER_CYCLES); \
	done

cosim-access-rx-arbiter-coverage: $(ARBITER_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(ARBITER_WIDTHS); do \
	    b=access_rx_arbiter_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(ARBITER_BIN)/cosim_$${b}_cov --cycles 300000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# The output rate with every input offering (beats per cycle).
bench-access-rx-arbiter: $(ARBITER_COSIM_BINS)
	@for b in $(ARBITER_COSIM_BINS); do $$b --cycles 200000 | grep -E 'per cycle|cycles/s' || exit 1; done

TEST_STEPS += cosim-access-rx-arbiter
COVERAGE_STEPS += cosim-access-rx-arbiter-coverage
SAN_TEST_STEPS += cosim-access-rx-arbiter
BENCH_STEPS += bench-access-rx-arbiter
