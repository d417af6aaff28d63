# The protocol core: L2TP, PPP, HDLC, IPv4/UDP, pcap. Used by host, driver
# tests, model checks and tools.
PROTO_SRCS := $(sort $(wildcard host/proto/*.c))
PROTO_LIB := $(LIB)/libl2tpproto.a
PROTO_LDLIBS := $(shell pkg-config --libs libpcap libcrypto)

$(PROTO_LIB): $(PROTO_SRCS:%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

ALL += $(PROTO_LIB)
