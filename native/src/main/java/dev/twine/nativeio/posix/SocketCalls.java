package dev.twine.nativeio.posix;

import dev.twine.internet.PeerCredentials;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.net.InetSocketAddress;

import static dev.twine.nativeio.posix.SocketConstant.AF_INET;
import static dev.twine.nativeio.posix.SocketConstant.AF_INET6;
import static dev.twine.nativeio.posix.SocketConstant.AF_UNIX;
import static dev.twine.nativeio.posix.SocketConstant.LOCAL_PEERCRED;
import static dev.twine.nativeio.posix.SocketConstant.LOCAL_PEERPID;
import static dev.twine.nativeio.posix.SocketConstant.SOL_LOCAL;
import static dev.twine.nativeio.posix.SocketConstant.SO_PEERCRED;
import static dev.twine.nativeio.posix.SocketConstant.UCRED_GID;
import static dev.twine.nativeio.posix.SocketConstant.UCRED_PID;
import static dev.twine.nativeio.posix.SocketConstant.UCRED_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.UCRED_UID;
import static dev.twine.nativeio.posix.SocketConstant.XUCRED_GROUPS;
import static dev.twine.nativeio.posix.SocketConstant.XUCRED_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.XUCRED_UID;
import static dev.twine.nativeio.posix.SocketConstant.SIN_FAMILY;
import static dev.twine.nativeio.posix.SocketConstant.FD_CLOEXEC;
import static dev.twine.nativeio.posix.SocketConstant.F_DUPFD_CLOEXEC;
import static dev.twine.nativeio.posix.SocketConstant.F_GETFL;
import static dev.twine.nativeio.posix.SocketConstant.F_SETFD;
import static dev.twine.nativeio.posix.SocketConstant.F_SETFL;
import static dev.twine.nativeio.posix.SocketConstant.LINGER_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.L_LINGER;
import static dev.twine.nativeio.posix.SocketConstant.L_ONOFF;
import static dev.twine.nativeio.posix.SocketConstant.O_NONBLOCK;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_STORAGE_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SOCK_CLOEXEC;
import static dev.twine.nativeio.posix.SocketConstant.SOCK_DGRAM;
import static dev.twine.nativeio.posix.SocketConstant.SOCK_NONBLOCK;
import static dev.twine.nativeio.posix.SocketConstant.SOCK_STREAM;
import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;
import static dev.twine.nativeio.posix.SocketConstant.SO_ERROR;
import static dev.twine.nativeio.posix.SocketConstant.SO_LINGER;

/**
 * The socket calls with their error policy applied, in one place: system calls that may be
 * restarted are retried on {@code EINTR}; "would block" becomes a return value; every other error
 * becomes a {@link SocketErrorException} through {@link ErrnoTable#exception}.
 *
 * <p>Which calls are restarted is per call, after the man pages: {@code read}, {@code write},
 * {@code writev}, {@code accept}, option and address calls are retried; {@code connect} is not,
 * because an interrupted connect carries on asynchronously and reports {@code EALREADY} if repeated
 * (connect(2), "EINTR"), so it is treated as "in progress"; {@code close} is never retried
 * ({@link PosixSockets#close}).
 *
 * <p>Only primitives and addresses go in; socket addresses are encoded in the calling thread's
 * {@link NativeScratch}, so nothing here allocates except address decoding. Thread-safe: each
 * thread uses its own scratch memory.
 */
public final class SocketCalls {

    /** {@link #recv} result: nothing to read now. */
    public static final long WOULD_BLOCK = 0;
    /** {@link #recv} result: the peer closed its side. */
    public static final long END_OF_STREAM = -1;

    private final PosixSockets sys;
    private final SocketAbi abi;
    private final ErrnoTable errno;
    private final SockaddrCodec codec;
    private final ThreadLocal<NativeScratch> scratch;

    private final int eintr;
    private final int eagain;
    private final int ewouldblock;
    private final int einprogress;
    private final int enotconn;
    private final int eafnosupport;
    private final int enobufs;

