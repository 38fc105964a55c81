package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IReactorThreads;
import dev.twine.internet.threads.Threads;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Turns a host name into addresses for {@link HostnameEndpoint} and {@link TCP6ClientEndpoint}: Twine's
 * seam where Twisted's endpoints take the reactor's {@code nameResolver} or their {@code _getaddrinfo} hook.
 * Tests supply their own to return chosen loopback addresses.
 *
 * <p>Contract: {@link #resolve} is called on the reactor thread and must not block it; the Deferred fires
 * on the reactor thread with the addresses in the order to try them (possibly none), or errbacks with the
 * reason the lookup failed. Cancelling it means the caller no longer wants the answer.
 */
@FunctionalInterface
public interface HostResolver {
    /** Looks {@code host} up; see the interface comment. */
    Deferred<List<InetAddress>> resolve(String host);

    /**
     * The system resolver ({@link InetAddress#getAllByName}, which is {@code getaddrinfo} on POSIX) run in
     * the reactor's thread pool, as Twisted's endpoints run {@code getaddrinfo} with {@code deferToThread}.
     * The order is the system's, which already sorts by RFC 6724 (and by {@code java.net.preferIPv6Addresses}).
     */
    static HostResolver inThreadPool(IReactorThreads reactor) {
        Objects.requireNonNull(reactor, "reactor");
        return host -> Threads.deferToThread(reactor, () -> List.of(InetAddress.getAllByName(host)));
    }
}
