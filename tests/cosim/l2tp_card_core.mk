# Lockstep co-simulation of the whole card, hw/l2tp_card_core.sv against
# model/l2tp_card_core.c, at DATA_W 8 and 16 with N_CH 4 and SESS_AW 6, and
# again with N_CH 32 and SESS_AW 10 (a session on every line, indices up to
# 1012), with the independent check of every output frame against
# host/proto's encoders and framers. Same scheme as encap_builder.mk.
CORE_WIDTHS := 8 16
CORE_SV := $(HW_SRCS)
# N_CH 32: 250000 random cycles, once per seed of CORE_N32_SEEDS (about
# 10 s each in lockstep). Seed 1 once met, at cycle 301212, a user frame
# the testbench had corrupted (one octet's bit flipped: 7D 34 -> 7C 34)
# whose FCS-16 still checked; the card rightly passed it on, and the
# testbench now asks host/proto's hdlc_decode what the corrupted line
# carries instead of assuming a bad FCS.
CORE_N32_SEEDS ?= 1 2 3
ifeq ($(SAN),1)
CORE_CYCLES ?= 100000
CORE_N32_CYCLES ?= 50000
else
CORE_CYCLES ?= 1000000
CORE_N32_CYCLES ?= 250000
endif
CORE_BIN := $(BUILD)/tests/cosim

# core_rules(W, variant): Verilate with DATA_W=W (variant "" plain, "_cov"
# with line/toggle coverage), compile the wrapper, link the test.
define core_rules
CORE_VL_$(1)$(2) := $(COSIM_VL_DIR)/l2tp_card_core_w$(1)$(2)

