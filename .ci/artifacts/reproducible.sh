#!/usr/bin/env bash
# Checks that two builds of one commit give byte-identical published jars (project.build.outputTimestamp
# in the root POM is what makes them so).
#
#   .ci/artifacts/reproducible.sh [COMMIT]     # default HEAD
#
# The commit is exported twice, into target/reproducible/a and .../b (two different paths, so an absolute
# path leaking into a jar is caught too), each is packaged without tests, and the sha256 of every jar of
# every published module (main, sources, Javadoc) is compared. Uses the default local repository for
# resolution only; nothing is installed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

commit="${1:-HEAD}"
work="$root/target/reproducible"
rm -rf "$work"
for build in a b; do
  mkdir -p "$work/$build"
  git -C "$root" archive "$commit" | tar -x -C "$work/$build"
  # shellcheck disable=SC2086
  (cd "$work/$build" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -DskipTests -pl "$(unpublished_exclusions)" package) \
    || { echo "reproducible builds: build $build of $commit failed" >&2; exit 1; }
  (cd "$work/$build" && for m in $(published_modules); do
     [ -d "$m/target" ] && find "$m/target" -maxdepth 1 -name '*.jar' -print0 | xargs -0 -r sha256sum
   done) | sort -k 2 > "$work/$build.sha256"
done
count="$(wc -l < "$work/a.sha256")"
[ "$count" -gt 0 ] || { echo "reproducible builds: no jars were built" >&2; exit 1; }
if ! diff -u "$work/a.sha256" "$work/b.sha256"; then
  echo "reproducible builds: two builds of $commit differ (above)" >&2
  exit 1
fi
echo "== reproducible builds: two builds of $(git -C "$root" rev-parse --short "$commit") give the same $count jars"
rm -rf "$work/a" "$work/b"
