#!/usr/bin/env bash
# Runs the unit tests of every module and the conformance suite (reactor-tck) on the JDK at JAVA_HOME
# given as the argument: the second row of the JDK matrix (the first is scripts/test's own "mvn verify" on
# the default JDK). examples (process tests of the tutorial programs) and bench are left to the first row.
#
#   .ci/jdk/test.sh JAVA_HOME
#
# Prints one summary line per module; on a failure, the end of Maven's output.
set -euo pipefail
source "$(dirname "$0")/../artifacts/lib.sh"

home="${1:?usage: test.sh JAVA_HOME}"
log="$root/target/jdk-$(basename "$home").log"
mkdir -p "$root/target"
status=0
# shellcheck disable=SC2086
(cd "$root" && JAVA_HOME="$home" mvn -B -ntp ${TWINE_MVN_FLAGS:-} -pl '!examples,!bench' test) >"$log" 2>&1 || status=$?
# "Building NAME" opens a module's section; its last "Tests run:" line without " in " is its total.
awk '/^\[INFO\] Building / { sub(/^\[INFO\] Building /, ""); sub(/ [0-9][^ ]*( +\[[0-9\/]+\])?$/, ""); module = $0 }
     /Tests run: [0-9]+, Failures/ && !/ -- in / { line[module] = $0; sub(/^\[[A-Z]+\] /, "", line[module]) }
     END { for (m in line) printf "   %-45s %s\n", m, line[m] }' "$log" | sort
if [ "$status" != 0 ]; then
  tail -n 80 "$log"
  echo "tests on $home failed (full log: $log)" >&2
fi
exit "$status"
