#!/usr/bin/env bash
# xl2tpd (Debian's, 1.3.18) as the LNS, our l2tpd as the seed's LAC (UDP
# wire, simulated card), in one network namespace per run: xl2tpd on
# 127.0.0.82:1701, our card's NET port on 127.0.0.68:1701, real UDP on lo.
# Tunnel challenge authentication both ways (secret "hello"), then the
# seed's user 2500-1 dials: ICRQ/ICRP/ICCN. Four runs:
#   pppd-hidden-off, pppd-hidden-on: xl2tpd's real pppd, which cannot run
#     here (no /dev/ppp): xl2tpd clears the call with a CDN (result 1)
#     right after ICCN; our LAC must take it cleanly (session and card
#     entry gone, then its StopCCN on the empty tunnel). Hidden AVPs
#     (RFC 2661 §4.3) off, then on at both ends.
#   standin: build/bin/pppd-standin as pppd (private mount namespace): the
#     whole PPP call (LCP, CHAP against chap-secrets, IPCP) and an ICMP echo
#     from the user answered by the stand-in, through xl2tpd and our card's
#     datapath; then the user hangs up: our CDN, xl2tpd stops pppd, our
#     StopCCN.
#   wrong-secret: xl2tpd knows hgw by another secret: our LAC refuses the
#     tunnel (StopCCN), no call is made.
# Every capture (dumpcap on the namespace's lo, l2tpd's --pcap) is checked
# by tshark with the control message types expected.
#   tests/interop/pair-xl2tpd-lns.sh BINDIR OUTDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/xl2tpd/xl2tpd.sh"
xl_pairing_start "$@"
XL=127.0.0.82 OURS=127.0.0.68

# One call through xl2tpd's LNS. $1 run name, $2 hidden (yes|no), $3 pppd|standin.
run_call() {
    local run=$1 hidden=$2 mode=$3 dir="$out/$1" ns cap
    xl_prepare_run "$dir" "$mode" "$hidden" lns lac
    local xlog="$dir/xl2tpd.log" llog="$dir/hgw.log" slog="$dir/pppd-standin.log"
    xl_use_l2tpd "$dir" lac hgw l2tp-gw

    ns=$(iop_netns "$run")
    xl_capture "$ns" "$dir"
    cap=$IOP_CAPTURE_PID
    xl_start "$ns" "$dir" "$dir/xl2tpd.conf" "$XL_STANDIN" || return
    xl_start_l2tpd "$ns" "$dir" "$dir/lac.conf" "$bin" "$card" lac || return
    iop_check "$run/sockets" "$XL:1701 is xl2tpd's alone, $OURS:1701 l2tpd's alone" \
        test "$(xl_sockets "$ns" "$XL")$(xl_sockets "$ns" "$OURS")" = 11 -- "$xlog"

    ctl user 0 2500-1 cisco address 10.10.53.2 >"$dir/ctl.out" 2>&1
    ctl dial 0 614629 2085730592 >>"$dir/ctl.out" 2>&1
    if [ "$mode" = wrong-secret ]; then
        wrong_secret
        return
    fi
    xl_check_call "$run" "$xlog" "$llog" wait-reply

    if [ "$mode" = pppd ]; then
        # No /dev/ppp: pppd exits, xl2tpd clears the call (CDN, result 1).
        xl_check_cdn "$run" LAC "$xlog" "$llog"
    else
        iop_check "$run/ppp" "LCP, CHAP (stand-in checks 2500-1) and IPCP open at the user and at the stand-in" \
            eval 'ctl wait-until ipcp 0 within 8s >>"$dir/ctl.out" 2>&1 &&
                  iop_wait_log "$slog" "IPCP: State is Open" 2 && grep -q "CHAP: O SUCCESS" "$slog"' \
            -- "$dir/ctl.out" "$slog" "$xlog"
        ctl show counters >"$dir/counters-before.txt" 2>&1
        ctl ping 0 10.10.53.1 >>"$dir/ctl.out" 2>&1
        iop_check "$run/ping" "ICMP echo from the user through our card and xl2tpd, answered by the stand-in" \
            eval 'ctl wait-until echo-replies 0 1 within 3s >>"$dir/ctl.out" 2>&1 &&
                  grep -q "ICMP echo request from 10.10.53.10 answered" "$slog"' \
            -- "$dir/ctl.out" "$slog"
        ctl show counters >"$dir/counters-after.txt" 2>&1
        iop_check "$run/datapath" "the echo crossed our card both ways: request encapsulated by the card, reply to the user's channel, no punt" \
            echo_through_card "$dir/counters-before.txt" "$dir/counters-after.txt" \
            -- "$dir/counters-before.txt" "$dir/counters-after.txt"
        ctl drop 0 >>"$dir/ctl.out" 2>&1
        iop_check "$run/hangup" "the user hangs up: our CDN, xl2tpd stops pppd, the stand-in ends" \
            eval 'our_log "O CDN to l2tp-gw" 3 && iop_wait_log "$xlog" "Terminating pppd" 3 &&
                  iop_wait_log "$slog" "pppd-standin: exit [0-9]+$" 3 && wait_for 3 calls 0 &&
                  ctl expect card-sessions hgw 0 >>"$dir/ctl.out" 2>&1' -- "$llog" "$xlog" "$slog"
    fi
    iop_check "$run/stopccn" "our LAC closes the empty tunnel with StopCCN, xl2tpd takes it" \
        eval 'our_log "O StopCCN to l2tp-gw" 5 &&
              iop_wait_log "$xlog" "Stop-Control-Connection-Notification" 3 && wait_for 3 no_tunnel' \
        -- "$llog" "$xlog"
    ctl show counters >"$dir/counters.txt" 2>&1
    xl_stop "$run" "$dir/lac.out" "$cap"

    local types="SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN"
    iop_tshark "$dir/lo.pcap" $types
    iop_tshark "$dir/lac-card-net.pcap" $types
    if [ "$mode" = pppd ]; then
        iop_check "$run/cdn-result" "xl2tpd's CDN carries result code 1" \
            eval '[ "$(xl_pcap_field "$dir/lo.pcap" "ip.src == $XL && l2tp.avp.message_type == 14" l2tp.result_code)" = 1 ]' \
            -- "$xlog"
    fi
    local hid
    hid=$(xl_pcap_field "$dir/lo.pcap" "ip.src == $OURS && l2tp.avp.hidden == 1" frame.number | wc -l)
    if [ "$hidden" = yes ]; then
        # xl2tpd can only log the numbers it revealed with the secret.
        iop_check "$run/hidden" "our ICRQ/ICCN carry hidden AVPs ($hid frames), xl2tpd reveals them (numbers 614629, 2085730592)" \
            eval '[ "$hid" -gt 0 ] && grep -q "dialed number .614629." "$xlog" &&
                  grep -q "dialing number .2085730592." "$xlog"' -- "$xlog"
    else
        iop_check "$run/not-hidden" "no hidden AVP from us" test "$hid" -eq 0 -- "$xlog"
    fi
}

