package dev.twine.nativeio.bsd;

import dev.twine.nativeio.posix.SocketAbi;

/**
 * The socket constants and structure layouts of macOS and FreeBSD (64-bit: x86-64 and arm64 share
 * them on each system), for the POSIX socket layer that the kqueue backend uses there.
 *
 * <p>Both descend from 4.4BSD, so they share almost everything, and differ from Linux throughout:
 * {@code SOL_SOCKET} is {@code 0xffff}, {@code SO_ERROR} {@code 0x1007}, and every socket address
 * starts with a one-byte length:
 * <pre>
 * struct sockaddr_in {               // 16 bytes
 *     uint8_t        sin_len;        //  0
 *     sa_family_t    sin_family;     //  1, one byte
 *     in_port_t      sin_port;       //  2, network order
 *     struct in_addr sin_addr;       //  4
 *     char           sin_zero[8];    //  8
 * };
 * struct sockaddr_in6 {              // 28 bytes
 *     uint8_t         sin6_len;      //  0
 *     sa_family_t     sin6_family;   //  1
 *     in_port_t       sin6_port;     //  2
 *     uint32_t        sin6_flowinfo; //  4
 *     struct in6_addr sin6_addr;     //  8
 *     uint32_t        sin6_scope_id; // 24
 * };
 * struct linger { int l_onoff; int l_linger; };      // 8 bytes
 * struct iovec  { void *iov_base; size_t iov_len; }; // 16 bytes
 * </pre>
 * Where they differ: {@code AF_INET6} is 30 on macOS and 28 on FreeBSD; FreeBSD has
 * {@code SOCK_NONBLOCK} ({@code 0x20000000}), {@code SOCK_CLOEXEC} ({@code 0x10000000}) and
 * {@code accept4} (since 10.0), macOS has none of them, so the layer uses {@code fcntl}. On macOS
 * {@code SO_LINGER} (0x80) counts clock ticks; {@code SO_LINGER_SEC} (0x1080) is the one that takes
 * seconds as POSIX specifies, and is what {@link #soLinger()} returns there.
 *
 * <p>Values from xnu's {@code bsd/sys/socket.h}, {@code bsd/netinet/in.h}, {@code bsd/sys/fcntl.h}
 * and FreeBSD's {@code sys/sys/socket.h}, {@code sys/netinet/in.h}, {@code sys/sys/fcntl.h}. They
 * have not been run on those systems from this project's CI (there is none); the Linux table is the
 * one checked against a compiler. Immutable.
 */
public final class BsdSocketAbi implements SocketAbi {

    /** macOS, x86-64 and arm64. */
    public static final BsdSocketAbi DARWIN = new BsdSocketAbi("darwin", 30, 0, 0, false, 0x1080);

    /** FreeBSD 12 and later, amd64 and arm64. */
    public static final BsdSocketAbi FREEBSD = new BsdSocketAbi("freebsd", 28, 0x20000000, 0x10000000, true, 0x80);

    private final String platform;
    private final int afInet6;
    private final int sockNonblock;
    private final int sockCloexec;
    private final boolean accept4;
    private final int soLinger;

    private BsdSocketAbi(String platform, int afInet6, int sockNonblock, int sockCloexec, boolean accept4,
                         int soLinger) {
        this.platform = platform;
        this.afInet6 = afInet6;
        this.sockNonblock = sockNonblock;
        this.sockCloexec = sockCloexec;
        this.accept4 = accept4;
        this.soLinger = soLinger;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public int afInet() {
        return 2;
    }

    @Override
    public int afInet6() {
        return afInet6;
    }

    @Override
    public int sockStream() {
        return 1;
    }

    @Override
    public int sockNonblock() {
        return sockNonblock;
    }

    @Override
    public int sockCloexec() {
        return sockCloexec;
    }

    @Override
    public boolean hasAccept4() {
        return accept4;
    }

    @Override
    public int solSocket() {
        return 0xffff;
    }

    /** FreeBSD's {@code SO_REUSEPORT_LB}, {@code sys/sys/socket.h}: 0x00010000; macOS has no equivalent. */
    @Override
    public int soBalancedReuseport() {
        return "freebsd".equals(platform) ? 0x00010000 : 0;
    }

    @Override
    public int soReuseaddr() {
        return 0x0004;
    }

    @Override
    public int soError() {
        return 0x1007;
    }

    @Override
    public int soKeepalive() {
        return 0x0008;
    }

    @Override
    public int soLinger() {
        return soLinger;
    }

    @Override
    public int ipprotoTcp() {
        return 6;
    }

    @Override
    public int tcpNodelay() {
        return 1;
    }

    @Override
    public int shutRd() {
        return 0;
    }

    @Override
    public int shutWr() {
        return 1;
    }

    @Override
    public int fGetfl() {
        return 3;
    }

    @Override
    public int fSetfl() {
        return 4;
    }

    @Override
    public int oNonblock() {
        return 0x0004;
    }

    @Override
    public int fGetfd() {
        return 1;
    }

    @Override
    public int fSetfd() {
        return 2;
    }

    @Override
    public int fdCloexec() {
        return 1;
    }

    @Override
    public boolean sockaddrHasLength() {
        return true;
    }

    @Override
    public int sockaddrInSize() {
        return 16;
    }

    @Override
    public int sinPortOffset() {
        return 2;
    }

    @Override
    public int sinAddrOffset() {
        return 4;
    }

    @Override
    public int sockaddrIn6Size() {
        return 28;
    }

    @Override
    public int sin6PortOffset() {
        return 2;
    }

    @Override
    public int sin6FlowinfoOffset() {
        return 4;
    }

    @Override
    public int sin6AddrOffset() {
        return 8;
    }

    @Override
    public int sin6ScopeIdOffset() {
        return 24;
    }

    @Override
    public int sockaddrStorageSize() {
        return 128;
    }

    @Override
    public int lingerSize() {
        return 8;
    }

    @Override
    public int lingerOnoffOffset() {
        return 0;
    }

    @Override
    public int lingerLingerOffset() {
        return 4;
    }

    @Override
    public int iovecSize() {
        return 16;
    }

    @Override
    public int iovBaseOffset() {
        return 0;
    }

    @Override
    public int iovLenOffset() {
        return 8;
    }

    @Override
    public int iovMax() {
        return 1024;
    }
}
