package dev.twine.internet.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.BadFileError;
import dev.twine.internet.unix.FilesystemLock;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Protocol;
import dev.twine.internet.base.RegisteredDescriptor;
import dev.twine.internet.error.ConnectError;
import dev.twine.internet.error.DNSLookupError;
import dev.twine.internet.error.SocketErrors;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import dev.twine.internet.ssl.IContextFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;

/**
 * One attempt of a {@link Connector} to connect: the "connecting" half of Twisted's {@code tcp.Client}
 * ({@code resolveAddress}, {@code doConnect}, {@code failIfNotConnected}, {@code _connectDone}). Once
 * connected it hands its socket to a new {@link Connection} and is done.
 *
 * <ol>
 *   <li>Created by {@link Connector#connect()}; everything else happens on later iterations (a
 *       {@code callLater(0)}), as in Twisted.</li>
 *   <li>Resolve: an IP literal needs no lookup; a host name is resolved with
 *       {@link InetAddress#getByName} on the reactor's thread pool, never on the reactor thread, and the
 *       answer comes back through {@code callFromThread}. A failed lookup is a {@link DNSLookupError}.</li>
 *   <li>Open a socket of the address's family, bind {@code bindAddress} if one was given (failure:
 *       {@code ConnectBindError}), start the non-blocking connect. While it is in progress the attempt
 *       is registered for reading and writing, like Twisted's {@code doConnect}, so that every backend
 *       reports completion and errors.</li>
 *   <li>On readiness, {@code finishConnect}: an OS error fails the attempt with the mapped error
 *       ({@link SocketErrors#connectError}); success deregisters the attempt and runs
 *       {@code _connectDone}: {@code buildProtocol(peer)}, transport starts reading, then
 *       {@code makeConnection}. A {@code null} protocol gets a placeholder {@link Protocol} and the
 *       connection is closed at once (Twisted). An exception from {@code connectionMade} closes the
 *       connection with that exception, as Twisted's reactor does when it escapes {@code doConnect}.</li>
 * </ol>
 * If the reactor disconnects the attempt (a hang-up without readable data, or shutdown), the pending
 * socket error is fetched with {@code finishConnect} so that a refused connection is still reported as
 * {@code ConnectionRefusedError} whatever the backend's readiness bits; otherwise the reason becomes a
 * {@code ConnectError}.
 *
 * <p>Threading: reactor thread only, except the name lookup it starts on the thread pool.
 */
final class ConnectAttempt extends RegisteredDescriptor implements IReadDescriptor, IWriteDescriptor {
    private static final System.Logger LOG = System.getLogger(ConnectAttempt.class.getName());

    private final IReactor reactor;
    private final TcpContext context;
    private final Connector connector;
    private final String host;
    private final int port;
    private final InetSocketAddress bindAddress;
    /** A UNIX socket name to connect to instead of host and port, or null (semantics.md §8). */
    private final String unixName;
    private final boolean checkPID;

    private IDelayedCall pendingStart;
    private StreamSocketHandle socket;
    private InetSocketAddress realAddress;
    /** Set once connected or failed; every later event is ignored. */
    private boolean done;

    ConnectAttempt(IReactor reactor, TcpContext context, Connector connector, String host, int port,
            InetSocketAddress bindAddress, String unixName, boolean checkPID) {
        this.unixName = unixName;
        this.checkPID = checkPID;
        this.reactor = reactor;
        this.context = context;
        this.connector = connector;
        this.host = host;
        this.port = port;
        this.bindAddress = bindAddress;
        context.track(this);
        pendingStart = reactor.callLater(0, this::resolve);
    }

