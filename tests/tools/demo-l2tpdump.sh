#!/bin/bash
# make demo, step demo-l2tpdump: the seed's whole L2TP call flow (Cisco
# "L2TP Tunnel Setup and Teardown": SCCRQ ... StopCCN, ZLB) built into a pcap
# from tests/vectors/seed-packets.txt, decoded by l2tpdump in the seed's
# debug wording with tunnel authentication checked (secret hello), then
# summarised by tshark. Exits non-zero when any packet fails to decode or
# the authentication does not verify.
# Usage: demo-l2tpdump.sh PATH/TO/l2tpdump OUTDIR
set -euo pipefail
L2TPDUMP=$1
OUT=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VECTORS=$ROOT/tests/vectors/seed-packets.txt
PCAP=$OUT/seed-call-flow.pcap
mkdir -p "$OUT"

args=()
while read -r name dir hex; do
    args+=(--dir "$dir" --hex "$hex")
done <"$VECTORS"

echo "=== demo-l2tpdump: the seed's L2TP call flow, LAC 10.51.6.68 (hgw) <-> LNS 10.51.6.82 (l2tp-gw)"
"$L2TPDUMP" --write-pcap "$PCAP" "${args[@]}"
echo
"$L2TPDUMP" --secret hello "$PCAP" | tee "$OUT/seed-call-flow.txt"
n=$(grep -c '^Tunnel Authentication success$' "$OUT/seed-call-flow.txt" || true)
if [ "$n" -ne 2 ]; then
    echo "demo-l2tpdump: expected 2 verified challenge responses, got $n" >&2
    exit 1
fi
echo
echo "=== tshark -r $PCAP"
if command -v tshark >/dev/null; then
    tshark -r "$PCAP" 2>/dev/null
else
    echo "(tshark not installed)"
fi
echo "=== demo-l2tpdump: $(grep -c . "$VECTORS") seed packets, $(grep -c '^packet ' "$OUT/seed-call-flow.txt") packets decoded, tunnel authentication verified both ways"
