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
