#!/usr/bin/env bash
# `make demo`: the seed's call (tests/scenarios/01-seed.scn) through l2tpd on
# two simulated cards (the driver's "model" backend; L2TPD_CARD=soft for the
# software card):
# both routers' debug logs as they happen (prefixed with the router's host
# name), the NET wire as a pcap checked with tshark, the card counters and
# the phase summary. Exit 0 only if every step happened as the seed says
# and tshark dissects every frame without an error.
#   tests/scenarios/demo.sh build/bin/l2tpd build/demo
set -u
l2tpd=$1 out=$2
scn=tests/scenarios/01-seed.scn
mkdir -p "$out"
args=$(sed -n 's/^# l2tpd: //p' "$scn")
echo "== l2tpd: the seed's call (LAC hgw/5300-1 <-> LNS l2tp-gw), both routers' debug lines =="
# shellcheck disable=SC2086
"$l2tpd" $args --card "${L2TPD_CARD:-model}" --pcap "$out/net.pcap" --log-dir "$out" --script "$scn" |
    tee "$out/demo.out"
rc=${PIPESTATUS[0]}
echo
echo "== NET wire: $out/net.pcap, dissected by tshark =="
tshark_rc=0
if command -v tshark >/dev/null; then
    tshark -r "$out/net.pcap" 2>/dev/null | cut -c1-110
fi
tests/tools/tshark-check.sh "$out/net.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN ||
    tshark_rc=1
echo
echo "== logs: $out/hgw.log (LAC), $out/l2tp-gw.log (LNS) =="
if [ "$rc" -eq 0 ] && [ $tshark_rc -eq 0 ]; then
    echo "demo: PASS: every step happened as the seed describes"
    exit 0
fi
echo "demo: FAIL (scenario exit $rc, pcap check $tshark_rc)"
exit 1
