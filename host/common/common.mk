# Host-side building blocks shared by the control plane: timers on a virtual
# or wall clock, and seed-style debug output.
HOSTCOMMON_SRCS := $(sort $(wildcard host/common/*.c))
HOSTCOMMON_LIB := $(LIB)/libhostcommon.a

$(HOSTCOMMON_LIB): $(HOSTCOMMON_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(HOSTCOMMON_LIB)
HOST_LIBS += $(HOSTCOMMON_LIB)
