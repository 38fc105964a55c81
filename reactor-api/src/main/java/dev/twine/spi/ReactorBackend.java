package dev.twine.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * One pluggable reactor backend (a poller plus socket calls), discovered by
 * {@link java.util.ServiceLoader}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #name()} is the value users pass as {@code -Dtwine.reactor=NAME}; lower case, stable.</li>
 *   <li>{@link #unavailabilityReason()} decides availability by <em>doing</em> (for example creating
 *       and closing an epoll descriptor), once, and caches the answer. It never throws.</li>
 *   <li>{@link #priority()} orders the available backends when the user named none: the highest
 *       wins. The portable select backend uses 0; a native poller for the OS uses 100.</li>
 *   <li>{@link #openPoller()} and {@link #sockets()} are called only when available.</li>
 * </ul>
 * Implementations are stateless apart from that cached probe and are safe to share between reactors.
 */
public interface ReactorBackend {

    /** The name users select this backend by, e.g. {@code "epoll"}. */
    String name();

    /** Higher is preferred when no backend was requested; only available backends are considered. */
    int priority();

    /** Empty when this backend can run here; otherwise a sentence saying why not. */
    Optional<String> unavailabilityReason();

    /** Opens a new poller, owned by one reactor, which closes it when the reactor is done. */
    Poller openPoller() throws IOException;

    /** The socket calls whose handles this backend's pollers accept. */
    SocketProvider sockets();
}
