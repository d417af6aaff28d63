# Regression scenarios: tests/scenarios/*.scn run through l2tpd (two
# routers, simulated users, virtual clock), each PASS/FAIL with the reason;
# then l2tpd's refusals (bad config, ...) and l2tpctl's round trip.
.PHONY: scenarios
scenarios: $(BIN)/l2tpd $(BIN)/l2tpctl
	@tests/scenarios/run.sh $(BIN)/l2tpd $(BUILD)/scenarios
	@tests/scenarios/cli-checks.sh $(BIN)/l2tpd $(BIN)/l2tpctl $(BUILD)/cli-checks

TEST_STEPS += scenarios
SAN_TEST_STEPS += scenarios
