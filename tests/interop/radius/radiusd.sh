#!/usr/bin/env bash
# FreeRADIUS test server for the interop pairings.
#
#   tests/interop/radius/radiusd.sh start NS ADDR OUTDIR   # NS "-": no namespace
#   tests/interop/radius/radiusd.sh stop OUTDIR
#
# or, from a pairing that sourced tests/interop/lib.sh:
#
#   . tests/interop/radius/radiusd.sh
#   radius_start NS ADDR OUTDIR     # spawned with iop_spawn: cleaned up at exit
#   radius_stop OUTDIR
#
# start generates a minimal raddb into OUTDIR/raddb from the templates
# next to this script, runs `freeradius -X -d OUTDIR/raddb` in NS bound to
# ADDR:1812 (auth) and ADDR:1813 (acct), and waits for "Ready to process
# requests" (exit 1 with the log's tail if it does not come). Its log is
# OUTDIR/radiusd.log, accounting records OUTDIR/radacct/detail.
# Environment (defaults in brackets):
#   RAD_SECRET [testing123]      shared secret of every client
#   RAD_CLIENTNET [10.0.0.0/8]   clients besides 127.0.0.0/8
#   RAD_LNS1 [10.51.6.82]        LNS of tag 1 (preference 1) for dnis:614629
#   RAD_LNS2 [10.51.6.83]        LNS of tag 2 (preference 2)
#   RAD_FRAMED_IP [10.10.53.2]   Framed-IP-Address of user 2500-1

RADIUS_FIXTURE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# radius_gen ADDR OUTDIR: the raddb from the templates.
radius_gen() {
    local addr=$1 out=$2 f
    mkdir -p "$out/raddb" "$out/log" "$out/run" "$out/radacct"
    for f in radiusd.conf clients.conf users; do
        sed -e "s|@OUT@|$out|g" -e "s|@ADDR@|$addr|g" \
            -e "s|@SECRET@|${RAD_SECRET:-testing123}|g" \
            -e "s|@CLIENTNET@|${RAD_CLIENTNET:-10.0.0.0/8}|g" \
            -e "s|@LNS1@|${RAD_LNS1:-10.51.6.82}|g" \
            -e "s|@LNS2@|${RAD_LNS2:-10.51.6.83}|g" \
            -e "s|@FRAMED_IP@|${RAD_FRAMED_IP:-10.10.53.2}|g" \
            "$RADIUS_FIXTURE_DIR/$f.in" >"$out/raddb/$f" || return 1
    done
    chmod -R go-w "$out/raddb"
}

# radius_wait_ready OUTDIR PID: 0 once the server says it is ready.
radius_wait_ready() {
    local out=$1 pid=$2 i
    for ((i = 0; i < 100; i++)); do
        grep -q 'Ready to process requests' "$out/radiusd.log" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "radiusd.sh: FreeRADIUS did not become ready (log $out/radiusd.log):" >&2
    tail -n 15 "$out/radiusd.log" >&2
    return 1
}

# radius_start NS ADDR OUTDIR: generate, start, wait until ready.
radius_start() {
    local ns=$1 addr=$2 out cmd=()
    mkdir -p "$3" && out=$(cd "$3" && pwd)
    radius_gen "$addr" "$out" || return 1
    [ "$ns" != "-" ] && cmd=(ip netns exec "$ns")
    cmd+=(freeradius -X -d "$out/raddb")
    if declare -F iop_spawn >/dev/null; then
        iop_spawn "$out/radiusd.log" "${cmd[@]}"
        RADIUS_PID=$IOP_LAST_PID
    else
        setsid "${cmd[@]}" >"$out/radiusd.log" 2>&1 </dev/null &
        RADIUS_PID=$!
    fi
    echo "$RADIUS_PID" >"$out/run/fixture.pid"
    radius_wait_ready "$out" "$RADIUS_PID"
}

# radius_stop OUTDIR: TERM the server (and its process group), wait.
radius_stop() {
    local out=$1 pid
    pid=$(cat "$out/run/fixture.pid" 2>/dev/null) || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null
    rm -f "$out/run/fixture.pid"
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case ${1:-} in
    start) [ $# -eq 4 ] || { echo "usage: $0 start NS ADDR OUTDIR" >&2; exit 2; }
           radius_start "$2" "$3" "$4" ;;
    stop)  [ $# -eq 2 ] || { echo "usage: $0 stop OUTDIR" >&2; exit 2; }
           radius_stop "$2" ;;
    *) echo "usage: $0 start NS ADDR OUTDIR | stop OUTDIR" >&2; exit 2 ;;
    esac
fi
