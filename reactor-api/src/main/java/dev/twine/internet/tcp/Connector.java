package dev.twine.internet.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.error.NotConnectingError;
import dev.twine.internet.error.TimeoutError;
import dev.twine.internet.error.UserError;
import java.lang.System.Logger.Level;
import dev.twine.internet.ssl.IContextFactory;
import java.net.InetSocketAddress;

/**
 * An outgoing TCP connection and its reconnections (Twisted's {@code tcp.Connector} over
 * {@code base.BaseConnector}, semantics.md §1.6): what {@code connectTCP} returns.
 *
 * <h2>States</h2>
 * {@code disconnected -> connecting -> connected -> disconnected}, and {@code connecting ->
 * disconnected} on failure. {@link #connect()} is allowed only when disconnected, so a factory reconnects
 * by calling it from {@code clientConnectionLost}/{@code clientConnectionFailed}, with the same
 * connector object.
 *
 * <h2>Order of calls</h2>
 * <ol>
 *   <li>{@link #connect()}: {@code factory.doStart()} (once per connector lifetime, until the matching
 *       doStop), a {@link ConnectAttempt} that starts on the next iteration, the timeout timer, then
 *       {@code factory.startedConnecting(this)}, all before {@code connectTCP} returns.</li>
 *   <li>Success: {@code factory.buildProtocol(peer)} (the state becomes connected and the timeout is
 *       cancelled), the transport starts reading, {@code protocol.makeConnection}.</li>
 *   <li>Failure (refused, DNS, bind, timeout, {@link #stopConnecting()}):
 *       {@code factory.clientConnectionFailed(this, reason)}, then {@code factory.doStop()} unless the
 *       factory called {@link #connect()} again.</li>
 *   <li>Loss after success: the protocol's {@code connectionLost}, then
 *       {@code factory.clientConnectionLost(this, reason)}, then {@code factory.doStop()} unless it
 *       reconnected ({@code test_loseOrder}).</li>
 * </ol>
 * Failure reasons: {@link TimeoutError} when the timeout given to {@code connectTCP} expires,
 * {@link UserError} for {@link #stopConnecting()}, otherwise what {@link dev.twine.internet.error.SocketErrors} maps the OS error
 * to ({@code ConnectionRefusedError}, {@code TCPTimedOutError}, {@code NoRouteError},
 * {@code ConnectBindError}, {@code DNSLookupError}, {@code ConnectError}).
 *
 * <p>Threading: reactor thread only.
 */
public final class Connector implements IConnector {
    private static final System.Logger LOG = System.getLogger(Connector.class.getName());

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    private final IReactor reactor;
    private final TcpContext context;
    private final String host;
    private final int port;
    private final ClientFactory factory;
    private final double timeout;
    private final InetSocketAddress bindAddress;
    /** The UNIX socket name for {@code connectUNIX} (semantics.md §8), or null for TCP. */
    private final String unixName;
    /** {@code connectUNIX}'s checkPID: the lock file must be held by a live process. */
    private final boolean checkPID;
    /** TLS for every connection this connector makes ({@code connectSSL}), or {@code null} for plain TCP. */
    private final IContextFactory contextFactory;

    private State state = State.DISCONNECTED;
    private boolean factoryStarted;
    private ConnectAttempt attempt;
    private Connection transport;
    private IDelayedCall timeoutCall;

    /**
     * A connector that has not started; {@link #connect()} starts it. ReactorBase's {@code connectTCP}
     * does both.
     *
     * @param host        a host name or IP literal
     * @param timeout     seconds before failing with {@link TimeoutError}; {@code <= 0} means none
     * @param bindAddress the local address to bind before connecting, or {@code null}
     */
    public Connector(IReactor reactor, String host, int port, ClientFactory factory, double timeout,
            InetSocketAddress bindAddress) {
        this(reactor, host, port, factory, timeout, bindAddress, null);
    }

    /**
     * A connector whose connections speak TLS as clients configured by {@code contextFactory}
     * ({@code connectSSL}); {@code null} means plain TCP. The engine is made when TCP connects, before
     * {@code buildProtocol}; if the factory throws, the attempt fails with a {@code ConnectError} naming it.
     */
    public Connector(IReactor reactor, String host, int port, ClientFactory factory, double timeout,
            InetSocketAddress bindAddress, IContextFactory contextFactory) {
        this.contextFactory = contextFactory;
        this.reactor = reactor;
        this.context = TcpContext.of(reactor);
        this.host = host;
        this.port = port;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.unixName = null;
        this.checkPID = false;
    }

