#!/usr/bin/env bash
# Shared helpers for the interop pairings (tests/interop/pair-*.sh): network
# namespaces and processes that are always cleaned up, PASS/FAIL lines with
# the peer's log excerpt, waiting for a log line, and the tshark check every
# pcap must pass. Source it; it installs an EXIT trap that undoes everything
# the pairing made, even when a check fails or the script is interrupted.
#
# Every pairing runs its peers inside network namespaces it creates (named
# l2tpi-<pairing>-<pid>-<name>), so nothing it starts can clash with a
# daemon the package install may have started on the host, and nothing of
# the host's network is touched.

set -u
IOP_NAME=${IOP_NAME:-$(basename "$0" .sh)}
IOP_FAILS=0
IOP_NETNS=()
IOP_PIDS=()
IOP_MOUNTS=()

iop_cleanup() {
    local pid ns m
    # A second INT/TERM (timeout signals the script and its group, a user
    # presses Ctrl-C twice) would run `exit` inside this trap and leave
    # peers and namespaces behind: finish the cleanup first.
    trap '' INT TERM
    for pid in "${IOP_PIDS[@]}"; do
        # Processes were started with setsid: signal the whole group (l2tpns
        # and pppd stand-ins fork), then make sure they are gone.
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${IOP_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for m in "${IOP_MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done
    # `ns=$(iop_netns X)` records X in a subshell only: find every namespace
    # of this run by its name prefix as well.
    local all
    all=$( (printf '%s\n' "${IOP_NETNS[@]}"; ip netns list 2>/dev/null | awk '{print $1}' |
        grep -F "l2tpi-${IOP_NAME}-$$-") | sort -u)
    for ns in $all; do
        # Anything still running in the namespace goes with it.
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
        ip netns delete "$ns" 2>/dev/null
    done
    # A namespace made as ns=$(iop_netns X) was recorded in that command
    # substitution's subshell, not here: find those by their name's prefix.
    for ns in $(ip netns list 2>/dev/null | awk -v p="l2tpi-${IOP_NAME}-$$-" 'index($1, p) == 1 {print $1}'); do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
        ip netns delete "$ns" 2>/dev/null
    done
    IOP_PIDS=() IOP_NETNS=() IOP_MOUNTS=()
}
trap iop_cleanup EXIT
trap 'exit 130' INT TERM

# iop_need_root: interop needs namespaces; say what to run otherwise.
iop_need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "FAIL $IOP_NAME: needs root (network namespaces, peers' daemons): run 'sudo make interop'"
        exit 1
    fi
}

# iop_need_cmd CMD...: every command must exist (the deps script installs them).
iop_need_cmd() {
    local c
    for c in "$@"; do
        if ! command -v "$c" >/dev/null 2>&1; then
            echo "FAIL $IOP_NAME: '$c' not found: run 'sudo tests/tools/deps.sh'"
            exit 1
        fi
    done
}

# iop_netns NAME: create a namespace with lo up; prints its full name.
iop_netns() {
    local ns="l2tpi-${IOP_NAME}-$$-$1"
    # To stderr too: `ns=$(iop_netns X)` would swallow the line (and its exit).
    ip netns add "$ns" || { echo "FAIL $IOP_NAME: ip netns add $ns failed" | tee /dev/stderr; exit 1; }
    IOP_NETNS+=("$ns")
    ip -n "$ns" link set lo up
    echo "$ns"
}

# iop_spawn LOGFILE CMD...: start CMD in its own session (setsid) with
# stdout+stderr to LOGFILE; its pid is in IOP_LAST_PID and it is killed,
# with its process group, at exit. Use `ip netns exec NS CMD` as CMD to run
# it in a namespace.
iop_spawn() {
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 </dev/null &
    IOP_LAST_PID=$!
    IOP_PIDS+=("$IOP_LAST_PID")
}

# iop_mount_note DIR: remember a mount point to detach at exit.
iop_mount_note() { IOP_MOUNTS+=("$1"); }

# iop_wait_log FILE REGEX SECONDS: wait until FILE has a line matching the
# extended REGEX; 0 when it does, 1 on timeout.
iop_wait_log() {
    local file=$1 re=$2 secs=$3 i
    for ((i = 0; i < secs * 10; i++)); do
        grep -q -E -- "$re" "$file" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# iop_pass CHECK TEXT / iop_fail CHECK TEXT [LOGFILE...]: one line per check;
# a failure adds the last lines of each log given, indented.
iop_pass() { echo "PASS $IOP_NAME/$1: $2"; }
iop_fail() {
    local check=$1 text=$2 f
    shift 2
    echo "FAIL $IOP_NAME/$check: $text"
    for f in "$@"; do
        [ -s "$f" ] || continue
        echo "     --- $f (last lines)"
        tail -n 12 "$f" | sed 's/^/     | /'
    done
    IOP_FAILS=$((IOP_FAILS + 1))
}

# iop_check CHECK TEXT CONDITION-CMD... [-- LOGFILE...]: PASS when the
# command succeeds, FAIL (with the logs) when it does not.
iop_check() {
    local check=$1 text=$2 cmd=() logs=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    logs=("$@")
    if "${cmd[@]}"; then iop_pass "$check" "$text"; else iop_fail "$check" "$text" "${logs[@]}"; fi
}

# iop_tshark PCAP [MSGTYPE...]: the pcap is dissected with no malformed
# packet and no expert error, and each L2TP control message type named
# (SCCRQ, ICCN, CDN, ...) is present (tests/tools/tshark-check.sh, the check
# the demo and the scenarios use too). Prints one PASS/FAIL line.
iop_tshark() {
    local pcap=$1 line
    shift
    if line=$(tests/tools/tshark-check.sh "$pcap" "$@"); then
        iop_pass tshark "${line#"$(dirname "$pcap")/"}"
    else
        iop_fail tshark "${line#"$(dirname "$pcap")/"}" "$pcap.tshark.err"
    fi
}

# iop_capture NS IFACE PCAP: capture UDP port 1701 in NS on IFACE to PCAP
# until exit (tshark's dumpcap, killed at cleanup; flushed on TERM).
iop_capture() {
    local ns=$1 ifc=$2 pcap=$3
    iop_spawn "$pcap.dumpcap.log" ip netns exec "$ns" dumpcap -q -i "$ifc" -f "udp port 1701" -w "$pcap"
    IOP_CAPTURE_PID=$IOP_LAST_PID
    sleep 0.5 # dumpcap opens the interface before the first packet is sent
}

# iop_stop PID: TERM a spawned process group and wait for it (a capture must
# be stopped, so its pcap is complete, before iop_tshark reads it).
iop_stop() {
    local pid=$1
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    wait "$pid" 2>/dev/null
    return 0
}

# iop_finish: the pairing's exit status.
iop_finish() {
    [ "$IOP_FAILS" -eq 0 ]
}
