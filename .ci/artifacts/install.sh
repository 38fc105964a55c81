#!/usr/bin/env bash
# Installs Twine's published artifacts (jars, sources and Javadoc jars, POMs, twine-bom) into a throwaway
# local repository, never into ~/.m2, where other builds resolve dev.twine artifacts.
#
#   .ci/artifacts/install.sh REPO
#
# Only dev.twine is wiped from REPO first; the third-party plugins and libraries downloaded by earlier runs
# stay, so a second run needs no network. Tests are not run (scripts/test has run them) except
# DiagnosticsTest: running one test makes Maven fetch Surefire's JUnit Platform provider into REPO, which
# the quickstart's offline build then needs.
#
# TWINE_MVN_FLAGS adds Maven flags (e.g. "-o" when REPO already holds every third-party artifact).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

repo="${1:?usage: install.sh REPO}"
mkdir -p "$repo"
rm -rf "$repo/dev/twine"
# shellcheck disable=SC2086
(cd "$root" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -Dmaven.repo.local="$repo" \
    -pl "$(unpublished_exclusions)" install \
    -Dtest=DiagnosticsTest -Dsurefire.failIfNoSpecifiedTests=false)
