package dev.twine.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * One pluggable reactor backend, discovered by {@link java.util.ServiceLoader}: a poller and the socket
 * calls whose handles it watches, paired over one handle type {@code H}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #name()} is the value users pass as {@code -Dtwine.reactor=NAME}; lower case, stable.</li>
 *   <li>{@link #unavailabilityReason()} decides availability by <em>doing</em> (for example creating
 *       and closing an epoll descriptor), once, and caches the answer. It never throws.</li>
 *   <li>{@link #priority()} orders the available backends when the user named none: the highest
 *       wins. The portable select backend uses 0; a native poller for the OS uses 100.</li>
 *   <li>Every handle {@link #sockets()} creates is an {@code H}; {@link #handleType()} names that type so
 *       the reactor can check, once, when a descriptor is first registered, that its handle belongs to
 *       this backend. The poller itself never casts.</li>
 *   <li>{@link #openPoller()} and {@link #sockets()} are called only when available.</li>
 * </ul>
 * Implementations are stateless apart from that cached probe and are safe to share between reactors.
 *
 * @param <H> the handle type shared by this backend's poller and socket provider
 */
public interface ReactorBackend<H extends SelectableHandle> {

    /** The name users select this backend by, e.g. {@code "epoll"}. */
    String name();

    /** Higher is preferred when no backend was requested; only available backends are considered. */
    int priority();

    /** Empty when this backend can run here; otherwise a sentence saying why not. */
    Optional<String> unavailabilityReason();

    /** The class every handle of this backend is an instance of. */
    Class<H> handleType();

    /** Opens a new poller, owned by one reactor, which closes it when the reactor is done. */
    Poller<H> openPoller() throws IOException;

    /** The socket calls whose handles this backend's pollers accept. */
    SocketProvider sockets();

    /**
     * How this backend reaches the OS, and why that way, for diagnostics: for example
     * {@code "java.nio"}, or a native binding's name and the reason it was chosen. Never throws.
     */
    default String binding() {
        return "java.nio";
    }

    /**
     * A setting the user gave that this backend cannot honour (a native binding forced with
     * {@code -Dtwine.native} that cannot load, say), or empty. When any registered backend reports
     * one, {@link dev.twine.internet.Reactors#selectedBackend()}'s automatic choice fails with it instead
     * of quietly choosing another backend; a backend named with {@code -Dtwine.reactor} is judged on its
     * own error only. Never throws.
     */
    default Optional<String> configurationError() {
        return Optional.empty();
    }
}
