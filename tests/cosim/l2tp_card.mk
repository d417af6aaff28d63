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
