# Lockstep co-simulation of hw/session_table.sv and hw/session_lookup.sv
# against model/session_table.c and model/session_lookup.c, both also checked
# against the software reference tests/cosim/session_ref.c. The same pattern
# as cosim.mk's cosim_rules (shared flags and templates), with the reference
# linked in; the model-only builds use cosim.mk's pattern rule.
SESSION_BLOCKS := session_table session_lookup
SESSION_SV_session_table := hw/l2tp_card_pkg.sv hw/session_table.sv
SESSION_SV_session_lookup := hw/l2tp_card_pkg.sv hw/session_lookup.sv
SESSION_REF_OBJ := $(OBJ)/tests/cosim/session_ref.o
ifeq ($(SAN),1)
SESSION_CYCLES ?= 200000
else
SESSION_CYCLES ?= 3000000
endif

# session_rules(B, variant): Verilate B, compile its wrapper, link its test.
define session_rules
$(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a: $(SESSION_SV_$(1))
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) $(COSIM_VFLAGS$(2)) -Mdir $(COSIM_VL_DIR)/$(1)$(2) \
	    --top-module $(1) $(SESSION_SV_$(1))
	$(MAKE) -s -C $(COSIM_VL_DIR)/$(1)$(2) -f V$(1).mk $(COSIM_RT$(2))
	@touch $$@

$(COSIM_VL_DIR)/$(1)$(2)/$(1)_rtl.o: tests/cosim/$(1)_rtl.cpp tests/cosim/cosim_rtl.inc \
        tests/cosim/$(1)_ports.def model/$(1).h model/session_entry.h \
        $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) $(COSIM_CXXDEFS$(2)) -isystem $(COSIM_VL_DIR)/$(1)$(2) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(COSIM_BIN)/cosim_$(1)$(2): $(OBJ)/tests/cosim/cosim_$(1).o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(OBJ)/tests/cosim/cosim_run.o $(SESSION_REF_OBJ) \
        $(COSIM_VL_DIR)/$(1)$(2)/$(1)_rtl.o \
        $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a $(MODEL_LIB) $(PROTO_LIB)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter-out %.a,$$^) $(COSIM_VL_DIR)/$(1)$(2)/V$(1)__ALL.a \
	    $(addprefix $(COSIM_VL_DIR)/$(1)$(2)/,$(COSIM_RT$(2))) $(MODEL_LIB) $(PROTO_LIB) \
	    $(PROTO_LDLIBS) $(COSIM_LDLIBS$(2)) -pthread

endef
$(foreach b,$(SESSION_BLOCKS),$(eval $(call session_rules,$(b),)))
$(foreach b,$(SESSION_BLOCKS),$(eval $(call session_rules,$(b),_cov)))
$(foreach b,$(SESSION_BLOCKS),$(eval $(call session_rules,$(b),_trace)))

# The model-only tests (cosim.mk's pattern rule) link the reference too.
$(SESSION_BLOCKS:%=$(BUILD)/tests/cosim/cosim_%_model_only): $(SESSION_REF_OBJ)

SESSION_COSIM_BINS := $(SESSION_BLOCKS:%=$(COSIM_BIN)/cosim_%)
SESSION_MODEL_BINS := $(SESSION_BLOCKS:%=$(BUILD)/tests/cosim/cosim_%_model_only)
SESSION_COV_BINS := $(SESSION_BLOCKS:%=$(COSIM_BIN)/cosim_%_cov)
ALL += $(SESSION_COSIM_BINS) $(SESSION_MODEL_BINS)

.PHONY: cosim-session cosim-session-model cosim-session-coverage
cosim-session: $(SESSION_COSIM_BINS) $(SESSION_MODEL_BINS)
	@set -e; for b in $(SESSION_COSIM_BINS) $(SESSION_MODEL_BINS); do \
	    echo "=== cosim session: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(SESSION_CYCLES); \
	done

# Under ASan+UBSan: the models and the testbenches alone, fewer cycles.
cosim-session-model: $(SESSION_MODEL_BINS)
	@set -e; for b in $(SESSION_MODEL_BINS); do \
	    echo "=== cosim session model: $$b"; \
	    COSIM_SEED=$(COSIM_SEED) $$b --cycles $(SESSION_CYCLES); \
	done

cosim-session-coverage: $(SESSION_COV_BINS)
	@mkdir -p $(COSIM_COV_DIR)
	@set -e; for b in $(SESSION_BLOCKS); do \
	    rm -f $(COSIM_COV_DIR)/$$b.dat; \
	    COSIM_SEED=$(COSIM_SEED) COSIM_COVERAGE_FILE=$(COSIM_COV_DIR)/$$b.dat \
	        $(COSIM_BIN)/cosim_$${b}_cov --cycles 300000 > $(COSIM_COV_DIR)/$$b.log; \
	    tests/cosim/coverage-summary.sh $$b $(COSIM_COV_DIR)/$$b.dat; \
	done

TEST_STEPS += cosim-session
COVERAGE_STEPS += cosim-session-coverage
SAN_TEST_STEPS += cosim-session-model
