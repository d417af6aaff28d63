# libFuzzer target over l2tpdump's decode path (tests/fuzz/fuzz_l2tpdump.c),
# built with clang (-fsanitize=fuzzer,address,undefined) from the sources.
#   make fuzz                  build and run it for FUZZ_SECONDS (default 300)
#   make test (fuzz-short)     20 s, skipped with a note when clang is missing
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 300
FUZZ_SHORT_SECONDS ?= 20
FUZZ_DIR := build/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz_l2tpdump
FUZZ_SRCS := tests/fuzz/fuzz_l2tpdump.c host/tools/l2tpdump_decode.c host/tools/l2tpdump_auth.c \
	$(PROTO_SRCS)
FUZZ_CFLAGS := -std=c11 -Wall -Wextra -Werror -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

$(FUZZ_BIN): $(FUZZ_SRCS) $(wildcard host/proto/*.h host/tools/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter-out -MMD -MP,$(CPPFLAGS)) -Ihost/tools -o $@ $(FUZZ_SRCS) $(PROTO_LDLIBS)

.PHONY: fuzz fuzz-short
fuzz: $(FUZZ_BIN) $(L2TPDUMP)
	@tests/fuzz/run-fuzz.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(L2TPDUMP) $(FUZZ_DIR)

fuzz-short: $(L2TPDUMP)
	@if command -v $(FUZZ_CC) >/dev/null; then \
		$(MAKE) --no-print-directory $(FUZZ_BIN) && \
		tests/fuzz/run-fuzz.sh $(FUZZ_BIN) $(FUZZ_SHORT_SECONDS) $(L2TPDUMP) $(FUZZ_DIR); \
	else echo "fuzz-short: $(FUZZ_CC) not installed, skipped (tests/tools/deps.sh installs it)"; fi

TEST_STEPS += fuzz-short