    /**
     * @param sys   the system calls (the jnr-ffi binding, or a fault-injecting decorator of it)
     * @param abi   the constants and layouts of this OS
     * @param errno this OS's errno table
     */
    public SocketCalls(PosixSockets sys, SocketAbi abi, ErrnoTable errno) {
        this.sys = sys;
        this.abi = abi;
        this.errno = errno;
        this.codec = new SockaddrCodec(abi);
        this.scratch = ThreadLocal.withInitial(() -> new NativeScratch(abi));
        this.eintr = errno.number("EINTR");
        this.eagain = errno.number("EAGAIN");
        this.ewouldblock = errno.number("EWOULDBLOCK");
        this.einprogress = errno.number("EINPROGRESS");
        this.enotconn = errno.number("ENOTCONN");
        this.eafnosupport = errno.number("EAFNOSUPPORT");
        this.enobufs = errno.number("ENOBUFS");
    }

    /** The constants and layouts in use. */
    public SocketAbi abi() {
        return abi;
    }

    /** The errno table in use. */
    public ErrnoTable errno() {
        return errno;
    }

    /** This thread's native scratch memory. */
    NativeScratch scratch() {
        return scratch.get();
    }

    private boolean wouldBlock(long negated) {
        return negated == -eagain || negated == -ewouldblock;
    }

    private SocketErrorException failure(String call, long negated) {
        return errno.exception(call, (int) -negated);
    }

    // -- descriptors --

    /** Opens a non-blocking, close-on-exec stream socket of the given family. */
    public int openStream(boolean ipv6) throws SocketErrorException {
        return open(ipv6, abi.get(SOCK_STREAM));
    }

    /** Opens a non-blocking, close-on-exec datagram (UDP) socket of the given family. */
    public int openDatagram(boolean ipv6) throws SocketErrorException {
        return open(ipv6, abi.get(SOCK_DGRAM));
    }

    private int open(boolean ipv6, int kind) throws SocketErrorException {
        int type = kind | abi.flag(SOCK_NONBLOCK) | abi.flag(SOCK_CLOEXEC);
        int fd = sys.socket(ipv6 ? abi.get(AF_INET6) : abi.get(AF_INET), type, 0);
        if (fd < 0) {
            throw failure("socket", fd);
        }
        if (abi.flag(SOCK_NONBLOCK) == 0 || abi.flag(SOCK_CLOEXEC) == 0) {
            makeNonBlockingCloexec(fd, "socket");
        }
        return fd;
    }

    /** Opens a non-blocking, close-on-exec {@code AF_UNIX} stream socket (semantics.md §8). */
    public int openUnixStream() throws SocketErrorException {
        return openUnix(abi.get(SOCK_STREAM));
    }

    /** Opens a non-blocking, close-on-exec {@code AF_UNIX} datagram socket (semantics.md §8.9). */
    public int openUnixDatagram() throws SocketErrorException {
        return openUnix(abi.get(SOCK_DGRAM));
    }

    private int openUnix(int kind) throws SocketErrorException {
        int type = kind | abi.flag(SOCK_NONBLOCK) | abi.flag(SOCK_CLOEXEC);
        int fd = sys.socket(abi.get(AF_UNIX), type, 0);
        if (fd < 0) {
            throw failure("socket", fd);
        }
        if (abi.flag(SOCK_NONBLOCK) == 0 || abi.flag(SOCK_CLOEXEC) == 0) {
            makeNonBlockingCloexec(fd, "socket");
        }
        return fd;
    }

    /**
     * Accepts one pending connection, non-blocking and close-on-exec, and decodes the peer address
     * {@code accept} wrote, so that the caller needs no {@code getpeername} (which fails with
     * {@code ENOTCONN} once the peer has reset the connection).
     *
     * @return the new descriptor and its peer, or {@code null} if none is pending
     */
    public Accepted accept(int listenFd) throws IOException {
        boolean flagsAtOnce = abi.hasAccept4();
        NativeScratch s = scratch();
        int fd;
        do {
            s.sockaddr.putInt(s.sockaddrLengthIndex, abi.get(SOCKADDR_STORAGE_SIZE));
            fd = flagsAtOnce
                    ? sys.accept4(listenFd, s.sockaddrAddress, s.sockaddrLengthAddress,
                            abi.flag(SOCK_NONBLOCK) | abi.flag(SOCK_CLOEXEC))
                    : sys.accept(listenFd, s.sockaddrAddress, s.sockaddrLengthAddress);
        } while (fd == -eintr);
        if (fd < 0) {
            if (wouldBlock(fd)) {
                return null;
            }
            throw failure(flagsAtOnce ? "accept4" : "accept", fd);
        }
        InetSocketAddress peer = null;
        String unixPeer = null;
        try {
            int length = s.sockaddr.getInt(s.sockaddrLengthIndex);
            // An AF_UNIX client is usually unnamed: Linux then reports just the family (or nothing at all).
            if (length <= abi.get(SIN_FAMILY) || codec.isUnix(s.sockaddr)) {
                unixPeer = codec.decodeUnix(s.sockaddr, length);
            } else {
                peer = codec.decode(s.sockaddr, length);
            }
            if (!flagsAtOnce) {
                makeNonBlockingCloexec(fd, "accept");
            }
        } catch (IOException | RuntimeException e) {
            sys.close(fd);
            throw e;
        }
        return new Accepted(fd, peer, unixPeer);
    }

