# The whole card (hw/l2tp_card.sv: l2tp_card_core + card_dma behind one
# BAR0 bus) Verilated at DATA_W 8 with N_CH 4 and SESS_AW 6 (the session
# models' sizes), once, for two users: the lockstep test of the card against
# model/l2tp_card.c (cosim_l2tp_card, below) and the driver's rtl backend
# (driver/sim.mk). Same scheme as l2tp_card_core.mk.
CARD_SV := $(HW_SRCS)
CARD_VL := $(COSIM_VL_DIR)/l2tp_card_w8
CARD_VL_LIB := $(CARD_VL)/Vl2tp_card_w8__ALL.a
CARD_RTL_OBJ := $(CARD_VL)/l2tp_card_w8_rtl.o
# What a program linking the Verilated card needs besides its own objects.
CARD_RTL_LINK := $(CARD_RTL_OBJ) $(CARD_VL_LIB) $(addprefix $(CARD_VL)/,$(COSIM_RT)) -pthread

$(CARD_VL_LIB): $(CARD_SV)
	@mkdir -p $(@D)
	$(VERILATOR) $(VERILATOR_FLAGS) -Mdir $(@D) --top-module l2tp_card \
	    --prefix Vl2tp_card_w8 -GDATA_W=8 -GN_CH=4 -GSESS_AW=6 $(CARD_SV)
	$(MAKE) -s -C $(@D) -f Vl2tp_card_w8.mk $(COSIM_RT)
	@touch $@

$(CARD_RTL_OBJ): tests/cosim/l2tp_card_w8_rtl.cpp tests/cosim/cosim_rtl.inc \
        tests/cosim/l2tp_card_ports.def $(CARD_VL_LIB)
	$(CXX) $(COSIM_CPPFLAGS) -isystem $(@D) \
	    -isystem $(VERILATOR_ROOT)/include -isystem $(VERILATOR_ROOT)/include/vltstd \
	    $(COSIM_CXXFLAGS) -c $< -o $@

# The lockstep test of the card, driven by the driver (see its header).
CARD_COSIM_LIBS = $(HOST_LIBS) $(PROTO_LIB)
ifeq ($(SAN),1)
CARD_CYCLES ?= 200000
else
CARD_CYCLES ?= 1000000
endif

$(COSIM_BIN)/cosim_l2tp_card: $(OBJ)/tests/cosim/cosim_l2tp_card.o $(OBJ)/tests/cosim/cosim.o \
        $(OBJ)/tests/cosim/cosim_args.o $(CARD_RTL_OBJ) $(CARD_VL_LIB) $(CARD_COSIM_LIBS)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(filter %.o,$^) $(CARD_VL_LIB) $(addprefix $(CARD_VL)/,$(COSIM_RT)) \
	    -Wl,--start-group $(CARD_COSIM_LIBS) -Wl,--end-group $(PROTO_LDLIBS) $(HOST_LDLIBS) \
	    -pthread

$(OBJ)/tests/cosim/cosim_l2tp_card_model_only.o: tests/cosim/cosim_l2tp_card.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(COSIM_CPPFLAGS) -DCOSIM_MODEL_ONLY $(CFLAGS) -c $< -o $@

$(BUILD)/tests/cosim/cosim_l2tp_card_model_only: $(OBJ)/tests/cosim/cosim_l2tp_card_model_only.o \
        $(OBJ)/tests/cosim/cosim.o $(OBJ)/tests/cosim/cosim_args.o $(CARD_COSIM_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) -Wl,--start-group $(CARD_COSIM_LIBS) -Wl,--end-group \
	    $(PROTO_LDLIBS) $(HOST_LDLIBS)

ALL += $(COSIM_BIN)/cosim_l2tp_card $(BUILD)/tests/cosim/cosim_l2tp_card_model_only

.PHONY: cosim-card cosim-card-model
cosim-card: $(COSIM_BIN)/cosim_l2tp_card
	COSIM_SEED=$(COSIM_SEED) $< --cycles $(CARD_CYCLES)

# The model alone (no Verilator code): runs under ASan+UBSan too.
cosim-card-model: $(BUILD)/tests/cosim/cosim_l2tp_card_model_only
	COSIM_SEED=$(COSIM_SEED) $< --cycles $(CARD_CYCLES)

TEST_STEPS += cosim-card
SAN_TEST_STEPS += cosim-card-model
