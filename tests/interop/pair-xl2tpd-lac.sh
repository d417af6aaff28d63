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
iop_need_root
iop_need_cmd xl2tpd dumpcap tshark unshare ss
[ $# -eq 2 ] || { echo "usage: $0 BINDIR OUTDIR"; exit 2; }
bin=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
# The simulated card at the size of one line card (4 channels, 64 sessions):
# the default size (32 channels, 4096 sessions) costs the model minutes of
# wall time per call on a loaded machine, and the pairing needs a handful.
card=${L2TPD_CARD:-model:n_ch=4,sess_aw=6}
XL=127.0.0.68 OURS=127.0.0.82

# wait_for SECONDS CMD...: until CMD succeeds (0) or time is up (1).
wait_for() {
    local secs=$1 i
    shift
    for ((i = 0; i < secs * 10; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

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
    ctl shutdown >/dev/null 2>&1
    iop_check "$run/l2tpd-exit" "l2tpd shuts down cleanly (exit status 0)" \
        eval 'xl_wait_exit "$L2TPD_PID" 5 && wait "$L2TPD_PID"' -- "$dir/lns.out"
    iop_stop "$XL_PID"
    sleep 1   # dumpcap reads the kernel's capture buffer in blocks: let it take the last frames
    iop_stop "$cap"
    iop_tshark "$dir/lo.pcap" SCCRQ SCCRP StopCCN
    iop_check "$run/no-icrq" "no ICRQ on the wire" \
        eval '[ -z "$(xl_pcap_field "$dir/lo.pcap" "l2tp.avp.message_type == 10" frame.number)" ]' \
        -- "$dir/lo.pcap.tshark.err"
}

# One call from xl2tpd's LAC. $1 run name, $2 hidden (yes|no), $3 pppd|standin.
run_call() {
    local run=$1 hidden=$2 mode=$3 dir="$out/$1" ns opt standin="" cap
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$XL_DIR/l2tp-secrets" "$XL_DIR/chap-secrets" "$dir/"
    opt="$dir/options"
    # wrong-secret: xl2tpd has another secret for the tunnel.
    [ "$mode" = wrong-secret ] && sed -i 's/hello$/wrong/' "$dir/l2tp-secrets"
    if [ "$mode" = standin ]; then
        xl_render options.standin-lac "$opt" "$dir" "$hidden" ""
        standin="$bin/pppd-standin"
    else
        cp "$XL_DIR/options.pppd" "$opt"
    fi
    xl_render xl2tpd-lac.conf "$dir/xl2tpd.conf" "$dir" "$hidden" "$opt"
    xl_render l2tpd-lns.conf "$dir/lns.conf" "$dir" "$([ "$hidden" = yes ] && echo on || echo off)" ""
    local xlog="$dir/xl2tpd.log" slog="$dir/pppd-standin.log"
    ctl() { "$bin/l2tpctl" -s "$dir/lns.sock" "$@"; }
    # Up: established, or no-sessions-left (only reached from established:
    # xl2tpd's CDN can come before the first look).
    tunnel_up() {
        ctl show tunnel --json >"$dir/tunnel.json" 2>&1
        grep -q -E '"remote_name":"hgw","state":"(established|no-sessions-left)"' "$dir/tunnel.json"
    }
    no_tunnel() { ! ctl show tunnel --json 2>/dev/null | grep -q -E '"state":"(established|no-sessions-left)"'; }
    calls() { ctl expect sessions l2tp-gw "$1" >/dev/null 2>&1; }
    # Our log through the CLI (the log file is written in blocks): a line
    # containing $1, after the previous one found, within $2 seconds.
    our_line() { ctl expect log l2tp-gw "$1" >>"$dir/ctl.out" 2>&1; }
    our_log() { wait_for "$2" our_line "$1"; }

    ns=$(iop_netns "$run")
    xl_addr_free "$ns" "$XL"
    xl_addr_free "$ns" "$OURS"
    iop_capture "$ns" lo "$dir/lo.pcap"
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
    xl_start "$ns" "$dir" "$dir/xl2tpd.conf" "$standin" || return
    iop_check "$run/sockets" "$OURS:1701 is l2tpd's alone, $XL:1701 xl2tpd's alone" \
        test "$(xl_sockets "$ns" "$OURS")$(xl_sockets "$ns" "$XL")" = 11 -- "$xlog"

    echo "c hgw" >"$dir/l2tp-control"
    if [ "$mode" = wrong-secret ]; then
        wrong_secret
        return
    fi
    iop_check "$run/tunnel" "established on both sides (l2tpctl show tunnel; xl2tpd: Connection established)" \
        eval 'wait_for 5 tunnel_up && iop_wait_log "$xlog" "Connection established to $OURS, 1701" 2' \
        -- "$dir/tunnel.json" "$xlog"
    iop_check "$run/tunnel-auth" "challenge/response both ways: our check of xl2tpd's, xl2tpd's of ours" \
        eval 'our_log "Tunnel Authentication success" 1 && grep -q "Challenge reply found" "$xlog" &&
              ! grep -q -i "bad challenge\|challenge.*failed" "$xlog"' -- "$dir/ctl.out" "$xlog"
    iop_check "$run/session" "ICRQ/ICRP/ICCN: established on both sides" \
        eval 'our_log "Session state change from wait-connect to established" 3 &&
              iop_wait_log "$xlog" "Call established with $OURS" 2' -- "$dir/ctl.out" "$xlog"

    if [ "$mode" = pppd ]; then
        # No /dev/ppp: pppd exits, xl2tpd clears the call with a CDN.
        iop_check "$run/xl2tpd-cdn" "xl2tpd's pppd exits, xl2tpd sends CDN; our LNS takes it (I CDN, call gone)" \
            eval 'iop_wait_log "$xlog" "pppd exited for call" 3 && our_log "I CDN from hgw" 3 &&
                  wait_for 3 calls 0' -- "$dir/ctl.out" "$xlog"
        iop_check "$run/card-cleared" "our card's session entry is cleared" \
            eval 'ctl expect card-sessions l2tp-gw 0 >>"$dir/ctl.out" 2>&1' -- "$dir/ctl.out"
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
    ctl shutdown >/dev/null 2>&1
    iop_check "$run/l2tpd-exit" "l2tpd shuts down cleanly (exit status 0)" \
        eval 'xl_wait_exit "$L2TPD_PID" 5 && wait "$L2TPD_PID"' -- "$dir/lns.out"
    iop_stop "$L2TPD_PID"
    iop_stop "$XL_PID"
    sleep 1   # dumpcap reads the kernel's capture buffer in blocks: let it take the last frames
    iop_stop "$cap"

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
