#!/usr/bin/env bash
# The seed programs on the IOCP backend under Wine: the fast poetry server (Windows JVM, iocp) serves
# a poem to the three poetry clients, each also on the Windows JVM with iocp, and to the Linux client
# on epoll across the Wine boundary. Every client must report the poem's exact byte count, a refused
# port must print "Failed to connect to:" without stopping the others, and every client must exit 0.
#
#   .ci/wine/poetry.sh [backend]     # default iocp
#
# Exit status: 0 when everything above held; 1 with the failing check named otherwise; 0 with
# "skipping IOCP: ..." when Wine or the Windows JRE is unavailable. Loopback only (127.0.0.1).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

backend="${1:-iocp}"
start=$(date +%s.%N)
wine_require
jar="$root/examples/target/twine-examples.jar"
if [ ! -f "$jar" ]; then
  # shellcheck disable=SC2086
  (cd "$root" && mvn -B -ntp -q ${TWINE_MVN_FLAGS:-} -pl examples -am package -DskipTests) >&2
fi
poem="$root/examples/poems/mountain-river.zh.txt"
expected=$(stat -c %s "$poem")
wine_fresh_prefix "$cache/prefix-poetry"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "poetry under Wine: FAILED: $*" >&2
  for f in "$work"/*.out; do echo "--- $(basename "$f")"; cat "$f"; done >&2
  exit 1
}

wine "$java_exe" -Dtwine.reactor="$backend" -jar "Z:$jar" poetry-server --iface 127.0.0.1 --port 0 \
  "Z:$poem" >"$work/server.out" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -oE "port=[0-9]+" "$work/server.out" | grep -oE '[0-9]+' | head -n 1 || true)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not print its port within 60 s"
echo "== poetry server ($backend, Windows JVM under Wine) on 127.0.0.1:$port"

# A port nobody listens on: bind-and-close leaves it free, and nothing else on loopback takes it
# within this run's few seconds.
refused=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

check_client() {
  local name="$1" out="$2"
  local got
  # The Windows JVM ends its lines with CRLF.
  sed -i 's/\r$//' "$out"
  got=$(grep -cE "^Task [0-9]+: $expected bytes of poetry$" "$out" || true)
  [ "$got" = 2 ] || fail "$name: expected two poems of $expected bytes, saw $got"
  grep -q "Failed to connect to: .*$refused" "$out" || fail "$name: no 'Failed to connect to' line for port $refused"
  # Three addresses, one refused: the tutorial's clients print len(addresses), so "Got 3 poems".
  grep -qE "^Got 3 poems in [0-9]+:[0-9]{2}:[0-9]{2}\.[0-9]{6}$" "$out" || fail "$name: no final 'Got 3 poems' line"
  echo "   $name: $(grep -E '^Got ' "$out")"
}

for client in get-poetry-raw get-poetry get-poetry-deferred; do
  status=0
  timeout 120 wine "$java_exe" -Dtwine.reactor="$backend" -jar "Z:$jar" "$client" \
    "$port" "127.0.0.1:$refused" "127.0.0.1:$port" >"$work/$client.out" 2>&1 || status=$?
  [ "$status" = 0 ] || fail "$client ($backend under Wine) exited with status $status"
  check_client "$client ($backend under Wine)" "$work/$client.out"
done

# Across the boundary: the Linux JVM on epoll against the Windows server.
status=0
timeout 60 java -Dtwine.reactor=epoll -jar "$jar" get-poetry-deferred "$port" "$refused" "$port" \
  >"$work/linux-client.out" 2>&1 || status=$?
[ "$status" = 0 ] || fail "the Linux client exited with status $status"
check_client "get-poetry-deferred (epoll, Linux JVM)" "$work/linux-client.out"

end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "== poetry under Wine: passed, wall time %.1f s\n", e - s }'
