package dev.twine.nativeio.posix;

/**
 * The POSIX socket system calls, one Java method per C function, in the flat shape every caller
 * above wants: ints and {@code long} addresses in, a result or a negated errno out.
 *
 * <p><b>Return convention.</b> Every method returns what the C function returns on success, and
 * {@code -errno} on failure (Netty's {@code netty_unix_socket.c} shape), so no call throws and no
 * caller has to fetch errno separately. {@code -EINTR} is passed through like any other error: the
 * one place that knows which calls are safe to restart is {@link SocketCalls}.
 *
 * <p><b>Memory.</b> Every {@code long} parameter named {@code ...Address} is the address of native
 * memory the caller owns for the duration of the call (a direct {@code ByteBuffer} plus position,
 * or a slot of {@link NativeScratch}); lengths are in bytes. Layouts of the structures passed
 * ({@code struct sockaddr_in}, {@code iovec}, {@code linger}) are given by {@link SocketAbi}.
 *
 * <p><b>Why an interface.</b> It is the seam at the syscall boundary (native.md §1.5): the
 * production implementations are {@link JnrPosixSockets} (jnr-ffi) and {@code PanamaPosixSockets}
 * (JDK 22+), one chosen per JVM by {@code NativeBindings}; {@code dev.twine.nativeio.fault} wraps either to
 * inject {@code EAGAIN}, {@code EINTR}, short transfers and connection errors deterministically.
 *
 * <p><b>Threading.</b> Implementations are stateless and may be shared by every thread; a call is as
 * thread-safe as the system call it makes.
 */
public interface PosixSockets {

    /** {@code int socket(int domain, int type, int protocol)}: a descriptor or {@code -errno}. */
    int socket(int domain, int type, int protocol);

    /**
     * {@code int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags)} (Linux,
     * FreeBSD 10+): a descriptor or {@code -errno}. Pass {@code 0} addresses when the peer address
     * is not wanted.
     */
    int accept4(int fd, long addrAddress, long addrLenAddress, int flags);

    /** {@code int accept(int fd, struct sockaddr *addr, socklen_t *addrlen)}, for systems without accept4 (macOS). */
    int accept(int fd, long addrAddress, long addrLenAddress);

    /** {@code int connect(int fd, const struct sockaddr *addr, socklen_t addrlen)}: 0 or {@code -errno}. */
    int connect(int fd, long addrAddress, int addrLen);

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t addrlen)}: 0 or {@code -errno}. */
    int bind(int fd, long addrAddress, int addrLen);

    /** {@code int listen(int fd, int backlog)}: 0 or {@code -errno}. */
    int listen(int fd, int backlog);

    /** {@code int shutdown(int fd, int how)}: 0 or {@code -errno}. */
    int shutdown(int fd, int how);

    /**
     * {@code int close(int fd)}: 0, or a negative value on failure. Unlike every other call the
     * error number is not fetched: after {@code close} returns, the descriptor is released whatever
     * it reports, and retrying on {@code EINTR} could close a descriptor another thread has just
     * been given (close(2), NOTES). So there is nothing a caller could do with it.
     */
    int close(int fd);

    /** {@code ssize_t read(int fd, void *buf, size_t count)}: bytes read (0 at end of stream) or {@code -errno}. */
    long read(int fd, long bufAddress, long count);

    /** {@code ssize_t write(int fd, const void *buf, size_t count)}: bytes written or {@code -errno}. */
    long write(int fd, long bufAddress, long count);

    /**
     * {@code ssize_t recv(int fd, void *buf, size_t len, int flags)}: bytes read (0 at end of stream) or
     * {@code -errno}. With {@code flags} 0 it is read(2) on a socket (recv(2): "the only difference between
     * recv() and read(2) is the presence of flags"), but it enters the socket layer directly, without
     * read(2)'s file-layer steps; stream sockets read with it (bench/README.md, "System calls per request").
     */
    long recv(int fd, long bufAddress, long length, int flags);

    /**
     * {@code ssize_t send(int fd, const void *buf, size_t len, int flags)}: bytes written or {@code -errno}.
     * With {@code flags} 0 it is write(2) on a socket (send(2)), through the socket layer directly, as
     * {@link #recv}.
     */
    long send(int fd, long bufAddress, long length, int flags);

    /** {@code ssize_t readv(int fd, const struct iovec *iov, int iovcnt)}: bytes read or {@code -errno}. */
    long readv(int fd, long iovAddress, int iovCount);

    /** {@code ssize_t writev(int fd, const struct iovec *iov, int iovcnt)}: bytes written or {@code -errno}. */
    long writev(int fd, long iovAddress, int iovCount);

    /**
     * {@code int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen)}:
     * 0 or {@code -errno}.
     */
    int getsockopt(int fd, int level, int option, long valueAddress, long lengthAddress);

    /**
     * {@code int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen)}:
     * 0 or {@code -errno}.
     */
    int setsockopt(int fd, int level, int option, long valueAddress, int length);

    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *addrlen)}: 0 or {@code -errno}. */
    int getsockname(int fd, long addrAddress, long addrLenAddress);

    /** {@code int getpeername(int fd, struct sockaddr *addr, socklen_t *addrlen)}: 0 or {@code -errno}. */
    int getpeername(int fd, long addrAddress, long addrLenAddress);

    /**
     * {@code int fcntl(int fd, int cmd, int arg)} for the integer commands ({@code F_GETFL},
     * {@code F_SETFL}, {@code F_GETFD}, {@code F_SETFD}): the command's result or {@code -errno}.
     */
    int fcntl(int fd, int cmd, int arg);

    /**
     * {@code char *strerror(int errnum)}: the C library's description of {@code errno}, for messages.
     * Called only on error paths.
     */
    String strerror(int errno);

    // -- UNIX sockets --

    /**
     * {@code ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)}: bytes written or {@code -errno}.
     * Twine uses it to pass descriptors ({@code SCM_RIGHTS}) over {@code AF_UNIX} sockets (semantics.md §8.8).
     */
    long sendmsg(int fd, long msghdrAddress, int flags);

    /**
     * {@code ssize_t recvmsg(int fd, struct msghdr *msg, int flags)}: bytes read ({@code 0} at end of stream)
     * or {@code -errno}; the kernel updates the header's {@code msg_controllen} and {@code msg_flags}.
     */
    long recvmsg(int fd, long msghdrAddress, int flags);

    // -- datagram sockets --

    /**
     * {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *dest,
     * socklen_t destlen)}: bytes sent or {@code -errno}. A {@code 0} {@code destAddress} (with length 0)
     * sends to a connected socket's peer.
     */
    long sendto(int fd, long bufAddress, long length, int flags, long destAddress, int destLength);

    /**
     * {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *src,
     * socklen_t *srclen)}: the datagram's length (truncated to {@code length}) or {@code -errno}.
     */
    long recvfrom(int fd, long bufAddress, long length, int flags, long srcAddress, long srcLengthAddress);

    /**
     * {@code int recvmmsg(int fd, struct mmsghdr *msgvec, unsigned vlen, int flags, struct timespec *timeout)}
     * (Linux): the number of datagrams received or {@code -errno}. Only called where
     * {@link SocketConstant#MMSGHDR_SIZE} exists.
     */
    int recvmmsg(int fd, long msgvecAddress, int vlen, int flags, long timeoutAddress);
}
