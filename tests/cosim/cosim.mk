# Lockstep co-simulation of each RTL block (Verilator) against its C model
# (model/), plus a byte-exact check against host/proto's software reference.
#
# For a block B this needs hw/B.sv, model/B.{c,h}, tests/cosim/B_ports.def,
# tests/cosim/B_rtl.cpp (the thin Verilator wrapper) and tests/cosim/cosim_B.c
# (stimulus and checks); add B to COSIM_BLOCKS and list its RTL files in
# COSIM_SV_B. Verilator runs only when those files change (its output lives in
# build/verilator/B/), since it is slow on a small machine.
VERILATOR ?= verilator
VERILATOR_ROOT := $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
# FIELD-NOTES: these make the Verilated model fast; UNOPTFLAT must stay fixed
# (-Wall makes any warning fatal).
VERILATOR_FLAGS := --cc -Wall -O3 --x-assign fast --x-initial fast --build -j 2 \
                   -CFLAGS -O2 -MAKEFLAGS -s
COSIM_CPPFLAGS := -Imodel -Itests/cosim
COSIM_CXXFLAGS := -std=c++17 -O2 -g -Wall -Wextra -Werror
COSIM_VL_DIR := build/verilator
COSIM_BIN := build/tests/cosim

COSIM_BLOCKS := hdlc_framer hdlc_deframer
COSIM_SV_hdlc_framer := hw/l2tp_card_pkg.sv hw/hdlc_framer.sv
COSIM_SV_hdlc_deframer := hw/l2tp_card_pkg.sv hw/hdlc_deframer.sv

$(OBJ)/tests/cosim/%.o: tests/cosim/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) $(CFLAGS) -c $< -o $@

# Builds of each block's RTL: plain (variant "") for the lockstep runs, with
# line and toggle coverage (variant "_cov") for `make cosim-coverage`, and,
# only on demand, with FST waveforms (variant "_trace": run
# `make build/tests/cosim/cosim_B_trace`, then the binary with
# COSIM_TRACE_FILE=B.fst and the --seed/--cycles of the failing run).
COSIM_VFLAGS_cov := --coverage-line --coverage-toggle
COSIM_VFLAGS_trace := --trace-fst
COSIM_RT := verilated.o verilated_threads.o
COSIM_RT_cov := verilated.o verilated_cov.o verilated_threads.o
COSIM_RT_trace := verilated.o verilated_fst_c.o verilated_threads.o
COSIM_CXXDEFS_cov := -DVM_COVERAGE=1
COSIM_CXXDEFS_trace := -DVM_TRACE=1 -DVM_TRACE_FST=1
COSIM_LDLIBS_trace := -lz

