# l2tpd (the daemon) and its parts as libl2tpd.a (for tests); see
# host/l2tpd/l2tpd.h. Links every host library, the driver and the core.
L2TPD := $(BIN)/l2tpd
L2TPD_SRCS := $(filter-out host/l2tpd/main.c,$(sort $(wildcard host/l2tpd/*.c)))
L2TPD_LIB := $(LIB)/libl2tpd.a
CPPFLAGS += -Ihost/l2tpd

$(L2TPD_LIB): $(L2TPD_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

# C++-linked with the Verilated card, so the "rtl" backend is there too
# (driver/sim.mk: SIM_RTL_LINK).
# $$: HOST_LIBS, PROTO_LIB and the Verilated card's files are completed by
# fragments read after this one (Makefile: .SECONDEXPANSION). The Verilator
# runtime objects in SIM_RTL_LINK come with CARD_VL_LIB (no rule of their own).
$(L2TPD): $(OBJ)/host/l2tpd/main.o $(L2TPD_LIB) $$(HOST_LIBS) $$(PROTO_LIB) \
          $(OBJ)/driver/rtl_backend.o $$(CARD_RTL_OBJ) $$(CARD_VL_LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(OBJ)/host/l2tpd/main.o $(SIM_RTL_LINK) -Wl,--start-group \
		$(L2TPD_LIB) $(HOST_LIBS) $(PROTO_LIB) -Wl,--end-group $(PROTO_LDLIBS) $(HOST_LDLIBS)

ALL += $(L2TPD)
# The daemon's parts for the unit tests (tests/unit/test_l2tpd_*.c).
HOST_LIBS += $(L2TPD_LIB)

# `make demo`'s main job: the seed's call through l2tpd (tests/scenarios/demo.sh).
.PHONY: demo-l2tpd
demo-l2tpd: $(L2TPD)
	@tests/scenarios/demo.sh $(L2TPD) $(BUILD)/demo

DEMO_STEPS += demo-l2tpd
