# net_rx_parser in `make synth` (hw/hw.mk): synthesized on its own with the
# default DATA_W = 8 until the card top instantiates it.
HW_SYNTH_TOPS += net_rx_parser
