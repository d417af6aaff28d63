#!/usr/bin/env bash
# Pairing: our LAC against l2tpns (a real LNS) with FreeRADIUS, the seed's
# full call (issue 7). Our LAC is build/bin/l2tpd in UDP wire mode on the
# simulated card (`model`): the remote user 2500-1 on ACCESS channel 0 dials
# DNIS 614629; the LAC does LCP and partial CHAP with it, opens the tunnel
# to l2tpns and proxies LCP/auth in ICCN (RFC 2661 section 4.4.5). l2tpns
# ignores the proxy authentication: it renegotiates LCP and challenges the
# user itself, checks the response with FreeRADIUS, gives an address from
# its ip_pool and routes the user's IP into its tun, where the Linux stack
# of its namespace answers the user's ICMP echo. Then the user hangs up
# (CDN) and the tunnel closes. Then a second LAC process, with hidden AVPs
# on, calls with a wrong password: RADIUS rejects it, l2tpns sends only a
# CDN (result 3, no CHAP Failure) and our LAC clears the call.
#
# Namespaces: LNS (l2tpns, FreeRADIUS on 127.0.0.1, the capture) and LAC
# (l2tpd), joined by a veth pair with the seed's addresses 10.51.6.82 and
# 10.51.6.68. l2tpns reads /etc/l2tpns/ip_pool and startup-config from a
# fixed path: it runs in a private mount namespace with the pairing's
# directory bind-mounted over /etc/l2tpns. One PASS/FAIL line per check.
#   tests/interop/pair-l2tpns.sh BINDIR OUTDIR    (L2TPD_CARD=rtl|soft: another card)
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/interop/lib.sh
. "$here/lib.sh"

bin=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
tpl=$here/l2tpns
lns_addr=10.51.6.82
lac_addr=10.51.6.68
radius_addr=127.0.0.1
pool_re='^10\.10\.53\.[1-6]$' # ip_pool 10.10.53.0/29 (l2tpns skips .0 and .7)
card=${L2TPD_CARD:-model} # the simulated card (rtl and soft work too)

iop_need_root
iop_need_cmd l2tpns freeradius unshare dumpcap tshark
for f in "$bin/l2tpd" "$bin/l2tpctl"; do
    [ -x "$f" ] || { echo "FAIL $IOP_NAME: $f missing (make build/bin/l2tpd build/bin/l2tpctl)"; exit 1; }
