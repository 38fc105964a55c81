#!/usr/bin/env bash
# Provides a Windows JVM for the IOCP backend's Wine run, cached under the build directory.
#
#   .ci/wine/windows-jre.sh        # prints the path of java.exe on stdout (messages go to stderr)
#
# The JVM is the jlinked Temurin 17 JRE inside the npm package @node-plantuml-2/jre-win32-x64@1.1.8
# (docs/native.md §7.2). `npm pack` fetches the tarball without installing it (install would refuse:
# the package declares os=win32). The tarball is pinned by version AND verified against the sha1 and
# sha512 integrity recorded when the package was vetted, before anything in it is unpacked.
#
# Exit status: 0 with the path on stdout; 3 ("skip") when the package cannot be had or does not verify,
# with a "skipping IOCP: ..." line on stderr, so callers skip the Wine run instead of failing.
set -euo pipefail

readonly PKG="@node-plantuml-2/jre-win32-x64@1.1.8"
readonly TGZ="node-plantuml-2-jre-win32-x64-1.1.8.tgz"
readonly SHA1="cc0babb32506436b995a212777ec8cdcb8ee2e80"
readonly SHA512="sha512-tMY4zs+KhMlXVIPVFOqE1GOscDgJPFcjOClvL5XewB+sdLGakkjUxuHt8YjVW8TjCUi+AbQlE7neaXtNoYS8hA=="
readonly EX_SKIP=3

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${TWINE_WINE_CACHE:-$root/target/wine}"
jre="$cache/jre-win32-x64-1.1.8"
java_exe="$jre/package/jre/bin/java.exe"

skip() {
  echo "skipping IOCP: $*" >&2
  exit "$EX_SKIP"
}

if [ -f "$java_exe" ] && [ -f "$jre/.verified" ]; then
  echo "$java_exe"
  exit 0
fi

command -v npm >/dev/null 2>&1 || skip "npm is not installed, so the Windows JRE ($PKG) cannot be fetched"
mkdir -p "$cache"

if [ ! -f "$cache/$TGZ" ]; then
  echo "fetching $PKG with npm pack into $cache" >&2
  if ! (cd "$cache" && npm pack --silent "$PKG" >/dev/null 2>"$cache/npm-pack.err"); then
    skip "npm pack $PKG failed: $(tail -n 3 "$cache/npm-pack.err" | tr '\n' ' ')"
  fi
fi
[ -f "$cache/$TGZ" ] || skip "npm pack did not produce $TGZ"

actual_sha1="$(sha1sum "$cache/$TGZ" | cut -d' ' -f1)"
actual_sha512="sha512-$(openssl dgst -sha512 -binary "$cache/$TGZ" | base64 -w0)"
if [ "$actual_sha1" != "$SHA1" ] || [ "$actual_sha512" != "$SHA512" ]; then
  rm -f "$cache/$TGZ"
  skip "$TGZ does not match the pinned integrity (sha1 $actual_sha1, expected $SHA1); deleted it"
fi

rm -rf "$jre"
mkdir -p "$jre"
tar xzf "$cache/$TGZ" -C "$jre"
[ -f "$java_exe" ] || skip "the package has no package/jre/bin/java.exe"
echo "$SHA1" > "$jre/.verified"
echo "Windows JRE ready: $java_exe" >&2
echo "$java_exe"
