/**
 * Benchmarks of Twine against Netty, all measured in the same run on the same machine.
 *
 * <ul>
 *   <li>{@code dev.twine.bench.jmh}: the JMH benchmarks (loopback echo, timers, Deferred chains,
 *       native call cost), each parameterised by {@link dev.twine.bench.Stack stack};</li>
 *   <li>{@code dev.twine.bench.servers}: HTTP/1.1, RESP and echo servers for real load generators
 *       ({@code wrk}, {@code redis-benchmark}), each runnable on any Twine backend or on Netty;</li>
 *   <li>{@code dev.twine.bench.idle}: heap bytes per idle connection, server and client in
 *       separate processes;</li>
 *   <li>{@code dev.twine.bench.report}: the one-command suite and the JSON, Markdown and PNG
 *       report it writes.</li>
 * </ul>
 *
 * <p>Every figure is reported as a ratio to Netty within one run: the machines these run on are
 * shared and noisy, so absolute times from different runs are not comparable.
 */
package dev.twine.bench;
