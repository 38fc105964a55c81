package dev.twine.nativeio.posix;

import dev.twine.spi.DatagramSocketHandle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * A non-blocking UDP socket on a POSIX descriptor, opened by {@link PosixSocketProvider#openDatagram}.
 * Poller-agnostic, like {@link PosixStreamSocket}: epoll and kqueue watch {@link #fileno()}.
 *
 * <p><b>Buffers.</b> A direct buffer is received into or sent from in place. A heap buffer goes through
 * the thread's staging area, so a datagram sent from a heap buffer may be at most
 * {@value NativeScratch#STAGING_SIZE} bytes (larger ones are refused with {@code IllegalArgumentException}
 * rather than silently cut, since a datagram cannot be sent in parts), and one received into a heap
 * buffer is truncated to that size.
 *
 * <p>Reactor thread only.
 */
public final class PosixDatagramSocket extends PosixHandle implements DatagramSocketHandle {

    private final boolean ipv6;

    PosixDatagramSocket(SocketCalls calls, int fd, boolean ipv6) {
        super(calls, fd);
        this.ipv6 = ipv6;
    }

    /** True for an {@code AF_INET6} socket. */
    public boolean isIpv6() {
        return ipv6;
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        calls.bind(openFd("bind"), ipv6, local);
    }

    /**
     * {@code connect(2)} on a datagram socket only records the peer, so it completes at once; the
     * "in progress" answer a stream socket may give cannot happen here.
     */
    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        calls.connect(openFd("connect"), ipv6, remote);
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int fd = openFd("recvfrom");
        int position = dst.position();
        int room = dst.limit() - position;
        long n;
        if (dst.isDirect()) {
            n = calls.receiveFrom(fd, DirectMemory.address(dst) + position, room);
            if (n >= 0) {
                dst.position(position + (int) n);
            }
        } else {
            NativeScratch scratch = calls.scratch();
            n = calls.receiveFrom(fd, scratch.stagingAddress, Math.min(room, NativeScratch.STAGING_SIZE));
            if (n >= 0) {
                dst.put(position, scratch.staging, 0, (int) n);
                dst.position(position + (int) n);
            }
        }
        return n < 0 ? null : calls.lastSender();
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        int fd = openFd("sendto");
        int position = src.position();
        int length = src.limit() - position;
        long n;
        if (src.isDirect()) {
            n = calls.sendTo(fd, ipv6, DirectMemory.address(src) + position, length, target);
        } else {
            if (length > NativeScratch.STAGING_SIZE) {
                throw new IllegalArgumentException("a datagram from a heap buffer may be at most "
                        + NativeScratch.STAGING_SIZE + " bytes, got " + length);
            }
            NativeScratch scratch = calls.scratch();
            scratch.staging.put(0, src, position, length);
            n = calls.sendTo(fd, ipv6, scratch.stagingAddress, length, target);
        }
        if (n == SocketCalls.DROPPED) {
            return false;
        }
        src.position(src.limit());
        return true;
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return calls.localAddress(openFd("getsockname"));
    }
}
