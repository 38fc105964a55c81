package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorTCP;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.DNSLookupError;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * A TCP client endpoint over IPv6 (Twisted's {@code TCP6ClientEndpoint}, semantics.md §1.14.5). An IPv6
 * literal host is connected to at once; a name is first resolved off the reactor thread (the
 * {@link HostResolver}, by default the system resolver in the reactor's thread pool) and its first IPv6
 * address is used. Then it behaves as {@link TCP4ClientEndpoint}.
 *
 * <p>Failures: a name with no IPv6 address, or a failed lookup, errbacks with {@link DNSLookupError}.
 * Cancelling during the lookup errbacks with {@link ConnectingCancelledError} naming the host (Twisted's
 * gives a plain {@code CancelledError} there); later, as {@link TCP4ClientEndpoint}.
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class TCP6ClientEndpoint implements IStreamClientEndpoint {
    private final IReactorTCP reactor;
    private final HostResolver resolver;
    private final String host;
    private final int port;
    private final double timeout;
    private final InetSocketAddress bindAddress;

    /** A 30-second timeout and no local address, as Twisted's defaults; names resolve in the thread pool. */
    public TCP6ClientEndpoint(IReactor reactor, String host, int port) {
        this(reactor, HostResolver.inThreadPool(reactor), host, port, 30, null);
    }

    /**
     * @param resolver    resolves a host that is not an IPv6 literal
     * @param timeout     seconds before the connect fails with {@code TimeoutError}; {@code <= 0}: none
     * @param bindAddress local address to bind before connecting, or {@code null}
     */
    public TCP6ClientEndpoint(IReactorTCP reactor, HostResolver resolver, String host, int port, double timeout,
            InetSocketAddress bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        if (HostNames.isIPv6Literal(host)) {
            return connectTo(host, factory);
        }
        Deferred<List<InetAddress>> lookup;
        try {
            lookup = resolver.resolve(host);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        Lookup pending = new Lookup(lookup);
        Deferred<IProtocol> result = new Deferred<>(pending::cancel);
        lookup.addCallbacks(addresses -> {
            if (!pending.cancelled) {
                Deferred<IProtocol> connecting = firstIPv6(addresses)
                        .addDeferredCallback(literal -> connectTo(literal, factory));
                pending.connecting = connecting;
                connecting.chainDeferred(result);
            }
            return null;
        }, failure -> {
            if (!pending.cancelled) {
                result.errback(lookupFailed(failure));
            }
            return null;
        });
        return result;
    }

    private Deferred<String> firstIPv6(List<InetAddress> addresses) {
        for (InetAddress a : addresses) {
            if (a instanceof Inet6Address v6) {
                return Deferred.succeed(v6.getHostAddress());
            }
        }
        return Deferred.fail(new DNSLookupError("no IPv6 address for the hostname '" + host + "'"));
    }

    private Failure lookupFailed(Failure failure) {
        DNSLookupError e = new DNSLookupError("couldn't find the hostname '" + host + "': "
                + failure.getErrorMessage());
        e.initCause(failure.value());
        return new Failure(e);
    }

    private Deferred<IProtocol> connectTo(String literal, IProtocolFactory factory) {
        return new TCP4ClientEndpoint(reactor, literal, port, timeout, bindAddress).connect(factory);
    }

    /** The lookup (then the connect) a cancel must stop. */
    private final class Lookup {
        private final Deferred<List<InetAddress>> lookup;
        Deferred<IProtocol> connecting;
        boolean cancelled;

        Lookup(Deferred<List<InetAddress>> lookup) {
            this.lookup = lookup;
        }

        void cancel(Deferred<IProtocol> result) {
            if (connecting != null) {
                // The connect has begun: its own canceller gives ConnectingCancelledError naming the address.
                connecting.cancel();
                return;
            }
            cancelled = true;
            result.errback(new ConnectingCancelledError(new HostnameAddress(host, port)));
            lookup.cancel();
        }
    }

    @Override
    public String toString() {
        return "TCP6ClientEndpoint(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ")";
    }
}
