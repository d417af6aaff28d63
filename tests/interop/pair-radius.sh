#!/usr/bin/env bash
# Pairing: FreeRADIUS as our AAA (issue 7). One l2tpd runs the seed's LAC
# (hgw) and LNS (l2tp-gw) as two routers joined by the in-memory wire on
# the virtual clock (a RADIUS round trip is waited for in real time and
# costs no virtual time); both have `method radius local` and ask the
# FreeRADIUS fixture (tests/interop/radius) in the same network namespace.
#   1. The seed's DNIS lookup: user 'dnis:614629' answered with Cisco
#      AVPairs and RFC 2868 tunnel attributes; the tagged LNSs come by
#      Tunnel-Preference: 10.51.6.99 (preference 1, nobody there) is tried
#      first, then the call fails over to 10.51.6.82 (preference 2).
#   2. CHAP at the LNS through RADIUS (the LAC's proxy authentication):
#      2500-1 accepted, its address is FreeRADIUS's Framed-IP-Address
#      10.10.53.40 (not what the user asked for); reject-user rejected.
#   3. Accounting Start and Stop (after a ping, non-zero counters from the
#      card's session entry) in FreeRADIUS's detail file.
#   4. An unknown DNIS rejected, then the user's domain (bob@cisco.com)
#      looked up instead.
#   5. The LAC's RADIUS server unreachable: retries, then the local method
#      answers the DNIS lookup, with a log line saying so; the LNS's first
#      server silent, the second answers.
#   tests/interop/pair-radius.sh BINDIR OUTDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/interop/lib.sh
. "$here/lib.sh"
# shellcheck source=tests/interop/radius/radiusd.sh
. "$here/radius/radiusd.sh"

bin=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
tpl=$here/radius

iop_need_root
iop_need_cmd freeradius tshark
for f in "$bin/l2tpd" "$bin/l2tpctl"; do
    [ -x "$f" ] || { echo "FAIL $IOP_NAME: $f missing (make build/bin/l2tpd build/bin/l2tpctl)"; exit 1; }
done
rm -rf "$out/radius" "$out/up" "$out/down"

iop_netns rad >/dev/null
ns=${IOP_NETNS[-1]}

export RAD_SECRET=radius-interop RAD_LNS1=10.51.6.99 RAD_LNS2=10.51.6.82 RAD_FRAMED_IP=10.10.53.40
radius_log=$out/radius/radiusd.log
detail=$out/radius/radacct/detail
if ! radius_start "$ns" 127.0.0.1 "$out/radius" 2>"$out/radius-start.err"; then
    iop_fail radius "FreeRADIUS did not start" "$out/radius-start.err" "$radius_log"
    exit 1
fi
iop_pass radius "FreeRADIUS ready on 127.0.0.1:1812/1813 in $ns"

# start RUN LAC_SERVER LNS_SERVER...: l2tpd with both routers; the LAC asks
# LAC_SERVER, the LNS its servers in order.
start() {
    local run=$1 lac_server=$2 d=$out/$1 servers="" s
    shift 2
    for s in "$@"; do servers="${servers}server = $s\\n"; done
    mkdir -p "$d"
    sed -e "s|@RADIUS_SERVER@|$lac_server|" -e "s|@RADIUS_SECRET@|$RAD_SECRET|" \
        "$tpl/lac.conf.in" >"$d/lac.conf"
    sed -e "s|@RADIUS_SERVERS@|$servers|" -e "s|@RADIUS_SECRET@|$RAD_SECRET|" \
        "$tpl/lns.conf.in" >"$d/lns.conf"
    sock=$d/l2tpd.sock
    iop_spawn "$d/l2tpd.out" ip netns exec "$ns" "$bin/l2tpd" \
        -c "$d/lac.conf" -o address=10.51.6.68 \
        -c "$d/lns.conf" -o address=10.51.6.82 -o ipcp-address=10.51.6.82 \
        --log-dir "$d" --pcap "$d/net.pcap" --socket "$sock"
    l2tpd_pid=$IOP_LAST_PID
    for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
    [ -S "$sock" ] || { iop_fail "$run" "l2tpd did not open $sock" "$d/l2tpd.out"; exit 1; }
    lac_log=$d/hgw.log
    lns_log=$d/l2tp-gw.log
    ctl_out=$d/ctl.out
}
ctl() {
    echo "> $*" >>"$ctl_out"
    "$bin/l2tpctl" -s "$sock" "$@" >>"$ctl_out" 2>&1
}
has() { grep -q -F -- "$2" "$1"; }
# in_order FILE TEXT...: the texts appear in FILE in this order.
in_order() {
    local f=$1 from=0 at
    shift
    for t in "$@"; do
        at=$(tail -n +"$((from + 1))" "$f" | grep -n -F -m 1 -- "$t" | cut -d: -f1)
        [ -n "$at" ] || { echo "missing in $f: $t" >>"$ctl_out"; return 1; }
        from=$((from + at))
    done
}
# stop_l2tpd: shutdown, and the daemon's exit (its logs and pcap are
# written out then: the checks read them after).
stop_l2tpd() {
    ctl shutdown
    for _ in $(seq 50); do kill -0 "$l2tpd_pid" 2>/dev/null || break; sleep 0.1; done
    iop_stop "$l2tpd_pid"
}

