/**
 * The backend SPI: what a poller and its socket calls must provide so that the one shared
 * readiness transport ({@code dev.twine.internet.tcp}) and every {@code IReactorFDSet} user run
 * unchanged on it.
 *
 * <p>A backend is found with {@link java.util.ServiceLoader} as a {@link dev.twine.spi.ReactorBackend}.
 * It contributes two things over one handle type, and nothing else:
 * <ul>
 *   <li>a {@link dev.twine.spi.Poller}: level-triggered readiness over the backend's own handles,
 *       registered with a token that the poller hands back with each event;</li>
 *   <li>a {@link dev.twine.spi.SocketProvider}: non-blocking stream and listening sockets whose
 *       handles that poller understands.</li>
 * </ul>
 * Errors cross the SPI as {@link dev.twine.spi.SocketError} constants inside a
 * {@link dev.twine.spi.SocketErrorException}; the reactor keeps all per-handle state (wanted and applied
 * interest, reader and writer) and the poller keeps only what its OS call batches.
 * TCP state machines, buffering, producers and Twisted's callback order are not a backend's
 * business: they live once, above this SPI.
 *
 * <p>Threading: every method here is called on the reactor thread only, except
 * {@link dev.twine.spi.Poller#wakeup()}, which any thread may call.
 */
package dev.twine.spi;
