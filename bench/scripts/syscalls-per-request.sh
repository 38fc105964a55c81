#!/usr/bin/env bash
# Counts the server's I/O system calls per request for each stack and workload of side-by-side.sh, so
# that "Twine makes an extra epoll_ctl / read / write per request" is a number, not a guess.
#
#   bench/scripts/syscalls-per-request.sh                                  # every workload, epoll and netty-epoll
#   bench/scripts/syscalls-per-request.sh --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
#       --stacks "epoll-on-panama netty-epoll" --workloads "echo resp-mbulk-P16" --seconds 3
#
# Per stack and workload: a fresh server pinned to CPU 0 (as side-by-side.sh starts it), a warm-up
# under load, then `strace -c -f` attached to every thread of the server for one bounded load run on
# CPU 1. Only the calls an event loop makes for I/O are traced (the list in $traced), so JIT and GC
# threads add next to nothing. Requests are what the load generator reports for that run. strace slows
# the server several-fold, so rates are meaningless here; calls per request are what it measures.
#
# Workloads: http-plain, http-pipeline16 (wrk), resp-inline-P1, resp-mbulk-P1, resp-inline-P16,
# resp-mbulk-P16 (redis-benchmark), echo (EchoLoad, 64 B on 16 connections).
# Output: one table on stdout and every log under bench/results/<date>/syscalls/.
# Hold the bench lock while it runs if others benchmark on the machine: flock /tmp/twine-bench.lock ...
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/target/benchmarks.jar"
java_cmd=java
stacks="epoll netty-epoll"
workloads="http-plain http-pipeline16 resp-inline-P1 resp-mbulk-P1 resp-inline-P16 resp-mbulk-P16 echo"
seconds=3
warmup=3
while [ $# -gt 0 ]; do
    case "$1" in
        --java) java_cmd="$2"; shift ;;
        --stacks) stacks="$2"; shift ;;
        --workloads) workloads="$2"; shift ;;
        --seconds) seconds="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
for tool in strace wrk redis-benchmark taskset; do
    command -v "$tool" >/dev/null || { echo "needs $tool (Debian: strace, wrk, redis-tools, util-linux)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "build $jar first: mvn -B -o -pl bench -am package -DskipTests" >&2; exit 2; }

traced=read,write,readv,writev,recvfrom,sendto,recvmsg,sendmsg,epoll_wait,epoll_pwait,epoll_pwait2,epoll_ctl,accept,accept4
out="$here/results/$(date +%Y-%m-%d_%H%M%S)/syscalls"
mkdir -p "$out"
port=23000
source "$here/scripts/server-process.sh"
trap stop_server EXIT

# start_server SERVICE STACK LOG: as side-by-side.sh does, including the -on-BINDING suffix.
start_server() {
    port=$((port + 1))
    split_binding "$2"
    taskset -c 0 "$java_cmd" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED "${binding_args[@]}" \
        -cp "$jar" dev.twine.bench.servers.ServerMain "$1" --port "$port" --reactor "$stack_name" > "$3" 2>&1 &
    server_pid=$!
    await_listening "$3" "$1 on $2"
}

# run_load WORKLOAD SECONDS LOG: one bounded load run on CPU 1; prints the requests it completed.
run_load() {
    local secs="$2" log="$3"
    case "$1" in
        http-plain|http-pipeline16)
            local script=() depth=1
            [ "$1" = http-pipeline16 ] && { script=(-s "$here/scripts/pipeline.lua"); depth=16; }
            timeout $((secs + 30)) taskset -c 1 wrk -t1 -c32 -d"${secs}s" "${script[@]}" "http://127.0.0.1:$port/" -- "$depth" > "$log" 2>&1 || true
            awk '/requests in/ {print $1}' "$log" ;;
        resp-*)
            local test depth n
            test="$(echo "$1" | sed 's/resp-\([a-z]*\)-P.*/\1/')"
            test="PING_$(echo "$test" | tr a-z A-Z)"
            depth="${1##*-P}"
            # redis-benchmark counts requests, not seconds: a count that lasts about SECS under strace.
            n=$(( depth == 1 ? 8000 * secs : 60000 * secs ))
            timeout $((secs * 20 + 30)) taskset -c 1 redis-benchmark -h 127.0.0.1 -p "$port" -c 32 -P "$depth" -n "$n" -t "$test" --csv > "$log" 2>&1 \
                && echo "$n" || echo 0 ;;
        echo)
            timeout $((secs + 30)) taskset -c 1 "$java_cmd" -Xmx256m -cp "$jar" dev.twine.bench.sidebyside.EchoLoad \
                --port "$port" --connections 16 --size 64 --seconds "$secs" > "$log" 2>&1 || true
            sed -n 's/.*messages=\([0-9]*\).*/\1/p' "$log" ;;
        *) echo "unknown workload $1" >&2; return 2 ;;
    esac
}

service_of() {
    case "$1" in http-*) echo http ;; resp-*) echo resp ;; echo) echo echo ;; esac
}

printf '%-18s %-16s %10s %8s %8s %8s %8s %8s %8s\n' stack workload requests read/req write/req wait/req ctl/req other/req total/req
for workload in $workloads; do
    for stack in $stacks; do
        base="$out/$stack-$workload"
        start_server "$(service_of "$workload")" "$stack" "$base.server.log" || continue
        run_load "$workload" "$warmup" "$base.warmup.log" > /dev/null
        strace -c -f -q -e trace="$traced" -o "$base.strace" -p "$server_pid" &
        strace_pid=$!
        sleep 1
        requests="$(run_load "$workload" "$seconds" "$base.load.log")"
        kill -INT "$strace_pid" 2>/dev/null || true
        wait "$strace_pid" 2>/dev/null || true
        stop_server
        # strace -c: "% time seconds usecs/call calls errors syscall"; errors is blank when none.
        awk -v req="${requests:-0}" -v stack="$stack" -v wl="$workload" '
            $NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $NF != "total" {
                name = $NF; calls = $4
                if (name ~ /^(read|readv|recvfrom|recvmsg)$/) r += calls
                else if (name ~ /^(write|writev|sendto|sendmsg)$/) w += calls
                else if (name ~ /^epoll_(p)?wait/) p += calls
                else if (name == "epoll_ctl") c += calls
                else o += calls
            }
            END {
                if (req == 0) { printf "%-18s %-16s %10s  (no requests counted)\n", stack, wl, req; exit }
                printf "%-18s %-16s %10d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f\n", stack, wl, req,
                    r / req, w / req, p / req, c / req, o / req, (r + w + p + c + o) / req
            }' "$base.strace" | tee -a "$out/summary.txt"
    done
done
echo "logs and strace summaries: $out"
