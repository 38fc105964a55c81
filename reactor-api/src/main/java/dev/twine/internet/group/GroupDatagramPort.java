package dev.twine.internet.group;

import dev.twine.defer.Failure;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.NotListeningError;
import dev.twine.internet.udp.AddressSharing;
import dev.twine.internet.udp.Port;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One UDP port for a whole {@link ReactorGroup} (semantics.md §5.2): what the group's {@code listenUDP}
 * returns.
 *
 * <h2>How the members share it</h2>
 * <ul>
 *   <li><b>Kernel-balanced</b> ({@link #balancedByKernel()} true: epoll on Linux, kqueue on FreeBSD): every
 *       member has its own UDP {@link Port} on the same address, marked for balanced sharing
 *       ({@code SO_REUSEPORT} on Linux, {@code SO_REUSEPORT_LB} on FreeBSD) before it binds. The kernel hashes
 *       each datagram's sender address to one socket, so one sender's datagrams always reach the same member,
 *       in order, and nothing crosses threads.</li>
 *   <li><b>One member</b> (select anywhere, kqueue on macOS, IOCP on Windows, or a group of one): member 0
 *       alone has the socket and receives every datagram. Unlike a TCP port, whose accepted connections can
 *       be handed to other members, a datagram has no connection to hand over, and passing each one across
 *       threads would cost more than it spreads.</li>
 * </ul>
 *
 * <h2>Protocols</h2>
 * Each member's port has its own {@link DatagramProtocol} from the supplier given to {@code listenUDP}: its
 * {@code startProtocol}, {@code datagramReceived} and {@code stopProtocol} run on that member's thread only,
 * and its {@code transport} writes from that member's socket. A reply written from the member that received
 * the request therefore leaves from the shared address.
 *
 * <h2>Threading</h2>
 * {@link #getHost()}, {@link #memberPorts()}, {@link #balancedByKernel()}, {@link #stopListening()} and
 * {@link #whenClosed()} are thread-safe; the member ports themselves belong to their members' threads.
 */
public final class GroupDatagramPort {
    private final ReactorGroup group;
    private final List<DatagramProtocol> protocols;
    private final boolean balanced;
    private final String iface;
    private final int maxPacketSize;
    /** The members' ports, member i's at index i; in one-member mode only member 0's. */
    private final List<Port> ports = new ArrayList<>();
    private final PartsClosed closed = new PartsClosed();
    private volatile IAddress host;

    GroupDatagramPort(ReactorGroup group, List<DatagramProtocol> protocols, boolean balanced, String iface,
            int maxPacketSize) {
        this.group = group;
        this.protocols = List.copyOf(protocols);
        this.balanced = balanced;
        this.iface = iface;
        this.maxPacketSize = maxPacketSize;
    }

    /** Binds every member's part, member 0 first so that port 0 becomes a real number the others share. */
    void listen(int requested) {
        int n = balanced ? group.size() : 1;
        closed.expect(n);
        int port = requested;
        try {
            for (int i = 0; i < n; i++) {
                Port p = new Port(group.member(i), port, protocols.get(i), iface, maxPacketSize,
                        balanced ? AddressSharing.BALANCED : AddressSharing.EXCLUSIVE);
                group.runOnMember(i, () -> {
                    p.startListening();
                    p.whenClosed().addBoth(result -> {
                        partClosed(result);
                        return null;
                    });
                });
                ports.add(p);
                if (i == 0) {
                    host = p.getHost();
                    port = host.port();
                }
            }
        } catch (RuntimeException | Error e) {
            abandon();
            if (e instanceof CannotListenError) {
                throw e;
            }
            throw new CannotListenError(iface, requested, e);
        }
    }

    /** A member could not bind: closes the parts already bound, each on its own member's thread. */
    private void abandon() {
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            group.runOnMember(i, () -> p.connectionLost(new Failure(new IllegalStateException("group listen failed"))));
        }
        ports.clear();
    }

    /** One member's socket closed, on that member's thread; the last one completes {@link #whenClosed()}. */
    private void partClosed(Object result) {
        if (result instanceof Failure f) {
            closed.recordError(f.value());
        }
        closed.partClosed(null);
    }

    /** True if every member has its own kernel-balanced socket; false if member 0 alone receives. */
    public boolean balancedByKernel() {
        return balanced;
    }

    /** The address the group's port is bound to; the real port number when 0 was asked for. */
    public IAddress getHost() {
        IAddress h = host;
        if (h == null) {
            throw new NotListeningError("the group's UDP port has not listened");
        }
        return h;
    }

    /**
     * The members' own ports, member i's at index i (one per member when kernel-balanced, else member 0's
     * only). Each may be used only on its member's thread.
     */
    public List<IUDPTransport> memberPorts() {
        return Collections.unmodifiableList(new ArrayList<>(ports));
    }

    /**
     * Stops every member's port, each on its own thread (Twisted's {@code stopListening}: the socket closes
     * on a later iteration, then the protocol gets {@code doStop}). The returned future completes once every
     * member's socket is closed, exceptionally with the first exception a protocol's {@code doStop} threw; it
     * is the same future on every call, and also completes when the group's shutdown closes the port.
     */
    public CompletableFuture<Void> stopListening() {
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            group.member(i).callFromThread(p::stopListening);
        }
        return closed.future();
    }

    /** Completes when every member's socket has closed; see {@link #stopListening()}. */
    public CompletableFuture<Void> whenClosed() {
        return closed.future();
    }

    @Override
    public String toString() {
        return "GroupDatagramPort[" + (host == null ? "not listening" : host)
                + (balanced ? " kernel-balanced" : " member 0 only") + " x" + ports.size() + "]";
    }
}
