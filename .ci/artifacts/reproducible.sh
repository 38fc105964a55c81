#!/usr/bin/env bash
# Checks that two builds of one commit give byte-identical published jars (project.build.outputTimestamp
# in the root POM is what makes them so).
#
#   .ci/artifacts/reproducible.sh               # two builds of HEAD
#   .ci/artifacts/reproducible.sh --reuse-tree  # one build of HEAD, compared with the checkout's own jars
#
# A build exports HEAD (git archive) into target/reproducible/NAME and packages the published modules
# without tests; then the sha256 of every jar of every published module (main, sources, Javadoc) is
# compared. The two builds run in different directories, so an absolute path leaking into a jar is caught.
#
# --reuse-tree is what scripts/test uses, to keep the check to one extra build: the first "build" is the
# checkout itself, whose jars scripts/test has just built. It applies only when no tracked file differs
# from HEAD; otherwise two exports are built as without it. Uses the default local repository for
# resolution only; nothing is installed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

reuse=0
[ "${1:-}" = "--reuse-tree" ] && reuse=1
commit="$(git -C "$root" rev-parse --short HEAD)"
work="$root/target/reproducible"
rm -rf "$work"
mkdir -p "$work"

hashes() { # DIR: sha256 of every published jar under DIR, sorted by path
  (cd "$1" && for m in $(published_modules); do
     [ -d "$m/target" ] && find "$m/target" -maxdepth 1 -name '*.jar' -print0 | xargs -0 -r sha256sum
   done) | sort -k 2
}

build() { # NAME: exports HEAD into $work/NAME and packages it
  mkdir -p "$work/$1"
  git -C "$root" archive HEAD | tar -x -C "$work/$1"
  # shellcheck disable=SC2086
  (cd "$work/$1" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -DskipTests -pl "$(unpublished_exclusions)" package) \
    || { echo "reproducible builds: build $1 of $commit failed" >&2; exit 1; }
}

if [ "$reuse" = 1 ] && git -C "$root" diff --quiet HEAD -- && [ -n "$(hashes "$root")" ]; then
  first="this checkout"
  hashes "$root" > "$work/a.sha256"
else
  [ "$reuse" = 1 ] && echo "reproducible builds: tracked files differ from HEAD, so HEAD is built twice"
  first="an export"
  build a
  hashes "$work/a" > "$work/a.sha256"
fi
build b
hashes "$work/b" > "$work/b.sha256"

count="$(wc -l < "$work/a.sha256")"
[ "$count" -gt 0 ] || { echo "reproducible builds: no jars were built" >&2; exit 1; }
if ! diff -u "$work/a.sha256" "$work/b.sha256"; then
  echo "reproducible builds: two builds of $commit ($first, and an export) differ (above)" >&2
  exit 1
fi
echo "== reproducible builds: two builds of $commit ($first, and an export) give the same $count jars"
rm -rf "$work/a" "$work/b"
