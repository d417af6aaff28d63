# session_table and session_lookup in `make synth` (hw/hw.mk), each on its
# own with its default parameters (SESS_AW = 6, N_CH = 4; a generic Yosys
# synthesis maps their RAMs to flops, so the run time grows with the table)
# until the card top instantiates them.
HW_SYNTH_TOPS += session_table session_lookup
