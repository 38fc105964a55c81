package dev.twine.nativeio.posix;

import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import static dev.twine.nativeio.posix.SocketConstant.IMR_INTERFACE;
import static dev.twine.nativeio.posix.SocketConstant.IOVEC_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_BASE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_LEN;
import static dev.twine.nativeio.posix.SocketConstant.MMSGHDR_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.MMSG_LEN;
import static dev.twine.nativeio.posix.SocketConstant.MSG_IOV;
import static dev.twine.nativeio.posix.SocketConstant.MSG_IOVLEN;
import static dev.twine.nativeio.posix.SocketConstant.MSG_NAME;
import static dev.twine.nativeio.posix.SocketConstant.MSG_NAMELEN;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_STORAGE_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IMR_MULTIADDR;
import static dev.twine.nativeio.posix.SocketConstant.IPPROTO_IP;
import static dev.twine.nativeio.posix.SocketConstant.IP_ADD_MEMBERSHIP;
import static dev.twine.nativeio.posix.SocketConstant.IP_DROP_MEMBERSHIP;
import static dev.twine.nativeio.posix.SocketConstant.IP_MREQ_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IP_MULTICAST_IF;
import static dev.twine.nativeio.posix.SocketConstant.IP_MULTICAST_LOOP;
import static dev.twine.nativeio.posix.SocketConstant.IP_MULTICAST_TTL;
import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;
import static dev.twine.nativeio.posix.SocketConstant.SO_REUSEADDR;
import static dev.twine.nativeio.posix.SocketConstant.SO_REUSEPORT;

