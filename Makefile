# L2TP offload card: RTL, C model, driver, host control plane, tests.
#
#   make          build everything (installs missing Debian packages first)
#   make test     build and run every test, then again under ASan+UBSan
#   make demo     the main job
#   make bench    benchmarks, printing figures
#
# Each part of the tree adds its own rules in a *.mk fragment next to its
# code; this file holds only what they share.

.DEFAULT_GOAL := all
SHELL := /bin/bash

BUILD ?= build
SAN ?= 0

CC ?= cc
CXX ?= c++
PKGS := libpcap libcrypto cunit libpci
CPPFLAGS := -Ihost/proto -Ihost/common -D_DEFAULT_SOURCE -MMD -MP
CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g
LDLIBS :=
ifeq ($(SAN),1)
  BUILD := build/san
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  CFLAGS := $(filter-out -O2,$(CFLAGS)) -O1 $(SANFLAGS)
  LDFLAGS += $(SANFLAGS)
endif

BIN := $(BUILD)/bin
LIB := $(BUILD)/lib
OBJ := $(BUILD)/obj

# Filled in by the fragments.
ALL :=            # files `make` builds
HOST_LIBS :=      # host libraries above the protocol core (tests link them all)
TEST_STEPS :=     # phony targets `make test` runs, in order
SAN_TEST_STEPS := # phony targets run again with SAN=1
BENCH_STEPS :=    # phony targets `make bench` runs
COVERAGE_STEPS := # per-block RTL coverage runs (`make coverage`; `make test` covers the card top)
DEMO_STEPS :=     # phony targets `make demo` runs
HW_SYNTH_TOPS :=  # RTL blocks `make synth` synthesizes (fragments add theirs)

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# Fragments are read in name order, so a rule whose prerequisites name
# another fragment's variables writes them as $$(VAR): expanded after every
# fragment has been read.
.SECONDEXPANSION:

include $(sort $(wildcard host/*.mk host/*/*.mk model/*.mk driver/*.mk hw/*.mk tests/*.mk tests/*/*.mk))

.PHONY: all deps test demo bench coverage clean san-tests
all: deps
	@$(MAKE) --no-print-directory build-all

.PHONY: build-all
build-all: $(ALL)

deps:
	@tests/tools/deps.sh

test: deps
	@$(MAKE) --no-print-directory build-all
	@set -e; for step in $(FAST_FIRST_STEPS); do $(MAKE) --no-print-directory $$step; done
	@$(MAKE) --no-print-directory SAN=1 san-tests
	@echo "make test: every step passed"

san-tests:
	@set -e; for step in $(SAN_TEST_STEPS); do $(MAKE) --no-print-directory SAN=1 $$step; done

demo: deps
	@$(MAKE) --no-print-directory build-all
	@set -e; for step in $(DEMO_STEPS); do $(MAKE) --no-print-directory $$step; done

# The quick host tests first, so a broken protocol core fails in seconds.
FAST_FIRST_STEPS = $(filter unit-tests,$(TEST_STEPS)) $(filter-out unit-tests,$(TEST_STEPS))

coverage: deps
	@$(MAKE) --no-print-directory build-all
	@set -e; for step in $(COVERAGE_STEPS); do $(MAKE) --no-print-directory $$step; done

bench: deps
	@$(MAKE) --no-print-directory build-all
	@set -e; for step in $(BENCH_STEPS); do $(MAKE) --no-print-directory $$step; done

clean:
	rm -rf build

.SECONDARY:

# Dependency files are written by the compiler, never remade: without this
# empty rule make tries its built-in `%: %.o` on an out-of-date one
# (cardsim_model_w16.d from cardsim_model_w16.d.o by the w% pattern) and
# recurses into .d.d.d files.
$(BUILD)/%.d: ;
-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
