#!/usr/bin/env bash
# Builds and tests the sample as a project outside Twine's build would be: against Twine's artifacts
# installed in a repository of its own. Twine's reactor-api, reactor-testing and the modules they pull in
# are installed into a throwaway local repository (target/m2); third-party artifacts come from the
# developer's ~/.m2 used as a read-only file mirror, so nothing is downloaded and ~/.m2 is never written.
#
#   reactor-testing/sample/run.sh      # scripts/test runs this
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/target"
repo="$work/m2"
settings="$work/settings.xml"
upstream="${TWINE_UPSTREAM_M2:-$HOME/.m2/repository}"

rm -rf "$repo"
mkdir -p "$work"
cat >"$settings" <<XML
<settings>
  <mirrors>
    <mirror>
      <id>upstream-local</id>
      <mirrorOf>*</mirrorOf>
      <url>file://$upstream</url>
    </mirror>
  </mirrors>
</settings>
XML

echo "== sample: install twine-reactor-api and twine-testing into $repo"
# shellcheck disable=SC2086
(cd "$root" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -s "$settings" -Dmaven.repo.local="$repo" \
    -pl reactor-testing -am install -DskipTests)

echo "== sample: build and test the sample against them"
# Quiet: the file mirror has no checksum files, and Maven warns about each download at length.
# shellcheck disable=SC2086
mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -s "$settings" -Dmaven.repo.local="$repo" -f "$here/pom.xml" verify
cat "$here"/target/surefire-reports/*.txt | grep '^Tests run'

# The sample must have been built against what was just installed, never against a Twine artifact
# that happened to be in the upstream repository.
if grep -rl 'upstream-local' "$repo/dev/twine" >/dev/null 2>&1; then
  echo "sample: a dev.twine artifact came from $upstream instead of this build:" >&2
  grep -rl 'upstream-local' "$repo/dev/twine" >&2
  exit 1
fi
echo "== sample: passed"
