# card_dma (the PCIe shell's punt/inject DMA rings and moderated interrupt)
# in `make synth` (hw/hw.mk), on its own with its default parameters until
# the card top instantiates it. The punt FIFO (2^9 beats) becomes flops
# there (about 33k of its 40k flops, 92k cells, 1-2 minutes of Yosys); an
# FPGA build maps it to block RAM.
HW_SYNTH_TOPS += card_dma
