# cardsim (build/bin/cardsim): traffic through the simulated card, the
# Verilated hw/l2tp_card_core.sv or its C model (host/tools/CARDSIM.md);
# cardsim_bench (make bench); the reference checker and the seed traffic
# test (make test: cardsim-check).
#
# This fragment is read before model/ and tests/cosim/ (fragments go in
# name order), so it names their outputs itself rather than through their
# variables. The card is built with N_CH 4 and SESS_AW 6, the C model's
# sizes (model/session_entry.h), at DATA_W 8 and 16, each as a plain and a
# --trace-fst Verilator build, under build/verilator/cardsim_w*/.
CARDSIM := $(BIN)/cardsim
CARDSIM_BENCH := $(BIN)/cardsim_bench
CARDSIM_REF := $(BUILD)/tests/cardsim/cardsim_ref
CARDSIM_MODEL_LIB := $(LIB)/libcardmodel.a
CARDSIM_WIDTHS := 8 16
CARDSIM_VL_DIR := build/verilator
# hw/hw.mk's list (with the generated BUILD_ID package), read after this
# fragment: expanded late (secondary expansion in the rule below).
CARDSIM_SV = $(HW_SRCS)
CARDSIM_VERILATOR ?= verilator
CARDSIM_VROOT := $(shell $(CARDSIM_VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
# As tests/cosim/cosim.mk builds the blocks (FIELD-NOTES: fast models).
CARDSIM_VFLAGS := --cc -Wall -O3 --x-assign fast --x-initial fast --build -j 2 \
                  -CFLAGS -O2 -MAKEFLAGS -s --top-module l2tp_card_core -GN_CH=4 -GSESS_AW=6
CARDSIM_VX_trace := --trace-fst
CARDSIM_CXX_trace := -DVM_TRACE=1 -DVM_TRACE_FST=1
CARDSIM_INC := -Ihost/tools -Itests/cosim -Imodel

# The tool's C sources (not the per-width model engine, the engine tables,
# the mains and the C++ glue, which have their own rules).
CARDSIM_LIB_SRCS := $(filter-out host/tools/cardsim.c host/tools/cardsim_bench.c \
    host/tools/cardsim_model.c host/tools/cardsim_engines.c,$(wildcard host/tools/cardsim_*.c))
CARDSIM_LIB_OBJS := $(CARDSIM_LIB_SRCS:%.c=$(OBJ)/%.o)
$(CARDSIM_LIB_OBJS) $(OBJ)/host/tools/cardsim.o $(OBJ)/host/tools/cardsim_bench.o \
    $(OBJ)/tests/cardsim/cardsim_ref.o: CPPFLAGS += $(CARDSIM_INC)

# A static pattern: as a plain pattern rule it also matched the .d files'
# own names (make's built-in `%: %.o` chain asked for cardsim_model_w16.d.o).
$(CARDSIM_WIDTHS:%=$(OBJ)/host/tools/cardsim_model_w%.o): $(OBJ)/host/tools/cardsim_model_w%.o: \
        host/tools/cardsim_model.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CARDSIM_INC) -DCARDSIM_DATA_W=$* $(CFLAGS) -c $< -o $@

$(OBJ)/host/tools/cardsim_engines_rtl.o: host/tools/cardsim_engines.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CARDSIM_INC) $(CFLAGS) -c $< -o $@

$(OBJ)/host/tools/cardsim_engines_model.o: host/tools/cardsim_engines.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CARDSIM_INC) -DCARDSIM_MODEL_ONLY $(CFLAGS) -c $< -o $@

# cosim_args.o (the seeded generator) by tests/cosim/cosim.mk's pattern rule.
CARDSIM_COMMON_OBJS := $(CARDSIM_LIB_OBJS) $(CARDSIM_WIDTHS:%=$(OBJ)/host/tools/cardsim_model_w%.o) \
    $(OBJ)/tests/cosim/cosim_args.o
CARDSIM_LIBS := $(DRIVER_LIB) $(CARDSIM_MODEL_LIB) $(PROTO_LIB)
CARDSIM_LDLIBS := $(PROTO_LDLIBS) $(DRIVER_LDLIBS)

# cardsim_vl(W, variant): Verilate the card at DATA_W=W (variant "" plain,
# "_trace" with FST waveforms) and compile its glue.
define cardsim_vl
CARDSIM_VL_$(1)$(2) := $(CARDSIM_VL_DIR)/cardsim_w$(1)$(2)

