# l2tpctl: l2tpd's CLI over its Unix socket.
L2TPCTL := $(BIN)/l2tpctl

$(L2TPCTL): $(OBJ)/host/l2tpctl/l2tpctl.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^

ALL += $(L2TPCTL)