# cosim_rules(B, variant): Verilate B, compile its wrapper, link its test.
define cosim_rules
$(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a: $(COSIM_SV_$(1))
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $(COSIM_VL_DIR)/$(1)$(2) \
	    --top-module $(1) $(COSIM_SV_$(1))
	$(MAKE) -s -C $(COSIM_VL_DIR)/$(1)$(2) -f V$(1).mk $(COSIM_RT$(2))
	@touch $$@

$(COSIM_VL_DIR)/$(1)$(2)/$(1)_rtl.o: tests/cosim/$(1)_rtl.cpp tests/cosim/cosim_rtl.inc \
        tests/cosim/$(1)_ports.def model/$(1).h $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $(COSIM_VL_DIR)/$(1)$(2) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(COSIM_BIN)/cosim_$(1)$(2): $(OBJ)/tests/cosim/cosim_$(1).o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $(COSIM_VL_DIR)/$(1)$(2)/$(1)_rtl.o \
        $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a \
	    $(addprefix $(COSIM_VL_DIR)/$(1)$(2)/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) $(COSIM_LDLIBS$(2)) -pthread
endef
$(foreach b,$(COSIM_BLOCKS),$(eval $(call cosim_rules,$(b),)))
$(foreach b,$(COSIM_BLOCKS),$(eval $(call cosim_rules,$(b),_cov)))
$(foreach b,$(COSIM_BLOCKS),$(eval $(call cosim_rules,$(b),_trace)))

COSIM_BINS := $(COSIM_BLOCKS:%=$(COSIM_BIN)/cosim_%)
ALL += $(COSIM_BINS)

# The same testbench without the RTL (-DCOSIM_MODEL_ONLY): the C model alone
# against the software reference, which also runs under ASan+UBSan (no
# Verilator code in it) and gives the model's standalone speed.
$(OBJ)/tests/cosim/%_model_only.o: tests/cosim/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCOSIM_MODEL_ONLY $(CFLAGS) -c $< -o $@

$(BUILD)/tests/cosim/cosim_%_model_only: $(OBJ)/tests/cosim/cosim_%_model_only.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(PROTO_LDLIBS)

COSIM_MODEL_BINS := $(COSIM_BLOCKS:%=$(BUILD)/tests/cosim/cosim_%_model_only)
ALL += $(COSIM_MODEL_BINS)

COSIM_SEED ?= 1
.PHONY: cosim cosim-model
cosim: $(COSIM_BINS) $(COSIM_MODEL_BINS)
	@COSIM_SEED=$(COSIM_SEED) tests/tools/run-tests.sh "cosim (seed $(COSIM_SEED))" \
	    $(COSIM_BINS) $(COSIM_MODEL_BINS)

# Under the sanitizers the model runs ten times slower: fewer random cycles.
cosim-model: $(COSIM_MODEL_BINS)
	@COSIM_SEED=$(COSIM_SEED) COSIM_CYCLES=300000 \
	    tests/tools/run-tests.sh "cosim model ($(if $(filter 1,$(SAN)),ASan+UBSan,plain))" \
	    $(COSIM_MODEL_BINS)

# RTL line and toggle coverage reached by the lockstep tests (fewer random
# cycles: coverage saturates early), summed per kind from coverage.dat.
COSIM_COV_BINS := $(COSIM_BLOCKS:%=$(COSIM_BIN)/cosim_%_cov)
COSIM_COV_DIR := build/coverage
.PHONY: cosim-coverage
cosim-coverage: $(COSIM_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for b in $(COSIM_BLOCKS); do \
	    rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_CYCLES=500000 COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(COSIM_BIN)/cosim_$${b}_cov > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

# `make bench`: the directed cases' bytes per cycle (best case, every octet
# escaped, 64-octet frames, ...) and each engine's speed, lockstep and alone.
.PHONY: bench-hdlc
bench-hdlc: $(COSIM_BINS) $(COSIM_MODEL_BINS)
	@for b in $(COSIM_BINS) $(COSIM_MODEL_BINS); do COSIM_CYCLES=2000000 $$b || exit 1; done

TEST_STEPS += cosim
COVERAGE_STEPS += cosim-coverage
BENCH_STEPS += bench-hdlc
SAN_TEST_STEPS += cosim-model

# tests/unit/test_cosim.c checks the framework itself on a toy block (no
# Verilator): it needs the cosim headers and cosim.o besides unit.mk's inputs.
$(OBJ)/tests/unit/test_cosim.o: CPPFLAGS += $(COSIM_CPPFLAGS)
$(BUILD)/tests/unit/test_cosim: $(OBJ)/tests/cosim/cosim.o

# ---- Blocks built per DATA_W (8 and 16) ----
# A block's fragment sets PREFIX_SV (its RTL files), PREFIX_VPARAMS (Verilator
# -G options besides DATA_W), PREFIX_OBJS (testbench objects besides cosim,
# cosim_args and cosim_run), PREFIX_DEFINE (the testbench's DATA_W macro),
# PREFIX_CYCLES (random cycles of `make test`), PREFIX_COV_CYCLES and
# PREFIX_BENCH (what `make bench` keeps of the output, a grep -E pattern;
# empty: no bench step), then calls $(call cosim_block_w,BLOCK,PREFIX). That
# gives build/tests/cosim/cosim_BLOCK_wW (and _cov) from tests/cosim/cosim_BLOCK.c,
# tests/cosim/BLOCK_wW_rtl.cpp and tests/cosim/BLOCK_ports.def, and the steps
# cosim-SLUG, cosim-SLUG-coverage and bench-SLUG (SLUG: BLOCK with dashes).
COSIM_WIDTHS := 8 16

# cosim_block_w_rules(BLOCK, PREFIX, W, variant): Verilate with DATA_W=W
# (variant "" plain, "_cov" with line/toggle coverage), compile the wrapper,
# link the test.
define cosim_block_w_rules
$(2)_VL_$(3)$(4) := $(COSIM_VL_DIR)/$(1)_w$(3)$(4)

$$($(2)_VL_$(3)$(4))/V$(1)_w$(3)__ALL.a: $($(2)_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(4)) -Mdir $$(@D) --top-module $(1) \
	    --prefix V$(1)_w$(3) $(if $($(2)_VPARAMS),$($(2)_VPARAMS) )-GDATA_W=$(3) $($(2)_SV)
	$(MAKE) -s -C $$(@D) -f V$(1)_w$(3).mk $(COSIM_RT$(4))
	@touch $$@

$$($(2)_VL_$(3)$(4))/$(1)_w$(3)_rtl.o: tests/cosim/$(1)_w$(3)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/$(1)_ports.def \
        $$($(2)_VL_$(3)$(4))/V$(1)_w$(3)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(4)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(BUILD)/tests/cosim/cosim_$(1)_w$(3)$(4): $(OBJ)/tests/cosim/cosim_$(1)_w$(3).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $($(2)_OBJS) \
        $$($(2)_VL_$(3)$(4))/$(1)_w$(3)_rtl.o \
        $$($(2)_VL_$(3)$(4))/V$(1)_w$(3)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$($(2)_VL_$(3)$(4))/V$(1)_w$(3)__ALL.a \
	    $$(addprefix $$($(2)_VL_$(3)$(4))/,$(COSIM_RT$(4))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef

# cosim_block_w_obj(BLOCK, PREFIX, W): the testbench for DATA_W = W (the same
# object for both variants).
define cosim_block_w_obj
$(OBJ)/tests/cosim/cosim_$(1)_w$(3).o: tests/cosim/cosim_$(1).c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -D$($(2)_DEFINE)=$(3) $(CFLAGS) -c $$< -o $$@
endef

# cosim_block_w_steps(BLOCK, PREFIX, SLUG): the test, coverage and bench steps.
define cosim_block_w_steps
$(2)_COSIM_BINS := $(COSIM_WIDTHS:%=$(BUILD)/tests/cosim/cosim_$(1)_w%)
$(2)_COV_BINS := $(COSIM_WIDTHS:%=$(BUILD)/tests/cosim/cosim_$(1)_w%_cov)
ALL += $$($(2)_COSIM_BINS)

.PHONY: cosim-$(3) cosim-$(3)-coverage
cosim-$(3): $$($(2)_COSIM_BINS)
	@set -e; for b in $$($(2)_COSIM_BINS); do \
	    echo "=== cosim $(1): $$$$b"; \
	    COSIM_SEED=$$(COSIM_SEED) $$$$b --cycles $$($(2)_CYCLES); \
	done

# RTL line and toggle coverage the lockstep test reaches, per DATA_W.
cosim-$(3)-coverage: $$($(2)_COV_BINS)
	@mkdir -p $$(COSIM_COV_DIR)
	@set -e; for w in $(COSIM_WIDTHS); do \
	    b=$(1)_w$$$$w; rm -f $$(COSIM_COV_DIR)/$$$$b.dat; \
	    COSIM_SEED=$$(COSIM_SEED) COSIM_COVERAGE_FILE=$$(COSIM_COV_DIR)/$$$$b.dat \
	        $(BUILD)/tests/cosim/cosim_$$$${b}_cov --cycles $($(2)_COV_CYCLES) > $$(COSIM_COV_DIR)/$$$$b.log; \
	    tests/cosim/coverage-summary.sh $$$$b $$(COSIM_COV_DIR)/$$$$b.dat; \
	done

TEST_STEPS += cosim-$(3)
COVERAGE_STEPS += cosim-$(3)-coverage
SAN_TEST_STEPS += cosim-$(3)
endef

define cosim_block_w_bench
.PHONY: bench-$(3)
bench-$(3): $$($(2)_COSIM_BINS)
	@for b in $$($(2)_COSIM_BINS); do $$$$b --cycles 200000 | grep -E '$($(2)_BENCH)' || exit 1; done

BENCH_STEPS += bench-$(3)
endef

cosim_block_w = $(foreach w,$(COSIM_WIDTHS),$(eval $(call cosim_block_w_obj,$(1),$(2),$(w)))) \
    $(foreach w,$(COSIM_WIDTHS),$(eval $(call cosim_block_w_rules,$(1),$(2),$(w),))) \
    $(foreach w,$(COSIM_WIDTHS),$(eval $(call cosim_block_w_rules,$(1),$(2),$(w),_cov))) \
    $(eval $(call cosim_block_w_steps,$(1),$(2),$(subst _,-,$(1)))) \
    $(if $($(2)_BENCH),$(eval $(call cosim_block_w_bench,$(1),$(2),$(subst _,-,$(1)))))
