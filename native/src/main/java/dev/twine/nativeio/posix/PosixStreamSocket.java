package dev.twine.nativeio.posix;

import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

import static dev.twine.nativeio.posix.SocketConstant.IOVEC_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_BASE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_LEN;
import static dev.twine.nativeio.posix.SocketConstant.IOV_MAX;
import static dev.twine.nativeio.posix.SocketConstant.IPPROTO_TCP;
import static dev.twine.nativeio.posix.SocketConstant.SHUT_RD;
import static dev.twine.nativeio.posix.SocketConstant.SHUT_WR;
import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;
import static dev.twine.nativeio.posix.SocketConstant.SO_KEEPALIVE;
import static dev.twine.nativeio.posix.SocketConstant.TCP_NODELAY;

/**
 * A non-blocking TCP socket on a POSIX descriptor. Poller-agnostic: it only makes socket calls, and
 * any descriptor poller (epoll, kqueue) can watch {@link #fileno()}.
 *
 * <p><b>Buffers.</b> A direct buffer is read or written in place, at its address plus position. A
 * heap buffer goes through the thread's staging area ({@link NativeScratch}), at most
 * {@value NativeScratch#STAGING_SIZE} bytes per call, which the SPI allows since every transfer may
 * be partial. Nothing is allocated per call.
 *
 * <p><b>System calls.</b> One buffer is read with recv(2) and written with send(2), never read(2) and
 * write(2): on a socket they do the same, but read/write first pass through the file layer
 * ({@code fdget_pos}, {@code rw_verify_area}, {@code sock_read_iter}), which {@code perf} showed as a few
 * percent of an echo server's kernel time (bench/README.md, "System calls per request"). Several buffers
 * go out with one writev(2).
 *
 * <p><b>SIGPIPE.</b> Writing to a connection the peer has reset raises {@code SIGPIPE} in C; the JVM
 * installs a handler that ignores it, so the write fails with {@code EPIPE} instead, which is what
 * the transport wants.
 *
 * <p>Reactor thread only.
 */
public final class PosixStreamSocket extends PosixHandle implements StreamSocketHandle {

    private final boolean ipv6;
    /** The peer address {@code accept} returned; null for a socket this process connects. */
    private final InetSocketAddress acceptedPeer;
    /**
     * The {@code AF_UNIX} peer name {@code accept} returned ({@code ""} when unnamed), or null: null also for
     * every TCP socket, which {@link #unix} tells apart (semantics.md §8).
     */
    private final String acceptedUnixPeer;
    private final boolean unix;
    /**
     * recvmsg's outputs, made on the first read that takes descriptors and reused: no allocation per read,
     * and none at all on the many sockets that never pass descriptors.
     */
    private Received received;

    private static final class Received {
        final int[] descriptors = new int[DescriptorPassing.MAX_RECEIVED];
        final int[] count = new int[1];
        final boolean[] truncated = new boolean[1];
    }

    PosixStreamSocket(SocketCalls calls, int fd, boolean ipv6) {
        this(calls, fd, ipv6, null);
    }

    PosixStreamSocket(SocketCalls calls, int fd, boolean ipv6, InetSocketAddress acceptedPeer) {
        this(calls, fd, ipv6, acceptedPeer, false, null);
    }

    private PosixStreamSocket(SocketCalls calls, int fd, boolean ipv6, InetSocketAddress acceptedPeer, boolean unix,
            String acceptedUnixPeer) {
        super(calls, fd);
        this.ipv6 = ipv6;
        this.acceptedPeer = acceptedPeer;
        this.unix = unix;
        this.acceptedUnixPeer = acceptedUnixPeer;
    }

    /** An {@code AF_UNIX} socket; {@code acceptedPeer} is the name {@code accept} gave, or null if connecting. */
    static PosixStreamSocket unix(SocketCalls calls, int fd, String acceptedPeer) {
        return new PosixStreamSocket(calls, fd, false, null, true, acceptedPeer);
    }

    /** True for an {@code AF_UNIX} socket. */
    public boolean isUnix() {
        return unix;
    }

    /** True for an {@code AF_INET6} socket. */
    public boolean isIpv6() {
        return ipv6;
    }

