# Lockstep co-simulation of hw/card_regs.sv (with hw/card_cnt_bank.sv)
# against model/card_regs.c, and of both against the software register model
# tests/cosim/card_regs_expect.c, through cosim.mk's rules (this fragment is
# read after cosim.mk: it calls cosim_rules).
COSIM_SV_card_regs := hw/l2tp_card_pkg.sv hw/card_cnt_bank.sv hw/card_regs.sv
$(eval $(call cosim_rules,card_regs,))
$(eval $(call cosim_rules,card_regs,_cov))
$(eval $(call cosim_rules,card_regs,_trace))
# The register model is linked into every build of the test bench.
$(COSIM_BIN)/cosim_card_regs $(COSIM_BIN)/cosim_card_regs_cov $(COSIM_BIN)/cosim_card_regs_trace \
$(BUILD)/tests/cosim/cosim_card_regs_model_only: $(OBJ)/tests/cosim/card_regs_expect.o

CARD_REGS_COSIM := $(COSIM_BIN)/cosim_card_regs $(BUILD)/tests/cosim/cosim_card_regs_model_only
ALL += $(CARD_REGS_COSIM)

ifeq ($(SAN),1)
CARD_REGS_CYCLES ?= 200000
else
CARD_REGS_CYCLES ?= 1500000
endif

.PHONY: cosim-card-regs cosim-card-regs-model cosim-card-regs-coverage
cosim-card-regs: $(CARD_REGS_COSIM)
	@COSIM_SEED=$(COSIM_SEED) COSIM_CYCLES=$(CARD_REGS_CYCLES) \
	    tests/tools/run-tests.sh "cosim card_regs (seed $(COSIM_SEED))" $(CARD_REGS_COSIM)

# Under ASan+UBSan: the model and the test bench alone.
cosim-card-regs-model: $(BUILD)/tests/cosim/cosim_card_regs_model_only
	@COSIM_SEED=$(COSIM_SEED) COSIM_CYCLES=$(CARD_REGS_CYCLES) \
	    tests/tools/run-tests.sh "cosim card_regs model" $<

# RTL line and toggle coverage the lockstep test reaches.
cosim-card-regs-coverage: $(COSIM_BIN)/cosim_card_regs_cov
	@mkdir -p $(COSIM_COV_DIR)
	@rm -f $(COSIM_COV_DIR)/card_regs.dat
	@COSIM_SEED=$(COSIM_SEED) COSIM_CYCLES=500000 COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/card_regs.dat \
	    $< > $(COSIM_COV_DIR)/card_regs.log
	@tests/cosim/coverage-summary.sh card_regs $(COSIM_COV_DIR)/card_regs.dat

TEST_STEPS += cosim-card-regs
COVERAGE_STEPS += cosim-card-regs-coverage
SAN_TEST_STEPS += cosim-card-regs-model