done
rm -rf "$out/etc-l2tpns" "$out/radius"
rm -rf "$out/lac1" "$out/lac2"
rm -f "$out"/*.log "$out"/*.out "$out"/*.pcap "$out"/*.err

# ---- namespaces and the wire between them
iop_netns lns >/dev/null
ns_lns=${IOP_NETNS[-1]}
iop_netns lac >/dev/null
ns_lac=${IOP_NETNS[-1]}
ip link add lns0 netns "$ns_lns" type veth peer name lac0 netns "$ns_lac" ||
    { echo "FAIL $IOP_NAME: veth pair"; exit 1; }
ip -n "$ns_lns" addr add "$lns_addr/24" dev lns0
ip -n "$ns_lns" link set lns0 up
ip -n "$ns_lac" addr add "$lac_addr/24" dev lac0
ip -n "$ns_lac" link set lac0 up

render() {
    sed -e "s|@OUT@|$out|g" -e "s|@LNS_ADDR@|$lns_addr|g" -e "s|@LAC_ADDR@|$lac_addr|g" \
        -e "s|@RADIUS_ADDR@|$radius_addr|g" -e "s|@RADIUS_SECRET@|$radius_secret|g" "$1"
}

# ---- FreeRADIUS: the radius fixture (tests/interop/radius), users file with
# 2500-1/cisco. Its Framed-IP-Address is 255.255.255.254, which RFC 2865
# section 5.8 defines as "the NAS should select an address for the user":
# l2tpns then takes the address from its ip_pool.
# shellcheck source=tests/interop/radius/radiusd.sh
. "$here/radius/radiusd.sh"
export RAD_SECRET=l2tpns-interop RAD_FRAMED_IP=255.255.255.254
radius_secret=$RAD_SECRET
radius_log=$out/radius/radiusd.log
if ! radius_start "$ns_lns" "$radius_addr" "$out/radius" 2>"$out/radius-start.err"; then
    iop_fail radius "FreeRADIUS did not start" "$out/radius-start.err" "$radius_log"
    exit 1
fi

# ---- l2tpns
mkdir -p "$out/etc-l2tpns"
render "$tpl/startup-config.in" >"$out/etc-l2tpns/startup-config"
cp "$tpl/ip_pool" "$out/etc-l2tpns/ip_pool"
: >"$out/etc-l2tpns/users" # no CLI users
# shellcheck disable=SC2016 # $1 is the inner shell's
iop_spawn "$out/l2tpns.out" ip netns exec "$ns_lns" unshare -m --propagation private \
    sh -c 'mount --bind "$1" /etc/l2tpns && exec l2tpns -c /etc/l2tpns/startup-config' \
    sh "$out/etc-l2tpns"
lns_log=$out/l2tpns.log
t_start=$(date +%s%3N)
if iop_wait_log "$lns_log" "I am declaring myself the master" 10 && ! mountpoint -q /etc/l2tpns; then
    iop_pass master "l2tpns elected itself cluster master after $(($(date +%s%3N) - t_start)) ms (its /etc/l2tpns a private bind mount)"
else
    iop_fail master "l2tpns did not become cluster master within 10 s, or /etc/l2tpns leaked to the host" "$out/l2tpns.out" "$lns_log"
    exit 1
fi

iop_capture "$ns_lns" lns0 "$out/net.pcap"
cap_pid=$IOP_CAPTURE_PID

# ---- our LAC
# lac_start NAME HIDDEN: l2tpd as the seed's LAC in the LAC namespace, hidden
# AVPs on or off; its CLI socket, logs and card pcap under $out/NAME/.
lac_start() {
    local name=$1 hidden=$2
    mkdir -p "$out/$name"
    sock=$out/$name/l2tpd.sock
    render "$tpl/lac.conf.in" | sed "s|@HIDDEN@|$hidden|" >"$out/$name/lac.conf"
    iop_spawn "$out/$name/l2tpd.out" ip netns exec "$ns_lac" "$bin/l2tpd" -c "$out/$name/lac.conf" \
        --card "$card" --log-dir "$out/$name" --pcap "$out/$name/$name-card.pcap" --socket "$sock"
    lac_pid=$IOP_LAST_PID
    for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
    [ -S "$sock" ] || { iop_fail lac "l2tpd did not open $sock" "$out/$name/l2tpd.out"; exit 1; }
    echo "== $name (hidden AVPs $hidden)" >>"$out/ctl.out"
}
# lac_stop: shut l2tpd down; it closes its pcap on the way out, so let it
# finish before the TERM.
lac_stop() {
    ctl shutdown
    for _ in $(seq 50); do kill -0 "$lac_pid" 2>/dev/null || break; sleep 0.1; done
    iop_stop "$lac_pid"
}

# ctlq ARGS...: one l2tpctl command to the running LAC, its output on
# stdout; a daemon that does not answer within 15 s (the longest wait-until
# is 10 s) fails the command, not the whole run.
ctlq() { timeout --foreground 15 "$bin/l2tpctl" -s "$sock" "$@"; }
# ctl ARGS...: the same, its output appended to ctl.out; its status.
ctl() {
    local rc
    echo "> $*" >>"$out/ctl.out"
    ctlq "$@" >>"$out/ctl.out" 2>&1
    rc=$?
    [ "$rc" -eq 124 ] && echo "(l2tpd did not answer within 15 s)" >>"$out/ctl.out"
    return "$rc"
}
# json_num JSON KEY: the first numeric value of "KEY" in a JSON text (0 if none).
json_num() {
    local v
    v=$(grep -o "\"$2\":[0-9]*" <<<"$1" | head -n 1 | cut -d: -f2)
    echo "${v:-0}"
}
# wait_count FILE REGEX N SECONDS: until FILE has N lines matching REGEX.
wait_count() {
    local i
    for ((i = 0; i < $4 * 10; i++)); do
        [ "$(grep -c -E -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
        sleep 0.1
    done
    return 1
}
logs=("$out/ctl.out" "$lns_log")

# ---- the seed's call (hidden AVPs off, as in the seed)
lac_start lac1 off
ctl user 0 2500-1 cisco lcp-id 118 ipcp-id 187
ctl dial 0 614629 2085730592
ctl wait-until ipcp 0 within 10s
ipcp_ok=$?

tunnel_up() {
    ctl expect log hgw "Tunnel Authentication success" &&
        ctl expect log hgw "Tunnel state change from wait-ctl-reply to established" &&
        grep -q "Received SCCN" "$lns_log" # l2tpns's spelling of SCCCN
}
iop_check tunnel-up "SCCRQ/SCCRP/SCCCN with tunnel authentication both ways" tunnel_up -- "${logs[@]}"
session_up() {
    ctl expect log hgw "Session state change from wait-reply to established" &&
        ctl expect up hgw 1 && ctl expect card-sessions hgw 1
}
iop_check session-up "ICRQ/ICRP/ICCN, call up at both ends, session on the card" session_up -- "${logs[@]}"
chap_radius() {
    grep -q "Login OK: \[2500-1" "$radius_log" &&
        grep -q "CHAP User 2500-1 authentication allowed" "$lns_log"
}
iop_check chap-radius "l2tpns re-challenged 2500-1 (CHAP-MD5), FreeRADIUS accepted it" chap_radius \
    -- "$radius_log" "$lns_log"
# The address l2tpns took from its pool and the one the user logged in with.
pool_ip=$(sed -n 's/.*Assigned \([0-9.]*\) from pool.*/\1/p' "$lns_log" | head -n 1)
user_ip=$(sed -n 's/.*Login by 2500-1 at \([0-9.]*\) .*/\1/p' "$lns_log" | head -n 1)
ipcp_from_pool() {
    [ "$ipcp_ok" -eq 0 ] && [ -n "$pool_ip" ] && [ "$user_ip" = "$pool_ip" ] &&
        grep -q -E "$pool_re" <<<"$user_ip"
}
iop_check ipcp "user's IPCP open with ${user_ip:-no address}, from l2tpns's pool 10.10.53.0/29 (${pool_ip:-none taken})" \
    ipcp_from_pool -- "${logs[@]}"

