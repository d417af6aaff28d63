#!/bin/bash
# Prints the line and toggle coverage of one block from a Verilator
# coverage.dat: "coverage B: line 97.1% (134/138), toggle 88.0% (...)".
# Each point is a line  C '<key/value pairs>' COUNT  whose pairs name its kind
# (page v_line/..., v_toggle/..., v_branch/...).
# Usage: coverage-summary.sh BLOCK FILE
set -e
block=$1 file=$2
[ -s "$file" ] || { echo "coverage $block: no data in $file" >&2; exit 1; }
awk -v block="$block" '
    /^C / {
        kind = "other"
        if (index($0, "v_line/")) kind = "line"
        else if (index($0, "v_branch/")) kind = "line"
        else if (index($0, "v_toggle/")) kind = "toggle"
        total[kind]++
        if ($NF + 0 > 0) hit[kind]++
    }
    END {
        out = "coverage " block ":"
        n = split("line toggle", kinds, " ")
        for (i = 1; i <= n; i++) {
            k = kinds[i]
            if (total[k])
                out = out sprintf(" %s %.1f%% (%d/%d)", k, 100 * hit[k] / total[k], hit[k], total[k])
        }
        print out
    }' "$file"
