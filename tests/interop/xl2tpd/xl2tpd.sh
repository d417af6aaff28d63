#!/usr/bin/env bash
# Helpers of the xl2tpd pairings (pair-xl2tpd-lns.sh, pair-xl2tpd-lac.sh).
# Source after tests/interop/lib.sh; XL_DIR is this directory.
#
# xl2tpd runs in the foreground (-D) with its config, pid file and control
# pipe under the run's directory, inside the pairing's network namespace.
# With the stand-in, it runs in a private mount namespace of its own
# (unshare -m) in which build/bin/pppd-standin is bind-mounted over
# /usr/sbin/pppd and our chap-secrets over /etc/ppp/chap-secrets: the host's
# files are never touched, and the mounts go when xl2tpd exits.

XL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
XL_PORT=1701

# xl_render TEMPLATE OUTFILE RUNDIR HIDDEN OPTFILE: a config from one of
# this directory's templates (@OUT@, @HIDDEN@, @OPTFILE@).
xl_render() {
    sed -e "s|@OUT@|$3|g" -e "s|@HIDDEN@|$4|g" -e "s|@OPTFILE@|$5|g" "$XL_DIR/$1" >"$2"
}

# xl_sockets NS ADDR: how many UDP sockets are bound to ADDR:1701 in NS.
xl_sockets() {
    ip netns exec "$1" ss -H -u -l -n 2>/dev/null | awk '{print $4}' | grep -c -x -F "$2:$XL_PORT"
}

# xl_addr_free NS ADDR: nothing may be bound to ADDR:1701 yet. xl2tpd sets
# SO_REUSEADDR, so a second daemon on the same address would not fail by
# itself: a clash must stop the pairing here, loudly.
xl_addr_free() {
    local n
    n=$(xl_sockets "$1" "$2")
    if [ "$n" -ne 0 ]; then
        iop_fail address "$2:$XL_PORT is already bound in $1 ($n sockets): refusing to share it"
        exit 1
    fi
}

# xl_start NS RUNDIR CONF [STANDIN]: xl2tpd -D in NS (log RUNDIR/xl2tpd.log),
# pppd replaced by STANDIN when given; waits for its "Listening" line.
xl_start() {
    local ns=$1 dir=$2 conf=$3 standin=${4:-}
    if [ -n "$standin" ]; then
        # Bind mounts need their targets (the ppp package, an xl2tpd dependency).
        if [ ! -f /usr/sbin/pppd ] || [ ! -f /etc/ppp/chap-secrets ] || [ ! -x "$standin" ]; then
            iop_fail xl2tpd-start "need /usr/sbin/pppd, /etc/ppp/chap-secrets (package ppp) and $standin"
            return 1
        fi
        iop_spawn "$dir/xl2tpd.log" ip netns exec "$ns" unshare -m --propagation private \
            sh -c 'mount --bind "$1" /usr/sbin/pppd && mount --bind "$2" /etc/ppp/chap-secrets &&
                   exec xl2tpd -D -c "$3" -p "$4/xl2tpd.pid" -C "$4/l2tp-control"' \
            sh "$standin" "$dir/chap-secrets" "$conf" "$dir"
    else
        iop_spawn "$dir/xl2tpd.log" ip netns exec "$ns" \
            xl2tpd -D -c "$conf" -p "$dir/xl2tpd.pid" -C "$dir/l2tp-control"
    fi
    # shellcheck disable=SC2034 # the pairing stops xl2tpd by it
    XL_PID=$IOP_LAST_PID
    if ! iop_wait_log "$dir/xl2tpd.log" "Listening on IP address" 5; then
        iop_fail xl2tpd-start "xl2tpd did not start listening" "$dir/xl2tpd.log"
        return 1
    fi
}

# xl_start_l2tpd NS RUNDIR CONF BINDIR CARD NAME: our l2tpd in NS with its
# CLI socket RUNDIR/NAME.sock, logs and --pcap under RUNDIR.
xl_start_l2tpd() {
    local ns=$1 dir=$2 conf=$3 bin=$4 card=$5 name=$6
    iop_spawn "$dir/$name.out" ip netns exec "$ns" "$bin/l2tpd" -c "$conf" --card "$card" \
        --socket "$dir/$name.sock" --log-dir "$dir" --pcap "$dir/$name-card-net.pcap"
    L2TPD_PID=$IOP_LAST_PID
    for _ in $(seq 50); do
        [ -S "$dir/$name.sock" ] && return 0
        kill -0 "$L2TPD_PID" 2>/dev/null || break
        sleep 0.1
    done
    iop_fail l2tpd-start "l2tpd did not start (its CLI socket never appeared)" "$dir/$name.out"
    return 1
}

