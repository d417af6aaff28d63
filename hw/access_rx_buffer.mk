# access_rx_buffer in `make synth` (hw/hw.mk): synthesized on its own with its
# default parameters (DATA_W 8, DEPTH_LOG2 8: a 2 KiB RAM, which generic
# Yosys synthesis maps to flip-flops) until the card top instantiates it.
HW_SYNTH_TOPS += access_rx_buffer
