#!/usr/bin/env bash
# Runs the IOCP backend's tests on a real Windows JVM under Wine:
#   - the reactor conformance suite (reactor-tck) for the backends iocp and select,
#   - the IOCP poller and Winsock socket tests (backend-iocp),
#   - the Windows binding tests, including the layout oracle run natively (native, .windows package).
#
#   .ci/wine/run-tck.sh [extra ConsoleLauncher arguments, e.g. --select-class X]
#
# JUnit's ConsoleLauncher is used instead of Surefire: Surefire's forked booter needs java.management,
# which the trimmed Windows JRE does not have. The exit status is the launcher's (0 = all passed); when
# Wine or the Windows JRE is unavailable the run is skipped with a "skipping IOCP: ..." line and status 0.
# Loopback only: every test binds 127.0.0.1 or ::1, port 0.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

start=$(date +%s.%N)
wine_require
wine_console_launcher
wine_classpath
x86_64-w64-mingw32-gcc -O1 -Wall -Werror -o "$cache/layout.exe" "$root/.ci/wine/layout.c" -lws2_32 \
  || wine_skip "cannot build the layout oracle with x86_64-w64-mingw32-gcc"
ready=$(date +%s.%N)
wine_fresh_prefix "$cache/prefix-tck"
booted=$(date +%s.%N)

selectors=(--select-package dev.twine.tck --select-package dev.twine.backend.iocp
           --select-package dev.twine.nativeio.windows)
[ $# -gt 0 ] && selectors=("$@")

status=0
wine "$java_exe" -Xmx1g \
  -Dtwine.tck.backends="${TWINE_TCK_BACKENDS:-iocp,select}" \
  -Dtwine.wine.layoutExe="Z:$cache/layout.exe" \
  -jar "Z:$launcher" execute \
  --disable-banner --disable-ansi-colors --details="${TWINE_WINE_DETAILS:-tree}" \
  --config=junit.jupiter.execution.timeout.default="${TWINE_TEST_TIMEOUT:-120s}" \
  --reports-dir="Z:$cache/reports" \
  -cp "$win_cp" \
  "${selectors[@]}" || status=$?
end=$(date +%s.%N)

echo "== IOCP under Wine: exit status $status"
if [ -f "$cache/reports/TEST-junit-jupiter.xml" ]; then
  sed -n 's:.*<testsuite [^>]*tests="\([0-9]*\)"[^>]*skipped="\([0-9]*\)"[^>]*failures="\([0-9]*\)"[^>]*errors="\([0-9]*\)".*:== tests \1, skipped \2, failures \3, errors \4:p' \
    "$cache/reports/TEST-junit-jupiter.xml" | head -n 1
fi
awk -v s="$start" -v r="$ready" -v b="$booted" -v e="$end" 'BEGIN {
  printf "== wall time %.1f s (build/classpath %.1f s, fresh prefix %.1f s, tests %.1f s)\n", e - s, r - s, b - r, e - b }'
exit "$status"
