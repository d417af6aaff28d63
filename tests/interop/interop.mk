# Interop with real peers (issue 7): tests/interop/run.sh runs every
# tests/interop/pair-*.sh in network namespaces of its own. Needs root.
.PHONY: interop
interop: $(BIN)/l2tpd $(BIN)/l2tpctl
	@tests/interop/run.sh $(BIN) $(BUILD)/interop

TEST_STEPS += interop