    /**
     * A descriptor {@link #accept} returned, with the peer address the kernel gave with it: {@code peer} for
     * TCP, {@code unixPeer} (a name, {@code ""} when unnamed) for an {@code AF_UNIX} socket.
     */
    public record Accepted(int fd, InetSocketAddress peer, String unixPeer) {
    }

    private void makeNonBlockingCloexec(int fd, String call) throws SocketErrorException {
        int flags = sys.fcntl(fd, abi.get(F_GETFL), 0);
        int result = flags < 0 ? flags : sys.fcntl(fd, abi.get(F_SETFL), flags | abi.get(O_NONBLOCK));
        if (result >= 0) {
            result = sys.fcntl(fd, abi.get(F_SETFD), abi.get(FD_CLOEXEC));
        }
        if (result < 0) {
            close(fd);
            throw failure(call + "/fcntl", result);
        }
    }

    /**
     * A non-blocking, close-on-exec duplicate of {@code fd}, a socket made outside this layer (Twisted's
     * {@code socket.fromfd}, which duplicates too): the caller keeps {@code fd} and closes it when it likes.
     *
     * @throws SocketErrorException naming {@code fcntl}, e.g. {@code EBADF} for a descriptor that is not open
     */
    public int adopt(int fd) throws SocketErrorException {
        int copy;
        do {
            copy = sys.fcntl(fd, abi.get(F_DUPFD_CLOEXEC), 0);
        } while (copy == -eintr);
        if (copy < 0) {
            throw failure("fcntl(F_DUPFD_CLOEXEC) of descriptor " + fd, copy);
        }
        makeNonBlockingCloexec(copy, "adopt");
        return copy;
    }

    /** Closes {@code fd}, never retrying and ignoring the result (see {@link PosixSockets#close}). */
    public void close(int fd) {
        sys.close(fd);
    }

    // -- connection set-up --

    /**
     * Starts a connect.
     *
     * @return true if connected at once, false if in progress
     */
    public boolean connect(int fd, boolean ipv6, InetSocketAddress remote) throws SocketErrorException {
        NativeScratch s = scratch();
        int length = encode(remote, ipv6, s, "connect");
        int result = sys.connect(fd, s.sockaddrAddress, length);
        if (result == 0) {
            return true;
        }
        if (result == -einprogress || result == -eintr) {
            return false;
        }
        throw failure("connect", result);
    }

    /** Binds {@code fd} to {@code local}. */
    public void bind(int fd, boolean ipv6, InetSocketAddress local) throws SocketErrorException {
        NativeScratch s = scratch();
        int length = encode(local, ipv6, s, "bind");
        int result = sys.bind(fd, s.sockaddrAddress, length);
        if (result != 0) {
            throw failure("bind", result);
        }
    }

    /**
     * Starts connecting an {@code AF_UNIX} socket to {@code name}. A listener with a full backlog makes a
     * non-blocking connect fail with {@code EAGAIN} rather than wait (unix(7)); that is thrown as the
     * connect's error, as Twisted's {@code unix.Client} reports it.
     *
     * @return true if connected at once, false if in progress
     */
    public boolean connectUnix(int fd, String name) throws SocketErrorException {
        NativeScratch s = scratch();
        int length = codec.encodeUnix(name, s.sockaddr);
        int result = sys.connect(fd, s.sockaddrAddress, length);
        if (result == 0) {
            return true;
        }
        if (result == -einprogress || result == -eintr) {
            return false;
        }
        throw failure("connect", result);
    }

    /** Binds an {@code AF_UNIX} socket to {@code name}. */
    public void bindUnix(int fd, String name) throws SocketErrorException {
        NativeScratch s = scratch();
        int length = codec.encodeUnix(name, s.sockaddr);
        int result = sys.bind(fd, s.sockaddrAddress, length);
        if (result != 0) {
            throw failure("bind", result);
        }
    }

