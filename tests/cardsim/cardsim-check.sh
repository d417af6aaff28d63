#!/bin/bash
# make cardsim-check: cardsim moves the seed's session traffic both ways
# through the seed's LAC card and LNS card, on every engine given, at
# DATA_W 8 and 16, with and without random gaps and backpressure; every
# output must equal the software reference (cardsim_ref, from host/proto
# alone) byte for byte, so the engines also equal each other; then the
# engines' outputs are compared with each other directly, and malformed
# inputs must fail with a clear message. The traffic: the seed's session
# PPP frames (LAC ACCESS <-> NET <-> LNS host), its LCP/CHAP on the LAC's
# unbound channel before the tunnel (punt and inject), and its control
# messages (punted whole by both cards).
# Usage: cardsim-check.sh CARDSIM CARDSIM_REF OUTDIR ENGINE...
set -euo pipefail
CARDSIM=$1
REF=$2
OUT=$3
shift 3
ENGINES=("$@")
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$OUT"
mkdir -p "$OUT"

fail() {
    echo "cardsim-check: FAIL: $*" >&2
    exit 1
}

# Two sets of tables: the seed's as they are (FCS-16, ACCM all ones, no
# sequencing, as IOS runs it), and the same with RFC 2661 §5.4 sequencing
# both ways from Ns 100, FCS-32 and a sparse transmit ACCM, so S/Ns, the
# receive Ns check and the other framing modes are held to the reference too.
mkdir -p "$OUT/tables"
cp "$HERE/seed-lac.table" "$OUT/tables/seed-lac.table"
cp "$HERE/seed-lns.table" "$OUT/tables/seed-lns.table"
sed 's/seq none/seq both ns 100 nr 200/; s/fcs 16/fcs 32/; s/tx-accm 0xffffffff/tx-accm 0x000a0001/' \
    "$HERE/seed-lac.table" >"$OUT/tables/seq-lac.table"
sed 's/seq none/seq both ns 200 nr 100/' "$HERE/seed-lns.table" >"$OUT/tables/seq-lns.table"
grep -q "seq both" "$OUT/tables/seq-lac.table" && grep -q "fcs 32" "$OUT/tables/seq-lac.table" &&
    grep -q "seq both" "$OUT/tables/seq-lns.table" || fail "the sequenced tables were not made"

