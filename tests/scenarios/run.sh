#!/usr/bin/env bash
# Runs every tests/scenarios/*.scn through l2tpd and prints PASS/FAIL with
# the reason per scenario. A scenario's "# l2tpd: ARGS" line gives the
# daemon's arguments (configs, addresses, options); the file itself is the
# --script. Output of each run: OUTDIR/NAME.out.
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
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    "$l2tpd" $args --card soft --quiet --script "$f" >"$outdir/$name.out" 2>&1
    rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    if [ $rc -eq 0 ]; then
        printf 'PASS %-28s %6d ms wall  %s\n' "$name" "$ms" "$what"
        pass=$((pass + 1))
    else
        printf 'FAIL %-28s exit %d  %s\n' "$name" $rc "$what"
        { grep -m 5 -E '^FAIL|error|l2tpd:' "$outdir/$name.out" || tail -n 5 "$outdir/$name.out"; } |
            sed 's/^/     /'
        fail=$((fail + 1))
    fi
done
echo "scenarios: $pass passed, $fail failed (outputs in $outdir)"
[ $fail -eq 0 ]
