/**
 * The portable backend: a level-triggered {@link dev.twine.spi.Poller} over
 * {@link java.nio.channels.Selector}, with NIO channels as socket handles. It runs on any JVM and any OS,
 * and is the reference the native backends are checked against.
 *
 * <p>NIO has no file descriptors in its public API, so {@code fileno()} is {@code -1} here; raw
 * descriptor code uses the handles from {@code reactor.sockets()} instead.
 */
package dev.twine.backend.select;