    private int encode(InetSocketAddress address, boolean ipv6, NativeScratch s, String call)
            throws SocketErrorException {
        int length = codec.encode(address, ipv6, s.sockaddr);
        if (length < 0) {
            throw errno.exception(call, eafnosupport);
        }
        return length;
    }

    /** Marks {@code fd} as listening. */
    public void listen(int fd, int backlog) throws SocketErrorException {
        int result = sys.listen(fd, backlog);
        if (result != 0) {
            throw failure("listen", result);
        }
    }

    /** {@code shutdown(fd, how)} with {@code how} one of {@code SHUT_RD}, {@code SHUT_WR} of {@link SocketConstant}. */
    public void shutdown(int fd, int how) throws SocketErrorException {
        int result = sys.shutdown(fd, how);
        if (result != 0) {
            throw failure("shutdown", result);
        }
    }

    // -- data --

    /**
     * Receives up to {@code length} bytes from a connected stream socket into native memory, with recv(2)
     * rather than read(2), which would first pass the file layer (see {@link PosixSockets#recv}).
     *
     * @return bytes read (&gt; 0), {@link #WOULD_BLOCK} or {@link #END_OF_STREAM}
     */
    public long recv(int fd, long address, long length) throws SocketErrorException {
        long n;
        do {
            n = sys.recv(fd, address, length, 0);
        } while (n == -eintr);
        return received(n, "recv");
    }

    /**
     * Sends up to {@code length} bytes from native memory on a connected stream socket, with send(2) rather
     * than write(2) (see {@link PosixSockets#send}). No {@code MSG_NOSIGNAL}: SIGPIPE is already ignored
     * process-wide (see {@link PosixStreamSocket}), and macOS has no such flag.
     *
     * @return bytes written, {@code 0} if it would block
     */
    public long send(int fd, long address, long length) throws SocketErrorException {
        long n;
        do {
            n = sys.send(fd, address, length, 0);
        } while (n == -eintr);
        return written(n, "send");
    }

    /**
     * Sends {@code length} bytes at {@code address} with {@code descriptor} attached ({@code SCM_RIGHTS},
     * semantics.md §8.8): the kernel installs a duplicate of it in the receiving process.
     *
     * @return bytes written, {@code 0} if it would block (then the descriptor was not sent either)
     */
    public long sendWithDescriptor(int fd, long address, long length, int descriptor) throws SocketErrorException {
        DescriptorPassing m = scratch().passing();
        m.prepareSend(address, length, descriptor);
        long n;
        do {
            n = sys.sendmsg(fd, m.address, 0);
        } while (n == -eintr);
        return written(n, "sendmsg");
    }

    /**
     * Receives up to {@code length} bytes into native memory, with any descriptors that came with them
     * ({@code SCM_RIGHTS}), which are close-on-exec. Descriptors beyond {@link DescriptorPassing#MAX_RECEIVED}
     * in one message are closed by the kernel ({@code MSG_CTRUNC}); {@code truncated[0]} then says so.
     *
     * @param descriptors receives the descriptors; {@code count[0]} is set to how many
     * @return bytes read (&gt; 0), {@link #WOULD_BLOCK} or {@link #END_OF_STREAM}
     */
    public long receiveWithDescriptors(int fd, long address, long length, int[] descriptors, int[] count,
            boolean[] truncated) throws SocketErrorException {
        DescriptorPassing m = scratch().passing();
        m.prepareReceive(address, length);
        long n;
        do {
            n = sys.recvmsg(fd, m.address, m.receiveFlags());
        } while (n == -eintr);
        count[0] = 0;
        truncated[0] = false;
        if (n < 0) {
            if (wouldBlock(n)) {
                return WOULD_BLOCK;
            }
            throw failure("recvmsg", n);
        }
        count[0] = m.received(descriptors);
        truncated[0] = m.truncated();
        if (m.receiveFlags() == 0) {
            // No MSG_CMSG_CLOEXEC here (macOS): mark each one now, before anything could fork.
            for (int i = 0; i < count[0]; i++) {
                sys.fcntl(descriptors[i], abi.get(F_SETFD), abi.get(FD_CLOEXEC));
            }
        }
        return n == 0 ? END_OF_STREAM : n;
    }

