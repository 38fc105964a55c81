# Shared by the .ci/wine scripts (sourced, not run): locating Wine and the Windows JRE, a fresh
# WINEPREFIX under the build directory, and the Windows class path of the compiled modules.
#
# Skipping: when Wine or the Windows JRE cannot be had, the scripts print "skipping IOCP: ..." and exit 0,
# so a machine without them still passes scripts/test (the IOCP backend is then simply not exercised).
#
# Environment: TWINE_MVN_FLAGS adds Maven flags (e.g. "-o" to stay offline); TWINE_WINE_CACHE moves the
# cache (default: target/wine at the checkout root).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${TWINE_WINE_CACHE:-$root/target/wine}"

wine_skip() {
  echo "skipping IOCP: $*" >&2
  exit 0
}

# Sets java_exe, or skips.
wine_require() {
  command -v wine >/dev/null 2>&1 || wine_skip "wine is not installed (run .ci/setup.d/40-wine.sh)"
  local status=0
  java_exe="$("$root/.ci/wine/windows-jre.sh")" || status=$?
  if [ "$status" = 3 ]; then
    exit 0 # windows-jre.sh already printed the "skipping IOCP: ..." reason
  elif [ "$status" != 0 ]; then
    echo "windows-jre.sh failed with status $status" >&2
    exit "$status"
  fi
}

# Creates a fresh WINEPREFIX at $1 and exports the Wine environment.
wine_fresh_prefix() {
  export WINEPREFIX="$1"
  export WINEDEBUG=-all
  export WINEDLLOVERRIDES="mscoree,mshtml="
  # Only this prefix's own wineserver (if a previous run left one) is stopped.
  [ -d "$WINEPREFIX" ] && wineserver -k >/dev/null 2>&1 || true
  rm -rf "$WINEPREFIX"
  mkdir -p "$(dirname "$WINEPREFIX")"
  wine wineboot --init >/dev/null 2>&1 || true
}

# Compiles what is not compiled yet (a no-op after "mvn package" or "mvn test-compile") and sets
# win_cp: every module's classes and test classes plus the third-party jars, as a ';'-separated list of
# Z: paths (Wine maps Z: to the Unix root). JUnit's own jars are left out: the console launcher has them.
# reactor-api's test classes are the shared test fixtures (dev.twine.testfixtures) that the IOCP, native
# and conformance tests use; Maven lists them as the reactor-api test-jar, which the reactor resolves to
# the same reactor-api/target/test-classes directory the loop below adds, so that entry is not repeated.
wine_classpath() {
  local deps="$cache/deps.txt"
  mkdir -p "$cache"
  # shellcheck disable=SC2086
  (cd "$root" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -pl reactor-tck -am test-compile \
      dependency:build-classpath -Dmdep.outputFile="$deps" -Dmdep.includeScope=test) >&2
  local entries=()
  local m
  for m in "$root"/*/pom.xml; do
    m="$(dirname "$m")"
    [ -d "$m/target/classes" ] && entries+=("$m/target/classes")
    [ -d "$m/target/test-classes" ] && entries+=("$m/target/test-classes")
  done
  local e
  while IFS= read -r e; do
    case "$e" in
      "" | "$root"/*/target/classes | "$root"/*/target/test-classes) ;;
      */org/junit/* | */org/opentest4j/* | */org/apiguardian/*) ;;
      *) entries+=("$e") ;;
    esac
  done < <(tr ':' '\n' < "$deps")
  win_cp=""
  for e in "${entries[@]}"; do
    win_cp="${win_cp:+$win_cp;}Z:$e"
  done
}

# Sets launcher: the JUnit console launcher jar, at the version the parent pom manages.
wine_console_launcher() {
  local version
  version="$(sed -n 's:.*<junit-platform.version>\(.*\)</junit-platform.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
  [ -n "$version" ] || { echo "cannot read junit-platform.version from pom.xml" >&2; exit 1; }
  launcher="$cache/lib/junit-platform-console-standalone-$version.jar"
  if [ ! -f "$launcher" ]; then
    # shellcheck disable=SC2086
    (cd "$root" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -N dependency:copy \
        -Dartifact="org.junit.platform:junit-platform-console-standalone:$version" \
        -DoutputDirectory="$cache/lib") >&2
  fi
}