# xl_pcap_field PCAP FILTER FIELD: the field's values in matching frames.
xl_pcap_field() {
    tshark -r "$1" -Y "$2" -T fields -e "$3" 2>/dev/null
}

# xl_wait_exit PID SECONDS: wait for a process to end by itself (l2tpd after
# `l2tpctl shutdown` still flushes its pcap and logs: a TERM then would cut
# them short). 0 when it ended.
xl_wait_exit() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# xl_pairing_start BINDIR OUTDIR (the pairing's own arguments): what every
# xl2tpd pairing checks first; sets bin and out (absolute) and card.
xl_pairing_start() {
    iop_need_root
    iop_need_cmd xl2tpd dumpcap tshark unshare ss
    [ $# -eq 2 ] || { echo "usage: $0 BINDIR OUTDIR"; exit 2; }
    bin=$(cd "$1" && pwd)
    mkdir -p "$2"
    out=$(cd "$2" && pwd)
    # The simulated card at the size of one line card (4 channels, 64
    # sessions): the default size (32 channels, 4096 sessions) costs the model
    # minutes of wall time per call on a loaded machine, and the pairing needs
    # a handful.
    card=${L2TPD_CARD:-model:n_ch=4,sess_aw=6}
}

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

# xl_prepare_run DIR MODE HIDDEN XLSIDE OURSIDE: a fresh run directory DIR
# with the secrets (xl2tpd's tunnel secret made wrong for MODE wrong-secret),
# pppd's options DIR/options (the stand-in's for MODE standin), xl2tpd's
# config DIR/xl2tpd.conf as XLSIDE (lac|lns) and ours DIR/OURSIDE.conf, with
# hidden AVPs HIDDEN (yes|no) at both ends. Sets XL_STANDIN to the stand-in
# ($bin/pppd-standin) for MODE standin, empty otherwise.
xl_prepare_run() {
    local dir=$1 mode=$2 hidden=$3 xlside=$4 ourside=$5 opt=$1/options
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$XL_DIR/l2tp-secrets" "$XL_DIR/chap-secrets" "$dir/"
    if [ "$mode" = wrong-secret ]; then sed -i 's/hello$/wrong/' "$dir/l2tp-secrets"; fi
    XL_STANDIN=""
    if [ "$mode" = standin ]; then
        xl_render "options.standin-$xlside" "$opt" "$dir" "$hidden" ""
        XL_STANDIN="$bin/pppd-standin"
    else
        cp "$XL_DIR/options.pppd" "$opt"
    fi
    xl_render "xl2tpd-$xlside.conf" "$dir/xl2tpd.conf" "$dir" "$hidden" "$opt"
    xl_render "l2tpd-$ourside.conf" "$dir/$ourside.conf" "$dir" "$([ "$hidden" = yes ] && echo on || echo off)" ""
}

# xl_use_l2tpd DIR SOCK NAME PEER: ctl, tunnel_up, calls, our_line and our_log
# below speak to our l2tpd by its CLI socket DIR/SOCK.sock, about its
# instance NAME whose tunnel's peer is PEER; they write under DIR.
xl_use_l2tpd() {
    XL_RUN_DIR=$1 XL_OUR_SOCK=$1/$2.sock XL_OUR_NAME=$3 XL_PEER_NAME=$4
}
ctl() { "$bin/l2tpctl" -s "$XL_OUR_SOCK" "$@"; }
# Up: established, or no-sessions-left (only reached from established:
# xl2tpd's CDN can come before the first look).
tunnel_up() {
    ctl show tunnel --json >"$XL_RUN_DIR/tunnel.json" 2>&1
    grep -q -E "\"remote_name\":\"$XL_PEER_NAME\",\"state\":\"(established|no-sessions-left)\"" \
        "$XL_RUN_DIR/tunnel.json"
}
calls() { ctl expect sessions "$XL_OUR_NAME" "$1" >/dev/null 2>&1; }
# Our log through the CLI (the log file is written in blocks): a line
# containing $1, after the previous one found, within $2 seconds.
our_line() { ctl expect log "$XL_OUR_NAME" "$1" >>"$XL_RUN_DIR/ctl.out" 2>&1; }
our_log() { wait_for "$2" our_line "$1"; }

# xl_capture NS DIR: XL:1701 and OURS:1701 free in NS, then UDP 1701 on its
# lo captured to DIR/lo.pcap (IOP_CAPTURE_PID).
xl_capture() {
    xl_addr_free "$1" "$XL"
    xl_addr_free "$1" "$OURS"
    iop_capture "$1" lo "$2/lo.pcap"
}

# xl_check_call RUN XLOG OURLOG FROM: the tunnel (challenge authentication
# both ways, RFC 2661 §5.1.1) and the call are established on both sides;
# FROM is the state our session leaves for established (wait-connect at an
# LNS, wait-reply at a LAC). OURLOG is shown when a check fails.
xl_check_call() {
    local run=$1 xlog=$2 ourlog=$3 from=$4
    iop_check "$run/tunnel" "established on both sides (l2tpctl show tunnel; xl2tpd: Connection established)" \
        eval 'wait_for 5 tunnel_up && iop_wait_log "$xlog" "Connection established to $OURS, 1701" 2' \
        -- "$XL_RUN_DIR/tunnel.json" "$xlog"
    iop_check "$run/tunnel-auth" "challenge/response both ways: our check of xl2tpd's, xl2tpd's of ours" \
        eval 'our_log "Tunnel Authentication success" 1 && grep -q "Challenge reply found" "$xlog" &&
              ! grep -q -i "bad challenge\|challenge.*failed" "$xlog"' -- "$ourlog" "$xlog"
    iop_check "$run/session" "ICRQ/ICRP/ICCN: established on both sides" \
        eval 'our_log "Session state change from $from to established" 3 &&
              iop_wait_log "$xlog" "Call established with $OURS" 2' -- "$ourlog" "$xlog"
}

# xl_check_cdn RUN ROLE XLOG OURLOG: xl2tpd's pppd (no /dev/ppp here) exits
# and xl2tpd clears the call with a CDN; our ROLE (LAC|LNS) takes it: the
# call and its card entry are gone. OURLOG is shown when a check fails.
xl_check_cdn() {
    local run=$1 role=$2 xlog=$3 ourlog=$4
    iop_check "$run/xl2tpd-cdn" "xl2tpd's pppd exits, xl2tpd sends CDN; our $role takes it (I CDN, call gone)" \
        eval 'iop_wait_log "$xlog" "pppd exited for call" 3 && our_log "I CDN from $XL_PEER_NAME" 3 &&
              wait_for 3 calls 0' -- "$ourlog" "$xlog"
    iop_check "$run/card-cleared" "our card's session entry is cleared" \
        eval 'ctl expect card-sessions "$XL_OUR_NAME" 0 >>"$XL_RUN_DIR/ctl.out" 2>&1' -- "$XL_RUN_DIR/ctl.out"
}

# xl_stop RUN L2TPD-OUT CAP: our l2tpd shut down through its CLI (checked:
# it ends by itself, exit status 0), then l2tpd (if still there), xl2tpd and
# the capture CAP stopped.
xl_stop() {
    ctl shutdown >/dev/null 2>&1
    iop_check "$1/l2tpd-exit" "l2tpd shuts down cleanly (exit status 0)" \
        eval 'xl_wait_exit "$L2TPD_PID" 5 && wait "$L2TPD_PID"' -- "$2"
    iop_stop "$L2TPD_PID"
    iop_stop "$XL_PID"
    sleep 1   # dumpcap reads the kernel's capture buffer in blocks: let it take the last frames
    iop_stop "$3"
}

# xl_check_no_call_wire RUN DIR: the wrong-secret run's capture: the tunnel
# was tried and stopped (SCCRQ, SCCRP, StopCCN), no call was tried.
xl_check_no_call_wire() {
    local pcap=$2/lo.pcap
    iop_tshark "$pcap" SCCRQ SCCRP StopCCN
    iop_check "$1/no-icrq" "no ICRQ on the wire" \
        eval '[ -z "$(xl_pcap_field "$pcap" "l2tp.avp.message_type == 10" frame.number)" ]' \
        -- "$pcap.tshark.err"
}