    /**
     * Gathering write of {@code count} iovecs at {@code iovAddress}.
     *
     * @return bytes written, {@code 0} if it would block
     */
    public long writev(int fd, long iovAddress, int count) throws SocketErrorException {
        long n;
        do {
            n = sys.writev(fd, iovAddress, count);
        } while (n == -eintr);
        return written(n, "writev");
    }

    /** A stream read's result: bytes, {@link #END_OF_STREAM} for 0, {@link #WOULD_BLOCK}, or the error thrown. */
    private long received(long n, String call) throws SocketErrorException {
        if (n > 0) {
            return n;
        }
        if (n == 0) {
            return END_OF_STREAM;
        }
        if (wouldBlock(n)) {
            return WOULD_BLOCK;
        }
        throw failure(call, n);
    }

    private long written(long n, String call) throws SocketErrorException {
        if (n >= 0) {
            return n;
        }
        if (wouldBlock(n)) {
            return 0;
        }
        throw failure(call, n);
    }

    // -- options --

    /** Reads an {@code int}-valued socket option. */
    public int getIntOption(int fd, int level, int option) throws SocketErrorException {
        NativeScratch s = scratch();
        s.words.putInt(0, 0);
        s.words.putInt(8, 4);
        int result;
        do {
            result = sys.getsockopt(fd, level, option, s.wordsAddress, s.wordsAddress + 8);
        } while (result == -eintr);
        if (result != 0) {
            throw failure("getsockopt", result);
        }
        return s.words.getInt(0);
    }

    /** Sets an {@code int}-valued socket option. */
    public void setIntOption(int fd, int level, int option, int value) throws SocketErrorException {
        NativeScratch s = scratch();
        s.words.putInt(0, value);
        int result;
        do {
            result = sys.setsockopt(fd, level, option, s.wordsAddress, 4);
        } while (result == -eintr);
        if (result != 0) {
            throw failure("setsockopt", result);
        }
    }

    /** Sets {@code SO_LINGER} to {@code {onoff, seconds}}. */
    public void setLinger(int fd, boolean on, int seconds) throws SocketErrorException {
        NativeScratch s = scratch();
        s.words.putInt(abi.get(L_ONOFF), on ? 1 : 0);
        s.words.putInt(abi.get(L_LINGER), seconds);
        int result = sys.setsockopt(fd, abi.get(SOL_SOCKET), abi.get(SO_LINGER), s.wordsAddress, abi.get(LINGER_SIZE));
        if (result != 0) {
            throw failure("setsockopt", result);
        }
    }

    /** Reads and clears the pending socket error ({@code SO_ERROR}); {@code 0} when there is none. */
    public int pendingError(int fd) throws SocketErrorException {
        return getIntOption(fd, abi.get(SOL_SOCKET), abi.get(SO_ERROR));
    }

    // -- addresses --

    /** {@code getsockname}. */
    public InetSocketAddress localAddress(int fd) throws IOException {
        return address(fd, false);
    }

    /** {@code getpeername}, or {@code null} when not connected ({@code ENOTCONN}). */
    public InetSocketAddress remoteAddress(int fd) throws IOException {
        return address(fd, true);
    }

    /**
     * The {@code AF_UNIX} name of this end ({@code peer} false) or of the peer: {@code ""} when unnamed,
     * {@code null} when not connected ({@code ENOTCONN}).
     */
    public String unixName(int fd, boolean peer) throws IOException {
        NativeScratch s = scratch();
        int result = rawName(fd, peer, s);
        if (peer && result == -enotconn) {
            return null;
        }
        if (result != 0) {
            throw failure(peer ? "getpeername" : "getsockname", result);
        }
        return codec.decodeUnix(s.sockaddr, s.sockaddr.getInt(s.sockaddrLengthIndex));
    }

