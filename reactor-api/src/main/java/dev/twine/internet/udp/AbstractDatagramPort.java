package dev.twine.internet.udp;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorCore.TriggerId;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.Main;
import dev.twine.internet.base.CloseWaiters;
import dev.twine.internet.base.Handles;
import dev.twine.internet.base.ReadsSocketErrors;
import dev.twine.internet.base.RegisteredDescriptor;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.MessageLengthError;
import dev.twine.internet.error.NotListeningError;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * The one datagram port of the reactor, whatever the address family (semantics.md §7 and §8.9): the life
 * of the port (start, the delayed close of {@code stopListening}, the close at shutdown), the bounded
 * batch reads, and the error rules of a write. A family says only how its socket is opened and bound, how
 * a batch of datagrams and their senders is received, how one is sent, and how its addresses look:
 * {@link Port} for UDP (Twisted's {@code udp.Port}), {@link UnixDatagramPort} and
 * {@link UnixConnectedDatagramPort} for {@code AF_UNIX} (Twisted's {@code unix.DatagramPort}, which is a
 * {@code udp.Port} too).
 *
 * <p>Reading and writing are as {@link Port}'s class comment states. Threading: reactor thread only.
 *
 * @param <A> the socket-level address of a sender or target: {@code InetSocketAddress}, or a UNIX name
 */
abstract class AbstractDatagramPort<A> extends RegisteredDescriptor implements IUDPTransport, ReadsSocketErrors {
    /** Twisted's {@code maxThroughput}: bytes received per read pass at most. */
    static final int MAX_THROUGHPUT = 256 * 1024;
    /**
     * Datagrams per read pass at most. Twisted counts bytes only, so a flood of empty datagrams would keep
     * it in one pass; Twine also counts datagrams.
     */
    static final int MAX_DATAGRAMS_PER_PASS = 1024;

    /**
     * Buffer memory per port for batch reads: the batch holds as many maxPacketSize buffers as fit, 1 to 16.
     * 128 KiB gives the default maxPacketSize of 8192 the full 16, as many as Netty's recvmmsg reads in
     * bench/side-by-side.sh --udp: with 64 KiB (8 per call) `strace -c -f` on the echo server counted one
     * recvmmsg per 7.9 datagrams against Netty's 15.8 (bench/README.md, "UDP echo").
     */
    static final int BATCH_MEMORY = 128 * 1024;

    private static final System.Logger LOG = System.getLogger(AbstractDatagramPort.class.getName());

    final IReactor reactor;
    final DatagramProtocol protocol;
    final int maxPacketSize;
    private final CloseWaiters closeWaiters = new CloseWaiters();

    private PortState state = PortState.NOT_LISTENING;
    DatagramSocketHandle socket;
    /** One direct buffer of maxPacketSize per datagram of a batch read; see {@link #batchSize}. */
    private ByteBuffer[] readBuffers;
    private A[] senders;
    private IAddress boundAddress;
    private IDelayedCall pendingClose;
    private TriggerId shutdownTrigger;
    private long dropped;

    /** @param maxPacketSize the longest datagram delivered whole (at least 1) */
    AbstractDatagramPort(IReactor reactor, DatagramProtocol protocol, int maxPacketSize) {
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be positive, got " + maxPacketSize);
        }
        this.reactor = reactor;
        this.protocol = protocol;
        this.maxPacketSize = maxPacketSize;
    }

    // -- what a family provides --

    /**
     * Opens and binds (and for a connected port connects) the socket.
     *
     * @throws CannotListenError naming the address and the cause
     */
    abstract DatagramSocketHandle open();

    /** The address {@code getHost()} reports, read once after {@link #open}. */
    abstract IAddress host(DatagramSocketHandle s) throws IOException;

    /** How logs name the bound address: a port number, or a path. */
    abstract String describe();

    /** The error for a failure right after {@link #open}, e.g. of {@code getsockname}, naming the address. */
    abstract CannotListenError cannotListen(IOException cause);

    /** A sender array for a batch of {@code n}. */
    abstract A[] newSenders(int n);

    /** Receives up to {@code dsts.length} datagrams, storing each sender; 0 if none is queued. */
    abstract int receive(DatagramSocketHandle s, ByteBuffer[] dsts, A[] from) throws IOException;

    /** The sender as the protocol sees it. */
    abstract IAddress address(A sender);

    /** One send; false if the datagram was dropped. */
    abstract boolean send(DatagramSocketHandle s, ByteBuffer src, A target) throws IOException;

    /** True once the port sends to one peer only; refusals then reach {@code connectionRefused}. */
    abstract boolean connected();

    /**
     * True if {@code error} from a send or receive means the peer refused: ignored on an unconnected port,
     * {@code connectionRefused} on a connected one. Otherwise the error is thrown (or closes the port, on
     * reading).
     */
    boolean refusal(SocketError error) {
        return error == SocketError.ECONNREFUSED;
    }

    /** Hands one datagram to the protocol; a connected UNIX port drops the sender, as Twisted's does. */
    void deliver(byte[] data, A sender) {
        protocol.datagramReceived(data, address(sender));
    }

    /** The socket has been closed: release what {@link #open} took besides it. */
    void closed() {
    }

    /** The log line after the close, e.g. Twisted's {@code "(UDP Port 9999 Closed)"}. */
    abstract String closedMessage();

    // -- the shared life --

    /**
     * Binds, logs {@code "<protocol> starting on <address>"}, connects the protocol ({@code makeConnection},
     * hence {@code startProtocol} the first time) and starts reading. If the protocol's start throws, the
     * socket is closed and the exception propagates.
     *
     * @throws CannotListenError if the socket cannot be opened or bound
     */
    @Override
    public void startListening() {
        if (state != PortState.NOT_LISTENING) {
            throw new IllegalStateException("already listening on " + boundAddress);
        }
        DatagramSocketHandle s = open();
        IAddress host;
        try {
            host = host(s);
        } catch (IOException e) {
            closeQuietly(s);
            closed();
            throw cannotListen(e);
        }
        socket = s;
        readBuffers = new ByteBuffer[batchSize(maxPacketSize)];
        for (int i = 0; i < readBuffers.length; i++) {
            readBuffers[i] = ByteBuffer.allocateDirect(maxPacketSize);
        }
        senders = newSenders(readBuffers.length);
        boundAddress = host;
        state = PortState.LISTENING;
        LOG.log(Level.INFO, protocol.getClass().getName() + " starting on " + describe());
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException | Error e) {
            state = PortState.NOT_LISTENING;
            socket = null;
            closeQuietly(s);
            closed();
            throw e;
        }
        shutdownTrigger = reactor.addSystemEventTrigger(Phase.DURING, "shutdown",
                () -> connectionLost(new Failure(Main.CONNECTION_LOST)));
        reactor.addReader(this);
    }

    @Override
    public Deferred<Void> stopListening() {
        if (state == PortState.NOT_LISTENING) {
            return Deferred.succeed(null);
        }
        Deferred<Void> done = closeWaiters.add();
        if (state == PortState.LISTENING) {
            state = PortState.CLOSING;
            reactor.removeReader(this);
            pendingClose = reactor.callLater(0, () -> {
                pendingClose = null;
                connectionLost(new Failure(Main.CONNECTION_DONE));
            });
        }
        return done;
    }

    /**
     * A Deferred fired when the port next closes (by {@link #stopListening()}, a read error or the reactor's
     * shutdown), with the exception of the protocol's {@code doStop} if it threw; already fired when the port
     * is not listening. It does not stop the port: a {@code ReactorGroup}'s UDP port uses it to learn when
     * every member's socket is closed.
     */
    public Deferred<Void> whenClosed() {
        return state == PortState.NOT_LISTENING ? Deferred.succeed(null) : closeWaiters.add();
    }

    /**
     * The bound address, kept after the port stopped.
     *
     * @throws NotListeningError if the port never listened
     */
    @Override
    public IAddress getHost() {
        if (boundAddress == null) {
            throw new NotListeningError("port " + describe() + " has not listened yet");
        }
        return boundAddress;
    }

    /** The bound address, or null before the first bind. */
    final IAddress bound() {
        return boundAddress;
    }

    /**
     * Sends one datagram with the error rules of every family: dropped (counted) when the send buffer is
     * full, {@link MessageLengthError} for {@code EMSGSIZE}, a {@linkplain #refusal refusal} ignored or
     * reported, anything else thrown unchecked.
     *
     * @return the bytes sent, 0 if dropped or refused
     */
    final int sendDatagram(byte[] datagram, A target) {
        try {
            if (send(socket, ByteBuffer.wrap(datagram), target)) {
                return datagram.length;
            }
            dropped++;
            return 0;
        } catch (SocketErrorException e) {
            if (e.error() == SocketError.EMSGSIZE) {
                throw new MessageLengthError("message too long: " + datagram.length + " bytes", e);
            }
            if (refusal(e.error())) {
                if (connected()) {
                    refused();
                }
                return 0;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket while the port is open. */
    final DatagramSocketHandle live() {
        if (state == PortState.NOT_LISTENING) {
            throw new IllegalStateException(describe() + " is not listening");
        }
        return socket;
    }

    @Override
    public long droppedDatagrams() {
        return dropped;
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    /** Receives a bounded batch of datagrams; see {@link Port}'s class comment. */
    @Override
    public Exception doRead() {
        int bytes = 0;
        int datagrams = 0;
        while (datagrams < MAX_DATAGRAMS_PER_PASS && bytes < MAX_THROUGHPUT && state == PortState.LISTENING) {
            for (ByteBuffer b : readBuffers) {
                b.clear();
            }
            int n;
            try {
                n = receive(socket, readBuffers, senders);
            } catch (SocketErrorException e) {
                if (refusal(e.error())) {
                    if (connected()) {
                        refused();
                    }
                    return null;
                }
                return e;
            } catch (IOException e) {
                return e;
            }
            for (int i = 0; i < n; i++) {
                ByteBuffer b = readBuffers[i].flip();
                byte[] data = new byte[b.remaining()];
                b.get(data);
                bytes += data.length;
                datagrams++;
                A sender = senders[i];
                senders[i] = null;
                // The protocol may stop the port; the rest of a batch already read is still delivered, as
                // those datagrams were taken off the socket.
                try {
                    deliver(data, sender);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, logPrefix() + ": exception in datagramReceived", e);
                }
            }
            if (n < readBuffers.length) {
                return null;
            }
        }
        return null;
    }

    /**
     * The port is closed: by the delayed close of {@link #stopListening()}, by an error the reactor got from
     * {@link #doRead()}, or at reactor shutdown. Idempotent.
     */
    @Override
    public void connectionLost(Failure reason) {
        if (state == PortState.NOT_LISTENING) {
            return;
        }
        state = PortState.NOT_LISTENING;
        if (pendingClose != null && pendingClose.active()) {
            pendingClose.cancel();
        }
        pendingClose = null;
        if (shutdownTrigger != null) {
            reactor.removeSystemEventTrigger(shutdownTrigger);
            shutdownTrigger = null;
        }
        reactor.removeReader(this);
        LOG.log(Level.INFO, closedMessage());
        closeQuietly(socket);
        socket = null;
        closed();
        Throwable stopError = null;
        try {
            protocol.doStop();
        } catch (RuntimeException e) {
            stopError = e;
        }
        closeWaiters.fire(stopError, LOG, logPrefix(), "stopProtocol");
    }

    /** Twisted's {@code logstr}: the protocol's qualified class name and {@code " (UDP)"}, for UNIX too. */
    @Override
    public String logPrefix() {
        return protocol.getClass().getName() + " (UDP)";
    }

    /** True from {@link #startListening()} until the socket is closed. */
    public boolean isListening() {
        return state != PortState.NOT_LISTENING;
    }

    /** Datagrams per batch read ({@code recvmmsg} on Linux): 16 for Twisted's default maxPacketSize of 8192. */
    static int batchSize(int maxPacketSize) {
        return Math.max(1, Math.min(16, BATCH_MEMORY / maxPacketSize));
    }

    final void refused() {
        try {
            protocol.connectionRefused();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, logPrefix() + ": exception in connectionRefused", e);
        }
    }

    /** Closes a socket this port will not use again; see {@link Handles#closeQuietly}. */
    final void closeQuietly(SelectableHandle handle) {
        Handles.closeQuietly(handle, logPrefix());
    }
}
