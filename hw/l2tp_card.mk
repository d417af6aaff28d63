# l2tp_card (the card top: l2tp_card_core + card_dma) in `make synth`
# (hw/hw.mk) at DATA_W 8 with small tables and FIFOs (N_CH 4, SESS_AW 6, the
# core's FIFOs as in l2tp_card_core.mk, punt FIFO 2^6 beats / 2^4 frames): a
# generic Yosys synthesis maps every RAM to flops, so the defaults would take
# far beyond CI's time. This rule replaces hw.mk's pattern rule for this top.
# Figures (Yosys 0.23, generic cells): 276k cells, 86.6k flops, clean, about
# 5.5 minutes of CPU (the session table and FIFOs as flops dominate).
HW_SYNTH_TOPS += l2tp_card
CARD_SYNTH_PARAMS := -set DATA_W 8 -set N_CH 4 -set SESS_AW 6 -set FRAME_DEPTH_LOG2 5 \
                     -set CH_DEPTH_LOG2 4 -set ACC_DEPTH_LOG2 5 -set PUNT_FIFO_LOG2 6 \
                     -set PUNT_META_LOG2 4

$(HW_SYNTH_DIR)/l2tp_card.stat: $(HW_SRCS)
	@mkdir -p $(@D)
	$(YOSYS) -q -e '.*' -l $(HW_SYNTH_DIR)/l2tp_card.log -p 'read_verilog -sv $(HW_SRCS); chparam $(CARD_SYNTH_PARAMS) l2tp_card; synth -flatten -top l2tp_card; check -assert; tee -q -o $@ stat'
