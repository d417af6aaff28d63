# net_rx_parser in `make synth` (hw/hw.mk): synthesized on its own with the
# default DATA_W = 8 until the card top instantiates it. hw.mk's recipe
# walks HW_SYNTH_TOPS when it runs, so adding to it here is enough.
HW_SYNTH_TOPS += net_rx_parser
synth: $(HW_SYNTH_DIR)/net_rx_parser.stat
