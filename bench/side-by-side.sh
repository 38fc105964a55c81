#!/usr/bin/env bash
# Real load generators against every stack, side by side: Twine's backends and Netty (epoll, NIO)
# serve HTTP/1.1, RESP and echo in turn, the server pinned to CPU 0 and the load generator to CPU 1,
# in interleaved rounds (A B C A B C ...), each measurement after a warm-up. Writes medians and
# ratios to Netty epoll, with server instructions per request from `perf stat` where the machine
# has hardware counters, server CPU time per request from /proc everywhere, and how busy the load
# generator was (a load generator busy all the time, not the server, set the rate).
#
#   bench/side-by-side.sh                 quick: 3 rounds, 5 s per measurement (about 10-12 minutes)
#   bench/side-by-side.sh --full          5 rounds, 10 s per measurement
#   bench/side-by-side.sh --rounds 2 --duration 3 --stacks "epoll netty-epoll"
#   bench/side-by-side.sh --baseline-jar /tmp/base/benchmarks.jar --stacks "epoll@baseline epoll netty-epoll"
#                                        (a stack NAME@baseline runs NAME from another commit's bench jar)
#   bench/side-by-side.sh --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
#                         --stacks "epoll-on-panama epoll-on-jnr netty-epoll"
#                                        (epoll-on-BINDING runs the epoll backend with -Dtwine.native=BINDING;
#                                         --java runs every JVM of the run on that java, JDK 22+ for panama)
#   bench/side-by-side.sh --scaling      Twine's ReactorGroup at N = 1..cores against Netty's
#                                        EpollEventLoopGroup with N threads, in one run: HTTP pipelined
#                                        and RESP PING_MBULK -P 16, and the scaling ratio N=k / N=1 of each
#                                        (--max-reactors K to stop earlier; --scaling-stacks "epoll netty-epoll")
#   bench/side-by-side.sh --tls --stacks "epoll netty-epoll"
#                                        TLS only: the HTTP server over TLS (Twine's listenSSL, Netty's
#                                        SslHandler, both on the JDK provider, TLS 1.3, an EC P-256 key made
#                                        here with openssl) under wrk over https (keep-alive: one handshake
#                                        per connection), the echo server under TlsEchoLoad (64-byte
#                                        messages on 16 JDK TLS connections), then new TLS handshakes per second from
#                                        `openssl s_time -new` (server CPU per handshake from /proc);
#                                        the stack netty-epoll@openssl is Netty on BoringSSL
#                                        (netty-tcnative-boringssl-static), a reference point
#   bench/side-by-side.sh --udp --stacks "epoll netty-epoll"
#                                        UDP only: the udp-echo server (Twine's listenUDP; Netty's
#                                        EpollDatagramChannel reading with recvmmsg) under udp-echo-load, a C
#                                        loader built here with gcc into bench/target/ (64-byte datagrams,
#                                        2 threads each keeping 32 outstanding, recvmmsg and sendmmsg with UDP
#                                        GSO, so the server, not the loader, is the limit); datagrams/s and
#                                        server CPU per datagram. --udp-loader java runs the JVM loader
#                                        UdpEchoLoad instead (one system call per datagram each way; on two
#                                        CPUs it, not the server, set the rate)
#   bench/side-by-side.sh --tls --stacks "epoll netty-epoll nginx"
#                                        the stack nginx (Debian's nginx-light, one process: no master,
#                                        one worker, on OpenSSL) takes part in the handshake workload only
#
# Workloads: wrk plain and 16-deep pipelined (bench/scripts/pipeline.lua), redis-benchmark
# PING_INLINE and PING_MBULK at -P 1 and -P 16, and the echo server under EchoLoad (64-byte
# messages on 16 connections; Debian has no echo load generator). Installs wrk, redis-tools and
# linux-perf from Debian if they are missing. Output: bench/results/<date>/side-by-side/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"

