package dev.twine.internet.udp;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorCore.TriggerId;
import dev.twine.internet.IMulticastTransport;
import dev.twine.internet.Main;
import dev.twine.internet.base.CloseWaiters;
import dev.twine.internet.base.ReadsSocketErrors;
import dev.twine.internet.base.RegisteredDescriptor;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.InvalidAddressError;
import dev.twine.internet.error.MessageLengthError;
import dev.twine.internet.error.MulticastJoinError;
import dev.twine.internet.error.NotListeningError;
import dev.twine.internet.tcp.Addresses;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;

/**
 * A UDP port (Twisted's {@code udp.Port}, semantics.md §7): what {@code listenUDP} returns, and the
 * transport its {@link DatagramProtocol} writes to. One implementation for every backend, over the SPI's
 * {@link DatagramSocketHandle}, registered in the reactor's descriptor set like any reader.
 *
 * <h2>Reading</h2>
 * Each read readiness event receives datagrams until the socket has none, or until this pass has
 * received {@value #MAX_THROUGHPUT} bytes (Twisted's {@code maxThroughput}) or {@value #MAX_DATAGRAMS_PER_PASS}
 * datagrams, whichever comes first, so that one busy port cannot starve the loop: the rest waits for the
 * next pass (level-triggered readiness reports it again). Datagrams are received in batches of up to 16
 * (one {@code recvmmsg} on Linux, {@link DatagramSocketHandle#receiveBatch}) into direct buffers of
 * {@code maxPacketSize} bytes (longer datagrams arrive truncated); each is copied out and given to
 * {@link DatagramProtocol#datagramReceived}; an exception from it is logged and reading goes on.
 *
 * <h2>Writing</h2>
 * {@link #write} is one {@code sendto}, never buffered and never blocking. A full send buffer
 * ({@code EAGAIN}, {@code ENOBUFS}) drops the datagram and counts it in {@link #droppedDatagrams()}.
 * {@code EMSGSIZE} throws {@link MessageLengthError}. {@code ECONNREFUSED} (an ICMP refusal of an earlier
 * datagram) calls {@link DatagramProtocol#connectionRefused()} on a connected port and is ignored on an
 * unconnected one, as Twisted does; on reading likewise.
 *
 * <h2>Stopping</h2>
 * {@link #stopListening()} stops reading at once and closes on a later iteration: logs
 * {@code "(UDP Port N Closed)"}, closes the socket, calls {@code protocol.doStop()}, then fires the returned
 * Deferred. Reactor shutdown closes the port the same way, even while its close is pending.
 *
 * <p>Threading: reactor thread only.
 */
public final class Port extends RegisteredDescriptor implements IMulticastTransport, ReadsSocketErrors {
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

    private static final System.Logger LOG = System.getLogger(Port.class.getName());

    private final IReactor reactor;
    private final int port;
    private final DatagramProtocol protocol;
    private final String iface;
    private final int maxPacketSize;
    /** Set SO_REUSEADDR/SO_REUSEPORT before binding (Twisted's {@code listenMultiple}). */
    private final boolean listenMultiple;
    private final CloseWaiters closeWaiters = new CloseWaiters();

    private PortState state = PortState.NOT_LISTENING;
    private DatagramSocketHandle socket;
    private boolean ipv6;
    /** One direct buffer of maxPacketSize per datagram of a batch read; see {@link #batchSize}. */
    private ByteBuffer[] readBuffers;
    private InetSocketAddress[] senders;
    private IAddress boundAddress;
    private IAddress connectedAddress;
    private IDelayedCall pendingClose;
    private TriggerId shutdownTrigger;
    private long dropped;
    /**
     * The host of the last unconnected {@link #write} and its parsed address. A server usually answers the
     * peers it just heard from, so the same literal comes back datagram after datagram; parsing it (a regular
     * expression, a split and {@code InetAddress.getByName}) was a third of the echo server's Java samples in
     * a JFR profile under bench/side-by-side.sh --udp. An {@code InetAddress} is immutable and a literal always
     * parses to the same one, so reusing it changes nothing else.
     */
    private String lastTargetHost;
    private InetAddress lastTargetAddress;

    /**
     * A port that is not bound yet; {@link #startListening()} binds it. ReactorBase's {@code listenUDP} does
     * both.
     *
     * @param iface         {@code ""} for every IPv4 interface, or an IP literal
     * @param maxPacketSize the longest datagram delivered whole (at least 1)
     */
    public Port(IReactor reactor, int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        this(reactor, port, protocol, iface, maxPacketSize, false);
    }

