#!/usr/bin/env bash
# Runs every tests/scenarios/*.scn through l2tpd and prints PASS/FAIL with
# the reason per scenario. A scenario's "# l2tpd: ARGS" line gives the
# daemon's arguments (configs, addresses, options); the file itself is the
# --script; "# cards: soft model" the cards it runs on. Output of each
# run: OUTDIR/NAME.CARD.out and the NET wire's OUTDIR/NAME.CARD.pcap, which
# must dissect cleanly in tshark (tests/tools/tshark-check.sh) for a PASS.
#   tests/scenarios/run.sh build/bin/l2tpd build/scenarios [NAME.scn...]
set -u
l2tpd=$1 outdir=$2
shift 2
mkdir -p "$outdir"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(tests/scenarios/*.scn)
pass=0 fail=0
for f in "${files[@]}"; do
    name=$(basename "$f" .scn)
    args=$(sed -n 's/^# l2tpd: //p' "$f")
    what=$(sed -n '1s/^# *//p' "$f")
    if [ -z "$args" ]; then
        echo "FAIL $name: no '# l2tpd: ARGS' line"
        fail=$((fail + 1))
        continue
    fi
    # "# cards: soft model": the cards it runs on (default soft; L2TPD_CARD
    # forces one). A scenario needing more channels than a simulated card
    # can have (256) lists soft only; `-o card=SPEC` in its l2tpd line gives
    # one router its own card whatever the run's card is (16: LAC soft).
    # "# san: skip REASON": not run under ASan+UBSan (SAN=1, make test's
    # second pass), e.g. thousands of calls through the model card: the
    # sanitizers make it minutes; the same code runs there at smaller scale.
    san=$(sed -n 's/^# san: skip *//p' "$f")
    if [ "${SAN:-0}" = 1 ] && [ -n "$san" ]; then
        printf 'SKIP %-26s under SAN: %s\n' "$name" "$san"
        continue
    fi
    cards=$(sed -n 's/^# cards: //p' "$f")
    cards=${L2TPD_CARD:-${cards:-soft}}
    for card in $cards; do
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        pcap="$outdir/$name.$card.pcap"
        rm -f "$pcap"
        "$l2tpd" $args --card "$card" --quiet --pcap "$pcap" --script "$f" \
            >"$outdir/$name.$card.out" 2>&1
        rc=$?
        ms=$((($(date +%s%N) - start) / 1000000))
        # A scenario that puts nothing on the wire (07: refused before any
        # tunnel) leaves a pcap of its 24-octet file header alone.
        if [ $rc -eq 0 ] && [ "$(stat -c %s "$pcap" 2>/dev/null || echo 0)" -gt 24 ] &&
            ! tests/tools/tshark-check.sh "$pcap" >>"$outdir/$name.$card.out"; then
            echo "FAIL: tshark: $(tail -n 1 "$outdir/$name.$card.out")" >>"$outdir/$name.$card.out"
            rc=1
        fi
        if [ $rc -eq 0 ]; then
            printf 'PASS %-26s %-5s %6d ms wall  %s\n' "$name" "$card" "$ms" "$what"
            pass=$((pass + 1))
        else
            printf 'FAIL %-26s %-5s exit %d  %s\n' "$name" "$card" $rc "$what"
            { grep -m 5 -E '^FAIL|error|l2tpd:' "$outdir/$name.$card.out" ||
                tail -n 5 "$outdir/$name.$card.out"; } | sed 's/^/     /'
            fail=$((fail + 1))
        fi
    done
done
echo "scenarios: $pass passed, $fail failed (outputs in $outdir)"
[ $fail -eq 0 ]
