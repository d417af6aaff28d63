# session_table and session_lookup in `make synth` (hw/hw.mk), each on its
# own with its default parameters (SESS_AW = 6, N_CH = 4: the entries and
# the per-session state are flops in a generic synthesis, and Yosys's run
# time grows with them) until the card top instantiates them.
HW_SYNTH_TOPS += session_table
