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
# `timeout` runs the pairing in a process group of its own, so a Ctrl-C at
# the terminal never reaches it (the run went on and could end in PASS):
# pass INT/TERM on to timeout, which TERMs the pairing and that group (the
# pairing's EXIT trap then stops its setsid'ed peers and namespaces).
child="" interrupted=""
trap 'interrupted=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' INT TERM
for pair in tests/interop/pair-*.sh; do
    [ -e "$pair" ] || continue
    name=$(basename "$pair" .sh)
    ran=$((ran + 1))
    echo "== interop: $name"
    IOP_NAME=$name timeout 300 bash "$pair" "$bin" "$out/$name" &
    child=$!
    # A trap ends `wait` early: wait again until the pairing has cleaned up.
    while :; do
        wait "$child"
        rc=$?
        kill -0 "$child" 2>/dev/null || break
    done
    child=""
    if [ "$rc" -ne 0 ]; then
        [ "$rc" -eq 124 ] && echo "FAIL $name: still running after 300 s, stopped (timeout)"
        failed="$failed $name"
    fi
    if [ -n "$interrupted" ]; then
        echo "interop: FAIL: interrupted during $name (logs under $out)"
        exit 130
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
