/**
 * The one readiness-based TCP implementation, shared by every backend: listening ports, connectors and
 * the connection transport, written once against {@link dev.twine.internet.IReactorFDSet} and the SPI's
 * socket handles ({@code reactor.sockets()}), never against NIO or file descriptors.
 *
 * <p>Map of the package:
 * <ul>
 *   <li>{@link dev.twine.internet.tcp.Port}: {@code listenTCP}; adaptive accept batches. Failed accepts
 *       go to {@code AcceptFailures}: retries, EMFILE recovery through a {@code ReservedDescriptor},
 *       back-off.</li>
 *   <li>{@link dev.twine.internet.tcp.Connector}: {@code connectTCP}'s state machine; each attempt is a
 *       {@code ConnectAttempt} (resolve, bind, non-blocking connect, timeout).</li>
 *   <li>{@link dev.twine.internet.tcp.Connection}: the transport; its outbound bytes live in a
 *       {@code WriteBuffer} of pooled direct chunks ({@code ChunkPool}), its producer in a
 *       {@code ProducerCoupling}.</li>
 *   <li>{@code SocketErrors}: the one place POSIX errno names become Twisted's error classes.</li>
 *   <li>{@code TcpContext}: per-reactor state (read buffer, chunk pool, live descriptors for shutdown).</li>
 * </ul>
 *
 * <p>Behaviour follows Twisted's {@code internet/tcp.py} and {@code internet/abstract.py}
 * (semantics.md §1.5-1.10). Twine's deliberate differences, each documented where it
 * lives:
 * <ul>
 *   <li>{@code loseConnection()} (and {@code loseWriteConnection()}) waits while a producer of either
 *       kind is registered, as Twisted documents (Twisted #6461: its code closes anyway when a streaming
 *       producer is not paused).</li>
 *   <li>Reads loop while they fill the 64 KiB buffer (bounded per event); {@code dataReceived} gets a
 *       read-only view of the reactor's buffer, valid during the call.</li>
 *   <li>Writes are gathered ({@code writev}) across buffered chunks (Twisted #6733).</li>
 *   <li>{@code abortConnection()} sends the reset at once; {@code connectionLost(ConnectionAborted)}
 *       still comes on a later iteration.</li>
 *   <li>A port that runs out of descriptors with no spare to shed clients backs off briefly instead
 *       of spinning; the spare descriptor is per port rather than per process.</li>
 *   <li>At shutdown, connections that are in neither the reader nor the writer set (paused, idle) are
 *       disconnected too.</li>
 * </ul>
 *
 * <p>Threading: everything here runs on the reactor thread, except host-name lookups, which run on the
 * reactor's thread pool and report back with {@code callFromThread}.
 */
package dev.twine.internet.tcp;