runs=0
for set in seed seq; do
LAC=$OUT/tables/$set-lac.table
LNS=$OUT/tables/$set-lns.table
# The reference: the seed's PPP frames encapsulated and framed by host/proto.
R=$OUT/ref-$set
mkdir -p "$R"
"$REF" gen "$LAC" "$LNS" "$HERE/seed-ppp.txt" "$R"
"$REF" ctl "$HERE/../vectors/seed-packets.txt" "$LAC" "$LNS" "$R"
# Every card output below must equal these byte for byte, so a clean
# dissection of the references is one of the cards' outputs too.
for p in "$R"/*.pcap; do
    tests/tools/tshark-check.sh "$p" >/dev/null || fail "tshark: $(tests/tools/tshark-check.sh "$p")"
done
for eng in "${ENGINES[@]}"; do
    for w in 8 16; do
        for mode in clean stress; do
            extra=()
            [ "$mode" = stress ] && extra=(--gaps 30 --backpressure 40 --seed "$w")
            d=$OUT/$set-$eng-w$w-$mode
            mkdir -p "$d"
            # LAC card: the user's line octets on channel 0 and the LNS's
            # frames from NET; out: the user's frames toward the LNS, the
            # LNS's frames framed on channel 0, nothing punted.
            "$CARDSIM" --engine "$eng" --data-w "$w" --table "$LAC" "${extra[@]}" \
                --net-in "$R/down.pcap" --access 0="$R/lac-ch0.in" \
                --net-out "$d/lac-net.pcap" --access-out 0="$d/lac-ch0.out" \
                --punt-log "$d/lac-punt.txt" --stats >"$d/lac.log" ||
                fail "$set $eng DATA_W $w $mode: LAC run (see $d/lac.log)"
            "$REF" cmp-pcap "$d/lac-net.pcap" "$R/up.pcap" ||
                fail "$set $eng DATA_W $w $mode: LAC NET out != reference"
            cmp "$d/lac-ch0.out" "$R/lac-ch0.expected" ||
                fail "$set $eng DATA_W $w $mode: LAC channel 0 out != reference"
            [ ! -s "$d/lac-punt.txt" ] || fail "$set $eng DATA_W $w $mode: LAC punted frames"
            # LNS card: the LAC's frames from NET and the host's PPP frames
            # injected for session 45; out: the user's PPP frames punted to
            # the host (reason 2, session 45), the host's frames toward the LAC.
            "$CARDSIM" --engine "$eng" --data-w "$w" --table "$LNS" "${extra[@]}" \
                --net-in "$R/up.pcap" --inject "$R/lns-inject.txt" \
                --net-out "$d/lns-net.pcap" --punt-out "$d/lns-punt.pcap" --stats \
                >"$d/lns.log" || fail "$set $eng DATA_W $w $mode: LNS run (see $d/lns.log)"
            "$REF" cmp-pcap "$d/lns-net.pcap" "$R/down.pcap" ||
                fail "$set $eng DATA_W $w $mode: LNS NET out != reference"
            "$REF" cmp-punt "$d/lns-punt.pcap" "$R/lns-punt.expected.pcap" ||
                fail "$set $eng DATA_W $w $mode: LNS punt != reference"
            grep -q "^session 7 (valid): rx 5 packets 1474 octets, tx 5 packets 1503 octets, drops 0" \
                "$d/lac.log" || fail "$set $eng DATA_W $w $mode: LAC session counters (see $d/lac.log)"
            grep -q "^session 45 (valid): rx 5 packets 1503 octets, tx 5 packets 1474 octets, drops 0" \
                "$d/lns.log" || fail "$set $eng DATA_W $w $mode: LNS session counters (see $d/lns.log)"
            if [ "$set" = seed ]; then
                # Before the tunnel: the LAC's channel 0 unbound; the user's
                # LCP/CHAP punted (reason 3, channel 0), the LAC host's
                # injected for channel 0 and framed.
                "$CARDSIM" --engine "$eng" --data-w "$w" --table "$HERE/seed-lac-pre.table" \
                    "${extra[@]}" --access 0="$R/lac-pre-ch0.in" --inject "$R/lac-pre-inject.txt" \
                    --punt-out "$d/pre-punt.pcap" --access-out 0="$d/pre-ch0.out" \
                    --net-out "$d/pre-net.pcap" >"$d/pre.log" ||
                    fail "$set $eng DATA_W $w $mode: LAC pre-tunnel run (see $d/pre.log)"
                "$REF" cmp-punt "$d/pre-punt.pcap" "$R/lac-pre-punt.expected.pcap" ||
                    fail "$set $eng DATA_W $w $mode: LAC pre-tunnel punt != reference"
                cmp "$d/pre-ch0.out" "$R/lac-pre-ch0.expected" ||
                    fail "$set $eng DATA_W $w $mode: LAC pre-tunnel channel 0 != reference"
                # The seed's control messages through both cards: each punts
                # every one whole, reason 1 to itself, 4 (not for us) else.
                for c in lac lns; do
                    "$CARDSIM" --engine "$eng" --data-w "$w" --table "$OUT/tables/seed-$c.table" \
                        "${extra[@]}" --net-in "$R/ctl.pcap" --punt-out "$d/ctl-$c-punt.pcap" \
                        --net-out "$d/ctl-$c-net.pcap" >"$d/ctl-$c.log" ||
                        fail "$set $eng DATA_W $w $mode: $c control run (see $d/ctl-$c.log)"
                    "$REF" cmp-punt "$d/ctl-$c-punt.pcap" "$R/ctl-$c-punt.expected.pcap" ||
                        fail "$set $eng DATA_W $w $mode: $c control punts != reference"
                done
            fi
            if [ "$set" = seq ]; then
                grep -q "^session 7 (valid):.* Ns 105 Nr 205$" "$d/lac.log" ||
                    fail "$set $eng DATA_W $w $mode: LAC Ns/Nr (see $d/lac.log)"
                grep -q "^session 45 (valid):.* Ns 205 Nr 105$" "$d/lns.log" ||
                    fail "$set $eng DATA_W $w $mode: LNS Ns/Nr (see $d/lns.log)"
            fi
            runs=$((runs + 1))
        done
    done
done
done

# The engines against each other, output file by output file (pcap time
# stamps are cycles, so equal files mean equal timing too).
if [ "${#ENGINES[@]}" -gt 1 ]; then
    for set in seed seq; do
    for w in 8 16; do
        for mode in clean stress; do
            a=$OUT/$set-${ENGINES[0]}-w$w-$mode
            b=$OUT/$set-${ENGINES[1]}-w$w-$mode
            files=(lac-net.pcap lac-ch0.out lns-net.pcap lns-punt.pcap)
            [ "$set" = seed ] && files+=(pre-punt.pcap pre-ch0.out ctl-lac-punt.pcap ctl-lns-punt.pcap)
            for f in "${files[@]}"; do
                cmp "$a/$f" "$b/$f" ||
                    fail "$set DATA_W $w $mode: $f differs between ${ENGINES[0]} and ${ENGINES[1]}"
            done
        done
    done
    done
    echo "cardsim-check: ${ENGINES[0]} and ${ENGINES[1]} outputs identical (cycle stamps included)"
fi

# Waveforms: the rtl engine's --trace writes an FST file (GTKWave's format,
# which starts with a header block of type 0, FST_BL_HDR).
for eng in "${ENGINES[@]}"; do
    [ "$eng" = rtl ] || continue
    "$CARDSIM" --engine rtl --table "$OUT/tables/seed-lac.table" --net-in "$OUT/ref-seed/down.pcap" \
        --trace "$OUT/trace.fst" >/dev/null || fail "--trace run"
    [ "$(head -c 1 "$OUT/trace.fst" | od -An -tx1 | tr -d ' ')" = 00 ] &&
        [ "$(stat -c %s "$OUT/trace.fst")" -gt 10000 ] || fail "--trace wrote no FST file"
done

# Bad input: a clear message naming the file (and line), exit status 1.
expect_error() {
    local want=$1
    shift
    local rc=0
    "$CARDSIM" "$@" >"$OUT/err.out" 2>"$OUT/err.txt" || rc=$?
    [ "$rc" -eq 1 ] || fail "'$*' exited $rc, expected 1"
    grep -qF -- "$want" "$OUT/err.txt" ||
        fail "'$*' said '$(cat "$OUT/err.txt")', expected '$want'"
}
expect_error "bad-table.table:5: local-ip: '10.51.6.300' is not an IPv4 address" \
    --table "$HERE/bad-table.table"
expect_error "no-such.table: No such file or directory" --table "$OUT/no-such.table"
LAC=$HERE/seed-lac.table
LNS=$HERE/seed-lns.table
expect_error "no-such.pcap" --table "$LAC" --net-in "$OUT/no-such.pcap"
printf 'session 45 FF 03 C0 2\n' >"$OUT/bad-inject.txt"
expect_error "bad-inject.txt:1:" --table "$LNS" --inject "$OUT/bad-inject.txt"
printf 'session 70 tunnel 1 peer-tunnel 2 peer-session 3 channel 0 local-ip 1.2.3.4 peer-ip 1.2.3.5 local-mac 02:00:00:00:00:01 peer-mac 02:00:00:00:00:02\n' \
    >"$OUT/big-id.table"
expect_error "big-id.table:1: session program: session 70 is not 1..63" --table "$OUT/big-id.table"
echo "cardsim-check: $runs runs of both cards (seed and sequenced/FCS-32 tables; ${ENGINES[*]}; DATA_W 8 and 16; clean and with gaps and backpressure; plus pre-tunnel LCP/CHAP and the control messages): outputs equal the host/proto reference; bad input refused"