    /**
     * A connector to a UNIX socket (semantics.md §8) that has not started; {@link #connect()} starts it.
     * ReactorBase's {@code connectUNIX} does both.
     *
     * @param name     a path, or a Linux abstract name starting with {@code '\0'}
     * @param checkPID fail with {@code BadFileError} unless {@code name + ".lock"} is held by a live process
     */
    public Connector(IReactor reactor, String name, ClientFactory factory, double timeout, boolean checkPID) {
        this.reactor = reactor;
        this.context = TcpContext.of(reactor);
        this.host = name;
        this.port = 0;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = null;
        this.unixName = name;
        this.checkPID = checkPID;
        this.contextFactory = null;
    }

    /**
     * Starts connecting; see the class comment for what runs synchronously.
     *
     * @throws IllegalStateException if already connecting or connected (Twisted's RuntimeError)
     */
    @Override
    public void connect() {
        if (state != State.DISCONNECTED) {
            throw new IllegalStateException("can't connect in this state: " + state);
        }
        state = State.CONNECTING;
        if (!factoryStarted) {
            factory.doStart();
            factoryStarted = true;
        }
        ConnectAttempt a = new ConnectAttempt(reactor, context, this, host, port, bindAddress, unixName, checkPID);
        attempt = a;
        if (timeout > 0 && !Double.isInfinite(timeout)) {
            timeoutCall = reactor.callLater(timeout, () -> a.failIfNotConnected(new TimeoutError()));
        }
        factory.startedConnecting(this);
    }

    /**
     * Abandons the attempt in progress: {@code clientConnectionFailed(UserError)} runs synchronously.
     *
     * @throws NotConnectingError if not connecting
     */
    @Override
    public void stopConnecting() {
        if (state != State.CONNECTING) {
            throw new NotConnectingError("we're not trying to connect");
        }
        state = State.DISCONNECTED;
        ConnectAttempt a = attempt;
        attempt = null;
        a.failIfNotConnected(new UserError());
    }

    /** Connecting: {@link #stopConnecting()}; connected: {@code transport.loseConnection()}; else nothing. */
    @Override
    public void disconnect() {
        if (state == State.CONNECTING) {
            stopConnecting();
        } else if (state == State.CONNECTED && transport != null) {
            transport.loseConnection();
        }
    }

    /** The destination as given to {@code connectTCP}: an {@code IPv6Address} for an IPv6 literal. */
    @Override
    public IAddress getDestination() {
        if (unixName != null) {
            return new UNIXAddress(unixName);
        }
        return Addresses.isIPv6Literal(host) ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    }

    /** The established connection's transport, or {@code null} when not connected. */
    public Connection transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "Connector[" + (unixName != null ? new UNIXAddress(unixName) : host + ":" + port) + ", " + state + "]";
    }

    // -- Called by ConnectAttempt and Connection --

    /** The host as given to connectTCP/connectSSL (what TLS verifies and sends with SNI). */
    String host() {
        return host;
    }

    /** The TLS configuration of connectSSL, or {@code null}. */
    IContextFactory contextFactory() {
        return contextFactory;
    }

    /** The connect succeeded: becomes connected, cancels the timeout and asks the factory for a protocol. */
    IProtocol buildProtocol(IAddress peer) {
        state = State.CONNECTED;
        attempt = null;
        cancelTimeout();
        return factory.buildProtocol(peer);
    }

    /** The attempt made its transport; {@link #disconnect()} uses it. */
    void connected(Connection connection) {
        transport = connection;
    }

    /** Twisted's {@code BaseConnector.connectionFailed}. */
    void connectionFailed(Failure reason) {
        cancelTimeout();
        attempt = null;
        transport = null;
        state = State.DISCONNECTED;
        try {
            factory.clientConnectionFailed(this, reason);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            LOG.log(Level.ERROR, factory.getClass().getName() + ": exception in clientConnectionFailed", e);
        }
        stopFactoryUnlessReconnected();
    }

    /** Twisted's {@code BaseConnector.connectionLost}: runs after the protocol's connectionLost. */
    void connectionLost(Failure reason) {
        state = State.DISCONNECTED;
        transport = null;
        try {
            factory.clientConnectionLost(this, reason);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            LOG.log(Level.ERROR, factory.getClass().getName() + ": exception in clientConnectionLost", e);
        }
        stopFactoryUnlessReconnected();
    }

    private void stopFactoryUnlessReconnected() {
        if (state == State.DISCONNECTED && factoryStarted) {
            factoryStarted = false;
            factory.doStop();
        }
    }

    private void cancelTimeout() {
        IDelayedCall t = timeoutCall;
        timeoutCall = null;
        if (t != null && t.active()) {
            t.cancel();
        }
    }
}
