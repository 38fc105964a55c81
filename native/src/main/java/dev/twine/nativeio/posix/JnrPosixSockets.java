package dev.twine.nativeio.posix;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * {@link PosixSockets} bound to the C library with jnr-ffi.
 *
 * <p>Every function is declared with primitives and {@code long} addresses only, which is the
 * signature shape jnr-ffi compiles to its x86-64/aarch64 assembler stub (native.md §1.2): no
 * {@code Pointer}, {@code ByteBuffer} or {@code Struct} marshalling on any call. Calls whose errno
 * matters are {@code @SaveError} (jffi copies errno right after the call, before the JVM can
 * clobber it) and errno is fetched with {@link Runtime#getLastError()} only when the call returned
 * {@code -1}, so the success path pays no second native call. {@code close} is
 * {@code @IgnoreError}: its error is never used (see {@link PosixSockets#close}).
 *
 * <p>Requires a 64-bit runtime: addresses are passed as {@code long} and {@code size_t} values as
 * {@code long}. {@link #load()} refuses anything else. Stateless and thread-safe.
 */
public final class JnrPosixSockets implements PosixSockets {

    /**
     * The C functions as jnr-ffi sees them. Public only because jnr-ffi generates its
     * implementation in another class loader; use {@link JnrPosixSockets} instead.
     */
    public interface LibC {
        @SaveError int socket(int domain, int type, int protocol);

        @SaveError int accept4(int fd, long addr, long addrLen, int flags);

        @SaveError int accept(int fd, long addr, long addrLen);

        @SaveError int connect(int fd, long addr, int addrLen);

        @SaveError int bind(int fd, long addr, int addrLen);

        @SaveError int listen(int fd, int backlog);

        @SaveError int shutdown(int fd, int how);

        @IgnoreError int close(int fd);

        @SaveError @ssize_t long read(int fd, long buf, @size_t long count);

        @SaveError @ssize_t long write(int fd, long buf, @size_t long count);

        @SaveError @ssize_t long recv(int fd, long buf, @size_t long length, int flags);

        @SaveError @ssize_t long send(int fd, long buf, @size_t long length, int flags);

        @SaveError @ssize_t long readv(int fd, long iov, int iovCount);

        @SaveError @ssize_t long writev(int fd, long iov, int iovCount);

        @SaveError int getsockopt(int fd, int level, int option, long value, long length);

        @SaveError @ssize_t long sendmsg(int fd, long msghdr, int flags);

        @SaveError @ssize_t long recvmsg(int fd, long msghdr, int flags);

        @SaveError int setsockopt(int fd, int level, int option, long value, int length);

        @SaveError int getsockname(int fd, long addr, long addrLen);

        @SaveError int getpeername(int fd, long addr, long addrLen);

        /**
         * fcntl is variadic. Declaring it so matters on Apple arm64, where variadic arguments go on
         * the stack; it costs the generic call path, which is fine for a call made once per socket
         * at most.
         */
        @SaveError @Variadic(fixedCount = 2) int fcntl(int fd, int cmd, int arg);

        /**
         * strerror rather than strerror_r: glibc exports the GNU strerror_r (returning a pointer) under
         * that name and the BSDs the XSI one (returning an int), while strerror is one signature
         * everywhere and thread-safe in glibc 2.32+, macOS and FreeBSD for known numbers (strerror(3)).
         */
        @IgnoreError String strerror(int errnum);

        /**
         * sendto and recvfrom are the only six-argument functions here, and jnr-ffi's compiled x86-64 stub
         * passed a wrong sixth argument (strace showed a garbage {@code socklen_t}, and EINVAL), whatever
         * the Java types. Declaring them as having six fixed arguments of a variadic function sends them
         * through the generic call path, which passes all six correctly at some cost per call.
         */
        @SaveError @Variadic(fixedCount = 6) @ssize_t long sendto(int fd, long buf, @size_t long length, int flags, long dest, int destLength);

        @SaveError int recvmmsg(int fd, long msgvec, int vlen, int flags, long timeout);

        @SaveError @Variadic(fixedCount = 6) @ssize_t long recvfrom(int fd, long buf, @size_t long length, int flags, long src, long srcLength);
    }

    private final LibC libc;
    private final Runtime runtime;

    private JnrPosixSockets(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /**
     * Binds the C library.
     *
     * @throws UnsupportedOperationException on a 32-bit runtime
     * @throws LinkageError if jffi's own JNI library cannot load
     */
    public static JnrPosixSockets load() {
        return new JnrPosixSockets(loadLibC(LibC.class));
    }

    /**
     * Loads a jnr-ffi interface from the platform's standard C library, refusing 32-bit runtimes
     * because every binding in this module passes addresses as {@code long}.
     */
    public static <T> T loadLibC(Class<T> library) {
        Runtime system = Runtime.getSystemRuntime();
        if (system.addressSize() != 8) {
            throw new UnsupportedOperationException(
                    "Twine's native bindings need a 64-bit runtime, this one has "
                            + system.addressSize() * 8 + "-bit addresses");
        }
        return LibraryLoader.create(library).load(Platform.getNativePlatform().getStandardCLibraryName());
    }

    private int errno() {
        return runtime.getLastError();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        int fd = libc.socket(domain, type, protocol);
        return fd >= 0 ? fd : -errno();
    }

    @Override
    public int accept4(int fd, long addrAddress, long addrLenAddress, int flags) {
        int accepted = libc.accept4(fd, addrAddress, addrLenAddress, flags);
        return accepted >= 0 ? accepted : -errno();
    }

    @Override
    public int accept(int fd, long addrAddress, long addrLenAddress) {
        int accepted = libc.accept(fd, addrAddress, addrLenAddress);
        return accepted >= 0 ? accepted : -errno();
    }

    @Override
    public int connect(int fd, long addrAddress, int addrLen) {
        return libc.connect(fd, addrAddress, addrLen) == 0 ? 0 : -errno();
    }

    @Override
    public int bind(int fd, long addrAddress, int addrLen) {
        return libc.bind(fd, addrAddress, addrLen) == 0 ? 0 : -errno();
    }

    @Override
    public int listen(int fd, int backlog) {
        return libc.listen(fd, backlog) == 0 ? 0 : -errno();
    }

    @Override
    public int shutdown(int fd, int how) {
        return libc.shutdown(fd, how) == 0 ? 0 : -errno();
    }

    @Override
    public int close(int fd) {
        return libc.close(fd);
    }

    @Override
    public long read(int fd, long bufAddress, long count) {
        long n = libc.read(fd, bufAddress, count);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long write(int fd, long bufAddress, long count) {
        long n = libc.write(fd, bufAddress, count);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long recv(int fd, long bufAddress, long length, int flags) {
        long n = libc.recv(fd, bufAddress, length, flags);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long send(int fd, long bufAddress, long length, int flags) {
        long n = libc.send(fd, bufAddress, length, flags);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long readv(int fd, long iovAddress, int iovCount) {
        long n = libc.readv(fd, iovAddress, iovCount);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long writev(int fd, long iovAddress, int iovCount) {
        long n = libc.writev(fd, iovAddress, iovCount);
        return n >= 0 ? n : -errno();
    }

    @Override
    public int getsockopt(int fd, int level, int option, long valueAddress, long lengthAddress) {
        return libc.getsockopt(fd, level, option, valueAddress, lengthAddress) == 0 ? 0 : -errno();
    }

    @Override
    public int setsockopt(int fd, int level, int option, long valueAddress, int length) {
        return libc.setsockopt(fd, level, option, valueAddress, length) == 0 ? 0 : -errno();
    }

    @Override
    public int getsockname(int fd, long addrAddress, long addrLenAddress) {
        return libc.getsockname(fd, addrAddress, addrLenAddress) == 0 ? 0 : -errno();
    }

    @Override
    public int getpeername(int fd, long addrAddress, long addrLenAddress) {
        return libc.getpeername(fd, addrAddress, addrLenAddress) == 0 ? 0 : -errno();
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        int result = libc.fcntl(fd, cmd, arg);
        return result != -1 ? result : -errno();
    }

    @Override
    public String strerror(int errno) {
        return libc.strerror(errno);
    }

    // -- UNIX sockets --

    @Override
    public long sendmsg(int fd, long msghdrAddress, int flags) {
        long n = libc.sendmsg(fd, msghdrAddress, flags);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long recvmsg(int fd, long msghdrAddress, int flags) {
        long n = libc.recvmsg(fd, msghdrAddress, flags);
        return n >= 0 ? n : -errno();
    }

    // -- datagram sockets --

    @Override
    public long sendto(int fd, long bufAddress, long length, int flags, long destAddress, int destLength) {
        long n = libc.sendto(fd, bufAddress, length, flags, destAddress, destLength);
        return n >= 0 ? n : -errno();
    }

    @Override
    public long recvfrom(int fd, long bufAddress, long length, int flags, long srcAddress, long srcLengthAddress) {
        long n = libc.recvfrom(fd, bufAddress, length, flags, srcAddress, srcLengthAddress);
        return n >= 0 ? n : -errno();
    }

    @Override
    public int recvmmsg(int fd, long msgvecAddress, int vlen, int flags, long timeoutAddress) {
        int n = libc.recvmmsg(fd, msgvecAddress, vlen, flags, timeoutAddress);
        return n >= 0 ? n : -errno();
    }
}