rounds=3
duration=5
warmup=3
stacks=""
baseline_jar=""
tls=0
java_cmd="java"
scaling=0
udp=0
udp_loader=c
max_reactors="$(nproc)"
scaling_stacks="epoll netty-epoll"
while [ $# -gt 0 ]; do
    case "$1" in
        --full) rounds=5; duration=10; warmup=5 ;;
        --rounds) rounds="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --warmup) warmup="$2"; shift ;;
        --stacks) stacks="$2"; shift ;;
        --baseline-jar) baseline_jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
        --tls) tls=1 ;;
        --java) java_cmd="$2"; shift ;;
        --scaling) scaling=1 ;;
        --udp) udp=1 ;;
        --udp-loader) udp_loader="$2"; shift ;;
        --max-reactors) max_reactors="$2"; shift ;;
        --scaling-stacks) scaling_stacks="$2"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# -- tools ------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-benchmark >/dev/null || missing+=(redis-tools)
command -v perf >/dev/null || missing+=(linux-perf)
[ "$tls" = 1 ] && ! command -v openssl >/dev/null && missing+=(openssl)
# nginx is a stack only for --tls handshakes. Debian puts it in /usr/sbin, often not on a user's PATH.
# It is installed only when this script runs as root: unlike the load generators it is a server
# package, and a benchmark should not ask for sudo to add one; without it the stack is skipped.
nginx_bin="$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)"
if [ "$tls" = 1 ] && [[ " $stacks " == *" nginx "* ]] && [ -z "$nginx_bin" ] && [ "$(id -u)" -eq 0 ]; then
    missing+=(nginx-light)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} from Debian"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
    [ -n "$nginx_bin" ] || nginx_bin="$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)"
fi

if [ ! -f "$jar" ]; then
    echo "== building $jar"
    (cd "$root" && { mvn -q -B -o -pl bench -am package -DskipTests || mvn -q -B -pl bench -am package -DskipTests; })
fi

# The C UDP loader: built from bench/src/main/c with the system's gcc whenever its source is newer than the
# binary. Only the benchmark needs a C compiler; the library and its users never do.
udp_load_bin="$here/target/udp-echo-load"
if [ "$udp" = 1 ] && [ "$udp_loader" = c ]; then
    udp_load_src="$here/src/main/c/udp_echo_load.c"
    if [ ! -x "$udp_load_bin" ] || [ "$udp_load_src" -nt "$udp_load_bin" ]; then
        command -v gcc >/dev/null || { echo "--udp needs gcc to build $udp_load_bin (or run with --udp-loader java)" >&2; exit 2; }
        echo "== building $udp_load_bin"
        mkdir -p "$here/target"
        gcc -O2 -Wall -pthread -o "$udp_load_bin" "$udp_load_src"
    fi
elif [ "$udp" = 1 ] && [ "$udp_loader" != java ]; then
    echo "--udp-loader is c or java, not $udp_loader" >&2
    exit 2
fi

# -- machine ----------------------------------------------------------------------------------------
if [ "$(nproc)" -ge 2 ]; then
    server_pin=(taskset -c 0)
    load_pin=(taskset -c 1)
    pinning="server on CPU 0, load generator on CPU 1"
else
    server_pin=()
    load_pin=()
    pinning="ONE CPU ONLY: server and load generator share it (figures are not comparable to 2-CPU runs)"
    echo "warning: $pinning" >&2
fi

# perf prints "<not supported>" for hardware events on machines without counters (most VMs).
perf_events=()
if command -v perf >/dev/null; then
    if perf stat -x, -e instructions true 2>&1 >/dev/null | grep -q '^[0-9]'; then
        perf_events+=(instructions)
    fi
    if perf stat -x, -e instructions:u true 2>&1 >/dev/null | grep -q '^[0-9]'; then
        perf_events+=(instructions:u)
    fi
