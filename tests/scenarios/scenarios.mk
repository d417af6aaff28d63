# Regression scenarios: tests/scenarios/*.scn run through l2tpd (two
# routers, simulated users, virtual clock), each PASS/FAIL with the reason;
# then l2tpd's refusals (bad config, ...) and l2tpctl's round trip, then
# the seed's call between two l2tpd processes over the UDP wire.
.PHONY: scenarios
scenarios: $(BIN)/l2tpd $(BIN)/l2tpctl
	@SAN=$(SAN) tests/scenarios/run.sh $(BIN)/l2tpd $(BUILD)/scenarios
	@tests/scenarios/cli-checks.sh $(BIN)/l2tpd $(BIN)/l2tpctl $(BUILD)/cli-checks
	@tests/scenarios/udp-check.sh $(BIN)/l2tpd $(BIN)/l2tpctl $(BUILD)/udp-check

TEST_STEPS += scenarios
SAN_TEST_STEPS += scenarios

# make bench: l2tpd's setup rate, setup latency, memory per session, data rate.
.PHONY: bench-l2tpd
bench-l2tpd: $(BIN)/l2tpd
	@tests/scenarios/bench.sh $(BIN)/l2tpd $(BUILD)/bench-l2tpd

BENCH_STEPS += bench-l2tpd
