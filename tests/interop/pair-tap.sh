#!/usr/bin/env bash
# The TAP wire (host/l2tpd/wire_tap.h): the simulated card on a real Linux
# network. Two namespaces, each a kernel router with one l2tpd whose card's
# NET port is a TAP device there, joined by a veth pair:
#
#   [LAC card 10.1.0.2]--tap-lac--(10.1.0.1 ns lac 10.9.0.1)--veth--
#       --(10.9.0.2 ns lns 10.2.0.1)--tap-lns--[LNS card 10.2.0.2]
#
# The seed's call runs from the LAC to the LNS through both kernels (real
# routing, TTL decrement, ARP on all three links: the cards' ARP is the
# host software's, the requests reaching it as the card's not-for-us
# punts), then the user pings the LNS across the session. Checks: the call
# (LAC script, LNS log), the kernels' neighbour entries for the cards (our
# ARP replies), the veth capture through tshark (SCCRQ..StopCCN, no
# malformed frame, every IPv4 header checksum right, TTL 63 after one
# hop), the cards' own pcaps through tshark, the TAP/ARP counters.
#   tests/interop/pair-tap.sh BINDIR OUTDIR
. tests/interop/lib.sh
bin=$1 out=$2
mkdir -p "$out"
rm -f "$out"/*.pcap "$out"/*.out "$out"/*.log "$out"/*.err "$out"/lns.sock
mkdir -p "$out/arp-fail"
iop_need_root
iop_need_cmd ip dumpcap tshark
if [ ! -c /dev/net/tun ]; then
    echo "FAIL $IOP_NAME: /dev/net/tun missing (modprobe tun)"
    exit 1
fi

# The simulated card at the seed's size: `show counters` reads every session
# entry through the registers, which at the model's default 4096 takes ~40 s.
card=${L2TPD_CARD:-model:n_ch=4,sess_aw=6}

# Refusals, before anything runs: each names the file, the wire and why.
# In a namespace of their own: an l2tpd that failed to refuse would make
# its TAP and send on it, and that must not happen on the host.
rns=$(iop_netns refuse)
refuse() {   # refuse NAME REGEX ARGS...: l2tpd must exit 1 with REGEX on stderr
    local r_name=$1 r_re=$2 r_rc
    shift 2
    ip netns exec "$rns" timeout --foreground 20 "$bin/l2tpd" -c tests/interop/tap/lac.conf -o address=10.1.0.2 "$@" \
        --script tests/interop/tap/seed.steps >"$out/refuse-$r_name.out" 2>&1
    r_rc=$?
    iop_check "refuse-$r_name" "refused: $r_re" \
        eval '[ $r_rc -eq 1 ] && grep -q -E -- "$r_re" "$out/refuse-$r_name.out"' \
        -- "$out/refuse-$r_name.out"
}
refuse soft "lac.conf: wire tap: card soft does not punt ARP" --card soft
refuse virtual "lac.conf: wire tap tap-lac: needs the wall clock" --card "$card" --clock virtual
refuse gateway "lac.conf: wire tap tap-lac: gateway: not inside our /24 subnet" --card "$card" -o gateway=10.3.0.1
refuse mac "-o mac: '01:00:00:00:00:01' is not a unicast MAC" -o mac=01:00:00:00:00:01

lac=$(iop_netns lac)
lns=$(iop_netns lns)
ip -n "$lac" link add v-lac type veth peer name v-lns netns "$lns"
ip -n "$lac" addr add 10.9.0.1/30 dev v-lac
ip -n "$lns" addr add 10.9.0.2/30 dev v-lns
# The TAPs exist before l2tpd attaches (it would create them, but the
# addresses are the kernel side's, set here); IPv6 off so the links carry
# only what the test is about.
for side in lac lns; do
    ns=${!side}
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" tuntap add dev "tap-$side" mode tap
    ip -n "$ns" link set "v-$side" up
done
ip -n "$lac" addr add 10.1.0.1/24 dev tap-lac
ip -n "$lns" addr add 10.2.0.1/24 dev tap-lns
ip -n "$lac" link set tap-lac up
ip -n "$lns" link set tap-lns up
ip -n "$lac" route add 10.2.0.0/24 via 10.9.0.2
ip -n "$lns" route add 10.1.0.0/24 via 10.9.0.1

iop_spawn "$out/veth.pcap.dumpcap.log" ip netns exec "$lac" dumpcap -q -i v-lac \
    -f "udp port 1701 or arp" -w "$out/veth.pcap"
cap=$IOP_LAST_PID
sleep 0.5

sock="$out/lns.sock"
iop_spawn "$out/lns.out" ip netns exec "$lns" "$bin/l2tpd" -c tests/interop/tap/lns.conf --card "$card" \
    -o address=10.2.0.2 -o gateway=10.2.0.1 -o ipcp-address=10.2.0.2 --quiet \
    --socket "$sock" --log-dir "$out" --pcap "$out/lns-tap.pcap"
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
iop_check lns-start "LNS l2tpd attached to tap-lns" test -S "$sock" -- "$out/lns.out"

ip netns exec "$lac" timeout --foreground 60 "$bin/l2tpd" -c tests/interop/tap/lac.conf --card "$card" \
    -o address=10.1.0.2 -o gateway=10.1.0.1 --quiet --log-dir "$out" \
    --pcap "$out/lac-tap.pcap" --script tests/interop/tap/seed.steps >"$out/lac.out" 2>&1
rc=$?
iop_check call "the seed's call LAC->LNS across two kernel routers, ping answered, teardown" \
    test "$rc" -eq 0 -- "$out/lac.out" "$out/hgw.log"

# A gateway that is not there: ARP gives up, counted and logged, no crash.
ip netns exec "$lac" timeout --foreground 60 "$bin/l2tpd" -c tests/interop/tap/lac.conf --card "$card" \
    -o address=10.1.0.2 -o gateway=10.1.0.254 --quiet --log-dir "$out/arp-fail" \
    --script tests/interop/tap/arp-fail.steps >"$out/arp-fail.out" 2>&1
rc=$?
iop_check arp-fail "no answer from the gateway: three requests, then given up, waiting frames dropped" \
    eval '[ $rc -eq 0 ] && grep -E "hgw tap tap-lac: .*requests in 0 out [3-9],.*failed [1-9], waited [1-9]" "$out/arp-fail.out" >/dev/null' \
    -- "$out/arp-fail.out" "$out/arp-fail/hgw.log"

ctl() { "$bin/l2tpctl" -s "$sock" "$@" >>"$out/ctl.out" 2>&1; }
iop_check lns-call "LNS: IPCP route to the user, then StopCCN" \
    eval 'ctl expect log l2tp-gw "Vi1 IPCP: Install route to 10.10.53.2" &&
          ctl expect log l2tp-gw "O StopCCN to hgw"' -- "$out/ctl.out" "$out/l2tp-gw.log"
"$bin/l2tpctl" -s "$sock" show counters >"$out/lns-counters.out" 2>&1
# The LNS's kernel learnt the card's MAC from our ARP reply (checked while
# l2tpd holds the TAP: when it lets go, the link loses carrier and the
# kernel flushes its neighbours).
iop_check arp-reply "the LNS kernel holds 10.2.0.2 at the card's MAC, from l2tpd's ARP reply" \
    eval 'ip -n "$lns" neigh show 10.2.0.2 dev tap-lns | grep -q "lladdr 02:00:0a:02:00:02" &&
          grep -q "ARP: I request who-has 10.2.0.2 tell 10.2.0.1 .*O reply" "$out/l2tp-gw.log"' \
    -- "$out/l2tp-gw.log"
"$bin/l2tpctl" -s "$sock" shutdown >/dev/null 2>&1

iop_check arp-resolve "each card resolved its gateway by ARP before sending" \
    eval 'grep -q "ARP: 10.1.0.1 is-at" "$out/hgw.log" &&
          grep -q "ARP: 10.2.0.1 is-at" "$out/l2tp-gw.log"' -- "$out/hgw.log" "$out/l2tp-gw.log"
iop_check counters "TAP and ARP counters shown, nothing failed to send" \
    eval 'grep -E "hgw tap tap-lac: rx [1-9].*tx errors 0;.*resolved [1-9]" "$out/lac.out" >/dev/null &&
          grep -E "l2tp-gw tap tap-lns: rx [1-9].*tx errors 0;.*resolved [1-9]" "$out/lns-counters.out" >/dev/null' \
    -- "$out/lac.out" "$out/lns-counters.out"

iop_stop "$cap"
iop_tshark "$out/veth.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN
# Every IPv4 header the cards built verifies (tshark checks it only when asked).
badsum=$(tshark -r "$out/veth.pcap" -o ip.check_checksum:TRUE -Y 'ip.checksum.status == 0' 2>/dev/null | wc -l)
ttls=$(tshark -r "$out/veth.pcap" -Y 'l2tp && ip.src == 10.1.0.2' -T fields -E occurrence=f -e ip.ttl 2>/dev/null | sort -u | tr '\n' ' ')
data=$(tshark -r "$out/veth.pcap" -Y 'l2tp.type == 0 && icmp' 2>/dev/null | wc -l)
iop_check veth-ipv4 "veth: IPv4 checksums right, the LAC card's frames at TTL 63 (64, one hop), ICMP echo in the session (found: bad sums $badsum, TTLs ${ttls:-none}, ICMP data $data)" \
    test "$badsum" -eq 0 -a "$ttls" = "63 " -a "$data" -ge 4 -- "$out/hgw.log"
iop_tshark "$out/lac-tap.pcap" SCCRQ ICCN StopCCN
iop_tshark "$out/lns-tap.pcap" SCCRP ICRP
# On the LAC's TAP: the card's request and the kernel's reply, then the
# kernel forwarding the LNS's frames to the card's MAC (learnt from the
# request, RFC 826's "target learns the sender").
arps=$(tshark -r "$out/lac-tap.pcap" -Y 'arp.opcode == 1 && eth.src == 02:00:0a:01:00:02 || arp.opcode == 2 && eth.dst == 02:00:0a:01:00:02' 2>/dev/null | wc -l)
fwd=$(tshark -r "$out/lac-tap.pcap" -Y 'eth.dst == 02:00:0a:01:00:02 && ip.src == 10.2.0.2 && ip.ttl == 62' 2>/dev/null | wc -l)
iop_check tap-arp "the LAC's TAP: ARP request and reply ($arps), the LNS's frames to the card's MAC at TTL 62 ($fwd)" \
    test "$arps" -ge 2 -a "$fwd" -ge 4 -- "$out/hgw.log"
iop_finish
