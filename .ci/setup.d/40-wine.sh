#!/usr/bin/env bash
# Installs what the IOCP backend's Wine run needs: Debian's Wine (64-bit only) and the mingw-w64 C
# compiler that builds the layout oracle (.ci/wine/layout.c). Idempotent: a fast no-op when present.
#
# No X server and no wine32 are needed; Debian's wine package has no `wine64` command, `wine` runs
# 64-bit programs (see docs/native.md §7.1).
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if have wine && have x86_64-w64-mingw32-gcc; then
  echo "wine and mingw-w64 already present: $(wine --version 2>/dev/null)"
  exit 0
fi

if ! have apt-get; then
  echo "40-wine: no apt-get here; install wine and gcc-mingw-w64-x86-64 yourself to run the IOCP suite" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  if have sudo; then sudo="sudo"; else
    echo "40-wine: not root and no sudo; skipping the Wine install (the IOCP suite will be skipped)" >&2
    exit 0
  fi
fi

$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
  wine wine64 gcc-mingw-w64-x86-64
echo "installed: $(wine --version 2>/dev/null), $(x86_64-w64-mingw32-gcc --version | head -1)"
