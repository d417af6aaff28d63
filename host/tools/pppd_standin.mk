# pppd-standin (host/tools/PPPD-STANDIN.md): a PPP peer from host/ppp that
# takes pppd's place behind xl2tpd in the interop pairings
# (tests/interop/pair-xl2tpd-*.sh bind-mount it over /usr/sbin/pppd).
PPPD_STANDIN := $(BIN)/pppd-standin
PPPD_STANDIN_OBJS := $(patsubst %.c,$(OBJ)/%.o,$(sort $(wildcard host/tools/pppd_standin*.c)))

# $$: the libraries are defined by fragments that may be read after this one.
$(PPPD_STANDIN): $(PPPD_STANDIN_OBJS) $$(PPPCTRL_LIB) $$(HOSTCOMMON_LIB) $$(PROTO_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(PPPD_STANDIN_OBJS) -Wl,--start-group $(PPPCTRL_LIB) \
		$(HOSTCOMMON_LIB) $(PROTO_LIB) -Wl,--end-group $(PROTO_LDLIBS)

ALL += $(PPPD_STANDIN)

# The xl2tpd pairings run it.
interop: $(PPPD_STANDIN)

# Its unit test links the parts below main (tests/unit/test_pppd_standin.c).
$(BUILD)/tests/unit/test_pppd_standin: $(filter-out %/pppd_standin.o,$(PPPD_STANDIN_OBJS))
$(OBJ)/tests/unit/test_pppd_standin.o: CPPFLAGS += -Ihost/tools
