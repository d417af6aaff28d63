# access_rx_arbiter in `make synth` (hw/hw.mk): synthesized on its own with its
# default parameters (DATA_W 8, N_CH 4) until the card top instantiates it.
HW_SYNTH_TOPS += access_rx_arbiter