/**
 * A non-blocking UDP socket on a POSIX descriptor, opened by {@link PosixSocketProvider#openDatagram}, or an
 * {@code AF_UNIX} datagram socket opened by {@link PosixSocketProvider#openUnixDatagram} (semantics.md §8.9),
 * which takes the {@code *Unix} calls and refuses the UDP ones' addresses.
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
    /** An {@code AF_UNIX} socket (semantics.md §8.9): only the {@code *Unix} calls apply. */
    private final boolean unix;
    /** recvmmsg's vector with its iovecs and address areas, made on the first batch read; see receiveBatch. */
    private ByteBuffer batch;
    private int batchCapacity;

    PosixDatagramSocket(SocketCalls calls, int fd, boolean ipv6) {
        this(calls, fd, ipv6, false);
    }

    private PosixDatagramSocket(SocketCalls calls, int fd, boolean ipv6, boolean unix) {
        super(calls, fd);
        this.ipv6 = ipv6;
        this.unix = unix;
    }

    /** An {@code AF_UNIX} datagram socket on {@code fd}, which it now owns. */
    static PosixDatagramSocket unix(SocketCalls calls, int fd) {
        return new PosixDatagramSocket(calls, fd, false, true);
    }

    /** True for an {@code AF_UNIX} socket. */
    public boolean isUnix() {
        return unix;
    }

    /** True for an {@code AF_INET6} socket. */
    public boolean isIpv6() {
        return ipv6;
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        requireIp();
        calls.bind(openFd("bind"), ipv6, local);
    }

    /**
     * {@code connect(2)} on a datagram socket only records the peer, so it completes at once; the
     * "in progress" answer a stream socket may give cannot happen here.
     */
    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        requireIp();
        calls.connect(openFd("connect"), ipv6, remote);
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        requireIp();
        return receiveInto(dst) < 0 ? null : calls.lastSender();
    }

    /** One {@code recvfrom} into {@code dst}; the sender is then the scratch area's. */
    private long receiveInto(ByteBuffer dst) throws IOException {
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
        return n;
    }

    /**
     * On Linux one {@code recvmmsg} (recvmmsg(2)) fills up to {@code dsts.length} direct buffers; the vector of
     * {@code struct mmsghdr}, their {@code iovec}s and address areas live in one native area per socket,
     * grown to the largest batch asked for. Elsewhere, or with a heap buffer among {@code dsts}, the SPI's
     * one-at-a-time default.
     */
    @Override
    public int receiveBatch(ByteBuffer[] dsts, InetSocketAddress[] senders) throws IOException {
        requireIp();
        SocketAbi abi = calls.abi();
        if (!abi.has(MMSGHDR_SIZE) || dsts.length == 0 || !allDirect(dsts)) {
            return DatagramSocketHandle.super.receiveBatch(dsts, senders);
        }
        int fd = openFd("recvmmsg");
        int count = dsts.length;
        int msgSize = abi.get(MMSGHDR_SIZE);
        int iovSize = abi.get(IOVEC_SIZE);
        int addrSize = abi.get(SOCKADDR_STORAGE_SIZE);
        int iovAt = count * msgSize;
        int addrAt = iovAt + count * iovSize;
        if (batch == null || batchCapacity < count) {
            batch = DirectMemory.allocate(addrAt + count * addrSize);
            batchCapacity = count;
        }
        long base = DirectMemory.address(batch);
        for (int i = 0; i < count; i++) {
            ByteBuffer dst = dsts[i];
            if (dst.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            int msg = i * msgSize;
            int iov = iovAt + i * iovSize;
            batch.putLong(iov + abi.get(IOV_BASE), DirectMemory.address(dst) + dst.position());
            batch.putLong(iov + abi.get(IOV_LEN), dst.remaining());
            for (int b = 0; b < msgSize; b += 8) {
                batch.putLong(msg + b, 0);
            }
            batch.putLong(msg + abi.get(MSG_NAME), base + addrAt + (long) i * addrSize);
            batch.putInt(msg + abi.get(MSG_NAMELEN), addrSize);
            batch.putLong(msg + abi.get(MSG_IOV), base + iov);
            batch.putLong(msg + abi.get(MSG_IOVLEN), 1);
        }
        int n = calls.receiveMany(fd, base, count);
        for (int i = 0; i < n; i++) {
            int msg = i * msgSize;
            int length = batch.getInt(msg + abi.get(MMSG_LEN));
            dsts[i].position(dsts[i].position() + Math.min(length, dsts[i].remaining()));
            senders[i] = calls.decodeAddress(batch, addrAt + i * addrSize, batch.getInt(msg + abi.get(MSG_NAMELEN)));
        }
        return n;
    }

    private static boolean allDirect(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (!b.isDirect()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        requireIp();
        return send(src, target, null);
    }

    /** One {@code sendto}, to {@code target} on a UDP socket or {@code unixTarget} on an AF_UNIX one. */
    private boolean send(ByteBuffer src, InetSocketAddress target, String unixTarget) throws IOException {
        int fd = openFd("sendto");
        int position = src.position();
        int length = src.limit() - position;
        long from;
        if (src.isDirect()) {
            from = DirectMemory.address(src) + position;
        } else {
            if (length > NativeScratch.STAGING_SIZE) {
                throw new IllegalArgumentException("a datagram from a heap buffer may be at most "
                        + NativeScratch.STAGING_SIZE + " bytes, got " + length);
            }
            NativeScratch scratch = calls.scratch();
            scratch.staging.put(0, src, position, length);
            from = scratch.stagingAddress;
        }
        long n = unix ? calls.sendToUnix(fd, from, length, unixTarget) : calls.sendTo(fd, ipv6, from, length, target);
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

    // -- AF_UNIX (semantics.md §8.9) --

    @Override
    public void bindUnix(String name) throws IOException {
        requireUnix();
        calls.bindUnix(openFd("bind"), name);
    }

    /** Immediate, as for UDP: a datagram socket's connect only records the peer. */
    @Override
    public void connectUnix(String name) throws IOException {
        // "In progress" cannot happen for SOCK_DGRAM (connect(2)): the result is known on return.
        requireUnix();
        calls.connectUnix(openFd("connect"), name);
    }

    @Override
    public String receiveUnix(ByteBuffer dst) throws IOException {
        requireUnix();
        return receiveInto(dst) < 0 ? null : calls.lastUnixSender();
    }

    @Override
    public boolean sendUnix(ByteBuffer src, String target) throws IOException {
        requireUnix();
        return send(src, null, target);
    }

    @Override
    public String localUnixName() throws IOException {
        return unix ? calls.unixName(openFd("getsockname"), false) : null;
    }

    /**
     * The IP calls on an {@code AF_UNIX} socket would pass or decode a {@code sockaddr_in} where the kernel
     * has a {@code sockaddr_un}; the SPI promises {@code EAFNOSUPPORT} instead ({@link DatagramSocketHandle}).
     */
    private void requireIp() throws SocketErrorException {
        if (unix) {
            throw new SocketErrorException(SocketError.EAFNOSUPPORT, "a UNIX datagram socket takes the *Unix calls");
        }
    }

    private void requireUnix() throws SocketErrorException {
        if (!unix) {
            throw new SocketErrorException(SocketError.EAFNOSUPPORT, "not a UNIX datagram socket");
        }
    }

    // -- IPv4 multicast --

    @Override
    public void setReuseAddress(boolean on) throws IOException {
        int fd = openFd("setsockopt");
        SocketAbi abi = calls.abi();
        calls.setIntOption(fd, abi.get(SOL_SOCKET), abi.get(SO_REUSEADDR), on ? 1 : 0);
        if (abi.has(SO_REUSEPORT)) {
            calls.setIntOption(fd, abi.get(SOL_SOCKET), abi.get(SO_REUSEPORT), on ? 1 : 0);
        }
    }

    /** The option {@link PosixSocketProvider#listenBalanced} sets on a TCP socket: it balances UDP as well. */
    @Override
    public void shareBalanced() throws IOException {
        SocketAbi abi = calls.abi();
        if (abi.balancedReuseport() == 0) {
            throw new UnsupportedOperationException(abi.platform() + " cannot balance a shared datagram address");
        }
        calls.setIntOption(openFd("setsockopt"), abi.get(SOL_SOCKET), abi.balancedReuseport(), 1);
    }

    @Override
    public void joinGroup(InetAddress group, InetAddress iface) throws IOException {
        membership(IP_ADD_MEMBERSHIP, group, iface);
    }

    @Override
    public void leaveGroup(InetAddress group, InetAddress iface) throws IOException {
        membership(IP_DROP_MEMBERSHIP, group, iface);
    }

    /** {@code struct ip_mreq {imr_multiaddr, imr_interface}}, both {@code in_addr} in network order. */
    private void membership(SocketConstant option, InetAddress group, InetAddress iface) throws IOException {
        int fd = openFd("setsockopt");
        SocketAbi abi = calls.abi();
        byte[] mreq = new byte[abi.get(IP_MREQ_SIZE)];
        System.arraycopy(ipv4(group).getAddress(), 0, mreq, abi.get(IMR_MULTIADDR), 4);
        System.arraycopy(iface == null ? new byte[4] : ipv4(iface).getAddress(), 0, mreq, abi.get(IMR_INTERFACE), 4);
        calls.setOption(fd, abi.get(IPPROTO_IP), abi.get(option), mreq);
    }

    @Override
    public void setMulticastTtl(int ttl) throws IOException {
        calls.setIntOption(openFd("setsockopt"), calls.abi().get(IPPROTO_IP), calls.abi().get(IP_MULTICAST_TTL), ttl);
    }

    @Override
    public int getMulticastTtl() throws IOException {
        return optionValue(IP_MULTICAST_TTL);
    }

    @Override
    public void setMulticastLoopback(boolean on) throws IOException {
        calls.setIntOption(openFd("setsockopt"), calls.abi().get(IPPROTO_IP), calls.abi().get(IP_MULTICAST_LOOP),
                on ? 1 : 0);
    }

    @Override
    public boolean getMulticastLoopback() throws IOException {
        return optionValue(IP_MULTICAST_LOOP) != 0;
    }

    /**
     * The BSDs answer the TTL and loop options with a one-byte {@code u_char}, Linux with an {@code int}:
     * the bytes are read as a little-or-big-endian-independent unsigned value of the length returned.
     */
    private int optionValue(SocketConstant option) throws IOException {
        byte[] b = calls.getOption(openFd("getsockopt"), calls.abi().get(IPPROTO_IP), calls.abi().get(option), 4);
        if (b.length == 1) {
            return b[0] & 0xff;
        }
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getInt();
    }

    @Override
    public void setMulticastInterface(InetAddress iface) throws IOException {
        calls.setOption(openFd("setsockopt"), calls.abi().get(IPPROTO_IP), calls.abi().get(IP_MULTICAST_IF),
                ipv4(iface).getAddress());
    }

    @Override
    public InetAddress getMulticastInterface() throws IOException {
        byte[] b = calls.getOption(openFd("getsockopt"), calls.abi().get(IPPROTO_IP), calls.abi().get(IP_MULTICAST_IF), 4);
        return InetAddress.getByAddress(b.length == 4 ? b : new byte[4]);
    }

    /** Twisted's multicast is IPv4's; an IPv6 address here is a caller's error. */
    private static Inet4Address ipv4(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return v4;
        }
        throw new IllegalArgumentException("IPv4 multicast only, got " + address);
    }
}