fi
if [ ${#perf_events[@]} -gt 0 ]; then
    perf_note="perf events: ${perf_events[*]}"
else
    perf_note="perf: hardware instruction counters not supported here ('perf stat -e instructions true' says <not supported>); CPU time per request from /proc is reported instead"
fi
clk_tck="$(getconf CLK_TCK)"

if [ -z "$stacks" ]; then
    stacks="$("$java_cmd" -cp "$jar" dev.twine.bench.sidebyside.ListStacks | tr '\n' ' ')"
fi

stamp="$(date +%Y-%m-%d_%H%M%S)"
out="$here/results/$stamp/side-by-side"
logs="$out/logs"
mkdir -p "$logs"
raw="$out/raw.tsv"
printf 'round\tstack\tworkload\trequests\tseconds\trate\tinstructions\tinstructions_u\tuser_ms\tsystem_ms\terrors\tsteal_ms\tload_cpu_ms\n' > "$raw"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== stacks: $stacks; $rounds rounds, ${duration}s per measurement, ${warmup}s warm-up; $pinning"
echo "== $perf_note"
echo "== output: $out"

# -- servers ----------------------------------------------------------------------------------------
port=21000
server_tls=()
if [ "$tls" = 1 ]; then
    # A throwaway key, made per run and kept with the results' logs, never committed.
    mkdir -p "$out/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$out/tls/key.pem" -out "$out/tls/cert.pem" 2>/dev/null
    server_tls=(--tls-key "$out/tls/key.pem" --tls-cert "$out/tls/cert.pem")
fi
# Extra server options (the scaling run's --reactors N) and the load generator's shape.
server_extra=()
wrk_threads=1
wrk_connections=32

source "$here/scripts/server-process.sh"
trap stop_server EXIT

# start_server SERVICE STACK LOG: a fresh JVM per server; a new port each time so no TIME_WAIT
# socket from the previous run can get in the way. A stack named NAME@baseline runs NAME's server from
# the --baseline-jar (another commit's bench jar), so a change is measured against its parent in one run.
start_server() {
    port=$((port + 1))
    local stack="$2" stack_jar="$jar" provider=()
    if [[ "$stack" == *@openssl ]]; then
        stack="${stack%@openssl}"
        provider=(--tls-provider openssl)
    fi
    if [[ "$stack" == *@baseline ]]; then
        [ -n "$baseline_jar" ] || { echo "stack $stack needs --baseline-jar" >&2; return 1; }
        stack="${stack%@baseline}"
        stack_jar="$baseline_jar"
    fi
    split_binding "$stack"
    "${server_pin[@]}" "$java_cmd" -Xms512m -Xmx512m --enable-native-access=ALL-UNNAMED "${binding_args[@]}" \
        -cp "$stack_jar" dev.twine.bench.servers.ServerMain "$1" \
        --port "$port" --reactor "$stack_name" "${server_extra[@]}" "${server_tls[@]}" "${provider[@]}" > "$3" 2>&1 &
    server_pid=$!
    await_listening "$3" "$1 on $2" && return 0
    stop_server
    return 1
}

# start_nginx LOG: nginx as the reference TLS server for handshakes, from a configuration generated
# under $out/nginx/ (pid, logs and temp files there too, so nothing outside the results is touched).
# With master_process off nginx runs as one process that accepts and serves (nginx's core module
# documentation: "master_process", "daemon"), so server_pid is the whole server and its CPU comes from
# /proc exactly as for a JVM. The listener is on loopback only and uses the run's key and certificate.
start_nginx() {
    port=$((port + 1))
    local dir="$out/nginx"
    mkdir -p "$dir/temp"
    cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
lock_file $dir/nginx.lock;
error_log $dir/error.log warn;
events {
    worker_connections 1024;
}
http {
    # The JVM servers log nothing per request; neither does nginx here.
    access_log off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    default_type text/plain;
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $out/tls/cert.pem;
        ssl_certificate_key $out/tls/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        location / {
            return 200 "ok";
        }
    }
}
CONF
    # -e: errors before the configuration is read (a bad path, a busy port) go to the run's logs too.
    "${server_pin[@]}" "$nginx_bin" -p "$dir/" -e "$dir/error.log" -c "$dir/nginx.conf" > "$1" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        kill -0 "$server_pid" 2>/dev/null || break
        # nginx prints nothing when ready; a connect that succeeds means it is listening.
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "nginx did not start; see $1 and $dir/error.log" >&2
    stop_server
    return 1
}

# -- measuring --------------------------------------------------------------------------------------
ticks() { awk '{print $14, $15}' "/proc/$server_pid/stat"; }
# Machine-wide steal time (the 8th figure of /proc/stat's cpu line): CPU the hypervisor gave to
# other guests. A measurement taken while it grows says more about the host than about the stack.
steal_ticks() { awk '$1 == "cpu" {print $9}' /proc/stat; }

perf_pid=""
perf_out=""
begin_counters() {
    read -r user0 sys0 < <(ticks)
    steal0="$(steal_ticks)"
    perf_pid=""
    if [ ${#perf_events[@]} -gt 0 ]; then
        perf_out="$(mktemp)"
        perf stat -x, $(printf -- '-e %s ' "${perf_events[@]}") -p "$server_pid" -o "$perf_out" &
        perf_pid=$!
        sleep 0.2
    fi
}

# load LOG COMMAND...: runs a load generator on its CPU, output to LOG, and writes the CPU time it
# used (user + system, ms) to LOG.cpu. A load generator busy for its whole run was the limit, and
# then the rate says more about how cheaply it could read the server's replies than about the server.
load() {
    local log="$1"
    shift
    local TIMEFORMAT='%3U %3S'
    { time "${load_pin[@]}" "$@" > "$log" 2>&1; } 2> "$log.time" || true
    awk 'NF == 2 {printf "%d\n", ($1 + $2) * 1000}' "$log.time" > "$log.cpu"
    rm -f "$log.time"
}

# end_counters ROUND STACK WORKLOAD REQUESTS SECONDS RATE ERRORS [LOAD_CPU_MS]: appends one row to
# raw.tsv.
end_counters() {
    local instr="NA" instr_u="NA"
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid" 2>/dev/null || true
        wait "$perf_pid" 2>/dev/null || true
        instr="$(awk -F, '$3=="instructions" && $1 ~ /^[0-9]/ {print $1}' "$perf_out")"
        instr_u="$(awk -F, '$3=="instructions:u" && $1 ~ /^[0-9]/ {print $1}' "$perf_out")"
        rm -f "$perf_out"
    fi
    read -r user1 sys1 < <(ticks)
    local user_ms=$(( (user1 - user0) * 1000 / clk_tck ))
    local sys_ms=$(( (sys1 - sys0) * 1000 / clk_tck ))
    local steal_ms=$(( ($(steal_ticks) - steal0) * 1000 / clk_tck ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" \
        "${instr:-NA}" "${instr_u:-NA}" "$user_ms" "$sys_ms" "$7" "$steal_ms" "${8:-NA}" >> "$raw"
    local unit=req/s
    [[ "$3" == udp-* ]] && unit=datagrams/s
    [[ "$3" == tls-handshake ]] && unit=handshakes/s
    printf '   %-12s %-22s %12s %s\n' "$2" "$3" "$6" "$unit"
}

# wrk_run ROUND STACK WORKLOAD SECONDS DEPTH: DEPTH 1 is plain keep-alive, more pipelines that many
# requests per write through pipeline.lua. Warm-ups pass ROUND "-" and are not recorded.
wrk_run() {
    local round="$1" stack="$2" workload="$3" secs="$4" depth="$5"
    local script=()
    [ "$depth" -gt 1 ] && script=(-s "$here/scripts/pipeline.lua")
    local log="$logs/r$round-$stack-$workload.wrk"
    [ "$round" = "-" ] && log="$logs/warmup-$stack-$workload.wrk"
    [ "$round" != "-" ] && begin_counters
    local scheme=http
    [ "$tls" = 1 ] && scheme=https
    load "$log" wrk -t"$wrk_threads" -c"$wrk_connections" -d"${secs}s" "${script[@]}" "$scheme://127.0.0.1:$port/" -- "$depth"
    [ "$round" = "-" ] && return 0
    local requests seconds rate errors
    requests="$(awk '/requests in/ {print $1}' "$log")"
    seconds="$(awk '/requests in/ {sub(/s,?$/, "", $4); print $4}' "$log")"
    rate="$(awk '/^Requests\/sec/ {print $2}' "$log")"
    errors="$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print $5}' "$log" | paste -sd+ | bc 2>/dev/null || echo 0)"
    end_counters "$round" "$stack" "$workload" "${requests:-0}" "${seconds:-NA}" "${rate:-0}" "${errors:-0}" "$(cat "$log.cpu")"
}

# redis_ping LOG DEPTH COUNT TEST: one redis-benchmark run on the load CPU; prints its rate.
redis_ping() {
    load "$1" redis-benchmark -h 127.0.0.1 -p "$port" -c 32 -P "$2" -n "$3" -t "$4" --csv
    awk -F'"' '$2 ~ /^PING/ {print $4; exit}' "$1"
}

# requests_for RATE SECONDS: how many requests last about SECONDS at RATE (at least 10,000).
requests_for() {
    awk -v r="${1:-0}" -v d="$2" 'BEGIN { n = int(r * d); if (n < 10000) n = 10000; print n }'
}

# redis_run ROUND STACK TEST PIPELINE: redis-benchmark counts requests, not time, so a short burst
# estimates the rate, a warm-up then runs for about $warmup seconds (the JIT and the connection
# pool settle there, as in wrk's warm-up), and its rate sizes the measured run to about $duration
# seconds. Without the timed warm-up the first measurement of each server ran partly cold.
redis_run() {
    local round="$1" stack="$2" test="$3" depth="$4"
    local workload="resp-${test}-P${depth}"
    local log="$logs/r$round-$stack-$workload.redis"
    local warm_log="$logs/warmup-r$round-$stack-$workload.redis"
    local burst_rps warm_rps n
    burst_rps="$(redis_ping "$warm_log" "$depth" $(( depth == 1 ? 30000 : 300000 )) "$test")"
    warm_rps="$(redis_ping "$warm_log" "$depth" "$(requests_for "$burst_rps" "$warmup")" "$test")"
    n="$(requests_for "${warm_rps:-$burst_rps}" "$duration")"
    begin_counters
    local rate seconds
    rate="$(redis_ping "$log" "$depth" "$n" "$test")"
    seconds="$(awk -v n="$n" -v r="${rate:-0}" 'BEGIN { if (r > 0) printf "%.3f", n / r; else print "NA" }')"
    end_counters "$round" "$stack" "$workload" "$n" "$seconds" "${rate:-0}" 0 "$(cat "$log.cpu")"
}

# echo_run ROUND STACK SECONDS: EchoLoad (TlsEchoLoad with --tls) in its own JVM on the load CPU.
echo_run() {
    local round="$1" stack="$2" secs="$3"
    local log="$logs/r$round-$stack-echo.load"
    [ "$round" = "-" ] && log="$logs/warmup-$stack-echo.load"
    local loader=(dev.twine.bench.sidebyside.EchoLoad) workload=echo-64B-16c
    if [ "$tls" = 1 ]; then
        loader=(dev.twine.bench.sidebyside.TlsEchoLoad --ca "$out/tls/cert.pem")
        workload=tls-echo-64B-16c
    fi
    [ "$round" != "-" ] && begin_counters
    "${load_pin[@]}" "$java_cmd" -Xmx256m -cp "$jar" "${loader[@]}" --port "$port" \
        --connections 16 --size 64 --seconds "$secs" > "$log" 2>&1 || true
    [ "$round" = "-" ] && return 0
    local messages seconds rate
    messages="$(sed -n 's/.*messages=\([0-9]*\).*/\1/p' "$log")"
    seconds="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$log")"
    rate="$(sed -n 's/.*rate=\([0-9.]*\).*/\1/p' "$log")"
    end_counters "$round" "$stack" "$workload" "${messages:-0}" "${seconds:-NA}" "${rate:-0}" 0
}

# udp_run ROUND STACK SECONDS: the UDP loader on the load CPU, udp-echo-load (C, batching) or with
# --udp-loader java UdpEchoLoad in its own JVM; both take the same options and print the same line.
# Datagrams the loader wrote off as lost (UDP drops, nothing is resent) go in the errors column; the rate
# counts echoes received only.
udp_run() {
    local round="$1" stack="$2" secs="$3"
    local log="$logs/r$round-$stack-udp-echo.load"
    [ "$round" = "-" ] && log="$logs/warmup-$stack-udp-echo.load"
    local loader=("$udp_load_bin")
    [ "$udp_loader" = java ] && loader=("$java_cmd" -Xmx256m -cp "$jar" dev.twine.bench.sidebyside.UdpEchoLoad)
    [ "$round" != "-" ] && begin_counters
    load "$log" "${loader[@]}" --port "$port" --threads 2 --window 32 --size 64 --seconds "$secs"
    [ "$round" = "-" ] && return 0
    local datagrams seconds rate lost
    datagrams="$(sed -n 's/.*datagrams=\([0-9]*\).*/\1/p' "$log")"
    seconds="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$log")"
    rate="$(sed -n 's/.*rate=\([0-9.]*\).*/\1/p' "$log")"
    lost="$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' "$log")"
    end_counters "$round" "$stack" "udp-echo-64B-2x32-$udp_loader" "${datagrams:-0}" "${seconds:-NA}" "${rate:-0}" "${lost:-0}" "$(cat "$log.cpu")"
}

# handshake_run ROUND STACK SECONDS: new TLS connections, one after another, from `openssl s_time -new`
# on the load CPU (full handshake, then close_notify, per connection); the rate is connections per
# second and the server's CPU per handshake comes from /proc as for requests.
handshake_run() {
    local round="$1" stack="$2" secs="$3"
    local log="$logs/r$round-$stack-handshake.stime"
    [ "$round" = "-" ] && log="$logs/warmup-$stack-handshake.stime"
    [ "$round" != "-" ] && begin_counters
    local t0 t1
    t0="$(date +%s.%N)"
    load "$log" openssl s_time -connect "127.0.0.1:$port" -new -time "$secs"
    t1="$(date +%s.%N)"
    [ "$round" = "-" ] && return 0
    # s_time reports whole seconds only; the wall time around it is the better divisor.
    local connections seconds rate
    connections="$(sed -n 's/^\([0-9]*\) connections in [0-9.]* real seconds.*/\1/p' "$log" | head -1)"
    seconds="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
    rate="$(awk -v n="${connections:-0}" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print 0 }')"
    end_counters "$round" "$stack" "tls-handshake" "${connections:-0}" "${seconds:-NA}" "$rate" 0 "$(cat "$log.cpu")"
}

# -- scaling: the group at N = 1..cores against Netty's group of N loops ----------------------------------
# The server may use CPUs 0..N-1; the load generators are not pinned and use every CPU with as many threads
# as there are CPUs, the same for every N, so only the server changes from one N to the next. On a machine
# with few cores the load generator then competes with the server at the largest N: the table says so.
if [ "$scaling" = 1 ]; then
    wrk_threads="$(nproc)"
    wrk_connections=64
    load_pin=()
    echo "== scaling: N = 1..$max_reactors for $scaling_stacks; $rounds rounds x ${duration}s; load generator unpinned ($(nproc) CPUs)"
    for round in $(seq 1 "$rounds"); do
        for n in $(seq 1 "$max_reactors"); do
            for stack in $scaling_stacks; do
                label="$stack-x$n"
                echo "== round $round/$rounds: $stack with $n event-loop threads"
                server_pin=(taskset -c "0-$((n - 1))")
                server_extra=(--reactors "$n")
                if start_server http "$stack" "$logs/r$round-$label-http.server"; then
                    wrk_run - "$label" http-pipeline16 2 16
                    wrk_run "$round" "$label" http-pipeline16 "$duration" 16
                    stop_server
                fi
                if start_server resp "$stack" "$logs/r$round-$label-resp.server"; then
                    redis_run "$round" "$label" ping_mbulk 16
                    stop_server
                fi
            done
        done
    done
    # Median rate per stack, N and workload; then each N's ratio to N=1 of the same stack.
    awk -F'\t' 'NR > 1 { print $2 "\t" $3 "\t" $6 }' "$raw" | sort -t$'\t' -k1,1 -k2,2 -k3,3g \
        | awk -F'\t' '
            { key = $1 "\t" $2; vals[key] = vals[key] " " $3; n[key]++ }
            END {
                for (k in vals) {
                    split(substr(vals[k], 2), v, " "); m = n[k]
                    med = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
                    split(k, kk, "\t"); label = kk[1]; w = kk[2]
                    stack = label; sub(/-x[0-9]+$/, "", stack); threads = label; sub(/^.*-x/, "", threads)
                    print stack "\t" threads "\t" w "\t" med
                }
            }' | sort -t$'\t' -k3,3 -k1,1 -k2,2n > "$out/scaling.tsv"
    {
        echo "# Scaling: Twine ReactorGroup vs Netty EpollEventLoopGroup, N = 1..$max_reactors"
        echo
        echo "$(uname -sr) $(uname -m), $(java -version 2>&1 | head -1), $(nproc) CPUs; $rounds rounds x ${duration}s; server on CPUs 0..N-1, load generators unpinned with $(nproc) threads; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
        echo
        echo "| workload | stack | N | req/s (median) | N=k / N=1 |"
        echo "|---|---|---|---|---|"
        awk -F'\t' '{ if ($2 == 1) base[$1 "\t" $3] = $4; r = base[$1 "\t" $3] > 0 ? $4 / base[$1 "\t" $3] : 0;
                      printf "| %s | %s | %s | %.0f | %.2f |\n", $3, $1, $2, $4, r }' "$out/scaling.tsv"
    } > "$out/scaling.md"
    cat "$out/scaling.md"
    echo "== done: $out/scaling.md"
    exit 0
fi

for round in $(seq 1 "$rounds"); do
    for stack in $stacks; do
        if [ "$stack" = nginx ]; then
            if [ "$tls" != 1 ]; then
                echo "== skipping nginx: it is a stack for --tls handshakes only"
            elif [ -z "$nginx_bin" ]; then
                echo "== skipping nginx: not installed (run as root to install nginx-light, or apt-get install nginx-light)"
            else
                echo "== round $round/$rounds: nginx (TLS handshakes only)"
                if start_nginx "$logs/r$round-nginx-handshake.server"; then
                    handshake_run - nginx "$warmup"
                    handshake_run "$round" nginx "$duration"
                    stop_server
                fi
            fi
            continue
        fi
        if [ "$udp" = 1 ]; then
            echo "== round $round/$rounds: $stack (UDP)"
            if start_server udp-echo "$stack" "$logs/r$round-$stack-udp-echo.server"; then
                udp_run - "$stack" "$warmup"
                udp_run "$round" "$stack" "$duration"
                stop_server
            fi
            continue
        fi
        if [ "$tls" = 1 ]; then
            echo "== round $round/$rounds: $stack (TLS)"
            if start_server http "$stack" "$logs/r$round-$stack-https.server"; then
                wrk_run - "$stack" https-plain "$warmup" 1
                wrk_run "$round" "$stack" https-plain "$duration" 1
                handshake_run - "$stack" "$warmup"
                handshake_run "$round" "$stack" "$duration"
                stop_server
            fi
            if start_server echo "$stack" "$logs/r$round-$stack-tls-echo.server"; then
                echo_run - "$stack" "$warmup"
                echo_run "$round" "$stack" "$duration"
                stop_server
            fi
            continue
        fi
        echo "== round $round/$rounds: $stack"
        if start_server http "$stack" "$logs/r$round-$stack-http.server"; then
            wrk_run - "$stack" http-plain "$warmup" 1
            wrk_run "$round" "$stack" http-plain "$duration" 1
            wrk_run - "$stack" http-pipeline16 2 16
            wrk_run "$round" "$stack" http-pipeline16 "$duration" 16
            stop_server
        fi
        if start_server resp "$stack" "$logs/r$round-$stack-resp.server"; then
            for depth in 1 16; do
                for test in ping_inline ping_mbulk; do
                    redis_run "$round" "$stack" "$test" "$depth"
                done
            done
            stop_server
        fi
        if start_server echo "$stack" "$logs/r$round-$stack-echo.server"; then
            echo_run - "$stack" "$warmup"
            echo_run "$round" "$stack" "$duration"
            stop_server
        fi
    done
done

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
env_line="$(uname -sr) $(uname -m), $("$java_cmd" -version 2>&1 | head -1), $(nproc) CPUs; $rounds rounds x ${duration}s after ${warmup}s warm-up; $pinning; $perf_note; load average before $load_before, after $load_after; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$java_cmd" -cp "$jar" dev.twine.bench.sidebyside.SideBySideReport "$raw" "$out/side-by-side.md" "$out/side-by-side.json" "$env_line"
echo "== done: $out/side-by-side.md"
