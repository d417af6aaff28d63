#!/usr/bin/env bash
# make bench, l2tpd's part: sessions set up per second (wall; virtual time
# is 0 on the in-memory wire), control messages and host memory per session
# (soft card, 250 sessions over one tunnel), full setup latency in messages
# and card cycles and data packets per second end to end through both
# simulated cards (model card, the seed's call then 500 echoes); then the
# same setup figures at the scale of scenario 16 (2047 sessions in the LNS
# card's table).
#   tests/scenarios/bench.sh build/bin/l2tpd OUTDIR
set -u
l2tpd=$1 out=$2
mkdir -p "$out"
lac="-c tests/config/lac-hgw.conf -o address=10.51.6.68"
lns="-c tests/scenarios/lns-many-users.conf -o address=10.51.6.82 -o ipcp-address=10.51.6.82"
# shellcheck disable=SC2086
if ! "$l2tpd" $lac $lns --card soft --channels 256 --quiet \
        --script tests/scenarios/bench-sessions.steps >"$out/bench-sessions.out" 2>&1; then
    echo "bench-l2tpd: sessions run failed:"; grep -m5 FAIL "$out/bench-sessions.out"; exit 1
fi
# shellcheck disable=SC2086
if ! "$l2tpd" $lac $lns --card model --quiet \
        --script tests/scenarios/bench-data.steps >"$out/bench-data.out" 2>&1; then
    echo "bench-l2tpd: data run failed:"; grep -m5 FAIL "$out/bench-data.out"; exit 1
fi
echo "== l2tpd: 250 sessions over one tunnel (soft card) =="
grep -A7 '^phase' "$out/bench-sessions.out" | head -7
awk '$1=="sessions-up"{w=$4; c=$5; h=$7} $1=="data"{dw=$4; dd=$6}
     $1=="torn-down"{tw=$4; tc=$5}
     END{printf "  setup: %.0f sessions/s wall, %.1f control messages per session, %.1f KiB host memory per session (both routers and the simulated user)\n", 250000/w, c/250, h/250;
         printf "  data:  %.0f packets/s wall through both (soft) cards, host stacks included\n", dd*1000/dw;
         printf "  teardown: %.0f sessions/s wall, %.1f control messages per session\n", 250000/tw, tc/250}' \
    "$out/bench-sessions.out"
# Thousands of sessions: scenario 16 (LNS card: the model with 2048 table
# entries; LAC: soft card, 2048 users dialing at once, in batches of 64).
big=tests/scenarios/16-session-table.scn
bigargs=$(sed -n 's/^# l2tpd: //p' "$big")
# shellcheck disable=SC2086
if ! "$l2tpd" $bigargs --quiet --script "$big" >"$out/bench-table.out" 2>&1; then
    echo "bench-l2tpd: session-table run failed:"; grep -m5 -E 'FAIL|l2tpd:' "$out/bench-table.out"; exit 1
fi
n=$(grep -o 'up l2tp-gw [0-9]*' "$big" | head -1 | awk '{print $3}')
echo "== l2tpd: $n sessions in the LNS card's table (LNS card: the model at SESS_AW 11; LAC: soft card) =="
grep -A5 '^phase' "$out/bench-table.out" | head -6
awk -v n="$n" '$1=="all-up"{printf "  setup: %.0f sessions/s wall (all dialing at once), %.1f control messages per session, %.1f KiB host memory per session (both routers and the simulated user), %.0f LNS-card busy cycles per session\n", n*1000/$4, $5/n, $7/n, $9/n}
     $1=="idle"{printf "  teardown: %.0f sessions/s wall\n", n*1000/$4}' "$out/bench-table.out"
echo "== l2tpd: the seed's call and 500 echoes (model cards) =="
grep -A4 '^phase' "$out/bench-data.out" | head -4
awk '$1=="call-up"{printf "  full setup: %d control messages, %s + %s card busy cycles (LAC + LNS), %.1f ms wall\n", $5, $8, $9, $4}
     $1=="data"{printf "  data: %d packets end to end, %.0f packets/s wall (simulated cards), %.0f LAC-card busy cycles per packet (64-cycle resolution)\n", $6, $6*1000/$4, $8/$6}' \
    "$out/bench-data.out"