$$(CORE_VL_$(1)$(2))/Vl2tp_card_core_w$(1)__ALL.a: $(CORE_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module l2tp_card_core \
	    --prefix Vl2tp_card_core_w$(1) -GDATA_W=$(1) -GN_CH=4 -GSESS_AW=6 $(CORE_SV)
	$(MAKE) -s -C $$(@D) -f Vl2tp_card_core_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(CORE_VL_$(1)$(2))/l2tp_card_core_w$(1)_rtl.o: tests/cosim/l2tp_card_core_w$(1)_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/l2tp_card_core_ports.def \
        $$(CORE_VL_$(1)$(2))/Vl2tp_card_core_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(CORE_BIN)/cosim_l2tp_card_core_w$(1)$(2): $(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o \
        $$(CORE_VL_$(1)$(2))/l2tp_card_core_w$(1)_rtl.o \
        $$(CORE_VL_$(1)$(2))/Vl2tp_card_core_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(CORE_VL_$(1)$(2))/Vl2tp_card_core_w$(1)__ALL.a \
	    $$(addprefix $$(CORE_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef
define core_obj_rules
$(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1).o: tests/cosim/cosim_l2tp_card_core.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -Idriver -DCORE_COSIM_DATA_W=$(1) $(CFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_model_only.o: tests/cosim/cosim_l2tp_card_core.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -Idriver -DCOSIM_MODEL_ONLY -DCORE_COSIM_DATA_W=$(1) \
	    $(CFLAGS) -c $$< -o $$@

$(BUILD)/tests/cosim/cosim_l2tp_card_core_w$(1)_model_only: \
        $(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_model_only.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(PROTO_LDLIBS)
endef
# core_n32_rules(W): the same at N_CH 32, SESS_AW 10 (binaries *_n32).
define core_n32_rules
CORE_VL_$(1)_n32 := $(COSIM_VL_DIR)/l2tp_card_core_w$(1)_n32

$$(CORE_VL_$(1)_n32)/Vl2tp_card_core_w$(1)_n32__ALL.a: $(CORE_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) -Mdir $$(@D) --top-module l2tp_card_core \
	    --prefix Vl2tp_card_core_w$(1)_n32 -GDATA_W=$(1) -GN_CH=32 -GSESS_AW=10 $(CORE_SV)
	$(MAKE) -s -C $$(@D) -f Vl2tp_card_core_w$(1)_n32.mk $(COSIM_RT)
	@touch $$@

$$(CORE_VL_$(1)_n32)/l2tp_card_core_w$(1)_n32_rtl.o: tests/cosim/l2tp_card_core_w$(1)_n32_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/l2tp_card_core_ports.def \
        $$(CORE_VL_$(1)_n32)/Vl2tp_card_core_w$(1)_n32__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_n32.o: tests/cosim/cosim_l2tp_card_core.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -Idriver -DCORE_COSIM_DATA_W=$(1) -DCORE_COSIM_N_CH=32 \
	    -DCORE_COSIM_SESS_AW=10 $(CFLAGS) -c $$< -o $$@

$(CORE_BIN)/cosim_l2tp_card_core_w$(1)_n32: $(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_n32.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o \
        $$(CORE_VL_$(1)_n32)/l2tp_card_core_w$(1)_n32_rtl.o \
        $$(CORE_VL_$(1)_n32)/Vl2tp_card_core_w$(1)_n32__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(CORE_VL_$(1)_n32)/Vl2tp_card_core_w$(1)_n32__ALL.a \
	    $$(addprefix $$(CORE_VL_$(1)_n32)/,$(COSIM_RT)) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread

$(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_n32_model_only.o: tests/cosim/cosim_l2tp_card_core.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -Idriver -DCOSIM_MODEL_ONLY -DCORE_COSIM_DATA_W=$(1) \
	    -DCORE_COSIM_N_CH=32 -DCORE_COSIM_SESS_AW=10 $(CFLAGS) -c $$< -o $$@

$(BUILD)/tests/cosim/cosim_l2tp_card_core_w$(1)_n32_model_only: \
        $(OBJ)/tests/cosim/cosim_l2tp_card_core_w$(1)_n32_model_only.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(PROTO_LDLIBS)
endef
$(foreach w,$(CORE_WIDTHS),$(eval $(call core_n32_rules,$(w))))
$(foreach w,$(CORE_WIDTHS),$(eval $(call core_obj_rules,$(w))))
$(foreach w,$(CORE_WIDTHS),$(eval $(call core_rules,$(w),)))
$(foreach w,$(CORE_WIDTHS),$(eval $(call core_rules,$(w),_cov)))

CORE_COSIM_BINS := $(CORE_WIDTHS:%=$(CORE_BIN)/cosim_l2tp_card_core_w%)
CORE_MODEL_BINS := $(CORE_WIDTHS:%=$(BUILD)/tests/cosim/cosim_l2tp_card_core_w%_model_only)
CORE_N32_BINS := $(CORE_WIDTHS:%=$(CORE_BIN)/cosim_l2tp_card_core_w%_n32)
CORE_N32_MODEL_BINS := $(CORE_WIDTHS:%=$(BUILD)/tests/cosim/cosim_l2tp_card_core_w%_n32_model_only)
CORE_COV_BINS := $(CORE_WIDTHS:%=$(CORE_BIN)/cosim_l2tp_card_core_w%_cov)
ALL += $(CORE_COSIM_BINS) $(CORE_MODEL_BINS) $(CORE_N32_BINS) $(CORE_N32_MODEL_BINS)

.PHONY: cosim-card-core cosim-card-core-model cosim-card-core-coverage
cosim-card-core: $(CORE_COSIM_BINS) $(CORE_N32_BINS)
	@set -e; for b in $(CORE_COSIM_BINS); do \
	    echo "=== cosim l2tp_card_core: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(CORE_CYCLES); \
	done; for b in $(CORE_N32_BINS); do for s in $(CORE_N32_SEEDS); do \
	    echo "=== cosim l2tp_card_core N_CH 32 (seed $$s): $$b"; \
	    COSIM_SEED=$$s $$b --cycles $(CORE_N32_CYCLES); \
	done; done

# The model alone (no Verilator code): runs under ASan+UBSan too.
cosim-card-core-model: $(CORE_MODEL_BINS) $(CORE_N32_MODEL_BINS)
	@set -e; for b in $(CORE_MODEL_BINS); do \
	    echo "=== cosim l2tp_card_core (model alone): $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(CORE_CYCLES); \
	done; for b in $(CORE_N32_MODEL_BINS); do for s in $(CORE_N32_SEEDS); do \
	    echo "=== cosim l2tp_card_core N_CH 32 (model alone, seed $$s): $$b"; \
	    COSIM_SEED=$$s $$b --cycles $(CORE_N32_CYCLES); \
	done; done

cosim-card-core-coverage: $(CORE_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(CORE_WIDTHS); do \
	    b=l2tp_card_core_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(CORE_BIN)/cosim_$${b}_cov --cycles 200000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

TEST_STEPS += cosim-card-core cosim-card-core-coverage
SAN_TEST_STEPS += cosim-card-core-model
