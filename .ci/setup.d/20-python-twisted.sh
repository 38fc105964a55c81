#!/bin/sh
# Installs Debian's python3-twisted, which the examples' interoperability tests run against (the Python
# peers in examples/python/). Idempotent: a fast no-op when Twisted already imports, and the package
# index is refreshed only when apt cannot find the package without it.
set -eu

# Debian's package installs into the system interpreter; a python3 earlier on PATH (pyenv, a venv)
# would not see it, so the check and the tests use /usr/bin/python3.
PY=/usr/bin/python3

if [ -x "$PY" ] && "$PY" -c 'import twisted' >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "20-python-twisted: not root and no sudo; install python3-twisted by hand" >&2
        exit 1
    fi
else
    SUDO=
fi

export DEBIAN_FRONTEND=noninteractive
# An image whose package lists were cleaned has no candidate for the package: refresh them once.
if ! apt-cache show python3-twisted >/dev/null 2>&1; then
    $SUDO apt-get update
fi
$SUDO apt-get install -y --no-install-recommends python3-twisted

"$PY" -c 'import twisted; print("python3-twisted", twisted.__version__)'
