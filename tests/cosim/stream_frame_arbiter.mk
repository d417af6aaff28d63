# Lockstep co-simulation of hw/stream_frame_arbiter.sv (N 3, USER_W 8)
# against model/stream_frame_arbiter.c, for DATA_W = 8 and 16 (one Verilated
# model and one test binary each), every frame checked against what its input
# sent, round-robin order and throughput figures (also in `make bench`).
# Uses the shared framework of cosim.mk, as net_rx_parser.mk does.
SFA_WIDTHS := 8 16
SFA_SV := hw/l2tp_card_pkg.sv hw/stream_frame_arbiter.sv
# Under ASan+UBSan (SAN=1) the same test runs shorter.
ifeq ($(SAN),1)
SFA_CYCLES ?= 200000
else
SFA_CYCLES ?= 1500000
endif
SFA_BIN := $(BUILD)/tests/cosim

# sfa_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link the test.
define sfa_rules
SFA_VL_$(1)$(2) := $(COSIM_VL_DIR)/stream_frame_arbiter_w$(1)$(2)

$$(SFA_VL_$(1)$(2))/Vstream_frame_arbiter_w$(1)__ALL.a: $(SFA_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module stream_frame_arbiter \
	    --prefix Vstream_frame_arbiter_w$(1) -GN=3 -GUSER_W=8 -GDATA_W=$(1) $(SFA_SV)
	$(MAKE) -s -C $$(@D) -f Vstream_frame_arbiter_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(SFA_VL_$(1)$(2))/stream_frame_arbiter_w$(1)_rtl.o: tests/cosim/stream_frame_arbiter_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/stream_frame_arbiter_ports.def \
        $$(SFA_VL_$(1)$(2))/Vstream_frame_arbiter_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(SFA_BIN)/cosim_stream_frame_arbiter_w$(1)$(2): $(OBJ)/tests/cosim/cosim_stream_frame_arbiter_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $(OBJ)/tests/cosim/cosim_frame_streams.o \
        $$(SFA_VL_$(1)$(2))/stream_frame_arbiter_w$(1)_rtl.o \
        $$(SFA_VL_$(1)$(2))/Vstream_frame_arbiter_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(SFA_VL_$(1)$(2))/Vstream_frame_arbiter_w$(1)__ALL.a \
	    $$(addprefix $$(SFA_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
define sfa_bench_rule
$(OBJ)/tests/cosim/cosim_stream_frame_arbiter_w$(1).o: tests/cosim/cosim_stream_frame_arbiter.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DSFA_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@
endef
$(foreach w,$(SFA_WIDTHS),$(eval $(call sfa_bench_rule,$(w))))
$(foreach w,$(SFA_WIDTHS),$(eval $(call sfa_rules,$(w),)))
$(foreach w,$(SFA_WIDTHS),$(eval $(call sfa_rules,$(w),_cov)))

SFA_COSIM_BINS := $(SFA_WIDTHS:%=$(SFA_BIN)/cosim_stream_frame_arbiter_w%)
SFA_COV_BINS := $(SFA_WIDTHS:%=$(SFA_BIN)/cosim_stream_frame_arbiter_w%_cov)
ALL += $(SFA_COSIM_BINS)

.PHONY: cosim-stream-frame-arbiter cosim-stream-frame-arbiter-coverage bench-stream-frame-arbiter
cosim-stream-frame-arbiter: $(SFA_COSIM_BINS)
	@set -e; for b in $(SFA_COSIM_BINS); do \
	    echo "=== cosim stream_frame_arbiter: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(SFA_CYCLES); \
	done

cosim-stream-frame-arbiter-coverage: $(SFA_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(SFA_WIDTHS); do \
	    b=stream_frame_arbiter_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(SFA_BIN)/cosim_$${b}_cov --cycles 300000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# The throughput lines (beats per cycle, inputs saturated).
bench-stream-frame-arbiter: $(SFA_COSIM_BINS)
	@for b in $(SFA_COSIM_BINS); do $$b --cycles 200000 | grep -E 'per cycle|cycles/s' || exit 1; done

TEST_STEPS += cosim-stream-frame-arbiter
COVERAGE_STEPS += cosim-stream-frame-arbiter-coverage
SAN_TEST_STEPS += cosim-stream-frame-arbiter
BENCH_STEPS += bench-stream-frame-arbiter