# ---- run 1: FreeRADIUS answers both routers
start up 127.0.0.1:1812 127.0.0.1:1812
ctl user 0 2500-1 cisco address 10.10.53.2
ctl dial 0 614629 2085730592
ctl wait-until ipcp 0 within 120s
ipcp_ok=$?
"$bin/l2tpctl" -s "$sock" --json show session >"$out/up/session.json" 2>&1
ctl ping 0 10.51.6.82 100 3
ctl wait-until echo-replies 0 3 within 10s
ping_ok=$?
ctl drop 0
ctl wait-until sessions l2tp-gw 0 within 10s
for _ in $(seq 30); do grep -q "Acct-Status-Type = Stop" "$detail" 2>/dev/null && break; sleep 0.1; done
# reject-user: FreeRADIUS rejects; CHAP Failure, the call goes.
ctl user 1 reject-user whatever
ctl dial 1 614629 2085730592
ctl wait-until line 1 down within 60s
ctl expect up l2tp-gw 0
reject_cleared=$?
# An unknown number, a user with a domain: the domain's lookup.
ctl user 2 bob@cisco.com whatever
ctl dial 2 999999 2085730592
ctl wait-until line 2 down within 60s
stop_l2tpd

dnis() {
    in_order "$lac_log" "VPDN: Got DNIS string 614629" \
        "AAA/AUTHOR/VPDN: Serial0:0 (1) user='dnis:614629'" \
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=radius (radius)" \
        "RADIUS: Initial Transmit Serial0:0" "Attribute 1 13 646E6973" \
        "Attribute 30 8 36313436" "Attribute 31 12 32303835" \
        ", Access-Accept, len" \
        "RADIUS: cisco AVPair \"vpdn:tunnel-type=l2tp\"" \
        "RADIUS: cisco AVPair \"vpdn:tunnel-id=hgw\"" \
        "RADIUS: cisco AVPair \"vpdn:l2tp-tunnel-password=hello\"" \
        "Post authorization status = PASS_ADD" \
        "AAA/AUTHOR/VPDN: Processing AV tunnel-id=hgw" \
        "VPDN/RPMS/: Got tunnel info for dnis:614629" &&
        has "$radius_log" "Login OK: [dnis:614629"
}
iop_check dnis "the seed's DNIS 614629 lookup answered by FreeRADIUS (Cisco AVPairs, RFC 2868 tags)" \
    dnis -- "$lac_log" "$radius_log"
failover() {
    in_order "$lac_log" "VPDN/RPMS/: IP 10.51.6.99/10.51.6.82" \
        "Select non-active address 10.51.6.99, priority 1" \
        "Select non-active address 10.51.6.82, priority 2" && [ "$ipcp_ok" -eq 0 ]
}
iop_check tunnel-preference "LNSs tried by Tunnel-Preference: 10.51.6.99 (1) unanswered, then 10.51.6.82 (2), call up" \
    failover -- "$lac_log" "$ctl_out"
chap() {
    in_order "$lns_log" "CHAP: I RESPONSE" "RADIUS: Initial Transmit CHAP" \
        "Attribute 3 19" ", Access-Accept, len" \
        "RADIUS: Framed-IP-Address 10.10.53.40" "status = PASS" "CHAP: O SUCCESS" &&
        has "$radius_log" "Login OK: [2500-1"
}
iop_check chap-accept "CHAP of 2500-1 at the LNS checked by FreeRADIUS, accepted" chap -- "$lns_log" "$radius_log"
framed() {
    [ "$ipcp_ok" -eq 0 ] && grep -q '"router":"l2tp-gw"[^}]*"address":"10\.10\.53\.40"' "$out/up/session.json"
}
iop_check framed-ip "IPCP gave 2500-1 FreeRADIUS's Framed-IP-Address 10.10.53.40 (it asked for 10.10.53.2)" \
    framed -- "$out/up/session.json" "$lns_log"
