# Shared by the .ci/artifacts and .ci/quickstart scripts (sourced, not run): which modules Twine
# publishes, and its version, read from the POMs so that a new module needs no edit here.
#
# A module is published unless its pom.xml sets maven.install.skip (examples and bench do: users must
# never come to depend on them). reactor-tck is published as a test kit only (see its pom.xml).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The project version: the first <version> at two spaces of indentation in the root POM (twine-parent's).
twine_version() {
  sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1
}

# Prints the directory of every published module, one per line, in the root POM's order.
published_modules() {
  local m
  for m in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$root/pom.xml"); do
    grep -q '<maven.install.skip>true</maven.install.skip>' "$root/$m/pom.xml" || echo "$m"
  done
}

# Prints the modules that are built but never published, as a Maven -pl exclusion list: !a,!b,!c
unpublished_exclusions() {
  local m out=""
  for m in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$root/pom.xml"); do
    grep -q '<maven.install.skip>true</maven.install.skip>' "$root/$m/pom.xml" && out="${out:+$out,}!$m"
  done
  echo "$out"
}