# ---- ICMP echo through the card's datapath into l2tpns's tun and back:
# the session's card counters move by one frame each way per echo, the
# card punts and injects nothing, l2tpns's tun0 receives every echo.
pings=5
tun_rx() {
    ip -n "$ns_lns" -s -j link show tun0 | grep -o '"rx":{[^}]*' | grep -o '"packets":[0-9]*' |
        cut -d: -f2
}
c0=$(ctlq --json show counters)
s0=$(ctlq --json show session)
t0=$(tun_rx)
ctl ping 0 "$lns_addr" 100 "$pings"
ctl wait-until echo-replies 0 "$pings" within 5s
ping_ok=$?
c1=$(ctlq --json show counters)
s1=$(ctlq --json show session)
t1=$(tun_rx)
d_punt=$(($(json_num "$c1" PUNT_FRAMES) - $(json_num "$c0" PUNT_FRAMES)))
d_inj=$(($(json_num "$c1" INJECT_FRAMES) - $(json_num "$c0" INJECT_FRAMES)))
d_rx=$(($(json_num "$s1" card_rx) - $(json_num "$s0" card_rx)))
d_tx=$(($(json_num "$s1" card_tx) - $(json_num "$s0" card_tx)))
d_tun=$((${t1:-0} - ${t0:-0}))
echo "ping: $pings echoes; card session rx +$d_rx tx +$d_tx, punts +$d_punt, injects +$d_inj; l2tpns tun0 rx +$d_tun" >>"$out/ctl.out"
ping_via_card() {
    [ "$ping_ok" -eq 0 ] && [ "$d_rx" -eq "$pings" ] && [ "$d_tx" -eq "$pings" ] &&
        [ "$d_punt" -eq 0 ] && [ "$d_inj" -eq 0 ] && [ "$d_tun" -eq "$pings" ]
}
iop_check ping "$pings echo replies to ${user_ip:-no address} via the card (session rx +$d_rx tx +$d_tx, punts +$d_punt, injects +$d_inj) and l2tpns's tun0 (rx +$d_tun)" \
    ping_via_card -- "${logs[@]}"

