package dev.twine.nativeio.linux;

import dev.twine.nativeio.posix.SocketAbi;

/**
 * Linux's socket constants and structure layouts for the two 64-bit architectures supported,
 * x86-64 and aarch64. Both take their socket and fcntl numbers from the kernel's
 * {@code asm-generic} headers and share the LP64 layouts below, so one table serves both; the
 * architecture is checked only to refuse the ones whose headers differ (MIPS, SPARC, PowerPC...).
 *
 * <p>Structures, as glibc declares them ({@code <netinet/in.h>}, {@code <sys/socket.h>},
 * {@code <sys/uio.h>}):
 * <pre>
 * struct sockaddr_in {             // 16 bytes
 *     sa_family_t    sin_family;   //  0, unsigned short, host order
 *     in_port_t      sin_port;     //  2, network order
 *     struct in_addr sin_addr;     //  4, 4 bytes, network order
 *     unsigned char  sin_zero[8];  //  8
 * };
 * struct sockaddr_in6 {            // 28 bytes
 *     sa_family_t     sin6_family;   //  0
 *     in_port_t       sin6_port;     //  2
 *     uint32_t        sin6_flowinfo; //  4
 *     struct in6_addr sin6_addr;     //  8, 16 bytes
 *     uint32_t        sin6_scope_id; // 24
 * };
 * struct linger { int l_onoff; int l_linger; };    // 8 bytes: 0, 4
 * struct iovec  { void *iov_base; size_t iov_len; }; // 16 bytes: 0, 8
 * </pre>
 * Constants: {@code SOCK_NONBLOCK} equals {@code O_NONBLOCK} (04000) and {@code SOCK_CLOEXEC}
 * equals {@code O_CLOEXEC} (02000000), per socket(2); {@code IOV_MAX} is {@code UIO_MAXIOV}, 1024.
 *
 * <p>Immutable; checked against a compiled C program by {@code NativeLayoutTest}.
 */
public final class LinuxSocketAbi implements SocketAbi {

    /** The table for the running JVM's architecture. */
    public static LinuxSocketAbi current() {
        return forArchitecture(System.getProperty("os.arch", ""));
    }

    /**
     * The table for an {@code os.arch} value.
     *
     * @throws UnsupportedOperationException for architectures other than x86-64 and aarch64
     */
    public static LinuxSocketAbi forArchitecture(String osArch) {
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return new LinuxSocketAbi("linux-x86_64");
            case "aarch64":
            case "arm64":
                return new LinuxSocketAbi("linux-aarch64");
            default:
                throw new UnsupportedOperationException("no Linux socket table for architecture " + osArch);
        }
    }

    private final String platform;

    private LinuxSocketAbi(String platform) {
        this.platform = platform;
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
        return 10;
    }

    @Override
    public int sockStream() {
        return 1;
    }

    @Override
    public int sockNonblock() {
        return 0x800;
    }

    @Override
    public int sockCloexec() {
        return 0x80000;
    }

    @Override
    public boolean hasAccept4() {
        return true;
    }

    @Override
    public int solSocket() {
        return 1;
    }

    /** {@code SO_REUSEPORT}, {@code asm-generic/socket.h}: 15. */
    @Override
    public int soBalancedReuseport() {
        return 15;
    }

    @Override
    public int soReuseaddr() {
        return 2;
    }

    @Override
    public int soError() {
        return 4;
    }

    @Override
    public int soKeepalive() {
        return 9;
    }

    @Override
    public int soLinger() {
        return 13;
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
        return 0x800;
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
        return false;
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
