package dev.twine.nativeio.posix;

/**
 * The socket constants and structure layouts of one operating system and architecture: everything
 * the POSIX socket layer needs to know that C headers would otherwise tell it.
 *
 * <p>The layer itself ({@link SocketCalls}, {@link SockaddrCodec}, the handles) is written once
 * against this interface; each OS provides one implementation that quotes its headers next to the
 * values (Linux: {@code dev.twine.nativeio.linux.LinuxSocketAbi}; BSD and macOS are added in their
 * own package). A JUnit test compiles a C program that prints the real values and compares them with
 * the table, so a wrong number fails the build rather than a connection.
 *
 * <p>Only 64-bit ABIs are described: pointers and {@code size_t} are 8 bytes wide.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface SocketAbi {

    /** A label such as {@code "linux-x86_64"}, used in messages. */
    String platform();

    // -- socket(2) --

    /** {@code AF_INET}. */
    int afInet();

    /** {@code AF_INET6}. */
    int afInet6();

    /** {@code SOCK_STREAM}. */
    int sockStream();

    /**
     * {@code SOCK_NONBLOCK}, or {@code 0} where {@code socket} and {@code accept4} take no such flag
     * (macOS): the layer then sets {@code O_NONBLOCK} with {@code fcntl}.
     */
    int sockNonblock();

    /** {@code SOCK_CLOEXEC}, or {@code 0} where unsupported: the layer then sets {@code FD_CLOEXEC}. */
    int sockCloexec();

    /** True where {@code accept4} exists (Linux, FreeBSD); macOS has only {@code accept}. */
    boolean hasAccept4();

    // -- getsockopt(2) / setsockopt(2) --

    /** {@code SOL_SOCKET}. */
    int solSocket();

    /** {@code SO_REUSEADDR}. */
    int soReuseaddr();

    /** {@code SO_ERROR}. */
    int soError();

    /**
     * The option that lets several listening sockets share one address with the kernel spreading new
     * connections among them: {@code SO_REUSEPORT} on Linux (socket(7), since 3.9), {@code SO_REUSEPORT_LB}
     * on FreeBSD (since 12.0); {@code 0} where no such option exists (macOS's {@code SO_REUSEPORT} only
     * lets the last socket bound take every connection, so it does not count).
     */
    default int soBalancedReuseport() {
        return 0;
    }

    /** {@code SO_KEEPALIVE}. */
    int soKeepalive();

    /** {@code SO_LINGER}. */
    int soLinger();

    /** {@code IPPROTO_TCP}. */
    int ipprotoTcp();

    /** {@code TCP_NODELAY}. */
    int tcpNodelay();

    // -- shutdown(2) --

    /** {@code SHUT_RD}. */
    int shutRd();

    /** {@code SHUT_WR}. */
    int shutWr();

    // -- fcntl(2) --

    /** {@code F_GETFL}. */
    int fGetfl();

    /** {@code F_SETFL}. */
    int fSetfl();

    /** {@code O_NONBLOCK}. */
    int oNonblock();

    /** {@code F_GETFD}. */
    int fGetfd();

    /** {@code F_SETFD}. */
    int fSetfd();

    /** {@code FD_CLOEXEC}. */
    int fdCloexec();

    // -- struct sockaddr_in, struct sockaddr_in6 --

    /**
     * True where socket addresses start with a one-byte length ({@code sin_len}) followed by a
     * one-byte family (BSD, macOS); false where the family is a two-byte {@code sa_family_t} at
     * offset 0 (Linux).
     */
    boolean sockaddrHasLength();

    /** {@code sizeof(struct sockaddr_in)}. */
    int sockaddrInSize();

    /** {@code offsetof(struct sockaddr_in, sin_port)}; the port is in network byte order. */
    int sinPortOffset();

    /** {@code offsetof(struct sockaddr_in, sin_addr)}. */
    int sinAddrOffset();

    /** {@code sizeof(struct sockaddr_in6)}. */
    int sockaddrIn6Size();

    /** {@code offsetof(struct sockaddr_in6, sin6_port)}. */
    int sin6PortOffset();

    /** {@code offsetof(struct sockaddr_in6, sin6_flowinfo)}. */
    int sin6FlowinfoOffset();

    /** {@code offsetof(struct sockaddr_in6, sin6_addr)}. */
    int sin6AddrOffset();

    /** {@code offsetof(struct sockaddr_in6, sin6_scope_id)}. */
    int sin6ScopeIdOffset();

    /** {@code sizeof(struct sockaddr_storage)}: room for any address. */
    int sockaddrStorageSize();

    // -- struct linger --

    /** {@code sizeof(struct linger)}. */
    int lingerSize();

    /** {@code offsetof(struct linger, l_onoff)}. */
    int lingerOnoffOffset();

    /** {@code offsetof(struct linger, l_linger)}. */
    int lingerLingerOffset();

    // -- struct iovec --

    /** {@code sizeof(struct iovec)}. */
    int iovecSize();

    /** {@code offsetof(struct iovec, iov_base)}. */
    int iovBaseOffset();

    /** {@code offsetof(struct iovec, iov_len)}; the field is a {@code size_t}. */
    int iovLenOffset();

    /** {@code IOV_MAX}: the most iovecs one {@code readv}/{@code writev} accepts. */
    int iovMax();
}
