#!/bin/bash
# Runs test programs, each to completion, and prints one closing line.
# Usage: run-tests.sh LABEL PROGRAM...
# Exit status: non-zero when any program failed.
label=$1; shift
pass=0; fail=0; failed=()
for t in "$@"; do
    echo "=== $label: $t"
    if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed+=("$t"); fi
done
echo "$label: $pass passed, $fail failed"
for t in "${failed[@]}"; do echo "FAILED: $t"; done
[ "$fail" -eq 0 ]
