#!/usr/bin/env bash
# Prints the JAVA_HOME of each extra JDK the test matrix runs on, one per line: for every major version in
# TWINE_EXTRA_JDKS (default "25", the Temurin JDK of the CI image), the first JDK under /usr/lib/jvm (or
# TWINE_JVM_DIR) whose java reports that version. Prints nothing, and says so on stderr, for a version this
# machine does not have.
set -euo pipefail

jvm_dir="${TWINE_JVM_DIR:-/usr/lib/jvm}"
for major in ${TWINE_EXTRA_JDKS:-25}; do
  found=""
  for home in "$jvm_dir"/*/; do
    home="${home%/}"
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] && [ ! -L "$home" ] || continue
    version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [ "$version" = "$major" ]; then
      found="$home"
      break
    fi
  done
  if [ -n "$found" ]; then
    echo "$found"
  else
    echo "no JDK $major under $jvm_dir: its row of the matrix is skipped" >&2
  fi
done
