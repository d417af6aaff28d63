#!/usr/bin/env bash
# l2tpd's refusals and l2tpctl's round trip, each PASS/FAIL with the reason:
#  - a bad config stops the daemon before it starts, naming file, line, key;
#  - a card this l2tpd cannot drive, a missing address, bad options: exit
#    non-zero with a one-line reason;
#  - l2tpctl over the Unix socket: show (table and --json), debug, clear,
#    an unknown command (exit 1), no daemon (exit 2).
#   tests/scenarios/cli-checks.sh build/bin/l2tpd build/bin/l2tpctl OUTDIR
set -u
l2tpd=$1 ctl=$2 out=$3
mkdir -p "$out"
fail=0
check() { # name, expected exit, pattern the output must contain, command...
    local name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$out/$name.out" 2>&1
    local rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL cli $name: exit $rc, want $want: $(head -c 300 "$out/$name.out")"
        fail=$((fail + 1))
    elif [ -n "$pat" ] && ! grep -q -- "$pat" "$out/$name.out"; then
        echo "FAIL cli $name: output lacks '$pat': $(head -c 300 "$out/$name.out")"
        fail=$((fail + 1))
    else
        echo "PASS cli $name"
    fi
}
bad="$out/bad.conf"
printf '[global]\nrole = lac\nhostname = hgw\n[tunnel]\nreceive-window = 0\n' >"$bad"
check bad-config 1 "bad.conf:5: receive-window: out of range" \
    "$l2tpd" -c "$bad" -o address=10.0.0.1 --card soft --script /dev/null
badseq="$out/bad-seq.conf"
printf '[global]\nrole = lns\nhostname = l2tp-gw\n[tunnel]\nsequencing = sometimes\n' >"$badseq"
check bad-sequencing 1 "bad-seq.conf:5: sequencing: bad value: 'sometimes'" \
    "$l2tpd" -c "$badseq" -o address=10.0.0.1 --card soft --script /dev/null
check missing-config 1 "nope.conf" "$l2tpd" -c "$out/nope.conf" -o address=10.0.0.1 --script /dev/null
check card-pci 1 "card: 'pci:auto' is not available" \
    "$l2tpd" -c tests/config/lac-hgw.conf -o address=10.0.0.1 --card pci:auto --script /dev/null
check card-model-size 1 "card model:sess_aw=99: model: 'sess_aw=99'" \
    "$l2tpd" -c tests/config/lac-hgw.conf -o address=10.0.0.1 --card model:sess_aw=99 --script /dev/null
check no-address 1 "no NET address" "$l2tpd" -c tests/config/lac-hgw.conf --card soft --script /dev/null
check bad-option 2 "unknown option" "$l2tpd" -c tests/config/lac-hgw.conf --bogus x
check bad-o-key 1 "-o frobnicate: unknown key" \
    "$l2tpd" -c tests/config/lac-hgw.conf -o frobnicate=1 --card soft --script /dev/null

sock="$out/l2tpd.sock"
scn=tests/scenarios/01-seed.scn
args=$(sed -n 's/^# l2tpd: //p' "$scn")
# shellcheck disable=SC2086
"$l2tpd" $args --card soft --quiet --socket "$sock" >"$out/daemon.out" 2>&1 &
pid=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
check ctl-user 0 "" "$ctl" -s "$sock" user 0 2500-1 cisco address 10.10.53.2
check ctl-dial 0 "" "$ctl" -s "$sock" dial 0 614629 2085730592
check ctl-wait 0 "" "$ctl" -s "$sock" wait-until ipcp 0 within 60s
check ctl-show-tunnel 0 "l2tp-gw .*established" "$ctl" -s "$sock" show tunnel
check ctl-show-session-json 0 '"user":"2500-1","state":"up"' "$ctl" -s "$sock" --json show session
check ctl-show-counters 0 "NET_RX_OK" "$ctl" -s "$sock" show counters
check ctl-debug 0 "debug l2tp event off" "$ctl" -s "$sock" debug "l2tp event" off
check ctl-clear-session 0 "l2tp-gw: session 45 cleared" "$ctl" -s "$sock" clear session 45 l2tp-gw
check ctl-after-clear 0 "" "$ctl" -s "$sock" expect line 0 down
check ctl-unknown 1 "unknown command" "$ctl" -s "$sock" frobnicate
check ctl-shutdown 0 "shutting down" "$ctl" -s "$sock" shutdown
wait $pid
drc=$?
if [ $drc -ne 0 ]; then
    echo "FAIL cli daemon: exit $drc: $(tail -n 3 "$out/daemon.out")"
    fail=$((fail + 1))
fi
check ctl-no-daemon 2 "is l2tpd running" "$ctl" -s "$sock" show tunnel
echo "cli checks: $fail failed"
[ $fail -eq 0 ]
