package dev.twine.nativeio.posix;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.windows.WinLayout;

import static dev.twine.nativeio.posix.SocketAbi.ABSENT;

/**
 * The socket constants and structure layouts Twine uses, one row per value and one column per
 * {@link Platform}: what the C headers ({@code <sys/socket.h>}, {@code <netinet/in.h>},
 * {@code <netinet/tcp.h>}, {@code <fcntl.h>}, {@code <sys/uio.h>}, {@code <sys/un.h>}; Winsock's {@code <ws2def.h>}) would
 * otherwise tell the layer.
 *
 * <p>A row is a C macro of the same name, or, where {@link #c()} is not null, a C expression
 * ({@code sizeof}, {@code offsetof}). {@link SocketAbi#ABSENT} marks a platform whose headers lack the row:
 * macOS has no {@code SOCK_NONBLOCK}/{@code SOCK_CLOEXEC} (nor {@code accept4}), so the layer sets
 * {@code O_NONBLOCK} and {@code FD_CLOEXEC} with {@code fcntl} there; only FreeBSD has
 * {@code SO_REUSEPORT_LB}. macOS's {@code SO_LINGER} column holds {@code SO_LINGER_SEC} (0x1080),
 * whose linger time is in seconds as POSIX says, where plain {@code SO_LINGER} counts clock ticks
 * (xnu {@code bsd/sys/socket.h}). Linux's numbers are the kernel's {@code asm-generic} ones that
 * x86-64 and aarch64 share. The Windows column is taken from {@link WinLayout}, where the
 * Win64 headers check it.
 *
 * <p>{@code NativeLayoutTest} compiles a C program that prints every row and compares it with the
 * column of the machine it runs on (a C expression about a structure the machine's headers lack, such as
 * the BSDs' {@code struct xucred} on Linux, is left out there).
 */
