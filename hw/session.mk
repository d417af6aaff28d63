# session_table and session_lookup in `make synth` (hw/hw.mk), each on its
# own until the card top instantiates them, with SESS_AW = 4 (16 sessions)
# and the default N_CH = 4: in a generic Yosys synthesis the per-session
# state of session_lookup is flops, and its run time grows with the table
# (SESS_AW = 6 takes several minutes on the CI machine). These explicit
# rules take precedence over hw.mk's pattern rule; the same checks apply
# (every warning fatal, check -assert).
HW_SYNTH_TOPS += session_table session_lookup
SESSION_SYNTH_SESS_AW ?= 4

$(HW_SYNTH_DIR)/session_table.stat $(HW_SYNTH_DIR)/session_lookup.stat: $(HW_SYNTH_DIR)/%.stat: $(HW_SRCS)
	@mkdir -p $(@D)
	$(YOSYS) -q -e '.*' -l $(HW_SYNTH_DIR)/$*.log -p 'read_verilog -sv $(HW_SRCS); chparam -set SESS_AW $(SESSION_SYNTH_SESS_AW) $*; synth -top $*; check -assert; tee -q -o $@ stat'
