#!/usr/bin/env bash
# Smoke test: a Twine program (an echo server and client in one reactor, dev.twine.backend.iocp.smoke.
# EchoSmoke) runs on a Windows JVM under Wine with -Dtwine.reactor=iocp and completes a round trip over
# loopback. Exit status: the program's (0 = echoed); 0 with "skipping IOCP: ..." when Wine or the Windows
# JRE is unavailable.
#
#   .ci/wine/smoke.sh [backend]      # default iocp; "select" runs the same program on the JDK selector
set -euo pipefail
source "$(dirname "$0")/lib.sh"

backend="${1:-iocp}"
start=$(date +%s.%N)
wine_require
wine_classpath
wine_fresh_prefix "$cache/prefix-smoke"
status=0
wine "$java_exe" -Dtwine.reactor="$backend" -cp "$win_cp" dev.twine.backend.iocp.smoke.EchoSmoke || status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v st="$status" 'BEGIN { printf "== smoke: exit status %d, wall time %.1f s\n", st, e - s }'
exit "$status"
