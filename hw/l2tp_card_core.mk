# l2tp_card_core in `make synth` (hw/hw.mk) at DATA_W 8 with small tables
# and FIFOs (N_CH 2, SESS_AW 4, FRAME_DEPTH_LOG2 4, CH_DEPTH_LOG2 3,
# ACC_DEPTH_LOG2 4): a generic Yosys synthesis maps every RAM to flops, and
# its run time grows with them (N_CH 4, SESS_AW 6 and 32-beat FIFOs already
# take 4.5 CPU minutes and 1.5 GB; the defaults, N_CH 32 and 256-beat FIFOs,
# are far beyond CI's budget). This rule replaces hw.mk's pattern rule for
# this one top.
HW_SYNTH_TOPS += l2tp_card_core
CORE_SYNTH_PARAMS := -set DATA_W 8 -set N_CH 2 -set SESS_AW 4 -set FRAME_DEPTH_LOG2 4 \
                     -set CH_DEPTH_LOG2 3 -set ACC_DEPTH_LOG2 4

$(HW_SYNTH_DIR)/l2tp_card_core.stat: $(HW_SRCS)
	@mkdir -p $(@D)
	$(YOSYS) -q -e '.*' -l $(HW_SYNTH_DIR)/l2tp_card_core.log -p 'read_verilog -sv $(HW_SRCS); chparam $(CORE_SYNTH_PARAMS) l2tp_card_core; synth -flatten -top l2tp_card_core; check -assert; tee -q -o $@ stat'
