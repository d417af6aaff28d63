# encap_builder in `make synth` (hw/hw.mk): synthesized on its own with its
# default parameters (DATA_W 8, N_CH 4, SESS_AW 6: a 64-session table of Ns
# and counters keeps Yosys's run short) until the card top instantiates it.
HW_SYNTH_TOPS += encap_builder
