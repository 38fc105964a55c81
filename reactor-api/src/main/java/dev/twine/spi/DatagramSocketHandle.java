package dev.twine.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A non-blocking UDP socket: what the shared datagram port ({@code dev.twine.internet.udp}) calls.
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
}
