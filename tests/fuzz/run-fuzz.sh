#!/bin/bash
# Runs the l2tpdump fuzz target for a bounded time.
# Usage: run-fuzz.sh FUZZ-BINARY SECONDS L2TPDUMP WORKDIR
# The seed corpus is rebuilt every run from tests/vectors/seed-packets.txt
# (each packet as an L2TP message, and framed in Ethernet and raw IPv4 by
# l2tpdump --write-pcap) plus data messages carrying the seed's PPP packets.
# WORKDIR/corpus keeps what the fuzzer found between runs; crashes are
# written to WORKDIR/crash-* and fail the run.
set -euo pipefail
FUZZ=$1
SECONDS_MAX=$2
L2TPDUMP=$3
WORK=$4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SEEDS=$WORK/seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS" "$WORK/corpus"

# Writes selector octet $2 followed by the octets of file $3 to seed file $1.
seed() { { printf "\\x$2"; cat "$3"; } >"$SEEDS/$1"; }

hex_to_file() { # HEX FILE
    local h
    : >"$2"
    for h in $1; do printf "\\x$h" >>"$2"; done
}

# Data messages with the seed's PPP packets, and an ICRQ with hidden AVPs
# (tests/tools/l2tpdump-check.sh says how it was built).
extra_msgs=(
    "00 02 D7 E6 00 2D FF 03 C0 21 01 76 00 0A 05 06 6E E4 E8 65"
    "48 02 00 2C D7 E6 00 2D 00 00 00 00 FF 03 C0 21 01 0B 00 1C 03 05 C2 23 05 05 06 10 9D 08 F2 11 04 05 F4 13 09 01 35 33 30 30 2D 31"
    "02 02 D7 E6 00 2D 00 02 00 00 80 21 01 BB 00 10 02 06 00 2D 0F 00 03 06 0A 0A 35 02"
    "00 02 45 18 00 07 FF 03 C2 23 03 06 00 04"
    "C8 02 00 60 D7 E6 00 00 00 02 00 01 80 08 00 00 00 00 00 0A 80 16 00 00 00 24 01 23 45 67 89 AB CD EF 0F 1E 2D 3C 4B 5A 69 78 C0 0E 00 00 00 0E 28 22 53 46 26 A4 47 56 80 0A 00 00 00 0F D1 14 C7 C5 C0 1E 00 00 00 16 83 80 A2 2F A0 F2 70 6A F2 B9 08 51 F3 98 FE FA A0 1E B7 EB B5 F3 FD 66"
)
i=0
while read -r name dir hex; do
    i=$((i + 1))
    hex_to_file "$hex" "$WORK/msg"
    seed "msg-$i-$name" 00 "$WORK/msg"
    "$L2TPDUMP" --write-pcap "$WORK/one.pcap" --dir "$dir" --hex "$hex" >/dev/null
    tail -c +41 "$WORK/one.pcap" >"$WORK/frame" # one record: 24 + 16 octets of headers
    seed "eth-$i-$name" 01 "$WORK/frame"
    tail -c +15 "$WORK/frame" >"$WORK/ip"
    seed "ip-$i-$name" 02 "$WORK/ip"
    seed "link-$i-$name" 03 "$WORK/frame"
done <"$ROOT/tests/vectors/seed-packets.txt"
for hex in "${extra_msgs[@]}"; do
    i=$((i + 1))
    hex_to_file "$hex" "$WORK/msg"
    seed "extra-$i" 00 "$WORK/msg"
done
rm -f "$WORK/msg" "$WORK/one.pcap" "$WORK/frame" "$WORK/ip"

echo "fuzz: $FUZZ for ${SECONDS_MAX}s, $(ls "$SEEDS" | wc -l) seeds, corpus $WORK/corpus"
# -seed fixed so a short CI run explores the same way each time.
"$FUZZ" -max_total_time="$SECONDS_MAX" -seed=1 -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$WORK/crash-" \
    "$WORK/corpus" "$SEEDS" 2>"$WORK/fuzz.log" || {
    tail -60 "$WORK/fuzz.log"
    echo "fuzz: FAILED, reproducer in $WORK/crash-*"
    exit 1
}
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$WORK/fuzz.log" || true
grep -E '^(#[0-9]+.*cov:|Done [0-9]+ runs)' "$WORK/fuzz.log" | tail -2 || true
echo "fuzz: no crash in ${SECONDS_MAX}s"
