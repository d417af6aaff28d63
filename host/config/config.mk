# The l2tpd configuration file (host/config/CONFIG.md) and its parser:
# libl2tpconfig.
L2TPCONFIG_SRCS := $(sort $(wildcard host/config/*.c))
L2TPCONFIG_LIB := $(LIB)/libl2tpconfig.a
CPPFLAGS += -Ihost/config

$(L2TPCONFIG_LIB): $(L2TPCONFIG_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(L2TPCONFIG_LIB)
HOST_LIBS += $(L2TPCONFIG_LIB)
