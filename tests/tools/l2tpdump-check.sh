#!/bin/bash
# Checks build/bin/l2tpdump against the seed (Cisco "L2TP Tunnel Setup and
# Teardown", document 23980):
#   1. every seed packet (tests/vectors/seed-packets.txt) decodes, with
#      --secret hello, to the seed's own debug lines;
#   2. PPP inside data messages decodes to the seed's LCP/IPCP/CHAP lines;
#   3. a pcap of all seed packets (--write-pcap) decodes the same, and tshark
#      dissects every packet as L2TP with the right message type, nothing
#      Malformed and no expert error; other linktypes (written by text2pcap)
#      decode too;
#   4. malformed input gives exit status 1 and ONE stderr line naming the
#      offset and field; usage errors give 2; a pcap with bad packets decodes
#      the good ones and reports each bad one.
# Usage: l2tpdump-check.sh PATH/TO/l2tpdump
set -u
L2TPDUMP=${1:?usage: l2tpdump-check.sh PATH/TO/l2tpdump}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VECTORS=$ROOT/tests/vectors/seed-packets.txt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass=0
fail=0
ok() { echo "PASS: $1"; pass=$((pass + 1)); }
bad() {
    echo "FAIL: $1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/      /'
    fail=$((fail + 1))
}

# --- 1. Seed packets against the seed's debug lines -----------------------
# One section per packet of seed-packets.txt, in order. The lines are the
# seed's own, with its debug prefixes ("Jan 1 00:04:10.655: Tnl 17688 L2TP: ")
# and line wraps removed, and its typos fixed: "flag 0x0x8000" -> "0x8000",
# "SCCR" (SCCRP/SCCCN on the LAC side) and the LAC's "Parse SCCRQ" for the
# SCCRP it received. Direction is "I" (l2tpdump is the receiver). The seed
# also drops an octet from the LAC's SCCRP hex; the LNS's copy is used.
# "exact": the seed shows the whole packet and every line l2tpdump prints;
# "in-order": those lines appear in this order, a line ending in "..." (the
# seed cut it) matches as a prefix.
expected() {
    cat <<'EOF'
== SCCRQ in-order
Parse AVP 0, len 8, flag 0x8000 (M)
Parse SCCRQ
Parse AVP 2, len 8, flag 0x8000 (M)
Protocol Ver 256
Parse AVP 3, len 10, flag 0x8000 (M)
Framing Cap 0x3
Parse AVP 4, len 10, flag 0x8000 (M)
Bearer Cap 0x3
Parse AVP 6, len 8, flag 0x0
Firmware Ver 0x1130
Parse AVP 7, len 9, flag 0x8000 (M)
Hostname hgw
Parse AVP 8, len 25, flag 0x0
Vendor Name Cisco Systems, Inc.
Parse AVP 9, len 8, flag 0x8000 (M)
Assigned Tunnel ID 17688
Parse AVP 10, len 8, flag 0x8000 (M)
Rx Window Size 800
Parse AVP 11, len 22, flag 0x8000 (M)
Chlng 545A2343FBE20EA08BCA7B56E4A7D29E
No missing AVPs in SCCRQ
I SCCRQ, flg TLS, ver 2, len 128, tnl 0, cl 0, ns 0, nr 0
C8 02 00 80 00 00 00 00 00 00 00 00 80 08 00 00
00 00 00 01 80 08 00 00 00 02 01 00 80 0A 00 00
00 03 00 00 00 03 80 0A 00 00 00 04 00 00 00 ...
== SCCRP in-order
Parse AVP 0, len 8, flag 0x8000 (M)
Parse SCCRP
Parse AVP 2, len 8, flag 0x8000 (M)
Protocol Ver 256
Parse AVP 3, len 10, flag 0x8000 (M)
Framing Cap 0x3
Parse AVP 4, len 10, flag 0x8000 (M)
Bearer Cap 0x3
Parse AVP 6, len 8, flag 0x0
Firmware Ver 0x1120
Parse AVP 7, len 13, flag 0x8000 (M)
Hostname l2tp-gw
Parse AVP 8, len 25, flag 0x0
Vendor Name Cisco Systems, Inc.
Parse AVP 9, len 8, flag 0x8000 (M)
Assigned Tunnel ID 55270
Parse AVP 10, len 8, flag 0x8000 (M)
Rx Window Size 300
Parse AVP 11, len 22, flag 0x8000 (M)
Chlng 98B296C28429E7ADC767237A45F31040
Parse AVP 13, len 22, flag 0x8000 (M)
Chlng Resp 7C358F7A7BA21957C07801195DCADFA6
No missing AVPs in SCCRP
I SCCRP, flg TLS, ver 2, len 154, tnl 17688, cl 0, ns 0, nr 1
C8 02 00 9A 45 18 00 00 00 00 00 01 80 08 00 00
00 00 00 02 80 08 00 00 00 02 01 00 80 0A 00 00
00 03 00 00 00 03 80 0A 00 00 00 04 00 00 00 ...
== SCCCN exact
Parse AVP 0, len 8, flag 0x8000 (M)
Parse SCCCN
Parse AVP 13, len 22, flag 0x8000 (M)
Chlng Resp 9639531841AC22E3103E208EF7D90989
No missing AVPs in SCCCN
I SCCCN, flg TLS, ver 2, len 42, tnl 55270, cl 0, ns 1, nr 1
C8 02 00 2A D7 E6 00 00 00 01 00 01 80 08 00 00
00 00 00 03 80 16 00 00 00 0D 96 39 53 18 41 AC
22 E3 10 3E 20 8E F7 D9 09 89
== ZLB exact
I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2
C8 02 00 0C 45 18 00 00 00 01 00 02
== ICRQ in-order
Parse AVP 0, len 8, flag 0x8000 (M)
Parse ICRQ
Parse AVP 14, len 8, flag 0x8000 (M)
Assigned Call ID 7
Parse AVP 15, len 10, flag 0x8000 (M)
Serial Number ...
Parse AVP 18, len 10, flag 0x8000 (M)
Bearer Type 1
Parse AVP 22, len 16, flag 0x8000 (M)
Calling Number 2085730592
Parse AVP 21, len 12, flag 0x8000 (M)
Called Number 614629
Parse Cisco AVP 100, len 15, flag 0x0
Client NAS Port Serial0:0
No missing AVPs in ICRQ
I ICRQ, flg TLS, ver 2, len 91, tnl 55270, cl 0, ns 2, nr 1
C8 02 00 5B D7 E6 00 00 00 02 00 01 80 08 00 00
00 00 00 0A 80 08 00 00 00 0E 00 07 80 0A 00 00
00 0F D1 14 C7 C5 80 0A 00 00 00 12 00 00 00 ...
== ICRP exact
Parse AVP 0, len 8, flag 0x8000 (M)
Parse ICRP
Parse AVP 14, len 8, flag 0x8000 (M)
Assigned Call ID 45
No missing AVPs in ICRP
I ICRP, flg TLS, ver 2, len 28, tnl 17688, cl 7, ns 1, nr 3
C8 02 00 1C 45 18 00 07 00 01 00 03 80 08 00 00
00 00 00 0B 80 08 00 00 00 0E 00 2D
== ICCN in-order
Parse AVP 0, len 8, flag 0x8000 (M)
Parse ICCN
Parse AVP 24, len 10, flag 0x8000 (M)
Connect Speed 64000
Parse AVP 38, len 10, flag 0x0
Rx Speed 64000
Parse AVP 19, len 10, flag 0x8000 (M)
Framing Type 2
Parse AVP 27, len 17, flag 0x0
Last Sent LCPREQ 0305C223050506109D08F2
Parse AVP 28, len 12, flag 0x0
Last Rx LCPREQ 05066EE4E865
Parse AVP 31, len 22, flag 0x0
Proxy Auth Chal 5D0D008CB1677CF8BC354556321A7A74
Parse AVP 32, len 8, flag 0x0
Proxy Auth ID 6
Parse AVP 30, len 12, flag 0x0
Proxy Auth Name 2500-1
Parse AVP 33, len 22, flag 0x8000 (M)
Proxy Auth Resp CA1CC2E4FA6899E8DF1B695C0A80883E
Parse AVP 29, len 8, flag 0x0
Proxy Auth Type 2
No missing AVPs in ICCN
I ICCN, flg TLS, ver 2, len 151, tnl 55270, cl 45, ns 3, nr 2
C8 02 00 97 D7 E6 00 2D 00 03 00 02 80 08 00 00
00 00 00 0C 80 0A 00 00 00 18 00 00 FA 00 00 0A
00 00 00 26 00 00 FA 00 80 0A 00 00 00 13 00 ...
== ZLB exact
I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 4
C8 02 00 0C 45 18 00 00 00 02 00 04
== CDN exact
Parse AVP 0, len 8, flag 0x8000 (M)
Parse CDN
Parse AVP 14, len 8, flag 0x8000 (M)
Assigned Call ID 7
Parse AVP 1, len 10, flag 0x8000 (M)
Result code(1): 1: Loss of carrier
Error code(0): No error
No missing AVPs in CDN
I CDN, flg TLS, ver 2, len 38, tnl 55270, cl 45, ns 4, nr 2
C8 02 00 26 D7 E6 00 2D 00 04 00 02 80 08 00 00
00 00 00 0E 80 08 00 00 00 0E 00 07 80 0A 00 00
00 01 00 01 00 00
== ZLB exact
I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 2, nr 5
C8 02 00 0C 45 18 00 00 00 02 00 05
== StopCCN exact
Parse AVP 0, len 8, flag 0x8000 (M)
Parse StopCCN
Parse AVP 9, len 8, flag 0x8000 (M)
Assigned Tunnel ID 55270
Parse AVP 1, len 8, flag 0x8000 (M)
Result code(1): 1: Request to clear control connection
Error code(0): No error
No missing AVPs in StopCCN
I StopCCN, flg TLS, ver 2, len 36, tnl 17688, cl 0, ns 2, nr 5
C8 02 00 24 45 18 00 00 00 02 00 05 80 08 00 00
00 00 00 04 80 08 00 00 00 09 D7 E6 80 08 00 00
00 01 00 01
== ZLB exact
I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 55270, cl 0, ns 5, nr 3
C8 02 00 0C D7 E6 00 00 00 05 00 03
EOF
}

