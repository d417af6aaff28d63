# The driver against the simulated card (tests/driver/test_card_sim.c): one
# CUnit suite built for each backend, "model" (C only; also under
# ASan+UBSan) and "rtl" (linked with the Verilated card, C++). Read before
# tests/unit/unit.mk and tests/cosim/l2tp_card.mk: their objects by name.
SIM_TEST_BIN := $(BUILD)/tests/driver
SIM_TEST_LIBS = $(HOST_LIBS) $(PROTO_LIB)

# Static pattern rules (explicit targets): make never chains them to remake
# an included .d file.
$(OBJ)/tests/driver/test_card_sim_model.o $(OBJ)/tests/driver/test_card_sim_rtl.o: \
        $(OBJ)/tests/driver/test_card_sim_%.o: tests/driver/test_card_sim.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit -DSIM_BACKEND='"$*"' $(CFLAGS) -c $< -o $@

$(SIM_TEST_BIN)/test_card_sim_model: $(OBJ)/tests/driver/test_card_sim_model.o $(OBJ)/tests/unit/unit_main.o \
        $(SIM_TEST_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) -Wl,--start-group $(SIM_TEST_LIBS) -Wl,--end-group \
	    $(PROTO_LDLIBS) $(HOST_LDLIBS) -lcunit

$(SIM_TEST_BIN)/test_card_sim_rtl: $(OBJ)/tests/driver/test_card_sim_rtl.o $(OBJ)/tests/unit/unit_main.o \
        $(OBJ)/driver/rtl_backend.o build/verilator/l2tp_card_w8/l2tp_card_w8_rtl.o \
        build/verilator/l2tp_card_w8/Vl2tp_card_w8__ALL.a $(SIM_TEST_LIBS)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(filter %.o,$^) $(CARD_VL_LIB) \
	    $(addprefix $(CARD_VL)/,$(COSIM_RT)) -Wl,--start-group $(SIM_TEST_LIBS) -Wl,--end-group \
	    $(PROTO_LDLIBS) $(HOST_LDLIBS) -lcunit -pthread

ALL += $(SIM_TEST_BIN)/test_card_sim_model $(SIM_TEST_BIN)/test_card_sim_rtl

.PHONY: driver-sim-tests driver-sim-tests-model
driver-sim-tests: $(SIM_TEST_BIN)/test_card_sim_model $(SIM_TEST_BIN)/test_card_sim_rtl
	@tests/tools/run-tests.sh "driver on simulated cards" $^

driver-sim-tests-model: $(SIM_TEST_BIN)/test_card_sim_model
	@tests/tools/run-tests.sh "driver on the model card (ASan+UBSan)" $^

TEST_STEPS += driver-sim-tests
SAN_TEST_STEPS += driver-sim-tests-model

# `make bench`: punt/inject frames per second through the driver on each
# simulated backend, MMIO and DMA transactions per frame.
$(OBJ)/tests/driver/bench_card_sim_model.o $(OBJ)/tests/driver/bench_card_sim_rtl.o: \
        $(OBJ)/tests/driver/bench_card_sim_%.o: tests/driver/bench_card_sim.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DSIM_BACKEND='"$*"' $(CFLAGS) -c $< -o $@

$(SIM_TEST_BIN)/bench_card_sim_model: $(OBJ)/tests/driver/bench_card_sim_model.o $(SIM_TEST_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) -Wl,--start-group $(SIM_TEST_LIBS) -Wl,--end-group \
	    $(PROTO_LDLIBS) $(HOST_LDLIBS)

$(SIM_TEST_BIN)/bench_card_sim_rtl: $(OBJ)/tests/driver/bench_card_sim_rtl.o \
        $(OBJ)/driver/rtl_backend.o build/verilator/l2tp_card_w8/l2tp_card_w8_rtl.o \
        build/verilator/l2tp_card_w8/Vl2tp_card_w8__ALL.a $(SIM_TEST_LIBS)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $(filter %.o,$^) $(CARD_VL_LIB) \
	    $(addprefix $(CARD_VL)/,$(COSIM_RT)) -Wl,--start-group $(SIM_TEST_LIBS) -Wl,--end-group \
	    $(PROTO_LDLIBS) $(HOST_LDLIBS) -pthread

ALL += $(SIM_TEST_BIN)/bench_card_sim_model $(SIM_TEST_BIN)/bench_card_sim_rtl

.PHONY: bench-driver-sim
bench-driver-sim: $(SIM_TEST_BIN)/bench_card_sim_model $(SIM_TEST_BIN)/bench_card_sim_rtl
	@set -e; for b in $^; do $$b; done

BENCH_STEPS += bench-driver-sim
