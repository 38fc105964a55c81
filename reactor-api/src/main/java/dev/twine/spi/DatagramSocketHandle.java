package dev.twine.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A non-blocking datagram socket: what the shared datagram port ({@code dev.twine.internet.udp}) calls. A
 * UDP socket ({@link SocketProvider#openDatagram}) uses the calls taking IP addresses; an {@code AF_UNIX}
 * datagram socket ({@link SocketProvider#openUnixDatagram}, semantics.md §8.9) uses the {@code *Unix} calls,
 * whose names are paths or Linux abstract names with a leading {@code '\0'}, and which the other kind
 * refuses with {@link SocketError#EAFNOSUPPORT}. The UDP calls stay free of name objects, so the UDP read
 * path allocates nothing here.
 *
 * <p>Every call is non-blocking. "Would block" is a return value: {@link #receive} returns {@code null}
 * when no datagram is queued, and {@link #send} returns false when the send buffer is full
 * ({@code EAGAIN}) or the kernel is out of buffers ({@code ENOBUFS}), in which case the datagram is
 * dropped, as UDP itself may drop it; the caller counts it. Real errors are thrown as
 * {@link SocketErrorException}: on a connected socket an ICMP "port unreachable" for an earlier datagram
 * shows as {@link SocketError#ECONNREFUSED} from the next {@code receive} or {@code send} (udp(7),
 * "Error handling"). Reactor thread only.
 */
public interface DatagramSocketHandle extends SelectableHandle {

    /** Binds the local side; port 0 picks any. Called once, before any other call. */
    void bind(InetSocketAddress local) throws IOException;

    /**
     * Connects the socket: from then on it sends to {@code remote} only ({@link #send} with a {@code null}
     * target), receives only from it, and reports ICMP refusals as {@link SocketError#ECONNREFUSED}.
     * Immediate: no packet is exchanged.
     */
    void connect(InetSocketAddress remote) throws IOException;

    /**
     * Receives one datagram into {@code dst} from its position, advancing the position by the datagram's
     * length. A datagram longer than the space remaining is truncated, the rest discarded (recv(2)).
     *
     * @return the sender, or {@code null} if no datagram is queued
     * @throws SocketErrorException e.g. {@link SocketError#ECONNREFUSED} on a connected socket
     */
    InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * Receives up to {@code dsts.length} datagrams, one into each buffer from its position (advanced by the
     * datagram's length, truncating as {@link #receive} does), and stores each sender in {@code senders} at
     * the same index. Where the OS can, this is one system call ({@code recvmmsg} on Linux); the default
     * calls {@link #receive} until a buffer is left empty.
     *
     * @return how many datagrams were received, {@code 0} if none is queued
     * @throws SocketErrorException as {@link #receive}, when the first datagram fails
     */
    default int receiveBatch(ByteBuffer[] dsts, InetSocketAddress[] senders) throws IOException {
        int n = 0;
        while (n < dsts.length) {
            InetSocketAddress from = receive(dsts[n]);
            if (from == null) {
                break;
            }
            senders[n++] = from;
        }
        return n;
    }

    /**
     * Sends {@code src}'s remaining bytes as one datagram to {@code target} ({@code null} on a connected
     * socket: to its peer), advancing the position to the limit when sent.
     *
     * @return true if the kernel took the datagram, false if it was dropped because the send buffer is
     *         full or the kernel has no buffer space (the position is then unchanged)
     * @throws SocketErrorException for other errors, e.g. {@link SocketError#ECONNREFUSED} on a connected
     *                              socket, or an oversized datagram ({@code EMSGSIZE})
     */
    boolean send(ByteBuffer src, InetSocketAddress target) throws IOException;

    /** The bound address ({@code getsockname}); its port is the real one when 0 was asked for. */
    InetSocketAddress localAddress() throws IOException;

    // -- IPv4 multicast (ip(7): IP_ADD_MEMBERSHIP and friends), as Twisted's MulticastPort offers --

    /**
     * Lets further sockets bind the same address and port, set before {@link #bind}: {@code SO_REUSEADDR},
     * and {@code SO_REUSEPORT} where the OS has it, as Twisted's {@code listenMultiple} does, so several
     * processes can receive one group's datagrams.
     */
    void setReuseAddress(boolean on) throws IOException;

    /**
     * Marks the socket, before {@link #bind}, for kernel-balanced sharing of its address: further sockets
     * marked the same way (by the same user) may bind the same address and port, and the kernel spreads
     * incoming datagrams among them by a hash of the sender's address (Linux {@code SO_REUSEPORT},
     * socket(7); FreeBSD {@code SO_REUSEPORT_LB}). A {@code ReactorGroup}'s {@code listenUDP} marks one
     * socket per member (semantics.md §5.2).
     *
     * @throws UnsupportedOperationException where {@link SocketProvider#balancesSharedListeners()} is false
     */
    default void shareBalanced() throws IOException {
        throw new UnsupportedOperationException("this datagram socket cannot share its address with kernel balancing");
    }

    /**
     * Joins IPv4 multicast {@code group} on the interface with address {@code iface} ({@code null}: the
     * interface the kernel's routing picks).
     *
     * @throws SocketErrorException e.g. {@link SocketError#EINVAL} for an address that is not a group
     */
    void joinGroup(InetAddress group, InetAddress iface) throws IOException;

    /** Leaves a group joined with {@link #joinGroup} with the same arguments. */
    void leaveGroup(InetAddress group, InetAddress iface) throws IOException;

    /** {@code IP_MULTICAST_TTL}: how many hops this socket's multicast datagrams may make (default 1). */
    void setMulticastTtl(int ttl) throws IOException;

    int getMulticastTtl() throws IOException;

    /** {@code IP_MULTICAST_LOOP}: whether this host's own sockets receive what it sends to a group. */
    void setMulticastLoopback(boolean on) throws IOException;

    boolean getMulticastLoopback() throws IOException;

    /** {@code IP_MULTICAST_IF}: the interface (by its IPv4 address) multicast datagrams leave by. */
    void setMulticastInterface(InetAddress iface) throws IOException;

    /** The outgoing multicast interface's address; {@code 0.0.0.0} while the kernel chooses. */
    InetAddress getMulticastInterface() throws IOException;

    // -- AF_UNIX datagram sockets (semantics.md §8.9) --

    /**
     * Binds this {@code AF_UNIX} socket to {@code name} (a path, or a Linux abstract name starting with
     * {@code '\0'}). Called at most once, before any other call; an unbound socket sends unnamed.
     *
     * @throws SocketErrorException e.g. {@link SocketError#EADDRINUSE}, or {@link SocketError#EAFNOSUPPORT}
     *                              on a UDP socket
     */
    default void bindUnix(String name) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX datagram socket");
    }

    /**
     * Connects this {@code AF_UNIX} socket to the socket bound at {@code name}: from then on {@link #sendUnix}
     * with a {@code null} target goes there, and only its datagrams are received. Immediate.
     *
     * @throws SocketErrorException {@link SocketError#ENOENT} when no file exists, {@link SocketError#ECONNREFUSED}
     *                              when no socket is bound there (unix(7))
     */
    default void connectUnix(String name) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX datagram socket");
    }

    /**
     * As {@link #receive}, on an {@code AF_UNIX} socket.
     *
     * @return the sender's name ({@code ""} for an unbound sender), or {@code null} if no datagram is queued
     */
    default String receiveUnix(ByteBuffer dst) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX datagram socket");
    }

    /**
     * As {@link #send}, on an {@code AF_UNIX} socket: to the socket bound at {@code target}, or to the
     * connected peer when {@code target} is {@code null}. A receiver whose queue is full makes the
     * non-blocking send fail with {@code EAGAIN}: the datagram is dropped and false returned.
     *
     * @throws SocketErrorException e.g. {@link SocketError#ECONNREFUSED} when the connected peer has closed,
     *                              {@link SocketError#ENOTCONN} on every send after that (Linux forgets the
     *                              peer), {@link SocketError#ENOENT} when no file exists at {@code target}
     */
    default boolean sendUnix(ByteBuffer src, String target) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX datagram socket");
    }

    /** The bound {@code AF_UNIX} name ({@code ""} when unbound), or {@code null} on a UDP socket. */
    default String localUnixName() throws IOException {
        return null;
    }
}
