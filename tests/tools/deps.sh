#!/bin/sh
# Installs the Debian 12 packages the build and the tests need, and nothing else.
# Idempotent: packages already present are skipped, so `make` pays one dpkg query.
# Usage: tests/tools/deps.sh [extra-package ...]
set -eu

PKGS="build-essential pkg-config verilator yosys libpci-dev pciutils libcunit1-dev \
libpcap-dev libssl-dev zlib1g-dev tshark clang libclang-rt-dev \
iproute2 xl2tpd l2tpns freeradius freeradius-utils libradcli-dev"

missing=""
for p in $PKGS "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages:$missing" >&2
    echo "deps: run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer "no" without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
