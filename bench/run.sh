#!/usr/bin/env bash
# One command: build Twine and the benchmarks, run every JMH benchmark on every stack this machine
# has (Twine's backends, Netty epoll and NIO) with -prof gc, measure heap per idle connection, and
# write bench/results/<date>/{report.json,report.md,chart.png} plus JMH's own jmh-result.json.
#
#   bench/run.sh                  quick mode (about 10-15 minutes on 2 cores)
#   bench/run.sh --full           2 forks, longer iterations, 10k and 19k idle connections
#   bench/run.sh --include Echo   only benchmarks whose name matches the regex
#   bench/run.sh --idle none      skip the idle-connection probe (or --idle 5000,10000)
#
# Needs a JDK 17+ and Maven 3.8+. Nothing else: the load-generator comparison is side-by-side.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

stamp="$(date +%Y-%m-%d_%H%M%S)"
out="$here/results/$stamp"

echo "== building (mvn package, tests skipped)"
# Offline first (the shared local repository normally has everything); online once if it does not.
if ! mvn -q -B -o -pl bench -am package -DskipTests; then
    mvn -q -B -pl bench -am package -DskipTests
fi

# The idle-connection probe needs ~19k descriptors per process with --full; raise the soft limit
# to the hard one (20k on the reference machine) where the shell allows it.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$root" diff --quiet 2>/dev/null; then
    commit="$commit+dirty"
fi

echo "== running the suite into $out (load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a))"
mkdir -p "$out"
java -Xmx1g -Djava.awt.headless=true -Dbench.commit="$commit" \
    -cp "$here/target/benchmarks.jar" dev.twine.bench.report.Suite --out "$out" "$@" 2>&1 | tee "$out/run.log"

echo "== done: $out/report.md, $out/report.json, $out/chart.png"
