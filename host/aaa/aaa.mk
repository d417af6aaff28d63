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

# The RADIUS backend (aaa_radius*.c) goes through radcli (libradcli-dev)
# and runs radcli's blocking calls on a worker thread; its dictionary
# ships next to it (host/aaa/radius.dictionary), found by absolute path
# unless [radius] dictionary names another.
RADCLI_CFLAGS := $(shell pkg-config --cflags radcli)
RADCLI_LIBS := $(shell pkg-config --libs radcli)
$(OBJ)/host/aaa/aaa_radius.o $(OBJ)/host/aaa/aaa_radius_%.o: CPPFLAGS += $(RADCLI_CFLAGS) \
	-DAAA_RADIUS_DICTIONARY='"$(abspath host/aaa/radius.dictionary)"'
HOST_LDLIBS += $(RADCLI_LIBS) -pthread
