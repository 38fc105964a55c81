package dev.twine.internet.group;

import dev.twine.defer.Failure;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.udp.AddressSharing;
import dev.twine.internet.udp.Port;
import java.util.List;

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
 * As every group port's ({@link AbstractGroupPort}): the public methods are thread-safe; the member ports
 * belong to their members' threads.
 */
public final class GroupDatagramPort extends AbstractGroupPort<Port> {
    private final List<DatagramProtocol> protocols;
    private final String iface;
    private final int maxPacketSize;

    GroupDatagramPort(ReactorGroup group, List<DatagramProtocol> protocols, boolean balanced, String iface,
            int maxPacketSize) {
        super(group, balanced);
        this.protocols = List.copyOf(protocols);
        this.iface = iface;
        this.maxPacketSize = maxPacketSize;
    }

    /** Binds every member's part; see {@link #listenParts}. */
    void listen(int requested) {
        listenParts(requested, () -> { }, (i, port) -> {
            Port p = new Port(group.member(i), port, protocols.get(i), iface, maxPacketSize,
                    balanced ? AddressSharing.BALANCED : AddressSharing.EXCLUSIVE);
            group.runOnMember(i, () -> {
                p.startListening();
                p.whenClosed().addBoth(result -> {
                    partClosed(result);
                    return null;
                });
            });
            return p;
        }, () -> { }, e -> new CannotListenError(iface, requested, e));
    }

    /** One member's socket closed, on that member's thread; the last one completes {@link #whenClosed()}. */
    private void partClosed(Object result) {
        if (result instanceof Failure f) {
            closed.recordError(f.value());
        }
        closed.partClosed(null);
    }

    @Override
    public String toString() {
        return "GroupDatagramPort[" + describe() + (balanced ? " kernel-balanced" : " member 0 only") + "]";
    }
}
