#!/bin/sh
# Installs Debian's haproxy, the load balancer the PROXY protocol conformance rows (reactor-tck,
# dev.twine.tck.toolkit.HAProxyTest) put in front of a Twine server. The tests start their own haproxy
# in the foreground with a configuration of their own, on loopback; nothing here starts a service.
# Idempotent: a fast no-op when haproxy is there, and the package index is refreshed only when apt
# cannot find the package without it.
set -eu

if command -v haproxy >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "30-haproxy: not root and no sudo; install haproxy by hand" >&2
        exit 1
    fi
else
    SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show haproxy >/dev/null 2>&1; then
    $SUDO apt-get update
fi
$SUDO apt-get install -y --no-install-recommends haproxy
haproxy -v | head -n 1
