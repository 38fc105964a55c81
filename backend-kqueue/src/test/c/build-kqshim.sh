#!/bin/sh
# Builds Twine's kqueue EMULATION (kqshim.c: kqueue/kevent on Linux epoll, for tests only) in one ABI.
#
#   build-kqshim.sh darwin|freebsd OUTDIR
#
# Writes OUTDIR/libkqshim-<abi>.so (rebuilt only when kqshim.c or this script is newer) and prints its path.
# Exit status 3 means no C compiler was found ($CC, default gcc); the Java test helpers turn that into
# a skipped test with that reason. Linux only: the emulation is built on epoll and eventfd.
set -eu

abi=${1:?usage: build-kqshim.sh darwin|freebsd OUTDIR}
out=${2:?usage: build-kqshim.sh darwin|freebsd OUTDIR}
case "$abi" in
  darwin) define=KQSHIM_ABI_DARWIN ;;
  freebsd) define=KQSHIM_ABI_FREEBSD ;;
  *) echo "unknown ABI '$abi' (expected darwin or freebsd)" >&2; exit 2 ;;
esac

src=$(cd "$(dirname "$0")" && pwd)/kqshim.c
mkdir -p "$out"
lib=$(cd "$out" && pwd)/libkqshim-$abi.so
if [ -e "$lib" ] && [ ! "$src" -nt "$lib" ] && [ ! "$0" -nt "$lib" ]; then
  echo "$lib"
  exit 0
fi

cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "no C compiler: '$cc' is not on PATH" >&2
  exit 3
fi
# Compile to a temporary name and rename, so a concurrent reader never sees half a library.
tmp=$lib.tmp.$$
"$cc" -std=gnu11 -O2 -g -fPIC -shared -fvisibility=hidden -Wall -Wextra -D"$define" \
  -o "$tmp" "$src" -lpthread
mv -f "$tmp" "$lib"
echo "$lib"
