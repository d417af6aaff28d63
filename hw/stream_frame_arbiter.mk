# stream_frame_arbiter in `make synth` (hw/hw.mk): synthesized on its own with
# its default parameters (N 2, DATA_W 8, USER_W 1) until the card top
# instantiates it.
HW_SYNTH_TOPS += stream_frame_arbiter
