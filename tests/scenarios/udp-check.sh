#!/usr/bin/env bash
# The UDP wire: the seed's LNS in one l2tpd process (UDP socket
# 127.0.0.82:1701, CLI socket), the seed's LAC in another (127.0.0.68:1701)
# running udp-seed.steps: the call comes up over real sockets, the ping is
# answered, the line drop ends with the LNS's StopCCN. PASS/FAIL with the
# reason. Needs loopback addresses 127.0.0.68 and .82 (Linux answers all of
# 127/8) and UDP port 1701 free on them.
#   tests/scenarios/udp-check.sh build/bin/l2tpd build/bin/l2tpctl OUTDIR
set -u
l2tpd=$1 ctl=$2 out=$3
mkdir -p "$out"
sock="$out/lns.sock"
card=${L2TPD_CARD:-soft}
"$l2tpd" -c tests/scenarios/udp-lns.conf -o ipcp-address=127.0.0.82 --card "$card" --quiet \
    --socket "$sock" --log-dir "$out" >"$out/lns.out" 2>&1 &
lns=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
"$l2tpd" -c tests/scenarios/udp-lac.conf --card "$card" --quiet --log-dir "$out" \
    --pcap "$out/lac-net.pcap" --script tests/scenarios/udp-seed.steps >"$out/lac.out" 2>&1
rc=$?
"$ctl" -s "$sock" expect log l2tp-gw "Vi1 IPCP: Install route to 10.10.53.2" >"$out/ctl.out" 2>&1
crc=$?
"$ctl" -s "$sock" expect log l2tp-gw "O StopCCN to hgw" >>"$out/ctl.out" 2>&1
crc2=$?
"$ctl" -s "$sock" shutdown >/dev/null 2>&1
wait $lns
lrc=$?
tests/tools/tshark-check.sh "$out/lac-net.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN \
    >"$out/tshark.out"
trc=$?
if [ $rc -eq 0 ] && [ $crc -eq 0 ] && [ $crc2 -eq 0 ] && [ $lrc -eq 0 ] && [ $trc -eq 0 ]; then
    echo "PASS udp-wire $card: the seed's call between two l2tpd processes over UDP on loopback ($(cut -d: -f2- "$out/tshark.out"))"
    exit 0
fi
echo "FAIL udp-wire $card: LAC exit $rc, LNS checks $crc/$crc2, LNS exit $lrc, tshark $trc"
cat "$out/tshark.out"
grep -h -m 5 -E '^FAIL|l2tpd:' "$out/lac.out" "$out/ctl.out" "$out/lns.out" | sed 's/^/     /'
exit 1
