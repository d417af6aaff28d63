#!/usr/bin/env bash
# xl2tpd (Debian's, 1.3.18) as a LAC dialling our l2tpd as the seed's LNS
# l2tp-gw (UDP wire, simulated card), in one network namespace per run:
# our card's NET port on 127.0.0.82:1701, xl2tpd on 127.0.0.68:1701. The
# call starts with `c hgw` on xl2tpd's control pipe: SCCRQ/SCCRP/SCCCN with
# challenge authentication both ways (secret "hello"), ICRQ/ICRP/ICCN
# (no proxy AVPs: our LNS negotiates LCP itself). Three runs:
#   pppd: xl2tpd's real pppd, which cannot run here (no /dev/ppp): xl2tpd
#     clears the call with a CDN right after ICCN; our LNS must take it
#     cleanly (call and card entry gone), then the empty tunnel is closed
#     with a StopCCN. Hidden AVPs are configured on at both ends, but
#     neither side hides anything here: our LNS sends no sensitive AVP
#     (only a LAC's ICRQ/ICCN carry them) and xl2tpd 1.3.18 hides none;
#     pair-xl2tpd-lns.sh proves xl2tpd reads ours.
#   standin: build/bin/pppd-standin as pppd (private mount namespace) is
#     the user 2500-1: our LNS completes LCP, CHAP and IPCP with it, and
#     answers its three pings through our card's datapath; then `d hgw`
#     on the control pipe: xl2tpd's CDN/StopCCN, the call and card entry go.
#   wrong-secret: xl2tpd has another secret: it finds our SCCRP's challenge
#     response wrong and stops the tunnel; no call is made.
# Every capture (dumpcap on the namespace's lo, l2tpd's --pcap) is checked
# by tshark with the control message types expected.
#   tests/interop/pair-xl2tpd-lac.sh BINDIR OUTDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/xl2tpd/xl2tpd.sh"
xl_pairing_start "$@"
XL=127.0.0.68 OURS=127.0.0.82

# The rest of the wrong-secret run (run_call's variables): our SCCRP's
# challenge response (RFC 2661 §5.1.1) does not verify at xl2tpd, which
# gives the tunnel up (StopCCN); neither side has a tunnel or a call.
wrong_secret() {
    iop_check "$run/refused" "xl2tpd finds our challenge response wrong, sends StopCCN; our LNS takes it" \
        eval 'iop_wait_log "$xlog" "Invalid challenge authentication" 5 && our_log "I StopCCN" 3 &&
              wait_for 5 no_tunnel && ! grep -q "Connection established" "$xlog"' \
        -- "$xlog" "$dir/ctl.out"
    iop_check "$run/no-call" "no tunnel or call at our LNS, no card entry, never authenticated" \
        eval 'calls 0 && ctl expect card-sessions l2tp-gw 0 >>"$dir/ctl.out" 2>&1 &&
              ctl expect nolog l2tp-gw "Session state change" >>"$dir/ctl.out" 2>&1' \
        -- "$dir/ctl.out"
    xl_stop "$run" "$dir/lns.out" "$cap"
    xl_check_no_call_wire "$run" "$dir"
}

