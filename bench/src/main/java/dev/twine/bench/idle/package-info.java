/**
 * Heap bytes per idle connection, Twine's backends against Netty's transports. The server and the
 * client are separate processes (the per-process descriptor limit is 20,000, and a connection costs
 * one descriptor on each side), and the clients spread over several {@code 127.x.y.z} source
 * addresses so no single address runs short of ephemeral ports.
 *
 * <p>{@link dev.twine.bench.idle.IdleProbe} runs one measurement: it starts
 * {@link dev.twine.bench.idle.IdleServer}, then {@link dev.twine.bench.idle.IdleClient}, and reads
 * the server's figure: live heap after a full collection with the connections open, minus the same
 * before any connection was accepted, divided by their number.
 */
package dev.twine.bench.idle;