    // -- connecting --

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        return calls.connect(openFd("connect"), ipv6, remote);
    }

    /**
     * Reads {@code SO_ERROR}: a non-zero value is the connect's failure and is thrown; zero means
     * connected unless the connect is still under way, which {@code getpeername} tells apart
     * ({@code ENOTCONN}) when this is called before the poller reported the socket writable.
     */
    @Override
    public boolean finishConnect() throws IOException {
        int fd = openFd("connect");
        int error = calls.pendingError(fd);
        if (error != 0) {
            throw calls.errno().exception("connect", error);
        }
        return unix ? calls.unixName(fd, true) != null : calls.remoteAddress(fd) != null;
    }

    @Override
    public boolean connectUnix(String name) throws IOException {
        if (!unix) {
            return StreamSocketHandle.super.connectUnix(name);
        }
        return calls.connectUnix(openFd("connect"), name);
    }

    @Override
    public dev.twine.internet.PeerCredentials peerCredentials() throws IOException {
        if (!unix) {
            return StreamSocketHandle.super.peerCredentials();
        }
        return calls.peerCredentials(openFd("getsockopt"));
    }

    /** Every POSIX {@code AF_UNIX} socket passes descriptors (semantics.md §8.8). */
    @Override
    public boolean passesDescriptors() {
        return unix;
    }

    /**
     * Writes the first byte of {@code src} with {@code descriptor} attached, as Twisted's
     * {@code sendFileDescriptor} does: one byte per descriptor, so that no two descriptors share a message.
     */
    @Override
    public int writeWithDescriptor(ByteBuffer src, int descriptor) throws IOException {
        if (!unix) {
            return StreamSocketHandle.super.writeWithDescriptor(src, descriptor);
        }
        if (!src.hasRemaining()) {
            throw new IllegalArgumentException("a descriptor is sent with at least one byte");
        }
        int fd = openFd("sendmsg");
        NativeScratch scratch = calls.scratch();
        scratch.staging.put(0, src.get(src.position()));
        long n = calls.sendWithDescriptor(fd, scratch.stagingAddress, 1, descriptor);
        if (n > 0) {
            src.position(src.position() + 1);
        }
        return (int) n;
    }

    @Override
    public int readWithDescriptors(ByteBuffer dst, java.util.function.IntConsumer sink) throws IOException {
        if (!unix) {
            return StreamSocketHandle.super.readWithDescriptors(dst, sink);
        }
        int fd = openFd("recvmsg");
        int position = dst.position();
        int wanted = Math.min(dst.limit() - position, NativeScratch.STAGING_SIZE);
        if (wanted == 0) {
            return 0;
        }
        NativeScratch scratch = calls.scratch();
        if (received == null) {
            received = new Received();
        }
        int[] descriptors = received.descriptors;
        int[] count = received.count;
        boolean[] truncated = received.truncated;
        long n = calls.receiveWithDescriptors(fd, scratch.stagingAddress, wanted, descriptors, count, truncated);
        if (n > 0) {
            dst.put(position, scratch.staging, 0, (int) n);
            dst.position(position + (int) n);
        }
        for (int i = 0; i < count[0]; i++) {
            try {
                sink.accept(descriptors[i]);
            } catch (RuntimeException | Error e) {
                // The receiver threw: nobody owns the descriptors not yet handed over, so close them.
                for (int j = i + 1; j < count[0]; j++) {
                    calls.close(descriptors[j]);
                }
                throw e;
            }
        }
        if (truncated[0]) {
            System.getLogger(PosixStreamSocket.class.getName()).log(System.Logger.Level.WARNING,
                    "more than " + DescriptorPassing.MAX_RECEIVED + " descriptors in one message: the kernel closed the rest");
        }
        return (int) n;
    }

    @Override
    public String localUnixName() throws IOException {
        return unix ? calls.unixName(openFd("getsockname"), false) : null;
    }

    @Override
    public String remoteUnixName() throws IOException {
        if (!unix) {
            return null;
        }
        if (acceptedUnixPeer != null) {
            return acceptedUnixPeer;
        }
        String name = calls.unixName(openFd("getpeername"), true);
        return name;
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        calls.bind(openFd("bind"), ipv6, local);
    }

    // -- data --

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int fd = openFd("read");
        int position = dst.position();
        int wanted = dst.limit() - position;
        if (wanted == 0) {
            return 0;
        }
        if (dst.isDirect()) {
            long n = calls.recv(fd, DirectMemory.address(dst) + position, wanted);
            if (n > 0) {
                dst.position(position + (int) n);
            }
            return (int) n;
        }
        NativeScratch scratch = calls.scratch();
        long n = calls.recv(fd, scratch.stagingAddress, Math.min(wanted, NativeScratch.STAGING_SIZE));
        if (n > 0) {
            dst.put(position, scratch.staging, 0, (int) n);
            dst.position(position + (int) n);
        }
        return (int) n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int fd = openFd("write");
        int position = src.position();
        int length = src.limit() - position;
        if (length == 0) {
            return 0;
        }
        long n;
        if (src.isDirect()) {
            n = calls.send(fd, DirectMemory.address(src) + position, length);
        } else {
            NativeScratch scratch = calls.scratch();
            int staged = Math.min(length, NativeScratch.STAGING_SIZE);
            scratch.staging.put(0, src, position, staged);
            n = calls.send(fd, scratch.stagingAddress, staged);
        }
        src.position(position + (int) n);
        return (int) n;
    }

    /**
     * One {@code writev} over the buffers' remaining bytes, in order. Direct buffers are referenced
     * in place; heap buffers are copied into the staging area until it is full, and the gather stops
     * at the first heap buffer that did not fit entirely, so the bytes sent are always a prefix of
     * the sequence. At most {@link SocketConstant#IOV_MAX} buffers are sent per call.
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        int fd = openFd("writev");
        SocketAbi abi = calls.abi();
        NativeScratch scratch = calls.scratch();
        int iovMax = abi.get(IOV_MAX);
        int count = 0;
        int staged = 0;
        long firstBase = 0;
        long firstLength = 0;
        for (int i = offset; i < offset + length && count < iovMax; i++) {
            ByteBuffer src = srcs[i];
            int position = src.position();
            int remaining = src.limit() - position;
            if (remaining == 0) {
                continue;
            }
            long base;
            int take;
            if (src.isDirect()) {
                base = DirectMemory.address(src) + position;
                take = remaining;
            } else {
                take = Math.min(remaining, NativeScratch.STAGING_SIZE - staged);
                if (take == 0) {
                    break;
                }
                scratch.staging.put(staged, src, position, take);
                base = scratch.stagingAddress + staged;
                staged += take;
            }
            int slot = count * abi.get(IOVEC_SIZE);
            scratch.iovecs.putLong(slot + abi.get(IOV_BASE), base);
            scratch.iovecs.putLong(slot + abi.get(IOV_LEN), take);
            if (count == 0) {
                firstBase = base;
                firstLength = take;
            }
            count++;
            if (take < remaining) {
                break;
            }
        }
        if (count == 0) {
            return 0;
        }
        long written = count == 1
                ? calls.send(fd, firstBase, firstLength)
                : calls.writev(fd, scratch.iovecsAddress, count);
        long left = written;
        for (int i = offset; left > 0; i++) {
            ByteBuffer src = srcs[i];
            int take = (int) Math.min(src.remaining(), left);
            src.position(src.position() + take);
            left -= take;
        }
        return written;
    }

    // -- closing --

    @Override
    public void shutdownOutput() throws IOException {
        calls.shutdown(openFd("shutdown"), calls.abi().get(SHUT_WR));
    }

    @Override
    public void shutdownInput() throws IOException {
        calls.shutdown(openFd("shutdown"), calls.abi().get(SHUT_RD));
    }

    /**
     * Sets {@code SO_LINGER {1, 0}} and closes, so the kernel discards unsent data and sends RST
     * (socket(7), SO_LINGER). The descriptor is closed even if the option cannot be set.
     */
    @Override
    public void abort() throws IOException {
        if (!isOpen()) {
            return;
        }
        try {
            // AF_UNIX has no RST to send: a plain close is its abort (unix(7) knows no SO_LINGER effect).
            if (!unix) {
                calls.setLinger(fileno(), true, 0);
            }
        } catch (SocketErrorException cannotLinger) {
            // Closing matters more than how: the caller asked for the socket to go away.
        } finally {
            close();
        }
    }

    // -- addresses and options --

    @Override
    public InetSocketAddress localAddress() throws IOException {
        if (unix) {
            return null;
        }
        return calls.localAddress(openFd("getsockname"));
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        if (unix) {
            return null;
        }
        if (acceptedPeer != null) {
            return acceptedPeer;
        }
        return calls.remoteAddress(openFd("getpeername"));
    }

    @Override
    public void setTcpNoDelay(boolean on) throws IOException {
        SocketAbi abi = calls.abi();
        calls.setIntOption(openFd("setsockopt"), abi.get(IPPROTO_TCP), abi.get(TCP_NODELAY), on ? 1 : 0);
    }

    @Override
    public boolean getTcpNoDelay() throws IOException {
        SocketAbi abi = calls.abi();
        return calls.getIntOption(openFd("getsockopt"), abi.get(IPPROTO_TCP), abi.get(TCP_NODELAY)) != 0;
    }

    @Override
    public void setKeepAlive(boolean on) throws IOException {
        SocketAbi abi = calls.abi();
        calls.setIntOption(openFd("setsockopt"), abi.get(SOL_SOCKET), abi.get(SO_KEEPALIVE), on ? 1 : 0);
    }

    @Override
    public boolean getKeepAlive() throws IOException {
        SocketAbi abi = calls.abi();
        return calls.getIntOption(openFd("getsockopt"), abi.get(SOL_SOCKET), abi.get(SO_KEEPALIVE)) != 0;
    }
}