# Section N (1-based) of the expectations: "NAME MODE" then its lines.
section() {
    expected | awk -v n="$1" '/^== /{k++; if (k==n) {print substr($0,4)}; next} k==n'
}

# Whether the lines of $1 appear in $2 in that order ("..." = prefix match).
in_order() {
    awk 'BEGIN {n = 0; i = 0}
         NR==FNR {e[n++]=$0; next}
         i<n { x=e[i]; if (x ~ /\.\.\.$/) { p=substr(x,1,length(x)-3);
                   if (substr($0,1,length(p))==p) i++ }
               else if ($0==x) i++ }
         END { if (i<n) { print "missing, in order: " e[i]; exit 1 } }' "$1" "$2"
}

# Compares l2tpdump's output ($2) with section $1; prints the mismatch.
check_section() {
    local head mode
    head=$(section "$1" | head -1)
    mode=${head##* }
    section "$1" | tail -n +2 >"$TMP/expect"
    if [ "$mode" = exact ]; then
        diff "$TMP/expect" "$2" >"$TMP/diff" && return 0
        cat "$TMP/diff"
        return 1
    fi
    in_order "$TMP/expect" "$2"
}

[ -r "$VECTORS" ] || { echo "l2tpdump-check: $VECTORS missing"; exit 1; }
n_expected=$(expected | grep -c '^== ')
n_vectors=$(grep -c . "$VECTORS")
if [ "$n_expected" -eq "$n_vectors" ]; then
    ok "seed vectors: $n_vectors packets, one expectation each"
else
    bad "seed vectors: $n_vectors packets but $n_expected expectations"
fi

i=0
pcap_args=()
: >"$TMP/all-hex.out"
while read -r name dir hex; do
    i=$((i + 1))
    pcap_args+=(--dir "$dir" --hex "$hex")
    head=$(section "$i" | head -1)
    if [ "${head%% *}" != "$name" ]; then
        bad "seed packet $i: vectors say $name, expectations say ${head%% *}"
        continue
    fi
    if ! "$L2TPDUMP" --secret hello --hex "$hex" >"$TMP/out" 2>"$TMP/err"; then
        bad "seed packet $i $name $dir: exit status $?" "$(cat "$TMP/err")"
        continue
    fi
    cat "$TMP/out" >>"$TMP/all-hex.out"
    if msg=$(check_section "$i" "$TMP/out"); then
        ok "seed packet $i $name $dir decodes to the seed's lines (${head##* })"
    else
        bad "seed packet $i $name $dir" "$msg"
    fi
done <"$VECTORS"

# --strict accepts every seed packet (no reserved bits set in the seed).
strict_bad=0
while read -r name dir hex; do
    "$L2TPDUMP" --strict --hex "$hex" >/dev/null 2>&1 || strict_bad=$((strict_bad + 1))
done <"$VECTORS"
if [ "$strict_bad" -eq 0 ]; then ok "--strict accepts every seed packet"
else bad "--strict rejects $strict_bad seed packets"; fi

# --- 2. PPP in data messages: the seed's LCP/IPCP/CHAP lines ----------------
# Data messages built around the PPP packets the seed prints (option octets
# as in its parentheses), exercising the header's L, S, O bits, ACFC and PFC.
# The seed's "[Listen]"-style FSM states are not in a packet, so not printed.
check_data() { # NAME HEX EXPECTED-LINES...
    local name=$1 hex=$2
    shift 2
    printf '%s\n' "$@" >"$TMP/expect"
    if ! "$L2TPDUMP" --hex "$hex" >"$TMP/out" 2>"$TMP/err"; then
        bad "data: $name: exit status" "$(cat "$TMP/err")"
    elif diff "$TMP/expect" "$TMP/out" >"$TMP/diff"; then
        ok "data: $name"
    else
        bad "data: $name" "$(cat "$TMP/diff")"
    fi
}
check_data "LCP CONFREQ id 118 (plain header)" \
    "00 02 D7 E6 00 2D FF 03 C0 21 01 76 00 0A 05 06 6E E4 E8 65" \
    "I DATA, flg -, ver 2, tnl 55270, cl 45" \
    "LCP: I CONFREQ id 118 len 10" \
    "LCP:    MagicNumber 0x6EE4E865 (0x05066EE4E865)"
check_data "LCP CONFREQ id 11, four options (L and S)" \
    "48 02 00 2C D7 E6 00 2D 00 00 00 00 FF 03 C0 21 01 0B 00 1C 03 05 C2 23 05 05 06 10 9D 08 F2 11 04 05 F4 13 09 01 35 33 30 30 2D 31" \
    "I DATA, flg LS, ver 2, len 44, tnl 55270, cl 45, ns 0, nr 0" \
    "LCP: I CONFREQ id 11 len 28" \
    "LCP:    AuthProto CHAP (0x0305C22305)" \
    "LCP:    MagicNumber 0x109D08F2 (0x0506109D08F2)" \
    "LCP:    MRRU 1524 (0x110405F4)" \
    "LCP:    EndpointDisc 1 Local (0x130901353330302D31)"
check_data "IPCP CONFREQ id 187 (O with pad, no FF 03)" \
    "02 02 D7 E6 00 2D 00 02 00 00 80 21 01 BB 00 10 02 06 00 2D 0F 00 03 06 0A 0A 35 02" \
    "I DATA, flg O, ver 2, tnl 55270, cl 45, off 2" \
    "IPCP: I CONFREQ id 187 len 16" \
    "IPCP:    CompressType VJ 15 slots (0x0206002D0F00)" \
    "IPCP:    Address 10.10.53.2 (0x03060A0A3502)"
check_data "IPCP CONFREQ id 1" \
    "00 02 45 18 00 07 FF 03 80 21 01 01 00 0A 03 06 0A 33 06 52" \
    "I DATA, flg -, ver 2, tnl 17688, cl 7" \
    "IPCP: I CONFREQ id 1 len 10" \
    "IPCP:    Address 10.51.6.82 (0x03060A330652)"
check_data "CHAP SUCCESS id 6" \
    "00 02 45 18 00 07 FF 03 C2 23 03 06 00 04" \
    "I DATA, flg -, ver 2, tnl 17688, cl 7" \
    "CHAP: I SUCCESS id 6 len 4"

# Hidden AVPs (RFC 2661 4.3). The seed has none, so this ICRQ was built
# independently of the protocol core (Python hashlib, secret "hello", Random
# Vector 0123...6978): Assigned Session ID 7 hidden with 4 pad octets (one
# block) and Calling Number 2085730592 with 12 (two chained MD5 blocks).
HIDDEN="C8 02 00 60 D7 E6 00 00 00 02 00 01 80 08 00 00 00 00 00 0A 80 16 00 00 00 24 01 23 45 67 89 AB CD EF 0F 1E 2D 3C 4B 5A 69 78 C0 0E 00 00 00 0E 28 22 53 46 26 A4 47 56 80 0A 00 00 00 0F D1 14 C7 C5 C0 1E 00 00 00 16 83 80 A2 2F A0 F2 70 6A F2 B9 08 51 F3 98 FE FA A0 1E B7 EB B5 F3 FD 66"
printf '%s\n' "Parse AVP 14, len 14, flag 0xC000 (M) (hidden)" "Assigned Call ID 7" \
    "Parse AVP 22, len 30, flag 0xC000 (M) (hidden)" "Calling Number 2085730592" \
    "No missing AVPs in ICRQ" "I ICRQ, flg TLS, ver 2, len 96, tnl 55270, cl 0, ns 2, nr 1" >"$TMP/expect"
if "$L2TPDUMP" --secret hello --hex "$HIDDEN" >"$TMP/out" 2>"$TMP/err" &&
    msg=$(in_order "$TMP/expect" "$TMP/out"); then
    ok "hidden AVPs revealed with --secret (one and two MD5 blocks)"
else
    bad "hidden AVPs with --secret" "${msg:-}$(cat "$TMP/err")"
fi
if "$L2TPDUMP" --hex "$HIDDEN" >"$TMP/out" 2>&1 && grep -q "^Assigned Call ID (hidden) 2822534626A44756$" "$TMP/out" &&
    ! grep -q "2085730592" "$TMP/out"; then
    ok "hidden AVPs stay hidden without --secret"
else
    bad "hidden AVPs without --secret" "$(cat "$TMP/out")"
fi

# An unknown AVP with M set is well-formed but must tear the connection down
# (RFC 2661 4.1): decoded, flagged on its own line, status 0.
if "$L2TPDUMP" --hex "C8 02 00 1A 45 18 00 00 00 01 00 02 80 08 00 00 00 00 00 06 80 06 00 00 00 C8" \
    >"$TMP/out" 2>"$TMP/err" && grep -q '^Unknown mandatory AVP, offset 20: ' "$TMP/out" &&
    grep -q '^I HELLO, flg TLS' "$TMP/out"; then
    ok "unknown mandatory AVP decoded and flagged"
else
    bad "unknown mandatory AVP" "$(cat "$TMP/out" "$TMP/err")"
fi

# --- 3. The seed as a pcap: l2tpdump and tshark ----------------------------
PCAP=$TMP/seed.pcap
if "$L2TPDUMP" --write-pcap "$PCAP" "${pcap_args[@]}" >"$TMP/out" 2>"$TMP/err"; then
    ok "--write-pcap: $(cat "$TMP/out")"
else
    bad "--write-pcap" "$(cat "$TMP/err")"
fi

if "$L2TPDUMP" --secret hello "$PCAP" >"$TMP/pcap.out" 2>"$TMP/err" && [ ! -s "$TMP/err" ]; then
    grep -v -e '^packet ' -e '^Tunnel Authentication' "$TMP/pcap.out" |
        grep -v ': [0-9]* records, ' >"$TMP/pcap-body.out"
    if diff "$TMP/all-hex.out" "$TMP/pcap-body.out" >"$TMP/diff"; then
        ok "pcap decode equals the --hex decodes, packet for packet"
    else
        bad "pcap decode differs from the --hex decodes" "$(head -20 "$TMP/diff")"
    fi
    want="packet 1 1970-01-01 00:04:10.000000 10.51.6.68:1701 -> 10.51.6.82:1701 LAC->LNS, 128 octets of L2TP"
    if grep -qxF "$want" "$TMP/pcap.out" && grep -q "seed.pcap: $n_vectors records, $n_vectors L2TP datagrams, 0 bad" "$TMP/pcap.out"; then
        ok "pcap packet lines: number, time, LAC/LNS addresses; summary"
    else
        bad "pcap packet lines" "$(grep -E '^packet 1 |records' "$TMP/pcap.out")"
    fi
    # The seed's two verifiable pairs: SCCRQ's challenge answered in SCCRP,
    # SCCRP's in SCCCN (secret hello). The verdicts follow packets 2 and 3.
    verdicts=$(awk '/^packet /{n=$2} /^Tunnel Authentication/{print n ": " $0}' "$TMP/pcap.out")
    if [ "$verdicts" = "$(printf '2: Tunnel Authentication success\n3: Tunnel Authentication success')" ]; then
        ok "tunnel authentication: SCCRP and SCCCN responses verify with secret hello"
    else
        bad "tunnel authentication verdicts" "$verdicts"
    fi
    if [ "$("$L2TPDUMP" --secret hellO "$PCAP" | grep -c '^Tunnel Authentication failed')" -eq 2 ]; then
        ok "tunnel authentication: a wrong secret fails both"
    else
        bad "tunnel authentication with a wrong secret does not fail"
    fi
else
    bad "l2tpdump FILE.pcap" "$(cat "$TMP/err")"
fi

if command -v tshark >/dev/null; then
    # Message type per packet, as tshark names it (a ZLB has no type AVP).
    tshark -r "$PCAP" -T fields -e _ws.col.Info 2>/dev/null >"$TMP/info"
    awk '{print $1}' "$VECTORS" >"$TMP/names"
    sed -E 's/^Control Message - ([A-Za-z]+).*/\1/' "$TMP/info" >"$TMP/tnames"
    if [ "$(wc -l <"$TMP/info")" -eq "$n_vectors" ] && diff "$TMP/names" "$TMP/tnames" >"$TMP/diff"; then
        ok "tshark: all $n_vectors packets are L2TP control messages of the seed's types"
    else
        bad "tshark message types" "$(cat "$TMP/diff" "$TMP/info")"
    fi
    tshark -r "$PCAP" -V 2>/dev/null >"$TMP/verbose"
    n_l2tp=$(grep -c '^Layer 2 Tunneling Protocol$' "$TMP/verbose")
    if [ "$n_l2tp" -eq "$n_vectors" ] && ! grep -qi malformed "$TMP/verbose"; then
        ok "tshark -V: $n_l2tp L2TP dissections, none Malformed"
    else
        bad "tshark -V: $n_l2tp L2TP dissections" "$(grep -i malformed "$TMP/verbose")"
    fi
    tshark -r "$PCAP" -q -z expert 2>/dev/null >"$TMP/expert"
    if ! grep -qE '^Errors' "$TMP/expert"; then
        ok "tshark -z expert: no expert error ($(grep -E '^(Warns|Notes|Chats)' "$TMP/expert" | tr '\n' ' '))"
    else
        bad "tshark -z expert reports errors" "$(cat "$TMP/expert")"
    fi
    # Raw-IP captures from another writer (text2pcap's dummy IPv4/UDP headers).
    if command -v text2pcap >/dev/null; then
        zlb=$(awk '$1=="ZLB"{$1=$2=""; print; exit}' "$VECTORS")
        echo "0000 $zlb" >"$TMP/zlb.txt"
        if text2pcap -q -F pcap -l 101 -i 17 -u 1701,1701 "$TMP/zlb.txt" "$TMP/raw.pcap" 2>/dev/null &&
            "$L2TPDUMP" "$TMP/raw.pcap" >"$TMP/out" 2>&1 &&
            grep -qx "I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2" "$TMP/out"; then
            ok "raw-IP pcap written by text2pcap decodes"
        else
            bad "raw-IP pcap written by text2pcap" "$(cat "$TMP/out")"
        fi
        # The same frame with its Ethernet header swapped for Linux cooked
        # (SLL, 16 octets) and BSD loopback (NULL, 4 octets) headers.
        frame=$(od -An -tx1 -v -j 40 "$TMP/raw.pcap" | tr -s ' \n' ' ')
        echo "0000 00 00 00 01 00 06 02 00 0a 33 06 44 00 00 08 00 $frame" >"$TMP/sll.txt"
        echo "0000 02 00 00 00 $frame" >"$TMP/null.txt"
        echo "0000 02 00 0a 33 06 52 02 00 0a 33 06 44 81 00 00 64 08 00 $frame" >"$TMP/vlan.txt"
        for lt in sll:113 null:0 vlan:1; do
            if text2pcap -q -F pcap -l "${lt#*:}" "$TMP/${lt%:*}.txt" "$TMP/${lt%:*}.pcap" 2>/dev/null &&
                "$L2TPDUMP" "$TMP/${lt%:*}.pcap" >"$TMP/out" 2>&1 &&
                grep -qx "I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2" "$TMP/out"; then
                ok "${lt%:*} linktype pcap decodes"
            else
                bad "${lt%:*} linktype pcap" "$(cat "$TMP/out")"
            fi
        done
    fi
else
    bad "tshark not installed (tests/tools/deps.sh installs it)"
fi

# --- 4. Malformed input and usage errors ----------------------------------
# expect_error NAME STATUS FIELD-REGEX ARGS...: exit status STATUS, exactly one
# stderr line, naming "offset N: FIELD".
expect_error() {
    local name=$1 want=$2 field=$3
    shift 3
    "$L2TPDUMP" "$@" >"$TMP/out" 2>"$TMP/err"
    local st=$? lines
    lines=$(wc -l <"$TMP/err")
    if [ "$st" -eq "$want" ] && [ "$lines" -eq 1 ] && grep -qE "offset [0-9]+: ($field)" "$TMP/err"; then
        ok "malformed: $name -> $(cat "$TMP/err")"
    else
        bad "malformed: $name: status $st (want $want), $lines stderr lines" "$(cat "$TMP/err")"
    fi
}
expect_error "truncated header" 1 "Length|Tunnel ID|.*header" --hex "C8 02 00"
expect_error "empty message" 1 ".+" --hex ""
expect_error "version 1 (L2F)" 1 "Ver.*L2F" --hex "C8 01 00 0C 45 18 00 00 00 01 00 02"
expect_error "Length past the datagram" 1 "Length" --hex "C8 02 00 2A 45 18 00 00 00 01 00 02"
expect_error "odd hex" 1 "hex" --hex "C8 02 0"
expect_error "not hex" 1 "hex" --hex "C8 02 ZZ"
expect_error "control message without S" 1 ".+" --hex "C0 02 00 08 45 18 00 00"
expect_error "AVP Length past the message" 1 ".+" --hex \
    "C8 02 00 14 45 18 00 00 00 01 00 02 80 0A 00 00 00 00 00 03"
expect_error "AVP Length below 6" 1 ".+" --hex \
    "C8 02 00 14 45 18 00 00 00 01 00 02 80 04 00 00 00 00 00 03"
expect_error "LCP Length past the frame" 1 "Length" --hex \
    "00 02 45 18 00 07 FF 03 C0 21 01 76 00 0B 05 06 6E E4 E8 65"
expect_error "LCP option past the packet" 1 ".+" --hex \
    "00 02 45 18 00 07 FF 03 C0 21 01 76 00 0A 05 08 6E E4 E8 65"
expect_error "Offset Size past the message" 1 "Offset" --hex \
    "02 02 D7 E6 00 2D FF FF 00 00"
expect_error "data message without PPP" 1 "PPP" --hex "00 02 45 18 00 07"
expect_error "hidden AVP, wrong secret" 1 "Assigned Session ID" --secret wrong --hex "$HIDDEN"

usage_status() { # NAME ARGS...: exit status 2 and a usage message
    local name=$1
    shift
    "$L2TPDUMP" "$@" >/dev/null 2>"$TMP/err"
    local st=$?
    if [ "$st" -eq 2 ] && grep -q '^usage:' "$TMP/err"; then ok "usage error: $name"
    else bad "usage error: $name: status $st" "$(cat "$TMP/err")"; fi
}
usage_status "no arguments"
usage_status "unknown option" --frobnicate
usage_status "bad --dir" --dir "LAC<-LNS" --hex "00"
usage_status "bad --lac" --lac 10.51.6 --write-pcap "$TMP/x.pcap" --hex "00"
usage_status "pcap and --hex" "$PCAP" --hex "00"
usage_status "--write-pcap without --hex" --write-pcap "$TMP/x.pcap"

"$L2TPDUMP" "$TMP/no-such.pcap" >/dev/null 2>"$TMP/err"
st=$?
if [ "$st" -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -qF "$TMP/no-such.pcap" "$TMP/err"; then
    ok "missing pcap: status 1, one line naming the path"
else
    bad "missing pcap: status $st" "$(cat "$TMP/err")"
fi

# A pcap of good and bad messages: the good ones decode, each bad one is one
# stderr line with its packet number, and the status is 1.
good1=$(awk '$1=="SCCCN"{$1=$2=""; print; exit}' "$VECTORS")
good2=$(awk '$1=="ZLB"{$1=$2=""; print; exit}' "$VECTORS")
"$L2TPDUMP" --write-pcap "$TMP/mixed.pcap" --hex "$good1" --hex "C8 02 00 2A 45 18 00 00 00 01 00 02" \
    --dir "LNS->LAC" --hex "$good2" --hex "C8 01 00 0C 45 18 00 00 00 01 00 02" --hex "" >/dev/null
"$L2TPDUMP" "$TMP/mixed.pcap" >"$TMP/out" 2>"$TMP/err"
st=$?
if [ "$st" -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 3 ] &&
    grep -q '^l2tpdump: packet 2: offset 2: Length' "$TMP/err" &&
    grep -q '^l2tpdump: packet 4: offset [0-9]*: .*L2F' "$TMP/err" &&
    grep -q '^l2tpdump: packet 5: offset ' "$TMP/err" &&
    grep -qx 'I SCCCN, flg TLS, ver 2, len 42, tnl 55270, cl 0, ns 1, nr 1' "$TMP/out" &&
    grep -qx 'I ZLB ctrl ack, flg TLS, ver 2, len 12, tnl 17688, cl 0, ns 1, nr 2' "$TMP/out" &&
    grep -q 'mixed.pcap: 5 records, 5 L2TP datagrams, 3 bad' "$TMP/out"; then
    ok "pcap with bad packets: good ones decoded, 3 bad reported, status 1"
else
    bad "pcap with bad packets: status $st" "$(cat "$TMP/err" "$TMP/out")"
fi

# A damaged IPv4 header checksum is reported (and the message still shown).
"$L2TPDUMP" --write-pcap "$TMP/one.pcap" --hex "$good2" >/dev/null
# Flip a TTL bit: octet 40 (records) + 14 (Ethernet) + 8 (TTL).
printf '\x7f' | dd of="$TMP/one.pcap" bs=1 seek=62 conv=notrunc status=none
"$L2TPDUMP" "$TMP/one.pcap" >"$TMP/out" 2>"$TMP/err"
st=$?
if [ "$st" -eq 1 ] && grep -q 'packet 1: frame offset 24: Header Checksum' "$TMP/err" &&
    grep -q '^I ZLB' "$TMP/out"; then
    ok "bad IPv4 header checksum reported, message still decoded"
else
    bad "bad IPv4 header checksum: status $st" "$(cat "$TMP/err")"
fi

echo "l2tpdump-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
