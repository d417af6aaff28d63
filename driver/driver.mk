# The host driver: libl2tpcard.a (public API driver/l2tpcard.h; BAR0 map
# hw/regmap.md mirrored in driver/card_regs.h). Links libpci.
DRIVER_SRCS := $(sort $(wildcard driver/*.c))
DRIVER_LIB := $(LIB)/libl2tpcard.a
DRIVER_LDLIBS := $(shell pkg-config --libs libpci)

CPPFLAGS += -Idriver

$(DRIVER_LIB): $(DRIVER_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(DRIVER_LIB)
HOST_LIBS += $(DRIVER_LIB)
# System libraries of the host libraries, for programs that link HOST_LIBS
# (the unit tests).
HOST_LDLIBS += $(DRIVER_LDLIBS)
