# The L2TP control connection (RFC 2661 §5, §7): reliable delivery, tunnel
# and session state machines, ID allocation. Used by l2tpd.
L2TPCTRL_SRCS := $(sort $(wildcard host/l2tp/*.c))
L2TPCTRL_LIB := $(LIB)/libl2tpctrl.a
CPPFLAGS += -Ihost/l2tp

$(L2TPCTRL_LIB): $(L2TPCTRL_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(L2TPCTRL_LIB)
HOST_LIBS += $(L2TPCTRL_LIB)