    /**
     * Fails the attempt unless it is already connected or finished (Twisted's
     * {@code failIfNotConnected}): deregisters, closes the socket, then tells the connector.
     */
    void failIfNotConnected(Exception error) {
        if (done) {
            return;
        }
        done = true;
        if (pendingStart != null && pendingStart.active()) {
            pendingStart.cancel();
        }
        pendingStart = null;
        closeSocket();
        context.forget(this);
        connector.connectionFailed(new Failure(error));
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    @Override
    public Exception doRead() {
        doConnect();
        return null;
    }

    @Override
    public Exception doWrite() {
        doConnect();
        return null;
    }

    /**
     * The reactor disconnected the attempt before it finished (hang-up or error readiness without
     * readable data, an error the poller delivered with the event, or shutdown). The connect error is
     * the one the poller delivered if it did (kqueue hands it over in {@code fflags}, and libkqueue has
     * already cleared {@code SO_ERROR} by then), else the socket's own {@code SO_ERROR}.
     */
    @Override
    public void connectionLost(Failure reason) {
        if (done) {
            return;
        }
        Exception error = null;
        if (reason.value().getCause() instanceof SocketErrorException delivered) {
            error = SocketErrors.connectError(delivered);
        } else if (socket != null && socket.isOpen()) {
            try {
                socket.finishConnect();
            } catch (IOException e) {
                error = SocketErrors.connectError(e);
            }
        }
        if (error == null) {
            error = new ConnectError(null, reason.getErrorMessage());
        }
        failIfNotConnected(error);
    }

    @Override
    public String logPrefix() {
        return unixName != null ? "Connecting to " + new UNIXAddress(unixName) : "Connecting to " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectAttempt[" + host + ":" + port + (done ? ", done" : "") + "]";
    }

    // -- Internals --

    private void resolve() {
        pendingStart = null;
        if (done) {
            return;
        }
        if (unixName != null) {
            startConnectingUnix();
            return;
        }
        InetAddress literal = Addresses.literal(host);
        if (literal != null) {
            startConnecting(new InetSocketAddress(literal, port));
            return;
        }
        // A real lookup may block for seconds: run it on the reactor's thread pool (Twisted's
        // GAIResolver does the same) and come back to the reactor thread with the answer.
        String name = host;
        reactor.callInThread(() -> {
            try {
                InetAddress resolved = InetAddress.getByName(name);
                reactor.callFromThread(() -> startConnecting(new InetSocketAddress(resolved, port)));
            } catch (UnknownHostException | SecurityException e) {
                reactor.callFromThread(() -> failIfNotConnected(
                        new DNSLookupError(null, "address " + name + " not found: " + e.getMessage())));
            }
        });
    }

    private void startConnecting(InetSocketAddress address) {
        if (done) {
            return;
        }
        realAddress = address;
        try {
            socket = reactor.sockets().openStream(Addresses.isIPv6(address.getAddress())
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        } catch (IOException e) {
            failIfNotConnected(SocketErrors.connectError(e));
            return;
        }
        if (bindAddress != null) {
            try {
                socket.bind(bindAddress);
            } catch (IOException e) {
                failIfNotConnected(SocketErrors.bindError(e));
                return;
            }
        }
        boolean connectedNow;
        try {
            connectedNow = socket.connect(address);
        } catch (IOException e) {
            failIfNotConnected(SocketErrors.connectError(e));
            return;
        }
        if (connectedNow) {
            connectDone();
        } else {
            reactor.addReader(this);
            reactor.addWriter(this);
        }
    }

    /**
     * Twisted's {@code unix.Client}: with checkPID, a lock file not held by a live process fails the attempt
     * with {@code BadFileError} before any socket exists.
     */
    private void startConnectingUnix() {
        if (checkPID && !FilesystemLock.isLocked(unixName + ".lock")) {
            failIfNotConnected(new BadFileError(null, unixName + ": lock file " + unixName + ".lock is not locked"));
            return;
        }
        try {
            socket = reactor.sockets().openUnixStream();
        } catch (IOException e) {
            failIfNotConnected(SocketErrors.connectError(e));
            return;
        }
        boolean connectedNow;
        try {
            connectedNow = socket.connectUnix(unixName);
        } catch (IOException e) {
            ConnectError error = SocketErrors.connectError(e);
            failIfNotConnected(error);
            return;
        }
        if (connectedNow) {
            connectDone();
        } else {
            reactor.addReader(this);
            reactor.addWriter(this);
        }
    }

    private void doConnect() {
        if (done || socket == null) {
            return;
        }
        try {
            if (!socket.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            failIfNotConnected(SocketErrors.connectError(e));
            return;
        }
        reactor.removeReader(this);
        reactor.removeWriter(this);
        connectDone();
    }

    /** Twisted's {@code _connectDone}: protocol, transport, reading, makeConnection, in that order. */
    private void connectDone() {
        IAddress peer;
        IAddress local;
        try {
            peer = unixName != null ? new UNIXAddress(unixName) : Addresses.tcp(realAddress);
            local = Addresses.host(socket);
        } catch (IOException e) {
            failIfNotConnected(SocketErrors.connectError(e));
            return;
        }
        javax.net.ssl.SSLEngine engine = null;
        IContextFactory tlsFactory = connector.contextFactory();
        if (tlsFactory != null) {
            try {
                engine = tlsFactory.createEngine(true, connector.host(), port);
            } catch (RuntimeException e) {
                ConnectError error = new ConnectError(null, "cannot make a TLS engine: " + e);
                error.initCause(e);
                failIfNotConnected(error);
                return;
            }
        }
        IProtocol protocol;
        try {
            protocol = connector.buildProtocol(peer);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            // In Twisted the exception escapes doConnect before the client counts as connected, so the
            // attempt fails; Twine logs it and does the same.
            LOG.log(Level.ERROR, "exception in buildProtocol for " + peer, e);
            ConnectError error = new ConnectError(null, "buildProtocol failed: " + e);
            error.initCause(e);
            failIfNotConnected(error);
            return;
        }
        done = true;
        context.forget(this);
        boolean refused = protocol == null;
        if (refused) {
            // Factory.buildProtocol may return null: a placeholder protocol gets connectionLost, and the
            // connection is closed at once (Twisted's _connectDone).
            protocol = new Protocol();
        }
        String logstr = Connection.protocolPrefix(protocol) + ",client";
        Connection transport = Connection.create(reactor, context, socket, protocol, peer, local, logstr, connector);
        socket = null;
        connector.connected(transport);
        if (refused) {
            transport.loseConnection();
            return;
        }
        if (engine != null) {
            try {
                transport.beginTLS(engine, tlsFactory.handshakeTimeout());
            } catch (IllegalStateException e) {
                LOG.log(Level.ERROR, logstr + ": " + e.getMessage(), e);
                transport.connectionLost(new Failure(e));
                return;
            }
        }
        transport.startReading();
        try {
            protocol.makeConnection(transport);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            LOG.log(Level.ERROR, logstr + ": exception in connectionMade", e);
            transport.connectionLost(new Failure(e));
        }
    }

    private void closeSocket() {
        StreamSocketHandle s = socket;
        if (s == null) {
            return;
        }
        // Deregister while handle() still answers: the reactor may look the handle up to remove it.
        reactor.removeReader(this);
        reactor.removeWriter(this);
        socket = null;
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, logPrefix() + ": close failed: " + e.getMessage());
        }
    }
}
