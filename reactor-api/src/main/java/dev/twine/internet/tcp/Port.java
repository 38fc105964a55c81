package dev.twine.internet.tcp;

import dev.twine.internet.base.CloseWaiters;
import dev.twine.internet.base.Handles;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.base.RegisteredDescriptor;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.NotListeningError;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * A listening TCP port (Twisted's {@code tcp.Port}, semantics.md §1.5): what {@code listenTCP} returns.
 *
 * <h2>Listening</h2>
 * {@link #startListening()} is synchronous: it reserves the spare descriptor ({@link ReservedDescriptor}),
 * binds and listens ({@link CannotListenError} on failure), logs {@code "<factory> starting on <port>"},
 * runs {@code factory.doStart()}, and registers for accept readiness. Port 0 picks a free port, which
 * {@link #getHost()} reports. Interface {@code ""} means every IPv4 interface ({@code 0.0.0.0}); an IPv6
 * literal gives an IPv6 port and {@code IPv6Address}es.
 *
 * <h2>Accepting</h2>
 * Each accept readiness event accepts up to {@code numberAccepts} connections, which adapts like
 * Twisted's (#3290): it starts at 100, grows by 20 whenever a batch fills it, and otherwise shrinks to
 * the number accepted (at least 1). For each client: {@code factory.buildProtocol(peer)} ({@code null}
 * closes the socket), a new {@link Connection} that starts reading, then
 * {@code protocol.makeConnection(transport)}. An exception from {@code buildProtocol} closes that one
 * client; an exception from {@code makeConnection}/{@code connectionMade} is logged and the connection
 * stays open (semantics.md, experiment E5). A failed {@code accept} is {@link AcceptFailures}' business: retries,
 * EMFILE recovery through a reserved descriptor, and a short back-off where Twisted would spin.
 *
 * <h2>Stopping</h2>
 * {@link #stopListening()} stops accepting at once and closes the socket on a later iteration (a
 * {@code callLater(0)}): it logs {@code "(TCP Port N Closed)"}, closes the socket, runs
 * {@code factory.doStop()} and then fires the returned Deferred, or errbacks it with the exception
 * {@code stopFactory} threw. Connections already accepted are unaffected. The port can then
 * {@link #startListening()} again, even after such an errback. Reactor shutdown closes the port the same
 * way, through {@link #connectionLost}.
 *
 * <p>Threading: reactor thread only.
 */
public final class Port extends RegisteredDescriptor implements IListeningPort, IReadDescriptor {
    /** Twisted's initial {@code numberAccepts} on POSIX. */
    static final int INITIAL_ACCEPTS = 100;
    /** Twisted's growth step when a batch filled the limit. */
    static final int ACCEPT_GROWTH = 20;

    private static final System.Logger LOG = System.getLogger(Port.class.getName());

    private final IReactor reactor;
    private final TcpContext context;
    private final ListenTarget target;
    private final IProtocolFactory factory;
    private final int backlog;
    private final AcceptFailures acceptFailures;
    /** Deferreds returned by stopListening, fired when the pending close completes. */
    private final CloseWaiters closeWaiters = new CloseWaiters();
    /** Where accepted sockets go when another reactor serves them; null to serve them here. */
    private final HandOff handOff;
    /** TLS for every accepted connection ({@code listenSSL}), or {@code null} for plain TCP. */
    private final IContextFactory contextFactory;

    private ListeningSocketHandle socket;
    private IAddress boundAddress;
    private boolean listening;
    private boolean disconnecting;
    private int numberAccepts = INITIAL_ACCEPTS;
    private int sessionno;
    private IDelayedCall pendingClose;

    /**
     * A port that is not listening yet; {@link #startListening()} starts it. ReactorBase's
     * {@code listenTCP} does both.
     *
     * @param port    the port number, 0 for any free one
     * @param backlog the listen queue length
     * @param iface   the local address to bind: {@code ""} for all IPv4 interfaces, or a literal
     */
    public Port(IReactor reactor, int port, IProtocolFactory factory, int backlog, String iface) {
        this(reactor, new TcpListenTarget(iface == null ? "" : iface, port, false), factory, backlog, null);
    }

    /**
     * A port for a {@code ReactorGroup} (semantics.md §5.2). With {@code balanced}, the socket is opened with
     * {@link dev.twine.spi.SocketProvider#listenBalanced}, so every member may listen on the same address
     * and the kernel spreads connections. With a {@code handOff}, every accepted socket goes to it instead
     * of being served on this reactor (the group's single acceptor). With {@code false} and {@code null},
     * the same as the five-argument constructor. {@code factory} gets {@code doStart}/{@code doStop} either
     * way.
     */
    public Port(IReactor reactor, int port, IProtocolFactory factory, int backlog, String iface, boolean balanced,
            HandOff handOff) {
        this(reactor, new TcpListenTarget(iface == null ? "" : iface, port, balanced), factory, backlog, handOff, null);
    }

    /**
     * A port whose connections speak TLS as servers configured by {@code contextFactory}
     * ({@code listenSSL}, semantics.md §4.1); {@code null} means plain TCP. Each client's engine is made
     * before {@code buildProtocol}; if the factory throws, that client is logged and closed.
     */
    public Port(IReactor reactor, int port, IProtocolFactory factory, int backlog, String iface,
            IContextFactory contextFactory) {
        this(reactor, new TcpListenTarget(iface == null ? "" : iface, port, false), factory, backlog, null,
                contextFactory);
    }

    /**
     * A port on any {@link ListenTarget}: {@code listenUNIX} passes a UNIX socket's (semantics.md §8). The
     * accepting, serving and stopping are the same as for TCP; {@code handOff} as above, {@code null} to serve
     * here.
     */
    public Port(IReactor reactor, ListenTarget target, IProtocolFactory factory, int backlog, HandOff handOff) {
        this(reactor, target, factory, backlog, handOff, null);
    }

    private Port(IReactor reactor, ListenTarget target, IProtocolFactory factory, int backlog, HandOff handOff,
            IContextFactory contextFactory) {
        if (handOff != null && contextFactory != null) {
            // A handed-off socket is served by another reactor through its own path, which has no TLS yet.
            throw new IllegalArgumentException("a TLS port cannot hand its sockets off to a group");
        }
        this.contextFactory = contextFactory;
        this.target = target;
        this.handOff = handOff;
        this.reactor = reactor;
        this.context = TcpContext.of(reactor);
        this.factory = factory;
        this.backlog = backlog;
        this.acceptFailures = new AcceptFailures(reactor, this);
    }

    @Override
    public void startListening() {
        if (listening) {
            throw new IllegalStateException("already listening on " + boundAddress);
        }
        acceptFailures.reserve();
        ListeningSocketHandle s;
        try {
            s = target.open(reactor.sockets(), backlog);
        } catch (RuntimeException | Error e) {
            acceptFailures.portClosed();
            throw e;
        }
        boolean started = false;
        try {
            boundAddress = target.boundAddress(s);
            LOG.log(Level.INFO, factoryPrefix() + " starting on " + target.describe(boundAddress));
            factory.doStart();
            started = true;
        } catch (IOException e) {
            throw target.cannotListen(e);
        } finally {
            if (!started) {
                // startFactory threw (or getsockname failed): leave nothing open behind the exception.
                acceptFailures.portClosed();
                Handles.closeQuietly(s, logPrefix());
                target.closed();
            }
        }
        socket = s;
        listening = true;
        disconnecting = false;
        numberAccepts = INITIAL_ACCEPTS;
        context.track(this);
        reactor.addReader(this);
    }

    /**
     * Stops accepting now and closes on a later iteration; see the class comment. Calling it again
     * before the close completes returns another Deferred fired at the same time.
     *
     * @return fires (with {@code null}) after {@code factory.doStop()}; already fired if not listening
     */
    @Override
    public Deferred<Void> stopListening() {
        if (!listening) {
            return Deferred.succeed(null);
        }
        Deferred<Void> done = closeWaiters.add();
        if (!disconnecting) {
            disconnecting = true;
            reactor.removeReader(this);
            acceptFailures.cancelBackoff();
            pendingClose = reactor.callLater(0, () -> {
                pendingClose = null;
                connectionLost(new Failure(Main.CONNECTION_DONE));
            });
        }
        return done;
    }

    /**
     * The bound address, with the real port number when port 0 was asked for. Kept after
     * {@link #stopListening()} (the last address listened on).
     *
     * @throws NotListeningError if the port never listened
     */
    @Override
    public IAddress getHost() {
        if (boundAddress == null) {
            throw new NotListeningError(target.describe(null) + " has not listened yet");
        }
        return boundAddress;
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    /** Accepts a batch of pending connections; see the class comment. Always returns {@code null}. */
    @Override
    public Exception doRead() {
        if (!listening || disconnecting) {
            return null;
        }
        int budget = numberAccepts;
        int accepted = 0;
        int attempts = 0;
        while (attempts < budget && listening && !disconnecting) {
            attempts++;
            StreamSocketHandle client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!acceptFailures.handle(e, socket, budget - attempts)) {
                    break;
                }
                continue;
            }
            if (client == null) {
                break;
            }
            accepted++;
            serve(client);
        }
        // Scale the batch with the traffic (Twisted's Port.doRead, test_acceptScaling).
        numberAccepts = accepted == budget ? numberAccepts + ACCEPT_GROWTH : Math.max(1, accepted);
        return null;
    }

    /**
     * The port is closed: called by the delayed close of {@link #stopListening()} or by the reactor at
     * shutdown (with {@code ConnectionLost}). Logs, closes the socket and the spare descriptor, runs
     * {@code factory.doStop()} and fires the waiting Deferreds. Idempotent.
     */
    @Override
    public void connectionLost(Failure reason) {
        if (!listening) {
            return;
        }
        listening = false;
        cancel(pendingClose);
        pendingClose = null;
        reactor.removeReader(this);
        LOG.log(Level.INFO, "(" + boundAddress.type() + " Port " + target.describe(boundAddress) + " Closed)");
        Handles.closeQuietly(socket, logPrefix());
        socket = null;
        try {
            target.closed();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, logPrefix() + ": releasing " + target.describe(boundAddress) + " failed", e);
        }
        acceptFailures.portClosed();
        context.forget(this);
        Throwable stopError = null;
        try {
            factory.doStop();
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            stopError = e;
        } finally {
            disconnecting = false;
        }
        closeWaiters.fire(stopError, LOG, logPrefix(), "stopFactory");
    }

    /** Twisted's {@code Port.logPrefix}: the factory's qualified class name. */
    @Override
    public String logPrefix() {
        return factory.getClass().getName();
    }

    /** True from {@link #startListening()} until the socket is closed. */
    public boolean isListening() {
        return listening;
    }

    /** The current accept batch limit (Twisted's {@code numberAccepts}), for tests and diagnostics. */
    public int numberAccepts() {
        return numberAccepts;
    }

    @Override
    public String toString() {
        return "Port[" + factory.getClass().getName() + (listening ? " on " + target.describe(boundAddress) : ", not listening") + "]";
    }

    // -- Internals --

    /** Builds the protocol and transport for one accepted client here, or hands it to another reactor. */
    private void serve(StreamSocketHandle client) {
        int session = sessionno++;
        if (handOff != null) {
            handOff.accepted(client, session, boundAddress);
        } else {
            AcceptedConnection.serve(reactor, factory, client, boundAddress, session, contextFactory);
        }
    }

    /**
     * Receives each socket a {@link Port} accepted, on the port's reactor thread, instead of the port
     * serving it: it owns the socket from then on and must serve or close it.
     */
    @FunctionalInterface
    public interface HandOff {
        /**
         * @param client    the accepted, non-blocking socket, registered with no reactor
         * @param session   the port's session number for this client (Twisted's {@code sessionno})
         * @param listening the port's bound address, the fallback for the client's {@code getHost()}
         */
        void accepted(StreamSocketHandle client, int session, IAddress listening);
    }

    private String factoryPrefix() {
        return factory instanceof ILoggingContext ctx ? ctx.logPrefix() : factory.getClass().getName();
    }

    private static void cancel(IDelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
    }

}