# One call from xl2tpd's LAC. $1 run name, $2 hidden (yes|no), $3 pppd|standin.
run_call() {
    local run=$1 hidden=$2 mode=$3 dir="$out/$1" ns cap
    xl_prepare_run "$dir" "$mode" "$hidden" lac lns
    local xlog="$dir/xl2tpd.log" slog="$dir/pppd-standin.log"
    xl_use_l2tpd "$dir" lns l2tp-gw hgw
    no_tunnel() { ! ctl show tunnel --json 2>/dev/null | grep -q -E '"state":"(established|no-sessions-left)"'; }

    ns=$(iop_netns "$run")
    xl_capture "$ns" "$dir"
    cap=$IOP_CAPTURE_PID
    # Our LNS first: xl2tpd dials only when told, but must find it there.
    iop_spawn "$dir/lns.out" ip netns exec "$ns" "$bin/l2tpd" -c "$dir/lns.conf" \
        -o ipcp-address=10.10.53.1 --card "$card" --socket "$dir/lns.sock" --log-dir "$dir" \
        --pcap "$dir/lns-card-net.pcap"
    L2TPD_PID=$IOP_LAST_PID
    if ! wait_for 5 test -S "$dir/lns.sock"; then
        iop_fail "$run/l2tpd-start" "l2tpd did not start (its CLI socket never appeared)" "$dir/lns.out"
        return
    fi
    xl_start "$ns" "$dir" "$dir/xl2tpd.conf" "$XL_STANDIN" || return
    iop_check "$run/sockets" "$OURS:1701 is l2tpd's alone, $XL:1701 xl2tpd's alone" \
        test "$(xl_sockets "$ns" "$OURS")$(xl_sockets "$ns" "$XL")" = 11 -- "$xlog"

    echo "c hgw" >"$dir/l2tp-control"
    if [ "$mode" = wrong-secret ]; then
        wrong_secret
        return
    fi
    xl_check_call "$run" "$xlog" "$dir/ctl.out" wait-connect

    if [ "$mode" = pppd ]; then
        # No /dev/ppp: pppd exits, xl2tpd clears the call with a CDN.
        xl_check_cdn "$run" LNS "$xlog" "$dir/ctl.out"
        iop_check "$run/stopccn" "the empty tunnel is closed with StopCCN on both sides" \
            eval 'wait_for 5 no_tunnel && iop_wait_log "$xlog" "Connection closed to $OURS" 3' \
            -- "$dir/ctl.out" "$xlog"
    else
        iop_check "$run/ppp" "LCP, CHAP (our LNS checks 2500-1) and IPCP open at our LNS and at the stand-in" \
            eval 'our_log "CHAP: O SUCCESS" 5 && our_log "IPCP: Install route to 10.10.53.10" 5 &&
                  iop_wait_log "$slog" "IPCP: State is Open" 2' -- "$dir/ctl.out" "$slog" "$xlog"
        iop_check "$run/user" "our LNS shows the call as user 2500-1 with address 10.10.53.10" \
            eval 'ctl show session --json >"$dir/session.json" 2>&1 &&
                  grep -q "\"2500-1\"" "$dir/session.json" && grep -q "10.10.53.10" "$dir/session.json"' \
            -- "$dir/session.json"
        iop_check "$run/ping" "three ICMP echoes from the stand-in through xl2tpd and our card, answered by our LNS" \
            iop_wait_log "$slog" "all 3 echo replies" 5 -- "$slog"
        ctl show counters >"$dir/counters.txt" 2>&1
        # An LNS terminates PPP on the host: the echoes come up the card's
        # punt ring as session data, the replies go down its inject ring.
        iop_check "$run/datapath" "the echoes reached our LNS host through the card (host IP rx 3, ICMP replies 3)" \
            grep -q "host IP rx 3, ICMP replies 3" "$dir/counters.txt" -- "$dir/counters.txt"
        echo "d hgw" >"$dir/l2tp-control"
        iop_check "$run/disconnect" "xl2tpd disconnects (d hgw): our LNS takes it, the call and card entry go" \
            eval 'our_log "I StopCCN" 3 && wait_for 3 calls 0 && wait_for 3 no_tunnel &&
                  ctl expect card-sessions l2tp-gw 0 >>"$dir/ctl.out" 2>&1 &&
                  iop_wait_log "$slog" "pppd-standin: exit [0-9]+$" 3' -- "$dir/ctl.out" "$xlog" "$slog"
    fi
    ctl show counters >"$dir/counters-end.txt" 2>&1
    xl_stop "$run" "$dir/lns.out" "$cap"

    local types="SCCRQ SCCRP SCCCN ICRQ ICRP ICCN StopCCN"
    [ "$mode" = pppd ] && types="$types CDN"
    iop_tshark "$dir/lo.pcap" $types
    iop_tshark "$dir/lns-card-net.pcap" $types
}

# XL2TPD_RUNS picks runs by name (debugging); all three by default.
runs=${XL2TPD_RUNS:-pppd standin wrong-secret}
for r in $runs; do
    case $r in
    pppd) run_call "$r" yes pppd ;;
    standin) run_call "$r" no standin ;;
    wrong-secret) run_call "$r" no wrong-secret ;;
    *) iop_fail runs "no run named '$r'" ;;
    esac
done
iop_finish
