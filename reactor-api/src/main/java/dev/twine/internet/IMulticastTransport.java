package dev.twine.internet;

import dev.twine.defer.Deferred;

/**
 * A UDP port that sends to and receives from IPv4 multicast groups (Twisted's {@code IMulticastTransport},
 * semantics.md §7.7). Addresses are IPv4 literals; names must be resolved first. Reactor thread only.
 */
public interface IMulticastTransport extends IUDPTransport {

    /** The address of the interface multicast datagrams leave by; {@code "0.0.0.0"} while the kernel chooses. */
    String getOutgoingInterface();

    /**
     * Sends multicast datagrams out of the interface with address {@code addr}.
     *
     * @return fired with {@code null}, or failed with the socket error
     */
    Deferred<Void> setOutgoingInterface(String addr);

    /** True if this host's own sockets receive what this port sends to a group (the default). */
    boolean getLoopbackMode();

    void setLoopbackMode(boolean mode);

    /** How many hops a multicast datagram may make (default 1: this link only). */
    int getTTL();

    void setTTL(int ttl);

    /**
     * Joins group {@code addr} on the interface with address {@code iface} ({@code ""}: the one the kernel
     * picks).
     *
     * @return fired with {@code null}, or failed with {@link dev.twine.internet.error.MulticastJoinError}
     */
    Deferred<Void> joinGroup(String addr, String iface);

    /** {@code joinGroup(addr, "")}. */
    default Deferred<Void> joinGroup(String addr) {
        return joinGroup(addr, "");
    }

    /** Leaves a group joined with the same arguments; the Deferred fails with the socket error if not. */
    Deferred<Void> leaveGroup(String addr, String iface);

    /** {@code leaveGroup(addr, "")}. */
    default Deferred<Void> leaveGroup(String addr) {
        return leaveGroup(addr, "");
    }
}
