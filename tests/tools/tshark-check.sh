#!/usr/bin/env bash
# Every pcap the project writes must dissect cleanly: tshark reads PCAP with
# full detail (-V); no frame may be malformed or carry an expert error, tshark
# may print no error of its own, and each L2TP control message type named
# (SCCRQ, ICCN, CDN, ... as RFC 2661 §3.2 names them) must be present.
# Prints one line and exits 0 when clean, 1 otherwise (details in
# PCAP.tshark.err and PCAP.tshark.txt).
#   tests/tools/tshark-check.sh PCAP [MSGTYPE...]
set -u
pcap=$1
shift
err="$pcap.tshark.err" txt="$pcap.tshark.txt"
if ! command -v tshark >/dev/null 2>&1; then
    echo "$pcap: tshark not installed: run 'sudo tests/tools/deps.sh'"
    exit 1
fi
if [ ! -s "$pcap" ]; then
    echo "$pcap: missing or empty"
    exit 1
fi
tshark -r "$pcap" -V >"$txt" 2>"$err"
# tshark's only remark when run as root is not about the capture.
sed -i '/Running as user "root"/d' "$err"
frames=$(grep -c -E '^Frame [0-9]+:' "$txt")
bad=$(grep -c -i -E 'malformed|\[expert info \(error' "$txt")
missing=""
for t in "$@"; do
    # RFC 2661 §3.2 message type numbers, as tshark prints them (-V).
    case $t in
    SCCRQ) n=1 ;; SCCRP) n=2 ;; SCCCN) n=3 ;; StopCCN) n=4 ;; HELLO) n=6 ;;
    OCRQ) n=7 ;; OCRP) n=8 ;; OCCN) n=9 ;; ICRQ) n=10 ;; ICRP) n=11 ;;
    ICCN) n=12 ;; CDN) n=14 ;; WEN) n=15 ;; SLI) n=16 ;; *) n="" ;;
    esac
    if [ -z "$n" ] || ! grep -q -E "Message Type: [^(]*\($n\)\$" "$txt"; then
        missing="$missing $t"
    fi
done
if [ -s "$err" ] || [ "$bad" -ne 0 ] || [ "$frames" -eq 0 ] || [ -n "$missing" ]; then
    echo "$pcap: $frames frames, $bad malformed or with expert errors, tshark errors: $(wc -l <"$err"), missing:${missing:- none}"
    exit 1
fi
echo "$pcap: $frames frames, none malformed${*:+, has $*}"
