package dev.twine.internet.udp;

import dev.twine.defer.Deferred;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IMulticastTransport;
import dev.twine.internet.IReactor;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.InvalidAddressError;
import dev.twine.internet.error.MessageLengthError;
import dev.twine.internet.error.MulticastJoinError;
import dev.twine.internet.tcp.Addresses;
import dev.twine.spi.DatagramSocketHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A UDP port (Twisted's {@code udp.Port}, semantics.md §7): what {@code listenUDP} returns, and the
 * transport its {@link DatagramProtocol} writes to. One implementation for every backend, over the SPI's
 * {@link DatagramSocketHandle}, registered in the reactor's descriptor set like any reader; its life,
 * reads and write errors are those of the one datagram port, {@link AbstractDatagramPort}, which the
 * UNIX datagram ports share.
 *
 * <h2>Reading</h2>
 * Each read readiness event receives datagrams until the socket has none, or until this pass has
 * received {@value AbstractDatagramPort#MAX_THROUGHPUT} bytes (Twisted's {@code maxThroughput}) or
 * {@value AbstractDatagramPort#MAX_DATAGRAMS_PER_PASS} datagrams, whichever comes first, so that one busy
 * port cannot starve the loop: the rest waits for the next pass (level-triggered readiness reports it
 * again). Datagrams are received in batches of up to 16 (one {@code recvmmsg} on Linux,
 * {@link DatagramSocketHandle#receiveBatch}) into direct buffers of {@code maxPacketSize} bytes (longer
 * datagrams arrive truncated); each is copied out and given to {@link DatagramProtocol#datagramReceived};
 * an exception from it is logged and reading goes on.
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
public final class Port extends AbstractDatagramPort<InetSocketAddress> implements IMulticastTransport {
    private final int port;
    private final String iface;
    /** Whether other sockets may bind this address too, applied before binding. */
    private final AddressSharing sharing;
    /** A bound socket made outside Twine that this port serves instead of binding one, or null. */
    private final Adopted adopted;

    /** The descriptor and family of a socket to adopt ({@code adoptDatagramPort}, semantics.md §9). */
    private record Adopted(int descriptor, StandardProtocolFamily family) {
    }

    private boolean ipv6;
    private IAddress connectedAddress;
    /**
     * The host and port of the last unconnected {@link #write} and the socket address made of them. A server
     * usually answers the peers it just heard from, so the same target comes back datagram after datagram;
     * parsing the literal (a regular expression, a split and {@code InetAddress.getByName}) was a third of the
     * echo server's Java samples in a JFR profile under bench/side-by-side.sh --udp. The address is immutable
     * and a literal always parses to the same one, so reusing it changes nothing else.
     */
    private String lastTargetHost;
    private int lastTargetPort;
    private InetSocketAddress lastTarget;

    /**
     * A port that is not bound yet; {@link #startListening()} binds it. ReactorBase's {@code listenUDP} does
     * both.
     *
     * @param iface         {@code ""} for every IPv4 interface, or an IP literal
     * @param maxPacketSize the longest datagram delivered whole (at least 1)
     */
    public Port(IReactor reactor, int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        this(reactor, port, protocol, iface, maxPacketSize, AddressSharing.EXCLUSIVE);
    }

    /**
     * A port for {@code listenMulticast}: with {@code listenMultiple}, the address may be shared (see
     * {@link dev.twine.spi.DatagramSocketHandle#setReuseAddress}). Every port can join groups.
     */
    public Port(IReactor reactor, int port, DatagramProtocol protocol, String iface, int maxPacketSize,
            boolean listenMultiple) {
        this(reactor, port, protocol, iface, maxPacketSize,
                listenMultiple ? AddressSharing.MULTIPLE : AddressSharing.EXCLUSIVE);
    }

    /** A port whose address is shared as {@code sharing} says; a {@code ReactorGroup} asks for BALANCED. */
    public Port(IReactor reactor, int port, DatagramProtocol protocol, String iface, int maxPacketSize,
            AddressSharing sharing) {
        super(reactor, protocol, maxPacketSize);
        this.sharing = Objects.requireNonNull(sharing, "sharing");
        this.port = port;
        this.iface = iface == null ? "" : iface;
        this.adopted = null;
    }

    /**
     * A port serving a bound UDP socket made outside Twine (Twisted's {@code adoptDatagramPort}, semantics.md
     * §9); {@link #startListening()} takes over a duplicate of {@code descriptor}, which the caller still owns.
     */
    public Port(IReactor reactor, int descriptor, StandardProtocolFamily family, DatagramProtocol protocol,
            int maxPacketSize) {
        super(reactor, protocol, maxPacketSize);
        this.sharing = AddressSharing.EXCLUSIVE;
        this.port = 0;
        this.iface = "descriptor " + descriptor;
        this.adopted = new Adopted(descriptor, Objects.requireNonNull(family, "family"));
    }

    @Override
    DatagramSocketHandle open() {
        if (adopted != null) {
            try {
                DatagramSocketHandle s = reactor.sockets().adoptDatagram(adopted.descriptor(), adopted.family());
                ipv6 = adopted.family() == StandardProtocolFamily.INET6;
                connectedAddress = null;
                return s;
            } catch (IOException | UnsupportedOperationException e) {
                throw new CannotListenError(iface, e);
            }
        }
        DatagramSocketHandle s = null;
        try {
            InetSocketAddress address = Addresses.listenAddress(iface, port);
            boolean v6 = address.getAddress() instanceof Inet6Address;
            s = reactor.sockets().openDatagram(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            switch (sharing) {
                case MULTIPLE -> s.setReuseAddress(true);
                case BALANCED -> s.shareBalanced();
                case EXCLUSIVE -> {
                }
            }
            s.bind(address);
            ipv6 = v6;
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(s);
            throw new CannotListenError(iface, port, e);
        }
        connectedAddress = null;
        return s;
    }

    /** An {@code IPv4Address("UDP", ...)} or {@code IPv6Address}, with the real port when 0 was asked for. */
    @Override
    IAddress host(DatagramSocketHandle s) throws IOException {
        return Addresses.of("UDP", s.localAddress());
    }

    /** The port number: the real one once bound. */
    @Override
    String describe() {
        IAddress bound = bound();
        return Integer.toString(bound == null ? port : bound.port());
    }

    @Override
    CannotListenError cannotListen(IOException cause) {
        return new CannotListenError(iface, port, cause);
    }

    @Override
    String closedMessage() {
        return "(UDP Port " + describe() + " Closed)";
    }

    @Override
    InetSocketAddress[] newSenders(int n) {
        return new InetSocketAddress[n];
    }

    @Override
    int receive(DatagramSocketHandle s, ByteBuffer[] dsts, InetSocketAddress[] from) throws IOException {
        return s.receiveBatch(dsts, from);
    }

    @Override
    IAddress address(InetSocketAddress sender) {
        return Addresses.of("UDP", sender);
    }

    @Override
    boolean send(DatagramSocketHandle s, ByteBuffer src, InetSocketAddress target) throws IOException {
        return s.send(src, target);
    }

    @Override
    boolean connected() {
        return connectedAddress != null;
    }

    @Override
    public int write(byte[] datagram, IAddress addr) {
        if (!isListening()) {
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
            target = target(addr.host(), addr.port());
        }
        return sendDatagram(datagram, target);
    }

    @Override
    public void connect(String host, int port) {
        if (connectedAddress != null) {
            throw new IllegalStateException("already connected, reconnecting is not supported");
        }
        if (!isListening()) {
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
    public String toString() {
        return "UDPPort[" + protocol.getClass().getName()
                + (!isListening() ? ", not listening" : " on " + describe()) + "]";
    }

    /** {@link #literalOrThrow} of a write's target, the last one again while host and port are the same. */
    private InetSocketAddress target(String host, int port) {
        if (port == lastTargetPort && host != null && host.equals(lastTargetHost)) {
            return lastTarget;
        }
        InetSocketAddress target = new InetSocketAddress(literalOrThrow(host), port);
        lastTargetHost = host;
        lastTargetPort = port;
        lastTarget = target;
        return target;
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
}
