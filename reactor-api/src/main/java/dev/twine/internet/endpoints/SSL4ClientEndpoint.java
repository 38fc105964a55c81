package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorSSL;
import dev.twine.internet.ssl.IContextFactory;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TLS client endpoint over TCP (Twisted's {@code SSL4ClientEndpoint}, semantics.md §4.9): each
 * {@code connect} is one {@code reactor.connectSSL(host, port, ..., contextFactory, timeout, bindAddress)}.
 * The Deferred fires with the protocol after its {@code connectionMade}, which runs when TCP connects,
 * before the handshake (semantics.md §4.1); a failed handshake then reaches the protocol's
 * {@code connectionLost}. Failures to connect and cancellation are as for {@link TCP4ClientEndpoint}.
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class SSL4ClientEndpoint implements IStreamClientEndpoint {
    private final IReactorSSL reactor;
    private final String host;
    private final int port;
    private final IContextFactory contextFactory;
    private final double timeout;
    private final InetSocketAddress bindAddress;

    /** A 30-second timeout and no local address, as Twisted's defaults. */
    public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port, IContextFactory contextFactory) {
        this(reactor, host, port, contextFactory, 30, null);
    }

    /**
     * @param timeout     seconds before the attempt fails with {@code TimeoutError}; {@code <= 0}: none
     * @param bindAddress local address to bind before connecting, or {@code null}
     */
    public SSL4ClientEndpoint(IReactorSSL reactor, String host, int port, IContextFactory contextFactory,
            double timeout, InetSocketAddress bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
        this.timeout = timeout;
        this.bindAddress = bindAddress;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        try {
            WrappingFactory wrapping = new WrappingFactory(factory);
            reactor.connectSSL(host, port, wrapping, contextFactory, timeout, bindAddress);
            return wrapping.onConnection();
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public double timeout() {
        return timeout;
    }

    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    public IContextFactory contextFactory() {
        return contextFactory;
    }

    @Override
    public String toString() {
        return "SSL4ClientEndpoint(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ", " + contextFactory + ")";
    }
}