# ---- the user hangs up: CDN, then the empty tunnel closes (shutdown-lac 2 s)
ctl drop 0
ctl wait-until sessions hgw 0 within 5s
wait_count "$lns_log" "Received StopCCN" 1 5
sleep 0.5 # l2tpns's ZLB acknowledging it reaches the LAC
c_h=$(ctlq --json show counters)
hangup() {
    ctl expect log hgw "O CDN to l2tp-gw" && ctl expect card-sessions hgw 0 &&
        [ "$(json_num "$c_h" calls_cleared_by_lns)" -eq 0 ] &&
        ctl expect log hgw "Tunnel state change from shutting-down to idle" &&
        grep -q "Received CDN" "$lns_log" && grep -q "Received StopCCN" "$lns_log"
}
iop_check hangup "CDN (loss of carrier) to l2tpns, session gone, tunnel closed by StopCCN" hangup \
    -- "${logs[@]}"

lac_stop

# ---- a wrong password: RADIUS Access-Reject, l2tpns sends only a CDN
# (result 3, no CHAP Failure); our LAC clears the call and drops the line.
# A fresh LAC with hidden AVPs on (RFC 2661 section 4.3): l2tpns must reveal
# them, e.g. the Calling Number it passes to RADIUS as Calling-Station-Id.
lac_start lac2 on
ctl user 0 2500-1 wrongpass lcp-id 118 ipcp-id 187
ctl dial 0 614629 2085730592
ctl wait-until line 0 down within 10s
c2=$(ctlq --json show counters)
reject() {
    grep -q "Login incorrect" "$radius_log" &&
        grep -q "Authentication rejected for 2500-1" "$lns_log" &&
        ctl expect log hgw "Result code(3): 3" && ctl expect log hgw "I CDN from l2tp-gw" &&
        ctl expect sessions hgw 0 && ctl expect card-sessions hgw 0 &&
        [ "$(json_num "$c2" calls)" -eq 1 ] && [ "$(json_num "$c2" calls_refused)" -eq 0 ] &&
        [ "$(json_num "$c2" calls_cleared_by_lns)" -eq 1 ] &&
        [ "$(json_num "$c2" card_errors)" -eq 0 ] && [ "$(json_num "$c2" sessions_valid)" -eq 0 ]
}
iop_check reject "Access-Reject -> CDN result 3 from l2tpns; call cleared (calls $(json_num "$c2" calls), cleared by LNS $(json_num "$c2" calls_cleared_by_lns), refused $(json_num "$c2" calls_refused), card sessions $(json_num "$c2" sessions_valid)), user's line dropped" \
    reject -- "${logs[@]}" "$radius_log"
ctl show counters
wait_count "$lns_log" "Received StopCCN" 2 5 # the second tunnel's
lac_stop
iop_stop "$cap_pid"

# ---- the wire, as tshark sees it
iop_tshark "$out/net.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN
# The LAC cards' own NET captures: dissected without error (their message
# types are the wire's, checked above).
iop_tshark "$out/lac1/lac1-card.pcap"
iop_tshark "$out/lac2/lac2-card.pcap"
# pcap_count FILTER: frames of net.pcap that match a display filter.
pcap_count() { tshark -r "$out/net.pcap" -Y "$1" 2>/dev/null | wc -l; }
user_address() { [ "$(pcap_count "icmp.type == 8 && ip.src == ${user_ip:-0.0.0.0}")" -eq "$pings" ]; }
iop_check user-address "the user's $pings echo requests inside L2TP on the wire come from ${user_ip:-no address}" \
    user_address
# CHAP must be seen on the wire at all (a Response from each call), or no
# Failure among it would prove nothing.
cdn_only() {
    [ "$(pcap_count "chap.code == 2")" -ge 2 ] && [ "$(pcap_count "chap.code == 4")" -eq 0 ] &&
        [ "$(pcap_count "l2tp.result_code == 3")" -ge 1 ]
}
iop_check no-chap-failure "no CHAP Failure on the wire (l2tpns rejects with a CDN only)" cdn_only
hidden_read() {
    [ "$(pcap_count "ip.src == $lac_addr && l2tp.avp.message_type == 10 && l2tp.avp.hidden == 1")" -ge 1 ] &&
        [ "$(pcap_count "ip.src == $lac_addr && l2tp.avp.message_type == 12 && l2tp.avp.hidden == 1")" -ge 1 ] &&
        grep -q "Login incorrect.*cli 2085730592" "$radius_log"
}
iop_check hidden-avps "second call with hidden AVPs in ICRQ/ICCN: l2tpns revealed them (Calling Number 2085730592 reached RADIUS)" \
    hidden_read -- "$radius_log"
iop_finish
