# The call manager (host/vpdn/vpdn.h): the LAC and LNS call flows of l2tpd
# over l2tp_ctrl, ppp_link, the AAA and a dataplane ops table.
VPDN_SRCS := $(sort $(wildcard host/vpdn/*.c))
VPDN_LIB := $(LIB)/libvpdn.a
CPPFLAGS += -Ihost/vpdn

$(VPDN_LIB): $(VPDN_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(VPDN_LIB)
HOST_LIBS += $(VPDN_LIB)
