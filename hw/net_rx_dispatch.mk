# net_rx_dispatch in `make synth` (hw/hw.mk), synthesized on its own with its
# small default parameters (DATA_W 8, N_CH 4, frame FIFO 32 beats, channel
# FIFOs 16 beats: the FIFOs are RAMs, which Yosys maps to flops here) until
# the card top instantiates it.
HW_SYNTH_TOPS += net_rx_dispatch