# The rest of the wrong-secret run (run_call's variables): xl2tpd's SCCRP
# answers our challenge with the wrong secret (RFC 2661 §5.1.1), so our LAC
# refuses the tunnel with a StopCCN; no call is made, the user's line drops.
wrong_secret() {
    iop_check "$run/refused" "our LAC finds xl2tpd's challenge response wrong and sends StopCCN" \
        eval 'our_log "Tunnel Authentication failed" 5 && our_log "O StopCCN to l2tp-gw" 2 &&
              iop_wait_log "$xlog" "Stop-Control-Connection-Notification" 3' -- "$dir/ctl.out" "$xlog"
    iop_check "$run/no-call" "no session on either side, the user's line is down, no card entry" \
        eval 'wait_for 3 eval "ctl expect line 0 down >/dev/null 2>&1" && calls 0 &&
              ctl expect card-sessions hgw 0 >>"$dir/ctl.out" 2>&1 &&
              ! grep -q "Call established" "$xlog" && ctl expect nolog hgw "Tunnel Authentication success" >>"$dir/ctl.out" 2>&1' \
        -- "$dir/ctl.out" "$xlog"
    xl_stop "$run" "$dir/lac.out" "$cap"
    xl_check_no_call_wire "$run" "$dir"
}

# A card counter from `l2tpctl show counters` output (0 when not listed:
# only non-zero counters are).
counter() {
    awk -v name="$2" '$1 == name { v = $2 } END { print v + 0 }' "$1"
}
# echo_through_card BEFORE AFTER: between the two counter dumps the card
# put a frame on NET by itself (NET_TX_FRAMES grew more than the host's
# INJECT_FRAMES: the user's echo request, encapsulated) and punted nothing
# (PUNT_FRAMES unchanged: the reply went to the user's channel).
echo_through_card() {
    local built_b built_a
    built_b=$(($(counter "$1" NET_TX_FRAMES) - $(counter "$1" INJECT_FRAMES)))
    built_a=$(($(counter "$2" NET_TX_FRAMES) - $(counter "$2" INJECT_FRAMES)))
    [ "$built_a" -gt "$built_b" ] && [ "$(counter "$1" PUNT_FRAMES)" -eq "$(counter "$2" PUNT_FRAMES)" ]
}
no_tunnel() { ! ctl show tunnel --json 2>/dev/null | grep -q '"state":"established"'; }

# XL2TPD_RUNS picks runs by name (debugging); all four by default.
runs=${XL2TPD_RUNS:-pppd-hidden-off pppd-hidden-on standin wrong-secret}
for r in $runs; do
    case $r in
    pppd-hidden-off) run_call "$r" no pppd ;;
    pppd-hidden-on) run_call "$r" yes pppd ;;
    standin) run_call "$r" no standin ;;
    wrong-secret) run_call "$r" no wrong-secret ;;
    *) iop_fail runs "no run named '$r'" ;;
    esac
done
iop_finish
