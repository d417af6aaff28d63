# AAA for l2tpd (host/aaa/aaa.h): PPP authentication, VPDN tunnel
# authorization, address pools; the local backend reads the config file.
L2TPAAA_SRCS := $(sort $(wildcard host/aaa/*.c))
L2TPAAA_LIB := $(LIB)/libl2tpaaa.a
CPPFLAGS += -Ihost/aaa

$(L2TPAAA_LIB): $(L2TPAAA_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(L2TPAAA_LIB)
HOST_LIBS += $(L2TPAAA_LIB)
