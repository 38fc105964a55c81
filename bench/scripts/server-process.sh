# Shared by bench/side-by-side.sh and bench/scripts/syscalls-per-request.sh (sourced, not run): the one
# server process a benchmark script has running at a time, in $server_pid, and the stack names both take.
# Each function below says what it does.
#
# stop_server: SIGTERM, then up to 10 s for the JVM's shutdown (a server that exits on its own is not a
# failure), then SIGKILL; reaps it and clears server_pid. Safe to call with no server running, so the
# scripts also run it from their EXIT trap.

server_pid=""

stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$server_pid" ]; then
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}

# split_binding STACK: a stack named NAME-on-BINDING (epoll-on-panama, epoll-on-jnr: one backend on one
# native binding, semantics.md §6.1) sets stack_name=NAME and binding_args=(-Dtwine.native=BINDING);
# any other stack sets stack_name=STACK and no binding_args.
split_binding() {
    stack_name="$1"
    binding_args=()
    if [[ "$stack_name" == *-on-* ]]; then
        binding_args=("-Dtwine.native=${stack_name##*-on-}")
        stack_name="${stack_name%-on-*}"
    fi
}

# await_listening LOG WHAT: waits up to 30 s for the server to print its "listening" line into LOG;
# returns 1, saying so, if it exits or does not listen in time.
await_listening() {
    for _ in $(seq 1 300); do
        grep -q '^listening' "$1" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "server $2 did not start; see $1" >&2
    return 1
}
