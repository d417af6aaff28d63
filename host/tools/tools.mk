# Command-line tools. l2tpdump: decode L2TP from hex or pcap, build pcaps.
L2TPDUMP := $(BIN)/l2tpdump
L2TPDUMP_SRCS := $(sort $(wildcard host/tools/l2tpdump*.c))

$(L2TPDUMP): $(L2TPDUMP_SRCS:%.c=$(OBJ)/%.o) $(PROTO_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(PROTO_LDLIBS)

ALL += $(L2TPDUMP)

# The seed's packets against the seed's debug lines, a pcap of them through
# l2tpdump and tshark, and malformed input (tests/tools/l2tpdump-check.sh).
.PHONY: l2tpdump-check
l2tpdump-check: $(L2TPDUMP)
	@tests/tools/l2tpdump-check.sh $(L2TPDUMP)

TEST_STEPS += l2tpdump-check
SAN_TEST_STEPS += l2tpdump-check

# The seed's whole call flow, LAC and LNS, as a pcap decoded by l2tpdump
# and summarised by tshark.
.PHONY: demo-l2tpdump
demo-l2tpdump: $(L2TPDUMP)
	@tests/tools/demo-l2tpdump.sh $(L2TPDUMP) $(BUILD)/demo

DEMO_STEPS += demo-l2tpdump