$$(CARDSIM_VL_$(1)$(2))/Vcardsim_core_w$(1)$(2)__ALL.a: $$$$(CARDSIM_SV)
	@mkdir -p $$(@D)
	$(CARDSIM_VERILATOR) $(CARDSIM_VFLAGS) $(CARDSIM_VX$(2)) -Mdir $$(@D) \
	    --prefix Vcardsim_core_w$(1)$(2) -GDATA_W=$(1) $$(CARDSIM_SV)
	$(MAKE) -s -C $$(@D) -f Vcardsim_core_w$(1)$(2).mk verilated.o verilated_threads.o \
	    $(if $(2),verilated_fst_c.o)
	@touch $$@

$$(CARDSIM_VL_$(1)$(2))/cardsim_rtl_w$(1)$(2).o: host/tools/cardsim_rtl_w$(1)$(2).cpp \
        tests/cosim/cosim_rtl.inc host/tools/cardsim_core_ports.def \
        $$(CARDSIM_VL_$(1)$(2))/Vcardsim_core_w$(1)$(2)__ALL.a
	$(CXX) $(CARDSIM_INC) $(CARDSIM_CXX$(2)) -isystem $$(@D) \
	    -isystem $(CARDSIM_VROOT)/include -isystem $(CARDSIM_VROOT)/include/vltstd \
	    -std=c++17 -O2 -g -Wall -Wextra -Werror -c $$< -o $$@

CARDSIM_RTL_OBJS += $$(CARDSIM_VL_$(1)$(2))/cardsim_rtl_w$(1)$(2).o
CARDSIM_RTL_ARS += $$(CARDSIM_VL_$(1)$(2))/Vcardsim_core_w$(1)$(2)__ALL.a
endef
$(foreach w,$(CARDSIM_WIDTHS),$(eval $(call cardsim_vl,$(w),)))
$(foreach w,$(CARDSIM_WIDTHS),$(eval $(call cardsim_vl,$(w),_trace)))
# One copy of Verilator's runtime serves every model: the tracing build's
# (it has the FST writer; the plain models never call it).
CARDSIM_VL_RT := $(addprefix $(CARDSIM_VL_DIR)/cardsim_w8_trace/,verilated.o \
    verilated_threads.o verilated_fst_c.o)

ifeq ($(SAN),1)
# Under ASan+UBSan: the model engines only (Verilator's code is not
# instrumented), so the seed check runs the model under the sanitizers.
$(CARDSIM): $(OBJ)/host/tools/cardsim.o $(OBJ)/host/tools/cardsim_engines_model.o \
        $(CARDSIM_COMMON_OBJS) $(CARDSIM_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CARDSIM_LDLIBS)
else
$(CARDSIM): $(OBJ)/host/tools/cardsim.o $(OBJ)/host/tools/cardsim_engines_rtl.o \
        $(CARDSIM_COMMON_OBJS) $(CARDSIM_RTL_OBJS) $(CARDSIM_RTL_ARS) $(CARDSIM_LIBS)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(CARDSIM_RTL_ARS) $(CARDSIM_VL_RT) \
	    $(CARDSIM_LIBS) $(CARDSIM_LDLIBS) -lz -pthread

$(CARDSIM_BENCH): $(OBJ)/host/tools/cardsim_bench.o $(OBJ)/host/tools/cardsim_engines_rtl.o \
        $(CARDSIM_COMMON_OBJS) $(CARDSIM_RTL_OBJS) $(CARDSIM_RTL_ARS) $(CARDSIM_LIBS)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(filter-out %.a,$^) $(CARDSIM_RTL_ARS) $(CARDSIM_VL_RT) \
	    $(CARDSIM_LIBS) $(CARDSIM_LDLIBS) -lz -pthread

ALL += $(CARDSIM_BENCH)
endif

$(CARDSIM_REF): $(OBJ)/tests/cardsim/cardsim_ref.o $(OBJ)/host/tools/cardsim_table.o \
        $(OBJ)/host/tools/cardsim_file.o $(PROTO_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(PROTO_LDLIBS)

ALL += $(CARDSIM) $(CARDSIM_REF)

.PHONY: cardsim-check cardsim-bench
cardsim-check: $(CARDSIM) $(CARDSIM_REF)
	@tests/cardsim/cardsim-check.sh $(CARDSIM) $(CARDSIM_REF) $(BUILD)/tests/cardsim/check \
	    $(if $(filter 1,$(SAN)),model,rtl model)

cardsim-bench: $(CARDSIM_BENCH)
	@$(CARDSIM_BENCH)

TEST_STEPS += cardsim-check
SAN_TEST_STEPS += cardsim-check
BENCH_STEPS += cardsim-bench

# tests/unit/test_cardsim_table.c: the table parser and the port accessor.
$(OBJ)/tests/unit/test_cardsim_table.o: CPPFLAGS += $(CARDSIM_INC)
$(BUILD)/tests/unit/test_cardsim_table: $(OBJ)/host/tools/cardsim_table.o \
    $(OBJ)/host/tools/cardsim_port.o
