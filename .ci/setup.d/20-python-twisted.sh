#!/bin/sh
# Installs Debian's python3-twisted, which the examples' interoperability tests run against (the Python
# peers in examples/python/), with python3-openssl and python3-service-identity for Twisted's TLS, and
# the openssl command, which the TLS interoperability rows (reactor-tck, dev.twine.tck.tls) run as a
# peer. Idempotent: a fast no-op when all of them are there, and the package index is refreshed only when
# apt cannot find a package without it.
set -eu

# Debian's package installs into the system interpreter; a python3 earlier on PATH (pyenv, a venv)
# would not see it, so the check and the tests use /usr/bin/python3.
PY=/usr/bin/python3

PACKAGES="python3-twisted python3-openssl python3-service-identity openssl"

if [ -x "$PY" ] && "$PY" -c 'import twisted, OpenSSL, service_identity' >/dev/null 2>&1 \
        && command -v openssl >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "20-python-twisted: not root and no sudo; install $PACKAGES by hand" >&2
        exit 1
    fi
else
    SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
# An image whose package lists were cleaned has no candidate for the packages: refresh them once.
for p in $PACKAGES; do
    if ! apt-cache show "$p" >/dev/null 2>&1; then
        $SUDO apt-get update
        break
    fi
done
# shellcheck disable=SC2086 # the list is meant to split into words
$SUDO apt-get install -y --no-install-recommends $PACKAGES

"$PY" -c 'import twisted, OpenSSL; print("python3-twisted", twisted.__version__, "pyOpenSSL", OpenSSL.__version__)'
openssl version