    /**
     * The {@code AF_UNIX} peer's credentials (semantics.md §8.7): {@code SO_PEERCRED}'s {@code struct ucred}
     * where the ABI has it (Linux), else {@code LOCAL_PEERCRED}'s {@code struct xucred} (the BSDs, macOS), with
     * macOS's {@code LOCAL_PEERPID} for the pid. Read into the sockaddr scratch area, which is large enough
     * for either structure.
     */
    public PeerCredentials peerCredentials(int fd) throws SocketErrorException {
        NativeScratch s = scratch();
        if (abi.has(SO_PEERCRED)) {
            getStruct(fd, abi.get(SOL_SOCKET), abi.get(SO_PEERCRED), abi.get(UCRED_SIZE), s);
            return new PeerCredentials(s.sockaddr.getInt(abi.get(UCRED_PID)), s.sockaddr.getInt(abi.get(UCRED_UID)),
                    s.sockaddr.getInt(abi.get(UCRED_GID)));
        }
        if (!abi.has(LOCAL_PEERCRED)) {
            throw new SocketErrorException(SocketError.EINVAL, abi.platform().label() + " has no peer credentials");
        }
        getStruct(fd, abi.get(SOL_LOCAL), abi.get(LOCAL_PEERCRED), abi.get(XUCRED_SIZE), s);
        int uid = s.sockaddr.getInt(abi.get(XUCRED_UID));
        int gid = s.sockaddr.getInt(abi.get(XUCRED_GROUPS));
        long pid = abi.has(LOCAL_PEERPID) ? getIntOption(fd, abi.get(SOL_LOCAL), abi.get(LOCAL_PEERPID)) : -1;
        return new PeerCredentials(pid, uid, gid);
    }

    private void getStruct(int fd, int level, int option, int size, NativeScratch s) throws SocketErrorException {
        for (int i = 0; i < size; i++) {
            s.sockaddr.put(i, (byte) 0);
        }
        s.sockaddr.putInt(s.sockaddrLengthIndex, size);
        int result;
        do {
            result = sys.getsockopt(fd, level, option, s.sockaddrAddress, s.sockaddrLengthAddress);
        } while (result == -eintr);
        if (result != 0) {
            throw failure("getsockopt", result);
        }
    }

    private int rawName(int fd, boolean peer, NativeScratch s) {
        s.sockaddr.putInt(s.sockaddrLengthIndex, abi.get(SOCKADDR_STORAGE_SIZE));
        int result;
        do {
            result = peer
                    ? sys.getpeername(fd, s.sockaddrAddress, s.sockaddrLengthAddress)
                    : sys.getsockname(fd, s.sockaddrAddress, s.sockaddrLengthAddress);
        } while (result == -eintr);
        return result;
    }

    private InetSocketAddress address(int fd, boolean peer) throws IOException {
        NativeScratch s = scratch();
        s.sockaddr.putInt(s.sockaddrLengthIndex, abi.get(SOCKADDR_STORAGE_SIZE));
        int result;
        do {
            result = peer
                    ? sys.getpeername(fd, s.sockaddrAddress, s.sockaddrLengthAddress)
                    : sys.getsockname(fd, s.sockaddrAddress, s.sockaddrLengthAddress);
        } while (result == -eintr);
        if (peer && result == -enotconn) {
            return null;
        }
        if (result != 0) {
            throw failure(peer ? "getpeername" : "getsockname", result);
        }
        return codec.decode(s.sockaddr, s.sockaddr.getInt(s.sockaddrLengthIndex));
    }

    // -- datagrams --

    /** {@link #sendTo} result: the datagram was dropped (send buffer full, or no kernel buffers). */
    public static final long DROPPED = -1;

    /**
     * Sends one datagram of {@code length} bytes from native memory to {@code target}, or to the connected
     * peer when {@code target} is null. Retried on {@code EINTR}. {@code EAGAIN} and {@code ENOBUFS} mean the
     * datagram is dropped (udp(7): "ENOBUFS ... the packet was dropped"), which is what UDP promises anyway,
     * so they are a return value rather than an error.
     *
     * @return bytes sent, or {@link #DROPPED}
     */
    public long sendTo(int fd, boolean ipv6, long address, long length, InetSocketAddress target)
            throws SocketErrorException {
        NativeScratch s = scratch();
        int targetLength = target == null ? 0 : encode(target, ipv6, s, "sendto");
        return sendTo(fd, address, length, target == null ? 0 : s.sockaddrAddress, targetLength);
    }

    /**
     * As {@link #sendTo(int, boolean, long, long, InetSocketAddress)} on an {@code AF_UNIX} datagram socket,
     * to the socket bound at {@code target} ({@code null}: the connected peer). A receiver whose queue is full
     * answers a non-blocking send with {@code EAGAIN} (unix(7)): the datagram is dropped, as Twisted's
     * {@code unix.DatagramPort.write} drops it.
     */
    public long sendToUnix(int fd, long address, long length, String target) throws SocketErrorException {
        NativeScratch s = scratch();
        int targetLength = target == null ? 0 : codec.encodeUnix(target, s.sockaddr);
        return sendTo(fd, address, length, target == null ? 0 : s.sockaddrAddress, targetLength);
    }

