/**
 * Helpers for {@code bench/side-by-side.sh}, which runs real load generators ({@code wrk},
 * {@code redis-benchmark}) against the servers of {@code dev.twine.bench.servers}:
 * {@link dev.twine.bench.sidebyside.ListStacks} says which stacks can run here,
 * {@link dev.twine.bench.sidebyside.EchoLoad} is the load generator for the echo server (Debian
 * has none), and {@link dev.twine.bench.sidebyside.SideBySideReport} turns the script's raw
 * measurements into medians and ratios to Netty epoll.
 */
package dev.twine.bench.sidebyside;
