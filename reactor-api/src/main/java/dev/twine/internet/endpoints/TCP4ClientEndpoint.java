package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTCP;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP client endpoint (Twisted's {@code TCP4ClientEndpoint}, semantics.md §1.14.4): each {@code connect}
 * is one {@code reactor.connectTCP(host, port, ..., timeout, bindAddress)}. The host may be an IPv4
 * literal or a name, which the reactor resolves as {@code connectTCP} does.
 *
 * <p>{@code connect}'s Deferred fires with the factory's protocol after its {@code connectionMade}, or
 * errbacks with a {@link dev.twine.internet.error.ConnectError} subclass ({@code ConnectionRefusedError},
 * {@code TimeoutError}, {@code DNSLookupError}, ...), with what {@code buildProtocol} threw, or with
 * {@link dev.twine.internet.error.NoProtocol}. Cancelling it stops the connector and errbacks with
 * {@link dev.twine.internet.error.ConnectingCancelledError}. The factory is started when the attempt
 * starts and stopped when the attempt fails or the connection ends, as for {@code connectTCP}.
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class TCP4ClientEndpoint implements IStreamClientEndpoint {
    private final IReactorTCP reactor;
    private final String host;
    private final int port;
    private final double timeout;
    private final InetSocketAddress bindAddress;

    /** A 30-second timeout and no local address, as Twisted's defaults. */
    public TCP4ClientEndpoint(IReactorTCP reactor, String host, int port) {
        this(reactor, host, port, 30, null);
    }

    /**
     * @param timeout     seconds before the attempt fails with {@code TimeoutError}; {@code <= 0}: none
     * @param bindAddress local address to bind before connecting, or {@code null}
     */
    public TCP4ClientEndpoint(IReactorTCP reactor, String host, int port, double timeout,
            InetSocketAddress bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
    }

    /**
     * Connects; see the class comment. Anything {@code connectTCP} throws synchronously comes back as a
     * failed Deferred, as Twisted's {@code except BaseException: return defer.fail()}.
     */
    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        return Endpoints.connectVia(factory, f -> reactor.connectTCP(host, port, f, timeout, bindAddress));
    }

    /** The host to connect to, as given. */
    public String host() {
        return host;
    }

    /** The port to connect to. */
    public int port() {
        return port;
    }

    /** The connect timeout in seconds ({@code <= 0}: none). */
    public double timeout() {
        return timeout;
    }

    /** The local address bound before connecting, or {@code null}. */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(host='" + host + "', port=" + port + ", timeout=" + timeout
                + (bindAddress == null ? "" : ", bindAddress=" + bindAddress) + ")";
    }
}
