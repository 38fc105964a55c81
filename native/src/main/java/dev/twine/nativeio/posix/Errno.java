package dev.twine.nativeio.posix;

import dev.twine.nativeio.Platform;

/**
 * The errno names Twine acts on, with their numbers per POSIX platform: the names of
 * {@code dev.twine.spi.SocketError}, the ones the error policy tests for ({@code EAGAIN},
 * {@code EINPROGRESS}, {@code EALREADY}, {@code EISCONN}), the pollers' ({@code ENOENT}, {@code EEXIST},
 * {@code ENOSYS}), {@code ECANCELED} and {@code EOPNOTSUPP}, and {@code EIO}, the name of any number not
 * listed. Every other number is reported by its number and {@code strerror(3)} text.
 *
 * <p>Linux: {@code asm-generic/errno-base.h} and {@code errno.h}; macOS: xnu {@code bsd/sys/errno.h};
 * FreeBSD: {@code sys/sys/errno.h}. {@code EWOULDBLOCK} equals {@code EAGAIN} on all three and comes
 * second, so {@code EAGAIN} is the name a number reads back as. {@code NativeLayoutTest} checks the
 * running system's column against its headers. Windows has its own table ({@code WinsockErrors}).
 */
public enum Errno {
    //              linux darwin freebsd
    EPERM(              1,    1,    1),
    ENOENT(             2,    2,    2),
    EINTR(              4,    4,    4),
    EIO(                5,    5,    5),
    EBADF(              9,    9,    9),
    EAGAIN(            11,   35,   35),
    EWOULDBLOCK(       11,   35,   35),
    ENOMEM(            12,   12,   12),
    EACCES(            13,   13,   13),
    EEXIST(            17,   17,   17),
    EINVAL(            22,   22,   22),
    ENFILE(            23,   23,   23),
    EMFILE(            24,   24,   24),
    EPIPE(             32,   32,   32),
    ENOSYS(            38,   78,   78),
    EMSGSIZE(          90,   40,   40),
    EOPNOTSUPP(        95,  102,   45),
    EAFNOSUPPORT(      97,   47,   47),
    EADDRINUSE(        98,   48,   48),
    EADDRNOTAVAIL(     99,   49,   49),
    ENETUNREACH(      101,   51,   51),
    ECONNABORTED(     103,   53,   53),
    ECONNRESET(       104,   54,   54),
    ENOBUFS(          105,   55,   55),
    EISCONN(          106,   56,   56),
    ENOTCONN(         107,   57,   57),
    ETIMEDOUT(        110,   60,   60),
    ECONNREFUSED(     111,   61,   61),
    EHOSTUNREACH(     113,   65,   65),
    EALREADY(         114,   37,   37),
    EINPROGRESS(      115,   36,   36),
    ECANCELED(        125,   89,   85);

    private final int[] numbers;

    Errno(int linux, int darwin, int freebsd) {
        this.numbers = new int[] {linux, darwin, freebsd};
    }

    /**
     * This name's number on a POSIX {@code platform}.
     *
     * @throws IllegalArgumentException for {@link Platform#WINDOWS}, whose codes are Winsock's
     */
    public int number(Platform platform) {
        if (platform == Platform.WINDOWS) {
            throw new IllegalArgumentException("Windows errors are Winsock codes; see WinsockErrors");
        }
        return numbers[platform.ordinal()];
    }
}
