#!/usr/bin/env bash
# Builds and runs samples/quickstart exactly as a user's project: against Twine's artifacts as installed in
# a Maven repository, never against the reactor build.
#
#   .ci/quickstart/run.sh [JAVA_HOME...]
#
# 1. Installs Twine's published artifacts into a throwaway repository (target/quickstart-m2 unless
#    TWINE_QUICKSTART_REPO says otherwise) and checks them (.ci/artifacts/check.sh).
# 2. Fetches the sample's own third-party plugins and libraries into that repository, then builds the
#    sample OFFLINE against it: every dev.twine coordinate must resolve from what step 1 installed. The
#    sample's test runs the echo exchange on every available backend, on the module path.
# 3. Runs the program on the module path (java -p target/modules -m ...) once per backend this machine
#    has, and once with no backend named, on the default java and on each JAVA_HOME given as an argument,
#    with the README's --enable-native-access flag, and checks its output: the echo, the backend, and no
#    restricted-method warning.
# 4. Builds the sample again with its without-jnr profile (twine-native-jnr excluded, so no jnr-ffi, jffi or
#    ASM jar), checks the exclusion took, and runs it on the module path: on each JDK 22+ it must use epoll
#    on the Panama binding, load no jnr-ffi or jffi class and print no warning; on an older JDK it must
#    refuse to start, saying that no native binding can load and that jnr-ffi is missing.
set -euo pipefail
source "$(dirname "$0")/../artifacts/lib.sh"

repo="${TWINE_QUICKSTART_REPO:-$root/target/quickstart-m2}"
version="$(twine_version)"
sample="$root/samples/quickstart"

echo "== quickstart: installing Twine $version into $repo"
"$root/.ci/artifacts/install.sh" "$repo"
"$root/.ci/artifacts/check.sh" "$repo"

echo "== quickstart: building samples/quickstart offline against $repo"
# shellcheck disable=SC2086
mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -f "$sample/pom.xml" -Dmaven.repo.local="$repo" -Dtwine.version="$version" \
  dependency:go-offline >/dev/null
# The reactor logs each port and factory to standard error; shown only when the build fails.
build_log="$(mvn -B -ntp -q -o -f "$sample/pom.xml" -Dmaven.repo.local="$repo" -Dtwine.version="$version" \
  clean verify 2>&1)" || { echo "$build_log"; echo "quickstart: the sample's offline build failed" >&2; exit 1; }
tests="$(sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)".*/\1/p' "$sample"/target/surefire-reports/TEST-*.xml | head -n 1)"
echo "== quickstart: the sample's own tests passed ($tests tests, module path)"

run() { # JAVA [JVM options...] -- runs the sample on the module path
  local java="$1"
  shift
  "$java" "$@" -p "$sample/target/modules" -m com.example.quickstart/com.example.quickstart.QuickStart
}

javas=("$(command -v java)")
for home in "$@"; do javas+=("$home/bin/java"); done
for java in "${javas[@]}"; do
  jdk="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
  backends=()
  while IFS= read -r b; do backends+=("$b"); done < <("$java" -p "$sample/target/modules" \
      -m com.example.quickstart/com.example.quickstart.QuickStart --backends 2>/dev/null)
  [ "${#backends[@]}" -gt 0 ] || { echo "quickstart on Java $jdk: no backend available" >&2; exit 1; }
  for backend in "${backends[@]}" default; do
    # The README's native-access flag, with the module name it gives: JDK 24+ must then print no
    # restricted-method warning (JDK 17 accepts the flag and has nothing to warn about).
    # Both bindings' modules: Panama's on JDK 22+, jffi's JNI library on 17-21.
    opts=(--enable-native-access=dev.twine.nativeio.panama,org.jnrproject.jffi)
    [ "$backend" = default ] || opts+=("-Dtwine.reactor=$backend")
    out="$(run "$java" "${opts[@]}" 2>&1)" || { echo "$out"; echo "quickstart ($backend, Java $jdk) failed" >&2; exit 1; }
    if grep -q 'WARNING: A restricted method' <<<"$out"; then
      echo "$out"
      echo "quickstart ($backend, Java $jdk): --enable-native-access did not cover the native calls" >&2
      exit 1
    fi
    grep -qx 'Server said: hello, world' <<<"$out" \
      || { echo "$out"; echo "quickstart ($backend, Java $jdk): no echo" >&2; exit 1; }
    expected="$backend"
    [ "$backend" = default ] && expected="${backends[0]}"
    grep -qx "backend: $expected" <<<"$out" \
      || { echo "$out"; echo "quickstart ($backend, Java $jdk): not running on $expected" >&2; exit 1; }
    echo "== quickstart on Java $jdk, backend $backend: $(grep -x 'Server said: .*' <<<"$out")"
  done
done

echo "== quickstart: building samples/quickstart offline with -Dwithout-jnr (twine-native-jnr excluded)"
build_log="$(mvn -B -ntp -q -o -f "$sample/pom.xml" -Dmaven.repo.local="$repo" -Dtwine.version="$version" \
  -Dwithout-jnr -DskipTests package 2>&1)" || { echo "$build_log"; echo "quickstart: the without-jnr build failed" >&2; exit 1; }
without="$sample/target/modules-without-jnr"
if ls "$without" | grep -E '^(twine-native-jnr|jnr-|jffi-|asm-)'; then
  echo "quickstart: -Dwithout-jnr still put the jars above in $without" >&2
  exit 1
fi
# Output is matched with here-strings (grep -q ... <<<"$out"), never "echo "$out" | grep -q": under
# pipefail, grep -q exits at its first match, and an echo still writing a large output (-verbose:class
# below prints thousands of lines) then dies of SIGPIPE and fails the pipeline. A CI run failed so.
for java in "${javas[@]}"; do
  feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  status=0
  out="$("$java" --enable-native-access=dev.twine.nativeio.panama -verbose:class -p "$without" \
      -m com.example.quickstart/com.example.quickstart.QuickStart 2>&1)" || status=$?
  if [ "$feature" -lt 22 ]; then
    # No binding at all: the reactor fails at startup with the reason (semantics.md §6.1), not silently.
    if [ "$status" = 0 ] || ! grep -q 'no native binding can load.*jnr-ffi .* is not on the class or module path' <<<"$out"; then
      grep -v '^\[' <<<"$out"
      echo "quickstart without jnr-ffi (Java $feature): expected a startup failure naming jnr-ffi" >&2
      exit 1
    fi
    echo "== quickstart on Java $feature without twine-native-jnr: refuses to start, naming jnr-ffi (as it must)"
    continue
  fi
  [ "$status" = 0 ] || { grep -v '^\[' <<<"$out"; echo "quickstart without jnr-ffi (Java $feature) failed" >&2; exit 1; }
  grep -qx 'Server said: hello, world' <<<"$out" \
    || { grep -v '^\[' <<<"$out"; echo "quickstart without jnr-ffi (Java $feature): no echo" >&2; exit 1; }
  grep -qx "backend: epoll" <<<"$out" \
    || { grep -v '^\[' <<<"$out"; echo "quickstart without jnr-ffi (Java $feature): not on epoll" >&2; exit 1; }
  if grep -E ' (jnr\.ffi|com\.kenai\.jffi)\.|^WARNING' <<<"$out"; then
    echo "quickstart without jnr-ffi (Java $feature): loaded the jnr-ffi classes or printed the warnings above" >&2
    exit 1
  fi
  echo "== quickstart on Java $feature without twine-native-jnr: epoll on Panama, no jnr-ffi class, no warning"
done
