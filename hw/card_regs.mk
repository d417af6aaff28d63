# card_regs (with its counter bank card_cnt_bank) in `make synth` (hw/hw.mk):
# synthesized on its own with its default parameters until the card top
# instantiates it.
HW_SYNTH_TOPS += card_regs