    private long sendTo(int fd, long address, long length, long targetAddress, int targetLength)
            throws SocketErrorException {
        long n;
        do {
            n = sys.sendto(fd, address, length, 0, targetAddress, targetLength);
        } while (n == -eintr);
        if (n >= 0) {
            return n;
        }
        if (wouldBlock(n) || n == -enobufs) {
            return DROPPED;
        }
        throw failure("sendto", n);
    }

    /**
     * Receives one datagram into native memory, retried on {@code EINTR}.
     *
     * @return the datagram's length (0 is a valid, empty datagram), or {@code -1} if none is queued; the
     *         sender is then {@link #lastSender()}
     */
    public long receiveFrom(int fd, long address, long length) throws SocketErrorException {
        NativeScratch s = scratch();
        long n;
        do {
            s.sockaddr.putInt(s.sockaddrLengthIndex, abi.get(SOCKADDR_STORAGE_SIZE));
            n = sys.recvfrom(fd, address, length, 0, s.sockaddrAddress, s.sockaddrLengthAddress);
        } while (n == -eintr);
        if (n >= 0) {
            return n;
        }
        if (wouldBlock(n)) {
            return -1;
        }
        throw failure("recvfrom", n);
    }

    /**
     * The {@code AF_UNIX} sender the last successful {@link #receiveFrom} on this thread wrote: {@code ""}
     * for an unbound sender, which Linux reports with the family alone.
     */
    public String lastUnixSender() {
        NativeScratch s = scratch();
        return codec.decodeUnix(s.sockaddr, s.sockaddr.getInt(s.sockaddrLengthIndex));
    }

    /** Decodes the sender the last successful {@link #receiveFrom} on this thread wrote. */
    public InetSocketAddress lastSender() throws SocketErrorException {
        NativeScratch s = scratch();
        return codec.decode(s.sockaddr, s.sockaddr.getInt(s.sockaddrLengthIndex));
    }

    /**
     * Sets a socket option whose value is a structure ({@code struct ip_mreq}, {@code struct in_addr}) given
     * as its bytes, at most 32.
     */
    public void setOption(int fd, int level, int option, byte[] value) throws SocketErrorException {
        NativeScratch s = scratch();
        s.words.put(0, value);
        int result;
        do {
            result = sys.setsockopt(fd, level, option, s.wordsAddress, value.length);
        } while (result == -eintr);
        if (result != 0) {
            throw failure("setsockopt", result);
        }
    }

    /** Reads a socket option of at most {@code length} (at most 16) bytes, as the kernel wrote them. */
    public byte[] getOption(int fd, int level, int option, int length) throws SocketErrorException {
        NativeScratch s = scratch();
        s.words.putLong(0, 0);
        s.words.putLong(8, 0);
        s.words.putInt(16, length);
        int result;
        do {
            result = sys.getsockopt(fd, level, option, s.wordsAddress, s.wordsAddress + 16);
        } while (result == -eintr);
        if (result != 0) {
            throw failure("getsockopt", result);
        }
        byte[] value = new byte[Math.min(length, s.words.getInt(16))];
        s.words.get(0, value);
        return value;
    }

    /**
     * One {@code recvmmsg} over {@code count} prepared {@code struct mmsghdr}s at {@code msgvecAddress}, retried
     * on {@code EINTR}.
     *
     * @return the number of datagrams received, {@code 0} if none is queued
     */
    public int receiveMany(int fd, long msgvecAddress, int count) throws SocketErrorException {
        int n;
        do {
            n = sys.recvmmsg(fd, msgvecAddress, count, 0, 0);
        } while (n == -eintr);
        if (n >= 0) {
            return n;
        }
        if (wouldBlock(n)) {
            return 0;
        }
        throw failure("recvmmsg", n);
    }

    /** Decodes a socket address the kernel wrote at {@code index} of {@code from}. */
    public InetSocketAddress decodeAddress(java.nio.ByteBuffer from, int index, int length) throws SocketErrorException {
        return codec.decode(from.slice(index, from.capacity() - index).order(from.order()), length);
    }
}
