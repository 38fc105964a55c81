/**
 * The backend SPI: what a poller and its socket calls must provide so that the one shared
 * readiness transport ({@code dev.twine.internet.tcp}) and every {@code IReactorFDSet} user run
 * unchanged on it.
 *
 * <p>A backend is found with {@link java.util.ServiceLoader} as a {@link dev.twine.spi.ReactorBackend}.
 * It contributes two things and nothing else:
 * <ul>
 *   <li>a {@link dev.twine.spi.Poller}: level-triggered readiness over the backend's own handles;</li>
 *   <li>a {@link dev.twine.spi.SocketProvider}: non-blocking stream and listening sockets whose
 *       handles that poller understands.</li>
 * </ul>
 * TCP state machines, buffering, producers and Twisted's callback order are not a backend's
 * business: they live once, above this SPI.
 *
 * <p>Threading: every method here is called on the reactor thread only, except
 * {@link dev.twine.spi.Poller#wakeup()}, which any thread may call.
 */
package dev.twine.spi;