    /**
     * A port for {@code listenMulticast}: with {@code listenMultiple}, the address may be shared (see
     * {@link dev.twine.spi.DatagramSocketHandle#setReuseAddress}). Every port can join groups.
     */
    public Port(IReactor reactor, int port, DatagramProtocol protocol, String iface, int maxPacketSize,
            boolean listenMultiple) {
        this.listenMultiple = listenMultiple;
        if (maxPacketSize < 1) {
            throw new IllegalArgumentException("maxPacketSize must be positive, got " + maxPacketSize);
        }
        this.reactor = reactor;
        this.port = port;
        this.protocol = protocol;
        this.iface = iface == null ? "" : iface;
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Binds, logs {@code "<protocol> starting on <port>"}, connects the protocol ({@code makeConnection},
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
        DatagramSocketHandle s = null;
        InetSocketAddress local;
        try {
            InetSocketAddress address = Addresses.listenAddress(iface, port);
            boolean v6 = address.getAddress() instanceof Inet6Address;
            s = reactor.sockets().openDatagram(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            if (listenMultiple) {
                s.setReuseAddress(true);
            }
            s.bind(address);
            local = s.localAddress();
            ipv6 = v6;
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(s);
            throw new CannotListenError(iface, port, e);
        }
        socket = s;
        readBuffers = new ByteBuffer[batchSize(maxPacketSize)];
        for (int i = 0; i < readBuffers.length; i++) {
            readBuffers[i] = ByteBuffer.allocateDirect(maxPacketSize);
        }
        senders = new InetSocketAddress[readBuffers.length];
        boundAddress = Addresses.of("UDP", local);
        connectedAddress = null;
        state = PortState.LISTENING;
        LOG.log(Level.INFO, protocol.getClass().getName() + " starting on " + local.getPort());
        try {
            protocol.makeConnection(this);
        } catch (RuntimeException | Error e) {
            state = PortState.NOT_LISTENING;
            socket = null;
            closeQuietly(s);
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
     * The bound address, an {@code IPv4Address("UDP", ...)} or {@code IPv6Address}, with the real port when
     * 0 was asked for. Kept after the port stopped.
     *
     * @throws NotListeningError if the port never listened
     */
    @Override
    public IAddress getHost() {
        if (boundAddress == null) {
            throw new NotListeningError("UDP port " + port + " has not listened yet");
        }
        return boundAddress;
    }

    @Override
    public int write(byte[] datagram, IAddress addr) {
        if (state == PortState.NOT_LISTENING) {
            throw new IllegalStateException("UDP port is not listening");
        }
        InetSocketAddress target;
        if (connectedAddress != null) {
            if (addr != null && !(addr.host().equals(connectedAddress.host()) && addr.port() == connectedAddress.port())) {
                throw new InvalidAddressError("port is connected to " + connectedAddress + ", cannot send to " + addr);
            }
            target = null;
        } else {
            if (addr == null) {
                throw new InvalidAddressError("an unconnected UDP port needs a target address");
            }
            target = new InetSocketAddress(targetAddress(addr.host()), addr.port());
        }
        try {
            if (socket.send(ByteBuffer.wrap(datagram), target)) {
                return datagram.length;
            }
            dropped++;
            return 0;
        } catch (SocketErrorException e) {
            if (e.error() == SocketError.EMSGSIZE) {
                throw new MessageLengthError("message too long: " + datagram.length + " bytes", e);
            }
            if (e.error() == SocketError.ECONNREFUSED) {
                if (connectedAddress != null) {
                    refused();
                }
                return 0;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void connect(String host, int port) {
        if (connectedAddress != null) {
            throw new IllegalStateException("already connected, reconnecting is not supported");
        }
        if (state == PortState.NOT_LISTENING) {
            throw new IllegalStateException("UDP port is not listening");
        }
        InetAddress ip = literalOrThrow(host);
        try {
            socket.connect(new InetSocketAddress(ip, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connectedAddress = Addresses.of("UDP", new InetSocketAddress(ip, port));
    }

    // -- IMulticastTransport (semantics.md §7.7) --

    @Override
    public String getOutgoingInterface() {
        return option(() -> live().getMulticastInterface().getHostAddress());
    }

    @Override
    public Deferred<Void> setOutgoingInterface(String addr) {
        try {
            InetAddress ip = literalOrThrow(addr);
            live().setMulticastInterface(ip);
            return Deferred.succeed(null);
        } catch (IOException | RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public boolean getLoopbackMode() {
        return option(() -> live().getMulticastLoopback());
    }

    @Override
    public void setLoopbackMode(boolean mode) {
        option(() -> {
            live().setMulticastLoopback(mode);
            return null;
        });
    }

    @Override
    public int getTTL() {
        return option(() -> live().getMulticastTtl());
    }

    @Override
    public void setTTL(int ttl) {
        option(() -> {
            live().setMulticastTtl(ttl);
            return null;
        });
    }

    @Override
    public Deferred<Void> joinGroup(String addr, String iface) {
        return membership(true, addr, iface);
    }

    @Override
    public Deferred<Void> leaveGroup(String addr, String iface) {
        return membership(false, addr, iface);
    }

    /** Joins or leaves; a failure to join is a {@link MulticastJoinError} as in Twisted, to leave the error. */
    private Deferred<Void> membership(boolean join, String addr, String iface) {
        try {
            InetAddress group = literalOrThrow(addr);
            InetAddress on = iface == null || iface.isEmpty() ? null : literalOrThrow(iface);
            if (join) {
                live().joinGroup(group, on);
            } else {
                live().leaveGroup(group, on);
            }
            return Deferred.succeed(null);
        } catch (IOException | RuntimeException e) {
            return Deferred.fail(join ? new MulticastJoinError("cannot join " + addr + " on "
                    + (iface == null || iface.isEmpty() ? "any interface" : iface) + ": " + e.getMessage(), e) : e);
        }
    }

    private DatagramSocketHandle live() {
        if (state == PortState.NOT_LISTENING) {
            throw new IllegalStateException("UDP port is not listening");
        }
        return socket;
    }

    /** An option call whose socket error is unchecked here, as the socket module raises it in Twisted. */
    private <T> T option(SocketCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface SocketCall<T> {
        T run() throws IOException;
    }

    @Override
    public long droppedDatagrams() {
        return dropped;
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    /** Receives a bounded batch of datagrams; see the class comment. */
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
                n = socket.receiveBatch(readBuffers, senders);
            } catch (SocketErrorException e) {
                if (e.error() == SocketError.ECONNREFUSED) {
                    if (connectedAddress != null) {
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
                InetSocketAddress sender = senders[i];
                senders[i] = null;
                // The protocol may stop the port; the rest of a batch already read is still delivered, as
                // those datagrams were taken off the socket.
                try {
                    protocol.datagramReceived(data, Addresses.of("UDP", sender));
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
        LOG.log(Level.INFO, "(UDP Port " + boundAddress.port() + " Closed)");
        closeQuietly(socket);
        socket = null;
        Throwable stopError = null;
        try {
            protocol.doStop();
        } catch (RuntimeException e) {
            stopError = e;
        }
        closeWaiters.fire(stopError, LOG, logPrefix(), "stopProtocol");
    }

    /** Twisted's {@code logstr}: the protocol's qualified class name and {@code " (UDP)"}. */
    @Override
    public String logPrefix() {
        return protocol.getClass().getName() + " (UDP)";
    }

    /** True from {@link #startListening()} until the socket is closed. */
    public boolean isListening() {
        return state != PortState.NOT_LISTENING;
    }

    @Override
    public String toString() {
        return "UDPPort[" + protocol.getClass().getName()
                + (state == PortState.NOT_LISTENING ? ", not listening" : " on " + boundAddress.port()) + "]";
    }

    /** Datagrams per batch read ({@code recvmmsg} on Linux): 16 for Twisted's default maxPacketSize of 8192. */
    static int batchSize(int maxPacketSize) {
        return Math.max(1, Math.min(16, BATCH_MEMORY / maxPacketSize));
    }

    private void refused() {
        try {
            protocol.connectionRefused();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, logPrefix() + ": exception in connectionRefused", e);
        }
    }

    /** {@link #literalOrThrow} of a write's target host, the last one remembered (see {@link #lastTargetHost}). */
    private InetAddress targetAddress(String host) {
        if (host != null && host.equals(lastTargetHost)) {
            return lastTargetAddress;
        }
        InetAddress ip = literalOrThrow(host);
        lastTargetHost = host;
        lastTargetAddress = ip;
        return ip;
    }

    /** Twisted refuses host names here ({@code InvalidAddressError}): a lookup would block the loop. */
    private InetAddress literalOrThrow(String host) {
        InetAddress ip = Addresses.literal(host);
        if (ip == null) {
            throw new InvalidAddressError(host + " is not an IP address literal; resolve it first");
        }
        if (!ipv6 && ip instanceof Inet6Address) {
            throw new InvalidAddressError(host + " is an IPv6 address and this port is IPv4");
        }
        return ip;
    }

    private void closeQuietly(SelectableHandle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, logPrefix() + ": close failed: " + e.getMessage());
        }
    }
}
