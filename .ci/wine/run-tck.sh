#!/usr/bin/env bash
# Runs the IOCP backend's tests on a real Windows JVM under Wine:
#   - the reactor conformance suite (reactor-tck) for the iocp backend,
#   - the IOCP poller and Winsock socket tests (backend-iocp),
#   - the Windows binding tests, including the layout oracle run natively (native, .windows package).
#
#   .ci/wine/run-tck.sh [extra ConsoleLauncher arguments, e.g. --select-class X]
#
# JUnit's ConsoleLauncher is used instead of Surefire: Surefire's forked booter needs java.management,
# which the trimmed Windows JRE does not have. Everything is on the JVM's own class path (not the
# launcher's --class-path), so tests that start a child JVM with java.class.path get the same classes. The exit status is the launcher's (0 = all passed); when
# Wine or the Windows JRE is unavailable the run is skipped with a "skipping IOCP: ..." line and status 0.
# Loopback only: every test binds 127.0.0.1 or ::1, port 0.
#
# TWINE_TCK_BACKENDS (default "iocp") sets -Dtwine.tck.backends. The select backend is not in the default:
# under Wine 8 the JDK's own Windows selector (sun.nio.ch.WEPoll) intermittently corrupts the native heap
# (EXCEPTION_ACCESS_VIOLATION in ntdll heap_free_block, one run in three or four, also with backend-iocp
# removed from the class path), which kills the whole JVM and every iocp result with it. select is
# tested natively on Linux by "mvn verify"; TWINE_TCK_BACKENDS=iocp,select adds it here, with the
# server x client pairs, when that is wanted. TWINE_TEST_TIMEOUT bounds each test (default 120s).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

start=$(date +%s.%N)
rm -rf "$cache/reports"
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
wine "$java_exe" -Xmx1g -XX:ErrorFile="Z:$cache/hs_err_pid%p.log" \
  -Dtwine.tck.backends="${TWINE_TCK_BACKENDS:-iocp}" \
  -Dtwine.wine.layoutExe="Z:$cache/layout.exe" \
  -cp "Z:$launcher;$win_cp" org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --disable-ansi-colors --details="${TWINE_WINE_DETAILS:-tree}" \
  --config=junit.jupiter.execution.timeout.default="${TWINE_TEST_TIMEOUT:-120s}" \
  --reports-dir="Z:$cache/reports" \
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
