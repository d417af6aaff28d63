# The whole card (hw/l2tp_card.sv: l2tp_card_core + card_dma behind one
# BAR0 bus) Verilated at DATA_W 8 and 16 with N_CH 32 and SESS_AW 12 (the
# model's defaults: 32 lines, 4096 sessions), once each. The DATA_W 8 build serves two users:
# the lockstep test of the card against model/l2tp_card.c (below) and the
# driver's rtl backend (driver/sim.mk, tests/driver/driver_sim.mk).
CARD_SV := $(HW_SRCS)
CARD_WIDTHS := 8 16
ifeq ($(SAN),1)
CARD_CYCLES ?= 200000
else
CARD_CYCLES ?= 1000000
endif
CARD_COSIM_LIBS = $(HOST_LIBS) $(PROTO_LIB)
# Seeds each run: COSIM_SEED and 6 (at DATA_W 8 a raw inject leaves the
# card during the driver's reset sequence, before CTRL.RESET, and is pulled
# off the simulated wire only after the reset; the test tells it from an
# inject leaving after the reset, which a card must never send). Seeds 1..16
# and 36 pass in lockstep at both widths (1M cycles). At DATA_W
# 8, seeds 11, 13, 14 and 36 reach a reset while a NET frame is half sent:
# the card ends it with one closing octet 00 and tlast (hw/regmap.md CTRL),
# and the test checks that this is the next beat and that the frame pulled
# is what left before the reset plus that octet (it used to be cut without
# tlast, and the wire glued it to the next frame).
CARD_SEEDS ?= $(sort $(COSIM_SEED) 6)

# card_rules(W): Verilate, the engine wrapper, the lockstep test and its
# model-only build (ASan+UBSan).
define card_rules
CARD_VL_$(1) := $(COSIM_VL_DIR)/l2tp_card_w$(1)

$$(CARD_VL_$(1))/Vl2tp_card_w$(1)__ALL.a: $(CARD_SV)
	@mkdir -p $$(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) -Mdir $$(@D) --top-module l2tp_card \
	    --prefix Vl2tp_card_w$(1) -GDATA_W=$(1) -GN_CH=32 -GSESS_AW=12 $(CARD_SV)
	$(MAKE) -s -C $$(@D) -f Vl2tp_card_w$(1).mk $(COSIM_RT)
	@touch $$@

$$(CARD_VL_$(1))/l2tp_card_w$(1)_rtl.o: tests/cosim/l2tp_card_w$(1)_rtl.cpp tests/cosim/cosim_rtl.inc \
        tests/cosim/l2tp_card_ports.def $$(CARD_VL_$(1))/Vl2tp_card_w$(1)__ALL.a
	$(CXX) $(COSIM_CPPFLAGS) -isystem $$(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $$< -o $$@

$(OBJ)/tests/cosim/cosim_l2tp_card_w$(1).o: tests/cosim/cosim_l2tp_card.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCARD_W=$(1) $(CFLAGS) -c $$< -o $$@

$(COSIM_BIN)/cosim_l2tp_card_w$(1): $(OBJ)/tests/cosim/cosim_l2tp_card_w$(1).o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o \
        $$(CARD_VL_$(1))/l2tp_card_w$(1)_rtl.o $$(CARD_VL_$(1))/Vl2tp_card_w$(1)__ALL.a \
        $(CARD_COSIM_LIBS)
	@mkdir -p $$(@D)
	$(CXX) $(LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(CARD_VL_$(1))/Vl2tp_card_w$(1)__ALL.a \
	    $$(addprefix $$(CARD_VL_$(1))/,$(COSIM_RT)) -Wl,--start-group $(CARD_COSIM_LIBS) \
	    -Wl,--end-group $(PROTO_LDLIBS) $(HOST_LDLIBS) -pthread

$(OBJ)/tests/cosim/cosim_l2tp_card_w$(1)_model_only.o: tests/cosim/cosim_l2tp_card.c
	@mkdir -p $$(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCARD_W=$(1) -DCOSIM_MODEL_ONLY $(CFLAGS) -c $$< -o $$@

$(BUILD)/tests/cosim/cosim_l2tp_card_w$(1)_model_only: \
        $(OBJ)/tests/cosim/cosim_l2tp_card_w$(1)_model_only.o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(CARD_COSIM_LIBS)
	@mkdir -p $$(@D)
	$(CC) $(LDFLAGS) -o $$@ $$(filter %.o,$$^) -Wl,--start-group $(CARD_COSIM_LIBS) \
	    -Wl,--end-group $(PROTO_LDLIBS) $(HOST_LDLIBS)
endef
$(foreach w,$(CARD_WIDTHS),$(eval $(call card_rules,$(w))))

# The DATA_W 8 build, for programs linking the Verilated card (rtl backend).
CARD_VL := $(CARD_VL_8)
CARD_VL_LIB := $(CARD_VL)/Vl2tp_card_w8__ALL.a
CARD_RTL_OBJ := $(CARD_VL)/l2tp_card_w8_rtl.o
# What a program linking the Verilated card needs besides its own objects
# (link with $(CXX)); driver/sim.mk's SIM_RTL_LINK adds the rtl backend.
CARD_RTL_LINK := $(CARD_RTL_OBJ) $(CARD_VL_LIB) $(addprefix $(CARD_VL)/,$(COSIM_RT)) -pthread

CARD_COSIM_BINS := $(CARD_WIDTHS:%=$(COSIM_BIN)/cosim_l2tp_card_w%)
CARD_MODEL_BINS := $(CARD_WIDTHS:%=$(BUILD)/tests/cosim/cosim_l2tp_card_w%_model_only)
ALL += $(CARD_COSIM_BINS) $(CARD_MODEL_BINS)

.PHONY: cosim-card cosim-card-model
cosim-card: $(CARD_COSIM_BINS)
	@set -e; for b in $^; do for s in $(CARD_SEEDS); do \
	    COSIM_SEED=$$s $$b --cycles $(CARD_CYCLES); done; done

# The model alone (no Verilator code): runs under ASan+UBSan too.
cosim-card-model: $(CARD_MODEL_BINS)
	@set -e; for b in $^; do for s in $(CARD_SEEDS); do \
	    COSIM_SEED=$$s $$b --cycles $(CARD_CYCLES); done; done

TEST_STEPS += cosim-card
SAN_TEST_STEPS += cosim-card-model