acct_start() { has "$lns_log" "AAA/ACCT: Vi1 Start" && grep -q "Acct-Status-Type = Start" "$detail"; }
iop_check acct-start "accounting Start for 2500-1 in FreeRADIUS's detail file" acct_start -- "$lns_log" "$detail"
# stop_field FIELD: the value of FIELD in the first Stop record.
stop_field() {
    awk 'BEGIN {RS = ""} /Acct-Status-Type = Stop/ {print; exit}' "$detail" |
        awk -v f="$1" '$1 == f {print $3; exit}'
}
in_pk=$(stop_field Acct-Input-Packets)
out_pk=$(stop_field Acct-Output-Packets)
in_oct=$(stop_field Acct-Input-Octets)
cause=$(stop_field Acct-Terminate-Cause)
acct_stop() {
    [ "$ping_ok" -eq 0 ] && [ "${in_pk:-0}" -gt 0 ] && [ "${out_pk:-0}" -gt 0 ] &&
        [ "${in_oct:-0}" -gt 0 ] && [ "$cause" = "Lost-Carrier" ] &&
        awk 'BEGIN {RS = ""} /Acct-Status-Type = Stop/' "$detail" | grep -q 'User-Name = "2500-1"'
}
iop_check acct-stop "accounting Stop after 3 echoes: input ${in_pk:-?} packets/${in_oct:-?} octets, output ${out_pk:-?} packets, cause ${cause:-?}" \
    acct_stop -- "$detail" "$lns_log"
reject() {
    in_order "$lns_log" "RADIUS: Initial Transmit CHAP" ", Access-Reject, len" \
        "RADIUS: Reply-Message \"rejected by the test users file\"" "status = FAIL" \
        "CHAP: O FAILURE" && has "$radius_log" "Login incorrect" && [ "$reject_cleared" -eq 0 ]
}
iop_check chap-reject "reject-user: FreeRADIUS's Access-Reject, CHAP Failure, call cleared" reject \
    -- "$lns_log" "$radius_log" "$ctl_out"
domain() {
    in_order "$lac_log" "VPDN: Got DNIS string 999999" "user='dnis:999999'" \
        ", Access-Reject, len" "No tunnel info for dnis:999999" \
        "VPDN: Got domain string cisco.com" "user='domain:cisco.com'" \
        "Method=radius (radius)" "Attribute 1 11 63697363" ", Access-Accept, len" \
        "RADIUS: Tunnel:1 Server-Endpoint 10.51.6.82 Preference 1 Client-Auth-Id hgw" \
        "VPDN/RPMS/: Got tunnel info for domain:cisco.com" &&
        has "$radius_log" "Login OK: [cisco.com"
}
iop_check domain "unknown DNIS 999999 rejected by FreeRADIUS, then the domain cisco.com of bob@cisco.com answered (RFC 2868 only)" \
    domain -- "$lac_log" "$radius_log"
iop_tshark "$out/up/net.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN

# ---- run 2: the LAC's server is unreachable: retries, then `local`
start down 127.0.0.1:9 127.0.0.1:9 127.0.0.1:1812
t0=$(date +%s%3N)
ctl user 0 2500-1 cisco address 10.10.53.2
ctl dial 0 614629 2085730592
ctl wait-until ipcp 0 within 120s
down_ok=$?
t1=$(date +%s%3N)
stop_l2tpd
fallback() {
    in_order "$lac_log" "Method=radius (radius)" "RADIUS: Initial Transmit Serial0:0" \
        "127.0.0.1:9: no response after 1 retransmissions, 1s apart" \
        "no RADIUS server answered (1 tried)" \
        "Method=radius (radius) could not answer: trying the next method" \
        "Serial0:0 AAA/AUTHOR/VPDN (1): Method=LOCAL" "Post authorization status = PASS_ADD" \
        "Select non-active address 10.51.6.82, priority 1" && [ "$down_ok" -eq 0 ]
}
iop_check fallback "RADIUS server unreachable: 2 tries 1 s apart, then the local method; call up ($((t1 - t0)) ms)" \
    fallback -- "$lac_log" "$ctl_out"
next_server() {
    in_order "$lns_log" "RADIUS: Initial Transmit CHAP" \
        "127.0.0.1:9: no response after 1 retransmissions, 1s apart; trying the next server" \
        "RADIUS: Received from id" "status = PASS"
}
iop_check next-server "the LNS's first server silent: the second (FreeRADIUS) answered the CHAP request" \
    next_server -- "$lns_log"
iop_finish
