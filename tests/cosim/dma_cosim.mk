# Lockstep co-simulation of hw/card_dma.sv against model/card_dma.c with a
# simulated host (memory, DMA latency, in-order and out-of-order
# completions, a driver-like ring owner) and the independent checks of
# tests/cosim/cosim_card_dma.c. Uses cosim.mk's rules (this file is read
# after it: the fragments are included in name order).
COSIM_SV_card_dma := hw/l2tp_card_pkg.sv hw/card_dma.sv
$(eval $(call cosim_rules,card_dma,))
$(eval $(call cosim_rules,card_dma,_cov))
$(eval $(call cosim_rules,card_dma,_trace))

CARD_DMA_BIN := $(COSIM_BIN)/cosim_card_dma
CARD_DMA_MODEL_BIN := $(BUILD)/tests/cosim/cosim_card_dma_model_only
ALL += $(CARD_DMA_BIN) $(CARD_DMA_MODEL_BIN)

ifeq ($(SAN),1)
CARD_DMA_CYCLES ?= 300000
else
CARD_DMA_CYCLES ?= 2000000
endif

.PHONY: cosim-card-dma cosim-card-dma-model cosim-card-dma-coverage
cosim-card-dma: $(CARD_DMA_BIN) $(CARD_DMA_MODEL_BIN)
	COSIM_SEED=$(COSIM_SEED) $(CARD_DMA_BIN) --cycles $(CARD_DMA_CYCLES)
	COSIM_SEED=$(COSIM_SEED) $(CARD_DMA_MODEL_BIN) --cycles $(CARD_DMA_CYCLES)

# the model and testbench alone under ASan+UBSan
cosim-card-dma-model: $(CARD_DMA_MODEL_BIN)
	COSIM_SEED=$(COSIM_SEED) $(CARD_DMA_MODEL_BIN) --cycles $(CARD_DMA_CYCLES)

cosim-card-dma-coverage: $(COSIM_BIN)/cosim_card_dma_cov
	@mkdir -p $(COSIM_COV_DIR)
	@rm -f $(COSIM_COV_DIR)/card_dma.dat
	@COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/card_dma.dat \
	    $(COSIM_BIN)/cosim_card_dma_cov --cycles 500000 > $(COSIM_COV_DIR)/card_dma.log
	@tests/cosim/coverage-summary.sh card_dma $(COSIM_COV_DIR)/card_dma.dat

TEST_STEPS += cosim-card-dma cosim-card-dma-coverage
SAN_TEST_STEPS += cosim-card-dma-model
