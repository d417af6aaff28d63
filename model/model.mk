# The cycle-accurate C model of hw/: build/lib/libcardmodel.a. Port structs
# come from the cosim port lists (tests/cosim/*_ports.def).
MODEL_SRCS := $(sort $(wildcard model/*.c))
MODEL_LIB := $(LIB)/libcardmodel.a
MODEL_CPPFLAGS := -Imodel -Itests/cosim

$(OBJ)/model/%.o: model/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(MODEL_CPPFLAGS) $(CFLAGS) -c $< -o $@

$(MODEL_LIB): $(MODEL_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(MODEL_LIB)