public enum SocketConstant {
    //                                                               linux  darwin  freebsd  windows
    AF_INET(null,                                                       2,      2,      2, WinLayout.AF_INET),
    AF_INET6(null,                                                     10,     30,     28, WinLayout.AF_INET6),
    SOCK_STREAM(null,                                                   1,      1,      1, WinLayout.SOCK_STREAM),
    /** Winsock's {@code SOCK_DGRAM} is 2 as well ({@code <winsock2.h>}). */
    SOCK_DGRAM(null,                                                    2,      2,      2, 2),
    SOCK_NONBLOCK(null,                                             0x800, ABSENT, 0x20000000, ABSENT),
    SOCK_CLOEXEC(null,                                            0x80000, ABSENT, 0x10000000, ABSENT),
    SOL_SOCKET(null,                                                    1, 0xffff,  0xffff, WinLayout.SOL_SOCKET),
    SO_REUSEADDR(null,                                                  2,      4,      4, WinLayout.SO_REUSEADDR),
    SO_REUSEPORT(null,                                                 15,  0x200,  0x200, ABSENT),
    SO_REUSEPORT_LB(null,                                          ABSENT, ABSENT, 0x10000, ABSENT),
    SO_ERROR(null,                                                      4, 0x1007, 0x1007, WinLayout.SO_ERROR),
    SO_KEEPALIVE(null,                                                  9,      8,      8, WinLayout.SO_KEEPALIVE),
    SO_LINGER(null,                                                    13, 0x1080,   0x80, WinLayout.SO_LINGER),
    IPPROTO_TCP(null,                                                   6,      6,      6, WinLayout.IPPROTO_TCP),
    TCP_NODELAY(null,                                                   1,      1,      1, WinLayout.TCP_NODELAY),
    SHUT_RD(null,                                                       0,      0,      0, WinLayout.SD_RECEIVE),
    SHUT_WR(null,                                                       1,      1,      1, WinLayout.SD_SEND),
    F_GETFL(null,                                                       3,      3,      3, ABSENT),
    F_SETFL(null,                                                       4,      4,      4, ABSENT),
    O_NONBLOCK(null,                                                0x800,      4,      4, ABSENT),
    F_GETFD(null,                                                       1,      1,      1, ABSENT),
    F_SETFD(null,                                                       2,      2,      2, ABSENT),
    /** Duplicates a descriptor, close-on-exec at once (POSIX.1-2008), for adopting sockets. */
    F_DUPFD_CLOEXEC(null,                                            1030,     67,     17, ABSENT),
    FD_CLOEXEC(null,                                                    1,      1,      1, ABSENT),
    /** {@code UIO_MAXIOV} on Linux: the most iovecs one {@code writev} accepts. */
    IOV_MAX(null,                                                    1024,   1024,   1024, ABSENT),
    /** Where the family is: after BSD's one-byte {@code sin_len}, or first, as a two-byte value. */
    SIN_FAMILY("offsetof(struct sockaddr_in, sin_family)",              0,      1,      1, WinLayout.SOCKADDR_IN_SIN_FAMILY),
    SIN_FAMILY_SIZE("sizeof(((struct sockaddr_in *) 0)->sin_family)",   2,      1,      1, 2),
    SOCKADDR_IN_SIZE("sizeof(struct sockaddr_in)",                     16,     16,     16, WinLayout.SOCKADDR_IN_SIZE),
    SIN_PORT("offsetof(struct sockaddr_in, sin_port)",                  2,      2,      2, WinLayout.SOCKADDR_IN_SIN_PORT),
    SIN_ADDR("offsetof(struct sockaddr_in, sin_addr)",                  4,      4,      4, WinLayout.SOCKADDR_IN_SIN_ADDR),
    SOCKADDR_IN6_SIZE("sizeof(struct sockaddr_in6)",                   28,     28,     28, WinLayout.SOCKADDR_IN6_SIZE),
    SIN6_PORT("offsetof(struct sockaddr_in6, sin6_port)",               2,      2,      2, WinLayout.SOCKADDR_IN6_SIN6_PORT),
    SIN6_FLOWINFO("offsetof(struct sockaddr_in6, sin6_flowinfo)",       4,      4,      4, WinLayout.SOCKADDR_IN6_SIN6_FLOWINFO),
    SIN6_ADDR("offsetof(struct sockaddr_in6, sin6_addr)",               8,      8,      8, WinLayout.SOCKADDR_IN6_SIN6_ADDR),
    SIN6_SCOPE_ID("offsetof(struct sockaddr_in6, sin6_scope_id)",      24,     24,     24, WinLayout.SOCKADDR_IN6_SIN6_SCOPE_ID),
    SOCKADDR_STORAGE_SIZE("sizeof(struct sockaddr_storage)",          128,    128,    128, WinLayout.SOCKADDR_STORAGE_SIZE),
    LINGER_SIZE("sizeof(struct linger)",                                8,      8,      8, WinLayout.LINGER_SIZE),
    L_ONOFF("offsetof(struct linger, l_onoff)",                         0,      0,      0, WinLayout.LINGER_L_ONOFF),
    L_LINGER("offsetof(struct linger, l_linger)",                       4,      4,      4, WinLayout.LINGER_L_LINGER),
    IOVEC_SIZE("sizeof(struct iovec)",                                 16,     16,     16, ABSENT),
    IOV_BASE("offsetof(struct iovec, iov_base)",                        0,      0,      0, ABSENT),
    IOV_LEN("offsetof(struct iovec, iov_len)",                          8,      8,      8, ABSENT),
    /** {@code iov_len} is a {@code size_t}: written as a {@code long}. */
    IOV_LEN_SIZE("sizeof(((struct iovec *) 0)->iov_len)",               8,      8,      8, ABSENT),
    // IPv4 multicast (ip(7), ip(4)). The BSDs take the TTL and loop options as a u_char or an int alike
    // (ip_setmoptions), so the layer passes ints everywhere. No Windows column: IOCP has no UDP yet.
    IPPROTO_IP(null,                                                    0,      0,      0, ABSENT),
    IP_MULTICAST_IF(null,                                              32,      9,      9, ABSENT),
    IP_MULTICAST_TTL(null,                                             33,     10,     10, ABSENT),
    IP_MULTICAST_LOOP(null,                                            34,     11,     11, ABSENT),
    IP_ADD_MEMBERSHIP(null,                                            35,     12,     12, ABSENT),
    IP_DROP_MEMBERSHIP(null,                                           36,     13,     13, ABSENT),
    IP_MREQ_SIZE("sizeof(struct ip_mreq)",                              8,      8,      8, ABSENT),
    IMR_MULTIADDR("offsetof(struct ip_mreq, imr_multiaddr)",            0,      0,      0, ABSENT),
    IMR_INTERFACE("offsetof(struct ip_mreq, imr_interface)",            4,      4,      4, ABSENT),
    // recvmmsg(2)'s struct mmsghdr {struct msghdr msg_hdr; unsigned msg_len;}. Linux only here: the layer
    // reads datagrams in batches with it there, and one at a time elsewhere. MSG_IOV and MSG_IOVLEN are below.
    MMSGHDR_SIZE("sizeof(struct mmsghdr)",                             64, ABSENT, ABSENT, ABSENT),
    MSG_NAME("offsetof(struct msghdr, msg_name)",                       0, ABSENT, ABSENT, ABSENT),
    MSG_NAMELEN("offsetof(struct msghdr, msg_namelen)",                 8, ABSENT, ABSENT, ABSENT),
    MMSG_LEN("offsetof(struct mmsghdr, msg_len)",                      56, ABSENT, ABSENT, ABSENT),
    // -- UNIX sockets (unix(7), unix(4)); Windows' AF_UNIX (afunix.h) is not used by Twine yet --
    AF_UNIX(null,                                                       1,      1,      1, ABSENT),
    /** Where {@code sun_path} starts: after the family (and BSD's {@code sun_len}). */
    SUN_PATH("offsetof(struct sockaddr_un, sun_path)",                  2,      2,      2, ABSENT),
    /** The bytes {@code sun_path} holds: a longer path cannot be bound or connected to. */
    SUN_PATH_SIZE("sizeof(((struct sockaddr_un *) 0)->sun_path)",     108,    104,    104, ABSENT),
    SOCKADDR_UN_SIZE("sizeof(struct sockaddr_un)",                    110,    106,    106, ABSENT),
    /** Linux's peer credentials option (unix(7)): a {@code struct ucred} at {@code SOL_SOCKET}. */
    SO_PEERCRED(null,                                                  17, ABSENT, ABSENT, ABSENT),
    UCRED_SIZE("sizeof(struct ucred)",                                 12, ABSENT, ABSENT, ABSENT),
    UCRED_PID("offsetof(struct ucred, pid)",                            0, ABSENT, ABSENT, ABSENT),
    UCRED_UID("offsetof(struct ucred, uid)",                            4, ABSENT, ABSENT, ABSENT),
    UCRED_GID("offsetof(struct ucred, gid)",                            8, ABSENT, ABSENT, ABSENT),
    /** The BSDs' and macOS's peer credentials (unix(4)): a {@code struct xucred} at level {@code SOL_LOCAL}, 0. */
    SOL_LOCAL(null,                                                ABSENT,      0,      0, ABSENT),
    LOCAL_PEERCRED(null,                                           ABSENT,      1,      1, ABSENT),
    /** macOS alone reports the peer's pid, as a separate option ({@code sys/un.h}). */
    LOCAL_PEERPID(null,                                            ABSENT,      2, ABSENT, ABSENT),
    /** {@code cr_version, cr_uid, cr_ngroups, cr_groups[16]}; FreeBSD 13 appends {@code cr_pid}, padded to 8. */
    XUCRED_SIZE("sizeof(struct xucred)",                           ABSENT,     76,     88, ABSENT),
    XUCRED_UID("offsetof(struct xucred, cr_uid)",                  ABSENT,      4,      4, ABSENT),
    /** {@code cr_groups[0]} is the effective group id. */
    XUCRED_GROUPS("offsetof(struct xucred, cr_groups)",            ABSENT,     12,     12, ABSENT),
    // -- descriptor passing: struct msghdr and struct cmsghdr (sendmsg(2), cmsg(3)) --
    SCM_RIGHTS(null,                                                    1,      1,      1, ABSENT),
    /** Received descriptors are close-on-exec at once; macOS lacks the flag and gets {@code FD_CLOEXEC} after. */
    MSG_CMSG_CLOEXEC(null,                                     0x40000000, ABSENT, 0x40000, ABSENT),
    /** Set in {@code msg_flags} when descriptors did not fit the control buffer (and were closed). */
    MSG_CTRUNC(null,                                                    8,   0x20,   0x20, ABSENT),
    MSGHDR_SIZE("sizeof(struct msghdr)",                               56,     48,     48, ABSENT),
    MSG_IOV("offsetof(struct msghdr, msg_iov)",                        16,     16,     16, ABSENT),
    MSG_IOVLEN("offsetof(struct msghdr, msg_iovlen)",                  24,     24,     24, ABSENT),
    /** {@code size_t} on Linux, {@code int} on the BSDs. */
    MSG_IOVLEN_SIZE("sizeof(((struct msghdr *) 0)->msg_iovlen)",        8,      4,      4, ABSENT),
    MSG_CONTROL("offsetof(struct msghdr, msg_control)",                32,     32,     32, ABSENT),
    MSG_CONTROLLEN("offsetof(struct msghdr, msg_controllen)",          40,     40,     40, ABSENT),
    /** {@code size_t} on Linux, {@code socklen_t} on the BSDs. */
    MSG_CONTROLLEN_SIZE("sizeof(((struct msghdr *) 0)->msg_controllen)", 8,     4,      4, ABSENT),
    MSG_FLAGS("offsetof(struct msghdr, msg_flags)",                    48,     44,     44, ABSENT),
    /** {@code cmsg_len}'s size: {@code size_t} on Linux, {@code socklen_t} on the BSDs. */
    CMSG_LEN_SIZE("sizeof(((struct cmsghdr *) 0)->cmsg_len)",           8,      4,      4, ABSENT),
    CMSG_LEVEL("offsetof(struct cmsghdr, cmsg_level)",                  8,      4,      4, ABSENT),
    CMSG_TYPE("offsetof(struct cmsghdr, cmsg_type)",                   12,      8,      8, ABSENT),
    /** Where a control message's data starts: {@code CMSG_LEN(0)}. */
    CMSG_DATA_OFFSET("CMSG_LEN(0)",                                    16,     12,     16, ABSENT),
    /** The alignment {@code CMSG_SPACE} rounds data up to. */
    CMSG_ALIGNMENT("CMSG_SPACE(1) - CMSG_LEN(0)",                       8,      4,      8, ABSENT);

    private final String c;
    private final int[] values;

    SocketConstant(String c, int linux, int darwin, int freebsd, int windows) {
        this.c = c;
        this.values = new int[] {linux, darwin, freebsd, windows};
    }

    /** The C expression for this row, or {@code null} when it is the macro {@link #name()}. */
    public String c() {
        return c;
    }

    /** This row's value on {@code platform}, or {@link SocketAbi#ABSENT}. */
    public int value(Platform platform) {
        return values[platform.ordinal()];
    }
}
