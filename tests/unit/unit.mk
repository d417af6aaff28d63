# CUnit unit tests: each tests/unit/test_*.c is one program, linked with
# unit_main.c (which runs the suites and turns failures into an exit status).
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)
UNIT_MAIN := $(OBJ)/tests/unit/unit_main.o

UNIT_LIBS = $(HOST_LIBS) $(PROTO_LIB)

# A group, so the libraries' order among themselves does not matter.
$(BUILD)/tests/unit/%: $(OBJ)/tests/unit/%.o $(UNIT_MAIN) $(UNIT_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) -Wl,--start-group $(UNIT_LIBS) -Wl,--end-group \
		$(PROTO_LDLIBS) $(HOST_LDLIBS) -lcunit

ALL += $(UNIT_BINS)

.PHONY: unit-tests
unit-tests: $(UNIT_BINS)
	@tests/tools/run-tests.sh "unit ($(if $(filter 1,$(SAN)),ASan+UBSan,plain))" $(UNIT_BINS)

TEST_STEPS += unit-tests
SAN_TEST_STEPS += unit-tests
