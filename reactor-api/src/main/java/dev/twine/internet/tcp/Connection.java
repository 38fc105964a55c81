package dev.twine.internet.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IHalfCloseableDescriptor;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.IProducer;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.ISSLTransport;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.base.RegisteredDescriptor;
import dev.twine.internet.error.ConnectionAborted;
import dev.twine.internet.error.SocketErrors;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.internet.IDelayedCall;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One TCP connection: the transport a protocol writes to, and the descriptor the reactor reads and
 * writes through (Twisted's {@code tcp.Connection} over {@code abstract.FileDescriptor}, semantics.md §1.7-1.8).
 * Servers get one from {@link Port}, clients from {@link Connector}; there is no public constructor.
 *
 * <h2>Callback order (semantics.md §1.9)</h2>
 * The connection starts reading <em>before</em> {@code protocol.makeConnection(this)}, on both sides, so
 * a {@link #pauseProducing()} inside {@code connectionMade} sticks. Then {@code dataReceived}* and exactly
 * one {@code connectionLost}; after it the connection holds no reference to the protocol.
 *
 * <h2>Reading</h2>
 * On read readiness it reads into the reactor's shared 64 KiB direct buffer and hands
 * {@code dataReceived} a read-only view that is valid only during the call. It reads again while reads
 * fill the whole buffer, at most {@value #MAX_READS_PER_EVENT} times per event, and stops as soon as the
 * protocol pauses or closes the transport. End of stream is {@code ConnectionDone} (or, for an
 * {@link IHalfCloseableProtocol}, {@code readConnectionLost()}: the reactor calls
 * {@link #readConnectionLost}); a read error is {@code ConnectionLost}. An exception from
 * {@code dataReceived} propagates to the reactor, which logs it and closes this connection, and only
 * this one, with that exception as the reason (semantics.md §1.10).
 *
 * <h2>Writing</h2>
 * {@code write}, {@code write(ByteBuffer)} and {@code writeSequence} copy into a {@link WriteBuffer} of
 * pooled direct chunks and register the connection as a writer; nothing is sent inside the call. The
 * reactor's optimistic flush or write readiness sends it with gathering writes. The connection stays a
 * writer only while it has bytes (or a pending close) to write; with an empty buffer it is never left in
 * the writer set (level-triggered pollers would spin: Twisted #2809, #11618). Writes after
 * {@link #loseConnection()} are still delivered; writes after {@link #loseWriteConnection()} completed,
 * after {@link #abortConnection()}, or after the connection is gone are dropped silently.
 *
 * <h2>Producers</h2>
 * See {@link ProducerCoupling}: a streaming producer is paused when more than 64 KiB is buffered and
 * resumed when the buffer is empty; a pull producer is resumed on every drain.
 * <b>Twine's decision (Twisted #6461):</b> while any producer is registered, {@link #loseConnection()}
 * and {@link #loseWriteConnection()} wait until it is unregistered, as Twisted's documentation promises
 * but its code does not do for an unpaused streaming producer. The transport itself is a push producer:
 * pausing it stops reading, resuming starts reading again (unless closing), stopping it loses the
 * connection.
 *
 * <h2>Closing</h2>
 * {@link #loseConnection()} stops reading, flushes, then closes with {@code ConnectionDone}.
 * {@link #abortConnection()} deregisters, discards every buffered byte, closes the socket at once with
 * a reset ({@code SO_LINGER {1,0}}, so the peer sees {@code ConnectionLost}) and delivers
 * {@code connectionLost(ConnectionAborted)} from a {@code callLater(0)}, never re-entrantly from inside
 * {@code dataReceived} or {@code resumeProducing}. {@link #loseWriteConnection()} half-closes after the
 * flush. For a client, the connector's {@code clientConnectionLost} follows the protocol's
 * {@code connectionLost}.
 *
 * <h2>States</h2>
 * How our side closes is one {@link ConnectionState}. Each event in the diagram is handled by one method,
 * which makes its transitions; a call that the diagram does not show for the current state is a no-op (repeated or late
 * {@code loseConnection}, {@code loseWriteConnection} and {@code abortConnection} calls are harmless, as in
 * Twisted, semantics.md §1.7).
 * <pre>{@code
 *            loseWriteConnection()                     flushed [1]
 *   OPEN ---------------------------> WRITE_CLOSING ----------------> WRITE_CLOSED
 *    |                                     |                              |
 *    | loseConnection()                    | loseConnection()             | loseConnection() [2]
 *    v                                     |                              |
 *   CLOSING <------------------------------+                              |
 *    |                                                                    |
 *    | flushed [1]: doWrite() returns ConnectionDone                      |
 *    | and the reactor calls connectionLost                               |
 *    v                                                                    |
 *   CLOSED <--------------------------------------------------------------+
 *    ^
 *    | connectionLost(ConnectionAborted) from the callLater(0) [3]
 *    |
 *   ABORTING <---- abortConnection(), from OPEN, WRITE_CLOSING, WRITE_CLOSED or CLOSING
 *
 *   any state but CLOSED ---- connectionLost(reason) [4] ----> CLOSED
 * }</pre>
 * <ol>
 *   <li>flushed: {@code doWrite()} emptied the buffer and no producer is registered (a registered one holds
 *       the close back until {@code unregisterProducer()}, which makes the connection a writer again).
 *       From WRITE_CLOSING the state changes <em>before</em> {@code writeConnectionLost()}, so a
 *       {@code loseConnection()} made inside it closes at once.</li>
 *   <li>At once, with {@code ConnectionDone}: no flush is left to complete the close (Twisted's
 *       {@code loseConnection} after {@code _writeDisconnected}).</li>
 *   <li>Or earlier, if the reactor disconnects the connection first (an exception from
 *       {@code dataReceived} after the abort is the reason then, semantics.md §1.10).</li>
 *   <li>From the reactor (a read or write error, end of stream for a protocol that is not
 *       half-closeable, an exception from a callback, shutdown) or from this class.</li>
 * </ol>
 * Writes are buffered in OPEN, WRITE_CLOSING and CLOSING, and dropped otherwise. Reading may run in
 * OPEN, WRITE_CLOSING and WRITE_CLOSED; besides the state it has two facts of its own, independent of
 * how our side closes: whether the transport is paused ({@link #isReading()}), and whether the peer's end
 * of stream was seen (then reading never starts again, whatever the state).
 *
 * <h2>TLS</h2>
 * A connection from {@code listenSSL}/{@code connectSSL}, or one that called {@link #startTLS}, passes its
 * bytes through a {@link TlsLayer} (semantics.md §4): reads are unwrapped before {@code dataReceived},
 * writes are kept as plaintext and sealed when the connection flushes, so the writes of one loop pass
 * share records. The states above still describe our side's close; through TLS, the flush that completes
 * {@code loseConnection} or {@code loseWriteConnection} ends with our close_notify, the peer's
 * close_notify is the end of stream, and a TCP end of stream without it is {@code ConnectionLost}. While
 * the handshake is incomplete, {@code loseConnection} keeps reading (for the handshake only) so that the
 * plaintext written before it can still be sealed and sent.
 *
 * <p>Threading: reactor thread only, like every transport.
 */
public sealed class Connection extends RegisteredDescriptor implements ISSLTransport, IReadDescriptor, IWriteDescriptor,
        IHalfCloseableDescriptor permits UnixConnection {
    /**
     * Reads per readiness event when every read fills the buffer: 16 x 64 KiB = 1 MiB, after which the
     * other ready descriptors get their turn (level-triggered polling reports the rest again).
     */
    static final int MAX_READS_PER_EVENT = 16;

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final IReactor reactor;
    private final TcpContext context;
    private final StreamSocketHandle socket;
    private final WriteBuffer outbound;
    private final ProducerCoupling producers = new ProducerCoupling();
    private final IAddress peer;
    private final IAddress host;
    private final String logstr;
    /** The client's connector, told after the protocol when the connection is lost; null on servers. */
    private final Connector connector;

    private IProtocol protocol;
    /** How our side is closing; the diagram is in the class comment. */
    private ConnectionState state = ConnectionState.OPEN;
    /**
     * Twisted's {@code disconnecting} attribute, read only by {@link #isDisconnecting()}: set when
     * {@code loseConnection()} enters CLOSING and, as in Twisted, never cleared, so it stays true through
     * a later abort and after the close. No transition depends on it.
     */
    private boolean disconnecting;
    /** The reactor should deliver read readiness (not paused, not closing); never true with {@link #readClosed}. */
    private boolean reading;
    /** The peer's EOF was seen and handed to {@code readConnectionLost}: never read again. */
    private boolean readClosed;
    /** The TLS record layer, or {@code null} while the connection is plaintext. */
    private TlsLayer tls;
    /** A pending unwrap of ciphertext kept while the protocol was paused (see {@link #resumeProducing()}). */
    private IDelayedCall tlsResume;
    /**
     * The handshake completed inside the TLS layer, and the protocol has not yet heard of it. The layer may
     * complete it in the middle of sealing, where no user callback may run, so it is reported once the
     * layer's call has returned, or before the first plaintext it delivers, whichever comes first.
     */
    private boolean handshakeUnreported;

    Connection(IReactor reactor, TcpContext context, StreamSocketHandle socket, IProtocol protocol,
            IAddress peer, IAddress host, String logstr, Connector connector) {
        this.reactor = reactor;
        this.context = context;
        this.socket = socket;
        this.outbound = new WriteBuffer(context.chunks);
        this.protocol = protocol;
        this.peer = peer;
        this.host = host;
        this.logstr = logstr;
        this.connector = connector;
        context.track(this);
    }

    /**
     * The transport for {@code socket}: a {@link UnixConnection} for an {@code AF_UNIX} socket (it adds
     * {@code IUNIXTransport}, semantics.md §8.7), else a plain connection.
     */
    static Connection create(IReactor reactor, TcpContext context, StreamSocketHandle socket, IProtocol protocol,
            IAddress peer, IAddress host, String logstr, Connector connector) {
        return host instanceof dev.twine.internet.UNIXAddress
                ? new UnixConnection(reactor, context, socket, protocol, peer, host, logstr, connector)
                : new Connection(reactor, context, socket, protocol, peer, host, logstr, connector);
    }

    /** The socket, for what a subclass adds. */
    final StreamSocketHandle socket() {
        return socket;
    }

    /** The protocol, for what a subclass adds. */
    final IProtocol protocol() {
        return protocol;
    }

    /** The outbound buffer, for what a subclass adds. */
    final WriteBuffer outbound() {
        return outbound;
    }

    /** One read for {@link #doRead()}; {@link UnixConnection} also collects passed descriptors. */
    int readInto(ByteBuffer buffer) throws IOException {
        return socket.read(buffer);
    }

    /**
     * Runs before each flush; {@link UnixConnection} sends its queued descriptors here, each with one byte.
     *
     * @return false if the socket would block, which ends this write pass
     */
    boolean sendQueuedDescriptors() throws IOException {
        return true;
    }

    /** Asks for write readiness if there is something to write and the socket is open. */
    final void wantToWrite() {
        if (!state.socketClosed() && !outbound.isEmpty()) {
            startWriting();
        }
    }

    /**
     * Twisted's {@code _getLogPrefix}: the protocol's own {@code logPrefix()} if it has one, else its
     * class name.
     */
    static String protocolPrefix(Object protocol) {
        if (protocol instanceof dev.twine.internet.ILoggingContext ctx) {
            return ctx.logPrefix();
        }
        String name = protocol.getClass().getSimpleName();
        return name.isEmpty() ? protocol.getClass().getName() : name;
    }

    // -- Reactor side: IReadDescriptor, IWriteDescriptor, IHalfCloseableDescriptor --

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    @Override
    public Exception doRead() {
        ByteBuffer buffer = context.readBuffer;
        ByteBuffer view = context.readView;
        for (int i = 0; i < MAX_READS_PER_EVENT && reading; i++) {
            buffer.clear();
            int n;
            try {
                n = readInto(buffer);
            } catch (IOException e) {
                return SocketErrors.connectionLost(e);
            }
            if (n == 0) {
                return null;
            }
            if (n < 0) {
                return tls == null ? Main.CONNECTION_DONE : tls.endOfStream();
            }
            context.monitor.bytesIn(n);
            if (tls == null) {
                view.clear().limit(n);
                protocol.dataReceived(view);
            } else {
                Exception why = tls.received(buffer.limit(n).position(0), outbound);
                if (why != null) {
                    return why;
                }
                reportHandshake();
            }
            if (n < buffer.capacity()) {
                // A short read almost always means the socket is empty; asking again would only cost a
                // system call that returns EAGAIN. Level-triggered polling reports anything left.
                return null;
            }
        }
        return null;
    }

    @Override
    public Exception doWrite() {
        if (state.socketClosed()) {
            stopWriting();
            return null;
        }
        if (tls != null) {
            try {
                tls.seal(outbound);
                if (state.awaitsFlush() && !producers.isRegistered() && tls.plaintextSize() == 0) {
                    tls.sealCloseNotify(outbound);
                }
            } catch (SSLException e) {
                return e;
            }
            if (reportHandshake() && state.socketClosed()) {
                // handshakeCompleted aborted the connection.
                stopWriting();
                return null;
            }
        }
        if (!outbound.isEmpty()) {
            try {
                if (!sendQueuedDescriptors()) {
                    return null;
                }
                context.monitor.bytesOut(outbound.flushTo(socket, context.gather));
            } catch (IOException e) {
                if (SocketErrors.isTransientWriteError(e)) {
                    return null;
                }
                return SocketErrors.connectionLost(e);
            }
            if (!outbound.isEmpty()) {
                return null;
            }
        }
        // Drained: leave the writer set first (Twisted's doWrite), then exactly one follow-up.
        stopWriting();
        if (tls != null && tls.plaintextSize() > 0) {
            // Plaintext waits for the handshake, whose completion makes this a writer again.
            return null;
        }
        if (producers.isRegistered()) {
            // A registered producer holds off loseConnection/loseWriteConnection (Twisted #6461).
            producers.bufferDrained();
            return null;
        }
        return flushed();
    }

    /**
     * The buffer drained with no producer holding a close back: completes the close that waited for it.
     * CLOSING returns {@code ConnectionDone}, on which the reactor calls {@code connectionLost}.
     */
    private Exception flushed() {
        switch (state) {
            case CLOSING -> {
                return Main.CONNECTION_DONE;
            }
            case WRITE_CLOSING -> {
                // Moved before the callback, which may call loseConnection and must see the write side shut.
                state = ConnectionState.WRITE_CLOSED;
                closeWriteSide();
            }
            case OPEN, WRITE_CLOSED, ABORTING, CLOSED -> {
                // Nothing waited for this flush.
            }
        }
        return null;
    }

    /**
     * The peer shut its write side (the reactor got {@code ConnectionDone} from {@link #doRead()} and has
     * removed this reader): an {@link IHalfCloseableProtocol} hears {@code readConnectionLost()} and the
     * connection stays writable; any other protocol loses the connection with {@code reason}. If
     * {@code readConnectionLost()} throws, that is logged and the connection closes with it
     * (Twisted's {@code tcp.Connection.readConnectionLost}).
     */
    @Override
    public void readConnectionLost(Failure reason) {
        reading = false;
        readClosed = true;
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (protocol instanceof IHalfCloseableProtocol halfCloseable) {
            try {
                halfCloseable.readConnectionLost();
            } catch (RuntimeException | Error e) {
                Callbacks.rethrowIfFatal(e);
                LOG.log(Level.ERROR, logstr + ": exception in readConnectionLost", e);
                connectionLost(new Failure(e));
            }
        } else {
            connectionLost(reason);
        }
    }

    /** Twisted keeps this for the interface only; it closes the whole connection. */
    @Override
    public void writeConnectionLost(Failure reason) {
        connectionLost(reason);
    }

    /**
     * The connection is gone, from any state but CLOSED, which it enters: called once by the reactor
     * (after a {@code doRead}/{@code doWrite} reason, or at shutdown), by the abort timer, or by this
     * class; later calls do nothing. Stops the producer, deregisters, closes the socket (with a reset for
     * {@code ConnectionAborted}), drops the protocol reference, then calls
     * {@code protocol.connectionLost(reason)} and, for a client, the connector.
     */
    @Override
    public void connectionLost(Failure reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.CLOSED;
        producers.connectionLost(logstr);
        stopReading();
        stopWriting();
        boolean orderly = reason.check(ConnectionAborted.class) == null;
        if (tls != null) {
            if (orderly) {
                tlsFarewell();
            }
            tls.dispose();
        }
        cancelTlsResume();
        outbound.release();
        closeSocket(orderly);
        context.forget(this);
        IProtocol p = protocol;
        protocol = null;
        try {
            p.connectionLost(reason);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            LOG.log(Level.ERROR, logstr + ": exception in connectionLost", e);
        }
        if (connector != null) {
            connector.connectionLost(reason);
        }
    }

    @Override
    public String logPrefix() {
        return logstr;
    }

    // -- Protocol side: ITransport, ITCPTransport, IConsumer, IPushProducer --

    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "Data must be bytes");
        if (!state.acceptsWrites() || data.length == 0) {
            return;
        }
        if (tls != null) {
            if (tls.closeSent()) {
                return;
            }
            tls.append(data, 0, data.length);
        } else {
            outbound.append(data, 0, data.length);
        }
        buffered();
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "Data must be bytes");
        if (!state.acceptsWrites() || !data.hasRemaining()) {
            return;
        }
        if (tls != null) {
            if (tls.closeSent()) {
                return;
            }
            tls.append(data);
        } else {
            outbound.append(data);
        }
        buffered();
    }

    /** Buffers every element (all validated first, as Twisted does); one gathering write sends them. */
    @Override
    public void writeSequence(Iterable<byte[]> data) {
        Objects.requireNonNull(data, "Data must be bytes");
        for (byte[] element : data) {
            Objects.requireNonNull(element, "Data must be bytes");
        }
        if (!state.acceptsWrites() || (tls != null && tls.closeSent())) {
            return;
        }
        long before = bufferedBytes();
        for (byte[] element : data) {
            if (tls != null) {
                tls.append(element, 0, element.length);
            } else {
                outbound.append(element, 0, element.length);
            }
        }
        if (bufferedBytes() != before) {
            buffered();
        }
    }

    /** OPEN or WRITE_CLOSING: CLOSING, after the flush. WRITE_CLOSED: CLOSED at once. Otherwise a no-op. */
    @Override
    public void loseConnection() {
        switch (state) {
            case OPEN, WRITE_CLOSING -> {
                if (tls == null || tls.handshakeDone()) {
                    stopReading();
                }
                state = ConnectionState.CLOSING;
                disconnecting = true;
                startWriting();
            }
            case WRITE_CLOSED -> {
                // doWrite will never run the close any more: the write side is already shut (Twisted).
                stopReading();
                stopWriting();
                connectionLost(new Failure(Main.CONNECTION_DONE));
            }
            case CLOSING, ABORTING, CLOSED -> {
                // Already closing or gone: repeated calls are no-ops (semantics.md §1.7).
            }
        }
    }

    /**
     * OPEN: WRITE_CLOSING, the write side is shut after the flush. Otherwise a no-op: the write side is
     * already closing or shut, or the whole connection is (a pending {@code loseConnection()} shuts both
     * directions after the same flush).
     */
    @Override
    public void loseWriteConnection() {
        if (state != ConnectionState.OPEN) {
            return;
        }
        state = ConnectionState.WRITE_CLOSING;
        startWriting();
    }

    /**
     * Any state but ABORTING and CLOSED: ABORTING, with the reset sent now and {@code connectionLost}
     * scheduled. Otherwise a no-op (semantics.md §1.7: twice, or after the close, is harmless).
     */
    @Override
    public void abortConnection() {
        if (state == ConnectionState.ABORTING || state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.ABORTING;
        stopReading();
        stopWriting();
        outbound.release();
        // The reset goes out now; connectionLost follows on a later iteration so that it is never
        // re-entrant from dataReceived/resumeProducing (Twisted's _AbortingMixin).
        closeSocket(false);
        reactor.callLater(0, () -> connectionLost(new Failure(new ConnectionAborted())));
    }

    @Override
    public void registerProducer(IProducer producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        producers.requireNone(producer);
        if (state == ConnectionState.CLOSED) {
            producer.stopProducing();
            return;
        }
        producers.register(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        producers.unregister();
        if (state.awaitsFlush()) {
            // The close that waited for this producer can now complete once the buffer is flushed.
            startWriting();
        }
    }

    /** The transport as a producer: stop reading (Twisted's {@code FileDescriptor.pauseProducing}). */
    @Override
    public void pauseProducing() {
        stopReading();
    }

    /**
     * Start reading again, unless the connection is closing or gone or the peer has ended its stream.
     * Through TLS, ciphertext already read while paused is unwrapped on the next iteration: the socket
     * may have nothing more to report.
     */
    @Override
    public void resumeProducing() {
        startReading();
        if (reading && tls != null && tls.hasPendingCiphertext() && tlsResume == null) {
            tlsResume = reactor.callLater(0, this::unwrapPending);
        }
    }

    /** Stopping the transport as a producer loses the connection. */
    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public IAddress getPeer() {
        return peer;
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    @Override
    public boolean getTcpNoDelay() {
        try {
            return socket.getTcpNoDelay();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        try {
            socket.setTcpNoDelay(enabled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean getTcpKeepAlive() {
        try {
            return socket.getKeepAlive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        try {
            socket.setKeepAlive(enabled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // -- ITLSTransport, ISSLTransport --

    /**
     * Starts TLS now; see {@link dev.twine.internet.ITLSTransport#startTLS}. A client connection (from
     * {@code connectTCP}) is the TLS client when {@code normal}, an accepted one the TLS server.
     *
     * @throws IllegalStateException if TLS already runs, the connection is not open, or the factory
     *                               cannot make an engine for this side
     */
    @Override
    public void startTLS(IContextFactory contextFactory, boolean normal) {
        Objects.requireNonNull(contextFactory, "contextFactory");
        if (tls != null) {
            throw new IllegalStateException("TLS was already started on " + logstr);
        }
        if (state != ConnectionState.OPEN) {
            throw new IllegalStateException("cannot start TLS on a connection that is " + state);
        }
        boolean client = (connector != null) == normal;
        String host = client && connector != null ? connector.host() : peer.host();
        beginTLS(contextFactory.createEngine(client, host, peer.port()), contextFactory.handshakeTimeout());
    }

    @Override
    public Certificate getPeerCertificate() {
        Certificate[] chain = tls == null ? null : tls.peerCertificates();
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    @Override
    public List<Certificate> getPeerCertificates() {
        Certificate[] chain = tls == null ? null : tls.peerCertificates();
        return chain == null ? List.of() : List.copyOf(Arrays.asList(chain));
    }

    @Override
    public String negotiatedProtocol() {
        return tls == null ? null : tls.negotiatedProtocol();
    }

    @Override
    public String serverName() {
        return tls == null ? null : tls.serverName();
    }

    @Override
    public String tlsVersion() {
        return tls == null ? null : tls.tlsVersion();
    }

    /** True once TLS runs on this connection (from the start, or after {@link #startTLS}). */
    public boolean isTLS() {
        return tls != null;
    }

    // -- Called by the TLS layer, Port and ConnectAttempt --

    /**
     * Puts {@code engine} between the socket and the protocol from now on and starts its handshake
     * (a client's ClientHello is sealed by the next flush).
     *
     * @throws IllegalStateException if the engine will not start
     */
    void beginTLS(SSLEngine engine, double handshakeTimeout) {
        TlsLayer layer = new TlsLayer(engine, context, this);
        try {
            layer.start(reactor, handshakeTimeout);
        } catch (SSLException e) {
            layer.dispose();
            throw new IllegalStateException("cannot start TLS: " + e.getMessage(), e);
        }
        tls = layer;
        if (engine.getUseClientMode()) {
            startWriting();
        }
    }

    /** True while the TLS layer should go on unwrapping: reading, or finishing a handshake a close waits for. */
    boolean wantsTlsInput() {
        return reading;
    }

    /** Plaintext from the TLS layer: for the protocol unless the transport is closing (Twisted drops it too). */
    void tlsDataReceived(ByteBuffer view) {
        reportHandshake();
        if (protocol != null && state.mayRead()) {
            protocol.dataReceived(view);
        }
    }

    /** The TLS layer sealed records outside a flush (handshake replies): make sure a flush comes. */
    void tlsWantsFlush() {
        if (!state.socketClosed()) {
            startWriting();
        }
    }

    /** The handshake completed: seal what waited for it, and stop the read a close kept going. */
    void tlsHandshakeDone() {
        if (state.socketClosed()) {
            return;
        }
        handshakeUnreported = true;
        if (state == ConnectionState.CLOSING) {
            stopReading();
        }
        startWriting();
    }

    /**
     * Tells an {@link IHandshakeListener} protocol that the handshake completed, once (Twisted's
     * {@code TLSMemoryBIOProtocol._checkHandshakeStatus}, which calls it before passing on the plaintext that
     * came with the handshake's end). An exception goes to the caller, as one from {@code dataReceived} does.
     *
     * @return true if the protocol was called, so the caller must look at the state again
     */
    private boolean reportHandshake() {
        if (!handshakeUnreported) {
            return false;
        }
        handshakeUnreported = false;
        if (protocol instanceof IHandshakeListener listener && !state.socketClosed()) {
            listener.handshakeCompleted();
            return true;
        }
        return false;
    }

    /** The TLS layer failed outside a read or write (the handshake deadline). */
    void tlsFailed(Exception reason) {
        connectionLost(new Failure(reason));
    }

    /** Unwraps ciphertext kept while the protocol was paused, then acts on the outcome as the reactor would. */
    private void unwrapPending() {
        tlsResume = null;
        if (!reading || tls == null || state == ConnectionState.CLOSED) {
            return;
        }
        Exception why;
        try {
            why = tls.drainPending(outbound);
            if (why == null) {
                reportHandshake();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, logstr + ": exception in dataReceived", e);
            why = e;
        }
        if (why == null) {
            return;
        }
        // What the reactor does with a reason from doRead (Twisted's _disconnectSelectable).
        stopReading();
        if (why.getClass() == dev.twine.internet.error.ConnectionDone.class) {
            readConnectionLost(new Failure(why));
        } else {
            connectionLost(new Failure(why));
        }
    }

    private void cancelTlsResume() {
        IDelayedCall r = tlsResume;
        tlsResume = null;
        if (r != null && r.active()) {
            r.cancel();
        }
    }

    /**
     * The last words of an orderly close: our close_notify, or the alert a failed engine holds, written
     * once without waiting (the socket closes next; a peer that is gone makes this fail, which is fine).
     */
    private void tlsFarewell() {
        if (!socket.isOpen() || tls.closeSent()) {
            return;
        }
        try {
            tls.sealCloseNotify(outbound);
            outbound.flushTo(socket, context.gather);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, logstr + ": TLS close_notify not sent: " + e.getMessage());
        }
    }

    // -- State probes (backend-neutral, for tests and diagnostics) --

    /** True from creation until {@code connectionLost}. */
    public boolean isConnected() {
        return state.isConnected();
    }

    /**
     * True once {@link #loseConnection()} began a close after the flush (not when it closed at once after
     * {@link #loseWriteConnection()} had completed), and from then on, as Twisted's {@code disconnecting}
     * attribute, which is never cleared.
     */
    public boolean isDisconnecting() {
        return disconnecting;
    }

    /** True while the transport wants read readiness (Twisted's {@code assertReading} probe). */
    public boolean isReading() {
        return reading;
    }

    /** Bytes buffered and not yet accepted by the kernel (through TLS: plaintext not yet sealed, plus records). */
    public long bufferedBytes() {
        return outbound.size() + (tls == null ? 0 : tls.plaintextSize());
    }

    /** True while a producer is registered. */
    public boolean hasProducer() {
        return producers.isRegistered();
    }

    /** The current state, for the state machine's own tests. */
    ConnectionState state() {
        return state;
    }

    @Override
    public String toString() {
        return "Connection[" + logstr + (state.isConnected() ? "" : ", closed") + "]";
    }

    // -- Internals --

    /** Starts delivering read readiness; the connection's creator calls it before makeConnection. */
    void startReading() {
        if (readClosed || !state.mayRead()) {
            return;
        }
        reading = true;
        reactor.addReader(this);
    }

    private void stopReading() {
        reading = false;
        reactor.removeReader(this);
    }

    private void startWriting() {
        reactor.addWriter(this);
    }

    private void stopWriting() {
        reactor.removeWriter(this);
    }

    /** After bytes were added: maybe pause the producer, then make sure a flush is coming (Twisted's write). */
    private void buffered() {
        producers.maybePause(bufferedBytes());
        startWriting();
    }

    /**
     * Twisted's {@code _closeWriteConnection}: shut the write side (an error here means the peer is
     * already gone, which the read side will report), then tell a half-closeable protocol. If
     * {@code writeConnectionLost()} throws, the connection closes with that exception.
     */
    private void closeWriteSide() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, logstr + ": shutdownOutput failed: " + e.getMessage());
        }
        if (protocol instanceof IHalfCloseableProtocol halfCloseable) {
            try {
                halfCloseable.writeConnectionLost();
            } catch (RuntimeException | Error e) {
                Callbacks.rethrowIfFatal(e);
                LOG.log(Level.ERROR, logstr + ": exception in writeConnectionLost", e);
                connectionLost(new Failure(e));
            }
        }
    }

    /** Closes the socket, orderly (FIN after the kernel's buffer) or with a reset. Idempotent. */
    private void closeSocket(boolean orderly) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            if (orderly) {
                socket.close();
            } else {
                socket.abort();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, logstr + ": close failed: " + e.getMessage());
        }
    }
}
