# Lockstep co-simulation of hw/card_dma.sv against model/card_dma.c, for
# DATA_W = 8 and 16 (one Verilated model and one test binary each), with a
# simulated host (memory, DMA latency, in-order and out-of-order
# completions, a driver-like ring owner) and the independent checks of
# tests/cosim/cosim_card_dma.c. Uses cosim.mk's flags and cosim.o (this
# file is read after it: the fragments are included in name order).
CARD_DMA_WIDTHS := 8 16
CARD_DMA_SV := hw/l2tp_card_pkg.sv hw/card_dma.sv
ifeq ($(SAN),1)
CARD_DMA_CYCLES ?= 300000
else
CARD_DMA_CYCLES ?= 2000000
endif
# engine/block name per width: card_dma (8), card_dma_w16 (16)
card_dma_name = $(if $(filter 8,$(1)),card_dma,card_dma_w$(1))

# card_dma_rules(W, variant): Verilate with DATA_W=W (variant "" plain,
# "_cov" line/toggle coverage), compile the wrapper, link the test.
define card_dma_rules
CARD_DMA_VL_$(1)$(2) := $(COSIM_VL_DIR)/card_dma_w$(1)$(2)

$$(CARD_DMA_VL_$(1)$(2))/Vcard_dma_w$(1)__ALL.a: $(CARD_DMA_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $$(@D) --top-module card_dma \
	    --prefix Vcard_dma_w$(1) -GDATA_W=$(1) $(CARD_DMA_SV)
	$(MAKE) -s -C $$(@D) -f Vcard_dma_w$(1).mk $(COSIM_RT$(2))
	@touch $$@

$$(CARD_DMA_VL_$(1)$(2))/card_dma_w$(1)_rtl.o: tests/cosim/$(call card_dma_name,$(1))_rtl.cpp \
        tests/cosim/cosim_rtl.inc tests/cosim/card_dma_ports.def model/card_dma.h \
        $$(CARD_DMA_VL_$(1)$(2))/Vcard_dma_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(COSIM_BIN)/cosim_card_dma_w$(1)$(2): $(OBJ)/tests/cosim/cosim_card_dma_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o \
        $$(CARD_DMA_VL_$(1)$(2))/card_dma_w$(1)_rtl.o \
        $$(CARD_DMA_VL_$(1)$(2))/Vcard_dma_w$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) \
	    $$(CARD_DMA_VL_$(1)$(2))/Vcard_dma_w$(1)__ALL.a \
	    $$(addprefix $$(CARD_DMA_VL_$(1)$(2))/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) -pthread
endef

# The testbench for DATA_W = W, with and without the RTL.
define card_dma_bench_rules
$(OBJ)/tests/cosim/cosim_card_dma_w$(1).o: tests/cosim/cosim_card_dma.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCARD_DMA_TB_W=$(1) $(CFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_card_dma_w$(1)_model_only.o: tests/cosim/cosim_card_dma.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCARD_DMA_TB_W=$(1) -DCOSIM_MODEL_ONLY \
	    $(CFLAGS) -c $$< -o $$@

$(BUILD)/tests/cosim/cosim_card_dma_w$(1)_model_only: \
        $(OBJ)/tests/cosim/cosim_card_dma_w$(1)_model_only.o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$^ $(PROTO_LDLIBS)
endef
$(foreach w,$(CARD_DMA_WIDTHS),$(eval $(call card_dma_bench_rules,$(w))))
$(foreach w,$(CARD_DMA_WIDTHS),$(eval $(call card_dma_rules,$(w),)))
$(foreach w,$(CARD_DMA_WIDTHS),$(eval $(call card_dma_rules,$(w),_cov)))

CARD_DMA_BINS := $(CARD_DMA_WIDTHS:%=$(COSIM_BIN)/cosim_card_dma_w%)
CARD_DMA_MODEL_BINS := $(CARD_DMA_WIDTHS:%=$(BUILD)/tests/cosim/cosim_card_dma_w%_model_only)
ALL += $(CARD_DMA_BINS) $(CARD_DMA_MODEL_BINS)

.PHONY: cosim-card-dma cosim-card-dma-model cosim-card-dma-coverage
cosim-card-dma: $(CARD_DMA_BINS) $(CARD_DMA_MODEL_BINS)
	@set -e; for b in $(CARD_DMA_BINS) $(CARD_DMA_MODEL_BINS); do \
	    echo "=== cosim card_dma: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(CARD_DMA_CYCLES); \
	done

# the model and testbench alone (under ASan+UBSan in `make test`)
cosim-card-dma-model: $(CARD_DMA_MODEL_BINS)
	@set -e; for b in $(CARD_DMA_MODEL_BINS); do \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(CARD_DMA_CYCLES); \
	done

# RTL line and toggle coverage the lockstep test reaches, per DATA_W.
cosim-card-dma-coverage: $(CARD_DMA_WIDTHS:%=$(COSIM_BIN)/cosim_card_dma_w%_cov)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for w in $(CARD_DMA_WIDTHS); do \
	    b=card_dma_w$$w; rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(COSIM_BIN)/cosim_$${b}_cov --cycles 500000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

TEST_STEPS += cosim-card-dma
COVERAGE_STEPS += cosim-card-dma-coverage
SAN_TEST_STEPS += cosim-card-dma-model
