#!/usr/bin/env bash
# Runs the unit tests of every module and the conformance suite (reactor-tck) on the JDK at JAVA_HOME
# given as the argument: the second row of the JDK matrix (the first is scripts/test's own "mvn verify" on
# the default JDK). examples (process tests of the tutorial programs) and bench are left to the first row.
#
#   .ci/jdk/test.sh JAVA_HOME
#
# On JDK 22+ it runs twice: everything on the Panama binding, then the conformance suite on jnr-ffi
# (-Dtwine.native=jnr), and prints one row per native backend x binding.
#
# Prints one summary line per module; on a failure, the end of Maven's output.
set -euo pipefail
source "$(dirname "$0")/../artifacts/lib.sh"

home="${1:?usage: test.sh JAVA_HOME}"
log="$root/target/jdk-$(basename "$home").log"
mkdir -p "$root/target"
status=0
summarize() { # the per-module summary of a Maven log
  # "Building NAME" opens a module's section; its last "Tests run:" line without " in " is its total.
  awk '/^\[INFO\] Building / { sub(/^\[INFO\] Building /, ""); sub(/ [0-9][^ ]*( +\[[0-9\/]+\])?$/, ""); module = $0 }
       /Tests run: [0-9]+, Failures/ && !/ -- in / { line[module] = $0; sub(/^\[[A-Z]+\] /, "", line[module]) }
       END { for (m in line) printf "   %-45s %s\n", m, line[m] }' "$1" | sort
}
conformance_rows() { # one line per native backend of the conformance suite's reports: test cases that ran on it
  local binding="$1" reports="$root/reactor-tck/target/surefire-reports" b
  for b in epoll kqueue-darwin-shim kqueue-freebsd-shim; do
    cat "$reports"/TEST-*.xml 2>/dev/null | awk -v b="$b" -v binding="$binding" '
      /<testcase / { name = $0; sub(/.*<testcase name="/, "", name); sub(/".*/, "", name)
                     cur = (index(name, "[" b "]") || index(name, "=" b ",") || index(name, "=" b "]")) ; if (cur) n++ ; next }
      cur && /<(failure|error)[ >]/ { f++; cur = 0 }
      cur && /<skipped/ { s++; cur = 0 }
      END { printf "   conformance %-22s x %-6s %5d test cases, %d failed, %d skipped\n", b, binding, n, f, s }'
  done
}

# Pass 1: every module's unit tests and the whole conformance suite, on the binding chosen for this JDK
# (Panama from JDK 22 on). -Dtwine.native is left unset because native's own tests run without the Panama
# artifact; -Dtwine.expect.native makes the conformance suite fail if the automatic choice is not the
# expected one (dev.twine.tck.NativeBindingInUseTest). Pass 2 (JDK 22+ only): the conformance suite again, forced onto jnr-ffi, so that every
# native backend runs once per binding.
feature="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
first_binding=jnr
[ "${feature%%.*}" -ge 22 ] 2>/dev/null && first_binding=panama
# shellcheck disable=SC2086
(cd "$root" && JAVA_HOME="$home" mvn -B -ntp ${TWINE_MVN_FLAGS:-} -pl '!examples,!bench' -Dtwine.expect.native="$first_binding" test) >"$log" 2>&1 || status=$?
echo "   -- binding $first_binding: every module"
summarize "$log"
conformance_rows "$first_binding"
if [ "$status" = 0 ] && [ "$first_binding" = panama ]; then
  log2="$root/target/jdk-$(basename "$home")-jnr.log"
  # shellcheck disable=SC2086
  (cd "$root" && JAVA_HOME="$home" mvn -B -ntp ${TWINE_MVN_FLAGS:-} -pl reactor-tck -am -Dtwine.native=jnr -Dtwine.expect.native=jnr \
      -Dtest='dev.twine.tck.**' -Dsurefire.failIfNoSpecifiedTests=false test) >"$log2" 2>&1 || status=$?
  echo "   -- binding jnr: the conformance suite"
  summarize "$log2" | grep -i conformance || true
  conformance_rows jnr
  [ "$status" = 0 ] || log="$log2"
elif [ "$first_binding" = jnr ]; then
  echo "   (JDK $feature < 22: the Panama binding's rows are skipped)"
fi
if [ "$status" != 0 ]; then
  tail -n 80 "$log"
  echo "tests on $home failed (full log: $log)" >&2
fi
exit "$status"
