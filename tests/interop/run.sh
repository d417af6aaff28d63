#!/usr/bin/env bash
# The interop run: every pairing tests/interop/pair-*.sh against real peers
# (xl2tpd, l2tpns, FreeRADIUS), each in namespaces of its own, each printing
# one PASS/FAIL line per check. Exit non-zero when any pairing fails.
#   tests/interop/run.sh BINDIR OUTDIR
set -u
bin=$1 out=$2
mkdir -p "$out"
failed=""
ran=0
for pair in tests/interop/pair-*.sh; do
    [ -e "$pair" ] || continue
    name=$(basename "$pair" .sh)
    ran=$((ran + 1))
    echo "== interop: $name"
    if ! IOP_NAME=$name timeout 300 bash "$pair" "$bin" "$out/$name"; then
        failed="$failed $name"
    fi
done
if [ "$ran" -eq 0 ]; then
    echo "interop: FAIL: no pairing found under tests/interop"
    exit 1
fi
if [ -n "$failed" ]; then
    echo "interop: FAIL:$failed (logs under $out)"
    exit 1
fi
echo "interop: PASS"
