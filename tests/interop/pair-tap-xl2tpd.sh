#!/usr/bin/env bash
# The TAP wire against a peer nobody here wrote: our LAC's card on a TAP
# device in one namespace, xl2tpd (Debian's) as the LNS in another, the
# kernel of the first routing between them over a veth pair:
#
#   [LAC card 10.1.0.2]--tap-lac--(10.1.0.1 ns lac 10.9.0.1)--veth--(10.9.0.2 ns xl: xl2tpd)
#
# xl2tpd's UDP socket takes only what the kernel's IPv4 and UDP input
# accept, so its answers prove the card's headers (IPv4 checksum, lengths,
# UDP length) right on a real stack. Tunnel with challenge authentication
# both ways, one session (ICRQ/ICRP/ICCN); xl2tpd's pppd cannot run here
# (no /dev/ppp), so xl2tpd clears the call with a CDN, which the LAC takes
# cleanly, then closes the empty tunnel. The veth capture goes through
# tshark (message types, no malformed frame, no bad IPv4 checksum).
#   tests/interop/pair-tap-xl2tpd.sh BINDIR OUTDIR
. tests/interop/lib.sh
bin=$1 out=$2
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/*.pcap "$out"/*.out "$out"/*.log "$out"/*.err
iop_need_root
iop_need_cmd ip dumpcap tshark xl2tpd
card=${L2TPD_CARD:-model:n_ch=4,sess_aw=6}   # small: show counters reads every entry
if [ ! -c /dev/net/tun ]; then
    echo "FAIL $IOP_NAME: /dev/net/tun missing (modprobe tun)"
    exit 1
fi

lac=$(iop_netns lac)
xl=$(iop_netns xl)
ip -n "$lac" link add v-lac type veth peer name v-xl netns "$xl"
ip -n "$lac" addr add 10.9.0.1/30 dev v-lac
ip -n "$xl" addr add 10.9.0.2/30 dev v-xl
for ns in "$lac" "$xl"; do
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$lac" link set v-lac up
ip -n "$xl" link set v-xl up
ip -n "$lac" tuntap add dev tap-lac mode tap
ip -n "$lac" addr add 10.1.0.1/24 dev tap-lac
ip -n "$lac" link set tap-lac up
ip -n "$xl" route add 10.1.0.0/24 via 10.9.0.1

sed "s|@OUT@|$out|g" tests/interop/tap/xl2tpd-lns.conf >"$out/xl2tpd.conf"
cp tests/interop/tap/l2tp-secrets "$out/l2tp-secrets"
echo debug >"$out/options.pppd"

iop_spawn "$out/veth.pcap.dumpcap.log" ip netns exec "$xl" dumpcap -q -i v-xl \
    -f "udp port 1701 or arp" -w "$out/veth.pcap"
cap=$IOP_LAST_PID
sleep 0.5
iop_spawn "$out/xl2tpd.log" ip netns exec "$xl" \
    xl2tpd -D -c "$out/xl2tpd.conf" -p "$out/xl2tpd.pid" -C "$out/l2tp-control"
iop_check xl2tpd-start "xl2tpd listening on 10.9.0.2:1701" \
    iop_wait_log "$out/xl2tpd.log" "Listening on IP address" 5 -- "$out/xl2tpd.log"

# Meanwhile the LAC's kernel sends the card three UDP datagrams to port 9
# (discard): it must ARP for the card first (our reply), then the card
# punts them (UDP, not L2TP's port: not for us) and the host counts and
# drops them.
# (The kernel may have learnt the card from the card's own request: that
# entry is forgotten first, so the kernel has to ask.)
(sleep 1; ip -n "$lac" neigh del 10.1.0.2 dev tap-lac; for i in 1 2 3; do
    ip netns exec "$lac" bash -c "echo not-l2tp-$i >/dev/udp/10.1.0.2/9"; sleep 0.1
done) >"$out/kernel-udp.out" 2>&1 &
pinger=$!
ip netns exec "$lac" timeout --foreground 60 "$bin/l2tpd" -c tests/interop/tap/lac-xl2tpd.conf --card "$card" \
    -o address=10.1.0.2 -o gateway=10.1.0.1 --quiet --log-dir "$out" \
    --pcap "$out/lac-tap.pcap" --script tests/interop/tap/xl2tpd.steps >"$out/lac.out" 2>&1
rc=$?
iop_check call "tunnel (challenge both ways) and session with xl2tpd through the kernel, its CDN taken, our StopCCN" \
    test "$rc" -eq 0 -- "$out/lac.out" "$out/hgw.log" "$out/xl2tpd.log"
iop_check xl2tpd-side "xl2tpd: connection established (our answer to its challenge accepted), call established with 10.1.0.2" \
    eval 'grep -q "Connection established to 10.1.0.2, 1701" "$out/xl2tpd.log" &&
          grep -q "Call established with 10.1.0.2" "$out/xl2tpd.log"' -- "$out/xl2tpd.log"
iop_check counters "TAP and ARP counters: frames both ways, gateway resolved, nothing failed" \
    eval 'grep -E "hgw tap tap-lac: rx [1-9].*tx errors 0;.*resolved [1-9]" "$out/lac.out" >/dev/null' \
    -- "$out/lac.out"

wait "$pinger"
iop_check not-ours "the kernel's datagrams to the card's port 9: ARP answered, 3 punted, counted as not ours, dropped" \
    eval 'grep -E "hgw tap tap-lac: .*not ours 3,.*requests in [1-9].* replies in [0-9]+ out [1-9]" "$out/lac.out" >/dev/null' \
    -- "$out/lac.out" "$out/kernel-udp.out"

iop_stop "$cap"
iop_tshark "$out/veth.pcap" SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN
badsum=$(tshark -r "$out/veth.pcap" -o ip.check_checksum:TRUE -Y 'ip.checksum.status == 0' 2>/dev/null | wc -l)
ttls=$(tshark -r "$out/veth.pcap" -Y 'l2tp && ip.src == 10.1.0.2' -T fields -E occurrence=f -e ip.ttl 2>/dev/null | sort -u | tr '\n' ' ')
iop_check veth-ipv4 "veth: the card's IPv4 checksums right, TTL 63 after one kernel hop (found: bad sums $badsum, TTLs ${ttls:-none})" \
    test "$badsum" -eq 0 -a "$ttls" = "63 " -- "$out/hgw.log"
iop_tshark "$out/lac-tap.pcap" SCCRQ SCCRP ICCN CDN
iop_finish
