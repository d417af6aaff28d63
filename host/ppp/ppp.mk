# PPP negotiation (RFC 1661 automaton, LCP, IPCP, CHAP, PAP) and the PPP link
# with its LAC, LNS and client roles: libpppctrl.
PPPCTRL_SRCS := $(sort $(wildcard host/ppp/*.c))
PPPCTRL_LIB := $(LIB)/libpppctrl.a
CPPFLAGS += -Ihost/ppp

$(PPPCTRL_LIB): $(PPPCTRL_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(PPPCTRL_LIB)
HOST_LIBS += $(PPPCTRL_LIB)
