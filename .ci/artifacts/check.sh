#!/usr/bin/env bash
# Checks what Twine publishes, as installed in REPO by install.sh: the promises of issue 19 that a user
# (or Maven Central) relies on.
#
#   .ci/artifacts/check.sh REPO
#
# For every published artifact: a jar, a sources jar and a Javadoc jar; a dev.twine.* module name from
# a real module descriptor; every package exported, except the ones listed in hidden_packages below; an
# entry in twine-bom. For twine-bom: it lists nothing that was not installed and has the parent's version.
# For the POMs users resolve first (twine-parent, twine-bom): name, description, url, licence, SCM,
# developers. The modules inherit the last four from twine-parent.
#
# Prints one line per artifact and exits 1 on the first run through with any failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

repo="${1:?usage: check.sh REPO}"
version="$(twine_version)"
base="$repo/dev/twine"
# Packages in a published jar that its module does not export, on purpose: none today.
hidden_packages=' '
status=0
fail() {
  echo "artifact check FAILED: $*" >&2
  status=1
}

bom="$base/twine-bom/$version/twine-bom-$version.pom"
[ -f "$bom" ] || { echo "artifact check FAILED: no twine-bom $version in $repo (is its version the parent's?)" >&2; exit 1; }
for pom in "$base/twine-parent/$version/twine-parent-$version.pom" "$bom"; do
  [ -f "$pom" ] || { fail "$pom is missing"; continue; }
  for element in name description url licenses scm developers; do
    grep -q "<$element>" "$pom" || fail "$(basename "$pom") has no <$element>"
  done
done

for dir in "$base"/*/; do
  artifact="$(basename "$dir")"
  case "$artifact" in twine-parent | twine-bom) continue ;; esac
  prefix="$dir$version/$artifact-$version"
  if grep -q '<twine.artifact.kind>test-kit</twine.artifact.kind>' "$prefix.pom" 2>/dev/null; then
    # A test kit (reactor-tck): users depend on its tests jar in test scope only; it is not a module
    # and not in twine-bom, which lists what applications depend on.
    [ -s "$prefix-tests.jar" ] || fail "$artifact: test kit without $(basename "$prefix-tests.jar")"
    echo "== $artifact: test kit, $(basename "$prefix-tests.jar") present"
    continue
  fi
  # grep -c, not grep -q: -q stops reading at its first match, and unzip, still writing, would then die of
  # SIGPIPE and fail the pipeline under pipefail (the quickstart script explains the same trap).
  if [ "$artifact" = twine-native-panama ] && [ -s "$prefix.jar" ] \
      && ! unzip -l "$prefix.jar" 2>/dev/null | grep -c '\.class$' >/dev/null; then
    # Built without a JDK 22+ (native-panama/pom.xml): an empty jar, and Twine runs on jnr-ffi.
    grep -q "<artifactId>$artifact</artifactId>" "$bom" || fail "$artifact is published but not in twine-bom"
    echo "== $artifact: SKIPPED, empty (built without a JDK 22+)"
    continue
  fi
  for jar in "$prefix.jar" "$prefix-sources.jar" "$prefix-javadoc.jar"; do
    [ -s "$jar" ] || fail "$artifact: $(basename "$jar") is missing"
  done
  [ -s "$prefix.jar" ] || continue
  description="$(jar --describe-module --file "$prefix.jar")"
  module="$(echo "$description" | grep -m 1 -oE '^[A-Za-z0-9_.]+@' | tr -d @ || true)"
  kind=descriptor
  grep -q '^No module descriptor found' <<<"$description" && kind=automatic
  case "$module" in
    dev.twine.*) ;;
    *) fail "$artifact: module name '$module' is not dev.twine.*" ;;
  esac
  [ "$kind" = descriptor ] || fail "$artifact: no module-info (only an automatic module name)"
  for package in $(echo "$description" | sed -n 's/^contains //p'); do
    case "$hidden_packages" in
      *" $package "*) ;;
      *) fail "$artifact: package $package is in the jar but not exported by $module" ;;
    esac
  done
  grep -q "<artifactId>$artifact</artifactId>" "$bom" || fail "$artifact is published but not in twine-bom"
  echo "== $artifact: module $module ($kind), sources and Javadoc jars present"
done

for listed in $(sed -n 's:.*<artifactId>\(twine-[a-z-]*\)</artifactId>.*:\1:p' "$bom"); do
  [ "$listed" = twine-bom ] && continue
  [ -d "$base/$listed" ] || fail "twine-bom lists $listed, which is not published"
done
exit "$status"
