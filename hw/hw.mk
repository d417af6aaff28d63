# RTL checks: `make lint` (Verilator -Wall, each hw/*.sv module as the top,
# clean) and `make synth` (Yosys 0.23 synthesis of each finished block,
# printing cell and flop counts). Both are steps of `make test`.
HW_PKG := hw/l2tp_card_pkg.sv
# The package first: every module refers to it.
HW_SRCS := $(HW_PKG) $(filter-out $(HW_PKG),$(sort $(wildcard hw/*.sv)))
HW_MODULES := $(notdir $(basename $(HW_SRCS)))
# Blocks synthesized on their own with default parameters, until the card
# top (l2tp_card_core) exists and replaces them.
HW_SYNTH_TOPS += hdlc_framer hdlc_deframer
HW_SYNTH_DIR := build/synth

VERILATOR ?= verilator
YOSYS ?= yosys

.PHONY: lint synth
lint:
	@set -e; for m in $(HW_MODULES); do \
	    echo "lint $$m"; \
	    $(VERILATOR) --lint-only -Wall --top-module $$m $(HW_SRCS); \
	done
	@echo "lint: $(words $(HW_MODULES)) modules clean (verilator -Wall)"

# Flattened, so the statistics are one module's: the whole block.
# Clean means clean: any Yosys warning is fatal (-e '.*'), and `check
# -assert` fails the run on undriven or multiply-driven nets and loops.
$(HW_SYNTH_DIR)/%.stat: $(HW_SRCS)
	@mkdir -p $(@D)
	$(YOSYS) -q -e '.*' -l $(HW_SYNTH_DIR)/$*.log -p 'read_verilog -sv $(HW_SRCS); synth -flatten -top $*; check -assert; tee -q -o $@ stat'

# Other fragments may add to HW_SYNTH_TOPS after this one is read, so the
# list is expanded in the recipe, not in a prerequisite list.
synth:
	@$(MAKE) --no-print-directory $(HW_SYNTH_TOPS:%=$(HW_SYNTH_DIR)/%.stat)
	@for t in $(HW_SYNTH_TOPS); do \
	    awk -v top=$$t '/Number of cells:/ { cells = $$4 } \
	        /\$$_[A-Z]*DFF[A-Z0-9_]*_ / { flops += $$2 } \
	        END { printf "synth %-16s %6d cells %5d flops\n", top, cells, flops }' \
	        $(HW_SYNTH_DIR)/$$t.stat; \
	done

TEST_STEPS += lint synth
