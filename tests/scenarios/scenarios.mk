# Regression scenarios: tests/scenarios/*.scn run through l2tpd (two
# routers, simulated users, virtual clock), each PASS/FAIL with the reason.
.PHONY: scenarios
scenarios: $(BIN)/l2tpd
	@tests/scenarios/run.sh $(BIN)/l2tpd $(BUILD)/scenarios

TEST_STEPS += scenarios
SAN_TEST_STEPS += scenarios
